/* attest-report.h: the evidence report's content, gathered once from the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model the report's sheets (attest-report-sheets.h) and its HTML
 * (attest-report-html.h) both draw: per framework and scope a summary (cells
 * by roll-up, open exceptions, overdue items, expired evidence), then per
 * scope the cells with something recorded (an item started, an owner, a due
 * date, evidence, a note or an annotation) with their checklist items, their
 * evidence (name, SHA-256, dates), notes and annotations (page and text). The
 * cells where nothing is recorded yet are listed by service name alone: their
 * checklist is the template's, every item not started.
 *
 * The gap report (attest-gap.h, My services × required scopes) is gathered
 * with it, judged on the same day: the sheets and the HTML show it after
 * the summary. A report gathered with attest_report_gather_gap() holds the
 * gap report alone (the Gap Report window prints and exports it).
 */
#pragma once

#include <gio/gio.h>

#include "attest-expiry.h"
#include "attest-gap.h"
#include "attest-matrix.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

/* The roll-ups, in the order of the summary's columns. */
enum {
  ATTEST_REPORT_NOT_STARTED,
  ATTEST_REPORT_IN_PROGRESS,
  ATTEST_REPORT_SATISFIED,
  ATTEST_REPORT_EXCEPTION,
  ATTEST_REPORT_NO_LONGER_IN_SCOPE,
  ATTEST_REPORT_N_ROLLUPS
};

/* The longest note or annotation text the report shows, in bytes; the
 * package's notes.md and the annotated copies hold them whole. */
#define ATTEST_REPORT_TEXT_MAX 1200
#define ATTEST_REPORT_TEXT_MAX_LINES 20

typedef struct {
  guint page;          /* from 1, as printed */
  char *kind;          /* "highlight", "rectangle", "note" */
  char *text;          /* clipped to ATTEST_REPORT_TEXT_MAX */
  char *quote;         /* may be empty */
} AttestReportAnnotation;

typedef struct {
  char *sha256;
  char *name;
  char *effective;     /* YYYY-MM-DD or NULL */
  char *expires;       /* YYYY-MM-DD or NULL */
  AttestExpiryState expiry;
  GPtrArray *annotations; /* AttestReportAnnotation: on this file, for this item or for none */
  GPtrArray *notes;       /* char *: the notes on the file */
} AttestReportEvidence;

typedef struct {
  guint position;
  char *title;
  char *status;        /* not-started, …, exception */
  char *owner;         /* "" when nobody */
  char *due;           /* YYYY-MM-DD or NULL */
  gboolean overdue;
  GPtrArray *evidence; /* AttestReportEvidence */
  GPtrArray *notes;    /* char * */
} AttestReportItem;

typedef struct {
  char *service_id;
  char *service_name;
  char *rollup;
  GPtrArray *items;    /* AttestReportItem */
  GPtrArray *notes;    /* char *: the notes on the cell */
} AttestReportCell;

typedef struct {
  char *id;
  char *name;
  guint by_rollup[ATTEST_REPORT_N_ROLLUPS];
  guint exceptions;    /* items whose status is exception */
  guint overdue;       /* items past their due date, not done */
  guint expired;       /* evidence files linked to its items that have expired */
  GPtrArray *cells;    /* AttestReportCell: those with something recorded */
  GPtrArray *untouched; /* char *: the services of the cells with nothing recorded */
} AttestReportScope;

typedef struct {
  char *id;
  char *short_name;
  char *title;
  GPtrArray *scopes;   /* AttestReportScope */
} AttestReportFramework;

typedef struct {
  GPtrArray *frameworks; /* AttestReportFramework, in the matrix's order */
  char *today;           /* YYYY-MM-DD: what overdue and expired are judged by */
  guint n_evidence;      /* distinct evidence files shown */
  guint n_cells;         /* cells shown in detail */
  AttestGapReport *gap;  /* My services × required scopes, judged on @today */
  gboolean gap_only;     /* the gap report alone: no summary, no details */
} AttestReport;

AttestReport *attest_report_gather    (AttestWorkspace *workspace,
                                       AttestMatrix    *matrix,
                                       const char      *today,
                                       GCancellable    *cancellable,
                                       GError         **error);
AttestReport *attest_report_gather_gap (AttestWorkspace *workspace,
                                        const char      *today,
                                        GError         **error);
void          attest_report_free      (AttestReport    *report);
int           attest_report_rollup_index (const char   *rollup);
const char   *attest_report_gap_empty (const AttestReport *report);
char         *attest_report_clip_text (const char      *text);
char         *attest_report_plain_text (const char     *markdown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestReport, attest_report_free)

G_END_DECLS
