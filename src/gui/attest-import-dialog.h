/* attest-import-dialog.h: Import Pages… — progress, Cancel, then what came in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-importer.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_IMPORT_DIALOG (attest_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestImportDialog, attest_import_dialog, ATTEST, IMPORT_DIALOG, AdwWindow)

/* Called when attest_import_dialog_choose() has opened the dialog for the
 * pages chosen, so the caller can connect to "imported". */
typedef void (*AttestImportDialogStarted) (GtkWindow          *parent,
                                           AttestImportDialog *dialog);

AttestImportDialog  *attest_import_dialog_new         (GtkWindow                 *parent,
                                                       AttestWorkspace           *workspace,
                                                       const char * const        *paths);
AttestImportDialog  *attest_import_dialog_new_full    (GtkWindow                 *parent,
                                                       AttestWorkspace           *workspace,
                                                       const char * const        *paths,
                                                       gboolean                   docset);
void                 attest_import_dialog_cancel      (AttestImportDialog        *self);
gboolean             attest_import_dialog_is_running  (AttestImportDialog        *self);
AttestImportSummary *attest_import_dialog_get_summary (AttestImportDialog        *self);

void                 attest_import_dialog_choose        (GtkWindow                 *parent,
                                                         AttestWorkspace           *workspace,
                                                         AttestImportDialogStarted  started);
void                 attest_import_dialog_choose_files  (GtkWindow                 *parent,
                                                         AttestWorkspace           *workspace,
                                                         AttestImportDialogStarted  started);
void                 attest_import_dialog_choose_folder (GtkWindow                 *parent,
                                                         AttestWorkspace           *workspace,
                                                         AttestImportDialogStarted  started);

G_END_DECLS
