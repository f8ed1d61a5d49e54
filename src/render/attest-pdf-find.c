/* attest-pdf-find.c: Find over a whole PDF, in a thread, with progress
 *
 * Every page is searched in turn (attest_pdf_document_find_on_page(), under
 * the document's lock); a page's matches reach the caller's context as soon
 * as that page is read, so a long document is highlighted as it goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-pdf-find"

#include "config.h"

#include "attest-pdf-find.h"

#include <math.h>
#include <string.h>

void
attest_pdf_matches_free (AttestPdfMatches *matches)
{
  if (matches == NULL)
    return;
  for (guint i = 0; i < matches->n_pages; i++)
    if (matches->pages[i] != NULL)
      g_array_unref (matches->pages[i]);
  g_free (matches->pages);
  g_free (matches->text);
  g_free (matches);
}

static AttestPdfMatches *
matches_new (const char *text,
             guint       n_pages)
{
  AttestPdfMatches *m = g_new0 (AttestPdfMatches, 1);

  m->text = g_strdup (text);
  m->n_pages = n_pages;
  m->pages = g_new0 (GArray *, MAX (n_pages, 1));
  return m;
}

/**
 * attest_pdf_matches_nth:
 * @index: from 0 to n_matches - 1 ("3 of 12" is index 2)
 * @page: (out) (optional)
 * @area: (out) (optional)
 *
 * Returns: %FALSE when @index is past the last match
 */
gboolean
attest_pdf_matches_nth (const AttestPdfMatches *matches,
                        guint                   index,
                        guint                  *page,
                        AttestPdfRect          *area)
{
  g_return_val_if_fail (matches != NULL, FALSE);

  for (guint i = 0; i < matches->n_pages; i++)
    {
      GArray *a = matches->pages[i];

      if (a == NULL)
        continue;
      if (index < a->len)
        {
          if (page != NULL)
            *page = i;
          if (area != NULL)
            *area = g_array_index (a, AttestPdfRect, index);
          return TRUE;
        }
      index -= a->len;
    }
  return FALSE;
}

/**
 * attest_pdf_matches_first_on_or_after:
 *
 * Returns: the index of the first match on @page or after it (wrapping to
 *   the first match), where Find starts from the page shown; -1 when none
 */
gint
attest_pdf_matches_first_on_or_after (const AttestPdfMatches *matches,
                                      guint                   page)
{
  guint index = 0;

  g_return_val_if_fail (matches != NULL, -1);

  if (matches->n_matches == 0)
    return -1;
  for (guint i = 0; i < matches->n_pages; i++)
    {
      GArray *a = matches->pages[i];

      if (a == NULL)
        continue;
      if (i >= page && a->len > 0)
        return (gint) index;
      index += a->len;
    }
  return 0;
}

static void
matches_add_page (AttestPdfMatches *m,
                  guint             page,
                  GArray           *found)
{
  if (found->len == 0)
    return;
  m->pages[page] = g_array_ref (found);
  m->n_matches += found->len;
}

/**
 * attest_pdf_find_terms:
 * @query: a search's words
 *
 * What to find for a search result's @query: each word on its own, a
 * "quoted phrase" as one, each once.
 *
 * Returns: (transfer full): the terms, in @query's order
 */
char **
attest_pdf_find_terms (const char *query)
{
  g_autofree char *valid = g_utf8_make_valid (query != NULL ? query : "", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *p = valid;

  while (*p != '\0')
    {
      const char *start, *end;
      g_autofree char *term = NULL;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      if (*p == '"')
        {
          start = ++p;
          end = strchr (start, '"');
          if (end == NULL)
            end = start + strlen (start);
          p = *end == '"' ? end + 1 : end;
        }
      else
        {
          start = p;
          while (*p != '\0' && *p != '"' && !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          end = p;
        }
      term = g_strstrip (g_strndup (start, end - start));
      if (*term == '\0' || g_ptr_array_find_with_equal_func (seen, term, g_str_equal, NULL))
        continue;
      g_strv_builder_add (builder, term);
      g_ptr_array_add (seen, g_steal_pointer (&term));
    }
  return g_strv_builder_end (builder);
}

/* Reading order: by line (a few points either way), then along it. */
static int
compare_reading (gconstpointer a,
                 gconstpointer b)
{
  const AttestPdfRect *ra = a, *rb = b;

  if (fabs (ra->y1 - rb->y1) > 2.0)
    return ra->y1 < rb->y1 ? -1 : 1;
  if (ra->x1 != rb->x1)
    return ra->x1 < rb->x1 ? -1 : 1;
  return 0;
}

/* Every term's matches on @page, together in reading order. */
static GArray *
find_terms_on_page (AttestPdfDocument  *self,
                    guint               page,
                    char              **terms)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (AttestPdfRect));

  for (guint t = 0; terms[t] != NULL; t++)
    {
      g_autoptr(GArray) found = attest_pdf_document_find_on_page (self, page, terms[t]);

      for (guint i = 0; i < found->len; i++)
        {
          const AttestPdfRect *r = &g_array_index (found, AttestPdfRect, i);
          gboolean known = FALSE;

          /* One place found by two terms ("SOC" and "soc") counts once. */
          for (guint j = 0; j < out->len && !known; j++)
            known = memcmp (&g_array_index (out, AttestPdfRect, j), r, sizeof *r) == 0;
          if (!known)
            g_array_append_val (out, *r);
        }
    }
  g_array_sort (out, compare_reading);
  return out;
}

/* @terms NULL: @text as one phrase. */
static GArray *
find_on_page (AttestPdfDocument  *self,
              guint               page,
              const char         *text,
              char              **terms)
{
  if (terms != NULL)
    return find_terms_on_page (self, page, terms);
  return attest_pdf_document_find_on_page (self, page, text);
}

/**
 * attest_pdf_document_find:
 * @cancellable: (nullable): looked at between pages
 *
 * Every page searched in turn, on this thread.
 *
 * Returns: (transfer full): the matches (complete is %FALSE when
 *   cancelled part way)
 */
AttestPdfMatches *
attest_pdf_document_find (AttestPdfDocument *self,
                          const char        *text,
                          GCancellable      *cancellable)
{
  AttestPdfMatches *m;

  g_return_val_if_fail (ATTEST_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  m = matches_new (text, attest_pdf_document_get_n_pages (self));
  for (guint i = 0; i < attest_pdf_document_get_n_pages (self); i++)
    {
      g_autoptr(GArray) found = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        return m;
      found = attest_pdf_document_find_on_page (self, i, text);
      matches_add_page (m, i, found);
    }
  m->complete = TRUE;
  return m;
}

/* Shared by the thread and the progress callbacks queued to the caller's
 * context, which may run after the task has returned. */
typedef struct {
  gatomicrefcount ref;
  AttestPdfDocument *doc;
  char *text;
  GMainContext *context;
  GCancellable *cancellable;
  AttestPdfFindProgress progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;
  char **terms;  /* NULL: text as one phrase */
} FindData;

static FindData *
find_data_ref (FindData *data)
{
  g_atomic_ref_count_inc (&data->ref);
  return data;
}

/* Not g_main_context_invoke(): from a thread it runs the function there
 * when no one iterates the context at that moment. */
static void
idle_on (GMainContext   *context,
         GSourceFunc     func,
         gpointer        data,
         GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
find_data_free (gpointer user_data)
{
  FindData *data = user_data;

  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
  g_object_unref (data->doc);
  g_free (data->text);
  g_strfreev (data->terms);
  g_main_context_unref (data->context);
  g_clear_object (&data->cancellable);
  g_free (data);
  return G_SOURCE_REMOVE;
}

/* The last reference may go in the thread (the task's data): the progress
 * data is the caller's, and freed on the caller's context. */
static void
find_data_unref (FindData *data)
{
  if (!g_atomic_ref_count_dec (&data->ref))
    return;
  if (g_main_context_is_owner (data->context))
    find_data_free (data);
  else
    idle_on (data->context, find_data_free, data, NULL);
}

typedef struct {
  FindData *data;
  guint pages_done;
  guint page;
  GArray *found;
} FindProgress;

static void
find_progress_free (FindProgress *fp)
{
  find_data_unref (fp->data);
  g_array_unref (fp->found);
  g_free (fp);
}

static gboolean
find_progress_cb (gpointer user_data)
{
  FindProgress *fp = user_data;
  FindData *data = fp->data;

  if (!g_cancellable_is_cancelled (data->cancellable))
    data->progress (data->doc, fp->pages_done, attest_pdf_document_get_n_pages (data->doc), fp->page, fp->found,
                    data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  AttestPdfDocument *self = data->doc;
  g_autoptr(AttestPdfMatches) m = matches_new (data->text, attest_pdf_document_get_n_pages (self));

  for (guint i = 0; i < attest_pdf_document_get_n_pages (self); i++)
    {
      g_autoptr(GArray) found = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      found = find_on_page (self, i, data->text, data->terms);
      matches_add_page (m, i, found);
      if (data->progress != NULL)
        {
          FindProgress *fp = g_new0 (FindProgress, 1);

          fp->data = find_data_ref (data);
          fp->pages_done = i + 1;
          fp->page = i;
          fp->found = g_array_ref (found);
          idle_on (data->context, find_progress_cb, fp, (GDestroyNotify) find_progress_free);
        }
    }
  m->complete = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&m), (GDestroyNotify) attest_pdf_matches_free);
}

static void
start_find (AttestPdfDocument     *self,
            const char            *text,
            char                 **terms,
            AttestPdfFindProgress  progress,
            gpointer               progress_data,
            GDestroyNotify         progress_destroy,
            GCancellable          *cancellable,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_pdf_document_find_async);
  data = g_new0 (FindData, 1);
  g_atomic_ref_count_init (&data->ref);
  data->doc = g_object_ref (self);
  data->text = g_strdup (text);
  data->terms = terms;
  data->context = g_main_context_ref_thread_default ();
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_unref);
  g_task_run_in_thread (task, find_thread);
}

/**
 * attest_pdf_document_find_async:
 * @progress: (nullable): called on the caller's thread-default context
 *   after each page, until @cancellable is cancelled
 *
 * attest_pdf_document_find() in a thread; a cancelled search finishes with
 * G_IO_ERROR_CANCELLED.
 */
void
attest_pdf_document_find_async (AttestPdfDocument     *self,
                                const char            *text,
                                AttestPdfFindProgress  progress,
                                gpointer               progress_data,
                                GDestroyNotify         progress_destroy,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_return_if_fail (ATTEST_IS_PDF_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  start_find (self, text, NULL, progress, progress_data, progress_destroy, cancellable, callback, user_data);
}

/**
 * attest_pdf_document_find_words_async:
 * @text: a search's words (attest_pdf_find_terms())
 *
 * As attest_pdf_document_find_async(), but each word of @text is found
 * on its own (a "quoted phrase" whole), all their matches together: a
 * search result's words are seldom side by side. Finish with
 * attest_pdf_document_find_finish(); the matches' text is @text.
 */
void
attest_pdf_document_find_words_async (AttestPdfDocument     *self,
                                      const char            *text,
                                      AttestPdfFindProgress  progress,
                                      gpointer               progress_data,
                                      GDestroyNotify         progress_destroy,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (ATTEST_IS_PDF_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  start_find (self, text, attest_pdf_find_terms (text), progress, progress_data, progress_destroy,
              cancellable, callback, user_data);
}

/**
 * attest_pdf_document_find_finish:
 *
 * Returns: (transfer full): the matches, or %NULL with @error
 */
AttestPdfMatches *
attest_pdf_document_find_finish (AttestPdfDocument  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
