/* test-import.c: attest-cli import / frameworks / services / matrix / show on real pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cli-runner.h"
#include "attest-test-corpus.h"

static char *tmp_dir;

static char *
workspace (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
seeds_dir (void)
{
  return g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
}

/* scope id → sorted, comma-joined service ids */
static GHashTable *
coverage_by_scope (JsonObject *root)
{
  GHashTable *by_scope = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  JsonArray *coverage = json_object_get_array_member (root, "coverage");

  for (guint i = 0; i < json_array_get_length (coverage); i++)
    {
      JsonObject *c = json_array_get_object_element (coverage, i);
      const char *scope = json_object_get_string_member (c, "scope");
      GPtrArray *list = g_hash_table_lookup (by_scope, scope);

      if (g_strcmp0 (json_object_get_string_member (c, "status"), "no-longer-in-scope") == 0)
        continue;
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_scope, g_strdup (scope), list);
        }
      g_ptr_array_add (list, g_strdup (json_object_get_string_member (c, "service")));
    }
  return by_scope;
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static char *
joined (GHashTable *by_scope,
        const char *scope)
{
  GPtrArray *list = g_hash_table_lookup (by_scope, scope);
  GString *out = g_string_new (NULL);

  if (list == NULL)
    return g_string_free (out, FALSE);
  g_ptr_array_sort (list, compare_str);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", (char *)list->pdata[i]);
  return g_string_free (out, FALSE);
}

#define SOC_1_2 "azure,azure-devops-services,azure-germany,azure-government,dynamics-365,"           \
                "dynamics-365-us-government,intune,microsoft-defender-for-cloud-apps,microsoft-graph," \
                "microsoft-managed-desktop,office-365,office-365-us-government,"                       \
                "office-365-us-government-defense,power-apps,power-automate,power-bi,stream"

/* The matrix a person derives by reading the five seed pages. */
static void
test_seed_matrix (void)
{
  g_autofree char *ws = workspace ("seeds.attest");
  g_autofree char *seeds = seeds_dir ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) cov = NULL;
  g_auto(Run) r = { 0 };
  JsonObject *root;
  JsonArray *frameworks, *services;
  gboolean found_stream = FALSE;
  static const struct { const char *scope, *services; } expected[] = {
    { "iso-20000-1/iso-20000-1",
      "azure,azure-government,intune,microsoft-defender-for-cloud-apps,microsoft-genomics,microsoft-graph,"
      "office-365-operated-by-21vianet,power-apps,power-automate,power-bi" },
    { "iso-27001/iso-27001",
      "azure,azure-devops-services,azure-germany,azure-government,azure-health-bot,dynamics-365,"
      "dynamics-365-us-government,intune,microsoft-defender-for-cloud-apps,microsoft-defender-for-endpoint,"
      "microsoft-genomics,microsoft-graph,microsoft-managed-desktop,microsoft-professional-services,office-365,"
      "office-365-germany,office-365-us-government,office-365-us-government-defense,oms-service-map,power-apps,"
      "power-automate,power-bi,stream" },
    { "mars-e/mars-e", "azure,azure-government,intune" },
    { "soc/soc-1", SOC_1_2 },
    { "soc/soc-2", SOC_1_2 },
    { "soc/soc-3",
      "azure,azure-germany,azure-government,intune,microsoft-defender-for-cloud-apps,microsoft-graph,"
      "microsoft-managed-desktop,office-365,office-365-us-government,office-365-us-government-defense,"
      "power-apps,power-automate,power-bi,stream" },
  };

  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Imported 5, unchanged 0, skipped 0"));

  run_cli (&r, "--workspace", ws, "matrix", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = cli_parse_json (r.out, parser);

  /* Four frameworks (MARS-E fr-FR and zh-TW are one), by short name; SOC has three scopes. */
  frameworks = json_object_get_array_member (root, "frameworks");
  g_assert_cmpuint (json_array_get_length (frameworks), ==, 4);
  {
    static const char *ids[] = { "iso-20000-1", "iso-27001", "mars-e", "soc" };
    for (guint i = 0; i < 4; i++)
      {
        JsonObject *f = json_array_get_object_element (frameworks, i);
        g_assert_cmpstr (json_object_get_string_member (f, "id"), ==, ids[i]);
        g_assert_true (json_object_has_member (f, "title"));
        g_assert_true (json_object_has_member (f, "short_name"));
      }
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (frameworks, 3), "scopes")), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (frameworks, 3), "title"), ==,
                     "Service Organization Controls (SOC)");
  }

  cov = coverage_by_scope (root);
  g_assert_cmpuint (g_hash_table_size (cov), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *got = joined (cov, expected[i].scope);
      g_test_message ("%s", expected[i].scope);
      g_assert_cmpstr (got, ==, expected[i].services);
    }

  /* Translations are learned, never identities: "Flux" is Stream's French name. */
  services = json_object_get_array_member (root, "services");
  g_assert_cmpuint (json_array_get_length (services), ==, 24);
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *s = json_array_get_object_element (services, i);
      JsonArray *tr = json_object_get_array_member (s, "translations");
      g_assert_true (json_object_has_member (s, "aliases"));
      if (g_str_equal (json_object_get_string_member (s, "id"), "stream"))
        {
          found_stream = TRUE;
          g_assert_cmpuint (json_array_get_length (tr), ==, 1);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tr, 0), "lang"), ==, "fr");
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tr, 0), "name"), ==, "Flux");
        }
    }
  g_assert_true (found_stream);

  /* Re-importing the same files is idempotent. */
  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Imported 0, unchanged 5"));
}

static void
test_formats (void)
{
  g_autofree char *ws = workspace ("formats.attest");
  g_autofree char *seeds = seeds_dir ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonObject *root;

  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);

  /* CSV: RFC 4180, CRLF, header "Service,<short> — <scope>", one row per service. */
  run_cli (&r, "--workspace", ws, "matrix", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "Service,ISO/IEC 20000-1:2011 — ISO/IEC 20000-1:2011,ISO/IEC 27001:2013 — ISO/IEC 27001:2013,"
                   "MARS-E 2.0 — MARS-E 2.0,SOC — SOC 1,SOC — SOC 2,SOC — SOC 3");
  g_assert_cmpstr (lines[1], ==, "Azure,not-started,not-started,not-started,not-started,not-started,not-started");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 24 + 1);
  g_assert_cmpstr (lines[25], ==, "");

  run_cli (&r, "--workspace", ws, "frameworks", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = cli_parse_json (r.out, parser);
  g_assert_true (json_object_has_member (root, "frameworks"));
  g_assert_false (json_object_has_member (root, "services"));

  run_cli (&r, "--workspace", ws, "services", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = cli_parse_json (r.out, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "services")), ==, 24);

  run_cli (&r, "--workspace", ws, "frameworks");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "soc/soc-3\tSOC 3"));

  run_cli (&r, "--workspace", ws, "matrix", "--format", "yaml");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "yaml"));

  /* show: plain text, no Markdown or HTML syntax, either language. */
  run_cli (&r, "--workspace", ws, "show", "soc");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Sécurité de l’application cloud"));
  g_assert_null (strstr (r.out, "<span"));
  g_assert_null (strstr (r.out, "]("));
  g_assert_null (strstr (r.out, "## "));
  run_cli (&r, "--workspace", ws, "show", "soc", "--lang", "source");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Cloud App Security"));
  g_assert_null (strstr (r.out, "Sécurité de l’application cloud"));
  run_cli (&r, "--workspace", ws, "show", "mars-e", "--locale", "fr-FR", "--lang", "both");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "MARS-E"));
  run_cli (&r, "--workspace", ws, "show", "no-such-framework");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-framework"));
}

/* A localized page and the same page with every span pair replaced by its
 * source text give the same matrix. */
static void
test_localized_equals_source (void)
{
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *src_dir = g_build_filename (tmp_dir, "english", NULL);
  g_autofree char *ws_a = workspace ("localized.attest");
  g_autofree char *ws_b = workspace ("english.attest");
  g_autoptr(GRegex) pair = g_regex_new ("<span data-ttu-id=\"[^\"]*\">.*?</span><span class=\"sxs-lookup\">"
                                        "<span data-stu-id=\"[^\"]*\">(.*?)</span></span>", 0, 0, NULL);
  static const char *pages[] = { "offering-soc.fr-FR.md", "offering-iso-27001.fr-FR.md", "offering-mars-e.zh-TW.md" };
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_autoptr(JsonParser) pa = json_parser_new ();
  g_autoptr(JsonParser) pb = json_parser_new ();
  JsonObject *ra, *rb;

  g_assert_cmpint (g_mkdir_with_parents (src_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *in = g_build_filename (seeds, pages[i], NULL);
      g_autofree char *out = g_build_filename (src_dir, pages[i], NULL);
      g_autofree char *text = NULL;
      g_autofree char *english = NULL;

      g_assert_true (g_file_get_contents (in, &text, NULL, NULL));
      english = g_regex_replace (pair, text, -1, 0, "\\1", 0, NULL);
      g_assert_null (strstr (english, "data-ttu-id"));
      g_assert_true (g_file_set_contents (out, english, -1, NULL));

      run_cli (&a, "--workspace", ws_a, "import", in);
      g_assert_cmpint (a.status, ==, 0);
      run_cli (&b, "--workspace", ws_b, "import", out);
      g_assert_cmpint (b.status, ==, 0);
    }

  run_cli (&a, "--workspace", ws_a, "matrix", "--format", "csv");
  run_cli (&b, "--workspace", ws_b, "matrix", "--format", "csv");
  g_assert_cmpstr (a.out, ==, b.out);

  run_cli (&a, "--workspace", ws_a, "matrix", "--format", "json");
  run_cli (&b, "--workspace", ws_b, "matrix", "--format", "json");
  ra = cli_parse_json (a.out, pa);
  rb = cli_parse_json (b.out, pb);
  {
    g_autoptr(GHashTable) ca = coverage_by_scope (ra);
    g_autoptr(GHashTable) cb = coverage_by_scope (rb);
    GHashTableIter iter;
    gpointer scope;

    g_assert_cmpuint (g_hash_table_size (ca), ==, g_hash_table_size (cb));
    g_hash_table_iter_init (&iter, ca);
    while (g_hash_table_iter_next (&iter, &scope, NULL))
      {
        g_autofree char *ja = joined (ca, scope);
        g_autofree char *jb = joined (cb, scope);
        g_assert_cmpstr (ja, ==, jb);
      }
  }
}

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

/* Bad input: one stderr line naming each bad file and the reason; the rest
 * imported; exit status 1; nothing already saved is lost. */
static void
test_bad_input (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "bad", NULL);
  g_autofree char *ws = workspace ("bad.attest");
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *loop = g_build_filename (dir, "loop", NULL);
  g_autofree char *big = g_malloc (17 * 1024 * 1024);
  g_auto(Run) r = { 0 };
  g_auto(GStrv) err_lines = NULL;
  static const char * const bad_names[] = {
    "offering-latin1.md", "offering-binary.md", "offering-empty.md", "offering-big.md",
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "offering-latin1.md", "---\ntitle: S\xe9" "curit\xe9\n---\n# S\xe9" "curit\xe9\n", -1);
  {
    static const char binary[] = "# Title\n\0\1\2\3binary";
    write_file (dir, "offering-binary.md", binary, sizeof binary - 1);
  }
  write_file (dir, "offering-empty.md", "", 0);
  memset (big, 'a', 17 * 1024 * 1024);
  big[0] = '#';
  big[1] = ' ';
  write_file (dir, "offering-big.md", big, 17 * 1024 * 1024);
  write_file (dir, "offering-truncated.md", "---\ntitle: Truncated front matter\nms.contentlocale: fr-FR\n", -1);
  write_file (dir, "offering-half-spans.md",
              "# <span data-ttu-id=\"x-1\">Titre</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-1\">Title\n\n"
              "## Microsoft in-scope cloud services\n\n- <span data-ttu-id=\"x-2\">Flux\n- Intune</span></span>\n", -1);
  write_file (dir, "offering-good.md", "# Good page\n\n## Microsoft in-scope cloud services\n\n- Intune\n- Azure\n", -1);
  g_assert_cmpint (symlink (dir, loop), ==, 0);

  /* Something saved before must survive. */
  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", ws, "import", dir);
  g_assert_cmpint (r.status, ==, 1);
  err_lines = g_strsplit (r.err, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      guint n = 0;
      for (guint j = 0; err_lines[j] != NULL; j++)
        if (strstr (err_lines[j], bad_names[i]) != NULL && strstr (err_lines[j], "warning") == NULL)
          n++;
      g_test_message ("%s", bad_names[i]);
      g_assert_cmpuint (n, ==, 1);
    }
  g_assert_nonnull (strstr (r.err, "loop"));
  /* Truncated front matter and half spans still import. */
  g_assert_nonnull (strstr (r.out, "Imported 3,"));

  run_cli (&r, "--workspace", ws, "frameworks");
  g_assert_nonnull (strstr (r.out, "soc/soc-2"));
  g_assert_nonnull (strstr (r.out, "good"));

  run_cli (&r, "--workspace", ws, "import", "/nonexistent/offering-x.md");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/offering-x.md"));

  run_cli (&r, "--workspace", ws, "import");
  g_assert_cmpint (r.status, ==, 2);
}

/* A newer variant: the scope-change report, and the cell that left is kept, flagged. */
static void
test_scope_change_report (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "versions", NULL);
  g_autofree char *v1 = g_build_filename (dir, "v1", NULL);
  g_autofree char *v2 = g_build_filename (dir, "v2", NULL);
  g_autofree char *ws = workspace ("versions.attest");
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (v1, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (v2, 0700), ==, 0);
  write_file (v1, "offering-demo.md",
              "---\nms.date: 03/01/2020\n---\n# Demo Standard (DEMO)\n\n"
              "## Microsoft in-scope cloud services\n\n- Intune\n- Microsoft Flow\n- Stream\n", -1);
  write_file (v2, "offering-demo.md",
              "---\nms.date: 04/01/2021\n---\n# Demo Standard (DEMO)\n\n"
              "## Microsoft in-scope cloud services\n\n- Azure\n- Power Automate\n- Stream\n", -1);

  run_cli (&r, "--workspace", ws, "import", v1);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "Scope "));

  run_cli (&r, "--workspace", ws, "import", v2);
  g_assert_cmpint (r.status, ==, 0);
  /* The scope by name (the framework's short name) and by id. */
  g_assert_nonnull (strstr (r.out, "Scope DEMO (demo/demo) changed:\n"));
  g_assert_nonnull (strstr (r.out, "  + Azure\n"));
  g_assert_nonnull (strstr (r.out, "  ~ Microsoft Flow → Power Automate\n"));
  g_assert_nonnull (strstr (r.out, "  - Intune (kept, flagged no longer in scope)\n"));

  run_cli (&r, "--workspace", ws, "matrix", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\r\nIntune,no-longer-in-scope\r\n"));
  g_assert_nonnull (strstr (r.out, "\r\nPower Automate,not-started\r\n"));
}

/* The same newer variant the window reports (tests/store/test-import-summary.c):
 * MARS-E fr-FR with Intune gone and Stream (“Flux”) in. */
static void
test_scope_change_named (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "mars-e", NULL);
  g_autofree char *seed = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *ws = workspace ("mars-e.attest");
  g_autofree char *text = NULL;
  g_autofree char *newer = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  parts = g_strsplit (text, "ms.lasthandoff: 11/04/2019", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  newer = g_strjoinv ("ms.lasthandoff: 11/04/2021", parts);
  g_strfreev (parts);
  parts = g_strsplit (newer, ">Intune</span><span class=\"sxs-lookup\"><span data-stu-id=\"21eec-120\">Intune<", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (newer);
  newer = g_strjoinv (">Flux</span><span class=\"sxs-lookup\"><span data-stu-id=\"21eec-120\">Stream<", parts);
  write_file (dir, "offering-mars-e.fr-FR.md", newer, -1);

  run_cli (&r, "--workspace", ws, "import", seed);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "import", dir);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "Imported 1, unchanged 0, skipped 0 (not offering pages), failed 0\n"
                   "Scope MARS-E 2.0 (mars-e/mars-e) changed:\n"
                   "  + Stream\n"
                   "  - Intune (kept, flagged no longer in scope)\n");
}

/* Another program holds the workspace longer than the busy timeout: the
 * import stops at the first page it cannot write, naming it and saying why;
 * what was saved before stays; exit status 1. */
static void
test_busy_workspace (void)
{
  g_autofree char *ws = workspace ("busy.attest");
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *one = g_build_filename (seeds, "offering-mars-e.zh-TW.md", NULL);
  g_auto(Run) r = { 0 };
  sqlite3 *other = NULL;

  run_cli (&r, "--workspace", ws, "import", one);
  g_assert_cmpint (r.status, ==, 0);

  g_assert_cmpint (sqlite3_open_v2 (ws, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  run_cli (&r, "--workspace", ws, "import", seeds);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "offering-iso-20000-1.fr-FR.md"));
  g_assert_nonnull (strstr (r.err, "busy"));
  g_assert_true (g_str_has_prefix (r.out, "Imported 0, unchanged 0, skipped 0 (not offering pages), failed 1\n"
                                          "Stopped after 1 of 5 pages: the pages recorded before are kept\n"));

  run_cli (&r, "--workspace", ws, "frameworks");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "mars-e"));
}

static void
test_corpus (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *pages = NULL;
  g_autofree char *ws = workspace ("corpus.attest");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) cov = NULL;
  g_autofree char *gcc_high = NULL;
  g_autofree char *soc2 = NULL;
  g_autofree char *commercial = NULL;
  g_auto(Run) r = { 0 };
  JsonObject *root;

  if (corpus == NULL)
    return;
  pages = g_build_filename (corpus, "pages", NULL);

  run_cli (&r, "--workspace", ws, "import", pages);
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  /* 346 offering pages; TOC.yml, offering-home.yml and introductions are skipped. */
  g_assert_true (g_str_has_prefix (r.out, "Imported 346, unchanged 0, skipped 8"));

  run_cli (&r, "--workspace", ws, "matrix", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = cli_parse_json (r.out, parser);
  cov = coverage_by_scope (root);

  /* The 2023 split pages are scopes of one SOC framework; their applicability
   * tables give per-environment scopes. */
  soc2 = joined (cov, "soc/soc-2");
  g_assert_nonnull (strstr (soc2, "microsoft-defender-for-endpoint"));
  g_assert_nonnull (strstr (soc2, "power-automate"));
  g_assert_true (g_hash_table_contains (cov, "soc/soc-1"));
  g_assert_true (g_hash_table_contains (cov, "soc/soc-3"));
  gcc_high = joined (cov, "soc/soc-2-gcc-high");
  g_assert_nonnull (strstr (gcc_high, "microsoft-teams"));
  g_assert_nonnull (strstr (gcc_high, "azure-active-directory"));
  g_assert_null (strstr (gcc_high, "customer-lockbox"));  /* Commercial only */
  commercial = joined (cov, "soc/soc-2-commercial");
  g_assert_nonnull (strstr (commercial, "office-365-microservices"));
  g_assert_true (g_hash_table_contains (cov, "iso-27001/iso-27001"));
  g_assert_true (g_hash_table_contains (cov, "fedramp/fedramp"));
}

/* A file name that is not UTF-8, or carries a newline or an escape code: the
 * framework id is text, JSON stays valid, and no control character reaches
 * the terminal raw. */
static void
test_odd_file_names (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "odd-names", NULL);
  g_autofree char *ws = workspace ("odd-names.attest");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonObject *root;
  JsonArray *history;
  static const char page[] = "# Odd\n\n## Microsoft in-scope cloud services\n\n- Intune\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (dir, "offering-caf\xe9.md", page, -1);
  write_file (dir, "offering-two\nlines.md", "# Two lines\n\n## Microsoft in-scope cloud services\n\n- Azure\n", -1);
  write_file (dir, "offering-\x1b[31mred.md", "# Red\n\n## Microsoft in-scope cloud services\n\n- Stream\n", -1);
  /* A bad page with an odd name: its failure line is escaped too. */
  write_file (dir, "offering-bad\x1b" "name.md", "", 0);

  run_cli (&r, "--workspace", ws, "import", dir);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "Imported 3,"));
  g_assert_null (strchr (r.err, '\x1b'));
  g_assert_nonnull (strstr (r.err, "offering-bad\\x1bname.md"));

  run_cli (&r, "--workspace", ws, "frameworks");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_utf8_validate (r.out, -1, NULL));
  g_assert_null (strchr (r.out, '\x1b'));
  g_assert_nonnull (strstr (r.out, "caf\\xe9"));
  g_assert_nonnull (strstr (r.out, "two\\nlines"));
  g_assert_nonnull (strstr (r.out, "\\x1b[31mred"));

  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "(null)"));
  root = cli_parse_json (r.out, parser);
  history = json_object_get_array_member (root, "history");
  g_assert_nonnull (history);
  g_assert_cmpuint (json_array_get_length (history), >=, 3);

  run_cli (&r, "--workspace", ws, "frameworks", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  cli_parse_json (r.out, parser);
}

/* "" is not the current folder: a usage error. A folder reached twice (a link
 * to it) is imported once, without a failure; a link back up the tree is a
 * loop, named in a warning, and the import still succeeds. */
static void
test_folder_names (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "folders", NULL);
  g_autofree char *real = g_build_filename (dir, "real", NULL);
  g_autofree char *alias = g_build_filename (dir, "alias", NULL);
  g_autofree char *loop = g_build_filename (dir, "real", "up", NULL);
  g_autofree char *ws = workspace ("folders.attest");
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (real, 0700), ==, 0);
  write_file (real, "offering-folder.md", "# Folder\n\n## Microsoft in-scope cloud services\n\n- Intune\n", -1);

  run_cli (&r, "--workspace", ws, "import", "");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "empty name"));
  run_cli (&r, "--workspace", ws, "import", real, "");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "frameworks");
  g_assert_null (strstr (r.out, "folder"));

  /* The alias: once, no failure. */
  g_assert_cmpint (symlink ("real", alias), ==, 0);
  run_cli (&r, "--workspace", ws, "import", dir);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Imported 1, unchanged 0, skipped 0 (not offering pages), failed 0\n"));
  g_assert_null (strstr (r.err, "loop"));

  /* A loop: a warning naming it; the page already there is unchanged. */
  g_assert_cmpint (symlink (dir, loop), ==, 0);
  run_cli (&r, "--workspace", ws, "import", dir);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Imported 0, unchanged 1, skipped 0 (not offering pages), failed 0\n"));
  g_assert_nonnull (strstr (r.err, "warning"));
  g_assert_nonnull (strstr (r.err, "loop"));
}

/* What an include brings is what show prints: the included sentence, the
 * placeholder of a missing one, never the [!INCLUDE] line itself. */
static void
test_show_includes (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "includes", NULL);
  g_autofree char *inc = g_build_filename (dir, "includes", NULL);
  g_autofree char *ws = workspace ("includes.attest");
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (inc, 0700), ==, 0);
  write_file (dir, "offering-incl.md",
              "# Included\n\n[!INCLUDE [intro](includes/intro.md)]\n\n[!INCLUDE [gone](includes/gone.md)]\n\n"
              "## Microsoft in-scope cloud services\n\n- Intune\n", -1);
  write_file (inc, "intro.md", "Contoso spliced this sentence in.\n", -1);

  run_cli (&r, "--workspace", ws, "import", dir);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "gone.md"));

  run_cli (&r, "--workspace", ws, "show", "incl");
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Contoso spliced this sentence in."));
  g_assert_nonnull (strstr (r.out, "Missing include"));
  g_assert_null (strstr (r.out, "[!INCLUDE"));
}

/* attest-cli with an environment of its own (@env: NAME=VALUE pairs, NULL-ended). */
static int
run_cli_env (const char * const *env,
             char              **out,
             char              **err,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer)g_getenv ("ATTEST_CLI"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

/* Run from the build folder without `meson devenv` (issue 19): the data files
 * are missing. The message says how to run uninstalled, and no workspace file
 * is left behind; nor by any other command that fails on a new workspace. */
static void
test_uninstalled (void)
{
  g_autofree char *empty = g_build_filename (tmp_dir, "no-data", NULL);
  g_autofree char *ws = workspace ("uninstalled.attest");
  g_autofree char *ws2 = workspace ("failed-new.attest");
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-folder", NULL);
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *page = g_build_filename (seeds, "offering-soc.fr-FR.md", NULL);
  const char *env[] = { "ATTEST_DATADIR", empty, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(Run) r = { 0 };
  int status;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  status = run_cli_env (env, &out, &err, "--workspace", ws, "import", page, NULL);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "frameworks.tsv"));
  g_assert_nonnull (strstr (err, "meson devenv -C build"));
  g_assert_nonnull (strstr (err, "ATTEST_DATADIR"));
  g_assert_false (g_file_test (ws, G_FILE_TEST_EXISTS));

  /* An import that fails, a usage error: nothing made. */
  run_cli (&r, "--workspace", ws2, "import", missing);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_false (g_file_test (ws2, G_FILE_TEST_EXISTS));
  run_cli (&r, "--workspace", ws2, "checklist", "show", "--framework", "soc", "--scope", "SOC 9", "--service", "Intune");
  g_assert_cmpint (r.status, !=, 0);
  g_assert_false (g_file_test (ws2, G_FILE_TEST_EXISTS));
  /* A page imported beside a failure: the workspace holds it and stays. */
  run_cli (&r, "--workspace", ws2, "import", page, missing);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_file_test (ws2, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (r.out, "Imported 1,"));
}

/* The summary's counts grouped as the locale groups digits (issue 18). The
 * machine has only C: an en_US locale is compiled for the test. */
static void
test_grouped_counts (void)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *locales = g_build_filename (tmp_dir, "locales", NULL);
  g_autofree char *en_us = g_build_filename (locales, "en_US.utf8", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, "many", NULL);
  g_autofree char *ws = workspace ("many.attest");
  g_autofree char *ws_c = workspace ("many-c.attest");
  g_autofree char *seeds = seeds_dir ();
  g_autofree char *seed = g_build_filename (seeds, "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize len;
  int status = -1;
  g_autoptr(GError) error = NULL;

  if (localedef == NULL || !g_file_test ("/usr/share/i18n/locales/en_US", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("needs localedef and the en_US locale source (Debian: locales) to make a grouping locale");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (locales, 0700), ==, 0);
  {
    const char *argv[] = { localedef, "-i", "en_US", "-f", "UTF-8", en_us, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
  }

  /* One page and 1,234 files that are not pages. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (seed, &text, &len, NULL));
  write_file (dir, "offering-mars-e.fr-FR.md", text, (gssize)len);
  for (guint i = 0; i < 1234; i++)
    {
      g_autofree char *name = g_strdup_printf ("notes-%04u.txt", i);
      write_file (dir, name, "", 0);
    }

  {
    const char *env[] = { "LOCPATH", locales, "LC_ALL", "en_US.UTF-8", NULL };
    status = run_cli_env (env, &out, &err, "--workspace", ws, "import", dir, NULL);
  }
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Imported 1, unchanged 0, skipped 1,234 (not offering pages), failed 0\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* C: as machines read it. */
  {
    const char *env[] = { NULL };
    status = run_cli_env (env, &out, &err, "--workspace", ws_c, "import", dir, NULL);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Imported 1, unchanged 0, skipped 1234 (not offering pages), failed 0\n"));
}

/* Pages that include "../includes/…" beside the folder chosen (issue 19): read
 * from the documentation set's folder; without one, left out with one warning
 * line for all the pages and how to allow it; --include-root allows it. */
static void
test_include_root (void)
{
  g_autofree char *set = g_build_filename (tmp_dir, "docset", NULL);
  g_autofree char *set_pages = g_build_filename (set, "regulatory", NULL);
  g_autofree char *set_inc = g_build_filename (set, "includes", NULL);
  g_autofree char *flat = g_build_filename (tmp_dir, "flat", NULL);
  g_autofree char *flat_pages = g_build_filename (flat, "regulatory", NULL);
  g_autofree char *flat_inc = g_build_filename (flat, "shared", NULL);
  g_autofree char *ws = workspace ("docset.attest");
  g_autofree char *ws2 = workspace ("flat.attest");
  g_autofree char *ws3 = workspace ("flat-allowed.attest");
  g_autofree char *nowhere = g_build_filename (tmp_dir, "no-such-root", NULL);
  g_auto(Run) r = { 0 };
  static const char * const keys[] = { "alpha", "beta", "gamma" };

  g_assert_cmpint (g_mkdir_with_parents (set_pages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (set_inc, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (flat_pages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (flat_inc, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("offering-%s.md", keys[i]);
      g_autofree char *set_text = g_strdup_printf ("# %s\n\n[!INCLUDE [intro](../includes/intro.md)]\n\n"
                                                   "## Microsoft in-scope cloud services\n\n- Azure\n", keys[i]);
      g_autofree char *flat_text = g_strdup_printf ("# %s\n\n[!INCLUDE [intro](../shared/intro.md)]\n\n"
                                                    "## Microsoft in-scope cloud services\n\n- Azure\n", keys[i]);
      write_file (set_pages, name, set_text, -1);
      write_file (flat_pages, name, flat_text, -1);
    }
  write_file (set_inc, "intro.md", "Contoso's shared introduction.\n", -1);
  write_file (flat_inc, "intro.md", "Contoso's shared introduction.\n", -1);
  /* The flat set is a repository of its own: no documentation set is looked
   * for above it (another test's tmp_dir/includes). */
  {
    g_autofree char *git = g_build_filename (flat, ".git", NULL);
    g_assert_cmpint (g_mkdir_with_parents (git, 0700), ==, 0);
  }

  run_cli (&r, "--workspace", ws, "import", set_pages);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  run_cli (&r, "--workspace", ws, "show", "alpha");
  g_assert_nonnull (strstr (r.out, "Contoso's shared introduction."));

  /* No includes/ folder, no docfx.json: the folder chosen is the root. One
   * line for the three pages, and how to allow the folder. */
  run_cli (&r, "--workspace", ws2, "import", flat_pages);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "offering-alpha.md: include “../shared/intro.md”"));
  g_assert_nonnull (strstr (r.err, "outside the import root (and 2 other pages)\n"));
  g_assert_null (strstr (r.err, "offering-beta.md"));
  g_assert_nonnull (strstr (r.err, "--include-root DIR"));

  run_cli (&r, "--workspace", ws3, "import", "--include-root", flat, flat_pages);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  run_cli (&r, "--workspace", ws3, "show", "gamma");
  g_assert_nonnull (strstr (r.out, "Contoso's shared introduction."));

  run_cli (&r, "--workspace", ws3, "import", "--include-root", nowhere, flat_pages);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-root"));
}

/* An undated page never silently supersedes a stored version: the report
 * says it was kept as an older version and the matrix stays; --date gives
 * the imported pages their date, and a dated page supersedes as its date says. */
static void
test_undated_kept_older (void)
{
  g_autofree char *v1 = g_build_filename (tmp_dir, "undated-v1", NULL);
  g_autofree char *v2 = g_build_filename (tmp_dir, "undated-v2", NULL);
  g_autofree char *v3 = g_build_filename (tmp_dir, "undated-v3", NULL);
  g_autofree char *ws = workspace ("undated.attest");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) cov = NULL;
  g_autofree char *demo = NULL;
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (v1, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (v2, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (v3, 0700), ==, 0);
  write_file (v1, "offering-demo.md", "# Demo\n\n## Microsoft in-scope cloud services\n\n- Intune\n", -1);
  write_file (v2, "offering-demo.md", "# Demo\n\n## Microsoft in-scope cloud services\n\n- Intune\n- Stream\n", -1);
  write_file (v3, "offering-demo.md", "# Demo\n\n## Microsoft in-scope cloud services\n\n- Power BI\n", -1);

  run_cli (&r, "--workspace", ws, "import", v1);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "no date"));

  run_cli (&r, "--workspace", ws, "import", v2);
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1 page has no date and a version of it was already stored: kept as an older version"));
  g_assert_nonnull (strstr (r.out, "  offering-demo.md\n"));
  g_assert_null (strstr (r.out, "changed:"));
  run_cli (&r, "--workspace", ws, "matrix", "--format", "json");
  cov = coverage_by_scope (cli_parse_json (r.out, parser));
  demo = joined (cov, "demo/demo");
  g_assert_cmpstr (demo, ==, "intune");
  g_clear_pointer (&cov, g_hash_table_unref);
  g_clear_pointer (&demo, g_free);

  /* show says which page it prints: still the first one. */
  run_cli (&r, "--workspace", ws, "show", "demo");
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.err, "attest-cli: showing offering-demo.md (English · imported "));
  g_assert_null (strstr (r.out, "Stream"));

  /* A date that is not one: a usage error, nothing imported. */
  run_cli (&r, "--workspace", ws, "import", "--date", "2023-02-30", v3);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--date “2023-02-30” is not a date: write it YYYY-MM-DD"));
  run_cli (&r, "--workspace", ws, "import", "--date", "2030-01-01", v3);
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "no date"));
  g_assert_nonnull (strstr (r.out, "  + Power BI\n"));
  run_cli (&r, "--workspace", ws, "matrix", "--format", "json");
  cov = coverage_by_scope (cli_parse_json (r.out, parser));
  demo = joined (cov, "demo/demo");
  g_assert_cmpstr (demo, ==, "power-bi");
  run_cli (&r, "--workspace", ws, "show", "demo");
  g_assert_true (g_str_has_prefix (r.err, "attest-cli: showing offering-demo.md (English · 1 January 2030; "
                                          "dated 1 January 2030 by the analyst, imported "));
  g_assert_nonnull (strstr (r.out, "Power BI"));

  /* The history says what date the analyst gave. */
  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  g_assert_nonnull (strstr (r.out, "2030-01-01"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = g_dir_make_tmp ("attest-import-XXXXXX", NULL);

  g_test_add_func ("/import/seed-matrix", test_seed_matrix);
  g_test_add_func ("/import/formats", test_formats);
  g_test_add_func ("/import/localized-equals-source", test_localized_equals_source);
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/scope-change-report", test_scope_change_report);
  g_test_add_func ("/import/scope-change-named", test_scope_change_named);
  g_test_add_func ("/import/busy-workspace", test_busy_workspace);
  g_test_add_func ("/import/corpus", test_corpus);
  g_test_add_func ("/import/odd-file-names", test_odd_file_names);
  g_test_add_func ("/import/folder-names", test_folder_names);
  g_test_add_func ("/import/show-includes", test_show_includes);
  g_test_add_func ("/import/uninstalled", test_uninstalled);
  g_test_add_func ("/import/include-root", test_include_root);
  g_test_add_func ("/import/grouped-counts", test_grouped_counts);
  g_test_add_func ("/import/undated-kept-older", test_undated_kept_older);

  ret = g_test_run ();
  return ret;
}
