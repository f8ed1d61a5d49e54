/* attest-page-text.h: a page's block list as plain text (attest-cli show)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-page.h"

G_BEGIN_DECLS

typedef enum {
  ATTEST_PAGE_TEXT_TRANSLATED,
  ATTEST_PAGE_TEXT_SOURCE,
  ATTEST_PAGE_TEXT_BOTH,
} AttestPageTextMode;

char *attest_page_text_render (AttestPage         *page,
                               AttestPageTextMode  mode);

G_END_DECLS
