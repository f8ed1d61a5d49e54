/* test-page-view.c: an offering page read translated, in its source and side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundled pages, imported into a workspace of their own, shown in an
 * AttestPageView as the window shows them. With ATTEST_PAGE_VIEW_SCREENSHOT_DIR
 * set, each case saves what it sees as a PNG there.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-block-renderer.h"
#include "attest-block-view.h"
#include "attest-importer.h"
#include "attest-link-row.h"
#include "attest-page-pairs.h"
#include "attest-page-view.h"
#include "attest-paths.h"
#include "attest-test-corpus.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-links.h"
#include "attest-workspace-notes.h"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  AttestMatrix *matrix;
  GtkWindow *window;
  AttestPageView *view;
} Fixture;

static void
fixture_set_up (Fixture    *f,
                const char *page)
{
  g_autoptr(GError) error = NULL;

  attest_test_use_app_style ();
  f->ws = attest_test_workspace_new ("attest-gui-page", "Dana", &f->dir, &f->path);
  if (page != NULL)
    g_assert_cmpuint (attest_test_import_bundled (f->ws, page), ==, 1);
  else
    {
      /* Every bundled page: the frameworks with two versions too. */
      const char *pages[] = { "offering-soc.fr-FR.md", "offering-mars-e.fr-FR.md", "offering-mars-e.zh-TW.md" };
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        g_assert_cmpuint (attest_test_import_bundled (f->ws, pages[i]), ==, 1);
    }
  f->matrix = attest_workspace_load_matrix (f->ws, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  f->view = ATTEST_PAGE_VIEW (attest_page_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->view)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture *f)
{
  g_autoptr(AttestPageView) view = g_object_ref (f->view);

  gtk_window_destroy (f->window);
  g_assert_finalize_object (g_steal_pointer (&view));
  attest_matrix_free (f->matrix);
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  const char *dir = g_getenv ("ATTEST_PAGE_VIEW_SCREENSHOT_DIR");
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  file = g_strdup_printf ("%s/%s.png", dir, name);
  if (attest_test_save_png (GTK_WIDGET (f->window), file))
    g_test_message ("saved %s", file);
}

static char *
view_text (AttestBlockView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Everything the page shows, view after view. */
static char *
all_text (Fixture *f)
{
  GPtrArray *views = attest_page_view_get_text_views (f->view);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < views->len; i++)
    {
      g_autofree char *t = view_text (views->pdata[i]);
      g_string_append (s, t);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* Until the page asked for is parsed and shown (it is parsed on a worker). */
static void
wait_loaded (Fixture *f)
{
  while (attest_page_view_get_loading (f->view))
    g_main_context_iteration (NULL, TRUE);
}

static void
load (Fixture    *f,
      const char *framework,
      const char *locale)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_page_view_load (f->view, f->ws, f->matrix, framework, locale, &error));
  g_assert_no_error (error);
  wait_loaded (f);
  g_assert_cmpstr (attest_page_view_get_framework_id (f->view), ==, framework);
  attest_test_settle (100);
}

/* The three modes show what they say; side by side holds the core's rows. */
static void
test_modes (void)
{
  Fixture f = { 0 };
  g_autofree char *translated = NULL, *source = NULL, *side = NULL;
  g_autoptr(GArray) pairs = NULL;
  GPtrArray *views;
  guint rows = 0;
  int last_row = -1;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  load (&f, "soc", NULL);

  g_assert_cmpuint (attest_page_view_get_text_views (f.view)->len, ==, 1);
  translated = all_text (&f);
  g_assert_nonnull (strstr (translated, "Présentation des rapports SOC"));
  g_assert_null (strstr (translated, "SOC 1, 2, and 3 Reports overview"));
  /* No Markdown or HTML shows. */
  g_assert_null (strstr (translated, "<span"));
  g_assert_null (strstr (translated, "**"));
  g_assert_null (strstr (translated, "]("));

  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", "source");
  attest_test_settle (50);
  g_assert_cmpint (attest_page_view_get_shown_mode (f.view), ==, ATTEST_READING_SOURCE);
  source = all_text (&f);
  g_assert_nonnull (strstr (source, "SOC 1, 2, and 3 Reports overview"));
  g_assert_null (strstr (source, "Présentation des rapports"));

  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", "side-by-side");
  attest_test_settle (300);
  g_assert_cmpint (attest_page_view_get_shown_mode (f.view), ==, ATTEST_READING_SIDE_BY_SIDE);
  screenshot (&f, "soc-side-by-side");
  side = all_text (&f);
  g_assert_nonnull (strstr (side, "Présentation des rapports SOC"));
  g_assert_nonnull (strstr (side, "SOC 1, 2, and 3 Reports overview"));

  /* One grid row for each row of the core's pairs, translation on the left. */
  pairs = attest_page_pair_blocks (attest_page_view_get_page (f.view));
  for (guint i = 0; i < pairs->len; i++)
    if ((int) g_array_index (pairs, AttestBlockPair, i).row != last_row)
      {
        rows++;
        last_row = (int) g_array_index (pairs, AttestBlockPair, i).row;
      }
  views = attest_page_view_get_text_views (f.view);
  g_assert_cmpuint (views->len, ==, 2 * rows);
  for (guint i = 0; i < views->len; i += 2)
    {
      GtkWidget *left = views->pdata[i], *right = views->pdata[i + 1];
      int lrow, rrow, lcol, rcol;

      gtk_grid_query_child (GTK_GRID (gtk_widget_get_parent (left)), left, &lcol, &lrow, NULL, NULL);
      gtk_grid_query_child (GTK_GRID (gtk_widget_get_parent (right)), right, &rcol, &rrow, NULL, NULL);
      g_assert_cmpint (lrow, ==, rrow);
      g_assert_cmpint (lcol, ==, 0);
      g_assert_cmpint (rcol, ==, 1);
      /* Laid out: both sides of a row start at the same height. */
      {
        graphene_point_t pl, pr;
        g_assert_true (gtk_widget_compute_point (left, GTK_WIDGET (f.window), &GRAPHENE_POINT_INIT (0, 0), &pl));
        g_assert_true (gtk_widget_compute_point (right, GTK_WIDGET (f.window), &GRAPHENE_POINT_INIT (0, 0), &pr));
        g_assert_cmpfloat (pl.y, ==, pr.y);
      }
    }
  {
    g_autofree char *first = view_text (views->pdata[2]);
    g_autofree char *first_source = view_text (views->pdata[3]);
    g_assert_nonnull (strstr (first, "Présentation des rapports SOC"));
    g_assert_nonnull (strstr (first_source, "SOC 1, 2, and 3 Reports overview"));
  }

  /* Hovering a sentence lights it and its twin in the other column. */
  {
    GtkWidget *left = views->pdata[4], *right = views->pdata[5];
    GtkTextBuffer *lb = gtk_text_view_get_buffer (GTK_TEXT_VIEW (left));
    GtkTextBuffer *rb = gtk_text_view_get_buffer (GTK_TEXT_VIEW (right));
    GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (lb);
    GtkTextTag *twin = gtk_text_tag_table_lookup (tags, "twin");
    GtkTextIter iter;
    GdkRectangle rect;
    int wx, wy, segment;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (left);
    guint n_motion = 0;
    gboolean lit_left = FALSE, lit_right = FALSE;

    gtk_text_buffer_get_iter_at_offset (lb, &iter, 5);
    segment = attest_block_renderer_get_segment_at_iter (&iter);
    g_assert_cmpint (segment, >=, 0);
    gtk_text_view_get_iter_location (GTK_TEXT_VIEW (left), &iter, &rect);
    gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (left), GTK_TEXT_WINDOW_WIDGET, rect.x + 1, rect.y + rect.height / 2, &wx, &wy);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        /* The view's own (links) and the page's (twins): as the pointer would. */
        if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
          {
            g_signal_emit_by_name (c, "motion", (double) wx, (double) wy);
            n_motion++;
          }
      }
    g_assert_cmpuint (n_motion, >=, 2);
    gtk_text_buffer_get_start_iter (lb, &iter);
    do
      lit_left |= gtk_text_iter_has_tag (&iter, twin);
    while (gtk_text_iter_forward_char (&iter));
    gtk_text_buffer_get_start_iter (rb, &iter);
    do
      if (gtk_text_iter_has_tag (&iter, twin))
        {
          lit_right = TRUE;
          g_assert_cmpint (attest_block_renderer_get_segment_at_iter (&iter), ==, segment);
        }
    while (gtk_text_iter_forward_char (&iter));
    g_assert_true (lit_left);
    g_assert_true (lit_right);
    attest_test_settle (50);
    screenshot (&f, "soc-twin");
  }

  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_modes)

/* Imports one page from @path into the fixture's workspace. */
static void
import_path (Fixture    *f,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };
  g_autoptr(AttestImportSummary) summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);
  attest_page_view_set_matrix (f->view, NULL);
  attest_matrix_free (f->matrix);
  f->matrix = attest_workspace_load_matrix (f->ws, &error);
  g_assert_no_error (error);
}

/* Occurrences of ASCII @needle in @hay, ignoring ASCII case. */
static guint
count_ci (const char *hay,
          const char *needle)
{
  g_autofree char *h = g_ascii_strdown (hay, -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);
  guint count = 0;

  for (const char *p = strstr (h, n); p != NULL; p = strstr (p + strlen (n), n))
    count++;
  return count;
}

/* Find: every match counted and lit, next and previous wrap round. */
static void
test_find (void)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  guint n;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  load (&f, "soc", NULL);

  text = all_text (&f);
  attest_page_view_find (f.view, "azure");
  n = attest_page_view_get_n_matches (f.view);
  /* The tables' words are in the text too (hidden, for Find and Copy). */
  g_assert_cmpuint (n, ==, count_ci (text, "azure"));
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpint (attest_page_view_get_current_match (f.view), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.find-next", NULL);
  g_assert_cmpint (attest_page_view_get_current_match (f.view), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.find-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.find-previous", NULL);
  g_assert_cmpint (attest_page_view_get_current_match (f.view), ==, (int) n - 1);
  attest_test_settle (100);
  screenshot (&f, "soc-find");

  /* Side by side: both columns. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", "side-by-side");
  g_free (text);
  text = all_text (&f);
  g_assert_cmpuint (attest_page_view_get_n_matches (f.view), ==, count_ci (text, "azure"));
  g_assert_cmpuint (attest_page_view_get_n_matches (f.view), >, n);

  attest_page_view_find (f.view, "no such words anywhere");
  g_assert_cmpuint (attest_page_view_get_n_matches (f.view), ==, 0);
  g_assert_cmpint (attest_page_view_get_current_match (f.view), ==, -1);

  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_find)

/* The scrolled window showing the page's text. */
static GtkAdjustment *
page_vadjustment (Fixture *f)
{
  GtkWidget *view = g_ptr_array_index (attest_page_view_get_text_views (f->view), 0);
  GtkWidget *scroll = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll));
}

/* Escape in the find bar closes it where the reader is: the page does not
 * go back to its top (issue 19), in either layout, found or not. */
static void
test_find_escape_keeps_position (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  const char *modes[] = { "translated", "side-by-side" };

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  load (&f, "soc", NULL);
  attest_test_collect_any (GTK_WIDGET (f.view), GTK_TYPE_SEARCH_ENTRY, entries);
  /* The find bar's (the notes have an entry of their own). */
  for (guint i = entries->len; i > 0; i--)
    if (gtk_widget_get_ancestor (entries->pdata[i - 1], GTK_TYPE_SEARCH_BAR) == NULL)
      g_ptr_array_remove_index (entries, i - 1);
  g_assert_cmpuint (entries->len, ==, 1);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (int found = 0; found < 2; found++)
      {
        GtkAdjustment *adj;
        double before, after;

        gtk_widget_activate_action (GTK_WIDGET (f.view), "page.mode", "s", modes[m]);
        attest_test_settle (200);
        adj = page_vadjustment (&f);
        gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) * 0.6);
        attest_test_settle (100);
        gtk_widget_activate_action (GTK_WIDGET (f.view), "page.find", NULL);
        attest_test_settle (100);
        if (found)
          {
            /* Typed, and a match further down gone to. */
            gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "azure");
            attest_test_settle (400);   /* the entry says so after a pause */
            g_assert_cmpuint (attest_page_view_get_n_matches (f.view), >, 3);
            gtk_widget_activate_action (GTK_WIDGET (f.view), "page.find-previous", NULL);
            gtk_widget_activate_action (GTK_WIDGET (f.view), "page.find-previous", NULL);
            attest_test_settle (100);
          }
        before = gtk_adjustment_get_value (adj);
        g_assert_cmpfloat (before, >, 200);
        /* Escape: the entry's stop-search. */
        g_signal_emit_by_name (entries->pdata[0], "stop-search");
        attest_test_settle (300);
        after = gtk_adjustment_get_value (adj);
        g_test_message ("%s, %s: scrolled to %.0f before Escape, %.0f after", modes[m],
                        found ? "a match shown" : "nothing typed", before, after);
        g_assert_cmpfloat (fabs (after - before), <, 1);
        g_assert_cmpuint (attest_page_view_get_n_matches (f.view), ==, 0);
      }
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_find_escape_keeps_position)

static void
service_selected (AttestPageView *view,
                  const char     *service_id,
                  char          **out)
{
  g_free (*out);
  *out = g_strdup (service_id);
}

/* A service marked in the in-scope list: "Flux" is Stream; a click selects it. */
static void
test_services (void)
{
  Fixture f = { 0 };
  g_autofree char *selected = NULL;
  AttestBlockView *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter, ms, me;
  const char *target;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  load (&f, "soc", NULL);
  g_signal_connect (f.view, "select-service", G_CALLBACK (service_selected), &selected);

  view = g_ptr_array_index (attest_page_view_get_text_views (f.view), 0);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  /* "Flux" as a list item of the in-scope list (not the word in a sentence). */
  g_assert_true (gtk_text_iter_forward_search (&iter, "\tFlux", 0, &ms, &me, NULL));
  gtk_text_iter_forward_char (&ms);
  target = attest_block_renderer_get_link_at_iter (&ms);
  g_assert_cmpstr (target, ==, "attest-service:stream");
  g_signal_emit_by_name (view, "activate-link", target);
  g_assert_cmpstr (selected, ==, "stream");

  /* The English source marks "Stream". */
  attest_page_view_set_mode (f.view, ATTEST_READING_SOURCE);
  view = g_ptr_array_index (attest_page_view_get_text_views (f.view), 0);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "\tStream", 0, &ms, &me, NULL));
  gtk_text_iter_forward_char (&ms);
  g_assert_cmpstr (attest_block_renderer_get_link_at_iter (&ms), ==, "attest-service:stream");
  /* Side by side: both columns. */
  attest_page_view_set_mode (f.view, ATTEST_READING_SIDE_BY_SIDE);
  {
    GPtrArray *views = attest_page_view_get_text_views (f.view);
    guint found = 0;

    for (guint i = 0; i < views->len; i++)
      {
        GtkTextBuffer *b = gtk_text_view_get_buffer (GTK_TEXT_VIEW (views->pdata[i]));
        GtkTextIter it, s1, e1;

        gtk_text_buffer_get_start_iter (b, &it);
        if (gtk_text_iter_forward_search (&it, "\tFlux", 0, &s1, &e1, NULL) ||
            gtk_text_iter_forward_search (&it, "\tStream", 0, &s1, &e1, NULL))
          {
            gtk_text_iter_forward_char (&s1);
            g_assert_cmpstr (attest_block_renderer_get_link_at_iter (&s1), ==, "attest-service:stream");
            found++;
          }
      }
    g_assert_cmpuint (found, >=, 2);
  }
  attest_page_view_set_mode (f.view, ATTEST_READING_SOURCE);
  view = g_ptr_array_index (attest_page_view_get_text_views (f.view), 0);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  /* A sentence's words are not services. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "Increasingly", 0, &ms, &me, NULL));
  g_assert_null (attest_block_renderer_get_link_at_iter (&ms));

  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_services)

/* The toplevel showing a link's document (attest_link_dialog_new()), or NULL. */
static GtkWindow *
find_link_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (w), "attest-link-row") != NULL && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
save_window (GtkWindow  *window,
             const char *name)
{
  Fixture shot = { .window = window };

  screenshot (&shot, name);
}

/* Issue 20: a backgrounder link in the page shows whether the workspace holds
 * its document, in a small window (Download, Attach Local File…, the browser
 * a button there); a resource link still asks before the browser opens. */
static void
test_pdf_link (void)
{
  Fixture f = { 0 };
  GtkWindow *dialog;
  AttestLinkRow *row;
  AttestBlockView *view;
  GtkWidget *focus;
  gint64 start;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  load (&f, "soc", NULL);
  view = g_ptr_array_index (attest_page_view_get_text_views (f.view), 0);

  /* The toolbar's "This Page's Documents": a row for each PDF link of the page. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(GPtrArray) links = attest_workspace_list_links (f.ws, "soc", NULL);
    GtkWidget *button = NULL;
    guint expected = 0;
    gboolean backgrounder = FALSE;

    for (guint i = 0; i < links->len; i++)
      expected += attest_link_row_shows_kind (((AttestLink *) links->pdata[i])->kind);
    attest_test_collect_any (GTK_WIDGET (f.view), ATTEST_TYPE_LINK_ROW, rows);
    g_assert_cmpuint (expected, >, 1);
    g_assert_cmpuint (rows->len, ==, expected);
    for (guint i = 0; i < rows->len; i++)
      {
        g_assert_false (attest_link_row_get_stored (rows->pdata[i]));
        backgrounder |= g_str_equal (_attest_link_row_get_status (rows->pdata[i]), "Backgrounder · Not downloaded");
      }
    g_assert_true (backgrounder);
    button = gtk_widget_get_ancestor (rows->pdata[0], GTK_TYPE_MENU_BUTTON);
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_visible (button));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "This Page's Documents");
    if (g_getenv ("ATTEST_PAGE_VIEW_SCREENSHOT_DIR") != NULL)
      {
        gtk_menu_button_popup (GTK_MENU_BUTTON (button));
        attest_test_settle (500);
        save_window ((GtkWindow *) gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)), "pdf-link-popover");
        gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
        attest_test_settle (100);
      }
  }

  g_assert_null (find_link_dialog ());
  g_signal_emit_by_name (view, "activate-link", "https://aka.ms/soc_backgrounder");
  dialog = find_link_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == f.window);
  g_assert_true (gtk_window_get_modal (dialog));
  row = g_object_get_data (G_OBJECT (dialog), "attest-link-row");
  g_assert_cmpstr (attest_link_row_get_url (row), ==, "https://aka.ms/soc_backgrounder");
  g_assert_false (attest_link_row_get_stored (row));
  g_assert_cmpstr (_attest_link_row_get_status (row), ==, "Backgrounder · Not downloaded");
  /* The keyboard starts on Download; every button has a name. */
  start = g_get_monotonic_time ();
  while ((focus = gtk_window_get_focus (dialog)) != _attest_link_row_get_button (row, "download"))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
    }
  attest_test_settle (300);
  save_window (dialog, "pdf-link-dialog");
  /* It closes (window.close: what its Escape shortcut activates). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  attest_test_settle (100);
  g_assert_null (find_link_dialog ());

  /* A resource link is no document: "Open Link?" as before. */
  g_signal_emit_by_name (view, "activate-link", "https://aka.ms/AzureCompliance");
  g_assert_null (find_link_dialog ());
  {
    GtkWindow *ask = attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (ask);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "cancel");
    attest_test_settle (100);
  }
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_pdf_link)

/* An English page of 2023: its services sit in an applicability table. */
static void
test_table_services (void)
{
  Fixture f = { 0 };
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *page = g_build_filename (corpus, "pages", "en-US-2023", "offering-soc-2.md", NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint linked = 0;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  import_path (&f, page);
  load (&f, "soc", "");
  attest_test_collect_any (GTK_WIDGET (f.view), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "cell") &&
        strstr (gtk_label_get_label (labels->pdata[i]), "href=\"attest-service:") != NULL)
      linked++;
  printf ("# table cells with services marked: %u\n", linked);
  g_assert_cmpuint (linked, >, 3);
  /* Power Automate, in the GCC High row, is one of them. */
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (labels->pdata[i]), "href=\"attest-service:power-automate\"") != NULL)
      linked = 0;
  g_assert_cmpuint (linked, ==, 0);

  fixture_tear_down (&f);
}

/* The contents' list (a GtkListView: rows only for what is on screen), not
 * the version picker's. */
static GtkWidget *
toc_list (Fixture *f)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    if (gtk_widget_get_ancestor (lists->pdata[i], GTK_TYPE_POPOVER) == NULL)
      return lists->pdata[i];
  g_assert_not_reached ();
}

static GListModel *
toc_model (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (toc_list (f))));
}

static guint
toc_rows (Fixture *f)
{
  return g_list_model_get_n_items (toc_model (f));
}

/* A row of the contents says @words (its text, or what a screen reader hears of it). */
static gboolean
toc_says (Fixture    *f,
          const char *words)
{
  GListModel *model = toc_model (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strstr (gtk_string_object_get_string (item), words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A row of the contents on screen shows @words. */
static gboolean
toc_shows (Fixture    *f,
           const char *words)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  attest_test_collect_visible (toc_list (f), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), words) != NULL)
      return TRUE;
  return FALSE;
}

/* Contents, sections, notes on a section, zoom. */
static void
test_sections_notes_zoom (void)
{
  Fixture f = { 0 };
  AttestPage *page;
  guint expected = 0;
  int section;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  load (&f, "soc", NULL);
  page = attest_page_view_get_page (f.view);
  for (guint i = 0; i < page->sections->len; i++)
    if (((AttestSection *) page->sections->pdata[i])->level <= 3)
      expected++;
  g_assert_cmpuint (toc_rows (&f), ==, expected);
  g_assert_true (toc_says (&f, "Cycle d’audit"));

  section = attest_page_find_section (page, "audit-cycle");
  g_assert_cmpint (section, >=, 0);
  g_assert_true (attest_page_view_show_section (f.view, "audit-cycle"));
  g_assert_cmpint (attest_page_view_get_section (f.view), ==, section);
  g_assert_false (attest_page_view_show_section (f.view, "no-such-section"));

  /* A note on the section: the contents say so. */
  g_assert_true (attest_workspace_add_note (f.ws, "framework:soc#audit-cycle", "Ask for the **bridge letter**.", NULL, &error));
  g_assert_no_error (error);
  load (&f, "soc", NULL);
  g_assert_true (toc_says (&f, "1 note"));
  /* The contents and the notes beside the text: the section's note is there. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.toc", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.notes", NULL);
  attest_test_settle (600);
  /* On screen too, beside its title. */
  g_assert_true (toc_shows (&f, "Cycle d’audit"));
  g_assert_true (toc_shows (&f, "1 note"));
  g_assert_true (attest_page_view_show_section (f.view, "audit-cycle"));
  attest_test_settle (300);
  screenshot (&f, "soc-notes");
  {
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    gboolean shown = FALSE;

    attest_test_collect_visible (GTK_WIDGET (f.view), ATTEST_TYPE_BLOCK_VIEW, views);
    for (guint i = 0; i < views->len; i++)
      {
        g_autofree char *t = view_text (views->pdata[i]);
        shown |= strstr (t, "bridge letter") != NULL;
      }
    g_assert_true (shown);
  }
  screenshot (&f, "soc-notes");

  g_assert_cmpfloat (attest_page_view_get_zoom (f.view), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.zoom-in", NULL);
  g_assert_cmpfloat (attest_page_view_get_zoom (f.view), ==, 1.2);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.zoom-reset", NULL);
  g_assert_cmpfloat (attest_page_view_get_zoom (f.view), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "page.zoom-out", NULL);
  g_assert_cmpfloat (attest_page_view_get_zoom (f.view), ==, 0.9);

  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_sections_notes_zoom)

static const char *
label_of (Fixture *f,
          guint    index)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GListModel *model;

  attest_test_collect_any (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN, dropdowns);
  model = gtk_drop_down_get_model (dropdowns->pdata[0]);
  return gtk_string_list_get_string (GTK_STRING_LIST (model), index);
}

/* Versions: the reader's language first, the others a pick away; the badge. */
static void
test_versions_and_badge (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *seed = NULL, *dir = NULL, *mt = NULL, *contents = NULL, *tr_only = NULL;
  GtkWidget *badge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;

  fixture_set_up (&f, NULL);
  load (&f, "mars-e", "zh-TW");
  text = all_text (&f);
  g_assert_nonnull (strstr (text, "雲端"));
  attest_test_collect_any (GTK_WIDGET (f.view), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdowns->pdata[0])), ==, 2);
  /* The version named by its language, not its code (issue 19). */
  g_assert_nonnull (strstr (label_of (&f, gtk_drop_down_get_selected (dropdowns->pdata[0])), "Chinese (Taiwan)"));
  g_assert_null (strstr (label_of (&f, gtk_drop_down_get_selected (dropdowns->pdata[0])), "zh-TW"));
  screenshot (&f, "mars-e-zh-TW");

  /* Picking the other version shows it. */
  gtk_drop_down_set_selected (dropdowns->pdata[0], 1 - gtk_drop_down_get_selected (dropdowns->pdata[0]));
  wait_loaded (&f);
  attest_test_settle (50);
  g_free (text);
  text = all_text (&f);
  g_assert_null (strstr (text, "雲端"));

  /* A machine translation says so; a page without its source says that. */
  attest_test_collect_any (GTK_WIDGET (f.view), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "mt-badge"))
      badge = labels->pdata[i];
  g_assert_nonnull (badge);
  g_assert_false (gtk_widget_get_visible (badge));

  {
    g_autofree char *offerings = attest_paths_bundled_offerings ();
    seed = g_build_filename (offerings, "offering-soc.fr-FR.md", NULL);
  }
  g_assert_true (g_file_get_contents (seed, &contents, NULL, &error));
  dir = g_dir_make_tmp ("attest-mt-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GString) s = g_string_new (contents);
    g_string_replace (s, "ms.translationtype: HT", "ms.translationtype: MT", 1);
    g_string_replace (s, "ms.lasthandoff: 02/01/2020", "ms.lasthandoff: 03/01/2020", 1);
    mt = g_build_filename (dir, "offering-soc.fr-FR.md", NULL);
    g_assert_true (g_file_set_contents (mt, s->str, -1, &error));
  }
  import_path (&f, mt);
  load (&f, "soc", "fr-FR");
  g_assert_true (gtk_widget_get_visible (badge));

  /* Without the English spans: a translation-only page. */
  regex = g_regex_new ("<span class=\"sxs-lookup\"><span data-stu-id=\"[^\"]*\">.*?</span></span>", 0, 0, &error);
  g_assert_no_error (error);
  tr_only = g_regex_replace (regex, contents, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  {
    g_autofree char *dir2 = g_dir_make_tmp ("attest-tr-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir2, "offering-iso-27001.fr-FR.md", NULL);
    g_autoptr(GString) s = g_string_new (tr_only);

    g_string_replace (s, "ms.lasthandoff: 02/01/2020", "ms.lasthandoff: 05/01/2024", 1);
    g_assert_true (g_file_set_contents (path, s->str, -1, &error));
    import_path (&f, path);
    g_remove (path);
    g_rmdir (dir2);
  }
  attest_page_view_set_mode (f.view, ATTEST_READING_SIDE_BY_SIDE);
  load (&f, "iso-27001", "fr-FR");
  g_assert_cmpint (attest_page_view_get_page (f.view)->kind, ==, ATTEST_PAGE_KIND_TRANSLATION_ONLY);
  /* It shows what it has, and says why. */
  g_assert_cmpint (attest_page_view_get_shown_mode (f.view), ==, ATTEST_READING_TRANSLATED);
  g_ptr_array_set_size (labels, 0);
  attest_test_collect_any (GTK_WIDGET (f.view), GTK_TYPE_LABEL, labels);
  {
    gboolean said = FALSE;
    for (guint i = 0; i < labels->len; i++)
      if (strstr (gtk_label_get_text (labels->pdata[i]), "only the translation") != NULL)
        {
          GtkWidget *revealer = gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_REVEALER);
          said = revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
        }
    g_assert_true (said);
  }

  g_remove (mt);
  g_rmdir (dir);
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_versions_and_badge)

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* The largest page of the corpus: how long until it is on screen. */
static void
test_largest_page (void)
{
  Fixture f = { 0 };
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *largest = attest_test_corpus_largest_page (TRUE);
  g_autofree char *framework = NULL;
  goffset largest_size;
  gboolean painted = FALSE;
  gint64 start, shown;
  gulong handler;
  GdkFrameClock *clock;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  if (largest == NULL)
    return;   /* skipped, and said why */
  g_assert_cmpint (g_stat (largest, &st), ==, 0);
  largest_size = st.st_size;

  fixture_set_up (&f, NULL);
  import_path (&f, largest);
  /* The framework the largest page went to: the one with its file name. */
  for (guint i = 0; i < f.matrix->frameworks->len && framework == NULL; i++)
    {
      AttestMatrixFramework *fw = f.matrix->frameworks->pdata[i];
      g_autofree char *base = g_path_get_basename (largest);
      for (guint j = 0; j < fw->variants->len; j++)
        if (g_str_equal (((AttestMatrixVariant *) fw->variants->pdata[j])->file_name, base))
          framework = g_strdup (fw->id);
    }
  g_assert_nonnull (framework);

  for (int mode = ATTEST_READING_TRANSLATED; mode <= ATTEST_READING_SIDE_BY_SIDE; mode += 2)
    {
      attest_page_view_set_mode (f.view, (AttestReadingMode) mode);
      attest_page_view_clear (f.view);
      attest_test_settle (50);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (f.view));
      painted = FALSE;
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
      start = g_get_monotonic_time ();
      g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, framework, NULL, &error));
      g_assert_no_error (error);
      /* Parsed on a worker: on screen at the first frame drawn after it is shown. */
      wait_loaded (&f);
      painted = FALSE;
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      shown = g_get_monotonic_time () - start;
      g_signal_handler_disconnect (clock, handler);
      printf ("# page view: largest page %s (%" G_GOFFSET_FORMAT " bytes), %s, on screen in %.1f ms (goal 50 ms)\n",
              largest + strlen (corpus) + 1, largest_size, mode == ATTEST_READING_TRANSLATED ? "translated" : "side by side",
              shown / 1000.0);
    }
  fixture_tear_down (&f);
}

/* A stored page the parser refuses (an older Attest stored it, say): the
 * view stays as it was, and says why. */
static void
test_unparsable_page (void)
{
  Fixture f = { 0 };
  sqlite3 *db = NULL;
  AttestPage *shown;
  g_autoptr(GError) error = NULL;

  fixture_set_up (&f, NULL);
  load (&f, "soc", NULL);
  shown = attest_page_view_get_page (f.view);
  g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE variant SET page = X'2320410042' WHERE framework_id = 'mars-e'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);

  /* Read now; refused by the parse, on the worker. */
  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, "mars-e", NULL, &error));
  g_assert_no_error (error);
  g_test_expect_message ("attest-page-view", G_LOG_LEVEL_MESSAGE, "*the page is binary*");
  wait_loaded (&f);
  g_test_assert_expected_messages ();
  g_assert_true (attest_page_view_get_page (f.view) == shown);
  g_assert_cmpstr (attest_page_view_get_framework_id (f.view), ==, "soc");
  {
    g_autofree char *text = all_text (&f);
    g_assert_nonnull (strstr (text, "Présentation des rapports SOC"));
  }
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_unparsable_page)

#define N_SAME_HEADINGS 20000

/* A page of N_SAME_HEADINGS headings "## Same" (the page), imported:
 * its framework's id. */
static char *
import_same_headings (Fixture  *f,
                      GString **text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attest-same-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GString) md = g_string_new ("---\ntitle: Same Headings\n---\n");

  g_assert_no_error (error);
  for (guint i = 0; i < N_SAME_HEADINGS; i++)
    g_string_append (md, "## Same\n\ntext\n\n");
  path = g_build_filename (dir, "offering-same-headings.md", NULL);
  g_assert_true (g_file_set_contents (path, md->str, (gssize) md->len, &error));
  {
    gint64 start = g_get_monotonic_time ();
    import_path (f, path);
    g_test_message ("imported in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  }
  if (text != NULL)
    *text = g_steal_pointer (&md);
  g_remove (path);
  g_rmdir (dir);
  for (guint i = 0; i < f->matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *fw = f->matrix->frameworks->pdata[i];

      for (guint j = 0; j < fw->variants->len; j++)
        if (g_str_equal (((AttestMatrixVariant *) fw->variants->pdata[j])->file_name, "offering-same-headings.md"))
          return g_strdup (fw->id);
    }
  g_assert_not_reached ();
}

static gboolean
count_tick (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* The page (20 000 identical headings) is parsed on a worker: the
 * main loop runs meanwhile (a timeout ticks, the window would redraw), then
 * the page shows, every section of it. */
static void
test_big_page_async (void)
{
  Fixture f = { 0 };
  g_autofree char *framework = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint ticks = 0, source;
  gint64 start, returned, shown;
  AttestPage *page;
  g_autoptr(GString) md = NULL;
  g_autofree char *key = NULL;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  framework = import_same_headings (&f, &md);
  /* Notes on two sections deep in the page: counted in the contents (one query for the page). */
  {
    g_autoptr(AttestPage) parsed = attest_page_parse ("offering-same-headings.md", md->str, (gssize) md->len, &error);
    g_autofree char *target = NULL;

    g_assert_no_error (error);
    key = g_strdup (((AttestSection *) parsed->sections->pdata[12345])->key);
    target = g_strdup_printf ("framework:%s#%s", framework, key);
    g_assert_true (attest_workspace_add_note (f.ws, target, "First.", NULL, &error));
    g_assert_true (attest_workspace_add_note (f.ws, target, "Second.", NULL, &error));
    g_assert_no_error (error);
  }
  load (&f, "soc", NULL);

  source = g_timeout_add (1, count_tick, &ticks);
  start = g_get_monotonic_time ();
  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, framework, NULL, &error));
  g_assert_no_error (error);
  returned = g_get_monotonic_time ();
  /* Back before the page is parsed: the old page still shows meanwhile. */
  g_assert_true (attest_page_view_get_loading (f.view));
  g_assert_cmpstr (attest_page_view_get_framework_id (f.view), ==, "soc");
  wait_loaded (&f);
  shown = g_get_monotonic_time ();
  g_source_remove (source);
  g_test_message ("load returned in %.1f ms, the page shown after %.1f ms, %u ticks of the main loop meanwhile",
                  (returned - start) / 1000.0, (shown - start) / 1000.0, ticks);
  /* The main loop ran while the worker parsed. */
  g_assert_cmpuint (ticks, >, 0);

  g_assert_cmpstr (attest_page_view_get_framework_id (f.view), ==, framework);
  page = attest_page_view_get_page (f.view);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->sections->len, >=, N_SAME_HEADINGS);
  g_assert_cmpstr (attest_page_view_get_title (f.view), ==, "Same Headings");
  /* The contents: a row for each section, the two notes beside theirs, and only there. */
  g_assert_cmpuint (toc_rows (&f), ==, page->sections->len);
  {
    g_autoptr(GtkStringObject) row = g_list_model_get_item (toc_model (&f), 12345);

    g_assert_cmpstr (((AttestSection *) page->sections->pdata[12345])->key, ==, key);
    g_assert_cmpstr (gtk_string_object_get_string (row), ==, "Same, 2 notes");
    g_assert_false (toc_says (&f, "1 note"));
  }
  attest_test_settle (50);
  g_assert_cmpuint (attest_page_view_get_text_views (f.view)->len, ==, 1);
  text = all_text (&f);
  g_assert_nonnull (strstr (text, "Same"));
  g_assert_null (strstr (text, "Présentation des rapports SOC"));
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_big_page_async)

/* Page B asked for while page A parses: B shows, never A, and the section
 * asked for after B lands on B. */
static void
test_switch_while_parsing (void)
{
  Fixture f = { 0 };
  g_autofree char *framework = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) md = NULL;
  g_autoptr(AttestPage) parsed = NULL;
  gint64 start, parse_time, until;
  int section;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  framework = import_same_headings (&f, &md);
  /* How long A takes to parse here (the view parses it the same way), to watch that long and more below. */
  start = g_get_monotonic_time ();
  parsed = attest_page_parse ("offering-same-headings.md", md->str, (gssize) md->len, &error);
  g_assert_no_error (error);
  parse_time = g_get_monotonic_time () - start;
  g_test_message ("A parses in %.1f ms", parse_time / 1000.0);

  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, framework, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attest_page_view_get_loading (f.view));
  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, "soc", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attest_page_view_show_section (f.view, "audit-cycle"));
  wait_loaded (&f);
  g_assert_cmpstr (attest_page_view_get_framework_id (f.view), ==, "soc");
  section = attest_page_find_section (attest_page_view_get_page (f.view), "audit-cycle");
  g_assert_cmpint (section, >=, 0);
  g_assert_cmpint (attest_page_view_get_section (f.view), ==, section);

  /* A's parse ends meanwhile: it is dropped, B stays. */
  until = g_get_monotonic_time () + 3 * parse_time + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_false (attest_page_view_get_loading (f.view));
      g_assert_cmpstr (attest_page_view_get_framework_id (f.view), ==, "soc");
      g_assert_cmpuint (attest_page_view_get_page (f.view)->sections->len, <, N_SAME_HEADINGS);
      g_usleep (1000);
    }
  {
    g_autofree char *text = all_text (&f);
    g_assert_nonnull (strstr (text, "Présentation des rapports SOC"));
  }
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_switch_while_parsing)

/* The longest the main loop went without running a 5 ms timeout. */
typedef struct {
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
stall_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);
  return (gsize) resident * 4096;
}

/* A page just under ATTEST_PAGE_MAX_BYTES (issue 19: the largest page
 * accepted froze the window for minutes): "## Section N" and a paragraph,
 * over and over (some 8 000 sections; the page of 20 000 headings is
 * /page-view/big-page-async's, the densest pages attest-bench page's). Imported: its framework's id; @bytes its size. */
static char *
import_largest_page (Fixture *f,
                     gsize   *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attest-largest-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GString) md = g_string_new ("---\ntitle: Largest Page\n---\n");
  g_autoptr(GString) part = g_string_new (NULL);
#ifdef __SANITIZE_ADDRESS__
  /* GTK under AddressSanitizer builds ten times slower: a quarter of it there; all of it in the plain build. */
  const gsize size = ATTEST_PAGE_MAX_BYTES / 4;
#else
  const gsize size = ATTEST_PAGE_MAX_BYTES;
#endif

  g_assert_no_error (error);
  for (guint i = 0;; i++)
    {
      /* A section of a few sentences; a link now and then, as real pages have. */
      g_string_printf (part, "## Section %u\n\n", i);
      for (guint k = 0; k < 8; k++)
        g_string_append_printf (part, "Sentence %u of section %u says *something* about **controls**. ", k, i);
      if (i % 100 == 0)
        g_string_append_printf (part, "See [another section](#section-%u).", i / 2);
      g_string_append (part, "\n\n");
      if (md->len + part->len + 32 > size)
        break;
      g_string_append_len (md, part->str, (gssize) part->len);
    }
  /* The last words of the page, to look for once it shows. */
  g_string_append (md, "The end of the page.\n");
  g_assert_cmpuint (md->len, <=, ATTEST_PAGE_MAX_BYTES);
  *bytes = md->len;
  path = g_build_filename (dir, "offering-largest.md", NULL);
  g_assert_true (g_file_set_contents (path, md->str, (gssize) md->len, &error));
  import_path (f, path);
  g_remove (path);
  g_rmdir (dir);
  for (guint i = 0; i < f->matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *fw = f->matrix->frameworks->pdata[i];

      for (guint j = 0; j < fw->variants->len; j++)
        if (g_str_equal (((AttestMatrixVariant *) fw->variants->pdata[j])->file_name, "offering-largest.md"))
          return g_strdup (fw->id);
    }
  g_assert_not_reached ();
}

/* Until the view shows @framework's page, being built (or built already). */
static void
wait_parsed (Fixture    *f,
             const char *framework)
{
  while (g_strcmp0 (attest_page_view_get_framework_id (f->view), framework) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static int
buffer_chars (Fixture *f)
{
  GtkTextView *view = g_ptr_array_index (attest_page_view_get_text_views (f->view), 0);

  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view));
}

/* The largest page accepted opens, the main loop running all along (the
 * longest stall and the memory it took are printed, not asserted: figures,
 * not timings to fail on); hidden (Back) while it is built, the build
 * waits; another page asked for, or the window closed, meanwhile stops it. */
static void
test_largest_accepted_page (void)
{
  Fixture f = { 0 };
  g_autofree char *framework = NULL;
  g_autoptr(GError) error = NULL;
  Stall stall = { 0 };
  gsize bytes = 0, rss_before;
  guint source, rows = 0;
  gint64 start, shown;
  AttestPage *page;
  GtkTextBuffer *buffer;
  GtkTextIter end, ms, me;
  int chars;

  fixture_set_up (&f, "offering-soc.fr-FR.md");
  attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
  framework = import_largest_page (&f, &bytes);
  load (&f, "soc", NULL);
  attest_test_settle (50);

  /* Opens, every section of it. */
  rss_before = resident_bytes ();
  source = g_timeout_add (5, stall_tick, &stall);
  start = g_get_monotonic_time ();
  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, framework, NULL, &error));
  g_assert_no_error (error);
  wait_loaded (&f);
  shown = g_get_monotonic_time ();
  g_source_remove (source);
  printf ("# page view: largest accepted page (%" G_GSIZE_FORMAT " bytes): shown in %.1f s, longest main-loop stall"
          " %.1f ms, %.0f bytes resident per page byte\n",
          bytes, (shown - start) / 1e6, stall.longest / 1000.0,
          (double) (resident_bytes () - MIN (rss_before, resident_bytes ())) / (double) bytes);
  fflush (stdout);
  page = attest_page_view_get_page (f.view);
  g_assert_cmpstr (attest_page_view_get_framework_id (f.view), ==, framework);
  g_assert_cmpuint (page->sections->len, >, bytes / 800);
  for (guint i = 0; i < page->sections->len; i++)
    rows += ((AttestSection *) page->sections->pdata[i])->level <= 3;
  g_assert_cmpuint (toc_rows (&f), ==, rows);
  buffer = gtk_text_view_get_buffer (g_ptr_array_index (attest_page_view_get_text_views (f.view), 0));
  gtk_text_buffer_get_end_iter (buffer, &end);
  g_assert_true (gtk_text_iter_backward_search (&end, "The end of the page.", 0, &ms, &me, NULL));
  /* The last section, from the contents: there. */
  {
    AttestSection *last = page->sections->pdata[page->sections->len - 1];

    g_assert_true (attest_page_view_show_section (f.view, last->key));
    g_assert_cmpint (attest_page_view_get_section (f.view), ==, (int) page->sections->len - 1);
  }

  /* Another page asked for while the big one is built: that one shows, the build stops. */
  attest_page_view_clear (f.view);
  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, framework, NULL, &error));
  wait_parsed (&f, framework);
  g_assert_true (attest_page_view_get_loading (f.view));
  load (&f, "soc", NULL);
  attest_test_settle (200);
  g_assert_false (attest_page_view_get_loading (f.view));
  {
    g_autofree char *text = all_text (&f);
    g_assert_nonnull (strstr (text, "Présentation des rapports SOC"));
    g_assert_null (strstr (text, "Section 1"));
  }

  /* Back (the view hidden) while it is built: the build waits, and goes on once shown. */
  g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, framework, NULL, &error));
  wait_parsed (&f, framework);
  g_assert_true (attest_page_view_get_loading (f.view));
  gtk_widget_set_visible (GTK_WIDGET (f.view), FALSE);
  g_assert_false (attest_page_view_get_loading (f.view));
  chars = buffer_chars (&f);
  attest_test_settle (300);
  g_assert_cmpint (buffer_chars (&f), ==, chars);
  gtk_widget_set_visible (GTK_WIDGET (f.view), TRUE);
  while (buffer_chars (&f) == chars)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (attest_page_view_get_loading (f.view));

  /* The window closed while it is built (Ctrl+Q): the view goes, nothing runs on. */
  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_largest_accepted_page)

/* Every page of the corpus, every version, shown without a GTK warning
 * (fatal here); side by side for every bilingual page. */
static void
test_corpus (void)
{
  Fixture f = { 0 };
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *pages = g_build_filename (corpus, "pages", NULL);
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  guint shown = 0, bilingual = 0, variants = 0, warned = 0, seen = 0;
  gint64 start;
#ifdef __SANITIZE_ADDRESS__
  /* GTK under AddressSanitizer lays out ten times slower: a sample there; every page in the plain build. */
  const guint every = 7;
#else
  const guint every = 1;
#endif

  fixture_set_up (&f, NULL);
  start = g_get_monotonic_time ();
  import_path (&f, pages);
  printf ("# corpus imported in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  attest_test_collect_any (GTK_WIDGET (f.view), GTK_TYPE_DROP_DOWN, dropdowns);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < f.matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *fw = f.matrix->frameworks->pdata[i];
      g_autoptr(GError) error = NULL;

      variants += fw->variants->len;
      attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
      g_assert_true (attest_page_view_load (f.view, f.ws, f.matrix, fw->id, NULL, &error));
      g_assert_no_error (error);
      wait_loaded (&f);
      for (guint v = 0; v < fw->variants->len; v++)
        {
          AttestPage *page;

          if (seen++ % every != 0)
            continue;
          attest_page_view_set_mode (f.view, ATTEST_READING_TRANSLATED);
          gtk_drop_down_set_selected (dropdowns->pdata[0], v);
          wait_loaded (&f);
          page = attest_page_view_get_page (f.view);
          g_assert_nonnull (page);
          g_assert_cmpuint (attest_page_view_get_text_views (f.view)->len, ==, 1);
          warned += page->warnings->len > 0;
          if (page->kind == ATTEST_PAGE_KIND_BILINGUAL)
            {
              attest_page_view_set_mode (f.view, ATTEST_READING_SIDE_BY_SIDE);
              g_assert_cmpuint (attest_page_view_get_text_views (f.view)->len % 2, ==, 0);
              bilingual++;
            }
          /* Laid out and drawn, as on screen. */
          attest_test_settle (0);
          shown++;
        }
    }
  printf ("# corpus: %u page versions shown (%u side by side), %u of them with parse warnings, in %.1f s\n",
          shown, bilingual, warned, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (shown, ==, (variants + every - 1) / every);
  g_assert_cmpuint (shown * every, >=, 300);
  fixture_tear_down (&f);
}

/* A test that needs the corpus, in a subprocess of its own; skipped here, in
 * the parent, without the corpus: a subprocess's skip reads as a failure. */
static void
run_with_corpus (void (*test) (void))
{
  g_autofree char *corpus = g_test_subprocess () ? NULL : attest_test_corpus_dir ();

  if (corpus == NULL && !g_test_subprocess ())
    return;   /* skipped, and said why */
  attest_test_run_isolated (test);
}

static void
test_corpus_isolated (void)
{
  run_with_corpus (test_corpus);
}

static void
test_largest_page_isolated (void)
{
  run_with_corpus (test_largest_page);
}

static void
test_table_services_isolated (void)
{
  run_with_corpus (test_table_services);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/page-view/modes", test_modes_isolated);
  g_test_add_func ("/page-view/find", test_find_isolated);
  g_test_add_func ("/page-view/find-escape-keeps-position", test_find_escape_keeps_position_isolated);
  g_test_add_func ("/page-view/services", test_services_isolated);
  g_test_add_func ("/page-view/pdf-link", test_pdf_link_isolated);
  g_test_add_func ("/page-view/table-services", test_table_services_isolated);
  g_test_add_func ("/page-view/sections-notes-zoom", test_sections_notes_zoom_isolated);
  g_test_add_func ("/page-view/versions-and-badge", test_versions_and_badge_isolated);
  g_test_add_func ("/page-view/unparsable-page", test_unparsable_page_isolated);
  g_test_add_func ("/page-view/big-page-async", test_big_page_async_isolated);
  g_test_add_func ("/page-view/switch-while-parsing", test_switch_while_parsing_isolated);
  g_test_add_func ("/page-view/largest-accepted-page", test_largest_accepted_page_isolated);
  g_test_add_func ("/page-view/largest-page", test_largest_page_isolated);
  g_test_add_func ("/page-view/corpus", test_corpus_isolated);

  return g_test_run ();
}
