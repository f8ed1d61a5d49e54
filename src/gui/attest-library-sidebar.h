/* attest-library-sidebar.h: frameworks by category, their variants, My Services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-library-item.h"
#include "attest-matrix.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_LIBRARY_SIDEBAR (attest_library_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (AttestLibrarySidebar, attest_library_sidebar, ATTEST, LIBRARY_SIDEBAR, GtkWidget)

GtkWidget  *attest_library_sidebar_new                    (void);
void        attest_library_sidebar_set_matrix             (AttestLibrarySidebar *self,
                                                           AttestMatrix         *matrix);
gboolean    attest_library_sidebar_select_framework       (AttestLibrarySidebar *self,
                                                           const char           *framework_id);
const char *attest_library_sidebar_get_selected_framework (AttestLibrarySidebar *self);
void        attest_library_sidebar_set_required_scopes    (AttestLibrarySidebar *self,
                                                           GHashTable           *required);
GMenuModel *attest_library_sidebar_row_menu               (AttestLibrarySidebar *self,
                                                           AttestLibraryItem    *item);
gboolean    attest_library_sidebar_popup_row_menu         (AttestLibrarySidebar *self,
                                                           AttestLibraryItem    *item,
                                                           GtkWidget            *widget,
                                                           double                x,
                                                           double                y);

G_END_DECLS
