/* attest-block.c: one block of a parsed page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-block"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-block.h"

const char *
attest_block_kind_to_string (AttestBlockKind kind)
{
  switch (kind)
    {
    case ATTEST_BLOCK_HEADING:
      return "heading";
    case ATTEST_BLOCK_PARAGRAPH:
      return "paragraph";
    case ATTEST_BLOCK_LIST_ITEM:
      return "list-item";
    case ATTEST_BLOCK_QUOTE:
      return "quote";
    case ATTEST_BLOCK_NOTE:
      return "note";
    case ATTEST_BLOCK_CODE:
      return "code";
    case ATTEST_BLOCK_TABLE:
      return "table";
    case ATTEST_BLOCK_THEMATIC_BREAK:
      return "thematic-break";
    default:
      return "unknown";
    }
}

AttestRun *
attest_run_new (const char     *text,
                gssize          len,
                AttestRunFlags  flags,
                const char     *link)
{
  AttestRun *run = g_new0 (AttestRun, 1);

  run->text = len < 0 ? g_strdup (text) : g_strndup (text, (gsize) len);
  run->flags = flags;
  run->link = g_strdup (link);
  run->segment = -1;
  return run;
}

void
attest_run_free (AttestRun *run)
{
  if (run == NULL)
    return;
  g_free (run->text);
  g_free (run->link);
  g_free (run);
}

AttestTableCell *
attest_table_cell_new (void)
{
  AttestTableCell *cell = g_new0 (AttestTableCell, 1);

  cell->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_run_free);
  return cell;
}

void
attest_table_cell_free (AttestTableCell *cell)
{
  if (cell == NULL)
    return;
  g_ptr_array_unref (cell->runs);
  g_free (cell);
}

AttestTableRow *
attest_table_row_new (gboolean header)
{
  AttestTableRow *row = g_new0 (AttestTableRow, 1);

  row->header = header;
  row->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_table_cell_free);
  return row;
}

void
attest_table_row_free (AttestTableRow *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

AttestBlock *
attest_block_new (AttestBlockKind kind)
{
  AttestBlock *block = g_new0 (AttestBlock, 1);

  block->kind = kind;
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_run_free);
  block->segments = g_array_new (FALSE, FALSE, sizeof (guint));
  block->section = -1;
  block->section_key = g_strdup ("");
  if (kind == ATTEST_BLOCK_TABLE)
    block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_table_row_free);
  return block;
}

void
attest_block_free (AttestBlock *block)
{
  if (block == NULL)
    return;
  g_ptr_array_unref (block->runs);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_array_unref (block->segments);
  g_free (block->label);
  g_free (block->section_key);
  g_free (block);
}

static void
append_runs (GString   *out,
             GPtrArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    g_string_append (out, ((AttestRun *) g_ptr_array_index (runs, i))->text);
}

char *
attest_runs_dup_text (GPtrArray *runs)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (runs != NULL, NULL);

  append_runs (out, runs);
  return g_string_free (out, FALSE);
}

char *
attest_table_cell_dup_text (const AttestTableCell *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);
  return attest_runs_dup_text (cell->runs);
}

/* Plain text of a block; a table gives one line per row, cells separated by tabs. */
char *
attest_block_dup_text (const AttestBlock *block)
{
  GString *out;

  g_return_val_if_fail (block != NULL, NULL);

  out = g_string_new (NULL);
  append_runs (out, block->runs);
  if (block->rows != NULL)
    {
      for (guint r = 0; r < block->rows->len; r++)
        {
          AttestTableRow *row = g_ptr_array_index (block->rows, r);

          if (r > 0 || out->len > 0)
            g_string_append_c (out, '\n');
          for (guint c = 0; c < row->cells->len; c++)
            {
              if (c > 0)
                g_string_append_c (out, '\t');
              append_runs (out, ((AttestTableCell *) g_ptr_array_index (row->cells, c))->runs);
            }
        }
    }
  return g_string_free (out, FALSE);
}

/* The labels of [!NOTE] blocks, and the title a reader sees above one, on
 * screen and on paper alike. */
static const struct {
  const char *label;
  const char *title;
} note_kinds[ATTEST_N_NOTE_KINDS] = {
  /* Translators: the label above a highlighted note block in a page or a note */
  { "NOTE", N_("Note") },
  /* Translators: the label above a highlighted tip block in a page or a note */
  { "TIP", N_("Tip") },
  /* Translators: the label above a highlighted block in a page or a note */
  { "IMPORTANT", N_("Important") },
  /* Translators: the label above a highlighted warning block in a page or a note */
  { "WARNING", N_("Warning") },
  /* Translators: the label above a highlighted caution block in a page or a note */
  { "CAUTION", N_("Caution") },
};

/* A NOTE block's kind by its label; an unknown label is a plain note. */
AttestNoteKind
attest_block_get_note_kind (const AttestBlock *block)
{
  g_return_val_if_fail (block != NULL, ATTEST_NOTE_NOTE);

  for (guint i = 0; i < G_N_ELEMENTS (note_kinds); i++)
    if (g_strcmp0 (note_kinds[i].label, block->label) == 0)
      return (AttestNoteKind) i;
  return ATTEST_NOTE_NOTE;
}

/* "Note", "Tip" …, translated. */
const char *
attest_note_kind_get_title (AttestNoteKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (note_kinds), _(note_kinds[0].title));
  return _(note_kinds[kind].title);
}

/* Quotes, notes and code blocks are drawn in a box. */
gboolean
attest_block_has_box (const AttestBlock *block)
{
  return block->kind == ATTEST_BLOCK_QUOTE || block->kind == ATTEST_BLOCK_NOTE || block->kind == ATTEST_BLOCK_CODE;
}

/* The next paragraph of the same quote or note: in the same box. (The block
 * list does not say where one quote ends and the next begins; two quotes in a
 * row read as one.) */
gboolean
attest_block_continues_box (const AttestBlock *prev,
                            const AttestBlock *block)
{
  return prev != NULL && prev->kind == block->kind
         && (block->kind == ATTEST_BLOCK_QUOTE || block->kind == ATTEST_BLOCK_NOTE)
         && prev->depth == block->depth && g_strcmp0 (prev->label, block->label) == 0;
}
