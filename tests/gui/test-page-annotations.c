/* test-page-annotations.c: highlights on offering-page sections, through the real page view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A passage selected in the page and highlighted (the page's Highlight
 * action, as Ctrl+Shift+H and the text's menu give it), saved from the
 * annotation editor; drawn in its colour in the reading modes that show it;
 * listed in the notes pane, shown (scrolled to and flashed), edited,
 * deleted and brought back with Undo. The workspace is read back after each
 * step. With ATTEST_PAGE_ANNOTATIONS_SCREENSHOT_DIR set, the page with its
 * highlight and the notes pane is saved as a PNG there.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-annotation-editor.h"
#include "attest-annotation-list.h"
#include "attest-block-renderer.h"
#include "attest-block-view.h"
#include "attest-history.h"
#include "attest-page-view.h"
#include "attest-paths.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-names.h"

#define PASSAGE     "audités au moins une fois par an au regard des normes"
#define SOURCE_TEXT "audited at least annually against"
#define GREEN       "#8ff0a4"
#define RED         "#f66151"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  AttestMatrix *matrix;
  GtkWindow *window;
  AdwToastOverlay *overlay;
  AttestPageView *view;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  attest_test_use_app_style ();
  f->ws = attest_test_workspace_new ("attest-gui-page-marks", "Dana", &f->dir, &f->path);
  g_assert_cmpuint (attest_test_import_bundled (f->ws, "offering-soc.fr-FR.md"), ==, 1);
  f->matrix = attest_workspace_load_matrix (f->ws, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1300, 820);
  /* As in the window: the page view inside a toast overlay. */
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  f->view = ATTEST_PAGE_VIEW (attest_page_view_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->view)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture *f)
{
  g_autoptr(AttestPageView) view = g_object_ref (f->view);
  GtkWindow *editor;

  while ((editor = attest_test_find_toplevel (ATTEST_TYPE_ANNOTATION_EDITOR)) != NULL)
    gtk_window_destroy (editor);
  gtk_window_destroy (f->window);
  g_assert_finalize_object (g_steal_pointer (&view));
  attest_matrix_free (f->matrix);
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("ATTEST_PAGE_ANNOTATIONS_SCREENSHOT_DIR");
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  attest_test_settle (300);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  if (attest_test_save_png (widget, file))
    g_test_message ("saved %s", file);
}

static guint
n_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, NULL, &error);

  g_assert_no_error (error);
  return rows->len;
}

static GPtrArray *
stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = attest_workspace_list_section_annotations (f->ws, "soc", NULL, &error);

  g_assert_no_error (error);
  return list;
}

static void
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_page_view_load (f->view, f->ws, f->matrix, "soc", NULL, &error));
  g_assert_no_error (error);
  while (attest_page_view_get_loading (f->view))
    g_main_context_iteration (NULL, TRUE);
  attest_test_settle (100);
}

/* The view of the page that holds @text, and where. */
static AttestBlockView *
view_with (Fixture     *f,
           const char  *text,
           GtkTextIter *start,
           GtkTextIter *end)
{
  GPtrArray *views = attest_page_view_get_text_views (f->view);

  for (guint i = 0; i < views->len; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (views->pdata[i]), &iter);
      if (gtk_text_iter_forward_search (&iter, text, GTK_TEXT_SEARCH_TEXT_ONLY, start, end, NULL))
        return views->pdata[i];
    }
  return NULL;
}

/* Whether every character of @text in the page carries tag @name. */
static gboolean
tagged (Fixture    *f,
        const char *text,
        const char *name)
{
  GtkTextIter start, end, iter;
  AttestBlockView *view = view_with (f, text, &start, &end);
  GtkTextTag *tag;

  if (view == NULL)
    return FALSE;
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))),
                                   name);
  if (tag == NULL)
    return FALSE;
  for (iter = start; gtk_text_iter_compare (&iter, &end) < 0; gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, tag))
      return FALSE;
  return TRUE;
}

/* Whether any view of the page carries a highlight tag anywhere. */
static gboolean
any_highlight (Fixture *f)
{
  GPtrArray *views = attest_page_view_get_text_views (f->view);

  for (guint i = 0; i < views->len; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (views->pdata[i]), &iter);
      do
        {
          g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);

          for (GSList *l = tags; l != NULL; l = l->next)
            {
              g_autofree char *name = NULL;

              g_object_get (l->data, "name", &name, NULL);
              if (name != NULL && g_str_has_prefix (name, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX) &&
                  !g_str_equal (name, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH))
                return TRUE;
            }
        }
      while (gtk_text_iter_forward_to_tag_toggle (&iter, NULL));
    }
  return FALSE;
}

static void
select_text (Fixture    *f,
             const char *text)
{
  GtkTextIter start, end;
  AttestBlockView *view = view_with (f, text, &start, &end);

  g_assert_nonnull (view);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_select_range (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
}

/* The editor Highlight or Edit opened. */
static AttestAnnotationEditor *
wait_editor (void)
{
  gint64 start = g_get_monotonic_time ();
  GtkWindow *editor;

  while ((editor = attest_test_find_toplevel (ATTEST_TYPE_ANNOTATION_EDITOR)) == NULL ||
         !gtk_widget_get_mapped (GTK_WIDGET (editor)))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      attest_test_settle (30);
    }
  return ATTEST_ANNOTATION_EDITOR (editor);
}

static void
wait_editor_gone (void)
{
  gint64 start = g_get_monotonic_time ();

  while (attest_test_find_toplevel (ATTEST_TYPE_ANNOTATION_EDITOR) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      attest_test_settle (30);
    }
}

static GtkWidget *
button_in (GtkWidget  *root,
           const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_visible (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0 ||
        g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  attest_test_settle (30);
}

static void
type_in_editor (AttestAnnotationEditor *editor,
                const char             *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (attest_test_find_visible (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static AttestAnnotationList *
annotation_list (Fixture *f)
{
  return ATTEST_ANNOTATION_LIST (attest_test_find_any (GTK_WIDGET (f->view), ATTEST_TYPE_ANNOTATION_LIST));
}

/* Whether a visible label of the notes pane's highlights holds @text. */
static gboolean
pane_says (Fixture    *f,
           const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  attest_test_collect_visible (GTK_WIDGET (annotation_list (f)), GTK_TYPE_LABEL, labels);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL)
      return TRUE;
  /* The analyst's text is drawn from its Markdown. */
  attest_test_collect_visible (GTK_WIDGET (annotation_list (f)), ATTEST_TYPE_BLOCK_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[i]);
      GtkTextIter start, end;
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (strstr (shown, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_highlight_show_edit_delete_undo (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  AttestAnnotationEditor *editor;
  AttestAnnotation *a;
  gint64 id, linked;
  guint rows;

  fixture_set_up (&f);
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  load (&f);
  g_assert_true (attest_page_view_show_section (f.view, "audit-cycle"));
  attest_test_settle (100);
  rows = n_history (&f);

  /* Highlight without a selection: nothing opens, nothing is stored. */
  {
    GPtrArray *views = attest_page_view_get_text_views (f.view);

    for (guint i = 0; i < views->len; i++)
      {
        GtkTextIter iter;

        gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (views->pdata[i]), &iter);
        gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (views->pdata[i]), &iter);
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.highlight", NULL);
  attest_test_settle (100);
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_ANNOTATION_EDITOR));
  g_assert_cmpuint (n_history (&f), ==, rows);
  /* The notes pane shows instead (as it slides in), saying how. */
  {
    gint64 begin = g_get_monotonic_time ();

    while (!gtk_widget_get_mapped (GTK_WIDGET (annotation_list (&f))))
      {
        g_assert_cmpint (g_get_monotonic_time () - begin, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
        attest_test_settle (50);
      }
  }
  g_assert_true (pane_says (&f, "No highlights yet"));

  /* Select, Highlight, Cancel: nothing stored. */
  select_text (&f, PASSAGE);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.highlight", NULL);
  editor = wait_editor ();
  click (button_in (GTK_WIDGET (editor), "_Cancel"));
  wait_editor_gone ();
  list = stored (&f);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (n_history (&f), ==, rows);
  g_assert_false (any_highlight (&f));

  /* Select, Highlight (the pane's button), Green, a text, a linked item,
   * Save: one annotation, one row. */
  select_text (&f, PASSAGE);
  click (button_in (GTK_WIDGET (annotation_list (&f)), "Highlight the passage selected in the page (Ctrl+Shift+H)"));
  editor = wait_editor ();
  click (button_in (GTK_WIDGET (editor), "Green"));
  type_in_editor (editor, "Audited **yearly**: ask for the bridge letter.");
  {
    GtkWidget *entry = attest_test_find_visible (GTK_WIDGET (editor), GTK_TYPE_SEARCH_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "soc 2");
    g_signal_emit_by_name (entry, "search-changed");
    g_signal_emit_by_name (entry, "activate");
    attest_test_settle (30);
    g_assert_cmpuint (attest_annotation_editor_get_item_ids (editor)->len, ==, 1);
  }
  click (button_in (GTK_WIDGET (editor), "_Save"));
  wait_editor_gone ();
  attest_test_settle (50);

  g_assert_cmpuint (n_history (&f), ==, rows + 1);
  list = stored (&f);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  id = a->id;
  g_assert_cmpstr (a->section, ==, "framework:soc#audit-cycle");
  g_assert_cmpstr (a->quote, ==, PASSAGE);
  g_assert_cmpstr (a->color, ==, GREEN);
  g_assert_cmpstr (a->text, ==, "Audited **yearly**: ask for the bridge letter.");
  g_assert_cmpuint (a->item_ids->len, ==, 1);
  linked = g_array_index (a->item_ids, gint64, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Drawn in its colour; listed in the notes pane by colour name, passage, text, item. */
  g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX GREEN));
  g_assert_cmpuint (attest_annotation_list_get_n_annotations (annotation_list (&f)), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (annotation_list (&f))));
  g_assert_true (pane_says (&f, "Green highlight"));
  g_assert_true (pane_says (&f, PASSAGE));
  g_assert_true (pane_says (&f, "Audited yearly: ask for the bridge letter."));
  g_assert_false (pane_says (&f, "**"));
  {
    g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (f.ws);
    g_autofree char *item = attest_workspace_names_item_title (names, linked);
    g_autofree char *says = g_strdup_printf ("Supports %s", item);

    g_assert_true (g_str_has_prefix (item, "SOC "));
    g_assert_nonnull (strstr (item, ", item "));
    g_assert_true (pane_says (&f, says));
  }
  screenshot (GTK_WIDGET (f.window), "page-highlight");

  /* Activating the row: the passage shown and flashed, then the flash ends. */
  {
    GtkListBox *rows_box = GTK_LIST_BOX (attest_test_find_visible (GTK_WIDGET (annotation_list (&f)), GTK_TYPE_LIST_BOX));
    GtkTextIter start, end, cursor;
    AttestBlockView *view;
    GtkTextBuffer *buffer;

    /* Elsewhere first, so the move is seen. */
    view = view_with (&f, PASSAGE, &start, &end);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    gtk_text_buffer_get_start_iter (buffer, &cursor);
    gtk_text_buffer_place_cursor (buffer, &cursor);
    /* Checked at once: the flash lasts a moment only, however busy the machine. */
    gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (rows_box, 0)));
    g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH));
    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, gtk_text_iter_get_offset (&start));
    screenshot (GTK_WIDGET (f.window), "page-highlight-flash");
    {
      gint64 begin = g_get_monotonic_time ();

      while (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH))
        {
          g_assert_cmpint (g_get_monotonic_time () - begin, <, 10 * G_USEC_PER_SEC);
          attest_test_settle (100);
        }
    }
    g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX GREEN));
  }

  /* Side by side: in the translated column too; the English source alone does not hold it. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", "side-by-side");
  attest_test_settle (300);
  g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX GREEN));
  g_assert_false (tagged (&f, SOURCE_TEXT, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX GREEN));
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", "source");
  attest_test_settle (200);
  g_assert_false (any_highlight (&f));
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", "translated");
  attest_test_settle (200);
  g_assert_true (attest_page_view_show_section (f.view, "audit-cycle"));
  attest_test_settle (100);
  g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX GREEN));

  /* Edit: Red, through the pane's Edit; one more row. */
  click (button_in (GTK_WIDGET (annotation_list (&f)), "Edit Highlight"));
  editor = wait_editor ();
  click (button_in (GTK_WIDGET (editor), "Red"));
  click (button_in (GTK_WIDGET (editor), "_Save"));
  wait_editor_gone ();
  attest_test_settle (50);
  g_assert_cmpuint (n_history (&f), ==, rows + 2);
  list = stored (&f);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpint (a->id, ==, id);
  g_assert_cmpstr (a->color, ==, RED);
  g_assert_cmpuint (a->item_ids->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX RED));
  g_assert_false (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX GREEN));
  g_assert_true (pane_says (&f, "Red highlight"));

  /* Delete: gone from the store, the page and the pane; one more row. */
  click (button_in (GTK_WIDGET (annotation_list (&f)), "Delete Highlight"));
  g_assert_cmpuint (n_history (&f), ==, rows + 3);
  list = stored (&f);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_false (any_highlight (&f));
  g_assert_cmpuint (attest_annotation_list_get_n_annotations (annotation_list (&f)), ==, 0);

  /* Undo, from the toast: back as it was, under its id, with its link. */
  {
    GtkWidget *undo = NULL;
    gint64 begin = g_get_monotonic_time ();

    while ((undo = button_in (GTK_WIDGET (f.overlay), "_Undo")) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time () - begin, <, 10 * G_USEC_PER_SEC);
        attest_test_settle (50);
      }
    click (undo);
  }
  g_assert_cmpuint (n_history (&f), ==, rows + 4);
  list = stored (&f);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpint (a->id, ==, id);
  g_assert_cmpstr (a->color, ==, RED);
  g_assert_cmpstr (a->quote, ==, PASSAGE);
  g_assert_cmpuint (a->item_ids->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (tagged (&f, PASSAGE, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX RED));
  g_assert_cmpuint (attest_annotation_list_get_n_annotations (annotation_list (&f)), ==, 1);

  /* The history holds what happened, and verifies. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (attest_workspace_verify_history (f.ws, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_highlight_show_edit_delete_undo)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/page-annotations/highlight-show-edit-delete-undo", test_highlight_show_edit_delete_undo_isolated);

  return g_test_run ();
}
