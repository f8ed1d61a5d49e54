/* test-durability.c: a writer killed with SIGKILL at random moments loses nothing
 * it acknowledged, and leaves a workspace that opens and verifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-notes.h"

#define ROUNDS 25

static const char *self_path;

/* The writer: notes and checklist edits, each acknowledged on stdout only
 * after its transaction committed. */
static int
child_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (ws == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  items = attest_workspace_get_checklist (ws, "soc/soc-2", "intune", &error);
  if (items == NULL)
    return 1;

  for (guint n = 0; ; n++)
    {
      g_autofree char *text = g_strdup_printf ("note %u from pid %d", n, (int)getpid ());
      gint64 id;
      AttestChecklistItem *item = items->pdata[n % items->len];
      static const char *statuses[] = { "in-progress", "satisfied", "exception", "not-started" };

      if (!attest_workspace_add_note (ws, "framework:soc", text, &id, &error))
        return 1;
      printf ("note %" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
      if (!attest_workspace_update_item (ws, item->id, statuses[n % 4], NULL, NULL, &error))
        return 1;
      printf ("item %" G_GINT64_FORMAT " %s\n", item->id, statuses[n % 4]);
      fflush (stdout);
    }
  return 0;
}

static void
test_kill_anywhere (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-durability-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.attest", NULL);
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(GError) error = NULL;
  guint total_acked = 0;

  {
    g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
    g_autoptr(AttestImportSummary) summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary->imported, ==, 5);
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(AttestWorkspace) ws = NULL;
      g_autoptr(GPtrArray) notes = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) note_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_auto(GStrv) lines = NULL;
      const char *argv[] = { self_path, "--child", path, NULL };
      gsize len;

      child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      /* Let it run a random while, then pull the plug without warning. */
      g_usleep (g_test_rand_int_range (5, 250) * 1000);
      kill (atoi (g_subprocess_get_identifier (child)), SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      out = g_input_stream_read_bytes (g_subprocess_get_stdout_pipe (child), 16 * 1024 * 1024, NULL, &error);
      g_assert_no_error (error);

      ws = attest_workspace_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (attest_workspace_check_integrity (ws, problems, &error));
      g_assert_true (attest_workspace_verify_history (ws, problems, &error));
      g_assert_cmpuint (problems->len, ==, 0);

      notes = attest_workspace_list_notes (ws, "framework:soc", &error);
      for (guint i = 0; i < notes->len; i++)
        {
          gint64 *id = g_new (gint64, 1);
          *id = ((AttestNote *)notes->pdata[i])->id;
          g_hash_table_add (note_ids, id);
        }

      /* Every acknowledged note is there. */
      lines = g_strsplit (g_bytes_get_data (out, &len) ? g_bytes_get_data (out, NULL) : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          gint64 id;
          if (sscanf (lines[i], "note %" G_GINT64_FORMAT, &id) == 1)
            {
              g_assert_true (g_hash_table_contains (note_ids, &id));
              total_acked++;
            }
        }
    }
  g_test_message ("%u acknowledged notes over %u kills, all kept", total_acked, ROUNDS);
  g_assert_cmpuint (total_acked, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/durability/kill-anywhere", test_kill_anywhere);
  return g_test_run ();
}
