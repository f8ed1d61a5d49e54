/* attest-matrix-print.c: the evidence matrix through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin GtkPrintOperation around AttestMatrixSheets (STYLE.md §9): the
 * page setup keeps the half-inch margin attest_matrix_sheets_export_pdf()
 * keeps, so the printable area, the pagination and the drawing are the same
 * as the PDF export's and the preview's.
 */
#define G_LOG_DOMAIN "attest-matrix-print"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-export-file.h"
#include "attest-matrix-export.h"
#include "attest-matrix-html.h"
#include "attest-matrix-print.h"
#include "attest-matrix-xlsx.h"
#include "attest-print-operation.h"
#include "attest-sheet-heading.h"

#define MARGIN 36.0

/**
 * attest_matrix_print_sheets_new:
 * @shown: (transfer full): the matrix as the window's filters show it;
 *   the sheets keep it
 *
 * The sheets with the workspace's name, reviewer, today's date and
 * fingerprint, as `attest-cli export matrix` prints them.
 *
 * Returns: (transfer full): the sheets, or %NULL with @error set
 */
AttestMatrixSheets *
attest_matrix_print_sheets_new (AttestWorkspace  *workspace,
                                AttestMatrix     *shown,
                                GError          **error)
{
  g_auto(AttestSheetHeading) heading = { 0 };
  AttestMatrixSheets *sheets;

  if (!attest_sheet_heading_init (&heading, workspace, error))
    {
      attest_matrix_free (shown);
      return NULL;
    }
  sheets = attest_matrix_sheets_new (shown, heading.workspace_name, heading.reviewer,
                                     heading.date, heading.fingerprint);
  /* The sheets borrow the matrix: it lives as long as they do. */
  g_object_set_data_full (G_OBJECT (sheets), "attest-matrix", shown, (GDestroyNotify) attest_matrix_free);
  return sheets;
}

void
attest_matrix_print_paper_size (gboolean  letter,
                                gboolean  landscape,
                                double   *width,
                                double   *height)
{
  double w = letter ? ATTEST_PAPER_LETTER_WIDTH : ATTEST_PAPER_A4_WIDTH;
  double h = letter ? ATTEST_PAPER_LETTER_HEIGHT : ATTEST_PAPER_A4_HEIGHT;

  *width = landscape ? h : w;
  *height = landscape ? w : h;
}

GtkPageSetup *
attest_matrix_print_page_setup (gboolean letter,
                                gboolean landscape)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (letter ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, MARGIN, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, MARGIN, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, MARGIN, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, MARGIN, GTK_UNIT_POINTS);
  return setup;
}

/* The print operation's view of the sheets (attest-sheet-frame.h). */
static guint
paginate_cb (gpointer      sheets,
             PangoContext *context,
             double        width,
             double        height)
{
  return attest_matrix_sheets_paginate (sheets, context, width, height);
}

static void
draw_cb (gpointer  sheets,
         cairo_t  *cr,
         guint     page_nr)
{
  attest_matrix_sheets_draw_page (sheets, cr, page_nr);
}

/**
 * attest_matrix_print:
 * @letter: US Letter rather than A4, the default page setup
 * @landscape: the default orientation
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for "Print…",
 *   GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_filename as PDF
 *
 * Runs the print operation to its end (the dialog is modal).
 *
 * Returns: GTK_PRINT_OPERATION_RESULT_APPLY when printed or exported,
 *   _CANCEL when the user closed the dialog, _ERROR with @error set
 */
GtkPrintOperationResult
attest_matrix_print (GtkWindow                *parent,
                     AttestMatrixSheets       *sheets,
                     gboolean                  letter,
                     gboolean                  landscape,
                     GtkPrintOperationAction   action,
                     const char               *export_filename,
                     GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (ATTEST_IS_MATRIX_SHEETS (sheets), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  setup = attest_matrix_print_page_setup (letter, landscape);
  /* Translators: the print job's name */
  operation = attest_print_operation_new (_("Evidence Matrix"), setup, action, export_filename,
                                          paginate_cb, draw_cb, sheets);
  result = attest_print_operation_run (operation, action, export_filename, parent, error);
  return result;
}

/* Export: off the main thread, written beside the chosen name and renamed
 * onto it only when complete and not cancelled (attest_export_file_write(),
 * as attest-cli does). */

typedef struct {
  AttestMatrix *matrix;
  AttestSheetHeading heading;
  GPtrArray *evidence;   /* AttestMatrixXlsxEvidence: for .xlsx only */
  AttestGapReport *gap;  /* for .xlsx only */
  char *path;
  gboolean letter;
  gboolean landscape;
  AttestExportProgress *progress;
  GCancellable *cancellable;   /* while the worker runs */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->matrix, attest_matrix_free);
  attest_sheet_heading_clear (&job->heading);
  g_clear_pointer (&job->evidence, g_ptr_array_unref);
  g_clear_pointer (&job->gap, attest_gap_report_free);
  g_free (job->path);
  g_clear_pointer (&job->progress, attest_export_progress_unref);
  g_free (job);
}

static const char *
export_extension (const char *path)
{
  return attest_export_file_extension (path, attest_matrix_export_formats);
}

/**
 * attest_matrix_export_format_known:
 *
 * Returns: whether @path ends in .pdf, .csv, .html, .json or .xlsx (any case)
 */
gboolean
attest_matrix_export_format_known (const char *path)
{
  return export_extension (path) != NULL;
}

static void
export_sheet_done (guint    done,
                   guint    total,
                   gpointer user_data)
{
  ExportJob *job = user_data;
  /* Translators: a step of the matrix's export: "sheet 3 of 12" */
  g_autofree char *what = g_strdup_printf (_("sheet %u of %u"), done, total);

  attest_export_progress_report (job->progress, (double) done / MAX (total, 1), what, job->cancellable);
}

static gboolean
export_write (const char    *tmp,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  ExportJob *job = user_data;
  const char *ext = export_extension (job->path);
  g_autofree char *text = NULL;

  if (g_str_equal (ext, ".pdf"))
    {
      g_autoptr(AttestMatrixSheets) sheets =
        attest_matrix_sheets_new (job->matrix, job->heading.workspace_name, job->heading.reviewer, job->heading.date, job->heading.fingerprint);
      double width, height;

      attest_matrix_print_paper_size (job->letter, job->landscape, &width, &height);
      return attest_sheet_export_pdf_full (sheets, paginate_cb, draw_cb, tmp, width, height,
                                           export_sheet_done, job, cancellable, error);
    }
  if (g_str_equal (ext, ".csv"))
    text = attest_matrix_export_csv (job->matrix);
  else if (g_str_equal (ext, ".json"))
    {
      g_autofree char *json = attest_matrix_export_json (job->matrix, ATTEST_MATRIX_JSON_ALL);
      text = g_strconcat (json, "\n", NULL);
    }
  else if (g_str_equal (ext, ".xlsx"))
    return attest_matrix_export_xlsx (job->matrix, job->evidence, job->gap, &job->heading, tmp, error);
  else
    text = attest_matrix_export_html (job->matrix, job->heading.workspace_name, job->heading.reviewer,
                                      job->heading.date, job->heading.fingerprint);
  return g_file_set_contents_full (tmp, text, -1, G_FILE_SET_CONTENTS_NONE, 0666, error);
}

static gboolean
export_job_run (ExportJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  if (export_extension (job->path) == NULL)
    {
      g_autofree char *display = g_filename_display_name (job->path);
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Cannot write “%s”: the name must end in .pdf, .csv, .html, .json or .xlsx"), display);
      return FALSE;
    }
  job->cancellable = cancellable;
  return attest_export_file_write (job->path, export_write, job, cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (export_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * attest_matrix_export_async:
 * @shown: (transfer full): the matrix as the window's filters show it
 * @path: the file chosen; its extension (.pdf, .csv, .html, .json, .xlsx) is the format
 * @letter: @landscape: the paper of a PDF
 *
 * Writes the matrix on a worker thread, beside @path, and renames it onto
 * @path when complete: a cancelled or failed export leaves nothing there.
 */
void
attest_matrix_export_async (AttestWorkspace     *workspace,
                            AttestMatrix        *shown,
                            const char          *path,
                            gboolean             letter,
                            gboolean             landscape,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  attest_matrix_export_full_async (workspace, shown, path, letter, landscape, NULL, cancellable, callback, user_data);
}

/**
 * attest_matrix_export_full_async:
 * @progress: (nullable): told after each sheet of a PDF
 *
 * attest_matrix_export_async() saying how far it is.
 */
void
attest_matrix_export_full_async (AttestWorkspace      *workspace,
                                 AttestMatrix         *shown,
                                 const char           *path,
                                 gboolean              letter,
                                 gboolean              landscape,
                                 AttestExportProgress *progress,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, attest_matrix_export_async);
  job->matrix = shown;
  job->path = g_strdup (path);
  job->letter = letter;
  job->landscape = landscape;
  job->progress = progress != NULL ? attest_export_progress_ref (progress) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  /* The fingerprint and the evidence read the workspace: here, on its thread. */
  if (!attest_sheet_heading_init (&job->heading, workspace, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_strcmp0 (export_extension (path), ".xlsx") == 0)
    {
      job->evidence = attest_matrix_xlsx_gather_evidence (workspace, shown, &error);
      /* The gap report's sheet: My services × required scopes, whatever
       * the filters, as of the heading's date. */
      if (job->evidence != NULL)
        job->gap = attest_workspace_gap_report (workspace, job->heading.date, &error);
      if (job->evidence == NULL || job->gap == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
attest_matrix_export_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
