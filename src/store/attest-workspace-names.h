/* attest-workspace-names.h: what to call the things a workspace holds
 *
 * History rows, note targets and search results name things by id
 * ("cell:soc/soc-2:intune", a SHA-256). This turns ids into the names an
 * analyst reads ("SOC 2 × Intune", "report.pdf"), looking each id up once.
 * An id the workspace no longer knows is shown as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

typedef struct _AttestWorkspaceNames AttestWorkspaceNames;

AttestWorkspaceNames *attest_workspace_names_new       (AttestWorkspace      *workspace);
void                  attest_workspace_names_free      (AttestWorkspaceNames *names);

const char           *attest_workspace_names_framework (AttestWorkspaceNames *names,
                                                        const char           *framework_id);
const char           *attest_workspace_names_scope     (AttestWorkspaceNames *names,
                                                        const char           *scope_id);
const char           *attest_workspace_names_service   (AttestWorkspaceNames *names,
                                                        const char           *service_id);
const char           *attest_workspace_names_evidence  (AttestWorkspaceNames *names,
                                                        const char           *sha256);
const char           *attest_workspace_names_section   (AttestWorkspaceNames *names,
                                                        const char           *framework_id,
                                                        const char           *section_key);
char                 *attest_workspace_names_cell      (AttestWorkspaceNames *names,
                                                        const char           *scope_id,
                                                        const char           *service_id,
                                                        guint                 position);
char                 *attest_workspace_names_item      (AttestWorkspaceNames *names,
                                                        gint64                item_id);
char                 *attest_workspace_names_item_title (AttestWorkspaceNames *names,
                                                          gint64                item_id);
char                 *attest_workspace_names_target    (AttestWorkspaceNames *names,
                                                        const char           *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestWorkspaceNames, attest_workspace_names_free)

G_END_DECLS
