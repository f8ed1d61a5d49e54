/* attest-page-files.h: which files of the paths named are offering pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char *path;  /* the page */
  char *root;  /* the folder named (or the file's folder): includes stay inside it */
} AttestPageFile;

typedef struct {
  char *path;
  char *message;  /* names the file and the reason */
} AttestPageFailure;

typedef struct {
  GPtrArray *files;     /* AttestPageFile, folders walked in byte order of path */
  GPtrArray *failures;  /* AttestPageFailure: unreadable paths, symlink loops */
  guint skipped;        /* files that are not offering pages */
} AttestPageFiles;

AttestPageFiles *attest_page_files_collect (const char * const *paths,
                                            GCancellable       *cancellable);
void             attest_page_files_free    (AttestPageFiles    *self);
gboolean         attest_page_files_is_offering_name (const char *basename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPageFiles, attest_page_files_free)

G_END_DECLS
