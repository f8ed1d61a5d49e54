/* attest-test-workspace.c: a workspace of its own for each test, seeded with the bundled offerings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-test-workspace.h"
#include "attest-workspace-checklist.h"

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
