/* test-workspace.c: attest-cli verify --expect, and a workspace it may only read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

  /* The newest history row deleted: the chain alone looks intact, but the
   * note it recorded is still in the tables… */
  exec_sql (ws, "DELETE FROM history WHERE id = (SELECT max (id) FROM history)");
  run_cli (&r, "--workspace", ws, "verify");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "note 1 on SOC: in the tables, not in the history"));
  g_assert_nonnull (strstr (r.err, "1 problem found"));
  /* …and the fingerprint taken before says rows are gone. */
  run_cli (&r, "--workspace", ws, "verify", "--expect", fingerprint);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, fingerprint));
  g_assert_nonnull (strstr (r.err, "2 problems found"));

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

/* Runs attest-cli as "nobody" when the tests run as root (whom file modes do
 * not stop); else as this account, the file and folder made read-only.
 * Nothing on its standard input. */
static void
run_unprivileged (Run                *r,
                  const char * const *args)
{
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);

  run_cli_full (r, nothing, geteuid () == 0 ? cli_become_nobody : NULL, args);
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

/* A copy of @ws edited with @sql, as sqlite3 would: verify fails and names
 * each of @expected (NULL-terminated) in what it prints. */
static void
check_tampered (const char        *ws,
                const char        *sql,
                const char * const *expected)
{
  g_autofree char *copy = g_strconcat (ws, ".tampered", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (ws);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  exec_sql (copy, sql);
  run_cli (&r, "--workspace", copy, "verify");
  g_test_message ("%s\n%s%s", sql, r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_null (strstr (r.out, "Workspace verified"));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_nonnull (strstr (r.out, expected[i]));
  g_unlink (copy);
}

/* The analyst's data edited in the file, not through Attest: verify names
 * what differs from what the history recorded, and where. */
static void
test_tampered_state (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *ws = seeded_workspace (&dir);
  g_autofree char *fingerprint = NULL;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "soc/soc-2",
           "--service", "Intune", "--item", "3", "--status", "in-progress", "--owner", "Sam");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  fingerprint = g_strstrip (g_strdup (r.out));

  /* Changed through Attest, the state is the history's: intact. View state
   * is not covered: a window writes it without a history row. */
  exec_sql (ws, "INSERT INTO ui_state (key, value) VALUES ('selection', 'x')");
  run_cli (&r, "--workspace", ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (g_strstrip (r.out), ==, fingerprint);

  check_tampered (ws, "UPDATE checklist_item SET status = 'satisfied' "
                      "WHERE scope_id = 'soc/soc-2' AND service_id = 'intune' AND position = 3",
                  (const char *[]) { "item 3: status is “satisfied” in the table, “in-progress” by the history",
                                     NULL });
  check_tampered (ws, "UPDATE checklist_item SET owner = '', due = '2027-01-01' "
                      "WHERE scope_id = 'soc/soc-2' AND service_id = 'intune' AND position = 3",
                  (const char *[]) { "item 3: owner is none in the table, “Sam” by the history",
                                     "item 3: due is “2027-01-01” in the table, none by the history", NULL });
  check_tampered (ws, "DELETE FROM checklist_item WHERE scope_id = 'soc/soc-2' AND service_id = 'intune' "
                      "AND position = 6",
                  (const char *[]) { "item 6: missing from the table", NULL });
  check_tampered (ws, "DELETE FROM coverage WHERE rowid IN (SELECT rowid FROM coverage "
                      "WHERE scope_id = 'soc/soc-2' LIMIT 3)",
                  (const char *[]) { "coverage of SOC 2 (soc/soc-2): 3 rows missing since the history recorded it (row ",
                                     ", Page imported: SOC, ", NULL });
  check_tampered (ws, "UPDATE coverage SET in_scope = 0 WHERE scope_id = 'soc/soc-2' AND service_id = 'intune'",
                  (const char *[]) { "(soc/soc-2): changed outside Attest since the history recorded it (row ", NULL });
  check_tampered (ws, "UPDATE note SET text = 'Rewritten'",
                  (const char *[]) { "note 1 on SOC: text is “Rewritten” in the table, “Ask for the bridge letter” "
                                     "by the history", NULL });
  check_tampered (ws, "DELETE FROM note",
                  (const char *[]) { "note 1: gone from the tables, 1 row by the history", NULL });
  check_tampered (ws, "INSERT INTO my_service (service_id) VALUES ('intune')",
                  (const char *[]) { "My Services: in the tables, not in the history (added outside Attest)", NULL });
  check_tampered (ws, "INSERT INTO service_merge (absorbed_id, survivor_id, merged_at) "
                      "VALUES ('intune', 'azure', '2026-01-01')",
                  (const char *[]) { "merge of service", "in the tables, not in the history", NULL });
  check_tampered (ws, "UPDATE service SET name = 'Outune' WHERE id = 'intune'",
                  (const char *[]) { ": changed outside Attest since the history recorded it (row ", NULL });
  check_tampered (ws, "UPDATE variant SET effective_date = '2020-01-01' WHERE id = 1",
                  (const char *[]) { "(variant 1): changed outside Attest", NULL });
  /* The record itself edited: the row's hash covers it. */
  check_tampered (ws, "UPDATE history SET state = replace (state, '\"root\":\"', '\"root\":\"0') "
                      "WHERE id = (SELECT max (id) FROM history)",
                  (const char *[]) { "its content was changed after it was written", NULL });

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
  g_test_add_func ("/cli-workspace/tampered-state", test_tampered_state);

  return g_test_run ();
}
