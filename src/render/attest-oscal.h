/* attest-oscal.h: the gap report as NIST OSCAL 1.1 assessment-results JSON (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* The OSCAL release the output declares and is validated against. */
#define ATTEST_OSCAL_VERSION "1.1.2"
/* The namespace of Attest's own props (name/value pairs OSCAL does not define). */
#define ATTEST_OSCAL_NS "https://github.com/attest/attest/ns/oscal"

typedef struct {
  const char *workspace_name;  /* the workspace file's name */
  const char *reviewer;        /* or NULL: no party */
  const char *fingerprint;     /* the head of the history chain (verify --fingerprint) */
  GDateTime  *now;             /* last-modified, the results' start; its local date is the gap report's today */
} AttestOscalInfo;

char *attest_oscal_uuid_v5                (const char             *name);
char *attest_oscal_token                  (const char             *text);
char *attest_oscal_export_assessment_results (AttestWorkspace     *workspace,
                                           const AttestOscalInfo  *info,
                                           GError                **error);

G_END_DECLS
