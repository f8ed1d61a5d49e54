/* attest-matrix.h: the framework × service matrix as the core decides it (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-expiry.h"

G_BEGIN_DECLS

typedef struct {
  char *id;            /* "soc/soc-2" */
  char *name;          /* source-language name: "SOC 2" */
  char *parent_id;     /* the scope an environment scope belongs to, or NULL */
  char *environment;   /* an environment scope's cloud environment ("GCC High"), or NULL */
} AttestMatrixScope;

typedef struct {
  char *locale;        /* "fr-FR"; "" for the English source page */
  char *date;          /* the date it is ranked by: the analyst's, else the handoff,
                        * else the page's ms.date, else its import time */
  char *file_name;
  gboolean machine_translated; /* ms.translationtype: MT */
  gint64 id;           /* the workspace's id of the variant; 0 when not from a workspace */
  char *page_date;     /* the page's own date (ms.lasthandoff, else ms.date), or NULL */
  char *date_set;      /* the date the analyst set, or NULL */
  char *imported_at;   /* when it was imported (ISO 8601, UTC), or NULL */
  gboolean kept_older; /* undated, kept below the versions it would have superseded */
  GPtrArray *scopes;   /* char *, ids of the scopes it defines */
} AttestMatrixVariant;

typedef struct {
  char *id;            /* "soc" */
  char *title;         /* source-language title */
  char *short_name;    /* column header: "SOC" */
  char *category;
  GPtrArray *scopes;   /* AttestMatrixScope, in page order */
  GPtrArray *variants; /* AttestMatrixVariant, newest first */
} AttestMatrixFramework;

typedef struct {
  char *lang;
  char *name;
} AttestMatrixTranslation;

typedef struct {
  char *id;
  char *name;
  gboolean untranslated;
  gboolean mine;            /* in the analyst's "My services" */
  GPtrArray *aliases;       /* char *, source-language variants and former names */
  GPtrArray *translations;  /* AttestMatrixTranslation */
} AttestMatrixService;

typedef struct {
  char *scope;          /* scope id */
  char *service;        /* service id */
  char *rollup;         /* "not-started", …, "no-longer-in-scope" */
  guint n_items;        /* checklist items (0: never opened) */
  guint n_satisfied;    /* satisfied or not applicable */
  guint n_exceptions;
  char *source_line;
  char *translated_line;
  char *qualifier;
  char *variant_locale; /* the variant whose line put the service in scope */
  char *variant_date;
  gint64 variant_id;    /* that variant's id in the workspace (0: unknown) */
  AttestExpiryState evidence_expiry; /* the worst of the evidence linked to its items */
} AttestMatrixCell;

typedef struct {
  GPtrArray *frameworks;  /* AttestMatrixFramework, by short name */
  GPtrArray *services;    /* AttestMatrixService, by case-folded name */
  GPtrArray *cells;       /* AttestMatrixCell, in-scope and flagged cells only */
  GHashTable *cell_index; /* "scope\x1fservice" → AttestMatrixCell */
} AttestMatrix;

AttestMatrix          *attest_matrix_new            (void);
void                   attest_matrix_free           (AttestMatrix *self);
AttestMatrixFramework *attest_matrix_add_framework  (AttestMatrix *self,
                                                     const char   *id,
                                                     const char   *title,
                                                     const char   *short_name,
                                                     const char   *category);
AttestMatrixScope     *attest_matrix_framework_add_scope (AttestMatrixFramework *framework,
                                                     const char   *id,
                                                     const char   *name,
                                                     const char   *parent_id);
AttestMatrixVariant   *attest_matrix_framework_add_variant (AttestMatrixFramework *framework,
                                                     const char   *locale,
                                                     const char   *date,
                                                     const char   *file_name,
                                                     gboolean      machine_translated);
AttestMatrixVariant   *attest_matrix_framework_lookup_variant (AttestMatrixFramework *framework,
                                                     gint64        id);
AttestMatrixVariant   *attest_matrix_framework_variant_for_scope (AttestMatrixFramework *framework,
                                                     const char   *scope_id,
                                                     const char   *locale);
AttestMatrixVariant   *attest_matrix_framework_copy_variant (AttestMatrixFramework *framework,
                                                     const AttestMatrixVariant *variant);
char                  *attest_matrix_variant_covers (AttestMatrixFramework *framework,
                                                     const AttestMatrixVariant *variant);
char                  *attest_matrix_variant_label  (AttestMatrixFramework *framework,
                                                     const AttestMatrixVariant *variant);
char                  *attest_matrix_variant_when   (const AttestMatrixVariant *variant);
char                  *attest_matrix_variant_dates  (const AttestMatrixVariant *variant);
gboolean               attest_matrix_variant_defines (const AttestMatrixVariant *variant,
                                                     const char   *scope_id);
AttestMatrixVariant   *attest_matrix_framework_pick_variant (AttestMatrixFramework *framework,
                                                     const char   *locale,
                                                     const char * const *languages);
AttestMatrixService   *attest_matrix_add_service    (AttestMatrix *self,
                                                     const char   *id,
                                                     const char   *name,
                                                     gboolean      untranslated);
AttestMatrixCell      *attest_matrix_add_cell       (AttestMatrix *self,
                                                     const char   *scope,
                                                     const char   *service,
                                                     const char   *rollup);
AttestMatrixCell      *attest_matrix_lookup_cell    (AttestMatrix *self,
                                                     const char   *scope,
                                                     const char   *service);
void                   attest_matrix_sort           (AttestMatrix *self);
AttestMatrixService   *attest_matrix_lookup_service (AttestMatrix *self,
                                                     const char   *id);
AttestMatrixFramework *attest_matrix_lookup_framework (AttestMatrix *self,
                                                     const char   *id);
AttestMatrixScope     *attest_matrix_lookup_scope   (AttestMatrix *self,
                                                     const char   *scope_id,
                                                     AttestMatrixFramework **framework);
guint                  attest_matrix_count_scopes   (AttestMatrix *self);
guint                  attest_matrix_count_in_scope (AttestMatrix *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMatrix, attest_matrix_free)

G_END_DECLS
