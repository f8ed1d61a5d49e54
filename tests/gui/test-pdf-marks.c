/* test-pdf-marks.c: marks on an evidence PDF, through the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In the window on a workspace with a generated PDF attached to an item:
 * a highlight made from a text selection, a rectangle and a note made
 * with the tools, one linked to the item (the editor), followed from the
 * cell pane (the view shows its page, the mark flashes), filtered,
 * edited, deleted and brought back by Undo, saved as an annotated copy;
 * a selection across two pages highlighted, a highlight on each; the
 * workspace checked after each step (one history row a mark).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "attest-annotation-editor.h"
#include "attest-application.h"
#include "attest-cell-pane.h"
#include "attest-checklist-row.h"
#include "attest-history.h"
#include "attest-pdf-marks.h"
#include "attest-pdf-page.h"
#include "attest-pdf-text.h"
#include "attest-pdf-view.h"
#include "attest-test-generate.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"

#define N_PAGES 42
/* The palette's red and blue (the annotation editor's). */
#define RED attest_pdf_mark_palette_color (3)
#define BLUE attest_pdf_mark_palette_color (2)


typedef struct {
  AttestApplication *app;
  char *sha256;
  char *dir;
  gint64 item_id;
  gint64 started;
  gboolean checked;
} Run;

static gboolean
pdf_page_shown (AttestWindow *window)
{
  AttestPdfPage *page = attest_window_get_pdf_page (window);

  return gtk_widget_get_mapped (GTK_WIDGET (page)) && g_str_equal (attest_pdf_page_get_state (page), "view") &&
         attest_pdf_view_get_document (attest_pdf_page_get_view (page)) != NULL;
}

static guint
n_history (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (ws, "annotation", &error);

  g_assert_no_error (error);
  return rows->len;
}

static GPtrArray *
stored (AttestWorkspace *ws,
        const char      *sha256)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations = attest_workspace_list_annotations (ws, sha256, &error);

  g_assert_no_error (error);
  return annotations;
}

static const AttestAnnotation *
find_kind (GPtrArray            *annotations,
           AttestAnnotationKind  kind)
{
  for (guint i = 0; i < annotations->len; i++)
    if (((AttestAnnotation *) annotations->pdata[i])->kind == kind)
      return annotations->pdata[i];
  return NULL;
}

static void
assert_label (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  if (error != NULL)
    g_error ("accessible name: %s", error);
}


/* The pane's row of @item_id. */
static AttestChecklistRow *
checklist_row (AttestCellPane *pane,
               gint64          item_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (pane), ATTEST_TYPE_CHECKLIST_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (attest_checklist_row_get_item_id (rows->pdata[i]) == item_id)
      return rows->pdata[i];
  return NULL;
}

/* The row of @list whose title holds @words. */
static GtkWidget *
row_with (GtkListBox *list,
          const char *words)
{
  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkWidget *child = gtk_list_box_row_get_child (row);
      const char *label = NULL;

      if (ADW_IS_PREFERENCES_ROW (row))
        label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      else if (GTK_IS_LABEL (child))
        label = gtk_label_get_text (GTK_LABEL (child));
      if (label != NULL && strstr (label, words) != NULL)
        return GTK_WIDGET (row);
    }
  return NULL;
}

/* Undo, as the toast's button does it: once the toast is shown (the one
 * before it gone), the signal, then the toast dismissed. */
static void
click_undo (AdwToast *toast)
{
  g_assert_nonnull (toast);
  g_object_ref (toast);
  attest_test_settle (400);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  g_object_unref (toast);
}

/* The toolbar's colour menu. */
static GtkWidget *
color_button (AttestPdfPage *page)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_str_has_prefix (gtk_widget_get_tooltip_text (buttons->pdata[i]) ?: "", "The colour of new marks"))
      return buttons->pdata[i];
  g_error ("no colour menu");
  return NULL;
}


/* The highlight stored on @page, or NULL. */
static const AttestAnnotation *
highlight_on (GPtrArray *annotations,
              guint      page)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      const AttestAnnotation *a = annotations->pdata[i];

      if (a->kind == ATTEST_ANNOTATION_HIGHLIGHT && a->page == page)
        return a;
    }
  return NULL;
}

static void
rects_extent (const AttestAnnotation *a,
              double                 *top,
              double                 *bottom)
{
  *top = G_MAXDOUBLE;
  *bottom = -G_MAXDOUBLE;
  for (guint i = 0; i < a->rects->len; i++)
    {
      *top = MIN (*top, g_array_index (a->rects, AttestRect, i).y1);
      *bottom = MAX (*bottom, g_array_index (a->rects, AttestRect, i).y2);
    }
}

/* 8. A selection dragged from page 0 into page 1, highlighted: a
 * highlight on each page, each with that page's lines, stored together;
 * and a pair the store refuses half of is stored not at all. */
static void
check_highlight_across (Run          *run,
                        AttestWindow *window)
{
  AttestWorkspace *ws = attest_window_get_workspace (window);
  AttestPdfPage *page = attest_window_get_pdf_page (window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  g_autoptr(GPtrArray) before = stored (ws, run->sha256);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) pair = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_annotation_free);
  g_autoptr(GError) error = NULL;
  const AttestAnnotation *on0, *on1;
  AttestAnnotation *a;
  guint history = n_history (ws);
  guint first = G_MAXUINT, last = G_MAXUINT;
  double top, bottom;

  g_assert_null (highlight_on (before, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.tool", "s", "select"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.mark-color", "s", BLUE));
  attest_pdf_view_set_zoom (view, 0.25);
  attest_pdf_view_set_page (view, 0);
  attest_test_settle (50);

  /* From the start of page 0's selection line (y = 300) to the end of
   * "The backgrounder" on page 1 (y = 155). */
  attest_test_pdf_view_drag (view, 0, 70, 295, 1, 400, 160);
  g_assert_true (attest_pdf_view_get_selection_pages (view, &first, &last));
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (last, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.highlight", NULL));

  after = stored (ws, run->sha256);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  /* One change each in the history, written in the one transaction. */
  g_assert_cmpuint (n_history (ws), ==, history + 2);
  on1 = highlight_on (after, 1);
  g_assert_nonnull (on1);
  /* Page 0 had the first highlight (step 1, the default colour): the new
   * one is the blue one. */
  on0 = NULL;
  for (guint i = 0; i < after->len; i++)
    {
      const AttestAnnotation *x = after->pdata[i];

      if (x->kind == ATTEST_ANNOTATION_HIGHLIGHT && x->page == 0 && g_strcmp0 (x->color, BLUE) == 0)
        on0 = x;
    }
  g_assert_nonnull (on0);
  g_assert_cmpstr (on0->color, ==, BLUE);
  g_assert_cmpstr (on1->color, ==, BLUE);
  g_assert_cmpint (on1->id, >, on0->id);
  /* Page 0: from the selection line to the page's last line (y = 798),
   * nothing of its heading (y = 72). */
  rects_extent (on0, &top, &bottom);
  g_test_message ("page 0: %u rects, %g to %g", on0->rects->len, top, bottom);
  g_assert_cmpfloat (top, >, 280.0);
  g_assert_cmpfloat (top, <, 300.0);
  g_assert_cmpfloat (bottom, >, 790.0);
  /* Page 1: its heading (y = 72) to "The backgrounder" (y = 155), no further. */
  rects_extent (on1, &top, &bottom);
  g_test_message ("page 1: %u rects, %g to %g", on1->rects->len, top, bottom);
  g_assert_cmpuint (on1->rects->len, >=, 2);
  g_assert_cmpfloat (top, <, 72.0);
  g_assert_cmpfloat (bottom, >, 150.0);
  g_assert_cmpfloat (bottom, <, 170.0);
  g_assert_cmpuint (attest_pdf_view_get_n_marks (view, 1), ==, 1);
  g_assert_false (attest_pdf_view_get_selection_pages (view, NULL, NULL));
  if (g_getenv ("ATTEST_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("ATTEST_TEST_SCREENSHOT_DIR"), "pdf-highlight-across.png", NULL);

      attest_test_settle (800);
      attest_test_save_png (GTK_WIDGET (window), path);
      g_test_message ("screenshot: %s", path);
    }

  /* All or none: the second of a pair is on a page the file has not, so
   * the first is not kept either, its id as it was. */
  for (guint i = 0; i < 2; i++)
    {
      a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
      a->sha256 = g_strdup (run->sha256);
      a->page = i == 0 ? 2 : N_PAGES + 5;
      g_array_append_val (a->rects, ((AttestRect) { 72, 60, 200, 76 }));
      a->color = g_strdup (BLUE);
      a->text = g_strdup ("");
      g_ptr_array_add (pair, a);
    }
  g_assert_false (attest_workspace_add_annotations (ws, pair, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpint (((AttestAnnotation *) pair->pdata[0])->id, ==, 0);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = stored (ws, run->sha256);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  g_assert_null (highlight_on (after, 2));
  g_assert_cmpuint (n_history (ws), ==, history + 2);
}

static void
check_window (Run          *run,
              AttestWindow *window)
{
  AttestWorkspace *ws = attest_window_get_workspace (window);
  AttestPdfPage *page = attest_window_get_pdf_page (window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  AttestPdfMarks *marks = attest_pdf_page_get_marks (page);
  AttestCellPane *pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GArray) selection = NULL;
  const AttestAnnotation *highlight, *rectangle, *note;
  gint64 highlight_id, rectangle_id;
  AttestChecklistRow *row;
  GPtrArray *mark_rows;
  AttestAnnotationEditor *editor;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *entry, *item_row = NULL, *save = NULL;
  GtkWidget *text_view = NULL;
  AdwToast *toast;
  guint history, sel_page = G_MAXUINT, sel_last = G_MAXUINT;
  AttestRect kept_rect;
  g_autofree char *copy_path = NULL;
  g_autofree char *copy = NULL;
  gsize copy_len = 0;
  g_autoptr(GFile) copy_file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (ws);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 0);
  history = n_history (ws);
  annotations = stored (ws, run->sha256);
  g_assert_cmpuint (annotations->len, ==, 0);
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* Highlight with nothing selected: said, nothing stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.highlight", NULL));
  g_assert_cmpuint (n_history (ws), ==, history);

  /* 1. A highlight: the selected line's quads, in the default colour. */
  attest_pdf_view_select (view, 0, ATTEST_PDF_SELECT_GLYPH, &(AttestPdfRect) { 70, 290, 260, 302 });
  g_assert_true (attest_pdf_view_get_selection_pages (view, &sel_page, &sel_last));
  g_assert_cmpuint (sel_page, ==, 0);
  g_assert_cmpuint (sel_last, ==, 0);
  selection = attest_pdf_view_get_selection_rects (view, 0);
  g_assert_nonnull (selection);
  g_assert_cmpuint (selection->len, >=, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.highlight", NULL));
  annotations = stored (ws, run->sha256);
  g_assert_cmpuint (annotations->len, ==, 1);
  highlight = find_kind (annotations, ATTEST_ANNOTATION_HIGHLIGHT);
  g_assert_nonnull (highlight);
  g_assert_cmpuint (highlight->page, ==, 0);
  g_assert_cmpstr (highlight->color, ==, ATTEST_ANNOTATION_DEFAULT_COLOR);
  g_assert_cmpuint (highlight->rects->len, ==, selection->len);
  /* The quads hold the line: its baseline at y = 300, from x = 72. */
  g_assert_cmpfloat (g_array_index (highlight->rects, AttestRect, 0).y1, <, 300.0);
  g_assert_cmpfloat (g_array_index (highlight->rects, AttestRect, 0).y2, >, 290.0);
  g_assert_cmpfloat (g_array_index (highlight->rects, AttestRect, 0).x1, <, 80.0);
  highlight_id = highlight->id;
  g_assert_cmpuint (n_history (ws), ==, history + 1);
  g_assert_cmpuint (attest_pdf_view_get_n_marks (view, 0), ==, 1);
  g_assert_false (attest_pdf_view_get_selection_pages (view, &sel_page, &sel_last));
  g_assert_null (attest_pdf_view_get_selection_rects (view, 0));
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* 2. A rectangle with the tool, Enter marking the page shown, in Red
   * (named so, not by colour alone). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.mark-color", "s", RED));
  assert_label (color_button (page), "Colour of new marks: Red");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.tool", "s", "rectangle"));
  g_assert_cmpint (attest_pdf_view_get_tool (view), ==, ATTEST_PDF_TOOL_RECTANGLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pdf-view.mark-here", NULL));
  annotations = stored (ws, run->sha256);
  g_assert_cmpuint (annotations->len, ==, 2);
  rectangle = find_kind (annotations, ATTEST_ANNOTATION_RECTANGLE);
  g_assert_nonnull (rectangle);
  g_assert_cmpuint (rectangle->page, ==, 0);
  g_assert_cmpstr (rectangle->color, ==, RED);
  g_assert_cmpuint (rectangle->rects->len, ==, 1);
  kept_rect = g_array_index (rectangle->rects, AttestRect, 0);
  g_assert_cmpfloat_with_epsilon (kept_rect.x2 - kept_rect.x1, 144.0, 0.01);
  g_assert_cmpfloat_with_epsilon (kept_rect.y2 - kept_rect.y1, 72.0, 0.01);
  rectangle_id = rectangle->id;
  g_assert_cmpuint (n_history (ws), ==, history + 2);
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* A rectangle outside the page is refused by the render layer, said in
   * a toast: nothing stored. */
  g_signal_emit_by_name (view, "mark-drawn", 0u, 500.0, 800.0, 700.0, 900.0);
  g_assert_cmpuint (n_history (ws), ==, history + 2);

  /* 3. A note where the pointer clicks (the view's signal), in Blue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.mark-color", "s", BLUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.tool", "s", "note"));
  g_signal_emit_by_name (view, "mark-drawn", 0u, 400.0, 500.0, 400.0, 500.0);
  annotations = stored (ws, run->sha256);
  g_assert_cmpuint (annotations->len, ==, 3);
  note = find_kind (annotations, ATTEST_ANNOTATION_NOTE);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->color, ==, BLUE);
  g_assert_cmpfloat (g_array_index (note->rects, AttestRect, 0).x1, ==, 400.0);
  g_assert_cmpfloat (g_array_index (note->rects, AttestRect, 0).y2, ==, 500.0);
  g_assert_cmpuint (n_history (ws), ==, history + 3);
  g_assert_cmpuint (attest_pdf_view_get_n_marks (view, 0), ==, 3);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  /* Escape: back to selecting text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.tool", "s", "select"));
  g_assert_cmpint (attest_pdf_view_get_tool (view), ==, ATTEST_PDF_TOOL_SELECT);

  /* The sidebar lists the three; filtered by colour, one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.show-marks", NULL));
  ATTEST_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (marks)));
  g_assert_cmpuint (attest_pdf_marks_get_n_shown (marks), ==, 3);
  attest_pdf_marks_set_filter (marks, NULL, BLUE, 0);
  g_assert_cmpuint (attest_pdf_marks_get_n_shown (marks), ==, 1);
  attest_pdf_marks_set_filter (marks, NULL, NULL, 0);

  /* 4. The highlight linked to the item, its text written, in the shared
   * annotation editor: its picker finds the item by words. */
  editor = attest_pdf_marks_edit (marks, highlight_id);
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  entry = attest_test_find_visible (GTK_WIDGET (editor), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "soc intune");
  attest_test_collect_any (GTK_WIDGET (editor), GTK_TYPE_LIST_BOX, lists);
  g_assert_cmpuint (lists->len, ==, 2);
  /* search-changed comes after the entry's delay */
  ATTEST_TEST_WAIT_UNTIL ((item_row = row_with (lists->pdata[1], "SOC 2 × Intune, item 1: ")) != NULL);
  gtk_widget_activate (item_row);
  ATTEST_TEST_WAIT_UNTIL (row_with (lists->pdata[0], "SOC 2 × Intune, item 1: ") != NULL);
  text_view = attest_test_find_any (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Opinion **unqualified**", -1);
  attest_test_collect_any (GTK_WIDGET (editor), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Save") == 0)
      save = buttons->pdata[i];
  g_assert_nonnull (save);
  g_signal_emit_by_name (save, "clicked");
  ATTEST_TEST_WAIT_UNTIL (editor == NULL);
  attest_test_settle (20);
  {
    g_autoptr(AttestAnnotation) edited = attest_workspace_get_annotation (ws, highlight_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (edited->text, ==, "Opinion **unqualified**");
    g_assert_true (attest_annotation_has_item (edited, run->item_id));
    g_assert_cmpuint (n_history (ws), ==, history + 4);
  }
  /* Filtered by the item, by words: the highlight alone. */
  attest_pdf_marks_set_filter (marks, NULL, NULL, run->item_id);
  g_assert_cmpuint (attest_pdf_marks_get_n_shown (marks), ==, 1);
  attest_pdf_marks_set_filter (marks, "UNQUALIFIED", NULL, 0);
  g_assert_cmpuint (attest_pdf_marks_get_n_shown (marks), ==, 1);
  attest_pdf_marks_set_filter (marks, NULL, NULL, 0);

  /* 5. From the cell pane: the item lists its mark; activating it opens
   * the PDF at its page, the mark flashing; Back is the cell again. */
  attest_test_window_go_back (window, "matrix");
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");
  row = checklist_row (pane, run->item_id);
  g_assert_nonnull (row);
  mark_rows = attest_checklist_row_get_mark_rows (row);
  /* Read again once the pane is shown. */
  ATTEST_TEST_WAIT_UNTIL (mark_rows->len == 1);
  g_assert_cmpstr (adw_preferences_row_get_title (mark_rows->pdata[0]), ==, "Page 1: Opinion **unqualified**");
  attest_pdf_view_set_page (view, 0);
  g_assert_true (gtk_widget_activate (mark_rows->pdata[0]));
  ATTEST_TEST_WAIT_UNTIL (pdf_page_shown (window) && attest_pdf_view_get_flashing (view) == highlight_id);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 0);
  g_assert_cmpuint (attest_pdf_view_get_n_marks (view, 0), ==, 3);
  attest_test_window_go_back (window, "matrix");
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");

  /* The window's action, as a search result or the CLI would use it. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-annotation", g_variant_new_int64 (rectangle_id));
  ATTEST_TEST_WAIT_UNTIL (pdf_page_shown (window) && attest_pdf_view_get_flashing (view) == rectangle_id);

  /* 6. Delete the rectangle: gone; Undo: the same one again. */
  g_assert_true (attest_pdf_marks_delete (marks, rectangle_id));
  annotations = stored (ws, run->sha256);
  g_assert_cmpuint (annotations->len, ==, 2);
  g_assert_null (find_kind (annotations, ATTEST_ANNOTATION_RECTANGLE));
  g_clear_pointer (&annotations, g_ptr_array_unref);
  g_assert_cmpuint (n_history (ws), ==, history + 5);
  g_assert_cmpuint (attest_pdf_view_get_n_marks (view, 0), ==, 2);
  toast = attest_pdf_marks_get_undo_toast (marks);
  click_undo (toast);
  annotations = stored (ws, run->sha256);
  g_assert_cmpuint (annotations->len, ==, 3);
  rectangle = find_kind (annotations, ATTEST_ANNOTATION_RECTANGLE);
  g_assert_nonnull (rectangle);
  g_assert_cmpint (rectangle->id, ==, rectangle_id);
  g_assert_cmpstr (rectangle->color, ==, RED);
  g_assert_cmpfloat (g_array_index (rectangle->rects, AttestRect, 0).x1, ==, kept_rect.x1);
  g_assert_cmpfloat (g_array_index (rectangle->rects, AttestRect, 0).y2, ==, kept_rect.y2);
  g_assert_cmpuint (n_history (ws), ==, history + 6);
  g_assert_cmpuint (attest_pdf_view_get_n_marks (view, 0), ==, 3);
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* The highlight deleted and brought back keeps its item. */
  g_assert_true (attest_pdf_marks_delete (marks, highlight_id));
  click_undo (attest_pdf_marks_get_undo_toast (marks));
  {
    g_autoptr(AttestAnnotation) back = attest_workspace_get_annotation (ws, highlight_id, &error);

    g_assert_no_error (error);
    g_assert_true (attest_annotation_has_item (back, run->item_id));
    g_assert_cmpstr (back->text, ==, "Opinion **unqualified**");
  }

  /* 7. Save Annotated Copy: a PDF beside, the stored file unchanged. */
  copy_path = g_build_filename (run->dir, "copy (annotated).pdf", NULL);
  copy_file = g_file_new_for_path (copy_path);
  attest_pdf_marks_save_copy_to (marks, copy_file);
  ATTEST_TEST_WAIT_UNTIL (!attest_pdf_marks_get_saving (marks));
  g_assert_true (g_file_get_contents (copy_path, &copy, &copy_len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (copy_len, >, 5);
  g_assert_true (memcmp (copy, "%PDF-", 5) == 0);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (attest_workspace_verify_evidence (ws, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_unlink (copy_path);

  /* 8. Still in the PDF: leaving for the matrix and coming back here
   * once crashed in libadwaita 1.2's toast animation (adw_animation_skip
   * unreffing a freed object), under load. */
  check_highlight_across (run, window);

  attest_test_window_go_back (window, "matrix");
}

static gboolean
poll_window (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (window == NULL || !pdf_page_shown (ATTEST_WINDOW (window)))
    {
      g_assert_cmpint (g_get_monotonic_time () - run->started, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      return G_SOURCE_CONTINUE;
    }
  attest_test_settle (50);
  check_window (run, ATTEST_WINDOW (window));
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_window (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_arg = NULL;
  g_autofree char *text = NULL;
  Run run = { 0 };

  ws = attest_test_workspace_new ("attest-pdf-marks", "PDF Marker", &run.dir, &path);
  attest_test_import_bundled (ws, NULL);
  items = attest_test_stored_checklist (ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  run.item_id = ((AttestChecklistItem *) items->pdata[0])->id;
  g_assert_true (attest_pdf_text_extract (bytes, NULL, &text, &error));
  g_assert_true (attest_workspace_attach_evidence (ws, run.item_id, "report.pdf", bytes, "application/pdf",
                                                   NULL, NULL, N_PAGES, text, &run.sha256, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  pdf_arg = g_strdup_printf ("%s#1", run.sha256);
  {
    const char *argv[] = { "attest", "--workspace", path, "--cell", "soc/soc-2:intune", "--pdf", pdf_arg, NULL };

    run.app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
    run.started = g_get_monotonic_time ();
    g_timeout_add (20, poll_window, &run);
    g_assert_cmpint (g_application_run (G_APPLICATION (run.app), (int) g_strv_length ((char **) argv), (char **) argv), ==, 0);
  }
  g_assert_true (run.checked);
  g_assert_finalize_object (run.app);

  /* What the window stored, read by another connection. */
  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) annotations = stored (ws, run.sha256);

    g_assert_cmpuint (annotations->len, ==, 5);
  }
  g_free (run.sha256);
  attest_test_workspace_delete (&ws, &run.dir, &path);
}

int
main (int argc, char **argv)
{
  attest_test_init_gui (&argc, &argv);
  g_test_add_func ("/pdf-marks/window", test_window);
  return g_test_run ();
}
