/* test-cli.c: attest-cli's command-line contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

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

/* A command group with no subcommand, or an unknown one, names the ones it
 * has: every group the same way. */
static void
test_unknown_subcommand (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-cli-sub-XXXXXX", NULL);
  g_autofree char *ws = g_build_filename (dir, "w.attest", NULL);
  g_autofree char *wal = g_strconcat (ws, "-wal", NULL);
  g_autofree char *shm = g_strconcat (ws, "-shm", NULL);
  g_auto(Run) unknown = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) known = { 0 };

  run_cli (&unknown, "--workspace", ws, "evidence", "frobnicate");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "“frobnicate”"));
  g_assert_nonnull (strstr (unknown.err, "attach, list, export"));

  run_cli (&none, "--workspace", ws, "annotation");
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "add, list, edit, delete"));

  /* The subcommand runs with its own arguments. */
  run_cli (&known, "--workspace", ws, "annotation", "list", "--format", "json");
  g_assert_cmpint (known.status, ==, 0);
  g_assert_nonnull (strstr (known.out, "\"annotations\" : []"));
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (ws);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every usage error exits 2 and nothing else: in the ASan build a leak on an
 * early way out makes LeakSanitizer turn the exit status into 1. Each with
 * the options that allocate (--workspace, --reviewer) given first. */
static void
test_usage_errors_exit_2 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-cli-usage-XXXXXX", NULL);
  g_autofree char *ws = g_build_filename (dir, "w.attest", NULL);
  g_autofree char *wal = g_strconcat (ws, "-wal", NULL);
  g_autofree char *shm = g_strconcat (ws, "-shm", NULL);
  const char * const cases[][10] = {
    { "--reviewer", "Kim", "--workspace", NULL },
    { "--reviewer=Kim", "--workspace", ws, NULL },
    { "--reviewer", "Kim", "--workspace", ws, "frobnicate", NULL },
    { "--workspace", ws, "--reviewer", "Kim", "--workspace", ws, "--help", "frobnicate", NULL },
    { "--workspace", ws, "note", NULL },
    { "--workspace", ws, "note", "add", "--service", "Intune", NULL },
    { "--workspace", ws, "note", "add", "--service", "Intune", "--file", NULL },
    { "--workspace", ws, "note", "add", "--service", "Intune", "--file", "-", "text", NULL },
    { "--workspace", ws, "matrix", "--format", "xml", NULL },
    { "--workspace", ws, "matrix", "--bogus", NULL },
    { "--workspace", ws, "checklist", "show", "--framework", "soc", NULL },
    { "--workspace", ws, "evidence", "export", "abc", "out", NULL },
    { "--workspace", ws, "evidence", "attach", "--item", "x", NULL },
    { "--workspace", ws, "history", "extra", NULL },
    { "--workspace", ws, "search", NULL },
    { "--workspace", ws, "verify", "extra", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };

      run_cliv (&r, cases[i]);
      g_test_message ("case %u: %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
      g_assert_null (strstr (r.err, "LeakSanitizer"));
      g_assert_null (strstr (r.err, "AddressSanitizer"));
    }
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (ws);
  g_rmdir (dir);
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
  g_test_add_func ("/cli/unknown-subcommand", test_unknown_subcommand);
  g_test_add_func ("/cli/usage-errors-exit-2", test_usage_errors_exit_2);
  g_test_add_func ("/cli/translated-help", test_translated_help);

  return g_test_run ();
}
