/* attest-search-dialog.c: search the whole workspace and go there (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search as you type (attest_workspace_search() takes a few milliseconds, so
 * on the main loop, after the entry's short delay); Up and Down choose from
 * the entry, Enter opens, Escape closes. Opening a result locates it
 * (attest_workspace_locate_search_result()), emits "location-activated" and
 * closes the dialog; a result gone meanwhile says so and the dialog stays.
 * The text of an evidence PDF emits "pdf-activated" instead: the PDF is
 * read with the query's words found in it.
 */
#define G_LOG_DOMAIN "attest-search-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-unshown.h"
#include "attest-count.h"
#include "attest-search.h"
#include "attest-search-dialog.h"
#include "attest-search-item.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-names.h"

/* Enough to choose from; more says "refine the words". */
#define RESULT_LIMIT 100

struct _AttestSearchDialog
{
  AdwWindow parent_instance;

  AttestWorkspace *workspace;
  AttestWorkspaceNames *names;
  GListStore *results;           /* AttestSearchItem, best first */
  char *searched;                /* the query the results are for */
  GtkSingleSelection *selection;

  GtkSearchEntry *search_entry;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkListView *list_view;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (AttestSearchDialog, attest_search_dialog, ADW_TYPE_WINDOW)

enum {
  LOCATION_ACTIVATED,
  PDF_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (AttestSearchDialog *self,
            const char         *text,
            gboolean            is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static void
run_search (AttestSearchDialog *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  gint64 started = g_get_monotonic_time ();

  g_free (self->searched);
  self->searched = g_strdup (query);
  if (*query == '\0')
    {
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      set_status (self, NULL, FALSE);
      return;
    }

  found = attest_workspace_search (self->workspace, query, RESULT_LIMIT, &error);
  if (found == NULL)
    {
      g_list_store_remove_all (self->results);
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      adw_status_page_set_title (self->empty_page, _("Could Not Search"));
      adw_status_page_set_description (self->empty_page, message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_status (self, NULL, FALSE);
      return;
    }

  items = g_ptr_array_new_full (found->len, g_object_unref);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (items, attest_search_item_new (found->pdata[i], self->names));
  g_list_store_splice (self->results, 0, n_old, items->pdata, items->len);
  g_debug ("“%s”: %u results in %.1f ms", query, found->len, (g_get_monotonic_time () - started) / 1000.0);

  if (found->len == 0)
    {
      g_autofree char *description = g_markup_printf_escaped (_("Nothing in this workspace matches “%s”."), query);

      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_status (self, NULL, FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "results");
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  if (found->len >= RESULT_LIMIT)
    /* Translators: the search stops at this many results */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %s result; add words to narrow them",
                                           "The first %s results; add words to narrow them", found->len),
                              attest_count (found->len));
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s result", "%s results", found->len), attest_count (found->len));
  set_status (self, status, FALSE);
}

static gboolean
is_pdf (AttestSearchDialog *self,
        const char         *sha256)
{
  g_autoptr(AttestEvidence) evidence = attest_workspace_get_evidence (self->workspace, sha256, NULL);

  return evidence != NULL && g_strcmp0 (evidence->mime, "application/pdf") == 0;
}

/* The words searched, as the PDF's Find takes them: one space between
 * them, a prefix's "*" dropped. */
static char *
query_words (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query != NULL ? query : "", " \t\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = g_strchomp (words[i]);
      gsize len = strlen (word);

      while (len > 0 && word[len - 1] == '*')
        word[--len] = '\0';
      if (len == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Opens the result at @position: located now, so a stale one says so. */
static void
activate_position (AttestSearchDialog *self,
                   guint               position)
{
  g_autoptr(AttestSearchItem) item = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  g_autoptr(AttestLocation) location = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;
  location = attest_workspace_locate_search_result (self->workspace, attest_search_item_get_kind (item),
                                                    attest_search_item_get_ref (item), &error);
  if (location == NULL)
    {
      set_status (self, error->message, TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* The handler may close the dialog itself: keep it alive until done. */
  g_object_ref (self);
  if (location->kind == ATTEST_LOCATION_EVIDENCE && is_pdf (self, location->evidence_sha256))
    {
      g_autofree char *words = query_words (self->searched);

      g_signal_emit (self, signals[PDF_ACTIVATED], 0, location->evidence_sha256, words);
    }
  else
    g_signal_emit (self, signals[LOCATION_ACTIVATED], 0, location);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_list_activate (GtkListView        *list_view,
                  guint               position,
                  AttestSearchDialog *self)
{
  activate_position (self, position);
}

/* Enter in the entry: the chosen result. */
static void
on_entry_activate (AttestSearchDialog *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  /* Enter before the delay ran out: search now, with what was typed. */
  if (g_strcmp0 (query, self->searched) != 0)
    run_search (self);
  activate_position (self, gtk_single_selection_get_selected (self->selection));
}

static void
on_stop_search (AttestSearchDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
move_selection (AttestSearchDialog *self,
                int                 delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint selected = gtk_single_selection_get_selected (self->selection);
  gint64 target;

  if (n == 0)
    return;
  target = selected == GTK_INVALID_LIST_POSITION ? 0 : (gint64)selected + delta;
  target = CLAMP (target, 0, (gint64)n - 1);
  gtk_single_selection_set_selected (self->selection, (guint)target);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint)target);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (ATTEST_SEARCH_DIALOG (widget), g_variant_get_int32 (parameter));
}

/* Up and Down stay in the entry's hands otherwise: take them first. */
static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              AttestSearchDialog    *self)
{
  int delta;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      delta = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      delta = -1;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      delta = 8;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      delta = -8;
      break;
    default:
      return FALSE;
    }
  move_selection (self, delta);
  return TRUE;
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
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_set_valign (kind, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (title, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), kind);

  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (snippet), TRUE);
  gtk_widget_add_css_class (snippet, "dim-label");

  gtk_box_append (GTK_BOX (text), top);
  gtk_box_append (GTK_BOX (text), snippet);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  AttestSearchItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *top = gtk_widget_get_first_child (text);
  GtkWidget *snippet = gtk_widget_get_next_sibling (top);
  const char *detail = attest_search_item_get_detail (item);
  g_autofree char *kind = NULL;
  g_autofree char *label = attest_search_item_dup_accessible_label (item);

  if (detail != NULL)
    /* Translators: a search result's kind and language: "Page · fr-FR" */
    kind = g_strdup_printf (_("%s · %s"), attest_search_item_get_kind_label (item), detail);
  else
    kind = g_strdup (attest_search_item_get_kind_label (item));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), attest_search_item_get_icon_name (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (top)), attest_search_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (top)), kind);
  gtk_label_set_markup (GTK_LABEL (snippet), attest_search_item_get_snippet_markup (item));
  gtk_widget_set_tooltip_text (row, attest_search_item_get_snippet (item));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (gtk_widget_get_parent (row) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

AttestSearchDialog *
attest_search_dialog_new (GtkWindow       *parent,
                          AttestWorkspace *workspace)
{
  AttestSearchDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (ATTEST_TYPE_SEARCH_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->names = attest_workspace_names_new (workspace);
  return self;
}

/**
 * attest_search_dialog_get_results:
 *
 * Returns: (transfer none): the results shown, #AttestSearchItem, best first
 */
GListModel *
attest_search_dialog_get_results (AttestSearchDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_DIALOG (self), NULL);
  return G_LIST_MODEL (self->results);
}

static void
attest_search_dialog_dispose (GObject *object)
{
  AttestSearchDialog *self = ATTEST_SEARCH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_SEARCH_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_pointer (&self->names, attest_workspace_names_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_search_dialog_parent_class)->dispose (object);
}

static void
attest_search_dialog_finalize (GObject *object)
{
  g_free (ATTEST_SEARCH_DIALOG (object)->searched);

  G_OBJECT_CLASS (attest_search_dialog_parent_class)->finalize (object);
}

static void
attest_search_dialog_class_init (AttestSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_search_dialog_dispose;
  object_class->finalize = attest_search_dialog_finalize;

  /**
   * AttestSearchDialog::location-activated:
   * @location: where the chosen result is
   *
   * A result was opened; the dialog closes right after.
   */
  signals[LOCATION_ACTIVATED] =
    g_signal_new ("location-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ATTEST_TYPE_LOCATION | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AttestSearchDialog::pdf-activated:
   * @sha256: the evidence PDF whose text matched
   * @words: the words searched, to find in it
   *
   * A result in an evidence PDF's text was opened; the dialog closes right after.
   */
  signals[PDF_ACTIVATED] =
    g_signal_new ("pdf-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestSearchDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestSearchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestSearchDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestSearchDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, AttestSearchDialog, status_label);

  gtk_widget_class_install_action (widget_class, "search.move", "i", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_search_dialog_init (AttestSearchDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  attest_unshown_follow_stack (self->stack);

  self->results = g_list_store_new (ATTEST_TYPE_SEARCH_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (run_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  set_status (self, NULL, FALSE);
}
