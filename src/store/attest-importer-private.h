/* attest-importer-private.h: for the store's own files and its tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-importer.h"

G_BEGIN_DECLS

AttestImportSummary *_attest_importer_run_batched (AttestWorkspace      *workspace,
                                                   const char * const   *paths,
                                                   const char           *include_root,
                                                   gboolean              docset,
                                                   const char           *date,
                                                   guint                 batch_pages,
                                                   AttestImportProgress  progress,
                                                   gpointer              user_data,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

G_END_DECLS
