/* attest-test-workspace.c: a workspace of its own for each test, seeded with the bundled offerings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-test-workspace.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-private.h"

/**
 * attest_test_workspace_new:
 * @prefix: the start of the temporary directory's name
 * @reviewer: (nullable): the reviewer the history names, or %NULL for none set
 * @dir: (out): the new temporary directory
 * @path: (out): the workspace file in it, "w.attest"
 *
 * Opens (creates) an empty workspace in a new temporary directory; asserts
 * that it opens. Free with attest_test_workspace_delete().
 *
 * Returns: (transfer full): the workspace
 */
AttestWorkspace *
attest_test_workspace_new (const char  *prefix,
                           const char  *reviewer,
                           char       **dir,
                           char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  AttestWorkspace *ws;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "w.attest", NULL);
  ws = attest_workspace_open (*path, &error);
  g_assert_no_error (error);
  if (reviewer != NULL)
    attest_workspace_set_reviewer (ws, reviewer);
  return ws;
}

/**
 * attest_test_import_bundled:
 * @ws: a workspace
 * @page: (nullable): one page of the bundled offerings by file name, or
 *   %NULL for them all
 *
 * Imports the bundled offerings (or one of their pages) into @ws; asserts
 * that none fails.
 *
 * Returns: how many pages were imported (not unchanged)
 */
guint
attest_test_import_bundled (AttestWorkspace *ws,
                            const char      *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  g_autofree char *path = page != NULL ? g_build_filename (offerings, page, NULL) : g_strdup (offerings);
  const char *paths[] = { path, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;

  summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);
  return summary->imported;
}

/**
 * attest_test_workspace_delete:
 *
 * Closes *@ws and removes *@dir with all in it; frees and clears all three.
 */
void
attest_test_workspace_delete (AttestWorkspace **ws,
                              char            **dir,
                              char            **path)
{
  g_clear_object (ws);
  if (*dir != NULL)
    attest_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

/**
 * attest_test_remove_tree:
 *
 * Removes @path, a file or a directory with all below it (links are not
 * followed).
 */
void
attest_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      attest_test_remove_tree (child);
    }
  g_remove (path);
}

/**
 * attest_test_fixture_empty:
 *
 * A setup for g_test_add (): a new workspace with no pages, in a temporary
 * directory named after the test program, its reviewer "Dana Reviewer".
 */
void
attest_test_fixture_empty (AttestTestFixture *f,
                           gconstpointer      data)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());

  f->ws = attest_test_workspace_new (program, "Dana Reviewer", &f->dir, &f->path);
}

/**
 * attest_test_fixture_seeded:
 *
 * Like attest_test_fixture_empty(), with the five pages of the bundled
 * offerings imported (asserted).
 */
void
attest_test_fixture_seeded (AttestTestFixture *f,
                            gconstpointer      data)
{
  attest_test_fixture_empty (f, data);
  g_assert_cmpuint (attest_test_import_bundled (f->ws, NULL), ==, 5);
}

/**
 * attest_test_fixture_teardown:
 *
 * The teardown for g_test_add (): closes the workspace and removes its
 * directory.
 */
void
attest_test_fixture_teardown (AttestTestFixture *f,
                              gconstpointer      data)
{
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
}

/**
 * attest_test_workspace_copy:
 * @from: a workspace file, closed
 * @to: where the copy goes (nothing there yet)
 *
 * Copies the workspace file @from to @to; asserts that it is all in its file
 * (closed: no write-ahead log beside it) and that the copy is made.
 */
void
attest_test_workspace_copy (const char *from,
                            const char *to)
{
  g_autofree char *wal = g_strconcat (from, "-wal", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The templates of this test program: name → its workspace file, all in one
 * temporary folder, removed when the program exits. */
static GHashTable *templates;
static char *templates_dir;

static void
templates_remove (void)
{
  if (templates_dir != NULL)
    attest_test_remove_tree (templates_dir);
  g_clear_pointer (&templates, g_hash_table_unref);
  g_clear_pointer (&templates_dir, g_free);
}

/**
 * attest_test_workspace_from_template:
 * @name: the template's name, one word, unique in the test program
 * @build: makes the template's workspace at the path it is given, and
 *   closes it
 * @user_data: for @build
 * @path: where the test's workspace goes (nothing there yet)
 *
 * A workspace made once for the whole test program, copied for each test:
 * the first call for @name runs @build on a file in a temporary folder of
 * the program's own; every call copies that file to @path
 * (attest_test_workspace_copy()). For the tests whose every case starts from
 * the same workspace, which is long to make (imports, under the sanitizers
 * above all); each case still gets a file of its own to change. The folder
 * is removed when the program exits.
 */
void
attest_test_workspace_from_template (const char          *name,
                                     AttestTestBuildFunc  build,
                                     gpointer             user_data,
                                     const char          *path)
{
  const char *template;

  if (templates == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *program = g_path_get_basename (g_get_prgname ());
      g_autofree char *pattern = g_strconcat (program, "-templates-XXXXXX", NULL);

      templates_dir = g_dir_make_tmp (pattern, &error);
      g_assert_no_error (error);
      templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      atexit (templates_remove);
    }
  template = g_hash_table_lookup (templates, name);
  if (template == NULL)
    {
      g_autofree char *file = g_strconcat (name, ".attest", NULL);
      char *made = g_build_filename (templates_dir, file, NULL);

      build (made, user_data);
      g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
      g_hash_table_insert (templates, g_strdup (name), made);
      template = made;
    }
  attest_test_workspace_copy (template, path);
}

/**
 * attest_test_stored_checklist:
 *
 * attest_workspace_get_checklist(), with the cell's items stored: a cell
 * never edited gives provisional ids, so its first item is edited (to what
 * it is: one history row) for the tests that need the ids the items keep.
 */
GPtrArray *
attest_test_stored_checklist (AttestWorkspace  *ws,
                              const char       *scope_id,
                              const char       *service_id,
                              GError          **error)
{
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope_id, service_id, error);
  AttestChecklistItem *first;

  if (items == NULL || items->len == 0 || ((AttestChecklistItem *)items->pdata[0])->id > 0)
    return g_steal_pointer (&items);
  first = items->pdata[0];
  if (!attest_workspace_update_item (ws, first->id, first->status, NULL, NULL, error))
    return NULL;
  return attest_workspace_get_checklist (ws, scope_id, service_id, error);
}

/* Rows of @sql (two-way EXCEPT of the index's words against a fresh one's). */
static gint64
count_of (sqlite3    *db,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * attest_test_assert_search_index:
 *
 * The search index holds the words of every row of search_text but the
 * staged ones (search_pending), each where it is, and no other: as an index
 * made afresh from that text would. FTS5's own integrity-check does not
 * compare an external content table's index with its text.
 */
void
attest_test_assert_search_index (AttestWorkspace *ws)
{
  sqlite3 *db = _attest_workspace_get_db (ws);
  static const char *const words =
    "SELECT term, doc, col, offset FROM temp.search_words_now";
  static const char *const fresh =
    "SELECT term, doc, col, offset FROM temp.search_words_fresh";
  g_autofree char *missing = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)", fresh, words);
  g_autofree char *extra = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)", words, fresh);

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE temp.search_fresh USING fts5 ("
                                 "  kind UNINDEXED, ref UNINDEXED, title, body, source, tokenize = 'attest');"
                                 "INSERT INTO temp.search_fresh (rowid, kind, ref, title, body, source) "
                                 "  SELECT id, kind, ref, title, body, source FROM main.search_text "
                                 "  WHERE id NOT IN (SELECT id FROM main.search_pending) ORDER BY id;"
                                 "CREATE VIRTUAL TABLE temp.search_words_now USING fts5vocab (main, search_index, 'instance');"
                                 "CREATE VIRTUAL TABLE temp.search_words_fresh USING fts5vocab (temp, search_fresh, 'instance');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_of (db, "SELECT count(*) FROM temp.search_words_now"), ==,
                   count_of (db, "SELECT count(*) FROM temp.search_words_fresh"));
  g_assert_cmpint (count_of (db, missing), ==, 0);
  g_assert_cmpint (count_of (db, extra), ==, 0);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE temp.search_words_now; DROP TABLE temp.search_words_fresh;"
                                 "DROP TABLE temp.search_fresh;", NULL, NULL, NULL), ==, SQLITE_OK);
}
