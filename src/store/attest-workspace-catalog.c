/* attest-workspace-catalog.c: offering pages into the workspace, the matrix out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-catalog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-dates.h"
#include "attest-history.h"
#include "attest-page.h"
#include "attest-search.h"
#include "attest-service-names.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-expiry.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-private.h"
#include "attest-json.h"

static void
scope_change_free (AttestScopeChange *change)
{
  g_free (change->scope_id);
  g_ptr_array_unref (change->added);
  g_ptr_array_unref (change->removed);
  g_ptr_array_unref (change->renamed);
  g_free (change);
}

void
attest_import_outcome_free (AttestImportOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->framework_id);
  g_free (outcome->file_name);
  g_ptr_array_unref (outcome->changes);
  g_free (outcome);
}

/* Binds text parameters in order (NULL binds SQL NULL), then steps once. */
static int
run (AttestWorkspace  *self,
     const char       *sql,
     GError          **error,
     ...)
{
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self, sql, error);
  int n, rc;
  va_list ap;

  if (stmt == NULL)
    return SQLITE_ERROR;
  n = sqlite3_bind_parameter_count (stmt);
  va_start (ap, error);
  for (int i = 1; i <= n; i++)
    sqlite3_bind_text (stmt, i, va_arg (ap, const char *), -1, SQLITE_TRANSIENT);
  va_end (ap);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
  _attest_workspace_done (stmt);
  return rc;
}

static char *
service_by_name (AttestWorkspace *self,
                 const char      *name,
                 const char      *lang)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = attest_service_names_key (name);
  return _attest_workspace_query_text (self, "SELECT service_id FROM service_name WHERE key = ?1 AND lang = ?2",
                     key, lang != NULL ? lang : "");
}

static gboolean
add_name (AttestWorkspace  *self,
          const char       *service_id,
          const char       *name,
          const char       *lang,
          GError          **error)
{
  g_autofree char *key = attest_service_names_key (name);

  return run (self,
              "INSERT INTO service_name (key, lang, service_id, name) VALUES (?1, ?2, ?3, ?4) "
              "ON CONFLICT (key, lang) DO NOTHING",
              error, key, lang != NULL ? lang : "", service_id, name) == SQLITE_DONE;
}

static char *
create_service (AttestWorkspace  *self,
                const char       *name,
                gboolean          untranslated,
                GError          **error)
{
  g_autofree char *base = attest_service_names_slug (name);
  g_autofree char *id = NULL;
  g_autofree char *existing = NULL;

  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup ("service");
    }
  id = g_strdup (base);
  /* The id is fixed at creation; a clash with another service gets a number. */
  for (int n = 2; (existing = _attest_workspace_query_text (self, "SELECT id FROM service WHERE id = ?1", id)) != NULL; n++)
    {
      g_clear_pointer (&existing, g_free);
      g_free (id);
      id = g_strdup_printf ("%s-%d", base, n);
    }

  if (run (self, "INSERT INTO service (id, name, untranslated) VALUES (?1, ?2, ?3)",
           error, id, name, untranslated ? "1" : "0") != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&id);
}

/* The service a mention names: known names first (canonical, as written, former),
 * then a new service named by its canonical source-language name. A translated
 * name never creates a service when its source is known; on a translation-only
 * page an unknown one creates a service flagged untranslated. */
static char *
resolve_service (AttestWorkspace       *self,
                 AttestOffering        *offering,
                 AttestOfferingMention *m,
                 AttestServiceTable    *names,
                 GError               **error)
{
  const char *canonical = NULL;
  char *id = NULL;

  if (offering->translation_only && offering->lang != NULL)
    {
      id = service_by_name (self, m->name, offering->lang);
      if (id == NULL)
        id = service_by_name (self, m->name, "");
      if (id != NULL)
        return id;
      id = create_service (self, m->name, TRUE, error);
      if (id != NULL && !add_name (self, id, m->name, offering->lang, error))
        g_clear_pointer (&id, g_free);
      return id;
    }

  if (names != NULL)
    {
      canonical = attest_service_table_canonical (names, m->name);
      if (canonical == NULL && m->former != NULL)
        canonical = attest_service_table_canonical (names, m->former);
    }
  if (canonical == NULL)
    canonical = m->name;

  id = service_by_name (self, canonical, "");
  if (id == NULL)
    id = service_by_name (self, m->name, "");
  if (id == NULL)
    id = service_by_name (self, m->former, "");
  if (id == NULL)
    {
      GPtrArray *aliases;

      id = create_service (self, canonical, FALSE, error);
      if (id == NULL || !add_name (self, id, canonical, "", error))
        goto fail;
      aliases = names != NULL ? attest_service_table_aliases (names, canonical) : NULL;
      for (guint i = 0; aliases != NULL && i < aliases->len; i++)
        if (!add_name (self, id, aliases->pdata[i], "", error))
          goto fail;
    }

  if (!add_name (self, id, m->name, "", error) ||
      (m->former != NULL && !add_name (self, id, m->former, "", error)) ||
      (m->translated_name != NULL && offering->lang != NULL &&
       !add_name (self, id, m->translated_name, offering->lang, error)))
    goto fail;

  return id;

fail:
  g_free (id);
  return NULL;
}

/* Matrix row → the name its cell in @scope_id was listed under. Rows as the
 * analyst's merges make them: a page that now names the survivor where it
 * named the absorbed service added and removed nothing. The cell the matrix
 * shows comes last and wins. */
static GHashTable *
covered_names (AttestWorkspace  *self,
               const char       *scope_id,
               GError          **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* service_root, walked up from this scope's services only: the view walks
   * down from every service in the workspace, twice for each scope of each
   * page imported. A service's merges form a chain (one survivor each); one
   * longer than there are merges is a cycle, which has no root, as in the view. */
  stmt = _attest_workspace_prepare_kept (self,
                                         "WITH RECURSIVE up (service_id, name, root_id, depth) AS ("
                                         "  SELECT service_id, name, service_id, 0 FROM coverage "
                                         "    WHERE scope_id = ?1 AND in_scope = 1 "
                                         "  UNION ALL "
                                         "  SELECT u.service_id, u.name, m.survivor_id, u.depth + 1 FROM up u "
                                         "    JOIN service_merge m ON m.absorbed_id = u.root_id "
                                         "    WHERE u.depth < (SELECT count(*) FROM service_merge)) "
                                         "SELECT u.root_id, CASE u.name WHEN '' THEN d.name ELSE u.name END "
                                         "FROM up u JOIN service_display d ON d.id = u.root_id "
                                         "WHERE u.root_id NOT IN (SELECT absorbed_id FROM service_merge) "
                                         "ORDER BY u.depth DESC, u.service_id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (set, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
  _attest_workspace_done (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&set) : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **)a, *(const char **)b);
}

/* Services in both whose page name changed ("Microsoft Flow" → "Power Automate"). */
static GPtrArray *
renames (GHashTable *before,
         GHashTable *after)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id, old_name;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &id, &old_name))
    {
      const char *new_name = g_hash_table_lookup (after, id);
      if (new_name != NULL && g_strcmp0 (old_name, new_name) != 0)
        g_ptr_array_add (out, g_strdup_printf ("%s → %s", (char *)old_name, new_name));
    }
  g_ptr_array_sort (out, compare_strings);
  return out;
}

static GPtrArray *
difference (GHashTable *a,
            GHashTable *b)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id, name;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &id, &name))
    if (!g_hash_table_contains (b, id))
      g_ptr_array_add (out, g_strdup (name));
  g_ptr_array_sort (out, compare_strings);
  return out;
}

/* Coverage of a scope comes from the newest variant that defines it; services it
 * no longer lists stay, flagged, so what hangs on them survives. */
static gboolean
recompute_scope (AttestWorkspace    *self,
                 const char         *scope_id,
                 AttestScopeChange **change,
                 GError            **error)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *newest = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GPtrArray) renamed = NULL;

  newest = _attest_workspace_query_text (self,
                       "SELECT v.id FROM variant_scope vs JOIN variant v ON v.id = vs.variant_id "
                       "WHERE vs.scope_id = ?1 ORDER BY v.kept_older, v.effective_date DESC, v.id DESC LIMIT 1",
                       scope_id);
  if (newest == NULL)
    return TRUE;

  before = covered_names (self, scope_id, error);
  if (before == NULL)
    return FALSE;
  if (run (self, "UPDATE coverage SET in_scope = 0 WHERE scope_id = ?1", error, scope_id) != SQLITE_DONE ||
      run (self,
           "INSERT INTO coverage (scope_id, service_id, variant_id, name, source_line, translated_line, qualifier, in_scope) "
           "SELECT scope_id, service_id, variant_id, name, source_line, translated_line, qualifier, 1 "
           "FROM mention WHERE variant_id = ?1 AND scope_id = ?2 "
           "ON CONFLICT (scope_id, service_id) DO UPDATE SET variant_id = excluded.variant_id, name = excluded.name, "
           "source_line = excluded.source_line, translated_line = excluded.translated_line, "
           "qualifier = excluded.qualifier, in_scope = 1",
           error, newest, scope_id) != SQLITE_DONE)
    return FALSE;

  after = covered_names (self, scope_id, error);
  if (after == NULL)
    return FALSE;
  added = difference (after, before);
  removed = difference (before, after);
  renamed = renames (before, after);
  if (added->len > 0 || removed->len > 0 || renamed->len > 0)
    {
      *change = g_new0 (AttestScopeChange, 1);
      (*change)->scope_id = g_strdup (scope_id);
      (*change)->added = g_steal_pointer (&added);
      (*change)->removed = g_steal_pointer (&removed);
      (*change)->renamed = g_steal_pointer (&renamed);
    }
  return TRUE;
}

static gboolean
import_locked (AttestWorkspace      *self,
               AttestOffering       *o,
               AttestServiceTable   *names,
               AttestImportOutcome  *outcome,
               GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_iso = g_date_time_format_iso8601 (now);
  g_autofree char *variant_id = NULL;
  g_autofree char *prior = NULL;
  const char *effective;
  const char *page_date;
  gsize page_len = 0;
  const void *page = g_bytes_get_data (o->content, &page_len);
  gboolean defines_framework = o->scopes->len > 0 && g_strcmp0 (o->key, o->framework_id) == 0;

  prior = _attest_workspace_query_text (self, "SELECT count(*) FROM variant WHERE framework_id = ?1", o->framework_id);
  outcome->newer_variant = prior != NULL && g_strcmp0 (prior, "0") != 0;

  if (run (self,
           "INSERT INTO framework (id, short_name, title, category, description) VALUES (?1, ?2, ?3, ?4, ?5) "
           "ON CONFLICT (id) DO NOTHING",
           error, o->framework_id, o->short_name, o->source_title, o->category,
           o->description != NULL ? o->description : "") != SQLITE_DONE)
    return FALSE;
  if (defines_framework &&
      run (self, "UPDATE framework SET title = ?2 WHERE id = ?1", error,
           o->framework_id, o->source_title) != SQLITE_DONE)
    return FALSE;

  /* The date it is ranked by: the analyst's, else the page's own (its front
   * matter's, else its title's), else its import time. An undated page never
   * silently supersedes a stored version: when one defines a scope it defines
   * (or, a page without scopes, when its framework has one) it is kept below
   * them; the report says so and the analyst can set its date or make it
   * current. */
  page_date = o->handoff != NULL ? o->handoff : o->page_date != NULL ? o->page_date : o->title_date;
  effective = o->date_set != NULL ? o->date_set : page_date != NULL ? page_date : now_iso;
  if (o->date_set == NULL && page_date == NULL)
    {
      g_autofree char *stored = NULL;

      g_autofree char *floor = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                o->first_new_id > 0 ? o->first_new_id - 1 : G_MAXINT64);

      if (o->scopes->len == 0)
        stored = _attest_workspace_query_text (self,
                                               "SELECT id FROM variant WHERE framework_id = ?1 "
                                               "AND id <= CAST (?2 AS INTEGER) LIMIT 1",
                                               o->framework_id, floor);
      for (guint i = 0; stored == NULL && i < o->scopes->len; i++)
        {
          AttestOfferingScope *s = o->scopes->pdata[i];
          g_autofree char *scope_id = g_strdup_printf ("%s/%s", o->framework_id, s->slug);

          stored = _attest_workspace_query_text (self,
                                                 "SELECT variant_id FROM variant_scope WHERE scope_id = ?1 "
                                                 "AND variant_id <= CAST (?2 AS INTEGER) LIMIT 1",
                                                 scope_id, floor);
        }
      outcome->undated = TRUE;
      outcome->kept_older = stored != NULL;
    }

  {
    /* Kept: every page stores one. */
    sqlite3_stmt *stmt =
      _attest_workspace_prepare_kept (self,
                                      "INSERT INTO variant (framework_id, file_name, locale, handoff, effective_date, "
                                      "translation_type, title, source_title, description, content_hash, imported_at, page, "
                                      "page_date, date_set, kept_older) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, o->framework_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, o->file_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, o->locale != NULL ? o->locale : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, o->handoff, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 5, effective, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 6, o->translation_type != NULL ? o->translation_type : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 7, o->title != NULL ? o->title : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 8, o->source_title != NULL ? o->source_title : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 9, o->description != NULL ? o->description : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 10, o->content_hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 11, now_iso, -1, SQLITE_TRANSIENT);
    /* The page is the bulk of the row: not copied (unbound before it goes). */
    sqlite3_bind_blob (stmt, 12, page_len ? page : "", page_len, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 13, page_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 14, o->date_set, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 15, outcome->kept_older);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_DONE)
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
    _attest_workspace_done (stmt);
    if (rc != SQLITE_DONE)
      return FALSE;
    outcome->variant_id = sqlite3_last_insert_rowid (_attest_workspace_get_db (self));
    variant_id = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->variant_id);
  }

  for (guint i = 0; i < o->scopes->len; i++)
    {
      AttestOfferingScope *s = o->scopes->pdata[i];
      g_autofree char *scope_id = g_strdup_printf ("%s/%s", o->framework_id, s->slug);
      g_autofree char *parent_id = s->parent_slug ? g_strdup_printf ("%s/%s", o->framework_id, s->parent_slug) : NULL;

      if (run (self,
               "INSERT INTO scope (id, framework_id, name, parent_id, environment, sort_order) "
               "VALUES (?1, ?2, ?3, ?4, ?5, "
               "  (SELECT coalesce(max(sort_order), -1) + 1 FROM scope WHERE framework_id = ?2)) "
               "ON CONFLICT (id) DO NOTHING",
               error, scope_id, o->framework_id, s->name, parent_id,
               s->environment != NULL ? s->environment : "") != SQLITE_DONE ||
          run (self, "INSERT OR IGNORE INTO variant_scope (variant_id, scope_id) VALUES (?1, ?2)",
               error, variant_id, scope_id) != SQLITE_DONE)
        return FALSE;
    }

  for (guint i = 0; i < o->mentions->len; i++)
    {
      AttestOfferingMention *m = o->mentions->pdata[i];
      g_autofree char *scope_id = g_strdup_printf ("%s/%s", o->framework_id, m->scope_slug);
      g_autofree char *service_id = resolve_service (self, o, m, names, error);

      if (service_id == NULL)
        return FALSE;
      if (run (self,
               "INSERT INTO mention (variant_id, scope_id, service_id, name, source_line, translated_line, qualifier) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
               error, variant_id, scope_id, service_id, m->name, m->source_line,
               m->translated_line != NULL ? m->translated_line : "", m->qualifier) != SQLITE_DONE)
        return FALSE;
    }

  for (guint i = 0; i < o->links->len; i++)
    {
      AttestOfferingLink *l = o->links->pdata[i];

      if (run (self, "INSERT INTO link (variant_id, kind, url, title, section_key) VALUES (?1, ?2, ?3, ?4, ?5)",
               error, variant_id, attest_link_kind_to_string (l->kind), l->url,
               l->title != NULL ? l->title : "", l->section_key != NULL ? l->section_key : "") != SQLITE_DONE)
        return FALSE;
    }

  for (guint i = 0; i < o->scopes->len; i++)
    {
      AttestOfferingScope *s = o->scopes->pdata[i];
      g_autofree char *scope_id = g_strdup_printf ("%s/%s", o->framework_id, s->slug);
      AttestScopeChange *change = NULL;

      if (!recompute_scope (self, scope_id, &change, error))
        return FALSE;
      if (change != NULL)
        g_ptr_array_add (outcome->changes, change);
    }

  /* Page text for search: every version a cell or the page view opens (the
   * newest of each locale, the newest that defines each scope), this one's
   * sections from what was parsed. An older page imported later leaves the
   * index alone; a newer one takes the rows of what it supersedes. */
  if (!_attest_search_sync_pages (self, o->framework_id, outcome->variant_id, o->locale != NULL ? o->locale : "",
                                  o->sections, error))
    return FALSE;

  /* Imports are history rows: what came in, and what it changed. */
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) after = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "file");
    json_builder_add_string_value (b, o->file_name);
    json_builder_set_member_name (b, "locale");
    json_builder_add_string_value (b, o->locale);
    json_builder_set_member_name (b, "sha256");
    json_builder_add_string_value (b, o->content_hash);
    if (o->date_set != NULL)
      {
        json_builder_set_member_name (b, "date");
        json_builder_add_string_value (b, o->date_set);
      }
    if (outcome->kept_older)
      {
        json_builder_set_member_name (b, "kept_older");
        json_builder_add_boolean_value (b, TRUE);
      }
    json_builder_set_member_name (b, "changes");
    json_builder_begin_array (b);
    for (guint i = 0; i < outcome->changes->len; i++)
      {
        AttestScopeChange *c = outcome->changes->pdata[i];
        GPtrArray *lists[] = { c->added, c->removed, c->renamed };
        const char *keys[] = { "added", "removed", "renamed" };

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "scope");
        json_builder_add_string_value (b, c->scope_id);
        for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
          {
            json_builder_set_member_name (b, keys[l]);
            json_builder_begin_array (b);
            for (guint k = 0; k < lists[l]->len; k++)
              json_builder_add_string_value (b, lists[l]->pdata[k]);
            json_builder_end_array (b);
          }
        json_builder_end_object (b);
      }
    json_builder_end_array (b);
    json_builder_end_object (b);
    after = json_builder_get_root (b);

    if (!_attest_history_append (self, "framework", o->framework_id, "import", NULL, after, error))
      return FALSE;
  }

  return TRUE;
}

/**
 * attest_workspace_import_offering:
 * @names: the alias table (data/services.tsv)
 * @outcome: (out) (optional): what changed
 *
 * Records one page in one transaction: on failure nothing of it stays, and
 * pages imported before are untouched. The same bytes twice are one import.
 */
gboolean
attest_workspace_import_offering (AttestWorkspace      *self,
                                  AttestOffering       *offering,
                                  AttestServiceTable   *names,
                                  AttestImportOutcome **outcome,
                                  GError              **error)
{
  g_autoptr(AttestImportOutcome) result = NULL;
  g_autofree char *seen = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (offering != NULL, FALSE);
  g_return_val_if_fail (offering->framework_id != NULL && offering->content_hash != NULL, FALSE);

  result = g_new0 (AttestImportOutcome, 1);
  result->framework_id = g_strdup (offering->framework_id);
  result->file_name = g_strdup (offering->file_name);
  result->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)scope_change_free);

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  seen = _attest_workspace_query_text (self, "SELECT id FROM variant WHERE content_hash = ?1", offering->content_hash);
  if (seen != NULL)
    result->unchanged = TRUE;
  else if (!import_locked (self, offering, names, result, error))
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }

  if (!_attest_workspace_commit (self, error))
    return FALSE;

  if (outcome != NULL)
    *outcome = g_steal_pointer (&result);
  return TRUE;
}

static JsonNode *
variant_dates_json (const char *file_name,
                    const char *locale,
                    const char *date,
                    gboolean    kept_older)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file_name);
  json_builder_set_member_name (b, "locale");
  json_builder_add_string_value (b, locale);
  attest_json_add_string_or_null (b, "date", date);
  json_builder_set_member_name (b, "kept_older");
  json_builder_add_boolean_value (b, kept_older);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
set_variant_date_locked (AttestWorkspace  *self,
                         gint64            variant_id,
                         const char       *date,
                         gboolean          make_current,
                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, variant_id);
  g_autofree char *framework_id = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *old_date = NULL;
  g_autofree char *effective = NULL;
  gboolean old_kept_older, kept_older;
  int rc;

  stmt = _attest_workspace_prepare (self,
                                    "SELECT framework_id, locale, file_name, date_set, kept_older, "
                                    "  coalesce (page_date, imported_at) FROM variant WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is a number */
                     _("No page version %s in this workspace"), id);
      else
        _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  framework_id = g_strdup (_attest_column_text (stmt, 0));
  locale = g_strdup (_attest_column_text (stmt, 1));
  file_name = g_strdup (_attest_column_text (stmt, 2));
  old_date = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  old_kept_older = sqlite3_column_int (stmt, 4) != 0;
  effective = g_strdup (date != NULL ? date : _attest_column_text (stmt, 5));
  g_clear_pointer (&stmt, sqlite3_finalize);

  kept_older = date != NULL || make_current ? FALSE : old_kept_older;
  if (g_strcmp0 (old_date, date) == 0 && kept_older == old_kept_older)
    return TRUE;

  stmt = _attest_workspace_prepare (self,
                                    "UPDATE variant SET date_set = ?2, effective_date = ?3, kept_older = ?4 WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, effective, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, kept_older);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The matrix from the newest variant per scope, in every scope it defines. */
  stmt = _attest_workspace_prepare (self, "SELECT scope_id FROM variant_scope WHERE variant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (scopes, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  for (guint i = 0; i < scopes->len; i++)
    {
      AttestScopeChange *change = NULL;

      if (!recompute_scope (self, scopes->pdata[i], &change, error))
        return FALSE;
      if (change != NULL)
        scope_change_free (change);
    }
  /* Which versions are current changed: so do the ones search finds. */
  if (!_attest_search_sync_pages (self, framework_id, 0, NULL, NULL, error))
    return FALSE;

  before = variant_dates_json (file_name, locale, old_date, old_kept_older);
  after = variant_dates_json (file_name, locale, date, kept_older);
  return _attest_history_append (self, "framework", framework_id, "date", before, after, error);
}

/**
 * attest_workspace_set_variant_date:
 * @variant_id: a page version (AttestMatrixVariant.id)
 * @date: (nullable): its date as the analyst knows it, YYYY-MM-DD; NULL
 *   takes back the one set (the page's own date, else its import time, rank it)
 * @make_current: an undated version kept as older is ranked by its import
 *   time instead (with @date NULL)
 *
 * One edit: one transaction and one history row. Coverage of every scope
 * the version defines comes again from the newest variant that defines it.
 */
gboolean
attest_workspace_set_variant_date (AttestWorkspace  *self,
                                   gint64            variant_id,
                                   const char       *date,
                                   gboolean          make_current,
                                   GError          **error)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (date != NULL && (day = attest_dates_parse_day (date)) == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   /* Translators: %s is what the analyst typed */
                   _("“%s” is not a date: write it YYYY-MM-DD"), date);
      return FALSE;
    }
  if (!_attest_workspace_begin (self, error))
    return FALSE;
  if (!set_variant_date_locked (self, variant_id, day, make_current, error))
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }
  return _attest_workspace_commit (self, error);
}

/* Which of a merged row's cells in one scope the matrix shows: in scope
 * before flagged, then the survivor's before what was merged into it,
 * nearest first — as _attest_workspace_cell_owner() decides. */
typedef struct {
  gboolean in_scope;
  int depth;
  char *service;
} CellRank;

static void
cell_rank_free (CellRank *rank)
{
  g_free (rank->service);
  g_free (rank);
}

static gboolean
cell_rank_before (const CellRank *a,
                  const CellRank *b)
{
  if (a->in_scope != b->in_scope)
    return a->in_scope;
  if (a->depth != b->depth)
    return a->depth < b->depth;
  return strcmp (a->service, b->service) < 0;
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const AttestMatrixCell *ca = *(AttestMatrixCell **)a;
  const AttestMatrixCell *cb = *(AttestMatrixCell **)b;
  int r = strcmp (ca->scope, cb->scope);

  return r != 0 ? r : strcmp (ca->service, cb->service);
}

/* A cell's roll-up, counts, source line and variant from a row of the cells query. */
static void
fill_cell (AttestMatrixCell *c,
           sqlite3_stmt     *stmt,
           GHashTable       *variants)
{
  AttestRollup r = {
    .total = sqlite3_column_int (stmt, 7),
    .satisfied = sqlite3_column_int (stmt, 8),
    .not_applicable = sqlite3_column_int (stmt, 9),
    .in_progress = sqlite3_column_int (stmt, 10),
    .exceptions = sqlite3_column_int (stmt, 11),
    .started = sqlite3_column_int (stmt, 12),
  };
  gint64 variant_id = sqlite3_column_int64 (stmt, 6);
  AttestMatrixVariant *v = g_hash_table_lookup (variants, &variant_id);

  attest_rollup_fill_cell (&r, sqlite3_column_int (stmt, 2) != 0, c);
  g_free (c->source_line);
  c->source_line = g_strdup (_attest_column_text (stmt, 3));
  g_free (c->translated_line);
  c->translated_line = g_strdup (_attest_column_text (stmt, 4));
  g_free (c->qualifier);
  c->qualifier = g_strdup (_attest_column_text (stmt, 5));
  g_clear_pointer (&c->variant_locale, g_free);
  g_clear_pointer (&c->variant_date, g_free);
  if (v != NULL)
    {
      c->variant_locale = g_strdup (v->locale);
      c->variant_date = g_strdup (v->date);
      c->variant_id = v->id;
    }
}

/* The matrix row of a service: its own, or the one it was merged into. */
static AttestMatrixService *
row_of (GHashTable *services,
        GHashTable *rows,
        const char *service_id)
{
  const char *row = g_hash_table_lookup (rows, service_id);

  return g_hash_table_lookup (services, row != NULL ? row : service_id);
}

/* The cells of the gap report's rows only (_attest_workspace_load_gap_matrix()):
 * of a required scope, and of a service whose row is one of My services
 * (every service of that row: a merged row shows the cell of one of them). */
#define GAP_CELLS \
  "AND c.scope_id IN (SELECT scope_id FROM required_scope) " \
  "AND c.service_id IN (SELECT r.service_id FROM service_root r WHERE r.root_id IN " \
  "  (SELECT m.root_id FROM service_root m WHERE m.service_id IN (SELECT service_id FROM my_service))) "

/* Each cell with its checklist roll-up and the variant whose line put it
 * there, in one query; @where narrows the cells. */
#define CELLS_SQL(where) \
  "SELECT c.scope_id, c.service_id, c.in_scope, c.source_line, c.translated_line, " \
  "  c.qualifier, c.variant_id, count (i.id), " \
  "  count (i.id) FILTER (WHERE i.status = 'satisfied'), " \
  "  count (i.id) FILTER (WHERE i.status = 'not-applicable'), " \
  "  count (i.id) FILTER (WHERE i.status = 'in-progress'), " \
  "  count (i.id) FILTER (WHERE i.status = 'exception'), " \
  "  count (i.id) FILTER (WHERE i.status <> 'not-started') " \
  "FROM coverage c LEFT JOIN checklist_item i " \
  "  ON i.scope_id = c.scope_id AND i.service_id = c.service_id " \
  "WHERE c.scope_id IS NOT NULL AND c.service_id IS NOT NULL " where \
  "GROUP BY c.scope_id, c.service_id ORDER BY c.scope_id, c.service_id"

static AttestMatrix *load_matrix (AttestWorkspace  *self,
                                  gboolean          gap_cells,
                                  const char       *today,
                                  GError          **error);

/**
 * attest_workspace_load_matrix:
 *
 * The whole matrix: frameworks with their scopes, services with their names,
 * and every in-scope or flagged cell with its roll-up word.
 */
AttestMatrix *
attest_workspace_load_matrix (AttestWorkspace  *self,
                              GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  return load_matrix (self, FALSE, NULL, error);
}

/**
 * _attest_workspace_load_gap_matrix:
 * @today: (nullable): the date evidence expiry is judged from; %NULL for today
 *
 * The matrix with only the cells the gap report reads: those of the
 * required scopes in the rows of My services, each as
 * attest_workspace_load_matrix() gives it (a merged row's too). Every
 * framework, scope, variant and service is there.
 */
AttestMatrix *
_attest_workspace_load_gap_matrix (AttestWorkspace  *self,
                                   const char       *today,
                                   GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  return load_matrix (self, TRUE, today, error);
}

static AttestMatrix *
load_matrix (AttestWorkspace  *self,
             gboolean          gap_cells,
             const char       *today,
             GError          **error)
{
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  g_autoptr(GHashTable) frameworks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) services = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) variants = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) depths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)cell_rank_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;


  /* One read transaction: a consistent picture while another process writes. */
  if (!_attest_workspace_exec (self, "BEGIN", error))
    return NULL;

  /* Every loop ends in SQLITE_DONE or fails the whole load: a page that
   * cannot be read must not give a matrix with frameworks missing. Ids and
   * names are NOT NULL in the schema, but the file is untrusted: rows
   * without them are left out rather than hashed. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT id, coalesce (title, ''), coalesce (short_name, ''), coalesce (category, '') "
                                    "FROM framework WHERE id IS NOT NULL", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestMatrixFramework *f;

      if (g_hash_table_contains (frameworks, _attest_column_text (stmt, 0)))
        continue;
      f = attest_matrix_add_framework (matrix, _attest_column_text (stmt, 0), _attest_column_text (stmt, 1),
                                       _attest_column_text (stmt, 2), _attest_column_text (stmt, 3));
      g_hash_table_insert (frameworks, f->id, f);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT id, framework_id, coalesce (name, ''), parent_id, nullif (environment, '') "
                                    "FROM scope WHERE id IS NOT NULL AND framework_id IS NOT NULL "
                                    "ORDER BY framework_id, sort_order", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestMatrixFramework *f = g_hash_table_lookup (frameworks, _attest_column_text (stmt, 1));
      if (f != NULL)
        attest_matrix_framework_add_scope (f, _attest_column_text (stmt, 0), _attest_column_text (stmt, 2),
                                           _attest_column_text (stmt, 3))->environment =
          g_strdup ((const char *)sqlite3_column_text (stmt, 4));
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Each framework's page variants, newest first; the date is the handoff
   * when the page has one. Cells find the variant of their coverage row by
   * id here rather than by a join: cheaper on 20 000 cells. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT framework_id, locale, coalesce (date_set, nullif (handoff, ''), effective_date), "
                                    "  upper (translation_type) = 'MT', file_name, id, page_date, date_set, imported_at, "
                                    "  kept_older FROM variant "
                                    "WHERE framework_id IS NOT NULL "
                                    "ORDER BY kept_older, effective_date DESC, id DESC", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestMatrixFramework *f = g_hash_table_lookup (frameworks, _attest_column_text (stmt, 0));
      AttestMatrixVariant *v;
      gint64 id = sqlite3_column_int64 (stmt, 5);

      if (f == NULL)
        continue;
      v = attest_matrix_framework_add_variant (f, _attest_column_text (stmt, 1), _attest_column_text (stmt, 2),
                                               _attest_column_text (stmt, 4), sqlite3_column_int (stmt, 3) != 0);
      v->id = id;
      v->page_date = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      v->date_set = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
      v->imported_at = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
      v->kept_older = sqlite3_column_int (stmt, 9) != 0;
      g_hash_table_insert (variants, g_memdup2 (&id, sizeof id), v);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* What each variant covers: the scopes it defines, in the page's order
   * (the order the import stored them in; the columns' order comes from it,
   * attest_matrix_sort()). */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT vs.variant_id, vs.scope_id FROM variant_scope vs "
                                    "WHERE vs.scope_id IS NOT NULL ORDER BY vs.variant_id, vs.rowid", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      AttestMatrixVariant *v = g_hash_table_lookup (variants, &id);

      if (v != NULL)
        g_ptr_array_add (v->scopes, g_strdup (_attest_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* One row per service not merged into another, under the name the analyst
   * gave it, else the catalog's; rows maps every service to its row. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT d.id, coalesce (d.name, ''), d.untranslated, r.root_id, r.depth FROM service_display d "
                                    "JOIN service_root r ON r.service_id = d.id "
                                    "WHERE d.id IS NOT NULL AND r.root_id IS NOT NULL", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = _attest_column_text (stmt, 0);
      const char *root = _attest_column_text (stmt, 3);

      if (g_strcmp0 (id, root) == 0)
        {
          AttestMatrixService *s = attest_matrix_add_service (matrix, id, _attest_column_text (stmt, 1),
                                                              sqlite3_column_int (stmt, 2) != 0);
          g_hash_table_insert (services, s->id, s);
        }
      else
        {
          g_hash_table_insert (rows, g_strdup (id), g_strdup (root));
          g_hash_table_insert (depths, g_strdup (id), GINT_TO_POINTER (sqlite3_column_int (stmt, 4)));
        }
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _attest_workspace_prepare (self, "SELECT service_id FROM my_service WHERE service_id IS NOT NULL", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestMatrixService *s = row_of (services, rows, _attest_column_text (stmt, 0));
      if (s != NULL)
        s->mine = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Every name but the one shown: aliases (source language) and translations;
   * a merged service's names are its row's. Sorted by language then name, as
   * each row gathers them. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT service_id, lang, name FROM service_name "
                                    "WHERE service_id IS NOT NULL AND name IS NOT NULL ORDER BY lang, name, service_id",
                                    error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestMatrixService *s = row_of (services, rows, _attest_column_text (stmt, 0));
      const char *lang = _attest_column_text (stmt, 1);
      const char *name = _attest_column_text (stmt, 2);

      if (s == NULL || g_strcmp0 (name, s->name) == 0)
        continue;
      /* (key, lang) is unique and the key follows from the name: no repeats. */
      if (lang == NULL || *lang == '\0')
        g_ptr_array_add (s->aliases, g_strdup (name));
      else
        {
          AttestMatrixTranslation *t = g_new0 (AttestMatrixTranslation, 1);
          t->lang = g_strdup (lang);
          t->name = g_strdup (name);
          g_ptr_array_add (s->translations, t);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _attest_workspace_prepare (self, gap_cells ? CELLS_SQL (GAP_CELLS) : CELLS_SQL (""), error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *scope = _attest_column_text (stmt, 0);
      const char *service = _attest_column_text (stmt, 1);
      const char *row = g_hash_table_lookup (rows, service);
      CellRank rank = {
        .in_scope = sqlite3_column_int (stmt, 2) != 0,
        .depth = row != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (depths, service)) : 0,
        .service = (char *)service,
      };
      AttestMatrixCell *c = NULL;

      /* A row with several services' cells in one scope (a merge) shows one:
       * the one attest_workspace_get_checklist() gives for the row. */
      if (g_hash_table_size (rows) > 0)
        {
          CellRank *shown;

          c = attest_matrix_lookup_cell (matrix, scope, row != NULL ? row : service);
          shown = c != NULL ? g_hash_table_lookup (ranks, c) : NULL;
          if (shown != NULL && !cell_rank_before (&rank, shown))
            continue;
          if (shown != NULL)
            {
              g_free (shown->service);
              *shown = rank;
              shown->service = g_strdup (service);
            }
        }
      if (c == NULL)
        {
          c = attest_matrix_add_cell (matrix, scope, row != NULL ? row : service, NULL);
          if (g_hash_table_size (rows) > 0)
            {
              CellRank *kept = g_memdup2 (&rank, sizeof rank);
              kept->service = g_strdup (service);
              g_hash_table_insert (ranks, c, kept);
            }
        }
      fill_cell (c, stmt, variants);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* Cells of a merged row came in their own services' order. */
  if (g_hash_table_size (rows) > 0)
    g_ptr_array_sort (matrix->cells, compare_cells);

  if (!_attest_workspace_fill_evidence_expiry (self, matrix, today, error))
    goto fail;

  _attest_workspace_rollback (self);
  attest_matrix_sort (matrix);
  return g_steal_pointer (&matrix);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _attest_workspace_rollback (self);
  return NULL;
}

static GBytes *
read_variant_page (AttestWorkspace *self,
                   sqlite3_stmt    *stmt,
                   const char      *framework_id,
                   const char      *locale,
                   char           **file_name,
                   GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     locale ? _("No page of framework “%s” in locale %s") : _("No page of framework “%s”"),
                     framework_id, locale);
      else
        _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  if (file_name != NULL)
    *file_name = g_strdup (_attest_column_text (stmt, 1));
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/* The stored bytes of a framework's newest variant (in @locale when given). */
GBytes *
attest_workspace_get_variant_page (AttestWorkspace  *self,
                                   const char       *framework_id,
                                   const char       *locale,
                                   char            **file_name,
                                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT page, file_name FROM variant WHERE framework_id = ?1 "
                                    "AND (?2 IS NULL OR locale = ?2) "
                                    "ORDER BY kept_older, effective_date DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, framework_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, locale, -1, SQLITE_TRANSIENT);
  return read_variant_page (self, stmt, framework_id, locale, file_name, error);
}

/* The stored bytes of one variant (AttestMatrixVariant.id) of @framework_id. */
GBytes *
attest_workspace_get_variant_page_by_id (AttestWorkspace  *self,
                                         const char       *framework_id,
                                         gint64            variant_id,
                                         char            **file_name,
                                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT page, file_name FROM variant WHERE framework_id = ?1 AND id = ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, framework_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, variant_id);
  return read_variant_page (self, stmt, framework_id, NULL, file_name, error);
}
