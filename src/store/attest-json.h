/* attest-json.h: small JsonBuilder helpers shared by the store and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void attest_json_add_string_or_null (JsonBuilder *builder,
                                     const char  *member,
                                     const char  *value);

G_END_DECLS
