/* attest-window-pdf.c: an evidence PDF read in the window's centre
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the page view, the PDF replaces the matrix; Back (Alt+Left) returns
 * to the same cell, scrolled where it was.
 */
#include "config.h"

#include <string.h>

#include "attest-markup.h"
#include "attest-window-private.h"
#include "attest-workspace-evidence.h"

/**
 * attest_window_show_pdf:
 * @sha256: the evidence file's hash
 * @page: the page to show first (an index)
 *
 * Replaces the matrix with the evidence PDF @sha256; before the workspace
 * is read, once it is.
 *
 * Returns: FALSE, with a toast saying why, when there is no such file
 */
gboolean
attest_window_show_pdf (AttestWindow *self,
                        const char   *sha256,
                        guint         page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (self->workspace == NULL || self->matrix == NULL)
    {
      g_free (self->pending_pdf);
      self->pending_pdf = g_strdup_printf ("%s#%u", sha256, page);
      return TRUE;
    }
  bytes = attest_workspace_get_evidence_bytes (self->workspace, sha256, &name, &error);
  if (bytes == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, attest_toast_new_plain (error->message));
      return FALSE;
    }
  if (g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "matrix"))
    attest_matrix_view_get_scroll (self->matrix_view, &self->matrix_scroll_x, &self->matrix_scroll_y);
  attest_pdf_page_load (self->pdf_page, bytes, name, page);
  gtk_stack_set_visible_child_name (self->centre_stack, "pdf");
  gtk_widget_set_visible (self->back_button, TRUE);
  return TRUE;
}

void
_attest_window_show_pending_pdf (AttestWindow *self)
{
  g_autofree char *pending = g_steal_pointer (&self->pending_pdf);
  char *hash = pending != NULL ? strchr (pending, '#') : NULL;
  guint64 page = 0;

  if (hash == NULL)
    return;
  *hash = '\0';
  g_ascii_string_to_unsigned (hash + 1, 10, 0, G_MAXUINT, &page, NULL);
  attest_window_show_pdf (self, pending, (guint) page);
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
