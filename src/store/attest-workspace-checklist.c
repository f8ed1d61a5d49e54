/* attest-workspace-checklist.c: the evidence checklist of each in-scope cell
 *
 * A cell gets its checklist the first time anyone asks for it, from the
 * template in data/checklists/ for its scope, else its parent scope, else its
 * framework, else default.txt. Every edit is one transaction and one history row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-checklist"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-paths.h"
#include "attest-search.h"
#include "attest-service-names.h"
#include "attest-workspace-checklist-private.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-private.h"
#include "attest-workspace-services.h"
#include "attest-json.h"

static const char * const statuses[] = {
  "not-started", "in-progress", "satisfied", "not-applicable", "exception", NULL
};

/* The file is untrusted: a status outside the five (the CHECK constraint can
 * be bypassed) reads as not started, a missing text as empty. */
static const char *
known_status (const char *status)
{
  return status != NULL && g_strv_contains (statuses, status) ? status : "not-started";
}

static const char *
text_or_empty (sqlite3_stmt *stmt,
               int           i)
{
  const char *text = _attest_column_text (stmt, i);

  return text != NULL ? text : "";
}

void
attest_checklist_item_free (AttestChecklistItem *item)
{
  if (item == NULL)
    return;
  g_free (item->scope_id);
  g_free (item->service_id);
  g_free (item->title);
  g_free (item->status);
  g_free (item->owner);
  g_free (item->due);
  g_clear_pointer (&item->evidence, g_ptr_array_unref);
  g_free (item);
}

gboolean
attest_checklist_status_is_valid (const char *status)
{
  return status != NULL && g_strv_contains (statuses, status);
}

/* The cell's word (DESIGN.md "Model"): exception beats everything; satisfied when
 * every item is satisfied or not applicable; in progress once any has started. */
const char *
attest_rollup_word (const AttestRollup *r,
                    gboolean            in_scope)
{
  if (!in_scope)
    return "no-longer-in-scope";
  if (r->exceptions > 0)
    return "exception";
  if (r->total > 0 && r->satisfied + r->not_applicable == r->total)
    return "satisfied";
  if (r->started > 0)
    return "in-progress";
  return "not-started";
}

/**
 * attest_rollup_fill_cell:
 * @in_scope: %FALSE for a flagged cell ("no longer in scope")
 *
 * What a matrix cell shows of its checklist: the roll-up word, the items, the
 * satisfied ones (not applicable counts as satisfied) and the exceptions.
 */
void
attest_rollup_fill_cell (const AttestRollup *r,
                         gboolean            in_scope,
                         AttestMatrixCell   *cell)
{
  g_return_if_fail (r != NULL && cell != NULL);

  g_free (cell->rollup);
  cell->rollup = g_strdup (attest_rollup_word (r, in_scope));
  cell->n_items = r->total;
  cell->n_satisfied = r->satisfied + r->not_applicable;
  cell->n_exceptions = r->exceptions;
}

/**
 * attest_checklist_item_is_overdue:
 * @today: YYYY-MM-DD
 *
 * An item is overdue when its due date has passed (a date due today is not
 * yet) and it is neither satisfied nor not applicable: an exception past its
 * date is still work to do.
 */
gboolean
attest_checklist_item_is_overdue (const AttestChecklistItem *item,
                                  const char                *today)
{
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (item->due == NULL || *item->due == '\0')
    return FALSE;
  if (g_strcmp0 (item->status, "satisfied") == 0 || g_strcmp0 (item->status, "not-applicable") == 0)
    return FALSE;
  /* YYYY-MM-DD compares as text. */
  return strcmp (item->due, today) < 0;
}

/**
 * attest_workspace_resolve_service:
 *
 * --service NAME (DESIGN.md): matches an id, a name, an alias or a translation,
 * case-folded; several services matching is a usage error naming them. A
 * service merged into another resolves to the one whose row it shows in, by
 * its id or any of its names.
 */
gboolean
attest_workspace_resolve_service (AttestWorkspace  *self,
                                  const char       *name,
                                  char            **service_id,
                                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *key = attest_service_names_key (name);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  int rc;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT DISTINCT r.root_id, d.name FROM service s "
                                    "LEFT JOIN service_name n ON n.service_id = s.id "
                                    "JOIN service_root r ON r.service_id = s.id "
                                    "JOIN service_display d ON d.id = r.root_id "
                                    "WHERE s.id = ?1 OR n.key = ?2 ORDER BY d.name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, g_strdup (_attest_column_text (stmt, 0)));
      g_ptr_array_add (names, g_strdup_printf ("%s (%s)", _attest_column_text (stmt, 1), _attest_column_text (stmt, 0)));
    }
  g_ptr_array_set_free_func (names, g_free);

  if (ids->len == 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("No service is called “%s”"), name);
      return FALSE;
    }
  if (ids->len > 1)
    {
      g_ptr_array_add (names, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **)names->pdata);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” names several services: %s"), name, list);
      return FALSE;
    }
  *service_id = g_strdup (ids->pdata[0]);
  return TRUE;
}

/**
 * attest_workspace_resolve_cell:
 * @scope: a scope id ("soc/soc-2") or, within @framework, a scope name ("SOC 2")
 *
 * Finds the in-scope (or flagged) cell the CLI's --framework/--scope/--service name.
 */
gboolean
attest_workspace_resolve_cell (AttestWorkspace  *self,
                               const char       *framework,
                               const char       *scope,
                               const char       *service,
                               char            **scope_id,
                               char            **service_id,
                               GError          **error)
{
  g_autofree char *sid = NULL;
  g_autofree char *svc = NULL;
  g_autofree char *covered = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (framework == NULL || scope == NULL || service == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("A cell is named by --framework ID --scope S --service NAME"));
      return FALSE;
    }

  sid = _attest_workspace_query_text (self, "SELECT id FROM scope WHERE id = ?1 AND framework_id = ?2",
                                      scope, framework);
  if (sid == NULL)
    sid = _attest_workspace_query_text (self,
                                        "SELECT id FROM scope WHERE framework_id = ?2 AND lower (name) = lower (?1) "
                                        "ORDER BY sort_order LIMIT 1",
                                        scope, framework);
  if (sid == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("Framework “%s” has no scope “%s” (see attest-cli frameworks)"), framework, scope);
      return FALSE;
    }

  if (!attest_workspace_resolve_service (self, service, &svc, error))
    return FALSE;

  /* The row's cell may be one recorded for a service merged into it. */
  covered = _attest_workspace_query_text (self,
                                          "SELECT c.service_id FROM coverage c "
                                          "JOIN service_root r ON r.service_id = c.service_id "
                                          "WHERE c.scope_id = ?1 AND r.root_id = ?2",
                                          sid, svc);
  if (covered == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("%s is not in scope of %s"), svc, sid);
      return FALSE;
    }

  *scope_id = g_steal_pointer (&sid);
  *service_id = g_steal_pointer (&svc);
  return TRUE;
}

/* Attest's data is missing or empty: one honest item rather than none. */
#define FALLBACK_TITLE NC_("checklist item", "Evidence obtained and reviewed")

/**
 * attest_checklist_title_display:
 * @title: an item's stored title
 *
 * An item keeps its template line in English, whatever the language of
 * whoever opened the cell first, so the workspace and its history read the
 * same everywhere; this is what the window, attest-cli and History show of
 * it: a template line in the reader's language, any other text as it is.
 *
 * Returns: (transfer none): @title translated, or @title
 */
const char *
attest_checklist_title_display (const char *title)
{
  const char * const *titles = _attest_checklist_titles ();

  if (title == NULL)
    return "";
  if (g_str_equal (title, FALLBACK_TITLE) || g_strv_contains (titles, title))
    return g_dpgettext2 (GETTEXT_PACKAGE, "checklist item", title);
  return title;
}

/* The template lines for a scope: its own, its parent's, its framework's, the default.
 * In English as the file has them: a line is the item's identity. */
static GPtrArray *
load_template (AttestWorkspace *self,
               const char      *scope_id)
{
  g_autofree char *parent = _attest_workspace_query_text (self, "SELECT parent_id FROM scope WHERE id = ?1", scope_id);
  g_autofree char *framework = _attest_workspace_query_text (self, "SELECT framework_id FROM scope WHERE id = ?1",
                                                             scope_id);
  const char *candidates[] = { scope_id, parent, framework, "default" };
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (candidates) && lines->len == 0; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) split = NULL;

      if (candidates[i] == NULL)
        continue;
      name = g_strdup (candidates[i]);
      g_strdelimit (name, "/", '.');
      path = g_strdup_printf ("%s/checklists/%s.txt", attest_paths_data_dir (), name);
      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      split = g_strsplit (text, "\n", -1);
      for (guint j = 0; split[j] != NULL; j++)
        {
          g_strstrip (split[j]);
          if (split[j][0] != '\0' && split[j][0] != '#')
            g_ptr_array_add (lines, g_strdup (split[j]));
        }
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (FALLBACK_TITLE));
  return lines;
}

static JsonNode *
item_json (const char *title,
           const char *status,
           const char *owner,
           const char *due)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  if (title != NULL)
    {
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
    }
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "owner");
  json_builder_add_string_value (b, owner != NULL ? owner : "");
  attest_json_add_string_or_null (b, "due", due);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* A checklist item in the search index: its title and owner, so "bridge
 * letter" or an owner's name finds it. A template line is indexed in English
 * (as stored) and as the reader sees it (attest_checklist_title_display():
 * the message catalog's translation for the running locale), so "lettre de
 * couverture" finds it too. Inside the caller's transaction. */
static gboolean
index_item (AttestWorkspace  *self,
            gint64            item_id,
            const char       *title,
            const char       *owner,
            GError          **error)
{
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
  const char *shown = attest_checklist_title_display (title);
  g_autoptr(GString) text = g_string_new (title);
  g_autofree char *body = NULL;

  if (g_strcmp0 (shown, title) != 0)
    g_string_append_printf (text, "\n%s", shown);
  if (owner != NULL && *owner != '\0')
    g_string_append_printf (text, "\n%s", owner);
  body = g_string_free (g_steal_pointer (&text), FALSE);

  /* No title of its own: a result names the item by its cell. */
  return _attest_search_put (self, "item", ref, "", body, error);
}

/**
 * _attest_workspace_index_items:
 *
 * Indexes every checklist item when none is: a workspace whose items were
 * made before items were indexed (from then on each is indexed with the
 * change that makes or edits it, so "some indexed" means "all indexed").
 * Inside the caller's transaction; cheap when there is nothing to do.
 */
gboolean
_attest_workspace_items_unindexed (AttestWorkspace *self)
{
  g_autofree char *needed = _attest_workspace_query_text (self,
                                                          "SELECT 1 WHERE EXISTS (SELECT 1 FROM checklist_item) "
                                                          "AND NOT EXISTS (SELECT 1 FROM search_key WHERE kind = ?1)",
                                                          "item");

  return needed != NULL;
}

gboolean
_attest_workspace_index_items (AttestWorkspace  *self,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_attest_workspace_items_unindexed (self))
    return TRUE;
  stmt = _attest_workspace_prepare (self, "SELECT id, title, owner FROM checklist_item ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!index_item (self, sqlite3_column_int64 (stmt, 0), _attest_column_text (stmt, 1),
                     _attest_column_text (stmt, 2), error))
      return FALSE;
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      return FALSE;
    }
  return TRUE;
}

/* Stores a cell's items from its template, inside the caller's transaction:
 * the edit that needs them writes the history row. */
static gboolean
instantiate (AttestWorkspace  *self,
             const char       *scope_id,
             const char       *service_id,
             GError          **error)
{
  g_autoptr(GPtrArray) lines = load_template (self, scope_id);

  if (!_attest_workspace_index_items (self, error))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(sqlite3_stmt) stmt =
        _attest_workspace_prepare (self, "INSERT INTO checklist_item (scope_id, service_id, position, title) "
                                         "VALUES (?1, ?2, ?3, ?4)", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int)i + 1);
      sqlite3_bind_text (stmt, 4, lines->pdata[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
          return FALSE;
        }
      if (!index_item (self, sqlite3_last_insert_rowid (_attest_workspace_get_db (self)), lines->pdata[i], "", error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Items not stored yet ------------------------------------------------------
 *
 * Opening a cell writes nothing: a cell whose checklist was never edited
 * shows its template's items under provisional ids (negative). The first
 * edit that names one stores the cell's items, inside that edit's
 * transaction and under its history row. The ids are the process's, per
 * workspace file: a worker's own connection to the file (attaching files)
 * knows the ids the window's connection gave. */
typedef struct {
  char *path;
  char *scope_id;
  char *service_id;    /* the cell's own service: where its items are stored */
  guint position;
} Provisional;

static void
provisional_free (Provisional *p)
{
  g_free (p->path);
  g_free (p->scope_id);
  g_free (p->service_id);
  g_free (p);
}

G_LOCK_DEFINE_STATIC (provisional);
static GHashTable *provisional_by_key;  /* "path\x1fscope\x1fservice\x1fposition" → gint64 * */
static GHashTable *provisional_by_id;   /* gint64 * → Provisional */

static gint64
provisional_id (AttestWorkspace *self,
                const char      *scope_id,
                const char      *service_id,
                guint            position)
{
  const char *path = attest_workspace_get_path (self);
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%u", path, scope_id, service_id, position);
  gint64 *id;
  gint64 result;
  Provisional *p;

  G_LOCK (provisional);
  if (provisional_by_key == NULL)
    {
      provisional_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      provisional_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                 (GDestroyNotify)provisional_free);
    }
  id = g_hash_table_lookup (provisional_by_key, key);
  if (id == NULL)
    {
      id = g_new (gint64, 1);
      *id = -(gint64)g_hash_table_size (provisional_by_id) - 1;
      p = g_new0 (Provisional, 1);
      p->path = g_strdup (path);
      p->scope_id = g_strdup (scope_id);
      p->service_id = g_strdup (service_id);
      p->position = position;
      g_hash_table_insert (provisional_by_key, g_steal_pointer (&key), id);
      g_hash_table_insert (provisional_by_id, id, p);
    }
  result = *id;
  G_UNLOCK (provisional);
  return result;
}

/* The cell and position a provisional id of this workspace's file stands for. */
static gboolean
provisional_lookup (AttestWorkspace  *self,
                    gint64            item_id,
                    char            **scope_id,
                    char            **service_id,
                    guint            *position)
{
  Provisional *p;
  gboolean found = FALSE;

  G_LOCK (provisional);
  p = provisional_by_id != NULL ? g_hash_table_lookup (provisional_by_id, &item_id) : NULL;
  if (p != NULL && g_strcmp0 (p->path, attest_workspace_get_path (self)) == 0)
    {
      *scope_id = g_strdup (p->scope_id);
      *service_id = g_strdup (p->service_id);
      *position = p->position;
      found = TRUE;
    }
  G_UNLOCK (provisional);
  return found;
}

/* The template's items of a cell not stored yet. */
static GPtrArray *
template_items (AttestWorkspace *self,
                const char      *scope_id,
                const char      *service_id,
                const char      *shown_id)
{
  g_autoptr(GPtrArray) lines = load_template (self, scope_id);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_checklist_item_free);

  for (guint i = 0; i < lines->len; i++)
    {
      AttestChecklistItem *item = g_new0 (AttestChecklistItem, 1);

      item->id = provisional_id (self, scope_id, service_id, i + 1);
      item->scope_id = g_strdup (scope_id);
      item->service_id = g_strdup (shown_id);
      item->position = i + 1;
      item->title = g_strdup (lines->pdata[i]);
      item->status = g_strdup ("not-started");
      item->owner = g_strdup ("");
      item->evidence = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (items, item);
    }
  return items;
}

GPtrArray *
_attest_workspace_checklist_template (AttestWorkspace *self,
                                      const char      *scope_id,
                                      const char      *service_id)
{
  return template_items (self, scope_id, service_id, service_id);
}

/**
 * _attest_workspace_store_item:
 * @item_id: an item's id, or the provisional id of one not stored yet
 *
 * Inside the caller's transaction: stores the checklist of a provisional
 * item's cell (from its template) if nobody has yet, and gives the item's
 * id. A stored item's id is given back as it is. @created says the items
 * were stored now.
 *
 * Returns: the item's id, or 0 with @error set
 */
gint64
_attest_workspace_store_item (AttestWorkspace  *self,
                              gint64            item_id,
                              gboolean         *created,
                              GError          **error)
{
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *position_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  guint position = 0;

  g_assert (!sqlite3_get_autocommit (_attest_workspace_get_db (self)));

  if (created != NULL)
    *created = FALSE;
  if (item_id > 0)
    return item_id;
  if (!provisional_lookup (self, item_id, &scope_id, &service_id, &position))
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND, _("No checklist item %s"), text);
      return 0;
    }
  /* Another process, or an earlier edit, may have stored it already. */
  stored = _attest_workspace_query_text (self, "SELECT 1 FROM checklist_item WHERE scope_id = ?1 AND service_id = ?2 "
                                               "LIMIT 1", scope_id, service_id);
  if (stored == NULL)
    {
      if (!instantiate (self, scope_id, service_id, error))
        return 0;
      if (created != NULL)
        *created = TRUE;
    }
  position_text = g_strdup_printf ("%u", position);
  id = _attest_workspace_query_text (self, "SELECT id FROM checklist_item WHERE scope_id = ?1 AND service_id = ?2 "
                                           "AND position = CAST (?3 AS INTEGER)", scope_id, service_id, position_text);
  if (id == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND, _("No checklist item %s"), position_text);
      return 0;
    }
  return g_ascii_strtoll (id, NULL, 10);
}

/* The items stored for @service_id's cell, each carrying @shown_id (the
 * matrix row asked for, which may differ after a merge). */
static GPtrArray *
read_items (AttestWorkspace  *self,
            const char       *scope_id,
            const char       *service_id,
            const char       *shown_id,
            GError          **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_checklist_item_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ev = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT id, position, title, status, owner, due FROM checklist_item "
                                    "WHERE scope_id = ?1 AND service_id = ?2 ORDER BY position", error);
  ev = _attest_workspace_prepare (self, "SELECT sha256 FROM item_evidence WHERE item_id = ?1 ORDER BY sha256", error);
  if (stmt == NULL || ev == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestChecklistItem *item = g_new0 (AttestChecklistItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->scope_id = g_strdup (scope_id);
      item->service_id = g_strdup (shown_id);
      item->position = sqlite3_column_int (stmt, 1);
      item->title = g_strdup (text_or_empty (stmt, 2));
      item->status = g_strdup (known_status (_attest_column_text (stmt, 3)));
      item->owner = g_strdup (text_or_empty (stmt, 4));
      item->due = g_strdup (_attest_column_text (stmt, 5));
      item->evidence = g_ptr_array_new_with_free_func (g_free);
      sqlite3_reset (ev);
      sqlite3_bind_int64 (ev, 1, item->id);
      while ((rc = sqlite3_step (ev)) == SQLITE_ROW)
        if (_attest_column_text (ev, 0) != NULL)
          g_ptr_array_add (item->evidence, g_strdup (_attest_column_text (ev, 0)));
      g_ptr_array_add (items, item);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * attest_workspace_get_checklist:
 *
 * A matrix row's id gets the checklist of the cell the matrix shows, which
 * after a merge may be the one recorded for a service merged into it; the
 * items carry the row's id all the same (they are that row's cell), and go
 * back to their own service when it is unmerged. A merged service's own id
 * gets its own.
 *
 * Writes nothing: a cell never edited gives its template's items, with
 * provisional (negative) ids that every edit taking an item id accepts; the
 * first such edit stores the cell's items with it (one transaction, one
 * history row).
 *
 * Returns: (element-type AttestChecklistItem): the cell's items
 */
GPtrArray *
attest_workspace_get_checklist (AttestWorkspace  *self,
                                const char       *scope_id,
                                const char       *service_id,
                                GError          **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *owner = NULL;
  const char *shown_id = service_id;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  owner = _attest_workspace_cell_owner (self, scope_id, service_id);
  if (owner != NULL)
    service_id = owner;

  items = read_items (self, scope_id, service_id, shown_id, error);
  if (items == NULL || items->len > 0)
    return g_steal_pointer (&items);
  g_clear_pointer (&items, g_ptr_array_unref);
  return template_items (self, scope_id, service_id, shown_id);
}

/**
 * _attest_workspace_read_item:
 *
 * One item by its id, without its evidence (%NULL there); inside the caller's
 * transaction when there is one. A missing item is ATTEST_STORE_ERROR_NOT_FOUND.
 */
AttestChecklistItem *
_attest_workspace_read_item (AttestWorkspace  *self,
                             gint64            item_id,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  AttestChecklistItem *item;
  int rc;

  stmt = _attest_workspace_prepare (self, "SELECT scope_id, service_id, position, title, status, owner, due "
                                          "FROM checklist_item WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          /* G_GINT64_FORMAT cannot stand inside a translatable string. */
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("No checklist item %s"), id);
        }
      else
        _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }

  item = g_new0 (AttestChecklistItem, 1);
  item->id = item_id;
  item->scope_id = g_strdup (_attest_column_text (stmt, 0));
  item->service_id = g_strdup (_attest_column_text (stmt, 1));
  item->position = sqlite3_column_int (stmt, 2);
  item->title = g_strdup (text_or_empty (stmt, 3));
  item->status = g_strdup (known_status (_attest_column_text (stmt, 4)));
  item->owner = g_strdup (text_or_empty (stmt, 5));
  item->due = g_strdup (_attest_column_text (stmt, 6));
  return item;
}

/* "scope:service#N", as history rows and the CLI name an item. */
char *
_attest_checklist_item_ref (const AttestChecklistItem *item)
{
  return g_strdup_printf ("%s:%s#%u", item->scope_id, item->service_id, item->position);
}

/**
 * attest_workspace_update_item:
 * @status: (nullable): new status, or %NULL to keep it
 * @owner: (nullable): new owner ("" for nobody), or %NULL to keep it
 * @due: (nullable): new due date YYYY-MM-DD ("" to clear), or %NULL to keep it
 */
gboolean
attest_workspace_update_item (AttestWorkspace  *self,
                              gint64            item_id,
                              const char       *status,
                              const char       *owner,
                              const char       *due,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_status = NULL;
  g_autofree char *old_owner = NULL;
  g_autofree char *old_due = NULL;
  g_autofree char *cell = NULL;
  g_autoptr(AttestChecklistItem) item = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  const char *new_due;
  gboolean created = FALSE;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (status != NULL && !attest_checklist_status_is_valid (status))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a status (use not-started, in-progress, satisfied, not-applicable or exception)"),
                   status);
      return FALSE;
    }
  if (due != NULL && *due != '\0' && !attest_evidence_date_is_valid (due))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a date (use YYYY-MM-DD)"), due);
      return FALSE;
    }

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  /* The cell's first edit stores its checklist. */
  item_id = _attest_workspace_store_item (self, item_id, &created, error);
  if (item_id == 0)
    goto fail;
  item = _attest_workspace_read_item (self, item_id, error);
  if (item == NULL)
    goto fail;
  old_status = g_steal_pointer (&item->status);
  old_owner = g_steal_pointer (&item->owner);
  old_due = g_steal_pointer (&item->due);
  cell = _attest_checklist_item_ref (item);

  new_due = due == NULL ? old_due : (*due == '\0' ? NULL : due);
  stmt = _attest_workspace_prepare (self, "UPDATE checklist_item SET status = ?2, owner = ?3, due = ?4 WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, status != NULL ? status : old_status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, owner != NULL ? owner : old_owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, new_due, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }

  before = item_json (NULL, old_status, old_owner, old_due);
  after = item_json (NULL, status != NULL ? status : old_status, owner != NULL ? owner : old_owner, new_due);
  /* The row that stored the cell's checklist says what it stored. */
  if (created)
    {
      g_autoptr(GPtrArray) items = read_items (self, item->scope_id, item->service_id, item->service_id, error);
      JsonArray *titles = json_array_new ();

      if (items == NULL)
        {
          json_array_unref (titles);
          goto fail;
        }
      for (guint i = 0; i < items->len; i++)
        json_array_add_string_element (titles, ((AttestChecklistItem *)items->pdata[i])->title);
      json_object_set_array_member (json_node_get_object (after), "checklist", titles);
    }
  if (!_attest_history_append (self, "checklist-item", cell, "update", before, after, error) ||
      !_attest_workspace_index_items (self, error) ||
      !index_item (self, item_id, item->title, owner != NULL ? owner : old_owner, error))
    goto fail;

  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/* The roll-up of one cell, in one query; a cell never opened counts as not started. */
gboolean
attest_workspace_cell_rollup (AttestWorkspace  *self,
                              const char       *scope_id,
                              const char       *service_id,
                              AttestRollup     *rollup,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *owner = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  /* As the matrix shows it: the checklist attest_workspace_get_checklist() gives. */
  owner = _attest_workspace_cell_owner (self, scope_id, service_id);
  if (owner != NULL)
    service_id = owner;
  memset (rollup, 0, sizeof *rollup);
  stmt = _attest_workspace_prepare (self,
                                    "SELECT count(*), "
                                    "  count(*) FILTER (WHERE status = 'satisfied'), "
                                    "  count(*) FILTER (WHERE status = 'not-applicable'), "
                                    "  count(*) FILTER (WHERE status = 'in-progress'), "
                                    "  count(*) FILTER (WHERE status = 'exception'), "
                                    "  count(*) FILTER (WHERE status <> 'not-started') "
                                    "FROM checklist_item WHERE scope_id = ?1 AND service_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  rollup->total = sqlite3_column_int (stmt, 0);
  rollup->satisfied = sqlite3_column_int (stmt, 1);
  rollup->not_applicable = sqlite3_column_int (stmt, 2);
  rollup->in_progress = sqlite3_column_int (stmt, 3);
  rollup->exceptions = sqlite3_column_int (stmt, 4);
  rollup->started = sqlite3_column_int (stmt, 5);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* "My services" is analyst data: a history row for each change. A matrix row is
 * in My services when any service merged into it is: taking it out takes them
 * all out. */
gboolean
attest_workspace_set_my_service (AttestWorkspace  *self,
                                 const char       *service_id,
                                 gboolean          mine,
                                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) before = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  stmt = _attest_workspace_prepare (self,
                                    mine ? "INSERT INTO my_service (service_id) VALUES (?1) "
                                           "ON CONFLICT DO NOTHING RETURNING service_id"
                                         : "DELETE FROM my_service WHERE service_id IN "
                                           "  (SELECT service_id FROM service_root WHERE root_id = "
                                           "    (SELECT root_id FROM service_root WHERE service_id = ?1)) "
                                           "RETURNING service_id", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, service_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (removed, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }
  /* Which services left, when more than the one named (merged ones). */
  if (!mine && (removed->len > 1 || (removed->len == 1 && !g_str_equal (removed->pdata[0], service_id))))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      g_ptr_array_sort (removed, compare_strings);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "services");
      json_builder_begin_array (b);
      for (guint i = 0; i < removed->len; i++)
        json_builder_add_string_value (b, removed->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      before = json_builder_get_root (b);
    }
  if (removed->len > 0 &&
      !_attest_history_append (self, "my-services", service_id, mine ? "add" : "remove", before, NULL, error))
    goto fail;
  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

GPtrArray *
attest_workspace_list_my_services (AttestWorkspace  *self,
                                   GError          **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  /* Matrix rows: a service merged into another counts for that one. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT DISTINCT r.root_id FROM my_service m "
                                    "JOIN service_root r ON r.service_id = m.service_id ORDER BY r.root_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (_attest_column_text (stmt, 0) != NULL)
      g_ptr_array_add (ids, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}
