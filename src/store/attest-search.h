/* attest-search.h: full-text search of the workspace (FTS5, CJK bigrams)
 *
 * Page text (both languages), notes, checklist items, annotations and the
 * text of evidence PDFs share one FTS5 index. The tokenizer "attest" cuts
 * runs of CJK characters into overlapping bigrams and hands the rest to
 * unicode61 with remove_diacritics 2, so 雲端 finds 雲端服務 and "securite"
 * finds "Sécurité".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

/* What marks a match in a snippet: control characters, which the index never
 * holds (they are taken out of the text indexed), so text with « », ** or <b>
 * in it is shown as it is. Present them with attest_search_snippet_split(). */
#define ATTEST_SEARCH_MATCH_START "\x02"
#define ATTEST_SEARCH_MATCH_END   "\x03"

typedef struct {
  char *kind;     /* "page", "note", "item", "annotation", "evidence" */
  char *ref;      /* "FRAMEWORK#SECTION-KEY@LOCALE/VARIANT", a note id, an item id, a SHA-256 … */
  char *title;
  char *snippet;  /* text, one line, the matches between ATTEST_SEARCH_MATCH_START and _END */
  double rank;    /* FTS5 bm25: more negative is a better match; results come best first */
} AttestSearchResult;

void       attest_search_result_free (AttestSearchResult  *result);

/* A match in a snippet's plain text: byte offsets, end exclusive. */
typedef struct {
  gsize start;
  gsize end;
} AttestSearchMatch;

char      *attest_search_snippet_split (const char        *snippet,
                                        GArray           **matches);

GPtrArray *attest_workspace_search   (AttestWorkspace     *self,
                                      const char          *query,
                                      guint                limit,
                                      GError             **error);

/* For the store's own files. register: on every connection, before the index
 * is touched. put/remove: inside the caller's transaction, so the index
 * changes with the row it describes. */
struct sqlite3;

gboolean   _attest_search_register   (struct sqlite3      *db,
                                      GError             **error);
gboolean   _attest_search_put        (AttestWorkspace     *self,
                                      const char          *kind,
                                      const char          *ref,
                                      const char          *title,
                                      const char          *body,
                                      GError             **error);
gboolean   _attest_search_put_source (AttestWorkspace     *self,
                                      const char          *kind,
                                      const char          *ref,
                                      const char          *title,
                                      const char          *body,
                                      const char          *source,
                                      GError             **error);
gboolean   _attest_search_remove     (AttestWorkspace     *self,
                                      const char          *kind,
                                      const char          *ref,
                                      GError             **error);
gboolean   _attest_search_put_sections (AttestWorkspace   *self,
                                      const char          *framework_id,
                                      const char          *locale,
                                      gint64               variant_id,
                                      GPtrArray           *sections,
                                      GError             **error);
gboolean   _attest_search_sync_pages (AttestWorkspace     *self,
                                      const char          *framework_id,
                                      gint64               variant_id,
                                      const char          *locale,
                                      GPtrArray           *sections,
                                      GError             **error);
gboolean   _attest_search_index_pages (AttestWorkspace    *self,
                                      GError             **error);
gboolean   _attest_search_flush_stage (AttestWorkspace    *self,
                                      GError             **error);
gboolean   _attest_search_migrate_text (AttestWorkspace   *self,
                                      GError             **error);
gboolean   _attest_search_remove_variant (AttestWorkspace *self,
                                      const char          *framework_id,
                                      gint64               variant_id,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSearchResult, attest_search_result_free)

G_END_DECLS
