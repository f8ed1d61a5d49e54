/* test-work.c: attest-cli note, checklist, history and verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "cli-runner.h"

static char *
seeded_workspace (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-work-cli-XXXXXX", NULL);
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  char *ws = g_build_filename (dir, name, NULL);
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
  return ws;
}

static void
test_notes (void)
{
  g_autofree char *ws = seeded_workspace ("notes.attest");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonArray *notes;

  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "Ask for the **bridge letter**");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "1\n");
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--scope", "SOC 2", "--service", "Flux",
           "--item", "2", "Period ends in March");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "2\n");
  run_cli (&r, "--workspace", ws, "note", "add", "--service", "Microsoft Flow", "Renamed Power Automate");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--section", "faq", "FAQ note");
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", ws, "note", "list", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  notes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 2), "target"), ==,
                   "service:power-automate");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 3), "target"), ==,
                   "framework:soc#faq");

  run_cli (&r, "--workspace", ws, "note", "list", "--framework", "soc");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Ask for the **bridge letter**"));
  g_assert_null (strstr (r.out, "FAQ note"));

  /* Usage errors: nothing named, unknown things, no text. */
  run_cli (&r, "--workspace", ws, "note", "add", "text without target");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "nope", "x");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "nope"));
  run_cli (&r, "--workspace", ws, "note", "add", "--service", "Nothing Like It", "x");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--scope", "SOC 2", "--service",
           "Intune", "--item", "99", "x");
  g_assert_cmpint (r.status, ==, 2);
}

static guint
count_notes (const char *ws)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "note", "list", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "notes"));
}

/* A note too long for one argument (Linux takes 128 KiB at most): from a file
 * or standard input, whole; a bad file is named with the reason, nothing stored. */
static void
test_note_from_file (void)
{
  g_autofree char *ws = seeded_workspace ("note-file.attest");
  g_autofree char *dir = g_path_get_dirname (ws);
  g_autofree char *big_path = g_build_filename (dir, "big note.md", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "latin1.txt", NULL);
  g_autofree char *huge_path = g_build_filename (dir, "huge.txt", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "empty.txt", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.txt", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GBytes) input = NULL;
  g_autofree char *huge = NULL;
  g_auto(Run) r = { 0 };
  JsonArray *notes;

  while (big->len < 1000000)
    g_string_append (big, "Sécurité — the bridge letter covers the gap period. ");
  /* 1 MB, cut on a character boundary. */
  g_string_truncate (big, 1000000);
  while (!g_utf8_validate (big->str, big->len, NULL))
    g_string_truncate (big, big->len - 1);
  g_assert_true (g_file_set_contents (big_path, big->str, big->len, NULL));
  g_assert_true (g_file_set_contents (bad_path, "caf\xe9 au lait", -1, NULL));
  huge = g_malloc (1024 * 1024 + 1);
  memset (huge, 'a', 1024 * 1024 + 1);
  g_assert_true (g_file_set_contents (huge_path, huge, 1024 * 1024 + 1, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));

  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", big_path);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "1\n");

  input = g_bytes_new (big->str, big->len);
  run_cli_full (&r, input, NULL, (const char *[]) { "--workspace", ws, "note", "add", "--service", "Intune",
                                                    "--file", "-", NULL });
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "2\n");

  run_cli (&r, "--workspace", ws, "note", "list", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  notes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0), "text"), ==, big->str);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 1), "text"), ==, big->str);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 1), "target"), ==,
                   "service:intune");

  /* Bad files: exit 1, the file and the reason named, nothing stored. */
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", bad_path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "latin1.txt"));
  g_assert_nonnull (strstr (r.err, "UTF-8"));
  g_assert_nonnull (strstr (r.err, "byte 3"));
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", huge_path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "huge.txt"));
  g_assert_nonnull (strstr (r.err, "1 MiB"));
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", empty_path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "empty.txt"));
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", missing_path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "missing.txt"));
  g_assert_nonnull (strstr (r.err, "No such file"));
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", dir);
  g_assert_cmpint (r.status, ==, 1);
  g_clear_pointer (&input, g_bytes_unref);
  input = g_bytes_new_static ("\xff\xfe", 2);
  run_cli_full (&r, input, NULL, (const char *[]) { "--workspace", ws, "note", "add", "--framework", "soc",
                                                    "--file", "-", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "standard input"));
  /* TEXT and --file together, or --file without a target: usage. */
  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "soc", "--file", big_path, "more text");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "note", "add", "--file", big_path);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (count_notes (ws), ==, 2);
}

static void
test_checklist (void)
{
  g_autofree char *ws = seeded_workspace ("checklist.attest");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonObject *root;

  run_cli (&r, "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "soc/soc-2",
           "--service", "Intune");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "soc/soc-2 × intune: not-started (0/6)\n1. [not-started] Type 2 report"));

  run_cli (&r, "--workspace", ws, "--reviewer", "Dana", "checklist", "set", "--framework", "soc", "--scope",
           "SOC 2", "--service", "Intune", "--item", "1", "--status", "satisfied", "--owner", "Sam",
           "--due", "2026-12-31");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2", "--service",
           "Intune", "--item", "3", "--status", "exception");
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2", "--service",
           "Intune", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "rollup"), ==, "exception");
  g_assert_cmpint (json_object_get_int_member (root, "satisfied"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root, "items"), 0), "owner"), ==, "Sam");

  /* The matrix shows the roll-up at once. */
  run_cli (&r, "--workspace", ws, "matrix", "--format", "csv");
  g_assert_nonnull (strstr (r.out, "\r\nIntune,not-started,not-started,not-started,not-started,exception,not-started\r\n"));

  /* Bad values: usage errors, nothing changed. */
  run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2", "--service",
           "Intune", "--item", "2", "--status", "done");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "done"));
  run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2", "--service",
           "Intune", "--item", "2", "--due", "31/12/2026");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 3", "--service",
           "Dynamics 365");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "not in scope"));

  run_cli (&r, "--workspace", ws, "history");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\tDana\tupdate checklist-item soc/soc-2:intune#1\n"));
}

/* The stored titles of a cell's items, in order. */
static char *
stored_titles (const char *ws,
               const char *scope_id,
               const char *service_id)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (ws, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM checklist_item WHERE scope_id = ?1 AND service_id = ?2 "
                                           "ORDER BY position", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, scope_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, service_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (titles, "%s\n", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* A template line is the item's identity, in English whoever opened the cell
 * first; attest-cli shows it in the reader's language, and text that is not a
 * template line as it is. Counts take the form of their number. */
static void
test_checklist_translated (void)
{
  g_autofree char *ws = seeded_workspace ("translated.attest");
  g_autofree char *dir = g_path_get_dirname (ws);
  g_autofree char *report = g_build_filename (dir, "report.pdf.txt", NULL);
  g_autofree char *letter = g_build_filename (dir, "bridge letter.txt", NULL);
  g_autofree char *soc2 = NULL;
  g_autofree char *soc3 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonObject *first;
  sqlite3 *db = NULL;

  /* Made in an English session, read in French and in Chinese. */
  run_cli (&r, "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2", "--service", "Intune");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\n1. [not-started] Type 2 report obtained and covers the service\n"));
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\n1. [not-started] Rapport de type 2 obtenu, couvrant le service\n"));
  g_assert_nonnull (strstr (r.out, "\n3. [not-started] La lettre de transition (bridge letter) couvre l’intervalle\n"));
  g_assert_null (strstr (r.out, "Type 2 report"));
  run_cli_in (&r, "zh_TW", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune");
  g_assert_nonnull (strstr (r.out, "\n1. [not-started] 已取得涵蓋此服務的 Type 2 報告\n"));
  /* Its first edit stores it (showing a cell stores nothing). */
  run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2", "--service", "Intune",
           "--item", "1", "--status", "not-started");
  g_assert_cmpint (r.status, ==, 0);

  /* Made in a French session: stored in English all the same. */
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 3",
              "--service", "Stream");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\n1. [not-started] Rapport SOC 3 obtenu, mentionnant le service\n"));
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 3",
              "--service", "Stream", "--item", "1", "--status", "not-started");
  g_assert_cmpint (r.status, ==, 0);
  soc2 = stored_titles (ws, "soc/soc-2", "intune");
  soc3 = stored_titles (ws, "soc/soc-3", "stream");
  g_assert_true (g_str_has_prefix (soc2, "Type 2 report obtained and covers the service\nReport period within 12 months\n"));
  g_assert_cmpstr (soc3, ==, "SOC 3 report obtained and lists the service\nReport period within the last 12 months\n"
                             "Auditor's opinion is unqualified\nTrust services categories covered match our needs\n");
  /* JSON is for scripts: the stored title, whatever the language. */
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 3",
              "--service", "Stream", "--format", "json");
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (
                                           json_parser_get_root (parser)), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "SOC 3 report obtained and lists the service");
  run_cli (&r, "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 3", "--service", "Stream");
  g_assert_nonnull (strstr (r.out, "\n1. [not-started] SOC 3 report obtained and lists the service\n"));

  /* History keeps the English lines and shows them translated. */
  run_cli_in (&r, "fr", "--workspace", ws, "history");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\t6 éléments du modèle\n\t1. Rapport de type 2 obtenu, couvrant le service\n"));
  g_assert_nonnull (strstr (r.out, "\t4 éléments du modèle\n\t1. Rapport SOC 3 obtenu, mentionnant le service\n"));
  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  g_assert_nonnull (strstr (r.out, "\"SOC 3 report obtained and lists the service\""));
  g_assert_null (strstr (r.out, "Rapport SOC 3"));

  /* Text that is no template line (an analyst's own) is shown as it is. */
  g_assert_cmpint (sqlite3_open (ws, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE checklist_item SET title = 'Bridge letter from Contoso, March 2026' "
                                     "WHERE scope_id = 'soc/soc-2' AND service_id = 'intune' AND position = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune");
  g_assert_nonnull (strstr (r.out, "\n3. [not-started] Bridge letter from Contoso, March 2026\n"));

  /* One evidence file, then two: each count in its own form. */
  g_assert_true (g_file_set_contents (report, "SOC 2 Type 2 report", -1, NULL));
  g_assert_true (g_file_set_contents (letter, "Bridge letter", -1, NULL));
  run_cli (&r, "--workspace", ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", report);
  g_assert_cmpint (r.status, ==, 0);
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune");
  g_assert_nonnull (strstr (r.out, "\n1. [not-started] Rapport de type 2 obtenu, couvrant le service — "
                                   "1 fichier de preuve\n"));
  run_cli (&r, "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune");
  g_assert_nonnull (strstr (r.out, " — 1 evidence file\n"));
  run_cli (&r, "--workspace", ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", letter);
  g_assert_cmpint (r.status, ==, 0);
  run_cli_in (&r, "fr", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune");
  g_assert_nonnull (strstr (r.out, " — 2 fichiers de preuve\n"));
  run_cli_in (&r, "zh_TW", "--workspace", ws, "checklist", "show", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune");
  g_assert_nonnull (strstr (r.out, " — 2 個證據檔案\n"));

  /* An item past the end: "6 éléments", then the byte counts of the list. */
  run_cli_in (&r, "fr", "--workspace", ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
              "--service", "Intune", "--item", "7", report);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "a 6 éléments ; il n’y a pas d’élément 7"));
  run_cli_in (&r, "fr", "--workspace", ws, "evidence", "list");
  g_assert_nonnull (strstr (r.out, ", 19 octets"));
  g_assert_nonnull (strstr (r.out, ", 13 octets"));
}

static void
test_verify (void)
{
  g_autofree char *ws = seeded_workspace ("verify.attest");
  g_autofree char *fingerprint = NULL;
  g_auto(Run) r = { 0 };
  sqlite3 *db = NULL;

  run_cli (&r, "--workspace", ws, "note", "add", "--framework", "mars-e", "checked");
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", ws, "verify");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Fingerprint: "));
  run_cli (&r, "--workspace", ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (strlen (r.out), ==, 65);
  fingerprint = g_strdup (r.out);

  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"action\" : \"import\""));

  /* Tamper with the history behind Attest's back: verify names the row, exit 1. */
  g_assert_cmpint (sqlite3_open (ws, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE history SET reviewer = 'Mallory' WHERE id = 2", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  run_cli (&r, "--workspace", ws, "verify");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.out, "history row 2 "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/work/notes", test_notes);
  g_test_add_func ("/work/note-from-file", test_note_from_file);
  g_test_add_func ("/work/checklist", test_checklist);
  g_test_add_func ("/work/checklist-translated", test_checklist_translated);
  g_test_add_func ("/work/verify", test_verify);

  return g_test_run ();
}
