/* attest-workspace-annotations.h: highlights and comments on evidence PDFs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

typedef struct {
  double x1, y1, x2, y2;  /* PDF points on the page; a point is x1 = x2, y1 = y2 */
} AttestRect;

typedef struct {
  gint64 id;
  char *sha256;          /* the evidence file */
  guint page;            /* from 0 */
  GArray *rects;         /* AttestRect: quads of a highlight, or one point */
  char *color;           /* "#rrggbb" */
  char *text;
  gint64 item_id;        /* the checklist item it supports, or 0 */
} AttestAnnotation;

void       attest_annotation_free             (AttestAnnotation  *annotation);
gboolean   attest_workspace_add_annotation    (AttestWorkspace   *self,
                                               AttestAnnotation  *annotation,
                                               GError           **error);
GPtrArray *attest_workspace_list_annotations  (AttestWorkspace   *self,
                                               const char        *sha256,
                                               GError           **error);
gboolean   attest_workspace_delete_annotation (AttestWorkspace   *self,
                                               gint64             id,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestAnnotation, attest_annotation_free)

G_END_DECLS
