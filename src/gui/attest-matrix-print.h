/* attest-matrix-print.h: print the evidence matrix, or export it through the print operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-matrix.h"
#include "attest-matrix-filter.h"
#include "attest-matrix-sheets.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

AttestMatrixSheets      *attest_matrix_print_sheets_new (AttestWorkspace           *workspace,
                                                         const AttestMatrix        *matrix,
                                                         const AttestMatrixFilter  *filter,
                                                         GError                   **error);
GtkPrintOperationResult  attest_matrix_print            (GtkWindow                 *parent,
                                                         AttestMatrixSheets        *sheets,
                                                         GtkPageSetup              *page_setup,
                                                         GtkPrintOperationAction    action,
                                                         const char                *export_filename,
                                                         GError                   **error);

G_END_DECLS
