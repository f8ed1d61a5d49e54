/* attest-count.h: counts as people read them, grouped as their locale groups digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *attest_count_format         (guint64     n);
const char *attest_count                (guint64     n);
char       *attest_count_format_grouped (guint64     n,
                                         const char *thousands_sep,
                                         const char *grouping);

G_END_DECLS
