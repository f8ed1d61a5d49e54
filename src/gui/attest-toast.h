/* attest-toast.h: every toast of Attest, shown one at a time per overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void     attest_toast_show         (AdwToastOverlay *overlay,
                                    AdwToast        *toast);
void     attest_toast_dismiss      (AdwToastOverlay *overlay,
                                    AdwToast        *toast);
gboolean attest_toast_is_shown     (AdwToastOverlay *overlay,
                                    AdwToast        *toast);
guint    attest_toast_get_n_waiting (AdwToastOverlay *overlay);

G_END_DECLS
