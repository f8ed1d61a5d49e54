/* attest-sheet-frame.h: what every printed sheet of Attest shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix (attest-matrix-sheets.c) and the evidence report
 * (attest-report-sheets.c) draw their sheets through these: text laid out in
 * points, the header (a title over the date, workspace and reviewer), the
 * footer (a legend, the fingerprint and "Page X of Y") and the PDF export
 * (cairo's PDF surface embeds the fonts). Not a type: plain helpers.
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The margin of an exported PDF, in points (half an inch). */
#define ATTEST_SHEET_MARGIN 36.0

#define ATTEST_SHEET_FONT_TITLE "Sans Bold 14"
#define ATTEST_SHEET_FONT_META  "Sans 8"
#define ATTEST_SHEET_FONT_FOOT  "Sans 7"
#define ATTEST_SHEET_FONT_PRINT "Monospace 6.5"
#define ATTEST_SHEET_GAP 6.0

typedef struct {
  char *title;
  char *meta;          /* date, workspace, reviewer */
  char *legend;        /* may be NULL */
  char *fingerprint;   /* "Fingerprint: …" */
  double header_height;
  double footer_height;
} AttestSheetFrame;

typedef guint (*AttestSheetPaginateFunc) (gpointer      sheets,
                                          PangoContext *context,
                                          double        width,
                                          double        height);
typedef void  (*AttestSheetDrawFunc)     (gpointer      sheets,
                                          cairo_t      *cr,
                                          guint         page_nr);
/* After each sheet drawn: @done of @total. */
typedef void  (*AttestSheetProgressFunc) (guint         done,
                                          guint         total,
                                          gpointer      user_data);

PangoLayout  *attest_sheet_layout        (PangoContext     *context,
                                          const char       *text,
                                          const char       *font,
                                          double            width,
                                          PangoAlignment    alignment);
double        attest_sheet_text_height   (PangoContext     *context,
                                          const char       *text,
                                          const char       *font,
                                          double            width);
void          attest_sheet_show          (PangoContext     *context,
                                          cairo_t          *cr,
                                          const char       *text,
                                          const char       *font,
                                          double            x,
                                          double            y,
                                          double            width,
                                          PangoAlignment    alignment);
void          attest_sheet_rect          (cairo_t          *cr,
                                          double            x,
                                          double            y,
                                          double            w,
                                          double            h);
PangoContext *attest_sheet_points_context (cairo_t         *cr);

void          attest_sheet_frame_init    (AttestSheetFrame *frame,
                                          const char       *title,
                                          const char       *date,
                                          const char       *workspace_name,
                                          const char       *reviewer,
                                          const char       *fingerprint,
                                          const char       *legend);
void          attest_sheet_frame_clear   (AttestSheetFrame *frame);
void          attest_sheet_frame_measure (AttestSheetFrame *frame,
                                          PangoContext     *context,
                                          double            width);
void          attest_sheet_frame_draw    (AttestSheetFrame *frame,
                                          PangoContext     *context,
                                          cairo_t          *cr,
                                          double            width,
                                          double            height,
                                          guint             page_nr,
                                          guint             n_pages);
gboolean      attest_sheet_export_pdf    (gpointer                 sheets,
                                          AttestSheetPaginateFunc  paginate,
                                          AttestSheetDrawFunc      draw,
                                          const char              *path,
                                          double                   paper_width,
                                          double                   paper_height,
                                          GError                 **error);
gboolean      attest_sheet_export_pdf_full (gpointer                 sheets,
                                          AttestSheetPaginateFunc  paginate,
                                          AttestSheetDrawFunc      draw,
                                          const char              *path,
                                          double                   paper_width,
                                          double                   paper_height,
                                          AttestSheetProgressFunc  progress,
                                          gpointer                 progress_data,
                                          GCancellable            *cancellable,
                                          GError                 **error);

G_END_DECLS
