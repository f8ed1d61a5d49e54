/* attest-paths.h: where Attest keeps and finds its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *attest_paths_default_workspace (void);
const char *attest_paths_data_dir          (void);
char       *attest_paths_bundled_offerings (void);
const char *attest_paths_locale_dir        (void);
char       *attest_paths_display_name      (const char *workspace_path);
void        attest_paths_init_i18n         (void);

G_END_DECLS
