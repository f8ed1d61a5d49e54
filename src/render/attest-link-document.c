/* attest-link-document.c: a file read, checked to be a PDF and kept as a link's document
 *
 * What `attest-cli link get|attach` and the window share once a link's file
 * is on disk (downloaded to a temporary file, or the analyst's own): read it
 * as evidence is read (attest-evidence-file.c), refuse what is not a PDF, and
 * store it as the document of the link's URL. No GTK; the preparing may run
 * in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-link-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-downloader.h"
#include "attest-link-document.h"

/* A saved web page, by how it starts. */
static gboolean
starts_like_html (const guint8 *data,
                  gsize         len)
{
  g_autofree char *start = NULL;
  gsize i = 0;

  if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  start = g_ascii_strdown ((const char *)data + i, MIN (len - i, (gsize)16));
  return g_str_has_prefix (start, "<!doctype html") || g_str_has_prefix (start, "<html") ||
         g_str_has_prefix (start, "<head");
}

/**
 * attest_link_document_prepare:
 * @name: (nullable): the name to keep it under; the file's own when %NULL
 *
 * Reads @file as attest_evidence_file_prepare() does and checks that it is a
 * PDF (its "%PDF-" header within the first 1 KiB); a file that is not is an
 * %ATTEST_DOWNLOAD_ERROR_NOT_PDF naming it, and says so when it is a saved
 * web page (a sign-in page saved under the report's name).
 */
AttestEvidenceFile *
attest_link_document_prepare (GFile                      *file,
                              const char                 *name,
                              AttestEvidenceReadProgress  progress,
                              gpointer                    user_data,
                              GCancellable               *cancellable,
                              GError                    **error)
{
  g_autoptr(AttestEvidenceFile) prepared = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  prepared = attest_evidence_file_prepare (file, progress, user_data, cancellable, error);
  if (prepared == NULL)
    return NULL;
  data = g_bytes_get_data (prepared->bytes, &len);
  if (!attest_pdf_has_magic (data, len))
    {
      if (len == 0)
        g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                     _("%s: the file is empty, not a PDF"), prepared->display_name);
      else if (starts_like_html (data, len))
        g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                     _("%s: the file is a web page, not a PDF — perhaps a sign-in page saved in the report's place"),
                     prepared->display_name);
      else
        g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                     _("%s: the file is not a PDF (no “%%PDF-” header at its start)"), prepared->display_name);
      return NULL;
    }
  if (name != NULL && *name != '\0')
    {
      g_free (prepared->name);
      prepared->name = g_strdup (name);
    }
  return g_steal_pointer (&prepared);
}

/**
 * attest_link_document_store:
 * @final_url: (nullable): where a download's redirects ended
 * @fetched_at: (nullable): when it was downloaded; now when %NULL
 *
 * Stores the prepared file as the document of @url: one transaction with
 * its history row (attest_workspace_set_link_document()).
 */
gboolean
attest_link_document_store (AttestEvidenceFile        *prepared,
                            AttestWorkspace           *workspace,
                            const char                *url,
                            AttestLinkDocumentOrigin   origin,
                            const char                *final_url,
                            const char                *fetched_at,
                            GError                   **error)
{
  g_return_val_if_fail (prepared != NULL, FALSE);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), FALSE);

  return attest_workspace_set_link_document (workspace, url, origin, final_url, fetched_at, prepared->name,
                                             prepared->bytes, prepared->mime, prepared->page_count, prepared->text,
                                             NULL, error);
}
