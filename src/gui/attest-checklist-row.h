/* attest-checklist-row.h: one checklist item of a cell, editable inline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"

#include "attest-workspace-checklist.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CHECKLIST_ROW (attest_checklist_row_get_type ())

G_DECLARE_FINAL_TYPE (AttestChecklistRow, attest_checklist_row, ATTEST, CHECKLIST_ROW, AdwExpanderRow)

GtkWidget  *attest_checklist_row_new             (void);
void        attest_checklist_row_update          (AttestChecklistRow        *self,
                                                  const AttestChecklistItem *item,
                                                  GPtrArray                 *evidence,
                                                  const char                *today);
void        attest_checklist_row_commit          (AttestChecklistRow        *self);
gint64      attest_checklist_row_get_item_id     (AttestChecklistRow        *self);
void        attest_checklist_row_set_workspace   (AttestChecklistRow        *self,
                                                  AttestWorkspace           *workspace);
gboolean    attest_checklist_row_get_overdue     (AttestChecklistRow        *self);
GtkWidget  *attest_checklist_row_get_anchor      (AttestChecklistRow        *self);
guint       attest_checklist_row_get_n_evidence  (AttestChecklistRow        *self);
GPtrArray  *attest_checklist_row_get_mark_rows   (AttestChecklistRow        *self);
void        attest_checklist_row_set_drop_target (AttestChecklistRow        *self,
                                                  gboolean                   highlight);
const char *attest_checklist_status_label        (const char                *status);

G_END_DECLS
