/* attest-workspace-links.c: the links of the current pages and their documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-workspace"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-history.h"
#include "attest-json.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-links.h"
#include "attest-workspace-private.h"

void
attest_link_document_free (AttestLinkDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->url);
  g_free (document->sha256);
  g_free (document->final_url);
  g_free (document->fetched_at);
  g_free (document->name);
  g_free (document);
}

void
attest_link_free (AttestLink *link)
{
  if (link == NULL)
    return;
  g_free (link->id);
  g_free (link->framework_id);
  g_free (link->kind);
  g_free (link->title);
  g_free (link->url);
  g_free (link->section_key);
  g_free (link->locale);
  attest_link_document_free (link->document);
  g_free (link);
}

const char *
attest_link_document_origin_to_string (AttestLinkDocumentOrigin origin)
{
  return origin == ATTEST_LINK_DOCUMENT_ATTACHED ? "attached" : "downloaded";
}

/* Whether @text is written as a URL ("scheme:…", the scheme a letter then
 * letters, digits, "+", "-", "."), not as a LINK id ("soc/1a2b3c4d"). */
gboolean
attest_link_is_url (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return g_uri_peek_scheme (text) != NULL;
}

static char *
url_hash (const char *url)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
}

static gsize
common_prefix (const char *a,
               const char *b)
{
  gsize n = 0;

  while (a[n] != '\0' && a[n] == b[n])
    n++;
  return n;
}

typedef struct {
  AttestLink *link;
  char *hash;          /* the SHA-256 of its URL */
} Entry;

static void
entry_clear (Entry *e)
{
  g_clear_pointer (&e->link, attest_link_free);
  g_clear_pointer (&e->hash, g_free);
}

/* Gives each link of one framework (@entries[from, to)) its id: the
 * shortest prefix of its URL's hash, at least ATTEST_LINK_ID_DIGITS long,
 * that no other link of the framework shares. */
static void
assign_ids (GArray *entries,
            guint   from,
            guint   to)
{
  for (guint i = from; i < to; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      gsize len = ATTEST_LINK_ID_DIGITS;

      for (guint j = from; j < to; j++)
        if (j != i)
          len = MAX (len, common_prefix (e->hash, g_array_index (entries, Entry, j).hash) + 1);
      len = MIN (len, strlen (e->hash));
      e->link->id = g_strdup_printf ("%s/%.*s", e->link->framework_id, (int)len, e->hash);
    }
}

static AttestLinkDocument *
read_document (sqlite3_stmt *stmt,
               int           first,
               const char   *url)
{
  AttestLinkDocument *d;
  const char *origin;

  if (sqlite3_column_type (stmt, first) == SQLITE_NULL)
    return NULL;
  d = g_new0 (AttestLinkDocument, 1);
  d->url = g_strdup (url);
  d->sha256 = g_strdup (_attest_column_text (stmt, first));
  origin = _attest_column_text (stmt, first + 1);
  d->origin = g_strcmp0 (origin, "attached") == 0 ? ATTEST_LINK_DOCUMENT_ATTACHED : ATTEST_LINK_DOCUMENT_DOWNLOADED;
  d->final_url = g_strdup (_attest_column_text (stmt, first + 2));
  d->fetched_at = g_strdup (_attest_column_text (stmt, first + 3));
  d->name = g_strdup (_attest_column_text (stmt, first + 4));
  d->size = sqlite3_column_int64 (stmt, first + 5);
  d->page_count = sqlite3_column_type (stmt, first + 6) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, first + 6);
  return d;
}

/**
 * attest_workspace_list_links:
 * @framework_id: (nullable): one framework's links, or every framework's
 *
 * The links of the current pages: the newest version of each framework in
 * each locale (English first, then the locales in order), each URL once per
 * framework (as the first page that has it names it), in page order, with
 * the document the workspace holds for it. A framework the workspace does
 * not know is %ATTEST_STORE_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (element-type AttestLink): the links
 */
GPtrArray *
attest_workspace_list_links (AttestWorkspace  *self,
                             const char       *framework_id,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *links;
  guint from = 0;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  g_array_set_clear_func (entries, (GDestroyNotify)entry_clear);

  if (framework_id != NULL)
    {
      g_autofree char *known = _attest_workspace_query_text (self, "SELECT id FROM framework WHERE id = ?1",
                                                             framework_id);
      if (known == NULL)
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("There is no framework “%s” in the workspace"), framework_id);
          return NULL;
        }
    }

  stmt = _attest_workspace_prepare (self,
                                    "WITH cur AS ("
                                    "  SELECT id, framework_id, locale, row_number () OVER ("
                                    "    PARTITION BY framework_id, locale "
                                    "    ORDER BY kept_older, effective_date DESC, id DESC) AS rn "
                                    "  FROM variant WHERE ?1 IS NULL OR framework_id = ?1) "
                                    "SELECT c.framework_id, c.locale, l.kind, l.url, l.title, l.section_key, "
                                    "  d.sha256, d.origin, d.final_url, d.fetched_at, e.name, e.size, e.page_count "
                                    "FROM cur c JOIN link l ON l.variant_id = c.id "
                                    "LEFT JOIN link_document d ON d.url = l.url "
                                    "LEFT JOIN evidence e ON e.sha256 = d.sha256 "
                                    "WHERE c.rn = 1 "
                                    "ORDER BY c.framework_id, c.locale <> '', c.locale, l.rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, framework_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *framework = _attest_column_text (stmt, 0);
      const char *url = _attest_column_text (stmt, 3);
      g_autofree char *key = NULL;
      Entry e = { NULL, NULL };

      if (framework == NULL || url == NULL)
        continue;
      /* A framework id is a slug: a control character keeps the two apart. */
      key = g_strdup_printf ("%s%c%s", framework, 0x1f, url);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));

      e.link = g_new0 (AttestLink, 1);
      e.link->framework_id = g_strdup (framework);
      e.link->locale = g_strdup (_attest_column_text (stmt, 1) != NULL ? _attest_column_text (stmt, 1) : "");
      e.link->kind = g_strdup (_attest_column_text (stmt, 2));
      e.link->url = g_strdup (url);
      e.link->title = g_strdup (_attest_column_text (stmt, 4) != NULL ? _attest_column_text (stmt, 4) : "");
      e.link->section_key = g_strdup (_attest_column_text (stmt, 5) != NULL ? _attest_column_text (stmt, 5) : "");
      e.link->document = read_document (stmt, 6, url);
      e.hash = url_hash (url);
      g_array_append_val (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }

  for (guint i = 1; i <= entries->len; i++)
    if (i == entries->len ||
        !g_str_equal (g_array_index (entries, Entry, i).link->framework_id,
                      g_array_index (entries, Entry, from).link->framework_id))
      {
        assign_ids (entries, from, i);
        from = i;
      }

  links = g_ptr_array_new_full (entries->len, (GDestroyNotify)attest_link_free);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (links, g_steal_pointer (&g_array_index (entries, Entry, i).link));
  return links;
}

/**
 * attest_workspace_find_link:
 * @id: a LINK id, "FRAMEWORK/HASH", or a longer prefix of the URL's hash
 *
 * The current link @id names. An id that names none, or (a hash prefix
 * shared by several) more than one, is %ATTEST_STORE_ERROR_NOT_FOUND or
 * %ATTEST_STORE_ERROR_INVALID with a message saying which.
 *
 * Returns: (transfer full): the link, or %NULL
 */
AttestLink *
attest_workspace_find_link (AttestWorkspace  *self,
                            const char       *id,
                            GError          **error)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autofree char *framework = NULL;
  g_autofree char *hash = NULL;
  const char *slash;
  AttestLink *link;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  slash = strrchr (id, '/');
  if (slash == NULL || slash == id || strlen (slash + 1) < ATTEST_LINK_ID_DIGITS)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a link: give a LINK id as “link list” prints it (FRAMEWORK/HASH) or a URL"), id);
      return NULL;
    }
  framework = g_strndup (id, slash - id);
  hash = g_ascii_strdown (slash + 1, -1);

  links = attest_workspace_list_links (self, framework, error);
  if (links == NULL)
    return NULL;
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *l = links->pdata[i];
      g_autofree char *full = url_hash (l->url);

      if (g_str_has_prefix (full, hash))
        g_ptr_array_add (found, l);
    }
  if (found->len == 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("There is no link “%s” in the current pages of %s (see “link list %s”)"), id, framework,
                   framework);
      return NULL;
    }
  if (found->len > 1)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", ((AttestLink *)found->pdata[i])->id);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” names several links: %s"), id, names->str);
      return NULL;
    }
  link = found->pdata[0];
  g_ptr_array_set_free_func (links, NULL);
  for (guint i = 0; i < links->len; i++)
    if (links->pdata[i] != link)
      attest_link_free (links->pdata[i]);
  return link;
}

/**
 * attest_workspace_get_link_document:
 *
 * The document the workspace holds for @url, or %NULL (with no error) when
 * it holds none.
 */
AttestLinkDocument *
attest_workspace_get_link_document (AttestWorkspace  *self,
                                    const char       *url,
                                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  stmt = _attest_workspace_prepare (self,
                                    "SELECT d.sha256, d.origin, d.final_url, d.fetched_at, e.name, e.size, e.page_count "
                                    "FROM link_document d LEFT JOIN evidence e ON e.sha256 = d.sha256 "
                                    "WHERE d.url = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_document (stmt, 0, url);
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
  return NULL;
}

static JsonNode *
document_json (const char               *sha256,
               const char               *name,
               AttestLinkDocumentOrigin  origin,
               const char               *final_url,
               const char               *fetched_at,
               gint64                    size,
               int                       new_file)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  attest_json_add_string_or_null (b, "name", name);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, size);
  json_builder_set_member_name (b, "origin");
  json_builder_add_string_value (b, attest_link_document_origin_to_string (origin));
  attest_json_add_string_or_null (b, "final_url", final_url);
  json_builder_set_member_name (b, "fetched_at");
  json_builder_add_string_value (b, fetched_at);
  if (new_file >= 0)
    {
      json_builder_set_member_name (b, "new_file");
      json_builder_add_boolean_value (b, new_file);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * attest_workspace_set_link_document:
 * @url: the link's URL: the one fetched, or the one the file is attached for
 * @origin: whether the file was downloaded from @url or attached by hand
 * @final_url: (nullable): where the redirects ended (downloads)
 * @fetched_at: (nullable): ISO 8601 UTC, when it was fetched; now when %NULL
 * @name: the file's name as the analyst will know it
 * @bytes: the file, stored unchanged
 * @mime: (nullable): its MIME type
 * @page_count: pages of a PDF, or -1 when unknown
 * @text: (nullable): the text extracted for search
 * @sha256_out: (out) (optional): the file's SHA-256
 *
 * Stores the file as evidence (once: bytes already stored are not copied
 * again) and remembers it as @url's document, replacing the one held
 * before: one transaction with one history row.
 */
gboolean
attest_workspace_set_link_document (AttestWorkspace           *self,
                                    const char                *url,
                                    AttestLinkDocumentOrigin   origin,
                                    const char                *final_url,
                                    const char                *fetched_at,
                                    const char                *name,
                                    GBytes                    *bytes,
                                    const char                *mime,
                                    gint                       page_count,
                                    const char                *text,
                                    char                     **sha256_out,
                                    GError                   **error)
{
  g_autoptr(AttestLinkDocument) old = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *now = NULL;
  g_autofree char *stored_name = NULL;
  g_autoptr(GError) local = NULL;
  gsize size;
  const guchar *data;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID, _("A link's document needs its link's URL"));
      return FALSE;
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID, _("An evidence file needs a name"));
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &size);
  if ((guint64)size > (guint64)ATTEST_EVIDENCE_MAX_BYTES)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("%s: the file is larger than the %d MiB limit for evidence files"),
                   name, (int)(ATTEST_EVIDENCE_MAX_BYTES / (1024 * 1024)));
      return FALSE;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (size > 0)
    g_checksum_update (checksum, data, size);
  sha = g_strdup (g_checksum_get_string (checksum));
  now = fetched_at != NULL && *fetched_at != '\0' ? g_strdup (fetched_at) : now_iso8601 ();

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  old = attest_workspace_get_link_document (self, url, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }

  stored_name = _attest_workspace_query_text (self, "SELECT name FROM evidence WHERE sha256 = ?1", sha);
  if (stored_name == NULL &&
      !_attest_workspace_insert_evidence (self, sha, name, bytes, mime, NULL, NULL, page_count, text, error))
    goto fail;

  stmt = _attest_workspace_prepare (self,
                                    "INSERT INTO link_document (url, sha256, origin, final_url, fetched_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (url) DO UPDATE SET "
                                    "sha256 = excluded.sha256, origin = excluded.origin, "
                                    "final_url = excluded.final_url, fetched_at = excluded.fetched_at", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, attest_link_document_origin_to_string (origin), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, origin == ATTEST_LINK_DOCUMENT_DOWNLOADED ? final_url : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }

  if (old != NULL)
    before = document_json (old->sha256, old->name, old->origin, old->final_url, old->fetched_at, old->size, -1);
  after = document_json (sha, stored_name != NULL ? stored_name : name, origin,
                         origin == ATTEST_LINK_DOCUMENT_DOWNLOADED ? final_url : NULL, now, (gint64)size,
                         stored_name == NULL);
  if (!_attest_history_append (self, "link", url,
                               origin == ATTEST_LINK_DOCUMENT_ATTACHED ? "attach" : "download",
                               before, after, error))
    goto fail;

  if (!_attest_workspace_commit (self, error))
    return FALSE;
  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&sha);
  return TRUE;

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}
