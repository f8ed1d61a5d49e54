/* attest-evidence-attacher.c: attach files to a checklist item, in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cell pane's "Add Files…" and drops: each file is read, hashed, its text
 * taken (PDF) and stored, one transaction a file, by a worker thread on a
 * connection of its own (AttestWorkspace is not thread-safe). The progress
 * can be read from the main loop while the worker runs; what became of each
 * file comes back when it returns, after a Cancel too (files already stored
 * stay). While it runs it holds the default application, so that quitting
 * waits for the file being stored.
 */
#define G_LOG_DOMAIN "attest-evidence-attacher"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-application.h"
#include "attest-evidence-attacher.h"
#include "attest-evidence-file.h"
#include "attest-workspace-evidence.h"

struct _AttestEvidenceAttacher
{
  GObject parent_instance;

  char *path;                /* the workspace file */
  char *reviewer;
  gint64 item_id;
  GPtrArray *files;          /* GFile */
  gboolean started;

  GMutex lock;               /* guards what follows, shared with the progress bar */
  guint64 done_bytes;
  guint64 total_bytes;
  guint current;             /* the file being read */

  guint64 base_bytes;        /* the worker's own: bytes of the files before the current one */
};

G_DEFINE_FINAL_TYPE (AttestEvidenceAttacher, attest_evidence_attacher, G_TYPE_OBJECT)

static void
attach_outcome_free (AttestAttachOutcome *outcome)
{
  g_free (outcome->display_name);
  g_free (outcome->name);
  g_free (outcome->error);
  g_free (outcome->warning);
  g_free (outcome);
}

/**
 * attest_evidence_attacher_new:
 * @workspace_path: the workspace file; the worker opens its own connection
 * @reviewer: (nullable): who attaches, for the history
 * @item_id: the checklist item
 * @files: (element-type GFile): the files, in order
 *
 * Returns: (transfer full): an attacher for one run
 */
AttestEvidenceAttacher *
attest_evidence_attacher_new (const char *workspace_path,
                              const char *reviewer,
                              gint64      item_id,
                              GPtrArray  *files)
{
  AttestEvidenceAttacher *self;

  g_return_val_if_fail (workspace_path != NULL, NULL);
  g_return_val_if_fail (files != NULL && files->len > 0, NULL);

  self = g_object_new (ATTEST_TYPE_EVIDENCE_ATTACHER, NULL);
  self->path = g_strdup (workspace_path);
  self->reviewer = g_strdup (reviewer);
  self->item_id = item_id;
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->files, g_object_ref (files->pdata[i]));
  return self;
}

const char *
attest_evidence_attacher_get_workspace_path (AttestEvidenceAttacher *self)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_ATTACHER (self), NULL);
  return self->path;
}

/**
 * attest_evidence_attacher_get_files:
 *
 * Returns: (transfer none) (element-type GFile): the files, in order
 */
GPtrArray *
attest_evidence_attacher_get_files (AttestEvidenceAttacher *self)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_ATTACHER (self), NULL);
  return self->files;
}

/**
 * attest_evidence_attacher_get_progress:
 * @done_bytes: (out): bytes done so far, of all the files
 * @total_bytes: (out): bytes of all the files; 0 until the worker has their sizes
 * @current: (out): the index of the file being attached
 *
 * Safe to call from the main loop while the worker runs.
 */
void
attest_evidence_attacher_get_progress (AttestEvidenceAttacher *self,
                                       guint64                *done_bytes,
                                       guint64                *total_bytes,
                                       guint                  *current)
{
  g_return_if_fail (ATTEST_IS_EVIDENCE_ATTACHER (self));

  g_mutex_lock (&self->lock);
  *done_bytes = self->done_bytes;
  *total_bytes = self->total_bytes;
  *current = self->current;
  g_mutex_unlock (&self->lock);
}

/* Reading and hashing a file is about 40% of attaching it (attest-bench
 * attach): the rest, its text and the store, fills the bar when it is done. */
#define READ_SHARE 0.4

static void
read_progress (guint64  bytes_read,
               gpointer user_data)
{
  AttestEvidenceAttacher *self = user_data;

  g_mutex_lock (&self->lock);
  self->done_bytes = self->base_bytes + (guint64)(bytes_read * READ_SHARE);
  g_mutex_unlock (&self->lock);
}

static gboolean
has_evidence (GPtrArray  *evidence,
              const char *sha256)
{
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    if (g_str_equal (((AttestEvidence *)evidence->pdata[i])->sha256, sha256))
      return TRUE;
  return FALSE;
}

static void
attach_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttestEvidenceAttacher *self = source;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GArray) sizes = g_array_sized_new (FALSE, TRUE, sizeof (guint64), self->files->len);
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)attach_outcome_free);
  guint64 total = 0;

  ws = attest_workspace_open (self->path, &open_error);
  if (ws != NULL && self->reviewer != NULL)
    attest_workspace_set_reviewer (ws, self->reviewer);

  /* The sizes first, so the bar moves by bytes across all the files. */
  for (guint i = 0; i < self->files->len; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (self->files->pdata[i], G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);
      guint64 size = info != NULL ? (guint64)MAX (g_file_info_get_size (info), 0) : 0;

      g_array_append_val (sizes, size);
      total += size;
    }
  g_mutex_lock (&self->lock);
  self->total_bytes = total;
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < self->files->len; i++)
    {
      GFile *file = self->files->pdata[i];
      AttestAttachOutcome *outcome;
      g_autoptr(AttestEvidenceFile) prepared = NULL;
      g_autoptr(GPtrArray) linked = NULL;
      g_autoptr(GError) error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      g_mutex_lock (&self->lock);
      self->current = i;
      self->done_bytes = self->base_bytes;
      g_mutex_unlock (&self->lock);

      outcome = g_new0 (AttestAttachOutcome, 1);
      outcome->display_name = g_file_get_parse_name (file);
      outcome->name = g_file_get_basename (file);

      if (ws == NULL)
        outcome->error = g_strdup_printf ("%s: %s", outcome->name, open_error->message);
      else if ((prepared = attest_evidence_file_prepare (file, read_progress, self, cancellable, &error)) == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              attach_outcome_free (outcome);
              break;
            }
          /* Its message names the file and the reason. */
          outcome->error = g_strdup (error->message);
        }
      else if ((linked = attest_workspace_list_item_evidence (ws, self->item_id, &error)) == NULL ||
               (!has_evidence (linked, prepared->sha256) &&
                !attest_evidence_file_attach (prepared, ws, self->item_id, NULL, NULL, &error)))
        outcome->error = g_strdup_printf ("%s: %s", outcome->name, error->message);
      else if (has_evidence (linked, prepared->sha256))
        outcome->already = TRUE;
      else
        {
          outcome->attached = TRUE;
          if (prepared->text_error != NULL)
            /* Translators: %s is why a PDF's text could not be read */
            outcome->warning = g_strdup_printf (_("%s: attached without its text: %s"), outcome->name,
                                                prepared->text_error->message);
        }
      g_ptr_array_add (outcomes, outcome);

      self->base_bytes += g_array_index (sizes, guint64, i);
      g_mutex_lock (&self->lock);
      self->done_bytes = self->base_bytes;
      g_mutex_unlock (&self->lock);
    }

  g_task_return_pointer (task, g_steal_pointer (&outcomes), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * attest_evidence_attacher_attach_async:
 * @cancellable: (nullable): stops before the next file (and inside a long read)
 *
 * Attaches the files in a worker; call once. @callback runs on the thread
 * default main context of this call.
 */
void
attest_evidence_attacher_attach_async (AttestEvidenceAttacher *self,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_EVIDENCE_ATTACHER (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_evidence_attacher_attach_async);
  /* A Cancel still tells what was stored before it. */
  g_task_set_check_cancellable (task, FALSE);
  attest_application_hold_task (task);
  g_task_run_in_thread (task, attach_thread);
}

/**
 * attest_evidence_attacher_attach_finish:
 *
 * Returns: (transfer container) (element-type AttestAttachOutcome): one
 *   outcome a file tried, in order; fewer than the files after a Cancel
 */
GPtrArray *
attest_evidence_attacher_attach_finish (AttestEvidenceAttacher *self,
                                        GAsyncResult           *result,
                                        GError                **error)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_ATTACHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_evidence_attacher_attach_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
attest_evidence_attacher_finalize (GObject *object)
{
  AttestEvidenceAttacher *self = ATTEST_EVIDENCE_ATTACHER (object);

  g_free (self->path);
  g_free (self->reviewer);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (attest_evidence_attacher_parent_class)->finalize (object);
}

static void
attest_evidence_attacher_class_init (AttestEvidenceAttacherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_evidence_attacher_finalize;
}

static void
attest_evidence_attacher_init (AttestEvidenceAttacher *self)
{
  g_mutex_init (&self->lock);
}
