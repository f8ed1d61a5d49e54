/* test-page-runs.c: each run knows the segment it lies in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-page.h"
#include "attest-page-private.h"
#include "attest-test-corpus.h"

#define PAIR(id, tr, src) \
  "<span data-ttu-id=\"" id "\">" tr "</span><span class=\"sxs-lookup\"><span data-stu-id=\"" id "\">" src "</span></span>"

static AttestRun *
run_at (GPtrArray *runs,
        guint      i)
{
  g_assert_cmpuint (i, <, runs->len);
  return g_ptr_array_index (runs, i);
}

static int
segment_by_id (AttestPage *page,
               const char *id)
{
  for (guint i = 0; i < page->segments->len; i++)
    if (g_strcmp0 (((AttestSegment *) g_ptr_array_index (page->segments, i))->id, id) == 0)
      return (int) i;
  g_error ("no segment %s", id);
  return -1;
}

static void
assert_run (GPtrArray      *runs,
            guint           i,
            const char     *text,
            AttestRunFlags  flags,
            int             segment)
{
  AttestRun *run = run_at (runs, i);

  g_assert_cmpstr (run->text, ==, text);
  g_assert_cmpint (run->flags, ==, flags);
  g_assert_cmpint (run->segment, ==, segment);
}

static gboolean
block_lists_segment (const AttestBlock *block,
                     int                segment)
{
  for (guint k = 0; k < block->segments->len; k++)
    if ((int) g_array_index (block->segments, guint, k) == segment)
      return TRUE;
  return FALSE;
}

/* Calls @func on the runs of @block, or of each of its table cells. */
static void
foreach_runs (const AttestBlock *block,
              void             (*func) (GPtrArray *runs, gpointer data),
              gpointer           data)
{
  func (block->runs, data);
  for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
    {
      AttestTableRow *row = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        func (((AttestTableCell *) g_ptr_array_index (row->cells, c))->runs, data);
    }
}

typedef struct {
  const AttestBlock *block;
  const char *path;
  guint index;
  GHashTable *seen;   /* segments found on runs */
} RunCheck;

static void
check_runs (GPtrArray *runs,
            gpointer   data)
{
  RunCheck *check = data;

  for (guint i = 0; i < runs->len; i++)
    {
      AttestRun *run = g_ptr_array_index (runs, i);

      g_assert_cmpint (run->segment, >=, -1);
      if (run->segment < 0)
        continue;
      if (!block_lists_segment (check->block, run->segment))
        g_error ("%s: block %u: run “%s” is in segment %d, which the block does not list",
                 check->path, check->index, run->text, run->segment);
      g_hash_table_add (check->seen, GINT_TO_POINTER (run->segment + 1));
    }
}

typedef struct {
  guint pages;
  guint blocks;
  guint runs_in_segments;
  guint listed;           /* segment indexes listed on blocks */
  guint listed_without_run;
} CorpusCount;

static void check_side (AttestPage  *page,
                        GPtrArray   *blocks,
                        gboolean     source,
                        CorpusCount *count);

/* ---- a bilingual snippet ------------------------------------------- */

static void
test_bilingual (void)
{
  const char *md =
    "# " PAIR ("h-1", "Services", "Services") "\n\n"
    "Avant. " PAIR ("p-1", "Le service **Flux** est couvert", "The **Stream** service is covered")
    " " PAIR ("p-2", "Deux", "Two") " Après.\n\n"
    "- [" PAIR ("l-1", "Flux", "Stream") "](https://example.com/stream)\n\n"
    "| Applicability | In-scope services |\n"
    "|:--|:--|\n"
    "| " PAIR ("t-1", "**GCC**", "**GCC**") " | " PAIR ("t-2", "Flux, Power BI", "Stream, Power BI") " |\n\n"
    "Fin" PAIR ("e-1", "", "") ".\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = attest_page_parse ("runs.md", md, -1, &error);
  int p1, p2, l1, t1, t2;

  g_assert_no_error (error);
  g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_BILINGUAL);
  g_assert_cmpuint (page->source_blocks->len, ==, 5);
  p1 = segment_by_id (page, "p-1");
  p2 = segment_by_id (page, "p-2");
  l1 = segment_by_id (page, "l-1");
  t1 = segment_by_id (page, "t-1");
  t2 = segment_by_id (page, "t-2");

  for (int side = 0; side < 2; side++)
    {
      GPtrArray *blocks = side == 0 ? page->source_blocks : page->translated_blocks;
      AttestBlock *b = g_ptr_array_index (blocks, 1);
      AttestTableRow *row;

      /* The segment spans bold and plain text: both sides of the bold run
       * carry it; text outside any segment carries -1. */
      if (side == 0)
        {
          assert_run (b->runs, 0, "Avant. ", 0, -1);
          assert_run (b->runs, 1, "The ", 0, p1);
          assert_run (b->runs, 2, "Stream", ATTEST_RUN_BOLD, p1);
          assert_run (b->runs, 3, " service is covered", 0, p1);
        }
      else
        {
          assert_run (b->runs, 0, "Avant. ", 0, -1);
          assert_run (b->runs, 1, "Le service ", 0, p1);
          assert_run (b->runs, 2, "Flux", ATTEST_RUN_BOLD, p1);
          assert_run (b->runs, 3, " est couvert", 0, p1);
        }
      /* Two segments one space apart: the space belongs to neither. */
      assert_run (b->runs, 4, " ", 0, -1);
      assert_run (b->runs, 5, side == 0 ? "Two" : "Deux", 0, p2);
      assert_run (b->runs, 6, " Après.", 0, -1);
      g_assert_cmpuint (b->runs->len, ==, 7);

      /* A segment inside a link's text. */
      b = g_ptr_array_index (blocks, 2);
      g_assert_cmpuint (b->runs->len, ==, 1);
      g_assert_cmpint (run_at (b->runs, 0)->segment, ==, l1);
      g_assert_cmpstr (run_at (b->runs, 0)->link, ==, "https://example.com/stream");

      /* Table cells' runs too; the header row is outside every segment. */
      b = g_ptr_array_index (blocks, 3);
      g_assert_cmpint (b->kind, ==, ATTEST_BLOCK_TABLE);
      row = g_ptr_array_index (b->rows, 0);
      g_assert_cmpint (run_at (((AttestTableCell *) g_ptr_array_index (row->cells, 0))->runs, 0)->segment, ==, -1);
      row = g_ptr_array_index (b->rows, 1);
      assert_run (((AttestTableCell *) g_ptr_array_index (row->cells, 0))->runs, 0, "GCC", ATTEST_RUN_BOLD, t1);
      assert_run (((AttestTableCell *) g_ptr_array_index (row->cells, 1))->runs, 0,
                  side == 0 ? "Stream, Power BI" : "Flux, Power BI", 0, t2);
      g_assert_true (block_lists_segment (b, t1));
      g_assert_true (block_lists_segment (b, t2));
    }

  /* An empty segment is listed by its block and carried by no run: the
   * one case the corpus check below allows. */
  {
    CorpusCount count = { 0 };

    check_side (page, page->source_blocks, TRUE, &count);
    check_side (page, page->translated_blocks, FALSE, &count);
    g_assert_cmpuint (count.listed, ==, 2 * 7);
    g_assert_cmpuint (count.listed_without_run, ==, 2);
  }
}

/* An English page: no run is in a segment. */
static void
test_outside (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = attest_page_parse ("en.md",
                                                  "# Title\n\nSome **bold** and [a link](x).\n\n"
                                                  "| A | B |\n|--|--|\n| c | d |\n", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_SOURCE_ONLY);
  for (guint b = 0; b < page->source_blocks->len; b++)
    {
      AttestBlock *block = g_ptr_array_index (page->source_blocks, b);
      RunCheck check = { block, "en.md", b, g_hash_table_new (NULL, NULL) };

      foreach_runs (block, check_runs, &check);
      g_assert_cmpuint (g_hash_table_size (check.seen), ==, 0);
      g_hash_table_unref (check.seen);
    }
  /* A run made by hand is in no segment either. */
  {
    AttestRun *run = attest_run_new ("x", -1, 0, NULL);

    g_assert_cmpint (run->segment, ==, -1);
    attest_run_free (run);
  }
}

/* ---- sentinels that do not balance ------------------------------- */

#define OPEN(i)  "\xf3\xb0\x80" i "\xe2\xb8\xb1"   /* U+F00xx, U+2E31 */
#define CLOSE    "\xe2\xb8\xb1\xee\x80\x80"        /* U+2E31, U+E000 */

static void
test_unbalanced (void)
{
  static const char * const cases[] = {
    /* closes without opens */
    CLOSE CLOSE "a " CLOSE "b\n",
    /* opens without closes, across blocks */
    OPEN ("\x81") "one\n\n" "two " OPEN ("\x82") "three\n\n- four\n",
    /* nested deeper than the walker keeps */
    OPEN ("\x80") OPEN ("\x81") OPEN ("\x82") OPEN ("\x83") OPEN ("\x84") OPEN ("\x85") OPEN ("\x86")
    OPEN ("\x87") OPEN ("\x88") OPEN ("\x89") OPEN ("\x8a") "deep" CLOSE CLOSE CLOSE CLOSE CLOSE CLOSE
    CLOSE CLOSE CLOSE CLOSE CLOSE " out" CLOSE " still out\n",
    /* in code, in a URL, in an HTML tag, split by a table */
    "`" OPEN ("\x81") "code` text" CLOSE "\n\n[x](http://e/" OPEN ("\x82") ") y" CLOSE "\n\n"
    "<b title=\"" OPEN ("\x83") "\">z" CLOSE "</b>\n\n"
    "| a " OPEN ("\x84") "| b |\n|--|--|\n| c " CLOSE "| d |\n",
    /* only sentinels */
    OPEN ("\x81") CLOSE "\n",
    /* a lone U+2E31 and a half sequence */
    "\xe2\xb8\xb1 a \xf3\xb0\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) blocks = NULL;
      g_autoptr(GError) error = NULL;
      const char *md = cases[i];

      /* The half sequence is not UTF-8: the page parser would refuse it, the
       * builder must still not read past it. */
      g_assert_true (_attest_page_build_blocks ("unbalanced.md", md, strlen (md), &blocks, &error));
      g_assert_no_error (error);
      for (guint b = 0; b < blocks->len; b++)
        {
          AttestBlock *block = g_ptr_array_index (blocks, b);
          RunCheck check = { block, "unbalanced.md", b, g_hash_table_new (NULL, NULL) };
          g_autofree char *text = attest_block_dup_text (block);

          foreach_runs (block, check_runs, &check);
          g_hash_table_unref (check.seen);
          g_assert_null (strstr (text, "\xe2\xb8\xb1"));
          g_assert_null (strstr (text, "\xee\x80\x80"));
        }
    }

  /* What the walker makes of them. */
  {
    g_autoptr(GPtrArray) blocks = NULL;
    AttestBlock *b;

    g_assert_true (_attest_page_build_blocks ("u.md", cases[0], strlen (cases[0]), &blocks, NULL));
    b = g_ptr_array_index (blocks, 0);
    g_assert_cmpuint (b->runs->len, ==, 1);
    assert_run (b->runs, 0, "a b", 0, -1);
    g_clear_pointer (&blocks, g_ptr_array_unref);

    /* An open segment ends with its block. */
    g_assert_true (_attest_page_build_blocks ("u.md", cases[1], strlen (cases[1]), &blocks, NULL));
    g_assert_cmpuint (blocks->len, ==, 3);
    b = g_ptr_array_index (blocks, 0);
    assert_run (b->runs, 0, "one", 0, 1);
    b = g_ptr_array_index (blocks, 1);
    assert_run (b->runs, 0, "two ", 0, -1);
    assert_run (b->runs, 1, "three", 0, 2);
    b = g_ptr_array_index (blocks, 2);
    assert_run (b->runs, 0, "four", 0, -1);
    g_clear_pointer (&blocks, g_ptr_array_unref);

    /* Eleven deep: the innermost kept is the eighth; every close counts. */
    g_assert_true (_attest_page_build_blocks ("u.md", cases[2], strlen (cases[2]), &blocks, NULL));
    b = g_ptr_array_index (blocks, 0);
    g_assert_cmpuint (b->segments->len, ==, 11);
    assert_run (b->runs, 0, "deep", 0, 7);
    assert_run (b->runs, 1, " out still out", 0, -1);
    g_assert_cmpuint (b->runs->len, ==, 2);
  }
}

/* ---- the corpus ------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
count_runs (GPtrArray *runs,
            gpointer   data)
{
  guint *n = data;

  for (guint i = 0; i < runs->len; i++)
    if (((AttestRun *) g_ptr_array_index (runs, i))->segment >= 0)
      (*n)++;
}

/* A segment a block lists but no run of it carries: its text on that side
 * must leave nothing to show (blank, or markup only: an image, a tag). */
static void
check_side (AttestPage  *page,
            GPtrArray   *blocks,
            gboolean     source,
            CorpusCount *count)
{
  for (guint b = 0; b < blocks->len; b++)
    {
      AttestBlock *block = g_ptr_array_index (blocks, b);
      RunCheck check = { block, page->path, b, g_hash_table_new (NULL, NULL) };

      count->blocks++;
      foreach_runs (block, check_runs, &check);
      foreach_runs (block, count_runs, &count->runs_in_segments);
      for (guint k = 0; k < block->segments->len; k++)
        {
          guint seg = g_array_index (block->segments, guint, k);
          const AttestSegment *s = attest_page_get_segment (page, seg);
          g_autoptr(GPtrArray) shown = NULL;
          g_autofree char *text = NULL;

          count->listed++;
          if (g_hash_table_contains (check.seen, GINT_TO_POINTER (seg + 1)))
            continue;
          count->listed_without_run++;
          g_assert_nonnull (s);
          /* The segment's own Markdown, rendered alone, shows nothing. */
          text = g_strdup (source ? s->source : s->translated);
          g_assert_true (_attest_page_build_blocks ("segment", text, strlen (text), &shown, NULL));
          for (guint i = 0; i < shown->len; i++)
            {
              g_autofree char *t = attest_block_dup_text (g_ptr_array_index (shown, i));

              if (!is_blank (t))
                g_error ("%s: %s block %u lists segment %u (%s) but no run carries it: “%s”",
                         page->path, source ? "source" : "translated", b, seg, s->id, t);
            }
          g_test_message ("%s: %s block %u: segment %s shows nothing: “%s”", page->path,
                          source ? "source" : "translated", b, s->id, text);
        }
      g_hash_table_unref (check.seen);
    }
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) paths = attest_test_corpus_pages (FALSE);
  CorpusCount count = { 0 };

  if (paths == NULL)
    return;   /* skipped, and said why */

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *root = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPage) page = attest_page_load (path, root, &error);

      g_assert_no_error (error);
      if (page->kind != ATTEST_PAGE_KIND_BILINGUAL)
        continue;
      count.pages++;
      check_side (page, page->source_blocks, TRUE, &count);
      check_side (page, page->translated_blocks, FALSE, &count);
    }
  g_test_message ("%u bilingual pages, %u blocks, %u runs in segments, %u segment listings, "
                  "%u of them on no run", count.pages, count.blocks, count.runs_in_segments,
                  count.listed, count.listed_without_run);
  g_assert_cmpuint (count.pages, >, 150);
  g_assert_cmpuint (count.runs_in_segments, >, count.pages * 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-runs/bilingual", test_bilingual);
  g_test_add_func ("/page-runs/outside", test_outside);
  g_test_add_func ("/page-runs/unbalanced", test_unbalanced);
  g_test_add_func ("/page-runs/corpus", test_corpus);

  return g_test_run ();
}
