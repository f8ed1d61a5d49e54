/* attest-window-actions.c: the main window's actions, and the one rule for which are enabled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-import-dialog.h"
#include "attest-matrix-print.h"
#include "attest-merge-dialog.h"
#include "attest-paths.h"
#include "attest-print-preview.h"
#include "attest-rename-dialog.h"
#include "attest-search-dialog.h"
#include "attest-markup.h"
#include "attest-window-private.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-services.h"
#include "attest-toast.h"

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

      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
      _attest_window_fill_recent_menu (self);
      return;
    }
  _attest_window_open (self, path, FALSE);
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
  _attest_window_filter_changed (self);
}

static void
clear_filters_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  _attest_window_clear_filters (user_data);
}

static void
show_all_frameworks_activated (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  AttestWindow *self = user_data;

  g_ptr_array_set_size (self->filter->frameworks, 0);
  self->frameworks_none = FALSE;
  _attest_window_filter_changed (self);
}

static void
untick_frameworks_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  _attest_window_untick_frameworks (user_data);
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
  if (_attest_window_page_shown (self))
    gtk_widget_activate_action (GTK_WIDGET (self->page_view), "page.find", NULL);
  else if (g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "pdf"))
    gtk_widget_activate_action (GTK_WIDGET (self->pdf_page), "pdf.find", NULL);
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
set_enabled (AttestWindow *self,
             const char   *name,
             gboolean      enabled)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), name)), enabled);
}

/**
 * _attest_window_actions_update:
 *
 * Every action's enabled state, in one place: called whenever the workspace,
 * its matrix, the filters, the matrix's cursor or a running copy changes.
 * The actions not named here are always enabled (their handlers check).
 */
void
_attest_window_actions_update (AttestWindow *self)
{
  AttestMatrixService *service = cursor_service (self);
  gboolean has_cursor = attest_matrix_view_get_cursor_scope (self->matrix_view) != NULL &&
                        attest_matrix_view_get_cursor_service (self->matrix_view) != NULL;
  /* A workspace this account cannot write (another's file, read-only media)
   * is read: every change is disabled, and the banner says Save a Copy. */
  gboolean read_only = self->workspace != NULL && attest_workspace_is_read_only (self->workspace);
  gboolean has_matrix;

  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
  if (self->drop_target != NULL)
    gtk_drop_target_set_actions (self->drop_target, read_only ? 0 : GDK_ACTION_COPY);
  set_enabled (self, "import-pages", !read_only);
  set_enabled (self, "undo-rename", !read_only);
  set_enabled (self, "undo-merge", !read_only);

  /* One copy at a time, of an open workspace. */
  set_enabled (self, "save-copy", self->workspace != NULL && self->saving == NULL);
  set_enabled (self, "show-history", self->workspace != NULL);
  set_enabled (self, "verify-workspace", self->workspace != NULL);
  /* The library lists the frameworks: none, nothing to show. */
  set_enabled (self, "show-library", self->matrix != NULL && self->matrix->frameworks->len > 0);
  set_enabled (self, "clear-filters", self->filter != NULL && attest_matrix_filter_is_active (self->filter));
  set_enabled (self, "show-all-frameworks", self->frameworks_none ||
                                            (self->filter != NULL && self->filter->frameworks->len > 0));
  set_enabled (self, "untick-frameworks", self->matrix != NULL && !self->frameworks_none);
  /* The row menu acts on the service under the cursor. */
  set_enabled (self, "add-my-service", !read_only && service != NULL && !service->mine);
  set_enabled (self, "remove-my-service", !read_only && service != NULL && service->mine);
  set_enabled (self, "rename-service", !read_only && service != NULL);
  set_enabled (self, "merge-service", !read_only && service != NULL && self->matrix->services->len > 1);
  /* The pane does not follow the cursor: opening a cell makes its checklist
   * (a history row), which arrowing across the matrix must not do. Enter or
   * a double click opens the cell under the cursor. */
  set_enabled (self, "open-cell", has_cursor);
  /* A placeholder item, and features still to come: disabled until they
   * work (never faked). */
  set_enabled (self, "no-recent", FALSE);
  /* Print… and Export…: the matrix as filtered, once there is one (the page
   * and PDF views print their own); one export at a time. */
  has_matrix = self->workspace != NULL && self->matrix != NULL
               && self->matrix->frameworks->len > 0 && self->matrix->services->len > 0;
  set_enabled (self, "print", has_matrix);
  _attest_window_export_update (self, has_matrix);
  _attest_window_required_update (self);
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
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
      return;
    }
  service->mine = mine;
  id = g_strdup (service->id);
  attest_library_sidebar_set_matrix (self->library_sidebar, self->matrix);
  _attest_window_apply_filter (self);
  /* The cursor stays on the row when the filters still show it. */
  attest_matrix_view_select_service (self->matrix_view, id);
  _attest_window_actions_update (self);
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

  _attest_window_show_workspace (self);
  /* Translators: a toast after a rename: "Renamed “Stream” to “Microsoft Stream”" */
  title = g_strdup_printf (_("Renamed “%s” to “%s”"), old_name, new_name);
  toast = attest_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-rename");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sss)", attest_workspace_get_path (self->workspace),
                                                           service_id, old_name));
  attest_toast_show (self->toast_overlay, toast);
}

static void
services_merged (AttestWindow *self,
                 const char   *survivor_id,
                 const char   *absorbed_id)
{
  AttestMatrixService *survivor;
  AdwToast *toast;
  g_autofree char *title = NULL;

  _attest_window_show_workspace (self);
  survivor = self->matrix != NULL ? attest_matrix_lookup_service (self->matrix, survivor_id) : NULL;
  /* Translators: a toast after two services were merged into one row */
  title = g_strdup_printf (_("Services merged into “%s”"), survivor != NULL ? survivor->name : survivor_id);
  toast = attest_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-merge");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", attest_workspace_get_path (self->workspace),
                                                           absorbed_id));
  attest_toast_show (self->toast_overlay, toast);
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
  attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
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
  _attest_window_show_workspace (self);
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
  _attest_window_show_workspace (self);
}

static void
import_pages_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (self->workspace != NULL)
    attest_import_dialog_choose (GTK_WINDOW (self), self->workspace, _attest_window_import_dialog_started);
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
  _attest_window_open_cell (self, scope_id, service_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->cell_pane));
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

/* Verify Workspace (Ctrl+Shift+V): History, with the check started. */
static void
verify_workspace_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (self->workspace == NULL)
    return;
  show_history_activated (NULL, NULL, self);
  attest_history_window_verify (self->history_window);
}

static void
search_location_activated (AttestWindow   *self,
                           AttestLocation *location)
{
  attest_window_show_location (self, location);
}

/* A search result in an evidence PDF's text: the PDF, its words found. */
static void
search_pdf_activated (AttestWindow *self,
                      const char   *sha256,
                      const char   *words)
{
  attest_window_show_pdf_at (self, sha256, NULL, words);
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
  g_signal_connect_object (dialog, "pdf-activated", G_CALLBACK (search_pdf_activated), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The page view: Back (Alt+Left), and a framework's page by its id. */

static void
back_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  if (!_attest_window_pdf_back (user_data))
    _attest_window_show_matrix (user_data);
}

static void
read_page_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  AttestWindow *self = user_data;
  const char *framework_id = g_variant_get_string (param, NULL);

  const char *slash = strchr (framework_id, '/');

  if (*framework_id == '\0')
    return;
  /* A cell's page: "FRAMEWORK/SCOPE", the newest page that defines that scope. */
  if (slash != NULL)
    {
      g_autofree char *framework = g_strndup (framework_id, slash - framework_id);
      attest_window_show_page_version (self, framework, framework_id, 0);
      return;
    }
  attest_window_show_page (self, framework_id, NULL, NULL, -1);
}

/* An evidence PDF, by its hash: read in the centre. */
static void
read_pdf_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  const char *sha256 = g_variant_get_string (param, NULL);

  if (attest_evidence_sha256_is_valid (sha256))
    attest_window_show_pdf (user_data, sha256, 0);
}

/* Print…: the preview of the matrix as the filters show it; in the page
 * view, the page's own printing. */
static void
print_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  AttestWindow *self = user_data;
  g_autoptr(AttestMatrixSheets) sheets = NULL;
  g_autoptr(GError) error = NULL;
  const char *centre;

  if (self->workspace == NULL || self->matrix == NULL)
    return;
  centre = gtk_stack_get_visible_child_name (self->centre_stack);
  if (g_strcmp0 (centre, "page") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->page_view), "page.print", NULL);
      return;
    }
  if (g_strcmp0 (centre, "matrix") != 0)
    return;
  sheets = attest_matrix_print_sheets_new (self->workspace, attest_matrix_filter_apply (self->filter, self->matrix),
                                           &error);
  if (sheets == NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("The matrix cannot be printed: %s"), error->message);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
      return;
    }
  gtk_window_present (GTK_WINDOW (attest_print_preview_new (GTK_WINDOW (self), sheets)));
}

static const GActionEntry win_actions[] = {
  { "filter-mine", NULL, NULL, "false", filter_toggle_changed },
  { "filter-exceptions", NULL, NULL, "false", filter_toggle_changed },
  { "filter-expiring", NULL, NULL, "false", filter_toggle_changed },
  { "clear-filters", clear_filters_activated },
  { "show-all-frameworks", show_all_frameworks_activated },
  { "untick-frameworks", untick_frameworks_activated },
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
  { "verify-workspace", verify_workspace_activated },
  { "search", search_activated },
  { "rename-service", rename_service_activated },
  { "merge-service", merge_service_activated },
  { "undo-rename", undo_rename_activated, "(sss)" },
  { "undo-merge", undo_merge_activated, "(ss)" },
  { "open-cell", open_cell_activated },
  { "back", back_activated },
  { "read-page", read_page_activated, "s" },
  { "read-pdf", read_pdf_activated, "s" },
  { "no-recent", NULL },
  { "print", print_activated },
};

void
_attest_window_actions_init (AttestWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  _attest_window_export_init (self);
  _attest_window_required_init (self);
  /* Ctrl+P bubbles here when no view inside (the page, the PDF) printed. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.print")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect_object (self->matrix_view, "cursor-changed", G_CALLBACK (_attest_window_actions_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed), self, G_CONNECT_SWAPPED);
  _attest_window_actions_update (self);
}

