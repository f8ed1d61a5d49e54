/* attest-gap-window.c: the Gap Report, My services × required scopes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store decides the report (attest_workspace_gap_report()); this window
 * presents it: per required scope its summary line, then one row per of My
 * services, its state as a symbol and a word (never colour alone) and what
 * makes it so. A row leads to its cell pane in the main window
 * (::cell-activated). The report is read again whenever the window becomes
 * active, so an edit made in the main window shows when the analyst comes
 * back.
 *
 * Print… (Ctrl+P) and Export… (PDF, HTML) in the header bar print and
 * export the gap report alone through the evidence report's sheets and
 * HTML (attest_report_gather_gap()): the print dialog through
 * AttestPrintOperation, the export off the main thread as the main
 * window's exports run (attest-export-job.h), with a banner saying how far
 * it is and Cancel; a cancelled or failed export leaves nothing under the
 * chosen name.
 */
#define G_LOG_DOMAIN "attest-gap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-export-banner.h"
#include "attest-export-chooser.h"
#include "attest-export-job.h"
#include "attest-gap-window.h"
#include "attest-markup.h"
#include "attest-report-print.h"
#include "attest-unshown.h"
#include "attest-toast.h"

struct _AttestGapWindow
{
  AdwWindow parent_instance;

  AttestWorkspace *workspace;
  AttestGapReport *report;
  GtkSizeGroup *state_group;

  AttestExportBanner *exporting;   /* the export running, or NULL */

  /* Template widgets */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkRevealer *export_revealer;
  GtkLabel *export_label;
  GtkProgressBar *export_progress;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkScrolledWindow *scrolled_window;
  GtkBox *sections;
};

G_DEFINE_FINAL_TYPE (AttestGapWindow, attest_gap_window, ADW_TYPE_WINDOW)

enum {
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const state_css[] = {
  [ATTEST_GAP_NOT_CERTIFIED] = "gap-not-certified",
  [ATTEST_GAP_NO_LONGER_CERTIFIED] = "gap-no-longer-certified",
  [ATTEST_GAP_OPEN] = "gap-open",
  [ATTEST_GAP_EVIDENCE_EXPIRING] = "gap-evidence-expiring",
  [ATTEST_GAP_READY] = "gap-ready",
};

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_row (AttestGapWindow    *self,
         const AttestGapRow *row)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *symbol = gtk_label_new (attest_gap_state_symbol (row->state));
  GtkWidget *word = new_label (attest_gap_state_label (row->state), "gap-state-word");
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autoptr(GPtrArray) details = attest_gap_row_details (self->report, row);
  g_autoptr(GString) label = g_string_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_add_css_class (state_box, "gap-state");
  gtk_widget_add_css_class (state_box, state_css[row->state]);
  gtk_widget_set_valign (state_box, GTK_ALIGN_START);
  gtk_widget_add_css_class (symbol, "gap-state-symbol");
  /* The row's name says the state in words: the symbol and the arrow are not read. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (symbol), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_wrap (GTK_LABEL (word), FALSE);
  gtk_box_append (GTK_BOX (state_box), symbol);
  gtk_box_append (GTK_BOX (state_box), word);
  gtk_size_group_add_widget (self->state_group, state_box);
  gtk_box_append (GTK_BOX (box), state_box);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), new_label (row->service_name, "gap-service"));
  for (guint i = 0; i < details->len; i++)
    gtk_box_append (GTK_BOX (text), new_label (details->pdata[i], "dim-label"));
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), TRUE);

  g_object_set_data_full (G_OBJECT (list_row), ATTEST_GAP_ROW_SCOPE, g_strdup (row->scope_id), g_free);
  g_object_set_data_full (G_OBJECT (list_row), ATTEST_GAP_ROW_SERVICE, g_strdup (row->service_id), g_free);
  g_object_set_data (G_OBJECT (list_row), ATTEST_GAP_ROW_STATE, GINT_TO_POINTER (row->state));

  /* What a screen reader says: "Intune, SOC 2: open. Not yet satisfied: …" */
  /* Translators: a gap report row's accessible name: service, scope, state */
  g_string_append_printf (label, _("%s, %s: %s"), row->service_name, row->scope_name,
                          attest_gap_state_label (row->state));
  for (guint i = 0; i < details->len; i++)
    g_string_append_printf (label, ". %s", (const char *) details->pdata[i]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Opens the cell"),
                                  -1);
  gtk_widget_set_tooltip_text (list_row, _("Open the cell"));
  return list_row;
}

static void
row_activated (GtkListBox      *list,
               GtkListBoxRow   *row,
               AttestGapWindow *self)
{
  const char *scope_id = g_object_get_data (G_OBJECT (row), ATTEST_GAP_ROW_SCOPE);
  const char *service_id = g_object_get_data (G_OBJECT (row), ATTEST_GAP_ROW_SERVICE);

  if (scope_id != NULL && service_id != NULL)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, scope_id, service_id);
}

static void
clear_sections (AttestGapWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
}

static void
show_empty (AttestGapWindow *self,
            const char      *title,
            const char      *description)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The focused row's cell, to focus it again once the rows are new. */
static void
focused_cell (AttestGapWindow  *self,
              char            **scope_id,
              char            **service_id)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  *scope_id = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), ATTEST_GAP_ROW_SCOPE)) : NULL;
  *service_id = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), ATTEST_GAP_ROW_SERVICE)) : NULL;
}

/**
 * attest_gap_window_refresh:
 *
 * Reads the report again and shows it; the focused row keeps the focus.
 */
void
attest_gap_window_refresh (AttestGapWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *focus_scope = NULL;
  g_autofree char *focus_service = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *focus_row = NULL;
  GtkWidget *first_row = NULL;
  double scrolled;
  guint n_services = 0;

  g_return_if_fail (ATTEST_IS_GAP_WINDOW (self));

  focused_cell (self, &focus_scope, &focus_service);
  scrolled = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window));
  g_clear_pointer (&self->report, attest_gap_report_free);
  clear_sections (self);
  g_clear_object (&self->state_group);
  self->state_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  self->report = attest_workspace_gap_report (self->workspace, NULL, &error);
  if (self->report == NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("The gap report could not be read: %s"), error->message);

      adw_window_title_set_subtitle (self->window_title, NULL);
      show_empty (self, _("No Gap Report"), message);
      return;
    }
  /* Translators: the Gap Report's subtitle; %s is a date, YYYY-MM-DD */
  subtitle = g_strdup_printf (_("Expiry and due dates judged on %s"), self->report->today);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  for (guint i = 0; i < self->report->scopes->len; i++)
    n_services = MAX (n_services, ((AttestGapScope *) self->report->scopes->pdata[i])->n_services);
  if (self->report->scopes->len == 0)
    {
      show_empty (self, _("No Required Scopes"),
                  _("Mark the scopes your organisation must meet: open a scope’s menu in the matrix (right-click "
                    "its header, or press the Menu key on one of its cells) or a framework’s menu in the "
                    "library, and tick “Required by My Organisation”."));
      return;
    }
  if (n_services == 0 || self->report->rows->len == 0)
    {
      show_empty (self, _("No Services of Yours"),
                  _("Add the services your organisation uses: right-click a service in the matrix and choose "
                    "“Add to My Services”."));
      return;
    }

  for (guint i = 0; i < self->report->scopes->len; i++)
    {
      AttestGapScope *scope = self->report->scopes->pdata[i];
      g_autofree char *summary = attest_gap_scope_summary (scope);
      GtkWidget *heading = new_label (summary, "heading");
      GtkWidget *list = gtk_list_box_new ();

      gtk_widget_set_margin_top (heading, i > 0 ? 18 : 0);
      gtk_widget_set_margin_bottom (heading, 6);
      gtk_box_append (self->sections, heading);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
      g_signal_connect_object (list, "row-activated", G_CALLBACK (row_activated), self, 0);
      for (guint j = 0; j < self->report->rows->len; j++)
        {
          AttestGapRow *row = self->report->rows->pdata[j];
          GtkWidget *widget;

          if (!g_str_equal (row->scope_id, scope->scope_id))
            continue;
          widget = new_row (self, row);
          gtk_list_box_append (GTK_LIST_BOX (list), widget);
          if (first_row == NULL)
            first_row = widget;
          if (focus_row == NULL && g_strcmp0 (row->scope_id, focus_scope) == 0 &&
              g_strcmp0 (row->service_id, focus_service) == 0)
            focus_row = widget;
        }
      gtk_box_append (self->sections, list);
    }
  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), scrolled);
  /* The keyboard starts on the first row (or stays on the row it was on). */
  if (focus_row == NULL && gtk_root_get_focus (GTK_ROOT (self)) == NULL)
    focus_row = first_row;
  if (focus_row != NULL)
    gtk_widget_grab_focus (focus_row);
}

/**
 * attest_gap_window_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
const AttestGapReport *
attest_gap_window_get_report (AttestGapWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_GAP_WINDOW (self), NULL);

  return self->report;
}

/* Print… and Export… */

static void
toast (AttestGapWindow *self,
       const char      *message)
{
  attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
}

static void
update_actions (AttestGapWindow *self)
{
  gboolean idle = self->exporting == NULL;
  gboolean ready = self->workspace != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gap.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gap.print-to", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gap.export", ready && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gap.export-to", ready && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gap.cancel-export", !idle);
}

static void
print_to (AttestGapWindow         *self,
          GtkPrintOperationAction  action,
          const char              *path)
{
  g_autoptr(AttestReportSheets) sheets = NULL;
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL)
    return;
  sheets = attest_gap_report_print_sheets_new (self->workspace, &error);
  if (sheets == NULL
      || attest_report_print (GTK_WINDOW (self), sheets, action, path, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("The gap report cannot be printed: %s"),
                                                  error != NULL ? error->message : "");
      toast (self, message);
    }
}

/* Print…: GTK's print dialog on the gap report's sheets. */
static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  print_to (ATTEST_GAP_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/* print-to PATH: the same sheets printed to a PDF file, no dialog (scripts, tests). */
static void
print_to_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  print_to (ATTEST_GAP_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_EXPORT, g_variant_get_string (param, NULL));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestGapWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  /* The window closed meanwhile (dispose cancelled the export). */
  if (self->exporting == NULL || self->toast_overlay == NULL)
    return;
  name = g_filename_display_basename (attest_export_banner_get_written (self->exporting));
  if (attest_report_export_finish (result, &error))
    /* Translators: %s is the file written */
    message = g_strdup_printf (_("Exported the gap report to “%s”"), name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Export cancelled: nothing was written"));
  else
    message = g_strdup (error->message);
  g_clear_pointer (&self->exporting, attest_export_banner_free);
  toast (self, message);
  update_actions (self);
}

static void
start_export (AttestGapWindow *self,
              const char      *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* Translators: %s is the file being written */
  g_autofree char *title = g_strdup_printf (_("Exporting the gap report to “%s”…"), name);

  if (self->workspace == NULL || self->exporting != NULL)
    return;
  self->exporting = attest_export_banner_start (self->export_revealer, self->export_label, self->export_progress,
                                                path, title);
  update_actions (self);
  attest_gap_report_export_async (self->workspace, path, attest_export_banner_get_progress (self->exporting),
                                  attest_export_banner_get_cancellable (self->exporting), export_done,
                                  g_object_ref (self));
}


static void
export_chosen (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  AttestGapWindow *self = ATTEST_GAP_WINDOW (user_data);
  g_autofree char *path = attest_export_chooser_get_path (chooser, response, attest_report_export_format_known,
                                                          self->toast_overlay);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    start_export (self, path);
}

/* Export…: a PDF or HTML file of the gap report alone. */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AttestGapWindow *self = ATTEST_GAP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  /* The window's title as the file's name. */
  g_autofree char *suggested = g_strdup_printf ("%s.pdf", _("Gap Report"));

  if (self->workspace == NULL || self->exporting != NULL)
    return;
  chooser = attest_export_chooser_new (GTK_WINDOW (self), _("Export the Gap Report"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                       attest_export_chooser_report_suffixes,
                                       attest_export_chooser_report_names, ATTEST_EXPORT_CHOOSER_N_REPORT_FORMATS,
                                       suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* export-to PATH: what the chooser's answer starts, also for scripts and tests. */
static void
export_to_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  start_export (ATTEST_GAP_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
cancel_export_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  AttestGapWindow *self = ATTEST_GAP_WINDOW (widget);

  if (self->exporting != NULL)
    attest_export_banner_cancel (self->exporting);
}

/**
 * attest_gap_window_is_exporting:
 *
 * Returns: whether an export of the gap report is running
 */
gboolean
attest_gap_window_is_exporting (AttestGapWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_GAP_WINDOW (self), FALSE);

  return self->exporting != NULL;
}

static void
active_changed (AttestGapWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->workspace != NULL)
    attest_gap_window_refresh (self);
}

AttestGapWindow *
attest_gap_window_new (GtkWindow       *parent,
                       AttestWorkspace *workspace)
{
  AttestGapWindow *self;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  /* Not the application's window, as History is not: the main window stays
   * the one app actions act on. */
  self = g_object_new (ATTEST_TYPE_GAP_WINDOW, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  update_actions (self);
  attest_gap_window_refresh (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed), NULL);
  return self;
}

static void
attest_gap_window_dispose (GObject *object)
{
  AttestGapWindow *self = ATTEST_GAP_WINDOW (object);

  g_clear_pointer (&self->exporting, attest_export_banner_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_GAP_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->state_group);
  g_clear_pointer (&self->report, attest_gap_report_free);

  G_OBJECT_CLASS (attest_gap_window_parent_class)->dispose (object);
}

static void
attest_gap_window_class_init (AttestGapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_gap_window_dispose;

  /**
   * AttestGapWindow::cell-activated:
   * @scope_id: the row's scope
   * @service_id: the row's service
   *
   * A row was activated: its cell's pane is wanted.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-gap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, sections);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, export_label);
  gtk_widget_class_bind_template_child (widget_class, AttestGapWindow, export_progress);

  gtk_widget_class_install_action (widget_class, "gap.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "gap.print-to", "s", print_to_activated);
  gtk_widget_class_install_action (widget_class, "gap.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "gap.export-to", "s", export_to_activated);
  gtk_widget_class_install_action (widget_class, "gap.cancel-export", NULL, cancel_export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "gap.print", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attest_gap_window_init (AttestGapWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  attest_unshown_follow_stack (self->stack);
  update_actions (self);
}
