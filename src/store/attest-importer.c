/* attest-importer.c: offering pages from files and folders into a workspace
 *
 * Pages → AttestPage (core parser) → AttestOffering (catalog rules) → the
 * workspace, one transaction per page: a page that fails leaves no trace and
 * never touches the pages imported before it. Runs on any thread; the caller
 * owns the workspace for the duration.
 *
 * Speed: the commits of an import do not each wait for the disk (WAL with
 * synchronous=NORMAL, _attest_workspace_set_bulk()): a commit still survives
 * the program being killed, and the end of the import (run to its end,
 * cancelled or stopped) syncs the WAL once: about 70 syncs (the WAL's
 * checkpoints) instead of one or more per page on the shared corpus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-framework-table.h"
#include "attest-importer.h"
#include "attest-offering.h"
#include "attest-page-files.h"
#include "attest-page.h"
#include "attest-service-table.h"
#include "attest-workspace-private.h"

static void
failure_free (AttestImportFailure *failure)
{
  g_free (failure->path);
  g_free (failure->reason);
  g_free (failure);
}

void
attest_import_summary_free (AttestImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_error (&summary->error);
  g_ptr_array_unref (summary->failures);
  g_ptr_array_unref (summary->failed_files);
  g_ptr_array_unref (summary->warnings);
  g_ptr_array_unref (summary->outcomes);
  g_hash_table_unref (summary->names);
  g_free (summary);
}

static AttestImportSummary *
summary_new (void)
{
  AttestImportSummary *summary = g_new0 (AttestImportSummary, 1);

  summary->failures = g_ptr_array_new_with_free_func (g_free);
  summary->failed_files = g_ptr_array_new_with_free_func ((GDestroyNotify)failure_free);
  summary->warnings = g_ptr_array_new_with_free_func (g_free);
  summary->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_import_outcome_free);
  summary->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return summary;
}

/* @message names the file first ("FILE: reason", FILE as the path or its
 * display name); the window shows the file and the reason apart. */
static void
add_failure (AttestImportSummary *summary,
             const char          *path,
             const char          *message)
{
  AttestImportFailure *failure = g_new0 (AttestImportFailure, 1);
  g_autofree char *name = attest_page_files_display_name (path);
  g_autofree char *glib_name = g_filename_display_name (path);
  const char *prefixes[] = { name, glib_name, path };
  const char *reason = message;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);
      if (strncmp (message, prefixes[i], len) == 0 && strncmp (message + len, ": ", 2) == 0)
        {
          reason = message + len + 2;
          break;
        }
    }

  failure->path = g_strdup (path);
  failure->reason = g_strdup (reason);
  g_ptr_array_add (summary->failed_files, failure);
  g_ptr_array_add (summary->failures, g_strdup (message));
  summary->failed++;
}

/* Errors of the workspace itself, not of the page: every page after would
 * fail the same way (after waiting out the busy timeout each), so the import
 * stops there. */
static gboolean
stops_import (const GError *error)
{
  if (error->domain != ATTEST_STORE_ERROR)
    return FALSE;
  switch (error->code)
    {
    case ATTEST_STORE_ERROR_BUSY:
    case ATTEST_STORE_ERROR_FULL:
    case ATTEST_STORE_ERROR_READ_ONLY:
    case ATTEST_STORE_ERROR_CORRUPT:
    case ATTEST_STORE_ERROR_NOT_A_WORKSPACE:
    case ATTEST_STORE_ERROR_TOO_NEW:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The names the scope-change report shows, read once the pages are in. */
static void
collect_names (AttestImportSummary *summary,
               AttestWorkspace     *workspace)
{
  for (guint i = 0; i < summary->outcomes->len; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];

      if (!o->newer_variant || o->changes->len == 0)
        continue;
      if (!g_hash_table_contains (summary->names, o->framework_id))
        {
          char *name = _attest_workspace_query_text (workspace, "SELECT short_name FROM framework WHERE id = ?1",
                                                     o->framework_id);
          if (name != NULL)
            g_hash_table_insert (summary->names, g_strdup (o->framework_id), name);
        }
      for (guint j = 0; j < o->changes->len; j++)
        {
          AttestScopeChange *c = o->changes->pdata[j];
          char *name;

          if (g_hash_table_contains (summary->names, c->scope_id))
            continue;
          name = _attest_workspace_query_text (workspace, "SELECT name FROM scope WHERE id = ?1", c->scope_id);
          if (name != NULL)
            g_hash_table_insert (summary->names, g_strdup (c->scope_id), name);
        }
    }
}

/* Reads (once), parses and applies the catalog rules: everything but SQLite.
 * The text parsed, with its includes spliced in, is the text hashed and
 * stored: the page shown later is the page imported, and an edited include
 * makes the page changed. */
static AttestOffering *
prepare (const AttestPageFile  *file,
         AttestFrameworkTable  *frameworks,
         AttestServiceTable    *names,
         guint64               *bytes,
         GError               **error)
{
  g_autofree char *display = attest_page_files_display_name (file->path);
  g_autoptr(AttestPageSource) source = NULL;
  g_autoptr(AttestPage) page = NULL;
  AttestOffering *offering;
  const char *text;
  gsize len;

  source = attest_page_source_read (file->path, file->root, display, error);
  if (source == NULL)
    return NULL;
  text = g_bytes_get_data (source->text, &len);
  *bytes += len;

  page = attest_page_parse (display, text, (gssize) len, error);
  if (page == NULL)
    return NULL;

  offering = attest_offering_new_from_page (page, file->path, source->text, frameworks, names);
  /* The includes left out first, as they come first in the page. */
  for (guint i = 0; i < source->warnings->len; i++)
    g_ptr_array_insert (offering->warnings, (gint) i, g_strdup (source->warnings->pdata[i]));
  return offering;
}

/**
 * attest_importer_run_dated:
 * @paths: files and folders; folders contribute their offering-*.md files
 * @date: (nullable): the date of every page imported (YYYY-MM-DD), as the
 *   analyst knows it: it ranks them before any date they carry
 *
 * Each page is one transaction: a page that fails, a cancel (checked between
 * pages) or an error of the workspace itself (busy, full, read-only: the
 * import stops there, summary->error says why) leaves every page recorded
 * before as it is.
 *
 * Returns: (transfer full): the summary; %NULL only when the data tables of
 *   Attest itself cannot be read (@error says which).
 */
AttestImportSummary *
attest_importer_run_dated (AttestWorkspace      *workspace,
                           const char * const   *paths,
                           const char           *date,
                           AttestImportProgress  progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(AttestImportSummary) summary = summary_new ();
  g_autoptr(AttestFrameworkTable) frameworks = attest_framework_table_new ();
  g_autoptr(AttestServiceTable) names = attest_service_table_new ();
  g_autoptr(AttestPageFiles) files = NULL;
  gint64 first_new_id;
  gboolean bulk;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  if (!attest_framework_table_load_default (frameworks, error) ||
      !attest_service_table_load_default (names, error))
    return NULL;

  files = attest_page_files_collect (paths, cancellable);
  summary->skipped = files->skipped;
  summary->total = files->files->len;
  for (guint i = 0; i < files->failures->len; i++)
    {
      AttestPageFailure *f = files->failures->pdata[i];
      add_failure (summary, f->path, f->message);
    }
  for (guint i = 0; i < files->warnings->len; i++)
    g_ptr_array_add (summary->warnings, g_strdup (files->warnings->pdata[i]));

  /* The versions stored before this import: an undated page never silently
   * supersedes one of them (pages of one import rank in path order). */
  {
    g_autofree char *max_id = _attest_workspace_query_text (workspace, "SELECT coalesce (max (id), 0) FROM variant", NULL);
    first_new_id = max_id != NULL ? g_ascii_strtoll (max_id, NULL, 10) + 1 : 0;
  }

  /* Not fatal: the import is then as slow as before, as safe. */
  bulk = files->files->len > 0 && _attest_workspace_set_bulk (workspace, TRUE, NULL);

  if (progress != NULL && !g_cancellable_is_cancelled (cancellable))
    progress (0, files->files->len, NULL, user_data);

  for (guint i = 0; i < files->files->len; i++)
    {
      const AttestPageFile *file = files->files->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(AttestOffering) offering = NULL;
      AttestImportOutcome *outcome = NULL;
      gint64 t0, t1;

      /* Cancel between pages: every page imported so far stays. */
      if (g_cancellable_is_cancelled (cancellable))
        break;

      t0 = g_get_monotonic_time ();
      offering = prepare (file, frameworks, names, &summary->bytes, &local_error);
      t1 = g_get_monotonic_time ();
      summary->parse_usec += t1 - t0;

      if (offering == NULL)
        add_failure (summary, file->path, local_error->message);
      else
        {
          offering->date_set = g_strdup (date);
          offering->first_new_id = first_new_id;
          for (guint w = 0; w < offering->warnings->len; w++)
            g_ptr_array_add (summary->warnings, g_strdup (offering->warnings->pdata[w]));

          if (!attest_workspace_import_offering (workspace, offering, names, &outcome, &local_error))
            {
              g_autofree char *name = attest_page_files_display_name (file->path);
              g_autofree char *message = g_strdup_printf ("%s: %s", name, local_error->message);

              add_failure (summary, file->path, message);
              if (stops_import (local_error))
                summary->error = g_error_new_literal (local_error->domain, local_error->code, message);
            }
          else
            {
              if (outcome->unchanged)
                summary->unchanged++;
              else
                summary->imported++;
              g_ptr_array_add (summary->outcomes, outcome);
            }
          summary->store_usec += g_get_monotonic_time () - t1;
        }

      summary->done = i + 1;
      if (progress != NULL)
        progress (i + 1, files->files->len, file->path, user_data);
      if (summary->error != NULL)
        break;
    }

  /* Every commit made durable, however the import ended. */
  if (bulk)
    {
      g_autoptr(GError) sync_error = NULL;
      gint64 t0 = g_get_monotonic_time ();

      if (!_attest_workspace_set_bulk (workspace, FALSE, &sync_error) && summary->error == NULL)
        summary->error = g_steal_pointer (&sync_error);
      summary->store_usec += g_get_monotonic_time () - t0;
    }

  /* A cancel after the last page changes nothing: the import ran to its end. */
  summary->cancelled = summary->error == NULL && summary->done < summary->total &&
                       g_cancellable_is_cancelled (cancellable);
  if (summary->total == 0 && g_cancellable_is_cancelled (cancellable))
    summary->cancelled = TRUE;
  collect_names (summary, workspace);

  return g_steal_pointer (&summary);
}

/**
 * attest_importer_run:
 *
 * attest_importer_run_dated() with the pages' own dates.
 */
AttestImportSummary *
attest_importer_run (AttestWorkspace      *workspace,
                     const char * const   *paths,
                     AttestImportProgress  progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  return attest_importer_run_dated (workspace, paths, NULL, progress, user_data, cancellable, error);
}

/**
 * attest_import_summary_get_name:
 * @id: a framework id or a scope id of the summary's scope changes
 *
 * Returns: (nullable): the framework's short name or the scope's name
 */
const char *
attest_import_summary_get_name (AttestImportSummary *summary,
                                const char          *id)
{
  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (summary->names, id);
}

/**
 * attest_import_summary_scope_title:
 *
 * Returns: (transfer full): "SOC — SOC 2" as the matrix headers name a scope:
 *   the framework's short name, then the scope's name (once when they are
 *   the same); the scope id when the workspace did not say.
 */
char *
attest_import_summary_scope_title (AttestImportSummary *summary,
                                   const char          *scope_id)
{
  g_autofree char *framework_id = NULL;
  const char *slash;
  const char *scope_name;
  const char *short_name;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (scope_id != NULL, NULL);

  scope_name = g_hash_table_lookup (summary->names, scope_id);
  slash = strchr (scope_id, '/');
  framework_id = slash != NULL ? g_strndup (scope_id, slash - scope_id) : g_strdup (scope_id);
  short_name = g_hash_table_lookup (summary->names, framework_id);

  if (scope_name == NULL)
    return g_strdup (scope_id);
  if (short_name == NULL || g_str_equal (short_name, scope_name))
    return g_strdup (scope_name);
  /* Translators: a scope as the matrix headers name it: framework short name — scope name */
  return g_strdup_printf (_("%s — %s"), short_name, scope_name);
}

/**
 * attest_import_summary_count_kept_older:
 *
 * Returns: how many pages without a date were kept below a stored version
 */
guint
attest_import_summary_count_kept_older (AttestImportSummary *summary)
{
  guint n = 0;

  g_return_val_if_fail (summary != NULL, 0);

  for (guint i = 0; i < summary->outcomes->len; i++)
    n += ((AttestImportOutcome *)summary->outcomes->pdata[i])->kept_older ? 1 : 0;
  return n;
}

/**
 * attest_import_summary_report:
 *
 * The summary in words, as `attest-cli import` prints it and the window shows
 * it: counts, whether it stopped early, then the scope-change report of
 * frameworks that got a newer variant.
 */
char *
attest_import_summary_report (AttestImportSummary *summary)
{
  GString *out = g_string_new (NULL);
  guint n_older;

  g_string_append_printf (out, _("Imported %u, unchanged %u, skipped %u (not offering pages), failed %u"),
                          summary->imported, summary->unchanged, summary->skipped, summary->failed);
  g_string_append_c (out, '\n');

  if (summary->error != NULL)
    {
      g_string_append_printf (out, _("Stopped after %u of %u pages: the pages recorded before are kept"),
                              summary->done, summary->total);
      g_string_append_c (out, '\n');
    }
  else if (summary->cancelled)
    {
      g_string_append_printf (out, _("Cancelled after %u of %u pages: the pages recorded before are kept"),
                              summary->done, summary->total);
      g_string_append_c (out, '\n');
    }

  /* An undated page never silently supersedes a stored version. */
  n_older = attest_import_summary_count_kept_older (summary);
  if (n_older > 0)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u page has no date and a version of it was already stored: "
                                                "kept as an older version (set its date, or make it current, "
                                                "for it to supersede the stored one):",
                                                "%u pages have no date and a version of each was already stored: "
                                                "kept as older versions (set their dates, or make them current, "
                                                "for them to supersede the stored ones):", n_older), n_older);
      g_string_append_c (out, '\n');
      for (guint i = 0; i < summary->outcomes->len; i++)
        {
          AttestImportOutcome *o = summary->outcomes->pdata[i];

          if (o->kept_older)
            g_string_append_printf (out, "  %s\n", o->file_name);
        }
    }

  for (guint i = 0; i < summary->outcomes->len; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];

      if (!o->newer_variant)
        continue;
      for (guint j = 0; j < o->changes->len; j++)
        {
          AttestScopeChange *c = o->changes->pdata[j];
          g_autofree char *title = attest_import_summary_scope_title (summary, c->scope_id);

          if (g_str_equal (title, c->scope_id))
            g_string_append_printf (out, _("Scope %s changed:"), c->scope_id);
          else
            /* Translators: "Scope SOC — SOC 2 (soc/soc-2) changed:" */
            g_string_append_printf (out, _("Scope %s (%s) changed:"), title, c->scope_id);
          g_string_append_c (out, '\n');
          for (guint k = 0; k < c->added->len; k++)
            g_string_append_printf (out, "  + %s\n", (char *)c->added->pdata[k]);
          for (guint k = 0; k < c->renamed->len; k++)
            g_string_append_printf (out, "  ~ %s\n", (char *)c->renamed->pdata[k]);
          for (guint k = 0; k < c->removed->len; k++)
            {
              g_string_append_printf (out, "  - %s ", (char *)c->removed->pdata[k]);
              g_string_append_printf (out, _("(kept, flagged no longer in scope)"));
              g_string_append_c (out, '\n');
            }
        }
    }
  return g_string_free (out, FALSE);
}
