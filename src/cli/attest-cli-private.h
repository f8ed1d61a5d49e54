/* attest-cli-private.h: what every attest-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

typedef struct {
  char *workspace_path;
  char *reviewer;
  AttestWorkspace *workspace;
} AttestCliContext;

G_END_DECLS
