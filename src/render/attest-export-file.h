/* attest-export-file.h: an export written beside its target and renamed onto it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes the export to @path (a hidden file beside the target). */
typedef gboolean (*AttestExportWriteFunc) (const char    *path,
                                           gpointer       user_data,
                                           GCancellable  *cancellable,
                                           GError       **error);

gboolean attest_export_file_write (const char            *target,
                                   AttestExportWriteFunc  write,
                                   gpointer               user_data,
                                   GCancellable          *cancellable,
                                   GError               **error);

const char *attest_export_file_extension (const char         *path,
                                          const char * const *known);

/* What each export writes, by the name's extension, for the window and the
 * CLI alike (NULL-terminated, for attest_export_file_extension()). */
extern const char * const attest_matrix_export_formats[]; /* .pdf .csv .html .json .xlsx */
extern const char * const attest_report_export_formats[]; /* .pdf .html */

G_END_DECLS
