/* attest-test-server.c: a loopback HTTP server in the test process, for the downloads
 *
 * A SoupServer on 127.0.0.1, port 0 (the system picks a free one), run by a
 * thread of its own with its own main context, so a test may download from
 * it synchronously on its main thread or run attest-cli against it. The
 * answers a SoupServer will not give (a body cut short, headers and then
 * silence, no answer at all) are written by hand on the stolen connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "attest-test-server.h"

struct _AttestTestServer
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  GPtrArray *held;       /* GIOStream: connections kept open without an answer */
  GMutex lock;
  GCond ready_cond;
  gboolean ready;
  guint port;
  GHashTable *hits;      /* path → count */
};

/**
 * attest_test_pdf_bytes:
 *
 * A small valid PDF: one page saying "Backgrounder".
 */
GBytes *
attest_test_pdf_bytes (void)
{
  static const char content[] = "BT /F1 18 Tf 20 100 Td (Backgrounder) Tj ET\n";
  const char *objects[5];
  g_autofree char *stream = g_strdup_printf ("<< /Length %d >>\nstream\n%sendstream", (int)strlen (content),
                                             content);
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[5];
  gsize xref;

  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
  objects[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>";
  objects[3] = stream;
  objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint)G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint)G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (pdf);
}

/* Takes the connection from the server and writes @raw on it; keeps it open
 * (held until the server stops) or closes it. */
static void
answer_raw (AttestTestServer  *self,
            SoupServerMessage *msg,
            GBytes            *raw,
            gboolean           keep_open)
{
  GIOStream *conn = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (conn);

  if (raw != NULL && g_bytes_get_size (raw) > 0)
    g_output_stream_write_all (out, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  if (keep_open)
    g_ptr_array_add (self->held, conn);
  else
    {
      g_io_stream_close (conn, NULL, NULL);
      g_object_unref (conn);
    }
}

/* Headers announcing @length bytes of PDF, then @sent of them. */
static GBytes *
raw_pdf_start (gsize length,
               gsize sent)
{
  GString *raw = g_string_new (NULL);
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();

  g_string_append_printf (raw, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
                               "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", length);
  g_string_append_len (raw, g_bytes_get_data (pdf, NULL), (gssize)MIN (sent, g_bytes_get_size (pdf)));
  /* Then padding, up to @sent bytes of body. */
  for (gsize i = g_bytes_get_size (pdf); i < sent; i++)
    g_string_append_c (raw, ' ');
  return g_string_free_to_bytes (raw);
}

typedef struct {
  SoupServerMessage *msg;
  GBytes *pdf;
  guint piece;
} Slow;

#define SLOW_PIECES 8

static gboolean
slow_next (gpointer data)
{
  Slow *s = data;
  gsize len = g_bytes_get_size (s->pdf);
  gsize from = len * s->piece / SLOW_PIECES;
  gsize to = len * (s->piece + 1) / SLOW_PIECES;
  SoupMessageBody *body = soup_server_message_get_response_body (s->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, (const char *)g_bytes_get_data (s->pdf, NULL) + from, to - from);
  if (++s->piece == SLOW_PIECES)
    soup_message_body_complete (body);
  soup_server_message_unpause (s->msg);
  if (s->piece < SLOW_PIECES)
    return G_SOURCE_CONTINUE;
  g_object_unref (s->msg);
  g_bytes_unref (s->pdf);
  g_free (s);
  return G_SOURCE_REMOVE;
}

static void
set_body (SoupServerMessage *msg,
          const char        *type,
          GBytes            *bytes)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    bytes != NULL ? g_bytes_get_data (bytes, NULL) : "",
                                    bytes != NULL ? g_bytes_get_size (bytes) : 0);
}

static void
redirect (SoupServerMessage *msg,
          const char        *to)
{
  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", to);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  AttestTestServer *self = user_data;
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path)) + 1));
  g_mutex_unlock (&self->lock);

  if (g_str_equal (path, "/doc.pdf"))
    set_body (msg, "application/pdf", pdf);
  else if (g_str_equal (path, "/named"))
    {
      set_body (msg, "application/pdf", pdf);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Disposition",
                                    "attachment; filename=\"Report 2026.pdf\"");
    }
  else if (g_str_equal (path, "/late-header.pdf"))
    {
      GString *s = g_string_new (NULL);
      g_autoptr(GBytes) late = NULL;

      for (guint i = 0; i < 200; i++)
        g_string_append_c (s, 'x');
      g_string_append_len (s, g_bytes_get_data (pdf, NULL), (gssize)g_bytes_get_size (pdf));
      late = g_string_free_to_bytes (s);
      set_body (msg, "application/pdf", late);
    }
  else if (g_str_equal (path, "/missing.pdf"))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  else if (g_str_equal (path, "/broken"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_has_prefix (path, "/r/"))
    {
      guint n = (guint)g_ascii_strtoull (path + 3, NULL, 10);
      g_autofree char *to = n > 0 ? g_strdup_printf ("/r/%u", n - 1) : g_strdup ("/doc.pdf");
      redirect (msg, to);
    }
  else if (g_str_equal (path, "/loop/a"))
    redirect (msg, "/loop/b");
  else if (g_str_equal (path, "/loop/b"))
    redirect (msg, "a");
  else if (g_str_equal (path, "/to-file"))
    redirect (msg, "file:///etc/passwd");
  else if (g_str_equal (path, "/slow.pdf"))
    {
      Slow *s = g_new0 (Slow, 1);
      GSource *source = g_timeout_source_new (40);

      s->msg = g_object_ref (msg);
      s->pdf = g_bytes_ref (pdf);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/pdf",
                                             NULL);
      soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg),
                                               (goffset)g_bytes_get_size (pdf));
      soup_server_message_pause (msg);
      g_source_set_callback (source, slow_next, s, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  else if (g_str_equal (path, "/truncated.pdf"))
    {
      g_autoptr(GBytes) raw = raw_pdf_start (100000, 5000);
      answer_raw (self, msg, raw, FALSE);
    }
  else if (g_str_equal (path, "/stall.pdf"))
    {
      g_autoptr(GBytes) raw = raw_pdf_start (100000, 4096);
      answer_raw (self, msg, raw, TRUE);
    }
  else if (g_str_equal (path, "/never"))
    answer_raw (self, msg, NULL, TRUE);
  else if (g_str_equal (path, "/sign-in.pdf"))
    {
      static const char page[] = "<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head>"
                                 "<body><form>Sign in</form></body></html>\n";
      g_autoptr(GBytes) html = g_bytes_new_static (page, sizeof page - 1);
      set_body (msg, "text/html", html);
    }
  else if (g_str_equal (path, "/octets"))
    {
      g_autoptr(GBytes) junk = g_bytes_new_static ("PK\003\004 not a PDF at all", 22);
      set_body (msg, "application/octet-stream", junk);
    }
  else if (g_str_equal (path, "/empty.pdf"))
    set_body (msg, "application/pdf", NULL);
  else if (g_str_equal (path, "/big.pdf") || g_str_equal (path, "/big-chunked.pdf"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      g_autofree char *chunk = g_malloc (16 * 1024);

      memset (chunk, ' ', 16 * 1024);
      memcpy (chunk, "%PDF-1.4\n", 9);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "application/pdf", NULL);
      if (g_str_equal (path, "/big-chunked.pdf"))
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (guint i = 0; i < 16; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 16 * 1024);
      soup_message_body_complete (body);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static gpointer
serve (gpointer data)
{
  AttestTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "attest-test ", NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);

  g_mutex_lock (&self->lock);
  self->port = (guint)g_uri_get_port (uris->data);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_main_loop_run (self->loop);

  for (guint i = 0; i < self->held->len; i++)
    g_io_stream_close (self->held->pdata[i], NULL, NULL);
  g_ptr_array_set_size (self->held, 0);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* What the connections left behind (a slow answer's timer) runs out. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * attest_test_server_new:
 *
 * Starts the server; returns once it listens.
 */
AttestTestServer *
attest_test_server_new (void)
{
  AttestTestServer *self = g_new0 (AttestTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready_cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thread = g_thread_new ("attest-test-server", serve, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
attest_test_server_free (AttestTestServer *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->held);
  g_hash_table_unref (self->hits);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready_cond);
  g_free (self);
}

char *
attest_test_server_url (AttestTestServer *self,
                        const char       *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

/* How many requests @path has had. */
guint
attest_test_server_hits (AttestTestServer *self,
                         const char       *path)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_mutex_unlock (&self->lock);
  return n;
}
