/* attest-report-print.h: the evidence report through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-report-sheets.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

AttestReportSheets     *attest_report_print_sheets_new (AttestWorkspace          *workspace,
                                                        AttestMatrix             *shown,
                                                        GError                  **error);
AttestReportSheets     *attest_gap_report_print_sheets_new (AttestWorkspace      *workspace,
                                                            GError              **error);
GtkPrintOperationResult attest_report_print            (GtkWindow                *parent,
                                                        AttestReportSheets       *sheets,
                                                        GtkPrintOperationAction   action,
                                                        const char               *export_filename,
                                                        GError                  **error);

G_END_DECLS
