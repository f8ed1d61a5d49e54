/* attest-history.c: the append-only, hash-chained log of every change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-workspace-private.h"

void
attest_history_entry_free (AttestHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->reviewer);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->action);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

/* SHA-256 over the previous hash and every field, each length-prefixed so no
 * two different rows can serialize alike. */
char *
attest_history_compute_hash (const AttestHistoryEntry *e)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *fields[] = { e->prev_hash, e->at, e->reviewer, e->entity, e->entity_id, e->action,
                           e->before, e->after };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *f = fields[i] != NULL ? fields[i] : "";
      g_autofree char *len = g_strdup_printf ("%c%zu:", fields[i] != NULL ? 's' : 'n', strlen (f));
      g_checksum_update (sum, (const guchar *)len, -1);
      g_checksum_update (sum, (const guchar *)f, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static char *
node_to_json (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  return json_to_string (node, FALSE);
}

static char *
head_hash (AttestWorkspace  *self,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, "SELECT hash FROM history ORDER BY id DESC LIMIT 1",
                                                            error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return g_strdup (ATTEST_HISTORY_GENESIS);
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_strdup (_attest_column_text (stmt, 0));
}

gboolean
_attest_history_append (AttestWorkspace  *self,
                        const char       *entity,
                        const char       *entity_id,
                        const char       *action,
                        JsonNode         *before,
                        JsonNode         *after,
                        GError          **error)
{
  g_autoptr(AttestHistoryEntry) e = g_new0 (AttestHistoryEntry, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_assert (!sqlite3_get_autocommit (_attest_workspace_get_db (self)));

  e->prev_hash = head_hash (self, error);
  if (e->prev_hash == NULL)
    return FALSE;
  e->at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  e->reviewer = g_strdup (attest_workspace_get_reviewer (self));
  e->entity = g_strdup (entity);
  e->entity_id = g_strdup (entity_id);
  e->action = g_strdup (action);
  e->before = node_to_json (before);
  e->after = node_to_json (after);
  e->hash = attest_history_compute_hash (e);

  stmt = _attest_workspace_prepare (self,
                                    "INSERT INTO history (at, reviewer, entity, entity_id, action, before, after, "
                                    "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, e->reviewer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, e->entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, e->entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, e->action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, e->before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, e->after, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, e->prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, e->hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  return TRUE;
}

/* The head hash of the history: what reports print as the fingerprint. */
char *
attest_workspace_get_fingerprint (AttestWorkspace  *self,
                                  GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  return head_hash (self, error);
}

GPtrArray *
attest_workspace_list_history (AttestWorkspace  *self,
                               const char       *entity,
                               GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_history_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT id, at, reviewer, entity, entity_id, action, before, after, prev_hash, hash "
                                    "FROM history WHERE ?1 IS NULL OR entity = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestHistoryEntry *e = g_new0 (AttestHistoryEntry, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = g_strdup (_attest_column_text (stmt, 1));
      e->reviewer = g_strdup (_attest_column_text (stmt, 2));
      e->entity = g_strdup (_attest_column_text (stmt, 3));
      e->entity_id = g_strdup (_attest_column_text (stmt, 4));
      e->action = g_strdup (_attest_column_text (stmt, 5));
      e->before = g_strdup (_attest_column_text (stmt, 6));
      e->after = g_strdup (_attest_column_text (stmt, 7));
      e->prev_hash = g_strdup (_attest_column_text (stmt, 8));
      e->hash = g_strdup (_attest_column_text (stmt, 9));
      g_ptr_array_add (rows, e);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * attest_workspace_verify_history:
 * @problems: (element-type utf8): receives one line per broken row
 *
 * Returns: %FALSE only when the history could not be read at all; a broken
 *   chain is reported through @problems.
 */
gboolean
attest_workspace_verify_history (AttestWorkspace  *self,
                                 GPtrArray        *problems,
                                 GError          **error)
{
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (self, NULL, error);
  g_autofree char *expected_prev = g_strdup (ATTEST_HISTORY_GENESIS);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      AttestHistoryEntry *e = rows->pdata[i];
      g_autofree char *hash = attest_history_compute_hash (e);
      g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);

      if (g_strcmp0 (e->prev_hash, expected_prev) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("history row %s (%s %s %s, %s): does not follow the "
                                            "row before it (a row was removed or reordered)"),
                                          row, e->action, e->entity, e->entity_id, e->at));
      else if (g_strcmp0 (hash, e->hash) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("history row %s (%s %s %s, %s): its content was "
                                            "changed after it was written"),
                                          row, e->action, e->entity, e->entity_id, e->at));
      g_free (expected_prev);
      expected_prev = g_strdup (e->hash);
    }
  return TRUE;
}
