/* attest-workspace-expiry.h: the matrix cells' evidence expiry, from the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

gboolean _attest_workspace_fill_evidence_expiry (AttestWorkspace  *self,
                                                 AttestMatrix     *matrix,
                                                 const char       *today,
                                                 GError          **error);

gboolean attest_workspace_cell_evidence_expiry  (AttestWorkspace    *self,
                                                 const char         *scope_id,
                                                 const char         *service_id,
                                                 const char         *today,
                                                 AttestExpiryState  *state,
                                                 GError            **error);

G_END_DECLS
