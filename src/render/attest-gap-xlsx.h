/* attest-gap-xlsx.h: the gap report as a sheet of an XLSX workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-gap.h"
#include "attest-sheet-heading.h"
#include "attest-xlsx-book.h"

G_BEGIN_DECLS

guint32 attest_gap_xlsx_state_color (AttestGapState            state,
                                     gboolean                 *light_text);
void    attest_gap_xlsx_add_sheet   (AttestXlsxBook           *book,
                                     const AttestGapReport    *report,
                                     const AttestSheetHeading *heading);

G_END_DECLS
