/* test-window-first-day.c: the main window as a new analyst meets it (issue 19)
 *
 * Each case runs the real application in a subprocess of its own, on a
 * workspace of its own, and checks what the analyst would see: a change made
 * by another connection shown without reopening, History and Verify in the
 * main menu, the matrix's horizontal scroll kept across a page, the
 * frameworks popover's None, All and search, the cell pane holding still
 * when a due date is set, values shown whole in Preferences and the note
 * editor's hint, and the French quotes of the matrix's tooltip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-application.h"
#include "attest-cell-pane-private.h"
#include "attest-checklist-row.h"
#include "attest-history-window.h"
#include "attest-importer.h"
#include "attest-library-sidebar.h"
#include "attest-matrix-view.h"
#include "attest-note-editor.h"
#include "attest-paths.h"
#include "attest-preferences-window.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "page/attest-page-view.h"

typedef void (*WindowCheck) (AttestApplication *app, AttestWindow *window);

typedef struct {
  AttestApplication *app;
  WindowCheck check;
  gint64 started;
  gboolean checked;
} Run;

static const char *workspace_path;

static gboolean
catalog_shown (AttestWindow *window)
{
  GtkWidget *view = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);

  return view != NULL && gtk_widget_get_mapped (view) &&
         attest_matrix_view_get_n_columns (ATTEST_MATRIX_VIEW (view)) > 0;
}

static gboolean
poll_window (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || !catalog_shown (ATTEST_WINDOW (window)))
    {
      g_assert_cmpint (g_get_monotonic_time () - run->started, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      return G_SOURCE_CONTINUE;
    }
  attest_test_settle (300);
  run->check (run->app, ATTEST_WINDOW (window));
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
run_app (const char  *workspace,
         const char  *cell,
         WindowCheck  check)
{
  Run run = { 0 };
  const char *argv[] = { "attest", "--workspace", workspace, "--cell", cell, NULL };

  workspace_path = workspace;
  run.app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  run.check = check;
  run.started = g_get_monotonic_time ();
  g_timeout_add (20, poll_window, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), cell != NULL ? 5 : 3, (char **)argv), ==, 0);
  g_assert_true (run.checked);
  g_assert_finalize_object (run.app);
}

/* Runs the main loop until @done says so, failing after the test's patience. */
static void
wait_for (gboolean   (*done) (gpointer data),
          gpointer     data,
          const char  *what)
{
  gint64 start = g_get_monotonic_time ();

  while (!done (data))
    {
      if (g_get_monotonic_time () - start > ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC)
        g_error ("Waited %d s for %s", ATTEST_TEST_PATIENCE_S, what);
      attest_test_settle (20);
    }
}

static AttestMatrixView *
matrix_view (AttestWindow *window)
{
  return ATTEST_MATRIX_VIEW (attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW));
}

/* A workspace holding the bundled pages, or one of them. */
static char *
make_workspace (const char  *page,
                char       **dir)
{
  char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-first-day", "Dana", dir, &path);

  attest_test_import_bundled (ws, page);
  return path;
}

/* ---- 1. Changes made by another process ------------------------------------ */

static gboolean
has_four_frameworks (gpointer data)
{
  AttestMatrix *matrix = attest_matrix_view_get_matrix (data);

  return matrix != NULL && matrix->frameworks->len == 4;
}

static void
check_external_change (AttestApplication *app,
                       AttestWindow      *window)
{
  AttestMatrixView *view = matrix_view (window);
  AttestCellPane *pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
  g_autoptr(AttestWorkspace) other = NULL;
  g_autoptr(GError) error = NULL;
  guint columns = attest_matrix_view_get_n_columns (view);
  gint64 start;

  /* One framework, the cell of --cell under the cursor and in the pane. */
  g_assert_cmpuint (attest_matrix_view_get_matrix (view)->frameworks->len, ==, 1);
  g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "soc/soc-2");
  g_assert_cmpstr (attest_matrix_view_get_cursor_service (view), ==, "intune");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");

  /* Another connection, as attest-cli import would: the rest of the catalog. */
  other = attest_workspace_open (workspace_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_test_import_bundled (other, NULL), ==, 4);
  g_clear_object (&other);

  start = g_get_monotonic_time ();
  wait_for (has_four_frameworks, view, "the matrix to show the pages imported by another connection");
  printf ("# import elsewhere to matrix shown: %.0f ms (polled each second)\n",
          (g_get_monotonic_time () - start) / 1000.0);
  attest_test_settle (200);

  /* Shown whole, the selection and the pane kept. */
  g_assert_cmpuint (attest_matrix_view_get_n_columns (view), >, columns);
  g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "soc/soc-2");
  g_assert_cmpstr (attest_matrix_view_get_cursor_service (view), ==, "intune");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");
  g_assert_cmpstr (attest_cell_pane_get_service_id (pane), ==, "intune");
  /* The library lists them too. */
  {
    g_autofree char *summary = NULL;
    GtkWidget *library = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean iso = FALSE;

    attest_test_collect_any (library, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "ISO"))
        iso = TRUE;
    g_assert_true (iso);
  }

  /* Its own writes are not read again as changes made elsewhere: the
   * matrix object stays the one shown. */
  {
    AttestMatrix *shown = attest_matrix_view_get_matrix (view);

    attest_test_settle (2500);
    g_assert_true (attest_matrix_view_get_matrix (view) == shown);
  }
}

static void
test_external_change (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_workspace ("offering-soc.fr-FR.md", &dir);

  run_app (path, "soc/soc-2:intune", check_external_change);
  attest_test_remove_tree (dir);
}

/* ---- 2. History and Verify in the main menu ------------------------------- */

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);
          if (menu_has_action (link, action))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
history_verified (gpointer data)
{
  GtkWindow *history = attest_test_find_toplevel (ATTEST_TYPE_HISTORY_WINDOW);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (history == NULL)
    return FALSE;
  attest_test_collect_visible (GTK_WIDGET (history), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "Fingerprint:"))
      return TRUE;
  return FALSE;
}

static void
check_menu (AttestApplication *app,
            AttestWindow      *window)
{
  GtkMenuButton *button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_auto(GStrv) history_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-history");
  g_auto(GStrv) verify_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.verify-workspace");
  GtkWidget *popover;
  gboolean history_item = FALSE, verify_item = FALSE, history_accel = FALSE, verify_accel = FALSE;

  attest_test_collect_visible (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_primary (buttons->pdata[i]))
      button = buttons->pdata[i];
  g_assert_nonnull (button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (button), "win.show-history"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (button), "win.verify-workspace"));
  g_assert_cmpstr (history_accels[0], ==, "<Control>h");
  g_assert_cmpstr (verify_accels[0], ==, "<Shift><Control>v");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-history"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "verify-workspace"));

  /* Open, the menu shows both items with their shortcuts. */
  gtk_menu_button_popup (button);
  attest_test_settle (300);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  attest_test_collect_visible (popover, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      history_item |= g_str_equal (text, "History");
      verify_item |= g_str_equal (text, "Verify Workspace");
      history_accel |= g_str_equal (text, "Ctrl+H");
      verify_accel |= g_str_equal (text, "Shift+Ctrl+V") || g_str_equal (text, "Ctrl+Shift+V");
    }
  g_assert_true (history_item);
  g_assert_true (verify_item);
  g_assert_true (history_accel);
  g_assert_true (verify_accel);
  gtk_menu_button_popdown (button);

  /* The Verify item: History opens, and the check runs to its fingerprint. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "verify-workspace", NULL);
  wait_for (history_verified, NULL, "Verify Workspace to show the fingerprint");
  gtk_window_destroy (attest_test_find_toplevel (ATTEST_TYPE_HISTORY_WINDOW));
}

static void
test_menu (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_workspace ("offering-soc.fr-FR.md", &dir);

  run_app (path, NULL, check_menu);
  attest_test_remove_tree (dir);
}

/* ---- 6. Back from a page keeps the matrix's scroll ------------------------ */

static gboolean
page_shown (gpointer data)
{
  AttestPageView *page = attest_window_get_page_view (data);

  return gtk_widget_get_mapped (GTK_WIDGET (page)) && !attest_page_view_get_loading (page);
}

static gboolean
matrix_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (matrix_view (data)));
}

static int width_before;
static int widest;

/* The matrix's width at each frame it is shown. */
static gboolean
note_width (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  widest = MAX (widest, gtk_widget_get_width (widget));
  return G_SOURCE_CONTINUE;
}

static gboolean
matrix_width_back (gpointer data)
{
  return gtk_widget_get_width (data) == width_before;
}

static void
check_back_keeps_scroll (AttestApplication *app,
                         AttestWindow      *window)
{
  AttestMatrixView *view = matrix_view (window);
  GtkAdjustment *h = NULL, *v = NULL;
  double h_before, v_before;
  int width;
  guint tick;

  /* A window narrower than the matrix, wide enough for the library beside
   * it (a page folds the library away, which widens the matrix meanwhile). */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  attest_test_settle (700);
  g_object_get (view, "hadjustment", &h, "vadjustment", &v, NULL);
  /* The matrix is wider than the window: scrolled half way across, and down. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h), >, 200);
  gtk_adjustment_set_value (h, (gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h)) / 2);
  gtk_adjustment_set_value (v, MIN (120, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v)));
  attest_test_settle (200);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  h_before = gtk_adjustment_get_value (h);
  v_before = gtk_adjustment_get_value (v);
  g_assert_cmpfloat (h_before, >, 100);

  /* A page, as a double click on a column's header opens it, then Back. */
  widest = 0;
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), note_width, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  {
    AttestMatrixFramework *f = attest_matrix_lookup_framework (attest_matrix_view_get_matrix (view), "mars-e");

    g_assert_nonnull (f);
    g_signal_emit_by_name (view, "column-activated", ((AttestMatrixScope *)f->scopes->pdata[0])->id);
  }
  wait_for (page_shown, window, "the page to show");
  attest_test_settle (1000);
  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  wait_for (matrix_mapped, window, "the matrix to come back");
  /* The library slides back in: the matrix narrows again over a few frames. */
  width_before = width;
  wait_for (matrix_width_back, view, "the library to come back beside the matrix");
  attest_test_settle (200);
  gtk_widget_remove_tick_callback (GTK_WIDGET (view), tick);
  /* The case at hand: the matrix was shown wider than before meanwhile (the
   * library folded for the page), which clamped its scroll. */
  g_assert_cmpint (widest, >, width);

  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, h_before);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, v_before);
  g_object_unref (h);
  g_object_unref (v);
}

static void
test_back_keeps_scroll (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_workspace (NULL, &dir);

  run_app (path, NULL, check_back_keeps_scroll);
  attest_test_remove_tree (dir);
}

/* ---- 7. The frameworks popover: None, All, and a search ------------------- */

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_any (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  return NULL;
}

static guint
count_checks (GtkWidget *popover,
              gboolean   active,
              gboolean   shown_only)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  guint n = 0;

  attest_test_collect_any (popover, GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (checks->pdata[i], GTK_TYPE_LIST_BOX_ROW);

      if (shown_only && !gtk_widget_get_child_visible (row))
        continue;
      if (gtk_check_button_get_active (checks->pdata[i]) == active)
        n++;
    }
  return n;
}

static GtkCheckButton *
shown_check (GtkWidget *popover)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  attest_test_collect_any (popover, GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    if (gtk_widget_get_child_visible (gtk_widget_get_ancestor (checks->pdata[i], GTK_TYPE_LIST_BOX_ROW)))
      return checks->pdata[i];
  return NULL;
}

static void
check_frameworks_popover (AttestApplication *app,
                          AttestWindow      *window)
{
  AttestMatrixView *view = matrix_view (window);
  GtkMenuButton *button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *popover, *none, *all;
  GtkSearchEntry *search;
  guint n_all = attest_matrix_view_get_matrix (view)->frameworks->len;

  attest_test_collect_visible (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Choose the frameworks shown") == 0)
      button = buttons->pdata[i];
  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  attest_test_settle (300);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_cmpuint (count_checks (popover, TRUE, FALSE), ==, n_all);

  /* None: every box unticked in one click; the matrix shows them all until one is ticked. */
  none = find_button_labelled (popover, "_None");
  all = find_button_labelled (popover, "_All");
  g_assert_nonnull (none);
  g_assert_nonnull (all);
  g_signal_emit_by_name (none, "clicked");
  attest_test_settle (100);
  g_assert_cmpuint (count_checks (popover, TRUE, FALSE), ==, 0);
  g_assert_cmpuint (attest_matrix_view_get_matrix (view)->frameworks->len, ==, n_all);

  /* The search: typed, only the matching frameworks listed; the first ticked shows it alone. */
  search = GTK_SEARCH_ENTRY (attest_test_find_visible (popover, GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "soc");
  attest_test_settle (400);
  g_assert_cmpuint (count_checks (popover, FALSE, TRUE), ==, 1);
  gtk_check_button_set_active (shown_check (popover), TRUE);
  attest_test_settle (100);
  g_assert_cmpuint (attest_matrix_view_get_matrix (view)->frameworks->len, ==, 1);
  g_assert_cmpstr (((AttestMatrixFramework *)attest_matrix_view_get_matrix (view)->frameworks->pdata[0])->id, ==, "soc");

  /* A search matching nothing lists nothing, and changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (search), "no such framework");
  attest_test_settle (400);
  g_assert_null (shown_check (popover));
  g_assert_cmpuint (attest_matrix_view_get_matrix (view)->frameworks->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  attest_test_settle (400);
  g_assert_cmpuint (count_checks (popover, TRUE, TRUE), ==, 1);

  /* All: every box ticked, every framework shown. */
  g_signal_emit_by_name (all, "clicked");
  attest_test_settle (100);
  g_assert_cmpuint (count_checks (popover, TRUE, FALSE), ==, n_all);
  g_assert_cmpuint (attest_matrix_view_get_matrix (view)->frameworks->len, ==, n_all);
  gtk_menu_button_popdown (button);
}

static void
test_frameworks_popover (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_workspace (NULL, &dir);

  run_app (path, NULL, check_frameworks_popover);
  attest_test_remove_tree (dir);
}

/* ---- 5. The pane holds still when a due date is set ----------------------- */

static GtkWidget *
evidence_add_button (GtkWidget *row)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_visible (row, GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Add Evidence") == 0)
      return buttons->pdata[i];
  return NULL;
}

/* The row's controls fully slid open (the revealer's animation done). */
static gboolean
row_open (gpointer data)
{
  GtkWidget *revealer = attest_test_find_any (data, GTK_TYPE_REVEALER);

  return revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)) &&
         evidence_add_button (data) != NULL;
}

static void
check_due_date_stable (AttestApplication *app,
                       AttestWindow      *window)
{
  AttestCellPane *pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
  GtkWidget *row = _attest_cell_pane_get_item_row (pane, 1);
  GtkWidget *add;
  GtkCalendar *calendar;
  graphene_point_t before, after;
  g_autoptr(GDateTime) soon = g_date_time_add_days (g_date_time_new_now_local (), 20);
  g_autoptr(GDateTime) past = g_date_time_new_local (2000, 1, 15, 12, 0, 0);

  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  wait_for (row_open, row, "the checklist item to open");
  attest_test_settle (300);
  add = evidence_add_button (row);
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_compute_point (add, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &before));

  /* A date to come, then one past (overdue: the badge and the summary say so). */
  for (guint i = 0; i < 2; i++)
    {
      calendar = GTK_CALENDAR (attest_test_find_any (row, GTK_TYPE_CALENDAR));
      gtk_calendar_select_day (calendar, i == 0 ? soon : past);
      g_signal_emit_by_name (find_button_labelled (row, "_Set Date"), "clicked");
      attest_test_settle (500);
      row = _attest_cell_pane_get_item_row (pane, 1);
      g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
      wait_for (row_open, row, "the checklist item to stay open");
      add = evidence_add_button (row);
      g_assert_nonnull (add);
      g_assert_true (gtk_widget_compute_point (add, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &after));
      printf ("# evidence + at (%.0f, %.0f), then (%.0f, %.0f)\n", before.x, before.y, after.x, after.y);
      g_assert_cmpfloat (after.x, ==, before.x);
      g_assert_cmpfloat (after.y, ==, before.y);
    }
  g_assert_true (attest_checklist_row_get_overdue (ATTEST_CHECKLIST_ROW (row)));
}

static void
test_due_date_stable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_workspace ("offering-soc.fr-FR.md", &dir);

  run_app (path, "soc/soc-2:intune", check_due_date_stable);
  attest_test_remove_tree (dir);
}

/* ---- 3, 8. Values and hints shown whole --------------------------------- */

/* A PNG of @widget's window in $ATTEST_TEST_SCREENSHOT_DIR, for looking at (not asserted). */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("ATTEST_TEST_SCREENSHOT_DIR");
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (root), height = gtk_widget_get_height (root);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (root);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (root)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  printf ("# screenshot: %s\n", path);
}

/* Every mapped label under @root shows its whole text: not ellipsized, as
 * tall as its text needs at its width, and inside its parent. */
static void
assert_labels_whole (GtkWidget  *root,
                     guint      *n_checked)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  attest_test_collect_visible (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      GtkWidget *parent = gtk_widget_get_parent (label);
      graphene_rect_t bounds;
      int minimum;

      if (!gtk_widget_get_mapped (label) || *text == '\0')
        continue;
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
        g_error ("“%s” is cut off (ellipsized at %d px)", text, gtk_widget_get_width (label));
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &minimum, NULL, NULL, NULL);
      if (gtk_widget_get_height (label) < minimum)
        g_error ("“%s” is cut off (%d px high of %d)", text, gtk_widget_get_height (label), minimum);
      /* Inside every container up to @root's window: none cuts it off. */
      for (; parent != NULL && !GTK_IS_NATIVE (parent); parent = gtk_widget_get_parent (parent))
        {
          if (GTK_IS_VIEWPORT (parent))
            break;  /* a scrolled view's content is meant to be larger than the view */
          g_assert_true (gtk_widget_compute_bounds (label, parent, &bounds));
          if (bounds.origin.x < -0.5 || bounds.origin.y < -0.5 ||
              bounds.origin.x + bounds.size.width > gtk_widget_get_width (parent) + 0.5 ||
              bounds.origin.y + bounds.size.height > gtk_widget_get_height (parent) + 0.5)
            g_error ("“%s” overflows its %s (%.0f,%.0f %.0f×%.0f in %d×%d)", text, G_OBJECT_TYPE_NAME (parent),
                     bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                     gtk_widget_get_width (parent), gtk_widget_get_height (parent));
        }
      (*n_checked)++;
    }
}

static void
check_preferences_whole (AttestApplication *app,
                         AttestWindow      *window)
{
  GtkWindow *preferences;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n_checked = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  attest_test_settle (500);
  preferences = attest_test_find_toplevel (ATTEST_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  attest_test_collect_visible (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Each row's every value, the longest included. */
  for (guint r = 0; r < rows->len; r++)
    {
      GListModel *model = adw_combo_row_get_model (rows->pdata[r]);
      guint selected = adw_combo_row_get_selected (rows->pdata[r]);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          adw_combo_row_set_selected (rows->pdata[r], i);
          attest_test_settle (100);
          assert_labels_whole (rows->pdata[r], &n_checked);
        }
      adw_combo_row_set_selected (rows->pdata[r], selected);
    }
  attest_test_settle (100);
  assert_labels_whole (GTK_WIDGET (preferences), &n_checked);
  g_assert_cmpuint (n_checked, >=, 10);
  maybe_screenshot (GTK_WIDGET (preferences), g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "preferences-fr.png"
                                                                                          : "preferences-en.png");
  gtk_window_destroy (preferences);
}

static gboolean
note_editor_open (gpointer data)
{
  GtkWidget *view = attest_test_find_visible (data, GTK_TYPE_TEXT_VIEW);

  return view != NULL && gtk_widget_get_mapped (view);
}

static void
check_note_hint_whole (AttestApplication *app,
                       AttestWindow      *window)
{
  AttestCellPane *pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
  GtkWidget *editor = NULL;
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *hint = NULL;
  guint n_checked = 0;

  /* The notes on the cell: Add Note opens the editor with its hint. */
  attest_test_collect_visible (GTK_WIDGET (pane), ATTEST_TYPE_NOTE_EDITOR, editors);
  g_assert_cmpuint (editors->len, >, 0);
  editor = editors->pdata[0];
  g_assert_true (gtk_widget_activate_action (editor, "note-editor.add", NULL));
  wait_for (note_editor_open, editor, "the note editor to open");
  attest_test_settle (500);
  attest_test_collect_visible (editor, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "Markdown:") ||
        g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "Markdown :"))
      hint = labels->pdata[i];
  g_assert_nonnull (hint);
  assert_labels_whole (gtk_widget_get_parent (hint), &n_checked);
  g_assert_cmpuint (n_checked, >=, 1);
  {
    /* The editor scrolled into view, for the screenshot. */
    GtkWidget *scrolled = gtk_widget_get_ancestor (editor, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    attest_test_settle (300);
  }
  maybe_screenshot (editor, g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "note-hint-fr.png" : "note-hint-en.png");
  g_assert_true (gtk_widget_activate_action (editor, "note-editor.cancel", NULL));
}

static void
test_shown_whole (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_workspace ("offering-soc.fr-FR.md", &dir);

  run_app (path, NULL, check_preferences_whole);
  run_app (path, "soc/soc-2:intune", check_note_hint_whole);
  attest_test_remove_tree (dir);
}

/* The same in French, whose words are longer; and the quotes of the
 * matrix's tooltip, French ones (issue 18's leftover). */
static void
test_shown_whole_fr (void)
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  /* Translators' quotes around a line quoted from a page: « … » with no-break spaces. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "“%s”"), ==, "«\u00a0%s\u00a0»");
  test_shown_whole ();
}

/* ---- 4. Greyed reading modes say why ------------------------------------ */

static gboolean
modes_said_why (gpointer data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  attest_test_collect_visible (data, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i]) &&
        strstr (gtk_label_get_text (labels->pdata[i]), "Source and Side by Side need it") != NULL)
      return TRUE;
  return FALSE;
}

static void
check_modes_say_why (AttestApplication *app,
                     AttestWindow      *window)
{
  AttestPageView *page = attest_window_get_page_view (window);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *source = NULL;

  /* The French SOC page without its English spans: a translation-only page. */
  g_assert_true (attest_window_show_page (window, "soc", NULL, NULL, -1));
  wait_for (page_shown, window, "the page to show");
  attest_test_settle (500);
  attest_test_collect_visible (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Source") == 0)
      source = buttons->pdata[i];
  g_assert_nonnull (source);
  g_assert_true (gtk_widget_get_mapped (source));
  g_assert_false (gtk_widget_is_sensitive (source));
  /* Said in a label on screen, not only in a tooltip GTK never shows there. */
  wait_for (modes_said_why, page, "the page to say why its modes are greyed");
}

static void
test_modes_say_why (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  g_autofree char *seed = g_build_filename (offerings, "offering-soc.fr-FR.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *page = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-first-day", "Dana", &dir, &path);

  g_assert_true (g_file_get_contents (seed, &contents, NULL, &error));
  regex = g_regex_new ("<span class=\"sxs-lookup\"><span data-stu-id=\"[^\"]*\">.*?</span></span>", 0, 0, &error);
  g_assert_no_error (error);
  stripped = g_regex_replace (regex, contents, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (stripped), <, strlen (contents));
  page = g_build_filename (dir, "offering-soc.fr-FR.md", NULL);
  g_assert_true (g_file_set_contents (page, stripped, -1, &error));
  {
    const char *paths[] = { page, NULL };
    g_autoptr(AttestImportSummary) summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summary->imported, ==, 1);
  }
  g_clear_object (&ws);

  run_app (path, NULL, check_modes_say_why);
  attest_test_remove_tree (dir);
}

ATTEST_TEST_ISOLATED (test_external_change)
ATTEST_TEST_ISOLATED (test_menu)
ATTEST_TEST_ISOLATED (test_back_keeps_scroll)
ATTEST_TEST_ISOLATED (test_frameworks_popover)
ATTEST_TEST_ISOLATED (test_due_date_stable)
ATTEST_TEST_ISOLATED (test_shown_whole)
ATTEST_TEST_ISOLATED (test_modes_say_why)
ATTEST_TEST_ISOLATED (test_shown_whole_fr)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  /* One application per process: each case runs in its own subprocess. */
  g_test_add_func ("/first-day/external-change", test_external_change_isolated);
  g_test_add_func ("/first-day/menu", test_menu_isolated);
  g_test_add_func ("/first-day/back-keeps-scroll", test_back_keeps_scroll_isolated);
  g_test_add_func ("/first-day/frameworks-popover", test_frameworks_popover_isolated);
  g_test_add_func ("/first-day/due-date-stable", test_due_date_stable_isolated);
  g_test_add_func ("/first-day/shown-whole", test_shown_whole_isolated);
  g_test_add_func ("/first-day/modes-say-why", test_modes_say_why_isolated);
  g_test_add_func ("/first-day/shown-whole-fr", test_shown_whole_fr_isolated);
  return g_test_run ();
}
