/* attest-history.c: the append-only, hash-chained log of every change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-count.h"
#include "attest-history.h"
#include "attest-history-state.h"
#include "attest-languages.h"
#include "attest-workspace-checklist.h"
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
  g_free (entry->state);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

/* Two ways a row's hash was computed; a workspace may hold both.
 *
 * 1 (until 0.x): SHA-256 over the previous hash and each field as C strings,
 *   each prefixed with 'n' or 's' and its strlen(). A field holding a NUL
 *   byte hashes like the same field cut at it, so verify accepts a scheme-1
 *   row only when every field is text without a NUL.
 * 2: the same over "attest-history-2", the row's position in the chain
 *   (1, 2, …), then each field as its SQLite type, its length in bytes and
 *   its bytes. The head hash so also says how many rows the history has.
 *
 * 3: as 2 over "attest-history-3", with a ninth field: the row's state
 *   record (attest-history-state.c), the digests of the analyst's data after
 *   the change.
 *
 * New rows are always written with 3; rows already written keep their
 * hash (their fingerprints stay valid). Once a row of a scheme is in the
 * chain, no row of an older scheme may follow it. */
#define HASH2_TAG "attest-history-2"
#define HASH3_TAG "attest-history-3"

typedef struct {
  char type;          /* 'n' NULL, 's' text, 'b' blob, 'i' integer, 'f' real */
  const char *data;
  gsize len;
} HashField;

/* prev_hash, at, reviewer, entity, entity_id, action, before, after (1, 2),
 * and state (3). */
enum { N_HASHED = 8, N_HASHED3 = 9 };

static char *
hash_fields (const char      *tag,
             gint64           position,
             const HashField *fields,
             guint            n_fields)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char head[64];

  g_checksum_update (sum, (const guchar *)tag, -1);
  g_snprintf (head, sizeof head, ":%" G_GINT64_FORMAT ":", position);
  g_checksum_update (sum, (const guchar *)head, -1);
  for (guint i = 0; i < n_fields; i++)
    {
      g_snprintf (head, sizeof head, "%c%" G_GSIZE_FORMAT ":", fields[i].type, fields[i].len);
      g_checksum_update (sum, (const guchar *)head, -1);
      if (fields[i].len > 0)
        g_checksum_update (sum, (const guchar *)fields[i].data, (gssize)fields[i].len);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static char *
hash_v2 (gint64           position,
         const HashField *fields)
{
  return hash_fields (HASH2_TAG, position, fields, N_HASHED);
}

static char *
hash_v3 (gint64           position,
         const HashField *fields)
{
  return hash_fields (HASH3_TAG, position, fields, N_HASHED3);
}

/* Scheme 1, for rows written before scheme 2. */
static char *
hash_v1 (const char * const *fields)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < N_HASHED; i++)
    {
      const char *f = fields[i] != NULL ? fields[i] : "";
      g_autofree char *len = g_strdup_printf ("%c%zu:", fields[i] != NULL ? 's' : 'n', strlen (f));
      g_checksum_update (sum, (const guchar *)len, -1);
      g_checksum_update (sum, (const guchar *)f, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/**
 * attest_history_compute_hash:
 * @position: the row's place in the chain, from 1
 *
 * The hash of a row about to be written: scheme 3 when it carries a state
 * record, else scheme 2.
 */
char *
attest_history_compute_hash (const AttestHistoryEntry *e,
                             gint64                    position)
{
  const char *values[N_HASHED3] = { e->prev_hash, e->at, e->reviewer, e->entity, e->entity_id, e->action,
                                    e->before, e->after, e->state };
  HashField fields[N_HASHED3];

  for (guint i = 0; i < N_HASHED3; i++)
    {
      fields[i].type = values[i] != NULL ? 's' : 'n';
      fields[i].data = values[i];
      fields[i].len = values[i] != NULL ? strlen (values[i]) : 0;
    }
  return e->state != NULL ? hash_v3 (position, fields) : hash_v2 (position, fields);
}

/* Counts brackets outside strings: json-glib recurses once per level. */
static gboolean
json_depth_ok (const char *text,
               guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * attest_history_parse_json:
 * @text: a history row's before or after value, as read from the file
 *
 * Parses a stored value, refusing one nested deeper than
 * %ATTEST_HISTORY_JSON_MAX_DEPTH before the parser sees it. Every reader of
 * history JSON goes through here: the file is untrusted.
 *
 * Returns: (transfer full): the value, or %NULL with @error set
 */
JsonNode *
attest_history_parse_json (const char  *text,
                           GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (!json_depth_ok (text, ATTEST_HISTORY_JSON_MAX_DEPTH))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("a value in the history nests deeper than %d levels"), ATTEST_HISTORY_JSON_MAX_DEPTH);
      return NULL;
    }
  return json_from_string (text, error);
}

/* TRUE for what a fingerprint looks like: 64 hexadecimal digits. */
gboolean
attest_history_is_fingerprint (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

static char *
node_to_json (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  return json_to_string (node, FALSE);
}

/* The head hash, and how many rows the history has. */
static char *
head_hash (AttestWorkspace  *self,
           gint64           *n_rows,
           GError          **error)
{
  /* Kept: every history row written asks. */
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self,
                                                       "SELECT hash, (SELECT count(*) FROM history) "
                                                       "FROM history ORDER BY id DESC LIMIT 1",
                                                       error);
  char *hash;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _attest_workspace_done (stmt);
      if (n_rows != NULL)
        *n_rows = 0;
      return g_strdup (ATTEST_HISTORY_GENESIS);
    }
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      _attest_workspace_done (stmt);
      return NULL;
    }
  if (n_rows != NULL)
    *n_rows = sqlite3_column_int64 (stmt, 1);
  /* A hash that is no text (a crafted file) still gives a string. */
  hash = g_strdup (_attest_column_text (stmt, 0) != NULL ? _attest_column_text (stmt, 0) : "");
  _attest_workspace_done (stmt);
  return hash;
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
  sqlite3_stmt *stmt;
  gint64 n_rows = 0;
  int rc;

  g_assert (!sqlite3_get_autocommit (_attest_workspace_get_db (self)));

  e->prev_hash = head_hash (self, &n_rows, error);
  if (e->prev_hash == NULL)
    return FALSE;
  e->at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  e->reviewer = g_strdup (attest_workspace_get_reviewer (self));
  e->entity = g_strdup (entity);
  e->entity_id = g_strdup (entity_id);
  e->action = g_strdup (action);
  e->before = node_to_json (before);
  e->after = node_to_json (after);
  /* The digests of the analyst's data as this change leaves it. */
  e->state = _attest_state_record (self, e->prev_hash, error);
  if (e->state == NULL)
    return FALSE;
  e->hash = attest_history_compute_hash (e, n_rows + 1);

  stmt = _attest_workspace_prepare_kept (self,
                                         "INSERT INTO history (at, reviewer, entity, entity_id, action, before, after, "
                                         "prev_hash, hash, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                         error);
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
  sqlite3_bind_text (stmt, 10, e->state, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
  _attest_workspace_done (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;
  _attest_state_remember (self, e->hash);
  return TRUE;
}

/* The head hash of the history: what reports print as the fingerprint. */
char *
attest_workspace_get_fingerprint (AttestWorkspace  *self,
                                  GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  return head_hash (self, NULL, error);
}

/* A text column as valid UTF-8 (a crafted file may hold anything), or
 * @fallback for SQL NULL. */
static char *
column_string (sqlite3_stmt *stmt,
               int           i,
               const char   *fallback)
{
  const char *text;

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return g_strdup (fallback);
  text = (const char *)sqlite3_column_text (stmt, i);
  return g_utf8_make_valid (text != NULL ? text : "", sqlite3_column_bytes (stmt, i));
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
      e->at = column_string (stmt, 1, "");
      e->reviewer = column_string (stmt, 2, "");
      e->entity = column_string (stmt, 3, "");
      e->entity_id = column_string (stmt, 4, "");
      e->action = column_string (stmt, 5, "");
      e->before = column_string (stmt, 6, NULL);
      e->after = column_string (stmt, 7, NULL);
      e->prev_hash = column_string (stmt, 8, "");
      e->hash = column_string (stmt, 9, "");
      g_ptr_array_add (rows, e);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* A column as the hash sees it: its type and its bytes, whatever they hold. */
static HashField
column_field (sqlite3_stmt *stmt,
              int           i)
{
  HashField f = { 'n', NULL, 0 };

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      return f;
    case SQLITE_BLOB:
      f.type = 'b';
      f.data = sqlite3_column_blob (stmt, i);
      break;
    case SQLITE_INTEGER:
      f.type = 'i';
      f.data = (const char *)sqlite3_column_text (stmt, i);
      break;
    case SQLITE_FLOAT:
      f.type = 'f';
      f.data = (const char *)sqlite3_column_text (stmt, i);
      break;
    default:
      f.type = 's';
      f.data = (const char *)sqlite3_column_text (stmt, i);
      break;
    }
  f.len = sqlite3_column_bytes (stmt, i);
  if (f.data == NULL)
    f.len = 0;
  return f;
}

/* Scheme 1 read C strings: only text without a NUL byte hashes as itself. */
static gboolean
field_is_plain_text (const HashField *f,
                     gboolean         nullable)
{
  if (f->type == 'n')
    return nullable;
  return f->type == 's' && (f->len == 0 || memchr (f->data, '\0', f->len) == NULL);
}

/* A field in a problem line: valid UTF-8, whatever it holds. */
static char *
hashed_field_text (const HashField *f)
{
  return g_utf8_make_valid (f->data != NULL ? f->data : "", (gssize)f->len);
}

static gboolean
field_equals (const HashField *f,
              const char      *text)
{
  return f->type == 's' && f->len == strlen (text) && memcmp (f->data, text, f->len) == 0;
}

/**
 * attest_workspace_check_history:
 * @expected_fingerprint: (nullable): a fingerprint printed earlier (a
 *   report's, `verify`'s), or %NULL
 * @problems: (element-type utf8): receives one line per broken row
 * @n_rows: (out) (optional): how many rows the history has
 *
 * Walks the chain from the first row, recomputing every hash from the bytes
 * stored. A chain cut after its last good row is still a good chain: only a
 * fingerprint taken before tells. With @expected_fingerprint, its row must
 * still be in the chain (the history only grows), else that is a problem.
 *
 * Returns: %FALSE only when the history could not be read at all.
 */
gboolean
attest_workspace_check_history (AttestWorkspace  *self,
                                const char       *expected_fingerprint,
                                GPtrArray        *problems,
                                gint64           *n_rows,
                                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup (ATTEST_HISTORY_GENESIS);
  g_autoptr(GHashTable) state = _attest_state_new_table ();
  g_autofree char *state_root = NULL;
  g_autofree char *state_row = NULL;
  gboolean state_ok = TRUE;
  gboolean state_from_start = FALSE;
  gboolean in_transaction = FALSE;
  gboolean seen_v2 = FALSE;
  gboolean seen_v3 = FALSE;
  gboolean found = FALSE;
  gint64 position = 0;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (expected_fingerprint != NULL && g_ascii_strcasecmp (expected_fingerprint, ATTEST_HISTORY_GENESIS) == 0)
    found = TRUE;

  /* The history and the tables it is compared with, as of one moment. */
  if (sqlite3_get_autocommit (_attest_workspace_get_db (self)))
    {
      if (!_attest_workspace_exec (self, "BEGIN", error))
        return FALSE;
      in_transaction = TRUE;
    }
  stmt = _attest_workspace_prepare (self,
                                    "SELECT id, prev_hash, at, reviewer, entity, entity_id, action, before, after, state, "
                                    "hash FROM history ORDER BY id", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HashField fields[N_HASHED3];
      g_autofree char *v3 = NULL;
      HashField stored;
      g_autofree char *v2 = NULL;
      g_autofree char *row = NULL;
      g_autofree char *action = NULL;
      g_autofree char *entity = NULL;
      g_autofree char *entity_id = NULL;
      g_autofree char *at = NULL;
      gboolean plain = TRUE;
      gboolean intact = FALSE;

      /* Each column read once, as it is: a second read in another type
       * would convert it and move the bytes. */
      position++;
      row = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));
      for (guint i = 0; i < N_HASHED3; i++)
        {
          fields[i] = column_field (stmt, 1 + i);
          /* before and after may be NULL; the rest is text. */
          if (i < N_HASHED)
            plain = plain && field_is_plain_text (&fields[i], i >= 6);
        }
      stored = column_field (stmt, 10);
      at = hashed_field_text (&fields[1]);
      entity = hashed_field_text (&fields[3]);
      entity_id = hashed_field_text (&fields[4]);
      action = hashed_field_text (&fields[5]);

      /* A row with a state record hashes it (3); one without may be older. */
      if (fields[8].type != 'n')
        {
          v3 = hash_v3 (position, fields);
          intact = field_equals (&stored, v3);
          seen_v3 = seen_v3 || intact;
        }
      else if (seen_v3)
        intact = FALSE;
      else if (field_equals (&stored, (v2 = hash_v2 (position, fields))))
        {
          intact = TRUE;
          seen_v2 = TRUE;
        }
      else if (!seen_v2 && plain && stored.type == 's')
        {
          const char *strings[N_HASHED];
          g_autofree char *v1 = NULL;

          for (guint i = 0; i < N_HASHED; i++)
            strings[i] = fields[i].type == 'n' ? NULL : fields[i].data;
          v1 = hash_v1 (strings);
          intact = field_equals (&stored, v1);
        }

      if (!field_equals (&fields[0], expected_prev))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("history row %s (%s %s %s, %s): does not follow the "
                                            "row before it (a row was removed or reordered)"),
                                          row, action, entity, entity_id, at));
      else if (!intact)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("history row %s (%s %s %s, %s): its content was "
                                            "changed after it was written"),
                                          row, action, entity, entity_id, at));

      /* The state the history says the tables hold, row by row. */
      if (fields[8].type != 'n')
        {
          g_autofree char *record = hashed_field_text (&fields[8]);

          if (position == 1)
            state_from_start = TRUE;
          g_autofree char *root = NULL;

          if (!_attest_state_apply (state, record, sqlite3_column_int64 (stmt, 0), &root))
            {
              state_ok = FALSE;
              g_ptr_array_add (problems,
                               g_strdup_printf (_("history row %s (%s %s %s, %s): its record of the workspace's "
                                                  "state cannot be read"),
                                                row, action, entity, entity_id, at));
            }
          g_free (state_root);
          state_root = g_steal_pointer (&root);
          g_free (state_row);
          state_row = g_strdup (row);
        }

      g_free (expected_prev);
      expected_prev = g_strndup (stored.data != NULL ? stored.data : "", stored.len);
      if (expected_fingerprint != NULL && stored.type == 's' &&
          g_ascii_strcasecmp (expected_prev, expected_fingerprint) == 0)
        found = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The tables against the state the history recorded: from the first row
   * that recorded one (older rows have none, and older changes are not
   * covered). The replayed parts must add up to the last row's root. */
  if (state_row != NULL && state_ok)
    {
      g_autofree char *root = _attest_state_root_as (state, state_root);

      if (state_root == NULL || !g_str_equal (root, state_root))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("history row %s: its record of the workspace's state does not add up "
                                            "with the rows before it"), state_row));
      else if (!_attest_state_compare (self, state, state_from_start, problems, error))
        goto fail;
    }
  if (in_transaction)
    _attest_workspace_exec (self, "COMMIT", NULL);

  if (expected_fingerprint != NULL && !found)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("the history does not hold the expected fingerprint %s: rows were "
                                        "removed or rewritten since it was taken"),
                                      expected_fingerprint));
  if (n_rows != NULL)
    *n_rows = position;
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (in_transaction)
    _attest_workspace_exec (self, "ROLLBACK", NULL);
  return FALSE;
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
  return attest_workspace_check_history (self, NULL, problems, NULL, error);
}

/* ---- Rows in words ---------------------------------------------------------- */

void
attest_history_description_free (AttestHistoryDescription *description)
{
  if (description == NULL)
    return;
  g_free (description->what);
  g_free (description->subject);
  g_clear_pointer (&description->changes, g_ptr_array_unref);
  g_free (description);
}

/* The words for the known pairs; any other is shown as "entity action". */
static const struct {
  const char *entity;
  const char *action;
  const char *what;
} whats[] = {
  { "framework", "import", N_("Page imported") },
  { "framework", "date", N_("Page version dated") },
  { "checklist", "create", N_("Checklist created") },
  { "checklist-item", "update", N_("Checklist item updated") },
  { "note", "create", N_("Note added") },
  { "note", "update", N_("Note edited") },
  { "note", "delete", N_("Note deleted") },
  { "note", "restore", N_("Note restored") },
  { "evidence", "attach", N_("Evidence attached") },
  { "evidence", "detach", N_("Evidence detached") },
  { "evidence", "update", N_("Evidence dates changed") },
  { "annotation", "create", N_("Annotation added") },
  { "annotation", "update", N_("Annotation edited") },
  { "annotation", "delete", N_("Annotation deleted") },
  { "my-services", "add", N_("Added to My Services") },
  { "my-services", "remove", N_("Removed from My Services") },
  { "required-scopes", "add", N_("Scope marked required") },
  { "required-scopes", "remove", N_("Scope no longer required") },
  { "service", "merge", N_("Services merged") },
  { "service", "rename", N_("Service renamed") },
  { "service", "update", N_("Service updated") },
  { "link", "download", N_("Link document downloaded") },
  { "link", "attach", N_("Link document attached") },
};

/* What the entity filter of the History window calls each kind of row. */
static const struct {
  const char *entity;
  const char *label;
} entity_labels[] = {
  { "framework", N_("Imports") },
  { "checklist", N_("Checklists") },
  { "checklist-item", N_("Checklist Items") },
  { "note", N_("Notes") },
  { "evidence", N_("Evidence") },
  { "annotation", N_("Annotations") },
  { "my-services", N_("My Services") },
  { "required-scopes", N_("Required Scopes") },
  { "service", N_("Services") },
  { "link", N_("Links") },
};

/**
 * attest_history_entity_label:
 *
 * Returns: the translated name of a group of rows ("Checklist Items"), or
 *   @entity itself for one this build does not know.
 */
const char *
attest_history_entity_label (const char *entity)
{
  g_return_val_if_fail (entity != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    if (g_str_equal (entity_labels[i].entity, entity))
      return _(entity_labels[i].label);
  return entity;
}

static const char *
field_label (const char *key)
{
  static const struct { const char *key, *label; } fields[] = {
    /* Translators: fields of a change in the history: "status: not started → satisfied" */
    { "status", N_("status") },
    { "owner", N_("owner") },
    { "due", N_("due") },
    { "effective", N_("effective") },
    { "expires", N_("expires") },
    { "text", N_("text") },
    { "name", N_("name") },
    { "target", N_("on") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return _(fields[i].label);
  return key;
}

static const char *
status_words (const char *status)
{
  if (g_str_equal (status, "not-started"))
    return _("not started");
  if (g_str_equal (status, "in-progress"))
    return _("in progress");
  if (g_str_equal (status, "satisfied"))
    return _("satisfied");
  if (g_str_equal (status, "not-applicable"))
    return _("not applicable");
  if (g_str_equal (status, "exception"))
    return _("exception");
  return status;
}

/* A text on one line: a note's line breaks would break the row. */
static char *
one_line (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ')
        space = s->len > 0;
      else
        {
          if (space)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* A JSON value in words: "—" for nothing, a list joined by commas. */
static char *
value_text (const char *key,
            JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (*s == '\0')
            return g_strdup ("—");
          if (key != NULL && g_str_equal (key, "status"))
            return g_strdup (status_words (s));
          if (key != NULL && g_str_equal (key, "text"))
            {
              g_autofree char *line = one_line (s);
              /* Translators: quoted text of a note or annotation */
              return g_strdup_printf (_("“%s”"), line);
            }
          return one_line (s);
        }
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = value_text (NULL, json_array_get_element (array, i));
          if (i > 0)
            g_string_append (s, ", ");
          g_string_append (s, item);
        }
      return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : g_strdup ("—");
    }
  return json_to_string (node, FALSE);
}

static void
add_line (GPtrArray  *changes,
          const char *key,
          const char *value)
{
  /* Translators: one field of a history row: "owner: Sam" */
  g_ptr_array_add (changes, g_strdup_printf (_("%s: %s"), field_label (key), value));
}

/* Every field that differs, "key: before → after"; with only one side, its fields. */
static void
add_diff (GPtrArray  *changes,
          JsonNode   *before,
          JsonNode   *after,
          const char * const *skip)
{
  JsonObject *b = before != NULL && JSON_NODE_HOLDS_OBJECT (before) ? json_node_get_object (before) : NULL;
  JsonObject *a = after != NULL && JSON_NODE_HOLDS_OBJECT (after) ? json_node_get_object (after) : NULL;
  g_autoptr(GList) keys = NULL;

  if (b == NULL && a == NULL)
    {
      /* Not objects: the values themselves. */
      if (before != NULL && after != NULL)
        {
          g_autofree char *x = value_text (NULL, before);
          g_autofree char *y = value_text (NULL, after);
          g_ptr_array_add (changes, g_strdup_printf ("%s → %s", x, y));
        }
      else if (before != NULL || after != NULL)
        g_ptr_array_add (changes, value_text (NULL, after != NULL ? after : before));
      return;
    }

  /* After's order first, then what only before had. */
  keys = a != NULL ? json_object_get_members (a) : NULL;
  if (b != NULL)
    {
      g_autoptr(GList) old = json_object_get_members (b);
      for (GList *l = old; l != NULL; l = l->next)
        if (a == NULL || !json_object_has_member (a, l->data))
          keys = g_list_append (keys, l->data);
    }

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *x = b != NULL && json_object_has_member (b, key) ? json_object_get_member (b, key) : NULL;
      JsonNode *y = a != NULL && json_object_has_member (a, key) ? json_object_get_member (a, key) : NULL;

      if (skip != NULL && g_strv_contains (skip, key))
        continue;
      if (b != NULL && a != NULL)
        {
          g_autofree char *xs = NULL;
          g_autofree char *ys = NULL;
          g_autofree char *both = NULL;

          if (x != NULL && y != NULL && json_node_equal (x, y))
            continue;
          xs = value_text (key, x);
          ys = value_text (key, y);
          both = g_strdup_printf ("%s → %s", xs, ys);
          add_line (changes, key, both);
        }
      else
        {
          g_autofree char *v = value_text (key, x != NULL ? x : y);
          add_line (changes, key, v);
        }
    }
}

static const char *
string_member (JsonNode   *node,
               const char *key)
{
  JsonObject *o;
  JsonNode *m;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  m = json_object_get_member (o, key);
  if (m == NULL || json_node_get_value_type (m) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (m);
}

static JsonNode *
member (JsonNode   *node,
        const char *key)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), key);
}

/* "SCOPE:SERVICE" or "SCOPE:SERVICE#N" in words. */
static char *
cell_text (AttestWorkspaceNames *names,
           const char           *cell)
{
  const char *hash = strrchr (cell, '#');
  g_autofree char *base = hash != NULL ? g_strndup (cell, hash - cell) : g_strdup (cell);
  const char *colon = strrchr (base, ':');
  g_autofree char *scope = NULL;
  guint64 position = 0;

  if (colon == NULL || colon == base)
    return g_strdup (cell);
  if (hash != NULL && !g_ascii_string_to_unsigned (hash + 1, 10, 1, G_MAXUINT, &position, NULL))
    return g_strdup (cell);
  scope = g_strndup (base, colon - base);
  return attest_workspace_names_cell (names, scope, colon + 1, (guint)position);
}

static void
describe_import (AttestHistoryDescription *d,
                 JsonNode                 *after,
                 AttestWorkspaceNames     *names)
{
  const char *file = string_member (after, "file");
  const char *locale = string_member (after, "locale");
  JsonNode *changes = member (after, "changes");

  if (file != NULL && locale != NULL && *locale != '\0')
    /* Translators: an imported page and its language: "offering-soc.fr-FR.md · French (France)" */
    g_ptr_array_add (d->changes, g_strdup_printf (_("%s · %s"), file, attest_languages_name (locale)));
  else if (file != NULL)
    g_ptr_array_add (d->changes, g_strdup (file));

  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) || json_array_get_length (json_node_get_array (changes)) == 0)
    {
      g_ptr_array_add (d->changes, g_strdup (_("no change to the services in scope")));
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (changes)); i++)
    {
      JsonNode *c = json_array_get_element (json_node_get_array (changes), i);
      const char *scope = string_member (c, "scope");
      g_autoptr(GString) line = g_string_new (NULL);
      static const char * const keys[] = { "added", "removed", "renamed" };

      for (guint p = 0; p < G_N_ELEMENTS (keys); p++)
        {
          JsonNode *list = member (c, keys[p]);
          g_autofree char *names_list = NULL;

          if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
            continue;
          names_list = value_text (NULL, list);
          if (line->len > 0)
            g_string_append (line, "; ");
          if (p == 0)
            /* Translators: services an import put in a scope: "added Azure, Intune" */
            g_string_append_printf (line, _("added %s"), names_list);
          else if (p == 1)
            /* Translators: services an import took out of a scope */
            g_string_append_printf (line, _("removed %s"), names_list);
          else
            /* Translators: services a page names anew: "renamed Flow → Power Automate" */
            g_string_append_printf (line, _("renamed %s"), names_list);
        }
      if (line->len == 0)
        continue;
      /* Translators: what an import changed in one scope: "SOC 2: added Azure, Intune" */
      g_ptr_array_add (d->changes, g_strdup_printf (_("%s: %s"),
                                                    scope != NULL ? attest_workspace_names_scope (names, scope) : "?",
                                                    line->str));
    }
}

static void
describe_attach (AttestHistoryDescription *d,
                 JsonNode                 *before,
                 JsonNode                 *after,
                 AttestWorkspaceNames     *names)
{
  JsonNode *item = member (after, "item");
  JsonNode *size = member (after, "size");
  JsonNode *new_file = member (after, "new_file");
  const char *cell = string_member (item, "cell");
  JsonNode *position = member (item, "position");

  if (cell != NULL)
    {
      g_autofree char *where = NULL;
      g_autofree char *full = NULL;

      /* The cell may carry the item already ("soc/soc-2:intune#3"). */
      if (strchr (cell, '#') == NULL && position != NULL && json_node_get_value_type (position) == G_TYPE_INT64)
        full = g_strdup_printf ("%s#%" G_GINT64_FORMAT, cell, json_node_get_int (position));
      where = cell_text (names, full != NULL ? full : cell);
      /* Translators: where an evidence file was attached: "to SOC 2 × Intune, item 2" */
      g_ptr_array_add (d->changes, g_strdup_printf (_("to %s"), where));
    }
  if (size != NULL && json_node_get_value_type (size) == G_TYPE_INT64)
    {
      g_autofree char *bytes = g_format_size ((guint64)MAX (json_node_get_int (size), 0));

      if (new_file != NULL && json_node_get_value_type (new_file) == G_TYPE_BOOLEAN && !json_node_get_boolean (new_file))
        /* Translators: an evidence file attached again: its size, already stored */
        g_ptr_array_add (d->changes, g_strdup_printf (_("%s, already in the workspace"), bytes));
      else
        g_ptr_array_add (d->changes, g_steal_pointer (&bytes));
    }
  {
    /* The dates: what changed when it was stored before, else what was given. */
    g_autoptr(JsonNode) dates = json_node_new (JSON_NODE_OBJECT);
    g_autoptr(JsonObject) o = json_object_new ();
    const char *keys[] = { "effective", "expires" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        JsonNode *v = member (after, keys[i]);
        if (v != NULL && (before != NULL || !JSON_NODE_HOLDS_NULL (v)))
          json_object_set_member (o, keys[i], json_node_copy (v));
      }
    json_node_set_object (dates, o);
    add_diff (d->changes, before, dates, NULL);
  }
}

/* A value that does not parse, shown as text: its start only (a crafted row
 * may be megabytes), and valid UTF-8. */
static JsonNode *
raw_value (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, 201) <= 200)
    return json_node_init_string (json_node_alloc (), valid);
  start = g_utf8_substring (valid, 0, 200);
  return json_node_init_string (json_node_alloc (), start);
}

/* A checklist's items as stored from its template: the row holds the
 * template's English lines; the reader sees them in their language. */
static void
add_template_titles (GPtrArray *changes,
                     JsonArray *titles)
{
  guint n = json_array_get_length (titles);

  g_ptr_array_add (changes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item from the template",
                                                          "%s items from the template", n),
                                             attest_count (n)));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *title = json_array_get_element (titles, i);

      g_ptr_array_add (changes,
                       g_strdup_printf ("%u. %s", i + 1,
                                        JSON_NODE_HOLDS_VALUE (title) &&
                                        json_node_get_value_type (title) == G_TYPE_STRING
                                          ? attest_checklist_title_display (json_node_get_string (title))
                                          : ""));
    }
}

/**
 * attest_history_describe:
 * @names: looks up what ids are called (one for many rows)
 *
 * Puts a history row in words: what happened (translated), to what, and the
 * fields that changed, before → after. The History window shows exactly
 * this, and `attest-cli history` prints it.
 */
AttestHistoryDescription *
attest_history_describe (const AttestHistoryEntry *entry,
                         AttestWorkspaceNames     *names)
{
  g_autoptr(AttestHistoryDescription) d = g_new0 (AttestHistoryDescription, 1);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  const char *entity, *action, *id;

  g_return_val_if_fail (entry != NULL && names != NULL, NULL);

  entity = entry->entity != NULL ? entry->entity : "";
  action = entry->action != NULL ? entry->action : "";
  id = entry->entity_id != NULL ? entry->entity_id : "";
  /* A row tampered with may hold anything: what does not parse is shown raw. */
  before = entry->before != NULL ? attest_history_parse_json (entry->before, NULL) : NULL;
  after = entry->after != NULL ? attest_history_parse_json (entry->after, NULL) : NULL;
  if (entry->before != NULL && before == NULL)
    before = raw_value (entry->before);
  if (entry->after != NULL && after == NULL)
    after = raw_value (entry->after);

  d->changes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (whats) && d->what == NULL; i++)
    if (g_str_equal (whats[i].entity, entity) && g_str_equal (whats[i].action, action))
      d->what = g_strdup (_(whats[i].what));
  if (d->what == NULL)
    d->what = g_strdup_printf ("%s %s", entity, action);

  if (g_str_equal (entity, "framework"))
    {
      d->subject = g_strdup (attest_workspace_names_framework (names, id));
      if (g_str_equal (action, "import"))
        describe_import (d, after, names);
      else
        add_diff (d->changes, before, after, NULL);
    }
  else if (g_str_equal (entity, "checklist") || g_str_equal (entity, "checklist-item"))
    {
      d->subject = cell_text (names, id);
      if (g_str_equal (entity, "checklist") && after != NULL && JSON_NODE_HOLDS_ARRAY (after))
        add_template_titles (d->changes, json_node_get_array (after));
      else
        {
          /* The first edit of a cell stores its checklist: the titles come with it. */
          JsonNode *titles = member (after, "checklist");
          static const char * const skip[] = { "checklist", NULL };

          add_diff (d->changes, before, after, skip);
          if (titles != NULL && JSON_NODE_HOLDS_ARRAY (titles))
            add_template_titles (d->changes, json_node_get_array (titles));
        }
    }
  else if (g_str_equal (entity, "note"))
    {
      const char *target = string_member (after, "target");
      static const char * const skip[] = { "target", NULL };

      if (target == NULL)
        target = string_member (before, "target");
      d->subject = target != NULL ? attest_workspace_names_target (names, target)
                                  : g_strdup_printf (_("note %s"), id);
      add_diff (d->changes, before, after, skip);
    }
  else if (g_str_equal (entity, "evidence"))
    {
      const char *name = string_member (after, "name");

      d->subject = g_strdup (name != NULL ? name : attest_workspace_names_evidence (names, id));
      if (g_str_equal (action, "attach"))
        describe_attach (d, before, after, names);
      else
        add_diff (d->changes, before, after, NULL);
    }
  else if (g_str_equal (entity, "annotation"))
    {
      JsonNode *shown = after != NULL ? after : before;
      const char *sha = string_member (shown, "evidence");
      JsonNode *page = member (shown, "page");
      JsonNode *item = member (shown, "item");
      const char *text = string_member (shown, "text");

      const char *section = string_member (shown, "section");
      JsonNode *items = member (shown, "items");

      if (sha != NULL && page != NULL && json_node_get_value_type (page) == G_TYPE_INT64)
        /* Translators: where an annotation is: "page 3 of audit-report.pdf" */
        d->subject = g_strdup_printf (_("page %d of %s"), (int)CLAMP (json_node_get_int (page) + 1, 0, G_MAXINT),
                                      attest_workspace_names_evidence (names, sha));
      else if (section != NULL && g_str_has_prefix (section, "framework:"))
        d->subject = attest_workspace_names_target (names, section);
      else
        d->subject = g_strdup_printf (_("annotation %s"), id);
      if (before != NULL && after != NULL)
        add_diff (d->changes, before, after, (const char * const []) { "rects", "item", NULL });
      else
        {
          if (text != NULL && *text != '\0')
            {
              g_autofree char *line = one_line (text);
              g_ptr_array_add (d->changes, g_strdup_printf (_("“%s”"), line));
            }
          if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
            {
              JsonArray *ids = json_node_get_array (items);

              for (guint i = 0; i < json_array_get_length (ids); i++)
                {
                  JsonNode *one = json_array_get_element (ids, i);
                  g_autofree char *where = NULL;

                  if (!JSON_NODE_HOLDS_VALUE (one) || json_node_get_value_type (one) != G_TYPE_INT64)
                    continue;
                  where = attest_workspace_names_item (names, json_node_get_int (one));
                  g_ptr_array_add (d->changes, g_strdup_printf (_("for %s"), where));
                }
            }
          else if (item != NULL && json_node_get_value_type (item) == G_TYPE_INT64)
            {
              g_autofree char *where = attest_workspace_names_item (names, json_node_get_int (item));
              /* Translators: the checklist item an annotation is linked to */
              g_ptr_array_add (d->changes, g_strdup_printf (_("for %s"), where));
            }
        }
    }
  else if (g_str_equal (entity, "required-scopes"))
    {
      d->subject = g_strdup_printf ("%s (%s)", attest_workspace_names_scope (names, id), id);
      add_diff (d->changes, before, after, NULL);
    }
  else if (g_str_equal (entity, "my-services") || g_str_equal (entity, "service"))
    {
      d->subject = g_strdup (attest_workspace_names_service (names, id));
      add_diff (d->changes, before, after, NULL);
    }
  else
    {
      d->subject = g_strdup (id);
      add_diff (d->changes, before, after, NULL);
    }
  return g_steal_pointer (&d);
}

/* "What: subject" and the changes, one per line, as `attest-cli history` prints them. */
char *
attest_history_description_to_string (const AttestHistoryDescription *description)
{
  GString *s;

  g_return_val_if_fail (description != NULL, NULL);

  s = g_string_new (NULL);
  /* Translators: a history row: "Checklist item updated: SOC 2 × Intune, item 3" */
  g_string_append_printf (s, _("%s: %s"), description->what, description->subject);
  for (guint i = 0; i < description->changes->len; i++)
    g_string_append_printf (s, "\n%s", (const char *)description->changes->pdata[i]);
  return g_string_free (s, FALSE);
}
