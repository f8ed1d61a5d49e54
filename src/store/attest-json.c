/* attest-json.c: small JsonBuilder helpers shared by the store and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-json.h"

/**
 * attest_json_add_string_or_null:
 * @builder: a #JsonBuilder inside an object
 * @member: the member's name
 * @value: (nullable): its value
 *
 * Adds the member @member: the string @value, or null when @value is NULL.
 */
void
attest_json_add_string_or_null (JsonBuilder *builder,
                                const char  *member,
                                const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
