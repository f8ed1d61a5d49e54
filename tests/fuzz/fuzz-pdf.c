/* fuzz-pdf.c: libFuzzer target for AttestPdfDocument
 *
 * A PDF comes from anywhere (a download, an attachment): the input is
 * opened; when it opens, page 1 is rendered small and its text, links and
 * the outline read, as the view does first. When it does not, the error
 * says why in Attest's domain. Nothing may crash, hang or take unbounded
 * memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "attest-pdf-document.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
quiet (const char     *domain,
       GLogLevelFlags  level,
       const char     *message,
       gpointer        user_data)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* poppler says every syntax error it recovers from: thousands a second. */
  g_log_set_handler ("Poppler", G_LOG_LEVEL_MASK, quiet, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(AttestPdfDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outline = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;

  doc = attest_pdf_document_new_from_bytes (bytes, NULL, "fuzz.pdf", &error);
  if (doc == NULL)
    {
      g_assert (error != NULL && error->domain == ATTEST_PDF_ERROR && *error->message != '\0');
      return 0;
    }
  g_assert (attest_pdf_document_get_n_pages (doc) > 0);
  outline = attest_pdf_document_get_outline (doc);
  links = attest_pdf_document_get_links (doc, 0);
  text = attest_pdf_document_get_page_text (doc, 0);
  surface = attest_pdf_document_render_page (doc, 0, 0.1, NULL, &error);
  if (surface != NULL)
    cairo_surface_destroy (surface);
  else
    g_assert (error != NULL && error->domain == ATTEST_PDF_ERROR);
  return 0;
}
