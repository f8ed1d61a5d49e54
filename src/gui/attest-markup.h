/* attest-markup.h: plain text into the widgets that read Pango markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char     *attest_markup_escape                    (const char    *text);
AdwToast *attest_toast_new_plain                  (const char    *title);
void      attest_status_page_set_plain_description (AdwStatusPage *page,
                                                    const char    *description);
void      attest_preferences_group_set_plain_description (AdwPreferencesGroup *group,
                                                          const char          *description);

G_END_DECLS
