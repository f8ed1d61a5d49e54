/* attest-evidence-opener.h: open an evidence file's read-only copy in the desktop's application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_EVIDENCE_OPENER (attest_evidence_opener_get_type ())

G_DECLARE_FINAL_TYPE (AttestEvidenceOpener, attest_evidence_opener, ATTEST, EVIDENCE_OPENER, GObject)

AttestEvidenceOpener *attest_evidence_opener_new         (const char            *workspace_path,
                                                          const char            *sha256);
void                  attest_evidence_opener_open_async  (AttestEvidenceOpener  *self,
                                                          GAppLaunchContext     *context,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
gboolean              attest_evidence_opener_open_finish (AttestEvidenceOpener  *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* For the tests */
char                 *_attest_evidence_opener_write_copy (GBytes                *bytes,
                                                          const char            *sha256,
                                                          const char            *name,
                                                          GError               **error);

G_END_DECLS
