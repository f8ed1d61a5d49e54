/* attest-workspace-required.c: the scopes the analyst's organisation requires
 *
 * "Required scopes" (DESIGN.md "Model") are analyst data beside "My
 * services": a row of required_scope per scope, each change one transaction
 * and one history row ("required-scopes", add or remove). The gap report
 * (attest-gap.c) sets them against My services.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-required"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-workspace-private.h"
#include "attest-workspace-required.h"

/**
 * attest_workspace_resolve_scope:
 * @framework: (nullable): a framework id the scope must belong to
 * @scope: a scope id ("soc/soc-2") or a scope name ("SOC 2", case-folded)
 * @scope_id: (out): the scope's id
 *
 * S of the CLI contract (DESIGN.md): a scope id, else a scope name, within
 * @framework when given. A name several frameworks' scopes share is an
 * ATTEST_STORE_ERROR_INVALID naming their ids; no match is
 * ATTEST_STORE_ERROR_NOT_FOUND.
 */
gboolean
attest_workspace_resolve_scope (AttestWorkspace  *self,
                                const char       *framework,
                                const char       *scope,
                                char            **scope_id,
                                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sid = NULL;
  g_autofree char *last_framework = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (scope != NULL && scope_id != NULL, FALSE);

  sid = _attest_workspace_query_text (self, "SELECT id FROM scope WHERE id = ?1 AND (?2 IS NULL OR framework_id = ?2)",
                                      scope, framework);
  if (sid != NULL)
    {
      *scope_id = g_steal_pointer (&sid);
      return TRUE;
    }

  /* One scope per framework at most: the first in its page's order. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT framework_id, id FROM scope "
                                    "WHERE lower (name) = lower (?1) AND (?2 IS NULL OR framework_id = ?2) "
                                    "ORDER BY framework_id, sort_order, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  if (framework != NULL)
    sqlite3_bind_text (stmt, 2, framework, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fw = _attest_column_text (stmt, 0);

      if (fw == NULL || _attest_column_text (stmt, 1) == NULL || g_strcmp0 (fw, last_framework) == 0)
        continue;
      g_free (last_framework);
      last_framework = g_strdup (fw);
      g_ptr_array_add (ids, g_strdup (_attest_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }

  if (ids->len == 0)
    {
      if (framework != NULL)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     _("Framework “%s” has no scope “%s” (see attest-cli frameworks)"), framework, scope);
      else
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     _("No scope is called “%s” (see attest-cli frameworks)"), scope);
      return FALSE;
    }
  if (ids->len > 1)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (ids, NULL);
      list = g_strjoinv (", ", (char **)ids->pdata);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” names several scopes: %s (give a scope id)"), scope, list);
      return FALSE;
    }
  *scope_id = g_strdup (ids->pdata[0]);
  return TRUE;
}

static gboolean
set_locked (AttestWorkspace  *self,
            const char       *scope_id,
            gboolean          required,
            gboolean         *changed,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *known = _attest_workspace_query_text (self, "SELECT id FROM scope WHERE id = ?1", scope_id);
  int rc;

  if (known == NULL && required)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("No scope has the id “%s” (see attest-cli frameworks)"), scope_id);
      return FALSE;
    }

  stmt = _attest_workspace_prepare (self,
                                    required ? "INSERT INTO required_scope (scope_id) VALUES (?1) "
                                               "ON CONFLICT DO NOTHING"
                                             : "DELETE FROM required_scope WHERE scope_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  *changed = sqlite3_changes (_attest_workspace_get_db (self)) > 0;
  if (!*changed)
    return TRUE;
  return _attest_history_append (self, "required-scopes", scope_id, required ? "add" : "remove", NULL, NULL, error);
}

/**
 * attest_workspace_set_required_scope:
 * @scope_id: a scope's id
 * @required: whether the organisation requires it
 * @changed: (out) (optional): whether anything changed (adding a required
 *   scope again or removing one not required changes nothing and records
 *   nothing)
 *
 * One transaction and one history row. Adding an unknown scope is
 * ATTEST_STORE_ERROR_NOT_FOUND.
 */
gboolean
attest_workspace_set_required_scope (AttestWorkspace  *self,
                                     const char       *scope_id,
                                     gboolean          required,
                                     gboolean         *changed,
                                     GError          **error)
{
  gboolean did = FALSE;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (scope_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  if (!set_locked (self, scope_id, required, &did, error))
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }
  if (!_attest_workspace_commit (self, error))
    return FALSE;
  if (changed != NULL)
    *changed = did;
  return TRUE;
}

/**
 * attest_workspace_list_required_scopes:
 *
 * Returns: (element-type utf8): the required scopes' ids, sorted
 */
GPtrArray *
attest_workspace_list_required_scopes (AttestWorkspace  *self,
                                       GError          **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self, "SELECT scope_id FROM required_scope WHERE scope_id IS NOT NULL "
                                          "ORDER BY scope_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}
