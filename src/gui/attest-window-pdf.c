/* attest-window-pdf.c: an evidence PDF read in the window's centre
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the page view, the PDF replaces the matrix; Back (Alt+Left) returns
 * to the same cell, scrolled where it was.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-markup.h"

#include "attest-window-private.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-evidence.h"
#include "attest-toast.h"

/* "SOC 2 × Intune": a cell by its names in the window's matrix. */
static char *
name_cell (const char *scope_id,
           const char *service_id,
           gpointer    data)
{
  AttestWindow *self = data;
  AttestMatrixScope *scope;
  AttestMatrixService *service;

  if (self->matrix == NULL)
    return NULL;
  scope = attest_matrix_lookup_scope (self->matrix, scope_id, NULL);
  service = attest_matrix_lookup_service (self->matrix, service_id);
  /* Translators: a cell, "<scope> × <service>", e.g. "SOC 2 × Intune" */
  return g_strdup_printf (_("%s × %s"), scope != NULL ? scope->name : scope_id,
                          service != NULL ? service->name : service_id);
}

/**
 * attest_window_show_pdf:
 * @sha256: the evidence file's hash
 * @page: the page to show first (an index)
 *
 * Replaces the centre with the evidence PDF @sha256 (attest_window_show_pdf_at()).
 */
gboolean
attest_window_show_pdf (AttestWindow *self,
                        const char   *sha256,
                        guint         page)
{
  g_autofree char *number = g_strdup_printf ("%u", page + 1);

  return attest_window_show_pdf_at (self, sha256, number, NULL);
}

/**
 * attest_window_show_pdf_at:
 * @sha256: the evidence file's hash
 * @page: (nullable): the page to show first: a number from 1 or a label ("iii")
 * @find: (nullable): words to find and highlight, from @page on (a search
 *   result's); with no @page, the first page they are on is shown
 *
 * Replaces the matrix or the page view with the evidence PDF @sha256, read
 * in a thread (the page says what went wrong, if anything); before the
 * workspace is read, once it is. Back (Alt+Left) returns to where the
 * analyst was: the page view it was opened from, else the same cell.
 *
 * Returns: TRUE (kept for the callers that checked the file was there)
 */
gboolean
attest_window_show_pdf_at (AttestWindow *self,
                           const char   *sha256,
                           const char   *page,
                           const char   *find)
{
  const char *shown;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (self->workspace == NULL || self->matrix == NULL)
    {
      g_free (self->pending_pdf);
      g_free (self->pending_pdf_find);
      self->pending_pdf = page != NULL ? g_strdup_printf ("%s#%s", sha256, page) : g_strdup (sha256);
      self->pending_pdf_find = g_strdup (find);
      return TRUE;
    }
  shown = gtk_stack_get_visible_child_name (self->centre_stack);
  if (g_str_equal (shown, "matrix"))
    {
      attest_matrix_view_get_scroll (self->matrix_view, &self->matrix_scroll_x, &self->matrix_scroll_y);
      self->pdf_from_page = FALSE;
    }
  else if (g_str_equal (shown, "page"))
    self->pdf_from_page = TRUE;
  attest_pdf_page_load_evidence (self->pdf_page, attest_workspace_get_path (self->workspace), sha256, page, find);
  attest_pdf_page_set_marks_source (self->pdf_page, self->workspace, sha256, name_cell, self);
  /* From the page view, no crossfade: GTK 4.8 snapshots the page view
   * without an allocation part way through it. */
  gtk_stack_set_visible_child_full (self->centre_stack, "pdf",
                                    self->pdf_from_page ? GTK_STACK_TRANSITION_TYPE_NONE
                                                        : gtk_stack_get_transition_type (self->centre_stack));
  gtk_widget_set_visible (self->back_button, TRUE);
  return TRUE;
}

/* Back from a PDF opened from the page view: the page view again, where it
 * was. Returns FALSE when the matrix is where Back goes. */
gboolean
_attest_window_pdf_back (AttestWindow *self)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "pdf"))
    return FALSE;
  if (!self->pdf_from_page)
    {
      GtkStackTransitionType type = gtk_stack_get_transition_type (self->centre_stack);

      /* No crossfade either: GTK 4.8 draws the window's stack unallocated
       * when a toast (a mark added, deleted) comes or goes as it fades. */
      gtk_stack_set_transition_type (self->centre_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      _attest_window_show_matrix (self);
      gtk_stack_set_transition_type (self->centre_stack, type);
      return TRUE;
    }
  self->pdf_from_page = FALSE;
  gtk_stack_set_visible_child_full (self->centre_stack, "page", GTK_STACK_TRANSITION_TYPE_NONE);
  attest_pdf_page_clear (self->pdf_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
  return TRUE;
}

void
_attest_window_show_pending_pdf (AttestWindow *self)
{
  g_autofree char *pending = g_steal_pointer (&self->pending_pdf);
  g_autofree char *find = g_steal_pointer (&self->pending_pdf_find);
  char *hash = pending != NULL ? strchr (pending, '#') : NULL;

  if (pending == NULL)
    return;
  if (hash != NULL)
    *hash = '\0';
  attest_window_show_pdf_at (self, pending, hash != NULL ? hash + 1 : NULL, find);
}

/**
 * attest_window_get_pdf_page:
 *
 * Returns: (transfer none): the PDF page (shown or not)
 */
AttestPdfPage *
attest_window_get_pdf_page (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  return self->pdf_page;
}

static gboolean
reload_pane_idle (gpointer data)
{
  AttestCellPane *pane = data;

  g_object_steal_data (G_OBJECT (pane), "attest-marks-reload");
  attest_cell_pane_reload (pane);
  return G_SOURCE_REMOVE;
}

static void
remove_source (gpointer id)
{
  g_source_remove (GPOINTER_TO_UINT (id));
}

/* After the frame: the pane may be mapped while the window lays itself
 * out, and a pane changed then is drawn unallocated (GTK 4.8). */
static void
pane_mapped (AttestCellPane *pane)
{
  g_signal_handlers_disconnect_by_func (pane, pane_mapped, NULL);
  if (g_object_get_data (G_OBJECT (pane), "attest-marks-reload") == NULL)
    g_object_set_data_full (G_OBJECT (pane), "attest-marks-reload",
                            GUINT_TO_POINTER (g_idle_add_full (G_PRIORITY_DEFAULT, reload_pane_idle,
                                                               g_object_ref (pane), g_object_unref)),
                            remove_source);
}

/* A mark changed in the PDF view: the cell pane's items show it, read
 * again once the pane is shown. */
static void
marks_changed (AttestWindow *self)
{
  GtkWidget *pane = GTK_WIDGET (self->cell_pane);

  g_signal_handlers_disconnect_by_func (pane, pane_mapped, NULL);
  if (gtk_widget_get_mapped (pane))
    pane_mapped (self->cell_pane);
  else
    g_signal_connect (pane, "map", G_CALLBACK (pane_mapped), NULL);
}

/**
 * attest_window_show_annotation:
 * @id: an annotation in the window's workspace
 *
 * Shows the mark: its evidence PDF at its page, scrolled to it, flashing;
 * a mark on an offering page's section, that section in the page view.
 * Back returns to where the analyst was (the cell).
 *
 * Returns: whether there is such a mark
 */
gboolean
attest_window_show_annotation (AttestWindow *self,
                               gint64        id)
{
  g_autoptr(AttestAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;
  a = attest_workspace_get_annotation (self->workspace, id, &error);
  if (a == NULL)
    {
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
      return FALSE;
    }
  if (a->sha256 != NULL)
    {
      g_autofree char *page = g_strdup_printf ("%u", a->page + 1);

      attest_window_show_pdf_at (self, a->sha256, page, NULL);
      attest_pdf_marks_show_when_loaded (attest_pdf_page_get_marks (self->pdf_page), id);
      return TRUE;
    }
  if (a->section != NULL && g_str_has_prefix (a->section, "framework:"))
    {
      const char *framework = a->section + strlen ("framework:");
      const char *hash = strchr (framework, '#');
      g_autofree char *framework_id = g_strndup (framework, hash != NULL ? (gsize) (hash - framework) : strlen (framework));

      return attest_window_show_page (self, framework_id, hash != NULL ? hash + 1 : NULL, NULL, -1);
    }
  return FALSE;
}

static void
show_annotation_activated (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  attest_window_show_annotation (user_data, g_variant_get_int64 (param));
}

/* win.show-annotation (an annotation's id), and the pane kept up to date
 * with the marks made in the PDF view. */
void
_attest_window_pdf_init (AttestWindow *self)
{
  static const GActionEntry entries[] = {
    { "show-annotation", show_annotation_activated, "x" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect_object (attest_pdf_page_get_marks (self->pdf_page), "changed", G_CALLBACK (marks_changed),
                           self, G_CONNECT_SWAPPED);
}
