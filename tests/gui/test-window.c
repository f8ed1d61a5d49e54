/* test-window.c: the real application's main window, in English, French and Chinese
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attest-application.h"
#include "attest-cell-pane-private.h"
#include "attest-note-editor.h"
#include "page/attest-block-view.h"
#include "attest-importer.h"
#include "attest-matrix-view.h"
#include "attest-paths.h"
#include "page/attest-page-view.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "attest-history.h"
#include "attest-workspace-notes.h"
#include "attest-search.h"
#include "attest-workspace-checklist.h"

/* What the tests expect to read, per language of the run. */
static const char *
expected (const char *en)
{
  const char *lang = g_getenv ("LANGUAGE");
  static const struct { const char *en, *fr, *zh; } strings[] = {
    { "No Offering Pages Yet", "Aucune page d’offre pour l’instant", "尚無供應項目頁面" },
    { "Could Not Open the Workspace", "Impossible d’ouvrir l’espace de travail", "無法開啟工作區" },
    { "Main Menu", "Menu principal", "主選單" },
    { "not in scope", "hors du périmètre", "不在範圍內" },
    /* Counts take the form of their number: "1 of 24 services" (the noun goes with
     * the 24; French once read "1 services sur 24"), one item satisfied, then two. */
    { "4 frameworks · 1 of 24 services · 6 scopes · 4 in scope",
      "4 référentiels · 1 sur 24 services · 6 périmètres · 4 dans le périmètre",
      "4 個架構 · 1 / 24 項服務 · 6 個範圍 · 4 項在範圍內" },
    { "1 of 4 satisfied", "1 sur 4 satisfait", "已滿足 1／4 項" },
    { "2 of 4 satisfied", "2 sur 4 satisfaits", "已滿足 2／4 項" },
    /* A checklist template's line, stored in English, shown in the reader's language. */
    { "SOC 3 report obtained and lists the service", "Rapport SOC 3 obtenu, mentionnant le service",
      "已取得列出此服務的 SOC 3 報告" },
    /* A page's language, as a label names it. */
    { "French (France)", "Français (France)", "法文（法國）" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (g_str_equal (strings[i].en, en))
      {
        if (lang != NULL && g_str_has_prefix (lang, "fr"))
          return strings[i].fr;
        if (lang != NULL && g_str_has_prefix (lang, "zh_TW"))
          return strings[i].zh;
        return strings[i].en;
      }
  g_assert_not_reached ();
}

static GtkWidget *
find_mapped_status_page (GtkWidget *root)
{
  if (ADW_IS_STATUS_PAGE (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped_status_page (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
run_app (const char            *workspace,
         AttestTestWindowCheck  check)
{
  const char *argv[] = { "attest", "--workspace", workspace, NULL };

  attest_test_run_window (argv, check, NULL, ATTEST_TEST_PATIENCE_S);
}

static gboolean
check_empty_state (AttestApplication *app,
                   AttestWindow      *window)
{
  GtkWidget *page = find_mapped_status_page (GTK_WIDGET (window));
  AdwWindowTitle *title = ADW_WINDOW_TITLE (attest_test_find_visible (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  GtkWidget *menu = attest_test_find_visible (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);

  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "Attest"));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Attest");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "audit");

  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, expected ("No Offering Pages Yet"));

  g_assert_nonnull (menu);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu), ==, expected ("Main Menu"));

  /* Features not built yet are there, and disabled — never faked. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import-pages"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  /* An empty workspace: a copy can be saved; no library, no filters, no cell to act on. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-copy"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-library"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clear-filters"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-all-frameworks"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-cell"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "rename-service"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  g_assert_nonnull (attest_window_get_workspace (window));
  return TRUE;
}

static void
test_empty_state (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);
  g_autoptr(AttestWorkspace) empty = attest_workspace_open (path, NULL);

  /* An existing workspace with no pages (as New… makes them) shows the empty state. */
  g_assert_nonnull (empty);
  g_clear_object (&empty);
  run_app (path, check_empty_state);
}

static GtkWidget *
find_visible_named (GtkWidget  *root,
                    GType       type,
                    const char *css_class)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_visible_named (c, type, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
check_seeded (AttestApplication *app,
              AttestWindow      *window)
{
  GtkWidget *summary = find_visible_named (GTK_WIDGET (window), GTK_TYPE_LABEL, "matrix-summary");
  GtkWidget *view = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
  g_autofree char *soc3_stream = NULL;
  g_autofree char *marse_powerbi = NULL;

  /* Seeding runs in a worker; the catalog page appears when it is done. */
  if (summary == NULL || view == NULL || !gtk_widget_get_mapped (view))
    return FALSE;

  if (g_str_has_prefix (g_getenv ("LANGUAGE"), "fr"))
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==,
                     "4 référentiels · 24 services · 6 périmètres · 84 dans le périmètre");
  else if (g_str_has_prefix (g_getenv ("LANGUAGE"), "en"))
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==,
                     "4 frameworks · 24 services · 6 scopes · 84 in scope");
  else
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "84"));

  /* Six scope columns under four frameworks, one row per service. */
  g_assert_cmpuint (attest_matrix_view_get_n_columns (ATTEST_MATRIX_VIEW (view)), ==, 6);
  g_assert_cmpuint (attest_matrix_view_get_n_rows (ATTEST_MATRIX_VIEW (view)), ==, 24);

  soc3_stream = attest_matrix_view_get_cell_label (ATTEST_MATRIX_VIEW (view), "soc/soc-3", "stream");
  g_assert_nonnull (soc3_stream);
  g_assert_nonnull (strstr (soc3_stream, "SOC 3 × Stream"));
  g_assert_null (strstr (soc3_stream, expected ("not in scope")));

  marse_powerbi = attest_matrix_view_get_cell_label (ATTEST_MATRIX_VIEW (view), "mars-e/mars-e", "power-bi");
  g_assert_nonnull (marse_powerbi);
  g_assert_nonnull (strstr (marse_powerbi, "MARS-E 2.0 × Power BI"));
  g_assert_nonnull (strstr (marse_powerbi, expected ("not in scope")));

  g_assert_null (attest_matrix_view_get_cell_label (ATTEST_MATRIX_VIEW (view), "soc/soc-3", "no-such-service"));

  /* The tooltip names the page's language, never its code (issue 19). */
  {
    g_autofree char *tooltip = attest_matrix_view_get_cell_tooltip (ATTEST_MATRIX_VIEW (view), "soc/soc-3", "stream");

    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, expected ("French (France)")));
    g_assert_null (strstr (tooltip, "fr-FR"));
  }
  return TRUE;
}

static void
test_seeded (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);

  /* A workspace the window creates starts with the bundled catalog. */
  run_app (path, check_seeded);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
count_activation (AttestMatrixView *view,
                  const char       *scope_id,
                  const char       *service_id,
                  char            **activated)
{
  g_free (*activated);
  *activated = g_strdup_printf ("%s:%s", scope_id, service_id);
}

static void
count_change (guint *count)
{
  (*count)++;
}

static void
move (GtkWidget       *view,
      GtkMovementStep  step,
      int              count)
{
  /* The same action the arrow, Home/End and Page keys are bound to. */
  g_assert_true (gtk_widget_activate_action (view, "matrix.move-cursor", "(ii)", step, count));
}

static void
assert_cursor (AttestMatrixView *view,
               guint             row,
               guint             col)
{
  AttestMatrix *matrix = attest_matrix_view_get_matrix (view);
  AttestMatrixService *service = matrix->services->pdata[row];
  const char *scope = NULL;

  for (guint f = 0, c = 0; f < matrix->frameworks->len && scope == NULL; f++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[f];
      for (guint s = 0; s < framework->scopes->len; s++, c++)
        if (c == col)
          scope = ((AttestMatrixScope *)framework->scopes->pdata[s])->id;
    }
  g_assert_cmpstr (attest_matrix_view_get_cursor_service (view), ==, service->id);
  g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, scope);
  g_assert_true (attest_matrix_view_is_cell_visible (view, scope, service->id));
}


static gboolean
check_matrix_cursor (AttestApplication *app,
                     AttestWindow      *window)
{
  static int stage = 0;
  GtkWidget *widget = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
  AttestMatrixView *view = (AttestMatrixView *)widget;
  GtkScrollable *scrollable = (GtkScrollable *)widget;
  g_autofree char *activated = NULL;
  guint notified = 0;

  if (view == NULL || !gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    return FALSE;

  if (stage == 0)
    {
      /* The library hidden (F9) first… */
      g_action_group_change_action_state (G_ACTION_GROUP (window), "show-library", g_variant_new_boolean (FALSE));
      stage = -1;
      return FALSE;
    }
  if (stage == -1)
    {
      GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), g_type_from_name ("AttestLibrarySidebar"));

      if (adw_flap_get_reveal_progress (ADW_FLAP (gtk_widget_get_ancestor (sidebar, ADW_TYPE_FLAP))) > 0)
        return FALSE;
      /* …then small enough that the grid scrolls both ways. */
      gtk_window_unmaximize (GTK_WINDOW (window));
      gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
      stage = 1;
      return FALSE;
    }
  if (stage == 1)
    {
      /* …and the library's slide out finished. */
      if (gtk_widget_get_width (widget) > 600 || gtk_widget_get_width (widget) < 560 ||
          gtk_widget_get_height (widget) > 400)
        return FALSE;
      g_assert_null (attest_matrix_view_get_cursor_scope (view));

      /* The first move without a cursor lands on the first cell. */
      move (widget, GTK_MOVEMENT_DISPLAY_LINES, 1);
      assert_cursor (view, 0, 0);
      move (widget, GTK_MOVEMENT_DISPLAY_LINES, 1);
      move (widget, GTK_MOVEMENT_VISUAL_POSITIONS, 1);
      assert_cursor (view, 1, 1);

      /* Ctrl+End: the last cell, scrolled to, past the fixed header and column. */
      move (widget, GTK_MOVEMENT_BUFFER_ENDS, 1);
      assert_cursor (view, 23, 5);
      g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (scrollable)), >, 0);
      g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (scrollable)), >, 0);

      /* Home: the row's first column; Page Up: more than one row up. */
      move (widget, GTK_MOVEMENT_DISPLAY_LINE_ENDS, -1);
      assert_cursor (view, 23, 0);
      g_signal_connect_swapped (view, "cursor-changed", G_CALLBACK (count_change), &notified);
      move (widget, GTK_MOVEMENT_PAGES, -1);
      g_assert_cmpuint (notified, ==, 1);
      g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "iso-20000-1/iso-20000-1");
      g_assert_cmpstr (attest_matrix_view_get_cursor_service (view), !=,
                       ((AttestMatrixService *)attest_matrix_view_get_matrix (view)->services->pdata[22])->id);
      g_signal_handlers_disconnect_by_func (view, count_change, &notified);

      /* The public API moves it too, and Enter's action opens the cell. */
      g_assert_true (attest_matrix_view_select_cell (view, "soc/soc-3", "stream"));
      g_assert_true (attest_matrix_view_is_cell_visible (view, "soc/soc-3", "stream"));
      g_assert_false (attest_matrix_view_select_cell (view, "soc/soc-9", "stream"));
      g_signal_connect (view, "cell-activated", G_CALLBACK (count_activation), &activated);
      g_assert_true (gtk_widget_activate_action (widget, "matrix.open-cell", NULL));
      g_assert_cmpstr (activated, ==, "soc/soc-3:stream");
      g_signal_handlers_disconnect_by_func (view, count_activation, &activated);

      g_assert_true (attest_matrix_view_scroll_to_framework (view, "iso-27001"));
      stage = 2;
      return FALSE;
    }

  /* After the next layout: still where it was put, and only the viewport has widgets. */
  g_assert_true (attest_matrix_view_is_cell_visible (view, "iso-27001/iso-27001", "stream"));
  g_assert_cmpuint (attest_matrix_view_get_n_cell_widgets (view), <, 6 * 24);
  return TRUE;
}

static void
test_matrix_cursor (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);

  run_app (path, check_matrix_cursor);
}

/* The framework filter's check button for @short_name. */
static GtkCheckButton *
framework_check (AttestWindow *window,
                 const char   *short_name)
{
  GtkWidget *list = attest_test_find_any (GTK_WIDGET (window), GTK_TYPE_LIST_BOX);

  for (; list != NULL; list = NULL)
    for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
        if (GTK_IS_CHECK_BUTTON (check) && g_str_equal (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), short_name))
          return GTK_CHECK_BUTTON (check);
      }
  g_assert_not_reached ();
}

static const char *
summary_text (AttestWindow *window)
{
  GtkWidget *summary = find_visible_named (GTK_WIDGET (window), GTK_TYPE_LABEL, "matrix-summary");

  return summary != NULL ? gtk_label_get_text (GTK_LABEL (summary)) : "";
}

static gboolean
action_state (AttestWindow *window,
              const char   *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), name);
  return g_variant_get_boolean (state);
}

/* A workspace of the seeds, with one exception on SOC 2 × Intune. */
static char *
make_seeded_workspace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  char *path = g_build_filename (dir, "audit.attest", NULL);
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (ws);
  attest_test_import_bundled (ws, NULL);
  items = attest_workspace_get_checklist (ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 1);
  g_assert_true (attest_workspace_update_item (ws, ((AttestChecklistItem *)items->pdata[1])->id,
                                               "exception", NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
check_filters (AttestApplication *app,
               AttestWindow      *window)
{
  static int stage = 0;
  static gint64 waiting;
  /* Not find_visible: with nothing matching, a status page replaces the grid. */
  GtkWidget *widget = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
  AttestMatrixView *view = (AttestMatrixView *)widget;
  GtkWidget *entry = attest_test_find_visible (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  AttestMatrix *shown;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  if (view == NULL || entry == NULL || (stage == 0 && !gtk_widget_get_mapped (widget)))
    return FALSE;
  shown = attest_matrix_view_get_matrix (view);

  switch (stage)
    {
    case 0:
      g_assert_cmpuint (attest_matrix_view_get_n_rows (view), ==, 24);
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clear-filters"));
      /* The exception shows in the cell's accessible name. */
      label = attest_matrix_view_get_cell_label (view, "soc/soc-2", "intune");
      g_assert_nonnull (strstr (label, "SOC 2 × Intune"));
      /* Typing the French page's name finds the service: "Flux" is Stream. */
      gtk_editable_set_text (GTK_EDITABLE (entry), "Flux");
      waiting = g_get_monotonic_time ();
      stage = 1;
      return FALSE;

    case 1:
      /* The entry waits a moment after typing, as GtkSearchEntry does. */
      if (attest_matrix_view_get_n_rows (view) != 1)
        {
          g_assert_cmpint (g_get_monotonic_time () - waiting, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
          return FALSE;
        }
      g_assert_cmpstr (((AttestMatrixService *)shown->services->pdata[0])->id, ==, "stream");
      g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 6);
      g_assert_cmpstr (summary_text (window), ==, expected ("4 frameworks · 1 of 24 services · 6 scopes · 4 in scope"));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clear-filters"));

      /* Nothing matches: a status page says so and offers to clear. */
      gtk_editable_set_text (GTK_EDITABLE (entry), "no such service anywhere");
      waiting = g_get_monotonic_time ();
      stage = 2;
      return FALSE;

    case 2:
      if (attest_matrix_view_get_n_rows (view) != 0)
        {
          g_assert_cmpint (g_get_monotonic_time () - waiting, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
          return FALSE;
        }
      g_assert_nonnull (find_mapped_status_page (GTK_WIDGET (window)));
      g_assert_false (gtk_widget_get_mapped (widget));
      g_action_group_activate_action (G_ACTION_GROUP (window), "clear-filters", NULL);
      g_assert_cmpuint (attest_matrix_view_get_n_rows (view), ==, 24);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

      /* Frameworks: unchecking one of all leaves the others. */
      gtk_check_button_set_active (framework_check (window, "SOC"), FALSE);
      g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 3);
      g_assert_null (attest_matrix_view_get_cell_label (view, "soc/soc-3", "stream"));
      gtk_check_button_set_active (framework_check (window, "MARS-E 2.0"), FALSE);
      gtk_check_button_set_active (framework_check (window, "ISO/IEC 27001:2013"), FALSE);
      g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 1);
      /* The last one shown stays checked: none would mean all. */
      gtk_check_button_set_active (framework_check (window, "ISO/IEC 20000-1:2011"), FALSE);
      g_assert_true (gtk_check_button_get_active (framework_check (window, "ISO/IEC 20000-1:2011")));
      g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 1);
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-all-frameworks"));
      g_action_group_activate_action (G_ACTION_GROUP (window), "show-all-frameworks", NULL);
      g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 6);
      g_assert_true (gtk_check_button_get_active (framework_check (window, "SOC")));

      /* Exceptions only: the one row and the one column with an exception. */
      g_action_group_change_action_state (G_ACTION_GROUP (window), "filter-exceptions", g_variant_new_boolean (TRUE));
      g_assert_cmpuint (attest_matrix_view_get_n_rows (view), ==, 1);
      g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 1);
      label = attest_matrix_view_get_cell_label (view, "soc/soc-2", "intune");
      g_assert_nonnull (label);
      g_action_group_change_action_state (G_ACTION_GROUP (window), "filter-exceptions", g_variant_new_boolean (FALSE));

      /* My services: from the row menu's actions, on the cursor's row. */
      g_assert_true (attest_matrix_view_select_cell (view, "soc/soc-3", "stream"));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-my-service"));
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "remove-my-service"));
      g_assert_true (gtk_widget_activate_action (widget, "matrix.show-row-menu", NULL));
      g_assert_nonnull (attest_matrix_view_get_row_menu_popover (view));
      g_assert_true (gtk_widget_get_visible (attest_matrix_view_get_row_menu_popover (view)));
      gtk_popover_popdown (GTK_POPOVER (attest_matrix_view_get_row_menu_popover (view)));
      g_action_group_activate_action (G_ACTION_GROUP (window), "add-my-service", NULL);
      g_assert_true (attest_matrix_lookup_service (attest_matrix_view_get_matrix (view), "stream")->mine);
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "remove-my-service"));
      mine = attest_workspace_list_my_services (attest_window_get_workspace (window), NULL);
      g_assert_cmpuint (mine->len, ==, 1);
      g_assert_true (attest_matrix_view_select_cell (view, "soc/soc-2", "intune"));
      g_action_group_activate_action (G_ACTION_GROUP (window), "add-my-service", NULL);
      g_action_group_change_action_state (G_ACTION_GROUP (window), "filter-mine", g_variant_new_boolean (TRUE));
      g_assert_cmpuint (attest_matrix_view_get_n_rows (view), ==, 2);
      /* Removing a row from My services while only those are shown hides it. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "remove-my-service", NULL);
      g_assert_cmpuint (attest_matrix_view_get_n_rows (view), ==, 1);
      g_assert_cmpstr (((AttestMatrixService *)attest_matrix_view_get_matrix (view)->services->pdata[0])->id, ==, "stream");

      /* Leave a filter set: the next run must find it again. */
      gtk_editable_set_text (GTK_EDITABLE (entry), "Stream");
      waiting = g_get_monotonic_time ();
      stage = 3;
      return FALSE;

    case 3:
      label = attest_workspace_get_ui_state (attest_window_get_workspace (window), "matrix-filter");
      if (label == NULL || strstr (label, "Stream") == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time () - waiting, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
          return FALSE;
        }
      stage = 0;
      return TRUE;
    }
  g_assert_not_reached ();
}

static gboolean
check_filters_restored (AttestApplication *app,
                        AttestWindow      *window)
{
  GtkWidget *widget = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
  GtkWidget *entry = attest_test_find_visible (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);

  if (widget == NULL || entry == NULL || !gtk_widget_get_mapped (widget))
    return FALSE;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Stream");
  g_assert_true (action_state (window, "filter-mine"));
  g_assert_false (action_state (window, "filter-exceptions"));
  g_assert_cmpuint (attest_matrix_view_get_n_rows (ATTEST_MATRIX_VIEW (widget)), ==, 1);
  g_assert_true (attest_matrix_lookup_service (attest_matrix_view_get_matrix (ATTEST_MATRIX_VIEW (widget)), "stream")->mine);
  return TRUE;
}

static void
test_filters (void)
{
  g_autofree char *path = make_seeded_workspace ();

  run_app (path, check_filters);
  /* Filters are kept per workspace. */
  run_app (path, check_filters_restored);
}

/* The first shown child of the view with @css_class: its x in the view. */
static double
child_x (GtkWidget  *view,
         const char *css_class)
{
  for (GtkWidget *c = gtk_widget_get_first_child (view); c; c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t bounds;

      if (gtk_widget_has_css_class (c, css_class) && gtk_widget_get_child_visible (c) &&
          gtk_widget_compute_bounds (c, view, &bounds))
        return bounds.origin.x;
    }
  g_assert_not_reached ();
}

static gboolean
check_right_to_left (AttestApplication *app,
                     AttestWindow      *window)
{
  GtkWidget *widget = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
  AttestMatrixView *view = (AttestMatrixView *)widget;

  if (view == NULL || !gtk_widget_get_mapped (widget) || attest_matrix_view_get_n_cell_widgets (view) == 0)
    return FALSE;
  /* As in a right-to-left locale (gtk_init sets it from the locale, so after it). */
  if (gtk_widget_get_default_direction () != GTK_TEXT_DIR_RTL)
    {
      gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
      return FALSE;
    }
  if (gtk_widget_get_direction (widget) != GTK_TEXT_DIR_RTL || child_x (widget, "matrix-row-header") == 0)
    return FALSE;

  /* The service column on the right, the scopes to its left. */
  g_assert_cmpfloat (child_x (widget, "matrix-row-header"), >, child_x (widget, "matrix-cell"));
  g_assert_cmpfloat (child_x (widget, "matrix-corner"), >, child_x (widget, "matrix-scope-header"));

  /* The arrows move the way they point: Left is the next scope. */
  g_assert_true (attest_matrix_view_select_cell (view, "iso-20000-1/iso-20000-1", "azure"));
  move (widget, GTK_MOVEMENT_VISUAL_POSITIONS, -1);
  g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "iso-27001/iso-27001");
  move (widget, GTK_MOVEMENT_VISUAL_POSITIONS, 1);
  g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "iso-20000-1/iso-20000-1");
  return TRUE;
}

static void
test_right_to_left (void)
{
  g_autofree char *path = make_seeded_workspace ();

  run_app (path, check_right_to_left);
}

static gboolean
check_error_state (AttestApplication *app,
                   AttestWindow      *window)
{
  GtkWidget *page = find_mapped_status_page (GTK_WIDGET (window));

  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                   expected ("Could Not Open the Workspace"));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "junk.attest"));
  g_assert_null (attest_window_get_workspace (window));
  return TRUE;
}

static void
test_not_a_workspace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "junk.attest", NULL);
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, it is a note", -1, NULL));
  run_app (path, check_error_state);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "this is not a database, it is a note");
}

static gboolean
check_keeps_open_workspace (AttestApplication *app,
                            AttestWindow      *window)
{
  AttestWorkspace *before = attest_window_get_workspace (window);
  g_autofree char *junk = g_build_filename (g_get_tmp_dir (), "attest-junk-XXXXXX.attest", NULL);
  int fd = g_mkstemp (junk);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "junk", 4), ==, 4);
  close (fd);

  /* A bad file named while a workspace is open: a dialog, the workspace stays. */
  g_assert_false (attest_window_open_workspace (window, junk));
  g_assert_true (attest_window_get_workspace (window) == before);
  g_remove (junk);
  return TRUE;
}

static void
test_keeps_open_workspace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);

  run_app (path, check_keeps_open_workspace);
}

static gboolean
check_preferences (AttestApplication *app,
                   AttestWindow      *window)
{
  GSettings *settings = attest_application_get_settings (app);
  GtkWindow *prefs = NULL;
  GtkWidget *entry;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);

  /* The reviewer name typed in Preferences is the one GSettings keeps. */
  entry = attest_test_find_visible (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Dana Reviewer");
  {
    g_autofree char *name = g_settings_get_string (settings, "reviewer-name");
    g_assert_cmpstr (name, ==, "Dana Reviewer");
  }
  /* The default reading mode of the page view. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    AdwComboRow *mode = NULL;

    attest_test_collect_any (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      if (g_str_equal (adw_preferences_row_get_title (rows->pdata[i]), _("Default Reading Mode")))
        mode = rows->pdata[i];
    g_assert_nonnull (mode);
    adw_combo_row_set_selected (mode, 2);
    {
      g_autofree char *value = g_settings_get_string (settings, "reading-mode");
      g_assert_cmpstr (value, ==, "side-by-side");
    }
  }
  /* …and the name the history will record for this window's changes. */
  g_assert_cmpstr (attest_workspace_get_reviewer (attest_window_get_workspace (window)), ==, "Dana Reviewer");
  gtk_window_destroy (prefs);
  return TRUE;
}

static void
test_preferences (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);

  run_app (path, check_preferences);
}

static gboolean
menu_has_target (GMenuModel *model,
                 const char *action,
                 const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action) &&
          (value = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING)) != NULL &&
          g_str_equal (g_variant_get_string (value, NULL), target))
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);
          if (menu_has_target (linked, action, target))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
check_workspace_files (AttestApplication *app,
                       AttestWindow      *window)
{
  static int step = 0;
  static int saved = -1;
  AttestWorkspace *audit = attest_window_get_workspace (window);
  g_autofree char *dir = NULL;
  g_autofree char *audit_path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *fresh = NULL;

  if (step == 0)
    {
      if (!attest_test_window_matrix_shown (window))
        return FALSE;
      /* --cell soc/soc-2:intune put the cursor there and opened its pane. */
      {
        AttestMatrixView *view = ATTEST_MATRIX_VIEW (attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW));
        AttestCellPane *pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));

        g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "soc/soc-2");
        g_assert_cmpstr (attest_matrix_view_get_cursor_service (view), ==, "intune");
        g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (pane), ADW_TYPE_FLAP))));
        g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");
        g_assert_cmpstr (attest_cell_pane_get_service_id (pane), ==, "intune");
      }
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-copy"));
      /* --workspace with --cell: that workspace, not the default one. */
      g_assert_true (g_str_has_suffix (attest_workspace_get_path (audit), "/audit.attest"));
      dir = g_path_get_dirname (attest_workspace_get_path (audit));
      copy = g_build_filename (dir, "copy.attest", NULL);
      g_signal_connect (window, "copy-saved", G_CALLBACK (attest_test_window_copy_saved), &saved);
      /* A copy cannot replace the open workspace: refused, nothing written. */
      attest_window_save_copy (window, attest_workspace_get_path (audit));
      g_assert_cmpint (saved, ==, 0);
      {
        g_autofree char *partial = g_strconcat (attest_workspace_get_path (audit), ".partial", NULL);
        g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
      }
      saved = -1;
      attest_window_save_copy (window, copy);
      /* One copy at a time: Save a Copy… waits for this one. */
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-copy"));
      step = 1;
      return FALSE;
    }
  if (saved < 0)
    return FALSE;
  g_assert_cmpint (saved, ==, 1);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-copy"));

  dir = g_path_get_dirname (attest_workspace_get_path (audit));
  audit_path = g_strdup (attest_workspace_get_path (audit));
  copy = g_build_filename (dir, "copy.attest", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttestWorkspace) ws = attest_workspace_open (copy, &error);

    g_assert_no_error (error);
    g_assert_cmpint (attest_workspace_count_frameworks (ws, NULL), ==, 4);
  }

  /* A workspace from a newer Attest, and a damaged one: refused, the open one stays. */
  newer = g_build_filename (dir, "newer.attest", NULL);
  {
    g_autoptr(AttestWorkspace) ws = attest_workspace_open (newer, NULL);
    sqlite3 *db = NULL;

    g_assert_nonnull (ws);
    g_clear_object (&ws);
    g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_false (attest_window_open_workspace (window, newer));
  g_assert_true (attest_window_get_workspace (window) == audit);

  corrupt = g_build_filename (dir, "corrupt.attest", NULL);
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (copy, &bytes, &len, NULL));
    g_assert_cmpuint (len, >, 8192);
    memset (bytes + 4096, 0x5a, len - 4096);   /* the header survives, the pages do not */
    g_assert_true (g_file_set_contents (corrupt, bytes, len, NULL));
  }
  if (!attest_window_open_workspace (window, corrupt))
    g_assert_true (attest_window_get_workspace (window) == audit);
  else
    g_assert_true (find_mapped_status_page (GTK_WIDGET (window)) != NULL);  /* shown as an error, never a crash */
  if (attest_window_get_workspace (window) != audit)
    g_assert_true (attest_window_open_workspace (window, audit_path));
  audit = attest_window_get_workspace (window);

  /* New… starts empty (no bundled catalog) and names itself in the subtitle. */
  fresh = g_build_filename (dir, "fresh.attest", NULL);
  g_assert_true (attest_window_new_workspace (window, fresh));
  g_assert_true (attest_window_get_workspace (window) != audit);
  {
    GtkWidget *page = find_mapped_status_page (GTK_WIDGET (window));
    AdwWindowTitle *title = ADW_WINDOW_TITLE (attest_test_find_visible (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));

    g_assert_nonnull (page);
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, expected ("No Offering Pages Yet"));
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "fresh");
  }
  g_assert_cmpint (attest_workspace_count_frameworks (attest_window_get_workspace (window), NULL), ==, 0);
  /* New… over the open workspace is refused. */
  g_assert_false (attest_window_new_workspace (window, fresh));

  /* The workspace before is in Open Recent, and opens from there. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GMenuModel *primary = NULL;

    attest_test_collect_any (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_menu_button_get_primary (buttons->pdata[i]))
        primary = gtk_menu_button_get_menu_model (buttons->pdata[i]);
    g_assert_nonnull (primary);
    g_assert_true (menu_has_target (primary, "win.open-recent", audit_path));
    g_assert_false (menu_has_target (primary, "win.open-recent", fresh));  /* the open one is not offered */
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-recent", g_variant_new_string (audit_path));
  g_assert_cmpstr (attest_workspace_get_path (attest_window_get_workspace (window)), ==, audit_path);
  {
    g_autofree char *last = g_settings_get_string (attest_application_get_settings (app), "last-workspace");
    g_assert_cmpstr (last, ==, audit_path);
  }
  return TRUE;
}

static void
test_workspace_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);
  const char *argv[] = { "attest", "--workspace", path, "--cell", "soc/soc-2:intune", NULL };

  attest_test_run_window (argv, check_workspace_files, NULL, ATTEST_TEST_PATIENCE_S);
}

static gboolean
check_import_seeds (AttestApplication *app,
                    AttestWindow      *window)
{
  static AttestImportDialog *dialog = NULL;

  if (dialog == NULL)
    {
      g_autofree char *offerings = attest_paths_bundled_offerings ();
      const char *paths[] = { offerings, NULL };

      /* The empty state, then the seeds through what Import Pages… and a drop run. */
      g_assert_nonnull (find_mapped_status_page (GTK_WIDGET (window)));
      dialog = attest_window_import_paths (window, paths);
      g_assert_nonnull (dialog);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
      return FALSE;
    }
  if (attest_import_dialog_is_running (dialog) || !attest_test_window_matrix_shown (window))
    return FALSE;
  g_assert_cmpuint (attest_import_dialog_get_summary (dialog)->imported, ==, 5);
  g_assert_cmpint (attest_workspace_count_frameworks (attest_window_get_workspace (window), NULL), ==, 4);
  {
    AttestMatrixView *view = ATTEST_MATRIX_VIEW (attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW));
    g_assert_cmpuint (attest_matrix_view_get_n_columns (view), ==, 6);
    g_assert_cmpuint (attest_matrix_view_get_n_rows (view), ==, 24);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

static void
test_import_seeds (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);
  g_autoptr(AttestWorkspace) empty = attest_workspace_open (path, NULL);

  g_assert_nonnull (empty);
  g_clear_object (&empty);
  run_app (path, check_import_seeds);
}

static gboolean
check_rename_service (AttestApplication *app,
                      AttestWindow      *window)
{
  AttestMatrixView *view;
  GtkWindow *dialog;
  GtkWidget *entry;
  AttestMatrixService *service;

  if (!attest_test_window_matrix_shown (window))
    return FALSE;
  view = ATTEST_MATRIX_VIEW (attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW));

  /* The row menu's Rename Service… on Stream's row, a new name, Rename. */
  g_assert_true (attest_matrix_view_select_cell (view, "soc/soc-3", "stream"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "rename-service"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "merge-service"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "rename-service", NULL);
  dialog = attest_test_find_toplevel (g_type_from_name ("AttestRenameDialog"));
  g_assert_nonnull (dialog);
  entry = attest_test_find_visible (GTK_WIDGET (dialog), GTK_TYPE_TEXT);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (entry, GTK_TYPE_EDITABLE) != NULL ?
                                       gtk_widget_get_ancestor (entry, GTK_TYPE_EDITABLE) : entry),
                         "Stream (classic)");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "rename");

  /* The matrix reads the new name at once; the id stays. */
  service = attest_matrix_lookup_service (attest_matrix_view_get_matrix (view), "stream");
  g_assert_nonnull (service);
  g_assert_cmpstr (service->name, ==, "Stream (classic)");

  /* The toast's Undo: the old name back. */
  /* An Undo meant for another workspace does nothing here… */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-rename",
                                  g_variant_new ("(sss)", "/elsewhere/other.attest", "stream", "Stream"));
  service = attest_matrix_lookup_service (attest_matrix_view_get_matrix (view), "stream");
  g_assert_cmpstr (service->name, ==, "Stream (classic)");
  /* …and the cursor stayed on the renamed row when the matrix was read again. */
  g_assert_cmpstr (attest_matrix_view_get_cursor_service (view), ==, "stream");
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo-rename",
                                  g_variant_new ("(sss)", attest_workspace_get_path (attest_window_get_workspace (window)),
                                                 "stream", "Stream"));
  service = attest_matrix_lookup_service (attest_matrix_view_get_matrix (view), "stream");
  g_assert_cmpstr (service->name, ==, "Stream");
  {
    g_autoptr(GPtrArray) history = attest_workspace_list_history (attest_window_get_workspace (window), "service", NULL);
    g_assert_nonnull (history);
    g_assert_cmpuint (history->len, ==, 2);
  }
  return TRUE;
}

static void
test_rename_service (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);

  run_app (path, check_rename_service);
}

static void
painted (GdkFrameClock *clock,
         gboolean      *flag)
{
  *flag = TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Sets item @index's status through the pane's own control; returns the
 * milliseconds until the window's next frame was painted. */
static double
change_status_and_wait (AttestWindow   *window,
                        AttestCellPane *pane,
                        guint           index,
                        guint           status)
{
  GtkWidget *row = _attest_cell_pane_get_item_row (pane, index);
  AdwComboRow *combo = ADW_COMBO_ROW (attest_test_find_any (row, ADW_TYPE_COMBO_ROW));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean done = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted), &done);
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  double ms;

  adw_combo_row_set_selected (combo, status);
  if (g_getenv ("ATTEST_TEST_VERBOSE") != NULL)
    printf ("# sync part %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  while (!done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_handler_disconnect (clock, id);
  g_assert_true (done);
  return ms;
}

static gboolean
check_cell_pane (AttestApplication *app,
                 AttestWindow      *window)
{
  AttestMatrixView *view;
  AttestCellPane *pane;
  AdwFlap *flap;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  if (!attest_test_window_matrix_shown (window))
    return FALSE;
  view = ATTEST_MATRIX_VIEW (attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW));
  pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
  flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (pane), ADW_TYPE_FLAP));
  g_assert_false (adw_flap_get_reveal_flap (flap));

  /* Enter on a cell (win.open-cell): the pane shows it. */
  g_assert_true (attest_matrix_view_select_cell (view, "soc/soc-3", "stream"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-cell"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-cell", NULL);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-3");
  g_assert_cmpstr (attest_cell_pane_get_service_id (pane), ==, "stream");
  g_assert_nonnull (_attest_cell_pane_get_quote_text (pane));

  /* A status change in the pane redraws the cell's roll-up in the matrix. */
  before = attest_matrix_view_get_cell_label (view, "soc/soc-3", "stream");
  change_status_and_wait (window, pane, 0, 2);
  after = attest_matrix_view_get_cell_label (view, "soc/soc-3", "stream");
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpuint (attest_matrix_lookup_cell (attest_matrix_view_get_matrix (view), "soc/soc-3", "stream")->n_satisfied,
                    ==, 1);
  g_assert_cmpstr (attest_matrix_lookup_cell (attest_matrix_view_get_matrix (view), "soc/soc-3", "stream")->rollup,
                   ==, "in-progress");
  g_assert_nonnull (strstr (after, expected ("1 of 4 satisfied")));
  change_status_and_wait (window, pane, 2, 2);
  g_clear_pointer (&after, g_free);
  after = attest_matrix_view_get_cell_label (view, "soc/soc-3", "stream");
  g_assert_nonnull (strstr (after, expected ("2 of 4 satisfied")));

  /* The items keep the template's English line; the pane shows it translated. */
  {
    g_autoptr(GPtrArray) items = attest_workspace_get_checklist (attest_window_get_workspace (window),
                                                                 "soc/soc-3", "stream", NULL);

    g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->title, ==,
                     "SOC 3 report obtained and lists the service");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (_attest_cell_pane_get_item_row (pane, 0))), ==,
                     expected ("SOC 3 report obtained and lists the service"));
  }

  /* A note on the cell, written in Markdown, shown rendered in the pane. */
  {
    AttestNoteEditor *notes = ATTEST_NOTE_EDITOR (attest_test_find_any (GTK_WIDGET (pane), ATTEST_TYPE_NOTE_EDITOR));
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    g_autoptr(GPtrArray) stored = NULL;
    GtkTextView *source = NULL;
    gboolean rendered = FALSE;

    g_assert_cmpstr (attest_note_editor_get_target (notes), ==, "cell:soc/soc-3:stream");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (notes), "note-editor.add", NULL));
    attest_test_collect_any (GTK_WIDGET (notes), GTK_TYPE_TEXT_VIEW, views);
    for (guint i = 0; i < views->len; i++)
      if (gtk_text_view_get_editable (views->pdata[i]) && gtk_widget_get_mapped (views->pdata[i]))
        source = views->pdata[i];
    g_assert_nonnull (source);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (source),
                              "## Reviewed\n\nThe **SOC 3** report covers *Stream*: [portal](https://example.com)", -1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (notes), "note-editor.save", NULL));
    stored = attest_workspace_list_notes (attest_window_get_workspace (window), "cell:soc/soc-3:stream", NULL);
    g_assert_cmpuint (stored->len, ==, 1);
    g_ptr_array_set_size (views, 0);
    attest_test_collect_any (GTK_WIDGET (notes), ATTEST_TYPE_BLOCK_VIEW, views);
    for (guint i = 0; i < views->len; i++)
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[i]);
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (strstr (text, "The SOC 3 report covers Stream: portal") != NULL)
          {
            g_assert_null (strstr (text, "**"));
            g_assert_null (strstr (text, "##"));
            g_assert_null (strstr (text, "]("));
            rendered = TRUE;
          }
      }
    g_assert_true (rendered);
  }

  /* Notes on one checklist item: in the item's row, once it is expanded. */
  {
    GtkWidget *row = _attest_cell_pane_get_item_row (pane, 0);
    AttestNoteEditor *notes;
    g_autofree char *target = NULL;
    g_autoptr(GPtrArray) items = attest_workspace_get_checklist (attest_window_get_workspace (window),
                                                                 "soc/soc-3", "stream", NULL);

    g_assert_null (attest_test_find_any (row, ATTEST_TYPE_NOTE_EDITOR));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    notes = ATTEST_NOTE_EDITOR (attest_test_find_any (row, ATTEST_TYPE_NOTE_EDITOR));
    g_assert_nonnull (notes);
    target = g_strdup_printf ("item:%" G_GINT64_FORMAT, ((AttestChecklistItem *)items->pdata[0])->id);
    g_assert_cmpstr (attest_note_editor_get_target (notes), ==, target);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  }

  /* The figure: status change → matrix painted, over 20 changes. */
  for (guint i = 0; i < 20; i++)
    {
      double ms = change_status_and_wait (window, pane, 1, i % 2 == 0 ? 2 : 1);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_double);
  printf ("# status change to matrix redrawn (%s): median %.1f ms, max %.1f ms (goal < 16 ms)\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
          g_array_index (times, double, times->len / 2), g_array_index (times, double, times->len - 1));

  /* Moving the cursor does not open cells (that would make their checklists);
   * Enter on the new one does. */
  {
    g_autoptr(GPtrArray) before_items = attest_workspace_list_history (attest_window_get_workspace (window), NULL, NULL);

    g_assert_true (attest_matrix_view_select_cell (view, "soc/soc-2", "stream"));
    g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-3");
    {
      g_autoptr(GPtrArray) after_items = attest_workspace_list_history (attest_window_get_workspace (window), NULL, NULL);
      g_assert_cmpuint (after_items->len, ==, before_items->len);
    }
    g_action_group_activate_action (G_ACTION_GROUP (window), "open-cell", NULL);
    g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");
  }

  /* Closing it hands the keyboard back to the matrix. */
  g_signal_emit_by_name (pane, "close-requested");
  g_assert_false (adw_flap_get_reveal_flap (flap));

  /* A search result for the note opens the note's cell again (Ctrl+K → Enter). */
  {
    g_autoptr(GPtrArray) results = attest_workspace_search (attest_window_get_workspace (window), "portal", 10, NULL);
    g_autoptr(AttestLocation) location = NULL;
    AttestSearchResult *hit = NULL;

    for (guint i = 0; results != NULL && i < results->len && hit == NULL; i++)
      if (g_str_equal (((AttestSearchResult *)results->pdata[i])->kind, "note"))
        hit = results->pdata[i];
    g_assert_nonnull (hit);
    location = attest_workspace_locate_search_result (attest_window_get_workspace (window), hit->kind, hit->ref, NULL);
    g_assert_nonnull (location);
    attest_window_show_location (window, location);
    g_assert_true (adw_flap_get_reveal_flap (flap));
    g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-3");
    g_assert_cmpstr (attest_cell_pane_get_service_id (pane), ==, "stream");
    g_assert_cmpstr (attest_matrix_view_get_cursor_scope (view), ==, "soc/soc-3");
  }
  return TRUE;
}

static void
test_cell_pane (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);

  run_app (path, check_cell_pane);
}

ATTEST_TEST_ISOLATED (test_empty_state)
ATTEST_TEST_ISOLATED (test_seeded)
ATTEST_TEST_ISOLATED (test_matrix_cursor)
ATTEST_TEST_ISOLATED (test_filters)
ATTEST_TEST_ISOLATED (test_right_to_left)
ATTEST_TEST_ISOLATED (test_not_a_workspace)
ATTEST_TEST_ISOLATED (test_keeps_open_workspace)
ATTEST_TEST_ISOLATED (test_preferences)
ATTEST_TEST_ISOLATED (test_workspace_files)
ATTEST_TEST_ISOLATED (test_import_seeds)
ATTEST_TEST_ISOLATED (test_rename_service)
ATTEST_TEST_ISOLATED (test_cell_pane)

/* Until the page asked for is parsed and shown (the page view parses on a worker). */
static void
wait_page_loaded (AttestPageView *view)
{
  while (attest_page_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
}

/* attest --workspace F --page soc#audit-cycle --mode side-by-side */
static gboolean
check_page (AttestApplication *app,
            AttestWindow      *window)
{
  static int step = 0;
  AttestPageView *view = attest_window_get_page_view (window);
  AttestPage *page;

  if (step == 0)
    {
      if (!attest_test_window_page_shown (window) || attest_page_view_get_loading (view) ||
          attest_page_view_get_page (view) == NULL)
        return FALSE;
      page = attest_page_view_get_page (view);
      g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "soc");
      g_assert_cmpint (attest_page_view_get_shown_mode (view), ==, ATTEST_READING_SIDE_BY_SIDE);
      g_assert_cmpint (attest_page_view_get_section (view), ==, attest_page_find_section (page, "audit-cycle"));
      /* --mode is for this time: the reader's own choice is what stays. */
      {
        g_autofree char *mode = g_settings_get_string (attest_application_get_settings (app), "reading-mode");
        g_assert_cmpstr (mode, ==, "translated");
      }
      /* Back (Alt+Left): the matrix, as it was. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
      step = 1;
      return FALSE;
    }
  if (step == 1)
    {
      if (attest_test_window_page_shown (window) || !attest_test_window_matrix_shown (window))
        return FALSE;
      /* The cell pane's Read the Offering Page. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "read-page", g_variant_new_string ("mars-e"));
      step = 2;
      return FALSE;
    }
  if (!attest_test_window_page_shown (window) || attest_page_view_get_loading (view))
    return FALSE;
  g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "mars-e");
  /* A double click on a column's header: that framework's page. */
  {
    GtkWidget *matrix = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
    g_signal_emit_by_name (matrix, "column-activated", "soc/soc-2");
    wait_page_loaded (view);
    g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "soc");
    g_assert_true (attest_window_show_page (window, "mars-e", NULL, NULL, -1));
    wait_page_loaded (view);
  }
  /* The reader's choice of mode is remembered. */
  gtk_widget_activate_action (GTK_WIDGET (view), "page.mode", "s", "source");
  {
    g_autofree char *mode = g_settings_get_string (attest_application_get_settings (app), "reading-mode");
    g_assert_cmpstr (mode, ==, "source");
  }
  /* A framework the workspace does not have: said, and the page stays. */
  g_assert_false (attest_window_show_page (window, "no-such-framework", NULL, NULL, -1));
  g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "mars-e");
  /* A search result in a page's text: that page, at that section. */
  {
    g_autoptr(AttestLocation) location = attest_location_new (ATTEST_LOCATION_PAGE_SECTION);

    location->framework_id = g_strdup ("soc");
    location->section_key = g_strdup ("audit-cycle");
    location->locale = g_strdup ("fr-FR");
    attest_window_show_location (window, location);
    wait_page_loaded (view);
    g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "soc");
    page = attest_page_view_get_page (view);
    g_assert_cmpint (attest_page_view_get_section (view), ==, attest_page_find_section (page, "audit-cycle"));
  }
  return TRUE;
}

static void
test_page (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);
  const char *argv[] = { "attest", "--workspace", path, "--page", "soc#audit-cycle", "--mode", "side-by-side", NULL };

  attest_test_run_window (argv, check_page, NULL, ATTEST_TEST_PATIENCE_S);
}
ATTEST_TEST_ISOLATED (test_page)

/* A --mode or --page Attest cannot read: exit 2, nothing opened. */
static void
test_page_bad_options (void)
{
  const char *bad_mode[] = { "attest", "--page", "soc", "--mode", "sideways", NULL };
  const char *bad_page[] = { "attest", "--page", "#audit-cycle", NULL };
  const char *mode_alone[] = { "attest", "--mode", "source", NULL };
  const char **cases[] = { bad_mode, bad_page, mode_alone };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttestApplication) app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), (int) g_strv_length ((char **) cases[i]), (char **) cases[i]), ==, 2);
      g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
    }
}
ATTEST_TEST_ISOLATED (test_page_bad_options)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  /* One application per process: each case runs in its own subprocess. */
  g_test_add_func ("/window/empty-state", test_empty_state_isolated);
  g_test_add_func ("/window/seeded", test_seeded_isolated);
  g_test_add_func ("/window/filters", test_filters_isolated);
  g_test_add_func ("/window/right-to-left", test_right_to_left_isolated);
  g_test_add_func ("/window/not-a-workspace", test_not_a_workspace_isolated);
  g_test_add_func ("/window/preferences", test_preferences_isolated);
  g_test_add_func ("/window/cell-pane", test_cell_pane_isolated);
  /* The rest checks behaviour, not words: once, in English, keeps the CI run short. */
  if (g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en", "en"))
    {
      g_test_add_func ("/window/matrix-cursor", test_matrix_cursor_isolated);
      g_test_add_func ("/window/keeps-open-workspace", test_keeps_open_workspace_isolated);
      g_test_add_func ("/window/workspace-files", test_workspace_files_isolated);
      g_test_add_func ("/window/import-seeds", test_import_seeds_isolated);
      g_test_add_func ("/window/rename-service", test_rename_service_isolated);
      g_test_add_func ("/window/page", test_page_isolated);
      g_test_add_func ("/window/page-bad-options", test_page_bad_options_isolated);
    }

  return g_test_run ();
}
