/* attest-evidence-opener.c: open an evidence file's read-only copy in the desktop's application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker reads the file's bytes from the workspace on a connection of its
 * own and writes them to a read-only copy in the cache; back on the main loop
 * the copy goes to the desktop's default application for its type. An error
 * names the file and the reason. While it runs it holds the default
 * application, so that quitting waits for the copy being written.
 */
#define G_LOG_DOMAIN "attest-evidence-opener"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-application.h"
#include "attest-evidence-opener.h"
#include "attest-workspace-evidence.h"

struct _AttestEvidenceOpener
{
  GObject parent_instance;

  char *path;                /* the workspace file */
  char *sha256;
  char *name;                /* the file's stored name, once the worker read it */
  gboolean started;
};

G_DEFINE_FINAL_TYPE (AttestEvidenceOpener, attest_evidence_opener, G_TYPE_OBJECT)

/**
 * attest_evidence_opener_new:
 * @workspace_path: the workspace file; the worker opens its own connection
 * @sha256: the evidence file's content hash
 *
 * Returns: (transfer full): an opener for one file
 */
AttestEvidenceOpener *
attest_evidence_opener_new (const char *workspace_path,
                            const char *sha256)
{
  AttestEvidenceOpener *self;

  g_return_val_if_fail (workspace_path != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_EVIDENCE_OPENER, NULL);
  self->path = g_strdup (workspace_path);
  self->sha256 = g_strdup (sha256);
  return self;
}

/* A file name that stays inside its folder, whatever the stored name holds. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *copy = g_strdup (name != NULL ? name : "");

  g_strdelimit (copy, "/\\", '_');
  g_strstrip (copy);
  if (*copy == '\0' || g_str_equal (copy, ".") || g_str_equal (copy, ".."))
    return g_strdup ("evidence");
  return g_steal_pointer (&copy);
}

/**
 * _attest_evidence_opener_write_copy:
 *
 * Writes @bytes to $XDG_CACHE_HOME/attest/open/SHA256/NAME, mode 0444, and
 * returns its path. The folder is named by the content, so the copy of one
 * file is written once; the viewer cannot change what it shows back.
 */
char *
_attest_evidence_opener_write_copy (GBytes      *bytes,
                                    const char  *sha256,
                                    const char  *name,
                                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *file_name = safe_file_name (name);
  g_autofree char *path = NULL;
  GStatBuf st;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_return_val_if_fail (attest_evidence_sha256_is_valid (sha256), NULL);

  dir = g_build_filename (g_get_user_cache_dir (), "attest", "open", sha256, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return NULL;
    }
  path = g_build_filename (dir, file_name, NULL);

  /* Already there, whole: the same bytes (the folder is their hash). */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (gsize)st.st_size == len && (st.st_mode & 0222) == 0)
    return g_steal_pointer (&path);

  if (!g_file_set_contents_full (path, data != NULL ? data : "", len,
                                 G_FILE_SET_CONTENTS_CONSISTENT,
                                 0444, error))
    return NULL;
  return g_steal_pointer (&path);
}

typedef struct {
  char *path;                /* the copy, written by the worker */
  char *name;                /* its stored name */
} Copy;

static void
copy_free (Copy *copy)
{
  g_free (copy->path);
  g_free (copy->name);
  g_free (copy);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AttestEvidenceOpener *self = source;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Copy *copy = g_new0 (Copy, 1);

  ws = attest_workspace_open (self->path, &error);
  if (ws != NULL)
    bytes = attest_workspace_get_evidence_bytes (ws, self->sha256, &copy->name, &error);
  if (bytes != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    copy->path = _attest_evidence_opener_write_copy (bytes, self->sha256, copy->name, &error);
  if (copy->path == NULL)
    {
      /* Translators: %s is an evidence file's name, then why it could not be opened */
      g_task_return_new_error (task, error->domain, error->code, _("Could not open “%s”: %s"),
                               copy->name != NULL ? copy->name : "", error->message);
      copy_free (copy);
      return;
    }
  g_task_return_pointer (task, copy, (GDestroyNotify)copy_free);
}

static void
launched (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestEvidenceOpener *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_new_error (task, error->domain, error->code, _("Could not open “%s”: %s"),
                             self->name != NULL ? self->name : "", error->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestEvidenceOpener *self = ATTEST_EVIDENCE_OPENER (source);
  g_autoptr(GError) error = NULL;
  Copy *copy = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *uri = NULL;

  if (copy == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_free (self->name);
  self->name = g_strdup (copy->name);
  uri = g_filename_to_uri (copy->path, NULL, &error);
  copy_free (copy);
  if (uri == NULL)
    {
      g_task_return_new_error (task, error->domain, error->code, _("Could not open “%s”: %s"),
                               self->name != NULL ? self->name : "", error->message);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_app_info_launch_default_for_uri_async (uri, g_task_get_task_data (task), g_task_get_cancellable (task),
                                           launched, g_steal_pointer (&task));
}

/**
 * attest_evidence_opener_open_async:
 * @context: (nullable): the launch context (the display's)
 * @cancellable: (nullable): stops before the copy goes to the application
 *
 * Writes the read-only copy in a worker and opens it with the desktop's
 * default application; call once.
 */
void
attest_evidence_opener_open_async (AttestEvidenceOpener *self,
                                   GAppLaunchContext    *context,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (ATTEST_IS_EVIDENCE_OPENER (self));
  g_return_if_fail (context == NULL || G_IS_APP_LAUNCH_CONTEXT (context));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_evidence_opener_open_async);
  if (context != NULL)
    g_task_set_task_data (task, g_object_ref (context), g_object_unref);

  /* The worker's own task, holding the application while it runs. */
  worker = g_task_new (self, cancellable, written, g_steal_pointer (&task));
  g_task_set_source_tag (worker, write_thread);
  attest_application_hold_task (worker);
  g_task_run_in_thread (worker, write_thread);
}

gboolean
attest_evidence_opener_open_finish (AttestEvidenceOpener  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_OPENER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_evidence_opener_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
attest_evidence_opener_finalize (GObject *object)
{
  AttestEvidenceOpener *self = ATTEST_EVIDENCE_OPENER (object);

  g_free (self->path);
  g_free (self->sha256);
  g_free (self->name);

  G_OBJECT_CLASS (attest_evidence_opener_parent_class)->finalize (object);
}

static void
attest_evidence_opener_class_init (AttestEvidenceOpenerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_evidence_opener_finalize;
}

static void
attest_evidence_opener_init (AttestEvidenceOpener *self)
{
}
