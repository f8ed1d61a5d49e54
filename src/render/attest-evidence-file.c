/* attest-evidence-file.c: a file read, hashed and described, ready to attach
 *
 * The one way a file on disk becomes evidence, shared by `attest-cli evidence
 * attach`, the cell pane's worker and `attest-bench attach`: read it whole
 * (hashing as it goes, refusing what is too large), sniff its MIME type, and
 * for a PDF count its pages and extract its text for search. No GTK; safe in
 * a worker thread (each call has its own PopplerDocument).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-evidence-file"

#include "config.h"

#include <string.h>

#include "attest-evidence-file.h"
#include "attest-pdf-text.h"

#define SNIFF_BYTES 4096

void
attest_evidence_file_free (AttestEvidenceFile *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->display_name);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->sha256);
  g_free (self->mime);
  g_free (self->text);
  g_clear_error (&self->text_error);
  g_free (self);
}

/* The first bytes are enough to sniff; the name breaks ties. Without a MIME
 * database (a minimal system, an isolated test) a PDF is still known by its
 * header: its page count and text depend on it. */
static char *
guess_mime (const char *name,
            GBytes     *bytes)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);
  gboolean uncertain = FALSE;

  content_type = g_content_type_guess (name, data, MIN (len, SNIFF_BYTES), &uncertain);
  mime = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if ((mime == NULL || uncertain || g_str_equal (mime, "application/octet-stream") ||
       g_str_equal (mime, "text/plain")) &&
      len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return g_strdup ("application/pdf");
  return mime != NULL ? g_steal_pointer (&mime) : g_strdup ("application/octet-stream");
}

/**
 * attest_evidence_file_prepare:
 * @progress: (nullable) (scope call): told the bytes read so far, from this thread
 *
 * Reads @file as attest_evidence_read_file_with_progress() does, then
 * describes it. A missing, unreadable or oversized file is an error naming the
 * file and the reason; a PDF whose text cannot be read is not an error: it is
 * kept without its text, and @text_error says why.
 */
AttestEvidenceFile *
attest_evidence_file_prepare (GFile                      *file,
                              AttestEvidenceReadProgress  progress,
                              gpointer                    user_data,
                              GCancellable               *cancellable,
                              GError                    **error)
{
  g_autoptr(AttestEvidenceFile) self = g_new0 (AttestEvidenceFile, 1);
  gint64 start;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  start = g_get_monotonic_time ();
  self->bytes = attest_evidence_read_file_with_progress (file, &self->sha256, progress, user_data,
                                                         cancellable, error);
  if (self->bytes == NULL)
    return NULL;
  self->read_usec = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  self->name = g_file_get_basename (file);
  self->display_name = g_file_get_parse_name (file);
  self->mime = guess_mime (self->name, self->bytes);
  self->page_count = -1;
  if (g_str_equal (self->mime, "application/pdf"))
    {
      guint pages = 0;

      if (attest_pdf_text_extract (self->bytes, &pages, &self->text, &self->text_error))
        self->page_count = (gint)MIN (pages, (guint)G_MAXINT);
    }
  self->describe_usec = g_get_monotonic_time () - start;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * attest_evidence_file_attach:
 * @effective: (nullable): YYYY-MM-DD
 * @expires: (nullable): YYYY-MM-DD
 *
 * Stores the prepared file and links it to the item: one transaction with its
 * history row (see attest_workspace_attach_evidence()).
 */
gboolean
attest_evidence_file_attach (AttestEvidenceFile  *self,
                             AttestWorkspace     *workspace,
                             gint64               item_id,
                             const char          *effective,
                             const char          *expires,
                             GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), FALSE);

  return attest_workspace_attach_evidence (workspace, item_id, self->name, self->bytes, self->mime, effective,
                                           expires, self->page_count, self->text, NULL, error);
}
