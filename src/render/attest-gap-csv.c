/* attest-gap-csv.c: the gap report as CSV (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One writer for `attest-cli gap --format csv` and the evidence package's
 * data/gap.csv: RFC 4180, as `matrix --format csv`, one row per service ×
 * required scope, the lists joined with "; ".
 */
#define G_LOG_DOMAIN "attest-gap-csv"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-csv-writer.h"
#include "attest-gap-csv.h"
#include "attest-workspace-checklist.h"

/* "3. Title (due 2025-02-15)" */
static char *
item_text (const AttestGapItem *item,
           gboolean             with_due)
{
  const char *title = attest_checklist_title_display (item->title);

  if (with_due && item->due != NULL)
    /* Translators: a checklist item: its number, its title, its due date */
    return g_strdup_printf (_("%u. %s (due %s)"), item->position, title, item->due);
  return g_strdup_printf ("%u. %s", item->position, title);
}

/**
 * attest_gap_items_text:
 * @items: (element-type AttestGapItem): a row's items
 * @with_due: each item with its due date, when it has one
 *
 * Returns: (transfer full): the items, "1. Title; 3. Title (due 2025-02-15)"
 */
char *
attest_gap_items_text (GPtrArray *items,
                       gboolean   with_due)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *one = item_text (items->pdata[i], with_due);

      g_string_append_printf (s, "%s%s", i > 0 ? "; " : "", one);
    }
  return g_string_free (s, FALSE);
}

/**
 * attest_gap_evidence_text:
 * @evidence: (element-type AttestGapEvidence): a row's evidence
 *
 * Returns: (transfer full): "audit.pdf expired 2024-01-31; …"
 */
char *
attest_gap_evidence_text (GPtrArray *evidence)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < evidence->len; i++)
    {
      AttestGapEvidence *e = evidence->pdata[i];

      g_string_append (s, i > 0 ? "; " : "");
      if (e->state == ATTEST_EXPIRY_EXPIRED)
        /* Translators: an evidence file's name and the date it expired on */
        g_string_append_printf (s, _("%s expired %s"), e->name, e->expires);
      else
        /* Translators: an evidence file's name and the date it expires on */
        g_string_append_printf (s, _("%s expires %s"), e->name, e->expires);
    }
  return g_string_free (s, FALSE);
}

/**
 * attest_gap_export_csv:
 *
 * Returns: (transfer full): the report's rows as CSV, a header row first
 *   (the header even when there is no row)
 */
char *
attest_gap_export_csv (const AttestGapReport *report)
{
  g_autoptr(AttestCsvWriter) csv = attest_csv_writer_new ();
  static const char * const header[] = {
    "Scope", "Scope name", "Service", "Service name", "State", "Page version", "Covered by",
    "Missing", "Exceptions", "Overdue", "Evidence expiring",
  };

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    attest_csv_writer_field (csv, header[i]);
  attest_csv_writer_end_row (csv);
  for (guint i = 0; i < report->rows->len; i++)
    {
      AttestGapRow *row = report->rows->pdata[i];
      GString *covered = g_string_new (NULL);
      g_autofree char *covered_ids = NULL;
      g_autofree char *missing = attest_gap_items_text (row->missing, FALSE);
      g_autofree char *exceptions = attest_gap_items_text (row->exceptions, FALSE);
      g_autofree char *overdue = attest_gap_items_text (row->overdue, TRUE);
      g_autofree char *evidence = attest_gap_evidence_text (row->evidence);

      for (guint j = 0; j < row->covered_by->len; j++)
        g_string_append_printf (covered, "%s%s", j > 0 ? "; " : "", (char *)row->covered_by->pdata[j]);
      covered_ids = g_string_free (covered, FALSE);

      attest_csv_writer_field (csv, row->scope_id);
      attest_csv_writer_field (csv, row->scope_name);
      attest_csv_writer_field (csv, row->service_id);
      attest_csv_writer_field (csv, row->service_name);
      attest_csv_writer_field (csv, attest_gap_state_word (row->state));
      attest_csv_writer_field (csv, row->page_label != NULL ? row->page_label : "");
      attest_csv_writer_field (csv, covered_ids);
      attest_csv_writer_field (csv, missing);
      attest_csv_writer_field (csv, exceptions);
      attest_csv_writer_field (csv, overdue);
      attest_csv_writer_field (csv, evidence);
      attest_csv_writer_end_row (csv);
    }
  return attest_csv_writer_finish (g_steal_pointer (&csv));
}
