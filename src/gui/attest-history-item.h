/* attest-history-item.h: one row of the History window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-history.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_HISTORY_ITEM (attest_history_item_get_type ())

G_DECLARE_FINAL_TYPE (AttestHistoryItem, attest_history_item, ATTEST, HISTORY_ITEM, GObject)

AttestHistoryItem *attest_history_item_new                  (const AttestHistoryEntry       *entry,
                                                             const AttestHistoryDescription *description);
gint64             attest_history_item_get_id               (AttestHistoryItem *self);
const char        *attest_history_item_get_entity           (AttestHistoryItem *self);
const char        *attest_history_item_get_time             (AttestHistoryItem *self);
const char        *attest_history_item_get_reviewer         (AttestHistoryItem *self);
const char        *attest_history_item_get_what             (AttestHistoryItem *self);
const char        *attest_history_item_get_subject          (AttestHistoryItem *self);
const char        *attest_history_item_get_changes          (AttestHistoryItem *self);
const char        *attest_history_item_get_icon_name        (AttestHistoryItem *self);
char              *attest_history_item_dup_accessible_label (AttestHistoryItem *self);
gboolean           attest_history_item_matches              (AttestHistoryItem *self,
                                                             const char        *folded_words);

G_END_DECLS
