/* test-links.c: attest-cli link list / get / attach, the downloads from a
 * loopback server the test runs itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "attest-test-server.h"

typedef struct {
  char *dir;
  char *ws;
  char *tmp;           /* the CLI's TMPDIR: empty after every run */
  AttestTestServer *server;
  char *framework;     /* "linktest": a page whose links lead to the server */
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (path, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (path);
}

/* Runs attest-cli on the fixture's workspace, with its TMPDIR. */
static void
run_link (Fixture            *f,
          Run                *r,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  run_clear (r);
  g_ptr_array_add (argv, (gpointer)g_getenv ("ATTEST_CLI"));
  g_ptr_array_add (argv, "--workspace");
  g_ptr_array_add (argv, f->ws);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", f->tmp, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

#define link_cli(f, r, ...) G_STMT_START {                             \
    const char *_args[] = { __VA_ARGS__, NULL };                         \
    run_link ((f), (r), _args);                                          \
  } G_STMT_END

static void
assert_tmp_empty (Fixture *f)
{
  g_autoptr(GDir) d = g_dir_open (f->tmp, 0, NULL);

  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));
}

static void
assert_says (const char *text,
             const char *words)
{
  if (strstr (text, words) == NULL)
    g_error ("“%s” does not say “%s”", text, words);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  g_autofree char *page_path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *backgrounder = NULL;
  g_autofree char *report = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attest-cli-links-XXXXXX", NULL);
  f->ws = g_build_filename (f->dir, "w.attest", NULL);
  f->tmp = g_build_filename (f->dir, "tmp", NULL);
  g_assert_cmpint (g_mkdir (f->tmp, 0700), ==, 0);
  f->server = attest_test_server_new ();
  f->framework = g_strdup ("linktest");

  /* A page whose backgrounder is two redirects from the PDF, whose audit
   * report is a sign-in page, and whose certificate is not there. */
  backgrounder = attest_test_server_url (f->server, "/r/1");
  report = attest_test_server_url (f->server, "/sign-in.pdf");
  missing = attest_test_server_url (f->server, "/missing.pdf");
  page = g_strdup_printf ("---\ntitle: Link test offering\nms.lasthandoff: 01/02/2026\n---\n"
                          "# Link test offering\n\n"
                          "## Audits, reports, and certificates\n\n"
                          "- [SOC 2 audit report](%s)\n- [ISO certificate](%s)\n\n"
                          "## Download the offering backgrounder\n\n"
                          "[Download the backgrounder](%s)\n",
                          report, missing, backgrounder);
  page_path = g_build_filename (f->dir, "offering-linktest.md", NULL);
  g_assert_true (g_file_set_contents (page_path, page, -1, &error));
  g_assert_no_error (error);

  link_cli (f, &r, "import", seeds, page_path);
  g_assert_cmpint (r.status, ==, 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  assert_tmp_empty (f);
  attest_test_server_free (f->server);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->ws);
  g_free (f->tmp);
  g_free (f->framework);
}

/* `link list --format json` of @framework (or all): the parser holds the document. */
static JsonArray *
list_json (Fixture    *f,
           JsonParser *parser,
           const char *framework)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;

  if (framework != NULL)
    link_cli (f, &r, "link", "list", framework, "--format", "json");
  else
    link_cli (f, &r, "link", "list", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "links");
}

static JsonObject *
link_of_kind (JsonArray  *links,
              const char *kind)
{
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *l = json_array_get_object_element (links, i);

      if (g_str_equal (json_object_get_string_member (l, "kind"), kind))
        return l;
    }
  g_error ("no %s link", kind);
  return NULL;
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) mars_parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonArray *all = list_json (f, parser, NULL);
  JsonArray *mars = list_json (f, mars_parser, "mars-e");
  gboolean backgrounder = FALSE;
  JsonObject *l;

  g_assert_cmpuint (json_array_get_length (all), >, json_array_get_length (mars));
  for (guint i = 0; i < json_array_get_length (mars); i++)
    {
      static const char * const members[] = { "id", "framework", "kind", "title", "url", "section", "locale",
                                              "document" };

      l = json_array_get_object_element (mars, i);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (l, members[m]));
      g_assert_cmpstr (json_object_get_string_member (l, "framework"), ==, "mars-e");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (l, "id"), "mars-e/"));
      g_assert_cmpuint (strlen (json_object_get_string_member (l, "id")), ==, strlen ("mars-e/") + 8);
      g_assert_true (json_node_is_null (json_object_get_member (l, "document")));
      if (g_str_equal (json_object_get_string_member (l, "url"), "https://aka.ms/mars-e-backgrounder"))
        {
          g_assert_cmpstr (json_object_get_string_member (l, "kind"), ==, "backgrounder");
          backgrounder = TRUE;
        }
    }
  g_assert_true (backgrounder);

  /* The text form: id, kind and title, then the URL, then the document. */
  link_cli (f, &r, "link", "list", "mars-e");
  g_assert_cmpint (r.status, ==, 0);
  assert_says (r.out, "  backgrounder  ");
  assert_says (r.out, "\n    https://aka.ms/mars-e-backgrounder\n    no document in the workspace\n");
  g_assert_cmpstr (r.err, ==, "");

  link_cli (f, &r, "link", "list", "no-such-framework");
  g_assert_cmpint (r.status, ==, 2);
  assert_says (r.err, "no-such-framework");
  link_cli (f, &r, "link", "list", "--format", "xml");
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link", "list", "mars-e", "extra");
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link");
  g_assert_cmpint (r.status, ==, 2);
  assert_says (r.err, "link list");
  link_cli (f, &r, "link", "frobnicate");
  g_assert_cmpint (r.status, ==, 2);
}

/* A LINK downloaded through two redirects: its SHA-256 printed, the list
 * shows the document with where it ended and when; one history row;
 * verify passes. No progress into a pipe. */
static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) after_parser = json_parser_new ();
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *expected_line = g_strconcat (expected, "\n", NULL);
  g_autofree char *final = attest_test_server_url (f->server, "/doc.pdf");
  g_autofree char *id = NULL;
  g_auto(Run) r = { 0 };
  JsonObject *l, *doc;

  l = link_of_kind (list_json (f, parser, f->framework), "backgrounder");
  id = g_strdup (json_object_get_string_member (l, "id"));

  link_cli (f, &r, "link", "get", id);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected_line);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpuint (attest_test_server_hits (f->server, "/doc.pdf"), ==, 1);

  l = link_of_kind (list_json (f, after_parser, f->framework), "backgrounder");
  g_assert_cmpstr (json_object_get_string_member (l, "id"), ==, id);
  doc = json_object_get_object_member (l, "document");
  g_assert_nonnull (doc);
  g_assert_cmpstr (json_object_get_string_member (doc, "sha256"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (doc, "origin"), ==, "downloaded");
  g_assert_cmpstr (json_object_get_string_member (doc, "final_url"), ==, final);
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "doc.pdf");
  g_assert_cmpint (json_object_get_int_member (doc, "page_count"), ==, 1);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (doc, "fetched_at"), "Z"));

  link_cli (f, &r, "link", "list", f->framework);
  assert_says (r.out, "downloaded");
  assert_says (r.out, expected);

  /* It is evidence like any other, its text searchable. */
  link_cli (f, &r, "evidence", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_says (r.out, expected);
  link_cli (f, &r, "search", "Backgrounder");
  g_assert_cmpint (r.status, ==, 0);
  assert_says (r.out, "doc.pdf");

  link_cli (f, &r, "history");
  g_assert_cmpint (r.status, ==, 0);
  assert_says (r.out, "Link document downloaded");
  link_cli (f, &r, "verify");
  g_assert_cmpint (r.status, ==, 0);
}

/* A URL no page links: downloaded and remembered all the same. */
static void
test_get_url (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = attest_test_server_url (f->server, "/named");
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_auto(Run) r = { 0 };

  link_cli (f, &r, "link", "get", url);
  g_assert_cmpint (r.status, ==, 0);
  assert_says (r.out, expected);
  link_cli (f, &r, "evidence", "list");
  assert_says (r.out, "Report 2026.pdf");
}

static gint64
history_rows (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  JsonNode *root;

  link_cli (f, &r, "history", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_array_get_length (json_node_get_array (root));
  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "history"));
}

/* What fails is named with the reason, exit 1 (2 for what the user typed
 * wrong), and nothing is stored. */
static void
test_get_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *missing = attest_test_server_url (f->server, "/missing.pdf");
  g_autofree char *never = attest_test_server_url (f->server, "/never");
  g_autofree char *loop = attest_test_server_url (f->server, "/loop/a");
  g_autofree char *truncated = attest_test_server_url (f->server, "/truncated.pdf");
  g_autofree char *report_id = NULL;
  g_autofree char *certificate_id = NULL;
  gint64 rows = history_rows (f);
  g_auto(Run) r = { 0 };
  JsonArray *links = list_json (f, parser, f->framework);

  report_id = g_strdup (json_object_get_string_member (link_of_kind (links, "audit-report"), "id"));
  certificate_id = g_strdup (json_object_get_string_member (link_of_kind (links, "certificate"), "id"));

  link_cli (f, &r, "link", "get", report_id);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, report_id);
  assert_says (r.err, "the server sent a web page (text/html), not a PDF — it may need a sign-in");
  g_assert_cmpstr (r.out, ==, "");

  link_cli (f, &r, "link", "get", certificate_id);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, certificate_id);
  assert_says (r.err, "404 Not Found");

  link_cli (f, &r, "link", "get", missing);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, missing);

  link_cli (f, &r, "link", "get", loop);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, "loop");

  link_cli (f, &r, "link", "get", truncated);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, "broke off");

  link_cli (f, &r, "link", "get", never, "--timeout", "1");
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, "did not answer within 1 second");

  link_cli (f, &r, "link", "get", "file:///etc/passwd");
  g_assert_cmpint (r.status, ==, 2);
  assert_says (r.err, "only http and https");
  link_cli (f, &r, "link", "get", "mars-e/00000000");
  g_assert_cmpint (r.status, ==, 2);
  assert_says (r.err, "mars-e/00000000");
  link_cli (f, &r, "link", "get", "mars-e");
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link", "get");
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link", "get", missing, "--timeout", "-3");
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link", "get", missing, "--format", "json");
  g_assert_cmpint (r.status, ==, 2);

  link_cli (f, &r, "evidence", "list");
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpint (history_rows (f), ==, rows);
}

/* Ctrl+C while the body comes: cancelled, exit 1, the temporary file gone
 * (the teardown checks). */
static void
test_get_interrupted (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *stall = attest_test_server_url (f->server, "/stall.pdf");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", f->tmp, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ATTEST_CLI"), "--workspace", f->ws, "link", "get",
                                      stall, NULL);
  g_assert_no_error (error);
  /* Once the server has answered the request, the CLI reads the body (its
   * handler for Ctrl+C was set up before it asked). */
  while (attest_test_server_hits (f->server, "/stall.pdf") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  assert_says (err, "cancelled");
  g_assert_cmpstr (out, ==, "");
}

static char *
write_file (Fixture    *f,
            const char *name,
            const void *data,
            gsize       len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize)len, &error));
  g_assert_no_error (error);
  return path;
}

/* A local file as a link's document: a PDF is kept (and replaces a
 * downloaded one); a saved sign-in page, a missing file are refused. */
static void
test_attach (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) after_parser = json_parser_new ();
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *report = write_file (f, "soc2-report.pdf", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  static const char html[] = "<!DOCTYPE html><html><body>Sign in</body></html>";
  g_autofree char *saved = write_file (f, "report.pdf", html, sizeof html - 1);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.pdf", NULL);
  g_autofree char *id = NULL;
  g_auto(Run) r = { 0 };
  JsonObject *l, *doc;

  l = link_of_kind (list_json (f, parser, f->framework), "audit-report");
  id = g_strdup (json_object_get_string_member (l, "id"));

  link_cli (f, &r, "link", "attach", id, saved);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, id);
  assert_says (r.err, "report.pdf");
  assert_says (r.err, "web page, not a PDF");
  link_cli (f, &r, "link", "attach", id, missing);
  g_assert_cmpint (r.status, ==, 1);
  assert_says (r.err, "nowhere.pdf");
  assert_says (r.err, "no such file");
  link_cli (f, &r, "evidence", "list");
  g_assert_cmpstr (r.out, ==, "");

  link_cli (f, &r, "link", "attach", id, report);
  g_assert_cmpint (r.status, ==, 0);
  assert_says (r.out, expected);
  l = link_of_kind (list_json (f, after_parser, f->framework), "audit-report");
  doc = json_object_get_object_member (l, "document");
  g_assert_cmpstr (json_object_get_string_member (doc, "origin"), ==, "attached");
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "soc2-report.pdf");
  g_assert_true (json_node_is_null (json_object_get_member (doc, "final_url")));
  link_cli (f, &r, "history");
  assert_says (r.out, "Link document attached");

  link_cli (f, &r, "link", "attach", "mars-e/00000000", report);
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link", "attach", id);
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "link", "attach", id, report, "--timeout", "3");
  g_assert_cmpint (r.status, ==, 2);
  link_cli (f, &r, "verify");
  g_assert_cmpint (r.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add ("/cli/links/" name, Fixture, NULL, setup, func, teardown)
  ADD ("list", test_list);
  ADD ("get", test_get);
  ADD ("get-url", test_get_url);
  ADD ("get-errors", test_get_errors);
  ADD ("get-interrupted", test_get_interrupted);
  ADD ("attach", test_attach);
#undef ADD
  return g_test_run ();
}
