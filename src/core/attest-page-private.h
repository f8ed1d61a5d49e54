/* attest-page-private.h: the page's block builder, for the core's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _attest_page_build_blocks (const char  *path,
                                    const char  *markdown,
                                    gsize        len,
                                    GPtrArray  **blocks_out,
                                    GError     **error);

G_END_DECLS
