/* attest-matrix-xlsx.c: the matrix as an XLSX workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sheet 1, "Matrix": the two-level header (frameworks over their scopes)
 * and the service column frozen; each cell in scope holds its roll-up word,
 * the same word as `matrix --format csv`, on a fill whose lightness alone
 * tells the roll-ups apart (printed in black and white too); a blank cell is
 * out of scope. Below: the legend, then the workspace, reviewer, date and
 * fingerprint, as the printed matrix has them.
 *
 * Sheet 2, "Evidence": every evidence file linked to a checklist item of a
 * cell shown (service, framework, scope, item, file, SHA-256, effective and
 * expiry dates), then the files that serve no item.
 *
 * Sheet 3, "Gap Report": the gap report (attest-gap-xlsx.c), through the
 * same attest-xlsx-book.h.
 */
#define G_LOG_DOMAIN "attest-matrix-xlsx"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-gap-xlsx.h"
#include "attest-matrix-sheets.h"
#include "attest-matrix-xlsx.h"
#include "attest-report.h"
#include "attest-workspace-evidence.h"

/* Rows 0 and 1 hold the header; the services start below. */
#define HEADER_ROWS 2
#define LINE_HEIGHT 15.0

/* The fills, from light to dark: each a step of at least 40 in luma
 * (0.299 R + 0.587 G + 0.114 B, of 255) from the next, so a greyscale
 * print keeps them apart; the darkest takes white text. */
static const struct {
  const char *rollup;
  guint32 rgb;
  gboolean light_text;
} fills[] = {
  { "not-started", 0xFFFFFF, FALSE },        /* luma 255 */
  { "in-progress", 0xFFE066, FALSE },        /* 219 */
  { "satisfied", 0x8FC47A, FALSE },          /* 172 */
  { "exception", 0xD9534F, FALSE },          /* 123 */
  { "no-longer-in-scope", 0x4D4D4D, TRUE },  /* 77 */
};

/**
 * attest_matrix_xlsx_rollup_color:
 * @rollup: a roll-up word ("not-started", …, "no-longer-in-scope")
 * @light_text: (out) (optional): whether the text on it is white
 *
 * Returns: the cell's fill, 0xRRGGBB (white for a word it does not know)
 */
guint32
attest_matrix_xlsx_rollup_color (const char *rollup,
                                 gboolean   *light_text)
{
  for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
    if (g_strcmp0 (fills[i].rollup, rollup) == 0)
      {
        if (light_text != NULL)
          *light_text = fills[i].light_text;
        return fills[i].rgb;
      }
  if (light_text != NULL)
    *light_text = FALSE;
  return 0xFFFFFF;
}

static lxw_format *
rollup_format (AttestXlsxBook *book,
               const char     *rollup)
{
  gboolean light;
  guint32 rgb = attest_matrix_xlsx_rollup_color (rollup, &light);

  return attest_xlsx_book_fill_format (book, rgb, light);
}

static guint
lines_for (double text,
           double width)
{
  guint lines = 1;

  while (lines < 4 && text > lines * MAX (width - 1, 1))
    lines++;
  return lines;
}

static guint
put_legend (AttestXlsxBook *book,
            lxw_worksheet  *sheet,
            guint           row,
            gboolean        has_scopes)
{
  lxw_format *header = attest_xlsx_book_header_format (book);

  attest_xlsx_book_put_text (book, sheet, row++, 0, _("Legend:"), header);
  for (guint i = 0; i < G_N_ELEMENTS (fills); i++, row++)
    {
      attest_xlsx_book_put_text (book, sheet, row, 0, attest_matrix_sheets_rollup_word (fills[i].rollup),
                                 attest_xlsx_book_text_format (book));
      if (has_scopes)
        attest_xlsx_book_put_text (book, sheet, row, 1, fills[i].rollup, rollup_format (book, fills[i].rollup));
    }
  attest_xlsx_book_put_text (book, sheet, row, 0, _("blank: out of scope"), attest_xlsx_book_text_format (book));
  if (has_scopes)
    attest_xlsx_book_put_text (book, sheet, row, 1, NULL, attest_xlsx_book_text_format (book));
  return row + 1;
}

/**
 * attest_matrix_xlsx_put_heading:
 * @row: the first row it takes
 * @heading: (nullable): the workspace, reviewer, date and fingerprint
 *
 * Writes @heading in column A of @sheet, one line each, as every sheet of
 * the book has it.
 *
 * Returns: the row after it
 */
guint
attest_matrix_xlsx_put_heading (AttestXlsxBook           *book,
                                lxw_worksheet            *sheet,
                                guint                     row,
                                const AttestSheetHeading *heading)
{
  if (heading == NULL)
    return row;
  if (heading->workspace_name != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Workspace: %s"), heading->workspace_name);
      attest_xlsx_book_put_text (book, sheet, row++, 0, text, NULL);
    }
  if (heading->reviewer != NULL && *heading->reviewer != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Reviewer: %s"), heading->reviewer);
      attest_xlsx_book_put_text (book, sheet, row++, 0, text, NULL);
    }
  attest_xlsx_book_put_text (book, sheet, row++, 0, heading->date, NULL);
  {
    g_autofree char *text = g_strdup_printf (_("Fingerprint: %s"),
                                             heading->fingerprint != NULL ? heading->fingerprint : "—");
    attest_xlsx_book_put_text (book, sheet, row++, 0, text, NULL);
  }
  return row;
}

/**
 * attest_matrix_xlsx_add_matrix_sheet:
 * @matrix: the matrix as the export's filters show it
 * @heading: (nullable): the workspace, reviewer, date and fingerprint
 *
 * Adds the "Matrix" sheet to @book.
 */
void
attest_matrix_xlsx_add_matrix_sheet (AttestXlsxBook           *book,
                                     AttestMatrix             *matrix,
                                     const AttestSheetHeading *heading)
{
  /* Translators: the name of a sheet in the exported XLSX workbook (at most 31 characters, none of []:*?/\) */
  lxw_worksheet *sheet = attest_xlsx_book_add_sheet (book, _("Matrix"));
  lxw_format *header = attest_xlsx_book_header_format (book);
  lxw_format *text = attest_xlsx_book_text_format (book);
  const char *service_title = _("Service");
  double service_width = MAX (attest_xlsx_text_width (service_title) + 2, 16.0);
  guint framework_lines = 1, scope_lines = 1;
  guint col = 1, row;

  if (sheet == NULL)
    return;

  attest_xlsx_book_check (book, worksheet_merge_range (sheet, 0, 0, 1, 0, service_title, header));
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[f];
      guint first = col;
      double framework_width = 0;

      if (framework->scopes->len == 0)
        continue;
      for (guint s = 0; s < framework->scopes->len; s++, col++)
        {
          AttestMatrixScope *scope = framework->scopes->pdata[s];
          double name = attest_xlsx_text_width (scope->name);
          double width = 10;

          attest_xlsx_book_put_text (book, sheet, 1, col, scope->name, header);
          for (guint r = 0; r < matrix->services->len; r++)
            {
              AttestMatrixService *service = matrix->services->pdata[r];
              AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, scope->id, service->id);

              if (cell == NULL)
                attest_xlsx_book_put_text (book, sheet, HEADER_ROWS + r, col, NULL, text);
              else
                {
                  attest_xlsx_book_put_text (book, sheet, HEADER_ROWS + r, col, cell->rollup,
                                             rollup_format (book, cell->rollup));
                  width = MAX (width, attest_xlsx_text_width (cell->rollup) + 2);
                }
            }
          /* A long scope name wraps over up to four lines rather than
           * widening its column past 24 characters. */
          width = MIN (MAX (width, MIN (name + 2, 24.0)), 30.0);
          scope_lines = MAX (scope_lines, lines_for (name, width));
          framework_width += width;
          attest_xlsx_book_check (book, worksheet_set_column (sheet, col, col, width, NULL));
        }
      if (col - first > 1)
        attest_xlsx_book_check (book, worksheet_merge_range (sheet, 0, first, 0, col - 1,
                                                             framework->short_name, header));
      else
        attest_xlsx_book_put_text (book, sheet, 0, first, framework->short_name, header);
      framework_lines = MAX (framework_lines, lines_for (attest_xlsx_text_width (framework->short_name),
                                                         framework_width));
    }

  for (guint r = 0; r < matrix->services->len; r++)
    {
      AttestMatrixService *service = matrix->services->pdata[r];

      attest_xlsx_book_put_text (book, sheet, HEADER_ROWS + r, 0, service->name, text);
      service_width = MAX (service_width, attest_xlsx_text_width (service->name) + 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
    service_width = MAX (service_width, attest_xlsx_text_width (attest_matrix_sheets_rollup_word (fills[i].rollup)) + 1);
  /* Longer names wrap (the row grows when opened). */
  service_width = MIN (service_width, 48.0);
  attest_xlsx_book_check (book, worksheet_set_column (sheet, 0, 0, service_width, NULL));
  attest_xlsx_book_check (book, worksheet_set_row (sheet, 0, LINE_HEIGHT * framework_lines, NULL));
  attest_xlsx_book_check (book, worksheet_set_row (sheet, 1, LINE_HEIGHT * scope_lines, NULL));

  worksheet_freeze_panes (sheet, HEADER_ROWS, 1);
  if (col > 1)
    attest_xlsx_book_check (book, worksheet_autofilter (sheet, 1, 0, 1 + matrix->services->len, col - 1));

  row = HEADER_ROWS + matrix->services->len + 1;
  row = put_legend (book, sheet, row, col > 1);
  attest_matrix_xlsx_put_heading (book, sheet, row + 1, heading);
}

/**
 * attest_matrix_xlsx_add_evidence_sheet:
 * @evidence: (element-type AttestMatrixXlsxEvidence): the rows
 *
 * Adds the "Evidence" sheet to @book.
 */
void
attest_matrix_xlsx_add_evidence_sheet (AttestXlsxBook *book,
                                       GPtrArray      *evidence)
{
  const AttestXlsxColumn columns[] = {
    { _("Service"), ATTEST_XLSX_TEXT, 16, 40 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook */
    { _("Framework"), ATTEST_XLSX_TEXT, 10, 30 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook */
    { _("Scope"), ATTEST_XLSX_TEXT, 10, 30 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook: the checklist item's number */
    { _("Item"), ATTEST_XLSX_NUMBER, 6, 8 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook */
    { _("Checklist item"), ATTEST_XLSX_TEXT, 20, 50 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook */
    { _("File"), ATTEST_XLSX_TEXT, 16, 50 },
    { "SHA-256", ATTEST_XLSX_TEXT, 66, 66 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook: a date */
    { _("Effective"), ATTEST_XLSX_DATE, 11, 14 },
    /* Translators: a column of the evidence sheet of the exported XLSX workbook: a date */
    { _("Expires"), ATTEST_XLSX_DATE, 11, 14 },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < evidence->len; i++)
    {
      AttestMatrixXlsxEvidence *e = evidence->pdata[i];
      char **row = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

      /* g_strfreev() stops at the first NULL: "" for a blank. */
      row[0] = g_strdup (e->service != NULL ? e->service : "");
      row[1] = g_strdup (e->framework != NULL ? e->framework : "");
      row[2] = g_strdup (e->scope != NULL ? e->scope : "");
      row[3] = e->item > 0 ? g_strdup_printf ("%u", e->item) : g_strdup ("");
      row[4] = g_strdup (e->item_title != NULL ? e->item_title : "");
      row[5] = g_strdup (e->name != NULL ? e->name : "");
      row[6] = g_strdup (e->sha256 != NULL ? e->sha256 : "");
      row[7] = g_strdup (e->effective != NULL ? e->effective : "");
      row[8] = g_strdup (e->expires != NULL ? e->expires : "");
      g_ptr_array_add (rows, row);
    }
  /* Translators: the name of a sheet in the exported XLSX workbook (at most 31 characters, none of []:*?/\) */
  attest_xlsx_book_add_table (book, _("Evidence"), columns, G_N_ELEMENTS (columns), rows);
}

void
attest_matrix_xlsx_evidence_free (AttestMatrixXlsxEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->service);
  g_free (evidence->framework);
  g_free (evidence->scope);
  g_free (evidence->item_title);
  g_free (evidence->name);
  g_free (evidence->sha256);
  g_free (evidence->effective);
  g_free (evidence->expires);
  g_free (evidence);
}

/**
 * attest_matrix_xlsx_gather_evidence:
 * @matrix: the matrix as the export's filters show it
 *
 * Reads the workspace (in the thread that uses it) for the "Evidence" sheet:
 * the files linked to the checklist items of the cells @matrix shows, in
 * the matrix's order (framework, scope, service, item), then every file
 * that serves no checklist item, by name.
 *
 * Returns: (transfer full) (element-type AttestMatrixXlsxEvidence): the
 *   rows, or %NULL with @error set
 */
GPtrArray *
attest_matrix_xlsx_gather_evidence (AttestWorkspace  *workspace,
                                    AttestMatrix     *matrix,
                                    GError          **error)
{
  g_autoptr(AttestReport) report = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_matrix_xlsx_evidence_free);

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (matrix != NULL, NULL);

  report = attest_report_gather (workspace, matrix, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  for (guint f = 0; f < report->frameworks->len; f++)
    {
      AttestReportFramework *framework = report->frameworks->pdata[f];

      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestReportScope *scope = framework->scopes->pdata[s];

          for (guint c = 0; c < scope->cells->len; c++)
            {
              AttestReportCell *cell = scope->cells->pdata[c];

              for (guint i = 0; i < cell->items->len; i++)
                {
                  AttestReportItem *item = cell->items->pdata[i];

                  for (guint e = 0; e < item->evidence->len; e++)
                    {
                      AttestReportEvidence *file = item->evidence->pdata[e];
                      AttestMatrixXlsxEvidence *row = g_new0 (AttestMatrixXlsxEvidence, 1);

                      row->service = g_strdup (cell->service_name);
                      row->framework = g_strdup (framework->short_name);
                      row->scope = g_strdup (scope->name);
                      row->item = item->position;
                      row->item_title = g_strdup (item->title);
                      row->name = g_strdup (file->name);
                      row->sha256 = g_strdup (file->sha256);
                      row->effective = g_strdup (file->effective);
                      row->expires = g_strdup (file->expires);
                      g_ptr_array_add (rows, row);
                    }
                }
            }
        }
    }

  files = attest_workspace_list_evidence (workspace, error);
  if (files == NULL)
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      AttestEvidence *file = files->pdata[i];
      AttestMatrixXlsxEvidence *row;

      if (file->cells != NULL && file->cells->len > 0)
        continue;
      row = g_new0 (AttestMatrixXlsxEvidence, 1);
      row->name = g_strdup (file->name);
      row->sha256 = g_strdup (file->sha256);
      row->effective = g_strdup (file->effective);
      row->expires = g_strdup (file->expires);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * attest_matrix_export_xlsx:
 * @matrix: the matrix as the export's filters show it
 * @evidence: (element-type AttestMatrixXlsxEvidence): from
 *   attest_matrix_xlsx_gather_evidence()
 * @gap: (nullable): the gap report, from attest_workspace_gap_report()
 *   with @heading's date as today: the "Gap Report" sheet (none when %NULL)
 * @heading: the workspace, reviewer, date and fingerprint
 * @path: the file to write; the caller writes a hidden name beside the
 *   target and renames it (a failure may leave @path half-written)
 *
 * Needs no workspace: runs in any thread.
 *
 * Returns: %FALSE with @error set to the reason (libxlsxwriter's, in
 *   English) when it could not be written: the caller names the file
 */
gboolean
attest_matrix_export_xlsx (AttestMatrix             *matrix,
                           GPtrArray                *evidence,
                           const AttestGapReport    *gap,
                           const AttestSheetHeading *heading,
                           const char               *path,
                           GError                  **error)
{
  g_autofree char *comments = NULL;
  AttestXlsxBook *book;

  g_return_val_if_fail (matrix != NULL, FALSE);
  g_return_val_if_fail (evidence != NULL, FALSE);
  g_return_val_if_fail (heading != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  comments = g_strdup_printf (_("Fingerprint: %s"), heading->fingerprint != NULL ? heading->fingerprint : "—");
  book = attest_xlsx_book_new (path, _("Evidence matrix"), heading->reviewer, comments);
  attest_matrix_xlsx_add_matrix_sheet (book, matrix, heading);
  attest_matrix_xlsx_add_evidence_sheet (book, evidence);
  if (gap != NULL)
    attest_gap_xlsx_add_sheet (book, gap, heading);
  return attest_xlsx_book_close (book, error);
}
