/* attest-reading-mode.h: how a page is read — translated, source, or side by side
 *
 * The names are those of the GSettings key "reading-mode" and of
 * `attest --mode`: "translated", "source", "side-by-side".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ATTEST_READING_TRANSLATED,
  ATTEST_READING_SOURCE,
  ATTEST_READING_SIDE_BY_SIDE,
} AttestReadingMode;

const char *attest_reading_mode_to_string   (AttestReadingMode  mode);
gboolean    attest_reading_mode_from_string (const char        *name,
                                             AttestReadingMode *mode);

G_END_DECLS
