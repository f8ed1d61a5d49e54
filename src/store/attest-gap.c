/* attest-gap.c: the gap report, My services × required scopes (no GTK)
 *
 * For each of My services and each required scope, one state (DESIGN.md
 * "Required scopes"): not certified (no cell: the pages do not put the
 * service in that scope), no longer certified (a flagged cell), open (the
 * cell's roll-up is not "satisfied"), evidence expiring (satisfied, but its
 * evidence expired or expires within ATTEST_EXPIRY_SOON_DAYS days), ready.
 * The matrix decides the cell, its roll-up and its evidence expiry: only
 * the cells of the report's rows are read (_attest_workspace_load_gap_matrix(),
 * which gives each as attest_workspace_load_matrix() does); the checklist
 * (attest_workspace_get_checklist(), or its template) names what is open. The
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
#include "attest-workspace-private.h"
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
  /* In a context: "open" and "ready" alone mean too many things. */
  static const char * const labels[] = {
    NC_("gap state", "not certified"), NC_("gap state", "no longer certified"), NC_("gap state", "open"),
    NC_("gap state", "evidence expiring"), NC_("gap state", "ready"),
  };

  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (labels), "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "gap state", labels[state]);
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

/* What the report needs of the cells it reads: their stored items and
 * their dated evidence, read for every required scope at once (a query per
 * cell cost a millisecond each: bench `gap`). */
typedef struct {
  GPtrArray *items;     /* AttestChecklistItem, by position (evidence NULL) */
  GPtrArray *evidence;  /* AttestGapEvidence of the cell's dated files, one per file */
} GapCell;

static void
gap_cell_free (GapCell *cell)
{
  g_clear_pointer (&cell->items, g_ptr_array_unref);
  g_clear_pointer (&cell->evidence, g_ptr_array_unref);
  g_free (cell);
}

static char *
cell_key (const char *scope_id,
          const char *service_id)
{
  return g_strconcat (scope_id, "\x1f", service_id, NULL);
}

static GapCell *
gap_cell (GHashTable *cells,
          const char *scope_id,
          const char *service_id)
{
  char *key = cell_key (scope_id, service_id);
  GapCell *cell = g_hash_table_lookup (cells, key);

  if (cell != NULL)
    {
      g_free (key);
      return cell;
    }
  cell = g_new0 (GapCell, 1);
  cell->items = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_checklist_item_free);
  cell->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_evidence_free);
  g_hash_table_insert (cells, key, cell);
  return cell;
}

/* The stored checklist items and the dated evidence of every cell of the
 * required scopes, keyed "scope\x1fservice" by the service that holds them. */
static GHashTable *
read_cells (AttestWorkspace  *self,
            const char       *today,
            GError          **error)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify)gap_cell_free);
  g_autoptr(sqlite3_stmt) items = NULL;
  g_autoptr(sqlite3_stmt) files = NULL;
  int rc;

  items = _attest_workspace_prepare (self,
                                     "SELECT ci.scope_id, ci.service_id, ci.id, ci.position, ci.title, ci.status, ci.due "
                                     "FROM required_scope q JOIN checklist_item ci ON ci.scope_id = q.scope_id "
                                     "ORDER BY ci.scope_id, ci.service_id, ci.position", error);
  if (items == NULL)
    return NULL;
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      const char *status = _attest_column_text (items, 5);
      AttestChecklistItem *item = g_new0 (AttestChecklistItem, 1);

      if (_attest_column_text (items, 0) == NULL || _attest_column_text (items, 1) == NULL)
        {
          g_free (item);
          continue;
        }
      item->id = sqlite3_column_int64 (items, 2);
      item->scope_id = g_strdup (_attest_column_text (items, 0));
      item->service_id = g_strdup (_attest_column_text (items, 1));
      item->position = sqlite3_column_int (items, 3);
      item->title = g_strdup (_attest_column_text (items, 4) != NULL ? _attest_column_text (items, 4) : "");
      item->status = g_strdup (status != NULL && attest_checklist_status_is_valid (status) ? status : "not-started");
      item->owner = g_strdup ("");
      item->due = g_strdup (_attest_column_text (items, 6));
      g_ptr_array_add (gap_cell (cells, item->scope_id, item->service_id)->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }

  files = _attest_workspace_prepare (self,
                                     "SELECT DISTINCT ci.scope_id, ci.service_id, e.sha256, e.name, e.expires "
                                     "FROM required_scope q JOIN checklist_item ci ON ci.scope_id = q.scope_id "
                                     "JOIN item_evidence ie ON ie.item_id = ci.id "
                                     "JOIN evidence e ON e.sha256 = ie.sha256 "
                                     "WHERE e.expires IS NOT NULL AND e.expires != ''", error);
  if (files == NULL)
    return NULL;
  while ((rc = sqlite3_step (files)) == SQLITE_ROW)
    {
      const char *scope_id = _attest_column_text (files, 0);
      const char *service_id = _attest_column_text (files, 1);
      const char *expires = _attest_column_text (files, 4);
      AttestExpiryState state = attest_expiry_state (expires, today);
      AttestGapEvidence *g;

      if (scope_id == NULL || service_id == NULL || _attest_column_text (files, 2) == NULL ||
          (state != ATTEST_EXPIRY_SOON && state != ATTEST_EXPIRY_EXPIRED))
        continue;
      g = g_new0 (AttestGapEvidence, 1);
      g->sha256 = g_strdup (_attest_column_text (files, 2));
      g->name = g_strdup (_attest_column_text (files, 3) != NULL ? _attest_column_text (files, 3) : "");
      g->expires = g_strdup (expires);
      g->state = state;
      g_ptr_array_add (gap_cell (cells, scope_id, service_id)->evidence, g);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&cells);
}

/* The matrix rows that stand for services merged into them: their cells
 * may be held by another service of the row (attest_workspace_get_checklist()
 * knows which). */
static GHashTable *
read_merged_rows (AttestWorkspace  *self,
                  GError          **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self, "SELECT DISTINCT survivor_id FROM service_merge", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (_attest_column_text (stmt, 0) != NULL)
      g_hash_table_add (rows, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static AttestGapEvidence *
gap_evidence_copy (const AttestGapEvidence *e)
{
  AttestGapEvidence *g = g_new0 (AttestGapEvidence, 1);

  g->sha256 = g_strdup (e->sha256);
  g->name = g_strdup (e->name);
  g->expires = g_strdup (e->expires);
  g->state = e->state;
  return g;
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
  row->covered_by = g_ptr_array_new ();  /* the report's scope ids, not copied */
  row->missing = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_item_free);
  row->exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_item_free);
  row->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_item_free);
  row->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify)gap_evidence_free);
  return row;
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
  g_autoptr(GHashTable) cells = NULL;   /* GapCell by cell_key () */
  g_autofree AttestMatrixCell **cell_of = NULL;  /* by column × service of mine */
  g_autoptr(GHashTable) merged = NULL;  /* rows that stand for merged services */
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
  /* Only the cells of the report's rows; expiry judged from @today. */
  matrix = _attest_workspace_load_gap_matrix (self, report->today, error);
  if (matrix == NULL)
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
  if (columns->len > 0 &&
      ((cells = read_cells (self, report->today, error)) == NULL ||
       (merged = read_merged_rows (self, error)) == NULL))
    return NULL;
  for (guint i = 0; i < matrix->services->len; i++)
    if (((AttestMatrixService *)matrix->services->pdata[i])->mine)
      g_ptr_array_add (mine, matrix->services->pdata[i]);

  /* Each of My services' cells in the required scopes, looked up once:
   * a not-certified row names the other required scopes covering it. */
  cell_of = g_new0 (AttestMatrixCell *, (gsize) MAX (1u, columns->len * mine->len));
  for (guint c = 0; c < columns->len; c++)
    for (guint m = 0; m < mine->len; m++)
      cell_of[c * mine->len + m] = attest_matrix_lookup_cell (matrix, ((AttestMatrixScope *)columns->pdata[c])->id,
                                                            ((AttestMatrixService *)mine->pdata[m])->id);

  for (guint c = 0; c < columns->len; c++)
    {
      AttestMatrixScope *scope = columns->pdata[c];
      AttestMatrixFramework *framework = owners->pdata[c];
      AttestGapScope *gs = report->scopes->pdata[c];
      AttestMatrixVariant *newest = attest_matrix_framework_variant_for_scope (framework, scope->id, NULL);
      /* One label per column: naming the language and the date costs. */
      g_autofree char *newest_label = newest != NULL ? attest_matrix_variant_label (framework, newest) : NULL;

      for (guint m = 0; m < mine->len; m++)
        {
          AttestMatrixService *service = mine->pdata[m];
          AttestMatrixCell *cell = cell_of[c * mine->len + m];
          AttestGapRow *row = row_new (scope, service);

          g_ptr_array_add (report->rows, row);
          if (cell == NULL || g_strcmp0 (cell->rollup, "no-longer-in-scope") == 0)
            {
              row->state = cell == NULL ? ATTEST_GAP_NOT_CERTIFIED : ATTEST_GAP_NO_LONGER_CERTIFIED;
              if (newest != NULL)
                {
                  row->variant_id = newest->id;
                  row->page_file = g_strdup (newest->file_name);
                  row->page_label = g_strdup (newest_label);
                }
              for (guint o = 0; o < columns->len; o++)
                {
                  AttestMatrixCell *other = cell_of[o * mine->len + m];

                  if (o != c && other != NULL && g_strcmp0 (other->rollup, "no-longer-in-scope") != 0)
                    g_ptr_array_add (row->covered_by, ((AttestGapScope *)report->scopes->pdata[o])->scope_id);
                }
            }
          else if (g_strcmp0 (cell->rollup, "satisfied") != 0)
            {
              g_autoptr(GPtrArray) own = NULL;
              GPtrArray *items = NULL;

              row->state = ATTEST_GAP_OPEN;
              if (g_hash_table_contains (merged, service->id))
                {
                  own = attest_workspace_get_checklist (self, scope->id, service->id, error);
                  if (own == NULL)
                    return NULL;
                  items = own;
                }
              else
                {
                  g_autofree char *key = cell_key (scope->id, service->id);
                  GapCell *stored = g_hash_table_lookup (cells, key);

                  if (stored != NULL && stored->items->len > 0)
                    items = stored->items;
                }
              /* Never opened: the scope's template, read once per scope. */
              if (items == NULL && (items = g_hash_table_lookup (templates, scope->id)) == NULL)
                {
                  items = _attest_workspace_checklist_template (self, scope->id, service->id);
                  g_hash_table_insert (templates, scope->id, items);
                }
              fill_open (row, items, report->today);
            }
          else if (cell->evidence_expiry == ATTEST_EXPIRY_SOON || cell->evidence_expiry == ATTEST_EXPIRY_EXPIRED)
            {
              row->state = ATTEST_GAP_EVIDENCE_EXPIRING;
              if (g_hash_table_contains (merged, service->id))
                {
                  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (self, scope->id, service->id, error);

                  if (items == NULL || !fill_expiring (self, row, items, report->today, error))
                    return NULL;
                }
              else
                {
                  g_autofree char *key = cell_key (scope->id, service->id);
                  GapCell *stored = g_hash_table_lookup (cells, key);

                  for (guint e = 0; stored != NULL && e < stored->evidence->len; e++)
                    g_ptr_array_add (row->evidence, gap_evidence_copy (stored->evidence->pdata[e]));
                  g_ptr_array_sort (row->evidence, compare_evidence);
                }
            }
          else
            row->state = ATTEST_GAP_READY;
          gs->n_services++;
          gs->n_state[row->state]++;
        }
    }
  return g_steal_pointer (&report);
}
