/* attest-xlsx-book.h: an XLSX workbook through libxlsxwriter, and its tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every sheet Attest writes into a workbook shares: the header and
 * fill formats, text clipped to what a cell takes, widths measured in
 * characters (a wide CJK character counts two), and one kind of sheet, a
 * table whose header row is frozen and filterable (the matrix's evidence
 * list; the gap report's rows). The first error libxlsxwriter reports is
 * kept and returned by attest_xlsx_book_close(): the writers go on without
 * testing each call.
 */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

typedef struct _AttestXlsxBook AttestXlsxBook;

typedef enum {
  ATTEST_XLSX_TEXT,
  ATTEST_XLSX_NUMBER,   /* an integer written as a number; empty when not one */
  ATTEST_XLSX_DATE,     /* YYYY-MM-DD written as a date; as text when not one */
} AttestXlsxKind;

typedef struct {
  const char *title;    /* the header, translated */
  AttestXlsxKind kind;
  double min_width;     /* characters; the contents widen it up to max_width */
  double max_width;
} AttestXlsxColumn;

/* The widest column Attest makes, in characters. */
#define ATTEST_XLSX_MAX_WIDTH 60.0

AttestXlsxBook *attest_xlsx_book_new          (const char             *path,
                                               const char             *title,
                                               const char             *author,
                                               const char             *comments);
gboolean        attest_xlsx_book_close        (AttestXlsxBook         *book,
                                               GError                **error);
void            attest_xlsx_book_free         (AttestXlsxBook         *book);

lxw_worksheet  *attest_xlsx_book_add_sheet    (AttestXlsxBook         *book,
                                               const char             *name);
lxw_format     *attest_xlsx_book_header_format (AttestXlsxBook        *book);
lxw_format     *attest_xlsx_book_text_format  (AttestXlsxBook         *book);
lxw_format     *attest_xlsx_book_wrap_format  (AttestXlsxBook         *book);
lxw_format     *attest_xlsx_book_fill_format  (AttestXlsxBook         *book,
                                               guint32                 rgb,
                                               gboolean                light_text);
void            attest_xlsx_book_check        (AttestXlsxBook         *book,
                                               lxw_error               status);
void            attest_xlsx_book_put_text     (AttestXlsxBook         *book,
                                               lxw_worksheet          *sheet,
                                               guint                   row,
                                               guint                   col,
                                               const char             *text,
                                               lxw_format             *format);
lxw_worksheet  *attest_xlsx_book_add_table    (AttestXlsxBook         *book,
                                               const char             *sheet_name,
                                               const AttestXlsxColumn *columns,
                                               guint                   n_columns,
                                               GPtrArray              *rows);

double          attest_xlsx_text_width        (const char             *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestXlsxBook, attest_xlsx_book_free)

G_END_DECLS
