/* attest-expiry.c: whether evidence has expired or soon will
 *
 * Dates are calendar dates (YYYY-MM-DD), compared as days: an expiry date is
 * the last day the evidence is good for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "attest-expiry.h"

static GDate *
parse_date (const char *text)
{
  unsigned y, m, d;
  char end;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

/**
 * attest_expiry_state:
 * @expires: (nullable): the evidence's expiry date, YYYY-MM-DD
 * @today: the date to judge from, YYYY-MM-DD
 *
 * Returns: %ATTEST_EXPIRY_NONE without a (valid) expiry date; EXPIRED when it
 *   lies before @today; SOON when it lies within ATTEST_EXPIRY_SOON_DAYS days
 *   of @today (both ends included); CURRENT otherwise.
 */
AttestExpiryState
attest_expiry_state (const char *expires,
                     const char *today)
{
  GDate *until = parse_date (expires);
  GDate *now = parse_date (today);
  AttestExpiryState state = ATTEST_EXPIRY_NONE;

  if (until != NULL && now != NULL)
    {
      int days = g_date_days_between (now, until);

      if (days < 0)
        state = ATTEST_EXPIRY_EXPIRED;
      else if (days <= ATTEST_EXPIRY_SOON_DAYS)
        state = ATTEST_EXPIRY_SOON;
      else
        state = ATTEST_EXPIRY_CURRENT;
    }
  if (until != NULL)
    g_date_free (until);
  if (now != NULL)
    g_date_free (now);
  return state;
}

/**
 * attest_expiry_today:
 *
 * Returns: (transfer full): today's local date, YYYY-MM-DD
 */
char *
attest_expiry_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}
