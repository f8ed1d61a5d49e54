/* attest-window-required.c: the scopes the organisation requires, and the Gap Report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Required by My Organisation" is ticked in a scope header's menu of the
 * matrix, the matrix's row menu (for the cursor's column) and a framework's
 * menu in the library; each tick is one user edit (one transaction and one
 * history row, attest_workspace_set_required_scope()), as "My services" is.
 * The Gap Report (Ctrl+R) sets My services against them; its rows open
 * their cell's pane here.
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-markup.h"
#include "attest-window-private.h"
#include "attest-workspace-required.h"
#include "attest-toast.h"

/**
 * _attest_window_read_required:
 *
 * Reads the required scopes again and hands them to the matrix, the
 * library and the actions.
 */
void
_attest_window_read_required (AttestWindow *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->required_scopes, g_hash_table_unref);
  self->required_scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->workspace != NULL)
    ids = attest_workspace_list_required_scopes (self->workspace, &error);
  if (error != NULL)
    g_warning ("The required scopes could not be read: %s", error->message);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (self->required_scopes, g_strdup (ids->pdata[i]));
  attest_matrix_view_set_required_scopes (self->matrix_view, self->required_scopes);
  attest_library_sidebar_set_required_scopes (self->library_sidebar, self->required_scopes);
  _attest_window_required_update (self);
}

/**
 * _attest_window_required_update:
 *
 * win.require-scope: enabled on a writable workspace with a cursor column,
 * ticked when that column's scope is required.
 */
void
_attest_window_required_update (AttestWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "require-scope");
  const char *scope_id = attest_matrix_view_get_cursor_scope (self->matrix_view);
  gboolean writable = self->workspace != NULL && !attest_workspace_is_read_only (self->workspace);
  gboolean required = scope_id != NULL && self->required_scopes != NULL &&
                      g_hash_table_contains (self->required_scopes, scope_id);

  if (action == NULL)
    return;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable && scope_id != NULL);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (required));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-gap-report");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->workspace != NULL);
}

static void
set_required (AttestWindow *self,
              const char   *scope_id,
              gboolean      required)
{
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL || scope_id == NULL)
    return;
  if (!attest_workspace_set_required_scope (self->workspace, scope_id, required, NULL, &error))
    {
      /* Translators: %s is the reason, e.g. "the workspace is read-only" */
      g_autofree char *message = g_strdup_printf (_("The required scopes could not be changed: %s"),
                                                  error->message);

      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
  /* Read back what the workspace holds, changed or not. */
  _attest_window_read_required (self);
  if (self->gap_window != NULL)
    attest_gap_window_refresh (self->gap_window);
}

static void
require_scope_changed (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  AttestWindow *self = user_data;
  g_autofree char *scope_id = g_strdup (attest_matrix_view_get_cursor_scope (self->matrix_view));

  set_required (self, scope_id, g_variant_get_boolean (state));
}

static void
library_scope_required_changed (AttestWindow *self,
                                const char   *scope_id,
                                gboolean      required)
{
  set_required (self, scope_id, required);
}

static void
gap_cell_activated (AttestWindow *self,
                    const char   *scope_id,
                    const char   *service_id)
{
  gtk_window_present (GTK_WINDOW (self));
  attest_window_show_cell (self, scope_id, service_id);
}

static void
show_gap_report_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (self->workspace == NULL)
    return;
  if (self->gap_window == NULL)
    {
      self->gap_window = attest_gap_window_new (GTK_WINDOW (self), self->workspace);
      g_object_add_weak_pointer (G_OBJECT (self->gap_window), (gpointer *)&self->gap_window);
      g_signal_connect_object (self->gap_window, "cell-activated", G_CALLBACK (gap_cell_activated), self,
                               G_CONNECT_SWAPPED);
    }
  else
    attest_gap_window_refresh (self->gap_window);
  gtk_window_present (GTK_WINDOW (self->gap_window));
}

static const GActionEntry required_actions[] = {
  { "require-scope", NULL, NULL, "false", require_scope_changed },
  { "show-gap-report", show_gap_report_activated },
};

void
_attest_window_required_init (AttestWindow *self)
{
  g_autoptr(GMenu) column_menu = g_menu_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), required_actions, G_N_ELEMENTS (required_actions), self);
  g_menu_append (column_menu, _("_Required by My Organisation"), "win.require-scope");
  g_menu_append (column_menu, _("Open the _Gap Report"), "win.show-gap-report");
  attest_matrix_view_set_column_menu (self->matrix_view, G_MENU_MODEL (column_menu));
  g_signal_connect_object (self->library_sidebar, "scope-required-changed",
                           G_CALLBACK (library_scope_required_changed), self, G_CONNECT_SWAPPED);
}
