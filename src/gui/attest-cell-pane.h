/* attest-cell-pane.h: the selected matrix cell — source quote, checklist, evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CELL_PANE (attest_cell_pane_get_type ())

G_DECLARE_FINAL_TYPE (AttestCellPane, attest_cell_pane, ATTEST, CELL_PANE, GtkWidget)

AttestCellPane *attest_cell_pane_new            (void);
void            attest_cell_pane_set_cell       (AttestCellPane  *self,
                                                 AttestWorkspace *workspace,
                                                 AttestMatrix    *matrix,
                                                 const char      *scope_id,
                                                 const char      *service_id);
const char     *attest_cell_pane_get_scope_id   (AttestCellPane  *self);
const char     *attest_cell_pane_get_service_id (AttestCellPane  *self);
void            attest_cell_pane_attach_files   (AttestCellPane  *self,
                                                 GSList          *files);
void            attest_cell_pane_cancel         (AttestCellPane  *self);
GtkBox         *attest_cell_pane_get_notes_box  (AttestCellPane  *self);
void            attest_cell_pane_reload         (AttestCellPane  *self);

G_END_DECLS
