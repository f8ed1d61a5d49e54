/* test-search.c: the FTS5 tokenizer, queries, ranking, snippets, index upkeep, page text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>


#include "attest-importer.h"
#include "attest-search.h"
#include "attest-test-corpus.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-locate.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-private.h"
#include "attest-test-workspace.h"

typedef AttestTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->ws = attest_test_workspace_new ("attest-search", NULL, &f->dir, &f->path);
}

static void
put (Fixture    *f,
     const char *kind,
     const char *ref,
     const char *title,
     const char *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_attest_search_put (f->ws, kind, ref, title, body, &error));
  g_assert_no_error (error);
}

static GPtrArray *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = attest_workspace_search (f->ws, query, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* The refs found, sorted and comma-joined, for short assertions. */
static char *
sorted_refs (Fixture    *f,
             const char *query)
{
  g_autoptr(GPtrArray) results = search (f, query);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (list, ((AttestSearchResult *)results->pdata[i])->ref);
  g_ptr_array_sort (list, compare_str);
  g_ptr_array_add (list, NULL);
  return g_strjoinv (",", (char **)list->pdata);
}

/* The terms the index holds, from fts5vocab: what the tokenizer made. */
static char *
terms (Fixture *f)
{
  sqlite3 *db = _attest_workspace_get_db (f->ws);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab "
                                     "USING fts5vocab (main, search_index, 'row')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT term FROM temp.vocab ORDER BY term", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_add (list, NULL);
  return g_strjoinv (" ", (char **)list->pdata);
}

static void
test_tokenizer_terms (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  /* A CJK run: overlapping bigrams plus its last character; punctuation cuts runs. */
  put (f, "note", "1", "", "雲端服務。資");
  t1 = terms (f);
  g_assert_cmpstr (t1, ==, "務 服務 端服 資 雲端");

  /* Latin text through unicode61: case and diacritics folded; katakana with ー. */
  _attest_search_remove (f->ws, "note", "1", NULL);
  put (f, "note", "1", "", "Sécurité ÉLAN サーバー");
  t2 = terms (f);
  g_assert_cmpstr (t2, ==, "elan securite サー バー ー ーバ");
}

static void
test_cjk (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *g = NULL;

  put (f, "note", "cloud", "", "Microsoft 雲端服務與資料保護");
  put (f, "note", "other", "", "資料中心");

  a = sorted_refs (f, "雲端");
  g_assert_cmpstr (a, ==, "cloud");
  b = sorted_refs (f, "資料");
  g_assert_cmpstr (b, ==, "cloud,other");
  /* Not consecutive in the text: 端資 is no bigram of it. */
  c = sorted_refs (f, "雲端資料");
  g_assert_cmpstr (c, ==, "");
  /* One character, first or last of a run. */
  d = sorted_refs (f, "雲");
  g_assert_cmpstr (d, ==, "cloud");
  e = sorted_refs (f, "心");
  g_assert_cmpstr (e, ==, "other");
  /* CJK next to Latin in one word. */
  g = sorted_refs (f, "microsoft雲端服務");
  g_assert_cmpstr (g, ==, "cloud");
}

static void
test_diacritics (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  put (f, "note", "fr", "Sécurité", "Les données sont protégées");
  put (f, "note", "en", "Security", "Data is protected");

  a = sorted_refs (f, "securite");
  g_assert_cmpstr (a, ==, "fr");
  b = sorted_refs (f, "DONNÉES protegees");
  g_assert_cmpstr (b, ==, "fr");
  c = sorted_refs (f, "sécurité");
  g_assert_cmpstr (c, ==, "fr");
}

static void
test_snippet_offsets (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) r1 = NULL;
  g_autoptr(GPtrArray) r2 = NULL;
  g_autoptr(GPtrArray) r3 = NULL;

  /* Multi-byte text before each match: offsets must be bytes into this text. */
  put (f, "note", "1", "", "Azure 的雲端服務\nest conforme: la Sécurité d’abord, 資料保護 ensuite.");

  r1 = search (f, "securite");
  g_assert_cmpuint (r1->len, ==, 1);
  g_assert_nonnull (strstr (((AttestSearchResult *)r1->pdata[0])->snippet, ATTEST_SEARCH_MATCH_START "Sécurité" ATTEST_SEARCH_MATCH_END));
  /* One line: the line break became a space. */
  g_assert_null (strchr (((AttestSearchResult *)r1->pdata[0])->snippet, '\n'));

  r2 = search (f, "雲端服務");
  g_assert_cmpuint (r2->len, ==, 1);
  g_assert_nonnull (strstr (((AttestSearchResult *)r2->pdata[0])->snippet, ATTEST_SEARCH_MATCH_START "雲端服務" ATTEST_SEARCH_MATCH_END));

  r3 = search (f, "資料");
  g_assert_cmpuint (r3->len, ==, 1);
  g_assert_nonnull (strstr (((AttestSearchResult *)r3->pdata[0])->snippet, ATTEST_SEARCH_MATCH_START "資料" ATTEST_SEARCH_MATCH_END "保護"));
  g_assert_cmpstr (((AttestSearchResult *)r3->pdata[0])->kind, ==, "note");
}

/* The matches are marked with characters text never has: « and » (French
 * quotes), ** and <b> in the text stay as they are, and the split finds
 * exactly the matched words. */
static void
test_match_markers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree char *text = NULL;
  const char *snippet;
  const AttestSearchMatch *m;

  /* A control character in the text is not taken for a marker. */
  put (f, "note", "1", "", "Le rapport « lettre de pont » est **prêt** <b>enfin</b> \x02pont\x03 reçu.");
  results = search (f, "pont");
  g_assert_cmpuint (results->len, ==, 1);
  snippet = ((AttestSearchResult *)results->pdata[0])->snippet;
  g_assert_nonnull (strstr (snippet, "« lettre de " ATTEST_SEARCH_MATCH_START "pont" ATTEST_SEARCH_MATCH_END " »"));

  text = attest_search_snippet_split (snippet, &matches);
  g_assert_cmpstr (text, ==, "Le rapport « lettre de pont » est **prêt** <b>enfin</b> pont reçu.");
  g_assert_cmpuint (matches->len, ==, 2);
  m = &g_array_index (matches, AttestSearchMatch, 0);
  g_assert_cmpmem (text + m->start, m->end - m->start, "pont", 4);
  g_assert_cmpmem (text + m->start - strlen ("« lettre de "), strlen ("« lettre de "), "« lettre de ",
                   strlen ("« lettre de "));
  m = &g_array_index (matches, AttestSearchMatch, 1);
  g_assert_cmpmem (text + m->start, m->end - m->start, "pont", 4);

  /* No markers: the text whole, no matches. */
  g_clear_pointer (&matches, g_array_unref);
  g_clear_pointer (&text, g_free);
  text = attest_search_snippet_split ("« rien »", &matches);
  g_assert_cmpstr (text, ==, "« rien »");
  g_assert_cmpuint (matches->len, ==, 0);
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;

  put (f, "note", "body-once", "Meeting notes",
       "We talked about many things today, budgets, people, rooms, and kubernetes once.");
  put (f, "item", "title", "Kubernetes hardening", "Check the cluster settings.");
  put (f, "note", "body-many", "Cluster", "kubernetes kubernetes kubernetes upgrade");
  put (f, "note", "none", "Nothing", "Unrelated text");

  results = search (f, "kubernetes");
  g_assert_cmpuint (results->len, ==, 3);
  /* A word in the title weighs most; then the short body that repeats it. */
  g_assert_cmpstr (((AttestSearchResult *)results->pdata[0])->ref, ==, "title");
  g_assert_cmpstr (((AttestSearchResult *)results->pdata[0])->kind, ==, "item");
  g_assert_cmpstr (((AttestSearchResult *)results->pdata[0])->title, ==, "Kubernetes hardening");
  g_assert_cmpstr (((AttestSearchResult *)results->pdata[1])->ref, ==, "body-many");
  g_assert_cmpstr (((AttestSearchResult *)results->pdata[2])->ref, ==, "body-once");
  for (guint i = 1; i < results->len; i++)
    g_assert_cmpfloat (((AttestSearchResult *)results->pdata[i - 1])->rank, <=,
                       ((AttestSearchResult *)results->pdata[i])->rank);

  /* The limit keeps the best. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) one = attest_workspace_search (f->ws, "kubernetes", 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (((AttestSearchResult *)one->pdata[0])->ref, ==, "title");
  }
}

static void
test_prefix_and (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  put (f, "note", "1", "", "alpha beta kubernetes");
  put (f, "note", "2", "", "alpha gamma");
  put (f, "note", "3", "", "beta gamma kubelet");

  a = sorted_refs (f, "kube*");
  g_assert_cmpstr (a, ==, "1,3");
  b = sorted_refs (f, "kube");
  g_assert_cmpstr (b, ==, "");
  c = sorted_refs (f, "alpha beta");
  g_assert_cmpstr (c, ==, "1");
  d = sorted_refs (f, "  gamma\talpha  ");
  g_assert_cmpstr (d, ==, "2");
  e = sorted_refs (f, "gam* kubel*");
  g_assert_cmpstr (e, ==, "3");
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const char *queries[] = {
    "\"", "\"\"", "\"alpha", "O\"Brien", "NEAR(", "NEAR(alpha beta)", "AND", "OR", "NOT",
    "alpha AND", "alpha OR beta", "NOT alpha", "*", "**", "-", "-alpha", "^", "^alpha",
    "body:", "body:secret", "title:alpha", "{title body}:alpha", "(", ")", "((((", "alpha)",
    "+", ":", "\\", "'", "'; DROP TABLE search_index; --", "\xff\xfe", "a\xc3", "\xe9\x9b",
    "雲*", "*雲", "「」", "%", "_", "alpha*beta", "NEAR", "near/3", "\x01\x02", "​",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autofree char *secret = NULL, *quote = NULL, *and = NULL;

  put (f, "note", "secret", "", "the secret plan");
  put (f, "note", "quote", "", "Mr O'Brien and friends");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = attest_workspace_search (f->ws, queries[i], 10, &error);

      g_assert_no_error (error);
      g_assert_nonnull (results);
    }

  for (guint i = 0; i < 2000; i++)
    {
      char bytes[48];
      guint n = g_rand_int_range (rand, 1, sizeof bytes);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;

      for (guint k = 0; k < n - 1; k++)
        bytes[k] = (char)g_rand_int_range (rand, 1, 256);
      bytes[n - 1] = '\0';
      results = attest_workspace_search (f->ws, bytes, 10, &error);
      /* A clean answer: results, or (all spaces) the one usage error. */
      if (results == NULL)
        g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
      else
        g_assert_no_error (error);
    }

  /* FTS5 syntax is text: no column filter, the quote and AND are characters. */
  secret = sorted_refs (f, "body:secret");
  g_assert_cmpstr (secret, ==, "");
  quote = sorted_refs (f, "O\"Brien");
  g_assert_cmpstr (quote, ==, "quote");
  and = sorted_refs (f, "AND");
  g_assert_cmpstr (and, ==, "quote");

  /* The table is still there and whole. */
  {
    g_autofree char *plan = sorted_refs (f, "plan");
    g_assert_cmpstr (plan, ==, "secret");
  }
}

static void
test_empty_query (Fixture       *f,
                  gconstpointer  data)
{
  static const char *queries[] = { "", " ", " \t\n ", "\u3000" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = attest_workspace_search (f->ws, queries[i], 0, &error);

      g_assert_null (results);
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
    }

  /* Words that hold nothing to find: nothing found, no error. */
  {
    g_autoptr(GPtrArray) results = search (f, "- * ^");
    g_assert_cmpuint (results->len, ==, 0);
  }
}

static void
test_replace_remove (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  put (f, "note", "7", "", "apple");
  put (f, "item", "7", "", "apple");
  put (f, "note", "7", "", "banana");

  a = sorted_refs (f, "apple");
  g_assert_cmpstr (a, ==, "7");  /* the item only */
  b = sorted_refs (f, "banana");
  g_assert_cmpstr (b, ==, "7");

  g_assert_true (_attest_search_remove (f->ws, "note", "7", &error));
  g_assert_no_error (error);
  c = sorted_refs (f, "banana");
  g_assert_cmpstr (c, ==, "");
  /* Removing what is not there is fine. */
  g_assert_true (_attest_search_remove (f->ws, "note", "7", &error));
  g_assert_no_error (error);

  /* Inside a transaction that rolls back, the index rolls back too. */
  g_assert_true (_attest_workspace_begin (f->ws, &error));
  put (f, "note", "8", "", "cherry");
  _attest_workspace_rollback (f->ws);
  d = sorted_refs (f, "cherry");
  g_assert_cmpstr (d, ==, "");

  /* A page version's sections go together: version 1 of soc, not 11, not
   * another framework's version 1. */
  put (f, "page", "soc#a@fr-FR/1", "", "durian");
  put (f, "page", "soc#b/2@fr-FR/1", "", "durian");
  put (f, "page", "soc#a@zh-TW/2", "", "durian");
  put (f, "page", "soc#a@/11", "", "durian");
  put (f, "page", "soc-2#a@fr-FR/1", "", "durian");
  put (f, "page", "iso#soc#a@fr-FR/1", "", "durian");
  g_assert_true (_attest_search_remove_variant (f->ws, "soc", 1, &error));
  g_assert_no_error (error);
  e = sorted_refs (f, "durian");
  g_assert_cmpstr (e, ==, "iso#soc#a@fr-FR/1,soc#a@/11,soc#a@zh-TW/2,soc-2#a@fr-FR/1");
  attest_test_assert_search_index (f->ws);
}

/* A page ref's locale: "soc#key@fr-FR/12" is in "@fr-FR". */
static gboolean
in_locale (const char *ref,
           const char *locale)
{
  g_autofree char *part = g_strconcat (locale, "/", NULL);
  const char *at = strrchr (ref, '@');

  return at != NULL && g_str_has_prefix (at, part);
}

static gboolean
any_ref (GPtrArray  *results,
         const char *prefix,
         const char *locale)
{
  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];
      if (g_str_equal (r->kind, "page") && g_str_has_prefix (r->ref, prefix) && in_locale (r->ref, locale))
        return TRUE;
    }
  return FALSE;
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  const char *paths[] = { seeds, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(AttestImportSummary) again = NULL;
  g_autoptr(GPtrArray) cloud = NULL;
  g_autoptr(GPtrArray) securite = NULL;
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);

  cloud = search (f, "雲端");
  g_assert_true (any_ref (cloud, "mars-e#", "@zh-TW"));
  for (guint i = 0; i < cloud->len; i++)
    g_assert_true (in_locale (((AttestSearchResult *)cloud->pdata[i])->ref, "@zh-TW"));

  securite = search (f, "securite");
  for (guint i = 0; i < securite->len; i++)
    {
      AttestSearchResult *r = securite->pdata[i];
      if (in_locale (r->ref, "@fr-FR") && strstr (r->snippet, ATTEST_SEARCH_MATCH_START "Sécurité" ATTEST_SEARCH_MATCH_END) != NULL)
        found = TRUE;
    }
  g_assert_true (found);

  /* An English word of the source text finds the translated pages. */
  english = search (f, "trustworthiness");
  g_assert_true (any_ref (english, "mars-e#", "@fr-FR"));
  g_assert_true (any_ref (english, "mars-e#", "@zh-TW"));

  /* The same pages again: one row per section and locale still. */
  {
    gint64 before = 0, after = 0;
    sqlite3_stmt *stmt = NULL;
    sqlite3 *db = _attest_workspace_get_db (f->ws);
    const char *count = "SELECT count(*) FROM search_index WHERE kind = 'page'";

    g_assert_cmpint (sqlite3_prepare_v2 (db, count, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    before = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    g_assert_cmpint (before, >, 10);

    again = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (db, count, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    after = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    g_assert_cmpint (after, ==, before);
  }
  attest_test_assert_search_index (f->ws);
}

/* Every page row of the index as "ref|title|body|source" lines, in ref order,
 * after FTS5 checked that its index matches the rows. */
static char *
page_rows (AttestWorkspace *ws)
{
  sqlite3 *db = _attest_workspace_get_db (ws);
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT k.ref, i.title, i.body, i.source FROM search_key k "
                                       "JOIN search_index i ON i.rowid = k.id WHERE k.kind = 'page' ORDER BY k.ref",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%s|%s|%s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = _attest_workspace_get_db (f->ws);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
add_section (GPtrArray  *sections,
             const char *key,
             const char *title,
             const char *text,
             const char *source_text)
{
  AttestOfferingSection *s = g_new0 (AttestOfferingSection, 1);

  s->key = g_strdup (key);
  s->title = g_strdup (title);
  s->text = g_strdup (text);
  s->source_text = g_strdup (source_text);
  g_ptr_array_add (sections, s);
}

static void
free_section (gpointer data)
{
  AttestOfferingSection *s = data;

  g_free (s->key);
  g_free (s->title);
  g_free (s->text);
  g_free (s->source_title);
  g_free (s->source_text);
  g_free (s);
}

static void
put_sections (AttestWorkspace *ws,
              const char      *framework_id,
              const char      *locale,
              gint64           variant_id,
              GPtrArray       *sections)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_attest_workspace_begin (ws, &error));
  g_assert_true (_attest_search_put_sections (ws, framework_id, locale, variant_id, sections, &error));
  g_assert_no_error (error);
  g_assert_true (_attest_workspace_commit (ws, &error));
}

/* A page version's sections are written together: the version indexed again
 * over what it held leaves the same rows, and the same index, as indexed
 * into a workspace that never had the older text; other versions and other
 * kinds stay; a key twice on a page keeps its later section. */
static void
test_pages_replaced (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) fresh = attest_test_workspace_new ("attest-search-fresh", NULL, &dir, &path);
  g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (free_section);
  g_autofree char *replaced = NULL;
  g_autofree char *direct = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *twice = NULL;

  add_section (older, "scope", "Portée", "pomme\x01 et poire", "apple and pear");
  add_section (older, "dropped", "Ancienne", "figue", NULL);
  add_section (older, "notes", "Notes", "kiwi", NULL);
  add_section (newer, "notes", "Notes", "mangue", NULL);
  add_section (newer, "scope", "Portée", "poire seule", "pear alone");
  add_section (newer, "added", "Nouvelle", "雲端 服務", NULL);
  add_section (newer, "notes", "Notes", "papaye", NULL);
  add_section (other, "scope", "Scope", "figue", NULL);

  put (f, "note", "1", "", "figue");
  put_sections (f->ws, "soc", "fr-FR", 3, older);
  put_sections (f->ws, "soc", "", 12, other);
  put_sections (f->ws, "soc", "fr-FR", 3, newer);

  put_sections (fresh, "soc", "", 12, other);
  put_sections (fresh, "soc", "fr-FR", 3, newer);

  replaced = page_rows (f->ws);
  direct = page_rows (fresh);
  g_assert_cmpstr (replaced, ==, direct);
  g_assert_cmpstr (replaced, ==,
                   "soc#added@fr-FR/3|Nouvelle|雲端 服務|\n"
                   "soc#notes@fr-FR/3|Notes|papaye|\n"
                   "soc#scope@/12|Scope|figue|\n"
                   "soc#scope@fr-FR/3|Portée|poire seule|\npear alone\n");

  gone = sorted_refs (f, "pomme");
  g_assert_cmpstr (gone, ==, "");
  kept = sorted_refs (f, "figue");
  g_assert_cmpstr (kept, ==, "1,soc#scope@/12");
  twice = sorted_refs (f, "mangue");
  g_assert_cmpstr (twice, ==, "");

  attest_test_workspace_delete (&fresh, &dir, &path);
  attest_test_assert_search_index (f->ws);
}

/* Inside an import's batch a page's rows are staged (their text stored, not
 * yet indexed) and indexed at the batch's end: staged rows replaced, taken
 * out, or undone with their page's savepoint never touch the index, indexed
 * rows replaced in the batch leave it, and the index ends holding exactly
 * the words of the text stored. */
static void
test_staged (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kiwi = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) papaya = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) guava = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) lychee = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) mango = g_ptr_array_new_with_free_func (free_section);
  g_autoptr(GPtrArray) durian = g_ptr_array_new_with_free_func (free_section);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *const words[][2] = {
    { "kiwi", "" }, { "papaya", "soc#a@fr-FR/1" }, { "guava", "" }, { "lychee", "soc#c@/3" },
    { "mango", "soc#c@/3" }, { "durian", "" }, { "plum", "soc#c@/3" },
  };

  add_section (kiwi, "a", "A", "kiwi", NULL);
  add_section (papaya, "a", "A", "papaya", "pomme");
  add_section (guava, "b", "B", "guava", NULL);
  add_section (lychee, "c", "C", "lychee plum", NULL);
  add_section (mango, "c", "C", "lychee mango", "plum");
  add_section (durian, "d", "D", "durian", NULL);

  /* Indexed before the batch. */
  put_sections (f->ws, "soc", "", 3, lychee);
  g_clear_pointer (&before, g_free);
  before = sorted_refs (f, "lychee");
  g_assert_cmpstr (before, ==, "soc#c@/3");

  g_assert_true (_attest_workspace_batch_begin (f->ws, &error));
  g_assert_no_error (error);
  put_sections (f->ws, "soc", "fr-FR", 1, kiwi);
  put_sections (f->ws, "soc", "fr-FR", 1, papaya);
  put_sections (f->ws, "iso", "", 2, guava);
  g_assert_true (_attest_workspace_begin (f->ws, &error));
  g_assert_true (_attest_search_remove_variant (f->ws, "iso", 2, &error));
  g_assert_no_error (error);
  g_assert_true (_attest_workspace_commit (f->ws, &error));
  put_sections (f->ws, "soc", "", 3, mango);
  /* A page that fails: its savepoint undone, its rows with it. */
  g_assert_true (_attest_workspace_begin (f->ws, &error));
  g_assert_true (_attest_search_put_sections (f->ws, "soc", "", 4, durian, &error));
  _attest_workspace_rollback (f->ws);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_pending"), ==, 2);
  g_assert_true (_attest_workspace_batch_commit (f->ws, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_pending"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *refs = sorted_refs (f, words[i][0]);

      g_assert_cmpstr (refs, ==, words[i][1]);
    }
  after = sorted_refs (f, "pomme");
  g_assert_cmpstr (after, ==, "soc#a@fr-FR/1");
  attest_test_assert_search_index (f->ws);
}

/* A workspace from before the index: its pages are indexed as it is migrated. */
static void
test_migration_indexes_pages (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  const char *paths[] = { seeds, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  sqlite3 *db = NULL;

  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->ws);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (_attest_search_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE search_index; DROP TABLE search_key; DROP TABLE search_variant; "
                                 "PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (f->ws));
  after = search (f, "雲端");
  g_assert_true (any_ref (after, "mars-e#", "@zh-TW"));
  before = search (f, "trustworthiness");
  g_assert_true (any_ref (before, "mars-e#", "@fr-FR"));
  attest_test_assert_search_index (f->ws);
}

/* A page of the 2023 English format: one per scope, all of framework "soc". */
static char *
write_split_page (Fixture    *f,
                  const char *folder,
                  const char *n,
                  const char *date,
                  const char *word)
{
  g_autofree char *dir = g_build_filename (f->dir, folder, NULL);
  g_autofree char *name = g_strdup_printf ("offering-soc-%s.md", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strdup_printf ("---\nms.date: %s\n---\n# SOC %s\n\n"
                                           "## SOC %s overview\n\nThe SOC %s report, %s.\n\n"
                                           "## Microsoft in-scope cloud platforms & services\n\n- Intune\n- Power BI\n",
                                           date, n, n, n, word);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
import_file (Fixture    *f,
             const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);
}

/* The file names of the page versions the "page" hits of @word open, through
 * what the window and attest-cli open them by (locate), sorted, joined. */
static char *
pages_of (Fixture    *f,
          const char *word)
{
  g_autoptr(GPtrArray) results = search (f, word);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];
      g_autoptr(AttestLocation) l = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      char *file_name = NULL;

      if (!g_str_equal (r->kind, "page"))
        continue;
      l = attest_workspace_locate_search_result (f->ws, r->kind, r->ref, &error);
      g_assert_no_error (error);
      g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_PAGE_SECTION);
      g_assert_cmpint (l->variant_id, >, 0);
      bytes = attest_workspace_get_variant_page_by_id (f->ws, l->framework_id, l->variant_id, &file_name, &error);
      g_assert_no_error (error);
      g_ptr_array_add (names, file_name);
    }
  g_ptr_array_sort (names, compare_str);
  /* A page once, however many of its sections match. */
  for (guint i = names->len; i-- > 1;)
    if (g_str_equal (names->pdata[i], names->pdata[i - 1]))
      g_ptr_array_remove_index (names, i);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **)names->pdata);
}

static gint64
variant_of (Fixture    *f,
            const char *word)
{
  g_autoptr(GPtrArray) results = search (f, word);
  g_autoptr(AttestLocation) l = NULL;

  for (guint i = 0; l == NULL && i < results->len; i++)
    if (g_str_equal (((AttestSearchResult *)results->pdata[i])->kind, "page"))
      l = attest_workspace_locate_search_result (f->ws, "page", ((AttestSearchResult *)results->pdata[i])->ref, NULL);
  g_assert_nonnull (l);
  return l->variant_id;
}

#define ASSERT_PAGES(word, expected) \
  G_STMT_START { g_autofree char *got_ = pages_of (f, word); g_assert_cmpstr (got_, ==, expected); } G_STMT_END

/* Split pages of one framework (issue 19): each page current for a scope is
 * searched, and its hits open it, not the newest page of the framework. A
 * version that stops being current (a newer import, a date set, cleared)
 * takes its rows with it and gives them back when current again. */
static void
test_split_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *soc1 = write_split_page (f, "a", "1", "03/01/2023", "sarbanesword");
  g_autofree char *soc2 = write_split_page (f, "a", "2", "03/02/2023", "fairnessword");
  g_autofree char *soc3 = write_split_page (f, "a", "3", "03/03/2023", "publiclyword");
  g_autofree char *soc2_new = write_split_page (f, "b", "2", "04/01/2023", "renewedword");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 old_soc2;

  import_file (f, soc1);
  import_file (f, soc2);
  import_file (f, soc3);
  ASSERT_PAGES ("sarbanesword", "offering-soc-1.md");
  ASSERT_PAGES ("fairnessword", "offering-soc-2.md");
  ASSERT_PAGES ("publiclyword", "offering-soc-3.md");
  /* A word on all three: a hit on each. */
  ASSERT_PAGES ("intune", "offering-soc-1.md,offering-soc-2.md,offering-soc-3.md");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_variant"), ==, 3);
  old_soc2 = variant_of (f, "fairnessword");

  /* A newer SOC 2 page: the old one is current for no scope any more. */
  import_file (f, soc2_new);
  ASSERT_PAGES ("fairnessword", "");
  ASSERT_PAGES ("renewedword", "offering-soc-2.md");
  g_assert_cmpint (variant_of (f, "renewedword"), !=, old_soc2);
  ASSERT_PAGES ("sarbanesword", "offering-soc-1.md");
  ASSERT_PAGES ("publiclyword", "offering-soc-3.md");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_variant"), ==, 3);

  /* The analyst dates the old one later: it is current again, in the same edit. */
  g_assert_true (attest_workspace_set_variant_date (f->ws, old_soc2, "2023-05-01", FALSE, &error));
  g_assert_no_error (error);
  ASSERT_PAGES ("fairnessword", "offering-soc-2.md");
  g_assert_cmpint (variant_of (f, "fairnessword"), ==, old_soc2);
  ASSERT_PAGES ("renewedword", "");

  /* And the date taken back: the newer one again. */
  g_assert_true (attest_workspace_set_variant_date (f->ws, old_soc2, NULL, FALSE, &error));
  g_assert_no_error (error);
  ASSERT_PAGES ("fairnessword", "");
  ASSERT_PAGES ("renewedword", "offering-soc-2.md");

  /* The index holds what its rows say (FTS5's own check), nothing twice. */
  before = page_rows (f->ws);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_key WHERE kind = 'page'"), ==,
                   count_rows (f, "SELECT count(*) FROM search_index WHERE kind = 'page'"));
}

/* The search index as schemas 4 to 12 made it: the text in the index
 * itself, no search_text or search_pending; with the rows of search_text
 * that @where picks. */
#define OLD_SEARCH_INDEX(where) \
  "DROP TABLE search_index; DROP TABLE search_pending;" \
  "CREATE VIRTUAL TABLE search_index USING fts5 (" \
  "  kind UNINDEXED, ref UNINDEXED, title, body, source, tokenize = 'attest');" \
  "INSERT INTO search_index (rowid, kind, ref, title, body, source) " \
  "  SELECT id, kind, ref, title, body, source FROM search_text WHERE " where " ORDER BY id;" \
  "DROP TABLE search_text;"

/* A workspace of schema 9 indexed one version per framework and locale, by
 * refs without a version: opened, its page rows are made again, every
 * current version's. */
static void
test_migration_split_pages (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *soc1 = write_split_page (f, "a", "1", "03/01/2023", "sarbanesword");
  g_autofree char *soc2 = write_split_page (f, "a", "2", "03/02/2023", "fairnessword");
  g_autofree char *soc3 = write_split_page (f, "a", "3", "03/03/2023", "publiclyword");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  import_file (f, soc1);
  import_file (f, soc2);
  import_file (f, soc3);
  g_clear_object (&f->ws);

  /* As schema 9 left it: the newest page of the locale alone, "soc#KEY@". */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (_attest_search_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 "DELETE FROM search_key WHERE kind = 'page';"
                                 "DROP TABLE search_variant;"
                                 OLD_SEARCH_INDEX ("kind != 'page'")
                                 "INSERT INTO search_key (id, kind, ref) VALUES (1000, 'page', 'soc#soc-3-overview@');"
                                 "INSERT INTO search_index (rowid, kind, ref, title, body, source) "
                                 "  VALUES (1000, 'page', 'soc#soc-3-overview@', 'SOC 3 overview', 'publiclyword staleword', '');"
                                 "PRAGMA user_version = 9;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (f->ws));
  ASSERT_PAGES ("staleword", "");
  ASSERT_PAGES ("sarbanesword", "offering-soc-1.md");
  ASSERT_PAGES ("fairnessword", "offering-soc-2.md");
  ASSERT_PAGES ("publiclyword", "offering-soc-3.md");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_key WHERE kind = 'page' AND ref NOT LIKE '%/%'"), ==, 0);
  {
    g_autofree char *rows = page_rows (f->ws);
    g_assert_nonnull (strstr (rows, "soc#soc-2-overview@/"));
  }
  attest_test_assert_search_index (f->ws);
}

/* A workspace of schema 12 kept its text in the index itself, and an
 * import's rows not yet indexed in search_stage: opened, both are in
 * search_text, indexed, found; the stage is gone. */
static void
test_migration_text (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *soc = write_split_page (f, "a", "1", "03/01/2023", "sarbanesword");
  g_autoptr(GError) error = NULL;
  g_autofree char *staged = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *db = NULL;
  gint64 rows;

  import_file (f, soc);
  rows = count_rows (f, "SELECT count(*) FROM search_text");
  g_assert_cmpint (rows, >, 0);
  g_clear_object (&f->ws);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_true (_attest_search_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db,
                                 OLD_SEARCH_INDEX ("1")
                                 "CREATE TABLE search_stage (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
                                 "  ref TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, source TEXT NOT NULL);"
                                 "INSERT INTO search_key (id, kind, ref) VALUES (5000, 'page', 'soc#staged@/99');"
                                 "INSERT INTO search_stage VALUES (5000, 'page', 'soc#staged@/99', 'Staged', "
                                 "  'stagedword', 'quelquechose');"
                                 "PRAGMA user_version = 12;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (f->ws));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sqlite_schema WHERE name = 'search_stage'"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM search_text"), ==, rows + 1);
  staged = sorted_refs (f, "stagedword quelquechose");
  g_assert_cmpstr (staged, ==, "soc#staged@/99");
  ASSERT_PAGES ("sarbanesword", "offering-soc-1.md");
  kept = sorted_refs (f, "sarbanesword");
  g_assert_cmpstr (kept, !=, "");
  attest_test_assert_search_index (f->ws);
}

/* The shared corpus's 2023 English SOC pages: soc-1, soc-2 and soc-3 text
 * each opens its own page. */
static void
test_split_pages_corpus (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *corpus = attest_test_find_corpus ();
  const char *words[][2] = {
    { "sarbanes", "offering-soc-1.md" },
    { "fairness", "offering-soc-2.md" },
    { "publicly", "offering-soc-3.md" },
  };

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus (../shared/corpus) is not there: set ATTEST_CORPUS");
      return;
    }
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("offering-soc-%u.md", i);
      g_autofree char *page = g_build_filename (corpus, "pages", "en-US-2023", name, NULL);

      if (!g_file_test (page, G_FILE_TEST_IS_REGULAR))
        {
          g_test_skip ("the corpus has no en-US-2023 SOC split pages");
          return;
        }
      import_file (f, page);
    }
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    ASSERT_PAGES (words[i][0], words[i][1]);
  ASSERT_PAGES ("aicpa", "offering-soc-1.md,offering-soc-2.md,offering-soc-3.md");
}

/* The ids of the "item" results of @query, as "12,13". */
static char *
item_hits (Fixture    *f,
           const char *query)
{
  g_autoptr(GPtrArray) results = search (f, query);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];

      if (!g_str_equal (r->kind, "item"))
        continue;
      g_string_append_printf (ids, "%s%s", ids->len > 0 ? "," : "", r->ref);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Checklist items, by title and owner: "bridge letter" finds them, an
 * owner's name too, and a new owner replaces the old in the index. */
static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *hits = NULL;
  g_autofree char *bridge = NULL;
  AttestChecklistItem *item;

  g_assert_cmpuint (attest_test_import_bundled (f->ws, "offering-soc.fr-FR.md"), ==, 1);
  items = attest_test_stored_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  item = items->pdata[2];
  g_assert_cmpstr (item->title, ==, "Bridge letter covers the gap");
  bridge = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);

  hits = item_hits (f, "bridge letter");
  g_assert_cmpstr (hits, ==, bridge);
  g_clear_pointer (&hits, g_free);
  results = search (f, "bridge letter");
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((AttestSearchResult *)results->pdata[i])->kind, "item"))
      g_assert_nonnull (strstr (((AttestSearchResult *)results->pdata[i])->snippet,
                                ATTEST_SEARCH_MATCH_START "Bridge" ATTEST_SEARCH_MATCH_END " "
                                ATTEST_SEARCH_MATCH_START "letter" ATTEST_SEARCH_MATCH_END));

  g_assert_true (attest_workspace_update_item (f->ws, item->id, NULL, "Kim Okonkwo", NULL, &error));
  g_assert_no_error (error);
  hits = item_hits (f, "okonkwo");
  g_assert_cmpstr (hits, ==, bridge);
  g_clear_pointer (&hits, g_free);
  g_assert_true (attest_workspace_update_item (f->ws, item->id, NULL, "Ana Pereira", NULL, &error));
  hits = item_hits (f, "okonkwo");
  g_assert_cmpstr (hits, ==, "");
  g_clear_pointer (&hits, g_free);
  hits = item_hits (f, "pereira bridge");
  g_assert_cmpstr (hits, ==, bridge);
  attest_test_assert_search_index (f->ws);
}

/* A workspace whose items were made before items were indexed: the first
 * search indexes them all, and so does the first new checklist. */
static void
test_items_indexed_late (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autofree char *hits = NULL;
  g_autofree char *bridge = NULL;
  const char *forget = "DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_key WHERE kind = 'item');"
                       "DELETE FROM search_text WHERE id IN (SELECT id FROM search_key WHERE kind = 'item');"
                       "DELETE FROM search_key WHERE kind = 'item';";

  g_assert_cmpuint (attest_test_import_bundled (f->ws, "offering-soc.fr-FR.md"), ==, 1);
  items = attest_test_stored_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  bridge = g_strdup_printf ("%" G_GINT64_FORMAT, ((AttestChecklistItem *)items->pdata[2])->id);

  g_assert_true (_attest_workspace_exec (f->ws, forget, NULL));
  hits = item_hits (f, "bridge letter");
  g_assert_cmpstr (hits, ==, bridge);
  g_clear_pointer (&hits, g_free);

  /* Forgotten again; another cell's new checklist brings them back with it. */
  g_assert_true (_attest_workspace_exec (f->ws, forget, NULL));
  other = attest_test_stored_checklist (f->ws, "soc/soc-1", "intune", &error);
  g_assert_no_error (error);
  g_assert_true (_attest_workspace_exec (f->ws, "BEGIN; SELECT 1;", NULL));
  hits = item_hits (f, "bridge letter");
  _attest_workspace_exec (f->ws, "ROLLBACK", NULL);
  {
    g_auto(GStrv) ids = g_strsplit (hits, ",", -1);

    /* The old cell's item (and the new cell's own bridge letter item). */
    g_assert_true (g_strv_contains ((const char * const *)ids, bridge));
    g_assert_cmpuint (g_strv_length (ids), ==, 2);
  }
  attest_test_assert_search_index (f->ws);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/search/" name, Fixture, NULL, fixture_setup, func, attest_test_fixture_teardown)
  ADD ("tokenizer-terms", test_tokenizer_terms);
  ADD ("split-pages", test_split_pages);
  ADD ("migration-split-pages", test_migration_split_pages);
  ADD ("split-pages-corpus", test_split_pages_corpus);
  ADD ("cjk", test_cjk);
  ADD ("diacritics", test_diacritics);
  ADD ("snippet-offsets", test_snippet_offsets);
  ADD ("match-markers", test_match_markers);
  ADD ("ranking", test_ranking);
  ADD ("prefix-and", test_prefix_and);
  ADD ("hostile", test_hostile);
  ADD ("empty-query", test_empty_query);
  ADD ("replace-remove", test_replace_remove);
  ADD ("pages", test_pages);
  ADD ("pages-replaced", test_pages_replaced);
  ADD ("staged", test_staged);
  ADD ("migration-text", test_migration_text);
  ADD ("migration-indexes-pages", test_migration_indexes_pages);
  ADD ("items", test_items);
  ADD ("items-indexed-late", test_items_indexed_late);
#undef ADD

  return g_test_run ();
}
