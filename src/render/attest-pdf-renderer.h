/* attest-pdf-renderer.h: pages rendered off the main thread, and kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-pdf-document.h"

G_BEGIN_DECLS

/* Smaller first. The view asks for the visible pages, then a few either
 * side; a thumbnail sidebar uses a renderer of its own. */
enum {
  ATTEST_PDF_RENDER_PRIORITY_VISIBLE = 0,
  ATTEST_PDF_RENDER_PRIORITY_NEAR = 10,
  ATTEST_PDF_RENDER_PRIORITY_AHEAD = 20,
};

/* A default budget: a dozen A4 pages at 150 % on a 2× screen. */
#define ATTEST_PDF_RENDERER_DEFAULT_BUDGET ((gsize) 256 * 1024 * 1024)

#define ATTEST_TYPE_PDF_RENDERER (attest_pdf_renderer_get_type ())
G_DECLARE_FINAL_TYPE (AttestPdfRenderer, attest_pdf_renderer, ATTEST, PDF_RENDERER, GObject)

AttestPdfRenderer *attest_pdf_renderer_new               (AttestPdfDocument *document,
                                                          gsize              budget);
AttestPdfDocument *attest_pdf_renderer_get_document      (AttestPdfRenderer *self);

void               attest_pdf_renderer_request           (AttestPdfRenderer *self,
                                                          guint              page,
                                                          double             scale,
                                                          int                priority);
void               attest_pdf_renderer_cancel            (AttestPdfRenderer *self,
                                                          guint              page);
void               attest_pdf_renderer_cancel_all        (AttestPdfRenderer *self);
void               attest_pdf_renderer_set_visible_range (AttestPdfRenderer *self,
                                                          guint              first,
                                                          guint              last,
                                                          guint              margin);

cairo_surface_t   *attest_pdf_renderer_lookup            (AttestPdfRenderer *self,
                                                          guint              page,
                                                          double             scale);
cairo_surface_t   *attest_pdf_renderer_lookup_any        (AttestPdfRenderer *self,
                                                          guint              page,
                                                          double            *scale);
const GError      *attest_pdf_renderer_get_error         (AttestPdfRenderer *self,
                                                          guint              page);

gsize              attest_pdf_renderer_get_budget        (AttestPdfRenderer *self);
void               attest_pdf_renderer_set_budget        (AttestPdfRenderer *self,
                                                          gsize              budget);
gsize              attest_pdf_renderer_get_cache_size    (AttestPdfRenderer *self);
guint              attest_pdf_renderer_get_n_cached      (AttestPdfRenderer *self);
guint              attest_pdf_renderer_get_n_pending     (AttestPdfRenderer *self);
guint              attest_pdf_renderer_get_n_dropped     (AttestPdfRenderer *self);

void               attest_pdf_renderer_set_paused        (AttestPdfRenderer *self,
                                                          gboolean           paused);
void               attest_pdf_renderer_shutdown          (AttestPdfRenderer *self);

G_END_DECLS
