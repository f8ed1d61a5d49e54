/* test-window-print.c: Print… in the window previews the matrix as filtered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seeds in a workspace with one of My Services; the window's "My
 * Services" filter on, win.print opens the print preview, whose sheets
 * (printed through GTK_PRINT_OPERATION_ACTION_EXPORT) hold that service and
 * no other.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-print-preview.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-window.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

static char *dir;
static int step;

static AttestPrintPreview *
find_preview (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ATTEST_IS_PRINT_PREVIEW (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return ATTEST_PRINT_PREVIEW (w);
    }
  return NULL;
}

static char *
printed_text (AttestPrintPreview *preview)
{
  g_autofree char *pdf = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (attest_print_preview_print (preview, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) attest_print_preview_get_n_pages (preview));
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_object_unref (page);
    }
  g_unlink (pdf);
  return g_string_free (text, FALSE);
}

static gboolean
check (AttestApplication *app,
       AttestWindow      *window)
{
  AttestPrintPreview *preview;

  switch (step)
    {
    case 0:
      if (!attest_test_window_matrix_shown (window)
          || !g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print"))
        return FALSE;
      g_action_group_change_action_state (G_ACTION_GROUP (window), "filter-mine", g_variant_new_boolean (TRUE));
      g_action_group_activate_action (G_ACTION_GROUP (window), "print", NULL);
      step++;
      return FALSE;
    case 1:
      preview = find_preview ();
      if (preview == NULL)
        return FALSE;
      {
        g_autofree char *text = printed_text (preview);

        g_assert_cmpuint (attest_print_preview_get_n_pages (preview), >=, 1);
        g_assert_nonnull (strstr (text, "Azure DevOps Services"));
        /* Filtered out: not one of My Services. */
        g_assert_null (strstr (text, "Microsoft Genomics"));
        g_assert_null (strstr (text, "Power BI"));
      }
      gtk_window_destroy (GTK_WINDOW (preview));
      step++;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static void
test_print_filtered (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autofree char *path = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  AttestWorkspace *ws;
  const char *argv[] = { "attest", "--workspace", NULL, NULL };
  gboolean found = FALSE;

  dir = g_dir_make_tmp ("attest-window-print-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "seeds.attest", NULL);
  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < matrix->services->len; i++)
    {
      AttestMatrixService *s = g_ptr_array_index (matrix->services, i);

      if (g_str_equal (s->name, "Azure DevOps Services"))
        {
          g_assert_true (attest_workspace_set_my_service (ws, s->id, TRUE, &error));
          g_assert_no_error (error);
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_object_unref (ws);

  argv[2] = path;
  attest_test_run_window (argv, check, &step, ATTEST_TEST_PATIENCE_S);
  g_assert_cmpint (step, ==, 2);
}

ATTEST_TEST_ISOLATED (test_print_filtered)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  g_test_add_func ("/window-print/filtered", test_print_filtered_isolated);
  return g_test_run ();
}
