/* attest-preferences-window.c: reviewer name and content language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-preferences-window.h"

struct _AttestPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwPreferencesGroup *review_group;
  AdwEntryRow *reviewer_row;
  AdwComboRow *language_row;
};

G_DEFINE_FINAL_TYPE (AttestPreferencesWindow, attest_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The locales the provider publishes offering pages in most often; "" follows the desktop. */
static const struct {
  const char *code;
  const char *name;
} languages[] = {
  { "", N_("Same as the Desktop") },
  { "en-US", N_("English") },
  { "fr-FR", N_("French") },
  { "de-DE", N_("German") },
  { "es-ES", N_("Spanish") },
  { "ja-JP", N_("Japanese") },
  { "zh-CN", N_("Chinese (Simplified)") },
  { "zh-TW", N_("Chinese (Traditional)") },
};

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, code))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (languages))
    i = 0;
  return g_variant_new_string (languages[i].code);
}

GtkWindow *
attest_preferences_window_new (GSettings *settings)
{
  AttestPreferencesWindow *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *description = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATTEST_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  description = g_strdup_printf (_("Recorded in the workspace history with each change. "
                                   "Leave empty to use your account name (%s)."),
                                 g_get_real_name ());
  adw_preferences_group_set_description (self->review_group, description);
  g_settings_bind (settings, "reviewer-name", self->reviewer_row, "text", G_SETTINGS_BIND_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (names, _(languages[i].name));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  g_settings_bind_with_mapping (settings, "content-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping, NULL, NULL);

  return GTK_WINDOW (self);
}

static void
attest_preferences_window_dispose (GObject *object)
{
  AttestPreferencesWindow *self = ATTEST_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attest_preferences_window_parent_class)->dispose (object);
}

static void
attest_preferences_window_class_init (AttestPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/attest/Attest/attest-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, review_group);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, language_row);
}

static void
attest_preferences_window_init (AttestPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
