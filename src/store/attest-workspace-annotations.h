/* attest-workspace-annotations.h: highlights and comments on evidence PDFs and page sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* Points (1/72 inch) on the page, the origin at its top left corner, y down:
 * the coordinates of AttestPdfDocument (src/render), so zoom and rotation
 * never change them. A point is x1 = x2, y1 = y2. */
typedef struct {
  double x1, y1, x2, y2;
} AttestRect;

typedef enum {
  ATTEST_ANNOTATION_HIGHLIGHT, /* the quads of a text selection (one rectangle a line) */
  ATTEST_ANNOTATION_RECTANGLE, /* one drawn rectangle: scanned pages have no text */
  ATTEST_ANNOTATION_NOTE,      /* a note dropped on one point */
} AttestAnnotationKind;

/* The most text an annotation holds, in bytes of UTF-8. */
#define ATTEST_ANNOTATION_MAX_BYTES (1024 * 1024)
/* The most rectangles one highlight holds. */
#define ATTEST_ANNOTATION_MAX_RECTS 10000
/* The colour of an annotation made without one. */
#define ATTEST_ANNOTATION_DEFAULT_COLOR "#f6d32d"

/* An annotation is on an evidence file (sha256, page, rects) or on an
 * offering page's section (section: "framework:ID#SECTION-KEY", a note
 * target's form, the passage in quote; page 0, rects empty): exactly one. */
typedef struct {
  gint64 id;
  AttestAnnotationKind kind;
  char *sha256;          /* the evidence file, or NULL */
  char *section;         /* "framework:ID#SECTION-KEY", or NULL */
  guint page;            /* from 0 */
  GArray *rects;         /* AttestRect: a highlight's quads, a rectangle, or one point */
  char *color;           /* "#rrggbb"; NULL on add: ATTEST_ANNOTATION_DEFAULT_COLOR */
  char *text;            /* Markdown, may be empty */
  char *quote;           /* a section annotation: the passage highlighted; else "" */
  gint64 item_id;        /* read: the first linked item, or 0. add: one more item to link */
  GArray *item_ids;      /* gint64: the checklist items it supports, ascending; may be NULL on add */
} AttestAnnotation;

const char *attest_annotation_kind_to_string   (AttestAnnotationKind  kind);
gboolean    attest_annotation_kind_from_string (const char           *text,
                                                AttestAnnotationKind *kind);
gboolean    attest_annotation_color_is_valid   (const char           *color);
AttestAnnotation *attest_annotation_new        (AttestAnnotationKind  kind);
AttestAnnotation *attest_annotation_copy       (const AttestAnnotation *annotation);
void        attest_annotation_add_item         (AttestAnnotation     *annotation,
                                                gint64                item_id);
gboolean    attest_annotation_has_item         (const AttestAnnotation *annotation,
                                                gint64                item_id);
void        attest_annotation_free             (AttestAnnotation     *annotation);

gboolean   attest_workspace_add_annotation    (AttestWorkspace   *self,
                                               AttestAnnotation  *annotation,
                                               GError           **error);
gboolean   attest_workspace_add_annotations   (AttestWorkspace   *self,
                                               GPtrArray         *annotations,
                                               GError           **error);
AttestAnnotation *attest_workspace_get_annotation (AttestWorkspace *self,
                                               gint64             id,
                                               GError           **error);
GPtrArray *attest_workspace_list_annotations  (AttestWorkspace   *self,
                                               const char        *sha256,
                                               GError           **error);
GPtrArray *attest_workspace_list_section_annotations (AttestWorkspace *self,
                                               const char        *framework_id,
                                               const char        *section_key,
                                               GError           **error);
GPtrArray *attest_workspace_list_item_annotations (AttestWorkspace *self,
                                               gint64             item_id,
                                               GError           **error);
gboolean   attest_workspace_update_annotation (AttestWorkspace   *self,
                                               AttestAnnotation  *annotation,
                                               GError           **error);
gboolean   attest_workspace_delete_annotation (AttestWorkspace   *self,
                                               gint64             id,
                                               GError           **error);

gboolean   _attest_annotations_migrate        (AttestWorkspace   *self,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestAnnotation, attest_annotation_free)

G_END_DECLS
