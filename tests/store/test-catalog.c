/* test-catalog.c: recording offerings — identity, newest variant, flags, idempotence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-service-table.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-expiry.h"

static AttestOffering *
offering (const char *framework,
          const char *locale,
          const char *lang,
          const char *handoff,
          const char *content)
{
  AttestOffering *o = attest_offering_new ();

  o->file_name = g_strdup_printf ("offering-%s.%s.md", framework, locale);
  o->key = g_strdup (framework);
  o->framework_id = g_strdup (framework);
  o->short_name = g_ascii_strup (framework, -1);
  o->category = g_strdup ("Global");
  o->source_title = g_strdup_printf ("%s title", framework);
  o->title = g_strdup (o->source_title);
  o->locale = g_strdup (locale);
  o->lang = g_strdup (lang);
  o->handoff = g_strdup (handoff);
  o->content = g_bytes_new (content, strlen (content));
  o->content_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, strlen (content));
  return o;
}

static void
add_scope (AttestOffering *o,
           const char     *slug,
           const char     *name)
{
  AttestOfferingScope *s = g_new0 (AttestOfferingScope, 1);

  s->slug = g_strdup (slug);
  s->name = g_strdup (name);
  g_ptr_array_add (o->scopes, s);
}

static void
add_mention (AttestOffering *o,
             const char     *scope,
             const char     *name,
             const char     *translated)
{
  AttestOfferingMention *m = g_new0 (AttestOfferingMention, 1);

  m->scope_slug = g_strdup (scope);
  m->name = g_strdup (name);
  m->translated_name = g_strdup (translated);
  m->source_line = g_strdup (name);
  m->translated_line = g_strdup (translated);
  g_ptr_array_add (o->mentions, m);
}

typedef struct {
  char *dir;
  AttestWorkspace *ws;
  AttestServiceTable *names;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("attest-catalog-XXXXXX", NULL);
  path = g_build_filename (f->dir, "w.attest", NULL);
  f->ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  f->names = attest_service_table_new ();
  g_assert_true (attest_service_table_load_default (f->names, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_strdup (attest_workspace_get_path (f->ws));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->ws);
  attest_service_table_unref (f->names);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static AttestImportOutcome *
import (Fixture        *f,
        AttestOffering *o)
{
  g_autoptr(GError) error = NULL;
  AttestImportOutcome *outcome = NULL;

  g_assert_true (attest_workspace_import_offering (f->ws, o, f->names, &outcome, &error));
  g_assert_no_error (error);
  attest_offering_free (o);
  return outcome;
}

static AttestMatrix *
matrix (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AttestMatrix *m = attest_workspace_load_matrix (f->ws, &error);

  g_assert_no_error (error);
  return m;
}

static const char *
rollup (AttestMatrix *m,
        const char   *scope,
        const char   *service)
{
  AttestMatrixCell *c = attest_matrix_lookup_cell (m, scope, service);
  return c ? c->rollup : NULL;
}

static void
test_identity_and_translations (Fixture       *f,
                                gconstpointer  data)
{
  AttestOffering *o = offering ("soc", "fr-FR", "fr", "2020-02-01", "page one");
  g_autoptr(AttestImportOutcome) out = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  AttestMatrixService *cas = NULL;

  add_scope (o, "soc-1", "SOC 1");
  add_mention (o, "soc-1", "Cloud App Security", "Sécurité de l’application cloud");
  add_mention (o, "soc-1", "Microsoft Flow", NULL);
  add_mention (o, "soc-1", "Graph", NULL);
  add_mention (o, "soc-1", "Microsoft Graph", NULL);
  out = import (f, o);
  g_assert_false (out->unchanged);

  m = matrix (f);
  g_assert_cmpuint (m->frameworks->len, ==, 1);
  /* Aliases merged: "Graph" and "Microsoft Graph" are one service. */
  g_assert_cmpuint (m->services->len, ==, 3);
  g_assert_cmpstr (rollup (m, "soc/soc-1", "microsoft-defender-for-cloud-apps"), ==, "not-started");
  g_assert_cmpstr (rollup (m, "soc/soc-1", "power-automate"), ==, "not-started");
  g_assert_cmpstr (rollup (m, "soc/soc-1", "microsoft-graph"), ==, "not-started");

  for (guint i = 0; i < m->services->len; i++)
    if (g_str_equal (((AttestMatrixService *)m->services->pdata[i])->id, "microsoft-defender-for-cloud-apps"))
      cas = m->services->pdata[i];
  g_assert_nonnull (cas);
  g_assert_cmpuint (cas->translations->len, ==, 1);
  g_assert_cmpstr (((AttestMatrixTranslation *)cas->translations->pdata[0])->name, ==, "Sécurité de l’application cloud");

  /* A later translation-only page names the service by its translation only. */
  o = offering ("iso", "fr-FR", "fr", "2020-03-01", "translation only");
  o->translation_only = TRUE;
  add_scope (o, "iso", "ISO");
  add_mention (o, "iso", "Sécurité de l'application cloud", NULL);
  add_mention (o, "iso", "Flux", NULL);
  attest_import_outcome_free (import (f, o));

  g_clear_pointer (&m, attest_matrix_free);
  m = matrix (f);
  g_assert_cmpstr (rollup (m, "iso/iso", "microsoft-defender-for-cloud-apps"), ==, "not-started");
  /* Unknown translated name: a service of its own, flagged untranslated. */
  g_assert_cmpstr (rollup (m, "iso/iso", "flux"), ==, "not-started");
  g_assert_cmpuint (m->services->len, ==, 4);
}

static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  AttestOffering *o = offering ("soc", "fr-FR", "fr", "2020-02-01", "same bytes");
  AttestImportOutcome *out;
  g_autoptr(AttestMatrix) m = NULL;

  add_scope (o, "soc-1", "SOC 1");
  add_mention (o, "soc-1", "Intune", NULL);
  attest_import_outcome_free (import (f, o));

  o = offering ("soc", "fr-FR", "fr", "2020-02-01", "same bytes");
  add_scope (o, "soc-1", "SOC 1");
  add_mention (o, "soc-1", "Stream", NULL);
  out = import (f, o);
  g_assert_true (out->unchanged);
  attest_import_outcome_free (out);

  m = matrix (f);
  g_assert_cmpuint (m->cells->len, ==, 1);
}

static void
test_newest_variant_and_flags (Fixture       *f,
                               gconstpointer  data)
{
  AttestOffering *o;
  g_autoptr(AttestImportOutcome) out = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  AttestScopeChange *change;

  /* Newer variant first (zh-TW 12/2019), then the older fr-FR 11/2019. */
  o = offering ("mars-e", "zh-TW", "zh-TW", "2019-12-01", "zh page");
  add_scope (o, "mars-e", "MARS-E 2.0");
  add_mention (o, "mars-e", "Azure", NULL);
  add_mention (o, "mars-e", "Intune", NULL);
  attest_import_outcome_free (import (f, o));

  o = offering ("mars-e", "fr-FR", "fr", "2019-11-01", "fr page");
  add_scope (o, "mars-e", "MARS-E 2.0");
  add_mention (o, "mars-e", "Azure", NULL);
  add_mention (o, "mars-e", "Stream", NULL);
  out = import (f, o);
  /* The older variant changes nothing: coverage comes from the newest. */
  g_assert_cmpuint (out->changes->len, ==, 0);
  g_clear_pointer (&out, attest_import_outcome_free);

  m = matrix (f);
  g_assert_cmpstr (rollup (m, "mars-e/mars-e", "intune"), ==, "not-started");
  g_assert_null (rollup (m, "mars-e/mars-e", "stream"));
  g_clear_pointer (&m, attest_matrix_free);

  /* A newer page drops Intune and adds Power BI and Azure Government (under an
   * alias of the table): Intune is flagged, not deleted; the report uses the
   * page's own words. */
  o = offering ("mars-e", "fr-FR", "fr", "2021-01-01", "newer fr page");
  add_scope (o, "mars-e", "MARS-E 2.0");
  add_mention (o, "mars-e", "Azure", NULL);
  add_mention (o, "mars-e", "Power BI", NULL);
  add_mention (o, "mars-e", "Azure US Government", NULL);
  out = import (f, o);
  g_assert_true (out->newer_variant);
  g_assert_cmpuint (out->changes->len, ==, 1);
  change = out->changes->pdata[0];
  g_assert_cmpstr (change->scope_id, ==, "mars-e/mars-e");
  g_assert_cmpuint (change->added->len, ==, 2);
  g_assert_cmpstr (change->added->pdata[0], ==, "Azure US Government");
  g_assert_cmpstr (change->added->pdata[1], ==, "Power BI");
  g_assert_cmpuint (change->removed->len, ==, 1);
  g_assert_cmpstr (change->removed->pdata[0], ==, "Intune");
  g_assert_cmpuint (change->renamed->len, ==, 0);
  g_clear_pointer (&out, attest_import_outcome_free);

  /* The provider renames a service: same service, one "renamed" line. */
  o = offering ("mars-e", "fr-FR", "fr", "2022-01-01", "renaming page");
  add_scope (o, "mars-e", "MARS-E 2.0");
  add_mention (o, "mars-e", "Azure", NULL);
  add_mention (o, "mars-e", "Power BI", NULL);
  add_mention (o, "mars-e", "Azure Government", NULL);
  out = import (f, o);
  g_assert_cmpuint (out->changes->len, ==, 1);
  change = out->changes->pdata[0];
  g_assert_cmpuint (change->added->len, ==, 0);
  g_assert_cmpuint (change->removed->len, ==, 0);
  g_assert_cmpuint (change->renamed->len, ==, 1);
  g_assert_cmpstr (change->renamed->pdata[0], ==, "Azure US Government → Azure Government");

  m = matrix (f);
  g_assert_cmpstr (rollup (m, "mars-e/mars-e", "intune"), ==, "no-longer-in-scope");
  g_assert_cmpstr (rollup (m, "mars-e/mars-e", "power-bi"), ==, "not-started");
  g_assert_cmpstr (rollup (m, "mars-e/mars-e", "azure"), ==, "not-started");
}

static void
test_failed_import_leaves_no_trace (Fixture       *f,
                                    gconstpointer  data)
{
  AttestOffering *o = offering ("soc", "fr-FR", "fr", "2020-02-01", "good");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  gboolean ok;

  add_scope (o, "soc-1", "SOC 1");
  add_mention (o, "soc-1", "Intune", NULL);
  attest_import_outcome_free (import (f, o));

  /* A mention in a scope the page does not define breaks a foreign key. */
  o = offering ("iso", "fr-FR", "fr", "2020-02-01", "bad");
  add_scope (o, "iso", "ISO");
  add_mention (o, "iso", "Stream", NULL);
  add_mention (o, "nowhere", "Power BI", NULL);
  ok = attest_workspace_import_offering (f->ws, o, f->names, NULL, &error);
  attest_offering_free (o);
  g_assert_false (ok);
  g_assert_nonnull (error);

  m = matrix (f);
  g_assert_cmpuint (m->frameworks->len, ==, 1);
  g_assert_cmpuint (m->services->len, ==, 1);
  g_assert_cmpuint (m->cells->len, ==, 1);
}

/* The value of a front matter key of a bundled page, or NULL. */
static char *
front_matter (const char *file_name,
              const char *key)
{
  g_autofree char *dir = attest_paths_bundled_offerings ();
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strconcat (key, ":", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (g_strstrip (lines[0]), ==, "---");
  for (guint i = 1; lines[i] != NULL && !g_str_equal (g_strstrip (lines[i]), "---"); i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (g_strstrip (lines[i] + strlen (prefix)));
  return NULL;
}

static AttestMatrixFramework *
find_framework (AttestMatrix *m,
                const char   *id)
{
  for (guint i = 0; i < m->frameworks->len; i++)
    if (g_str_equal (((AttestMatrixFramework *)m->frameworks->pdata[i])->id, id))
      return m->frameworks->pdata[i];
  return NULL;
}

static void
test_variants_and_mine (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  AttestMatrixFramework *mars = NULL;
  AttestMatrixService *s;
  const char *service_id;
  guint n_variants = 0;

  attest_workspace_set_reviewer (f->ws, "Dana Reviewer");
  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 5);

  m = matrix (f);
  g_assert_cmpuint (m->frameworks->len, >, 0);
  for (guint i = 0; i < m->frameworks->len; i++)
    {
      AttestMatrixFramework *fw = m->frameworks->pdata[i];

      g_assert_cmpuint (fw->variants->len, >=, 1);
      for (guint j = 0; j < fw->variants->len; j++)
        {
          AttestMatrixVariant *v = fw->variants->pdata[j];
          g_autofree char *type = front_matter (v->file_name, "ms.translationtype");
          g_autofree char *locale = front_matter (v->file_name, "ms.contentlocale");
          g_autofree char *handoff = front_matter (v->file_name, "ms.lasthandoff");

          n_variants++;
          /* As the page's front matter says: locale, handoff date, MT or not. */
          g_assert_nonnull (locale);
          g_assert_cmpstr (v->locale, ==, locale);
          g_assert_true (g_str_equal (v->locale, "fr-FR") || g_str_equal (v->locale, "zh-TW"));
          g_assert_nonnull (v->date);
          g_assert_cmpuint (strlen (v->date), ==, 10);
          if (handoff != NULL)
            {
              g_auto(GStrv) mdy = g_strsplit (handoff, "/", 3);
              g_autofree char *iso = g_strdup_printf ("%s-%s-%s", mdy[2], mdy[0], mdy[1]);
              g_assert_cmpstr (v->date, ==, iso);
            }
          g_assert_cmpint (v->machine_translated, ==, g_ascii_strcasecmp (type != NULL ? type : "", "MT") == 0);
          /* Newest first. */
          if (j > 0)
            g_assert_cmpstr (((AttestMatrixVariant *)fw->variants->pdata[j - 1])->date, >=, v->date);
        }
    }
  g_assert_cmpuint (n_variants, ==, 5);

  /* MARS-E has two pages: zh-TW (12/2019) before fr-FR (11/2019). */
  for (guint i = 0; i < m->frameworks->len && mars == NULL; i++)
    if (g_str_has_prefix (((AttestMatrixFramework *)m->frameworks->pdata[i])->id, "mars-e"))
      mars = m->frameworks->pdata[i];
  g_assert_nonnull (mars);
  g_assert_cmpuint (mars->variants->len, ==, 2);
  g_assert_cmpstr (((AttestMatrixVariant *)mars->variants->pdata[0])->locale, ==, "zh-TW");
  g_assert_cmpstr (((AttestMatrixVariant *)mars->variants->pdata[1])->locale, ==, "fr-FR");

  /* Every cell names the variant whose line put the service in scope; for
   * MARS-E that is the newest page. */
  g_assert_cmpuint (m->cells->len, >, 0);
  for (guint i = 0; i < m->cells->len; i++)
    {
      AttestMatrixCell *c = m->cells->pdata[i];

      g_assert_nonnull (c->variant_locale);
      g_assert_nonnull (c->variant_date);
      g_assert_cmpuint (strlen (c->variant_date), ==, 10);
      if (g_str_has_prefix (c->scope, mars->id) && c->scope[strlen (mars->id)] == '/')
        {
          g_assert_cmpstr (c->variant_locale, ==, "zh-TW");
          g_assert_cmpstr (c->variant_date, ==, ((AttestMatrixVariant *)mars->variants->pdata[0])->date);
        }
      g_assert_nonnull (attest_matrix_lookup_service (m, c->service));
    }
  g_assert_cmpuint (attest_matrix_count_in_scope (m), ==, m->cells->len);

  /* "My services" */
  for (guint i = 0; i < m->services->len; i++)
    g_assert_false (((AttestMatrixService *)m->services->pdata[i])->mine);
  service_id = g_intern_string (((AttestMatrixService *)m->services->pdata[0])->id);
  g_assert_true (attest_workspace_set_my_service (f->ws, service_id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&m, attest_matrix_free);
  m = matrix (f);
  for (guint i = 0; i < m->services->len; i++)
    {
      s = m->services->pdata[i];
      g_assert_cmpint (s->mine, ==, g_str_equal (s->id, service_id));
    }
  g_assert_true (attest_matrix_lookup_service (m, service_id)->mine);

  g_assert_true (attest_workspace_set_my_service (f->ws, service_id, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&m, attest_matrix_free);
  m = matrix (f);
  g_assert_false (attest_matrix_lookup_service (m, service_id)->mine);
}

static void
test_variant_dates_and_mt (Fixture       *f,
                           gconstpointer  data)
{
  AttestOffering *o;
  g_autoptr(AttestMatrix) m = NULL;
  AttestMatrixFramework *fw;
  AttestMatrixVariant *v;

  /* No handoff: the page's own date; "mt" in any case is machine translated. */
  o = offering ("soc", "ja-JP", "ja", NULL, "machine page");
  o->page_date = g_strdup ("2018-03-04");
  o->translation_type = g_strdup ("mt");
  add_scope (o, "soc-1", "SOC 1");
  add_mention (o, "soc-1", "Intune", NULL);
  attest_import_outcome_free (import (f, o));

  /* Same date, imported later: listed first. */
  o = offering ("soc", "de-DE", "de", "2018-03-04", "human page");
  o->translation_type = g_strdup ("HT");
  add_scope (o, "soc-1", "SOC 1");
  add_mention (o, "soc-1", "Intune", NULL);
  attest_import_outcome_free (import (f, o));

  m = matrix (f);
  fw = find_framework (m, "soc");
  g_assert_nonnull (fw);
  g_assert_cmpuint (fw->variants->len, ==, 2);
  v = fw->variants->pdata[0];
  g_assert_cmpstr (v->locale, ==, "de-DE");
  g_assert_cmpstr (v->date, ==, "2018-03-04");
  g_assert_cmpstr (v->file_name, ==, "offering-soc.de-DE.md");
  g_assert_false (v->machine_translated);
  v = fw->variants->pdata[1];
  g_assert_cmpstr (v->locale, ==, "ja-JP");
  g_assert_cmpstr (v->date, ==, "2018-03-04");
  g_assert_true (v->machine_translated);
}

/* A cell shows the worst of the evidence linked to its items (issue 11). */
static void
attach_expiring (Fixture    *f,
                 const char *scope,
                 const char *service,
                 guint       item,
                 const char *name,
                 const char *expires)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (f->ws, scope, service, &error);
  g_autoptr(GBytes) bytes = g_bytes_new (name, strlen (name));

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, item);
  g_assert_true (attest_workspace_attach_evidence (f->ws, ((AttestChecklistItem *)items->pdata[item])->id,
                                                   name, bytes, "text/plain", NULL, expires, -1, NULL,
                                                   NULL, &error));
  g_assert_no_error (error);
}

static void
test_evidence_expiry (Fixture       *f,
                      gconstpointer  data)
{
  AttestOffering *o = offering ("soc", "fr-FR", "fr", "2023-01-01", "x");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 10);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 400);
  g_autofree char *d_yesterday = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *d_soon = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *d_later = g_date_time_format (later, "%Y-%m-%d");
  g_autoptr(AttestMatrix) m = NULL;

  add_scope (o, "soc-2", "SOC 2");
  add_mention (o, "soc-2", "Intune", "Intune");
  add_mention (o, "soc-2", "Power BI", "Power BI");
  add_mention (o, "soc-2", "Azure", "Azure");
  add_mention (o, "soc-2", "Stream", "Flux");
  attest_import_outcome_free (import (f, o));

  /* Intune: one current and one expired file: expired, the worst. */
  attach_expiring (f, "soc/soc-2", "intune", 0, "current.pdf", d_later);
  attach_expiring (f, "soc/soc-2", "intune", 1, "old.pdf", d_yesterday);
  attach_expiring (f, "soc/soc-2", "power-bi", 0, "soon.pdf", d_soon);
  attach_expiring (f, "soc/soc-2", "azure", 0, "far.pdf", d_later);
  attach_expiring (f, "soc/soc-2", "azure", 1, "undated.pdf", NULL);

  m = matrix (f);
  g_assert_cmpint (attest_matrix_lookup_cell (m, "soc/soc-2", "intune")->evidence_expiry, ==, ATTEST_EXPIRY_EXPIRED);
  g_assert_cmpint (attest_matrix_lookup_cell (m, "soc/soc-2", "power-bi")->evidence_expiry, ==, ATTEST_EXPIRY_SOON);
  g_assert_cmpint (attest_matrix_lookup_cell (m, "soc/soc-2", "azure")->evidence_expiry, ==, ATTEST_EXPIRY_CURRENT);
  g_assert_cmpint (attest_matrix_lookup_cell (m, "soc/soc-2", "stream")->evidence_expiry, ==, ATTEST_EXPIRY_NONE);

  /* One cell read again (after a pane edit) says what the whole matrix says. */
  for (guint i = 0; i < m->cells->len; i++)
    {
      AttestMatrixCell *c = m->cells->pdata[i];
      AttestExpiryState state = ATTEST_EXPIRY_CURRENT;
      g_autoptr(GError) error = NULL;

      g_assert_true (attest_workspace_cell_evidence_expiry (f->ws, c->scope, c->service, NULL, &state, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state, ==, c->evidence_expiry);
    }
}

/* A page of the framework table that cannot be read fails the matrix load
 * with an error naming the file; it once returned a matrix without frameworks. */
static void
corrupt_page_of (const char *table)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-corrupt", NULL, &dir, &path);
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root, page_size;
  FILE *file;

  attest_test_import_bundled (ws, NULL);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matrix->frameworks->len, >, 0);
  g_clear_pointer (&matrix, attest_matrix_free);
  g_clear_object (&ws);

  /* Everything in the main file, then where the table's root page is. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                           "FROM sqlite_schema WHERE name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (root, >, 1);

  /* Its b-tree page type byte: no such type. */
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long)((root - 1) * page_size), SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (0x7f, file), ==, 0x7f);
  g_assert_cmpint (fclose (file), ==, 0);

  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_null (matrix);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "w.attest"));

  attest_test_workspace_delete (&ws, &dir, &path);
}

static void
test_corrupt_framework_page (void)
{
  corrupt_page_of ("framework");
}

static void
test_corrupt_scope_page (void)
{
  corrupt_page_of ("scope");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/catalog/" name, Fixture, NULL, setup, fn, teardown)
  ADD ("identity-and-translations", test_identity_and_translations);
  ADD ("idempotent", test_idempotent);
  ADD ("newest-variant-and-flags", test_newest_variant_and_flags);
  ADD ("failed-import-leaves-no-trace", test_failed_import_leaves_no_trace);
  ADD ("variants-and-mine", test_variants_and_mine);
  ADD ("variant-dates-and-mt", test_variant_dates_and_mt);
  ADD ("evidence-expiry", test_evidence_expiry);
  g_test_add_func ("/catalog/corrupt-framework-page", test_corrupt_framework_page);
  g_test_add_func ("/catalog/corrupt-scope-page", test_corrupt_scope_page);
#undef ADD

  return g_test_run ();
}
