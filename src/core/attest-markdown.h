/* attest-markdown.h: the block list of a note's Markdown
 *
 * Notes are drawn from the same block list as offering pages (DESIGN.md,
 * "Parsed page"), built by the same code: cmark-gfm with its table and
 * strikethrough extensions, raw HTML dropped except <br> and <sup>.  A note
 * has no front matter and no segments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-block.h"
#include "attest-page.h"

G_BEGIN_DECLS

GPtrArray *attest_markdown_parse_blocks (const char  *text,
                                         gssize       len,
                                         GError     **error);
char      *attest_markdown_to_plain_text (const char *text);

G_END_DECLS
