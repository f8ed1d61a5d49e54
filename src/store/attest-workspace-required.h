/* attest-workspace-required.h: the scopes the analyst's organisation requires
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

gboolean    attest_workspace_resolve_scope        (AttestWorkspace  *self,
                                                   const char       *framework,
                                                   const char       *scope,
                                                   char            **scope_id,
                                                   GError          **error);
gboolean    attest_workspace_set_required_scope   (AttestWorkspace  *self,
                                                   const char       *scope_id,
                                                   gboolean          required,
                                                   gboolean         *changed,
                                                   GError          **error);
GPtrArray  *attest_workspace_list_required_scopes (AttestWorkspace  *self,
                                                   GError          **error);

G_END_DECLS
