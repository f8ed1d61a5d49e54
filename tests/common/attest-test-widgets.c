/* attest-test-widgets.c: setting up GTK, finding widgets and waiting on the main loop in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "attest-paths.h"
#include "attest-resources.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"

static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/**
 * attest_test_find_any:
 *
 * Returns: (transfer none) (nullable): the first widget of @type at or below
 * @root, depth first, shown or not (popovers are not children).
 */
GtkWidget *
attest_test_find_any (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = attest_test_find_any (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * attest_test_find_visible:
 *
 * Like attest_test_find_any(), but passes over hidden widgets and
 * child-invisible ones (a stack's other pages) with all below them.
 *
 * Returns: (transfer none) (nullable): the widget found
 */
GtkWidget *
attest_test_find_visible (GtkWidget *root,
                          GType      type)
{
  if (!shown (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = attest_test_find_visible (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * attest_test_collect_any:
 *
 * Adds every widget of @type at or below @root, shown or not, to @out
 * (which holds no references), depth first.
 */
void
attest_test_collect_any (GtkWidget *root,
                         GType      type,
                         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    attest_test_collect_any (c, type, out);
}

/**
 * attest_test_collect_visible:
 *
 * Like attest_test_collect_any(), but passes over hidden and child-invisible
 * widgets with all below them.
 */
void
attest_test_collect_visible (GtkWidget *root,
                             GType      type,
                             GPtrArray *out)
{
  if (!shown (root))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    attest_test_collect_visible (c, type, out);
}

/**
 * attest_test_find_toplevel:
 *
 * Returns: (transfer none) (nullable): the first visible toplevel window of
 * @type
 */
GtkWindow *
attest_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static void
on_timeout (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

/**
 * attest_test_settle:
 * @ms: how long to run the main loop
 *
 * Runs the main loop for @ms milliseconds, so that the frame clock lays out
 * and draws what the last change queued.
 */
void
attest_test_settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * attest_test_run_isolated:
 * @test: a test case
 *
 * Runs @test in a subprocess of its own and asserts that it passed; in that
 * subprocess, runs @test itself. Its output goes to the test's own.
 * See ATTEST_TEST_ISOLATED().
 */
void
attest_test_run_isolated (void (*test) (void))
{
  if (g_test_subprocess ())
    {
      test ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/**
 * attest_test_init_gui:
 *
 * What a GUI test program's main() does first: a private home
 * (attest_test_use_private_home()), gtk_test_init(), the translations, the
 * application's resources and libadwaita.
 */
void
attest_test_init_gui (int    *argc,
                      char ***argv)
{
  attest_test_use_private_home ();
  gtk_test_init (argc, argv, NULL);
  attest_paths_init_i18n ();
  attest_register_resource ();
  adw_init ();
}

/**
 * attest_test_use_app_style:
 *
 * Loads the application's style sheet as AttestApplication does, so that
 * widgets look (and measure) as they do in the window.
 */
void
attest_test_use_app_style (void)
{
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (style, "/io/github/attest/Attest/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/**
 * attest_test_save_png:
 * @widget: a widget shown in a window, drawn as it is now
 * @path: the PNG written
 *
 * Saves what @widget shows, for a person to look at (screenshots are not
 * asserted).
 *
 * Returns: whether the PNG was written (FALSE when there was nothing drawn)
 */
gboolean
attest_test_save_png (GtkWidget  *widget,
                      const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
