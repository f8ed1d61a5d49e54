/* attest-page.h: one offering page, parsed into blocks, sections and links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-block.h"
#include "attest-front-matter.h"
#include "attest-segments.h"

G_BEGIN_DECLS

#define ATTEST_PAGE_ERROR (attest_page_error_quark ())

typedef enum {
  ATTEST_PAGE_ERROR_READ,           /* cannot be read (missing, permissions, symlink loop …) */
  ATTEST_PAGE_ERROR_IS_DIRECTORY,
  ATTEST_PAGE_ERROR_NOT_UTF8,
  ATTEST_PAGE_ERROR_BINARY,         /* contains a NUL byte */
  ATTEST_PAGE_ERROR_EMPTY,
  ATTEST_PAGE_ERROR_TOO_LARGE,      /* more than ATTEST_PAGE_MAX_BYTES */
  ATTEST_PAGE_ERROR_LINE_TOO_LONG,  /* a line longer than ATTEST_PAGE_MAX_LINE_BYTES */
  ATTEST_PAGE_ERROR_TOO_DEEP,       /* quotes and lists nested deeper than ATTEST_PAGE_MAX_NESTING */
  ATTEST_PAGE_ERROR_TOO_MANY_CELLS, /* tables of more than ATTEST_PAGE_MAX_TABLE_CELLS cells */
} AttestPageError;

/* A hundred times the largest real page (34 KB), room for a page of 50 000
 * headings. cmark-gfm cannot fail an allocation and a dense page costs it
 * some 250 times its size, so this is what bounds the memory a hostile page
 * (or note) takes: about 1 GB, where 16 MiB took 4 GB. */
#define ATTEST_PAGE_MAX_BYTES          (4 * 1024 * 1024)
#define ATTEST_PAGE_MAX_LINE_BYTES     (1024 * 1024)
#define ATTEST_PAGE_MAX_NESTING        1000
#define ATTEST_PAGE_MAX_INCLUDE_DEPTH  8
/* Each cell costs cmark-gfm a node or two (~500 bytes with our block's),
 * and a row shorter than its header is padded to the header's width: a
 * wide header over many short rows made 86 KB cost 9 GB.  Real pages hold
 * a few hundred cells. */
#define ATTEST_PAGE_MAX_TABLE_CELLS    100000

typedef struct {
  char *key;            /* anchor, else slug of the source title; "parent/key" when not unique */
  guint level;          /* heading level 1–6 */
  char *title;          /* translated heading text */
  char *source_title;   /* source-language heading text */
  int parent;           /* index of the enclosing section, or -1 */
  guint source_block;   /* index of the heading in source_blocks */
  int translated_block; /* index of the heading in translated_blocks, or -1 */
} AttestSection;

typedef struct {
  char *url;
  char *text;           /* source-language link text */
  char *section_key;    /* "" before the first heading */
  int section;          /* -1 before the first heading */
  guint block;          /* index in source_blocks */
} AttestPageLink;

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  char *path;                   /* display path given to parse/load */
  AttestFrontMatter *front_matter;
  AttestPageKind kind;
  GPtrArray *segments;          /* AttestSegment; a block's segment indexes point here */
  char *translated_markdown;    /* with sentinels (attest-segments.h) */
  char *source_markdown;        /* with sentinels; same text as translated unless bilingual */
  GPtrArray *translated_blocks; /* AttestBlock */
  GPtrArray *source_blocks;     /* AttestBlock; the same array as translated_blocks unless bilingual */
  GPtrArray *sections;          /* AttestSection, in page order */
  GPtrArray *links;             /* AttestPageLink, in page order */
  GPtrArray *warnings;          /* char *, each naming the file and the reason */
} AttestPage;

GQuark          attest_page_error_quark        (void);

AttestPage     *attest_page_parse              (const char  *display_path,
                                                const char  *text,
                                                gssize       len,
                                                GError     **error);
AttestPage     *attest_page_load               (const char  *path,
                                                const char  *root_dir,
                                                GError     **error);
AttestPage     *attest_page_ref                (AttestPage  *self);
void            attest_page_unref              (AttestPage  *self);

char           *attest_page_dup_block_text     (AttestPage        *self,
                                                const AttestBlock *block);
int             attest_page_find_section       (AttestPage  *self,
                                                const char  *key);
int             attest_page_find_in_scope_section (AttestPage *self);
const AttestSegment *attest_page_get_segment   (AttestPage  *self,
                                                guint        index);
const char     *attest_page_get_title          (AttestPage  *self);
char           *attest_page_dup_source_title   (AttestPage  *self);

char           *attest_page_slugify            (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPage, attest_page_unref)

G_END_DECLS
