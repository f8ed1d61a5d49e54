/* attest-gap-window.h: the Gap Report, My services × required scopes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-gap.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_GAP_WINDOW (attest_gap_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestGapWindow, attest_gap_window, ATTEST, GAP_WINDOW, AdwWindow)

/* The data a report row carries, for whoever walks the rows (the tests). */
#define ATTEST_GAP_ROW_SCOPE   "attest-gap-scope"
#define ATTEST_GAP_ROW_SERVICE "attest-gap-service"
#define ATTEST_GAP_ROW_STATE   "attest-gap-state"

AttestGapWindow       *attest_gap_window_new        (GtkWindow       *parent,
                                                     AttestWorkspace *workspace);
void                   attest_gap_window_refresh    (AttestGapWindow *self);
const AttestGapReport *attest_gap_window_get_report (AttestGapWindow *self);
gboolean               attest_gap_window_is_exporting (AttestGapWindow *self);

G_END_DECLS
