/* attest-print-preview.h: the evidence matrix's sheets before printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-matrix-sheets.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_PRINT_PREVIEW (attest_print_preview_get_type ())

G_DECLARE_FINAL_TYPE (AttestPrintPreview, attest_print_preview, ATTEST, PRINT_PREVIEW, AdwWindow)

AttestPrintPreview *attest_print_preview_new            (GtkWindow          *parent,
                                                         AttestMatrixSheets *sheets);
void                attest_print_preview_set_paper      (AttestPrintPreview *self,
                                                         gboolean            letter,
                                                         gboolean            landscape);
guint               attest_print_preview_get_n_pages    (AttestPrintPreview *self);
const char         *attest_print_preview_get_count_text (AttestPrintPreview *self);
guint               attest_print_preview_get_n_thumbnails (AttestPrintPreview *self);
void                attest_print_preview_draw_thumbnail (AttestPrintPreview *self,
                                                         cairo_t            *cr,
                                                         guint               page_nr,
                                                         int                 width,
                                                         int                 height);
GtkPrintOperationResult attest_print_preview_print      (AttestPrintPreview *self,
                                                         GtkPrintOperationAction action,
                                                         const char         *export_filename,
                                                         GError            **error);

G_END_DECLS
