/* attest-pdf-print.h: print a PDF's pages, or a range of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-pdf-document.h"

G_BEGIN_DECLS

GtkPrintOperationResult attest_pdf_print (GtkWindow               *parent,
                                          AttestPdfDocument       *document,
                                          guint                    current_page,
                                          GtkPrintOperationAction  action,
                                          const char              *export_filename,
                                          GError                 **error);

G_END_DECLS
