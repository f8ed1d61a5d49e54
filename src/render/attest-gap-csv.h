/* attest-gap-csv.h: the gap report as CSV (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-gap.h"

G_BEGIN_DECLS

char *attest_gap_items_text    (GPtrArray             *items,
                                gboolean               with_due);
char *attest_gap_evidence_text (GPtrArray             *evidence);
char *attest_gap_export_csv    (const AttestGapReport *report);

G_END_DECLS
