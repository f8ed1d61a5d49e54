/* test-count.c: counts grouped as the locale groups digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <locale.h>

#include "attest-count.h"

static void
check (guint64     n,
       const char *sep,
       const char *grouping,
       const char *expected)
{
  g_autofree char *s = attest_count_format_grouped (n, sep, grouping);

  g_assert_cmpstr (s, ==, expected);
}

/* The groupings locales give: en_US (3, repeated), fr_FR (3 with a narrow
 * no-break space), hi_IN (3 then 2, repeated), one group only, none. */
static void
test_grouped (void)
{
  check (20000, ",", "\3", "20,000");
  check (20000, ",", "\3\3", "20,000");
  check (999, ",", "\3", "999");
  check (1000, ",", "\3", "1,000");
  check (0, ",", "\3", "0");
  check (1234567890, ",", "\3", "1,234,567,890");
  check (G_MAXUINT64, ".", "\3", "18.446.744.073.709.551.615");
  check (20000, "\u202f", "\3", "20\u202f000");
  check (123456789, ",", "\3\2", "12,34,56,789");
  check (123456789, ",", "\3" "\x7f", "123456,789");
  check (123456789, ",", (const char []) { 3, CHAR_MAX, 0 }, "123456,789");
  check (20000, "", "\3", "20000");
  check (20000, NULL, "\3", "20000");
  check (20000, ",", "", "20000");
  check (20000, ",", NULL, "20000");
}

/* The C locale does not group: a count reads as it always did. */
static void
test_c_locale (void)
{
  g_autofree char *s = NULL;

  setlocale (LC_NUMERIC, "C");
  s = attest_count_format (20000);
  g_assert_cmpstr (s, ==, "20000");
}

/* Eight counts in one format call, each its own text. */
static void
test_ring (void)
{
  g_autofree char *s = NULL;

  setlocale (LC_NUMERIC, "C");
  s = g_strdup_printf ("%s %s %s %s %s %s %s %s", attest_count (1), attest_count (22), attest_count (333),
                       attest_count (4444), attest_count (55555), attest_count (666666), attest_count (7),
                       attest_count (G_MAXUINT64));
  g_assert_cmpstr (s, ==, "1 22 333 4444 55555 666666 7 18446744073709551615");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/count/grouped", test_grouped);
  g_test_add_func ("/count/c-locale", test_c_locale);
  g_test_add_func ("/count/ring", test_ring);

  return g_test_run ();
}
