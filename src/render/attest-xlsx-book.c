/* attest-xlsx-book.c: an XLSX workbook through libxlsxwriter, and its tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxlsxwriter builds the workbook in memory and in temporary files and
 * writes @path only in workbook_close(): the callers hand it a hidden name
 * beside the target and rename that on success (attest-cli-export.c,
 * attest-matrix-print.c), so nothing half-written is left under the name
 * chosen.
 */
#define G_LOG_DOMAIN "attest-xlsx-book"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "attest-xlsx-book.h"

/* The most a cell holds (Excel's limit, which libxlsxwriter enforces), in
 * bytes here: at most that many characters too. */
#define CELL_MAX_BYTES 32767
/* Points per line of 11 pt text, the default font. */
#define LINE_HEIGHT 15.0

struct _AttestXlsxBook {
  lxw_workbook *workbook;
  lxw_error status;          /* the first error, LXW_NO_ERROR while none */
  lxw_format *header;
  lxw_format *text;
  lxw_format *wrap;
  lxw_format *number;
  lxw_format *date;
  GHashTable *fills;         /* rgb | light << 24 → lxw_format */
};

/**
 * attest_xlsx_book_new:
 * @path: where attest_xlsx_book_close() writes the workbook
 * @title: @author: @comments: (nullable): the document's properties
 *
 * Returns: (transfer full): a workbook with no sheet yet; never %NULL (a
 *   failure to start is reported by attest_xlsx_book_close())
 */
AttestXlsxBook *
attest_xlsx_book_new (const char *path,
                      const char *title,
                      const char *author,
                      const char *comments)
{
  AttestXlsxBook *book = g_new0 (AttestXlsxBook, 1);
  lxw_doc_properties properties = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  book->fills = g_hash_table_new (g_direct_hash, g_direct_equal);
  book->workbook = workbook_new (path);
  if (book->workbook == NULL)
    {
      book->status = LXW_ERROR_MEMORY_MALLOC_FAILED;
      return book;
    }
  properties.title = (char *) title;
  properties.author = (char *) author;
  properties.comments = (char *) comments;
  attest_xlsx_book_check (book, workbook_set_properties (book->workbook, &properties));

  book->header = workbook_add_format (book->workbook);
  format_set_bold (book->header);
  format_set_text_wrap (book->header);
  format_set_align (book->header, LXW_ALIGN_CENTER);
  format_set_align (book->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_pattern (book->header, LXW_PATTERN_SOLID);
  format_set_bg_color (book->header, 0xE6E6E6);
  format_set_border (book->header, LXW_BORDER_THIN);

  book->text = workbook_add_format (book->workbook);
  format_set_align (book->text, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (book->text, LXW_BORDER_THIN);

  book->wrap = workbook_add_format (book->workbook);
  format_set_align (book->wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (book->wrap, LXW_BORDER_THIN);
  format_set_text_wrap (book->wrap);

  book->number = workbook_add_format (book->workbook);
  format_set_align (book->number, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (book->number, LXW_BORDER_THIN);

  book->date = workbook_add_format (book->workbook);
  format_set_align (book->date, LXW_ALIGN_VERTICAL_TOP);
  format_set_align (book->date, LXW_ALIGN_LEFT);
  format_set_border (book->date, LXW_BORDER_THIN);
  format_set_num_format (book->date, "yyyy-mm-dd");
  return book;
}

/**
 * attest_xlsx_book_check:
 * @status: what a libxlsxwriter call returned
 *
 * Keeps the first error, for attest_xlsx_book_close().
 */
void
attest_xlsx_book_check (AttestXlsxBook *book,
                        lxw_error       status)
{
  if (book->status == LXW_NO_ERROR)
    book->status = status;
}

/**
 * attest_xlsx_book_close:
 *
 * Writes the workbook to its path and frees @book, whatever happens.
 *
 * Returns: %FALSE with @error set when something failed, now or earlier
 *   (then the file may be there, half-written: the caller removes it)
 */
gboolean
attest_xlsx_book_close (AttestXlsxBook  *book,
                        GError         **error)
{
  lxw_error status;

  g_return_val_if_fail (book != NULL, FALSE);

  status = book->status;
  if (book->workbook != NULL)
    {
      lxw_error closed = workbook_close (book->workbook);

      book->workbook = NULL;
      if (status == LXW_NO_ERROR)
        status = closed;
    }
  attest_xlsx_book_free (book);
  if (status != LXW_NO_ERROR)
    {
      /* libxlsxwriter's reasons are English only. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * attest_xlsx_book_free:
 *
 * Frees @book without writing it.
 */
void
attest_xlsx_book_free (AttestXlsxBook *book)
{
  if (book == NULL)
    return;
  /* libxlsxwriter frees a workbook only in workbook_close(), which writes
   * it: a workbook not closed is abandoned to its temporary files. */
  if (book->workbook != NULL)
    lxw_workbook_free (book->workbook);
  g_hash_table_unref (book->fills);
  g_free (book);
}

/**
 * attest_xlsx_book_add_sheet:
 * @name: the sheet's name, translated; a name Excel refuses (over 31
 *   characters, or with []:*?/\) becomes libxlsxwriter's default "SheetN"
 *
 * Returns: (transfer none): the new sheet, or %NULL after a failure
 */
lxw_worksheet *
attest_xlsx_book_add_sheet (AttestXlsxBook *book,
                            const char     *name)
{
  lxw_worksheet *sheet;

  if (book->workbook == NULL)
    return NULL;
  if (name != NULL && workbook_validate_sheet_name (book->workbook, name) != LXW_NO_ERROR)
    name = NULL;
  sheet = workbook_add_worksheet (book->workbook, name);
  if (sheet == NULL)
    attest_xlsx_book_check (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
  return sheet;
}

/* Bold, centred, wrapped, on light grey, with a thin border. */
lxw_format *
attest_xlsx_book_header_format (AttestXlsxBook *book)
{
  return book->header;
}

/* Plain text with a thin border. */
lxw_format *
attest_xlsx_book_text_format (AttestXlsxBook *book)
{
  return book->text;
}

/* Text wrapped at the column's width (and at its newlines), with a thin border. */
lxw_format *
attest_xlsx_book_wrap_format (AttestXlsxBook *book)
{
  return book->wrap;
}

/**
 * attest_xlsx_book_fill_format:
 * @rgb: the fill colour, 0xRRGGBB
 * @light_text: white text, for a dark fill
 *
 * Returns: (transfer none): a centred format on that fill, with a thin border
 *   (one per colour: asking twice gives the same)
 */
lxw_format *
attest_xlsx_book_fill_format (AttestXlsxBook *book,
                              guint32         rgb,
                              gboolean        light_text)
{
  guint key = (rgb & 0xFFFFFF) | (light_text ? 1u << 24 : 0);
  lxw_format *format = g_hash_table_lookup (book->fills, GUINT_TO_POINTER (key));

  if (format != NULL || book->workbook == NULL)
    return format;
  format = workbook_add_format (book->workbook);
  format_set_align (format, LXW_ALIGN_CENTER);
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border (format, LXW_BORDER_THIN);
  format_set_pattern (format, LXW_PATTERN_SOLID);
  format_set_bg_color (format, rgb & 0xFFFFFF);
  if (light_text)
    format_set_font_color (format, LXW_COLOR_WHITE);
  g_hash_table_insert (book->fills, GUINT_TO_POINTER (key), format);
  return format;
}

/**
 * attest_xlsx_book_put_text:
 * @text: (nullable): UTF-8; %NULL or "" writes a blank cell with @format
 *
 * Writes @text as a string (never a formula, whatever it starts with),
 * invalid UTF-8 replaced and clipped to what a cell holds.
 */
void
attest_xlsx_book_put_text (AttestXlsxBook *book,
                           lxw_worksheet  *sheet,
                           guint           row,
                           guint           col,
                           const char     *text,
                           lxw_format     *format)
{
  g_autofree char *valid = NULL;

  if (sheet == NULL)
    return;
  if (text == NULL || *text == '\0')
    {
      if (format != NULL)
        attest_xlsx_book_check (book, worksheet_write_blank (sheet, row, col, format));
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  if (strlen (valid) > CELL_MAX_BYTES)
    {
      const char *end = valid + CELL_MAX_BYTES;

      while (end > valid && (*end & 0xC0) == 0x80)
        end--;
      valid[end - valid] = '\0';
    }
  attest_xlsx_book_check (book, worksheet_write_string (sheet, row, col, valid, format));
}

/**
 * attest_xlsx_text_width:
 *
 * Returns: how many columns of the default font @text takes on one line, a
 *   wide (CJK) character counting two; its longest line when it has several
 */
double
attest_xlsx_text_width (const char *text)
{
  double width = 0, line = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == '\n')
        {
          width = MAX (width, line);
          line = 0;
          continue;
        }
      line += (c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_iswide (c)) ? 2 : 1;
    }
  return MAX (width, line);
}

static gboolean
parse_date (const char   *text,
            lxw_datetime *date)
{
  unsigned year, month, day;
  char end;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  *date = (lxw_datetime) { .year = year, .month = month, .day = day };
  return TRUE;
}

static void
put_cell (AttestXlsxBook *book,
          lxw_worksheet  *sheet,
          guint           row,
          guint           col,
          AttestXlsxKind  kind,
          const char     *text)
{
  lxw_datetime date;
  gint64 number;

  if (kind == ATTEST_XLSX_NUMBER && text != NULL && *text != '\0'
      && g_ascii_string_to_signed (text, 10, -999999999, 999999999, &number, NULL))
    attest_xlsx_book_check (book, worksheet_write_number (sheet, row, col, number, book->number));
  else if (kind == ATTEST_XLSX_DATE && parse_date (text, &date))
    attest_xlsx_book_check (book, worksheet_write_datetime (sheet, row, col, &date, book->date));
  else
    attest_xlsx_book_put_text (book, sheet, row, col, text, book->text);
}

/**
 * attest_xlsx_book_add_table:
 * @sheet_name: the sheet's name, translated
 * @columns: (array length=n_columns): the columns' headers and kinds
 * @rows: (element-type utf8*): each an array of @n_columns strings, any
 *   of them %NULL for a blank cell
 *
 * A sheet holding one table: the header row frozen and filterable, each
 * column as wide as its header and contents within the column's bounds.
 *
 * Returns: (transfer none): the sheet, for whatever the caller adds below
 *   the table (from row @rows->len + 2); %NULL after a failure
 */
lxw_worksheet *
attest_xlsx_book_add_table (AttestXlsxBook         *book,
                            const char             *sheet_name,
                            const AttestXlsxColumn *columns,
                            guint                   n_columns,
                            GPtrArray              *rows)
{
  lxw_worksheet *sheet;
  double header_lines = 1;

  g_return_val_if_fail (n_columns > 0, NULL);

  sheet = attest_xlsx_book_add_sheet (book, sheet_name);
  if (sheet == NULL)
    return NULL;
  for (guint c = 0; c < n_columns; c++)
    {
      const AttestXlsxColumn *column = &columns[c];
      double max = column->max_width > 0 ? column->max_width : ATTEST_XLSX_MAX_WIDTH;
      double width = MAX (column->min_width, 8.0);
      double title = attest_xlsx_text_width (column->title);

      attest_xlsx_book_put_text (book, sheet, 0, c, column->title, book->header);
      for (guint r = 0; r < rows->len; r++)
        {
          const char * const *row = rows->pdata[r];
          double w = column->kind == ATTEST_XLSX_DATE ? 10.0 : attest_xlsx_text_width (row[c]);

          width = MAX (width, w + 1);
          put_cell (book, sheet, r + 1, c, column->kind, row[c]);
        }
      /* The header wraps rather than widens the column past its contents. */
      width = MIN (MAX (width, MIN (title + 2, 2 * width)), max);
      for (double lines = 1; lines <= 4; lines++)
        if (title <= lines * (width - 1) || lines == 4)
          {
            header_lines = MAX (header_lines, lines);
            break;
          }
      attest_xlsx_book_check (book, worksheet_set_column (sheet, c, c, width, NULL));
    }
  attest_xlsx_book_check (book, worksheet_set_row (sheet, 0, LINE_HEIGHT * header_lines, NULL));
  worksheet_freeze_panes (sheet, 1, 0);
  attest_xlsx_book_check (book, worksheet_autofilter (sheet, 0, 0, rows->len, n_columns - 1));
  return sheet;
}
