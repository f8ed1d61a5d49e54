/* attest-service-names.h: from a line of an in-scope list to service names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "attest-service-table.h"

G_BEGIN_DECLS

/* One service named by a list item or table cell, in the source language. */
typedef struct {
  char *name;       /* as written, without qualifier: "Power BI" */
  char *qualifier;  /* "cloud service either as a standalone service …", or NULL */
  char *former;     /* "Microsoft Flow" from "Power Automate (formerly Microsoft Flow)", or NULL */
} AttestServiceMention;

void       attest_service_mention_free (AttestServiceMention *mention);
GPtrArray *attest_service_names_split  (const char           *text,
                                        AttestServiceTable   *table);
char      *attest_service_names_key    (const char           *name);
char      *attest_service_names_slug   (const char           *name);
gboolean   attest_service_names_is_environment (const char   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestServiceMention, attest_service_mention_free)

G_END_DECLS
