/* attest-test-generate.h: made-up workspaces for the benchmark and the scale tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* Service and framework names, the common ones first (attest-bench also
 * picks words for its made-up notes from them). */
extern const char * const attest_test_service_names[];
extern const guint attest_test_n_service_names;
extern const char * const attest_test_framework_names[];
extern const guint attest_test_n_framework_names;

gboolean attest_test_generate_matrix (AttestWorkspace  *ws,
                                      guint             n_frameworks,
                                      guint             n_services,
                                      GError          **error);

/* The made-up PDF (attest_test_generate_pdf): A4 pages, the first
 * ATTEST_TEST_PDF_N_ROMAN labelled "i", "ii"…, the rest "1", "2"…; page
 * index ATTEST_TEST_PDF_LANDSCAPE is A4 landscape. Each page says "Page
 * LABEL, sheet N of TOTAL"; every sixth page (0, 6, 12…) holds the word
 * ATTEST_TEST_PDF_NEEDLE once (in capitals on page 0); page 0 holds
 * ATTEST_TEST_PDF_SELECTION as one line with its baseline at y = 300 from
 * x = 72. Page 1 links to ATTEST_TEST_PDF_URI in the area 72,140 200×20;
 * page 40 links back to page 1 (y 300 from the top) from 72,100 200×20,
 * and again through the named destination "sheet2" from 72,140 200×20
 * (cairo 1.16 writes no target for a link to a later page). The outline:
 * "Preface" → 0; "Chapter 1" → 4, with "Section 1.1" → 5 at y 200;
 * "Chapter 2" → 30. */
#define ATTEST_TEST_PDF_N_ROMAN 4
#define ATTEST_TEST_PDF_LANDSCAPE 10
#define ATTEST_TEST_PDF_NEEDLE "needle"
#define ATTEST_TEST_PDF_SELECTION "Selected words to copy"
#define ATTEST_TEST_PDF_URI "https://example.com/backgrounder.pdf"

GBytes *attest_test_generate_pdf (guint n_pages);

G_END_DECLS
