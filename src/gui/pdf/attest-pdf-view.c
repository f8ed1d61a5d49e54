/* attest-pdf-view.c: a PDF's pages, one under the other, scrolled and zoomed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkScrollable, as Papers' PpsView: it lays every page out from the
 * sizes read when the document opened, and draws only what is in the
 * viewport. Drawing never waits for poppler: a page is drawn from the
 * renderer's cache at the current scale if it is there, else stretched
 * from another scale, else as a numbered placeholder; what is missing is
 * asked of the renderer, whose "rendered" signal redraws. The view's zoom
 * is in CSS pixels at 96 dpi (100 % is a page's printed size); the
 * renderer's scale adds the screen's scale factor.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "attest-annotated-copy.h"
#include "attest-pdf-view.h"

#define MARGIN 12.0 /* around the pages */
#define GAP 12.0    /* between two pages */
#define POINTS_TO_PX (96.0 / 72.0)
#define ZOOM_STEP 1.2
#define NEAR_PAGES 2
/* What one press of an arrow key scrolls, in pixels. */
#define SCROLL_STEP 48.0

typedef struct {
  cairo_surface_t *surface; /* a reference: the texture reads its pixels */
  GdkTexture *texture;
} Texture;

struct _AttestPdfView
{
  GtkWidget parent_instance;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;

  AttestPdfDocument *document;
  AttestPdfRenderer *renderer;
  gulong rendered_id;
  guint n_pages;

  AttestPdfZoomMode zoom_mode;
  double zoom;
  double gesture_zoom; /* the zoom when a pinch began */

  /* The layout at the current zoom, in CSS pixels: page i's top is
   * tops[i]; its size sizes[2i], sizes[2i + 1]. */
  double *tops;
  double *sizes;
  double doc_width;
  double doc_height;
  int laid_out_width;
  int laid_out_height;

  guint first_visible;
  guint last_visible;
  guint page;
  gint pending_page;  /* shown once the view has a size; -1 for none */
  double pending_y;

  GHashTable *textures; /* page → Texture */

  /* Find: per page, an array of AttestPdfRect (or NULL); the current one. */
  GArray **matches;
  gint current_page;
  AttestPdfRect current_area;

  GHashTable *links; /* page → GPtrArray of AttestPdfLink, read once */

  /* The selection, by glyph, word or line: from (x1, y1) on sel_page to
   * (x2, y2) on sel_end_page (either may come first), in points, so a
   * zoom keeps it; the pages between are wholly selected. */
  gint sel_page;   /* -1 for none */
  gint sel_end_page;
  AttestPdfSelectStyle sel_style;
  AttestPdfRect sel_area;
  GHashTable *sel_regions; /* page → cairo_region_t, in points × REGION_SCALE; read when drawn */
  guint sel_first_drawn;   /* the range sel_regions was read for */
  guint sel_last_drawn;
  /* A drag: where it began, on the view and on its page (-1: off the pages) */
  gint drag_page;
  double drag_x, drag_y;
  double drag_px, drag_py;
  gboolean dragged;

  /* Marks: the file's annotations (AttestAnnotation), the tool, the
   * rectangle being drawn, the mark flashing (attest-pdf-view.c, "Marks") */
  GPtrArray *annotations;
  AttestPdfTool tool;
  gint tool_page;            /* -1 while nothing is drawn */
  AttestPdfRect tool_area;
  gint64 flash_id;
  guint flash_ticks;
  guint flash_source;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PAGE,
  PROP_ZOOM,
  PROP_ZOOM_MODE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  URI_ACTIVATED,
  MARK_DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestPdfView, attest_pdf_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void
texture_free (gpointer data)
{
  Texture *t = data;

  g_clear_object (&t->texture);
  g_clear_pointer (&t->surface, cairo_surface_destroy);
  g_free (t);
}

static double
px_per_point (AttestPdfView *self)
{
  return self->zoom * POINTS_TO_PX;
}

static double
render_scale (AttestPdfView *self)
{
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  /* Rounded, so that the scale asked for and the scale looked up agree. */
  return round (px_per_point (self) * MAX (factor, 1) * 1000.0) / 1000.0;
}

static double
page_x (AttestPdfView *self,
        guint          page)
{
  double width = MAX (self->doc_width, (double) self->laid_out_width);

  return floor ((width - self->sizes[2 * page]) / 2.0);
}

/* The zoom the mode asks for at the view's size. */
static double
fit_zoom (AttestPdfView *self,
          int            width,
          int            height)
{
  double max_w, max_h, zoom;

  attest_pdf_document_get_max_page_size (self->document, &max_w, &max_h);
  if (max_w <= 0.0 || max_h <= 0.0 || width <= 0)
    return self->zoom;
  zoom = (width - 2 * MARGIN) / (max_w * POINTS_TO_PX);
  if (self->zoom_mode == ATTEST_PDF_ZOOM_FIT_PAGE && height > 0)
    zoom = MIN (zoom, (height - 2 * MARGIN) / (max_h * POINTS_TO_PX));
  return CLAMP (zoom, ATTEST_PDF_VIEW_MIN_ZOOM, ATTEST_PDF_VIEW_MAX_ZOOM);
}

static void
compute_layout (AttestPdfView *self)
{
  double y = MARGIN;
  double widest = 0.0;
  double ppp = px_per_point (self);

  for (guint i = 0; i < self->n_pages; i++)
    {
      double w = 0.0, h = 0.0;

      attest_pdf_document_get_page_size (self->document, i, &w, &h);
      self->sizes[2 * i] = MAX (1.0, round (w * ppp));
      self->sizes[2 * i + 1] = MAX (1.0, round (h * ppp));
      self->tops[i] = y;
      y += self->sizes[2 * i + 1] + GAP;
      widest = MAX (widest, self->sizes[2 * i]);
    }
  self->doc_width = widest + 2 * MARGIN;
  self->doc_height = self->n_pages > 0 ? y - GAP + MARGIN : 0.0;
}

/* The first page whose bottom is below @y. */
static guint
page_at_or_below (AttestPdfView *self,
                  double         y)
{
  guint lo = 0, hi = self->n_pages;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->tops[mid] + self->sizes[2 * mid + 1] <= y)
        lo = mid + 1;
      else
        hi = mid;
    }
  return MIN (lo, self->n_pages > 0 ? self->n_pages - 1 : 0);
}

static void
set_adjustment (GtkAdjustment *adjustment,
                double         value,
                double         upper,
                double         page_size)
{
  value = CLAMP (value, 0.0, MAX (0.0, upper - page_size));
  gtk_adjustment_configure (adjustment, value, 0.0, MAX (upper, page_size),
                            SCROLL_STEP, page_size * 0.9, page_size);
}

static void
update_accessible_name (AttestPdfView *self)
{
  g_autofree char *name = NULL;

  if (self->document == NULL || self->n_pages == 0)
    name = g_strdup (_("No document"));
  else
    {
      const char *label = attest_pdf_document_get_page_label (self->document, self->page);
      g_autofree char *number = g_strdup_printf ("%u", self->page + 1);

      if (label != NULL && g_strcmp0 (label, number) != 0)
        /* Translators: the page's own label ("iii"), its number, the page count */
        name = g_strdup_printf (_("Page %s (%u of %u)"), label, self->page + 1, self->n_pages);
      else
        name = g_strdup_printf (ngettext ("Page %u of %u", "Page %u of %u", self->n_pages), self->page + 1, self->n_pages);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
drop_far_textures (AttestPdfView *self)
{
  GHashTableIter iter;
  gpointer key;
  guint first = self->first_visible > NEAR_PAGES ? self->first_visible - NEAR_PAGES : 0;
  guint last = self->last_visible + NEAR_PAGES;

  g_hash_table_iter_init (&iter, self->textures);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);

      if (page < first || page > last)
        g_hash_table_iter_remove (&iter);
    }
}

/* What is visible now: the renderer told, the missing pages asked for,
 * the current page found. Never waits. */
static void
update_visible (AttestPdfView *self)
{
  double top, height, scale;
  guint first, last, current;

  if (self->renderer == NULL || self->n_pages == 0 || self->laid_out_height <= 0)
    return;

  top = gtk_adjustment_get_value (self->vadjustment);
  height = self->laid_out_height;
  first = page_at_or_below (self, top);
  last = page_at_or_below (self, top + height);
  while (last > first && self->tops[last] >= top + height)
    last--;
  self->first_visible = first;
  self->last_visible = last;

  attest_pdf_renderer_set_visible_range (self->renderer, first, last, NEAR_PAGES);
  scale = render_scale (self);
  for (guint i = first; i <= last; i++)
    attest_pdf_renderer_request (self->renderer, i, scale, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  for (guint i = 1; i <= NEAR_PAGES; i++)
    {
      if (last + i < self->n_pages)
        attest_pdf_renderer_request (self->renderer, last + i, scale, ATTEST_PDF_RENDER_PRIORITY_NEAR);
      if (first >= i)
        attest_pdf_renderer_request (self->renderer, first - i, scale, ATTEST_PDF_RENDER_PRIORITY_NEAR);
    }
  drop_far_textures (self);

  /* The current page: the one under the top quarter of the view, or the
   * last when scrolled to the end. */
  if (top + height >= self->doc_height - 1.0)
    current = last;
  else
    current = page_at_or_below (self, top + MIN (height / 4.0, MARGIN + 1.0 + height / 4.0));
  if (top <= 0.0)
    current = 0;
  if (current != self->page)
    {
      self->page = current;
      update_accessible_name (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static void
scroll_now (AttestPdfView *self,
            guint          page,
            double         y)
{
  double value;

  page = MIN (page, self->n_pages - 1);
  value = self->tops[page] - MARGIN;
  if (y > 0.0)
    value = self->tops[page] + y * px_per_point (self) - MARGIN;
  gtk_adjustment_set_value (self->vadjustment, value);
}

/* Lays the pages out again at the view's size, keeping the point at
 * (@anchor_x, @anchor_y) in the view where it was. */
static void
relayout (AttestPdfView *self,
          double         old_ppp,
          double         anchor_x,
          double         anchor_y)
{
  int width = self->laid_out_width;
  int height = self->laid_out_height;
  double doc_x = gtk_adjustment_get_value (self->hadjustment) + anchor_x;
  double doc_y = gtk_adjustment_get_value (self->vadjustment) + anchor_y;
  gboolean had_layout = self->doc_height > 0.0 && old_ppp > 0.0;
  guint anchor_page = 0;
  double in_page_x = 0.0, in_page_y = 0.0;

  if (self->document == NULL || self->n_pages == 0)
    {
      self->doc_width = self->doc_height = 0.0;
      set_adjustment (self->hadjustment, 0.0, width, width);
      set_adjustment (self->vadjustment, 0.0, height, height);
      return;
    }

  if (had_layout)
    {
      /* Where the anchor is, in points on its page. */
      anchor_page = page_at_or_below (self, doc_y);
      in_page_y = (doc_y - self->tops[anchor_page]) / old_ppp;
      in_page_x = (doc_x - page_x (self, anchor_page)) / old_ppp;
    }

  compute_layout (self);

  if (had_layout)
    {
      double ppp = px_per_point (self);
      double x, y;

      /* page_x() reads the laid-out width: the new layout's, already. */
      x = page_x (self, anchor_page) + in_page_x * ppp - anchor_x;
      y = self->tops[anchor_page] + in_page_y * ppp - anchor_y;
      set_adjustment (self->hadjustment, x, self->doc_width, width);
      set_adjustment (self->vadjustment, y, self->doc_height, height);
    }
  else
    {
      set_adjustment (self->hadjustment, 0.0, self->doc_width, width);
      set_adjustment (self->vadjustment, 0.0, self->doc_height, height);
    }
  if (self->pending_page >= 0 && width > 0 && height > 0)
    {
      scroll_now (self, (guint) self->pending_page, self->pending_y);
      self->pending_page = -1;
    }
  update_visible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_zoom (AttestPdfView *self,
            double         zoom,
            double         anchor_x,
            double         anchor_y)
{
  double old_ppp = px_per_point (self);

  zoom = CLAMP (zoom, ATTEST_PDF_VIEW_MIN_ZOOM, ATTEST_PDF_VIEW_MAX_ZOOM);
  zoom = round (zoom * 1000.0) / 1000.0;
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  if (self->document != NULL)
    relayout (self, old_ppp, anchor_x, anchor_y);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
adjustment_changed (GtkAdjustment *adjustment,
                    AttestPdfView *self)
{
  update_visible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_hadjustment (AttestPdfView *self,
                 GtkAdjustment *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (self->hadjustment == adjustment)
    return;
  if (self->hadjustment != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->hadjustment, self);
      g_object_unref (self->hadjustment);
    }
  self->hadjustment = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_vadjustment (AttestPdfView *self,
                 GtkAdjustment *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (self->vadjustment == adjustment)
    return;
  if (self->vadjustment != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vadjustment, self);
      g_object_unref (self->vadjustment);
    }
  self->vadjustment = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
attest_pdf_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (widget);
  double old_ppp = self->doc_height > 0.0 ? px_per_point (self) : 0.0;

  self->laid_out_width = width;
  self->laid_out_height = height;
  if (self->document != NULL && self->zoom_mode != ATTEST_PDF_ZOOM_FREE)
    {
      double zoom = round (fit_zoom (self, width, height) * 1000.0) / 1000.0;

      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
  relayout (self, old_ppp, 0.0, 0.0);
}

static void
attest_pdf_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 800;
}

/**
 * attest_pdf_texture_new_for_surface:
 * @surface: a rendered page (an ARGB32 image surface)
 *
 * Returns: (transfer full) (nullable): a texture reading the surface's
 *   pixels, holding a reference on it, without copying them
 */
GdkTexture *
attest_pdf_texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int w, h, stride;

  cairo_surface_flush (surface);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  if (w <= 0 || h <= 0)
    return NULL;
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * h,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* The texture for @surface, made once. */
static GdkTexture *
texture_for_surface (AttestPdfView   *self,
                     guint            page,
                     cairo_surface_t *surface)
{
  Texture *t = g_hash_table_lookup (self->textures, GUINT_TO_POINTER (page));
  GdkTexture *texture;

  if (t != NULL && t->surface == surface)
    return t->texture;
  texture = attest_pdf_texture_new_for_surface (surface);
  if (texture == NULL)
    return NULL;
  t = g_new0 (Texture, 1);
  t->surface = cairo_surface_reference (surface);
  t->texture = texture;
  g_hash_table_replace (self->textures, GUINT_TO_POINTER (page), t);
  return t->texture;
}

/* The texture to draw for @page: at the current scale if rendered,
 * else at another one, to stretch; NULL when none. */
static GdkTexture *
page_texture (AttestPdfView *self,
              guint          page,
              gboolean      *exact)
{
  cairo_surface_t *surface = attest_pdf_renderer_lookup (self->renderer, page, render_scale (self));

  *exact = surface != NULL;
  if (surface == NULL)
    {
      Texture *t = g_hash_table_lookup (self->textures, GUINT_TO_POINTER (page));

      /* The texture already made outlives the renderer's cache entry. */
      if (t != NULL)
        return t->texture;
      surface = attest_pdf_renderer_lookup_any (self->renderer, page, NULL);
    }
  if (surface == NULL)
    return NULL;
  return texture_for_surface (self, page, surface);
}

static void
draw_text_in_page (AttestPdfView         *self,
                   GtkSnapshot           *snapshot,
                   const graphene_rect_t *area,
                   const char            *text,
                   const GdkRGBA         *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w, h;

  pango_layout_set_width (layout, (int) MAX (1.0, area->size.width - 24.0) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (area->origin.x + 12.0,
                                                          area->origin.y + MAX (12.0, (area->size.height - h) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_match (AttestPdfView         *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *page_area,
              const AttestPdfRect   *rect,
              const GdkRGBA         *color)
{
  double ppp = px_per_point (self);

  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (page_area->origin.x + rect->x1 * ppp - 1,
                                                  page_area->origin.y + rect->y1 * ppp - 1,
                                                  (rect->x2 - rect->x1) * ppp + 2,
                                                  (rect->y2 - rect->y1) * ppp + 2));
}

static void
draw_matches (AttestPdfView         *self,
              GtkSnapshot           *snapshot,
              guint                  page,
              const graphene_rect_t *area)
{
  static const GdkRGBA match = { 1.0, 0.85, 0.0, 0.40 };
  static const GdkRGBA current = { 1.0, 0.45, 0.0, 0.55 };
  GArray *rects = self->matches != NULL ? self->matches[page] : NULL;

  if (rects != NULL)
    for (guint j = 0; j < rects->len; j++)
      append_match (self, snapshot, area, &g_array_index (rects, AttestPdfRect, j), &match);
  if (self->current_page == (gint) page)
    append_match (self, snapshot, area, &self->current_area, &current);
}

#define REGION_SCALE 10.0

static void draw_marks (AttestPdfView         *self,
                        GtkSnapshot           *snapshot,
                        guint                  page,
                        const graphene_rect_t *area);
static gboolean tool_drag_begin  (AttestPdfView *self,
                                  double         x,
                                  double         y);
static gboolean tool_drag_update (AttestPdfView *self,
                                  double         dx,
                                  double         dy);
static gboolean tool_click       (AttestPdfView *self,
                                  double         x,
                                  double         y);
static void     marks_clear      (AttestPdfView *self);

static gboolean point_on_page (AttestPdfView *self,
                               double         x,
                               double         y,
                               guint         *page,
                               double        *page_x_pt,
                               double        *page_y_pt);

/* The selection's first and last page, in reading order. */
static gboolean
selection_pages (AttestPdfView *self,
                 guint         *first,
                 guint         *last)
{
  if (self->sel_page < 0)
    return FALSE;
  *first = (guint) MIN (self->sel_page, self->sel_end_page);
  *last = (guint) MAX (self->sel_page, self->sel_end_page);
  return TRUE;
}

/* What the selection covers on @page, in points: on its first page from
 * where it starts to the page's end, on its last page from the page's
 * start to where it ends, the pages between whole. */
static gboolean
selection_area_on_page (AttestPdfView *self,
                        guint          page,
                        AttestPdfRect *area)
{
  guint first, last;
  double width = 0.0, height = 0.0;
  gboolean anchor_first;

  if (self->document == NULL || !selection_pages (self, &first, &last) || page < first || page > last)
    return FALSE;
  if (first == last)
    {
      *area = self->sel_area;
      return TRUE;
    }
  attest_pdf_document_get_page_size (self->document, page, &width, &height);
  anchor_first = (guint) self->sel_page == first;
  if (page == first)
    *area = anchor_first ? (AttestPdfRect) { self->sel_area.x1, self->sel_area.y1, width, height }
                         : (AttestPdfRect) { self->sel_area.x2, self->sel_area.y2, width, height };
  else if (page == last)
    *area = anchor_first ? (AttestPdfRect) { 0.0, 0.0, self->sel_area.x2, self->sel_area.y2 }
                         : (AttestPdfRect) { 0.0, 0.0, self->sel_area.x1, self->sel_area.y1 };
  else
    *area = (AttestPdfRect) { 0.0, 0.0, width, height };
  return TRUE;
}

/* The selection's region on @page (NULL when it has none), read from the
 * document the first time the page is drawn with it. */
static cairo_region_t *
selection_region (AttestPdfView *self,
                  guint          page)
{
  cairo_region_t *region;
  AttestPdfRect area;

  if (!selection_area_on_page (self, page, &area))
    return NULL;
  region = g_hash_table_lookup (self->sel_regions, GUINT_TO_POINTER (page));
  if (region == NULL)
    {
      region = attest_pdf_document_get_selected_region (self->document, page, REGION_SCALE,
                                                        self->sel_style, &area);
      if (region == NULL)
        region = cairo_region_create ();
      g_hash_table_insert (self->sel_regions, GUINT_TO_POINTER (page), region);
    }
  return region;
}

/* The selection moved: forget the regions it no longer has (its ends,
 * old and new, and the pages it left), keep the whole pages between. */
static void
selection_changed (AttestPdfView *self,
                   gboolean       anew)
{
  GHashTableIter iter;
  gpointer key;
  guint first = 0, last = 0;
  gboolean any = selection_pages (self, &first, &last);

  g_hash_table_iter_init (&iter, self->sel_regions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);

      if (anew || !any || page <= first || page >= last ||
          page == self->sel_first_drawn || page == self->sel_last_drawn)
        g_hash_table_iter_remove (&iter);
    }
  self->sel_first_drawn = first;
  self->sel_last_drawn = last;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_selection (AttestPdfView         *self,
                GtkSnapshot           *snapshot,
                guint                  page,
                const graphene_rect_t *area)
{
  static const GdkRGBA selected = { 0.21, 0.52, 0.89, 0.35 };
  double k = px_per_point (self) / REGION_SCALE;
  cairo_region_t *region = selection_region (self, page);
  int n;

  if (region == NULL)
    return;
  n = cairo_region_num_rectangles (region);
  for (int i = 0; i < n; i++)
    {
      cairo_rectangle_int_t r;

      cairo_region_get_rectangle (region, i, &r);
      gtk_snapshot_append_color (snapshot, &selected,
                                 &GRAPHENE_RECT_INIT (area->origin.x + r.x * k, area->origin.y + r.y * k,
                                                      r.width * k, r.height * k));
    }
}

static void
attest_pdf_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (widget);
  static const GdkRGBA paper = { 1.0, 1.0, 1.0, 1.0 };
  static const GdkRGBA desk = { 0.85, 0.85, 0.85, 1.0 };
  static const GdkRGBA desk_dark = { 0.16, 0.16, 0.16, 1.0 };
  static const GdkRGBA edge = { 0.0, 0.0, 0.0, 0.25 };
  static const GdkRGBA ink = { 0.33, 0.33, 0.33, 1.0 };
  static const GdkRGBA error_ink = { 0.75, 0.11, 0.16, 1.0 };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double hx, vy;

  /* The desk the pages lie on, as in Papers: darker than the paper. */
  gtk_snapshot_append_color (snapshot,
                             adw_style_manager_get_dark (adw_style_manager_get_default ()) ? &desk_dark : &desk,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->renderer == NULL || self->n_pages == 0 || self->doc_height <= 0.0)
    return;

  hx = gtk_adjustment_get_value (self->hadjustment);
  vy = gtk_adjustment_get_value (self->vadjustment);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = page_at_or_below (self, vy); i < self->n_pages && self->tops[i] < vy + height; i++)
    {
      graphene_rect_t area;
      GdkTexture *texture;
      gboolean exact = FALSE;
      const GError *error;

      graphene_rect_init (&area, page_x (self, i) - hx, self->tops[i] - vy,
                          self->sizes[2 * i], self->sizes[2 * i + 1]);
      gtk_snapshot_append_color (snapshot, &edge,
                                 &GRAPHENE_RECT_INIT (area.origin.x - 1, area.origin.y - 1,
                                                      area.size.width + 2, area.size.height + 2));
      gtk_snapshot_append_color (snapshot, &paper, &area);

      error = attest_pdf_renderer_get_error (self->renderer, i);
      texture = page_texture (self, i, &exact);
      if (texture != NULL)
        gtk_snapshot_append_texture (snapshot, texture, &area);
      else if (error != NULL)
        {
          g_autofree char *text = NULL;

          /* Translators: shown in place of a page: its number and the reason */
          text = g_strdup_printf (_("Page %u cannot be shown: %s"), i + 1, error->message);
          draw_text_in_page (self, snapshot, &area, text, &error_ink);
        }
      else
        {
          const char *label = attest_pdf_document_get_page_label (self->document, i);
          /* (no texture: the placeholder; matches wait for the page) */
          g_autofree char *number = g_strdup_printf ("%u", i + 1);

          draw_text_in_page (self, snapshot, &area, label != NULL ? label : number, &ink);
        }
      if (texture != NULL)
        {
          draw_marks (self, snapshot, i, &area);
          draw_matches (self, snapshot, i, &area);
          draw_selection (self, snapshot, i, &area);
        }
    }
  gtk_snapshot_pop (snapshot);
}

static void
renderer_rendered (AttestPdfRenderer *renderer,
                   guint              page,
                   double             scale,
                   gpointer           surface,
                   const GError      *error,
                   AttestPdfView     *self)
{
  if (page + NEAR_PAGES >= self->first_visible && page <= self->last_visible + NEAR_PAGES)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
attest_pdf_view_clear_matches (AttestPdfView *self)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  if (self->matches != NULL)
    {
      for (guint i = 0; i < self->n_pages; i++)
        g_clear_pointer (&self->matches[i], g_array_unref);
      g_clear_pointer (&self->matches, g_free);
    }
  self->current_page = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * attest_pdf_view_set_page_matches:
 * @areas: (nullable): AttestPdfRect, in points, to highlight on @page
 */
void
attest_pdf_view_set_page_matches (AttestPdfView *self,
                                  guint          page,
                                  GArray        *areas)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  if (page >= self->n_pages)
    return;
  if (self->matches == NULL)
    self->matches = g_new0 (GArray *, self->n_pages);
  g_clear_pointer (&self->matches[page], g_array_unref);
  if (areas != NULL && areas->len > 0)
    self->matches[page] = g_array_ref (areas);
  if (page >= self->first_visible && page <= self->last_visible)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
attest_pdf_view_get_n_highlighted (AttestPdfView *self,
                                   guint          page)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), 0);

  if (self->matches == NULL || page >= self->n_pages || self->matches[page] == NULL)
    return 0;
  return self->matches[page]->len;
}

/**
 * attest_pdf_view_set_current_match:
 * @page: the match's page, or -1 for none
 * @area: (nullable): where it is, in points
 *
 * Shows the match, scrolling it into the view if it is not there.
 */
void
attest_pdf_view_set_current_match (AttestPdfView       *self,
                                   gint                 page,
                                   const AttestPdfRect *area)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  self->current_page = page >= 0 && (guint) page < self->n_pages && area != NULL ? page : -1;
  if (self->current_page >= 0)
    {
      double ppp = px_per_point (self);
      double top = gtk_adjustment_get_value (self->vadjustment);
      double height = gtk_adjustment_get_page_size (self->vadjustment);
      double y1, y2;

      self->current_area = *area;
      if (self->doc_height > 0.0)
        {
          y1 = self->tops[page] + area->y1 * ppp;
          y2 = self->tops[page] + area->y2 * ppp;
          if (y1 < top || y2 > top + height)
            gtk_adjustment_set_value (self->vadjustment, y1 - height / 3.0);
        }
      else
        attest_pdf_view_scroll_to (self, page, MAX (0.0, area->y1 - 72.0));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
attest_pdf_view_clear_selection (AttestPdfView *self)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  self->sel_page = self->sel_end_page = -1;
  selection_changed (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf-view.copy", FALSE);
}

/**
 * attest_pdf_view_select:
 * @area: from the point the drag began (x1, y1) to where it is (x2, y2),
 *   in points on @page
 */
void
attest_pdf_view_select (AttestPdfView        *self,
                        guint                 page,
                        AttestPdfSelectStyle  style,
                        const AttestPdfRect  *area)
{
  cairo_region_t *region;

  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));
  g_return_if_fail (area != NULL);

  if (self->document == NULL || page >= self->n_pages)
    {
      attest_pdf_view_clear_selection (self);
      return;
    }
  self->sel_page = self->sel_end_page = (gint) page;
  self->sel_style = style;
  self->sel_area = *area;
  selection_changed (self, TRUE);
  region = selection_region (self, page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf-view.copy",
                                 region != NULL && !cairo_region_is_empty (region));
}

/**
 * attest_pdf_view_select_across:
 * @start_page: the page the selection starts on (where a drag began)
 * @start_x: (x, y) there, in points
 * @end_page: the page it ends on (where the drag is), before or after @start_page
 * @end_x: (x, y) there, in points
 *
 * Selects the text, by glyph, from the start to the end in reading
 * order: the rest of the first page, the pages between, and the last
 * page up to its point.
 */
void
attest_pdf_view_select_across (AttestPdfView *self,
                               guint          start_page,
                               double         start_x,
                               double         start_y,
                               guint          end_page,
                               double         end_x,
                               double         end_y)
{
  AttestPdfRect area = { start_x, start_y, end_x, end_y };
  gboolean anew;

  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  if (start_page == end_page)
    {
      attest_pdf_view_select (self, start_page, ATTEST_PDF_SELECT_GLYPH, &area);
      return;
    }
  if (self->document == NULL || start_page >= self->n_pages || end_page >= self->n_pages)
    {
      attest_pdf_view_clear_selection (self);
      return;
    }
  /* The same start: the pages wholly selected are still so. */
  anew = self->sel_page != (gint) start_page || self->sel_style != ATTEST_PDF_SELECT_GLYPH ||
         self->sel_area.x1 != start_x || self->sel_area.y1 != start_y;
  self->sel_page = (gint) start_page;
  self->sel_end_page = (gint) end_page;
  self->sel_style = ATTEST_PDF_SELECT_GLYPH;
  self->sel_area = area;
  selection_changed (self, anew);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf-view.copy", TRUE);
}

/**
 * attest_pdf_view_page_has_selection:
 *
 * Returns: whether some of @page is selected (and drawn so)
 */
gboolean
attest_pdf_view_page_has_selection (AttestPdfView *self,
                                    guint          page)
{
  cairo_region_t *region;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), FALSE);

  region = selection_region (self, page);
  return region != NULL && !cairo_region_is_empty (region);
}

/**
 * attest_pdf_view_get_selected_text:
 *
 * Returns: (transfer full) (nullable): the selected text, in reading
 *   order, a page's text on a line after the page before's
 */
char *
attest_pdf_view_get_selected_text (AttestPdfView *self)
{
  g_autoptr(GString) text = NULL;
  guint first, last;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), NULL);

  if (self->document == NULL || !selection_pages (self, &first, &last))
    return NULL;
  text = g_string_new (NULL);
  for (guint page = first; page <= last; page++)
    {
      g_autofree char *piece = NULL;
      AttestPdfRect area;
      gsize len;

      if (!selection_area_on_page (self, page, &area))
        continue;
      piece = attest_pdf_document_get_selected_text (self->document, page, self->sel_style, &area);
      if (piece == NULL)
        continue;
      len = strlen (piece);
      if (page < last)
        while (len > 0 && (piece[len - 1] == '\n' || piece[len - 1] == '\r'))
          len--;
      if (len == 0)
        continue;
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
      g_string_append_len (text, piece, len);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autofree char *text = attest_pdf_view_get_selected_text (ATTEST_PDF_VIEW (widget));

  if (text != NULL && *text != '\0')
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  else
    gtk_widget_error_bell (widget);
}

/* The page nearest (@x, @y) in the view, and the point on it in points,
 * held within the page: a drag between pages or beyond them still ends
 * somewhere. */
static gboolean
point_near_page (AttestPdfView *self,
                 double         x,
                 double         y,
                 guint         *page,
                 double        *page_x_pt,
                 double        *page_y_pt)
{
  double doc_x, doc_y, ppp = px_per_point (self);
  guint i;

  if (self->n_pages == 0 || self->doc_height <= 0.0)
    return FALSE;
  doc_x = x + gtk_adjustment_get_value (self->hadjustment);
  doc_y = y + gtk_adjustment_get_value (self->vadjustment);
  i = page_at_or_below (self, doc_y);
  *page = i;
  *page_x_pt = CLAMP (doc_x - page_x (self, i), 0.0, self->sizes[2 * i]) / ppp;
  *page_y_pt = CLAMP (doc_y - self->tops[i], 0.0, self->sizes[2 * i + 1]) / ppp;
  return TRUE;
}

static void
drag_begun (GtkGestureDrag *gesture,
            double          x,
            double          y,
            AttestPdfView  *self)
{
  guint page;

  self->dragged = FALSE;
  self->drag_page = -1;
  if (tool_drag_begin (self, x, y))
    return;
  if (!point_on_page (self, x, y, &page, &self->drag_px, &self->drag_py))
    {
      attest_pdf_view_clear_selection (self);
      return;
    }
  self->drag_page = (gint) page;
  self->drag_x = x;
  self->drag_y = y;
}

static void
drag_updated (GtkGestureDrag *gesture,
              double          dx,
              double          dy,
              AttestPdfView  *self)
{
  guint page;
  double px, py;

  if (tool_drag_update (self, dx, dy))
    return;
  if (self->drag_page < 0 || (fabs (dx) < 3 && fabs (dy) < 3 && !self->dragged))
    return;
  self->dragged = TRUE;
  if (point_near_page (self, self->drag_x + dx, self->drag_y + dy, &page, &px, &py))
    attest_pdf_view_select_across (self, (guint) self->drag_page, self->drag_px, self->drag_py,
                                   page, px, py);
}

static void
clear_document (AttestPdfView *self)
{
  marks_clear (self);
  attest_pdf_view_clear_selection (self);
  attest_pdf_view_clear_matches (self);
  g_hash_table_remove_all (self->textures);
  g_hash_table_remove_all (self->links);
  if (self->renderer != NULL)
    {
      g_clear_signal_handler (&self->rendered_id, self->renderer);
      attest_pdf_renderer_shutdown (self->renderer);
      g_clear_object (&self->renderer);
    }
  g_clear_object (&self->document);
  g_clear_pointer (&self->tops, g_free);
  g_clear_pointer (&self->sizes, g_free);
  self->n_pages = 0;
  self->doc_width = self->doc_height = 0.0;
  self->page = 0;
  self->first_visible = self->last_visible = 0;
}

void
attest_pdf_view_set_document (AttestPdfView     *self,
                              AttestPdfDocument *document)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));
  g_return_if_fail (document == NULL || ATTEST_IS_PDF_DOCUMENT (document));

  if (document == self->document)
    return;
  clear_document (self);
  self->pending_page = -1;
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->n_pages = attest_pdf_document_get_n_pages (document);
      self->tops = g_new0 (double, MAX (self->n_pages, 1));
      self->sizes = g_new0 (double, 2 * MAX (self->n_pages, 1));
      self->renderer = attest_pdf_renderer_new (document, ATTEST_PDF_RENDERER_DEFAULT_BUDGET);
      self->rendered_id = g_signal_connect (self->renderer, "rendered",
                                            G_CALLBACK (renderer_rendered), self);
      if (self->zoom_mode != ATTEST_PDF_ZOOM_FREE && self->laid_out_width > 0)
        self->zoom = round (fit_zoom (self, self->laid_out_width, self->laid_out_height) * 1000.0) / 1000.0;
    }
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0.0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0.0);
  update_accessible_name (self);
  if (self->hadjustment != NULL && self->vadjustment != NULL)
    relayout (self, 0.0, 0.0, 0.0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

AttestPdfDocument *
attest_pdf_view_get_document (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), NULL);
  return self->document;
}

AttestPdfRenderer *
attest_pdf_view_get_renderer (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), NULL);
  return self->renderer;
}

guint
attest_pdf_view_get_page (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), 0);
  if (self->pending_page >= 0)
    return (guint) self->pending_page;
  return self->page;
}

/**
 * attest_pdf_view_scroll_to:
 * @y: points from the page's top, or a negative value for the page's top
 *
 * Scrolls @page (and @y on it) to the view's top; before the view has a
 * size, as soon as it has one.
 */
void
attest_pdf_view_scroll_to (AttestPdfView *self,
                           guint          page,
                           double         y)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  if (self->n_pages == 0)
    return;
  page = MIN (page, self->n_pages - 1);
  if (self->doc_height <= 0.0 || self->laid_out_height <= 0)
    {
      self->pending_page = (gint) page;
      self->pending_y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
      return;
    }
  scroll_now (self, page, y);
  /* A page near the end cannot come to the top: it is current anyway. */
  if (self->page != page && page >= self->first_visible && page <= self->last_visible)
    {
      self->page = page;
      update_accessible_name (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

void
attest_pdf_view_set_page (AttestPdfView *self,
                          guint          page)
{
  attest_pdf_view_scroll_to (self, page, -1.0);
}

double
attest_pdf_view_get_zoom (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), 1.0);
  return self->zoom;
}

void
attest_pdf_view_set_zoom (AttestPdfView *self,
                          double         zoom)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  attest_pdf_view_set_zoom_mode (self, ATTEST_PDF_ZOOM_FREE);
  apply_zoom (self, zoom, 0.0, 0.0);
}

AttestPdfZoomMode
attest_pdf_view_get_zoom_mode (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), ATTEST_PDF_ZOOM_FIT_WIDTH);
  return self->zoom_mode;
}

void
attest_pdf_view_set_zoom_mode (AttestPdfView     *self,
                               AttestPdfZoomMode  mode)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));
  g_return_if_fail (mode <= ATTEST_PDF_ZOOM_FREE);

  if (mode == self->zoom_mode)
    return;
  self->zoom_mode = mode;
  if (mode != ATTEST_PDF_ZOOM_FREE && self->document != NULL && self->laid_out_width > 0)
    apply_zoom (self, fit_zoom (self, self->laid_out_width, self->laid_out_height), 0.0, 0.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_MODE]);
}

void
attest_pdf_view_zoom_in (AttestPdfView *self)
{
  attest_pdf_view_set_zoom (self, attest_pdf_view_get_zoom (self) * ZOOM_STEP);
}

void
attest_pdf_view_zoom_out (AttestPdfView *self)
{
  attest_pdf_view_set_zoom (self, attest_pdf_view_get_zoom (self) / ZOOM_STEP);
}

/**
 * attest_pdf_view_get_page_area:
 * @area: (out): where @page is, in the view's coordinates
 *
 * Returns: whether @page is laid out
 */
gboolean
attest_pdf_view_get_page_area (AttestPdfView   *self,
                               guint            page,
                               graphene_rect_t *area)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), FALSE);

  if (page >= self->n_pages || self->doc_height <= 0.0)
    return FALSE;
  graphene_rect_init (area,
                      page_x (self, page) - gtk_adjustment_get_value (self->hadjustment),
                      self->tops[page] - gtk_adjustment_get_value (self->vadjustment),
                      self->sizes[2 * page], self->sizes[2 * page + 1]);
  return TRUE;
}

/**
 * attest_pdf_view_is_page_drawn:
 *
 * Returns: whether @page is rendered at the current zoom (it is drawn
 *   sharp the next time it is visible)
 */
gboolean
attest_pdf_view_is_page_drawn (AttestPdfView *self,
                               guint          page)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), FALSE);

  return self->renderer != NULL
    && attest_pdf_renderer_lookup (self->renderer, page, render_scale (self)) != NULL;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (widget);

  if (g_str_equal (action_name, "pdf-view.zoom-in"))
    attest_pdf_view_zoom_in (self);
  else if (g_str_equal (action_name, "pdf-view.zoom-out"))
    attest_pdf_view_zoom_out (self);
  else if (g_str_equal (action_name, "pdf-view.zoom-reset"))
    attest_pdf_view_set_zoom (self, 1.0);
  else if (g_str_equal (action_name, "pdf-view.fit-width"))
    attest_pdf_view_set_zoom_mode (self, ATTEST_PDF_ZOOM_FIT_WIDTH);
  else if (g_str_equal (action_name, "pdf-view.fit-page"))
    attest_pdf_view_set_zoom_mode (self, ATTEST_PDF_ZOOM_FIT_PAGE);
}

/* "pdf-view.scroll" with the pixels to scroll (±1 and ±2 for a screen,
 * ±3 for the document's ends, in units other than pixels). */
static void
scroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (widget);
  int step = g_variant_get_int32 (parameter);
  double value = gtk_adjustment_get_value (self->vadjustment);
  double page = gtk_adjustment_get_page_increment (self->vadjustment);

  switch (step)
    {
    case -1: value -= SCROLL_STEP; break;
    case 1: value += SCROLL_STEP; break;
    case -2: value -= page; break;
    case 2: value += page; break;
    case -3: value = 0.0; break;
    case 3: value = gtk_adjustment_get_upper (self->vadjustment); break;
    default: break;
    }
  gtk_adjustment_set_value (self->vadjustment, value);
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          AttestPdfView            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = 0.0, y = 0.0;
  GdkEvent *event;

  if ((state & GDK_CONTROL_MASK) == 0 || self->document == NULL || dy == 0.0)
    return FALSE;
  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  if (event != NULL)
    {
      double ex, ey;

      if (gdk_event_get_position (event, &ex, &ey))
        {
          graphene_point_t point;
          GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
          double nx = 0.0, ny = 0.0;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &point))
            {
              x = point.x;
              y = point.y;
            }
        }
    }
  self->zoom_mode = ATTEST_PDF_ZOOM_FREE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_MODE]);
  apply_zoom (self, self->zoom * pow (ZOOM_STEP, -CLAMP (dy, -5.0, 5.0)), x, y);
  return TRUE;
}

static void
pinch_begin (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             AttestPdfView    *self)
{
  self->gesture_zoom = self->zoom;
}

static void
pinch_changed (GtkGestureZoom *gesture,
               double          scale,
               AttestPdfView  *self)
{
  double x = 0.0, y = 0.0;

  if (self->document == NULL)
    return;
  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  if (self->zoom_mode != ATTEST_PDF_ZOOM_FREE)
    {
      self->zoom_mode = ATTEST_PDF_ZOOM_FREE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_MODE]);
    }
  apply_zoom (self, self->gesture_zoom * scale, x, y);
}

/* The page under (@x, @y) in the view, and the point on it in points. */
static gboolean
point_on_page (AttestPdfView *self,
               double         x,
               double         y,
               guint         *page,
               double        *page_x_pt,
               double        *page_y_pt)
{
  double doc_x, doc_y, ppp = px_per_point (self);
  guint i;

  if (self->n_pages == 0 || self->doc_height <= 0.0)
    return FALSE;
  doc_x = x + gtk_adjustment_get_value (self->hadjustment);
  doc_y = y + gtk_adjustment_get_value (self->vadjustment);
  i = page_at_or_below (self, doc_y);
  if (doc_y < self->tops[i] || doc_x < page_x (self, i) || doc_x > page_x (self, i) + self->sizes[2 * i])
    return FALSE;
  *page = i;
  *page_x_pt = (doc_x - page_x (self, i)) / ppp;
  *page_y_pt = (doc_y - self->tops[i]) / ppp;
  return TRUE;
}

static AttestPdfLink *
link_at (AttestPdfView *self,
         guint          page,
         double         x,
         double         y)
{
  GPtrArray *links;

  if (self->document == NULL || page >= self->n_pages)
    return NULL;
  links = g_hash_table_lookup (self->links, GUINT_TO_POINTER (page));
  if (links == NULL)
    {
      links = attest_pdf_document_get_links (self->document, page);
      if (links == NULL)
        links = g_ptr_array_new ();
      g_hash_table_insert (self->links, GUINT_TO_POINTER (page), links);
    }
  for (guint i = 0; i < links->len; i++)
    {
      AttestPdfLink *link = links->pdata[i];

      if (x >= link->area.x1 && x <= link->area.x2 && y >= link->area.y1 && y <= link->area.y2)
        return link;
    }
  return NULL;
}

/**
 * attest_pdf_view_activate_link_at:
 * @x: (in points on @page)
 *
 * Follows the link at that point: a page of this file at once; a link out
 * of it by "uri-activated", for the caller to show and confirm.
 *
 * Returns: whether there is a link there
 */
gboolean
attest_pdf_view_activate_link_at (AttestPdfView *self,
                                  guint          page,
                                  double         x,
                                  double         y)
{
  AttestPdfLink *link;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), FALSE);

  link = link_at (self, page, x, y);
  if (link == NULL)
    return FALSE;
  if (link->kind == ATTEST_PDF_LINK_PAGE && link->page >= 0)
    attest_pdf_view_scroll_to (self, (guint) link->page, link->y);
  else if (link->kind == ATTEST_PDF_LINK_URI && link->uri != NULL)
    g_signal_emit (self, signals[URI_ACTIVATED], 0, link->uri);
  return TRUE;
}

static void
pointer_moved (GtkEventControllerMotion *motion,
               double                    x,
               double                    y,
               AttestPdfView            *self)
{
  guint page;
  double px, py;
  AttestPdfLink *link = NULL;

  if (point_on_page (self, x, y, &page, &px, &py))
    link = link_at (self, page, px, py);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), link != NULL ? "pointer" : NULL);
  /* A link out of the file says where it goes before it is followed. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               link != NULL && link->kind == ATTEST_PDF_LINK_URI ? link->uri : NULL);
}

static void
clicked (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         AttestPdfView   *self)
{
  guint page;
  double px, py;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (tool_click (self, x, y))
    return;
  if (self->dragged || !point_on_page (self, x, y, &page, &px, &py))
    return;
  if (n_press == 1 && attest_pdf_view_activate_link_at (self, page, px, py))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else if (n_press == 1)
    attest_pdf_view_clear_selection (self);
  else
    attest_pdf_view_select (self, page, n_press == 2 ? ATTEST_PDF_SELECT_WORD : ATTEST_PDF_SELECT_LINE,
                            &(AttestPdfRect) { px, py, px, py });
}

static void
attest_pdf_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_PAGE: g_value_set_uint (value, attest_pdf_view_get_page (self)); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_ZOOM_MODE: g_value_set_uint (value, self->zoom_mode); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_pdf_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: attest_pdf_view_set_document (self, g_value_get_object (value)); break;
    case PROP_PAGE: attest_pdf_view_set_page (self, g_value_get_uint (value)); break;
    case PROP_ZOOM: attest_pdf_view_set_zoom (self, g_value_get_double (value)); break;
    case PROP_ZOOM_MODE: attest_pdf_view_set_zoom_mode (self, g_value_get_uint (value)); break;
    case PROP_HADJUSTMENT: set_hadjustment (self, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_vadjustment (self, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_pdf_view_dispose (GObject *object)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (object);

  clear_document (self);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  G_OBJECT_CLASS (attest_pdf_view_parent_class)->dispose (object);
}

static void mark_here_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter);
static void tool_drag_end    (GtkGestureDrag *gesture,
                              double          dx,
                              double          dy,
                              AttestPdfView  *self);

static void
attest_pdf_view_finalize (GObject *object)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (object);

  g_hash_table_unref (self->textures);
  g_hash_table_unref (self->links);
  g_hash_table_unref (self->sel_regions);
  G_OBJECT_CLASS (attest_pdf_view_parent_class)->finalize (object);
}

static void
add_zoom_binding (GtkWidgetClass *widget_class,
                  guint           key,
                  const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, GDK_CONTROL_MASK, action, NULL);
}

static void
attest_pdf_view_class_init (AttestPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; int step; } scroll_keys[] = {
    { GDK_KEY_Up, -1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_KP_Up, -1 }, { GDK_KEY_KP_Down, 1 },
    { GDK_KEY_Page_Up, -2 }, { GDK_KEY_Page_Down, 2 }, { GDK_KEY_space, 2 },
    { GDK_KEY_Home, -3 }, { GDK_KEY_End, 3 },
  };

  object_class->get_property = attest_pdf_view_get_property;
  object_class->set_property = attest_pdf_view_set_property;
  object_class->dispose = attest_pdf_view_dispose;
  object_class->finalize = attest_pdf_view_finalize;
  widget_class->measure = attest_pdf_view_measure;
  widget_class->size_allocate = attest_pdf_view_size_allocate;
  widget_class->snapshot = attest_pdf_view_snapshot;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ATTEST_TYPE_PDF_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ATTEST_PDF_VIEW_MIN_ZOOM, ATTEST_PDF_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM_MODE] =
    g_param_spec_uint ("zoom-mode", NULL, NULL, 0, ATTEST_PDF_ZOOM_FREE, ATTEST_PDF_ZOOM_FIT_WIDTH,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /**
   * AttestPdfView::uri-activated:
   * @uri: where a link out of the file goes
   *
   * A link to a URI was clicked: show it, and open it only if asked to.
   */
  signals[URI_ACTIVATED] =
    g_signal_new ("uri-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AttestPdfView::mark-drawn:
   * @page: the page, from 0
   * @x1: (the rectangle drawn, in points from the page's top left; a note's
   *   point is x1 = x2, y1 = y2)
   *
   * A rectangle was drawn, or a note's point chosen, with the tool.
   */
  signals[MARK_DRAWN] =
    g_signal_new ("mark-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5, G_TYPE_UINT,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "pdf-view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf-view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf-view.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf-view.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf-view.fit-page", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf-view.scroll", "i", scroll_action);
  gtk_widget_class_install_action (widget_class, "pdf-view.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "pdf-view.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK, "pdf-view.copy", NULL);
  add_zoom_binding (widget_class, GDK_KEY_plus, "pdf-view.zoom-in");
  add_zoom_binding (widget_class, GDK_KEY_equal, "pdf-view.zoom-in");
  add_zoom_binding (widget_class, GDK_KEY_KP_Add, "pdf-view.zoom-in");
  add_zoom_binding (widget_class, GDK_KEY_minus, "pdf-view.zoom-out");
  add_zoom_binding (widget_class, GDK_KEY_KP_Subtract, "pdf-view.zoom-out");
  add_zoom_binding (widget_class, GDK_KEY_0, "pdf-view.zoom-reset");
  add_zoom_binding (widget_class, GDK_KEY_KP_0, "pdf-view.zoom-reset");
  for (guint i = 0; i < G_N_ELEMENTS (scroll_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, scroll_keys[i].key, 0,
                                         "pdf-view.scroll", "i", scroll_keys[i].step);
  gtk_widget_class_install_action (widget_class, "pdf-view.mark-here", NULL, mark_here_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "pdf-view.mark-here", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "pdf-view.mark-here", NULL);

  gtk_widget_class_set_css_name (widget_class, "attest-pdf-view");
  /* GTK 4.8 has no document role a screen reader reads ("document" is
   * unused): a group, named after the page shown. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attest_pdf_view_init (AttestPdfView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *click;
  GtkGesture *drag;
  GtkGesture *pinch;

  self->zoom = 1.0;
  self->zoom_mode = ATTEST_PDF_ZOOM_FIT_WIDTH;
  self->pending_page = -1;
  self->current_page = -1;
  self->sel_page = self->sel_end_page = -1;
  self->drag_page = -1;
  self->tool_page = -1;
  self->sel_regions = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_region_destroy);
  self->textures = g_hash_table_new_full (NULL, NULL, NULL, texture_free);
  self->links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  set_hadjustment (self, NULL);
  set_vadjustment (self, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begun), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_updated), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (tool_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  update_accessible_name (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf-view.copy", FALSE);
}

GtkWidget *
attest_pdf_view_new (void)
{
  return g_object_new (ATTEST_TYPE_PDF_VIEW, NULL);
}

/* Marks: the file's annotations drawn over its pages, in points (so they
 * follow the zoom), the tools that make new ones, and the mark flashed
 * when the analyst comes to it from a list. */

#define FLASH_TICKS 8
#define FLASH_INTERVAL_MS 180

static void
marks_clear (AttestPdfView *self)
{
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  self->flash_id = 0;
  self->tool_page = -1;
}

static gboolean
mark_color (const AttestAnnotation *a,
            GdkRGBA                *rgba)
{
  if (a->color == NULL || !gdk_rgba_parse (rgba, a->color))
    return gdk_rgba_parse (rgba, ATTEST_ANNOTATION_DEFAULT_COLOR);
  return TRUE;
}

/* The smallest rectangle around @a's rects, in points; a note's icon. */
static gboolean
mark_bounds (const AttestAnnotation *a,
             AttestPdfRect          *bounds)
{
  if (a->rects == NULL || a->rects->len == 0)
    return FALSE;
  *bounds = *(AttestPdfRect *) &g_array_index (a->rects, AttestRect, 0);
  for (guint i = 1; i < a->rects->len; i++)
    {
      const AttestRect *r = &g_array_index (a->rects, AttestRect, i);

      bounds->x1 = MIN (bounds->x1, r->x1);
      bounds->y1 = MIN (bounds->y1, r->y1);
      bounds->x2 = MAX (bounds->x2, r->x2);
      bounds->y2 = MAX (bounds->y2, r->y2);
    }
  if (a->kind == ATTEST_ANNOTATION_NOTE)
    {
      bounds->x2 = bounds->x1 + ATTEST_ANNOTATED_NOTE_SIZE;
      bounds->y2 = bounds->y1 + ATTEST_ANNOTATED_NOTE_SIZE;
    }
  return TRUE;
}

static void
outline_rect (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              float                  width,
              const GdkRGBA         *color)
{
  GskRoundedRect outline;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_note (GtkSnapshot           *snapshot,
           const graphene_rect_t *icon,
           const GdkRGBA         *color)
{
  static const GdkRGBA ink = { 0.0, 0.0, 0.0, 0.65 };
  GskRoundedRect shape;
  float s = icon->size.width;

  gsk_rounded_rect_init_from_rect (&shape, icon, s / 6.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  gtk_snapshot_append_color (snapshot, color, icon);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &shape, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { ink, ink, ink, ink });
  /* Three lines of "text": a note, not a coloured square alone. */
  for (int i = 1; i <= 3; i++)
    gtk_snapshot_append_color (snapshot, &ink,
                               &GRAPHENE_RECT_INIT (icon->origin.x + s * 0.22f,
                                                    icon->origin.y + s * (0.22f * i + 0.02f),
                                                    s * (i == 3 ? 0.36f : 0.56f), MAX (1.0f, s * 0.07f)));
}

static graphene_rect_t
to_view (AttestPdfView         *self,
         const graphene_rect_t *page_area,
         const AttestPdfRect   *r)
{
  double ppp = px_per_point (self);

  return GRAPHENE_RECT_INIT (page_area->origin.x + r->x1 * ppp, page_area->origin.y + r->y1 * ppp,
                             (r->x2 - r->x1) * ppp, (r->y2 - r->y1) * ppp);
}

static void
draw_marks (AttestPdfView         *self,
            GtkSnapshot           *snapshot,
            guint                  page,
            const graphene_rect_t *area)
{
  static const GdkRGBA drawing = { 0.21, 0.52, 0.89, 0.9 };
  static const GdkRGBA flash = { 0.88, 0.11, 0.14, 1.0 };

  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      const AttestAnnotation *a = self->annotations->pdata[i];
      AttestPdfRect bounds;
      GdkRGBA color;

      if (a->page != page || a->rects == NULL || !mark_bounds (a, &bounds))
        continue;
      mark_color (a, &color);
      switch (a->kind)
        {
        case ATTEST_ANNOTATION_HIGHLIGHT:
          color.alpha = 0.4f;
          for (guint j = 0; j < a->rects->len; j++)
            {
              graphene_rect_t r = to_view (self, area, (AttestPdfRect *) &g_array_index (a->rects, AttestRect, j));

              gtk_snapshot_append_color (snapshot, &color, &r);
            }
          break;
        case ATTEST_ANNOTATION_RECTANGLE:
          {
            graphene_rect_t r = to_view (self, area, &bounds);

            outline_rect (snapshot, &r, MAX (2.0, px_per_point (self) * 1.5), &color);
          }
          break;
        case ATTEST_ANNOTATION_NOTE:
        default:
          {
            graphene_rect_t r = to_view (self, area, &bounds);

            draw_note (snapshot, &r, &color);
          }
          break;
        }
      if (a->id == self->flash_id && self->flash_ticks % 2 == 0)
        {
          graphene_rect_t r = to_view (self, area, &bounds);

          graphene_rect_inset (&r, -5, -5);
          outline_rect (snapshot, &r, 3, &flash);
        }
    }
  if (self->tool_page == (gint) page && self->dragged)
    {
      AttestPdfRect r = {
        MIN (self->tool_area.x1, self->tool_area.x2), MIN (self->tool_area.y1, self->tool_area.y2),
        MAX (self->tool_area.x1, self->tool_area.x2), MAX (self->tool_area.y1, self->tool_area.y2),
      };
      graphene_rect_t v = to_view (self, area, &r);

      outline_rect (snapshot, &v, 2, &drawing);
    }
}

/**
 * attest_pdf_view_set_annotations:
 * @annotations: (nullable) (element-type AttestAnnotation): the file's
 *   annotations, as stored; the view keeps a reference
 *
 * Draws them over the pages: highlights as translucent quads, rectangles
 * as outlines, notes as an icon at their point.
 */
void
attest_pdf_view_set_annotations (AttestPdfView *self,
                                 GPtrArray     *annotations)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  if (annotations != NULL)
    g_ptr_array_ref (annotations);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  self->annotations = annotations;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * attest_pdf_view_get_annotations:
 *
 * Returns: (transfer none) (nullable) (element-type AttestAnnotation): what
 *   the view draws
 */
GPtrArray *
attest_pdf_view_get_annotations (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), NULL);
  return self->annotations;
}

/* The marks drawn on @page. */
guint
attest_pdf_view_get_n_marks (AttestPdfView *self,
                             guint          page)
{
  guint n = 0;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), 0);

  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    if (((AttestAnnotation *) self->annotations->pdata[i])->page == page)
      n++;
  return n;
}

static gboolean
flash_tick (gpointer data)
{
  AttestPdfView *self = data;

  self->flash_ticks++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->flash_ticks < FLASH_TICKS)
    return G_SOURCE_CONTINUE;
  self->flash_source = 0;
  self->flash_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * attest_pdf_view_flash_annotation:
 * @id: an annotation the view draws
 *
 * Scrolls the mark into the view and makes it blink for a moment.
 *
 * Returns: whether the view draws it
 */
gboolean
attest_pdf_view_flash_annotation (AttestPdfView *self,
                                  gint64         id)
{
  const AttestAnnotation *found = NULL;
  AttestPdfRect bounds;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), FALSE);

  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    if (((AttestAnnotation *) self->annotations->pdata[i])->id == id)
      found = self->annotations->pdata[i];
  if (found == NULL || found->page >= self->n_pages || !mark_bounds (found, &bounds))
    return FALSE;
  if (self->doc_height > 0.0 && self->laid_out_height > 0)
    {
      double ppp = px_per_point (self);
      double top = gtk_adjustment_get_value (self->vadjustment);
      double height = self->laid_out_height;
      double y1 = self->tops[found->page] + bounds.y1 * ppp;
      double y2 = self->tops[found->page] + bounds.y2 * ppp;

      if (y1 < top || y2 > top + height)
        gtk_adjustment_set_value (self->vadjustment, y1 - height / 3.0);
      update_visible (self);
    }
  else
    attest_pdf_view_scroll_to (self, found->page, MAX (0.0, bounds.y1 - 72.0));
  self->flash_id = id;
  self->flash_ticks = 0;
  g_clear_handle_id (&self->flash_source, g_source_remove);
  self->flash_source = g_timeout_add (FLASH_INTERVAL_MS, flash_tick, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/**
 * attest_pdf_view_get_flashing:
 *
 * Returns: the annotation blinking now, or 0
 */
gint64
attest_pdf_view_get_flashing (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), 0);
  return self->flash_id;
}

void
attest_pdf_view_set_tool (AttestPdfView *self,
                          AttestPdfTool  tool)
{
  g_return_if_fail (ATTEST_IS_PDF_VIEW (self));

  self->tool = tool;
  self->tool_page = -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), tool == ATTEST_PDF_TOOL_SELECT ? NULL : "crosshair");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

AttestPdfTool
attest_pdf_view_get_tool (AttestPdfView *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), ATTEST_PDF_TOOL_SELECT);
  return self->tool;
}

/**
 * attest_pdf_view_get_selection_pages:
 * @first: (out): the selection's first page, in reading order
 * @last: (out): its last (@first when on one page)
 *
 * Returns: whether something is selected
 */
gboolean
attest_pdf_view_get_selection_pages (AttestPdfView *self,
                                     guint         *first,
                                     guint         *last)
{
  guint f, l;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), FALSE);

  if (self->document == NULL || !selection_pages (self, &f, &l))
    return FALSE;
  if (first != NULL)
    *first = f;
  if (last != NULL)
    *last = l;
  return TRUE;
}

/**
 * attest_pdf_view_get_selection_rects:
 * @page: a page of the selection
 *
 * Returns: (transfer full) (nullable) (element-type AttestRect): the text
 *   selected on @page, as rectangles in points (about one a line, as
 *   poppler gives them), or %NULL when none of @page's text is selected
 */
GArray *
attest_pdf_view_get_selection_rects (AttestPdfView *self,
                                     guint          page)
{
  GArray *rects;
  cairo_region_t *region;
  int n;

  g_return_val_if_fail (ATTEST_IS_PDF_VIEW (self), NULL);

  region = selection_region (self, page);
  if (region == NULL || cairo_region_is_empty (region))
    return NULL;
  n = cairo_region_num_rectangles (region);
  rects = g_array_sized_new (FALSE, FALSE, sizeof (AttestRect), n);
  for (int i = 0; i < n; i++)
    {
      cairo_rectangle_int_t r;
      AttestRect rect;

      cairo_region_get_rectangle (region, i, &r);
      rect.x1 = r.x / REGION_SCALE;
      rect.y1 = r.y / REGION_SCALE;
      rect.x2 = (r.x + r.width) / REGION_SCALE;
      rect.y2 = (r.y + r.height) / REGION_SCALE;
      g_array_append_val (rects, rect);
    }
  return rects;
}

static void
emit_mark (AttestPdfView       *self,
           guint                page,
           const AttestPdfRect *r)
{
  double w = 0.0, h = 0.0;

  attest_pdf_document_get_page_size (self->document, page, &w, &h);
  g_signal_emit (self, signals[MARK_DRAWN], 0, page,
                 CLAMP (r->x1, 0.0, w), CLAMP (r->y1, 0.0, h), CLAMP (r->x2, 0.0, w), CLAMP (r->y2, 0.0, h));
}

static gboolean
tool_drag_begin (AttestPdfView *self,
                 double         x,
                 double         y)
{
  guint page;
  double px, py;

  if (self->tool != ATTEST_PDF_TOOL_RECTANGLE)
    return self->tool != ATTEST_PDF_TOOL_SELECT;
  self->tool_page = -1;
  if (!point_on_page (self, x, y, &page, &px, &py))
    return TRUE;
  self->tool_page = (gint) page;
  self->tool_area = (AttestPdfRect) { px, py, px, py };
  return TRUE;
}

static gboolean
tool_drag_update (AttestPdfView *self,
                  double         dx,
                  double         dy)
{
  double ppp = px_per_point (self);

  if (self->tool == ATTEST_PDF_TOOL_SELECT)
    return FALSE;
  if (self->tool_page < 0 || (fabs (dx) < 3 && fabs (dy) < 3 && !self->dragged))
    return TRUE;
  self->dragged = TRUE;
  self->tool_area.x2 = self->tool_area.x1 + dx / ppp;
  self->tool_area.y2 = self->tool_area.y1 + dy / ppp;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
tool_drag_end (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               AttestPdfView  *self)
{
  AttestPdfRect r;
  guint page;

  if (self->tool != ATTEST_PDF_TOOL_RECTANGLE || self->tool_page < 0 || !self->dragged)
    return;
  page = (guint) self->tool_page;
  self->tool_page = -1;
  r.x1 = MIN (self->tool_area.x1, self->tool_area.x2);
  r.y1 = MIN (self->tool_area.y1, self->tool_area.y2);
  r.x2 = MAX (self->tool_area.x1, self->tool_area.x2);
  r.y2 = MAX (self->tool_area.y1, self->tool_area.y2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  emit_mark (self, page, &r);
}

static gboolean
tool_click (AttestPdfView *self,
            double         x,
            double         y)
{
  guint page;
  double px, py;

  if (self->tool == ATTEST_PDF_TOOL_SELECT)
    return FALSE;
  if (self->tool == ATTEST_PDF_TOOL_NOTE && !self->dragged && point_on_page (self, x, y, &page, &px, &py))
    emit_mark (self, page, &(AttestPdfRect) { px, py, px, py });
  return TRUE;
}

/* Enter with a tool: a note at the middle of what is shown of the
 * current page, or a rectangle around it (the tools without a pointer). */
static void
mark_here_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttestPdfView *self = ATTEST_PDF_VIEW (widget);
  double ppp = px_per_point (self);
  double top, bottom, w = 0.0, h = 0.0, cx, cy;
  guint page = self->page;

  if (self->tool == ATTEST_PDF_TOOL_SELECT || self->document == NULL || self->doc_height <= 0.0)
    return;
  attest_pdf_document_get_page_size (self->document, page, &w, &h);
  top = MAX (0.0, (gtk_adjustment_get_value (self->vadjustment) - self->tops[page]) / ppp);
  bottom = MIN (h, (gtk_adjustment_get_value (self->vadjustment) + self->laid_out_height - self->tops[page]) / ppp);
  cx = w / 2.0;
  cy = bottom > top ? (top + bottom) / 2.0 : h / 2.0;
  if (self->tool == ATTEST_PDF_TOOL_NOTE)
    emit_mark (self, page, &(AttestPdfRect) { cx, cy, cx, cy });
  else
    emit_mark (self, page, &(AttestPdfRect) { cx - 72.0, cy - 36.0, cx + 72.0, cy + 36.0 });
}
