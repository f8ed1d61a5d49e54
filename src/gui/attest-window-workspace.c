/* attest-window-workspace.c: the main window's workspace: open, create, seed, Save a Copy…, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-count.h"
#include "attest-application.h"
#include "attest-import-dialog.h"
#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-markup.h"
#include "attest-window-private.h"
#include "attest-toast.h"

/* How many workspaces "Open Recent" offers. */
#define MAX_RECENT 8

/* $ATTEST_REVIEWER overrides Preferences, as in attest-cli (DESIGN.md); the
 * workspace falls back to the account's name. */
void
_attest_window_apply_reviewer (AttestWindow *self)
{
  g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");
  const char *env = g_getenv ("ATTEST_REVIEWER");

  if (self->workspace != NULL)
    attest_workspace_set_reviewer (self->workspace, env != NULL && *env != '\0' ? env : reviewer);
}

void
_attest_window_show_workspace (AttestWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
  g_autofree char *state = NULL;
  AttestMatrix *matrix;

  adw_window_title_set_subtitle (self->window_title, name);
  /* What is read now is what the other connections had committed. */
  self->data_version = self->data_version_seen = attest_workspace_get_data_version (self->workspace);

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
      _attest_window_show_matrix (self);
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
      attest_status_page_set_plain_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      _attest_window_actions_update (self);
      return;
    }

  self->matrix = matrix;
  if (self->page_workspace == (gpointer) self->workspace)
    attest_page_view_set_matrix (self->page_view, matrix);
  if (matrix->frameworks->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _attest_window_actions_update (self);
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

  _attest_window_fill_frameworks_list (self);
  _attest_window_read_required (self);
  attest_library_sidebar_set_matrix (self->library_sidebar, matrix);
  _attest_window_apply_filter (self);
  gtk_stack_set_visible_child_name (self->stack, "catalog");
  /* The matrix was read again (an import, a rename): the pane reads its cell again. */
  if (adw_flap_get_reveal_flap (self->pane_flap) && attest_cell_pane_get_scope_id (self->cell_pane) != NULL)
    {
      /* Copied: setting the pane's cell frees the pane's own copies. */
      g_autofree char *scope_id = g_strdup (attest_cell_pane_get_scope_id (self->cell_pane));
      g_autofree char *service_id = g_strdup (attest_cell_pane_get_service_id (self->cell_pane));

      _attest_window_open_cell (self, scope_id, service_id);
    }
  _attest_window_apply_pending_cell (self);
}

/* Changes made by another process (attest-cli import, a second window) or
 * a worker on its own connection commit without this connection seeing
 * them: PRAGMA data_version says when one did. The matrix, the library and
 * the open pane are read again once the other writer has held still for one
 * poll (an import of many pages is read once, at its end); the cursor, the
 * filters and the pane's cell stay. */
#define DATA_VERSION_POLL_MS 1000

static gboolean
poll_data_version (gpointer user_data)
{
  AttestWindow *self = user_data;
  gint64 version;

  if (self->workspace == NULL || self->seeding != NULL)
    return G_SOURCE_CONTINUE;
  version = attest_workspace_get_data_version (self->workspace);
  if (version < 0 || version == self->data_version)
    return G_SOURCE_CONTINUE;
  if (version != self->data_version_seen)
    {
      /* Still being written: once it holds still. */
      self->data_version_seen = version;
      return G_SOURCE_CONTINUE;
    }
  g_debug ("The workspace changed elsewhere: reading it again");
  _attest_window_show_workspace (self);
  return G_SOURCE_CONTINUE;
}

void
_attest_window_watch_workspace (AttestWindow *self)
{
  if (self->data_version_source == 0)
    self->data_version_source = g_timeout_add_full (G_PRIORITY_LOW, DATA_VERSION_POLL_MS, poll_data_version,
                                                    self, NULL);
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
  GWeakRef *window = user_data;
  g_autoptr(AttestWindow) self = g_weak_ref_get (window);
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (window);
  g_free (window);
  summary = g_task_propagate_pointer (G_TASK (result), &error);
  /* Gone (disposed: no template children), or another workspace replaced this one. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->workspace == NULL)
    return;
  gtk_spinner_stop (self->loading_spinner);

  if (summary == NULL || summary->failed > 0)
    {
      g_autofree char *message = NULL;

      if (summary == NULL)
        message = g_strdup_printf (_("The bundled catalog could not be imported: %s"), error->message);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s bundled page could not be imported: %s",
                                                "%s bundled pages could not be imported: %s",
                                                summary->failed),
                                   attest_count (summary->failed), (char *)summary->failures->pdata[0]);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
  g_clear_object (&self->seeding);
  _attest_window_show_workspace (self);
}

static void
seed_workspace (AttestWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *window;

  g_cancellable_cancel (self->seeding);
  g_clear_object (&self->seeding);
  self->seeding = g_cancellable_new ();

  {
    g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
    adw_window_title_set_subtitle (self->window_title, name);
  /* What is read now is what the other connections had committed. */
  self->data_version = self->data_version_seen = attest_workspace_get_data_version (self->workspace);
  }
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->loading_spinner);

  /* A weak reference: the worker keeps neither the window nor its widgets
   * alive; the application, held, waits for it before it quits. */
  window = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window, self);
  task = g_task_new (NULL, self->seeding, seed_done, window);
  g_task_set_source_tag (task, seed_workspace);
  g_task_set_task_data (task, g_strdup (attest_workspace_get_path (self->workspace)), g_free);
  attest_application_hold_task (task);
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
      attest_status_page_set_plain_description (self->error_page, error->message);
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

/* "Open Recent": the workspaces that still exist, most recent first. */
void
_attest_window_fill_recent_menu (AttestWindow *self)
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
gboolean
_attest_window_open (AttestWindow *self,
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
  if (self->gap_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->gap_window));
  /* Nothing of the previous workspace's cell stays in the pane. */
  attest_cell_pane_cancel (self->cell_pane);
  attest_cell_pane_set_cell (self->cell_pane, NULL, NULL, NULL, NULL);
  attest_note_editor_set_target (self->cell_notes, NULL, NULL, NULL);
  attest_note_editor_set_target (self->service_notes, NULL, NULL, NULL);
  attest_note_editor_set_target (self->framework_notes, NULL, NULL, NULL);
  adw_flap_set_reveal_flap (self->pane_flap, FALSE);
  g_set_object (&self->workspace, workspace);
  _attest_window_apply_reviewer (self);
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
    _attest_window_show_workspace (self);
  _attest_window_fill_recent_menu (self);
  _attest_window_actions_update (self);
  _attest_window_notify_workspace (self);
  return TRUE;
}

/**
 * attest_window_open_workspace:
 * @path: the workspace file, created when missing
 *
 * Returns: %TRUE when @path is now the open workspace; on failure the
 *   previous workspace (if any) stays open and the reason is shown.
 */
gboolean
attest_window_open_workspace (AttestWindow *self,
                              const char   *path)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return _attest_window_open (self, path, TRUE);
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
  return _attest_window_open (self, path, FALSE);
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
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
  g_clear_object (&self->saving);
  _attest_window_actions_update (self);
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
  _attest_window_actions_update (self);
  /* The copy finishes even when the window closes first. */
  g_application_hold (g_application_get_default ());
  task = g_task_new (NULL, self->saving, save_copy_done, g_object_ref (self));
  g_task_set_source_tag (task, attest_window_save_copy);
  g_task_set_task_data (task, copy, (GDestroyNotify)save_copy_free);
  g_task_run_in_thread (task, save_copy_thread);
}

/* Import Pages… (the menu, the empty state, or folders dropped on the window) */

static void
pages_imported (AttestWindow *self,
                guint         n_imported)
{
  /* The worker wrote on its own connection: read the matrix again. */
  if (self->workspace != NULL)
    _attest_window_show_workspace (self);
}

void
_attest_window_import_dialog_started (GtkWindow          *parent,
                       AttestImportDialog *dialog)
{
  g_signal_connect_object (dialog, "imported", G_CALLBACK (pages_imported), parent, G_CONNECT_SWAPPED);
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
  _attest_window_import_dialog_started (GTK_WINDOW (self), dialog);
  return dialog;
}

