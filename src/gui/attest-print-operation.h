/* attest-print-operation.h: how Attest prints, whatever it prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-sheet-frame.h"

G_BEGIN_DECLS

GtkPrintOperation       *attest_print_operation_new (const char               *job_name,
                                                     GtkPageSetup             *page_setup,
                                                     GtkPrintOperationAction   action,
                                                     const char               *export_filename,
                                                     AttestSheetPaginateFunc   paginate,
                                                     AttestSheetDrawFunc       draw,
                                                     gpointer                  sheets);
GtkPrintOperationResult  attest_print_operation_run (GtkPrintOperation        *operation,
                                                     GtkPrintOperationAction   action,
                                                     const char               *export_filename,
                                                     GtkWindow                *parent,
                                                     GError                  **error);

G_END_DECLS
