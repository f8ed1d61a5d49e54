/* attest-importer.h: offering pages from files and folders into a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-workspace.h"
#include "attest-workspace-catalog.h"

G_BEGIN_DECLS

/* A file or folder that could not be imported. */
typedef struct {
  char *path;            /* as found or named */
  char *reason;          /* why, without the file name */
} AttestImportFailure;

typedef struct {
  guint total;           /* offering pages found */
  guint done;            /* of them, pages read (imported, unchanged or failed) */
  gboolean cancelled;    /* stopped by the cancellable before the last page */
  GError *error;         /* what stopped the import before its end (the workspace
                          * busy, full or read-only), naming the file; NULL when it
                          * ran to the end or was cancelled. Pages recorded before stay. */
  guint imported;        /* pages recorded */
  guint unchanged;       /* pages whose bytes were already in the workspace */
  guint skipped;         /* files that are not offering pages */
  guint failed;          /* pages or paths that could not be imported */
  guint64 bytes;         /* bytes of the pages read */
  gint64 parse_usec;     /* reading, segments, cmark and extraction */
  gint64 store_usec;     /* SQLite */
  gint64 parse_cpu_usec; /* the same, in the importing thread's CPU time */
  gint64 store_cpu_usec;
  GPtrArray *failures;   /* char *: "FILE: reason" */
  GPtrArray *failed_files; /* AttestImportFailure, the same failures, file and reason apart */
  GPtrArray *warnings;   /* char *: "FILE: …" (the page was imported) */
  GPtrArray *outcomes;   /* AttestImportOutcome of each page recorded */
  GHashTable *names;     /* framework id → short name and scope id → scope name,
                          * for the frameworks and scopes of the scope changes */
} AttestImportSummary;

/* Called on the importing thread once the pages are found (@done 0, @path
 * NULL), then after each page: @done of @total. A page reported is recorded
 * in the import's open batch, committed with it: within about 100 ms, and
 * when the import returns, however it ends (a cancel included). */
typedef void (*AttestImportProgress) (guint        done,
                                      guint        total,
                                      const char  *path,
                                      gpointer     user_data);

AttestImportSummary *attest_importer_run           (AttestWorkspace      *workspace,
                                                    const char * const   *paths,
                                                    AttestImportProgress  progress,
                                                    gpointer              user_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
AttestImportSummary *attest_importer_run_full      (AttestWorkspace      *workspace,
                                                    const char * const   *paths,
                                                    const char           *include_root,
                                                    gboolean              docset,
                                                    const char           *date,
                                                    AttestImportProgress  progress,
                                                    gpointer              user_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
guint                attest_import_summary_count_kept_older (AttestImportSummary *summary);
void                 attest_import_summary_free    (AttestImportSummary  *summary);
char                *attest_import_summary_report  (AttestImportSummary  *summary);
const char          *attest_import_summary_get_name (AttestImportSummary *summary,
                                                    const char          *id);
char                *attest_import_summary_scope_title (AttestImportSummary *summary,
                                                       const char          *scope_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestImportSummary, attest_import_summary_free)

G_END_DECLS
