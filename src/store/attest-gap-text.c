/* attest-gap-text.c: the gap report's rows in words (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store decides each row's state (attest-gap.c); this says what makes
 * it so, in the words every presentation of the report shows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attest-gap.h"
#include "attest-workspace-checklist.h"

static const char * const symbols[] = {
  [ATTEST_GAP_NOT_CERTIFIED] = "✕",
  [ATTEST_GAP_NO_LONGER_CERTIFIED] = "⊘",
  [ATTEST_GAP_OPEN] = "◐",
  [ATTEST_GAP_EVIDENCE_EXPIRING] = "◷",
  [ATTEST_GAP_READY] = "✓",
};

/**
 * attest_gap_state_symbol:
 *
 * Returns: the state's symbol, shown beside its word (never alone)
 */
const char *
attest_gap_state_symbol (AttestGapState state)
{
  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (symbols), "");
  return symbols[state];
}

static const char *
item_status_label (const char *status)
{
  if (g_strcmp0 (status, "not-started") == 0)
    return _("Not started");
  if (g_strcmp0 (status, "in-progress") == 0)
    return _("In progress");
  if (g_strcmp0 (status, "exception") == 0)
    return _("Exception");
  return status != NULL ? status : "";
}

/* At most this many items a line names; the rest are counted. */
#define MAX_ITEMS_SHOWN 3

/* "2. Penetration test report (In progress)", or with its due date; past
 * MAX_ITEMS_SHOWN, "and 3 more". */
static void
append_items (GString   *out,
              GPtrArray *items,
              gboolean   with_status,
              gboolean   with_due)
{
  for (guint i = 0; i < items->len && i < MAX_ITEMS_SHOWN; i++)
    {
      AttestGapItem *item = items->pdata[i];

      if (i > 0)
        /* Translators: between the checklist items a gap report line names */
        g_string_append (out, C_("gap items", "; "));
      /* Translators: a checklist item in the gap report: its number and title */
      g_string_append_printf (out, C_("gap item", "%u. %s"), item->position,
                              attest_checklist_title_display (item->title));
      if (with_due && item->due != NULL)
        /* Translators: after an overdue checklist item: when it was due (YYYY-MM-DD) */
        g_string_append_printf (out, _(" (due %s)"), item->due);
      else if (with_status && g_strcmp0 (item->status, "not-started") != 0 && item->status != NULL)
        g_string_append_printf (out, C_("gap item status", " (%s)"), item_status_label (item->status));
    }
  if (items->len > MAX_ITEMS_SHOWN)
    /* Translators: after the first checklist items a gap report line names: how many more */
    g_string_append_printf (out, ngettext (" and %u more", " and %u more", items->len - MAX_ITEMS_SHOWN),
                            items->len - MAX_ITEMS_SHOWN);
}

static const char *
scope_name (const AttestGapReport *report,
            const char            *scope_id)
{
  for (guint i = 0; i < report->scopes->len; i++)
    {
      AttestGapScope *scope = report->scopes->pdata[i];

      if (g_str_equal (scope->scope_id, scope_id))
        return scope->scope_name;
    }
  return scope_id;
}

/**
 * attest_gap_row_details:
 * @report: the report @row belongs to (for the names of the scopes it cites)
 * @row: one of its rows
 *
 * What makes the row's state, as people read it, one line each: the page
 * version a not-certified row is read from and which other required scope
 * covers the service, the items not yet satisfied, the exceptions, the
 * overdue items, the evidence expired or expiring. The window, the report's
 * sheets and HTML and the XLSX sheet all show these lines.
 *
 * Returns: (transfer full) (element-type utf8): the lines, translated
 */
GPtrArray *
attest_gap_row_details (const AttestGapReport *report,
                        const AttestGapRow    *row)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  switch (row->state)
    {
    case ATTEST_GAP_NOT_CERTIFIED:
      if (row->page_label != NULL)
        /* Translators: the first %s names a page version ("SOC 2 · English · 12 March 2023"),
         * the second its file ("offering-soc-2.md") */
        g_ptr_array_add (lines, g_strdup_printf (_("Not in this scope in the newest page version: %s (%s)"),
                                                 row->page_label, row->page_file != NULL ? row->page_file : ""));
      else
        g_ptr_array_add (lines, g_strdup (_("No imported page defines this scope")));
      if (row->covered_by != NULL && row->covered_by->len > 0)
        {
          GString *names = g_string_new (NULL);

          for (guint i = 0; i < row->covered_by->len; i++)
            {
              if (i > 0)
                /* Translators: between scope names in "Covered by another required scope: SOC 1, SOC 3" */
                g_string_append (names, C_("scope list", ", "));
              g_string_append (names, scope_name (report, row->covered_by->pdata[i]));
            }
          /* Translators: %s lists scope names: "SOC 1, SOC 3" */
          g_ptr_array_add (lines, g_strdup_printf (ngettext ("Covered by another required scope: %s",
                                                             "Covered by other required scopes: %s",
                                                             row->covered_by->len), names->str));
          g_string_free (names, TRUE);
        }
      else
        g_ptr_array_add (lines, g_strdup (_("No other required scope covers it")));
      break;

    case ATTEST_GAP_NO_LONGER_CERTIFIED:
      if (row->page_label != NULL)
        /* Translators: the first %s names a page version ("SOC 2 · English · 12 March 2023"),
         * the second its file ("offering-soc-2.md") */
        g_ptr_array_add (lines, g_strdup_printf (_("Left this scope in the newest page version: %s (%s)"),
                                                 row->page_label, row->page_file != NULL ? row->page_file : ""));
      else
        g_ptr_array_add (lines, g_strdup (_("Left this scope in a newer page version")));
      break;

    case ATTEST_GAP_OPEN:
    case ATTEST_GAP_EVIDENCE_EXPIRING:
    case ATTEST_GAP_READY:
    default:
      break;
    }

  if (row->missing != NULL && row->missing->len > 0)
    {
      GString *s = g_string_new (NULL);

      append_items (s, row->missing, TRUE, FALSE);
      /* Translators: %u counts checklist items, %s names the first of them:
       * "1. Audit report obtained (In progress); 3. … and 2 more" */
      g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u item not yet satisfied: %s",
                                                         "%u items not yet satisfied: %s", row->missing->len),
                                               row->missing->len, s->str));
      g_string_free (s, TRUE);
    }
  if (row->exceptions != NULL && row->exceptions->len > 0)
    {
      GString *s = g_string_new (NULL);

      append_items (s, row->exceptions, FALSE, FALSE);
      /* Translators: %s lists checklist items */
      g_ptr_array_add (lines, g_strdup_printf (ngettext ("Exception: %s", "Exceptions: %s", row->exceptions->len),
                                               s->str));
      g_string_free (s, TRUE);
    }
  if (row->overdue != NULL && row->overdue->len > 0)
    {
      GString *s = g_string_new (NULL);

      append_items (s, row->overdue, FALSE, TRUE);
      /* Translators: %s lists checklist items, each with its due date */
      g_ptr_array_add (lines, g_strdup_printf (_("Overdue: %s"), s->str));
      g_string_free (s, TRUE);
    }
  for (guint i = 0; row->evidence != NULL && i < row->evidence->len; i++)
    {
      AttestGapEvidence *e = row->evidence->pdata[i];

      if (e->state == ATTEST_EXPIRY_EXPIRED)
        /* Translators: an evidence file's name and the day it expired (YYYY-MM-DD) */
        g_ptr_array_add (lines, g_strdup_printf (_("Evidence expired: %s, on %s"), e->name, e->expires));
      else
        /* Translators: an evidence file's name and the day it expires (YYYY-MM-DD) */
        g_ptr_array_add (lines, g_strdup_printf (_("Evidence expiring: %s, on %s"), e->name, e->expires));
    }
  if (row->state == ATTEST_GAP_READY)
    g_ptr_array_add (lines, g_strdup (_("Checklist satisfied, no evidence expiring")));
  return lines;
}
