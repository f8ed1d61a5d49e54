/* attest-block-renderer.h: a block list into a GtkTextBuffer, with tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-block.h"

G_BEGIN_DECLS

/* Tag names a view can look up in the renderer's tag table. */
#define ATTEST_BLOCK_TAG_BOLD        "bold"
#define ATTEST_BLOCK_TAG_ITALIC      "italic"
#define ATTEST_BLOCK_TAG_CODE        "code"         /* inline code */
#define ATTEST_BLOCK_TAG_STRIKE      "strike"
#define ATTEST_BLOCK_TAG_SUPERSCRIPT "superscript"
#define ATTEST_BLOCK_TAG_LINK        "link"         /* the look; the target is on a tag of its own */
#define ATTEST_BLOCK_TAG_PARAGRAPH   "paragraph"
#define ATTEST_BLOCK_TAG_LIST_ITEM   "list-item"
#define ATTEST_BLOCK_TAG_LIST_MARKER "list-marker"
#define ATTEST_BLOCK_TAG_QUOTE       "quote"
#define ATTEST_BLOCK_TAG_NOTE_LABEL  "note-label"
#define ATTEST_BLOCK_TAG_CODE_BLOCK  "code-block"
#define ATTEST_BLOCK_TAG_TABLE       "table"        /* the anchor of a table's widget */
#define ATTEST_BLOCK_TAG_TABLE_TEXT  "table-text"   /* a table's text, hidden, for Find and Copy */
#define ATTEST_BLOCK_TAG_RULE        "rule"         /* the anchor of a thematic break */
#define ATTEST_BLOCK_TAG_BOX_CONTINUES "box-continues" /* a paragraph in the box of the one before */
#define ATTEST_BLOCK_TAG_SERVICE     "service"      /* the look of a service named in scope (a link of its own) */
#define ATTEST_BLOCK_TAG_FIND_MATCH  "find-match"   /* every match of Find in page */
#define ATTEST_BLOCK_TAG_FIND_CURRENT "find-current" /* the match Find is on */
#define ATTEST_BLOCK_TAG_TWIN        "twin"         /* a sentence and its twin in the other language */
#define ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX "highlight-" /* a section annotation: "highlight-#rrggbb" */
#define ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH "highlight-flash" /* the annotation just asked for, a moment */
/* Headings: "h1" … "h6"; note blocks: "note-note", "note-tip", "note-important",
 * "note-warning", "note-caution". */

/* A hard line break inside a block: a line separator, so the block stays one
 * paragraph of the buffer (one background, one spacing). Copy turns it into "\n". */
#define ATTEST_BLOCK_LINE_BREAK      "\xe2\x80\xa8"  /* U+2028 */

/* Quotes, notes and code blocks sit in boxes the view draws behind the text
 * (attest_block_renderer_get_tag_box()), one box per paragraph and the ones
 * after it tagged ATTEST_BLOCK_TAG_BOX_CONTINUES: the box reaches this far left
 * of the text and this far above and below it. */
#define ATTEST_BLOCK_BOX_PADDING     12
#define ATTEST_BLOCK_BOX_PADDING_Y   6

/* Where a block went in a buffer: character offsets of its paragraph and of
 * its runs' text (after a list marker or a note label); text is -1 for a
 * table or a rule, whose text is not the runs'. */
typedef struct {
  int start;
  int text;
} AttestBlockOffsets;

/* A stretch of a table cell's text to link: character offsets, the target. */
typedef struct {
  int start;
  int end;
  const char *target;
} AttestBlockLinkSpan;

typedef struct {
  GdkRGBA background;    /* may be transparent */
  GdkRGBA bar;           /* a bar down the left edge; may be transparent */
} AttestBlockBox;

#define ATTEST_TYPE_BLOCK_RENDERER (attest_block_renderer_get_type ())

G_DECLARE_FINAL_TYPE (AttestBlockRenderer, attest_block_renderer, ATTEST, BLOCK_RENDERER, GObject)

AttestBlockRenderer *attest_block_renderer_new            (void);
GtkTextTagTable     *attest_block_renderer_get_tag_table  (AttestBlockRenderer *self);
GtkTextBuffer       *attest_block_renderer_new_buffer     (AttestBlockRenderer *self);
void                 attest_block_renderer_update_colors  (AttestBlockRenderer *self,
                                                           GtkWidget           *widget);
void                 attest_block_renderer_append         (AttestBlockRenderer *self,
                                                           GtkTextBuffer       *buffer,
                                                           GPtrArray           *blocks);

void                 attest_block_renderer_append_with_offsets (AttestBlockRenderer *self,
                                                                GtkTextBuffer       *buffer,
                                                                GPtrArray           *blocks,
                                                                GArray              *offsets);
void                 attest_block_renderer_append_range   (AttestBlockRenderer *self,
                                                           GtkTextBuffer       *buffer,
                                                           GPtrArray           *blocks,
                                                           guint                first,
                                                           guint                n,
                                                           GArray              *offsets);
void                 attest_block_renderer_apply_link     (AttestBlockRenderer *self,
                                                           GtkTextBuffer       *buffer,
                                                           const GtkTextIter   *start,
                                                           const GtkTextIter   *end,
                                                           const char          *target,
                                                           const char          *look);
void                 attest_block_renderer_link_table_cell (GtkWidget                 *table,
                                                            const AttestBlock         *block,
                                                            guint                      row,
                                                            guint                      column,
                                                            const AttestBlockLinkSpan *spans,
                                                            guint                      n_spans);
GtkTextTag          *attest_block_renderer_lookup_segment_tag (AttestBlockRenderer *self,
                                                               guint                segment);
int                  attest_block_renderer_get_segment_at_iter (const GtkTextIter *iter);

const char          *attest_block_renderer_get_link_at_iter (const GtkTextIter *iter);
gboolean             attest_block_renderer_get_link_range   (const GtkTextIter *iter,
                                                             GtkTextIter       *start,
                                                             GtkTextIter       *end);
GtkWidget           *attest_block_renderer_get_anchor_child (GtkTextChildAnchor *anchor);
int                  attest_block_renderer_get_child_indent (GtkWidget          *child);
const AttestBlockBox *attest_block_renderer_get_tag_box     (GtkTextTag         *tag);
GtkTextTag          *attest_block_renderer_get_highlight_tag (AttestBlockRenderer *self,
                                                              const char          *color);
char                *attest_block_renderer_dup_text         (const GtkTextIter *start,
                                                             const GtkTextIter *end);

G_END_DECLS
