/* attest-workspace-catalog.h: offering pages into the workspace, the matrix out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-matrix.h"
#include "attest-offering.h"
#include "attest-service-table.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

/* What a re-import changed in one scope (the scope-change report). */
typedef struct {
  char *scope_id;
  GPtrArray *added;    /* char *, service names */
  GPtrArray *removed;  /* char *, service names: flagged "no longer in scope" */
  GPtrArray *renamed;  /* char *, "old name → new name": same service, named anew by the page */
} AttestScopeChange;

typedef struct {
  gboolean unchanged;  /* these bytes were imported before: nothing to do */
  char *framework_id;
  gboolean newer_variant; /* the framework had variants before this one */
  GPtrArray *changes;  /* AttestScopeChange, scopes whose coverage changed */
  char *file_name;     /* the page's file name */
  gint64 variant_id;   /* the version recorded (0 when unchanged) */
  gboolean undated;    /* no date of its own and none given */
  gboolean kept_older; /* undated: kept below the stored versions it would have superseded */
} AttestImportOutcome;

void          attest_import_outcome_free        (AttestImportOutcome  *outcome);
gboolean      attest_workspace_import_offering  (AttestWorkspace      *self,
                                                 AttestOffering       *offering,
                                                 AttestServiceTable   *names,
                                                 AttestImportOutcome **outcome,
                                                 GError              **error);
AttestMatrix *attest_workspace_load_matrix      (AttestWorkspace      *self,
                                                 GError              **error);
GBytes       *attest_workspace_get_variant_page (AttestWorkspace      *self,
                                                 const char           *framework_id,
                                                 const char           *locale,
                                                 char                **file_name,
                                                 GError              **error);

GBytes       *attest_workspace_get_variant_page_by_id (AttestWorkspace *self,
                                                 const char           *framework_id,
                                                 gint64                variant_id,
                                                 char                **file_name,
                                                 GError              **error);

gboolean      attest_workspace_set_variant_date (AttestWorkspace      *self,
                                                 gint64                variant_id,
                                                 const char           *date,
                                                 gboolean              make_current,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestImportOutcome, attest_import_outcome_free)

G_END_DECLS
