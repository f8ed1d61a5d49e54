/* attest-page-drawing.h: an offering page on paper, for print and PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pango.h>

#include "attest-page.h"
#include "attest-reading-mode.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_PAGE_DRAWING (attest_page_drawing_get_type ())

G_DECLARE_FINAL_TYPE (AttestPageDrawing, attest_page_drawing, ATTEST, PAGE_DRAWING, GObject)

AttestPageDrawing *attest_page_drawing_new         (AttestPage         *page,
                                                    AttestReadingMode   mode,
                                                    const char         *title,
                                                    const char         *footer);
guint              attest_page_drawing_paginate    (AttestPageDrawing  *self,
                                                    PangoContext       *context,
                                                    double              width,
                                                    double              height);
guint              attest_page_drawing_get_n_pages (AttestPageDrawing  *self);
void               attest_page_drawing_draw_page   (AttestPageDrawing  *self,
                                                    cairo_t            *cr,
                                                    guint               page_nr);
gboolean           attest_page_drawing_export_pdf  (AttestPageDrawing  *self,
                                                    const char         *path,
                                                    GError            **error);

G_END_DECLS
