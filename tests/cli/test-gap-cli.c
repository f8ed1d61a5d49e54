/* test-gap-cli.c: attest-cli mine, required and gap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cli-runner.h"

/* The day the report is judged from: every due and expiry date below is
 * set against it. */
#define AS_OF "2025-03-01"

static void
assert_ok (Run *r)
{
  if (r->status != 0)
    g_test_message ("stderr: %s", r->err);
  g_assert_cmpint (r->status, ==, 0);
}

static void
set_item (const char *ws,
          const char *framework,
          const char *service,
          const char *item,
          const char *status,
          const char *due)
{
  g_auto(Run) r = { 0 };
  g_autofree char *scope = g_strdup_printf ("%s/%s", framework, framework);

  if (due != NULL)
    run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", framework, "--scope", scope,
             "--service", service, "--item", item, "--status", status, "--due", due);
  else
    run_cli (&r, "--workspace", ws, "checklist", "set", "--framework", framework, "--scope", scope,
             "--service", service, "--item", item, "--status", status);
  assert_ok (&r);
}

static void
attach (const char *ws,
        const char *framework,
        const char *service,
        const char *file,
        const char *expires)
{
  g_auto(Run) r = { 0 };
  g_autofree char *scope = g_strdup_printf ("%s/%s", framework, framework);

  run_cli (&r, "--workspace", ws, "evidence", "attach", "--framework", framework, "--scope", scope,
           "--service", service, "--item", "1", file, "--expires", expires);
  assert_ok (&r);
}

static guint
count_lines (const char *text,
             const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

static guint
history_rows (const char *ws)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonNode *root;

  run_cli (&r, "--workspace", ws, "history", "--format", "json");
  assert_ok (&r);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_array_get_length (json_node_get_array (root));
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "history"));
}

static void
verify (const char *ws)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "verify");
  assert_ok (&r);
}

/*
 * Alpha Standard (alpha/alpha) drops Sway in its newer page (a flagged
 * cell); Beta Standard (beta/beta) covers Intune and Sway. My services:
 * Intune, Power BI, Stream, Sway; both scopes required.
 */
static char *
build_gap_workspace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gap-cli-XXXXXX", NULL);
  g_autofree char *first = g_build_filename (dir, "first", NULL);
  g_autofree char *second = g_build_filename (dir, "second", NULL);
  g_autofree char *evidence = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *evidence2 = g_build_filename (dir, "letter.pdf", NULL);
  char *ws = g_build_filename (dir, "gap.attest", NULL);
  g_auto(Run) r = { 0 };
  guint before;

  cli_write_page (first, "offering-alpha.md",
                  "---\ntitle: Alpha Standard\nms.date: 01/01/2024\n---\n# Alpha Standard\n\n"
                  "## Microsoft in-scope cloud services\n\n- Intune\n- Power BI\n- Stream\n- Sway\n");
  cli_write_page (first, "offering-beta.md",
                  "---\ntitle: Beta Standard\nms.date: 02/01/2024\n---\n# Beta Standard\n\n"
                  "## Microsoft in-scope cloud services\n\n- Intune\n- Sway\n");
  cli_write_page (second, "offering-alpha.md",
                  "---\ntitle: Alpha Standard\nms.date: 06/01/2024\n---\n# Alpha Standard\n\n"
                  "## Microsoft in-scope cloud services\n\n- Intune\n- Power BI\n- Stream\n");
  g_assert_true (g_file_set_contents (evidence, "%PDF-1.4 not really\n", -1, NULL));
  g_assert_true (g_file_set_contents (evidence2, "%PDF-1.4 a letter\n", -1, NULL));
  run_cli (&r, "--workspace", ws, "import", first);
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "import", second);
  assert_ok (&r);

  /* Each change one history row; a change that changes nothing, none. */
  before = history_rows (ws);
  run_cli (&r, "--workspace", ws, "mine", "add", "Intune");
  assert_ok (&r);
  g_assert_cmpuint (history_rows (ws), ==, before + 1);
  run_cli (&r, "--workspace", ws, "mine", "add", "intune");
  assert_ok (&r);
  g_assert_cmpuint (history_rows (ws), ==, before + 1);
  run_cli (&r, "--workspace", ws, "mine", "add", "Power BI");
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "mine", "add", "Stream");
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "mine", "add", "sway");
  assert_ok (&r);
  g_assert_cmpuint (history_rows (ws), ==, before + 4);

  /* By scope id, and by scope name (case-folded). */
  run_cli (&r, "--workspace", ws, "required", "add", "alpha/alpha");
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "required", "add", "beta standard");
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "required", "add", "Beta Standard", "--framework", "beta");
  assert_ok (&r);
  g_assert_cmpuint (history_rows (ws), ==, before + 6);

  /* Alpha × Intune: satisfied, evidence current → ready. */
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      set_item (ws, "alpha", "Intune", n, "satisfied", NULL);
    }
  attach (ws, "alpha", "Intune", evidence, "2026-01-31");
  /* Alpha × Stream: satisfied, its evidence expiring → evidence expiring. */
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      set_item (ws, "alpha", "Stream", n, i == 5 ? "not-applicable" : "satisfied", NULL);
    }
  attach (ws, "alpha", "Stream", evidence2, "2025-03-10");
  /* Alpha × Power BI: an exception, an overdue item → open. */
  set_item (ws, "alpha", "Power BI", "1", "exception", NULL);
  set_item (ws, "alpha", "Power BI", "2", "in-progress", "2025-01-15");
  set_item (ws, "alpha", "Power BI", "3", "satisfied", NULL);
  set_item (ws, "alpha", "Power BI", "4", "not-applicable", NULL);
  set_item (ws, "alpha", "Power BI", "5", "not-started", "2025-06-30");
  verify (ws);
  return ws;
}

/* The workspace is built once (some sixty runs of attest-cli); a test that
 * changes it works on a copy of its own. */
static const char *
gap_workspace_shared (void)
{
  static char *ws = NULL;

  if (ws == NULL)
    ws = build_gap_workspace ();
  return ws;
}

static char *
gap_workspace_copy (void)
{
  const char *ws = gap_workspace_shared ();
  g_autofree char *dir = g_dir_make_tmp ("attest-gap-cli-XXXXXX", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (ws);
  g_autoptr(GError) error = NULL;
  char *copy = g_build_filename (dir, "copy.attest", NULL);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autofree char *wal = g_strconcat (ws, "-wal", NULL);

  /* Every attest-cli run has ended: the journal is folded in. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return copy;
}

static const char expected_text[] =
  "Alpha Standard: 1 of 4 of your services ready, 1 no longer certified, 1 open, 1 with evidence expiring\n"
  "Beta Standard: 0 of 4 of your services ready, 2 not certified, 2 open\n"
  "\n"
  "Alpha Standard (alpha/alpha)\n"
  "  Intune (intune): ready\n"
  "  Power BI (power-bi): open — missing: 2. Report or certificate period is current (within the last 12 months); "
  "5. Customer responsibilities (shared responsibility) reviewed and assigned; "
  "exceptions: 1. Current attestation or certificate obtained and covers the service; "
  "overdue: 2. Report or certificate period is current (within the last 12 months) (due 2025-01-15)\n"
  "  Stream (stream): evidence expiring — letter.pdf expires 2025-03-10\n"
  "  Sway (sway): no longer certified — newest page: %s; covered by Beta Standard (beta/beta)\n"
  "\n"
  "Beta Standard (beta/beta)\n"
  "  Intune (intune): open — missing: 1. Current attestation or certificate obtained and covers the service; "
  "2. Report or certificate period is current (within the last 12 months); "
  "3. Scope statement lists the service and the regions in use; "
  "4. Exceptions, nonconformities or qualifications reviewed; "
  "5. Customer responsibilities (shared responsibility) reviewed and assigned\n"
  "  Power BI (power-bi): not certified — newest page: %s; covered by Alpha Standard (alpha/alpha)\n"
  "  Stream (stream): not certified — newest page: %s; covered by Alpha Standard (alpha/alpha)\n"
  "  Sway (sway): open — missing: 1. Current attestation or certificate obtained and covers the service; "
  "2. Report or certificate period is current (within the last 12 months); "
  "3. Scope statement lists the service and the regions in use; "
  "4. Exceptions, nonconformities or qualifications reviewed; "
  "5. Customer responsibilities (shared responsibility) reviewed and assigned\n";

/* The page labels the versions command gives the current pages. */
static char *
current_label (const char *ws,
               const char *framework)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonArray *versions;

  run_cli (&r, "--workspace", ws, "versions", framework, "--format", "json");
  assert_ok (&r);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  versions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "versions");
  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);

      if (json_object_get_boolean_member (v, "current"))
        return g_strdup (json_object_get_string_member (v, "label"));
    }
  g_assert_not_reached ();
}

static void
test_gap_text (void)
{
  const char *ws = gap_workspace_shared ();
  g_autofree char *alpha = current_label (ws, "alpha");
  g_autofree char *beta = current_label (ws, "beta");
  g_autofree char *expected = g_strdup_printf (expected_text, alpha, beta, beta);
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "gap", "--as-of", AS_OF);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_cmpstr (r.err, ==, "");

  /* Text is the default; --format text the same. */
  run_cli (&r, "--workspace", ws, "gap", "--format", "text", "--as-of", AS_OF);
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, expected);

  /* A day before the item fell due and long before the file expires. */
  run_cli (&r, "--workspace", ws, "gap", "--as-of", "2024-12-01");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Alpha Standard: 2 of 4 of your services ready, 1 no longer certified, 1 open\n"));
  g_assert_null (strstr (r.out, "overdue"));

  /* In French: the summary and the states translated. */
  run_cli_in (&r, "fr", "--workspace", ws, "gap", "--as-of", AS_OF);
  assert_ok (&r);
  g_test_message ("%s", r.out);
  g_assert_null (strstr (r.out, "of your services ready"));
  g_assert_null (strstr (r.out, "not certified"));
}

static JsonObject *
row_of (JsonArray  *rows,
        const char *scope,
        const char *service)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "scope"), scope) &&
          g_str_equal (json_object_get_string_member (row, "service"), service))
        return row;
    }
  g_assert_not_reached ();
}

static char *
items_of (JsonObject *row,
          const char *member)
{
  JsonArray *items = json_object_get_array_member (row, member);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT ":%s", i > 0 ? "," : "",
                              json_object_get_int_member (item, "item"),
                              json_object_get_string_member (item, "status"));
    }
  return g_string_free (s, FALSE);
}

static void
test_gap_json (void)
{
  const char *ws = gap_workspace_shared ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  static const char * const states[][3] = {
    { "alpha/alpha", "intune", "ready" },
    { "alpha/alpha", "power-bi", "open" },
    { "alpha/alpha", "stream", "evidence-expiring" },
    { "alpha/alpha", "sway", "no-longer-certified" },
    { "beta/beta", "intune", "open" },
    { "beta/beta", "power-bi", "not-certified" },
    { "beta/beta", "stream", "not-certified" },
    { "beta/beta", "sway", "open" },
  };
  JsonObject *root, *row, *scope, *counts;
  JsonArray *rows, *scopes, *evidence;
  g_autofree char *missing = NULL;
  g_autofree char *exceptions = NULL;
  g_autofree char *overdue = NULL;

  run_cli (&r, "--workspace", ws, "gap", "--format", "json", "--as-of", AS_OF);
  assert_ok (&r);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "today"), ==, AS_OF);

  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, G_N_ELEMENTS (states));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      row = json_array_get_object_element (rows, i);
      g_assert_cmpstr (json_object_get_string_member (row, "scope"), ==, states[i][0]);
      g_assert_cmpstr (json_object_get_string_member (row, "service"), ==, states[i][1]);
      g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, states[i][2]);
    }

  row = row_of (rows, "alpha/alpha", "power-bi");
  missing = items_of (row, "missing");
  exceptions = items_of (row, "exceptions");
  overdue = items_of (row, "overdue");
  g_assert_cmpstr (missing, ==, "2:in-progress,5:not-started");
  g_assert_cmpstr (exceptions, ==, "1:exception");
  g_assert_cmpstr (overdue, ==, "2:in-progress");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (row, "overdue"), 0), "due"), ==, "2025-01-15");
  g_assert_true (json_object_get_null_member (row, "page"));

  row = row_of (rows, "alpha/alpha", "stream");
  evidence = json_object_get_array_member (row, "evidence");
  g_assert_cmpuint (json_array_get_length (evidence), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (evidence, 0), "name"), ==,
                   "letter.pdf");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (evidence, 0), "expires"), ==,
                   "2025-03-10");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (evidence, 0), "expiry"), ==,
                   "expiring");
  g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (evidence, 0), "sha256")),
                    ==, 64);

  row = row_of (rows, "alpha/alpha", "sway");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "page"), "file"), ==,
                   "offering-alpha.md");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "covered_by")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "covered_by"), 0), ==,
                   "beta/beta");
  row = row_of (rows, "beta/beta", "power-bi");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "page"), "file"), ==,
                   "offering-beta.md");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "covered_by"), 0), ==,
                   "alpha/alpha");

  scopes = json_object_get_array_member (root, "scopes");
  g_assert_cmpuint (json_array_get_length (scopes), ==, 2);
  scope = json_array_get_object_element (scopes, 1);
  g_assert_cmpstr (json_object_get_string_member (scope, "id"), ==, "beta/beta");
  g_assert_cmpstr (json_object_get_string_member (scope, "framework"), ==, "beta");
  g_assert_cmpint (json_object_get_int_member (scope, "services"), ==, 4);
  counts = json_object_get_object_member (scope, "states");
  g_assert_cmpint (json_object_get_int_member (counts, "not-certified"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "open"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "ready"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (scope, "summary"), ==,
                   "Beta Standard: 0 of 4 of your services ready, 2 not certified, 2 open");
}

static void
test_gap_csv (void)
{
  const char *ws = gap_workspace_shared ();
  g_autofree char *alpha = current_label (ws, "alpha");
  g_autofree char *beta = current_label (ws, "beta");
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *sway = NULL;
  g_autofree char *power_bi = NULL;

  run_cli (&r, "--workspace", ws, "gap", "--format", "csv", "--as-of", AS_OF);
  assert_ok (&r);
  g_assert_true (g_str_has_suffix (r.out, "\r\n"));
  lines = g_strsplit (r.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 8 + 1);
  g_assert_cmpstr (lines[0], ==, "Scope,Scope name,Service,Service name,State,Page version,Covered by,"
                                 "Missing,Exceptions,Overdue,Evidence expiring");
  g_assert_cmpstr (lines[1], ==, "alpha/alpha,Alpha Standard,intune,Intune,ready,,,,,,");
  g_assert_cmpstr (lines[2], ==, "alpha/alpha,Alpha Standard,power-bi,Power BI,open,,,"
                                 "2. Report or certificate period is current (within the last 12 months); "
                                 "5. Customer responsibilities (shared responsibility) reviewed and assigned,"
                                 "1. Current attestation or certificate obtained and covers the service,"
                                 "2. Report or certificate period is current (within the last 12 months) "
                                 "(due 2025-01-15),");
  g_assert_cmpstr (lines[3], ==, "alpha/alpha,Alpha Standard,stream,Stream,evidence-expiring,,,,,,"
                                 "letter.pdf expires 2025-03-10");
  sway = g_strdup_printf ("alpha/alpha,Alpha Standard,sway,Sway,no-longer-certified,%s,beta/beta,,,,", alpha);
  g_assert_cmpstr (lines[4], ==, sway);
  g_assert_true (g_str_has_prefix (lines[5], "beta/beta,Beta Standard,intune,Intune,open,,,\"1. "));
  power_bi = g_strdup_printf ("beta/beta,Beta Standard,power-bi,Power BI,not-certified,%s,alpha/alpha,,,,", beta);
  g_assert_cmpstr (lines[6], ==, power_bi);
  g_assert_true (g_str_has_prefix (lines[7], "beta/beta,Beta Standard,stream,Stream,not-certified,"));
  g_assert_true (g_str_has_prefix (lines[8], "beta/beta,Beta Standard,sway,Sway,open,,,\"1. "));
  g_assert_cmpstr (lines[9], ==, "");
}

static void
test_mine_required (void)
{
  g_autofree char *ws = gap_workspace_copy ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonArray *scopes;
  guint before;

  run_cli (&r, "--workspace", ws, "mine", "list");
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "intune\tIntune\npower-bi\tPower BI\nstream\tStream\nsway\tSway\n");
  run_cli (&r, "--workspace", ws, "required", "list");
  assert_ok (&r);
  g_assert_cmpstr (r.out, ==, "alpha/alpha\tAlpha Standard — Alpha Standard\n"
                              "beta/beta\tBeta Standard — Beta Standard\n");
  run_cli (&r, "--workspace", ws, "required", "list", "--format", "json");
  assert_ok (&r);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  scopes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "scopes");
  g_assert_cmpuint (json_array_get_length (scopes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (scopes, 0), "id"), ==,
                   "alpha/alpha");

  /* Removing: one history row each; the report follows. */
  before = history_rows (ws);
  run_cli (&r, "--workspace", ws, "mine", "remove", "Stream");
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "required", "remove", "Alpha Standard");
  assert_ok (&r);
  g_assert_cmpuint (history_rows (ws), ==, before + 2);
  run_cli (&r, "--workspace", ws, "required", "remove", "Alpha Standard");
  assert_ok (&r);
  g_assert_cmpuint (history_rows (ws), ==, before + 2);
  verify (ws);
  run_cli (&r, "--workspace", ws, "history");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Scope no longer required"));
  g_assert_nonnull (strstr (r.out, "Removed from My Services"));

  run_cli (&r, "--workspace", ws, "gap", "--as-of", AS_OF);
  assert_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "Beta Standard: 0 of 3 of your services ready, 1 not certified, 2 open\n"));
  g_assert_cmpuint (count_lines (r.out, "\n  "), ==, 3);
  g_assert_null (strstr (r.out, "Stream"));
  g_assert_null (strstr (r.out, "alpha/alpha)\n"));

  /* Nothing required: the report says how to start. */
  run_cli (&r, "--workspace", ws, "required", "remove", "beta/beta");
  assert_ok (&r);
  run_cli (&r, "--workspace", ws, "gap");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "required add"));
  run_cli (&r, "--workspace", ws, "gap", "--format", "csv");
  assert_ok (&r);
  g_assert_cmpuint (count_lines (r.out, "\r\n"), ==, 1);
}

static void
test_bad_input (void)
{
  const char *ws = gap_workspace_shared ();
  g_auto(Run) r = { 0 };
  guint before = history_rows (ws);

  /* Unknown names: exit 2, named; nothing recorded. */
  run_cli (&r, "--workspace", ws, "required", "add", "No Such Scope");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No Such Scope"));
  run_cli (&r, "--workspace", ws, "required", "add", "nope/nope");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "nope/nope"));
  run_cli (&r, "--workspace", ws, "required", "remove", "No Such Scope");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No Such Scope"));
  run_cli (&r, "--workspace", ws, "required", "add", "Alpha Standard", "--framework", "beta");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Alpha Standard"));
  run_cli (&r, "--workspace", ws, "mine", "add", "No Such Service");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No Such Service"));
  run_cli (&r, "--workspace", ws, "mine", "remove", "No Such Service");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No Such Service"));

  /* Usage errors. */
  run_cli (&r, "--workspace", ws, "mine", "add");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "SERVICE"));
  run_cli (&r, "--workspace", ws, "mine", "add", "Intune", "Stream");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Stream"));
  run_cli (&r, "--workspace", ws, "mine", "frob");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "frob"));
  run_cli (&r, "--workspace", ws, "required");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "add, remove, list"));
  run_cli (&r, "--workspace", ws, "gap", "--format", "xml");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "xml"));
  run_cli (&r, "--workspace", ws, "gap", "--as-of", "March 1st");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "March 1st"));
  run_cli (&r, "--workspace", ws, "gap", "extra");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "extra"));

  g_assert_cmpuint (history_rows (ws), ==, before);
  verify (ws);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/gap/text", test_gap_text);
  g_test_add_func ("/cli/gap/json", test_gap_json);
  g_test_add_func ("/cli/gap/csv", test_gap_csv);
  g_test_add_func ("/cli/gap/mine-required", test_mine_required);
  g_test_add_func ("/cli/gap/bad-input", test_bad_input);

  return g_test_run ();
}
