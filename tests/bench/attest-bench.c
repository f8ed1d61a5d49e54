/* attest-bench.c: the figures each issue asks for, one line per form
 *
 *   attest-bench import DIR [RUNS]
 *                             import: N pages, B bytes, parse T ms, store S ms (R× the parse);
 *                             CPU parse T ms, store S ms (R×): the importing thread's CPU time;
 *                             median of RUNS runs (5 by default), each into a new workspace
 *   attest-bench search [N]   search: N notes, median M ms, p95 P ms
 *   attest-bench checklist    checklist: N status changes, median M ms, p95 P ms
 *   attest-bench matrix       matrix: F frameworks, S services, C cells, build B ms
 *   attest-bench gap [F S]    gap: R rows, T ms (the gap report of F/2 required scopes × S/2 of
 *                             My services, with checklists, exceptions and evidence; 100 × 400)
 *   attest-bench attach FILE  attach: FILE SIZE bytes, hash H ms, store S ms, total T ms
 *   attest-bench page DIR     page: P pages, max M ms, median D ms, slowest FILE, warnings W
 *                             page memory: KIND B bytes, peak P bytes per input byte, parse T ms
 *                             (made-up pages of at most BYTES, ATTEST_PAGE_MAX_BYTES unless
 *                             "page DIR BYTES" says less; each parsed in a process of its own)
 *   attest-bench sections [N…] sections: import of N headings with one anchor / one title,
 *                             parse P ms store S ms each (N = 5000 10000 50000 by default)
 *   attest-bench verify [N]   verify: N checklist items, status change median M ms, history check H ms,
 *                             full verify V ms (N = 20000 by default)
 *   attest-bench render FILE.pdf [--dpi N] [--pages A-B]
 *                             render: P pages, M ms/page (AttestPdfDocument, no image encoding)
 *                             poppler: P pages, M ms/page, Attest R× (poppler-glib straight to a
 *                             cairo image surface; the ratio in CPU time, which other users of
 *                             the machine do not skew, and by the clock); FILE "--generate N"
 *                             renders a made-up PDF of N pages; 150 dpi and every page by default
 *
 * Built, not installed. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "attest-evidence-file.h"
#include "attest-gap.h"
#include "attest-history.h"
#include "attest-importer.h"
#include "attest-matrix-filter.h"
#include "attest-matrix-sheets.h"
#include "attest-report-sheets.h"
#include "attest-page-files.h"
#include "attest-page-pairs.h"
#include "attest-paths.h"
#include "attest-pdf-document.h"
#include "attest-search.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-private.h"
#include "attest-workspace-required.h"

#include "attest-test-generate.h"

static void
remove_workspace (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b);

static double
median_of (GArray *values)
{
  g_array_sort (values, (GCompareFunc) compare_double);
  return g_array_index (values, double, values->len / 2);
}

/* One import of DIR into a new workspace: its summary, or NULL (said). */
static AttestImportSummary *
import_once (const char *dir)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary *summary = NULL;
  const char *paths[] = { dir, NULL };

  ws = attest_workspace_open (path, &error);
  if (ws != NULL)
    summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  if (summary == NULL)
    g_printerr ("attest-bench: %s\n", error->message);
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return summary;
}

/* The median of @runs imports, each into a new workspace: one run's figures
 * move with whatever else the machine does (the wall time by ±0.3× the
 * parse), and the goal is a ratio at the edge of that noise. */
static int
bench_import (const char *dir,
              guint       runs)
{
  g_autoptr(GArray) parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) store = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) store_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratio_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint pages = 0, failed = 0;
  guint64 bytes = 0;
  double low, high;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(AttestImportSummary) summary = import_once (dir);
      double p, s, pc, sc, r, rc;

      if (summary == NULL)
        return 1;
      if (run == 0)
        for (guint i = 0; i < summary->failures->len; i++)
          g_printerr ("attest-bench: %s\n", (char *)summary->failures->pdata[i]);
      pages = summary->imported + summary->unchanged + summary->failed;
      failed = summary->failed;
      bytes = summary->bytes;
      p = summary->parse_usec / 1000.0;
      s = summary->store_usec / 1000.0;
      pc = summary->parse_cpu_usec / 1000.0;
      sc = summary->store_cpu_usec / 1000.0;
      r = p > 0 ? s / p : 0.0;
      rc = pc > 0 ? sc / pc : 0.0;
      g_array_append_val (parse, p);
      g_array_append_val (store, s);
      g_array_append_val (ratio, r);
      g_array_append_val (parse_cpu, pc);
      g_array_append_val (store_cpu, sc);
      g_array_append_val (ratio_cpu, rc);
    }

  /* The goal: storing and indexing at most 3× the parse. The CPU time of
   * each too: the wall time counts other programs sharing the processors.
   * Each figure is its own median; the ratios are the runs' median ratios. */
  g_array_sort (ratio, (GCompareFunc) compare_double);
  low = g_array_index (ratio, double, 0);
  high = g_array_index (ratio, double, ratio->len - 1);
  printf ("import: %u pages, %" G_GUINT64_FORMAT " bytes, parse %.1f ms, store %.1f ms (%.1f× the parse); "
          "CPU parse %.1f ms, store %.1f ms (%.1f×); median of %u runs (%.1f× to %.1f×)\n",
          pages, bytes, median_of (parse), median_of (store), median_of (ratio),
          median_of (parse_cpu), median_of (store_cpu), median_of (ratio_cpu), runs, low, high);
  return failed > 0 ? 1 : 0;
}

/* Words for made-up notes, the common ones first: pick_word() favours low indexes. */
static const char * const bench_words[] = {
  "the", "evidence", "control", "audit", "reviewed", "access", "report", "policy", "owner",
  "encryption", "backup", "retention", "incident", "vendor", "logging", "quarterly", "approved",
  "exception", "screenshot", "ticket", "missing", "renewal", "attestation", "auditor", "sampling",
  "configuration", "baseline", "privileged", "segregation", "monitoring", "vulnerability",
  "penetration", "remediation", "deadline", "follow-up", "interview", "walkthrough", "keys",
  "rotation", "firewall", "tenant", "region", "subprocessor", "bridge letter", "carve-out",
};
static const char * const bench_french[] = {
  "sécurité", "données", "contrôle", "conformité", "accès", "chiffrement", "sauvegarde",
  "évaluation", "fournisseur", "rapport d’audit", "journalisation", "incident", "périmètre",
  "responsabilité", "mise à jour", "révision", "hébergement", "déclaration d’applicabilité",
};
static const char * const bench_chinese[] = {
  "雲端服務", "資料保護", "安全性", "合規性", "稽核報告", "存取控制", "加密", "備份",
  "風險評估", "供應商", "事件回應", "隱私權", "認證", "範圍內",
};

static const char *
pick_word (GRand             *rand,
           const char * const *words,
           guint              n)
{
  double r = g_rand_double (rand);

  return words[(guint)(r * r * n)];
}

static char *
bench_note (GRand *rand,
            guint  i)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 15, 45);

  for (guint w = 0; w < n; w++)
    {
      double kind = g_rand_double (rand);
      const char *word;

      if (kind < 0.08)
        word = pick_word (rand, attest_test_service_names, attest_test_n_service_names);
      else if (kind < 0.13)
        word = pick_word (rand, attest_test_framework_names, attest_test_n_framework_names);
      else if (kind < 0.23)
        word = pick_word (rand, bench_french, G_N_ELEMENTS (bench_french));
      else if (kind < 0.30)
        word = pick_word (rand, bench_chinese, G_N_ELEMENTS (bench_chinese));
      else
        word = pick_word (rand, bench_words, G_N_ELEMENTS (bench_words));
      g_string_append_printf (text, "%s%s", w > 0 ? " " : "", word);
      if (g_rand_int_range (rand, 0, 12) == 0)
        g_string_append_c (text, '.');
    }
  /* Rare words: one note in 5000, and one in 50 000. */
  if (i % 5000 == 17)
    g_string_append (text, " zeppelin");
  if (i % 50000 == 4242)
    g_string_append (text, " quokka");
  return g_string_free (text, FALSE);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static int
bench_search (guint n_notes)
{
  static const char *queries[] = {
    "evidence", "audit control", "azure", "the", "kube*", "encrypt*", "securite", "donnees",
    "controle acces", "conformite fournisseur", "雲端", "資料保護", "稽核", "雲端服務 azure",
    "zeppelin", "quokka", "iso 27001", "power bi retention", "priv* segregation", "sécurité",
  };
  const guint rounds = 5;
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_notes && ret == 0; )
    {
      if (!_attest_workspace_begin (ws, &error))
        ret = 1;
      for (guint end = MIN (i + 5000, n_notes); ret == 0 && i < end; i++)
        {
          g_autofree char *ref = g_strdup_printf ("%u", i + 1);
          g_autofree char *body = bench_note (rand, i);
          g_autofree char *title = g_strdup_printf ("%s — %s",
                                                    pick_word (rand, attest_test_framework_names, attest_test_n_framework_names),
                                                    pick_word (rand, attest_test_service_names, attest_test_n_service_names));
          if (!_attest_search_put (ws, "note", ref, title, body, &error))
            ret = 1;
        }
      if (ret == 0 && !_attest_workspace_commit (ws, &error))
        ret = 1;
    }
  if (ret != 0)
    {
      _attest_workspace_rollback (ws);
      g_printerr ("attest-bench: %s\n", error->message);
      goto out;
    }
  g_debug ("built %u notes in %.1f s", n_notes, (g_get_monotonic_time () - start) / 1e6);

  for (guint round = 0; round <= rounds && ret == 0; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GPtrArray) results = NULL;
        double ms;

        start = g_get_monotonic_time ();
        results = attest_workspace_search (ws, queries[q], 50, &error);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (results == NULL)
          {
            g_printerr ("attest-bench: %s: %s\n", queries[q], error->message);
            ret = 1;
            break;
          }
        g_debug ("%-24s %3u results %7.2f ms", queries[q], results->len, ms);
        /* Round 0 warms the page cache; it is not counted. */
        if (round > 0)
          g_array_append_val (times, ms);
      }

  if (ret == 0)
    {
      g_array_sort (times, compare_double);
      printf ("search: %u notes, median %.1f ms, p95 %.1f ms\n", n_notes,
              g_array_index (times, double, times->len / 2),
              g_array_index (times, double, MIN (times->len - 1, (guint)(times->len * 0.95))));
    }

out:
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

/* One checklist status change = one transaction with its history row,
 * committed with synchronous=FULL, as the window and the CLI do it. */
static int
bench_checklist (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  static const char *statuses[] = { "in-progress", "satisfied", "exception", "not-applicable", "not-started" };
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const guint n = 500;
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws != NULL)
    summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  if (summary != NULL)
    items = attest_workspace_get_checklist (ws, "soc/soc-2", "intune", &error);
  if (items == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }

  for (guint i = 0; i < n; i++)
    {
      AttestChecklistItem *item = items->pdata[i % items->len];
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      if (!attest_workspace_update_item (ws, item->id, statuses[i % G_N_ELEMENTS (statuses)], NULL, NULL, &error))
        {
          g_printerr ("attest-bench: %s\n", error->message);
          ret = 1;
          goto out;
        }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_double);
  printf ("checklist: %u status changes, median %.2f ms, p95 %.2f ms\n", n,
          g_array_index (times, double, n / 2), g_array_index (times, double, (guint)(n * 0.95)));

out:
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

/* The size of the generated matrix of `matrix`, `export` (and what uses
 * them): the issues' 100 frameworks × 400 services, unless the command line
 * says otherwise (the test suite's small runs, which only check they run). */
static guint matrix_frameworks = 100;
static guint matrix_services = 400;

static gboolean
parse_matrix_size (int    argc,
                   char **argv)
{
  guint64 f, s;

  if (argc == 2)
    return TRUE;
  if (argc != 4 ||
      !g_ascii_string_to_unsigned (argv[2], 10, 1, 1000, &f, NULL) ||
      !g_ascii_string_to_unsigned (argv[3], 10, 1, 10000, &s, NULL))
    return FALSE;
  matrix_frameworks = (guint) f;
  matrix_services = (guint) s;
  return TRUE;
}

static int
bench_matrix (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AttestMatrix) loaded = NULL;
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(GError) error = NULL;
  guint frameworks = 0, services = 0, cells = 0;
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws == NULL || !attest_test_generate_matrix (ws, matrix_frameworks, matrix_services, &error))
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }

  /* Median of several builds: workspace query to a ready, sorted model. */
  for (guint i = 0; i < 7; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(AttestMatrix) m = attest_workspace_load_matrix (ws, &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      if (m == NULL)
        {
          g_printerr ("attest-bench: %s\n", error->message);
          ret = 1;
          goto out;
        }
      g_array_append_val (times, ms);
      frameworks = m->frameworks->len;
      services = m->services->len;
      cells = m->cells->len;
      if (i == 6) /* the last model stays for the filter below */
        loaded = g_steal_pointer (&m);
    }
  g_array_sort (times, compare_double);

  /* Median of several applications of a text filter to the loaded model. */
  filter->text = g_strdup ("Service 1");
  for (guint i = 0; i < 7; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      AttestMatrix *shown = attest_matrix_filter_apply (filter, loaded);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (filter_times, ms);
      attest_matrix_free (shown);
    }
  g_array_sort (filter_times, compare_double);

  printf ("matrix: %u frameworks, %u services, %u cells, build %.1f ms, filter %.1f ms\n",
          frameworks, services, cells, g_array_index (times, double, times->len / 2),
          g_array_index (filter_times, double, filter_times->len / 2));

out:
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

static gint64 thread_cpu_usec (void);

/* Satisfies every item of a cell but the last (not applicable); FALSE on failure. */
static gboolean
gap_satisfy (AttestWorkspace  *ws,
             const char       *scope,
             const char       *service,
             gint64           *first_item,
             GError          **error)
{
  guint n;

  {
    g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope, service, error);

    if (items == NULL)
      return FALSE;
    n = items->len;
  }
  for (guint i = 0; i < n; i++)
    {
      /* The first edit stores the template: read the ids again each time. */
      g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope, service, error);
      AttestChecklistItem *item;

      if (items == NULL)
        return FALSE;
      item = items->pdata[i];
      if (!attest_workspace_update_item (ws, item->id, i + 1 == n ? "not-applicable" : "satisfied",
                                         NULL, NULL, error))
        return FALSE;
      if (i == 0)
        *first_item = item->id;
    }
  return TRUE;
}

/* The gap report (issue 23) of the generated matrix: every other framework's
 * scope required (50 of 100), every other service one of mine (200 of 400),
 * and of their in-scope cells one in eight satisfied (one in four of those
 * with evidence expiring or expired, the others current), one in eight with
 * an overdue exception; the rest never opened. Median of 7 reports. */
static int
bench_gap (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) required = g_ptr_array_new ();  /* AttestMatrixScope */
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();      /* AttestMatrixService */
  g_autoptr(GError) error = NULL;
  guint rows = 0, n_cell = 0, n_state[ATTEST_GAP_READY + 1] = { 0 };
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws == NULL || !attest_test_generate_matrix (ws, matrix_frameworks, matrix_services, &error) ||
      (matrix = attest_workspace_load_matrix (ws, &error)) == NULL)
    goto fail;

  for (guint f = 0; f < matrix->frameworks->len; f += 2)
    {
      AttestMatrixFramework *fw = matrix->frameworks->pdata[f];

      for (guint s = 0; s < fw->scopes->len; s++)
        {
          AttestMatrixScope *scope = fw->scopes->pdata[s];

          if (!attest_workspace_set_required_scope (ws, scope->id, TRUE, NULL, &error))
            goto fail;
          g_ptr_array_add (required, scope);
        }
    }
  for (guint i = 0; i < matrix->services->len; i += 2)
    {
      AttestMatrixService *service = matrix->services->pdata[i];

      if (!attest_workspace_set_my_service (ws, service->id, TRUE, &error))
        goto fail;
      g_ptr_array_add (mine, service);
    }

  for (guint c = 0; c < required->len; c++)
    for (guint m = 0; m < mine->len; m++)
      {
        AttestMatrixScope *scope = required->pdata[c];
        AttestMatrixService *service = mine->pdata[m];
        gint64 item_id = 0;

        if (attest_matrix_lookup_cell (matrix, scope->id, service->id) == NULL)
          continue;
        switch (n_cell++ % 8)
          {
          case 0:
            {
              g_autofree char *name = g_strdup_printf ("report-%u.pdf", n_cell);
              g_autoptr(GBytes) bytes = g_bytes_new (name, strlen (name));
              const char *expires = (n_cell / 8) % 4 == 0 ? "2025-03-15"
                                    : (n_cell / 8) % 4 == 1 ? "2025-01-31" : "2026-06-30";

              if (!gap_satisfy (ws, scope->id, service->id, &item_id, &error) ||
                  !attest_workspace_attach_evidence (ws, item_id, name, bytes, "application/pdf", "2024-06-30",
                                                     expires, 0, NULL, NULL, &error))
                goto fail;
            }
            break;
          case 1:
            {
              g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope->id, service->id, &error);

              if (items == NULL ||
                  !attest_workspace_update_item (ws, ((AttestChecklistItem *)items->pdata[0])->id, "exception",
                                                 NULL, "2025-02-01", &error))
                goto fail;
            }
            break;
          default:
            break;
          }
      }

  for (guint i = 0; i < 7; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      gint64 cpu0 = thread_cpu_usec ();
      g_autoptr(AttestGapReport) report = attest_workspace_gap_report (ws, "2025-03-01", &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;
      double cpu_ms = (thread_cpu_usec () - cpu0) / 1000.0;

      if (report == NULL)
        goto fail;
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu_ms);
      rows = report->rows->len;
      memset (n_state, 0, sizeof n_state);
      for (guint r = 0; r < report->rows->len; r++)
        n_state[((AttestGapRow *)report->rows->pdata[r])->state]++;
    }
  g_array_sort (times, compare_double);
  g_array_sort (cpu_times, compare_double);

  /* The CPU time too: the clock counts the machine's other users. */
  printf ("gap: %u rows, %.1f ms (CPU %.1f ms; %u required scopes × %u of My services; %u ready, %u open, "
          "%u evidence expiring, %u not certified)\n",
          rows, g_array_index (times, double, times->len / 2), g_array_index (cpu_times, double, cpu_times->len / 2),
          required->len, mine->len,
          n_state[ATTEST_GAP_READY], n_state[ATTEST_GAP_OPEN], n_state[ATTEST_GAP_EVIDENCE_EXPIRING],
          n_state[ATTEST_GAP_NOT_CERTIFIED]);
  goto out;

fail:
  g_printerr ("attest-bench: %s\n", error != NULL ? error->message : "no workspace");
  ret = 1;
out:
  g_clear_pointer (&matrix, attest_matrix_free);
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

/* 500 for the 100 × 400 matrix; a smaller matrix (the test suite's small
 * run) gets as many in proportion, at least 10. */
#define REPORT_EVIDENCE (MAX (10u, 500u * matrix_frameworks * matrix_services / (100u * 400u)))
#define REPORT_FILES_PER_CELL 5

/* The evidence report of the same workspace once REPORT_EVIDENCE evidence
 * files are attached (REPORT_FILES_PER_CELL to each of 100 cells' items, half
 * of them expired, every such cell with an exception, an overdue item and a
 * note), as `export report OUT.pdf` makes it: the report gathered, laid out
 * on A4 and drawn on a cairo PDF surface. */
static int
bench_export_report (AttestWorkspace *ws,
                     AttestMatrix    *matrix,
                     const char      *fingerprint,
                     const char      *tmp)
{
  g_autofree char *pdf = g_build_filename (tmp, "report.pdf", NULL);
  g_autoptr(AttestReport) report = NULL;
  g_autoptr(AttestReportSheets) sheets = NULL;
  g_autoptr(GError) error = NULL;
  guint attached = 0;
  gint64 t0;
  double ms;
  gboolean ok = TRUE;

  for (guint c = 0; ok && c < matrix->cells->len && attached < REPORT_EVIDENCE; c++)
    {
      AttestMatrixCell *cell = matrix->cells->pdata[c];
      g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, cell->scope, cell->service, &error);
      g_autofree char *target = g_strdup_printf ("cell:%s:%s", cell->scope, cell->service);

      if (items == NULL || items->len < 2)
        {
          ok = items != NULL;
          continue;
        }
      for (guint i = 0; ok && i < REPORT_FILES_PER_CELL && attached < REPORT_EVIDENCE; i++, attached++)
        {
          AttestChecklistItem *item = items->pdata[i % items->len];
          g_autofree char *name = g_strdup_printf ("evidence-%03u.txt", attached);
          g_autofree char *text = g_strdup_printf ("Evidence file %u for %s\n", attached, target);
          g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

          ok = attest_workspace_attach_evidence (ws, item->id, name, bytes, "text/plain", "2019-01-01",
                                                 attached % 2 == 0 ? "2020-01-01" : "2099-01-01",
                                                 -1, NULL, NULL, &error);
        }
      ok = ok && attest_workspace_update_item (ws, ((AttestChecklistItem *) items->pdata[0])->id,
                                               "exception", "Bench Owner", NULL, &error);
      ok = ok && attest_workspace_update_item (ws, ((AttestChecklistItem *) items->pdata[1])->id,
                                               "in-progress", "", "2020-01-31", &error);
      ok = ok && attest_workspace_add_note (ws, target, "A note on the cell, **in Markdown**.", NULL, &error);
    }
  if (!ok)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      return 1;
    }
  if (attached < REPORT_EVIDENCE)
    {
      g_printerr ("attest-bench: only %u evidence files attached: no checklist templates "
                  "(set ATTEST_DATADIR to the source tree's data folder)\n", attached);
      return 1;
    }
  /* The roll-ups changed: the report reads the matrix as the CLI loads it. */
  {
    g_autoptr(AttestMatrix) loaded = NULL;

    t0 = g_get_monotonic_time ();
    loaded = attest_workspace_load_matrix (ws, &error);
    if (loaded != NULL)
      report = attest_report_gather (ws, loaded, NULL, NULL, &error);
    if (report != NULL)
      {
        sheets = attest_report_sheets_new (report, "bench.attest", NULL, NULL, fingerprint);
        if (!attest_report_sheets_export_pdf (sheets, pdf, ATTEST_PAPER_A4_WIDTH, ATTEST_PAPER_A4_HEIGHT, &error))
          g_clear_object (&sheets);
      }
    ms = (g_get_monotonic_time () - t0) / 1000.0;
  }
  g_unlink (pdf);
  if (sheets == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      return 1;
    }
  printf ("export report: %u evidence, %u pages, %.0f ms\n", report->n_evidence,
          attest_report_sheets_get_n_pages (sheets), ms);
  return 0;
}

/* The matrix PDF of 100 frameworks × 400 services, as `export matrix OUT.pdf`
 * makes it: the matrix loaded, the fingerprint read, the sheets laid out on
 * A4 and drawn on a cairo PDF surface. */
static int
bench_export (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autofree char *pdf = g_build_filename (tmp, "matrix.pdf", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(AttestMatrixSheets) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  gint64 t0;
  double ms;
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws == NULL || !attest_test_generate_matrix (ws, matrix_frameworks, matrix_services, &error))
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }
  t0 = g_get_monotonic_time ();
  matrix = attest_workspace_load_matrix (ws, &error);
  if (matrix != NULL)
    fingerprint = attest_workspace_get_fingerprint (ws, &error);
  if (fingerprint != NULL)
    {
      sheets = attest_matrix_sheets_new (matrix, "bench.attest", NULL, NULL, fingerprint);
      if (!attest_matrix_sheets_export_pdf (sheets, pdf, ATTEST_PAPER_A4_WIDTH, ATTEST_PAPER_A4_HEIGHT, &error))
        g_clear_object (&sheets);
    }
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  if (sheets == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }
  printf ("export: %u frameworks, %u services, %u pages, %.0f ms\n",
          matrix->frameworks->len, matrix->services->len,
          attest_matrix_sheets_get_n_pages (sheets), ms);

  if (bench_export_report (ws, matrix, fingerprint, tmp) != 0)
    ret = 1;

out:
  g_unlink (pdf);
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

/* One attach of FILE into a fresh workspace, as the cell pane's worker does it:
 * hash = reading and hashing the file; store = the transaction that stores and
 * links it; total = everything from opening the file to the commit, including
 * its MIME type and, for a PDF, its text. */
static int
bench_attach (const char *file_arg)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_arg);
  g_autoptr(AttestEvidenceFile) prepared = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, stored;
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws != NULL)
    summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  if (summary != NULL)
    items = attest_workspace_get_checklist (ws, "soc/soc-2", "intune", &error);
  if (items == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }

  start = g_get_monotonic_time ();
  prepared = attest_evidence_file_prepare (file, NULL, NULL, NULL, &error);
  if (prepared == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }
  stored = g_get_monotonic_time ();
  if (!attest_evidence_file_attach (prepared, ws, ((AttestChecklistItem *)items->pdata[0])->id, NULL, NULL, &error))
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }
  if (prepared->text_error != NULL)
    g_printerr ("attest-bench: warning: %s: %s\n", prepared->display_name, prepared->text_error->message);

  printf ("attach: %s %" G_GSIZE_FORMAT " bytes, hash %.1f ms, store %.1f ms, total %.1f ms\n",
          file_arg, g_bytes_get_size (prepared->bytes), prepared->read_usec / 1000.0,
          (g_get_monotonic_time () - stored) / 1000.0, (g_get_monotonic_time () - start) / 1000.0);

out:
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

/* Each offering page under DIR (as the importer finds them) parsed into its
 * block lists and side-by-side pairs, timed one page at a time. */
static int
bench_page (const char *dir)
{
  const char *paths[] = { dir, NULL };
  g_autoptr(AttestPageFiles) files = attest_page_files_collect (paths, NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *slowest = NULL;
  double max = 0;
  guint warnings = 0;
  int ret = 0;

  for (guint i = 0; i < files->failures->len; i++)
    {
      g_printerr ("attest-bench: %s\n", ((AttestPageFailure *) files->failures->pdata[i])->message);
      ret = 1;
    }

  for (guint i = 0; i < files->files->len; i++)
    {
      AttestPageFile *f = files->files->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPage) page = NULL;
      g_autoptr(GArray) pairs = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      page = attest_page_load (f->path, f->root, &error);
      if (page != NULL)
        pairs = attest_page_pair_blocks (page);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (page == NULL)
        {
          g_printerr ("attest-bench: %s\n", error->message);
          ret = 1;
          continue;
        }
      for (guint w = 0; w < page->warnings->len; w++)
        g_debug ("%s", (char *) page->warnings->pdata[w]);
      warnings += page->warnings->len;
      g_array_append_val (times, ms);
      if (ms >= max)
        {
          max = ms;
          g_free (slowest);
          slowest = g_strdup (f->path);
        }
    }

  if (times->len == 0)
    {
      g_printerr ("attest-bench: %s: no offering page\n", dir);
      return 1;
    }
  g_array_sort (times, compare_double);
  printf ("page: %u pages, max %.1f ms, median %.1f ms, slowest %s, warnings %u\n",
          times->len, max, g_array_index (times, double, times->len / 2), slowest, warnings);
  return ret;
}

/* The dense made-up pages of the memory figure: what a line holds. */
static const struct {
  const char *kind;
  const char *header;
  const char *line;
} dense_pages[] = {
  { "headings",   "",                    "## Same\n\ntext\n\n" },
  { "emphasis",   "",                    "*a* **b** `c`\n" },
  { "lines",      "",                    "a\n" },
  { "paragraphs", "",                    "a\n\n" },
  { "list",       "",                    "- a\n" },
  { "links",      "",                    "[a](#b)\n" },
  { "bilingual",  "",
    "<span data-ttu-id=\"a-1\">Un *mot*.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">A *word*.</span></span>\n\n" },
};

/* The process's resident set now, in bytes. */
static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* In a process of its own (the peak is the process's): one dense page just
 * under the size limit, parsed and paired as the view does; prints
 * "BYTES PEAK MS", the peak above what the process held before the parse. */
static int
bench_page_peak (const char *kind,
                 gsize       size)
{
  g_autoptr(GString) md = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(GArray) pairs = NULL;
  struct rusage usage;
  gsize before;
  gint64 t0;
  guint k;

  for (k = 0; k < G_N_ELEMENTS (dense_pages); k++)
    if (g_str_equal (dense_pages[k].kind, kind))
      break;
  if (k == G_N_ELEMENTS (dense_pages))
    return 2;
  g_string_append (md, dense_pages[k].header);
  while (md->len + strlen (dense_pages[k].line) <= size)
    g_string_append (md, dense_pages[k].line);
  before = resident_bytes ();
  t0 = g_get_monotonic_time ();
  page = attest_page_parse ("dense.md", md->str, (gssize) md->len, &error);
  if (page == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      return 1;
    }
  pairs = attest_page_pair_blocks (page);
  getrusage (RUSAGE_SELF, &usage);
  printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %.1f\n", md->len,
          (gsize) usage.ru_maxrss * 1024 - MIN (before, (gsize) usage.ru_maxrss * 1024),
          (g_get_monotonic_time () - t0) / 1000.0);
  return 0;
}

/* The peak memory of each dense page, each parsed in a process of its own. */
static int
bench_page_memory (const char *self_path,
                   const char *size)
{
  int ret = 0;

  for (guint k = 0; k < G_N_ELEMENTS (dense_pages); k++)
    {
      const char *argv[] = { self_path, "page-peak", dense_pages[k].kind, size, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;
      guint64 bytes = 0, peak = 0;
      double ms = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error)
          || sscanf (out, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %lf", &bytes, &peak, &ms) != 3
          || bytes == 0)
        {
          g_printerr ("attest-bench: page memory %s: %s\n", dense_pages[k].kind,
                      error != NULL ? error->message : "no figure");
          ret = 1;
          continue;
        }
      printf ("page memory: %s %" G_GUINT64_FORMAT " bytes, peak %.0f bytes per input byte, parse %.1f ms\n",
              dense_pages[k].kind, bytes, (double) peak / (double) bytes, ms);
    }
  return ret;
}

static void usage (void);

/* One import of a made-up page of @n headings into a new workspace;
 * FALSE on failure. */
static gboolean
import_headings (guint    n,
                 gboolean anchors,
                 double  *parse_ms,
                 double  *store_ms)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *page = g_build_filename (tmp, "offering-headings.md", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autoptr(GString) md = g_string_new ("---\ntitle: Headings\n---\n");
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { page, NULL };

  for (guint i = 0; i < n; i++)
    if (anchors)
      g_string_append_printf (md, "## <a name=\"x\"></a>Heading %u\n\ntext\n\n", i);
    else
      g_string_append (md, "## Same\n\ntext\n\n");
  if (!g_file_set_contents (page, md->str, (gssize) md->len, &error)
      || (ws = attest_workspace_open (path, &error)) == NULL
      || (summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error)) == NULL)
    g_printerr ("attest-bench: %s\n", error->message);
  else if (summary->failed > 0)
    g_printerr ("attest-bench: %s\n", (char *) summary->failures->pdata[0]);
  else
    {
      *parse_ms = summary->parse_usec / 1000.0;
      *store_ms = summary->store_usec / 1000.0;
    }
  g_clear_object (&ws);
  remove_workspace (path);
  g_remove (page);
  g_rmdir (tmp);
  return summary != NULL && summary->failed == 0;
}

/* Pages of N headings sharing one key (DESIGN.md "Section key"), imported:
 * the keys were made unique in O(N²). */
static int
bench_sections (int   argc,
                char *argv[])
{
  static const guint64 defaults[] = { 5000, 10000, 50000 };
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GString) line = g_string_new ("sections:");

  if (argc == 0)
    g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
  for (int i = 0; i < argc; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[i], 10, 1, 1000000, &n, NULL))
        {
          usage ();
          return 2;
        }
      g_array_append_val (sizes, n);
    }
  for (guint i = 0; i < sizes->len; i++)
    {
      guint64 n = g_array_index (sizes, guint64, i);
      double parse[2] = { 0 }, store[2] = { 0 };

      for (int a = 0; a < 2; a++)
        if (!import_headings ((guint) n, a == 0, &parse[a], &store[a]))
          return 1;
      g_string_append_printf (line, "%s %" G_GUINT64_FORMAT " headings: anchors parse %.1f ms store %.1f ms,"
                              " titles parse %.1f ms store %.1f ms",
                              i > 0 ? ";" : "", n, parse[0], store[0], parse[1], store[1]);
    }
  printf ("%s\n", line->str);
  return 0;
}

/* A workspace of @n checklist items (made in the file, then one change
 * through the store records them): what an edit costs now that each history
 * row records the state, and what verify costs. */
static int
bench_verify (guint n)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  g_autofree char *sql = NULL;
  const char *paths[] = { offerings, NULL };
  static const char *statuses[] = { "in-progress", "satisfied", "exception", "not-applicable", "not-started" };
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 t0;
  double check_ms, verify_ms;
  const guint changes = 50;
  int ret = 0;

  ws = attest_workspace_open (path, &error);
  if (ws != NULL)
    summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  /* Every scope × service cell, as many items each as it takes. */
  sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
                         "INSERT INTO checklist_item (scope_id, service_id, position, title, status, owner) "
                         "SELECT s.id, v.id, n.i, 'Item ' || n.i, 'in-progress', 'Sam' "
                         "FROM scope s, service v, n "
                         "WHERE n.i <= %u / (SELECT count (*) FROM scope, service) + 1 "
                         "ORDER BY n.i, s.id, v.id LIMIT %u",
                         n, n, n);
  if (summary == NULL || !_attest_workspace_exec (ws, sql, &error) ||
      (items = attest_workspace_get_checklist (ws, "soc/soc-2", "intune", &error)) == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      ret = 1;
      goto out;
    }
  for (guint i = 0; i < changes; i++)
    {
      AttestChecklistItem *item = items->pdata[i % items->len];
      double ms;

      t0 = g_get_monotonic_time ();
      if (!attest_workspace_update_item (ws, item->id, statuses[i % G_N_ELEMENTS (statuses)], NULL, NULL, &error))
        {
          g_printerr ("attest-bench: %s\n", error->message);
          ret = 1;
          goto out;
        }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_double);

  t0 = g_get_monotonic_time ();
  if (!attest_workspace_check_history (ws, NULL, problems, NULL, &error))
    goto failed;
  check_ms = (g_get_monotonic_time () - t0) / 1000.0;
  t0 = g_get_monotonic_time ();
  if (!attest_workspace_verify (ws, problems, NULL, &error))
    goto failed;
  verify_ms = (g_get_monotonic_time () - t0) / 1000.0;
  if (problems->len > 0)
    {
      g_printerr ("attest-bench: %s\n", (char *)problems->pdata[0]);
      ret = 1;
      goto out;
    }
  {
    g_autofree char *count = _attest_workspace_query_text (ws, "SELECT count (*) FROM checklist_item");
    if (count == NULL || g_ascii_strtoull (count, NULL, 10) < n)
      {
        g_printerr ("attest-bench: %s checklist items made, not %u\n", count != NULL ? count : "no", n);
        ret = 1;
        goto out;
      }
  }
  printf ("verify: %u checklist items, status change median %.2f ms, history check %.1f ms, full verify %.1f ms\n",
          n, g_array_index (times, double, changes / 2), check_ms, verify_ms);
  goto out;

failed:
  g_printerr ("attest-bench: %s\n", error->message);
  ret = 1;
out:
  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return ret;
}

/* render ------------------------------------------------------------- */

/* This thread's CPU time in µs: on a shared machine the wall clock
 * counts the other users too; rendering is one thread either way. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* One pass over pages first..last through Attest's document: wall
 * ms/page, and CPU ms/page in @cpu_ms. */
static double
render_attest_pass (AttestPdfDocument *doc,
                    guint              first,
                    guint              last,
                    double             scale,
                    guint             *failed,
                    double            *cpu_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = thread_cpu_usec ();

  for (guint i = first; i <= last; i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = attest_pdf_document_render_page (doc, i, scale, NULL, &error);

      if (surface == NULL)
        {
          if (failed != NULL)
            {
              (*failed)++;
              g_printerr ("render: %s\n", error->message);
            }
          continue;
        }
      cairo_surface_destroy (surface);
    }
  *cpu_ms = (thread_cpu_usec () - cpu_start) / 1000.0 / (last - first + 1);
  return (g_get_monotonic_time () - start) / 1000.0 / (last - first + 1);
}

/* The same pages by poppler-glib alone, surfaces of the same size, white
 * under the page, as a viewer without Attest's layer would do it. */
static double
render_poppler_pass (PopplerDocument *doc,
                     guint            first,
                     guint            last,
                     double           scale,
                     double          *cpu_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = thread_cpu_usec ();

  for (guint i = first; i <= last; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, (int) i);
      cairo_surface_t *surface;
      double w, h;
      int pw, ph;
      cairo_t *cr;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &w, &h);
      pw = (int) MAX (1.0, w * scale + 0.5);
      ph = (int) MAX (1.0, h * scale + 0.5);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, pw / w, ph / h);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  *cpu_ms = (thread_cpu_usec () - cpu_start) / 1000.0 / (last - first + 1);
  return (g_get_monotonic_time () - start) / 1000.0 / (last - first + 1);
}

static int
bench_render (int    argc,
              char **argv)
{
  g_autoptr(AttestPdfDocument) doc = NULL;
  g_autoptr(GObject) pdoc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  guint64 dpi = 150, first = 1, last = 0;
  double scale, attest_ms = G_MAXDOUBLE, poppler_ms = G_MAXDOUBLE;
  double attest_cpu = G_MAXDOUBLE, poppler_cpu = G_MAXDOUBLE, cpu;
  guint failed = 0, n_pages;
  int i = 0;

  if (argc >= 2 && g_str_equal (argv[0], "--generate"))
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[1], 10, 41, 100000, &n, NULL))
        {
          g_printerr ("render: --generate wants a page count above 40\n");
          return 2;
        }
      bytes = attest_test_generate_pdf ((guint) n);
      name = g_strdup_printf ("generated-%u.pdf", (guint) n);
      i = 2;
    }
  else if (argc >= 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[0]);

      name = g_file_get_parse_name (file);
      bytes = g_file_load_bytes (file, NULL, NULL, &error);
      if (bytes == NULL)
        {
          g_printerr ("render: %s\n", error->message);
          return 1;
        }
      i = 1;
    }
  else
    {
      usage ();
      return 2;
    }
  for (; i < argc; i++)
    {
      g_auto(GStrv) range = NULL;

      if (g_str_equal (argv[i], "--dpi") && i + 1 < argc &&
          g_ascii_string_to_unsigned (argv[i + 1], 10, 1, 2400, &dpi, NULL))
        i++;
      else if (g_str_equal (argv[i], "--pages") && i + 1 < argc &&
               (range = g_strsplit (argv[i + 1], "-", 2)) != NULL &&
               g_ascii_string_to_unsigned (range[0], 10, 1, G_MAXUINT, &first, NULL) &&
               g_ascii_string_to_unsigned (range[1] != NULL ? range[1] : range[0], 10, first,
                                           G_MAXUINT, &last, NULL))
        i++;
      else
        {
          usage ();
          return 2;
        }
    }

  doc = attest_pdf_document_new_from_bytes (bytes, NULL, name, &error);
  if (doc == NULL)
    {
      g_printerr ("render: %s\n", error->message);
      return 1;
    }
  n_pages = attest_pdf_document_get_n_pages (doc);
  if (last == 0 || last > n_pages)
    last = n_pages;
  if (first > last)
    {
      g_printerr ("render: %s has %u pages\n", name, n_pages);
      return 1;
    }
  pdoc = G_OBJECT (poppler_document_new_from_bytes (bytes, NULL, &error));
  g_assert (pdoc != NULL);
  scale = dpi / 72.0;

  /* A first pass of each warms fonts and caches; then the best of five,
   * alternating, so neither side has the machine's quiet moment alone. */
  render_attest_pass (doc, first - 1, last - 1, scale, &failed, &cpu);
  render_poppler_pass (POPPLER_DOCUMENT (pdoc), first - 1, last - 1, scale, &cpu);
  for (int run = 0; run < 5; run++)
    {
      attest_ms = MIN (attest_ms, render_attest_pass (doc, first - 1, last - 1, scale, NULL, &cpu));
      attest_cpu = MIN (attest_cpu, cpu);
      poppler_ms = MIN (poppler_ms, render_poppler_pass (POPPLER_DOCUMENT (pdoc), first - 1, last - 1,
                                                         scale, &cpu));
      poppler_cpu = MIN (poppler_cpu, cpu);
    }

  g_print ("render: %u pages, %.2f ms/page (%s, %u dpi, pages %u-%u, %u failed; CPU %.2f ms/page)\n",
           (guint) (last - first + 1), attest_ms, name, (guint) dpi, (guint) first, (guint) last,
           failed, attest_cpu);
  g_print ("poppler: %u pages, %.2f ms/page (CPU %.2f ms/page), Attest %.3f× in CPU time, "
           "%.3f× by the clock (goal ≤ 1.05×)\n",
           (guint) (last - first + 1), poppler_ms, poppler_cpu,
           poppler_cpu > 0 ? attest_cpu / poppler_cpu : 1.0,
           poppler_ms > 0 ? attest_ms / poppler_ms : 1.0);
  return 0;
}

static void
usage (void)
{
  g_printerr ("usage: attest-bench import DIR [RUNS] | search [N] | checklist | matrix [F S] | attach FILE | page DIR [BYTES]"
              " | sections [N…] | verify [N]\n"
              "       attest-bench export [F S] | gap [F S]   (F frameworks × S services; 100 × 400 unless given)\n"
              "       attest-bench render FILE.pdf|--generate N [--dpi N] [--pages A-B]\n");
}

int
main (int   argc,
      char *argv[])
{
  attest_paths_init_i18n ();

  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "import"))
    {
      guint64 runs = 5;

      if (argc == 4 && (!g_ascii_string_to_unsigned (argv[3], 10, 1, 100, &runs, NULL)))
        {
          usage ();
          return 2;
        }
      return bench_import (argv[2], (guint) runs);
    }
  if (argc == 2 && g_str_equal (argv[1], "checklist"))
    return bench_checklist ();
  if (argc >= 2 && g_str_equal (argv[1], "matrix") && parse_matrix_size (argc, argv))
    return bench_matrix ();
  if (argc >= 2 && g_str_equal (argv[1], "export") && parse_matrix_size (argc, argv))
    return bench_export ();
  if (argc >= 2 && g_str_equal (argv[1], "gap") && parse_matrix_size (argc, argv))
    return bench_gap ();
  if (argc == 3 && g_str_equal (argv[1], "attach"))
    return bench_attach (argv[2]);
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "page"))
    {
      g_autofree char *size = g_strdup_printf ("%d", ATTEST_PAGE_MAX_BYTES);
      guint64 n;
      int ret;

      if (argc == 4 && !g_ascii_string_to_unsigned (argv[3], 10, 1, ATTEST_PAGE_MAX_BYTES, &n, NULL))
        {
          usage ();
          return 2;
        }
      ret = bench_page (argv[2]);
      return bench_page_memory ("/proc/self/exe", argc == 4 ? argv[3] : size) != 0 ? 1 : ret;
    }
  if (argc == 4 && g_str_equal (argv[1], "page-peak"))
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[3], 10, 1, ATTEST_PAGE_MAX_BYTES, &n, NULL))
        return 2;
      return bench_page_peak (argv[2], (gsize) n);
    }
  if (argc >= 2 && g_str_equal (argv[1], "render"))
    return bench_render (argc - 2, argv + 2);
  if (argc >= 2 && g_str_equal (argv[1], "sections"))
    return bench_sections (argc - 2, argv + 2);
  if ((argc == 2 || argc == 3) && g_str_equal (argv[1], "verify"))
    {
      guint64 n = 20000;
      if (argc == 3 && (!g_ascii_string_to_unsigned (argv[2], 10, 1, 10000000, &n, NULL)))
        {
          usage ();
          return 2;
        }
      return bench_verify ((guint)n);
    }
  if ((argc == 2 || argc == 3) && g_str_equal (argv[1], "search"))
    {
      guint64 n = 100000;
      if (argc == 3 && (!g_ascii_string_to_unsigned (argv[2], 10, 1, 10000000, &n, NULL)))
        {
          usage ();
          return 2;
        }
      return bench_search ((guint)n);
    }

  usage ();
  return 2;
}
