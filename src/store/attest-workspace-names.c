/* attest-workspace-names.c: what to call the things a workspace holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-names"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-workspace-checklist.h"
#include "attest-workspace-names.h"
#include "attest-workspace-private.h"

struct _AttestWorkspaceNames
{
  AttestWorkspace *workspace;
  GHashTable *cache;   /* "KIND\x1fID" → name (the id itself when unknown) */
};

AttestWorkspaceNames *
attest_workspace_names_new (AttestWorkspace *workspace)
{
  AttestWorkspaceNames *names;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  names = g_new0 (AttestWorkspaceNames, 1);
  names->workspace = g_object_ref (workspace);
  names->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return names;
}

void
attest_workspace_names_free (AttestWorkspaceNames *names)
{
  if (names == NULL)
    return;
  g_clear_object (&names->workspace);
  g_clear_pointer (&names->cache, g_hash_table_unref);
  g_free (names);
}

/* The first column of @sql's first row with ?1 (and ?2) bound, cached under
 * @kind and @key; @fallback when there is no row. */
static const char *
lookup (AttestWorkspaceNames *names,
        const char           *kind,
        const char           *key,
        const char           *sql,
        const char           *arg1,
        const char           *arg2,
        const char           *fallback)
{
  g_autofree char *cache_key = g_strconcat (kind, "\x1f", key, NULL);
  const char *found = g_hash_table_lookup (names->cache, cache_key);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *name = NULL;

  if (found != NULL)
    return found;

  stmt = _attest_workspace_prepare (names->workspace, sql, NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_TRANSIENT);
      if (arg2 != NULL)
        sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && _attest_column_text (stmt, 0) != NULL &&
          *_attest_column_text (stmt, 0) != '\0')
        name = g_strdup (_attest_column_text (stmt, 0));
    }
  if (name == NULL)
    name = g_strdup (fallback);
  g_hash_table_insert (names->cache, g_steal_pointer (&cache_key), name);
  return name;
}

/* A framework's short name for column headers ("SOC", "MARS-E 2.0"). */
const char *
attest_workspace_names_framework (AttestWorkspaceNames *names,
                                  const char           *framework_id)
{
  g_return_val_if_fail (names != NULL && framework_id != NULL, NULL);
  return lookup (names, "f", framework_id, "SELECT short_name FROM framework WHERE id = ?1",
                 framework_id, NULL, framework_id);
}

/* A scope's source-language name ("SOC 2"). */
const char *
attest_workspace_names_scope (AttestWorkspaceNames *names,
                              const char           *scope_id)
{
  g_return_val_if_fail (names != NULL && scope_id != NULL, NULL);
  return lookup (names, "s", scope_id, "SELECT name FROM scope WHERE id = ?1", scope_id, NULL, scope_id);
}

/* A service's canonical name ("Power BI"). */
const char *
attest_workspace_names_service (AttestWorkspaceNames *names,
                                const char           *service_id)
{
  g_return_val_if_fail (names != NULL && service_id != NULL, NULL);
  return lookup (names, "v", service_id, "SELECT name FROM service WHERE id = ?1", service_id, NULL, service_id);
}

/* An evidence file's original name; a file no longer stored by the start of its hash. */
const char *
attest_workspace_names_evidence (AttestWorkspaceNames *names,
                                 const char           *sha256)
{
  g_autofree char *shortened = NULL;

  g_return_val_if_fail (names != NULL && sha256 != NULL, NULL);
  shortened = strlen (sha256) > 12 ? g_strdup_printf ("%.12s…", sha256) : g_strdup (sha256);
  return lookup (names, "e", sha256, "SELECT name FROM evidence WHERE sha256 = lower (?1)", sha256, NULL, shortened);
}

/* A page section's heading as indexed: the English page's when there is one
 * (its ref ends in "@"), else the first locale's. */
const char *
attest_workspace_names_section (AttestWorkspaceNames *names,
                                const char           *framework_id,
                                const char           *section_key)
{
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (names != NULL && framework_id != NULL && section_key != NULL, NULL);
  prefix = g_strdup_printf ("%s#%s@", framework_id, section_key);
  return lookup (names, "p", prefix,
                 "SELECT i.title FROM search_key k JOIN search_text i ON i.id = k.id "
                 "WHERE k.kind = 'page' AND substr (k.ref, 1, length (?1)) = ?1 ORDER BY k.ref LIMIT 1",
                 prefix, NULL, section_key);
}

/**
 * attest_workspace_names_cell:
 * @position: the checklist item's position (from 1), or 0 for the cell itself
 *
 * Returns: "SOC 2 × Intune", or "SOC 2 × Intune, item 3"
 */
char *
attest_workspace_names_cell (AttestWorkspaceNames *names,
                             const char           *scope_id,
                             const char           *service_id,
                             guint                 position)
{
  const char *scope, *service;

  g_return_val_if_fail (names != NULL && scope_id != NULL && service_id != NULL, NULL);

  scope = attest_workspace_names_scope (names, scope_id);
  service = attest_workspace_names_service (names, service_id);
  if (position == 0)
    /* Translators: a cell of the matrix: "<scope> × <service>", e.g. "SOC 2 × Intune" */
    return g_strdup_printf (_("%s × %s"), scope, service);
  /* Translators: a checklist item of a cell, e.g. "SOC 2 × Intune, item 3" */
  return g_strdup_printf (_("%s × %s, item %u"), scope, service, position);
}

/* A checklist item by its id; "item 12" when it is gone. */
char *
attest_workspace_names_item (AttestWorkspaceNames *names,
                             gint64                item_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (names != NULL, NULL);

  stmt = _attest_workspace_prepare (names->workspace,
                                    "SELECT scope_id, service_id, position FROM checklist_item WHERE id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      /* NOT NULL in the schema; the file is untrusted. */
      if (sqlite3_step (stmt) == SQLITE_ROW && _attest_column_text (stmt, 0) != NULL &&
          _attest_column_text (stmt, 1) != NULL)
        return attest_workspace_names_cell (names, (const char *)sqlite3_column_text (stmt, 0),
                                            (const char *)sqlite3_column_text (stmt, 1),
                                            (guint)sqlite3_column_int (stmt, 2));
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
    /* Translators: a checklist item no longer in the workspace, by its number */
    return g_strdup_printf (_("item %s"), number);
  }
}

/**
 * attest_workspace_names_item_title:
 *
 * Returns: a checklist item with its title, as pickers and lists show it:
 *   "SOC 2 × Intune, item 5: Exceptions reviewed"; "item 12" when it is gone
 */
char *
attest_workspace_names_item_title (AttestWorkspaceNames *names,
                                   gint64                item_id)
{
  g_autofree char *name = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (names != NULL, NULL);

  name = attest_workspace_names_item (names, item_id);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
  title = _attest_workspace_query_text (names->workspace, "SELECT title FROM checklist_item "
                                                          "WHERE id = CAST (?1 AS INTEGER)", id_text);
  if (title == NULL)
    return g_steal_pointer (&name);
  /* Translators: a checklist item in a list: its cell and number ("SOC 2 × Intune, item 5"), its title */
  return g_strdup_printf (_("%s: %s"), name, attest_checklist_title_display (title));
}

/**
 * attest_workspace_names_target:
 * @target: a note target: framework:ID, framework:ID#SECTION-KEY, scope:ID,
 *   service:ID, cell:SCOPE-ID:SERVICE-ID, item:ITEM-ID or evidence:SHA256
 *
 * Returns: what the target is called ("SOC 2 × Intune"); a target of no known
 *   form is returned as it is.
 */
char *
attest_workspace_names_target (AttestWorkspaceNames *names,
                               const char           *target)
{
  const char *colon;
  const char *rest;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (names != NULL && target != NULL, NULL);

  colon = strchr (target, ':');
  if (colon == NULL || colon[1] == '\0')
    return g_strdup (target);
  kind = g_strndup (target, colon - target);
  rest = colon + 1;

  if (g_str_equal (kind, "framework"))
    {
      const char *hash = strchr (rest, '#');
      g_autofree char *id = hash != NULL ? g_strndup (rest, hash - rest) : g_strdup (rest);

      if (hash == NULL)
        return g_strdup (attest_workspace_names_framework (names, id));
      /* Translators: a section of an offering page: "<framework> — <section heading>" */
      return g_strdup_printf (_("%s — %s"), attest_workspace_names_framework (names, id),
                              attest_workspace_names_section (names, id, hash + 1));
    }
  if (g_str_equal (kind, "scope"))
    return g_strdup (attest_workspace_names_scope (names, rest));
  if (g_str_equal (kind, "service"))
    return g_strdup (attest_workspace_names_service (names, rest));
  if (g_str_equal (kind, "evidence"))
    return g_strdup (attest_workspace_names_evidence (names, rest));
  if (g_str_equal (kind, "item"))
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (rest, &end, 10);

      if (end != NULL && *end == '\0' && end != rest)
        return attest_workspace_names_item (names, id);
    }
  if (g_str_equal (kind, "cell"))
    {
      const char *sep = strrchr (rest, ':');
      g_autofree char *scope = NULL;

      if (sep != NULL && sep != rest && sep[1] != '\0')
        {
          scope = g_strndup (rest, sep - rest);
          return attest_workspace_names_cell (names, scope, sep + 1, 0);
        }
    }
  return g_strdup (target);
}
