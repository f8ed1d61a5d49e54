/* attest-markdown.c: the block list of a note's Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-markdown"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-markdown.h"
#include "attest-page-private.h"
#include "attest-segments.h"

/* The limits of a page, in a note's words. */
static gboolean
check_text (const char  *text,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;
  const char *nul;
  gsize pos = 0;
  gsize table_line, table_columns;

  if (len > ATTEST_PAGE_MAX_BYTES)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_LARGE,
                   _("The note is larger than %d MiB"), ATTEST_PAGE_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if ((nul = memchr (text, '\0', len)) != NULL)
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_BINARY,
                   _("The note contains a NUL byte (at byte %lu)"), (unsigned long) (nul - text));
      return FALSE;
    }
  if (!g_utf8_validate_len (text, len, &end))
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_NOT_UTF8,
                   _("The note is not UTF-8 text (invalid byte at offset %lu)"),
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
                       _("A line of the note is longer than %d KiB (at byte %lu)"),
                       ATTEST_PAGE_MAX_LINE_BYTES / 1024, (unsigned long) pos);
          return FALSE;
        }
      pos = line_end + 1;
    }
  if (!_attest_page_check_table_cells (text, len, &table_line, &table_columns))
    {
      g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_MANY_CELLS,
                   _("The note’s tables have more than %d cells (the table at line %lu has %lu columns)"),
                   ATTEST_PAGE_MAX_TABLE_CELLS, (unsigned long) table_line, (unsigned long) table_columns);
      return FALSE;
    }
  return TRUE;
}

/**
 * attest_markdown_parse_blocks:
 * @text: (nullable): a note's Markdown
 * @len: its length in bytes, or -1 when NUL-terminated
 * @error: ATTEST_PAGE_ERROR_TOO_LARGE, _BINARY, _NOT_UTF8, _LINE_TOO_LONG, _TOO_MANY_CELLS
 *   or _TOO_DEEP
 *
 * Returns: (transfer container): AttestBlock, empty for empty or blank text;
 *   %NULL with @error set when the text is beyond the limits of a page
 */
GPtrArray *
attest_markdown_parse_blocks (const char  *text,
                              gssize       len,
                              GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *blocks = NULL;

  g_return_val_if_fail (text != NULL || len <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = (gssize) strlen (text);
  if (!check_text (text, (gsize) len, error))
    return NULL;

  /* The segment sentinels' code points are the page parser's: a note that
   * carried them could fake segment ids, so they go before parsing. */
  clean = attest_segments_strip (text, len);
  if (!_attest_page_build_blocks ("", clean, strlen (clean), &blocks, &local_error))
    {
      if (g_error_matches (local_error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_DEEP))
        g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_DEEP,
                     _("The note nests quotes and lists more than %d levels deep"),
                     ATTEST_PAGE_MAX_NESTING);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return blocks;
}

/**
 * attest_markdown_to_plain_text:
 * @text: a note's Markdown
 *
 * The words a reader sees in @text, without its markup: one line, the
 * blocks and line breaks joined by spaces (a list row's "first words").
 *
 * Returns: (transfer full): the text; @text itself, spaces collapsed, when
 *   it is beyond the limits of a page
 */
char *
attest_markdown_to_plain_text (const char *text)
{
  g_autoptr(GPtrArray) blocks = attest_markdown_parse_blocks (text, -1, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *raw = NULL;

  if (blocks != NULL)
    for (guint i = 0; i < blocks->len; i++)
      {
        const AttestBlock *block = blocks->pdata[i];

        for (guint j = 0; block->runs != NULL && j < block->runs->len; j++)
          {
            const AttestRun *run = block->runs->pdata[j];

            if (out->len > 0 && j == 0)
              g_string_append_c (out, ' ');
            g_string_append (out, run->text);
          }
      }
  else
    g_string_append (out, text);

  /* One line: every run of white space one space. */
  raw = g_string_free (g_steal_pointer (&out), FALSE);
  out = g_string_new (NULL);
  for (const char *p = raw; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}
