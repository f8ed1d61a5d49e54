/* test-window-seed.c: the window closed while it seeds a new workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "attest-application.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-window.h"
#include "attest-workspace.h"

static void
activated (GtkApplication *app,
           gboolean       *finalized_at_destroy)
{
  AttestWindow *window;

  /* The first run: the window the application opened seeds a new default
   * workspace with the bundled catalog, in a worker. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 1);
  window = ATTEST_WINDOW (gtk_application_get_windows (app)->data);
  g_assert_true (attest_workspace_was_created (attest_window_get_workspace (window)));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Nothing keeps the closed window, its widgets or its pane for the worker. */
  *finalized_at_destroy = window == NULL;
}

/* The seed worker's answer comes after the window is gone: it must find no
 * window rather than touch a disposed one's template children; and the
 * application (held by the worker) quits only once the worker has returned,
 * so that no thread runs at exit. */
static void
test_closed_while_seeding (void)
{
  g_autoptr(AttestApplication) app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  const char *argv[] = { "attest", NULL };
  gboolean finalized_at_destroy = FALSE;

  g_signal_connect_after (app, "activate", G_CALLBACK (activated), &finalized_at_destroy);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **)argv), ==, 0);
  g_assert_true (finalized_at_destroy);
  g_assert_finalize_object (g_steal_pointer (&app));
}

ATTEST_TEST_ISOLATED (test_closed_while_seeding)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-seed/closed-while-seeding", test_closed_while_seeding_isolated);

  return g_test_run ();
}
