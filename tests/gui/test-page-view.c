/* test-page-view.c: an offering page read translated, in its source and side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundled pages, imported into a workspace of their own, shown in an
 * AttestPageView as the window shows them. With ATTEST_PAGE_VIEW_SCREENSHOT_DIR
 * set, each case saves what it sees as a PNG there.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-block-view.h"
#include "attest-importer.h"
#include "attest-page-pairs.h"
#include "attest-page-view.h"
#include "attest-test-corpus.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
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
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  GskRenderer *renderer;
  int w, h;

  if (dir == NULL)
    return;
  w = gtk_widget_get_width (GTK_WIDGET (f->window));
  h = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
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

static void
load (Fixture    *f,
      const char *framework,
      const char *locale)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_page_view_load (f->view, f->ws, f->matrix, framework, locale, &error));
  g_assert_no_error (error);
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

  fixture_tear_down (&f);
}
ATTEST_TEST_ISOLATED (test_modes)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/page-view/modes", test_modes_isolated);

  return g_test_run ();
}
