/* attest-test-server.h: a loopback HTTP server in the test process, for the downloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _AttestTestServer AttestTestServer;

/* What the paths answer (see attest-test-server.c for each):
 *   /doc.pdf              200, a one-page PDF (attest_test_pdf_bytes())
 *   /named                200, the PDF, Content-Disposition filename "Report 2026.pdf"
 *   /late-header.pdf      200, 200 bytes of junk and then the PDF
 *   /missing.pdf          404           /broken               500
 *   /r/N                  302 to /r/N-1; /r/0 302 to /doc.pdf (N + 1 redirects)
 *   /loop/a, /loop/b      302 to each other
 *   /to-file              302 to file:///etc/passwd
 *   /slow.pdf             the PDF in 8 pieces, 40 ms apart
 *   /truncated.pdf        Content-Length 100000, 5000 bytes, then the connection closed
 *   /stall.pdf            Content-Length 100000, 4096 bytes, then nothing (the connection kept open)
 *   /never                reads the request, answers nothing (the connection kept open)
 *   /sign-in.pdf          200 text/html, a sign-in page
 *   /octets               200 application/octet-stream, not a PDF
 *   /empty.pdf            200, no body
 *   /big.pdf              200, Content-Length 256 KiB, a PDF header then padding
 *   /big-chunked.pdf      200, chunked, 256 KiB in 16 KiB chunks, no length announced */
AttestTestServer *attest_test_server_new   (void);
void              attest_test_server_free  (AttestTestServer *server);
char             *attest_test_server_url   (AttestTestServer *server,
                                            const char       *path);
guint             attest_test_server_hits  (AttestTestServer *server,
                                            const char       *path);
GBytes           *attest_test_pdf_bytes    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestTestServer, attest_test_server_free)

G_END_DECLS
