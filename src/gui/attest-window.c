/* attest-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-count.h"
#include "attest-cell-pane.h"
#include "attest-history-window.h"
#include "attest-import-dialog.h"
#include "attest-importer.h"
#include "attest-library-sidebar.h"
#include "attest-matrix-filter.h"
#include "attest-merge-dialog.h"
#include "attest-note-editor.h"
#include "attest-matrix-view.h"
#include "attest-paths.h"
#include "attest-rename-dialog.h"
#include "attest-search-dialog.h"
#include "attest-window.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-expiry.h"
#include "attest-page-print.h"
#include "attest-page-view.h"
#include "attest-workspace-locate.h"
#include "attest-workspace-services.h"

/* The ui_state key the matrix filters persist under (DESIGN.md: view state). */
#define FILTER_STATE_KEY "matrix-filter"

/* How many workspaces "Open Recent" offers. */
#define MAX_RECENT 8

struct _AttestWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  AttestWorkspace *workspace;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  AdwToastOverlay *toast_overlay;
  GtkSpinner *loading_spinner;
  GtkLabel *catalog_summary;
  AttestMatrixView *matrix_view;
  AdwFlap *flap;
  AdwFlap *pane_flap;
  GtkBox *pane_box;
  AttestCellPane *cell_pane;
  AttestNoteEditor *cell_notes;       /* in the pane: notes on the cell… */
  AttestNoteEditor *service_notes;    /* …its service… */
  AttestNoteEditor *framework_notes;  /* …and its framework */
  AttestLibrarySidebar *library_sidebar;
  GtkSearchEntry *search_entry;
  GtkWidget *frameworks_button;
  GtkLabel *frameworks_button_label;
  GtkListBox *frameworks_list;
  GtkStack *matrix_stack;
  GtkStack *centre_stack;       /* the matrix, or the page view */
  AttestPageView *page_view;
  GtkWidget *back_button;
  gpointer page_workspace;      /* the workspace the page view read from (compared, never used) */
  GMenuModel *row_menu;
  GMenu *recent_section;
  AttestHistoryWindow *history_window; /* weak: one per workspace */

  GCancellable *seeding;
  GCancellable *saving;         /* Save a Copy… running */

  char *pending_scope;          /* attest_window_show_cell() before the matrix is there */
  char *pending_service;
  gboolean pending_open;        /* …and open its pane (FALSE: only the cursor goes back) */
  char *pending_page;           /* attest_window_show_page() before the matrix is there: the framework… */
  char *pending_section;        /* …its section, or NULL… */
  int pending_mode;             /* …and the mode, or -1 */

  AttestMatrix *matrix;         /* the whole matrix; the view shows it filtered */
  AttestMatrixFilter *filter;
  gboolean restoring_filter;    /* the controls are being set from the filter */
};

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fill_recent_menu (AttestWindow *self);
static gboolean page_shown (AttestWindow *self);
static void show_matrix (AttestWindow *self);
static void back_activated (GSimpleAction *action, GVariant *param, gpointer user_data);
static void read_page_activated (GSimpleAction *action, GVariant *param, gpointer user_data);
static gboolean show_page (AttestWindow *self, const char *framework_id, const char *section_key,
                           const char *locale, int mode, gboolean take_focus);
static void apply_pending_cell (AttestWindow *self);
static void clear_filters_activated (GSimpleAction *action, GVariant *param, gpointer user_data);
static void open_cell (AttestWindow *self, const char *scope_id, const char *service_id);
static void attach_dropped_evidence (AttestWindow *self, const char *scope_id, const char *service_id,
                                     GSList *files);

/* $ATTEST_REVIEWER overrides Preferences, as in attest-cli (DESIGN.md); the
 * workspace falls back to the account's name. */
static void
apply_reviewer (AttestWindow *self)
{
  g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");
  const char *env = g_getenv ("ATTEST_REVIEWER");

  if (self->workspace != NULL)
    attest_workspace_set_reviewer (self->workspace, env != NULL && *env != '\0' ? env : reviewer);
}

AttestWindow *
attest_window_new (AttestApplication *application)
{
  AttestWindow *self;

  g_return_val_if_fail (ATTEST_IS_APPLICATION (application), NULL);

  self = g_object_new (ATTEST_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (attest_application_get_settings (application));
  attest_page_view_set_settings (self->page_view, self->settings);
  g_signal_connect_object (self->settings, "changed::reviewer-name", G_CALLBACK (apply_reviewer), self,
                           G_CONNECT_SWAPPED);
  fill_recent_menu (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

AttestWorkspace *
attest_window_get_workspace (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  return self->workspace;
}


/* The one-line summary above the matrix: what is shown, and of how many. */
static void
fill_summary (AttestWindow *self,
              AttestMatrix *shown)
{
  g_autofree char *frameworks = NULL;
  g_autofree char *services = NULL;
  g_autofree char *scopes = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *summary = NULL;
  guint in_scope, n_frameworks, n_services, n_scopes, n_all;

  n_frameworks = shown->frameworks->len;
  n_services = shown->services->len;
  n_scopes = attest_matrix_count_scopes (shown);
  in_scope = attest_matrix_count_in_scope (shown);
  n_all = self->matrix->services->len;
  frameworks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s framework", "%s frameworks", n_frameworks),
                                attest_count (n_frameworks));
  if (n_services == n_all)
    services = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s service", "%s services", n_services),
                                attest_count (n_services));
  else
    /* Translators: services shown by the filters, of all: "3 of 24 services" */
    services = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s service", "%s of %s services", n_all),
                                attest_count (n_services), attest_count (n_all));
  scopes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s scope", "%s scopes", n_scopes), attest_count (n_scopes));
  /* Translators: the number of in-scope cells of the matrix */
  cells = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in scope", "%s in scope", in_scope), attest_count (in_scope));
  summary = g_strjoin (" · ", frameworks, services, scopes, cells, NULL);
  gtk_label_set_text (self->catalog_summary, summary);
}

/* The frameworks button says what the framework filter shows. */
static void
update_frameworks_label (AttestWindow *self)
{
  g_autofree char *label = NULL;
  guint n = 0;
  const char *only = NULL;

  for (guint i = 0; i < self->matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *f = self->matrix->frameworks->pdata[i];
      if (attest_matrix_filter_has_framework (self->filter, f->id))
        {
          n++;
          only = f->short_name;
        }
    }
  if (n == 0 || n == self->matrix->frameworks->len)
    label = g_strdup (_("All Frameworks"));
  else if (n == 1)
    label = g_strdup (only);
  else
    /* Translators: the frameworks filter button when several are chosen */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Framework", "%s Frameworks", n), attest_count (n));
  gtk_label_set_text (self->frameworks_button_label, label);
  /* GTK 4.8 names a GtkMenuButton's inner button after the class unless the
   * menu button itself has a label property. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->frameworks_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void update_row_actions (AttestWindow *self);

/* Shows the matrix through the filters, and keeps the filters' controls in step. */
static void
apply_filter (AttestWindow *self)
{
  AttestMatrix *shown;
  GAction *action;

  if (self->matrix == NULL)
    return;

  shown = attest_matrix_filter_apply (self->filter, self->matrix);
  fill_summary (self, shown);
  gtk_stack_set_visible_child_name (self->matrix_stack, shown->services->len > 0 ? "matrix" : "no-match");
  attest_matrix_view_set_matrix (self->matrix_view, shown);

  self->restoring_filter = TRUE;
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "filter-mine");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (self->filter->mine_only));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "filter-exceptions");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (self->filter->exceptions_only));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "filter-expiring");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (self->filter->expiring_only));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 self->filter->text != NULL ? self->filter->text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->filter->text != NULL ? self->filter->text : "");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->frameworks_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      const char *id = g_object_get_data (G_OBJECT (check), "framework-id");
      gboolean all = self->filter->frameworks->len == 0;

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), all || attest_matrix_filter_has_framework (self->filter, id));
    }
  update_frameworks_label (self);
  self->restoring_filter = FALSE;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "clear-filters")),
                               attest_matrix_filter_is_active (self->filter));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "show-all-frameworks")),
                               self->filter->frameworks->len > 0);
  /* The view may have moved or dropped its cursor with the new rows. */
  update_row_actions (self);
}

/* A filter the analyst changed: shown, and kept with the workspace. */
static void
filter_changed (AttestWindow *self)
{
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;

  if (self->restoring_filter || self->workspace == NULL)
    return;
  apply_filter (self);
  state = attest_matrix_filter_to_string (self->filter);
  /* View state: a workspace that cannot take it (read-only) still filters. */
  if (!attest_workspace_set_ui_state (self->workspace, FILTER_STATE_KEY, state, &error))
    g_debug ("Filters not saved: %s", error->message);
}

static void
framework_check_toggled (GtkCheckButton *check,
                         AttestWindow   *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "framework-id");

  if (self->restoring_filter)
    return;
  /* The last framework shown stays: an empty choice would mean all of them. */
  if (!gtk_check_button_get_active (check) && self->filter->frameworks->len == 1 &&
      attest_matrix_filter_has_framework (self->filter, id))
    {
      self->restoring_filter = TRUE;
      gtk_check_button_set_active (check, TRUE);
      self->restoring_filter = FALSE;
      gtk_widget_error_bell (GTK_WIDGET (check));
      return;
    }
  /* No framework chosen means all of them: the first one unchecked keeps the others. */
  if (self->filter->frameworks->len == 0)
    for (guint i = 0; i < self->matrix->frameworks->len; i++)
      attest_matrix_filter_set_framework (self->filter, ((AttestMatrixFramework *)self->matrix->frameworks->pdata[i])->id,
                                          TRUE);
  attest_matrix_filter_set_framework (self->filter, id, gtk_check_button_get_active (check));
  if (self->filter->frameworks->len == self->matrix->frameworks->len)
    g_ptr_array_set_size (self->filter->frameworks, 0);
  filter_changed (self);
}

static void
fill_frameworks_list (AttestWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->frameworks_list))) != NULL)
    gtk_list_box_remove (self->frameworks_list, child);
  for (guint i = 0; i < self->matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *f = self->matrix->frameworks->pdata[i];
      GtkWidget *check = gtk_check_button_new_with_label (f->short_name);

      g_object_set_data_full (G_OBJECT (check), "framework-id", g_strdup (f->id), g_free);
      gtk_widget_set_tooltip_text (check, f->title);
      g_signal_connect (check, "toggled", G_CALLBACK (framework_check_toggled), self);
      gtk_list_box_append (self->frameworks_list, check);
    }
}

static void
show_workspace (AttestWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
  g_autofree char *state = NULL;
  AttestMatrix *matrix;

  adw_window_title_set_subtitle (self->window_title, name);

  /* The same workspace read again (an import, a rename) keeps its cursor. */
  if (self->matrix != NULL && attest_matrix_view_get_cursor_scope (self->matrix_view) != NULL)
    {
      g_free (self->pending_scope);
      g_free (self->pending_service);
      self->pending_scope = g_strdup (attest_matrix_view_get_cursor_scope (self->matrix_view));
      self->pending_service = g_strdup (attest_matrix_view_get_cursor_service (self->matrix_view));
      self->pending_open = FALSE;
    }

  /* Nothing of the previous workspace stays behind, whatever comes next. */
  if (self->page_workspace != NULL && self->page_workspace != (gpointer) self->workspace)
    {
      show_matrix (self);
      attest_page_view_clear (self->page_view);
      self->page_workspace = NULL;
    }
  attest_page_view_set_matrix (self->page_view, NULL);
  g_clear_pointer (&self->matrix, attest_matrix_free);
  g_clear_pointer (&self->filter, attest_matrix_filter_free);
  self->filter = attest_matrix_filter_new ();
  attest_matrix_view_set_matrix (self->matrix_view, NULL);
  attest_library_sidebar_set_matrix (self->library_sidebar, NULL);

  matrix = attest_workspace_load_matrix (self->workspace, &error);
  if (matrix == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_row_actions (self);
      return;
    }

  self->matrix = matrix;
  if (self->page_workspace == (gpointer) self->workspace)
    attest_page_view_set_matrix (self->page_view, matrix);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "show-library")),
                               matrix->frameworks->len > 0);
  if (matrix->frameworks->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_row_actions (self);
      return;
    }

  /* Each workspace keeps its own filters; frameworks it no longer has drop out. */
  state = attest_workspace_get_ui_state (self->workspace, FILTER_STATE_KEY);
  g_clear_pointer (&self->filter, attest_matrix_filter_free);
  self->filter = attest_matrix_filter_new_from_string (state);
  for (guint i = self->filter->frameworks->len; i > 0; i--)
    {
      if (attest_matrix_lookup_framework (matrix, self->filter->frameworks->pdata[i - 1]) == NULL)
        g_ptr_array_remove_index (self->filter->frameworks, i - 1);
    }
  if (self->filter->frameworks->len == matrix->frameworks->len)
    g_ptr_array_set_size (self->filter->frameworks, 0);

  fill_frameworks_list (self);
  attest_library_sidebar_set_matrix (self->library_sidebar, matrix);
  apply_filter (self);
  gtk_stack_set_visible_child_name (self->stack, "catalog");
  /* The matrix was read again (an import, a rename): the pane reads its cell again. */
  if (adw_flap_get_reveal_flap (self->pane_flap) && attest_cell_pane_get_scope_id (self->cell_pane) != NULL)
    open_cell (self, attest_cell_pane_get_scope_id (self->cell_pane),
               attest_cell_pane_get_service_id (self->cell_pane));
  apply_pending_cell (self);
}

/* Seeding runs on its own connection in a worker: the window's stays on the main thread. */
static void
seed_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary *summary;

  ws = attest_workspace_open (path, &error);
  if (ws == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  summary = attest_importer_run (ws, paths, NULL, NULL, cancellable, &error);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, (GDestroyNotify)attest_import_summary_free);
}

static void
seed_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  gtk_spinner_stop (self->loading_spinner);
  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->workspace == NULL)
    return;

  if (summary == NULL || summary->failed > 0)
    {
      g_autofree char *message = NULL;

      if (summary == NULL)
        message = g_strdup_printf (_("The bundled catalog could not be imported: %s"), error->message);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u bundled page could not be imported: %s",
                                                "%u bundled pages could not be imported: %s",
                                                summary->failed),
                                   summary->failed, (char *)summary->failures->pdata[0]);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  show_workspace (self);
}

static void
seed_workspace (AttestWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->seeding);
  g_clear_object (&self->seeding);
  self->seeding = g_cancellable_new ();

  {
    g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
    adw_window_title_set_subtitle (self->window_title, name);
  }
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->loading_spinner);

  task = g_task_new (NULL, self->seeding, seed_done, g_object_ref (self));
  g_task_set_source_tag (task, seed_workspace);
  g_task_set_task_data (task, g_strdup (attest_workspace_get_path (self->workspace)), g_free);
  g_task_run_in_thread (task, seed_thread);
}

static void
report_open_error (AttestWindow *self,
                   const GError *error)
{
  GtkWidget *dialog;

  /* Nothing open yet: the window itself says what went wrong. */
  if (self->workspace == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* Otherwise the open workspace stays open and a dialog explains. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Could Not Open the Workspace"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * attest_window_open_workspace:
 * @path: the workspace file, created when missing
 *
 * Returns: %TRUE when @path is now the open workspace; on failure the
 *   previous workspace (if any) stays open and the reason is shown.
 */
/* "Open Recent": the workspaces that still exist, most recent first. */
static void
fill_recent_menu (AttestWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  guint shown = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL && shown < MAX_RECENT; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *dir_display = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      if (self->workspace != NULL && g_str_equal (recent[i], attest_workspace_get_path (self->workspace)))
        continue;
      name = attest_paths_display_name (recent[i]);
      dir = g_path_get_dirname (recent[i]);
      dir_display = g_filename_display_name (dir);
      /* Translators: "Open Recent" menu item: a workspace's name, then its folder */
      label = g_strdup_printf (_("%s — %s"), name, dir_display);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
      shown++;
    }
  if (shown == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Workspaces"), "win.no-recent");
      g_menu_append_item (self->recent_section, item);
    }
}

static void
remember_recent (AttestWindow *self,
                 const char   *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  /* GSettings strings are UTF-8: a path that is not stays out of the list. */
  if (!g_utf8_validate (path, -1, NULL))
    return;
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT * 2; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *)updated);
}

/* Opens @path; a workspace the window creates is seeded with the bundled
 * catalog when @seed_when_created (first run, --workspace naming a new file),
 * and starts empty otherwise (New…), as DESIGN.md says. */
static gboolean
open_workspace (AttestWindow *self,
                const char   *path,
                gboolean      seed_when_created)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) workspace = NULL;

  workspace = attest_workspace_open (path, &error);
  if (workspace == NULL)
    {
      report_open_error (self, error);
      return FALSE;
    }

  g_cancellable_cancel (self->seeding);
  if (self->history_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->history_window));
  /* Nothing of the previous workspace's cell stays in the pane. */
  attest_cell_pane_cancel (self->cell_pane);
  attest_cell_pane_set_cell (self->cell_pane, NULL, NULL, NULL, NULL);
  attest_note_editor_set_target (self->cell_notes, NULL, NULL, NULL);
  attest_note_editor_set_target (self->service_notes, NULL, NULL, NULL);
  attest_note_editor_set_target (self->framework_notes, NULL, NULL, NULL);
  adw_flap_set_reveal_flap (self->pane_flap, FALSE);
  g_set_object (&self->workspace, workspace);
  apply_reviewer (self);
  if (g_utf8_validate (attest_workspace_get_path (workspace), -1, NULL))
    g_settings_set_string (self->settings, "last-workspace", attest_workspace_get_path (workspace));
  g_clear_pointer (&self->pending_scope, g_free);
  g_clear_pointer (&self->pending_service, g_free);
  g_clear_pointer (&self->pending_page, g_free);
  g_clear_pointer (&self->pending_section, g_free);
  /* No cursor of the previous workspace carries over. */
  attest_matrix_view_set_matrix (self->matrix_view, NULL);
  remember_recent (self, attest_workspace_get_path (workspace));
  if (seed_when_created && attest_workspace_was_created (workspace))
    seed_workspace (self);
  else
    show_workspace (self);
  fill_recent_menu (self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "save-copy")),
                               self->saving == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
  return TRUE;
}

gboolean
attest_window_open_workspace (AttestWindow *self,
                              const char   *path)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return open_workspace (self, path, TRUE);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  GStatBuf sa, sb;

  if (g_file_equal (fa, fb))
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void
show_message (AttestWindow *self,
              const char   *heading,
              const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * attest_window_new_workspace:
 * @path: where the new workspace goes; an existing file there is replaced
 *   (the file chooser asked first)
 *
 * Creates an empty workspace (no bundled catalog: it shows "Import Pages…")
 * and opens it. The open workspace stays open when this fails.
 */
gboolean
attest_window_new_workspace (AttestWindow *self,
                             const char   *path)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->workspace != NULL && same_file (path, attest_workspace_get_path (self->workspace)))
    {
      show_message (self, _("Could Not Create the Workspace"),
                    _("This workspace is open. Choose another name to start a new one."));
      return FALSE;
    }
  /* The chooser asked before replacing the file; its journals (even left
   * without it) must not be replayed into the new database. */
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          if (g_unlink (file) != 0 && errno != ENOENT)
            {
              int saved_errno = errno;
              g_autofree char *name = g_filename_display_name (file);
              g_autofree char *body = g_strdup_printf (_("%s could not be replaced: %s"),
                                                       name, g_strerror (saved_errno));

              show_message (self, _("Could Not Create the Workspace"), body);
              return FALSE;
            }
        }
    }
  return open_workspace (self, path, FALSE);
}

/* Save a Copy… : SQLite's online backup, on a connection of its own in a
 * worker, so the window keeps working on a large workspace. */
typedef struct {
  char *source;
  char *dest;
} SaveCopy;

static void
save_copy_free (SaveCopy *copy)
{
  g_free (copy->source);
  g_free (copy->dest);
  g_free (copy);
}

static void
save_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveCopy *copy = task_data;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  ws = attest_workspace_open (copy->source, &error);
  if (ws == NULL || !attest_workspace_save_copy (ws, copy->dest, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_copy_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SaveCopy *copy = g_task_get_task_data (G_TASK (result));

  g_application_release (g_application_get_default ());
  /* The window went away meanwhile (its dispose clears self->saving). */
  if (self->saving == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Save a Copy"), error->message);
    }
  else
    {
      g_autofree char *name = g_filename_display_name (copy->dest);
      /* Translators: %s is a file path */
      g_autofree char *message = g_strdup_printf (_("Copy saved to %s"), name);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  g_clear_object (&self->saving);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "save-copy")),
                               self->workspace != NULL);
  g_signal_emit_by_name (self, "copy-saved", error == NULL);
}

/**
 * attest_window_save_copy:
 * @path: the copy's file
 *
 * Writes a consistent copy of the open workspace to @path in a worker; a
 * toast says where, a dialog why not. Emits AttestWindow::copy-saved.
 */
void
attest_window_save_copy (AttestWindow *self,
                         const char   *path)
{
  g_autoptr(GTask) task = NULL;
  SaveCopy *copy;

  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->workspace == NULL || self->saving != NULL)
    return;
  if (same_file (path, attest_workspace_get_path (self->workspace)))
    {
      show_message (self, _("Could Not Save a Copy"),
                    _("A copy cannot replace the workspace it is made from. Choose another name."));
      g_signal_emit_by_name (self, "copy-saved", FALSE);
      return;
    }

  copy = g_new0 (SaveCopy, 1);
  copy->source = g_strdup (attest_workspace_get_path (self->workspace));
  copy->dest = g_strdup (path);
  self->saving = g_cancellable_new ();
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "save-copy")), FALSE);
  /* The copy finishes even when the window closes first. */
  g_application_hold (g_application_get_default ());
  task = g_task_new (NULL, self->saving, save_copy_done, g_object_ref (self));
  g_task_set_source_tag (task, attest_window_save_copy);
  g_task_set_task_data (task, copy, (GDestroyNotify)save_copy_free);
  g_task_run_in_thread (task, save_copy_thread);
}

/* The file choosers (portal or GTK's own) behind New…, Open… and Save a Copy… */

typedef void (*ChooserDone) (AttestWindow *self, const char *path);

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  AttestWindow *self = ATTEST_WINDOW (g_object_get_data (G_OBJECT (chooser), "attest-window"));
  ChooserDone done = (ChooserDone)user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        done (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_workspace_file (AttestWindow         *self,
                       GtkFileChooserAction  action,
                       const char           *title,
                       const char           *accept,
                       const char           *suggested_name,
                       ChooserDone           done)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) workspaces = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (workspaces, _("Attest Workspaces"));
  gtk_file_filter_add_mime_type (workspaces, "application/x-attest-workspace");
  gtk_file_filter_add_suffix (workspaces, "attest");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), workspaces);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_object_set_data (G_OBJECT (chooser), "attest-window", self);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), done);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The name the chooser confirmed is used as it is: adding ".attest" here
 * could replace a file nobody was asked about. */
static void
new_workspace_chosen (AttestWindow *self,
                      const char   *path)
{
  attest_window_new_workspace (self, path);
}

static void
open_workspace_chosen (AttestWindow *self,
                       const char   *path)
{
  attest_window_open_workspace (self, path);
}

static void
save_copy_chosen (AttestWindow *self,
                  const char   *path)
{
  attest_window_save_copy (self, path);
}

static void
new_workspace_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  /* Translators: the file name a new workspace is offered under */
  choose_workspace_file (user_data, GTK_FILE_CHOOSER_ACTION_SAVE, _("New Workspace"), _("_Create"),
                         _("Untitled.attest"), new_workspace_chosen);
}

static void
open_workspace_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  choose_workspace_file (user_data, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Workspace"), _("_Open"),
                         NULL, open_workspace_chosen);
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AttestWindow *self = user_data;
  const char *path = g_variant_get_string (parameter, NULL);

  /* A recent workspace that has gone is said so, never created anew. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);
      /* Translators: %s is a file path */
      g_autofree char *message = g_strdup_printf (_("%s no longer exists"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      fill_recent_menu (self);
      return;
    }
  open_workspace (self, path, FALSE);
}

static void
save_copy_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AttestWindow *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *suggested = NULL;

  if (self->workspace == NULL)
    return;
  name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
  /* Translators: the file name offered for a copy; %s is the workspace's name */
  suggested = g_strdup_printf (_("%s (copy).attest"), name);
  choose_workspace_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save a Copy"), _("_Save"),
                         suggested, save_copy_chosen);
}

/* Filters */

static void
search_changed (AttestWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->restoring_filter || self->filter == NULL || g_strcmp0 (text, self->filter->text) == 0)
    return;
  g_free (self->filter->text);
  self->filter->text = g_strdup (text);
  filter_changed (self);
}

/* Escape in the search entry: clear it and go back to the grid. */
static void
search_stopped (AttestWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

static void
filter_toggle_changed (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  AttestWindow *self = user_data;
  gboolean on = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  if (self->restoring_filter || self->filter == NULL)
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "filter-mine"))
    self->filter->mine_only = on;
  else if (g_str_equal (g_action_get_name (G_ACTION (action)), "filter-expiring"))
    self->filter->expiring_only = on;
  else
    self->filter->exceptions_only = on;
  filter_changed (self);
}

static void
clear_filters_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  AttestWindow *self = user_data;

  g_clear_pointer (&self->filter, attest_matrix_filter_free);
  self->filter = attest_matrix_filter_new ();
  filter_changed (self);
}

static void
show_all_frameworks_activated (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  AttestWindow *self = user_data;

  g_ptr_array_set_size (self->filter->frameworks, 0);
  filter_changed (self);
}

static void
focus_filter_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "catalog"))
    return;
  /* Reading a page, Ctrl+F finds in it. */
  if (page_shown (self))
    gtk_widget_activate_action (GTK_WIDGET (self->page_view), "page.find", NULL);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_library_changed (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  AttestWindow *self = user_data;

  g_simple_action_set_state (action, state);
  adw_flap_set_reveal_flap (self->flap, g_variant_get_boolean (state));
}

static void
flap_revealed (AttestWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-library");
  gboolean revealed = adw_flap_get_reveal_flap (self->flap);
  g_autoptr(GVariant) state = g_action_get_state (action);

  if (g_variant_get_boolean (state) != revealed)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (revealed));
}

/* My services: analyst data, one transaction and one history row each. */

static AttestMatrixService *
cursor_service (AttestWindow *self)
{
  const char *id = attest_matrix_view_get_cursor_service (self->matrix_view);

  return id != NULL && self->matrix != NULL ? attest_matrix_lookup_service (self->matrix, id) : NULL;
}

static void
update_row_actions (AttestWindow *self)
{
  AttestMatrixService *service = cursor_service (self);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "add-my-service")),
                               service != NULL && !service->mine);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "remove-my-service")),
                               service != NULL && service->mine);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "rename-service")),
                               service != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "merge-service")),
                               service != NULL && self->matrix != NULL && self->matrix->services->len > 1);
}

static void
set_my_service (AttestWindow *self,
                gboolean      mine)
{
  AttestMatrixService *service = cursor_service (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *id = NULL;

  if (service == NULL)
    return;
  if (!attest_workspace_set_my_service (self->workspace, service->id, mine, &error))
    {
      /* Translators: %s is the reason, e.g. "the workspace is read-only" */
      message = g_strdup_printf (_("My Services could not be changed: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  service->mine = mine;
  id = g_strdup (service->id);
  attest_library_sidebar_set_matrix (self->library_sidebar, self->matrix);
  apply_filter (self);
  /* The cursor stays on the row when the filters still show it. */
  attest_matrix_view_select_service (self->matrix_view, id);
  update_row_actions (self);
}

static void
add_my_service_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  set_my_service (user_data, TRUE);
}

static void
remove_my_service_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  set_my_service (user_data, FALSE);
}

/* Rename Service… and Merge Into Another Service… (the row menu): the
 * dialogs store the change; the window reads the matrix again and offers Undo. */

static void
service_renamed (AttestWindow *self,
                 const char   *service_id,
                 const char   *old_name,
                 const char   *new_name)
{
  AdwToast *toast;
  g_autofree char *title = NULL;

  show_workspace (self);
  /* Translators: a toast after a rename: "Renamed “Stream” to “Microsoft Stream”" */
  title = g_strdup_printf (_("Renamed “%s” to “%s”"), old_name, new_name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-rename");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sss)", attest_workspace_get_path (self->workspace),
                                                           service_id, old_name));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
services_merged (AttestWindow *self,
                 const char   *survivor_id,
                 const char   *absorbed_id)
{
  AttestMatrixService *survivor;
  AdwToast *toast;
  g_autofree char *title = NULL;

  show_workspace (self);
  survivor = self->matrix != NULL ? attest_matrix_lookup_service (self->matrix, survivor_id) : NULL;
  /* Translators: a toast after two services were merged into one row */
  title = g_strdup_printf (_("Services merged into “%s”"), survivor != NULL ? survivor->name : survivor_id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-merge");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", attest_workspace_get_path (self->workspace),
                                                           absorbed_id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
rename_service_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  AttestWindow *self = user_data;
  AttestMatrixService *service = cursor_service (self);
  g_autofree char *catalog_name = NULL;
  AttestRenameDialog *dialog;

  if (service == NULL || self->workspace == NULL)
    return;
  catalog_name = attest_workspace_get_service_catalog_name (self->workspace, service->id, NULL);
  dialog = attest_rename_dialog_new (GTK_WINDOW (self), self->workspace, service->id, service->name,
                                     catalog_name != NULL ? catalog_name : service->name);
  g_signal_connect_object (dialog, "renamed", G_CALLBACK (service_renamed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_service_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  AttestWindow *self = user_data;
  AttestMatrixService *service = cursor_service (self);
  AttestMergeDialog *dialog;

  if (service == NULL || self->workspace == NULL || self->matrix == NULL)
    return;
  dialog = attest_merge_dialog_new (GTK_WINDOW (self), self->workspace, self->matrix, service->id);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (services_merged), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_store_error (AttestWindow *self,
                    const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
undo_rename_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AttestWindow *self = user_data;
  const char *path, *service_id, *old_name;
  g_autoptr(GError) error = NULL;

  /* An Undo toast outlives a change of workspace: it only undoes in its own. */
  g_variant_get (param, "(&s&s&s)", &path, &service_id, &old_name);
  if (self->workspace == NULL || g_strcmp0 (path, attest_workspace_get_path (self->workspace)) != 0)
    return;
  if (!attest_workspace_rename_service (self->workspace, service_id, old_name, &error))
    report_store_error (self, error);
  show_workspace (self);
}

static void
undo_merge_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  AttestWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path, *absorbed_id;

  g_variant_get (param, "(&s&s)", &path, &absorbed_id);
  if (self->workspace == NULL || g_strcmp0 (path, attest_workspace_get_path (self->workspace)) != 0)
    return;
  if (!attest_workspace_unmerge_service (self->workspace, absorbed_id, &error))
    report_store_error (self, error);
  show_workspace (self);
}

/**
 * attest_window_show_cell:
 *
 * Selects the cell (clearing filters that hide it) and opens its pane; before
 * the workspace's matrix is shown (seeding), once it is. An unknown cell is
 * said in a toast.
 */
void
attest_window_show_cell (AttestWindow *self,
                         const char   *scope_id,
                         const char   *service_id)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (scope_id != NULL && service_id != NULL);

  g_free (self->pending_scope);
  g_free (self->pending_service);
  self->pending_scope = g_strdup (scope_id);
  self->pending_service = g_strdup (service_id);
  self->pending_open = TRUE;
  if (self->matrix != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "catalog") == 0)
    apply_pending_cell (self);
}

static void
apply_pending_cell (AttestWindow *self)
{
  g_autofree char *page = g_steal_pointer (&self->pending_page);
  g_autofree char *section = g_steal_pointer (&self->pending_section);
  g_autofree char *scope_id = g_steal_pointer (&self->pending_scope);
  g_autofree char *service_id = g_steal_pointer (&self->pending_service);

  if (page != NULL && self->matrix != NULL)
    attest_window_show_page (self, page, section, NULL, self->pending_mode);
  if (scope_id == NULL || self->matrix == NULL)
    return;
  if (attest_matrix_lookup_scope (self->matrix, scope_id, NULL) == NULL || attest_matrix_lookup_service (self->matrix, service_id) == NULL)
    {
      if (!self->pending_open)
        return;   /* the cursor's cell went away: nothing to say */
      /* Translators: %s:%s is a scope id and a service id, as given to --cell */
      g_autofree char *message = g_strdup_printf (_("This workspace has no cell %s:%s"), scope_id, service_id);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  if (!attest_matrix_view_select_cell (self->matrix_view, scope_id, service_id))
    {
      clear_filters_activated (NULL, NULL, self);
      if (!attest_matrix_view_select_cell (self->matrix_view, scope_id, service_id))
        return;
    }
  if (!self->pending_open)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
  if (g_action_group_get_action_enabled (G_ACTION_GROUP (self), "open-cell"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "open-cell", NULL);
}

/* Import Pages… (the menu, the empty state, or folders dropped on the window) */

static void
pages_imported (AttestWindow *self,
                guint         n_imported)
{
  /* The worker wrote on its own connection: read the matrix again. */
  if (self->workspace != NULL)
    show_workspace (self);
}

static void
import_dialog_started (GtkWindow          *parent,
                       AttestImportDialog *dialog)
{
  g_signal_connect_object (dialog, "imported", G_CALLBACK (pages_imported), parent, G_CONNECT_SWAPPED);
}

static void
import_pages_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (self->workspace != NULL)
    attest_import_dialog_choose (GTK_WINDOW (self), self->workspace, import_dialog_started);
}

/**
 * attest_window_import_paths:
 * @paths: files and folders of offering pages
 *
 * Imports @paths in the import dialog (progress, Cancel, summary) and shows
 * the matrix again when pages came in.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL without a workspace
 */
AttestImportDialog *
attest_window_import_paths (AttestWindow       *self,
                            const char * const *paths)
{
  AttestImportDialog *dialog;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  if (self->workspace == NULL)
    return NULL;
  dialog = attest_import_dialog_new (GTK_WINDOW (self), self->workspace, paths);
  import_dialog_started (GTK_WINDOW (self), dialog);
  return dialog;
}

/* Files dropped on the window: folders and Markdown files are offering pages
 * to import; other files dropped on a matrix cell are evidence for it. */
static gboolean
is_page_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_suffix (lower, ".md") ||
         g_str_has_suffix (lower, ".markdown");
}

static gboolean
files_dropped (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               AttestWindow  *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  GSList *evidence = NULL;
  const char *scope_id = NULL, *service_id = NULL;
  double vx, vy;

  if (self->workspace == NULL)
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path == NULL)
        continue;
      if (is_page_path (path))
        g_ptr_array_add (pages, g_steal_pointer (&path));
      else
        evidence = g_slist_prepend (evidence, l->data);
    }
  evidence = g_slist_reverse (evidence);

  if (evidence != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self->matrix_view)) &&
      gtk_widget_translate_coordinates (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)),
                                        GTK_WIDGET (self->matrix_view), x, y, &vx, &vy) &&
      attest_matrix_view_get_cell_at (self->matrix_view, vx, vy, &scope_id, &service_id))
    {
      /* The view's strings go with its matrix, which a pane edit can replace. */
      g_autofree char *scope = g_strdup (scope_id);
      g_autofree char *service = g_strdup (service_id);

      attach_dropped_evidence (self, scope, service, evidence);
    }
  else if (evidence != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Drop evidence files on a matrix cell, or on the cell’s pane")));
  g_slist_free (evidence);

  if (pages->len > 0)
    {
      g_ptr_array_add (pages, NULL);
      attest_window_import_paths (self, (const char * const *)pages->pdata);
    }
  return pages->len > 0 || scope_id != NULL;
}

/* The cell pane (AdwFlap at the end): the cell under the cursor, opened by
 * Enter, a double click, the row menu or --cell; it follows the cursor while
 * open, and its edits redraw their cell at once. */

/* The pane's notes: on the cell, on its service, on its framework. */
static void
set_pane_notes (AttestWindow *self,
                const char   *scope_id,
                const char   *service_id)
{
  AttestMatrixFramework *framework = NULL;
  AttestMatrixScope *scope = attest_matrix_lookup_scope (self->matrix, scope_id, &framework);
  AttestMatrixService *service = attest_matrix_lookup_service (self->matrix, service_id);
  g_autofree char *cell_target = NULL;
  g_autofree char *service_target = NULL;
  g_autofree char *framework_target = NULL;
  g_autofree char *cell_title = NULL;
  g_autofree char *service_title = NULL;
  g_autofree char *framework_title = NULL;

  if (scope == NULL || service == NULL)
    {
      attest_note_editor_set_target (self->cell_notes, NULL, NULL, NULL);
      attest_note_editor_set_target (self->service_notes, NULL, NULL, NULL);
      attest_note_editor_set_target (self->framework_notes, NULL, NULL, NULL);
      return;
    }

  cell_target = g_strdup_printf ("cell:%s:%s", scope_id, service_id);
  /* Translators: the heading of the notes on one cell: "Notes on SOC 2 × Intune" */
  cell_title = g_strdup_printf (_("Notes on %s × %s"), scope->name, service->name);
  service_target = g_strdup_printf ("service:%s", service_id);
  /* Translators: the heading of the notes on a service or a framework: "Notes on Intune" */
  service_title = g_strdup_printf (_("Notes on %s"), service->name);
  framework_target = g_strdup_printf ("framework:%s", framework->id);
  framework_title = g_strdup_printf (_("Notes on %s"), framework->short_name);
  attest_note_editor_set_target (self->cell_notes, self->workspace, cell_target, cell_title);
  attest_note_editor_set_target (self->service_notes, self->workspace, service_target, service_title);
  attest_note_editor_set_target (self->framework_notes, self->workspace, framework_target, framework_title);
}

static void
open_cell (AttestWindow *self,
           const char   *scope_id,
           const char   *service_id)
{
  if (self->workspace == NULL || self->matrix == NULL)
    return;
  attest_cell_pane_set_cell (self->cell_pane, self->workspace, self->matrix, scope_id, service_id);
  set_pane_notes (self, scope_id, service_id);
  /* Library, matrix and pane do not fit side by side in a narrow window:
   * the library makes room (F9 brings it back). */
  if (!adw_flap_get_reveal_flap (self->pane_flap) && gtk_widget_get_width (GTK_WIDGET (self)) < 1400 &&
      adw_flap_get_reveal_flap (self->flap))
    g_action_group_change_action_state (G_ACTION_GROUP (self), "show-library", g_variant_new_boolean (FALSE));
  adw_flap_set_reveal_flap (self->pane_flap, TRUE);
}

static void
open_cell_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AttestWindow *self = user_data;
  const char *scope_id = attest_matrix_view_get_cursor_scope (self->matrix_view);
  const char *service_id = attest_matrix_view_get_cursor_service (self->matrix_view);

  if (scope_id == NULL || service_id == NULL)
    return;
  open_cell (self, scope_id, service_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->cell_pane));
}

static void
close_cell_pane (AttestWindow *self)
{
  adw_flap_set_reveal_flap (self->pane_flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

/* The pane does not follow the cursor: opening a cell makes its checklist (a
 * history row), which arrowing across the matrix must not do. Enter or a
 * double click opens the cell under the cursor. */
static void
cursor_moved (AttestWindow *self)
{
  const char *scope_id = attest_matrix_view_get_cursor_scope (self->matrix_view);
  const char *service_id = attest_matrix_view_get_cursor_service (self->matrix_view);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "open-cell")),
                               scope_id != NULL && service_id != NULL);
}

static void
update_cell (AttestMatrixCell         *cell,
             const AttestRollup       *rollup,
             AttestExpiryState         expiry)
{
  if (cell == NULL)
    return;
  /* A flagged cell keeps its flag; an in-scope one shows the new roll-up. */
  attest_rollup_fill_cell (rollup, g_strcmp0 (cell->rollup, "no-longer-in-scope") != 0, cell);
  cell->evidence_expiry = expiry;
}

/* An edit in the pane: that cell's roll-up and evidence expiry, read again
 * and drawn at once (the whole matrix is not read again). */
static void
cell_changed (AttestWindow *self,
              const char   *scope_id,
              const char   *service_id)
{
  g_autoptr(GError) error = NULL;
  AttestRollup rollup = { 0 };
  AttestExpiryState expiry = ATTEST_EXPIRY_NONE;
  AttestMatrix *shown;

  if (self->workspace == NULL || self->matrix == NULL)
    return;
  if (!attest_workspace_cell_rollup (self->workspace, scope_id, service_id, &rollup, &error) ||
      !attest_workspace_cell_evidence_expiry (self->workspace, scope_id, service_id, NULL, &expiry, &error))
    {
      g_warning ("Could not read the cell %s:%s again: %s", scope_id, service_id, error->message);
      return;
    }
  update_cell (attest_matrix_lookup_cell (self->matrix, scope_id, service_id), &rollup, expiry);
  /* Exceptions and expiry filters may now keep or drop the cell: the shown
   * matrix is made again from the whole one. Otherwise its copy of the cell
   * changes and that cell alone is drawn again. */
  if (self->filter->exceptions_only || self->filter->expiring_only)
    {
      apply_filter (self);
      return;
    }
  shown = attest_matrix_view_get_matrix (self->matrix_view);
  if (shown != NULL)
    update_cell (attest_matrix_lookup_cell (shown, scope_id, service_id), &rollup, expiry);
  attest_matrix_view_refresh_cell (self->matrix_view, scope_id, service_id);
}

static void
attach_dropped_evidence (AttestWindow *self,
                         const char   *scope_id,
                         const char   *service_id,
                         GSList       *files)
{
  attest_matrix_view_select_cell (self->matrix_view, scope_id, service_id);
  open_cell (self, scope_id, service_id);
  attest_cell_pane_attach_files (self->cell_pane, files);
}

/* History (Ctrl+H) and global search (Ctrl+K) */

static void
show_history_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (self->workspace == NULL)
    return;
  if (self->history_window == NULL)
    {
      self->history_window = attest_history_window_new (GTK_WINDOW (self), self->workspace);
      g_object_add_weak_pointer (G_OBJECT (self->history_window), (gpointer *)&self->history_window);
    }
  gtk_window_present (GTK_WINDOW (self->history_window));
}

static void
library_framework_activated (AttestWindow *self,
                             const char   *framework_id,
                             const char   *locale);
static void
library_service_activated (AttestWindow *self,
                           const char   *service_id);

/**
 * attest_window_show_location:
 *
 * Goes where a search result or a note is: a cell (and its pane), a
 * framework's columns (pages open in the page view once it exists), a
 * service's row.
 */
void
attest_window_show_location (AttestWindow         *self,
                             const AttestLocation *location)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (location != NULL);

  if (location->scope_id != NULL && location->service_id != NULL)
    attest_window_show_cell (self, location->scope_id, location->service_id);
  else if (location->kind == ATTEST_LOCATION_PAGE_SECTION && location->framework_id != NULL)
    attest_window_show_page (self, location->framework_id, location->section_key, location->locale, -1);
  else if (location->note_target != NULL && g_str_has_prefix (location->note_target, "framework:")
           && location->framework_id != NULL && location->section_key != NULL)
    attest_window_show_page (self, location->framework_id, location->section_key, NULL, -1);
  else if (location->framework_id != NULL)
    {
      attest_library_sidebar_select_framework (self->library_sidebar, location->framework_id);
      library_framework_activated (self, location->framework_id, location->locale);
    }
  else if (location->service_id != NULL)
    library_service_activated (self, location->service_id);
  else
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("This evidence file is not linked to any checklist item")));
}

static void
search_location_activated (AttestWindow   *self,
                           AttestLocation *location)
{
  attest_window_show_location (self, location);
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AttestWindow *self = user_data;
  AttestSearchDialog *dialog;

  if (self->workspace == NULL)
    return;
  dialog = attest_search_dialog_new (GTK_WINDOW (self), self->workspace);
  g_signal_connect_object (dialog, "location-activated", G_CALLBACK (search_location_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Enter or a double click on a cell opens its pane. */
static void
cell_activated (AttestWindow *self,
                const char   *scope_id,
                const char   *service_id)
{
  if (g_action_group_get_action_enabled (G_ACTION_GROUP (self), "open-cell"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "open-cell", NULL);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->matrix_view));
}

/* The page view */

static gboolean
page_shown (AttestWindow *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "page");
}

static void
show_matrix (AttestWindow *self)
{
  if (!page_shown (self))
    return;
  gtk_stack_set_visible_child_name (self->centre_stack, "matrix");
  gtk_widget_set_visible (self->back_button, FALSE);
  /* Back where the analyst was: the same cell. */
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

static void
back_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  show_matrix (user_data);
}

static void
read_page_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  AttestWindow *self = user_data;
  const char *framework_id = g_variant_get_string (param, NULL);

  if (*framework_id == '\0')
    return;
  attest_window_show_page (self, framework_id, NULL, NULL, -1);
}

/* A double click on a column's header: the page of its framework. */
static void
column_activated (AttestWindow *self,
                  const char   *scope_id)
{
  AttestMatrixFramework *framework = NULL;

  if (self->matrix != NULL && attest_matrix_lookup_scope (self->matrix, scope_id, &framework) != NULL)
    attest_window_show_page (self, framework->id, NULL, NULL, -1);
}

/* A service named in the page: its row in the matrix. */
static void
page_service_selected (AttestWindow *self,
                       const char   *service_id)
{
  show_matrix (self);
  library_service_activated (self, service_id);
}

static void
page_print_requested (AttestWindow *self)
{
  AttestPage *page = attest_page_view_get_page (self->page_view);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (page == NULL)
    return;
  result = attest_page_print (GTK_WINDOW (self), page, attest_page_view_get_shown_mode (self->page_view),
                              attest_page_view_get_title (self->page_view),
                              attest_page_view_get_subtitle (self->page_view),
                              GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
}

/**
 * attest_window_show_page:
 * @section_key: (nullable): the section to show, by anchor or key
 * @locale: (nullable): the version ("" for English); NULL for the reader's language
 * @mode: an #AttestReadingMode, or -1 for the one the reader chose last
 *
 * Replaces the matrix with @framework_id's page; Back (Alt+Left) returns.
 *
 * Returns: FALSE, with a toast saying why, when there is no such page
 */
static gboolean
show_page (AttestWindow *self,
           const char   *framework_id,
           const char   *section_key,
           const char   *locale,
           int           mode,
           gboolean      take_focus)
{
  g_autoptr(GError) error = NULL;
  const char *shown;

  if (self->workspace == NULL || self->matrix == NULL)
    {
      /* The workspace is still being read: when it is. */
      g_free (self->pending_page);
      g_free (self->pending_section);
      self->pending_page = g_strdup (framework_id);
      self->pending_section = g_strdup (section_key);
      self->pending_mode = mode;
      return TRUE;
    }
  if (mode >= 0)
    attest_page_view_set_mode (self->page_view, (AttestReadingMode) mode);
  shown = attest_page_view_get_framework_id (self->page_view);
  /* The page already shown stays as it is (its scroll, its Find), unless another version is asked for. */
  if (locale != NULL || self->page_workspace != (gpointer) self->workspace || g_strcmp0 (shown, framework_id) != 0)
    {
      if (!attest_page_view_load (self->page_view, self->workspace, self->matrix, framework_id, locale, &error))
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
          return FALSE;
        }
      self->page_workspace = self->workspace;
    }
  if (section_key != NULL && *section_key != '\0' && !attest_page_view_show_section (self->page_view, section_key))
    {
      /* Translators: %s is a section's key, e.g. "audit-cycle" */
      g_autofree char *message = g_strdup_printf (_("This page has no section “%s”"), section_key);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  gtk_stack_set_visible_child_name (self->centre_stack, "page");
  gtk_widget_set_visible (self->back_button, TRUE);
  /* The keys are the page's: arrows scroll it, Ctrl+F finds in it. */
  if (take_focus)
    {
      GPtrArray *views = attest_page_view_get_text_views (self->page_view);
      if (views->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (views, 0));
      /* The library says which page this is (from the library, it already does). */
      attest_library_sidebar_select_framework (self->library_sidebar, framework_id);
    }
  return TRUE;
}

gboolean
attest_window_show_page (AttestWindow *self,
                         const char   *framework_id,
                         const char   *section_key,
                         const char   *locale,
                         int           mode)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  return show_page (self, framework_id, section_key, locale, mode, TRUE);
}

/**
 * attest_window_get_page_view:
 *
 * Returns: (transfer none): the page view (shown or not)
 */
AttestPageView *
attest_window_get_page_view (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  return self->page_view;
}

/* The library sidebar */

static void
library_framework_activated (AttestWindow *self,
                             const char   *framework_id,
                             const char   *locale)
{
  /* A version of the page, or any framework while a page is read: its page. */
  if (locale != NULL || page_shown (self))
    {
      /* Arrowing down the library keeps the keyboard there. */
      show_page (self, framework_id, NULL, locale, -1, FALSE);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }
  if (!attest_matrix_view_scroll_to_framework (self->matrix_view, framework_id))
    {
      AttestMatrixFramework *f = self->matrix != NULL ? attest_matrix_lookup_framework (self->matrix, framework_id) : NULL;
      g_autofree char *message = NULL;

      /* Translators: %s is a framework's short name */
      message = g_strdup_printf (_("%s is hidden by the filters"), f != NULL ? f->short_name : framework_id);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
library_service_activated (AttestWindow *self,
                           const char   *service_id)
{
  if (attest_matrix_view_select_service (self->matrix_view, service_id))
    gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
  else
    {
      AttestMatrixService *service = self->matrix != NULL ? attest_matrix_lookup_service (self->matrix, service_id) : NULL;
      g_autofree char *message = g_strdup_printf (_("%s is hidden by the filters"),
                                                  service != NULL ? service->name : service_id);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static gboolean
attest_window_close_request (GtkWindow *window)
{
  AttestWindow *self = ATTEST_WINDOW (window);
  int width, height;

  /* An attach still hashing stops cleanly; what was stored stays. */
  attest_cell_pane_cancel (self->cell_pane);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (attest_window_parent_class)->close_request (window);
}

static void
attest_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_window_dispose (GObject *object)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  g_cancellable_cancel (self->seeding);
  g_clear_object (&self->seeding);
  g_cancellable_cancel (self->saving);
  g_clear_object (&self->saving);
  if (self->history_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->history_window), (gpointer *)&self->history_window);
  self->history_window = NULL;
  if (self->page_view != NULL)
    attest_page_view_set_matrix (self->page_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_WINDOW);
  g_clear_pointer (&self->matrix, attest_matrix_free);
  g_clear_pointer (&self->filter, attest_matrix_filter_free);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_scope, g_free);
  g_clear_pointer (&self->pending_service, g_free);
  g_clear_pointer (&self->pending_page, g_free);
  g_clear_pointer (&self->pending_section, g_free);

  G_OBJECT_CLASS (attest_window_parent_class)->dispose (object);
}

static void
attest_window_class_init (AttestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_window_dispose;
  object_class->get_property = attest_window_get_property;
  window_class->close_request = attest_window_close_request;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         ATTEST_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttestWindow::copy-saved:
   * @saved: whether the copy was written
   *
   * Save a Copy… finished.
   */
  g_signal_new ("copy-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (ATTEST_TYPE_MATRIX_VIEW);
  g_type_ensure (ATTEST_TYPE_PAGE_VIEW);
  g_type_ensure (ATTEST_TYPE_LIBRARY_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, catalog_summary);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, pane_flap);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, pane_box);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, library_sidebar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_button_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_list);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, matrix_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, row_menu);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, centre_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, page_view);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped);
}

static const GActionEntry win_actions[] = {
  { "filter-mine", NULL, NULL, "false", filter_toggle_changed },
  { "filter-exceptions", NULL, NULL, "false", filter_toggle_changed },
  { "filter-expiring", NULL, NULL, "false", filter_toggle_changed },
  { "clear-filters", clear_filters_activated },
  { "show-all-frameworks", show_all_frameworks_activated },
  { "focus-filter", focus_filter_activated },
  { "show-library", NULL, NULL, "true", show_library_changed },
  { "add-my-service", add_my_service_activated },
  { "remove-my-service", remove_my_service_activated },
  { "new-workspace", new_workspace_activated },
  { "open-workspace", open_workspace_activated },
  { "open-recent", open_recent_activated, "s" },
  { "save-copy", save_copy_activated },
  { "import-pages", import_pages_activated },
  { "show-history", show_history_activated },
  { "search", search_activated },
  { "rename-service", rename_service_activated },
  { "merge-service", merge_service_activated },
  { "undo-rename", undo_rename_activated, "(sss)" },
  { "undo-merge", undo_merge_activated, "(ss)" },
  { "open-cell", open_cell_activated },
  { "back", back_activated },
  { "read-page", read_page_activated, "s" },
};

static void
attest_window_init (AttestWindow *self)
{
  /* Features still to come exist as actions, disabled until they work (never
   * faked); open-cell is the cell pane of issue 11. */
  static const char * const pending[] = { "print", "export" };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = attest_matrix_filter_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  attest_matrix_view_set_row_menu (self->matrix_view, self->row_menu);
  g_signal_connect_object (self->matrix_view, "cursor-changed", G_CALLBACK (update_row_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "cell-activated", G_CALLBACK (cell_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "cursor-changed", G_CALLBACK (cursor_moved), self,
                           G_CONNECT_SWAPPED);

  self->cell_pane = attest_cell_pane_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->cell_pane), TRUE);
  gtk_box_append (self->pane_box, GTK_WIDGET (self->cell_pane));
  g_signal_connect_object (self->cell_pane, "cell-changed", G_CALLBACK (cell_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cell_pane, "close-requested", G_CALLBACK (close_cell_pane), self,
                           G_CONNECT_SWAPPED);
  {
    GtkBox *notes_box = attest_cell_pane_get_notes_box (self->cell_pane);
    AttestNoteEditor **editors[] = { &self->cell_notes, &self->service_notes, &self->framework_notes };

    for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
      {
        *editors[i] = attest_note_editor_new ();
        attest_note_editor_set_scrollable (*editors[i], FALSE);
        gtk_box_append (notes_box, GTK_WIDGET (*editors[i]));
      }
  }
  g_signal_connect_object (self->matrix_view, "column-activated", G_CALLBACK (column_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "select-service", G_CALLBACK (page_service_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "print", G_CALLBACK (page_print_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "framework-activated", G_CALLBACK (library_framework_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "service-activated", G_CALLBACK (library_service_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed), self, G_CONNECT_SWAPPED);
  update_row_actions (self);

  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (files_dropped), self);
    gtk_widget_add_controller (GTK_WIDGET (self->stack), GTK_EVENT_CONTROLLER (drop));
  }

  {
    g_autoptr(GSimpleAction) no_recent = g_simple_action_new ("no-recent", NULL);
    g_simple_action_set_enabled (no_recent, FALSE);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (no_recent));
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "save-copy")),
                                 FALSE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (pending[i], NULL);
      g_simple_action_set_enabled (action, FALSE);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
}
