/* attest-test-corpus.h: where the shared corpus is, for the tests that use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *attest_test_find_corpus      (void);
char *attest_test_corpus_dir       (void);
void  attest_test_collect_markdown (const char *dir,
                                    gboolean    offering_only,
                                    GPtrArray  *out);

GPtrArray *attest_test_corpus_pages        (gboolean    offering_only);
char      *attest_test_corpus_largest_page (gboolean    offering_only);

G_END_DECLS
