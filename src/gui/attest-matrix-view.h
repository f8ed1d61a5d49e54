/* attest-matrix-view.h: the framework × service grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-matrix.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_MATRIX_VIEW (attest_matrix_view_get_type ())

G_DECLARE_FINAL_TYPE (AttestMatrixView, attest_matrix_view, ATTEST, MATRIX_VIEW, GtkWidget)

GtkWidget    *attest_matrix_view_new                   (void);
void          attest_matrix_view_set_matrix            (AttestMatrixView *self,
                                                        AttestMatrix     *matrix);
AttestMatrix *attest_matrix_view_get_matrix            (AttestMatrixView *self);
guint         attest_matrix_view_get_n_columns         (AttestMatrixView *self);
guint         attest_matrix_view_get_n_rows            (AttestMatrixView *self);
char         *attest_matrix_view_get_cell_label        (AttestMatrixView *self,
                                                        const char       *scope_id,
                                                        const char       *service_id);
char         *attest_matrix_view_get_cell_tooltip      (AttestMatrixView *self,
                                                        const char       *scope_id,
                                                        const char       *service_id);
const char   *attest_matrix_view_get_cursor_scope      (AttestMatrixView *self);
const char   *attest_matrix_view_get_cursor_service    (AttestMatrixView *self);
gboolean      attest_matrix_view_select_cell           (AttestMatrixView *self,
                                                        const char       *scope_id,
                                                        const char       *service_id);
gboolean      attest_matrix_view_select_service        (AttestMatrixView *self,
                                                        const char       *service_id);
gboolean      attest_matrix_view_move_cursor           (AttestMatrixView *self,
                                                        GtkMovementStep   step,
                                                        int               count);
gboolean      attest_matrix_view_is_cell_visible       (AttestMatrixView *self,
                                                        const char       *scope_id,
                                                        const char       *service_id);
void          attest_matrix_view_get_scroll            (AttestMatrixView *self,
                                                        double           *x,
                                                        double           *y);
void          attest_matrix_view_restore_scroll        (AttestMatrixView *self,
                                                        double            x,
                                                        double            y);
gboolean      attest_matrix_view_scroll_to_framework   (AttestMatrixView *self,
                                                        const char       *framework_id);
guint         attest_matrix_view_get_n_cell_widgets    (AttestMatrixView *self);
void          attest_matrix_view_set_row_menu          (AttestMatrixView *self,
                                                        GMenuModel       *menu);
GtkWidget    *attest_matrix_view_get_row_menu_popover  (AttestMatrixView *self);
void          attest_matrix_view_set_column_menu       (AttestMatrixView *self,
                                                        GMenuModel       *menu);
GtkWidget    *attest_matrix_view_get_column_menu_popover (AttestMatrixView *self);
void          attest_matrix_view_set_required_scopes   (AttestMatrixView *self,
                                                        GHashTable       *required);
void          attest_matrix_view_refresh_cells         (AttestMatrixView *self);
void          attest_matrix_view_refresh_cell          (AttestMatrixView *self,
                                                        const char       *scope_id,
                                                        const char       *service_id);
gboolean      attest_matrix_view_get_cell_at           (AttestMatrixView *self,
                                                        double            x,
                                                        double            y,
                                                        const char      **scope_id,
                                                        const char      **service_id);

G_END_DECLS
