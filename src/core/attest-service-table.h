/* attest-service-table.h: canonical service names and their aliases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttestServiceTable AttestServiceTable;

AttestServiceTable *attest_service_table_new         (void);
AttestServiceTable *attest_service_table_ref         (AttestServiceTable  *self);
void                attest_service_table_unref       (AttestServiceTable  *self);
gboolean            attest_service_table_load_tsv    (AttestServiceTable  *self,
                                                      const char          *path,
                                                      GError             **error);
gboolean            attest_service_table_load_default (AttestServiceTable *self,
                                                      GError             **error);
void                attest_service_table_add         (AttestServiceTable  *self,
                                                      const char          *canonical,
                                                      const char          *alias);
const char         *attest_service_table_canonical   (AttestServiceTable  *self,
                                                      const char          *name);
GPtrArray          *attest_service_table_aliases     (AttestServiceTable  *self,
                                                      const char          *canonical);
void                attest_service_table_add_joined  (AttestServiceTable  *self,
                                                      const char          *joined,
                                                      const char * const  *names);
const char * const *attest_service_table_joined      (AttestServiceTable  *self,
                                                      const char          *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestServiceTable, attest_service_table_unref)

G_END_DECLS
