/* test-window-versions.c: page versions in the real window — which page a cell
 * opens, the library's version rows and their dates, side by side on an
 * English page, and the import dialog's pages without a date
 *
 * With ATTEST_VERSIONS_SCREENSHOT_DIR=DIR the window and the import dialog
 * are also saved as PNGs there, to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-application.h"
#include "attest-cell-pane-private.h"
#include "attest-import-dialog.h"
#include "attest-importer.h"
#include "attest-library-item.h"
#include "attest-library-sidebar.h"
#include "attest-paths.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "attest-window-private.h"
#include "attest-workspace-catalog.h"
#include "page/attest-page-view.h"

typedef gboolean (*WindowCheck) (AttestApplication *app, AttestWindow *window);

typedef struct {
  AttestApplication *app;
  WindowCheck check;
  gint64 started;
  gboolean checked;
} Run;

static char *tmp_dir;
static gint64 demo_old_id;     /* offering-demo.md dated 2020-01-01 by the analyst */
static gint64 demo_new_id;     /* dated 2023-01-01 */

static gboolean
in_english (void)
{
  const char *lang = g_getenv ("LANGUAGE");
  return lang == NULL || g_str_has_prefix (lang, "en");
}

static void
write_page (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static AttestImportSummary *
import_dated (AttestWorkspace *ws,
              const char      *path,
              const char      *date)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };
  AttestImportSummary *summary = attest_importer_run_full (ws, paths, NULL, TRUE, date, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->failed, ==, 0);
  return summary;
}

/* The 2023 shape: one page per SOC scope, each a version of framework soc;
 * ISO 27001 in French (2020, bilingual) and in English dated later; a demo
 * framework in English only, twice. */
static char *
make_workspace (void)
{
  g_autofree char *split = g_build_filename (tmp_dir, "split", NULL);
  g_autofree char *iso = g_build_filename (tmp_dir, "iso", NULL);
  g_autofree char *old = g_build_filename (tmp_dir, "demo-old", NULL);
  g_autofree char *new = g_build_filename (tmp_dir, "demo-new", NULL);
  g_autofree char *french = g_build_filename (attest_paths_data_dir (), "offerings", "offering-iso-27001.fr-FR.md", NULL);
  g_autofree char *seed = g_build_filename (attest_paths_data_dir (), "offerings", "offering-iso-20000-1.fr-FR.md", NULL);
  char *path = g_build_filename (tmp_dir, "versions.attest", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, &error);

  g_assert_no_error (error);
  for (int n = 1; n <= 3; n++)
    {
      g_autofree char *name = g_strdup_printf ("offering-soc-%d.md", n);
      g_autofree char *text = g_strdup_printf ("# System and Organization Controls (SOC) %d\n\n"
                                               "## Microsoft in-scope cloud services\n\n- Intune\n%s",
                                               n, n == 2 ? "- Power BI\n" : n == 3 ? "- Stream\n" : "");
      write_page (split, name, text);
    }
  write_page (iso, "offering-iso-27001.md",
              "# ISO/IEC 27001 Information Security Management Standards\n\n"
              "## Microsoft in-scope cloud services\n\n- Intune\n- Power BI\n");
  write_page (old, "offering-demo.md", "# Demo\n\n## Microsoft in-scope cloud services\n\n- Stream\n");
  write_page (new, "offering-demo.md", "# Demo\n\n## Microsoft in-scope cloud services\n\n- Power BI\n");

  attest_import_summary_free (import_dated (ws, split, "2023-03-12"));
  attest_import_summary_free (import_dated (ws, french, NULL));
  attest_import_summary_free (import_dated (ws, seed, NULL));
  attest_import_summary_free (import_dated (ws, iso, "2023-05-01"));
  {
    g_autoptr(AttestImportSummary) a = import_dated (ws, old, "2020-01-01");
    g_autoptr(AttestImportSummary) b = import_dated (ws, new, "2023-01-01");

    demo_old_id = ((AttestImportOutcome *) a->outcomes->pdata[0])->variant_id;
    demo_new_id = ((AttestImportOutcome *) b->outcomes->pdata[0])->variant_id;
  }
  return path;
}

static gboolean
poll_window (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  if (!run->check (run->app, ATTEST_WINDOW (window)))
    {
      g_assert_cmpint (g_get_monotonic_time () - run->started, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      return G_SOURCE_CONTINUE;
    }
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
run_app (const char * const *argv,
         WindowCheck         check)
{
  Run run = { 0 };

  run.app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  run.check = check;
  run.started = g_get_monotonic_time ();
  g_timeout_add (20, poll_window, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), (int) g_strv_length ((char **) argv), (char **) argv), ==, 0);
  g_assert_true (run.checked);
  g_assert_finalize_object (run.app);
}

static void
wait_page_loaded (AttestPageView *view)
{
  gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;

  while (attest_page_view_get_loading (view))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  attest_test_settle (50);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("ATTEST_VERSIONS_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  int width, height;

  if (dir == NULL)
    return;
  /* Past the stacks' crossfades. */
  attest_test_settle (1600);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      printf ("# screenshot %s: nothing drawn yet\n", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", name, g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  printf ("# screenshot: %s\n", path);
}

/* A mapped label of @root whose text has @part. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *part)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  attest_test_collect_any (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);
      GtkWidget *revealer = gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_REVEALER);

      /* Shown: in a revealer, one that reveals it. */
      if (text != NULL && strstr (text, part) != NULL && gtk_widget_get_visible (labels->pdata[i]) &&
          (revealer == NULL || gtk_revealer_get_reveal_child (GTK_REVEALER (revealer))))
        return labels->pdata[i];
    }
  return NULL;
}

/* The text the page view shows, all its text views together. */
static char *
page_text (AttestPageView *view)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  attest_test_collect_any (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[i]);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  return g_string_free (out, FALSE);
}

/* Selects the library row of version @variant_id, as a click does. */
static void
select_version (AttestWindow *window,
                gint64        variant_id)
{
  GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
  GtkListView *list = GTK_LIST_VIEW (attest_test_find_any (sidebar, GTK_TYPE_LIST_VIEW));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      AttestLibraryItem *item = gtk_tree_list_row_get_item (row);
      gboolean found = attest_library_item_get_variant_id (item) == variant_id;

      g_object_unref (item);
      if (found)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static AttestLibraryItem *
version_item (AttestWindow *window,
              gint64        variant_id)
{
  GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
  GtkListView *list = GTK_LIST_VIEW (attest_test_find_any (sidebar, GTK_TYPE_LIST_VIEW));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      AttestLibraryItem *item = gtk_tree_list_row_get_item (row);

      if (attest_library_item_get_variant_id (item) == variant_id)
        return item;
      g_object_unref (item);
    }
  g_assert_not_reached ();
}

/* The label shown in the sidebar's list for a version's date @text: a
 * row's ("· 1 January 2020" beside its language). */
static GtkWidget *
sidebar_label (GtkWidget  *sidebar,
               const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *beside = g_strconcat ("· ", text, NULL);

  attest_test_collect_any (sidebar, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if ((g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0 ||
         g_strcmp0 (gtk_label_get_text (labels->pdata[i]), beside) == 0) &&
        gtk_widget_get_mapped (labels->pdata[i]))
      return labels->pdata[i];
  return NULL;
}

/* A right click on the row that shows @label: its secondary-button gesture
 * pressed, as GTK delivers a real click. */
static void
right_click (GtkWidget *label)
{
  for (GtkWidget *w = label; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (c) &&
              gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (c)) == GDK_BUTTON_SECONDARY)
            {
              g_signal_emit_by_name (c, "pressed", 1, 4.0, 4.0);
              return;
            }
        }
    }
  g_assert_not_reached ();
}

/* The item of the shown row menu whose label reads @mnemonic_label (its
 * translation, mnemonic taken out). */
static GtkWidget *
popover_item (GtkWidget  *popover,
              const char *mnemonic_label)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (g_dgettext (GETTEXT_PACKAGE, mnemonic_label));

  g_string_replace (text, "_", "", 0);
  attest_test_collect_any (popover, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text->str) == 0)
      for (GtkWidget *w = labels->pdata[i]; w != NULL; w = gtk_widget_get_parent (w))
        if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkModelButton"))
          return w;
  return NULL;
}

/* The Version Date dialog that is open: @text typed in, answered Set Date
 * (whether it may be: @enabled), closed. */
static void
answer_date_dialog (const char *text,
                    gboolean    enabled)
{
  GtkWindow *dialog = attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  GtkEditable *entry;

  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (attest_test_find_any (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW));
  gtk_editable_set_text (entry, text);
  g_assert_cmpint (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"), ==, enabled);
  /* Said under the row when it is not a date. */
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"), ==, !enabled);
  if (!enabled)
    {
      g_autofree char *said = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "“%s” is not a date: write it YYYY-MM-DD"),
                                               text);
      g_assert_nonnull (find_label (GTK_WIDGET (dialog), said));
      screenshot (GTK_WIDGET (dialog), "versions-date-dialog-wrong");
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "set");
  gtk_window_destroy (dialog);
  attest_test_settle (100);
}

static gboolean
menu_has (GMenuModel *menu,
          const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }
  return FALSE;
}

/* The services in scope of @scope_id now, comma-joined in id order. */
static char *
in_scope (AttestWindow *window,
          const char   *scope_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) matrix = attest_workspace_load_matrix (attest_window_get_workspace (window), &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < matrix->cells->len; i++)
    {
      AttestMatrixCell *c = matrix->cells->pdata[i];
      if (g_str_equal (c->scope, scope_id) && g_strcmp0 (c->rollup, "no-longer-in-scope") != 0)
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", c->service);
    }
  return g_string_free (out, FALSE);
}

/* attest --page iso-27001 --mode side-by-side: the newest version is
 * English; the newest that can be read side by side opens (the French). */
static gboolean
check_versions (AttestApplication *app,
                AttestWindow      *window)
{
  AttestPageView *view = attest_window_get_page_view (window);
  GtkWidget *pane;
  const char *text;

  /* No animations from the start: toggled mid-run, every running transition
   * jumps at once, and revealing the library after that could draw AdwFlap's
   * shadow before laying it out ("Trying to snapshot AdwGizmo without a
   * current allocation", 1 run in 40). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (!gtk_widget_get_mapped (GTK_WIDGET (view)) || attest_page_view_get_loading (view) ||
      attest_page_view_get_page (view) == NULL)
    return FALSE;

  g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "iso-27001");
  g_assert_cmpint (attest_page_view_get_shown_mode (view), ==, ATTEST_READING_SIDE_BY_SIDE);
  /* The subtitle names the page's language, never its code (issue 19). */
  g_assert_true (g_str_has_prefix (attest_page_view_get_subtitle (view),
                                   in_english () ? "French (France) · " : "Français (France) · "));
  screenshot (GTK_WIDGET (window), "versions-side-by-side");

  /* Side by side on a framework with no translation: shown alone, and said. */
  g_assert_true (attest_window_show_page (window, "demo", NULL, NULL, ATTEST_READING_SIDE_BY_SIDE));
  wait_page_loaded (view);
  g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "demo");
  g_assert_nonnull (find_label (GTK_WIDGET (view), g_dgettext (GETTEXT_PACKAGE,
                                                               "This page is in English only: there is no "
                                                               "translation to show beside it, so it is shown alone.")));
  attest_page_view_set_mode (view, ATTEST_READING_TRANSLATED);

  /* A cell's Read the Offering Page: the page that defines its scope, not the newest of the framework. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "read-page", g_variant_new_string ("soc/soc-2"));
  wait_page_loaded (view);
  g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "soc");
  g_assert_cmpstr (attest_page_get_title (attest_page_view_get_page (view)), ==,
                   "System and Organization Controls (SOC) 2");
  if (in_english ())
    g_assert_cmpstr (attest_page_view_get_subtitle (view), ==, "SOC 2 · English · 12 March 2023");
  screenshot (GTK_WIDGET (window), "versions-soc-2");
  /* A page's key names its scope: attest --page soc-1. */
  g_assert_true (attest_window_show_page (window, "soc-1", NULL, NULL, -1));
  wait_page_loaded (view);
  g_assert_cmpstr (attest_page_get_title (attest_page_view_get_page (view)), ==,
                   "System and Organization Controls (SOC) 1");

  /* The library's older version opens that version, not the newest. */
  select_version (window, demo_old_id);
  wait_page_loaded (view);
  g_assert_cmpstr (attest_page_view_get_framework_id (view), ==, "demo");
  if (in_english ())
    g_assert_cmpstr (attest_page_view_get_subtitle (view), ==, "English · 1 January 2020");
  {
    g_autofree char *shown = page_text (view);
    g_assert_nonnull (strstr (shown, "Stream"));
    g_assert_null (strstr (shown, "Power BI"));
  }
  select_version (window, demo_new_id);
  wait_page_loaded (view);
  {
    g_autofree char *shown = page_text (view);
    g_assert_nonnull (strstr (shown, "Power BI"));
  }
  {
    g_autoptr(AttestLibraryItem) item = version_item (window, demo_old_id);

    if (in_english ())
      {
        g_assert_cmpstr (attest_library_item_get_subtitle (item), ==, "1 January 2020");
        g_assert_true (g_str_has_prefix (attest_library_item_get_dates (item), "dated 1 January 2020 by the analyst, imported "));
      }
  }

  /* The Source card: the version, its own date apart from the import day, no raw ISO time. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  attest_window_show_cell (window, "soc/soc-2", "power-bi");
  attest_test_settle (100);
  pane = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE);
  text = _attest_cell_pane_get_variant_text (ATTEST_CELL_PANE (pane));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "T0"));
  g_assert_null (strstr (text, "Z"));
  if (in_english ())
    g_assert_true (g_str_has_prefix (text, "From the SOC 2 · English page "
                                           "(dated 12 March 2023 by the analyst, imported "));
  screenshot (GTK_WIDGET (window), "versions-source-card");

  /* A seed page's version is named by its language, as the library names it. */
  attest_window_show_cell (window, "iso-20000-1/iso-20000-1", "azure");
  attest_test_settle (100);
  text = _attest_cell_pane_get_variant_text (ATTEST_CELL_PANE (pane));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "fr-FR"));
  if (in_english ())
    g_assert_true (g_str_has_prefix (text, "From the French (France) page (page of 4 November 2019, imported "));
  else
    g_assert_true (g_str_has_prefix (text, "D’après la page « Français (France) » (page du 4 novembre 2019, importée "));
  screenshot (GTK_WIDGET (window), "versions-source-card-seed");

  /* The library row menu: the older version given a later date becomes current (one edit);
   * its date taken back, the newest is current again. */
  {
    g_autofree char *before = in_scope (window, "demo/demo");
    g_autofree char *after = NULL;
    g_autoptr(AttestLibraryItem) item = version_item (window, demo_old_id);
    GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
    GtkWindow *dialog;
    g_autoptr(GMenuModel) menu = NULL;

    g_assert_cmpstr (before, ==, "power-bi");
    /* Its row menu (a right click): a dated version can be dated again, not made current. */
    menu = attest_library_sidebar_row_menu (ATTEST_LIBRARY_SIDEBAR (sidebar), item);
    g_assert_nonnull (menu);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
    g_assert_true (menu_has (menu, "library.set-date"));
    g_assert_true (menu_has (menu, "library.clear-date"));
    g_assert_false (menu_has (menu, "library.make-current"));
    gtk_widget_activate_action (sidebar, "library.set-date", NULL);
    attest_test_settle (100);
    dialog = attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    screenshot (GTK_WIDGET (dialog), "versions-date-dialog");
    answer_date_dialog ("2024-02-29", TRUE);
    after = in_scope (window, "demo/demo");
    g_assert_cmpstr (after, ==, "stream");

    g_clear_object (&item);
    item = version_item (window, demo_old_id);
    g_assert_true (attest_library_item_get_dated_by_analyst (item));
    g_clear_object (&menu);
    menu = attest_library_sidebar_row_menu (ATTEST_LIBRARY_SIDEBAR (sidebar), item);
    gtk_widget_activate_action (sidebar, "library.set-date", NULL);
    attest_test_settle (100);
    /* Not a date: said, Set Date waits, nothing changed. */
    answer_date_dialog ("2024-02-30", FALSE);
    g_clear_pointer (&after, g_free);
    after = in_scope (window, "demo/demo");
    g_assert_cmpstr (after, ==, "stream");
  }

  /* The row menu as the analyst opens it: a right click on the row pops up
   * its menu with its items; Set Date… there asks for the date and dates it. */
  {
    g_autoptr(AttestLibraryItem) item = version_item (window, demo_old_id);
    GtkWidget *sidebar = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_LIBRARY_SIDEBAR);
    GtkWidget *label;
    GtkWidget *popover;
    GtkWidget *set_date;
    g_autofree char *after = NULL;

    /* The cell pane made the library room: F9 brings it back, and the row is
     * clicked once it has slid in (a popover pointing outside the screen has
     * no monitor to be placed on). */
    {
      AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (sidebar, ADW_TYPE_FLAP));
      gint64 until;

      g_action_group_change_action_state (G_ACTION_GROUP (window), "show-library", g_variant_new_boolean (TRUE));
      until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;

      while (adw_flap_get_reveal_progress (flap) < 1.0)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, until);
          g_main_context_iteration (NULL, TRUE);
        }
    }
    attest_test_settle (100);
    label = sidebar_label (sidebar, attest_library_item_get_subtitle (item));
    g_assert_nonnull (label);
    right_click (label);
    attest_test_settle (100);
    popover = attest_test_find_any (sidebar, GTK_TYPE_POPOVER_MENU);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_true (gtk_widget_get_mapped (popover));
    set_date = popover_item (popover, "Set _Date…");
    g_assert_nonnull (set_date);
    g_assert_nonnull (popover_item (popover, "_Clear Date"));
    g_assert_null (popover_item (popover, "_Make Current"));
    screenshot (GTK_WIDGET (window), "versions-row-menu");

    g_signal_emit_by_name (set_date, "clicked");
    attest_test_settle (100);
    g_assert_false (gtk_widget_get_visible (popover));
    answer_date_dialog ("2019-06-30", TRUE);
    /* Older than the 2023 version again: its list gives the coverage. */
    after = in_scope (window, "demo/demo");
    g_assert_cmpstr (after, ==, "power-bi");
    g_clear_object (&item);
    item = version_item (window, demo_old_id);
    if (in_english ())
      g_assert_cmpstr (attest_library_item_get_subtitle (item), ==, "30 June 2019");
  }
  return TRUE;
}

static void
test_versions (void)
{
  g_autofree char *path = make_workspace ();
  const char *argv[] = { "attest", "--workspace", path, "--page", "iso-27001", "--mode", "side-by-side", NULL };

  run_app (argv, check_versions);
}
ATTEST_TEST_ISOLATED (test_versions)

/* Import Pages…: an undated page of a framework already stored is kept as
 * older, the dialog says so and offers Make Current. */
static gboolean
check_import_undated (AttestApplication *app,
                      AttestWindow      *window)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "demo-undated", NULL);
  const char *paths[] = { dir, NULL };
  AttestImportDialog *dialog;
  GtkWidget *group;
  GtkWidget *button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 until;

  if (attest_window_get_workspace (window) == NULL)
    return FALSE;
  write_page (dir, "offering-demo.md", "# Demo\n\n## Microsoft in-scope cloud services\n\n- Intune\n");
  before = in_scope (window, "demo/demo");

  dialog = attest_import_dialog_new (GTK_WINDOW (window), attest_window_get_workspace (window), paths);
  _attest_window_import_dialog_started (GTK_WINDOW (window), dialog);
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  while (attest_import_dialog_is_running (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  attest_test_settle (100);

  /* Kept as older: the matrix is as it was. */
  after = in_scope (window, "demo/demo");
  g_assert_cmpstr (after, ==, before);
  group = NULL;
  {
    g_autoptr(GPtrArray) groups = g_ptr_array_new ();

    attest_test_collect_visible (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, groups);
    for (guint i = 0; i < groups->len; i++)
      if (g_strcmp0 (gtk_widget_get_name (groups->pdata[i]), "kept-older-group") == 0)
        group = groups->pdata[i];
  }
  g_assert_nonnull (group);
  if (in_english ())
    g_assert_nonnull (find_label (group, "1 page has no date, and a version of it was already stored"));
  g_assert_nonnull (find_label (group, "offering-demo.md"));
  screenshot (GTK_WIDGET (dialog), "versions-import-undated");

  attest_test_collect_visible (group, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), g_dgettext (GETTEXT_PACKAGE, "Make Current")) == 0)
      button = buttons->pdata[i];
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  attest_test_settle (100);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_clear_pointer (&after, g_free);
  after = in_scope (window, "demo/demo");
  g_assert_cmpstr (after, ==, "intune");
  screenshot (GTK_WIDGET (dialog), "versions-import-made-current");
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

static void
test_import_undated (void)
{
  g_autofree char *path = make_workspace ();
  const char *argv[] = { "attest", "--workspace", path, NULL };

  run_app (argv, check_import_undated);
}
ATTEST_TEST_ISOLATED (test_import_undated)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();
  tmp_dir = g_dir_make_tmp ("attest-versions-XXXXXX", NULL);

  g_test_add_func ("/window-versions/versions", test_versions_isolated);
  g_test_add_func ("/window-versions/import-undated", test_import_undated_isolated);

  return g_test_run ();
}
