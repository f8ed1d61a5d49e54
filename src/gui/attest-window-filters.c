/* attest-window-filters.c: the main window's filter controls above the matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-count.h"
#include "attest-window-private.h"

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
    /* Translators: services shown by the filters, of all: "3 of 24 services"; the form follows the 24 */
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

/* Shows the matrix through the filters, and keeps the filters' controls in step. */
void
_attest_window_apply_filter (AttestWindow *self)
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
  /* None pressed: nothing ticked, until the analyst ticks one. */
  if (self->filter->frameworks->len > 0)
    self->frameworks_none = FALSE;
  gtk_widget_set_visible (self->frameworks_none_label, self->frameworks_none);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->frameworks_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check;
      const char *id;
      gboolean all = self->filter->frameworks->len == 0;

      check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      id = g_object_get_data (G_OBJECT (check), "framework-id");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !self->frameworks_none && (all || attest_matrix_filter_has_framework (self->filter, id)));
    }
  update_frameworks_label (self);
  self->restoring_filter = FALSE;

  /* The filters changed, and the view may have moved or dropped its cursor with the new rows. */
  _attest_window_actions_update (self);
}

/* A filter the analyst changed: shown, and kept with the workspace. */
void
_attest_window_filter_changed (AttestWindow *self)
{
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;

  if (self->restoring_filter || self->workspace == NULL)
    return;
  _attest_window_apply_filter (self);
  state = attest_matrix_filter_to_string (self->filter);
  /* View state: a read-only workspace still filters, and is not asked to keep it. */
  if (attest_workspace_is_read_only (self->workspace))
    return;
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
  /* After None, the first box ticked is the one framework shown. */
  if (self->frameworks_none)
    {
      if (!gtk_check_button_get_active (check))
        return;
      self->frameworks_none = FALSE;
      g_ptr_array_set_size (self->filter->frameworks, 0);
      attest_matrix_filter_set_framework (self->filter, id, TRUE);
      if (self->filter->frameworks->len == self->matrix->frameworks->len)
        g_ptr_array_set_size (self->filter->frameworks, 0);
      _attest_window_filter_changed (self);
      return;
    }
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
  _attest_window_filter_changed (self);
}

/* The popover's search: the frameworks whose name or title holds the text. */
static gboolean
framework_row_matches (GtkListBoxRow *row,
                       gpointer       user_data)
{
  AttestWindow *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->frameworks_search));
  GtkWidget *check = gtk_list_box_row_get_child (row);
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  const char *tooltip;

  needle = g_utf8_casefold (text != NULL ? text : "", -1);
  if (*g_strstrip (needle) == '\0')
    return TRUE;
  name = g_utf8_casefold (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), -1);
  tooltip = gtk_widget_get_tooltip_text (check);
  title = g_utf8_casefold (tooltip != NULL ? tooltip : "", -1);
  return strstr (name, needle) != NULL || strstr (title, needle) != NULL;
}

void
_attest_window_frameworks_search_changed (AttestWindow *self)
{
  gboolean any = FALSE;

  gtk_list_box_invalidate_filter (self->frameworks_list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->frameworks_list));
       row != NULL && !any; row = gtk_widget_get_next_sibling (row))
    any = framework_row_matches (GTK_LIST_BOX_ROW (row), self);
  gtk_widget_set_visible (self->frameworks_no_match, !any);
}

/* None: every box unticked at once, so that showing one framework of many
 * is one tick. Until a box is ticked, every framework stays shown (an empty
 * choice shows all), and the popover says so. */
void
_attest_window_untick_frameworks (AttestWindow *self)
{
  if (self->matrix == NULL)
    return;
  self->frameworks_none = TRUE;
  if (self->filter->frameworks->len > 0)
    {
      g_ptr_array_set_size (self->filter->frameworks, 0);
      _attest_window_filter_changed (self);
    }
  else
    _attest_window_apply_filter (self);
}

void
_attest_window_fill_frameworks_list (AttestWindow *self)
{
  GtkWidget *child;

  gtk_list_box_set_filter_func (self->frameworks_list, framework_row_matches, self, NULL);
  self->frameworks_none = FALSE;
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
  _attest_window_frameworks_search_changed (self);
}

void
_attest_window_search_changed (AttestWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->restoring_filter || self->filter == NULL || g_strcmp0 (text, self->filter->text) == 0)
    return;
  g_free (self->filter->text);
  self->filter->text = g_strdup (text);
  _attest_window_filter_changed (self);
}

/* Escape in the search entry: clear it and go back to the grid. */
void
_attest_window_search_stopped (AttestWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

/* Clear Filters: every row and column shown again. */
void
_attest_window_clear_filters (AttestWindow *self)
{
  g_clear_pointer (&self->filter, attest_matrix_filter_free);
  self->filter = attest_matrix_filter_new ();
  self->frameworks_none = FALSE;
  _attest_window_filter_changed (self);
}
