/* attest-test-widgets.c: setting up GTK, finding widgets and waiting on the main loop in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Pango 1.50 sorts a new fontset in a thread of its own, "[pango]
 * FcFontSetSort", that nobody waits for: one started by the last layout of a
 * test is still running when the test program exits. LeakSanitizer's check at
 * exit stops every thread, and its tracer crashes ("Tracer caught signal 11")
 * when a thread starts or exits meanwhile. */
static gboolean
transient_thread_running (char **name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;

  while (dir != NULL && (task = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", task, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, "[pango] FcFont"))
        {
          *name = g_strdup (g_strchomp (comm));
          return TRUE;
        }
    }
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The threads of the process, as the kernel lists them: "1745 1748 …". */
static char *
list_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *task;

  while (dir != NULL && (task = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (ids, g_strdup (task));
  g_ptr_array_sort (ids, compare_names);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

/* Any thread at all that starts or ends at exit (a GIO helper, a worker
 * finishing its last callback, one of GTK's or dconf's) crashes the tracer
 * the same way: exit only once the set of threads has held still for 100 ms
 * (at most 5 s; a thread that never ends is one that waits for work). */
static void
wait_for_threads_to_settle (void)
{
  g_autofree char *before = list_threads ();
  gint64 start = g_get_monotonic_time ();
  gint64 still_since = start;

  while (g_get_monotonic_time () - still_since < 100 * 1000 &&
         g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    {
      g_autofree char *now = NULL;

      g_usleep (10 * 1000);
      now = list_threads ();
      if (g_strcmp0 (now, before) != 0)
        {
          g_free (before);
          before = g_steal_pointer (&now);
          still_since = g_get_monotonic_time ();
        }
    }
}

static void
wait_for_transient_threads (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *name = NULL;
  g_autofree char *waited_for = NULL;

  while (transient_thread_running (&name))
    {
      if (g_get_monotonic_time () - start > 60 * G_USEC_PER_SEC)
        {
          g_printerr ("test: the thread “%s” is still running at exit\n", name);
          return;
        }
      if (waited_for == NULL)
        waited_for = g_steal_pointer (&name);
      g_clear_pointer (&name, g_free);
      g_usleep (2000);
    }
  /* A TAP comment: how often this happens, and for how long. */
  if (waited_for != NULL)
    {
      printf ("# waited for the thread “%s” at exit: %.1f ms\n", waited_for,
              (g_get_monotonic_time () - start) / 1000.0);
      fflush (stdout);
    }
  wait_for_threads_to_settle ();
}

/**
 * attest_test_end_threads_at_exit:
 *
 * Makes the test program's exit deterministic under LeakSanitizer: GLib's
 * pool threads (GTask workers, GIO's) stay when idle instead of exiting on a
 * 15-second timer that can fall on the exit, and the exit waits for Pango's
 * fontset threads to end. Called by attest_test_init_gui() and
 * attest_test_run_isolated(); once is enough.
 */
void
attest_test_end_threads_at_exit (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_thread_pool_set_max_idle_time (0);
  g_thread_pool_set_max_unused_threads (-1);
  /* atexit handlers run last registered first: this one before LeakSanitizer's. */
  atexit (wait_for_transient_threads);
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
  attest_test_end_threads_at_exit ();
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
  attest_test_end_threads_at_exit ();
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
