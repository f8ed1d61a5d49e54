/* attest-search-dialog.h: search the whole workspace and go there (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"
#include "attest-workspace-locate.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SEARCH_DIALOG (attest_search_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestSearchDialog, attest_search_dialog, ATTEST, SEARCH_DIALOG, AdwWindow)

AttestSearchDialog *attest_search_dialog_new          (GtkWindow          *parent,
                                                       AttestWorkspace    *workspace);
GListModel         *attest_search_dialog_get_results  (AttestSearchDialog *self);

G_END_DECLS
