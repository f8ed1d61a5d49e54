/* attest-unshown.h: what is not on screen is not read by a screen reader either
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void attest_unshown_follow_stack (GtkStack *stack);
void attest_unshown_follow_flap  (AdwFlap  *flap);

G_END_DECLS
