/* attest-matrix-html.h: the matrix as one standalone, printable HTML file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-matrix.h"

G_BEGIN_DECLS

char *attest_matrix_export_html (AttestMatrix *matrix,
                                 const char   *workspace_name,
                                 const char   *reviewer,
                                 const char   *date,
                                 const char   *fingerprint);

G_END_DECLS
