/* attest-pdf-annotations.c: annotations checked against their PDF page, and made
 *
 * The store checks what it knows (the file is there, the page count, the
 * colour, the shape); a page's size is poppler's: here. The errors are the
 * store's (ATTEST_STORE_ERROR_INVALID): the analyst named a wrong place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-pdf"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-pdf-annotations.h"
#include "attest-store-error.h"
#include "attest-workspace-evidence.h"

/* Points a mark may stray over the page's edge: a selection's quads do. */
#define EDGE_SLACK 1.0

/**
 * attest_pdf_annotation_check:
 * @document: the evidence file @annotation is on, opened
 *
 * Whether @annotation's page is in @document and each of its rectangles or
 * its point lies on that page.
 *
 * Returns: %TRUE, or %FALSE with @error (%ATTEST_STORE_ERROR_INVALID) saying
 *   which page or rectangle is outside, and the document's or page's size
 */
gboolean
attest_pdf_annotation_check (AttestPdfDocument       *document,
                             const AttestAnnotation  *a,
                             GError                 **error)
{
  guint n_pages;
  double width = 0, height = 0;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (document), FALSE);
  g_return_val_if_fail (a != NULL, FALSE);

  n_pages = attest_pdf_document_get_n_pages (document);
  if (a->page >= n_pages)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("Page %u is outside the document: it has %u pages"), a->page + 1, n_pages);
      return FALSE;
    }
  if (!attest_pdf_document_get_page_size (document, a->page, &width, &height))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("Page %u of the document cannot be read"), a->page + 1);
      return FALSE;
    }
  for (guint i = 0; a->rects != NULL && i < a->rects->len; i++)
    {
      const AttestRect *r = &g_array_index (a->rects, AttestRect, i);

      if (!(r->x1 >= -EDGE_SLACK && r->y1 >= -EDGE_SLACK &&
            r->x2 <= width + EDGE_SLACK && r->y2 <= height + EDGE_SLACK &&
            r->x1 <= width + EDGE_SLACK && r->y1 <= height + EDGE_SLACK))
        {
          g_autofree char *where = g_strdup_printf ("%g,%g–%g,%g", r->x1, r->y1, r->x2, r->y2);
          g_autofree char *size = g_strdup_printf ("%g × %g", width, height);
          /* Translators: "The rectangle 10,10–900,40 lies outside page 2 (595 × 842 points)" */
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                       _("The rectangle %s lies outside page %u (%s points)"), where, a->page + 1, size);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * attest_pdf_annotation_add:
 * @document: (nullable): the evidence file, opened; %NULL opens it from
 *   @workspace
 * @annotation: (inout): as attest_workspace_add_annotation()
 *
 * Checks @annotation against its page, then adds it to @workspace (one
 * transaction, one history row). An annotation on a page section has no
 * PDF page: it goes to the store as it is.
 */
gboolean
attest_pdf_annotation_add (AttestWorkspace    *workspace,
                           AttestPdfDocument  *document,
                           AttestAnnotation   *a,
                           GError            **error)
{
  g_autoptr(AttestPdfDocument) opened = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (a != NULL, FALSE);

  if (a->sha256 != NULL && document == NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AttestEvidence) evidence = NULL;
      g_autoptr(GError) local = NULL;

      if (!attest_evidence_sha256_is_valid (a->sha256))
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                       _("“%s” is not a SHA-256 (64 hexadecimal digits)"), a->sha256);
          return FALSE;
        }
      evidence = attest_workspace_get_evidence (workspace, a->sha256, &local);
      if (evidence == NULL)
        {
          if (local != NULL && local->domain == ATTEST_STORE_ERROR && local->code == ATTEST_STORE_ERROR_NOT_FOUND)
            g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                         _("No evidence file %s in this workspace (see attest-cli evidence list)"), a->sha256);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      bytes = attest_workspace_get_evidence_bytes (workspace, a->sha256, NULL, error);
      if (bytes == NULL)
        return FALSE;
      opened = attest_pdf_document_new_from_bytes (bytes, NULL, evidence->name, &local);
      if (opened == NULL)
        {
          /* Translators: "report.pdf cannot be annotated: it is not a PDF" */
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                       _("%s cannot be annotated: %s"), evidence->name, local->message);
          return FALSE;
        }
      document = opened;
    }
  if (a->sha256 != NULL && !attest_pdf_annotation_check (document, a, error))
    return FALSE;
  return attest_workspace_add_annotation (workspace, a, error);
}
