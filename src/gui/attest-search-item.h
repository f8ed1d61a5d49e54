/* attest-search-item.h: one result of the search dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-search.h"
#include "attest-workspace-names.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SEARCH_ITEM (attest_search_item_get_type ())

G_DECLARE_FINAL_TYPE (AttestSearchItem, attest_search_item, ATTEST, SEARCH_ITEM, GObject)

AttestSearchItem *attest_search_item_new                  (const AttestSearchResult *result,
                                                           AttestWorkspaceNames     *names);
const char       *attest_search_item_get_kind             (AttestSearchItem *self);
const char       *attest_search_item_get_ref              (AttestSearchItem *self);
const char       *attest_search_item_get_kind_label       (AttestSearchItem *self);
const char       *attest_search_item_get_icon_name        (AttestSearchItem *self);
const char       *attest_search_item_get_title            (AttestSearchItem *self);
const char       *attest_search_item_get_detail           (AttestSearchItem *self);
const char       *attest_search_item_get_snippet          (AttestSearchItem *self);
const char       *attest_search_item_get_snippet_markup   (AttestSearchItem *self);
char             *attest_search_item_dup_accessible_label (AttestSearchItem *self);

char             *attest_search_snippet_to_markup         (const char       *snippet,
                                                           char            **plain);

G_END_DECLS
