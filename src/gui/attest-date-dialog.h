/* attest-date-dialog.h: a message dialog asking for dates (YYYY-MM-DD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @owner: the object the dialog was made for, still alive; @days: one per
 * row, each the day as stored ("2023-03-12") or NULL for a row left empty. */
typedef void (*AttestDateDialogDone) (GObject            *owner,
                                      AdwMessageDialog   *dialog,
                                      const char * const *days);

AdwMessageDialog *attest_date_dialog_new (GtkWidget            *parent,
                                          const char           *heading,
                                          const char           *body,
                                          const char           *response,
                                          const char           *response_label,
                                          const char * const   *titles,
                                          const char * const   *values,
                                          AttestDateDialogDone  done,
                                          GObject              *owner);

G_END_DECLS
