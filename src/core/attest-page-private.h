/* attest-page-private.h: the page's block builder and in-scope rules, for the core's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-page.h"

G_BEGIN_DECLS

gboolean _attest_page_build_blocks            (const char         *path,
                                               const char         *markdown,
                                               gsize               len,
                                               GPtrArray         **blocks_out,
                                               GError            **error);
gboolean _attest_page_check_table_cells      (const char         *text,
                                               gsize               len,
                                               gsize              *table_line,
                                               gsize              *table_columns);
gboolean _attest_page_section_within          (AttestPage         *self,
                                               int                 section,
                                               int                 ancestor);
gboolean _attest_page_is_in_scope_item        (AttestPage         *self,
                                               const AttestBlock  *block,
                                               int                 in_scope);
gboolean _attest_page_is_applicability_table  (const AttestBlock  *block);
char    *_attest_page_applicability_row_line  (const AttestTableRow *row);

G_END_DECLS
