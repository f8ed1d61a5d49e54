/* attest-pdf-marks.h: an evidence PDF's annotations: listed, made, edited, deleted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-annotation-editor.h"
#include "attest-pdf-view.h"
#include "attest-workspace-annotations.h"

G_BEGIN_DECLS

/* Names a cell for its checklist items ("SOC 2 × Intune"): the window's
 * matrix knows the names. Returns a new string, or NULL. */
typedef char *(*AttestPdfCellNamer) (const char *scope_id,
                                     const char *service_id,
                                     gpointer    data);

#define ATTEST_TYPE_PDF_MARKS (attest_pdf_marks_get_type ())
G_DECLARE_FINAL_TYPE (AttestPdfMarks, attest_pdf_marks, ATTEST, PDF_MARKS, GtkWidget)

guint        attest_pdf_mark_palette_size   (void);
const char  *attest_pdf_mark_palette_color  (guint              index);
const char  *attest_pdf_mark_palette_name   (guint              index);
char        *attest_pdf_mark_color_name     (const char        *color);

GtkWidget   *attest_pdf_marks_new           (AttestPdfView     *view);
void         attest_pdf_marks_set_source    (AttestPdfMarks    *self,
                                             AttestWorkspace   *workspace,
                                             const char        *sha256,
                                             const char        *display_name,
                                             AttestPdfCellNamer namer,
                                             gpointer           namer_data);
void         attest_pdf_marks_set_display_name (AttestPdfMarks *self,
                                             const char        *display_name);
AttestWorkspace *attest_pdf_marks_get_workspace (AttestPdfMarks *self);
const char  *attest_pdf_marks_get_sha256    (AttestPdfMarks    *self);
void         attest_pdf_marks_reload        (AttestPdfMarks    *self);
gint64       attest_pdf_marks_add           (AttestPdfMarks    *self,
                                             AttestAnnotationKind kind,
                                             guint              page,
                                             GArray            *rects,
                                             const char        *color);
gint64       attest_pdf_marks_add_highlights (AttestPdfMarks   *self,
                                             guint              first_page,
                                             GPtrArray         *rects,
                                             const char        *color);
gboolean     attest_pdf_marks_show          (AttestPdfMarks    *self,
                                             gint64             id);
void         attest_pdf_marks_show_when_loaded (AttestPdfMarks *self,
                                             gint64             id);
AttestAnnotationEditor *attest_pdf_marks_edit (AttestPdfMarks *self,
                                             gint64             id);
gboolean     attest_pdf_marks_delete        (AttestPdfMarks    *self,
                                             gint64             id);
AdwToast    *attest_pdf_marks_get_undo_toast (AttestPdfMarks   *self);
GtkListBox  *attest_pdf_marks_get_list      (AttestPdfMarks    *self);
guint        attest_pdf_marks_get_n_shown   (AttestPdfMarks    *self);
void         attest_pdf_marks_set_filter    (AttestPdfMarks    *self,
                                             const char        *text,
                                             const char        *color,
                                             gint64             item_id);
void         attest_pdf_marks_save_copy     (AttestPdfMarks    *self);
void         attest_pdf_marks_save_copy_to  (AttestPdfMarks    *self,
                                             GFile             *file);
gboolean     attest_pdf_marks_get_saving    (AttestPdfMarks    *self);

G_END_DECLS
