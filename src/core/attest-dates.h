/* attest-dates.h: dates as people read them, and the date of a page version (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-front-matter.h"

G_BEGIN_DECLS

char      *attest_dates_format        (const char *iso);
char      *attest_dates_parse_day     (const char *text);
GDateTime *attest_dates_parse         (const char *iso);
char      *attest_dates_from_title    (const char *title);
const char *attest_dates_page_date_source (const AttestFrontMatter *front_matter,
                                           const char              *page_date);

G_END_DECLS
