/* attest-store-error.h: errors a workspace can report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATTEST_STORE_ERROR (attest_store_error_quark ())

typedef enum {
  ATTEST_STORE_ERROR_FAILED,
  ATTEST_STORE_ERROR_NOT_A_WORKSPACE,
  ATTEST_STORE_ERROR_TOO_NEW,
  ATTEST_STORE_ERROR_CORRUPT,
  ATTEST_STORE_ERROR_BUSY,
  ATTEST_STORE_ERROR_READ_ONLY,
  ATTEST_STORE_ERROR_NOT_FOUND,
  ATTEST_STORE_ERROR_INVALID,
  ATTEST_STORE_ERROR_FULL,
} AttestStoreError;

GQuark attest_store_error_quark (void);

G_END_DECLS
