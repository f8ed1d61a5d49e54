/* test-gap-window.c: the Gap Report through the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seeds in a workspace with two required scopes (SOC 2, ISO/IEC
 * 27001:2013), four of My services and known checklist states. The Gap
 * Report opened through win.show-gap-report shows the store's report row
 * for row (scope, service, state, names); a row activated opens its cell's
 * pane in the main window; "Required by My Organisation" ticked off in the
 * matrix (win.require-scope, what the header and row menus hold) and on
 * again in the library's framework menu changes the store, one history row
 * each, and the report shown. From the Gap Report window, the gap report
 * printed to a PDF file (gap.print-to: the sheets Print… hands the print
 * dialog, through AttestPrintOperation) and exported to PDF (gap.export-to,
 * what Export…'s chooser starts, off the main thread with its banner), both
 * read back with poppler: the same text, every row's state, service and
 * detail lines; a name of no known format leaves nothing.
 *
 * With ATTEST_GAP_WINDOW_SCREENSHOT_DIR set, it saves the window
 * (gap-window.png) and the printed PDF (gap-printed.pdf) there.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attest-cell-pane.h"
#include "attest-gap-window.h"
#include "attest-history.h"
#include "attest-importer.h"
#include "attest-library-item.h"
#include "attest-library-sidebar.h"
#include "attest-paths.h"
#include "attest-test-home.h"
#include "attest-test-pdf.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-required.h"

#define SOC2 "soc/soc-2"
#define ISO  "iso-27001/iso-27001"

static char *dir;
static char *path;
static int step;
static char *office_id;
static guint history_before;

static gboolean
in_english (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "en") == 0 || g_getenv ("LANGUAGE") == NULL;
}

static AttestGapWindow *
find_gap_window (void)
{
  GtkWindow *w = attest_test_find_toplevel (ATTEST_TYPE_GAP_WINDOW);

  return w != NULL && gtk_widget_get_mapped (GTK_WIDGET (w)) ? ATTEST_GAP_WINDOW (w) : NULL;
}

/* The report rows the window shows, in order. */
static GPtrArray *
shown_rows (AttestGapWindow *gap)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new ();

  attest_test_collect_visible (GTK_WIDGET (gap), GTK_TYPE_LIST_BOX_ROW, all);
  for (guint i = 0; i < all->len; i++)
    if (g_object_get_data (all->pdata[i], ATTEST_GAP_ROW_SCOPE) != NULL)
      g_ptr_array_add (rows, all->pdata[i]);
  return rows;
}

/* The text of the label with @css_class inside @row. */
static const char *
row_text (GtkWidget  *row,
          const char *css_class)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  attest_test_collect_visible (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], css_class))
      return gtk_label_get_text (labels->pdata[i]);
  return NULL;
}

/* Every line under the service's name in @row, joined. */
static char *
row_details (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  attest_test_collect_visible (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "dim-label"))
      g_string_append_printf (s, "%s\n", gtk_label_get_text (labels->pdata[i]));
  return g_string_free (s, FALSE);
}

static AttestGapReport *
store_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
  AttestGapReport *report;

  g_assert_no_error (error);
  report = attest_workspace_gap_report (ws, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static GPtrArray *
store_required (guint *n_history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);
  g_autoptr(GPtrArray) history = NULL;
  GPtrArray *ids;

  g_assert_no_error (error);
  ids = attest_workspace_list_required_scopes (ws, &error);
  g_assert_no_error (error);
  history = attest_workspace_list_history (ws, "required-scopes", &error);
  g_assert_no_error (error);
  *n_history = history->len;
  return ids;
}

/* The rows shown are the store's report, row for row. */
static void
assert_rows_match (AttestGapWindow *gap)
{
  g_autoptr(AttestGapReport) report = store_report ();
  g_autoptr(GPtrArray) rows = shown_rows (gap);

  g_assert_cmpuint (rows->len, ==, report->rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      AttestGapRow *expected = report->rows->pdata[i];
      GObject *row = rows->pdata[i];

      g_assert_cmpstr (g_object_get_data (row, ATTEST_GAP_ROW_SCOPE), ==, expected->scope_id);
      g_assert_cmpstr (g_object_get_data (row, ATTEST_GAP_ROW_SERVICE), ==, expected->service_id);
      g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (row, ATTEST_GAP_ROW_STATE)), ==, expected->state);
      g_assert_cmpstr (row_text (GTK_WIDGET (row), "gap-service"), ==, expected->service_name);
      g_assert_cmpstr (row_text (GTK_WIDGET (row), "gap-state-word"), ==, attest_gap_state_label (expected->state));
    }
}

static GtkWidget *
find_row (AttestGapWindow *gap,
          const char      *scope_id,
          const char      *service_name)
{
  g_autoptr(GPtrArray) rows = shown_rows (gap);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_object_get_data (rows->pdata[i], ATTEST_GAP_ROW_SCOPE), scope_id) &&
        g_strcmp0 (row_text (rows->pdata[i], "gap-service"), service_name) == 0)
      return rows->pdata[i];
  return NULL;
}

static AttestGapState
row_state (GtkWidget *row)
{
  g_assert_nonnull (row);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), ATTEST_GAP_ROW_STATE));
}

static AttestLibraryItem *
framework_item (AttestWindow *window,
                const char   *framework_id)
{
  GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
  GtkListView *list = GTK_LIST_VIEW (attest_test_find_any (sidebar, GTK_TYPE_LIST_VIEW));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      AttestLibraryItem *item = gtk_tree_list_row_get_item (row);

      if (attest_library_item_get_kind (item) == ATTEST_LIBRARY_ITEM_FRAMEWORK &&
          g_strcmp0 (attest_library_item_get_id (item), framework_id) == 0)
        return item;
      g_object_unref (item);
    }
  g_assert_not_reached ();
}

static gboolean
action_state (AttestWindow *window,
              const char   *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), name);

  return g_variant_get_boolean (state);
}

/* Without white space: poppler breaks lines where the sheets wrapped them. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The gap report in @pdf: every scope's summary, every row's state (symbol
 * and word), service and detail lines, as the store says them. */
static void
assert_gap_pdf (const char *pdf)
{
  g_autoptr(AttestGapReport) report = store_report ();
  g_autofree char *text = attest_test_pdf_text (pdf, NULL);
  g_autofree char *all = squeeze (text);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (report->rows->len, ==, 8);
  for (guint i = 0; i < report->scopes->len; i++)
    g_ptr_array_add (wanted, attest_gap_scope_summary (report->scopes->pdata[i]));
  for (guint i = 0; i < report->rows->len; i++)
    {
      AttestGapRow *row = report->rows->pdata[i];
      g_autoptr(GPtrArray) details = attest_gap_row_details (report, row);

      g_ptr_array_add (wanted, g_strdup_printf ("%s %s — %s", attest_gap_state_symbol (row->state),
                                                attest_gap_state_label (row->state), row->service_name));
      for (guint j = 0; j < details->len; j++)
        g_ptr_array_add (wanted, g_strdup (details->pdata[j]));
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      g_autofree char *one = squeeze (wanted->pdata[i]);

      if (strstr (all, one) == NULL)
        g_error ("“%s” is not in %s", (char *) wanted->pdata[i], pdf);
    }
}

static GtkWidget *
header_button (AttestGapWindow *gap,
               const char      *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_visible (GTK_WIDGET (gap), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  return NULL;
}

static gboolean
check (AttestApplication *app,
       AttestWindow      *window)
{
  AttestGapWindow *gap;
  GtkWidget *pane;

  switch (step)
    {
    case 0:
      if (!attest_test_window_matrix_shown (window) ||
          !g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-gap-report"))
        return FALSE;
      /* The main menu holds the action; Ctrl+R is its key. */
      {
        g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-gap-report");

        g_assert_cmpstr (accels[0], ==, "<Control>r");
      }
      g_action_group_activate_action (G_ACTION_GROUP (window), "show-gap-report", NULL);
      step++;
      return FALSE;

    case 1:
      gap = find_gap_window ();
      if (gap == NULL)
        return FALSE;
      assert_rows_match (gap);
      /* The keyboard starts on the first row. */
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (gap));
        g_autoptr(GPtrArray) rows = shown_rows (gap);

        g_assert_nonnull (focus);
        g_assert_true (focus == rows->pdata[0]);
      }
      {
        g_autoptr(GPtrArray) rows = shown_rows (gap);
        GtkWidget *bot = find_row (gap, SOC2, "Azure Health Bot");
        g_autofree char *details = NULL;

        /* Four of My services × two required scopes. */
        g_assert_cmpuint (rows->len, ==, 8);
        g_assert_cmpint (row_state (find_row (gap, SOC2, "Power BI")), ==, ATTEST_GAP_READY);
        g_assert_cmpint (row_state (find_row (gap, SOC2, "Office 365")), ==, ATTEST_GAP_OPEN);
        g_assert_cmpint (row_state (find_row (gap, SOC2, "Intune")), ==, ATTEST_GAP_OPEN);
        g_assert_cmpint (row_state (bot), ==, ATTEST_GAP_NOT_CERTIFIED);
        g_assert_cmpint (row_state (find_row (gap, ISO, "Azure Health Bot")), ==, ATTEST_GAP_OPEN);
        /* A not-certified row names the page version and the required scope that covers it. */
        details = row_details (bot);
        g_test_message ("%s", details);
        g_assert_nonnull (strstr (details, "ISO/IEC 27001:2013"));
        g_assert_nonnull (strstr (details, "offering-soc.fr-FR.md"));
        if (in_english ())
          g_assert_nonnull (strstr (details, "Covered by another required scope: ISO/IEC 27001:2013"));
        g_free (details);
        /* The open row names its exception and its overdue item. */
        details = row_details (find_row (gap, SOC2, "Office 365"));
        g_test_message ("%s", details);
        g_assert_nonnull (strstr (details, "2020-01-15"));
        if (in_english ())
          {
            g_assert_nonnull (strstr (details, "Exception: 1. "));
            g_assert_nonnull (strstr (details, "Overdue: 2. "));
          }

        /* Activated, as Enter or a click does: its cell's pane. */
        gtk_widget_grab_focus (find_row (gap, SOC2, "Office 365"));
        g_assert_true (gtk_widget_activate (find_row (gap, SOC2, "Office 365")));
      }
      step++;
      return FALSE;

    case 2:
      pane = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE);
      if (pane == NULL || !gtk_widget_get_mapped (pane) ||
          g_strcmp0 (attest_cell_pane_get_scope_id (ATTEST_CELL_PANE (pane)), SOC2) != 0 ||
          g_strcmp0 (attest_cell_pane_get_service_id (ATTEST_CELL_PANE (pane)), office_id) != 0)
        return FALSE;
      /* The matrix's cursor is on that cell: its column's menu ticks SOC 2. */
      g_assert_true (action_state (window, "require-scope"));
      {
        guint n_history = 0;
        g_autoptr(GPtrArray) required = store_required (&n_history);

        g_assert_cmpuint (required->len, ==, 2);
        history_before = n_history;
      }
      /* Ticked off, as the header's menu does. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "require-scope", NULL);
      {
        guint n_history = 0;
        g_autoptr(GPtrArray) required = store_required (&n_history);

        g_assert_cmpuint (required->len, ==, 1);
        g_assert_cmpstr (required->pdata[0], ==, ISO);
        g_assert_cmpuint (n_history, ==, history_before + 1);
      }
      g_assert_false (action_state (window, "require-scope"));
      gap = find_gap_window ();
      g_assert_nonnull (gap);
      assert_rows_match (gap);
      {
        g_autoptr(GPtrArray) rows = shown_rows (gap);

        g_assert_cmpuint (rows->len, ==, 4);
      }

      /* Ticked on again in the library: the SOC framework's menu, SOC 2 its second scope. */
      {
        g_autoptr(AttestLibraryItem) item = framework_item (window, "soc");
        GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
        g_autoptr(GMenuModel) menu = attest_library_sidebar_row_menu (ATTEST_LIBRARY_SIDEBAR (sidebar), item);
        g_autofree char *action = NULL;
        g_autofree char *label = NULL;
        guint n_history = 0;
        g_autoptr(GPtrArray) required = NULL;

        g_assert_nonnull (menu);
        g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
        g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_LABEL, "s", &label));
        g_assert_nonnull (strstr (label, "SOC 2"));
        g_assert_true (gtk_widget_activate_action (sidebar, action, NULL));
        required = store_required (&n_history);
        g_assert_cmpuint (required->len, ==, 2);
        g_assert_true (g_ptr_array_find_with_equal_func (required, SOC2, g_str_equal, NULL));
        g_assert_cmpuint (n_history, ==, history_before + 2);
      }
      g_assert_true (action_state (window, "require-scope"));
      assert_rows_match (gap);
      {
        g_autoptr(GPtrArray) rows = shown_rows (gap);

        g_assert_cmpuint (rows->len, ==, 8);
      }

      /* Print… and Export… in the header bar, with their mnemonics and tooltips. */
      {
        GtkWidget *print = header_button (gap, "gap.print");
        GtkWidget *export = header_button (gap, "gap.export");
        const char *shots = g_getenv ("ATTEST_GAP_WINDOW_SCREENSHOT_DIR");

        g_assert_nonnull (print);
        g_assert_nonnull (export);
        g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (print)));
        g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (export)));
        g_assert_nonnull (gtk_widget_get_tooltip_text (print));
        g_assert_nonnull (gtk_widget_get_tooltip_text (export));
        g_assert_true (gtk_widget_is_sensitive (print) && gtk_widget_is_sensitive (export));
        if (shots != NULL)
          {
            g_autofree char *png = g_build_filename (shots, "gap-window.png", NULL);

            attest_test_settle (300);
            attest_test_save_png (GTK_WIDGET (gap), png);
          }
      }
      /* Printed to a file, as Print… prints (AttestPrintOperation, no dialog). */
      {
        g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
        g_autofree char *odd = g_build_filename (dir, "gap.docx", NULL);
        g_autofree char *exported = g_build_filename (dir, "gap.pdf", NULL);

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gap), "gap.print-to", "s", printed));
        assert_gap_pdf (printed);
        if (g_getenv ("ATTEST_GAP_WINDOW_SCREENSHOT_DIR") != NULL)
          {
            g_autofree char *copy = g_build_filename (g_getenv ("ATTEST_GAP_WINDOW_SCREENSHOT_DIR"),
                                                      "gap-printed.pdf", NULL);
            g_autofree char *bytes = NULL;
            gsize length;

            g_assert_true (g_file_get_contents (printed, &bytes, &length, NULL));
            g_assert_true (g_file_set_contents (copy, bytes, length, NULL));
          }
        /* A name of no known format: refused, nothing written. */
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gap), "gap.export-to", "s", odd));
        g_assert_true (attest_gap_window_is_exporting (gap));
        while (attest_gap_window_is_exporting (gap))
          g_main_context_iteration (NULL, TRUE);
        g_assert_false (g_file_test (odd, G_FILE_TEST_EXISTS));
        /* Exported, off the main thread, the banner shown meanwhile. */
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gap), "gap.export-to", "s", exported));
        g_assert_true (attest_gap_window_is_exporting (gap));
        g_assert_false (gtk_widget_is_sensitive (header_button (gap, "gap.export")));
      }
      step++;
      return FALSE;

    case 3:
      gap = find_gap_window ();
      g_assert_nonnull (gap);
      if (attest_gap_window_is_exporting (gap))
        return FALSE;
      {
        g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
        g_autofree char *exported = g_build_filename (dir, "gap.pdf", NULL);
        g_autofree char *printed_text = attest_test_pdf_text (printed, NULL);
        g_autofree char *exported_text = attest_test_pdf_text (exported, NULL);
        g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
        const char *name;

        assert_gap_pdf (exported);
        /* One drawing: what is printed is what is exported. */
        g_assert_cmpstr (printed_text, ==, exported_text);
        /* Nothing half-written left beside it. */
        while ((name = g_dir_read_name (d)) != NULL)
          g_assert_false (name[0] == '.');
      }
      g_assert_true (gtk_widget_is_sensitive (header_button (gap, "gap.export")));
      gtk_window_destroy (GTK_WINDOW (gap));
      step++;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static char *
service_id (AttestWorkspace *ws,
            const char      *name)
{
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  g_assert_true (attest_workspace_resolve_service (ws, name, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_gap_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  AttestWorkspace *ws;
  const char *argv[] = { "attest", "--workspace", NULL, NULL };
  const char *mine[] = { "Intune", "Azure Health Bot", "Office 365", "Power BI" };
  const char *all_satisfied[] = { "satisfied", NULL };
  const char *office[] = { "exception", "in-progress", "satisfied", "satisfied", "satisfied", "satisfied",
                           "satisfied", "satisfied", "satisfied", "satisfied", "satisfied", "satisfied" };
  const char *office_dues[] = { NULL, "2020-01-15", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };

  dir = g_dir_make_tmp ("attest-gap-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "gap.attest", NULL);
  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (mine); i++)
    {
      g_autofree char *id = service_id (ws, mine[i]);

      g_assert_true (attest_workspace_set_my_service (ws, id, TRUE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (attest_workspace_set_required_scope (ws, SOC2, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_required_scope (ws, ISO, TRUE, NULL, &error));
  g_assert_no_error (error);
  /* Power BI × SOC 2 satisfied throughout; Office 365 × SOC 2 an exception and an overdue item. */
  {
    g_autofree char *pbi = service_id (ws, "Power BI");
    g_autoptr(GPtrArray) items = attest_test_stored_checklist (ws, SOC2, pbi, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < items->len; i++)
      {
        g_assert_true (attest_workspace_update_item (ws, ((AttestChecklistItem *) items->pdata[i])->id,
                                                     all_satisfied[0], NULL, NULL, &error));
        g_assert_no_error (error);
      }
  }
  {
    g_autoptr(GPtrArray) items = NULL;

    office_id = service_id (ws, "Office 365");
    items = attest_test_stored_checklist (ws, SOC2, office_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, >=, 2);
    g_assert_cmpuint (items->len, <=, G_N_ELEMENTS (office));
    for (guint i = 0; i < items->len; i++)
      {
        g_assert_true (attest_workspace_update_item (ws, ((AttestChecklistItem *) items->pdata[i])->id,
                                                     office[i], NULL, office_dues[i], &error));
        g_assert_no_error (error);
      }
  }
  g_object_unref (ws);

  argv[2] = path;
  attest_test_run_window (argv, check, &step, ATTEST_TEST_PATIENCE_S);
  g_assert_cmpint (step, ==, 4);

  attest_test_remove_tree (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&office_id, g_free);
}

ATTEST_TEST_ISOLATED (test_gap_window)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  g_test_add_func ("/gap-window/report-rows-cell-and-required", test_gap_window_isolated);
  return g_test_run ();
}
