/* attest-page-print.h: print an offering page, or export it to PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-page.h"
#include "attest-reading-mode.h"

G_BEGIN_DECLS

GtkPrintOperationResult attest_page_print (GtkWindow                *parent,
                                           AttestPage               *page,
                                           AttestReadingMode         mode,
                                           const char               *title,
                                           const char               *footer,
                                           GtkPrintOperationAction   action,
                                           const char               *export_filename,
                                           GError                  **error);

G_END_DECLS
