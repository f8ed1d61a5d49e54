/* attest-page-pairs.h: side by side, the page's blocks paired by segment ids
 *
 * DESIGN.md "Parsed page": side by side is a list of block pairs aligned by
 * segment ids, so the two columns cannot drift apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-page.h"

G_BEGIN_DECLS

typedef struct {
  int translated;   /* index into page->translated_blocks, or -1 */
  int source;       /* index into page->source_blocks, or -1 */
  guint row;        /* pairs with the same row number form one aligned row */
} AttestBlockPair;

GArray *attest_page_pair_blocks (AttestPage *page);

G_END_DECLS
