/* test-pdf-view.c: the PDF view on a generated 70-page PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the time to the first page drawn and the peak RSS while scrolling
 * end to end (figures, not assertions: the machine is shared).
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "attest-application.h"
#include "attest-cell-pane.h"
#include "attest-cell-pane-private.h"
#include "attest-link-document.h"
#include "attest-link-row.h"
#include "attest-page-view.h"
#include "attest-pdf-text.h"
#include "attest-search-dialog.h"
#include "attest-search-item.h"
#include "attest-workspace-links.h"
#include "attest-pdf-page.h"
#include "attest-pdf-print.h"
#include "attest-pdf-view.h"
#include "attest-test-corpus.h"
#include "attest-test-generate.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"

#define N_PAGES 70


typedef struct {
  GtkWindow *window;
  GtkScrolledWindow *scrolled;
  AttestPdfView *view;
} Fixture;

static AttestPdfDocument *
open_generated (void)
{
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  g_autoptr(GError) error = NULL;
  AttestPdfDocument *document = attest_pdf_document_new_from_bytes (bytes, NULL, "generated.pdf", &error);

  g_assert_no_error (error);
  return document;
}

static void
fixture_show (Fixture *f)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  f->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  f->view = ATTEST_PDF_VIEW (attest_pdf_view_new ());
  gtk_scrolled_window_set_child (f->scrolled, GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, GTK_WIDGET (f->scrolled));
  gtk_window_present (f->window);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (f->window);
  attest_test_settle (20);
}

/* Waits until @page is rendered at the view's zoom and the view has drawn
 * since. */
static gboolean
wait_drawn (AttestPdfView *view,
            guint          page)
{
  gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_TIME_SPAN_SECOND;

  while (!attest_pdf_view_is_page_drawn (view, page))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  attest_test_settle (20);
  return TRUE;
}

static void
assert_name (AttestPdfView *view,
             const char    *name)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                               name);
  if (error != NULL)
    g_error ("accessible name: %s", error);
}

static gsize
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gsize) usage.ru_maxrss;
}

static void
test_view (void)
{
  g_autoptr(AttestPdfDocument) document = open_generated ();
  Fixture f = { 0 };
  GtkAdjustment *vadj;
  graphene_rect_t area;
  double zoom, fit;
  gint64 start;
  gsize rss_before;

  fixture_show (&f);
  attest_test_settle (50);

  /* The first page, drawn without waiting for the rest. */
  start = g_get_monotonic_time ();
  attest_pdf_view_set_document (f.view, document);
  g_assert_true (wait_drawn (f.view, 0));
  g_test_message ("first page drawn after %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (attest_pdf_view_get_page (f.view), ==, 0);
  assert_name (f.view, "Page i (1 of 70)");

  /* Fit width: the widest page (the landscape one) fills the width but
   * for the margins. */
  g_assert_cmpint (attest_pdf_view_get_zoom_mode (f.view), ==, ATTEST_PDF_ZOOM_FIT_WIDTH);
  g_assert_true (attest_pdf_view_get_page_area (f.view, ATTEST_TEST_PDF_LANDSCAPE, &area));
  g_assert_cmpfloat (area.size.width, >, gtk_widget_get_width (GTK_WIDGET (f.view)) - 40);
  g_assert_cmpfloat (area.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f.view)));
  fit = attest_pdf_view_get_zoom (f.view);

  /* A page brought to the top is the current page, named so. */
  attest_pdf_view_set_page (f.view, 12);
  g_assert_true (wait_drawn (f.view, 12));
  g_assert_cmpuint (attest_pdf_view_get_page (f.view), ==, 12);
  g_assert_true (attest_pdf_view_get_page_area (f.view, 12, &area));
  g_assert_cmpfloat (area.origin.y, >=, 0);
  g_assert_cmpfloat (area.origin.y, <, 20);
  assert_name (f.view, "Page 9 (13 of 70)");

  /* Ctrl+plus zooms in, keeping the page; Ctrl+0 is 100 %. */
  gtk_widget_grab_focus (GTK_WIDGET (f.view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "pdf-view.zoom-in", NULL));
  zoom = attest_pdf_view_get_zoom (f.view);
  g_assert_cmpfloat_with_epsilon (zoom, fit * 1.2, 0.002);
  g_assert_cmpint (attest_pdf_view_get_zoom_mode (f.view), ==, ATTEST_PDF_ZOOM_FREE);
  g_assert_false (attest_pdf_view_is_page_drawn (f.view, 12));
  g_assert_true (wait_drawn (f.view, 12));
  g_assert_cmpuint (attest_pdf_view_get_page (f.view), ==, 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "pdf-view.zoom-reset", NULL));
  g_assert_cmpfloat (attest_pdf_view_get_zoom (f.view), ==, 1.0);
  g_assert_true (attest_pdf_view_get_page_area (f.view, 12, &area));
  g_assert_cmpfloat_with_epsilon (area.size.width, 595.0 * 96.0 / 72.0, 1.0);
  g_assert_cmpuint (attest_pdf_view_get_page (f.view), ==, 12);

  /* Fit page: the whole of the tallest page in the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "pdf-view.fit-page", NULL));
  g_assert_true (attest_pdf_view_get_page_area (f.view, 12, &area));
  g_assert_cmpfloat (area.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f.view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "pdf-view.fit-width", NULL));
  g_assert_cmpfloat_with_epsilon (attest_pdf_view_get_zoom (f.view), fit, 0.002);

  /* Scrolled end to end a screen at a time, never waiting for a page:
   * the renderer keeps to its budget. */
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f.view));
  rss_before = peak_rss_kib ();
  start = g_get_monotonic_time ();
  gtk_adjustment_set_value (vadj, 0);
  while (gtk_adjustment_get_value (vadj) < gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj))
    {
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj) / 2);
      attest_test_settle (5);
      g_assert_cmpuint (attest_pdf_renderer_get_cache_size (attest_pdf_view_get_renderer (f.view)), <=,
                        ATTEST_PDF_RENDERER_DEFAULT_BUDGET);
    }
  g_test_message ("scrolled end to end in %.0f ms; peak RSS %zu MiB (%zu MiB before)",
                  (g_get_monotonic_time () - start) / 1000.0, peak_rss_kib () / 1024, rss_before / 1024);
  g_assert_cmpuint (attest_pdf_view_get_page (f.view), ==, N_PAGES - 1);
  g_assert_true (wait_drawn (f.view, N_PAGES - 1));
  assert_name (f.view, "Page 66 (70 of 70)");

  fixture_close (&f);
}

static gboolean
wait_state (AttestPdfPage *page,
            const char    *state)
{
  gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_TIME_SPAN_SECOND;

  while (!g_str_equal (attest_pdf_page_get_state (page), state))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  attest_test_settle (20);
  return TRUE;
}

static AttestPdfPage *
show_page (GtkWindow **window)
{
  AttestPdfPage *page = ATTEST_PDF_PAGE (attest_pdf_page_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 800, 700);
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  return page;
}

static void
remember_uri (AttestPdfView *view,
              const char    *uri,
              char         **out)
{
  g_free (*out);
  *out = g_strdup (uri);
}

/* The page entry takes a label ("iii") or a number; anything else is refused. */
static void
test_page_entry (void)
{
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  GtkWindow *window;
  AttestPdfPage *page = show_page (&window);
  AttestPdfView *view = attest_pdf_page_get_view (page);

  attest_pdf_page_load (page, bytes, "generated.pdf", 20);
  g_assert_true (wait_state (page, "view"));
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 20);
  g_assert_true (wait_drawn (view, 20));
  g_assert_true (attest_pdf_page_go_to_label (page, "iii"));
  attest_test_settle (20);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 2);
  /* A label first ("12" is the 16th page), then a number beyond the labels. */
  g_assert_true (attest_pdf_page_go_to_label (page, " 12 "));
  attest_test_settle (20);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 15);
  g_assert_true (attest_pdf_page_go_to_label (page, "70"));
  attest_test_settle (20);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 69);
  g_assert_true (attest_pdf_page_go_to_label (page, "12"));
  attest_test_settle (20);
  g_assert_false (attest_pdf_page_go_to_label (page, "xiv"));
  g_assert_false (attest_pdf_page_go_to_label (page, "71"));
  g_assert_false (attest_pdf_page_go_to_label (page, "0"));
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 15);

  /* Page 40's link back to page 1 (y 300), followed; page 1's link out, not. */
  g_assert_true (attest_pdf_view_activate_link_at (view, 40, 100, 110));
  attest_test_settle (20);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 1);
  g_assert_false (attest_pdf_view_activate_link_at (view, 40, 100, 300));
  {
    g_autofree char *uri = NULL;
    gulong id = g_signal_connect (view, "uri-activated", G_CALLBACK (remember_uri), &uri);
    GtkWidget *dialog;

    g_assert_true (attest_pdf_view_activate_link_at (view, 1, 100, 150));
    g_assert_cmpstr (uri, ==, ATTEST_TEST_PDF_URI);
    g_signal_handler_disconnect (view, id);
    /* The page asked before opening it: a dialog showing the address. */
    dialog = GTK_WIDGET (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, ATTEST_TEST_PDF_URI);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Text selected on page 0 over its selection line, and copied. */
  {
    g_autofree char *text = NULL;
    AttestPdfRect line = { 70, 290, 400, 302 };
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
    g_auto(GValue) value = G_VALUE_INIT;

    attest_pdf_view_select (view, 0, ATTEST_PDF_SELECT_GLYPH, &line);
    text = attest_pdf_view_get_selected_text (view);
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, ATTEST_TEST_PDF_SELECTION));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pdf-view.copy", NULL));
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, text);
    attest_pdf_view_clear_selection (view);
    g_assert_null (attest_pdf_view_get_selected_text (view));
  }

  /* The outline: its four entries, "Section 1.1" going to page 5 at y 200. */
  {
    GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (attest_pdf_page_get_outline_view (page)));
    g_autoptr(GtkStringObject) third = NULL;
    graphene_rect_t area;

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
    third = g_list_model_get_item (model, 2);
    g_assert_cmpstr (gtk_string_object_get_string (third), ==, "Section 1.1");
    g_assert_true (attest_pdf_page_activate_outline (page, 2));
    attest_test_settle (20);
    g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 5);
    g_assert_true (attest_pdf_view_get_page_area (view, 5, &area));
    g_assert_cmpfloat_with_epsilon (area.origin.y, -(200.0 * area.size.height / 842.0 - 12.0), 2.0);
    g_assert_false (attest_pdf_page_activate_outline (page, 4));
  }

  /* Thumbnails: one a page, labelled, drawn by their own renderer; a click
   * shows the page. */
  {
    GtkListView *thumbnails = attest_pdf_page_get_thumbnails (page);
    GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (thumbnails));
    GtkStack *sidebar_stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (thumbnails), GTK_TYPE_STACK));
    g_autoptr(GtkStringObject) first = NULL;
    g_autoptr(GPtrArray) pictures = g_ptr_array_new ();
    gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
    gboolean drawn = FALSE;

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PAGES);
    first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (gtk_string_object_get_string (first), ==, "i");
    gtk_stack_set_visible_child_name (sidebar_stack, "pages");
    while (!drawn)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, until);
        g_main_context_iteration (NULL, TRUE);
        g_ptr_array_set_size (pictures, 0);
        attest_test_collect_visible (GTK_WIDGET (thumbnails), GTK_TYPE_PICTURE, pictures);
        drawn = pictures->len > 0 && gtk_picture_get_paintable (pictures->pdata[0]) != NULL;
      }
    g_signal_emit_by_name (thumbnails, "activate", 30);
    attest_test_settle (20);
    g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 30);
  }
  gtk_window_destroy (window);
  attest_test_settle (20);
}

static guint
selected_thumbnail (AttestPdfPage *page)
{
  GtkListView *thumbnails = attest_pdf_page_get_thumbnails (page);

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (thumbnails)));
}

/* ATTEST_TEST_SCREENSHOT_DIR=DIR: a PNG of @window there, to look at (not asserted). */
static void
maybe_screenshot (GtkWindow  *window,
                  const char *name)
{
  const char *dir = g_getenv ("ATTEST_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  attest_test_settle (800);
  path = g_build_filename (dir, name, NULL);
  attest_test_save_png (GTK_WIDGET (window), path);
  g_test_message ("screenshot: %s", path);
}


static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A drag from page 0 into page 2: the rest of page 0 from where it began,
 * page 1 whole, page 2 up to where it ended, drawn on each and copied in
 * reading order, a page after a newline; a zoom keeps it; backwards the same. */
static void
test_select_across (void)
{
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  GtkWindow *window;
  AttestPdfPage *page = show_page (&window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autofree char *text = NULL;
  g_autofree char *zoomed = NULL;
  g_autofree char *backwards = NULL;
  g_autofree char *tail = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *end;

  attest_pdf_page_load (page, bytes, "generated.pdf", 0);
  g_assert_true (wait_state (page, "view"));
  attest_pdf_view_set_zoom (view, 0.25);
  attest_test_settle (50);
  g_assert_true (wait_drawn (view, 2));

  /* From the start of the selection line of page 0 to the end of the first line of page 2. */
  attest_test_pdf_view_drag (view, 0, 70, 295, 2, 400, 70);
  text = attest_pdf_view_get_selected_text (view);
  g_assert_nonnull (text);
  g_test_message ("selected: %zu bytes", strlen (text));
  g_assert_true (g_str_has_prefix (text, ATTEST_TEST_PDF_SELECTION));
  g_assert_null (strstr (text, "Page i, sheet 1 of 70"));
  g_assert_nonnull (strstr (text, "NEEDLE"));
  g_assert_nonnull (strstr (text, "period.\nPage ii, sheet 2 of 70"));
  g_assert_nonnull (strstr (text, "The backgrounder"));
  end = strstr (text, "period.\nPage iii, sheet 3 of 70");
  g_assert_nonnull (end);
  g_assert_true (strstr (text, "Page ii, sheet 2") < end);
  /* Nothing of page 2 after its first line. */
  tail = g_strchomp (g_strdup (end));
  g_assert_cmpstr (tail, ==, "period.\nPage iii, sheet 3 of 70");
  g_assert_cmpuint (count (text, "Controls are tested"), ==, 60);
  for (guint i = 0; i < 4; i++)
    g_assert_true (attest_pdf_view_page_has_selection (view, i) == (i < 3));

  /* Ctrl+C: all of it on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pdf-view.copy", NULL));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, text);
  maybe_screenshot (window, "pdf-select-across.png");

  /* In points: another zoom, the same selection. */
  attest_pdf_view_set_zoom (view, 0.4);
  attest_test_settle (50);
  zoomed = attest_pdf_view_get_selected_text (view);
  g_assert_cmpstr (zoomed, ==, text);
  g_assert_true (attest_pdf_view_page_has_selection (view, 1));

  /* A click elsewhere clears it; the drag the other way selects the same. */
  attest_pdf_view_clear_selection (view);
  g_assert_false (attest_pdf_view_page_has_selection (view, 1));
  attest_pdf_view_set_zoom (view, 0.25);
  attest_test_settle (50);
  attest_test_pdf_view_drag (view, 2, 400, 70, 0, 70, 295);
  backwards = attest_pdf_view_get_selected_text (view);
  g_assert_cmpstr (backwards, ==, text);

  gtk_window_destroy (window);
}

/* Find: every match highlighted, "1 of 12", next and previous wrapping. */
static void
test_find (void)
{
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  GtkWindow *window;
  AttestPdfPage *page = show_page (&window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  gint64 until;
  guint expected = (N_PAGES + 5) / 6;   /* pages 0, 6, 12… */

  if (g_getenv ("ATTEST_TEST_SCREENSHOT_DIR") != NULL)
    {
      attest_test_use_app_style ();
      gtk_window_set_default_size (window, 1100, 750);
    }
  attest_pdf_page_load (page, bytes, "generated.pdf", 20);
  g_assert_true (wait_state (page, "view"));
  /* The toolbar's Find button opens the search bar, the entry focused, and
   * closes it; Ctrl+F's action shows on the button. */
  {
    GtkToggleButton *find = attest_pdf_page_get_find_button (page);
    GtkWidget *focus;

    g_assert_false (gtk_toggle_button_get_active (find));
    g_signal_emit_by_name (find, "clicked");
    attest_test_settle (50);
    g_assert_true (gtk_toggle_button_get_active (find));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focus);
    g_assert_true (GTK_IS_SEARCH_ENTRY (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
    g_signal_emit_by_name (find, "clicked");
    g_assert_false (gtk_toggle_button_get_active (find));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.find", NULL));
    g_assert_true (gtk_toggle_button_get_active (find));
  }
  attest_pdf_page_find (page, ATTEST_TEST_PDF_NEEDLE);
  g_assert_true (attest_pdf_page_get_finding (page));
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  while (attest_pdf_page_get_finding (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  attest_test_settle (200);   /* the entry's own search-changed finds the search under way */
  maybe_screenshot (window, "pdf-view-find.png");
  if (g_getenv ("ATTEST_TEST_SCREENSHOT_DIR") != NULL)
    {
      GtkListView *thumbnails = attest_pdf_page_get_thumbnails (page);

      gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (thumbnails), GTK_TYPE_STACK)),
                                        "pages");
      maybe_screenshot (window, "pdf-view-thumbnails.png");
      gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (thumbnails), GTK_TYPE_STACK)),
                                        "contents");
    }
  g_assert_cmpuint (attest_pdf_page_get_n_matches (page), ==, expected);
  for (guint i = 0; i < N_PAGES; i++)
    g_assert_cmpuint (attest_pdf_view_get_n_highlighted (view, i), ==, i % 6 == 0 ? 1 : 0);
  /* The first on or after page 20 (index 20): page 24, the 5th match. */
  g_assert_cmpint (attest_pdf_page_get_current_match (page), ==, 4);
  g_assert_cmpstr (attest_pdf_page_get_find_status (page), ==, "5 of 12");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.find-next", NULL));
  g_assert_cmpstr (attest_pdf_page_get_find_status (page), ==, "6 of 12");
  attest_test_settle (20);
  g_assert_cmpuint (attest_pdf_view_get_page (view), >=, 29);
  g_assert_cmpuint (attest_pdf_view_get_page (view), <=, 30);
  for (guint i = 0; i < 6; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "pdf.find-previous", NULL));
  g_assert_cmpstr (attest_pdf_page_get_find_status (page), ==, "12 of 12");

  attest_pdf_page_find (page, "no such words");
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  while (attest_pdf_page_get_finding (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (attest_pdf_page_get_n_matches (page), ==, 0);
  g_assert_cmpstr (attest_pdf_page_get_find_status (page), ==, "No matches");
  gtk_window_destroy (window);
  attest_test_settle (20);
}

/* The thumbnails follow the page shown: its thumbnail selected and in sight. */
static void
test_thumbnails_follow (void)
{
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  GtkWindow *window;
  AttestPdfPage *page = show_page (&window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  GtkListView *thumbnails = attest_pdf_page_get_thumbnails (page);
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (thumbnails),
                                                                             GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  guint targets[] = { 60, 5, 33 };

  attest_pdf_page_load (page, bytes, "generated.pdf", 0);
  g_assert_true (wait_state (page, "view"));
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (thumbnails), GTK_TYPE_STACK)),
                                    "pages");
  attest_test_settle (100);
  g_assert_cmpuint (selected_thumbnail (page), ==, 0);
  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      double row, top, bottom;

      attest_pdf_view_set_page (view, targets[t]);
      ATTEST_TEST_WAIT_UNTIL (selected_thumbnail (page) == targets[t]);
      attest_test_settle (100);
      /* The rows are as tall as each other: the row's top and bottom in the list. */
      row = gtk_adjustment_get_upper (adjustment) / N_PAGES;
      top = row * targets[t];
      bottom = top + row;
      g_assert_cmpfloat (top, >=, gtk_adjustment_get_value (adjustment) - 1.0);
      g_assert_cmpfloat (bottom, <=, gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) + 1.0);
    }
  gtk_window_destroy (window);
  attest_test_settle (20);
}

/* Print: every page through the print operation, exported to PDF and read
 * back: as many pages, the same text, the landscape page on landscape paper. */
static void
test_print (void)
{
  g_autoptr(AttestPdfDocument) document = open_generated ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestPdfDocument) printed = NULL;
  g_autofree char *text = NULL;
  double w = 0, h = 0;
  int fd = g_file_open_tmp ("attest-pdf-print-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_unlink (path);
  g_assert_cmpint (attest_pdf_print (NULL, document, 0, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  printed = attest_pdf_document_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_pdf_document_get_n_pages (printed), ==, N_PAGES);
  text = attest_pdf_document_get_page_text (printed, 12);
  g_assert_nonnull (strstr (text, "sheet 13 of 70"));
  g_assert_true (attest_pdf_document_get_page_size (printed, ATTEST_TEST_PDF_LANDSCAPE, &w, &h));
  g_assert_cmpfloat (w, >, h);
  g_assert_true (attest_pdf_document_get_page_size (printed, 0, &w, &h));
  g_assert_cmpfloat (w, <, h);
  g_unlink (path);
}

/* Not a PDF: the status page says why, naming the file. */
static void
test_broken (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<html>not a pdf</html>", 22);
  GtkWindow *window;
  AttestPdfPage *page = show_page (&window);
  AdwStatusPage *status;
  const char *description;

  attest_pdf_page_load (page, bytes, "page.html", 0);
  g_assert_true (wait_state (page, "error"));
  status = ADW_STATUS_PAGE (attest_test_find_visible (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "This PDF Cannot Be Opened");
  description = adw_status_page_get_description (status);
  g_assert_nonnull (strstr (description, "page.html"));
  g_assert_cmpuint (strlen (description), >, strlen ("“page.html”: ") + 5);
  gtk_window_destroy (window);
  attest_test_settle (20);
}

/* A wrong password says so and asks again; the right one opens the file. */
static void
test_password (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  AttestPdfPage *page;
  GtkPasswordEntry *entry;
  GtkLabel *wrong;
  gsize len;

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus is absent (an encrypted PDF is taken from it)");
      return;
    }
  path = g_build_filename (corpus, "pdf", "valid", "pypdf_libreoffice-writer-password.pdf", NULL);
  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_test_skip ("the corpus has no pypdf_libreoffice-writer-password.pdf");
      return;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  page = show_page (&window);
  attest_pdf_page_load (page, bytes, "locked.pdf", 0);
  g_assert_true (wait_state (page, "password"));
  entry = GTK_PASSWORD_ENTRY (attest_test_find_visible (GTK_WIDGET (page), GTK_TYPE_PASSWORD_ENTRY));
  g_assert_nonnull (entry);
  wrong = NULL;
  for (GtkWidget *w = gtk_widget_get_next_sibling (GTK_WIDGET (entry)); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w))
      wrong = GTK_LABEL (w);
  g_assert_nonnull (wrong);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wrong)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "wrong");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  while (!gtk_widget_get_visible (GTK_WIDGET (wrong)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (attest_pdf_page_get_state (page), ==, "password");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wrong)));
  g_assert_cmpstr (gtk_label_get_text (wrong), ==, "Wrong password. Try again.");

  gtk_editable_set_text (GTK_EDITABLE (entry), "openpassword");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_state (page, "view"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (wait_drawn (attest_pdf_page_get_view (page), 0));
  gtk_window_destroy (window);
  attest_test_settle (20);
}

/* The window: --pdf SHA256#PAGE, Back to the cell, the cell pane's Open. */
typedef struct {
  AttestApplication *app;
  char *sha256;
  gint64 started;
  gboolean checked;
} Run;

static gboolean
pdf_page_shown (AttestWindow *window)
{
  AttestPdfPage *page = attest_window_get_pdf_page (window);

  return gtk_widget_get_mapped (GTK_WIDGET (page)) && g_str_equal (attest_pdf_page_get_state (page), "view");
}

/* Waits for the PDF view to show a document of @n_pages pages, Find done. */
static void
wait_pdf (AttestWindow *window,
          guint         n_pages)
{
  AttestPdfPage *page = attest_window_get_pdf_page (window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;

  g_test_message ("waiting for a PDF of %u pages", n_pages);
  while (!pdf_page_shown (window) || attest_pdf_view_get_document (view) == NULL ||
         attest_pdf_document_get_n_pages (attest_pdf_view_get_document (view)) != n_pages ||
         attest_pdf_page_get_finding (page))
    {
      if (g_get_monotonic_time () > until)
        g_error ("no PDF of %u pages: shown %d, state %s, document %p, finding %d", n_pages,
                 gtk_widget_get_mapped (GTK_WIDGET (page)), attest_pdf_page_get_state (page),
                 (gpointer) attest_pdf_view_get_document (view), attest_pdf_page_get_finding (page));
      g_main_context_iteration (NULL, TRUE);
    }
  attest_test_settle (50);
}


/* The first stored link row under @root. */
static AttestLinkRow *
stored_link_row (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  attest_test_collect_any (root, ATTEST_TYPE_LINK_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (attest_link_row_get_stored (rows->pdata[i]))
      return rows->pdata[i];
  return NULL;
}

/* A link's document, from the cell pane and from the page view: read in
 * the centre, Back returning to the cell, or to the page. */
static void
check_link_documents (AttestWindow   *window,
                      AttestCellPane *pane)
{
  AttestPdfPage *page = attest_window_get_pdf_page (window);
  AttestLinkRow *row = stored_link_row (GTK_WIDGET (pane));
  AttestPageView *page_view = attest_window_get_page_view (window);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "link.open", NULL));
  wait_pdf (window, 50);
  g_assert_cmpstr (attest_pdf_page_get_title (page), ==, "soc-backgrounder.pdf");
  g_assert_cmpstr (attest_pdf_page_get_subtitle (page), ==, "50 pages");
  attest_test_window_go_back (window, "matrix");
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");

  /* From the page's "This Page's Documents": Back is the page again. */
  g_assert_true (attest_window_show_page (window, "soc", NULL, NULL, -1));
  ATTEST_TEST_WAIT_UNTIL ((row = stored_link_row (GTK_WIDGET (page_view))) != NULL);
  attest_test_settle (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "link.open", NULL));
  wait_pdf (window, 50);
  attest_test_window_go_back (window, "page");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page_view)));
  g_assert_null (attest_pdf_view_get_document (attest_pdf_page_get_view (page)));
  attest_test_window_go_back (window, "matrix");
}

/* A search result in the evidence PDF's text: the PDF at the page the
 * words are on, the words found and highlighted there. */
static void
open_search_result (Run          *run,
                    AttestWindow *window,
                    const char   *query)
{
  AttestSearchDialog *dialog;
  GtkWidget *entry;
  GtkListView *list;
  GListModel *results;
  gint64 until;
  guint found = G_MAXUINT;

  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  dialog = ATTEST_SEARCH_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SEARCH_DIALOG));
  entry = attest_test_find_any (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  list = GTK_LIST_VIEW (attest_test_find_any (GTK_WIDGET (dialog), GTK_TYPE_LIST_VIEW));
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  while (found == G_MAXUINT)
    {
      results = attest_search_dialog_get_results (dialog);
      for (guint i = 0; i < g_list_model_get_n_items (results); i++)
        {
          g_autoptr(AttestSearchItem) item = g_list_model_get_item (results, i);

          if (g_str_equal (attest_search_item_get_kind (item), "evidence") &&
              g_str_equal (attest_search_item_get_ref (item), run->sha256))
            found = i;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list)), found);
  g_signal_emit_by_name (entry, "activate");
  wait_pdf (window, N_PAGES);
}

static void
check_search_result (Run          *run,
                     AttestWindow *window)
{
  AttestPdfPage *page = attest_window_get_pdf_page (window);
  AttestPdfView *view = attest_pdf_page_get_view (page);

  /* In quotes, one phrase: "Page 31, sheet 35 of 70", the 35th page, the
   * one match, highlighted. */
  open_search_result (run, window, "\"sheet 35\"");
  ATTEST_TEST_WAIT_UNTIL (!attest_pdf_page_get_finding (page));
  g_assert_cmpuint (attest_pdf_page_get_n_matches (page), ==, 1);
  g_assert_cmpint (attest_pdf_page_get_current_match (page), ==, 0);
  g_assert_cmpuint (attest_pdf_view_get_n_highlighted (view, 34), ==, 1);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 34);
  g_assert_cmpstr (attest_pdf_page_get_find_status (page), ==, "1 of 1");
  ATTEST_TEST_WAIT_UNTIL (selected_thumbnail (page) == 34);
  attest_test_window_go_back (window, "matrix");

  /* Not in quotes, each word on its own, though they are pages apart:
   * "needle" on every sixth page (12), "backgrounder" on page 1 alone;
   * the first page with one shown, all counted. */
  open_search_result (run, window, "needle backgrounder");
  ATTEST_TEST_WAIT_UNTIL (!attest_pdf_page_get_finding (page));
  g_assert_cmpuint (attest_pdf_page_get_n_matches (page), ==, 13);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 0);
  g_assert_cmpstr (attest_pdf_page_get_find_status (page), ==, "1 of 13");
  g_assert_cmpuint (attest_pdf_view_get_n_highlighted (view, 0), ==, 1);
  g_assert_cmpuint (attest_pdf_view_get_n_highlighted (view, 1), ==, 1);
  g_assert_cmpuint (attest_pdf_view_get_n_highlighted (view, 2), ==, 0);
  g_assert_cmpuint (attest_pdf_view_get_n_highlighted (view, 66), ==, 1);
  attest_test_window_go_back (window, "matrix");
}

static void
check_window (Run          *run,
              AttestWindow *window)
{
  AttestPdfPage *page = attest_window_get_pdf_page (window);
  AttestPdfView *view = attest_pdf_page_get_view (page);
  AttestCellPane *pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
  gint64 until;

  /* --pdf SHA#13: the 13th page (labelled "9"), drawn, named so. */
  g_test_message ("--pdf: the page shown after %.0f ms", (g_get_monotonic_time () - run->started) / 1000.0);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 12);
  g_assert_true (wait_drawn (view, 12));
  assert_name (view, "Page 9 (13 of 70)");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  /* Named above its pages; its thumbnail chosen, and it follows the pages. */
  g_assert_cmpstr (attest_pdf_page_get_title (page), ==, "backgrounder.pdf");
  g_assert_cmpstr (attest_pdf_page_get_subtitle (page), ==, "70 pages");
  g_assert_cmpuint (selected_thumbnail (page), ==, 12);
  attest_pdf_view_set_page (view, 40);
  ATTEST_TEST_WAIT_UNTIL (selected_thumbnail (page) == 40);
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 40);

  /* The page by its label: "iii" is the third. */
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "show-pdf",
                                  g_variant_new_take_string (g_strdup_printf ("%s#iii", run->sha256)));
  ATTEST_TEST_WAIT_UNTIL (attest_pdf_view_get_document (view) != NULL && attest_pdf_view_get_page (view) == 2);
  g_assert_true (wait_drawn (view, 2));

  /* Back: the matrix again, the cell's pane still on its cell, the PDF let go. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  while (gtk_widget_get_mapped (GTK_WIDGET (page)))   /* the stack's crossfade */
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_null (attest_pdf_view_get_document (view));
  g_assert_cmpstr (attest_cell_pane_get_scope_id (pane), ==, "soc/soc-2");

  /* The cell pane's Open reads a PDF here, at its first page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "pane.open-evidence", "s", run->sha256));
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  while (!pdf_page_shown (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (attest_pdf_view_get_page (view), ==, 0);
  g_assert_true (wait_drawn (view, 0));
  attest_test_window_go_back (window, "matrix");

  check_link_documents (window, pane);
  check_search_result (run, window);
}

static gboolean
poll_window (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (window == NULL || !pdf_page_shown (ATTEST_WINDOW (window)))
    {
      g_assert_cmpint (g_get_monotonic_time () - run->started, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      return G_SOURCE_CONTINUE;
    }
  check_window (run, ATTEST_WINDOW (window));
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_window (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-pdf-view", "PDF Tester", &dir, &path);
  g_autoptr(GBytes) bytes = attest_test_generate_pdf (N_PAGES);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_arg = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) links = NULL;
  Run run = { 0 };

  attest_test_import_bundled (ws, NULL);
  items = attest_test_stored_checklist (ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  g_assert_true (attest_pdf_text_extract (bytes, NULL, &text, &error));
  g_assert_true (attest_workspace_attach_evidence (ws, ((AttestChecklistItem *) items->pdata[0])->id,
                                                   "backgrounder.pdf", bytes, "application/pdf",
                                                   NULL, NULL, N_PAGES, text, &run.sha256, &error));
  g_assert_no_error (error);
  /* SOC's backgrounder link holds a document of its own. */
  links = attest_workspace_list_links (ws, "soc", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *link = links->pdata[i];
      g_autoptr(GBytes) document = NULL;
      g_autofree char *file_path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(AttestEvidenceFile) prepared = NULL;

      if (!g_str_equal (link->kind, "backgrounder"))
        continue;
      document = attest_test_generate_pdf (50);
      file_path = g_build_filename (dir, "soc-backgrounder.pdf", NULL);
      g_assert_true (g_file_set_contents (file_path, g_bytes_get_data (document, NULL),
                                          (gssize) g_bytes_get_size (document), &error));
      file = g_file_new_for_path (file_path);
      prepared = attest_link_document_prepare (file, "soc-backgrounder.pdf", NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (attest_link_document_store (prepared, ws, link->url, ATTEST_LINK_DOCUMENT_ATTACHED,
                                                 NULL, NULL, &error));
      g_assert_no_error (error);
      g_unlink (file_path);
      break;
    }
  g_clear_object (&ws);

  pdf_arg = g_strdup_printf ("%s#13", run.sha256);
  {
    const char *argv[] = { "attest", "--workspace", path, "--cell", "soc/soc-2:intune", "--pdf", pdf_arg, NULL };

    run.app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
    run.started = g_get_monotonic_time ();
    g_timeout_add (20, poll_window, &run);
    g_assert_cmpint (g_application_run (G_APPLICATION (run.app), (int) g_strv_length ((char **) argv), (char **) argv), ==, 0);
  }
  g_assert_true (run.checked);
  g_assert_finalize_object (run.app);
  g_free (run.sha256);
  attest_test_workspace_delete (&ws, &dir, &path);
}

/* --pdf refuses what is not SHA256[#PAGE], saying so. */
static void
test_bad_argument (void)
{
  static const char *cases[][4] = {
    { "attest", "--pdf", "not-a-hash", NULL },
    { "attest", "--pdf", "0000000000000000000000000000000000000000000000000000000000000000#0", NULL },
    { "attest", "--pdf", "0000000000000000000000000000000000000000000000000000000000000000#", NULL },
    { "attest", "--pdf", "0000000000000000000000000000000000000000000000000000000000000000#00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttestApplication) app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);

      g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, (char **) cases[i]), ==, 2);
    }
}

int
main (int argc, char **argv)
{
  attest_test_init_gui (&argc, &argv);
  g_test_add_func ("/pdf-view/view", test_view);
  g_test_add_func ("/pdf-view/page-entry", test_page_entry);
  g_test_add_func ("/pdf-view/find", test_find);
  g_test_add_func ("/pdf-view/select-across", test_select_across);
  g_test_add_func ("/pdf-view/thumbnails-follow", test_thumbnails_follow);
  g_test_add_func ("/pdf-view/print", test_print);
  g_test_add_func ("/pdf-view/broken", test_broken);
  g_test_add_func ("/pdf-view/password", test_password);
  g_test_add_func ("/pdf-view/window", test_window);
  g_test_add_func ("/pdf-view/bad-argument", test_bad_argument);
  return g_test_run ();
}
