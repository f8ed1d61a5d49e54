/* attest-workspace-expiry.c: the matrix cells' evidence expiry, from the workspace
 *
 * A cell shows the worst state of the evidence linked to its checklist items:
 * expired, else expiring within ATTEST_EXPIRY_SOON_DAYS days, else current.
 * Only the earliest expiry date of each cell decides that. A row that merged
 * services (the analyst's merges) counts the evidence of all of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "attest-workspace-expiry.h"
#include "attest-workspace-private.h"

/* The dated evidence linked to checklist items, with the matrix row each
 * item's service shows in (the analyst's merges), for the whole matrix and
 * for one cell alike. */
#define ROW_SERVICE "coalesce (r.root_id, ci.service_id)"
#define DATED_EVIDENCE                                                     \
  "  FROM checklist_item ci"                                               \
  "  JOIN item_evidence ie ON ie.item_id = ci.id"                          \
  "  JOIN evidence e ON e.sha256 = ie.sha256"                              \
  "  LEFT JOIN service_root r ON r.service_id = ci.service_id"             \
  " WHERE e.expires IS NOT NULL AND e.expires != ''"

/**
 * _attest_workspace_fill_evidence_expiry:
 * @today: (nullable): YYYY-MM-DD; %NULL for today's local date
 *
 * Sets each cell's evidence_expiry (called while the matrix is read, inside
 * its read transaction).
 */
gboolean
_attest_workspace_fill_evidence_expiry (AttestWorkspace  *self,
                                        AttestMatrix     *matrix,
                                        const char       *today,
                                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = today != NULL ? g_strdup (today) : attest_expiry_today ();
  int rc;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT ci.scope_id, " ROW_SERVICE ", min (e.expires)"
                                    DATED_EVIDENCE
                                    " GROUP BY 1, 2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix,
                                                          _attest_column_text (stmt, 0),
                                                          _attest_column_text (stmt, 1));
      if (cell != NULL)
        cell->evidence_expiry = attest_expiry_state (_attest_column_text (stmt, 2), now);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  return TRUE;
}

/**
 * attest_workspace_cell_evidence_expiry:
 * @service_id: the matrix row's service (merged services count with it)
 * @today: (nullable): YYYY-MM-DD; %NULL for today's local date
 * @state: (out): the cell's evidence expiry, as the matrix shows it
 *
 * One cell's evidence expiry, after an attach or a date change, without
 * reading the whole matrix again.
 */
gboolean
attest_workspace_cell_evidence_expiry (AttestWorkspace    *self,
                                       const char         *scope_id,
                                       const char         *service_id,
                                       const char         *today,
                                       AttestExpiryState  *state,
                                       GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = today != NULL ? g_strdup (today) : attest_expiry_today ();
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (scope_id != NULL && service_id != NULL && state != NULL, FALSE);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT min (e.expires)"
                                    DATED_EVIDENCE
                                    "   AND ci.scope_id = ?1 AND " ROW_SERVICE " = ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  *state = attest_expiry_state (_attest_column_text (stmt, 0), now);
  return TRUE;
}
