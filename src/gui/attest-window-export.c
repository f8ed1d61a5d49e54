/* attest-window-export.c: the window's exports and the evidence report's printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export… (the matrix as filtered, in the paper of the print preview when
 * exported from there), Print Evidence Report…, Export Evidence Report…
 * (PDF, HTML) and Export Evidence Package… (a BagIt folder or its zip).
 * One export at a time, off the main thread: a banner under the header bar
 * says what is written and how far it is, with Cancel. A cancelled or failed
 * export leaves nothing under the chosen name (attest-export-file.h,
 * attest-evidence-package.h).
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-export-chooser.h"
#include "attest-export-banner.h"
#include "attest-export-job.h"
#include "attest-markup.h"
#include "attest-matrix-print.h"
#include "attest-report-print.h"
#include "attest-window-private.h"
#include "attest-toast.h"

typedef enum {
  EXPORT_MATRIX,
  EXPORT_REPORT,
  EXPORT_PACKAGE,
} ExportKind;

struct _AttestWindowExport
{
  ExportKind kind;
  AttestExportBanner *banner;
};

static void
export_free (AttestWindowExport *e)
{
  attest_export_banner_free (e->banner);
  g_free (e);
}

/**
 * _attest_window_export_dispose:
 *
 * Cancels the export running: its worker stops at its next step.
 */
void
_attest_window_export_dispose (AttestWindow *self)
{
  g_clear_pointer (&self->exporting, export_free);
}

/* The banner shows @title; the bar pulses until the worker says how far it is. */
static AttestExportBanner *
export_start (AttestWindow *self,
              ExportKind    kind,
              const char   *written,
              const char   *title)
{
  AttestWindowExport *e = g_new0 (AttestWindowExport, 1);

  e->kind = kind;
  e->banner = attest_export_banner_start (self->export_revealer, self->export_label, self->export_progress,
                                          written, title);
  self->exporting = e;
  _attest_window_actions_update (self);
  return e->banner;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  AttestWindowExport *e = self->exporting;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  /* The window closed meanwhile (dispose cancelled the export). */
  if (e == NULL || self->toast_overlay == NULL)
    return;
  name = g_filename_display_basename (attest_export_banner_get_written (e->banner));
  switch (e->kind)
    {
    case EXPORT_MATRIX:
      ok = attest_matrix_export_finish (result, &error);
      /* Translators: %s is the file written */
      message = ok ? g_strdup_printf (_("Exported the matrix to “%s”"), name) : NULL;
      break;
    case EXPORT_REPORT:
      ok = attest_report_export_finish (result, &error);
      /* Translators: %s is the file written */
      message = ok ? g_strdup_printf (_("Exported the evidence report to “%s”"), name) : NULL;
      break;
    case EXPORT_PACKAGE:
    default:
      ok = attest_package_export_finish (result, &error);
      /* Translators: %s is the folder (or zip file) written */
      message = ok ? g_strdup_printf (_("Exported the evidence package to “%s”"), name) : NULL;
      break;
    }
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Export cancelled: nothing was written"));
  else if (!ok)
    message = g_strdup (error->message);
  g_clear_pointer (&self->exporting, export_free);
  attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
  _attest_window_actions_update (self);
}

static gboolean
can_export (AttestWindow *self)
{
  return self->workspace != NULL && self->matrix != NULL && self->exporting == NULL;
}

/* The matrix */

static void
start_matrix (AttestWindow *self,
              const char   *path,
              gboolean      letter,
              gboolean      landscape)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: %s is the file being written */
  g_autofree char *title = g_strdup_printf (_("Exporting the matrix to “%s”…"), name);
  AttestExportBanner *b;

  if (!can_export (self))
    return;
  b = export_start (self, EXPORT_MATRIX, path, title);
  attest_matrix_export_full_async (self->workspace, attest_matrix_filter_apply (self->filter, self->matrix), path,
                                   letter, landscape, attest_export_banner_get_progress (b),
                                   attest_export_banner_get_cancellable (b), export_done, g_object_ref (self));
}

/* The report */

static void
start_report (AttestWindow *self,
              const char   *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: %s is the file being written */
  g_autofree char *title = g_strdup_printf (_("Exporting the evidence report to “%s”…"), name);
  AttestExportBanner *b;

  if (!can_export (self))
    return;
  b = export_start (self, EXPORT_REPORT, path, title);
  attest_report_export_async (self->workspace, attest_matrix_filter_apply (self->filter, self->matrix), path,
                              FALSE, FALSE, attest_export_banner_get_progress (b),
                              attest_export_banner_get_cancellable (b), export_done, g_object_ref (self));
}

/* The package */

static void
start_package (AttestWindow *self,
               const char   *path,
               gboolean      zip)
{
  g_autofree char *written = zip ? g_strconcat (path, ".zip", NULL) : g_strdup (path);
  g_autofree char *name = g_filename_display_basename (written);
  /* Translators: %s is the folder (or zip file) being written */
  g_autofree char *title = g_strdup_printf (_("Exporting the evidence package to “%s”…"), name);
  AttestExportBanner *b;

  if (!can_export (self))
    return;
  b = export_start (self, EXPORT_PACKAGE, written, title);
  attest_package_export_async (self->workspace, path, zip, attest_export_banner_get_progress (b),
                               attest_export_banner_get_cancellable (b), export_done, g_object_ref (self));
}

/* The file choosers */

static char *
chosen_file (AttestWindow    *self,
             GtkNativeDialog *chooser,
             int              response,
             AttestExportFormatKnown known)
{
  return attest_export_chooser_get_path (chooser, response, known, self->toast_overlay);
}

static GtkFileChooserNative *
file_chooser_new (AttestWindow         *self,
                  const char           *title,
                  GtkFileChooserAction  action,
                  const char          **suffixes,
                  const char          **names,
                  guint                 n_formats,
                  const char           *suggested)
{
  GtkFileChooserNative *chooser = attest_export_chooser_new (GTK_WINDOW (self), title, action, suffixes, names,
                                                             n_formats, suggested);

  g_object_set_data (G_OBJECT (chooser), "attest-window", self);
  return chooser;
}

static const char *matrix_suffixes[] = { "pdf", "csv", "html", "json", "xlsx" };
static const char *matrix_names[] = { N_("PDF Document"), N_("CSV Spreadsheet"), N_("HTML Page"), N_("JSON Data"),
                                      /* Translators: a file type in the matrix's Export… dialog */
                                      N_("Excel Workbook (XLSX)") };

static void
matrix_chosen (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  g_autofree char *path = chosen_file (self, chooser, response, attest_matrix_export_format_known);
  gboolean letter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "attest-letter"));
  gboolean landscape = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "attest-landscape"));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    start_matrix (self, path, letter, landscape);
}

static void
choose_matrix_file (AttestWindow *self,
                    gboolean      letter,
                    gboolean      landscape)
{
  GtkFileChooserNative *chooser;
  /* Translators: the file name offered when exporting the matrix */
  g_autofree char *suggested = g_strdup_printf ("%s.pdf", _("Evidence Matrix"));

  if (!can_export (self))
    return;
  chooser = file_chooser_new (self, _("Export the Matrix"), GTK_FILE_CHOOSER_ACTION_SAVE, matrix_suffixes,
                              matrix_names, G_N_ELEMENTS (matrix_suffixes), suggested);
  g_object_set_data (G_OBJECT (chooser), "attest-letter", GINT_TO_POINTER (letter));
  g_object_set_data (G_OBJECT (chooser), "attest-landscape", GINT_TO_POINTER (landscape));
  g_signal_connect (chooser, "response", G_CALLBACK (matrix_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export…: the matrix as the filters show it, on A4 portrait. */
static void
export_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  choose_matrix_file (user_data, FALSE, FALSE);
}

/* Export… in the print preview: (letter, landscape), the preview's paper. */
static void
export_sheets_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  gboolean letter, landscape;

  g_variant_get (param, "(bb)", &letter, &landscape);
  choose_matrix_file (user_data, letter, landscape);
}

/* Print Evidence Report…: GTK's print dialog on the report's sheets, the
 * matrix as the filters show it. */
static void
print_report_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  AttestWindow *self = user_data;
  g_autoptr(AttestReportSheets) sheets = NULL;
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL || self->matrix == NULL)
    return;
  sheets = attest_report_print_sheets_new (self->workspace, attest_matrix_filter_apply (self->filter, self->matrix),
                                           &error);
  if (sheets == NULL
      || attest_report_print (GTK_WINDOW (self), sheets, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
         == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("The evidence report cannot be printed: %s"), error->message);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
}

static void
report_chosen (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  g_autofree char *path = chosen_file (self, chooser, response, attest_report_export_format_known);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    start_report (self, path);
}

static void
export_report_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  AttestWindow *self = user_data;
  GtkFileChooserNative *chooser;
  /* Translators: the file name offered when exporting the evidence report */
  g_autofree char *suggested = g_strdup_printf ("%s.pdf", _("Evidence Report"));

  if (!can_export (self))
    return;
  chooser = file_chooser_new (self, _("Export the Evidence Report"), GTK_FILE_CHOOSER_ACTION_SAVE, attest_export_chooser_report_suffixes,
                              attest_export_chooser_report_names, ATTEST_EXPORT_CHOOSER_N_REPORT_FORMATS,
                              suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (report_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* export-report-to PATH: what the chooser's answer starts, also for scripts and tests. */
static void
export_report_to_activated (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  start_report (user_data, g_variant_get_string (param, NULL));
}

static void
package_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  g_autofree char *path = chosen_file (self, chooser, response, NULL);
  const char *zip = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "zip");
  gboolean as_zip = g_strcmp0 (zip, "true") == 0;

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    start_package (self, path, as_zip);
}

/* Export Evidence Package…: the name of a new folder (the bag), or of a zip. */
static void
export_package_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  AttestWindow *self = user_data;
  GtkFileChooserNative *chooser;

  if (!can_export (self))
    return;
  /* Translators: the folder name offered when exporting the evidence package */
  chooser = file_chooser_new (self, _("Export the Evidence Package"), GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL, 0,
                              _("Evidence Package"));
  /* Translators: a choice in the file chooser: the package as NAME.zip */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "zip", _("Zip archive"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "zip", "false");
  g_signal_connect (chooser, "response", G_CALLBACK (package_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* export-package-to (FOLDER, ZIP): what the chooser's answer starts. */
static void
export_package_to_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  const char *path;
  gboolean zip;

  g_variant_get (param, "(&sb)", &path, &zip);
  start_package (user_data, path, zip);
}

static void
cancel_export_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  AttestWindow *self = user_data;

  if (self->exporting != NULL)
    attest_export_banner_cancel (self->exporting->banner);
}

static const GActionEntry export_actions[] = {
  { "export", export_activated },
  { "export-sheets", export_sheets_activated, "(bb)" },
  { "print-report", print_report_activated },
  { "export-report", export_report_activated },
  { "export-report-to", export_report_to_activated, "s" },
  { "export-package", export_package_activated },
  { "export-package-to", export_package_to_activated, "(sb)" },
  { "cancel-export", cancel_export_activated },
};

void
_attest_window_export_init (AttestWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), export_actions, G_N_ELEMENTS (export_actions), self);
}

static void
set_enabled (AttestWindow *self,
             const char   *name,
             gboolean      enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/**
 * _attest_window_export_update:
 * @has_matrix: a workspace is open and its matrix has frameworks and services
 *
 * Printing the report, once there is a matrix; the exports, one at a time.
 */
void
_attest_window_export_update (AttestWindow *self,
                              gboolean      has_matrix)
{
  gboolean idle = self->exporting == NULL;

  set_enabled (self, "print-report", has_matrix);
  set_enabled (self, "export", has_matrix && idle);
  set_enabled (self, "export-sheets", has_matrix && idle);
  set_enabled (self, "export-report", has_matrix && idle);
  set_enabled (self, "export-report-to", has_matrix && idle);
  set_enabled (self, "export-package", has_matrix && idle);
  set_enabled (self, "export-package-to", has_matrix && idle);
  set_enabled (self, "cancel-export", !idle);
}
