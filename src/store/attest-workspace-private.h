/* attest-workspace-private.h: for the store's own files only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

sqlite3      *_attest_workspace_get_db    (AttestWorkspace  *self);
gboolean      _attest_workspace_exec      (AttestWorkspace  *self,
                                           const char       *sql,
                                           GError          **error);
sqlite3_stmt *_attest_workspace_prepare   (AttestWorkspace  *self,
                                           const char       *sql,
                                           GError          **error);
sqlite3_stmt *_attest_workspace_prepare_kept (AttestWorkspace  *self,
                                              const char       *sql,
                                              GError          **error);
void          _attest_workspace_done      (sqlite3_stmt     *stmt);
void          _attest_workspace_set_error (AttestWorkspace  *self,
                                           GError          **error,
                                           int               rc,
                                           const char       *what);
void          _attest_workspace_set_read_only_error (AttestWorkspace  *self,
                                                     GError          **error);
gboolean      _attest_workspace_begin     (AttestWorkspace  *self,
                                           GError          **error);
gboolean      _attest_workspace_commit    (AttestWorkspace  *self,
                                           GError          **error);
void          _attest_workspace_rollback  (AttestWorkspace  *self);
gboolean      _attest_workspace_batch_begin (AttestWorkspace  *self,
                                             GError          **error);
gboolean      _attest_workspace_in_batch  (AttestWorkspace  *self);
gboolean      _attest_workspace_batch_commit (AttestWorkspace  *self,
                                              GError          **error);
gboolean      _attest_workspace_set_bulk  (AttestWorkspace  *self,
                                           gboolean          bulk,
                                           GError          **error);

char         *_attest_workspace_query_text (AttestWorkspace *self,
                                           const char      *sql,
                                           ...);

gboolean      _attest_workspace_rekey_service_names (AttestWorkspace  *self,
                                                     GError          **error);

/* attest-workspace-catalog.c: for the gap report (attest-gap.c) */
AttestMatrix *_attest_workspace_load_gap_matrix (AttestWorkspace  *self,
                                                 const char       *today,
                                                 GError          **error);
/* attest-workspace-checklist.c: a cell's template items, as
 * attest_workspace_get_checklist() gives a never-edited cell of a row no
 * service was merged into */
GPtrArray    *_attest_workspace_checklist_template (AttestWorkspace *self,
                                                    const char      *scope_id,
                                                    const char      *service_id);

/* A text column, or NULL for SQL NULL. */
static inline const char *
_attest_column_text (sqlite3_stmt *stmt,
                     int           i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text (stmt, i);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
