/* attest-report-print.c: the evidence report through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttestPrintOperation around AttestReportSheets: the same paginate and
 * draw routines as the report's PDF export (STYLE.md §9), for the paper the
 * print dialog chooses.
 */
#define G_LOG_DOMAIN "attest-report-print"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-matrix-print.h"
#include "attest-print-operation.h"
#include "attest-report-print.h"
#include "attest-sheet-heading.h"

/**
 * attest_report_print_sheets_new:
 * @shown: (transfer full): the matrix as the window's filters show it
 *
 * Gathers the report of @shown from @workspace (a fraction of a second for
 * thousands of cells: attest-report.c) and lays its header out as
 * `attest-cli export report` does.
 *
 * Returns: (transfer full): the sheets, or %NULL with @error set
 */
AttestReportSheets *
attest_report_print_sheets_new (AttestWorkspace  *workspace,
                                AttestMatrix     *shown,
                                GError          **error)
{
  g_autoptr(AttestMatrix) matrix = shown;
  g_auto(AttestSheetHeading) heading = { 0 };
  AttestReport *report;
  AttestReportSheets *sheets;

  if (!attest_sheet_heading_init (&heading, workspace, error))
    return NULL;
  report = attest_report_gather (workspace, matrix, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  sheets = attest_report_sheets_new (report, heading.workspace_name, heading.reviewer, heading.date,
                                     heading.fingerprint);
  /* The sheets borrow the report: it lives as long as they do. */
  g_object_set_data_full (G_OBJECT (sheets), "attest-report", report, (GDestroyNotify) attest_report_free);
  return sheets;
}

/**
 * attest_gap_report_print_sheets_new:
 *
 * The gap report alone (attest_report_gather_gap()), with the header
 * attest_report_print_sheets_new() lays out: what the Gap Report window
 * prints.
 *
 * Returns: (transfer full): the sheets, or %NULL with @error set
 */
AttestReportSheets *
attest_gap_report_print_sheets_new (AttestWorkspace  *workspace,
                                    GError          **error)
{
  g_auto(AttestSheetHeading) heading = { 0 };
  AttestReport *report;
  AttestReportSheets *sheets;

  if (!attest_sheet_heading_init (&heading, workspace, error))
    return NULL;
  report = attest_report_gather_gap (workspace, NULL, error);
  if (report == NULL)
    return NULL;
  sheets = attest_report_sheets_new (report, heading.workspace_name, heading.reviewer, heading.date,
                                     heading.fingerprint);
  g_object_set_data_full (G_OBJECT (sheets), "attest-report", report, (GDestroyNotify) attest_report_free);
  return sheets;
}

static guint
paginate_cb (gpointer      sheets,
             PangoContext *context,
             double        width,
             double        height)
{
  return attest_report_sheets_paginate (sheets, context, width, height);
}

static void
draw_cb (gpointer  sheets,
         cairo_t  *cr,
         guint     page_nr)
{
  attest_report_sheets_draw_page (sheets, cr, page_nr);
}

/**
 * attest_report_print:
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for "Print Evidence
 *   Report…", GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_filename
 *
 * Runs the print operation to its end (the dialog is modal), A4 portrait
 * offered first, with the PDF export's half-inch margin.
 */
GtkPrintOperationResult
attest_report_print (GtkWindow                *parent,
                     AttestReportSheets       *sheets,
                     GtkPrintOperationAction   action,
                     const char               *export_filename,
                     GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;

  g_return_val_if_fail (ATTEST_IS_REPORT_SHEETS (sheets), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  setup = attest_matrix_print_page_setup (FALSE, FALSE);
  /* Translators: the print job's name */
  operation = attest_print_operation_new (attest_report_sheets_is_gap_only (sheets) ? _("Gap Report")
                                                                                 : _("Evidence Report"),
                                          setup, action, export_filename,
                                          paginate_cb, draw_cb, sheets);
  return attest_print_operation_run (operation, action, export_filename, parent, error);
}
