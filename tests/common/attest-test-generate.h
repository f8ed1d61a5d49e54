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

G_END_DECLS
