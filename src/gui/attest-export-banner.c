/* attest-export-banner.c: the banner of an export running, what it writes and how far it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's exports (matrix, evidence report, package) and the Gap
 * Report window's show the same banner under the header bar: a label saying
 * what is written, a bar that pulses until the worker says how far it is,
 * then its fraction, and Cancel (an action of the window's). Each window
 * has the widgets in its template; an export running holds them here, with
 * its GCancellable and the AttestExportProgress its worker reports through.
 */
#define G_LOG_DOMAIN "attest-export-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-export-banner.h"

/* How often the bar pulses while an export cannot say how far it is. */
#define PULSE_MS 150

/* On the bar: the export whose progress it shows. */
#define BANNER_KEY "attest-export-banner"

struct _AttestExportBanner
{
  GtkRevealer *revealer;
  GtkLabel *label;
  GtkProgressBar *bar;
  GCancellable *cancellable;
  AttestExportProgress *progress;
  char *written;      /* the file or folder that will hold it */
  guint pulse_source;
};

static gboolean
pulse (gpointer user_data)
{
  AttestExportBanner *self = user_data;

  gtk_progress_bar_pulse (self->bar);
  return G_SOURCE_CONTINUE;
}

static void
progress_shown (GObject              *target,
                AttestExportProgress *progress,
                double                fraction,
                const char           *what)
{
  AttestExportBanner *self = g_object_get_data (target, BANNER_KEY);

  /* A report of an export already over, or of a window closing. */
  if (self == NULL || self->progress != progress)
    return;
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_text (self->bar, NULL);
  gtk_progress_bar_set_fraction (self->bar, CLAMP (fraction, 0.0, 1.0));
  if (what != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->bar), what);
}

/**
 * attest_export_banner_start:
 * @written: the file or folder the export writes
 * @title: what the banner says ("Exporting the matrix to “x.pdf”…")
 *
 * Shows the banner for an export about to start: @title, and the bar
 * pulsing until the worker reports through attest_export_banner_get_progress().
 *
 * Returns: (transfer full): the export's banner, for attest_export_banner_free()
 */
AttestExportBanner *
attest_export_banner_start (GtkRevealer    *revealer,
                            GtkLabel       *label,
                            GtkProgressBar *bar,
                            const char     *written,
                            const char     *title)
{
  AttestExportBanner *self = g_new0 (AttestExportBanner, 1);

  self->revealer = g_object_ref (revealer);
  self->label = g_object_ref (label);
  self->bar = g_object_ref (bar);
  self->cancellable = g_cancellable_new ();
  self->progress = attest_export_progress_new (G_OBJECT (bar), progress_shown);
  self->written = g_strdup (written);
  g_object_set_data (G_OBJECT (bar), BANNER_KEY, self);

  gtk_label_set_text (label, title);
  gtk_progress_bar_set_fraction (bar, 0.0);
  /* Translators: in the export's progress bar until it can say how far it is */
  gtk_progress_bar_set_text (bar, _("Starting…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (bar), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  self->pulse_source = g_timeout_add (PULSE_MS, pulse, self);
  gtk_revealer_set_reveal_child (revealer, TRUE);
  return self;
}

/**
 * attest_export_banner_cancel:
 *
 * Cancel pressed: the worker stops at its next step; the bar says so
 * until the export ends.
 */
void
attest_export_banner_cancel (AttestExportBanner *self)
{
  g_cancellable_cancel (self->cancellable);
  /* Translators: in the export's progress bar once Cancel is pressed */
  gtk_progress_bar_set_text (self->bar, _("Cancelling…"));
}

/**
 * attest_export_banner_free:
 *
 * The export is over, or its window closing: cancels it if it still runs,
 * stops the pulse and hides the banner.
 */
void
attest_export_banner_free (AttestExportBanner *self)
{
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  attest_export_progress_unref (self->progress);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (g_object_get_data (G_OBJECT (self->bar), BANNER_KEY) == self)
    g_object_set_data (G_OBJECT (self->bar), BANNER_KEY, NULL);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  g_object_unref (self->revealer);
  g_object_unref (self->label);
  g_object_unref (self->bar);
  g_free (self->written);
  g_free (self);
}

GCancellable *
attest_export_banner_get_cancellable (AttestExportBanner *self)
{
  return self->cancellable;
}

AttestExportProgress *
attest_export_banner_get_progress (AttestExportBanner *self)
{
  return self->progress;
}

const char *
attest_export_banner_get_written (AttestExportBanner *self)
{
  return self->written;
}
