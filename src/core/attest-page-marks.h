/* attest-page-marks.h: where a page names the services in scope
 *
 * The page view marks the services its in-scope section puts in scope;
 * clicking a mark selects the service's row in the matrix.  The rules are
 * written at the top of attest-page-marks.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-matrix.h"
#include "attest-page.h"

G_BEGIN_DECLS

typedef struct {
  gboolean source;   /* in page->source_blocks; else in page->translated_blocks */
  guint block;       /* block index */
  int row;           /* TABLE blocks: row index, and cell index; -1/-1 otherwise */
  int cell;
  guint start;       /* CHARACTER offsets (not bytes) into the text of the block's runs concatenated */
  guint end;         /*   (attest_runs_dup_text of block->runs, or of the table cell's runs) */
  char *service_id;
} AttestServiceMark;

void       attest_service_mark_free  (AttestServiceMark *mark);
/* Marks of the services in scope of @framework_id's scopes (cells whose rollup is not "no-longer-in-scope")
 * in @page, in page order, both sides. @lang: the page's translation language ("fr", "zh-TW"; the
 * AttestMatrixTranslation lang form) or NULL. */
GPtrArray *attest_page_mark_services (AttestPage   *page,
                                      AttestMatrix *matrix,
                                      const char   *framework_id,
                                      const char   *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestServiceMark, attest_service_mark_free)

G_END_DECLS
