/* attest-gap.c: the gap report, My services × required scopes (no GTK)
 *
 * For each of My services and each required scope, one state (DESIGN.md
 * "Required scopes"): not certified (no cell: the pages do not put the
 * service in that scope), no longer certified (a flagged cell), open (the
 * cell's roll-up is not "satisfied"), evidence expiring (satisfied, but its
 * evidence expired or expires within ATTEST_EXPIRY_SOON_DAYS days), ready.
 * The matrix decides the cell, its roll-up and its evidence expiry
 * (attest_workspace_load_matrix(), _attest_workspace_fill_evidence_expiry());
 * the checklist (attest_workspace_get_checklist()) names what is open. The
 * window, the CLI and the exports present the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-gap"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-gap.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-expiry.h"
#include "attest-workspace-required.h"

static void
gap_item_free (AttestGapItem *item)
{
  g_free (item->title);
  g_free (item->status);
  g_free (item->due);
  g_free (item);
}

static void
gap_evidence_free (AttestGapEvidence *e)
{
  g_free (e->sha256);
  g_free (e->name);
  g_free (e->expires);
  g_free (e);
}

static void
gap_row_free (AttestGapRow *row)
{
  g_free (row->scope_id);
  g_free (row->scope_name);
  g_free (row->service_id);
  g_free (row->service_name);
  g_free (row->page_file);
  g_free (row->page_label);
  g_ptr_array_unref (row->covered_by);
  g_ptr_array_unref (row->missing);
  g_ptr_array_unref (row->exceptions);
  g_ptr_array_unref (row->overdue);
  g_ptr_array_unref (row->evidence);
  g_free (row);
}

static void
gap_scope_free (AttestGapScope *scope)
{
  g_free (scope->scope_id);
  g_free (scope->scope_name);
  g_free (scope->framework_id);
  g_free (scope);
}

void
attest_gap_report_free (AttestGapReport *report)
{
  if (report == NULL)
    return;
  g_free (report->today);
  g_ptr_array_unref (report->scopes);
  g_ptr_array_unref (report->rows);
  g_free (report);
}

/**
 * attest_gap_state_word:
 *
 * Returns: the state as the JSON and CSV outputs name it ("not-certified")
 */
const char *
attest_gap_state_word (AttestGapState state)
{
  static const char * const words[] = {
    "not-certified", "no-longer-certified", "open", "evidence-expiring", "ready",
  };

  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (words), "");
  return words[state];
}

/**
 * attest_gap_state_label:
 *
 * Returns: the state as people read it, translated ("not certified")
 */
const char *
attest_gap_state_label (AttestGapState state)
{
  static const char * const labels[] = {
    N_("not certified"), N_("no longer certified"), N_("open"), N_("evidence expiring"), N_("ready"),
  };

  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (labels), "");
  return _(labels[state]);
}

/**
 * attest_gap_scope_summary:
 *
 * Returns: (transfer full): the scope's summary line, "SOC 2: 14 of 17 of
 *   your services ready, 1 not certified, 2 open" (the states no service is
 *   in left out, but for ready)
 */
char *
attest_gap_scope_summary (const AttestGapScope *scope)
{
  GString *s = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (scope != NULL, NULL);

  g_string_append_printf (s,
                          /* Translators: "SOC 2: 14 of 17 of your services ready" */
                          ngettext ("%s: %u of %u of your services ready", "%s: %u of %u of your services ready",
                                    scope->n_services),
                          scope->scope_name, scope->n_state[ATTEST_GAP_READY], scope->n_services);
  if ((n = scope->n_state[ATTEST_GAP_NOT_CERTIFIED]) > 0)
    g_string_append_printf (s, ngettext (", %u not certified", ", %u not certified", n), n);
  if ((n = scope->n_state[ATTEST_GAP_NO_LONGER_CERTIFIED]) > 0)
    g_string_append_printf (s, ngettext (", %u no longer certified", ", %u no longer certified", n), n);
  if ((n = scope->n_state[ATTEST_GAP_OPEN]) > 0)
    g_string_append_printf (s, ngettext (", %u open", ", %u open", n), n);
  if ((n = scope->n_state[ATTEST_GAP_EVIDENCE_EXPIRING]) > 0)
    g_string_append_printf (s, ngettext (", %u with evidence expiring", ", %u with evidence expiring", n), n);
  return g_string_free (s, FALSE);
}

static AttestGapItem *
gap_item (const AttestChecklistItem *item)
{
  AttestGapItem *g = g_new0 (AttestGapItem, 1);

  g->position = item->position;
  g->title = g_strdup (item->title);
  g->status = g_strdup (item->status);
  g->due = g_strdup (item->due);
  return g;
}

/* What keeps an open cell open: its items, as the checklist gives them. */
static void
fill_open (AttestGapRow *row,
           GPtrArray    *items,
           const char   *today)
{
  for (guint i = 0; i < items->len; i++)
    {
      AttestChecklistItem *item = items->pdata[i];

      if (g_str_equal (item->status, "exception"))
        g_ptr_array_add (row->exceptions, gap_item (item));
      else if (!g_str_equal (item->status, "satisfied") && !g_str_equal (item->status, "not-applicable"))
        g_ptr_array_add (row->missing, gap_item (item));
      if (attest_checklist_item_is_overdue (item, today))
        g_ptr_array_add (row->overdue, gap_item (item));
    }
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  const AttestGapEvidence *x = *(AttestGapEvidence **)a;
  const AttestGapEvidence *y = *(AttestGapEvidence **)b;
  int c = strcmp (x->expires, y->expires);

  return c != 0 ? c : strcmp (x->sha256, y->sha256);
}

/* The files behind a cell's expiry state: those expired or expiring. */
static gboolean
fill_expiring (AttestWorkspace  *self,
               AttestGapRow     *row,
               GPtrArray        *items,
               const char       *today,
               GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      AttestChecklistItem *item = items->pdata[i];

      for (guint j = 0; item->evidence != NULL && j < item->evidence->len; j++)
        {
          const char *sha = item->evidence->pdata[j];
          g_autoptr(AttestEvidence) ev = NULL;
          AttestExpiryState state;
          AttestGapEvidence *g;

          if (!g_hash_table_add (seen, (gpointer)sha))
            continue;
          ev = attest_workspace_get_evidence (self, sha, error);
          if (ev == NULL)
            return FALSE;
          state = attest_expiry_state (ev->expires, today);
          if (state != ATTEST_EXPIRY_SOON && state != ATTEST_EXPIRY_EXPIRED)
            continue;
          g = g_new0 (AttestGapEvidence, 1);
          g->sha256 = g_strdup (sha);
          g->name = g_strdup (ev->name);
          g->expires = g_strdup (ev->expires);
          g->state = state;
          g_ptr_array_add (row->evidence, g);
        }
    }
  g_ptr_array_sort (row->evidence, compare_evidence);
  return TRUE;
}

static AttestGapRow *
row_new (AttestMatrixScope   *scope,
         AttestMatrixService *service)
{
  AttestGapRow *row = g_new0 (AttestGapRow, 1);

  row->scope_id = g_strdup (scope->id);
  row->scope_name = g_strdup (scope->name);
  row->service_id = g_strdup (service->id);
  row->service_name = g_strdup (service->name);
  row->covered_by = g_ptr_array_new_with_free_func (g_free);
  row->missing = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_item_free);
  row->exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_item_free);
  row->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_item_free);
  row->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_evidence_free);
  return row;
}

static gboolean
cell_in_scope (AttestMatrix *matrix,
               const char   *scope_id,
               const char   *service_id)
{
  AttestMatrixCell *c = attest_matrix_lookup_cell (matrix, scope_id, service_id);

  return c != NULL && g_strcmp0 (c->rollup, "no-longer-in-scope") != 0;
}

/**
 * attest_workspace_gap_report:
 * @today: (nullable): YYYY-MM-DD the expiry and due dates are judged from;
 *   %NULL for today's local date
 *
 * Returns: (transfer full): the report; %NULL with @error set
 */
AttestGapReport *
attest_workspace_gap_report (AttestWorkspace  *self,
                             const char       *today,
                             GError          **error)
{
  g_autoptr(AttestGapReport) report = g_new0 (AttestGapReport, 1);
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GPtrArray) required_ids = NULL;
  g_autoptr(GHashTable) required = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();  /* AttestMatrixScope */
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();   /* AttestMatrixFramework, per column */
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();     /* AttestMatrixService */
  /* A never-edited cell gives its scope's template: read once per scope. */
  g_autoptr(GHashTable) templates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify)g_ptr_array_unref);

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  report->today = today != NULL ? g_strdup (today) : attest_expiry_today ();
  report->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_scope_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_row_free);

  required_ids = attest_workspace_list_required_scopes (self, error);
  if (required_ids == NULL)
    return NULL;
  for (guint i = 0; i < required_ids->len; i++)
    g_hash_table_add (required, required_ids->pdata[i]);
  matrix = attest_workspace_load_matrix (self, error);
  if (matrix == NULL)
    return NULL;
  /* The matrix judges expiry from the real today; the report from @today. */
  if (!_attest_workspace_fill_evidence_expiry (self, matrix, report->today, error))
    return NULL;

  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[f];

      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestMatrixScope *scope = framework->scopes->pdata[s];
          AttestGapScope *gs;

          if (!g_hash_table_contains (required, scope->id))
            continue;
          g_ptr_array_add (columns, scope);
          g_ptr_array_add (owners, framework);
          gs = g_new0 (AttestGapScope, 1);
          gs->scope_id = g_strdup (scope->id);
          gs->scope_name = g_strdup (scope->name);
          gs->framework_id = g_strdup (framework->id);
          g_ptr_array_add (report->scopes, gs);
        }
    }
  for (guint i = 0; i < matrix->services->len; i++)
    if (((AttestMatrixService *)matrix->services->pdata[i])->mine)
      g_ptr_array_add (mine, matrix->services->pdata[i]);

  for (guint c = 0; c < columns->len; c++)
    {
      AttestMatrixScope *scope = columns->pdata[c];
      AttestMatrixFramework *framework = owners->pdata[c];
      AttestGapScope *gs = report->scopes->pdata[c];
      AttestMatrixVariant *newest = attest_matrix_framework_variant_for_scope (framework, scope->id, NULL);

      for (guint m = 0; m < mine->len; m++)
        {
          AttestMatrixService *service = mine->pdata[m];
          AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, scope->id, service->id);
          AttestGapRow *row = row_new (scope, service);

          g_ptr_array_add (report->rows, row);
          if (cell == NULL || g_strcmp0 (cell->rollup, "no-longer-in-scope") == 0)
            {
              row->state = cell == NULL ? ATTEST_GAP_NOT_CERTIFIED : ATTEST_GAP_NO_LONGER_CERTIFIED;
              if (newest != NULL)
                {
                  row->variant_id = newest->id;
                  row->page_file = g_strdup (newest->file_name);
                  row->page_label = attest_matrix_variant_label (framework, newest);
                }
              for (guint o = 0; o < columns->len; o++)
                {
                  AttestMatrixScope *other = columns->pdata[o];

                  if (o != c && cell_in_scope (matrix, other->id, service->id))
                    g_ptr_array_add (row->covered_by, g_strdup (other->id));
                }
            }
          else if (g_strcmp0 (cell->rollup, "satisfied") != 0)
            {
              GPtrArray *items = cell->n_items == 0 ? g_hash_table_lookup (templates, scope->id) : NULL;
              g_autoptr(GPtrArray) own = NULL;

              row->state = ATTEST_GAP_OPEN;
              if (items == NULL)
                {
                  own = attest_workspace_get_checklist (self, scope->id, service->id, error);
                  if (own == NULL)
                    return NULL;
                  items = own;
                  if (cell->n_items == 0)
                    g_hash_table_insert (templates, scope->id, g_ptr_array_ref (own));
                }
              fill_open (row, items, report->today);
            }
          else if (cell->evidence_expiry == ATTEST_EXPIRY_SOON || cell->evidence_expiry == ATTEST_EXPIRY_EXPIRED)
            {
              g_autoptr(GPtrArray) items = attest_workspace_get_checklist (self, scope->id, service->id, error);

              row->state = ATTEST_GAP_EVIDENCE_EXPIRING;
              if (items == NULL || !fill_expiring (self, row, items, report->today, error))
                return NULL;
            }
          else
            row->state = ATTEST_GAP_READY;
          gs->n_services++;
          gs->n_state[row->state]++;
        }
    }
  return g_steal_pointer (&report);
}
