/* attest-report-html.h: the evidence report as one standalone, printable HTML file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-report.h"

G_BEGIN_DECLS

char *attest_report_export_html (AttestReport *report,
                                 const char   *workspace_name,
                                 const char   *reviewer,
                                 const char   *date,
                                 const char   *fingerprint);

G_END_DECLS
