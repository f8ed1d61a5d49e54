/* test-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-paths.h"

static void
test_default_workspace (void)
{
  g_autofree char *path = attest_paths_default_workspace ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "attest", "default.attest", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_display_name (void)
{
  g_autofree char *a = attest_paths_display_name ("/tmp/audit 2026.attest");
  g_autofree char *b = attest_paths_display_name ("/tmp/notes.db");
  g_autofree char *c = attest_paths_display_name ("/tmp/.attest");

  g_assert_cmpstr (a, ==, "audit 2026");
  g_assert_cmpstr (b, ==, "notes.db");
  g_assert_cmpstr (c, ==, ".attest");
}

static void
test_data_dir (void)
{
  g_autofree char *offerings = NULL;
  const char *saved = g_getenv ("ATTEST_DATADIR");
  g_autofree char *saved_copy = g_strdup (saved);

  g_setenv ("ATTEST_DATADIR", "/somewhere/data", TRUE);
  offerings = attest_paths_bundled_offerings ();
  g_assert_cmpstr (offerings, ==, "/somewhere/data/offerings");

  g_unsetenv ("ATTEST_DATADIR");
  g_assert_cmpstr (attest_paths_data_dir (), ==, PKGDATADIR);

  if (saved_copy != NULL)
    g_setenv ("ATTEST_DATADIR", saved_copy, TRUE);
}

static void
test_bundled_catalog_present (void)
{
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  static const char *seeds[] = {
    "offering-iso-20000-1.fr-FR.md", "offering-iso-27001.fr-FR.md", "offering-mars-e.fr-FR.md",
    "offering-mars-e.zh-TW.md", "offering-soc.fr-FR.md",
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_build_filename (offerings, seeds[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/paths/default-workspace", test_default_workspace);
  g_test_add_func ("/paths/display-name", test_display_name);
  g_test_add_func ("/paths/data-dir", test_data_dir);
  g_test_add_func ("/paths/bundled-catalog", test_bundled_catalog_present);

  return g_test_run ();
}
