/* test-export.c: attest-cli export matrix OUT.{pdf,csv,html,json,xlsx}, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>
#include <sys/stat.h>

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

/* XLSX, read back without a spreadsheet program: the zip's parts through
 * libarchive, their XML through GMarkup. */

/* Every file of the zip at @path: name → contents. */
static GHashTable *
read_zip (const char *path)
{
  GHashTable *parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 16384), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      GString *data = g_string_new (NULL);
      char buffer[8192];
      la_ssize_t n;

      while ((n = archive_read_data (a, buffer, sizeof buffer)) > 0)
        g_string_append_len (data, buffer, n);
      g_assert_cmpint (n, ==, 0);
      g_hash_table_insert (parts, g_strdup (archive_entry_pathname (entry)), g_string_free (data, FALSE));
    }
  g_assert_cmpint (archive_read_free (a), ==, ARCHIVE_OK);
  return parts;
}

typedef struct {
  GPtrArray *strings;     /* sharedStrings.xml: the <si>s' texts */
  GString *text;          /* the <t>s of the <si> or the <v> being read */
  gboolean in_text;
  /* A sheet */
  GPtrArray *shared;      /* the book's strings, to resolve t="s" */
  GHashTable *cells;      /* "B3" → its value as text */
  GHashTable *styles;     /* "B3" → its style (s="N"), the index of an <xf> of <cellXfs> */
  char *ref;
  char *type;
  /* styles.xml */
  GArray *fills;          /* guint32: each <fill>'s fgColor, 0xRRGGBB (0xFFFFFFFF: none) */
  GArray *xf_fills;       /* guint: each <cellXfs> <xf>'s fillId */
  gboolean in_fills, in_cell_xfs;
  char *pane;             /* "xSplit,ySplit" of a frozen pane */
  GPtrArray *sheet_names; /* workbook.xml */
} Xml;

static void
xml_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              data,
           GError              **error)
{
  Xml *x = data;

  if (g_str_equal (element, "si"))
    g_string_truncate (x->text, 0);
  else if (g_str_equal (element, "t") || g_str_equal (element, "v"))
    x->in_text = TRUE;
  else if (g_str_equal (element, "c"))
    {
      g_clear_pointer (&x->ref, g_free);
      g_clear_pointer (&x->type, g_free);
      g_string_truncate (x->text, 0);
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "r"))
          x->ref = g_strdup (values[i]);
        else if (g_str_equal (names[i], "t"))
          x->type = g_strdup (values[i]);
        else if (g_str_equal (names[i], "s") && x->styles != NULL)
          g_hash_table_insert (x->styles, g_strdup (x->ref), g_strdup (values[i]));
    }
  else if (g_str_equal (element, "fills") || g_str_equal (element, "cellXfs"))
    *(g_str_equal (element, "fills") ? &x->in_fills : &x->in_cell_xfs) = TRUE;
  else if (g_str_equal (element, "fill") && x->in_fills)
    {
      guint32 none = 0xFFFFFFFF;
      g_array_append_val (x->fills, none);
    }
  else if (g_str_equal (element, "fgColor") && x->in_fills)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "rgb"))
          g_array_index (x->fills, guint32, x->fills->len - 1) = g_ascii_strtoull (values[i], NULL, 16) & 0xFFFFFF;
    }
  else if (g_str_equal (element, "xf") && x->in_cell_xfs)
    {
      guint fill = 0;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "fillId"))
          fill = g_ascii_strtoull (values[i], NULL, 10);
      g_array_append_val (x->xf_fills, fill);
    }
  else if (g_str_equal (element, "pane"))
    {
      const char *xs = "0", *ys = "0", *state = NULL;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "xSplit"))
          xs = values[i];
        else if (g_str_equal (names[i], "ySplit"))
          ys = values[i];
        else if (g_str_equal (names[i], "state"))
          state = values[i];
      if (g_strcmp0 (state, "frozen") == 0)
        x->pane = g_strdup_printf ("%s,%s", xs, ys);
    }
  else if (g_str_equal (element, "sheet") && x->sheet_names != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          g_ptr_array_add (x->sheet_names, g_strdup (values[i]));
    }
}

static void
xml_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              data,
         GError              **error)
{
  Xml *x = data;

  if (g_str_equal (element, "t") || g_str_equal (element, "v"))
    x->in_text = FALSE;
  else if (g_str_equal (element, "fills") || g_str_equal (element, "cellXfs"))
    *(g_str_equal (element, "fills") ? &x->in_fills : &x->in_cell_xfs) = FALSE;
  else if (g_str_equal (element, "si") && x->strings != NULL)
    g_ptr_array_add (x->strings, g_strdup (x->text->str));
  else if (g_str_equal (element, "c") && x->cells != NULL && x->text->len > 0)
    {
      char *value = g_strdup (x->text->str);

      if (g_strcmp0 (x->type, "s") == 0)
        {
          guint64 index = g_ascii_strtoull (value, NULL, 10);

          g_assert_cmpuint (index, <, x->shared->len);
          g_free (value);
          value = g_strdup (x->shared->pdata[index]);
        }
      g_hash_table_insert (x->cells, g_strdup (x->ref), value);
    }
}

static void
xml_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              data,
          GError              **error)
{
  Xml *x = data;

  if (x->in_text)
    g_string_append_len (x->text, text, len);
}

static void
parse_xml (const char *text,
           Xml        *x)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  x->text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, x, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_string_free (x->text, TRUE);
  g_free (x->ref);
  g_free (x->type);
}

typedef struct {
  GHashTable *cells;      /* "B3" → text */
  GHashTable *fills;      /* "B3" → its fill, 0xRRGGBB, or none */
  char *pane;             /* "xSplit,ySplit", or NULL when none is frozen */
} Sheet;

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->cells, g_hash_table_unref);
  g_clear_pointer (&sheet->fills, g_hash_table_unref);
  g_clear_pointer (&sheet->pane, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sheet, sheet_clear)

#define BOOK_SHEETS 3

typedef struct {
  GPtrArray *names;       /* the sheets' names, in order */
  Sheet sheets[BOOK_SHEETS]; /* Matrix, Evidence, Gap Report */
} Book;

static void
book_clear (Book *book)
{
  g_clear_pointer (&book->names, g_ptr_array_unref);
  for (guint i = 0; i < BOOK_SHEETS; i++)
    sheet_clear (&book->sheets[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Book, book_clear)

static void
read_book (const char *path,
           Book       *book)
{
  g_autoptr(GHashTable) parts = read_zip (path);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) fills = NULL;
  g_autoptr(GArray) xf_fills = NULL;
  Xml x = { 0 };

  x.sheet_names = book->names = g_ptr_array_new_with_free_func (g_free);
  parse_xml (g_hash_table_lookup (parts, "xl/workbook.xml"), &x);
  x = (Xml) { .strings = strings };
  parse_xml (g_hash_table_lookup (parts, "xl/sharedStrings.xml"), &x);
  x = (Xml) { .fills = g_array_new (FALSE, FALSE, sizeof (guint32)), .xf_fills = g_array_new (FALSE, FALSE, sizeof (guint)) };
  parse_xml (g_hash_table_lookup (parts, "xl/styles.xml"), &x);
  fills = x.fills;
  xf_fills = x.xf_fills;
  g_assert_cmpuint (book->names->len, ==, BOOK_SHEETS);
  for (guint i = 0; i < BOOK_SHEETS; i++)
    {
      g_autofree char *name = g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1);
      g_autoptr(GHashTable) styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GHashTableIter iter;
      gpointer ref, style;

      x = (Xml) { .shared = strings, .cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                  .styles = styles };
      parse_xml (g_hash_table_lookup (parts, name), &x);
      book->sheets[i].cells = x.cells;
      book->sheets[i].pane = x.pane;
      book->sheets[i].fills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, styles);
      while (g_hash_table_iter_next (&iter, &ref, &style))
        {
          guint64 xf = g_ascii_strtoull (style, NULL, 10);
          guint fill;

          g_assert_cmpuint (xf, <, xf_fills->len);
          fill = g_array_index (xf_fills, guint, xf);
          g_assert_cmpuint (fill, <, fills->len);
          g_hash_table_insert (book->sheets[i].fills, g_strdup (ref),
                               GUINT_TO_POINTER (g_array_index (fills, guint32, fill)));
        }
    }
}

static const char *
cell_at (Sheet *sheet,
         guint  col,
         guint  row)
{
  char ref[16];

  g_assert_cmpuint (col, <, 26);
  g_snprintf (ref, sizeof ref, "%c%u", 'A' + col, row + 1);
  return g_hash_table_lookup (sheet->cells, ref);
}

/* Each string value of @sheet, as a set. */
static GHashTable *
sheet_strings (Sheet *sheet)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sheet->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_add (set, value);
  return set;
}

/* The matrix sheet as the CSV lays it out: the header row "Service,FW — Scope,…"
 * (a merged framework cell is read as its first column's text) and each
 * service row, up to the first row with no service. */
static GPtrArray *
matrix_sheet_rows (Sheet *sheet)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *header = g_ptr_array_new_with_free_func (g_free);
  const char *framework = NULL;
  guint n_cols = 1;

  g_ptr_array_add (header, g_strdup (cell_at (sheet, 0, 0)));
  for (guint c = 1; cell_at (sheet, c, 1) != NULL; c++, n_cols++)
    {
      if (cell_at (sheet, c, 0) != NULL)
        framework = cell_at (sheet, c, 0);
      g_assert_nonnull (framework);
      g_ptr_array_add (header, g_strdup_printf ("%s — %s", framework, cell_at (sheet, c, 1)));
    }
  g_ptr_array_add (rows, header);
  for (guint r = 2; cell_at (sheet, 0, r) != NULL; r++)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < n_cols; c++)
        g_ptr_array_add (row, g_strdup (cell_at (sheet, c, r) != NULL ? cell_at (sheet, c, r) : ""));
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static void
assert_rows_equal (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GPtrArray *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpuint (x->len, ==, y->len);
      for (guint j = 0; j < x->len; j++)
        g_assert_cmpstr (x->pdata[j], ==, y->pdata[j]);
    }
}

/* The days from Excel's epoch (1899-12-30) to @year-@month-@day. */
static char *
excel_date (guint year,
            guint month,
            guint day)
{
  g_autoptr(GDate) epoch = g_date_new_dmy (30, 12, 1899);
  g_autoptr(GDate) date = g_date_new_dmy (day, month, year);

  return g_strdup_printf ("%d", g_date_days_between (epoch, date));
}

/* Sheet 1 holds the matrix, its header and service column frozen, the same
 * roll-up words as `matrix --format csv` cell by cell; sheet 2 the evidence
 * file attached, with its SHA-256 and dates. */
static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "matrix.xlsx", NULL);
  g_autofree char *soc = g_build_filename (f->dir, "soc.xlsx", NULL);
  g_autofree char *report = g_build_filename (f->dir, "soc2 report.pdf", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *effective = excel_date (2024, 1, 2);
  g_autofree char *expires = excel_date (2025, 3, 31);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) csv = NULL;
  g_autoptr(GPtrArray) from_sheet = NULL;
  g_autoptr(GHashTable) strings = NULL;
  g_auto(Book) book = { 0 };
  g_auto(Book) soc_book = { 0 };
  JsonObject *root;
  JsonArray *frameworks, *services;
  gboolean found = FALSE;
  guint words = 0;
  g_auto(Run) r = { 0 };

  /* Roll-ups other than not-started, and a file on a checklist item. */
  run_cli (&r, "--workspace", f->ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Azure", "--item", "1", "--status", "exception");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 1",
           "--service", "Intune", "--item", "2", "--status", "in-progress");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_set_contents (report, "%PDF-1.4 not really\n", -1, NULL));
  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", report, "--effective", "2024-01-02", "--expires", "2025-03-31");
  g_assert_cmpint (r.status, ==, 0);
  sha256 = g_strstrip (g_strdup (r.out));
  g_assert_cmpuint (strlen (sha256), ==, 64);

  run_cli (&r, "--workspace", f->ws, "export", "matrix", out);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  read_book (out, &book);
  g_assert_cmpuint (book.names->len, ==, 3);
  g_assert_cmpstr (book.names->pdata[0], ==, "Matrix");
  g_assert_cmpstr (book.names->pdata[1], ==, "Evidence");
  g_assert_cmpstr (book.names->pdata[2], ==, "Gap Report");
  /* No scope required: the gap report's sheet says so, in the window's words. */
  g_assert_cmpstr (cell_at (&book.sheets[2], 0, 0), ==, "No Required Scopes");
  g_assert_null (cell_at (&book.sheets[2], 1, 0));

  /* Frozen: two header rows and the service column; the evidence's header row. */
  g_assert_cmpstr (book.sheets[0].pane, ==, "1,2");
  g_assert_cmpstr (book.sheets[1].pane, ==, "0,1");

  /* Every framework (short name), scope and service name. */
  strings = sheet_strings (&book.sheets[0]);
  root = cli_matrix_json (f->ws, parser);
  frameworks = json_object_get_array_member (root, "frameworks");
  services = json_object_get_array_member (root, "services");
  g_assert_cmpuint (json_array_get_length (frameworks), >, 1);
  for (guint i = 0; i < json_array_get_length (frameworks); i++)
    {
      JsonObject *fw = json_array_get_object_element (frameworks, i);
      JsonArray *scopes = json_object_get_array_member (fw, "scopes");

      g_assert_true (g_hash_table_contains (strings, json_object_get_string_member (fw, "short_name")));
      for (guint s = 0; s < json_array_get_length (scopes); s++)
        g_assert_true (g_hash_table_contains (strings,
                                              json_object_get_string_member (json_array_get_object_element (scopes, s),
                                                                             "name")));
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    g_assert_true (g_hash_table_contains (strings,
                                          json_object_get_string_member (json_array_get_object_element (services, i),
                                                                         "name")));

  /* The roll-ups, cell by cell, as the CSV has them. */
  run_cli (&r, "--workspace", f->ws, "matrix", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  csv = parse_csv (r.out);
  from_sheet = matrix_sheet_rows (&book.sheets[0]);
  assert_rows_equal (csv, from_sheet);
  for (guint i = 1; i < from_sheet->len; i++)
    {
      GPtrArray *row = from_sheet->pdata[i];

      for (guint c = 1; c < row->len; c++)
        words += g_str_equal (row->pdata[c], "exception") || g_str_equal (row->pdata[c], "in-progress");
    }
  g_assert_cmpuint (words, ==, 2);

  /* Each roll-up word on one fill of its own, wherever it stands (the
   * cells and the legend), the fills apart in greyscale too. */
  {
    const char *rollups[] = { "not-started", "in-progress", "satisfied", "exception", "no-longer-in-scope" };
    double luma[G_N_ELEMENTS (rollups)];
    GHashTableIter iter;
    gpointer ref, value;

    for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
      {
        guint32 fill = 0xFFFFFFFF;
        guint n = 0;

        g_hash_table_iter_init (&iter, book.sheets[0].cells);
        while (g_hash_table_iter_next (&iter, &ref, &value))
          if (g_str_equal (value, rollups[i]))
            {
              guint32 here = GPOINTER_TO_UINT (g_hash_table_lookup (book.sheets[0].fills, ref));

              g_assert_cmphex (here, !=, 0xFFFFFFFF);
              if (n++ > 0)
                g_assert_cmphex (here, ==, fill);
              fill = here;
            }
        g_assert_cmpuint (n, >, 0);
        luma[i] = 0.299 * (fill >> 16) + 0.587 * ((fill >> 8) & 0xFF) + 0.114 * (fill & 0xFF);
        for (guint j = 0; j < i; j++)
          g_assert_cmpfloat (ABS (luma[i] - luma[j]), >=, 30);
      }
  }

  /* The evidence sheet: its header, and the file attached, on its cell and item. */
  g_assert_cmpstr (cell_at (&book.sheets[1], 0, 0), ==, "Service");
  g_assert_cmpstr (cell_at (&book.sheets[1], 6, 0), ==, "SHA-256");
  for (guint row = 1; cell_at (&book.sheets[1], 6, row) != NULL; row++)
    if (g_str_equal (cell_at (&book.sheets[1], 6, row), sha256))
      {
        g_assert_cmpstr (cell_at (&book.sheets[1], 0, row), ==, "Intune");
        g_assert_cmpstr (cell_at (&book.sheets[1], 1, row), ==, "SOC");
        g_assert_cmpstr (cell_at (&book.sheets[1], 2, row), ==, "SOC 2");
        g_assert_cmpstr (cell_at (&book.sheets[1], 3, row), ==, "1");
        g_assert_cmpstr (cell_at (&book.sheets[1], 5, row), ==, "soc2 report.pdf");
        g_assert_cmpstr (cell_at (&book.sheets[1], 7, row), ==, effective);
        g_assert_cmpstr (cell_at (&book.sheets[1], 8, row), ==, expires);
        found = TRUE;
      }
  g_assert_true (found);

  /* --framework: that framework's columns only, the same as its CSV. */
  run_cli (&r, "--workspace", f->ws, "export", "matrix", soc, "--framework", "soc");
  g_assert_cmpint (r.status, ==, 0);
  read_book (soc, &soc_book);
  g_clear_pointer (&csv, g_ptr_array_unref);
  g_clear_pointer (&from_sheet, g_ptr_array_unref);
  {
    g_autofree char *soc_csv = g_build_filename (f->dir, "soc.csv", NULL);
    g_autofree char *contents = NULL;

    run_cli (&r, "--workspace", f->ws, "export", "matrix", soc_csv, "--framework", "soc");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (soc_csv, &contents, NULL, NULL));
    csv = parse_csv (contents);
  }
  from_sheet = matrix_sheet_rows (&soc_book.sheets[0]);
  g_assert_cmpuint (((GPtrArray *) from_sheet->pdata[0])->len, ==, 4);
  assert_rows_equal (csv, from_sheet);
}

/* The fill of the cell at @col, @row (0xFFFFFFFF: none). */
static guint32
fill_at (Sheet *sheet,
         guint  col,
         guint  row)
{
  char ref[16];

  g_assert_cmpuint (col, <, 26);
  g_snprintf (ref, sizeof ref, "%c%u", 'A' + col, row + 1);
  g_assert_true (g_hash_table_contains (sheet->fills, ref));
  return GPOINTER_TO_UINT (g_hash_table_lookup (sheet->fills, ref));
}

/* The fill of the cells of @sheet that hold @word, all alike. */
static guint32
fill_of (Sheet      *sheet,
         const char *word)
{
  GHashTableIter iter;
  gpointer ref, value;
  guint32 fill = 0xFFFFFFFF;
  guint n = 0;

  g_hash_table_iter_init (&iter, sheet->cells);
  while (g_hash_table_iter_next (&iter, &ref, &value))
    if (g_str_equal (value, word))
      {
        guint32 here = GPOINTER_TO_UINT (g_hash_table_lookup (sheet->fills, ref));

        if (n++ > 0)
          g_assert_cmphex (here, ==, fill);
        fill = here;
      }
  g_assert_cmpuint (n, >, 0);
  return fill;
}

/* The gap report's sheet: with SOC 2 and ISO/IEC 27001 required, Intune and
 * Azure Health Bot among My services (Intune's SOC 2 checklist satisfied, an
 * exception on its ISO one; Azure Health Bot not in SOC 2), its rows are
 * those of `gap --format csv` in the same order, each state its word on the
 * matrix's fill for the nearest roll-up, what makes it so in lines, the
 * summary lines of `gap`; the header row and the service column frozen.
 * Required scopes but none of My services: one line says so. */
static void
test_xlsx_gap (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "gap.xlsx", NULL);
  g_autoptr(GPtrArray) csv = NULL;
  g_autoptr(GHashTable) strings = NULL;
  g_auto(GStrv) gap_lines = NULL;
  g_auto(Book) empty = { 0 };
  g_auto(Book) book = { 0 };
  Sheet *sheet;
  guint32 ready = 0, not_certified = 0, open = 0;
  guint summaries = 0, n_open = 0;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "required", "add", "SOC 2");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "required", "add", "ISO/IEC 27001:2013");
  g_assert_cmpint (r.status, ==, 0);

  /* No service of mine yet. */
  run_cli (&r, "--workspace", f->ws, "export", "matrix", out);
  g_assert_cmpint (r.status, ==, 0);
  read_book (out, &empty);
  g_assert_cmpstr (empty.names->pdata[2], ==, "Gap Report");
  g_assert_cmpstr (cell_at (&empty.sheets[2], 0, 0), ==, "No Services of Yours");
  g_assert_null (empty.sheets[2].pane);

  run_cli (&r, "--workspace", f->ws, "mine", "add", "Intune");
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "--workspace", f->ws, "mine", "add", "Azure Health Bot");
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *item = g_strdup_printf ("%u", i);

      run_cli (&r, "--workspace", f->ws, "checklist", "set", "--framework", "soc", "--scope", "SOC 2",
               "--service", "Intune", "--item", item, "--status", "satisfied");
      g_assert_cmpint (r.status, ==, 0);
    }
  run_cli (&r, "--workspace", f->ws, "checklist", "set", "--framework", "iso-27001", "--scope", "ISO/IEC 27001:2013",
           "--service", "Intune", "--item", "1", "--status", "exception");
  g_assert_cmpint (r.status, ==, 0);

  run_cli (&r, "--workspace", f->ws, "gap", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  csv = parse_csv (r.out);
  g_assert_cmpuint (csv->len, ==, 5);
  run_cli (&r, "--workspace", f->ws, "gap");
  g_assert_cmpint (r.status, ==, 0);
  gap_lines = g_strsplit (r.out, "\n", -1);

  run_cli (&r, "--workspace", f->ws, "export", "matrix", out);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  read_book (out, &book);
  g_assert_cmpstr (book.names->pdata[0], ==, "Matrix");
  g_assert_cmpstr (book.names->pdata[1], ==, "Evidence");
  g_assert_cmpstr (book.names->pdata[2], ==, "Gap Report");
  sheet = &book.sheets[2];

  /* The header row, the scope and service columns frozen. */
  g_assert_cmpstr (sheet->pane, ==, "2,1");
  g_assert_cmpstr (cell_at (sheet, 0, 0), ==, "Scope");
  g_assert_cmpstr (cell_at (sheet, 1, 0), ==, "Service");
  g_assert_cmpstr (cell_at (sheet, 2, 0), ==, "State");
  g_assert_cmpstr (cell_at (sheet, 3, 0), ==, "What makes it so");
  g_assert_cmpstr (cell_at (sheet, 4, 0), ==, "Newest page version");
  g_assert_cmpstr (cell_at (sheet, 5, 0), ==, "Covered by");

  /* The rows of `gap --format csv`, in its order, and no more. */
  for (guint i = 1; i < csv->len; i++)
    {
      GPtrArray *row = csv->pdata[i];
      const char *scope = row->pdata[1], *service = row->pdata[3], *state = row->pdata[4];
      const char *details = cell_at (sheet, 3, i);

      g_assert_cmpstr (cell_at (sheet, 0, i), ==, scope);
      g_assert_cmpstr (cell_at (sheet, 1, i), ==, service);
      g_assert_nonnull (details);
      if (g_str_equal (state, "ready"))
        {
          g_assert_cmpstr (scope, ==, "SOC 2");
          g_assert_cmpstr (service, ==, "Intune");
          g_assert_cmpstr (cell_at (sheet, 2, i), ==, "ready");
          g_assert_cmpstr (details, ==, "Checklist satisfied, no evidence expiring");
          ready = fill_at (sheet, 2, i);
        }
      else if (g_str_equal (state, "not-certified"))
        {
          g_auto(GStrv) lines = g_strsplit (details, "\n", -1);
          const char *page = row->pdata[5];

          g_assert_cmpstr (scope, ==, "SOC 2");
          g_assert_cmpstr (service, ==, "Azure Health Bot");
          g_assert_cmpstr (cell_at (sheet, 2, i), ==, "not certified");
          /* Two lines: the page version it is read from, and the scope that covers it. */
          g_assert_cmpuint (g_strv_length (lines), ==, 2);
          g_assert_true (g_str_has_prefix (lines[0], "Not in this scope in the newest page version: "));
          g_assert_nonnull (strstr (lines[0], page));
          g_assert_cmpstr (lines[1], ==, "Covered by another required scope: ISO/IEC 27001:2013");
          g_assert_true (g_str_has_prefix (cell_at (sheet, 4, i), page));
          g_assert_true (g_str_has_suffix (cell_at (sheet, 4, i), ".md)"));
          g_assert_cmpstr (cell_at (sheet, 5, i), ==, "ISO/IEC 27001:2013");
          not_certified = fill_at (sheet, 2, i);
        }
      else
        {
          g_assert_cmpstr (state, ==, "open");
          g_assert_cmpstr (scope, ==, "ISO/IEC 27001:2013");
          g_assert_cmpstr (cell_at (sheet, 2, i), ==, "open");
          g_assert_true (g_str_has_prefix (details, g_str_equal (service, "Intune") ? "5 items not yet satisfied: "
                                                                                    : "6 items not yet satisfied: "));
          if (g_str_equal (service, "Intune"))
            g_assert_nonnull (strstr (details, "\nException: 1. ISO/IEC 27001 certificate"));
          g_assert_null (cell_at (sheet, 4, i));
          g_assert_null (cell_at (sheet, 5, i));
          open = fill_at (sheet, 2, i);
          n_open++;
        }
    }
  g_assert_cmpuint (n_open, ==, 2);
  g_assert_null (cell_at (sheet, 1, csv->len));

  /* Each state on the fill of the matrix's roll-up nearest to it (the
   * matrix sheet's cells and legend), one fill per state. */
  g_assert_cmphex (ready, ==, fill_of (&book.sheets[0], "satisfied"));
  g_assert_cmphex (not_certified, ==, fill_of (&book.sheets[0], "exception"));
  g_assert_cmphex (open, ==, fill_of (&book.sheets[0], "not-started"));
  g_assert_cmphex (ready, !=, not_certified);
  g_assert_cmphex (ready, !=, open);
  g_assert_cmphex (open, !=, not_certified);

  /* Each summary line of `gap` (those before its first blank line), and the heading. */
  strings = sheet_strings (sheet);
  for (guint i = 0; gap_lines[i] != NULL && *gap_lines[i] != '\0'; i++, summaries++)
    g_assert_true (g_hash_table_contains (strings, gap_lines[i]));
  g_assert_cmpuint (summaries, ==, 2);
  g_assert_true (g_hash_table_contains (strings, "SOC 2: 1 of 2 of your services ready, 1 not certified"));
  g_assert_true (g_hash_table_contains (strings, "Workspace: audit.attest"));
}

/* A folder it may not write: exit 2 naming the file, nothing written. A
 * name it cannot take (a folder is there): exit 1 naming it, nothing left
 * beside it. */
static void
test_xlsx_unwritable (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *out = g_build_filename (locked, "matrix.xlsx", NULL);
  g_autofree char *taken = g_build_filename (f->dir, "taken.xlsx", NULL);
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  g_autoptr(GDir) dir = NULL;
  const char *args[] = { "--workspace", f->ws, "export", "matrix", out, NULL };
  const char *name;
  guint n = 0;
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  /* Root writes anywhere: "nobody" runs it then, the workspace readable. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->ws, 0644), ==, 0);
  run_cli_full (&r, nothing, geteuid () == 0 ? cli_become_nobody : NULL, args);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, out));
  dir = g_dir_open (locked, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
  g_clear_pointer (&dir, g_dir_close);
  g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
  g_rmdir (locked);

  g_assert_cmpint (g_mkdir (taken, 0755), ==, 0);
  run_cli (&r, "--workspace", f->ws, "export", "matrix", taken);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, taken));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".taken.xlsx"));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  g_rmdir (taken);
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
  g_test_add ("/export/matrix/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
  g_test_add ("/export/matrix/xlsx-gap", Fixture, NULL, fixture_set_up, test_xlsx_gap, fixture_tear_down);
  g_test_add ("/export/matrix/xlsx-unwritable", Fixture, NULL, fixture_set_up, test_xlsx_unwritable, fixture_tear_down);
  return g_test_run ();
}
