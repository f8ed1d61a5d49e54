/* attest-dates.c: dates as people read them (no GTK)
 *
 * Stored dates are ISO 8601: a day ("2023-03-12", a page's ms.lasthandoff or
 * a date the analyst set) or a UTC time with fractions ("2026-12-04T04:12:
 * 33.160552Z", when a page was imported). People read "12 March 2023" in
 * their language: the day, the month's name and the year, in the order the
 * translation gives, with month names from our own translations (the
 * desktop's LC_TIME is often C while the messages are French).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-dates"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-dates.h"

/**
 * attest_dates_parse:
 * @iso: (nullable): "2023-03-12" or an ISO 8601 time
 *
 * Returns: (transfer full) (nullable): the time (a day at midnight UTC), or
 *   NULL when @iso is neither
 */
GDateTime *
attest_dates_parse (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int y, m, d;
  char end;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (strlen (iso) == 10 && sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_date_time_new (utc, y, m, d, 0, 0, 0);
  return g_date_time_new_from_iso8601 (iso, utc);
}

/**
 * attest_dates_parse_day:
 * @text: what the analyst typed: YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): the day as stored ("2023-03-12"), or
 *   NULL when @text is not a real day in that form
 */
char *
attest_dates_parse_day (const char *text)
{
  int y, m, d;
  char end;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return NULL;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || y < 1900 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/**
 * attest_dates_format:
 * @iso: (nullable): a stored date
 *
 * Returns: (transfer full): "12 March 2023" as the reader's language writes
 *   it: no time, no fractions, no Z (a time is shown as its UTC day); @iso as
 *   it is when it is not a date, "" for NULL
 */
char *
attest_dates_format (const char *iso)
{
  static const char *months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  g_autoptr(GDateTime) time = attest_dates_parse (iso);
  int month;

  if (time == NULL)
    return g_strdup (iso != NULL ? iso : "");
  month = g_date_time_get_month (time);
  /* Translators: a date: %1$d is the day of the month, %2$s the month's name
   * (translated with the context "month"), %3$d the year. Reorder them as
   * your language writes dates: "12 mars 2023", "2023年3月12日". */
  return g_strdup_printf (_("%1$d %2$s %3$d"), g_date_time_get_day_of_month (time),
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]),
                          g_date_time_get_year (time));
}
