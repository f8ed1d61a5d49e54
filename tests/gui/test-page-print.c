/* test-page-print.c: an offering page through GtkPrintOperation, exported to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK_PRINT_OPERATION_ACTION_EXPORT runs the same begin-print and draw-page
 * as printing from the dialog, without the dialog: the PDF it writes is
 * read back with poppler.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attest-page.h"
#include "attest-page-print.h"
#include "attest-pdf-text.h"
#include "attest-test-widgets.h"

static AttestPage *
load_seed (const char *name)
{
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "offerings", name, NULL);
  g_autoptr(GError) error = NULL;
  AttestPage *page = attest_page_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static char *
tmp_pdf (void)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("attest-page-print-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_unlink (path);   /* the export makes it */
  return path;
}

/* Exports @page through the print operation; returns the PDF's text with
 * whitespace collapsed, and its page count. */
static char *
print_to_pdf (GtkWindow         *parent,
              AttestPage        *page,
              AttestReadingMode  mode,
              guint             *n_pages)
{
  g_autofree char *path = tmp_pdf ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GtkPrintOperationResult result;
  gsize len = 0;

  result = attest_page_print (parent, page, mode, "SOC · fr-FR · 2020-02-01", "Printed by the test",
                              GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  g_assert_true (attest_pdf_text_extract (bytes, n_pages, &text, &error));
  g_assert_no_error (error);
  g_unlink (path);

  words = g_strsplit_set (text, " \t\n\r\f", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the printed text:\n%.2000s", needle, text);
}

/* Side by side: both languages on paper, with the header and footer. */
static void
test_side_by_side (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *text = NULL;
  guint n_pages = 0;

  gtk_window_present (window);
  text = print_to_pdf (window, page, ATTEST_READING_SIDE_BY_SIDE, &n_pages);
  g_test_message ("SOC fr-FR side by side: %u sheets", n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  /* French and its English source. */
  assert_contains (text, "Flux");
  assert_contains (text, "Stream");
  assert_contains (text, "Foire aux questions");
  assert_contains (text, "Frequently asked questions");
  assert_contains (text, "Les entreprises sous-traitent de plus en plus");
  assert_contains (text, "Increasingly, businesses outsource");
  /* The page header, the column headers, the footer. */
  assert_contains (text, "SOC · fr-FR · 2020-02-01");
  assert_contains (text, "Translation · French (France)");
  assert_contains (text, "English source");
  assert_contains (text, "Printed by the test");
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);

    assert_contains (text, "Page 1 of ");
    assert_contains (text, last);
  }
  gtk_window_destroy (window);
}

/* The translation alone has no English sentence; a second print in the
 * same session works as the first. */
static void
test_translated (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autofree char *first = print_to_pdf (NULL, page, ATTEST_READING_TRANSLATED, NULL);
  g_autofree char *again = print_to_pdf (NULL, page, ATTEST_READING_TRANSLATED, NULL);

  assert_contains (first, "Les entreprises sous-traitent de plus en plus");
  assert_contains (first, "Foire aux questions");
  g_assert_null (strstr (first, "Increasingly, businesses outsource"));
  g_assert_null (strstr (first, "Frequently asked questions"));
  g_assert_null (strstr (first, "English source"));
  g_assert_cmpstr (first, ==, again);
}

/* Chinese reaches the paper. */
static void
test_chinese (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-mars-e.zh-TW.md");
  g_autofree char *text = print_to_pdf (NULL, page, ATTEST_READING_SIDE_BY_SIDE, NULL);

  assert_contains (text, "架構概觀");
  assert_contains (text, "雲端");
  assert_contains (text, "MARS-E 2.0 Framework overview");
  assert_contains (text, "Translation · Chinese (Taiwan)");
}

/* A PDF that cannot be written: an error that names it, no crash. */
static void
test_export_error (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autofree char *dir = g_dir_make_tmp ("attest-page-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing", "out.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  result = attest_page_print (NULL, page, ATTEST_READING_SIDE_BY_SIDE, NULL, NULL,
                              GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error);
  g_test_message ("result %d, error %s", result, error ? error->message : "none");
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

ATTEST_TEST_ISOLATED (test_export_error)
ATTEST_TEST_ISOLATED (test_side_by_side)
ATTEST_TEST_ISOLATED (test_translated)
ATTEST_TEST_ISOLATED (test_chinese)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/page-print/side-by-side", test_side_by_side_isolated);
  g_test_add_func ("/page-print/translated", test_translated_isolated);
  g_test_add_func ("/page-print/chinese", test_chinese_isolated);
  g_test_add_func ("/page-print/export-error", test_export_error_isolated);

  return g_test_run ();
}
