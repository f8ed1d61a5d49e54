/* test-workspace.c: attest-cli verify --expect, and a workspace it may only read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <grp.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cli-runner.h"

static char *
seeded_workspace (char **dir)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  char *ws;
  g_auto(Run) r = { 0 };

  *dir = g_dir_make_tmp ("attest-ws-cli-XXXXXX", NULL);
  ws = g_build_filename (*dir, "ro.attest", NULL);
  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "Ask for the bridge letter");
  g_assert_cmpint (r.status, ==, 0);
  return ws;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_expect (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *ws = seeded_workspace (&dir);
  g_autofree char *fingerprint = NULL;
  g_auto(Run) r = { 0 };

  /* The row count is printed beside the fingerprint. */
  run_cli (&r, "--workspace", ws, "verify");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^Fingerprint: [0-9a-f]{64} \\([0-9]+ history rows\\)$", r.out,
                                       G_REGEX_MULTILINE, 0));
  run_cli (&r, "--workspace", ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  fingerprint = g_strstrip (g_strdup (r.out));

  run_cli (&r, "--workspace", ws, "verify", "--expect", fingerprint);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "verify", "--expect", "not-a-fingerprint");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--expect"));

  /* The newest history row deleted: the chain alone looks intact… */
  exec_sql (ws, "DELETE FROM history WHERE id = (SELECT max (id) FROM history)");
  run_cli (&r, "--workspace", ws, "verify");
  g_assert_cmpint (r.status, ==, 0);
  /* …the fingerprint taken before says otherwise. */
  run_cli (&r, "--workspace", ws, "verify", "--expect", fingerprint);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, fingerprint));
  g_assert_nonnull (strstr (r.err, "1 problem found"));

  remove_tree (dir);
}

static void
test_deep_history (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *ws = seeded_workspace (&dir);
  g_autofree char *sql = NULL;
  g_autofree char *open_brackets = g_strnfill (300000, '[');
  g_autofree char *close_brackets = g_strnfill (300000, ']');
  g_auto(Run) r = { 0 };

  /* A crafted row 300 000 levels deep: printed, as text, in both formats. */
  sql = g_strdup_printf ("UPDATE history SET after = '%s%s' WHERE entity = 'note'", open_brackets, close_brackets);
  exec_sql (ws, sql);
  run_cli (&r, "--workspace", ws, "history");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Note added"));
  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"after\" : \"[[[["));

  remove_tree (dir);
}

static void
become_nobody (gpointer data)
{
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (97);
}

/* Runs attest-cli as "nobody" when the tests run as root (whom file modes do
 * not stop); else as this account, the file and folder made read-only.
 * Nothing on its standard input. */
static void
run_unprivileged (Run                *r,
                  const char * const *args)
{
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);

  run_cli_full (r, nothing, geteuid () == 0 ? become_nobody : NULL, args);
}

#define run_ro(r, ...) G_STMT_START {                                   \
    const char *_args[] = { __VA_ARGS__, NULL };                         \
    run_unprivileged ((r), _args);                                       \
  } G_STMT_END

static void
test_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *ws = seeded_workspace (&dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_auto(Run) r = { 0 };
  const char *reads[][3] = {
    { "frameworks", NULL, NULL },
    { "services", NULL, NULL },
    { "matrix", NULL, NULL },
    { "note", "list", NULL },
    { "history", NULL, NULL },
    { "verify", NULL, NULL },
    { "search", "bridge", NULL },
    { "evidence", "list", NULL },
  };

  /* Another account's workspace (mode 644) in its folder; or, not root, one
   * this account may not write. */
  if (geteuid () == 0)
    {
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_cmpint (g_chmod (ws, 0644), ==, 0);
    }
  else
    {
      g_assert_cmpint (g_chmod (ws, 0444), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
    }
  g_assert_true (g_file_get_contents (ws, &before, &before_len, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      if (reads[i][1] == NULL)
        run_ro (&r, "--workspace", ws, reads[i][0]);
      else
        run_ro (&r, "--workspace", ws, reads[i][0], reads[i][1]);
      if (r.status != 0)
        g_test_message ("%s: %s", reads[i][0], r.err);
      g_assert_cmpint (r.status, ==, 0);
    }
  run_ro (&r, "--workspace", ws, "note", "list");
  g_assert_nonnull (strstr (r.out, "Ask for the bridge letter"));

  /* Every write says the file is read-only, and changes nothing. */
  run_ro (&r, "--workspace", ws, "note", "add", "--framework", "soc", "more");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "read-only"));
  g_assert_cmpstr (r.out, ==, "");
  run_ro (&r, "--workspace", ws, "import", g_getenv ("ATTEST_DATADIR"));
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "read-only"));

  g_assert_true (g_file_get_contents (ws, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);

  g_chmod (dir, 0755);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-workspace/expect", test_expect);
  g_test_add_func ("/cli-workspace/deep-history", test_deep_history);
  g_test_add_func ("/cli-workspace/read-only", test_read_only);

  return g_test_run ();
}
