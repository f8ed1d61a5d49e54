/* fuzz-page.c: libFuzzer target for the offering-page parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "attest-page.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPage) page = NULL;

  page = attest_page_parse ("fuzz.md", (const char *) data, (gssize) size, &error);
  if (page != NULL)
    {
      /* Touch what the GUI reads. */
      for (guint i = 0; i < page->translated_blocks->len; i++)
        g_free (attest_block_dup_text (g_ptr_array_index (page->translated_blocks, i)));
      for (guint i = 0; i < page->source_blocks->len; i++)
        g_free (attest_block_dup_text (g_ptr_array_index (page->source_blocks, i)));
    }
  return 0;
}
