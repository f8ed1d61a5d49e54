/* attest-sheet-frame.c: what every printed sheet of Attest shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is in points, the Pango context at 72 dpi with metric hinting
 * off, as in attest-page-drawing.c, so the PDF and the printer lay out alike.
 */
#define G_LOG_DOMAIN "attest-sheet-frame"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "attest-sheet-frame.h"

PangoLayout *
attest_sheet_layout (PangoContext   *context,
                     const char     *text,
                     const char     *font,
                     double          width,
                     PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

double
attest_sheet_text_height (PangoContext *context,
                          const char   *text,
                          const char   *font,
                          double        width)
{
  g_autoptr(PangoLayout) layout = attest_sheet_layout (context, text, font, width, PANGO_ALIGN_LEFT);
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return pango_units_to_double (h);
}

void
attest_sheet_show (PangoContext   *context,
                   cairo_t        *cr,
                   const char     *text,
                   const char     *font,
                   double          x,
                   double          y,
                   double          width,
                   PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = attest_sheet_layout (context, text, font, width, alignment);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
attest_sheet_rect (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h)
{
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
}

/**
 * attest_sheet_points_context:
 *
 * Returns: (transfer full): a Pango context for @cr at 72 dpi, metric
 *   hinting off
 */
PangoContext *
attest_sheet_points_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/**
 * attest_sheet_frame_init:
 * @title: the sheet's title
 * @date: (nullable): the date printed; today when %NULL
 * @workspace_name: (nullable): shown in the header
 * @reviewer: (nullable): shown in the header ("not set" when %NULL)
 * @fingerprint: (nullable): the head of the history chain, in every footer
 * @legend: (nullable): a line above the footer
 */
void
attest_sheet_frame_init (AttestSheetFrame *frame,
                         const char       *title,
                         const char       *date,
                         const char       *workspace_name,
                         const char       *reviewer,
                         const char       *fingerprint,
                         const char       *legend)
{
  GString *line;

  memset (frame, 0, sizeof *frame);
  frame->title = g_strdup (title);
  if (date != NULL)
    line = g_string_new (date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      line = g_string_new (today);
    }
  if (workspace_name != NULL)
    {
      g_string_append (line, "   ");
      /* Translators: in the header of a printed matrix */
      g_string_append_printf (line, _("Workspace: %s"), workspace_name);
    }
  g_string_append (line, "   ");
  if (reviewer != NULL && *reviewer != '\0')
    /* Translators: in the header of a printed matrix */
    g_string_append_printf (line, _("Reviewer: %s"), reviewer);
  else
    /* Translators: in the header of a printed matrix or report, when no
     * reviewer name is known (Preferences sets one) */
    g_string_append (line, _("Reviewer: not set"));
  frame->meta = g_string_free (line, FALSE);
  frame->legend = g_strdup (legend);
  /* Translators: in the footer of a printed matrix: the head of the history chain */
  frame->fingerprint = g_strdup_printf (_("Fingerprint: %s"), fingerprint != NULL ? fingerprint : "—");
}

void
attest_sheet_frame_clear (AttestSheetFrame *frame)
{
  g_clear_pointer (&frame->title, g_free);
  g_clear_pointer (&frame->meta, g_free);
  g_clear_pointer (&frame->legend, g_free);
  g_clear_pointer (&frame->fingerprint, g_free);
}

/* "Page X of Y". */
static char *
page_text (guint page_nr,
           guint n_pages)
{
  /* The page view's and the PDF view's words: plural by the page count. */
  return g_strdup_printf (ngettext ("Page %u of %u", "Page %u of %u", n_pages), page_nr + 1, n_pages);
}

/**
 * attest_sheet_frame_measure:
 *
 * Sets @frame's header_height (title, meta line and a gap) and
 * footer_height (a gap, the legend, the fingerprint and page line) for a
 * printable area @width points wide.
 */
void
attest_sheet_frame_measure (AttestSheetFrame *frame,
                            PangoContext     *context,
                            double            width)
{
  g_autofree char *page = page_text (0, 1);

  frame->header_height = attest_sheet_text_height (context, frame->title, ATTEST_SHEET_FONT_TITLE, width)
                         + attest_sheet_text_height (context, frame->meta, ATTEST_SHEET_FONT_META, width)
                         + ATTEST_SHEET_GAP;
  frame->footer_height = ATTEST_SHEET_GAP
                         + MAX (attest_sheet_text_height (context, frame->fingerprint, ATTEST_SHEET_FONT_PRINT, width * 0.75),
                                attest_sheet_text_height (context, page, ATTEST_SHEET_FONT_FOOT, width * 0.25));
  if (frame->legend != NULL)
    frame->footer_height += attest_sheet_text_height (context, frame->legend, ATTEST_SHEET_FONT_FOOT, width)
                            + ATTEST_SHEET_GAP / 2;
}

/**
 * attest_sheet_frame_draw:
 * @cr: drawn in points, (0, 0) the printable area's top left corner
 *
 * Draws the header at the top of the printable area and the footer at its
 * bottom; attest_sheet_frame_measure() must have run for @width.
 */
void
attest_sheet_frame_draw (AttestSheetFrame *frame,
                         PangoContext     *context,
                         cairo_t          *cr,
                         double            width,
                         double            height,
                         guint             page_nr,
                         guint             n_pages)
{
  g_autofree char *page = page_text (page_nr, n_pages);
  double y;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  attest_sheet_show (context, cr, frame->title, ATTEST_SHEET_FONT_TITLE, 0, 0, width, PANGO_ALIGN_LEFT);
  attest_sheet_show (context, cr, frame->meta, ATTEST_SHEET_FONT_META, 0,
                     attest_sheet_text_height (context, frame->title, ATTEST_SHEET_FONT_TITLE, width),
                     width, PANGO_ALIGN_LEFT);

  y = height - frame->footer_height + ATTEST_SHEET_GAP;
  if (frame->legend != NULL)
    {
      attest_sheet_show (context, cr, frame->legend, ATTEST_SHEET_FONT_FOOT, 0, y, width, PANGO_ALIGN_LEFT);
      y += attest_sheet_text_height (context, frame->legend, ATTEST_SHEET_FONT_FOOT, width) + ATTEST_SHEET_GAP / 2;
    }
  attest_sheet_show (context, cr, frame->fingerprint, ATTEST_SHEET_FONT_PRINT, 0, y, width * 0.75, PANGO_ALIGN_LEFT);
  attest_sheet_show (context, cr, page, ATTEST_SHEET_FONT_FOOT, width * 0.75, y, width * 0.25, PANGO_ALIGN_RIGHT);
  cairo_restore (cr);
}

/**
 * attest_sheet_export_pdf:
 * @sheets: the object @paginate and @draw are called on
 * @path: the PDF written; the caller writes beside its target and renames
 *
 * Paginates for the paper (a margin of ATTEST_SHEET_MARGIN) and draws every
 * sheet on a cairo PDF surface, which embeds the fonts.
 */
gboolean
attest_sheet_export_pdf (gpointer                 sheets,
                         AttestSheetPaginateFunc  paginate,
                         AttestSheetDrawFunc      draw,
                         const char              *path,
                         double                   paper_width,
                         double                   paper_height,
                         GError                 **error)
{
  return attest_sheet_export_pdf_full (sheets, paginate, draw, path, paper_width, paper_height,
                                       NULL, NULL, NULL, error);
}

/**
 * attest_sheet_export_pdf_full:
 * @progress: (nullable): called after each sheet, in the calling thread
 * @cancellable: (nullable): checked between sheets
 *
 * attest_sheet_export_pdf() for a worker thread: it says how far it is and
 * stops between two sheets when cancelled (G_IO_ERROR_CANCELLED; what was
 * written to @path is then incomplete, for the caller to remove).
 */
gboolean
attest_sheet_export_pdf_full (gpointer                 sheets,
                              AttestSheetPaginateFunc  paginate,
                              AttestSheetDrawFunc      draw,
                              const char              *path,
                              double                   paper_width,
                              double                   paper_height,
                              AttestSheetProgressFunc  progress,
                              gpointer                 progress_data,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_status_t status;
  gboolean cancelled = FALSE;
  guint n;

  surface = cairo_pdf_surface_create (path, paper_width, paper_height);
  cr = cairo_create (surface);
  context = attest_sheet_points_context (cr);
  n = paginate (sheets, context, paper_width - 2 * ATTEST_SHEET_MARGIN,
                paper_height - 2 * ATTEST_SHEET_MARGIN);
  for (guint i = 0; i < n && !cancelled; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, ATTEST_SHEET_MARGIN, ATTEST_SHEET_MARGIN);
      draw (sheets, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
      if (progress != NULL)
        progress (i + 1, n, progress_data);
      cancelled = g_cancellable_is_cancelled (cancellable);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s: a file; then cairo's reason */
                   _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
