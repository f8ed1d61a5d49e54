/* attest-history-state.h: the analyst's data as digests the history carries
 *
 * The state is cut into parts ("checklist:soc/soc-2:intune", "note:5",
 * "coverage:soc/soc-2", …), each with a row count and a SHA-256 over its
 * rows in a canonical form. Each history row records, in its state column,
 * the parts its change altered and a root digest over all parts; the row's
 * hash covers that record. Replaying the records gives what the tables must
 * hold; verify compares that with what they hold, and names each part that
 * differs. For the store's own files only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "attest-workspace.h"
#include "attest-workspace-names.h"

G_BEGIN_DECLS

typedef struct {
  gint64 rows;
  char *digest;        /* 64 hexadecimal digits */
  gint64 history_id;   /* the history row that recorded it (0 when computed) */
} AttestStatePart;

void        _attest_state_part_free     (AttestStatePart *part);

/* part name → AttestStatePart, computed from the tables now. */
GHashTable *_attest_state_compute       (AttestWorkspace  *self,
                                         GError          **error);
char       *_attest_state_root          (GHashTable       *parts);
/* The root in the second form ("2:…"), which rows record now. */
char       *_attest_state_root2         (GHashTable       *parts);
/* The root of @parts in the form of @recorded (a root a row recorded). */
char       *_attest_state_root_as       (GHashTable       *parts,
                                         const char       *recorded);
/* Applies one history row's state record onto @parts; FALSE if it does not parse. */
gboolean    _attest_state_apply         (GHashTable       *parts,
                                         const char       *record,
                                         gint64            history_id,
                                         char            **root);
GHashTable *_attest_state_new_table     (void);
/* The record a history row about to be written carries (inside the
 * transaction that made the change, before the row is inserted). */
char       *_attest_state_record        (AttestWorkspace  *self,
                                         const char       *prev_hash,
                                         GError          **error);
/* Notes the parts this connection's writes touch (at open, writable). */
gboolean    _attest_state_watch         (AttestWorkspace  *self,
                                         GError          **error);
/* Remembers the state recorded by the row whose hash is @hash. */
void        _attest_state_remember      (AttestWorkspace  *self,
                                         const char       *hash);
/* For tests: (transfer none) the state kept for the head, or NULL. */
GHashTable *_attest_state_kept          (AttestWorkspace  *self,
                                         guint            *incremental);
/* For tests: (transfer none) the root the head recorded, kept with its state. */
const char *_attest_state_kept_root     (AttestWorkspace  *self);
/* One problem line per part whose tables differ from @recorded. */
gboolean    _attest_state_compare       (AttestWorkspace  *self,
                                         GHashTable       *recorded,
                                         gboolean          replayable,
                                         GPtrArray        *problems,
                                         GError          **error);

G_END_DECLS
