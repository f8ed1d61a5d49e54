/* attest-link-row.c: a PDF link and the document the workspace holds for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One backgrounder, audit report or certificate link (issue 20, "See and get
 * a PDF link's document"): its title, its kind and whether the workspace
 * holds its document ("Downloaded 4 December 2026 · 1.2 MB", or "Not
 * downloaded"), and what can be done:
 * - Open, once stored, in the window's PDF view (attest_link_document_open():
 *   the one place that decides how a stored document opens);
 * - Download: attest_download_pdf_async() in a worker, its progress on this
 *   thread (a bar and Cancel in the row), then the file read and checked in
 *   a worker (attest_link_document_prepare()) and stored here, on the main
 *   thread, in one transaction with its history row;
 * - Attach Local File…: a GtkFileChooserNative filtered to PDFs, or a PDF
 *   dropped on the row; read and checked in a worker, stored the same way;
 * - Open in Browser, the address shown first (attest_link_opener_ask()).
 * What goes wrong is said in the row, naming the link and the reason, and
 * leaves the workspace as it was. A row destroyed mid-way cancels its work;
 * every callback from a worker checks that its job is still the row's.
 */
#define G_LOG_DOMAIN "attest-link-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-dates.h"
#include "attest-downloader.h"
#include "attest-evidence-opener.h"
#include "attest-link-document.h"
#include "attest-link-opener.h"
#include "attest-link-row.h"
#include "attest-markup.h"
#include "attest-workspace-evidence.h"
#include "attest-toast.h"

/* A download or an attach; shared (a reference each) by the row and the
 * workers' callbacks, which reach the row through a weak reference. */
typedef struct {
  GWeakRef row;
  gboolean downloading;
  GCancellable *cancellable;
  GFile *file;                 /* what is read: the download's temporary file, or the analyst's */
  AttestDownload *download;    /* NULL when attaching */
  AttestEvidenceFile *prepared;
} Job;

struct _AttestLinkRow
{
  AdwPreferencesRow parent_instance;

  AttestWorkspace *workspace;
  char *url;
  char *kind;
  char *title;                 /* the link's text, else its kind's name */
  AttestLinkDocument *document;

  GtkLabel *title_label;
  GtkLabel *status_label;
  GtkLabel *error_label;
  GtkWidget *actions;          /* the buttons, hidden while busy */
  GtkWidget *open_button;
  GtkWidget *download_button;
  GtkWidget *attach_button;
  GtkWidget *browse_button;
  GtkWidget *progress_box;     /* the bar and Cancel, shown while busy */
  GtkProgressBar *progress_bar;
  GtkWidget *cancel_button;

  Job *job;                    /* the download or attach under way, or NULL */
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (AttestLinkRow, attest_link_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  DOCUMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every row alive (main thread only): a document stored through one shows in
 * the others of its URL, whichever view they are in. */
static GPtrArray *live_rows;

static void
job_clear (Job *job)
{
  g_weak_ref_clear (&job->row);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->file);
  g_clear_pointer (&job->download, attest_download_free);
  g_clear_pointer (&job->prepared, attest_evidence_file_free);
}

static Job *
job_new (AttestLinkRow *row,
         gboolean       downloading)
{
  Job *job = g_rc_box_new0 (Job);

  g_weak_ref_init (&job->row, row);
  job->downloading = downloading;
  job->cancellable = g_cancellable_new ();
  return job;
}

static Job *
job_ref (Job *job)
{
  return g_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

/* The row, if it still wants what @job brings: a new reference, or NULL. */
static AttestLinkRow *
job_row (Job *job)
{
  AttestLinkRow *row = g_weak_ref_get (&job->row);

  if (row != NULL && row->job != job)
    g_clear_object (&row);
  return row;
}

/**
 * attest_link_row_shows_kind:
 * @kind: a link's kind (AttestLink.kind)
 *
 * Returns: whether a link of @kind is a PDF whose document the workspace
 *   may hold: a backgrounder, an audit report or a certificate
 */
gboolean
attest_link_row_shows_kind (const char *kind)
{
  return g_strcmp0 (kind, "backgrounder") == 0 || g_strcmp0 (kind, "audit-report") == 0 ||
         g_strcmp0 (kind, "certificate") == 0;
}

static const char *
kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "backgrounder") == 0)
    return _("Backgrounder");
  if (g_strcmp0 (kind, "audit-report") == 0)
    return _("Audit Report");
  if (g_strcmp0 (kind, "certificate") == 0)
    return _("Certificate");
  return _("Document");
}

static void
open_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) from = user_data;
  g_autoptr(GError) error = NULL;

  if (!attest_evidence_opener_open_finish (ATTEST_EVIDENCE_OPENER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);

      if (ATTEST_IS_LINK_ROW (from))
        {
          gtk_label_set_text (ATTEST_LINK_ROW (from)->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (ATTEST_LINK_ROW (from)->error_label), TRUE);
        }
      else if (overlay != NULL)
        attest_toast_show (ADW_TOAST_OVERLAY (overlay), attest_toast_new_plain (error->message));
      else
        g_message ("%s", error->message);
    }
}

/* The window that reads PDFs in its centre: @from's, or the one its
 * dialog stands over. */
static GtkWindow *
reading_window (GtkWidget *from)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  while (window != NULL && !g_action_group_has_action (G_ACTION_GROUP (window), "read-pdf"))
    window = gtk_window_get_transient_for (window);
  return window;
}

/**
 * attest_link_document_open:
 * @from: the widget asking; its toplevel is the parent of what opens, and
 *   what goes wrong is said in its nearest toast overlay
 * @sha256: the stored document
 *
 * Opens a link's stored document. The one place that decides how: in the
 * window's PDF view (win.read-pdf, the action behind `attest --pdf`), Back
 * returning to the cell or the page it was opened from; a dialog asking
 * (a link in a page's text) closes, its work done. With no such window
 * (a row on its own), the desktop's application on a read-only copy, as
 * evidence opens (AttestEvidenceOpener).
 */
void
attest_link_document_open (GtkWidget       *from,
                           AttestWorkspace *workspace,
                           const char      *sha256)
{
  g_autoptr(AttestEvidenceOpener) opener = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  GtkWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (ATTEST_IS_WORKSPACE (workspace));
  g_return_if_fail (sha256 != NULL);

  window = reading_window (from);
  if (window != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (from);
      GtkWidget *popover = gtk_widget_get_ancestor (from, GTK_TYPE_POPOVER);

      if (popover != NULL)
        gtk_popover_popdown (GTK_POPOVER (popover));
      g_action_group_activate_action (G_ACTION_GROUP (window), "read-pdf", g_variant_new_string (sha256));
      if (GTK_WINDOW (root) != window)
        gtk_window_close (GTK_WINDOW (root));
      return;
    }
  opener = attest_evidence_opener_new (attest_workspace_get_path (workspace), sha256);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (from)));
  attest_evidence_opener_open_async (opener, context, NULL, open_done, g_object_ref (from));
}

/* What the row shows */

static void
show_error (AttestLinkRow *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update (AttestLinkRow *self)
{
  gboolean busy = self->job != NULL;
  gboolean stored = self->document != NULL;
  gboolean read_only = attest_workspace_is_read_only (self->workspace);
  g_autofree char *state = NULL;
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;
  const char *why_not = read_only ? _("The workspace is read-only: Save a Copy to make changes") : NULL;

  if (busy)
    state = g_strdup (self->job->downloading ? _("Downloading…") : _("Reading the file…"));
  else if (stored)
    {
      g_autofree char *date = attest_dates_format (self->document->fetched_at);
      g_autofree char *size = g_format_size ((guint64) MAX (self->document->size, 0));

      if (self->document->origin == ATTEST_LINK_DOCUMENT_ATTACHED)
        /* Translators: a link's document: when it was attached and its size, "Attached 4 December 2026 · 1.2 MB" */
        state = g_strdup_printf (_("Attached %s · %s"), date, size);
      else
        /* Translators: a link's document: when it was downloaded and its size, "Downloaded 4 December 2026 · 1.2 MB" */
        state = g_strdup_printf (_("Downloaded %s · %s"), date, size);
    }
  else
    state = g_strdup (_("Not downloaded"));
  /* Translators: under a link's title: its kind, then whether the workspace holds it, "Backgrounder · Not downloaded" */
  status = g_strdup_printf (_("%s · %s"), kind_name (self->kind), state);
  gtk_label_set_text (self->status_label, status);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "link.cancel", busy);
  gtk_widget_set_visible (self->actions, !busy);
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_widget_set_visible (self->open_button, stored);
  gtk_widget_set_visible (self->download_button, !stored);
  gtk_widget_set_visible (self->attach_button, !stored);
  gtk_widget_set_sensitive (self->download_button, !read_only);
  gtk_widget_set_sensitive (self->attach_button, !read_only);
  gtk_widget_set_tooltip_text (self->download_button, why_not != NULL ? why_not : self->url);
  gtk_widget_set_tooltip_text (self->attach_button, why_not != NULL ? why_not : _("Choose the PDF, or drop it here"));

  /* Translators: a link's accessible name: its kind and its title, "Backgrounder: Download the SOC backgrounder" */
  name = g_strdup_printf (_("%s: %s"), kind_name (self->kind), self->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state, -1);
}

/**
 * attest_link_row_refresh:
 *
 * Reads the link's document from the workspace again (another row, or
 * another view, may have stored it).
 */
void
attest_link_row_refresh (AttestLinkRow *self)
{
  g_autoptr(GError) error = NULL;
  AttestLinkDocument *document;

  g_return_if_fail (ATTEST_IS_LINK_ROW (self));

  document = attest_workspace_get_link_document (self->workspace, self->url, &error);
  if (document == NULL && error != NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("Could not read this link's document: %s"), error->message);
      show_error (self, message);
      return;
    }
  g_clear_pointer (&self->document, attest_link_document_free);
  self->document = document;
  update (self);
}

/* A job: downloading or attaching, then storing */

static void
finish_job (AttestLinkRow *self)
{
  g_clear_pointer (&self->job, job_unref);
  update (self);
}

static void
fail_job (AttestLinkRow *self,
          const GError  *error)
{
  g_autofree char *message = NULL;

  /* A cancellation is the analyst's own doing: nothing to say. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->job->downloading)
        /* Translators: the first %s is a link's title, the second the reason the download failed */
        message = g_strdup_printf (_("Could not download “%s”: %s"), self->title, error->message);
      else
        /* Translators: the first %s is a link's title, the second the reason */
        message = g_strdup_printf (_("Could not attach a file to “%s”: %s"), self->title, error->message);
      show_error (self, message);
    }
  finish_job (self);
}

static void
prepare_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->prepared = attest_link_document_prepare (job->file, job->download != NULL ? job->download->file_name : NULL,
                                                NULL, NULL, cancellable, &error);
  if (job->prepared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
prepare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(AttestLinkRow) self = job_row (job);
  g_autoptr(GError) error = NULL;
  gboolean downloaded = job->download != NULL;

  if (self == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_job (self, error);
      return;
    }

  if (!attest_link_document_store (job->prepared, self->workspace, self->url,
                                   downloaded ? ATTEST_LINK_DOCUMENT_DOWNLOADED : ATTEST_LINK_DOCUMENT_ATTACHED,
                                   downloaded ? job->download->final_url : NULL,
                                   downloaded ? job->download->fetched_at : NULL, &error))
    {
      fail_job (self, error);
      return;
    }
  if (job->prepared->text_error != NULL)
    {
      /* Translators: a link's document was stored but its text could not be read; %s is the reason */
      g_autofree char *message = g_strdup_printf (_("Stored without its text for search: %s"),
                                                  job->prepared->text_error->message);
      show_error (self, message);
    }
  g_clear_pointer (&self->job, job_unref);
  attest_link_row_refresh (self);
  for (guint i = 0; live_rows != NULL && i < live_rows->len; i++)
    {
      AttestLinkRow *other = live_rows->pdata[i];

      if (other != self && other->workspace == self->workspace && other->job == NULL &&
          g_str_equal (other->url, self->url))
        attest_link_row_refresh (other);
    }
  g_signal_emit (self, signals[DOCUMENT_CHANGED], 0, self->url);
}

static void
start_prepare (AttestLinkRow *self,
               Job           *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, job->cancellable, prepare_done, NULL);

  gtk_progress_bar_pulse (self->progress_bar);
  g_task_set_task_data (task, job_ref (job), (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, prepare_worker);
}

static void
on_download_progress (gint64   received,
                      gint64   total,
                      gpointer user_data)
{
  g_autoptr(AttestLinkRow) self = job_row (user_data);
  g_autofree char *got = g_format_size ((guint64) MAX (received, 0));
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  if (total > 0)
    {
      g_autofree char *of = g_format_size ((guint64) total);

      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) received / (double) total, 0.0, 1.0));
      /* Translators: a download's progress, "1.2 MB of 3.4 MB" */
      text = g_strdup_printf (_("%s of %s"), got, of);
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_steal_pointer (&got);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
download_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(AttestLinkRow) self = job_row (job);
  g_autoptr(AttestDownload) download = NULL;
  g_autoptr(GError) error = NULL;

  download = attest_download_pdf_finish (result, &error);
  if (self == NULL)
    return;
  if (download == NULL)
    {
      fail_job (self, error);
      return;
    }
  job->file = g_file_new_for_path (download->path);
  job->download = g_steal_pointer (&download);
  gtk_progress_bar_set_text (self->progress_bar, _("Checking the file…"));
  start_prepare (self, job);
}

static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestLinkRow *self = ATTEST_LINK_ROW (widget);
  AttestDownloadLimits limits = { 0, 0, ATTEST_EVIDENCE_MAX_BYTES };

  if (self->job != NULL || attest_workspace_is_read_only (self->workspace))
    return;
  show_error (self, NULL);
  self->job = job_new (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Connecting…"));
  update (self);
  gtk_widget_grab_focus (self->cancel_button);
  attest_download_pdf_async (self->url, &limits, on_download_progress, job_ref (self->job),
                             (GDestroyNotify) job_unref, self->job->cancellable, download_done, job_ref (self->job));
}

/**
 * attest_link_row_attach_file:
 * @file: a PDF, as chosen or dropped
 *
 * Reads @file in a worker and stores it as the link's document; a file that
 * is not a PDF is refused in words and nothing is stored.
 */
void
attest_link_row_attach_file (AttestLinkRow *self,
                             GFile         *file)
{
  g_return_if_fail (ATTEST_IS_LINK_ROW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->job != NULL)
    return;
  if (attest_workspace_is_read_only (self->workspace))
    {
      show_error (self, _("The workspace is read-only: Save a Copy to make changes"));
      return;
    }
  show_error (self, NULL);
  self->job = job_new (self, FALSE);
  self->job->file = g_object_ref (file);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the file…"));
  update (self);
  gtk_widget_grab_focus (self->cancel_button);
  start_prepare (self, self->job);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestLinkRow *self = ATTEST_LINK_ROW (widget);

  if (self->job == NULL)
    return;
  g_cancellable_cancel (self->job->cancellable);
  /* The worker's result comes back later and is dropped: the row is free now. */
  finish_job (self);
  attest_link_row_focus_action (self);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     AttestLinkRow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        attest_link_row_attach_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestLinkRow *self = ATTEST_LINK_ROW (widget);
  g_autoptr(GtkFileFilter) pdfs = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->job != NULL || self->chooser != NULL || attest_workspace_is_read_only (self->workspace))
    return;
  /* Translators: the file chooser's title; %s is a link's title */
  title = g_strdup_printf (_("Attach a PDF to “%s”"), self->title);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                                                  _("_Cancel")));
  gtk_file_filter_set_name (pdfs, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdfs, "application/pdf");
  gtk_file_filter_add_suffix (pdfs, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pdfs);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttestLinkRow *self = ATTEST_LINK_ROW (widget);

  if (self->document != NULL)
    attest_link_document_open (widget, self->workspace, self->document->sha256);
}

static void
browse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  attest_link_opener_ask (widget, ATTEST_LINK_ROW (widget)->url);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AttestLinkRow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL || files->next != NULL)
    {
      /* Translators: %s is a link's title */
      g_autofree char *message = g_strdup_printf (_("Drop one PDF on “%s”: it is that link's document"), self->title);
      show_error (self, message);
      g_slist_free (files);
      return FALSE;
    }
  attest_link_row_attach_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/**
 * attest_link_row_focus_action:
 *
 * Moves the keyboard focus to what the row offers first: Open once stored,
 * else Download; Cancel while busy.
 */
void
attest_link_row_focus_action (AttestLinkRow *self)
{
  g_return_if_fail (ATTEST_IS_LINK_ROW (self));

  if (self->job != NULL)
    gtk_widget_grab_focus (self->cancel_button);
  else if (self->document != NULL)
    gtk_widget_grab_focus (self->open_button);
  else if (gtk_widget_get_sensitive (self->download_button))
    gtk_widget_grab_focus (self->download_button);
  else
    gtk_widget_grab_focus (self->browse_button);
}

/* The widget */

static GtkWidget *
text_button (const char *label,
             const char *action,
             char       *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_label_new (label);

  /* A narrow pane shortens the words rather than widen the pane. */
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), text);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_free (name);
  return button;
}

static void
attest_link_row_dispose (GObject *object)
{
  AttestLinkRow *self = ATTEST_LINK_ROW (object);

  if (live_rows != NULL)
    g_ptr_array_remove_fast (live_rows, self);
  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
  g_clear_pointer (&self->job, job_unref);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  G_OBJECT_CLASS (attest_link_row_parent_class)->dispose (object);
}

static void
attest_link_row_finalize (GObject *object)
{
  AttestLinkRow *self = ATTEST_LINK_ROW (object);

  g_clear_object (&self->workspace);
  g_free (self->url);
  g_free (self->kind);
  g_free (self->title);
  g_clear_pointer (&self->document, attest_link_document_free);
  G_OBJECT_CLASS (attest_link_row_parent_class)->finalize (object);
}

static void
attest_link_row_class_init (AttestLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_link_row_dispose;
  object_class->finalize = attest_link_row_finalize;

  /**
   * AttestLinkRow::document-changed:
   * @url: the link's URL
   *
   * A document was stored for the link (downloaded or attached).
   */
  signals[DOCUMENT_CHANGED] = g_signal_new ("document-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "link.download", NULL, download_action);
  gtk_widget_class_install_action (widget_class, "link.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "link.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "link.browse", NULL, browse_action);
  gtk_widget_class_install_action (widget_class, "link.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "link.cancel", NULL);
}

static void
attest_link_row_init (AttestLinkRow *self)
{
}

/**
 * attest_link_row_new:
 * @workspace: where the link's document is, or goes
 * @link: the link (copied)
 */
GtkWidget *
attest_link_row_new (AttestWorkspace  *workspace,
                     const AttestLink *link)
{
  AttestLinkRow *self;
  GtkWidget *box, *top, *image, *texts;
  GtkDropTarget *drop;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (link != NULL && link->url != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_LINK_ROW, "activatable", FALSE, "selectable", FALSE, NULL);
  self->workspace = g_object_ref (workspace);
  self->url = g_strdup (link->url);
  self->kind = g_strdup (link->kind);
  self->title = g_strdup (link->title != NULL && *link->title != '\0' ? link->title : kind_name (link->kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "link-row");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  image = gtk_image_new_from_icon_name ("x-office-document-symbolic");
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, _("PDF"), -1);
  gtk_box_append (GTK_BOX (top), image);
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  self->title_label = GTK_LABEL (gtk_label_new (self->title));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->title_label, 3);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->title_label, 40);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), self->url);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->title_label));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (top), texts);

  self->actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: a button's accessible name; %s is a link's title */
  self->open_button = text_button (_("Open"), "link.open",
                                   g_strdup_printf (_("Open the document of “%s”"), self->title));
  gtk_widget_add_css_class (self->open_button, "suggested-action");
  /* Translators: a button's accessible name; %s is a link's title */
  self->download_button = text_button (_("Download"), "link.download",
                                       g_strdup_printf (_("Download “%s”"), self->title));
  /* Translators: a button's accessible name; %s is a link's title */
  self->attach_button = text_button (_("Attach Local File…"), "link.attach",
                                     g_strdup_printf (_("Attach a local PDF to “%s”"), self->title));
  self->browse_button = gtk_button_new_from_icon_name ("web-browser-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->browse_button), "link.browse");
  gtk_widget_set_tooltip_text (self->browse_button, _("Open in Browser"));
  {
    /* Translators: a button's accessible name; %s is a link's title */
    g_autofree char *name = g_strdup_printf (_("Open “%s” in the browser"), self->title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->browse_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_widget_add_css_class (self->browse_button, "flat");
  gtk_widget_set_valign (self->browse_button, GTK_ALIGN_START);
  /* Beside the title, so the line of buttons keeps its width for the words. */
  gtk_box_append (GTK_BOX (top), self->browse_button);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (self->actions), self->open_button);
  gtk_box_append (GTK_BOX (self->actions), self->download_button);
  gtk_box_append (GTK_BOX (self->actions), self->attach_button);
  gtk_box_append (GTK_BOX (box), self->actions);

  self->progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_progress_bar_set_ellipsize (self->progress_bar, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  {
    /* Translators: a progress bar's accessible name; %s is a link's title */
    g_autofree char *name = g_strdup_printf (_("Getting “%s”"), self->title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress_bar));
  /* Translators: a button's accessible name; %s is a link's title */
  self->cancel_button = text_button (_("Cancel"), "link.cancel",
                                     g_strdup_printf (_("Cancel getting “%s”"), self->title));
  gtk_box_append (GTK_BOX (self->progress_box), self->cancel_button);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->progress_box);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_wrap_mode (self->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->error_label, 40);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->document = link->document != NULL ? attest_workspace_get_link_document (workspace, link->url, NULL) : NULL;
  update (self);
  if (live_rows == NULL)
    live_rows = g_ptr_array_new ();
  g_ptr_array_add (live_rows, self);
  return GTK_WIDGET (self);
}

const char *
attest_link_row_get_url (AttestLinkRow *self)
{
  g_return_val_if_fail (ATTEST_IS_LINK_ROW (self), NULL);
  return self->url;
}

gboolean
attest_link_row_get_stored (AttestLinkRow *self)
{
  g_return_val_if_fail (ATTEST_IS_LINK_ROW (self), FALSE);
  return self->document != NULL;
}

gboolean
attest_link_row_get_busy (AttestLinkRow *self)
{
  g_return_val_if_fail (ATTEST_IS_LINK_ROW (self), FALSE);
  return self->job != NULL;
}

/* A small window for one link: where a PDF link clicked in a page leads. */

static void
on_dialog_document_changed (AttestLinkRow *row,
                            const char    *url,
                            GtkWidget     *dialog)
{
  attest_link_row_focus_action (row);
}

/**
 * attest_link_dialog_new:
 * @from: the widget the link was activated in; the dialog is transient for
 *   its window
 *
 * Returns: (transfer floating): a small modal window showing @link as an
 *   AttestLinkRow, with its URL; closing it cancels what the row was doing
 */
GtkWidget *
attest_link_dialog_new (GtkWidget        *from,
                        AttestWorkspace  *workspace,
                        const AttestLink *link)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *box, *header, *content, *list, *row, *url;
  GtkEventController *shortcuts;

  gtk_window_set_title (GTK_WINDOW (dialog), kind_name (link->kind));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, -1);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  url = gtk_label_new (link->url);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_wrap (GTK_LABEL (url), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (url), PANGO_WRAP_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (url), 50);
  gtk_label_set_selectable (GTK_LABEL (url), TRUE);
  gtk_widget_add_css_class (url, "caption");
  gtk_widget_add_css_class (url, "dim-label");
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = attest_link_row_new (workspace, link);
  g_signal_connect_object (row, "document-changed", G_CALLBACK (on_dialog_document_changed), dialog, 0);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (content), list);
  gtk_box_append (GTK_BOX (content), url);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  /* Escape cancels a download first (the row's own binding), else closes. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, shortcuts);
  g_object_set_data (G_OBJECT (dialog), "attest-link-row", row);
  attest_link_row_focus_action (ATTEST_LINK_ROW (row));
  return dialog;
}

const char *
_attest_link_row_get_status (AttestLinkRow *self)
{
  return gtk_label_get_text (self->status_label);
}

const char *
_attest_link_row_get_error (AttestLinkRow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

GtkWidget *
_attest_link_row_get_button (AttestLinkRow *self,
                             const char    *which)
{
  if (g_str_equal (which, "open"))
    return self->open_button;
  if (g_str_equal (which, "download"))
    return self->download_button;
  if (g_str_equal (which, "attach"))
    return self->attach_button;
  if (g_str_equal (which, "browse"))
    return self->browse_button;
  if (g_str_equal (which, "cancel"))
    return self->cancel_button;
  return NULL;
}
