/* attest-pdf-find.h: Find over a whole PDF, in a thread, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-pdf-document.h"

G_BEGIN_DECLS

/* All the matches of one search: each rectangle is one match, counted in
 * page order then reading order, so "3 of 12" is index 2 of n_matches. */
typedef struct {
  char *text;
  guint n_pages;
  GArray **pages;   /* per page: an array of AttestPdfRect, or NULL for none */
  guint n_matches;
  gboolean complete; /* FALSE when the search was cancelled part way */
} AttestPdfMatches;

/* Find over every page, in a thread. progress runs on the caller's thread
 * default context after each page: pages_done of n_pages, and the matches
 * of the page just searched (highlight them at once). */
typedef void (*AttestPdfFindProgress) (AttestPdfDocument *self,
                                       guint              pages_done,
                                       guint              n_pages,
                                       guint              page,
                                       GArray            *page_matches,
                                       gpointer           user_data);

AttestPdfMatches  *attest_pdf_document_find            (AttestPdfDocument    *self,
                                                        const char           *text,
                                                        GCancellable         *cancellable);
void               attest_pdf_document_find_async      (AttestPdfDocument    *self,
                                                        const char           *text,
                                                        AttestPdfFindProgress progress,
                                                        gpointer              progress_data,
                                                        GDestroyNotify        progress_destroy,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void               attest_pdf_document_find_words_async (AttestPdfDocument  *self,
                                                        const char           *text,
                                                        AttestPdfFindProgress progress,
                                                        gpointer              progress_data,
                                                        GDestroyNotify        progress_destroy,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
AttestPdfMatches  *attest_pdf_document_find_finish     (AttestPdfDocument    *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

char             **attest_pdf_find_terms               (const char           *query);
gboolean           attest_pdf_matches_nth              (const AttestPdfMatches *matches,
                                                        guint                 index,
                                                        guint                *page,
                                                        AttestPdfRect        *area);
gint               attest_pdf_matches_first_on_or_after (const AttestPdfMatches *matches,
                                                        guint                 page);
void               attest_pdf_matches_free             (AttestPdfMatches     *matches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPdfMatches, attest_pdf_matches_free)

G_END_DECLS
