/* attest-languages.h: the languages offering pages come in, named for people (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char         *attest_languages_name    (const char *locale);
const char * const *attest_languages_locales (void);

G_END_DECLS
