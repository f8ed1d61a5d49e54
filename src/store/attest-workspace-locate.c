/* attest-workspace-locate.c: where a search result or a note target is in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-locate"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-workspace-locate.h"
#include "attest-workspace-private.h"

G_DEFINE_BOXED_TYPE (AttestLocation, attest_location, attest_location_copy, attest_location_free)

AttestLocation *
attest_location_new (AttestLocationKind kind)
{
  AttestLocation *location = g_new0 (AttestLocation, 1);

  location->kind = kind;
  location->evidence_page = -1;
  return location;
}

AttestLocation *
attest_location_copy (const AttestLocation *location)
{
  AttestLocation *copy;

  g_return_val_if_fail (location != NULL, NULL);

  copy = g_memdup2 (location, sizeof *location);
  copy->framework_id = g_strdup (location->framework_id);
  copy->section_key = g_strdup (location->section_key);
  copy->locale = g_strdup (location->locale);
  copy->scope_id = g_strdup (location->scope_id);
  copy->service_id = g_strdup (location->service_id);
  copy->evidence_sha256 = g_strdup (location->evidence_sha256);
  copy->note_target = g_strdup (location->note_target);
  return copy;
}

void
attest_location_free (AttestLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->framework_id);
  g_free (location->section_key);
  g_free (location->locale);
  g_free (location->scope_id);
  g_free (location->service_id);
  g_free (location->evidence_sha256);
  g_free (location->note_target);
  g_free (location);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  *id = g_ascii_strtoll (text, &end, 10);
  return end != NULL && *end == '\0' && *id > 0;
}

/* One row of @sql with ?1 bound to @arg; NULL (and @error set) when there is
 * none, so the caller only says what was missing. */
static sqlite3_stmt *
query_row (AttestWorkspace  *self,
           const char       *sql,
           const char       *arg,
           gint64            id,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&stmt);
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
  return NULL;
}

static void
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND, message);
}

/* The matrix row @service_id shows in: itself, or, once merged, the
 * service it was merged into (where that went). */
static char *
row_of (AttestWorkspace *self,
        const char      *service_id)
{
  char *root = _attest_workspace_query_text (self, "SELECT root_id FROM service_root WHERE service_id = ?1",
                                             service_id);

  return root != NULL ? root : g_strdup (service_id);
}

/* Fills the cell of checklist item @item_id; FALSE when it is gone. */
static gboolean
fill_item (AttestWorkspace  *self,
           AttestLocation   *location,
           gint64            item_id,
           GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(sqlite3_stmt) stmt =
    query_row (self, "SELECT c.scope_id, c.service_id, c.position, s.framework_id FROM checklist_item c "
                     "JOIN scope s ON s.id = c.scope_id WHERE c.id = ?1", NULL, item_id, &local);

  if (stmt == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("Checklist item %s is no longer in the workspace"), number);
        }
      return FALSE;
    }
  location->scope_id = g_strdup (_attest_column_text (stmt, 0));
  location->service_id = row_of (self, _attest_column_text (stmt, 1));
  location->item_position = (guint)sqlite3_column_int (stmt, 2);
  location->framework_id = g_strdup (_attest_column_text (stmt, 3));
  location->item_id = item_id;
  return TRUE;
}

/* An evidence file and the first cell it serves (scope, service, position order). */
static AttestLocation *
locate_evidence (AttestWorkspace  *self,
                 const char       *sha256,
                 gint64            item_id,
                 GError          **error)
{
  g_autoptr(AttestLocation) location = attest_location_new (ATTEST_LOCATION_EVIDENCE);
  g_autoptr(GError) local = NULL;
  g_autofree char *key = g_ascii_strdown (sha256, -1);
  g_autoptr(sqlite3_stmt) stmt = query_row (self, "SELECT sha256 FROM evidence WHERE sha256 = ?1", key, 0, &local);

  if (stmt == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     _("No evidence file has SHA-256 %s"), key);
      return NULL;
    }
  location->evidence_sha256 = g_strdup (_attest_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (item_id <= 0)
    {
      stmt = query_row (self, "SELECT c.id FROM item_evidence ie JOIN checklist_item c ON c.id = ie.item_id "
                              "WHERE ie.sha256 = ?1 ORDER BY c.scope_id, c.service_id, c.position LIMIT 1",
                        key, 0, &local);
      if (stmt == NULL && local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (stmt != NULL)
        item_id = sqlite3_column_int64 (stmt, 0);
    }
  if (item_id > 0 && !fill_item (self, location, item_id, error))
    return NULL;
  return g_steal_pointer (&location);
}

/**
 * attest_workspace_locate_target:
 * @target: framework:ID, framework:ID#SECTION-KEY, scope:ID, service:ID,
 *   cell:SCOPE-ID:SERVICE-ID, item:ITEM-ID or evidence:SHA256 (a note's target)
 *
 * Returns: (transfer full): where @target is, or %NULL with
 *   %ATTEST_STORE_ERROR_NOT_FOUND when the workspace no longer has it
 */
AttestLocation *
attest_workspace_locate_target (AttestWorkspace  *self,
                                const char       *target,
                                GError          **error)
{
  g_autoptr(AttestLocation) location = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *kind = NULL;
  const char *colon, *rest;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  colon = strchr (target, ':');
  if (colon == NULL || colon[1] == '\0')
    goto invalid;
  kind = g_strndup (target, colon - target);
  rest = colon + 1;

  if (g_str_equal (kind, "framework"))
    {
      const char *hash = strchr (rest, '#');
      g_autofree char *id = hash != NULL ? g_strndup (rest, hash - rest) : g_strdup (rest);

      if (hash != NULL && hash[1] == '\0')
        goto invalid;
      stmt = query_row (self, "SELECT id FROM framework WHERE id = ?1", id, 0, &local);
      if (stmt == NULL)
        goto missing;
      location = attest_location_new (hash != NULL ? ATTEST_LOCATION_PAGE_SECTION : ATTEST_LOCATION_FRAMEWORK);
      location->framework_id = g_steal_pointer (&id);
      location->section_key = hash != NULL ? g_strdup (hash + 1) : NULL;
      return g_steal_pointer (&location);
    }
  if (g_str_equal (kind, "scope"))
    {
      stmt = query_row (self, "SELECT framework_id FROM scope WHERE id = ?1", rest, 0, &local);
      if (stmt == NULL)
        goto missing;
      location = attest_location_new (ATTEST_LOCATION_FRAMEWORK);
      location->framework_id = g_strdup (_attest_column_text (stmt, 0));
      location->scope_id = g_strdup (rest);
      return g_steal_pointer (&location);
    }
  if (g_str_equal (kind, "service"))
    {
      stmt = query_row (self, "SELECT id FROM service WHERE id = ?1", rest, 0, &local);
      if (stmt == NULL)
        goto missing;
      location = attest_location_new (ATTEST_LOCATION_SERVICE);
      location->service_id = row_of (self, rest);
      return g_steal_pointer (&location);
    }
  if (g_str_equal (kind, "cell"))
    {
      const char *sep = strrchr (rest, ':');
      g_autofree char *scope = NULL;

      if (sep == NULL || sep == rest || sep[1] == '\0')
        goto invalid;
      scope = g_strndup (rest, sep - rest);
      stmt = _attest_workspace_prepare (self, "SELECT s.framework_id FROM coverage c JOIN scope s ON s.id = c.scope_id "
                                              "WHERE c.scope_id = ?1 AND c.service_id = ?2", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, sep + 1, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        goto missing;
      location = attest_location_new (ATTEST_LOCATION_CELL);
      location->framework_id = g_strdup (_attest_column_text (stmt, 0));
      location->scope_id = g_steal_pointer (&scope);
      location->service_id = row_of (self, sep + 1);
      return g_steal_pointer (&location);
    }
  if (g_str_equal (kind, "item"))
    {
      gint64 id;

      if (!parse_id (rest, &id))
        goto invalid;
      location = attest_location_new (ATTEST_LOCATION_CELL);
      if (!fill_item (self, location, id, error))
        return NULL;
      return g_steal_pointer (&location);
    }
  if (g_str_equal (kind, "evidence"))
    return locate_evidence (self, rest, 0, error);

invalid:
  g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
               _("“%s” does not name anything in a workspace"), target);
  return NULL;

missing:
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                 _("Nothing in this workspace is “%s” any more"), target);
  return NULL;
}

static AttestLocation *
locate_page (AttestWorkspace  *self,
             const char       *ref,
             GError          **error)
{
  g_autoptr(AttestLocation) location = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  const char *hash = strchr (ref, '#');
  const char *at = strrchr (ref, '@');
  const char *slash = at != NULL ? strchr (at, '/') : NULL;
  gint64 variant_id = 0;

  /* "FRAMEWORK#SECTION@LOCALE/VARIANT": a locale holds no '/'. */
  if (hash == NULL || at == NULL || at < hash || hash == ref || at == hash + 1 ||
      slash == NULL || !parse_id (slash + 1, &variant_id))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a page section (FRAMEWORK#SECTION@LOCALE/VERSION)"), ref);
      return NULL;
    }
  /* The index has a row for every section of every page version something opens. */
  stmt = query_row (self, "SELECT 1 FROM search_key WHERE kind = 'page' AND ref = ?1", ref, 0, &local);
  if (stmt == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        not_found (error, _("This page section is no longer in the workspace (a newer page replaced it)"));
      return NULL;
    }
  location = attest_location_new (ATTEST_LOCATION_PAGE_SECTION);
  location->framework_id = g_strndup (ref, hash - ref);
  location->section_key = g_strndup (hash + 1, at - hash - 1);
  location->locale = g_strndup (at + 1, slash - at - 1);
  location->variant_id = variant_id;
  return g_steal_pointer (&location);
}

/**
 * attest_workspace_locate_search_result:
 * @kind: an #AttestSearchResult's kind: "page", "note", "item", "annotation" or "evidence"
 * @ref: its ref
 *
 * A note is located on what it is on (a cell, a framework or section, a
 * service, an item, an evidence file), with its id and target; an annotation
 * on its evidence file and page, and the item it is linked to.
 *
 * Returns: (transfer full): where the result is, or %NULL with
 *   %ATTEST_STORE_ERROR_NOT_FOUND when it is no longer in the workspace (a
 *   result older than the last change), %ATTEST_STORE_ERROR_INVALID for a
 *   kind or ref of no known form.
 */
AttestLocation *
attest_workspace_locate_search_result (AttestWorkspace  *self,
                                       const char       *kind,
                                       const char       *ref,
                                       GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id = 0;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (kind != NULL && ref != NULL, NULL);

  if (g_str_equal (kind, "page"))
    return locate_page (self, ref, error);

  if (g_str_equal (kind, "evidence"))
    return locate_evidence (self, ref, 0, error);

  if (!g_str_equal (kind, "note") && !g_str_equal (kind, "item") && !g_str_equal (kind, "annotation"))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of search result"), kind);
      return NULL;
    }
  if (!parse_id (ref, &id))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not the id of a %s"), ref, kind);
      return NULL;
    }

  if (g_str_equal (kind, "item"))
    {
      g_autoptr(AttestLocation) location = attest_location_new (ATTEST_LOCATION_CELL);

      if (!fill_item (self, location, id, error))
        return NULL;
      return g_steal_pointer (&location);
    }

  if (g_str_equal (kind, "note"))
    {
      g_autoptr(AttestLocation) location = NULL;
      g_autofree char *target = NULL;

      stmt = query_row (self, "SELECT target FROM note WHERE id = ?1", NULL, id, &local);
      if (stmt == NULL)
        {
          if (local != NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                         _("Note %s is no longer in the workspace (it was deleted)"), ref);
          return NULL;
        }
      target = g_strdup (_attest_column_text (stmt, 0));
      location = attest_workspace_locate_target (self, target, error);
      if (location == NULL)
        return NULL;
      location->kind = ATTEST_LOCATION_NOTE;
      location->note_id = id;
      location->note_target = g_steal_pointer (&target);
      return g_steal_pointer (&location);
    }

  /* An annotation: its evidence file, page and linked item. */
  {
    g_autoptr(AttestLocation) location = NULL;
    g_autofree char *sha = NULL;
    gint64 item_id;
    int page;

    stmt = query_row (self, "SELECT sha256, page, (SELECT min (item_id) FROM annotation_item "
                            "                    WHERE annotation_id = a.id), section "
                            "FROM annotation a WHERE id = ?1", NULL, id, &local);
    if (stmt == NULL)
      {
        if (local != NULL)
          g_propagate_error (error, g_steal_pointer (&local));
        else
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("Annotation %s is no longer in the workspace (it was deleted)"), ref);
        return NULL;
      }
    sha = g_strdup (_attest_column_text (stmt, 0));
    page = sqlite3_column_int (stmt, 1);
    item_id = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 2);
    /* On a page section: that section, as a note on it is. */
    if (sha == NULL && _attest_column_text (stmt, 3) != NULL)
      {
        g_autofree char *section = g_strdup (_attest_column_text (stmt, 3));

        g_clear_pointer (&stmt, sqlite3_finalize);
        location = attest_workspace_locate_target (self, section, error);
        if (location == NULL)
          return NULL;
        location->annotation_id = id;
        return g_steal_pointer (&location);
      }
    location = locate_evidence (self, sha, item_id, error);
    if (location == NULL)
      return NULL;
    location->annotation_id = id;
    location->evidence_page = page;
    return g_steal_pointer (&location);
  }
}
