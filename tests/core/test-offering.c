/* test-offering.c: the catalog rules applied to one page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-offering.h"
#include "attest-paths.h"
#include "attest-test-corpus.h"

typedef struct {
  AttestFrameworkTable *frameworks;
  AttestServiceTable *names;
} Tables;

static void
tables_load (Tables *t)
{
  g_autoptr(GError) error = NULL;

  t->frameworks = attest_framework_table_new ();
  t->names = attest_service_table_new ();
  g_assert_true (attest_framework_table_load_default (t->frameworks, &error));
  g_assert_true (attest_service_table_load_default (t->names, &error));
  g_assert_no_error (error);
}

static void
tables_clear (Tables *t)
{
  attest_framework_table_free (t->frameworks);
  attest_service_table_unref (t->names);
}

static AttestOffering *
offering_from_text (Tables     *t,
                    const char *file_name,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = attest_page_parse (file_name, text, -1, &error);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  g_assert_no_error (error);
  return attest_offering_new_from_page (page, file_name, bytes, t->frameworks, t->names);
}

static AttestOffering *
offering_from_seed (Tables     *t,
                    const char *name)
{
  g_autofree char *dir = attest_paths_bundled_offerings ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = attest_page_load (path, dir, &error);
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  bytes = g_bytes_new (text, len);
  return attest_offering_new_from_page (page, path, bytes, t->frameworks, t->names);
}

static AttestOfferingMention *
find_mention (AttestOffering *o,
              const char     *scope,
              const char     *name)
{
  for (guint i = 0; i < o->mentions->len; i++)
    {
      AttestOfferingMention *m = o->mentions->pdata[i];
      if (g_str_equal (m->scope_slug, scope) && g_str_equal (m->name, name))
        return m;
    }
  return NULL;
}

static void
test_soc_seed (void)
{
  Tables t;
  g_autoptr(AttestOffering) o = NULL;
  AttestOfferingMention *m;
  gboolean backgrounder = FALSE;

  tables_load (&t);
  o = offering_from_seed (&t, "offering-soc.fr-FR.md");

  g_assert_cmpstr (o->key, ==, "soc");
  g_assert_cmpstr (o->framework_id, ==, "soc");
  g_assert_cmpstr (o->short_name, ==, "SOC");
  g_assert_cmpstr (o->source_title, ==, "Service Organization Controls (SOC)");
  g_assert_cmpstr (o->locale, ==, "fr-FR");
  g_assert_cmpstr (o->lang, ==, "fr");
  g_assert_cmpstr (o->handoff, ==, "2020-02-01");
  g_assert_cmpstr (o->translation_type, ==, "HT");
  g_assert_false (o->translation_only);
  g_assert_cmpuint (strlen (o->content_hash), ==, 64);

  g_assert_cmpuint (o->scopes->len, ==, 3);
  g_assert_cmpstr (((AttestOfferingScope *)o->scopes->pdata[0])->slug, ==, "soc-1");
  g_assert_cmpstr (((AttestOfferingScope *)o->scopes->pdata[1])->name, ==, "SOC 2");
  g_assert_cmpstr (((AttestOfferingScope *)o->scopes->pdata[2])->slug, ==, "soc-3");

  /* One name per segment teaches its translation; a list never does. */
  m = find_mention (o, "soc-2", "Cloud App Security");
  g_assert_nonnull (m);
  g_assert_cmpstr (m->translated_name, ==, "Sécurité de l’application cloud");
  m = find_mention (o, "soc-1", "Azure Government");
  g_assert_nonnull (m);
  g_assert_null (m->translated_name);
  g_assert_cmpstr (m->source_line, ==, "Azure, Azure Government, and Azure Germany");
  m = find_mention (o, "soc-3", "Stream");
  g_assert_nonnull (m);
  g_assert_cmpstr (m->translated_name, ==, "Flux");
  /* Qualifier kept on the coverage, not in the name. */
  m = find_mention (o, "soc-1", "Microsoft Flow");
  g_assert_nonnull (m);
  g_assert_true (g_str_has_prefix (m->qualifier, "cloud service either as a standalone service"));
  g_assert_null (find_mention (o, "soc-3", "Dynamics 365"));

  for (guint i = 0; i < o->links->len; i++)
    {
      AttestOfferingLink *l = o->links->pdata[i];
      if (g_str_equal (l->url, "https://aka.ms/soc_backgrounder"))
        {
          g_assert_cmpint (l->kind, ==, ATTEST_LINK_BACKGROUNDER);
          backgrounder = TRUE;
        }
    }
  g_assert_true (backgrounder);
  tables_clear (&t);
}

static void
test_single_scope_and_locale (void)
{
  Tables t;
  g_autoptr(AttestOffering) zh = NULL;

  tables_load (&t);
  zh = offering_from_seed (&t, "offering-mars-e.zh-TW.md");
  g_assert_cmpstr (zh->framework_id, ==, "mars-e");
  g_assert_cmpstr (zh->lang, ==, "zh-TW");
  g_assert_cmpstr (zh->handoff, ==, "2019-12-05");
  g_assert_cmpuint (zh->scopes->len, ==, 1);
  g_assert_cmpstr (((AttestOfferingScope *)zh->scopes->pdata[0])->slug, ==, "mars-e");
  g_assert_cmpstr (((AttestOfferingScope *)zh->scopes->pdata[0])->name, ==, "MARS-E 2.0");
  g_assert_nonnull (find_mention (zh, "mars-e", "Intune"));
  tables_clear (&t);
}

static void
test_impact_levels_and_unknown_framework (void)
{
  Tables t;
  g_autoptr(AttestOffering) o = NULL;

  tables_load (&t);
  o = offering_from_text (&t, "offering-Made-Up-Cert.md",
                          "# Made Up Certification (MUC)\n\n"
                          "## Microsoft in-scope cloud services\n\n"
                          "### Covered services for DoD Impact Level 5\n\n- Azure Government\n\n"
                          "### Covered services for SOC 1, SOC 2, and SOC 3\n\n- Intune\n");
  g_assert_cmpstr (o->framework_id, ==, "made-up-cert");
  g_assert_cmpstr (o->short_name, ==, "MUC");
  /* No category: not an English word stored for every language, "" (the library's "Other"). */
  g_assert_cmpstr (o->category, ==, "");
  g_assert_cmpuint (o->scopes->len, ==, 4);
  g_assert_cmpstr (((AttestOfferingScope *)o->scopes->pdata[0])->name, ==, "IL5");
  g_assert_cmpstr (((AttestOfferingScope *)o->scopes->pdata[0])->slug, ==, "il5");
  g_assert_nonnull (find_mention (o, "il5", "Azure Government"));
  g_assert_nonnull (find_mention (o, "soc-3", "Intune"));
  g_assert_null (find_mention (o, "il5", "Intune"));
  tables_clear (&t);
}

static void
test_applicability (void)
{
  Tables t;
  g_autoptr(AttestOffering) o = NULL;
  AttestOfferingMention *m;

  tables_load (&t);
  o = offering_from_text (&t, "offering-soc-2.md",
                          "# SOC 2\n\n## Microsoft in-scope cloud platforms & services\n\n- Intune\n\n"
                          "## Office 365 and SOC 2\n\n"
                          "| **Applicability** | **In-scope services** |\n|:--|:--|\n"
                          "| **Commercial** | Exchange Online, Office 365 Microservices (including Kaizala, Sway), Planner |\n"
                          "| **GCC, GCC High** | Exchange Online, Planner |\n"
                          "| **DoD** | [See the list](https://example.org/list) |\n");
  g_assert_cmpstr (o->framework_id, ==, "soc");
  g_assert_cmpstr (((AttestOfferingScope *)o->scopes->pdata[0])->slug, ==, "soc-2");
  g_assert_nonnull (find_mention (o, "soc-2", "Intune"));
  g_assert_nonnull (find_mention (o, "soc-2-commercial", "Office 365 Microservices"));
  g_assert_null (find_mention (o, "soc-2-commercial", "Sway"));
  g_assert_nonnull (find_mention (o, "soc-2-gcc", "Planner"));
  m = find_mention (o, "soc-2-gcc-high", "Exchange Online");
  g_assert_nonnull (m);
  g_assert_true (g_str_has_prefix (m->source_line, "GCC, GCC High: "));
  /* A cell holding only links names no service; the DoD scope is not made. */
  for (guint i = 0; i < o->scopes->len; i++)
    {
      AttestOfferingScope *s = o->scopes->pdata[i];
      g_assert_cmpstr (s->slug, !=, "soc-2-dod");
      if (g_str_equal (s->slug, "soc-2-gcc-high"))
        {
          g_assert_cmpstr (s->name, ==, "SOC 2 · GCC High");
          g_assert_cmpstr (s->parent_slug, ==, "soc-2");
          g_assert_cmpstr (s->environment, ==, "GCC High");
        }
    }
  tables_clear (&t);
}

static AttestOffering *
offering_from_file (Tables     *t,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(AttestPage) page = attest_page_load (path, dir, &error);
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  bytes = g_bytes_new (text, len);
  return attest_offering_new_from_page (page, path, bytes, t->frameworks, t->names);
}

static guint
count_mentions (AttestOffering *o,
                const char     *scope)
{
  guint n = 0;

  for (guint i = 0; i < o->mentions->len; i++)
    if (g_str_equal (((AttestOfferingMention *)o->mentions->pdata[i])->scope_slug, scope))
      n++;
  return n;
}

/* The rows of the applicability table, header included. */
static guint
applicability_rows (AttestPage *page)
{
  for (guint i = 0; i < page->source_blocks->len; i++)
    {
      AttestBlock *b = page->source_blocks->pdata[i];
      if (b->kind == ATTEST_BLOCK_TABLE && b->rows->len > 0)
        {
          g_autofree char *head = attest_table_cell_dup_text (((AttestTableRow *)b->rows->pdata[0])->cells->pdata[0]);
          if (strstr (head, "Applicability") != NULL)
            return b->rows->len;
        }
    }
  return 0;
}

/* The GCC row of a SOC 3 applicability table split over two lines, as the
 * ja-JP page has it (tests/core/fixtures, the fr-FR and zh-TW pages' shape):
 * one row of twenty services, not four and a row named after the rest. */
static void
test_split_row_ja_jp (void)
{
  Tables t;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "offering-soc-3.ja-JP.md", NULL);
  g_autoptr(AttestOffering) o = NULL;
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const gcc[] = {
    "Azure Active Directory", "Compliance Manager", "Delve", "Exchange Online", "Forms",
    "Microsoft Defender for Office 365", "Microsoft Teams", "MyAnalytics",
    "Office 365 Advanced Compliance add-on", "Office 365 Security & Compliance Center",
    "Office Online", "Office Pro Plus", "OneDrive for Business", "Planner", "PowerApps",
    "Power Automate", "Power BI", "SharePoint Online", "Skype for Business", "Stream",
  };

  tables_load (&t);
  o = offering_from_file (&t, path);
  g_assert_cmpstr (o->locale, ==, "ja-JP");
  g_assert_cmpuint (count_mentions (o, "soc-3-gcc"), ==, G_N_ELEMENTS (gcc));
  for (guint i = 0; i < G_N_ELEMENTS (gcc); i++)
    if (find_mention (o, "soc-3-gcc", gcc[i]) == NULL)
      g_error ("SOC 3 · GCC lacks “%s”", gcc[i]);
  /* The row's line is the whole row, both lines of it. */
  g_assert_true (g_str_has_prefix (find_mention (o, "soc-3-gcc", "Stream")->source_line, "GCC: Azure Active Directory, "));
  g_assert_cmpuint (count_mentions (o, "soc-3-gcc-high"), ==, 5);
  g_assert_cmpuint (count_mentions (o, "soc-3-dod"), ==, 5);
  /* No scope made of the second line. */
  for (guint i = 0; i < o->scopes->len; i++)
    g_assert_null (strstr (((AttestOfferingScope *)o->scopes->pdata[i])->name, "Defender"));

  /* Both languages have the row once: header, Office 365, GCC, GCC High, DoD. */
  page = attest_page_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (applicability_rows (page), ==, 5);
  for (guint i = 0; i < page->translated_blocks->len; i++)
    {
      AttestBlock *b = page->translated_blocks->pdata[i];
      if (b->kind == ATTEST_BLOCK_TABLE)
        {
          g_autofree char *cell = NULL;

          g_assert_cmpuint (b->rows->len, ==, 5);
          cell = attest_table_cell_dup_text (((AttestTableRow *)b->rows->pdata[2])->cells->pdata[1]);
          /* "…Exchange Online、Forms、…": one list, one separator. */
          g_assert_nonnull (strstr (cell, "Exchange Online、Forms、Microsoft Defender"));
          g_assert_true (g_str_has_suffix (cell, "Stream"));
        }
    }
  tables_clear (&t);
}

/* The same split in the shared corpus's fr-FR and zh-TW SOC 3 pages. Their
 * English second line has no Forms: nineteen services. */
static void
test_corpus_split_rows (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  static const char * const locales[] = { "fr-FR", "zh-TW" };
  Tables t;

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus (../shared/corpus) is not there");
      return;
    }
  tables_load (&t);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autofree char *path = g_build_filename (corpus, "pages", locales[l], "offering-soc-3.md", NULL);
      g_autoptr(AttestOffering) o = offering_from_file (&t, path);
      g_autoptr(AttestPage) page = attest_page_load (path, NULL, NULL);

      g_test_message ("%s: SOC 3 · GCC has %u services", locales[l], count_mentions (o, "soc-3-gcc"));
      g_assert_cmpuint (count_mentions (o, "soc-3-gcc"), ==, 19);
      g_assert_nonnull (find_mention (o, "soc-3-gcc", "Microsoft Teams"));
      g_assert_nonnull (find_mention (o, "soc-3-gcc", "Stream"));
      g_assert_nonnull (find_mention (o, "soc-3-gcc", "Exchange Online"));
      g_assert_nonnull (find_mention (o, "soc-3-gcc", "Skype for Business"));
      g_assert_cmpuint (applicability_rows (page), ==, 5);
    }
  tables_clear (&t);
}

/* Sentences in the corpus's lists name their services, never become one:
 * "…, and other Microsoft online services", "Office 365 services" (ISMAP),
 * "Azure complies with MPAA best-practices guidelines" (MPAA). And over every
 * page of the corpus, no service is a list left whole, a row's second line or
 * a sentence. */
static void
test_corpus_sentences (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autoptr(GPtrArray) pages = NULL;
  static const char * const ismap[] = { "en-US-2023", "fr-FR", "zh-TW" };
  static const char * const ismap_services[] = { "Azure", "Azure DevOps", "Dynamics 365", "Office 365" };
  Tables t;

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus (../shared/corpus) is not there");
      return;
    }
  tables_load (&t);
  for (guint l = 0; l < G_N_ELEMENTS (ismap); l++)
    {
      g_autofree char *path = g_build_filename (corpus, "pages", ismap[l], "offering-ismap.md", NULL);
      g_autoptr(AttestOffering) o = offering_from_file (&t, path);

      g_assert_cmpuint (count_mentions (o, "ismap"), ==, G_N_ELEMENTS (ismap_services));
      for (guint i = 0; i < G_N_ELEMENTS (ismap_services); i++)
        if (find_mention (o, "ismap", ismap_services[i]) == NULL)
          g_error ("%s: ISMAP lacks “%s”", ismap[l], ismap_services[i]);
    }
  {
    g_autofree char *path = g_build_filename (corpus, "pages", "en-US-2020", "offering-MPAA.md", NULL);
    g_autoptr(AttestOffering) o = offering_from_file (&t, path);
    AttestOfferingMention *m = find_mention (o, "mpaa", "Azure");

    g_assert_cmpuint (count_mentions (o, "mpaa"), ==, 1);
    g_assert_nonnull (m);
    g_assert_cmpstr (m->qualifier, ==, "complies with MPAA best-practices guidelines");
  }

  pages = attest_test_corpus_pages (TRUE);
  g_assert_cmpuint (pages->len, >, 100);
  for (guint p = 0; p < pages->len; p++)
    {
      g_autoptr(AttestOffering) o = offering_from_file (&t, pages->pdata[p]);

      for (guint i = 0; i < o->mentions->len; i++)
        {
          const char *name = ((AttestOfferingMention *)o->mentions->pdata[i])->name;
          g_autofree char *lower = g_ascii_strdown (name, -1);

          if (g_str_has_prefix (name, ",") || g_str_has_prefix (name, "、") || strstr (name, ", ") != NULL ||
              strstr (lower, " complies ") != NULL || strstr (lower, "other microsoft") != NULL ||
              g_str_has_suffix (lower, " online services"))
            g_error ("%s: “%s” is not a service name", (char *)pages->pdata[p], name);
        }
    }
  tables_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offering/soc-seed", test_soc_seed);
  g_test_add_func ("/offering/single-scope-and-locale", test_single_scope_and_locale);
  g_test_add_func ("/offering/impact-levels-and-unknown-framework", test_impact_levels_and_unknown_framework);
  g_test_add_func ("/offering/applicability", test_applicability);
  g_test_add_func ("/offering/split-row-ja-jp", test_split_row_ja_jp);
  g_test_add_func ("/offering/corpus-split-rows", test_corpus_split_rows);
  g_test_add_func ("/offering/corpus-sentences", test_corpus_sentences);

  return g_test_run ();
}
