/* attest-cli-links.c: link list, get, attach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "attest-cli-private.h"
#include "attest-downloader.h"
#include "attest-json.h"
#include "attest-link-document.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-links.h"

#define LINK_USAGE "link list [FRAMEWORK] [--format text|json] | link get LINK|URL [--timeout SECONDS] | " \
                   "link attach LINK|URL FILE"

static void
print_list_json (GPtrArray *links)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *l = links->pdata[i];
      AttestLinkDocument *d = l->document;

      json_builder_begin_object (b);
      attest_json_add_string_or_null (b, "id", l->id);
      attest_json_add_string_or_null (b, "framework", l->framework_id);
      attest_json_add_string_or_null (b, "kind", l->kind);
      attest_json_add_string_or_null (b, "title", l->title);
      attest_json_add_string_or_null (b, "url", l->url);
      attest_json_add_string_or_null (b, "section", l->section_key);
      attest_json_add_string_or_null (b, "locale", l->locale);
      json_builder_set_member_name (b, "document");
      if (d == NULL)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_object (b);
          attest_json_add_string_or_null (b, "sha256", d->sha256);
          attest_json_add_string_or_null (b, "name", d->name);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, d->size);
          json_builder_set_member_name (b, "page_count");
          if (d->page_count >= 0)
            json_builder_add_int_value (b, d->page_count);
          else
            json_builder_add_null_value (b);
          attest_json_add_string_or_null (b, "origin", attest_link_document_origin_to_string (d->origin));
          attest_json_add_string_or_null (b, "final_url", d->final_url);
          attest_json_add_string_or_null (b, "fetched_at", d->fetched_at);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  _attest_cli_print_json (b);
}

static void
print_list_text (GPtrArray *links)
{
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *l = links->pdata[i];
      AttestLinkDocument *d = l->document;

      g_print ("%s  %s  %s\n", l->id, l->kind, l->title);
      g_print ("    %s\n", l->url);
      if (d == NULL)
        g_print ("    %s\n", _("no document in the workspace"));
      else
        {
          g_autofree char *line = NULL;

          if (d->origin == ATTEST_LINK_DOCUMENT_ATTACHED)
            /* Translators: a link's document: "document SHA256 (report.pdf), attached 2026-12-04T10:00:00Z" */
            line = g_strdup_printf (_("document %s (%s), attached %s"), d->sha256, d->name != NULL ? d->name : "?",
                                    d->fetched_at);
          else
            /* Translators: a link's document: "document SHA256 (report.pdf), downloaded 2026-12-04T10:00:00Z" */
            line = g_strdup_printf (_("document %s (%s), downloaded %s"), d->sha256, d->name != NULL ? d->name : "?",
                                    d->fetched_at);
          g_print ("    %s\n", line);
        }
    }
}

static int
link_list (AttestCliContext  *ctx,
           int                argc,
           char             **argv,
           const char        *format)
{
  static const char *formats[] = { "text", "json", NULL };
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 3)
    {
      g_printerr (_("attest-cli: unexpected argument “%s”\n"), argv[3]);
      return ATTEST_CLI_USAGE;
    }
  if (!_attest_cli_check_format (format != NULL ? format : "text", formats))
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  links = attest_workspace_list_links (ctx->workspace, argc == 3 ? argv[2] : NULL, &error);
  if (links == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return _attest_cli_store_error_status (error);
    }
  if (format != NULL && g_str_equal (format, "json"))
    print_list_json (links);
  else
    print_list_text (links);
  return ATTEST_CLI_OK;
}

/* LINK|URL: the URL it stands for, and how messages name it (the LINK id,
 * or the URL). */
static int
resolve (AttestCliContext  *ctx,
         const char        *arg,
         char             **url,
         char             **label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestLink) link = NULL;

  if (attest_link_is_url (arg))
    {
      *url = g_strdup (arg);
      *label = g_strdup (arg);
      return ATTEST_CLI_OK;
    }
  link = attest_workspace_find_link (ctx->workspace, arg, &error);
  if (link == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return _attest_cli_store_error_status (error);
    }
  *url = g_strdup (link->url);
  *label = g_strdup (link->id);
  return ATTEST_CLI_OK;
}

/* The download runs in a worker; the main loop shows its progress and
 * turns Ctrl+C into a cancellation (the temporary file is removed). */
typedef struct {
  char *url;
  AttestDownloadLimits limits;
  GCancellable *cancellable;
  GMutex lock;         /* over received and total */
  gint64 received;
  gint64 total;
  AttestDownload *download;
  AttestEvidenceFile *prepared;
  GError *error;
  GMainLoop *loop;
} Job;

static void
on_download_progress (gint64   received,
                      gint64   total,
                      gpointer user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->lock);
  job->total = total;
  job->received = received;
  g_mutex_unlock (&job->lock);
}

static void
download_worker (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GFile) file = NULL;

  job->download = attest_download_pdf (job->url, &job->limits, on_download_progress, job, cancellable, &job->error);
  if (job->download == NULL)
    return;
  file = g_file_new_for_path (job->download->path);
  job->prepared = attest_link_document_prepare (file, job->download->file_name, NULL, NULL, cancellable,
                                                &job->error);
}

static void
download_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;

  g_main_loop_quit (job->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Job *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

typedef struct {
  Job *job;
  const char *label;
  gboolean shown;
} Meter;

static gboolean
show_progress (gpointer user_data)
{
  Meter *m = user_data;
  g_autofree char *got = NULL;
  g_autofree char *line = NULL;
  gint64 received, total;

  g_mutex_lock (&m->job->lock);
  received = m->job->received;
  total = m->job->total;
  g_mutex_unlock (&m->job->lock);
  got = g_format_size ((guint64)MAX (received, 0));

  if (total > 0)
    {
      g_autofree char *of = g_format_size ((guint64)total);
      /* Translators: on a terminal while downloading: "Downloading soc/1a2b3c4d: 1.2 MB of 3.4 MB" */
      line = g_strdup_printf (_("Downloading %s: %s of %s"), m->label, got, of);
    }
  else
    /* Translators: on a terminal while downloading, the size unknown: "Downloading soc/1a2b3c4d: 1.2 MB" */
    line = g_strdup_printf (_("Downloading %s: %s"), m->label, got);
  fprintf (stderr, "\r%s\033[K", line);
  fflush (stderr);
  m->shown = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
job_clear (Job *job)
{
  g_free (job->url);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->download, attest_download_free);
  g_clear_pointer (&job->prepared, attest_evidence_file_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->loop, g_main_loop_unref);
  g_mutex_clear (&job->lock);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Job, job_clear)

static int
link_get (AttestCliContext  *ctx,
          int                argc,
          char             **argv,
          int                timeout)
{
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_auto(Job) job = { 0 };
  Meter meter = { &job, NULL, FALSE };
  guint sigint_id, sigterm_id, meter_id = 0;
  gboolean from_url;
  int ret;

  if (argc != 3)
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), "link get LINK|URL [--timeout SECONDS]");
      return ATTEST_CLI_USAGE;
    }
  if (timeout < 0)
    {
      g_printerr (_("attest-cli: --timeout takes a number of seconds, not %d\n"), timeout);
      return ATTEST_CLI_USAGE;
    }
  from_url = attest_link_is_url (argv[2]);
  /* A refused address is said before any workspace is opened. */
  if (from_url && !attest_download_check_url (argv[2], &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_USAGE;
    }
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if ((ret = resolve (ctx, argv[2], &url, &label)) != ATTEST_CLI_OK)
    return ret;
  if (!from_url && !attest_download_check_url (url, &error))
    {
      g_printerr ("attest-cli: %s: %s\n", label, error->message);
      return ATTEST_CLI_FAILED;
    }

  g_mutex_init (&job.lock);
  job.url = g_strdup (url);
  job.limits.timeout_seconds = (guint)timeout;
  job.limits.max_bytes = ATTEST_EVIDENCE_MAX_BYTES;
  job.cancellable = g_cancellable_new ();
  job.total = -1;
  job.loop = g_main_loop_new (NULL, FALSE);
  meter.label = label;

  /* Ctrl+C cancels from before the first byte is asked for. */
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &job);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, &job);
  task = g_task_new (NULL, job.cancellable, download_done, &job);
  g_task_set_task_data (task, &job, NULL);
  g_task_run_in_thread (task, download_worker);
  /* Progress only for a person watching: never into a file or a pipe. */
  if (isatty (STDERR_FILENO))
    meter_id = g_timeout_add (100, show_progress, &meter);
  g_main_loop_run (job.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (meter_id != 0)
    g_source_remove (meter_id);
  if (meter.shown)
    fprintf (stderr, "\r\033[K");

  if (job.error != NULL)
    {
      /* The downloader's messages start with the URL: a LINK id goes before it. */
      if (!from_url)
        g_printerr (_("attest-cli: %s: %s\n"), label, job.error->message);
      else
        g_printerr ("attest-cli: %s\n", job.error->message);
      return ATTEST_CLI_FAILED;
    }

  if (!attest_link_document_store (job.prepared, ctx->workspace, url, ATTEST_LINK_DOCUMENT_DOWNLOADED,
                                   job.download->final_url, job.download->fetched_at, &error))
    {
      g_printerr (_("attest-cli: %s: %s\n"), label, error->message);
      return ATTEST_CLI_FAILED;
    }
  if (job.prepared->text_error != NULL)
    g_printerr (_("attest-cli: warning: %s: %s; kept without its text\n"), label, job.prepared->text_error->message);
  /* Only now, after the commit. */
  g_print ("%s\n", job.prepared->sha256);
  return ATTEST_CLI_OK;
}

static int
link_attach (AttestCliContext  *ctx,
             int                argc,
             char             **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestEvidenceFile) prepared = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if (argc != 4)
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), "link attach LINK|URL FILE");
      return ATTEST_CLI_USAGE;
    }
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if ((ret = resolve (ctx, argv[2], &url, &label)) != ATTEST_CLI_OK)
    return ret;

  /* Nothing is stored unless the whole file could be read and is a PDF. */
  file = g_file_new_for_commandline_arg (argv[3]);
  prepared = attest_link_document_prepare (file, NULL, NULL, NULL, NULL, &error);
  if (prepared == NULL)
    {
      g_printerr (_("attest-cli: %s: %s\n"), label, error->message);
      return ATTEST_CLI_FAILED;
    }
  if (!attest_link_document_store (prepared, ctx->workspace, url, ATTEST_LINK_DOCUMENT_ATTACHED, NULL, NULL,
                                   &error))
    {
      g_printerr (_("attest-cli: %s: %s\n"), label, error->message);
      return _attest_cli_store_error_status (error);
    }
  if (prepared->text_error != NULL)
    g_printerr (_("attest-cli: warning: %s: %s; kept without its text\n"), prepared->display_name,
                prepared->text_error->message);
  g_print ("%s\n", prepared->sha256);
  return ATTEST_CLI_OK;
}

int
_attest_cli_link (AttestCliContext  *ctx,
                  int                argc,
                  char             **argv)
{
  g_autofree char *format = NULL;
  int timeout = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse (LINK_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return link_list (ctx, argc, argv, format);
  if (format != NULL)
    {
      g_printerr (_("attest-cli: --format is for “link list”\n"));
      return ATTEST_CLI_USAGE;
    }
  if (argc >= 2 && g_str_equal (argv[1], "get"))
    return link_get (ctx, argc, argv, timeout);
  if (timeout != 0)
    {
      g_printerr (_("attest-cli: --timeout is for “link get”\n"));
      return ATTEST_CLI_USAGE;
    }
  if (argc >= 2 && g_str_equal (argv[1], "attach"))
    return link_attach (ctx, argc, argv);
  g_printerr (_("attest-cli: usage: attest-cli %s\n"), LINK_USAGE);
  return ATTEST_CLI_USAGE;
}
