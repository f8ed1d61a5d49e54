/* attest-page-text.c: a page's block list as plain text (attest-cli show)
 *
 * No Markdown or HTML syntax: headings are underlined, list items indented
 * with a bullet, tables one row a line with cells between "|", notes labelled.
 * In "both" mode each translated block is followed by its source block.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-page-text"

#include "config.h"

#include <string.h>

#include "attest-page-text.h"

static void
append_indented (GString    *out,
                 const char *prefix,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (out, i == 0 ? prefix : "");
      if (i > 0)
        for (glong k = 0; k < g_utf8_strlen (prefix, -1); k++)
          g_string_append_c (out, ' ');
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
}

static void
render_block (GString           *out,
              AttestPage        *page,
              const AttestBlock *block,
              const char        *marker)
{
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;

  switch (block->kind)
    {
    case ATTEST_BLOCK_HEADING:
      text = attest_page_dup_block_text (page, block);
      g_string_append_printf (out, "%s%s\n", marker, text);
      for (glong i = g_utf8_strlen (marker, -1) + g_utf8_strlen (text, -1); i > 0; i--)
        g_string_append_c (out, block->level <= 2 ? '=' : '-');
      g_string_append_c (out, '\n');
      break;

    case ATTEST_BLOCK_LIST_ITEM:
      text = attest_page_dup_block_text (page, block);
      prefix = g_strdup_printf ("%s%*s%s ", marker, (int)(block->depth > 0 ? block->depth - 1 : 0) * 2, "",
                                block->ordered ? "" : "•");
      if (block->ordered)
        {
          g_free (prefix);
          prefix = g_strdup_printf ("%s%*s%d. ", marker, (int)(block->depth > 0 ? block->depth - 1 : 0) * 2, "",
                                    block->number);
        }
      append_indented (out, prefix, text);
      break;

    case ATTEST_BLOCK_NOTE:
      text = attest_page_dup_block_text (page, block);
      prefix = g_strdup_printf ("%s%s: ", marker, block->label != NULL ? block->label : "NOTE");
      append_indented (out, prefix, text);
      break;

    case ATTEST_BLOCK_QUOTE:
      text = attest_page_dup_block_text (page, block);
      prefix = g_strdup_printf ("%s  ", marker);
      append_indented (out, prefix, text);
      break;

    case ATTEST_BLOCK_TABLE:
      for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
        {
          AttestTableRow *row = block->rows->pdata[r];
          GString *line = g_string_new (marker);

          for (guint c = 0; c < row->cells->len; c++)
            {
              g_autofree char *cell = attest_table_cell_dup_text (row->cells->pdata[c]);
              g_strdelimit (cell, "\n", ' ');
              g_string_append_printf (line, "%s%s", c ? " | " : "", cell);
            }
          g_string_append_c (line, '\n');
          g_string_append (out, line->str);
          g_string_free (line, TRUE);
        }
      break;

    case ATTEST_BLOCK_THEMATIC_BREAK:
      g_string_append (out, "――――――――\n");
      break;

    case ATTEST_BLOCK_CODE:
    case ATTEST_BLOCK_PARAGRAPH:
    default:
      text = attest_page_dup_block_text (page, block);
      append_indented (out, marker, text);
      break;
    }
}

char *
attest_page_text_render (AttestPage         *page,
                         AttestPageTextMode  mode)
{
  GString *out = g_string_new (NULL);
  GPtrArray *primary = mode == ATTEST_PAGE_TEXT_SOURCE ? page->source_blocks : page->translated_blocks;
  gboolean pair = mode == ATTEST_PAGE_TEXT_BOTH && page->source_blocks != page->translated_blocks &&
                  page->source_blocks->len == page->translated_blocks->len;

  g_return_val_if_fail (page != NULL, NULL);

  for (guint i = 0; i < primary->len; i++)
    {
      const AttestBlock *block = primary->pdata[i];

      if (i > 0)
        g_string_append_c (out, '\n');
      render_block (out, page, block, "");
      if (pair)
        render_block (out, page, page->source_blocks->pdata[i], "EN │ ");
    }
  return g_string_free (out, FALSE);
}
