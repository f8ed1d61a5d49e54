/* attest-matrix-xlsx.h: the matrix as an XLSX workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * attest_matrix_export_xlsx() writes the book `export matrix OUT.xlsx` and
 * the window's Export… make: the "Matrix", "Evidence" and "Gap Report"
 * (attest-gap-xlsx.h) sheets. A book
 * with more sheets (the gap report's) is put together the same way:
 * attest_xlsx_book_new(), the _add_*_sheet() functions here, its own
 * sheets through attest_xlsx_book_add_table(), attest_xlsx_book_close().
 */
#pragma once

#include <gio/gio.h>

#include "attest-gap.h"
#include "attest-matrix.h"
#include "attest-sheet-heading.h"
#include "attest-workspace.h"
#include "attest-xlsx-book.h"

G_BEGIN_DECLS

/* One row of the "Evidence" sheet: a file linked to a checklist item of a
 * cell the matrix shows, or a file the workspace holds that serves no item
 * (a link's document: @item 0, the cell's fields NULL). */
typedef struct {
  char *service;       /* the service's name */
  char *framework;     /* the framework's short name */
  char *scope;         /* the scope's name */
  guint item;          /* from 1 */
  char *item_title;
  char *name;          /* the file's original name */
  char *sha256;
  char *effective;     /* YYYY-MM-DD or NULL */
  char *expires;       /* YYYY-MM-DD or NULL */
} AttestMatrixXlsxEvidence;

void       attest_matrix_xlsx_evidence_free    (AttestMatrixXlsxEvidence *evidence);
GPtrArray *attest_matrix_xlsx_gather_evidence  (AttestWorkspace          *workspace,
                                                AttestMatrix             *matrix,
                                                GError                  **error);

guint32    attest_matrix_xlsx_rollup_color     (const char               *rollup,
                                                gboolean                 *light_text);
void       attest_matrix_xlsx_add_matrix_sheet (AttestXlsxBook           *book,
                                                AttestMatrix             *matrix,
                                                const AttestSheetHeading *heading);
guint      attest_matrix_xlsx_put_heading      (AttestXlsxBook           *book,
                                                lxw_worksheet            *sheet,
                                                guint                     row,
                                                const AttestSheetHeading *heading);
void       attest_matrix_xlsx_add_evidence_sheet (AttestXlsxBook         *book,
                                                  GPtrArray              *evidence);

gboolean   attest_matrix_export_xlsx           (AttestMatrix             *matrix,
                                                GPtrArray                *evidence,
                                                const AttestGapReport    *gap,
                                                const AttestSheetHeading *heading,
                                                const char               *path,
                                                GError                  **error);

G_END_DECLS
