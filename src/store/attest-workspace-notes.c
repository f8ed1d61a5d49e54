/* attest-workspace-notes.c: Markdown notes on frameworks, sections, cells, items, services, evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-notes"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-search.h"
#include "attest-workspace-checklist-private.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-private.h"
#include "attest-workspace-services.h"

void
attest_note_free (AttestNote *note)
{
  if (note == NULL)
    return;
  g_free (note->target);
  g_free (note->text);
  g_free (note->created_at);
  g_free (note->updated_at);
  g_free (note);
}

static gboolean
exists (AttestWorkspace *self,
        const char      *sql,
        const char      *a,
        const char      *b)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A note needs some text (UTF-8)"));
      return FALSE;
    }
  if (strlen (text) > ATTEST_NOTE_MAX_BYTES)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A note is limited to 1 MiB of text"));
      return FALSE;
    }
  return TRUE;
}

/* The thing a note hangs on must exist: a note on nothing is lost work. */
static gboolean
target_exists (AttestWorkspace *self,
               const char      *target)
{
  const char *colon = strchr (target, ':');
  g_autofree char *kind = NULL;
  const char *rest;

  if (colon == NULL || colon[1] == '\0')
    return FALSE;
  kind = g_strndup (target, colon - target);
  rest = colon + 1;

  if (g_str_equal (kind, "framework"))
    {
      g_autofree char *id = g_strdup (rest);
      char *hash = strchr (id, '#');
      if (hash != NULL)
        *hash = '\0';
      return exists (self, "SELECT 1 FROM framework WHERE id = ?1", id, NULL);
    }
  if (g_str_equal (kind, "scope"))
    return exists (self, "SELECT 1 FROM scope WHERE id = ?1", rest, NULL);
  if (g_str_equal (kind, "service"))
    return exists (self, "SELECT 1 FROM service WHERE id = ?1", rest, NULL);
  if (g_str_equal (kind, "item"))
    return exists (self, "SELECT 1 FROM checklist_item WHERE id = ?1", rest, NULL);
  if (g_str_equal (kind, "evidence"))
    return exists (self, "SELECT 1 FROM evidence WHERE sha256 = ?1", rest, NULL);
  if (g_str_equal (kind, "cell"))
    {
      const char *sep = strrchr (rest, ':');
      g_autofree char *scope = NULL;
      if (sep == NULL)
        return FALSE;
      scope = g_strndup (rest, sep - rest);
      return exists (self, "SELECT 1 FROM coverage WHERE scope_id = ?1 AND service_id = ?2", scope, sep + 1);
    }
  return FALSE;
}

/* "cell:S:OWNER" for "cell:S:X" when X is a matrix row whose cell in S is
 * one recorded for another service (merged into X); NULL otherwise. */
static char *
cell_as_stored (AttestWorkspace *self,
                const char      *target)
{
  const char *sep;
  g_autofree char *scope = NULL;
  g_autofree char *owner = NULL;

  if (!g_str_has_prefix (target, "cell:"))
    return NULL;
  sep = strrchr (target, ':');
  if (sep == NULL || sep == target + strlen ("cell") || sep[1] == '\0')
    return NULL;
  scope = g_strndup (target + strlen ("cell:"), sep - target - strlen ("cell:"));
  owner = _attest_workspace_cell_owner (self, scope, sep + 1);
  if (owner == NULL || g_str_equal (owner, sep + 1))
    return NULL;
  return g_strdup_printf ("cell:%s:%s", scope, owner);
}

/* A note from "SELECT id, target, text, created_at, updated_at". */
static AttestNote *
note_from_row (sqlite3_stmt *stmt)
{
  AttestNote *n = g_new0 (AttestNote, 1);

  n->id = sqlite3_column_int64 (stmt, 0);
  n->target = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  n->text = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  n->created_at = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  n->updated_at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  return n;
}

static JsonNode *
note_json (const char *target,
           const char *text)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, target);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Inside a transaction; NULL with @error set when there is no note @id. */
static AttestNote *
read_note (AttestWorkspace  *self,
           gint64            id,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self, "SELECT id, target, text, created_at, updated_at FROM note "
                                          "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return note_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      /* The number apart: xgettext cannot read a format macro inside a string. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* Translators: %s is a note's number */
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("There is no note %s in this workspace (it may have been deleted)"), number);
    }
  else
    _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
  return NULL;
}

/**
 * attest_workspace_add_note:
 * @id: (out): the new note's id, set only once it is committed
 */
gboolean
attest_workspace_add_note (AttestWorkspace  *self,
                           const char       *target,
                           const char       *text,
                           gint64           *id,
                           GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *stored = NULL;
  gint64 new_id;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (target != NULL && text != NULL, FALSE);

  if (!check_text (text, error))
    return FALSE;

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  /* A note on a row's cell hangs on the cell the matrix shows there, which
   * after a merge may be one recorded for a service merged into the row: it
   * stays with that cell if the merge is undone. */
  stored = cell_as_stored (self, target);
  if (stored != NULL)
    target = stored;
  /* A note on an item of a cell never edited: this edit stores its checklist. */
  if (g_str_has_prefix (target, "item:-"))
    {
      gint64 provisional = g_ascii_strtoll (target + strlen ("item:"), NULL, 10);
      gint64 item_id = _attest_workspace_store_item (self, provisional, NULL, error);

      if (item_id == 0)
        goto fail;
      g_free (stored);
      stored = g_strdup_printf ("item:%" G_GINT64_FORMAT, item_id);
      target = stored;
    }

  if (!target_exists (self, target))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("Nothing in this workspace is “%s”"), target);
      goto fail;
    }

  stmt = _attest_workspace_prepare (self, "INSERT INTO note (target, text, created_at, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }
  new_id = sqlite3_last_insert_rowid (_attest_workspace_get_db (self));
  note_id = g_strdup_printf ("%" G_GINT64_FORMAT, new_id);

  after = note_json (target, text);
  if (!_attest_history_append (self, "note", note_id, "create", NULL, after, error) ||
      !_attest_search_put (self, "note", note_id, target, text, error))
    goto fail;

  if (!_attest_workspace_commit (self, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/* Notes follow a merge: a matrix row's service (one not merged into another)
 * shows the notes on every service merged into it, and its cells the notes
 * on their cells; a merged service's own id keeps showing its own. An
 * unmerge takes them back with it, since nothing was moved.
 * ?1 the target; ?2 the row's service id when the target is a row's service
 * or cell (else NULL); ?3 the target without that id ("service:", "cell:S:"). */
#define NOTE_ON_TARGET                                                        \
  "(?1 IS NULL OR target = ?1 OR (?2 IS NOT NULL AND target IN "              \
  "  (SELECT ?3 || r.service_id FROM service_root r WHERE r.root_id = ?2)))"

static void
bind_target (AttestWorkspace *self,
             sqlite3_stmt    *stmt,
             const char      *target)
{
  g_autofree char *row = NULL;
  const char *sep = NULL;

  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
  if (target != NULL && g_str_has_prefix (target, "service:"))
    sep = target + strlen ("service");
  else if (target != NULL && g_str_has_prefix (target, "cell:"))
    sep = strrchr (target, ':');
  if (sep == NULL || sep[1] == '\0')
    return;
  /* Only a row's own id stands for the row. */
  row = _attest_workspace_query_text (self, "SELECT root_id FROM service_root WHERE service_id = ?1 "
                                            "AND root_id = service_id", sep + 1);
  if (row == NULL)
    return;
  sqlite3_bind_text (stmt, 2, row, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, target, (int)(sep + 1 - target), SQLITE_TRANSIENT);
}

/**
 * attest_workspace_list_notes:
 * @target: (nullable): a target, or %NULL for every note
 *
 * The notes on @target, oldest first. On a matrix row's service or cell,
 * also those on the services merged into it (their own target kept in
 * #AttestNote.target).
 */
GPtrArray *
attest_workspace_list_notes (AttestWorkspace  *self,
                             const char       *target,
                             GError          **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_note_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self, "SELECT id, target, text, created_at, updated_at FROM note "
                                          "WHERE " NOTE_ON_TARGET " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  bind_target (self, stmt, target);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notes, note_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&notes);
}

/**
 * attest_workspace_note_is_on:
 *
 * Returns: whether note @id is one attest_workspace_list_notes() lists for @target
 */
gboolean
attest_workspace_note_is_on (AttestWorkspace *self,
                             gint64           id,
                             const char      *target)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  stmt = _attest_workspace_prepare (self, "SELECT 1 FROM note WHERE id = ?4 AND " NOTE_ON_TARGET, NULL);
  if (stmt == NULL)
    return FALSE;
  bind_target (self, stmt, target);
  sqlite3_bind_int64 (stmt, 4, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * attest_workspace_get_note:
 *
 * Returns: (transfer full): note @id, or %NULL with ATTEST_STORE_ERROR_NOT_FOUND
 *   when there is none
 */
AttestNote *
attest_workspace_get_note (AttestWorkspace  *self,
                           gint64            id,
                           GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_note (self, id, error);
}

/**
 * attest_workspace_update_note:
 * @text: the new Markdown text, not empty
 *
 * Replaces a note's text: one transaction, one history row ("note", "update",
 * before and after), the search index in step. The same text again changes
 * nothing and writes no history.
 */
gboolean
attest_workspace_update_note (AttestWorkspace  *self,
                              gint64            id,
                              const char       *text,
                              GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  g_autofree char *note_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(AttestNote) old = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!check_text (text, error))
    return FALSE;
  if (!_attest_workspace_begin (self, error))
    return FALSE;

  old = read_note (self, id, error);
  if (old == NULL)
    goto fail;
  if (g_str_equal (old->text, text))
    {
      _attest_workspace_rollback (self);
      return TRUE;
    }

  stmt = _attest_workspace_prepare (self, "UPDATE note SET text = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }

  before = note_json (old->target, old->text);
  after = note_json (old->target, text);
  if (!_attest_history_append (self, "note", note_id, "update", before, after, error) ||
      !_attest_search_put (self, "note", note_id, old->target, text, error))
    goto fail;

  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/**
 * attest_workspace_delete_note:
 *
 * Deletes a note: one transaction, one history row ("note", "delete", with the
 * text as it was before), and out of the search index.
 */
gboolean
attest_workspace_delete_note (AttestWorkspace  *self,
                              gint64            id,
                              GError          **error)
{
  g_autofree char *note_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(AttestNote) old = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  old = read_note (self, id, error);
  if (old == NULL)
    goto fail;

  stmt = _attest_workspace_prepare (self, "DELETE FROM note WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }

  before = note_json (old->target, old->text);
  if (!_attest_history_append (self, "note", note_id, "delete", before, NULL, error) ||
      !_attest_search_remove (self, "note", note_id, error))
    goto fail;

  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/**
 * attest_workspace_restore_note:
 * @note: a note as it was before attest_workspace_delete_note() took it out
 *   (as attest_workspace_get_note() gave it)
 *
 * The undo of a delete: the same note back, with its id, target, text and
 * dates, in one transaction and one history row ("note", "restore", the note
 * as restored), and in the search index again. Refused when a note has that
 * id (it was never deleted, or is restored already) or when what it was on
 * is no longer in the workspace.
 */
gboolean
attest_workspace_restore_note (AttestWorkspace   *self,
                               const AttestNote  *note,
                               GError           **error)
{
  g_autofree char *note_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (note != NULL && note->target != NULL && note->text != NULL, FALSE);
  g_return_val_if_fail (note->created_at != NULL && note->updated_at != NULL, FALSE);

  if (!check_text (note->text, error))
    return FALSE;
  note_id = g_strdup_printf ("%" G_GINT64_FORMAT, note->id);
  if (!_attest_workspace_begin (self, error))
    return FALSE;

  if (exists (self, "SELECT 1 FROM note WHERE id = ?1", note_id, NULL))
    {
      /* Translators: %s is a note's number */
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("Note %s cannot be restored: a note with that number is in the workspace"), note_id);
      goto fail;
    }
  if (!target_exists (self, note->target))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("Nothing in this workspace is “%s”"), note->target);
      goto fail;
    }

  stmt = _attest_workspace_prepare (self, "INSERT INTO note (id, target, text, created_at, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, note->id);
  sqlite3_bind_text (stmt, 2, note->target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, note->created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, note->updated_at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }

  after = note_json (note->target, note->text);
  if (!_attest_history_append (self, "note", note_id, "restore", NULL, after, error) ||
      !_attest_search_put (self, "note", note_id, note->target, note->text, error))
    goto fail;

  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}
