/* attest-offering.h: what one offering page contributes to the catalog
 *
 * The catalog rules of DESIGN.md ("Identity rules") applied to one parsed page:
 * which framework it belongs to, which scopes it defines and which services it
 * puts in each. The store records it; nothing here knows SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-framework-table.h"
#include "attest-page.h"
#include "attest-service-table.h"

G_BEGIN_DECLS

typedef struct {
  char *slug;          /* "soc-2", "soc-2-gcc-high", "mars-e" */
  char *name;          /* "SOC 2", "SOC 2 · GCC High" */
  char *parent_slug;   /* for an environment scope, the scope it refines */
  char *environment;   /* "Commercial", "GCC", "GCC High", "DoD", or NULL */
} AttestOfferingScope;

typedef struct {
  char *scope_slug;
  char *name;             /* source-language name as the page writes it */
  char *qualifier;
  char *former;           /* "(formerly …)" name, an alias */
  char *translated_name;  /* set only when a segment's source is exactly this one name */
  char *source_line;      /* the page line that put the service in scope */
  char *translated_line;
} AttestOfferingMention;

typedef enum {
  ATTEST_LINK_RESOURCE,
  ATTEST_LINK_BACKGROUNDER,
  ATTEST_LINK_AUDIT_REPORT,
  ATTEST_LINK_CERTIFICATE,
} AttestLinkKind;

typedef struct {
  AttestLinkKind kind;
  char *url;
  char *title;
  char *section_key;
} AttestOfferingLink;

/* One section of the page, for the search index: its own blocks only, not
 * those of its sub-sections. The source fields are NULL unless the page is
 * bilingual. */
typedef struct {
  char *key;
  char *title;
  char *text;
  char *source_title;
  char *source_text;
} AttestOfferingSection;

typedef struct {
  char *file_name;
  char *key;              /* framework key from the file name */
  char *framework_id;
  char *short_name;
  char *category;
  char *source_title;     /* never a translated title: it names a new framework */
  char *title;            /* the page's own (translated) title */
  char *description;
  char *locale;           /* "fr-FR"; "" for an English page */
  char *lang;             /* translation language for names learned: "fr", "zh-TW"; NULL for English */
  char *handoff;          /* ISO date from ms.lasthandoff, or NULL */
  char *page_date;        /* ISO date from ms.date (else updated_at), or NULL */
  char *title_date;       /* the date its title gives it (attest_dates_from_title()), or NULL */
  char *date_set;         /* the date the analyst gave the import (--date), or NULL */
  gint64 first_new_id;    /* the workspace's variants below this id were stored before the
                           * import began (the ones an undated page must not supersede);
                           * 0: every stored variant */
  char *translation_type; /* "HT", "MT" or "" */
  gboolean translation_only;
  char *content_hash;     /* SHA-256 of the bytes */
  GBytes *content;
  GPtrArray *scopes;      /* AttestOfferingScope, in page order */
  GPtrArray *mentions;    /* AttestOfferingMention */
  GPtrArray *links;       /* AttestOfferingLink */
  GPtrArray *warnings;    /* char *, each naming the file */
  GPtrArray *sections;    /* AttestOfferingSection, in page order */
} AttestOffering;

const char     *attest_link_kind_to_string     (AttestLinkKind        kind);
AttestOffering *attest_offering_new            (void);
void            attest_offering_free           (AttestOffering       *self);
AttestOffering *attest_offering_new_from_page  (AttestPage           *page,
                                                const char           *path,
                                                GBytes               *content,
                                                AttestFrameworkTable *frameworks,
                                                AttestServiceTable   *names);
char           *attest_offering_lang_for_locale (const char          *locale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestOffering, attest_offering_free)

G_END_DECLS
