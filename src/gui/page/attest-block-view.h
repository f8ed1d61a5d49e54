/* attest-block-view.h: a read-only text view of a block list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-block.h"
#include "attest-block-renderer.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_BLOCK_VIEW (attest_block_view_get_type ())

G_DECLARE_FINAL_TYPE (AttestBlockView, attest_block_view, ATTEST, BLOCK_VIEW, GtkTextView)

GtkWidget           *attest_block_view_new                  (void);
void                 attest_block_view_set_blocks           (AttestBlockView *self,
                                                             GPtrArray       *blocks);
AttestBlockRenderer *attest_block_view_get_renderer         (AttestBlockView *self);
void                 attest_block_view_set_renderer         (AttestBlockView     *self,
                                                             AttestBlockRenderer *renderer);
void                 attest_block_view_set_accessible_label (AttestBlockView *self,
                                                             const char      *label);
guint                attest_block_view_get_n_children       (AttestBlockView *self);
GtkWidget           *attest_block_view_get_child            (AttestBlockView *self,
                                                             guint            index);

G_END_DECLS
