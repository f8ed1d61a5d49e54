/* attest-page-drawing.c: an offering page on paper, for print and PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing routine serves GtkPrintOperation and PDF export (DESIGN.md
 * "Architecture"): the page's block list laid out with Pango for a given
 * printable area, then drawn page by page on any cairo context.
 *
 * Layout: every block (or, side by side, every aligned row of block pairs)
 * becomes a Row in its own coordinates: Pango layouts, filled rectangles
 * (boxes, bars, rules, table grids) and the vertical extents of its text
 * lines. Pagination cuts the rows into slices that fit the pages: a short row
 * that does not fit the space left moves to the next page; a tall one (over a
 * quarter of a page) starts on this page and goes on over the next ones, cut
 * only between text lines (between table rows where it can), so no line is
 * ever lost or clipped. A heading stays with what follows it. A text line is
 * drawn in the one slice that holds its top; rectangles are clipped to their
 * slice.
 *
 * Everything is in points: the Pango context has a resolution of 72 dpi (as
 * gtk_print_context_create_pango_context() gives with GTK_UNIT_POINTS) and
 * metric hinting off, so the layout is the same on screen, paper and PDF.
 */
#define G_LOG_DOMAIN "attest-page-drawing"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "attest-languages.h"
#include "attest-page-drawing.h"
#include "attest-page-pairs.h"

/* Fontconfig falls back per character, so Chinese finds a CJK face. */
#define BODY_FAMILY  "Cantarell, Noto Sans CJK TC, WenQuanYi Micro Hei, sans"
#define MONO_FAMILY  "monospace"

/* Points. */
#define BODY_SIZE     10.0
#define SMALL_SIZE    8.5    /* page header, footer, column headers */
#define CODE_SIZE     9.0
#define TABLE_SIZE    9.0
#define LINE_SPACING  1.5    /* between the lines of a paragraph */
#define QUOTE_INDENT  14.0
#define LIST_MARGIN   3.0
#define LIST_INDENT   16.0
#define LIST_HANG     12.0
#define BOX_PAD_X     8.0
#define BOX_PAD_Y     4.0
#define BAR_WIDTH     2.5
#define CELL_PAD_X    4.0
#define CELL_PAD_Y    2.5
#define GUTTER        18.0
#define HAIRLINE      0.5
#define RULE_SPACE    10.0   /* height of a thematic break */
#define MIN_SPLIT     36.0   /* a row split across pages starts on a page with this much room */
#define MIN_CARRY     24.0   /* and leaves at least this much of it for the next page */
#define EPS           0.01

/* A4, and the margins of attest_page_drawing_export_pdf(). */
#define A4_WIDTH      595.276
#define A4_HEIGHT     841.89
#define PDF_MARGIN    48.0

typedef struct {
  double r, g, b, a;
} Color;

static const Color ink = { 0.1, 0.1, 0.1, 1.0 };
static const Color dim = { 0.36, 0.36, 0.36, 1.0 };
static const Color rule_color = { 0.62, 0.62, 0.62, 1.0 };
static const Color grid_color = { 0.55, 0.55, 0.55, 1.0 };
static const Color code_background = { 0.0, 0.0, 0.0, 0.06 };
static const Color header_background = { 0.0, 0.0, 0.0, 0.07 };
static const Color quote_bar = { 0.0, 0.0, 0.0, 0.25 };
static const Color link_color = { 0.11, 0.443, 0.847, 1.0 };

/* The colours of the note kinds (AttestNoteKind order), as on screen. */
static const Color note_colors[ATTEST_N_NOTE_KINDS] = {
  { 0.11, 0.443, 0.847, 1.0 },
  { 0.106, 0.522, 0.325, 1.0 },
  { 0.11, 0.443, 0.847, 1.0 },
  { 0.612, 0.431, 0.012, 1.0 },
  { 0.753, 0.11, 0.157, 1.0 },
};

/* GNOME's type scale over the body size, as on screen. */
static const struct {
  double scale;
  int weight;
} heading_styles[] = {
  { 20.0 / 11.0, 800 }, { 15.0 / 11.0, 800 }, { 15.0 / 11.0, 700 },
  { 13.0 / 11.0, 700 }, { 1.0, 700 }, { 1.0, 700 },
};

typedef struct {
  double top, bottom;
} Span;

typedef struct {
  PangoLayout *layout;
  double x, y;
  Color color;
} Text;

typedef struct {
  double x, y, width, height;
  Color color;
} Rect;

/* One block, or one aligned row of block pairs, in its own coordinates. */
typedef struct {
  double gap;              /* space above it, unless it starts a page */
  double height;
  gboolean keep_with_next; /* a heading */
  GArray *texts;           /* Text */
  GArray *rects;           /* Rect; may reach up into the gap (a box that continues) */
  GArray *lines;           /* Span: no page break inside one */
  GArray *keeps;           /* Span: a page break avoids them when it can (table rows) */
} Row;

/* The part of a row on one page. */
typedef struct {
  guint row;
  double from, to;         /* in the row's coordinates */
  double y;                /* where @from goes, below the top of the content area */
  gboolean at_top;         /* first on its page: the row's gap is not there */
} Slice;

/* One column of text: the language its layouts are in. */
typedef struct {
  PangoLanguage *language;
} Side;

struct _AttestPageDrawing
{
  GObject parent_instance;

  AttestPage *page;
  AttestReadingMode mode;
  char *title;
  char *footer;

  PangoFontDescription *body_font;
  PangoFontDescription *small_font;
  PangoFontDescription *mono_font;

  /* Set by paginate. */
  PangoContext *context;
  double width, height;
  gboolean two_columns;
  double column_width;
  double header_height;    /* page header, and column headers side by side */
  double footer_height;
  GPtrArray *rows;         /* Row */
  GArray *slices;          /* Slice */
  GArray *page_starts;     /* guint: each page's first slice */
  PangoLayout *title_layout;
  PangoLayout *footer_layout;
  PangoLayout *column_layouts[2];
};

G_DEFINE_FINAL_TYPE (AttestPageDrawing, attest_page_drawing, G_TYPE_OBJECT)

/* ---- rows --------------------------------------------------------- */

static void
clear_text (gpointer data)
{
  Text *text = data;

  g_clear_object (&text->layout);
}

static Row *
row_new (double gap)
{
  Row *row = g_new0 (Row, 1);

  row->gap = gap;
  row->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  g_array_set_clear_func (row->texts, clear_text);
  row->rects = g_array_new (FALSE, FALSE, sizeof (Rect));
  row->lines = g_array_new (FALSE, FALSE, sizeof (Span));
  row->keeps = g_array_new (FALSE, FALSE, sizeof (Span));
  return row;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_array_unref (row->texts);
  g_array_unref (row->rects);
  g_array_unref (row->lines);
  g_array_unref (row->keeps);
  g_free (row);
}

/* Takes @layout; returns its height. */
static double
row_add_text (Row         *row,
              PangoLayout *layout,
              double       x,
              double       y,
              const Color *color)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  Text text = { layout, x, y, *color };
  int height;

  do
    {
      int top, bottom;
      Span span;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      span.top = y + pango_units_to_double (top);
      span.bottom = y + pango_units_to_double (bottom);
      g_array_append_val (row->lines, span);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_array_append_val (row->texts, text);
  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static void
row_add_rect (Row         *row,
              double       x,
              double       y,
              double       width,
              double       height,
              const Color *color)
{
  Rect rect = { x, y, width, height, *color };

  if (width > 0 && height > 0)
    g_array_append_val (row->rects, rect);
}

/* ---- text --------------------------------------------------------- */

static PangoLayout *
new_layout (AttestPageDrawing          *self,
            const PangoFontDescription *font,
            double                      width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_spacing (layout, pango_units_from_double (LINE_SPACING));
  if (width > 0)
    {
      /* Long URLs and words break between characters: nothing overflows. */
      pango_layout_set_width (layout, MAX (pango_units_from_double (width), 1));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static void
add_attr (PangoAttrList  *attrs,
          PangoAttribute *attr,
          guint           start,
          guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

/* A layout's text and attributes, from inline runs: no markup, so nothing
 * to escape. */
static void
set_runs (PangoLayout *layout,
          GPtrArray   *runs,
          gboolean     code_block,
          const Side  *side)
{
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  /* Bold in a heading, already bold, is bolder still. */
  PangoWeight bold = font != NULL && pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD
                     ? PANGO_WEIGHT_HEAVY : PANGO_WEIGHT_BOLD;
  g_autoptr(GString) text = g_string_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* A break inside a word shows no hyphen: the text reads as the page's. */
  add_attr (attrs, pango_attr_insert_hyphens_new (FALSE), 0, PANGO_ATTR_INDEX_TO_TEXT_END);
  if (side->language != NULL)
    add_attr (attrs, pango_attr_language_new (side->language), 0, PANGO_ATTR_INDEX_TO_TEXT_END);

  for (guint i = 0; i < runs->len; i++)
    {
      AttestRun *run = g_ptr_array_index (runs, i);
      guint start = (guint) text->len;
      guint end;

      g_string_append (text, run->text);
      end = (guint) text->len;
      if (start == end)
        continue;
      if (run->flags & ATTEST_RUN_BOLD)
        add_attr (attrs, pango_attr_weight_new (bold), start, end);
      if (run->flags & ATTEST_RUN_ITALIC)
        add_attr (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, end);
      if ((run->flags & ATTEST_RUN_CODE) && !code_block)
        {
          add_attr (attrs, pango_attr_family_new (MONO_FAMILY), start, end);
          add_attr (attrs, pango_attr_scale_new (0.9), start, end);
          add_attr (attrs, pango_attr_background_new (0xeeee, 0xeeee, 0xeeee), start, end);
        }
      if (run->flags & ATTEST_RUN_STRIKE)
        add_attr (attrs, pango_attr_strikethrough_new (TRUE), start, end);
      if (run->flags & ATTEST_RUN_SUPERSCRIPT)
        {
          add_attr (attrs, pango_attr_rise_new (pango_units_from_double (3.0)), start, end);
          add_attr (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL), start, end);
        }
      if (run->link != NULL)
        {
          add_attr (attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), start, end);
          add_attr (attrs, pango_attr_foreground_new ((guint16) (link_color.r * 65535),
                                                      (guint16) (link_color.g * 65535),
                                                      (guint16) (link_color.b * 65535)),
                    start, end);
        }
    }
  /* A fenced block's text ends with its last line's newline: not an empty line. */
  if (code_block && text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  pango_layout_set_text (layout, text->str, (int) text->len);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* ---- blocks ------------------------------------------------------- */

/* Space above a block, from what came before it (the screen's, in points). */
static double
gap_before (const AttestBlock *prev,
            const AttestBlock *block)
{
  if (prev == NULL)
    return 0;
  if (block->kind == ATTEST_BLOCK_HEADING)
    return block->level <= 2 ? 18 : 14;
  if (attest_block_continues_box (prev, block))
    return 2;
  if (attest_block_has_box (prev) || attest_block_has_box (block))
    return 10;
  if (prev->kind == ATTEST_BLOCK_HEADING)
    return 5;
  if (prev->kind == ATTEST_BLOCK_LIST_ITEM && block->kind == ATTEST_BLOCK_LIST_ITEM)
    return 3;
  return 8;
}

/* Deep nesting indents no further than most of the width: text stays readable. */
static double
indent (double left,
        double width)
{
  return MIN (left, width * 0.6);
}

static const char *
list_marker (const AttestBlock *block,
             char               number[16])
{
  static const char *bullets[] = { "•", "◦", "▪" };

  if (block->ordered)
    {
      g_snprintf (number, 16, "%d.", block->number);
      return number;
    }
  return bullets[(MAX (block->depth, 1) - 1) % G_N_ELEMENTS (bullets)];
}

/* Column widths shared out from the content: every column that fits in an
 * equal share of what is left keeps its natural width, the others share the
 * rest equally (their text wraps). */
static void
share_columns (const double *natural,
               double       *widths,
               guint         n,
               double        available)
{
  g_autofree gboolean *fixed = g_new0 (gboolean, n);
  double total = 0, left = available;
  guint open = n;
  gboolean changed = TRUE;

  for (guint c = 0; c < n; c++)
    total += natural[c];
  if (total <= available)
    {
      memcpy (widths, natural, n * sizeof (double));
      return;
    }
  while (changed && open > 0)
    {
      double fair = left / open;

      changed = FALSE;
      for (guint c = 0; c < n; c++)
        if (!fixed[c] && natural[c] <= fair)
          {
            widths[c] = natural[c];
            left -= natural[c];
            fixed[c] = TRUE;
            open--;
            changed = TRUE;
          }
    }
  for (guint c = 0; c < n; c++)
    if (!fixed[c])
      widths[c] = left / open;
}

static double
add_table (AttestPageDrawing *self,
           Row               *row,
           const Side        *side,
           const AttestBlock *block,
           double             x,
           double             y,
           double             width)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->body_font);
  g_autoptr(PangoFontDescription) bold = NULL;
  g_autofree double *natural = NULL;
  g_autofree double *widths = NULL;
  g_autofree double *column_x = NULL;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_columns = 0;
  double table_width = 0;
  double cy = y;

  for (guint r = 0; r < block->rows->len; r++)
    n_columns = MAX (n_columns, ((AttestTableRow *) g_ptr_array_index (block->rows, r))->cells->len);
  if (n_columns == 0)
    return y;

  pango_font_description_set_size (font, (int) (TABLE_SIZE * PANGO_SCALE));
  bold = pango_font_description_copy (font);
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);

  /* Natural widths first, from unwrapped layouts. */
  natural = g_new0 (double, n_columns);
  for (guint r = 0; r < block->rows->len; r++)
    {
      AttestTableRow *trow = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < trow->cells->len; c++)
        {
          AttestTableCell *cell = g_ptr_array_index (trow->cells, c);
          PangoLayout *layout = new_layout (self, trow->header ? bold : font, -1);
          int w;

          set_runs (layout, cell->runs, FALSE, side);
          pango_layout_get_size (layout, &w, NULL);
          natural[c] = MAX (natural[c], pango_units_to_double (w) + 2 * CELL_PAD_X + 1);
          g_ptr_array_add (layouts, layout);
        }
    }
  widths = g_new0 (double, n_columns);
  share_columns (natural, widths, n_columns, width);
  column_x = g_new0 (double, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    column_x[c + 1] = column_x[c] + widths[c];
  table_width = column_x[n_columns];

  for (guint r = 0, k = 0; r < block->rows->len; r++)
    {
      AttestTableRow *trow = g_ptr_array_index (block->rows, r);
      double height = 0;

      for (guint c = 0; c < trow->cells->len; c++)
        {
          PangoLayout *layout = g_ptr_array_index (layouts, k + c);
          int h;

          pango_layout_set_width (layout, MAX (pango_units_from_double (widths[c] - 2 * CELL_PAD_X), 1));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_get_size (layout, NULL, &h);
          height = MAX (height, pango_units_to_double (h));
        }
      height += 2 * CELL_PAD_Y;
      if (trow->header)
        row_add_rect (row, x, cy, table_width, height, &header_background);
      row_add_rect (row, x, cy, table_width, HAIRLINE, &grid_color);
      for (guint c = 0; c < trow->cells->len; c++)
        {
          PangoLayout *layout = g_ptr_array_index (layouts, k + c);

          row_add_text (row, g_object_ref (layout), x + column_x[c] + CELL_PAD_X, cy + CELL_PAD_Y, &ink);
        }
      g_array_append_val (row->keeps, ((Span) { cy, cy + height }));
      k += trow->cells->len;
      cy += height;
    }
  row_add_rect (row, x, cy, table_width, HAIRLINE, &grid_color);
  for (guint c = 0; c <= n_columns; c++)
    row_add_rect (row, x + column_x[c] - (c == n_columns ? HAIRLINE : 0), y, HAIRLINE, cy - y, &grid_color);
  return cy + HAIRLINE;
}

/* Lays @block out at (@x, @y), @width wide; returns where it ends.
 * @gap_above: the space above it, which a box it continues fills. */
static double
add_block (AttestPageDrawing *self,
           Row               *row,
           const Side        *side,
           const AttestBlock *prev,
           const AttestBlock *block,
           double             x,
           double             y,
           double             width,
           double             gap_above)
{
  double left = indent (block->quote_depth * QUOTE_INDENT, width);
  double overhang = attest_block_continues_box (prev, block) ? gap_above : 0;
  PangoLayout *layout;

  switch (block->kind)
    {
    case ATTEST_BLOCK_HEADING:
      {
        guint level = CLAMP (block->level, 1, 6);
        g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->body_font);

        pango_font_description_set_size (font, (int) (BODY_SIZE * heading_styles[level - 1].scale * PANGO_SCALE));
        pango_font_description_set_weight (font, heading_styles[level - 1].weight);
        layout = new_layout (self, font, width - left);
        set_runs (layout, block->runs, FALSE, side);
        return y + row_add_text (row, layout, x + left, y, level == 6 ? &dim : &ink);
      }

    case ATTEST_BLOCK_LIST_ITEM:
      {
        char number[16];
        PangoLayout *marker = new_layout (self, self->body_font, -1);
        double hang = LIST_HANG;
        double shift;
        int marker_width;

        left = indent (left + LIST_MARGIN + (MAX (block->depth, 1) - 1) * LIST_INDENT, width);
        pango_layout_set_text (marker, list_marker (block, number), -1);
        pango_layout_get_size (marker, &marker_width, NULL);
        if (block->ordered)
          hang = MAX (hang, pango_units_to_double (marker_width) + 5);
        /* A hanging indent: the marker at the margin, the text at the hang. */
        layout = new_layout (self, self->body_font, width - left - hang);
        set_runs (layout, block->runs, FALSE, side);
        shift = pango_units_to_double (pango_layout_get_baseline (layout) - pango_layout_get_baseline (marker));
        row_add_text (row, marker, x + left, y + shift, &dim);
        return y + row_add_text (row, layout, x + left + hang, y, &ink);
      }

    case ATTEST_BLOCK_QUOTE:
      {
        double box = indent ((MAX (block->depth, 1) - 1) * QUOTE_INDENT, width);
        double bottom;

        layout = new_layout (self, self->body_font, width - box - 2 * BOX_PAD_X);
        set_runs (layout, block->runs, FALSE, side);
        bottom = y + BOX_PAD_Y + row_add_text (row, layout, x + box + BOX_PAD_X, y + BOX_PAD_Y, &dim) + BOX_PAD_Y;
        row_add_rect (row, x + box, y - overhang, BAR_WIDTH, bottom - y + overhang, &quote_bar);
        return bottom;
      }

    case ATTEST_BLOCK_NOTE:
      {
        guint k = attest_block_get_note_kind (block);
        const Color *color = &note_colors[k];
        Color background = *color;
        double box = indent ((MAX (block->depth, 1) - 1) * QUOTE_INDENT, width);
        double cy = y + BOX_PAD_Y;

        background.a = 0.1;
        /* The label once, above the note's first paragraph. */
        if (!attest_block_continues_box (prev, block))
          {
            g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->body_font);
            PangoLayout *label;

            pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
            label = new_layout (self, font, width - box - 2 * BOX_PAD_X);
            pango_layout_set_text (label, attest_note_kind_get_title (k), -1);
            cy += row_add_text (row, label, x + box + BOX_PAD_X, cy, color) + 2;
          }
        if (block->runs->len > 0)
          {
            layout = new_layout (self, self->body_font, width - box - 2 * BOX_PAD_X);
            set_runs (layout, block->runs, FALSE, side);
            cy += row_add_text (row, layout, x + box + BOX_PAD_X, cy, &ink);
          }
        cy += BOX_PAD_Y;
        row_add_rect (row, x + box, y - overhang, width - box, cy - y + overhang, &background);
        row_add_rect (row, x + box, y - overhang, BAR_WIDTH, cy - y + overhang, color);
        return cy;
      }

    case ATTEST_BLOCK_CODE:
      {
        double bottom;

        layout = new_layout (self, self->mono_font, width - left - 2 * BOX_PAD_X);
        set_runs (layout, block->runs, TRUE, side);
        bottom = y + BOX_PAD_Y + row_add_text (row, layout, x + left + BOX_PAD_X, y + BOX_PAD_Y, &ink) + BOX_PAD_Y;
        row_add_rect (row, x + left, y, width - left, bottom - y, &code_background);
        return bottom;
      }

    case ATTEST_BLOCK_TABLE:
      return add_table (self, row, side, block, x + left, y, width - left);

    case ATTEST_BLOCK_THEMATIC_BREAK:
      row_add_rect (row, x + left, y + (RULE_SPACE - HAIRLINE * 1.5) / 2, width - left, HAIRLINE * 1.5, &rule_color);
      return y + RULE_SPACE;

    case ATTEST_BLOCK_PARAGRAPH:
    default:
      layout = new_layout (self, self->body_font, width - left);
      set_runs (layout, block->runs, FALSE, side);
      return y + row_add_text (row, layout, x + left, y, &ink);
    }
}

/* ---- rows of the page --------------------------------------------- */

static PangoLanguage *
page_language (AttestPage *page)
{
  const char *locale = attest_front_matter_get_locale (page->front_matter);

  return locale != NULL && *locale != '\0' ? pango_language_from_string (locale) : NULL;
}

static void
build_one_column (AttestPageDrawing *self,
                  GPtrArray         *blocks,
                  const Side        *side)
{
  const AttestBlock *prev = NULL;

  for (guint i = 0; i < blocks->len; i++)
    {
      const AttestBlock *block = g_ptr_array_index (blocks, i);
      double gap = gap_before (prev, block);
      Row *row = row_new (gap);

      row->height = add_block (self, row, side, prev, block, 0, 0, self->width, gap);
      row->keep_with_next = block->kind == ATTEST_BLOCK_HEADING;
      g_ptr_array_add (self->rows, row);
      prev = block;
    }
}

/* Side by side: one row per aligned row of pairs, each column's blocks
 * stacked from the row's top, so both sides of a row start level. */
static void
build_two_columns (AttestPageDrawing *self,
                   const Side        *sides)
{
  g_autoptr(GArray) pairs = attest_page_pair_blocks (self->page);
  GPtrArray *blocks[2] = { self->page->translated_blocks, self->page->source_blocks };
  const AttestBlock *prev[2] = { NULL, NULL };
  double column_x[2] = { 0, self->column_width + GUTTER };
  guint i = 0;

  while (i < pairs->len)
    {
      guint row_nr = g_array_index (pairs, AttestBlockPair, i).row;
      guint end = i;
      double gap = 0;
      gboolean headings = TRUE;
      Row *row;

      while (end < pairs->len && g_array_index (pairs, AttestBlockPair, end).row == row_nr)
        end++;

      /* The row's gap: the larger of its two columns' first gaps. */
      for (guint s = 0; s < 2; s++)
        for (guint k = i; k < end; k++)
          {
            AttestBlockPair *pair = &g_array_index (pairs, AttestBlockPair, k);
            int index = s == 0 ? pair->translated : pair->source;

            if (index >= 0)
              {
                gap = MAX (gap, gap_before (prev[s], g_ptr_array_index (blocks[s], index)));
                break;
              }
          }

      row = row_new (gap);
      for (guint s = 0; s < 2; s++)
        {
          double y = 0;
          gboolean first = TRUE;

          for (guint k = i; k < end; k++)
            {
              AttestBlockPair *pair = &g_array_index (pairs, AttestBlockPair, k);
              int index = s == 0 ? pair->translated : pair->source;
              const AttestBlock *block;
              double block_gap;

              if (index < 0)
                continue;
              block = g_ptr_array_index (blocks[s], index);
              block_gap = first ? gap : gap_before (prev[s], block);
              if (!first)
                y += block_gap;
              y = add_block (self, row, &sides[s], prev[s], block, column_x[s], y, self->column_width, block_gap);
              headings = headings && block->kind == ATTEST_BLOCK_HEADING;
              prev[s] = block;
              first = FALSE;
            }
          row->height = MAX (row->height, y);
        }
      row->keep_with_next = headings;
      g_ptr_array_add (self->rows, row);
      i = end;
    }
}

/* ---- pagination --------------------------------------------------- */

/* The lowest point at or above @limit where no span is cut. */
static double
find_break_in (GArray *spans,
               double  limit)
{
  double y = limit;
  gboolean moved = TRUE;

  while (moved)
    {
      moved = FALSE;
      for (guint i = 0; i < spans->len; i++)
        {
          Span *span = &g_array_index (spans, Span, i);

          if (span->top < y - EPS && y < span->bottom - EPS)
            {
              y = span->top;
              moved = TRUE;
            }
        }
    }
  return y;
}

/* Where to cut @row below @from for at most @space: between table rows if
 * that wastes less than half the space, else between text lines. Returns
 * @from when not even one line fits. */
static double
find_break (Row    *row,
            double  from,
            double  space)
{
  double limit = from + space;
  double y = find_break_in (row->lines, limit);

  if (row->keeps->len > 0)
    {
      double y_keep = find_break_in (row->keeps, y);

      y_keep = find_break_in (row->lines, y_keep);
      if (y_keep - from >= space / 2)
        y = y_keep;
    }
  return y > from + EPS ? y : from;
}

static void
add_slice (AttestPageDrawing *self,
           guint              row,
           double             from,
           double             to,
           double             y)
{
  Slice slice = { row, from, to, y, y < EPS };

  g_array_append_val (self->slices, slice);
}

static void
new_page (AttestPageDrawing *self,
          double            *y)
{
  guint start = self->slices->len;

  g_array_append_val (self->page_starts, start);
  *y = 0;
}

/* A row that does not fit the space left moves to the next page, unless it
 * is tall: then it starts here and goes on over the page, rather than leave
 * a quarter of a page or more empty. */
static gboolean
row_splits (Row    *row,
            double  space)
{
  return row->height > space / 4;
}

static void
paginate_rows (AttestPageDrawing *self)
{
  double space = MAX (self->height - self->header_height - self->footer_height, 1.0);
  double y = 0;

  g_array_set_size (self->slices, 0);
  g_array_set_size (self->page_starts, 0);
  new_page (self, &y);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      double gap = y > EPS ? row->gap : 0;
      double from = 0;

      /* A heading does not end a page: it goes with the start of what follows. */
      if (row->keep_with_next && r + 1 < self->rows->len && y > EPS)
        {
          Row *next = g_ptr_array_index (self->rows, r + 1);
          double need = row->height + next->gap
                        + (row_splits (next, space) ? MIN (next->height, MIN_SPLIT) : next->height);

          if (y + gap + need > space && need <= space)
            {
              new_page (self, &y);
              gap = 0;
            }
        }

      if (y + gap + row->height <= space + EPS)
        {
          add_slice (self, r, 0, row->height, y + gap);
          y += gap + row->height;
          continue;
        }
      if (y > EPS && (!row_splits (row, space) || space - y - gap < MIN_SPLIT))
        {
          new_page (self, &y);
          gap = 0;
        }

      /* Cut between lines, page after page. */
      y += gap;
      while (row->height - from > space - y + EPS)
        {
          double room = space - y;
          double to;

          /* Below other text, leave a few lines for the next page too. */
          if (y > EPS)
            room = MIN (room, row->height - from - MIN_CARRY);
          to = room > EPS ? find_break (row, from, room) : from;
          if (to <= from)
            {
              if (y > EPS)
                {
                  new_page (self, &y);
                  continue;
                }
              /* One line taller than a page: cut it, as nothing else can be done. */
              to = from + space;
            }
          add_slice (self, r, from, to, y);
          from = to;
          new_page (self, &y);
        }
      add_slice (self, r, from, row->height, y);
      y += row->height - from;
    }
}

static void
clear_layout (AttestPageDrawing *self)
{
  g_ptr_array_set_size (self->rows, 0);
  g_array_set_size (self->slices, 0);
  g_array_set_size (self->page_starts, 0);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->footer_layout);
  g_clear_object (&self->column_layouts[0]);
  g_clear_object (&self->column_layouts[1]);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static PangoLayout *
new_line_layout (AttestPageDrawing          *self,
                 const PangoFontDescription *font,
                 const char                 *text,
                 double                      width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (pango_units_from_double (width), 1));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/**
 * attest_page_drawing_paginate:
 * @context: gives the font map, resolution and font options (for print:
 *   gtk_print_context_create_pango_context(); its resolution must make a
 *   unit of @width one point, as GTK_UNIT_POINTS does)
 * @width: of the printable area
 * @height: of the printable area
 *
 * Lays the page out for pages of this size. May be called again, with
 * another size or context: the layout starts over.
 *
 * Returns: the number of pages, at least 1
 */
guint
attest_page_drawing_paginate (AttestPageDrawing *self,
                              PangoContext      *context,
                              double             width,
                              double             height)
{
  gboolean bilingual;
  Side sides[2];
  PangoLanguage *locale;

  g_return_val_if_fail (ATTEST_IS_PAGE_DRAWING (self), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);

  clear_layout (self);
  g_set_object (&self->context, context);
  self->width = width;
  self->height = height;

  locale = page_language (self->page);
  bilingual = self->page->translated_blocks != self->page->source_blocks;
  sides[0].language = locale;
  sides[1].language = bilingual || self->page->kind == ATTEST_PAGE_KIND_SOURCE_ONLY
                      ? pango_language_from_string ("en") : locale;
  self->two_columns = bilingual && self->mode == ATTEST_READING_SIDE_BY_SIDE;
  self->column_width = self->two_columns ? MAX ((width - GUTTER) / 2, 1) : width;

  /* The page header: the title, and the page number at the right. */
  self->title_layout = new_line_layout (self, self->small_font, self->title, width);
  self->header_height = layout_height (self->title_layout) + 4 + HAIRLINE + 12;
  if (self->footer != NULL && *self->footer != '\0')
    {
      self->footer_layout = new_line_layout (self, self->small_font, self->footer, width);
      pango_layout_set_alignment (self->footer_layout, PANGO_ALIGN_CENTER);
      self->footer_height = layout_height (self->footer_layout) + 12;
    }
  else
    self->footer_height = 0;

  if (self->two_columns)
    {
      g_autoptr(PangoFontDescription) bold = pango_font_description_copy (self->small_font);
      const char *code = attest_front_matter_get_locale (self->page->front_matter);
      g_autofree char *translated = NULL;

      /* Translators: above the translated column of a printed page; %s is its language, e.g.
       * "French (France)" */
      if (code != NULL && *code != '\0')
        translated = g_strdup_printf (_("Translation · %s"), attest_languages_name (code));
      else
        /* Translators: above the translated column of a printed page whose locale is unknown */
        translated = g_strdup (_("Translated"));
      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      self->column_layouts[0] = new_line_layout (self, bold, translated, self->column_width);
      /* Translators: above the English column of a printed page */
      self->column_layouts[1] = new_line_layout (self, bold, _("English source"), self->column_width);
      self->header_height += layout_height (self->column_layouts[0]) + 3 + HAIRLINE + 8;
      build_two_columns (self, sides);
    }
  else if (self->mode == ATTEST_READING_SOURCE)
    build_one_column (self, self->page->source_blocks, &sides[1]);
  else
    build_one_column (self, self->page->translated_blocks, &sides[0]);

  paginate_rows (self);
  return self->page_starts->len;
}

/**
 * attest_page_drawing_get_n_pages:
 *
 * Returns: the number of pages of the last attest_page_drawing_paginate(), or
 *   0 before the first
 */
guint
attest_page_drawing_get_n_pages (AttestPageDrawing *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_DRAWING (self), 0);
  return self->page_starts->len;
}

/* ---- drawing ------------------------------------------------------ */

static void
set_color (cairo_t     *cr,
           const Color *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             const Color *color)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The lines of @text whose tops are in [@from, @to) of the row. */
static void
draw_text_lines (cairo_t    *cr,
                 const Text *text,
                 double      from,
                 double      to)
{
  PangoLayoutIter *iter;

  set_color (cr, &text->color);
  iter = pango_layout_get_iter (text->layout);
  do
    {
      int top, bottom;
      double line_top;
      PangoRectangle logical;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      line_top = text->y + pango_units_to_double (top);
      if (line_top < from - EPS)
        continue;
      if (line_top >= to - EPS)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr,
                     text->x + pango_units_to_double (logical.x),
                     text->y + pango_units_to_double (pango_layout_iter_get_baseline (iter)));
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_slice (AttestPageDrawing *self,
            cairo_t           *cr,
            const Slice       *slice)
{
  Row *row = g_ptr_array_index (self->rows, slice->row);
  /* A box that continues the one above reaches up into the gap, unless the
   * row starts the page. */
  double clip_top = slice->from - (slice->from < EPS && !slice->at_top ? row->gap : 0);
  double clip_bottom = slice->to + (slice->to >= row->height - EPS ? 1 : 0);

  cairo_save (cr);
  cairo_translate (cr, 0, self->header_height + slice->y - slice->from);

  cairo_save (cr);
  cairo_rectangle (cr, -self->width, clip_top, 3 * self->width, clip_bottom - clip_top);
  cairo_clip (cr);
  for (guint i = 0; i < row->rects->len; i++)
    {
      Rect *rect = &g_array_index (row->rects, Rect, i);

      if (rect->y + rect->height < clip_top || rect->y > clip_bottom)
        continue;
      set_color (cr, &rect->color);
      cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* Text is never clipped: each line is drawn whole, on one page. */
  for (guint i = 0; i < row->texts->len; i++)
    draw_text_lines (cr, &g_array_index (row->texts, Text, i), slice->from, slice->to);
  cairo_restore (cr);
}

/**
 * attest_page_drawing_draw_page:
 * @cr: its origin at the top left of the printable area, its unit a point
 * @page_nr: from 0, below attest_page_drawing_get_n_pages()
 */
void
attest_page_drawing_draw_page (AttestPageDrawing *self,
                               cairo_t           *cr,
                               guint              page_nr)
{
  guint n_pages, first, last;
  g_autoptr(PangoLayout) number = NULL;
  g_autofree char *number_text = NULL;
  int number_width;
  double line_y;

  g_return_if_fail (ATTEST_IS_PAGE_DRAWING (self));
  g_return_if_fail (cr != NULL);
  n_pages = self->page_starts->len;
  g_return_if_fail (page_nr < n_pages);

  first = g_array_index (self->page_starts, guint, page_nr);
  last = page_nr + 1 < n_pages ? g_array_index (self->page_starts, guint, page_nr + 1) : self->slices->len;

  cairo_save (cr);

  /* The header: title at the left, page number at the right, a rule under. */
  number_text = g_strdup_printf (/* Translators: in the header of every printed page: page 2 of 7 */
                                 ngettext ("Page %u of %u", "Page %u of %u", n_pages),
                                 page_nr + 1, n_pages);
  number = pango_layout_new (self->context);
  pango_layout_set_font_description (number, self->small_font);
  pango_layout_set_text (number, number_text, -1);
  pango_layout_get_size (number, &number_width, NULL);
  pango_layout_set_width (self->title_layout,
                          MAX (pango_units_from_double (self->width - 12) - number_width, 1));
  show_layout (cr, self->title_layout, 0, 0, &dim);
  show_layout (cr, number, self->width - pango_units_to_double (number_width), 0, &dim);
  line_y = layout_height (self->title_layout) + 4;
  set_color (cr, &rule_color);
  cairo_rectangle (cr, 0, line_y, self->width, HAIRLINE);
  cairo_fill (cr);

  if (self->two_columns)
    {
      double column_y = line_y + HAIRLINE + 12;
      double under = column_y + layout_height (self->column_layouts[0]) + 3;
      double bottom = self->header_height;

      for (guint s = 0; s < 2; s++)
        {
          double x = s * (self->column_width + GUTTER);

          show_layout (cr, self->column_layouts[s], x, column_y, &dim);
          set_color (cr, &rule_color);
          cairo_rectangle (cr, x, under, self->column_width, HAIRLINE);
          cairo_fill (cr);
        }
      /* A rule down the gutter, as far as the text goes. */
      for (guint i = first; i < last; i++)
        {
          Slice *slice = &g_array_index (self->slices, Slice, i);

          bottom = MAX (bottom, self->header_height + slice->y + slice->to - slice->from);
        }
      set_color (cr, &rule_color);
      cairo_rectangle (cr, self->column_width + (GUTTER - HAIRLINE) / 2, under, HAIRLINE, bottom - under);
      cairo_fill (cr);
    }

  if (self->footer_layout != NULL)
    show_layout (cr, self->footer_layout, 0, self->height - layout_height (self->footer_layout), &dim);

  for (guint i = first; i < last; i++)
    draw_slice (self, cr, &g_array_index (self->slices, Slice, i));

  cairo_restore (cr);
}

/* ---- PDF ---------------------------------------------------------- */

typedef struct {
  GOutputStream *out;
  GError *error;
} PdfSink;

static cairo_status_t
write_pdf (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * attest_page_drawing_export_pdf:
 * @path: the PDF to write; an existing file is replaced only once the new
 *   one is complete
 *
 * A4 pages with margins, laid out and drawn as for print.
 *
 * Returns: %FALSE with @error set (naming the file and the reason)
 */
gboolean
attest_page_drawing_export_pdf (AttestPageDrawing  *self,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  PdfSink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_font_options_t *options;
  cairo_status_t status;
  guint n_pages;

  g_return_val_if_fail (ATTEST_IS_PAGE_DRAWING (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (out == NULL)
    {
      /* Translators: the first %s is a file name, the second the reason */
      g_set_error (error, G_IO_ERROR, local_error->code, _("Cannot write “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  sink.out = G_OUTPUT_STREAM (out);

  surface = cairo_pdf_surface_create_for_stream (write_pdf, &sink, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Attest");
  cr = cairo_create (surface);

  /* As GtkPrintContext makes it: a point a unit, no metric hinting. */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  n_pages = attest_page_drawing_paginate (self, context, A4_WIDTH - 2 * PDF_MARGIN, A4_HEIGHT - 2 * PDF_MARGIN);
  for (guint i = 0; i < n_pages && sink.error == NULL; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
      attest_page_drawing_draw_page (self, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* A cancelled close leaves any file that was there as it was. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
      if (sink.error != NULL)
        g_set_error (error, G_IO_ERROR, sink.error->code, _("Cannot write “%s”: %s"), display, sink.error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), display,
                     cairo_status_to_string (status));
      g_clear_error (&sink.error);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, local_error->code, _("Cannot write “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- object ------------------------------------------------------- */

static void
attest_page_drawing_finalize (GObject *object)
{
  AttestPageDrawing *self = ATTEST_PAGE_DRAWING (object);

  clear_layout (self);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->slices);
  g_array_unref (self->page_starts);
  g_clear_object (&self->context);
  g_clear_pointer (&self->page, attest_page_unref);
  g_clear_pointer (&self->body_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->mono_font, pango_font_description_free);
  g_free (self->title);
  g_free (self->footer);

  G_OBJECT_CLASS (attest_page_drawing_parent_class)->finalize (object);
}

static void
attest_page_drawing_class_init (AttestPageDrawingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_page_drawing_finalize;
}

static void
attest_page_drawing_init (AttestPageDrawing *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  self->body_font = pango_font_description_from_string (BODY_FAMILY);
  pango_font_description_set_size (self->body_font, (int) (BODY_SIZE * PANGO_SCALE));
  self->small_font = pango_font_description_copy (self->body_font);
  pango_font_description_set_size (self->small_font, (int) (SMALL_SIZE * PANGO_SCALE));
  self->mono_font = pango_font_description_from_string (MONO_FAMILY);
  pango_font_description_set_size (self->mono_font, (int) (CODE_SIZE * PANGO_SCALE));
}

/**
 * attest_page_drawing_new:
 * @mode: side by side prints two columns for a bilingual page, one otherwise
 * @title: (nullable): the header line of every page, e.g. "SOC · fr-FR ·
 *   2020-02-01"; the page's title when %NULL
 * @footer: (nullable): a line at the foot of every page
 *
 * Returns: (transfer full): a drawing to paginate, then draw
 */
AttestPageDrawing *
attest_page_drawing_new (AttestPage        *page,
                         AttestReadingMode  mode,
                         const char        *title,
                         const char        *footer)
{
  AttestPageDrawing *self;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (mode <= ATTEST_READING_SIDE_BY_SIDE, NULL);

  self = g_object_new (ATTEST_TYPE_PAGE_DRAWING, NULL);
  self->page = attest_page_ref (page);
  self->mode = mode;
  self->title = g_strdup (title != NULL ? title : attest_page_get_title (page));
  self->footer = g_strdup (footer);
  return self;
}
