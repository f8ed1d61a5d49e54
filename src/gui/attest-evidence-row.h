/* attest-evidence-row.h: one evidence file linked to a checklist item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-workspace-evidence.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_EVIDENCE_ROW (attest_evidence_row_get_type ())

G_DECLARE_FINAL_TYPE (AttestEvidenceRow, attest_evidence_row, ATTEST, EVIDENCE_ROW, GtkListBoxRow)

GtkWidget         *attest_evidence_row_new              (gint64                item_id,
                                                         const AttestEvidence *evidence,
                                                         const char           *today);
const char        *attest_evidence_row_get_sha256       (AttestEvidenceRow    *self);
const char        *attest_evidence_row_get_name         (AttestEvidenceRow    *self);
AttestExpiryState  attest_evidence_row_get_expiry_state (AttestEvidenceRow    *self);
char              *attest_evidence_row_describe         (const AttestEvidence *evidence);

G_END_DECLS
