/* attest-page-files.c: which files of the paths named are offering pages
 *
 * In a folder, the pages are the files named offering-*.md (the publisher's
 * convention); everything else is counted as skipped, not as a failure. A file
 * named explicitly is a page whatever its name (DESIGN.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-page-files"

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>

#include "attest-page-files.h"

#define MAX_DEPTH 64

static void
file_free (AttestPageFile *f)
{
  g_free (f->path);
  g_free (f->root);
  g_free (f);
}

static void
failure_free (AttestPageFailure *f)
{
  g_free (f->path);
  g_free (f->message);
  g_free (f);
}

void
attest_page_files_free (AttestPageFiles *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->failures);
  g_free (self);
}

gboolean
attest_page_files_is_offering_name (const char *basename)
{
  g_autofree char *lower = g_ascii_strdown (basename, -1);

  return g_str_has_prefix (lower, "offering-") && g_str_has_suffix (lower, ".md");
}

static void
fail (AttestPageFiles *self,
      const char      *path,
      const char      *reason)
{
  AttestPageFailure *f = g_new0 (AttestPageFailure, 1);
  g_autofree char *name = g_filename_display_name (path);

  f->path = g_strdup (path);
  f->message = g_strdup_printf ("%s: %s", name, reason);
  g_ptr_array_add (self->failures, f);
}

static void
add_file (AttestPageFiles *self,
          const char      *path,
          const char      *root)
{
  AttestPageFile *f = g_new0 (AttestPageFile, 1);

  f->path = g_strdup (path);
  f->root = g_strdup (root);
  g_ptr_array_add (self->files, f);
}

static char *
dir_id (const struct stat *st)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

static void
walk (AttestPageFiles *self,
      const char      *dir,
      const char      *root,
      GHashTable      *visited,
      guint            depth,
      GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (g_cancellable_is_cancelled (cancellable))
    return;
  if (depth > MAX_DEPTH)
    {
      fail (self, dir, _("folders nested too deeply"));
      return;
    }

  d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    {
      fail (self, dir, error->message);
      return;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat st;

      if (stat (path, &st) != 0)
        {
          int saved = errno;
          /* A dangling link or a loop of links: name it, go on. */
          fail (self, path, saved == ELOOP ? _("symbolic link loop") : g_strerror (saved));
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          g_autofree char *id = dir_id (&st);
          if (!g_hash_table_add (visited, g_steal_pointer (&id)))
            {
              fail (self, path, _("symbolic link loop: this folder was already walked"));
              continue;
            }
          walk (self, path, root, visited, depth + 1, cancellable);
        }
      else if (S_ISREG (st.st_mode) && attest_page_files_is_offering_name (name))
        add_file (self, path, root);
      else
        self->skipped++;
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  const AttestPageFile *fa = *(AttestPageFile **)a;
  const AttestPageFile *fb = *(AttestPageFile **)b;

  return strcmp (fa->path, fb->path);
}

/**
 * attest_page_files_collect:
 * @paths: files and folders, as the user named them
 *
 * Returns: the pages to import, folders walked recursively in byte order of path.
 */
AttestPageFiles *
attest_page_files_collect (const char * const *paths,
                           GCancellable       *cancellable)
{
  AttestPageFiles *self = g_new0 (AttestPageFiles, 1);

  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify)file_free);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)failure_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (paths[i], NULL);
      struct stat st;

      if (stat (path, &st) != 0)
        {
          int saved = errno;
          fail (self, paths[i], saved == ELOOP ? _("symbolic link loop") : g_strerror (saved));
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          guint first = self->files->len;

          g_hash_table_add (visited, dir_id (&st));
          walk (self, path, path, visited, 0, cancellable);
          /* Byte order of path within each folder named. */
          if (self->files->len > first)
            {
              g_autoptr(GPtrArray) tail = g_ptr_array_new ();
              for (guint j = first; j < self->files->len; j++)
                g_ptr_array_add (tail, self->files->pdata[j]);
              g_ptr_array_sort (tail, compare_paths);
              for (guint j = 0; j < tail->len; j++)
                self->files->pdata[first + j] = tail->pdata[j];
            }
        }
      else if (S_ISREG (st.st_mode))
        {
          g_autofree char *dir = g_path_get_dirname (path);
          add_file (self, path, dir);
        }
      else
        fail (self, paths[i], _("not a regular file or folder"));
    }

  return self;
}
