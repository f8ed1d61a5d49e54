/* attest-export-file.c: an export written beside its target and renamed onto it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way the CLI and the window write an export file (issue 22): a
 * cancelled or failed export leaves nothing under the chosen name, and an
 * older file there stays whole until the new one is complete.
 */
#define G_LOG_DOMAIN "attest-export-file"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-export-file.h"

static gboolean
errno_error (GError     **error,
             const char  *target,
             int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (target);

  /* Translators: the first %s is a file name, the second the reason */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/**
 * attest_export_file_write:
 * @target: the file chosen
 * @write: writes the export to the path it is given
 * @cancellable: (nullable): checked once @write returns, before the rename
 *
 * Calls @write on a hidden file beside @target (".NAME.XXXXXX", with the
 * mode any new file gets), then renames it onto @target. On failure or
 * cancellation the hidden file is removed and @target is left as it was.
 *
 * Returns: %TRUE when @target holds the export
 */
gboolean
attest_export_file_write (const char             *target,
                          AttestExportWriteFunc   write,
                          gpointer                user_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local = NULL;
  mode_t mask;
  int fd;

  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    return errno_error (error, target, errno);
  /* g_mkstemp() makes it private; give it the mode any new file gets. */
  mask = umask (0);
  umask (mask);
  if (fchmod (fd, 0666 & ~mask) != 0 || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return errno_error (error, target, saved);
    }

  if (!write (tmp, user_data, cancellable, &local))
    {
      g_unlink (tmp);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        {
          g_autofree char *display = g_filename_display_name (target);

          /* Translators: the first %s is a file name, the second the reason */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), display, local->message);
        }
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, target) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return errno_error (error, target, saved);
    }
  return TRUE;
}

/**
 * attest_export_file_extension:
 * @path: a file name the person chose
 * @known: (array zero-terminated=1): the extensions of the formats, ".pdf" …
 *
 * Returns: (nullable): the entry of @known that @path's name ends in (any
 * case), or %NULL when it ends in none, or is only an extension (".pdf")
 */
const char *
attest_export_file_extension (const char         *path,
                              const char * const *known)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (known != NULL, NULL);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return NULL;
  for (guint i = 0; known[i] != NULL; i++)
    if (g_ascii_strcasecmp (dot, known[i]) == 0)
      return known[i];
  return NULL;
}

/* The matrix: the sheets as PDF, CSV, HTML, JSON, or an XLSX workbook. */
const char * const attest_matrix_export_formats[] = { ".pdf", ".csv", ".html", ".json", ".xlsx", NULL };
/* The evidence report (and the gap report alone): its sheets as PDF, or HTML. */
const char * const attest_report_export_formats[] = { ".pdf", ".html", NULL };
