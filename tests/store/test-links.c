/* test-links.c: the current pages' links, their LINK ids, and the document
 * each link's URL resolves to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-test-workspace.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-links.h"
#include "attest-workspace-private.h"

#define BACKGROUNDER "https://aka.ms/mars-e-backgrounder"

static gint64
count (AttestWorkspace *ws,
       const char      *sql)
{
  g_autofree char *text = _attest_workspace_query_text (ws, sql, NULL);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static AttestLink *
link_with_url (GPtrArray  *links,
               const char *framework,
               const char *url)
{
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *l = links->pdata[i];

      if (g_str_equal (l->framework_id, framework) && g_str_equal (l->url, url))
        return l;
    }
  return NULL;
}

static gboolean
is_hex (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isxdigit (*s) || g_ascii_isupper (*s))
      return FALSE;
  return TRUE;
}

static void
assert_verifies (AttestWorkspace *ws)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  g_assert_true (attest_workspace_verify (ws, problems, &fingerprint, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Every link of the current pages, once per framework and URL, with an id
 * "FRAMEWORK/8 hex digits" of its own; one framework's alone. */
static void
test_list (AttestTestFixture *f,
           gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = attest_workspace_list_links (f->ws, NULL, &error);
  g_autoptr(GPtrArray) mars = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AttestLink *backgrounder;

  g_assert_no_error (error);
  g_assert_nonnull (links);
  g_assert_cmpuint (links->len, >, 10);
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *l = links->pdata[i];
      g_autofree char *prefix = g_strconcat (l->framework_id, "/", NULL);
      g_autofree char *pair = g_strconcat (l->framework_id, " ", l->url, NULL);
      static const char * const kinds[] = { "backgrounder", "audit-report", "certificate", "resource", NULL };

      g_assert_true (g_str_has_prefix (l->id, prefix));
      g_assert_cmpuint (strlen (l->id), ==, strlen (prefix) + ATTEST_LINK_ID_DIGITS);
      g_assert_true (is_hex (l->id + strlen (prefix)));
      g_assert_true (g_strv_contains (kinds, l->kind));
      g_assert_false (g_hash_table_contains (ids, l->id));
      g_hash_table_add (ids, l->id);
      g_assert_false (g_hash_table_contains (pairs, pair));
      g_hash_table_add (pairs, g_steal_pointer (&pair));
      g_assert_null (l->document);
    }

  /* The MARS-E pages in French and Chinese link the same backgrounder: once. */
  backgrounder = link_with_url (links, "mars-e", BACKGROUNDER);
  g_assert_nonnull (backgrounder);
  g_assert_cmpstr (backgrounder->kind, ==, "backgrounder");

  mars = attest_workspace_list_links (f->ws, "mars-e", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mars->len, >, 0);
  for (guint i = 0; i < mars->len; i++)
    {
      AttestLink *l = mars->pdata[i];
      AttestLink *same = link_with_url (links, "mars-e", l->url);

      g_assert_cmpstr (l->framework_id, ==, "mars-e");
      g_assert_nonnull (same);
      g_assert_cmpstr (l->id, ==, same->id);
    }

  g_assert_null (attest_workspace_list_links (f->ws, "no-such-framework", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-framework"));
}

/* A LINK id finds its link; so does a longer prefix of its hash; what
 * names none or is not an id says so. */
static void
test_find (AttestTestFixture *f,
           gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = attest_workspace_list_links (f->ws, "mars-e", &error);
  g_autoptr(AttestLink) found = NULL;
  g_autoptr(AttestLink) longer = NULL;
  g_autofree char *full = g_compute_checksum_for_string (G_CHECKSUM_SHA256, BACKGROUNDER, -1);
  g_autofree char *long_id = g_strdup_printf ("mars-e/%.20s", full);
  AttestLink *backgrounder;

  g_assert_no_error (error);
  backgrounder = link_with_url (links, "mars-e", BACKGROUNDER);
  g_assert_nonnull (backgrounder);

  found = attest_workspace_find_link (f->ws, backgrounder->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->url, ==, BACKGROUNDER);
  g_assert_cmpstr (found->id, ==, backgrounder->id);
  longer = attest_workspace_find_link (f->ws, long_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (longer->url, ==, BACKGROUNDER);

  g_assert_null (attest_workspace_find_link (f->ws, "mars-e/00000000", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "mars-e/00000000"));
  g_clear_error (&error);
  g_assert_null (attest_workspace_find_link (f->ws, "mars-e", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (attest_workspace_find_link (f->ws, "nothing/12345678", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);

  g_assert_true (attest_link_is_url (BACKGROUNDER));
  g_assert_true (attest_link_is_url ("file:///etc/passwd"));
  g_assert_false (attest_link_is_url (backgrounder->id));
}

/* Two URLs whose hashes share their first 8 digits (found by trying
 * numbered URLs in order: the same pair every run) get longer ids; the
 * shared 8 digits name both. */
static void
test_colliding_ids (AttestTestFixture *f,
                    gconstpointer      data)
{
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(AttestLink) found = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *shared = NULL;
  AttestLink *la, *lb;

  for (guint n = 0; a == NULL; n++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.com/report-%u.pdf", n);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
      char *prefix = g_strndup (hash, ATTEST_LINK_ID_DIGITS);
      const char *other = g_hash_table_lookup (prefixes, prefix);

      g_assert_cmpuint (n, <, 2000000);
      if (other != NULL)
        {
          a = g_strdup (other);
          b = g_steal_pointer (&url);
          shared = prefix;
        }
      else
        g_hash_table_insert (prefixes, prefix, g_steal_pointer (&url));
    }

  sql = g_strdup_printf ("INSERT INTO link (variant_id, kind, url, title, section_key) "
                         "SELECT id, 'audit-report', '%s', 'A', 'x' FROM variant WHERE framework_id = 'soc';"
                         "INSERT INTO link (variant_id, kind, url, title, section_key) "
                         "SELECT id, 'audit-report', '%s', 'B', 'x' FROM variant WHERE framework_id = 'soc';",
                         a, b);
  g_assert_true (_attest_workspace_exec (f->ws, sql, &error));
  g_assert_no_error (error);

  links = attest_workspace_list_links (f->ws, "soc", &error);
  g_assert_no_error (error);
  la = link_with_url (links, "soc", a);
  lb = link_with_url (links, "soc", b);
  g_assert_nonnull (la);
  g_assert_nonnull (lb);
  g_assert_cmpstr (la->id, !=, lb->id);
  g_assert_cmpuint (strlen (la->id), >, strlen ("soc/") + ATTEST_LINK_ID_DIGITS);
  g_assert_cmpuint (strlen (lb->id), >, strlen ("soc/") + ATTEST_LINK_ID_DIGITS);

  found = attest_workspace_find_link (f->ws, lb->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->url, ==, b);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("soc/%s", shared);
  g_assert_null (attest_workspace_find_link (f->ws, sql, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, la->id));
  g_assert_nonnull (strstr (error->message, lb->id));
}

/* A downloaded document: stored as evidence once, remembered with the URL,
 * where the redirects ended and when; one history row; the state digests
 * and verify agree. Attaching another file replaces it (the old one stays
 * evidence), again one row. */
static void
test_document (AttestTestFixture *f,
               gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 backgrounder", 21);
  g_autoptr(GBytes) other = g_bytes_new_static ("%PDF-1.7 attached by hand", 25);
  g_autoptr(AttestLinkDocument) doc = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *sha2 = NULL;
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  AttestHistoryEntry *row;
  AttestLink *l;
  gint64 rows_before = count (f->ws, "SELECT count(*) FROM history");

  g_assert_null (attest_workspace_get_link_document (f->ws, BACKGROUNDER, &error));
  g_assert_no_error (error);

  g_assert_true (attest_workspace_set_link_document (f->ws, BACKGROUNDER, ATTEST_LINK_DOCUMENT_DOWNLOADED,
                                                     "https://download.example.com/mars-e.pdf",
                                                     "2026-12-01T10:00:00Z", "mars-e.pdf", pdf, "application/pdf",
                                                     3, "MARS-E text", &sha, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history"), ==, rows_before + 1);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM evidence"), ==, 1);

  doc = attest_workspace_get_link_document (f->ws, BACKGROUNDER, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpstr (doc->sha256, ==, expected);
  g_assert_cmpint (doc->origin, ==, ATTEST_LINK_DOCUMENT_DOWNLOADED);
  g_assert_cmpstr (doc->final_url, ==, "https://download.example.com/mars-e.pdf");
  g_assert_cmpstr (doc->fetched_at, ==, "2026-12-01T10:00:00Z");
  g_assert_cmpstr (doc->name, ==, "mars-e.pdf");
  g_assert_cmpint (doc->size, ==, 21);
  g_assert_cmpint (doc->page_count, ==, 3);
  g_clear_pointer (&doc, attest_link_document_free);

  /* The list shows it. */
  links = attest_workspace_list_links (f->ws, "mars-e", &error);
  g_assert_no_error (error);
  l = link_with_url (links, "mars-e", BACKGROUNDER);
  g_assert_nonnull (l->document);
  g_assert_cmpstr (l->document->sha256, ==, expected);
  g_clear_pointer (&links, g_ptr_array_unref);

  history = attest_workspace_list_history (f->ws, "link", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  row = history->pdata[0];
  g_assert_cmpstr (row->entity_id, ==, BACKGROUNDER);
  g_assert_cmpstr (row->action, ==, "download");
  g_assert_null (row->before);
  g_assert_nonnull (strstr (row->after, expected));
  g_assert_nonnull (strstr (row->after, "\"new_file\":true"));
  g_clear_pointer (&history, g_ptr_array_unref);
  assert_verifies (f->ws);

  /* Attached by hand: no final URL, the time now; the old file stays. */
  g_assert_true (attest_workspace_set_link_document (f->ws, BACKGROUNDER, ATTEST_LINK_DOCUMENT_ATTACHED,
                                                     "https://ignored.example.com/", NULL, "signed-in.pdf", other,
                                                     "application/pdf", -1, NULL, &sha2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha2, !=, sha);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history"), ==, rows_before + 2);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM evidence"), ==, 2);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM link_document"), ==, 1);
  doc = attest_workspace_get_link_document (f->ws, BACKGROUNDER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->sha256, ==, sha2);
  g_assert_cmpint (doc->origin, ==, ATTEST_LINK_DOCUMENT_ATTACHED);
  g_assert_null (doc->final_url);
  g_assert_nonnull (doc->fetched_at);
  g_assert_cmpint (doc->page_count, ==, -1);
  history = attest_workspace_list_history (f->ws, "link", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  row = history->pdata[1];
  g_assert_cmpstr (row->action, ==, "attach");
  g_assert_nonnull (row->before);
  g_assert_nonnull (strstr (row->before, sha));
  g_clear_pointer (&history, g_ptr_array_unref);
  assert_verifies (f->ws);

  /* The first file again, for another URL: stored once, not copied. */
  g_assert_true (attest_workspace_set_link_document (f->ws, "https://example.com/copy.pdf",
                                                     ATTEST_LINK_DOCUMENT_DOWNLOADED, "https://example.com/copy.pdf",
                                                     NULL, "copy.pdf", pdf, "application/pdf", 3, NULL, NULL,
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM evidence"), ==, 2);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM link_document"), ==, 2);
  assert_verifies (f->ws);

  /* A change of the document behind the history's back is caught by verify. */
  g_assert_true (_attest_workspace_exec (f->ws, "UPDATE link_document SET fetched_at = '2000-01-01T00:00:00Z'",
                                         &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    gboolean named = FALSE;

    attest_workspace_verify (f->ws, problems, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < problems->len; i++)
      named = named || strstr (problems->pdata[i], "link-document:" BACKGROUNDER) != NULL;
    g_assert_true (named);
  }
}

/* What is refused changes nothing and writes no history row. */
static void
test_document_refused (AttestTestFixture *f,
                       gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 x", 10);
  gint64 rows = count (f->ws, "SELECT count(*) FROM history");

  g_assert_false (attest_workspace_set_link_document (f->ws, "", ATTEST_LINK_DOCUMENT_DOWNLOADED, NULL, NULL,
                                                      "x.pdf", pdf, NULL, -1, NULL, NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attest_workspace_set_link_document (f->ws, BACKGROUNDER, ATTEST_LINK_DOCUMENT_ATTACHED, NULL, NULL,
                                                      "", pdf, NULL, -1, NULL, NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A failure inside the transaction (the table made read-only by a
   * trigger) rolls back the evidence row too. */
  g_assert_true (_attest_workspace_exec (f->ws, "CREATE TEMP TRIGGER no_docs BEFORE INSERT ON main.link_document "
                                                "BEGIN SELECT RAISE (ABORT, 'refused'); END", &error));
  g_assert_false (attest_workspace_set_link_document (f->ws, BACKGROUNDER, ATTEST_LINK_DOCUMENT_ATTACHED, NULL, NULL,
                                                      "x.pdf", pdf, NULL, -1, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (_attest_workspace_exec (f->ws, "DROP TRIGGER temp.no_docs", &error));
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM evidence"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM link_document"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM history"), ==, rows);
  assert_verifies (f->ws);
}

/* A newer version of a page keeps the ids of the links whose URL it keeps,
 * and the documents they resolve to. */
static void
test_reimport_keeps_ids (AttestTestFixture *f,
                         gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 backgrounder", 21);
  g_autoptr(GPtrArray) before = attest_workspace_list_links (f->ws, "mars-e", &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  g_autofree char *page = g_build_filename (offerings, "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "offering-mars-e.fr-FR.md", NULL);
  g_autoptr(AttestImportSummary) summary = NULL;
  const char *paths[] = { copy, NULL };
  GString *edited;

  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_link_document (f->ws, BACKGROUNDER, ATTEST_LINK_DOCUMENT_DOWNLOADED,
                                                     BACKGROUNDER, NULL, "mars-e.pdf", pdf, "application/pdf", -1,
                                                     NULL, NULL, &error));
  g_assert_no_error (error);

  /* The same page a year later, its text changed. */
  g_assert_true (g_file_get_contents (page, &text, NULL, &error));
  edited = g_string_new (text);
  g_assert_cmpint (g_string_replace (edited, "ms.lasthandoff: 11/04/2019", "ms.lasthandoff: 11/04/2020", 1), ==, 1);
  g_string_append (edited, "\nUne phrase de plus.\n");
  newer = g_string_free (edited, FALSE);
  g_assert_true (g_file_set_contents (copy, newer, -1, &error));
  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 1);
  g_assert_cmpint (count (f->ws, "SELECT count(*) FROM variant WHERE framework_id = 'mars-e'"), ==, 3);

  after = attest_workspace_list_links (f->ws, "mars-e", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      AttestLink *old = before->pdata[i];
      AttestLink *now = link_with_url (after, "mars-e", old->url);

      g_assert_nonnull (now);
      g_assert_cmpstr (now->id, ==, old->id);
      if (g_str_equal (now->url, BACKGROUNDER))
        g_assert_nonnull (now->document);
      else
        g_assert_null (now->document);
    }
}

/* A workspace from before link documents gets the table (after a backup). */
static void
test_migration (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  AttestWorkspace *ws = attest_test_workspace_new ("attest-links", "Dana", &dir, &path);
  g_autoptr(GError) error = NULL;
  /* The link documents' migration is 8 → 9 (later ones redo themselves): undo it alone. */
  g_autofree char *sql = g_strdup_printf ("DROP TABLE link_document; DROP INDEX link_variant; "
                                          "PRAGMA user_version = %d;", 8);
  sqlite3 *db = NULL;

  g_clear_object (&ws);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (ws));
  g_assert_cmpint (count (ws, "SELECT count(*) FROM sqlite_schema WHERE name IN ('link_document', 'link_variant')"),
                   ==, 2);
  g_assert_cmpint (count (ws, "SELECT user_version FROM pragma_user_version"), ==, ATTEST_WORKSPACE_SCHEMA_VERSION);
  attest_test_workspace_delete (&ws, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/links/list", AttestTestFixture, NULL, attest_test_fixture_seeded, test_list,
              attest_test_fixture_teardown);
  g_test_add ("/links/find", AttestTestFixture, NULL, attest_test_fixture_seeded, test_find,
              attest_test_fixture_teardown);
  g_test_add ("/links/colliding-ids", AttestTestFixture, NULL, attest_test_fixture_seeded, test_colliding_ids,
              attest_test_fixture_teardown);
  g_test_add ("/links/document", AttestTestFixture, NULL, attest_test_fixture_seeded, test_document,
              attest_test_fixture_teardown);
  g_test_add ("/links/document-refused", AttestTestFixture, NULL, attest_test_fixture_seeded,
              test_document_refused, attest_test_fixture_teardown);
  g_test_add ("/links/reimport-keeps-ids", AttestTestFixture, NULL, attest_test_fixture_seeded,
              test_reimport_keeps_ids, attest_test_fixture_teardown);
  g_test_add_func ("/links/migration", test_migration);
  return g_test_run ();
}
