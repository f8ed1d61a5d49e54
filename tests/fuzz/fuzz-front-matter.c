/* fuzz-front-matter.c: libFuzzer target for the front matter reader
 *
 * The input goes to attest_front_matter_parse as a page's text, and once
 * more behind a "---" line so that every input is read as YAML; each key,
 * value and date is then read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "attest-front-matter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
read_back (const char *text,
           gsize       len)
{
  g_autoptr(AttestFrontMatter) fm = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *handoff = NULL;
  g_autofree char *date = NULL;
  gsize body = 0;
  GList *keys;

  fm = attest_front_matter_parse ("fuzz.md", text, len, &body, &warning);
  g_assert (fm != NULL);
  g_assert (body <= len);
  g_assert (attest_front_matter_skip (text, len) == body);
  keys = attest_front_matter_get_keys (fm);
  g_assert (keys == NULL || attest_front_matter_is_present (fm));
  for (GList *l = keys; l != NULL; l = l->next)
    g_assert (attest_front_matter_lookup (fm, l->data) != NULL);
  g_list_free (keys);
  handoff = attest_front_matter_dup_handoff (fm);
  date = attest_front_matter_dup_date (fm);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *framed = NULL;

  /* The page parser checks the bytes first: front matter is only ever
   * read from UTF-8 text without NUL bytes. */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate_len ((const char *) data, size, NULL))
    return 0;

  read_back ((const char *) data, size);

  framed = g_malloc (size + 9);
  memcpy (framed, "---\n", 4);
  memcpy (framed + 4, data, size);
  memcpy (framed + 4 + size, "\n---\n", 5);
  read_back (framed, size + 9);
  return 0;
}
