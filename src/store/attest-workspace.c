/* attest-workspace.c: one SQLite file holding the catalog and the analyst's work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-workspace"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "attest-history.h"
#include "attest-history-state.h"
#include "attest-search.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-private.h"

struct _AttestWorkspace
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *backup_path;
  char *reviewer;
  gboolean reviewer_named;  /* set by the front end, or the account's real name */
  gboolean created;
  gboolean read_only;
  GHashTable *statements;   /* SQL → prepared statement, kept for reuse */
  gboolean batch;           /* a batch's transaction is open (_attest_workspace_batch_begin()) */
  gboolean in_savepoint;    /* and an edit's savepoint within it */
  gint64 bulk_cache_size;   /* PRAGMA cache_size and wal_autocheckpoint before */
  gint64 bulk_checkpoint;   /* _attest_workspace_set_bulk(), which sets them; 0: not in bulk */
};

G_DEFINE_FINAL_TYPE (AttestWorkspace, attest_workspace, G_TYPE_OBJECT)

/* A link's document (DESIGN.md "Link"): the evidence file a link's URL
 * resolves to once downloaded or attached, keyed by that URL so it survives
 * re-imports of the page and serves every page linking the same URL. url is
 * the URL fetched (or the one a file was attached for); final_url where its
 * redirects ended (NULL when attached); fetched_at when it was downloaded or
 * attached. IF NOT EXISTS: tests fake an older schema on a current file.
 * Depends on no other migration's number: it goes wherever it is listed. */
static const char link_document_migration[] =
  "CREATE TABLE IF NOT EXISTS link_document ("
  "  url TEXT PRIMARY KEY,"
  "  sha256 TEXT NOT NULL REFERENCES evidence (sha256),"
  "  origin TEXT NOT NULL CHECK (origin IN ('downloaded', 'attached')),"
  "  final_url TEXT,"
  "  fetched_at TEXT NOT NULL"
  ");"
  "CREATE INDEX IF NOT EXISTS link_document_sha256 ON link_document (sha256);"
  /* Listing the current pages' links reads them by page version. */
  "CREATE INDEX IF NOT EXISTS link_variant ON link (variant_id);";

/* The scopes the analyst's organisation requires (DESIGN.md "Required
 * scopes"; attest-workspace-required.c): analyst data beside my_service.
 * IF NOT EXISTS: tests fake an older schema on a current file. Depends on no
 * other migration's number: it goes wherever it is listed. */
static const char required_scope_migration[] =
  "CREATE TABLE IF NOT EXISTS required_scope ("
  "  scope_id TEXT PRIMARY KEY REFERENCES scope (id)"
  ");";

/* migrations[i] takes a workspace from schema version i to i + 1. */
static const char * const migrations[ATTEST_WORKSPACE_SCHEMA_VERSION] = {
  /* 0 → 1: view state and the frameworks of the catalog. */
  "CREATE TABLE ui_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE framework ("
  "  id TEXT PRIMARY KEY,"
  "  short_name TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  category TEXT NOT NULL DEFAULT '',"
  "  sort_order INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 1 → 2: the catalog — page variants, scopes, services, their names, coverage, links.
   * Coverage rows are never deleted by an import: a cell that left its scope is
   * flagged (in_scope = 0) so the analyst's work on it survives. */
  "ALTER TABLE framework ADD COLUMN description TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE variant ("
  "  id INTEGER PRIMARY KEY,"
  "  framework_id TEXT NOT NULL REFERENCES framework (id),"
  "  file_name TEXT NOT NULL,"
  "  locale TEXT NOT NULL DEFAULT '',"
  "  handoff TEXT,"
  "  effective_date TEXT NOT NULL,"
  "  translation_type TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  source_title TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  content_hash TEXT NOT NULL UNIQUE,"
  "  imported_at TEXT NOT NULL,"
  "  page BLOB NOT NULL"
  ");"
  "CREATE INDEX variant_framework ON variant (framework_id, effective_date);"
  "CREATE TABLE scope ("
  "  id TEXT PRIMARY KEY,"
  "  framework_id TEXT NOT NULL REFERENCES framework (id),"
  "  name TEXT NOT NULL,"
  "  parent_id TEXT REFERENCES scope (id),"
  "  environment TEXT NOT NULL DEFAULT '',"
  "  sort_order INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE service ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  untranslated INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE service_name ("
  "  key TEXT NOT NULL,"
  "  lang TEXT NOT NULL DEFAULT '',"
  "  service_id TEXT NOT NULL REFERENCES service (id) ON UPDATE CASCADE,"
  "  name TEXT NOT NULL,"
  "  origin TEXT NOT NULL DEFAULT 'catalog' CHECK (origin IN ('catalog', 'analyst')),"
  "  PRIMARY KEY (key, lang)"
  ");"
  "CREATE INDEX service_name_service ON service_name (service_id);"
  "CREATE TABLE coverage ("
  "  scope_id TEXT NOT NULL REFERENCES scope (id),"
  "  service_id TEXT NOT NULL REFERENCES service (id) ON UPDATE CASCADE,"
  "  variant_id INTEGER NOT NULL REFERENCES variant (id),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  source_line TEXT NOT NULL,"
  "  translated_line TEXT NOT NULL DEFAULT '',"
  "  qualifier TEXT,"
  "  in_scope INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (scope_id, service_id)"
  ");"
  "CREATE INDEX coverage_service ON coverage (service_id);"
  "CREATE TABLE variant_scope ("
  "  variant_id INTEGER NOT NULL REFERENCES variant (id),"
  "  scope_id TEXT NOT NULL REFERENCES scope (id),"
  "  PRIMARY KEY (scope_id, variant_id)"
  ");"
  "CREATE TABLE mention ("
  "  variant_id INTEGER NOT NULL REFERENCES variant (id),"
  "  scope_id TEXT NOT NULL REFERENCES scope (id),"
  "  service_id TEXT NOT NULL REFERENCES service (id) ON UPDATE CASCADE,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  source_line TEXT NOT NULL,"
  "  translated_line TEXT NOT NULL DEFAULT '',"
  "  qualifier TEXT,"
  "  PRIMARY KEY (variant_id, scope_id, service_id)"
  ");"
  "CREATE TABLE link ("
  "  variant_id INTEGER NOT NULL REFERENCES variant (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('backgrounder', 'audit-report', 'certificate', 'resource')),"
  "  url TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  section_key TEXT NOT NULL DEFAULT ''"
  ");",

  /* 2 → 3: the analyst's work — checklists, evidence, notes, annotations,
   * "My services" — and the hash-chained history of every change. */
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  reviewer TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  before TEXT,"
  "  after TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL UNIQUE"
  ");"
  "CREATE INDEX history_entity ON history (entity, entity_id);"
  "CREATE TABLE checklist_item ("
  "  id INTEGER PRIMARY KEY,"
  "  scope_id TEXT NOT NULL REFERENCES scope (id),"
  "  service_id TEXT NOT NULL REFERENCES service (id) ON UPDATE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'not-started' CHECK (status IN "
  "    ('not-started', 'in-progress', 'satisfied', 'not-applicable', 'exception')),"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  due TEXT,"
  "  UNIQUE (scope_id, service_id, position)"
  ");"
  "CREATE TABLE evidence ("
  "  sha256 TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
  "  name TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  mime TEXT NOT NULL,"
  "  attached_at TEXT NOT NULL,"
  "  effective TEXT,"
  "  expires TEXT,"
  "  page_count INTEGER,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE item_evidence ("
  "  item_id INTEGER NOT NULL REFERENCES checklist_item (id),"
  "  sha256 TEXT NOT NULL REFERENCES evidence (sha256),"
  "  PRIMARY KEY (item_id, sha256)"
  ");"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  target TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX note_target ON note (target);"
  "CREATE TABLE annotation ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL REFERENCES evidence (sha256),"
  "  page INTEGER NOT NULL CHECK (page >= 0),"
  "  rects TEXT NOT NULL DEFAULT '[]',"
  "  color TEXT NOT NULL DEFAULT '#f6d32d',"
  "  text TEXT NOT NULL DEFAULT '',"
  "  item_id INTEGER REFERENCES checklist_item (id)"
  ");"
  "CREATE TABLE my_service ("
  "  service_id TEXT PRIMARY KEY REFERENCES service (id) ON UPDATE CASCADE"
  ");",

  /* 3 → 4: full-text search (attest-search.c). The tokenizer "attest" must be
   * registered on the connection first. search_key finds a row by kind and ref
   * (FTS5 would scan for an UNINDEXED column); its id is the index row's rowid.
   * source holds the source-language text of a translated page. */
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  kind UNINDEXED, ref UNINDEXED, title, body, source, tokenize = 'attest'"
  ");"
  "CREATE TABLE search_key ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  ref TEXT NOT NULL,"
  "  UNIQUE (kind, ref)"
  ");",

  /* 4 → 5: the analyst's merges and renames of services (attest-workspace-services.c).
   * A merge maps the absorbed service onto its survivor when the workspace is
   * read; nothing of either moves, so an unmerge gives both back as they were.
   * A rename is a stack of names over the catalog's (service.name): renaming
   * straight back pops it; added_name says the rename put that name into
   * service_name, so the pop takes it out again. IF NOT EXISTS: tests fake an
   * older schema by dropping only the tables of the versions they undo. */
  "CREATE TABLE IF NOT EXISTS service_merge ("
  "  absorbed_id TEXT PRIMARY KEY REFERENCES service (id) ON UPDATE CASCADE,"
  "  survivor_id TEXT NOT NULL REFERENCES service (id) ON UPDATE CASCADE,"
  "  merged_at TEXT NOT NULL,"
  "  CHECK (absorbed_id <> survivor_id)"
  ");"
  "CREATE INDEX IF NOT EXISTS service_merge_survivor ON service_merge (survivor_id);"
  "CREATE TABLE IF NOT EXISTS service_rename ("
  "  service_id TEXT NOT NULL REFERENCES service (id) ON UPDATE CASCADE,"
  "  depth INTEGER NOT NULL CHECK (depth >= 1),"
  "  name TEXT NOT NULL,"
  "  added_name INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (service_id, depth)"
  ");",

  /* 5 → 6: a service name's key folds spacing and punctuation too ("Azure Dev
   * Ops" is "Azure DevOps"). No table changes; migrate() makes the keys again. */
  "",

  /* 6 → 7: each history row records the digests of the analyst's data after
   * its change (attest-history-state.c). migrate() adds history.state: tests
   * fake an older schema on a current file, where the column is there. */
  "",

  /* 7 → 8: a page version's dates (DESIGN.md "Identity rules"): the page's own
   * (page_date: ms.lasthandoff, else ms.date), the one the analyst set
   * (date_set), and whether an undated page was kept below the versions it
   * would have superseded (kept_older). migrate() adds the columns where
   * they are missing (add_variant_dates()). */
  "",

  /* 8 → 9: the documents of links (link_document_migration). */
  link_document_migration,

  /* 9 → 10: search indexes every page version something opens (each
   * locale's newest, each scope's newest: the 2023 split pages), its rows
   * keyed "FRAMEWORK#KEY@LOCALE/VARIANT"; search_variant says which versions
   * are indexed. migrate() drops the rows of before and indexes again. */
  "CREATE TABLE IF NOT EXISTS search_variant ("
  "  variant_id INTEGER PRIMARY KEY"
  ");"
  /* An import's page rows before they go to search_index at its batch's
   * end (_attest_search_flush_stage()); id is the row's search_key id. */
  "CREATE TABLE IF NOT EXISTS search_stage ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  ref TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  source TEXT NOT NULL"
  ");",

  /* 10 → 11: an annotation supports several checklist items (annotation_item)
   * and may be on an offering page's section; the table is made anew by
   * migrate() (_attest_annotations_migrate(), attest-workspace-annotations.c). */
  "",

  /* 11 → 12: the required scopes (required_scope_migration). */
  required_scope_migration,

  /* 12 → 13: the search index reads its text from search_text (an external
   * content table), and the stage is search_pending, ids only; made by
   * migrate() (_attest_search_migrate_text(), attest-search.c). */
  "",
};

/* The first schema whose history rows carry a state record. */
#define HISTORY_STATE_SINCE 7

/* The first schema whose service name keys are made as attest_service_names_key()
 * makes them now. */
#define SERVICE_KEYS_SINCE 6

/* The first schema whose variants carry page_date, date_set and kept_older. */
#define VARIANT_DATES_SINCE 8
/* The first schema whose annotations link through annotation_item. */
#define ANNOTATION_LINKS_SINCE 11

/* The first schema whose search index holds every current page version. */
#define SEARCH_VARIANTS_SINCE 10
/* The first schema whose search index reads its text from search_text. */
#define SEARCH_TEXT_SINCE 13

static gboolean
has_column (AttestWorkspace *self,
            const char      *table,
            const char      *column)
{
  g_autofree char *found = _attest_workspace_query_text (self,
                                                         "SELECT name FROM pragma_table_info (?1) WHERE name = ?2",
                                                         table, column);
  return found != NULL;
}

/* Columns added with ALTER TABLE, which has no IF NOT EXISTS: added where a
 * workspace lacks them (tests fake an older schema by undoing less). The
 * page's own date of a variant imported before: its ranking date unless that
 * was its import time. */
static gboolean
add_variant_dates (AttestWorkspace  *self,
                   GError          **error)
{
  if (!has_column (self, "variant", "page_date") &&
      !_attest_workspace_exec (self,
                               "ALTER TABLE variant ADD COLUMN page_date TEXT;"
                               "UPDATE variant SET page_date = effective_date WHERE effective_date <> imported_at;",
                               error))
    return FALSE;
  if (!has_column (self, "variant", "date_set") &&
      !_attest_workspace_exec (self, "ALTER TABLE variant ADD COLUMN date_set TEXT;", error))
    return FALSE;
  if (!has_column (self, "variant", "kept_older") &&
      !_attest_workspace_exec (self, "ALTER TABLE variant ADD COLUMN kept_older INTEGER NOT NULL DEFAULT 0;", error))
    return FALSE;
  return TRUE;
}

/* How every reader sees services once merges and renames apply, as views of
 * this connection only (TEMP): nothing stored depends on them, so a later
 * schema change never has to carry them along.
 * service_root: each service, the service whose row it shows in (itself
 * unless merged) and how many merges away that is.
 * service_display: each service's name as shown (the analyst's, else the
 * catalog's) beside the catalog's. */
static const char service_views[] =
  "CREATE TEMP VIEW IF NOT EXISTS service_root (service_id, root_id, depth) AS "
  "  WITH RECURSIVE walk (service_id, root_id, depth) AS ("
  "    SELECT id, id, 0 FROM main.service "
  "      WHERE id NOT IN (SELECT absorbed_id FROM main.service_merge) "
  "    UNION ALL "
  "    SELECT m.absorbed_id, w.root_id, w.depth + 1 FROM main.service_merge m "
  "      JOIN walk w ON m.survivor_id = w.service_id) "
  "  SELECT service_id, root_id, depth FROM walk;"
  "CREATE TEMP VIEW IF NOT EXISTS service_display (id, name, catalog_name, untranslated) AS "
  "  SELECT s.id, coalesce ((SELECT r.name FROM main.service_rename r WHERE r.service_id = s.id "
  "                          ORDER BY r.depth DESC LIMIT 1), s.name), s.name, s.untranslated "
  "  FROM main.service s;";

static char *
attest_workspace_display_path (AttestWorkspace *self)
{
  return g_filename_display_name (self->path);
}

static void
attest_workspace_finalize (GObject *object)
{
  AttestWorkspace *self = (AttestWorkspace *)object;

  /* Kept statements go before the connection they belong to. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->backup_path);
  g_free (self->reviewer);

  G_OBJECT_CLASS (attest_workspace_parent_class)->finalize (object);
}

static void
attest_workspace_class_init (AttestWorkspaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_workspace_finalize;
}

static void
attest_workspace_init (AttestWorkspace *self)
{
}

/* What every refused change says on a workspace opened for reading only. */
void
_attest_workspace_set_read_only_error (AttestWorkspace  *self,
                                       GError          **error)
{
  g_autofree char *name = attest_workspace_display_path (self);

  g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_READ_ONLY,
               _("%s is read-only: it was opened for reading, and nothing can be changed in it"), name);
}

void
_attest_workspace_set_error (AttestWorkspace  *self,
                             GError          **error,
                             int               rc,
                             const char       *what)
{
  g_autofree char *name = attest_workspace_display_path (self);
  int primary = rc & 0xff;
  const char *msg = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  AttestStoreError code = ATTEST_STORE_ERROR_FAILED;

  switch (primary)
    {
    case SQLITE_READONLY:
      _attest_workspace_set_read_only_error (self, error);
      return;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY,
                   _("%s: the workspace is busy: another program is writing to it; try again in a moment"),
                   name);
      return;
    case SQLITE_FULL:
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FULL,
                   _("%s: %s: the disk is full (or the workspace reached its size limit); nothing of this change was saved"),
                   name, what);
      return;
    case SQLITE_NOTADB:
      code = ATTEST_STORE_ERROR_NOT_A_WORKSPACE;
      break;
    case SQLITE_CORRUPT:
      code = ATTEST_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = ATTEST_STORE_ERROR_READ_ONLY;
      break;
    default:
      break;
    }

  g_set_error (error, ATTEST_STORE_ERROR, code, "%s: %s: %s", name, what, msg);
}

sqlite3 *
_attest_workspace_get_db (AttestWorkspace *self)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  return self->db;
}

gboolean
_attest_workspace_exec (AttestWorkspace  *self,
                        const char       *sql,
                        GError          **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_attest_workspace_prepare (AttestWorkspace  *self,
                           const char       *sql,
                           GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return stmt;
}

/* A statement of this connection for @sql, prepared once and kept (an import
 * runs the same few statements for every page, and preparing them cost more
 * than running them). Owned by the workspace: reset and unbound when handed
 * out; the caller resets it when done (_attest_workspace_done) and never
 * finalizes it, nor uses the same @sql again before that. */
static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

sqlite3_stmt *
_attest_workspace_prepare_kept (AttestWorkspace  *self,
                                const char       *sql,
                                GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Ends a use of a kept statement: its read of the workspace ends, and the
 * values bound to it (which may point into the caller's strings) go. */
void
_attest_workspace_done (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* One statement of a transaction's frame (SAVEPOINT, RELEASE, BEGIN,
 * COMMIT), kept: every page of an import runs them, and sqlite3_exec()
 * parsed them again each time. */
static gboolean
exec_kept (AttestWorkspace  *self,
           const char       *sql,
           GError          **error)
{
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
  _attest_workspace_done (stmt);
  return rc == SQLITE_DONE;
}

gboolean
_attest_workspace_begin (AttestWorkspace  *self,
                         GError          **error)
{
  /* A read-only connection may still take the write lock (WAL): refuse first. */
  if (self->read_only)
    {
      _attest_workspace_set_read_only_error (self, error);
      return FALSE;
    }
  /* Inside a batch, an edit is a savepoint: undone alone, kept with the batch. */
  if (_attest_workspace_in_batch (self))
    {
      g_return_val_if_fail (!self->in_savepoint, FALSE);
      if (!exec_kept (self, "SAVEPOINT attest_edit", error))
        return FALSE;
      self->in_savepoint = TRUE;
      return TRUE;
    }
  /* IMMEDIATE takes the write lock now, so a busy workspace is reported
   * before any work is done rather than at COMMIT. */
  return exec_kept (self, "BEGIN IMMEDIATE", error);
}

gboolean
_attest_workspace_commit (AttestWorkspace  *self,
                          GError          **error)
{
  /* Inside a batch, the edit joins it; the batch's COMMIT makes it last. */
  const char *sql = self->in_savepoint ? "RELEASE attest_edit" : "COMMIT";

  if (exec_kept (self, sql, error))
    self->in_savepoint = FALSE;
  else
    {
      _attest_workspace_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_attest_workspace_rollback (AttestWorkspace *self)
{
  if (self->in_savepoint)
    {
      /* The edit alone, unless SQLite already rolled the whole batch back
       * (a full disk, an I/O error): _attest_workspace_in_batch() says so. */
      self->in_savepoint = FALSE;
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK TO attest_edit; RELEASE attest_edit", NULL, NULL, NULL);
      return;
    }
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A batch: many edits (an import's pages) in one transaction, each edit's
 * _attest_workspace_begin() … _attest_workspace_commit() a savepoint within
 * it, so an edit that fails is undone alone. The edits last from the batch's
 * COMMIT: a batch is as many as make committing cheap, not more (a killed
 * program loses the open batch, nothing before it). */
gboolean
_attest_workspace_batch_begin (AttestWorkspace  *self,
                               GError          **error)
{
  g_return_val_if_fail (!self->batch, FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  self->batch = TRUE;
  return TRUE;
}

/* TRUE while the batch's transaction is open: FALSE once committed, and once
 * SQLite rolled it back whole (a full disk, an I/O error), its edits gone. */
gboolean
_attest_workspace_in_batch (AttestWorkspace *self)
{
  return self->batch && !sqlite3_get_autocommit (self->db);
}

/* Commits the batch (nothing when none is open). FALSE, with @error, when it
 * could not be committed or was rolled back before: its edits are gone. */
gboolean
_attest_workspace_batch_commit (AttestWorkspace  *self,
                                GError          **error)
{
  gboolean open = _attest_workspace_in_batch (self);
  gboolean was_batch = self->batch;

  g_return_val_if_fail (!self->in_savepoint, FALSE);

  self->batch = FALSE;
  if (open)
    {
      g_autoptr(GError) flush_error = NULL;

      if (!_attest_workspace_commit (self, error))
        return FALSE;
      /* Then the batch's page rows to the search index, in one statement: one
       * FTS5 segment for the batch, not one per page. After the commit: a
       * full disk rolls SQLite's whole transaction back, and the pages must
       * stay; their rows then stay staged, committed with them, and the next
       * batch or open writes them. */
      if (_attest_workspace_begin (self, &flush_error))
        {
          if (_attest_search_flush_stage (self, &flush_error))
            _attest_workspace_commit (self, &flush_error);
          else
            _attest_workspace_rollback (self);
        }
      if (flush_error != NULL)
        g_debug ("The search rows of a batch stay staged: %s", flush_error->message);
      return TRUE;
    }
  if (was_batch)
    {
      g_set_error_literal (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FAILED,
                           _("could not update the workspace"));
      return FALSE;
    }
  return TRUE;
}

/* Many commits in a row (an import's batches): each still commits, but
 * without waiting for the disk. In WAL mode with synchronous=NORMAL a commit
 * survives the program being killed; only a power cut could take the last
 * ones back, never leave the file damaged. Ending it goes back to FULL and
 * syncs the WAL once, which makes every commit before durable.
 *
 * Meanwhile the WAL is not checkpointed (wal_autocheckpoint = 0) but once,
 * at the end: each checkpoint copied the pages written since the one before
 * to the database file and synced both, and an import rewrites the same
 * pages (the search index's, the tables' upper levels) batch after batch;
 * and a batch's pages stay in a 16 MiB cache rather than spill to the WAL
 * before its commit (SQLite's default is 2 MiB). Together about a tenth of
 * the storing (attest-bench import). A killed import leaves its committed
 * batches in the WAL, which the next open reads as ever. */
static gboolean query_int (AttestWorkspace  *self,
                           const char       *sql,
                           gint64           *out,
                           GError          **error);

gboolean
_attest_workspace_set_bulk (AttestWorkspace  *self,
                            gboolean          bulk,
                            GError          **error)
{
  sqlite3_file *wal = NULL;
  int rc;

  if (bulk)
    {
      g_autofree char *mode = _attest_workspace_query_text (self, "PRAGMA journal_mode");

      /* Only WAL keeps NORMAL safe from a power cut damaging the file. */
      if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
        return TRUE;
      if (self->bulk_checkpoint == 0)
        {
          gint64 cache_size, checkpoint;

          if (!query_int (self, "PRAGMA cache_size", &cache_size, error) ||
              !query_int (self, "PRAGMA wal_autocheckpoint", &checkpoint, error) ||
              !_attest_workspace_exec (self, "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 0", error))
            return FALSE;
          self->bulk_cache_size = cache_size;
          /* Never 0 while in bulk: 0 says it is not. */
          self->bulk_checkpoint = MAX (checkpoint, 1);
        }
      return _attest_workspace_exec (self, "PRAGMA synchronous = NORMAL", error);
    }

  if (self->bulk_checkpoint != 0)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT ";"
                                                  "PRAGMA wal_autocheckpoint = %" G_GINT64_FORMAT,
                                                  self->bulk_cache_size, self->bulk_checkpoint);

      self->bulk_checkpoint = 0;
      if (!_attest_workspace_exec (self, restore, error))
        return FALSE;
    }
  if (!_attest_workspace_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK ||
      wal == NULL || wal->pMethods == NULL)
    return TRUE;  /* no WAL open: nothing was written */
  rc = wal->pMethods->xSync (wal, SQLITE_SYNC_NORMAL);
  if (rc != SQLITE_OK)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  /* The checkpoint left out meanwhile, with the commits durable already: a
   * reader holding older pages only makes it copy less (the next commit's
   * checkpoint does the rest), and no failure of it loses anything. */
  sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return TRUE;
}

static gboolean
query_int (AttestWorkspace  *self,
           const char       *sql,
           gint64           *out,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
backup_to (sqlite3     *src,
           const char  *dest_path,
           GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  guint waits = 0;
  int rc;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", src, "main");
      if (backup != NULL)
        {
          /* Copy in steps so a writer in another process is not starved;
           * a lock held for ten seconds ends it (BUSY), not a hang. */
          do
            {
              rc = sqlite3_backup_step (backup, 256);
              if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++waits < 500)
                sqlite3_sleep (20);
              else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                break;
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }

  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_autofree char *name = g_filename_display_name (dest_path);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FAILED,
                   _("Could not write a copy to %s: %s"), name,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  sqlite3_close_v2 (dest);
  return TRUE;
}

/* The first read is where SQLite notices a file that is not a database. */
static gboolean
read_header (AttestWorkspace  *self,
             gint64           *app_id,
             gint64           *version,
             gint64           *objects,
             GError          **error)
{
  g_autoptr(GError) local = NULL;

  if (query_int (self, "SELECT count(*) FROM sqlite_schema", objects, &local) &&
      query_int (self, "PRAGMA application_id", app_id, &local) &&
      query_int (self, "PRAGMA user_version", version, &local))
    return TRUE;

  if (g_error_matches (local, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE))
    {
      g_autofree char *name = attest_workspace_display_path (self);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE,
                   _("%s is not an Attest workspace: it is not a database file"), name);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Workspaces are exchanged between people: what the file says it is, is
 * untrusted. Only an empty new file, or an Attest workspace of a format this
 * build knows (1 … ATTEST_WORKSPACE_SCHEMA_VERSION), goes on; the version
 * indexes migrations[]. */
static gboolean
check_header (AttestWorkspace  *self,
              gint64            app_id,
              gint64            version,
              gint64            objects,
              GError          **error)
{
  g_autofree char *name = attest_workspace_display_path (self);

  if (app_id == 0 && version == 0 && objects == 0)
    return TRUE;

  if (app_id != ATTEST_APPLICATION_ID)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE,
                   _("%s is not an Attest workspace: it is a database of another program"),
                   name);
      return FALSE;
    }

  if (version > ATTEST_WORKSPACE_SCHEMA_VERSION)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Attest (workspace format %d; this "
                     "version reads up to %d). Open it with a newer Attest."),
                   name, (int)CLAMP (version, G_MININT, G_MAXINT), ATTEST_WORKSPACE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 1)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE,
                   _("%s is not an Attest workspace: its format number (%d) is not one Attest ever wrote"),
                   name, (int)CLAMP (version, G_MININT, G_MAXINT));
      return FALSE;
    }

  return TRUE;
}

/* The copy of a workspace about to be migrated, under the write lock: the
 * first free name of "FILE.vN-backup", "FILE.vN-backup-2", …, so no earlier
 * backup is ever overwritten, written whole beside it and then renamed. */
static gboolean
take_backup (AttestWorkspace  *self,
             gint64            version,
             GError          **error)
{
  g_autofree char *dest = NULL;
  g_autofree char *tmp = NULL;
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  for (guint n = 1; n <= 100 && dest == NULL; n++)
    {
      g_autofree char *candidate = NULL;

      if (n == 1)
        candidate = g_strdup_printf ("%s.v%" G_GINT64_FORMAT "-backup", self->path, version);
      else
        candidate = g_strdup_printf ("%s.v%" G_GINT64_FORMAT "-backup-%u", self->path, version, n);
      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        dest = g_steal_pointer (&candidate);
    }
  if (dest == NULL)
    dest = g_strdup_printf ("%s.v%" G_GINT64_FORMAT "-backup-%" G_GINT64_FORMAT,
                            self->path, version, g_get_real_time ());

  /* The connection holding the write lock cannot be the source of a backup:
   * a second one reads the file as committed, which the lock keeps still. */
  rc = sqlite3_open_v2 (self->path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (src);
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return FALSE;
    }
  tmp = g_strdup_printf ("%s.partial", dest);
  g_unlink (tmp);
  ok = backup_to (src, tmp, error);
  sqlite3_close_v2 (src);
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, dest) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dest);
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write a copy to %s: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  g_free (self->backup_path);
  self->backup_path = g_steal_pointer (&dest);
  return TRUE;
}

static gboolean
migrate (AttestWorkspace  *self,
         GError          **error)
{
  g_autofree char *sql = NULL;
  gint64 app_id = 0, version = 0, objects = 0;

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  /* Another process may have created or migrated the file since it was
   * first read: read again under the write lock, and do only what is left. */
  if (!read_header (self, &app_id, &version, &objects, error) ||
      !check_header (self, app_id, version, objects, error))
    goto fail;
  if (version == ATTEST_WORKSPACE_SCHEMA_VERSION)
    {
      _attest_workspace_rollback (self);
      return TRUE;
    }

  /* An older workspace is migrated only after a copy of it is safe. */
  if (version > 0 && !take_backup (self, version, error))
    goto fail;

  for (gint64 v = version; v < ATTEST_WORKSPACE_SCHEMA_VERSION; v++)
    {
      g_assert (v >= 0 && v < (gint64)G_N_ELEMENTS (migrations));
      if (!_attest_workspace_exec (self, migrations[v], error))
        goto fail;
    }
  if (version < SEARCH_TEXT_SINCE && !_attest_search_migrate_text (self, error))
    goto fail;

  /* Older history rows keep no state record (NULL): the digests start at
   * the next change. */
  if (version < HISTORY_STATE_SINCE)
    {
      g_autofree char *has = _attest_workspace_query_text (self, "SELECT 1 FROM pragma_table_info ('history') "
                                                                 "WHERE name = 'state'");
      if (has == NULL && !_attest_workspace_exec (self, "ALTER TABLE history ADD COLUMN state TEXT;", error))
        goto fail;
    }

  if (version < VARIANT_DATES_SINCE && !add_variant_dates (self, error))
    goto fail;

  if (version < ANNOTATION_LINKS_SINCE && !_attest_annotations_migrate (self, error))
    goto fail;

  /* Pages indexed one version per framework and locale (or not at all,
   * before the index): out with those rows, and every current version in. */
  if (version >= 2 && version < SEARCH_VARIANTS_SINCE &&
      (!_attest_workspace_exec (self,
                                "DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_key WHERE kind = 'page');"
                                "DELETE FROM search_text WHERE id IN (SELECT id FROM search_key WHERE kind = 'page');"
                                "DELETE FROM search_key WHERE kind = 'page';"
                                "DELETE FROM search_variant;", error) ||
       !_attest_search_index_pages (self, error)))
    goto fail;
  /* Service names keyed by an older rule: key them again. */
  if (version >= 2 && version < SERVICE_KEYS_SINCE && !_attest_workspace_rekey_service_names (self, error))
    goto fail;

  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         ATTEST_APPLICATION_ID, ATTEST_WORKSPACE_SCHEMA_VERSION);
  if (!_attest_workspace_exec (self, sql, error))
    goto fail;

  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

static gboolean
check_and_migrate (AttestWorkspace  *self,
                   GError          **error)
{
  gint64 app_id = 0, version = 0, objects = 0;

  if (!read_header (self, &app_id, &version, &objects, error) ||
      !check_header (self, app_id, version, objects, error))
    return FALSE;

  if (version == ATTEST_WORKSPACE_SCHEMA_VERSION)
    return TRUE;

  if (self->read_only)
    {
      g_autofree char *name = attest_workspace_display_path (self);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_READ_ONLY,
                   _("%s is read-only and was written by an older Attest (workspace format %d): "
                     "open it once where it can be written, so that it is upgraded"),
                   name, (int)version);
      return FALSE;
    }

  return migrate (self, error);
}

/* A workspace this account may read but not write — another account's file,
 * read-only media, a folder where SQLite cannot make its -wal — is opened
 * for reading. */
static gboolean
path_is_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (access (path, W_OK) != 0)
    return errno == EACCES || errno == EROFS || errno == EPERM || errno == ETXTBSY;
  return access (dir, W_OK | X_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM);
}

static int
open_uri (AttestWorkspace *self,
          const char      *query)
{
  g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
  g_autofree char *full = g_strconcat (uri, "?", query, NULL);

  if (self->statements != NULL)
    g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close_v2 (g_steal_pointer (&self->db));
  return sqlite3_open_v2 (full, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
}

/* Reading a WAL workspace needs its -shm: mode=ro uses the one a writer
 * keeps beside it. With none there and none that can be made (read-only
 * media, another account's folder), only `immutable` reads it, and that
 * ignores the -wal: so only when there is no -wal holding changes. */
static gboolean
open_read_only (AttestWorkspace  *self,
                GError          **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;
  int rc;

  rc = open_uri (self, "mode=ro");
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT &&
      (g_stat (wal, &st) != 0 || st.st_size == 0))
    rc = open_uri (self, "immutable=1");

  if (rc != SQLITE_OK)
    {
      _attest_workspace_set_error (self, error, rc, _("could not open the workspace"));
      return FALSE;
    }
  return TRUE;
}

/**
 * attest_workspace_open:
 * @path: the workspace file; created (with its folder) when missing
 *
 * Opens a workspace, creating an empty one or migrating an older one
 * (after a backup copy) as needed. A file that is not a workspace, or one
 * written by a newer Attest, is refused with an error naming it. A file
 * this account cannot write is opened for reading only
 * (attest_workspace_is_read_only()): every change then fails with
 * %ATTEST_STORE_ERROR_READ_ONLY.
 */
AttestWorkspace *
attest_workspace_open (const char  *path,
                       GError     **error)
{
  g_autoptr(AttestWorkspace) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ATTEST_TYPE_WORKSPACE, NULL);
  self->path = g_canonicalize_filename (path, NULL);

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = attest_workspace_display_path (self);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_A_WORKSPACE,
                   _("%s is a folder, not an Attest workspace"), name);
      return NULL;
    }

  self->created = !g_file_test (self->path, G_FILE_TEST_EXISTS);
  dir = g_path_get_dirname (self->path);
  if (self->created && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), name, g_strerror (saved_errno));
      return NULL;
    }

  self->read_only = !self->created && path_is_read_only (self->path);
  if (self->read_only)
    {
      if (!open_read_only (self, error))
        return NULL;
    }
  else
    {
      rc = sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            NULL);
      if (rc != SQLITE_OK)
        {
          _attest_workspace_set_error (self, error, rc, _("could not open the workspace"));
          return NULL;
        }
    }

  sqlite3_extended_result_codes (self->db, 1);
  /* Another process writing: wait briefly, then say so (BUSY). */
  sqlite3_busy_timeout (self->db, 3000);

  /* The search index cannot be read, written or created without its tokenizer. */
  if (!_attest_search_register (self->db, error))
    return NULL;

  /* Another process creating or migrating this workspace holds the write
   * lock for as long as that takes (a backup, a reindex): wait for it longer
   * than for an edit, rather than fail the open. */
  sqlite3_busy_timeout (self->db, 20000);
  if (!check_and_migrate (self, error))
    return NULL;

  /* Page rows an import staged and could not write to the index (a full
   * disk at its batch's end): written now, so nothing stored stays
   * unsearchable. Failing again, they wait for the next write or open. */
  if (!self->read_only)
    {
      g_autofree char *staged = _attest_workspace_query_text (self, "SELECT 1 FROM search_pending LIMIT 1");

      if (staged != NULL)
        {
          g_autoptr(GError) flush_error = NULL;

          if (_attest_workspace_begin (self, &flush_error))
            {
              if (_attest_search_flush_stage (self, &flush_error))
                _attest_workspace_commit (self, &flush_error);
              else
                _attest_workspace_rollback (self);
            }
          if (flush_error != NULL)
            g_debug ("Staged search rows not written yet: %s", flush_error->message);
        }
    }

  /* Temporary storage in memory (before the TEMP views below: a change drops
   * them). On files, the journals of an import's savepoints and statements
   * went to a temporary file once past 64 KiB, and each table SQLite builds
   * for a query (the coverage walk's, twice per scope of every page) set up
   * and took down a cache of its own: about a third of an import's storing
   * (attest-bench import). None of it holds more than one page's changes or
   * one query's rows. */
  if (!self->read_only && !_attest_workspace_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;
  if (!_attest_workspace_exec (self, service_views, error))
    return NULL;
  if (!self->read_only && !_attest_state_watch (self, error))
    return NULL;

  /* Switching a new file to WAL needs it to itself for a moment, and SQLite
   * answers BUSY at once, not through the busy handler, while other
   * processes opening it at the same time read it: try again briefly. */
  if (!self->read_only)
    {
      for (guint tries = 0; ; tries++)
        {
          rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
          if ((rc & 0xff) != SQLITE_BUSY || tries >= 200)
            break;
          g_usleep (50 * 1000);
        }
      if (rc != SQLITE_OK)
        {
          _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
          return NULL;
        }
    }
  if (!_attest_workspace_exec (self,
                               self->read_only ? "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"
                                               : "PRAGMA synchronous = FULL;"
                                                 "PRAGMA foreign_keys = ON;",
                               error))
    return NULL;

  sqlite3_busy_timeout (self->db, 3000);
  return g_steal_pointer (&self);
}

const char *
attest_workspace_get_path (AttestWorkspace *self)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  return self->path;
}

/* TRUE when attest_workspace_open() made a new file (first run). */
gboolean
attest_workspace_was_created (AttestWorkspace *self)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  return self->created;
}

/* TRUE when the file could only be opened for reading: every change fails
 * with %ATTEST_STORE_ERROR_READ_ONLY. */
gboolean
attest_workspace_is_read_only (AttestWorkspace *self)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  return self->read_only;
}

/**
 * attest_workspace_get_data_version:
 *
 * SQLite's PRAGMA data_version on this workspace's connection: it changes
 * when another connection (another process, or a worker on its own
 * connection) has committed a change since, never for this one's own. The
 * window polls it to show what `attest-cli import` wrote.
 *
 * Returns: the version, or -1 when it cannot be read
 */
gint64
attest_workspace_get_data_version (AttestWorkspace *self)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), -1);

  /* Kept: every history row written asks. */
  stmt = _attest_workspace_prepare_kept (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  _attest_workspace_done (stmt);
  return version;
}

/* The copy taken before a migration, or NULL when none was needed. */
const char *
attest_workspace_get_backup_path (AttestWorkspace *self)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  return self->backup_path;
}

gint64
attest_workspace_count_frameworks (AttestWorkspace  *self,
                                   GError          **error)
{
  gint64 n = 0;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), -1);

  if (!query_int (self, "SELECT count(*) FROM framework", &n, error))
    return -1;
  return n;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether a workspace at @dest is open elsewhere: another window, or
 * attest-cli. Replacing it then would pull the file from under that
 * connection, whose next changes would go to a file no longer there (or,
 * through its -wal, into the copy). A connection of our own that asks for
 * the file alone is refused while any other has it open, even in this
 * process. A file that is no database is not in use. */
static gboolean
dest_in_use (const char *dest)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (dest, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  rc = sqlite3_open_v2 (dest, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* What SQLite keeps beside a database and would apply to whatever file
 * has the name next: an old -wal is replayed into it, an old -journal
 * rolled back onto it. */
static const char * const sidecars[] = { "-wal", "-shm", "-journal" };

static void
put_back (const char  *dest,
          char       **aside)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    if (aside[i] != NULL)
      {
        g_autofree char *side = g_strconcat (dest, sidecars[i], NULL);
        g_rename (aside[i], side);
      }
}

/**
 * attest_workspace_save_copy:
 * @dest_path: the copy; a file there is replaced whole
 *
 * "Save a Copy…": a consistent snapshot through SQLite's online backup API,
 * written beside @dest_path and renamed over it. The -wal, -shm and -journal
 * of a workspace that was there go too, or SQLite would bring its data
 * back into the copy. The workspace itself is refused as @dest_path, and
 * so is a workspace open in another window or process
 * (%ATTEST_STORE_ERROR_BUSY): it is left as it is.
 */
gboolean
attest_workspace_save_copy (AttestWorkspace  *self,
                            const char       *dest_path,
                            GError          **error)
{
  g_autofree char *dest = NULL;
  g_autofree char *tmp = NULL;
  char *aside[G_N_ELEMENTS (sidecars)] = { NULL, };
  gboolean ok = FALSE;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  dest = g_canonicalize_filename (dest_path, NULL);
  if (g_str_equal (dest, self->path) || same_file (dest, self->path))
    {
      g_autofree char *name = g_filename_display_name (dest);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("Could not write a copy to %s: it is this workspace itself"), name);
      return FALSE;
    }

  /* Never over a workspace open elsewhere: refused, the file left as it is. */
  if (dest_in_use (dest))
    {
      g_autofree char *name = g_filename_display_name (dest);
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY,
                   _("Could not write a copy to %s: that workspace is open in another window or program. "
                     "Close it there, or choose another name."), name);
      return FALSE;
    }

  /* Write beside the destination, then rename: never a half-written copy. */
  tmp = g_strdup_printf ("%s.partial", dest);
  g_unlink (tmp);
  if (!backup_to (self->db, tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  /* Out of the way first, and back should the copy not take their place. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *side = g_strconcat (dest, sidecars[i], NULL);
      g_autofree char *old = g_strconcat (tmp, sidecars[i], "-replaced", NULL);

      if (!g_file_test (side, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (side, old) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (side);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write a copy to %s: %s"), name, g_strerror (saved_errno));
          goto out;
        }
      aside[i] = g_steal_pointer (&old);
    }

  if (g_rename (tmp, dest) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dest);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write a copy to %s: %s"), name, g_strerror (saved_errno));
      goto out;
    }
  ok = TRUE;

out:
  if (ok)
    {
      for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
        if (aside[i] != NULL)
          g_unlink (aside[i]);
    }
  else
    {
      put_back (dest, aside);
      g_unlink (tmp);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    g_free (aside[i]);
  return ok;
}

char *
attest_workspace_get_ui_state (AttestWorkspace *self,
                               const char      *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _attest_workspace_prepare (self, "SELECT value FROM ui_state WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/* View state (filters, selection) is not analyst data: no history row. */
gboolean
attest_workspace_set_ui_state (AttestWorkspace  *self,
                               const char       *key,
                               const char       *value,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->read_only)
    {
      _attest_workspace_set_read_only_error (self, error);
      return FALSE;
    }
  if (value == NULL)
    stmt = _attest_workspace_prepare (self, "DELETE FROM ui_state WHERE key = ?1", error);
  else
    stmt = _attest_workspace_prepare (self,
                                      "INSERT INTO ui_state (key, value) VALUES (?1, ?2) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  return TRUE;
}

/* Who the history names for changes made through this workspace object. The
 * front ends decide (--reviewer, $ATTEST_REVIEWER, Preferences); the account's
 * real name when they say nothing. */
void
attest_workspace_set_reviewer (AttestWorkspace *self,
                               const char      *reviewer)
{
  g_return_if_fail (ATTEST_IS_WORKSPACE (self));

  g_free (self->reviewer);
  self->reviewer = reviewer != NULL && *reviewer != '\0' ? g_strdup (reviewer) : NULL;
  self->reviewer_named = self->reviewer != NULL;
}

const char *
attest_workspace_get_reviewer (AttestWorkspace *self)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  if (self->reviewer == NULL)
    {
      const char *real = g_get_real_name ();

      /* An account without a real name (or whose "real name" is its login,
       * as root's is) has none: the history names the login. */
      self->reviewer_named = real != NULL && *real != '\0' && !g_str_equal (real, "Unknown")
                             && g_strcmp0 (real, g_get_user_name ()) != 0;
      self->reviewer = g_strdup (self->reviewer_named ? real : g_get_user_name ());
    }
  return self->reviewer;
}

/**
 * attest_workspace_get_named_reviewer:
 *
 * The reviewer as DESIGN.md names one (--reviewer, $ATTEST_REVIEWER,
 * Preferences, else the account's real name), for the headers of printed
 * sheets and reports.
 *
 * Returns: (nullable): the name, or %NULL when none is known (the account
 *   has no real name): a header then says the reviewer is not set rather
 *   than print a login name
 */
const char *
attest_workspace_get_named_reviewer (AttestWorkspace *self)
{
  const char *reviewer;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  reviewer = attest_workspace_get_reviewer (self);
  return self->reviewer_named ? reviewer : NULL;
}

/* PRAGMA integrity_check, one problem line per complaint. */
gboolean
attest_workspace_check_integrity (AttestWorkspace  *self,
                                  GPtrArray        *problems,
                                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  stmt = _attest_workspace_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("database: %s"), line));
    }
  if (rc != SQLITE_DONE)
    {
      /* A file too damaged to even check is itself the problem. */
      g_ptr_array_add (problems, g_strdup_printf (_("database: %s"), sqlite3_errmsg (self->db)));
    }
  return TRUE;
}

/* The SQLite progress handler of a verify: a non-zero return interrupts the
 * statement running, so a long integrity check stops soon after Cancel. */
static int
verify_interrupted (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

static gboolean
verify_cancelled (GCancellable  *cancellable,
                  GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * attest_workspace_verify_expecting:
 * @expected_fingerprint: (nullable): a fingerprint printed earlier, whose
 *   row must still be in the history
 * @problems: (element-type utf8): receives one line per thing that does not
 *   check out
 * @fingerprint: (out) (optional): the history's head hash, when it could be read
 * @n_rows: (out) (optional): how many rows the history has
 *
 * Checks the database (PRAGMA integrity_check), the history chain and the
 * SHA-256 of every evidence file, then reads the fingerprint: everything
 * `attest-cli verify` reports. The workspace is intact when this returns
 * %TRUE and @problems is empty. Rows cut from the end of the history leave
 * a good chain: only @expected_fingerprint, taken before, tells.
 *
 * Takes no #GCancellable of its own: it honours g_cancellable_get_current(),
 * so a worker thread that pushed its task's cancellable stops between steps
 * (and inside a long SQL statement) with %G_IO_ERROR_CANCELLED.
 *
 * Returns: %FALSE only when the workspace could not be read at all, or the
 *   check was cancelled.
 */
gboolean
attest_workspace_verify_expecting (AttestWorkspace  *self,
                                   const char       *expected_fingerprint,
                                   GPtrArray        *problems,
                                   char            **fingerprint,
                                   gint64           *n_rows,
                                   GError          **error)
{
  GCancellable *cancellable = g_cancellable_get_current ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = NULL;
  gint64 rows = 0;
  gboolean ok;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (verify_cancelled (cancellable, error))
    return FALSE;
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, verify_interrupted, cancellable);

  ok = attest_workspace_check_integrity (self, found, error) &&
       !verify_cancelled (cancellable, error) &&
       attest_workspace_check_history (self, expected_fingerprint, found, &rows, error) &&
       !verify_cancelled (cancellable, error) &&
       attest_workspace_verify_evidence (self, found, error) &&
       !verify_cancelled (cancellable, error) &&
       (head = attest_workspace_get_fingerprint (self, error)) != NULL;

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  /* An interrupted statement fails with its own message: say "cancelled". */
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      if (error != NULL)
        g_clear_error (error);
      verify_cancelled (cancellable, error);
    }
  if (!ok)
    return FALSE;

  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&found));
  if (fingerprint != NULL)
    *fingerprint = g_steal_pointer (&head);
  if (n_rows != NULL)
    *n_rows = rows;
  return TRUE;
}

/**
 * attest_workspace_verify:
 *
 * attest_workspace_verify_expecting() with no fingerprint to expect.
 */
gboolean
attest_workspace_verify (AttestWorkspace  *self,
                         GPtrArray        *problems,
                         char            **fingerprint,
                         GError          **error)
{
  return attest_workspace_verify_expecting (self, NULL, problems, fingerprint, NULL, error);
}

/* The first column of the first row, or NULL; each "?" is bound, in order, to
 * the next text argument (NULL binds SQL NULL). */
char *
_attest_workspace_query_text (AttestWorkspace *self,
                              const char      *sql,
                              ...)
{
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self, sql, NULL);
  char *text = NULL;
  int n;
  va_list ap;

  if (stmt == NULL)
    return NULL;
  n = sqlite3_bind_parameter_count (stmt);
  va_start (ap, sql);
  for (int i = 1; i <= n; i++)
    sqlite3_bind_text (stmt, i, va_arg (ap, const char *), -1, SQLITE_TRANSIENT);
  va_end (ap);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup (_attest_column_text (stmt, 0));
  _attest_workspace_done (stmt);
  return text;
}
