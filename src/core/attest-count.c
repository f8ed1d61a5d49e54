/* attest-count.c: counts as people read them, grouped as their locale groups digits
 *
 * "20 000 in scope" in French, "20,000 in scope" in English, "20000" where the
 * locale (C, POSIX) does not group. Every count the window and attest-cli show
 * a person goes through attest_count_format(); machine output (JSON, CSV,
 * ids) never does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "attest-count.h"

/**
 * attest_count_format_grouped:
 * @thousands_sep: what goes between groups ("," "." " " U+202F …); %NULL or ""
 *   for none
 * @grouping: group sizes from the right, as localeconv() gives them: each byte
 *   one group's size, the last repeated when the string ends, CHAR_MAX (or a
 *   size of 0 or less) for no more grouping; %NULL or "" for none
 *
 * Returns: @n in decimal, its digits grouped
 */
char *
attest_count_format_grouped (guint64     n,
                             const char *thousands_sep,
                             const char *grouping)
{
  char digits[32];
  GString *out;
  gsize len;
  gsize cut[32];
  guint n_cuts = 0;
  const char *g = grouping;
  gsize pos;
  int size = 0;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  len = strlen (digits);
  if (thousands_sep == NULL || *thousands_sep == '\0' || grouping == NULL || *grouping == '\0')
    return g_strdup (digits);

  /* Where the separators go, counted from the right. */
  pos = 0;
  for (;;)
    {
      if (*g != '\0')
        {
          size = (unsigned char)*g;
          g++;
        }
      if (size <= 0 || size == CHAR_MAX)
        break;
      pos += (gsize)size;
      if (pos >= len || n_cuts == G_N_ELEMENTS (cut))
        break;
      cut[n_cuts++] = len - pos;
    }

  out = g_string_sized_new (len + n_cuts * strlen (thousands_sep));
  for (gsize i = 0; i < len; i++)
    {
      for (guint c = 0; c < n_cuts; c++)
        if (cut[c] == i)
          g_string_append (out, thousands_sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * attest_count_format:
 *
 * Returns: @n grouped as the current LC_NUMERIC groups digits
 */
char *
attest_count_format (guint64 n)
{
  const struct lconv *lc = localeconv ();

  return attest_count_format_grouped (n, lc->thousands_sep, lc->grouping);
}

#define RING_SIZE 8

/**
 * attest_count:
 *
 * attest_count_format() for a printf argument, freed by nobody:
 * `g_strdup_printf (plural_format, attest_count (n))`, the format's plural
 * chosen by @n itself.
 * The text stays valid until the eighth next call in the same thread, so one
 * format call may take up to eight counts.
 *
 * Returns: (transfer none): @n grouped as the current LC_NUMERIC groups digits
 */
const char *
attest_count (guint64 n)
{
  static _Thread_local char ring[RING_SIZE][96];
  static _Thread_local guint next;
  g_autofree char *text = attest_count_format (n);
  char *slot = ring[next];

  next = (next + 1) % RING_SIZE;
  g_strlcpy (slot, text, sizeof ring[0]);
  return slot;
}
