/* attest-pdf-page.h: a PDF opened in the centre: its pages, or why not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-pdf-marks.h"
#include "attest-pdf-view.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_PDF_PAGE (attest_pdf_page_get_type ())
G_DECLARE_FINAL_TYPE (AttestPdfPage, attest_pdf_page, ATTEST, PDF_PAGE, GtkWidget)

GtkWidget     *attest_pdf_page_new          (void);
void           attest_pdf_page_load         (AttestPdfPage *self,
                                             GBytes        *bytes,
                                             const char    *display_name,
                                             guint          page);
void           attest_pdf_page_load_evidence (AttestPdfPage *self,
                                             const char    *workspace_path,
                                             const char    *sha256,
                                             const char    *page,
                                             const char    *find);
void           attest_pdf_page_clear        (AttestPdfPage *self);
const char    *attest_pdf_page_get_title    (AttestPdfPage *self);
const char    *attest_pdf_page_get_subtitle (AttestPdfPage *self);
AttestPdfView *attest_pdf_page_get_view     (AttestPdfPage *self);
const char    *attest_pdf_page_get_state    (AttestPdfPage *self);
void           attest_pdf_page_find         (AttestPdfPage *self,
                                             const char    *text);
void           attest_pdf_page_find_words   (AttestPdfPage *self,
                                             const char    *text);
gboolean       attest_pdf_page_get_finding  (AttestPdfPage *self);
guint          attest_pdf_page_get_n_matches (AttestPdfPage *self);
gint           attest_pdf_page_get_current_match (AttestPdfPage *self);
const char    *attest_pdf_page_get_find_status (AttestPdfPage *self);
GtkListView   *attest_pdf_page_get_outline_view (AttestPdfPage *self);
GtkListView   *attest_pdf_page_get_thumbnails (AttestPdfPage *self);
GtkToggleButton *attest_pdf_page_get_find_button (AttestPdfPage *self);
gboolean       attest_pdf_page_activate_outline (AttestPdfPage *self,
                                             guint          position);
void           attest_pdf_page_set_marks_source (AttestPdfPage *self,
                                             AttestWorkspace   *workspace,
                                             const char        *sha256,
                                             AttestPdfCellNamer namer,
                                             gpointer           namer_data);
AttestPdfMarks *attest_pdf_page_get_marks   (AttestPdfPage *self);
gboolean       attest_pdf_page_go_to_label  (AttestPdfPage *self,
                                             const char    *text);

G_END_DECLS
