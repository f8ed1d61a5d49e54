/* attest-matrix-sheets.h: the evidence matrix on paper, for print and PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pango.h>

#include "attest-matrix.h"

G_BEGIN_DECLS

/* Paper sizes in points (portrait); swap for landscape. */
#define ATTEST_PAPER_A4_WIDTH      595.276
#define ATTEST_PAPER_A4_HEIGHT     841.890
#define ATTEST_PAPER_LETTER_WIDTH  612.0
#define ATTEST_PAPER_LETTER_HEIGHT 792.0

#define ATTEST_TYPE_MATRIX_SHEETS (attest_matrix_sheets_get_type ())

G_DECLARE_FINAL_TYPE (AttestMatrixSheets, attest_matrix_sheets, ATTEST, MATRIX_SHEETS, GObject)

AttestMatrixSheets *attest_matrix_sheets_new          (AttestMatrix       *matrix,
                                                       const char         *workspace_name,
                                                       const char         *reviewer,
                                                       const char         *date,
                                                       const char         *fingerprint);
guint               attest_matrix_sheets_paginate     (AttestMatrixSheets *self,
                                                       PangoContext       *context,
                                                       double              width,
                                                       double              height);
guint               attest_matrix_sheets_get_n_pages  (AttestMatrixSheets *self);
void                attest_matrix_sheets_draw_page    (AttestMatrixSheets *self,
                                                       cairo_t            *cr,
                                                       guint               page_nr);
gboolean            attest_matrix_sheets_export_pdf   (AttestMatrixSheets *self,
                                                       const char         *path,
                                                       double              paper_width,
                                                       double              paper_height,
                                                       GError            **error);
const char         *attest_matrix_sheets_rollup_word  (const char         *rollup);
const char         *attest_matrix_sheets_rollup_symbol (const char        *rollup);

G_END_DECLS
