/* attest-page-files.c: which files of the paths named are offering pages,
 * and reading one with its includes
 *
 * In a folder, the pages are the files named offering-*.md (the publisher's
 * convention); everything else is counted as skipped, not as a failure. A file
 * named explicitly is a page whatever its name (DESIGN.md). A folder reached
 * twice (a link to it elsewhere in the tree) is walked once; a link back to a
 * folder being walked is a loop, named in a warning and not followed.
 *
 * A page is read once: the bytes read, with its [!INCLUDE] files spliced in,
 * are what is parsed, hashed and stored, so a file rewritten during the import
 * cannot make them differ, and the stored page shows the included text. Every
 * file is checked (regular, size) before it is read, and opened without
 * blocking (a FIFO never hangs the import); includes are opened without
 * following a link swapped in after their path was resolved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-page-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "attest-front-matter.h"
#include "attest-page.h"
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
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

gboolean
attest_page_files_is_offering_name (const char *basename)
{
  g_autofree char *lower = g_ascii_strdown (basename, -1);

  return g_str_has_prefix (lower, "offering-") && g_str_has_suffix (lower, ".md");
}

/**
 * attest_page_files_display_name:
 * @name: a file name or path, as the file system has it
 *
 * The name as text that is safe to show, store and print: valid UTF-8, a
 * byte that is not UTF-8 written as "\xNN", a control character (a newline,
 * an escape code) as "\n", "\t", "\r" or "\xNN" / "\u{NN}".
 *
 * Returns: (transfer full): the name to show
 */
char *
attest_page_files_display_name (const char *name)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  out = g_string_sized_new (strlen (name));
  for (p = name; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", (guint) c);
      else if (c >= 0x80 && c < 0xa0)
        g_string_append_printf (out, "\\u{%02x}", (guint) c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static gboolean path_within (const char *path,
                             const char *root);

static void
fail (AttestPageFiles *self,
      const char      *path,
      const char      *reason)
{
  AttestPageFailure *f = g_new0 (AttestPageFailure, 1);
  g_autofree char *name = attest_page_files_display_name (path);

  f->path = g_strdup (path);
  f->message = g_strdup_printf ("%s: %s", name, reason);
  g_ptr_array_add (self->failures, f);
}

static void
warn (AttestPageFiles *self,
      const char      *path,
      const char      *reason)
{
  g_autofree char *name = attest_page_files_display_name (path);

  g_ptr_array_add (self->warnings, g_strdup_printf ("%s: %s", name, reason));
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

/* @visited: every folder walked (dir_id); @ancestors: the folders from the
 * root down to @dir. */
static void
walk (AttestPageFiles *self,
      const char      *dir,
      const char      *root,
      GHashTable      *visited,
      GHashTable      *ancestors,
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
          /* A dangling link or links pointing at each other: name it, go on. */
          fail (self, path, saved == ELOOP ? _("symbolic link loop") : g_strerror (saved));
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          g_autofree char *id = dir_id (&st);

          /* A link back to a folder being walked: followed, it would never end. */
          if (g_hash_table_contains (ancestors, id))
            {
              warn (self, path, _("symbolic link loop: this folder is not walked again"));
              continue;
            }
          /* The same folder under another name (a link to it): its pages once. */
          if (!g_hash_table_add (visited, g_strdup (id)))
            continue;
          g_hash_table_add (ancestors, g_strdup (id));
          walk (self, path, root, visited, ancestors, depth + 1, cancellable);
          g_hash_table_remove (ancestors, id);
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

/* How far up a documentation set's folder is looked for. */
#define MAX_DOCSET_LEVELS 8

/* A documentation set's folder holds its shared includes (an includes/
 * folder) or its build file (docfx.json). */
static gboolean
holds_docset (const char *dir)
{
  g_autofree char *includes = g_build_filename (dir, "includes", NULL);
  g_autofree char *docfx = g_build_filename (dir, "docfx.json", NULL);
  struct stat st;

  return (stat (includes, &st) == 0 && S_ISDIR (st.st_mode)) ||
         (stat (docfx, &st) == 0 && S_ISREG (st.st_mode));
}

/**
 * attest_page_files_docset_root:
 * @dir: a folder of pages (canonical)
 *
 * The nearest folder from @dir up that holds the documentation set @dir is
 * part of (an includes/ folder or a docfx.json), as pages include
 * "../includes/…". Never "/" nor the home folder itself, nothing above a
 * repository's root (a folder with .git), at most a few levels up.
 *
 * Returns: (transfer full) (nullable): that folder, or %NULL
 */
char *
attest_page_files_docset_root (const char *dir)
{
  g_autofree char *cur = NULL;
  g_autofree char *home = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  cur = g_canonicalize_filename (dir, NULL);
  home = g_canonicalize_filename (g_get_home_dir (), NULL);
  for (guint level = 0; level <= MAX_DOCSET_LEVELS; level++)
    {
      g_autofree char *git = g_build_filename (cur, ".git", NULL);
      char *parent;

      if (strcmp (cur, "/") == 0 || strcmp (cur, home) == 0)
        return NULL;
      if (holds_docset (cur))
        return g_steal_pointer (&cur);
      if (g_file_test (git, G_FILE_TEST_EXISTS))
        return NULL;
      parent = g_path_get_dirname (cur);
      g_free (cur);
      cur = parent;
    }
  return NULL;
}

/* The folder includes of pages found from @named (a folder, or a file's
 * folder) may be read from. */
static char *
include_root_for (AttestPageFiles *self,
                  const char      *named,
                  const char      *include_root,
                  gboolean         docset)
{
  if (include_root != NULL)
    {
      g_autofree char *root = g_canonicalize_filename (include_root, NULL);

      if (path_within (named, root))
        return g_steal_pointer (&root);
      warn (self, named, _("not inside the include root given: its pages' includes stay inside it"));
      return g_strdup (named);
    }
  if (docset)
    {
      char *root = attest_page_files_docset_root (named);

      if (root != NULL)
        return root;
    }
  return g_strdup (named);
}

/**
 * attest_page_files_collect:
 * @paths: files and folders, as the user named them
 *
 * attest_page_files_collect_full() with the documentation set's folder as
 * the include root.
 *
 * Returns: the pages to import, folders walked recursively in byte order of path.
 */
AttestPageFiles *
attest_page_files_collect (const char * const *paths,
                           GCancellable       *cancellable)
{
  return attest_page_files_collect_full (paths, NULL, TRUE, cancellable);
}

/**
 * attest_page_files_collect_full:
 * @paths: files and folders, as the user named them
 * @include_root: (nullable): the folder includes may be read from (the
 *   analyst allowed it); it must hold the folders named
 * @docset: without @include_root, let includes be read from the nearest
 *   folder above that holds the documentation set
 *   (attest_page_files_docset_root()); else only from the folder named
 *
 * Returns: the pages to import, folders walked recursively in byte order of path.
 */
AttestPageFiles *
attest_page_files_collect_full (const char * const *paths,
                                const char         *include_root,
                                gboolean            docset,
                                GCancellable       *cancellable)
{
  AttestPageFiles *self = g_new0 (AttestPageFiles, 1);

  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify)file_free);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)failure_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      struct stat st;

      /* Not the current folder, as canonicalizing "" would make it. */
      if (paths[i][0] == '\0')
        {
          AttestPageFailure *f = g_new0 (AttestPageFailure, 1);

          f->path = g_strdup ("");
          f->message = g_strdup (_("an empty name is not a file or folder"));
          g_ptr_array_add (self->failures, f);
          continue;
        }

      path = g_canonicalize_filename (paths[i], NULL);
      if (stat (path, &st) != 0)
        {
          int saved = errno;
          fail (self, paths[i], saved == ELOOP ? _("symbolic link loop") : g_strerror (saved));
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_autoptr(GHashTable) ancestors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          guint first = self->files->len;

          g_autofree char *root = include_root_for (self, path, include_root, docset);

          g_hash_table_add (visited, dir_id (&st));
          g_hash_table_add (ancestors, dir_id (&st));
          walk (self, path, root, visited, ancestors, 0, cancellable);
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
          g_autofree char *root = include_root_for (self, dir, include_root, docset);

          add_file (self, path, root);
        }
      else
        fail (self, paths[i], _("not a regular file or folder"));
    }

  return self;
}

/* ------------------------------------------------------------------ */
/* Reading a page and its includes                                      */

/* Reads @path whole if it is a regular file of at most @max bytes: checked
 * with stat before it is opened and with fstat on what was opened (O_NONBLOCK:
 * a FIFO swapped in never blocks; O_NOFOLLOW when @nofollow). On failure
 * @reason says why (without the file name) and @too_large whether it was the
 * size. */
static GBytes *
read_regular (const char  *path,
              gboolean     nofollow,
              gsize        max,
              gboolean    *is_dir,
              gboolean    *too_large,
              char       **reason)
{
  struct stat before, st;
  g_autofree char *data = NULL;
  gsize cap, len = 0;
  int fd;

  *is_dir = FALSE;
  *too_large = FALSE;
  if ((nofollow ? lstat (path, &before) : stat (path, &before)) != 0)
    {
      *reason = g_strdup (g_strerror (errno));
      return NULL;
    }
  if (S_ISDIR (before.st_mode))
    {
      *is_dir = TRUE;
      *reason = g_strdup (_("is a directory"));
      return NULL;
    }
  if (S_ISLNK (before.st_mode))
    {
      *reason = g_strdup (_("is a symbolic link"));
      return NULL;
    }
  if (!S_ISREG (before.st_mode))
    {
      *reason = g_strdup (_("is not a regular file"));
      return NULL;
    }
  if ((guint64) before.st_size > max)
    {
      *too_large = TRUE;
      return NULL;
    }

  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0)
    {
      int saved = errno;

      *reason = g_strdup (saved == ELOOP && nofollow ? _("is a symbolic link") : g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      st.st_dev != before.st_dev || st.st_ino != before.st_ino)
    {
      close (fd);
      *reason = g_strdup (_("is not a regular file"));
      return NULL;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      *too_large = TRUE;
      return NULL;
    }

  /* The size now, and one byte more to notice a file that grew past @max. */
  cap = (gsize) st.st_size + 1;
  data = g_malloc (cap + 1);
  for (;;)
    {
      gssize n;

      if (len == cap)
        {
          if (len > max)
            {
              close (fd);
              *too_large = TRUE;
              return NULL;
            }
          cap = MIN (cap * 2, max + 1);
          data = g_realloc (data, cap + 1);
        }
      n = read (fd, data + len, cap - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          *reason = g_strdup (g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  if (len > max)
    {
      *too_large = TRUE;
      return NULL;
    }
  data[len] = '\0';
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

typedef struct {
  const char *page_path;    /* the page being read, as shown, for warnings */
  char *root;               /* canonical, symlinks resolved */
  GPtrArray *stack;         /* canonical paths of the files being spliced */
  GPtrArray *warnings;
  GString *out;
} Includer;

static void
append_placeholder (GString    *out,
                    const char *target)
{
  g_autofree char *msg = g_strdup_printf (_("Missing include: %s"), target);

  g_string_append (out, "\n");
  for (const char *p = msg; *p != '\0'; p++)
    {
      if (g_ascii_ispunct (*p) && *p != '.' && *p != ':' && *p != '/' && *p != ',')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "\n\n");
}

/* "[!INCLUDE [title](path)]" at the start of a line: the path. */
static char *
include_target (const char *line,
                gsize       len)
{
  gsize i = 0, open, close;

  while (i < len && i < 3 && line[i] == ' ')
    i++;
  if (len - i < 10 || g_ascii_strncasecmp (line + i, "[!INCLUDE", 9) != 0)
    return NULL;
  i += 9;
  while (i < len && line[i] == ' ')
    i++;
  if (i >= len || line[i] != '[')
    return NULL;
  for (open = i; open + 1 < len; open++)
    if (line[open] == ']' && line[open + 1] == '(')
      break;
  if (open + 1 >= len)
    return NULL;
  open += 2;
  for (close = open; close < len && line[close] != ')'; close++)
    ;
  if (close >= len || close == open)
    return NULL;
  return g_strstrip (g_strndup (line + open, close - open));
}

static gboolean
path_within (const char *path,
             const char *root)
{
  gsize n = strlen (root);

  if (strcmp (root, "/") == 0)
    return TRUE;
  return strncmp (path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static void splice_text (Includer   *inc,
                         const char *file,
                         const char *display,
                         const char *text,
                         gsize       len,
                         guint       depth);

static void
splice_include (Includer   *inc,
                const char *file,
                const char *display,
                const char *target,
                guint       depth)
{
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *lexical = g_canonicalize_filename (target, dir);
  g_autofree char *real = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *reason = NULL;
  const char *contents = NULL;
  gsize len = 0;
  gsize body;

  if (!path_within (lexical, inc->root))
    reason = g_strdup (_("outside the import root"));
  else if ((real = realpath (lexical, NULL)) == NULL)
    reason = g_strdup (g_strerror (errno));
  else if (!path_within (real, inc->root))
    reason = g_strdup (_("outside the import root"));
  else if (depth + 1 > ATTEST_PAGE_MAX_INCLUDE_DEPTH)
    reason = g_strdup_printf (_("includes are nested more than %d levels deep"),
                              ATTEST_PAGE_MAX_INCLUDE_DEPTH);
  else
    {
      for (guint i = 0; i < inc->stack->len && reason == NULL; i++)
        if (strcmp (g_ptr_array_index (inc->stack, i), real) == 0)
          reason = g_strdup (_("includes itself (a cycle)"));
    }
  if (reason == NULL)
    {
      gsize room = ATTEST_PAGE_MAX_BYTES - MIN (inc->out->len, (gsize) ATTEST_PAGE_MAX_BYTES);
      gboolean is_dir, too_large;

      /* Checked before a byte is read: a 1 GB include is never loaded. */
      bytes = read_regular (real, TRUE, room, &is_dir, &too_large, &reason);
      if (bytes != NULL)
        contents = g_bytes_get_data (bytes, &len);
      if (too_large)
        reason = g_strdup_printf (_("would make the page larger than %d MiB"),
                                  ATTEST_PAGE_MAX_BYTES / (1024 * 1024));
      else if (bytes != NULL && memchr (contents, '\0', len) != NULL)
        reason = g_strdup (_("is binary"));
      else if (bytes != NULL && !g_utf8_validate_len (contents, len, NULL))
        reason = g_strdup (_("is not UTF-8 text"));
    }

  if (reason != NULL)
    {
      g_autofree char *shown = attest_page_files_display_name (real != NULL ? real : lexical);

      if (inc->warnings->len >= ATTEST_PAGE_FILES_MAX_WARNINGS)
        ;
      else if (strcmp (display, inc->page_path) == 0)
        g_ptr_array_add (inc->warnings,
                         g_strdup_printf (_("%s: include “%s” (%s): %s"),
                                          inc->page_path, target, shown, reason));
      else
        g_ptr_array_add (inc->warnings,
                         g_strdup_printf (_("%s: include “%s” in %s (%s): %s"),
                                          inc->page_path, target, display, shown, reason));
      append_placeholder (inc->out, target);
      return;
    }

  body = attest_front_matter_skip (contents, len);
  g_ptr_array_add (inc->stack, g_strdup (real));
  g_string_append_c (inc->out, '\n');
  {
    g_autofree char *shown = attest_page_files_display_name (real);

    splice_text (inc, real, shown, contents + body, len - body, depth + 1);
  }
  g_string_append_c (inc->out, '\n');
  g_ptr_array_remove_index (inc->stack, inc->stack->len - 1);
}

static void
splice_text (Includer   *inc,
             const char *file,
             const char *display,
             const char *text,
             gsize       len,
             guint       depth)
{
  gsize pos = 0;

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize end = nl != NULL ? (gsize) (nl - text) + 1 : len;
      g_autofree char *target = include_target (text + pos, end - pos);

      if (target != NULL)
        splice_include (inc, file, display, target, depth);
      else
        g_string_append_len (inc->out, text + pos, (gssize) (end - pos));
      pos = end;
    }
}

void
attest_page_source_free (AttestPageSource *self)
{
  if (self == NULL)
    return;
  g_bytes_unref (self->text);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

/**
 * attest_page_source_read:
 * @path: the page
 * @root_dir: (nullable): includes stay inside it; the page's folder when %NULL
 * @display: the page's name in messages (attest_page_files_display_name())
 *
 * Reads the page once, then splices in its [!INCLUDE] files (each read once,
 * after its type and size are checked). An include that cannot be used
 * leaves a "Missing include" placeholder and a warning naming the page, the
 * include and the reason. A page that is not UTF-8 text is returned as read,
 * for the parser to say why.
 *
 * Returns: (transfer full): the page, or %NULL with @error (ATTEST_PAGE_ERROR)
 *   naming @display when it cannot be read
 */
AttestPageSource *
attest_page_source_read (const char  *path,
                         const char  *root_dir,
                         const char  *display,
                         GError     **error)
{
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *abs_path = NULL;
  g_autofree char *root_lexical = NULL;
  g_autoptr(GString) spliced = NULL;
  AttestPageSource *self;
  gboolean is_dir, too_large;
  const char *text;
  gsize len;
  Includer inc = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (display != NULL, NULL);

  raw = read_regular (path, FALSE, ATTEST_PAGE_MAX_BYTES, &is_dir, &too_large, &reason);
  if (raw == NULL)
    {
      if (is_dir)
        g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_IS_DIRECTORY,
                     _("%s: is a directory, not a page"), display);
      else if (too_large)
        g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_TOO_LARGE,
                     _("%s: the page is larger than %d MiB"), display,
                     ATTEST_PAGE_MAX_BYTES / (1024 * 1024));
      else
        g_set_error (error, ATTEST_PAGE_ERROR, ATTEST_PAGE_ERROR_READ,
                     _("%s: cannot read the page: %s"), display, reason);
      return NULL;
    }

  self = g_new0 (AttestPageSource, 1);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  text = g_bytes_get_data (raw, &len);

  /* Nothing to splice, or not text: the bytes as read. */
  if (len == 0 || !g_utf8_validate_len (text, len, NULL) ||
      g_strstr_len (text, (gssize) len, "[!") == NULL)
    {
      self->text = g_steal_pointer (&raw);
      return self;
    }

  abs_path = g_canonicalize_filename (path, NULL);
  root_lexical = root_dir != NULL ? g_canonicalize_filename (root_dir, NULL) : g_path_get_dirname (abs_path);
  inc.root = realpath (root_lexical, NULL);
  if (inc.root == NULL)
    inc.root = g_strdup (root_lexical);
  spliced = g_string_sized_new (len + 64);
  inc.page_path = display;
  inc.stack = g_ptr_array_new_with_free_func (g_free);
  inc.warnings = self->warnings;
  inc.out = spliced;
  {
    char *real = realpath (abs_path, NULL);

    g_ptr_array_add (inc.stack, real != NULL ? real : g_strdup (abs_path));
  }
  splice_text (&inc, g_ptr_array_index (inc.stack, 0), display, text, len, 0);
  g_ptr_array_unref (inc.stack);
  free (inc.root);

  if (spliced->len == len && memcmp (spliced->str, text, len) == 0)
    self->text = g_steal_pointer (&raw);
  else
    self->text = g_string_free_to_bytes (g_steal_pointer (&spliced));
  return self;
}
