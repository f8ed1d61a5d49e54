/* attest-history-window.c: every change to the workspace, and Verify Workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history newest first, in the words attest_history_describe() gives
 * (the same `attest-cli history` prints), filtered by kind and by words.
 * Verify Workspace runs attest_workspace_verify() in a worker on its own
 * connection; the window stays usable, and closing it cancels the check.
 */
#define G_LOG_DOMAIN "attest-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-count.h"
#include "attest-history.h"
#include "attest-history-item.h"
#include "attest-history-window.h"
#include "attest-markup.h"
#include "attest-paths.h"
#include "attest-workspace-names.h"
#include "attest-unshown.h"
#include "attest-toast.h"

struct _AttestHistoryWindow
{
  AdwWindow parent_instance;

  AttestWorkspace *workspace;
  GListStore *items;             /* AttestHistoryItem, newest first */
  GtkFilterListModel *filtered;
  GtkCustomFilter *filter;
  GPtrArray *entities;           /* char *: the entity of each drop-down position; NULL for all */
  char *listed_head;             /* the history's head hash when it was listed */
  char *folded_query;
  char *fingerprint;             /* from the last verify that passed */
  GCancellable *verifying;
  GCancellable *listing;         /* while the history is being read */

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkRevealer *verify_revealer;
  GtkStack *verify_stack;
  GtkSpinner *verify_spinner;
  GtkLabel *fingerprint_label;
  GtkLabel *problems_title;
  GtkLabel *problems_description;
  GtkListBox *problems_list;
  GtkScrolledWindow *problems_scroller;
  GtkSearchEntry *search_entry;
  GtkDropDown *entity_dropdown;
  GtkStack *list_stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
  GtkLabel *count_label;
};

G_DEFINE_FINAL_TYPE (AttestHistoryWindow, attest_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The drop-down's order: the kinds an analyst thinks of first. */
static const char * const entity_order[] = {
  "checklist-item", "evidence", "note", "annotation", "framework", "checklist", "my-services", "service",
};

static guint
entity_rank (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_order); i++)
    if (g_str_equal (entity_order[i], entity))
      return i;
  return G_N_ELEMENTS (entity_order);
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const char *x = *(const char **)a;
  const char *y = *(const char **)b;
  guint rx = entity_rank (x), ry = entity_rank (y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x, y);
}

static const char *
selected_entity (AttestHistoryWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->entity_dropdown);

  if (self->entities == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= self->entities->len)
    return NULL;
  return self->entities->pdata[selected];
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  AttestHistoryWindow *self = user_data;
  const char *entity = selected_entity (self);

  if (entity != NULL && g_strcmp0 (attest_history_item_get_entity (item), entity) != 0)
    return FALSE;
  return attest_history_item_matches (item, self->folded_query);
}

static void
update_count (AttestHistoryWindow *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s change", "%s changes", total), attest_count (total));
  else
    /* Translators: the count of the History window when filtered: "3 of 120 changes"; the form follows the 120 */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s change", "%s of %s changes", total),
                            attest_count (shown), attest_count (total));
  gtk_label_set_text (self->count_label, text);

  if (total == 0 && self->listing != NULL)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
refilter (AttestHistoryWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_search_changed (AttestHistoryWindow *self)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);

  g_strstrip (folded);
  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded);
  refilter (self);
}

/* Escape in the entry: clear it first, then close. */
static void
on_stop_search (AttestHistoryWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_entity_selected (AttestHistoryWindow *self)
{
  refilter (self);
}

/* The drop-down lists the kinds of change present, keeping the one chosen. */
static void
fill_entities (AttestHistoryWindow *self,
               GPtrArray           *present)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (selected_entity (self));
  guint selected = 0;

  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->entities, NULL);
  gtk_string_list_append (labels, _("All Changes"));
  for (guint i = 0; i < present->len; i++)
    {
      g_ptr_array_add (self->entities, g_strdup (present->pdata[i]));
      gtk_string_list_append (labels, attest_history_entity_label (present->pdata[i]));
      if (g_strcmp0 (keep, present->pdata[i]) == 0)
        selected = i + 1;
    }

  g_signal_handlers_block_by_func (self->entity_dropdown, on_entity_selected, self);
  gtk_drop_down_set_model (self->entity_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->entity_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->entity_dropdown, on_entity_selected, self);
}

/* What a worker reads for the list: rows in words, the kinds present, the head. */
typedef struct {
  GPtrArray *items;     /* AttestHistoryItem, newest first */
  GPtrArray *entities;  /* char *, in the drop-down's order */
  char *head;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->items, g_ptr_array_unref);
  g_clear_pointer (&listing->entities, g_ptr_array_unref);
  g_free (listing->head);
  g_free (listing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

/* On a worker thread, on a connection of its own: years of history are tens
 * of thousands of rows, each described with names looked up. */
static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(Listing) listing = g_new0 (Listing, 1);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestWorkspaceNames) names = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("%s: the workspace file is no longer there"), name);
      return;
    }
  ws = attest_workspace_open (path, &error);
  if (ws != NULL)
    rows = attest_workspace_list_history (ws, NULL, &error);
  if (rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  names = attest_workspace_names_new (ws);
  listing->items = g_ptr_array_new_full (rows->len, g_object_unref);
  listing->entities = g_ptr_array_new_with_free_func (g_free);
  for (guint i = rows->len; i > 0; i--)
    {
      AttestHistoryEntry *e = rows->pdata[i - 1];
      g_autoptr(AttestHistoryDescription) d = attest_history_describe (e, names);

      if (i % 512 == 0 && g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (listing->items, attest_history_item_new (e, d));
      if (e->entity != NULL && g_hash_table_add (seen, e->entity))
        g_ptr_array_add (listing->entities, g_strdup (e->entity));
    }
  g_ptr_array_sort (listing->entities, compare_entities);
  listing->head = g_strdup (rows->len > 0 ? ((AttestHistoryEntry *)rows->pdata[rows->len - 1])->hash
                                          : ATTEST_HISTORY_GENESIS);
  g_task_return_pointer (task, g_steal_pointer (&listing), (GDestroyNotify)listing_free);
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (source);
  g_autoptr(Listing) listing = NULL;
  g_autoptr(GError) error = NULL;

  listing = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer listing replaced this one, or the window closed. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->listing);

  if (listing == NULL)
    {
      g_list_store_remove_all (self->items);
      adw_status_page_set_title (self->empty_page, _("Could Not Read the History"));
      attest_status_page_set_plain_description (self->empty_page, error->message);
    }
  else
    {
      g_free (self->listed_head);
      self->listed_head = g_steal_pointer (&listing->head);
      fill_entities (self, listing->entities);
      g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                           listing->items->pdata, listing->items->len);
    }
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * attest_history_window_reload:
 *
 * Lists the history again, in a worker (the window also does when it becomes
 * active and the history grew meanwhile). The rows shown stay until the new
 * ones are read; #AttestHistoryWindow:loading is %TRUE meanwhile.
 */
void
attest_history_window_reload (AttestHistoryWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_HISTORY_WINDOW (self));

  if (self->listing != NULL)
    g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);
  self->listing = g_cancellable_new ();

  task = g_task_new (self, self->listing, list_done, NULL);
  g_task_set_source_tag (task, attest_history_window_reload);
  g_task_set_task_data (task, g_strdup (attest_workspace_get_path (self->workspace)), g_free);
  g_task_run_in_thread (task, list_thread);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
attest_history_window_get_loading (AttestHistoryWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_WINDOW (self), FALSE);
  return self->listing != NULL;
}

/* The history may have grown while another window had the focus. */
static void
on_active_changed (AttestHistoryWindow *self)
{
  g_autofree char *head = NULL;

  if (!gtk_window_is_active (GTK_WINDOW (self)) || self->workspace == NULL || self->listing != NULL)
    return;
  head = attest_workspace_get_fingerprint (self->workspace, NULL);
  if (head != NULL && g_strcmp0 (head, self->listed_head) != 0)
    attest_history_window_reload (self);
}

/* ---- Rows ------------------------------------------------------------------ */

static GtkWidget *
caption_label (gboolean dim)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                 "orientation", GTK_ORIENTATION_HORIZONTAL, "spacing", 12,
                                 "margin-start", 6, "margin-end", 6, "margin-top", 6, "margin-bottom", 6, NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *what = gtk_label_new (NULL);
  GtkWidget *subject = gtk_label_new (NULL);
  GtkWidget *changes = gtk_label_new (NULL);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_widget_add_css_class (what, "heading");
  gtk_label_set_xalign (GTK_LABEL (subject), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subject), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (subject, TRUE);
  gtk_box_append (GTK_BOX (top), what);
  gtk_box_append (GTK_BOX (top), subject);

  /* Before → after: a few lines, each ellipsized; all of it in the tooltip. */
  gtk_label_set_xalign (GTK_LABEL (changes), 0);
  gtk_label_set_ellipsize (GTK_LABEL (changes), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (changes, "history-changes");

  gtk_box_append (GTK_BOX (middle), top);
  gtk_box_append (GTK_BOX (middle), changes);
  gtk_widget_set_hexpand (middle, TRUE);

  gtk_widget_set_valign (side, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (side), caption_label (FALSE));
  gtk_box_append (GTK_BOX (side), caption_label (TRUE));

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), middle);
  gtk_box_append (GTK_BOX (row), side);
  gtk_list_item_set_child (list_item, row);
}

/* At most MAX_CHANGE_LINES lines of @changes, the last saying how many more. */
#define MAX_CHANGE_LINES 4

static char *
shown_changes (const char *changes)
{
  g_auto(GStrv) lines = g_strsplit (changes, "\n", -1);
  guint n = g_strv_length (lines);
  g_autofree char *more = NULL;

  if (n <= MAX_CHANGE_LINES)
    return g_strdup (changes);
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %s more line", "… and %s more lines",
                                       n - (MAX_CHANGE_LINES - 1)),
                          attest_count (n - (MAX_CHANGE_LINES - 1)));
  g_free (lines[MAX_CHANGE_LINES - 1]);
  lines[MAX_CHANGE_LINES - 1] = g_steal_pointer (&more);
  for (guint i = MAX_CHANGE_LINES; i < n; i++)
    g_clear_pointer (&lines[i], g_free);
  return g_strjoinv ("\n", lines);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  AttestHistoryItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *middle = gtk_widget_get_next_sibling (icon);
  GtkWidget *side = gtk_widget_get_next_sibling (middle);
  GtkWidget *top = gtk_widget_get_first_child (middle);
  GtkWidget *changes = gtk_widget_get_next_sibling (top);
  GtkWidget *time = gtk_widget_get_first_child (side);
  const char *changes_text = attest_history_item_get_changes (item);
  g_autofree char *label = attest_history_item_dup_accessible_label (item);
  g_autofree char *shown = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), attest_history_item_get_icon_name (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (top)), attest_history_item_get_what (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (top)), attest_history_item_get_subject (item));
  gtk_widget_set_tooltip_text (gtk_widget_get_last_child (top), attest_history_item_get_subject (item));
  shown = shown_changes (changes_text);
  gtk_label_set_text (GTK_LABEL (changes), shown);
  gtk_widget_set_tooltip_text (changes, *changes_text != '\0' ? changes_text : NULL);
  gtk_widget_set_visible (changes, *changes_text != '\0');
  gtk_label_set_text (GTK_LABEL (time), attest_history_item_get_time (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (time)), attest_history_item_get_reviewer (item));

  /* The row is what takes the focus: it carries the name a screen reader says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (gtk_widget_get_parent (row) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* ---- Verify ------------------------------------------------------------------ */

typedef struct {
  GPtrArray *problems;
  char *fingerprint;
  gint64 n_rows;       /* the history rows the fingerprint covers */
} VerifyOutcome;

static void
verify_outcome_free (VerifyOutcome *outcome)
{
  g_clear_pointer (&outcome->problems, g_ptr_array_unref);
  g_free (outcome->fingerprint);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerifyOutcome, verify_outcome_free)

/* On a worker thread, on a connection of its own (a workspace is not thread-safe). */
static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(VerifyOutcome) outcome = g_new0 (VerifyOutcome, 1);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  outcome->problems = g_ptr_array_new_with_free_func (g_free);
  /* Opening a path that is gone would create an empty workspace there. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("%s: the workspace file is no longer there"), name);
      return;
    }

  /* attest_workspace_verify() honours the current cancellable. */
  g_cancellable_push_current (cancellable);
  ws = attest_workspace_open (path, &error);
  ok = ws != NULL && attest_workspace_verify_expecting (ws, NULL, outcome->problems, &outcome->fingerprint,
                                                        &outcome->n_rows, &error);
  g_clear_object (&ws);
  g_cancellable_pop_current (cancellable);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify)verify_outcome_free);
}

static void
clear_problems (AttestHistoryWindow *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
}

static void
add_problem (AttestHistoryWindow *self,
             const char          *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_list_box_append (self->problems_list, row);
}

/* A scrolled window asks its child's height without a width, which wrapped
 * labels answer with one line each: measure them at the card's width. */
static void
size_problems (AttestHistoryWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->verify_stack)) - 24;
  int natural = 0;

  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (self)) - 48;
  if (width <= 0)
    width = 600;
  gtk_widget_measure (GTK_WIDGET (self->problems_list), GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  gtk_scrolled_window_set_min_content_height (self->problems_scroller,
                                              MIN (natural, gtk_scrolled_window_get_max_content_height (self->problems_scroller)));
}

static void
set_verifying (AttestHistoryWindow *self,
               gboolean             running)
{
  gtk_spinner_set_spinning (self->verify_spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.verify", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.cancel-verify", running);
}

static void
verify_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (source);
  g_autoptr(VerifyOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled (or the window closed): whoever cancelled has tidied up. */
  if (g_cancellable_is_cancelled (cancellable) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->verifying);
  set_verifying (self, FALSE);
  clear_problems (self);
  g_clear_pointer (&self->fingerprint, g_free);

  if (outcome == NULL)
    {
      gtk_label_set_text (self->problems_title, _("Could Not Verify the Workspace"));
      gtk_label_set_text (self->problems_description, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_scroller), FALSE);
      gtk_stack_set_visible_child_name (self->verify_stack, "problems");
    }
  else if (outcome->problems->len > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Problem Found",
                                                             "%s Problems Found", outcome->problems->len),
                                                attest_count (outcome->problems->len));

      gtk_label_set_text (self->problems_title, title);
      gtk_label_set_text (self->problems_description,
                          _("The workspace was changed outside Attest, or its file is damaged. "
                            "Keep a copy of it as it is, and restore a backup to continue."));
      for (guint i = 0; i < outcome->problems->len; i++)
        add_problem (self, outcome->problems->pdata[i]);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_scroller), TRUE);
      size_problems (self);
      gtk_stack_set_visible_child_name (self->verify_stack, "problems");
    }
  else
    {
      guint64 n_rows = (guint64) MAX (outcome->n_rows, 0);
      g_autofree char *line = NULL;

      self->fingerprint = g_steal_pointer (&outcome->fingerprint);
      /* The row count beside it, as `attest-cli verify` prints it: a history
       * cut short is a good chain too, only shorter. Copy copies the hash alone. */
      /* Translators: %s is the fingerprint (a hash), then a number of rows */
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fingerprint: %s (%s history row)",
                                           "Fingerprint: %s (%s history rows)", (gulong) MIN (n_rows, G_MAXULONG)),
                              self->fingerprint, attest_count (n_rows));
      gtk_label_set_text (self->fingerprint_label, line);
      gtk_stack_set_visible_child_name (self->verify_stack, "verified");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.copy-fingerprint", self->fingerprint != NULL);
}

/**
 * attest_history_window_verify:
 *
 * Starts Verify Workspace (as its button does); a check already running is
 * cancelled first.
 */
void
attest_history_window_verify (AttestHistoryWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_HISTORY_WINDOW (self));

  if (self->verifying != NULL)
    g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  self->verifying = g_cancellable_new ();

  g_clear_pointer (&self->fingerprint, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.copy-fingerprint", FALSE);
  set_verifying (self, TRUE);
  gtk_stack_set_visible_child_name (self->verify_stack, "running");
  gtk_revealer_set_reveal_child (self->verify_revealer, TRUE);

  task = g_task_new (self, self->verifying, verify_done, NULL);
  g_task_set_source_tag (task, attest_history_window_verify);
  g_task_set_task_data (task, g_strdup (attest_workspace_get_path (self->workspace)), g_free);
  g_task_run_in_thread (task, verify_thread);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  attest_history_window_verify (ATTEST_HISTORY_WINDOW (widget));
}

static void
cancel_verify_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (widget);

  if (self->verifying == NULL)
    return;
  g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  set_verifying (self, FALSE);
  gtk_revealer_set_reveal_child (self->verify_revealer, FALSE);
}

static void
dismiss_verify_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->verify_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
copy_fingerprint_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (widget);

  if (self->fingerprint == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->fingerprint);
  attest_toast_show (self->toast_overlay, attest_toast_new_plain (_("Fingerprint copied")));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (ATTEST_HISTORY_WINDOW (widget)->search_entry));
}

/* ---- The window -------------------------------------------------------------- */

AttestHistoryWindow *
attest_history_window_new (GtkWindow       *parent,
                           AttestWorkspace *workspace)
{
  AttestHistoryWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (ATTEST_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);

  /* The workspace as the main window names it. */
  name = attest_paths_display_name (attest_workspace_get_path (workspace));
  adw_window_title_set_subtitle (self->window_title, name);

  attest_history_window_reload (self);
  return self;
}

static void
attest_history_window_dispose (GObject *object)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (object);

  /* Workers still running finish on their own connections and are ignored. */
  if (self->verifying != NULL)
    g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  if (self->listing != NULL)
    g_cancellable_cancel (self->listing);
  g_clear_object (&self->listing);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_history_window_parent_class)->dispose (object);
}

static void
attest_history_window_finalize (GObject *object)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (object);

  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_free (self->listed_head);
  g_free (self->folded_query);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (attest_history_window_parent_class)->finalize (object);
}

static void
attest_history_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttestHistoryWindow *self = ATTEST_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, attest_history_window_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_history_window_class_init (AttestHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_history_window_dispose;
  object_class->finalize = attest_history_window_finalize;
  object_class->get_property = attest_history_window_get_property;

  /**
   * AttestHistoryWindow:loading:
   *
   * Whether the history is being read (in a worker).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, verify_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, verify_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, problems_title);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, problems_description);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, entity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestHistoryWindow, count_label);

  gtk_widget_class_install_action (widget_class, "history.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "history.cancel-verify", NULL, cancel_verify_action);
  gtk_widget_class_install_action (widget_class, "history.dismiss-verify", NULL, dismiss_verify_action);
  gtk_widget_class_install_action (widget_class, "history.copy-fingerprint", NULL, copy_fingerprint_action);
  gtk_widget_class_install_action (widget_class, "history.focus-search", NULL, focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "history.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attest_history_window_init (AttestHistoryWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  attest_unshown_follow_stack (self->verify_stack);
  attest_unshown_follow_stack (self->list_stack);

  self->items = g_list_store_new (ATTEST_TYPE_HISTORY_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)))));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (self->entity_dropdown, "notify::selected", G_CALLBACK (on_entity_selected), self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.cancel-verify", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.copy-fingerprint", FALSE);
  /* Typing filters at once. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}
