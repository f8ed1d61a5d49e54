/* test-pdf-annotations.c: marks checked against their page; the annotated copy read back by poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <poppler.h>

#include "attest-annotated-copy.h"
#include "attest-pdf-annotations.h"
#include "attest-pdf-document.h"
#include "attest-test-generate.h"
#include "attest-test-workspace.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"

#define N_PAGES 45

/* poppler-glib 22.12 declares none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

typedef AttestTestFixture Fixture;

static GBytes *generated_bytes;

static GBytes *
generated (void)
{
  if (generated_bytes == NULL)
    generated_bytes = attest_test_generate_pdf (N_PAGES);
  return g_bytes_ref (generated_bytes);
}

static AttestAnnotation *
mark (AttestAnnotationKind  kind,
      guint                 page,
      const char           *color,
      const char           *text,
      const AttestRect     *rects,
      guint                 n)
{
  AttestAnnotation *a = attest_annotation_new (kind);

  a->sha256 = g_strnfill (64, 'c');
  a->page = page;
  a->color = g_strdup (color);
  a->text = g_strdup (text);
  g_array_append_vals (a->rects, rects, n);
  return a;
}

/* A page outside the document, a rectangle outside its page: refused, saying which. */
static void
test_check (void)
{
  g_autoptr(GBytes) bytes = generated ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPdfDocument) doc = attest_pdf_document_new_from_bytes (bytes, NULL, "generated.pdf", &error);
  AttestRect inside = { 72, 100, 300, 140 };
  AttestRect wide = { 600, 100, 800, 140 };   /* on a landscape page only */
  AttestRect low = { 72, 800, 300, 900 };     /* below a landscape page */
  AttestRect corner = { 595, 842, 595, 842 };
  g_autoptr(AttestAnnotation) ok = mark (ATTEST_ANNOTATION_RECTANGLE, 0, NULL, NULL, &inside, 1);
  g_autoptr(AttestAnnotation) beyond = mark (ATTEST_ANNOTATION_RECTANGLE, N_PAGES, NULL, NULL, &inside, 1);
  g_autoptr(AttestAnnotation) portrait = mark (ATTEST_ANNOTATION_RECTANGLE, 0, NULL, NULL, &wide, 1);
  g_autoptr(AttestAnnotation) landscape = mark (ATTEST_ANNOTATION_RECTANGLE, ATTEST_TEST_PDF_LANDSCAPE, NULL, NULL,
                                                &wide, 1);
  g_autoptr(AttestAnnotation) landscape_low = mark (ATTEST_ANNOTATION_RECTANGLE, ATTEST_TEST_PDF_LANDSCAPE, NULL,
                                                    NULL, &low, 1);
  g_autoptr(AttestAnnotation) point = mark (ATTEST_ANNOTATION_NOTE, 0, NULL, NULL, &corner, 1);

  g_assert_no_error (error);
  g_assert_true (attest_pdf_annotation_check (doc, ok, &error));
  g_assert_no_error (error);
  g_assert_true (attest_pdf_annotation_check (doc, landscape, &error));
  g_assert_true (attest_pdf_annotation_check (doc, point, &error));
  g_assert_no_error (error);

  g_assert_false (attest_pdf_annotation_check (doc, beyond, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "outside the document"));
  g_assert_nonnull (strstr (error->message, "45"));
  g_clear_error (&error);

  g_assert_false (attest_pdf_annotation_check (doc, portrait, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "outside page 1"));
  g_assert_nonnull (strstr (error->message, "595 × 842"));
  g_clear_error (&error);

  g_assert_false (attest_pdf_annotation_check (doc, landscape_low, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "842 × 595"));
  g_clear_error (&error);
}

static PopplerAnnot *
only_annot (PopplerDocument  *doc,
            guint             page_index,
            PopplerAnnotType  type,
            double           *height)
{
  PopplerPage *page = poppler_document_get_page (doc, (int)page_index);
  GList *mapping = poppler_page_get_annot_mapping (page);
  PopplerAnnot *found = NULL;
  guint n = 0;

  poppler_page_get_size (page, NULL, height);
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerAnnotMapping *m = l->data;
      if (poppler_annot_get_annot_type (m->annot) == type)
        {
          n++;
          g_set_object (&found, m->annot);
        }
    }
  poppler_page_free_annot_mapping (mapping);
  g_object_unref (page);
  g_assert_cmpuint (n, ==, 1);
  return found;
}

/* To 8 bits a channel: poppler keeps colours as doubles, 16 bits come back ±1. */
static void
assert_color (PopplerAnnot *annot,
              guint         rgb)
{
  PopplerColor *c = poppler_annot_get_color (annot);

  g_assert_nonnull (c);
  g_assert_cmphex ((guint)lround (c->red / 257.0), ==, (rgb >> 16) & 0xff);
  g_assert_cmphex ((guint)lround (c->green / 257.0), ==, (rgb >> 8) & 0xff);
  g_assert_cmphex ((guint)lround (c->blue / 257.0), ==, rgb & 0xff);
  poppler_color_free (c);
}

static void
assert_contents (PopplerAnnot *annot,
                 const char   *text)
{
  g_autofree char *contents = poppler_annot_get_contents (annot);

  g_assert_cmpstr (contents, ==, text);
}

/* The RGB of a pixel of page @index of @doc drawn at 1 pixel a point on white. */
static guint32
pixel (PopplerDocument *doc,
       guint            index,
       int              x,
       int              y)
{
  PopplerPage *page = poppler_document_get_page (doc, (int)index);
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint32 value;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)ceil (w), (int)ceil (h));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  value = *(guint32 *)(cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  return value & 0xffffff;
}

/* Highlight, square and note come back from poppler with their text,
 * colour and place; the copy's highlight is drawn where the mark is (not
 * turned upside down); the original bytes are untouched. */
static void
test_round_trip (void)
{
  g_autoptr(GBytes) bytes = generated ();
  g_autoptr(GBytes) before = g_bytes_new (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_annotation_free);
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  const AttestRect lines[] = { { 300, 500, 500, 520 }, { 300, 522, 450, 540 } };
  const AttestRect box = { 100, 600, 250, 700 };
  const AttestRect point = { 200, 250, 200, 250 };
  PopplerAnnot *highlight, *square, *note;
  PopplerRectangle r;
  GArray *quads;
  double height;

  g_ptr_array_add (marks, mark (ATTEST_ANNOTATION_HIGHLIGHT, 0, "#f6d32d", "Qualified opinion", lines, 2));
  g_ptr_array_add (marks, mark (ATTEST_ANNOTATION_RECTANGLE, 1, "#62a0ea", "Scanned exception list", &box, 1));
  g_ptr_array_add (marks, mark (ATTEST_ANNOTATION_NOTE, 2, "#e01b24", "Ask about the carve-out", &point, 1));
  /* Left out: a page the file does not have. */
  g_ptr_array_add (marks, mark (ATTEST_ANNOTATION_NOTE, N_PAGES + 3, "#e01b24", "nowhere", &point, 1));

  copy = attest_annotated_copy_make (bytes, marks, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (g_bytes_equal (bytes, before));
  g_assert_false (g_bytes_equal (bytes, copy));

  doc = poppler_document_new_from_bytes (copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, N_PAGES);

  highlight = only_annot (doc, 0, POPPLER_ANNOT_HIGHLIGHT, &height);
  assert_contents (highlight, "Qualified opinion");
  assert_color (highlight, 0xf6d32d);
  quads = poppler_annot_text_markup_get_quadrilaterals (POPPLER_ANNOT_TEXT_MARKUP (highlight));
  g_assert_cmpuint (quads->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      PopplerQuadrilateral *q = &g_array_index (quads, PopplerQuadrilateral, i);
      double x1 = MIN (q->p1.x, q->p4.x), x2 = MAX (q->p1.x, q->p4.x);
      double top = height - MAX (q->p1.y, q->p4.y), bottom = height - MIN (q->p1.y, q->p4.y);

      g_assert_cmpfloat_with_epsilon (x1, lines[i].x1, 0.01);
      g_assert_cmpfloat_with_epsilon (x2, lines[i].x2, 0.01);
      g_assert_cmpfloat_with_epsilon (top, lines[i].y1, 0.01);
      g_assert_cmpfloat_with_epsilon (bottom, lines[i].y2, 0.01);
    }
  g_array_unref (quads);

  square = only_annot (doc, 1, POPPLER_ANNOT_SQUARE, &height);
  assert_contents (square, "Scanned exception list");
  assert_color (square, 0x62a0ea);
  poppler_annot_get_rectangle (square, &r);
  g_assert_cmpfloat_with_epsilon (MIN (r.x1, r.x2), box.x1, 0.01);
  g_assert_cmpfloat_with_epsilon (MAX (r.x1, r.x2), box.x2, 0.01);
  g_assert_cmpfloat_with_epsilon (height - MAX (r.y1, r.y2), box.y1, 0.01);
  g_assert_cmpfloat_with_epsilon (height - MIN (r.y1, r.y2), box.y2, 0.01);

  note = only_annot (doc, 2, POPPLER_ANNOT_TEXT, &height);
  assert_contents (note, "Ask about the carve-out");
  assert_color (note, 0xe01b24);
  poppler_annot_get_rectangle (note, &r);
  g_assert_cmpfloat_with_epsilon (MIN (r.x1, r.x2), point.x1, 0.01);
  g_assert_cmpfloat_with_epsilon (height - MAX (r.y1, r.y2), point.y1, 0.01);

  /* Drawn where the mark is, in its colour: not where y turned over would put it. */
  g_assert_cmphex (pixel (doc, 0, 400, 510), ==, 0xf6d32d);
  g_assert_cmphex (pixel (doc, 0, 400, 842 - 510), ==, 0xffffff);

  g_object_unref (highlight);
  g_object_unref (square);
  g_object_unref (note);
}

/* Through a workspace: checked against the page, stored, exported; the
 * stored bytes and verify unchanged. */
static void
test_workspace (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = generated ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(AttestAnnotation) a = NULL;
  g_autoptr(AttestAnnotation) outside = NULL;
  AttestRect inside = { 72, 100, 300, 140 };
  AttestRect far = { 72, 900, 300, 940 };
  PopplerAnnot *square;
  double height;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_attach_evidence (f->ws, ((AttestChecklistItem *)items->pdata[0])->id, "gen.pdf",
                                                   bytes, "application/pdf", NULL, NULL, N_PAGES, NULL, &sha,
                                                   &error));
  g_assert_no_error (error);

  a = mark (ATTEST_ANNOTATION_RECTANGLE, 4, "#33d17a", "Complementary user entity controls", &inside, 1);
  g_free (a->sha256);
  a->sha256 = g_strdup (sha);
  g_assert_true (attest_pdf_annotation_add (f->ws, NULL, a, &error));
  g_assert_no_error (error);

  outside = mark (ATTEST_ANNOTATION_RECTANGLE, 4, NULL, NULL, &far, 1);
  g_free (outside->sha256);
  outside->sha256 = g_strdup (sha);
  g_assert_false (attest_pdf_annotation_add (f->ws, NULL, outside, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (outside->sha256);
  outside->sha256 = g_strnfill (64, 'd');
  g_assert_false (attest_pdf_annotation_add (f->ws, NULL, outside, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  copy = attest_annotated_copy_from_workspace (f->ws, sha, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_bytes (copy, NULL, &error);
  g_assert_no_error (error);
  square = only_annot (doc, 4, POPPLER_ANNOT_SQUARE, &height);
  assert_contents (square, "Complementary user entity controls");
  g_object_unref (square);

  stored = attest_workspace_get_evidence_bytes (f->ws, sha, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, bytes));
  g_assert_true (attest_workspace_verify (f->ws, problems, &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-annotations/check", test_check);
  g_test_add_func ("/pdf-annotations/round-trip", test_round_trip);
  g_test_add ("/pdf-annotations/workspace", Fixture, NULL, attest_test_fixture_seeded, test_workspace,
              attest_test_fixture_teardown);
  status = g_test_run ();
  g_clear_pointer (&generated_bytes, g_bytes_unref);
  return status;
}
