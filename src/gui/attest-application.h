/* attest-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_APPLICATION (attest_application_get_type ())

G_DECLARE_FINAL_TYPE (AttestApplication, attest_application, ATTEST, APPLICATION, AdwApplication)

AttestApplication *attest_application_new          (const char        *application_id,
                                                    GApplicationFlags  flags);
GSettings         *attest_application_get_settings (AttestApplication *self);
char              *attest_application_check_settings_schema (void);
void               attest_application_hold_task    (GTask             *task);

G_END_DECLS
