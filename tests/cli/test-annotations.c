/* test-annotations.c: attest-cli annotation add / list / edit / delete, evidence export --annotated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>

#include "cli-runner.h"
#include "attest-test-generate.h"

#define N_PAGES 45

typedef struct {
  char *dir;
  char *ws;
  char *pdf;
  char *sha;
  GBytes *bytes;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attest-cli-annotations-XXXXXX", NULL);
  f->ws = g_build_filename (f->dir, "w.attest", NULL);
  f->pdf = g_build_filename (f->dir, "soc2-report.pdf", NULL);
  f->bytes = attest_test_generate_pdf (N_PAGES);
  f->sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, f->bytes);
  g_assert_true (g_file_set_contents (f->pdf, g_bytes_get_data (f->bytes, NULL), g_bytes_get_size (f->bytes),
                                      &error));
  g_assert_no_error (error);
  run_cli (&r, "--workspace", f->ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", f->pdf);
  g_assert_cmpint (r.status, ==, 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->ws);
  g_free (f->pdf);
  g_free (f->sha);
  g_bytes_unref (f->bytes);
}

/* `annotation list --format json`, parsed: its "annotations" array (owned by @parser). */
static JsonArray *
list_json (Fixture    *f,
           JsonParser *parser)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  run_cli (&r, "--workspace", f->ws, "annotation", "list", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_array_member (root, "annotations");
}

static gint64
add (Fixture            *f,
     const char * const *args)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *end = NULL;
  gint64 id;

  g_ptr_array_add (argv, "--workspace");
  g_ptr_array_add (argv, f->ws);
  g_ptr_array_add (argv, "annotation");
  g_ptr_array_add (argv, "add");
  g_ptr_array_add (argv, "--evidence");
  g_ptr_array_add (argv, f->sha);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  run_cliv (&r, (const char * const *)argv->pdata);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  id = g_ascii_strtoll (r.out, &end, 10);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (end, ==, "\n");
  return id;
}

static void
assert_verified (Fixture *f)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "verify");
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_add_list_edit_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) again = json_parser_new ();
  g_autoptr(JsonParser) last = json_parser_new ();
  g_autofree char *id_text = NULL;
  JsonArray *list, *rects, *items;
  JsonObject *o;
  gint64 rect_id, quads_id, note_id;

  rect_id = add (f, (const char *[]) { "--page", "3", "--rect", "72,100,228,40", "--color", "#62A0EA",
                                       "--text", "Qualified opinion", "--framework", "soc", "--scope", "SOC 2",
                                       "--service", "Intune", "--item", "5", NULL });
  quads_id = add (f, (const char *[]) { "--page", "1", "--quads", "72,290,250,304;72,306,200,320",
                                        "--text", "Exceptions noted", NULL });
  note_id = add (f, (const char *[]) { "--page", "11", "--point", "700,100", "--text", "Landscape page", NULL });

  list = list_json (f, parser);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  /* By page. */
  o = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, quads_id);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "highlight");
  g_assert_cmpint (json_object_get_int_member (o, "page"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "color"), ==, "#f6d32d");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "rects")), ==, 2);
  o = json_array_get_object_element (list, 1);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, rect_id);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "rectangle");
  g_assert_cmpstr (json_object_get_string_member (o, "evidence"), ==, f->sha);
  g_assert_cmpint (json_object_get_int_member (o, "page"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "color"), ==, "#62A0EA");
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "Qualified opinion");
  rects = json_array_get_array_element (json_object_get_array_member (o, "rects"), 0);
  g_assert_cmpfloat (json_array_get_double_element (rects, 0), ==, 72);
  g_assert_cmpfloat (json_array_get_double_element (rects, 1), ==, 100);
  g_assert_cmpfloat (json_array_get_double_element (rects, 2), ==, 300);
  g_assert_cmpfloat (json_array_get_double_element (rects, 3), ==, 140);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "items")), ==, 1);
  o = json_array_get_object_element (list, 2);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, note_id);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "note");

  /* Text form, one file's. */
  run_cli (&r, "--workspace", f->ws, "annotation", "list", "--evidence", f->sha);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Qualified opinion"));
  g_assert_nonnull (strstr (r.out, "page 3"));

  /* Search finds the text. */
  run_cli (&r, "--workspace", f->ws, "search", "qualified", "opinion", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"annotation\""));

  /* Edited: text, colour, one more item of another cell. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, rect_id);
  run_cli (&r, "--workspace", f->ws, "annotation", "edit", id_text, "--text", "Unqualified opinion", "--color",
           "#e01b24", "--link", "--framework", "soc", "--scope", "SOC 1", "--service", "Intune", "--item", "2");
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  list = list_json (f, again);
  o = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "Unqualified opinion");
  g_assert_cmpstr (json_object_get_string_member (o, "color"), ==, "#e01b24");
  items = json_object_get_array_member (o, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);

  run_cli (&r, "--workspace", f->ws, "history");
  g_assert_nonnull (strstr (r.out, "Annotation edited"));

  run_cli (&r, "--workspace", f->ws, "annotation", "delete", id_text);
  g_assert_cmpint (r.status, ==, 0);
  list = list_json (f, last);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  run_cli (&r, "--workspace", f->ws, "annotation", "delete", id_text);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no annotation"));
  assert_verified (f);
}

/* Each refused with exit 2 and its reason; nothing stored. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *unknown = g_strnfill (64, 'a');
  g_autoptr(JsonParser) parser = json_parser_new ();
  struct {
    const char *args[8];
    const char *says;
  } cases[] = {
    { { "--page", "46", "--rect", "72,100,100,20" }, "outside the document" },
    { { "--page", "1", "--rect", "500,100,200,20" }, "outside page 1" },
    { { "--page", "1", "--rect", "72,830,100,20" }, "outside page 1" },
    { { "--page", "1", "--point", "-3,10" }, "outside" },
    { { "--page", "0", "--point", "3,10" }, "from 1" },
    { { "--page", "1", "--rect", "72,100,100,20", "--color", "yellow" }, "not a colour" },
    { { "--page", "1", "--rect", "72,100,0,20" }, "positive width" },
    { { "--page", "1", "--rect", "72,100,100", }, "X,Y,W,H" },
    { { "--page", "1", "--quads", "72,100,100,120;7" }, "--quads" },
    { { "--page", "1" }, "--rect" },
    { { "--page", "1", "--rect", "72,100,100,20", "--point", "3,3" }, "one of" },
    { { "--page", "1", "--rect", "72,100,100,20", "--framework", "soc", "--scope", "SOC 2" }, "Name the checklist item" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();

      g_ptr_array_add (argv, "--workspace");
      g_ptr_array_add (argv, f->ws);
      g_ptr_array_add (argv, "annotation");
      g_ptr_array_add (argv, "add");
      g_ptr_array_add (argv, "--evidence");
      g_ptr_array_add (argv, f->sha);
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].args) && cases[i].args[k] != NULL; k++)
        g_ptr_array_add (argv, (gpointer)cases[i].args[k]);
      g_ptr_array_add (argv, NULL);
      run_cliv (&r, (const char * const *)argv->pdata);
      g_test_message ("case %u: %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, cases[i].says));
      g_assert_cmpstr (r.out, ==, "");
    }

  {
    g_auto(Run) r = { 0 };

    run_cli (&r, "--workspace", f->ws, "annotation", "add", "--evidence", unknown, "--page", "1", "--rect",
             "72,100,100,20");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "No evidence file"));
    run_cli (&r, "--workspace", f->ws, "annotation", "add", "--evidence", "abc", "--page", "1", "--rect",
             "72,100,100,20");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "SHA-256"));
    run_cli (&r, "--workspace", f->ws, "annotation", "list", "--evidence", unknown);
    g_assert_cmpint (r.status, ==, 2);
    run_cli (&r, "--workspace", f->ws, "annotation", "edit", "1");
    g_assert_cmpint (r.status, ==, 2);
    run_cli (&r, "--workspace", f->ws, "annotation", "frobnicate");
    g_assert_cmpint (r.status, ==, 2);
  }
  g_assert_cmpuint (json_array_get_length (list_json (f, parser)), ==, 0);
  assert_verified (f);
}

/* A new PDF with the marks as PDF annotations; the stored bytes and verify unchanged. */
static void
test_export_annotated (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *annotated = g_build_filename (f->dir, "annotated.pdf", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "plain.pdf", NULL);
  g_autofree char *unknown = g_strnfill (64, 'a');
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) copy = NULL;
  g_autoptr(GBytes) copy_bytes = NULL;
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autoptr(GMappedFile) plain_file = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  GList *mapping;
  guint highlights = 0;

  add (f, (const char *[]) { "--page", "1", "--quads", "72,290,250,304", "--color", "#33d17a",
                             "--text", "Selected words", NULL });

  run_cli (&r, "--workspace", f->ws, "evidence", "export", f->sha, annotated, "--annotated");
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "evidence", "export", f->sha, plain);
  g_assert_cmpint (r.status, ==, 0);

  plain_file = g_mapped_file_new (plain, FALSE, &error);
  g_assert_no_error (error);
  plain_bytes = g_mapped_file_get_bytes (plain_file);
  g_assert_true (g_bytes_equal (plain_bytes, f->bytes));
  copy = g_mapped_file_new (annotated, FALSE, &error);
  g_assert_no_error (error);
  copy_bytes = g_mapped_file_get_bytes (copy);
  g_assert_false (g_bytes_equal (copy_bytes, f->bytes));

  doc = poppler_document_new_from_bytes (copy_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, N_PAGES);
  page = poppler_document_get_page (doc, 0);
  mapping = poppler_page_get_annot_mapping (page);
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerAnnotMapping *m = l->data;
      if (poppler_annot_get_annot_type (m->annot) == POPPLER_ANNOT_HIGHLIGHT)
        {
          g_autofree char *contents = poppler_annot_get_contents (m->annot);
          g_assert_cmpstr (contents, ==, "Selected words");
          highlights++;
        }
    }
  g_assert_cmpuint (highlights, ==, 1);
  poppler_page_free_annot_mapping (mapping);
  g_object_unref (page);
  g_object_unref (doc);

  /* Refused: a file not there; the workspace verified, its file unchanged. */
  run_cli (&r, "--workspace", f->ws, "evidence", "export", unknown, plain, "--annotated", "--force");
  g_assert_cmpint (r.status, ==, 2);
  assert_verified (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/annotation/add-list-edit-delete", Fixture, NULL, setup, test_add_list_edit_delete, teardown);
  g_test_add ("/cli/annotation/refused", Fixture, NULL, setup, test_refused, teardown);
  g_test_add ("/cli/annotation/export-annotated", Fixture, NULL, setup, test_export_annotated, teardown);
  return g_test_run ();
}
