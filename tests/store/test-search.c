/* test-search.c: the FTS5 tokenizer, queries, ranking, snippets, index upkeep, page text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>


#include "attest-importer.h"
#include "attest-search.h"
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

  /* A page's sections go together, per framework and locale. */
  put (f, "page", "soc#a@fr-FR", "", "durian");
  put (f, "page", "soc#b@fr-FR", "", "durian");
  put (f, "page", "soc#a@zh-TW", "", "durian");
  put (f, "page", "soc#a@", "", "durian");
  put (f, "page", "soc-2#a@fr-FR", "", "durian");
  put (f, "page", "iso#soc#a@fr-FR", "", "durian");
  g_assert_true (_attest_search_remove_pages (f->ws, "soc", "fr-FR", &error));
  g_assert_no_error (error);
  e = sorted_refs (f, "durian");
  g_assert_cmpstr (e, ==, "iso#soc#a@fr-FR,soc#a@,soc#a@zh-TW,soc-2#a@fr-FR");
}

static gboolean
any_ref (GPtrArray  *results,
         const char *prefix,
         const char *suffix)
{
  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];
      if (g_str_equal (r->kind, "page") && g_str_has_prefix (r->ref, prefix) && g_str_has_suffix (r->ref, suffix))
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
    g_assert_true (g_str_has_suffix (((AttestSearchResult *)cloud->pdata[i])->ref, "@zh-TW"));

  securite = search (f, "securite");
  for (guint i = 0; i < securite->len; i++)
    {
      AttestSearchResult *r = securite->pdata[i];
      if (g_str_has_suffix (r->ref, "@fr-FR") && strstr (r->snippet, ATTEST_SEARCH_MATCH_START "Sécurité" ATTEST_SEARCH_MATCH_END) != NULL)
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
              GPtrArray       *sections)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_attest_workspace_begin (ws, &error));
  g_assert_true (_attest_search_put_sections (ws, framework_id, locale, sections, &error));
  g_assert_no_error (error);
  g_assert_true (_attest_workspace_commit (ws, &error));
}

/* A page's sections are written together: a newer page indexed over an older
 * one leaves the same rows, and the same index, as the newer page indexed
 * into a workspace that never had the older; the other locale and other
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
  put_sections (f->ws, "soc", "fr-FR", older);
  put_sections (f->ws, "soc", "", other);
  put_sections (f->ws, "soc", "fr-FR", newer);

  put_sections (fresh, "soc", "", other);
  put_sections (fresh, "soc", "fr-FR", newer);

  replaced = page_rows (f->ws);
  direct = page_rows (fresh);
  g_assert_cmpstr (replaced, ==, direct);
  g_assert_cmpstr (replaced, ==,
                   "soc#added@fr-FR|Nouvelle|雲端 服務|\n"
                   "soc#notes@fr-FR|Notes|papaye|\n"
                   "soc#scope@|Scope|figue|\n"
                   "soc#scope@fr-FR|Portée|poire seule|\npear alone\n");

  gone = sorted_refs (f, "pomme");
  g_assert_cmpstr (gone, ==, "");
  kept = sorted_refs (f, "figue");
  g_assert_cmpstr (kept, ==, "1,soc#scope@");
  twice = sorted_refs (f, "mangue");
  g_assert_cmpstr (twice, ==, "");

  attest_test_workspace_delete (&fresh, &dir, &path);
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
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE search_index; DROP TABLE search_key; PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (f->ws));
  after = search (f, "雲端");
  g_assert_true (any_ref (after, "mars-e#", "@zh-TW"));
  before = search (f, "trustworthiness");
  g_assert_true (any_ref (before, "mars-e#", "@fr-FR"));
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
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/search/" name, Fixture, NULL, fixture_setup, func, attest_test_fixture_teardown)
  ADD ("tokenizer-terms", test_tokenizer_terms);
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
  ADD ("migration-indexes-pages", test_migration_indexes_pages);
  ADD ("items", test_items);
  ADD ("items-indexed-late", test_items_indexed_late);
#undef ADD

  return g_test_run ();
}
