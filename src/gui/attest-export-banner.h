/* attest-export-banner.h: the banner of an export running, what it writes and how far it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "attest-export-job.h"

G_BEGIN_DECLS

typedef struct _AttestExportBanner AttestExportBanner;

AttestExportBanner   *attest_export_banner_start           (GtkRevealer        *revealer,
                                                            GtkLabel           *label,
                                                            GtkProgressBar     *bar,
                                                            const char         *written,
                                                            const char         *title);
void                  attest_export_banner_cancel          (AttestExportBanner *self);
void                  attest_export_banner_free            (AttestExportBanner *self);
GCancellable         *attest_export_banner_get_cancellable (AttestExportBanner *self);
AttestExportProgress *attest_export_banner_get_progress    (AttestExportBanner *self);
const char           *attest_export_banner_get_written     (AttestExportBanner *self);

G_END_DECLS
