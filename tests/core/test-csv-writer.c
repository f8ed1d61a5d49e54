/* test-csv-writer.c: RFC 4180 quoting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-csv-writer.h"

static void
test_quoting (void)
{
  AttestCsvWriter *w = attest_csv_writer_new ();
  g_autofree char *out = NULL;

  attest_csv_writer_field (w, "Service");
  attest_csv_writer_field (w, "SOC — SOC 2");
  attest_csv_writer_end_row (w);
  attest_csv_writer_field (w, "Azure, Azure Government");
  attest_csv_writer_field (w, "say \"hi\"");
  attest_csv_writer_field (w, "two\nlines");
  attest_csv_writer_field (w, NULL);
  attest_csv_writer_end_row (w);
  out = attest_csv_writer_finish (w);

  g_assert_cmpstr (out, ==,
                   "Service,SOC — SOC 2\r\n"
                   "\"Azure, Azure Government\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-writer/quoting", test_quoting);

  return g_test_run ();
}
