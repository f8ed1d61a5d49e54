/* attest-report-sheets.h: the evidence report on paper, for print and PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pango.h>

#include "attest-report.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_REPORT_SHEETS (attest_report_sheets_get_type ())

G_DECLARE_FINAL_TYPE (AttestReportSheets, attest_report_sheets, ATTEST, REPORT_SHEETS, GObject)

AttestReportSheets *attest_report_sheets_new         (AttestReport       *report,
                                                      const char         *workspace_name,
                                                      const char         *reviewer,
                                                      const char         *date,
                                                      const char         *fingerprint);
guint               attest_report_sheets_paginate    (AttestReportSheets *self,
                                                      PangoContext       *context,
                                                      double              width,
                                                      double              height);
guint               attest_report_sheets_get_n_pages (AttestReportSheets *self);
gboolean            attest_report_sheets_is_gap_only (AttestReportSheets *self);
void                attest_report_sheets_draw_page   (AttestReportSheets *self,
                                                      cairo_t            *cr,
                                                      guint               page_nr);
gboolean            attest_report_sheets_export_pdf  (AttestReportSheets *self,
                                                      const char         *path,
                                                      double              paper_width,
                                                      double              paper_height,
                                                      GError            **error);

/* Shared with the HTML report: an item status's symbol and word. */
const char         *attest_report_status_symbol      (const char         *status);
const char         *attest_report_status_word        (const char         *status);

G_END_DECLS
