/* attest-note-editor.c: the Markdown notes on one target, rendered, with an inline editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notes hang on a cell, an item, a service or a framework (the targets of
 * attest-workspace-notes.h). Each is drawn from the core's block list by an
 * AttestBlockView; "Add Note" and "Edit" open one inline Markdown editor
 * (Ctrl+Enter saves, Escape cancels). A store error leaves the typed text
 * where it is and says why in a toast; a deleted note can be brought back
 * from its toast. Links open only after the user confirms the address.
 */
#define G_LOG_DOMAIN "attest-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-block-view.h"
#include "attest-link-opener.h"
#include "attest-markup.h"
#include "attest-markdown.h"
#include "attest-note-editor.h"
#include "attest-workspace-notes.h"
#include "attest-toast.h"

#define NOTE_ID_KEY "attest-note-id"

struct _AttestNoteEditor
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *scrolled_window;
  GtkLabel *title_label;
  GtkButton *add_button;
  GtkLabel *empty_label;
  GtkBox *notes_box;
  GtkBox *editor_box;
  GtkTextView *source_view;

  GtkWidget *unscrolled;      /* set_scrollable (FALSE): the scrolled window taken out (a ref) */

  AttestWorkspace *workspace;
  char *target;
  guint n_notes;

  gboolean editing;
  gint64 editing_id;          /* the note being edited; 0 for a new one */
  char *editing_original;     /* its text when the editor opened */
  AttestNote *deleted;        /* the last note deleted, for Undo */
  GHashTable *drafts;         /* target → Draft: text typed on a target left unsaved */
};

/* Text typed in the editor when the pane moved to another target: it comes
 * back when the pane returns, so moving around the matrix loses nothing. */
typedef struct {
  gint64 id;
  char *text;
} Draft;

static void
draft_free (Draft *draft)
{
  g_free (draft->text);
  g_free (draft);
}

G_DEFINE_FINAL_TYPE (AttestNoteEditor, attest_note_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (AttestNoteEditor *self,
            const char       *message)
{
  /* Messages name files and notes as they are. */
  attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
}

/* "2026-11-23 14:02", in local time. */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* ---- links ----------------------------------------------------------- */

static void
on_activate_link (AttestBlockView  *view,
                  const char       *uri,
                  AttestNoteEditor *self)
{
  attest_link_opener_ask (GTK_WIDGET (self), uri);
}

/* ---- the list of notes ------------------------------------------------ */

static GPtrArray *
note_blocks (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks = attest_markdown_parse_blocks (text, -1, &error);

  if (blocks == NULL)
    {
      /* Beyond what Markdown is drawn for (nested too deep): shown as it is. */
      AttestBlock *block = attest_block_new (ATTEST_BLOCK_PARAGRAPH);

      g_debug ("note shown as plain text: %s", error->message);
      g_ptr_array_add (block->runs, attest_run_new (text, -1, 0, NULL));
      blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_block_free);
      g_ptr_array_add (blocks, block);
    }
  return blocks;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *action,
             gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

static GtkWidget *
note_card (AttestNoteEditor *self,
           AttestNote       *note)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = attest_block_view_new ();
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *time;
  g_autoptr(GPtrArray) blocks = note_blocks (note->text);
  g_autofree char *when = format_time (note->updated_at);
  g_autofree char *time_text = NULL;
  g_autofree char *view_label = NULL;
  gboolean edited = g_strcmp0 (note->created_at, note->updated_at) != 0;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "note-card");
  g_object_set_data_full (G_OBJECT (card), NOTE_ID_KEY, g_memdup2 (&note->id, sizeof note->id), g_free);

  attest_block_view_set_blocks (ATTEST_BLOCK_VIEW (view), blocks);
  gtk_widget_add_css_class (view, "note-view");
  g_signal_connect_object (view, "activate-link", G_CALLBACK (on_activate_link), self, 0);

  /* Translators: %s is a date and time, "2026-11-23 14:02" */
  time_text = g_strdup_printf (edited ? _("Edited %s") : _("Added %s"), when);
  /* Translators: what a screen reader calls a rendered note; %s is "Edited 2026-11-23 14:02" */
  view_label = g_strdup_printf (_("Note, %s"), time_text);
  attest_block_view_set_accessible_label (ATTEST_BLOCK_VIEW (view), view_label);

  time = gtk_label_new (time_text);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_set_hexpand (time, TRUE);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_set_margin_start (footer, 12);
  gtk_widget_set_margin_end (footer, 6);
  gtk_widget_set_margin_bottom (footer, 6);
  gtk_box_append (GTK_BOX (footer), time);
  gtk_box_append (GTK_BOX (footer), icon_button ("document-edit-symbolic", _("Edit Note"), "note-editor.edit", note->id));
  gtk_box_append (GTK_BOX (footer), icon_button ("user-trash-symbolic", _("Delete Note"), "note-editor.delete", note->id));

  gtk_box_append (GTK_BOX (card), view);
  gtk_box_append (GTK_BOX (card), footer);
  return card;
}

static gint64
card_note_id (GtkWidget *card)
{
  gint64 *id = g_object_get_data (G_OBJECT (card), NOTE_ID_KEY);

  return id != NULL ? *id : 0;
}

static GtkWidget *
find_card (AttestNoteEditor *self,
           gint64            id)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (c != GTK_WIDGET (self->editor_box) && card_note_id (c) == id)
      return c;
  return NULL;
}

static void
update_state (AttestNoteEditor *self)
{
  gboolean can_add = self->workspace != NULL && self->target != NULL;
  /* A read-only workspace (another account's file, read-only media) shows
   * its notes and takes none: Add, Edit and Delete are insensitive. */
  gboolean writable = self->workspace == NULL || !attest_workspace_is_read_only (self->workspace);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.add", can_add && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.edit", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.delete", writable);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               writable ? NULL : _("The workspace is read-only: Save a Copy to make changes"));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), can_add && self->n_notes == 0 && !self->editing);
}

/* Shows the notes of the target as the store has them now. */
void
attest_note_editor_reload (AttestNoteEditor *self)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (ATTEST_IS_NOTE_EDITOR (self));

  child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (self->editor_box))
        gtk_box_remove (self->notes_box, child);
      child = next;
    }
  self->n_notes = 0;

  if (self->workspace != NULL && self->target != NULL)
    {
      notes = attest_workspace_list_notes (self->workspace, self->target, &error);
      if (notes == NULL)
        show_toast (self, error->message);
    }
  /* Oldest first, the editor of a new note after them. */
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      GtkWidget *card = note_card (self, g_ptr_array_index (notes, i));

      gtk_box_insert_child_after (self->notes_box, card,
                                  gtk_widget_get_prev_sibling (GTK_WIDGET (self->editor_box)));
      self->n_notes++;
    }
  if (self->editing && self->editing_id != 0)
    {
      GtkWidget *card = find_card (self, self->editing_id);

      if (card != NULL)
        {
          gtk_box_reorder_child_after (self->notes_box, GTK_WIDGET (self->editor_box), card);
          gtk_widget_set_visible (card, FALSE);
        }
    }
  update_state (self);
}

/* ---- the inline editor ------------------------------------------------- */

static void
close_editor (AttestNoteEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (self->source_view));

  self->editing = FALSE;
  self->editing_id = 0;
  g_clear_pointer (&self->editing_original, g_free);
  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_widget_set_visible (GTK_WIDGET (self->editor_box), FALSE);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (c != GTK_WIDGET (self->editor_box))
      gtk_widget_set_visible (c, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.cancel", FALSE);
  update_state (self);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

/* @original: the stored text of note @id; @text: what the editor shows */
static void
open_editor (AttestNoteEditor *self,
             gint64            id,
             const char       *original,
             const char       *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  GtkTextIter end;

  /* One editor at a time: whatever it showed goes back. */
  if (self->editing)
    close_editor (self);

  self->editing = TRUE;
  self->editing_id = id;
  self->editing_original = g_strdup (original != NULL ? original : "");
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  if (id != 0 && find_card (self, id) != NULL)
    {
      GtkWidget *card = find_card (self, id);

      /* In the note's place, instead of it. */
      gtk_box_reorder_child_after (self->notes_box, GTK_WIDGET (self->editor_box), card);
      gtk_widget_set_visible (card, FALSE);
    }
  else
    {
      /* A new note goes after the others. */
      GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->notes_box));

      if (last == GTK_WIDGET (self->editor_box))
        last = gtk_widget_get_prev_sibling (last);
      gtk_box_reorder_child_after (self->notes_box, GTK_WIDGET (self->editor_box), last);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  id != 0 ? _("Note Text") : _("New Note Text"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->editor_box), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.cancel", TRUE);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static char *source_text (AttestNoteEditor *self);

/* Typed text not saved yet: another note does not take the editor from it. */
static gboolean
keep_unsaved_text (AttestNoteEditor *self)
{
  g_autofree char *text = NULL;

  if (!self->editing)
    return FALSE;
  text = source_text (self);
  if (g_strcmp0 (text, self->editing_original) == 0)
    return FALSE;
  show_toast (self, _("Save or cancel the note being written first"));
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  return TRUE;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);

  if (self->workspace == NULL || self->target == NULL)
    return;
  if (self->editing && self->editing_id == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
      return;
    }
  if (keep_unsaved_text (self))
    return;
  open_editor (self, 0, NULL, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttestNote) note = NULL;
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL)
    return;
  if (self->editing && self->editing_id == id)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
      return;
    }
  if (keep_unsaved_text (self))
    return;
  /* The text as stored now, not as it was drawn. */
  note = attest_workspace_get_note (self->workspace, id, &error);
  if (note == NULL)
    {
      show_toast (self, error->message);
      attest_note_editor_reload (self);
      return;
    }
  /* Only the notes shown here are edited here (on the target, or on a
   * service merged into it). */
  if (self->target == NULL || !attest_workspace_note_is_on (self->workspace, id, self->target))
    return;
  if (find_card (self, id) == NULL)
    attest_note_editor_reload (self);
  open_editor (self, id, note->text, note->text);
}

static char *
source_text (AttestNoteEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 saved_id = self->editing_id;
  gboolean ok;

  if (!self->editing)
    return;
  if (self->workspace == NULL || self->target == NULL)
    {
      show_toast (self, _("There is no workspace to save the note in"));
      return;
    }
  text = source_text (self);
  if (saved_id != 0 && g_strcmp0 (text, self->editing_original) == 0)
    {
      /* Nothing changed: nothing to store. */
      close_editor (self);
      return;
    }
  if (is_blank (text))
    {
      show_toast (self, saved_id != 0 ? _("A note needs some text: to remove it, use Delete Note")
                                      : _("A note needs some text"));
      return;
    }

  if (saved_id != 0)
    ok = attest_workspace_update_note (self->workspace, saved_id, text, &error);
  else
    ok = attest_workspace_add_note (self->workspace, self->target, text, &saved_id, &error);
  if (!ok)
    {
      /* The typed text stays in the editor: nothing is lost. */
      show_toast (self, error->message);
      return;
    }

  close_editor (self);
  attest_note_editor_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);

  if (self->editing)
    close_editor (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttestNote) note = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->workspace == NULL)
    return;
  note = attest_workspace_get_note (self->workspace, id, &error);
  /* A note shown here: on the target, or on a service merged into it. */
  if (note != NULL && (self->target == NULL || !attest_workspace_note_is_on (self->workspace, id, self->target)))
    return;
  if (note == NULL || !attest_workspace_delete_note (self->workspace, id, &error))
    {
      show_toast (self, error->message);
      attest_note_editor_reload (self);
      return;
    }
  if (self->editing && self->editing_id == id)
    close_editor (self);

  /* Gone from the store at once (one history row); Undo adds it back. */
  g_clear_pointer (&self->deleted, attest_note_free);
  self->deleted = g_steal_pointer (&note);
  attest_note_editor_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);

  toast = attest_toast_new_plain (_("Note deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "note-editor.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  attest_toast_show (self->toast_overlay, toast);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);
  g_autoptr(AttestNote) note = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (note == NULL || self->workspace == NULL)
    return;
  /* The same note back (its id, dates and history), not a new one. */
  if (!attest_workspace_restore_note (self->workspace, note, &error))
    {
      show_toast (self, error->message);
      return;
    }
  attest_note_editor_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- the widget ---------------------------------------------------------- */

/* The editor's size. libadwaita 1.2's AdwToastOverlay (and GTK 4.8's
 * GtkScrolledWindow, taken out when not scrollable) measure their child's
 * height for no width in particular: text that wraps at the pane's width
 * (the Markdown hint below the text field, a long title) came out taller
 * than asked for, and was cut off at the bottom. The height is asked of the
 * overlay's child for the real width too, and the larger one is taken. */
static GtkSizeRequestMode
editor_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
editor_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);
  GtkWidget *overlay = GTK_WIDGET (self->toast_overlay);
  GtkWidget *content;

  *minimum = *natural = 0;
  if (overlay == NULL)
    return;
  gtk_widget_measure (overlay, orientation, for_size, minimum, natural, NULL, NULL);
  content = adw_toast_overlay_get_child (self->toast_overlay);
  if (orientation == GTK_ORIENTATION_VERTICAL && self->unscrolled != NULL && content != NULL &&
      gtk_widget_get_visible (content))
    {
      int content_minimum, content_natural;

      gtk_widget_measure (content, orientation, for_size, &content_minimum, &content_natural, NULL, NULL);
      *minimum = MAX (*minimum, content_minimum);
      *natural = MAX (*natural, content_natural);
    }
}

static void
editor_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (widget);

  if (self->toast_overlay != NULL)
    gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
}

static void
attest_note_editor_dispose (GObject *object)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_NOTE_EDITOR);
  g_clear_object (&self->unscrolled);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->deleted, attest_note_free);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (attest_note_editor_parent_class)->dispose (object);
}

static void
attest_note_editor_finalize (GObject *object)
{
  AttestNoteEditor *self = ATTEST_NOTE_EDITOR (object);

  g_free (self->target);
  g_free (self->editing_original);

  G_OBJECT_CLASS (attest_note_editor_parent_class)->finalize (object);
}

static void
attest_note_editor_class_init (AttestNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_note_editor_dispose;
  object_class->finalize = attest_note_editor_finalize;

  /**
   * AttestNoteEditor::changed:
   *
   * A note of the target was added, changed or deleted in the workspace.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (ATTEST_TYPE_BLOCK_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/attest/Attest/attest-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, notes_box);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, editor_box);
  gtk_widget_class_bind_template_child (widget_class, AttestNoteEditor, source_view);

  gtk_widget_class_install_action (widget_class, "note-editor.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "note-editor.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "note-editor.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "note-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "note-editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "note-editor.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_set_css_name (widget_class, "noteeditor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attest_note_editor_init (AttestNoteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (editor_request_mode, editor_measure, editor_allocate));
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) draft_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note-editor.cancel", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  update_state (self);
}

AttestNoteEditor *
attest_note_editor_new (void)
{
  return g_object_new (ATTEST_TYPE_NOTE_EDITOR, NULL);
}

/**
 * attest_note_editor_set_target:
 * @workspace: (nullable): where the notes are; %NULL shows none
 * @target: (nullable): "cell:SCOPE:SERVICE", "item:ID", "service:ID", "framework:ID" …
 * @title: (nullable): the heading, e.g. "Notes on SOC 2 × Intune"
 *
 * Shows the notes of @target. Text typed but not saved is kept for the
 * target it was typed on, and shown in the editor again on the way back.
 */
void
attest_note_editor_set_target (AttestNoteEditor *self,
                               AttestWorkspace  *workspace,
                               const char       *target,
                               const char       *title)
{
  Draft *draft = NULL;

  g_return_if_fail (ATTEST_IS_NOTE_EDITOR (self));
  g_return_if_fail (workspace == NULL || ATTEST_IS_WORKSPACE (workspace));

  if (self->editing)
    {
      g_autofree char *text = source_text (self);

      if (self->target != NULL && !g_str_equal (text, self->editing_original) && !is_blank (text))
        {
          draft = g_new0 (Draft, 1);
          draft->id = self->editing_id;
          draft->text = g_steal_pointer (&text);
          g_hash_table_replace (self->drafts, g_strdup (self->target), draft);
        }
      close_editor (self);
    }
  if (workspace != self->workspace)
    {
      /* Drafts and Undo belong to the workspace they were made in. */
      g_hash_table_remove_all (self->drafts);
      g_clear_pointer (&self->deleted, attest_note_free);
    }
  g_set_object (&self->workspace, workspace);
  g_free (self->target);
  self->target = g_strdup (target);
  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && *title != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL && *title != '\0' ? title : _("Notes"), -1);
  attest_note_editor_reload (self);

  draft = target != NULL ? g_hash_table_lookup (self->drafts, target) : NULL;
  if (draft != NULL && self->workspace != NULL && !attest_workspace_is_read_only (self->workspace))
    {
      g_autoptr(AttestNote) note = NULL;
      g_autofree char *text = g_strdup (draft->text);
      gint64 id = draft->id;

      g_hash_table_remove (self->drafts, target);
      /* A note deleted meanwhile: the draft becomes a new note. */
      if (id != 0)
        note = attest_workspace_get_note (self->workspace, id, NULL);
      open_editor (self, note != NULL ? id : 0, note != NULL ? note->text : NULL, text);
    }
}

const char *
attest_note_editor_get_target (AttestNoteEditor *self)
{
  g_return_val_if_fail (ATTEST_IS_NOTE_EDITOR (self), NULL);
  return self->target;
}

/* How many notes the editor shows. */
guint
attest_note_editor_get_n_notes (AttestNoteEditor *self)
{
  g_return_val_if_fail (ATTEST_IS_NOTE_EDITOR (self), 0);
  return self->n_notes;
}

/**
 * attest_note_editor_set_scrollable:
 * @scrollable: %FALSE when the editor sits in a scrolled container of its own
 *   (the cell pane): it then takes its natural height and never scrolls itself
 *
 * Not scrollable, the editor's own scrolled window is taken out: GTK 4.8's
 * GtkScrolledWindow asks its child's height for no width in particular, so
 * the text that wraps at the pane's width (the Markdown hint below the text
 * field, longer in French) was cut off at the bottom.
 */
void
attest_note_editor_set_scrollable (AttestNoteEditor *self,
                                   gboolean          scrollable)
{
  GtkWidget *content;

  g_return_if_fail (ATTEST_IS_NOTE_EDITOR (self));

  if (scrollable == (self->unscrolled == NULL))
    return;
  if (!scrollable)
    {
      GtkWidget *child = gtk_scrolled_window_get_child (self->scrolled_window);

      content = GTK_IS_VIEWPORT (child) ? gtk_viewport_get_child (GTK_VIEWPORT (child)) : child;
      g_object_ref (content);
      if (GTK_IS_VIEWPORT (child))
        gtk_viewport_set_child (GTK_VIEWPORT (child), NULL);
      else
        gtk_scrolled_window_set_child (self->scrolled_window, NULL);
      self->unscrolled = g_object_ref (GTK_WIDGET (self->scrolled_window));
      adw_toast_overlay_set_child (self->toast_overlay, content);
    }
  else
    {
      content = g_object_ref (adw_toast_overlay_get_child (self->toast_overlay));
      adw_toast_overlay_set_child (self->toast_overlay, self->unscrolled);
      gtk_scrolled_window_set_child (self->scrolled_window, content);
      g_clear_object (&self->unscrolled);
    }
  g_object_unref (content);
}
