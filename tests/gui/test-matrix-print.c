/* test-matrix-print.c: the evidence matrix's print preview and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seeds (data/offerings) imported into a new workspace; the preview's
 * own drawing and page count; printing through GtkPrintOperation with
 * GTK_PRINT_OPERATION_ACTION_EXPORT (the same begin-print and draw-page as
 * the Print… button, without the dialog), read back with poppler.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-matrix-print.h"
#include "attest-paths.h"
#include "attest-print-preview.h"
#include "attest-test-widgets.h"
#include "attest-workspace-catalog.h"

/* poppler-glib 22.02 (Debian 12) has no autoptr declarations. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static AttestWorkspace *
seeded_workspace (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autofree char *path = NULL;
  AttestWorkspace *ws;

  *dir = g_dir_make_tmp ("attest-matrix-print-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "seeds.attest", NULL);
  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  attest_workspace_set_reviewer (ws, "Dana Reviewer");
  summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, >, 0);
  return ws;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The fraction of pixels that are not white. */
static double
ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint inked = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);
        if ((px & 0xffffff) != 0xffffff)
          inked++;
      }
  return (double) inked / (width * height);
}

static void
assert_count_text (AttestPrintPreview *preview)
{
  guint n = attest_print_preview_get_n_pages (preview);
  g_autofree char *expected = g_strdup_printf (n == 1 ? "%u sheet" : "%u sheets", n);

  g_assert_cmpstr (attest_print_preview_get_count_text (preview), ==, expected);
  g_assert_cmpuint (attest_print_preview_get_n_thumbnails (preview), ==, n);
}

static void
test_preview_and_print (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AttestWorkspace) ws = seeded_workspace (&dir);
  g_autoptr(GError) error = NULL;
  AttestMatrix *full = attest_workspace_load_matrix (ws, &error);
  g_autoptr(AttestMatrixSheets) sheets = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AttestPrintPreview *preview;
  guint portrait, landscape, letter;
  g_autofree char *pdf = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) everything = g_string_new (NULL);
  g_autofree char *fingerprint = NULL;
  GtkPrintOperationResult result;
  int n;

  g_assert_no_error (error);
  g_assert_nonnull (full);
  g_assert_cmpuint (full->frameworks->len, >, 0);
  g_assert_cmpuint (full->services->len, >, 0);
  fingerprint = attest_workspace_get_fingerprint (ws, &error);
  g_assert_no_error (error);
  sheets = attest_matrix_print_sheets_new (ws, full, &error);   /* the sheets keep @full */
  g_assert_no_error (error);

  gtk_window_present (window);
  preview = attest_print_preview_new (window, sheets);
  gtk_window_present (GTK_WINDOW (preview));

  /* A4 portrait first; its count is its thumbnails'. */
  portrait = attest_print_preview_get_n_pages (preview);
  g_assert_cmpuint (portrait, >=, 1);
  assert_count_text (preview);

  /* A thumbnail drawn by the preview has paper and ink. */
  for (guint i = 0; i < portrait; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 340);
      cairo_t *cr = cairo_create (surface);
      double inked;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      attest_print_preview_draw_thumbnail (preview, cr, i, 240, 340);
      cairo_destroy (cr);
      inked = ink (surface);
      g_test_message ("thumbnail %u: %.1f%% ink", i + 1, inked * 100);
      g_assert_cmpfloat (inked, >, 0.02);
      g_assert_cmpfloat (inked, <, 0.9);
      cairo_surface_destroy (surface);
    }

  /* Landscape and Letter repaginate: a wider sheet takes more columns. */
  attest_print_preview_set_paper (preview, FALSE, TRUE);
  landscape = attest_print_preview_get_n_pages (preview);
  assert_count_text (preview);
  attest_print_preview_set_paper (preview, TRUE, FALSE);
  letter = attest_print_preview_get_n_pages (preview);
  assert_count_text (preview);
  g_test_message ("seeds: %u frameworks, %u services; A4 portrait %u sheets, landscape %u, Letter portrait %u",
                  full->frameworks->len, full->services->len, portrait, landscape, letter);
  g_assert_cmpuint (landscape, <=, portrait);

  /* Printed from the preview on A4 landscape. */
  attest_print_preview_set_paper (preview, FALSE, TRUE);
  pdf = g_build_filename (dir, "printed.pdf", NULL);
  result = attest_print_preview_print (preview, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpuint (attest_print_preview_get_n_pages (preview), ==, landscape);

  uri = g_filename_to_uri (pdf, NULL, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, ==, (int) landscape);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *page_of = g_strdup_printf ("Page %d of %d", i + 1, n);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat (fabs (width - ATTEST_PAPER_A4_HEIGHT), <, 1.0);
      g_assert_cmpfloat (fabs (height - ATTEST_PAPER_A4_WIDTH), <, 1.0);
      if (strstr (text, page_of) == NULL)
        g_error ("“%s” is not on sheet %d:\n%.2000s", page_of, i + 1, text);
      g_assert_nonnull (strstr (text, fingerprint));
      g_assert_nonnull (strstr (text, "Dana Reviewer"));
      g_string_append (everything, text);
    }
  {
    g_autofree char *squeezed = squeeze (everything->str);

    for (guint f = 0; f < full->frameworks->len; f++)
      {
        AttestMatrixFramework *framework = g_ptr_array_index (full->frameworks, f);
        g_autofree char *name = squeeze (framework->short_name);

        if (strstr (squeezed, name) == NULL)
          g_error ("framework “%s” is not in the printed matrix", framework->short_name);
        for (guint s = 0; s < framework->scopes->len; s++)
          {
            g_autofree char *scope = squeeze (((AttestMatrixScope *) g_ptr_array_index (framework->scopes, s))->name);
            if (strstr (squeezed, scope) == NULL)
              g_error ("scope “%s” is not in the printed matrix", scope);
          }
      }
    for (guint r = 0; r < full->services->len; r++)
      {
        g_autofree char *name = squeeze (((AttestMatrixService *) g_ptr_array_index (full->services, r))->name);
        if (strstr (squeezed, name) == NULL)
          g_error ("service “%s” is not in the printed matrix", name);
      }
  }

  gtk_window_destroy (GTK_WINDOW (preview));
  gtk_window_destroy (window);
  g_clear_object (&ws);
  remove_dir (dir);
}

static void
export_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
export (AttestWorkspace *ws,
        const char      *path,
        gboolean         cancel,
        GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(AttestMatrix) full = attest_workspace_load_matrix (ws, &local);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (local);
  if (cancel)
    g_cancellable_cancel (cancellable);
  attest_matrix_export_async (ws, g_steal_pointer (&full), path, FALSE, FALSE, cancellable,
                              export_finished, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return attest_matrix_export_finish (result, error);
}

/* Only the name chosen is in @dir (no file written beside it is left). */
static void
assert_only (const char *dir,
             const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while ((entry = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (entry, "seeds.attest"))
      {
        g_assert_cmpstr (entry, ==, name);
        n++;
      }
  g_assert_cmpuint (n, ==, name != NULL ? 1 : 0);
}

static void
test_export (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(AttestWorkspace) ws = seeded_workspace (&dir);
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled: nothing under the name, nothing beside it. */
  csv = g_build_filename (dir, "matrix.csv", NULL);
  g_assert_false (export (ws, csv, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_only (dir, NULL);

  /* CSV: the header row and every service. */
  g_assert_true (export (ws, csv, FALSE, &error));
  g_assert_no_error (error);
  assert_only (dir, "matrix.csv");
  g_file_get_contents (csv, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Azure DevOps Services"));
  g_assert_nonnull (strstr (contents, "Microsoft Defender for Cloud Apps"));
  g_unlink (csv);

  /* PDF. */
  pdf = g_build_filename (dir, "matrix.PDF", NULL);
  g_assert_true (export (ws, pdf, FALSE, &error));
  g_assert_no_error (error);
  assert_only (dir, "matrix.PDF");
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (pdf, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_unlink (pdf);

  /* XLSX: a zip holding the matrix's, the evidence's and the gap report's
   * sheets (read back in tests/cli/test-export.c). */
  {
    g_autofree char *xlsx = g_build_filename (dir, "matrix.xlsx", NULL);
    gsize length = 0;

    g_assert_true (export (ws, xlsx, FALSE, &error));
    g_assert_no_error (error);
    assert_only (dir, "matrix.xlsx");
    g_clear_pointer (&contents, g_free);
    g_file_get_contents (xlsx, &contents, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (length, >, 4);
    g_assert_cmpmem (contents, 4, "PK\x03\x04", 4);
    g_assert_nonnull (memmem (contents, length, "xl/worksheets/sheet2.xml", strlen ("xl/worksheets/sheet2.xml")));
    g_assert_nonnull (memmem (contents, length, "xl/worksheets/sheet3.xml", strlen ("xl/worksheets/sheet3.xml")));
    g_unlink (xlsx);
  }

  /* A name without a format, and a folder that is not there: the error names the file. */
  {
    g_autofree char *odd = g_build_filename (dir, "matrix.txt", NULL);
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "matrix.csv", NULL);

    g_assert_false (export (ws, odd, FALSE, &error));
    g_assert_nonnull (strstr (error->message, "matrix.txt"));
    g_clear_error (&error);
    g_assert_false (export (ws, missing, FALSE, &error));
    g_assert_nonnull (strstr (error->message, "matrix.csv"));
    g_clear_error (&error);
    assert_only (dir, NULL);
  }

  g_clear_object (&ws);
  remove_dir (dir);
}

ATTEST_TEST_ISOLATED (test_preview_and_print)
ATTEST_TEST_ISOLATED (test_export)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/matrix-print/preview-and-print", test_preview_and_print_isolated);
  g_test_add_func ("/matrix-print/export", test_export_isolated);

  return g_test_run ();
}
