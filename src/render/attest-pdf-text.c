/* attest-pdf-text.c: the page count and text of an evidence PDF
 *
 * The text feeds search; the page count is shown beside the file. An
 * encrypted or broken PDF is reported as an error, never a crash: the caller
 * still keeps the file, without text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-pdf-text"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "attest-pdf-text.h"

/**
 * attest_pdf_text_extract:
 * @bytes: the PDF file
 * @page_count: (out) (optional): number of pages
 * @text: (out) (optional): the text of every page, pages separated by a form feed
 *
 * Returns: %FALSE with @error set (G_IO_ERROR_INVALID_DATA; G_IO_ERROR_PERMISSION_DENIED
 *   for a PDF that needs a password) when the PDF cannot be read.
 */
gboolean
attest_pdf_text_extract (GBytes   *bytes,
                         guint    *page_count,
                         char    **text,
                         GError  **error)
{
  PopplerDocument *doc;
  g_autoptr(GError) local_error = NULL;
  int n;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("the PDF is encrypted with a password, so its text cannot be read"));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("the PDF is damaged or not a PDF (%s)"),
                     local_error != NULL ? local_error->message : _("unknown error"));
      return FALSE;
    }

  n = poppler_document_get_n_pages (doc);
  if (n < 0)
    n = 0;

  if (text != NULL)
    {
      GString *out = g_string_new (NULL);

      for (int i = 0; i < n; i++)
        {
          PopplerPage *page = poppler_document_get_page (doc, i);
          g_autofree char *page_text = NULL;

          if (i > 0)
            g_string_append_c (out, '\f');
          if (page == NULL)
            continue;
          page_text = poppler_page_get_text (page);
          g_object_unref (page);
          if (page_text != NULL)
            g_string_append (out, page_text);
        }
      *text = g_string_free (out, FALSE);
    }
  if (page_count != NULL)
    *page_count = (guint)n;
  g_object_unref (doc);
  return TRUE;
}
