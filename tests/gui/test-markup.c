/* test-markup.c: names with "&" and "<" in toasts and status pages (markup in libadwaita 1.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "attest-markup.h"
#include "attest-test-widgets.h"

static const char *names[] = {
  "Microsoft Defender for Endpoint Detection & Response (EDR)",
  "R&D.pdf",
  "<script> & co",
  "a < b > c \"quoted\" 'single'",
  "&amp; stays as typed",
};

static char *
parsed_text (const char *markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (markup);
  pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_escape (void)
{
  g_autofree char *empty = attest_markup_escape (NULL);

  g_assert_cmpstr (empty, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *escaped = attest_markup_escape (names[i]);
      g_autofree char *text = parsed_text (escaped);

      g_assert_cmpstr (text, ==, names[i]);
    }
}

static GtkWindow *
shown_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 640, 480);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (child))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

/* Shown on screen: a title that is not valid markup would be an empty toast
 * and a Gtk-WARNING (fatal under the tests). */
static void
test_toast (void)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  GtkWindow *window = shown_window (GTK_WIDGET (overlay));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      AdwToast *toast = attest_toast_new_plain (names[i]);
      g_autofree char *text = parsed_text (adw_toast_get_title (toast));

      g_assert_cmpstr (text, ==, names[i]);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (overlay, toast);
      attest_test_settle (100);
    }
  gtk_window_destroy (window);
}

static void
test_status_page (void)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (adw_status_page_new ());
  GtkWindow *window = shown_window (GTK_WIDGET (page));

  adw_status_page_set_title (page, "Could Not Open the Workspace");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = NULL;

      attest_status_page_set_plain_description (page, names[i]);
      attest_test_settle (50);
      text = parsed_text (adw_status_page_get_description (page));
      g_assert_cmpstr (text, ==, names[i]);
    }
  attest_status_page_set_plain_description (page, NULL);
  g_assert_cmpstr (adw_status_page_get_description (page) != NULL ? adw_status_page_get_description (page) : "", ==, "");
  gtk_window_destroy (window);
}

static void
test_preferences_group (void)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWindow *window = shown_window (GTK_WIDGET (group));

  adw_preferences_group_set_title (group, "Review");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      attest_preferences_group_set_plain_description (group, names[i]);
      attest_test_settle (50);
      /* libadwaita 1.2 gives back the text shown, not the markup. */
      g_assert_cmpstr (adw_preferences_group_get_description (group), ==, names[i]);
    }
  gtk_window_destroy (window);
}

/* What the helper is for: libadwaita 1.2 reads these as markup, and "&"
 * unescaped is a warning. */
static void
test_unescaped_warns (void)
{
  if (g_test_subprocess ())
    {
      AdwStatusPage *page = ADW_STATUS_PAGE (adw_status_page_new ());
      GtkWindow *window = shown_window (GTK_WIDGET (page));

      adw_status_page_set_description (page, names[1]);
      attest_test_settle (50);
      gtk_window_destroy (window);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Failed to set text*R&D.pdf*");
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/markup/escape", test_escape);
  g_test_add_func ("/markup/toast", test_toast);
  g_test_add_func ("/markup/status-page", test_status_page);
  g_test_add_func ("/markup/preferences-group", test_preferences_group);
  g_test_add_func ("/markup/unescaped-warns", test_unescaped_warns);

  return g_test_run ();
}
