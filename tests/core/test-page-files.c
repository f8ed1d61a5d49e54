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
  /* The dangling link is a failure; the link back up the tree is a loop,
   * named in a warning, not followed. */
  g_assert_cmpuint (files->failures->len, ==, 1);
  g_assert_nonnull (strstr (((AttestPageFailure *)files->failures->pdata[0])->message, "offering-gone.md"));
  g_assert_cmpuint (files->warnings->len, ==, 1);
  g_assert_nonnull (strstr (files->warnings->pdata[0], "loop"));
  g_assert_nonnull (strstr (files->warnings->pdata[0], "sub/loop"));
}

/* A folder reached twice, by its name and by a link to it: its pages once,
 * and nothing to report. "" is not the current folder. */
static void
test_alias (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-files-XXXXXX", NULL);
  g_autofree char *alias = g_build_filename (dir, "alias", NULL);
  const char *paths[] = { dir, "", NULL };
  g_autoptr(AttestPageFiles) files = NULL;

  touch (dir, "real/offering-a.md");
  g_assert_cmpint (symlink ("real", alias), ==, 0);

  files = attest_page_files_collect (paths, NULL);
  g_assert_cmpuint (files->files->len, ==, 1);
  g_assert_cmpuint (files->warnings->len, ==, 0);
  g_assert_cmpuint (files->failures->len, ==, 1);
  g_assert_cmpstr (((AttestPageFailure *)files->failures->pdata[0])->path, ==, "");
}

/* Names as text: UTF-8 kept, bytes that are not UTF-8 and control
 * characters escaped. */
static void
test_display_name (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "offering-soc.md", "offering-soc.md" },
    { "offering-sécurité.md", "offering-sécurité.md" },
    { "offering-caf\xe9.md", "offering-caf\\xe9.md" },
    { "a\nb\tc\rd", "a\\nb\\tc\\rd" },
    { "\x1b[31mred", "\\x1b[31mred" },
    { "c1\xc2\x9b", "c1\\u{9b}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = attest_page_files_display_name (cases[i].in);

      g_assert_cmpstr (shown, ==, cases[i].out);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
    }
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

/* The include root (issue 19): the documentation set's folder above the
 * pages (an includes/ folder, a docfx.json), or the folder the analyst gave;
 * otherwise the folder named. Never above a repository's root. */
static void
test_include_root (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-files-XXXXXX", NULL);
  g_autofree char *docs = g_build_filename (dir, "repo", "docs", NULL);
  g_autofree char *regulatory = g_build_filename (docs, "regulatory", NULL);
  g_autofree char *page = g_build_filename (regulatory, "offering-a.md", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain", "pages", NULL);
  g_autofree char *docfx = g_build_filename (dir, "built", NULL);
  g_autofree char *docfx_pages = g_build_filename (docfx, "articles", "compliance", NULL);
  g_autofree char *root = NULL;

  touch (dir, "repo/.git/HEAD");
  touch (dir, "repo/docs/includes/intro.md");
  touch (dir, "repo/docs/regulatory/offering-a.md");
  touch (dir, "plain/.git/HEAD");
  touch (dir, "plain/includes/intro.md");
  touch (dir, "plain/pages/offering-b.md");
  touch (dir, "built/.git/HEAD");
  touch (dir, "built/docfx.json");
  touch (dir, "built/articles/compliance/offering-c.md");

  root = attest_page_files_docset_root (regulatory);
  g_assert_cmpstr (root, ==, docs);
  g_clear_pointer (&root, g_free);
  root = attest_page_files_docset_root (docfx_pages);
  g_assert_cmpstr (root, ==, docfx);
  g_clear_pointer (&root, g_free);

  /* Folders and files named: the documentation set's folder by default. */
  {
    const char *paths[] = { regulatory, NULL };
    g_autoptr(AttestPageFiles) files = attest_page_files_collect (paths, NULL);

    g_assert_cmpuint (files->files->len, ==, 1);
    g_assert_cmpstr (((AttestPageFile *)files->files->pdata[0])->root, ==, docs);
  }
  {
    const char *paths[] = { page, NULL };
    g_autoptr(AttestPageFiles) files = attest_page_files_collect (paths, NULL);

    g_assert_cmpstr (((AttestPageFile *)files->files->pdata[0])->root, ==, docs);
  }
  /* Not asked for: the folder named. */
  {
    const char *paths[] = { regulatory, NULL };
    g_autoptr(AttestPageFiles) files = attest_page_files_collect_full (paths, NULL, FALSE, NULL);

    g_assert_cmpstr (((AttestPageFile *)files->files->pdata[0])->root, ==, regulatory);
  }
  /* Given: that folder, when it holds what is imported. */
  {
    const char *paths[] = { regulatory, NULL };
    g_autoptr(AttestPageFiles) files = attest_page_files_collect_full (paths, dir, TRUE, NULL);

    g_assert_cmpstr (((AttestPageFile *)files->files->pdata[0])->root, ==, dir);
    g_assert_cmpuint (files->warnings->len, ==, 0);
  }
  {
    const char *paths[] = { regulatory, NULL };
    g_autoptr(AttestPageFiles) files = attest_page_files_collect_full (paths, plain, TRUE, NULL);

    g_assert_cmpstr (((AttestPageFile *)files->files->pdata[0])->root, ==, regulatory);
    g_assert_cmpuint (files->warnings->len, ==, 1);
    g_assert_nonnull (strstr (files->warnings->pdata[0], "not inside the include root"));
  }
  /* plain/pages: a repository whose root holds includes/, one level up. */
  root = attest_page_files_docset_root (plain);
  g_assert_nonnull (root);
  g_assert_true (g_str_has_suffix (root, "/plain"));
  g_clear_pointer (&root, g_free);
  /* No documentation set up to the repository's root: none. */
  {
    g_autofree char *lone = g_build_filename (dir, "lone", "pages", NULL);

    touch (dir, "lone/.git/HEAD");
    touch (dir, "lone/pages/offering-d.md");
    g_assert_null (attest_page_files_docset_root (lone));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-files/walk", test_walk);
  g_test_add_func ("/page-files/explicit-file", test_explicit_file);
  g_test_add_func ("/page-files/alias", test_alias);
  g_test_add_func ("/page-files/display-name", test_display_name);
  g_test_add_func ("/page-files/include-root", test_include_root);

  return g_test_run ();
}
