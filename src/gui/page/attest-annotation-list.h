/* attest-annotation-list.h: the highlights of one page section, in the page view's notes pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"
#include "attest-workspace-annotations.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_ANNOTATION_LIST (attest_annotation_list_get_type ())

G_DECLARE_FINAL_TYPE (AttestAnnotationList, attest_annotation_list, ATTEST, ANNOTATION_LIST, GtkWidget)

AttestAnnotationList *attest_annotation_list_new             (void);
void                  attest_annotation_list_set_section     (AttestAnnotationList *self,
                                                              AttestWorkspace      *workspace,
                                                              const char           *framework_id,
                                                              const char           *section_key,
                                                              const char           *title);
void                  attest_annotation_list_reload          (AttestAnnotationList *self);
guint                 attest_annotation_list_get_n_annotations (AttestAnnotationList *self);
void                  attest_annotation_list_edit            (AttestAnnotationList   *self,
                                                              const AttestAnnotation *annotation);
void                  attest_annotation_list_show_toast      (AttestAnnotationList *self,
                                                              const char           *message);

G_END_DECLS
