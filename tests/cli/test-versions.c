/* test-versions.c: attest-cli versions and version set-date|clear-date|
 * make-current — the stored page versions, where their dates come from
 * (a dated title among them), and the library row menu's edits from the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-runner.h"

static char *tmp_dir;

static guint
history_rows (const char *ws)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "history"));
}

/* The versions of the workspace as `versions --format json` prints them,
 * by file name (each file is imported once here, but "demo" twice). */
static JsonObject *
version_of (JsonParser *parser,
            const char *ws,
            const char *file,
            guint       nth)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  JsonArray *versions;

  run_cli (&r, "--workspace", ws, "versions", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  versions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "versions");
  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);
      if (g_str_equal (json_object_get_string_member (v, "file"), file) && nth-- == 0)
        return v;
    }
  g_assert_not_reached ();
}

static const char *
member (JsonObject *o,
        const char *name)
{
  return json_object_get_null_member (o, name) ? NULL : json_object_get_string_member (o, name);
}

static void
test_versions (void)
{
  g_autofree char *first = g_build_filename (tmp_dir, "first", NULL);
  g_autofree char *second = g_build_filename (tmp_dir, "second", NULL);
  g_autofree char *ws = g_build_filename (tmp_dir, "versions.attest", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *plain_id = NULL;
  g_autofree char *titled_id = NULL;
  g_auto(Run) r = { 0 };
  JsonObject *v;
  guint rows;

  /* A dated title and no front matter date; ms.date and a dated title (ms.date
   * wins); no date at all, then a second undated version kept as older. */
  cli_write_page (first, "offering-titled.md",
              "---\ntitle: Titled Standard (updated 12 March 2023)\n---\n"
              "# Titled Standard\n\n## Microsoft in-scope cloud services\n\n- Intune\n");
  cli_write_page (first, "offering-both.md",
              "---\ntitle: Both Standard (updated 12 March 2023)\nms.date: 05/01/2021\n---\n"
              "# Both Standard\n\n## Microsoft in-scope cloud services\n\n- Intune\n");
  cli_write_page (first, "offering-plain.md", "# Plain Standard\n\n## Microsoft in-scope cloud services\n\n- Intune\n");
  cli_write_page (second, "offering-plain.md",
              "# Plain Standard\n\n## Microsoft in-scope cloud services\n\n- Intune\n- Power BI\n");
  run_cli (&r, "--workspace", ws, "import", first);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "import", second);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "kept as an older version"));

  v = version_of (parser, ws, "offering-titled.md", 0);
  g_assert_cmpstr (member (v, "page_date"), ==, "2023-03-12");
  g_assert_cmpstr (member (v, "date"), ==, "2023-03-12");
  g_assert_cmpstr (member (v, "date_source"), ==, "title");
  g_assert_cmpstr (member (v, "label"), ==, "English · 12 March 2023");
  g_assert_true (json_object_get_boolean_member (v, "current"));
  titled_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (v, "id"));
  v = version_of (parser, ws, "offering-both.md", 0);
  g_assert_cmpstr (member (v, "page_date"), ==, "2021-05-01");
  g_assert_cmpstr (member (v, "date_source"), ==, "ms.date");
  v = version_of (parser, ws, "offering-plain.md", 0);
  g_assert_cmpstr (member (v, "date_source"), ==, "import");
  g_assert_true (json_object_get_boolean_member (v, "current"));
  g_assert_false (json_object_get_boolean_member (v, "kept_older"));
  v = version_of (parser, ws, "offering-plain.md", 1);
  g_assert_true (json_object_get_boolean_member (v, "kept_older"));
  g_assert_false (json_object_get_boolean_member (v, "current"));
  plain_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (v, "id"));

  /* The text form: a line a version, then its label and its dates in words. */
  run_cli (&r, "--workspace", ws, "versions", "plain");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\tplain\toffering-plain.md\tEnglish\t"));
  g_assert_nonnull (strstr (r.out, "\tno date: the import time\tcurrent\n"));
  g_assert_nonnull (strstr (r.out, "\tno date: the import time\tkept as older\n"));
  g_assert_null (strstr (r.out, "titled"));
  run_cli (&r, "--workspace", ws, "versions", "titled");
  g_assert_nonnull (strstr (r.out, "\t2023-03-12\tthe page's title\tcurrent\n\tEnglish · 12 March 2023\n"));
  run_cli_in (&r, "fr", "--workspace", ws, "versions", "titled");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\tAnglais\t2023-03-12\t"));
  g_assert_nonnull (strstr (r.out, "\tactuelle\n"));

  /* Make Current: one history row, the kept version gives the coverage. */
  rows = history_rows (ws);
  run_cli (&r, "--workspace", ws, "version", "make-current", plain_id);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (history_rows (ws), ==, rows + 1);
  v = version_of (parser, ws, "offering-plain.md", 0);
  g_assert_cmpint (json_object_get_int_member (v, "id"), ==, g_ascii_strtoll (plain_id, NULL, 10));
  g_assert_true (json_object_get_boolean_member (v, "current"));
  g_assert_false (json_object_get_boolean_member (v, "kept_older"));
  /* Again: nothing to do, nothing written. */
  run_cli (&r, "--workspace", ws, "version", "make-current", plain_id);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "is not kept as an older version: nothing to do"));
  g_assert_cmpuint (history_rows (ws), ==, rows + 1);

  /* Set Date: the analyst's date ranks it, said as the library says it. */
  run_cli (&r, "--workspace", ws, "version", "set-date", titled_id, "2019-01-31");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "English · 31 January 2019: dated 31 January 2019 by the analyst, imported "));
  g_assert_cmpuint (history_rows (ws), ==, rows + 2);
  v = version_of (parser, ws, "offering-titled.md", 0);
  g_assert_cmpstr (member (v, "date_set"), ==, "2019-01-31");
  g_assert_cmpstr (member (v, "date_source"), ==, "analyst");
  g_assert_cmpstr (member (v, "page_date"), ==, "2023-03-12");

  /* Clear Date: the title's date ranks it again. */
  run_cli (&r, "--workspace", ws, "version", "clear-date", titled_id);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (history_rows (ws), ==, rows + 3);
  v = version_of (parser, ws, "offering-titled.md", 0);
  g_assert_null (member (v, "date_set"));
  g_assert_cmpstr (member (v, "date"), ==, "2023-03-12");
  g_assert_cmpstr (member (v, "date_source"), ==, "title");
  run_cli (&r, "--workspace", ws, "version", "clear-date", titled_id);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "has no date set by the analyst: nothing to do"));
  g_assert_cmpuint (history_rows (ws), ==, rows + 3);

  /* Wrong input: exit 2, the reason, nothing written. */
  run_cli (&r, "--workspace", ws, "version", "set-date", titled_id, "2019-02-30");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“2019-02-30” is not a date"));
  run_cli (&r, "--workspace", ws, "version", "set-date", "999999", "2019-01-31");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no page version 999999 in this workspace"));
  run_cli (&r, "--workspace", ws, "version", "set-date", "soc", "2019-01-31");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“soc” is not a version id"));
  run_cli (&r, "--workspace", ws, "version", "set-date", titled_id);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "version", "rename", titled_id);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "versions", "nosuch");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no framework “nosuch”"));
  g_assert_cmpuint (history_rows (ws), ==, rows + 3);

  /* A command that fails leaves no workspace behind. */
  {
    g_autofree char *none = g_build_filename (tmp_dir, "none.attest", NULL);

    run_cli (&r, "--workspace", none, "version", "set-date", "1", "2019-01-31");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }
}

/* A version's label names its language as people say it ("French (France)",
 * "Français (France)"), never its code; --format json keeps the code in
 * "locale" for whatever parses it (issue 19). */
static void
test_language_names (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "languages", NULL);
  g_autofree char *ws = g_build_filename (tmp_dir, "languages.attest", NULL);
  g_autofree char *seed = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  JsonObject *v;

  g_assert_true (g_file_get_contents (seed, &text, NULL, &error));
  g_assert_no_error (error);
  cli_write_page (dir, "offering-mars-e.fr-FR.md", text);
  run_cli (&r, "--workspace", ws, "import", dir);
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", ws, "versions", "mars-e");
  g_assert_cmpint (r.status, ==, 0);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "\toffering-mars-e.fr-FR.md\tFrench (France)\t"));
  g_assert_nonnull (strstr (r.out, "\n\tFrench (France) · "));
  g_assert_null (strstr (r.out, "fr-FR ·"));
  run_cli_in (&r, "fr", "--workspace", ws, "versions", "mars-e");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\n\tFrançais (France) · "));
  g_assert_null (strstr (r.out, "fr-FR ·"));

  v = version_of (parser, ws, "offering-mars-e.fr-FR.md", 0);
  g_assert_cmpstr (member (v, "locale"), ==, "fr-FR");
  g_assert_true (g_str_has_prefix (member (v, "label"), "French (France) · "));
}

/* history: the summary line of a row is "what: subject" as the language
 * writes it ("Page importée : …" in French). */
static void
test_history_words (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "history", NULL);
  g_autofree char *ws = g_build_filename (tmp_dir, "history.attest", NULL);
  g_auto(Run) r = { 0 };

  cli_write_page (dir, "offering-plain.md", "# Plain Standard\n\n## Microsoft in-scope cloud services\n\n- Intune\n");
  run_cli (&r, "--workspace", ws, "import", dir);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "history");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\n\tPage imported: Plain Standard\n"));
  run_cli_in (&r, "fr", "--workspace", ws, "history");
  g_assert_cmpint (r.status, ==, 0);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "\n\tPage importée\302\240: Plain Standard\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_dir = g_dir_make_tmp ("attest-versions-XXXXXX", NULL);

  g_test_add_func ("/versions/list-and-edit", test_versions);
  g_test_add_func ("/versions/history-words", test_history_words);
  g_test_add_func ("/versions/language-names", test_language_names);

  return g_test_run ();
}
