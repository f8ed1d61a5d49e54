/* attest-test-window.h: the real application run on a workspace until a check of its window passes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-application.h"
#include "attest-pdf-view.h"
#include "attest-window.h"

G_BEGIN_DECLS

/* Returns FALSE while the window is not there yet (polled again). */
typedef gboolean (*AttestTestWindowCheck) (AttestApplication *app,
                                           AttestWindow      *window);

void attest_test_run_window (const char * const    *argv,
                             AttestTestWindowCheck  check,
                             const int             *step,
                             guint                  patience_s);

gboolean attest_test_window_matrix_shown (AttestWindow *window);
gboolean attest_test_window_page_shown   (AttestWindow *window);
void     attest_test_window_go_back      (AttestWindow *window,
                                          const char   *child);
void     attest_test_window_copy_saved   (AttestWindow *window,
                                          gboolean      saved,
                                          int          *result);

void     attest_test_pdf_view_drag       (AttestPdfView *view,
                                          guint          page1,
                                          double         x1,
                                          double         y1,
                                          guint          page2,
                                          double         x2,
                                          double         y2);

G_END_DECLS
