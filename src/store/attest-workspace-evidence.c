/* attest-workspace-evidence.c: evidence files kept inside the workspace
 *
 * An evidence file is stored once, content-addressed by its SHA-256, and its
 * bytes are never modified: the same report attached to several checklist
 * items is one row linked to each. Attaching is one transaction with its
 * history row; verifying recomputes every stored file's hash, reading the
 * blobs in chunks so memory stays bounded by the chunk, not the workspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-evidence"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-json.h"
#include "attest-search.h"
#include "attest-workspace-checklist-private.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-private.h"

#define CHUNK_BYTES (1024 * 1024)

void
attest_evidence_free (AttestEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->sha256);
  g_free (evidence->name);
  g_free (evidence->mime);
  g_free (evidence->attached_at);
  g_free (evidence->effective);
  g_free (evidence->expires);
  g_clear_pointer (&evidence->cells, g_ptr_array_unref);
  g_free (evidence);
}

/* YYYY-MM-DD, a real day of the calendar. */
gboolean
attest_evidence_date_is_valid (const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  if (sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

/* 64 hexadecimal digits, either case. */
gboolean
attest_evidence_sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (sha256[i]))
      return FALSE;
  return TRUE;
}

static char *
file_display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

static void
set_file_error (GError     **error,
                GFile       *file,
                GError      *cause)
{
  g_autofree char *name = file_display_name (file);
  const char *reason = cause->message;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    reason = _("no such file");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    reason = _("permission denied");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    reason = _("it is a folder, not a file");
  g_set_error (error, cause->domain, cause->code, "%s: %s", name, reason);
}

static void
set_too_large_error (GError **error,
                     GFile   *file)
{
  g_autofree char *name = file_display_name (file);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("%s: the file is larger than the %d MiB limit for evidence files"),
               name, (int)(ATTEST_EVIDENCE_MAX_BYTES / (1024 * 1024)));
}

/**
 * attest_evidence_read_file:
 * @sha256: (out) (optional): the file's SHA-256, computed while reading
 *
 * Reads a file to attach as evidence, in chunks, hashing as it goes. A missing
 * or unreadable file, a folder, or a file over %ATTEST_EVIDENCE_MAX_BYTES is an
 * error whose message names the file and the reason. Memory is bounded by the
 * file's size.
 */
GBytes *
attest_evidence_read_file (GFile         *file,
                           char         **sha256,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return attest_evidence_read_file_with_progress (file, sha256, NULL, NULL, cancellable, error);
}

/**
 * attest_evidence_read_file_with_progress:
 * @progress: (nullable) (scope call): told the bytes read so far after each chunk
 *
 * attest_evidence_read_file(), reporting its progress: a worker thread reading
 * a large file can show how far it got.
 */
GBytes *
attest_evidence_read_file_with_progress (GFile                      *file,
                                         char                      **sha256,
                                         AttestEvidenceReadProgress  progress,
                                         gpointer                    user_data,
                                         GCancellable               *cancellable,
                                         GError                    **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) data = NULL;
  goffset expected;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_file_error (error, file, local_error);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = file_display_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s: it is a folder, not a file"), name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = file_display_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: it is not a regular file"), name);
      return NULL;
    }
  expected = g_file_info_get_size (info);
  if (expected > ATTEST_EVIDENCE_MAX_BYTES)
    {
      set_too_large_error (error, file);
      return NULL;
    }

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      set_file_error (error, file, local_error);
      return NULL;
    }

  data = g_byte_array_sized_new ((guint)MAX (expected, 0));
  for (;;)
    {
      guint old_len = data->len;
      gsize got = 0;
      gsize want = CHUNK_BYTES;

      /* The file may grow while we read: never past the limit. */
      if ((gint64)old_len + (gint64)want > ATTEST_EVIDENCE_MAX_BYTES + 1)
        want = (gsize)(ATTEST_EVIDENCE_MAX_BYTES + 1 - old_len);
      g_byte_array_set_size (data, old_len + want);
      if (!g_input_stream_read_all (G_INPUT_STREAM (in), data->data + old_len, want, &got,
                                    cancellable, &local_error))
        {
          set_file_error (error, file, local_error);
          return NULL;
        }
      g_byte_array_set_size (data, old_len + got);
      g_checksum_update (checksum, data->data + old_len, got);
      if (progress != NULL)
        progress (data->len, user_data);
      if ((gint64)data->len > ATTEST_EVIDENCE_MAX_BYTES)
        {
          set_too_large_error (error, file);
          return NULL;
        }
      if (got < want)
        break;
    }

  if (sha256 != NULL)
    *sha256 = g_strdup (g_checksum_get_string (checksum));
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static char *
compute_sha256 (GBytes *bytes)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);

  for (gsize off = 0; off < len; off += CHUNK_BYTES)
    g_checksum_update (checksum, data + off, MIN ((gsize)CHUNK_BYTES, len - off));
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* "" and NULL both mean no date; anything else must be YYYY-MM-DD. */
static gboolean
check_date (const char  *date,
            GError     **error)
{
  if (date == NULL || *date == '\0' || attest_evidence_date_is_valid (date))
    return TRUE;
  g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
               _("“%s” is not a date (use YYYY-MM-DD)"), date);
  return FALSE;
}

static gboolean
check_date_order (const char  *effective,
                  const char  *expires,
                  GError     **error)
{
  /* YYYY-MM-DD compares as text. */
  if (effective != NULL && expires != NULL && *effective != '\0' && *expires != '\0' &&
      strcmp (expires, effective) < 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("The expiry date %s is before the effective date %s"), expires, effective);
      return FALSE;
    }
  return TRUE;
}

static const char *
date_or_null (const char *date)
{
  return date != NULL && *date != '\0' ? date : NULL;
}

static JsonNode *
dates_json (const char *effective,
            const char *expires)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  attest_json_add_string_or_null (b, "effective", effective);
  attest_json_add_string_or_null (b, "expires", expires);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* "item": {"cell": "scope:service#N", "position": N}, as every evidence history row names it. */
static void
add_item_ref (JsonBuilder               *b,
              const AttestChecklistItem *item)
{
  g_autofree char *ref = _attest_checklist_item_ref (item);

  json_builder_set_member_name (b, "item");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cell");
  json_builder_add_string_value (b, ref);
  json_builder_set_member_name (b, "position");
  json_builder_add_int_value (b, item->position);
  json_builder_end_object (b);
}

static gboolean
step_done (AttestWorkspace  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _attest_workspace_insert_evidence:
 * @sha256: the SHA-256 of @bytes (lower-case hex)
 *
 * Inserts a file not stored yet into the evidence table and the search
 * index, inside the caller's transaction; links it to nothing and writes no
 * history row (the caller's change does).
 */
gboolean
_attest_workspace_insert_evidence (AttestWorkspace  *self,
                                   const char       *sha256,
                                   const char       *original_name,
                                   GBytes           *bytes,
                                   const char       *mime,
                                   const char       *effective,
                                   const char       *expires,
                                   gint              page_count,
                                   const char       *text,
                                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  stmt = _attest_workspace_prepare (self,
                                    "INSERT INTO evidence (sha256, name, size, mime, attached_at, effective, "
                                    "expires, page_count, text, data) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, original_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64)size);
  sqlite3_bind_text (stmt, 4, mime != NULL && *mime != '\0' ? mime : "application/octet-stream", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, effective, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, expires, -1, SQLITE_TRANSIENT);
  if (page_count >= 0)
    sqlite3_bind_int (stmt, 8, page_count);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
  /* @bytes outlives the statement: SQLite reads them in place. An empty
   * file still needs a non-NULL blob (the column is NOT NULL). */
  if (size == 0)
    sqlite3_bind_zeroblob (stmt, 10, 0);
  else
    sqlite3_bind_blob64 (stmt, 10, data, (sqlite3_uint64)size, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  /* Its name and extracted text are found by search, committed with the row. */
  return _attest_search_put (self, "evidence", sha256, original_name, text != NULL ? text : "", error);
}

/**
 * attest_workspace_attach_evidence:
 * @item_id: the checklist item the file serves
 * @original_name: the file's name as the analyst knows it
 * @bytes: the file, stored unchanged
 * @mime: (nullable): its MIME type
 * @effective: (nullable): YYYY-MM-DD
 * @expires: (nullable): YYYY-MM-DD
 * @page_count: pages of a PDF, or -1 when unknown
 * @text: (nullable): the text extracted for search
 * @sha256_out: (out) (optional): the file's SHA-256
 *
 * Stores the file (once: the same bytes attached again are linked, not copied)
 * and links it to the item, in one transaction with its history row. Linking a
 * file to an item it already serves changes nothing and is not an error. Dates
 * given for a file already stored replace its dates.
 */
gboolean
attest_workspace_attach_evidence (AttestWorkspace  *self,
                                  gint64            item_id,
                                  const char       *original_name,
                                  GBytes           *bytes,
                                  const char       *mime,
                                  const char       *effective,
                                  const char       *expires,
                                  gint              page_count,
                                  const char       *text,
                                  char            **sha256_out,
                                  GError          **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *old_effective = NULL;
  g_autofree char *old_expires = NULL;
  g_autoptr(AttestChecklistItem) item = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  const char *new_effective, *new_expires;
  gboolean stored = FALSE, linked, dates_changed = FALSE;
  gsize size;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  effective = date_or_null (effective);
  expires = date_or_null (expires);
  if (original_name == NULL || *original_name == '\0')
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("An evidence file needs a name"));
      return FALSE;
    }
  size = g_bytes_get_size (bytes);
  if ((guint64)size > (guint64)ATTEST_EVIDENCE_MAX_BYTES)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("%s: the file is larger than the %d MiB limit for evidence files"),
                   original_name, (int)(ATTEST_EVIDENCE_MAX_BYTES / (1024 * 1024)));
      return FALSE;
    }
  if (!check_date (effective, error) || !check_date (expires, error))
    return FALSE;

  sha = compute_sha256 (bytes);
  db = _attest_workspace_get_db (self);

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  /* The cell's first edit stores its checklist. */
  item_id = _attest_workspace_store_item (self, item_id, NULL, error);
  if (item_id == 0)
    goto fail;
  item = _attest_workspace_read_item (self, item_id, error);
  if (item == NULL)
    goto fail;

  stmt = _attest_workspace_prepare (self, "SELECT name, effective, expires FROM evidence WHERE sha256 = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stored = TRUE;
      old_name = g_strdup (_attest_column_text (stmt, 0));
      old_effective = g_strdup (_attest_column_text (stmt, 1));
      old_expires = g_strdup (_attest_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  new_effective = effective != NULL ? effective : old_effective;
  new_expires = expires != NULL ? expires : old_expires;
  if (!check_date_order (new_effective, new_expires, error))
    goto fail;

  if (!stored)
    {
      if (!_attest_workspace_insert_evidence (self, sha, original_name, bytes, mime, effective, expires,
                                              page_count, text, error))
        goto fail;
    }
  else if (g_strcmp0 (new_effective, old_effective) != 0 || g_strcmp0 (new_expires, old_expires) != 0)
    {
      dates_changed = TRUE;
      stmt = _attest_workspace_prepare (self, "UPDATE evidence SET effective = ?2, expires = ?3 WHERE sha256 = ?1",
                                        error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, new_effective, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, new_expires, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, error))
        goto fail;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  stmt = _attest_workspace_prepare (self, "INSERT INTO item_evidence (item_id, sha256) VALUES (?1, ?2) "
                                          "ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, sha, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    goto fail;
  linked = sqlite3_changes (db) > 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (linked || dates_changed)
    {
      if (dates_changed)
        before = dates_json (old_effective, old_expires);

      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, stored ? old_name : original_name);
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, (gint64)size);
      json_builder_set_member_name (b, "new_file");
      json_builder_add_boolean_value (b, !stored);
      attest_json_add_string_or_null (b, "effective", new_effective);
      attest_json_add_string_or_null (b, "expires", new_expires);
      add_item_ref (b, item);
      json_builder_end_object (b);
      after = json_builder_get_root (b);

      if (!_attest_history_append (self, "evidence", sha, "attach", before, after, error))
        goto fail;
    }

  if (!_attest_workspace_commit (self, error))
    return FALSE;

  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&sha);
  return TRUE;

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/* @rc: SQLITE_DONE, or the code stepping ended with. */
static GPtrArray *
cells_of (AttestWorkspace  *self,
          sqlite3_stmt     *cells,
          const char       *sha256,
          int              *rc)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  sqlite3_reset (cells);
  sqlite3_bind_text (cells, 1, sha256, -1, SQLITE_TRANSIENT);
  while ((*rc = sqlite3_step (cells)) == SQLITE_ROW)
    if (_attest_column_text (cells, 0) != NULL)
      g_ptr_array_add (list, g_strdup (_attest_column_text (cells, 0)));
  return list;
}

static sqlite3_stmt *
prepare_cells (AttestWorkspace  *self,
               GError          **error)
{
  return _attest_workspace_prepare (self,
                                    "SELECT c.scope_id || ':' || c.service_id || '#' || c.position "
                                    "FROM item_evidence ie JOIN checklist_item c ON c.id = ie.item_id "
                                    "WHERE ie.sha256 = ?1 ORDER BY c.scope_id, c.service_id, c.position", error);
}

typedef enum {
  SELECT_ALL,
  SELECT_ONE,     /* by SHA-256 */
  SELECT_ITEM,    /* linked to one checklist item */
} EvidenceSelection;

/* The evidence records a selection names, by name; the one list code behind
 * attest_workspace_list_evidence(), _get_evidence() and _list_item_evidence(). */
static GPtrArray *
query_evidence (AttestWorkspace    *self,
                EvidenceSelection   selection,
                const char         *sha256,
                gint64              item_id,
                GError            **error)
{
  static const char * const where[] = {
    [SELECT_ALL] = "",
    [SELECT_ONE] = "WHERE e.sha256 = ?1 ",
    [SELECT_ITEM] = "JOIN item_evidence ie ON ie.sha256 = e.sha256 WHERE ie.item_id = ?1 ",
  };
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_evidence_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) cells = NULL;
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT e.sha256, e.name, e.size, e.mime, e.attached_at, e.effective, e.expires, "
                         "e.page_count FROM evidence e %sORDER BY e.name COLLATE NOCASE, e.sha256",
                         where[selection]);
  stmt = _attest_workspace_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (selection == SELECT_ONE)
    sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  else if (selection == SELECT_ITEM)
    sqlite3_bind_int64 (stmt, 1, item_id);
  cells = prepare_cells (self, error);
  if (cells == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestEvidence *e = g_new0 (AttestEvidence, 1);

      e->sha256 = g_strdup (_attest_column_text (stmt, 0));
      e->name = g_strdup (_attest_column_text (stmt, 1));
      /* Sizes and counts read back from the file are untrusted. */
      e->size = MAX (sqlite3_column_int64 (stmt, 2), 0);
      e->mime = g_strdup (_attest_column_text (stmt, 3));
      e->attached_at = g_strdup (_attest_column_text (stmt, 4));
      e->effective = g_strdup (_attest_column_text (stmt, 5));
      e->expires = g_strdup (_attest_column_text (stmt, 6));
      e->page_count = sqlite3_column_type (stmt, 7) == SQLITE_NULL || sqlite3_column_int64 (stmt, 7) < 0 ||
                      sqlite3_column_int64 (stmt, 7) > G_MAXINT ? -1 : sqlite3_column_int (stmt, 7);
      e->cells = cells_of (self, cells, e->sha256, &rc);
      g_ptr_array_add (list, e);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * attest_workspace_list_evidence:
 *
 * Returns: (element-type AttestEvidence): every stored file, by name.
 */
GPtrArray *
attest_workspace_list_evidence (AttestWorkspace  *self,
                                GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  return query_evidence (self, SELECT_ALL, NULL, 0, error);
}

/**
 * attest_workspace_list_item_evidence:
 *
 * Returns: (element-type AttestEvidence): the files linked to one checklist
 *   item, by name (an empty array for an item with none, or no such item).
 */
GPtrArray *
attest_workspace_list_item_evidence (AttestWorkspace  *self,
                                     gint64            item_id,
                                     GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  return query_evidence (self, SELECT_ITEM, NULL, item_id, error);
}

/**
 * attest_workspace_get_evidence:
 * @sha256: 64 hexadecimal digits, either case
 *
 * Returns: the record of one stored file (its bytes are not read); %NULL with
 *   ATTEST_STORE_ERROR_NOT_FOUND when no file has that SHA-256.
 */
AttestEvidence *
attest_workspace_get_evidence (AttestWorkspace  *self,
                               const char       *sha256,
                               GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  key = g_ascii_strdown (sha256, -1);
  list = query_evidence (self, SELECT_ONE, key, 0, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("No evidence file has SHA-256 %s"), key);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

/* The stored name of a file, inside the caller's transaction; NOT_FOUND when none. */
static char *
stored_name (AttestWorkspace  *self,
             const char       *sha256,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self, "SELECT name FROM evidence WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (_attest_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                 _("No evidence file has SHA-256 %s"), sha256);
  else
    _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
  return NULL;
}

static JsonNode *
link_json (const char                *name,
           const AttestChecklistItem *item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  add_item_ref (b, item);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Links (@link) or unlinks @sha256 and checklist item @item_id, in one
 * transaction with its history row ("link" or "unlink"). A link that is
 * there already changes nothing and is not an error; an unlink of a link that
 * is not there is ATTEST_STORE_ERROR_NOT_FOUND. */
static gboolean
change_link (AttestWorkspace  *self,
             gint64            item_id,
             const char       *sha256,
             gboolean          link,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(AttestChecklistItem) item = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  key = g_ascii_strdown (sha256, -1);
  if (!_attest_workspace_begin (self, error))
    return FALSE;

  /* The cell's first edit stores its checklist. */
  item_id = _attest_workspace_store_item (self, item_id, NULL, error);
  if (item_id == 0)
    goto fail;
  item = _attest_workspace_read_item (self, item_id, error);
  if (item == NULL)
    goto fail;
  name = stored_name (self, key, error);
  if (name == NULL)
    goto fail;

  if (link)
    stmt = _attest_workspace_prepare (self, "INSERT INTO item_evidence (item_id, sha256) VALUES (?1, ?2) "
                                            "ON CONFLICT DO NOTHING", error);
  else
    stmt = _attest_workspace_prepare (self, "DELETE FROM item_evidence WHERE item_id = ?1 AND sha256 = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_attest_workspace_get_db (self)) == 0)
    {
      g_autofree char *ref = NULL;

      if (link)
        {
          _attest_workspace_rollback (self);
          return TRUE;
        }
      ref = _attest_checklist_item_ref (item);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not attached to checklist item %s"), name, ref);
      goto fail;
    }

  json = link_json (name, item);
  if (!_attest_history_append (self, "evidence", key, link ? "link" : "unlink",
                               link ? NULL : json, link ? json : NULL, error))
    goto fail;
  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/**
 * attest_workspace_link_evidence:
 * @sha256: a file already stored in the workspace
 *
 * Links a stored file to one more checklist item (one report serving many
 * cells), in one transaction with its history row ("link"). Linking a file to
 * an item it already serves changes nothing and is not an error; a missing
 * item or file is ATTEST_STORE_ERROR_NOT_FOUND.
 */
gboolean
attest_workspace_link_evidence (AttestWorkspace  *self,
                                gint64            item_id,
                                const char       *sha256,
                                GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  return change_link (self, item_id, sha256, TRUE, error);
}

/**
 * attest_workspace_unlink_evidence:
 *
 * Removes a file from one checklist item, in one transaction with its history
 * row ("unlink"). The stored bytes stay, whatever else they serve: an unlink
 * can be undone with attest_workspace_link_evidence(). A file the item does
 * not serve is ATTEST_STORE_ERROR_NOT_FOUND, and nothing changes.
 */
gboolean
attest_workspace_unlink_evidence (AttestWorkspace  *self,
                                  gint64            item_id,
                                  const char       *sha256,
                                  GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  return change_link (self, item_id, sha256, FALSE, error);
}

/**
 * attest_workspace_get_evidence_bytes:
 * @name: (out) (optional): the file's original name
 *
 * Returns: the stored bytes, unchanged; %NULL with ATTEST_STORE_ERROR_NOT_FOUND
 *   when no file has that SHA-256.
 */
GBytes *
attest_workspace_get_evidence_bytes (AttestWorkspace  *self,
                                     const char       *sha256,
                                     char            **name,
                                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  sqlite3_blob *blob = NULL;
  guchar *buf;
  int rc, len;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  key = g_ascii_strdown (sha256, -1);
  stmt = _attest_workspace_prepare (self, "SELECT rowid, name FROM evidence WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     _("No evidence file has SHA-256 %s"), key);
      else
        _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }

  /* Read through the blob handle into one buffer: one copy of the file in
   * memory, not two. The open statement keeps the read snapshot. */
  rc = sqlite3_blob_open (_attest_workspace_get_db (self), "main", "evidence", "data",
                          sqlite3_column_int64 (stmt, 0), 0, &blob);
  if (rc != SQLITE_OK)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      sqlite3_blob_close (blob);
      return NULL;
    }
  len = sqlite3_blob_bytes (blob);
  buf = g_malloc (MAX (len, 1));
  rc = len > 0 ? sqlite3_blob_read (blob, buf, len, 0) : SQLITE_OK;
  sqlite3_blob_close (blob);
  if (rc != SQLITE_OK)
    {
      g_free (buf);
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  if (name != NULL)
    *name = g_strdup (_attest_column_text (stmt, 1));
  return g_bytes_new_take (buf, (gsize)len);
}

/* The SHA-256 of a stored blob, read a chunk at a time; NULL when unreadable. */
static char *
hash_blob (sqlite3       *db,
           sqlite3_int64  rowid,
           gint64        *size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = NULL;
  sqlite3_blob *blob = NULL;
  int len;

  if (sqlite3_blob_open (db, "main", "evidence", "data", rowid, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      return NULL;
    }
  len = sqlite3_blob_bytes (blob);
  buf = g_malloc (CHUNK_BYTES);
  for (int off = 0; off < len; off += CHUNK_BYTES)
    {
      int n = MIN (CHUNK_BYTES, len - off);

      if (sqlite3_blob_read (blob, buf, n, off) != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          return NULL;
        }
      g_checksum_update (checksum, buf, n);
    }
  sqlite3_blob_close (blob);
  *size = len;
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * attest_workspace_verify_evidence:
 * @problems: (element-type utf8): receives one line per file that changed,
 *   naming its original name and the cells it serves
 *
 * Recomputes the SHA-256 of every stored file.
 *
 * Returns: %FALSE only when the evidence could not be read at all.
 */
gboolean
attest_workspace_verify_evidence (AttestWorkspace  *self,
                                  GPtrArray        *problems,
                                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) cells = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  db = _attest_workspace_get_db (self);
  stmt = _attest_workspace_prepare (self, "SELECT rowid, sha256, name, size FROM evidence "
                                          "ORDER BY name COLLATE NOCASE, sha256", error);
  if (stmt == NULL)
    return FALSE;
  cells = prepare_cells (self, error);
  if (cells == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sha = _attest_column_text (stmt, 1);
      const char *name = _attest_column_text (stmt, 2);
      gint64 recorded_size = sqlite3_column_int64 (stmt, 3);
      gint64 size = -1;
      g_autofree char *actual = hash_blob (db, sqlite3_column_int64 (stmt, 0), &size);
      g_autoptr(GPtrArray) served = NULL;
      g_autofree char *where = NULL;

      if (actual != NULL && g_strcmp0 (actual, sha) == 0 && size == recorded_size)
        continue;

      served = cells_of (self, cells, sha, &rc);
      if (rc != SQLITE_DONE)
        break;
      g_ptr_array_add (served, NULL);
      where = served->len > 1 ? g_strjoinv (", ", (char **)served->pdata) : g_strdup (_("no checklist item"));

      if (actual == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Evidence file “%s” (SHA-256 %s, serving %s) could not be read"),
                                          name, sha, where));
      else
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Evidence file “%s” (serving %s) has changed: its SHA-256 is now %s, "
                                            "not %s"),
                                          name, where, actual, sha));
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  return TRUE;
}

/**
 * attest_workspace_update_evidence_dates:
 * @effective: (nullable): YYYY-MM-DD, "" to clear, %NULL to keep
 * @expires: (nullable): YYYY-MM-DD, "" to clear, %NULL to keep
 *
 * One transaction with a history row (none when nothing changes).
 */
gboolean
attest_workspace_update_evidence_dates (AttestWorkspace  *self,
                                        const char       *sha256,
                                        const char       *effective,
                                        const char       *expires,
                                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *old_effective = NULL;
  g_autofree char *old_expires = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  const char *new_effective, *new_expires;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (!check_date (effective, error) || !check_date (expires, error))
    return FALSE;
  key = g_ascii_strdown (sha256, -1);

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  stmt = _attest_workspace_prepare (self, "SELECT effective, expires FROM evidence WHERE sha256 = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     _("No evidence file has SHA-256 %s"), key);
      else
        _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  old_effective = g_strdup (_attest_column_text (stmt, 0));
  old_expires = g_strdup (_attest_column_text (stmt, 1));
  g_clear_pointer (&stmt, sqlite3_finalize);

  new_effective = effective == NULL ? old_effective : date_or_null (effective);
  new_expires = expires == NULL ? old_expires : date_or_null (expires);
  if (!check_date_order (new_effective, new_expires, error))
    goto fail;

  if (g_strcmp0 (new_effective, old_effective) == 0 && g_strcmp0 (new_expires, old_expires) == 0)
    {
      _attest_workspace_rollback (self);
      return TRUE;
    }

  stmt = _attest_workspace_prepare (self, "UPDATE evidence SET effective = ?2, expires = ?3 WHERE sha256 = ?1",
                                    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, new_effective, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, new_expires, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    goto fail;

  before = dates_json (old_effective, old_expires);
  after = dates_json (new_effective, new_expires);
  if (!_attest_history_append (self, "evidence", key, "update", before, after, error))
    goto fail;

  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}
