/* attest-workspace-evidence.h: evidence files kept inside the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-expiry.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

/* The largest file the workspace takes as evidence (SQLite stores blobs whole). */
#define ATTEST_EVIDENCE_MAX_BYTES ((gint64)512 * 1024 * 1024)

typedef struct {
  char *sha256;        /* lower-case hex, 64 characters */
  char *name;          /* original file name */
  gint64 size;
  char *mime;
  char *attached_at;   /* ISO 8601, UTC */
  char *effective;     /* YYYY-MM-DD or NULL */
  char *expires;       /* YYYY-MM-DD or NULL */
  gint page_count;     /* -1 when unknown */
  GPtrArray *cells;    /* char *: the checklist items it serves, "scope:service#N" */
} AttestEvidence;

/* Called from the reading thread after each chunk with the bytes read so far. */
typedef void (*AttestEvidenceReadProgress) (guint64  bytes_read,
                                            gpointer user_data);

void        attest_evidence_free                  (AttestEvidence   *evidence);
gboolean    attest_evidence_date_is_valid         (const char       *date);
gboolean    attest_evidence_sha256_is_valid       (const char       *sha256);
GBytes     *attest_evidence_read_file             (GFile            *file,
                                                   char            **sha256,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
GBytes     *attest_evidence_read_file_with_progress (GFile          *file,
                                                   char            **sha256,
                                                   AttestEvidenceReadProgress progress,
                                                   gpointer          user_data,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

gboolean    attest_workspace_attach_evidence      (AttestWorkspace  *self,
                                                   gint64            item_id,
                                                   const char       *original_name,
                                                   GBytes           *bytes,
                                                   const char       *mime,
                                                   const char       *effective,
                                                   const char       *expires,
                                                   gint              page_count,
                                                   const char       *text,
                                                   char            **sha256_out,
                                                   GError          **error);
gboolean    attest_workspace_link_evidence        (AttestWorkspace  *self,
                                                   gint64            item_id,
                                                   const char       *sha256,
                                                   GError          **error);
gboolean    attest_workspace_unlink_evidence      (AttestWorkspace  *self,
                                                   gint64            item_id,
                                                   const char       *sha256,
                                                   GError          **error);
GPtrArray  *attest_workspace_list_evidence        (AttestWorkspace  *self,
                                                   GError          **error);
GPtrArray  *attest_workspace_list_item_evidence   (AttestWorkspace  *self,
                                                   gint64            item_id,
                                                   GError          **error);
AttestEvidence *attest_workspace_get_evidence     (AttestWorkspace  *self,
                                                   const char       *sha256,
                                                   GError          **error);
GBytes     *attest_workspace_get_evidence_bytes   (AttestWorkspace  *self,
                                                   const char       *sha256,
                                                   char            **name,
                                                   GError          **error);
gboolean    attest_workspace_verify_evidence      (AttestWorkspace  *self,
                                                   GPtrArray        *problems,
                                                   GError          **error);
gboolean    attest_workspace_update_evidence_dates (AttestWorkspace *self,
                                                    const char      *sha256,
                                                    const char      *effective,
                                                    const char      *expires,
                                                    GError         **error);

/* For the store's own files: a new file into the evidence table, inside the
 * caller's transaction. */
gboolean    _attest_workspace_insert_evidence     (AttestWorkspace  *self,
                                                   const char       *sha256,
                                                   const char       *original_name,
                                                   GBytes           *bytes,
                                                   const char       *mime,
                                                   const char       *effective,
                                                   const char       *expires,
                                                   gint              page_count,
                                                   const char       *text,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestEvidence, attest_evidence_free)

G_END_DECLS
