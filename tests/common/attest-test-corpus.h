/* attest-test-corpus.h: where the shared corpus is, for the tests that use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *attest_test_corpus_dir (void);

G_END_DECLS
