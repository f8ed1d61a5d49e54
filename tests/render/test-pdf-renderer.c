/* test-pdf-renderer.c: AttestPdfRenderer's queue, cache and shutdown
 *
 * Deterministic whatever the worker's timing: what is asserted is what
 * reaches the main loop (a superseded or cancelled page never arrives,
 * whether it was still waiting or already rendering), and the cache after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "attest-pdf-renderer.h"
#include "attest-test-generate.h"

#define N_PAGES 70
#define SMALL 0.25

static GBytes *generated_bytes;

static AttestPdfDocument *
open_generated (void)
{
  g_autoptr(GError) error = NULL;
  AttestPdfDocument *doc;

  if (generated_bytes == NULL)
    generated_bytes = attest_test_generate_pdf (N_PAGES);
  doc = attest_pdf_document_new_from_bytes (generated_bytes, NULL, "generated.pdf", &error);
  g_assert_no_error (error);
  return doc;
}

typedef struct {
  guint page;
  double scale;
  gboolean ok;
} Arrival;

typedef struct {
  GArray *arrivals;
} Log;

static void
on_rendered (AttestPdfRenderer *renderer,
             guint              page,
             double             scale,
             gpointer           surface,
             GError            *error,
             gpointer           user_data)
{
  Log *log = user_data;
  Arrival a = { page, scale, surface != NULL };

  g_assert_true ((surface == NULL) != (error == NULL));
  if (surface != NULL)
    g_assert_true (attest_pdf_renderer_lookup (renderer, page, scale) == surface);
  g_array_append_val (log->arrivals, a);
}

static gboolean
timed_out (gpointer data)
{
  g_error ("the renderer did not answer within 60 s");
  return G_SOURCE_REMOVE;
}

/* Until @page at @scale arrives (or fails): the main loop delivers. */
static void
wait_for (Log    *log,
          guint   page,
          double  scale)
{
  guint timeout = g_timeout_add_seconds (60, timed_out, NULL);

  for (;;)
    {
      for (guint i = 0; i < log->arrivals->len; i++)
        {
          Arrival *a = &g_array_index (log->arrivals, Arrival, i);

          if (a->page == page && a->scale == scale)
            {
              g_source_remove (timeout);
              return;
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
count_arrivals (Log    *log,
                guint   page,
                double  scale)
{
  guint n = 0;

  for (guint i = 0; i < log->arrivals->len; i++)
    {
      Arrival *a = &g_array_index (log->arrivals, Arrival, i);

      if (a->page == page && (scale < 0 || a->scale == scale))
        n++;
    }
  return n;
}

static gsize
small_page_bytes (AttestPdfDocument *doc)
{
  int w, h;

  attest_pdf_document_get_pixel_size (doc, 0, SMALL, &w, &h);
  return (gsize) cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, w) * h;
}

static void
test_budget (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  gsize page_bytes = small_page_bytes (doc);
  AttestPdfRenderer *renderer = attest_pdf_renderer_new (doc, 3 * page_bytes);
  Log log = { g_array_new (FALSE, FALSE, sizeof (Arrival)) };

  g_signal_connect (renderer, "rendered", G_CALLBACK (on_rendered), &log);
  attest_pdf_renderer_set_visible_range (renderer, 0, 0, 100);
  for (guint i = 0; i < 10; i++)
    attest_pdf_renderer_request (renderer, i, SMALL, ATTEST_PDF_RENDER_PRIORITY_NEAR);
  for (guint i = 0; i < 10; i++)
    wait_for (&log, i, SMALL);

  /* Ten arrived in the order asked, three kept: the visible page, the
   * oldest of them, and the two most recent. */
  g_assert_cmpuint (log.arrivals->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (g_array_index (log.arrivals, Arrival, i).page, ==, i);
  g_assert_cmpuint (attest_pdf_renderer_get_n_cached (renderer), ==, 3);
  g_assert_cmpuint (attest_pdf_renderer_get_cache_size (renderer), <=, 3 * page_bytes);
  g_assert_nonnull (attest_pdf_renderer_lookup (renderer, 0, SMALL));
  g_assert_nonnull (attest_pdf_renderer_lookup (renderer, 9, SMALL));
  g_assert_nonnull (attest_pdf_renderer_lookup (renderer, 8, SMALL));
  g_assert_null (attest_pdf_renderer_lookup (renderer, 1, SMALL));
  g_assert_null (attest_pdf_renderer_lookup (renderer, 0, 2 * SMALL));

  /* Asked again when cached: nothing to do. */
  attest_pdf_renderer_set_paused (renderer, TRUE);
  attest_pdf_renderer_request (renderer, 9, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);
  attest_pdf_renderer_set_paused (renderer, FALSE);

  /* A smaller budget evicts at once, but never the visible page; a budget
   * of nothing keeps the visible page alone. */
  attest_pdf_renderer_set_budget (renderer, 0);
  g_assert_cmpuint (attest_pdf_renderer_get_n_cached (renderer), ==, 1);
  g_assert_nonnull (attest_pdf_renderer_lookup (renderer, 0, SMALL));
  g_assert_cmpuint (attest_pdf_renderer_get_cache_size (renderer), ==, page_bytes);
  g_assert_cmpuint (attest_pdf_renderer_get_budget (renderer), ==, 0);

  g_assert_finalize_object (renderer);
  g_array_unref (log.arrivals);
}

static void
test_supersede (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  AttestPdfRenderer *renderer = attest_pdf_renderer_new (doc, ATTEST_PDF_RENDERER_DEFAULT_BUDGET);
  Log log = { g_array_new (FALSE, FALSE, sizeof (Arrival)) };
  double scale;

  g_signal_connect (renderer, "rendered", G_CALLBACK (on_rendered), &log);

  /* Waiting: the newer request for the page replaces the older. */
  attest_pdf_renderer_set_paused (renderer, TRUE);
  attest_pdf_renderer_request (renderer, 5, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  attest_pdf_renderer_request (renderer, 5, 2 * SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  attest_pdf_renderer_request (renderer, 5, 2 * SMALL, ATTEST_PDF_RENDER_PRIORITY_NEAR);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 1);
  attest_pdf_renderer_set_paused (renderer, FALSE);
  wait_for (&log, 5, 2 * SMALL);
  g_assert_cmpuint (count_arrivals (&log, 5, -1), ==, 1);

  /* Rendering or waiting, whichever it is by now: only the newest comes,
   * and it replaces the other scale in the cache. */
  attest_pdf_renderer_request (renderer, 6, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  attest_pdf_renderer_request (renderer, 6, 2 * SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  wait_for (&log, 6, 2 * SMALL);
  attest_pdf_renderer_request (renderer, 7, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  wait_for (&log, 7, SMALL);
  g_assert_cmpuint (count_arrivals (&log, 6, SMALL), ==, 0);
  g_assert_cmpuint (count_arrivals (&log, 6, 2 * SMALL), ==, 1);

  /* A new zoom: the old surface stays to be stretched until the new one. */
  attest_pdf_renderer_set_paused (renderer, TRUE);
  attest_pdf_renderer_request (renderer, 7, 2 * SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  g_assert_null (attest_pdf_renderer_lookup (renderer, 7, 2 * SMALL));
  g_assert_nonnull (attest_pdf_renderer_lookup_any (renderer, 7, &scale));
  g_assert_cmpfloat (scale, ==, SMALL);
  attest_pdf_renderer_set_paused (renderer, FALSE);
  wait_for (&log, 7, 2 * SMALL);
  g_assert_nonnull (attest_pdf_renderer_lookup_any (renderer, 7, &scale));
  g_assert_cmpfloat (scale, ==, 2 * SMALL);
  g_assert_null (attest_pdf_renderer_lookup (renderer, 7, SMALL));

  /* The most urgent first, whatever the order asked. */
  g_array_set_size (log.arrivals, 0);
  attest_pdf_renderer_set_paused (renderer, TRUE);
  attest_pdf_renderer_request (renderer, 20, SMALL, ATTEST_PDF_RENDER_PRIORITY_AHEAD);
  attest_pdf_renderer_request (renderer, 21, SMALL, ATTEST_PDF_RENDER_PRIORITY_NEAR);
  attest_pdf_renderer_request (renderer, 22, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  attest_pdf_renderer_set_paused (renderer, FALSE);
  wait_for (&log, 20, SMALL);
  g_assert_cmpuint (log.arrivals->len, ==, 3);
  g_assert_cmpuint (g_array_index (log.arrivals, Arrival, 0).page, ==, 22);
  g_assert_cmpuint (g_array_index (log.arrivals, Arrival, 1).page, ==, 21);
  g_assert_cmpuint (g_array_index (log.arrivals, Arrival, 2).page, ==, 20);

  g_assert_finalize_object (renderer);
  g_array_unref (log.arrivals);
}

static void
test_cancel (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  AttestPdfRenderer *renderer = attest_pdf_renderer_new (doc, ATTEST_PDF_RENDERER_DEFAULT_BUDGET);
  Log log = { g_array_new (FALSE, FALSE, sizeof (Arrival)) };

  g_signal_connect (renderer, "rendered", G_CALLBACK (on_rendered), &log);

  attest_pdf_renderer_set_paused (renderer, TRUE);
  for (guint i = 0; i < 4; i++)
    attest_pdf_renderer_request (renderer, i, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  attest_pdf_renderer_cancel (renderer, 1);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 3);
  /* Scrolled far: requests beyond the margin go. */
  attest_pdf_renderer_set_visible_range (renderer, 3, 3, 1);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 2);
  attest_pdf_renderer_cancel_all (renderer);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);
  attest_pdf_renderer_set_paused (renderer, FALSE);

  /* Cancelled while rendering or before: never arrives. The worker serves
   * in order, so page 9 comes after whatever page 8 left. */
  attest_pdf_renderer_set_visible_range (renderer, 8, 9, 3);
  attest_pdf_renderer_request (renderer, 8, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  attest_pdf_renderer_cancel (renderer, 8);
  attest_pdf_renderer_request (renderer, 9, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  wait_for (&log, 9, SMALL);
  g_assert_cmpuint (log.arrivals->len, ==, 1);
  g_assert_null (attest_pdf_renderer_lookup (renderer, 8, SMALL));
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);

  g_assert_finalize_object (renderer);
  g_array_unref (log.arrivals);
}

static void
test_page_error (void)
{
  g_autoptr(AttestPdfDocument) doc = open_generated ();
  AttestPdfRenderer *renderer = attest_pdf_renderer_new (doc, ATTEST_PDF_RENDERER_DEFAULT_BUDGET);
  Log log = { g_array_new (FALSE, FALSE, sizeof (Arrival)) };
  const GError *error;

  g_signal_connect (renderer, "rendered", G_CALLBACK (on_rendered), &log);

  /* Too large to hold: an error for the page, said once. */
  attest_pdf_renderer_request (renderer, 0, 100.0, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  wait_for (&log, 0, 100.0);
  g_assert_false (g_array_index (log.arrivals, Arrival, 0).ok);
  error = attest_pdf_renderer_get_error (renderer, 0);
  g_assert_error ((GError *) error, ATTEST_PDF_ERROR, ATTEST_PDF_ERROR_PAGE);
  attest_pdf_renderer_request (renderer, 0, 100.0, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);

  /* At a zoom it can hold, the page renders and its error goes. */
  attest_pdf_renderer_request (renderer, 0, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  wait_for (&log, 0, SMALL);
  g_assert_null (attest_pdf_renderer_get_error (renderer, 0));
  g_assert_cmpuint (log.arrivals->len, ==, 2);

  /* Out of range: nothing. */
  attest_pdf_renderer_request (renderer, N_PAGES, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);

  g_assert_finalize_object (renderer);
  g_array_unref (log.arrivals);
}

static void
never_called (void)
{
  g_assert_not_reached ();
}

static void
test_shutdown (void)
{
  AttestPdfDocument *doc = open_generated ();
  AttestPdfRenderer *renderer = attest_pdf_renderer_new (doc, ATTEST_PDF_RENDERER_DEFAULT_BUDGET);

  g_signal_connect (renderer, "rendered", G_CALLBACK (never_called), NULL);
  for (guint i = 0; i < N_PAGES; i++)
    attest_pdf_renderer_request (renderer, i, SMALL, ATTEST_PDF_RENDER_PRIORITY_NEAR);
  /* Let some results wait for the main loop, undelivered. */
  g_usleep (50 * 1000);

  attest_pdf_renderer_shutdown (renderer);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);
  attest_pdf_renderer_request (renderer, 0, SMALL, ATTEST_PDF_RENDER_PRIORITY_VISIBLE);
  g_assert_cmpuint (attest_pdf_renderer_get_n_pending (renderer), ==, 0);
  attest_pdf_renderer_shutdown (renderer);
  /* Nothing queued is left to run on the main loop. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_finalize_object (renderer);
  g_assert_finalize_object (doc);

  /* Disposed while busy, without shutdown first. */
  doc = open_generated ();
  renderer = attest_pdf_renderer_new (doc, ATTEST_PDF_RENDERER_DEFAULT_BUDGET);
  g_signal_connect (renderer, "rendered", G_CALLBACK (never_called), NULL);
  for (guint i = 0; i < N_PAGES; i++)
    attest_pdf_renderer_request (renderer, i, SMALL, ATTEST_PDF_RENDER_PRIORITY_NEAR);
  g_usleep (20 * 1000);
  g_assert_finalize_object (renderer);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-renderer/budget", test_budget);
  g_test_add_func ("/pdf-renderer/supersede", test_supersede);
  g_test_add_func ("/pdf-renderer/cancel", test_cancel);
  g_test_add_func ("/pdf-renderer/page-error", test_page_error);
  g_test_add_func ("/pdf-renderer/shutdown", test_shutdown);

  ret = g_test_run ();
  g_clear_pointer (&generated_bytes, g_bytes_unref);
  return ret;
}
