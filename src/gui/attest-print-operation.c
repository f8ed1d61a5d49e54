/* attest-print-operation.c: how Attest prints, whatever it prints
 *
 * The page view and the matrix print through the same settings: what the
 * analyst chose in the print dialog (printer, copies…) is kept for the rest
 * of the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attest-print-operation.h"

static GtkPrintSettings *session_settings;

/* What an operation prints: paged sheets, laid out for the paper chosen. */
typedef struct {
  AttestSheetPaginateFunc paginate;
  AttestSheetDrawFunc draw;
  gpointer sheets;
} Printed;

static void
begin_print (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             gpointer           user_data)
{
  Printed *printed = user_data;
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages;

  /* GTK_UNIT_POINTS: the printable area is in points, and so is the
   * context's resolution. */
  n_pages = printed->paginate (printed->sheets, pango_context,
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
  Printed *printed = user_data;

  printed->draw (printed->sheets, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

/**
 * attest_print_operation_new:
 * @job_name: the job's name in the printer queue
 * @page_setup: (nullable): the paper and orientation to offer first
 * @action: how it will run
 * @export_filename: (nullable): the PDF written for %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @paginate: lays @sheets out for the printable area (in points)
 * @draw: draws one of them
 * @sheets: (not nullable): what is printed; it must outlive the operation's run
 *
 * A print operation in points, within the margins, with the session's
 * settings, printing @sheets; run it with attest_print_operation_run().
 *
 * Returns: (transfer full): the operation
 */
GtkPrintOperation *
attest_print_operation_new (const char              *job_name,
                            GtkPageSetup            *page_setup,
                            GtkPrintOperationAction  action,
                            const char              *export_filename,
                            AttestSheetPaginateFunc  paginate,
                            AttestSheetDrawFunc      draw,
                            gpointer                 sheets)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  Printed *printed = g_new (Printed, 1);

  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, page_setup);
  if (session_settings != NULL)
    gtk_print_operation_set_print_settings (operation, session_settings);
  if (action == GTK_PRINT_OPERATION_ACTION_EXPORT)
    gtk_print_operation_set_export_filename (operation, export_filename);

  *printed = (Printed) { paginate, draw, sheets };
  g_object_set_data_full (G_OBJECT (operation), "attest-printed", printed, g_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), printed);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), printed);
  return operation;
}

/**
 * attest_print_operation_run:
 *
 * Runs @operation; an export's error names the file, and settings the
 * analyst applied are kept for the next print.
 *
 * Returns: as gtk_print_operation_run()
 */
GtkPrintOperationResult
attest_print_operation_run (GtkPrintOperation        *operation,
                            GtkPrintOperationAction   action,
                            const char               *export_filename,
                            GtkWindow                *parent,
                            GError                  **error)
{
  GtkPrintOperationResult result = gtk_print_operation_run (operation, action, parent, error);

  /* GTK says what went wrong, not with which file. */
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
