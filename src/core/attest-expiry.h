/* attest-expiry.h: whether evidence has expired or soon will
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Evidence that expires within this many days (today included) "expires soon". */
#define ATTEST_EXPIRY_SOON_DAYS 30

typedef enum {
  ATTEST_EXPIRY_NONE,     /* no expiry date */
  ATTEST_EXPIRY_CURRENT,  /* expires later than ATTEST_EXPIRY_SOON_DAYS from today */
  ATTEST_EXPIRY_SOON,     /* expires today or within ATTEST_EXPIRY_SOON_DAYS days */
  ATTEST_EXPIRY_EXPIRED,  /* expired before today */
} AttestExpiryState;

AttestExpiryState attest_expiry_state (const char *expires,
                                       const char *today);
char             *attest_expiry_today (void);

G_END_DECLS
