/* attest-workspace-services.c: the analyst's merges and renames of services
 *
 * The rules keep apart what the analyst knows is one service ("Flux", learned
 * from a translation-only page, is Stream), or name one in a way the analyst
 * does not want. Both fixes are analyst data: one transaction and one history
 * row each, and exactly undoable.
 *
 * A merge is a row of service_merge (absorbed → survivor) that every reader
 * applies (the TEMP views service_root and service_display, made by
 * attest-workspace.c): coverage, checklists, evidence links, notes, names and
 * "My services" stay keyed by the service they were recorded for. The matrix
 * shows one row, the survivor's, with both services' cells; where both are
 * in a scope, the survivor's cell wins (an in-scope cell beats a flagged one)
 * and the absorbed service's own cell, checklist and evidence stay under its
 * own id (attest_workspace_list_cell_services() names them). An unmerge
 * deletes the row, and both services are back as they were.
 *
 * A rename pushes the analyst's name on a stack over the catalog name
 * (service.name, which the importer owns and never changes); the new name
 * joins the service's names, so the old one becomes an alias and every name
 * still resolves. Renaming straight back to the name before pops the stack
 * and forgets the name in between, so Undo leaves nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-services"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-service-names.h"
#include "attest-workspace-private.h"
#include "attest-workspace-services.h"
#include "attest-json.h"

void
attest_service_merge_free (AttestServiceMerge *merge)
{
  if (merge == NULL)
    return;
  g_free (merge->absorbed_id);
  g_free (merge->absorbed_name);
  g_free (merge->survivor_id);
  g_free (merge->survivor_name);
  g_free (merge->root_id);
  g_free (merge->merged_at);
  g_free (merge);
}

/* Binds text parameters in order (NULL binds SQL NULL) and steps once:
 * for statements that change something. */
static gboolean
run (AttestWorkspace  *self,
     GError          **error,
     const char       *sql,
     ...)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, sql, error);
  int n, rc;
  va_list ap;

  if (stmt == NULL)
    return FALSE;
  n = sqlite3_bind_parameter_count (stmt);
  va_start (ap, sql);
  for (int i = 1; i <= n; i++)
    sqlite3_bind_text (stmt, i, va_arg (ap, const char *), -1, SQLITE_TRANSIENT);
  va_end (ap);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 rowid;
  char *key;           /* as the name's key is made now */
  char *lang;
} NameRow;

static void
name_row_free (NameRow *row)
{
  g_free (row->key);
  g_free (row->lang);
  g_free (row);
}

/**
 * _attest_workspace_rekey_service_names:
 *
 * Makes every key of service_name again from its name, as
 * attest_service_names_key() makes keys now (within the caller's
 * transaction: a migration). Names whose keys became equal ("Azure Dev Ops",
 * "Azure DevOps") keep the row recorded first; the others are dropped, so the
 * name resolves to the service that had it first. No service, id, coverage
 * or history row changes: two services that now share a key stay two until
 * the analyst merges them.
 */
gboolean
_attest_workspace_rekey_service_names (AttestWorkspace  *self,
                                       GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify)name_row_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) drop = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _attest_workspace_prepare (self, "SELECT rowid, key, lang, name FROM service_name ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *old_key = _attest_column_text (stmt, 1);
      const char *lang = _attest_column_text (stmt, 2);
      g_autofree char *key = attest_service_names_key (_attest_column_text (stmt, 3));
      g_autofree char *rowid = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));
      NameRow *row;

      /* Punctuation alone, or a key an earlier row has: the name goes. */
      if (*key == '\0' || !g_hash_table_add (taken, g_strconcat (lang, "\x1f", key, NULL)))
        {
          g_ptr_array_add (drop, g_steal_pointer (&rowid));
          continue;
        }
      if (g_str_equal (key, old_key))
        continue;
      row = g_new0 (NameRow, 1);
      row->rowid = (gint64)sqlite3_column_int64 (stmt, 0);
      row->key = g_steal_pointer (&key);
      row->lang = g_strdup (lang);
      g_ptr_array_add (keep, row);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < drop->len; i++)
    if (!run (self, error, "DELETE FROM service_name WHERE rowid = CAST (?1 AS INTEGER)", drop->pdata[i]))
      return FALSE;

  /* Through keys no name has, so that no row meets another's old key on the way. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < keep->len; i++)
      {
        NameRow *row = keep->pdata[i];
        g_autofree char *rowid = g_strdup_printf ("%" G_GINT64_FORMAT, row->rowid);
        g_autofree char *parked = g_strdup_printf ("\x01%s", rowid);

        if (!run (self, error, "UPDATE service_name SET key = ?1 WHERE rowid = CAST (?2 AS INTEGER)",
                  pass == 0 ? parked : row->key, rowid))
          return FALSE;
      }
  return TRUE;
}

typedef struct {
  char *name;          /* as shown */
  char *catalog_name;
  char *survivor_id;   /* NULL unless merged into another */
  char *root_id;
  char *root_name;
} ServiceState;

static void
service_state_clear (ServiceState *s)
{
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->catalog_name, g_free);
  g_clear_pointer (&s->survivor_id, g_free);
  g_clear_pointer (&s->root_id, g_free);
  g_clear_pointer (&s->root_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServiceState, service_state_clear)

static gboolean
get_state (AttestWorkspace  *self,
           const char       *service_id,
           ServiceState     *out,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT d.name, d.catalog_name, m.survivor_id, r.root_id, rd.name "
                                    "FROM service_display d "
                                    "JOIN service_root r ON r.service_id = d.id "
                                    "JOIN service_display rd ON rd.id = r.root_id "
                                    "LEFT JOIN service_merge m ON m.absorbed_id = d.id "
                                    "WHERE d.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, service_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("No service has the id “%s” (see attest-cli services)"), service_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  out->name = g_strdup (_attest_column_text (stmt, 0));
  out->catalog_name = g_strdup (_attest_column_text (stmt, 1));
  out->survivor_id = g_strdup (_attest_column_text (stmt, 2));
  out->root_id = g_strdup (_attest_column_text (stmt, 3));
  out->root_name = g_strdup (_attest_column_text (stmt, 4));
  return TRUE;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* A name no other service has, in any language: otherwise --service NAME
 * would name two services, and the importer could not tell them apart. */
static gboolean
check_name_is_free (AttestWorkspace  *self,
                    const char       *service_id,
                    const char       *name,
                    GError          **error)
{
  g_autofree char *key = attest_service_names_key (name);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (*key == '\0')
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” cannot be a service name"), name);
      return FALSE;
    }

  /* Names the workspace resolves, then names as shown (an untranslated
   * service's name is only a translation). */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT n.service_id, r.root_id, rd.name, NULL FROM service_name n "
                                    "JOIN service_root r ON r.service_id = n.service_id "
                                    "JOIN service_display rd ON rd.id = r.root_id "
                                    "WHERE n.key = ?1 AND n.service_id <> ?2 "
                                    "UNION ALL "
                                    "SELECT d.id, r.root_id, rd.name, d.name FROM service_display d "
                                    "JOIN service_root r ON r.service_id = d.id "
                                    "JOIN service_display rd ON rd.id = r.root_id "
                                    "WHERE d.id <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *other = _attest_column_text (stmt, 0);
      const char *root = _attest_column_text (stmt, 1);
      const char *root_name = _attest_column_text (stmt, 2);
      const char *other_name = _attest_column_text (stmt, 3);
      /* NULL: one of its names, matched by key already. */
      g_autofree char *other_key = other_name != NULL ? attest_service_names_key (other_name) : NULL;

      if (other_key != NULL && !g_str_equal (other_key, key))
        continue;
      if (g_strcmp0 (root, service_id) == 0)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                     _("“%s” is a name of the service “%s”, which is merged into this one: "
                       "undo that merge first, or choose another name"), name, other);
      else
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                     _("Another service already has the name “%s”: %s"), name, root_name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
name_json (const char *name)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
rename_locked (AttestWorkspace  *self,
               const char       *service_id,
               const char       *wanted,
               gboolean          dry_run,
               gboolean         *changed,
               GError          **error)
{
  g_auto(ServiceState) state = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *top_name = NULL;
  g_autofree char *below_name = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  gint64 top_depth = 0;
  gboolean top_added = FALSE;
  gboolean is_pop;
  const char *target;
  int rc;

  if (!get_state (self, service_id, &state, error))
    return FALSE;
  if (state.survivor_id != NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is merged into “%s”: rename that service instead"), state.name, state.root_name);
      return FALSE;
    }

  target = *wanted != '\0' ? wanted : state.catalog_name;
  if (g_str_equal (target, state.name))
    return TRUE;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT depth, name, added_name FROM service_rename WHERE service_id = ?1 "
                                    "ORDER BY depth DESC LIMIT 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, service_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (top_name == NULL)
        {
          top_depth = sqlite3_column_int64 (stmt, 0);
          top_name = g_strdup (_attest_column_text (stmt, 1));
          top_added = sqlite3_column_int (stmt, 2) != 0;
        }
      else
        below_name = g_strdup (_attest_column_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  if (top_name != NULL && below_name == NULL)
    below_name = g_strdup (state.catalog_name);

  /* Only a new name can clash: the catalog's and the one before were this
   * service's already. Once checked, a known key is this service's own. */
  is_pop = top_name != NULL && g_str_equal (target, below_name);
  if (!is_pop && !g_str_equal (target, state.catalog_name) &&
      !check_name_is_free (self, service_id, target, error))
    return FALSE;
  if (dry_run)
    return TRUE;

  if (is_pop)
    {
      /* Straight back: the undo of the last rename. The name it added goes
       * too, unless a page imported since uses it. */
      g_autofree char *depth = g_strdup_printf ("%" G_GINT64_FORMAT, top_depth);
      g_autofree char *key = attest_service_names_key (top_name);

      if (!run (self, error, "DELETE FROM service_rename WHERE service_id = ?1 AND depth = ?2",
                service_id, depth))
        return FALSE;
      if (top_added &&
          !run (self, error,
                "DELETE FROM service_name WHERE key = ?1 AND lang = '' AND service_id = ?2 AND origin = 'analyst' "
                "AND NOT EXISTS (SELECT 1 FROM mention WHERE service_id = ?2 AND name = ?3)",
                key, service_id, top_name))
        return FALSE;
    }
  else if (g_str_equal (target, state.catalog_name))
    {
      /* Back to the catalog's name: the names given meanwhile stay aliases. */
      if (!run (self, error, "DELETE FROM service_rename WHERE service_id = ?1", service_id))
        return FALSE;
    }
  else
    {
      g_autofree char *key = attest_service_names_key (target);
      g_autofree char *known = NULL;
      g_autofree char *depth = g_strdup_printf ("%" G_GINT64_FORMAT, top_depth + 1);

      known = _attest_workspace_query_text (self, "SELECT service_id FROM service_name WHERE key = ?1 AND lang = ''",
                                            key);
      if (known == NULL &&
          !run (self, error,
                "INSERT INTO service_name (key, lang, service_id, name, origin) VALUES (?1, '', ?2, ?3, 'analyst')",
                key, service_id, target))
        return FALSE;
      if (!run (self, error,
                "INSERT INTO service_rename (service_id, depth, name, added_name) VALUES (?1, ?2, ?3, ?4)",
                service_id, depth, target, known == NULL ? "1" : "0"))
        return FALSE;
    }

  before = name_json (state.name);
  after = name_json (target);
  if (!_attest_history_append (self, "service", service_id, "rename", before, after, error))
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

/* The name asked for, trimmed; "" for the catalog's. */
static char *
normalize_name (const char  *new_name,
                GError     **error)
{
  g_autofree char *wanted = NULL;

  if (new_name != NULL && !g_utf8_validate (new_name, -1, NULL))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A service name must be text (UTF-8)"));
      return NULL;
    }
  wanted = g_strstrip (g_strdup (new_name != NULL ? new_name : ""));
  if (*wanted == '\0' && new_name != NULL && *new_name != '\0')
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A service name cannot be only spaces"));
      return NULL;
    }
  if (has_control_characters (wanted))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A service name is one line of text"));
      return NULL;
    }
  return g_steal_pointer (&wanted);
}

/**
 * attest_workspace_rename_service:
 * @new_name: (nullable): the name to show; %NULL or "" for the catalog's name
 *
 * Shows the service under another name everywhere; its id never changes, and
 * its former name stays an alias (--service OLD still finds it). Renaming
 * straight back to the previous name is the undo: nothing of the rename
 * stays. Refused: a name that is empty or only spaces, a name another service
 * has, a service merged into another. The same name again changes nothing.
 */
gboolean
attest_workspace_rename_service (AttestWorkspace  *self,
                                 const char       *service_id,
                                 const char       *new_name,
                                 GError          **error)
{
  g_autofree char *wanted = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  wanted = normalize_name (new_name, error);
  if (wanted == NULL)
    return FALSE;

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  if (!rename_locked (self, service_id, wanted, FALSE, &changed, error))
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }
  if (!changed)
    {
      _attest_workspace_rollback (self);
      return TRUE;
    }
  return _attest_workspace_commit (self, error);
}

/**
 * attest_workspace_check_service_rename:
 *
 * Whether attest_workspace_rename_service() would accept @new_name, with the
 * same error if not; stores nothing. For a dialog that checks as one types.
 */
gboolean
attest_workspace_check_service_rename (AttestWorkspace  *self,
                                       const char       *service_id,
                                       const char       *new_name,
                                       GError          **error)
{
  g_autofree char *wanted = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  wanted = normalize_name (new_name, error);
  return wanted != NULL && rename_locked (self, service_id, wanted, TRUE, &changed, error);
}

/* Scopes where both services (with what was merged into each) have a cell. */
static JsonNode *
overlap_json (AttestWorkspace  *self,
              const char       *survivor_root,
              const char       *absorbed_root,
              GError          **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT scope_id FROM coverage WHERE service_id IN "
                                    "  (SELECT service_id FROM service_root WHERE root_id = ?1) "
                                    "INTERSECT "
                                    "SELECT scope_id FROM coverage WHERE service_id IN "
                                    "  (SELECT service_id FROM service_root WHERE root_id = ?2) "
                                    "ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, absorbed_root, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, survivor_root, -1, SQLITE_TRANSIENT);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_string_value (b, _attest_column_text (stmt, 0));
  json_builder_end_array (b);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return json_builder_get_root (b);
}

static JsonNode *
merge_json (const char *id,
            const char *name,
            const char *into,
            const char *into_name,
            JsonNode   *overlap)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  attest_json_add_string_or_null (b, "merged_into", into);
  if (into_name != NULL)
    {
      json_builder_set_member_name (b, "merged_into_name");
      json_builder_add_string_value (b, into_name);
    }
  if (overlap != NULL)
    {
      /* Where the survivor's cell is shown and this one's kept aside. */
      json_builder_set_member_name (b, "both_in_scopes");
      json_builder_add_value (b, json_node_copy (overlap));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
merge_locked (AttestWorkspace  *self,
              const char       *survivor_id,
              const char       *absorbed_id,
              GError          **error)
{
  g_auto(ServiceState) survivor = { 0 };
  g_auto(ServiceState) absorbed = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autoptr(JsonNode) overlap = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (!get_state (self, survivor_id, &survivor, error) ||
      !get_state (self, absorbed_id, &absorbed, error))
    return FALSE;
  if (absorbed.survivor_id != NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is already merged into “%s”"), absorbed.name, absorbed.root_name);
      return FALSE;
    }
  if (survivor.survivor_id != NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is merged into “%s”: merge into that service instead"),
                   survivor.name, survivor.root_name);
      return FALSE;
    }

  overlap = overlap_json (self, survivor_id, absorbed_id, error);
  if (overlap == NULL)
    return FALSE;
  if (!run (self, error, "INSERT INTO service_merge (absorbed_id, survivor_id, merged_at) VALUES (?1, ?2, ?3)",
            absorbed_id, survivor_id, now_iso))
    return FALSE;

  before = merge_json (absorbed_id, absorbed.name, NULL, NULL, NULL);
  after = merge_json (absorbed_id, absorbed.name, survivor_id, survivor.name, overlap);
  return _attest_history_append (self, "service", absorbed_id, "merge", before, after, error);
}

/**
 * attest_workspace_merge_services:
 * @survivor_id: the service that stays: its id and name
 * @absorbed_id: the service that shows as part of it from now on
 *
 * One row in the matrix from now on: the survivor's, with the cells of both;
 * the absorbed service's names and translations resolve to the survivor, also
 * when a later import names it. Nothing of the absorbed service is moved or
 * lost: attest_workspace_unmerge_service() gives it back as it was. Both must
 * be services that are not merged into another; a service cannot be merged
 * into itself.
 */
gboolean
attest_workspace_merge_services (AttestWorkspace  *self,
                                 const char       *survivor_id,
                                 const char       *absorbed_id,
                                 GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (survivor_id != NULL && absorbed_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_str_equal (survivor_id, absorbed_id))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A service cannot be merged into itself (“%s”)"), survivor_id);
      return FALSE;
    }

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  if (!merge_locked (self, survivor_id, absorbed_id, error))
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }
  return _attest_workspace_commit (self, error);
}

static gboolean
unmerge_locked (AttestWorkspace  *self,
                const char       *absorbed_id,
                GError          **error)
{
  g_auto(ServiceState) absorbed = { 0 };
  g_autofree char *survivor_name = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (!get_state (self, absorbed_id, &absorbed, error))
    return FALSE;
  if (absorbed.survivor_id == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not merged into another service"), absorbed.name);
      return FALSE;
    }
  survivor_name = _attest_workspace_query_text (self, "SELECT name FROM service_display WHERE id = ?1",
                                                absorbed.survivor_id);
  if (!run (self, error, "DELETE FROM service_merge WHERE absorbed_id = ?1", absorbed_id))
    return FALSE;

  before = merge_json (absorbed_id, absorbed.name, absorbed.survivor_id, survivor_name, NULL);
  after = merge_json (absorbed_id, absorbed.name, NULL, NULL, NULL);
  return _attest_history_append (self, "service", absorbed_id, "unmerge", before, after, error);
}

/**
 * attest_workspace_unmerge_service:
 * @absorbed_id: a service merged into another
 *
 * The undo of a merge: the service has its own row again, with its own cells,
 * checklists, evidence, notes, names and "My services" membership, as before
 * the merge. Services merged into it stay with it; it alone leaves.
 */
gboolean
attest_workspace_unmerge_service (AttestWorkspace  *self,
                                  const char       *absorbed_id,
                                  GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (absorbed_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  if (!unmerge_locked (self, absorbed_id, error))
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }
  return _attest_workspace_commit (self, error);
}

/**
 * attest_workspace_list_service_merges:
 *
 * Returns: (element-type AttestServiceMerge): every merge, oldest first.
 */
GPtrArray *
attest_workspace_list_service_merges (AttestWorkspace  *self,
                                      GError          **error)
{
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_service_merge_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT m.absorbed_id, da.name, m.survivor_id, ds.name, r.root_id, m.merged_at "
                                    "FROM service_merge m "
                                    "JOIN service_display da ON da.id = m.absorbed_id "
                                    "JOIN service_display ds ON ds.id = m.survivor_id "
                                    "JOIN service_root r ON r.service_id = m.absorbed_id "
                                    "ORDER BY m.merged_at, m.absorbed_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestServiceMerge *m = g_new0 (AttestServiceMerge, 1);

      m->absorbed_id = g_strdup (_attest_column_text (stmt, 0));
      m->absorbed_name = g_strdup (_attest_column_text (stmt, 1));
      m->survivor_id = g_strdup (_attest_column_text (stmt, 2));
      m->survivor_name = g_strdup (_attest_column_text (stmt, 3));
      m->root_id = g_strdup (_attest_column_text (stmt, 4));
      m->merged_at = g_strdup (_attest_column_text (stmt, 5));
      g_ptr_array_add (merges, m);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&merges);
}

/**
 * attest_workspace_get_service_catalog_name:
 *
 * Returns: the name the catalog gave the service, whatever the analyst
 *   renamed it to (what a rename to %NULL goes back to).
 */
char *
attest_workspace_get_service_catalog_name (AttestWorkspace  *self,
                                           const char       *service_id,
                                           GError          **error)
{
  char *name;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  name = _attest_workspace_query_text (self, "SELECT name FROM service WHERE id = ?1", service_id);
  if (name == NULL)
    g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                 _("No service has the id “%s” (see attest-cli services)"), service_id);
  return name;
}

static GPtrArray *
cell_services (AttestWorkspace  *self,
               const char       *scope_id,
               const char       *service_id,
               gboolean          first_only,
               GError          **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The same order as the matrix: in scope first, then the survivor before
   * what was merged into it, nearest first. */
  stmt = _attest_workspace_prepare (self,
                                    first_only
                                    ? "SELECT c.service_id FROM coverage c "
                                      "JOIN service_root r ON r.service_id = c.service_id "
                                      "WHERE c.scope_id = ?1 AND r.root_id = ?2 "
                                      "ORDER BY c.in_scope DESC, r.depth, c.service_id LIMIT 1"
                                    : "SELECT c.service_id FROM coverage c "
                                      "JOIN service_root r ON r.service_id = c.service_id "
                                      "WHERE c.scope_id = ?1 AND r.root_id = "
                                      "  (SELECT root_id FROM service_root WHERE service_id = ?2) "
                                      "ORDER BY c.in_scope DESC, r.depth, c.service_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * attest_workspace_list_cell_services:
 * @service_id: a service, or any service merged into it
 *
 * The services with a cell in @scope_id in @service_id's matrix row: the one
 * whose cell the matrix shows first, then those whose cells (with their
 * checklists and evidence) are kept aside under their own ids, readable with
 * attest_workspace_get_checklist() on that id.
 *
 * Returns: (element-type utf8): service ids; empty when the row has no cell there
 */
GPtrArray *
attest_workspace_list_cell_services (AttestWorkspace  *self,
                                     const char       *scope_id,
                                     const char       *service_id,
                                     GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (scope_id != NULL && service_id != NULL, NULL);

  return cell_services (self, scope_id, service_id, FALSE, error);
}

/* A matrix row's id (a service not merged into another) stands for the whole
 * row: its cell in @scope_id may be one recorded for a service merged into it.
 * A merged service's own id keeps addressing its own rows. */
char *
_attest_workspace_cell_owner (AttestWorkspace *self,
                              const char      *scope_id,
                              const char      *service_id)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *merged = _attest_workspace_query_text (self,
                                                          "SELECT survivor_id FROM service_merge WHERE absorbed_id = ?1",
                                                          service_id);

  if (merged != NULL)
    return NULL;
  ids = cell_services (self, scope_id, service_id, TRUE, NULL);
  if (ids == NULL || ids->len == 0)
    return NULL;
  return g_strdup (ids->pdata[0]);
}
