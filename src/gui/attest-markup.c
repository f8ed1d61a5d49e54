/* attest-markup.c: plain text into the widgets that read Pango markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 reads a toast's title, a status page's description and a
 * preferences group's description as Pango markup, with no switch to turn
 * that off (rows have use-markup; window titles and status page titles are
 * plain text): a service named "Endpoint
 * Detection & Response" or a file "R&D.pdf" fails to parse, and the widget
 * shows nothing but a warning. Attest never writes markup in these places:
 * every message (names, paths, reasons, translations) goes through here.
 */
#define G_LOG_DOMAIN "attest-markup"

#include "config.h"

#include "attest-markup.h"

/**
 * attest_markup_escape:
 * @text: (nullable): plain text
 *
 * Returns: (transfer full): @text as markup that shows it as it is; "" for
 * %NULL
 */
char *
attest_markup_escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/**
 * attest_toast_new_plain:
 * @title: the toast's words, plain text
 *
 * Returns: (transfer full): a toast showing @title as it is
 */
AdwToast *
attest_toast_new_plain (const char *title)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  escaped = attest_markup_escape (title);
  return adw_toast_new (escaped);
}

/**
 * attest_status_page_set_plain_description:
 * @description: (nullable): plain text, or %NULL for none
 *
 * Sets @page's description to show @description as it is.
 */
void
attest_status_page_set_plain_description (AdwStatusPage *page,
                                          const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  if (description != NULL)
    escaped = attest_markup_escape (description);
  adw_status_page_set_description (page, escaped);
}

/**
 * attest_preferences_group_set_plain_description:
 * @description: (nullable): plain text, or %NULL for none
 *
 * Sets @group's description to show @description as it is.
 */
void
attest_preferences_group_set_plain_description (AdwPreferencesGroup *group,
                                                const char          *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  if (description != NULL)
    escaped = attest_markup_escape (description);
  adw_preferences_group_set_description (group, escaped);
}
