/* attest-workspace-locate.h: where a search result or a note target is in the window
 *
 * A search result names what it found by kind and ref ("page",
 * "soc#audit-cycle@fr-FR/12": section, locale, page version); a note names what it is on by a target
 * ("cell:soc/soc-2:intune"). An AttestLocation says where to go to show it:
 * a page section, a framework, a cell (and item), a service, an evidence file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "attest-workspace.h"

G_BEGIN_DECLS

typedef enum {
  ATTEST_LOCATION_PAGE_SECTION, /* framework_id, section_key, locale, variant_id */
  ATTEST_LOCATION_FRAMEWORK,    /* framework_id; scope_id for a scope */
  ATTEST_LOCATION_CELL,         /* framework_id, scope_id, service_id; item_id and item_position, or 0 */
  ATTEST_LOCATION_SERVICE,      /* service_id */
  ATTEST_LOCATION_EVIDENCE,     /* evidence_sha256, and the first cell and item it serves, if any */
  ATTEST_LOCATION_NOTE,         /* note_id, note_target, and the fields of what the note is on */
} AttestLocationKind;

typedef struct {
  AttestLocationKind kind;
  char *framework_id;
  char *section_key;
  char *locale;           /* "" for the English page; NULL: the page the reader prefers */
  char *scope_id;
  char *service_id;        /* the matrix row: a service merged into another is found in its row */
  gint64 item_id;         /* 0 when none */
  guint item_position;    /* from 1; 0 when none */
  char *evidence_sha256;
  gint64 note_id;         /* 0 when none */
  char *note_target;      /* what the note is on, as stored: "cell:soc/soc-2:intune" */
  gint64 annotation_id;   /* an annotation found: 0 when none */
  int evidence_page;      /* the annotation's PDF page, from 0; -1 when none */
  gint64 variant_id;      /* a page section's page version (AttestMatrixVariant.id); 0 when none */
} AttestLocation;

#define ATTEST_TYPE_LOCATION (attest_location_get_type ())

GType           attest_location_get_type              (void) G_GNUC_CONST;
AttestLocation *attest_location_new                   (AttestLocationKind  kind);
AttestLocation *attest_location_copy                  (const AttestLocation *location);
void            attest_location_free                  (AttestLocation     *location);

AttestLocation *attest_workspace_locate_target        (AttestWorkspace    *self,
                                                       const char         *target,
                                                       GError            **error);
AttestLocation *attest_workspace_locate_search_result (AttestWorkspace    *self,
                                                       const char         *kind,
                                                       const char         *ref,
                                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestLocation, attest_location_free)

G_END_DECLS
