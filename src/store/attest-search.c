/* attest-search.c: full-text search of the workspace (FTS5, CJK bigrams)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-search"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-offering.h"
#include "attest-page.h"
#include "attest-search.h"
#include "attest-workspace-checklist-private.h"
#include "attest-workspace-private.h"

/* More words than this is not a search but a paste; FTS5 nests one AND per word. */
#define MAX_QUERY_WORDS 64

/* ---- The tokenizer -------------------------------------------------------- */

/* What xCreateTokenizer keeps: unicode61, found on the same connection. */
typedef struct {
  fts5_tokenizer parent;
  void *parent_context;
} TokenizerModule;

typedef struct {
  fts5_tokenizer parent;
  Fts5Tokenizer *parent_instance;
} Tokenizer;

typedef struct {
  void *ctx;
  int (*token) (void *, int, const char *, int, int, int);
  int base;
} Forward;

/* Han, Hiragana, Katakana, Hangul: scripts written without spaces between
 * words. Punctuation (、。「」, fullwidth forms) is script Common and stays out;
 * the prolonged sound mark ー is Common too but belongs inside katakana words. */
static gboolean
is_cjk (gunichar c)
{
  if (c < 0x1100)
    return FALSE;
  if (c == 0x30FC)
    return TRUE;
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
      return g_unichar_isalpha (c) || g_unichar_type (c) == G_UNICODE_LETTER_NUMBER;
    default:
      return FALSE;
    }
}

/* One character at @p; invalid or truncated UTF-8 is one byte of non-CJK. */
static gunichar
next_char (const char *p,
           int         avail,
           int        *len)
{
  gunichar c;

  if ((guchar)*p < 0x80)
    {
      *len = 1;
      return (guchar)*p;
    }
  c = g_utf8_get_char_validated (p, avail);
  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *len = 1;
      return 0xFFFD;
    }
  *len = g_utf8_skip[(guchar)*p];
  return c;
}

static int
forward_token (void       *data,
               int         tflags,
               const char *token,
               int         n,
               int         start,
               int         end)
{
  Forward *f = data;

  return f->token (f->ctx, tflags, token, n, start + f->base, end + f->base);
}

static int
tokenizer_create (void           *context,
                  const char    **args,
                  int             n_args,
                  Fts5Tokenizer **out)
{
  static const char *parent_args[] = { "remove_diacritics", "2" };
  TokenizerModule *module = context;
  Tokenizer *self;
  int rc;

  self = sqlite3_malloc (sizeof *self);
  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof *self);
  self->parent = module->parent;
  rc = module->parent.xCreate (module->parent_context, parent_args, G_N_ELEMENTS (parent_args),
                               &self->parent_instance);
  if (rc != SQLITE_OK)
    {
      sqlite3_free (self);
      return rc;
    }
  *out = (Fts5Tokenizer *)self;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  Tokenizer *self = (Tokenizer *)tokenizer;

  if (self->parent_instance != NULL)
    self->parent.xDelete (self->parent_instance);
  sqlite3_free (self);
}

/* A run of CJK characters [start, end): overlapping bigrams, offsets in bytes.
 * In stored text the last character is also indexed on its own, at the last
 * bigram's position, so that a one-character query (made a prefix query) finds
 * every character of a run, the last one included. */
static int
tokenize_cjk (const char  *text,
              int          start,
              int          end,
              gboolean     query,
              void        *ctx,
              int        (*token) (void *, int, const char *, int, int, int))
{
  int a = start, a_len, b, b_len, rc;

  next_char (text + a, end - a, &a_len);
  if (a + a_len >= end)
    return token (ctx, 0, text + a, a_len, a, a + a_len);

  for (;;)
    {
      b = a + a_len;
      next_char (text + b, end - b, &b_len);
      rc = token (ctx, 0, text + a, b + b_len - a, a, b + b_len);
      if (rc != SQLITE_OK)
        return rc;
      if (b + b_len >= end)
        break;
      a = b;
      a_len = b_len;
    }

  if (!query)
    return token (ctx, FTS5_TOKEN_COLOCATED, text + b, b_len, b, b + b_len);
  return SQLITE_OK;
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    int          (*token) (void *, int, const char *, int, int, int))
{
  Tokenizer *self = (Tokenizer *)tokenizer;
  gboolean query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  int plain = 0, i = 0, rc = SQLITE_OK;

  if (text == NULL)
    return SQLITE_OK;

  while (i < n_text && rc == SQLITE_OK)
    {
      int len, run_end;
      gunichar c = next_char (text + i, n_text - i, &len);

      if (!is_cjk (c))
        {
          i += len;
          continue;
        }

      /* The plain text before the run goes to unicode61, its offsets shifted. */
      if (i > plain)
        {
          Forward f = { ctx, token, plain };
          rc = self->parent.xTokenize (self->parent_instance, &f, flags, text + plain, i - plain, forward_token);
          if (rc != SQLITE_OK)
            break;
        }

      run_end = i + len;
      while (run_end < n_text)
        {
          int l;
          gunichar d = next_char (text + run_end, n_text - run_end, &l);
          if (!is_cjk (d))
            break;
          run_end += l;
        }
      rc = tokenize_cjk (text, i, run_end, query, ctx, token);
      i = plain = run_end;
    }

  if (rc == SQLITE_OK && n_text > plain)
    {
      Forward f = { ctx, token, plain };
      rc = self->parent.xTokenize (self->parent_instance, &f, flags, text + plain, n_text - plain, forward_token);
    }
  return rc;
}

static fts5_tokenizer attest_tokenizer = {
  tokenizer_create,
  tokenizer_delete,
  tokenizer_tokenize,
};

/* ---- Ranking --------------------------------------------------------------- */

typedef struct {
  int n_phrases;
  double idf[];
} RankData;

static int
count_hit (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           void                   *data)
{
  (*(sqlite3_int64 *)data)++;
  return SQLITE_OK;
}

/* attest_rank (search_index): BM25 (k1 = 1.2, the title weighing 4), lower
 * is better, as FTS5's bm25() — but without its document-length term, which
 * costs a lookup per matching row and made a common word over 100 000 notes
 * take 60 ms; with it gone ranking costs about what counting does. */
static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *ctx,
               int                      n_args,
               sqlite3_value          **args)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  double tf[MAX_QUERY_WORDS] = { 0 };
  double score = 0;
  int n_inst = 0, rc;

  if (data == NULL)
    {
      int n = MIN (api->xPhraseCount (fts), MAX_QUERY_WORDS);
      sqlite3_int64 n_rows = 0;

      data = sqlite3_malloc64 (sizeof (RankData) + n * sizeof (double));
      if (data == NULL)
        {
          sqlite3_result_error_nomem (ctx);
          return;
        }
      data->n_phrases = n;
      rc = api->xRowCount (fts, &n_rows);
      /* One word: its weight orders nothing, and counting its rows is not free. */
      for (int i = 0; n == 1 && i < n; i++)
        data->idf[i] = 1.0;
      for (int i = 0; rc == SQLITE_OK && n > 1 && i < n; i++)
        {
          sqlite3_int64 hits = 0;

          rc = api->xQueryPhrase (fts, i, &hits, count_hit);
          /* As FTS5's bm25: a word in more than half the rows still counts a little. */
          data->idf[i] = MAX (log ((n_rows - hits + 0.5) / (hits + 0.5)), 1e-6);
        }
      if (rc == SQLITE_OK)
        rc = api->xSetAuxdata (fts, data, sqlite3_free);
      else
        sqlite3_free (data);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (ctx, rc);
          return;
        }
    }

  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase >= 0 && phrase < data->n_phrases)
        tf[phrase] += column == 2 ? 4.0 : 1.0;
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (ctx, rc);
      return;
    }

  for (int i = 0; i < data->n_phrases; i++)
    score += data->idf[i] * tf[i] * (1.2 + 1) / (tf[i] + 1.2);
  sqlite3_result_double (ctx, -score);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api != NULL && api->iVersion >= 2 ? api : NULL;
}

/**
 * _attest_search_register:
 * @db: a connection
 *
 * Makes the "attest" tokenizer known to @db. The index cannot be read or
 * written without it, so this comes before any statement touches it.
 */
gboolean
_attest_search_register (sqlite3  *db,
                         GError  **error)
{
  fts5_api *api = get_fts5_api (db);
  TokenizerModule *module;
  int rc;

  if (api == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FAILED,
                   _("Full-text search is not available: this SQLite has no FTS5"));
      return FALSE;
    }

  module = g_new0 (TokenizerModule, 1);
  rc = api->xFindTokenizer (api, "unicode61", &module->parent_context, &module->parent);
  if (rc == SQLITE_OK)
    /* FTS5 owns the module from here, and frees it when the connection closes. */
    rc = api->xCreateTokenizer (api, "attest", module, &attest_tokenizer, g_free);
  else
    g_free (module);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "attest_rank", NULL, rank_function, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FAILED,
                   _("Full-text search is not available: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* ---- Keeping the index ---------------------------------------------------- */

static gboolean
step_done (AttestWorkspace  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      return FALSE;
    }
  return TRUE;
}

/* The rows' text goes last: the index reads a row's words from it (an
 * external content table) to take them out. A staged row was never in the
 * index, and taking out words it does not hold would damage it. */
static const char *const delete_row_sql[] = {
  "DELETE FROM search_index WHERE rowid = ?1 AND NOT EXISTS (SELECT 1 FROM search_pending WHERE id = ?1)",
  "DELETE FROM search_pending WHERE id = ?1",
  "DELETE FROM search_text WHERE id = ?1",
};

static gboolean
delete_rows (AttestWorkspace  *self,
             GArray           *ids,
             GError          **error)
{
  sqlite3_stmt *stmt;

  if (ids->len == 0)
    return TRUE;
  for (guint t = 0; t < G_N_ELEMENTS (delete_row_sql); t++)
    {
      stmt = _attest_workspace_prepare_kept (self, delete_row_sql[t], error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
          if (!step_done (self, stmt, error))
            {
              _attest_workspace_done (stmt);
              return FALSE;
            }
        }
      _attest_workspace_done (stmt);
    }
  return TRUE;
}

/* One row's text (search_text, which the index reads its words from): kept
 * statement, strings bound as they are (the caller's until the row is in). */
static gboolean
put_text (AttestWorkspace  *self,
          gint64            id,
          const char       *kind,
          const char       *ref,
          const char       *title,
          const char       *body,
          const char       *source,
          GError          **error)
{
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self,
                                                       "INSERT INTO search_text (id, kind, ref, title, body, source) "
                                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, title != NULL ? title : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, body != NULL ? body : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, source != NULL ? source : "", -1, SQLITE_STATIC);
  ok = step_done (self, stmt, error);
  _attest_workspace_done (stmt);
  return ok;
}

/* @text without control characters other than tab, line feed and carriage
 * return (a space instead): the index never holds the match markers. */
static char *
without_controls (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strdup (text);
  for (char *p = copy; *p != '\0'; p++)
    if ((guchar)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      *p = ' ';
  return copy;
}

/**
 * _attest_search_put_source:
 * @kind: "page", "note", "item", "annotation" or "evidence"
 * @ref: what the row stands for, unique within @kind
 * @source: (nullable): the source-language text of a translated page
 *
 * Indexes one thing, replacing what was indexed for @kind and @ref before.
 * Runs inside the caller's transaction.
 */
gboolean
_attest_search_put_source (AttestWorkspace  *self,
                           const char       *kind,
                           const char       *ref,
                           const char       *title,
                           const char       *body,
                           const char       *source,
                           GError          **error)
{
  sqlite3_stmt *key;
  sqlite3_stmt *insert;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *clean_title = NULL;
  g_autofree char *clean_body = NULL;
  g_autofree char *clean_source = NULL;
  gboolean ok;
  gint64 id;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (kind != NULL && ref != NULL, FALSE);

  /* The index is found by kind and ref through a plain table: FTS5 would scan
   * every row for an UNINDEXED column. Its id is the index row's rowid.
   * Kept statements: an import puts one row per section. */
  key = _attest_workspace_prepare_kept (self,
                                        "INSERT INTO search_key (kind, ref) VALUES (?1, ?2) "
                                        "ON CONFLICT (kind, ref) DO UPDATE SET kind = excluded.kind "
                                        "RETURNING id", error);
  if (key == NULL)
    return FALSE;
  sqlite3_bind_text (key, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (key, 2, ref, -1, SQLITE_STATIC);
  rc = sqlite3_step (key);
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      _attest_workspace_done (key);
      return FALSE;
    }
  id = sqlite3_column_int64 (key, 0);
  _attest_workspace_done (key);

  g_array_append_val (ids, id);
  if (!delete_rows (self, ids, error))
    return FALSE;

  /* No match marker can come from the text itself. */
  title = clean_title = without_controls (title);
  body = clean_body = without_controls (body);
  source = clean_source = without_controls (source);

  if (!put_text (self, id, kind, ref, title, body, source, error))
    return FALSE;
  /* The index reads the row's words from its text. */
  insert = _attest_workspace_prepare_kept (self,
                                           "INSERT INTO search_index (rowid, kind, ref, title, body, source) "
                                           "SELECT id, kind, ref, title, body, source FROM search_text WHERE id = ?1",
                                           error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  ok = step_done (self, insert, error);
  _attest_workspace_done (insert);
  return ok;
}

/* _attest_search_put_source() without a source language. */
gboolean
_attest_search_put (AttestWorkspace  *self,
                    const char       *kind,
                    const char       *ref,
                    const char       *title,
                    const char       *body,
                    GError          **error)
{
  return _attest_search_put_source (self, kind, ref, title, body, NULL, error);
}

static gboolean
remove_where (AttestWorkspace  *self,
              const char       *sql,
              const char       *a,
              const char       *b,
              GError          **error)
{
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      _attest_workspace_done (stmt);
      return FALSE;
    }
  _attest_workspace_done (stmt);
  return delete_rows (self, ids, error);
}

/* Takes @kind/@ref out of the index, inside the caller's transaction; absent is fine. */
gboolean
_attest_search_remove (AttestWorkspace  *self,
                       const char       *kind,
                       const char       *ref,
                       GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (kind != NULL && ref != NULL, FALSE);

  return remove_where (self, "DELETE FROM search_key WHERE kind = ?1 AND ref = ?2 RETURNING id",
                       kind, ref, error);
}

/* The keys of a page version's sections: "FRAMEWORK#KEY@LOCALE/VARIANT". A
 * locale holds neither '@' nor '/', nor a variant id anything but digits, so
 * a ref ending in "/VARIANT" is of that version whatever its section key. The
 * range (refs from "FRAMEWORK#" up to "FRAMEWORK$", '$' following '#') reads
 * this framework's keys through the (kind, ref) index instead of every key in
 * the workspace. */
#define VARIANT_KEYS_SQL(verb) \
  verb " FROM search_key WHERE kind = 'page' " \
  "AND ref >= ?1 AND ref < substr (?1, 1, length (?1) - 1) || '$' " \
  "AND substr (ref, 1, length (?1)) = ?1 AND substr (ref, -length (?2)) = ?2 RETURNING id"

/* Every section of one page version, and the mark that it is indexed:
 * inside the caller's transaction; absent is fine. */
gboolean
_attest_search_remove_variant (AttestWorkspace  *self,
                               const char       *framework_id,
                               gint64            variant_id,
                               GError          **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  prefix = g_strconcat (framework_id, "#", NULL);
  suffix = g_strdup_printf ("/%" G_GINT64_FORMAT, variant_id);
  if (!remove_where (self, VARIANT_KEYS_SQL ("DELETE"), prefix, suffix, error))
    return FALSE;
  stmt = _attest_workspace_prepare_kept (self, "DELETE FROM search_variant WHERE variant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  ok = step_done (self, stmt, error);
  _attest_workspace_done (stmt);
  return ok;
}

/* Runs a kept statement with @json bound to ?1. */
static gboolean
run_json (AttestWorkspace  *self,
          const char       *sql,
          JsonBuilder      *builder,
          GError          **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  stmt = _attest_workspace_prepare_kept (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  ok = step_done (self, stmt, error);
  _attest_workspace_done (stmt);
  return ok;
}

/**
 * _attest_search_put_sections:
 * @variant_id: the page version the sections are of
 * @sections: (element-type AttestOfferingSection): its sections
 *
 * Indexes a page version's text, one row per section
 * ("FRAMEWORK#KEY@LOCALE/VARIANT"), both languages in it, after taking out
 * every section indexed before for that version.
 *
 * As _attest_search_put_source() for each section, but the index is written
 * by one DELETE and one INSERT for the whole page: SQLite opens a savepoint
 * for every statement that writes to FTS5 in a transaction, and FTS5 (3.40)
 * writes what it holds as a new segment at each, so a statement per section
 * made a segment per section, and merging them was most of the import's
 * indexing. The rows go to those two statements as JSON arrays, inserted in
 * rowid order (FTS5 writes a segment too when a rowid is not above the last).
 */
gboolean
_attest_search_put_sections (AttestWorkspace  *self,
                             const char       *framework_id,
                             const char       *locale,
                             gint64            variant_id,
                             GPtrArray        *sections,
                             GError          **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(JsonBuilder) gone = json_builder_new ();
  g_autoptr(JsonBuilder) rows = json_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  if (locale == NULL)
    locale = "";
  json_builder_begin_array (gone);
  json_builder_begin_array (rows);

  /* The keys of every section indexed before for this version. */
  prefix = g_strconcat (framework_id, "#", NULL);
  suffix = g_strdup_printf ("/%" G_GINT64_FORMAT, variant_id);
  stmt = _attest_workspace_prepare_kept (self, VARIANT_KEYS_SQL ("DELETE"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, suffix, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_int_value (gone, sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
  _attest_workspace_done (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  /* Each section's key, in page order; a key seen twice: the later section
   * wins, as when each replaced the one before. */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), sections != NULL ? sections->len : 0);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      AttestOfferingSection *sec = sections->pdata[i];
      g_autofree char *ref = g_strdup_printf ("%s#%s@%s/%" G_GINT64_FORMAT, framework_id, sec->key, locale,
                                              variant_id);
      sqlite3_stmt *key;
      gint64 id;

      key = _attest_workspace_prepare_kept (self,
                                            "INSERT INTO search_key (kind, ref) VALUES ('page', ?1) "
                                            "ON CONFLICT (kind, ref) DO UPDATE SET kind = excluded.kind "
                                            "RETURNING id", error);
      if (key == NULL)
        return FALSE;
      sqlite3_bind_text (key, 1, ref, -1, SQLITE_STATIC);
      rc = sqlite3_step (key);
      if (rc != SQLITE_ROW)
        _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      id = rc == SQLITE_ROW ? sqlite3_column_int64 (key, 0) : 0;
      _attest_workspace_done (key);
      if (rc != SQLITE_ROW)
        return FALSE;
      g_array_append_val (ids, id);
      json_builder_add_int_value (gone, id);
    }

  json_builder_end_array (gone);
  /* As delete_rows (), in one statement each: one FTS5 segment. */
  if (!run_json (self,
                 "DELETE FROM search_index WHERE rowid IN (SELECT value FROM json_each (?1)) "
                 "AND rowid NOT IN (SELECT id FROM search_pending)", gone, error) ||
      !run_json (self, "DELETE FROM search_pending WHERE id IN (SELECT value FROM json_each (?1))", gone, error) ||
      !run_json (self, "DELETE FROM search_text WHERE id IN (SELECT value FROM json_each (?1))", gone, error))
    return FALSE;

  for (guint i = ids->len; i-- > 0;)
    {
      AttestOfferingSection *sec = sections->pdata[i];
      gint64 *id = &g_array_index (ids, gint64, i);
      g_autofree char *ref = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *source = NULL;

      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, id);

      /* No match marker can come from the text itself. */
      ref = g_strdup_printf ("%s#%s@%s/%" G_GINT64_FORMAT, framework_id, sec->key, locale, variant_id);
      title = without_controls (sec->title);
      body = without_controls (sec->text);
      if (sec->source_title != NULL || sec->source_text != NULL)
        {
          g_autofree char *joined = g_strjoin ("\n", sec->source_title != NULL ? sec->source_title : "",
                                               sec->source_text != NULL ? sec->source_text : "", NULL);
          source = without_controls (joined);
        }
      if (!put_text (self, *id, "page", ref, title, body, source, error))
        return FALSE;
      json_builder_add_int_value (rows, *id);
    }
  json_builder_end_array (rows);

  /* Inside an import's batch the rows are staged: FTS5 writes a segment at
   * the end of each page's savepoint, and merging those was the most of
   * storing a page. Staged, their text is as durable as the page (the same
   * savepoint); the batch's end indexes them all at once
   * (_attest_search_flush_stage()). Outside, the page's rows go to the index
   * in one statement, in rowid order (FTS5 writes a segment too when a rowid
   * is not above the last). */
  if (_attest_workspace_in_batch (self)
      ? !run_json (self, "INSERT INTO search_pending (id) SELECT value FROM json_each (?1)", rows, error)
      : !run_json (self,
                   "INSERT INTO search_index (rowid, kind, ref, title, body, source) "
                   "SELECT id, kind, ref, title, body, source FROM search_text "
                   "WHERE id IN (SELECT value FROM json_each (?1)) ORDER BY id", rows, error))
    return FALSE;

  /* The version is indexed (even with no section): _attest_search_sync_pages() reads it. */
  stmt = _attest_workspace_prepare_kept (self, "INSERT OR IGNORE INTO search_variant (variant_id) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  ok = step_done (self, stmt, error);
  _attest_workspace_done (stmt);
  return ok;
}

/**
 * _attest_search_flush_stage:
 *
 * Indexes the staged page rows (_attest_search_put_sections() in a batch),
 * in one statement (one FTS5 segment), and empties the stage. In the
 * caller's transaction. When it fails (a full disk) the rows stay staged,
 * their text stored with their pages: the next batch's end or the next open
 * indexes them.
 */
gboolean
_attest_search_flush_stage (AttestWorkspace  *self,
                            GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  stmt = _attest_workspace_prepare_kept (self,
                                         "INSERT INTO search_index (rowid, kind, ref, title, body, source) "
                                         "SELECT t.id, t.kind, t.ref, t.title, t.body, t.source "
                                         "FROM search_pending p JOIN search_text t ON t.id = p.id ORDER BY p.id",
                                         error);
  if (stmt == NULL)
    return FALSE;
  ok = step_done (self, stmt, error);
  _attest_workspace_done (stmt);
  if (!ok)
    return FALSE;
  stmt = _attest_workspace_prepare_kept (self, "DELETE FROM search_pending", error);
  if (stmt == NULL)
    return FALSE;
  ok = step_done (self, stmt, error);
  _attest_workspace_done (stmt);
  return ok;
}

/**
 * _attest_search_migrate_text:
 *
 * Schema 13: the index keeps no copy of the text (an external content table
 * over search_text), and the stage holds only the ids of rows whose text is
 * stored but not yet indexed (search_pending). What was indexed or staged
 * before is carried over and indexed again ('rebuild'). Inside the caller's
 * transaction; a workspace already so made (a test's faked older schema) is
 * left as it is.
 */
gboolean
_attest_search_migrate_text (AttestWorkspace  *self,
                             GError          **error)
{
  g_autofree char *sql = _attest_workspace_query_text (self, "SELECT sql FROM sqlite_schema "
                                                             "WHERE type = 'table' AND name = 'search_index'");
  g_autofree char *stage = _attest_workspace_query_text (self, "SELECT 1 FROM pragma_table_info ('search_stage') "
                                                               "WHERE name = 'body'");

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (sql != NULL && strstr (sql, "search_text") != NULL)
    return _attest_workspace_exec (self, "CREATE TABLE IF NOT EXISTS search_pending (id INTEGER PRIMARY KEY);",
                                   error);
  return _attest_workspace_exec (self,
                                 "CREATE TABLE IF NOT EXISTS search_text ("
                                 "  id INTEGER PRIMARY KEY,"
                                 "  kind TEXT NOT NULL,"
                                 "  ref TEXT NOT NULL,"
                                 "  title TEXT NOT NULL,"
                                 "  body TEXT NOT NULL,"
                                 "  source TEXT NOT NULL"
                                 ");"
                                 "DELETE FROM search_text;"
                                 "INSERT INTO search_text (id, kind, ref, title, body, source) "
                                 "  SELECT rowid, coalesce (kind, ''), coalesce (ref, ''), coalesce (title, ''), "
                                 "         coalesce (body, ''), coalesce (source, '') FROM search_index;",
                                 error) &&
         (stage == NULL ||
          _attest_workspace_exec (self,
                                  "INSERT OR REPLACE INTO search_text (id, kind, ref, title, body, source) "
                                  "  SELECT id, kind, ref, title, body, source FROM search_stage;",
                                  error)) &&
         _attest_workspace_exec (self,
                                 "DROP TABLE search_index;"
                                 "DROP TABLE IF EXISTS search_stage;"
                                 "CREATE VIRTUAL TABLE search_index USING fts5 ("
                                 "  kind UNINDEXED, ref UNINDEXED, title, body, source, tokenize = 'attest',"
                                 "  content = 'search_text', content_rowid = 'id'"
                                 ");"
                                 "INSERT INTO search_index (search_index) VALUES ('rebuild');"
                                 "CREATE TABLE IF NOT EXISTS search_pending (id INTEGER PRIMARY KEY);",
                                 error);
}

/* A stored page version's sections, parsed again from its bytes; one that
 * no longer parses is marked indexed with no section. */
static gboolean
index_stored (AttestWorkspace  *self,
              const char       *framework_id,
              gint64            variant_id,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(AttestOffering) offering = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *locale = NULL;
  const char *text;
  gsize len = 0;
  int rc;

  stmt = _attest_workspace_prepare (self, "SELECT file_name, locale, page FROM variant WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      return FALSE;
    }
  file_name = g_strdup (_attest_column_text (stmt, 0));
  locale = g_strdup (_attest_column_text (stmt, 1));
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  g_clear_pointer (&stmt, sqlite3_finalize);
  text = g_bytes_get_data (bytes, &len);
  page = attest_page_parse (file_name, text != NULL ? text : "", len, NULL);
  if (page != NULL)
    offering = attest_offering_new_from_page (page, file_name, bytes, NULL, NULL);
  return _attest_search_put_sections (self, framework_id, locale, variant_id,
                                      offering != NULL ? offering->sections : NULL, error);
}

/* The page versions of a framework that something opens, so that search
 * finds them: in each locale, the newest version (attest --page, show) and
 * the newest that defines each scope (a cell: with the 2023 split pages,
 * SOC 2's is offering-soc-2, SOC 3's offering-soc-3). Ranked as everywhere:
 * kept_older, then effective_date, then id, newest first. */
static const char current_variants_sql[] =
  "SELECT v.id FROM variant v WHERE v.framework_id = ?1 AND ("
  "  v.id = (SELECT w.id FROM variant w WHERE w.framework_id = ?1 AND w.locale = v.locale "
  "          ORDER BY w.kept_older, w.effective_date DESC, w.id DESC LIMIT 1) "
  "  OR EXISTS (SELECT 1 FROM variant_scope vs WHERE vs.variant_id = v.id AND v.id = "
  "    (SELECT w.id FROM variant_scope ws JOIN variant w ON w.id = ws.variant_id "
  "     WHERE ws.scope_id = vs.scope_id AND w.locale = v.locale "
  "     ORDER BY w.kept_older, w.effective_date DESC, w.id DESC LIMIT 1)))";

static GHashTable *
variant_set (AttestWorkspace  *self,
             const char       *sql,
             const char       *framework_id,
             GError          **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = _attest_workspace_prepare_kept (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, framework_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (set, id);
    }
  if (rc != SQLITE_DONE)
    _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
  _attest_workspace_done (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&set) : NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = **(const gint64 **)a, y = **(const gint64 **)b;

  return x < y ? -1 : x > y;
}

/**
 * _attest_search_sync_pages:
 * @variant_id: a version just stored, whose @sections are at hand; 0 for none
 * @sections: (nullable) (element-type AttestOfferingSection): its sections
 *
 * After a framework's versions changed (an import, a date set or cleared, a
 * version made current): every version something opens (current_variants_sql)
 * is indexed, and no other. A version that stopped being current loses its
 * rows, one that became current gets them (read back from its stored page),
 * in the caller's transaction.
 */
gboolean
_attest_search_sync_pages (AttestWorkspace  *self,
                           const char       *framework_id,
                           gint64            variant_id,
                           const char       *locale,
                           GPtrArray        *sections,
                           GError          **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GHashTable) indexed = NULL;
  g_autoptr(GPtrArray) add = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  wanted = variant_set (self, current_variants_sql, framework_id, error);
  if (wanted == NULL)
    return FALSE;
  indexed = variant_set (self,
                         "SELECT s.variant_id FROM search_variant s JOIN variant v ON v.id = s.variant_id "
                         "WHERE v.framework_id = ?1", framework_id, error);
  if (indexed == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, indexed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key) &&
        !_attest_search_remove_variant (self, framework_id, *(gint64 *)key, error))
      return FALSE;

  /* Oldest first: FTS5 writes rows in rowid order most cheaply. */
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (indexed, key))
      g_ptr_array_add (add, key);
  g_ptr_array_sort (add, compare_ids);
  for (guint i = 0; i < add->len; i++)
    {
      gint64 id = *(gint64 *)add->pdata[i];
      gboolean ok = id == variant_id && sections != NULL
                    ? _attest_search_put_sections (self, framework_id, locale, id, sections, error)
                    : index_stored (self, framework_id, id, error);

      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The page text of every framework (as _attest_search_sync_pages()), from
 * the stored pages: for a workspace migrated from before the index held every
 * current version. Inside the caller's transaction. */
gboolean
_attest_search_index_pages (AttestWorkspace  *self,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) frameworks = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  stmt = _attest_workspace_prepare (self, "SELECT DISTINCT framework_id FROM variant ORDER BY framework_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (frameworks, g_strdup (_attest_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the search index"));
      return FALSE;
    }
  for (guint i = 0; i < frameworks->len; i++)
    if (!_attest_search_sync_pages (self, frameworks->pdata[i], 0, NULL, NULL, error))
      return FALSE;
  return TRUE;
}

/* ---- Searching ------------------------------------------------------------ */

#define RANK_CANDIDATES 10000

typedef struct {
  gint64 rowid;
  double rank;
} Hit;

void
attest_search_result_free (AttestSearchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->kind);
  g_free (result->ref);
  g_free (result->title);
  g_free (result->snippet);
  g_free (result);
}

static int
count_token (void       *data,
             int         tflags,
             const char *token,
             int         n,
             int         start,
             int         end)
{
  if (n > 0)
    (*(int *)data)++;
  return SQLITE_OK;
}

static gboolean
is_single_cjk (const char *word)
{
  return *word != '\0' && is_cjk (g_utf8_get_char (word)) && *g_utf8_next_char (word) == '\0';
}

/* The user's words as an FTS5 expression: each one a quoted string (so no
 * FTS5 syntax gets through), a prefix when it ends in "*", all ANDed. Words
 * that hold no token (punctuation) are left out: they could only match
 * nothing. NULL and *n_words = 0 when no word is left. */
static char *
build_match (sqlite3     *db,
             const char  *query,
             guint       *n_words,
             GError     **error)
{
  g_autofree char *valid = g_utf8_make_valid (query, -1);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  Fts5Tokenizer *tokenizer = NULL;
  fts5_tokenizer methods;
  void *context = NULL;
  fts5_api *api;
  const char *p = valid;

  *n_words = 0;

  /* Words: runs of non-space characters. */
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }

  if (words->len == 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("search needs at least one word"));
      return NULL;
    }
  if (words->len > MAX_QUERY_WORDS)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   ngettext ("a search takes at most %d word", "a search takes at most %d words",
                             MAX_QUERY_WORDS),
                   MAX_QUERY_WORDS);
      return NULL;
    }

  /* The same tokenizer as the index says which words hold anything to find. */
  api = get_fts5_api (db);
  if (api == NULL ||
      api->xFindTokenizer (api, "attest", &context, &methods) != SQLITE_OK ||
      methods.xCreate (context, NULL, 0, &tokenizer) != SQLITE_OK)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FAILED,
                   _("Full-text search is not available: this SQLite has no FTS5"));
      return NULL;
    }

  for (guint i = 0; i < words->len; i++)
    {
      char *word = words->pdata[i];
      gsize len = strlen (word);
      gboolean prefix = FALSE;
      int tokens = 0;

      while (len > 0 && word[len - 1] == '*')
        {
          word[--len] = '\0';
          prefix = TRUE;
        }
      if (len == 0 || len > G_MAXINT)
        continue;
      methods.xTokenize (tokenizer, &tokens, FTS5_TOKENIZE_QUERY, word, (int)len, count_token);
      if (tokens == 0)
        continue;

      /* One CJK character is indexed only inside bigrams: look for it as their start. */
      if (is_single_cjk (word))
        prefix = TRUE;

      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *c = word; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *c);
        }
      g_string_append_c (match, '"');
      if (prefix)
        g_string_append_c (match, '*');
      (*n_words)++;
    }
  methods.xDelete (tokenizer);

  return *n_words > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* Snippets come from text with line breaks and tabs: one line for a list. */
static char *
one_line (const char *text)
{
  GString *out = g_string_sized_new (text != NULL ? strlen (text) : 0);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        {
          if (!space && out->len > 0)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_c (out, *p);
      space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  const char *text = (const char *)sqlite3_column_text (stmt, i);

  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

/**
 * attest_workspace_search:
 * @query: plain words, ANDed; a word ending in "*" is a prefix
 * @limit: at most this many results; 0 for all
 *
 * Searches page text (both languages), notes, checklist items, annotations
 * and evidence text. No FTS5 syntax reaches SQLite: quotes, "NEAR(", "AND",
 * "-" or "body:" are characters to look for like any other.
 *
 * Returns: (transfer full) (element-type AttestSearchResult): the results,
 *   best first; empty when nothing matches. An error when @query holds no word.
 */
GPtrArray *
attest_workspace_search (AttestWorkspace  *self,
                         const char       *query,
                         guint             limit,
                         GError          **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) hits = NULL;
  guint n_words = 0;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  match = build_match (_attest_workspace_get_db (self), query, &n_words, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  results = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_search_result_free);
  if (match == NULL)
    return g_steal_pointer (&results);

  /* Checklist items of a workspace from before they were indexed: indexed
   * on the first search. A workspace busy or read-only is searched as it is. */
  if (_attest_workspace_items_unindexed (self) && _attest_workspace_begin (self, NULL))
    {
      g_autoptr(GError) index_error = NULL;

      if (_attest_workspace_index_items (self, &index_error))
        _attest_workspace_commit (self, &index_error);
      else
        _attest_workspace_rollback (self);
      if (index_error != NULL)
        g_debug ("Checklist items not indexed: %s", index_error->message);
    }

  /* Ranking costs a little for every matching row: past RANK_CANDIDATES
   * matches (a common word over a very large workspace) only the newest that
   * many are ranked, so a search stays quick however broad it is. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT rowid, score FROM ("
                                    "  SELECT rowid, attest_rank (search_index) AS score FROM search_index "
                                    "  WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?3) "
                                    "ORDER BY score, rowid DESC LIMIT ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);
  sqlite3_bind_int64 (stmt, 3, RANK_CANDIDATES);
  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Hit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not search the workspace"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Snippets only for the rows kept: cutting one out is the costly part. */
  stmt = _attest_workspace_prepare (self,
                                    "SELECT kind, ref, title, snippet (search_index, -1, char (2), char (3), '…', 12) "
                                    "FROM search_index WHERE search_index MATCH ?1 AND rowid = ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      AttestSearchResult *r;
      g_autofree char *snippet = NULL;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, hit->rowid);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          _attest_workspace_set_error (self, error, rc, _("could not search the workspace"));
          return NULL;
        }
      r = g_new0 (AttestSearchResult, 1);
      snippet = dup_column (stmt, 3);
      r->kind = dup_column (stmt, 0);
      r->ref = dup_column (stmt, 1);
      r->title = dup_column (stmt, 2);
      r->snippet = one_line (snippet);
      r->rank = hit->rank;
      g_ptr_array_add (results, r);
    }
  return g_steal_pointer (&results);
}

/**
 * attest_search_snippet_split:
 * @snippet: an #AttestSearchResult's snippet
 * @matches: (out) (element-type AttestSearchMatch): where the matches are in
 *   the text returned
 *
 * Returns: the snippet's text without the match markers, for the window (bold)
 *   and the command line (bold on a terminal, offsets in JSON) to present
 */
char *
attest_search_snippet_split (const char  *snippet,
                             GArray     **matches)
{
  GString *text = g_string_new (NULL);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (AttestSearchMatch));
  AttestSearchMatch m = { 0, 0 };
  gboolean inside = FALSE;

  for (const char *p = snippet != NULL ? snippet : ""; *p != '\0'; p++)
    {
      if (*p == ATTEST_SEARCH_MATCH_START[0] && !inside)
        {
          m.start = text->len;
          inside = TRUE;
        }
      else if (*p == ATTEST_SEARCH_MATCH_END[0] && inside)
        {
          m.end = text->len;
          if (m.end > m.start)
            g_array_append_val (found, m);
          inside = FALSE;
        }
      else if (*p != ATTEST_SEARCH_MATCH_START[0] && *p != ATTEST_SEARCH_MATCH_END[0])
        g_string_append_c (text, *p);
    }
  if (inside && text->len > m.start)
    {
      m.end = text->len;
      g_array_append_val (found, m);
    }

  if (matches != NULL)
    *matches = found;
  else
    g_array_unref (found);
  return g_string_free (text, FALSE);
}
