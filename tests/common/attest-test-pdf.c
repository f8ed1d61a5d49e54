/* attest-test-pdf.c: a PDF's text read back with poppler, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poppler.h>

#include "attest-test-pdf.h"

/**
 * attest_test_pdf_text:
 * @path: a PDF file; the test fails if poppler cannot open it or it has no page
 * @n_pages: (out) (optional): its number of pages
 *
 * Returns: (transfer full): the text of every page, in order, as poppler
 *   reads it (its line breaks where the sheets wrapped)
 */
char *
attest_test_pdf_text (const char *path,
                      int        *n_pages)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);
  int n;

  g_assert_no_error (error);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, >=, 1);
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_object_unref (page);
    }
  g_object_unref (doc);
  if (n_pages != NULL)
    *n_pages = n;
  return g_string_free (text, FALSE);
}
