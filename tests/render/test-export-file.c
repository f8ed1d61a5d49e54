/* test-export-file.c: an export's format by its name, and its write beside
 * the target (attest-export-file.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "attest-export-file.h"

static const char * const formats[] = { ".pdf", ".csv", ".html", NULL };

static void
test_extension (void)
{
  g_assert_cmpstr (attest_export_file_extension ("matrix.pdf", formats), ==, ".pdf");
  g_assert_cmpstr (attest_export_file_extension ("/tmp/a.b/Matrix.HTML", formats), ==, ".html");
  g_assert_cmpstr (attest_export_file_extension ("out/x.tar.csv", formats), ==, ".csv");
  /* No extension, an unknown one, one only in a folder's name, a name that
   * is only an extension. */
  g_assert_null (attest_export_file_extension ("matrix", formats));
  g_assert_null (attest_export_file_extension ("matrix.txt", formats));
  g_assert_null (attest_export_file_extension ("out.pdf/matrix", formats));
  g_assert_null (attest_export_file_extension ("out/.pdf", formats));
  g_assert_null (attest_export_file_extension ("matrix.pdf.txt", formats));

  /* The lists the window and the CLI share: the matrix in five formats, the
   * report in two (an XLSX or JSON report is refused by both). */
  g_assert_cmpstr (attest_export_file_extension ("m.XLSX", attest_matrix_export_formats), ==, ".xlsx");
  g_assert_cmpstr (attest_export_file_extension ("m.json", attest_matrix_export_formats), ==, ".json");
  g_assert_cmpuint (g_strv_length ((char **) attest_matrix_export_formats), ==, 5);
  g_assert_cmpstr (attest_export_file_extension ("r.html", attest_report_export_formats), ==, ".html");
  g_assert_null (attest_export_file_extension ("r.xlsx", attest_report_export_formats));
  g_assert_null (attest_export_file_extension ("r.json", attest_report_export_formats));
  g_assert_cmpuint (g_strv_length ((char **) attest_report_export_formats), ==, 2);
}

static gboolean
write_text (const char    *path,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  if (user_data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  return g_file_set_contents (path, user_data, -1, error);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-export-file-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_export_file_write (target, write_text, "one", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "one");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* A failed write names the file and keeps what was there, with nothing beside it. */
  g_assert_false (attest_export_file_write (target, write_text, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, target));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "one");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (target);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export-file/extension", test_extension);
  g_test_add_func ("/export-file/write", test_write);
  return g_test_run ();
}
