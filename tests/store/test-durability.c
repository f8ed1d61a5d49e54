/* test-durability.c: a writer killed with SIGKILL at random moments loses nothing
 * it acknowledged, and leaves a workspace that opens and verifies: edits, and
 * an import (whose commits do not wait for the disk, and come a batch of pages
 * at a time, see attest-importer.c).
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
#include "attest-workspace-private.h"

#define ROUNDS 25
#define IMPORT_ROUNDS 8

static const char *self_path;

static gint64
count_rows (AttestWorkspace *ws,
            const char      *sql)
{
  g_autofree char *n = _attest_workspace_query_text (ws, sql);

  g_assert_nonnull (n);
  return g_ascii_strtoll (n, NULL, 10);
}

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

/* Starts @argv, waits for its first acknowledgement (however slow the build,
 * a sanitizer one included), lets it run a random while more (@max_ms at
 * most), then pulls the plug without warning. Returns everything it printed. */
static char *
run_and_kill (const char * const *argv,
              int                 max_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char *line;

  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line != NULL)
    {
      g_string_append_printf (out, "%s\n", line);
      g_free (line);
    }
  g_usleep (g_test_rand_int_range (0, max_ms) * 1000);
  /* SIGKILL, unless it has already finished (a fast import can): its pid
   * may be gone, or another process's, by now. */
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (out, "%s\n", line);
      g_free (line);
    }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The importer: each page reported once it is recorded in its batch, and
 * "committed" when the batch was committed before the page was reported (no
 * transaction open then): every page reported before that is in the file. */
static void
on_page (guint       done,
         guint       total,
         const char *path,
         gpointer    user_data)
{
  AttestWorkspace *ws = user_data;

  if (path == NULL)
    return;
  printf ("page %s\n", path);
  if (sqlite3_get_autocommit (_attest_workspace_get_db (ws)))
    printf ("committed\n");
  fflush (stdout);
}

static int
child_import_main (const char *path,
                   const char *pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
  const char *paths[] = { pages, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;

  if (ws == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  summary = attest_importer_run (ws, paths, on_page, ws, NULL, &error);
  /* The last batch is committed when the import returns. */
  printf ("committed\n");
  fflush (stdout);
  return summary != NULL && summary->failed == 0 ? 0 : 1;
}

/* Pages enough for an import to last a while, each its own framework. */
static void
write_pages (const char *dir,
             guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  static const char *services[] = { "Intune", "Azure", "Power BI", "Stream", "Dynamics 365", "Microsoft Graph" };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("offering-gen-%03u.md", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_string_printf (text, "# Generated framework %u\n\n## Overview\n\n", i);
      for (guint p = 0; p < 40; p++)
        g_string_append_printf (text, "Paragraph %u of page %u says what the audit of control %u covers.\n\n",
                                p, i, (i * 7 + p) % 97);
      g_string_append (text, "## Microsoft in-scope cloud services\n\n");
      for (guint s = 0; s < G_N_ELEMENTS (services); s++)
        if ((i + s) % 3 != 0)
          g_string_append_printf (text, "- %s\n", services[s]);
      g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
    }
}

/* An import killed at a random page: the pages stored are the first ones
 * reported, in order, each with its history row, every page reported before
 * a commit among them (the open batch may be lost, nothing before it), and
 * the workspace opens and verifies. */
static void
test_kill_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-durability-XXXXXX", NULL);
  g_autofree char *pages = g_build_filename (dir, "pages", NULL);
  g_autoptr(GError) error = NULL;
  guint total_committed = 0, partial = 0, lost = 0;

  g_assert_cmpint (g_mkdir (pages, 0700), ==, 0);
  write_pages (pages, 120);

  for (guint round = 0; round < IMPORT_ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("import-%u.attest", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *out = NULL;
      g_autoptr(AttestWorkspace) ws = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_auto(GStrv) lines = NULL;
      const char *argv[] = { self_path, "--child-import", path, pages, NULL };
      guint committed = 0, stored = 0;

      out = run_and_kill (argv, 400);

      ws = attest_workspace_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (attest_workspace_check_integrity (ws, problems, &error));
      g_assert_true (attest_workspace_verify_history (ws, problems, &error));
      for (guint i = 0; i < problems->len; i++)
        g_test_message ("%s", (char *)problems->pdata[i]);
      g_assert_cmpuint (problems->len, ==, 0);

      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "page "))
            g_ptr_array_add (reported, g_path_get_basename (lines[i] + 5));
          else if (g_str_equal (lines[i], "committed"))
            committed = reported->len;
        }

      /* In import order: the first pages reported, maybe one not yet
       * reported when killed (committed, then killed before its line). */
      stmt = _attest_workspace_prepare (ws, "SELECT file_name FROM variant ORDER BY id", &error);
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *file = (const char *)sqlite3_column_text (stmt, 0);
          g_autofree char *n = _attest_workspace_query_text (ws,
                                                             "SELECT count(*) FROM variant v JOIN history h "
                                                             "ON h.entity_id = v.framework_id AND h.action = 'import' "
                                                             "WHERE v.file_name = ?1", file);

          if (stored < reported->len)
            g_assert_cmpstr (file, ==, reported->pdata[stored]);
          g_assert_cmpstr (n, ==, "1");
          stored++;
        }
      g_assert_cmpuint (stored, >=, committed);
      g_assert_cmpuint (stored, <=, reported->len + 1);
      g_assert_cmpint (count_rows (ws, "SELECT count(*) FROM history WHERE action = 'import'"), ==, stored);

      if (stored > 0 && stored < 120)
        partial++;
      if (reported->len > stored)
        lost++;
      total_committed += committed;
    }
  g_test_message ("%u pages reported committed over %u killed imports (%u stopped midway, "
                  "%u with pages of an open batch lost), all kept",
                  total_committed, IMPORT_ROUNDS, partial, lost);
  g_assert_cmpuint (total_committed, >, 0);
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
      g_autofree char *out = NULL;
      g_autoptr(AttestWorkspace) ws = NULL;
      g_autoptr(GPtrArray) notes = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) note_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_auto(GStrv) lines = NULL;
      const char *argv[] = { self_path, "--child", path, NULL };

      /* Once it writes, let it run a random while, then pull the plug. */
      out = run_and_kill (argv, 250);

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
      lines = g_strsplit (out, "\n", -1);
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
  if (argc == 4 && g_str_equal (argv[1], "--child-import"))
    return child_import_main (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/durability/kill-anywhere", test_kill_anywhere);
  g_test_add_func ("/durability/kill-import", test_kill_import);
  return g_test_run ();
}
