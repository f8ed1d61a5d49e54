/* attest-dates.c: dates as people read them (no GTK)
 *
 * Stored dates are ISO 8601: a day ("2023-03-12", a page's ms.lasthandoff or
 * a date the analyst set) or a UTC time with fractions ("2026-12-04T04:12:
 * 33.160552Z", when a page was imported). People read "12 March 2023" in
 * their language: the day, the month's name and the year, in the order the
 * translation gives, with month names from our own translations (the
 * desktop's LC_TIME is often C while the messages are French). A page
 * dated by its title alone may carry a month only ("2023-03"): people read
 * "March 2023".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-dates"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-dates.h"
#include "attest-front-matter.h"

/**
 * attest_dates_parse:
 * @iso: (nullable): "2023-03-12", a month "2023-03" or an ISO 8601 time
 *
 * Returns: (transfer full) (nullable): the time (a day, or a month's first
 *   day, at midnight UTC), or NULL when @iso is none of them
 */
GDateTime *
attest_dates_parse (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int y, m, d;
  char end;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (strlen (iso) == 7 && sscanf (iso, "%4d-%2d%c", &y, &m, &end) == 2 && y >= 1 && m >= 1 && m <= 12)
    return g_date_time_new (utc, y, m, 1, 0, 0, 0);
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
 *   it: no time, no fractions, no Z (a time is shown as its UTC day; a month
 *   "2023-03" as "March 2023"); @iso as
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
  if (strlen (iso) == 7)
    /* Translators: a month of a year: %1$s is the month's name (translated with
     * the context "month"), %2$d the year: "mars 2023", "2023年3月" */
    return g_strdup_printf (C_("month and year", "%1$s %2$d"),
                            g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]),
                            g_date_time_get_year (time));
  /* Translators: a date: %1$d is the day of the month, %2$s the month's name
   * (translated with the context "month"), %3$d the year. Reorder them as
   * your language writes dates: "12 mars 2023", "2023年3月12日". */
  return g_strdup_printf (_("%1$d %2$s %3$d"), g_date_time_get_day_of_month (time),
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]),
                          g_date_time_get_year (time));
}

/* ---- The date a page's title gives it ------------------------------------ */

/* Words that say the date after them is the page's own: "Updated March 2023",
 * "Mis à jour le 12 mars 2023", "（更新於 2023 年 3 月）", "截至 2023年3月". In
 * lower case, after NFKC (fullwidth forms are ASCII). */
static const char * const cues_before[] = {
  "updated", "update", "as of", "revised", "last reviewed", "reviewed",
  "mis à jour", "mise à jour", "mis a jour", "mise a jour", "actualisé", "actualisée",
  "révisé", "révisée", "en date du",
  "更新", "更新於", "更新于", "截至", "修訂", "修订", "改訂",
};

/* Words that say the date before them is the page's own, in the languages
 * that put them there: "2023年3月更新", "2023年3月現在" (Japanese "as of"). */
static const char * const cues_after[] = {
  "更新", "現在", "修訂", "修订", "改訂",
};

/* Words between a cue and its date: "updated on", "mis à jour le", "mis à
 * jour en mars 2023". */
static const char * const fillers[] = {
  "on", "in", "the", "le", "du", "au", "en", "於", "于", "為", "为",
};

/* English and French month names (and their usual short forms), lower case. */
static const struct {
  const char *name;
  int month;
} month_names[] = {
  { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "may", 5 }, { "june", 6 },
  { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 }, { "november", 11 },
  { "december", 12 },
  { "jan.", 1 }, { "feb.", 2 }, { "mar.", 3 }, { "apr.", 4 }, { "jun.", 6 }, { "jul.", 7 },
  { "aug.", 8 }, { "sep.", 9 }, { "sept.", 9 }, { "oct.", 10 }, { "nov.", 11 }, { "dec.", 12 },
  { "janvier", 1 }, { "février", 2 }, { "fevrier", 2 }, { "mars", 3 }, { "avril", 4 }, { "mai", 5 },
  { "juin", 6 }, { "juillet", 7 }, { "août", 8 }, { "aout", 8 }, { "septembre", 9 },
  { "octobre", 10 }, { "novembre", 11 }, { "décembre", 12 }, { "decembre", 12 },
};

typedef struct {
  int year;
  int month;
  int day;    /* 0: a month only */
} TitleDate;

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* The character before @p in @start, or 0 at the start. */
static gunichar
char_before (const char *start,
             const char *p)
{
  return p > start ? g_utf8_get_char (g_utf8_find_prev_char (start, p)) : 0;
}

static gboolean
read_number (const char **p,
             int          min_digits,
             int          max_digits,
             int         *value)
{
  const char *q = *p;
  int n = 0, v = 0;

  while (g_ascii_isdigit (*q) && n < max_digits)
    v = v * 10 + (*q++ - '0'), n++;
  if (n < min_digits || g_ascii_isdigit (*q))
    return FALSE;
  *p = q;
  *value = v;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static gboolean
read_literal (const char **p,
              const char  *literal)
{
  gsize n = strlen (literal);

  if (strncmp (*p, literal, n) != 0)
    return FALSE;
  *p += n;
  return TRUE;
}

/* A month's name at @p, ending a word. */
static gboolean
read_month_name (const char **p,
                 int         *month)
{
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      const char *q = *p;

      if (read_literal (&q, month_names[i].name) &&
          (g_str_has_suffix (month_names[i].name, ".") || *q == '\0' || !is_word_char (g_utf8_get_char (q))))
        {
          *p = q;
          *month = month_names[i].month;
          return TRUE;
        }
    }
  return FALSE;
}

/* A date starting at @p, in one of the forms people write a page's date:
 * 2023-03-12, 2023-03, 2023年3月12日, 2023年3月, March 12, 2023, 12 March
 * 2023, 1er mars 2023, March 2023. Never a year alone, never a date with
 * slashes (03/04/2023 is 4 March or 3 April). */
static gboolean
read_date (const char **p,
           TitleDate   *date)
{
  const char *q = *p;
  int a, b, c;

  date->day = 0;
  if (read_number (&q, 4, 4, &a))
    {
      const char *r = q;

      /* 2023-03-12, 2023-03 */
      if (*r == '-' && (r++, read_number (&r, 2, 2, &b)))
        {
          date->year = a, date->month = b;
          if (*r == '-')
            {
              r++;
              if (!read_number (&r, 2, 2, &c))
                return FALSE;
              date->day = c;
            }
          else if (g_ascii_isalnum (*r))
            return FALSE;
          *p = r;
          return TRUE;
        }
      /* 2023年3月12日, 2023 年 3 月 (and Korean 년/월/일) */
      r = q;
      skip_spaces (&r);
      if (read_literal (&r, "年") || read_literal (&r, "년"))
        {
          skip_spaces (&r);
          if (!read_number (&r, 1, 2, &b))
            return FALSE;
          skip_spaces (&r);
          if (!read_literal (&r, "月") && !read_literal (&r, "월"))
            return FALSE;
          date->year = a, date->month = b;
          q = r;
          skip_spaces (&r);
          if (read_number (&r, 1, 2, &c))
            {
              skip_spaces (&r);
              if (!read_literal (&r, "日") && !read_literal (&r, "일"))
                return FALSE;
              date->day = c;
              q = r;
            }
          *p = q;
          return TRUE;
        }
      return FALSE;
    }
  /* 12 March 2023, 1er mars 2023 */
  if (read_number (&q, 1, 2, &a))
    {
      read_literal (&q, "er");
      if (*q != ' ')
        return FALSE;
      skip_spaces (&q);
      if (!read_month_name (&q, &b))
        return FALSE;
      skip_spaces (&q);
      if (!read_number (&q, 4, 4, &c))
        return FALSE;
      date->year = c, date->month = b, date->day = a;
      *p = q;
      return TRUE;
    }
  /* March 12, 2023; March 2023 */
  if (read_month_name (&q, &b))
    {
      skip_spaces (&q);
      if (read_number (&q, 4, 4, &c))
        {
          date->year = c, date->month = b;
          *p = q;
          return TRUE;
        }
      if (!read_number (&q, 1, 2, &a))
        return FALSE;
      read_literal (&q, ",");
      skip_spaces (&q);
      if (!read_number (&q, 4, 4, &c))
        return FALSE;
      date->year = c, date->month = b, date->day = a;
      *p = q;
      return TRUE;
    }
  return FALSE;
}

/* Whether @text ends in @word starting a word of its own (CJK words need no space). */
static gboolean
ends_with_word (const char *text,
                gsize       len,
                const char *word)
{
  gsize n = strlen (word);
  gunichar first = g_utf8_get_char (word);

  if (n > len || strncmp (text + len - n, word, n) != 0)
    return FALSE;
  return !g_unichar_isalpha (first) || g_unichar_iswide (first) ||
         !is_word_char (char_before (text, text + len - n));
}

/* Whether a cue says the date starting at @at (in @text) is the page's own. */
static gboolean
cue_before (const char *text,
            const char *at)
{
  gsize len = at - text;
  gboolean again = TRUE;

  /* "updated: on the 12 March 2023", "（更新於 2023年" */
  while (again)
    {
      again = FALSE;
      while (len > 0 && strchr (" \t:,(-", text[len - 1]) != NULL)
        len--, again = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
        if (ends_with_word (text, len, fillers[i]))
          {
            len -= strlen (fillers[i]);
            again = TRUE;
            break;
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (cues_before); i++)
    if (ends_with_word (text, len, cues_before[i]))
      return TRUE;
  return FALSE;
}

static gboolean
cue_after (const char *end)
{
  skip_spaces (&end);
  for (guint i = 0; i < G_N_ELEMENTS (cues_after); i++)
    if (g_str_has_prefix (end, cues_after[i]))
      return TRUE;
  return FALSE;
}

/**
 * attest_dates_from_title:
 * @title: (nullable): a page's title (front matter `title:` or its first heading)
 *
 * The page's own date when its title says it, for a page whose front matter
 * gives none. A title names a framework, and frameworks carry years and
 * dates that are not the page's ("ISO/IEC 27001:2013", "Sarbanes-Oxley Act
 * of 2002", "BIR 2012", "Royal Decree 1720/2007", "Regulation (EU) 2016/679
 * of 27 April 2016"), so the rule is strict:
 *
 * - only a date a word marks as the page's: after "Updated", "as of",
 *   "Revised", "Mis à jour (le)", "Révisé", "更新(於)", "截至", or before
 *   "更新" or Japanese "現在";
 * - only a day or a month: 2023-03-12, 2023-03, "March 12, 2023", "12 March
 *   2023", "1er mars 2023", "March 2023", "mars 2023", 2023年3月12日,
 *   2023年3月 (fullwidth digits too); never a year alone ("Updated 2023",
 *   "… (2023)"), never a date with slashes (03/04/2023 is 4 March or 3
 *   April);
 * - a real day of a year from 1900 on; a title that gives two different
 *   dates gives none.
 *
 * Returns: (transfer full) (nullable): "2023-03-12", or "2023-03" for a month,
 *   or NULL when the title does not date the page
 */
char *
attest_dates_from_title (const char *title)
{
  g_autofree char *normal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *found = NULL;

  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    return NULL;
  normal = g_utf8_normalize (title, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return NULL;
  text = g_utf8_strdown (normal, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *end = p;
      TitleDate date;
      g_autofree char *iso = NULL;

      /* A date starts a word: not "27001-2013", not "v2023-03". */
      if (is_word_char (char_before (text, p)) && !g_unichar_iswide (char_before (text, p)))
        continue;
      if (!read_date (&end, &date))
        continue;
      if (end[0] != '\0' && is_word_char (g_utf8_get_char (end)) && !g_unichar_iswide (g_utf8_get_char (end)))
        continue;
      if (!cue_before (text, p) && !cue_after (end))
        continue;
      if (date.year < 1900 || date.month < 1 || date.month > 12 ||
          (date.day != 0 && !g_date_valid_dmy ((GDateDay) date.day, (GDateMonth) date.month, (GDateYear) date.year)))
        continue;
      iso = date.day != 0 ? g_strdup_printf ("%04d-%02d-%02d", date.year, date.month, date.day)
                          : g_strdup_printf ("%04d-%02d", date.year, date.month);
      if (found != NULL && !g_str_equal (found, iso))
        return NULL;
      if (found == NULL)
        found = g_steal_pointer (&iso);
    }
  return g_steal_pointer (&found);
}

/**
 * attest_dates_page_date_source:
 * @front_matter: (nullable): the page's front matter
 * @page_date: (nullable): the page's own date as the import took it (ms.lasthandoff,
 *   else ms.date, else updated_at, else its title's)
 *
 * Returns: where @page_date came from: "ms.lasthandoff", "ms.date",
 *   "updated_at" or "title"; NULL when @page_date is NULL
 */
const char *
attest_dates_page_date_source (const AttestFrontMatter *front_matter,
                               const char              *page_date)
{
  g_autofree char *handoff = NULL;
  g_autofree char *ms_date = NULL;
  g_autofree char *updated = NULL;

  if (page_date == NULL)
    return NULL;
  if (front_matter == NULL)
    return "title";
  handoff = attest_front_matter_dup_handoff (front_matter);
  if (g_strcmp0 (handoff, page_date) == 0)
    return "ms.lasthandoff";
  ms_date = attest_front_matter_us_date_to_iso (attest_front_matter_lookup (front_matter, "ms.date"));
  if (g_strcmp0 (ms_date, page_date) == 0)
    return "ms.date";
  updated = attest_front_matter_dup_date (front_matter);
  if (g_strcmp0 (updated, page_date) == 0)
    return "updated_at";
  return "title";
}
