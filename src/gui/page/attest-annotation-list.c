/* attest-annotation-list.c: the highlights of one page section, in the page view's notes pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row a section annotation: its colour by name (never by colour alone),
 * the passage, the analyst's text and the checklist items it supports, with
 * Edit (AttestAnnotationEditor) and Delete. Delete is at once (one history
 * row) and says so in a toast of the window's, whose Undo adds the
 * annotation back as it was, under its id. Activating a row asks the page
 * view to show the passage (::activate-annotation); every change to the
 * store is said with ::changed, so the page view draws the highlights anew.
 */
#define G_LOG_DOMAIN "attest-annotation-list"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-annotation-editor.h"
#include "attest-annotation-list.h"
#include "attest-block-view.h"
#include "attest-link-opener.h"
#include "attest-markdown.h"
#include "attest-markup.h"
#include "attest-workspace-names.h"
#include "attest-toast.h"

#define ANNOTATION_KEY "attest-annotation"

struct _AttestAnnotationList
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *empty_label;
  GtkListBox *list;
  AdwToastOverlay *own_overlay;   /* toasts when the list is in no window's overlay */

  AttestWorkspace *workspace;
  char *framework_id;
  char *section_key;
  guint n_annotations;
};

G_DEFINE_FINAL_TYPE (AttestAnnotationList, attest_annotation_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  ACTIVATE_ANNOTATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const AttestAnnotation *a = data;
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, a->color != NULL ? a->color : ATTEST_ANNOTATION_DEFAULT_COLOR))
    return;
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Into the window's toast overlay (the page view sits in it), else the list's own. */
static void
add_toast (AttestAnnotationList *self,
           AdwToast             *toast)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *overlay = parent != NULL ? gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY) : NULL;

  attest_toast_show (overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : self->own_overlay, toast);
}

void
attest_annotation_list_show_toast (AttestAnnotationList *self,
                                   const char           *message)
{
  add_toast (self, attest_toast_new_plain (message));
}

static void
on_saved (AttestAnnotationEditor *editor,
          gint64                  id,
          AttestAnnotationList   *self)
{
  attest_annotation_list_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * attest_annotation_list_edit:
 *
 * Opens the editor on @annotation (a stored one, or one to add); the list
 * and the page follow when it is saved.
 */
void
attest_annotation_list_edit (AttestAnnotationList   *self,
                             const AttestAnnotation *annotation)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AttestAnnotationEditor *editor;

  g_return_if_fail (ATTEST_IS_ANNOTATION_LIST (self));
  if (self->workspace == NULL)
    return;
  editor = attest_annotation_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->workspace, annotation);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_clicked (GtkButton            *button,
              AttestAnnotationList *self)
{
  attest_annotation_list_edit (self, g_object_get_data (G_OBJECT (button), ANNOTATION_KEY));
}

typedef struct {
  AttestAnnotationList *self;   /* weak */
  AttestWorkspace *workspace;
  AttestAnnotation *annotation;
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_weak_pointer (&undo->self);
  g_object_unref (undo->workspace);
  attest_annotation_free (undo->annotation);
  g_free (undo);
}

static void
undo_notify (gpointer  data,
             GClosure *closure)
{
  undo_free (data);
}

static void
undo_clicked (AdwToast *toast,
              Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestAnnotation) back = attest_annotation_copy (undo->annotation);

  /* Back under its own id, with its links. */
  if (!attest_workspace_add_annotation (undo->workspace, back, &error))
    {
      if (undo->self != NULL)
        attest_annotation_list_show_toast (undo->self, error->message);
      return;
    }
  if (undo->self != NULL)
    {
      attest_annotation_list_reload (undo->self);
      g_signal_emit (undo->self, signals[CHANGED], 0);
    }
}

static void
delete_clicked (GtkButton            *button,
                AttestAnnotationList *self)
{
  const AttestAnnotation *a = g_object_get_data (G_OBJECT (button), ANNOTATION_KEY);
  g_autoptr(GError) error = NULL;
  Undo *undo;
  AdwToast *toast;

  undo = g_new0 (Undo, 1);
  g_set_weak_pointer (&undo->self, self);
  undo->workspace = g_object_ref (self->workspace);
  undo->annotation = attest_annotation_copy (a);
  if (!attest_workspace_delete_annotation (self->workspace, a->id, &error))
    {
      undo_free (undo);
      attest_annotation_list_show_toast (self, error->message);
      return;
    }
  toast = attest_toast_new_plain (_("Highlight deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Normal priority: libadwaita 1.2 aborts when a high one pushes back a
   * toast shown (adw-toast-overlay.c show_toast), and the window has others. */
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked), undo,
                         undo_notify, 0);
  attest_annotation_list_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
  add_toast (self, toast);
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

static void
on_row_activated (GtkListBox           *list,
                  GtkListBoxRow        *row,
                  AttestAnnotationList *self)
{
  const AttestAnnotation *a = g_object_get_data (G_OBJECT (row), ANNOTATION_KEY);

  if (a != NULL)
    g_signal_emit (self, signals[ACTIVATE_ANNOTATION], 0, a->id);
}

static void
on_activate_link (AttestBlockView      *view,
                  const char           *uri,
                  AttestAnnotationList *self)
{
  attest_link_opener_ask (GTK_WIDGET (self), uri);
}

/* The analyst's Markdown, drawn as notes are; beyond what Markdown is drawn
 * for (nested too deep), shown as it is. */
static GtkWidget *
text_view (AttestAnnotationList *self,
           const char           *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = attest_markdown_parse_blocks (text, -1, &error);
  GtkWidget *view = attest_block_view_new ();

  if (blocks == NULL)
    {
      AttestBlock *block = attest_block_new (ATTEST_BLOCK_PARAGRAPH);

      g_ptr_array_add (block->runs, attest_run_new (text, -1, 0, NULL));
      blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_block_free);
      g_ptr_array_add (blocks, block);
    }
  attest_block_view_set_blocks (ATTEST_BLOCK_VIEW (view), blocks);
  /* Translators: what a screen reader calls the analyst's text on a highlight */
  attest_block_view_set_accessible_label (ATTEST_BLOCK_VIEW (view), _("Highlight text"));
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 0);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 0);
  g_signal_connect_object (view, "activate-link", G_CALLBACK (on_activate_link), self, 0);
  return view;
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  return label;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
annotation_row (AttestAnnotationList *self,
                AttestWorkspaceNames *names,
                AttestAnnotation     *a)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label, *button;
  g_autofree char *color = attest_annotation_color_describe (a->color);
  g_autofree char *quote = NULL;
  g_autofree char *accessible = NULL;

  g_object_set_data_full (G_OBJECT (row), ANNOTATION_KEY, a, (GDestroyNotify)attest_annotation_free);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, a, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), swatch);
  /* Translators: the kind of mark in the notes pane, after its colour's name: "Yellow highlight" */
  label = gtk_label_new (NULL);
  {
    g_autofree char *text = g_strdup_printf (_("%s highlight"), color);

    gtk_label_set_text (GTK_LABEL (label), text);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (top), label);
  button = icon_button ("document-edit-symbolic", _("Edit Highlight"));
  g_object_set_data (G_OBJECT (button), ANNOTATION_KEY, a);
  g_signal_connect (button, "clicked", G_CALLBACK (edit_clicked), self);
  gtk_box_append (GTK_BOX (top), button);
  button = icon_button ("user-trash-symbolic", _("Delete Highlight"));
  g_object_set_data (G_OBJECT (button), ANNOTATION_KEY, a);
  g_signal_connect (button, "clicked", G_CALLBACK (delete_clicked), self);
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (box), top);

  /* Translators: a highlighted passage, quoted in the notes pane */
  quote = g_strdup_printf (_("“%s”"), a->quote != NULL ? a->quote : "");
  label = wrapped_label (quote);
  gtk_label_set_lines (GTK_LABEL (label), 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (a->text != NULL && *a->text != '\0')
    gtk_box_append (GTK_BOX (box), text_view (self, a->text));

  for (guint i = 0; a->item_ids != NULL && i < a->item_ids->len; i++)
    {
      g_autofree char *item = attest_workspace_names_item_title (names, g_array_index (a->item_ids, gint64, i));
      /* Translators: a checklist item a highlight supports, in the notes pane; %s is the item */
      g_autofree char *text = g_strdup_printf (_("Supports %s"), item);

      label = wrapped_label (text);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Translators: what a screen reader says of a highlight in the notes pane: its colour, the passage */
  accessible = g_strdup_printf (_("%s highlight: %s"), color, a->quote != NULL ? a->quote : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Activate to show the passage"),
                                  -1);
  gtk_widget_set_tooltip_text (row, _("Show the passage"));
  return row;
}

/* The section's annotations, read anew. */
void
attest_annotation_list_reload (AttestAnnotationList *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspaceNames) names = NULL;
  GtkWidget *child;

  g_return_if_fail (ATTEST_IS_ANNOTATION_LIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_annotations = 0;
  if (self->workspace != NULL && self->section_key != NULL)
    {
      annotations = attest_workspace_list_section_annotations (self->workspace, self->framework_id,
                                                               self->section_key, &error);
      if (annotations == NULL)
        g_warning ("Could not read the highlights: %s", error->message);
      names = attest_workspace_names_new (self->workspace);
    }
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      AttestAnnotation *a = g_ptr_array_steal_index (annotations, i--);

      gtk_list_box_append (self->list, annotation_row (self, names, a));
      self->n_annotations++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_annotations > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n_annotations == 0);
}

/**
 * attest_annotation_list_set_section:
 * @title: the section's heading as shown
 */
void
attest_annotation_list_set_section (AttestAnnotationList *self,
                                    AttestWorkspace      *workspace,
                                    const char           *framework_id,
                                    const char           *section_key,
                                    const char           *title)
{
  g_return_if_fail (ATTEST_IS_ANNOTATION_LIST (self));

  g_set_object (&self->workspace, workspace);
  g_free (self->framework_id);
  self->framework_id = g_strdup (framework_id);
  g_free (self->section_key);
  self->section_key = g_strdup (section_key);
  if (title != NULL)
    {
      /* Translators: the heading over the highlights of one section of a page; %s is its title */
      g_autofree char *text = g_strdup_printf (_("Highlights in “%s”"), title);

      gtk_label_set_text (self->title_label, text);
    }
  attest_annotation_list_reload (self);
}

guint
attest_annotation_list_get_n_annotations (AttestAnnotationList *self)
{
  g_return_val_if_fail (ATTEST_IS_ANNOTATION_LIST (self), 0);
  return self->n_annotations;
}

static void
attest_annotation_list_dispose (GObject *object)
{
  AttestAnnotationList *self = ATTEST_ANNOTATION_LIST (object);

  if (self->own_overlay != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->own_overlay));
      self->own_overlay = NULL;
    }
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_annotation_list_parent_class)->dispose (object);
}

static void
attest_annotation_list_finalize (GObject *object)
{
  AttestAnnotationList *self = ATTEST_ANNOTATION_LIST (object);

  g_free (self->framework_id);
  g_free (self->section_key);

  G_OBJECT_CLASS (attest_annotation_list_parent_class)->finalize (object);
}

static void
attest_annotation_list_class_init (AttestAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_annotation_list_dispose;
  object_class->finalize = attest_annotation_list_finalize;

  /**
   * AttestAnnotationList::changed:
   *
   * An annotation of the section was added, edited, deleted or brought back.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * AttestAnnotationList::activate-annotation:
   * @id: the annotation's id
   *
   * The reader asked to see the passage.
   */
  signals[ACTIVATE_ANNOTATION] =
    g_signal_new ("activate-annotation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
attest_annotation_list_init (AttestAnnotationList *self)
{
  self->own_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->own_overlay), GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  adw_toast_overlay_set_child (self->own_overlay, self->box);

  {
    GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *button = gtk_button_new ();
    GtkWidget *content = adw_button_content_new ();

    self->title_label = GTK_LABEL (wrapped_label (_("Highlights")));
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
    gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
    gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
    /* The page view's Highlight: the passage selected in the text (a
     * selection stays while the focus is here). */
    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    /* Translators: a button in the notes pane: the passage selected in the page becomes a highlight */
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Highlight"));
    adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
    gtk_button_set_child (GTK_BUTTON (button), content);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "page.highlight");
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    /* Translators: the tooltip of the notes pane's Highlight button */
    gtk_widget_set_tooltip_text (button, _("Highlight the passage selected in the page (Ctrl+Shift+H)"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Highlight the passage selected in the page"), -1);
    gtk_box_append (GTK_BOX (header), button);
    gtk_box_append (GTK_BOX (self->box), header);
  }

  /* Translators: the notes pane when a section has no highlight; the key is the Highlight shortcut */
  self->empty_label = GTK_LABEL (wrapped_label (_("No highlights yet. Select a passage in this section, "
                                                  "then Highlight (Ctrl+Shift+H or the text’s menu).")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->empty_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Highlights in this section"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
}

AttestAnnotationList *
attest_annotation_list_new (void)
{
  return g_object_new (ATTEST_TYPE_ANNOTATION_LIST, NULL);
}
