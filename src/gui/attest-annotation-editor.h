/* attest-annotation-editor.h: one annotation's colour, text and linked checklist items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"
#include "attest-workspace-annotations.h"

G_BEGIN_DECLS

/* The small palette annotations are drawn in, each colour with a name: a
 * screen reader, a tooltip and a list say the name, never the colour alone. */
guint       attest_annotation_palette_get_n_colors (void);
const char *attest_annotation_palette_get_color    (guint       index);
const char *attest_annotation_palette_name         (const char *color);
char       *attest_annotation_color_describe       (const char *color);

#define ATTEST_TYPE_ANNOTATION_EDITOR (attest_annotation_editor_get_type ())

G_DECLARE_FINAL_TYPE (AttestAnnotationEditor, attest_annotation_editor, ATTEST, ANNOTATION_EDITOR, AdwWindow)

AttestAnnotationEditor *attest_annotation_editor_new            (GtkWindow              *parent,
                                                                 AttestWorkspace        *workspace,
                                                                 const AttestAnnotation *annotation);
const AttestAnnotation *attest_annotation_editor_get_annotation (AttestAnnotationEditor *self);
const char             *attest_annotation_editor_get_color      (AttestAnnotationEditor *self);
GArray                 *attest_annotation_editor_get_item_ids   (AttestAnnotationEditor *self);
gboolean                attest_annotation_editor_save           (AttestAnnotationEditor *self,
                                                                 GError                **error);

G_END_DECLS
