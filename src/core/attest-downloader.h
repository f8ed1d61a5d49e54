/* attest-downloader.h: a PDF link's document fetched over http or https
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_DOWNLOAD_ERROR (attest_download_error_quark ())

typedef enum {
  ATTEST_DOWNLOAD_ERROR_FAILED,              /* could not connect, TLS, … */
  ATTEST_DOWNLOAD_ERROR_INVALID_URL,
  ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME,  /* not http or https (also where a redirect leads) */
  ATTEST_DOWNLOAD_ERROR_HTTP_STATUS,         /* 404, 500, …: the message says which */
  ATTEST_DOWNLOAD_ERROR_TOO_MANY_REDIRECTS,
  ATTEST_DOWNLOAD_ERROR_REDIRECT_LOOP,
  ATTEST_DOWNLOAD_ERROR_TIMED_OUT,
  ATTEST_DOWNLOAD_ERROR_TOO_LARGE,
  ATTEST_DOWNLOAD_ERROR_TRUNCATED,
  ATTEST_DOWNLOAD_ERROR_NOT_PDF,             /* a web page (a sign-in), or anything else */
} AttestDownloadError;

/* What a download may take; 0 in a field means its default. */
typedef struct {
  guint timeout_seconds;   /* connecting, and each wait for data (default 30) */
  guint max_redirects;     /* default 10 */
  gint64 max_bytes;        /* default ATTEST_DOWNLOAD_DEFAULT_MAX_BYTES */
} AttestDownloadLimits;

#define ATTEST_DOWNLOAD_DEFAULT_TIMEOUT 30
#define ATTEST_DOWNLOAD_DEFAULT_MAX_REDIRECTS 10
#define ATTEST_DOWNLOAD_DEFAULT_MAX_BYTES ((gint64)512 * 1024 * 1024)
/* Where in a file its "%PDF-" header must start, at the latest. */
#define ATTEST_PDF_MAGIC_WITHIN 1024

/* Told, from the downloading thread, after each piece of the body: the
 * bytes received so far and the size the server announced (-1 if none). */
typedef void (*AttestDownloadProgress) (gint64   received,
                                        gint64   total,
                                        gpointer user_data);

typedef struct {
  char *url;           /* as asked */
  char *final_url;     /* where the redirects ended */
  guint redirects;
  char *path;          /* a temporary file holding the body; removed by attest_download_free() */
  char *file_name;     /* a name for it: the server's, else the final URL's last segment (ends in .pdf) */
  char *content_type;  /* as the server said, or NULL */
  gint64 size;
  char *sha256;
  char *fetched_at;    /* ISO 8601, UTC */
} AttestDownload;

GQuark          attest_download_error_quark (void);
gboolean        attest_download_check_url   (const char                *url,
                                             GError                   **error);
gboolean        attest_pdf_has_magic        (const guint8              *data,
                                             gsize                      len);
AttestDownload *attest_download_pdf         (const char                *url,
                                             const AttestDownloadLimits *limits,
                                             AttestDownloadProgress     progress,
                                             gpointer                   user_data,
                                             GCancellable              *cancellable,
                                             GError                   **error);
void            attest_download_pdf_async   (const char                *url,
                                             const AttestDownloadLimits *limits,
                                             AttestDownloadProgress     progress,
                                             gpointer                   progress_data,
                                             GDestroyNotify             progress_notify,
                                             GCancellable              *cancellable,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data);
AttestDownload *attest_download_pdf_finish  (GAsyncResult              *result,
                                             GError                   **error);
void            attest_download_free        (AttestDownload            *download);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestDownload, attest_download_free)

G_END_DECLS
