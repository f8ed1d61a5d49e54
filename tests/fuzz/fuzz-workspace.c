/* fuzz-workspace.c: libFuzzer target for opening and reading a workspace file
 *
 * Workspaces are exchanged between people: every value in the file is
 * untrusted. An input is either a whole database file ("SQLite format 3"
 * first) or SQL run on a copy of a small workspace made once (schema
 * pragmas, rows, even the schema through writable_schema); the result is
 * opened as a workspace and read the way the CLI and the window read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-search.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-names.h"
#include "attest-workspace-notes.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *work_dir;
static char *work_path;
static GBytes *template;

static void
remove_work_files (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (work_path, suffixes[i], NULL);
      g_unlink (p);
    }
  /* Backups of migrated inputs. */
  {
    g_autoptr(GDir) d = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      if (strstr (name, "-backup") != NULL)
        {
          g_autofree char *p = g_build_filename (work_dir, name, NULL);
          g_unlink (p);
        }
  }
}

/* A small workspace with a row in every table the readers visit. */
static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  g_autofree char *page = g_build_filename (offerings, "offering-soc.fr-FR.md", NULL);
  const char *paths[] = { page, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) report = g_bytes_new_static ("%PDF-1.4 not really", 19);
  g_autofree char *sha = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  remove_work_files ();
  ws = attest_workspace_open (work_path, &error);
  g_assert_no_error (error);
  attest_workspace_set_reviewer (ws, "Fuzz");
  if (g_file_test (page, G_FILE_TEST_EXISTS))
    {
      summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  if (matrix->cells->len > 0)
    {
      AttestMatrixCell *cell = matrix->cells->pdata[0];
      items = attest_workspace_get_checklist (ws, cell->scope, cell->service, &error);
      g_assert_no_error (error);
      if (items->len > 0)
        {
          AttestChecklistItem *item = items->pdata[0];
          g_autoptr(AttestAnnotation) a = g_new0 (AttestAnnotation, 1);
          AttestRect r = { 1, 2, 3, 4 };

          g_assert_true (attest_workspace_update_item (ws, item->id, "in-progress", "Sam", "2026-01-01", &error));
          g_assert_true (attest_workspace_attach_evidence (ws, item->id, "r.pdf", report, "application/pdf",
                                                           "2025-01-01", "2027-01-01", 3, "text", &sha, &error));
          g_assert_no_error (error);
          a->sha256 = g_strdup (sha);
          a->page = 1;
          a->rects = g_array_new (FALSE, TRUE, sizeof (AttestRect));
          g_array_append_val (a->rects, r);
          a->color = g_strdup ("#f6d32d");
          a->text = g_strdup ("see here");
          g_assert_true (attest_workspace_add_annotation (ws, a, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (attest_workspace_add_note (ws, "framework:soc", "a note", NULL, &error));
  g_assert_true (attest_workspace_set_ui_state (ws, "filter", "soc", &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  g_assert_true (g_file_get_contents (work_path, &bytes, &len, NULL));
  template = g_bytes_new_take (g_steal_pointer (&bytes), len);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("G_DEBUG", "", TRUE);
  work_dir = g_dir_make_tmp ("fuzz-workspace-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  work_path = g_build_filename (work_dir, "w.attest", NULL);
  make_template ();
  return 0;
}

/* The SQL of an input may change anything in the file, nothing outside it. */
static int
authorize (void       *data,
           int         action,
           const char *a,
           const char *b,
           const char *c,
           const char *d)
{
  return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

static int
steps_left (void *data)
{
  return --*(int *)data <= 0;
}

static void
apply_sql (const char *sql)
{
  sqlite3 *db = NULL;
  int budget = 2000;

  if (sqlite3_open_v2 (work_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      _attest_search_register (db, NULL))
    {
      sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 4 << 20);
      sqlite3_set_authorizer (db, authorize, NULL);
      sqlite3_progress_handler (db, 1000, steps_left, &budget);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  sqlite3_close_v2 (db);
}

/* Everything that reads the workspace, as the CLI and the window do. */
static void
read_everything (AttestWorkspace *ws)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *state = NULL;
  gint64 n_rows = 0;

  attest_workspace_count_frameworks (ws, NULL);
  state = attest_workspace_get_ui_state (ws, "filter");
  matrix = attest_workspace_load_matrix (ws, NULL);

  history = attest_workspace_list_history (ws, NULL, NULL);
  if (history != NULL)
    {
      g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (ws);

      for (guint i = 0; i < history->len; i++)
        {
          g_autoptr(AttestHistoryDescription) d = attest_history_describe (history->pdata[i], names);
          g_autofree char *text = attest_history_description_to_string (d);

          g_assert_true (g_utf8_validate (text, -1, NULL));
          (void)attest_history_entity_label (((AttestHistoryEntry *)history->pdata[i])->entity);
        }
    }

  g_clear_pointer (&history, g_ptr_array_unref);
  history = attest_workspace_list_notes (ws, NULL, NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = attest_workspace_list_evidence (ws, NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = attest_workspace_list_annotations (ws, NULL, NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = attest_workspace_search (ws, "soc", 20, NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  if (matrix != NULL && matrix->frameworks->len > 0)
    {
      AttestMatrixFramework *f = matrix->frameworks->pdata[0];
      g_autoptr(GBytes) page = attest_workspace_get_variant_page (ws, f->id, NULL, NULL, NULL);

      (void)page;
    }

  attest_workspace_verify_expecting (ws, ATTEST_HISTORY_GENESIS, problems, &fingerprint, &n_rows, NULL);

  /* A write: refused or done, never a crash. */
  attest_workspace_add_note (ws, "framework:soc", "fuzz", NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char magic[] = "SQLite format 3";
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  remove_work_files ();
  if (size >= sizeof magic && memcmp (data, magic, sizeof magic) == 0)
    g_assert_true (g_file_set_contents (work_path, (const char *)data, (gssize)size, NULL));
  else
    {
      g_autofree char *sql = g_strndup ((const char *)data, size);

      g_assert_true (g_file_set_contents (work_path, g_bytes_get_data (template, NULL),
                                          (gssize)g_bytes_get_size (template), NULL));
      apply_sql (sql);
    }

  ws = attest_workspace_open (work_path, &error);
  if (ws != NULL)
    read_everything (ws);
  else
    g_assert_nonnull (error);
  return 0;
}
