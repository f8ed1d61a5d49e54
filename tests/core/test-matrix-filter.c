/* test-matrix-filter.c: the matrix model's lookups and the filter of rows and columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-matrix-filter.h"

static AttestMatrixService *
service (AttestMatrix *m,
         const char   *id,
         const char   *name,
         gboolean      mine)
{
  AttestMatrixService *s = attest_matrix_add_service (m, id, name, FALSE);

  s->mine = mine;
  return s;
}

static void
translate (AttestMatrixService *s,
           const char          *lang,
           const char          *name)
{
  AttestMatrixTranslation *t = g_new0 (AttestMatrixTranslation, 1);

  t->lang = g_strdup (lang);
  t->name = g_strdup (name);
  g_ptr_array_add (s->translations, t);
}

static AttestMatrixCell *
cell (AttestMatrix *m,
      const char   *scope,
      const char   *service_id,
      const char   *rollup,
      guint         n_exceptions)
{
  AttestMatrixCell *c = attest_matrix_add_cell (m, scope, service_id, rollup);

  c->n_items = 3;
  c->n_satisfied = 1;
  c->n_exceptions = n_exceptions;
  c->source_line = g_strdup_printf ("%s line", service_id);
  c->translated_line = g_strdup_printf ("%s ligne", service_id);
  c->qualifier = g_strdup_printf ("%s qualifier", service_id);
  c->variant_locale = g_strdup ("fr-FR");
  c->variant_date = g_strdup ("2020-02-01");
  return c;
}

/* Three frameworks (SOC with three scopes), six services, ten cells:
 *
 *             soc-1      soc-2      soc-3   iso        mars-e
 *   azure                           ns      no-longer
 *   cas       EXCEPTION                     in-progress
 *   intune               EXCEPTION                     ns
 *   power-bi  satisfied                                ns
 *   stream    ns         in-progress
 *   teams                                   ns
 */
static AttestMatrix *
sample (void)
{
  AttestMatrix *m = attest_matrix_new ();
  AttestMatrixFramework *f;
  AttestMatrixService *s;

  f = attest_matrix_add_framework (m, "soc", "Service Organization Controls", "SOC", "Global");
  attest_matrix_framework_add_scope (f, "soc/soc-1", "SOC 1", NULL);
  attest_matrix_framework_add_scope (f, "soc/soc-2", "SOC 2", NULL);
  attest_matrix_framework_add_scope (f, "soc/soc-3", "SOC 3", "soc/soc-2");
  attest_matrix_framework_add_variant (f, "fr-FR", "2020-02-01", "offering-soc.fr-FR.md", FALSE);
  attest_matrix_framework_add_variant (f, "ja-JP", "2019-06-01", "offering-soc.ja-JP.md", TRUE);
  f = attest_matrix_add_framework (m, "iso", "ISO/IEC 27001", "ISO", "Global");
  attest_matrix_framework_add_scope (f, "iso/iso", "ISO 27001", NULL);
  f = attest_matrix_add_framework (m, "mars-e", "MARS-E 2.0", "MARS-E", "US Government");
  attest_matrix_framework_add_scope (f, "mars-e/mars-e", "MARS-E 2.0", NULL);

  s = service (m, "stream", "Stream", FALSE);
  g_ptr_array_add (s->aliases, g_strdup ("Microsoft Stream"));
  translate (s, "fr", "Flux");
  s = service (m, "cas", "Cloud App Security", FALSE);
  translate (s, "fr", "Sécurité de l'application cloud");
  translate (s, "zh-TW", "雲端應用程式安全性");
  s = service (m, "power-bi", "Power BI", TRUE);
  g_ptr_array_add (s->aliases, g_strdup ("Microsoft Power BI"));
  service (m, "intune", "Intune", TRUE);
  s = service (m, "azure", "Azure", FALSE);
  translate (s, "zh-TW", "Azure");
  s = service (m, "teams", "Teams", FALSE);
  s->untranslated = TRUE;

  cell (m, "soc/soc-1", "stream", "not-started", 0);
  cell (m, "soc/soc-1", "cas", "exception", 1);
  cell (m, "soc/soc-1", "power-bi", "satisfied", 0);
  cell (m, "soc/soc-2", "stream", "in-progress", 0);
  cell (m, "soc/soc-2", "intune", "exception", 2);
  cell (m, "soc/soc-3", "azure", "not-started", 0);
  cell (m, "iso/iso", "cas", "in-progress", 0);
  cell (m, "iso/iso", "azure", "no-longer-in-scope", 0);
  cell (m, "iso/iso", "teams", "not-started", 0);
  cell (m, "mars-e/mars-e", "power-bi", "not-started", 0);
  cell (m, "mars-e/mars-e", "intune", "not-started", 0);

  attest_matrix_sort (m);
  return m;
}

/* Everything of a matrix as text, to compare before and after. */
static char *
dump (AttestMatrix *m)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < m->frameworks->len; i++)
    {
      AttestMatrixFramework *f = m->frameworks->pdata[i];

      g_string_append_printf (out, "F %s|%s|%s|%s\n", f->id, f->title, f->short_name, f->category);
      for (guint j = 0; j < f->scopes->len; j++)
        {
          AttestMatrixScope *s = f->scopes->pdata[j];
          g_string_append_printf (out, " S %s|%s|%s\n", s->id, s->name, s->parent_id ? s->parent_id : "-");
        }
      for (guint j = 0; j < f->variants->len; j++)
        {
          AttestMatrixVariant *v = f->variants->pdata[j];
          g_string_append_printf (out, " V %s|%s|%s|%d\n", v->locale, v->date, v->file_name, v->machine_translated);
        }
    }
  for (guint i = 0; i < m->services->len; i++)
    {
      AttestMatrixService *s = m->services->pdata[i];

      g_string_append_printf (out, "S %s|%s|%d|%d\n", s->id, s->name, s->untranslated, s->mine);
      for (guint j = 0; j < s->aliases->len; j++)
        g_string_append_printf (out, " A %s\n", (char *)s->aliases->pdata[j]);
      for (guint j = 0; j < s->translations->len; j++)
        {
          AttestMatrixTranslation *t = s->translations->pdata[j];
          g_string_append_printf (out, " T %s|%s\n", t->lang, t->name);
        }
    }
  for (guint i = 0; i < m->cells->len; i++)
    {
      AttestMatrixCell *c = m->cells->pdata[i];

      g_string_append_printf (out, "C %s|%s|%s|%u|%u|%u|%s|%s|%s|%s|%s\n", c->scope, c->service, c->rollup,
                              c->n_items, c->n_satisfied, c->n_exceptions, c->source_line, c->translated_line,
                              c->qualifier, c->variant_locale, c->variant_date);
    }
  return g_string_free (out, FALSE);
}

/* The ids of the services, joined with spaces. */
static char *
service_ids (AttestMatrix *m)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < m->services->len; i++)
    g_strv_builder_add (b, ((AttestMatrixService *)m->services->pdata[i])->id);
  ids = g_strv_builder_end (b);
  return g_strjoinv (" ", ids);
}

/* The scope ids of the columns, joined with spaces. */
static char *
scope_ids (AttestMatrix *m)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < m->frameworks->len; i++)
    {
      AttestMatrixFramework *f = m->frameworks->pdata[i];
      for (guint j = 0; j < f->scopes->len; j++)
        g_strv_builder_add (b, ((AttestMatrixScope *)f->scopes->pdata[j])->id);
    }
  ids = g_strv_builder_end (b);
  return g_strjoinv (" ", ids);
}

/* Applies a filter and checks the result's rows and columns. */
static AttestMatrix *
check_apply (AttestMatrix             *m,
             const AttestMatrixFilter *filter,
             const char               *services,
             const char               *scopes,
             guint                     n_cells)
{
  g_autofree char *before = dump (m);
  g_autofree char *after = NULL;
  g_autofree char *got_services = NULL;
  g_autofree char *got_scopes = NULL;
  AttestMatrix *out = attest_matrix_filter_apply (filter, m);

  g_assert_nonnull (out);
  g_assert_true (out != m);
  got_services = service_ids (out);
  got_scopes = scope_ids (out);
  g_assert_cmpstr (got_services, ==, services);
  g_assert_cmpstr (got_scopes, ==, scopes);
  g_assert_cmpuint (out->cells->len, ==, n_cells);
  g_assert_cmpuint (g_hash_table_size (out->cell_index), ==, n_cells);

  /* Every kept cell is found by its scope and service, and is a copy. */
  for (guint i = 0; i < out->cells->len; i++)
    {
      AttestMatrixCell *c = out->cells->pdata[i];
      AttestMatrixCell *orig = attest_matrix_lookup_cell (m, c->scope, c->service);

      g_assert_true (attest_matrix_lookup_cell (out, c->scope, c->service) == c);
      g_assert_nonnull (attest_matrix_lookup_service (out, c->service));
      g_assert_nonnull (orig);
      g_assert_true (orig != c);
    }
  for (guint i = 0; i < out->services->len; i++)
    {
      AttestMatrixService *s = out->services->pdata[i];
      g_assert_true (attest_matrix_lookup_service (out, s->id) == s);
      g_assert_true (attest_matrix_lookup_service (m, s->id) != s);
    }

  /* The input is untouched. */
  after = dump (m);
  g_assert_cmpstr (after, ==, before);
  return out;
}

static AttestMatrixFilter *
text_filter (const char *text)
{
  AttestMatrixFilter *f = attest_matrix_filter_new ();

  f->text = g_strdup (text);
  return f;
}

static void
test_model (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  AttestMatrixFramework *soc = NULL;
  AttestMatrixVariant *v;

  /* Sorted: frameworks by short name, services by name; lookups still work. */
  g_assert_cmpstr (((AttestMatrixFramework *)m->frameworks->pdata[0])->id, ==, "iso");
  g_assert_cmpstr (((AttestMatrixService *)m->services->pdata[0])->id, ==, "azure");
  for (guint i = 0; i < m->services->len; i++)
    {
      AttestMatrixService *s = m->services->pdata[i];
      g_assert_true (attest_matrix_lookup_service (m, s->id) == s);
    }
  g_assert_null (attest_matrix_lookup_service (m, "nothing"));
  g_assert_null (attest_matrix_lookup_service (m, NULL));
  g_assert_true (attest_matrix_lookup_service (m, "intune")->mine);
  g_assert_false (attest_matrix_lookup_service (m, "stream")->mine);

  g_assert_cmpuint (m->cells->len, ==, 11);
  g_assert_cmpuint (attest_matrix_count_in_scope (m), ==, 10);
  g_assert_cmpuint (attest_matrix_count_scopes (m), ==, 5);

  for (guint i = 0; i < m->frameworks->len; i++)
    if (g_str_equal (((AttestMatrixFramework *)m->frameworks->pdata[i])->id, "soc"))
      soc = m->frameworks->pdata[i];
  g_assert_nonnull (soc);

  /* Frameworks and scopes by id; a scope says its framework. */
  g_assert_true (attest_matrix_lookup_framework (m, "soc") == soc);
  g_assert_null (attest_matrix_lookup_framework (m, "nothing"));
  g_assert_null (attest_matrix_lookup_framework (m, NULL));
  {
    AttestMatrixFramework *owner = NULL;
    AttestMatrixScope *scope = attest_matrix_lookup_scope (m, "soc/soc-2", &owner);

    g_assert_nonnull (scope);
    g_assert_cmpstr (scope->id, ==, "soc/soc-2");
    g_assert_true (owner == soc);
    g_assert_null (attest_matrix_lookup_scope (m, "soc/none", &owner));
    g_assert_null (owner);
    g_assert_nonnull (attest_matrix_lookup_scope (m, "iso/iso", NULL));
    g_assert_null (attest_matrix_lookup_scope (m, NULL, NULL));
  }
  g_assert_cmpuint (soc->variants->len, ==, 2);
  v = soc->variants->pdata[1];
  g_assert_cmpstr (v->locale, ==, "ja-JP");
  g_assert_cmpstr (v->date, ==, "2019-06-01");
  g_assert_cmpstr (v->file_name, ==, "offering-soc.ja-JP.md");
  g_assert_true (v->machine_translated);
}

static void
test_matches (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  AttestMatrixService *stream = attest_matrix_lookup_service (m, "stream");
  AttestMatrixService *cas = attest_matrix_lookup_service (m, "cas");
  AttestMatrixService *azure = attest_matrix_lookup_service (m, "azure");

  g_assert_true (attest_matrix_service_matches (stream, NULL));
  g_assert_true (attest_matrix_service_matches (stream, ""));
  g_assert_true (attest_matrix_service_matches (stream, " \t\n"));
  g_assert_true (attest_matrix_service_matches (stream, "Flux"));
  g_assert_true (attest_matrix_service_matches (stream, "flux"));
  g_assert_false (attest_matrix_service_matches (cas, "Flux"));
  g_assert_true (attest_matrix_service_matches (stream, "microsoft stream"));
  g_assert_true (attest_matrix_service_matches (stream, "flux  stream"));
  g_assert_false (attest_matrix_service_matches (stream, "flux cloud"));
  g_assert_true (attest_matrix_service_matches (cas, "securite"));
  g_assert_true (attest_matrix_service_matches (cas, "SÉCURITÉ"));
  g_assert_true (attest_matrix_service_matches (cas, "sécurite cloud"));
  g_assert_true (attest_matrix_service_matches (cas, "l'application"));
  g_assert_true (attest_matrix_service_matches (cas, "l’application"));
  /* Spacing and punctuation are spelling: one name, one stored spelling. */
  g_assert_true (attest_matrix_service_matches (cas, "CloudAppSecurity"));
  g_assert_true (attest_matrix_service_matches (cas, "cloud-app"));
  g_assert_false (attest_matrix_service_matches (cas, "cloudstream"));
  g_assert_false (attest_matrix_service_matches (stream, "-"));
  g_assert_true (attest_matrix_service_matches (cas, "雲端"));
  g_assert_true (attest_matrix_service_matches (cas, "安全"));
  g_assert_false (attest_matrix_service_matches (azure, "雲端"));
  g_assert_false (attest_matrix_service_matches (stream, "雲端"));
  /* Compatibility forms: full-width letters. */
  g_assert_true (attest_matrix_service_matches (azure, "ＡＺＵＲＥ"));
}

static void
test_text (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  struct {
    const char *text;
    const char *services;
    guint n_cells;
  } cases[] = {
    { "Flux", "stream", 2 },
    { "securite", "cas", 2 },
    { "flux stream", "stream", 2 },
    { "stream flux", "stream", 2 },
    { "flux cloud", "", 0 },
    { "雲端", "cas", 2 },
    { "microsoft", "power-bi stream", 4 },
    { "  ", "azure cas intune power-bi stream teams", 11 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttestMatrixFilter) filter = text_filter (cases[i].text);
      g_autoptr(AttestMatrix) out = check_apply (m, filter, cases[i].services,
                                                 "iso/iso mars-e/mars-e soc/soc-1 soc/soc-2 soc/soc-3",
                                                 cases[i].n_cells);

      /* Frameworks keep every scope and their variants without "exceptions only". */
      g_assert_cmpuint (out->frameworks->len, ==, 3);
      g_assert_cmpuint (((AttestMatrixFramework *)out->frameworks->pdata[2])->variants->len, ==, 2);
    }
}

static void
test_frameworks (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(AttestMatrix) a = NULL;
  g_autoptr(AttestMatrix) b = NULL;
  g_autoptr(AttestMatrix) c = NULL;

  attest_matrix_filter_set_framework (filter, "soc", TRUE);
  a = check_apply (m, filter, "azure cas intune power-bi stream teams", "soc/soc-1 soc/soc-2 soc/soc-3", 6);
  g_assert_nonnull (attest_matrix_lookup_cell (a, "soc/soc-2", "intune"));
  g_assert_null (attest_matrix_lookup_cell (a, "iso/iso", "cas"));
  /* The scope keeps its parent. */
  g_assert_cmpstr (((AttestMatrixScope *)((AttestMatrixFramework *)a->frameworks->pdata[0])->scopes->pdata[2])->parent_id,
                   ==, "soc/soc-2");

  /* Unknown ids are ignored... */
  attest_matrix_filter_set_framework (filter, "no-such-framework", TRUE);
  attest_matrix_filter_set_framework (filter, "mars-e", TRUE);
  b = check_apply (m, filter, "azure cas intune power-bi stream teams",
                   "mars-e/mars-e soc/soc-1 soc/soc-2 soc/soc-3", 8);

  /* ...and if no id is known, every framework is shown. */
  attest_matrix_filter_set_framework (filter, "soc", FALSE);
  attest_matrix_filter_set_framework (filter, "mars-e", FALSE);
  g_assert_true (attest_matrix_filter_is_active (filter));
  c = check_apply (m, filter, "azure cas intune power-bi stream teams",
                   "iso/iso mars-e/mars-e soc/soc-1 soc/soc-2 soc/soc-3", 11);
}

static void
test_mine (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(AttestMatrix) out = NULL;

  filter->mine_only = TRUE;
  out = check_apply (m, filter, "intune power-bi", "iso/iso mars-e/mars-e soc/soc-1 soc/soc-2 soc/soc-3", 4);
  for (guint i = 0; i < out->services->len; i++)
    g_assert_true (((AttestMatrixService *)out->services->pdata[i])->mine);
}

static void
test_exceptions (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(AttestMatrix) a = NULL;
  g_autoptr(AttestMatrix) b = NULL;
  g_autoptr(AttestMatrix) c = NULL;
  g_autoptr(AttestMatrix) d = NULL;
  g_autoptr(AttestMatrix) e = NULL;

  filter->exceptions_only = TRUE;
  /* Only SOC has exceptions, in two of its three scopes; ISO and MARS-E go. */
  a = check_apply (m, filter, "cas intune", "soc/soc-1 soc/soc-2", 2);
  g_assert_cmpuint (a->frameworks->len, ==, 1);
  g_assert_cmpstr (attest_matrix_lookup_cell (a, "soc/soc-1", "cas")->rollup, ==, "exception");
  g_assert_cmpuint (attest_matrix_lookup_cell (a, "soc/soc-2", "intune")->n_exceptions, ==, 2);

  /* With "My services": only Intune's exception. */
  filter->mine_only = TRUE;
  b = check_apply (m, filter, "intune", "soc/soc-2", 1);

  /* With a framework that has none: nothing at all. */
  filter->mine_only = FALSE;
  attest_matrix_filter_set_framework (filter, "iso", TRUE);
  c = check_apply (m, filter, "", "", 0);
  g_assert_cmpuint (c->frameworks->len, ==, 0);

  /* An exception counted on a flagged cell counts too. */
  attest_matrix_lookup_cell (m, "iso/iso", "azure")->n_exceptions = 1;
  d = check_apply (m, filter, "azure", "iso/iso", 1);

  /* With text: the words pick the rows first. */
  attest_matrix_filter_set_framework (filter, "iso", FALSE);
  g_free (filter->text);
  filter->text = g_strdup ("securite");
  e = check_apply (m, filter, "cas", "soc/soc-1", 1);
}

static void
test_combination (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  g_autoptr(AttestMatrixFilter) filter = text_filter ("azure");
  g_autoptr(AttestMatrix) a = NULL;
  g_autoptr(AttestMatrix) b = NULL;

  attest_matrix_filter_set_framework (filter, "iso", TRUE);
  attest_matrix_filter_set_framework (filter, "mars-e", TRUE);
  /* MARS-E stays although Azure is not in its scope. */
  a = check_apply (m, filter, "azure", "iso/iso mars-e/mars-e", 1);
  g_assert_cmpstr (attest_matrix_lookup_cell (a, "iso/iso", "azure")->rollup, ==, "no-longer-in-scope");

  g_free (filter->text);
  filter->text = g_strdup ("power");
  filter->mine_only = TRUE;
  b = check_apply (m, filter, "power-bi", "iso/iso mars-e/mars-e", 1);
}

static void
test_deep_copy (void)
{
  AttestMatrix *m = sample ();
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autofree char *expected = dump (m);
  g_autofree char *got = NULL;
  g_autoptr(AttestMatrix) out = attest_matrix_filter_apply (filter, m);

  /* An inactive filter copies everything, in order, and the copy outlives
   * its source. */
  attest_matrix_free (m);
  got = dump (out);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpstr (attest_matrix_lookup_cell (out, "soc/soc-1", "cas")->variant_date, ==, "2020-02-01");
  g_assert_cmpstr (attest_matrix_lookup_service (out, "cas")->name, ==, "Cloud App Security");
  g_assert_cmpuint (attest_matrix_count_in_scope (out), ==, 10);
}

static void
check_round_trip (AttestMatrixFilter *filter)
{
  g_autofree char *text = attest_matrix_filter_to_string (filter);
  g_autoptr(AttestMatrixFilter) back = attest_matrix_filter_new_from_string (text);
  g_autofree char *again = attest_matrix_filter_to_string (back);

  g_assert_true (attest_matrix_filter_equal (filter, back));
  g_assert_cmpstr (text, ==, again);
  g_assert_cmpint (attest_matrix_filter_is_active (filter), ==, attest_matrix_filter_is_active (back));
}

static void
test_round_trip (void)
{
  const char *texts[] = {
    NULL, "", "stream", "l'application", "l’application", "say \"hi\"", "it's \"both\"",
    "two\nlines\tand tab", "back\\slash", "雲端 服務", "%s %n {'text': <5>}", "<'nested'>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AttestMatrixFilter) filter = text_filter (texts[i]);

      check_round_trip (filter);
      attest_matrix_filter_set_framework (filter, "soc", TRUE);
      attest_matrix_filter_set_framework (filter, "iso/it's", TRUE);
      filter->mine_only = TRUE;
      check_round_trip (filter);
      filter->exceptions_only = TRUE;
      filter->mine_only = FALSE;
      check_round_trip (filter);
    }

  /* Unknown keys are ignored, known ones still read; a later version too. */
  {
    g_autoptr(AttestMatrixFilter) f =
      attest_matrix_filter_new_from_string ("{'v': <uint32 7>, 'colour': <'red'>, 'text': <'x'>, "
                                            "'frameworks': <['soc', 'soc', '']>, 'exceptions': <true>}");
    g_assert_cmpstr (f->text, ==, "x");
    g_assert_cmpuint (f->frameworks->len, ==, 1);
    g_assert_true (f->exceptions_only);
    g_assert_false (f->mine_only);
  }
  /* Bad values are defaults, good ones beside them still count. */
  {
    g_autoptr(AttestMatrixFilter) f =
      attest_matrix_filter_new_from_string ("{'text': <5>, 'frameworks': <[1, 2]>, 'mine': <'yes'>, 'exceptions': <true>}");
    g_assert_null (f->text);
    g_assert_cmpuint (f->frameworks->len, ==, 0);
    g_assert_false (f->mine_only);
    g_assert_true (f->exceptions_only);
  }
}

static void
test_expiry_state (void)
{
  /* The expiry date is the last good day: expired from the day after. */
  g_assert_cmpint (attest_expiry_state (NULL, "2026-11-23"), ==, ATTEST_EXPIRY_NONE);
  g_assert_cmpint (attest_expiry_state ("", "2026-11-23"), ==, ATTEST_EXPIRY_NONE);
  g_assert_cmpint (attest_expiry_state ("2026-02-30", "2026-11-23"), ==, ATTEST_EXPIRY_NONE);
  g_assert_cmpint (attest_expiry_state ("2026-11-23x", "2026-11-23"), ==, ATTEST_EXPIRY_NONE);
  g_assert_cmpint (attest_expiry_state ("2026-11-22", "2026-11-23"), ==, ATTEST_EXPIRY_EXPIRED);
  g_assert_cmpint (attest_expiry_state ("2026-11-23", "2026-11-23"), ==, ATTEST_EXPIRY_SOON);
  g_assert_cmpint (attest_expiry_state ("2026-12-23", "2026-11-23"), ==, ATTEST_EXPIRY_SOON);   /* day 30 */
  g_assert_cmpint (attest_expiry_state ("2026-12-24", "2026-11-23"), ==, ATTEST_EXPIRY_CURRENT); /* day 31 */
  /* Month ends, leap days and years. */
  g_assert_cmpint (attest_expiry_state ("2024-03-30", "2024-02-29"), ==, ATTEST_EXPIRY_SOON);   /* 30 days */
  g_assert_cmpint (attest_expiry_state ("2024-03-31", "2024-02-29"), ==, ATTEST_EXPIRY_CURRENT);
  g_assert_cmpint (attest_expiry_state ("2026-12-31", "2027-01-01"), ==, ATTEST_EXPIRY_EXPIRED);
  g_assert_cmpint (attest_expiry_state ("2027-01-30", "2026-12-31"), ==, ATTEST_EXPIRY_SOON);
  g_assert_cmpint (attest_expiry_state ("2027-01-31", "2026-12-31"), ==, ATTEST_EXPIRY_CURRENT);
  {
    g_autofree char *today = attest_expiry_today ();
    g_assert_cmpint (attest_expiry_state (today, today), ==, ATTEST_EXPIRY_SOON);
  }
}

static void
test_expiring (void)
{
  g_autoptr(AttestMatrix) m = sample ();
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(AttestMatrix) a = NULL;
  g_autoptr(AttestMatrix) b = NULL;
  g_autoptr(AttestMatrix) c = NULL;
  g_autoptr(AttestMatrixFilter) back = NULL;
  g_autofree char *text = NULL;

  attest_matrix_lookup_cell (m, "iso/iso", "azure")->evidence_expiry = ATTEST_EXPIRY_EXPIRED;
  attest_matrix_lookup_cell (m, "soc/soc-2", "intune")->evidence_expiry = ATTEST_EXPIRY_SOON;
  attest_matrix_lookup_cell (m, "soc/soc-1", "cas")->evidence_expiry = ATTEST_EXPIRY_CURRENT;

  /* Expired and expiring evidence; current evidence is not singled out. */
  filter->expiring_only = TRUE;
  g_assert_true (attest_matrix_filter_is_active (filter));
  a = check_apply (m, filter, "azure intune", "iso/iso soc/soc-2", 2);
  g_assert_cmpint (attest_matrix_lookup_cell (a, "iso/iso", "azure")->evidence_expiry, ==, ATTEST_EXPIRY_EXPIRED);

  /* With "exceptions only" too: cells that are both. */
  filter->exceptions_only = TRUE;
  b = check_apply (m, filter, "intune", "soc/soc-2", 1);
  filter->exceptions_only = FALSE;

  /* Kept through the saved text. */
  text = attest_matrix_filter_to_string (filter);
  back = attest_matrix_filter_new_from_string (text);
  g_assert_true (back->expiring_only);
  g_assert_false (back->exceptions_only);

  /* None expiring: nothing shown. */
  attest_matrix_lookup_cell (m, "iso/iso", "azure")->evidence_expiry = ATTEST_EXPIRY_NONE;
  attest_matrix_lookup_cell (m, "soc/soc-2", "intune")->evidence_expiry = ATTEST_EXPIRY_CURRENT;
  c = check_apply (m, filter, "", "", 0);
}

static void
check_garbage (const char *text)
{
  g_autoptr(AttestMatrixFilter) f = attest_matrix_filter_new_from_string (text);

  g_assert_nonnull (f);
  g_assert_nonnull (f->frameworks);
  g_assert_false (attest_matrix_filter_is_active (f));
}

static void
test_garbage (void)
{
  const char *texts[] = {
    NULL, "", " ", "{", "}", "[1,2]", "{'text': <5>}", "{'mine': <1>}", "{'frameworks': <'soc'>}",
    "{'text': 'x'}", "{1: <2>}", "<'x'>", "'x'", "@a{sv} {}", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "{'text': <'unterminated}", "\xff\xfe\x00", "{'text': <'\xc3'>}", "{'v': <uint32 1>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_garbage (texts[i]);

  for (guint i = 0; i < 500; i++)
    {
      char buf[48];
      gsize n = g_test_rand_int_range (0, sizeof buf - 1);
      g_autoptr(AttestMatrixFilter) f = NULL;

      for (gsize j = 0; j < n; j++)
        buf[j] = (char)g_test_rand_int_range (1, 256);
      buf[n] = '\0';
      /* Random bytes: any valid filter will do, no crash. */
      f = attest_matrix_filter_new_from_string (buf);
      g_assert_nonnull (f);
      g_assert_nonnull (f->frameworks);
    }
}

static void
test_equal_and_active (void)
{
  g_autoptr(AttestMatrixFilter) a = attest_matrix_filter_new ();
  g_autoptr(AttestMatrixFilter) b = attest_matrix_filter_new ();
  g_autoptr(AttestMatrixFilter) c = NULL;

  g_assert_false (attest_matrix_filter_is_active (a));
  g_assert_true (attest_matrix_filter_equal (a, b));
  g_assert_false (attest_matrix_filter_equal (a, NULL));

  /* No text and empty text are the same; blank text is no filter. */
  b->text = g_strdup ("");
  g_assert_true (attest_matrix_filter_equal (a, b));
  g_free (b->text);
  b->text = g_strdup (" \t\u3000");
  g_assert_false (attest_matrix_filter_is_active (b));
  g_free (b->text);
  b->text = g_strdup (" x ");
  g_assert_true (attest_matrix_filter_is_active (b));
  g_assert_false (attest_matrix_filter_equal (a, b));
  g_clear_pointer (&b->text, g_free);

  /* Frameworks are a set: order does not count, nor do repeats. */
  attest_matrix_filter_set_framework (a, "soc", TRUE);
  attest_matrix_filter_set_framework (a, "iso", TRUE);
  attest_matrix_filter_set_framework (a, "iso", TRUE);
  g_assert_cmpuint (a->frameworks->len, ==, 2);
  g_assert_true (attest_matrix_filter_has_framework (a, "iso"));
  g_assert_false (attest_matrix_filter_has_framework (a, "mars-e"));
  g_assert_true (attest_matrix_filter_is_active (a));
  attest_matrix_filter_set_framework (b, "iso", TRUE);
  g_assert_false (attest_matrix_filter_equal (a, b));
  attest_matrix_filter_set_framework (b, "soc", TRUE);
  g_assert_true (attest_matrix_filter_equal (a, b));
  g_ptr_array_add (b->frameworks, g_strdup ("soc"));
  g_assert_true (attest_matrix_filter_equal (a, b));

  c = attest_matrix_filter_copy (a);
  g_assert_true (attest_matrix_filter_equal (a, c));
  c->mine_only = TRUE;
  g_assert_false (attest_matrix_filter_equal (a, c));
  c->mine_only = FALSE;
  c->exceptions_only = TRUE;
  g_assert_false (attest_matrix_filter_equal (a, c));

  attest_matrix_filter_set_framework (a, "soc", FALSE);
  attest_matrix_filter_set_framework (a, "iso", FALSE);
  attest_matrix_filter_set_framework (a, "never-there", FALSE);
  g_assert_cmpuint (a->frameworks->len, ==, 0);
  g_assert_false (attest_matrix_filter_is_active (a));
  a->mine_only = TRUE;
  g_assert_true (attest_matrix_filter_is_active (a));
  a->mine_only = FALSE;
  a->exceptions_only = TRUE;
  g_assert_true (attest_matrix_filter_is_active (a));
}

/* The variant a page opens in: content language, else desktop languages, else newest. */
static void
test_pick_variant (void)
{
  g_autoptr(AttestMatrix) m = attest_matrix_new ();
  AttestMatrixFramework *f = attest_matrix_add_framework (m, "mars-e", "MARS-E", "MARS-E 2.0", "US");
  AttestMatrixVariant *zh, *fr_new, *fr_old, *en;
  const char *french[] = { "fr_FR.UTF-8", "fr_FR", "fr", "C", NULL };
  const char *chinese_cn[] = { "zh_CN.UTF-8", "zh", "C", NULL };
  const char *german[] = { "de_DE.UTF-8", "de", NULL };

  g_assert_null (attest_matrix_framework_pick_variant (f, "fr-FR", french));

  zh = attest_matrix_framework_add_variant (f, "zh-TW", "2019-12-05", "offering-mars-e.zh-TW.md", FALSE);
  fr_new = attest_matrix_framework_add_variant (f, "fr-FR", "2019-11-20", "offering-mars-e.fr-FR.md", TRUE);
  fr_old = attest_matrix_framework_add_variant (f, "fr-FR", "2019-01-01", "offering-mars-e.fr-FR.md", FALSE);
  g_assert_nonnull (fr_old);

  /* The content language wins over the desktop's; the newest of a locale. */
  g_assert_true (attest_matrix_framework_pick_variant (f, "fr-FR", NULL) == fr_new);
  g_assert_true (attest_matrix_framework_pick_variant (f, "zh-TW", french) == zh);
  g_assert_true (attest_matrix_framework_pick_variant (f, "fr", NULL) == fr_new);
  /* Empty: the desktop's languages, in order. */
  g_assert_true (attest_matrix_framework_pick_variant (f, "", french) == fr_new);
  /* zh_CN is not zh-TW, and no English variant yet: the newest. */
  g_assert_true (attest_matrix_framework_pick_variant (f, NULL, chinese_cn) == zh);
  g_assert_true (attest_matrix_framework_pick_variant (f, "de-DE", german) == zh);

  en = attest_matrix_framework_add_variant (f, "", "2023-05-11", "offering-mars-e.md", FALSE);
  /* "zh" without a region is any Chinese; "C" is English. */
  g_assert_true (attest_matrix_framework_pick_variant (f, NULL, chinese_cn) == zh);
  g_assert_true (attest_matrix_framework_pick_variant (f, NULL, (const char *[]) { "de_DE", "C", NULL }) == en);
  g_assert_true (attest_matrix_framework_pick_variant (f, "en-US", french) == en);
  g_assert_true (attest_matrix_framework_pick_variant (f, "ja-JP", german) == zh);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/matrix/model", test_model);
  g_test_add_func ("/matrix-filter/matches", test_matches);
  g_test_add_func ("/matrix-filter/text", test_text);
  g_test_add_func ("/matrix-filter/frameworks", test_frameworks);
  g_test_add_func ("/matrix-filter/mine", test_mine);
  g_test_add_func ("/matrix-filter/exceptions", test_exceptions);
  g_test_add_func ("/matrix-filter/combination", test_combination);
  g_test_add_func ("/matrix-filter/deep-copy", test_deep_copy);
  g_test_add_func ("/matrix-filter/round-trip", test_round_trip);
  g_test_add_func ("/matrix-filter/garbage", test_garbage);
  g_test_add_func ("/matrix-filter/expiry-state", test_expiry_state);
  g_test_add_func ("/matrix-filter/expiring", test_expiring);
  g_test_add_func ("/matrix-filter/equal-and-active", test_equal_and_active);
  g_test_add_func ("/matrix/pick-variant", test_pick_variant);

  return g_test_run ();
}
