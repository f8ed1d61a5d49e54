/* test-matrix-sheets.c: the evidence matrix on paper, read back with poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "attest-matrix-sheets.h"

/* poppler-glib 22.02 (Debian 12) has no autoptr declarations. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)

#define N_FRAMEWORKS 14
#define N_SCOPES 3
#define N_SERVICES 90
#define FINGERPRINT "3f0c1e9a5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e"
#define LONG_NAME "Azure Confidential Ledger Managed Instance for Regulated Workloads Extended Edition Zebrafinal"

static const char *rollup_words[] = { "not-started", "in-progress", "satisfied", "exception", "no-longer-in-scope" };

static AttestMatrix *
make_matrix (void)
{
  AttestMatrix *matrix = attest_matrix_new ();

  for (guint f = 0; f < N_FRAMEWORKS; f++)
    {
      g_autofree char *id = g_strdup_printf ("fw%02u", f);
      g_autofree char *short_name = g_strdup_printf ("FW%02u", f);
      AttestMatrixFramework *framework = attest_matrix_add_framework (matrix, id, id, short_name, "");

      for (guint s = 0; s < N_SCOPES; s++)
        {
          g_autofree char *scope_id = g_strdup_printf ("%s/s%u", id, s);
          g_autofree char *scope_name = g_strdup_printf ("Scope%02u-%u", f, s);

          attest_matrix_framework_add_scope (framework, scope_id, scope_name, NULL);
        }
    }
  for (guint r = 0; r < N_SERVICES; r++)
    {
      g_autofree char *id = g_strdup_printf ("svc%03u", r);
      g_autofree char *name = r == 7 ? g_strdup (LONG_NAME) : g_strdup_printf ("Service%03u", r);

      attest_matrix_add_service (matrix, id, name, FALSE);
      for (guint f = 0; f < N_FRAMEWORKS; f++)
        for (guint s = 0; s < N_SCOPES; s++)
          if ((r + f + s) % 3 == 0)
            {
              g_autofree char *scope_id = g_strdup_printf ("fw%02u/s%u", f, s);

              attest_matrix_add_cell (matrix, scope_id, id, rollup_words[(r + f) % 5]);
            }
    }
  attest_matrix_sort (matrix);
  return matrix;
}

static PopplerDocument *
export_and_open (AttestMatrix *matrix,
                 double        width,
                 double        height,
                 char        **path_out)
{
  g_autoptr(AttestMatrixSheets) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attest-sheets-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *doc;

  g_assert_no_error (error);
  path = g_build_filename (dir, "matrix.pdf", NULL);
  sheets = attest_matrix_sheets_new (matrix, "audit.attest", "Dana Reviewer", "2026-12-04", FINGERPRINT);
  g_assert_true (attest_matrix_sheets_export_pdf (sheets, path, width, height, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, attest_matrix_sheets_get_n_pages (sheets));
  *path_out = g_steal_pointer (&path);
  return doc;
}

static void
remove_export (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Every sheet of a matrix tiled across and down: the header, the column of
 * services, the two header rows, the legend and "Page X of Y" with the
 * fingerprint; every framework, scope and service somewhere. */
static void
test_tiled (void)
{
  g_autoptr(AttestMatrix) matrix = make_matrix ();
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = export_and_open (matrix, ATTEST_PAPER_A4_WIDTH, ATTEST_PAPER_A4_HEIGHT, &path);
  int n = poppler_document_get_n_pages (doc);
  GString *all = g_string_new (NULL);
  g_autofree char *everything = NULL;
  guint bands_with_fw00 = 0;

  /* 42 columns do not fit across A4, 90 rows do not fit down it. */
  g_assert_cmpint (n, >=, 4);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = squeeze (text);
      g_autofree char *page_of = g_strdup_printf ("Page%dof%d", i + 1, n);
      gboolean has_framework = FALSE;

      g_assert_nonnull (strstr (squeezed, "Evidencematrix"));
      g_assert_nonnull (strstr (squeezed, "2026-12-04"));
      g_assert_nonnull (strstr (squeezed, "Workspace:audit.attest"));
      g_assert_nonnull (strstr (squeezed, "Reviewer:DanaReviewer"));
      g_assert_nonnull (strstr (squeezed, "Legend:"));
      g_assert_nonnull (strstr (squeezed, "Service"));
      g_assert_nonnull (strstr (squeezed, page_of));
      g_assert_nonnull (strstr (squeezed, "Fingerprint:" FINGERPRINT));
      /* Two-level header: some framework and one of its scopes on each sheet. */
      for (guint f = 0; f < N_FRAMEWORKS; f++)
        {
          g_autofree char *fw = g_strdup_printf ("FW%02u", f);
          g_autofree char *scope = g_strdup_printf ("Scope%02u-", f);

          if (strstr (squeezed, fw) != NULL)
            {
              g_assert_nonnull (strstr (squeezed, scope));
              has_framework = TRUE;
            }
        }
      g_assert_true (has_framework);
      if (strstr (squeezed, "FW00") != NULL)
        bands_with_fw00++;
      g_string_append (all, squeezed);
    }
  /* Tiled down: the first column band spans more than one sheet, each with FW00. */
  g_assert_cmpuint (bands_with_fw00, >=, 2);
  g_assert_cmpuint (bands_with_fw00, <, (guint) n);

  everything = g_string_free (all, FALSE);
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, f);

      g_assert_nonnull (strstr (everything, framework->short_name));
      for (guint s = 0; s < framework->scopes->len; s++)
        g_assert_nonnull (strstr (everything, ((AttestMatrixScope *) g_ptr_array_index (framework->scopes, s))->name));
    }
  for (guint r = 0; r < matrix->services->len; r++)
    {
      g_autofree char *name = squeeze (((AttestMatrixService *) g_ptr_array_index (matrix->services, r))->name);

      g_assert_nonnull (strstr (everything, name));
    }
  for (guint i = 0; i < G_N_ELEMENTS (rollup_words); i++)
    {
      g_autofree char *word = squeeze (attest_matrix_sheets_rollup_word (rollup_words[i]));

      g_assert_nonnull (strstr (everything, word));
    }
  remove_export (path);
}

/* A long service name wraps inside the service column: its last word is
 * below its first and left of the first scope column. */
static void
test_long_name_wraps (void)
{
  g_autoptr(AttestMatrix) matrix = make_matrix ();
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = export_and_open (matrix, ATTEST_PAPER_LETTER_HEIGHT, ATTEST_PAPER_LETTER_WIDTH, &path);
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 0);
  GList *first = poppler_page_find_text (page, "Azure");
  GList *last = poppler_page_find_text (page, "Zebrafinal");
  GList *scope = poppler_page_find_text (page, "Scope00-0");
  PopplerRectangle *a, *z, *s;
  double width, height;

  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat (width, >, height);   /* landscape */
  g_assert_nonnull (first);
  g_assert_nonnull (last);
  g_assert_nonnull (scope);
  a = first->data;
  z = last->data;
  s = scope->data;
  /* poppler's rectangles are bottom-up: a later line has a smaller y. */
  g_assert_cmpfloat (z->y1, <, a->y1 - 5);
  g_assert_cmpfloat (z->x2, <=, s->x1);
  g_assert_cmpfloat (a->x2, <=, s->x1);
  g_list_free_full (first, (GDestroyNotify) poppler_rectangle_free);
  g_list_free_full (last, (GDestroyNotify) poppler_rectangle_free);
  g_list_free_full (scope, (GDestroyNotify) poppler_rectangle_free);
  remove_export (path);
}

static void
test_fonts_embedded (void)
{
  g_autoptr(AttestMatrix) matrix = make_matrix ();
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = export_and_open (matrix, ATTEST_PAPER_A4_HEIGHT, ATTEST_PAPER_A4_WIDTH, &path);
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;

  while (poppler_font_info_scan (info, poppler_document_get_n_pages (doc), &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  remove_export (path);
}

/* Nothing matches the filters: one sheet that says so, still with its footer. */
static void
test_empty (void)
{
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = export_and_open (matrix, ATTEST_PAPER_A4_WIDTH, ATTEST_PAPER_A4_HEIGHT, &path);
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 0);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree char *squeezed = squeeze (text);

  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  g_assert_nonnull (strstr (squeezed, "Page1of1"));
  g_assert_nonnull (strstr (squeezed, "Noframeworkorservicematchesthefilters."));
  remove_export (path);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/matrix-sheets/tiled", test_tiled);
  g_test_add_func ("/matrix-sheets/long-name-wraps", test_long_name_wraps);
  g_test_add_func ("/matrix-sheets/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/matrix-sheets/empty", test_empty);
  return g_test_run ();
}
