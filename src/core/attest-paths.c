/* attest-paths.c: where Attest keeps and finds its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-paths"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-paths.h"

/* The default workspace lives in $XDG_DATA_HOME/attest/default.attest (DESIGN.md). */
char *
attest_paths_default_workspace (void)
{
  return g_build_filename (g_get_user_data_dir (), "attest", "default.attest", NULL);
}

/* Installed data lives in PKGDATADIR; an uninstalled build (meson devenv, tests)
 * points ATTEST_DATADIR at the source tree's data/ instead. */
const char *
attest_paths_data_dir (void)
{
  const char *env = g_getenv ("ATTEST_DATADIR");

  if (env != NULL && *env != '\0')
    return env;
  return PKGDATADIR;
}

char *
attest_paths_bundled_offerings (void)
{
  return g_build_filename (attest_paths_data_dir (), "offerings", NULL);
}

const char *
attest_paths_locale_dir (void)
{
  const char *env = g_getenv ("ATTEST_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  return LOCALEDIR;
}

/* The name a person recognises a workspace by: its file name without ".attest". */
char *
attest_paths_display_name (const char *workspace_path)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (workspace_path != NULL, NULL);

  base = g_filename_display_basename (workspace_path);
  if (g_str_has_suffix (base, ".attest") && strlen (base) > strlen (".attest"))
    base[strlen (base) - strlen (".attest")] = '\0';
  return g_steal_pointer (&base);
}

/* Every program of Attest (window, CLI, bench, tests) reads its translations the same way. */
void
attest_paths_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, attest_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
