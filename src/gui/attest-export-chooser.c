/* attest-export-chooser.c: the file chooser of an export, and the name it gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's exports (matrix, evidence report, package) and the Gap
 * Report window's Export… ask for a name the same way: a modal native
 * chooser with one filter a format, and a name without a known extension
 * given the one of the filter chosen.
 */
#define G_LOG_DOMAIN "attest-export-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-export-chooser.h"
#include "attest-markup.h"
#include "attest-toast.h"

const char *attest_export_chooser_report_suffixes[] = { "pdf", "html" };
const char *attest_export_chooser_report_names[] = { N_("PDF Document"), N_("HTML Page") };

/**
 * attest_export_chooser_new:
 * @suffixes: (array length=n_formats): "pdf", "html"…; each a filter
 * @names: (array length=n_formats): the filters' names, untranslated (N_())
 * @suggested: the name offered
 *
 * Returns: (transfer full): the chooser, modal on @parent, not shown yet
 */
GtkFileChooserNative *
attest_export_chooser_new (GtkWindow             *parent,
                           const char            *title,
                           GtkFileChooserAction   action,
                           const char           **suffixes,
                           const char           **names,
                           guint                  n_formats,
                           const char            *suggested)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, action, _("_Export"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(names[i]));
      gtk_file_filter_add_suffix (filter, suffixes[i]);
      g_object_set_data (G_OBJECT (filter), "attest-suffix", (gpointer) suffixes[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  return chooser;
}

/**
 * attest_export_chooser_get_path:
 * @known: (nullable): whether a name ends in a format the export writes
 * @toasts: where a name refused is said
 *
 * Returns: (transfer full) (nullable): the file chosen; without a known
 *   extension, with the one of the filter chosen, unless that names a file
 *   nobody was asked about (then %NULL, and a toast says so)
 */
char *
attest_export_chooser_get_path (GtkNativeDialog         *chooser,
                                int                      response,
                                AttestExportFormatKnown  known,
                                AdwToastOverlay         *toasts)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && known != NULL && !known (path))
    {
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      const char *suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "attest-suffix") : NULL;
      g_autofree char *with = g_strconcat (path, ".", suffix != NULL ? suffix : "pdf", NULL);

      if (g_file_test (with, G_FILE_TEST_EXISTS))
        {
          g_autofree char *display = g_filename_display_basename (with);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("“%s” exists already: choose it by its whole name to replace it"),
                                                      display);
          attest_toast_show (toasts, attest_toast_new_plain (message));
          return NULL;
        }
      return g_steal_pointer (&with);
    }
  return g_steal_pointer (&path);
}
