/* attest-export-job.h: the evidence report and package written off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

typedef struct _AttestExportProgress AttestExportProgress;

/* On the main context, while the worker waits: @fraction from 0 to 1;
 * @what (nullable) names the step just done. */
typedef void (*AttestExportProgressFunc) (GObject              *target,
                                          AttestExportProgress *progress,
                                          double                fraction,
                                          const char           *what);

AttestExportProgress *attest_export_progress_new    (GObject                  *target,
                                                     AttestExportProgressFunc  func);
AttestExportProgress *attest_export_progress_ref    (AttestExportProgress     *self);
void                  attest_export_progress_unref  (AttestExportProgress     *self);
void                  attest_export_progress_report (AttestExportProgress     *self,
                                                     double                    fraction,
                                                     const char               *what,
                                                     GCancellable             *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestExportProgress, attest_export_progress_unref)

gboolean attest_report_export_format_known (const char            *path);
void     attest_report_export_async        (AttestWorkspace       *workspace,
                                            AttestMatrix          *shown,
                                            const char            *path,
                                            gboolean               letter,
                                            gboolean               landscape,
                                            AttestExportProgress  *progress,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
void     attest_gap_report_export_async    (AttestWorkspace       *workspace,
                                            const char            *path,
                                            AttestExportProgress  *progress,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean attest_report_export_finish       (GAsyncResult          *result,
                                            GError               **error);

void     attest_package_export_async       (AttestWorkspace       *workspace,
                                            const char            *target,
                                            gboolean               zip,
                                            AttestExportProgress  *progress,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean attest_package_export_finish      (GAsyncResult          *result,
                                            GError               **error);

G_END_DECLS
