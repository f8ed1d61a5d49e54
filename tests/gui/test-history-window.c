/* test-history-window.c: the History window over a seeded workspace, and Verify Workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With ATTEST_HISTORY_SCREENSHOT=DIR the window is also saved as PNGs in DIR,
 * to look at it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "attest-history.h"
#include "attest-history-item.h"
#include "attest-history-window.h"
#include "attest-paths.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"

typedef struct {
  char *path;
  char *sha256;
  AttestWorkspace *ws;
  GtkWindow *parent;
  AttestHistoryWindow *window;
  guint expect_rows;
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

/* Iterates the main loop until @condition holds; fails after @seconds. */
static void
wait_for (Fixture   *f,
          Condition  condition,
          double     seconds,
          const char *what)
{
  gint64 until = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  while (!condition (f))
    {
      if (g_get_monotonic_time () > until)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The first GtkStack below @root whose pages include one named @page. */
static GtkStack *
find_stack_with (GtkWidget  *root,
                 const char *page)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), page) != NULL)
    return GTK_STACK (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkStack *found = find_stack_with (c, page);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("ATTEST_HISTORY_SCREENSHOT");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  /* Transitions (stack cross-fades, revealers) over. */
  for (guint i = 0; i < 30; i++)
    attest_test_settle (60);
  path = g_build_filename (dir, name, NULL);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  /* Not drawn yet since the last change: another frame. */
  for (guint i = 0; node == NULL && i < 20; i++)
    {
      attest_test_settle (60);
      g_clear_object (&snapshot);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget));
      node = gtk_snapshot_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  printf ("# screenshot: %s\n", path);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 3000);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static gboolean
loaded (Fixture *f)
{
  return !attest_history_window_get_loading (f->window);
}

/* The bundled catalog, an exception on SOC 2 × Intune item 2, an evidence file on item 3. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) report = g_bytes_new_static ("SOC 2 type 2 report, 2026", 25);
  g_autoptr(GError) error = NULL;

  f->path = g_build_filename (dir, "audit.attest", NULL);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  attest_workspace_set_reviewer (f->ws, "Dana");
  g_assert_cmpuint (attest_test_import_bundled (f->ws, NULL), ==, 5);
  /* The cell's items stored by an edit of their own (its row lists them). */
  items = attest_test_stored_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[1])->id, "exception",
                                               NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_attach_evidence (f->ws, ((AttestChecklistItem *)items->pdata[2])->id,
                                                   "soc2-type2-2026.pdf", report, "application/pdf", "2026-01-15",
                                                   "2027-01-14", -1, NULL, &f->sha256, &error));
  g_assert_no_error (error);

  f->parent = GTK_WINDOW (gtk_window_new ());
  f->window = attest_history_window_new (f->parent, f->ws);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    g_main_context_iteration (NULL, TRUE);
  wait_for (f, loaded, 10, "the history to be read");
  attest_test_settle (60);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  gtk_window_destroy (f->parent);
  g_clear_object (&f->ws);
  g_free (f->path);
  g_free (f->sha256);
}

/* The list of changes (the drop-down has a list view of its own). */
static GtkWidget *
history_list (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && gtk_widget_has_css_class (root, "history-list"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = history_list (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GListModel *
shown_rows (Fixture *f)
{
  GtkWidget *list = history_list (GTK_WIDGET (f->window));

  g_assert_nonnull (list);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
}

static AttestHistoryItem *
row_at (Fixture *f,
        guint    position)
{
  AttestHistoryItem *item = g_list_model_get_item (shown_rows (f), position);

  g_assert_nonnull (item);
  g_object_unref (item);   /* the model keeps it */
  return item;
}

static const char *
count_text (Fixture *f)
{
  /* The count is the last label of the window's content box. */
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (f->window));
  GtkWidget *box = gtk_widget_get_first_child (content);

  while (box != NULL && !GTK_IS_BOX (box))
    box = gtk_widget_get_first_child (box);
  g_assert_nonnull (box);
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box)));
}

/* The shown row widget for @item (the list makes widgets for the visible rows only). */
static GtkWidget *
row_widget (Fixture           *f,
            AttestHistoryItem *item)
{
  GtkWidget *list = history_list (GTK_WIDGET (f->window));
  g_autofree char *wanted = attest_history_item_dup_accessible_label (item);

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = gtk_widget_get_first_child (c);
      GtkWidget *labels;

      if (row == NULL || !GTK_IS_BOX (row) || !gtk_widget_get_child_visible (c))
        continue;
      labels = gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_first_child (row)));
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (labels))),
                     attest_history_item_get_what (item)) == 0 &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (labels))),
                     attest_history_item_get_subject (item)) == 0)
        return row;
    }
  g_error ("no row widget shows “%s”", wanted);
}

static gboolean
rows_shown (Fixture *f)
{
  /* GtkSearchEntry waits a moment after typing. */
  return g_list_model_get_n_items (shown_rows (f)) == f->expect_rows;
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  GListModel *rows = shown_rows (f);
  GtkDropDown *dropdown = GTK_DROP_DOWN (attest_test_find_any (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
  GtkWidget *entry = attest_test_find_any (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY);
  GListModel *kinds = gtk_drop_down_get_model (dropdown);
  g_autoptr(GPtrArray) history = attest_workspace_list_history (f->ws, NULL, NULL);
  AttestHistoryItem *newest;
  guint imports = 0;
  GtkWidget *row;
  g_autofree char *label = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "History");
  /* The workspace named as the main window names it: "audit", not "audit.attest". */
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (attest_test_find_any (GTK_WIDGET (f->window), ADW_TYPE_WINDOW_TITLE));
    g_autofree char *name = attest_paths_display_name (f->path);

    g_assert_true (g_str_has_suffix (f->path, "/audit.attest"));
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "audit");
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, name);
  }
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (f->window)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->window)) == f->parent);

  /* Every row, newest first: 5 imports, the edit that stored the checklist, the change, the file. */
  g_assert_cmpuint (history->len, ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  g_assert_cmpstr (count_text (f), ==, "8 changes");
  for (guint i = 0; i < 8; i++)
    {
      AttestHistoryItem *item = row_at (f, i);
      AttestHistoryEntry *e = history->pdata[7 - i];

      g_assert_cmpint (attest_history_item_get_id (item), ==, e->id);
      g_assert_cmpstr (attest_history_item_get_reviewer (item), ==, attest_workspace_get_reviewer (f->ws));
      if (g_str_equal (attest_history_item_get_entity (item), "framework"))
        {
          g_assert_cmpstr (attest_history_item_get_what (item), ==, "Page imported");
          g_assert_true (g_str_has_prefix (attest_history_item_get_changes (item), "offering-"));
          imports++;
        }
    }
  g_assert_cmpuint (imports, ==, 5);

  g_assert_cmpstr (attest_history_item_get_what (row_at (f, 0)), ==, "Evidence attached");
  g_assert_cmpstr (attest_history_item_get_subject (row_at (f, 0)), ==, "soc2-type2-2026.pdf");
  newest = row_at (f, 1);
  g_assert_cmpstr (attest_history_item_get_what (newest), ==, "Checklist item updated");
  g_assert_cmpstr (attest_history_item_get_subject (newest), ==, "SOC 2 × Intune, item 2");
  g_assert_cmpstr (attest_history_item_get_changes (newest), ==, "status: not started → exception");
  /* Local time, to the minute. */
  g_assert_cmpuint (strlen (attest_history_item_get_time (newest)), ==, strlen ("2026-11-23 14:02"));

  /* What the row shows, and what a screen reader says for it. */
  row = row_widget (f, newest);
  label = attest_history_item_dup_accessible_label (newest);
  g_assert_nonnull (strstr (label, "Checklist item updated: SOC 2 × Intune, item 2, by "));
  g_assert_nonnull (strstr (label, "status: not started → exception"));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  gtk_test_accessible_assert_property (gtk_widget_get_parent (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  {
    GtkWidget *changes = gtk_widget_get_last_child (gtk_widget_get_next_sibling (gtk_widget_get_first_child (row)));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (changes)), ==, "status: not started → exception");
    g_assert_cmpstr (gtk_widget_get_tooltip_text (changes), ==, "status: not started → exception");
  }
  save_screenshot (GTK_WIDGET (f->window), "history.png");

  /* The kinds present, most asked for first. */
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), 0), ==, "All Changes");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), 1), ==, "Checklist Items");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), 2), ==, "Evidence");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), 3), ==, "Imports");

  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_true (row_at (f, 0) == newest);
  g_assert_cmpstr (count_text (f), ==, "2 of 8 changes");
  gtk_drop_down_set_selected (dropdown, 3);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
  g_assert_cmpstr (attest_history_item_get_entity (row_at (f, 0)), ==, "framework");
  /* The last page imported (byte order of paths) is SOC's, first in newest-first order. */
  g_assert_cmpstr (attest_history_item_get_subject (row_at (f, 0)), ==, "SOC");
  g_assert_nonnull (strstr (attest_history_item_get_changes (row_at (f, 0)), "\nSOC 2: added "));

  /* Words narrow it further; every word must occur, in any case. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "mars-e ZH-tw");
  f->expect_rows = 1;
  wait_for (f, rows_shown, 5, "the search entry");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (attest_history_item_get_changes (row_at (f, 0)), ==,
                   "offering-mars-e.zh-TW.md · Chinese (Taiwan)\nno change to the services in scope");
  g_assert_cmpstr (count_text (f), ==, "1 of 8 changes");

  /* Nothing matches: a status page says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "no such words here");
  f->expect_rows = 0;
  wait_for (f, rows_shown, 5, "the search entry");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (find_stack_with (GTK_WIDGET (f->window), "no-match")), ==,
                   "no-match");

  /* All kinds again, and the entry cleared by Escape's handler. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_signal_emit_by_name (entry, "stop-search");
  attest_test_settle (60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));

  /* A change made elsewhere shows when the window is listed again, the kind kept. */
  gtk_drop_down_set_selected (dropdown, 1);
  {
    g_autoptr(GPtrArray) items = attest_workspace_get_checklist (f->ws, "soc/soc-2", "intune", NULL);
    g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[0])->id, NULL, "Sam",
                                                 NULL, NULL));
  }
  attest_history_window_reload (f->window);
  g_assert_true (attest_history_window_get_loading (f->window));
  /* The rows shown stay while the new ones are read. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  wait_for (f, loaded, 10, "the history to be read");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (attest_history_item_get_changes (row_at (f, 0)), ==, "owner: — → Sam");
}

static const char *
verify_state (Fixture *f)
{
  GtkStack *stack = find_stack_with (GTK_WIDGET (f->window), "verified");
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_parent (GTK_WIDGET (stack)));

  if (!gtk_revealer_get_reveal_child (revealer))
    return "hidden";
  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
verify_finished (Fixture *f)
{
  return !g_str_equal (verify_state (f), "running");
}

static GtkLabel *
label_with_class (GtkWidget  *root,
                  const char *css_class)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, css_class))
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = label_with_class (c, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_clipboard_text (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(char **)user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *fingerprint = attest_workspace_get_fingerprint (f->ws, NULL);
  g_autofree char *copied = NULL;
  g_autofree char *sql = NULL;
  GtkLabel *shown;
  GtkListBox *problems;
  gint64 started;
  GtkWidget *row;

  g_assert_cmpstr (verify_state (f), ==, "hidden");

  /* The button's action: a spinner and Cancel while the worker checks. */
  started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "history.verify", NULL));
  g_assert_cmpstr (verify_state (f), ==, "running");
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (attest_test_find_any (GTK_WIDGET (f->window), GTK_TYPE_SPINNER))));
  wait_for (f, verify_finished, 10, "Verify Workspace");
  printf ("# verify of the seeded workspace: %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);

  /* Intact: the fingerprint the reports print, selectable, and copied by Copy. */
  g_assert_cmpstr (verify_state (f), ==, "verified");
  shown = label_with_class (GTK_WIDGET (f->window), "monospace");
  g_assert_nonnull (shown);
  /* …with the history rows it covers, as `attest-cli verify` prints it. */
  {
    g_autofree char *expected = NULL;
    gint64 n_rows = 0;
    g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *fp2 = NULL;

    g_assert_true (attest_workspace_verify_expecting (f->ws, NULL, none, &fp2, &n_rows, NULL));
    g_assert_cmpint (n_rows, >, 1);
    expected = g_strdup_printf ("Fingerprint: %s (%" G_GINT64_FORMAT " history rows)", fingerprint, n_rows);
    g_assert_cmpstr (gtk_label_get_text (shown), ==, expected);
  }
  g_assert_true (gtk_label_get_selectable (shown));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (attest_test_find_any (GTK_WIDGET (f->window), GTK_TYPE_SPINNER))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "history.copy-fingerprint", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL, on_clipboard_text, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, fingerprint);
  save_screenshot (GTK_WIDGET (f->window), "history-verified.png");

  /* Changed behind Attest's back: a history row and the evidence file's bytes. */
  exec_sql (f->path, "UPDATE history SET reviewer = 'Mallory' WHERE id = 2");
  sql = g_strdup_printf ("UPDATE evidence SET data = X'00' WHERE sha256 = '%s'", f->sha256);
  exec_sql (f->path, sql);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "history.verify", NULL));
  wait_for (f, verify_finished, 10, "Verify Workspace");
  g_assert_cmpstr (verify_state (f), ==, "problems");
  problems = GTK_LIST_BOX (attest_test_find_any (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX));
  row = gtk_widget_get_first_child (GTK_WIDGET (problems));
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))),
                                   "history row 2 "));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))));
  row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))),
                            "soc2-type2-2026.pdf"));
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_nonnull (label_with_class (GTK_WIDGET (f->window), "heading"));
  {
    GtkStack *stack = find_stack_with (GTK_WIDGET (f->window), "problems");
    GtkLabel *title = label_with_class (gtk_stack_get_child_by_name (stack, "problems"), "heading");
    g_assert_cmpstr (gtk_label_get_text (title), ==, "2 Problems Found");
  }
  /* No fingerprint to copy from a workspace that does not check out. */
  g_assert_false (gtk_widget_is_sensitive (attest_test_find_any (gtk_stack_get_child_by_name (
                    find_stack_with (GTK_WIDGET (f->window), "verified"), "verified"), GTK_TYPE_BUTTON)));
  save_screenshot (GTK_WIDGET (f->window), "history-problems.png");

  /* Dismissed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "history.dismiss-verify", NULL));
  g_assert_cmpstr (verify_state (f), ==, "hidden");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  gint64 until;

  /* Cancel: the bar goes, Verify is offered again, the late result is dropped. */
  g_assert_true (gtk_widget_activate_action (window, "history.verify", NULL));
  g_assert_cmpstr (verify_state (f), ==, "running");
  g_assert_true (gtk_widget_activate_action (window, "history.cancel-verify", NULL));
  g_assert_cmpstr (verify_state (f), ==, "hidden");
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (verify_state (f), ==, "hidden");
  g_assert_true (gtk_widget_activate_action (window, "history.verify", NULL));
  wait_for (f, verify_finished, 10, "Verify Workspace");
  g_assert_cmpstr (verify_state (f), ==, "verified");

  /* Closed while verifying and reading: the workers finish on their own
   * connections, then the window goes; nothing is touched after (fatal
   * warnings would say). */
  g_assert_true (gtk_widget_activate_action (window, "history.verify", NULL));
  attest_history_window_reload (f->window);
  {
    GWeakRef weak;
    GObject *alive;

    g_weak_ref_init (&weak, window);
    gtk_window_close (GTK_WINDOW (f->window));
    f->window = NULL;
    until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while ((alive = g_weak_ref_get (&weak)) != NULL)
      {
        g_object_unref (alive);
        g_assert_cmpint (g_get_monotonic_time (), <, until);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_weak_ref_clear (&weak);
  }
  /* The workspace is still fine to use. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_assert_true (attest_workspace_verify (f->ws, problems, NULL, NULL));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* Each case with a fixture of its own, in a process of its own. */
#define FIXTURE_TEST(fn)                                                     \
  static void fn##_with_fixture (void)                                       \
  {                                                                          \
    Fixture f = { 0 };                                                       \
                                                                             \
    fixture_set_up (&f, NULL);                                               \
    fn (&f, NULL);                                                           \
    fixture_tear_down (&f, NULL);                                            \
  }                                                                          \
  ATTEST_TEST_ISOLATED (fn##_with_fixture)

FIXTURE_TEST (test_rows)
FIXTURE_TEST (test_verify)
FIXTURE_TEST (test_cancel)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);
  attest_test_use_app_style ();

  /* Each case in a process of its own: a worker thread may outlive one. */
  g_test_add_func ("/history-window/rows", test_rows_with_fixture_isolated);
  g_test_add_func ("/history-window/verify", test_verify_with_fixture_isolated);
  g_test_add_func ("/history-window/cancel", test_cancel_with_fixture_isolated);

  return g_test_run ();
}
