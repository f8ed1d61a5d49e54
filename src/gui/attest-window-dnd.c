/* attest-window-dnd.c: files dropped on the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-markup.h"
#include "attest-window-private.h"
#include "attest-toast.h"

/* Files dropped on the window: folders and Markdown files are offering pages
 * to import; other files dropped on a matrix cell are evidence for it. */
static gboolean
is_page_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_suffix (lower, ".md") ||
         g_str_has_suffix (lower, ".markdown");
}

static void
attach_dropped_evidence (AttestWindow *self,
                         const char   *scope_id,
                         const char   *service_id,
                         GSList       *files)
{
  attest_matrix_view_select_cell (self->matrix_view, scope_id, service_id);
  _attest_window_open_cell (self, scope_id, service_id);
  attest_cell_pane_attach_files (self->cell_pane, files);
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

  /* A read-only workspace takes no drop (its actions are none, see
   * _attest_window_actions_update()): a drop still under way when it opened. */
  if (self->workspace == NULL || attest_workspace_is_read_only (self->workspace))
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
    attest_toast_show (self->toast_overlay,
                                 attest_toast_new_plain (_("Drop evidence files on a matrix cell, or on the cell’s pane")));
  g_slist_free (evidence);

  if (pages->len > 0)
    {
      g_ptr_array_add (pages, NULL);
      attest_window_import_paths (self, (const char * const *)pages->pdata);
    }
  return pages->len > 0 || scope_id != NULL;
}

void
_attest_window_dnd_init (AttestWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->drop_target = drop;
  g_signal_connect (drop, "drop", G_CALLBACK (files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self->stack), GTK_EVENT_CONTROLLER (drop));
}
