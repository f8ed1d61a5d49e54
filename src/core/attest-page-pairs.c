/* attest-page-pairs.c: side by side, the page's blocks paired by segment ids
 *
 * The rule, for a bilingual page (translated blocks T, source blocks S):
 *
 * 1. An anchor is a segment index that occurs in at least one block of each
 *    side.  A block is anchored when it holds an anchor.  Blocks without
 *    segments (thematic breaks, most code blocks, text outside any span) and
 *    blocks whose segments occur on one side only are unanchored.
 * 2. Anchored blocks that share an anchor are joined; the connected components
 *    of that relation each hold blocks of both sides.
 * 3. Components are then merged until each one spans a contiguous range of T
 *    and a contiguous range of S, and the ranges of successive components
 *    increase on both sides: two components merge when their T ranges or
 *    their S ranges overlap, or when they cross (one is before the other on
 *    one side and not on the other).  Each merged component is one row: its
 *    blocks (with any unanchored block inside its ranges) pair up by position
 *    and share a row number.
 * 4. The unanchored blocks between two rows (and before the first, after the
 *    last) are one row each.  Within such a gap, blocks of the same kind pair
 *    up (the longest common subsequence of the two sides' kinds, so a table
 *    faces a table and a thematic break a thematic break); the blocks left
 *    between two such matches pair by position, and the longer side's extra
 *    blocks get -1 on the other side.  A gap too large for that (more than
 *    GAP_MAX_CELLS block pairs to compare) pairs by position only.
 *
 * A page that is not bilingual (one block list) pairs each block with itself.
 * So every block index occurs exactly once on its side, in increasing order,
 * and a block never leaves the row of a block that shares a segment with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-page-pairs"

#include "config.h"

#include "attest-page-pairs.h"

/* Bounds the kind alignment of a gap, which costs time and memory in the
 * product of its two lengths. */
#define GAP_MAX_CELLS (512 * 512)

typedef struct {
  int ta, tb;   /* first and last translated block */
  int sa, sb;   /* first and last source block */
} Span;

static guint
find_root (guint *parent,
           guint  x)
{
  guint root = x;

  while (parent[root] != root)
    root = parent[root];
  while (parent[x] != root)
    {
      guint next = parent[x];

      parent[x] = root;
      x = next;
    }
  return root;
}

static void
join (guint *parent,
      guint  a,
      guint  b)
{
  a = find_root (parent, a);
  b = find_root (parent, b);
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

/* For every segment index, the first block of @blocks that holds it, or -1. */
static void
first_holders (GPtrArray *blocks,
               int       *first,
               guint      n_segments)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      AttestBlock *b = g_ptr_array_index (blocks, i);

      for (guint k = 0; k < b->segments->len; k++)
        {
          guint seg = g_array_index (b->segments, guint, k);

          if (seg < n_segments && first[seg] < 0)
            first[seg] = (int) i;
        }
    }
}

/* Joins each block to the blocks that first hold its anchors; returns
 * whether the block holds any anchor. */
static gboolean
join_anchors (AttestBlock *b,
              guint        node,
              guint       *parent,
              const int   *first_t,
              const int   *first_s,
              guint        n_t,
              guint        n_segments)
{
  gboolean anchored = FALSE;

  for (guint k = 0; k < b->segments->len; k++)
    {
      guint seg = g_array_index (b->segments, guint, k);

      if (seg >= n_segments || first_t[seg] < 0 || first_s[seg] < 0)
        continue;
      anchored = TRUE;
      join (parent, node, (guint) first_t[seg]);
      join (parent, node, n_t + (guint) first_s[seg]);
    }
  return anchored;
}

static void
append_pairs (GArray *pairs,
              int     t_first,
              int     t_count,
              int     s_first,
              int     s_count,
              guint  *row,
              gboolean one_row)
{
  int n = MAX (t_count, s_count);

  for (int k = 0; k < n; k++)
    {
      AttestBlockPair p = {
        k < t_count ? t_first + k : -1,
        k < s_count ? s_first + k : -1,
        *row,
      };

      g_array_append_val (pairs, p);
      if (!one_row)
        (*row)++;
    }
  if (one_row && n > 0)
    (*row)++;
}

static AttestBlockKind
kind_of (GPtrArray *blocks,
         int        i)
{
  return ((AttestBlock *) g_ptr_array_index (blocks, i))->kind;
}

/* The unanchored blocks T[t0, t0+tn) and S[s0, s0+sn): same kinds face each
 * other, the rest pairs by position between them; one row per pair. */
static void
append_gap (GArray    *pairs,
            GPtrArray *tr,
            int        t0,
            int        tn,
            GPtrArray *src,
            int        s0,
            int        sn,
            guint     *row)
{
  g_autofree guint *lcs = NULL;
  int i = 0, j = 0, pi = 0, pj = 0;
  int w = sn + 1;

  if (tn == 0 || sn == 0 || (gsize) tn * (gsize) sn > GAP_MAX_CELLS)
    {
      append_pairs (pairs, t0, tn, s0, sn, row, FALSE);
      return;
    }

  /* lcs[i * w + j]: longest common subsequence of the kinds of T[t0+i …]
   * and S[s0+j …]. */
  lcs = g_new0 (guint, (gsize) (tn + 1) * (gsize) w);
  for (int a = tn - 1; a >= 0; a--)
    for (int b = sn - 1; b >= 0; b--)
      {
        if (kind_of (tr, t0 + a) == kind_of (src, s0 + b))
          lcs[a * w + b] = lcs[(a + 1) * w + b + 1] + 1;
        else
          lcs[a * w + b] = MAX (lcs[(a + 1) * w + b], lcs[a * w + b + 1]);
      }

  while (i < tn && j < sn)
    {
      if (kind_of (tr, t0 + i) == kind_of (src, s0 + j)
          && lcs[i * w + j] == lcs[(i + 1) * w + j + 1] + 1)
        {
          append_pairs (pairs, t0 + pi, i - pi, s0 + pj, j - pj, row, FALSE);
          append_pairs (pairs, t0 + i, 1, s0 + j, 1, row, FALSE);
          pi = ++i;
          pj = ++j;
        }
      else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
        i++;
      else
        j++;
    }
  append_pairs (pairs, t0 + pi, tn - pi, s0 + pj, sn - pj, row, FALSE);
}

/**
 * attest_page_pair_blocks:
 * @page: a parsed page
 *
 * Pairs the page's translated and source blocks for side by side reading
 * (the rule is at the top of this file).
 *
 * Returns: (transfer full): AttestBlockPair, in page order
 */
GArray *
attest_page_pair_blocks (AttestPage *page)
{
  GPtrArray *tr, *src;
  GArray *pairs;
  g_autofree int *first_t = NULL;
  g_autofree int *first_s = NULL;
  g_autofree guint *parent = NULL;
  g_autofree gboolean *anchored = NULL;
  g_autofree int *span_of = NULL;
  g_autoptr(GArray) spans = NULL;
  guint n_t, n_s, n_seg, n, top = 0;
  int t = 0, s = 0;
  guint row = 0;

  g_return_val_if_fail (page != NULL, NULL);

  tr = page->translated_blocks;
  src = page->source_blocks;
  pairs = g_array_sized_new (FALSE, FALSE, sizeof (AttestBlockPair), MAX (tr->len, src->len));

  if (tr == src)
    {
      for (guint i = 0; i < tr->len; i++)
        {
          AttestBlockPair p = { (int) i, (int) i, i };

          g_array_append_val (pairs, p);
        }
      return pairs;
    }

  n_t = tr->len;
  n_s = src->len;
  n = n_t + n_s;
  n_seg = page->segments != NULL ? page->segments->len : 0;

  first_t = g_new (int, MAX (n_seg, 1));
  first_s = g_new (int, MAX (n_seg, 1));
  for (guint k = 0; k < n_seg; k++)
    first_t[k] = first_s[k] = -1;
  first_holders (tr, first_t, n_seg);
  first_holders (src, first_s, n_seg);

  /* Nodes 0 … n_t-1 are translated blocks, n_t … n-1 source blocks. */
  parent = g_new (guint, MAX (n, 1));
  anchored = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < n_t; i++)
    anchored[i] = join_anchors (g_ptr_array_index (tr, i), i, parent,
                                first_t, first_s, n_t, n_seg);
  for (guint j = 0; j < n_s; j++)
    anchored[n_t + j] = join_anchors (g_ptr_array_index (src, j), n_t + j, parent,
                                      first_t, first_s, n_t, n_seg);

  /* One span per component, in order of its first translated block; every
   * component has one, since an anchor occurs on both sides. */
  span_of = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    span_of[i] = -1;
  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  for (guint i = 0; i < n_t; i++)
    {
      guint root;

      if (!anchored[i])
        continue;
      root = find_root (parent, i);
      if (span_of[root] < 0)
        {
          Span sp = { (int) i, (int) i, G_MAXINT, -1 };

          span_of[root] = (int) spans->len;
          g_array_append_val (spans, sp);
        }
      else
        g_array_index (spans, Span, span_of[root]).tb = (int) i;
    }
  for (guint j = 0; j < n_s; j++)
    {
      Span *sp;

      if (!anchored[n_t + j])
        continue;
      g_assert (span_of[find_root (parent, n_t + j)] >= 0);
      sp = &g_array_index (spans, Span, span_of[find_root (parent, n_t + j)]);
      sp->sa = MIN (sp->sa, (int) j);
      sp->sb = MAX (sp->sb, (int) j);
    }

  /* Merge overlapping or crossing spans with a stack kept in place: spans
   * 0 … top-1 are merged rows, increasing and disjoint on both sides. */
  for (guint i = 0; i < spans->len; i++)
    {
      Span *st = (Span *) (gpointer) spans->data;

      st[top++] = st[i];
      while (top >= 2 && (st[top - 1].ta <= st[top - 2].tb || st[top - 1].sa <= st[top - 2].sb))
        {
          Span *a = &st[top - 2], *b = &st[top - 1];

          a->ta = MIN (a->ta, b->ta);
          a->tb = MAX (a->tb, b->tb);
          a->sa = MIN (a->sa, b->sa);
          a->sb = MAX (a->sb, b->sb);
          top--;
        }
    }

  for (guint i = 0; i < top; i++)
    {
      const Span *sp = &g_array_index (spans, Span, i);

      append_gap (pairs, tr, t, sp->ta - t, src, s, sp->sa - s, &row);
      append_pairs (pairs, sp->ta, sp->tb - sp->ta + 1, sp->sa, sp->sb - sp->sa + 1, &row, TRUE);
      t = sp->tb + 1;
      s = sp->sb + 1;
    }
  append_gap (pairs, tr, t, (int) n_t - t, src, s, (int) n_s - s, &row);

  return pairs;
}
