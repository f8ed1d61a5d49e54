/* attest-pdf-text.h: the page count and text of an evidence PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean attest_pdf_text_extract (GBytes   *bytes,
                                  guint    *page_count,
                                  char    **text,
                                  GError  **error);

G_END_DECLS
