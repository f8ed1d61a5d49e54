/* test-page-files.c: which files are offering pages, in which order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "attest-page-files.h"

static void
touch (const char *dir,
       const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "# page\n", -1, NULL));
}

static const char *
rel (const char *dir,
     const char *path)
{
  return path + strlen (dir) + 1;
}

static void
test_walk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-files-XXXXXX", NULL);
  g_autofree char *loop = g_build_filename (dir, "sub", "loop", NULL);
  g_autofree char *dangling = g_build_filename (dir, "offering-gone.md", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(AttestPageFiles) files = NULL;

  touch (dir, "offering-b.md");
  touch (dir, "offering-a.fr-FR.md");
  touch (dir, "OFFERING-SOC.md");
  touch (dir, "o365-offering-introduction.md");
  touch (dir, "TOC.yml");
  touch (dir, "sub/offering-c.md");
  touch (dir, "sub-x/offering-d.md");
  touch (dir, "includes/offering-inc.txt");
  g_assert_cmpint (symlink (dir, loop), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/x", dangling), ==, 0);

  files = attest_page_files_collect (paths, NULL);

  /* Byte order of path: "OFFERING-SOC.md" < "offering-a…" < "sub-x/…" < "sub/…". */
  g_assert_cmpuint (files->files->len, ==, 5);
  g_assert_cmpstr (rel (dir, ((AttestPageFile *)files->files->pdata[0])->path), ==, "OFFERING-SOC.md");
  g_assert_cmpstr (rel (dir, ((AttestPageFile *)files->files->pdata[1])->path), ==, "offering-a.fr-FR.md");
  g_assert_cmpstr (rel (dir, ((AttestPageFile *)files->files->pdata[2])->path), ==, "offering-b.md");
  g_assert_cmpstr (rel (dir, ((AttestPageFile *)files->files->pdata[3])->path), ==, "sub-x/offering-d.md");
  g_assert_cmpstr (rel (dir, ((AttestPageFile *)files->files->pdata[4])->path), ==, "sub/offering-c.md");
  g_assert_cmpstr (((AttestPageFile *)files->files->pdata[4])->root, ==, dir);

  /* Not pages: skipped, not failures. */
  g_assert_cmpuint (files->skipped, ==, 3);
  /* The link loop and the dangling link are named. */
  g_assert_cmpuint (files->failures->len, ==, 2);
}

static void
test_explicit_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-files-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.md", NULL);
  const char *paths[] = { path, missing, NULL };
  g_autoptr(AttestPageFiles) files = NULL;

  touch (dir, "notes.md");
  files = attest_page_files_collect (paths, NULL);
  g_assert_cmpuint (files->files->len, ==, 1);
  g_assert_cmpuint (files->failures->len, ==, 1);
  g_assert_nonnull (strstr (((AttestPageFailure *)files->failures->pdata[0])->message, "missing.md"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-files/walk", test_walk);
  g_test_add_func ("/page-files/explicit-file", test_explicit_file);

  return g_test_run ();
}
