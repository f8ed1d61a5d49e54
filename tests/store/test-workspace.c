/* test-workspace.c: opening, creating, refusing and copying workspaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "attest-search.h"
#include "attest-test-workspace.h"
#include "attest-workspace.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("attest-test-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "nested", "w.attest", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  attest_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
pragma_int (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The search index cannot even be dropped without its tokenizer. */
  g_assert_true (_attest_search_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autofree char *bytes = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  g_assert_true (attest_workspace_was_created (ws));
  g_assert_null (attest_workspace_get_backup_path (ws));
  g_assert_cmpint (attest_workspace_count_frameworks (ws, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (pragma_int (f->path, "PRAGMA application_id"), ==, ATTEST_APPLICATION_ID);
  g_assert_cmpint (pragma_int (f->path, "PRAGMA user_version"), ==, ATTEST_WORKSPACE_SCHEMA_VERSION);

  /* The MIME magic (data/attest-mime.xml) reads the id big-endian at offset 68. */
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >=, 100);
  g_assert_cmpmem (bytes, 16, "SQLite format 3\0", 16);
  g_assert_cmpmem (bytes + 68, 4, "ATST", 4);
}

static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  /* WAL persists in the file; a second connection sees it. */
  g_assert_cmpint (pragma_int (f->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (ws, "filter", "soc", &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (attest_workspace_was_created (ws));
  value = attest_workspace_get_ui_state (ws, "filter");
  g_assert_cmpstr (value, ==, "soc");

  g_assert_true (attest_workspace_set_ui_state (ws, "filter", NULL, &error));
  g_assert_null (attest_workspace_get_ui_state (ws, "filter"));
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autofree char *path = g_build_filename (f->dir, "notes.attest", NULL);
  char junk[4096];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char)(i * 7 + 3);
  g_assert_true (g_file_set_contents (path, junk, sizeof junk, NULL));

  ws = attest_workspace_open (path, &error);
  g_assert_null (ws);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE);
  g_assert_nonnull (strstr (error->message, "notes.attest"));

  /* Refusing a file never changes it. */
  {
    g_autofree char *after = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (path, &after, &len, NULL));
    g_assert_cmpmem (after, len, junk, sizeof junk);
  }
}

static void
test_other_program (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autofree char *path = g_build_filename (f->dir, "places.sqlite", NULL);

  exec_sql (path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY); INSERT INTO moz_places VALUES (1);");
  ws = attest_workspace_open (path, &error);
  g_assert_null (ws);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE);
  g_assert_cmpint (pragma_int (path, "SELECT count(*) FROM moz_places"), ==, 1);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_clear_object (&ws);

  sql = g_strdup_printf ("PRAGMA user_version = %d", ATTEST_WORKSPACE_SCHEMA_VERSION + 1);
  exec_sql (f->path, sql);

  ws = attest_workspace_open (f->path, &error);
  g_assert_null (ws);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "w.attest"));
  g_assert_cmpint (pragma_int (f->path, "PRAGMA user_version"), ==, ATTEST_WORKSPACE_SCHEMA_VERSION + 1);
}

static void
test_migrates_older (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (ws, "kept", "yes", &error));
  g_clear_object (&ws);

  /* Turn it back into a schema 1 workspace, as the first release wrote them. */
  exec_sql (f->path,
            "DROP TABLE search_index; DROP TABLE search_key;"
            "DROP TABLE my_service; DROP TABLE annotation; DROP TABLE note; DROP TABLE item_evidence;"
            "DROP TABLE evidence; DROP TABLE checklist_item; DROP TABLE history;"
            "DROP TABLE link; DROP TABLE mention; DROP TABLE variant_scope; DROP TABLE coverage; DROP TABLE service_name; DROP TABLE service;"
            "DROP TABLE scope; DROP TABLE variant; ALTER TABLE framework DROP COLUMN description;"
            "PRAGMA user_version = 1;");

  ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma_int (f->path, "PRAGMA user_version"), ==, ATTEST_WORKSPACE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'coverage'"), ==, 1);
  value = attest_workspace_get_ui_state (ws, "kept");
  g_assert_cmpstr (value, ==, "yes");

  /* The backup taken first is the old workspace, whole. */
  g_assert_nonnull (attest_workspace_get_backup_path (ws));
  g_assert_true (g_str_has_suffix (attest_workspace_get_backup_path (ws), "w.attest.v1-backup"));
  g_assert_cmpint (pragma_int (attest_workspace_get_backup_path (ws), "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (pragma_int (attest_workspace_get_backup_path (ws),
                               "SELECT count(*) FROM ui_state WHERE key = 'kept'"), ==, 1);
}

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->dir, &error);

  g_assert_null (ws);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE);
}

static void
test_save_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autoptr(AttestWorkspace) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.attest", NULL);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (ws, "k", "v", &error));
  g_assert_true (attest_workspace_save_copy (ws, dest, &error));
  g_assert_no_error (error);

  copy = attest_workspace_open (dest, &error);
  g_assert_no_error (error);
  g_assert_false (attest_workspace_was_created (copy));
  value = attest_workspace_get_ui_state (copy, "k");
  g_assert_cmpstr (value, ==, "v");
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  sqlite3 *other = NULL;

  g_assert_no_error (error);

  /* Another connection holds the write lock: the edit waits, then says "busy". */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (attest_workspace_set_ui_state (ws, "k", "v", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "busy"));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  g_clear_error (&error);
  g_assert_true (attest_workspace_set_ui_state (ws, "k", "v", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/workspace/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("create", test_create);
  ADD ("pragmas", test_pragmas);
  ADD ("reopen", test_reopen);
  ADD ("not-a-database", test_not_a_database);
  ADD ("other-program", test_other_program);
  ADD ("too-new", test_too_new);
  ADD ("migrates-older", test_migrates_older);
  ADD ("folder", test_folder);
  ADD ("save-copy", test_save_copy);
  ADD ("busy", test_busy);
#undef ADD

  return g_test_run ();
}
