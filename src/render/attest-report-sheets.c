/* attest-report-sheets.c: the evidence report on paper, for print and PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing routine serves GtkPrintOperation and PDF export, like
 * attest-matrix-sheets.c, whose header, legend and footer it shares
 * (attest-sheet-frame.c). The report (attest-report.h) is turned once into
 * a list of blocks: the summary table's rows, then per framework, scope and
 * service headings, each checklist item, its evidence, annotations and
 * notes. Paginating measures each block for the paper and fills the sheets
 * top to bottom; the gap report (My services × required scopes) comes
 * right after the summary, per required scope its summary line and per
 * service its state (symbol and word), its name and the lines that say why. A report
 * holding the gap report alone (attest_report_gather_gap()) is drawn as
 * that section only, under the title "Gap report". A heading never ends a sheet (it moves on with the block
 * after it), and the summary table's head repeats on every sheet it runs
 * onto. What needs attention (an open exception, an overdue item) is set in
 * bold with a symbol, a word and a heavy bar in the margin, so it stands out
 * in greyscale too.
 */
#define G_LOG_DOMAIN "attest-report-sheets"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "attest-matrix-sheets.h"
#include "attest-report-sheets.h"
#include "attest-sheet-frame.h"

#define PAD 2.5
#define BAR 3.0               /* the attention bar in the margin */
#define INDENT 12.0
#define N_COLUMNS 9
#define COLUMN_WIDTH 48.0

#define FONT_SECTION "Sans Bold 12"
#define FONT_FRAMEWORK "Sans Bold 11"
#define FONT_SCOPE "Sans Bold 9.5"
#define FONT_SERVICE "Sans Bold 8.5"
#define FONT_ITEM "Sans 8"
#define FONT_ITEM_ALERT "Sans Bold 8"
#define FONT_DETAIL "Sans 7.5"
#define FONT_TABLE "Sans 6.5"
#define FONT_TABLE_BOLD "Sans Bold 6.5"

typedef enum {
  BLOCK_SECTION,
  BLOCK_TABLE_HEAD,
  BLOCK_TABLE_ROW,
  BLOCK_FRAMEWORK,
  BLOCK_SCOPE,
  BLOCK_SERVICE,
  BLOCK_ITEM,
  BLOCK_DETAIL,
} BlockKind;

typedef struct {
  BlockKind kind;
  char *text;          /* every block but the table's */
  char **cells;        /* the table's: N_COLUMNS strings */
  double indent;
  gboolean alert;      /* needs attention */
  double height;       /* set by paginate */
} Block;

typedef struct {
  guint start, end;    /* [start, end) into blocks */
  gboolean repeat_head; /* the summary table runs on: its head first */
} Page;

struct _AttestReportSheets
{
  GObject parent_instance;

  AttestSheetFrame frame;
  GArray *blocks;      /* Block */
  guint table_head;    /* the index of the table's head block */
  GArray *pages;       /* Page */

  PangoContext *context;
  double width, height;
  double first_width;  /* the table's first column */
  gboolean gap_only;   /* the gap report alone */
};

G_DEFINE_FINAL_TYPE (AttestReportSheets, attest_report_sheets, G_TYPE_OBJECT)

static const struct {
  const char *status;
  const char *symbol;
  const char *word;
} statuses[] = {
  { "not-started", "○", N_("Not started") },
  { "in-progress", "◐", N_("In progress") },
  { "satisfied", "✓", N_("Satisfied") },
  { "not-applicable", "–", N_("Not applicable") },
  { "exception", "!", N_("Exception") },
};

const char *
attest_report_status_symbol (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].status, status) == 0)
      return statuses[i].symbol;
  return statuses[0].symbol;
}

const char *
attest_report_status_word (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].status, status) == 0)
      return _(statuses[i].word);
  return _(statuses[0].word);
}

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_strfreev (block->cells);
}

static void
attest_report_sheets_finalize (GObject *object)
{
  AttestReportSheets *self = ATTEST_REPORT_SHEETS (object);

  attest_sheet_frame_clear (&self->frame);
  g_array_unref (self->blocks);
  g_array_unref (self->pages);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (attest_report_sheets_parent_class)->finalize (object);
}

static void
attest_report_sheets_class_init (AttestReportSheetsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_report_sheets_finalize;
}

static void
attest_report_sheets_init (AttestReportSheets *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
}

static void
add_block (AttestReportSheets *self,
           BlockKind           kind,
           double              indent,
           gboolean            alert,
           char               *text)
{
  Block block = { kind, text, NULL, indent, alert, 0 };

  g_array_append_val (self->blocks, block);
}

static char *
count_text (guint       n,
            const char *symbol)
{
  if (n == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%s %u", symbol, n);
}

static void
add_summary (AttestReportSheets *self,
             AttestReport       *report)
{
  static const char *rollups[] = { "not-started", "in-progress", "satisfied", "exception", "no-longer-in-scope" };
  Block head = { BLOCK_TABLE_HEAD, NULL, NULL, 0, FALSE, 0 };

  /* Translators: the first part of the evidence report */
  add_block (self, BLOCK_SECTION, 0, FALSE, g_strdup (_("Summary")));
  head.cells = g_new0 (char *, N_COLUMNS + 1);
  /* Translators: the first column's header of the evidence report's summary */
  head.cells[0] = g_strdup (_("Framework — scope"));
  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    head.cells[1 + i] = g_strdup_printf ("%s %s", attest_matrix_sheets_rollup_symbol (rollups[i]),
                                         attest_matrix_sheets_rollup_word (rollups[i]));
  /* Translators: a column of the evidence report's summary: items whose status is exception */
  head.cells[6] = g_strdup (_("Open exceptions"));
  /* Translators: a column of the evidence report's summary */
  head.cells[7] = g_strdup (_("Overdue items"));
  /* Translators: a column of the evidence report's summary */
  head.cells[8] = g_strdup (_("Expired evidence"));
  self->table_head = self->blocks->len;
  g_array_append_val (self->blocks, head);

  for (guint f = 0; f < report->frameworks->len; f++)
    {
      AttestReportFramework *framework = report->frameworks->pdata[f];

      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestReportScope *scope = framework->scopes->pdata[s];
          Block row = { BLOCK_TABLE_ROW, NULL, NULL, 0, scope->exceptions > 0 || scope->overdue > 0, 0 };

          row.cells = g_new0 (char *, N_COLUMNS + 1);
          row.cells[0] = g_strdup_printf ("%s — %s", framework->short_name, scope->name);
          for (guint i = 0; i < ATTEST_REPORT_N_ROLLUPS; i++)
            row.cells[1 + i] = g_strdup_printf ("%u", scope->by_rollup[i]);
          row.cells[6] = count_text (scope->exceptions, "!");
          row.cells[7] = count_text (scope->overdue, "⚠");
          row.cells[8] = count_text (scope->expired, "✗");
          g_array_append_val (self->blocks, row);
        }
    }
}

/* The gap report: the day it is judged on, per required scope its summary,
 * then per service "◐ open — Intune" and the lines that say why. */
static void
add_gap (AttestReportSheets *self,
         AttestReport       *report)
{
  const AttestGapReport *gap = report->gap;
  const char *empty = attest_report_gap_empty (report);

  /* Alone, the sheets' title says it. */
  if (!report->gap_only)
    /* Translators: a part of the evidence report: My services × required scopes */
    add_block (self, BLOCK_SECTION, 0, FALSE, g_strdup (_("Gap report")));
  if (empty != NULL)
    {
      add_block (self, BLOCK_DETAIL, 0, FALSE, g_strdup (empty));
      return;
    }
  add_block (self, BLOCK_DETAIL, 0, FALSE, g_strdup_printf (_("Expiry and due dates judged on %s"), gap->today));
  for (guint s = 0; s < gap->scopes->len; s++)
    {
      AttestGapScope *scope = gap->scopes->pdata[s];

      add_block (self, BLOCK_SCOPE, 0, FALSE, attest_gap_scope_summary (scope));
      for (guint r = 0; r < gap->rows->len; r++)
        {
          AttestGapRow *row = gap->rows->pdata[r];
          g_autoptr(GPtrArray) details = NULL;
          g_autoptr(GString) lines = NULL;

          if (!g_str_equal (row->scope_id, scope->scope_id))
            continue;
          add_block (self, BLOCK_SERVICE, INDENT, FALSE,
                     g_strdup_printf ("%s %s — %s", attest_gap_state_symbol (row->state),
                                      attest_gap_state_label (row->state), row->service_name));
          details = attest_gap_row_details (gap, row);
          lines = g_string_new (NULL);
          for (guint i = 0; i < details->len; i++)
            g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", (char *) details->pdata[i]);
          if (lines->len > 0)
            add_block (self, BLOCK_DETAIL, 2 * INDENT, FALSE, attest_report_clip_text (lines->str));
        }
    }
}

static void
add_item (AttestReportSheets *self,
          AttestReportItem   *item)
{
  gboolean exception = g_strcmp0 (item->status, "exception") == 0;
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%u. %s %s — %s", item->position, attest_report_status_symbol (item->status),
                          attest_report_status_word (item->status), item->title);
  g_string_append_c (text, '\n');
  if (*item->owner != '\0')
    /* Translators: a checklist item's owner, in the evidence report */
    g_string_append_printf (text, _("Owner: %s"), item->owner);
  else
    /* Translators: in the evidence report */
    g_string_append (text, _("No owner"));
  if (item->due != NULL && *item->due != '\0')
    {
      g_string_append (text, " · ");
      /* Translators: a checklist item's due date, in the evidence report */
      g_string_append_printf (text, _("Due: %s"), item->due);
    }
  if (item->overdue)
    g_string_append_printf (text, " · ⚠ %s", _("Overdue"));
  if (exception)
    /* Translators: in the evidence report, after an item whose status is exception */
    g_string_append_printf (text, " · ! %s", _("open exception"));
  add_block (self, BLOCK_ITEM, 2 * INDENT, exception || item->overdue, g_string_free (text, FALSE));

  for (guint e = 0; e < item->evidence->len; e++)
    {
      AttestReportEvidence *evidence = item->evidence->pdata[e];
      GString *line = g_string_new (NULL);

      /* Translators: an evidence file's name, in the evidence report */
      g_string_append_printf (line, _("Evidence: %s"), evidence->name);
      g_string_append_printf (line, "\nSHA-256 %s\n", evidence->sha256);
      /* Translators: an evidence file's effective date, in the evidence report */
      g_string_append_printf (line, _("Effective: %s"), evidence->effective != NULL ? evidence->effective : "—");
      g_string_append (line, " · ");
      /* Translators: an evidence file's expiry date, in the evidence report */
      g_string_append_printf (line, _("Expires: %s"), evidence->expires != NULL ? evidence->expires : "—");
      if (evidence->expiry == ATTEST_EXPIRY_EXPIRED)
        g_string_append_printf (line, " · ✗ %s", _("Expired"));
      add_block (self, BLOCK_DETAIL, 3 * INDENT, evidence->expiry == ATTEST_EXPIRY_EXPIRED,
                 g_string_free (line, FALSE));
      for (guint a = 0; a < evidence->annotations->len; a++)
        {
          AttestReportAnnotation *annotation = evidence->annotations->pdata[a];
          GString *note = g_string_new (NULL);

          /* Translators: in the evidence report: %u a page number, %s the annotation's kind */
          g_string_append_printf (note, _("Annotation, page %u (%s):"), annotation->page, annotation->kind);
          if (*annotation->quote != '\0')
            g_string_append_printf (note, " “%s”", annotation->quote);
          if (*annotation->text != '\0')
            g_string_append_printf (note, " %s", annotation->text);
          add_block (self, BLOCK_DETAIL, 4 * INDENT, FALSE, g_string_free (note, FALSE));
        }
      for (guint n = 0; n < evidence->notes->len; n++)
        /* Translators: a note, in the evidence report */
        add_block (self, BLOCK_DETAIL, 4 * INDENT, FALSE,
                   g_strdup_printf (_("Note: %s"), (char *) evidence->notes->pdata[n]));
    }
  for (guint n = 0; n < item->notes->len; n++)
    add_block (self, BLOCK_DETAIL, 3 * INDENT, FALSE,
               g_strdup_printf (_("Note: %s"), (char *) item->notes->pdata[n]));
}

#define NAMES_PER_BLOCK 40

static void
add_details (AttestReportSheets *self,
             AttestReport       *report)
{
  /* Translators: the second part of the evidence report */
  add_block (self, BLOCK_SECTION, 0, FALSE, g_strdup (_("Details")));
  for (guint f = 0; f < report->frameworks->len; f++)
    {
      AttestReportFramework *framework = report->frameworks->pdata[f];

      add_block (self, BLOCK_FRAMEWORK, 0, FALSE,
                 g_strdup_printf ("%s — %s", framework->short_name, framework->title));
      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestReportScope *scope = framework->scopes->pdata[s];

          /* The framework again: a scope may head a sheet of its own. */
          add_block (self, BLOCK_SCOPE, 0, FALSE, g_strdup_printf ("%s — %s", framework->short_name, scope->name));
          for (guint c = 0; c < scope->cells->len; c++)
            {
              AttestReportCell *cell = scope->cells->pdata[c];

              add_block (self, BLOCK_SERVICE, INDENT, FALSE,
                         g_strdup_printf ("%s — %s %s", cell->service_name,
                                          attest_matrix_sheets_rollup_symbol (cell->rollup),
                                          attest_matrix_sheets_rollup_word (cell->rollup)));
              for (guint n = 0; n < cell->notes->len; n++)
                add_block (self, BLOCK_DETAIL, 2 * INDENT, FALSE,
                           g_strdup_printf (_("Note: %s"), (char *) cell->notes->pdata[n]));
              for (guint i = 0; i < cell->items->len; i++)
                add_item (self, cell->items->pdata[i]);
            }
          for (guint i = 0; i < scope->untouched->len; i += NAMES_PER_BLOCK)
            {
              g_autoptr(GString) names = g_string_new (NULL);

              for (guint j = i; j < MIN (i + NAMES_PER_BLOCK, scope->untouched->len); j++)
                g_string_append_printf (names, "%s%s", j > i ? ", " : "", (char *) scope->untouched->pdata[j]);
              add_block (self, BLOCK_DETAIL, INDENT, FALSE,
                         /* Translators: in the evidence report: %u how many services, then their names */
                         g_strdup_printf (_("Nothing recorded yet (%u): %s"), scope->untouched->len, names->str));
            }
        }
    }
  if (report->frameworks->len == 0)
    add_block (self, BLOCK_DETAIL, 0, FALSE, g_strdup (_("No framework or service matches the filters.")));
}

/* The gap report alone: its states, symbol and word. */
static char *
gap_legend_text (void)
{
  GString *s = g_string_new (_("Legend:"));

  for (AttestGapState state = ATTEST_GAP_NOT_CERTIFIED; state <= ATTEST_GAP_READY; state++)
    g_string_append_printf (s, "%s%s %s", state == ATTEST_GAP_NOT_CERTIFIED ? " " : "   ",
                            attest_gap_state_symbol (state), attest_gap_state_label (state));
  return g_string_free (s, FALSE);
}

static char *
legend_text (void)
{
  /* Translators: the legend of the evidence report: %s are symbols */
  return g_strdup_printf (_("Legend: %s open exception   %s overdue item   %s expired evidence   "
                            "bold with a bar in the margin: needs attention"), "!", "⚠", "✗");
}

/**
 * attest_report_sheets_new:
 * @report: the report; borrowed, it must outlive the sheets
 * @workspace_name: (nullable): shown in the header
 * @reviewer: (nullable): shown in the header when set
 * @date: (nullable): the date printed; today when %NULL
 * @fingerprint: (nullable): the head of the history chain, in every footer
 *
 * The texts are made in the current language; @report may be freed once
 * this returns.
 */
AttestReportSheets *
attest_report_sheets_new (AttestReport *report,
                          const char   *workspace_name,
                          const char   *reviewer,
                          const char   *date,
                          const char   *fingerprint)
{
  AttestReportSheets *self = g_object_new (ATTEST_TYPE_REPORT_SHEETS, NULL);
  g_autofree char *legend = NULL;

  g_return_val_if_fail (report != NULL && report->gap != NULL, self);

  self->gap_only = report->gap_only;
  if (report->gap_only)
    {
      legend = gap_legend_text ();
      /* Translators: the title of the gap report printed alone (from the Gap Report window) */
      attest_sheet_frame_init (&self->frame, _("Gap report"), date, workspace_name, reviewer,
                               fingerprint, legend);
      add_gap (self, report);
      return self;
    }
  legend = legend_text ();
  /* Translators: the title of the evidence report */
  attest_sheet_frame_init (&self->frame, _("Evidence report"), date, workspace_name, reviewer,
                           fingerprint, legend);
  add_summary (self, report);
  add_gap (self, report);
  add_details (self, report);
  return self;
}

static const char *
block_font (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_SECTION:
      return FONT_SECTION;
    case BLOCK_FRAMEWORK:
      return FONT_FRAMEWORK;
    case BLOCK_SCOPE:
      return FONT_SCOPE;
    case BLOCK_SERVICE:
      return FONT_SERVICE;
    case BLOCK_ITEM:
      return block->alert ? FONT_ITEM_ALERT : FONT_ITEM;
    case BLOCK_DETAIL:
    case BLOCK_TABLE_HEAD:
    case BLOCK_TABLE_ROW:
    default:
      return FONT_DETAIL;
    }
}

static double
column_x (AttestReportSheets *self,
          guint               column)
{
  return column == 0 ? 0 : self->first_width + (column - 1) * COLUMN_WIDTH;
}

static double
column_width (AttestReportSheets *self,
              guint               column)
{
  return column == 0 ? self->first_width : COLUMN_WIDTH;
}

static double
block_height (AttestReportSheets *self,
              const Block        *block)
{
  double h = 0;

  if (block->kind == BLOCK_TABLE_HEAD || block->kind == BLOCK_TABLE_ROW)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        h = MAX (h, attest_sheet_text_height (self->context, block->cells[c],
                                              block->kind == BLOCK_TABLE_HEAD || block->alert ? FONT_TABLE_BOLD : FONT_TABLE,
                                              column_width (self, c) - 2 * PAD));
      return h + 2 * PAD;
    }
  h = attest_sheet_text_height (self->context, block->text, block_font (block),
                                self->width - block->indent - BAR - PAD);
  switch (block->kind)
    {
    case BLOCK_SECTION:
    case BLOCK_FRAMEWORK:
      return h + 2 * ATTEST_SHEET_GAP;
    case BLOCK_SCOPE:
    case BLOCK_SERVICE:
      return h + ATTEST_SHEET_GAP;
    default:
      return h + PAD;
    }
}

static gboolean
is_heading (const Block *block)
{
  return block->kind == BLOCK_SECTION || block->kind == BLOCK_FRAMEWORK
         || block->kind == BLOCK_SCOPE || block->kind == BLOCK_SERVICE
         || block->kind == BLOCK_TABLE_HEAD;
}

/**
 * attest_report_sheets_paginate:
 * @context: a Pango context at 72 dpi (points)
 * @width: the printable width in points
 * @height: the printable height in points
 *
 * Returns: the number of sheets (at least 1)
 */
guint
attest_report_sheets_paginate (AttestReportSheets *self,
                               PangoContext       *context,
                               double              width,
                               double              height)
{
  double body, used = 0, head_height;
  Page page = { 0, 0, FALSE };

  g_return_val_if_fail (ATTEST_IS_REPORT_SHEETS (self), 0);

  g_set_object (&self->context, context);
  self->width = width;
  self->height = height;
  self->first_width = MAX (80.0, width - (N_COLUMNS - 1) * COLUMN_WIDTH);
  g_array_set_size (self->pages, 0);
  attest_sheet_frame_measure (&self->frame, context, width);
  body = MAX (height - self->frame.header_height - self->frame.footer_height, 20.0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      block->height = block_height (self, block);
    }
  head_height = g_array_index (self->blocks, Block, self->table_head).height;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double need = block->height;

      /* A heading takes the block after it along. */
      for (guint j = i; j + 1 < self->blocks->len && is_heading (&g_array_index (self->blocks, Block, j)); j++)
        need += g_array_index (self->blocks, Block, j + 1).height;
      if (used > 0 && used + MIN (need, body) > body)
        {
          page.end = i;
          g_array_append_val (self->pages, page);
          page.start = i;
          page.repeat_head = block->kind == BLOCK_TABLE_ROW;
          used = page.repeat_head ? head_height : 0;
        }
      used += block->height;
    }
  page.end = self->blocks->len;
  g_array_append_val (self->pages, page);
  return self->pages->len;
}

/**
 * attest_report_sheets_is_gap_only:
 *
 * Returns: whether the sheets hold the gap report alone
 */
gboolean
attest_report_sheets_is_gap_only (AttestReportSheets *self)
{
  g_return_val_if_fail (ATTEST_IS_REPORT_SHEETS (self), FALSE);

  return self->gap_only;
}

guint
attest_report_sheets_get_n_pages (AttestReportSheets *self)
{
  g_return_val_if_fail (ATTEST_IS_REPORT_SHEETS (self), 0);

  return self->pages->len;
}

static double
draw_table_row (AttestReportSheets *self,
                cairo_t            *cr,
                const Block        *block,
                double              y)
{
  gboolean head = block->kind == BLOCK_TABLE_HEAD;
  const char *font = head || block->alert ? FONT_TABLE_BOLD : FONT_TABLE;

  if (head)
    {
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_new_path (cr);
      cairo_rectangle (cr, 0, y, column_x (self, N_COLUMNS), block->height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double x = column_x (self, c), w = column_width (self, c);

      attest_sheet_show (self->context, cr, block->cells[c], font, x + PAD, y + PAD, w - 2 * PAD,
                         c == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
      attest_sheet_rect (cr, x, y, w, block->height);
    }
  if (block->alert)
    {
      cairo_set_line_width (cr, 1.5);
      attest_sheet_rect (cr, 1, y + 1, column_x (self, N_COLUMNS) - 2, block->height - 2);
      cairo_set_line_width (cr, 0.5);
    }
  return y + block->height;
}

/**
 * attest_report_sheets_draw_page:
 * @cr: drawn in points, (0, 0) the printable area's top left corner
 * @page_nr: counting from 0
 */
void
attest_report_sheets_draw_page (AttestReportSheets *self,
                                cairo_t            *cr,
                                guint               page_nr)
{
  const Page *page;
  double y, body;

  g_return_if_fail (ATTEST_IS_REPORT_SHEETS (self));
  g_return_if_fail (page_nr < self->pages->len);

  page = &g_array_index (self->pages, Page, page_nr);
  attest_sheet_frame_draw (&self->frame, self->context, cr, self->width, self->height,
                           page_nr, self->pages->len);

  cairo_save (cr);
  y = self->frame.header_height;
  body = self->height - self->frame.header_height - self->frame.footer_height;
  /* A block taller than the sheet (it cannot be: texts are clipped) stays in the body. */
  cairo_rectangle (cr, 0, y, self->width, MAX (body, 0));
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  if (page->repeat_head)
    y = draw_table_row (self, cr, &g_array_index (self->blocks, Block, self->table_head), y);
  for (guint i = page->start; i < page->end; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);
      double top = y;

      if (block->kind == BLOCK_TABLE_HEAD || block->kind == BLOCK_TABLE_ROW)
        {
          y = draw_table_row (self, cr, block, y);
          continue;
        }
      if (block->kind == BLOCK_SECTION || block->kind == BLOCK_FRAMEWORK)
        top += ATTEST_SHEET_GAP;
      else if (block->kind == BLOCK_SCOPE || block->kind == BLOCK_SERVICE)
        top += ATTEST_SHEET_GAP / 2;
      if (block->alert)
        {
          cairo_new_path (cr);
          cairo_rectangle (cr, block->indent - BAR - PAD, top, BAR, block->height - PAD);
          cairo_fill (cr);
        }
      attest_sheet_show (self->context, cr, block->text, block_font (block), block->indent + PAD, top,
                         self->width - block->indent - BAR - PAD, PANGO_ALIGN_LEFT);
      if (block->kind == BLOCK_FRAMEWORK || block->kind == BLOCK_SECTION)
        {
          double line = y + block->height - ATTEST_SHEET_GAP / 2;
          cairo_new_path (cr);
          cairo_move_to (cr, 0, line);
          cairo_line_to (cr, self->width, line);
          cairo_stroke (cr);
        }
      y += block->height;
    }
  cairo_restore (cr);
}

static guint
paginate_cb (gpointer      sheets,
             PangoContext *context,
             double        width,
             double        height)
{
  return attest_report_sheets_paginate (sheets, context, width, height);
}

static void
draw_cb (gpointer  sheets,
         cairo_t  *cr,
         guint     page_nr)
{
  attest_report_sheets_draw_page (sheets, cr, page_nr);
}

/**
 * attest_report_sheets_export_pdf:
 * @path: the PDF written; the caller writes beside its target and renames
 *
 * Paginates for the paper (a margin of half an inch) and draws every sheet
 * on a cairo PDF surface (which embeds the fonts).
 */
gboolean
attest_report_sheets_export_pdf (AttestReportSheets *self,
                                 const char         *path,
                                 double              paper_width,
                                 double              paper_height,
                                 GError            **error)
{
  g_return_val_if_fail (ATTEST_IS_REPORT_SHEETS (self), FALSE);

  return attest_sheet_export_pdf (self, paginate_cb, draw_cb, path, paper_width, paper_height, error);
}
