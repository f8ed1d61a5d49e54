/* attest-matrix-export.h: the matrix as CSV, JSON and plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-matrix.h"

G_BEGIN_DECLS

typedef enum {
  ATTEST_MATRIX_JSON_FRAMEWORKS = 1 << 0,
  ATTEST_MATRIX_JSON_SERVICES   = 1 << 1,
  ATTEST_MATRIX_JSON_COVERAGE   = 1 << 2,
  ATTEST_MATRIX_JSON_ALL        = 0x7,
} AttestMatrixJsonParts;

char *attest_matrix_export_csv               (AttestMatrix          *matrix);
char *attest_matrix_export_json              (AttestMatrix          *matrix,
                                              AttestMatrixJsonParts  parts);
char *attest_matrix_export_text              (AttestMatrix          *matrix);
char *attest_matrix_export_frameworks_text   (AttestMatrix          *matrix);
char *attest_matrix_export_services_text     (AttestMatrix          *matrix);

G_END_DECLS
