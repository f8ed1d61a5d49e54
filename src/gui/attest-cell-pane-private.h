/* attest-cell-pane-private.h: what the tests look at inside the cell pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-cell-pane.h"
#include "attest-evidence-attacher.h"

G_BEGIN_DECLS

gboolean    _attest_cell_pane_is_attaching     (AttestCellPane *self);
AttestEvidenceAttacher *_attest_cell_pane_get_attacher (AttestCellPane *self);
AdwToast   *_attest_cell_pane_get_last_toast   (AttestCellPane *self);
const char *_attest_cell_pane_get_quote_text   (AttestCellPane *self);
const char *_attest_cell_pane_get_translated_quote_text (AttestCellPane *self);
const char *_attest_cell_pane_get_translated_caption_text (AttestCellPane *self);
const char *_attest_cell_pane_get_variant_text (AttestCellPane *self);
const char *_attest_cell_pane_get_banner_text  (AttestCellPane *self);
const char *_attest_cell_pane_get_summary_text (AttestCellPane *self);
const char *_attest_cell_pane_get_failure_text (AttestCellPane *self);
GtkWidget  *_attest_cell_pane_get_item_row     (AttestCellPane *self,
                                                guint           index);
GtkWidget  *_attest_cell_pane_get_link_row     (AttestCellPane *self,
                                                guint           index);

G_END_DECLS
