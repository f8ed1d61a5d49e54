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
char                 *attest_export_chooser_get_path (GtkNativeDialog          *chooser,
                                                      int                       response,
                                                      AttestExportFormatKnown   known,
                                                      AdwToastOverlay          *toasts);

G_END_DECLS
