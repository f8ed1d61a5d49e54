/* attest-export-chooser.h: the file chooser of an export, and the name it gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*AttestExportFormatKnown) (const char *path);

GtkFileChooserNative *attest_export_chooser_new      (GtkWindow                *parent,
                                                      const char               *title,
                                                      GtkFileChooserAction      action,
                                                      const char              **suffixes,
                                                      const char              **names,
                                                      guint                     n_formats,
                                                      const char               *suggested);
/* What a report's chooser offers (the evidence report, the gap report):
 * PDF and HTML, with their filters' names untranslated. */
#define ATTEST_EXPORT_CHOOSER_N_REPORT_FORMATS 2
extern const char *attest_export_chooser_report_suffixes[ATTEST_EXPORT_CHOOSER_N_REPORT_FORMATS];
extern const char *attest_export_chooser_report_names[ATTEST_EXPORT_CHOOSER_N_REPORT_FORMATS];

char                 *attest_export_chooser_get_path (GtkNativeDialog          *chooser,
                                                      int                       response,
                                                      AttestExportFormatKnown   known,
                                                      AdwToastOverlay          *toasts);

G_END_DECLS
