/* attest-import-dialog.c: Import Pages… — progress, Cancel, then what came in
 *
 * The pages are imported by a worker thread on its own connection to the
 * workspace file (an AttestWorkspace is not thread-safe); the window's
 * connection sees them once "imported" tells it to reload. The worker reports
 * progress into a small locked record the main thread reads ten times a
 * second, so a fast import never floods the main loop. Each page is its own
 * transaction: Cancel, a closed dialog or a workspace that cannot take more
 * (full, busy, read-only) leave every page recorded before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-import-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-unshown.h"
#include "attest-count.h"
#include "attest-dates.h"
#include "attest-importer.h"
#include "attest-markup.h"
#include "attest-import-dialog.h"
#include "attest-paths.h"
#include "attest-workspace-catalog.h"
#include "attest-toast.h"

/* How often the main thread looks at the worker's progress. */
#define TICK_MS 100

/* Rows shown before the rest is left to Copy Report. */
#define MAX_ROWS 500

/* Shared by the dialog (main thread) and the worker; refcounted. */
typedef struct {
  char *workspace_path;
  char *reviewer;
  char **paths;
  gboolean docset;  /* includes from the documentation set's folder (the checkbox) */

  GMutex lock;     /* guards what follows */
  gboolean found;  /* the pages are found: total is known */
  guint done;
  guint total;
  char *current;   /* the page read last */
} ImportJob;

static void
import_job_clear (gpointer data)
{
  ImportJob *job = data;

  g_free (job->workspace_path);
  g_free (job->reviewer);
  g_strfreev (job->paths);
  g_free (job->current);
  g_mutex_clear (&job->lock);
}

static void
import_job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, import_job_clear);
}

struct _AttestImportDialog
{
  AdwWindow parent_instance;

  ImportJob *job;
  GCancellable *cancellable;
  GApplication *held_app;
  AttestImportSummary *summary;
  GError *error;
  guint tick_id;
  gboolean running;
  gboolean close_when_done;
  gboolean disposed;

  AdwToastOverlay *toast_overlay;
  GtkButton *cancel_button;
  GtkButton *copy_button;
  GtkButton *close_button;
  GtkStack *stack;
  AdwStatusPage *progress_page;
  GtkProgressBar *progress_bar;
  GtkLabel *file_label;
  AdwStatusPage *summary_page;
  AdwPreferencesGroup *counts_group;
  AdwActionRow *imported_row;
  AdwActionRow *unchanged_row;
  AdwActionRow *skipped_row;
  AdwActionRow *failed_row;
  AdwActionRow *unread_row;
  GtkLabel *imported_label;
  GtkLabel *unchanged_label;
  GtkLabel *skipped_label;
  GtkLabel *failed_label;
  GtkLabel *unread_label;
  AdwPreferencesGroup *failures_group;
  GtkListBox *failures_list;
  AdwPreferencesGroup *changes_group;
  AdwPreferencesGroup *warnings_group;
  AdwExpanderRow *warnings_row;
};

G_DEFINE_FINAL_TYPE (AttestImportDialog, attest_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The worker's side: called on the importing thread. */
static void
job_progress (guint       done,
              guint       total,
              const char *path,
              gpointer    user_data)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->found = TRUE;
  job->done = done;
  job->total = total;
  if (path != NULL)
    {
      g_free (job->current);
      job->current = g_strdup (path);
    }
  g_mutex_unlock (&job->lock);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(AttestWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary *summary;

  workspace = attest_workspace_open (job->workspace_path, &error);
  if (workspace == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  attest_workspace_set_reviewer (workspace, job->reviewer);

  summary = attest_importer_run_full (workspace, (const char * const *)job->paths, NULL, job->docset, NULL,
                                      job_progress, job, cancellable, &error);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, (GDestroyNotify)attest_import_summary_free);
}

/* The main thread's side. */
static void
update_progress (AttestImportDialog *self)
{
  g_autofree char *current = NULL;
  g_autofree char *text = NULL;
  gboolean found;
  guint done, total;

  g_mutex_lock (&self->job->lock);
  found = self->job->found;
  done = self->job->done;
  total = self->job->total;
  current = g_strdup (self->job->current);
  g_mutex_unlock (&self->job->lock);

  if (!found)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, _("Looking for offering pages…"));
      return;
    }

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 1.0);
  /* Translators: progress of an import: "12 of 346 pages"; the form follows the 346 */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s page", "%s of %s pages", total), attest_count (done),
                          attest_count (total));
  gtk_progress_bar_set_text (self->progress_bar, text);
  if (current != NULL)
    {
      g_autofree char *name = g_filename_display_name (current);
      gtk_label_set_label (self->file_label, name);
    }
}

static gboolean
tick (gpointer user_data)
{
  update_progress (ATTEST_IMPORT_DIALOG (user_data));
  return G_SOURCE_CONTINUE;
}

/* "the page is empty" → "The page is empty.": the core's reasons follow a
 * file name; the dialog shows them on their own. */
static char *
sentence (const char *reason)
{
  g_autofree char *first = NULL;
  const char *rest;

  if (*reason == '\0')
    return g_strdup (reason);
  rest = g_utf8_next_char (reason);
  first = g_utf8_strup (reason, rest - reason);
  return g_strconcat (first, rest, g_str_has_suffix (rest, ".") ? "" : ".", NULL);
}

static GtkWidget *
failure_row_new (const AttestImportFailure *failure)
{
  g_autofree char *base = g_path_get_basename (failure->path);
  g_autofree char *dir = g_path_get_dirname (failure->path);
  g_autofree char *name = g_filename_display_name (base);
  g_autofree char *folder = g_filename_display_name (dir);
  g_autofree char *full = g_filename_display_name (failure->path);
  g_autofree char *why = sentence (failure->reason);
  g_autofree char *spoken = g_strdup_printf ("%s: %s", name, why);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *file = gtk_label_new (name);
  GtkWidget *reason = gtk_label_new (why);
  GtkWidget *where = gtk_label_new (folder);
  GtkWidget *labels[] = { file, reason, where };

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  /* File and reason can be selected and copied into a ticket. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkLabel *label = GTK_LABEL (labels[i]);
      gtk_label_set_xalign (label, 0.0);
      gtk_label_set_selectable (label, TRUE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
    }
  gtk_label_set_wrap (GTK_LABEL (file), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (file), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (file, "heading");
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_set_tooltip_text (row, full);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

static void
add_text_row (AdwExpanderRow *expander,
              const char     *icon_name,
              const char     *style,
              const char     *title,
              const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      /* The subtitle says it in words; the symbol is for the eye. */
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", icon_name,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);
      gtk_widget_add_css_class (icon, style);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_expander_row_add_row (expander, row);
}

/* A scope's services are listed when its row is first opened: a big import
 * can change a hundred scopes. */
static void
fill_scope_change (AdwExpanderRow *expander)
{
  AttestScopeChange *change = g_object_get_data (G_OBJECT (expander), "change");

  if (change == NULL || !adw_expander_row_get_expanded (expander))
    return;
  g_object_set_data (G_OBJECT (expander), "change", NULL);

  for (guint i = 0; i < change->added->len; i++)
    add_text_row (expander, "list-add-symbolic", "success", change->added->pdata[i], _("Added"));
  for (guint i = 0; i < change->renamed->len; i++)
    add_text_row (expander, "document-edit-symbolic", "accent", change->renamed->pdata[i], _("Renamed"));
  for (guint i = 0; i < change->removed->len; i++)
    add_text_row (expander, "list-remove-symbolic", "warning", change->removed->pdata[i],
                  _("No longer in scope: its checklist and evidence are kept"));
}

static char *
change_counts (const AttestScopeChange *change)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (change->added->len > 0)
    /* Translators: services added to a scope by a newer page */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s added", "%s added", change->added->len),
                                             attest_count (change->added->len)));
  if (change->renamed->len > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s renamed", "%s renamed",
                                                          change->renamed->len),
                                             attest_count (change->renamed->len)));
  if (change->removed->len > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s no longer in scope",
                                                          "%s no longer in scope", change->removed->len),
                                             attest_count (change->removed->len)));
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between "2 added", "1 renamed" and "1 no longer in scope" */
  return g_strjoinv (_(", "), (char **)parts->pdata);
}

static void
fill_scope_changes (AttestImportDialog *self)
{
  AttestImportSummary *summary = self->summary;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  for (guint i = 0; i < summary->outcomes->len; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];

      if (!o->newer_variant)
        continue;
      for (guint j = 0; j < o->changes->len; j++)
        {
          AttestScopeChange *change = o->changes->pdata[j];
          g_autofree char *title = attest_import_summary_scope_title (summary, change->scope_id);
          g_autofree char *counts = change_counts (change);
          GtkWidget *row = adw_expander_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), counts);
          g_object_set_data (G_OBJECT (row), "change", change);
          g_signal_connect (row, "notify::expanded", G_CALLBACK (fill_scope_change), NULL);
          adw_preferences_group_add (self->changes_group, row);
          g_ptr_array_add (rows, row);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), rows->len > 0);
  /* A few changes are shown open; many are a list to open one by one. */
  if (rows->len <= 3)
    for (guint i = 0; i < rows->len; i++)
      adw_expander_row_set_expanded (rows->pdata[i], TRUE);
}

static void
fill_warnings (AdwExpanderRow *expander,
               GParamSpec     *pspec,
               gpointer        user_data)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (user_data);
  GPtrArray *warnings;

  if (!adw_expander_row_get_expanded (expander) || g_object_get_data (G_OBJECT (expander), "filled"))
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));

  warnings = self->summary->warnings;
  for (guint i = 0; i < warnings->len && i < MAX_ROWS; i++)
    add_text_row (expander, NULL, NULL, warnings->pdata[i], NULL);
  if (warnings->len > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %s more: Copy Report has them all",
                                                            "And %s more: Copy Report has them all",
                                                            warnings->len - MAX_ROWS),
                                               attest_count (warnings->len - MAX_ROWS));
      add_text_row (expander, NULL, NULL, more, NULL);
    }
}

/* Imported is always there; the other counts only when there is something to count. */
static void
set_count (GtkLabel     *label,
           AdwActionRow *row,
           guint         n,
           gboolean      always)
{
  gtk_label_set_label (label, attest_count (n));
  gtk_widget_set_visible (GTK_WIDGET (row), always || n > 0);
  /* Read with the row: "Imported, 5". */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
}

/* "/path/w.attest: the workspace is busy: …" → "The workspace is busy: ….":
 * the dialog is about that workspace already. */
static char *
workspace_reason (AttestImportDialog *self,
                  const char         *reason)
{
  g_autofree char *name = g_filename_display_name (self->job->workspace_path);
  g_autofree char *prefix = g_strconcat (name, ": ", NULL);

  if (g_str_has_prefix (reason, prefix))
    reason += strlen (prefix);
  return sentence (reason);
}

/* ---- Pages without a date, kept as older versions ------------------------ *
 *
 * An undated page never silently supersedes a stored version: the summary
 * lists the pages kept as older ones, and offers to make each current or to
 * give them their date. Each is one edit of the workspace (one history row),
 * on a connection of its own, as the import's. */

static gboolean
date_kept_older (AttestImportDialog *self,
                 GPtrArray          *rows,
                 const char         *date,
                 gboolean            make_current)
{
  g_autoptr(AttestWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  guint done = 0;

  workspace = attest_workspace_open (self->job->workspace_path, &error);
  if (workspace == NULL)
    {
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
      return FALSE;
    }
  attest_workspace_set_reviewer (workspace, self->job->reviewer);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      AttestImportOutcome *o = g_object_get_data (G_OBJECT (row), "outcome");
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");

      if (o == NULL || !gtk_widget_get_sensitive (button))
        continue;
      if (!attest_workspace_set_variant_date (workspace, o->variant_id, date, make_current, &error))
        {
          attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
          break;
        }
      done++;
      gtk_widget_set_sensitive (button, FALSE);
      if (date != NULL)
        {
          g_autofree char *formatted = NULL;
          g_autofree char *text = NULL;

          g_clear_pointer (&day, g_free);
          day = g_strdup (date);
          formatted = attest_dates_format (day);
          /* Translators: %s is a date */
          text = g_strdup_printf (_("Dated %s"), formatted);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Made current"));
    }
  /* The window reads the matrix again. */
  if (done > 0)
    g_signal_emit (self, signals[IMPORTED], 0, 0);
  return error == NULL;
}

static GPtrArray *
kept_older_rows (GtkWidget *group)
{
  return g_object_get_data (G_OBJECT (group), "rows");
}

static void
make_current_clicked (GtkButton          *button,
                      AttestImportDialog *self)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, g_object_get_data (G_OBJECT (button), "row"));
  date_kept_older (self, one, NULL, TRUE);
}

static void
make_all_current_clicked (GtkButton          *button,
                          AttestImportDialog *self)
{
  GtkWidget *group = g_object_get_data (G_OBJECT (button), "group");

  if (date_kept_older (self, kept_older_rows (group), NULL, TRUE))
    gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
date_applied (AdwEntryRow        *entry,
              AttestImportDialog *self)
{
  GtkWidget *group = g_object_get_data (G_OBJECT (entry), "group");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *day = attest_dates_parse_day (text);

  if (day == NULL)
    {
      /* Translators: %s is what the analyst typed */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date: write it YYYY-MM-DD"), text);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
      return;
    }
  date_kept_older (self, kept_older_rows (group), day, FALSE);
}

static void
fill_kept_older (AttestImportDialog *self)
{
  AttestImportSummary *summary = self->summary;
  guint n = attest_import_summary_count_kept_older (summary);
  GtkWidget *group, *make_all, *entry, *parent;
  GPtrArray *rows;
  g_autofree char *description = NULL;

  if (n == 0 || self->changes_group == NULL)
    return;
  group = adw_preferences_group_new ();
  gtk_widget_set_name (group, "kept-older-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Pages Without a Date"));
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s page has no date, and a version of it was already stored: it "
                                              "was kept as an older version and does not change the matrix. Make "
                                              "it current, or give it its date.",
                                              "%s pages have no date, and a version of each was already stored: "
                                              "they were kept as older versions and do not change the matrix. "
                                              "Make them current, or give them their date.", n),
                                 attest_count (n));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  rows = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (group), "rows", rows, (GDestroyNotify) g_ptr_array_unref);

  make_all = gtk_button_new_with_mnemonic (_("Make _All Current"));
  gtk_widget_set_valign (make_all, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (make_all), "group", group);
  g_signal_connect_object (make_all, "clicked", G_CALLBACK (make_all_current_clicked), self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), make_all);

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("_Date of These Pages (YYYY-MM-DD)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (entry), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (entry), GTK_INPUT_PURPOSE_DIGITS);
  g_object_set_data (G_OBJECT (entry), "group", group);
  g_signal_connect_object (entry, "apply", G_CALLBACK (date_applied), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);

  for (guint i = 0; i < summary->outcomes->len && rows->len < MAX_ROWS; i++)
    {
      AttestImportOutcome *o = summary->outcomes->pdata[i];
      GtkWidget *row, *button;

      if (!o->kept_older)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), o->file_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No date: kept as an older version"));
      button = gtk_button_new_with_label (_("Make Current"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "row", row);
      g_object_set_data (G_OBJECT (row), "button", button);
      g_object_set_data (G_OBJECT (row), "outcome", o);
      g_signal_connect_object (button, "clicked", G_CALLBACK (make_current_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (rows, row);
    }

  /* Above the scope changes: it says why some pages changed nothing. */
  parent = gtk_widget_get_parent (GTK_WIDGET (self->changes_group));
  gtk_widget_insert_before (group, parent, GTK_WIDGET (self->changes_group));
}

static void
show_summary (AttestImportDialog *self)
{
  AttestImportSummary *s = self->summary;
  const char *title;
  const char *icon_name;
  g_autofree char *description = NULL;

  if (s == NULL || s->error != NULL)
    {
      const char *reason = s == NULL ? self->error->message : s->error->message;
      g_autofree char *said = NULL;
      const char *kept;

      /* The page that stopped it is listed below with the reason; say the reason here. */
      if (s != NULL && s->failed_files->len > 0)
        reason = ((AttestImportFailure *)s->failed_files->pdata[s->failed_files->len - 1])->reason;
      said = workspace_reason (self, reason);
      if (s == NULL || s->imported == 0)
        kept = _("Nothing in the workspace was changed.");
      else
        kept = g_dngettext (GETTEXT_PACKAGE,
                            "The page imported before the error is kept. Import again to add the rest.",
                            "The pages imported before the error are kept. Import again to add the rest.",
                            s->imported);
      title = _("Import Failed");
      icon_name = "dialog-error-symbolic";
      description = g_strdup_printf ("%s\n\n%s", said, kept);
    }
  else if (s->cancelled)
    {
      /* Translators: "Stopped after 12 of 346 pages."; the form follows the 346 */
      g_autofree char *stopped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped after %s of %s page.",
                                                               "Stopped after %s of %s pages.", s->total),
                                                  attest_count (s->done), attest_count (s->total));

      title = _("Import Cancelled");
      icon_name = "process-stop-symbolic";
      description = g_strdup_printf ("%s %s", stopped, _("The pages imported so far are kept."));
    }
  else
    {
      title = _("Import Finished");
      icon_name = s->failed > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
      if (s->failed > 0)
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%s file could not be imported. It is listed below with the reason.",
                                                    "%s files could not be imported. They are listed below with the reasons.",
                                                    s->failed),
                                       attest_count (s->failed));
      else if (s->total == 0)
        description = g_strdup (_("No offering pages were found. Offering pages are Markdown files "
                                  "named “offering-….md”."));
      else if (s->imported == 0)
        description = g_strdup (_("Every page was already in the workspace."));
      else
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "The new page is now part of the matrix.",
                                                    "The %s new pages are now part of the matrix.",
                                                    s->imported),
                                       attest_count (s->imported));
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_icon_name (self->summary_page, icon_name);
  {
    /* The description is markup; reasons and translations are text. */
    g_autofree char *escaped = g_markup_escape_text (description, -1);
    adw_status_page_set_description (self->summary_page, escaped);
  }

  if (s != NULL)
    {
      set_count (self->imported_label, self->imported_row, s->imported, TRUE);
      set_count (self->unchanged_label, self->unchanged_row, s->unchanged, FALSE);
      set_count (self->skipped_label, self->skipped_row, s->skipped, FALSE);
      set_count (self->failed_label, self->failed_row, s->failed, FALSE);
      set_count (self->unread_label, self->unread_row, s->total - s->done, FALSE);

      for (guint i = 0; i < s->failed_files->len && i < MAX_ROWS; i++)
        gtk_list_box_append (self->failures_list, failure_row_new (s->failed_files->pdata[i]));
      gtk_widget_set_visible (GTK_WIDGET (self->failures_group), s->failed_files->len > 0);
      if (s->failed_files->len > MAX_ROWS)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "And %s more: Copy Report has them all",
                                                                "And %s more: Copy Report has them all",
                                                                s->failed_files->len - MAX_ROWS),
                                                   attest_count (s->failed_files->len - MAX_ROWS));
          adw_preferences_group_set_description (self->failures_group, more);
        }

      fill_scope_changes (self);
      fill_kept_older (self);

      if (s->warnings->len > 0)
        {
          g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Warning", "%s Warnings",
                                                                    s->warnings->len),
                                                       attest_count (s->warnings->len));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warnings_row), warnings);
          g_signal_connect_object (self->warnings_row, "notify::expanded", G_CALLBACK (fill_warnings), self, 0);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), s->warnings->len > 0);
    }
  else
    {
      /* Nothing was read: no counts to show. */
      gtk_widget_set_visible (GTK_WIDGET (self->counts_group), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-report", TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* The task held the dialog: it may be closed (disposed) by now, but not freed. */
  g_autoptr(AttestImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->summary = g_task_propagate_pointer (G_TASK (result), &error);
  self->error = g_steal_pointer (&error);
  self->running = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->error != NULL)
    g_debug ("Import into %s failed: %s", self->job->workspace_path, self->error->message);

  if (!self->disposed)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
      update_progress (self);
      show_summary (self);
    }

  /* Also after Cancel or an error: what was recorded before is in the workspace. */
  if (self->summary != NULL && self->summary->imported > 0)
    g_signal_emit (self, signals[IMPORTED], 0, self->summary->imported);

  if (self->close_when_done && !self->disposed)
    gtk_window_destroy (GTK_WINDOW (self));

  if (self->held_app != NULL)
    {
      g_application_release (self->held_app);
      g_clear_object (&self->held_app);
    }
}

static void
start (AttestImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();

  /* The application stays until the worker is done, even with every window
   * closed: the last page's transaction is committed or rolled back, never cut. */
  self->held_app = g_application_get_default ();
  if (self->held_app != NULL)
    {
      g_object_ref (self->held_app);
      g_application_hold (self->held_app);
    }

  task = g_task_new (NULL, self->cancellable, import_done, g_object_ref (self));
  g_task_set_source_tag (task, start);
  g_task_set_name (task, "[attest] import pages");
  /* A cancelled import still returns its summary: what was recorded before. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->job), import_job_unref);
  g_task_run_in_thread (task, import_thread);

  self->tick_id = g_timeout_add (TICK_MS, tick, self);
  update_progress (self);
}

/* The parent window destroyed while something else still holds it: its
 * "destroy" (and so destroy-with-parent) waits for the last reference. */
static void
parent_unrealized (AttestImportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * attest_import_dialog_new:
 * @parent: the window the dialog is modal for
 * @workspace: the window's workspace; the import opens its own connection to
 *   the same file, with the same reviewer
 * @paths: files and folders; folders contribute their offering-*.md files
 *
 * Shows the dialog and starts importing at once. "imported" says when the
 * workspace has new pages.
 */
AttestImportDialog *
attest_import_dialog_new (GtkWindow          *parent,
                          AttestWorkspace    *workspace,
                          const char * const *paths)
{
  return attest_import_dialog_new_full (parent, workspace, paths, TRUE);
}

/**
 * attest_import_dialog_new_full:
 * @docset: read [!INCLUDE] files from the nearest folder above the pages that
 *   holds their documentation set (an includes/ folder, a docfx.json); else
 *   only from the folders chosen
 *
 * attest_import_dialog_new(), the include root chosen.
 */
AttestImportDialog *
attest_import_dialog_new_full (GtkWindow          *parent,
                               AttestWorkspace    *workspace,
                               const char * const *paths,
                               gboolean            docset)
{
  AttestImportDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL)
    g_signal_connect_object (parent, "unrealize", G_CALLBACK (parent_unrealized), self, G_CONNECT_SWAPPED);

  self->job = g_atomic_rc_box_new0 (ImportJob);
  g_mutex_init (&self->job->lock);
  self->job->workspace_path = g_strdup (attest_workspace_get_path (workspace));
  self->job->reviewer = g_strdup (attest_workspace_get_reviewer (workspace));
  self->job->paths = g_strdupv ((char **)paths);
  self->job->docset = docset;

  name = attest_paths_display_name (self->job->workspace_path);
  description = g_strdup_printf (_("Adding offering pages to the workspace “%s”. "
                                   "If you cancel, the pages imported so far are kept."),
                                 name);
  {
    g_autofree char *escaped = g_markup_escape_text (description, -1);
    adw_status_page_set_description (self->progress_page, escaped);
  }

  start (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* Stops after the page being read; the dialog then shows what came in. */
void
attest_import_dialog_cancel (AttestImportDialog *self)
{
  g_return_if_fail (ATTEST_IS_IMPORT_DIALOG (self));

  if (!self->running || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->disposed)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
  adw_status_page_set_title (self->progress_page, _("Cancelling…"));
  {
    g_autofree char *escaped = g_markup_escape_text (_("Finishing the current page. The pages imported so far are kept."), -1);
    adw_status_page_set_description (self->progress_page, escaped);
  }
}

gboolean
attest_import_dialog_is_running (AttestImportDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_IMPORT_DIALOG (self), FALSE);
  return self->running;
}

/* Returns: (transfer none) (nullable): what the import did; %NULL while it
 * runs or when it could not start. */
AttestImportSummary *
attest_import_dialog_get_summary (AttestImportDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_IMPORT_DIALOG (self), NULL);
  return self->summary;
}

static char *
full_report (AttestImportDialog *self)
{
  AttestImportSummary *s = self->summary;
  GString *out;
  char *report;

  if (s == NULL)
    return g_strdup (self->error != NULL ? self->error->message : "");

  report = attest_import_summary_report (s);
  out = g_string_new (report);
  g_free (report);
  for (guint i = 0; i < s->failures->len; i++)
    {
      g_string_append_printf (out, _("Failed: %s"), (char *)s->failures->pdata[i]);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < s->warnings->len; i++)
    {
      g_string_append_printf (out, _("Warning: %s"), (char *)s->warnings->pdata[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (widget);
  g_autofree char *report = full_report (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);
  attest_toast_show (self->toast_overlay, adw_toast_new (_("Report copied")));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  attest_import_dialog_cancel (ATTEST_IMPORT_DIALOG (widget));
}

/* Escape cancels a running import, and closes the summary. */
static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (widget);

  if (self->running)
    attest_import_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* Closing while it runs cancels; the dialog goes away now and is destroyed
 * once the worker has finished its page, so "imported" still reaches the
 * window for the pages recorded before. */
static gboolean
attest_import_dialog_close_request (GtkWindow *window)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (window);

  if (self->running)
    {
      attest_import_dialog_cancel (self);
      self->close_when_done = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (attest_import_dialog_parent_class)->close_request (window);
}

/* gtk_window_destroy(), also with the parent: the worker's task still holds
 * the dialog, so dispose would come only once the import is over. */
static void
attest_import_dialog_unrealize (GtkWidget *widget)
{
  attest_import_dialog_cancel (ATTEST_IMPORT_DIALOG (widget));
  GTK_WIDGET_CLASS (attest_import_dialog_parent_class)->unrealize (widget);
}

static void
attest_import_dialog_dispose (GObject *object)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (object);

  /* Destroyed with its parent while running: the worker stops after its page. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->disposed = TRUE;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (attest_import_dialog_parent_class)->dispose (object);
}

static void
attest_import_dialog_finalize (GObject *object)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (object);

  g_clear_pointer (&self->job, import_job_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->summary, attest_import_summary_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (attest_import_dialog_parent_class)->finalize (object);
}

static void
attest_import_dialog_class_init (AttestImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_import_dialog_dispose;
  object_class->finalize = attest_import_dialog_finalize;
  widget_class->unrealize = attest_import_dialog_unrealize;
  window_class->close_request = attest_import_dialog_close_request;

  /**
   * AttestImportDialog::imported:
   * @n_imported: pages recorded
   *
   * Emitted on the main thread when the import has ended (finished, cancelled
   * or stopped by an error) and recorded at least one page: time to reload.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, imported_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, unchanged_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, skipped_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, failed_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, unread_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, imported_label);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, failed_label);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, unread_label);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, failures_group);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, failures_list);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, warnings_row);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.copy-report", NULL, copy_report_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
attest_import_dialog_init (AttestImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  attest_unshown_follow_stack (self->stack);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-report", FALSE);
}

/* Choosing what to import. */

typedef struct {
  GWeakRef parent;
  AttestWorkspace *workspace;
  AttestImportDialogStarted started;
  gboolean docset;
} Choice;

static Choice *
choice_new (GtkWindow                 *parent,
            AttestWorkspace           *workspace,
            AttestImportDialogStarted  started)
{
  Choice *choice = g_new0 (Choice, 1);

  g_weak_ref_init (&choice->parent, parent);
  choice->workspace = g_object_ref (workspace);
  choice->started = started;
  choice->docset = TRUE;
  return choice;
}

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_weak_ref_clear (&choice->parent);
  g_clear_object (&choice->workspace);
  g_free (choice);
}

static void
choice_free_closure (gpointer  data,
                     GClosure *closure)
{
  choice_free (data);
}

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&choice->parent);

  if (response == GTK_RESPONSE_ACCEPT && parent != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          /* The native chooser gives local paths (the portal's own for sandboxed files). */
          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);

      if (paths->len > 1)
        {
          AttestImportDialog *dialog = attest_import_dialog_new_full (parent, choice->workspace,
                                                                      (const char * const *)paths->pdata,
                                                                      choice->docset);
          if (choice->started != NULL)
            choice->started (parent, dialog);
        }
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  choice_free (choice);
}

static void
choose (GtkWindow                 *parent,
        AttestWorkspace           *workspace,
        AttestImportDialogStarted  started,
        gboolean                   folders,
        gboolean                   docset)
{
  Choice *choice;
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) pages = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  native = gtk_file_chooser_native_new (folders ? _("Import Folders of Offering Pages") : _("Import Offering Pages"),
                                        parent,
                                        folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  if (!folders)
    {
      pages = gtk_file_filter_new ();
      gtk_file_filter_set_name (pages, _("Offering Pages (Markdown)"));
      gtk_file_filter_add_pattern (pages, "*.md");
      gtk_file_filter_add_mime_type (pages, "text/markdown");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pages);
      all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
    }

  choice = choice_new (parent, workspace, started);
  choice->docset = docset;
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * attest_import_dialog_choose_files:
 * @started: (nullable): told of the dialog once the pages are chosen
 *
 * A native file chooser for one or more pages, then the dialog.
 */
void
attest_import_dialog_choose_files (GtkWindow                 *parent,
                                   AttestWorkspace           *workspace,
                                   AttestImportDialogStarted  started)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ATTEST_IS_WORKSPACE (workspace));

  choose (parent, workspace, started, FALSE, TRUE);
}

/**
 * attest_import_dialog_choose_folder:
 * @started: (nullable): told of the dialog once the folders are chosen
 *
 * A native folder chooser (one or more folders, walked recursively), then the dialog.
 */
void
attest_import_dialog_choose_folder (GtkWindow                 *parent,
                                    AttestWorkspace           *workspace,
                                    AttestImportDialogStarted  started)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ATTEST_IS_WORKSPACE (workspace));

  choose (parent, workspace, started, TRUE, TRUE);
}

static void
choose_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  Choice *choice = user_data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&choice->parent);
  GtkWidget *docset = adw_message_dialog_get_extra_child (dialog);
  gboolean allow = docset == NULL || gtk_check_button_get_active (GTK_CHECK_BUTTON (docset));

  if (parent == NULL)
    return;
  if (g_str_equal (response, "files"))
    choose (parent, choice->workspace, choice->started, FALSE, allow);
  else if (g_str_equal (response, "folder"))
    choose (parent, choice->workspace, choice->started, TRUE, allow);
}

/**
 * attest_import_dialog_choose:
 * @parent: the window to import into
 * @workspace: its workspace
 * @started: (nullable): told of the dialog once the pages are chosen, to
 *   connect to "imported"
 *
 * Import Pages…: asks whether to pick files or folders, then shows the native
 * chooser for them, then the dialog.
 */
void
attest_import_dialog_choose (GtkWindow                 *parent,
                             AttestWorkspace           *workspace,
                             AttestImportDialogStarted  started)
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ATTEST_IS_WORKSPACE (workspace));

  dialog = adw_message_dialog_new (parent, _("Import Offering Pages"),
                                   _("Choose single pages, or folders: every offering page in them and in "
                                     "their subfolders is imported. Pages already in the workspace are left "
                                     "as they are."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "files", _("Choose _Files…"),
                                    "folder", _("Choose F_olders…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "folder", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "folder");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* Pages include "../includes/…" beside the folder chosen: the analyst
   * allows that folder here (attest-cli: --include-root). */
  {
    GtkWidget *docset = gtk_check_button_new_with_mnemonic (_("Read _includes from the documentation set’s folder"));

    gtk_check_button_set_active (GTK_CHECK_BUTTON (docset), TRUE);
    gtk_widget_set_tooltip_text (docset, _("The nearest folder above the pages that holds an includes folder "
                                           "or a docfx.json. Unticked, includes are read only from the "
                                           "folders chosen."));
    gtk_widget_set_name (docset, "docset-includes");
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), docset);
  }
  g_signal_connect_data (dialog, "response", G_CALLBACK (choose_response),
                         choice_new (parent, workspace, started), choice_free_closure, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
