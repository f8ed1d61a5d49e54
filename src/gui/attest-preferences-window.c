/* attest-preferences-window.c: reviewer name, content language, reading mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-languages.h"
#include "attest-markup.h"
#include "attest-preferences-window.h"

struct _AttestPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwPreferencesGroup *review_group;
  AdwEntryRow *reviewer_row;
  AdwComboRow *language_row;
  AdwComboRow *reading_mode_row;
};

G_DEFINE_FINAL_TYPE (AttestPreferencesWindow, attest_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The reading modes of the page view, as the "reading-mode" key spells them. */
static const struct {
  const char *code;
  const char *name;
} reading_modes[] = {
  { "translated", N_("Translated") },
  { "source", N_("English Source") },
  { "side-by-side", N_("Side by Side") },
};

/* A combo row's position ↔ a string key, through a table of codes (user_data:
 * the codes, NULL-terminated); an unknown value shows the first entry. */
static gboolean
code_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *codes = user_data;
  const char *code = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
code_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *codes = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **)codes))
    i = 0;
  return g_variant_new_string (codes[i]);
}

/* Fills @row with @names (translated) and binds its position to @key through
 * @codes (taken: the binding frees them). */
static void
bind_choice_row (AttestPreferencesWindow  *self,
                 AdwComboRow              *row,
                 const char               *key,
                 char                    **codes,
                 const char * const       *names)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (names);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                code_get_mapping, code_set_mapping, codes, (GDestroyNotify)g_strfreev);
}

typedef struct {
  char *key;                /* collation key of the name */
  const char *code;
  const char *name;
} Language;

static int
compare_languages (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const Language *)a)->key, ((const Language *)b)->key);
}

/* The content language: the desktop's, then the languages the product names
 * (attest-languages.c, the one list), by name in the reader's language; a
 * value set elsewhere that the list does not hold is kept, shown as it is. */
static void
bind_language_row (AttestPreferencesWindow *self)
{
  const char * const *locales = attest_languages_locales ();
  g_autofree char *current = g_settings_get_string (self->settings, "content-language");
  g_autoptr(GArray) languages = g_array_new (FALSE, FALSE, sizeof (Language));
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean listed = *current == '\0';

  for (guint i = 0; locales[i] != NULL; i++)
    {
      Language l = { NULL, locales[i], attest_languages_name (locales[i]) };

      /* "" is the English source page there; here it is the desktop's language. */
      if (*l.code == '\0')
        continue;
      listed = listed || g_str_equal (l.code, current);
      l.key = g_utf8_collate_key (l.name, -1);
      g_array_append_val (languages, l);
    }
  if (!listed)
    {
      Language l = { g_utf8_collate_key (current, -1), current, attest_languages_name (current) };

      g_array_append_val (languages, l);
    }
  g_array_sort (languages, compare_languages);

  g_strv_builder_add (codes, "");
  /* Translators: the content language that follows the desktop's */
  g_ptr_array_add (names, (gpointer)_("Same as the Desktop"));
  for (guint i = 0; i < languages->len; i++)
    {
      Language *l = &g_array_index (languages, Language, i);

      g_strv_builder_add (codes, l->code);
      g_ptr_array_add (names, (gpointer)l->name);
    }
  g_ptr_array_add (names, NULL);
  bind_choice_row (self, self->language_row, "content-language", g_strv_builder_end (codes),
                   (const char * const *)names->pdata);
  for (guint i = 0; i < languages->len; i++)
    g_free (g_array_index (languages, Language, i).key);
}

GtkWindow *
attest_preferences_window_new (GSettings *settings)
{
  g_autoptr(GStrvBuilder) mode_codes = g_strv_builder_new ();
  const char *mode_names[G_N_ELEMENTS (reading_modes) + 1];
  AttestPreferencesWindow *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATTEST_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  description = g_strdup_printf (_("Recorded in the workspace history with each change. "
                                   "Leave empty to use your account name (%s)."),
                                 g_get_real_name ());
  attest_preferences_group_set_plain_description (self->review_group, description);
  g_settings_bind (settings, "reviewer-name", self->reviewer_row, "text", G_SETTINGS_BIND_DEFAULT);

  bind_language_row (self);
  for (guint i = 0; i < G_N_ELEMENTS (reading_modes); i++)
    {
      g_strv_builder_add (mode_codes, reading_modes[i].code);
      mode_names[i] = _(reading_modes[i].name);
    }
  mode_names[G_N_ELEMENTS (reading_modes)] = NULL;
  bind_choice_row (self, self->reading_mode_row, "reading-mode", g_strv_builder_end (mode_codes), mode_names);

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
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, reading_mode_row);
}

static void
attest_preferences_window_init (AttestPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
