/* attest-evidence-file.h: a file read, hashed and described, ready to attach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-workspace-evidence.h"

G_BEGIN_DECLS

typedef struct {
  char *name;          /* the file's base name, as the analyst knows it */
  char *display_name;  /* the file as messages name it (its path) */
  GBytes *bytes;       /* the whole file, stored unchanged */
  char *sha256;        /* computed while reading */
  char *mime;          /* never NULL: application/octet-stream when unknown */
  gint page_count;     /* pages of a PDF, -1 when unknown */
  char *text;          /* a PDF's text for search, or NULL */
  GError *text_error;  /* why a PDF's text could not be read (kept without it), or NULL */
  gint64 read_usec;    /* reading and hashing */
  gint64 describe_usec; /* MIME type, page count and text */
} AttestEvidenceFile;

AttestEvidenceFile *attest_evidence_file_prepare (GFile                      *file,
                                                  AttestEvidenceReadProgress  progress,
                                                  gpointer                    user_data,
                                                  GCancellable               *cancellable,
                                                  GError                    **error);
gboolean            attest_evidence_file_attach  (AttestEvidenceFile         *self,
                                                  AttestWorkspace            *workspace,
                                                  gint64                      item_id,
                                                  const char                 *effective,
                                                  const char                 *expires,
                                                  GError                    **error);
void                attest_evidence_file_free    (AttestEvidenceFile         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestEvidenceFile, attest_evidence_file_free)

G_END_DECLS
