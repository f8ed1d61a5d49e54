/* attest-evidence-package.c: the evidence package, a BagIt 1.0 folder or its zip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See the header for what the bag holds and how to run this in a thread.
 * Every payload file is hashed as it is written (the PDFs cairo writes are
 * read back once), so the manifest is made without a second walk.
 */
#define G_LOG_DOMAIN "attest-evidence-package"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-annotated-copy.h"
#include "attest-evidence-package.h"
#include "attest-gap-csv.h"
#include "attest-matrix-export.h"
#include "attest-matrix-sheets.h"
#include "attest-report-html.h"
#include "attest-report-sheets.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"

/* The longest file name kept, in bytes: most file systems take 255. */
#define NAME_MAX_BYTES 200

/**
 * attest_package_safe_name:
 * @name: (nullable): a file's name as the workspace recorded it
 *
 * A name that stays inside its folder on any system: the last part of a
 * path (after "/" or "\"), control characters and < > : " | ? * % replaced by
 * "_", leading dots and spaces and trailing dots and spaces dropped (so never
 * "." or ".."), at most NAME_MAX_BYTES bytes (the extension kept); "evidence"
 * when nothing is left.
 */
char *
attest_package_safe_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  const char *base = valid;
  GString *out = g_string_new (NULL);
  const char *start, *ext;
  gsize len;

  for (const char *p = valid; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || strchr ("<>:\"|?*%", (int) c) != NULL)
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  start = out->str;
  while (*start == '.' || *start == ' ')
    start++;
  len = strlen (start);
  while (len > 0 && (start[len - 1] == '.' || start[len - 1] == ' '))
    len--;
  if (len == 0)
    {
      g_string_free (out, TRUE);
      return g_strdup ("evidence");
    }
  {
    g_autofree char *clean = g_strndup (start, len);

    g_string_free (out, TRUE);
    if (len <= NAME_MAX_BYTES)
      return g_steal_pointer (&clean);
    ext = strrchr (clean, '.');
    if (ext == NULL || strlen (ext) > 16)
      ext = "";
    {
      gsize keep = NAME_MAX_BYTES - strlen (ext);
      const char *end = clean + keep;

      /* Back to a character's start. */
      while (end > clean && (*end & 0xc0) == 0x80)
        end--;
      g_autofree char *stem = g_strndup (clean, end - clean);

      return g_strconcat (stem, ext, NULL);
    }
  }
}

/**
 * attest_package_unique_name:
 * @taken: (element-type utf8): the case-folded names already used in the
 *   folder; the name returned is added
 * @name: a name from attest_package_safe_name()
 *
 * Returns: @name, or "stem (N).ext" with the first N from 2 not yet taken
 */
char *
attest_package_unique_name (GHashTable *taken,
                            const char *name)
{
  g_autofree char *stem = NULL;
  const char *dot = strrchr (name, '.');
  const char *ext = dot != NULL && dot != name ? dot : "";

  stem = g_strndup (name, strlen (name) - strlen (ext));
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (name) : g_strdup_printf ("%s (%u)%s", stem, n, ext);
      g_autofree char *key = g_utf8_casefold (candidate, -1);

      if (!g_hash_table_contains (taken, key))
        {
          g_hash_table_add (taken, g_steal_pointer (&key));
          return g_steal_pointer (&candidate);
        }
    }
}

typedef struct {
  char *path;     /* relative to the bag: "data/…" or a tag file */
  char *sha256;
  guint64 size;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->path);
  g_free (e->sha256);
  g_free (e);
}

typedef struct {
  char *root;          /* the hidden folder being filled */
  GPtrArray *payload;  /* Entry */
  GPtrArray *tags;     /* Entry */
  AttestPackageProgress progress;
  gpointer user_data;
  guint done, total;
} Bag;

static void
step (Bag        *bag,
      const char *what)
{
  bag->done++;
  if (bag->progress != NULL)
    bag->progress (what, bag->done, bag->total, bag->user_data);
}

static gboolean
write_file (Bag         *bag,
            GPtrArray   *list,
            const char  *rel,
            const void  *data,
            gsize        size,
            GError     **error)
{
  g_autofree char *path = g_build_filename (bag->root, rel, NULL);
  Entry *e;

  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_NONE, 0666, error))
    return FALSE;
  e = g_new0 (Entry, 1);
  e->path = g_strdup (rel);
  e->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  e->size = size;
  g_ptr_array_add (list, e);
  return TRUE;
}

/* A file already written (by cairo): hashed by reading it back. */
static gboolean
add_written (Bag         *bag,
             const char  *rel,
             GError     **error)
{
  g_autofree char *path = g_build_filename (bag->root, rel, NULL);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);
  Entry *e;

  if (mapped == NULL)
    return FALSE;
  e = g_new0 (Entry, 1);
  e->path = g_strdup (rel);
  e->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                           (const guchar *) g_mapped_file_get_contents (mapped),
                                           g_mapped_file_get_length (mapped));
  e->size = g_mapped_file_get_length (mapped);
  g_ptr_array_add (bag->payload, e);
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry **) a, *y = *(const Entry **) b;

  return strcmp (x->path, y->path);
}

static char *
manifest (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = entries->pdata[i];
      g_string_append_printf (out, "%s  %s\n", e->sha256, e->path);
    }
  return g_string_free (out, FALSE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               /* Translators: %s: a file; then the system's reason */
               _("Could not write %s: %s"), path, g_strerror (saved));
  return FALSE;
}

/**
 * attest_evidence_package_check_target:
 * @target: the bag's folder (with @zip: the zip is @target.zip)
 *
 * Fails with G_IO_ERROR_EXISTS when @target is a file or a folder that is
 * not empty (with @zip: when @target.zip is a folder), and with
 * G_IO_ERROR_PERMISSION_DENIED or G_IO_ERROR_NOT_FOUND when the folder it
 * goes in is not a writable folder. The messages name the file.
 */
gboolean
attest_evidence_package_check_target (const char  *target,
                                      gboolean     zip,
                                      GError     **error)
{
  g_autofree char *final = zip ? g_strconcat (target, ".zip", NULL) : g_strdup (target);
  g_autofree char *parent = g_path_get_dirname (final);
  g_autofree char *base = g_path_get_basename (target);

  if (*target == '\0' || g_str_equal (base, ".") || g_str_equal (base, "..") || g_str_equal (base, "/"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   /* Translators: %s: the folder named for the evidence package */
                   _("%s: not a name for the package's folder"), target);
      return FALSE;
    }
  if (!zip && g_file_test (final, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = g_dir_open (final, 0, NULL);

      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       /* Translators: %s: the folder named for the evidence package */
                       _("%s already exists and is not an empty folder"), final);
          return FALSE;
        }
    }
  if (zip && g_file_test (final, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s: the zip file named for the evidence package */
                   _("%s is a folder"), final);
      return FALSE;
    }
  if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s: a folder */
                   _("cannot write in %s: not a writable folder"), parent);
      return FALSE;
    }
  if (g_access (parent, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("cannot write in %s: not a writable folder"), parent);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_report (Bag                     *bag,
              AttestWorkspace         *workspace,
              const AttestPackageInfo *info,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(AttestReport) report = attest_report_gather (workspace, info->matrix, NULL, cancellable, error);
  g_autoptr(AttestReportSheets) sheets = NULL;
  g_autoptr(AttestMatrixSheets) matrix_sheets = NULL;
  g_autofree char *html = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  double width = info->paper_width > 0 ? info->paper_width : 595.276;
  double height = info->paper_height > 0 ? info->paper_height : 841.890;

  if (report == NULL)
    return FALSE;
  sheets = attest_report_sheets_new (report, info->workspace_name, info->reviewer, info->date, info->fingerprint);
  pdf = g_build_filename (bag->root, "data", "report.pdf", NULL);
  if (!attest_report_sheets_export_pdf (sheets, pdf, width, height, error)
      || !add_written (bag, "data/report.pdf", error))
    return FALSE;
  /* Translators: a step of the evidence package's export */
  step (bag, _("Evidence report (PDF)"));
  html = attest_report_export_html (report, info->workspace_name, info->reviewer, info->date, info->fingerprint);
  if (!write_file (bag, bag->payload, "data/report.html", html, strlen (html), error))
    return FALSE;
  /* Translators: a step of the evidence package's export */
  step (bag, _("Evidence report (HTML)"));
  g_free (csv);
  csv = attest_gap_export_csv (report->gap);
  if (!write_file (bag, bag->payload, "data/gap.csv", csv, strlen (csv), error))
    return FALSE;
  /* Translators: a step of the evidence package's export */
  step (bag, _("Gap report (CSV)"));
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  matrix_sheets = attest_matrix_sheets_new (info->matrix, info->workspace_name, info->reviewer,
                                            info->date, info->fingerprint);
  g_free (pdf);
  pdf = g_build_filename (bag->root, "data", "matrix.pdf", NULL);
  /* The matrix is wide: landscape. */
  if (!attest_matrix_sheets_export_pdf (matrix_sheets, pdf, height, width, error)
      || !add_written (bag, "data/matrix.pdf", error))
    return FALSE;
  g_free (csv);
  csv = attest_matrix_export_csv (info->matrix);
  if (!write_file (bag, bag->payload, "data/matrix.csv", csv, strlen (csv), error))
    return FALSE;
  /* Translators: a step of the evidence package's export */
  step (bag, _("Evidence matrix (PDF and CSV)"));
  return TRUE;
}

static gboolean
is_pdf (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size >= 5 && memcmp (data, "%PDF-", 5) == 0;
}

static gboolean
write_evidence (Bag              *bag,
                AttestWorkspace  *workspace,
                GPtrArray        *files,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      AttestEvidence *file = files->pdata[i];
      g_autofree char *safe = attest_package_safe_name (file->name);
      g_autofree char *name = attest_package_unique_name (taken, safe);
      g_autofree char *rel = g_strconcat ("data/evidence/", name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) annotations = NULL;
      gsize size;
      const void *data;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      bytes = attest_workspace_get_evidence_bytes (workspace, file->sha256, NULL, error);
      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &size);
      if (!write_file (bag, bag->payload, rel, data, size, error))
        return FALSE;

      annotations = attest_workspace_list_annotations (workspace, file->sha256, error);
      if (annotations == NULL)
        return FALSE;
      if (annotations->len > 0 && is_pdf (bytes))
        {
          g_autoptr(GBytes) copy = attest_annotated_copy_make (bytes, annotations, error);
          g_autofree char *annotated = g_strconcat ("data/annotated/", name, NULL);

          if (copy == NULL)
            {
              g_prefix_error (error, "%s: ", file->name);
              return FALSE;
            }
          data = g_bytes_get_data (copy, &size);
          if (!write_file (bag, bag->payload, annotated, data, size, error))
            return FALSE;
        }
      step (bag, file->name);
    }
  return TRUE;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const AttestNote *x = *(const AttestNote **) a, *y = *(const AttestNote **) b;
  int c = strcmp (x->target, y->target);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

static gboolean
write_notes (Bag              *bag,
             AttestWorkspace  *workspace,
             GError          **error)
{
  g_autoptr(GPtrArray) notes = attest_workspace_list_notes (workspace, NULL, error);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *last = NULL;

  if (notes == NULL)
    return FALSE;
  g_ptr_array_sort (notes, compare_notes);
  /* Translators: the title of the notes file in the evidence package */
  g_string_append_printf (out, "# %s\n", _("Notes"));
  for (guint i = 0; i < notes->len; i++)
    {
      AttestNote *note = notes->pdata[i];

      if (g_strcmp0 (last, note->target) != 0)
        g_string_append_printf (out, "\n## `%s`\n", note->target);
      last = note->target;
      g_string_append_printf (out, "\n<!-- %s, %s -->\n\n%s\n", note->created_at,
                              note->updated_at != NULL ? note->updated_at : note->created_at, note->text);
    }
  if (notes->len == 0)
    /* Translators: in the notes file of the evidence package */
    g_string_append_printf (out, "\n%s\n", _("No notes."));
  if (!write_file (bag, bag->payload, "data/notes.md", out->str, out->len, error))
    return FALSE;
  /* Translators: a step of the evidence package's export */
  step (bag, _("Notes"));
  return TRUE;
}

static gboolean
write_tags (Bag                     *bag,
            const AttestPackageInfo *info,
            GError                 **error)
{
  static const char bagit[] = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  g_autoptr(GString) bag_info = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *payload = NULL;
  g_autofree char *tags = NULL;
  guint64 octets = 0;

  for (guint i = 0; i < bag->payload->len; i++)
    octets += ((Entry *) bag->payload->pdata[i])->size;
  payload = manifest (bag->payload);

  g_string_append_printf (bag_info, "Bag-Software-Agent: Attest %s\n", PACKAGE_VERSION);
  g_string_append_printf (bag_info, "Bagging-Date: %s\n", today);
  g_string_append_printf (bag_info, "Payload-Oxum: %" G_GUINT64_FORMAT ".%u\n", octets, bag->payload->len);
  g_string_append_printf (bag_info, "Attest-Fingerprint: %s\n", info->fingerprint != NULL ? info->fingerprint : "");
  if (info->reviewer != NULL && *info->reviewer != '\0')
    {
      g_autofree char *reviewer = g_strdelimit (g_strdup (info->reviewer), "\r\n", ' ');
      g_string_append_printf (bag_info, "Attest-Reviewer: %s\n", reviewer);
    }
  if (info->workspace_name != NULL)
    {
      g_autofree char *name = g_strdelimit (g_strdup (info->workspace_name), "\r\n", ' ');
      g_string_append_printf (bag_info, "Attest-Workspace: %s\n", name);
    }
  g_string_append_printf (bag_info, "Attest-Date: %s\n", info->date != NULL ? info->date : today);
  g_string_append (bag_info, "External-Description: Attest evidence package: the evidence report, "
                   "the gap report, the evidence matrix, the evidence files, annotated copies and notes\n");

  if (!write_file (bag, bag->tags, "bagit.txt", bagit, strlen (bagit), error)
      || !write_file (bag, bag->tags, "bag-info.txt", bag_info->str, bag_info->len, error)
      || !write_file (bag, bag->tags, "manifest-sha256.txt", payload, strlen (payload), error))
    return FALSE;
  tags = manifest (bag->tags);
  {
    g_autofree char *path = g_build_filename (bag->root, "tagmanifest-sha256.txt", NULL);
    if (!g_file_set_contents_full (path, tags, -1, G_FILE_SET_CONTENTS_NONE, 0666, error))
      return FALSE;
    g_ptr_array_add (bag->tags, g_new0 (Entry, 1));
    ((Entry *) bag->tags->pdata[bag->tags->len - 1])->path = g_strdup ("tagmanifest-sha256.txt");
  }
  /* Translators: a step of the evidence package's export */
  step (bag, _("Manifest"));
  return TRUE;
}

static gboolean
archive_failed (struct archive  *a,
                const char      *zip,
                GError         **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), zip,
               archive_error_string (a) != NULL ? archive_error_string (a) : "libarchive");
  return FALSE;
}

static gboolean
add_to_zip (struct archive  *a,
            const char      *root,
            const char      *top,
            const char      *rel,
            const char      *zip,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autofree char *name = g_strconcat (top, "/", rel, NULL);
  struct archive_entry *entry;
  GStatBuf st;
  FILE *in;
  char buffer[65536];
  size_t n;
  gboolean ok = TRUE;

  if (g_stat (path, &st) != 0)
    return set_errno_error (error, errno, path);
  entry = archive_entry_new ();
  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_size (entry, st.st_size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, st.st_mtime, 0);
  if (archive_write_header (a, entry) != ARCHIVE_OK)
    {
      archive_entry_free (entry);
      return archive_failed (a, zip, error);
    }
  archive_entry_free (entry);
  in = g_fopen (path, "rb");
  if (in == NULL)
    return set_errno_error (error, errno, path);
  while (ok && (n = fread (buffer, 1, sizeof buffer, in)) > 0)
    {
      if (archive_write_data (a, buffer, n) < 0)
        ok = archive_failed (a, zip, error);
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  if (ok && ferror (in))
    ok = set_errno_error (error, errno, path);
  fclose (in);
  return ok;
}

static gboolean
write_zip (Bag           *bag,
           const char    *final,
           const char    *top,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (final);
  g_autofree char *base = g_path_get_basename (final);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  struct archive *a;
  gboolean ok = TRUE;
  int fd = g_mkstemp_full (tmp, O_WRONLY, 0666);

  if (fd < 0)
    return set_errno_error (error, errno, final);
  close (fd);
  a = archive_write_new ();
  archive_write_set_format_zip (a);
  if (archive_write_open_filename (a, tmp) != ARCHIVE_OK)
    ok = archive_failed (a, final, error);
  for (guint i = 0; ok && i < bag->tags->len; i++)
    ok = add_to_zip (a, bag->root, top, ((Entry *) bag->tags->pdata[i])->path, final, cancellable, error);
  for (guint i = 0; ok && i < bag->payload->len; i++)
    ok = add_to_zip (a, bag->root, top, ((Entry *) bag->payload->pdata[i])->path, final, cancellable, error);
  if (archive_write_close (a) != ARCHIVE_OK && ok)
    ok = archive_failed (a, final, error);
  archive_write_free (a);
  if (ok)
    {
      mode_t mask = umask (0);
      umask (mask);
      g_chmod (tmp, 0666 & ~mask);
      if (g_rename (tmp, final) != 0)
        ok = set_errno_error (error, errno, final);
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

/**
 * attest_evidence_package_write:
 * @workspace: read only; see the header for threads
 * @info: what the report and matrix show and the bag's metadata
 * @target: the bag's folder: it must not exist or be an empty folder; with
 *   @zip, the bag is written to @target.zip (one top folder named after
 *   @target inside) and no folder is left
 * @progress: (nullable) (scope call): called after each step
 * @cancellable: (nullable): stops between steps and files
 *
 * Returns: %TRUE when the bag (or zip) is under its name; %FALSE with
 *   @error set, and nothing left under the name
 */
gboolean
attest_evidence_package_write (AttestWorkspace         *workspace,
                               const AttestPackageInfo *info,
                               const char              *target,
                               gboolean                 zip,
                               AttestPackageProgress    progress,
                               gpointer                 user_data,
                               GCancellable            *cancellable,
                               GError                 **error)
{
  g_autofree char *final = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  g_autoptr(GPtrArray) files = NULL;
  Bag bag = { 0 };
  gboolean ok;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (info != NULL && info->matrix != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (!attest_evidence_package_check_target (target, zip, error))
    return FALSE;
  files = attest_workspace_list_evidence (workspace, error);
  if (files == NULL)
    return FALSE;

  final = zip ? g_strconcat (target, ".zip", NULL) : g_strdup (target);
  parent = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmpl = g_strdup_printf ("%s/.%s.partial-XXXXXX", parent, base);
  /* g_mkdtemp_full() fills in the template itself. */
  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    return set_errno_error (error, errno, target);
  bag.root = g_steal_pointer (&tmpl);
  bag.payload = g_ptr_array_new_with_free_func (entry_free);
  bag.tags = g_ptr_array_new_with_free_func (entry_free);
  bag.progress = progress;
  bag.user_data = user_data;
  bag.total = 4 + files->len + 1 + 1 + (zip ? 1 : 0);

  {
    g_autofree char *evidence = g_build_filename (bag.root, "data", "evidence", NULL);
    g_autofree char *annotated = g_build_filename (bag.root, "data", "annotated", NULL);

    ok = g_mkdir_with_parents (evidence, 0777) == 0 && g_mkdir_with_parents (annotated, 0777) == 0;
    if (!ok)
      set_errno_error (error, errno, target);
  }
  ok = ok && write_report (&bag, workspace, info, cancellable, error);
  ok = ok && write_evidence (&bag, workspace, files, cancellable, error);
  ok = ok && write_notes (&bag, workspace, error);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
  ok = ok && write_tags (&bag, info, error);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ok && zip)
    {
      ok = write_zip (&bag, final, base, cancellable, error);
      if (ok)
        /* Translators: a step of the evidence package's export */
        step (&bag, _("Zip file"));
      remove_tree (bag.root);
    }
  else if (ok)
    {
      mode_t mask = umask (0);
      umask (mask);
      g_chmod (bag.root, 0777 & ~mask);
      /* rename(2) replaces an empty folder, and only an empty one. */
      if (g_rename (bag.root, final) != 0)
        ok = set_errno_error (error, errno, final);
    }
  if (!ok)
    remove_tree (bag.root);
  g_free (bag.root);
  g_ptr_array_unref (bag.payload);
  g_ptr_array_unref (bag.tags);
  return ok;
}
