/* test-markdown.c: a note's Markdown as a block list, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-markdown.h"
#include "attest-segments.h"

static GPtrArray *
parse (const char *md)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks = attest_markdown_parse_blocks (md, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (blocks);
  return blocks;
}

static AttestBlock *
block_at (GPtrArray *blocks,
          guint      i)
{
  g_assert_cmpuint (i, <, blocks->len);
  return g_ptr_array_index (blocks, i);
}

static AttestRun *
run_at (GPtrArray *runs,
        guint      i)
{
  g_assert_cmpuint (i, <, runs->len);
  return g_ptr_array_index (runs, i);
}

static void
assert_text (const AttestBlock *block,
             const char        *expected)
{
  g_autofree char *text = attest_block_dup_text (block);

  g_assert_cmpstr (text, ==, expected);
}

/* No run anywhere shows markup or a sentinel. */
static void
assert_clean_runs (GPtrArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    {
      const char *t = run_at (runs, i)->text;

      g_assert_true (g_utf8_validate (t, -1, NULL));
      g_assert_null (strchr (t, '<'));
      g_assert_null (strchr (t, '>'));
      g_assert_null (strstr (t, "**"));
      g_assert_null (strstr (t, "]("));
      for (const char *p = t; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_false (attest_segments_is_sentinel (g_utf8_get_char (p)));
    }
}

static void
assert_clean (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      AttestBlock *b = block_at (blocks, i);

      g_assert_cmpuint (b->segments->len, ==, 0);
      assert_clean_runs (b->runs);
      if (b->rows != NULL)
        for (guint r = 0; r < b->rows->len; r++)
          {
            AttestTableRow *row = g_ptr_array_index (b->rows, r);

            for (guint c = 0; c < row->cells->len; c++)
              assert_clean_runs (((AttestTableCell *) g_ptr_array_index (row->cells, c))->runs);
          }
    }
}

static void
test_headings (void)
{
  g_autoptr(GPtrArray) blocks = parse ("# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n"
                                       "###### Six\n\nSetext\n======\n\nBody text.\n");
  static const char *texts[] = { "One", "Two", "Three", "Four", "Five", "Six", "Setext" };
  static const guint levels[] = { 1, 2, 3, 4, 5, 6, 1 };

  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      AttestBlock *b = block_at (blocks, i);

      g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_HEADING);
      g_assert_cmpuint (b->level, ==, levels[i]);
      assert_text (b, texts[i]);
    }
  g_assert_cmpint (block_at (blocks, 7)->kind, ==, ATTEST_BLOCK_PARAGRAPH);
  assert_text (block_at (blocks, 7), "Body text.");
}

static void
test_runs (void)
{
  g_autoptr(GPtrArray) blocks = parse ("Plain **bold** and *italic* and `code()` and ~~gone~~ "
                                       "and ***both***.\nSoft break, hard  \nbreak.\n");
  AttestBlock *b;
  struct { const char *text; AttestRunFlags flags; } expected[] = {
    { "Plain ", 0 },
    { "bold", ATTEST_RUN_BOLD },
    { " and ", 0 },
    { "italic", ATTEST_RUN_ITALIC },
    { " and ", 0 },
    { "code()", ATTEST_RUN_CODE },
    { " and ", 0 },
    { "gone", ATTEST_RUN_STRIKE },
    { " and ", 0 },
    { "both", ATTEST_RUN_BOLD | ATTEST_RUN_ITALIC },
    { ". Soft break, hard\nbreak.", 0 },
  };

  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  b = block_at (blocks, 0);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_PARAGRAPH);
  g_assert_cmpuint (b->runs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AttestRun *r = run_at (b->runs, i);

      g_assert_cmpstr (r->text, ==, expected[i].text);
      g_assert_cmpint (r->flags, ==, expected[i].flags);
      g_assert_null (r->link);
    }
}

static void
test_lists (void)
{
  g_autoptr(GPtrArray) blocks = parse ("- first\n"
                                       "- second\n"
                                       "  1. inner one\n"
                                       "  2. inner two\n"
                                       "     - deep\n"
                                       "- third\n\n"
                                       "Between.\n\n"
                                       "7. seven\n"
                                       "8. eight\n");
  static const struct {
    const char *text;
    guint depth;
    gboolean ordered;
    int number;
  } expected[] = {
    { "first", 1, FALSE, 0 },
    { "second", 1, FALSE, 0 },
    { "inner one", 2, TRUE, 1 },
    { "inner two", 2, TRUE, 2 },
    { "deep", 3, FALSE, 0 },
    { "third", 1, FALSE, 0 },
  };
  AttestBlock *b;

  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 9);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      b = block_at (blocks, i);
      g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_LIST_ITEM);
      assert_text (b, expected[i].text);
      g_assert_cmpuint (b->depth, ==, expected[i].depth);
      g_assert_cmpint (b->ordered, ==, expected[i].ordered);
      if (expected[i].ordered)
        g_assert_cmpint (b->number, ==, expected[i].number);
    }
  g_assert_cmpint (block_at (blocks, 6)->kind, ==, ATTEST_BLOCK_PARAGRAPH);

  /* An ordered list keeps its start number. */
  b = block_at (blocks, 7);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_LIST_ITEM);
  g_assert_true (b->ordered);
  g_assert_cmpint (b->number, ==, 7);
  g_assert_cmpuint (b->depth, ==, 1);
  b = block_at (blocks, 8);
  g_assert_cmpint (b->number, ==, 8);
  assert_text (b, "eight");
}

static void
test_links (void)
{
  g_autoptr(GPtrArray) blocks = parse ("See [the **report**](https://example.com/r?a=1&b=2 \"Title\") "
                                       "and <https://example.org>.\n");
  AttestBlock *b;

  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  b = block_at (blocks, 0);
  assert_text (b, "See the report and https://example.org.");
  g_assert_cmpuint (b->runs->len, ==, 6);
  g_assert_null (run_at (b->runs, 0)->link);
  g_assert_cmpstr (run_at (b->runs, 1)->text, ==, "the ");
  g_assert_cmpstr (run_at (b->runs, 1)->link, ==, "https://example.com/r?a=1&b=2");
  g_assert_cmpint (run_at (b->runs, 1)->flags, ==, 0);
  g_assert_cmpstr (run_at (b->runs, 2)->text, ==, "report");
  g_assert_cmpstr (run_at (b->runs, 2)->link, ==, "https://example.com/r?a=1&b=2");
  g_assert_cmpint (run_at (b->runs, 2)->flags, ==, ATTEST_RUN_BOLD);
  g_assert_null (run_at (b->runs, 3)->link);
  g_assert_cmpstr (run_at (b->runs, 4)->text, ==, "https://example.org");
  g_assert_cmpstr (run_at (b->runs, 4)->link, ==, "https://example.org");
  g_assert_null (run_at (b->runs, 5)->link);
}

static void
test_code_block (void)
{
  g_autoptr(GPtrArray) blocks = parse ("```python\nif x:\n    print(\"**not bold**\")\n```\n\n"
                                       "    indented\n    code\n");
  AttestBlock *b;

  g_assert_cmpuint (blocks->len, ==, 2);
  b = block_at (blocks, 0);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_CODE);
  g_assert_cmpstr (b->label, ==, "python");
  g_assert_cmpuint (b->runs->len, ==, 1);
  /* Code is literal, indentation and all: its asterisks are text. */
  g_assert_cmpstr (run_at (b->runs, 0)->text, ==, "if x:\n    print(\"**not bold**\")");
  g_assert_cmpint (run_at (b->runs, 0)->flags, ==, ATTEST_RUN_CODE);

  b = block_at (blocks, 1);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_CODE);
  g_assert_null (b->label);
  assert_text (b, "indented\ncode");
}

static void
test_quotes_and_notes (void)
{
  g_autoptr(GPtrArray) blocks = parse ("> A quote\n> > and a nested one\n\n"
                                       "> [!NOTE]\n> Check the *date*.\n\n"
                                       "> [!warning]\n>\n> Expires soon.\n\n"
                                       "---\n\nAfter.\n");
  AttestBlock *b;

  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 6);
  b = block_at (blocks, 0);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_QUOTE);
  g_assert_cmpuint (b->depth, ==, 1);
  assert_text (b, "A quote");
  b = block_at (blocks, 1);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_QUOTE);
  g_assert_cmpuint (b->depth, ==, 2);
  assert_text (b, "and a nested one");

  b = block_at (blocks, 2);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_NOTE);
  g_assert_cmpstr (b->label, ==, "NOTE");
  assert_text (b, "Check the date.");
  g_assert_cmpint (run_at (b->runs, 1)->flags, ==, ATTEST_RUN_ITALIC);

  /* The marker alone on its line, any case: the label, not a paragraph of its own. */
  b = block_at (blocks, 3);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_NOTE);
  g_assert_cmpstr (b->label, ==, "WARNING");
  assert_text (b, "Expires soon.");

  g_assert_cmpint (block_at (blocks, 4)->kind, ==, ATTEST_BLOCK_THEMATIC_BREAK);
  assert_text (block_at (blocks, 5), "After.");
}

static void
test_table (void)
{
  g_autoptr(GPtrArray) blocks = parse ("| Service | Status |\n"
                                       "|:--|--:|\n"
                                       "| **Intune** | done<br>checked |\n"
                                       "| [Teams](https://example.com/t) | `open` |\n"
                                       "| Stream | |\n");
  AttestBlock *b;
  AttestTableRow *row;
  AttestTableCell *cell;
  g_autofree char *text = NULL;

  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  b = block_at (blocks, 0);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_TABLE);
  g_assert_cmpuint (b->runs->len, ==, 0);
  g_assert_cmpuint (b->rows->len, ==, 4);
  for (guint r = 0; r < b->rows->len; r++)
    {
      row = g_ptr_array_index (b->rows, r);
      g_assert_cmpint (row->header, ==, r == 0);
      g_assert_cmpuint (row->cells->len, ==, 2);
    }
  assert_text (b, "Service\tStatus\nIntune\tdone\nchecked\nTeams\topen\nStream\t");

  row = g_ptr_array_index (b->rows, 1);
  cell = g_ptr_array_index (row->cells, 0);
  g_assert_cmpint (run_at (cell->runs, 0)->flags, ==, ATTEST_RUN_BOLD);
  cell = g_ptr_array_index (row->cells, 1);
  text = attest_table_cell_dup_text (cell);
  g_assert_cmpstr (text, ==, "done\nchecked");
  row = g_ptr_array_index (b->rows, 2);
  cell = g_ptr_array_index (row->cells, 0);
  g_assert_cmpstr (run_at (cell->runs, 0)->link, ==, "https://example.com/t");
  cell = g_ptr_array_index (row->cells, 1);
  g_assert_cmpint (run_at (cell->runs, 0)->flags, ==, ATTEST_RUN_CODE);
  row = g_ptr_array_index (b->rows, 3);
  g_assert_cmpuint (((AttestTableCell *) g_ptr_array_index (row->cells, 1))->runs->len, ==, 0);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = attest_markdown_parse_blocks (NULL, 0, &error);
  g_autoptr(GPtrArray) empty = parse ("");
  g_autoptr(GPtrArray) blank = parse ("  \n\n\t\n");
  g_autoptr(GPtrArray) comment = parse ("<!-- only a comment -->\n");

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (comment->len, ==, 0);
}

static void
test_sentinels (void)
{
  g_autoptr(GString) md = g_string_new ("Hi ");
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  AttestBlock *b;

  /* A faked segment: open sentinel of index 3, the mark, text, the close. */
  g_string_append_unichar (md, ATTEST_SEGMENT_OPEN_BASE + 3);
  g_string_append_unichar (md, ATTEST_SEGMENT_MARK);
  g_string_append (md, "**there**");
  g_string_append_unichar (md, ATTEST_SEGMENT_MARK);
  g_string_append_unichar (md, ATTEST_SEGMENT_CLOSE);
  g_string_append_unichar (md, 0x10FFFD);
  g_string_append (md, " you\n");

  blocks = attest_markdown_parse_blocks (md->str, (gssize) md->len, &error);
  g_assert_no_error (error);
  assert_clean (blocks);
  g_assert_cmpuint (blocks->len, ==, 1);
  b = block_at (blocks, 0);
  assert_text (b, "Hi there you");
  g_assert_cmpuint (b->segments->len, ==, 0);
  g_assert_cmpint (run_at (b->runs, 1)->flags, ==, ATTEST_RUN_BOLD);

  /* Only the length given is read. */
  g_clear_pointer (&blocks, g_ptr_array_unref);
  blocks = attest_markdown_parse_blocks ("# Title and more", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blocks->len, ==, 1);
  assert_text (block_at (blocks, 0), "Title");
}

static void
test_raw_html (void)
{
  /* As on pages: <br> breaks the line, <sup> raises, every other tag goes
   * and the text between tags stays. */
  g_autoptr(GPtrArray) blocks = parse ("A <b>bold</b> claim<br>next line x<sup>2</sup> "
                                       "<script>alert(1)</script> <span class=\"x\">end</span>\n\n"
                                       "<div align=\"center\">\n<em>block</em> text\n</div>\n\n"
                                       "<!-- hidden -->\n\n"
                                       "1 < 2 and 3 > 2\n");
  AttestBlock *b;
  gboolean sup = FALSE;

  g_assert_cmpuint (blocks->len, ==, 3);
  b = block_at (blocks, 0);
  assert_text (b, "A bold claim\nnext line x2 alert(1) end");
  for (guint i = 0; i < b->runs->len; i++)
    {
      AttestRun *r = run_at (b->runs, i);

      g_assert_null (strchr (r->text, '<'));
      if (r->flags & ATTEST_RUN_SUPERSCRIPT)
        {
          g_assert_cmpstr (r->text, ==, "2");
          sup = TRUE;
        }
    }
  g_assert_true (sup);

  b = block_at (blocks, 1);
  g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_PARAGRAPH);
  assert_text (b, "block text");

  /* A lone "<" that starts no tag is text. */
  assert_text (block_at (blocks, 2), "1 < 2 and 3 > 2");
}

static void
assert_error (const char *text,
              gsize       len,
              int         code,
              const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = attest_markdown_parse_blocks (text, (gssize) len, &error);

  g_assert_null (blocks);
  g_assert_error (error, ATTEST_PAGE_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_bounds (void)
{
  gsize big = ATTEST_PAGE_MAX_BYTES + 1;
  g_autofree char *huge = g_malloc (big);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) lists = g_string_new (NULL);
  g_autoptr(GString) fine = g_string_new (NULL);
  g_autoptr(GPtrArray) blocks = NULL;
  gint64 start;

  memset (huge, 'a', big);
  assert_error (huge, big, ATTEST_PAGE_ERROR_TOO_LARGE, "larger than 4 MiB");
  /* One line of a MiB and more. */
  memset (huge, 'a', ATTEST_PAGE_MAX_LINE_BYTES + 1);
  huge[ATTEST_PAGE_MAX_LINE_BYTES + 1] = '\n';
  assert_error (huge, ATTEST_PAGE_MAX_LINE_BYTES + 2, ATTEST_PAGE_ERROR_LINE_TOO_LONG, "longer than");

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (deep, '>');
  g_string_append (deep, " deep\n");
  start = g_get_monotonic_time ();
  assert_error (deep->str, deep->len, ATTEST_PAGE_ERROR_TOO_DEEP, "nests quotes and lists more than 1000");
  for (guint i = 0; i < 5000; i++)
    g_string_append (lists, i % 2 == 0 ? "- " : "1. ");
  g_string_append (lists, "x\n");
  assert_error (lists->str, lists->len, ATTEST_PAGE_ERROR_TOO_DEEP, "note");
  /* Refused before cmark-gfm nests them: a blow-up would take minutes. Not a
   * speed goal, so generous for a loaded machine under the sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  /* A wide header over many one-cell rows: each row padded to 20 000 cells. */
  {
    g_autoptr(GString) wide = g_string_new ("|");

    for (guint i = 0; i < 20000; i++)
      g_string_append (wide, "a|");
    g_string_append (wide, "\n|");
    for (guint i = 0; i < 20000; i++)
      g_string_append (wide, "-|");
    g_string_append_c (wide, '\n');
    for (guint i = 0; i < 2000; i++)
      g_string_append (wide, "|b\n");
    assert_error (wide->str, wide->len, ATTEST_PAGE_ERROR_TOO_MANY_CELLS, "20000 columns");
  }

  assert_error ("ok \xff\xfe bad", 9, ATTEST_PAGE_ERROR_NOT_UTF8, "UTF-8");
  assert_error ("ok\0bad", 6, ATTEST_PAGE_ERROR_BINARY, "NUL");

  /* Moderate nesting is fine. */
  for (guint i = 0; i < 50; i++)
    g_string_append (fine, "> ");
  g_string_append (fine, "- item\n");
  blocks = parse (fine->str);
  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpint (block_at (blocks, 0)->kind, ==, ATTEST_BLOCK_LIST_ITEM);
  g_assert_cmpuint (block_at (blocks, 0)->quote_depth, ==, 50);
}

/* A list row shows a note's words, not its markup. */
static void
test_plain_text (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "**Opinion**: unqualified", "Opinion: unqualified" },
    { "# Scope\n\n- SOC 2\n- *ISO* 27001\n", "Scope SOC 2 ISO 27001" },
    { "See [the report](https://example.com/r.pdf)  \nline two", "See the report line two" },
    { "a <script>x</script> b", "a x b" },
    { "", "" },
    { "   \n\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = attest_markdown_to_plain_text (cases[i].in);

      g_assert_cmpstr (plain, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/headings", test_headings);
  g_test_add_func ("/markdown/runs", test_runs);
  g_test_add_func ("/markdown/lists", test_lists);
  g_test_add_func ("/markdown/links", test_links);
  g_test_add_func ("/markdown/code-block", test_code_block);
  g_test_add_func ("/markdown/quotes-and-notes", test_quotes_and_notes);
  g_test_add_func ("/markdown/table", test_table);
  g_test_add_func ("/markdown/empty", test_empty);
  g_test_add_func ("/markdown/sentinels", test_sentinels);
  g_test_add_func ("/markdown/raw-html", test_raw_html);
  g_test_add_func ("/markdown/bounds", test_bounds);
  g_test_add_func ("/markdown/plain-text", test_plain_text);

  return g_test_run ();
}
