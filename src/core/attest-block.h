/* attest-block.h: one block of a parsed page (heading, paragraph, list item …)
 *
 * The screen, print and PDF export all draw this block list (DESIGN.md,
 * "Parsed page").  A block is plain data: its kind, its inline runs (text
 * with style flags and a link target), its table rows for a table, the
 * ordered indexes of the segments that occur in it and its section.  Each
 * run lies in one segment or in none (so hovering a sentence can light its
 * twin on the other side).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ATTEST_BLOCK_HEADING,
  ATTEST_BLOCK_PARAGRAPH,
  ATTEST_BLOCK_LIST_ITEM,
  ATTEST_BLOCK_QUOTE,
  ATTEST_BLOCK_NOTE,
  ATTEST_BLOCK_CODE,
  ATTEST_BLOCK_TABLE,
  ATTEST_BLOCK_THEMATIC_BREAK,
} AttestBlockKind;

typedef enum {
  ATTEST_RUN_BOLD        = 1 << 0,
  ATTEST_RUN_ITALIC      = 1 << 1,
  ATTEST_RUN_CODE        = 1 << 2,
  ATTEST_RUN_STRIKE      = 1 << 3,
  ATTEST_RUN_SUPERSCRIPT = 1 << 4,
} AttestRunFlags;

typedef struct {
  char *text;            /* UTF-8, no sentinels, no markup; "\n" for a line break */
  AttestRunFlags flags;
  char *link;            /* link target, or NULL */
  int segment;           /* index into the page's segments of the segment this text is in, or -1 */
} AttestRun;

typedef struct {
  GPtrArray *runs;       /* AttestRun */
} AttestTableCell;

typedef struct {
  gboolean header;
  GPtrArray *cells;      /* AttestTableCell */
} AttestTableRow;

typedef struct {
  AttestBlockKind kind;
  guint level;           /* HEADING: 1–6 */
  guint depth;           /* LIST_ITEM: 1 for a top-level item; QUOTE, NOTE: quote depth */
  guint quote_depth;     /* enclosing block quotes, for any kind */
  gboolean ordered;      /* LIST_ITEM in an ordered list */
  int number;            /* LIST_ITEM in an ordered list: its number */
  char *label;           /* NOTE: "NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"; CODE: fence info */
  GPtrArray *runs;       /* AttestRun; empty for TABLE and THEMATIC_BREAK */
  GPtrArray *rows;       /* TABLE: AttestTableRow; NULL otherwise */
  GArray *segments;      /* guint: indexes into the page's segments, in text order */
  int section;           /* index into the page's sections; -1 before the first heading */
  char *section_key;     /* key of that section; "" before the first heading */
} AttestBlock;

/* The kinds of [!NOTE] blocks, in the parser's label order. */
typedef enum {
  ATTEST_NOTE_NOTE,
  ATTEST_NOTE_TIP,
  ATTEST_NOTE_IMPORTANT,
  ATTEST_NOTE_WARNING,
  ATTEST_NOTE_CAUTION,
} AttestNoteKind;

#define ATTEST_N_NOTE_KINDS 5

const char  *attest_block_kind_to_string (AttestBlockKind  kind);
AttestNoteKind attest_block_get_note_kind (const AttestBlock *block);
const char  *attest_note_kind_get_title  (AttestNoteKind   kind);
gboolean     attest_block_has_box        (const AttestBlock *block);
gboolean     attest_block_continues_box  (const AttestBlock *prev,
                                          const AttestBlock *block);

AttestBlock *attest_block_new            (AttestBlockKind  kind);
void         attest_block_free           (AttestBlock     *block);
AttestRun   *attest_run_new              (const char      *text,
                                          gssize           len,
                                          AttestRunFlags   flags,
                                          const char      *link);
void         attest_run_free             (AttestRun       *run);
AttestTableRow *attest_table_row_new     (gboolean         header);
void         attest_table_row_free       (AttestTableRow  *row);
AttestTableCell *attest_table_cell_new   (void);
void         attest_table_cell_free      (AttestTableCell *cell);

char        *attest_runs_dup_text        (GPtrArray       *runs);
char        *attest_block_dup_text       (const AttestBlock *block);
char        *attest_table_cell_dup_text  (const AttestTableCell *cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestBlock, attest_block_free)

G_END_DECLS
