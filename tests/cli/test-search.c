/* test-search.c: attest-cli search on the seed pages — text, JSON, usage errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-runner.h"

static char *tmp_dir;
static char *ws;

static void
import_seeds (void)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  g_auto(Run) r = { 0 };

  if (ws != NULL)
    return;
  ws = g_build_filename (tmp_dir, "search.attest", NULL);
  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_text (void)
{
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;

  import_seeds ();
  run_cli (&r, "--workspace", ws, "search", "雲端");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  /* A block: "KIND REF", then the title and the snippet indented. */
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "page mars-e#"));
  g_assert_nonnull (strstr (lines[0], "@zh-TW/"));
  /* The page version it is in, then the title and the snippet. */
  g_assert_true (g_str_has_prefix (lines[1], "  in offering-mars-e.zh-TW.md (version "));
  g_assert_true (g_str_has_prefix (lines[2], "  "));
  /* Not a terminal: the text as it is, no marker in it. */
  g_assert_nonnull (strstr (r.out, "雲端"));
  g_assert_null (strstr (r.out, "«"));
  g_assert_null (strchr (r.out, '\x02'));
  g_assert_null (strchr (r.out, '\x03'));
  g_assert_null (strchr (r.out, '\033'));
}

static void
test_words_joined (void)
{
  g_auto(Run) one = { 0 };
  g_auto(Run) two = { 0 };
  g_auto(Run) none = { 0 };

  import_seeds ();
  run_cli (&one, "--workspace", ws, "search", "securite des");
  run_cli (&two, "--workspace", ws, "search", "securite", "des", "--format", "text");
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_cmpstr (one.out, !=, "");
  g_assert_cmpstr (one.out, ==, two.out);

  /* AND: a word no page holds leaves nothing. */
  run_cli (&none, "--workspace", ws, "search", "securite", "zzyzxqq");
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==, "");
}

static void
test_json (void)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *results;
  gboolean fr = FALSE;

  import_seeds ();
  /* An English word of the source text finds the French pages. */
  run_cli (&r, "--workspace", ws, "search", "trustworthiness", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  g_assert_cmpuint (json_array_get_length (results), >, 0);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *o = json_array_get_object_element (results, i);

      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "page");
      {
        const char *snippet = json_object_get_string_member (o, "snippet");
        JsonArray *matches = json_object_get_array_member (o, "matches");
        g_autofree char *word = NULL;
        gint64 start, end;

        g_assert_nonnull (matches);
        g_assert_cmpuint (json_array_get_length (matches), >, 0);
        start = json_array_get_int_element (json_array_get_array_element (matches, 0), 0);
        end = json_array_get_int_element (json_array_get_array_element (matches, 0), 1);
        g_assert_cmpint (start, <, end);
        g_assert_cmpint (end, <=, g_utf8_strlen (snippet, -1));
        word = g_utf8_substring (snippet, start, end);
        g_assert_cmpstr (word, ==, "trustworthiness");
        g_assert_null (strchr (snippet, '\x02'));
      }
      g_assert_true (json_object_has_member (o, "title"));
      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "rank")));
      if (strstr (json_object_get_string_member (o, "ref"), "@fr-FR/") != NULL)
        {
          fr = TRUE;
          g_assert_cmpint (json_object_get_int_member (o, "version"), >, 0);
          g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "file"), ".fr-FR.md"));
        }
    }
  g_assert_true (fr);
}

/* French quotes in the text are the text's: shown as they are, the match
 * found by its offsets. */
static void
test_french_quotes (void)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results;
  JsonObject *o = NULL;
  JsonArray *m;
  g_autofree char *word = NULL;
  const char *snippet;

  import_seeds ();
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "Demander la « lettre passerelle » à l’auditeur");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "search", "passerelle", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (results, i), "kind"), "note"))
      o = json_array_get_object_element (results, i);
  g_assert_nonnull (o);
  snippet = json_object_get_string_member (o, "snippet");
  g_assert_cmpstr (snippet, ==, "Demander la « lettre passerelle » à l’auditeur");
  m = json_object_get_array_member (o, "matches");
  g_assert_cmpuint (json_array_get_length (m), ==, 1);
  word = g_utf8_substring (snippet, json_array_get_int_element (json_array_get_array_element (m, 0), 0),
                           json_array_get_int_element (json_array_get_array_element (m, 0), 1));
  g_assert_cmpstr (word, ==, "passerelle");

  run_cli (&r, "--workspace", ws, "search", "passerelle");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "  Demander la « lettre passerelle » à l’auditeur\n"));
}

static void
test_json_empty (void)
{
  g_auto(Run) r = { 0 };

  import_seeds ();
  run_cli (&r, "--workspace", ws, "search", "NEAR(", "\"", "body:", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "{\"results\":[]}\n");
}

static void
test_usage (void)
{
  g_auto(Run) r = { 0 };

  import_seeds ();
  run_cli (&r, "--workspace", ws, "search");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "at least one word"));

  run_cli (&r, "--workspace", ws, "search", "  ", "");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");

  run_cli (&r, "--workspace", ws, "search", "cloud", "--format", "xml");
  g_assert_cmpint (r.status, ==, 2);

  /* After "--", a word may start with "-". */
  run_cli (&r, "--workspace", ws, "search", "--", "-cloud");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, !=, "");
}

/* The 2023 split pages (one per scope, all framework "soc"): a hit on SOC 2
 * text says it is in the SOC 2 page, and so does its JSON. */
static void
test_split_pages (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "split", NULL);
  g_autofree char *split = g_build_filename (tmp_dir, "split.attest", NULL);
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results;
  guint pages = 0;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("offering-soc-%u.md", i);
      static const char *words[] = { NULL, "sarbanesword", "fairnessword", "publiclyword" };
      g_autofree char *text = g_strdup_printf ("---\nms.date: 03/0%u/2023\n---\n# SOC %u\n\n"
                                               "## SOC %u overview\n\nThe SOC %u report, %s.\n\n"
                                               "## Microsoft in-scope cloud platforms & services\n\n- Intune\n",
                                               i, i, i, i, words[i]);
      cli_write_page (dir, name, text);
    }
  run_cli (&r, "--workspace", split, "import", dir);
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", split, "search", "fairnessword");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "page soc#soc-2-overview@/"));
  g_assert_nonnull (strstr (r.out, "\n  in offering-soc-2.md (version "));
  g_assert_null (strstr (r.out, "offering-soc-3.md"));

  run_cli (&r, "--workspace", split, "search", "intune", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *o = json_array_get_object_element (results, i);
      const char *ref = json_object_get_string_member (o, "ref");
      g_autofree char *suffix = g_strdup_printf ("/%" G_GINT64_FORMAT, json_object_get_int_member (o, "version"));

      if (!g_str_equal (json_object_get_string_member (o, "kind"), "page"))
        continue;
      /* Each page's hit names its own page and version. */
      g_assert_true (g_str_has_suffix (ref, suffix));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "file"), "offering-soc-"));
      pages |= 1u << (json_object_get_string_member (o, "file")[13] - '0');
    }
  g_assert_cmphex (pages, ==, (1u << 1) | (1u << 2) | (1u << 3));
}

/* A checklist item's title as the reader reads it is searched too: the
 * French catalog's title finds the item. */
static void
test_translated_item (void)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results;
  gboolean item = FALSE;

  import_seeds ();
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "soc/soc-1",
              "--service", "Intune", "--item", "3", "--owner", "Camille");
  g_assert_cmpint (r.status, ==, 0);
  run_cli_in (&r, "fr", "--workspace", ws, "search", "Camille", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  {
    JsonObject *o = json_array_get_object_element (results, 0);
    g_autoptr(JsonParser) again = json_parser_new ();
    JsonArray *found;

    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "item");
    /* Item 3, "Bridge letter covers the gap to today": its French title ("lettre de
     * transition") is in the row too. */
    run_cli_in (&r, "fr", "--workspace", ws, "search", "Camille", "transition", "--format", "json");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (again, r.out, -1, NULL));
    found = json_object_get_array_member (json_node_get_object (json_parser_get_root (again)), "results");
    for (guint i = 0; i < json_array_get_length (found); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (found, i), "kind"), "item"))
        item = TRUE;
  }
  g_assert_true (item);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = g_dir_make_tmp ("attest-search-XXXXXX", NULL);

  g_test_add_func ("/search/text", test_text);
  g_test_add_func ("/search/words-joined", test_words_joined);
  g_test_add_func ("/search/json", test_json);
  g_test_add_func ("/search/french-quotes", test_french_quotes);
  g_test_add_func ("/search/json-empty", test_json_empty);
  g_test_add_func ("/search/usage", test_usage);
  g_test_add_func ("/search/split-pages", test_split_pages);
  g_test_add_func ("/search/translated-item", test_translated_item);

  ret = g_test_run ();
  g_free (ws);
  return ret;
}
