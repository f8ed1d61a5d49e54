/* attest-pdf-document.c: a PDF opened once, read from any thread
 *
 * A PopplerDocument is not thread-safe: the view renders in a worker, finds
 * in another and reads links and selections on the main thread, so every
 * poppler call (and every PopplerPage unref) is made under the document's
 * one lock, as Evince's ev_document_doc_mutex. What the view asks for on
 * every frame (page sizes, labels) is read once when the document opens,
 * so drawing never waits for a render to release the lock.
 *
 * Coordinates given out are points with the origin at the page's top left
 * (poppler's links and find results come bottom-up and are turned here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-pdf-document"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "attest-pdf-document.h"

/* A surface larger than this is refused for the page, not allocated: a
 * zoom of 6400 % on an A0 page must not take the machine's memory. */
#define MAX_SURFACE_SIDE 32767
#define MAX_SURFACE_BYTES ((gsize) 256 * 1024 * 1024)

typedef struct {
  double width;
  double height;
  char *label;
  gboolean missing; /* poppler gave no page at this index */
} PageInfo;

struct _AttestPdfDocument
{
  GObject parent_instance;

  GMutex lock;   /* held around every poppler call */
  PopplerDocument *doc;
  GBytes *bytes;
  char *display_name;

  guint n_pages;
  PageInfo *pages;
  double max_width;
  double max_height;
  gboolean has_labels;

  GPtrArray *outline; /* read on first use, under the lock */
};

G_DEFINE_FINAL_TYPE (AttestPdfDocument, attest_pdf_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (attest-pdf-error-quark, attest_pdf_error)

static void
attest_pdf_document_finalize (GObject *object)
{
  AttestPdfDocument *self = ATTEST_PDF_DOCUMENT (object);

  for (guint i = 0; i < self->n_pages; i++)
    g_free (self->pages[i].label);
  g_free (self->pages);
  g_clear_pointer (&self->outline, g_ptr_array_unref);
  g_clear_object (&self->doc);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->display_name);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (attest_pdf_document_parent_class)->finalize (object);
}

static void
attest_pdf_document_class_init (AttestPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_pdf_document_finalize;
}

static void
attest_pdf_document_init (AttestPdfDocument *self)
{
  g_mutex_init (&self->lock);
}

static gboolean
has_pdf_header (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* Readers accept the header anywhere in the first KiB. */
  size = MIN (size, 1024);
  for (gsize i = 0; i + 5 <= size; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static void
set_open_error (GError     **error,
                const char  *name,
                GBytes      *bytes,
                const char  *password,
                GError      *poppler_error)
{
  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      if (password == NULL || *password == '\0')
        g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NEEDS_PASSWORD,
                     _("“%s” is encrypted: it needs a password to open"), name);
      else
        g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_WRONG_PASSWORD,
                     _("The password does not open “%s”"), name);
    }
  else if (!has_pdf_header (bytes))
    g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_NOT_PDF,
                 _("“%s” is not a PDF: it does not start with “%%PDF-”"), name);
  else
    g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_DAMAGED,
                 _("“%s” is a damaged PDF (%s)"), name,
                 poppler_error != NULL ? poppler_error->message : _("unknown error"));
}

/* Called before the document is shared: no other thread holds it yet. */
static void
read_pages (AttestPdfDocument *self)
{
  int n = poppler_document_get_n_pages (self->doc);

  self->n_pages = n > 0 ? (guint) n : 0;
  self->pages = g_new0 (PageInfo, MAX (self->n_pages, 1));
  for (guint i = 0; i < self->n_pages; i++)
    {
      PageInfo *info = &self->pages[i];
      PopplerPage *page = poppler_document_get_page (self->doc, (int) i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      char *label = NULL;

      if (page != NULL)
        {
          poppler_page_get_size (page, &info->width, &info->height);
          label = poppler_page_get_label (page);
          g_object_unref (page);
        }
      else
        info->missing = TRUE;
      /* A page of no size (broken box) is laid out as Letter and reports
       * its error when rendered. */
      if (!(info->width >= 1 && info->height >= 1 && info->width < 1e6 && info->height < 1e6))
        {
          info->width = 612;
          info->height = 792;
        }
      if (label == NULL || *label == '\0')
        {
          g_free (label);
          label = g_strdup (number);
        }
      if (!g_str_equal (label, number))
        self->has_labels = TRUE;
      info->label = label;
      self->max_width = MAX (self->max_width, info->width);
      self->max_height = MAX (self->max_height, info->height);
    }
}

/**
 * attest_pdf_document_new_from_bytes:
 * @bytes: the whole file
 * @password: (nullable): the user or owner password, never stored
 * @display_name: (nullable): the file as messages name it
 *
 * Returns: (transfer full): the document, or %NULL with @error in
 *   %ATTEST_PDF_ERROR: NEEDS_PASSWORD, WRONG_PASSWORD, NOT_PDF or DAMAGED
 *   (with poppler's reason).
 */
AttestPdfDocument *
attest_pdf_document_new_from_bytes (GBytes      *bytes,
                                    const char  *password,
                                    const char  *display_name,
                                    GError     **error)
{
  g_autoptr(AttestPdfDocument) self = NULL;
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *doc;
  const char *name = display_name != NULL ? display_name : _("the PDF");

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* poppler 22.12's new_from_bytes, given a wrong password, retries on a
   * stream it has already freed and crashes: with a password, open from a
   * stream over the same bytes instead (no copy, its retry is sound). */
  if (password == NULL)
    doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  else
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

      doc = poppler_document_new_from_stream (stream, (goffset) g_bytes_get_size (bytes),
                                              password, NULL, &local_error);
    }
  if (doc == NULL)
    {
      set_open_error (error, name, bytes, password, local_error);
      return NULL;
    }

  self = g_object_new (ATTEST_TYPE_PDF_DOCUMENT, NULL);
  self->doc = doc;
  self->bytes = g_bytes_ref (bytes);
  self->display_name = g_strdup (name);
  read_pages (self);
  if (self->n_pages == 0)
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_DAMAGED,
                   _("“%s” is a damaged PDF (it has no pages)"), name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * attest_pdf_document_new_from_file:
 *
 * Reads @file whole (the document keeps the bytes), then as
 * attest_pdf_document_new_from_bytes(); a file that cannot be read gives
 * its G_IO_ERROR.
 */
AttestPdfDocument *
attest_pdf_document_new_from_file (GFile         *file,
                                   const char    *password,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_parse_name (file);
  return attest_pdf_document_new_from_bytes (bytes, password, name, error);
}

typedef struct {
  GBytes *bytes;
  char *password;
  char *display_name;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_bytes_unref (data->bytes);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->display_name);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  AttestPdfDocument *doc;

  doc = attest_pdf_document_new_from_bytes (data->bytes, data->password, data->display_name, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

/**
 * attest_pdf_document_open_async:
 *
 * attest_pdf_document_new_from_bytes() in a thread; the callback runs on
 * the thread-default main context of the caller.
 */
void
attest_pdf_document_open_async (GBytes              *bytes,
                                const char          *password,
                                const char          *display_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_pdf_document_open_async);
  data = g_new0 (OpenData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->password = g_strdup (password);
  data->display_name = g_strdup (display_name);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_thread);
}

AttestPdfDocument *
attest_pdf_document_open_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
attest_pdf_document_get_display_name (AttestPdfDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  return self->display_name;
}

/**
 * attest_pdf_document_get_bytes:
 *
 * Returns: (transfer none): the file the document was opened from
 */
GBytes *
attest_pdf_document_get_bytes (AttestPdfDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  return self->bytes;
}

/**
 * attest_pdf_document_get_title:
 *
 * Returns: (transfer full) (nullable): the title in the file's metadata
 */
char *
attest_pdf_document_get_title (AttestPdfDocument *self)
{
  char *title;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  g_mutex_lock (&self->lock);
  title = poppler_document_get_title (self->doc);
  g_mutex_unlock (&self->lock);
  if (title != NULL && *g_strstrip (title) == '\0')
    g_clear_pointer (&title, g_free);
  return title;
}

guint
attest_pdf_document_get_n_pages (AttestPdfDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), 0);

  return self->n_pages;
}

/**
 * attest_pdf_document_get_page_size:
 * @width: (out) (optional): in points, as the page is shown (its rotation applied)
 * @height: (out) (optional)
 *
 * Returns: %FALSE when @page is out of range
 */
gboolean
attest_pdf_document_get_page_size (AttestPdfDocument *self,
                                   guint              page,
                                   double            *width,
                                   double            *height)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), FALSE);

  if (page >= self->n_pages)
    return FALSE;
  if (width != NULL)
    *width = self->pages[page].width;
  if (height != NULL)
    *height = self->pages[page].height;
  return TRUE;
}

/* The widest and the tallest page: "fit width" and "fit page" use them. */
void
attest_pdf_document_get_max_page_size (AttestPdfDocument *self,
                                       double            *width,
                                       double            *height)
{
  g_return_if_fail (ATTEST_IS_PDF_DOCUMENT (self));

  if (width != NULL)
    *width = self->max_width;
  if (height != NULL)
    *height = self->max_height;
}

/**
 * attest_pdf_document_get_pixel_size:
 *
 * The size of the surface attest_pdf_document_render_page() makes for
 * @page at @scale (pixels per point), so that layout and render agree.
 */
void
attest_pdf_document_get_pixel_size (AttestPdfDocument *self,
                                    guint              page,
                                    double             scale,
                                    int               *width,
                                    int               *height)
{
  double w = 612, h = 792;

  g_return_if_fail (ATTEST_IS_PDF_DOCUMENT (self));

  attest_pdf_document_get_page_size (self, page, &w, &h);
  if (width != NULL)
    *width = (int) MAX (1.0, MIN (w * scale + 0.5, (double) G_MAXINT));
  if (height != NULL)
    *height = (int) MAX (1.0, MIN (h * scale + 0.5, (double) G_MAXINT));
}

/* Whether any page has a label other than its number ("iii", "A-1"): the
 * page entry then shows "iii (3 of 70)". */
gboolean
attest_pdf_document_has_page_labels (AttestPdfDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), FALSE);

  return self->has_labels;
}

/**
 * attest_pdf_document_get_page_label:
 *
 * Returns: (transfer none): the page's label, its number ("12") when the
 *   file gives none; %NULL when @page is out of range
 */
const char *
attest_pdf_document_get_page_label (AttestPdfDocument *self,
                                    guint              page)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  if (page >= self->n_pages)
    return NULL;
  return self->pages[page].label;
}

/**
 * attest_pdf_document_find_page_label:
 * @label: what was typed in the page entry
 * @page: (out): the page index
 *
 * A label first (ignoring case: "III" finds "iii"), then a page number
 * from 1, as readers do.
 *
 * Returns: %FALSE when no page answers to @label
 */
gboolean
attest_pdf_document_find_page_label (AttestPdfDocument *self,
                                     const char        *label,
                                     guint             *page)
{
  g_autofree char *wanted = NULL;
  g_autofree char *stripped = NULL;
  guint64 number;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  stripped = g_strstrip (g_strdup (label));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return FALSE;
  wanted = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < self->n_pages; i++)
    {
      g_autofree char *folded = g_utf8_casefold (self->pages[i].label, -1);

      if (g_str_equal (folded, wanted))
        {
          if (page != NULL)
            *page = i;
          return TRUE;
        }
    }
  if (g_ascii_string_to_unsigned (stripped, 10, 1, self->n_pages, &number, NULL))
    {
      if (page != NULL)
        *page = (guint) number - 1;
      return TRUE;
    }
  return FALSE;
}

void
attest_pdf_outline_item_free (AttestPdfOutlineItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->uri);
  g_free (item);
}

void
attest_pdf_link_free (AttestPdfLink *link)
{
  if (link == NULL)
    return;
  g_free (link->uri);
  g_free (link);
}

/* Locked. The target of a destination: page index and y from the top. */
static gboolean
resolve_dest (AttestPdfDocument *self,
              PopplerDest       *dest,
              gint              *page,
              double            *y)
{
  PopplerDest *named = NULL;
  gboolean ok = FALSE;

  *page = -1;
  *y = -1;
  if (dest == NULL)
    return FALSE;
  if (dest->type == POPPLER_DEST_NAMED)
    {
      if (dest->named_dest == NULL)
        return FALSE;
      named = poppler_document_find_dest (self->doc, dest->named_dest);
      if (named == NULL)
        return FALSE;
      dest = named;
    }
  if (dest->page_num >= 1 && (guint) dest->page_num <= self->n_pages)
    {
      *page = dest->page_num - 1;
      if (dest->change_top &&
          (dest->type == POPPLER_DEST_XYZ || dest->type == POPPLER_DEST_FITH ||
           dest->type == POPPLER_DEST_FITBH || dest->type == POPPLER_DEST_FITR))
        *y = CLAMP (self->pages[*page].height - dest->top, 0, self->pages[*page].height);
      ok = TRUE;
    }
  g_clear_pointer (&named, poppler_dest_free);
  return ok;
}

/* Locked. Fills page/y or uri from an action; FALSE for actions the view
 * does not follow (other files, launch, forms). */
static gboolean
resolve_action (AttestPdfDocument *self,
                PopplerAction     *action,
                gint              *page,
                double            *y,
                char             **uri)
{
  *page = -1;
  *y = -1;
  *uri = NULL;
  if (action == NULL)
    return FALSE;
  switch (action->type)
    {
    case POPPLER_ACTION_GOTO_DEST:
      return resolve_dest (self, action->goto_dest.dest, page, y);
    case POPPLER_ACTION_URI:
      if (action->uri.uri == NULL || *action->uri.uri == '\0')
        return FALSE;
      *uri = g_strdup (action->uri.uri);
      return TRUE;
    case POPPLER_ACTION_NONE:
    case POPPLER_ACTION_UNKNOWN:
    case POPPLER_ACTION_GOTO_REMOTE:
    case POPPLER_ACTION_LAUNCH:
    case POPPLER_ACTION_NAMED:
    case POPPLER_ACTION_MOVIE:
    case POPPLER_ACTION_RENDITION:
    case POPPLER_ACTION_OCG_STATE:
    case POPPLER_ACTION_JAVASCRIPT:
    case POPPLER_ACTION_RESET_FORM:
    default:
      return FALSE;
    }
}

/* Locked. Depth-first: a flat list in reading order with depths. A
 * malformed outline can be deep or cyclic in the file; poppler breaks
 * cycles, and the depth cap bounds the recursion. */
static void
walk_outline (AttestPdfDocument *self,
              PopplerIndexIter  *iter,
              guint              depth,
              GPtrArray         *out)
{
  if (depth > 64)
    return;
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child;

      if (action != NULL)
        {
          AttestPdfOutlineItem *item = g_new0 (AttestPdfOutlineItem, 1);
          const char *title = action->any.title;

          item->depth = depth;
          resolve_action (self, action, &item->page, &item->y, &item->uri);
          if (title != NULL && g_utf8_validate (title, -1, NULL))
            item->title = g_strstrip (g_strdup (title));
          else
            item->title = g_strdup ("");
          g_ptr_array_add (out, item);
          poppler_action_free (action);
        }
      child = poppler_index_iter_get_child (iter);
      if (child != NULL)
        {
          walk_outline (self, child, depth + 1, out);
          poppler_index_iter_free (child);
        }
    }
  while (out->len < 100000 && poppler_index_iter_next (iter));
}

/**
 * attest_pdf_document_get_outline:
 *
 * Returns: (transfer container) (element-type AttestPdfOutlineItem): the
 *   outline as a flat list in reading order (each item's depth gives the
 *   tree), empty when the file has none
 */
GPtrArray *
attest_pdf_document_get_outline (AttestPdfDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->outline == NULL)
    {
      PopplerIndexIter *iter = poppler_index_iter_new (self->doc);

      self->outline = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_pdf_outline_item_free);
      if (iter != NULL)
        {
          walk_outline (self, iter, 0, self->outline);
          poppler_index_iter_free (iter);
        }
    }
  g_mutex_unlock (&self->lock);
  return g_ptr_array_ref (self->outline);
}

/* Locked. */
static PopplerPage *
get_page_locked (AttestPdfDocument  *self,
                 guint               page,
                 GError            **error)
{
  PopplerPage *p = NULL;

  if (page < self->n_pages && !self->pages[page].missing)
    p = poppler_document_get_page (self->doc, (int) page);
  if (p == NULL)
    g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                 _("Page %u of “%s” cannot be read"), page + 1, self->display_name);
  return p;
}

/* From poppler's bottom-up rectangle to ours. */
static void
flip_rect (const PopplerRectangle *in,
           double                  page_height,
           AttestPdfRect          *out)
{
  out->x1 = MIN (in->x1, in->x2);
  out->x2 = MAX (in->x1, in->x2);
  out->y1 = page_height - MAX (in->y1, in->y2);
  out->y2 = page_height - MIN (in->y1, in->y2);
}

/**
 * attest_pdf_document_get_links:
 *
 * Returns: (transfer container) (element-type AttestPdfLink): the links
 *   of @page the view can follow (inside the file, or a URI); empty for a
 *   page that cannot be read
 */
GPtrArray *
attest_pdf_document_get_links (AttestPdfDocument *self,
                               guint              page)
{
  GPtrArray *out;
  PopplerPage *p;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_pdf_link_free);
  g_mutex_lock (&self->lock);
  p = get_page_locked (self, page, NULL);
  if (p != NULL)
    {
      GList *mapping = poppler_page_get_link_mapping (p);
      double height;

      /* Link areas are in the unrotated page's space, as the render. */
      poppler_page_get_size (p, NULL, &height);
      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          AttestPdfLink *link = g_new0 (AttestPdfLink, 1);

          if (!resolve_action (self, m->action, &link->page, &link->y, &link->uri))
            {
              attest_pdf_link_free (link);
              continue;
            }
          link->kind = link->uri != NULL ? ATTEST_PDF_LINK_URI : ATTEST_PDF_LINK_PAGE;
          flip_rect (&m->area, height, &link->area);
          g_ptr_array_add (out, link);
        }
      poppler_page_free_link_mapping (mapping);
      g_object_unref (p);
    }
  g_mutex_unlock (&self->lock);
  return out;
}

/**
 * attest_pdf_document_get_page_text:
 *
 * Returns: (transfer full): the text of @page, "" for a page that cannot
 *   be read
 */
char *
attest_pdf_document_get_page_text (AttestPdfDocument *self,
                                   guint              page)
{
  char *text = NULL;
  PopplerPage *p;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);

  g_mutex_lock (&self->lock);
  p = get_page_locked (self, page, NULL);
  if (p != NULL)
    {
      text = poppler_page_get_text (p);
      g_object_unref (p);
    }
  g_mutex_unlock (&self->lock);
  return text != NULL ? text : g_strdup ("");
}

/**
 * attest_pdf_document_find_on_page:
 * @text: what to find, ignoring case
 *
 * Returns: (transfer full) (element-type AttestPdfRect): one rectangle a
 *   match, in reading order; empty when none
 */
GArray *
attest_pdf_document_find_on_page (AttestPdfDocument *self,
                                  guint              page,
                                  const char        *text)
{
  GArray *out;
  PopplerPage *p;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (AttestPdfRect));
  if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
    return out;
  g_mutex_lock (&self->lock);
  p = get_page_locked (self, page, NULL);
  if (p != NULL)
    {
      GList *found = poppler_page_find_text_with_options (p, text, POPPLER_FIND_DEFAULT);
      double height;

      poppler_page_get_size (p, NULL, &height);
      for (GList *l = found; l != NULL; l = l->next)
        {
          AttestPdfRect r;

          flip_rect (l->data, height, &r);
          g_array_append_val (out, r);
        }
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
      g_object_unref (p);
    }
  g_mutex_unlock (&self->lock);
  return out;
}

static PopplerSelectionStyle
selection_style (AttestPdfSelectStyle style)
{
  switch (style)
    {
    case ATTEST_PDF_SELECT_WORD:
      return POPPLER_SELECTION_WORD;
    case ATTEST_PDF_SELECT_LINE:
      return POPPLER_SELECTION_LINE;
    case ATTEST_PDF_SELECT_GLYPH:
    default:
      return POPPLER_SELECTION_GLYPH;
    }
}

/* A selection's page, the lock taken (release it with unlock_page()):
 * @area as poppler takes it (selections are in the top-down space already). */
static PopplerPage *
lock_selection (AttestPdfDocument   *self,
                guint                page,
                const AttestPdfRect *area,
                PopplerRectangle    *rect)
{
  rect->x1 = area->x1;
  rect->y1 = area->y1;
  rect->x2 = area->x2;
  rect->y2 = area->y2;
  g_mutex_lock (&self->lock);
  return get_page_locked (self, page, NULL);
}

static void
unlock_page (AttestPdfDocument *self,
             PopplerPage       *p)
{
  if (p != NULL)
    g_object_unref (p);
  g_mutex_unlock (&self->lock);
}

/**
 * attest_pdf_document_get_selected_text:
 * @area: from the point the drag started (x1, y1) to where it is (x2, y2)
 *
 * Returns: (transfer full): the text selected, "" when none
 */
char *
attest_pdf_document_get_selected_text (AttestPdfDocument    *self,
                                       guint                 page,
                                       AttestPdfSelectStyle  style,
                                       const AttestPdfRect  *area)
{
  PopplerRectangle rect;
  char *text = NULL;
  PopplerPage *p;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  p = lock_selection (self, page, area, &rect);
  if (p != NULL)
    text = poppler_page_get_selected_text (p, selection_style (style), &rect);
  unlock_page (self, p);
  return text != NULL ? text : g_strdup ("");
}

/**
 * attest_pdf_document_get_selected_region:
 * @scale: pixels per point of the surface the region is drawn over
 *
 * Returns: (transfer full): the selected glyphs' area in pixels at @scale
 *   (empty when nothing is selected)
 */
cairo_region_t *
attest_pdf_document_get_selected_region (AttestPdfDocument    *self,
                                         guint                 page,
                                         double                scale,
                                         AttestPdfSelectStyle  style,
                                         const AttestPdfRect  *area)
{
  PopplerRectangle rect;
  cairo_region_t *region = NULL;
  PopplerPage *p;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  p = lock_selection (self, page, area, &rect);
  if (p != NULL)
    region = poppler_page_get_selected_region (p, scale, selection_style (style), &rect);
  unlock_page (self, p);
  return region != NULL ? region : cairo_region_create ();
}

/**
 * attest_pdf_document_render_page:
 * @scale: pixels per point (1.0 is 72 dpi; the view multiplies its zoom by
 *   the screen's scale factor)
 * @cancellable: (nullable): looked at before the render starts
 *
 * White under the page, ARGB32, of attest_pdf_document_get_pixel_size().
 *
 * Returns: (transfer full): the surface, or %NULL with @error
 *   (ATTEST_PDF_ERROR_PAGE for a page that cannot be read or is too large
 *   at @scale; G_IO_ERROR_CANCELLED)
 */
cairo_surface_t *
attest_pdf_document_render_page (AttestPdfDocument  *self,
                                 guint               page,
                                 double              scale,
                                 GCancellable       *cancellable,
                                 GError            **error)
{
  cairo_surface_t *surface;
  PopplerPage *p;
  cairo_t *cr;
  int w, h;
  cairo_status_t status;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (page >= self->n_pages)
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                   _("“%s” has no page %u"), self->display_name, page + 1);
      return NULL;
    }
  if (!(scale > 0) || !isfinite (scale))
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                   _("Page %u of “%s” cannot be shown at this zoom"), page + 1, self->display_name);
      return NULL;
    }
  attest_pdf_document_get_pixel_size (self, page, scale, &w, &h);
  if (w > MAX_SURFACE_SIDE || h > MAX_SURFACE_SIDE ||
      (gsize) w * (gsize) h * 4 > MAX_SURFACE_BYTES)
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                   _("Page %u of “%s” cannot be shown at this zoom"), page + 1, self->display_name);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                   _("Page %u of “%s” cannot be rendered (%s)"), page + 1, self->display_name,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* Exactly the surface: a page of 595.3 points at 1.0 fills 595 pixels. */
  cairo_scale (cr, w / self->pages[page].width, h / self->pages[page].height);

  g_mutex_lock (&self->lock);
  p = get_page_locked (self, page, error);
  if (p != NULL)
    {
      poppler_page_render (p, cr);
      g_object_unref (p);
    }
  g_mutex_unlock (&self->lock);

  status = cairo_status (cr);
  cairo_destroy (cr);
  if (p == NULL)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                   _("Page %u of “%s” cannot be rendered (%s)"), page + 1, self->display_name,
                   cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  return surface;
}

/**
 * attest_pdf_document_render_for_printing:
 * @cr: the print context's cairo_t, scaled to points
 *
 * Draws @page for a printer (annotations as printed, no form highlights).
 */
gboolean
attest_pdf_document_render_for_printing (AttestPdfDocument  *self,
                                         guint               page,
                                         cairo_t            *cr,
                                         GError            **error)
{
  PopplerPage *p;
  cairo_status_t status;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->lock);
  p = get_page_locked (self, page, error);
  if (p != NULL)
    {
      poppler_page_render_for_printing (p, cr);
      g_object_unref (p);
    }
  g_mutex_unlock (&self->lock);
  if (p == NULL)
    return FALSE;
  status = cairo_status (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE,
                   _("Page %u of “%s” cannot be printed (%s)"), page + 1, self->display_name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
