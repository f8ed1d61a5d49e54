/* attest-workspace-checklist-private.h: for the store's own files only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace-checklist.h"

G_BEGIN_DECLS

AttestChecklistItem *_attest_workspace_read_item (AttestWorkspace  *self,
                                                  gint64            item_id,
                                                  GError          **error);
gint64               _attest_workspace_store_item (AttestWorkspace  *self,
                                                   gint64            item_id,
                                                   gboolean         *created,
                                                   GError          **error);
char                *_attest_checklist_item_ref  (const AttestChecklistItem *item);
gboolean             _attest_workspace_items_unindexed (AttestWorkspace *self);
gboolean             _attest_workspace_index_items (AttestWorkspace  *self,
                                                    GError          **error);
const char * const  *_attest_checklist_titles    (void);

G_END_DECLS
