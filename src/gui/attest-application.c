/* attest-application.c: the application: actions, options, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-application"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-application.h"
#include "attest-paths.h"
#include "attest-resources.h"
#include "attest-preferences-window.h"
#include "attest-reading-mode.h"
#include "attest-window.h"
#include "attest-workspace-evidence.h"

struct _AttestApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *pending_cell;    /* --cell SCOPE-ID:SERVICE-ID, for the window about to open */
  char *pending_page;    /* --page FRAMEWORK[#SECTION] */
  int pending_mode;      /* --mode, or -1 */
  char *pending_pdf;     /* --pdf SHA256[#PAGE] */
};

G_DEFINE_FINAL_TYPE (AttestApplication, attest_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace FILE (created when it does not exist)"), N_("FILE") },
  { "cell", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Select the cell SCOPE-ID:SERVICE-ID and open its pane"), N_("SCOPE-ID:SERVICE-ID") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the page of FRAMEWORK, at SECTION"), N_("FRAMEWORK[#SECTION]") },
  { "mode", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Read the page translated, source or side-by-side"), N_("MODE") },
  { "pdf", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Read the evidence PDF whose SHA-256 is SHA256, at PAGE"), N_("SHA256[#PAGE]") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

AttestApplication *
attest_application_new (const char        *application_id,
                        GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (ATTEST_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/attest/Attest",
                       NULL);
}

GSettings *
attest_application_get_settings (AttestApplication *self)
{
  g_return_val_if_fail (ATTEST_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * attest_application_check_settings_schema:
 *
 * The window keeps its state and preferences in GSettings, and
 * g_settings_new() aborts when the schema is not installed, as it is not in
 * a build tree run directly.
 *
 * Returns: (transfer full) (nullable): %NULL when the schema is installed;
 *   else one line that says how to run Attest uninstalled
 */
char *
attest_application_check_settings_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return NULL;
  /* Translators: %s is the schema's id; keep build-aux/run and meson devenv as they are */
  return g_strdup_printf (_("attest: the settings schema %s is not installed; run Attest uninstalled with "
                            "build-aux/run (meson devenv) from its source directory"), APP_ID);
}

static void
release_application (gpointer data)
{
  g_application_release (data);
  g_object_unref (data);
}

/**
 * attest_application_hold_task:
 * @task: a task about to run in a worker
 *
 * Holds the default application (if there is one) until @task is finalized,
 * that is until its worker and its callback are done: quitting (the last
 * window closed) then waits for a file being stored or copied instead of
 * ending the process under a running thread.
 */
void
attest_application_hold_task (GTask *task)
{
  GApplication *app = g_application_get_default ();

  g_return_if_fail (G_IS_TASK (task));

  if (app == NULL)
    return;
  g_application_hold (app);
  g_object_set_data_full (G_OBJECT (task), "attest-application-hold", g_object_ref (app), release_application);
}

static AttestWindow *
get_main_window (AttestApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (ATTEST_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static char *
startup_workspace_path (AttestApplication *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-workspace");

  /* The last workspace, unless it has gone away since; else the default one. */
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);
  return attest_paths_default_workspace ();
}

/* "soc#audit-cycle": the page of soc at that section. */
static void
show_page (AttestWindow *window,
           const char   *page,
           int           mode)
{
  g_auto(GStrv) parts = g_strsplit (page, "#", 2);

  attest_window_show_page (window, parts[0], parts[1], NULL, mode);
}

/* "SHA256#12": the evidence PDF at its 12th page; "SHA256#iii": at the
 * page labelled so. */
static void
show_pdf (AttestWindow *window,
          const char   *pdf)
{
  g_auto(GStrv) parts = g_strsplit (pdf, "#", 2);

  attest_window_show_pdf_at (window, parts[0], parts[1], NULL);
}

/* SHA256[#PAGE], PAGE a number from 1 or a page's label (not empty, not 0). */
static gboolean
pdf_argument_is_valid (const char *pdf)
{
  g_auto(GStrv) parts = g_strsplit (pdf, "#", 2);
  g_autofree char *page = NULL;

  if (!attest_evidence_sha256_is_valid (parts[0]))
    return FALSE;
  if (parts[1] == NULL)
    return TRUE;
  page = g_strstrip (g_strdup (parts[1]));
  if (*page == '\0' || !g_utf8_validate (page, -1, NULL))
    return FALSE;
  if (g_ascii_isdigit (*page))
    return g_ascii_string_to_unsigned (page, 10, 1, G_MAXUINT, NULL, NULL) ||
           strspn (page, "0123456789") != strlen (page);
  return TRUE;
}

static void
open_workspace (AttestApplication *self,
                const char        *path)
{
  AttestWindow *window = get_main_window (self);

  if (window == NULL)
    window = attest_window_new (self);
  attest_window_open_workspace (window, path);
  if (self->pending_cell != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (self->pending_cell, ":", 2);

      attest_window_show_cell (window, parts[0], parts[1]);
      g_clear_pointer (&self->pending_cell, g_free);
    }
  if (self->pending_page != NULL)
    {
      show_page (window, self->pending_page, self->pending_mode);
      g_clear_pointer (&self->pending_page, g_free);
  g_clear_pointer (&self->pending_pdf, g_free);
    }
  if (self->pending_pdf != NULL)
    {
      show_pdf (window, self->pending_pdf);
      g_clear_pointer (&self->pending_pdf, g_free);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
attest_application_activate (GApplication *app)
{
  AttestApplication *self = ATTEST_APPLICATION (app);
  AttestWindow *window = get_main_window (self);
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  path = startup_workspace_path (self);
  open_workspace (self, path);
}

static void
attest_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  AttestApplication *self = ATTEST_APPLICATION (app);
  g_autofree char *path = NULL;

  /* One workspace at a time: the last one named wins. */
  if (n_files < 1)
    return;
  path = g_file_get_path (files[n_files - 1]);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (files[n_files - 1]);
      g_printerr (_("attest: %s is not a local file\n"), uri);
      return;
    }
  open_workspace (self, path);
}

static int
attest_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  const char *path = NULL;
  const char *cell = NULL;
  const char *page = NULL;
  const char *mode_name = NULL;
  const char *pdf = NULL;
  AttestReadingMode mode = ATTEST_READING_TRANSLATED;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("attest %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "cell", "&s", &cell))
    {
      const char *colon = strchr (cell, ':');

      if (colon == NULL || colon == cell || colon[1] == '\0' || strchr (colon + 1, ':') != NULL)
        {
          g_printerr (_("attest: --cell takes SCOPE-ID:SERVICE-ID (for example soc/soc-2:intune), not “%s”\n"), cell);
          return 2;
        }
    }

  g_variant_dict_lookup (options, "page", "&s", &page);
  if (page != NULL && (page[0] == '\0' || page[0] == '#'))
    {
      g_printerr (_("attest: --page takes FRAMEWORK[#SECTION] (for example soc#audit-cycle), not “%s”\n"), page);
      return 2;
    }
  if (g_variant_dict_lookup (options, "mode", "&s", &mode_name) && !attest_reading_mode_from_string (mode_name, &mode))
    {
      g_printerr (_("attest: --mode takes translated, source or side-by-side, not “%s”\n"), mode_name);
      return 2;
    }
  if (mode_name != NULL && page == NULL)
    {
      g_printerr (_("attest: --mode goes with --page\n"));
      return 2;
    }

  if (g_variant_dict_lookup (options, "pdf", "&s", &pdf) && !pdf_argument_is_valid (pdf))
    {
      g_printerr (_("attest: --pdf takes SHA256[#PAGE] (an evidence file's SHA-256, then a page number from 1 or a page label), not “%s”\n"), pdf);
      return 2;
    }

  g_variant_dict_lookup (options, "workspace", "^&ay", &path);
  if (cell != NULL || page != NULL || pdf != NULL || path != NULL)
    if (!g_application_register (app, NULL, &error))
      {
        g_printerr ("attest: %s\n", error->message);
        return 1;
      }

  /* --workspace FILE is "open FILE", so a running instance receives it too;
   * --cell goes after it, to the window that opens it. */
  if (path != NULL)
    {
      file = g_file_new_for_commandline_arg (path);
      g_application_open (app, &file, 1, "workspace");
    }
  if (cell != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (cell, ":", 2);
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-cell", g_variant_new ("(ss)", parts[0], parts[1]));
    }
  if (page != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                    g_variant_new ("(si)", page, mode_name != NULL ? (int) mode : -1));
  if (pdf != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-pdf", g_variant_new_string (pdf));
  return path != NULL ? 0 : -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (not destroying) lets each window save its state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Attest authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Attest"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Attest authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Review which cloud services each certification covers, "
                                      "keep the audit evidence, and print evidence matrices."),
                        "website", "https://github.com/attest/attest",
                        "issue-url", "https://github.com/attest/attest/issues",
                        "copyright", "© 2026 The Attest authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your name(s), one per line, shown in the About window. */
                        "translator-credits", _("translator-credits"),
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AttestApplication *self = user_data;
  GtkWindow *prefs = attest_preferences_window_new (self->settings);

  gtk_window_set_transient_for (prefs, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (prefs, GTK_APPLICATION (self));
  gtk_window_present (prefs);
}

/* --cell: an action, so a running Attest (the primary instance) gets it too. */
static void
show_cell_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AttestApplication *self = user_data;
  AttestWindow *window = get_main_window (self);
  const char *scope_id, *service_id;

  g_variant_get (parameter, "(&s&s)", &scope_id, &service_id);
  if (window != NULL)
    {
      attest_window_show_cell (window, scope_id, service_id);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  /* No window yet: the one activate or open makes takes it. */
  g_free (self->pending_cell);
  self->pending_cell = g_strdup_printf ("%s:%s", scope_id, service_id);
}

/* --page and --mode: an action too. */
static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AttestApplication *self = user_data;
  AttestWindow *window = get_main_window (self);
  const char *page;
  int mode;

  g_variant_get (parameter, "(&si)", &page, &mode);
  /* From another process too (D-Bus): only the three modes, else the reader's own. */
  if (mode > ATTEST_READING_SIDE_BY_SIDE)
    mode = -1;
  if (window != NULL)
    {
      show_page (window, page, mode);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  g_free (self->pending_page);
  self->pending_page = g_strdup (page);
  self->pending_mode = mode;
}

/* --pdf: an action too. */
static void
show_pdf_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AttestApplication *self = user_data;
  AttestWindow *window = get_main_window (self);
  const char *pdf = g_variant_get_string (parameter, NULL);

  /* From another process too (D-Bus): checked again. */
  if (!pdf_argument_is_valid (pdf))
    return;
  if (window != NULL)
    {
      show_pdf (window, pdf);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  g_free (self->pending_pdf);
  self->pending_pdf = g_strdup (pdf);
}

static const GActionEntry app_actions[] = {
  { "show-cell", show_cell_activated, "(ss)" },
  { "show-page", show_page_activated, "(si)" },
  { "show-pdf", show_pdf_activated, "s" },
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
attest_application_startup (GApplication *app)
{
  AttestApplication *self = ATTEST_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.focus-filter", { "<Control>f", NULL } },
    { "win.show-library", { "F9", NULL } },
    { "win.new-workspace", { "<Control>n", NULL } },
    { "win.open-workspace", { "<Control>o", NULL } },
    { "win.save-copy", { "<Control><Shift>s", NULL } },
    { "win.import-pages", { "<Control>i", NULL } },
    { "win.search", { "<Control>k", NULL } },
    { "win.show-history", { "<Control>h", NULL } },
    { "win.show-gap-report", { "<Control>r", NULL } },
    { "win.verify-workspace", { "<Control><Shift>v", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
  };

  G_APPLICATION_CLASS (attest_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
attest_application_dispose (GObject *object)
{
  AttestApplication *self = ATTEST_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_cell, g_free);
  g_clear_pointer (&self->pending_page, g_free);

  G_OBJECT_CLASS (attest_application_parent_class)->dispose (object);
}

static void
attest_application_class_init (AttestApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  attest_register_resource ();

  object_class->dispose = attest_application_dispose;
  app_class->startup = attest_application_startup;
  app_class->activate = attest_application_activate;
  app_class->open = attest_application_open;
  app_class->handle_local_options = attest_application_handle_local_options;
}

static void
attest_application_init (AttestApplication *self)
{
  self->settings = g_settings_new (APP_ID);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Review cloud compliance coverage and keep the audit evidence."));
}
