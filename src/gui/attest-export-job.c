/* attest-export-job.c: the evidence report and package written off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's "Export Evidence Report…" and "Export Evidence Package…"
 * (issue 22), and the Gap Report window's "Export…" (the gap report alone,
 * issue 23). The header (workspace, reviewer, date, fingerprint) is read on
 * the main thread from the window's workspace; the worker opens a second
 * connection to the same file (attest-evidence-package.h: one connection,
 * one thread) to gather the report and read the evidence. The report is
 * written beside the chosen name and renamed onto it
 * (attest_export_file_write(), as attest-cli does); the package does the
 * same with its hidden folder. Either way a cancelled or failed export
 * leaves nothing under the chosen name.
 *
 * Progress reaches the main context through AttestExportProgress, and the
 * worker waits until it has been shown (or the export is cancelled): the
 * bar never lags behind the work, and a Cancel pressed when a step is shown
 * stops the export at the next step.
 */
#define G_LOG_DOMAIN "attest-export-job"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-evidence-package.h"
#include "attest-export-file.h"
#include "attest-export-job.h"
#include "attest-matrix-filter.h"
#include "attest-matrix-print.h"
#include "attest-report-html.h"
#include "attest-report-sheets.h"
#include "attest-sheet-frame.h"
#include "attest-sheet-heading.h"
#include "attest-workspace-catalog.h"

/* How long the worker sleeps between two looks at the cancellable while a
 * progress report waits for the main loop. */
#define WAIT_SLICE_MS 50

struct _AttestExportProgress {
  AttestExportProgressFunc func;
  GWeakRef target;
  GMainContext *context;
};

static void
progress_clear (gpointer data)
{
  AttestExportProgress *self = data;

  g_weak_ref_clear (&self->target);
  g_main_context_unref (self->context);
}

/**
 * attest_export_progress_new:
 * @target: what @func is called on, held weakly: once it is gone, reports
 *   are dropped
 *
 * Reports go to the thread-default main context of the caller.
 */
AttestExportProgress *
attest_export_progress_new (GObject                  *target,
                            AttestExportProgressFunc  func)
{
  AttestExportProgress *self = g_atomic_rc_box_new0 (AttestExportProgress);

  self->func = func;
  g_weak_ref_init (&self->target, target);
  self->context = g_main_context_ref_thread_default ();
  return self;
}

AttestExportProgress *
attest_export_progress_ref (AttestExportProgress *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
attest_export_progress_unref (AttestExportProgress *self)
{
  g_atomic_rc_box_release_full (self, progress_clear);
}

typedef struct {
  AttestExportProgress *progress;
  double fraction;
  char *what;
  GMutex lock;
  GCond cond;
  gboolean shown;
} Report;

static void
report_clear (gpointer data)
{
  Report *r = data;

  attest_export_progress_unref (r->progress);
  g_free (r->what);
  g_mutex_clear (&r->lock);
  g_cond_clear (&r->cond);
}

static void
report_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, report_clear);
}

static gboolean
report_deliver (gpointer data)
{
  Report *r = data;
  GObject *target = g_weak_ref_get (&r->progress->target);

  if (target != NULL)
    {
      r->progress->func (target, r->progress, r->fraction, r->what);
      g_object_unref (target);
    }
  g_mutex_lock (&r->lock);
  r->shown = TRUE;
  g_cond_signal (&r->cond);
  g_mutex_unlock (&r->lock);
  return G_SOURCE_REMOVE;
}

/**
 * attest_export_progress_report:
 * @self: (nullable): nothing is reported when %NULL
 * @cancellable: (nullable): stops the wait
 *
 * From the worker: hands @fraction to the main context and waits until it
 * has been shown there, or @cancellable is cancelled.
 */
void
attest_export_progress_report (AttestExportProgress *self,
                               double                fraction,
                               const char           *what,
                               GCancellable         *cancellable)
{
  Report *r;

  if (self == NULL)
    return;
  r = g_atomic_rc_box_new0 (Report);
  r->progress = attest_export_progress_ref (self);
  r->fraction = fraction;
  r->what = g_strdup (what);
  g_mutex_init (&r->lock);
  g_cond_init (&r->cond);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, report_deliver,
                              g_atomic_rc_box_acquire (r), report_release);
  g_mutex_lock (&r->lock);
  while (!r->shown && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&r->cond, &r->lock, g_get_monotonic_time () + WAIT_SLICE_MS * G_TIME_SPAN_MILLISECOND);
  g_mutex_unlock (&r->lock);
  report_release (r);
}

/* The evidence report: PDF or HTML. */

typedef struct {
  char *workspace_path;
  AttestMatrix *matrix;
  AttestSheetHeading heading;
  char *path;
  gboolean html;
  gboolean gap_only;   /* the gap report alone (the Gap Report window) */
  gboolean letter;
  gboolean landscape;
  AttestExportProgress *progress;
  /* While the worker runs */
  AttestReport *report;
  GCancellable *cancellable;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->workspace_path);
  g_clear_pointer (&job->matrix, attest_matrix_free);
  attest_sheet_heading_clear (&job->heading);
  g_free (job->path);
  g_clear_pointer (&job->progress, attest_export_progress_unref);
  g_clear_pointer (&job->report, attest_report_free);
  g_free (job);
}

/* Gathering is the first tenth of the work, the sheets the rest. */
#define GATHERED 0.1

static const char *
report_extension (const char *path)
{
  return attest_export_file_extension (path, attest_report_export_formats);
}

/**
 * attest_report_export_format_known:
 *
 * Returns: whether @path ends in .pdf or .html (any case)
 */
gboolean
attest_report_export_format_known (const char *path)
{
  return report_extension (path) != NULL;
}

static guint
report_paginate_cb (gpointer      sheets,
                    PangoContext *context,
                    double        width,
                    double        height)
{
  return attest_report_sheets_paginate (sheets, context, width, height);
}

static void
report_draw_cb (gpointer  sheets,
                cairo_t  *cr,
                guint     page_nr)
{
  attest_report_sheets_draw_page (sheets, cr, page_nr);
}

static void
report_sheet_done (guint    done,
                   guint    total,
                   gpointer user_data)
{
  ReportJob *job = user_data;
  /* Translators: a step of the evidence report's export: "sheet 3 of 12" */
  g_autofree char *what = g_strdup_printf (_("sheet %u of %u"), done, total);

  attest_export_progress_report (job->progress, GATHERED + (1 - GATHERED) * done / MAX (total, 1), what,
                                 job->cancellable);
}

static gboolean
report_write (const char    *path,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  ReportJob *job = user_data;
  const AttestSheetHeading *h = &job->heading;

  if (job->html)
    {
      g_autofree char *html = attest_report_export_html (job->report, h->workspace_name, h->reviewer,
                                                         h->date, h->fingerprint);

      return g_file_set_contents_full (path, html, -1, G_FILE_SET_CONTENTS_NONE, 0666, error);
    }
  else
    {
      g_autoptr(AttestReportSheets) sheets =
        attest_report_sheets_new (job->report, h->workspace_name, h->reviewer, h->date, h->fingerprint);
      double width, height;

      attest_matrix_print_paper_size (job->letter, job->landscape, &width, &height);
      return attest_sheet_export_pdf_full (sheets, report_paginate_cb, report_draw_cb, path, width, height,
                                           report_sheet_done, job, cancellable, error);
    }
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(AttestWorkspace) ws = NULL;
  GError *error = NULL;

  job->cancellable = cancellable;
  ws = attest_workspace_open (job->workspace_path, &error);
  if (ws != NULL && job->gap_only)
    job->report = attest_report_gather_gap (ws, NULL, &error);
  else if (ws != NULL)
    job->report = attest_report_gather (ws, job->matrix, NULL, cancellable, &error);
  if (job->report != NULL)
    {
      /* Translators: a step of the evidence report's export */
      attest_export_progress_report (job->progress, GATHERED, _("checklists and evidence read"), cancellable);
      if (attest_export_file_write (job->path, report_write, job, cancellable, &error))
        {
          attest_export_progress_report (job->progress, 1.0, NULL, cancellable);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  g_task_return_error (task, error);
}

/**
 * attest_report_export_async:
 * @workspace: the window's workspace: its header is read here, the rest
 *   on a second connection in the worker
 * @shown: (transfer full): the matrix as the window's filters show it
 * @path: ends in .pdf or .html
 * @letter: @landscape: the paper of a PDF
 * @progress: (nullable): where the worker says how far it is
 *
 * Writes the evidence report on a worker thread, beside @path, and renames
 * it onto @path when complete: a cancelled or failed export leaves nothing
 * there.
 */
static void
report_export_start (AttestWorkspace       *workspace,
                     AttestMatrix          *shown,
                     const char            *path,
                     gboolean               letter,
                     gboolean               landscape,
                     AttestExportProgress  *progress,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReportJob *job = g_new0 (ReportJob, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, attest_report_export_async);
  job->workspace_path = g_strdup (attest_workspace_get_path (workspace));
  job->matrix = shown;
  job->gap_only = shown == NULL;
  job->path = g_strdup (path);
  job->letter = letter;
  job->landscape = landscape;
  job->progress = progress != NULL ? attest_export_progress_ref (progress) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  if (!attest_report_export_format_known (path))
    {
      g_autofree char *display = g_filename_display_name (path);
      /* Translators: %s is a file name */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("Cannot write “%s”: the name must end in .pdf or .html"), display);
      return;
    }
  job->html = g_strcmp0 (report_extension (path), ".html") == 0;
  if (!attest_sheet_heading_init (&job->heading, workspace, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, report_thread);
}

void
attest_report_export_async (AttestWorkspace       *workspace,
                            AttestMatrix          *shown,
                            const char            *path,
                            gboolean               letter,
                            gboolean               landscape,
                            AttestExportProgress  *progress,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_return_if_fail (shown != NULL);

  report_export_start (workspace, shown, path, letter, landscape, progress, cancellable, callback, user_data);
}

/**
 * attest_gap_report_export_async:
 * @path: ends in .pdf (A4 portrait) or .html
 *
 * The gap report alone (attest_report_gather_gap()), written as
 * attest_report_export_async() writes the evidence report: on a worker
 * thread, beside @path, renamed onto it when complete. Finish with
 * attest_report_export_finish().
 */
void
attest_gap_report_export_async (AttestWorkspace       *workspace,
                                const char            *path,
                                AttestExportProgress  *progress,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  report_export_start (workspace, NULL, path, FALSE, FALSE, progress, cancellable, callback, user_data);
}

gboolean
attest_report_export_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The evidence package: a BagIt folder, or its zip. */

typedef struct {
  char *workspace_path;
  AttestSheetHeading heading;
  char *target;
  gboolean zip;
  AttestExportProgress *progress;
  GCancellable *cancellable;
} PackageJob;

static void
package_job_free (PackageJob *job)
{
  g_free (job->workspace_path);
  attest_sheet_heading_clear (&job->heading);
  g_free (job->target);
  g_clear_pointer (&job->progress, attest_export_progress_unref);
  g_free (job);
}

static void
package_step (const char *what,
              guint       done,
              guint       total,
              gpointer    user_data)
{
  PackageJob *job = user_data;

  attest_export_progress_report (job->progress, (double) done / MAX (total, 1), what, job->cancellable);
}

static void
package_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PackageJob *job = task_data;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestMatrix) full = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(AttestMatrixFilter) filter = NULL;
  AttestPackageInfo info = { 0 };
  GError *error = NULL;

  job->cancellable = cancellable;
  ws = attest_workspace_open (job->workspace_path, &error);
  if (ws != NULL)
    full = attest_workspace_load_matrix (ws, &error);
  if (full == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The whole matrix, as `attest-cli export package` writes it. */
  filter = attest_matrix_filter_new ();
  matrix = attest_matrix_filter_apply (filter, full);
  info.matrix = matrix;
  info.workspace_name = job->heading.workspace_name;
  info.reviewer = job->heading.reviewer;
  info.date = job->heading.date;
  info.fingerprint = job->heading.fingerprint;
  if (attest_evidence_package_write (ws, &info, job->target, job->zip, package_step, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * attest_package_export_async:
 * @target: the bag's folder (it must not exist, or be empty); with @zip,
 *   @target.zip is written instead
 * @progress: (nullable): where the worker says how far it is
 *
 * Writes the evidence package on a worker thread (see
 * attest-evidence-package.h): a cancelled or failed package leaves nothing
 * under its name.
 */
void
attest_package_export_async (AttestWorkspace       *workspace,
                             const char            *target,
                             gboolean               zip,
                             AttestExportProgress  *progress,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PackageJob *job = g_new0 (PackageJob, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, attest_package_export_async);
  job->workspace_path = g_strdup (attest_workspace_get_path (workspace));
  job->target = g_strdup (target);
  job->zip = zip;
  job->progress = progress != NULL ? attest_export_progress_ref (progress) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) package_job_free);
  if (!attest_evidence_package_check_target (target, zip, &error)
      || !attest_sheet_heading_init (&job->heading, workspace, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, package_thread);
}

gboolean
attest_package_export_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
