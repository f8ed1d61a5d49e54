/* attest-link-row.h: a PDF link and the document the workspace holds for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace-links.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_LINK_ROW (attest_link_row_get_type ())

G_DECLARE_FINAL_TYPE (AttestLinkRow, attest_link_row, ATTEST, LINK_ROW, AdwPreferencesRow)

gboolean    attest_link_row_shows_kind     (const char       *kind);
GtkWidget  *attest_link_row_new            (AttestWorkspace  *workspace,
                                            const AttestLink *link);
const char *attest_link_row_get_url        (AttestLinkRow    *self);
gboolean    attest_link_row_get_stored     (AttestLinkRow    *self);
gboolean    attest_link_row_get_busy       (AttestLinkRow    *self);
void        attest_link_row_refresh        (AttestLinkRow    *self);
void        attest_link_row_focus_action   (AttestLinkRow    *self);
void        attest_link_row_attach_file    (AttestLinkRow    *self,
                                            GFile            *file);

void        attest_link_document_open      (GtkWidget        *from,
                                            AttestWorkspace  *workspace,
                                            const char       *sha256);

GtkWidget  *attest_link_dialog_new         (GtkWidget        *from,
                                            AttestWorkspace  *workspace,
                                            const AttestLink *link);

/* For the tests */
const char *_attest_link_row_get_status    (AttestLinkRow    *self);
const char *_attest_link_row_get_error     (AttestLinkRow    *self);
GtkWidget  *_attest_link_row_get_button    (AttestLinkRow    *self,
                                            const char       *which);

G_END_DECLS
