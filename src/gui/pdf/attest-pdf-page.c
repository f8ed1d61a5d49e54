/* attest-pdf-page.c: a PDF opened in the centre: its pages, or why not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A toolbar (the page by its label or number, "12 of 70", the zoom) over
 * a stack: "loading" while the file is parsed in a thread, "password"
 * for an encrypted file (a wrong one says so and asks again; the password
 * is never kept), "error" with the reason for a file that cannot open,
 * and "view". Whatever the stack does not show is hidden from a screen
 * reader too (attest_unshown_follow_stack()).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "attest-markup.h"
#include "attest-pdf-find.h"
#include "attest-pdf-marks.h"
#include "attest-pdf-page.h"
#include "attest-pdf-print.h"
#include "attest-unshown.h"
#include "attest-workspace-evidence.h"
#include "attest-toast.h"

struct _AttestPdfPage
{
  GtkWidget parent_instance;

  GtkWidget *toolbar;
  GtkEntry *page_entry;
  GtkLabel *of_label;
  GtkMenuButton *zoom_button;
  GtkLabel *zoom_label;
  GtkStack *stack;
  AdwStatusPage *error_page;
  AdwStatusPage *password_page;
  GtkPasswordEntry *password_entry;
  GtkLabel *password_error;
  AttestPdfView *view;

  GtkLabel *title_label;
  GtkLabel *subtitle_label;

  GBytes *bytes;
  char *display_name;
  guint initial_page;
  char *initial_label;  /* a page label to show first, once the labels are read */
  char *initial_find;   /* words to find once the document is open */
  gboolean find_turns_page; /* …and their first match's page is shown whole */
  GCancellable *reading; /* an evidence file read in a thread */
  GCancellable *cancellable;
  guint controls_idle;
  gboolean unlocking;

  /* Find */
  GtkSearchBar *search_bar;
  GtkToggleButton *find_button;
  GtkSearchEntry *search_entry;
  GtkLabel *find_label;
  GCancellable *find_cancellable;
  guint find_generation;
  guint found_so_far;
  AttestPdfMatches *matches;
  gint current_match;
  char *find_text;   /* what is being found, or was */

  /* The outline: titles in a list, the entries beside them */
  GtkWidget *sidebar;
  GtkToggleButton *sidebar_button;
  GtkListView *outline_view;
  GtkStringList *outline_titles;
  GPtrArray *outline;  /* AttestPdfOutlineItem, in the titles' order */
  GtkWidget *outline_empty;

  /* Thumbnails: a renderer of their own, a small budget */
  GtkStack *sidebar_stack;
  GtkListView *thumbnails;
  GtkSingleSelection *thumbnail_selection;
  GtkStringList *thumbnail_labels;
  AttestPdfRenderer *thumbnail_renderer;
  GHashTable *thumbnail_pictures; /* page → the GtkPicture bound to it */
  guint thumbnails_idle;
  double thumbnail_scale;

  /* Marks: the tools, the colour of new marks, the list */
  AttestPdfMarks *marks;
  GtkWidget *mark_tools;
  GtkMenuButton *color_button;
  GtkLabel *color_label;
  GtkWidget *color_swatch;
  char *mark_color;
  char *tool;
};

enum {
  PROP_0,
  PROP_MARK_COLOR,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define THUMBNAIL_WIDTH 110.0
#define THUMBNAIL_BUDGET ((gsize) 24 * 1024 * 1024)

typedef struct {
  AttestPdfPage *self;
  guint generation;
} FindProgress;

G_DEFINE_FINAL_TYPE (AttestPdfPage, attest_pdf_page, GTK_TYPE_WIDGET)

static void open_document (AttestPdfPage *self,
                           const char    *password);
static void start_loading (AttestPdfPage *self,
                           GBytes        *bytes,
                           const char    *display_name,
                           guint          page);
static void marks_class_init (AttestPdfPageClass *klass);
static void attest_pdf_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec);
static void attest_pdf_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec);
static void forget_marks (AttestPdfPage *self);
static void mark_drawn (AttestPdfPage *self,
                        guint          page,
                        double         x1,
                        double         y1,
                        double         x2,
                        double         y2);

static void
update_page_controls (AttestPdfPage *self)
{
  AttestPdfDocument *document = attest_pdf_view_get_document (self->view);
  guint page = attest_pdf_view_get_page (self->view);
  guint n_pages;
  const char *label;
  g_autofree char *number = NULL;
  g_autofree char *of = NULL;

  if (document == NULL)
    return;
  n_pages = attest_pdf_document_get_n_pages (document);
  label = attest_pdf_document_get_page_label (document, page);
  number = g_strdup_printf ("%u", page + 1);
  if (label == NULL)
    label = number;
  if (!gtk_widget_has_focus (GTK_WIDGET (self->page_entry)) &&
      !gtk_widget_has_focus (gtk_widget_get_first_child (GTK_WIDGET (self->page_entry))))
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), label);
  if (g_strcmp0 (label, number) != 0)
    /* Translators: after a page's own label ("iii"): its number, the page count */
    of = g_strdup_printf (_("(%u of %u)"), page + 1, n_pages);
  else
    /* Translators: after the page number: the page count */
    of = g_strdup_printf (_("of %u"), n_pages);
  gtk_label_set_text (self->of_label, of);
}

static void
update_zoom_label (AttestPdfPage *self)
{
  g_autofree char *text = NULL;

  /* Translators: the zoom, a percentage */
  text = g_strdup_printf (_("%.0f %%"), attest_pdf_view_get_zoom (self->view) * 100.0);
  gtk_label_set_text (self->zoom_label, text);
}

/* The thumbnail of the page shown is selected and scrolled into view. */
static void
follow_thumbnail (AttestPdfPage *self)
{
  guint page = attest_pdf_view_get_page (self->view);

  if (attest_pdf_view_get_document (self->view) == NULL ||
      page >= g_list_model_get_n_items (G_LIST_MODEL (self->thumbnail_selection)))
    return;
  if (gtk_single_selection_get_selected (self->thumbnail_selection) == page)
    return;
  gtk_single_selection_set_selected (self->thumbnail_selection, page);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->thumbnails)))
    gtk_widget_activate_action (GTK_WIDGET (self->thumbnails), "list.scroll-to-item", "u", page);
}

static gboolean
update_controls_idle (gpointer data)
{
  AttestPdfPage *self = data;

  self->controls_idle = 0;
  update_page_controls (self);
  follow_thumbnail (self);
  update_zoom_label (self);
  return G_SOURCE_REMOVE;
}

/* The view notifies its page and zoom while it is allocated: changing the
 * toolbar's texts then would leave the toolbar unallocated for the frame. */
static void
queue_update_controls (AttestPdfPage *self)
{
  if (self->controls_idle == 0)
    self->controls_idle = g_idle_add (update_controls_idle, self);
}

/**
 * attest_pdf_page_go_to_label:
 * @text: a page's label ("iii") or number ("12")
 *
 * Returns: whether there is such a page (and it is shown)
 */
gboolean
attest_pdf_page_go_to_label (AttestPdfPage *self,
                             const char    *text)
{
  AttestPdfDocument *document;
  g_autofree char *stripped = NULL;
  guint page = 0;
  guint64 number = 0;

  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), FALSE);

  document = attest_pdf_view_get_document (self->view);
  if (document == NULL || text == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (text));
  if (!attest_pdf_document_find_page_label (document, stripped, &page))
    {
      if (!g_ascii_string_to_unsigned (stripped, 10, 1, attest_pdf_document_get_n_pages (document),
                                       &number, NULL))
        return FALSE;
      page = (guint) number - 1;
    }
  attest_pdf_view_set_page (self->view, page);
  update_page_controls (self);
  return TRUE;
}

static void
page_entry_activated (GtkEntry      *entry,
                      AttestPdfPage *self)
{
  if (attest_pdf_page_go_to_label (self, gtk_editable_get_text (GTK_EDITABLE (entry))))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (entry));
    }
}

/* The outline */

static void
outline_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *page = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (page, "dim-label");
  gtk_widget_add_css_class (page, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), page);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
outline_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AttestPdfPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *page = gtk_widget_get_next_sibling (title);
  guint position = gtk_list_item_get_position (item);
  AttestPdfOutlineItem *entry;
  AttestPdfDocument *document = attest_pdf_view_get_document (self->view);
  const char *label = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;

  if (self->outline == NULL || position >= self->outline->len)
    return;
  entry = self->outline->pdata[position];
  gtk_label_set_text (GTK_LABEL (title), entry->title);
  gtk_widget_set_margin_start (box, 6 + 18 * (int) MIN (entry->depth, 8));
  if (entry->page >= 0 && document != NULL)
    {
      label = attest_pdf_document_get_page_label (document, (guint) entry->page);
      if (label == NULL)
        label = number = g_strdup_printf ("%d", entry->page + 1);
    }
  gtk_label_set_text (GTK_LABEL (page), label != NULL ? label : "");
  if (label != NULL)
    /* Translators: an outline entry read by a screen reader: its title, its page's label */
    name = g_strdup_printf (_("%s, page %s"), entry->title, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name != NULL ? name : entry->title, -1);
  gtk_widget_set_tooltip_text (box, entry->uri);
}

static void
open_uri_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (dialog), "attest-uri");

  if (g_str_equal (response, "open"))
    gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

/* A link out of the file: shown, and opened only once the reader says so. */
static void
confirm_uri (AttestPdfPage *self,
             const char    *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Open This Link?"), NULL));
  adw_message_dialog_set_body (dialog, uri);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open Link"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "attest-uri", g_strdup (uri), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (open_uri_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void queue_update_controls (AttestPdfPage *self);

/**
 * attest_pdf_page_activate_outline:
 *
 * Follows the outline's entry at @position: its page, or (asked first)
 * its link.
 *
 * Returns: whether the entry goes somewhere
 */
gboolean
attest_pdf_page_activate_outline (AttestPdfPage *self,
                                  guint          position)
{
  AttestPdfOutlineItem *entry;

  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), FALSE);

  if (self->outline == NULL || position >= self->outline->len)
    return FALSE;
  entry = self->outline->pdata[position];
  if (entry->page >= 0)
    {
      attest_pdf_view_scroll_to (self->view, (guint) entry->page, entry->y);
      queue_update_controls (self);
      return TRUE;
    }
  if (entry->uri != NULL)
    {
      confirm_uri (self, entry->uri);
      return TRUE;
    }
  return FALSE;
}

static void
outline_activated (GtkListView   *list,
                   guint          position,
                   AttestPdfPage *self)
{
  if (!attest_pdf_page_activate_outline (self, position))
    gtk_widget_error_bell (GTK_WIDGET (list));
}

GtkListView *
attest_pdf_page_get_outline_view (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return self->outline_view;
}

static void
load_outline (AttestPdfPage     *self,
              AttestPdfDocument *document)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->outline_titles));
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  /* The rows go before the entries they read. */
  gtk_string_list_splice (self->outline_titles, 0, n_old, NULL);
  g_clear_pointer (&self->outline, g_ptr_array_unref);
  if (document != NULL)
    self->outline = attest_pdf_document_get_outline (document);
  for (guint i = 0; self->outline != NULL && i < self->outline->len; i++)
    g_ptr_array_add (titles, ((AttestPdfOutlineItem *) self->outline->pdata[i])->title);
  g_ptr_array_add (titles, NULL);
  gtk_string_list_splice (self->outline_titles, 0, 0, (const char * const *) titles->pdata);
  gtk_widget_set_visible (self->outline_empty, titles->len <= 1);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->outline_view)), titles->len > 1);
}

/* Thumbnails */

static void
thumbnail_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, (int) THUMBNAIL_WIDTH, (int) (THUMBNAIL_WIDTH * 1.3));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
thumbnail_set (AttestPdfPage   *self,
               GtkPicture      *picture,
               cairo_surface_t *surface)
{
  g_autoptr(GdkTexture) texture = surface != NULL ? attest_pdf_texture_new_for_surface (surface) : NULL;

  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static void
thumbnail_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AttestPdfPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (picture);
  guint page = gtk_list_item_get_position (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  g_autofree char *name = NULL;
  cairo_surface_t *surface;

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  /* Translators: a page's thumbnail read by a screen reader; %s is the page's label */
  name = g_strdup_printf (_("Page %s"), gtk_string_object_get_string (string));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (self->thumbnail_renderer == NULL)
    return;
  g_hash_table_replace (self->thumbnail_pictures, GUINT_TO_POINTER (page), picture);
  surface = attest_pdf_renderer_lookup (self->thumbnail_renderer, page, self->thumbnail_scale);
  thumbnail_set (self, GTK_PICTURE (picture), surface);
  if (surface == NULL)
    attest_pdf_renderer_request (self->thumbnail_renderer, page, self->thumbnail_scale,
                                 ATTEST_PDF_RENDER_PRIORITY_NEAR);
}

static void
thumbnail_unbind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AttestPdfPage            *self)
{
  GtkWidget *picture = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint page = gtk_list_item_get_position (item);

  if (g_hash_table_lookup (self->thumbnail_pictures, GUINT_TO_POINTER (page)) == picture)
    g_hash_table_remove (self->thumbnail_pictures, GUINT_TO_POINTER (page));
  if (self->thumbnail_renderer != NULL)
    attest_pdf_renderer_cancel (self->thumbnail_renderer, page);
  gtk_picture_set_paintable (GTK_PICTURE (picture), NULL);
}

static void
thumbnail_rendered (AttestPdfRenderer *renderer,
                    guint              page,
                    double             scale,
                    gpointer           surface,
                    const GError      *error,
                    AttestPdfPage     *self)
{
  GtkPicture *picture = g_hash_table_lookup (self->thumbnail_pictures, GUINT_TO_POINTER (page));

  if (picture != NULL && surface != NULL)
    thumbnail_set (self, picture, surface);
}

static void
thumbnail_activated (GtkListView   *list,
                     guint          position,
                     AttestPdfPage *self)
{
  attest_pdf_view_set_page (self->view, position);
  queue_update_controls (self);
}

static gboolean
scroll_thumbnails_idle (gpointer data)
{
  AttestPdfPage *self = data;
  guint selected = gtk_single_selection_get_selected (self->thumbnail_selection);

  self->thumbnails_idle = 0;
  if (selected != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self->thumbnails)))
    gtk_widget_activate_action (GTK_WIDGET (self->thumbnails), "list.scroll-to-item", "u", selected);
  return G_SOURCE_REMOVE;
}

/* Shown again (the Pages tab, the sidebar): the page shown is in sight,
 * once the list has its size. */
static void
thumbnails_mapped (AttestPdfPage *self)
{
  if (self->thumbnails_idle == 0)
    self->thumbnails_idle = g_idle_add_full (G_PRIORITY_LOW, scroll_thumbnails_idle, self, NULL);
}

static void
load_thumbnails (AttestPdfPage     *self,
                 AttestPdfDocument *document)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->thumbnail_labels));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_splice (self->thumbnail_labels, 0, n_old, NULL);
  g_hash_table_remove_all (self->thumbnail_pictures);
  if (self->thumbnail_renderer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->thumbnail_renderer, self);
      attest_pdf_renderer_shutdown (self->thumbnail_renderer);
      g_clear_object (&self->thumbnail_renderer);
    }
  if (document == NULL)
    return;
  {
    double max_w = 0.0, max_h = 0.0;
    int factor = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

    attest_pdf_document_get_max_page_size (document, &max_w, &max_h);
    self->thumbnail_scale = round (THUMBNAIL_WIDTH / MAX (max_w, 1.0) * factor * 1000.0) / 1000.0;
  }
  self->thumbnail_renderer = attest_pdf_renderer_new (document, THUMBNAIL_BUDGET);
  g_signal_connect (self->thumbnail_renderer, "rendered", G_CALLBACK (thumbnail_rendered), self);
  for (guint i = 0; i < attest_pdf_document_get_n_pages (document); i++)
    {
      const char *label = attest_pdf_document_get_page_label (document, i);

      g_ptr_array_add (labels, label != NULL ? g_strdup (label) : g_strdup_printf ("%u", i + 1));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->thumbnail_labels, 0, 0, (const char * const *) labels->pdata);
}

/**
 * attest_pdf_page_get_thumbnails:
 *
 * Returns: (transfer none): the list of page thumbnails
 */
GtkListView *
attest_pdf_page_get_thumbnails (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return self->thumbnails;
}

static GtkWidget *
build_thumbnails (AttestPdfPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->thumbnail_labels = gtk_string_list_new (NULL);
  self->thumbnail_pictures = g_hash_table_new (NULL, NULL);
  self->thumbnail_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->thumbnail_labels)));
  gtk_single_selection_set_autoselect (self->thumbnail_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->thumbnail_selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (thumbnail_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (thumbnail_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (thumbnail_unbind), self);
  self->thumbnails = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->thumbnail_selection)),
                                                       factory));
  gtk_list_view_set_single_click_activate (self->thumbnails, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbnails), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thumbnails),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages"), -1);
  g_signal_connect (self->thumbnails, "activate", G_CALLBACK (thumbnail_activated), self);
  g_signal_connect_swapped (self->thumbnails, "map", G_CALLBACK (thumbnails_mapped), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->thumbnails));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
build_sidebar (AttestPdfPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *outer, *switcher;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *model;

  self->outline_titles = gtk_string_list_new (NULL);
  model = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->outline_titles)));
  g_signal_connect (factory, "setup", G_CALLBACK (outline_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (outline_bind), self);
  self->outline_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (model), factory));
  gtk_list_view_set_single_click_activate (self->outline_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->outline_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outline_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Contents"), -1);
  g_signal_connect (self->outline_view, "activate", G_CALLBACK (outline_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->outline_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->outline_empty = gtk_label_new (_("This PDF has no table of contents"));
  gtk_label_set_wrap (GTK_LABEL (self->outline_empty), TRUE);
  gtk_widget_add_css_class (self->outline_empty, "dim-label");
  gtk_widget_set_margin_start (self->outline_empty, 12);
  gtk_widget_set_margin_end (self->outline_empty, 12);
  gtk_widget_set_vexpand (self->outline_empty, TRUE);
  gtk_widget_set_valign (self->outline_empty, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), self->outline_empty);

  self->sidebar_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_titled (self->sidebar_stack, box, "contents", _("Contents"));
  gtk_stack_add_titled (self->sidebar_stack, build_thumbnails (self), "pages", _("Pages"));
  self->marks = ATTEST_PDF_MARKS (attest_pdf_marks_new (self->view));
  /* Translators: the PDF sidebar's page listing the annotations */
  gtk_stack_add_titled (self->sidebar_stack, GTK_WIDGET (self->marks), "marks", _("Marks"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->sidebar_stack), TRUE);
  attest_unshown_follow_stack (self->sidebar_stack);
  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->sidebar_stack);
  gtk_widget_add_css_class (switcher, "pdf-sidebar-switcher");
  gtk_widget_set_margin_start (switcher, 6);
  gtk_widget_set_margin_end (switcher, 6);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_box_append (GTK_BOX (outer), switcher);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->sidebar_stack));
  gtk_widget_set_size_request (outer, 220, -1);
  self->sidebar = outer;
  return outer;
}

/* Find */

static void
set_find_status (AttestPdfPage *self,
                 const char    *text)
{
  gtk_label_set_text (self->find_label, text);
  /* Said to a screen reader as it changes (GTK 4.8 has no announce). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
show_current_match (AttestPdfPage *self)
{
  guint page = 0;
  AttestPdfRect area;
  g_autofree char *status = NULL;

  if (self->matches == NULL || self->matches->n_matches == 0 ||
      !attest_pdf_matches_nth (self->matches, (guint) self->current_match, &page, &area))
    {
      attest_pdf_view_set_current_match (self->view, -1, NULL);
      return;
    }
  attest_pdf_view_set_current_match (self->view, (gint) page, &area);
  /* Translators: the match shown, and how many there are: "3 of 12" */
  status = g_strdup_printf (_("%u of %u"), (guint) self->current_match + 1, self->matches->n_matches);
  set_find_status (self, status);
}

static void
find_progress_free (gpointer data)
{
  FindProgress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static void
find_progressed (AttestPdfDocument *document,
                 guint              pages_done,
                 guint              n_pages,
                 guint              page,
                 GArray            *page_matches,
                 gpointer           user_data)
{
  FindProgress *progress = user_data;
  AttestPdfPage *self = progress->self;
  g_autofree char *status = NULL;

  if (progress->generation != self->find_generation || attest_pdf_view_get_document (self->view) != document)
    return;
  attest_pdf_view_set_page_matches (self->view, page, page_matches);
  if (page_matches != NULL)
    self->found_so_far += page_matches->len;
  /* Translators: while Find reads a long PDF: the percentage read, the matches found so far */
  status = g_strdup_printf (ngettext ("%u %% read, %u match", "%u %% read, %u matches", self->found_so_far),
                            n_pages > 0 ? pages_done * 100 / n_pages : 100, self->found_so_far);
  set_find_status (self, status);
}

static void
found (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  AttestPdfPage *self = user_data;
  g_autoptr(GError) error = NULL;
  AttestPdfMatches *matches = attest_pdf_document_find_finish (ATTEST_PDF_DOCUMENT (source), result, &error);

  if (matches == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_find_status (self, error->message);
      g_object_unref (self);
      return;
    }
  if (attest_pdf_view_get_document (self->view) != ATTEST_PDF_DOCUMENT (source) ||
      g_strcmp0 (matches->text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    {
      attest_pdf_matches_free (matches);
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->matches, attest_pdf_matches_free);
  self->matches = matches;
  g_clear_object (&self->find_cancellable);
  if (matches->n_matches == 0)
    {
      self->current_match = -1;
      set_find_status (self, _("No matches"));
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
    }
  else
    {
      gint first = attest_pdf_matches_first_on_or_after (matches, attest_pdf_view_get_page (self->view));
      guint page = 0;

      self->current_match = MAX (first, 0);
      /* Opened from a search result: that page, from its top. */
      if (self->find_turns_page && attest_pdf_matches_nth (matches, (guint) self->current_match, &page, NULL))
        attest_pdf_view_set_page (self->view, page);
      self->find_turns_page = FALSE;
      show_current_match (self);
    }
  g_object_unref (self);
}

/* Finds @text (attest_pdf_page_find()), or with @words each of its words
 * on its own (attest_pdf_page_find_words()). */
static void
start_find (AttestPdfPage *self,
            const char    *text,
            gboolean       words)
{
  AttestPdfDocument *document;
  FindProgress *progress;

  document = attest_pdf_view_get_document (self->view);
  g_free (self->find_text);
  self->find_text = g_strdup (text);
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->matches, attest_pdf_matches_free);
  self->find_generation++;
  self->find_turns_page = FALSE;
  self->found_so_far = 0;
  self->current_match = -1;
  attest_pdf_view_clear_matches (self->view);
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);   /* comes back here */
  if (document == NULL || text == NULL || *text == '\0')
    {
      set_find_status (self, "");
      return;
    }
  self->find_cancellable = g_cancellable_new ();
  progress = g_new0 (FindProgress, 1);
  progress->self = g_object_ref (self);
  progress->generation = self->find_generation;
  set_find_status (self, _("Finding…"));
  (words ? attest_pdf_document_find_words_async
         : attest_pdf_document_find_async) (document, text, find_progressed, progress, find_progress_free,
                                            self->find_cancellable, found, g_object_ref (self));
}

/**
 * attest_pdf_page_find:
 * @text: what to find, or "" to stop
 *
 * Finds @text on every page in a thread; matches are highlighted as each
 * page is read, and the first on or after the current page is shown.
 */
void
attest_pdf_page_find (AttestPdfPage *self,
                      const char    *text)
{
  g_return_if_fail (ATTEST_IS_PDF_PAGE (self));
  start_find (self, text, FALSE);
}

/**
 * attest_pdf_page_find_words:
 * @text: a search's words, or "" to stop
 *
 * As attest_pdf_page_find(), but every word of @text is found and
 * highlighted on its own (a "quoted phrase" whole), all counted in
 * "N of M": a search result's words are seldom side by side.
 */
void
attest_pdf_page_find_words (AttestPdfPage *self,
                            const char    *text)
{
  g_return_if_fail (ATTEST_IS_PDF_PAGE (self));
  start_find (self, text, TRUE);
}

static void
search_changed (GtkSearchEntry *entry,
                AttestPdfPage  *self)
{
  /* attest_pdf_page_find() set the entry: that search is under way. */
  if (g_strcmp0 (self->find_text, gtk_editable_get_text (GTK_EDITABLE (entry))) == 0)
    return;
  attest_pdf_page_find (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
step_match (AttestPdfPage *self,
            int            step)
{
  guint n;

  if (self->matches == NULL || self->matches->n_matches == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  n = self->matches->n_matches;
  self->current_match = (gint) ((self->current_match + n + step) % n);
  show_current_match (self);
}

static void
next_match (AttestPdfPage *self)
{
  step_match (self, 1);
}

static void
previous_match (AttestPdfPage *self)
{
  step_match (self, -1);
}

static void
stop_search (AttestPdfPage *self)
{
  attest_pdf_page_find (self, "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

gboolean
attest_pdf_page_get_finding (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), FALSE);
  return self->find_cancellable != NULL;
}

guint
attest_pdf_page_get_n_matches (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), 0);
  return self->matches != NULL ? self->matches->n_matches : 0;
}

gint
attest_pdf_page_get_current_match (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), -1);
  return self->current_match;
}

const char *
attest_pdf_page_get_find_status (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return gtk_label_get_text (self->find_label);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (widget);

  if (attest_pdf_view_get_document (self->view) == NULL)
    return;
  if (g_str_equal (action_name, "pdf.find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else if (g_str_equal (action_name, "pdf.find-next"))
    next_match (self);
  else
    previous_match (self);
}

/**
 * attest_pdf_page_get_find_button:
 *
 * Returns: (transfer none): the toolbar's Find button, active while the
 *   search bar is shown
 */
GtkToggleButton *
attest_pdf_page_get_find_button (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return self->find_button;
}

static GtkWidget *
build_search_bar (AttestPdfPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-down-symbolic");

  self->search_bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->search_entry), 280, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find in the PDF"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (next_match), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (next_match), self);
  g_signal_connect_swapped (self->search_entry, "previous-match", G_CALLBACK (previous_match), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search), self);
  gtk_widget_set_tooltip_text (previous, _("Previous Match"));
  gtk_widget_set_tooltip_text (next, _("Next Match"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (previous), "pdf.find-previous");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "pdf.find-next");
  self->find_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->find_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->find_label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), previous);
  gtk_box_append (GTK_BOX (box), next);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->find_label));
  gtk_search_bar_set_child (self->search_bar, box);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_show_close_button (self->search_bar, TRUE);
  return GTK_WIDGET (self->search_bar);
}

static void
show_error (AttestPdfPage *self,
            const GError  *error)
{
  g_autofree char *description = NULL;

  /* Translators: a file's name, then why it cannot be opened */
  description = g_strdup_printf (_("“%s”: %s"), self->display_name != NULL ? self->display_name : "",
                                 error->message);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Said in the window's toast overlay (else logged). */
static void
say (AttestPdfPage *self,
     const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    attest_toast_show (ADW_TOAST_OVERLAY (overlay), attest_toast_new_plain (message));
  else
    g_message ("%s", message);
}

/* The file's name and its page count above the pages, as the page view
 * names its page. */
static void
show_title (AttestPdfPage     *self,
            AttestPdfDocument *document)
{
  guint n_pages = document != NULL ? attest_pdf_document_get_n_pages (document) : 0;
  g_autofree char *pages = NULL;

  gtk_label_set_text (self->title_label, document != NULL && self->display_name != NULL ? self->display_name : "");
  attest_pdf_marks_set_display_name (self->marks, self->display_name);
  if (document != NULL)
    /* Translators: under a PDF's file name: its page count */
    pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages), n_pages);
  gtk_label_set_text (self->subtitle_label, pages != NULL ? pages : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), self->display_name);
}

/**
 * attest_pdf_page_get_title:
 *
 * Returns: what the toolbar names the PDF by (its file's name), "" when none
 */
const char *
attest_pdf_page_get_title (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

/**
 * attest_pdf_page_get_subtitle:
 *
 * Returns: the line under the title: the page count ("70 pages")
 */
const char *
attest_pdf_page_get_subtitle (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return gtk_label_get_text (self->subtitle_label);
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AttestPdfPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPdfDocument) document = attest_pdf_document_open_finish (result, &error);

  self->unlocking = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (document != NULL)
    {
      g_autofree char *find = g_steal_pointer (&self->initial_find);
      g_autofree char *label = g_steal_pointer (&self->initial_label);

      attest_pdf_view_set_document (self->view, document);
      if (label != NULL && !attest_pdf_document_find_page_label (document, label, &self->initial_page))
        {
          /* Translators: %s is a page label asked for ("iii") that the PDF does not have */
          g_autofree char *message = g_strdup_printf (_("This PDF has no page “%s”"), label);

          self->initial_page = 0;
          say (self, message);
        }
      self->initial_page = MIN (self->initial_page, MAX (attest_pdf_document_get_n_pages (document), 1) - 1);
      attest_pdf_view_set_page (self->view, self->initial_page);
      load_outline (self, document);
      load_thumbnails (self, document);
      show_title (self, document);
      gtk_stack_set_visible_child_name (self->stack, "view");
      update_page_controls (self);
      update_zoom_label (self);
      follow_thumbnail (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
      /* Opened from a search: its words found, the first on or after the page shown. */
      if (find != NULL && *find != '\0')
        {
          gtk_search_bar_set_search_mode (self->search_bar, TRUE);
          attest_pdf_page_find_words (self, find);
          self->find_turns_page = TRUE;
        }
    }
  else if (g_error_matches (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NEEDS_PASSWORD) ||
           g_error_matches (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_WRONG_PASSWORD))
    {
      gboolean wrong = g_error_matches (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_WRONG_PASSWORD);

      gtk_widget_set_visible (GTK_WIDGET (self->password_error), wrong);
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
      gtk_stack_set_visible_child_name (self->stack, "password");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
    }
  else
    show_error (self, error);
  g_object_unref (self);
}

static void
open_document (AttestPdfPage *self,
               const char    *password)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  attest_pdf_document_open_async (self->bytes, password, self->display_name, self->cancellable,
                                  opened, g_object_ref (self));
}

static void
password_activated (AttestPdfPage *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  /* Not insensitive while it is tried: the entry has the focus. */
  if (self->bytes == NULL || *password == '\0' || self->unlocking)
    return;
  self->unlocking = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->password_error), FALSE);
  open_document (self, password);
  /* Not kept: the entry is emptied whatever the answer. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
}

void
attest_pdf_page_clear (AttestPdfPage *self)
{
  g_return_if_fail (ATTEST_IS_PDF_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  attest_pdf_page_find (self, "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  attest_pdf_view_set_document (self->view, NULL);
  load_outline (self, NULL);
  load_thumbnails (self, NULL);
  forget_marks (self);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->initial_label, g_free);
  g_clear_pointer (&self->initial_find, g_free);
  show_title (self, NULL);
}

/**
 * attest_pdf_page_load:
 * @page: the page to show first (an index)
 *
 * Opens @bytes in a thread; asks for a password if it needs one.
 */
void
attest_pdf_page_load (AttestPdfPage *self,
                      GBytes        *bytes,
                      const char    *display_name,
                      guint          page)
{
  g_return_if_fail (ATTEST_IS_PDF_PAGE (self));
  g_return_if_fail (bytes != NULL);

  attest_pdf_page_clear (self);
  /* Not evidence: no marks, no tools. */
  attest_pdf_page_set_marks_source (self, NULL, NULL, NULL, NULL);
  start_loading (self, bytes, display_name, page);
}

static void
start_loading (AttestPdfPage *self,
               GBytes        *bytes,
               const char    *display_name,
               guint          page)
{
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->display_name);
  self->bytes = g_bytes_ref (bytes);
  self->display_name = g_strdup (display_name);
  self->initial_page = page;
  adw_status_page_set_description (self->password_page, display_name);
  gtk_widget_set_visible (GTK_WIDGET (self->password_error), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  open_document (self, NULL);
}

/* An evidence file read in a thread, on a connection of its own: a large
 * file never blocks the window. */
typedef struct {
  char *path;
  char *sha256;
  char *name;   /* out */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_free (data->sha256);
  g_free (data->name);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(AttestWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes = NULL;

  workspace = attest_workspace_open (data->path, &error);
  if (workspace != NULL)
    bytes = attest_workspace_get_evidence_bytes (workspace, data->sha256, &data->name, &error);
  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
evidence_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (source);
  ReadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->reading)
    return;
  g_clear_object (&self->reading);
  if (bytes == NULL)
    {
      g_free (self->display_name);
      self->display_name = g_strdup (data->name != NULL ? data->name : data->sha256);
      show_error (self, error);
      return;
    }
  start_loading (self, bytes, data->name, self->initial_page);
}

/**
 * attest_pdf_page_load_evidence:
 * @workspace_path: the workspace file
 * @sha256: the evidence file
 * @page: (nullable): the page to show first: a number from 1 ("13") or a
 *   label ("iii"); NULL for the first page (or the first match of @find)
 * @find: (nullable): words to find at once, the first match on or after
 *   @page shown (a search result's words)
 *
 * Reads the evidence file in a thread, then opens it as
 * attest_pdf_page_load() does. What cannot be read is said in the page.
 */
void
attest_pdf_page_load_evidence (AttestPdfPage *self,
                               const char    *workspace_path,
                               const char    *sha256,
                               const char    *page,
                               const char    *find)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;
  guint64 number = 0;

  g_return_if_fail (ATTEST_IS_PDF_PAGE (self));
  g_return_if_fail (workspace_path != NULL && sha256 != NULL);

  attest_pdf_page_clear (self);
  self->initial_page = 0;
  if (page != NULL && g_ascii_string_to_unsigned (page, 10, 1, G_MAXUINT, &number, NULL))
    self->initial_page = (guint) number - 1;
  else if (page != NULL && *page != '\0')
    self->initial_label = g_strdup (page);
  self->initial_find = g_strdup (find);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  self->reading = g_cancellable_new ();
  data = g_new0 (ReadData, 1);
  data->path = g_strdup (workspace_path);
  data->sha256 = g_strdup (sha256);
  task = g_task_new (self, self->reading, evidence_read, NULL);
  g_task_set_source_tag (task, attest_pdf_page_load_evidence);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

AttestPdfView *
attest_pdf_page_get_view (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return self->view;
}

/**
 * attest_pdf_page_get_state:
 *
 * Returns: "loading", "password", "error" or "view"
 */
const char *
attest_pdf_page_get_state (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (widget);

  /* "pdf.zoom-in" → the view's "pdf-view.zoom-in" */
  gtk_widget_activate_action (GTK_WIDGET (self->view), action_name + strlen ("pdf."), NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (widget);
  AttestPdfDocument *document = attest_pdf_view_get_document (self->view);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return;
  if (attest_pdf_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, document,
                        attest_pdf_view_get_page (self->view), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                        NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    say (self, error->message);
}

static void
attest_pdf_page_dispose (GObject *object)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_pointer (&self->initial_label, g_free);
  g_clear_pointer (&self->initial_find, g_free);
  g_clear_handle_id (&self->controls_idle, g_source_remove);
  g_clear_handle_id (&self->thumbnails_idle, g_source_remove);
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->matches, attest_pdf_matches_free);
  g_clear_pointer (&self->find_text, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->outline, g_ptr_array_unref);
  g_clear_object (&self->outline_titles);
  if (self->thumbnail_renderer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->thumbnail_renderer, self);
      attest_pdf_renderer_shutdown (self->thumbnail_renderer);
      g_clear_object (&self->thumbnail_renderer);
    }
  g_clear_pointer (&self->thumbnail_pictures, g_hash_table_unref);
  g_clear_object (&self->thumbnail_selection);
  g_clear_object (&self->thumbnail_labels);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->mark_color, g_free);
  g_clear_pointer (&self->tool, g_free);
  G_OBJECT_CLASS (attest_pdf_page_parent_class)->dispose (object);
}

static void
attest_pdf_page_class_init (AttestPdfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_pdf_page_dispose;
  object_class->get_property = attest_pdf_page_get_property;
  object_class->set_property = attest_pdf_page_set_property;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attest-pdf-page");
  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.fit-page", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "pdf.print", NULL);
  gtk_widget_class_install_action (widget_class, "pdf.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-previous", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "pdf.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "pdf.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.find-previous", NULL);
  marks_class_init (klass);
}

static GtkWidget *
build_password_page (AttestPdfPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Unlock"));

  self->password_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->password_page, "dialog-password-symbolic");
  adw_status_page_set_title (self->password_page, _("This PDF Needs a Password"));
  self->password_entry = GTK_PASSWORD_ENTRY (gtk_password_entry_new ());
  gtk_password_entry_set_show_peek_icon (self->password_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  g_object_set (self->password_entry, "activates-default", FALSE, NULL);
  g_signal_connect_swapped (self->password_entry, "activate", G_CALLBACK (password_activated), self);
  self->password_error = GTK_LABEL (gtk_label_new (_("Wrong password. Try again.")));
  gtk_widget_add_css_class (GTK_WIDGET (self->password_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->password_error), FALSE);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (password_activated), self);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (box, 300, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->password_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->password_error));
  gtk_box_append (GTK_BOX (box), button);
  adw_status_page_set_child (self->password_page, box);
  return GTK_WIDGET (self->password_page);
}

/* The file's name over its page count, between the page entry and the zoom. */
static GtkWidget *
build_title (AttestPdfPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_ellipsize (self->subtitle_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->title_label, 5);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->subtitle_label));
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

/* Marks: the tools in the toolbar (Highlight, Rectangle, Note, the
 * colour of new marks by name), their keys, and the Marks sidebar page
 * (AttestPdfMarks) they add to. */

static void
update_color_button (AttestPdfPage *self)
{
  g_autofree char *name = attest_pdf_mark_color_name (self->mark_color);
  g_autofree char *accessible = NULL;

  for (guint i = 0; i < attest_pdf_mark_palette_size (); i++)
    {
      g_autofree char *klass = g_strdup_printf ("mark-color-%u", i);

      if (g_ascii_strcasecmp (attest_pdf_mark_palette_color (i), self->mark_color) == 0)
        gtk_widget_add_css_class (self->color_swatch, klass);
      else
        gtk_widget_remove_css_class (self->color_swatch, klass);
    }
  gtk_label_set_text (self->color_label, name);
  /* Translators: the colour menu's accessible name; %s is a colour, "Yellow" */
  accessible = g_strdup_printf (_("Colour of new marks: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
attest_pdf_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (object);

  switch (prop_id)
    {
    case PROP_MARK_COLOR: g_value_set_string (value, self->mark_color); break;
    case PROP_TOOL: g_value_set_string (value, self->tool); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_tool (AttestPdfPage *self,
          const char    *tool)
{
  AttestPdfTool view_tool = ATTEST_PDF_TOOL_SELECT;

  if (g_strcmp0 (tool, "rectangle") == 0)
    view_tool = ATTEST_PDF_TOOL_RECTANGLE;
  else if (g_strcmp0 (tool, "note") == 0)
    view_tool = ATTEST_PDF_TOOL_NOTE;
  else
    tool = "select";
  if (g_strcmp0 (tool, self->tool) == 0)
    return;
  g_free (self->tool);
  self->tool = g_strdup (tool);
  attest_pdf_view_set_tool (self->view, view_tool);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

static void
attest_pdf_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (object);

  switch (prop_id)
    {
    case PROP_MARK_COLOR:
      {
        const char *color = g_value_get_string (value);

        if (!attest_annotation_color_is_valid (color) || g_strcmp0 (color, self->mark_color) == 0)
          return;
        g_free (self->mark_color);
        self->mark_color = g_strdup (color);
        update_color_button (self);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    case PROP_TOOL: set_tool (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A rectangle drawn or a note's point chosen with the tool. */
static void
mark_drawn (AttestPdfPage *self,
            guint          page,
            double         x1,
            double         y1,
            double         x2,
            double         y2)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (AttestRect));
  AttestRect rect = { x1, y1, x2, y2 };
  gboolean note = g_strcmp0 (self->tool, "note") == 0;

  if (!note && (x2 - x1 < 2.0 || y2 - y1 < 2.0))
    return;
  if (note)
    rect.x2 = rect.x1, rect.y2 = rect.y1;
  g_array_append_val (rects, rect);
  attest_pdf_marks_add (self->marks, note ? ATTEST_ANNOTATION_NOTE : ATTEST_ANNOTATION_RECTANGLE,
                        page, rects, self->mark_color);
}

static void
show_marks (AttestPdfPage *self)
{
  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "marks");
}

static void
marks_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttestPdfPage *self = ATTEST_PDF_PAGE (widget);

  if (g_str_equal (action_name, "pdf.highlight"))
    {
      /* A selection across pages: a highlight on each page it touches. */
      g_autoptr(GPtrArray) rects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      guint first = 0, last = 0;
      gboolean any = FALSE;

      if (attest_pdf_view_get_selection_pages (self->view, &first, &last))
        for (guint page = first; page <= last; page++)
          {
            GArray *quads = attest_pdf_view_get_selection_rects (self->view, page);

            any = any || quads != NULL;
            g_ptr_array_add (rects, quads != NULL ? quads : g_array_new (FALSE, FALSE, sizeof (AttestRect)));
          }
      if (!any)
        {
          say (self, _("Select text in the PDF first, then Highlight"));
          return;
        }
      if (attest_pdf_marks_add_highlights (self->marks, first, rects, self->mark_color) != 0)
        attest_pdf_view_clear_selection (self->view);
    }
  else if (g_str_equal (action_name, "pdf.save-annotated"))
    attest_pdf_marks_save_copy (self->marks);
  else if (g_str_equal (action_name, "pdf.show-marks"))
    show_marks (self);
  else if (g_str_equal (action_name, "pdf.choose-color"))
    gtk_menu_button_popup (self->color_button);
}

static void
marks_class_init (AttestPdfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  properties[PROP_MARK_COLOR] =
    g_param_spec_string ("mark-color", NULL, NULL, ATTEST_ANNOTATION_DEFAULT_COLOR,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "select",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "pdf.mark-color", "mark-color");
  gtk_widget_class_install_property_action (widget_class, "pdf.tool", "tool");
  gtk_widget_class_install_action (widget_class, "pdf.highlight", NULL, marks_action);
  gtk_widget_class_install_action (widget_class, "pdf.save-annotated", NULL, marks_action);
  gtk_widget_class_install_action (widget_class, "pdf.show-marks", NULL, marks_action);
  gtk_widget_class_install_action (widget_class, "pdf.choose-color", NULL, marks_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.highlight", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.tool", "s", "rectangle");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.tool", "s", "note");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pdf.tool", "s", "select");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.choose-color", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.show-marks", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.save-annotated", NULL);
}

static GtkWidget *
tool_button (const char *label,
             const char *tooltip,
             const char *action,
             const char *target)
{
  GtkWidget *button = target != NULL ? gtk_toggle_button_new_with_label (label) : gtk_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static GtkWidget *
build_mark_tools (AttestPdfPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *color_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autoptr(GMenu) menu = g_menu_new ();

  self->mark_color = g_strdup (ATTEST_ANNOTATION_DEFAULT_COLOR);
  self->tool = g_strdup ("select");
  gtk_widget_add_css_class (box, "linked");
  /* Translators: a toolbar button: marks the selected text */
  gtk_box_append (GTK_BOX (box), tool_button (_("Highlight"), _("Highlight the selected text (Ctrl+Shift+H)"),
                                              "pdf.highlight", NULL));
  /* Translators: a toolbar button: draw rectangles on the pages */
  gtk_box_append (GTK_BOX (box), tool_button (_("Rectangle"),
                                              _("Draw a rectangle on a page (Ctrl+Shift+R; Enter marks the page shown, Escape stops)"),
                                              "pdf.tool", "rectangle"));
  /* Translators: a toolbar button: drop notes on the pages */
  gtk_box_append (GTK_BOX (box), tool_button (_("Note"),
                                              _("Click a page to drop a note (Ctrl+Shift+N; Enter drops one on the page shown, Escape stops)"),
                                              "pdf.tool", "note"));
  for (guint i = 0; i < attest_pdf_mark_palette_size (); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (attest_pdf_mark_palette_name (i), NULL);

      g_menu_item_set_action_and_target_value (item, "pdf.mark-color",
                                               g_variant_new_string (attest_pdf_mark_palette_color (i)));
      g_menu_append_item (menu, item);
    }
  self->color_swatch = gtk_label_new ("●");
  gtk_widget_add_css_class (self->color_swatch, "mark-swatch");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->color_swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  self->color_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (color_box), self->color_swatch);
  gtk_box_append (GTK_BOX (color_box), GTK_WIDGET (self->color_label));
  gtk_box_append (GTK_BOX (color_box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  self->color_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->color_button, color_box);
  gtk_menu_button_set_menu_model (self->color_button, G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->color_button), _("The colour of new marks (Ctrl+Shift+C)"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->color_button));
  update_color_button (self);
  self->mark_tools = box;
  return box;
}

static GtkWidget *
build_more_menu (AttestPdfPage *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  g_autoptr(GMenuItem) marks = g_menu_item_new (_("_Marks"), "pdf.show-marks");
  g_autoptr(GMenuItem) save = g_menu_item_new (_("Save _Annotated Copy…"), "pdf.save-annotated");

  g_menu_item_set_attribute (marks, "accel", "s", "<Control><Shift>m");
  g_menu_item_set_attribute (save, "accel", "s", "<Control><Shift>e");
  g_menu_append_item (menu, marks);
  g_menu_append_item (menu, save);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More"), -1);
  return button;
}

/* The file let go: its marks too, and the tools do nothing, the toolbar
 * unchanged (the page may be fading out: GTK 4.8 would draw it unallocated). */
static void
forget_marks (AttestPdfPage *self)
{
  attest_pdf_marks_set_source (self->marks, NULL, NULL, NULL, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.highlight", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.save-annotated", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.show-marks", FALSE);
  if (g_strcmp0 (self->tool, "select") != 0)
    set_tool (self, "select");
}

/**
 * attest_pdf_page_set_marks_source:
 * @workspace: (nullable): where the PDF's marks are kept: NULL for a PDF
 *   that is not evidence (no marks, no tools)
 * @sha256: (nullable): the evidence file
 * @namer: (nullable): names a cell ("SOC 2 × Intune") for its items
 */
void
attest_pdf_page_set_marks_source (AttestPdfPage     *self,
                                  AttestWorkspace   *workspace,
                                  const char        *sha256,
                                  AttestPdfCellNamer namer,
                                  gpointer           namer_data)
{
  gboolean writable;

  g_return_if_fail (ATTEST_IS_PDF_PAGE (self));

  attest_pdf_marks_set_source (self->marks, workspace, sha256, self->display_name, namer, namer_data);
  writable = workspace != NULL && sha256 != NULL && !attest_workspace_is_read_only (workspace);
  gtk_widget_set_visible (self->mark_tools, workspace != NULL && sha256 != NULL);
  gtk_widget_set_sensitive (self->mark_tools, writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.highlight", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.save-annotated", workspace != NULL && sha256 != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.show-marks", workspace != NULL && sha256 != NULL);
  if (!writable)
    set_tool (self, "select");
}

/**
 * attest_pdf_page_get_marks:
 *
 * Returns: (transfer none): the Marks sidebar page
 */
AttestPdfMarks *
attest_pdf_page_get_marks (AttestPdfPage *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_PAGE (self), NULL);
  return self->marks;
}

static GtkWidget *
build_toolbar (AttestPdfPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) fit = g_menu_new ();
  g_autoptr(GMenu) steps = g_menu_new ();
  GtkWidget *zoom_box;
  GtkWidget *print;

  gtk_widget_add_css_class (bar, "toolbar");
  self->page_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->page_entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->page_entry), 6);
  gtk_entry_set_alignment (self->page_entry, 1.0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->page_entry), _("Go to a page by its number or label"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page"), -1);
  g_signal_connect (self->page_entry, "activate", G_CALLBACK (page_entry_activated), self);
  self->of_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->of_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->of_label), "numeric");

  g_menu_append (fit, _("Fit _Width"), "pdf.fit-width");
  g_menu_append (fit, _("Fit _Page"), "pdf.fit-page");
  g_menu_append (steps, _("Zoom _In"), "pdf.zoom-in");
  g_menu_append (steps, _("Zoom _Out"), "pdf.zoom-out");
  g_menu_append (steps, _("_Actual Size"), "pdf.zoom-reset");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (fit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (steps));
  self->zoom_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  zoom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->zoom_label = GTK_LABEL (gtk_label_new ("100 %"));
  gtk_widget_add_css_class (GTK_WIDGET (self->zoom_label), "numeric");
  gtk_box_append (GTK_BOX (zoom_box), GTK_WIDGET (self->zoom_label));
  gtk_box_append (GTK_BOX (zoom_box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->zoom_button, zoom_box);
  gtk_menu_button_set_menu_model (self->zoom_button, G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->zoom_button), _("Zoom"));

  self->sidebar_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->sidebar_button), "sidebar-show-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_button), _("Contents"));
  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->sidebar_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->page_entry));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->of_label));
  gtk_box_append (GTK_BOX (bar), build_title (self));
  /* Find shown as well as on Ctrl+F: its state is the search bar's
   * (bound in init, once the bar is built). */
  self->find_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->find_button), "edit-find-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->find_button), _("Find in the PDF"));
  gtk_box_append (GTK_BOX (bar), build_mark_tools (self));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->find_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->zoom_button));
  print = gtk_button_new_from_icon_name ("printer-symbolic");
  gtk_widget_set_tooltip_text (print, _("Print the PDF"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "pdf.print");
  gtk_box_append (GTK_BOX (bar), print);
  gtk_box_append (GTK_BOX (bar), build_more_menu (self));
  return bar;
}

static void
attest_pdf_page_init (AttestPdfPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *view_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->toolbar = build_toolbar (self);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Opening the PDF"), -1);
  gtk_stack_add_named (self->stack, spinner, "loading");

  self->view = ATTEST_PDF_VIEW (attest_pdf_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (view_box), self->toolbar);
  gtk_box_append (GTK_BOX (view_box), build_search_bar (self));
  g_object_bind_property (self->find_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), build_sidebar (self));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  /* The sidebar's width, whatever its pages would like (the analyst drags
   * the handle): the pages and the file's name keep the room. */
  gtk_paned_set_position (GTK_PANED (paned), 260);
  gtk_paned_set_end_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (view_box), paned);
  g_object_bind_property (self->sidebar_button, "active", self->sidebar, "visible", G_BINDING_SYNC_CREATE);
  gtk_stack_add_named (self->stack, view_box, "view");
  g_signal_connect_swapped (self->view, "notify::page", G_CALLBACK (queue_update_controls), self);
  g_signal_connect_swapped (self->view, "uri-activated", G_CALLBACK (confirm_uri), self);
  g_signal_connect_swapped (self->view, "notify::zoom", G_CALLBACK (queue_update_controls), self);
  g_signal_connect_swapped (self->view, "mark-drawn", G_CALLBACK (mark_drawn), self);

  gtk_stack_add_named (self->stack, build_password_page (self), "password");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("This PDF Cannot Be Opened"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  gtk_stack_set_visible_child_name (self->stack, "loading");
  attest_unshown_follow_stack (self->stack);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

GtkWidget *
attest_pdf_page_new (void)
{
  return g_object_new (ATTEST_TYPE_PDF_PAGE, NULL);
}
