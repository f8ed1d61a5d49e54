/* attest-annotated-copy.h: an evidence PDF with its annotations as real PDF annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-workspace-annotations.h"

G_BEGIN_DECLS

/* The size of a note's icon, in points. */
#define ATTEST_ANNOTATED_NOTE_SIZE 20.0

GBytes  *attest_annotated_copy_make (GBytes           *pdf,
                                     GPtrArray        *annotations,
                                     GError          **error);
GBytes  *attest_annotated_copy_from_workspace (AttestWorkspace *workspace,
                                     const char       *sha256,
                                     GError          **error);

G_END_DECLS
