/* attest-link-opener.h: open a web address only after the reader has seen it and agreed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void attest_link_opener_ask (GtkWidget  *from,
                             const char *uri);

G_END_DECLS
