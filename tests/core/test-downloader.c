/* test-downloader.c: attest_download_pdf() against a loopback server the test starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-downloader.h"
#include "attest-test-server.h"

/* Where the downloads' temporary files go (TMPDIR, set before GLib reads
 * it): empty again after every download, failed or not. */
static char *tmp_dir;

typedef struct {
  AttestTestServer *server;
} Fixture;

typedef struct {
  guint calls;
  gint64 last;
  gint64 total;
  gboolean decreasing;
  GCancellable *cancel_after_bytes;
} Progress;

static void
on_progress (gint64   received,
             gint64   total,
             gpointer user_data)
{
  Progress *p = user_data;

  if (received < p->last)
    p->decreasing = TRUE;
  if (received > p->last || p->calls == 0)
    p->calls++;
  p->last = received;
  p->total = total;
  if (p->cancel_after_bytes != NULL && received > 0)
    g_cancellable_cancel (p->cancel_after_bytes);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->server = attest_test_server_new ();
}

static void
assert_no_temporary_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  attest_test_server_free (f->server);
  assert_no_temporary_files ();
}

static AttestDownload *
get (Fixture                    *f,
     const char                 *path,
     const AttestDownloadLimits *limits,
     Progress                   *progress,
     GCancellable               *cancellable,
     GError                    **error)
{
  g_autofree char *url = attest_test_server_url (f->server, path);

  return attest_download_pdf (url, limits, progress != NULL ? on_progress : NULL, progress, cancellable, error);
}

static void
assert_error_says (const GError *error,
                   const char   *words)
{
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_success (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *url = attest_test_server_url (f->server, "/doc.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;
  Progress p = { 0 };
  AttestDownload *d;

  d = get (f, "/doc.pdf", NULL, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->url, ==, url);
  g_assert_cmpstr (d->final_url, ==, url);
  g_assert_cmpuint (d->redirects, ==, 0);
  g_assert_cmpstr (d->file_name, ==, "doc.pdf");
  g_assert_cmpstr (d->content_type, ==, "application/pdf");
  g_assert_cmpint (d->size, ==, (gint64)g_bytes_get_size (pdf));
  g_assert_cmpstr (d->sha256, ==, expected);
  g_assert_nonnull (d->fetched_at);
  g_assert_true (g_str_has_suffix (d->fetched_at, "Z"));
  g_assert_true (g_file_get_contents (d->path, &contents, &len, &error));
  g_assert_cmpmem (contents, len, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_assert_true (g_str_has_prefix (d->path, tmp_dir));
  g_assert_cmpint (p.last, ==, d->size);
  g_assert_cmpint (p.total, ==, d->size);
  g_assert_false (p.decreasing);

  /* Freeing it removes its temporary file. */
  path = g_strdup (d->path);
  attest_download_free (d);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The server's file name; a header after some junk (within 1 KiB). */
static void
test_named_and_late (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDownload) named = get (f, "/named", NULL, NULL, NULL, &error);
  g_autoptr(AttestDownload) late = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (named->file_name, ==, "Report 2026.pdf");
  late = get (f, "/late-header.pdf", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (late->file_name, ==, "late-header.pdf");
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = attest_test_server_url (f->server, "/missing.pdf");

  g_assert_null (get (f, "/missing.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_HTTP_STATUS);
  assert_error_says (error, url);
  assert_error_says (error, "404 Not Found");
  g_clear_error (&error);

  g_assert_null (get (f, "/broken", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_HTTP_STATUS);
  assert_error_says (error, "500");
}

/* /r/3 redirects 4 times (relative Locations), then the PDF; with 3
 * allowed, the 4th is refused. */
static void
test_redirect_chain (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *final = attest_test_server_url (f->server, "/doc.pdf");
  g_autoptr(AttestDownload) d = get (f, "/r/3", NULL, NULL, NULL, &error);
  AttestDownloadLimits three = { .max_redirects = 3 };

  g_assert_no_error (error);
  g_assert_cmpuint (d->redirects, ==, 4);
  g_assert_cmpstr (d->final_url, ==, final);
  g_assert_cmpstr (d->file_name, ==, "doc.pdf");
  for (guint n = 0; n <= 3; n++)
    {
      g_autofree char *hop = g_strdup_printf ("/r/%u", n);
      g_assert_cmpuint (attest_test_server_hits (f->server, hop), ==, 1);
    }

  g_assert_null (get (f, "/r/3", &three, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TOO_MANY_REDIRECTS);
  assert_error_says (error, "more than 3 redirects");
  g_assert_cmpuint (attest_test_server_hits (f->server, "/doc.pdf"), ==, 1);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = attest_test_server_url (f->server, "/loop/a");

  g_assert_null (get (f, "/loop/a", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_REDIRECT_LOOP);
  assert_error_says (error, "loop");
  assert_error_says (error, a);
  /* Noticed at the first repeat, not after the redirect limit. */
  g_assert_cmpuint (attest_test_server_hits (f->server, "/loop/a"), ==, 1);
  g_assert_cmpuint (attest_test_server_hits (f->server, "/loop/b"), ==, 1);
}

/* http and https only: asked for, or where a redirect leads. */
static void
test_schemes (Fixture       *f,
              gconstpointer  data)
{
  static const char * const refused[] = {
    "file:///etc/passwd", "ftp://example.com/report.pdf", "data:application/pdf,%PDF-1.4", "mailto:a@example.com",
    "javascript:alert(1)",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (attest_download_check_url (refused[i], &error));
      g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME);
      assert_error_says (error, "only http and https");
      g_clear_error (&error);
      g_assert_null (attest_download_pdf (refused[i], NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME);
      g_clear_error (&error);
    }
  g_assert_false (attest_download_check_url ("not a url", &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_true (attest_download_check_url ("https://aka.ms/mars-e-backgrounder", &error));
  g_assert_no_error (error);

  g_assert_null (get (f, "/to-file", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_UNSUPPORTED_SCHEME);
  assert_error_says (error, "file:///etc/passwd");
}

/* A body in pieces 40 ms apart: progress seen piece by piece, and the
 * whole file at the end. */
static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  Progress p = { 0 };
  g_autoptr(AttestDownload) d = get (f, "/slow.pdf", NULL, &p, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (d->sha256, ==, expected);
  /* The start, and several pieces (two may come in one read). */
  g_assert_cmpuint (p.calls, >=, 4);
  g_assert_false (p.decreasing);
  g_assert_cmpint (p.last, ==, (gint64)g_bytes_get_size (pdf));
  g_assert_cmpint (p.total, ==, (gint64)g_bytes_get_size (pdf));
}

/* Content-Length 100000, 5000 bytes, closed. */
static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (get (f, "/truncated.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TRUNCATED);
  assert_error_says (error, "broke off");
}

/* Cancelled once the body started coming (the server then says no more):
 * at once, not after the timeout. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { 0 };
  gint64 start = g_get_monotonic_time ();

  p.cancel_after_bytes = cancellable;
  g_assert_null (get (f, "/stall.pdf", NULL, &p, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_error_says (error, "cancelled");
  g_assert_cmpint (p.last, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* Cancelled before it started: nothing asked of the server. */
  g_clear_error (&error);
  g_assert_null (get (f, "/doc.pdf", NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (get (f, "/sign-in.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF);
  assert_error_says (error, "the server sent a web page (text/html), not a PDF — it may need a sign-in");
  g_clear_error (&error);

  g_assert_null (get (f, "/octets", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF);
  assert_error_says (error, "application/octet-stream, not a PDF");
  g_clear_error (&error);

  g_assert_null (get (f, "/empty.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_NOT_PDF);
  assert_error_says (error, "sent nothing");
}

/* 256 KiB against a 64 KiB limit: refused on the announced size before any
 * of the body is read; without one, stopped once past the limit. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttestDownloadLimits small = { .max_bytes = 64 * 1024 };
  Progress p = { 0 };
  Progress chunked = { 0 };

  g_assert_null (get (f, "/big.pdf", &small, &p, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TOO_LARGE);
  assert_error_says (error, "announced");
  g_assert_cmpuint (p.calls, ==, 0);
  g_clear_error (&error);

  g_assert_null (get (f, "/big-chunked.pdf", &small, &chunked, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TOO_LARGE);
  assert_error_says (error, "stopped");
  g_assert_cmpint (chunked.total, ==, -1);
  g_assert_cmpint (chunked.last, >, 0);
  g_assert_cmpint (chunked.last, <=, small.max_bytes);
  g_clear_error (&error);

  /* Within a limit it fits, it comes whole. */
  small.max_bytes = 256 * 1024;
  {
    g_autoptr(AttestDownload) d = get (f, "/big-chunked.pdf", &small, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (d->size, ==, 256 * 1024);
  }
}

/* A server that never answers, or stops in the middle: the timeout the
 * caller set (1 s) ends it. */
static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttestDownloadLimits quick = { .timeout_seconds = 1 };
  Progress p = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_assert_null (get (f, "/never", &quick, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TIMED_OUT);
  assert_error_says (error, "did not answer within 1 second");
  g_assert_cmpuint (attest_test_server_hits (f->server, "/never"), ==, 1);
  g_clear_error (&error);

  g_assert_null (get (f, "/stall.pdf", &quick, &p, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_TIMED_OUT);
  g_assert_cmpint (p.last, ==, 4096);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

/* Nobody listening on the port. */
static void
test_refused_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/doc.pdf", port);
  g_assert_null (attest_download_pdf (url, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ATTEST_DOWNLOAD_ERROR, ATTEST_DOWNLOAD_ERROR_FAILED);
  assert_error_says (error, url);
}

typedef struct {
  GMainLoop *loop;
  AttestDownload *download;
  GError *error;
  Progress progress;
  GThread *main_thread;
  gboolean off_thread;
  gboolean after_result;
  gboolean notified;
} Async;

static void
on_async_progress (gint64   received,
                   gint64   total,
                   gpointer user_data)
{
  Async *a = user_data;

  if (g_thread_self () != a->main_thread)
    a->off_thread = TRUE;
  if (a->download != NULL || a->error != NULL)
    a->after_result = TRUE;
  on_progress (received, total, &a->progress);
}

static void
on_async_notify (gpointer user_data)
{
  Async *a = user_data;

  a->notified = TRUE;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Async *a = user_data;

  /* Told before the result, on this thread. */
  g_assert_true (a->notified);
  a->download = attest_download_pdf_finish (result, &a->error);
  g_main_loop_quit (a->loop);
}

/* In a worker, as the window downloads: the progress and the result come on
 * the caller's main context, no progress after the result; a cancellation
 * in the middle says so in the download's words. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *slow = attest_test_server_url (f->server, "/slow.pdf");
  g_autofree char *stall = attest_test_server_url (f->server, "/stall.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Async a = { 0 };

  a.loop = g_main_loop_new (NULL, FALSE);
  a.main_thread = g_thread_self ();
  attest_download_pdf_async (slow, NULL, on_async_progress, &a, on_async_notify, NULL, on_async_done, &a);
  g_main_loop_run (a.loop);
  g_assert_no_error (a.error);
  g_assert_cmpstr (a.download->sha256, ==, expected);
  g_assert_cmpuint (a.progress.calls, >=, 2);
  g_assert_false (a.off_thread);
  g_clear_pointer (&a.download, attest_download_free);
  /* What is left to tell runs out: nothing after the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (a.after_result);

  memset (&a.progress, 0, sizeof a.progress);
  a.notified = FALSE;
  a.progress.cancel_after_bytes = cancellable;
  attest_download_pdf_async (stall, NULL, on_async_progress, &a, on_async_notify, cancellable, on_async_done, &a);
  g_main_loop_run (a.loop);
  g_assert_null (a.download);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_error_says (a.error, stall);
  g_clear_error (&a.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (a.after_result);
  g_main_loop_unref (a.loop);
}

static void
test_magic (void)
{
  g_autofree guint8 *buf = g_malloc0 (2048);

  g_assert_false (attest_pdf_has_magic (NULL, 0));
  g_assert_false (attest_pdf_has_magic ((const guint8 *)"%PDF", 4));
  g_assert_true (attest_pdf_has_magic ((const guint8 *)"%PDF-", 5));
  memset (buf, ' ', 2048);
  memcpy (buf + 1023, "%PDF-1.7", 8);
  g_assert_true (attest_pdf_has_magic (buf, 2048));
  memset (buf, ' ', 2048);
  memcpy (buf + 1024, "%PDF-1.7", 8);
  g_assert_false (attest_pdf_has_magic (buf, 2048));
}

int
main (int   argc,
      char *argv[])
{
  const char *base = g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp";
  g_autofree char *template = g_build_filename (base, "attest-test-downloader-XXXXXX", NULL);
  int ret;

  /* Before anything asks GLib for the temporary folder. */
  tmp_dir = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (tmp_dir);
  g_setenv ("TMPDIR", tmp_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/downloader/magic", test_magic);
#define ADD(name, func) g_test_add ("/downloader/" name, Fixture, NULL, setup, func, teardown)
  ADD ("success", test_success);
  ADD ("named-and-late", test_named_and_late);
  ADD ("status", test_status);
  ADD ("redirect-chain", test_redirect_chain);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("schemes", test_schemes);
  ADD ("slow", test_slow);
  ADD ("truncated", test_truncated);
  ADD ("cancelled", test_cancelled);
  ADD ("html", test_html);
  ADD ("too-large", test_too_large);
  ADD ("timeout", test_timeout);
  ADD ("refused-connection", test_refused_connection);
  ADD ("async", test_async);
#undef ADD
  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
