/* attest-link-document.h: a file read, checked to be a PDF and kept as a link's document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-evidence-file.h"
#include "attest-workspace-links.h"

G_BEGIN_DECLS

AttestEvidenceFile *attest_link_document_prepare (GFile                     *file,
                                                  const char                *name,
                                                  AttestEvidenceReadProgress progress,
                                                  gpointer                   user_data,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);
gboolean            attest_link_document_store   (AttestEvidenceFile        *prepared,
                                                  AttestWorkspace           *workspace,
                                                  const char                *url,
                                                  AttestLinkDocumentOrigin   origin,
                                                  const char                *final_url,
                                                  const char                *fetched_at,
                                                  GError                   **error);

G_END_DECLS
