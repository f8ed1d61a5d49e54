/* attest-rename-dialog.h: the analyst's own name for a service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_RENAME_DIALOG (attest_rename_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestRenameDialog, attest_rename_dialog, ATTEST, RENAME_DIALOG, AdwMessageDialog)

AttestRenameDialog *attest_rename_dialog_new (GtkWindow       *parent,
                                              AttestWorkspace *workspace,
                                              const char      *service_id,
                                              const char      *current_name,
                                              const char      *catalog_name);

G_END_DECLS
