/* test-cli.c: attest-cli's command-line contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "cli-runner.h"

static void
test_version (void)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--version");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "attest-cli " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Usage: attest-cli"));
  g_assert_nonnull (strstr (r.out, "--workspace FILE"));
  g_assert_nonnull (strstr (r.out, "--reviewer NAME"));
  g_assert_cmpstr (r.err, ==, "");
}

static void
test_usage_errors (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };

  { const char *none_args[] = { NULL }; run_cliv (&none, none_args); }
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage"));

  run_cli (&unknown, "frobnicate");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (&missing, "--workspace");
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--workspace"));
}

static void
test_translated_help (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "fr", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawn (launcher, NULL, g_getenv ("ATTEST_CLI"), "--help", NULL);
  g_assert_nonnull (proc);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, NULL);
  g_assert_nonnull (strstr (out, "Utilisation : attest-cli"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/translated-help", test_translated_help);

  return g_test_run ();
}
