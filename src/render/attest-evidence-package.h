/* attest-evidence-package.h: the evidence package, a BagIt 1.0 folder or its zip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an analyst hands the auditor (DESIGN.md, issue 22): a BagIt 1.0 bag
 * (RFC 8493) whose data/ folder holds
 *   report.pdf, report.html   the evidence report (attest-report-sheets.h),
 *                             its gap report section included
 *   gap.csv                   the gap report, as `attest-cli gap --format csv`
 *                             (attest-gap-csv.h)
 *   matrix.pdf, matrix.csv    the matrix, unfiltered
 *   evidence/NAME             every evidence file under its original name
 *   annotated/NAME            an annotated copy of each annotated PDF
 *   notes.md                  every note, in Markdown
 * and whose manifest-sha256.txt anyone checks with `sha256sum -c
 * manifest-sha256.txt` in the bag's folder. bag-info.txt names the
 * workspace's fingerprint, the reviewer, the date, the Payload-Oxum and the
 * Bagging-Date.
 *
 * A file's name never takes it out of its folder: attest_package_safe_name()
 * keeps only the last part of a path, replaces control characters and the
 * characters other systems refuse, and a name taken twice (compared
 * case-folded) becomes "name (2).ext".
 *
 * Running it in a thread (GTask): attest_evidence_package_write() blocks
 * and reads the workspace; it must run in one thread at a time and nothing
 * else may use @workspace meanwhile (open a second AttestWorkspace on the
 * same file for the task). It draws with cairo and Pango on their own
 * surfaces, which is safe in a worker thread. @progress is called in that
 * same thread: marshal it to the main context (g_main_context_invoke())
 * before touching widgets. Cancelling @cancellable stops it between files,
 * with G_IO_ERROR_CANCELLED.
 *
 * Nothing half-written is ever left under the chosen name: the bag is built
 * in a hidden folder beside @target (".NAME.partial-XXXXXX") and renamed to
 * @target at the end (or zipped to a hidden file renamed to @target.zip);
 * on failure or cancellation the hidden folder and file are removed.
 */
#pragma once

#include <gio/gio.h>

#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

/* Called after each step: @what says what was just written (translated),
 * @done of @total steps. */
typedef void (*AttestPackageProgress) (const char *what,
                                       guint       done,
                                       guint       total,
                                       gpointer    user_data);

typedef struct {
  AttestMatrix *matrix;        /* the matrix the report and matrix files show */
  const char *workspace_name;
  const char *reviewer;        /* may be NULL */
  const char *date;            /* YYYY-MM-DD */
  const char *fingerprint;     /* the head of the history chain */
  double paper_width;          /* points; 0: A4 */
  double paper_height;
} AttestPackageInfo;

char     *attest_package_safe_name        (const char            *name);
char     *attest_package_unique_name      (GHashTable            *taken,
                                           const char            *name);
gboolean  attest_evidence_package_check_target (const char       *target,
                                           gboolean               zip,
                                           GError               **error);
gboolean  attest_evidence_package_write   (AttestWorkspace       *workspace,
                                           const AttestPackageInfo *info,
                                           const char            *target,
                                           gboolean               zip,
                                           AttestPackageProgress  progress,
                                           gpointer               user_data,
                                           GCancellable          *cancellable,
                                           GError               **error);

G_END_DECLS
