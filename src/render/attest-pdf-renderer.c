/* attest-pdf-renderer.c: pages rendered off the main thread, and kept
 *
 * One renderer serves one view (as Papers' pixbuf cache and render jobs):
 * the view asks for a page at a scale, one worker thread renders the most
 * urgent request through the document's lock, and the surface comes back
 * on the context the renderer was made on, with the "rendered" signal.
 *
 * A page has at most one request waiting: a newer one for the same page
 * replaces it (the zoom changed), and a result whose page was asked again
 * or cancelled meanwhile is dropped on arrival (each page has a generation
 * the result must still match). The cache holds surfaces up to a byte
 * budget, least recently used out first, except the visible pages; a new
 * surface of a page replaces its other scales, so the old one is there to
 * be stretched only until the new one arrives.
 *
 * Shutdown (or dispose) stops the worker, waits for the page it is
 * rendering and joins it; results not yet delivered are freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-pdf-renderer"

#include "config.h"

#include <math.h>

#include "attest-pdf-renderer.h"

typedef struct {
  guint page;
  double scale;
  int priority;
  guint64 serial;     /* first come first served among equal priorities */
  guint generation;
} Request;

typedef struct {
  guint page;
  double scale;
  cairo_surface_t *surface;
  gsize bytes;
} Entry;

typedef struct {
  AttestPdfRenderer *self; /* not a reference: dispose frees what is left */
  GSource *source;
  Request request;
  cairo_surface_t *surface;
  GError *error;
} Delivery;

struct _AttestPdfRenderer
{
  GObject parent_instance;

  AttestPdfDocument *document;
  GMainContext *context;
  guint n_pages;

  /* Shared with the worker, under lock. */
  GMutex lock;
  GCond cond;
  GThread *thread;
  gboolean stopping;
  gboolean paused;
  GPtrArray *pending;      /* Request */
  gboolean busy;
  Request current;         /* what the worker renders while busy */
  GPtrArray *deliveries;   /* Delivery not yet run */
  guint64 serial;

  /* The owner's thread only. */
  guint *generations;
  GQueue lru;              /* Entry, the most recently used first */
  gsize cache_size;
  gsize budget;
  guint visible_first;
  guint visible_last;
  gboolean has_visible;
  GHashTable *errors;      /* page → Delivery's error (owned), with its scale in error_scales */
  GHashTable *error_scales;
  guint n_dropped;
};

enum {
  RENDERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttestPdfRenderer, attest_pdf_renderer, G_TYPE_OBJECT)

static gboolean
same_scale (double a,
            double b)
{
  return fabs (a - b) < 1e-6;
}

static void
entry_free (Entry *entry)
{
  cairo_surface_destroy (entry->surface);
  g_free (entry);
}

static void
delivery_free (Delivery *d)
{
  g_clear_pointer (&d->surface, cairo_surface_destroy);
  g_clear_error (&d->error);
  g_free (d);
}

static gpointer worker (gpointer data);

static void
attest_pdf_renderer_dispose (GObject *object)
{
  AttestPdfRenderer *self = ATTEST_PDF_RENDERER (object);

  attest_pdf_renderer_shutdown (self);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  self->cache_size = 0;

  G_OBJECT_CLASS (attest_pdf_renderer_parent_class)->dispose (object);
}

static void
attest_pdf_renderer_finalize (GObject *object)
{
  AttestPdfRenderer *self = ATTEST_PDF_RENDERER (object);

  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->deliveries);
  g_hash_table_unref (self->errors);
  g_hash_table_unref (self->error_scales);
  g_free (self->generations);
  g_clear_object (&self->document);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (attest_pdf_renderer_parent_class)->finalize (object);
}

static void
attest_pdf_renderer_class_init (AttestPdfRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_pdf_renderer_dispose;
  object_class->finalize = attest_pdf_renderer_finalize;

  /**
   * AttestPdfRenderer::rendered:
   * @page: the page index
   * @scale: the scale asked for
   * @surface: (nullable) (type gpointer): the cairo_surface_t, now in the
   *   cache (attest_pdf_renderer_lookup() finds it), or %NULL on error
   * @error: (nullable): why the page could not be rendered
   *
   * A request finished, on the renderer's context.
   */
  signals[RENDERED] =
    g_signal_new ("rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_POINTER, G_TYPE_ERROR);
}

static void
attest_pdf_renderer_init (AttestPdfRenderer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->lru);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->deliveries = g_ptr_array_new ();
  self->errors = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_error_free);
  self->error_scales = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * attest_pdf_renderer_new:
 * @budget: cache size in bytes (surfaces of the visible pages are kept even
 *   past it)
 *
 * Results are delivered on the thread-default main context of the caller.
 *
 * Returns: (transfer full): a renderer with its worker started
 */
AttestPdfRenderer *
attest_pdf_renderer_new (AttestPdfDocument *document,
                         gsize              budget)
{
  AttestPdfRenderer *self;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (document), NULL);

  self = g_object_new (ATTEST_TYPE_PDF_RENDERER, NULL);
  self->document = g_object_ref (document);
  self->context = g_main_context_ref_thread_default ();
  self->n_pages = attest_pdf_document_get_n_pages (document);
  self->generations = g_new0 (guint, MAX (self->n_pages, 1));
  self->budget = budget;
  self->thread = g_thread_new ("attest-pdf-render", worker, self);
  return self;
}

/**
 * attest_pdf_renderer_get_document:
 *
 * Returns: (transfer none): the document
 */
AttestPdfDocument *
attest_pdf_renderer_get_document (AttestPdfRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), NULL);

  return self->document;
}

/* Owner's thread. */
static void
cache_remove_link (AttestPdfRenderer *self,
                   GList             *link)
{
  Entry *entry = link->data;

  self->cache_size -= entry->bytes;
  g_queue_delete_link (&self->lru, link);
  entry_free (entry);
}

static gboolean
is_pinned (AttestPdfRenderer *self,
           guint              page)
{
  return self->has_visible && page >= self->visible_first && page <= self->visible_last;
}

static void
cache_trim (AttestPdfRenderer *self)
{
  GList *link = self->lru.tail;

  while (self->cache_size > self->budget && link != NULL)
    {
      GList *prev = link->prev;

      if (!is_pinned (self, ((Entry *) link->data)->page))
        cache_remove_link (self, link);
      link = prev;
    }
}

static GList *
cache_find (AttestPdfRenderer *self,
            guint              page,
            double             scale,
            gboolean           any_scale)
{
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Entry *entry = l->data;

      if (entry->page == page && (any_scale || same_scale (entry->scale, scale)))
        return l;
    }
  return NULL;
}

static void
cache_insert (AttestPdfRenderer *self,
              guint              page,
              double             scale,
              cairo_surface_t   *surface)
{
  Entry *entry;
  GList *link;

  /* The page's other scales are superseded. */
  while ((link = cache_find (self, page, 0, TRUE)) != NULL)
    cache_remove_link (self, link);

  entry = g_new0 (Entry, 1);
  entry->page = page;
  entry->scale = scale;
  entry->surface = cairo_surface_reference (surface);
  entry->bytes = (gsize) cairo_image_surface_get_stride (surface) *
                 (gsize) cairo_image_surface_get_height (surface);
  g_queue_push_head (&self->lru, entry);
  self->cache_size += entry->bytes;
  cache_trim (self);
}

/* Under lock. */
static gint
pending_index (AttestPdfRenderer *self,
               guint              page)
{
  for (guint i = 0; i < self->pending->len; i++)
    if (((Request *) g_ptr_array_index (self->pending, i))->page == page)
      return (gint) i;
  return -1;
}

static gboolean
deliver (gpointer user_data)
{
  Delivery *d = user_data;
  AttestPdfRenderer *self = d->self;
  guint page = d->request.page;

  g_mutex_lock (&self->lock);
  g_ptr_array_remove_fast (self->deliveries, d);
  g_mutex_unlock (&self->lock);
  g_source_unref (d->source);

  if (d->request.generation != self->generations[page])
    {
      self->n_dropped++;
      return G_SOURCE_REMOVE;
    }
  g_object_ref (self);
  if (d->surface != NULL)
    {
      g_hash_table_remove (self->errors, GUINT_TO_POINTER (page));
      g_hash_table_remove (self->error_scales, GUINT_TO_POINTER (page));
      cache_insert (self, page, d->request.scale, d->surface);
    }
  else
    {
      double *scale = g_new (double, 1);

      *scale = d->request.scale;
      g_hash_table_replace (self->errors, GUINT_TO_POINTER (page), g_error_copy (d->error));
      g_hash_table_replace (self->error_scales, GUINT_TO_POINTER (page), scale);
    }
  g_signal_emit (self, signals[RENDERED], 0, page, d->request.scale, d->surface, d->error);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static Request *
take_most_urgent (AttestPdfRenderer *self)
{
  guint best = 0;

  for (guint i = 1; i < self->pending->len; i++)
    {
      Request *a = g_ptr_array_index (self->pending, i);
      Request *b = g_ptr_array_index (self->pending, best);

      if (a->priority < b->priority || (a->priority == b->priority && a->serial < b->serial))
        best = i;
    }
  return g_ptr_array_steal_index_fast (self->pending, best);
}

static gpointer
worker (gpointer data)
{
  AttestPdfRenderer *self = data;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      g_autofree Request *request = NULL;
      cairo_surface_t *surface;
      GError *error = NULL;
      Delivery *d;

      if (self->paused || self->pending->len == 0)
        {
          g_cond_wait (&self->cond, &self->lock);
          continue;
        }
      request = take_most_urgent (self);
      self->current = *request;
      self->busy = TRUE;
      g_mutex_unlock (&self->lock);

      surface = attest_pdf_document_render_page (self->document, request->page, request->scale,
                                                 NULL, &error);

      g_mutex_lock (&self->lock);
      self->busy = FALSE;
      if (self->stopping)
        {
          g_clear_pointer (&surface, cairo_surface_destroy);
          g_clear_error (&error);
          break;
        }
      d = g_new0 (Delivery, 1);
      d->self = self;
      d->request = *request;
      d->surface = surface;
      d->error = error;
      d->source = g_idle_source_new ();
      g_source_set_priority (d->source, G_PRIORITY_DEFAULT);
      g_source_set_name (d->source, "[attest] pdf page rendered");
      g_source_set_callback (d->source, deliver, d, (GDestroyNotify) delivery_free);
      g_ptr_array_add (self->deliveries, d);
      g_source_attach (d->source, self->context);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/**
 * attest_pdf_renderer_request:
 * @scale: pixels per point
 * @priority: ATTEST_PDF_RENDER_PRIORITY_*, smaller first
 *
 * Asks for @page at @scale, replacing any request for @page still waiting.
 * Nothing is done when the cache holds it, when it is being rendered, or
 * when it failed at this scale (attest_pdf_renderer_get_error()).
 */
void
attest_pdf_renderer_request (AttestPdfRenderer *self,
                             guint              page,
                             double             scale,
                             int                priority)
{
  GList *cached;
  double *failed;
  Request *request;
  gint index;

  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));

  if (page >= self->n_pages)
    return;
  cached = cache_find (self, page, scale, FALSE);
  if (cached != NULL)
    return;
  failed = g_hash_table_lookup (self->error_scales, GUINT_TO_POINTER (page));
  if (failed != NULL && same_scale (*failed, scale))
    return;

  g_mutex_lock (&self->lock);
  if (self->stopping)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  index = pending_index (self, page);
  if (index >= 0)
    {
      request = g_ptr_array_index (self->pending, index);
      if (same_scale (request->scale, scale))
        {
          request->priority = MIN (request->priority, priority);
          g_mutex_unlock (&self->lock);
          return;
        }
      g_ptr_array_remove_index_fast (self->pending, index);
    }
  else if (self->busy && self->current.page == page && same_scale (self->current.scale, scale) &&
           self->current.generation == self->generations[page])
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  /* Whatever was asked for this page before is stale from now on. */
  self->generations[page]++;
  request = g_new0 (Request, 1);
  request->page = page;
  request->scale = scale;
  request->priority = priority;
  request->serial = self->serial++;
  request->generation = self->generations[page];
  g_ptr_array_add (self->pending, request);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * attest_pdf_renderer_cancel:
 *
 * Forgets the request for @page: waiting, it is removed; being rendered,
 * its result is dropped. No "rendered" comes for it.
 */
void
attest_pdf_renderer_cancel (AttestPdfRenderer *self,
                            guint              page)
{
  gint index;

  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));

  if (page >= self->n_pages)
    return;
  g_mutex_lock (&self->lock);
  index = pending_index (self, page);
  if (index >= 0)
    g_ptr_array_remove_index_fast (self->pending, index);
  self->generations[page]++;
  g_mutex_unlock (&self->lock);
}

void
attest_pdf_renderer_cancel_all (AttestPdfRenderer *self)
{
  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->pending, 0);
  for (guint i = 0; i < self->n_pages; i++)
    self->generations[i]++;
  g_mutex_unlock (&self->lock);
}

/**
 * attest_pdf_renderer_set_visible_range:
 * @first: the first page shown
 * @last: the last page shown
 * @margin: pages either side whose requests are still wanted
 *
 * The shown pages stay in the cache whatever the budget; requests for
 * pages farther than @margin from them are dropped (scrolled past).
 */
void
attest_pdf_renderer_set_visible_range (AttestPdfRenderer *self,
                                       guint              first,
                                       guint              last,
                                       guint              margin)
{
  guint low, high;

  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));
  g_return_if_fail (first <= last);

  self->has_visible = TRUE;
  self->visible_first = first;
  self->visible_last = last;
  low = first > margin ? first - margin : 0;
  high = last > G_MAXUINT - margin ? G_MAXUINT : last + margin;

  g_mutex_lock (&self->lock);
  for (guint i = self->pending->len; i > 0; i--)
    {
      Request *request = g_ptr_array_index (self->pending, i - 1);

      if (request->page < low || request->page > high)
        {
          self->generations[request->page]++;
          g_ptr_array_remove_index_fast (self->pending, i - 1);
        }
    }
  g_mutex_unlock (&self->lock);
  cache_trim (self);
}

/**
 * attest_pdf_renderer_lookup:
 *
 * Returns: (transfer none) (nullable): @page rendered at @scale, marked as
 *   just used
 */
cairo_surface_t *
attest_pdf_renderer_lookup (AttestPdfRenderer *self,
                            guint              page,
                            double             scale)
{
  GList *link;

  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), NULL);

  link = cache_find (self, page, scale, FALSE);
  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return ((Entry *) link->data)->surface;
}

/**
 * attest_pdf_renderer_lookup_any:
 * @scale: (out) (optional): the scale it was rendered at
 *
 * What to stretch while @page is rendered at a new zoom.
 *
 * Returns: (transfer none) (nullable): @page at whatever scale is cached
 */
cairo_surface_t *
attest_pdf_renderer_lookup_any (AttestPdfRenderer *self,
                                guint              page,
                                double            *scale)
{
  GList *link;

  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), NULL);

  link = cache_find (self, page, 0, TRUE);
  if (link == NULL)
    return NULL;
  if (scale != NULL)
    *scale = ((Entry *) link->data)->scale;
  return ((Entry *) link->data)->surface;
}

/**
 * attest_pdf_renderer_get_error:
 *
 * Returns: (transfer none) (nullable): why @page could not be rendered the
 *   last time it was tried, for the view to show in its place
 */
const GError *
attest_pdf_renderer_get_error (AttestPdfRenderer *self,
                               guint              page)
{
  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), NULL);

  return g_hash_table_lookup (self->errors, GUINT_TO_POINTER (page));
}

gsize
attest_pdf_renderer_get_budget (AttestPdfRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), 0);

  return self->budget;
}

void
attest_pdf_renderer_set_budget (AttestPdfRenderer *self,
                                gsize              budget)
{
  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));

  self->budget = budget;
  cache_trim (self);
}

/* Bytes of the surfaces cached. */
gsize
attest_pdf_renderer_get_cache_size (AttestPdfRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), 0);

  return self->cache_size;
}

guint
attest_pdf_renderer_get_n_cached (AttestPdfRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), 0);

  return self->lru.length;
}

/* Requests waiting for the worker (not the one it renders). */
guint
attest_pdf_renderer_get_n_pending (AttestPdfRenderer *self)
{
  guint n;

  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->pending->len;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Results dropped on arrival, their page asked again or cancelled. */
guint
attest_pdf_renderer_get_n_dropped (AttestPdfRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_RENDERER (self), 0);

  return self->n_dropped;
}

/**
 * attest_pdf_renderer_set_paused:
 *
 * While paused the worker starts no new page (the one it renders
 * finishes): requests gather and supersede each other.
 */
void
attest_pdf_renderer_set_paused (AttestPdfRenderer *self,
                                gboolean           paused)
{
  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));

  g_mutex_lock (&self->lock);
  self->paused = !!paused;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * attest_pdf_renderer_shutdown:
 *
 * Stops the worker and waits for it (at most the page it renders); results
 * not delivered yet are dropped. Requests after this do nothing. Called by
 * dispose; safe to call twice.
 */
void
attest_pdf_renderer_shutdown (AttestPdfRenderer *self)
{
  g_autoptr(GPtrArray) left = NULL;
  GThread *thread;

  g_return_if_fail (ATTEST_IS_PDF_RENDERER (self));

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_ptr_array_set_size (self->pending, 0);
  g_cond_signal (&self->cond);
  thread = g_steal_pointer (&self->thread);
  g_mutex_unlock (&self->lock);
  if (thread != NULL)
    g_thread_join (thread);

  /* The worker is gone: what it queued for the main loop goes too. */
  g_mutex_lock (&self->lock);
  left = self->deliveries;
  self->deliveries = g_ptr_array_new ();
  g_mutex_unlock (&self->lock);
  for (guint i = 0; i < left->len; i++)
    {
      Delivery *d = g_ptr_array_index (left, i);
      GSource *source = d->source;

      g_source_destroy (source);  /* frees d */
      g_source_unref (source);
    }
}
