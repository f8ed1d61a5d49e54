/* attest-matrix-print.h: the evidence matrix through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-export-job.h"
#include "attest-matrix-sheets.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

AttestMatrixSheets     *attest_matrix_print_sheets_new  (AttestWorkspace          *workspace,
                                                         AttestMatrix             *shown,
                                                         GError                  **error);
GtkPageSetup           *attest_matrix_print_page_setup  (gboolean                  letter,
                                                         gboolean                  landscape);
void                    attest_matrix_print_paper_size  (gboolean                  letter,
                                                         gboolean                  landscape,
                                                         double                   *width,
                                                         double                   *height);
GtkPrintOperationResult attest_matrix_print             (GtkWindow                *parent,
                                                         AttestMatrixSheets       *sheets,
                                                         gboolean                  letter,
                                                         gboolean                  landscape,
                                                         GtkPrintOperationAction   action,
                                                         const char               *export_filename,
                                                         GError                  **error);

gboolean                attest_matrix_export_format_known (const char           *path);
void                    attest_matrix_export_async      (AttestWorkspace          *workspace,
                                                         AttestMatrix             *shown,
                                                         const char               *path,
                                                         gboolean                  letter,
                                                         gboolean                  landscape,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
void                    attest_matrix_export_full_async (AttestWorkspace        *workspace,
                                                         AttestMatrix             *shown,
                                                         const char               *path,
                                                         gboolean                  letter,
                                                         gboolean                  landscape,
                                                         AttestExportProgress     *progress,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
gboolean                attest_matrix_export_finish     (GAsyncResult             *result,
                                                         GError                  **error);

G_END_DECLS
