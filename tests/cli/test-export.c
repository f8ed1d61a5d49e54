/* test-export.c: attest-cli export matrix OUT.{pdf,csv,html,json}, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli-runner.h"

/* poppler-glib 22.02 (Debian 12) has no autoptr declarations. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)

typedef struct {
  char *dir;
  char *ws;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  g_auto(Run) r = { 0 };

  f->dir = g_dir_make_tmp ("attest-export-XXXXXX", NULL);
  f->ws = g_build_filename (f->dir, "audit.attest", NULL);
  run_cli (&r, "--workspace", f->ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->ws);
  g_free (f->dir);
}

/* Every framework, scope and service name of the seeds in the PDF's text;
 * the fingerprint the one verify prints; every font embedded. */
static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "matrix.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerFontInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;
  PopplerFontsIter *iter = NULL;
  GString *all = g_string_new (NULL);
  JsonObject *root;
  JsonArray *frameworks, *services;
  guint n_fonts = 0;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "--reviewer", "Dana Reviewer", "export", "matrix", out);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  fingerprint = g_strstrip (g_strdup (r.out));
  g_assert_cmpuint (strlen (fingerprint), ==, 64);

  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      g_autofree char *squeezed = cli_squeeze (page_text);
      g_autofree char *page_of = g_strdup_printf ("Page%dof%d", i + 1, poppler_document_get_n_pages (doc));

      g_assert_nonnull (strstr (squeezed, fingerprint));
      g_assert_nonnull (strstr (squeezed, page_of));
      g_assert_nonnull (strstr (squeezed, "Reviewer:DanaReviewer"));
      g_assert_nonnull (strstr (squeezed, "audit.attest"));
      g_string_append (all, squeezed);
    }
  text = g_string_free (all, FALSE);

  root = cli_matrix_json (f->ws, parser);
  frameworks = json_object_get_array_member (root, "frameworks");
  services = json_object_get_array_member (root, "services");
  g_assert_cmpuint (json_array_get_length (frameworks), >, 0);
  g_assert_cmpuint (json_array_get_length (services), >, 0);
  for (guint i = 0; i < json_array_get_length (frameworks); i++)
    {
      JsonObject *fw = json_array_get_object_element (frameworks, i);
      JsonArray *scopes = json_object_get_array_member (fw, "scopes");
      g_autofree char *name = cli_squeeze (json_object_get_string_member (fw, "short_name"));

      g_assert_nonnull (strstr (text, name));
      for (guint s = 0; s < json_array_get_length (scopes); s++)
        {
          g_autofree char *scope = cli_squeeze (json_object_get_string_member (json_array_get_object_element (scopes, s), "name"));
          g_assert_nonnull (strstr (text, scope));
        }
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      g_autofree char *name = cli_squeeze (json_object_get_string_member (json_array_get_object_element (services, i), "name"));

      g_assert_nonnull (strstr (text, name));
    }

  info = poppler_font_info_new (doc);
  while (poppler_font_info_scan (info, poppler_document_get_n_pages (doc), &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* A minimal RFC 4180 reader: rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          continue;
        }
      if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        g_string_append_c (field, *p);
      p++;
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

/* The CSV is byte for byte `matrix --format csv` and reads back as the
 * matrix's coverage: the same (service, scope) pairs with the same roll-up. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "matrix.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) from_csv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *coverage, *frameworks, *services;
  GPtrArray *header;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "export", "matrix", out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  run_cli (&r, "--workspace", f->ws, "matrix", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (contents, ==, r.out);

  rows = parse_csv (contents);
  g_assert_cmpuint (rows->len, >, 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "Service");
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->len, ==, header->len);
      for (guint c = 1; c < row->len; c++)
        if (*(char *) g_ptr_array_index (row, c) != '\0')
          g_hash_table_insert (from_csv,
                               g_strdup_printf ("%s\x1f%s", (char *) g_ptr_array_index (row, 0),
                                                (char *) g_ptr_array_index (header, c)),
                               g_strdup (g_ptr_array_index (row, c)));
    }

  root = cli_matrix_json (f->ws, parser);
  frameworks = json_object_get_array_member (root, "frameworks");
  services = json_object_get_array_member (root, "services");
  coverage = json_object_get_array_member (root, "coverage");
  for (guint i = 0; i < json_array_get_length (frameworks); i++)
    {
      JsonObject *fw = json_array_get_object_element (frameworks, i);
      JsonArray *scopes = json_object_get_array_member (fw, "scopes");

      for (guint s = 0; s < json_array_get_length (scopes); s++)
        {
          JsonObject *scope = json_array_get_object_element (scopes, s);
          g_hash_table_insert (headers, g_strdup (json_object_get_string_member (scope, "id")),
                               g_strdup_printf ("%s — %s", json_object_get_string_member (fw, "short_name"),
                                                json_object_get_string_member (scope, "name")));
        }
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *svc = json_array_get_object_element (services, i);
      g_hash_table_insert (names, (char *) json_object_get_string_member (svc, "id"),
                           (char *) json_object_get_string_member (svc, "name"));
    }
  g_assert_cmpuint (json_array_get_length (coverage), ==, g_hash_table_size (from_csv));
  for (guint i = 0; i < json_array_get_length (coverage); i++)
    {
      JsonObject *cell = json_array_get_object_element (coverage, i);
      const char *name = g_hash_table_lookup (names, json_object_get_string_member (cell, "service"));
      const char *head = g_hash_table_lookup (headers, json_object_get_string_member (cell, "scope"));
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", name, head);

      g_assert_cmpstr (g_hash_table_lookup (from_csv, key), ==, json_object_get_string_member (cell, "status"));
    }
}

/* HTML: one file, its CSS inline, nothing fetched; JSON: the matrix's shape. */
static void
test_html_json (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *html = g_build_filename (f->dir, "matrix.html", NULL);
  g_autofree char *json = g_build_filename (f->dir, "matrix.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "export", "matrix", html);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (contents, "<style>"));
  g_assert_null (strstr (contents, "<link"));
  g_assert_null (strstr (contents, "src="));
  g_assert_nonnull (strstr (contents, "<thead>"));
  g_clear_pointer (&contents, g_free);

  run_cli (&r, "--workspace", f->ws, "matrix", "--format", "json");
  expected = g_strdup (r.out);
  run_cli (&r, "--workspace", f->ws, "export", "matrix", json);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

/* --framework keeps that framework's columns only. */
static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "soc.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *first_line = NULL;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "export", "matrix", out, "--framework", "soc");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  first_line = g_strndup (contents, strcspn (contents, "\r\n"));
  g_assert_cmpstr (first_line, ==, "Service,SOC — SOC 1,SOC — SOC 2,SOC — SOC 3");

  run_cli (&r, "--workspace", f->ws, "export", "matrix", out, "--framework", "no-such");
  g_assert_cmpint (r.status, ==, 2);

  /* --exceptions keeps the one row and column that hold an exception. */
  run_cli (&r, "--workspace", f->ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Azure", "--item", "1", "--status", "exception");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "export", "matrix", out, "--exceptions");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Service,SOC — SOC 2\r\nAzure,exception\r\n");

  /* --mine with no service of mine: the header row alone. */
  run_cli (&r, "--workspace", f->ws, "export", "matrix", out, "--mine");
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "Service,"));
  g_assert_cmpint (strstr (contents, "\r\n") - contents, ==, strlen (contents) - 2);
}

/* Usage errors: exit 2 with a message, no file under the name. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *xyz = g_build_filename (f->dir, "matrix.xyz", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "matrix.pdf", NULL);
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "export", "matrix", xyz);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "matrix.xyz"));
  g_assert_false (g_file_test (xyz, G_FILE_TEST_EXISTS));

  run_cli (&r, "--workspace", f->ws, "export", "matrix", missing);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-folder"));

  run_cli (&r, "--workspace", f->ws, "export", "matrix");
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/export/matrix/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/matrix/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/export/matrix/html-json", Fixture, NULL, fixture_set_up, test_html_json, fixture_tear_down);
  g_test_add ("/export/matrix/filter", Fixture, NULL, fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/export/matrix/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  return g_test_run ();
}
