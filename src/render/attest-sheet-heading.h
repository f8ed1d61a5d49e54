/* attest-sheet-heading.h: what heads every printed or exported sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* The workspace a matrix, report or package comes from, as its header and
 * footer name it: the same for print, PDF, HTML and the package. */
typedef struct {
  char *workspace_name;  /* the workspace file's name */
  char *reviewer;        /* or NULL: none known (attest_workspace_get_named_reviewer()) */
  char *date;            /* today, YYYY-MM-DD */
  char *fingerprint;     /* the head of the history chain (verify --fingerprint) */
} AttestSheetHeading;

gboolean attest_sheet_heading_init  (AttestSheetHeading  *self,
                                     AttestWorkspace     *workspace,
                                     GError             **error);
void     attest_sheet_heading_clear (AttestSheetHeading  *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AttestSheetHeading, attest_sheet_heading_clear)

G_END_DECLS
