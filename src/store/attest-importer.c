/* attest-importer.c: offering pages from files and folders into a workspace
 *
 * Pages → AttestPage (core parser) → AttestOffering (catalog rules) → the
 * workspace, in batches: one transaction for the pages stored in about
 * BATCH_USEC, each page a savepoint in it. A page that fails leaves no trace
 * and never touches the pages imported before it, in its batch or not; a
 * cancel or a stop commits the open batch, so every page reported done is
 * kept. A killed import loses the open batch only: the workspace opens and
 * verifies, with the pages of every batch committed before. Runs on any
 * thread; the caller owns the workspace for the duration.
 *
 * Speed (attest-bench import): a batch commits once where each page did,
 * and the commits of an import do not each wait for the disk (WAL with
 * synchronous=NORMAL, _attest_workspace_set_bulk()): a commit still survives
 * the program being killed, and the end of the import (run to its end,
 * cancelled or stopped) syncs the WAL once. Each page's history row
 * rehashes only the parts of the state its page touched, and their buckets
 * of the root (attest-history-state.c), not the whole state. What is left
 * is mostly the search index: FTS5 writes a segment for each page (its
 * savepoint), which keeping a page's rows with the page requires.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-importer"

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "attest-count.h"
#include "attest-framework-table.h"
#include "attest-importer.h"
#include "attest-importer-private.h"
#include "attest-offering.h"
#include "attest-page-files.h"
#include "attest-page.h"
#include "attest-service-table.h"
#include "attest-workspace-private.h"

/* A batch's pages take about this long to store: long enough that the
 * commit is a small part of it, short enough that a killed import loses
 * little and the window sees the pages soon. */
#define BATCH_USEC (100 * 1000)

static void
failure_free (AttestImportFailure *failure)
{
  g_free (failure->path);
  g_free (failure->reason);
  g_free (failure);
}

void
attest_import_summary_free (AttestImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_error (&summary->error);
  g_ptr_array_unref (summary->failures);
  g_ptr_array_unref (summary->failed_files);
  g_ptr_array_unref (summary->warnings);
  g_ptr_array_unref (summary->outcomes);
  g_hash_table_unref (summary->names);
  g_free (summary);
}

static AttestImportSummary *
summary_new (void)
{
  AttestImportSummary *summary = g_new0 (AttestImportSummary, 1);

  summary->failures = g_ptr_array_new_with_free_func (g_free);
  summary->failed_files = g_ptr_array_new_with_free_func ((GDestroyNotify)failure_free);
  summary->warnings = g_ptr_array_new_with_free_func (g_free);
  summary->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_import_outcome_free);
  summary->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return summary;
}

/* @message names the file first ("FILE: reason", FILE as the path or its
 * display name); the window shows the file and the reason apart. */
static void
add_failure (AttestImportSummary *summary,
             const char          *path,
             const char          *message)
{
  AttestImportFailure *failure = g_new0 (AttestImportFailure, 1);
  g_autofree char *name = attest_page_files_display_name (path);
  g_autofree char *glib_name = g_filename_display_name (path);
  const char *prefixes[] = { name, glib_name, path };
  const char *reason = message;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);
      if (strncmp (message, prefixes[i], len) == 0 && strncmp (message + len, ": ", 2) == 0)
        {
          reason = message + len + 2;
          break;
        }
    }

  failure->path = g_strdup (path);
  failure->reason = g_strdup (reason);
  g_ptr_array_add (summary->failed_files, failure);
  g_ptr_array_add (summary->failures, g_strdup (message));
  summary->failed++;
}

/* Errors of the workspace itself, not of the page: every page after would
 * fail the same way (after waiting out the busy timeout each), so the import
 * stops there. */
static gboolean
stops_import (const GError *error)
{
  if (error->domain != ATTEST_STORE_ERROR)
    return FALSE;
  switch (error->code)
    {
    case ATTEST_STORE_ERROR_BUSY:
    case ATTEST_STORE_ERROR_FULL:
    case ATTEST_STORE_ERROR_READ_ONLY:
    case ATTEST_STORE_ERROR_CORRUPT:
    case ATTEST_STORE_ERROR_NOT_A_WORKSPACE:
    case ATTEST_STORE_ERROR_TOO_NEW:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The names the scope-change report shows, read once the pages are in. */
static void
collect_names (AttestImportSummary *summary,
               AttestWorkspace     *workspace)
{
  for (guint i = 0; i < summary->outcomes->len; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];

      if (!o->newer_variant || o->changes->len == 0)
        continue;
      if (!g_hash_table_contains (summary->names, o->framework_id))
        {
          char *name = _attest_workspace_query_text (workspace, "SELECT short_name FROM framework WHERE id = ?1",
                                                     o->framework_id);
          if (name != NULL)
            g_hash_table_insert (summary->names, g_strdup (o->framework_id), name);
        }
      for (guint j = 0; j < o->changes->len; j++)
        {
          AttestScopeChange *c = o->changes->pdata[j];
          char *name;

          if (g_hash_table_contains (summary->names, c->scope_id))
            continue;
          name = _attest_workspace_query_text (workspace, "SELECT name FROM scope WHERE id = ?1", c->scope_id);
          if (name != NULL)
            g_hash_table_insert (summary->names, g_strdup (c->scope_id), name);
        }
    }
}

/* Reads (once), parses and applies the catalog rules: everything but SQLite.
 * The text parsed, with its includes spliced in, is the text hashed and
 * stored: the page shown later is the page imported, and an edited include
 * makes the page changed. */
static AttestOffering *
prepare (const AttestPageFile  *file,
         AttestFrameworkTable  *frameworks,
         AttestServiceTable    *names,
         guint64               *bytes,
         GError               **error)
{
  g_autofree char *display = attest_page_files_display_name (file->path);
  g_autoptr(AttestPageSource) source = NULL;
  g_autoptr(AttestPage) page = NULL;
  AttestOffering *offering;
  const char *text;
  gsize len;

  source = attest_page_source_read (file->path, file->root, display, error);
  if (source == NULL)
    return NULL;
  text = g_bytes_get_data (source->text, &len);
  *bytes += len;

  page = attest_page_parse (display, text, (gssize) len, error);
  if (page == NULL)
    return NULL;

  offering = attest_offering_new_from_page (page, file->path, source->text, frameworks, names);
  /* The includes left out first, as they come first in the page. */
  for (guint i = 0; i < source->warnings->len; i++)
    g_ptr_array_insert (offering->warnings, (gint) i, g_strdup (source->warnings->pdata[i]));
  return offering;
}

/* A page stored in the open batch: counted once the batch is committed. */
typedef struct {
  char *path;
  AttestOffering *offering;
  AttestImportOutcome *outcome;
} Stored;

static void
stored_free (Stored *stored)
{
  g_free (stored->path);
  g_clear_pointer (&stored->offering, attest_offering_free);
  g_clear_pointer (&stored->outcome, attest_import_outcome_free);
  g_free (stored);
}

typedef struct {
  AttestWorkspace *workspace;
  AttestServiceTable *names;
  AttestImportSummary *summary;
  guint max_pages;        /* pages a batch holds; 0: those stored in BATCH_USEC */
  gboolean open;          /* a batch was begun and not yet committed */
  gint64 start;           /* when it was begun */
  GPtrArray *stored;      /* Stored: its pages, in order */
} Batch;

/* A page the workspace refused: named, with the reason; the import stops at
 * errors of the workspace itself. */
static void
store_failed (AttestImportSummary *summary,
              const char          *path,
              const GError        *error)
{
  g_autofree char *name = attest_page_files_display_name (path);
  g_autofree char *message = g_strdup_printf ("%s: %s", name, error->message);

  add_failure (summary, path, message);
  if (stops_import (error) && summary->error == NULL)
    summary->error = g_error_new_literal (error->domain, error->code, message);
}

static void
store_done (AttestImportSummary *summary,
            Stored              *stored)
{
  AttestImportOutcome *outcome = g_steal_pointer (&stored->outcome);

  if (outcome->unchanged)
    summary->unchanged++;
  else
    summary->imported++;
  g_ptr_array_add (summary->outcomes, outcome);
}

/* The batch did not make it (SQLite rolled it back with a failing page, or
 * its COMMIT failed): its pages are stored again, each in its own
 * transaction as before batches, and each that fails then is named. */
static void
batch_store_again (Batch *batch)
{
  /* Its state goes; the error is the one of the page or the commit. */
  _attest_workspace_batch_commit (batch->workspace, NULL);
  batch->open = FALSE;

  for (guint i = 0; i < batch->stored->len; i++)
    {
      Stored *stored = batch->stored->pdata[i];
      g_autoptr(GError) error = NULL;

      gboolean ok;

      g_clear_pointer (&stored->outcome, attest_import_outcome_free);
      /* A batch of one: its search rows staged, then written to the index;
       * on a disk too full for the index they stay staged with the page,
       * and the next open writes them (_attest_search_flush_stage()). */
      ok = _attest_workspace_batch_begin (batch->workspace, &error) &&
           attest_workspace_import_offering (batch->workspace, stored->offering, batch->names,
                                             &stored->outcome, &error);
      if (!_attest_workspace_batch_commit (batch->workspace, ok ? &error : NULL))
        ok = FALSE;
      if (ok)
        store_done (batch->summary, stored);
      else
        store_failed (batch->summary, stored->path, error);
    }
  g_ptr_array_set_size (batch->stored, 0);
}

static void
batch_commit (Batch *batch)
{
  g_autoptr(GError) error = NULL;

  if (!batch->open)
    return;
  if (!_attest_workspace_batch_commit (batch->workspace, &error))
    {
      g_debug ("a batch of %u pages did not commit (%s): storing them one by one",
               batch->stored->len, error->message);
      batch_store_again (batch);
      return;
    }
  batch->open = FALSE;
  for (guint i = 0; i < batch->stored->len; i++)
    store_done (batch->summary, batch->stored->pdata[i]);
  g_ptr_array_set_size (batch->stored, 0);
}

/* Stores one page in the open batch, which it begins when none is; the
 * batch keeps @offering until committed, to store it again if need be. */
static void
batch_store (Batch          *batch,
             const char     *path,
             AttestOffering *offering)
{
  g_autoptr(AttestOffering) owned = offering;
  g_autoptr(GError) error = NULL;
  AttestImportOutcome *outcome = NULL;
  Stored *stored;

  if (!batch->open)
    {
      if (!_attest_workspace_batch_begin (batch->workspace, &error))
        {
          store_failed (batch->summary, path, error);
          return;
        }
      batch->open = TRUE;
      batch->start = g_get_monotonic_time ();
    }

  if (!attest_workspace_import_offering (batch->workspace, offering, batch->names, &outcome, &error))
    {
      /* The page's savepoint is undone; the pages before it stay, unless
       * SQLite rolled the whole batch back with it. */
      if (!_attest_workspace_in_batch (batch->workspace))
        {
          g_debug ("the batch went with a page that failed (%s): storing its %u pages again",
                   error->message, batch->stored->len);
          batch_store_again (batch);
        }
      store_failed (batch->summary, path, error);
      return;
    }

  stored = g_new0 (Stored, 1);
  stored->path = g_strdup (path);
  stored->offering = g_steal_pointer (&owned);
  stored->outcome = outcome;
  g_ptr_array_add (batch->stored, stored);
}

static gboolean
batch_full (Batch *batch)
{
  if (!batch->open)
    return FALSE;
  if (batch->max_pages > 0)
    return batch->stored->len >= batch->max_pages;
  return g_get_monotonic_time () - batch->start >= BATCH_USEC;
}

/* The CPU time of the calling thread: what parsing and storing cost when
 * other programs share the processors. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The same warning on many pages ("include … outside the import root" on 43
 * pages) is one line: the first page's, with how many other pages said it.
 * @seen: the warning without its page → its index in summary->warnings;
 * @counts: how many pages said it, by that index. */
static void
add_page_warning (AttestImportSummary *summary,
                  GHashTable          *seen,
                  GArray              *counts,
                  const char          *page,
                  const char          *warning)
{
  gsize n = strlen (page);
  const char *rest = warning;
  gpointer index;

  if (strncmp (warning, page, n) == 0 && strncmp (warning + n, ": ", 2) == 0)
    rest = warning + n + 2;
  if (g_hash_table_lookup_extended (seen, rest, NULL, &index))
    {
      g_array_index (counts, guint, GPOINTER_TO_UINT (index))++;
      return;
    }
  g_hash_table_insert (seen, g_strdup (rest), GUINT_TO_POINTER (summary->warnings->len));
  g_array_set_size (counts, summary->warnings->len + 1);
  g_array_index (counts, guint, summary->warnings->len) = 1;
  g_ptr_array_add (summary->warnings, g_strdup (warning));
}

static void
count_page_warnings (AttestImportSummary *summary,
                     GArray              *counts)
{
  for (guint i = 0; i < counts->len && i < summary->warnings->len; i++)
    {
      guint others = g_array_index (counts, guint, i) - 1;
      char *line;

      if (others == 0)
        continue;
      /* Translators: a warning said by many pages: "FILE: include … (and 42 other pages)" */
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %s other page)", "%s (and %s other pages)", others),
                              (char *)summary->warnings->pdata[i], attest_count (others));
      g_free (summary->warnings->pdata[i]);
      summary->warnings->pdata[i] = line;
    }
}

/**
 * attest_importer_run_full:
 * @paths: files and folders; folders contribute their offering-*.md files
 * @include_root: (nullable): the folder [!INCLUDE] files may be read from,
 *   as the analyst allowed it (`--include-root`)
 * @docset: without @include_root, the nearest folder above the pages that
 *   holds their documentation set (an includes/ folder, a docfx.json); else
 *   the folder named
 * @date: (nullable): the date of every page imported (YYYY-MM-DD), as the
 *   analyst knows it: it ranks them before any date they carry
 *
 * A page that fails, a cancel (checked between pages) or an error of the
 * workspace itself (busy, full, read-only: the import stops there,
 * summary->error says why) leaves every page recorded before as it is: each
 * page is a savepoint of its batch's transaction, and the open batch is
 * committed when the import ends, however it ends.
 *
 * Returns: (transfer full): the summary; %NULL only when the data tables of
 *   Attest itself cannot be read (@error says which).
 */
AttestImportSummary *
attest_importer_run_full (AttestWorkspace      *workspace,
                          const char * const   *paths,
                          const char           *include_root,
                          gboolean              docset,
                          const char           *date,
                          AttestImportProgress  progress,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  return _attest_importer_run_batched (workspace, paths, include_root, docset, date, 0,
                                       progress, user_data, cancellable, error);
}

/**
 * _attest_importer_run_batched:
 * @batch_pages: pages stored in a batch (0: as many as take BATCH_USEC)
 *
 * attest_importer_run_full(), with the ends of batches where a test needs them.
 */
AttestImportSummary *
_attest_importer_run_batched (AttestWorkspace      *workspace,
                              const char * const   *paths,
                              const char           *include_root,
                              gboolean              docset,
                              const char           *date,
                              guint                 batch_pages,
                              AttestImportProgress  progress,
                              gpointer              user_data,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autoptr(GHashTable) seen_warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) warning_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(AttestImportSummary) summary = summary_new ();
  g_autoptr(AttestFrameworkTable) frameworks = attest_framework_table_new ();
  g_autoptr(AttestServiceTable) names = attest_service_table_new ();
  g_autoptr(AttestPageFiles) files = NULL;
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func ((GDestroyNotify)stored_free);
  Batch batch = { .workspace = workspace, .names = names, .max_pages = batch_pages, .stored = stored };
  gint64 first_new_id;
  gboolean bulk;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  if (!attest_framework_table_load_default (frameworks, error) ||
      !attest_service_table_load_default (names, error))
    return NULL;
  batch.summary = summary;

  files = attest_page_files_collect_full (paths, include_root, docset, cancellable);
  summary->skipped = files->skipped;
  summary->total = files->files->len;
  for (guint i = 0; i < files->failures->len; i++)
    {
      AttestPageFailure *f = files->failures->pdata[i];
      add_failure (summary, f->path, f->message);
    }
  for (guint i = 0; i < files->warnings->len; i++)
    g_ptr_array_add (summary->warnings, g_strdup (files->warnings->pdata[i]));

  /* The versions stored before this import: an undated page never silently
   * supersedes one of them (pages of one import rank in path order). */
  {
    g_autofree char *max_id = _attest_workspace_query_text (workspace, "SELECT coalesce (max (id), 0) FROM variant", NULL);
    first_new_id = max_id != NULL ? g_ascii_strtoll (max_id, NULL, 10) + 1 : 0;
  }

  /* Not fatal: the import is then as slow as before, as safe. */
  bulk = files->files->len > 0 && _attest_workspace_set_bulk (workspace, TRUE, NULL);

  if (progress != NULL && !g_cancellable_is_cancelled (cancellable))
    progress (0, files->files->len, NULL, user_data);

  for (guint i = 0; i < files->files->len; i++)
    {
      const AttestPageFile *file = files->files->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(AttestOffering) offering = NULL;
      gint64 t0, t1, c0, c1;

      /* Cancel between pages: every page imported so far stays (the open
       * batch is committed below). */
      if (g_cancellable_is_cancelled (cancellable))
        break;

      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_usec ();
      offering = prepare (file, frameworks, names, &summary->bytes, &local_error);
      t1 = g_get_monotonic_time ();
      c1 = thread_cpu_usec ();
      summary->parse_usec += t1 - t0;
      summary->parse_cpu_usec += c1 - c0;

      if (offering == NULL)
        add_failure (summary, file->path, local_error->message);
      else
        {
          g_autofree char *page = attest_page_files_display_name (file->path);

          offering->date_set = g_strdup (date);
          offering->first_new_id = first_new_id;
          for (guint w = 0; w < offering->warnings->len; w++)
            add_page_warning (summary, seen_warnings, warning_counts, page, offering->warnings->pdata[w]);
          batch_store (&batch, file->path, g_steal_pointer (&offering));
        }
      /* Committed before the page is reported: a progress callback after a
       * batch's last page finds it in the file. */
      if (batch_full (&batch))
        batch_commit (&batch);
      summary->store_usec += g_get_monotonic_time () - t1;
      summary->store_cpu_usec += thread_cpu_usec () - c1;

      summary->done = i + 1;
      if (progress != NULL)
        progress (i + 1, files->files->len, file->path, user_data);
      if (summary->error != NULL)
        break;
    }

  /* The open batch, however the import ended; then every commit made
   * durable. */
  {
    gint64 t0 = g_get_monotonic_time ();
    gint64 c0 = thread_cpu_usec ();

    batch_commit (&batch);
    if (bulk)
      {
        g_autoptr(GError) sync_error = NULL;

        if (!_attest_workspace_set_bulk (workspace, FALSE, &sync_error) && summary->error == NULL)
          summary->error = g_steal_pointer (&sync_error);
      }
    summary->store_usec += g_get_monotonic_time () - t0;
    summary->store_cpu_usec += thread_cpu_usec () - c0;
  }

  /* A cancel after the last page changes nothing: the import ran to its end. */
  summary->cancelled = summary->error == NULL && summary->done < summary->total &&
                       g_cancellable_is_cancelled (cancellable);
  if (summary->total == 0 && g_cancellable_is_cancelled (cancellable))
    summary->cancelled = TRUE;
  collect_names (summary, workspace);
  count_page_warnings (summary, warning_counts);

  return g_steal_pointer (&summary);
}

/**
 * attest_importer_run:
 *
 * attest_importer_run_full() with the pages' own dates, includes from
 * their documentation set's folder.
 */
AttestImportSummary *
attest_importer_run (AttestWorkspace      *workspace,
                     const char * const   *paths,
                     AttestImportProgress  progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  return attest_importer_run_full (workspace, paths, NULL, TRUE, NULL, progress, user_data, cancellable, error);
}

/**
 * attest_import_summary_get_name:
 * @id: a framework id or a scope id of the summary's scope changes
 *
 * Returns: (nullable): the framework's short name or the scope's name
 */
const char *
attest_import_summary_get_name (AttestImportSummary *summary,
                                const char          *id)
{
  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (summary->names, id);
}

/**
 * attest_import_summary_scope_title:
 *
 * Returns: (transfer full): "SOC — SOC 2" as the matrix headers name a scope:
 *   the framework's short name, then the scope's name (once when they are
 *   the same); the scope id when the workspace did not say.
 */
char *
attest_import_summary_scope_title (AttestImportSummary *summary,
                                   const char          *scope_id)
{
  g_autofree char *framework_id = NULL;
  const char *slash;
  const char *scope_name;
  const char *short_name;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (scope_id != NULL, NULL);

  scope_name = g_hash_table_lookup (summary->names, scope_id);
  slash = strchr (scope_id, '/');
  framework_id = slash != NULL ? g_strndup (scope_id, slash - scope_id) : g_strdup (scope_id);
  short_name = g_hash_table_lookup (summary->names, framework_id);

  if (scope_name == NULL)
    return g_strdup (scope_id);
  if (short_name == NULL || g_str_equal (short_name, scope_name))
    return g_strdup (scope_name);
  /* Translators: a scope as the matrix headers name it: framework short name — scope name */
  return g_strdup_printf (_("%s — %s"), short_name, scope_name);
}

/**
 * attest_import_summary_count_kept_older:
 *
 * Returns: how many pages without a date were kept below a stored version
 */
guint
attest_import_summary_count_kept_older (AttestImportSummary *summary)
{
  guint n = 0;

  g_return_val_if_fail (summary != NULL, 0);

  for (guint i = 0; i < summary->outcomes->len; i++)
    n += ((AttestImportOutcome *)summary->outcomes->pdata[i])->kept_older ? 1 : 0;
  return n;
}

/**
 * attest_import_summary_report:
 *
 * The summary in words, as `attest-cli import` prints it and the window shows
 * it: counts, whether it stopped early, then the scope-change report of
 * frameworks that got a newer variant.
 */
char *
attest_import_summary_report (AttestImportSummary *summary)
{
  GString *out = g_string_new (NULL);
  guint n_older;

  /* Each count its own plural, grouped as the locale groups digits. */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Imported %s", "Imported %s", summary->imported),
                          attest_count (summary->imported));
  /* Translators: the separator between the counts of an import's summary */
  g_string_append (out, _(", "));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "unchanged %s", "unchanged %s", summary->unchanged),
                          attest_count (summary->unchanged));
  g_string_append (out, _(", "));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "skipped %s (not offering pages)",
                                            "skipped %s (not offering pages)", summary->skipped),
                          attest_count (summary->skipped));
  g_string_append (out, _(", "));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "failed %s", "failed %s", summary->failed),
                          attest_count (summary->failed));
  g_string_append_c (out, '\n');

  if (summary->error != NULL)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Stopped after %s of %s page: the pages recorded before are kept",
                                                "Stopped after %s of %s pages: the pages recorded before are kept",
                                                summary->total),
                              attest_count (summary->done), attest_count (summary->total));
      g_string_append_c (out, '\n');
    }
  else if (summary->cancelled)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Cancelled after %s of %s page: the pages recorded before are kept",
                                                "Cancelled after %s of %s pages: the pages recorded before are kept",
                                                summary->total),
                              attest_count (summary->done), attest_count (summary->total));
      g_string_append_c (out, '\n');
    }

  /* An undated page never silently supersedes a stored version. */
  n_older = attest_import_summary_count_kept_older (summary);
  if (n_older > 0)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u page has no date and a version of it was already stored: "
                                                "kept as an older version (set its date, or make it current, "
                                                "for it to supersede the stored one):",
                                                "%u pages have no date and a version of each was already stored: "
                                                "kept as older versions (set their dates, or make them current, "
                                                "for them to supersede the stored ones):", n_older), n_older);
      g_string_append_c (out, '\n');
      for (guint i = 0; i < summary->outcomes->len; i++)
        {
          AttestImportOutcome *o = summary->outcomes->pdata[i];

          if (o->kept_older)
            g_string_append_printf (out, "  %s\n", o->file_name);
        }
    }

  for (guint i = 0; i < summary->outcomes->len; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];

      if (!o->newer_variant)
        continue;
      for (guint j = 0; j < o->changes->len; j++)
        {
          AttestScopeChange *c = o->changes->pdata[j];
          g_autofree char *title = attest_import_summary_scope_title (summary, c->scope_id);

          if (g_str_equal (title, c->scope_id))
            g_string_append_printf (out, _("Scope %s changed:"), c->scope_id);
          else
            /* Translators: "Scope SOC — SOC 2 (soc/soc-2) changed:" */
            g_string_append_printf (out, _("Scope %s (%s) changed:"), title, c->scope_id);
          g_string_append_c (out, '\n');
          for (guint k = 0; k < c->added->len; k++)
            g_string_append_printf (out, "  + %s\n", (char *)c->added->pdata[k]);
          for (guint k = 0; k < c->renamed->len; k++)
            g_string_append_printf (out, "  ~ %s\n", (char *)c->renamed->pdata[k]);
          for (guint k = 0; k < c->removed->len; k++)
            {
              g_string_append_printf (out, "  - %s ", (char *)c->removed->pdata[k]);
              g_string_append_printf (out, _("(kept, flagged no longer in scope)"));
              g_string_append_c (out, '\n');
            }
        }
    }
  return g_string_free (out, FALSE);
}
