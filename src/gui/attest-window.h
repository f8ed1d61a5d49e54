/* attest-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-application.h"
#include "attest-import-dialog.h"
#include "attest-workspace.h"
#include "attest-page-view.h"
#include "attest-pdf-page.h"
#include "attest-workspace-locate.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_WINDOW (attest_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestWindow, attest_window, ATTEST, WINDOW, AdwApplicationWindow)

AttestWindow    *attest_window_new            (AttestApplication *application);
gboolean         attest_window_open_workspace (AttestWindow      *self,
                                               const char        *path);
AttestWorkspace *attest_window_get_workspace  (AttestWindow      *self);
gboolean         attest_window_new_workspace  (AttestWindow      *self,
                                               const char        *path);
void             attest_window_save_copy      (AttestWindow      *self,
                                               const char        *path);
AttestImportDialog *attest_window_import_paths (AttestWindow     *self,
                                               const char * const *paths);
void             attest_window_show_location  (AttestWindow      *self,
                                               const AttestLocation *location);
void             attest_window_show_cell      (AttestWindow      *self,
                                               const char        *scope_id,
                                               const char        *service_id);
gboolean         attest_window_show_page      (AttestWindow      *self,
                                               const char        *framework_id,
                                               const char        *section_key,
                                               const char        *locale,
                                               int                mode);
gboolean         attest_window_show_page_version (AttestWindow   *self,
                                               const char        *framework_id,
                                               const char        *scope_id,
                                               gint64             variant_id);
AttestPageView  *attest_window_get_page_view  (AttestWindow      *self);
gboolean         attest_window_show_pdf       (AttestWindow      *self,
                                               const char        *sha256,
                                               guint              page);
gboolean         attest_window_show_annotation (AttestWindow     *self,
                                               gint64             id);
gboolean         attest_window_show_pdf_at    (AttestWindow      *self,
                                               const char        *sha256,
                                               const char        *page,
                                               const char        *find);
AttestPdfPage   *attest_window_get_pdf_page   (AttestWindow      *self);

G_END_DECLS
