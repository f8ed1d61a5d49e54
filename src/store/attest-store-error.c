/* attest-store-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-store-error.h"

G_DEFINE_QUARK (attest-store-error-quark, attest_store_error)
