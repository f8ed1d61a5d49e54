/* attest-matrix-filter.h: which rows and columns of the matrix the analyst asked to see (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-matrix.h"

G_BEGIN_DECLS

typedef struct {
  char *text;            /* words matched against service names, aliases and
                          * translated names; NULL or "" for no text filter */
  GPtrArray *frameworks; /* char *, framework ids; empty: every framework */
  gboolean mine_only;    /* only the services in "My services" */
  gboolean exceptions_only; /* only rows and columns with an exception cell */
  gboolean expiring_only;   /* only rows and columns with a cell whose evidence expired or expires soon */
} AttestMatrixFilter;

AttestMatrixFilter *attest_matrix_filter_new             (void);
AttestMatrixFilter *attest_matrix_filter_copy            (const AttestMatrixFilter *self);
void                attest_matrix_filter_free            (AttestMatrixFilter       *self);
gboolean            attest_matrix_filter_is_active       (const AttestMatrixFilter *self);
gboolean            attest_matrix_filter_equal           (const AttestMatrixFilter *a,
                                                          const AttestMatrixFilter *b);
gboolean            attest_matrix_filter_has_framework   (const AttestMatrixFilter *self,
                                                          const char               *framework_id);
void                attest_matrix_filter_set_framework   (AttestMatrixFilter       *self,
                                                          const char               *framework_id,
                                                          gboolean                  shown);
char               *attest_matrix_filter_to_string       (const AttestMatrixFilter *self);
AttestMatrixFilter *attest_matrix_filter_new_from_string (const char               *text);
gboolean            attest_matrix_service_matches        (const AttestMatrixService *service,
                                                          const char               *text);
AttestMatrix       *attest_matrix_filter_apply           (const AttestMatrixFilter *self,
                                                          const AttestMatrix       *matrix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMatrixFilter, attest_matrix_filter_free)

G_END_DECLS
