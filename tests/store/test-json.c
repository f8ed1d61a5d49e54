/* test-json.c: the JsonBuilder helpers the store and the CLI share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-json.h"

/* A string member, or null: never an empty string for NULL. */
static void
test_string_or_null (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  attest_json_add_string_or_null (b, "name", "R&D “report”.pdf");
  attest_json_add_string_or_null (b, "final_url", NULL);
  attest_json_add_string_or_null (b, "empty", "");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==, "{\"name\":\"R&D “report”.pdf\",\"final_url\":null,\"empty\":\"\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/string-or-null", test_string_or_null);

  return g_test_run ();
}
