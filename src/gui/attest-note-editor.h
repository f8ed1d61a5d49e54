/* attest-note-editor.h: the Markdown notes on one target, rendered, with an inline editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attest-workspace.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_NOTE_EDITOR (attest_note_editor_get_type ())

G_DECLARE_FINAL_TYPE (AttestNoteEditor, attest_note_editor, ATTEST, NOTE_EDITOR, GtkWidget)

AttestNoteEditor *attest_note_editor_new         (void);
void              attest_note_editor_set_target  (AttestNoteEditor *self,
                                                  AttestWorkspace  *workspace,
                                                  const char       *target,
                                                  const char       *title);
const char       *attest_note_editor_get_target  (AttestNoteEditor *self);
guint             attest_note_editor_get_n_notes (AttestNoteEditor *self);
void              attest_note_editor_reload      (AttestNoteEditor *self);
void              attest_note_editor_set_scrollable (AttestNoteEditor *self,
                                                     gboolean          scrollable);

G_END_DECLS
