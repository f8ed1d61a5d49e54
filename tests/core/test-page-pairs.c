/* test-page-pairs.c: side by side, blocks paired by segment ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-page.h"
#include "attest-page-pairs.h"
#include "attest-test-corpus.h"

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

/* The properties every pairing keeps, whatever the page: each block of each
 * side once, in increasing order; rows numbered 0, 1, … in order; blocks
 * that share a segment in the same row.  Returns the number of rows. */
static guint
assert_pairs_valid (AttestPage *page,
                    GArray     *pairs)
{
  g_autofree int *t_row = g_new (int, page->translated_blocks->len + 1);
  g_autofree int *s_row = g_new (int, page->source_blocks->len + 1);
  g_autofree int *seg_row = g_new (int, page->segments->len + 1);
  int next_t = 0, next_s = 0;
  guint rows = 0;

  g_assert_nonnull (pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      AttestBlockPair *p = &g_array_index (pairs, AttestBlockPair, i);

      if (p->translated < 0 && p->source < 0)
        g_error ("%s: pair %u has no block", page->path, i);
      if (p->translated >= 0)
        {
          if (p->translated != next_t)
            g_error ("%s: pair %u: translated block %d, expected %d", page->path, i, p->translated, next_t);
          t_row[next_t++] = (int) p->row;
        }
      if (p->source >= 0)
        {
          if (p->source != next_s)
            g_error ("%s: pair %u: source block %d, expected %d", page->path, i, p->source, next_s);
          s_row[next_s++] = (int) p->row;
        }
      if (i == 0)
        g_assert_cmpuint (p->row, ==, 0);
      else
        {
          guint prev = g_array_index (pairs, AttestBlockPair, i - 1).row;

          if (p->row != prev && p->row != prev + 1)
            g_error ("%s: pair %u: row %u after row %u", page->path, i, p->row, prev);
        }
      rows = p->row + 1;
    }
  g_assert_cmpint (next_t, ==, (int) page->translated_blocks->len);
  g_assert_cmpint (next_s, ==, (int) page->source_blocks->len);

  /* A segment's blocks, on either side, all sit in one row. */
  for (guint k = 0; k < page->segments->len; k++)
    seg_row[k] = -1;
  for (int side = 0; side < 2; side++)
    {
      GPtrArray *blocks = side == 0 ? page->translated_blocks : page->source_blocks;
      int *block_row = side == 0 ? t_row : s_row;

      for (guint b = 0; b < blocks->len; b++)
        {
          AttestBlock *block = g_ptr_array_index (blocks, b);

          for (guint k = 0; k < block->segments->len; k++)
            {
              guint seg = g_array_index (block->segments, guint, k);

              g_assert_cmpuint (seg, <, page->segments->len);
              if (seg_row[seg] < 0)
                seg_row[seg] = block_row[b];
              else if (seg_row[seg] != block_row[b])
                g_error ("%s: segment %u in rows %d and %d", page->path, seg, seg_row[seg], block_row[b]);
            }
        }
    }
  return rows;
}

/* "t,s,row;t,s,row;…" */
static char *
pairs_to_string (GArray *pairs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pairs->len; i++)
    {
      AttestBlockPair *p = &g_array_index (pairs, AttestBlockPair, i);

      g_string_append_printf (out, "%s%d,%d,%u", i > 0 ? ";" : "", p->translated, p->source, p->row);
    }
  return g_string_free (out, FALSE);
}

static AttestPage *
parse (const char *md)
{
  g_autoptr(GError) error = NULL;
  AttestPage *page = attest_page_parse ("pairs.md", md, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static char *
block_text (GPtrArray *blocks,
            int        i)
{
  if (i < 0)
    return g_strdup ("-");
  return attest_block_dup_text (g_ptr_array_index (blocks, i));
}

#define PAIR(id, tr, src) \
  "<span data-ttu-id=\"" id "\">" tr "</span><span class=\"sxs-lookup\"><span data-stu-id=\"" id "\">" src "</span></span>"

/* ---- parsed pages -------------------------------------------------- */

static void
test_bilingual_simple (void)
{
  g_autoptr(AttestPage) page = parse (
    "# " PAIR ("a-1", "Titre", "Title") "\n\n"
    PAIR ("a-2", "Un texte.", "A text.") " " PAIR ("a-3", "Encore.", "More.") "\n\n"
    "- " PAIR ("a-4", "Premier", "First") "\n"
    "- " PAIR ("a-5", "Second", "Second") "\n");
  g_autoptr(GArray) pairs = attest_page_pair_blocks (page);
  g_autofree char *got = pairs_to_string (pairs);

  g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_BILINGUAL);
  g_assert_true (page->translated_blocks != page->source_blocks);
  g_assert_cmpstr (got, ==, "0,0,0;1,1,1;2,2,2;3,3,3");
  g_assert_cmpuint (assert_pairs_valid (page, pairs), ==, 4);
}

/* A translated paragraph that holds the segments of two source paragraphs:
 * one row, the second source block beside nothing. */
static void
test_bilingual_merge (void)
{
  g_autoptr(AttestPage) page = parse (
    "# " PAIR ("m-1", "Titre", "Title") "\n\n"
    PAIR ("m-2", "Un", "One\n\n") " " PAIR ("m-3", "deux.", "Two.") "\n\n"
    PAIR ("m-4", "Fin.", "End.") "\n");
  g_autoptr(GArray) pairs = attest_page_pair_blocks (page);
  g_autofree char *got = pairs_to_string (pairs);
  g_autofree char *t1 = NULL, *s1 = NULL, *s2 = NULL;

  g_assert_cmpuint (page->translated_blocks->len, ==, 3);
  g_assert_cmpuint (page->source_blocks->len, ==, 4);
  t1 = block_text (page->translated_blocks, 1);
  s1 = block_text (page->source_blocks, 1);
  s2 = block_text (page->source_blocks, 2);
  g_assert_cmpstr (t1, ==, "Un deux.");
  g_assert_cmpstr (s1, ==, "One");
  g_assert_cmpstr (s2, ==, "Two.");
  g_assert_cmpstr (got, ==, "0,0,0;1,1,1;-1,2,1;2,3,2");
  g_assert_cmpuint (assert_pairs_valid (page, pairs), ==, 3);
}

/* Blocks without segments pair between the anchored rows, same kind facing
 * same kind; the extra one on the longer side stands alone. */
static void
test_bilingual_unanchored (void)
{
  g_autoptr(AttestPage) page = parse (
    "# " PAIR ("u-1", "Titre", "Title") "\n\n"
    "---\n\n"
    "```\ncode\n```\n\n"
    PAIR ("u-2", "Un\n\nDeux", "One") "\n\n"
    "| A | B |\n|---|---|\n| 1 | 2 |\n\n"
    PAIR ("u-3", "Fin.", "End.") "\n\n"
    "---\n");
  g_autoptr(GArray) pairs = attest_page_pair_blocks (page);
  g_autofree char *got = pairs_to_string (pairs);
  g_autofree char *t4 = NULL;

  g_assert_cmpuint (page->translated_blocks->len, ==, 8);
  g_assert_cmpuint (page->source_blocks->len, ==, 7);
  g_assert_cmpint (((AttestBlock *) g_ptr_array_index (page->source_blocks, 1))->kind, ==,
                   ATTEST_BLOCK_THEMATIC_BREAK);
  g_assert_cmpint (((AttestBlock *) g_ptr_array_index (page->source_blocks, 2))->kind, ==,
                   ATTEST_BLOCK_CODE);
  g_assert_cmpint (((AttestBlock *) g_ptr_array_index (page->source_blocks, 4))->kind, ==,
                   ATTEST_BLOCK_TABLE);
  t4 = block_text (page->translated_blocks, 4);
  g_assert_cmpstr (t4, ==, "Deux");
  /* Title; break; code; "Un"|"One"; "Deux" alone; table; "Fin."; break. */
  g_assert_cmpstr (got, ==, "0,0,0;1,1,1;2,2,2;3,3,3;4,-1,4;5,4,5;6,5,6;7,6,7");
  g_assert_cmpuint (assert_pairs_valid (page, pairs), ==, 8);
}

static void
test_one_list (void)
{
  static const char * const pages[] = {
    "# Title\n\nText.\n\n---\n\n- a\n- b\n",
    "# <span data-ttu-id=\"x-1\">Titre</span>\n\n<span data-ttu-id=\"x-2\">Texte</span>\n\n---\n",
  };
  static const AttestPageKind kinds[] = {
    ATTEST_PAGE_KIND_SOURCE_ONLY,
    ATTEST_PAGE_KIND_TRANSLATION_ONLY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(AttestPage) page = parse (pages[i]);
      g_autoptr(GArray) pairs = attest_page_pair_blocks (page);

      g_assert_cmpint (page->kind, ==, kinds[i]);
      g_assert_true (page->translated_blocks == page->source_blocks);
      g_assert_cmpuint (pairs->len, ==, page->source_blocks->len);
      g_assert_cmpuint (pairs->len, >=, 3);
      for (guint k = 0; k < pairs->len; k++)
        {
          AttestBlockPair *p = &g_array_index (pairs, AttestBlockPair, k);

          g_assert_cmpint (p->translated, ==, (int) k);
          g_assert_cmpint (p->source, ==, (int) k);
          g_assert_cmpuint (p->row, ==, k);
        }
      assert_pairs_valid (page, pairs);
    }
}

/* ---- hand-made block lists, for shapes the markup cannot produce ---- */

/* "ab|-|c": one block per "|", each holding the segments named by its
 * letters ('a' = segment 0); "-" is a block without segments. */
static GPtrArray *
blocks_from_spec (const char *spec)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_block_free);
  g_auto(GStrv) parts = NULL;

  if (*spec == '\0')
    return blocks;
  parts = g_strsplit (spec, "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AttestBlock *b = attest_block_new (ATTEST_BLOCK_PARAGRAPH);

      for (const char *c = parts[i]; *c != '\0'; c++)
        if (*c >= 'a' && *c <= 'z')
          {
            guint seg = (guint) (*c - 'a');

            g_array_append_val (b->segments, seg);
          }
      g_ptr_array_add (blocks, b);
    }
  return blocks;
}

static void
check_spec (const char *translated,
            const char *source,
            const char *expected)
{
  AttestPage page = { 0 };
  g_autoptr(GArray) pairs = NULL;
  g_autofree char *got = NULL;

  page.path = (char *) "hand-made";
  page.kind = ATTEST_PAGE_KIND_BILINGUAL;
  page.segments = g_ptr_array_new ();
  for (guint k = 0; k < 26; k++)
    g_ptr_array_add (page.segments, NULL);
  page.translated_blocks = blocks_from_spec (translated);
  page.source_blocks = blocks_from_spec (source);

  pairs = attest_page_pair_blocks (&page);
  got = pairs_to_string (pairs);
  if (g_strcmp0 (got, expected) != 0)
    g_error ("T \"%s\", S \"%s\": got \"%s\", expected \"%s\"", translated, source, got, expected);
  assert_pairs_valid (&page, pairs);

  g_ptr_array_unref (page.segments);
  g_ptr_array_unref (page.translated_blocks);
  g_ptr_array_unref (page.source_blocks);
}

static void
test_hand_made (void)
{
  check_spec ("", "", "");
  check_spec ("-", "", "0,-1,0");
  check_spec ("", "-|-", "-1,0,0;-1,1,1");
  check_spec ("a|b", "a|b", "0,0,0;1,1,1");
  /* One source block spanning two translated ones. */
  check_spec ("a|b|c", "a|bc", "0,0,0;1,1,1;2,-1,1");
  /* Crossing: the two rows cannot both keep their order, so they merge. */
  check_spec ("b|a", "a|b", "0,0,0;1,1,0");
  check_spec ("a|b|c|d", "b|c|a|d", "0,0,0;1,1,0;2,2,0;3,3,1");
  /* A component with a gap (a…c) swallows what lies inside it. */
  check_spec ("a|b|c|d", "ac|b|d", "0,0,0;1,1,0;2,-1,0;3,2,1");
  /* Segments on one side only anchor nothing. */
  check_spec ("a|x|b", "a|b", "0,0,0;1,-1,1;2,1,2");
  check_spec ("a|-|-|b|-", "a|-|b|-|-", "0,0,0;1,1,1;2,-1,2;3,2,3;4,3,4;-1,4,5");
  /* A segment held by two blocks of one side joins them. */
  check_spec ("a|a|b", "a|b", "0,0,0;1,-1,0;2,1,1");
  /* No anchor at all: all one gap. */
  check_spec ("x|-", "y|-|-", "0,0,0;1,1,1;-1,2,2");
}

/* ---- seeds and corpus ---------------------------------------------- */

/* The seeds' two sides have the same structure, so each row is one pair of
 * blocks at the same index. */
static void
test_seeds (void)
{
  static const char * const seeds[] = {
    "offering-soc.fr-FR.md",
    "offering-mars-e.zh-TW.md",
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = source_path ("data", "offerings", seeds[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPage) page = attest_page_load (path, NULL, &error);
      g_autoptr(GArray) pairs = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (page->kind, ==, ATTEST_PAGE_KIND_BILINGUAL);
      pairs = attest_page_pair_blocks (page);
      g_assert_cmpuint (assert_pairs_valid (page, pairs), ==, page->source_blocks->len);
      g_assert_cmpuint (pairs->len, ==, page->source_blocks->len);
      for (guint k = 0; k < pairs->len; k++)
        {
          AttestBlockPair *p = &g_array_index (pairs, AttestBlockPair, k);

          g_assert_cmpint (p->translated, ==, (int) k);
          g_assert_cmpint (p->source, ==, (int) k);
        }
    }
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) pages = attest_test_corpus_pages (FALSE);
  guint bilingual = 0;

  if (pages == NULL)
    return;   /* skipped, and said why */
  g_assert_cmpuint (pages->len, >, 300);

  for (guint i = 0; i < pages->len; i++)
    {
      const char *path = g_ptr_array_index (pages, i);
      g_autofree char *root = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPage) page = attest_page_load (path, root, &error);
      g_autoptr(GArray) pairs = NULL;

      g_assert_no_error (error);
      pairs = attest_page_pair_blocks (page);
      assert_pairs_valid (page, pairs);
      if (page->kind == ATTEST_PAGE_KIND_BILINGUAL)
        bilingual++;
    }
  g_test_message ("%u pages, %u bilingual", pages->len, bilingual);
  g_assert_cmpuint (bilingual, >, 150);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-pairs/bilingual/simple", test_bilingual_simple);
  g_test_add_func ("/page-pairs/bilingual/merge", test_bilingual_merge);
  g_test_add_func ("/page-pairs/bilingual/unanchored", test_bilingual_unanchored);
  g_test_add_func ("/page-pairs/one-list", test_one_list);
  g_test_add_func ("/page-pairs/hand-made", test_hand_made);
  g_test_add_func ("/page-pairs/seeds", test_seeds);
  g_test_add_func ("/page-pairs/corpus", test_corpus);

  return g_test_run ();
}
