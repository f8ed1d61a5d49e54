/* attest-sheet-heading.c: what heads every printed or exported sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-sheet-heading.h"
#include "attest-history.h"

/**
 * attest_sheet_heading_init:
 * @self: a heading to fill (cleared with attest_sheet_heading_clear())
 * @workspace: the workspace printed
 *
 * Reads @workspace's name, reviewer and fingerprint, and today's date.
 *
 * Returns: %FALSE with @error set when the fingerprint cannot be read
 */
gboolean
attest_sheet_heading_init (AttestSheetHeading  *self,
                           AttestWorkspace     *workspace,
                           GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  *self = (AttestSheetHeading) { 0 };
  self->fingerprint = attest_workspace_get_fingerprint (workspace, error);
  if (self->fingerprint == NULL)
    return FALSE;
  self->workspace_name = g_path_get_basename (attest_workspace_get_path (workspace));
  self->reviewer = g_strdup (attest_workspace_get_named_reviewer (workspace));
  self->date = g_date_time_format (now, "%Y-%m-%d");
  return TRUE;
}

void
attest_sheet_heading_clear (AttestSheetHeading *self)
{
  g_clear_pointer (&self->workspace_name, g_free);
  g_clear_pointer (&self->reviewer, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
}
