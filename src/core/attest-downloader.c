/* attest-downloader.c: a PDF link's document fetched over http or https
 *
 * The one way Attest fetches a link's document, for attest-cli and the
 * window: libsoup-3, synchronous (call it from a worker thread in the
 * window), http and https only at every hop, redirects followed one by one
 * (each checked, counted, and a loop refused), a timeout on connecting and on
 * every wait, a size limit (an announced size refused before the body, a
 * body growing past it stopped), the "%PDF-" header looked for in the first
 * 1 KiB, and the body streamed to a temporary file with its SHA-256: memory
 * stays bounded whatever the server sends. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-downloader"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "attest-downloader.h"

#define CHUNK_BYTES (64 * 1024)

G_DEFINE_QUARK (attest-download-error-quark, attest_download_error)

void
attest_download_free (AttestDownload *download)
{
  if (download == NULL)
    return;
  if (download->path != NULL)
    g_unlink (download->path);
  g_free (download->url);
  g_free (download->final_url);
  g_free (download->path);
  g_free (download->file_name);
  g_free (download->content_type);
  g_free (download->sha256);
  g_free (download->fetched_at);
  g_free (download);
}

/**
 * attest_pdf_has_magic:
 *
 * Whether the "%PDF-" header starts within the first
 * %ATTEST_PDF_MAGIC_WITHIN bytes of @data (PDF readers accept a little
 * junk before it).
 */
gboolean
attest_pdf_has_magic (const guint8 *data,
                      gsize         len)
{
  len = MIN (len, (gsize)ATTEST_PDF_MAGIC_WITHIN + 4);
  return data != NULL && len >= 5 && memmem (data, len, "%PDF-", 5) != NULL;
}

static gboolean
scheme_is_http (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static GUri *
parse_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local = NULL;
  const char *scheme = g_uri_peek_scheme (url);
  const char *host;

  /* The scheme first: a data: URI need not parse as a web address does. */
  if (scheme != NULL && !g_str_equal (scheme, "http") && !g_str_equal (scheme, "https"))
    {
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME,
                   _("%s: only http and https addresses can be downloaded, not %s:"), url, scheme);
      return NULL;
    }
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local);
  if (uri == NULL)
    {
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_INVALID_URL,
                   _("“%s” is not a web address: %s"), url, local->message);
      return NULL;
    }
  if (!scheme_is_http (uri))
    {
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME,
                   _("%s: only http and https addresses can be downloaded, not %s:"), url, g_uri_get_scheme (uri));
      return NULL;
    }
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_INVALID_URL,
                   _("“%s” is not a web address: it names no server"), url);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

/**
 * attest_download_check_url:
 *
 * Whether @url may be downloaded: an http or https address naming a
 * server. Anything else (file:, ftp:, data:, a bare word) is an error
 * saying why.
 */
gboolean
attest_download_check_url (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = parse_url (url, error);
  return uri != NULL;
}

/* How messages name what was fetched: the URL asked for, and where its
 * redirects led when elsewhere. */
static char *
subject (const char *url,
         const char *final_url)
{
  if (final_url == NULL || g_str_equal (url, final_url))
    return g_strdup (url);
  /* Translators: a download redirected elsewhere: "https://aka.ms/x (redirected to https://…/x.pdf)" */
  return g_strdup_printf (_("%s (redirected to %s)"), url, final_url);
}

/* An error from libsoup or GIO, in words, under our domain (a
 * cancellation stays G_IO_ERROR_CANCELLED). */
static void
set_transfer_error (GError     **error,
                    const char  *url,
                    const char  *final_url,
                    guint        timeout,
                    GError      *cause)
{
  g_autofree char *what = subject (url, final_url);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: the download was cancelled"), what);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TIMED_OUT,
                 g_dngettext (GETTEXT_PACKAGE, "%s: the server did not answer within %u second",
                              "%s: the server did not answer within %u seconds", timeout),
                 what, timeout);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TRUNCATED,
                 _("%s: the connection broke off before the whole file came: %s"), what, cause->message);
  else
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_FAILED,
                 _("%s: could not download: %s"), what, cause->message);
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* A web page, by its declared type or by how it starts. */
static gboolean
looks_like_html (const char   *content_type,
                 const guint8 *head,
                 gsize         len)
{
  g_autofree char *start = NULL;
  gsize i = 0;

  if (content_type != NULL &&
      (g_ascii_strcasecmp (content_type, "text/html") == 0 ||
       g_ascii_strcasecmp (content_type, "application/xhtml+xml") == 0))
    return TRUE;
  if (len >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
    i = 3;
  while (i < len && g_ascii_isspace (head[i]))
    i++;
  start = g_ascii_strdown ((const char *)head + i, MIN (len - i, (gsize)16));
  return g_str_has_prefix (start, "<!doctype html") || g_str_has_prefix (start, "<html") ||
         g_str_has_prefix (start, "<head");
}

static void
set_not_pdf_error (GError      **error,
                   const char   *url,
                   const char   *final_url,
                   const char   *content_type,
                   const guint8 *head,
                   gsize         len)
{
  g_autofree char *what = subject (url, final_url);

  if (len == 0)
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                 _("%s: the server sent nothing, not a PDF"), what);
  else if (looks_like_html (content_type, head, len))
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                 _("%s: the server sent a web page (%s), not a PDF — it may need a sign-in"), what,
                 content_type != NULL ? content_type : "text/html");
  else if (content_type != NULL)
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                 _("%s: the server sent %s, not a PDF (no “%%PDF-” header at its start)"), what, content_type);
  else
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF,
                 _("%s: what the server sent is not a PDF (no “%%PDF-” header at its start)"), what);
}

static void
set_too_large_error (GError     **error,
                     const char  *url,
                     const char  *final_url,
                     gint64       max_bytes,
                     gint64       announced)
{
  g_autofree char *what = subject (url, final_url);
  g_autofree char *limit = g_format_size ((guint64)max_bytes);

  if (announced >= 0)
    {
      g_autofree char *size = g_format_size ((guint64)announced);
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TOO_LARGE,
                   _("%s: the file is larger than the %s limit (the server announced %s)"), what, limit, size);
    }
  else
    g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TOO_LARGE,
                 _("%s: the file is larger than the %s limit; the download was stopped"), what, limit);
}

/* A file name for the document: the server's (Content-Disposition), else
 * the last segment of the final URL's path, else "download"; a base name
 * only, ending in ".pdf". */
static char *
file_name_for (SoupMessageHeaders *headers,
               GUri               *final_uri)
{
  g_autofree char *name = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *base = NULL;

  if (soup_message_headers_get_content_disposition (headers, NULL, &params) && params != NULL)
    name = g_strdup (g_hash_table_lookup (params, "filename"));
  if (name == NULL || *name == '\0')
    {
      const char *path = g_uri_get_path (final_uri);
      const char *slash = path != NULL ? strrchr (path, '/') : NULL;
      const char *last = slash != NULL ? slash + 1 : path;

      g_free (name);
      name = last != NULL && *last != '\0' ? g_uri_unescape_string (last, "/") : NULL;
    }
  if (name != NULL && g_utf8_validate (name, -1, NULL))
    base = g_path_get_basename (name);
  if (base == NULL || *base == '\0' || g_str_equal (base, ".") || g_str_equal (base, "..") ||
      g_str_equal (base, G_DIR_SEPARATOR_S) || strchr (base, '\\') != NULL)
    {
      g_free (base);
      base = g_strdup ("download");
    }
  g_strdelimit (base, "\r\n\t", ' ');
  if (!g_str_has_suffix (base, ".pdf") && !g_str_has_suffix (base, ".PDF"))
    {
      char *with = g_strconcat (base, ".pdf", NULL);
      g_free (base);
      base = with;
    }
  return g_steal_pointer (&base);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Sends @uri, following redirects one at a time; returns the final
 * response's body stream with @msg_out its message, or NULL. */
static GInputStream *
send_following (SoupSession   *session,
                const char    *url,
                GUri          *uri,
                guint          max_redirects,
                guint          timeout,
                SoupMessage  **msg_out,
                GUri         **final_out,
                guint         *redirects_out,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GUri) current = g_uri_ref (uri);
  guint redirects = 0;

  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_GET, current);
      g_autoptr(GInputStream) body = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GUri) next = NULL;
      g_autofree char *current_str = g_uri_to_string (current);
      const char *location;
      guint status;

      g_hash_table_add (visited, g_strdup (current_str));
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                    "application/pdf, */*;q=0.5");
      body = soup_session_send (session, msg, cancellable, &local);
      if (body == NULL)
        {
          set_transfer_error (error, url, redirects > 0 ? current_str : NULL, timeout, local);
          return NULL;
        }
      status = soup_message_get_status (msg);
      if (!is_redirect (status))
        {
          *msg_out = g_steal_pointer (&msg);
          *final_out = g_steal_pointer (&current);
          *redirects_out = redirects;
          return g_steal_pointer (&body);
        }

      /* A redirect's own body is not wanted. */
      g_input_stream_close (body, NULL, NULL);
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      if (location == NULL || *location == '\0')
        {
          g_autofree char *what = subject (url, current_str);
          g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_HTTP_STATUS,
                       _("%s: the server answered %u %s without saying where to"), what, status,
                       soup_status_get_phrase (status));
          return NULL;
        }
      next = g_uri_parse_relative (current, location, SOUP_HTTP_URI_FLAGS, &local);
      if (next == NULL)
        {
          g_autofree char *what = subject (url, current_str);
          g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_INVALID_URL,
                       _("%s: redirected to “%s”, which is not a web address"), what, location);
          return NULL;
        }
      {
        g_autofree char *next_str = g_uri_to_string (next);
        g_autofree char *what = subject (url, current_str);

        if (!scheme_is_http (next))
          {
            g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME,
                         _("%s: redirected to %s, which is not an http or https address"), what, next_str);
            return NULL;
          }
        if (g_hash_table_contains (visited, next_str))
          {
            g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_REDIRECT_LOOP,
                         _("%s: the redirects go round in a loop (back to %s)"), url, next_str);
            return NULL;
          }
        if (++redirects > max_redirects)
          {
            g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TOO_MANY_REDIRECTS,
                         g_dngettext (GETTEXT_PACKAGE, "%s: more than %u redirect; the last led to %s",
                                      "%s: more than %u redirects; the last led to %s", max_redirects),
                         url, max_redirects, next_str);
            return NULL;
          }
      }
      g_uri_unref (current);
      current = g_steal_pointer (&next);
    }
}

/**
 * attest_download_pdf:
 * @url: an http or https address
 * @limits: (nullable): the timeout, redirects and size allowed; %NULL for the defaults
 * @progress: (nullable) (scope call): told how far the body got
 *
 * Downloads the PDF @url leads to, synchronously, into a temporary file:
 * see the file's head for what is checked. Every failure is an
 * %ATTEST_DOWNLOAD_ERROR whose message names the URL and says what came
 * back (a status, a web page, a broken-off body…); a cancellation is
 * %G_IO_ERROR_CANCELLED. Nothing is left behind on failure.
 *
 * Returns: (transfer full): the download, or %NULL
 */
AttestDownload *
attest_download_pdf (const char                 *url,
                     const AttestDownloadLimits *limits,
                     AttestDownloadProgress      progress,
                     gpointer                    user_data,
                     GCancellable               *cancellable,
                     GError                    **error)
{
  guint timeout = limits != NULL && limits->timeout_seconds > 0 ? limits->timeout_seconds
                                                                 : ATTEST_DOWNLOAD_DEFAULT_TIMEOUT;
  guint max_redirects = limits != NULL && limits->max_redirects > 0 ? limits->max_redirects
                                                                     : ATTEST_DOWNLOAD_DEFAULT_MAX_REDIRECTS;
  gint64 max_bytes = limits != NULL && limits->max_bytes > 0 ? limits->max_bytes
                                                             : ATTEST_DOWNLOAD_DEFAULT_MAX_BYTES;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GUri) final_uri = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GFileIOStream) tmp_io = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GByteArray) head = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(AttestDownload) download = NULL;
  g_autofree guint8 *buf = NULL;
  g_autofree char *final_str = NULL;
  g_autofree char *content_type = NULL;
  SoupMessageHeaders *headers;
  GOutputStream *out;
  gboolean checked = FALSE;
  gint64 announced = -1;
  gint64 received = 0;
  guint redirects = 0;
  guint status;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = parse_url (url, error);
  if (uri == NULL)
    return NULL;

  session = soup_session_new_with_options ("timeout", timeout,
                                           "user-agent", "Attest/" PACKAGE_VERSION " ",
                                           NULL);
  /* The bytes that come are the file: no transfer compression to undo, and
   * the announced size is the file's. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);

  body = send_following (session, url, uri, max_redirects, timeout, &msg, &final_uri, &redirects, cancellable,
                         error);
  if (body == NULL)
    return NULL;
  final_str = g_uri_to_string (final_uri);
  headers = soup_message_get_response_headers (msg);
  status = soup_message_get_status (msg);
  content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *what = subject (url, final_str);
      const char *phrase = soup_message_get_reason_phrase (msg);

      g_input_stream_close (body, NULL, NULL);
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_HTTP_STATUS,
                   _("%s: the server answered %u %s"), what, status,
                   phrase != NULL && *phrase != '\0' ? phrase : soup_status_get_phrase (status));
      return NULL;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    announced = soup_message_headers_get_content_length (headers);
  if (announced > max_bytes)
    {
      g_input_stream_close (body, NULL, NULL);
      set_too_large_error (error, url, final_str, max_bytes, announced);
      return NULL;
    }

  tmp = g_file_new_tmp ("attest-download-XXXXXX.pdf", &tmp_io, &local);
  if (tmp == NULL)
    {
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_FAILED,
                   _("%s: could not make a temporary file: %s"), url, local->message);
      return NULL;
    }
  download = g_new0 (AttestDownload, 1);
  download->path = g_file_get_path (tmp);
  out = g_io_stream_get_output_stream (G_IO_STREAM (tmp_io));
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  head = g_byte_array_sized_new (ATTEST_PDF_MAGIC_WITHIN);
  buf = g_malloc (CHUNK_BYTES);

  if (progress != NULL)
    progress (0, announced, user_data);
  for (;;)
    {
      gssize n = g_input_stream_read (body, buf, CHUNK_BYTES, cancellable, &local);

      if (n < 0)
        {
          set_transfer_error (error, url, final_str, timeout, local);
          return NULL;
        }
      if (n == 0)
        break;
      if (received + n > max_bytes)
        {
          set_too_large_error (error, url, final_str, max_bytes, -1);
          return NULL;
        }
      if (!checked)
        {
          g_byte_array_append (head, buf, (guint)MIN ((gsize)n, (gsize)ATTEST_PDF_MAGIC_WITHIN - head->len));
          if (head->len >= ATTEST_PDF_MAGIC_WITHIN)
            {
              if (!attest_pdf_has_magic (head->data, head->len))
                {
                  set_not_pdf_error (error, url, final_str, content_type, head->data, head->len);
                  return NULL;
                }
              checked = TRUE;
            }
        }
      if (!g_output_stream_write_all (out, buf, (gsize)n, NULL, cancellable, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            set_transfer_error (error, url, final_str, timeout, local);
          else
            g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_FAILED,
                         _("%s: could not write the temporary file %s: %s"), url, download->path, local->message);
          return NULL;
        }
      g_checksum_update (checksum, buf, (gsize)n);
      received += n;
      if (progress != NULL)
        progress (received, announced, user_data);
    }

  if (announced >= 0 && received < announced)
    {
      g_autofree char *what = subject (url, final_str);
      g_autofree char *got = g_format_size ((guint64)received);
      g_autofree char *of = g_format_size ((guint64)announced);

      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TRUNCATED,
                   _("%s: the download broke off after %s of %s"), what, got, of);
      return NULL;
    }
  if (!checked && !attest_pdf_has_magic (head->data, head->len))
    {
      set_not_pdf_error (error, url, final_str, content_type, head->data, head->len);
      return NULL;
    }
  g_input_stream_close (body, NULL, NULL);
  if (!g_io_stream_close (G_IO_STREAM (tmp_io), cancellable, &local))
    {
      g_set_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_FAILED,
                   _("%s: could not write the temporary file %s: %s"), url, download->path, local->message);
      return NULL;
    }

  download->url = g_strdup (url);
  download->final_url = g_steal_pointer (&final_str);
  download->redirects = redirects;
  download->file_name = file_name_for (headers, final_uri);
  download->content_type = g_steal_pointer (&content_type);
  download->size = received;
  download->sha256 = g_strdup (g_checksum_get_string (checksum));
  download->fetched_at = now_iso8601 ();
  return g_steal_pointer (&download);
}

/* ---- In a worker, for the window ------------------------------------------ */

typedef struct {
  char *url;
  AttestDownloadLimits limits;
  AttestDownloadProgress progress;
  gpointer progress_data;
  GDestroyNotify progress_notify;
  GMainContext *context;     /* the caller's, where progress is told */
  GMutex lock;               /* over the fields below */
  gint64 received;
  gint64 total;
  gboolean pending;          /* an idle is on its way to tell them */
  gboolean finished;         /* told nothing more after the result */
} AsyncDownload;

static void
async_download_free (AsyncDownload *a)
{
  g_free (a->url);
  if (a->progress_notify != NULL)
    a->progress_notify (a->progress_data);
  g_main_context_unref (a->context);
  g_mutex_clear (&a->lock);
  g_free (a);
}

static gboolean
tell_progress (gpointer data)
{
  GTask *task = data;
  AsyncDownload *a = g_task_get_task_data (task);
  gint64 received, total;
  gboolean finished;

  g_mutex_lock (&a->lock);
  received = a->received;
  total = a->total;
  finished = a->finished;
  a->pending = FALSE;
  g_mutex_unlock (&a->lock);
  if (!finished)
    a->progress (received, total, a->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: keep the newest figures; one idle at a time carries them
 * to the caller's context, so a fast download does not flood it. */
static void
on_async_progress (gint64   received,
                   gint64   total,
                   gpointer user_data)
{
  GTask *task = user_data;
  AsyncDownload *a = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&a->lock);
  a->received = received;
  a->total = total;
  schedule = !a->pending;
  a->pending = TRUE;
  g_mutex_unlock (&a->lock);
  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, tell_progress, g_object_ref (task), g_object_unref);
      g_source_attach (source, a->context);
      g_source_unref (source);
    }
}

static void
download_in_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  AsyncDownload *a = task_data;
  GError *error = NULL;
  AttestDownload *download;

  download = attest_download_pdf (a->url, &a->limits, a->progress != NULL ? on_async_progress : NULL, task,
                                  cancellable, &error);
  if (download == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, download, (GDestroyNotify)attest_download_free);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *outer = user_data;
  AsyncDownload *a = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  AttestDownload *download;

  g_mutex_lock (&a->lock);
  a->finished = TRUE;
  g_mutex_unlock (&a->lock);
  /* Here, on the caller's context: the worker may drop the last reference
   * to the task data in its own thread. */
  if (a->progress_notify != NULL)
    a->progress_notify (a->progress_data);
  a->progress_notify = NULL;
  a->progress_data = NULL;
  download = g_task_propagate_pointer (G_TASK (result), &error);
  if (download == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, download, (GDestroyNotify)attest_download_free);
  g_object_unref (outer);
}

/**
 * attest_download_pdf_async:
 * @progress: (nullable): told on the caller's thread-default main context,
 *   never after @callback
 * @progress_notify: (nullable): frees @progress_data once nothing more is
 *   told, on the caller's context, just before @callback
 *
 * attest_download_pdf() in a worker thread, for the window: @callback runs
 * on the caller's thread-default main context. Cancelling @cancellable
 * stops the download and removes what it had written.
 */
void
attest_download_pdf_async (const char                 *url,
                           const AttestDownloadLimits *limits,
                           AttestDownloadProgress      progress,
                           gpointer                    progress_data,
                           GDestroyNotify              progress_notify,
                           GCancellable               *cancellable,
                           GAsyncReadyCallback         callback,
                           gpointer                    user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;
  AsyncDownload *a;

  g_return_if_fail (url != NULL);

  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, attest_download_pdf_async);
  /* A cancellation is told with the download's own words (it names the URL). */
  g_task_set_check_cancellable (outer, FALSE);
  a = g_new0 (AsyncDownload, 1);
  g_mutex_init (&a->lock);
  a->url = g_strdup (url);
  if (limits != NULL)
    a->limits = *limits;
  a->progress = progress;
  a->progress_data = progress_data;
  a->progress_notify = progress_notify;
  a->context = g_main_context_ref_thread_default ();
  a->total = -1;
  /* The worker's task keeps the progress state; the caller's task is
   * finished only once the figures are marked finished. */
  inner = g_task_new (NULL, cancellable, on_async_done, outer);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, a, (GDestroyNotify)async_download_free);
  g_task_run_in_thread (inner, download_in_thread);
}

AttestDownload *
attest_download_pdf_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_download_pdf_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
