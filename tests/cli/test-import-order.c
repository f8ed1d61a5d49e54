/* test-import-order.c: attest-cli import of the shared corpus's 2020 and 2023
 * English folders both ways round, and show naming the page it prints
 *
 * Its own program: six folder imports take a while under the sanitizers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "attest-test-corpus.h"

static char *tmp_dir;

static char *
workspace (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* Every in-scope cell with its source line, sorted, and every service with
 * its name: what the matrix says, whatever the order things came in. */
static char *
matrix_said (const char *ws)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) r = { 0 };
  GString *out = g_string_new (NULL);
  JsonObject *root;
  JsonArray *coverage, *services;

  run_cli (&r, "--workspace", ws, "matrix", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  root = cli_parse_json (r.out, parser);
  coverage = json_object_get_array_member (root, "coverage");
  for (guint i = 0; i < json_array_get_length (coverage); i++)
    {
      JsonObject *c = json_array_get_object_element (coverage, i);

      if (g_strcmp0 (json_object_get_string_member (c, "status"), "no-longer-in-scope") == 0)
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%s %s %s", json_object_get_string_member (c, "scope"),
                                               json_object_get_string_member (c, "service"),
                                               json_object_get_string_member (c, "source_line")));
    }
  services = json_object_get_array_member (root, "services");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *sv = json_array_get_object_element (services, i);
      g_ptr_array_add (lines, g_strdup_printf ("service %s = %s", json_object_get_string_member (sv, "id"),
                                               json_object_get_string_member (sv, "name")));
    }
  g_ptr_array_sort (lines, compare_str);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *)lines->pdata[i]);
  return g_string_free (out, FALSE);
}

/* The matrix's columns, in order: the CSV header, a column a line. */
static char *
columns (const char *ws)
{
  g_auto(Run) r = { 0 };
  gsize n;

  run_cli (&r, "--workspace", ws, "matrix", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  n = strcspn (r.out, "\r\n");
  return g_strdelimit (g_strndup (r.out, n), ",", '\n');
}

/* @old dated 2020-06-30 then @new dated 2023-03-31 into @ws_a; the other
 * way round into @ws_b. Returns what the last import said. */
static char *
import_both_ways (const char *ws_a,
                  const char *ws_b,
                  const char *old,
                  const char *new)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws_a, "import", "--date", "2020-06-30", old);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws_a, "import", "--date", "2023-03-31", new);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws_b, "import", "--date", "2023-03-31", new);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws_b, "import", "--date", "2020-06-30", old);
  g_assert_cmpint (r.status, ==, 0);
  return g_steal_pointer (&r.out);
}

/* Two versions of two frameworks that list their scopes and environments in
 * different orders, imported both ways round: the same columns in the same
 * order, the one an analyst expects — the newest page's scopes in its order,
 * then an older page's; environments after their scope, Commercial, GCC,
 * GCC High, DoD. Without the corpus. */
static void
test_column_order (void)
{
  g_autofree char *old = g_build_filename (tmp_dir, "columns-2020", NULL);
  g_autofree char *new = g_build_filename (tmp_dir, "columns-2023", NULL);
  g_autofree char *ws_a = workspace ("columns-a.attest");
  g_autofree char *ws_b = workspace ("columns-b.attest");
  g_autofree char *cols_a = NULL;
  g_autofree char *cols_b = NULL;

  cli_write_page (old, "offering-demo.md",
              "# Demo Standard (DEMO)\n\n## Microsoft in-scope cloud services\n\n"
              "### Covered services for Beta and Alpha\n\n- Intune\n");
  cli_write_page (new, "offering-demo.md",
              "# Demo Standard (DEMO)\n\n## Microsoft in-scope cloud services\n\n"
              "### Covered services for Gamma and Alpha\n\n- Intune\n");
  cli_write_page (old, "offering-envdemo.md",
              "# Environment Demo (ENVDEMO)\n\n## Microsoft in-scope cloud services\n\n- Intune\n\n"
              "## Office 365 and ENVDEMO\n\n"
              "| Applicability | In-scope services |\n|:--|:--|\n"
              "| DoD | Exchange Online |\n| GCC High | Exchange Online |\n");
  cli_write_page (new, "offering-envdemo.md",
              "# Environment Demo (ENVDEMO)\n\n## Microsoft in-scope cloud services\n\n- Intune\n\n"
              "## Office 365 and ENVDEMO\n\n"
              "| Applicability | In-scope services |\n|:--|:--|\n"
              "| Commercial | Exchange Online |\n| GCC | Exchange Online |\n");

  g_free (import_both_ways (ws_a, ws_b, old, new));
  cols_a = columns (ws_a);
  cols_b = columns (ws_b);
  g_assert_cmpstr (cols_a, ==, cols_b);
  g_assert_cmpstr (cols_a, ==,
                   "Service\n"
                   "DEMO — Gamma\nDEMO — Alpha\nDEMO — Beta\n"
                   "ENVDEMO — ENVDEMO\nENVDEMO — ENVDEMO · Commercial\nENVDEMO — ENVDEMO · GCC\n"
                   "ENVDEMO — ENVDEMO · GCC High\nENVDEMO — ENVDEMO · DoD");
}

/* The shared corpus's 2020 and 2023 English folders, both ways round: once
 * their dates are set the matrix does not depend on the order; undated, the
 * one imported second is kept as older, so 2023 then 2020 keeps 2023's. */
static void
test_corpus_import_order (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *old = NULL;
  g_autofree char *new = NULL;
  g_autofree char *ws_a = workspace ("order-a.attest");
  g_autofree char *ws_b = workspace ("order-b.attest");
  g_autofree char *ws_c = workspace ("order-c.attest");
  g_autofree char *said_a = NULL;
  g_autofree char *said_b = NULL;
  g_autofree char *said_c = NULL;
  g_auto(Run) r = { 0 };

  if (corpus == NULL)
    return;
  old = g_build_filename (corpus, "pages", "en-US-2020", NULL);
  new = g_build_filename (corpus, "pages", "en-US-2023", NULL);

  said_b = import_both_ways (ws_a, ws_b, old, new);
  /* Dated older than what is stored: no scope changes, nothing flagged. */
  g_assert_null (strstr (said_b, "changed:"));
  g_clear_pointer (&said_b, g_free);

  run_cli (&r, "--workspace", ws_c, "import", new);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws_c, "import", old);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "pages have no date and a version of each was already stored: kept as older versions"));
  g_assert_nonnull (strstr (r.out, "  offering-SOC.md\n"));
  g_assert_null (strstr (r.out, "changed:"));

  said_a = matrix_said (ws_a);
  said_b = matrix_said (ws_b);
  said_c = matrix_said (ws_c);
  g_assert_cmpstr (said_a, ==, said_b);
  g_assert_cmpstr (said_a, ==, said_c);
  /* The same columns in the same order, whichever folder came first. */
  {
    g_autofree char *cols_a = columns (ws_a);
    g_autofree char *cols_b = columns (ws_b);
    g_autofree char *cols_c = columns (ws_c);

    g_assert_cmpstr (cols_a, ==, cols_b);
    g_assert_cmpstr (cols_a, ==, cols_c);
    /* SOC 2's environments after SOC 2, before SOC 3. */
    g_assert_nonnull (strstr (cols_a, "\nSOC — SOC 1\nSOC — SOC 1 · Commercial\nSOC — SOC 1 · GCC\n"
                                      "SOC — SOC 1 · GCC High\nSOC — SOC 1 · DoD\nSOC — SOC 2\n"));
    g_assert_nonnull (strstr (cols_a, "\nSOC — SOC 2 · DoD\nSOC — SOC 3\n"));
  }
  /* 2023's SOC 2 list, not 2020's: Azure Germany left it, Intune is Microsoft Intune. */
  g_assert_null (strstr (said_a, "soc/soc-2 azure-germany "));
  g_assert_nonnull (strstr (said_a, "soc/soc-2 microsoft-defender-for-endpoint "));

  /* The page show prints is named, and the other pages of the framework. */
  run_cli (&r, "--workspace", ws_a, "show", "soc", "--scope", "SOC 2");
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.err, "attest-cli: showing offering-soc-2.md (SOC 2 · English · 31 March 2023; "));
  g_assert_nonnull (strstr (r.err, "attest-cli show soc --scope \"SOC 3\""));
  g_assert_nonnull (strstr (r.out, "SOC) 2"));
  run_cli (&r, "--workspace", ws_a, "show", "soc", "--scope", "soc/soc-3");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.err, "attest-cli: showing offering-soc-3.md (SOC 3 · English"));
  run_cli (&r, "--workspace", ws_a, "show", "soc", "--scope", "SOC 9");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "framework “soc” has no scope “SOC 9”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = g_dir_make_tmp ("attest-import-order-XXXXXX", NULL);

  g_test_add_func ("/import/column-order", test_column_order);
  g_test_add_func ("/import/corpus-import-order", test_corpus_import_order);

  return g_test_run ();
}
