/* attest-pdf-annotations.h: annotations checked against their PDF page, and made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-pdf-document.h"
#include "attest-workspace-annotations.h"

G_BEGIN_DECLS

gboolean attest_pdf_annotation_check (AttestPdfDocument       *document,
                                      const AttestAnnotation  *annotation,
                                      GError                 **error);
gboolean attest_pdf_annotation_add   (AttestWorkspace         *workspace,
                                      AttestPdfDocument       *document,
                                      AttestAnnotation        *annotation,
                                      GError                 **error);

G_END_DECLS
