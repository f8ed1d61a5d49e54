/* attest-test-widgets.h: setting up GTK, finding widgets and waiting on the main loop in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *attest_test_find_any         (GtkWidget *root,
                                         GType      type);
GtkWidget *attest_test_find_visible     (GtkWidget *root,
                                         GType      type);
void       attest_test_collect_any      (GtkWidget *root,
                                         GType      type,
                                         GPtrArray *out);
void       attest_test_collect_visible  (GtkWidget *root,
                                         GType      type,
                                         GPtrArray *out);
GtkWindow *attest_test_find_toplevel    (GType      type);

/* How long a GUI test waits for something that must happen (a filter to
 * apply, a worker to finish) before it fails saying what it waited for. Not a
 * speed goal (those are attest-bench's figures): generous, because CI runs two
 * tests at once, under the sanitizers too, and a loaded machine takes seconds
 * for what an idle one does at once. */
#define ATTEST_TEST_PATIENCE_S 30

/* Iterates the main loop until @condition holds; past the patience, fails
 * saying what it waited for. */
#define ATTEST_TEST_WAIT_UNTIL(condition)                                              \
  G_STMT_START {                                                                       \
    gint64 until_ = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC; \
    while (!(condition))                                                               \
      {                                                                                \
        if (g_get_monotonic_time () > until_)                                          \
          g_error ("waited too long for: %s", #condition);                             \
        g_main_context_iteration (NULL, TRUE);                                         \
      }                                                                                \
  } G_STMT_END

void       attest_test_settle           (guint      ms);
gboolean   attest_test_save_png         (GtkWidget  *widget,
                                         const char *path);

void       attest_test_init_gui         (int       *argc,
                                         char    ***argv);
void       attest_test_use_app_style    (void);

void       attest_test_run_isolated     (void     (*test) (void));

/* Defines TEST_isolated (void), which runs TEST (void) in a subprocess of
 * its own (g_test_trap_subprocess), for g_test_add_func (). */
#define ATTEST_TEST_ISOLATED(test)                                           \
  static void test##_isolated (void)                                         \
  {                                                                          \
    attest_test_run_isolated (test);                                         \
  }

G_END_DECLS
