/* attest-annotated-copy.c: an evidence PDF with its annotations as real PDF annotations
 *
 * A new file: the stored bytes are read, never written. A highlight becomes
 * a Highlight annotation with one quadrilateral per rectangle, a rectangle a
 * Square, a note a Text annotation (an icon at its point); each carries the
 * annotation's colour and text, so Evince and other readers show them.
 *
 * AttestRect counts from the page's top left, y down; a PDF annotation from
 * the bottom left, y up: y is turned over against the page's height.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-pdf"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "attest-annotated-copy.h"
#include "attest-store-error.h"
#include "attest-workspace-evidence.h"

/* poppler-glib 22.12 declares none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerAnnot, g_object_unref)

static void
set_color (PopplerAnnot *annot,
           const char   *color)
{
  PopplerColor c = { 0 };
  guint64 rgb = g_ascii_strtoull (color != NULL && color[0] == '#' ? color + 1 : "f6d32d", NULL, 16);

  /* 8 bits a channel to 16: 0xff → 0xffff. */
  c.red = ((rgb >> 16) & 0xff) * 257;
  c.green = ((rgb >> 8) & 0xff) * 257;
  c.blue = (rgb & 0xff) * 257;
  poppler_annot_set_color (annot, &c);
}

static PopplerAnnot *
make_annot (PopplerDocument        *doc,
            const AttestAnnotation *a,
            double                  height)
{
  PopplerRectangle bounds = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  g_autoptr(GArray) quads = g_array_new (FALSE, FALSE, sizeof (PopplerQuadrilateral));
  PopplerAnnot *annot = NULL;

  for (guint i = 0; i < a->rects->len; i++)
    {
      const AttestRect *r = &g_array_index (a->rects, AttestRect, i);
      double top = height - r->y1, bottom = height - r->y2;
      /* Corners as PDF readers expect them: upper left, upper right, lower left, lower right. */
      PopplerQuadrilateral q = {
        { r->x1, top }, { r->x2, top }, { r->x1, bottom }, { r->x2, bottom },
      };

      g_array_append_val (quads, q);
      bounds.x1 = MIN (bounds.x1, r->x1);
      bounds.x2 = MAX (bounds.x2, r->x2);
      bounds.y1 = MIN (bounds.y1, bottom);
      bounds.y2 = MAX (bounds.y2, top);
    }

  switch (a->kind)
    {
    case ATTEST_ANNOTATION_HIGHLIGHT:
      annot = poppler_annot_text_markup_new_highlight (doc, &bounds, quads);
      break;
    case ATTEST_ANNOTATION_RECTANGLE:
      annot = poppler_annot_square_new (doc, &bounds);
      break;
    case ATTEST_ANNOTATION_NOTE:
    default:
      /* The icon hangs from the point, as Evince drops it. */
      bounds.x2 = bounds.x1 + ATTEST_ANNOTATED_NOTE_SIZE;
      bounds.y1 = bounds.y2 - ATTEST_ANNOTATED_NOTE_SIZE;
      annot = poppler_annot_text_new (doc, &bounds);
      break;
    }
  set_color (annot, a->color);
  poppler_annot_set_contents (annot, a->text != NULL ? a->text : "");
  poppler_annot_markup_set_label (POPPLER_ANNOT_MARKUP (annot), "Attest");
  return annot;
}

/**
 * attest_annotated_copy_make:
 * @pdf: the PDF's bytes (left as they are)
 * @annotations: (element-type AttestAnnotation): the annotations on it;
 *   those on page sections or on pages it does not have are left out
 *
 * Blocking, and touches no workspace: run it in a thread for a large file.
 *
 * Returns: (transfer full): a new PDF, @pdf with the annotations added, or
 *   %NULL with @error set
 */
GBytes *
attest_annotated_copy_make (GBytes     *pdf,
                            GPtrArray  *annotations,
                            GError    **error)
{
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  gsize len = 0;
  int fd;
  int n_pages;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (annotations != NULL, NULL);

  doc = poppler_document_new_from_bytes (pdf, NULL, &local);
  if (doc == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("The file cannot be annotated: %s"), local->message);
      return NULL;
    }
  n_pages = poppler_document_get_n_pages (doc);

  for (guint i = 0; i < annotations->len; i++)
    {
      const AttestAnnotation *a = annotations->pdata[i];
      g_autoptr(PopplerPage) page = NULL;
      g_autoptr(PopplerAnnot) annot = NULL;
      double width = 0, height = 0;

      if (a->sha256 == NULL || a->rects == NULL || a->rects->len == 0 || a->page >= (guint)n_pages)
        continue;
      page = poppler_document_get_page (doc, (int)a->page);
      if (page == NULL)
        continue;
      poppler_page_get_size (page, &width, &height);
      annot = make_annot (doc, a, height);
      poppler_page_add_annot (page, annot);
    }

  /* poppler writes to a file only: a private one, removed at once. Not
   * poppler_document_save_to_fd(): 22.12 leaves the end of the file in a
   * buffer it never flushes. */
  fd = g_file_open_tmp ("attest-annotated-XXXXXX.pdf", &tmp_path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  uri = g_filename_to_uri (tmp_path, NULL, error);
  if (uri == NULL || !poppler_document_save (doc, uri, &local))
    {
      g_unlink (tmp_path);
      if (local != NULL)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_FAILED,
                     _("Could not write the annotated copy: %s"), local->message);
      return NULL;
    }
  if (!g_file_get_contents (tmp_path, &contents, &len, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }
  g_unlink (tmp_path);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/**
 * attest_annotated_copy_from_workspace:
 *
 * The evidence file @sha256 of @workspace with its annotations.
 *
 * Returns: (transfer full): a new PDF, or %NULL with @error set
 */
GBytes *
attest_annotated_copy_from_workspace (AttestWorkspace  *workspace,
                                      const char       *sha256,
                                      GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) annotations = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  bytes = attest_workspace_get_evidence_bytes (workspace, sha256, NULL, error);
  if (bytes == NULL)
    return NULL;
  annotations = attest_workspace_list_annotations (workspace, sha256, error);
  if (annotations == NULL)
    return NULL;
  return attest_annotated_copy_make (bytes, annotations, error);
}
