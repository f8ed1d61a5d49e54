/* attest-test-window.c: the real application run on a workspace until a check of its window passes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "attest-matrix-view.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "page/attest-page-view.h"
#include "pdf/attest-pdf-page.h"

typedef struct {
  AttestApplication *app;
  AttestTestWindowCheck check;
  const int *step;
  int at_step;
  guint patience_s;
  gint64 launched;
  gint64 started;       /* of the wait for the current step */
  gboolean checked;
} Run;

static gboolean
poll_window (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  if (!run->check (run->app, ATTEST_WINDOW (window)))
    {
      if (run->step != NULL && *run->step != run->at_step)
        {
          run->at_step = *run->step;
          run->started = g_get_monotonic_time ();
        }
      g_assert_cmpint (g_get_monotonic_time () - run->started, <, run->patience_s * G_USEC_PER_SEC);
      return G_SOURCE_CONTINUE;
    }
  /* A TAP comment on stdout: g_test_message() says nothing in a subprocess. */
  printf ("# launch to checked window: %.1f ms\n", (g_get_monotonic_time () - run->launched) / 1000.0);
  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/**
 * attest_test_run_window:
 * @argv: the application's command line, %NULL-terminated ("attest",
 *   "--workspace", …)
 * @check: called each 20 ms once the application's window is mapped, until
 *   it returns %TRUE; then the application quits
 * @step: (nullable): where @check keeps the step it is at: each step gets
 *   @patience_s of its own; %NULL for one wait in all
 * @patience_s: how long a wait may last before the test fails
 *
 * Runs a new AttestApplication (not unique) with @argv and asserts that it
 * exits with 0 once @check has passed, and that nothing keeps it alive after.
 */
void
attest_test_run_window (const char * const    *argv,
                        AttestTestWindowCheck  check,
                        const int             *step,
                        guint                  patience_s)
{
  Run run = { 0 };

  run.app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  run.check = check;
  run.step = step;
  run.at_step = step != NULL ? *step : 0;
  run.patience_s = patience_s;
  run.launched = run.started = g_get_monotonic_time ();
  g_timeout_add (20, poll_window, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), (int) g_strv_length ((char **) argv), (char **) argv), ==, 0);
  g_assert_true (run.checked);
  g_assert_finalize_object (run.app);
}

/**
 * attest_test_window_matrix_shown:
 *
 * Returns: whether @window shows its matrix (a shown matrix view, mapped)
 */
gboolean
attest_test_window_matrix_shown (AttestWindow *window)
{
  GtkWidget *view = attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);

  return view != NULL && gtk_widget_get_mapped (view);
}

/**
 * attest_test_window_page_shown:
 *
 * Returns: whether @window's page view is mapped
 */
gboolean
attest_test_window_page_shown (AttestWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (attest_window_get_page_view (window)));
}

/**
 * attest_test_window_go_back:
 * @child: what the window's centre shows after: "matrix", "page" or "pdf"
 *
 * Activates win.back and waits until the centre shows @child, its
 * transition over.
 */
void
attest_test_window_go_back (AttestWindow *window,
                            const char   *child)
{
  GtkStack *centre = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (attest_window_get_pdf_page (window))));

  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  ATTEST_TEST_WAIT_UNTIL (g_str_equal (gtk_stack_get_visible_child_name (centre), child) &&
                          !gtk_stack_get_transition_running (centre));
  attest_test_settle (20);
}

/**
 * attest_test_window_copy_saved:
 * @result: set to 1 when the copy was saved, 0 when not
 *
 * A handler for AttestWindow::copy-saved.
 */
void
attest_test_window_copy_saved (AttestWindow *window,
                               gboolean      saved,
                               int          *result)
{
  *result = saved ? 1 : 0;
}

/* Emits @view's drag from (@x1, @y1) on @page1 to (@x2, @y2) on @page2,
 * in points, as a pointer would: through the view's GtkGestureDrag. */
void
attest_test_pdf_view_drag (AttestPdfView *view,
                           guint          page1,
                           double         x1,
                           double         y1,
                           guint          page2,
                           double         x2,
                           double         y2)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  GtkGesture *drag = NULL;
  graphene_rect_t a1, a2;
  double k, dx, dy;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drag == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);
  g_assert_true (attest_pdf_view_get_page_area (view, page1, &a1));
  g_assert_true (attest_pdf_view_get_page_area (view, page2, &a2));
  k = a1.size.width / 595.0;
  dx = a2.origin.x + x2 * k - (a1.origin.x + x1 * k);
  dy = a2.origin.y + y2 * k - (a1.origin.y + y1 * k);
  g_signal_emit_by_name (drag, "drag-begin", a1.origin.x + x1 * k, a1.origin.y + y1 * k);
  g_signal_emit_by_name (drag, "drag-update", 10.0, 10.0);
  g_signal_emit_by_name (drag, "drag-update", dx, dy);
  g_signal_emit_by_name (drag, "drag-end", dx, dy);
}
