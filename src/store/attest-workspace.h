/* attest-workspace.h: one SQLite file holding the catalog and the analyst's work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "attest-store-error.h"

G_BEGIN_DECLS

/* The schema this build writes (PRAGMA user_version); it reads 1 … this. */
#define ATTEST_WORKSPACE_SCHEMA_VERSION 13

#define ATTEST_TYPE_WORKSPACE (attest_workspace_get_type ())

G_DECLARE_FINAL_TYPE (AttestWorkspace, attest_workspace, ATTEST, WORKSPACE, GObject)

AttestWorkspace *attest_workspace_open             (const char       *path,
                                                    GError          **error);
const char      *attest_workspace_get_path         (AttestWorkspace  *self);
gboolean         attest_workspace_was_created      (AttestWorkspace  *self);
const char      *attest_workspace_get_backup_path  (AttestWorkspace  *self);
gboolean         attest_workspace_is_read_only     (AttestWorkspace  *self);
gint64           attest_workspace_get_data_version (AttestWorkspace  *self);
gint64           attest_workspace_count_frameworks (AttestWorkspace  *self,
                                                    GError          **error);
gboolean         attest_workspace_save_copy        (AttestWorkspace  *self,
                                                    const char       *dest_path,
                                                    GError          **error);
char            *attest_workspace_get_ui_state     (AttestWorkspace  *self,
                                                    const char       *key);
gboolean         attest_workspace_set_ui_state     (AttestWorkspace  *self,
                                                    const char       *key,
                                                    const char       *value,
                                                    GError          **error);

gboolean         attest_workspace_check_integrity  (AttestWorkspace  *self,
                                                    GPtrArray        *problems,
                                                    GError          **error);
gboolean         attest_workspace_verify           (AttestWorkspace  *self,
                                                    GPtrArray        *problems,
                                                    char            **fingerprint,
                                                    GError          **error);
gboolean         attest_workspace_verify_expecting (AttestWorkspace  *self,
                                                    const char       *expected_fingerprint,
                                                    GPtrArray        *problems,
                                                    char            **fingerprint,
                                                    gint64           *n_rows,
                                                    GError          **error);
void             attest_workspace_set_reviewer     (AttestWorkspace  *self,
                                                    const char       *reviewer);
const char      *attest_workspace_get_reviewer     (AttestWorkspace  *self);
const char      *attest_workspace_get_named_reviewer (AttestWorkspace *self);

G_END_DECLS
