/* attest-importer.h: offering pages from files and folders into a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-workspace.h"
#include "attest-workspace-catalog.h"

G_BEGIN_DECLS

typedef struct {
  guint imported;        /* pages recorded */
  guint unchanged;       /* pages whose bytes were already in the workspace */
  guint skipped;         /* files that are not offering pages */
  guint failed;          /* pages or paths that could not be imported */
  guint64 bytes;         /* bytes of the pages read */
  gint64 parse_usec;     /* reading, segments, cmark and extraction */
  gint64 store_usec;     /* SQLite */
  GPtrArray *failures;   /* char *: "FILE: reason" */
  GPtrArray *warnings;   /* char *: "FILE: …" (the page was imported) */
  GPtrArray *outcomes;   /* AttestImportOutcome of each page recorded */
} AttestImportSummary;

/* Called on the importing thread after each page: @done of @total. */
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
void                 attest_import_summary_free    (AttestImportSummary  *summary);
char                *attest_import_summary_report  (AttestImportSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestImportSummary, attest_import_summary_free)

G_END_DECLS
