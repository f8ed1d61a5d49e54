/* attest-report.c: the evidence report's content, gathered once from the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the (filtered) matrix: every in-scope cell counts in its
 * scope's summary; a cell whose checklist was opened is read item by item.
 * The evidence list, the notes and each file's annotations are read once and
 * looked up from hash tables, so a workspace of a few thousand cells and
 * files reads in a fraction of a second.
 */
#define G_LOG_DOMAIN "attest-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-markdown.h"
#include "attest-report.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"

static const char *rollup_names[ATTEST_REPORT_N_ROLLUPS] = {
  "not-started", "in-progress", "satisfied", "exception", "no-longer-in-scope",
};

int
attest_report_rollup_index (const char *rollup)
{
  for (int i = 0; i < ATTEST_REPORT_N_ROLLUPS; i++)
    if (g_strcmp0 (rollup_names[i], rollup) == 0)
      return i;
  return ATTEST_REPORT_NOT_STARTED;
}

/**
 * attest_report_gap_empty:
 *
 * Returns: (nullable): when the gap report has no row, the one line that
 *   says why, in the Gap Report window's words (no scope required, or no
 *   service of yours); %NULL when it has rows
 */
const char *
attest_report_gap_empty (const AttestReport *report)
{
  g_return_val_if_fail (report != NULL && report->gap != NULL, NULL);

  if (report->gap->scopes->len == 0)
    return _("No Required Scopes");
  if (report->gap->rows->len == 0)
    return _("No Services of Yours");
  return NULL;
}

/**
 * attest_report_clip_text:
 *
 * @text cut to ATTEST_REPORT_TEXT_MAX bytes and ATTEST_REPORT_TEXT_MAX_LINES
 * lines (at a character's boundary), with "…" when cut, so no paragraph of
 * the report is taller than a sheet. Invalid UTF-8 is repaired.
 */
char *
attest_report_clip_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *p = valid;
  guint lines = 0;
  gboolean cut = FALSE;

  while (*p != '\0')
    {
      if ((gsize) (p - valid) >= ATTEST_REPORT_TEXT_MAX)
        {
          cut = TRUE;
          break;
        }
      if (*p == '\n' && ++lines >= ATTEST_REPORT_TEXT_MAX_LINES)
        {
          cut = TRUE;
          break;
        }
      p = g_utf8_next_char (p);
    }
  if (!cut)
    return g_strchomp (g_steal_pointer (&valid));
  return g_strconcat (g_strchomp (g_strndup (valid, p - valid)), " …", NULL);
}

/**
 * attest_report_plain_text:
 * @markdown: a note's or an annotation's text, Markdown as typed
 *
 * The words a reader sees (attest_markdown_to_plain_text(): "**Opinion**:
 * unqualified" is "Opinion: unqualified"), clipped as
 * attest_report_clip_text() clips. Only the first few times the clipping
 * limit is parsed: the rest would be cut anyway.
 */
char *
attest_report_plain_text (const char *markdown)
{
  g_autofree char *valid = g_utf8_make_valid (markdown != NULL ? markdown : "", -1);
  g_autofree char *plain = NULL;

  if (strlen (valid) > 4 * ATTEST_REPORT_TEXT_MAX)
    {
      const char *end = g_utf8_find_prev_char (valid, valid + 4 * ATTEST_REPORT_TEXT_MAX + 1);
      valid[end - valid] = '\0';
    }
  plain = attest_markdown_to_plain_text (valid);
  return attest_report_clip_text (plain);
}

static void
annotation_free (AttestReportAnnotation *a)
{
  g_free (a->kind);
  g_free (a->text);
  g_free (a->quote);
  g_free (a);
}

static void
evidence_free (AttestReportEvidence *e)
{
  g_free (e->sha256);
  g_free (e->name);
  g_free (e->effective);
  g_free (e->expires);
  g_ptr_array_unref (e->annotations);
  g_ptr_array_unref (e->notes);
  g_free (e);
}

static void
item_free (AttestReportItem *item)
{
  g_free (item->title);
  g_free (item->status);
  g_free (item->owner);
  g_free (item->due);
  g_ptr_array_unref (item->evidence);
  g_ptr_array_unref (item->notes);
  g_free (item);
}

static void
cell_free (AttestReportCell *cell)
{
  g_free (cell->service_id);
  g_free (cell->service_name);
  g_free (cell->rollup);
  g_ptr_array_unref (cell->items);
  g_ptr_array_unref (cell->notes);
  g_free (cell);
}

static void
scope_free (AttestReportScope *scope)
{
  g_free (scope->id);
  g_free (scope->name);
  g_ptr_array_unref (scope->cells);
  g_ptr_array_unref (scope->untouched);
  g_free (scope);
}

static void
framework_free (AttestReportFramework *framework)
{
  g_free (framework->id);
  g_free (framework->short_name);
  g_free (framework->title);
  g_ptr_array_unref (framework->scopes);
  g_free (framework);
}

void
attest_report_free (AttestReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->frameworks);
  g_free (report->today);
  attest_gap_report_free (report->gap);
  g_free (report);
}

typedef struct {
  AttestWorkspace *workspace;
  const char *today;
  GHashTable *evidence;     /* sha256 → AttestEvidence */
  GHashTable *notes;        /* target → GPtrArray of char * */
  GHashTable *annotations;  /* sha256 → GPtrArray of AttestAnnotation */
  GHashTable *shown;        /* sha256 set */
} Gather;

static GPtrArray *
notes_on (Gather     *g,
          const char *target)
{
  GPtrArray *notes = g_hash_table_lookup (g->notes, target);
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    g_ptr_array_add (copy, attest_report_plain_text (notes->pdata[i]));
  return copy;
}

static GPtrArray *
annotations_of (Gather      *g,
                const char  *sha256,
                GError     **error)
{
  GPtrArray *list = g_hash_table_lookup (g->annotations, sha256);

  if (list == NULL)
    {
      list = attest_workspace_list_annotations (g->workspace, sha256, error);
      if (list == NULL)
        return NULL;
      g_hash_table_insert (g->annotations, g_strdup (sha256), list);
    }
  return list;
}

static AttestReportItem *
make_item (Gather               *g,
           AttestChecklistItem  *source,
           GError              **error)
{
  AttestReportItem *item = g_new0 (AttestReportItem, 1);
  g_autofree char *target = g_strdup_printf ("item:%" G_GINT64_FORMAT, source->id);

  item->position = source->position;
  item->title = g_strdup (attest_checklist_title_display (source->title));
  item->status = g_strdup (source->status);
  item->owner = g_strdup (source->owner != NULL ? source->owner : "");
  item->due = g_strdup (source->due);
  item->overdue = attest_checklist_item_is_overdue (source, g->today);
  item->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
  item->notes = notes_on (g, target);

  for (guint i = 0; source->evidence != NULL && i < source->evidence->len; i++)
    {
      const char *sha256 = source->evidence->pdata[i];
      AttestEvidence *file = g_hash_table_lookup (g->evidence, sha256);
      AttestReportEvidence *e = g_new0 (AttestReportEvidence, 1);
      g_autofree char *evidence_target = g_strconcat ("evidence:", sha256, NULL);
      GPtrArray *annotations = annotations_of (g, sha256, error);

      if (annotations == NULL)
        {
          g_free (e);
          item_free (item);
          return NULL;
        }
      e->sha256 = g_strdup (sha256);
      e->name = g_strdup (file != NULL ? file->name : sha256);
      e->effective = g_strdup (file != NULL ? file->effective : NULL);
      e->expires = g_strdup (file != NULL ? file->expires : NULL);
      e->expiry = attest_expiry_state (e->expires, g->today);
      e->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) annotation_free);
      e->notes = notes_on (g, evidence_target);
      for (guint j = 0; j < annotations->len; j++)
        {
          AttestAnnotation *source_annotation = annotations->pdata[j];
          AttestReportAnnotation *a;

          if (source_annotation->item_ids != NULL && source_annotation->item_ids->len > 0
              && !attest_annotation_has_item (source_annotation, source->id))
            continue;
          a = g_new0 (AttestReportAnnotation, 1);
          a->page = source_annotation->page + 1;
          a->kind = g_strdup (attest_annotation_kind_to_string (source_annotation->kind));
          a->text = attest_report_plain_text (source_annotation->text);
          a->quote = attest_report_clip_text (source_annotation->quote);
          g_ptr_array_add (e->annotations, a);
        }
      g_hash_table_add (g->shown, g_strdup (sha256));
      g_ptr_array_add (item->evidence, e);
    }
  return item;
}

static gboolean
item_is_recorded (const AttestReportItem *item)
{
  return g_strcmp0 (item->status, "not-started") != 0 || *item->owner != '\0'
         || (item->due != NULL && *item->due != '\0') || item->evidence->len > 0
         || item->notes->len > 0;
}

static gboolean
gather_cell (Gather             *g,
             AttestReportScope  *scope,
             AttestMatrixCell   *matrix_cell,
             AttestMatrixService *service,
             GHashTable         *expired,
             GError            **error)
{
  g_autofree char *target = g_strdup_printf ("cell:%s:%s", matrix_cell->scope, service->id);
  g_autoptr(GPtrArray) notes = notes_on (g, target);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) report_items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  gboolean recorded = notes->len > 0;
  AttestReportCell *cell;

  if (matrix_cell->n_items > 0)
    {
      items = attest_workspace_get_checklist (g->workspace, matrix_cell->scope, service->id, error);
      if (items == NULL)
        return FALSE;
      for (guint i = 0; i < items->len; i++)
        {
          AttestReportItem *item = make_item (g, items->pdata[i], error);

          if (item == NULL)
            return FALSE;
          if (g_strcmp0 (item->status, "exception") == 0)
            scope->exceptions++;
          if (item->overdue)
            scope->overdue++;
          for (guint j = 0; j < item->evidence->len; j++)
            {
              AttestReportEvidence *e = item->evidence->pdata[j];
              if (e->expiry == ATTEST_EXPIRY_EXPIRED && g_hash_table_add (expired, g_strdup (e->sha256)))
                scope->expired++;
            }
          recorded = recorded || item_is_recorded (item);
          g_ptr_array_add (report_items, item);
        }
    }
  if (!recorded)
    {
      g_ptr_array_add (scope->untouched, g_strdup (service->name));
      return TRUE;
    }
  cell = g_new0 (AttestReportCell, 1);
  cell->service_id = g_strdup (service->id);
  cell->service_name = g_strdup (service->name);
  cell->rollup = g_strdup (matrix_cell->rollup);
  cell->items = g_steal_pointer (&report_items);
  cell->notes = g_steal_pointer (&notes);
  g_ptr_array_add (scope->cells, cell);
  return TRUE;
}

/**
 * attest_report_gather:
 * @matrix: the matrix with the export's filters applied
 * @today: (nullable): YYYY-MM-DD; today when %NULL
 *
 * Reads the workspace once for the report. Runs in any one thread at a time
 * (the workspace must not be used by another thread meanwhile).
 *
 * Returns: (transfer full): the report, or %NULL with @error set (cancelled:
 *   G_IO_ERROR_CANCELLED)
 */
AttestReport *
attest_report_gather (AttestWorkspace *workspace,
                      AttestMatrix    *matrix,
                      const char      *today,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(AttestReport) report = g_new0 (AttestReport, 1);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Gather g = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (matrix != NULL, NULL);

  report->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) framework_free);
  report->today = today != NULL ? g_strdup (today) : attest_expiry_today ();

  files = attest_workspace_list_evidence (workspace, error);
  if (files == NULL)
    return NULL;
  notes = attest_workspace_list_notes (workspace, NULL, error);
  if (notes == NULL)
    return NULL;

  g.workspace = workspace;
  g.today = report->today;
  g.evidence = g_hash_table_new (g_str_hash, g_str_equal);
  g.notes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g.annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g.shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      AttestEvidence *file = files->pdata[i];
      g_hash_table_insert (g.evidence, file->sha256, file);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      AttestNote *note = notes->pdata[i];
      GPtrArray *list = g_hash_table_lookup (g.notes, note->target);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (g.notes, note->target, list);
        }
      g_ptr_array_add (list, note->text);
    }

  for (guint f = 0; ok && f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *mf = matrix->frameworks->pdata[f];
      AttestReportFramework *framework = g_new0 (AttestReportFramework, 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          framework_free (framework);
          ok = FALSE;
          break;
        }
      framework->id = g_strdup (mf->id);
      framework->short_name = g_strdup (mf->short_name);
      framework->title = g_strdup (mf->title);
      framework->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_free);
      g_ptr_array_add (report->frameworks, framework);

      for (guint s = 0; ok && s < mf->scopes->len; s++)
        {
          AttestMatrixScope *ms = mf->scopes->pdata[s];
          AttestReportScope *scope = g_new0 (AttestReportScope, 1);
          g_autoptr(GHashTable) expired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          scope->id = g_strdup (ms->id);
          scope->name = g_strdup (ms->name);
          scope->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
          scope->untouched = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (framework->scopes, scope);

          for (guint r = 0; ok && r < matrix->services->len; r++)
            {
              AttestMatrixService *service = matrix->services->pdata[r];
              AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, ms->id, service->id);

              if (cell == NULL)
                continue;
              scope->by_rollup[attest_report_rollup_index (cell->rollup)]++;
              ok = gather_cell (&g, scope, cell, service, expired, error);
            }
          report->n_cells += scope->cells->len;
        }
    }
  report->n_evidence = g_hash_table_size (g.shown);

  g_hash_table_unref (g.evidence);
  g_hash_table_unref (g.notes);
  g_hash_table_unref (g.annotations);
  g_hash_table_unref (g.shown);
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* Whatever the filters: the gap report is My services × required scopes. */
  report->gap = attest_workspace_gap_report (workspace, report->today, error);
  if (report->gap == NULL)
    return NULL;
  return g_steal_pointer (&report);
}

/**
 * attest_report_gather_gap:
 * @today: (nullable): YYYY-MM-DD; today when %NULL
 *
 * A report that holds the gap report alone (gap_only): what the Gap Report
 * window prints and exports, through the same sheets and HTML.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
AttestReport *
attest_report_gather_gap (AttestWorkspace *workspace,
                          const char      *today,
                          GError         **error)
{
  g_autoptr(AttestReport) report = g_new0 (AttestReport, 1);

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  report->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) framework_free);
  report->today = today != NULL ? g_strdup (today) : attest_expiry_today ();
  report->gap_only = TRUE;
  report->gap = attest_workspace_gap_report (workspace, report->today, error);
  if (report->gap == NULL)
    return NULL;
  return g_steal_pointer (&report);
}
