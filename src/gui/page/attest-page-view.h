/* attest-page-view.h: an offering page, read translated, in its source, or side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-matrix.h"
#include "attest-page.h"
#include "attest-reading-mode.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_PAGE_VIEW (attest_page_view_get_type ())

G_DECLARE_FINAL_TYPE (AttestPageView, attest_page_view, ATTEST, PAGE_VIEW, GtkWidget)

GtkWidget         *attest_page_view_new              (void);
void               attest_page_view_set_settings     (AttestPageView    *self,
                                                      GSettings         *settings);
gboolean           attest_page_view_load             (AttestPageView    *self,
                                                      AttestWorkspace   *workspace,
                                                      AttestMatrix      *matrix,
                                                      const char        *framework_id,
                                                      const char        *locale,
                                                      GError           **error);
gboolean           attest_page_view_load_version     (AttestPageView    *self,
                                                      AttestWorkspace   *workspace,
                                                      AttestMatrix      *matrix,
                                                      const char        *framework_id,
                                                      const char        *locale,
                                                      const char        *scope_id,
                                                      gint64             variant_id,
                                                      GError           **error);
gboolean           attest_page_view_get_loading      (AttestPageView    *self);
void               attest_page_view_set_mode         (AttestPageView    *self,
                                                      AttestReadingMode  mode);
AttestReadingMode  attest_page_view_get_shown_mode   (AttestPageView    *self);
gboolean           attest_page_view_show_section     (AttestPageView    *self,
                                                      const char        *key);
const char        *attest_page_view_get_framework_id (AttestPageView    *self);
AttestPage        *attest_page_view_get_page         (AttestPageView    *self);
const char        *attest_page_view_get_title        (AttestPageView    *self);
const char        *attest_page_view_get_subtitle     (AttestPageView    *self);
int                attest_page_view_get_section      (AttestPageView    *self);
void               attest_page_view_find             (AttestPageView    *self,
                                                      const char        *text);
guint              attest_page_view_get_n_matches    (AttestPageView    *self);
int                attest_page_view_get_current_match (AttestPageView   *self);
double             attest_page_view_get_zoom         (AttestPageView    *self);
GPtrArray         *attest_page_view_get_text_views   (AttestPageView    *self);
void               attest_page_view_set_matrix       (AttestPageView    *self,
                                                      AttestMatrix      *matrix);
void               attest_page_view_clear            (AttestPageView    *self);

G_END_DECLS
