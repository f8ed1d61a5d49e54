/* attest-merge-dialog.h: choose the service another one is the same as, and merge them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_MERGE_DIALOG (attest_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestMergeDialog, attest_merge_dialog, ATTEST, MERGE_DIALOG, AdwWindow)

AttestMergeDialog *attest_merge_dialog_new (GtkWindow       *parent,
                                            AttestWorkspace *workspace,
                                            AttestMatrix    *matrix,
                                            const char      *service_id);

G_END_DECLS
