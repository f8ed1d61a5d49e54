/* attest-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-importer.h"
#include "attest-matrix-view.h"
#include "attest-paths.h"
#include "attest-window.h"
#include "attest-workspace-catalog.h"

struct _AttestWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  AttestWorkspace *workspace;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  AdwToastOverlay *toast_overlay;
  GtkSpinner *loading_spinner;
  GtkLabel *catalog_summary;
  AttestMatrixView *matrix_view;

  GCancellable *seeding;
};

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* $ATTEST_REVIEWER overrides Preferences, as in attest-cli (DESIGN.md); the
 * workspace falls back to the account's name. */
static void
apply_reviewer (AttestWindow *self)
{
  g_autofree char *reviewer = g_settings_get_string (self->settings, "reviewer-name");
  const char *env = g_getenv ("ATTEST_REVIEWER");

  if (self->workspace != NULL)
    attest_workspace_set_reviewer (self->workspace, env != NULL && *env != '\0' ? env : reviewer);
}

AttestWindow *
attest_window_new (AttestApplication *application)
{
  AttestWindow *self;

  g_return_val_if_fail (ATTEST_IS_APPLICATION (application), NULL);

  self = g_object_new (ATTEST_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (attest_application_get_settings (application));
  g_signal_connect_object (self->settings, "changed::reviewer-name", G_CALLBACK (apply_reviewer), self,
                           G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

AttestWorkspace *
attest_window_get_workspace (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  return self->workspace;
}


/* The one-line summary above the matrix. */
static void
fill_catalog (AttestWindow *self,
              AttestMatrix *matrix)
{
  g_autofree char *frameworks = NULL;
  g_autofree char *services = NULL;
  g_autofree char *scopes = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *summary = NULL;
  guint in_scope = 0, n_frameworks, n_services, n_scopes;

  for (guint i = 0; i < matrix->cells->len; i++)
    if (g_strcmp0 (((AttestMatrixCell *)matrix->cells->pdata[i])->rollup, "no-longer-in-scope") != 0)
      in_scope++;

  n_frameworks = matrix->frameworks->len;
  n_services = matrix->services->len;
  n_scopes = attest_matrix_count_scopes (matrix);
  frameworks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u framework", "%u frameworks", n_frameworks),
                                n_frameworks);
  services = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services", n_services),
                              n_services);
  scopes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scope", "%u scopes", n_scopes), n_scopes);
  /* Translators: the number of in-scope cells of the matrix */
  cells = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in scope", "%u in scope", in_scope), in_scope);
  summary = g_strjoin (" · ", frameworks, services, scopes, cells, NULL);
  gtk_label_set_text (self->catalog_summary, summary);
}

static void
show_workspace (AttestWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
  g_autoptr(AttestMatrix) matrix = NULL;

  adw_window_title_set_subtitle (self->window_title, name);

  matrix = attest_workspace_load_matrix (self->workspace, &error);
  if (matrix == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (matrix->frameworks->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  fill_catalog (self, matrix);
  attest_matrix_view_set_matrix (self->matrix_view, g_steal_pointer (&matrix));
  gtk_stack_set_visible_child_name (self->stack, "catalog");
}

/* Seeding runs on its own connection in a worker: the window's stays on the main thread. */
static void
seed_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary *summary;

  ws = attest_workspace_open (path, &error);
  if (ws == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  summary = attest_importer_run (ws, paths, NULL, NULL, cancellable, &error);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, (GDestroyNotify)attest_import_summary_free);
}

static void
seed_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  gtk_spinner_stop (self->loading_spinner);
  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->workspace == NULL)
    return;

  if (summary == NULL || summary->failed > 0)
    {
      g_autofree char *message = NULL;

      if (summary == NULL)
        message = g_strdup_printf (_("The bundled catalog could not be imported: %s"), error->message);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u bundled page could not be imported: %s",
                                                "%u bundled pages could not be imported: %s",
                                                summary->failed),
                                   summary->failed, (char *)summary->failures->pdata[0]);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  show_workspace (self);
}

static void
seed_workspace (AttestWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->seeding);
  g_clear_object (&self->seeding);
  self->seeding = g_cancellable_new ();

  {
    g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
    adw_window_title_set_subtitle (self->window_title, name);
  }
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->loading_spinner);

  task = g_task_new (NULL, self->seeding, seed_done, g_object_ref (self));
  g_task_set_source_tag (task, seed_workspace);
  g_task_set_task_data (task, g_strdup (attest_workspace_get_path (self->workspace)), g_free);
  g_task_run_in_thread (task, seed_thread);
}

static void
report_open_error (AttestWindow *self,
                   const GError *error)
{
  GtkWidget *dialog;

  /* Nothing open yet: the window itself says what went wrong. */
  if (self->workspace == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* Otherwise the open workspace stays open and a dialog explains. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Could Not Open the Workspace"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * attest_window_open_workspace:
 * @path: the workspace file, created when missing
 *
 * Returns: %TRUE when @path is now the open workspace; on failure the
 *   previous workspace (if any) stays open and the reason is shown.
 */
gboolean
attest_window_open_workspace (AttestWindow *self,
                              const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspace) workspace = NULL;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workspace = attest_workspace_open (path, &error);
  if (workspace == NULL)
    {
      report_open_error (self, error);
      return FALSE;
    }

  g_cancellable_cancel (self->seeding);
  g_set_object (&self->workspace, workspace);
  apply_reviewer (self);
  g_settings_set_string (self->settings, "last-workspace", attest_workspace_get_path (workspace));
  /* A workspace the window created (first run, or --workspace naming a new
   * file) starts with the bundled catalog (DESIGN.md). */
  if (attest_workspace_was_created (workspace))
    seed_workspace (self);
  else
    show_workspace (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
  return TRUE;
}

static gboolean
attest_window_close_request (GtkWindow *window)
{
  AttestWindow *self = ATTEST_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (attest_window_parent_class)->close_request (window);
}

static void
attest_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_window_dispose (GObject *object)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  g_cancellable_cancel (self->seeding);
  g_clear_object (&self->seeding);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attest_window_parent_class)->dispose (object);
}

static void
attest_window_class_init (AttestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_window_dispose;
  object_class->get_property = attest_window_get_property;
  window_class->close_request = attest_window_close_request;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         ATTEST_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATTEST_TYPE_MATRIX_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, catalog_summary);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, matrix_view);
}

static void
attest_window_init (AttestWindow *self)
{
  /* Features still to come exist as actions, disabled until they work (never faked). */
  static const char * const pending[] = { "import-pages", "print", "export" };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (pending[i], NULL);
      g_simple_action_set_enabled (action, FALSE);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
}
