/* attest-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-paths.h"
#include "attest-window.h"

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
};

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

AttestWindow *
attest_window_new (AttestApplication *application)
{
  AttestWindow *self;

  g_return_val_if_fail (ATTEST_IS_APPLICATION (application), NULL);

  self = g_object_new (ATTEST_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (attest_application_get_settings (application));

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

static void
show_workspace (AttestWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = attest_paths_display_name (attest_workspace_get_path (self->workspace));
  gint64 n_frameworks;

  adw_window_title_set_subtitle (self->window_title, name);

  n_frameworks = attest_workspace_count_frameworks (self->workspace, &error);
  if (n_frameworks < 0)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
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

  g_set_object (&self->workspace, workspace);
  g_settings_set_string (self->settings, "last-workspace", attest_workspace_get_path (workspace));
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
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
