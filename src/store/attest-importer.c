/* attest-importer.c: offering pages from files and folders into a workspace
 *
 * Pages → AttestPage (core parser) → AttestOffering (catalog rules) → the
 * workspace, one transaction per page: a page that fails leaves no trace and
 * never touches the pages imported before it. Runs on any thread; the caller
 * owns the workspace for the duration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-importer"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-framework-table.h"
#include "attest-importer.h"
#include "attest-offering.h"
#include "attest-page-files.h"
#include "attest-page.h"
#include "attest-service-table.h"

void
attest_import_summary_free (AttestImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->failures);
  g_ptr_array_unref (summary->warnings);
  g_ptr_array_unref (summary->outcomes);
  g_free (summary);
}

static AttestImportSummary *
summary_new (void)
{
  AttestImportSummary *summary = g_new0 (AttestImportSummary, 1);

  summary->failures = g_ptr_array_new_with_free_func (g_free);
  summary->warnings = g_ptr_array_new_with_free_func (g_free);
  summary->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_import_outcome_free);
  return summary;
}

/* Reads, parses and applies the catalog rules: everything but SQLite. */
static AttestOffering *
prepare (const AttestPageFile  *file,
         AttestFrameworkTable  *frameworks,
         AttestServiceTable    *names,
         guint64               *bytes,
         GError               **error)
{
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) content = NULL;

  page = attest_page_load (file->path, file->root, error);
  if (page == NULL)
    return NULL;

  /* The bytes as imported are kept in the workspace (and give the content hash). */
  mapped = g_mapped_file_new (file->path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  content = g_mapped_file_get_bytes (mapped);
  *bytes += g_bytes_get_size (content);

  return attest_offering_new_from_page (page, file->path, content, frameworks, names);
}

/**
 * attest_importer_run:
 * @paths: files and folders; folders contribute their offering-*.md files
 *
 * Returns: (transfer full): the summary; %NULL only when the data tables of
 *   Attest itself cannot be read (@error says which).
 */
AttestImportSummary *
attest_importer_run (AttestWorkspace      *workspace,
                     const char * const   *paths,
                     AttestImportProgress  progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(AttestImportSummary) summary = summary_new ();
  g_autoptr(AttestFrameworkTable) frameworks = attest_framework_table_new ();
  g_autoptr(AttestServiceTable) names = attest_service_table_new ();
  g_autoptr(AttestPageFiles) files = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  if (!attest_framework_table_load_default (frameworks, error) ||
      !attest_service_table_load_default (names, error))
    return NULL;

  files = attest_page_files_collect (paths, cancellable);
  summary->skipped = files->skipped;
  for (guint i = 0; i < files->failures->len; i++)
    {
      AttestPageFailure *f = files->failures->pdata[i];
      g_ptr_array_add (summary->failures, g_strdup (f->message));
      summary->failed++;
    }

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
        {
          g_ptr_array_add (summary->failures, g_strdup (local_error->message));
          summary->failed++;
        }
      else
        {
          for (guint w = 0; w < offering->warnings->len; w++)
            g_ptr_array_add (summary->warnings, g_strdup (offering->warnings->pdata[w]));

          if (!attest_workspace_import_offering (workspace, offering, names, &outcome, &local_error))
            {
              g_autofree char *name = g_filename_display_name (file->path);
              g_ptr_array_add (summary->failures, g_strdup_printf ("%s: %s", name, local_error->message));
              summary->failed++;
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

      if (progress != NULL)
        progress (i + 1, files->files->len, file->path, user_data);
    }

  return g_steal_pointer (&summary);
}

/**
 * attest_import_summary_report:
 *
 * The summary in words, as `attest-cli import` prints it and the window shows
 * it: counts, then the scope-change report of frameworks that got a newer variant.
 */
char *
attest_import_summary_report (AttestImportSummary *summary)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Imported %u, unchanged %u, skipped %u (not offering pages), failed %u"),
                          summary->imported, summary->unchanged, summary->skipped, summary->failed);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < summary->outcomes->len; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];

      if (!o->newer_variant)
        continue;
      for (guint j = 0; j < o->changes->len; j++)
        {
          AttestScopeChange *c = o->changes->pdata[j];

          g_string_append_printf (out, _("Scope %s changed:"), c->scope_id);
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
