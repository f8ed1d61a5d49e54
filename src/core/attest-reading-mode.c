/* attest-reading-mode.c: how a page is read — translated, source, or side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-reading-mode.h"

static const char *const names[] = {
  [ATTEST_READING_TRANSLATED] = "translated",
  [ATTEST_READING_SOURCE] = "source",
  [ATTEST_READING_SIDE_BY_SIDE] = "side-by-side",
};

const char *
attest_reading_mode_to_string (AttestReadingMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (names), names[0]);

  return names[mode];
}

/* Returns FALSE, and leaves *@mode alone, for a name that is none of the three. */
gboolean
attest_reading_mode_from_string (const char        *name,
                                 AttestReadingMode *mode)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      {
        if (mode != NULL)
          *mode = (AttestReadingMode) i;
        return TRUE;
      }
  return FALSE;
}
