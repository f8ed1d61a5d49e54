/* attest-history.h: the append-only, hash-chained log of every change
 *
 * Each row's hash covers the previous row's hash and the row itself, so
 * changing, removing or reordering any row breaks the chain from there on.
 * The head hash is the workspace fingerprint printed on every report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "attest-workspace.h"
#include "attest-workspace-names.h"

G_BEGIN_DECLS

#define ATTEST_HISTORY_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* How deep a history value (JSON) may nest: ours go four levels deep; a
 * stored value is untrusted, and parsing recurses. */
#define ATTEST_HISTORY_JSON_MAX_DEPTH 64

typedef struct {
  gint64 id;
  char *at;          /* ISO 8601, UTC */
  char *reviewer;
  char *entity;      /* "checklist-item", "note", "evidence", "import", … */
  char *entity_id;
  char *action;      /* "create", "update", "delete", "attach", "import", … */
  char *before;      /* JSON, or NULL */
  char *after;       /* JSON, or NULL */
  char *state;       /* JSON: the digests of the analyst's data after the change, or NULL (older rows) */
  char *prev_hash;
  char *hash;
} AttestHistoryEntry;

/* One row in words: what the window shows and `attest-cli history` prints. */
typedef struct {
  char *what;          /* "Checklist item updated" (translated) */
  char *subject;       /* "SOC 2 × Intune, item 3" */
  GPtrArray *changes;  /* char *, one line each: "status: not started → satisfied" */
} AttestHistoryDescription;

void        attest_history_entry_free        (AttestHistoryEntry  *entry);
void        attest_history_description_free  (AttestHistoryDescription *description);
AttestHistoryDescription *
            attest_history_describe          (const AttestHistoryEntry *entry,
                                              AttestWorkspaceNames *names);
char       *attest_history_description_to_string (const AttestHistoryDescription *description);
const char *attest_history_entity_label      (const char          *entity);
char       *attest_history_compute_hash      (const AttestHistoryEntry *entry,
                                              gint64               position);
JsonNode   *attest_history_parse_json        (const char          *text,
                                              GError             **error);

char       *attest_workspace_get_fingerprint (AttestWorkspace     *self,
                                              GError             **error);
GPtrArray  *attest_workspace_list_history    (AttestWorkspace     *self,
                                              const char          *entity,
                                              GError             **error);
gboolean    attest_workspace_verify_history  (AttestWorkspace     *self,
                                              GPtrArray           *problems,
                                              GError             **error);
gboolean    attest_workspace_check_history   (AttestWorkspace     *self,
                                              const char          *expected_fingerprint,
                                              GPtrArray           *problems,
                                              gint64              *n_rows,
                                              GError             **error);
gboolean    attest_history_is_fingerprint    (const char          *text);

/* Inside the caller's transaction: the change and its history row commit together. */
gboolean    _attest_history_append           (AttestWorkspace     *self,
                                              const char          *entity,
                                              const char          *entity_id,
                                              const char          *action,
                                              JsonNode            *before,
                                              JsonNode            *after,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestHistoryEntry, attest_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestHistoryDescription, attest_history_description_free)

G_END_DECLS
