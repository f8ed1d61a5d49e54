/* attest-page-print.c: print an offering page, or export it to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin GtkPrintOperation around AttestPageDrawing (STYLE.md §9): the
 * drawing lays the page out for the printable area in begin-print and draws
 * one page per draw-page, exactly as attest_page_drawing_export_pdf() does.
 * The print settings of the last print are kept for the session, so the next
 * one offers the same printer.
 */
#define G_LOG_DOMAIN "attest-page-print"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-page-drawing.h"
#include "attest-page-print.h"
#include "attest-print-operation.h"

/* The print operation's view of the sheets (attest-sheet-frame.h). */
static guint
paginate_cb (gpointer      sheets,
             PangoContext *context,
             double        width,
             double        height)
{
  return attest_page_drawing_paginate (sheets, context, width, height);
}

static void
draw_cb (gpointer  sheets,
         cairo_t  *cr,
         guint     page_nr)
{
  attest_page_drawing_draw_page (sheets, cr, page_nr);
}

/**
 * attest_page_print:
 * @parent: (nullable): the window the print dialog is modal to
 * @mode: side by side prints two columns for a bilingual page
 * @title: (nullable): the job name and the header of every page, e.g.
 *   "SOC · French (France) · 1 February 2020"; the page's title when %NULL
 * @footer: (nullable): a line at the foot of every page
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
attest_page_print (GtkWindow                *parent,
                   AttestPage               *page,
                   AttestReadingMode         mode,
                   const char               *title,
                   const char               *footer,
                   GtkPrintOperationAction   action,
                   const char               *export_filename,
                   GError                  **error)
{
  g_autoptr(AttestPageDrawing) drawing = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (page != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  if (title == NULL)
    title = attest_page_get_title (page);
  drawing = attest_page_drawing_new (page, mode, title, footer);

  operation = attest_print_operation_new (title, NULL, action, export_filename,
                                          paginate_cb, draw_cb, drawing);
  return attest_print_operation_run (operation, action, export_filename, parent, error);
}
