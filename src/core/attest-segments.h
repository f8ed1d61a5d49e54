/* attest-segments.h: bilingual segments of a localised offering page
 *
 * A localised page pairs each translated sentence with its English source:
 *
 *   <span data-ttu-id="ID">translated</span><span class="sxs-lookup"><span
 *   data-stu-id="ID">source</span></span>
 *
 * Extraction turns one page body into two Markdown texts, translated and
 * source, each pair replaced by its own side wrapped in invisible sentinels
 * that carry the segment's index through cmark-gfm:
 *
 *   open  = U+F0000 + index (index < 65534), else U+100000 + (index - 65534),
 *           followed by U+2E31 (WORD SEPARATOR MIDDLE DOT)
 *   close = U+2E31 followed by U+E000
 *
 * U+2E31 is Unicode punctuation, as the '>' and '<' of the span tags were, so
 * emphasis next to a segment boundary parses exactly as it did with the tags.
 * Those code points (U+E000, U+2E31, planes 15 and 16) are removed from the
 * page's own text first, so every sentinel in the output is ours.  Pages with
 * more than ATTEST_SEGMENTS_MAX_SENTINELS segments keep the rest unmarked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ATTEST_PAGE_KIND_SOURCE_ONLY,       /* no segments: an English page */
  ATTEST_PAGE_KIND_TRANSLATION_ONLY,  /* data-ttu-id spans without their source */
  ATTEST_PAGE_KIND_BILINGUAL,         /* translated and source side by side */
} AttestPageKind;

#define ATTEST_SEGMENT_OPEN_BASE       0xF0000
#define ATTEST_SEGMENT_OPEN_BASE2      0x100000
#define ATTEST_SEGMENT_MARK            0x2E31
#define ATTEST_SEGMENT_CLOSE           0xE000
#define ATTEST_SEGMENTS_MAX_SENTINELS  (2 * 65534)

typedef struct {
  char *id;           /* data-ttu-id, e.g. "8da75-128" */
  char *translated;   /* Markdown, without sentinels */
  char *source;       /* Markdown; a copy of translated when the page gives no source */
  gboolean has_source;
} AttestSegment;

typedef struct {
  AttestPageKind kind;
  char *translated;       /* Markdown with sentinels, NUL-terminated */
  gsize translated_len;
  char *source;           /* Markdown with sentinels; equal to translated unless bilingual */
  gsize source_len;
  GPtrArray *segments;    /* AttestSegment, index = sentinel index */
  GPtrArray *warnings;    /* char *, each naming the file */
} AttestSegments;

AttestSegments *attest_segments_extract          (const char *display_path,
                                                  const char *text,
                                                  gsize       len,
                                                  gsize       base_offset);
void            attest_segments_free             (AttestSegments *self);

const char     *attest_page_kind_to_string       (AttestPageKind kind);

gboolean        attest_segments_is_sentinel      (gunichar    c);
gboolean        attest_segments_decode_open      (gunichar    c,
                                                  guint      *index);
void            attest_segments_append_stripped  (GString    *out,
                                                  const char *text,
                                                  gsize       len,
                                                  GArray     *indexes);
char           *attest_segments_strip            (const char *text,
                                                  gssize      len);
gsize           attest_segments_find_reserved    (const char *text,
                                                  gsize       len,
                                                  gunichar   *cp,
                                                  gsize      *cp_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSegments, attest_segments_free)

G_END_DECLS
