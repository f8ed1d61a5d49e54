/* test-toast.c: toasts one at a time per overlay (attest-toast.c), as fast
 * as an analyst clicks, on a real overlay with its animations
 *
 * The rounds of /toast/rapid crash libadwaita 1.2 when the toasts go to
 * adw_toast_overlay_add_toast() and adw_toast_dismiss() directly (an Undo
 * toast clicked while it is still being shown in: a use-after-free in the
 * overlay's animations, or its assertion on re-showing a toast put aside).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "attest-markup.h"
#include "attest-test-widgets.h"
#include "attest-toast.h"

typedef struct {
  GtkWindow *window;
  AdwToastOverlay *overlay;
  guint gone[3];  /* "dismissed" said, per toast: the toasts outlive a test */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, gtk_label_new ("Attest"));
  gtk_window_set_default_size (f->window, 640, 480);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
  ATTEST_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->overlay)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  attest_test_settle (50);
}

static void
count_dismissed (AdwToast *toast,
                 guint    *n)
{
  (*n)++;
}

static AdwToast *
toast_new (const char *title,
           gboolean    high,
           guint      *dismissed)
{
  AdwToast *toast = attest_toast_new_plain (title);

  if (high)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (dismissed != NULL)
    g_signal_connect (toast, "dismissed", G_CALLBACK (count_dismissed), dismissed);
  return toast;
}

/* The main loop for @ms, never more than one toast waiting meanwhile. */
static void
settle_checking (Fixture *f,
                 guint    ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  do
    {
      g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), <=, 1);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < end);
}

/* A message, then an Undo (high priority) after @gap ms, clicked @click ms
 * after that: at every pair of delays up to the animations' lengths. The
 * Undo is shown once the message is settled, goes when clicked, and the
 * overlay ends with nothing shown and nothing waiting. */
static void
test_rapid (Fixture       *f,
            gconstpointer  data)
{
  static const guint delays[] = { 0, 120, 260, 480 };

  for (guint a = 0; a < G_N_ELEMENTS (delays); a++)
    for (guint b = 0; b < G_N_ELEMENTS (delays); b++)
      {
        g_autoptr(AdwToast) message = toast_new ("Saved", FALSE, NULL);
        g_autoptr(AdwToast) undo = toast_new ("Removed “R&D.pdf”", TRUE, NULL);

        g_test_message ("message, %u ms, Undo, %u ms, clicked", delays[a], delays[b]);

        attest_toast_show (f->overlay, g_object_ref (message));
        g_assert_true (attest_toast_is_shown (f->overlay, message));
        settle_checking (f, delays[a]);
        attest_toast_show (f->overlay, g_object_ref (undo));
        /* Never of high priority in the overlay itself. */
        g_assert_cmpint (adw_toast_get_priority (undo), ==, ADW_TOAST_PRIORITY_NORMAL);
        settle_checking (f, delays[b]);
        /* Clicked as the Undo button does, shown yet or not. */
        if (attest_toast_is_shown (f->overlay, undo))
          {
            g_test_message ("shown: dismissed by the overlay");
            adw_toast_dismiss (undo);
          }
        else
          attest_toast_dismiss (f->overlay, undo);
        settle_checking (f, 1100);
        g_assert_false (attest_toast_is_shown (f->overlay, message));
        g_assert_false (attest_toast_is_shown (f->overlay, undo));
        g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), ==, 0);
      }
}

/* Three in a row: the first shown, the second waits, the third takes its
 * place (the second says "dismissed", never shown) and is shown when the
 * first goes. */
static void
test_replace_waiting (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AdwToast) first = toast_new ("First", FALSE, &f->gone[0]);
  g_autoptr(AdwToast) second = toast_new ("Second", FALSE, &f->gone[1]);
  g_autoptr(AdwToast) third = toast_new ("Third", FALSE, &f->gone[2]);

  attest_toast_show (f->overlay, g_object_ref (first));
  attest_toast_show (f->overlay, g_object_ref (second));
  g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), ==, 1);
  attest_toast_show (f->overlay, g_object_ref (third));
  g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), ==, 1);
  g_assert_cmpuint (f->gone[1], ==, 1);
  g_assert_true (attest_toast_is_shown (f->overlay, first));

  /* The first dismissed early: it goes once settled, then the third shows. */
  attest_toast_dismiss (f->overlay, first);
  g_assert_cmpuint (f->gone[0], ==, 0);
  ATTEST_TEST_WAIT_UNTIL (attest_toast_is_shown (f->overlay, third));
  g_assert_cmpuint (f->gone[0], ==, 1);
  g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), ==, 0);
  g_assert_cmpuint (f->gone[2], ==, 0);
  g_assert_cmpuint (f->gone[1], ==, 1);

  /* Shown again: still the one shown, its timeout restarted. */
  attest_toast_show (f->overlay, g_object_ref (third));
  g_assert_true (attest_toast_is_shown (f->overlay, third));
  g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), ==, 0);
}

/* The window closed with a toast shown, one waiting and a dismissal
 * pending: nothing handed to the overlay as it goes, nothing left. */
static void
test_overlay_destroyed (Fixture       *f,
                        gconstpointer  data)
{
  AdwToast *shown = toast_new ("Shown", FALSE, NULL);
  AdwToast *waiting = toast_new ("Waiting", TRUE, &f->gone[0]);

  g_object_add_weak_pointer (G_OBJECT (shown), (gpointer *)&shown);
  g_object_add_weak_pointer (G_OBJECT (waiting), (gpointer *)&waiting);
  attest_toast_show (f->overlay, shown);
  settle_checking (f, 100);
  attest_toast_show (f->overlay, waiting);
  g_assert_cmpuint (attest_toast_get_n_waiting (f->overlay), ==, 1);
  gtk_window_destroy (g_steal_pointer (&f->window));
  attest_test_settle (800);
  g_assert_cmpuint (f->gone[0], ==, 1);
  g_assert_null (waiting);
  g_assert_null (shown);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add ("/toast/rapid", Fixture, NULL, fixture_setup, test_rapid, fixture_teardown);
  g_test_add ("/toast/replace-waiting", Fixture, NULL, fixture_setup, test_replace_waiting, fixture_teardown);
  g_test_add ("/toast/overlay-destroyed", Fixture, NULL, fixture_setup, test_overlay_destroyed, fixture_teardown);

  return g_test_run ();
}
