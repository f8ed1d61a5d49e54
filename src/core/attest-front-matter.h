/* attest-front-matter.h: the YAML block at the top of an offering page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttestFrontMatter AttestFrontMatter;

/* Real front matter is under 1 KiB and two levels deep (a mapping holding
 * sequences); libyaml spends time in the square of the nesting depth, so
 * a block beyond either limit is ignored with a warning, unread. */
#define ATTEST_FRONT_MATTER_MAX_BYTES  (64 * 1024)
#define ATTEST_FRONT_MATTER_MAX_DEPTH  16

AttestFrontMatter *attest_front_matter_parse            (const char  *display_path,
                                                         const char  *text,
                                                         gsize        len,
                                                         gsize       *body_offset,
                                                         char       **warning);
AttestFrontMatter *attest_front_matter_new              (void);
void               attest_front_matter_free             (AttestFrontMatter *self);

gboolean           attest_front_matter_is_present       (const AttestFrontMatter *self);
const char        *attest_front_matter_lookup           (const AttestFrontMatter *self,
                                                         const char              *key);
GList             *attest_front_matter_get_keys         (const AttestFrontMatter *self);
const char        *attest_front_matter_get_title        (const AttestFrontMatter *self);
const char        *attest_front_matter_get_description  (const AttestFrontMatter *self);
const char        *attest_front_matter_get_locale       (const AttestFrontMatter *self);
const char        *attest_front_matter_get_translation_type (const AttestFrontMatter *self);
char              *attest_front_matter_dup_handoff      (const AttestFrontMatter *self);
char              *attest_front_matter_dup_date         (const AttestFrontMatter *self);

gsize              attest_front_matter_skip             (const char *text,
                                                         gsize       len);
char              *attest_front_matter_us_date_to_iso   (const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestFrontMatter, attest_front_matter_free)

G_END_DECLS
