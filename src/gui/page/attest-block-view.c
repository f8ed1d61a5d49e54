/* attest-block-view.c: a read-only text view of a block list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GtkTextBuffer filled by an AttestBlockRenderer: continuous selection
 * and Copy across blocks, links that say where they go (a hand on hover,
 * "activate-link" on a click or Enter: the view never opens anything), and
 * tables and rules as anchored widgets sized to the text width on resize
 * (GTK 4.8 gives an anchored widget only its own size request).
 */
#define G_LOG_DOMAIN "attest-block-view"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-block-view.h"

struct _AttestBlockView
{
  GtkTextView parent_instance;

  AttestBlockRenderer *renderer;
  GPtrArray *children;          /* GtkWidget: anchored tables and rules */
  int children_width;           /* the text width they were last sized for */
  guint size_source;
  guint height_source;
  guint height_checks;          /* asks left once the size stays as it is */
  int allocated_width;
  int allocated_height;
  gboolean on_link;
};

G_DEFINE_FINAL_TYPE (AttestBlockView, attest_block_view, GTK_TYPE_TEXT_VIEW)

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_link (AttestBlockView *self,
           const char      *uri)
{
  g_autofree char *copy = g_strdup (uri);   /* the tag table owns @uri */

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, copy);
}

/* ---- anchored widgets ---------------------------------------------- */

static int
text_width (AttestBlockView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  return gtk_widget_get_width (GTK_WIDGET (self))
         - gtk_text_view_get_left_margin (view) - gtk_text_view_get_right_margin (view);
}

static void
size_child (AttestBlockView *self,
            GtkWidget       *child,
            int              width)
{
  int avail = MAX (width - attest_block_renderer_get_child_indent (child), 1);
  int natural = 0;

  if (GTK_IS_SEPARATOR (child))
    {
      gtk_widget_set_size_request (child, avail, -1);
      return;
    }
  /* A table as wide as its text, no wider than the view: its labels wrap. */
  gtk_widget_set_size_request (child, -1, -1);
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  gtk_widget_set_size_request (child, MIN (natural, avail), -1);
}

/* The text layout keeps the size an anchored widget had when its line was laid
 * out: touching the tags of those lines lays them out again. */
static void
relayout_children (AttestBlockView *self)
{
  GtkTextTagTable *tags = attest_block_renderer_get_tag_table (self->renderer);
  static const char *names[] = { ATTEST_BLOCK_TAG_TABLE, ATTEST_BLOCK_TAG_RULE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_set (gtk_text_tag_table_lookup (tags, names[i]), "pixels-inside-wrap", 0, NULL);
}

static gboolean
size_children (gpointer user_data)
{
  AttestBlockView *self = user_data;
  int width = text_width (self);

  self->size_source = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;
  self->children_width = width;
  for (guint i = 0; i < self->children->len; i++)
    size_child (self, g_ptr_array_index (self->children, i), width);
  relayout_children (self);
  return G_SOURCE_REMOVE;
}

static void
queue_size_children (AttestBlockView *self)
{
  if (self->size_source == 0 && self->children->len > 0)
    self->size_source = g_idle_add (size_children, self);
}

static gboolean
on_label_link (GtkLabel        *label,
               const char      *uri,
               AttestBlockView *self)
{
  emit_link (self, uri);
  return TRUE;
}

static void
on_child_anchored (AttestBlockRenderer *renderer,
                   GtkTextBuffer       *buffer,
                   GtkTextChildAnchor  *anchor,
                   GtkWidget           *child,
                   AttestBlockView     *self)
{
  if (buffer != gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)))
    return;
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self), child, anchor);
  g_ptr_array_add (self->children, g_object_ref (child));
  for (GtkWidget *c = gtk_widget_get_first_child (child); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c))
      g_signal_connect_object (c, "activate-link", G_CALLBACK (on_label_link), self, 0);
  /* Sized once the view has its width (and the text is laid out). */
  queue_size_children (self);
}

/* ---- links --------------------------------------------------------- */

static const char *
link_at_point (AttestBlockView *self,
               double           x,
               double           y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
    return NULL;
  return attest_block_renderer_get_link_at_iter (&iter);
}

static void
set_on_link (AttestBlockView *self,
             gboolean         on_link)
{
  if (self->on_link == on_link)
    return;
  self->on_link = on_link;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), on_link ? "pointer" : "text");
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AttestBlockView          *self)
{
  set_on_link (self, link_at_point (self, x, y) != NULL);
}

static void
on_leave (GtkEventControllerMotion *controller,
          AttestBlockView          *self)
{
  set_on_link (self, FALSE);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             AttestBlockView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  const char *uri;

  if (n_press != 1 || gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY)
    return;
  /* The end of a drag that selected text is not a click on a link. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return;
  uri = link_at_point (self, x, y);
  if (uri != NULL)
    emit_link (self, uri);
}

/* Enter on a link: the one at the caret, or just before it. */
static gboolean
activate_link_at_cursor (AttestBlockView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  const char *uri;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  uri = attest_block_renderer_get_link_at_iter (&iter);
  if (uri == NULL && gtk_text_iter_backward_char (&iter))
    uri = attest_block_renderer_get_link_at_iter (&iter);
  if (uri == NULL)
    return FALSE;
  emit_link (self, uri);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AttestBlockView       *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
      && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0)
    return activate_link_at_cursor (self);
  return FALSE;
}

static void
activate_link_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  activate_link_at_cursor (ATTEST_BLOCK_VIEW (widget));
}

/* The caret shows while the view has the focus, so the keyboard reaches links. */
static void
on_focus_enter (GtkEventControllerFocus *controller,
                AttestBlockView         *self)
{
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self), TRUE);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                AttestBlockView         *self)
{
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self), FALSE);
}

/* ---- boxes behind quotes, notes and code -------------------------------- */

/* The box tag of the paragraph @iter starts, or NULL; *continues: whether
 * the paragraph goes on the box of the one before. */
static GtkTextTag *
line_box_tag (const GtkTextIter *iter,
              gboolean          *continues)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_iter_get_buffer (iter));
  GtkTextTag *continue_tag = gtk_text_tag_table_lookup (table, ATTEST_BLOCK_TAG_BOX_CONTINUES);
  GtkTextTag *box = NULL;

  if (continues != NULL)
    *continues = FALSE;
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      if (attest_block_renderer_get_tag_box (l->data) != NULL)
        box = l->data;
      else if (continues != NULL && l->data == (gpointer) continue_tag)
        *continues = TRUE;
    }
  return box;
}

static void
draw_box (GtkSnapshot          *snapshot,
          const AttestBlockBox *box,
          const graphene_rect_t *rect)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, 6);
  if (box->background.alpha > 0)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &box->background, rect);
      gtk_snapshot_pop (snapshot);
    }
  if (box->bar.alpha > 0)
    {
      GskRoundedRect bar;

      gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (rect->origin.x, rect->origin.y,
                                                                  3, rect->size.height), 1.5f);
      gtk_snapshot_push_rounded_clip (snapshot, &bar);
      gtk_snapshot_append_color (snapshot, &box->bar, &bar.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

/* Below the text, in buffer coordinates: one box per paragraph with a box
 * tag and the paragraphs that continue it; visible lines only. */
static void
attest_block_view_snapshot_layer (GtkTextView      *view,
                                  GtkTextViewLayer  layer,
                                  GtkSnapshot      *snapshot)
{
  GdkRectangle visible;
  GtkTextIter iter;
  int right;

  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  /* Buffer x counts from the widget's left edge, the view's margin included. */
  right = gtk_widget_get_width (GTK_WIDGET (view)) - gtk_text_view_get_right_margin (view);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, NULL);
  /* A box that starts above the top is drawn whole, so its corners are right. */
  for (;;)
    {
      GtkTextIter prev = iter;
      gboolean continues;

      if (line_box_tag (&iter, &continues) == NULL || !continues || !gtk_text_iter_backward_line (&prev))
        break;
      iter = prev;
    }

  for (;;)
    {
      GtkTextTag *t = line_box_tag (&iter, NULL);
      GtkTextIter last = iter;
      GdkRectangle first_rect;
      int y, height, left;

      gtk_text_view_get_iter_location (view, &iter, &first_rect);
      if (first_rect.y > visible.y + visible.height)
        break;
      if (t == NULL)
        {
          if (!gtk_text_iter_forward_line (&iter))
            break;
          continue;
        }
      left = first_rect.x;
      for (;;)
        {
          GtkTextIter next = last;
          gboolean continues;

          if (!gtk_text_iter_forward_line (&next) || line_box_tag (&next, &continues) != t || !continues)
            break;
          last = next;
        }
      gtk_text_view_get_line_yrange (view, &last, &y, &height);
      draw_box (snapshot, attest_block_renderer_get_tag_box (t),
                &GRAPHENE_RECT_INIT (left - ATTEST_BLOCK_BOX_PADDING,
                                     first_rect.y - ATTEST_BLOCK_BOX_PADDING_Y,
                                     right - left + ATTEST_BLOCK_BOX_PADDING,
                                     y + height - first_rect.y + 2 * ATTEST_BLOCK_BOX_PADDING_Y));
      iter = last;
      if (!gtk_text_iter_forward_line (&iter))
        break;
    }
}

/* ---- the widget ---------------------------------------------------- */

/* Ctrl+C: tables as tab-separated lines, line breaks as "\n". */
static void
attest_block_view_copy_clipboard (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  text = attest_block_renderer_dup_text (&start, &end);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (view)), text);
}

/* GTK 4.8's GtkTextView adds the largest anchored widget's size (as if it
 * stood beside the text) to its own, though the widget's line already holds
 * it: a table measured at its narrowest made a note hundreds of pixels too
 * tall, and a table sized to the view kept the view from ever narrowing.
 * What GtkTextView added is taken off again. */
static void
attest_block_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AttestBlockView *self = ATTEST_BLOCK_VIEW (widget);
  int child_min = 0, child_nat = 0;

  GTK_WIDGET_CLASS (attest_block_view_parent_class)->measure (widget, orientation, for_size,
                                                              minimum, natural,
                                                              minimum_baseline, natural_baseline);
  for (guint i = 0; i < self->children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->children, i);
      int cmin = 0, cnat = 0;

      if (!gtk_widget_get_visible (child) || gtk_widget_get_parent (child) != widget)
        continue;
      gtk_widget_measure (child, orientation, -1, &cmin, &cnat, NULL, NULL);
      child_min = MAX (child_min, cmin);
      child_nat = MAX (child_nat, cnat);
    }
  *minimum = MAX (*minimum - child_min, 0);
  *natural = MAX (*natural - child_nat, *minimum);
}

static gboolean
check_height (gpointer user_data)
{
  AttestBlockView *self = user_data;

  /* A measure now would answer from GTK's cache: ask anew. */
  self->height_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
attest_block_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  AttestBlockView *self = ATTEST_BLOCK_VIEW (widget);

  GTK_WIDGET_CLASS (attest_block_view_parent_class)->size_allocate (widget, width, height, baseline);
  /* GTK 4.8's GtkTextView outside a scrolled window measures the text as it
   * was last laid out, and lays it out anew at the new width only later, in
   * idle steps, without asking for a new size: the view asks again a little
   * later, until its size has stayed as it is a few times. */
  if (width != self->allocated_width || height != self->allocated_height)
    self->height_checks = 3;
  else if (self->height_checks > 0)
    self->height_checks--;
  if (self->height_checks > 0 && self->height_source == 0
      && !GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (widget)))
    self->height_source = g_timeout_add (40, check_height, self);
  self->allocated_width = width;
  self->allocated_height = height;
  /* Resizing the children here would lay out again inside this allocation. */
  if (text_width (self) != self->children_width)
    queue_size_children (self);
}

static void
attest_block_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  AttestBlockView *self = ATTEST_BLOCK_VIEW (widget);

  GTK_WIDGET_CLASS (attest_block_view_parent_class)->css_changed (widget, change);
  /* Light, dark or high contrast: the tags follow (and only change when a colour did). */
  attest_block_renderer_update_colors (self->renderer, widget);
}

static void
attest_block_view_dispose (GObject *object)
{
  AttestBlockView *self = ATTEST_BLOCK_VIEW (object);

  g_clear_handle_id (&self->size_source, g_source_remove);
  g_clear_handle_id (&self->height_source, g_source_remove);
  if (self->renderer != NULL)
    g_signal_handlers_disconnect_by_data (self->renderer, self);
  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (attest_block_view_parent_class)->dispose (object);
}

static void
attest_block_view_finalize (GObject *object)
{
  AttestBlockView *self = ATTEST_BLOCK_VIEW (object);

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (attest_block_view_parent_class)->finalize (object);
}

static void
attest_block_view_class_init (AttestBlockViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = attest_block_view_dispose;
  object_class->finalize = attest_block_view_finalize;
  widget_class->measure = attest_block_view_measure;
  widget_class->size_allocate = attest_block_view_size_allocate;
  widget_class->css_changed = attest_block_view_css_changed;
  text_view_class->copy_clipboard = attest_block_view_copy_clipboard;
  text_view_class->snapshot_layer = attest_block_view_snapshot_layer;

  /**
   * AttestBlockView::activate-link:
   * @uri: the link's target, as the Markdown wrote it
   *
   * The user clicked a link, or pressed Enter on one. The view opens
   * nothing: the handler decides (and asks).
   */
  signals[ACTIVATE_LINK] =
    g_signal_new ("activate-link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING);

  /* What Enter does on a link, for anyone who can reach the caret. */
  gtk_widget_class_install_action (widget_class, "block-view.activate-link", NULL, activate_link_action);

  gtk_widget_class_set_css_name (widget_class, "textview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
connect_renderer (AttestBlockView *self)
{
  g_signal_connect_object (self->renderer, "child-anchored", G_CALLBACK (on_child_anchored), self, 0);
  g_signal_connect_object (self->renderer, "boxes-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

static void
attest_block_view_init (AttestBlockView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  g_autoptr(GtkTextBuffer) buffer = NULL;
  GtkEventController *controller;

  self->renderer = attest_block_renderer_new ();
  self->children = g_ptr_array_new_with_free_func (g_object_unref);
  connect_renderer (self);
  buffer = attest_block_renderer_new_buffer (self->renderer);
  gtk_text_view_set_buffer (view, buffer);

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, 12);
  gtk_text_view_set_right_margin (view, 12);
  gtk_text_view_set_top_margin (view, 12);
  gtk_text_view_set_bottom_margin (view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "block-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
attest_block_view_new (void)
{
  return g_object_new (ATTEST_TYPE_BLOCK_VIEW, NULL);
}

/**
 * attest_block_view_set_blocks:
 * @blocks: (nullable) (element-type AttestBlock): what to show; read now, not kept
 *
 * Replaces what the view shows.
 */
void
attest_block_view_set_blocks (AttestBlockView *self,
                              GPtrArray       *blocks)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (ATTEST_IS_BLOCK_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  /* Deleting the anchors takes their widgets out of the view. */
  gtk_text_buffer_set_text (buffer, "", 0);
  g_ptr_array_set_size (self->children, 0);
  if (blocks != NULL)
    attest_block_renderer_append (self->renderer, buffer, blocks);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

/**
 * attest_block_view_get_renderer:
 *
 * Returns: (transfer none): the renderer that fills the view's buffer
 */
AttestBlockRenderer *
attest_block_view_get_renderer (AttestBlockView *self)
{
  g_return_val_if_fail (ATTEST_IS_BLOCK_VIEW (self), NULL);
  return self->renderer;
}

/**
 * attest_block_view_set_renderer:
 * @renderer: a renderer to share with other views (one tag table for a page
 *   of many views)
 *
 * Draws with @renderer from now on; the view is emptied.
 */
void
attest_block_view_set_renderer (AttestBlockView     *self,
                                AttestBlockRenderer *renderer)
{
  g_autoptr(GtkTextBuffer) buffer = NULL;

  g_return_if_fail (ATTEST_IS_BLOCK_VIEW (self));
  g_return_if_fail (ATTEST_IS_BLOCK_RENDERER (renderer));

  if (renderer == self->renderer)
    return;
  g_signal_handlers_disconnect_by_data (self->renderer, self);
  g_set_object (&self->renderer, renderer);
  connect_renderer (self);
  g_ptr_array_set_size (self->children, 0);
  buffer = attest_block_renderer_new_buffer (self->renderer);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), buffer);
}

/* What a screen reader calls the view ("Note, edited …"). */
void
attest_block_view_set_accessible_label (AttestBlockView *self,
                                        const char      *label)
{
  g_return_if_fail (ATTEST_IS_BLOCK_VIEW (self));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The anchored widgets (tables, rules), in buffer order. */
guint
attest_block_view_get_n_children (AttestBlockView *self)
{
  g_return_val_if_fail (ATTEST_IS_BLOCK_VIEW (self), 0);
  return self->children->len;
}

/**
 * attest_block_view_get_child:
 *
 * Returns: (transfer none): anchored widget @index
 */
GtkWidget *
attest_block_view_get_child (AttestBlockView *self,
                             guint            index)
{
  g_return_val_if_fail (ATTEST_IS_BLOCK_VIEW (self), NULL);
  g_return_val_if_fail (index < self->children->len, NULL);
  return g_ptr_array_index (self->children, index);
}
