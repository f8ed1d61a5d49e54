/* test-page-drawing.c: an offering page on paper, read back from its PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "attest-page.h"
#include "attest-page-drawing.h"
#include "attest-pdf-text.h"
#include "attest-test-corpus.h"

#include <math.h>
#include <poppler.h>

/* (GCC defines __SANITIZE_ADDRESS__; clang has __has_feature.) */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED TRUE
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED TRUE
#endif
#endif
#ifndef SANITIZED
#define SANITIZED FALSE
#endif

/* poppler-glib 22.02 has no autoptr support of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static char *
source_path (const char *first,
             ...)
{
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autoptr(GString) path = g_string_new (root != NULL ? root : ".");
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, part);
    }
  va_end (args);
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static AttestPage *
load_seed (const char *name)
{
  g_autofree char *path = source_path ("data", "offerings", name, NULL);
  g_autoptr(GError) error = NULL;
  AttestPage *page = attest_page_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

/* The PDF's text, as the evidence reader reads it. */
static char *
pdf_text (const char *path,
          guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  attest_pdf_text_extract (bytes, n_pages, &text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static char *
tmp_pdf (void)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("attest-page-drawing-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  return path;
}

/* @text with its whitespace collapsed to single spaces. */
static char *
collapse (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Exports @page in @mode to a new temporary file. */
static char *
export_pdf (AttestPage        *page,
            AttestReadingMode  mode,
            guint             *n_pages)
{
  g_autoptr(AttestPageDrawing) drawing = attest_page_drawing_new (page, mode, "Test · header", "Footer line");
  g_autoptr(GError) error = NULL;
  char *path = tmp_pdf ();

  g_assert_true (attest_page_drawing_export_pdf (drawing, path, &error));
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = attest_page_drawing_get_n_pages (drawing);
  g_assert_finalize_object (g_steal_pointer (&drawing));
  return path;
}

/* Exports @page in @mode and returns the PDF's text, whitespace collapsed
 * to single spaces. */
static char *
export_text (AttestPage        *page,
             AttestReadingMode  mode,
             guint             *n_pages)
{
  guint drawn = 0, pdf_pages = 0;
  g_autofree char *path = export_pdf (page, mode, &drawn);
  g_autofree char *text = pdf_text (path, &pdf_pages);

  g_assert_cmpuint (pdf_pages, ==, drawn);
  g_assert_cmpuint (pdf_pages, >=, 1);
  if (n_pages != NULL)
    *n_pages = pdf_pages;
  g_unlink (path);
  return collapse (text);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

/* Where @needle first occurs in the PDF: its sheet and its box. */
static gboolean
find_in_pdf (PopplerDocument  *doc,
             const char       *needle,
             int              *sheet,
             PopplerRectangle *box)
{
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      GList *found = poppler_page_find_text (page, needle);

      if (found != NULL)
        {
          *sheet = i;
          *box = *(PopplerRectangle *) found->data;
          g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
          return TRUE;
        }
    }
  return FALSE;
}

/* Every character inside the margins of attest_page_drawing_export_pdf():
 * nothing overflows the text width or runs off a sheet. */
static void
assert_inside_margins (PopplerDocument *doc)
{
  const double margin = 48 - 1;

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      PopplerRectangle *boxes = NULL;
      guint n = 0;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat (fabs (width - 595.276), <, 1);
      g_assert_cmpfloat (fabs (height - 841.89), <, 1);
      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n));
      for (guint k = 0; k < n; k++)
        {
          PopplerRectangle *b = &boxes[k];

          if (b->x2 - b->x1 < 0.01)
            continue;
          if (b->x1 < margin || b->x2 > width - margin || b->y1 < margin || b->y2 > height - margin)
            g_error ("sheet %d: a character at (%.1f, %.1f)–(%.1f, %.1f) is outside the margins",
                     i + 1, b->x1, b->y1, b->x2, b->y2);
        }
      g_free (boxes);
    }
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%.2000s", needle, haystack);
}

/* Some text of both sides of the SOC page, short enough to sit on one line
 * of a column. */
static const char *const soc_french[] = {
  "Flux",
  "Service Organization Controls (SOC)",
  "Foire aux questions",
};
static const char *const soc_english[] = {
  "Stream",
  "Frequently asked questions",
};

/* (a) Side by side: both languages on paper. */
static void
test_side_by_side (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_BILINGUAL);
  text = export_text (page, ATTEST_READING_SIDE_BY_SIDE, &n_pages);
  for (guint i = 0; i < G_N_ELEMENTS (soc_french); i++)
    assert_contains (text, soc_french[i]);
  for (guint i = 0; i < G_N_ELEMENTS (soc_english); i++)
    assert_contains (text, soc_english[i]);
  assert_contains (text, "English source");
  assert_contains (text, "Translation · French (France)");
  assert_contains (text, "Test · header");
  assert_contains (text, "Footer line");
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_test_message ("SOC fr-FR side by side: %u pages", n_pages);
}

/* Side by side, a row starts level in both columns: a heading and its
 * source on the same sheet, at the same height, the source on the right. */
static void
test_side_by_side_rows (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autofree char *path = export_pdf (page, ATTEST_READING_SIDE_BY_SIDE, NULL);
  g_autoptr(PopplerDocument) doc = open_pdf (path);
  static const char *const rows[][2] = {
    { "Foire aux questions", "Frequently asked questions" },
    { "Présentation des rapports SOC", "SOC 1, 2, and 3 Reports overview" },
    { "Les services couverts pour SOC", "Covered services for SOC 1 and SOC 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      PopplerRectangle fr, en;
      int fr_sheet = -1, en_sheet = -2;

      g_assert_true (find_in_pdf (doc, rows[i][0], &fr_sheet, &fr));
      g_assert_true (find_in_pdf (doc, rows[i][1], &en_sheet, &en));
      g_assert_cmpint (fr_sheet, ==, en_sheet);
      g_assert_cmpfloat (fabs (MIN (fr.y1, fr.y2) - MIN (en.y1, en.y2)), <, 0.5);
      g_assert_cmpfloat (MIN (en.x1, en.x2), >, MAX (fr.x1, fr.x2));
      g_assert_cmpfloat (MIN (en.x1, en.x2), >, 595.276 / 2);
      g_assert_cmpfloat (MAX (fr.x1, fr.x2), <, 595.276 / 2);
    }
  assert_inside_margins (doc);
  g_unlink (path);
}

/* (b) Translated: the French, and no English-only sentence. */
static void
test_translated (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autofree char *text = export_text (page, ATTEST_READING_TRANSLATED, NULL);
  g_autofree char *source = export_text (page, ATTEST_READING_SOURCE, NULL);
  static const char *english = "Increasingly, businesses outsource basic functions";
  static const char *french = "Les entreprises sous-traitent de plus en plus";

  for (guint i = 0; i < G_N_ELEMENTS (soc_french); i++)
    assert_contains (text, soc_french[i]);
  assert_contains (text, french);
  g_assert_null (strstr (text, english));
  g_assert_null (strstr (text, "Frequently asked questions"));
  g_assert_null (strstr (text, "English source"));

  /* And the other way round. */
  assert_contains (source, english);
  g_assert_null (strstr (source, french));
  g_assert_null (strstr (source, "Foire aux questions"));
}

/* (c) Chinese reaches the PDF as text, so it was drawn with a face that has it. */
static void
test_chinese (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-mars-e.zh-TW.md");
  g_autofree char *side = export_text (page, ATTEST_READING_SIDE_BY_SIDE, NULL);
  g_autofree char *text = export_text (page, ATTEST_READING_TRANSLATED, NULL);

  assert_contains (text, "MARS-E 2.0 架構概觀");
  assert_contains (text, "雲端");
  assert_contains (side, "架構概觀");
  assert_contains (side, "MARS-E 2.0 Framework overview");
}

/* ---- nothing lost at page breaks ---------------------------------- */

/* @text without any whitespace. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B && c != 0xAD)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The words of @blocks, in order. Chinese has no spaces, and a page break
 * may fall anywhere in a sentence: each wide character is a word. */
static GPtrArray *
block_words (GPtrArray *blocks)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < blocks->len; i++)
    {
      g_autofree char *text = attest_block_dup_text (g_ptr_array_index (blocks, i));
      g_autoptr(GString) word = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c) || g_unichar_iswide (c))
            {
              if (word->len > 0)
                g_ptr_array_add (words, g_strdup (word->str));
              g_string_truncate (word, 0);
              if (g_unichar_iswide (c))
                {
                  char ch[8] = { 0 };

                  g_unichar_to_utf8 (c, ch);
                  g_ptr_array_add (words, g_strdup (ch));
                }
              continue;
            }
          if (c != 0x200B && c != 0xAD)
            g_string_append_unichar (word, c);
        }
      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
    }
  return words;
}

#define WORD_WINDOW 400

/* Where @word ends in @at, if it starts within WORD_WINDOW bytes; or, for a
 * word a page break cut in two (at a hyphen, or a long URL broken between
 * characters), where its second part ends, if its first part starts within
 * the window and the second (at least two bytes each) within the window
 * after the first. */
static const char *
find_word (const char *at,
           const char *word)
{
  const char *found = strstr (at, word);
  gsize len = strlen (word);

  if (found != NULL && found - at <= WORD_WINDOW)
    return found + len;
  for (const char *cut = word + 2; cut + 2 <= word + len; cut = g_utf8_next_char (cut))
    {
      g_autofree char *first = g_strndup (word, cut - word);
      const char *head = strstr (at, first);
      const char *tail;

      if (head == NULL || head - at > WORD_WINDOW)
        continue;
      head += strlen (first);
      tail = strstr (head, cut);
      if (tail != NULL && tail - head <= WORD_WINDOW)
        return tail + strlen (cut);
    }
  return NULL;
}

/* Each word of @blocks is found in the PDF's text after the one before it,
 * and not far after: headers, footers, list markers and note labels come in
 * between, a lost line does not. Words broken across lines join up, as all
 * whitespace is dropped on both sides. */
static void
assert_words_in_order (const char *path,
                       GPtrArray  *blocks,
                       const char *pdf)
{
  g_autoptr(GPtrArray) words = block_words (blocks);
  g_autofree char *squeezed = squeeze (pdf);
  const char *at = squeezed;

  g_assert_cmpuint (words->len, >, 100);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      const char *end = find_word (at, word);

      if (end == NULL)
        g_error ("%s: word %u “%s” is not in the PDF where expected; the text from there: %.300s",
                 path, i, word, at);
      at = end;
    }
}

static char *
largest_corpus_page (void)
{
  return attest_test_corpus_largest_page (FALSE);
}

static AttestPage *
load_corpus_page (const char *path)
{
  g_autofree char *root = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AttestPage *page = attest_page_load (path, root, &error);

  g_assert_no_error (error);
  return page;
}

/* Exports @page in @mode and checks it: every word of its blocks in
 * order, every character inside the margins. Returns the number of sheets. */
static guint
check_export (const char        *path,
              AttestPage        *page,
              AttestReadingMode  mode)
{
  GPtrArray *blocks = mode == ATTEST_READING_SOURCE ? page->source_blocks : page->translated_blocks;
  guint n_pages = 0, pdf_pages = 0;
  g_autofree char *pdf = export_pdf (page, mode, &n_pages);
  g_autofree char *text = pdf_text (pdf, &pdf_pages);
  g_autoptr(PopplerDocument) doc = open_pdf (pdf);

  g_assert_cmpuint (pdf_pages, ==, n_pages);
  assert_words_in_order (path, blocks, text);
  assert_inside_margins (doc);
  g_unlink (pdf);
  return n_pages;
}

typedef struct {
  double y, x;      /* the vertical centre and the left of its first character */
  guint band;       /* lines whose centres are within 5 pt share a band */
  GString *text;
} Line;

static void
line_clear (gpointer data)
{
  g_string_free (((Line *) data)->text, TRUE);
}

static int
line_compare_y (gconstpointer a,
                gconstpointer b)
{
  const Line *la = a, *lb = b;

  return la->y < lb->y ? -1 : la->y > lb->y;
}

static int
line_compare_band (gconstpointer a,
                   gconstpointer b)
{
  const Line *la = a, *lb = b;

  if (la->band != lb->band)
    return la->band < lb->band ? -1 : 1;
  return la->x < lb->x ? -1 : la->x > lb->x;
}

/* Top to bottom, then left to right: the pieces of one printed line (a list
 * marker and its text, Latin words in a Chinese sentence) are one band. */
static void
sort_lines (GArray *lines)
{
  double band_top = 0;
  guint band = 0;

  g_array_sort (lines, line_compare_y);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      if (i == 0 || line->y - band_top > 5)
        {
          band_top = line->y;
          band++;
        }
      line->band = band;
    }
  g_array_sort (lines, line_compare_band);
}

/* The text of one column of every sheet: the lines of the page's text in the
 * left or the right half, top to bottom. (Poppler's own reading order moves
 * whole blocks of two columns of list items about.) */
static char *
column_text (PopplerDocument *doc,
             guint            column)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *boxes = NULL;
      g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
      Line line = { 0, 0, 0, NULL };
      double width, height;
      guint n = 0, k = 0;

      g_array_set_clear_func (lines, line_clear);
      poppler_page_get_size (page, &width, &height);
      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n));
      /* One box per character of the text. */
      g_assert_cmpuint (n, ==, g_utf8_strlen (text, -1));
      for (const char *p = text; ; p = g_utf8_next_char (p), k++)
        {
          gunichar c = g_utf8_get_char (p);
          double centre;

          if (c == '\n' || c == '\0')
            {
              if (line.text != NULL)
                g_array_append_val (lines, line);
              line.text = NULL;
              if (c == '\0')
                break;
              continue;
            }
          centre = (boxes[k].x1 + boxes[k].x2) / 2;
          if ((centre < width / 2) != (column == 0))
            continue;
          /* Poppler joins lines of list items at times: split them again. */
          if (line.text != NULL && fabs ((boxes[k].y1 + boxes[k].y2) / 2 - line.y) > 5)
            {
              g_array_append_val (lines, line);
              line.text = NULL;
            }
          if (line.text == NULL)
            {
              line.text = g_string_new (NULL);
              line.y = (boxes[k].y1 + boxes[k].y2) / 2;
              line.x = boxes[k].x1;
            }
          g_string_append_unichar (line.text, c);
        }
      sort_lines (lines);
      for (guint l = 0; l < lines->len; l++)
        {
          g_string_append (out, g_array_index (lines, Line, l).text->str);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Side by side: each column holds every word of its side, in order. */
static guint
check_export_side_by_side (const char *path,
                           AttestPage *page)
{
  guint n_pages = 0;
  g_autofree char *pdf = export_pdf (page, ATTEST_READING_SIDE_BY_SIDE, &n_pages);
  g_autoptr(PopplerDocument) doc = open_pdf (pdf);
  g_autofree char *left = column_text (doc, 0);
  g_autofree char *right = column_text (doc, 1);

  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n_pages);
  assert_words_in_order (path, page->translated_blocks, left);
  assert_words_in_order (path, page->source_blocks, right);
  assert_inside_margins (doc);
  g_unlink (pdf);
  return n_pages;
}

/* (d) The largest corpus page: several sheets, every word in order. */
static void
test_long_page (void)
{
  g_autofree char *path = largest_corpus_page ();
  g_autoptr(AttestPage) page = NULL;

  if (path == NULL)
    return;
  page = load_corpus_page (path);
  g_assert_cmpuint (check_export (path, page, ATTEST_READING_TRANSLATED), >=, 3);
  g_assert_cmpuint (check_export (path, page, ATTEST_READING_SOURCE), >=, 3);
}

/* Every page of the corpus, in both single-column modes (a minute or so:
 * with -m slow only). */
static void
test_corpus (void)
{
  g_autoptr(GPtrArray) pages = NULL;
  guint most = 0;

  if (!g_test_slow ())
    {
      g_test_skip ("every corpus page: run with -m slow");
      return;
    }
  pages = attest_test_corpus_pages (FALSE);
  if (pages == NULL)
    return;   /* skipped, and said why */
  g_assert_cmpuint (pages->len, >, 300);
  for (guint i = 0; i < pages->len; i++)
    {
      const char *path = g_ptr_array_index (pages, i);
      g_autoptr(AttestPage) page = load_corpus_page (path);
      g_autoptr(GPtrArray) words = block_words (page->translated_blocks);

      /* A stub of a page has too few words for the check to mean much. */
      if (words->len <= 100)
        continue;
      most = MAX (most, check_export (path, page, ATTEST_READING_TRANSLATED));
      if (page->source_blocks != page->translated_blocks)
        {
          most = MAX (most, check_export (path, page, ATTEST_READING_SOURCE));
          most = MAX (most, check_export_side_by_side (path, page));
        }
    }
  g_test_message ("page-drawing: %u corpus pages, at most %u sheets", pages->len, most);
}

/* Every word of the seeds too: the SOC page in the three modes, the
 * Chinese one side by side. */
static void
test_seed_words (void)
{
  g_autoptr(AttestPage) soc = load_seed ("offering-soc.fr-FR.md");
  g_autoptr(AttestPage) mars = load_seed ("offering-mars-e.zh-TW.md");

  check_export ("offering-soc.fr-FR.md", soc, ATTEST_READING_TRANSLATED);
  check_export ("offering-soc.fr-FR.md", soc, ATTEST_READING_SOURCE);
  check_export_side_by_side ("offering-soc.fr-FR.md", soc);
  check_export_side_by_side ("offering-mars-e.zh-TW.md", mars);
}

/* ---- pagination --------------------------------------------------- */

static PangoContext *
points_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* (e) Paginating again, at another size and back, gives the same pages:
 * more of them on a smaller sheet, as many as before on the first size. */
static void
test_paginate_again (void)
{
  g_autofree char *corpus_path = largest_corpus_page ();
  g_autoptr(AttestPage) page = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = points_context (cr);
  const AttestReadingMode modes[] = { ATTEST_READING_TRANSLATED, ATTEST_READING_SIDE_BY_SIDE };
  gint64 start;
  double ms = 0;
  guint sheets = 0;

  page = corpus_path != NULL ? load_corpus_page (corpus_path) : load_seed ("offering-iso-27001.fr-FR.md");

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(AttestPageDrawing) drawing = attest_page_drawing_new (page, modes[m], NULL, NULL);
      guint a4, a5, again;

      g_assert_cmpuint (attest_page_drawing_get_n_pages (drawing), ==, 0);
      start = g_get_monotonic_time ();
      a4 = attest_page_drawing_paginate (drawing, context, 499, 746);
      if (m == 0)
        {
          ms = (g_get_monotonic_time () - start) / 1000.0;
          sheets = a4;
        }
      a5 = attest_page_drawing_paginate (drawing, context, 340, 520);
      again = attest_page_drawing_paginate (drawing, context, 499, 746);
      g_assert_cmpuint (a4, >=, 1);
      g_assert_cmpuint (a5, >, a4);
      g_assert_cmpuint (again, ==, a4);
      g_assert_cmpuint (attest_page_drawing_get_n_pages (drawing), ==, a4);
      /* Drawing every page of the last layout. */
      for (guint p = 0; p < again; p++)
        attest_page_drawing_draw_page (drawing, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_finalize_object (g_steal_pointer (&drawing));
    }
  g_test_message ("page-drawing: largest page %u paper pages in %.1f ms (%s)", sheets, ms,
                  corpus_path != NULL ? corpus_path : "seed: corpus not found");
  /* ASan with full stack traces on every allocation: some twenty times slower. */
  g_assert_cmpfloat (ms, <, SANITIZED ? 20000 : 1000);

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A page whose blocks are each taller than a sheet: split between lines,
 * every line once. */
static void
test_tall_blocks (void)
{
  g_autoptr(GString) md = g_string_new ("# Tall\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(AttestPageDrawing) drawing = NULL;
  g_autofree char *path = tmp_pdf ();
  g_autofree char *text = NULL;
  guint n_pages = 0;

  /* A code block of 300 numbered lines, a paragraph of 300 hard lines, a long table. */
  g_string_append (md, "```\n");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (md, "code%03u\n", i);
  g_string_append (md, "```\n\n");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (md, "para%03u\\\n", i);
  g_string_append (md, "end\n\n| A | B |\n|---|---|\n");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (md, "| cell%03u | https://example.com/a/very/long/url/that/wraps/%03u/inside/its/cell |\n", i, i);
  page = attest_page_parse ("tall.md", md->str, -1, &error);
  g_assert_no_error (error);

  drawing = attest_page_drawing_new (page, ATTEST_READING_TRANSLATED, NULL, NULL);
  g_assert_true (attest_page_drawing_export_pdf (drawing, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path, &n_pages);
  {
    g_autoptr(PopplerDocument) doc = open_pdf (path);

    assert_inside_margins (doc);
  }
  g_unlink (path);
  g_assert_cmpuint (n_pages, >=, 10);
  {
    g_autofree char *squeezed = squeeze (text);
    const char *at = squeezed;

    for (guint i = 0; i < 300; i++)
      {
        char word[16];
        const char *found;

        g_snprintf (word, sizeof word, "code%03u", i);
        found = strstr (at, word);
        g_assert_nonnull (found);
        at = found + strlen (word);
        /* Once only. */
        g_assert_null (strstr (at, word));
      }
    for (guint i = 0; i < 300; i++)
      {
        char word[16];
        const char *found;

        g_snprintf (word, sizeof word, "para%03u", i);
        found = strstr (at, word);
        g_assert_nonnull (found);
        at = found + strlen (word);
        g_assert_null (strstr (at, word));
      }
    for (guint i = 0; i < 200; i++)
      {
        char word[80];
        const char *found;

        g_snprintf (word, sizeof word, "cell%03u", i);
        found = strstr (at, word);
        g_assert_nonnull (found);
        g_assert_null (strstr (found + strlen (word), word));
        /* The URL whole, though it wraps: no hyphen, nothing lost. */
        g_snprintf (word, sizeof word, "https://example.com/a/very/long/url/that/wraps/%03u/inside/its/cell", i);
        g_assert_nonnull (strstr (squeezed, word));
      }
  }
}

/* A file that cannot be written: an error naming it, and nothing left behind. */
static void
test_export_error (void)
{
  g_autoptr(AttestPage) page = load_seed ("offering-soc.fr-FR.md");
  g_autoptr(AttestPageDrawing) drawing = attest_page_drawing_new (page, ATTEST_READING_TRANSLATED, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attest-page-drawing-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing", "out.pdf", NULL);

  g_assert_false (attest_page_drawing_export_pdf (drawing, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-drawing/side-by-side", test_side_by_side);
  g_test_add_func ("/page-drawing/side-by-side/rows", test_side_by_side_rows);
  g_test_add_func ("/page-drawing/translated", test_translated);
  g_test_add_func ("/page-drawing/chinese", test_chinese);
  g_test_add_func ("/page-drawing/seed-words", test_seed_words);
  g_test_add_func ("/page-drawing/long-page", test_long_page);
  g_test_add_func ("/page-drawing/corpus", test_corpus);
  g_test_add_func ("/page-drawing/paginate-again", test_paginate_again);
  g_test_add_func ("/page-drawing/tall-blocks", test_tall_blocks);
  g_test_add_func ("/page-drawing/export-error", test_export_error);

  return g_test_run ();
}
