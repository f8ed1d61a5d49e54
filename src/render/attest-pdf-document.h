/* attest-pdf-document.h: a PDF opened once, read from any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_PDF_ERROR (attest_pdf_error_quark ())

typedef enum {
  ATTEST_PDF_ERROR_NEEDS_PASSWORD, /* encrypted, and no password was given */
  ATTEST_PDF_ERROR_WRONG_PASSWORD, /* encrypted, and the password given does not open it */
  ATTEST_PDF_ERROR_NOT_PDF,        /* no %PDF- header: an HTML page, an image… */
  ATTEST_PDF_ERROR_DAMAGED,        /* a PDF poppler cannot open; the message says why */
  ATTEST_PDF_ERROR_PAGE,           /* one page cannot be read or rendered */
} AttestPdfError;

GQuark attest_pdf_error_quark (void);

/* Points (1/72 inch), the origin at the page's top left corner, y down:
 * the coordinates of everything below except a surface's pixels. */
typedef struct {
  double x1;
  double y1;
  double x2;
  double y2;
} AttestPdfRect;

typedef struct {
  char *title;
  guint depth;   /* 0 for a top-level entry */
  gint page;     /* target page index, -1 when the entry goes nowhere in the file */
  double y;      /* target y in points from the page's top, -1 when unknown */
  char *uri;     /* an entry that opens a URI instead, or NULL */
} AttestPdfOutlineItem;

typedef enum {
  ATTEST_PDF_LINK_PAGE, /* page and y inside this document */
  ATTEST_PDF_LINK_URI,  /* uri: show it before opening it */
} AttestPdfLinkKind;

typedef struct {
  AttestPdfRect area;
  AttestPdfLinkKind kind;
  gint page;     /* ATTEST_PDF_LINK_PAGE: target page index */
  double y;      /* ATTEST_PDF_LINK_PAGE: target y from the top, -1 when unknown */
  char *uri;     /* ATTEST_PDF_LINK_URI */
} AttestPdfLink;

typedef enum {
  ATTEST_PDF_SELECT_GLYPH, /* a drag */
  ATTEST_PDF_SELECT_WORD,  /* a double click */
  ATTEST_PDF_SELECT_LINE,  /* a triple click */
} AttestPdfSelectStyle;

#define ATTEST_TYPE_PDF_DOCUMENT (attest_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (AttestPdfDocument, attest_pdf_document, ATTEST, PDF_DOCUMENT, GObject)

/* Opening. Blocking: parse a large file in a thread (the _async forms). */
AttestPdfDocument *attest_pdf_document_new_from_bytes  (GBytes               *bytes,
                                                        const char           *password,
                                                        const char           *display_name,
                                                        GError              **error);
AttestPdfDocument *attest_pdf_document_new_from_file   (GFile                *file,
                                                        const char           *password,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void               attest_pdf_document_open_async      (GBytes               *bytes,
                                                        const char           *password,
                                                        const char           *display_name,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
AttestPdfDocument *attest_pdf_document_open_finish     (GAsyncResult         *result,
                                                        GError              **error);

/* The whole document. Sizes and labels are read once when it opens. */
const char        *attest_pdf_document_get_display_name (AttestPdfDocument  *self);
GBytes            *attest_pdf_document_get_bytes       (AttestPdfDocument    *self);
char              *attest_pdf_document_get_title       (AttestPdfDocument    *self);
guint              attest_pdf_document_get_n_pages     (AttestPdfDocument    *self);
gboolean           attest_pdf_document_get_page_size   (AttestPdfDocument    *self,
                                                        guint                 page,
                                                        double               *width,
                                                        double               *height);
void               attest_pdf_document_get_max_page_size (AttestPdfDocument  *self,
                                                        double               *width,
                                                        double               *height);
void               attest_pdf_document_get_pixel_size  (AttestPdfDocument    *self,
                                                        guint                 page,
                                                        double                scale,
                                                        int                  *width,
                                                        int                  *height);
gboolean           attest_pdf_document_has_page_labels (AttestPdfDocument    *self);
const char        *attest_pdf_document_get_page_label  (AttestPdfDocument    *self,
                                                        guint                 page);
gboolean           attest_pdf_document_find_page_label (AttestPdfDocument    *self,
                                                        const char           *label,
                                                        guint                *page);
GPtrArray         *attest_pdf_document_get_outline     (AttestPdfDocument    *self);

/* One page. Each takes the document's lock: call from any thread. */
GPtrArray         *attest_pdf_document_get_links       (AttestPdfDocument    *self,
                                                        guint                 page);
char              *attest_pdf_document_get_page_text   (AttestPdfDocument    *self,
                                                        guint                 page);
GArray            *attest_pdf_document_find_on_page    (AttestPdfDocument    *self,
                                                        guint                 page,
                                                        const char           *text);
char              *attest_pdf_document_get_selected_text (AttestPdfDocument  *self,
                                                        guint                 page,
                                                        AttestPdfSelectStyle  style,
                                                        const AttestPdfRect  *area);
cairo_region_t    *attest_pdf_document_get_selected_region (AttestPdfDocument *self,
                                                        guint                 page,
                                                        double                scale,
                                                        AttestPdfSelectStyle  style,
                                                        const AttestPdfRect  *area);
cairo_surface_t   *attest_pdf_document_render_page     (AttestPdfDocument    *self,
                                                        guint                 page,
                                                        double                scale,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
gboolean           attest_pdf_document_render_for_printing (AttestPdfDocument *self,
                                                        guint                 page,
                                                        cairo_t              *cr,
                                                        GError              **error);

void               attest_pdf_outline_item_free        (AttestPdfOutlineItem *item);
void               attest_pdf_link_free                (AttestPdfLink        *link);

G_END_DECLS
