/* attest-pdf-print.c: print a PDF's pages, or a range of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkPrintOperation asks for the pages the dialog's range names; each is
 * drawn by poppler's printing path (attest_pdf_document_render_for_printing,
 * vectors, not a bitmap), scaled down to the paper's printable area when
 * it is larger and turned with the page: a landscape page on landscape
 * paper.
 */
#include "config.h"

#include "attest-pdf-print.h"

static void
request_page_setup (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page,
                    GtkPageSetup      *setup,
                    AttestPdfDocument *document)
{
  double width = 0.0, height = 0.0;

  if (attest_pdf_document_get_page_size (document, (guint) page, &width, &height))
    gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                          : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page,
           AttestPdfDocument *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double area_w = gtk_print_context_get_width (context);
  double area_h = gtk_print_context_get_height (context);
  double width = 0.0, height = 0.0, scale = 1.0;
  g_autoptr(GError) error = NULL;

  if (!attest_pdf_document_get_page_size (document, (guint) page, &width, &height) || width <= 0 || height <= 0)
    return;
  if (width > area_w || height > area_h)
    scale = MIN (area_w / width, area_h / height);
  cairo_save (cr);
  cairo_translate (cr, (area_w - width * scale) / 2.0, (area_h - height * scale) / 2.0);
  cairo_scale (cr, scale, scale);
  if (!attest_pdf_document_render_for_printing (document, (guint) page, cr, &error))
    g_warning ("%s", error->message);
  cairo_restore (cr);
}

/**
 * attest_pdf_print:
 * @current_page: the page "Current Page" prints
 * @export_filename: (nullable): for GTK_PRINT_OPERATION_ACTION_EXPORT
 *
 * Returns: as gtk_print_operation_run()
 */
GtkPrintOperationResult
attest_pdf_print (GtkWindow               *parent,
                  AttestPdfDocument       *document,
                  guint                    current_page,
                  GtkPrintOperationAction  action,
                  const char              *export_filename,
                  GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  guint n_pages;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (document), GTK_PRINT_OPERATION_RESULT_ERROR);

  n_pages = attest_pdf_document_get_n_pages (document);
  gtk_print_operation_set_n_pages (operation, (int) MAX (n_pages, 1));
  gtk_print_operation_set_current_page (operation, (int) MIN (current_page, MAX (n_pages, 1) - 1));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, attest_pdf_document_get_display_name (document));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), document);
  return gtk_print_operation_run (operation, action, parent, error);
}
