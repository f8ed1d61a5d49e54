/* test-preferences-window.c: the Preferences window's content language
 *
 * The languages it offers are the product's one list (attest-languages.c),
 * named as the library and the page labels name them, sorted by name; the
 * chosen one is stored as its locale code (issue 19).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "attest-languages.h"
#include "attest-preferences-window.h"
#include "attest-test-widgets.h"

/* What the tests expect to read, per language of the run. */
static const char *
expected (const char *en)
{
  const char *lang = g_getenv ("LANGUAGE");
  static const struct { const char *en, *fr; } strings[] = {
    { "Same as the Desktop", "Comme le bureau" },
    { "Japanese (Japan)", "Japonais (Japon)" },
    { "French (France)", "Français (France)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (g_str_equal (strings[i].en, en))
      return lang != NULL && g_str_has_prefix (lang, "fr") ? strings[i].fr : strings[i].en;
  g_assert_not_reached ();
}

/* The content language row of a new Preferences window on @settings. */
static AdwComboRow *
language_row (GSettings  *settings,
              GtkWindow **window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  *window = attest_preferences_window_new (settings);
  attest_test_collect_any (GTK_WIDGET (*window), ADW_TYPE_COMBO_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  /* The first row: the content language (the second is the reading mode). */
  return rows->pdata[0];
}

static const char *
item_text (AdwComboRow *row,
           guint        position)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)), position);
}

static guint
position_of (AdwComboRow *row,
             const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (item_text (row, i), text))
      return i;
  g_assert_not_reached ();
}

static void
test_languages (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char * const *locales = attest_languages_locales ();
  GtkWindow *window = NULL;
  AdwComboRow *row;
  GListModel *model;
  guint n_locales = 0;

  g_settings_set_string (settings, "content-language", "ja-JP");
  row = language_row (settings, &window);
  model = adw_combo_row_get_model (row);

  /* The desktop's, then every language the product names, by its name. */
  for (guint i = 0; locales[i] != NULL; i++)
    if (*locales[i] != '\0')
      {
        n_locales++;
        position_of (row, attest_languages_name (locales[i]));
      }
  g_assert_cmpuint (n_locales, >=, 20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1 + n_locales);
  g_assert_cmpstr (item_text (row, 0), ==, expected ("Same as the Desktop"));
  for (guint i = 2; i < g_list_model_get_n_items (model); i++)
    {
      g_autofree char *a = g_utf8_collate_key (item_text (row, i - 1), -1);
      g_autofree char *b = g_utf8_collate_key (item_text (row, i), -1);

      g_assert_cmpstr (a, <, b);
    }

  /* The stored code shows its language; a choice stores its code. */
  g_assert_cmpstr (item_text (row, adw_combo_row_get_selected (row)), ==, expected ("Japanese (Japan)"));
  adw_combo_row_set_selected (row, position_of (row, expected ("French (France)")));
  {
    g_autofree char *value = g_settings_get_string (settings, "content-language");
    g_assert_cmpstr (value, ==, "fr-FR");
  }
  adw_combo_row_set_selected (row, 0);
  {
    g_autofree char *value = g_settings_get_string (settings, "content-language");
    g_assert_cmpstr (value, ==, "");
  }
  gtk_window_destroy (window);

  /* A value set elsewhere that the list does not hold is kept and shown, not
   * replaced by the desktop's. */
  g_settings_set_string (settings, "content-language", "fr-BE");
  row = language_row (settings, &window);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2 + n_locales);
  g_assert_cmpstr (item_text (row, adw_combo_row_get_selected (row)), ==, "fr-BE");
  {
    g_autofree char *value = g_settings_get_string (settings, "content-language");
    g_assert_cmpstr (value, ==, "fr-BE");
  }
  gtk_window_destroy (window);
  g_settings_reset (settings, "content-language");
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/preferences/languages", test_languages);

  return g_test_run ();
}
