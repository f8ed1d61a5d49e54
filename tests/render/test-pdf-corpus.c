/* test-pdf-corpus.c: every PDF of the shared corpus through AttestPdfDocument
 *
 * Each file of pdf/valid and pdf/broken is opened; every page is rendered
 * (or its failure reported) and its text, links and the outline read. A
 * valid file must open (an encrypted one with the password MANIFEST.tsv
 * gives, and must refuse a wrong one, saying so); a broken one may open or
 * not, but says why when not. Nothing may crash or hang (the suite's
 * timeout and the sanitizer build watch that).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "attest-pdf-document.h"
#include "attest-test-corpus.h"

/* At most this many pages of a file, at a low scale: the point is every
 * file's pages, not the time. */
#define MAX_PAGES 60
#define SCALE 0.5

/* MANIFEST.tsv path → the password its notes give ("password=…"), or ""
 * for a file said to be encrypted with a password nobody knows. */
static GHashTable *
read_passwords (const char *corpus)
{
  g_autofree char *manifest = g_build_filename (corpus, "MANIFEST.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!g_file_get_contents (manifest, &contents, NULL, NULL))
    return out;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      const char *notes, *at;

      if (g_strv_length (fields) < 6 || !g_str_has_prefix (fields[0], "pdf/"))
        continue;
      notes = fields[5];
      at = strstr (notes, "password=");
      if (at != NULL)
        {
          const char *start = at + strlen ("password=");
          gsize len = strcspn (start, " ;\t\r");

          g_hash_table_insert (out, g_path_get_basename (fields[0]), g_strndup (start, len));
        }
      else if (strstr (notes, "password not determined") != NULL)
        g_hash_table_insert (out, g_path_get_basename (fields[0]), g_strdup (""));
    }
  return out;
}

static void
read_whole (AttestPdfDocument *doc,
            const char        *name)
{
  g_autoptr(GPtrArray) outline = attest_pdf_document_get_outline (doc);
  guint n = attest_pdf_document_get_n_pages (doc);
  guint failed = 0;

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < outline->len; i++)
    {
      AttestPdfOutlineItem *item = g_ptr_array_index (outline, i);

      g_assert_nonnull (item->title);
      g_assert_cmpint (item->page, <, (gint) n);
    }
  for (guint i = 0; i < MIN (n, MAX_PAGES); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) links = attest_pdf_document_get_links (doc, i);
      g_autofree char *text = attest_pdf_document_get_page_text (doc, i);
      g_autoptr(GArray) found = attest_pdf_document_find_on_page (doc, i, "e");
      cairo_surface_t *surface = attest_pdf_document_render_page (doc, i, SCALE, NULL, &error);
      int w, h;

      g_assert_nonnull (found);
      g_assert_nonnull (text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_nonnull (attest_pdf_document_get_page_label (doc, i));
      for (guint l = 0; l < links->len; l++)
        {
          AttestPdfLink *link = g_ptr_array_index (links, l);

          g_assert_true (link->kind == ATTEST_PDF_LINK_URI ? link->uri != NULL
                                                           : link->page >= 0 && (guint) link->page < n);
        }
      if (surface == NULL)
        {
          /* Reported for the page, in words. */
          g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE);
          g_assert_nonnull (strstr (error->message, name));
          g_test_message ("%s: %s", name, error->message);
          failed++;
          continue;
        }
      attest_pdf_document_get_pixel_size (doc, i, SCALE, &w, &h);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, w);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, h);
      cairo_surface_destroy (surface);
    }
  g_test_message ("%s: %u pages, %u outline entries, %u pages failed", name, n, outline->len, failed);
}

static void
check_file (const char *dir,
            const char *name,
            gboolean    valid,
            GHashTable *passwords)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPdfDocument) doc = NULL;
  const char *password = g_hash_table_lookup (passwords, name);

  doc = attest_pdf_document_new_from_file (file, NULL, NULL, &error);
  if (doc == NULL && password != NULL &&
      g_error_matches (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NEEDS_PASSWORD))
    {
      g_autoptr(AttestPdfDocument) wrong = NULL;

      g_test_message ("%s: %s", name, error->message);
      g_clear_error (&error);
      wrong = attest_pdf_document_new_from_file (file, "not-the-password", NULL, &error);
      g_assert_null (wrong);
      g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_WRONG_PASSWORD);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);
      if (*password == '\0')
        {
          g_test_message ("%s: no password known, not opened", name);
          return;
        }
      doc = attest_pdf_document_new_from_file (file, password, NULL, &error);
      g_assert_no_error (error);
    }
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ATTEST_PDF_ERROR);
      g_assert_nonnull (strstr (error->message, name));
      g_test_message ("%s: %s", name, error->message);
      /* A valid file opens, unless it needs a password it was given. */
      if (valid)
        g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NEEDS_PASSWORD);
      return;
    }
  read_whole (doc, name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
check_dir (gboolean valid)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *dir = NULL;
  g_autoptr(GHashTable) passwords = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *entry;

  if (corpus == NULL)
    return;
  dir = g_build_filename (corpus, "pdf", valid ? "valid" : "broken", NULL);
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      g_test_skip ("the corpus has no pdf/valid or pdf/broken folder");
      return;
    }
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".pdf"))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  passwords = read_passwords (corpus);
  for (guint i = 0; i < names->len; i++)
    check_file (dir, g_ptr_array_index (names, i), valid, passwords);
}

static void
test_valid (void)
{
  check_dir (TRUE);
}

static void
test_broken (void)
{
  check_dir (FALSE);
}

/* The files with a known password: the right one opens, a wrong one and
 * none say which it is. */
static void
test_passwords (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autoptr(GHashTable) passwords = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint tried = 0;

  if (corpus == NULL)
    return;
  passwords = read_passwords (corpus);
  g_hash_table_iter_init (&iter, passwords);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *path = g_build_filename (corpus, "pdf", "valid", key, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPdfDocument) right = NULL;
      g_autoptr(AttestPdfDocument) wrong = NULL;
      g_autoptr(AttestPdfDocument) none = NULL;

      if (*(const char *) value == '\0' || !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      right = attest_pdf_document_new_from_file (file, value, NULL, &error);
      g_assert_no_error (error);
      wrong = attest_pdf_document_new_from_file (file, "wrong", NULL, &error);
      g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
      none = attest_pdf_document_new_from_file (file, NULL, NULL, &error);
      g_assert_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NEEDS_PASSWORD);
      tried++;
    }
  if (tried == 0)
    g_test_skip ("MANIFEST.tsv names no PDF with a password");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-corpus/valid", test_valid);
  g_test_add_func ("/pdf-corpus/broken", test_broken);
  g_test_add_func ("/pdf-corpus/passwords", test_passwords);

  return g_test_run ();
}
