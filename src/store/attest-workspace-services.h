/* attest-workspace-services.h: the analyst's merges and renames of services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* One service merged into another, for display (History, a "Merged" list). */
typedef struct {
  char *absorbed_id;
  char *absorbed_name;  /* its own name, as it was shown before the merge */
  char *survivor_id;    /* the service it was merged into */
  char *survivor_name;
  char *root_id;        /* the row it shows in now: the survivor, or where that went */
  char *merged_at;      /* ISO 8601, UTC */
} AttestServiceMerge;

void        attest_service_merge_free                 (AttestServiceMerge  *merge);

gboolean    attest_workspace_rename_service           (AttestWorkspace     *self,
                                                       const char          *service_id,
                                                       const char          *new_name,
                                                       GError             **error);
gboolean    attest_workspace_check_service_rename     (AttestWorkspace     *self,
                                                       const char          *service_id,
                                                       const char          *new_name,
                                                       GError             **error);
gboolean    attest_workspace_merge_services           (AttestWorkspace     *self,
                                                       const char          *survivor_id,
                                                       const char          *absorbed_id,
                                                       GError             **error);
gboolean    attest_workspace_unmerge_service          (AttestWorkspace     *self,
                                                       const char          *absorbed_id,
                                                       GError             **error);
GPtrArray  *attest_workspace_list_service_merges      (AttestWorkspace     *self,
                                                       GError             **error);
char       *attest_workspace_get_service_catalog_name (AttestWorkspace     *self,
                                                       const char          *service_id,
                                                       GError             **error);
GPtrArray  *attest_workspace_list_cell_services       (AttestWorkspace     *self,
                                                       const char          *scope_id,
                                                       const char          *service_id,
                                                       GError             **error);

/* For the store's own files: the service whose coverage row (and checklist)
 * a matrix cell shows, or NULL when @service_id addresses its own rows. */
char       *_attest_workspace_cell_owner              (AttestWorkspace     *self,
                                                       const char          *scope_id,
                                                       const char          *service_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestServiceMerge, attest_service_merge_free)

G_END_DECLS
