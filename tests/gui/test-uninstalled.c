/* test-uninstalled.c: the attest program without its installed GSettings schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `build/src/gui/attest` run directly has no schema: g_settings_new() would
 * abort with a trap. The program says in one line how to run it instead.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

static void
test_no_schema (void)
{
  const char *program = g_getenv ("ATTEST_GUI_PROGRAM");
  g_autofree char *empty = g_dir_make_tmp ("attest-no-schema-XXXXXX", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { program, NULL };
  int status = 0;

  g_assert_nonnull (program);
  /* Nowhere to find a schema: not the build's, not an installed one. */
  env = g_environ_unsetenv (env, "GSETTINGS_SCHEMA_DIR");
  env = g_environ_setenv (env, "XDG_DATA_DIRS", empty, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", empty, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  env = g_environ_unsetenv (env, "G_DEBUG");

  g_assert_true (g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);

  /* An exit with status 1, not a signal (a trap is SIGTRAP). */
  g_assert_false (g_spawn_check_wait_status (status, &error));
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 1);
  g_assert_cmpstr (out, ==, "");
  /* One line, naming the schema and how to run uninstalled. */
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_assert_nonnull (strstr (err, APP_ID));
  g_assert_nonnull (strstr (err, "build-aux/run"));
  g_assert_nonnull (strstr (err, "meson devenv"));
  g_rmdir (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uninstalled/no-schema", test_no_schema);

  return g_test_run ();
}
