/* test-matrix-print.c: the evidence matrix through GtkPrintOperation, exported to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK_PRINT_OPERATION_ACTION_EXPORT runs the same begin-print and draw-page
 * as printing from the dialog, without the dialog: the PDF it writes from a
 * workspace of the bundled offerings is read back with poppler, sheet by sheet.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "attest-history.h"
#include "attest-workspace-catalog.h"
#include "attest-matrix-print.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"

/* Whitespace collapsed to single spaces: a wrapped name reads whole. */
static char *
collapse (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

/* Prints @filter's matrix of @ws to a PDF through the print operation;
 * returns each sheet's text (collapsed). */
static GPtrArray *
print_to_pdf (AttestWorkspace          *ws,
              const AttestMatrix       *matrix,
              const AttestMatrixFilter *filter,
              GtkPageSetup             *setup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrixSheets) sheets = attest_matrix_print_sheets_new (ws, matrix, filter, &error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *doc;
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);
  GtkPrintOperationResult result;
  int fd;

  g_assert_no_error (error);
  fd = g_file_open_tmp ("attest-matrix-print-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_unlink (path);   /* the export makes it */

  result = attest_matrix_print (NULL, sheets, setup, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_ptr_array_add (pages, collapse (text));
      g_object_unref (page);
    }
  g_object_unref (doc);
  g_unlink (path);
  g_assert_cmpuint (pages->len, ==, attest_matrix_sheets_get_n_pages (sheets));
  return pages;
}

static gboolean
printed (GPtrArray  *pages,
         const char *needle)
{
  g_autofree char *wanted = collapse (needle);

  for (guint i = 0; i < pages->len; i++)
    if (strstr (g_ptr_array_index (pages, i), wanted) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_page_numbers (GPtrArray *pages)
{
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, pages->len);

      if (strstr (g_ptr_array_index (pages, i), footer) == NULL)
        g_error ("sheet %u lacks “%s”:\n%.1500s", i + 1, footer, (char *) g_ptr_array_index (pages, i));
    }
}

/* The whole matrix of the seeds, on A4 landscape: every framework and
 * service, the fingerprint, and the right page numbers on every sheet. */
static void
test_whole (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-matrix-print", "Print Tester", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *fingerprint = NULL;

  g_assert_cmpuint (attest_test_import_bundled (ws, NULL), >, 0);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matrix->frameworks->len, >, 0);
  g_assert_cmpuint (matrix->services->len, >, 0);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  pages = print_to_pdf (ws, matrix, NULL, setup);
  g_test_message ("%u frameworks, %u services: %u sheets", matrix->frameworks->len, matrix->services->len,
                  pages->len);
  g_assert_cmpuint (pages->len, >=, 1);
  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, i);

      if (!printed (pages, framework->short_name))
        g_error ("framework “%s” is not printed", framework->short_name);
    }
  for (guint i = 0; i < matrix->services->len; i++)
    {
      AttestMatrixService *service = g_ptr_array_index (matrix->services, i);

      if (!printed (pages, service->name))
        g_error ("service “%s” is not printed", service->name);
    }
  assert_page_numbers (pages);
  fingerprint = attest_workspace_get_fingerprint (ws, &error);
  g_assert_no_error (error);
  g_assert_true (printed (pages, "Print Tester"));

  attest_test_workspace_delete (&ws, &dir, &path);
}

/* The window's filter applies: one framework chosen, the others are not on
 * paper, and the page numbers are right again. */
static void
test_filtered (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-matrix-print", "Print Tester", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(GPtrArray) pages = NULL;
  AttestMatrixFramework *chosen;
  AttestMatrixFramework *other;

  attest_test_import_bundled (ws, NULL);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matrix->frameworks->len, >=, 2);
  chosen = g_ptr_array_index (matrix->frameworks, 0);
  other = g_ptr_array_index (matrix->frameworks, 1);
  attest_matrix_filter_set_framework (filter, chosen->id, TRUE);

  pages = print_to_pdf (ws, matrix, filter, NULL);
  g_assert_true (printed (pages, chosen->short_name));
  if (strstr (chosen->short_name, other->short_name) == NULL)
    g_assert_false (printed (pages, other->short_name));
  assert_page_numbers (pages);

  attest_test_workspace_delete (&ws, &dir, &path);
}

ATTEST_TEST_ISOLATED (test_whole)
ATTEST_TEST_ISOLATED (test_filtered)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/matrix-print/whole", test_whole_isolated);
  g_test_add_func ("/matrix-print/filtered", test_filtered_isolated);

  return g_test_run ();
}
