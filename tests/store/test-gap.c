/* test-gap.c: the gap report (My services × required scopes) and the
 * required scopes it stands on, on a workspace built here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-gap.h"
#include "attest-history.h"
#include "attest-store-error.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-expiry.h"
#include "attest-workspace-private.h"
#include "attest-workspace-required.h"
#include "attest-workspace-services.h"

/* The date the report is judged from: every due and expiry date below is
 * set against it, so the test reads the same on any day. */
#define TODAY "2025-03-01"

typedef struct {
  const char *slug;
  const char *name;
  const char *services;  /* comma-separated */
} PageScope;

/* A generated offering page of framework @key, dated @date, with @scopes
 * (ended by a NULL slug) covering their services. */
static void
import_page (AttestWorkspace *ws,
             const char      *key,
             const char      *short_name,
             const char      *date,
             const PageScope *scopes)
{
  g_autoptr(AttestServiceTable) names = attest_service_table_new ();
  g_autoptr(AttestOffering) o = attest_offering_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *content = g_strdup_printf ("page %s of %s", key, date);

  o->file_name = g_strdup_printf ("offering-%s.md", key);
  o->key = g_strdup (key);
  o->framework_id = g_strdup (key);
  o->short_name = g_strdup (short_name);
  o->category = g_strdup ("Test");
  o->source_title = g_strdup_printf ("%s compliance offering", short_name);
  o->title = g_strdup (o->source_title);
  o->locale = g_strdup ("");
  o->page_date = g_strdup (date);
  o->content = g_bytes_new (content, strlen (content));
  o->content_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, o->content);
  for (const PageScope *s = scopes; s->slug != NULL; s++)
    {
      AttestOfferingScope *scope = g_new0 (AttestOfferingScope, 1);
      g_auto(GStrv) services = g_strsplit (s->services, ",", -1);

      scope->slug = g_strdup (s->slug);
      scope->name = g_strdup (s->name);
      g_ptr_array_add (o->scopes, scope);
      for (guint i = 0; services[i] != NULL; i++)
        {
          AttestOfferingMention *m = g_new0 (AttestOfferingMention, 1);

          m->scope_slug = g_strdup (s->slug);
          m->name = g_strdup (services[i]);
          m->source_line = g_strdup (services[i]);
          g_ptr_array_add (o->mentions, m);
        }
    }
  g_assert_true (attest_workspace_import_offering (ws, o, names, NULL, &error));
  g_assert_no_error (error);
}

/* The gap report reads only the cells of its rows
 * (_attest_workspace_load_gap_matrix()): each must be the whole matrix's
 * cell (the one a merged row shows, its roll-up, its expiry judged from
 * TODAY), and no other cell is read. */
static void
assert_gap_matrix (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) full = attest_workspace_load_matrix (ws, &error);
  g_autoptr(AttestMatrix) gap = NULL;
  g_autoptr(GPtrArray) required = attest_workspace_list_required_scopes (ws, &error);
  guint compared = 0;

  g_assert_no_error (error);
  g_assert_true (_attest_workspace_fill_evidence_expiry (ws, full, TODAY, &error));
  g_assert_no_error (error);
  gap = _attest_workspace_load_gap_matrix (ws, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gap->frameworks->len, ==, full->frameworks->len);
  g_assert_cmpuint (gap->services->len, ==, full->services->len);

  for (guint r = 0; r < required->len; r++)
    for (guint i = 0; i < full->services->len; i++)
      {
        AttestMatrixService *service = full->services->pdata[i];
        AttestMatrixCell *a = attest_matrix_lookup_cell (full, required->pdata[r], service->id);
        AttestMatrixCell *b = attest_matrix_lookup_cell (gap, required->pdata[r], service->id);

        g_assert_cmpint (service->mine, ==, ((AttestMatrixService *)gap->services->pdata[i])->mine);
        if (!service->mine || a == NULL)
          {
            g_assert_null (b);
            continue;
          }
        g_assert_nonnull (b);
        g_assert_cmpstr (b->scope, ==, a->scope);
        g_assert_cmpstr (b->service, ==, a->service);
        g_assert_cmpstr (b->rollup, ==, a->rollup);
        g_assert_cmpuint (b->n_items, ==, a->n_items);
        g_assert_cmpuint (b->n_satisfied, ==, a->n_satisfied);
        g_assert_cmpuint (b->n_exceptions, ==, a->n_exceptions);
        g_assert_cmpstr (b->source_line, ==, a->source_line);
        g_assert_cmpstr (b->qualifier, ==, a->qualifier);
        g_assert_cmpint (b->variant_id, ==, a->variant_id);
        g_assert_cmpint (b->evidence_expiry, ==, a->evidence_expiry);
        compared++;
      }
  /* Nothing but those. */
  g_assert_cmpuint (gap->cells->len, ==, compared);
}

/* Item @n (from 1) of a cell, as the checklist gives it now (a cell never
 * edited gives its template: the first edit stores it, so read again). */
static AttestChecklistItem *
get_item (AttestWorkspace *ws,
          const char      *scope,
          const char      *service,
          guint            n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope, service, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, items->len);
  return g_steal_pointer (&items->pdata[n - 1]);
}

static guint
n_items (AttestWorkspace *ws,
         const char      *scope,
         const char      *service)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope, service, &error);

  g_assert_no_error (error);
  return items->len;
}

static void
set_item (AttestWorkspace *ws,
          const char      *scope,
          const char      *service,
          guint            n,
          const char      *status,
          const char      *due)
{
  g_autoptr(AttestChecklistItem) item = get_item (ws, scope, service, n);
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_update_item (ws, item->id, status, NULL, due, &error));
  g_assert_no_error (error);
}

static void
satisfy_all (AttestWorkspace *ws,
             const char      *scope,
             const char      *service)
{
  guint n = n_items (ws, scope, service);

  for (guint i = 1; i <= n; i++)
    set_item (ws, scope, service, i, i == n ? "not-applicable" : "satisfied", NULL);
}

/* Attaches a made-up file named @name to item @n of a cell; returns its SHA-256. */
static char *
attach (AttestWorkspace *ws,
        const char      *scope,
        const char      *service,
        guint            n,
        const char      *name,
        const char      *expires)
{
  g_autoptr(AttestChecklistItem) item = get_item (ws, scope, service, n);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (name, strlen (name));
  char *sha = NULL;

  g_assert_cmpint (item->id, >, 0);
  g_assert_true (attest_workspace_attach_evidence (ws, item->id, name, bytes, "text/plain", "2024-01-01",
                                                   expires, 0, NULL, &sha, &error));
  g_assert_no_error (error);
  return sha;
}

static void
set_mine (AttestWorkspace *ws,
          const char      *service)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_set_my_service (ws, service, TRUE, &error));
  g_assert_no_error (error);
}

static void
require (AttestWorkspace *ws,
         const char      *scope,
         gboolean         required,
         gboolean         expect_changed)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = !expect_changed;

  g_assert_true (attest_workspace_set_required_scope (ws, scope, required, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, expect_changed);
}

static guint
n_history (AttestWorkspace *ws,
           const char      *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (ws, entity, &error);

  g_assert_no_error (error);
  return rows->len;
}

/* "1:in-progress,3:not-started" of a list of AttestGapItem. */
static char *
items_text (GPtrArray *items)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      AttestGapItem *item = items->pdata[i];

      g_string_append_printf (s, "%s%u:%s", i > 0 ? "," : "", item->position, item->status);
      if (item->due != NULL)
        g_string_append_printf (s, "@%s", item->due);
      g_assert_nonnull (item->title);
      g_assert_cmpstr (item->title, !=, "");
    }
  return g_string_free (s, FALSE);
}

static char *
strings_text (GPtrArray *strings)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? "," : "", (char *)strings->pdata[i]);
  return g_string_free (s, FALSE);
}

static AttestGapRow *
find_row (AttestGapReport *report,
          const char      *scope,
          const char      *service)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      AttestGapRow *row = report->rows->pdata[i];

      if (g_str_equal (row->scope_id, scope) && g_str_equal (row->service_id, service))
        return row;
    }
  g_assert_not_reached ();
}

static void
assert_row (AttestGapReport *report,
            const char      *scope,
            const char      *service,
            AttestGapState   state,
            const char      *covered_by,
            const char      *missing,
            const char      *exceptions,
            const char      *overdue)
{
  AttestGapRow *row = find_row (report, scope, service);
  g_autofree char *c = strings_text (row->covered_by);
  g_autofree char *m = items_text (row->missing);
  g_autofree char *e = items_text (row->exceptions);
  g_autofree char *o = items_text (row->overdue);

  g_test_message ("%s × %s", scope, service);
  g_assert_cmpstr (attest_gap_state_word (row->state), ==, attest_gap_state_word (state));
  g_assert_cmpstr (c, ==, covered_by);
  g_assert_cmpstr (m, ==, missing);
  g_assert_cmpstr (e, ==, exceptions);
  g_assert_cmpstr (o, ==, overdue);
  if (state != ATTEST_GAP_EVIDENCE_EXPIRING)
    g_assert_cmpuint (row->evidence->len, ==, 0);
  if (state == ATTEST_GAP_NOT_CERTIFIED || state == ATTEST_GAP_NO_LONGER_CERTIFIED)
    {
      g_assert_cmpstr (row->page_file, ==, g_str_has_prefix (scope, "alpha/") ? "offering-alpha.md"
                                                                             : "offering-beta.md");
      g_assert_cmpint (row->variant_id, >, 0);
      g_assert_nonnull (row->page_label);
    }
  else
    {
      g_assert_null (row->page_file);
      g_assert_cmpint (row->variant_id, ==, 0);
      g_assert_cmpuint (row->covered_by->len, ==, 0);
    }
}

/* The newest variant of framework @key: the largest id. */
static gint64
newest_variant (AttestWorkspace *ws,
                const char      *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = attest_workspace_load_matrix (ws, &error);

  g_assert_no_error (error);
  for (guint f = 0; f < m->frameworks->len; f++)
    {
      AttestMatrixFramework *fw = m->frameworks->pdata[f];

      if (g_str_equal (fw->id, key))
        {
          gint64 best = 0;

          for (guint v = 0; v < fw->variants->len; v++)
            best = MAX (best, ((AttestMatrixVariant *)fw->variants->pdata[v])->id);
          return best;
        }
    }
  g_assert_not_reached ();
}

/*
 * alpha: scopes Alpha One and Alpha Two; its newer page drops Svc E from
 *   Alpha One (a flagged cell). beta: Beta. gamma: Gamma and another "Beta"
 *   (a scope name two frameworks share). Required: Alpha One and beta's
 *   Beta. My services: Svc A … Svc F (Svc G is not one of them).
 */
static void
build_workspace (AttestWorkspace *ws)
{
  static const PageScope alpha_old[] = {
    { "alpha-one", "Alpha One", "Svc A,Svc B,Svc C,Svc D,Svc E,Svc G" },
    { "alpha-two", "Alpha Two", "Svc A,Svc F" },
    { NULL },
  };
  static const PageScope alpha_new[] = {
    { "alpha-one", "Alpha One", "Svc A,Svc B,Svc C,Svc D,Svc G" },
    { "alpha-two", "Alpha Two", "Svc A,Svc F" },
    { NULL },
  };
  static const PageScope beta[] = {
    { "beta", "Beta", "Svc A,Svc F" },
    { NULL },
  };
  static const PageScope gamma[] = {
    { "gamma", "Gamma", "Svc A,Svc B,Svc C,Svc D,Svc E,Svc F,Svc G" },
    { "beta", "Beta", "Svc B" },
    { NULL },
  };
  g_autofree char *sha_a = NULL;
  g_autofree char *sha_b1 = NULL;
  g_autofree char *sha_b2 = NULL;
  g_autofree char *sha_b3 = NULL;
  g_autofree char *sha_f = NULL;

  import_page (ws, "alpha", "Alpha", "2024-01-01", alpha_old);
  import_page (ws, "alpha", "Alpha", "2024-06-01", alpha_new);
  import_page (ws, "beta", "Beta", "2024-02-01", beta);
  import_page (ws, "gamma", "Gamma", "2024-03-01", gamma);

  for (char c = 'a'; c <= 'f'; c++)
    {
      g_autofree char *id = g_strdup_printf ("svc-%c", c);
      set_mine (ws, id);
    }

  /* Alpha One × Svc A: satisfied, its evidence current → ready. */
  satisfy_all (ws, "alpha/alpha-one", "svc-a");
  sha_a = attach (ws, "alpha/alpha-one", "svc-a", 1, "a-report.pdf", "2025-12-31");

  /* Alpha One × Svc B: satisfied; one file expired, one expiring in 19
   * days, one current → evidence expiring, the first two named. */
  satisfy_all (ws, "alpha/alpha-one", "svc-b");
  sha_b1 = attach (ws, "alpha/alpha-one", "svc-b", 1, "b-current.pdf", "2026-01-01");
  sha_b2 = attach (ws, "alpha/alpha-one", "svc-b", 2, "b-soon.pdf", "2025-03-20");
  sha_b3 = attach (ws, "alpha/alpha-one", "svc-b", 1, "b-expired.pdf", "2025-02-01");

  /* Alpha One × Svc C: 1 satisfied, 2 an exception, 3 in progress and
   * overdue, 4 not started and due later, 5 not applicable → open. */
  set_item (ws, "alpha/alpha-one", "svc-c", 1, "satisfied", NULL);
  set_item (ws, "alpha/alpha-one", "svc-c", 2, "exception", NULL);
  set_item (ws, "alpha/alpha-one", "svc-c", 3, "in-progress", "2025-02-15");
  set_item (ws, "alpha/alpha-one", "svc-c", 4, "not-started", "2025-04-01");
  set_item (ws, "alpha/alpha-one", "svc-c", 5, "not-applicable", "2025-01-01");

  /* Alpha One × Svc D: never opened → open, every template item missing.
   * Alpha One × Svc E: flagged by the newer page → no longer certified.
   * Alpha One × Svc F: never in it → not certified (Beta covers it). */

  /* Beta × Svc A: never opened → open. Beta × Svc F: satisfied, the only
   * file undated → ready. Beta × B, C, D, E: not certified. */
  satisfy_all (ws, "beta/beta", "svc-f");
  sha_f = attach (ws, "beta/beta", "svc-f", 1, "f-undated.pdf", NULL);

  /* Gamma (not required) has an open, exception-laden cell for Svc B:
   * nothing of it shows. */
  set_item (ws, "gamma/gamma", "svc-b", 1, "exception", "2020-01-01");

  require (ws, "alpha/alpha-one", TRUE, TRUE);
  require (ws, "beta/beta", TRUE, TRUE);
}

static void
test_report (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("gap", "Tester", &dir, &path);
  g_autoptr(AttestGapReport) report = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const order[] = {
    "alpha/alpha-one svc-a", "alpha/alpha-one svc-b", "alpha/alpha-one svc-c", "alpha/alpha-one svc-d",
    "alpha/alpha-one svc-e", "alpha/alpha-one svc-f",
    "beta/beta svc-a", "beta/beta svc-b", "beta/beta svc-c", "beta/beta svc-d", "beta/beta svc-e",
    "beta/beta svc-f",
  };
  g_autofree char *summary0 = NULL;
  g_autofree char *summary1 = NULL;
  AttestGapRow *b, *e, *f;
  AttestGapScope *s;
  guint n_template;

  build_workspace (ws);
  n_template = n_items (ws, "alpha/alpha-one", "svc-d");
  g_assert_cmpuint (n_template, ==, 5);

  report = attest_workspace_gap_report (ws, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->today, ==, TODAY);

  /* Rows by scope (column order), then service (row order); Svc G is not mine. */
  g_assert_cmpuint (report->rows->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < report->rows->len; i++)
    {
      AttestGapRow *row = report->rows->pdata[i];
      g_autofree char *key = g_strdup_printf ("%s %s", row->scope_id, row->service_id);

      g_assert_cmpstr (key, ==, order[i]);
      g_assert_cmpstr (row->scope_name, ==, g_str_has_prefix (row->scope_id, "alpha/") ? "Alpha One" : "Beta");
      g_assert_true (g_str_has_prefix (row->service_name, "Svc "));
    }

  assert_row (report, "alpha/alpha-one", "svc-a", ATTEST_GAP_READY, "", "", "", "");
  assert_row (report, "alpha/alpha-one", "svc-b", ATTEST_GAP_EVIDENCE_EXPIRING, "", "", "", "");
  assert_row (report, "alpha/alpha-one", "svc-c", ATTEST_GAP_OPEN, "",
              "3:in-progress@2025-02-15,4:not-started@2025-04-01", "2:exception", "3:in-progress@2025-02-15");
  assert_row (report, "alpha/alpha-one", "svc-d", ATTEST_GAP_OPEN, "",
              "1:not-started,2:not-started,3:not-started,4:not-started,5:not-started", "", "");
  assert_row (report, "alpha/alpha-one", "svc-e", ATTEST_GAP_NO_LONGER_CERTIFIED, "", "", "", "");
  assert_row (report, "alpha/alpha-one", "svc-f", ATTEST_GAP_NOT_CERTIFIED, "beta/beta", "", "", "");
  assert_row (report, "beta/beta", "svc-a", ATTEST_GAP_OPEN, "",
              "1:not-started,2:not-started,3:not-started,4:not-started,5:not-started", "", "");
  assert_row (report, "beta/beta", "svc-b", ATTEST_GAP_NOT_CERTIFIED, "alpha/alpha-one", "", "", "");
  assert_row (report, "beta/beta", "svc-c", ATTEST_GAP_NOT_CERTIFIED, "alpha/alpha-one", "", "", "");
  assert_row (report, "beta/beta", "svc-d", ATTEST_GAP_NOT_CERTIFIED, "alpha/alpha-one", "", "", "");
  /* Svc E's Alpha One cell is flagged: it covers nothing. */
  assert_row (report, "beta/beta", "svc-e", ATTEST_GAP_NOT_CERTIFIED, "", "", "", "");
  assert_row (report, "beta/beta", "svc-f", ATTEST_GAP_READY, "", "", "", "");

  /* The expiring files: expired first, then expiring; the current one not. */
  b = find_row (report, "alpha/alpha-one", "svc-b");
  g_assert_cmpuint (b->evidence->len, ==, 2);
  g_assert_cmpstr (((AttestGapEvidence *)b->evidence->pdata[0])->name, ==, "b-expired.pdf");
  g_assert_cmpstr (((AttestGapEvidence *)b->evidence->pdata[0])->expires, ==, "2025-02-01");
  g_assert_cmpint (((AttestGapEvidence *)b->evidence->pdata[0])->state, ==, ATTEST_EXPIRY_EXPIRED);
  g_assert_cmpuint (strlen (((AttestGapEvidence *)b->evidence->pdata[0])->sha256), ==, 64);
  g_assert_cmpstr (((AttestGapEvidence *)b->evidence->pdata[1])->name, ==, "b-soon.pdf");
  g_assert_cmpstr (((AttestGapEvidence *)b->evidence->pdata[1])->expires, ==, "2025-03-20");
  g_assert_cmpint (((AttestGapEvidence *)b->evidence->pdata[1])->state, ==, ATTEST_EXPIRY_SOON);

  /* Not certified and no longer certified name the newest page version. */
  e = find_row (report, "alpha/alpha-one", "svc-e");
  f = find_row (report, "alpha/alpha-one", "svc-f");
  g_assert_cmpint (e->variant_id, ==, newest_variant (ws, "alpha"));
  g_assert_cmpint (f->variant_id, ==, e->variant_id);
  g_assert_cmpint (find_row (report, "beta/beta", "svc-b")->variant_id, ==, newest_variant (ws, "beta"));

  /* The summary per required scope, in column order. */
  g_assert_cmpuint (report->scopes->len, ==, 2);
  s = report->scopes->pdata[0];
  g_assert_cmpstr (s->scope_id, ==, "alpha/alpha-one");
  g_assert_cmpstr (s->framework_id, ==, "alpha");
  g_assert_cmpuint (s->n_services, ==, 6);
  g_assert_cmpuint (s->n_state[ATTEST_GAP_READY], ==, 1);
  g_assert_cmpuint (s->n_state[ATTEST_GAP_EVIDENCE_EXPIRING], ==, 1);
  g_assert_cmpuint (s->n_state[ATTEST_GAP_OPEN], ==, 2);
  g_assert_cmpuint (s->n_state[ATTEST_GAP_NO_LONGER_CERTIFIED], ==, 1);
  g_assert_cmpuint (s->n_state[ATTEST_GAP_NOT_CERTIFIED], ==, 1);
  summary0 = attest_gap_scope_summary (s);
  g_assert_cmpstr (summary0, ==, "Alpha One: 1 of 6 of your services ready, 1 not certified, "
                                 "1 no longer certified, 2 open, 1 with evidence expiring");
  s = report->scopes->pdata[1];
  g_assert_cmpstr (s->scope_id, ==, "beta/beta");
  summary1 = attest_gap_scope_summary (s);
  g_assert_cmpstr (summary1, ==, "Beta: 1 of 6 of your services ready, 4 not certified, 1 open");

  /* What makes each state, in the words the window, the report and the XLSX sheet show. */
  {
    g_autoptr(GPtrArray) fd = attest_gap_row_details (report, f);
    g_autoptr(GPtrArray) bd = attest_gap_row_details (report, b);
    g_autoptr(GPtrArray) cd = attest_gap_row_details (report, find_row (report, "alpha/alpha-one", "svc-c"));
    g_autoptr(GPtrArray) ad = attest_gap_row_details (report, find_row (report, "alpha/alpha-one", "svc-a"));
    g_autoptr(GPtrArray) ed = attest_gap_row_details (report, find_row (report, "beta/beta", "svc-e"));

    g_assert_cmpuint (fd->len, ==, 2);
    g_assert_true (g_str_has_prefix (fd->pdata[0], "Not in this scope in the newest page version: "));
    g_assert_cmpstr (fd->pdata[1], ==, "Covered by another required scope: Beta");
    g_assert_cmpuint (ed->len, ==, 2);
    g_assert_cmpstr (ed->pdata[1], ==, "No other required scope covers it");
    g_assert_cmpuint (bd->len, ==, 2);
    g_assert_cmpstr (bd->pdata[0], ==, "Evidence expired: b-expired.pdf, on 2025-02-01");
    g_assert_cmpstr (bd->pdata[1], ==, "Evidence expiring: b-soon.pdf, on 2025-03-20");
    g_assert_cmpuint (cd->len, ==, 3);
    g_assert_true (g_str_has_prefix (cd->pdata[0], "2 items not yet satisfied: 3. "));
    g_assert_nonnull (strstr (cd->pdata[0], " (In progress); 4. "));
    g_assert_true (g_str_has_prefix (cd->pdata[1], "Exception: 2. "));
    g_assert_true (g_str_has_prefix (cd->pdata[2], "Overdue: 3. "));
    g_assert_true (g_str_has_suffix (cd->pdata[2], " (due 2025-02-15)"));
    g_assert_cmpuint (ad->len, ==, 1);
    g_assert_cmpstr (ad->pdata[0], ==, "Checklist satisfied, no evidence expiring");
    g_assert_cmpstr (attest_gap_state_symbol (ATTEST_GAP_READY), ==, "✓");
  }

  /* "today" decides: a year earlier nothing has expired or is overdue. */
  g_clear_pointer (&report, attest_gap_report_free);
  report = attest_workspace_gap_report (ws, "2024-03-01", &error);
  g_assert_no_error (error);
  assert_row (report, "alpha/alpha-one", "svc-b", ATTEST_GAP_READY, "", "", "", "");
  assert_row (report, "alpha/alpha-one", "svc-c", ATTEST_GAP_OPEN, "",
              "3:in-progress@2025-02-15,4:not-started@2025-04-01", "2:exception", "");

  /* The report reads; it writes nothing (no template stored, no history). */
  {
    guint before = n_history (ws, NULL);
    g_autoptr(AttestChecklistItem) item = NULL;

    g_clear_pointer (&report, attest_gap_report_free);
    report = attest_workspace_gap_report (ws, TODAY, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_history (ws, NULL), ==, before);
    item = get_item (ws, "alpha/alpha-one", "svc-d", 1);
    g_assert_cmpint (item->id, <, 0);
  }

  assert_gap_matrix (ws);
  attest_test_workspace_delete (&ws, &dir, &path);
}

static void
test_empty (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("gap", "Tester", &dir, &path);
  g_autoptr(AttestGapReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AttestGapScope *s;
  g_autofree char *summary = NULL;

  /* No workspace content: an empty report, not an error. */
  report = attest_workspace_gap_report (ws, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, 0);
  g_assert_cmpuint (report->scopes->len, ==, 0);
  g_clear_pointer (&report, attest_gap_report_free);

  /* A required scope and none of My services: the scope's summary says 0 of 0. */
  {
    static const PageScope beta[] = { { "beta", "Beta", "Svc A" }, { NULL } };

    import_page (ws, "beta", "Beta", "2024-02-01", beta);
  }
  require (ws, "beta/beta", TRUE, TRUE);
  report = attest_workspace_gap_report (ws, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, 0);
  g_assert_cmpuint (report->scopes->len, ==, 1);
  s = report->scopes->pdata[0];
  summary = attest_gap_scope_summary (s);
  g_assert_cmpstr (summary, ==, "Beta: 0 of 0 of your services ready");

  assert_gap_matrix (ws);
  attest_test_workspace_delete (&ws, &dir, &path);
}

static void
test_required_scopes (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("gap", "Tester", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *id = NULL;
  g_autofree char *fingerprint = NULL;
  guint before;

  build_workspace (ws);

  /* S as the CLI takes it: an id, or a name (case-folded), within a framework when given. */
  g_assert_true (attest_workspace_resolve_scope (ws, NULL, "alpha/alpha-two", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "alpha/alpha-two");
  g_clear_pointer (&id, g_free);
  g_assert_true (attest_workspace_resolve_scope (ws, NULL, "alpha TWO", &id, &error));
  g_assert_cmpstr (id, ==, "alpha/alpha-two");
  g_clear_pointer (&id, g_free);
  g_assert_true (attest_workspace_resolve_scope (ws, "gamma", "Beta", &id, &error));
  g_assert_cmpstr (id, ==, "gamma/beta");
  g_clear_pointer (&id, g_free);

  /* Two frameworks' scopes called Beta: the error names both. */
  g_assert_false (attest_workspace_resolve_scope (ws, NULL, "Beta", &id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "beta/beta"));
  g_assert_nonnull (strstr (error->message, "gamma/beta"));
  g_assert_null (id);
  g_clear_error (&error);

  /* Unknown names say which. */
  g_assert_false (attest_workspace_resolve_scope (ws, NULL, "No Such Scope", &id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No Such Scope"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_resolve_scope (ws, "beta", "Alpha One", &id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Alpha One"));
  g_assert_nonnull (strstr (error->message, "beta"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_resolve_service (ws, "No Such Service", &id, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "No Such Service"));
  g_clear_error (&error);

  /* Requiring an unknown scope id fails and records nothing. */
  before = n_history (ws, "required-scopes");
  g_assert_cmpuint (before, ==, 2);
  fingerprint = attest_workspace_get_fingerprint (ws, &error);
  g_assert_false (attest_workspace_set_required_scope (ws, "nope/nope", TRUE, NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope/nope"));
  g_clear_error (&error);
  {
    g_autofree char *now = attest_workspace_get_fingerprint (ws, &error);
    g_assert_cmpstr (now, ==, fingerprint);
  }

  /* Each change one history row; a change that changes nothing, none. */
  require (ws, "alpha/alpha-two", TRUE, TRUE);
  require (ws, "alpha/alpha-two", TRUE, FALSE);
  require (ws, "beta/beta", FALSE, TRUE);
  require (ws, "beta/beta", FALSE, FALSE);
  require (ws, "gamma/gamma", FALSE, FALSE);
  g_assert_cmpuint (n_history (ws, "required-scopes"), ==, before + 2);

  ids = attest_workspace_list_required_scopes (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (ids->pdata[0], ==, "alpha/alpha-one");
  g_assert_cmpstr (ids->pdata[1], ==, "alpha/alpha-two");

  /* The chain still holds. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (attest_workspace_verify_history (ws, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* The report follows: Alpha Two replaces Beta. */
  {
    g_autoptr(AttestGapReport) report = attest_workspace_gap_report (ws, TODAY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->scopes->len, ==, 2);
    g_assert_cmpstr (((AttestGapScope *)report->scopes->pdata[1])->scope_id, ==, "alpha/alpha-two");
    /* Alpha Two × Svc B: not certified, covered by Alpha One. */
    assert_row (report, "alpha/alpha-two", "svc-b", ATTEST_GAP_NOT_CERTIFIED, "alpha/alpha-one", "", "", "");
    /* Alpha One × Svc F: Alpha Two covers it now, Beta no longer counts. */
    assert_row (report, "alpha/alpha-one", "svc-f", ATTEST_GAP_NOT_CERTIFIED, "alpha/alpha-two", "", "", "");
  }

  assert_gap_matrix (ws);
  attest_test_workspace_delete (&ws, &dir, &path);
}

/* A matrix row that stands for two merged services: its cells may be held
 * by the absorbed one; the report names their items and files all the same. */
static void
test_merged (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("gap", "Tester", &dir, &path);
  g_autoptr(AttestGapReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  static const PageScope alpha[] = { { "alpha-one", "Alpha One", "Svc X" }, { NULL } };
  static const PageScope beta[] = { { "beta", "Beta", "Svc H" }, { NULL } };
  AttestGapRow *row;

  import_page (ws, "alpha", "Alpha", "2024-01-01", alpha);
  import_page (ws, "beta", "Beta", "2024-02-01", beta);
  set_item (ws, "beta/beta", "svc-h", 2, "exception", "2025-01-01");
  satisfy_all (ws, "alpha/alpha-one", "svc-x");
  sha = attach (ws, "alpha/alpha-one", "svc-x", 1, "x-soon.pdf", "2025-03-02");
  g_assert_true (attest_workspace_merge_services (ws, "svc-x", "svc-h", &error));
  g_assert_no_error (error);
  set_mine (ws, "svc-x");
  require (ws, "alpha/alpha-one", TRUE, TRUE);
  require (ws, "beta/beta", TRUE, TRUE);

  report = attest_workspace_gap_report (ws, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, 2);
  assert_row (report, "alpha/alpha-one", "svc-x", ATTEST_GAP_EVIDENCE_EXPIRING, "", "", "", "");
  row = find_row (report, "alpha/alpha-one", "svc-x");
  g_assert_cmpuint (row->evidence->len, ==, 1);
  g_assert_cmpstr (((AttestGapEvidence *)row->evidence->pdata[0])->sha256, ==, sha);
  g_assert_cmpint (((AttestGapEvidence *)row->evidence->pdata[0])->state, ==, ATTEST_EXPIRY_SOON);
  /* Svc H's Beta cell is Svc X's now. */
  assert_row (report, "beta/beta", "svc-x", ATTEST_GAP_OPEN, "",
              "1:not-started,3:not-started,4:not-started,5:not-started", "2:exception@2025-01-01",
              "2:exception@2025-01-01");

  assert_gap_matrix (ws);
  attest_test_workspace_delete (&ws, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gap/report", test_report);
  g_test_add_func ("/gap/empty", test_empty);
  g_test_add_func ("/gap/required-scopes", test_required_scopes);
  g_test_add_func ("/gap/merged", test_merged);

  return g_test_run ();
}
