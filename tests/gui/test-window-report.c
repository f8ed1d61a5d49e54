/* test-window-report.c: the evidence report and package exported from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seeds, an evidence PDF on SOC 2 × Intune and a note in Markdown, in
 * the real window. Through the window's actions (those the file choosers'
 * answers start): the evidence report exported to PDF (read back with
 * poppler: the fingerprint of `verify --fingerprint` on every sheet, the
 * service, the note as plain words, the reviewer), the evidence package
 * exported to a folder (its manifest recomputed with GChecksum, the bar
 * showing fractions on the way), then a package and a report each cancelled
 * when the bar shows their first step: nothing under either name, nothing
 * hidden beside it.
 *
 * With ATTEST_WINDOW_REPORT_SCREENSHOT_DIR set, it saves the primary menu
 * and the window while the package is written (menu.png, progress.png).
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-matrix-print.h"
#include "attest-print-preview.h"
#include "attest-report-print.h"
#include "attest-workspace-catalog.h"
#include "attest-paths.h"
#include "attest-test-home.h"
#include "attest-test-pdf.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window-private.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define NOTE_MARKDOWN "**Opinion**: unqualified, *no* exceptions"
#define NOTE_PLAIN "Opinion: unqualified, no exceptions"

static char *dir;
static char *workspace_path;
static int step;
static double max_fraction;       /* the bar's fractions seen during an export */
static gboolean saw_partial;      /* one strictly between 0 and 1 */
static gboolean cancel_at_first;  /* press Cancel when the bar shows the first step */
static gboolean cancelled;

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* Nothing hidden (".NAME…", a half-written export) is left in the folder. */
static void
assert_nothing_hidden (void)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.')
      g_error ("left beside the exports: %s", name);
}

static char *
fingerprint (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (workspace_path, &error);
  char *fp;

  g_assert_no_error (error);
  fp = attest_workspace_get_fingerprint (ws, &error);
  g_assert_no_error (error);
  return fp;
}

/* The seeds, imported once by the parent process (seeded_template ())
 * and copied for each test, which runs in a subprocess of its own. */
#define TEMPLATE_ENV "ATTEST_WINDOW_REPORT_TEMPLATE"

static char *
seeded_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autofree char *template_dir = g_dir_make_tmp ("attest-window-report-seeds-XXXXXX", &error);
  char *path;
  AttestWorkspace *ws;

  g_assert_no_error (error);
  path = g_build_filename (template_dir, "seeds.attest", NULL);
  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Closed: the WAL folded into the file copied. */
  g_object_unref (ws);
  return path;
}

/* A fresh folder with a copy of the seeded workspace: dir, workspace_path. */
static AttestWorkspace *
open_seeded_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (g_getenv (TEMPLATE_ENV));
  g_autoptr(GFile) to = NULL;
  AttestWorkspace *ws;

  dir = g_dir_make_tmp ("attest-window-report-XXXXXX", &error);
  g_assert_no_error (error);
  workspace_path = g_build_filename (dir, "audit.attest", NULL);
  to = g_file_new_for_path (workspace_path);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = attest_workspace_open (workspace_path, &error);
  g_assert_no_error (error);
  return ws;
}

static void
fraction_changed (GtkProgressBar *bar,
                  GParamSpec     *pspec,
                  AttestWindow   *window)
{
  double fraction = gtk_progress_bar_get_fraction (bar);
  const char *shots = g_getenv ("ATTEST_WINDOW_REPORT_SCREENSHOT_DIR");

  if (window->exporting == NULL || fraction <= 0)
    return;
  max_fraction = MAX (max_fraction, fraction);
  if (fraction < 1)
    saw_partial = TRUE;
  if (shots != NULL && !cancel_at_first && step == 2 && fraction < 1)
    {
      g_autofree char *png = g_build_filename (shots, "progress.png", NULL);

      /* The worker waits for this report to be shown: let the window draw it. */
      attest_test_settle (300);
      attest_test_save_png (GTK_WIDGET (window), png);
    }
  if (cancel_at_first && !cancelled)
    {
      cancelled = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (window), "cancel-export", NULL);
    }
}

static void
check_report_pdf (const char *pdf)
{
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, NULL);
  g_autofree char *fp = fingerprint ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(GString) all = g_string_new (NULL);
  int n;

  g_assert_no_error (error);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, >=, 1);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      /* The header and footer of every sheet. */
      g_assert_nonnull (strstr (text, fp));
      g_assert_nonnull (strstr (text, "Dana Reviewer"));
      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Intune"));
  g_assert_nonnull (strstr (all->str, "soc2-report.pdf"));
  /* The note's words, not its Markdown. */
  g_assert_nonnull (strstr (all->str, NOTE_PLAIN));
  g_assert_null (strstr (all->str, "**"));
}

/* Every line of the manifest names a file of the bag whose SHA-256 is the
 * one given, and every file of data/ is listed. */
static void
check_bag (const char *bag)
{
  g_autofree char *manifest_path = g_build_filename (bag, "manifest-sha256.txt", NULL);
  g_autofree char *info_path = g_build_filename (bag, "bag-info.txt", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fp = fingerprint ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gboolean evidence = FALSE, report = FALSE;
  guint n = 0;

  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (info_path, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (info, fp));
  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *path = NULL;
      g_autofree char *bytes = NULL;
      g_autofree char *sum = NULL;
      gsize len;

      if (*line == '\0')
        continue;
      g_assert_cmpuint (strlen (line), >, 66);
      g_assert_true (line[64] == ' ' && line[65] == ' ');
      g_assert_true (g_str_has_prefix (line + 66, "data/"));
      path = g_build_filename (bag, line + 66, NULL);
      g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
      g_assert_no_error (error);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
      g_assert_cmpint (strncmp (line, sum, 64), ==, 0);
      evidence |= g_str_equal (line + 66, "data/evidence/soc2-report.pdf");
      report |= g_str_equal (line + 66, "data/report.pdf");
      n++;
    }
  g_assert_true (evidence);
  g_assert_true (report);
  g_assert_cmpuint (n, >=, 6);
}

static void
save_menu_screenshot (AttestWindow *window)
{
  const char *shots = g_getenv ("ATTEST_WINDOW_REPORT_SCREENSHOT_DIR");
  GtkWidget *button;
  GtkWidget *popover;
  g_autofree char *png = NULL;

  if (shots == NULL)
    return;
  button = gtk_widget_get_first_child (GTK_WIDGET (window));
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    attest_test_collect_visible (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
    button = NULL;
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_menu_button_get_icon_name (buttons->pdata[i]), "open-menu-symbolic") == 0)
        button = buttons->pdata[i];
  }
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  attest_test_settle (400);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  png = g_build_filename (shots, "menu.png", NULL);
  attest_test_save_png (popover, png);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static gboolean
check (AttestApplication *app,
       AttestWindow      *window)
{
  g_autofree char *pdf = in_dir ("report.pdf");
  g_autofree char *bag = in_dir ("bag");
  g_autofree char *cancelled_bag = in_dir ("cancelled-bag");
  g_autofree char *cancelled_pdf = in_dir ("cancelled.pdf");
  switch (step)
    {
    case 0:
      if (!attest_test_window_matrix_shown (window)
          || !g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-report-to"))
        return FALSE;
      save_menu_screenshot (window);
      g_signal_connect (window->export_progress, "notify::fraction", G_CALLBACK (fraction_changed), window);
      g_action_group_activate_action (G_ACTION_GROUP (window), "export-report-to", g_variant_new_string (pdf));
      /* One export at a time. */
      g_assert_nonnull (window->exporting);
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-package-to"));
      g_assert_true (gtk_revealer_get_reveal_child (window->export_revealer));
      step++;
      return FALSE;
    case 1:
      if (window->exporting != NULL)
        return FALSE;
      check_report_pdf (pdf);
      assert_nothing_hidden ();
      g_assert_false (gtk_revealer_get_reveal_child (window->export_revealer));
      g_assert_cmpfloat (max_fraction, ==, 1.0);
      max_fraction = 0;
      saw_partial = FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (window), "export-package-to",
                                      g_variant_new ("(sb)", bag, FALSE));
      step++;
      return FALSE;
    case 2:
      if (window->exporting != NULL)
        return FALSE;
      check_bag (bag);
      assert_nothing_hidden ();
      /* The bar went there by steps. */
      g_assert_true (saw_partial);
      g_assert_cmpfloat (max_fraction, ==, 1.0);
      cancel_at_first = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (window), "export-package-to",
                                      g_variant_new ("(sb)", cancelled_bag, FALSE));
      step++;
      return FALSE;
    case 3:
      if (window->exporting != NULL)
        return FALSE;
      g_assert_true (cancelled);
      g_assert_false (g_file_test (cancelled_bag, G_FILE_TEST_EXISTS));
      assert_nothing_hidden ();
      cancelled = FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (window), "export-report-to",
                                      g_variant_new_string (cancelled_pdf));
      step++;
      return FALSE;
    case 4:
      if (window->exporting != NULL)
        return FALSE;
      g_assert_true (cancelled);
      g_assert_false (g_file_test (cancelled_pdf, G_FILE_TEST_EXISTS));
      assert_nothing_hidden ();
      /* The finished exports are still whole. */
      g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
      check_bag (bag);
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-report-to"));
      g_action_group_activate_action (G_ACTION_GROUP (window), "print", NULL);
      step++;
      return FALSE;
    case 5:
      {
        AttestPrintPreview *preview = ATTEST_PRINT_PREVIEW (attest_test_find_toplevel (ATTEST_TYPE_PRINT_PREVIEW));
        g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
        GtkWidget *export = NULL;
        g_autoptr(GVariant) target = NULL;
        gboolean letter = FALSE, landscape = FALSE;

        if (preview == NULL || !gtk_widget_get_mapped (GTK_WIDGET (preview)))
          return FALSE;
        /* The preview's Export… writes on the paper it shows. */
        attest_print_preview_set_paper (preview, TRUE, TRUE);
        attest_test_collect_any (GTK_WIDGET (preview), GTK_TYPE_BUTTON, buttons);
        for (guint i = 0; i < buttons->len; i++)
          if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "win.export-sheets") == 0)
            export = buttons->pdata[i];
        g_assert_nonnull (export);
        target = g_variant_ref (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (export)));
        g_variant_get (target, "(bb)", &letter, &landscape);
        g_assert_true (letter && landscape);
        g_assert_true (gtk_widget_is_sensitive (export));
        gtk_window_destroy (GTK_WINDOW (preview));
      }
      step++;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static void
test_report_and_package (void)
{
  g_autoptr(GError) error = NULL;
  /* Bytes kept as they are: no PDF reader looks into them. */
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 an audit report\n", 25);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autofree char *sha = NULL;
  AttestWorkspace *ws;
  const char *argv[] = { "attest", "--workspace", NULL, NULL };

  ws = open_seeded_copy ();
  g_assert_true (attest_workspace_resolve_cell (ws, "soc", "SOC 2", "Intune", &scope_id, &service_id, &error));
  g_assert_no_error (error);
  items = attest_workspace_get_checklist (ws, scope_id, service_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 1);
  attest_workspace_attach_evidence (ws, ((AttestChecklistItem *) items->pdata[0])->id, "soc2-report.pdf", pdf,
                                    "application/pdf", "2026-01-01", NULL, -1, NULL, &sha, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (ws, "cell:soc/soc-2:intune", NOTE_MARKDOWN, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (ws);
  /* The reviewer the header names ($ATTEST_REVIEWER, as a user may set it). */
  g_setenv ("ATTEST_REVIEWER", "Dana Reviewer", TRUE);

  argv[2] = workspace_path;
  attest_test_run_window (argv, check, &step, ATTEST_TEST_PATIENCE_S);
  g_assert_cmpint (step, ==, 6);
  attest_test_remove_tree (dir);
}

ATTEST_TEST_ISOLATED (test_report_and_package)

static double last_fraction;
static guint n_reports;

static void
matrix_progress (GObject              *target,
                 AttestExportProgress *progress,
                 double                fraction,
                 const char           *what)
{
  /* On the main thread, in order, each further than the last. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpfloat (fraction, >, last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (what);
  last_fraction = fraction;
  n_reports++;
}

static void
exported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The matrix exported on Letter landscape (as from the preview) is on that
 * paper, and says how far it is sheet by sheet. */
static void
test_matrix_paper (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GObject) target = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(AttestExportProgress) progress = attest_export_progress_new (target, matrix_progress);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *uri = NULL;
  double width, height;

  ws = open_seeded_copy ();
  pdf = in_dir ("matrix.pdf");
  attest_matrix_export_full_async (ws, attest_workspace_load_matrix (ws, NULL), pdf, TRUE, TRUE, progress, NULL,
                                   exported, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (attest_matrix_export_finish (result, &error));
  g_assert_no_error (error);

  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 1);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 792, 0.5);
      g_assert_cmpfloat_with_epsilon (height, 612, 0.5);
    }
  /* One report a sheet, the last at 1. */
  g_assert_cmpuint (n_reports, ==, (guint) poppler_document_get_n_pages (doc));
  g_assert_cmpfloat (last_fraction, ==, 1.0);
  assert_nothing_hidden ();
  g_clear_object (&ws);
  attest_test_remove_tree (dir);
}

ATTEST_TEST_ISOLATED (test_matrix_paper)

/* Print Evidence Report… prints what the PDF export writes: the same
 * sheets, drawn by the same routine (through GTK_PRINT_OPERATION_ACTION_EXPORT). */
static void
test_print_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestReportSheets) sheets = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  int n_printed, n_exported;

  gtk_init ();
  ws = open_seeded_copy ();
  attest_workspace_set_reviewer (ws, "Dana Reviewer");
  sheets = attest_report_print_sheets_new (ws, attest_workspace_load_matrix (ws, NULL), &error);
  g_assert_no_error (error);

  printed = in_dir ("printed.pdf");
  exported = in_dir ("exported.pdf");
  g_assert_cmpint (attest_report_print (NULL, sheets, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (attest_report_sheets_export_pdf (sheets, exported, ATTEST_PAPER_A4_WIDTH, ATTEST_PAPER_A4_HEIGHT,
                                                  &error));
  g_assert_no_error (error);
  printed_text = attest_test_pdf_text (printed, &n_printed);
  exported_text = attest_test_pdf_text (exported, &n_exported);
  g_assert_cmpint (n_printed, ==, n_exported);
  g_assert_nonnull (strstr (printed_text, "Dana Reviewer"));
  g_assert_nonnull (strstr (printed_text, "Intune"));
  g_assert_cmpstr (printed_text, ==, exported_text);
  g_clear_object (&ws);
  attest_test_remove_tree (dir);
}

ATTEST_TEST_ISOLATED (test_print_report)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template = NULL;
  int status;

  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  if (!g_test_subprocess ())
    {
      template = seeded_template ();
      g_setenv (TEMPLATE_ENV, template, TRUE);
    }
  g_test_add_func ("/window-report/report-and-package", test_report_and_package_isolated);
  g_test_add_func ("/window-report/matrix-paper", test_matrix_paper_isolated);
  g_test_add_func ("/window-report/print-report", test_print_report_isolated);
  status = g_test_run ();
  if (template != NULL)
    {
      g_autofree char *template_dir = g_path_get_dirname (template);

      attest_test_remove_tree (template_dir);
    }
  return status;
}
