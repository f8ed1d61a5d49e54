/* attest-pdf-view.h: a PDF's pages, one under the other, scrolled and zoomed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-pdf-document.h"
#include "attest-pdf-renderer.h"
#include "attest-workspace-annotations.h"

G_BEGIN_DECLS

typedef enum {
  ATTEST_PDF_ZOOM_FIT_WIDTH, /* the widest page fills the width */
  ATTEST_PDF_ZOOM_FIT_PAGE,  /* the largest page fits whole */
  ATTEST_PDF_ZOOM_FREE,      /* the zoom set, kept on resize */
} AttestPdfZoomMode;

/* What a press and a drag on a page do: select text, draw a rectangle,
 * or drop a note ("mark-drawn" says where). */
typedef enum {
  ATTEST_PDF_TOOL_SELECT,
  ATTEST_PDF_TOOL_RECTANGLE,
  ATTEST_PDF_TOOL_NOTE,
} AttestPdfTool;

#define ATTEST_PDF_VIEW_MIN_ZOOM 0.1
#define ATTEST_PDF_VIEW_MAX_ZOOM 4.0

#define ATTEST_TYPE_PDF_VIEW (attest_pdf_view_get_type ())
G_DECLARE_FINAL_TYPE (AttestPdfView, attest_pdf_view, ATTEST, PDF_VIEW, GtkWidget)

GtkWidget         *attest_pdf_view_new               (void);
void               attest_pdf_view_set_document      (AttestPdfView     *self,
                                                      AttestPdfDocument *document);
AttestPdfDocument *attest_pdf_view_get_document      (AttestPdfView     *self);
AttestPdfRenderer *attest_pdf_view_get_renderer      (AttestPdfView     *self);

guint              attest_pdf_view_get_page          (AttestPdfView     *self);
void               attest_pdf_view_set_page          (AttestPdfView     *self,
                                                      guint              page);
void               attest_pdf_view_scroll_to         (AttestPdfView     *self,
                                                      guint              page,
                                                      double             y);

double             attest_pdf_view_get_zoom          (AttestPdfView     *self);
void               attest_pdf_view_set_zoom          (AttestPdfView     *self,
                                                      double             zoom);
AttestPdfZoomMode  attest_pdf_view_get_zoom_mode     (AttestPdfView     *self);
void               attest_pdf_view_set_zoom_mode     (AttestPdfView     *self,
                                                      AttestPdfZoomMode  mode);
void               attest_pdf_view_zoom_in           (AttestPdfView     *self);
void               attest_pdf_view_zoom_out          (AttestPdfView     *self);

gboolean           attest_pdf_view_get_page_area     (AttestPdfView     *self,
                                                      guint              page,
                                                      graphene_rect_t   *area);
void               attest_pdf_view_set_page_matches  (AttestPdfView     *self,
                                                      guint              page,
                                                      GArray            *areas);
void               attest_pdf_view_clear_matches     (AttestPdfView     *self);
void               attest_pdf_view_set_current_match (AttestPdfView     *self,
                                                      gint               page,
                                                      const AttestPdfRect *area);
guint              attest_pdf_view_get_n_highlighted (AttestPdfView     *self,
                                                      guint              page);
gboolean           attest_pdf_view_activate_link_at  (AttestPdfView     *self,
                                                      guint              page,
                                                      double             x,
                                                      double             y);
void               attest_pdf_view_select            (AttestPdfView     *self,
                                                      guint              page,
                                                      AttestPdfSelectStyle style,
                                                      const AttestPdfRect *area);
void               attest_pdf_view_clear_selection   (AttestPdfView     *self);
void               attest_pdf_view_select_across     (AttestPdfView     *self,
                                                      guint              start_page,
                                                      double             start_x,
                                                      double             start_y,
                                                      guint              end_page,
                                                      double             end_x,
                                                      double             end_y);
gboolean           attest_pdf_view_page_has_selection (AttestPdfView    *self,
                                                       guint             page);
char              *attest_pdf_view_get_selected_text (AttestPdfView     *self);
gboolean           attest_pdf_view_is_page_drawn     (AttestPdfView     *self,
                                                      guint              page);

/* Annotations: attest-pdf-view.c, "Marks" */
void               attest_pdf_view_set_annotations   (AttestPdfView     *self,
                                                      GPtrArray         *annotations);
GPtrArray         *attest_pdf_view_get_annotations   (AttestPdfView     *self);
guint              attest_pdf_view_get_n_marks       (AttestPdfView     *self,
                                                      guint              page);
gboolean           attest_pdf_view_flash_annotation  (AttestPdfView     *self,
                                                      gint64             id);
gint64             attest_pdf_view_get_flashing      (AttestPdfView     *self);
void               attest_pdf_view_set_tool          (AttestPdfView     *self,
                                                      AttestPdfTool      tool);
AttestPdfTool      attest_pdf_view_get_tool          (AttestPdfView     *self);
gboolean           attest_pdf_view_get_selection_pages (AttestPdfView   *self,
                                                      guint             *first,
                                                      guint             *last);
GArray            *attest_pdf_view_get_selection_rects (AttestPdfView   *self,
                                                      guint              page);

GdkTexture        *attest_pdf_texture_new_for_surface (cairo_surface_t *surface);

G_END_DECLS
