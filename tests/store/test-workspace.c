/* test-workspace.c: opening, creating, refusing and copying workspaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <grp.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "attest-search.h"
#include "attest-test-workspace.h"
#include "attest-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"

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

static void
test_bad_version (Fixture       *f,
                  gconstpointer  data)
{
  const char *versions[] = { "-1", "-2147483648", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %s", versions[i]);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_len, after_len;

      g_assert_no_error (error);
      g_clear_object (&ws);
      exec_sql (f->path, sql);
      g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

      /* migrations[-1] was read here once: refused before any SQL runs. */
      ws = attest_workspace_open (f->path, &error);
      g_assert_null (ws);
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE);
      g_assert_nonnull (strstr (error->message, "w.attest"));
      g_assert_nonnull (strstr (error->message, "not an Attest workspace"));
      g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
      g_assert_cmpmem (after, after_len, before, before_len);
      g_assert_cmpint (pragma_int (f->path, "PRAGMA user_version"), ==, g_ascii_strtoll (versions[i], NULL, 10));
      /* No backup of a file that is not a workspace. */
      {
        g_autofree char *nested = g_path_get_dirname (f->path);
        g_autoptr(GDir) d = g_dir_open (nested, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (d)) != NULL)
          g_assert_null (strstr (name, "backup"));
      }

      /* Without a GError to fill in, the same refusal (it once dereferenced it). */
      g_assert_null (attest_workspace_open (f->path, NULL));

      attest_test_remove_tree (f->dir);
      g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
    }

  /* Refused without a GError too: a file that is no database. */
  {
    g_autofree char *junk = g_build_filename (f->dir, "junk.attest", NULL);
    g_assert_true (g_file_set_contents (junk, "not a database at all, not even close....", -1, NULL));
    g_assert_null (attest_workspace_open (junk, NULL));
  }
}

/* Runs @n copies of @fn in child processes let go at the same moment; TRUE
 * when every one exited 0. */
static gboolean
run_together (guint  n,
              int  (*fn) (const char *path),
              const char *path)
{
  int gate[2];
  pid_t pids[8];
  gboolean all_ok = TRUE;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (pids));
  g_assert_cmpint (pipe (gate), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      pids[i] = fork ();
      g_assert_cmpint (pids[i], >=, 0);
      if (pids[i] == 0)
        {
          char c;
          close (gate[1]);
          /* Waits until the parent closes its end: all start together. */
          while (read (gate[0], &c, 1) > 0)
            ;
          _exit (fn (path));
        }
    }
  close (gate[0]);
  close (gate[1]);
  for (guint i = 0; i < n; i++)
    {
      int status = 0;
      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        all_ok = FALSE;
    }
  return all_ok;
}

static int
open_in_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);

  if (ws == NULL)
    {
      g_printerr ("# child %d: %s\n", (int)getpid (), error->message);
      return 1;
    }
  return 0;
}

static void
test_concurrent_create (Fixture       *f,
                        gconstpointer  data)
{
  /* Four processes creating the same new workspace raced on the schema
   * ("table ui_state already exists"): each reads the version again under
   * the write lock. */
  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *path = g_strdup_printf ("%s.%u", f->path, round);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestWorkspace) ws = NULL;

      g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
      g_assert_true (run_together (4, open_in_child, path));
      ws = attest_workspace_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pragma_int (path, "PRAGMA user_version"), ==, ATTEST_WORKSPACE_SCHEMA_VERSION);
      g_assert_cmpint (pragma_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'ui_state'"), ==, 1);
    }
}

static void
make_v1 (const char *path)
{
  exec_sql (path,
            "DROP TABLE search_index; DROP TABLE search_key;"
            "DROP TABLE my_service; DROP TABLE annotation; DROP TABLE note; DROP TABLE item_evidence;"
            "DROP TABLE evidence; DROP TABLE checklist_item; DROP TABLE history;"
            "DROP TABLE link; DROP TABLE mention; DROP TABLE variant_scope; DROP TABLE coverage; DROP TABLE service_name; DROP TABLE service;"
            "DROP TABLE scope; DROP TABLE variant; ALTER TABLE framework DROP COLUMN description;"
            "PRAGMA user_version = 1;");
}

static void
test_concurrent_migrate (Fixture       *f,
                         gconstpointer  data)
{
  /* Two processes migrating the same old workspace: the second once took its
   * "backup" after the first had migrated, over the first's. The backup must
   * be the old workspace, and only one taken. */
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *path = g_strdup_printf ("%s.%u", f->path, round);
      g_autofree char *backup = g_strconcat (path, ".v1-backup", NULL);
      g_autofree char *second = g_strconcat (path, ".v1-backup-2", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestWorkspace) ws = NULL;

      g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
      ws = attest_workspace_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (attest_workspace_set_ui_state (ws, "kept", "yes", &error));
      g_clear_object (&ws);
      make_v1 (path);

      g_assert_true (run_together (2, open_in_child, path));

      g_assert_cmpint (pragma_int (path, "PRAGMA user_version"), ==, ATTEST_WORKSPACE_SCHEMA_VERSION);
      g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
      g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
      g_assert_cmpint (pragma_int (backup, "PRAGMA user_version"), ==, 1);
      g_assert_cmpint (pragma_int (backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'coverage'"), ==, 0);
      g_assert_cmpint (pragma_int (backup, "SELECT count(*) FROM ui_state WHERE key = 'kept'"), ==, 1);
    }
}

static void
test_backup_never_overwritten (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autofree char *first = g_strconcat (f->path, ".v1-backup", NULL);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_clear_object (&ws);
  make_v1 (f->path);

  /* A backup of that name from an earlier migration stays as it is. */
  g_assert_true (g_file_set_contents (first, "an earlier backup", -1, NULL));
  ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (attest_workspace_get_backup_path (ws), "w.attest.v1-backup-2"));
  g_assert_cmpint (pragma_int (attest_workspace_get_backup_path (ws), "PRAGMA user_version"), ==, 1);
  g_assert_true (g_file_get_contents (first, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an earlier backup");
}

/* A process that wrote to @path and died without closing it: its -wal
 * and -shm stay beside the file, holding key = value. */
static int
write_and_die (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                        "INSERT INTO ui_state (key, value) VALUES ('old', 'from the -wal')",
                    NULL, NULL, NULL) != SQLITE_OK)
    return 1;
  _exit (0);
}

/* Save a Copy over a workspace another window or program has open: refused,
 * naming the file, which is left as it was; once closed there, it goes. */
static void
test_save_copy_over_open (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autoptr(AttestWorkspace) other = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "open.attest", NULL);
  g_autofree char *value = NULL;
  sqlite3 *reader = NULL;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (ws, "k", "new", &error));
  other = attest_workspace_open (dest, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (other, "k", "theirs", &error));

  /* Open in a window (another workspace object). */
  g_assert_false (attest_workspace_save_copy (ws, dest, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "open.attest"));
  g_assert_nonnull (strstr (error->message, "open in another window or program"));
  g_clear_error (&error);
  /* It goes on working, its data its own. */
  g_assert_true (attest_workspace_set_ui_state (other, "k2", "still", &error));
  g_assert_no_error (error);
  value = attest_workspace_get_ui_state (other, "k");
  g_assert_cmpstr (value, ==, "theirs");
  g_clear_pointer (&value, g_free);
  g_clear_object (&other);

  /* A reader in the middle of a read transaction, as attest-cli holds one. */
  g_assert_cmpint (sqlite3_open (dest, &reader), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN; SELECT count(*) FROM ui_state;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (attest_workspace_save_copy (ws, dest, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY);
  g_clear_error (&error);
  sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (reader);
  {
    g_autofree char *partial = g_strconcat (dest, ".partial", NULL);
    g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  }

  /* Closed everywhere: the copy replaces it. */
  g_assert_true (attest_workspace_save_copy (ws, dest, &error));
  g_assert_no_error (error);
  other = attest_workspace_open (dest, &error);
  g_assert_no_error (error);
  value = attest_workspace_get_ui_state (other, "k");
  g_assert_cmpstr (value, ==, "new");
}

static void
test_save_copy_over_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autoptr(AttestWorkspace) old = NULL;
  g_autoptr(AttestWorkspace) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.attest", NULL);
  g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
  g_autofree char *value = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (ws, "k", "new", &error));

  /* An older workspace at the destination, its last change still in its -wal. */
  old = attest_workspace_open (dest, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (old, "k", "old", &error));
  g_clear_object (&old);
  g_assert_true (run_together (1, write_and_die, dest));
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  g_assert_true (attest_workspace_save_copy (ws, dest, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The copy holds this workspace's data, nothing of the old file's. */
  copy = attest_workspace_open (dest, &error);
  g_assert_no_error (error);
  value = attest_workspace_get_ui_state (copy, "k");
  g_assert_cmpstr (value, ==, "new");
  g_assert_null (attest_workspace_get_ui_state (copy, "old"));
  g_assert_cmpint (pragma_int (dest, "SELECT count(*) FROM ui_state"), ==, 1);
}

static void
test_save_copy_over_itself (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->path, &error);
  g_autofree char *value = NULL;
  g_autofree char *link = g_build_filename (f->dir, "link.attest", NULL);

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (ws, "k", "v", &error));

  g_assert_false (attest_workspace_save_copy (ws, f->path, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* The same file under another name. */
  g_assert_cmpint (symlink (f->path, link), ==, 0);
  g_assert_false (attest_workspace_save_copy (ws, link, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);

  value = attest_workspace_get_ui_state (ws, "k");
  g_assert_cmpstr (value, ==, "v");
}

/* The reads and refused writes of a read-only workspace; @expect_wal_value
 * is what the -wal of a writer still holds, or NULL. Runs as an account that
 * cannot write the file. */
static void
check_read_only (const char *path,
                 const char *expect_wal_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  g_assert_true (attest_workspace_is_read_only (ws));
  g_assert_false (attest_workspace_was_created (ws));

  /* Every read works. */
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matrix->frameworks->len, >, 0);
  notes = attest_workspace_list_notes (ws, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_true (attest_workspace_verify (ws, problems, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  value = attest_workspace_get_ui_state (ws, "written");
  g_assert_cmpstr (value, ==, expect_wal_value);

  /* Every write says the file is read-only. */
  g_assert_false (attest_workspace_add_note (ws, "framework:soc", "more", NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_nonnull (strstr (error->message, "w.attest"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_set_ui_state (ws, "k", "v", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (attest_workspace_save_copy (ws, path, &error));
  g_clear_error (&error);
}

/* Runs check_read_only() as an account that cannot write @path: as root
 * (whom file modes do not stop) in a child turned into "nobody"; else in
 * this process, on a file and folder without write permission. */
static void
run_read_only (const char *path,
               const char *dir,
               const char *expect_wal_value)
{
  if (geteuid () == 0)
    {
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
            _exit (3);
          /* Really unprivileged: the file cannot be opened for writing. */
          if (access (path, W_OK) == 0)
            _exit (4);
          check_read_only (path, expect_wal_value);
          _exit (0);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  else
    {
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      check_read_only (path, expect_wal_value);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
    }
}

static void
test_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-ro", "Dana", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *before = NULL;
  gsize before_len;
  sqlite3 *writer = NULL;

  attest_test_import_bundled (ws, NULL);
  g_assert_true (attest_workspace_add_note (ws, "framework:soc", "Ask for the bridge letter", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  /* Another account's workspace in another account's folder (mode 644). */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  /* Closed cleanly: no -wal, no -shm, and none can be made. */
  run_read_only (path, dir, NULL);

  /* Open in its owner's program, its last change still in the -wal. */
  g_assert_cmpint (sqlite3_open (path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "PRAGMA wal_autocheckpoint = 0;"
                                         "INSERT INTO ui_state (key, value) VALUES ('written', 'by the owner')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  run_read_only (path, dir, "by the owner");
  sqlite3_close (writer);

  /* Nothing of it changed (the owner's change aside). */
  {
    g_autofree char *after = NULL;
    gsize after_len;

    g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
    g_assert_cmpuint (after_len, >=, before_len);
    ws = attest_workspace_open (path, &error);
    g_assert_no_error (error);
    g_assert_false (attest_workspace_is_read_only (ws));
    g_assert_cmpint (pragma_int (path, "SELECT count(*) FROM note"), ==, 1);
  }
  attest_test_workspace_delete (&ws, &dir, &path);
}

/* Values read back from a crafted file: NULL ids, statuses outside the five,
 * negative or huge sizes and counts. Read, never trusted. */
static void
test_crafted_values (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-crafted", "Dana", &dir, &path);
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GBytes) report = g_bytes_new_static ("report", 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *service = NULL;
  guint n_frameworks;

  attest_test_import_bundled (ws, NULL);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  n_frameworks = matrix->frameworks->len;
  scope = g_strdup (((AttestMatrixCell *)matrix->cells->pdata[0])->scope);
  service = g_strdup (((AttestMatrixCell *)matrix->cells->pdata[0])->service);
  items = attest_workspace_get_checklist (ws, scope, service, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_attach_evidence (ws, ((AttestChecklistItem *)items->pdata[0])->id, "r.pdf", report,
                                                   "application/pdf", NULL, NULL, 2, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&matrix, attest_matrix_free);
  g_clear_object (&ws);

  exec_sql (path, "PRAGMA ignore_check_constraints = 1;"
                  "UPDATE checklist_item SET status = 'bogus';"
                  "UPDATE evidence SET size = -5, page_count = 9999999999;"
                  "INSERT INTO framework (id, short_name, title) VALUES (NULL, 'X', 'X');"
                  "INSERT INTO scope (id, framework_id, name) VALUES (NULL, 'soc', 'S');");

  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matrix->frameworks->len, ==, n_frameworks);
  items = attest_workspace_get_checklist (ws, scope, service, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->status, ==, "not-started");
  evidence = attest_workspace_list_evidence (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpint (((AttestEvidence *)evidence->pdata[0])->size, ==, 0);
  g_assert_cmpint (((AttestEvidence *)evidence->pdata[0])->page_count, ==, -1);

  attest_test_workspace_delete (&ws, &dir, &path);
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
  ADD ("bad-version", test_bad_version);
  ADD ("concurrent-create", test_concurrent_create);
  ADD ("concurrent-migrate", test_concurrent_migrate);
  ADD ("backup-never-overwritten", test_backup_never_overwritten);
  ADD ("save-copy-over-existing", test_save_copy_over_existing);
  ADD ("save-copy-over-open", test_save_copy_over_open);
  ADD ("save-copy-over-itself", test_save_copy_over_itself);
#undef ADD
  g_test_add_func ("/workspace/read-only", test_read_only);
  g_test_add_func ("/workspace/crafted-values", test_crafted_values);

  return g_test_run ();
}
