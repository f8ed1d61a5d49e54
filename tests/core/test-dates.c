/* test-dates.c: dates for people, the analyst's YYYY-MM-DD, and the date a
 * page's title gives it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "attest-dates.h"
#include "attest-front-matter.h"
#include "attest-offering.h"
#include "attest-page.h"
#include "attest-test-corpus.h"

static void
check_title (const char *title,
             const char *expected)
{
  g_autofree char *date = attest_dates_from_title (title);

  g_test_message ("%s → %s", title, date != NULL ? date : "(none)");
  g_assert_cmpstr (date, ==, expected);
}

/* The shapes of the shared corpus's titles (front matter and first heading,
 * in en-US, fr-FR and zh-TW): years and numbers that name a standard, a law
 * or an edition, never the page's date. */
static void
test_title_corpus_shapes (void)
{
  static const char * const titles[] = {
    "ISO/IEC 27001:2013 Information Security Management Standards",
    "ISO/IEC 27001:2013 資訊安全性管理標準",
    "Normes de gestion de la sécurité des informations ISO/IEC 27001:2013",
    "ISO 22301：2012 商務持續性管理標準",
    "ISO/IEC 27701:2019 Privacy Information Management",
    "ISO/IEC 20000-1:2011 Information Technology Service Management",
    "Sarbanes-Oxley Act of 2002 (SOX)",
    "Loi Sarbanes-Oxley de 2002 (SOX)",
    "2002 年沙賓法案 (SOX)",
    "Baseline Informatiebeveiliging Rijksdienst standard (BIR 2012)",
    "基準資訊化人民解放陣線標準 (BIR 2012)",
    "Spanish Royal Decree 1720/2007, Spanish Organic Law 15/1999 (LOPD)",
    "Décret Royal espagnol 1720/2007, Loi organique espagnole 15/1999",
    "西班牙皇家法令 1720/2007、西班牙組織法 15/1999",
    "Committee on National Security Systems Instruction No. 1253 (CNSSI 1253)",
    "N ° de Comité sur les systèmes de sécurité nationaux 1253 (CNSSI 1253)",
    "Commodity Futures Trading Commission (CFTC) Rule 1.31(c-d) United States",
    "1.31 (c-d) de la règle de négociation des perspectives de marchandises (CFTC) pour les États-Unis",
    "Minimum Acceptable Risk Standards for Exchanges (MARS-E) 2.0 Framework",
    "交易可接受的最小風險標準 (MARS-E) 2.0 架構",
    "Department of Defense (DoD) Impact Level 2 (IL2)",
    "第 23 號 NYCRR 第 500 編",
    "US Internal Revenue Service Publication 1075",
    "美國內年收入服務出版物1075",
    "System and Organization Controls (SOC) 1 Type 2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    check_title (titles[i], NULL);
}

/* Titles that date the page, in the forms and languages pages are written in. */
static void
test_title_dated (void)
{
  /* A day. */
  check_title ("SOC 2 Type 2 (updated 2023-03-12)", "2023-03-12");
  check_title ("ISO/IEC 27001:2013 — Updated March 12, 2023", "2023-03-12");
  check_title ("ISO/IEC 27001:2013 — Last updated: 12 March 2023", "2023-03-12");
  check_title ("Normes ISO/IEC 27001:2013 (mis à jour le 1er mars 2023)", "2023-03-01");
  check_title ("Loi Sarbanes-Oxley de 2002 – Mise à jour : 12 mars 2023", "2023-03-12");
  check_title ("ISO/IEC 27001:2013 資訊安全性管理標準（更新於 2023 年 3 月 12 日）", "2023-03-12");
  check_title ("ISO/IEC 27001:2013 資訊安全性管理標準 2023年3月12日更新", "2023-03-12");
  /* Fullwidth digits, as CJK titles sometimes have them. */
  check_title ("2002 年沙賓法案 (SOX)（２０２３年３月１２日更新）", "2023-03-12");
  /* A month. */
  check_title ("FedRAMP — Updated March 2023", "2023-03");
  check_title ("FedRAMP, as of Sept. 2022", "2022-09");
  check_title ("FedRAMP (mis à jour en mars 2023)", "2023-03");
  check_title ("FedRAMP (mise à jour : février 2023)", "2023-02");
  check_title ("ISMAP（2023年3月現在）", "2023-03");
  check_title ("ISMAP 截至 2023 年 3 月", "2023-03");
  check_title ("SOC 2 (updated 2023-03)", "2023-03");
  /* The same date twice is one date. */
  check_title ("Updated March 2023 — updated 2023-03", "2023-03");
}

/* Dates in titles that do not date the page. */
static void
test_title_not_dated (void)
{
  /* No word says it is the page's: a law's or a standard's own date. */
  check_title ("Regulation (EU) 2016/679 of 27 April 2016", NULL);
  check_title ("Windows 10 May 2019 Update", NULL);
  check_title ("PCI DSS v4.0 (March 2022)", NULL);
  check_title ("SOC 2 2023-03-12", NULL);
  /* A year alone never dates a page. */
  check_title ("SOC 2 (2023)", NULL);
  check_title ("SOC 2 — Updated 2023", NULL);
  check_title ("沙賓法案（2023年更新）", NULL);
  /* Slashes are ambiguous: 4 March or 3 April. */
  check_title ("SOC 2 — Updated 03/04/2023", NULL);
  check_title ("SOC 2 — Updated 12/03/2023", NULL);
  /* Not a real day; before 1900. */
  check_title ("SOC 2 — Updated February 30, 2023", NULL);
  check_title ("SOC 2 — Updated 2023-13", NULL);
  check_title ("SOC 2 — Updated March 1850", NULL);
  /* Part of a longer number or word. */
  check_title ("SOC 2 — Updated 12023-03-12", NULL);
  check_title ("SOC 2 — Updated 2023-03-12b", NULL);
  check_title ("SOC 2 — Updatedmarch 2023", NULL);
  /* Two different dates: which one? */
  check_title ("Updated March 2023, revised 2023-05-02", NULL);
  check_title ("", NULL);
  check_title (NULL, NULL);
  check_title ("\xff\xfe updated 2023-03-12", NULL);
}

/* Every title of the shared corpus (front matter and first heading, in
 * every locale): none of them dates its page. */
static void
test_title_corpus (void)
{
  g_autoptr(GPtrArray) pages = attest_test_corpus_pages (TRUE);
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  guint n_titles = 0;

  if (pages == NULL)
    return;
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *text = NULL;
      gsize len = 0;
      gsize body = 0;
      g_autoptr(AttestFrontMatter) fm = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (pages->pdata[i], &text, &len, NULL));
      fm = attest_front_matter_parse (pages->pdata[i], text, len, &body, NULL);
      if (fm != NULL && attest_front_matter_get_title (fm) != NULL)
        {
          g_autofree char *date = attest_dates_from_title (attest_front_matter_get_title (fm));
          if (date != NULL)
            g_test_message ("%s: “%s”", (char *)pages->pdata[i], attest_front_matter_get_title (fm));
          g_assert_null (date);
          n_titles++;
        }
      lines = g_strsplit (text + MIN (body, len), "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        if (g_str_has_prefix (lines[j], "# "))
          {
            g_autofree char *heading = g_regex_replace_literal (tags, lines[j] + 2, -1, 0, " ", 0, NULL);
            g_autofree char *date = attest_dates_from_title (heading);

            if (date != NULL)
              g_test_message ("%s: “%s”", (char *)pages->pdata[i], heading);
            g_assert_null (date);
            n_titles++;
            break;
          }
    }
  g_test_message ("%u titles", n_titles);
  g_assert_cmpuint (n_titles, >, 500);
}

/* A page whose front matter has no date takes its title's; one with
 * ms.date keeps both, and the importer ranks by ms.date. */
static void
test_offering_title_date (void)
{
  static const struct {
    const char *text;
    const char *page_date;
    const char *title_date;
  } cases[] = {
    { "---\ntitle: Demo Standard (updated 12 March 2023)\n---\n# Demo Standard\n", NULL, "2023-03-12" },
    { "---\ntitle: Demo Standard\n---\n# Demo Standard — Updated March 2023\n", NULL, "2023-03" },
    { "---\ntitle: Demo Standard (updated 12 March 2023)\nms.date: 05/01/2021\n---\n# Demo Standard\n",
      "2021-05-01", "2023-03-12" },
    { "---\ntitle: Demo Standard 2023\n---\n# Demo Standard (2023)\n", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(AttestPage) page = attest_page_parse ("offering-demo.md", cases[i].text, strlen (cases[i].text), NULL);
      g_autoptr(AttestOffering) o = NULL;

      g_assert_nonnull (page);
      o = attest_offering_new_from_page (page, "offering-demo.md", bytes, NULL, NULL);
      g_assert_cmpstr (o->page_date, ==, cases[i].page_date);
      g_assert_cmpstr (o->title_date, ==, cases[i].title_date);
    }
}

static void
test_format (void)
{
  g_autofree char *day = attest_dates_format ("2023-03-12");
  g_autofree char *month = attest_dates_format ("2023-03");
  g_autofree char *time = attest_dates_format ("2026-12-04T04:12:33.160552Z");
  g_autofree char *odd = attest_dates_format ("someday");
  g_autofree char *bad_month = attest_dates_format ("2023-13");
  g_autoptr(GDateTime) first = attest_dates_parse ("2023-03");

  g_assert_cmpstr (day, ==, "12 March 2023");
  g_assert_cmpstr (month, ==, "March 2023");
  g_assert_cmpstr (time, ==, "4 December 2026");
  g_assert_cmpstr (odd, ==, "someday");
  g_assert_cmpstr (bad_month, ==, "2023-13");
  g_assert_nonnull (first);
  g_assert_cmpint (g_date_time_get_day_of_month (first), ==, 1);
}

static void
test_parse_day (void)
{
  g_autofree char *ok = attest_dates_parse_day ("2023-03-12");
  g_autofree char *month = attest_dates_parse_day ("2023-03");
  g_autofree char *bad = attest_dates_parse_day ("2023-02-30");
  g_autofree char *spaced = attest_dates_parse_day ("2023-3-12 ");

  g_assert_cmpstr (ok, ==, "2023-03-12");
  g_assert_null (month);
  g_assert_null (bad);
  g_assert_null (spaced);
}

int
main (int   argc,
      char *argv[])
{
  /* English messages whatever the environment says. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dates/format", test_format);
  g_test_add_func ("/dates/parse-day", test_parse_day);
  g_test_add_func ("/dates/title-corpus-shapes", test_title_corpus_shapes);
  g_test_add_func ("/dates/title-dated", test_title_dated);
  g_test_add_func ("/dates/title-not-dated", test_title_not_dated);
  g_test_add_func ("/dates/title-corpus", test_title_corpus);
  g_test_add_func ("/dates/offering-title-date", test_offering_title_date);
  return g_test_run ();
}
