/* attest-test-home.c: a private home for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-test-home.h"

/**
 * attest_test_use_private_home:
 *
 * Points HOME and the XDG data, config and cache dirs at a new temporary
 * directory, once per test run ($ATTEST_TEST_HOME tells subprocesses it is
 * done). Not G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with it
 * the MIME database GTK needs to load SVG icons.
 */
void
attest_test_use_private_home (void)
{
  g_autofree char *home = NULL;

  if (g_getenv ("ATTEST_TEST_HOME") != NULL)
    return;
  home = g_dir_make_tmp ("attest-gui-home-XXXXXX", NULL);
  g_setenv ("ATTEST_TEST_HOME", home, TRUE);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }
}
