/* attest-workspace-notes.h: Markdown notes on frameworks, sections, cells, items, services, evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* A note's target is one of:
 *   framework:ID   framework:ID#SECTION-KEY   scope:ID   service:ID
 *   cell:SCOPE-ID:SERVICE-ID   item:ITEM-ID   evidence:SHA256 */
/* The most text a note holds, in bytes of UTF-8. */
#define ATTEST_NOTE_MAX_BYTES (1024 * 1024)

typedef struct {
  gint64 id;
  char *target;
  char *text;
  char *created_at;
  char *updated_at;
} AttestNote;

void       attest_note_free            (AttestNote       *note);
gboolean   attest_workspace_add_note   (AttestWorkspace  *self,
                                        const char       *target,
                                        const char       *text,
                                        gint64           *id,
                                        GError          **error);
GPtrArray *attest_workspace_list_notes (AttestWorkspace  *self,
                                        const char       *target,
                                        GError          **error);
gboolean   attest_workspace_note_is_on (AttestWorkspace  *self,
                                        gint64            id,
                                        const char       *target);
AttestNote *attest_workspace_get_note  (AttestWorkspace  *self,
                                        gint64            id,
                                        GError          **error);
gboolean   attest_workspace_update_note (AttestWorkspace *self,
                                        gint64            id,
                                        const char       *text,
                                        GError          **error);
gboolean   attest_workspace_delete_note (AttestWorkspace *self,
                                        gint64            id,
                                        GError          **error);
gboolean   attest_workspace_restore_note (AttestWorkspace  *self,
                                          const AttestNote *note,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestNote, attest_note_free)

G_END_DECLS
