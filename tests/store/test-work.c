/* test-work.c: checklists, roll-ups, notes, "My services" and the history chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "attest-history.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-evidence.h"
#include "attest-search.h"
#include "attest-workspace-private.h"

typedef AttestTestFixture Fixture;

static const char *
cell_rollup (AttestWorkspace *ws,
             const char      *scope,
             const char      *service)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = attest_workspace_load_matrix (ws, &error);
  AttestMatrixCell *c;

  g_assert_no_error (error);
  c = attest_matrix_lookup_cell (m, scope, service);
  g_assert_nonnull (c);
  return g_intern_string (c->rollup);
}

static void
test_checklist_and_rollup (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *service = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  AttestRollup r;

  /* By scope name, and by translated service name. */
  g_assert_true (attest_workspace_resolve_cell (f->ws, "soc", "SOC 2", "Sécurité de l'application cloud",
                                                &scope, &service, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scope, ==, "soc/soc-2");
  g_assert_cmpstr (service, ==, "microsoft-defender-for-cloud-apps");

  g_assert_cmpstr (cell_rollup (f->ws, scope, service), ==, "not-started");

  /* The SOC 2 template: six items, created once. */
  items = attest_workspace_get_checklist (f->ws, scope, service, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->title, ==, "Type 2 report obtained and covers the service");
  again = attest_workspace_get_checklist (f->ws, scope, service, &error);
  g_assert_cmpint (((AttestChecklistItem *)again->pdata[0])->id, ==, ((AttestChecklistItem *)items->pdata[0])->id);

  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[0])->id,
                                               "in-progress", "Sam", "2026-12-31", &error));
  g_assert_cmpstr (cell_rollup (f->ws, scope, service), ==, "in-progress");

  for (guint i = 0; i < items->len; i++)
    g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[i])->id,
                                                 i == 5 ? "not-applicable" : "satisfied", NULL, NULL, &error));
  g_assert_cmpstr (cell_rollup (f->ws, scope, service), ==, "satisfied");
  g_assert_true (attest_workspace_cell_rollup (f->ws, scope, service, &r, &error));
  g_assert_cmpuint (r.total, ==, 6);
  g_assert_cmpuint (r.satisfied, ==, 5);

  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[2])->id,
                                               "exception", NULL, "", &error));
  g_assert_cmpstr (cell_rollup (f->ws, scope, service), ==, "exception");

  /* Bad input changes nothing. */
  g_assert_false (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[1])->id,
                                                "done", NULL, NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[1])->id,
                                                NULL, NULL, "2026-02-30", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (cell_rollup (f->ws, scope, service), ==, "exception");

  /* Templates fall back: MARS-E has its own; ISO 20000-1 its own; an unknown framework the default. */
  {
    g_autoptr(GPtrArray) mars = attest_workspace_get_checklist (f->ws, "mars-e/mars-e", "intune", &error);
    g_assert_cmpuint (mars->len, ==, 6);
    g_assert_true (g_str_has_prefix (((AttestChecklistItem *)mars->pdata[0])->title, "FedRAMP"));
  }
}

static void
test_resolve_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *service = NULL;

  g_assert_false (attest_workspace_resolve_cell (f->ws, "soc", "SOC 9", "Intune", &scope, &service, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attest_workspace_resolve_cell (f->ws, "soc", "SOC 3", "Dynamics 365", &scope, &service, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attest_workspace_resolve_service (f->ws, "Nothing Like It", &service, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* "Flux" (learned French name) and "Microsoft Flow" (alias) resolve. */
  g_assert_true (attest_workspace_resolve_service (f->ws, "flux", &service, &error));
  g_assert_cmpstr (service, ==, "stream");
  g_clear_pointer (&service, g_free);
  g_assert_true (attest_workspace_resolve_service (f->ws, "Microsoft Flow", &service, &error));
  g_assert_cmpstr (service, ==, "power-automate");
}

static void
test_notes_and_my_services (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  gint64 id = 0;

  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "**Ask** for the bridge letter", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc#faq", "Section note", NULL, &error));
  g_assert_true (attest_workspace_add_note (f->ws, "cell:soc/soc-2:intune", "Cell note", NULL, &error));
  g_assert_false (attest_workspace_add_note (f->ws, "framework:nope", "lost", NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attest_workspace_add_note (f->ws, "cell:soc/soc-3:dynamics-365", "not in scope", NULL, &error));
  g_clear_error (&error);
  g_assert_false (attest_workspace_add_note (f->ws, "framework:soc", "", NULL, &error));
  g_clear_error (&error);

  notes = attest_workspace_list_notes (f->ws, "framework:soc", &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((AttestNote *)notes->pdata[0])->text, ==, "**Ask** for the bridge letter");
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = attest_workspace_list_notes (f->ws, NULL, &error);
  g_assert_cmpuint (notes->len, ==, 3);

  g_assert_true (attest_workspace_set_my_service (f->ws, "intune", TRUE, &error));
  g_assert_true (attest_workspace_set_my_service (f->ws, "intune", TRUE, &error));
  g_assert_true (attest_workspace_set_my_service (f->ws, "stream", TRUE, &error));
  g_assert_true (attest_workspace_set_my_service (f->ws, "stream", FALSE, &error));
  mine = attest_workspace_list_my_services (f->ws, &error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (mine->pdata[0], ==, "intune");
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
test_history_chain (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head2 = NULL;
  AttestHistoryEntry *last;

  items = attest_workspace_get_checklist (f->ws, "soc/soc-1", "intune", &error);
  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[0])->id,
                                               "satisfied", NULL, NULL, &error));
  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "n", NULL, &error));

  /* Five imports, one item changed (its cell's checklist stored with it:
   * opening the cell wrote nothing), one note. */
  rows = attest_workspace_list_history (f->ws, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpstr (((AttestHistoryEntry *)rows->pdata[0])->action, ==, "import");
  g_assert_cmpstr (((AttestHistoryEntry *)rows->pdata[0])->prev_hash, ==, ATTEST_HISTORY_GENESIS);
  last = rows->pdata[5];
  g_assert_cmpstr (last->entity, ==, "checklist-item");
  g_assert_cmpstr (last->reviewer, ==, "Dana Reviewer");
  g_assert_nonnull (strstr (last->before, "\"not-started\""));
  g_assert_nonnull (strstr (last->after, "\"satisfied\""));
  head = attest_workspace_get_fingerprint (f->ws, &error);
  g_assert_cmpstr (head, ==, ((AttestHistoryEntry *)rows->pdata[6])->hash);

  g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Someone edits a row behind Attest's back: verify names that row. */
  exec_sql (f->path, "UPDATE history SET after = '{\"status\":\"satisfied\",\"owner\":\"Mallory\"}' WHERE id = 6");
  g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (problems->pdata[0], "history row 6 "));
  g_ptr_array_set_size (problems, 0);

  /* …or deletes one: the next row no longer follows. */
  exec_sql (f->path, "UPDATE history SET after = (SELECT after FROM history WHERE id = 6) WHERE 0;"
                     "DELETE FROM history WHERE id = 3");
  g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "history row 4 "));

  head2 = attest_workspace_get_fingerprint (f->ws, &error);
  g_assert_cmpstr (head, ==, head2);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *big = g_strnfill (600 * 1024, 'x');
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 pages;

  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "saved before", NULL, &error));
  g_clear_object (&f->ws);

  /* A full disk, simulated: the file may not grow any more. */
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  {
    /* The limit is per connection: set it on the workspace's own. */
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
    g_assert_cmpint (sqlite3_exec (_attest_workspace_get_db (f->ws), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  g_assert_false (attest_workspace_add_note (f->ws, "framework:soc", big, NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "w.attest"));
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* What was saved before is all there, and the workspace verifies. */
  g_clear_object (&f->ws);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  notes = attest_workspace_list_notes (f->ws, "framework:soc", &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((AttestNote *)notes->pdata[0])->text, ==, "saved before");
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_assert_true (attest_workspace_check_integrity (f->ws, problems, &error));
    g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_corrupt_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) again = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  g_clear_object (&f->ws);
  /* Scribble over the middle of the file, as a failing disk might. */
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 16384);
  memset (bytes + 4096, 0xA5, 8192);
  g_assert_true (g_file_set_contents (f->path, bytes, len, NULL));

  again = attest_workspace_open (f->path, &error);
  if (again == NULL)
    {
      /* Refused at once, with words naming the file. */
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "w.attest"));
    }
  else
    {
      /* Or opened, and verify names the damage. */
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_assert_true (attest_workspace_check_integrity (again, problems, &error));
      g_assert_cmpuint (problems->len, >, 0);
      g_assert_true (g_str_has_prefix (problems->pdata[0], "database: "));
    }
}

static void
test_annotations (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4 not really", 19);
  g_autofree char *sha = NULL;
  g_autoptr(AttestAnnotation) a = g_new0 (AttestAnnotation, 1);
  g_autoptr(AttestAnnotation) bad = g_new0 (AttestAnnotation, 1);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  AttestRect r = { 72, 100, 300, 114 };
  AttestAnnotation *got;

  g_assert_true (attest_workspace_attach_evidence (f->ws, ((AttestChecklistItem *)items->pdata[0])->id, "report.pdf",
                                                   bytes, "application/pdf", NULL, NULL, -1, NULL, &sha, &error));
  g_assert_no_error (error);

  a->sha256 = g_strdup (sha);
  a->page = 3;
  a->rects = g_array_new (FALSE, TRUE, sizeof (AttestRect));
  g_array_append_val (a->rects, r);
  a->color = g_strdup ("#62a0ea");
  a->text = g_strdup ("Qualified opinion on logical access");
  a->item_id = ((AttestChecklistItem *)items->pdata[4])->id;
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->id, >, 0);

  list = attest_workspace_list_annotations (f->ws, sha, &error);
  g_assert_cmpuint (list->len, ==, 1);
  got = list->pdata[0];
  g_assert_cmpuint (got->page, ==, 3);
  g_assert_cmpuint (got->rects->len, ==, 1);
  g_assert_cmpfloat (g_array_index (got->rects, AttestRect, 0).x2, ==, 300);
  g_assert_cmpstr (got->color, ==, "#62a0ea");
  g_assert_cmpint (got->item_id, ==, a->item_id);

  hits = attest_workspace_search (f->ws, "logical access", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((AttestSearchResult *)hits->pdata[0])->kind, ==, "annotation");

  bad->sha256 = g_strdup (sha);
  bad->rects = g_array_new (FALSE, TRUE, sizeof (AttestRect));
  g_array_append_val (bad->rects, r);
  bad->color = g_strdup ("yellow");
  g_assert_false (attest_workspace_add_annotation (f->ws, bad, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bad->sha256);
  bad->sha256 = g_strnfill (64, 'a');
  g_clear_pointer (&bad->color, g_free);
  g_assert_false (attest_workspace_add_annotation (f->ws, bad, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (attest_workspace_delete_annotation (f->ws, a->id, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = attest_workspace_list_annotations (f->ws, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = attest_workspace_search (f->ws, "logical access", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  {
    g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, "annotation", &error);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpstr (((AttestHistoryEntry *)rows->pdata[1])->action, ==, "delete");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/work/" name, Fixture, NULL, attest_test_fixture_seeded, fn, attest_test_fixture_teardown)
  ADD ("checklist-and-rollup", test_checklist_and_rollup);
  ADD ("resolve-errors", test_resolve_errors);
  ADD ("notes-and-my-services", test_notes_and_my_services);
  ADD ("history-chain", test_history_chain);
  ADD ("annotations", test_annotations);
  ADD ("disk-full", test_disk_full);
  ADD ("corrupt-file", test_corrupt_file);
#undef ADD

  return g_test_run ();
}
