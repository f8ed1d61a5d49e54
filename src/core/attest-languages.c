/* attest-languages.c: the languages offering pages come in, named for people (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-languages"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-languages.h"

/* The locales the provider publishes offering pages in most often: the one
 * list of languages in the product (the page labels, the library, the CLI and
 * the Preferences' content language all name them from here). */
static const struct {
  const char *locale;
  const char *name;
} languages[] = {
  /* Translators: the language of a page variant; this one is the source page */
  { "", N_("English") },
  /* Translators: the language and region of a page variant */
  { "cs-CZ", N_("Czech (Czechia)") },
  /* Translators: the language and region of a page variant */
  { "da-DK", N_("Danish (Denmark)") },
  /* Translators: the language and region of a page variant */
  { "de-DE", N_("German (Germany)") },
  /* Translators: the language and region of a page variant */
  { "en-GB", N_("English (United Kingdom)") },
  /* Translators: the language and region of a page variant */
  { "en-US", N_("English (United States)") },
  /* Translators: the language and region of a page variant */
  { "es-ES", N_("Spanish (Spain)") },
  /* Translators: the language and region of a page variant */
  { "es-MX", N_("Spanish (Mexico)") },
  /* Translators: the language and region of a page variant */
  { "fr-CA", N_("French (Canada)") },
  /* Translators: the language and region of a page variant */
  { "fr-FR", N_("French (France)") },
  /* Translators: the language and region of a page variant */
  { "id-ID", N_("Indonesian (Indonesia)") },
  /* Translators: the language and region of a page variant */
  { "it-IT", N_("Italian (Italy)") },
  /* Translators: the language and region of a page variant */
  { "ja-JP", N_("Japanese (Japan)") },
  /* Translators: the language and region of a page variant */
  { "ko-KR", N_("Korean (Korea)") },
  /* Translators: the language and region of a page variant */
  { "nl-NL", N_("Dutch (Netherlands)") },
  /* Translators: the language and region of a page variant */
  { "pl-PL", N_("Polish (Poland)") },
  /* Translators: the language and region of a page variant */
  { "pt-BR", N_("Portuguese (Brazil)") },
  /* Translators: the language and region of a page variant */
  { "pt-PT", N_("Portuguese (Portugal)") },
  /* Translators: the language and region of a page variant */
  { "ru-RU", N_("Russian (Russia)") },
  /* Translators: the language and region of a page variant */
  { "sv-SE", N_("Swedish (Sweden)") },
  /* Translators: the language and region of a page variant */
  { "tr-TR", N_("Turkish (Türkiye)") },
  /* Translators: the language and region of a page variant */
  { "zh-CN", N_("Chinese (China)") },
  /* Translators: the language and region of a page variant */
  { "zh-TW", N_("Chinese (Taiwan)") },
};

/**
 * attest_languages_name:
 * @locale: a page variant's locale: "fr-FR" (or "fr_fr"), "" for the English
 *   source page
 *
 * Returns: the language (and region) as the reader's language names it:
 *   "French (France)", "English"; an unknown locale as it is
 */
const char *
attest_languages_name (const char *locale)
{
  g_autofree char *normal = NULL;

  if (locale == NULL)
    locale = "";
  normal = g_strdup (locale);

  g_strdelimit (normal, "_", '-');
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (languages[i].locale, normal) == 0)
      return _(languages[i].name);
  return locale;
}

/**
 * attest_languages_locales:
 *
 * Returns: (transfer none) (array zero-terminated=1): the locales
 *   attest_languages_name() names ("fr-FR", …), "" (the English source page)
 *   first
 */
const char * const *
attest_languages_locales (void)
{
  static const char *locales[G_N_ELEMENTS (languages) + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        locales[i] = languages[i].locale;
      locales[G_N_ELEMENTS (languages)] = NULL;
      g_once_init_leave (&done, 1);
    }
  return locales;
}
