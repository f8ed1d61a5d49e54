/* attest-link.c: which links of a page or a note Attest may hand to the desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offering pages and notes are Markdown from elsewhere: a link's target can
 * name any scheme the desktop has a handler for (file:, smb:, a custom
 * handler that runs a program). Attest opens web pages and mail addresses
 * only; the GUI asks first and says why anything else is not opened.
 */
#define G_LOG_DOMAIN "attest-link"

#include "config.h"

#include "attest-link.h"

/**
 * attest_link_may_open:
 * @uri: a link's target, as written
 *
 * Returns: whether @uri is a whole http or https address with a host, or a
 *   mailto address
 */
gboolean
attest_link_may_open (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  g_return_val_if_fail (uri != NULL, FALSE);

  /* A control character or a space is not part of an address (and could hide
   * what follows it in the dialog that shows the address). */
  for (const char *p = uri; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    return *g_uri_get_path (parsed) != '\0';
  return FALSE;
}
