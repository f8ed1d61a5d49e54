/* attest-workspace-links.h: the links of the current pages and their documents
 *
 * A page's links (backgrounder, audit report, certificate, resource) are
 * stored with each page version. A link is named by a LINK id,
 * "FRAMEWORK/HASH": the framework's id and the first 8 hexadecimal digits of
 * the SHA-256 of its URL (more where two URLs of one framework share them), so
 * the id stays the same across re-imports while the URL does. The document a
 * link's URL resolves to, downloaded or attached, is an evidence file
 * remembered by that URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-workspace.h"

G_BEGIN_DECLS

/* The fewest hexadecimal digits of a LINK id's hash. */
#define ATTEST_LINK_ID_DIGITS 8

typedef enum {
  ATTEST_LINK_DOCUMENT_DOWNLOADED,
  ATTEST_LINK_DOCUMENT_ATTACHED,
} AttestLinkDocumentOrigin;

typedef struct {
  char *url;           /* the URL fetched, or the one a file was attached for */
  char *sha256;        /* the evidence file */
  AttestLinkDocumentOrigin origin;
  char *final_url;     /* where the redirects ended; NULL when attached */
  char *fetched_at;    /* ISO 8601, UTC: when downloaded or attached */
  char *name;          /* the evidence file's name */
  gint64 size;
  gint page_count;     /* -1 when unknown */
} AttestLinkDocument;

typedef struct {
  char *id;            /* "FRAMEWORK/HASH" */
  char *framework_id;
  char *kind;          /* "backgrounder", "audit-report", "certificate" or "resource" */
  char *title;
  char *url;
  char *section_key;
  char *locale;        /* of the page it was found in ("" for English) */
  AttestLinkDocument *document;  /* NULL while the workspace holds none */
} AttestLink;

void                attest_link_free                     (AttestLink               *link);
void                attest_link_document_free            (AttestLinkDocument       *document);
const char         *attest_link_document_origin_to_string (AttestLinkDocumentOrigin origin);
gboolean            attest_link_is_url                   (const char               *text);

GPtrArray          *attest_workspace_list_links          (AttestWorkspace          *self,
                                                          const char               *framework_id,
                                                          GError                  **error);
AttestLink         *attest_workspace_find_link           (AttestWorkspace          *self,
                                                          const char               *id,
                                                          GError                  **error);
AttestLinkDocument *attest_workspace_get_link_document   (AttestWorkspace          *self,
                                                          const char               *url,
                                                          GError                  **error);
gboolean            attest_workspace_set_link_document   (AttestWorkspace          *self,
                                                          const char               *url,
                                                          AttestLinkDocumentOrigin  origin,
                                                          const char               *final_url,
                                                          const char               *fetched_at,
                                                          const char               *name,
                                                          GBytes                   *bytes,
                                                          const char               *mime,
                                                          gint                      page_count,
                                                          const char               *text,
                                                          char                    **sha256_out,
                                                          GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestLink, attest_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestLinkDocument, attest_link_document_free)

G_END_DECLS
