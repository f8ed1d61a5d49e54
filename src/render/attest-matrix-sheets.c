/* attest-matrix-sheets.c: the evidence matrix on paper, for print and PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing routine serves GtkPrintOperation and PDF export (DESIGN.md
 * "Architecture"). The matrix (already filtered by the caller) is cut into
 * sheets: its scope columns into column bands as wide as the paper allows, its
 * service rows into row bands as tall as the paper allows; sheets go down a
 * column band, then on to the next band. Every sheet repeats the service
 * column, the two-level header (framework short name over its scopes), a
 * header (title, date, workspace, reviewer), a legend and a footer ("Page X
 * of Y" and the workspace fingerprint). Names wrap inside their column; a
 * row is as tall as its tallest name. Each cell shows its roll-up as a symbol
 * and a word, black on a light tint, so it reads in greyscale.
 *
 * Everything is in points, the Pango context at 72 dpi with metric hinting
 * off, as in attest-page-drawing.c.
 */
#define G_LOG_DOMAIN "attest-matrix-sheets"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "attest-matrix-sheets.h"
#include "attest-sheet-frame.h"

#define PAD 3.0
#define SERVICE_MAX_WIDTH 150.0
#define COLUMN_WIDTH 62.0

typedef struct {
  guint framework;
  guint scope;
} Column;

typedef struct {
  guint col_start, col_end;   /* [start, end) into columns */
  guint row_start, row_end;   /* [start, end) into services */
} Sheet;

struct _AttestMatrixSheets
{
  GObject parent_instance;

  AttestMatrix *matrix;        /* borrowed: the caller keeps it alive */
  AttestSheetFrame frame;      /* header, legend, footer */

  PangoContext *context;
  double width, height;
  double service_width;
  double cell_height;          /* the tallest roll-up word */
  GArray *columns;             /* Column */
  GArray *row_heights;         /* double, per service */
  GArray *sheets;              /* Sheet */
};

G_DEFINE_FINAL_TYPE (AttestMatrixSheets, attest_matrix_sheets, G_TYPE_OBJECT)

static const struct {
  const char *rollup;
  const char *symbol;
  const char *word;
  double r, g, b;             /* a light tint; distinct in luminance too */
} rollups[] = {
  /* Translators: the roll-up of a cell's checklist */
  { "not-started", "○", N_("Not started"), 1.0, 1.0, 1.0 },
  /* Translators: the roll-up of a cell's checklist */
  { "in-progress", "◐", N_("In progress"), 0.99, 0.93, 0.75 },
  /* Translators: the roll-up of a cell's checklist: every item satisfied or not applicable */
  { "satisfied", "✓", N_("Satisfied"), 0.82, 0.93, 0.82 },
  /* Translators: the roll-up of a cell's checklist: an item is an exception */
  { "exception", "!", N_("Exception"), 0.98, 0.78, 0.78 },
  /* Translators: the roll-up of a cell whose service left the framework's scope */
  { "no-longer-in-scope", "⊘", N_("No longer in scope"), 0.85, 0.85, 0.85 },
};

#define EXCEPTION 3 /* rollups[EXCEPTION] */

static int
rollup_index (const char *rollup)
{
  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    if (g_strcmp0 (rollups[i].rollup, rollup) == 0)
      return (int) i;
  return 0;
}

const char *
attest_matrix_sheets_rollup_word (const char *rollup)
{
  return _(rollups[rollup_index (rollup)].word);
}

const char *
attest_matrix_sheets_rollup_symbol (const char *rollup)
{
  return rollups[rollup_index (rollup)].symbol;
}

static char *
legend_text (void)
{
  GString *text = g_string_new (_("Legend:"));

  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    g_string_append_printf (text, "   %s %s", rollups[i].symbol, _(rollups[i].word));
  /* Translators: in the legend of a printed matrix: what an empty cell means */
  g_string_append_printf (text, "   □ %s", _("blank: out of scope"));
  return g_string_free (text, FALSE);
}

static void
attest_matrix_sheets_finalize (GObject *object)
{
  AttestMatrixSheets *self = ATTEST_MATRIX_SHEETS (object);

  attest_sheet_frame_clear (&self->frame);
  g_clear_object (&self->context);
  g_array_unref (self->columns);
  g_array_unref (self->row_heights);
  g_array_unref (self->sheets);

  G_OBJECT_CLASS (attest_matrix_sheets_parent_class)->finalize (object);
}

static void
attest_matrix_sheets_class_init (AttestMatrixSheetsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_matrix_sheets_finalize;
}

static void
attest_matrix_sheets_init (AttestMatrixSheets *self)
{
  self->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  self->row_heights = g_array_new (FALSE, FALSE, sizeof (double));
  self->sheets = g_array_new (FALSE, FALSE, sizeof (Sheet));
}

/**
 * attest_matrix_sheets_new:
 * @matrix: the matrix with the current filters applied; borrowed, it must
 *   outlive the sheets
 * @workspace_name: (nullable): shown in the header
 * @reviewer: (nullable): shown in the header when set
 * @date: (nullable): the date printed; today when %NULL
 * @fingerprint: (nullable): the head of the history chain, in every footer
 */
AttestMatrixSheets *
attest_matrix_sheets_new (AttestMatrix *matrix,
                          const char   *workspace_name,
                          const char   *reviewer,
                          const char   *date,
                          const char   *fingerprint)
{
  AttestMatrixSheets *self = g_object_new (ATTEST_TYPE_MATRIX_SHEETS, NULL);
  g_autofree char *legend = legend_text ();

  g_return_val_if_fail (matrix != NULL, self);

  self->matrix = matrix;
  attest_sheet_frame_init (&self->frame, _("Evidence matrix"), date, workspace_name, reviewer,
                           fingerprint, legend);

  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, f);

      for (guint s = 0; s < framework->scopes->len; s++)
        {
          Column column = { f, s };
          g_array_append_val (self->columns, column);
        }
    }
  return self;
}

static double
text_height (AttestMatrixSheets *self,
             const char         *text,
             const char         *font,
             double              width)
{
  return attest_sheet_text_height (self->context, text, font, width);
}

#define FONT_HEAD "Sans Bold 7.5"
#define FONT_SCOPE "Sans 7"
#define FONT_NAME "Sans 7.5"
#define FONT_CELL "Sans 7"
#define FONT_CELL_BOLD "Sans Bold 7"

static double
band_header_height (AttestMatrixSheets *self,
                    guint               col_start,
                    guint               col_end,
                    double             *framework_height)
{
  double fh = 0, sh = 0;

  for (guint c = col_start; c < col_end; )
    {
      Column *column = &g_array_index (self->columns, Column, c);
      AttestMatrixFramework *framework = g_ptr_array_index (self->matrix->frameworks, column->framework);
      guint span = 0;

      while (c + span < col_end
             && g_array_index (self->columns, Column, c + span).framework == column->framework)
        {
          AttestMatrixScope *scope = g_ptr_array_index (framework->scopes,
                                                        g_array_index (self->columns, Column, c + span).scope);
          sh = MAX (sh, text_height (self, scope->name, FONT_SCOPE, COLUMN_WIDTH - 2 * PAD));
          span++;
        }
      fh = MAX (fh, text_height (self, framework->short_name, FONT_HEAD, span * COLUMN_WIDTH - 2 * PAD));
      c += span;
    }
  fh += 2 * PAD;
  sh += 2 * PAD;
  if (framework_height != NULL)
    *framework_height = fh;
  return fh + sh;
}

/**
 * attest_matrix_sheets_paginate:
 * @context: a Pango context at 72 dpi (points)
 * @width: the printable width in points
 * @height: the printable height in points
 *
 * Returns: the number of sheets (at least 1)
 */
guint
attest_matrix_sheets_paginate (AttestMatrixSheets *self,
                               PangoContext       *context,
                               double              width,
                               double              height)
{
  AttestMatrix *matrix = self->matrix;
  double body_width, cell_height = 0;
  double word_heights[G_N_ELEMENTS (rollups)];
  guint per_band;

  g_return_val_if_fail (ATTEST_IS_MATRIX_SHEETS (self), 0);

  g_set_object (&self->context, context);
  self->width = width;
  self->height = height;
  g_array_set_size (self->row_heights, 0);
  g_array_set_size (self->sheets, 0);

  self->service_width = MIN (SERVICE_MAX_WIDTH, MAX (60.0, width * 0.3));
  attest_sheet_frame_measure (&self->frame, context, width);
  /* A row is as tall as its name and the roll-ups it holds ("No longer in
   * scope" may take two lines where "Satisfied" takes one). */
  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", rollups[i].symbol, _(rollups[i].word));
      word_heights[i] = text_height (self, text, FONT_CELL, COLUMN_WIDTH - 2 * PAD) + 2 * PAD;
      cell_height = MAX (cell_height, word_heights[i]);
    }
  self->cell_height = cell_height;

  for (guint r = 0; r < matrix->services->len; r++)
    {
      AttestMatrixService *service = g_ptr_array_index (matrix->services, r);
      double h = text_height (self, service->name, FONT_NAME, self->service_width - 2 * PAD) + 2 * PAD;

      for (guint c = 0; c < self->columns->len; c++)
        {
          Column *column = &g_array_index (self->columns, Column, c);
          AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, column->framework);
          AttestMatrixScope *scope = g_ptr_array_index (framework->scopes, column->scope);
          AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, scope->id, service->id);

          if (cell != NULL)
            h = MAX (h, word_heights[rollup_index (cell->rollup)]);
        }
      g_array_append_val (self->row_heights, h);
    }

  body_width = width - self->service_width;
  per_band = MAX (1, (guint) (body_width / COLUMN_WIDTH));

  for (guint c = 0; c < MAX (self->columns->len, 1); c += per_band)
    {
      guint col_end = MIN (c + per_band, self->columns->len);
      double body_height = height - self->frame.header_height - self->frame.footer_height
                           - band_header_height (self, c, col_end, NULL);
      guint r = 0;

      do
        {
          Sheet sheet = { c, col_end, r, r };
          double used = 0;

          while (sheet.row_end < matrix->services->len)
            {
              double h = g_array_index (self->row_heights, double, sheet.row_end);

              if (used + h > body_height && sheet.row_end > sheet.row_start)
                break;
              used += h;
              sheet.row_end++;
            }
          g_array_append_val (self->sheets, sheet);
          r = sheet.row_end;
        }
      while (r < matrix->services->len);
    }
  return self->sheets->len;
}

guint
attest_matrix_sheets_get_n_pages (AttestMatrixSheets *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_SHEETS (self), 0);

  return self->sheets->len;
}

static void
show_at (AttestMatrixSheets *self,
         cairo_t            *cr,
         const char         *text,
         const char         *font,
         double              x,
         double              y,
         double              width,
         PangoAlignment      alignment)
{
  attest_sheet_show (self->context, cr, text, font, x, y, width, alignment);
}

#define cell_rect attest_sheet_rect

/**
 * attest_matrix_sheets_draw_page:
 * @cr: drawn in points, (0, 0) the printable area's top left corner
 * @page_nr: counting from 0
 */
void
attest_matrix_sheets_draw_page (AttestMatrixSheets *self,
                                cairo_t            *cr,
                                guint               page_nr)
{
  AttestMatrix *matrix = self->matrix;
  const Sheet *sheet;
  double framework_height, head, y, x, table_width;

  g_return_if_fail (ATTEST_IS_MATRIX_SHEETS (self));
  g_return_if_fail (page_nr < self->sheets->len);

  sheet = &g_array_index (self->sheets, Sheet, page_nr);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);

  /* The header, the legend and the footer. */
  attest_sheet_frame_draw (&self->frame, self->context, cr, self->width, self->height,
                           page_nr, self->sheets->len);

  if (self->columns->len == 0 || matrix->services->len == 0)
    {
      show_at (self, cr, _("No framework or service matches the filters."), FONT_NAME,
               0, self->frame.header_height, self->width, PANGO_ALIGN_LEFT);
      cairo_restore (cr);
      return;
    }

  /* The two-level header: frameworks over their scopes. */
  head = band_header_height (self, sheet->col_start, sheet->col_end, &framework_height);
  y = self->frame.header_height;
  table_width = self->service_width + (sheet->col_end - sheet->col_start) * COLUMN_WIDTH;
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_new_path (cr);
  cairo_rectangle (cr, 0, y, table_width, head);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* Translators: the first column's header of a printed matrix */
  show_at (self, cr, _("Service"), FONT_HEAD, PAD, y + framework_height + PAD,
           self->service_width - 2 * PAD, PANGO_ALIGN_LEFT);
  cell_rect (cr, 0, y, self->service_width, head);
  x = self->service_width;
  for (guint c = sheet->col_start; c < sheet->col_end; )
    {
      Column *column = &g_array_index (self->columns, Column, c);
      AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, column->framework);
      guint span = 0;

      while (c + span < sheet->col_end
             && g_array_index (self->columns, Column, c + span).framework == column->framework)
        {
          AttestMatrixScope *scope = g_ptr_array_index (framework->scopes,
                                                        g_array_index (self->columns, Column, c + span).scope);
          double sx = x + span * COLUMN_WIDTH;

          show_at (self, cr, scope->name, FONT_SCOPE, sx + PAD, y + framework_height + PAD,
                   COLUMN_WIDTH - 2 * PAD, PANGO_ALIGN_CENTER);
          cell_rect (cr, sx, y + framework_height, COLUMN_WIDTH, head - framework_height);
          span++;
        }
      show_at (self, cr, framework->short_name, FONT_HEAD, x + PAD, y + PAD,
               span * COLUMN_WIDTH - 2 * PAD, PANGO_ALIGN_CENTER);
      cell_rect (cr, x, y, span * COLUMN_WIDTH, framework_height);
      x += span * COLUMN_WIDTH;
      c += span;
    }

  /* The rows. */
  y += head;
  for (guint r = sheet->row_start; r < sheet->row_end; r++)
    {
      AttestMatrixService *service = g_ptr_array_index (matrix->services, r);
      double h = g_array_index (self->row_heights, double, r);

      show_at (self, cr, service->name, FONT_NAME, PAD, y + PAD,
               self->service_width - 2 * PAD, PANGO_ALIGN_LEFT);
      cell_rect (cr, 0, y, self->service_width, h);
      x = self->service_width;
      for (guint c = sheet->col_start; c < sheet->col_end; c++, x += COLUMN_WIDTH)
        {
          Column *column = &g_array_index (self->columns, Column, c);
          AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, column->framework);
          AttestMatrixScope *scope = g_ptr_array_index (framework->scopes, column->scope);
          AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, scope->id, service->id);

          if (cell != NULL)
            {
              int i = rollup_index (cell->rollup);
              g_autofree char *text = g_strdup_printf ("%s %s", rollups[i].symbol, _(rollups[i].word));

              cairo_set_source_rgb (cr, rollups[i].r, rollups[i].g, rollups[i].b);
              cairo_new_path (cr);
              cairo_rectangle (cr, x, y, COLUMN_WIDTH, h);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0, 0, 0);
              /* An exception stands out in greyscale too: bold, in a heavier frame. */
              show_at (self, cr, text, i == EXCEPTION ? FONT_CELL_BOLD : FONT_CELL, x + PAD, y + PAD,
                       COLUMN_WIDTH - 2 * PAD, PANGO_ALIGN_CENTER);
              if (i == EXCEPTION)
                {
                  cairo_set_line_width (cr, 1.5);
                  cell_rect (cr, x + 1, y + 1, COLUMN_WIDTH - 2, h - 2);
                  cairo_set_line_width (cr, 0.5);
                }
            }
          cell_rect (cr, x, y, COLUMN_WIDTH, h);
        }
      y += h;
    }
  cairo_restore (cr);
}

static guint
paginate_cb (gpointer      sheets,
             PangoContext *context,
             double        width,
             double        height)
{
  return attest_matrix_sheets_paginate (sheets, context, width, height);
}

static void
draw_cb (gpointer  sheets,
         cairo_t  *cr,
         guint     page_nr)
{
  attest_matrix_sheets_draw_page (sheets, cr, page_nr);
}

/**
 * attest_matrix_sheets_export_pdf:
 * @path: the PDF written; the caller writes beside its target and renames
 *
 * Paginates for the paper (a margin of half an inch) and draws every sheet
 * on a cairo PDF surface (which embeds the fonts).
 */
gboolean
attest_matrix_sheets_export_pdf (AttestMatrixSheets *self,
                                 const char         *path,
                                 double              paper_width,
                                 double              paper_height,
                                 GError            **error)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_SHEETS (self), FALSE);

  return attest_sheet_export_pdf (self, paginate_cb, draw_cb, path, paper_width, paper_height, error);
}
