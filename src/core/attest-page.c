/* attest-page.c: one offering page, parsed into blocks, sections and links
 *
 * Parsing goes: checks on the bytes → front matter → segment extraction
 * (two Markdown texts) → cmark-gfm on each text → a walk of each tree with
 * cmark_iter_next (a style pushed on ENTER, popped on EXIT) into a block list.
 * Nothing here recurses: nesting depth only grows counters and stacks, and a
 * page nested deeper than ATTEST_PAGE_MAX_NESTING is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-page"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "attest-page.h"
#include "attest-count.h"
#include "attest-page-files.h"
#include "attest-page-private.h"

/* Node types of the table and strikethrough extensions, exported by
 * libcmark-gfm-extensions but declared only in its private headers. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

G_DEFINE_QUARK (attest-page-error-quark, attest_page_error)

#define MAX_WARNINGS 200

/* Segments do not nest (extraction never opens one inside another), so a
 * deeper stack only comes from broken input: the innermost few are kept. */
#define MAX_OPEN_SEGMENTS 8

/* ------------------------------------------------------------------ */
/* Walking one cmark-gfm tree into blocks                               */

typedef struct {
  gboolean ordered;
  int next_number;
} ListFrame;

typedef struct {
  AttestBlockKind kind;   /* QUOTE, or NOTE once the marker is seen */
  char *label;
} QuoteFrame;

typedef struct {
  char *anchor;           /* from <a name>, or NULL */
  char *text;
  guint level;
  guint block;
} HeadingInfo;

typedef struct {
  char *url;
  char *text;
  int heading;            /* heading ordinal the link is under, or -1 */
  guint block;
} LinkInfo;

typedef struct {
  const char *path;
  GPtrArray *blocks;
  GPtrArray *headings;    /* HeadingInfo */
  GPtrArray *links;       /* LinkInfo, or NULL when links are not collected */
  GPtrArray *warnings;

  AttestBlock *cur;       /* leaf block being filled */
  GPtrArray *cur_runs;    /* where runs go: cur->runs, or a table cell's runs */
  AttestTableRow *cur_row;
  gboolean cur_is_heading;
  gboolean note_candidate;

  GString *pending;       /* text of the run being built */
  AttestRunFlags pending_flags;
  const char *pending_link;
  int pending_segment;

  /* Segments open at this point of the block: an open sentinel pushes, a
   * close (U+E000) pops.  Emptied at each block and table cell, so a run's
   * segment is always one its block lists. */
  int open_segments[MAX_OPEN_SEGMENTS];
  guint n_open;           /* may exceed MAX_OPEN_SEGMENTS; only that many are kept */

  guint bold, italic, strike, sup;
  GPtrArray *link_stack;  /* const char *: URLs owned by the cmark tree */
  GString *link_text;

  GArray *lists;          /* ListFrame */
  GArray *quotes;         /* QuoteFrame */
  gboolean item_pending;
  gboolean item_ordered;
  int item_number;
  guint item_depth;

  char *heading_anchor;
  char *pending_anchor;   /* from an HTML block of anchors, for the next heading */
  int heading_ordinal;    /* -1 before the first heading */
} Walker;

static void
heading_info_free (HeadingInfo *h)
{
  g_free (h->anchor);
  g_free (h->text);
  g_free (h);
}

static void
link_info_free (LinkInfo *l)
{
  g_free (l->url);
  g_free (l->text);
  g_free (l);
}

static AttestRunFlags
current_flags (Walker *w)
{
  AttestRunFlags flags = 0;

  if (w->bold > 0)
    flags |= ATTEST_RUN_BOLD;
  if (w->italic > 0)
    flags |= ATTEST_RUN_ITALIC;
  if (w->strike > 0)
    flags |= ATTEST_RUN_STRIKE;
  if (w->sup > 0)
    flags |= ATTEST_RUN_SUPERSCRIPT;
  return flags;
}

static const char *
current_link (Walker *w)
{
  if (w->link_stack->len == 0)
    return NULL;
  return g_ptr_array_index (w->link_stack, w->link_stack->len - 1);
}

static void
flush_run (Walker *w)
{
  if (w->pending->len > 0 && w->cur_runs != NULL)
    {
      AttestRun *run = attest_run_new (w->pending->str, (gssize) w->pending->len,
                                       w->pending_flags, w->pending_link);

      run->segment = w->pending_segment;
      g_ptr_array_add (w->cur_runs, run);
    }
  g_string_truncate (w->pending, 0);
}

static int
open_segment (Walker *w)
{
  if (w->n_open == 0)
    return -1;
  return w->open_segments[MIN (w->n_open, MAX_OPEN_SEGMENTS) - 1];
}

/* Appends sentinel-free text to the run being built, starting a new run
 * where the style, the link or the segment changes. */
static void
append_piece (Walker         *w,
              const char     *text,
              gsize           len,
              AttestRunFlags  flags,
              const char     *link)
{
  int segment = open_segment (w);

  if (len == 0)
    return;
  if (w->pending->len > 0
      && (flags != w->pending_flags || segment != w->pending_segment
          || g_strcmp0 (link, w->pending_link) != 0))
    flush_run (w);
  w->pending_flags = flags;
  w->pending_link = link;
  w->pending_segment = segment;
  g_string_append_len (w->pending, text, (gssize) len);
  if (w->link_stack->len > 0 && w->link_text != NULL)
    g_string_append_len (w->link_text, text, (gssize) len);
}

/* Appends text in the current style; sentinels are removed, an open one's
 * segment index recorded on the block and the runs split at segment ends. */
static void
emit_text (Walker         *w,
           const char     *text,
           gsize           len,
           AttestRunFlags  extra)
{
  AttestRunFlags flags;
  const char *link;

  if (w->cur == NULL || len == 0)
    return;
  flags = current_flags (w) | extra;
  link = current_link (w);
  while (len > 0)
    {
      gunichar cp = 0;
      gsize n = 0;
      gsize at = attest_segments_find_reserved (text, len, &cp, &n);
      guint index;

      append_piece (w, text, at, flags, link);
      if (at >= len)
        break;
      if (attest_segments_decode_open (cp, &index))
        {
          if (w->n_open < MAX_OPEN_SEGMENTS)
            w->open_segments[w->n_open] = (int) index;
          if (w->n_open < G_MAXUINT)
            w->n_open++;
          g_array_append_val (w->cur->segments, index);
        }
      else if (cp == ATTEST_SEGMENT_CLOSE && w->n_open > 0)
        w->n_open--;
      /* U+2E31 and unused plane 15/16 code points: dropped. */
      text += at + n;
      len -= at + n;
    }
}

static void
emit_literal (Walker         *w,
              cmark_node     *node,
              AttestRunFlags  extra)
{
  const char *literal = cmark_node_get_literal (node);

  if (literal != NULL)
    emit_text (w, literal, strlen (literal), extra);
}

static void
flush_pending_item (Walker *w)
{
  AttestBlock *block;

  if (!w->item_pending)
    return;
  w->item_pending = FALSE;
  block = attest_block_new (ATTEST_BLOCK_LIST_ITEM);
  block->depth = w->item_depth;
  block->ordered = w->item_ordered;
  block->number = w->item_number;
  block->quote_depth = w->quotes->len;
  block->section = w->heading_ordinal;
  g_ptr_array_add (w->blocks, block);
}

/* Starts a leaf block; a paragraph takes its kind from its containers. */
static AttestBlock *
begin_block (Walker          *w,
             AttestBlockKind  kind)
{
  AttestBlock *block;

  g_assert (w->cur == NULL);

  if (kind != ATTEST_BLOCK_HEADING)
    g_clear_pointer (&w->pending_anchor, g_free);

  if (kind == ATTEST_BLOCK_PARAGRAPH && w->item_pending)
    {
      w->item_pending = FALSE;
      block = attest_block_new (ATTEST_BLOCK_LIST_ITEM);
      block->depth = w->item_depth;
      block->ordered = w->item_ordered;
      block->number = w->item_number;
    }
  else
    {
      flush_pending_item (w);
      if (kind == ATTEST_BLOCK_PARAGRAPH && w->quotes->len > 0)
        {
          QuoteFrame *q = &g_array_index (w->quotes, QuoteFrame, w->quotes->len - 1);

          kind = q->kind;
          block = attest_block_new (kind);
          block->depth = w->quotes->len;
          block->label = g_strdup (q->label);
        }
      else
        block = attest_block_new (kind);
    }
  block->quote_depth = w->quotes->len;
  block->section = w->heading_ordinal;
  w->cur = block;
  w->cur_runs = block->runs;
  w->bold = w->italic = w->strike = w->sup = 0;
  w->n_open = 0;
  w->pending_segment = -1;
  g_string_truncate (w->pending, 0);
  return block;
}

static void
trim_runs (GPtrArray *runs)
{
  while (runs->len > 0)
    {
      AttestRun *first = g_ptr_array_index (runs, 0);

      g_strchug (first->text);
      if (first->text[0] != '\0')
        break;
      g_ptr_array_remove_index (runs, 0);
    }
  while (runs->len > 0)
    {
      AttestRun *last = g_ptr_array_index (runs, runs->len - 1);

      g_strchomp (last->text);
      if (last->text[0] != '\0')
        break;
      g_ptr_array_remove_index (runs, runs->len - 1);
    }
}

/* A list separator a continuation line starts with: ",", "、", "，", ";", "；". */
static gsize
separator_len (const char *text)
{
  static const char * const seps[] = { ",", ";", "\u3001", "\uff0c", "\uff1b" };

  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    if (g_str_has_prefix (text, seps[i]))
      return strlen (seps[i]);
  return 0;
}

static gboolean
cell_is_empty (const AttestTableCell *cell)
{
  for (guint i = 0; i < cell->runs->len; i++)
    {
      const AttestRun *run = g_ptr_array_index (cell->runs, i);

      for (const char *p = run->text; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

static gboolean
ends_with_separator (const AttestTableCell *cell)
{
  const AttestRun *last;
  gsize n;

  if (cell->runs->len == 0)
    return FALSE;
  last = g_ptr_array_index (cell->runs, cell->runs->len - 1);
  n = strlen (last->text);
  return n > 0 && (last->text[n - 1] == ',' || last->text[n - 1] == ';' ||
                   g_str_has_suffix (last->text, "\u3001") || g_str_has_suffix (last->text, "\uff0c") ||
                   g_str_has_suffix (last->text, "\uff1b"));
}

/* A row label is bold ("| **GCC** | …"); a list's second line is not. */
static gboolean
cell_is_bold (const AttestTableCell *cell)
{
  for (guint i = 0; i < cell->runs->len; i++)
    {
      const AttestRun *run = g_ptr_array_index (cell->runs, i);

      if (!(run->flags & ATTEST_RUN_BOLD) && *run->text != '\0')
        return FALSE;
    }
  return cell->runs->len > 0;
}

/* A translated row broken over two lines ("| **GCC** | A, B,\n, C, D |", as the
 * fr-FR, zh-TW and ja-JP SOC 3 pages have it) is two rows to cmark-gfm: the
 * second holds ", C, D" in its first cell and nothing else. Such a row, a
 * list going on (it starts with a list separator, or the row above ends with
 * one and it is no bold row label), is joined to the end of the row above:
 * the services of the second line are the row's, not a row of their own. */
static void
join_continued_rows (AttestBlock *table)
{
  for (guint r = 2; r < table->rows->len; )
    {
      AttestTableRow *row = g_ptr_array_index (table->rows, r);
      AttestTableRow *prev = g_ptr_array_index (table->rows, r - 1);
      AttestTableCell *first, *target = NULL;
      AttestRun *lead;
      gboolean rest_empty = TRUE, dangling;
      gsize sep;

      if (row->header || prev->header || row->cells->len < 2 || prev->cells->len < 2)
        {
          r++;
          continue;
        }
      for (guint c = 1; c < row->cells->len && rest_empty; c++)
        rest_empty = cell_is_empty (g_ptr_array_index (row->cells, c));
      first = g_ptr_array_index (row->cells, 0);
      lead = first->runs->len > 0 ? g_ptr_array_index (first->runs, 0) : NULL;
      sep = lead != NULL ? separator_len (lead->text) : 0;
      for (guint c = prev->cells->len; c > 1 && target == NULL; c--)
        if (!cell_is_empty (g_ptr_array_index (prev->cells, c - 1)))
          target = g_ptr_array_index (prev->cells, c - 1);
      dangling = target != NULL && ends_with_separator (target);
      if (!rest_empty || lead == NULL || target == NULL ||
          (sep == 0 && (!dangling || cell_is_bold (first))))
        {
          r++;
          continue;
        }

      /* "A, B," + ", C" reads "A, B, C"; "A, B" + ", C" and "A、B、" + "C" too. */
      if (dangling && sep > 0)
        memmove (lead->text, lead->text + sep, strlen (lead->text + sep) + 1);
      if (dangling)
        {
          AttestRun *last = g_ptr_array_index (target->runs, target->runs->len - 1);
          const char *end = last->text + strlen (last->text);

          if (!g_unichar_iswide (g_utf8_get_char (g_utf8_prev_char (end))))
            {
              AttestRun *space = attest_run_new (" ", -1, last->flags, NULL);

              space->segment = last->segment;
              g_ptr_array_add (target->runs, space);
            }
        }
      trim_runs (first->runs);
      while (first->runs->len > 0)
        g_ptr_array_add (target->runs, g_ptr_array_steal_index (first->runs, 0));
      g_ptr_array_remove_index (table->rows, r);
    }
}

static const char * const note_labels[] = { "NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION" };

/* "[!NOTE]" at the start of a quote's first paragraph: the label, marker removed. */
static char *
take_note_marker (AttestBlock *block)
{
  AttestRun *first;
  const char *t, *close;

  if (block->runs->len == 0)
    return NULL;
  first = g_ptr_array_index (block->runs, 0);
  t = first->text;
  if (t[0] != '[' || t[1] != '!' || (close = strchr (t, ']')) == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (note_labels); i++)
    {
      gsize n = strlen (note_labels[i]);

      if ((gsize) (close - t - 2) == n && g_ascii_strncasecmp (t + 2, note_labels[i], n) == 0)
        {
          char *rest = g_strdup (close + 1);

          g_free (first->text);
          first->text = rest;
          trim_runs (block->runs);
          return g_strdup (note_labels[i]);
        }
    }
  return NULL;
}

static void
end_block (Walker *w)
{
  AttestBlock *block = w->cur;

  if (block == NULL)
    return;
  flush_run (w);
  w->cur = NULL;
  w->cur_runs = NULL;

  if (block->kind != ATTEST_BLOCK_CODE && block->kind != ATTEST_BLOCK_TABLE)
    trim_runs (block->runs);

  if (w->note_candidate)
    {
      char *label = take_note_marker (block);

      w->note_candidate = FALSE;
      if (label != NULL)
        {
          QuoteFrame *q = &g_array_index (w->quotes, QuoteFrame, w->quotes->len - 1);

          q->kind = ATTEST_BLOCK_NOTE;
          g_free (q->label);
          q->label = g_strdup (label);
          block->kind = ATTEST_BLOCK_NOTE;
          g_free (block->label);
          block->label = label;
          if (block->runs->len == 0 && block->segments->len == 0)
            {
              attest_block_free (block);
              return;
            }
        }
    }
  g_ptr_array_add (w->blocks, block);
}

/* ---- raw HTML: tags never show ---------------------------------- */

typedef enum {
  TAG_OTHER,
  TAG_BR,
  TAG_SUP_OPEN,
  TAG_SUP_CLOSE,
  TAG_ANCHOR,
} TagKind;

/* Classifies one tag "<…>"; for an anchor, *name gets its name. */
static TagKind
classify_tag (const char  *tag,
              gsize        len,
              char       **name)
{
  gsize i = 1, start;
  gboolean closing = FALSE;

  *name = NULL;
  if (len < 3 || tag[0] != '<')
    return TAG_OTHER;
  if (tag[i] == '/')
    {
      closing = TRUE;
      i++;
    }
  start = i;
  while (i < len && g_ascii_isalnum (tag[i]))
    i++;
  if (i - start == 2 && g_ascii_strncasecmp (tag + start, "br", 2) == 0)
    return TAG_BR;
  if (i - start == 3 && g_ascii_strncasecmp (tag + start, "sup", 3) == 0)
    return closing ? TAG_SUP_CLOSE : TAG_SUP_OPEN;
  if (!closing && i - start == 1 && g_ascii_tolower (tag[start]) == 'a')
    {
      /* name="…" or id="…" */
      for (; i + 5 < len; i++)
        {
          gsize skip = 0;

          if (g_ascii_strncasecmp (tag + i, "name=", 5) == 0 && g_ascii_isspace (tag[i - 1]))
            skip = 5;
          else if (g_ascii_strncasecmp (tag + i, "id=", 3) == 0 && g_ascii_isspace (tag[i - 1]))
            skip = 3;
          if (skip > 0)
            {
              gsize vs = i + skip, ve;
              char q = tag[vs];

              if (q == '"' || q == '\'')
                {
                  vs++;
                  for (ve = vs; ve < len && tag[ve] != q; ve++)
                    ;
                }
              else
                for (ve = vs; ve < len && !g_ascii_isspace (tag[ve]) && tag[ve] != '>' && tag[ve] != '/'; ve++)
                  ;
              if (ve > vs)
                {
                  *name = g_strndup (tag + vs, ve - vs);
                  return TAG_ANCHOR;
                }
              return TAG_OTHER;
            }
        }
    }
  return TAG_OTHER;
}

/* Applies a tag: <br> breaks the line, <sup> raises, <a name> names the
 * heading (or the next one); every other tag is dropped. */
static void
apply_tag (Walker     *w,
           const char *tag,
           gsize       len,
           gboolean    in_html_block)
{
  g_autofree char *name = NULL;

  switch (classify_tag (tag, len, &name))
    {
    case TAG_BR:
      emit_text (w, "\n", 1, 0);
      break;
    case TAG_SUP_OPEN:
      w->sup++;
      break;
    case TAG_SUP_CLOSE:
      if (w->sup > 0)
        w->sup--;
      break;
    case TAG_ANCHOR:
      {
        g_autofree char *clean = attest_segments_strip (name, -1);

        if (w->cur_is_heading && w->heading_anchor == NULL)
          w->heading_anchor = g_steal_pointer (&clean);
        else if (in_html_block)
          {
            g_free (w->pending_anchor);
            w->pending_anchor = g_steal_pointer (&clean);
          }
      }
      break;
    case TAG_OTHER:
    default:
      break;
    }
}

/* An HTML block: comments and tags go, the text between them stays. */
static void
html_block (Walker     *w,
            cmark_node *node)
{
  const char *lit = cmark_node_get_literal (node);
  g_autofree char *keep_anchor = NULL;
  gsize len, pos = 0;

  if (lit == NULL)
    return;
  len = strlen (lit);
  begin_block (w, ATTEST_BLOCK_PARAGRAPH);

  while (pos < len)
    {
      const char *lt = memchr (lit + pos, '<', len - pos);
      gsize at = lt != NULL ? (gsize) (lt - lit) : len;

      /* Text between tags: line ends are spaces here. */
      for (gsize s = pos; s < at;)
        {
          const char *nl = memchr (lit + s, '\n', at - s);
          gsize e = nl != NULL ? (gsize) (nl - lit) : at;

          emit_text (w, lit + s, e - s, 0);
          if (nl != NULL)
            emit_text (w, " ", 1, 0);
          s = e + (nl != NULL ? 1 : 0);
        }
      if (lt == NULL)
        break;
      pos = at;
      if (len - pos >= 4 && memcmp (lit + pos, "<!--", 4) == 0)
        {
          const char *end = g_strstr_len (lit + pos + 4, (gssize) (len - pos - 4), "-->");

          pos = end != NULL ? (gsize) (end - lit) + 3 : len;
        }
      else if (pos + 1 < len && (g_ascii_isalpha (lit[pos + 1]) || lit[pos + 1] == '/' || lit[pos + 1] == '!' || lit[pos + 1] == '?'))
        {
          const char *gt = memchr (lit + pos, '>', len - pos);
          gsize end = gt != NULL ? (gsize) (gt - lit) + 1 : len;

          apply_tag (w, lit + pos, end - pos, TRUE);
          pos = end;
        }
      else
        {
          emit_text (w, "<", 1, 0);
          pos++;
        }
    }

  /* An HTML block of anchors only names the heading that follows it. */
  keep_anchor = g_steal_pointer (&w->pending_anchor);
  end_block (w);
  if (w->blocks->len > 0)
    {
      AttestBlock *last = g_ptr_array_index (w->blocks, w->blocks->len - 1);

      if (last->kind != ATTEST_BLOCK_CODE && last->runs->len == 0 && last->segments->len == 0
          && last->kind != ATTEST_BLOCK_LIST_ITEM)
        g_ptr_array_remove_index (w->blocks, w->blocks->len - 1);
    }
  w->pending_anchor = g_steal_pointer (&keep_anchor);
}

static void
code_block (Walker     *w,
            cmark_node *node)
{
  const char *info = cmark_node_get_fence_info (node);
  const char *lit = cmark_node_get_literal (node);
  AttestBlock *block = begin_block (w, ATTEST_BLOCK_CODE);
  gsize len = lit != NULL ? strlen (lit) : 0;

  if (info != NULL && *info != '\0')
    block->label = attest_segments_strip (info, -1);
  /* The final line end belongs to the fence, not to the code. */
  if (len > 0 && lit[len - 1] == '\n')
    len--;
  if (lit != NULL)
    emit_text (w, lit, len, ATTEST_RUN_CODE);
  end_block (w);
}

static gboolean
walk_enter (Walker      *w,
            cmark_node  *node,
            GError     **error)
{
  cmark_node_type type = cmark_node_get_type (node);

  switch (type)
    {
    case CMARK_NODE_BLOCK_QUOTE:
      {
        QuoteFrame q = { ATTEST_BLOCK_QUOTE, NULL };

        flush_pending_item (w);
        g_array_append_val (w->quotes, q);
      }
      break;

    case CMARK_NODE_LIST:
      {
        ListFrame l = { cmark_node_get_list_type (node) == CMARK_ORDERED_LIST,
                        cmark_node_get_list_start (node) };

        flush_pending_item (w);
        g_array_append_val (w->lists, l);
      }
      break;

    case CMARK_NODE_ITEM:
      if (w->lists->len > 0)
        {
          ListFrame *l = &g_array_index (w->lists, ListFrame, w->lists->len - 1);

          w->item_pending = TRUE;
          w->item_ordered = l->ordered;
          w->item_number = l->next_number++;
          w->item_depth = w->lists->len;
        }
      break;

    case CMARK_NODE_PARAGRAPH:
      {
        cmark_node *parent = cmark_node_parent (node);

        /* Paragraphs of a table cell do not exist; a tight list's items
         * still hold paragraphs, so this covers list items too. */
        begin_block (w, ATTEST_BLOCK_PARAGRAPH);
        if (parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_BLOCK_QUOTE
            && cmark_node_previous (node) == NULL)
          w->note_candidate = TRUE;
      }
      break;

    case CMARK_NODE_HEADING:
      {
        AttestBlock *block = begin_block (w, ATTEST_BLOCK_HEADING);

        block->level = (guint) CLAMP (cmark_node_get_heading_level (node), 1, 6);
        w->heading_ordinal++;
        block->section = w->heading_ordinal;
        w->cur_is_heading = TRUE;
        g_clear_pointer (&w->heading_anchor, g_free);
      }
      break;

    case CMARK_NODE_CODE_BLOCK:
      code_block (w, node);
      break;

    case CMARK_NODE_HTML_BLOCK:
      html_block (w, node);
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      begin_block (w, ATTEST_BLOCK_THEMATIC_BREAK);
      end_block (w);
      break;

    case CMARK_NODE_TEXT:
      emit_literal (w, node, 0);
      break;

    case CMARK_NODE_SOFTBREAK:
      emit_text (w, " ", 1, 0);
      break;

    case CMARK_NODE_LINEBREAK:
      emit_text (w, "\n", 1, 0);
      break;

    case CMARK_NODE_CODE:
      emit_literal (w, node, ATTEST_RUN_CODE);
      break;

    case CMARK_NODE_HTML_INLINE:
      {
        const char *lit = cmark_node_get_literal (node);

        if (lit != NULL)
          apply_tag (w, lit, strlen (lit), FALSE);
      }
      break;

    case CMARK_NODE_EMPH:
      w->italic++;
      break;

    case CMARK_NODE_STRONG:
      w->bold++;
      break;

    case CMARK_NODE_LINK:
      {
        const char *url = cmark_node_get_url (node);

        g_ptr_array_add (w->link_stack, (gpointer) (url != NULL ? url : ""));
        if (w->links != NULL && w->link_stack->len == 1)
          g_string_truncate (w->link_text, 0);
      }
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_FOOTNOTE_REFERENCE:
    default:
      if (type == CMARK_NODE_TABLE)
        {
          begin_block (w, ATTEST_BLOCK_TABLE);
          w->cur_runs = NULL;
        }
      else if (type == CMARK_NODE_TABLE_ROW && w->cur != NULL && w->cur->rows != NULL)
        {
          w->cur_row = attest_table_row_new (cmark_gfm_extensions_get_table_row_is_header (node));
          g_ptr_array_add (w->cur->rows, w->cur_row);
        }
      else if (type == CMARK_NODE_TABLE_CELL && w->cur_row != NULL)
        {
          AttestTableCell *cell = attest_table_cell_new ();

          g_ptr_array_add (w->cur_row->cells, cell);
          w->cur_runs = cell->runs;
          w->bold = w->italic = w->strike = w->sup = 0;
          w->n_open = 0;
        }
      else if (type == CMARK_NODE_STRIKETHROUGH)
        w->strike++;
      break;
    }

  if (w->quotes->len + w->lists->len > ATTEST_PAGE_MAX_NESTING)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_DEEP,
                   _("%s: quotes and lists are nested more than %d levels deep"),
                   w->path, ATTEST_PAGE_MAX_NESTING);
      return FALSE;
    }
  return TRUE;
}

static void
walk_exit (Walker     *w,
           cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  switch (type)
    {
    case CMARK_NODE_BLOCK_QUOTE:
      flush_pending_item (w);
      if (w->quotes->len > 0)
        {
          g_free (g_array_index (w->quotes, QuoteFrame, w->quotes->len - 1).label);
          g_array_set_size (w->quotes, w->quotes->len - 1);
        }
      break;

    case CMARK_NODE_LIST:
      if (w->lists->len > 0)
        g_array_set_size (w->lists, w->lists->len - 1);
      break;

    case CMARK_NODE_ITEM:
      flush_pending_item (w);
      break;

    case CMARK_NODE_PARAGRAPH:
      end_block (w);
      break;

    case CMARK_NODE_HEADING:
      {
        HeadingInfo *h = g_new0 (HeadingInfo, 1);
        AttestBlock *block = w->cur;

        flush_run (w);
        h->level = block != NULL ? block->level : 1;
        h->text = block != NULL ? attest_runs_dup_text (block->runs) : g_strdup ("");
        h->anchor = g_steal_pointer (&w->heading_anchor);
        if (h->anchor == NULL)
          h->anchor = g_steal_pointer (&w->pending_anchor);
        w->cur_is_heading = FALSE;
        end_block (w);
        g_strstrip (h->text);
        h->block = w->blocks->len - 1;
        g_ptr_array_add (w->headings, h);
      }
      break;

    case CMARK_NODE_EMPH:
      if (w->italic > 0)
        w->italic--;
      break;

    case CMARK_NODE_STRONG:
      if (w->bold > 0)
        w->bold--;
      break;

    case CMARK_NODE_LINK:
      if (w->link_stack->len > 0)
        {
          const char *url = current_link (w);

          if (w->links != NULL && w->link_stack->len == 1 && w->cur != NULL)
            {
              LinkInfo *l = g_new0 (LinkInfo, 1);

              l->url = g_strdup (url);
              l->text = g_strstrip (g_strdup (w->link_text->str));
              l->heading = w->heading_ordinal;
              l->block = w->blocks->len;   /* the block being filled is added next */
              g_ptr_array_add (w->links, l);
            }
          g_ptr_array_set_size (w->link_stack, w->link_stack->len - 1);
        }
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_FOOTNOTE_REFERENCE:
    default:
      if (type == CMARK_NODE_TABLE)
        {
          w->cur_row = NULL;
          if (w->cur != NULL && w->cur->rows != NULL)
            join_continued_rows (w->cur);
          end_block (w);
        }
      else if (type == CMARK_NODE_TABLE_ROW)
        ;
      else if (type == CMARK_NODE_TABLE_CELL)
        {
          flush_run (w);
          if (w->cur_runs != NULL)
            trim_runs (w->cur_runs);
          w->cur_runs = NULL;
        }
      else if (type == CMARK_NODE_STRIKETHROUGH && w->strike > 0)
        w->strike--;
      break;
    }
}

static cmark_parser *
new_parser (void)
{
  /* Not "autolink": its post-pass re-merges every text node of the tree,
   * and the pages write their links out. */
  static const char * const extensions[] = { "table", "strikethrough" };
  static gsize registered = 0;
  cmark_parser *parser;

  /* cmark-gfm registers its extensions in a plain list on first use: two
   * workers (an import and the page view) parsing for the first time at
   * once would race on it. */
  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }
  parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extensions[i]);

      if (ext != NULL)
        cmark_parser_attach_syntax_extension (parser, ext);
    }
  return parser;
}

static gboolean
build_blocks (const char  *path,
              const char  *markdown,
              gsize        len,
              GPtrArray   *warnings,
              gboolean     collect_links,
              GPtrArray  **blocks_out,
              GPtrArray  **headings_out,
              GPtrArray  **links_out,
              GError     **error)
{
  cmark_parser *parser = new_parser ();
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type ev;
  Walker w = { 0 };
  gboolean ok = TRUE;

  cmark_parser_feed (parser, markdown, len);
  doc = cmark_parser_finish (parser);

  w.path = path;
  w.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_block_free);
  w.headings = g_ptr_array_new_with_free_func ((GDestroyNotify) heading_info_free);
  w.links = collect_links ? g_ptr_array_new_with_free_func ((GDestroyNotify) link_info_free) : NULL;
  w.warnings = warnings;
  w.pending = g_string_new (NULL);
  w.link_stack = g_ptr_array_new ();
  w.link_text = g_string_new (NULL);
  w.lists = g_array_new (FALSE, FALSE, sizeof (ListFrame));
  w.quotes = g_array_new (FALSE, FALSE, sizeof (QuoteFrame));
  w.heading_ordinal = -1;

  /* One top-level block at a time, freed once walked: the tree shrinks as
   * the block list grows (malloc gives the one's memory to the other), so
   * the two never both hold the whole page. */
  for (cmark_node *top = cmark_node_first_child (doc), *next; ok && top != NULL; top = next)
    {
      next = cmark_node_next (top);
      iter = cmark_iter_new (top);
      while (ok && (ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
        {
          cmark_node *node = cmark_iter_get_node (iter);

          if (ev == CMARK_EVENT_ENTER)
            ok = walk_enter (&w, node, error);
          else if (ev == CMARK_EVENT_EXIT)
            {
              walk_exit (&w, node);
              /* A list item walked goes too (a page may be one long list):
               * the iterator has its next step already, the item's sibling
               * or its list. Nothing looks back at an item. */
              if (node != top && cmark_node_get_type (node) == CMARK_NODE_ITEM)
                cmark_node_free (node);
            }
        }
      cmark_iter_free (iter);
      cmark_node_free (top);
    }

  if (w.cur != NULL)
    {
      flush_run (&w);
      attest_block_free (w.cur);
      w.cur = NULL;
    }
  for (guint i = 0; i < w.quotes->len; i++)
    g_free (g_array_index (w.quotes, QuoteFrame, i).label);
  g_array_unref (w.quotes);
  g_array_unref (w.lists);
  g_string_free (w.link_text, TRUE);
  g_ptr_array_unref (w.link_stack);
  g_string_free (w.pending, TRUE);
  g_free (w.heading_anchor);
  g_free (w.pending_anchor);
  cmark_node_free (doc);
  cmark_parser_free (parser);

  if (!ok)
    {
      g_ptr_array_unref (w.blocks);
      g_ptr_array_unref (w.headings);
      g_clear_pointer (&w.links, g_ptr_array_unref);
      return FALSE;
    }
  *blocks_out = w.blocks;
  *headings_out = w.headings;
  if (links_out != NULL)
    *links_out = w.links;
  else
    g_clear_pointer (&w.links, g_ptr_array_unref);
  return TRUE;
}

/**
 * _attest_page_build_blocks:
 * @path: names the text in errors
 * @markdown: Markdown (sentinels, if any, are traced into the blocks' segments)
 * @blocks_out: (out) (transfer container): AttestBlock
 *
 * The block list of one Markdown text, exactly as a page's is built, without
 * sections or links. Fails only when quotes and lists nest too deep.
 */
gboolean
_attest_page_build_blocks (const char  *path,
                           const char  *markdown,
                           gsize        len,
                           GPtrArray  **blocks_out,
                           GError     **error)
{
  g_autoptr(GPtrArray) headings = NULL;

  g_return_val_if_fail (markdown != NULL || len == 0, FALSE);
  g_return_val_if_fail (blocks_out != NULL, FALSE);

  return build_blocks (path != NULL ? path : "", markdown != NULL ? markdown : "", len,
                       NULL, FALSE, blocks_out, &headings, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Sections                                                             */

/* The publisher's slug: lower case, punctuation and symbols dropped, each
 * space a hyphen (no collapsing), letters of any script kept. */
char *
attest_page_slugify (const char *text)
{
  g_autofree char *stripped = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = attest_segments_strip (text, -1);
  g_strstrip (stripped);
  out = g_string_sized_new (strlen (stripped));
  for (const char *p = stripped; *p != '\0';)
    {
      guchar b = (guchar) *p;

      /* ASCII, the common case, without the Unicode tables. */
      if (b < 0x80)
        {
          if (g_ascii_isalnum (b) || b == '-' || b == '_')
            g_string_append_c (out, g_ascii_tolower (b));
          else if (g_ascii_isspace (b))
            g_string_append_c (out, '-');
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c))
            g_string_append_c (out, '-');
          else if (g_unichar_isalnum (c) || g_unichar_ismark (c))
            g_string_append_unichar (out, g_unichar_tolower (c));
          p = g_utf8_next_char (p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
section_free (AttestSection *s)
{
  g_free (s->key);
  g_free (s->title);
  g_free (s->source_title);
  g_free (s);
}

static void
page_link_free (AttestPageLink *l)
{
  g_free (l->url);
  g_free (l->text);
  g_free (l->section_key);
  g_free (l);
}

static void
build_sections (AttestPage *self,
                GPtrArray  *src_headings,
                GPtrArray  *tr_headings)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < src_headings->len; i++)
    {
      HeadingInfo *h = g_ptr_array_index (src_headings, i);
      HeadingInfo *th = tr_headings != NULL && i < tr_headings->len
                        ? g_ptr_array_index (tr_headings, i) : h;
      AttestSection *s = g_new0 (AttestSection, 1);
      const char *anchor = h->anchor != NULL ? h->anchor : th->anchor;

      s->level = h->level;
      s->source_title = g_strdup (h->text);
      s->title = g_strdup (th->text);
      s->source_block = h->block;
      s->translated_block = tr_headings == NULL ? (int) h->block
                            : (i < tr_headings->len ? (int) th->block : -1);
      s->key = anchor != NULL && *anchor != '\0' ? g_strdup (anchor) : attest_page_slugify (h->text);

      while (stack->len > 0)
        {
          AttestSection *top = g_ptr_array_index (self->sections,
                                                  g_array_index (stack, int, stack->len - 1));
          if (top->level < s->level)
            break;
          g_array_set_size (stack, stack->len - 1);
        }
      s->parent = stack->len > 0 ? g_array_index (stack, int, stack->len - 1) : -1;
      g_array_append_val (stack, i);
      g_ptr_array_add (self->sections, s);
      g_hash_table_insert (counts, s->key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->key)) + 1));
    }

  /* A key that occurs more than once takes its parent's key as prefix;
   * a key still not unique after that gets "-2", "-3" …  Parents come
   * first, so their final key is known.  The smallest free suffix of a
   * key is searched from the last one it took, not from 2 again: keys
   * are only ever added, so the ones skipped stay taken, and N headings
   * with one key cost N tries, not N²/2. */
  {
    g_autoptr(GPtrArray) new_keys = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < self->sections->len; i++)
      {
        AttestSection *s = g_ptr_array_index (self->sections, i);
        char *key;

        if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->key)) > 1 && s->parent >= 0)
          {
            AttestSection *p = g_ptr_array_index (self->sections, s->parent);

            key = g_strconcat (g_ptr_array_index (new_keys, s->parent) != NULL
                               ? (char *) g_ptr_array_index (new_keys, s->parent) : p->key,
                               "/", s->key, NULL);
          }
        else
          key = g_strdup (s->key);
        if (g_hash_table_contains (used, key))
          {
            guint n = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, key));

            for (n = MAX (n, 2);; n++)
              {
                char *candidate = g_strdup_printf ("%s-%u", key, n);

                if (!g_hash_table_contains (used, candidate))
                  {
                    g_hash_table_replace (next_suffix, key, GUINT_TO_POINTER (n + 1));
                    key = candidate;
                    break;
                  }
                g_free (candidate);
              }
          }
        g_ptr_array_add (new_keys, key);
        g_hash_table_add (used, key);
      }
    g_hash_table_remove_all (counts);
    for (guint i = 0; i < self->sections->len; i++)
      {
        AttestSection *s = g_ptr_array_index (self->sections, i);

        g_free (s->key);
        s->key = g_strdup (g_ptr_array_index (new_keys, i));
      }
  }
}

static void
assign_sections (AttestPage *self,
                 GPtrArray  *blocks)
{
  int n = (int) self->sections->len;

  for (guint i = 0; i < blocks->len; i++)
    {
      AttestBlock *block = g_ptr_array_index (blocks, i);

      if (block->section >= n)
        block->section = n - 1;
      g_free (block->section_key);
      block->section_key = g_strdup (block->section >= 0
                                     ? ((AttestSection *) g_ptr_array_index (self->sections, block->section))->key
                                     : "");
    }
}

/* ------------------------------------------------------------------ */
/* Checks on the bytes                                                  */

/* The number of columns of a GFM table delimiter row ("| --- | :-: |"),
 * or 0 when the line is not one.  Quote markers and indentation before
 * it are skipped, so a table in a quote or a list counts too. */
static gsize
delimiter_row_columns (const char *line,
                       gsize       len)
{
  gsize i = 0, pipes = 0, end = len;
  gboolean dash = FALSE;

  while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
    i++;
  while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
    end--;
  if (i == end)
    return 0;
  for (gsize j = i; j < end; j++)
    {
      if (line[j] == '|')
        pipes++;
      else if (line[j] == '-')
        dash = TRUE;
      else if (line[j] != ':' && line[j] != ' ' && line[j] != '\t')
        return 0;
    }
  if (!dash || pipes == 0)
    return 0;
  /* Cells lie between pipes; a leading or trailing pipe opens or closes none. */
  if (line[i] == '|')
    pipes--;
  if (end - 1 > i && line[end - 1] == '|')
    pipes--;
  return pipes + 1;
}

/* FALSE when the tables of @text hold more than ATTEST_PAGE_MAX_TABLE_CELLS
 * cells as cmark-gfm makes them (every row as wide as its header), with
 * the 1-based line of the header row and the columns of the table that
 * went over.  A table runs from its delimiter row to the next blank line;
 * counting to there over-counts only what is not a table anyway. */
gboolean
_attest_page_check_table_cells (const char *text,
                                gsize       len,
                                gsize      *table_line,
                                gsize      *table_columns)
{
  guint64 cells = 0;
  gsize columns = 0;
  gsize pos = 0, line_no = 0;

  *table_line = 0;
  *table_columns = 0;
  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize line_end = nl != NULL ? (gsize) (nl - text) : len;
      gboolean blank_line = TRUE;
      gsize c;

      line_no++;
      for (gsize i = pos; i < line_end && blank_line; i++)
        if (!g_ascii_isspace (text[i]))
          blank_line = FALSE;

      if (blank_line)
        columns = 0;
      else if (columns > 0)
        cells += columns;
      else if ((c = delimiter_row_columns (text + pos, line_end - pos)) > 0)
        {
          columns = c;
          *table_line = line_no > 1 ? line_no - 1 : 1;
          *table_columns = c;
          cells += 2 * (guint64) c;
        }
      if (cells > ATTEST_PAGE_MAX_TABLE_CELLS)
        return FALSE;
      pos = line_end + 1;
    }
  return TRUE;
}

static gboolean
check_text (const char  *path,
            const char  *text,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;
  gsize pos = 0;
  gboolean blank = TRUE;
  gsize table_line, table_columns;

  if (len > ATTEST_PAGE_MAX_BYTES)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_LARGE,
                   _("%s: the page is larger than %d MiB"), path, ATTEST_PAGE_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (len == 0)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_EMPTY, _("%s: the page is empty"), path);
      return FALSE;
    }
  if (memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_BINARY,
                   _("%s: the page is binary (it contains NUL bytes at byte %lu)"), path,
                   (unsigned long) ((const char *) memchr (text, '\0', len) - text));
      return FALSE;
    }
  if (!g_utf8_validate_len (text, len, &end))
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_NOT_UTF8,
                   _("%s: the page is not UTF-8 text (invalid byte at offset %lu)"), path,
                   (unsigned long) (end - text));
      return FALSE;
    }
  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize line_end = nl != NULL ? (gsize) (nl - text) : len;

      if (line_end - pos > ATTEST_PAGE_MAX_LINE_BYTES)
        {
          g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_LINE_TOO_LONG,
                       _("%s: a line is longer than %d KiB (at byte %lu)"), path,
                       ATTEST_PAGE_MAX_LINE_BYTES / 1024, (unsigned long) pos);
          return FALSE;
        }
      if (blank)
        for (gsize i = pos; i < line_end && blank; i++)
          if (!g_ascii_isspace (text[i]))
            blank = FALSE;
      pos = line_end + 1;
    }
  if (blank)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_EMPTY, _("%s: the page is empty"), path);
      return FALSE;
    }
  if (!_attest_page_check_table_cells (text, len, &table_line, &table_columns))
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_MANY_CELLS,
                   _("%s: the page’s tables have more than %d cells (the table at line %lu has %lu columns)"),
                   path, ATTEST_PAGE_MAX_TABLE_CELLS, (unsigned long) table_line,
                   (unsigned long) table_columns);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The page                                                             */

AttestPage *
attest_page_ref (AttestPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_page_unref (AttestPage *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->path);
  g_clear_pointer (&self->front_matter, attest_front_matter_free);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  if (self->source_markdown != self->translated_markdown)
    g_free (self->source_markdown);
  g_free (self->translated_markdown);
  g_clear_pointer (&self->translated_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->source_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

static AttestPage *
parse_checked (const char  *path,
               const char  *text,
               gsize        len,
               GPtrArray   *early_warnings,
               GError     **error)
{
  g_autoptr(AttestPage) self = g_new0 (AttestPage, 1);
  g_autoptr(AttestSegments) segs = NULL;
  g_autoptr(GPtrArray) src_headings = NULL;
  g_autoptr(GPtrArray) tr_headings = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *fm_warning = NULL;
  gsize body = 0;

  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) page_link_free);
  if (early_warnings != NULL)
    for (guint i = 0; i < early_warnings->len; i++)
      g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (early_warnings, i)));

  self->front_matter = attest_front_matter_parse (path, text, len, &body, &fm_warning);
  if (fm_warning != NULL)
    g_ptr_array_add (self->warnings, g_steal_pointer (&fm_warning));

  segs = attest_segments_extract (path, text + body, len - body, body);
  self->kind = segs->kind;
  for (guint i = 0; i < segs->warnings->len; i++)
    g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (segs->warnings, i)));
  self->segments = g_ptr_array_ref (segs->segments);

  if (!build_blocks (path, segs->source, segs->source_len, self->warnings, TRUE,
                     &self->source_blocks, &src_headings, &links, error))
    return NULL;
  if (segs->kind == ATTEST_PAGE_KIND_BILINGUAL)
    {
      if (!build_blocks (path, segs->translated, segs->translated_len, self->warnings, FALSE,
                         &self->translated_blocks, &tr_headings, NULL, error))
        return NULL;
      if (self->translated_blocks->len != self->source_blocks->len)
        g_ptr_array_add (self->warnings,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: the translated text has %s block, the source %s",
                                                       "%s: the translated text has %s blocks, the source %s",
                                                       self->translated_blocks->len),
                                          path, attest_count (self->translated_blocks->len),
                                          attest_count (self->source_blocks->len)));
    }
  else
    self->translated_blocks = g_ptr_array_ref (self->source_blocks);

  /* Markdown texts: the page keeps the buffers the extraction made. */
  self->translated_markdown = g_steal_pointer (&segs->translated);
  if (segs->source == self->translated_markdown)
    self->source_markdown = self->translated_markdown;
  else
    self->source_markdown = g_steal_pointer (&segs->source);
  segs->source = NULL;

  build_sections (self, src_headings, tr_headings);
  assign_sections (self, self->source_blocks);
  if (self->translated_blocks != self->source_blocks)
    assign_sections (self, self->translated_blocks);

  for (guint i = 0; i < links->len; i++)
    {
      LinkInfo *l = g_ptr_array_index (links, i);
      AttestPageLink *pl = g_new0 (AttestPageLink, 1);
      int s = MIN (l->heading, (int) self->sections->len - 1);

      pl->url = g_steal_pointer (&l->url);
      pl->text = g_steal_pointer (&l->text);
      pl->section = s;
      pl->section_key = g_strdup (s >= 0 ? ((AttestSection *) g_ptr_array_index (self->sections, s))->key : "");
      pl->block = l->block;
      g_ptr_array_add (self->links, pl);
    }

  return g_steal_pointer (&self);
}

AttestPage *
attest_page_parse (const char  *display_path,
                   const char  *text,
                   gssize       len,
                   GError     **error)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_path == NULL)
    display_path = "";
  if (text == NULL)
    text = "";
  if (len < 0)
    len = (gssize) strlen (text);
  if (!check_text (display_path, text, (gsize) len, error))
    return NULL;
  return parse_checked (display_path, text, (gsize) len, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Loading a file                                                       */

/* The page read as the importer reads it (attest_page_source_read: once,
 * includes checked before they are read and spliced in), then parsed. */
AttestPage *
attest_page_load (const char  *path,
                  const char  *root_dir,
                  GError     **error)
{
  g_autoptr(AttestPageSource) source = NULL;
  const char *text;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = attest_page_source_read (path, root_dir, path, error);
  if (source == NULL)
    return NULL;
  text = g_bytes_get_data (source->text, &len);
  if (!check_text (path, text != NULL ? text : "", len, error))
    return NULL;
  return parse_checked (path, text != NULL ? text : "", len, source->warnings, error);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

char *
attest_page_dup_block_text (AttestPage        *self,
                            const AttestBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);
  return attest_block_dup_text (block);
}

int
attest_page_find_section (AttestPage *self,
                          const char *key)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint i = 0; i < self->sections->len; i++)
    if (strcmp (((AttestSection *) g_ptr_array_index (self->sections, i))->key, key) == 0)
      return (int) i;
  return -1;
}

const AttestSegment *
attest_page_get_segment (AttestPage *self,
                         guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->segments->len)
    return NULL;
  return g_ptr_array_index (self->segments, index);
}

/* The page's own (translated) title: front matter, else the first heading. */
const char *
attest_page_get_title (AttestPage *self)
{
  const char *title;

  g_return_val_if_fail (self != NULL, NULL);

  title = attest_front_matter_get_title (self->front_matter);
  if (title != NULL && *title != '\0')
    return title;
  if (self->sections->len > 0)
    return ((AttestSection *) g_ptr_array_index (self->sections, 0))->title;
  return "";
}

/* The source-language title: the first level-1 heading's source text, else
 * the front matter title of an English page. */
char *
attest_page_dup_source_title (AttestPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      AttestSection *s = g_ptr_array_index (self->sections, i);

      if (s->level == 1)
        return g_strdup (s->source_title);
    }
  if (self->kind == ATTEST_PAGE_KIND_SOURCE_ONLY)
    return g_strdup (attest_page_get_title (self));
  if (self->sections->len > 0)
    return g_strdup (((AttestSection *) g_ptr_array_index (self->sections, 0))->source_title);
  return g_strdup ("");
}

/* ------------------------------------------------------------------ */
/* Where the services in scope are                                      */

static gboolean
ascii_contains_ci (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack != NULL ? haystack : "", -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

/**
 * attest_page_find_in_scope_section:
 *
 * The section that lists the services in scope: "Microsoft in-scope cloud
 * services" and its later "… cloud platforms & services" form, found by its
 * (English) key or its source-language title.
 *
 * Returns: its index in @self's sections, or -1
 */
int
attest_page_find_in_scope_section (AttestPage *self)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->sections->len; i++)
    {
      AttestSection *s = g_ptr_array_index (self->sections, i);

      if (ascii_contains_ci (s->key, "in-scope") || ascii_contains_ci (s->source_title, "in-scope")
          || ascii_contains_ci (s->source_title, "in scope"))
        return (int) i;
    }
  return -1;
}

/* Whether @section is @ancestor or lies below it. */
gboolean
_attest_page_section_within (AttestPage *self,
                             int         section,
                             int         ancestor)
{
  for (int s = section; s >= 0 && (guint) s < self->sections->len;
       s = ((AttestSection *) g_ptr_array_index (self->sections, s))->parent)
    if (s == ancestor)
      return TRUE;
  return FALSE;
}

/* A line of the in-scope list: a top-level item, outside any quote, in the
 * in-scope section @in_scope or below it. */
gboolean
_attest_page_is_in_scope_item (AttestPage        *self,
                               const AttestBlock *block,
                               int                in_scope)
{
  return in_scope >= 0 && block->kind == ATTEST_BLOCK_LIST_ITEM && block->depth == 1
         && block->quote_depth == 0 && block->section >= 0
         && _attest_page_section_within (self, block->section, in_scope);
}

/* "| Applicability | In-scope services |": rows of environments and the
 * services in scope in each, wherever the table stands. */
gboolean
_attest_page_is_applicability_table (const AttestBlock *block)
{
  AttestTableRow *head;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (block->kind != ATTEST_BLOCK_TABLE || block->rows == NULL || block->rows->len == 0)
    return FALSE;
  head = g_ptr_array_index (block->rows, 0);
  if (head->cells->len < 2)
    return FALSE;
  a = attest_table_cell_dup_text (g_ptr_array_index (head->cells, 0));
  b = attest_table_cell_dup_text (g_ptr_array_index (head->cells, 1));
  return ascii_contains_ci (a, "applicability") && ascii_contains_ci (b, "in-scope");
}

/* The line a row of an applicability table puts its services in scope
 * with, as the catalog records it: "LABEL: SERVICES", line breaks as spaces. */
char *
_attest_page_applicability_row_line (const AttestTableRow *row)
{
  g_autofree char *label = NULL;
  g_autofree char *services = NULL;

  g_return_val_if_fail (row != NULL && row->cells->len >= 2, NULL);

  label = attest_table_cell_dup_text (g_ptr_array_index (row->cells, 0));
  services = attest_table_cell_dup_text (g_ptr_array_index (row->cells, 1));
  g_strdelimit (services, "\n", ' ');
  return g_strdup_printf ("%s: %s", label, services);
}
