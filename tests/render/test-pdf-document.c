/* test-pdf-document.c: AttestPdfDocument on a made-up PDF of 70 pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "attest-pdf-document.h"
#include "attest-pdf-find.h"
#include "attest-test-generate.h"

#define N_PAGES 70

/* Made once, shared by the tests. */
static GBytes *generated_bytes;

static GBytes *
generated (void)
{
  if (generated_bytes == NULL)
    generated_bytes = attest_test_generate_pdf (N_PAGES);
  return g_bytes_ref (generated_bytes);
}

static AttestPdfDocument *
open_generated (void)
{
  g_autoptr(GBytes) bytes = generated ();
  g_autoptr(GError) error = NULL;
  AttestPdfDocument *doc;

  doc = attest_pdf_document_new_from_bytes (bytes, NULL, "generated.pdf", &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_pages_and_labels (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autofree char *title = attest_pdf_document_get_title (doc);
  double w, h;
  guint page;

  g_assert_cmpuint (attest_pdf_document_get_n_pages (doc), ==, N_PAGES);
  g_assert_cmpstr (title, ==, "Generated backgrounder");

  g_assert_true (attest_pdf_document_get_page_size (doc, 0, &w, &h));
  g_assert_cmpfloat_with_epsilon (w, 595, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 842, 0.01);
  g_assert_true (attest_pdf_document_get_page_size (doc, ATTEST_TEST_PDF_LANDSCAPE, &w, &h));
  g_assert_cmpfloat_with_epsilon (w, 842, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 595, 0.01);
  g_assert_false (attest_pdf_document_get_page_size (doc, N_PAGES, &w, &h));
  attest_pdf_document_get_max_page_size (doc, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 842, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 842, 0.01);

  g_assert_true (attest_pdf_document_has_page_labels (doc));
  g_assert_cmpstr (attest_pdf_document_get_page_label (doc, 0), ==, "i");
  g_assert_cmpstr (attest_pdf_document_get_page_label (doc, 2), ==, "iii");
  g_assert_cmpstr (attest_pdf_document_get_page_label (doc, ATTEST_TEST_PDF_N_ROMAN), ==, "1");
  g_assert_cmpstr (attest_pdf_document_get_page_label (doc, N_PAGES - 1), ==, "66");
  g_assert_null (attest_pdf_document_get_page_label (doc, N_PAGES));

  /* A label first, whatever its case; then a page number. */
  g_assert_true (attest_pdf_document_find_page_label (doc, "iii", &page));
  g_assert_cmpuint (page, ==, 2);
  g_assert_true (attest_pdf_document_find_page_label (doc, " III ", &page));
  g_assert_cmpuint (page, ==, 2);
  g_assert_true (attest_pdf_document_find_page_label (doc, "12", &page));
  g_assert_cmpuint (page, ==, 12 - 1 + ATTEST_TEST_PDF_N_ROMAN);
  g_assert_true (attest_pdf_document_find_page_label (doc, "70", &page));
  g_assert_cmpuint (page, ==, 69);
  g_assert_false (attest_pdf_document_find_page_label (doc, "71", &page));
  g_assert_false (attest_pdf_document_find_page_label (doc, "xiv", &page));
  g_assert_false (attest_pdf_document_find_page_label (doc, "", &page));
}

static void
test_outline (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autoptr(GPtrArray) outline = attest_pdf_document_get_outline (doc);
  static const struct { const char *title; guint depth; gint page; } expected[] = {
    { "Preface", 0, 0 },
    { "Chapter 1", 0, 4 },
    { "Section 1.1", 1, 5 },
    { "Chapter 2", 0, 30 },
  };
  AttestPdfOutlineItem *section;

  g_assert_cmpuint (outline->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < outline->len; i++)
    {
      AttestPdfOutlineItem *item = g_ptr_array_index (outline, i);

      g_assert_cmpstr (item->title, ==, expected[i].title);
      g_assert_cmpuint (item->depth, ==, expected[i].depth);
      g_assert_cmpint (item->page, ==, expected[i].page);
      g_assert_null (item->uri);
    }
  section = g_ptr_array_index (outline, 2);
  g_assert_cmpfloat_with_epsilon (section->y, 200, 1);
}

static void
test_links (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autoptr(GPtrArray) links = attest_pdf_document_get_links (doc, 1);
  g_autoptr(GPtrArray) back = attest_pdf_document_get_links (doc, 40);
  g_autoptr(GPtrArray) none = attest_pdf_document_get_links (doc, 2);
  g_autoptr(GPtrArray) out_of_range = attest_pdf_document_get_links (doc, N_PAGES + 5);
  AttestPdfLink *external, *direct = NULL, *named = NULL;

  g_assert_cmpuint (links->len, ==, 1);
  external = g_ptr_array_index (links, 0);
  g_assert_cmpint (external->kind, ==, ATTEST_PDF_LINK_URI);
  g_assert_cmpstr (external->uri, ==, ATTEST_TEST_PDF_URI);
  g_assert_cmpfloat_with_epsilon (external->area.x1, 72, 0.5);
  g_assert_cmpfloat_with_epsilon (external->area.y1, 140, 0.5);
  g_assert_cmpfloat_with_epsilon (external->area.x2, 272, 0.5);
  g_assert_cmpfloat_with_epsilon (external->area.y2, 160, 0.5);

  /* Inside the file: by page, and by a named destination. */
  g_assert_cmpuint (back->len, ==, 2);
  for (guint i = 0; i < back->len; i++)
    {
      AttestPdfLink *link = g_ptr_array_index (back, i);

      g_assert_cmpint (link->kind, ==, ATTEST_PDF_LINK_PAGE);
      g_assert_null (link->uri);
      if (link->area.y1 < 120)
        direct = link;
      else
        named = link;
    }
  g_assert_nonnull (direct);
  g_assert_nonnull (named);
  g_assert_cmpfloat_with_epsilon (direct->area.y1, 100, 0.5);
  g_assert_cmpfloat_with_epsilon (direct->area.y2, 120, 0.5);
  g_assert_cmpint (direct->page, ==, 1);
  g_assert_cmpfloat_with_epsilon (direct->y, 300, 1);
  g_assert_cmpint (named->page, ==, 1);
  g_assert_cmpfloat_with_epsilon (named->y, 300, 1);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (out_of_range->len, ==, 0);
}

static void
test_text (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autofree char *text = attest_pdf_document_get_page_text (doc, 3);
  g_autofree char *missing = attest_pdf_document_get_page_text (doc, N_PAGES);

  g_assert_nonnull (strstr (text, "Page iv, sheet 4 of 70"));
  g_assert_cmpstr (missing, ==, "");
}

static void
check_needles (AttestPdfMatches *m)
{
  AttestPdfRect area;
  guint page;

  g_assert_true (m->complete);
  g_assert_cmpstr (m->text, ==, ATTEST_TEST_PDF_NEEDLE);
  g_assert_cmpuint (m->n_pages, ==, N_PAGES);
  /* Pages 0, 6 … 66: twelve, the one in capitals included. */
  g_assert_cmpuint (m->n_matches, ==, 12);
  for (guint i = 0; i < N_PAGES; i++)
    g_assert_cmpuint (m->pages[i] != NULL ? m->pages[i]->len : 0, ==, i % 6 == 0 ? 1 : 0);

  /* "3 of 12" is on page 12, near y 400 from the top. */
  g_assert_true (attest_pdf_matches_nth (m, 2, &page, &area));
  g_assert_cmpuint (page, ==, 12);
  g_assert_cmpfloat (area.y1, <, 400);
  g_assert_cmpfloat (area.y2, >, 395);
  g_assert_cmpfloat (area.x1, >, 72);
  g_assert_true (attest_pdf_matches_nth (m, 11, &page, NULL));
  g_assert_cmpuint (page, ==, 66);
  g_assert_false (attest_pdf_matches_nth (m, 12, &page, NULL));

  /* Find starts from the page shown, and wraps. */
  g_assert_cmpint (attest_pdf_matches_first_on_or_after (m, 0), ==, 0);
  g_assert_cmpint (attest_pdf_matches_first_on_or_after (m, 7), ==, 2);
  g_assert_cmpint (attest_pdf_matches_first_on_or_after (m, 12), ==, 2);
  g_assert_cmpint (attest_pdf_matches_first_on_or_after (m, 67), ==, 0);
}

static void
test_find (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autoptr(AttestPdfMatches) m = attest_pdf_document_find (doc, ATTEST_TEST_PDF_NEEDLE, NULL);
  g_autoptr(AttestPdfMatches) none = attest_pdf_document_find (doc, "haystack", NULL);
  g_autoptr(AttestPdfMatches) empty = attest_pdf_document_find (doc, "", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AttestPdfMatches) cancelled = NULL;

  check_needles (m);
  g_assert_cmpuint (none->n_matches, ==, 0);
  g_assert_true (none->complete);
  g_assert_cmpint (attest_pdf_matches_first_on_or_after (none, 0), ==, -1);
  g_assert_cmpuint (empty->n_matches, ==, 0);

  g_cancellable_cancel (cancellable);
  cancelled = attest_pdf_document_find (doc, ATTEST_TEST_PDF_NEEDLE, cancellable);
  g_assert_false (cancelled->complete);
  g_assert_cmpuint (cancelled->n_matches, ==, 0);
}

typedef struct {
  guint calls;
  guint last_done;
  guint matches_seen;
  gboolean destroyed;
  AttestPdfMatches *result;
  GError *error;
  gboolean finished;
} FindState;

static void
find_progress (AttestPdfDocument *doc,
               guint              pages_done,
               guint              n_pages,
               guint              page,
               GArray            *page_matches,
               gpointer           user_data)
{
  FindState *state = user_data;

  g_assert_cmpuint (n_pages, ==, N_PAGES);
  g_assert_cmpuint (pages_done, ==, state->last_done + 1);
  g_assert_cmpuint (page, ==, pages_done - 1);
  state->calls++;
  state->last_done = pages_done;
  state->matches_seen += page_matches->len;
}

static void
find_destroyed (gpointer user_data)
{
  ((FindState *) user_data)->destroyed = TRUE;
}

static void
find_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FindState *state = user_data;

  state->result = attest_pdf_document_find_finish (ATTEST_PDF_DOCUMENT (source), result,
                                                   &state->error);
  state->finished = TRUE;
}

static void
test_find_async (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FindState state = { 0 }, cancelled = { 0 };

  attest_pdf_document_find_async (doc, ATTEST_TEST_PDF_NEEDLE, find_progress, &state,
                                  find_destroyed, NULL, find_done, &state);
  while (!state.finished || !state.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  check_needles (state.result);
  /* Every page reported, in order, before or after the result came. */
  g_assert_cmpuint (state.calls, ==, N_PAGES);
  g_assert_cmpuint (state.matches_seen, ==, 12);
  attest_pdf_matches_free (state.result);

  g_cancellable_cancel (cancellable);
  attest_pdf_document_find_async (doc, ATTEST_TEST_PDF_NEEDLE, find_progress, &cancelled,
                                  find_destroyed, cancellable, find_done, &cancelled);
  while (!cancelled.finished || !cancelled.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.result);
  g_assert_cmpuint (cancelled.calls, ==, 0);
  g_clear_error (&cancelled.error);
}

static void
test_selection (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  AttestPdfRect line = { 100, 295, 100, 295 };
  AttestPdfRect drag = { 72, 295, 150, 295 };
  AttestPdfRect blank = { 300, 200, 500, 250 };
  g_autofree char *text = attest_pdf_document_get_selected_text (doc, 0, ATTEST_PDF_SELECT_LINE, &line);
  g_autofree char *part = attest_pdf_document_get_selected_text (doc, 0, ATTEST_PDF_SELECT_GLYPH, &drag);
  g_autofree char *nothing = attest_pdf_document_get_selected_text (doc, 0, ATTEST_PDF_SELECT_GLYPH, &blank);
  g_autofree char *missing = attest_pdf_document_get_selected_text (doc, N_PAGES, ATTEST_PDF_SELECT_GLYPH, &line);
  cairo_region_t *region = attest_pdf_document_get_selected_region (doc, 0, 2.0, ATTEST_PDF_SELECT_LINE, &line);
  cairo_region_t *empty = attest_pdf_document_get_selected_region (doc, 0, 2.0, ATTEST_PDF_SELECT_GLYPH, &blank);
  cairo_rectangle_int_t extents;

  /* A triple click: the line; a drag over its start: the first words. */
  g_assert_cmpstr (g_strstrip (text), ==, ATTEST_TEST_PDF_SELECTION);
  g_test_message ("dragged over: “%s”", part);
  g_assert_true (g_str_has_prefix (ATTEST_TEST_PDF_SELECTION, part));
  g_assert_cmpuint (strlen (part), >=, strlen ("Selected"));
  g_assert_cmpuint (strlen (part), <, strlen (ATTEST_TEST_PDF_SELECTION));
  g_assert_cmpstr (nothing, ==, "");
  g_assert_cmpstr (missing, ==, "");

  /* In pixels at the scale given: around y 300 × 2. */
  g_assert_false (cairo_region_is_empty (region));
  cairo_region_get_extents (region, &extents);
  g_assert_cmpint (extents.y, >, 2 * 280);
  g_assert_cmpint (extents.y + extents.height, <, 2 * 310);
  g_assert_cmpint (extents.x, >=, 2 * 70);
  g_assert_true (cairo_region_is_empty (empty));
  cairo_region_destroy (region);
  cairo_region_destroy (empty);

  /* A word from a double click inside it. */
  {
    AttestPdfRect point = { 80, 295, 80, 295 };
    g_autofree char *word = attest_pdf_document_get_selected_text (doc, 0, ATTEST_PDF_SELECT_WORD, &point);

    g_assert_cmpstr (g_strstrip (word), ==, "Selected");
  }
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static void
test_render (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  cairo_surface_t *surface;
  gboolean dark = FALSE;
  int w, h;

  surface = attest_pdf_document_render_page (doc, 0, 0.5, NULL, &error);
  g_assert_no_error (error);
  attest_pdf_document_get_pixel_size (doc, 0, 0.5, &w, &h);
  g_assert_cmpint (w, ==, 298);
  g_assert_cmpint (h, ==, 421);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, h);
  /* White under the page, ink where the first line is (y 72 → 36). */
  g_assert_cmphex (pixel_at (surface, 2, 2), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (surface, w - 2, h - 2), ==, 0xffffffff);
  for (int x = 36; x < 150 && !dark; x++)
    for (int y = 28; y < 38 && !dark; y++)
      dark = (pixel_at (surface, x, y) & 0xff) < 0x80;
  g_assert_true (dark);
  cairo_surface_destroy (surface);

  surface = attest_pdf_document_render_page (doc, ATTEST_TEST_PDF_LANDSCAPE, 1.0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 842);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 595);
  cairo_surface_destroy (surface);

  /* A page that is not there, a zoom no memory holds, a cancelled render:
   * errors for that page, nothing else. */
  surface = attest_pdf_document_render_page (doc, N_PAGES, 1.0, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE);
  g_assert_nonnull (strstr (error->message, "generated.pdf"));
  g_clear_error (&error);
  surface = attest_pdf_document_render_page (doc, 0, 200.0, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE);
  g_clear_error (&error);
  surface = attest_pdf_document_render_page (doc, 0, 0.0, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  surface = attest_pdf_document_render_page (doc, 0, 1.0, cancellable, &error);
  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static cairo_status_t
count_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_print (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (count_bytes, &written, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (attest_pdf_document_render_for_printing (doc, i, cr, &error));
      g_assert_no_error (error);
      cairo_show_page (cr);
    }
  g_assert_false (attest_pdf_document_render_for_printing (doc, N_PAGES, cr, &error));
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (written, >, 1000);
}

static void
test_open_errors (void)
{
  g_autoptr(GBytes) good = generated ();
  g_autoptr(GBytes) html = g_bytes_new_static ("<!DOCTYPE html><html>Sign in</html>", 35);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (good, 0, 400);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  AttestPdfDocument *doc;

  doc = attest_pdf_document_new_from_bytes (html, NULL, "report.pdf", &error);
  g_assert_null (doc);
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NOT_PDF);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_clear_error (&error);

  doc = attest_pdf_document_new_from_bytes (empty, NULL, "empty.pdf", &error);
  g_assert_null (doc);
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NOT_PDF);
  g_clear_error (&error);

  /* The header is there, the rest is not: damaged, with poppler's reason. */
  doc = attest_pdf_document_new_from_bytes (truncated, NULL, "cut.pdf", &error);
  g_assert_null (doc);
  g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "cut.pdf"));
  g_assert_nonnull (strstr (error->message, "("));
  g_clear_error (&error);

  /* A password given to a file that needs none is ignored. */
  doc = attest_pdf_document_new_from_bytes (good, "secret", NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (doc);
}

static void
test_open_file (void)
{
  g_autoptr(GBytes) bytes = generated ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attest-pdf-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "backgrounder.pdf", NULL);
  g_autofree char *absent = g_build_filename (dir, "absent.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) absent_file = g_file_new_for_path (absent);
  AttestPdfDocument *doc;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  doc = attest_pdf_document_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_pdf_document_get_n_pages (doc), ==, N_PAGES);
  g_assert_nonnull (strstr (attest_pdf_document_get_display_name (doc), "backgrounder.pdf"));
  g_assert_finalize_object (doc);

  doc = attest_pdf_document_new_from_file (absent_file, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_remove (path);
  g_rmdir (dir);
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AttestPdfDocument **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = attest_pdf_document_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autoptr(GBytes) bytes = generated ();
  AttestPdfDocument *doc = NULL;

  attest_pdf_document_open_async (bytes, NULL, "async.pdf", NULL, opened, &doc);
  while (doc == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (attest_pdf_document_get_n_pages (doc), ==, N_PAGES);
  g_assert_cmpstr (attest_pdf_document_get_display_name (doc), ==, "async.pdf");
  g_assert_finalize_object (doc);
}

/* Many threads at once on one document: the lock keeps poppler whole. */
static gpointer
hammer (gpointer data)
{
  AttestPdfDocument *doc = data;

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *s = attest_pdf_document_render_page (doc, (i * 7) % N_PAGES, 0.3, NULL, &error);
      g_autoptr(GArray) found = attest_pdf_document_find_on_page (doc, i * 6, ATTEST_TEST_PDF_NEEDLE);
      g_autoptr(GPtrArray) links = attest_pdf_document_get_links (doc, 40);
      g_autofree char *text = attest_pdf_document_get_page_text (doc, i);

      g_assert_no_error (error);
      cairo_surface_destroy (s);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpuint (links->len, ==, 2);
      g_assert_nonnull (strstr (text, "sheet"));
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("hammer", hammer, doc);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-document/pages-and-labels", test_pages_and_labels);
  g_test_add_func ("/pdf-document/outline", test_outline);
  g_test_add_func ("/pdf-document/links", test_links);
  g_test_add_func ("/pdf-document/text", test_text);
  g_test_add_func ("/pdf-document/find", test_find);
  g_test_add_func ("/pdf-document/find-async", test_find_async);
  g_test_add_func ("/pdf-document/selection", test_selection);
  g_test_add_func ("/pdf-document/render", test_render);
  g_test_add_func ("/pdf-document/print", test_print);
  g_test_add_func ("/pdf-document/open-errors", test_open_errors);
  g_test_add_func ("/pdf-document/open-file", test_open_file);
  g_test_add_func ("/pdf-document/open-async", test_open_async);
  g_test_add_func ("/pdf-document/threads", test_threads);

  ret = g_test_run ();
  /* The generated file, kept across tests, freed for LeakSanitizer. */
  g_clear_pointer (&generated_bytes, g_bytes_unref);
  return ret;
}
