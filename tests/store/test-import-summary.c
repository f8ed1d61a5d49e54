/* test-import-summary.c: an import stopped midway (cancel, full disk, a second
 * writer) keeps every page recorded before, whatever batch it is in; a page
 * the workspace refuses is undone alone; the scope-change report of a newer
 * variant names what changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-importer-private.h"
#include "attest-page.h"
#include "attest-paths.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-private.h"

typedef AttestTestFixture Fixture;

static gint64
count (AttestWorkspace *ws,
       const char      *sql)
{
  g_autofree char *n = _attest_workspace_query_text (ws, sql);

  g_assert_nonnull (n);
  return g_ascii_strtoll (n, NULL, 10);
}

/* Opens the file anew (as the window does after a worker's import) and checks
 * the database and the history chain. */
static void
assert_verifies (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_true (attest_workspace_check_integrity (ws, problems, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_verify_history (ws, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The files of the pages recorded, in import order. */
static GPtrArray *
stored_files (AttestWorkspace *ws)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (ws, "SELECT file_name FROM variant ORDER BY id", NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  return out;
}

typedef struct {
  guint calls;
  guint last_done;
  guint last_total;
  gboolean saw_start;
  GPtrArray *paths;       /* char *: the pages reported, in order */
  guint stop_after;       /* the page after which to act */
  GCancellable *cancel;   /* cancel there */
  sqlite3 *limit_db;      /* or make the disk "full" there */
  sqlite3 *lock_db;       /* or let another writer take the workspace there */
} Progress;

static void
on_progress (guint       done,
             guint       total,
             const char *path,
             gpointer    user_data)
{
  Progress *p = user_data;

  p->calls++;
  g_assert_cmpuint (done, <=, total);
  if (done == 0)
    {
      /* Once, first: the pages are found, none read yet. */
      g_assert_cmpuint (p->calls, ==, 1);
      g_assert_null (path);
      p->saw_start = TRUE;
    }
  else
    {
      g_assert_true (p->saw_start);
      g_assert_cmpuint (done, ==, p->last_done + 1);
      g_assert_nonnull (path);
      g_ptr_array_add (p->paths, g_path_get_basename (path));
    }
  p->last_done = done;
  p->last_total = total;

  if (done != p->stop_after || done == 0)
    return;
  if (p->cancel != NULL)
    g_cancellable_cancel (p->cancel);
  if (p->limit_db != NULL)
    {
      /* No page more than the file has now: the next write finds the "disk" full. */
      sqlite3_stmt *stmt = NULL;
      g_autofree char *sql = NULL;
      int pages;

      g_assert_cmpint (sqlite3_prepare_v2 (p->limit_db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      pages = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      sql = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
      g_assert_cmpint (sqlite3_exec (p->limit_db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  if (p->lock_db != NULL)
    g_assert_cmpint (sqlite3_exec (p->lock_db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
progress_clear (Progress *p)
{
  g_clear_pointer (&p->paths, g_ptr_array_unref);
  g_clear_object (&p->cancel);
}

/* Cancel after the second page: exactly the two pages before it are stored,
 * each with its history row, and the workspace verifies. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree char *report = NULL;
  Progress p = { .paths = g_ptr_array_new_with_free_func (g_free), .stop_after = 2, .cancel = g_cancellable_new () };

  summary = attest_importer_run (f->ws, paths, on_progress, &p, p.cancel, &error);
  g_assert_no_error (error);
  g_assert_true (summary->cancelled);
  g_assert_null (summary->error);
  g_assert_cmpuint (summary->total, ==, 5);
  g_assert_cmpuint (summary->done, ==, 2);
  g_assert_cmpuint (summary->imported, ==, 2);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (p.last_done, ==, 2);
  g_assert_cmpuint (p.last_total, ==, 5);

  /* The pages reported done are the pages stored. */
  stored = stored_files (f->ws);
  g_assert_cmpuint (stored->len, ==, 2);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (stored->pdata[i], ==, p.paths->pdata[i]);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history WHERE action = 'import'"), ==, 2);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history WHERE action = 'import' AND reviewer = 'Dana Reviewer'"), ==, 2);

  report = attest_import_summary_report (summary);
  g_assert_true (g_str_has_prefix (report, "Imported 2, unchanged 0, skipped 0 (not offering pages), failed 0\n"
                                           "Cancelled after 2 of 5 pages"));
  assert_verifies (f->path);

  /* Importing again picks up the rest; the first two are unchanged. */
  {
    g_autoptr(AttestImportSummary) again = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (again->cancelled);
    g_assert_cmpuint (again->imported, ==, 3);
    g_assert_cmpuint (again->unchanged, ==, 2);
    g_assert_cmpuint (again->done, ==, 5);
  }
  progress_clear (&p);
}

/* A cancel before anything was read: nothing stored, the summary says so. */
static void
test_cancel_before_start (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(AttestImportSummary) summary = NULL;

  g_cancellable_cancel (cancel);
  summary = attest_importer_run (f->ws, paths, NULL, NULL, cancel, &error);
  g_assert_no_error (error);
  g_assert_true (summary->cancelled);
  g_assert_cmpuint (summary->imported, ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM variant"), ==, 0);
}

/* The disk fills after the second page: a clear error naming the third page's
 * file, the import stops there, the first two pages stay (their batch, or
 * each again alone if SQLite rolled it back with the third page), with their
 * search rows: staged, the index refused on the full disk, and written to
 * the index when the workspace is next opened. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree char *report = NULL;
  AttestImportFailure *failure;
  Progress p = { .paths = g_ptr_array_new_with_free_func (g_free), .stop_after = 2,
                 .limit_db = _attest_workspace_get_db (f->ws) };

  /* One batch for every page, whatever the machine's speed: the first two
   * are in it, open, when the disk fills. */
  summary = _attest_importer_run_batched (f->ws, paths, NULL, TRUE, NULL, 5, on_progress, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_false (summary->cancelled);
  g_assert_error (summary->error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FULL);
  g_test_message ("%s", summary->error->message);

  /* Stopped at the third page, which is named, with the reason. */
  g_assert_cmpuint (summary->imported, ==, 2);
  g_assert_cmpuint (summary->failed, ==, 1);
  g_assert_cmpuint (summary->done, ==, 3);
  g_assert_cmpuint (summary->total, ==, 5);
  g_assert_cmpuint (p.paths->len, ==, 3);
  g_assert_nonnull (strstr (summary->error->message, p.paths->pdata[2]));
  g_assert_nonnull (strstr (summary->error->message, "disk is full"));
  g_assert_cmpuint (summary->failed_files->len, ==, 1);
  failure = summary->failed_files->pdata[0];
  g_assert_true (g_str_has_suffix (failure->path, p.paths->pdata[2]));
  g_assert_nonnull (strstr (failure->reason, "disk is full"));
  g_assert_null (strstr (failure->reason, p.paths->pdata[2]));
  g_assert_nonnull (strstr (summary->failures->pdata[0], p.paths->pdata[2]));

  report = attest_import_summary_report (summary);
  g_assert_nonnull (strstr (report, "Stopped after 3 of 5 pages"));

  /* Nothing of the third page, all of the first two. */
  stored = stored_files (f->ws);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (stored->pdata[0], ==, p.paths->pdata[0]);
  g_assert_cmpstr (stored->pdata[1], ==, p.paths->pdata[1]);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history WHERE action = 'import'"), ==, 2);
  /* Their search rows are kept with them: their text stored, staged, the
   * full disk having refused the index the rows of the pages stored. */
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_pending"), >, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_pending p LEFT JOIN search_text t "
                                 "ON t.id = p.id WHERE t.id IS NULL"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_key WHERE kind = 'page'"), ==,
                   count (f->ws, "SELECT count(*) FROM search_text WHERE kind = 'page'"));
  attest_test_assert_search_index (f->ws);
  g_clear_object (&f->ws);
  assert_verifies (f->path);

  /* Opened again (room on the disk): every staged row is in the index, each
   * stored page searchable; nothing left staged. */
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_key WHERE kind = 'page'"), >, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_key WHERE kind = 'page'"), ==,
                   count (f->ws, "SELECT count(*) FROM search_text WHERE kind = 'page'"));
  attest_test_assert_search_index (f->ws);
  g_assert_cmpint (count (f->ws, "SELECT count(DISTINCT v.file_name) FROM search_variant s "
                                 "JOIN variant v ON v.id = s.variant_id"), ==, 2);
  {
    sqlite3 *db = _attest_workspace_get_db (f->ws);

    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  progress_clear (&p);
}

/* A second Attest takes the workspace for longer than the busy timeout after
 * the first batch (two pages; a batch holds the workspace while it is open):
 * the import stops with a message naming the next page, the first two stay,
 * and once the other writer is done the import completes. */
static void
test_second_writer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  sqlite3 *other = NULL;
  gint64 t0;
  Progress p = { .paths = g_ptr_array_new_with_free_func (g_free), .stop_after = 2 };

  g_assert_cmpint (sqlite3_open_v2 (f->path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  p.lock_db = other;

  t0 = g_get_monotonic_time ();
  summary = _attest_importer_run_batched (f->ws, paths, NULL, TRUE, NULL, 2, on_progress, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_error (summary->error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY);
  g_test_message ("%s (after %.1f s)", summary->error->message, (g_get_monotonic_time () - t0) / 1e6);
  g_assert_nonnull (strstr (summary->error->message, p.paths->pdata[2]));
  g_assert_nonnull (strstr (summary->error->message, "another program"));
  /* One busy wait, not one per page left. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 8 * G_USEC_PER_SEC);
  g_assert_cmpuint (summary->imported, ==, 2);
  g_assert_cmpuint (summary->done, ==, 3);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM variant"), ==, 2);
  {
    g_autoptr(AttestImportSummary) again = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (again->error);
    g_assert_cmpuint (again->imported, ==, 3);
    g_assert_cmpuint (again->unchanged, ==, 2);
  }
  g_clear_object (&f->ws);
  assert_verifies (f->path);
  progress_clear (&p);
}

/* Batches of two pages, a cancel after the third: the first batch was
 * committed, the open one (the third page) is committed by the cancel, so
 * the pages stored are the pages reported done, each with its history row. */
static void
test_cancel_across_batches (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  Progress p = { .paths = g_ptr_array_new_with_free_func (g_free), .stop_after = 3, .cancel = g_cancellable_new () };

  summary = _attest_importer_run_batched (f->ws, paths, NULL, TRUE, NULL, 2, on_progress, &p, p.cancel, &error);
  g_assert_no_error (error);
  g_assert_true (summary->cancelled);
  g_assert_null (summary->error);
  g_assert_cmpuint (summary->done, ==, 3);
  g_assert_cmpuint (summary->imported, ==, 3);
  g_assert_cmpuint (summary->outcomes->len, ==, 3);

  stored = stored_files (f->ws);
  g_assert_cmpuint (stored->len, ==, 3);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (stored->pdata[i], ==, p.paths->pdata[i]);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history WHERE action = 'import'"), ==, 3);
  g_clear_object (&f->ws);
  assert_verifies (f->path);
  progress_clear (&p);
}

typedef struct {
  sqlite3 *db;
  gboolean open_after_failure;  /* the batch still open once the refused page is reported */
} Watch;

static void
on_refused (guint       done,
            guint       total,
            const char *path,
            gpointer    user_data)
{
  Watch *w = user_data;

  if (path != NULL && g_str_has_suffix (path, "offering-iso-27001.fr-FR.md"))
    w->open_after_failure = !sqlite3_get_autocommit (w->db);
}

/* The workspace refuses the second page at its last step (its history row):
 * that page is undone alone, every row it wrote before gone, and the pages
 * before and after it in the same batch are stored, each with its history. */
static void
test_refused_page_alone (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  AttestImportFailure *failure;
  Watch w = { .db = _attest_workspace_get_db (f->ws) };

  /* On this connection only, as a failure of the workspace would. */
  g_assert_cmpint (sqlite3_exec (w.db,
                                 "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.history "
                                 "WHEN NEW.entity_id = 'iso-27001' "
                                 "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* One batch for all five pages. */
  summary = _attest_importer_run_batched (f->ws, paths, NULL, TRUE, NULL, 100, on_refused, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (summary->error);
  g_assert_true (w.open_after_failure);
  g_assert_cmpuint (summary->done, ==, 5);
  g_assert_cmpuint (summary->imported, ==, 4);
  g_assert_cmpuint (summary->failed, ==, 1);
  failure = summary->failed_files->pdata[0];
  g_assert_true (g_str_has_suffix (failure->path, "offering-iso-27001.fr-FR.md"));
  g_test_message ("%s", failure->reason);

  stored = stored_files (f->ws);
  g_assert_cmpuint (stored->len, ==, 4);
  g_assert_cmpstr (stored->pdata[0], ==, "offering-iso-20000-1.fr-FR.md");
  g_assert_cmpstr (stored->pdata[1], ==, "offering-mars-e.fr-FR.md");
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history WHERE action = 'import'"), ==, 4);
  /* Nothing of the refused page: its framework, scopes, search rows. */
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM framework WHERE id = 'iso-27001'"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM scope WHERE framework_id = 'iso-27001'"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_key WHERE ref LIKE 'iso-27001#%'"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_index WHERE ref LIKE 'iso-27001#%'"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM search_index WHERE ref LIKE 'soc#%'"), >, 0);

  g_assert_cmpint (sqlite3_exec (w.db, "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(AttestImportSummary) again = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->imported, ==, 1);
    g_assert_cmpuint (again->unchanged, ==, 4);
  }
  g_clear_object (&f->ws);
  assert_verifies (f->path);
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (new, parts);
}

/* A newer fr-FR page of MARS-E with Intune gone and Stream (“Flux”) in: the
 * report names the scope and framework and lists the service added and the
 * one removed; bad files are named with their reason. */
static void
test_scope_change_report (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = g_build_filename (attest_paths_data_dir (), "offerings", "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *old_dir = g_build_filename (f->dir, "old", NULL);
  g_autofree char *new_dir = g_build_filename (f->dir, "new", NULL);
  g_autofree char *old_page = g_build_filename (old_dir, "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *new_page = g_build_filename (new_dir, "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *not_a_page = g_build_filename (new_dir, "README.md", NULL);
  g_autofree char *broken = g_build_filename (new_dir, "offering-broken.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *report = NULL;
  const char *old_paths[] = { old_dir, NULL };
  const char *new_paths[] = { new_dir, NULL };
  g_autoptr(AttestImportSummary) first = NULL;
  g_autoptr(AttestImportSummary) second = NULL;
  AttestImportOutcome *outcome = NULL;
  AttestScopeChange *change;
  AttestImportFailure *failure;
  g_autofree char *title = NULL;

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (old_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (new_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_page, text, -1, &error));
  newer = replace (text, "ms.lasthandoff: 11/04/2019", "ms.lasthandoff: 11/04/2021");
  swapped = replace (newer, "<span data-ttu-id=\"21eec-120\">Intune</span><span class=\"sxs-lookup\"><span data-stu-id=\"21eec-120\">Intune</span></span>",
                     "<span data-ttu-id=\"21eec-120\">Flux</span><span class=\"sxs-lookup\"><span data-stu-id=\"21eec-120\">Stream</span></span>");
  g_assert_true (g_file_set_contents (new_page, swapped, -1, &error));
  g_assert_true (g_file_set_contents (not_a_page, "# Notes\n\nNot an offering page.\n", -1, &error));
  g_assert_true (g_file_set_contents (broken, "# Caf\xe9\n\n## Microsoft in-scope cloud services\n\n- Intune\n", -1, &error));

  first = attest_importer_run (f->ws, old_paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->imported, ==, 1);
  g_assert_false (((AttestImportOutcome *)first->outcomes->pdata[0])->newer_variant);

  second = attest_importer_run (f->ws, new_paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (second->error);
  g_assert_false (second->cancelled);
  g_assert_cmpuint (second->imported, ==, 1);
  g_assert_cmpuint (second->skipped, ==, 1);
  g_assert_cmpuint (second->failed, ==, 1);
  g_assert_cmpuint (second->total, ==, 2);

  failure = second->failed_files->pdata[0];
  g_assert_cmpstr (failure->path, ==, broken);
  g_assert_true (g_str_has_prefix (failure->reason, "the page is not UTF-8 text"));

  for (guint i = 0; i < second->outcomes->len; i++)
    if (g_str_equal (((AttestImportOutcome *)second->outcomes->pdata[i])->framework_id, "mars-e"))
      outcome = second->outcomes->pdata[i];
  g_assert_nonnull (outcome);
  g_assert_true (outcome->newer_variant);
  g_assert_cmpuint (outcome->changes->len, ==, 1);
  change = outcome->changes->pdata[0];
  g_assert_cmpstr (change->scope_id, ==, "mars-e/mars-e");
  g_assert_cmpuint (change->added->len, ==, 1);
  g_assert_cmpstr (change->added->pdata[0], ==, "Stream");
  g_assert_cmpuint (change->removed->len, ==, 1);
  g_assert_cmpstr (change->removed->pdata[0], ==, "Intune");
  g_assert_cmpuint (change->renamed->len, ==, 0);

  /* Names for the window: the framework's short name and the scope's name. */
  g_assert_cmpstr (attest_import_summary_get_name (second, "mars-e"), ==, "MARS-E 2.0");
  g_assert_cmpstr (attest_import_summary_get_name (second, "mars-e/mars-e"), ==, "MARS-E 2.0");
  title = attest_import_summary_scope_title (second, "mars-e/mars-e");
  g_assert_cmpstr (title, ==, "MARS-E 2.0");

  report = attest_import_summary_report (second);
  g_test_message ("%s", report);
  g_assert_cmpstr (report, ==,
                   "Imported 1, unchanged 0, skipped 1 (not offering pages), failed 1\n"
                   "Scope MARS-E 2.0 (mars-e/mars-e) changed:\n"
                   "  + Stream\n"
                   "  - Intune (kept, flagged no longer in scope)\n");

  /* The import is a history row carrying what it changed. */
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history WHERE action = 'import' AND entity_id = 'mars-e' "
                                 "AND after LIKE '%\"removed\":[\"Intune\"]%'"), ==, 1);
}

/* Two scopes of one framework: the title carries the framework's short name. */
static void
test_scope_title (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autofree char *soc2 = NULL;
  g_autofree char *unknown = NULL;

  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* No newer variant: no names needed, the id stands in. */
  g_assert_null (attest_import_summary_get_name (summary, "soc/soc-2"));
  g_hash_table_insert (summary->names, g_strdup ("soc"), g_strdup ("SOC"));
  g_hash_table_insert (summary->names, g_strdup ("soc/soc-2"), g_strdup ("SOC 2"));
  soc2 = attest_import_summary_scope_title (summary, "soc/soc-2");
  g_assert_cmpstr (soc2, ==, "SOC — SOC 2");
  unknown = attest_import_summary_scope_title (summary, "soc/soc-9");
  g_assert_cmpstr (unknown, ==, "soc/soc-9");
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* The text of every block of the page stored for @framework_id, as the page
 * view and `show` parse it. */
static char *
stored_blocks (AttestWorkspace *ws,
               const char      *framework_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) bytes = attest_workspace_get_variant_page (ws, framework_id, NULL, &file_name, &error);
  g_autoptr(AttestPage) page = NULL;
  GString *out = g_string_new (NULL);
  gsize len;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  page = attest_page_parse (file_name, data, (gssize) len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->source_blocks->len; i++)
    {
      g_autofree char *text = attest_page_dup_block_text (page, page->source_blocks->pdata[i]);
      g_string_append_printf (out, "%s\n", text);
    }
  return g_string_free (out, FALSE);
}

static AttestImportSummary *
import_dir (AttestWorkspace *ws,
            const char      *dir)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  AttestImportSummary *summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  for (guint i = 0; i < summary->warnings->len; i++)
    g_test_message ("warning: %s", (char *)summary->warnings->pdata[i]);
  for (guint i = 0; i < summary->failures->len; i++)
    g_test_message ("failure: %s", (char *)summary->failures->pdata[i]);
  return summary;
}

/* The page stored is the page parsed: its blocks hold the included text and
 * the placeholder of a missing include; an edited include makes the page
 * changed on the next import. */
static void
test_includes_stored (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *blocks = NULL;

  write_file (dir, "offering-incl.md",
              "# Included\n\n[!INCLUDE [intro](includes/intro.md)]\n\n[!INCLUDE [gone](includes/gone.md)]\n\n"
              "## Microsoft in-scope cloud services\n\n- Intune\n");
  write_file (dir, "includes/intro.md", "---\ntitle: intro\n---\nContoso spliced this sentence in.\n");

  {
    g_autoptr(AttestImportSummary) summary = import_dir (f->ws, dir);
    g_assert_cmpuint (summary->imported, ==, 1);
    g_assert_cmpuint (summary->warnings->len, ==, 1);
    g_assert_nonnull (strstr (summary->warnings->pdata[0], "offering-incl.md"));
    g_assert_nonnull (strstr (summary->warnings->pdata[0], "gone.md"));
  }
  blocks = stored_blocks (f->ws, "incl");
  g_test_message ("%s", blocks);
  g_assert_nonnull (strstr (blocks, "Contoso spliced this sentence in."));
  g_assert_nonnull (strstr (blocks, "Missing include"));
  g_assert_null (strstr (blocks, "INCLUDE"));
  g_assert_null (strstr (blocks, "title: intro"));

  /* Nothing changed: unchanged. */
  {
    g_autoptr(AttestImportSummary) summary = import_dir (f->ws, dir);
    g_assert_cmpuint (summary->imported, ==, 0);
    g_assert_cmpuint (summary->unchanged, ==, 1);
  }
  /* Only the include changed: the page changed. Undated, it is kept as an
   * older version until the analyst makes it current. */
  write_file (dir, "includes/intro.md", "Fabrikam rewrote the included sentence.\n");
  {
    g_autoptr(AttestImportSummary) summary = import_dir (f->ws, dir);
    AttestImportOutcome *outcome;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (summary->imported, ==, 1);
    g_assert_cmpuint (summary->unchanged, ==, 0);
    outcome = summary->outcomes->pdata[0];
    g_assert_true (outcome->kept_older);
    g_clear_pointer (&blocks, g_free);
    blocks = stored_blocks (f->ws, "incl");
    g_assert_nonnull (strstr (blocks, "Contoso"));
    g_assert_true (attest_workspace_set_variant_date (f->ws, outcome->variant_id, NULL, TRUE, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&blocks, g_free);
  blocks = stored_blocks (f->ws, "incl");
  g_assert_nonnull (strstr (blocks, "Fabrikam rewrote the included sentence."));
  g_assert_null (strstr (blocks, "Contoso"));
}

static glong
max_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* An include that is a FIFO, or a 1 GiB (sparse) file, is refused before a
 * byte of it is read: the import neither hangs nor loads it, and the
 * warning names the page, the include and the reason. A link swapped in for
 * an include is not followed out of the root. */
static void
test_include_checked_first (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *fifo = g_build_filename (dir, "includes", "fifo.md", NULL);
  g_autofree char *big = g_build_filename (dir, "includes", "big.md", NULL);
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autofree char *blocks = NULL;
  glong rss_before;
  gboolean saw_fifo = FALSE, saw_big = FALSE;

  write_file (dir, "offering-guarded.md",
              "# Guarded\n\n[!INCLUDE [fifo](includes/fifo.md)]\n\n[!INCLUDE [big](includes/big.md)]\n\n"
              "[!INCLUDE [ok](includes/ok.md)]\n\n## Microsoft in-scope cloud services\n\n- Intune\n");
  write_file (dir, "includes/ok.md", "The sentence that is fine.\n");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  {
    FILE *fp = fopen (big, "w");
    g_assert_nonnull (fp);
    g_assert_cmpint (ftruncate (fileno (fp), (off_t) 1024 * 1024 * 1024), ==, 0);
    fclose (fp);
  }

  rss_before = max_rss_kb ();
  summary = import_dir (f->ws, dir);
  /* Nowhere near the 1 GiB of the include. */
  g_assert_cmpint (max_rss_kb () - rss_before, <, 128 * 1024);
  g_assert_cmpuint (summary->imported, ==, 1);
  g_assert_cmpuint (summary->failed, ==, 0);
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      const char *w = summary->warnings->pdata[i];

      g_assert_nonnull (strstr (w, "offering-guarded.md"));
      if (strstr (w, "fifo.md") != NULL && strstr (w, "not a regular file") != NULL)
        saw_fifo = TRUE;
      if (strstr (w, "big.md") != NULL && strstr (w, "larger than") != NULL)
        saw_big = TRUE;
    }
  g_assert_true (saw_fifo);
  g_assert_true (saw_big);
  g_assert_cmpuint (summary->warnings->len, ==, 2);
  blocks = stored_blocks (f->ws, "guarded");
  g_assert_nonnull (strstr (blocks, "The sentence that is fine."));
}

typedef struct {
  char *path;
  gint stop;
  guint rewrites;
  GString *versions[5];
} Rewriter;

/* Rewrites the page in place, again and again: truncated, then a version
 * with another title and length, written in pieces. */
static gpointer
rewrite_page (gpointer data)
{
  Rewriter *w = data;

  while (!g_atomic_int_get (&w->stop))
    {
      GString *text = w->versions[w->rewrites++ % G_N_ELEMENTS (w->versions)];
      FILE *fp = fopen (w->path, "r+");

      if (fp == NULL)
        continue;
      g_assert_cmpint (ftruncate (fileno (fp), 0), ==, 0);
      fflush (fp);
      for (gsize pos = 0; pos < text->len; pos += 4096)
        {
          fwrite (text->str + pos, 1, MIN (4096, text->len - pos), fp);
          fflush (fp);
        }
      fclose (fp);
      g_usleep (500);
    }
  return NULL;
}

/* A page rewritten while it is imported: whatever was read is what is
 * parsed, hashed and stored (no crash, no page stored under the title of
 * another version). */
static void
test_rewritten_while_imported (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "pages", NULL);
  g_autofree char *page = g_build_filename (dir, "offering-moving.md", NULL);
  Rewriter w = { .path = page };
  GThread *thread;
  guint imported = 0;

  for (guint n = 0; n < G_N_ELEMENTS (w.versions); n++)
    {
      w.versions[n] = g_string_new (NULL);
      g_string_printf (w.versions[n], "# Version %u\n\n## Microsoft in-scope cloud services\n\n", n);
      for (guint i = 0; i < 40 + n * 60; i++)
        g_string_append_printf (w.versions[n], "- Service %u of version %u\n", i, n);
    }
  write_file (dir, "offering-moving.md", "# Version start\n");
  thread = g_thread_new ("rewriter", rewrite_page, &w);
  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(GError) error = NULL;
      const char *paths[] = { page, NULL };
      g_autoptr(AttestImportSummary) summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      /* Read, and either recorded, already there or refused (read empty). */
      g_assert_cmpuint (summary->imported + summary->unchanged + summary->failed, ==, 1);
      imported += summary->imported;
    }
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  for (guint n = 0; n < G_N_ELEMENTS (w.versions); n++)
    g_string_free (w.versions[n], TRUE);
  g_test_message ("%u rewrites, %u versions imported", w.rewrites, imported);
  g_assert_cmpuint (imported, >, 0);

  /* Each version stored: its hash is of its bytes, its title is its own. */
  {
    g_autoptr(sqlite3_stmt) stmt =
      _attest_workspace_prepare (f->ws, "SELECT title, content_hash, page FROM variant", NULL);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *title = (const char *)sqlite3_column_text (stmt, 0);
        g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (stmt, 2),
                                                             (gsize) sqlite3_column_bytes (stmt, 2));
        g_autoptr(GError) error = NULL;
        g_autoptr(AttestPage) parsed = attest_page_parse ("stored.md", sqlite3_column_blob (stmt, 2),
                                                          sqlite3_column_bytes (stmt, 2), &error);

        g_assert_no_error (error);
        g_assert_cmpstr (hash, ==, (const char *)sqlite3_column_text (stmt, 1));
        g_assert_cmpstr (attest_page_get_title (parsed), ==, title);
      }
  }
  g_clear_object (&f->ws);
  assert_verifies (f->path);
}

typedef struct {
  AttestWorkspace *ws;
  gint64 cache_size;       /* PRAGMA cache_size while a batch is open */
  gint64 checkpoint;       /* PRAGMA wal_autocheckpoint then */
} Settings;

static void
on_progress_settings (guint       done,
                      guint       total,
                      const char *path,
                      gpointer    user_data)
{
  Settings *s = user_data;

  if (done == 0)
    return;
  s->cache_size = count (s->ws, "PRAGMA cache_size");
  s->checkpoint = count (s->ws, "PRAGMA wal_autocheckpoint");
}

/* While an import runs the WAL is not checkpointed and a batch has a cache
 * of 16 MiB; after it, both are as before, and every frame of the WAL is in
 * the database file (the one checkpoint at the end). */
static void
test_bulk_settings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Settings s = { .ws = f->ws };
  gint64 cache_size = count (f->ws, "PRAGMA cache_size");
  gint64 checkpoint = count (f->ws, "PRAGMA wal_autocheckpoint");

  g_assert_cmpint (checkpoint, >, 0);
  g_assert_cmpint (cache_size, !=, -16384);
  summary = attest_importer_run (f->ws, paths, on_progress_settings, &s, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (summary->error);
  g_assert_cmpuint (summary->imported, ==, 5);

  g_assert_cmpint (s.cache_size, ==, -16384);
  g_assert_cmpint (s.checkpoint, ==, 0);
  g_assert_cmpint (count (f->ws, "PRAGMA cache_size"), ==, cache_size);
  g_assert_cmpint (count (f->ws, "PRAGMA wal_autocheckpoint"), ==, checkpoint);
  g_assert_cmpint (count (f->ws, "PRAGMA synchronous"), ==, 2);  /* FULL */

  /* busy, frames in the WAL, frames checkpointed: none left to copy. */
  stmt = _attest_workspace_prepare (f->ws, "PRAGMA wal_checkpoint (PASSIVE)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), >, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, sqlite3_column_int (stmt, 1));
  assert_verifies (f->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/import-summary/" name, Fixture, NULL, attest_test_fixture_empty, fn, attest_test_fixture_teardown)
  ADD ("cancel", test_cancel);
  ADD ("cancel-before-start", test_cancel_before_start);
  ADD ("disk-full", test_disk_full);
  ADD ("second-writer", test_second_writer);
  ADD ("cancel-across-batches", test_cancel_across_batches);
  ADD ("refused-page-alone", test_refused_page_alone);
  ADD ("scope-change-report", test_scope_change_report);
  ADD ("scope-title", test_scope_title);
  ADD ("includes-stored", test_includes_stored);
  ADD ("include-checked-first", test_include_checked_first);
  ADD ("rewritten-while-imported", test_rewritten_while_imported);
  ADD ("bulk-settings", test_bulk_settings);

  return g_test_run ();
}
