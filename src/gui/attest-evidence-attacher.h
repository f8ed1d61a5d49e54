/* attest-evidence-attacher.h: attach files to a checklist item, in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What became of one file, once the attach returned. */
typedef struct {
  char *display_name;        /* the file as the user named it */
  char *name;                /* its base name */
  gboolean attached;
  gboolean already;          /* the item had it already: nothing to do */
  char *error;               /* why it was not attached, naming it */
  char *warning;             /* attached, but without its text */
} AttestAttachOutcome;

#define ATTEST_TYPE_EVIDENCE_ATTACHER (attest_evidence_attacher_get_type ())

G_DECLARE_FINAL_TYPE (AttestEvidenceAttacher, attest_evidence_attacher, ATTEST, EVIDENCE_ATTACHER, GObject)

AttestEvidenceAttacher *attest_evidence_attacher_new          (const char              *workspace_path,
                                                               const char              *reviewer,
                                                               gint64                   item_id,
                                                               GPtrArray               *files);
const char             *attest_evidence_attacher_get_workspace_path (AttestEvidenceAttacher *self);
GPtrArray              *attest_evidence_attacher_get_files    (AttestEvidenceAttacher  *self);
void                    attest_evidence_attacher_get_progress (AttestEvidenceAttacher  *self,
                                                               guint64                 *done_bytes,
                                                               guint64                 *total_bytes,
                                                               guint                   *current);
void                    attest_evidence_attacher_attach_async (AttestEvidenceAttacher  *self,
                                                               GCancellable            *cancellable,
                                                               GAsyncReadyCallback      callback,
                                                               gpointer                 user_data);
GPtrArray              *attest_evidence_attacher_attach_finish (AttestEvidenceAttacher *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);

G_END_DECLS
