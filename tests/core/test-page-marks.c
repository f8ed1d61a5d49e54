/* test-page-marks.c: the services in scope, marked in the page's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-offering.h"
#include "attest-page-marks.h"
#include "attest-paths.h"
#include "attest-service-names.h"
#include "attest-test-corpus.h"

#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

#define PAIR(id, tr, src) \
  "<span data-ttu-id=\"" id "\">" tr "</span><span class=\"sxs-lookup\"><span data-stu-id=\"" id "\">" src "</span></span>"
#define TTU(id, tr) "<span data-ttu-id=\"" id "\">" tr "</span>"

/* ---- helpers ------------------------------------------------------- */

static AttestPage *
load_seed (const char *name)
{
  g_autofree char *dir = attest_paths_bundled_offerings ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AttestPage *page = attest_page_load (path, dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static AttestPage *
parse (const char *md)
{
  g_autoptr(GError) error = NULL;
  AttestPage *page = attest_page_parse ("marks.md", md, -1, &error);

  g_assert_no_error (error);
  return page;
}

static AttestMatrixService *
add_service (AttestMatrix *matrix,
             const char   *id,
             const char   *name,
             ...)
{
  AttestMatrixService *s = attest_matrix_add_service (matrix, id, name, FALSE);
  va_list args;

  va_start (args, name);
  for (const char *alias = va_arg (args, const char *); alias != NULL; alias = va_arg (args, const char *))
    g_ptr_array_add (s->aliases, g_strdup (alias));
  va_end (args);
  return s;
}

static void
add_translation (AttestMatrixService *s,
                 const char          *lang,
                 const char          *name)
{
  AttestMatrixTranslation *t = g_new0 (AttestMatrixTranslation, 1);

  t->lang = g_strdup (lang);
  t->name = g_strdup (name);
  g_ptr_array_add (s->translations, t);
}

static AttestMatrixCell *
add_cell (AttestMatrix *matrix,
          const char   *scope,
          const char   *service,
          const char   *rollup,
          const char   *source_line,
          const char   *translated_line)
{
  AttestMatrixCell *c = attest_matrix_add_cell (matrix, scope, service, rollup);

  c->source_line = g_strdup (source_line);
  c->translated_line = g_strdup (translated_line != NULL ? translated_line : "");
  return c;
}

/* The text a mark's offsets count in. */
static char *
mark_host_text (AttestPage              *page,
                const AttestServiceMark *mark)
{
  GPtrArray *blocks = mark->source ? page->source_blocks : page->translated_blocks;
  AttestBlock *block;

  g_assert_cmpuint (mark->block, <, blocks->len);
  block = g_ptr_array_index (blocks, mark->block);
  if (mark->row < 0)
    {
      g_assert_cmpint (mark->cell, ==, -1);
      return attest_runs_dup_text (block->runs);
    }
  g_assert_cmpint (block->kind, ==, ATTEST_BLOCK_TABLE);
  g_assert_cmpuint ((guint) mark->row, <, block->rows->len);
  {
    AttestTableRow *row = g_ptr_array_index (block->rows, mark->row);

    g_assert_cmpint (mark->cell, >=, 0);
    g_assert_cmpuint ((guint) mark->cell, <, row->cells->len);
    return attest_table_cell_dup_text (g_ptr_array_index (row->cells, mark->cell));
  }
}

/* The marked text, by character offsets. */
static char *
mark_substring (AttestPage              *page,
                const AttestServiceMark *mark)
{
  g_autofree char *text = mark_host_text (page, mark);

  g_assert_cmpuint (mark->start, <, mark->end);
  g_assert_cmpuint (mark->end, <=, (guint) g_utf8_strlen (text, -1));
  return g_utf8_substring (text, mark->start, mark->end);
}

static char *
block_text (AttestPage *page,
            gboolean    source,
            guint       block)
{
  GPtrArray *blocks = source ? page->source_blocks : page->translated_blocks;

  return attest_runs_dup_text (((AttestBlock *) g_ptr_array_index (blocks, block))->runs);
}

/* Every mark well formed and in order; returns how many are on each side. */
static void
assert_marks_valid (AttestPage *page,
                    GPtrArray  *marks,
                    guint      *n_source,
                    guint      *n_translated)
{
  guint ns = 0, nt = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      g_autofree char *sub = mark_substring (page, m);

      g_assert_nonnull (sub);   /* the offsets fall inside the text (checked there) */
      g_assert_nonnull (m->service_id);
      if (m->source)
        {
          g_assert_cmpuint (nt, ==, 0);   /* source marks come first */
          ns++;
        }
      else
        nt++;
      if (i > 0)
        {
          AttestServiceMark *p = g_ptr_array_index (marks, i - 1);

          if (p->source == m->source)
            {
              g_assert_cmpuint (p->block, <=, m->block);
              if (p->block == m->block && p->row == m->row)
                g_assert_cmpuint (p->start, <=, m->start);
            }
        }
    }
  if (page->kind != ATTEST_PAGE_KIND_BILINGUAL)
    g_assert_cmpuint (nt, ==, 0);
  if (n_source != NULL)
    *n_source = ns;
  if (n_translated != NULL)
    *n_translated = nt;
}

/* The marks of @service, as "S:substring" (source) and "T:substring" lines. */
static char *
describe (AttestPage *page,
          GPtrArray  *marks,
          const char *service)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      g_autofree char *sub = NULL;

      if (g_strcmp0 (m->service_id, service) != 0)
        continue;
      sub = mark_substring (page, m);
      g_string_append_printf (out, "%s%s:%s", out->len > 0 ? "\n" : "", m->source ? "S" : "T", sub);
    }
  return g_string_free (out, FALSE);
}

static guint
count_marks (GPtrArray  *marks,
             const char *service,
             gboolean    source)
{
  guint n = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);

      if (g_strcmp0 (m->service_id, service) == 0 && m->source == source)
        n++;
    }
  return n;
}

/* Case-folded, blanks collapsed. */
static char *
name_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t\n\u00a0", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

static gboolean
key_is (const char *key,
        const char *name)
{
  g_autofree char *k = NULL;

  if (name == NULL)
    return FALSE;
  k = name_key (name);
  if (g_str_equal (k, key))
    return TRUE;
  return g_str_has_prefix (k, "microsoft ") && g_str_equal (k + strlen ("microsoft "), key);
}

/* Whether @text is one of @service's names (rule 3's sense). */
static gboolean
is_a_name (const char                *text,
           const AttestMatrixService *service)
{
  g_autofree char *key = name_key (text);

  if (key_is (key, service->name))
    return TRUE;
  for (guint i = 0; i < service->aliases->len; i++)
    if (key_is (key, g_ptr_array_index (service->aliases, i)))
      return TRUE;
  for (guint i = 0; i < service->translations->len; i++)
    if (key_is (key, ((AttestMatrixTranslation *) g_ptr_array_index (service->translations, i))->name))
      return TRUE;
  return FALSE;
}

/* ---- the SOC fr-FR seed and a hand-made matrix ----------------------- */

static AttestMatrix *
soc_matrix (void)
{
  AttestMatrix *matrix = attest_matrix_new ();
  AttestMatrixFramework *soc = attest_matrix_add_framework (matrix, "soc", "System and Organization Controls", "SOC", "Global");
  AttestMatrixFramework *iso = attest_matrix_add_framework (matrix, "iso-27001", "ISO/IEC 27001", "ISO 27001", "Global");
  AttestMatrixService *s;
  const char *azure_line = "Azure, Azure Government, and Azure Germany";
  const char *azure_tr = "Azure, Azure Gouvernement et Azure Allemagne";

  attest_matrix_framework_add_scope (soc, "soc/soc-1", "SOC 1", NULL);
  attest_matrix_framework_add_scope (soc, "soc/soc-2", "SOC 2", NULL);
  attest_matrix_framework_add_scope (soc, "soc/soc-3", "SOC 3", NULL);
  attest_matrix_framework_add_scope (iso, "iso-27001/iso-27001", "ISO 27001", NULL);

  s = add_service (matrix, "stream", "Stream", NULL);
  add_translation (s, "fr", "Flux");
  add_translation (s, "zh-TW", "串流");
  add_cell (matrix, "soc/soc-1", "stream", "not-started", "Stream", "Flux");
  add_cell (matrix, "soc/soc-3", "stream", "in-progress", "Stream", "Flux");

  add_service (matrix, "azure", "Azure", NULL);
  add_service (matrix, "azure-government", "Azure Government", "Azure U.S. Government", NULL);
  add_service (matrix, "azure-germany", "Azure Germany", "Microsoft Cloud Deutschland", NULL);
  add_cell (matrix, "soc/soc-1", "azure", "not-started", azure_line, azure_tr);
  add_cell (matrix, "soc/soc-1", "azure-government", "satisfied", azure_line, azure_tr);
  add_cell (matrix, "soc/soc-1", "azure-germany", "exception", azure_line, azure_tr);

  s = add_service (matrix, "microsoft-defender-for-cloud-apps", "Microsoft Defender for Cloud Apps",
                   "Cloud App Security", NULL);
  add_translation (s, "fr", "Sécurité de l’application cloud");
  add_cell (matrix, "soc/soc-2", "microsoft-defender-for-cloud-apps", "not-started",
            "Cloud App Security", "Sécurité de l’application cloud");

  /* In scope of the SOC 1/2 list's long line; flagged in SOC 3. */
  add_service (matrix, "power-bi", "Power BI", "Power BI cloud service", NULL);
  add_cell (matrix, "soc/soc-1", "power-bi", "not-started",
            "Power BI cloud service either as a standalone service or as included in an Office 365 branded plan or suite",
            NULL);
  add_cell (matrix, "soc/soc-3", "power-bi", "no-longer-in-scope", "Power BI", "Power BI");

  /* "Microsoft " in front is not part of the name the page writes. */
  add_service (matrix, "microsoft-graph", "Microsoft Graph", NULL);
  add_cell (matrix, "soc/soc-2", "microsoft-graph", "not-started", "Graph", "Graph");

  /* On the page, but in scope of another framework only. */
  add_service (matrix, "intune", "Intune", NULL);
  add_cell (matrix, "iso-27001/iso-27001", "intune", "not-started", "Intune", "Intune");

  /* A whole line the service's names do not occur in. */
  add_service (matrix, "managed-desktop", "Modern Desktop", NULL);
  add_cell (matrix, "soc/soc-2", "managed-desktop", "not-started", "Microsoft Managed Desktop",
            "Bureau géré Microsoft");
  return matrix;
}

static void
test_soc_fr (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autoptr(AttestMatrix) matrix = soc_matrix ();
  g_autoptr(GPtrArray) marks = attest_page_mark_services (page, matrix, "soc", "fr");
  g_autofree char *stream = NULL;
  g_autofree char *azure = NULL;
  g_autofree char *gov = NULL;
  g_autofree char *germany = NULL;
  g_autofree char *cas = NULL;
  g_autofree char *graph = NULL;
  g_autofree char *pbi = NULL;
  g_autofree char *desktop = NULL;
  guint ns = 0, nt = 0;

  g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_BILINGUAL);
  assert_marks_valid (page, marks, &ns, &nt);
  g_assert_cmpuint (ns, >, 0);
  g_assert_cmpuint (nt, >, 0);

  /* Stream: "Stream" in the source of both lists, "Flux" in their translation. */
  stream = describe (page, marks, "stream");
  g_test_message ("stream:\n%s", stream);
  g_assert_cmpuint (count_marks (marks, "stream", TRUE), ==, 2);
  g_assert_cmpuint (count_marks (marks, "stream", FALSE), ==, 2);
  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      g_autofree char *sub = NULL;
      g_autofree char *whole = NULL;

      if (g_strcmp0 (m->service_id, "stream") != 0)
        continue;
      sub = mark_substring (page, m);
      whole = block_text (page, m->source, m->block);
      g_assert_cmpstr (sub, ==, m->source ? "Stream" : "Flux");
      g_assert_cmpstr (whole, ==, m->source ? "Stream" : "Flux");
      g_assert_cmpuint (m->start, ==, 0);
      g_assert_cmpuint (m->end, ==, m->source ? 6 : 4);
      g_assert_cmpint (m->row, ==, -1);
      g_assert_cmpint (m->cell, ==, -1);
    }

  /* Three services on one line, each its own words: not "Azure" inside
   * "Azure Government". */
  azure = describe (page, marks, "azure");
  gov = describe (page, marks, "azure-government");
  germany = describe (page, marks, "azure-germany");
  g_test_message ("azure:\n%s\ngov:\n%s\ngermany:\n%s", azure, gov, germany);
  /* (The line stands in both lists: SOC 1 and 2, SOC 3.) */
  g_assert_cmpuint (count_marks (marks, "azure", TRUE), ==, 2);
  g_assert_cmpuint (count_marks (marks, "azure-government", TRUE), ==, 2);
  g_assert_cmpuint (count_marks (marks, "azure-germany", TRUE), ==, 2);
  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);

      if (!m->source || !g_str_has_prefix (m->service_id, "azure"))
        continue;
      if (g_str_equal (m->service_id, "azure"))
        {
          g_assert_cmpuint (m->start, ==, 0);
          g_assert_cmpuint (m->end, ==, 5);
        }
      else if (g_str_equal (m->service_id, "azure-government"))
        {
          g_assert_cmpuint (m->start, ==, 7);
          g_assert_cmpuint (m->end, ==, 23);
        }
      else
        {
          g_assert_cmpuint (m->start, ==, 29);
          g_assert_cmpuint (m->end, ==, 42);
        }
    }
  /* The translation names only "Azure" of the three: the others, one of
   * several on their line, are not guessed at. */
  g_assert_cmpuint (count_marks (marks, "azure", FALSE), ==, 2);
  g_assert_cmpuint (count_marks (marks, "azure-government", FALSE), ==, 0);
  g_assert_cmpuint (count_marks (marks, "azure-germany", FALSE), ==, 0);

  /* The former name on the source side, the translation on the other. */
  cas = describe (page, marks, "microsoft-defender-for-cloud-apps");
  g_assert_cmpstr (cas, ==, "S:Cloud App Security\nS:Cloud App Security\n"
                   "T:Sécurité de l’application cloud\nT:Sécurité de l’application cloud");

  /* "Graph" is Microsoft Graph; the translation kept the name. */
  graph = describe (page, marks, "microsoft-graph");
  g_test_message ("graph:\n%s", graph);
  g_assert_cmpuint (count_marks (marks, "microsoft-graph", TRUE), ==, 2);
  g_assert_cmpuint (count_marks (marks, "microsoft-graph", FALSE), ==, 2);
  g_assert_null (strstr (graph, "Microsoft"));

  /* Not in scope of SOC (only of ISO 27001): never marked. */
  g_assert_cmpuint (count_marks (marks, "intune", TRUE) + count_marks (marks, "intune", FALSE), ==, 0);

  /* Flagged in SOC 3: its "Power BI" line is not marked; the SOC 1 line is,
   * by the longest alias; its translation names it too. */
  pbi = describe (page, marks, "power-bi");
  g_test_message ("power-bi:\n%s", pbi);
  g_assert_cmpstr (pbi, ==, "S:Power BI cloud service\nT:Power BI");

  /* No name occurs: the whole line on the source side; the translation,
   * one service on its line, is marked whole too. */
  desktop = describe (page, marks, "managed-desktop");
  g_test_message ("desktop:\n%s", desktop);
  g_assert_cmpstr (desktop, ==, "S:Microsoft Managed Desktop\nS:Microsoft Managed Desktop\n"
                   "T:Bureau géré Microsoft\nT:Bureau géré Microsoft");

  /* A translated mark lies in the pair of a source block marked for the
   * same service (this page's two lists align block for block). */
  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *t = g_ptr_array_index (marks, i);
      gboolean paired = FALSE;

      if (t->source)
        continue;
      for (guint k = 0; k < marks->len && !paired; k++)
        {
          AttestServiceMark *s = g_ptr_array_index (marks, k);

          paired = s->source && s->block == t->block && g_str_equal (s->service_id, t->service_id);
        }
      g_assert_true (paired);
    }

  /* No other language's names, no unknown framework. */
  {
    g_autoptr(GPtrArray) none = attest_page_mark_services (page, matrix, "no-such-framework", "fr");

    g_assert_cmpuint (none->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) zh = attest_page_mark_services (page, matrix, "soc", "zh-TW");

    /* Without French names, "Flux" (one service on its line) is still
     * marked, as a whole; "Sécurité de l’application cloud" too. */
    g_assert_cmpuint (count_marks (zh, "stream", FALSE), ==, 2);
    g_assert_cmpuint (zh->len, ==, marks->len);
  }
}

/* ---- several services on one line; plain English pages ------------- */

static void
test_several_and_english (void)
{
  g_autoptr(AttestPage) page = parse ("# Offering\n\n"
                                      "## Microsoft in-scope cloud services\n\n"
                                      "- Office 365, Office 365 U.S. Government, and Office 365 U.S. Government Defense\n"
                                      "- Dynamics 365 U.S. Government and Dynamics 365\n"
                                      "  - Azure Government\n"
                                      "- MICROSOFT Graph (formerly Graph API)\n\n"
                                      "## Resources\n\n"
                                      "- Office 365\n");
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  AttestMatrixFramework *f = attest_matrix_add_framework (matrix, "off", "Offering", "OFF", "Other");
  const char *o365 = "Office 365, Office 365 U.S. Government, and Office 365 U.S. Government Defense";
  const char *d365 = "Dynamics 365 U.S. Government and Dynamics 365";
  g_autoptr(GPtrArray) marks = NULL;
  static const struct { const char *service; guint start, end; } expected[] = {
    { "office-365", 0, 10 },
    { "office-365-gov", 12, 38 },
    { "office-365-dod", 44, 78 },
  };
  guint ns = 0, nt = 0;

  attest_matrix_framework_add_scope (f, "off/off", "OFF", NULL);
  add_service (matrix, "office-365", "Office 365", "O365", NULL);
  add_service (matrix, "office-365-gov", "Office 365 U.S. Government", "Office 365 GCC", NULL);
  add_service (matrix, "office-365-dod", "Office 365 U.S. Government Defense", NULL);
  add_service (matrix, "dynamics-365", "Dynamics 365", NULL);
  add_service (matrix, "dynamics-365-gov", "Dynamics 365 U.S. Government", NULL);
  add_service (matrix, "azure-government", "Azure Government", NULL);
  add_service (matrix, "graph", "Microsoft Graph", NULL);
  add_cell (matrix, "off/off", "office-365", "not-started", o365, NULL);
  add_cell (matrix, "off/off", "office-365-gov", "not-started", o365, NULL);
  add_cell (matrix, "off/off", "office-365-dod", "not-started", o365, NULL);
  add_cell (matrix, "off/off", "dynamics-365", "not-started", d365, NULL);
  add_cell (matrix, "off/off", "dynamics-365-gov", "not-started", d365, NULL);
  /* A nested item is not a line of the in-scope list. */
  add_cell (matrix, "off/off", "azure-government", "not-started", "Azure Government", NULL);
  add_cell (matrix, "off/off", "graph", "not-started", "MICROSOFT Graph (formerly Graph API)", NULL);

  marks = attest_page_mark_services (page, matrix, "off", NULL);
  assert_marks_valid (page, marks, &ns, &nt);
  g_assert_true (page->source_blocks == page->translated_blocks);
  g_assert_cmpuint (nt, ==, 0);          /* one block list: marked once */
  g_assert_cmpuint (ns, ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      g_autofree char *sub = mark_substring (page, m);

      g_assert_true (m->source);
      g_assert_cmpstr (m->service_id, ==, expected[i].service);
      g_assert_cmpuint (m->start, ==, expected[i].start);
      g_assert_cmpuint (m->end, ==, expected[i].end);
      g_test_message ("%s: %s", m->service_id, sub);
    }
  /* The longer name placed first; the shorter takes the words left. */
  {
    AttestServiceMark *gov = g_ptr_array_index (marks, 3);
    AttestServiceMark *d = g_ptr_array_index (marks, 4);
    g_autofree char *sub = mark_substring (page, d);

    g_assert_cmpstr (gov->service_id, ==, "dynamics-365-gov");
    g_assert_cmpuint (gov->start, ==, 0);
    g_assert_cmpstr (d->service_id, ==, "dynamics-365");
    g_assert_cmpuint (d->start, ==, 33);
    g_assert_cmpstr (sub, ==, "Dynamics 365");
  }
  /* Case-insensitive, and the longest of the names. */
  {
    AttestServiceMark *g = g_ptr_array_index (marks, 5);
    g_autofree char *sub = mark_substring (page, g);

    g_assert_cmpstr (g->service_id, ==, "graph");
    g_assert_cmpstr (sub, ==, "MICROSOFT Graph");
  }
  g_assert_cmpuint (count_marks (marks, "azure-government", TRUE), ==, 0);
}

/* ---- the in-scope section; an applicability table -------------------- */

static void
test_in_scope_section (void)
{
  static const struct { const char *md; const char *key; } cases[] = {
    { "# T\n\n## Overview\n\n## Microsoft in-scope cloud services\n\n- A\n", "microsoft-in-scope-cloud-services" },
    { "# T\n\n## Microsoft in-scope cloud platforms & services\n\n- A\n", "microsoft-in-scope-cloud-platforms--services" },
    { "# T\n\n## Services In Scope\n\n- A\n", "services-in-scope" },
    /* A translated heading: found by its English anchor. */
    { "# T\n\n## <a name=\"microsoft-in-scope-cloud-services\"></a>" TTU ("x-1", "Services concernés") "\n\n- A\n",
      "microsoft-in-scope-cloud-services" },
    { "# T\n\n## Overview\n\n## Resources\n\n- A\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttestPage) page = parse (cases[i].md);
      int s = attest_page_find_in_scope_section (page);

      if (cases[i].key == NULL)
        g_assert_cmpint (s, ==, -1);
      else
        {
          g_assert_cmpint (s, >=, 0);
          g_assert_cmpstr (((AttestSection *) g_ptr_array_index (page->sections, s))->key, ==, cases[i].key);
        }
    }
}

static void
test_applicability_table (void)
{
  g_autoptr(AttestPage) page = parse ("# SOC 2\n\n## Office 365 applicability and in-scope services\n\n"
                                      "| **Applicability** | **In-scope services** |\n|:--|:--|\n"
                                      "| **Commercial** | Stream |\n"
                                      "| **GCC** | Exchange Online, Power  BI<br>Planner |\n\n"
                                      "Power BI is not in a table.\n");
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  AttestMatrixFramework *f = attest_matrix_add_framework (matrix, "soc", "SOC", "SOC", "Global");
  const char *gcc = "GCC: Exchange Online, Power  BI Planner";
  g_autoptr(GPtrArray) marks = NULL;
  static const struct { const char *service; guint start, end; const char *text; } expected[] = {
    { "exchange-online", 0, 15, "Exchange Online" },
    { "power-bi", 17, 26, "Power  BI" },
    { "planner", 27, 34, "Planner" },
  };

  attest_matrix_framework_add_scope (f, "soc/soc-2", "SOC 2", NULL);
  attest_matrix_framework_add_scope (f, "soc/soc-2-gcc", "SOC 2 · GCC", "soc/soc-2");
  add_service (matrix, "exchange-online", "Exchange Online", NULL);
  add_service (matrix, "power-bi", "Power BI", NULL);
  add_service (matrix, "planner", "Microsoft Planner", NULL);
  add_service (matrix, "made-up", "Made Up", NULL);
  add_cell (matrix, "soc/soc-2-gcc", "exchange-online", "not-started", gcc, NULL);
  add_cell (matrix, "soc/soc-2-gcc", "power-bi", "not-started", gcc, NULL);
  add_cell (matrix, "soc/soc-2-gcc", "planner", "not-started", gcc, NULL);
  /* Its name is not in the cell: a cell is never marked whole. */
  add_cell (matrix, "soc/soc-2-gcc", "made-up", "not-started", gcc, NULL);

  marks = attest_page_mark_services (page, matrix, "soc", NULL);
  assert_marks_valid (page, marks, NULL, NULL);
  /* Stream is in the table but in scope of nothing here. */
  g_assert_cmpuint (marks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      g_autofree char *sub = mark_substring (page, m);

      g_assert_true (m->source);
      g_assert_cmpuint (m->block, ==, 2);
      g_assert_cmpint (m->row, ==, 2);
      g_assert_cmpint (m->cell, ==, 1);
      g_assert_cmpstr (m->service_id, ==, expected[i].service);
      g_assert_cmpuint (m->start, ==, expected[i].start);
      g_assert_cmpuint (m->end, ==, expected[i].end);
      g_assert_cmpstr (sub, ==, expected[i].text);
    }
}

/* ---- Chinese: character offsets ------------------------------------ */

static void
test_mars_e_zh (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-mars-e.zh-TW.md");
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  AttestMatrixFramework *f = attest_matrix_add_framework (matrix, "mars-e", "MARS-E", "MARS-E 2.0", "US");
  g_autoptr(GPtrArray) marks = NULL;
  gboolean seen_gov = FALSE;

  attest_matrix_framework_add_scope (f, "mars-e/mars-e", "MARS-E 2.0", NULL);
  add_service (matrix, "azure", "Azure", NULL);
  add_service (matrix, "azure-government", "Azure Government", NULL);
  add_service (matrix, "intune", "Intune", NULL);
  add_cell (matrix, "mars-e/mars-e", "azure", "not-started", "Azure and Azure Government", "Azure 和 Azure Government");
  add_cell (matrix, "mars-e/mars-e", "azure-government", "not-started", "Azure and Azure Government",
            "Azure 和 Azure Government");
  add_cell (matrix, "mars-e/mars-e", "intune", "not-started", "Intune", "Intune");

  marks = attest_page_mark_services (page, matrix, "mars-e", "zh-TW");
  assert_marks_valid (page, marks, NULL, NULL);
  g_assert_cmpuint (count_marks (marks, "azure", FALSE), ==, 1);
  g_assert_cmpuint (count_marks (marks, "intune", FALSE), ==, 1);
  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      g_autofree char *sub = mark_substring (page, m);
      g_autofree char *whole = mark_host_text (page, m);

      if (m->source || !g_str_equal (m->service_id, "azure-government"))
        continue;
      /* "Azure 和 " is 8 characters and 10 bytes. */
      g_assert_cmpstr (whole, ==, "Azure 和 Azure Government");
      g_assert_cmpuint (m->start, ==, 8);
      g_assert_cmpuint (m->end, ==, 24);
      g_assert_cmpstr (sub, ==, "Azure Government");
      seen_gov = TRUE;
    }
  g_assert_true (seen_gov);
}

/* A translated name in Chinese, next to other Chinese: no word boundary
 * there, character offsets after multi-byte text. */
static void
test_chinese_names (void)
{
  g_autoptr(AttestPage) page = parse ("## <a name=\"microsoft-in-scope-cloud-services\"></a>"
                                      PAIR ("c-1", "Microsoft 範圍內雲端服務", "Microsoft in-scope cloud services") "\n\n"
                                      "- " PAIR ("c-2", "雲端的串流服務與 Intune", "Stream and Intune in the cloud") "\n");
  g_autoptr(AttestMatrix) matrix = soc_matrix ();
  g_autoptr(GPtrArray) marks = NULL;
  g_autofree char *stream = NULL;
  g_autofree char *intune = NULL;

  add_cell (matrix, "soc/soc-2", "stream", "not-started", "Stream and Intune in the cloud", NULL);
  add_cell (matrix, "soc/soc-2", "intune", "not-started", "Stream and Intune in the cloud", NULL);
  marks = attest_page_mark_services (page, matrix, "soc", "zh-TW");
  assert_marks_valid (page, marks, NULL, NULL);
  stream = describe (page, marks, "stream");
  intune = describe (page, marks, "intune");
  g_assert_cmpstr (stream, ==, "S:Stream\nT:串流");
  g_assert_cmpstr (intune, ==, "S:Intune\nT:Intune");
  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);

      if (m->source)
        continue;
      if (g_str_equal (m->service_id, "stream"))
        {
          g_assert_cmpuint (m->start, ==, 3);
          g_assert_cmpuint (m->end, ==, 5);
        }
      else
        {
          g_assert_cmpuint (m->start, ==, 9);
          g_assert_cmpuint (m->end, ==, 15);
        }
    }
}

/* ---- a translation-only page ---------------------------------------- */

static void
test_translation_only (void)
{
  g_autoptr(AttestPage) page = parse ("## <a name=\"microsoft-in-scope-cloud-services\"></a>"
                                      TTU ("x-1", "Services concernés") "\n\n"
                                      "- " TTU ("x-2", "Flux") "\n"
                                      "- " TTU ("x-3", "Service Power BI autonome") "\n"
                                      "- " TTU ("x-4", "Bureau géré") "\n");
  g_autoptr(AttestMatrix) matrix = soc_matrix ();
  g_autoptr(GPtrArray) marks = NULL;
  g_autofree char *stream = NULL;
  g_autofree char *pbi = NULL;
  guint ns = 0, nt = 0;

  g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_TRANSLATION_ONLY);
  /* "Flux": the translated_line a bilingual variant left; the Power BI line:
   * the page itself put it in scope (its source_line is the translation). */
  add_cell (matrix, "soc/soc-2", "power-bi", "not-started", "Service Power BI autonome", NULL);
  marks = attest_page_mark_services (page, matrix, "soc", "fr");
  assert_marks_valid (page, marks, &ns, &nt);
  g_assert_cmpuint (nt, ==, 0);
  stream = describe (page, marks, "stream");
  pbi = describe (page, marks, "power-bi");
  g_assert_cmpstr (stream, ==, "S:Flux");
  g_assert_cmpstr (pbi, ==, "S:Power BI");
  /* "Bureau géré" is no line of the matrix. */
  g_assert_cmpuint (ns, ==, 2);
}

/* ---- an English 2023 page with an applicability table, end to end ---- */

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

static void
add_alias_once (AttestMatrixService *s,
                const char          *alias)
{
  if (alias == NULL || g_strcmp0 (alias, s->name) == 0)
    return;
  for (guint i = 0; i < s->aliases->len; i++)
    if (g_strcmp0 (g_ptr_array_index (s->aliases, i), alias) == 0)
      return;
  g_ptr_array_add (s->aliases, g_strdup (alias));
}

/* The matrix the store would build from this one page, without the store:
 * services by canonical name, aliases from services.tsv and the page. */
static AttestMatrix *
matrix_from_offering (AttestOffering     *o,
                      AttestServiceTable *names)
{
  AttestMatrix *matrix = attest_matrix_new ();
  AttestMatrixFramework *f = attest_matrix_add_framework (matrix, o->framework_id, o->source_title,
                                                          o->short_name, o->category);

  for (guint i = 0; i < o->scopes->len; i++)
    {
      AttestOfferingScope *s = g_ptr_array_index (o->scopes, i);
      g_autofree char *id = g_strdup_printf ("%s/%s", o->framework_id, s->slug);
      g_autofree char *parent = s->parent_slug != NULL ? g_strdup_printf ("%s/%s", o->framework_id, s->parent_slug) : NULL;

      attest_matrix_framework_add_scope (f, id, s->name, parent);
    }
  for (guint i = 0; i < o->mentions->len; i++)
    {
      AttestOfferingMention *m = g_ptr_array_index (o->mentions, i);
      const char *canonical = o->translation_only ? NULL : attest_service_table_canonical (names, m->name);
      g_autofree char *id = NULL;
      g_autofree char *scope = g_strdup_printf ("%s/%s", o->framework_id, m->scope_slug);
      AttestMatrixService *s;
      AttestMatrixCell *c;

      if (canonical == NULL && m->former != NULL && !o->translation_only)
        canonical = attest_service_table_canonical (names, m->former);
      if (canonical == NULL)
        canonical = m->name;
      id = attest_service_names_slug (canonical);
      s = attest_matrix_lookup_service (matrix, id);
      if (s == NULL)
        {
          GPtrArray *aliases;

          s = attest_matrix_add_service (matrix, id, canonical, o->translation_only);
          aliases = attest_service_table_aliases (names, canonical);
          for (guint a = 0; aliases != NULL && a < aliases->len; a++)
            add_alias_once (s, g_ptr_array_index (aliases, a));
        }
      add_alias_once (s, m->name);
      add_alias_once (s, m->former);
      if (m->translated_name != NULL && o->lang != NULL)
        add_translation (s, o->lang, m->translated_name);
      /* As the store's upsert: the last line naming the cell wins. */
      c = attest_matrix_lookup_cell (matrix, scope, id);
      if (c == NULL)
        c = attest_matrix_add_cell (matrix, scope, id, "not-started");
      g_free (c->source_line);
      g_free (c->translated_line);
      c->source_line = g_strdup (m->source_line);
      c->translated_line = g_strdup (m->translated_line != NULL ? m->translated_line : "");
    }
  return matrix;
}

static AttestOffering *
offering_from_file (Tables     *t,
                    const char *path,
                    AttestPage *page)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  return attest_offering_new_from_page (page, path, bytes, t->frameworks, t->names);
}

static char *
corpus_page (const char *rel)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  char *path;

  if (corpus == NULL)
    return NULL;   /* skipped, and said why */
  path = g_build_filename (corpus, "pages", rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *msg = g_strdup_printf ("corpus page not found: %s", path);

      g_test_skip (msg);
      g_free (path);
      return NULL;
    }
  return path;
}

static void
test_english_table (void)
{
  g_autofree char *path = corpus_page ("en-US-2023/offering-soc-2.md");
  g_autofree char *root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(AttestOffering) o = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  Tables t;
  guint table_marks = 0, ns = 0;
  gboolean automate_gcc_high = FALSE;

  if (path == NULL)
    return;
  root = g_path_get_dirname (path);
  page = attest_page_load (path, root, &error);
  g_assert_no_error (error);
  tables_load (&t);
  o = offering_from_file (&t, path, page);
  matrix = matrix_from_offering (o, t.names);
  marks = attest_page_mark_services (page, matrix, o->framework_id, o->lang);
  assert_marks_valid (page, marks, &ns, NULL);

  for (guint i = 0; i < marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (marks, i);
      AttestBlock *block = g_ptr_array_index (page->source_blocks, m->block);
      g_autofree char *sub = mark_substring (page, m);
      g_autofree char *label = NULL;
      AttestMatrixService *s = attest_matrix_lookup_service (matrix, m->service_id);

      if (m->row < 0)
        continue;
      table_marks++;
      g_assert_cmpint (block->kind, ==, ATTEST_BLOCK_TABLE);
      g_assert_cmpint (m->row, >=, 1);
      g_assert_cmpint (m->cell, ==, 1);
      /* A table mark is always a name of its service, never a whole cell. */
      g_assert_nonnull (s);
      if (!is_a_name (sub, s))
        g_error ("%s: row %d: “%s” is no name of %s", path, m->row, sub, s->id);
      label = attest_table_cell_dup_text (g_ptr_array_index (((AttestTableRow *) g_ptr_array_index (block->rows, m->row))->cells, 0));
      if (g_str_equal (label, "GCC High") && g_str_equal (m->service_id, "power-automate"))
        {
          g_assert_cmpstr (sub, ==, "Power Automate");
          automate_gcc_high = TRUE;
        }
    }
  g_test_message ("%u marks, %u in applicability tables", ns, table_marks);
  g_assert_cmpuint (table_marks, >, 40);
  g_assert_true (automate_gcc_high);
  tables_clear (&t);
}

/* ---- the whole corpus, and the time a large page takes --------------- */

static gboolean
line_carries (AttestPage              *page,
              const AttestServiceMark *m,
              const char              *line)
{
  AttestBlock *block = g_ptr_array_index (page->source_blocks, m->block);
  g_autofree char *text = NULL;

  if (m->row < 0)
    text = g_strstrip (attest_runs_dup_text (block->runs));
  else
    {
      AttestTableRow *row = g_ptr_array_index (block->rows, m->row);
      g_autofree char *label = attest_table_cell_dup_text (g_ptr_array_index (row->cells, 0));
      g_autofree char *cell = attest_table_cell_dup_text (g_ptr_array_index (row->cells, 1));

      g_strdelimit (cell, "\n", ' ');
      text = g_strstrip (g_strdup_printf ("%s: %s", label, cell));
    }
  return g_strcmp0 (text, line) == 0;
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) paths = attest_test_corpus_pages (TRUE);
  guint pages = 0, cells = 0, source_marks = 0, whole = 0, translated_marks = 0, translated_lines = 0;
  guint bilingual_lines = 0;
  Tables t;

  if (paths == NULL)
    return;   /* skipped, and said why */
  {
    g_autofree char *seeds = attest_paths_bundled_offerings ();

    attest_test_collect_markdown (seeds, TRUE, paths);
  }
  if (paths->len < 10)
    {
      g_test_skip ("no corpus pages");
      return;
    }
  tables_load (&t);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *root = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPage) page = attest_page_load (path, root, &error);
      g_autoptr(AttestOffering) o = NULL;
      g_autoptr(AttestMatrix) matrix = NULL;
      g_autoptr(GPtrArray) marks = NULL;
      g_autoptr(GHashTable) translated_blocks = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) source_blocks = g_hash_table_new (NULL, NULL);

      g_assert_no_error (error);
      o = offering_from_file (&t, path, page);
      matrix = matrix_from_offering (o, t.names);
      marks = attest_page_mark_services (page, matrix, o->framework_id, o->lang);
      assert_marks_valid (page, marks, NULL, NULL);
      pages++;

      /* Each cell's line carries its service: a source mark there. */
      for (guint c = 0; c < matrix->cells->len; c++)
        {
          AttestMatrixCell *cell = g_ptr_array_index (matrix->cells, c);
          gboolean found = FALSE;

          cells++;
          for (guint k = 0; k < marks->len && !found; k++)
            {
              AttestServiceMark *m = g_ptr_array_index (marks, k);

              found = m->source && g_str_equal (m->service_id, cell->service)
                      && line_carries (page, m, cell->source_line);
            }
          if (!found)
            g_error ("%s: %s in %s, line “%s”: not marked", path, cell->service, cell->scope, cell->source_line);
        }
      for (guint k = 0; k < marks->len; k++)
        {
          AttestServiceMark *m = g_ptr_array_index (marks, k);
          g_autofree char *text = mark_host_text (page, m);

          if (m->source)
            {
              g_autofree char *sub = mark_substring (page, m);

              source_marks++;
              g_hash_table_add (source_blocks, GUINT_TO_POINTER (m->block + 1));
              /* A whole line, not simply one of the service's names. */
              if (!is_a_name (sub, attest_matrix_lookup_service (matrix, m->service_id)))
                {
                  g_assert_cmpuint (m->start, ==, 0);
                  g_assert_cmpuint (m->end, ==, (guint) g_utf8_strlen (text, -1));
                  g_assert_cmpint (m->row, ==, -1);
                  whole++;
                  g_test_message ("whole line: %s: %s: “%s”", path, m->service_id, text);
                }
            }
          else
            {
              translated_marks++;
              g_hash_table_add (translated_blocks, GUINT_TO_POINTER (m->block + 1));
            }
        }
      translated_lines += g_hash_table_size (translated_blocks);
      if (page->kind == ATTEST_PAGE_KIND_BILINGUAL)
        {
          GHashTableIter iter;
          gpointer key;

          bilingual_lines += g_hash_table_size (source_blocks);
          /* Say which lines the translation leaves unmarked (blocks pair by
           * index on these pages, mostly). */
          g_hash_table_iter_init (&iter, source_blocks);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (translated_blocks, key))
              {
                guint b = GPOINTER_TO_UINT (key) - 1;
                g_autofree char *src = block_text (page, TRUE, b);
                g_autofree char *tr = b < page->translated_blocks->len ? block_text (page, FALSE, b) : NULL;

                g_test_message ("no translated mark: %s: “%s” → “%s”", path, src, tr);
              }
        }
    }
  g_test_message ("%u pages, %u cells, %u source marks (%u whole lines not the name), "
                  "%u translated marks in %u translated blocks (of %u marked source blocks "
                  "of bilingual pages)",
                  pages, cells, source_marks, whole, translated_marks, translated_lines, bilingual_lines);
  g_assert_cmpuint (pages, >, 300);
  g_assert_cmpuint (whole * 50, <, source_marks);
  g_assert_cmpuint (translated_marks, >, 500);
  tables_clear (&t);
}

/* Marks @path against its own matrix grown to 400 services (each in scope
 * of every scope of the framework, with lines the page does not hold, so
 * the index is full size); the best and worst of 21 rounds. */
static void
time_page (Tables     *t,
           const char *path,
           const char *what)
{
  g_autofree char *root = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = attest_page_load (path, root, &error);
  g_autoptr(AttestOffering) o = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  AttestMatrixFramework *f;
  double best = G_MAXDOUBLE, worst = 0;
  guint n_marks = 0;
  GStatBuf st;

  g_assert_no_error (error);
  o = offering_from_file (t, path, page);
  matrix = matrix_from_offering (o, t->names);
  f = attest_matrix_lookup_framework (matrix, o->framework_id);
  for (guint i = matrix->services->len; i < 400; i++)
    {
      g_autofree char *id = g_strdup_printf ("made-up-%u", i);
      g_autofree char *name = g_strdup_printf ("Made Up Service %u", i);
      g_autofree char *line = g_strdup_printf ("Made Up Service %u, as a standalone service", i);

      add_service (matrix, id, name, "Made Up", NULL);
      for (guint s = 0; s < f->scopes->len; s++)
        add_cell (matrix, ((AttestMatrixScope *) g_ptr_array_index (f->scopes, s))->id, id,
                  "not-started", line, line);
    }
  g_assert_cmpuint (matrix->services->len, >=, 400);

  for (guint round = 0; round < 21; round++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) marks = attest_page_mark_services (page, matrix, o->framework_id, o->lang);
      double ms = (double) (g_get_monotonic_time () - start) / 1000.0;

      best = MIN (best, ms);
      worst = MAX (worst, ms);
      n_marks = marks->len;
    }
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("marks, %s: %s (%" G_GOFFSET_FORMAT " bytes, %u blocks), %u services, %u cells, "
                  "%u marks: best %.2f ms, worst %.2f ms of 21 rounds", what, path, (goffset) st.st_size,
                  page->source_blocks->len + (page->translated_blocks != page->source_blocks
                                              ? page->translated_blocks->len : 0),
                  matrix->services->len, matrix->cells->len, n_marks, best, worst);
  g_assert_cmpuint (n_marks, >, 0);
  /* "A few ms" (well under 1 ms here); the bound leaves room for a busy
   * machine, and much more under AddressSanitizer, whose malloc is slow. */
#if UNDER_ASAN
  g_assert_cmpfloat (best, <, 500.0);
#else
  g_assert_cmpfloat (best, <, 10.0);
#endif
}

/* The largest corpus page, and the page that names the most services
 * (found once by a walk of the corpus: 112 marks against 4 on the largest). */
static void
test_timing (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *largest = NULL;
  g_autofree char *busiest = NULL;
  Tables t;

  if (corpus == NULL)
    return;   /* skipped, and said why */
  largest = attest_test_corpus_largest_page (TRUE);
  if (largest == NULL)
    return;   /* skipped, and said why */
  tables_load (&t);
  time_page (&t, largest, "largest page");
  busiest = g_build_filename (corpus, "pages", "en-US-2023", "offering-ISO-27001.md", NULL);
  if (g_file_test (busiest, G_FILE_TEST_IS_REGULAR))
    time_page (&t, busiest, "most services named");
  tables_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-marks/soc-fr", test_soc_fr);
  g_test_add_func ("/page-marks/several-and-english", test_several_and_english);
  g_test_add_func ("/page-marks/in-scope-section", test_in_scope_section);
  g_test_add_func ("/page-marks/applicability-table", test_applicability_table);
  g_test_add_func ("/page-marks/mars-e-zh", test_mars_e_zh);
  g_test_add_func ("/page-marks/chinese-names", test_chinese_names);
  g_test_add_func ("/page-marks/translation-only", test_translation_only);
  g_test_add_func ("/page-marks/english-table", test_english_table);
  g_test_add_func ("/page-marks/corpus", test_corpus);
  g_test_add_func ("/page-marks/timing", test_timing);

  return g_test_run ();
}
