/* attest-test-home.h: a private home for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void attest_test_use_private_home (void);

G_END_DECLS
