/* attest-matrix-print.c: print the evidence matrix, or export it through the print operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin GtkPrintOperation around AttestMatrixSheets (STYLE.md §9): begin-print
 * paginates the sheets for the printable area with the print context's Pango
 * context, draw-page draws one sheet with attest_matrix_sheets_draw_page(),
 * the routine the PDF export draws with. The matrix is the window's, as
 * filtered there (My Services, chosen frameworks, exceptions).
 */
#define G_LOG_DOMAIN "attest-matrix-print"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-matrix-print.h"
#include "attest-print-operation.h"
#include "attest-sheet-heading.h"

/**
 * attest_matrix_print_sheets_new:
 * @workspace: the workspace the matrix was read from
 * @matrix: the whole matrix
 * @filter: (nullable): the filter the window applies to it
 *
 * The sheets of @matrix as @filter shows it, headed with the workspace's
 * name, reviewer, today's date and fingerprint (as `attest-cli export matrix`).
 *
 * Returns: (transfer full): the sheets, or %NULL with @error set when the
 *   fingerprint cannot be read
 */
AttestMatrixSheets *
attest_matrix_print_sheets_new (AttestWorkspace           *workspace,
                                const AttestMatrix        *matrix,
                                const AttestMatrixFilter  *filter,
                                GError                   **error)
{
  g_autoptr(AttestMatrixFilter) none = NULL;
  g_auto(AttestSheetHeading) heading = { 0 };
  AttestMatrix *shown;
  AttestMatrixSheets *sheets;

  g_return_val_if_fail (workspace != NULL, NULL);
  g_return_val_if_fail (matrix != NULL, NULL);

  if (!attest_sheet_heading_init (&heading, workspace, error))
    return NULL;
  if (filter == NULL)
    filter = none = attest_matrix_filter_new ();
  shown = attest_matrix_filter_apply (filter, matrix);
  sheets = attest_matrix_sheets_new (shown, heading.workspace_name, heading.reviewer,
                                     heading.date, heading.fingerprint);
  /* The sheets borrow the matrix they draw: it lives as long as they do. */
  g_object_set_data_full (G_OBJECT (sheets), "attest-matrix", shown, (GDestroyNotify) attest_matrix_free);
  return sheets;
}

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             gpointer           user_data)
{
  AttestMatrixSheets *sheets = user_data;
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages;

  /* GTK_UNIT_POINTS: the width and height are in points. */
  n_pages = attest_matrix_sheets_paginate (sheets, pango_context,
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));
  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, (int) MAX (n_pages, 1));
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page_nr,
           gpointer           user_data)
{
  attest_matrix_sheets_draw_page (user_data, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

/**
 * attest_matrix_print:
 * @parent: (nullable): the window the print dialog is modal to
 * @sheets: the matrix on paper
 * @page_setup: (nullable): paper size and orientation; the session's last, else the default, when %NULL
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for "Print…",
 *   GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_filename as PDF
 * @export_filename: (nullable): the PDF, for GTK_PRINT_OPERATION_ACTION_EXPORT
 *
 * Runs the print operation to its end (the dialog is modal).
 *
 * Returns: GTK_PRINT_OPERATION_RESULT_APPLY when printed or exported,
 *   _CANCEL when the user closed the dialog, _ERROR with @error set
 */
GtkPrintOperationResult
attest_matrix_print (GtkWindow                *parent,
                     AttestMatrixSheets       *sheets,
                     GtkPageSetup             *page_setup,
                     GtkPrintOperationAction   action,
                     const char               *export_filename,
                     GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (ATTEST_IS_MATRIX_SHEETS (sheets), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  /* Translators: the print job's name, as the printer queue lists it */
  operation = attest_print_operation_new (_("Evidence Matrix"), page_setup, action, export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), sheets);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), sheets);
  return attest_print_operation_run (operation, action, export_filename, parent, error);
}
