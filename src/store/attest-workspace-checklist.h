/* attest-workspace-checklist.h: the evidence checklist of each in-scope cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  char *scope_id;
  char *service_id;
  guint position;      /* from 1 */
  char *title;
  char *status;        /* not-started, in-progress, satisfied, not-applicable, exception */
  char *owner;         /* "" when nobody */
  char *due;           /* YYYY-MM-DD or NULL */
  GPtrArray *evidence; /* char *, SHA-256 of the files attached */
} AttestChecklistItem;

typedef struct {
  guint total;
  guint satisfied;
  guint not_applicable;
  guint in_progress;
  guint exceptions;
  guint started;       /* items not "not-started" */
} AttestRollup;

void        attest_checklist_item_free          (AttestChecklistItem  *item);
gboolean    attest_checklist_status_is_valid    (const char           *status);
const char *attest_rollup_word                  (const AttestRollup   *rollup,
                                                 gboolean              in_scope);
void        attest_rollup_fill_cell             (const AttestRollup   *rollup,
                                                 gboolean              in_scope,
                                                 AttestMatrixCell     *cell);
gboolean    attest_checklist_item_is_overdue    (const AttestChecklistItem *item,
                                                 const char           *today);
const char *attest_checklist_title_display      (const char           *title);

gboolean    attest_workspace_resolve_cell       (AttestWorkspace      *self,
                                                 const char           *framework,
                                                 const char           *scope,
                                                 const char           *service,
                                                 char                **scope_id,
                                                 char                **service_id,
                                                 GError              **error);
gboolean    attest_workspace_resolve_service    (AttestWorkspace      *self,
                                                 const char           *name,
                                                 char                **service_id,
                                                 GError              **error);
GPtrArray  *attest_workspace_get_checklist      (AttestWorkspace      *self,
                                                 const char           *scope_id,
                                                 const char           *service_id,
                                                 GError              **error);
gboolean    attest_workspace_update_item        (AttestWorkspace      *self,
                                                 gint64                item_id,
                                                 const char           *status,
                                                 const char           *owner,
                                                 const char           *due,
                                                 GError              **error);
gboolean    attest_workspace_cell_rollup        (AttestWorkspace      *self,
                                                 const char           *scope_id,
                                                 const char           *service_id,
                                                 AttestRollup         *rollup,
                                                 GError              **error);
gboolean    attest_workspace_set_my_service     (AttestWorkspace      *self,
                                                 const char           *service_id,
                                                 gboolean              mine,
                                                 GError              **error);
GPtrArray  *attest_workspace_list_my_services   (AttestWorkspace      *self,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestChecklistItem, attest_checklist_item_free)

G_END_DECLS
