/* attest-history-window.h: every change to the workspace, and Verify Workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_HISTORY_WINDOW (attest_history_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestHistoryWindow, attest_history_window, ATTEST, HISTORY_WINDOW, AdwWindow)

AttestHistoryWindow *attest_history_window_new    (GtkWindow           *parent,
                                                   AttestWorkspace     *workspace);
void                 attest_history_window_reload (AttestHistoryWindow *self);
gboolean             attest_history_window_get_loading (AttestHistoryWindow *self);
void                 attest_history_window_verify (AttestHistoryWindow *self);

G_END_DECLS
