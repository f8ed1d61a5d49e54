/* attest-page-files.h: which files of the paths named are offering pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char *path;  /* the page */
  char *root;  /* includes stay inside it: the include root, the documentation
                * set's folder or the folder named (or the file's folder) */
} AttestPageFile;

typedef struct {
  char *path;
  char *message;  /* names the file and the reason */
} AttestPageFailure;

typedef struct {
  GPtrArray *files;     /* AttestPageFile, folders walked in byte order of path */
  GPtrArray *failures;  /* AttestPageFailure: unreadable paths, dangling links */
  GPtrArray *warnings;  /* char *: links back to a folder being walked (not followed) */
  guint skipped;        /* files that are not offering pages */
} AttestPageFiles;

/* A page as read once from its file: the bytes parsed, hashed and stored. */
typedef struct {
  GBytes *text;         /* the page with its [!INCLUDE] files spliced in */
  GPtrArray *warnings;  /* char *: includes left out, naming the page, the include and why */
} AttestPageSource;

#define ATTEST_PAGE_FILES_MAX_WARNINGS 200

AttestPageFiles *attest_page_files_collect (const char * const *paths,
                                            GCancellable       *cancellable);
AttestPageFiles *attest_page_files_collect_full (const char * const *paths,
                                                 const char         *include_root,
                                                 gboolean            docset,
                                                 GCancellable       *cancellable);
char            *attest_page_files_docset_root (const char         *dir);
void             attest_page_files_free    (AttestPageFiles    *self);
gboolean         attest_page_files_is_offering_name (const char *basename);
char            *attest_page_files_display_name (const char *name);

AttestPageSource *attest_page_source_read  (const char         *path,
                                            const char         *root_dir,
                                            const char         *display,
                                            GError            **error);
void              attest_page_source_free  (AttestPageSource   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPageFiles, attest_page_files_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPageSource, attest_page_source_free)

G_END_DECLS
