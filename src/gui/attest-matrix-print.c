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

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-matrix-print.h"

#define MARGIN 36.0

static GtkPrintSettings *session_settings;

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
  g_autofree char *fingerprint = attest_workspace_get_fingerprint (workspace, error);
  AttestMatrixSheets *sheets;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (fingerprint == NULL)
    {
      attest_matrix_free (shown);
      return NULL;
    }
  name = g_path_get_basename (attest_workspace_get_path (workspace));
  date = g_date_time_format (now, "%Y-%m-%d");
  sheets = attest_matrix_sheets_new (shown, name, attest_workspace_get_reviewer (workspace), date, fingerprint);
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

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             gpointer           user_data)
{
  AttestMatrixSheets *sheets = user_data;
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages;

  /* GTK_UNIT_POINTS: the printable area is in points. */
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

  operation = gtk_print_operation_new ();
  setup = attest_matrix_print_page_setup (letter, landscape);
  /* Translators: the print job's name */
  gtk_print_operation_set_job_name (operation, _("Evidence Matrix"));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (session_settings != NULL)
    gtk_print_operation_set_print_settings (operation, session_settings);
  if (action == GTK_PRINT_OPERATION_ACTION_EXPORT)
    gtk_print_operation_set_export_filename (operation, export_filename);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), sheets);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), sheets);

  result = gtk_print_operation_run (operation, action, parent, error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && action == GTK_PRINT_OPERATION_ACTION_EXPORT
      && error != NULL && *error != NULL)
    {
      g_autofree char *display = g_filename_display_name (export_filename);
      /* Translators: the first %s is a file name, the second the reason */
      char *message = g_strdup_printf (_("Cannot write “%s”: %s"), display, (*error)->message);

      g_free ((*error)->message);
      (*error)->message = message;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && action != GTK_PRINT_OPERATION_ACTION_EXPORT)
    g_set_object (&session_settings, gtk_print_operation_get_print_settings (operation));
  return result;
}
