/* attest-test-corpus.c: where the shared corpus is, for the tests that use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "attest-test-corpus.h"

/**
 * attest_test_find_corpus:
 *
 * The corpus (the folder holding pages/ and pdf/): $ATTEST_CORPUS, else
 * shared/corpus beside the checkout ($ATTEST_SOURCE_ROOT/..), for a test
 * that does without it; nothing is marked skipped.
 *
 * Returns: (transfer full) (nullable): the folder
 */
char *
attest_test_find_corpus (void)
{
  const char *env = g_getenv ("ATTEST_CORPUS");
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");

  if (env != NULL && *env != '\0' && g_file_test (env, G_FILE_TEST_IS_DIR))
    return g_strdup (env);
  if (root != NULL)
    {
      g_autofree char *beside = g_build_filename (root, "..", "shared", "corpus", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_DIR))
        return g_canonicalize_filename (beside, NULL);
    }
  return NULL;
}

/**
 * attest_test_corpus_dir:
 *
 * The corpus, as attest_test_find_corpus() finds it. Without it the test is
 * marked skipped, saying so, and %NULL comes back: the suite passes on a
 * clone of the project alone.
 *
 * Returns: (transfer full) (nullable): the folder
 */
char *
attest_test_corpus_dir (void)
{
  char *corpus = attest_test_find_corpus ();

  if (corpus == NULL)
    g_test_skip ("corpus not found: set ATTEST_CORPUS or put shared/ beside the checkout");
  return corpus;
}

/**
 * attest_test_collect_markdown:
 * @offering_only: only offering-*.md (the pages the importer takes)
 * @out: (element-type filename): paths appended, in directory order
 *
 * Every Markdown file below @dir, following no symbolic link to a folder.
 */
void
attest_test_collect_markdown (const char *dir,
                              gboolean    offering_only,
                              GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        attest_test_collect_markdown (path, offering_only, out);
      else if ((!offering_only || g_str_has_prefix (name, "offering-")) && g_str_has_suffix (name, ".md"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/**
 * attest_test_corpus_pages:
 * @offering_only: only offering-*.md (the pages the importer takes)
 *
 * Every Markdown page of the corpus (corpus/pages), for the tests that walk
 * it all. Without the corpus, or with no page in it, the test is marked
 * skipped, saying so, and %NULL comes back.
 *
 * Returns: (transfer full) (nullable) (element-type filename): the paths
 */
GPtrArray *
attest_test_corpus_pages (gboolean offering_only)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *pages_dir = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);

  if (corpus == NULL)
    return NULL;   /* skipped, and said why */
  pages_dir = g_build_filename (corpus, "pages", NULL);
  attest_test_collect_markdown (pages_dir, offering_only, pages);
  if (pages->len == 0)
    {
      g_autofree char *msg = g_strdup_printf ("no pages in %s (set ATTEST_CORPUS)", pages_dir);

      g_test_skip (msg);
      return NULL;
    }
  return g_steal_pointer (&pages);
}

/**
 * attest_test_corpus_largest_page:
 * @offering_only: among offering-*.md only
 *
 * The largest page of the corpus, in bytes (the first of equals, in
 * directory order); %NULL, the test skipped, without the corpus.
 *
 * Returns: (transfer full) (nullable): its path
 */
char *
attest_test_corpus_largest_page (gboolean offering_only)
{
  g_autoptr(GPtrArray) pages = attest_test_corpus_pages (offering_only);
  const char *largest = NULL;
  goffset largest_size = -1;

  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      GStatBuf st;

      if (g_stat (g_ptr_array_index (pages, i), &st) == 0 && st.st_size > largest_size)
        {
          largest_size = st.st_size;
          largest = g_ptr_array_index (pages, i);
        }
    }
  return g_strdup (largest);
}
