/* attest-window.c: the main window: its layout and state, the centre (matrix or page), the cell pane, the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-page-print.h"
#include "attest-page-view.h"
#include "attest-markup.h"
#include "attest-unshown.h"
#include "attest-window-private.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-expiry.h"
#include "attest-workspace-locate.h"
#include "attest-toast.h"

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void library_framework_activated (AttestWindow *self, const char *framework_id, const char *locale);
static void library_service_activated (AttestWindow *self, const char *service_id);

void
_attest_window_notify_workspace (AttestWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
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
  attest_page_view_set_settings (self->page_view, self->settings);
  g_signal_connect_object (self->settings, "changed::reviewer-name", G_CALLBACK (_attest_window_apply_reviewer), self,
                           G_CONNECT_SWAPPED);
  _attest_window_fill_recent_menu (self);

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

/**
 * attest_window_show_cell:
 *
 * Selects the cell (clearing filters that hide it) and opens its pane; before
 * the workspace's matrix is shown (seeding), once it is. An unknown cell is
 * said in a toast.
 */
void
attest_window_show_cell (AttestWindow *self,
                         const char   *scope_id,
                         const char   *service_id)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (scope_id != NULL && service_id != NULL);

  g_free (self->pending_scope);
  g_free (self->pending_service);
  self->pending_scope = g_strdup (scope_id);
  self->pending_service = g_strdup (service_id);
  self->pending_open = TRUE;
  if (self->matrix != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "catalog") == 0)
    _attest_window_apply_pending_cell (self);
}

void
_attest_window_apply_pending_cell (AttestWindow *self)
{
  g_autofree char *page = g_steal_pointer (&self->pending_page);
  g_autofree char *section = g_steal_pointer (&self->pending_section);
  g_autofree char *scope_id = g_steal_pointer (&self->pending_scope);
  g_autofree char *service_id = g_steal_pointer (&self->pending_service);

  if (page != NULL && self->matrix != NULL)
    attest_window_show_page (self, page, section, NULL, self->pending_mode);
  if (self->pending_pdf != NULL && self->matrix != NULL)
    _attest_window_show_pending_pdf (self);
  if (scope_id == NULL || self->matrix == NULL)
    return;
  if (attest_matrix_lookup_scope (self->matrix, scope_id, NULL) == NULL || attest_matrix_lookup_service (self->matrix, service_id) == NULL)
    {
      if (!self->pending_open)
        return;   /* the cursor's cell went away: nothing to say */
      /* Translators: %s:%s is a scope id and a service id, as given to --cell */
      g_autofree char *message = g_strdup_printf (_("This workspace has no cell %s:%s"), scope_id, service_id);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
      return;
    }
  if (!attest_matrix_view_select_cell (self->matrix_view, scope_id, service_id))
    {
      _attest_window_clear_filters (self);
      if (!attest_matrix_view_select_cell (self->matrix_view, scope_id, service_id))
        return;
    }
  if (!self->pending_open)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
  if (g_action_group_get_action_enabled (G_ACTION_GROUP (self), "open-cell"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "open-cell", NULL);
}

/* The cell pane (AdwFlap at the end): the cell under the cursor, opened by
 * Enter, a double click, the row menu or --cell; it follows the cursor while
 * open, and its edits redraw their cell at once. */

/* The pane's notes: on the cell, on its service, on its framework. */
static void
set_pane_notes (AttestWindow *self,
                const char   *scope_id,
                const char   *service_id)
{
  AttestMatrixFramework *framework = NULL;
  AttestMatrixScope *scope = attest_matrix_lookup_scope (self->matrix, scope_id, &framework);
  AttestMatrixService *service = attest_matrix_lookup_service (self->matrix, service_id);
  g_autofree char *cell_target = NULL;
  g_autofree char *service_target = NULL;
  g_autofree char *framework_target = NULL;
  g_autofree char *cell_title = NULL;
  g_autofree char *service_title = NULL;
  g_autofree char *framework_title = NULL;

  if (scope == NULL || service == NULL)
    {
      attest_note_editor_set_target (self->cell_notes, NULL, NULL, NULL);
      attest_note_editor_set_target (self->service_notes, NULL, NULL, NULL);
      attest_note_editor_set_target (self->framework_notes, NULL, NULL, NULL);
      return;
    }

  cell_target = g_strdup_printf ("cell:%s:%s", scope_id, service_id);
  /* Translators: the heading of the notes on one cell: "Notes on SOC 2 × Intune" */
  cell_title = g_strdup_printf (_("Notes on %s × %s"), scope->name, service->name);
  service_target = g_strdup_printf ("service:%s", service_id);
  /* Translators: the heading of the notes on a service or a framework: "Notes on Intune" */
  service_title = g_strdup_printf (_("Notes on %s"), service->name);
  framework_target = g_strdup_printf ("framework:%s", framework->id);
  framework_title = g_strdup_printf (_("Notes on %s"), framework->short_name);
  attest_note_editor_set_target (self->cell_notes, self->workspace, cell_target, cell_title);
  attest_note_editor_set_target (self->service_notes, self->workspace, service_target, service_title);
  attest_note_editor_set_target (self->framework_notes, self->workspace, framework_target, framework_title);
}

void
_attest_window_open_cell (AttestWindow *self,
           const char   *scope_id,
           const char   *service_id)
{
  if (self->workspace == NULL || self->matrix == NULL)
    return;
  attest_cell_pane_set_cell (self->cell_pane, self->workspace, self->matrix, scope_id, service_id);
  set_pane_notes (self, scope_id, service_id);
  /* Library, matrix and pane do not fit side by side in a narrow window:
   * the library makes room (F9 brings it back). */
  if (!adw_flap_get_reveal_flap (self->pane_flap) && gtk_widget_get_width (GTK_WIDGET (self)) < 1400 &&
      adw_flap_get_reveal_flap (self->flap))
    g_action_group_change_action_state (G_ACTION_GROUP (self), "show-library", g_variant_new_boolean (FALSE));
  adw_flap_set_reveal_flap (self->pane_flap, TRUE);
}

static void
close_cell_pane (AttestWindow *self)
{
  adw_flap_set_reveal_flap (self->pane_flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

static void
update_cell (AttestMatrixCell         *cell,
             const AttestRollup       *rollup,
             AttestExpiryState         expiry)
{
  if (cell == NULL)
    return;
  /* A flagged cell keeps its flag; an in-scope one shows the new roll-up. */
  attest_rollup_fill_cell (rollup, g_strcmp0 (cell->rollup, "no-longer-in-scope") != 0, cell);
  cell->evidence_expiry = expiry;
}

/* An edit in the pane: that cell's roll-up and evidence expiry, read again
 * and drawn at once (the whole matrix is not read again). */
static void
cell_changed (AttestWindow *self,
              const char   *scope_id,
              const char   *service_id)
{
  g_autoptr(GError) error = NULL;
  AttestRollup rollup = { 0 };
  AttestExpiryState expiry = ATTEST_EXPIRY_NONE;
  AttestMatrix *shown;

  if (self->workspace == NULL || self->matrix == NULL)
    return;
  if (!attest_workspace_cell_rollup (self->workspace, scope_id, service_id, &rollup, &error) ||
      !attest_workspace_cell_evidence_expiry (self->workspace, scope_id, service_id, NULL, &expiry, &error))
    {
      g_warning ("Could not read the cell %s:%s again: %s", scope_id, service_id, error->message);
      return;
    }
  update_cell (attest_matrix_lookup_cell (self->matrix, scope_id, service_id), &rollup, expiry);
  /* The pane's own writes (an attach commits on a worker's connection) are
   * shown already: not a change made elsewhere. */
  self->data_version = self->data_version_seen = attest_workspace_get_data_version (self->workspace);
  /* Exceptions and expiry filters may now keep or drop the cell: the shown
   * matrix is made again from the whole one. Otherwise its copy of the cell
   * changes and that cell alone is drawn again. */
  if (self->filter->exceptions_only || self->filter->expiring_only)
    {
      _attest_window_apply_filter (self);
      return;
    }
  shown = attest_matrix_view_get_matrix (self->matrix_view);
  if (shown != NULL)
    update_cell (attest_matrix_lookup_cell (shown, scope_id, service_id), &rollup, expiry);
  attest_matrix_view_refresh_cell (self->matrix_view, scope_id, service_id);
}

static gboolean show_page_version (AttestWindow *self,
                                   const char   *framework_id,
                                   const char   *section_key,
                                   const char   *locale,
                                   const char   *scope_id,
                                   gint64        variant_id,
                                   int           mode,
                                   gboolean      take_focus);

/**
 * attest_window_show_location:
 *
 * Goes where a search result or a note is: a cell (and its pane), a
 * framework's columns (pages open in the page view once it exists), a
 * service's row.
 */
void
attest_window_show_location (AttestWindow         *self,
                             const AttestLocation *location)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (location != NULL);

  if (location->scope_id != NULL && location->service_id != NULL)
    attest_window_show_cell (self, location->scope_id, location->service_id);
  else if (location->kind == ATTEST_LOCATION_PAGE_SECTION && location->framework_id != NULL)
    /* A search hit's page version: soc-2 text opens the soc-2 page. */
    show_page_version (self, location->framework_id, location->section_key, location->locale, NULL,
                       location->variant_id, -1, TRUE);
  else if (location->note_target != NULL && g_str_has_prefix (location->note_target, "framework:")
           && location->framework_id != NULL && location->section_key != NULL)
    attest_window_show_page (self, location->framework_id, location->section_key, NULL, -1);
  else if (location->framework_id != NULL)
    {
      attest_library_sidebar_select_framework (self->library_sidebar, location->framework_id);
      library_framework_activated (self, location->framework_id, location->locale);
    }
  else if (location->service_id != NULL)
    library_service_activated (self, location->service_id);
  else
    attest_toast_show (self->toast_overlay,
                                 attest_toast_new_plain (_("This evidence file is not linked to any checklist item")));
}

/* Enter or a double click on a cell opens its pane. */
static void
cell_activated (AttestWindow *self,
                const char   *scope_id,
                const char   *service_id)
{
  if (g_action_group_get_action_enabled (G_ACTION_GROUP (self), "open-cell"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "open-cell", NULL);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->matrix_view));
}

/* The page view */

gboolean
_attest_window_page_shown (AttestWindow *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "page");
}

void
_attest_window_show_matrix (AttestWindow *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "matrix"))
    return;
  gtk_stack_set_visible_child_name (self->centre_stack, "matrix");
  /* A PDF left behind keeps no renderer, nor its pages in memory. */
  attest_pdf_page_clear (self->pdf_page);
  gtk_widget_set_visible (self->back_button, FALSE);
  /* Where the analyst had scrolled: the library folded away for the page
   * and widened the matrix meanwhile, which clamped its scroll. */
  attest_matrix_view_restore_scroll (self->matrix_view, self->matrix_scroll_x, self->matrix_scroll_y);
  /* Back where the analyst was: the same cell. */
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

/* A double click on a column's header: the page of its framework. */
static void
column_activated (AttestWindow *self,
                  const char   *scope_id)
{
  AttestMatrixFramework *framework = NULL;

  if (self->matrix != NULL && attest_matrix_lookup_scope (self->matrix, scope_id, &framework) != NULL)
    attest_window_show_page (self, framework->id, NULL, NULL, -1);
}

/* A service named in the page: its row in the matrix. */
static void
page_service_selected (AttestWindow *self,
                       const char   *service_id)
{
  _attest_window_show_matrix (self);
  library_service_activated (self, service_id);
}

static void
page_print_requested (AttestWindow *self)
{
  AttestPage *page = attest_page_view_get_page (self->page_view);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (page == NULL)
    return;
  result = attest_page_print (GTK_WINDOW (self), page, attest_page_view_get_shown_mode (self->page_view),
                              attest_page_view_get_title (self->page_view),
                              attest_page_view_get_subtitle (self->page_view),
                              GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
    }
}

/**
 * attest_window_show_page:
 * @section_key: (nullable): the section to show, by anchor or key
 * @locale: (nullable): the version ("" for English); NULL for the reader's language
 * @mode: an #AttestReadingMode, or -1 for the one the reader chose last
 *
 * Replaces the matrix with @framework_id's page; Back (Alt+Left) returns.
 *
 * Returns: FALSE, with a toast saying why, when there is no such page
 */
static gboolean
show_page_version (AttestWindow *self,
                   const char   *framework_id,
                   const char   *section_key,
                   const char   *locale,
                   const char   *scope_id,
                   gint64        variant_id,
                   int           mode,
                   gboolean      take_focus)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope_framework = NULL;
  const char *shown;

  if (self->workspace == NULL || self->matrix == NULL)
    {
      /* The workspace is still being read: when it is. */
      g_free (self->pending_page);
      g_free (self->pending_section);
      self->pending_page = g_strdup (framework_id);
      self->pending_section = g_strdup (section_key);
      self->pending_mode = mode;
      return TRUE;
    }
  if (mode >= 0)
    attest_page_view_set_mode (self->page_view, (AttestReadingMode) mode);
  /* A scope ("soc/soc-2") or a page's key naming one ("soc-2"): the newest page that defines it. */
  if (scope_id == NULL && variant_id == 0 && attest_matrix_lookup_framework (self->matrix, framework_id) == NULL)
    {
      AttestMatrixFramework *framework = NULL;
      AttestMatrixScope *scope = attest_matrix_lookup_scope (self->matrix, framework_id, &framework);

      for (guint i = 0; scope == NULL && i < self->matrix->frameworks->len; i++)
        {
          g_autofree char *id = NULL;

          framework = self->matrix->frameworks->pdata[i];
          id = g_strdup_printf ("%s/%s", framework->id, framework_id);
          scope = attest_matrix_lookup_scope (self->matrix, id, NULL);
        }
      if (scope != NULL && framework != NULL)
        {
          scope_framework = g_strdup (framework->id);
          framework_id = scope_framework;
          scope_id = scope->id;
        }
    }
  shown = attest_page_view_get_framework_id (self->page_view);
  /* The page already shown stays as it is (its scroll, its Find), unless another version is asked for. */
  if (locale != NULL || scope_id != NULL || variant_id != 0 ||
      self->page_workspace != (gpointer) self->workspace || g_strcmp0 (shown, framework_id) != 0)
    {
      if (!attest_page_view_load_version (self->page_view, self->workspace, self->matrix, framework_id, locale,
                                          scope_id, variant_id, &error))
        {
          attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
          return FALSE;
        }
      self->page_workspace = self->workspace;
    }
  if (section_key != NULL && *section_key != '\0' && !attest_page_view_show_section (self->page_view, section_key))
    {
      /* Translators: %s is a section's key, e.g. "audit-cycle" */
      g_autofree char *message = g_strdup_printf (_("This page has no section “%s”"), section_key);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
  if (g_str_equal (gtk_stack_get_visible_child_name (self->centre_stack), "matrix"))
    attest_matrix_view_get_scroll (self->matrix_view, &self->matrix_scroll_x, &self->matrix_scroll_y);
  gtk_stack_set_visible_child_name (self->centre_stack, "page");
  attest_pdf_page_clear (self->pdf_page);
  gtk_widget_set_visible (self->back_button, TRUE);
  /* The keys are the page's: arrows scroll it, Ctrl+F finds in it. */
  if (take_focus)
    {
      GPtrArray *views = attest_page_view_get_text_views (self->page_view);
      if (views->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (views, 0));
      /* The library says which page this is (from the library, it already does). */
      attest_library_sidebar_select_framework (self->library_sidebar, framework_id);
    }
  return TRUE;
}

static gboolean
show_page (AttestWindow *self,
           const char   *framework_id,
           const char   *section_key,
           const char   *locale,
           int           mode,
           gboolean      take_focus)
{
  return show_page_version (self, framework_id, section_key, locale, NULL, 0, mode, take_focus);
}

/**
 * attest_window_show_page_version:
 * @scope_id: (nullable): the newest page that defines this scope (a cell's page)
 * @variant_id: that version exactly (a library row), or 0
 *
 * As attest_window_show_page().
 */
gboolean
attest_window_show_page_version (AttestWindow *self,
                                 const char   *framework_id,
                                 const char   *scope_id,
                                 gint64        variant_id)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  return show_page_version (self, framework_id, NULL, NULL, scope_id, variant_id, -1, TRUE);
}

gboolean
attest_window_show_page (AttestWindow *self,
                         const char   *framework_id,
                         const char   *section_key,
                         const char   *locale,
                         int           mode)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  return show_page (self, framework_id, section_key, locale, mode, TRUE);
}

/**
 * attest_window_get_page_view:
 *
 * Returns: (transfer none): the page view (shown or not)
 */
AttestPageView *
attest_window_get_page_view (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  return self->page_view;
}

/* The library sidebar */

/* A version's row: that version's page, whatever is newer. */
static void
library_variant_activated (AttestWindow *self,
                           const char   *framework_id,
                           gint64        variant_id)
{
  show_page_version (self, framework_id, NULL, NULL, NULL, variant_id, -1, FALSE);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* The analyst set, cleared or made current a version's date: one edit, then
 * the matrix again (coverage comes from the newest version per scope). */
static void
library_variant_date_requested (AttestWindow *self,
                                gint64        variant_id,
                                const char   *date,
                                gboolean      make_current)
{
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL)
    return;
  if (!attest_workspace_set_variant_date (self->workspace, variant_id, date, make_current, &error))
    {
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (error->message));
      return;
    }
  _attest_window_show_workspace (self);
  attest_toast_show (self->toast_overlay,
                               attest_toast_new_plain (date != NULL ? _("Version dated: the matrix follows the newest version of each scope")
                                                       : make_current ? _("Version made current")
                                                       : _("Date taken back")));
}

static void
library_framework_activated (AttestWindow *self,
                             const char   *framework_id,
                             const char   *locale)
{
  /* A version of the page, or any framework while a page is read: its page. */
  if (locale != NULL || _attest_window_page_shown (self))
    {
      /* Arrowing down the library keeps the keyboard there. */
      show_page (self, framework_id, NULL, locale, -1, FALSE);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
      return;
    }
  if (!attest_matrix_view_scroll_to_framework (self->matrix_view, framework_id))
    {
      AttestMatrixFramework *f = self->matrix != NULL ? attest_matrix_lookup_framework (self->matrix, framework_id) : NULL;
      g_autofree char *message = NULL;

      /* Translators: %s is a framework's short name */
      message = g_strdup_printf (_("%s is hidden by the filters"), f != NULL ? f->short_name : framework_id);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
library_service_activated (AttestWindow *self,
                           const char   *service_id)
{
  if (attest_matrix_view_select_service (self->matrix_view, service_id))
    gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
  else
    {
      AttestMatrixService *service = self->matrix != NULL ? attest_matrix_lookup_service (self->matrix, service_id) : NULL;
      g_autofree char *message = g_strdup_printf (_("%s is hidden by the filters"),
                                                  service != NULL ? service->name : service_id);
      attest_toast_show (self->toast_overlay, attest_toast_new_plain (message));
    }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* What is not on screen is not read either (attest-unshown.c says why). */
static void
hide_what_is_not_shown (AttestWindow *self)
{
  GtkStack *stacks[] = { self->stack, self->centre_stack, self->matrix_stack };
  AdwFlap *flaps[] = { self->flap, self->pane_flap };

  for (guint i = 0; i < G_N_ELEMENTS (stacks); i++)
    attest_unshown_follow_stack (stacks[i]);
  for (guint i = 0; i < G_N_ELEMENTS (flaps); i++)
    attest_unshown_follow_flap (flaps[i]);
}

static gboolean
attest_window_close_request (GtkWindow *window)
{
  AttestWindow *self = ATTEST_WINDOW (window);
  int width, height;

  /* An attach still hashing stops cleanly; what was stored stays. */
  attest_cell_pane_cancel (self->cell_pane);
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

  g_clear_handle_id (&self->data_version_source, g_source_remove);
  g_cancellable_cancel (self->seeding);
  g_clear_object (&self->seeding);
  g_cancellable_cancel (self->saving);
  g_clear_object (&self->saving);
  _attest_window_export_dispose (self);
  if (self->history_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->history_window), (gpointer *)&self->history_window);
  self->history_window = NULL;
  if (self->gap_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->gap_window), (gpointer *)&self->gap_window);
  self->gap_window = NULL;
  g_clear_pointer (&self->required_scopes, g_hash_table_unref);
  if (self->page_view != NULL)
    attest_page_view_set_matrix (self->page_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_WINDOW);
  g_clear_pointer (&self->matrix, attest_matrix_free);
  g_clear_pointer (&self->filter, attest_matrix_filter_free);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_scope, g_free);
  g_clear_pointer (&self->pending_service, g_free);
  g_clear_pointer (&self->pending_page, g_free);
  g_clear_pointer (&self->pending_section, g_free);
  g_clear_pointer (&self->pending_pdf, g_free);
  g_clear_pointer (&self->pending_pdf_find, g_free);

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

  /**
   * AttestWindow::copy-saved:
   * @saved: whether the copy was written
   *
   * Save a Copy… finished.
   */
  g_signal_new ("copy-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (ATTEST_TYPE_MATRIX_VIEW);
  g_type_ensure (ATTEST_TYPE_PAGE_VIEW);
  g_type_ensure (ATTEST_TYPE_PDF_PAGE);
  g_type_ensure (ATTEST_TYPE_LIBRARY_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, export_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, catalog_summary);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, pane_flap);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, pane_box);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, library_sidebar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_button_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_list);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_search);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_none_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, frameworks_no_match);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, matrix_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, row_menu);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, centre_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, page_view);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, pdf_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, recent_section);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed",
                                                G_CALLBACK (_attest_window_search_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_stopped",
                                                G_CALLBACK (_attest_window_search_stopped));
  gtk_widget_class_bind_template_callback_full (widget_class, "frameworks_search_changed",
                                                G_CALLBACK (_attest_window_frameworks_search_changed));
}

static void
attest_window_init (AttestWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = attest_matrix_filter_new ();

  _attest_window_actions_init (self);
  _attest_window_pdf_init (self);
  attest_matrix_view_set_row_menu (self->matrix_view, self->row_menu);
  g_signal_connect_object (self->matrix_view, "cell-activated", G_CALLBACK (cell_activated), self,
                           G_CONNECT_SWAPPED);

  self->cell_pane = attest_cell_pane_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->cell_pane), TRUE);
  gtk_box_append (self->pane_box, GTK_WIDGET (self->cell_pane));
  g_signal_connect_object (self->cell_pane, "cell-changed", G_CALLBACK (cell_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cell_pane, "close-requested", G_CALLBACK (close_cell_pane), self,
                           G_CONNECT_SWAPPED);
  {
    GtkBox *notes_box = attest_cell_pane_get_notes_box (self->cell_pane);
    AttestNoteEditor **editors[] = { &self->cell_notes, &self->service_notes, &self->framework_notes };

    for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
      {
        *editors[i] = attest_note_editor_new ();
        attest_note_editor_set_scrollable (*editors[i], FALSE);
        gtk_box_append (notes_box, GTK_WIDGET (*editors[i]));
      }
  }
  g_signal_connect_object (self->matrix_view, "column-activated", G_CALLBACK (column_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "select-service", G_CALLBACK (page_service_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_view, "print", G_CALLBACK (page_print_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "framework-activated", G_CALLBACK (library_framework_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "service-activated", G_CALLBACK (library_service_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "variant-activated", G_CALLBACK (library_variant_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_sidebar, "variant-date-requested", G_CALLBACK (library_variant_date_requested),
                           self, G_CONNECT_SWAPPED);
  _attest_window_dnd_init (self);
  hide_what_is_not_shown (self);
  _attest_window_watch_workspace (self);
}
