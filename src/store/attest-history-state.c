/* attest-history-state.c: the analyst's data as digests the history carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-history-state.h"
#include "attest-workspace-private.h"

/* ---- What is covered ---------------------------------------------------------
 *
 * One entry per table: a query whose first column names the part a row
 * belongs to ("KIND:KEY") and whose other columns are what the row holds.
 * Each row is hashed as its columns' SQLite types, lengths and bytes, in the
 * query's order (ORDER BY: the rows of a part must come in a fixed order).
 * To cover a new column, add it to its table's query: workspaces written
 * before then show that part as changed once, at their next verify, until
 * the next change records it again — so add columns together with a
 * migration that appends nothing else. ui_state, the search index and the
 * pages themselves (their content hash is covered) are not covered; the
 * evidence bytes are checked against their SHA-256 by verify itself. */
typedef struct {
  const char *kind;
  const char *part;    /* the part a row belongs to: the query's first column */
  const char *rest;    /* ", COLUMNS FROM …" */
  const char *where;   /* or NULL */
  const char *order;
} StateTable;

static const StateTable state_tables[] = {
  /* Checklist items, with the evidence linked to each. */
  { "checklist", "'checklist:' || c.scope_id || ':' || c.service_id",
    ", c.id, c.position, c.title, c.status, c.owner, c.due, "
    "  (SELECT group_concat (sha256, ',') FROM (SELECT sha256 FROM item_evidence ie WHERE ie.item_id = c.id "
    "                                           ORDER BY sha256)) "
    "FROM checklist_item c", NULL, "c.id" },
  /* Links to items that are no longer there (a crafted file): nowhere else. */
  { "evidence-link", "'evidence-link:' || ie.item_id", ", ie.sha256 FROM item_evidence ie",
    "ie.item_id NOT IN (SELECT id FROM checklist_item)", "ie.item_id, ie.sha256" },
  { "note", "'note:' || id", ", target, text, created_at, updated_at FROM note", NULL, "id" },
  /* The file's metadata; its bytes are checked against its SHA-256. */
  { "evidence", "'evidence:' || sha256",
    ", name, size, mime, attached_at, effective, expires, page_count FROM evidence", NULL, "sha256" },
  /* On a file or on a page section. The columns of schema 9, the first item
   * standing for its one item_id, so that a workspace's marks from before
   * keep their digests; what schema 10 added is in annotation-links. */
  { "annotations", "'annotations:' || coalesce (a.sha256, a.section)",
    ", a.id, a.page, a.rects, a.color, a.text, "
    "  (SELECT min (item_id) FROM annotation_item ai WHERE ai.annotation_id = a.id) "
    "FROM annotation a", NULL, "a.id" },
  /* A mark's kind, passage and every item it supports: only for marks that
   * have what schema 9 could not say (a migrated mark's kind is NULL: its
   * rectangles say it). */
  { "annotation-links", "'annotation-links:' || a.id",
    ", a.kind, a.quote, "
    "  (SELECT group_concat (item_id, ',') FROM (SELECT item_id FROM annotation_item ai "
    "                                           WHERE ai.annotation_id = a.id ORDER BY item_id)) "
    "FROM annotation a",
    "(a.kind IS NOT NULL OR a.quote <> '' OR "
    " (SELECT count (*) FROM annotation_item ai WHERE ai.annotation_id = a.id) > 1)", "a.id" },
  { "coverage", "'coverage:' || scope_id",
    ", service_id, variant_id, name, source_line, translated_line, qualifier, in_scope FROM coverage", NULL,
    "scope_id, service_id" },
  { "service", "'service:' || id", ", name, untranslated FROM service", NULL, "id" },
  /* Not the key: it is made from the name, and migrations make it anew. */
  { "service-names", "'service-names:' || service_id", ", lang, name, origin FROM service_name", NULL,
    "service_id, lang, name, origin" },
  { "service-renames", "'service-renames:' || service_id", ", depth, name, added_name FROM service_rename", NULL,
    "service_id, depth" },
  { "service-merge", "'service-merge:' || absorbed_id", ", survivor_id, merged_at FROM service_merge", NULL,
    "absorbed_id" },
  { "my-services", "'my-services:'", ", service_id FROM my_service", NULL, "service_id" },
  { "required-scopes", "'required-scopes:'", ", scope_id FROM required_scope", NULL, "scope_id" },
  /* A page as imported; the analyst's dates on it go here too. */
  { "variant", "'variant:' || id",
    ", framework_id, file_name, locale, effective_date, translation_type, content_hash, date_set, kept_older, "
    "  imported_at FROM variant", NULL, "id" },
  { "scope", "'scope:' || id", ", framework_id, name, parent_id, environment, sort_order FROM scope", NULL, "id" },
  { "framework", "'framework:' || id", ", short_name, title, category, sort_order, description FROM framework",
    NULL, "id" },
  /* The document each link's URL resolves to. */
  { "link-document", "'link-document:' || url", ", sha256, origin, final_url, fetched_at FROM link_document", NULL,
    "url" },
};

/* The parts each covered table's rows belong to, for the triggers that note
 * what a write touched (R. is the row: NEW. or OLD.): the same expressions as
 * above, NULL made the kind as the reading does. An item's links are in its
 * cell's part; a link's item gone or back moves it to or from its own. */
static const struct {
  const char *table;
  const char *parts;
} state_watch[] = {
  { "checklist_item", "SELECT coalesce ('checklist:' || R.scope_id || ':' || R.service_id, 'checklist') AS p "
                      "UNION ALL SELECT coalesce ('evidence-link:' || R.id, 'evidence-link')" },
  { "item_evidence", "SELECT coalesce ('checklist:' || c.scope_id || ':' || c.service_id, 'checklist') AS p "
                     "FROM main.checklist_item c WHERE c.id = R.item_id "
                     "UNION ALL SELECT coalesce ('evidence-link:' || R.item_id, 'evidence-link')" },
  { "note", "SELECT coalesce ('note:' || R.id, 'note') AS p" },
  { "evidence", "SELECT coalesce ('evidence:' || R.sha256, 'evidence') AS p" },
  { "annotation", "SELECT coalesce ('annotations:' || coalesce (R.sha256, R.section), 'annotations') AS p "
                  "UNION ALL SELECT coalesce ('annotation-links:' || R.id, 'annotation-links')" },
  { "annotation_item", "SELECT coalesce ('annotations:' || coalesce (a.sha256, a.section), 'annotations') AS p "
                       "FROM main.annotation a WHERE a.id = R.annotation_id "
                       "UNION ALL SELECT coalesce ('annotation-links:' || R.annotation_id, 'annotation-links')" },
  { "coverage", "SELECT coalesce ('coverage:' || R.scope_id, 'coverage') AS p" },
  { "service", "SELECT coalesce ('service:' || R.id, 'service') AS p" },
  { "service_name", "SELECT coalesce ('service-names:' || R.service_id, 'service-names') AS p" },
  { "service_rename", "SELECT coalesce ('service-renames:' || R.service_id, 'service-renames') AS p" },
  { "service_merge", "SELECT coalesce ('service-merge:' || R.absorbed_id, 'service-merge') AS p" },
  { "my_service", "SELECT 'my-services:' AS p" },
  { "required_scope", "SELECT 'required-scopes:' AS p" },
  { "variant", "SELECT coalesce ('variant:' || R.id, 'variant') AS p" },
  { "scope", "SELECT coalesce ('scope:' || R.id, 'scope') AS p" },
  { "framework", "SELECT coalesce ('framework:' || R.id, 'framework') AS p" },
  { "link_document", "SELECT coalesce ('link-document:' || R.url, 'link-document') AS p" },
};

/* Where a table's rows of the dirty parts can be found through an index:
 * its key columns among the keys the dirty parts' names spell (as text or
 * as a blob, the two a TEXT column can hold; an INTEGER PRIMARY KEY holds
 * integers only), the rows of those parts among them: the query still keeps
 * only the rows whose part is dirty. A checklist part names its cell only
 * when what follows "checklist:" has a single ':' (checked before). */
static const struct {
  const char *kind;
  const char *keys;    /* WITH clause: k (s) or k (s, v) */
  const char *where;
} state_narrow[] = {
  { "checklist",
    "k (s, v) AS (SELECT substr (r, 1, instr (r, ':') - 1), substr (r, instr (r, ':') + 1) "
    "             FROM (SELECT substr (part, 11) AS r FROM temp.state_dirty "
    "                   WHERE part >= 'checklist:' AND part < 'checklist;'))",
    "c.scope_id IN (SELECT s FROM k UNION ALL SELECT CAST (s AS BLOB) FROM k) AND "
    "c.service_id IN (SELECT v FROM k UNION ALL SELECT CAST (v AS BLOB) FROM k)" },
  { "note", NULL, "id" },
  { "coverage", NULL, "scope_id" },
  { "service", NULL, "id" },
  { "service-names", NULL, "service_id" },
  { "service-renames", NULL, "service_id" },
  { "variant", NULL, "id" },
  { "scope", NULL, "id" },
  { "framework", NULL, "id" },
  { "link-document", NULL, "url" },
};

static gint
narrow_index (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_narrow); i++)
    if (g_str_equal (state_narrow[i].kind, kind))
      return (gint)i;
  return -1;
}

typedef enum {
  DIRTY_NONE,
  DIRTY_NARROW,   /* through the index */
  DIRTY_ALL,      /* every row looked at */
} DirtyRead;

/* The query of a table: every row, or the rows of the parts a write touched
 * since the last record (@dirty). */
static char *
table_sql (const StateTable *t,
           DirtyRead         dirty)
{
  GString *sql = g_string_new (NULL);
  gint n = dirty == DIRTY_NARROW ? narrow_index (t->kind) : -1;

  if (n >= 0 && state_narrow[n].keys != NULL)
    g_string_append_printf (sql, "WITH %s ", state_narrow[n].keys);
  else if (n >= 0)
    g_string_append_printf (sql, "WITH k (s) AS (SELECT substr (part, %d) FROM temp.state_dirty "
                                 "WHERE part >= '%s:' AND part < '%s;') ",
                            (int)strlen (t->kind) + 2, t->kind, t->kind);
  g_string_append_printf (sql, "SELECT %s%s", t->part, t->rest);
  if (t->where != NULL || dirty != DIRTY_NONE)
    g_string_append (sql, " WHERE ");
  if (t->where != NULL)
    g_string_append (sql, t->where);
  if (t->where != NULL && dirty != DIRTY_NONE)
    g_string_append (sql, " AND ");
  if (n >= 0 && state_narrow[n].keys != NULL)
    g_string_append_printf (sql, "%s AND ", state_narrow[n].where);
  else if (n >= 0)
    g_string_append_printf (sql, "%s IN (SELECT s FROM k UNION ALL SELECT CAST (s AS BLOB) FROM k) AND ",
                            state_narrow[n].where);
  if (dirty != DIRTY_NONE)
    g_string_append_printf (sql, "coalesce (%s, '%s') IN (SELECT part FROM temp.state_dirty)", t->part, t->kind);
  g_string_append_printf (sql, " ORDER BY %s", t->order);
  return g_string_free (sql, FALSE);
}

#define WATCH_KEY "attest-state-watch"

/* Makes this connection note in temp.state_dirty the parts every write of a
 * covered table touches, so that a history row rehashes only those. */
gboolean
_attest_state_watch (AttestWorkspace  *self,
                     GError          **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TEMP TABLE IF NOT EXISTS state_dirty (part TEXT PRIMARY KEY) "
                                         "WITHOUT ROWID;");
  static const char *const events[] = { "INSERT", "UPDATE", "DELETE" };

  for (guint i = 0; i < G_N_ELEMENTS (state_watch); i++)
    for (guint e = 0; e < G_N_ELEMENTS (events); e++)
      for (guint r = 0; r < 2; r++)
        {
          const char *row = r == 0 ? "NEW." : "OLD.";
          g_auto(GStrv) pieces = NULL;
          g_autofree char *parts = NULL;

          if ((e == 0 && r == 1) || (e == 2 && r == 0))
            continue;
          pieces = g_strsplit (state_watch[i].parts, "R.", -1);
          parts = g_strjoinv (row, pieces);
          g_string_append_printf (sql,
                                  "CREATE TEMP TRIGGER IF NOT EXISTS state_dirty_%s_%c%c AFTER %s ON main.%s BEGIN "
                                  "INSERT INTO state_dirty (part) SELECT p FROM (%s) WHERE true "
                                  "ON CONFLICT DO NOTHING; END;",
                                  state_watch[i].table, g_ascii_tolower (events[e][0]), row[0],
                                  events[e], state_watch[i].table, parts);
        }
  if (!_attest_workspace_exec (self, sql->str, error))
    return FALSE;
  g_object_set_data (G_OBJECT (self), WATCH_KEY, GINT_TO_POINTER (1));
  return TRUE;
}

void
_attest_state_part_free (AttestStatePart *part)
{
  if (part == NULL)
    return;
  g_free (part->digest);
  g_free (part);
}

GHashTable *
_attest_state_new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)_attest_state_part_free);
}

typedef struct {
  GChecksum *sum;
  gint64 rows;
} Pending;

static void
pending_free (Pending *p)
{
  g_checksum_free (p->sum);
  g_free (p);
}

static void
hash_column (GChecksum    *sum,
             sqlite3_stmt *stmt,
             int           i)
{
  char head[48];
  const void *data = NULL;
  char type;
  int len;

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      g_checksum_update (sum, (const guchar *)"n;", 2);
      return;
    case SQLITE_BLOB:
      type = 'b';
      data = sqlite3_column_blob (stmt, i);
      break;
    case SQLITE_INTEGER:
      type = 'i';
      data = sqlite3_column_text (stmt, i);
      break;
    case SQLITE_FLOAT:
      type = 'f';
      data = sqlite3_column_text (stmt, i);
      break;
    default:
      type = 's';
      data = sqlite3_column_text (stmt, i);
      break;
    }
  len = data != NULL ? sqlite3_column_bytes (stmt, i) : 0;
  g_snprintf (head, sizeof head, "%c%d:", type, len);
  g_checksum_update (sum, (const guchar *)head, -1);
  if (len > 0)
    g_checksum_update (sum, data, len);
}

/* Hashes the rows of table @t (all, or those of the dirty parts) into @pending. */
static gboolean
hash_table_rows (AttestWorkspace   *self,
                 const StateTable  *t,
                 DirtyRead          dirty,
                 GHashTable        *pending,
                 GError           **error)
{
  g_autofree char *sql = table_sql (t, dirty);
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self, sql, error);
  Pending *p = NULL;
  g_autofree char *last = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = _attest_column_text (stmt, 0);
      int n = sqlite3_column_count (stmt);

      if (name == NULL)
        name = t->kind;
      /* Rows of a part mostly come together: look up only on a change. */
      if (p == NULL || g_strcmp0 (last, name) != 0)
        {
          p = g_hash_table_lookup (pending, name);
          if (p == NULL)
            {
              p = g_new0 (Pending, 1);
              p->sum = g_checksum_new (G_CHECKSUM_SHA256);
              g_checksum_update (p->sum, (const guchar *)"attest-state-1", -1);
              g_hash_table_insert (pending, g_strdup (name), p);
            }
          g_free (last);
          last = g_strdup (name);
        }
      g_checksum_update (p->sum, (const guchar *)"r", 1);
      for (int i = 1; i < n; i++)
        hash_column (p->sum, stmt, i);
      p->rows++;
    }
  _attest_workspace_done (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  return TRUE;
}

/* Moves the finished digests of @pending into @parts. */
static void
add_pending (GHashTable *parts,
             GHashTable *pending)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Pending *p = value;
      AttestStatePart *part = g_new0 (AttestStatePart, 1);

      part->rows = p->rows;
      part->digest = g_strdup (g_checksum_get_string (p->sum));
      g_hash_table_replace (parts, g_strdup (key), part);
    }
}

/**
 * _attest_state_compute:
 *
 * Returns: (transfer full): part name → #AttestStatePart, from the tables as
 *   they are now, or %NULL with @error set.
 */
GHashTable *
_attest_state_compute (AttestWorkspace  *self,
                       GError          **error)
{
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify)pending_free);
  g_autoptr(GHashTable) parts = _attest_state_new_table ();

  for (guint t = 0; t < G_N_ELEMENTS (state_tables); t++)
    if (!hash_table_rows (self, &state_tables[t], DIRTY_NONE, pending, error))
      return NULL;
  add_pending (parts, pending);
  return g_steal_pointer (&parts);
}

/* The parts a write touched since the last record (temp.state_dirty), read
 * again: their names into @dirty, those that still have rows into the
 * table returned. */
static GHashTable *
compute_dirty (AttestWorkspace  *self,
               GPtrArray        *dirty,
               GError          **error)
{
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify)pending_free);
  g_autoptr(GHashTable) parts = _attest_state_new_table ();
  DirtyRead kinds[G_N_ELEMENTS (state_tables)] = { DIRTY_NONE, };
  sqlite3_stmt *stmt;
  int rc;

  stmt = _attest_workspace_prepare_kept (self, "SELECT part FROM temp.state_dirty", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = _attest_column_text (stmt, 0);
      const char *colon;
      gsize len;

      if (name == NULL)
        continue;
      g_ptr_array_add (dirty, g_strdup (name));
      colon = strchr (name, ':');
      len = colon != NULL ? (gsize)(colon - name) : strlen (name);
      for (guint t = 0; t < G_N_ELEMENTS (state_tables); t++)
        if (strlen (state_tables[t].kind) == len && strncmp (state_tables[t].kind, name, len) == 0)
          {
            gboolean narrow = colon != NULL && narrow_index (state_tables[t].kind) >= 0;

            /* "checklist:SCOPE:SERVICE" names its keys only with one ':' after the kind's. */
            if (narrow && g_str_equal (state_tables[t].kind, "checklist"))
              {
                const char *second = strchr (colon + 1, ':');
                narrow = second != NULL && strchr (second + 1, ':') == NULL;
              }
            if (!narrow)
              kinds[t] = DIRTY_ALL;
            else if (kinds[t] == DIRTY_NONE)
              kinds[t] = DIRTY_NARROW;
          }
    }
  _attest_workspace_done (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  for (guint t = 0; t < G_N_ELEMENTS (state_tables); t++)
    if (kinds[t] != DIRTY_NONE && !hash_table_rows (self, &state_tables[t], kinds[t], pending, error))
      return NULL;
  add_pending (parts, pending);
  return g_steal_pointer (&parts);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static GPtrArray *
sorted_names (GHashTable *parts)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* A digest over every part: what the history says the whole state is. */
char *
_attest_state_root (GHashTable *parts)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) names = sorted_names (parts);

  g_checksum_update (sum, (const guchar *)"attest-state-root-1", -1);
  for (guint i = 0; i < names->len; i++)
    {
      AttestStatePart *part = g_hash_table_lookup (parts, names->pdata[i]);
      g_autofree char *line = g_strdup_printf ("%" G_GSIZE_FORMAT ":%s %" G_GINT64_FORMAT " %s\n",
                                               strlen (names->pdata[i]), (const char *)names->pdata[i],
                                               part->rows, part->digest);
      g_checksum_update (sum, (const guchar *)line, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
part_equal (const AttestStatePart *a,
            const AttestStatePart *b)
{
  return a != NULL && b != NULL && a->rows == b->rows && g_strcmp0 (a->digest, b->digest) == 0;
}

/* ---- The root, kept up to date ------------------------------------------------
 *
 * The root above hashes every part: written with each history row, it made
 * a row cost as much as the whole state (an import's pages, one row each,
 * cost the square of the pages). The second form is as much a digest of
 * every part, and as much a function of the parts alone, but in two levels:
 * each part goes to one of ROOT_BUCKETS buckets by a hash of its name, a
 * bucket's digest covers its parts' lines (as above, in name order), and
 * the root covers, for each bucket that holds a part in order, its number
 * (one byte) and its digest (32 bytes). A row then
 * rehashes only the buckets of the parts it changed. Its records say
 * "2:" before the digest; rows that recorded the first form keep theirs,
 * and verify checks the last row's root in the form that row wrote. */
#define ROOT_BUCKETS 256
#define ROOT2_PREFIX "2:"

typedef struct {
  GPtrArray *names;    /* owned; in name order unless @dirty */
  gboolean dirty;      /* its digest is to be computed again */
  guint8 digest[33];   /* the bucket's number, then its SHA-256 */
} RootBucket;

typedef struct {
  RootBucket buckets[ROOT_BUCKETS];
} RootIndex;

static void
root_index_free (RootIndex *index)
{
  for (guint i = 0; i < ROOT_BUCKETS; i++)
    g_clear_pointer (&index->buckets[i].names, g_ptr_array_unref);
  g_free (index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RootIndex, root_index_free)

/* FNV-1a: fixed here, as the roots written depend on it. */
static guint
bucket_of (const char *name)
{
  guint32 h = 2166136261u;

  for (const guchar *c = (const guchar *)name; *c != '\0'; c++)
    {
      h ^= *c;
      h *= 16777619u;
    }
  return h % ROOT_BUCKETS;
}

static void
root_index_add (RootIndex  *index,
                const char *name)
{
  RootBucket *b = &index->buckets[bucket_of (name)];

  if (b->names == NULL)
    b->names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (b->names, g_strdup (name));
  b->dirty = TRUE;
}

static void
root_index_remove (RootIndex  *index,
                   const char *name)
{
  RootBucket *b = &index->buckets[bucket_of (name)];

  for (guint i = 0; b->names != NULL && i < b->names->len; i++)
    if (g_str_equal (b->names->pdata[i], name))
      {
        g_ptr_array_remove_index_fast (b->names, i);
        b->dirty = TRUE;
        return;
      }
}

static void
root_index_touch (RootIndex  *index,
                  const char *name)
{
  index->buckets[bucket_of (name)].dirty = TRUE;
}

static RootIndex *
root_index_new (GHashTable *parts)
{
  RootIndex *index = g_new0 (RootIndex, 1);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    root_index_add (index, key);
  return index;
}

static void
hash_part_line (GChecksum             *sum,
                const char            *name,
                const AttestStatePart *part)
{
  g_autofree char *line = g_strdup_printf ("%" G_GSIZE_FORMAT ":%s %" G_GINT64_FORMAT " %s\n",
                                           strlen (name), name, part->rows, part->digest);

  g_checksum_update (sum, (const guchar *)line, -1);
}

/* The root of @parts in the second form, the digests of the buckets
 * @index marks dirty computed again. */
static char *
root_index_root (RootIndex  *index,
                 GHashTable *parts)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *)"attest-state-root-2", -1);
  for (guint i = 0; i < ROOT_BUCKETS; i++)
    {
      RootBucket *b = &index->buckets[i];

      if (b->names == NULL || b->names->len == 0)
        continue;
      if (b->dirty)
        {
          g_autoptr(GChecksum) bucket = g_checksum_new (G_CHECKSUM_SHA256);
          gsize len = sizeof b->digest - 1;

          g_ptr_array_sort (b->names, compare_names);
          g_checksum_update (bucket, (const guchar *)"attest-state-bucket-2", -1);
          for (guint n = 0; n < b->names->len; n++)
            hash_part_line (bucket, b->names->pdata[n], g_hash_table_lookup (parts, b->names->pdata[n]));
          b->digest[0] = (guint8)i;
          g_checksum_get_digest (bucket, b->digest + 1, &len);
          b->dirty = FALSE;
        }
      g_checksum_update (sum, b->digest, sizeof b->digest);
    }
  return g_strconcat (ROOT2_PREFIX, g_checksum_get_string (sum), NULL);
}

/**
 * _attest_state_root2:
 *
 * Returns: (transfer full): the root of @parts in the second form ("2:…").
 */
char *
_attest_state_root2 (GHashTable *parts)
{
  g_autoptr(RootIndex) index = root_index_new (parts);

  return root_index_root (index, parts);
}

/**
 * _attest_state_root_as:
 * @recorded: a root a history row recorded
 *
 * Returns: (transfer full): the root of @parts in the form of @recorded.
 */
char *
_attest_state_root_as (GHashTable *parts,
                       const char *recorded)
{
  if (recorded != NULL && g_str_has_prefix (recorded, ROOT2_PREFIX))
    return _attest_state_root2 (parts);
  return _attest_state_root (parts);
}

/**
 * _attest_state_apply:
 * @record: a history row's state: {"root": DIGEST, "parts": {NAME: [ROWS, DIGEST] or null}}
 * @root: (out) (optional): the root the record states
 *
 * Returns: %FALSE when @record is not such a record (@parts is then untouched
 *   only in what the record did not reach).
 */
gboolean
_attest_state_apply (GHashTable  *parts,
                     const char  *record,
                     gint64       history_id,
                     char       **root)
{
  g_autoptr(JsonNode) node = attest_history_parse_json (record, NULL);
  JsonObject *o, *changed;
  JsonNode *r, *p;
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  r = json_object_get_member (o, "root");
  p = json_object_get_member (o, "parts");
  if (r == NULL || json_node_get_value_type (r) != G_TYPE_STRING || p == NULL || !JSON_NODE_HOLDS_OBJECT (p))
    return FALSE;
  changed = json_node_get_object (p);
  members = json_object_get_members (changed);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *v = json_object_get_member (changed, l->data);
      JsonArray *a;
      AttestStatePart *part;

      if (JSON_NODE_HOLDS_NULL (v))
        {
          g_hash_table_remove (parts, l->data);
          continue;
        }
      if (!JSON_NODE_HOLDS_ARRAY (v))
        return FALSE;
      a = json_node_get_array (v);
      if (json_array_get_length (a) != 2 ||
          json_node_get_value_type (json_array_get_element (a, 0)) != G_TYPE_INT64 ||
          json_node_get_value_type (json_array_get_element (a, 1)) != G_TYPE_STRING)
        return FALSE;
      part = g_new0 (AttestStatePart, 1);
      part->rows = json_array_get_int_element (a, 0);
      part->digest = g_strdup (json_array_get_string_element (a, 1));
      part->history_id = history_id;
      g_hash_table_replace (parts, g_strdup (l->data), part);
    }
  if (root != NULL)
    *root = g_strdup (json_node_get_string (r));
  return TRUE;
}

/* ---- Writing ---------------------------------------------------------------- */

/* The state the last row recorded, kept with the hash of that row: valid
 * while that row is the head (another process's write, or a rollback, moves
 * the head and the state is read again from the history). */
typedef struct {
  char *hash;
  GHashTable *parts;
  RootIndex *index;      /* @parts by bucket, every digest computed */
  char *root;            /* what the row recorded */
  gint64 data_version;   /* no other connection wrote since */
} StateCache;

static void
state_cache_free (StateCache *c)
{
  g_free (c->hash);
  g_clear_pointer (&c->parts, g_hash_table_unref);
  g_clear_pointer (&c->index, root_index_free);
  g_free (c->root);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StateCache, state_cache_free)

#define CACHE_KEY "attest-state-cache"
#define PENDING_KEY "attest-state-pending"
#define INCREMENTAL_KEY "attest-state-incremental"

/* The state the history recorded up to its head (@head): kept, or replayed. */
static GHashTable *
recorded_state (AttestWorkspace  *self,
                const char       *head,
                GError          **error)
{
  StateCache *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (cache != NULL && g_strcmp0 (cache->hash, head) == 0)
    return g_hash_table_ref (cache->parts);

  parts = _attest_state_new_table ();
  stmt = _attest_workspace_prepare (self, "SELECT id, state FROM history WHERE state IS NOT NULL ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    /* A record that does not parse (a crafted file) is for verify to name;
     * the next row records every part that differs from what could be read. */
    _attest_state_apply (parts, _attest_column_text (stmt, 1), sqlite3_column_int64 (stmt, 0), NULL);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&parts);
}

static void
add_changed (JsonBuilder           *b,
             const char            *name,
             const AttestStatePart *part)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  json_builder_add_int_value (b, part->rows);
  json_builder_add_string_value (b, part->digest);
  json_builder_end_array (b);
}

/* The head's state (@kept, as the tables were when it was recorded) made
 * the tables' now: the parts a write touched since read again, each that
 * differs written into @b, in name order, then each gone. Costs what the
 * touched parts and their buckets hold, not the whole state. */
static gboolean
record_dirty (AttestWorkspace  *self,
              StateCache       *kept,
              JsonBuilder      *b,
              GError          **error)
{
  g_autoptr(GPtrArray) dirty = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) now = compute_dirty (self, dirty, error);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();

  if (now == NULL)
    return FALSE;
  g_ptr_array_sort (dirty, compare_names);
  for (guint i = 0; i < dirty->len; i++)
    {
      const char *name = dirty->pdata[i];
      AttestStatePart *part = g_hash_table_lookup (now, name);
      AttestStatePart *before = g_hash_table_lookup (kept->parts, name);

      if (part == NULL)
        {
          if (before != NULL)
            g_ptr_array_add (gone, (gpointer)name);
          continue;
        }
      if (part_equal (part, before))
        continue;
      add_changed (b, name, part);
      if (before == NULL)
        root_index_add (kept->index, name);
      else
        root_index_touch (kept->index, name);
      {
        gpointer key;

        g_hash_table_steal_extended (now, name, &key, NULL);
        g_hash_table_replace (kept->parts, key, part);
      }
    }
  for (guint i = 0; i < gone->len; i++)
    {
      json_builder_set_member_name (b, gone->pdata[i]);
      json_builder_add_null_value (b);
      root_index_remove (kept->index, gone->pdata[i]);
      g_hash_table_remove (kept->parts, gone->pdata[i]);
    }
  return TRUE;
}

/* Every part read from the tables, against what the history recorded. */
static StateCache *
record_all (AttestWorkspace  *self,
            const char       *prev_hash,
            JsonBuilder      *b,
            GError          **error)
{
  g_autoptr(GHashTable) before = recorded_state (self, prev_hash, error);
  g_autoptr(StateCache) state = NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (before == NULL)
    return NULL;
  state = g_new0 (StateCache, 1);
  state->parts = _attest_state_compute (self, error);
  if (state->parts == NULL)
    return NULL;
  names = sorted_names (state->parts);
  for (guint i = 0; i < names->len; i++)
    {
      AttestStatePart *part = g_hash_table_lookup (state->parts, names->pdata[i]);

      if (!part_equal (part, g_hash_table_lookup (before, names->pdata[i])))
        add_changed (b, names->pdata[i], part);
    }
  g_clear_pointer (&names, g_ptr_array_unref);
  names = sorted_names (before);
  for (guint i = 0; i < names->len; i++)
    if (!g_hash_table_contains (state->parts, names->pdata[i]))
      {
        json_builder_set_member_name (b, names->pdata[i]);
        json_builder_add_null_value (b);
      }
  state->index = root_index_new (state->parts);
  return g_steal_pointer (&state);
}

/**
 * _attest_state_record:
 * @prev_hash: the head of the history before the row about to be written
 *
 * Returns: (transfer full): the state record of that row: the parts that
 *   differ from what the history recorded so far, and the root over all.
 */
char *
_attest_state_record (AttestWorkspace  *self,
                      const char       *prev_hash,
                      GError          **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) parts = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(StateCache) state = NULL;
  gboolean watched = g_object_get_data (G_OBJECT (self), WATCH_KEY) != NULL;
  StateCache *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);

  json_builder_begin_object (parts);
  /* The head's state and the parts this connection's writes touched since,
   * while that state is the tables' as the head left them: the head is the
   * row it was kept for (a rollback moves the head) and no other connection
   * wrote. Anything else reads every table. Until this row is written,
   * nothing is known to match the tables: the kept state becomes this row's. */
  if (watched && cache != NULL && g_strcmp0 (cache->hash, prev_hash) == 0 &&
      cache->data_version >= 0 && cache->data_version == attest_workspace_get_data_version (self))
    {
      guint counted = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), INCREMENTAL_KEY));

      state = g_object_steal_data (G_OBJECT (self), CACHE_KEY);
      if (!record_dirty (self, state, parts, error))
        return NULL;
      g_object_set_data (G_OBJECT (self), INCREMENTAL_KEY, GUINT_TO_POINTER (counted + 1));
    }
  else
    {
      state = record_all (self, prev_hash, parts, error);
      g_object_set_data (G_OBJECT (self), CACHE_KEY, NULL);
      if (state == NULL)
        return NULL;
    }
  if (watched)
    {
      sqlite3_stmt *clear = _attest_workspace_prepare_kept (self, "DELETE FROM temp.state_dirty", error);
      int rc;

      if (clear == NULL)
        return NULL;
      rc = sqlite3_step (clear);
      if (rc != SQLITE_DONE)
        _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      _attest_workspace_done (clear);
      if (rc != SQLITE_DONE)
        return NULL;
    }
  json_builder_end_object (parts);
  changed = json_builder_get_root (parts);

  g_clear_pointer (&state->hash, g_free);
  g_clear_pointer (&state->root, g_free);
  state->root = root_index_root (state->index, state->parts);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "root");
  json_builder_add_string_value (b, state->root);
  json_builder_set_member_name (b, "parts");
  json_builder_add_value (b, g_steal_pointer (&changed));
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  g_object_set_data_full (G_OBJECT (self), PENDING_KEY, g_steal_pointer (&state), (GDestroyNotify)state_cache_free);
  return json_to_string (root, FALSE);
}

void
_attest_state_remember (AttestWorkspace *self,
                        const char      *hash)
{
  StateCache *pending = g_object_steal_data (G_OBJECT (self), PENDING_KEY);

  if (pending == NULL)
    return;
  pending->hash = g_strdup (hash);
  pending->data_version = attest_workspace_get_data_version (self);
  g_object_set_data_full (G_OBJECT (self), CACHE_KEY, pending, (GDestroyNotify)state_cache_free);
}

/* For tests: the state kept for the head (or %NULL), and how many rows
 * were recorded from a kept state rather than from every table. */
GHashTable *
_attest_state_kept (AttestWorkspace *self,
                    guint           *incremental)
{
  StateCache *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);

  if (incremental != NULL)
    *incremental = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), INCREMENTAL_KEY));
  return cache != NULL ? cache->parts : NULL;
}

/* For tests: (transfer none) the root the head recorded, kept with its
 * state (computed bucket by bucket as writes went), or %NULL. */
const char *
_attest_state_kept_root (AttestWorkspace *self)
{
  StateCache *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);

  return cache != NULL ? cache->root : NULL;
}

/* ---- Naming what differs -------------------------------------------------------- */

/* "Page imported: SOC 2, 2026-03-01T10:00:00Z": the row that last recorded a part. */
static char *
row_words (AttestWorkspace      *self,
           AttestWorkspaceNames *names,
           gint64                id)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self,
                                                            "SELECT at, reviewer, entity, entity_id, action, before, "
                                                            "after FROM history WHERE id = ?1", NULL);
  g_autoptr(AttestHistoryEntry) e = NULL;
  g_autoptr(AttestHistoryDescription) d = NULL;
  g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (stmt == NULL)
    return g_strdup (row);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (row);
  e = g_new0 (AttestHistoryEntry, 1);
  e->id = id;
  e->at = g_strdup (_attest_column_text (stmt, 0));
  e->reviewer = g_strdup (_attest_column_text (stmt, 1));
  e->entity = g_strdup (_attest_column_text (stmt, 2));
  e->entity_id = g_strdup (_attest_column_text (stmt, 3));
  e->action = g_strdup (_attest_column_text (stmt, 4));
  e->before = g_strdup (_attest_column_text (stmt, 5));
  e->after = g_strdup (_attest_column_text (stmt, 6));
  d = attest_history_describe (e, names);
  /* Translators: the history row a part of the state was last recorded by:
   * "row 12, Page imported: SOC 2, 2026-03-01T10:00:00Z" */
  return g_strdup_printf (_("row %s, %s: %s, %s"), row, d->what, d->subject, e->at != NULL ? e->at : "");
}

/* The part in words: "checklist of SOC 2 × Intune", "coverage of SOC 2 (soc/soc-2)". */
static char *
part_label (AttestWorkspace      *self,
            AttestWorkspaceNames *names,
            const char           *name)
{
  const char *colon = strchr (name, ':');
  g_autofree char *kind = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
  const char *key = colon != NULL ? colon + 1 : "";

  if (g_str_equal (kind, "checklist"))
    {
      const char *sep = strrchr (key, ':');
      g_autofree char *scope = sep != NULL ? g_strndup (key, sep - key) : g_strdup (key);
      g_autofree char *cell = attest_workspace_names_cell (names, scope, sep != NULL ? sep + 1 : "", 0);
      /* Translators: a part of the workspace verify checks: "checklist of SOC 2 × Intune" */
      return g_strdup_printf (_("checklist of %s"), cell);
    }
  if (g_str_equal (kind, "coverage"))
    /* Translators: "coverage of SOC 2 (soc/soc-2)": the services a page puts in a scope */
    return g_strdup_printf (_("coverage of %s (%s)"), attest_workspace_names_scope (names, key), key);
  if (g_str_equal (kind, "note"))
    {
      g_autofree char *target = _attest_workspace_query_text (self, "SELECT target FROM note WHERE id = ?1", key);
      g_autofree char *on = NULL;

      if (target == NULL)
        return g_strdup_printf (_("note %s"), key);
      on = attest_workspace_names_target (names, target);
      /* Translators: "note 5 on SOC 2 × Intune" */
      return g_strdup_printf (_("note %s on %s"), key, on);
    }
  if (g_str_equal (kind, "evidence"))
    /* Translators: an evidence file's details: "evidence “audit-report.pdf”" */
    return g_strdup_printf (_("evidence “%s”"), attest_workspace_names_evidence (names, key));
  if (g_str_equal (kind, "evidence-link"))
    /* Translators: evidence linked to a checklist item that is not there: "evidence of item 42" */
    return g_strdup_printf (_("evidence of item %s"), key);
  if (g_str_equal (kind, "annotation-links"))
    /* Translators: an annotation's kind, passage and linked items: "links of annotation 12" */
    return g_strdup_printf (_("links of annotation %s"), key);
  if (g_str_equal (kind, "annotations") && g_str_has_prefix (key, "framework:"))
    {
      g_autofree char *on = attest_workspace_names_target (names, key);
      /* Translators: annotations on a page section: "annotations on SOC › Audit cycle" */
      return g_strdup_printf (_("annotations on %s"), on);
    }
  if (g_str_equal (kind, "annotations"))
    /* Translators: "annotations on “audit-report.pdf”" */
    return g_strdup_printf (_("annotations on “%s”"), attest_workspace_names_evidence (names, key));
  if (g_str_equal (kind, "service"))
    return g_strdup_printf (_("service %s"), attest_workspace_names_service (names, key));
  if (g_str_equal (kind, "service-names"))
    /* Translators: the names a service is known by: "names of service Intune" */
    return g_strdup_printf (_("names of service %s"), attest_workspace_names_service (names, key));
  if (g_str_equal (kind, "service-renames"))
    return g_strdup_printf (_("renames of service %s"), attest_workspace_names_service (names, key));
  if (g_str_equal (kind, "service-merge"))
    return g_strdup_printf (_("merge of service %s"), attest_workspace_names_service (names, key));
  if (g_str_equal (kind, "my-services"))
    return g_strdup (_("My Services"));
  if (g_str_equal (kind, "required-scopes"))
    return g_strdup (_("Required Scopes"));
  if (g_str_equal (kind, "variant"))
    {
      g_autofree char *file = _attest_workspace_query_text (self, "SELECT file_name FROM variant WHERE id = ?1", key);
      /* Translators: an imported page: "page offering-soc.md (variant 3)" */
      return g_strdup_printf (_("page %s (variant %s)"), file != NULL ? file : "?", key);
    }
  if (g_str_equal (kind, "scope"))
    return g_strdup_printf (_("scope %s (%s)"), attest_workspace_names_scope (names, key), key);
  if (g_str_equal (kind, "framework"))
    return g_strdup_printf (_("framework %s (%s)"), attest_workspace_names_framework (names, key), key);
  return g_strdup (name);
}

static const char *
string_of (JsonObject *o,
           const char *key)
{
  JsonNode *m = o != NULL ? json_object_get_member (o, key) : NULL;

  if (m == NULL || json_node_get_value_type (m) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (m);
}

/* A field's value in a problem line: quoted, or "none". */
static char *
quoted (const char *value)
{
  g_autofree char *valid = NULL;
  g_autofree char *start = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup (_("none"));
  valid = g_utf8_make_valid (value, -1);
  g_strdelimit (valid, "\n\r\t", ' ');
  if (g_utf8_strlen (valid, 81) <= 80)
    return g_strdup_printf (_("“%s”"), valid);
  start = g_utf8_substring (valid, 0, 79);
  return g_strdup_printf (_("“%s…”"), start);
}

static void
add_field_problem (GPtrArray  *problems,
                   const char *subject,
                   const char *field,
                   const char *in_table,
                   const char *by_history)
{
  g_autofree char *t = quoted (in_table);
  g_autofree char *h = quoted (by_history);

  if (g_strcmp0 (in_table != NULL ? in_table : "", by_history != NULL ? by_history : "") == 0)
    return;
  /* Translators: a field edited outside Attest: "SOC 2 × Intune, item 3: status
   * is “satisfied” in the table, “in-progress” by the history" */
  g_ptr_array_add (problems, g_strdup_printf (_("%s: %s is %s in the table, %s by the history"),
                                              subject, field, t, h));
}

typedef struct {
  char *title;
  char *status;
  char *owner;
  char *due;
  gboolean known;      /* the history says this item exists */
} ExpectedItem;

static void
expected_item_free (ExpectedItem *e)
{
  g_free (e->title);
  g_free (e->status);
  g_free (e->owner);
  g_free (e->due);
  g_free (e);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static ExpectedItem *
expected_at (GPtrArray *items,
             guint      position)
{
  while (items->len < position)
    {
      ExpectedItem *e = g_new0 (ExpectedItem, 1);
      e->status = g_strdup ("not-started");
      e->owner = g_strdup ("");
      g_ptr_array_add (items, e);
    }
  return items->pdata[position - 1];
}

/* The items of a cell replayed from its history rows, compared field by
 * field with its table rows. Returns how many problems it named. */
static guint
compare_checklist (AttestWorkspace      *self,
                   AttestWorkspaceNames *names,
                   const char           *key,
                   GPtrArray            *problems)
{
  const char *sep = strrchr (key, ':');
  g_autofree char *scope = sep != NULL ? g_strndup (key, sep - key) : NULL;
  const char *service = sep != NULL ? sep + 1 : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)expected_item_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) h = NULL;
  g_autoptr(sqlite3_stmt) t = NULL;
  guint before = problems->len;
  gboolean have_titles = FALSE;

  if (scope == NULL)
    return 0;
  h = _attest_workspace_prepare (self,
                                 "SELECT entity, entity_id, after FROM history "
                                 "WHERE entity IN ('checklist', 'checklist-item') AND "
                                 "  (entity_id = ?1 OR substr (entity_id, 1, length (?1) + 1) = ?1 || '#') "
                                 "ORDER BY id", NULL);
  t = _attest_workspace_prepare (self,
                                 "SELECT position, title, status, owner, due FROM checklist_item "
                                 "WHERE scope_id = ?1 AND service_id = ?2 ORDER BY position", NULL);
  if (h == NULL || t == NULL)
    return 0;
  sqlite3_bind_text (h, 1, key, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (h) == SQLITE_ROW)
    {
      const char *entity = _attest_column_text (h, 0);
      const char *id = _attest_column_text (h, 1);
      const char *after_text = _attest_column_text (h, 2);
      g_autoptr(JsonNode) after = after_text != NULL ? attest_history_parse_json (after_text, NULL) : NULL;

      if (after == NULL || id == NULL || entity == NULL)
        continue;
      if (g_str_equal (entity, "checklist") && JSON_NODE_HOLDS_ARRAY (after))
        {
          JsonArray *titles = json_node_get_array (after);

          g_ptr_array_set_size (items, 0);
          have_titles = TRUE;
          for (guint i = 0; i < json_array_get_length (titles) && i < 10000; i++)
            {
              ExpectedItem *e = expected_at (items, i + 1);
              g_free (e->title);
              e->title = g_strdup (json_array_get_string_element (titles, i));
              e->known = TRUE;
            }
        }
      else if (g_str_equal (entity, "checklist-item") && JSON_NODE_HOLDS_OBJECT (after))
        {
          const char *hash = strrchr (id, '#');
          JsonObject *o = json_node_get_object (after);
          JsonNode *titles = json_object_get_member (o, "checklist");
          guint64 position;
          ExpectedItem *e;

          if (hash == NULL || !g_ascii_string_to_unsigned (hash + 1, 10, 1, 10000, &position, NULL))
            continue;
          /* The first edit of a cell stores its checklist: the titles come with it. */
          if (titles != NULL && JSON_NODE_HOLDS_ARRAY (titles))
            have_titles = TRUE;
          if (titles != NULL && JSON_NODE_HOLDS_ARRAY (titles))
            for (guint i = 0; i < json_array_get_length (json_node_get_array (titles)) && i < 10000; i++)
              {
                ExpectedItem *t_item = expected_at (items, i + 1);
                g_free (t_item->title);
                t_item->title = g_strdup (json_array_get_string_element (json_node_get_array (titles), i));
                t_item->known = TRUE;
              }
          e = expected_at (items, (guint)position);
          e->known = TRUE;
          if (string_of (o, "status") != NULL)
            set_text (&e->status, string_of (o, "status"));
          if (string_of (o, "owner") != NULL)
            set_text (&e->owner, string_of (o, "owner"));
          if (json_object_has_member (o, "due"))
            set_text (&e->due, string_of (o, "due"));
        }
    }

  sqlite3_bind_text (t, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (t, 2, service, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (t) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (t, 0);
      g_autofree char *subject = attest_workspace_names_cell (names, scope, service,
                                                              (guint)CLAMP (position, 0, G_MAXUINT));
      ExpectedItem *e = position >= 1 && position <= (gint64)items->len ? items->pdata[position - 1] : NULL;

      /* Stored by an edit that does not list them (evidence, a note): each
       * item the table has started as the template's, unchanged. */
      if (!have_titles && (e == NULL || !e->known) && position >= 1 && position <= 10000)
        {
          e = expected_at (items, (guint)position);
          e->known = TRUE;
        }
      if (e == NULL || !e->known)
        {
          /* Translators: a checklist item the history never made: "SOC 2 × Intune, item 9" */
          g_ptr_array_add (problems, g_strdup_printf (_("%s: in the table, not in the history"), subject));
          continue;
        }
      g_hash_table_add (seen, GINT_TO_POINTER ((int)position));
      if (e->title != NULL)
        add_field_problem (problems, subject, _("title"), _attest_column_text (t, 1), e->title);
      add_field_problem (problems, subject, _("status"), _attest_column_text (t, 2), e->status);
      add_field_problem (problems, subject, _("owner"), _attest_column_text (t, 3), e->owner);
      add_field_problem (problems, subject, _("due"), _attest_column_text (t, 4), e->due);
    }
  for (guint i = 0; i < items->len; i++)
    if (((ExpectedItem *)items->pdata[i])->known && !g_hash_table_contains (seen, GINT_TO_POINTER ((int)i + 1)))
      {
        g_autofree char *subject = attest_workspace_names_cell (names, scope, service, i + 1);
        /* Translators: a checklist item deleted outside Attest */
        g_ptr_array_add (problems, g_strdup_printf (_("%s: missing from the table"), subject));
      }
  return problems->len - before;
}

/* A note's text against the last history row that wrote it. */
static guint
compare_note (AttestWorkspace *self,
              const char      *label,
              const char      *key,
              GPtrArray       *problems)
{
  g_autofree char *recorded = _attest_workspace_query_text (self,
                                                            "SELECT after FROM history WHERE entity = 'note' AND "
                                                            "entity_id = ?1 AND after IS NOT NULL "
                                                            "ORDER BY id DESC LIMIT 1", key);
  g_autofree char *text = _attest_workspace_query_text (self, "SELECT text FROM note WHERE id = ?1", key);
  g_autoptr(JsonNode) after = recorded != NULL ? attest_history_parse_json (recorded, NULL) : NULL;
  const char *expected;
  guint before = problems->len;

  if (after == NULL || !JSON_NODE_HOLDS_OBJECT (after) || text == NULL)
    return 0;
  expected = string_of (json_node_get_object (after), "text");
  if (expected != NULL)
    add_field_problem (problems, label, _("text"), text, expected);
  return problems->len - before;
}

/**
 * _attest_state_compare:
 * @recorded: the state replayed from the history
 * @replayable: every history row recorded the state: replaying the rows'
 *   values gives the fields of checklist items and notes (with older rows,
 *   the first record took the tables as they were, which the rows' values
 *   need not say)
 *
 * Computes the state of the tables and adds one line to @problems per part
 * that differs from @recorded, naming it (and, for checklist items and
 * notes, the fields), with the history row that last recorded it.
 */
gboolean
_attest_state_compare (AttestWorkspace  *self,
                       GHashTable       *recorded,
                       gboolean          replayable,
                       GPtrArray        *problems,
                       GError          **error)
{
  g_autoptr(GHashTable) now = _attest_state_compute (self, error);
  g_autoptr(AttestWorkspaceNames) names = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (now == NULL)
    return FALSE;

  list = sorted_names (now);
  for (guint i = 0; i < list->len; i++)
    {
      const char *name = list->pdata[i];
      AttestStatePart *table = g_hash_table_lookup (now, name);
      AttestStatePart *history = g_hash_table_lookup (recorded, name);
      g_autofree char *label = NULL;

      if (part_equal (table, history))
        continue;
      if (names == NULL)
        names = attest_workspace_names_new (self);
      label = part_label (self, names, name);
      if (history == NULL)
        {
          /* Translators: a part of the workspace added by editing the file:
           * "note 9 on SOC 2 × Intune: in the tables, not in the history (added outside Attest)" */
          g_ptr_array_add (problems, g_strdup_printf (_("%s: in the tables, not in the history (added outside Attest)"),
                                                      label));
          continue;
        }
      {
        g_autofree char *since = row_words (self, names, history->history_id);
        guint detailed = 0;

        if (!replayable)
          ;
        else if (g_str_has_prefix (name, "checklist:"))
          detailed = compare_checklist (self, names, name + strlen ("checklist:"), problems);
        else if (g_str_has_prefix (name, "note:"))
          detailed = compare_note (self, label, name + strlen ("note:"), problems);

        if (table->rows < history->rows)
          {
            gint64 n = history->rows - table->rows;
            g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
            /* Translators: "coverage of SOC 2 (soc/soc-2): 3 rows missing since
             * the history recorded it (row 12, Page imported: SOC 2, …)" */
            g_ptr_array_add (problems, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%s: %s row missing since the history recorded it (%s)",
                                                                     "%s: %s rows missing since the history recorded it (%s)",
                                                                     (gulong)MIN (n, G_MAXLONG)),
                                                        label, count, since));
          }
        else if (table->rows > history->rows)
          {
            gint64 n = table->rows - history->rows;
            g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
            g_ptr_array_add (problems, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%s: %s row more than the history recorded (%s)",
                                                                     "%s: %s rows more than the history recorded (%s)",
                                                                     (gulong)MIN (n, G_MAXLONG)),
                                                        label, count, since));
          }
        else if (detailed == 0)
          /* Translators: "evidence “report.pdf”: changed outside Attest since the history recorded it (row 7, …)" */
          g_ptr_array_add (problems, g_strdup_printf (_("%s: changed outside Attest since the history recorded it (%s)"),
                                                      label, since));
      }
    }

  g_clear_pointer (&list, g_ptr_array_unref);
  list = sorted_names (recorded);
  for (guint i = 0; i < list->len; i++)
    {
      AttestStatePart *history = g_hash_table_lookup (recorded, list->pdata[i]);
      g_autofree char *label = NULL;
      g_autofree char *since = NULL;
      g_autofree char *count = NULL;

      if (g_hash_table_contains (now, list->pdata[i]))
        continue;
      if (names == NULL)
        names = attest_workspace_names_new (self);
      label = part_label (self, names, list->pdata[i]);
      since = row_words (self, names, history->history_id);
      count = g_strdup_printf ("%" G_GINT64_FORMAT, history->rows);
      if (replayable && g_str_has_prefix (list->pdata[i], "checklist:"))
        compare_checklist (self, names, (const char *)list->pdata[i] + strlen ("checklist:"), problems);
      /* Translators: "coverage of SOC 2 (soc/soc-2): gone from the tables, 12 rows by the history (row 3, …)" */
      g_ptr_array_add (problems, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%s: gone from the tables, %s row by the history (%s)",
                                                               "%s: gone from the tables, %s rows by the history (%s)",
                                                               (gulong)CLAMP (history->rows, 0, G_MAXLONG)),
                                                  label, count, since));
    }
  return TRUE;
}
