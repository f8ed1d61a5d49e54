/* attest-print-preview.c: the evidence matrix's sheets before printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK's own preview needs an outside viewer that may be missing, so the
 * sheets are shown here: one thumbnail per sheet, drawn by
 * attest_matrix_sheets_draw_page() (the routine that prints them), paginated
 * for the paper and orientation chosen above them with the metrics of the
 * PDF export (points, no hinting), so the count shown is the count printed.
 */
#define G_LOG_DOMAIN "attest-print-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "attest-matrix-print.h"
#include "attest-print-preview.h"
#include "attest-markup.h"
#include "attest-toast.h"

#define MARGIN 36.0
#define THUMBNAIL_WIDTH 400

struct _AttestPrintPreview
{
  AdwWindow parent_instance;

  AttestMatrixSheets *sheets;
  gboolean letter;
  gboolean landscape;
  guint n_pages;
  char *count_text;

  AdwToastOverlay *toast_overlay;
  GtkWidget *export_button;
  GtkDropDown *paper_dropdown;
  GtkDropDown *orientation_dropdown;
  GtkLabel *count_label;
  GtkFlowBox *thumbnails;
};

G_DEFINE_FINAL_TYPE (AttestPrintPreview, attest_print_preview, ADW_TYPE_WINDOW)

static void
paper_size (AttestPrintPreview *self,
            double             *width,
            double             *height)
{
  attest_matrix_print_paper_size (self->letter, self->landscape, width, height);
}

/**
 * attest_print_preview_draw_thumbnail:
 * @width: @height: the thumbnail in pixels; the sheet is scaled to fit
 *
 * Draws sheet @page_nr as the preview shows it: white paper, the half-inch
 * margin, the sheet drawn by the printing routine.
 */
void
attest_print_preview_draw_thumbnail (AttestPrintPreview *self,
                                     cairo_t            *cr,
                                     guint               page_nr,
                                     int                 width,
                                     int                 height)
{
  double paper_width, paper_height, scale;

  g_return_if_fail (ATTEST_IS_PRINT_PREVIEW (self));

  paper_size (self, &paper_width, &paper_height);
  scale = MIN (width / paper_width, height / paper_height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, paper_width, paper_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 1 / scale);
  cairo_stroke (cr);
  cairo_rectangle (cr, 0, 0, paper_width, paper_height);
  cairo_clip (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  attest_matrix_sheets_draw_page (self->sheets, cr, page_nr);
  cairo_restore (cr);
}

static void
thumbnail_draw (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  AttestPrintPreview *self = ATTEST_PRINT_PREVIEW (user_data);
  guint page_nr = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "attest-page"));

  if (page_nr < self->n_pages)
    attest_print_preview_draw_thumbnail (self, cr, page_nr, width, height);
}

/* Lays the sheets out for the paper as the PDF export does (points, no
 * hinting), and makes one thumbnail per sheet. */
static void
repaginate (AttestPrintPreview *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  double paper_width, paper_height;
  GtkWidget *child;

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  paper_size (self, &paper_width, &paper_height);
  self->n_pages = attest_matrix_sheets_paginate (self->sheets, context,
                                                 paper_width - 2 * MARGIN, paper_height - 2 * MARGIN);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_free (self->count_text);
  /* Translators: the number of sheets the matrix prints on */
  self->count_text = g_strdup_printf (ngettext ("%u sheet", "%u sheets", self->n_pages), self->n_pages);
  gtk_label_set_text (self->count_label, self->count_text);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails))) != NULL)
    gtk_flow_box_remove (self->thumbnails, child);
  for (guint i = 0; i < self->n_pages; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_autofree char *caption = NULL;
      GtkWidget *label;

      g_object_set_data (G_OBJECT (area), "attest-page", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), THUMBNAIL_WIDTH);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                           (int) (THUMBNAIL_WIDTH * paper_height / paper_width + 0.5));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), thumbnail_draw, self, NULL);
      /* Translators: under a sheet's thumbnail; %u: its number, then the count */
      caption = g_strdup_printf (_("Sheet %u of %u"), i + 1, self->n_pages);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, caption, -1);
      label = gtk_label_new (caption);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), area);
      gtk_box_append (GTK_BOX (box), label);
      gtk_flow_box_append (self->thumbnails, box);
    }
}

static void
dropdown_changed (AttestPrintPreview *self)
{
  gboolean letter = gtk_drop_down_get_selected (self->paper_dropdown) == 1;
  gboolean landscape = gtk_drop_down_get_selected (self->orientation_dropdown) == 1;

  if (letter != self->letter || landscape != self->landscape)
    attest_print_preview_set_paper (self, letter, landscape);
}

void
attest_print_preview_set_paper (AttestPrintPreview *self,
                                gboolean            letter,
                                gboolean            landscape)
{
  g_return_if_fail (ATTEST_IS_PRINT_PREVIEW (self));

  self->letter = letter;
  self->landscape = landscape;
  if (gtk_drop_down_get_selected (self->paper_dropdown) != (letter ? 1u : 0u))
    gtk_drop_down_set_selected (self->paper_dropdown, letter ? 1 : 0);
  if (gtk_drop_down_get_selected (self->orientation_dropdown) != (landscape ? 1u : 0u))
    gtk_drop_down_set_selected (self->orientation_dropdown, landscape ? 1 : 0);
  /* Export… writes a PDF on the paper shown. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->export_button),
                                          g_variant_new ("(bb)", letter, landscape));
  repaginate (self);
}

guint
attest_print_preview_get_n_pages (AttestPrintPreview *self)
{
  g_return_val_if_fail (ATTEST_IS_PRINT_PREVIEW (self), 0);
  return self->n_pages;
}

const char *
attest_print_preview_get_count_text (AttestPrintPreview *self)
{
  g_return_val_if_fail (ATTEST_IS_PRINT_PREVIEW (self), NULL);
  return gtk_label_get_text (self->count_label);
}

guint
attest_print_preview_get_n_thumbnails (AttestPrintPreview *self)
{
  guint n = 0;

  g_return_val_if_fail (ATTEST_IS_PRINT_PREVIEW (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/**
 * attest_print_preview_print:
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for the Print… button
 *
 * Prints the sheets with the preview's paper and orientation as the default
 * page setup.
 */
GtkPrintOperationResult
attest_print_preview_print (AttestPrintPreview       *self,
                            GtkPrintOperationAction   action,
                            const char               *export_filename,
                            GError                  **error)
{
  GtkPrintOperationResult result;

  g_return_val_if_fail (ATTEST_IS_PRINT_PREVIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  result = attest_matrix_print (GTK_WINDOW (self), self->sheets, self->letter, self->landscape,
                                action, export_filename, error);
  /* The print operation paginated for its own context: back to the preview's. */
  repaginate (self);
  return result;
}

static void
print_clicked (AttestPrintPreview *self)
{
  g_autoptr(GError) error = NULL;

  if (attest_print_preview_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
}

static void
attest_print_preview_finalize (GObject *object)
{
  AttestPrintPreview *self = ATTEST_PRINT_PREVIEW (object);

  g_clear_object (&self->sheets);
  g_free (self->count_text);
  G_OBJECT_CLASS (attest_print_preview_parent_class)->finalize (object);
}

static void
attest_print_preview_class_init (AttestPrintPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = attest_print_preview_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_print_preview_init (AttestPrintPreview *self)
{
  const char *papers[] = { N_("A4"), N_("Letter"), NULL };
  const char *orientations[] = { N_("Portrait"), N_("Landscape"), NULL };
  const char *translated[3];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *paper_label, *orientation_label;

  gtk_window_set_title (GTK_WINDOW (self), _("Print Preview"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);

  gtk_widget_add_css_class (print, "suggested-action");
  gtk_widget_set_tooltip_text (print, _("Print the sheets shown"));
  g_signal_connect_swapped (print, "clicked", G_CALLBACK (print_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  /* The window's Export… (its actions are inserted by _new()), on the
   * paper shown. */
  self->export_button = export;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "win.export-sheets");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (export), g_variant_new ("(bb)", FALSE, FALSE));
  gtk_widget_set_tooltip_text (export, _("Save the matrix as PDF, CSV, HTML, JSON or XLSX"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; i < 2; i++)
    translated[i] = _(papers[i]);
  translated[2] = NULL;
  self->paper_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  for (guint i = 0; i < 2; i++)
    translated[i] = _(orientations[i]);
  self->orientation_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  /* Translators: a label before the paper size (A4, Letter) */
  paper_label = gtk_label_new_with_mnemonic (_("_Paper"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (paper_label), GTK_WIDGET (self->paper_dropdown));
  /* Translators: a label before Portrait / Landscape */
  orientation_label = gtk_label_new_with_mnemonic (_("_Orientation"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (orientation_label), GTK_WIDGET (self->orientation_dropdown));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_label_set_xalign (self->count_label, 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "heading");
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), paper_label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->paper_dropdown));
  gtk_box_append (GTK_BOX (bar), orientation_label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->orientation_dropdown));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (box), bar);
  g_signal_connect_swapped (self->paper_dropdown, "notify::selected", G_CALLBACK (dropdown_changed), self);
  g_signal_connect_swapped (self->orientation_dropdown, "notify::selected", G_CALLBACK (dropdown_changed), self);

  self->thumbnails = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->thumbnails, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->thumbnails, TRUE);
  gtk_flow_box_set_column_spacing (self->thumbnails, 18);
  gtk_flow_box_set_row_spacing (self->thumbnails, 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->thumbnails), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->thumbnails), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->thumbnails), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->thumbnails), 18);
  gtk_widget_set_valign (GTK_WIDGET (self->thumbnails), GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->thumbnails));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

/**
 * attest_print_preview_new:
 * @sheets: the matrix's sheets, as the window's filters show it
 *
 * Returns: (transfer floating): a modal preview on A4 portrait
 */
AttestPrintPreview *
attest_print_preview_new (GtkWindow          *parent,
                          AttestMatrixSheets *sheets)
{
  AttestPrintPreview *self = g_object_new (ATTEST_TYPE_PRINT_PREVIEW,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           NULL);

  self->sheets = g_object_ref (sheets);
  if (G_IS_ACTION_GROUP (parent))
    gtk_widget_insert_action_group (GTK_WIDGET (self), "win", G_ACTION_GROUP (parent));
  repaginate (self);
  return self;
}
