/* attest-link.h: which links of a page or a note Attest may hand to the desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean attest_link_may_open (const char *uri);

G_END_DECLS
