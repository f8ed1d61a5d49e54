/* attest-test-pdf.h: a PDF's text read back with poppler, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *attest_test_pdf_text (const char *path,
                            int        *n_pages);

G_END_DECLS
