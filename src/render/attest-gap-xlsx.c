/* attest-gap-xlsx.c: the gap report as a sheet of an XLSX workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Gap Report" sheet of the book `export matrix OUT.xlsx` and the
 * matrix window's Export… write: a table of My services × required scopes
 * (scope, service, state, what makes it so, the newest page version, the
 * other required scopes that cover the service), its header row and the
 * scope and service columns frozen; below it each required scope's summary
 * line, then the workspace, reviewer, date and fingerprint, as the matrix
 * sheet has them. The store decides every row (attest_workspace_gap_report());
 * the words are attest_gap_state_label()'s and attest_gap_row_details()'s,
 * the same as the window, the report and the CSV show.
 *
 * Each state is written as its word on a fill of the matrix's roll-up
 * palette (attest_matrix_xlsx_rollup_color()), the roll-up it is nearest
 * to, one fill per state: ready is satisfied's green, open (the checklist
 * not done) not-started's white, evidence expiring in-progress's yellow,
 * not certified exception's red and no longer certified no-longer-in-scope's
 * dark grey (with white text). The fills stay apart in greyscale too.
 */
#define G_LOG_DOMAIN "attest-gap-xlsx"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-gap-xlsx.h"
#include "attest-matrix-xlsx.h"

#define LINE_HEIGHT 15.0
/* The tallest a row grows, in lines: a longer text is there whole, shown
 * in full when the row is opened taller. */
#define MAX_ROW_LINES 12

enum {
  COL_SCOPE,
  COL_SERVICE,
  COL_STATE,
  COL_DETAILS,
  COL_PAGE,
  COL_COVERED,
  N_COLS
};

static const char * const state_rollups[] = {
  [ATTEST_GAP_NOT_CERTIFIED] = "exception",
  [ATTEST_GAP_NO_LONGER_CERTIFIED] = "no-longer-in-scope",
  [ATTEST_GAP_OPEN] = "not-started",
  [ATTEST_GAP_EVIDENCE_EXPIRING] = "in-progress",
  [ATTEST_GAP_READY] = "satisfied",
};

/**
 * attest_gap_xlsx_state_color:
 * @light_text: (out) (optional): whether the text on it is white
 *
 * Returns: the fill of @state's cell, 0xRRGGBB: a colour of the matrix's
 *   roll-ups, a different one for each state
 */
guint32
attest_gap_xlsx_state_color (AttestGapState  state,
                             gboolean       *light_text)
{
  const char *rollup = (guint) state < G_N_ELEMENTS (state_rollups) ? state_rollups[state] : NULL;

  return attest_matrix_xlsx_rollup_color (rollup, light_text);
}

static const char *
scope_name (const AttestGapReport *report,
            const char            *scope_id)
{
  for (guint i = 0; i < report->scopes->len; i++)
    {
      AttestGapScope *scope = report->scopes->pdata[i];

      if (g_strcmp0 (scope->scope_id, scope_id) == 0)
        return scope->scope_name;
    }
  return scope_id;
}

/* How many lines @text takes wrapped in a column @width characters wide. */
static guint
wrapped_lines (const char *text,
               double      width)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double w = attest_xlsx_text_width (lines[i]);
      guint k = 1;

      while (k < MAX_ROW_LINES && w > k * MAX (width - 1, 1))
        k++;
      n += k;
    }
  return MAX (n, 1);
}

/**
 * attest_gap_xlsx_add_sheet:
 * @report: the gap report, from attest_workspace_gap_report() with the
 *   heading's date as today
 * @heading: (nullable): the workspace, reviewer, date and fingerprint
 *
 * Adds the "Gap Report" sheet to @book. With no scope required or no
 * service of yours it holds the one line that says so, and the heading.
 */
void
attest_gap_xlsx_add_sheet (AttestXlsxBook           *book,
                           const AttestGapReport    *report,
                           const AttestSheetHeading *heading)
{
  const char *titles[N_COLS] = {
    [COL_SCOPE] = _("Scope"),
    [COL_SERVICE] = _("Service"),
    [COL_STATE] = C_("gap report column", "State"),
    /* Translators: a column of the gap report's sheet in the exported XLSX workbook: the lines that say why a row is in its state */
    [COL_DETAILS] = C_("gap report column", "What makes it so"),
    /* Translators: a column of the gap report's sheet in the exported XLSX workbook: the page version a not-certified row is read from */
    [COL_PAGE] = C_("gap report column", "Newest page version"),
    /* Translators: a column of the gap report's sheet in the exported XLSX workbook: the other required scopes that cover the service */
    [COL_COVERED] = C_("gap report column", "Covered by"),
  };
  const double min_width[N_COLS] = { 12, 16, 14, 40, 24, 14 };
  const double max_width[N_COLS] = { 30, 40, 24, ATTEST_XLSX_MAX_WIDTH, 50, 40 };
  double width[N_COLS];
  lxw_worksheet *sheet;
  lxw_format *header, *text, *wrap;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *empty = NULL;
  guint row;

  g_return_if_fail (book != NULL);
  g_return_if_fail (report != NULL);

  /* Translators: the name of a sheet in the exported XLSX workbook (at most 31 characters, none of []:*?/\) */
  sheet = attest_xlsx_book_add_sheet (book, _("Gap Report"));
  if (sheet == NULL)
    return;
  header = attest_xlsx_book_header_format (book);
  text = attest_xlsx_book_text_format (book);
  wrap = attest_xlsx_book_wrap_format (book);

  /* The window's words for an empty report. */
  if (report->scopes->len == 0)
    empty = _("No Required Scopes");
  else if (report->rows->len == 0)
    empty = _("No Services of Yours");
  if (empty != NULL)
    {
      attest_xlsx_book_put_text (book, sheet, 0, 0, empty, NULL);
      attest_xlsx_book_check (book, worksheet_set_column (sheet, 0, 0, MAX (attest_xlsx_text_width (empty) + 2, 16.0), NULL));
      attest_matrix_xlsx_put_heading (book, sheet, 2, heading);
      return;
    }

  /* Each row's texts first: the columns' widths come from them. */
  for (guint c = 0; c < N_COLS; c++)
    width[c] = MAX (min_width[c], MIN (attest_xlsx_text_width (titles[c]) + 2, max_width[c]));
  for (guint r = 0; r < report->rows->len; r++)
    {
      AttestGapRow *gap = report->rows->pdata[r];
      g_autoptr(GPtrArray) details = attest_gap_row_details (report, gap);
      GString *covered = g_string_new (NULL);
      char **cell = g_new0 (char *, N_COLS + 1);

      g_ptr_array_add (details, NULL);
      for (guint i = 0; gap->covered_by != NULL && i < gap->covered_by->len; i++)
        {
          if (i > 0)
            g_string_append (covered, C_("scope list", ", "));
          g_string_append (covered, scope_name (report, gap->covered_by->pdata[i]));
        }
      /* g_strfreev() stops at the first NULL: "" for a blank. */
      cell[COL_SCOPE] = g_strdup (gap->scope_name != NULL ? gap->scope_name : "");
      cell[COL_SERVICE] = g_strdup (gap->service_name != NULL ? gap->service_name : "");
      cell[COL_STATE] = g_strdup (attest_gap_state_label (gap->state));
      cell[COL_DETAILS] = g_strjoinv ("\n", (char **) details->pdata);
      if (gap->page_label != NULL && gap->page_file != NULL)
        cell[COL_PAGE] = g_strdup_printf ("%s (%s)", gap->page_label, gap->page_file);
      else
        cell[COL_PAGE] = g_strdup (gap->page_label != NULL ? gap->page_label : "");
      cell[COL_COVERED] = g_string_free (covered, FALSE);
      for (guint c = 0; c < N_COLS; c++)
        width[c] = MAX (width[c], MIN (attest_xlsx_text_width (cell[c]) + 2, max_width[c]));
      g_ptr_array_add (cells, cell);
    }

  for (guint c = 0; c < N_COLS; c++)
    {
      attest_xlsx_book_put_text (book, sheet, 0, c, titles[c], header);
      attest_xlsx_book_check (book, worksheet_set_column (sheet, c, c, width[c], NULL));
    }
  for (guint r = 0; r < cells->len; r++)
    {
      AttestGapRow *gap = report->rows->pdata[r];
      char **cell = cells->pdata[r];
      gboolean light;
      guint32 rgb = attest_gap_xlsx_state_color (gap->state, &light);
      guint lines = 1;

      for (guint c = 0; c < N_COLS; c++)
        {
          lxw_format *format = c == COL_STATE ? attest_xlsx_book_fill_format (book, rgb, light) : wrap;

          if (c == COL_SCOPE || c == COL_SERVICE)
            format = text;
          attest_xlsx_book_put_text (book, sheet, 1 + r, c, cell[c], format);
          if (format == wrap)
            lines = MAX (lines, wrapped_lines (cell[c], width[c]));
        }
      if (lines > 1)
        attest_xlsx_book_check (book, worksheet_set_row (sheet, 1 + r, LINE_HEIGHT * MIN (lines, MAX_ROW_LINES), NULL));
    }
  /* The header row, the scope and service columns stay in view. */
  worksheet_freeze_panes (sheet, 1, COL_SERVICE + 1);
  attest_xlsx_book_check (book, worksheet_autofilter (sheet, 0, 0, cells->len, N_COLS - 1));

  row = cells->len + 2;
  for (guint s = 0; s < report->scopes->len; s++)
    {
      g_autofree char *summary = attest_gap_scope_summary (report->scopes->pdata[s]);

      attest_xlsx_book_put_text (book, sheet, row++, 0, summary, NULL);
    }
  attest_matrix_xlsx_put_heading (book, sheet, row + 1, heading);
}
