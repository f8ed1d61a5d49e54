/* test-note-editor.c: notes written, rendered, edited and deleted in the note editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With ATTEST_NOTE_EDITOR_SCREENSHOT=file.png the editor with a rendered
 * note is also saved as a PNG, to look at it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-block-view.h"
#include "attest-markdown.h"
#include "attest-note-editor.h"
#include "attest-paths.h"
#include "attest-resources.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-notes.h"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  GtkWindow *window;
  AttestNoteEditor *editor;
  guint changed;
} Fixture;

/* Runs the main loop until @done says so; fails after 10 s. Sanitizer
 * builds lay out several times slower: conditions, not fixed waits. */
static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data)
{
  gint64 start = g_get_monotonic_time ();

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      attest_test_settle (80);
    }
}

static void
count_changed (AttestNoteEditor *editor,
               Fixture          *f)
{
  f->changed++;
}

static void
setup_style (void)
{
  attest_paths_init_i18n ();
  attest_register_resource ();
  adw_init ();
  /* As AttestApplication does: the editor looks as it does in the window. */
  attest_test_use_app_style ();
}

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  setup_style ();
  f->dir = g_dir_make_tmp ("attest-gui-notes-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "audit.attest", NULL);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  /* The store takes notes only on things that exist: one page gives services. */
  g_assert_cmpuint (attest_test_import_bundled (f->ws, "offering-soc.fr-FR.md"), ==, 1);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 520, 760);
  f->editor = attest_note_editor_new ();
  g_signal_connect (f->editor, "changed", G_CALLBACK (count_changed), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->editor)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture *f)
{
  g_autoptr(AttestNoteEditor) editor = g_object_ref (f->editor);

  gtk_window_destroy (f->window);
  g_assert_finalize_object (g_steal_pointer (&editor));
  g_assert_finalize_object (f->ws);
  g_free (f->path);
  g_free (f->dir);
}

static GPtrArray *
visible_views (Fixture *f)
{
  GPtrArray *views = g_ptr_array_new ();

  attest_test_collect_visible (GTK_WIDGET (f->editor), ATTEST_TYPE_BLOCK_VIEW, views);
  return views;
}

/* The Markdown text view of the inline editor. */
static GtkTextView *
source_view (Fixture *f)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (f->editor), GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    if (gtk_widget_has_css_class (views->pdata[i], "note-source"))
      return views->pdata[i];
  g_assert_not_reached ();
}

static gboolean
editor_open (Fixture *f)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (source_view (f)));

  return gtk_widget_get_visible (box);
}

static char *
source_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (source_view (f));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
type_text (Fixture    *f,
           const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (source_view (f));
  GtkTextIter start, end;

  /* As typing does: an insert at the cursor, into what is there. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
}

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Where @needle starts in the view's buffer. */
static GtkTextIter
find_in_view (GtkWidget  *view,
              const char *needle)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, match, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, needle, 0, &match, &match_end, NULL))
    g_error ("“%s” is not in the view", needle);
  return match;
}

static gboolean
has_tag (GtkWidget  *view,
         const char *needle,
         const char *tag_name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter = find_in_view (view, needle);

  g_assert_nonnull (tag);
  for (guint i = 0; needle[i] != '\0'; i++, gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, tag))
      return FALSE;
  return TRUE;
}

static GtkWidget *
find_button (Fixture    *f,
             const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_visible (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), tooltip) == 0)
      return buttons->pdata[i];
  return NULL;
}

/* The button of @action_name, shown or not. */
static GtkWidget *
action_button (Fixture    *f,
               const char *action_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action_name) == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static GPtrArray *
stored_notes (Fixture    *f,
              const char *target)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *notes = attest_workspace_list_notes (f->ws, target, &error);

  g_assert_no_error (error);
  return notes;
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->editor), action, parameter));
  attest_test_settle (80);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  printf ("# screenshot: %s\n", path);
}

/* ---- cases -------------------------------------------------------------- */

static const char plan[] = "# Plan\n\n- **bold** item\n- [link](https://example.com)\n\n`code`";

static void
test_edit_cycle (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(AttestNote) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *view, *edit, *delete;
  GtkTextIter iter;
  gint64 id;

  fixture_set_up (f);
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  attest_test_settle (80);
  g_assert_cmpuint (attest_note_editor_get_n_notes (f->editor), ==, 0);
  g_assert_false (editor_open (f));
  g_assert_true (gtk_widget_get_sensitive (action_button (f, "note-editor.add")));
  g_assert_false (gtk_widget_get_sensitive (action_button (f, "note-editor.save")));

  /* Add Note: the editor opens with the focus in it; Save stores and renders. */
  activate (f, "note-editor.add", NULL);
  g_assert_true (editor_open (f));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (source_view (f))));
  type_text (f, plan);
  activate (f, "note-editor.save", NULL);
  g_assert_false (editor_open (f));
  g_assert_cmpuint (f->changed, ==, 1);

  notes = stored_notes (f, "service:intune");
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((AttestNote *)notes->pdata[0])->text, ==, plan);
  id = ((AttestNote *)notes->pdata[0])->id;
  g_assert_cmpuint (attest_note_editor_get_n_notes (f->editor), ==, 1);

  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 1);
  view = views->pdata[0];
  text = view_text (view);
  g_assert_nonnull (strstr (text, "Plan"));
  g_assert_nonnull (strstr (text, "bold item"));
  g_assert_nonnull (strstr (text, "link"));
  g_assert_nonnull (strstr (text, "code"));
  /* No Markdown syntax shows. */
  g_assert_null (strstr (text, "**"));
  g_assert_null (strchr (text, '#'));
  g_assert_null (strstr (text, "]("));
  g_assert_null (strchr (text, '`'));
  g_assert_null (strstr (text, "https://example.com"));
  g_assert_true (has_tag (view, "Plan", "h1"));
  g_assert_true (has_tag (view, "bold", ATTEST_BLOCK_TAG_BOLD));
  g_assert_false (has_tag (view, "item", ATTEST_BLOCK_TAG_BOLD));
  g_assert_true (has_tag (view, "link", ATTEST_BLOCK_TAG_LINK));
  g_assert_true (has_tag (view, "code", ATTEST_BLOCK_TAG_CODE));
  g_assert_true (has_tag (view, "item", ATTEST_BLOCK_TAG_LIST_ITEM));
  iter = find_in_view (view, "link");
  g_assert_cmpstr (attest_block_renderer_get_link_at_iter (&iter), ==, "https://example.com");
  iter = find_in_view (view, "bold");
  g_assert_null (attest_block_renderer_get_link_at_iter (&iter));

  /* Every control says what it does. */
  edit = find_button (f, "Edit Note");
  delete = find_button (f, "Delete Note");
  g_assert_nonnull (edit);
  g_assert_nonnull (delete);
  gtk_test_accessible_assert_property (edit, GTK_ACCESSIBLE_PROPERTY_LABEL, "Edit Note");
  gtk_test_accessible_assert_property (delete, GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete Note");
  gtk_test_accessible_assert_property (source_view (f), GTK_ACCESSIBLE_PROPERTY_LABEL, "New Note Text");
  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_DOCUMENT);
  gtk_test_accessible_assert_property (f->editor, GTK_ACCESSIBLE_PROPERTY_LABEL, "Notes on Intune");
  {
    GtkWidget *card = gtk_widget_get_parent (view);
    GtkWidget *footer = gtk_widget_get_last_child (card);
    const char *when = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (footer)));
    g_autofree char *label = g_strdup_printf ("Note, %s", when);

    g_assert_true (g_str_has_prefix (when, "Added 20"));
    gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  }

  /* Edit: the stored text comes back; Save replaces it. */
  g_clear_pointer (&views, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  activate (f, "note-editor.edit", g_variant_new_int64 (id));
  g_assert_true (editor_open (f));
  text = source_text (f);
  g_assert_cmpstr (text, ==, plan);
  g_clear_pointer (&text, g_free);
  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 0);   /* the note being edited is not shown twice */
  g_clear_pointer (&views, g_ptr_array_unref);
  type_text (f, "## Revised\n\n1. *first*\n2. ~~second~~");
  activate (f, "note-editor.save", NULL);
  g_assert_false (editor_open (f));
  g_assert_cmpuint (f->changed, ==, 2);
  stored = attest_workspace_get_note (f->ws, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->text, ==, "## Revised\n\n1. *first*\n2. ~~second~~");
  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 1);
  text = view_text (views->pdata[0]);
  g_assert_null (strstr (text, "Plan"));
  g_assert_nonnull (strstr (text, "Revised"));
  g_assert_nonnull (strstr (text, "1.\tfirst"));
  g_assert_true (has_tag (views->pdata[0], "second", ATTEST_BLOCK_TAG_STRIKE));
  g_assert_true (has_tag (views->pdata[0], "first", ATTEST_BLOCK_TAG_ITALIC));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (
                   gtk_widget_get_last_child (gtk_widget_get_parent (views->pdata[0]))))), "Edited 20"));

  /* Add Note while a change is unsaved: the change stays in the editor. */
  g_clear_pointer (&text, g_free);
  activate (f, "note-editor.edit", g_variant_new_int64 (id));
  type_text (f, "not saved yet");
  activate (f, "note-editor.add", NULL);
  g_assert_true (editor_open (f));
  text = source_text (f);
  g_assert_cmpstr (text, ==, "not saved yet");
  g_clear_pointer (&text, g_free);
  activate (f, "note-editor.cancel", NULL);

  /* Escape's action: the editor closes, nothing stored. */
  activate (f, "note-editor.edit", g_variant_new_int64 (id));
  type_text (f, "thrown away");
  activate (f, "note-editor.cancel", NULL);
  g_assert_false (editor_open (f));
  g_clear_pointer (&stored, attest_note_free);
  stored = attest_workspace_get_note (f->ws, id, &error);
  g_assert_cmpstr (stored->text, ==, "## Revised\n\n1. *first*\n2. ~~second~~");
  g_assert_cmpuint (f->changed, ==, 2);

  /* Delete: gone from the store at once; Undo brings the text back. */
  activate (f, "note-editor.delete", g_variant_new_int64 (id));
  g_assert_cmpuint (f->changed, ==, 3);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = stored_notes (f, "service:intune");
  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpuint (attest_note_editor_get_n_notes (f->editor), ==, 0);
  g_clear_pointer (&views, g_ptr_array_unref);
  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 0);
  activate (f, "note-editor.undo-delete", NULL);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = stored_notes (f, "service:intune");
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((AttestNote *)notes->pdata[0])->text, ==, "## Revised\n\n1. *first*\n2. ~~second~~");
  /* The same note, not a new one. */
  g_assert_cmpint (((AttestNote *)notes->pdata[0])->id, ==, id);
  g_assert_cmpuint (attest_note_editor_get_n_notes (f->editor), ==, 1);
  activate (f, "note-editor.delete", g_variant_new_int64 (((AttestNote *)notes->pdata[0])->id));
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = stored_notes (f, "service:intune");
  g_assert_cmpuint (notes->len, ==, 0);

  /* Another target: its own (no) notes. */
  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "still here", NULL, &error));
  attest_note_editor_set_target (f->editor, f->ws, "framework:soc", "Notes on SOC");
  attest_test_settle (80);
  g_assert_cmpuint (attest_note_editor_get_n_notes (f->editor), ==, 0);
  g_clear_pointer (&views, g_ptr_array_unref);
  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 0);
  g_assert_cmpstr (attest_note_editor_get_target (f->editor), ==, "framework:soc");

  /* No workspace: nothing to show, nothing to add. */
  attest_note_editor_set_target (f->editor, NULL, NULL, NULL);
  attest_test_settle (80);
  g_assert_false (gtk_widget_get_sensitive (action_button (f, "note-editor.add")));
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "note-editor.add", NULL);
  g_assert_false (editor_open (f));

  g_clear_pointer (&views, g_ptr_array_unref);
  fixture_tear_down (f);
}

static void
test_store_error_keeps_text (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *text = NULL;

  fixture_set_up (f);
  /* A target the workspace does not have: the store refuses the note. */
  attest_note_editor_set_target (f->editor, f->ws, "service:no-such-service", "Notes");
  activate (f, "note-editor.add", NULL);
  type_text (f, "Typed with care");
  activate (f, "note-editor.save", NULL);
  g_assert_true (editor_open (f));
  text = source_text (f);
  g_assert_cmpstr (text, ==, "Typed with care");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (f->changed, ==, 0);
  notes = stored_notes (f, NULL);
  g_assert_cmpuint (notes->len, ==, 0);

  /* Blank text is not a note: the editor stays open. */
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  activate (f, "note-editor.add", NULL);
  type_text (f, "  \n\n");
  activate (f, "note-editor.save", NULL);
  g_assert_true (editor_open (f));
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = stored_notes (f, NULL);
  g_assert_cmpuint (notes->len, ==, 0);

  fixture_tear_down (f);
}

static void
test_drafts_survive_moving (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(AttestNote) note = NULL;
  g_autofree char *text = NULL;
  gint64 id = 0;

  fixture_set_up (f);
  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "Stored text", &id, NULL));

  /* Typing on one target, moving to another and back: the text is still there. */
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  activate (f, "note-editor.add", NULL);
  type_text (f, "Half-written thought");
  attest_note_editor_set_target (f->editor, f->ws, "framework:soc", "Notes on SOC");
  attest_test_settle (80);
  g_assert_false (editor_open (f));
  g_assert_cmpuint (attest_note_editor_get_n_notes (f->editor), ==, 1);

  /* The same for a note being edited. */
  activate (f, "note-editor.edit", g_variant_new_int64 (id));
  type_text (f, "Stored text, revised");
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  attest_test_settle (80);
  g_assert_true (editor_open (f));
  text = source_text (f);
  g_assert_cmpstr (text, ==, "Half-written thought");
  g_clear_pointer (&text, g_free);
  activate (f, "note-editor.save", NULL);
  notes = stored_notes (f, "service:intune");
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((AttestNote *)notes->pdata[0])->text, ==, "Half-written thought");

  attest_note_editor_set_target (f->editor, f->ws, "framework:soc", "Notes on SOC");
  attest_test_settle (80);
  g_assert_true (editor_open (f));
  text = source_text (f);
  g_assert_cmpstr (text, ==, "Stored text, revised");
  g_clear_pointer (&text, g_free);
  activate (f, "note-editor.save", NULL);
  note = attest_workspace_get_note (f->ws, id, NULL);
  g_assert_cmpstr (note->text, ==, "Stored text, revised");

  /* Nothing typed: nothing kept. */
  activate (f, "note-editor.edit", g_variant_new_int64 (id));
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  attest_note_editor_set_target (f->editor, f->ws, "framework:soc", "Notes on SOC");
  attest_test_settle (80);
  g_assert_false (editor_open (f));

  fixture_tear_down (f);
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
count_link (AttestBlockView *view,
            const char      *uri,
            char           **last)
{
  g_free (*last);
  *last = g_strdup (uri);
}

static void
test_links_ask_first (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *activated = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkWindow *dialog;
  GtkWidget *view;

  fixture_set_up (f);
  g_assert_true (attest_workspace_add_note (f->ws, "service:intune",
                                            "See [the report](https://example.com/soc-2.pdf) now.", NULL, NULL));
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  attest_test_settle (80);
  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 1);
  view = views->pdata[0];
  g_signal_connect (view, "activate-link", G_CALLBACK (count_link), &activated);

  /* Enter with the caret on plain text: nothing; inside the link: the link. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  iter = find_in_view (view, "See");
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (view, "block-view.activate-link", NULL));
  g_assert_null (activated);
  g_assert_null (find_dialog ());
  iter = find_in_view (view, "report");
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (view, "block-view.activate-link", NULL));
  g_assert_cmpstr (activated, ==, "https://example.com/soc-2.pdf");

  /* The editor asks, showing the address in full; Cancel opens nothing. */
  attest_test_settle (80);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Open Link?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, "https://example.com/soc-2.pdf");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "open"));
  /* Enter and Escape both answer Cancel: only a click on Open opens. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  {
    /* The user's click on Cancel. */
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *cancel = NULL;

    attest_test_collect_visible (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Cancel") == 0)
        cancel = buttons->pdata[i];
    g_assert_nonnull (cancel);
    g_signal_emit_by_name (cancel, "clicked");
  }
  attest_test_settle (80);
  g_assert_null (find_dialog ());

  fixture_tear_down (f);
}

/* Page and note Markdown can link to any scheme: only web and mail links get
 * as far as the dialog; the others say they cannot be opened. */
static void
test_links_other_schemes (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GPtrArray) views = NULL;
  const char *refused[] = {
    "smb://server/share/report.pdf",
    "file:///etc/passwd",
    "x-custom-handler:run?cmd=calc",
  };
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkWindow *dialog;
  GtkWidget *view;

  fixture_set_up (f);
  g_assert_true (attest_workspace_add_note (f->ws, "service:intune",
                                            "[share](smb://server/share/report.pdf) "
                                            "[local](file:///etc/passwd) "
                                            "[handler](x-custom-handler:run?cmd=calc) "
                                            "[mail](mailto:audit@example.com)", NULL, NULL));
  attest_note_editor_set_target (f->editor, f->ws, "service:intune", "Notes on Intune");
  attest_test_settle (80);
  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 1);
  view = views->pdata[0];
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *words[] = { "share", "local", "handler" };
      g_autofree char *pattern = g_strdup_printf ("Attest does not open “%s”: only web (http, https) and mail "
                                                  "(mailto) links can be opened", refused[i]);

      iter = find_in_view (view, words[i]);
      gtk_text_buffer_place_cursor (buffer, &iter);
      /* No toast overlay around this editor: the words go to the log. */
      g_test_expect_message ("attest-link-opener", G_LOG_LEVEL_MESSAGE, pattern);
      g_assert_true (gtk_widget_activate_action (view, "block-view.activate-link", NULL));
      g_test_assert_expected_messages ();
      attest_test_settle (80);
      g_assert_null (find_dialog ());
    }

  /* A mail address is asked about, as a web page is. */
  iter = find_in_view (view, "mail");
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (view, "block-view.activate-link", NULL));
  attest_test_settle (80);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, "mailto:audit@example.com");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  attest_test_settle (80);
  g_assert_null (find_dialog ());

  g_clear_pointer (&views, g_ptr_array_unref);
  fixture_tear_down (f);
}

static void
got_clipboard_text (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
children_sized (gpointer data)
{
  AttestBlockView *view = data;
  GtkWidget *rule = attest_block_view_get_child (view, 1);

  return gtk_widget_get_mapped (rule) && gtk_widget_get_width (rule) > gtk_widget_get_width (GTK_WIDGET (view)) / 2;
}

static gboolean
link_color_changed (gpointer data)
{
  GdkRGBA *now = NULL;
  gboolean changed;

  g_object_get (data, "foreground-rgba", &now, NULL);
  changed = !gdk_rgba_equal (now, g_object_get_data (data, "test-light"));
  gdk_rgba_free (now);
  return changed;
}

static const char rich[] =
  "# Evidence for SOC 2\n\n"
  "The **bridge letter** covers *October to December*; see the "
  "[audit report](https://servicetrust.microsoft.com/) and `SOC2-2026.pdf`.\n\n"
  "## Open items\n\n"
  "1. Ask for the **Type II** report\n"
  "2. Check the subservice carve-outs, which are listed in section 4 of the report and "
  "may change between periods\n"
  "   - Azure\n"
  "   - Intune\n"
  "3. Compare with last year\n\n"
  "> [!NOTE]\n"
  "> The report period ends 30 September; a bridge letter covers the rest.\n"
  ">\n"
  "> Ask for the letter in *October*.\n\n"
  "> Quoted from the auditor: controls operated effectively.\n\n"
  "| Control | Status | Evidence |\n"
  "|:--|:--|:--|\n"
  "| CC6.1 | **Satisfied** | SOC 2 report, p. 41 |\n"
  "| CC7.2 | In progress | Incident log<br>requested |\n\n"
  "```sh\nattest-cli verify --fingerprint\n```\n\n"
  "---\n\n"
  "Footnote x<sup>2</sup> and ~~old text~~.\n";

static void
test_rich_note (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;
  const char *shot = g_getenv ("ATTEST_NOTE_EDITOR_SCREENSHOT");
  AttestBlockView *view;
  GtkWidget *table;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint n_labels = 0;

  fixture_set_up (f);
  g_assert_true (attest_workspace_add_note (f->ws, "cell:soc/soc-2:intune", rich, NULL, NULL));
  g_assert_true (attest_workspace_add_note (f->ws, "cell:soc/soc-2:intune", "Second note: *short*.", NULL, NULL));
  attest_note_editor_set_target (f->editor, f->ws, "cell:soc/soc-2:intune", "Notes on SOC 2 × Intune");
  attest_test_settle (80);
  attest_test_settle (80);

  views = visible_views (f);
  g_assert_cmpuint (views->len, ==, 2);
  view = views->pdata[0];
  text = view_text (GTK_WIDGET (view));
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "[!NOTE]"));
  g_assert_null (strstr (text, "<br>"));
  g_assert_null (strstr (text, "<sup>"));
  g_assert_null (strstr (text, "```"));
  g_assert_null (strchr (text, '|'));
  g_assert_nonnull (strstr (text, "Note" ATTEST_BLOCK_LINE_BREAK "The report period"));
  /* A note of two paragraphs is labelled once, and the second goes on its box. */
  g_assert_null (strstr (strstr (text, "Note" ATTEST_BLOCK_LINE_BREAK) + 1, "Note" ATTEST_BLOCK_LINE_BREAK));
  g_assert_true (has_tag (GTK_WIDGET (view), "Ask for the letter", ATTEST_BLOCK_TAG_BOX_CONTINUES));
  g_assert_false (has_tag (GTK_WIDGET (view), "The report period", ATTEST_BLOCK_TAG_BOX_CONTINUES));
  {
    GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
    GtkTextIter x = find_in_view (GTK_WIDGET (view), "Footnote x2");

    gtk_text_iter_forward_chars (&x, 9);
    g_assert_false (gtk_text_iter_has_tag (&x, gtk_text_tag_table_lookup (tags, ATTEST_BLOCK_TAG_SUPERSCRIPT)));
    gtk_text_iter_forward_char (&x);
    g_assert_cmpint (gtk_text_iter_get_char (&x), ==, '2');
    g_assert_true (gtk_text_iter_has_tag (&x, gtk_text_tag_table_lookup (tags, ATTEST_BLOCK_TAG_SUPERSCRIPT)));
  }
  g_assert_true (has_tag (GTK_WIDGET (view), "attest-cli verify", ATTEST_BLOCK_TAG_CODE_BLOCK));
  g_assert_true (has_tag (GTK_WIDGET (view), "Quoted from", ATTEST_BLOCK_TAG_QUOTE));
  g_assert_true (has_tag (GTK_WIDGET (view), "Azure", ATTEST_BLOCK_TAG_LIST_ITEM));

  /* The table and the rule are widgets in the text, sized to it. */
  g_assert_cmpuint (attest_block_view_get_n_children (view), ==, 2);
  wait_for (children_sized, view);
  table = attest_block_view_get_child (view, 0);
  g_assert_true (GTK_IS_GRID (table));
  g_assert_true (GTK_IS_SEPARATOR (attest_block_view_get_child (view, 1)));
  gtk_test_accessible_assert_role (table, GTK_ACCESSIBLE_ROLE_TABLE);
  for (GtkWidget *c = gtk_widget_get_first_child (table); c; c = gtk_widget_get_next_sibling (c))
    n_labels++;
  g_assert_cmpuint (n_labels, ==, 9);
  g_assert_true (gtk_widget_get_mapped (table));
  g_assert_cmpint (gtk_widget_get_width (table), <=, gtk_widget_get_width (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_width (attest_block_view_get_child (view, 1)), >,
                   gtk_widget_get_width (GTK_WIDGET (view)) / 2);
  {
    GtkWidget *header = gtk_grid_get_child_at (GTK_GRID (table), 1, 0);
    GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (table), 2, 2);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, "Status");
    g_assert_true (gtk_widget_has_css_class (header, "header"));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "Incident log\nrequested");
  }

  /* Copy takes the table's text too, and real line ends. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (view, "copy-clipboard");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL, got_clipboard_text, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (copied, "Control\tStatus\tEvidence\nCC6.1\tSatisfied\tSOC 2 report, p. 41\n"));
  g_assert_nonnull (strstr (copied, "Note\nThe report period"));
  g_assert_null (strstr (copied, ATTEST_BLOCK_LINE_BREAK));
  g_assert_true (g_str_has_prefix (copied, "Evidence for SOC 2\nThe bridge letter covers"));
  gtk_text_buffer_place_cursor (buffer, &start);

  /* Dark style: the colours follow the widget's style (a lighter accent). */
  {
    GtkTextTag *link = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), ATTEST_BLOCK_TAG_LINK);
    GdkRGBA *light = NULL, *dark = NULL;

    g_object_get (link, "foreground-rgba", &light, NULL);
    g_object_set_data_full (G_OBJECT (link), "test-light", gdk_rgba_copy (light), (GDestroyNotify) gdk_rgba_free);
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    wait_for (link_color_changed, link);
    g_object_get (link, "foreground-rgba", &dark, NULL);
    g_assert_false (gdk_rgba_equal (light, dark));
    g_assert_cmpfloat (dark->red + dark->green + dark->blue, >, light->red + light->green + light->blue);
    gdk_rgba_free (light);
    gdk_rgba_free (dark);
  }

  if (shot != NULL && *shot != '\0')
    {
      g_autofree char *dark_shot = g_strconcat (shot, "-dark.png", NULL);

      gtk_window_set_default_size (f->window, 560, 1000);
      for (guint i = 0; i < 4; i++)
        attest_test_settle (80);
      save_screenshot (GTK_WIDGET (f->window), dark_shot);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (f->window, 560, 1000);
      activate (f, "note-editor.edit", g_variant_new_int64 (2));
      for (guint i = 0; i < 10; i++)
        attest_test_settle (80);
      save_screenshot (GTK_WIDGET (f->window), shot);

    }
  fixture_tear_down (f);
}

ATTEST_TEST_ISOLATED (test_edit_cycle)
ATTEST_TEST_ISOLATED (test_store_error_keeps_text)
ATTEST_TEST_ISOLATED (test_drafts_survive_moving)
ATTEST_TEST_ISOLATED (test_links_ask_first)
ATTEST_TEST_ISOLATED (test_links_other_schemes)
ATTEST_TEST_ISOLATED (test_rich_note)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/note-editor/edit-cycle", test_edit_cycle_isolated);
  g_test_add_func ("/note-editor/store-error-keeps-text", test_store_error_keeps_text_isolated);
  g_test_add_func ("/note-editor/drafts-survive-moving", test_drafts_survive_moving_isolated);
  g_test_add_func ("/note-editor/links-ask-first", test_links_ask_first_isolated);
  g_test_add_func ("/note-editor/links-other-schemes", test_links_other_schemes_isolated);
  g_test_add_func ("/note-editor/rich-note", test_rich_note_isolated);

  return g_test_run ();
}
