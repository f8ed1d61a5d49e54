/* attest-framework-table.h: page keys → frameworks, scopes, column headers, categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *key;          /* "soc-2" */
  char *framework;    /* "soc" */
  char *scope;        /* "soc-2" for a page that defines one scope, else NULL */
  char *scope_name;   /* "SOC 2", or NULL */
  char *short_name;   /* "SOC" */
  char *category;     /* "Global" */
} AttestFrameworkEntry;

typedef struct _AttestFrameworkTable AttestFrameworkTable;

AttestFrameworkTable      *attest_framework_table_new          (void);
void                       attest_framework_table_free         (AttestFrameworkTable  *self);
gboolean                   attest_framework_table_load_tsv     (AttestFrameworkTable  *self,
                                                                const char            *path,
                                                                GError               **error);
gboolean                   attest_framework_table_load_default (AttestFrameworkTable  *self,
                                                                GError               **error);
const AttestFrameworkEntry *attest_framework_table_lookup      (AttestFrameworkTable  *self,
                                                                const char            *key);
char                      *attest_framework_key_for_file       (const char            *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestFrameworkTable, attest_framework_table_free)

G_END_DECLS
