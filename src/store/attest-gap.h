/* attest-gap.h: the gap report, My services × required scopes (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-expiry.h"
#include "attest-workspace.h"

G_BEGIN_DECLS

typedef enum {
  ATTEST_GAP_NOT_CERTIFIED,       /* no coverage in the newest page version */
  ATTEST_GAP_NO_LONGER_CERTIFIED, /* a flagged cell */
  ATTEST_GAP_OPEN,                /* in scope, checklist not satisfied */
  ATTEST_GAP_EVIDENCE_EXPIRING,   /* satisfied, evidence expired or expiring soon */
  ATTEST_GAP_READY,
} AttestGapState;

typedef struct {
  guint position;      /* from 1 */
  char *title;         /* as stored: attest_checklist_title_display() shows it */
  char *status;
  char *due;           /* YYYY-MM-DD or NULL */
} AttestGapItem;

typedef struct {
  char *sha256;
  char *name;
  char *expires;       /* YYYY-MM-DD */
  AttestExpiryState state;
} AttestGapEvidence;

typedef struct {
  char *scope_id;
  char *scope_name;
  char *service_id;
  char *service_name;
  AttestGapState state;
  gint64 variant_id;   /* not/no longer certified: the newest page version of the scope (0: none) */
  char *page_file;
  char *page_label;    /* attest_matrix_variant_label() */
  GPtrArray *covered_by; /* const char *: ids of other required scopes that cover the service
                          * (the report's AttestGapScope.scope_id: valid while the report is) */
  GPtrArray *missing;    /* AttestGapItem: neither satisfied, not applicable nor an exception */
  GPtrArray *exceptions; /* AttestGapItem */
  GPtrArray *overdue;    /* AttestGapItem: past their due date */
  GPtrArray *evidence;   /* AttestGapEvidence: expired or expiring, earliest first */
} AttestGapRow;

typedef struct {
  char *scope_id;
  char *scope_name;
  char *framework_id;
  guint n_services;
  guint n_state[ATTEST_GAP_READY + 1];  /* by AttestGapState */
} AttestGapScope;

typedef struct {
  char *today;
  GPtrArray *scopes;   /* AttestGapScope, in the matrix's column order */
  GPtrArray *rows;     /* AttestGapRow, by scope (that order), then service (the matrix's order) */
} AttestGapReport;

void             attest_gap_report_free     (AttestGapReport       *report);
const char      *attest_gap_state_word      (AttestGapState         state);
const char      *attest_gap_state_label     (AttestGapState         state);
char            *attest_gap_scope_summary   (const AttestGapScope  *scope);
const char      *attest_gap_state_symbol    (AttestGapState         state);
GPtrArray       *attest_gap_row_details     (const AttestGapReport *report,
                                             const AttestGapRow    *row);
AttestGapReport *attest_workspace_gap_report (AttestWorkspace      *self,
                                              const char           *today,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestGapReport, attest_gap_report_free)

G_END_DECLS
