/* attest-merge-dialog.c: choose the service another one is the same as, and merge them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyst picked a service in the matrix; this window lists the others
 * (filtered as the matrix filter matches: any word of a name, alias or
 * translation, ignoring case and accents) to choose the one it is the same
 * as, and asks which name the merged row keeps. The service whose name is
 * kept survives, with its id; the other becomes part of it. The dialog
 * stores the merge itself and says so with ::merged, so the window can offer
 * Undo (attest_workspace_unmerge_service on the absorbed id). It keeps its
 * own copy of the services, so the matrix may change while it is open.
 */
#define G_LOG_DOMAIN "attest-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-matrix-filter.h"
#include "attest-merge-dialog.h"
#include "attest-workspace-services.h"

struct _AttestMergeDialog
{
  AdwWindow parent_instance;

  AttestWorkspace *workspace;
  AttestMatrix *services;          /* copies of the other services, in matrix order */
  char *picked_id;
  char *picked_name;

  GtkStringList *ids;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  /* Template widgets */
  GtkLabel *intro_label;
  GtkSearchEntry *search_entry;
  GtkListView *list_view;
  GtkLabel *empty_label;
  GtkCheckButton *keep_other_check;
  GtkCheckButton *keep_picked_check;
  GtkLabel *outcome_label;
  GtkLabel *error_label;
  GtkWidget *merge_button;
};

G_DEFINE_FINAL_TYPE (AttestMergeDialog, attest_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AttestMatrixService *
service_of_item (AttestMergeDialog *self,
                 gpointer           item)
{
  return attest_matrix_lookup_service (self->services, gtk_string_object_get_string (item));
}

/* The service chosen in the list, or NULL. */
static AttestMatrixService *
chosen_service (AttestMergeDialog *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? service_of_item (self, item) : NULL;
}

static gboolean
filter_service (gpointer item,
                gpointer user_data)
{
  AttestMergeDialog *self = user_data;
  AttestMatrixService *service = service_of_item (self, item);

  return service != NULL &&
         attest_matrix_service_matches (service, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* The name choice, what it will do, and whether Merge can. */
static void
update_choice (AttestMergeDialog *self)
{
  AttestMatrixService *other = chosen_service (self);
  gboolean keep_picked = gtk_check_button_get_active (self->keep_picked_check);
  g_autofree char *keep_other = NULL;
  g_autofree char *outcome = NULL;

  if (other != NULL)
    {
      const char *survivor = keep_picked ? self->picked_name : other->name;
      const char *absorbed = keep_picked ? other->name : self->picked_name;

      /* Translators: a choice in the Merge Service dialog; %s is a service's name */
      keep_other = g_strdup_printf (_("Keep the name “%s”"), other->name);
      /* Translators: what merging will do; the first %s keeps its row, the second joins it */
      outcome = g_strdup_printf (_("One row, “%s”, with the cells of both. “%s” becomes one of its names. "
                                   "Checklists, evidence and notes of both are kept, and the merge can be undone."),
                                 survivor, absorbed);
    }
  else
    {
      keep_other = g_strdup (_("Keep the name of the chosen service"));
      outcome = g_strdup (_("Choose the service above."));
    }
  gtk_check_button_set_label (self->keep_other_check, keep_other);
  gtk_label_set_text (self->outcome_label, outcome);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", other != NULL);
}

static void
selection_changed (AttestMergeDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_choice (self);
}

static void
choice_toggled (AttestMergeDialog *self)
{
  update_choice (self);
}

static void
search_changed (AttestMergeDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0);
}

static void
row_activated (AttestMergeDialog *self,
               guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
  /* Chosen: the next step is the name, then Merge. */
  gtk_widget_grab_focus (GTK_WIDGET (self->keep_other_check));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           AttestMergeDialog        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (list_item, box);
}

/* Its other names, so the analyst sees why two services are one. */
static char *
other_names (AttestMatrixService *service)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < service->aliases->len; i++)
    g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", (char *)service->aliases->pdata[i]);
  for (guint i = 0; i < service->translations->len; i++)
    {
      AttestMatrixTranslation *t = service->translations->pdata[i];
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", t->name);
    }
  return g_string_free (out, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AttestMergeDialog        *self)
{
  AttestMatrixService *service = service_of_item (self, gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *names = NULL;
  g_autofree char *label = NULL;

  if (service == NULL)
    return;
  names = other_names (service);
  gtk_label_set_text (GTK_LABEL (title), service->name);
  gtk_label_set_text (GTK_LABEL (subtitle), names);
  gtk_widget_set_visible (subtitle, *names != '\0');
  gtk_widget_set_tooltip_text (subtitle, *names != '\0' ? names : NULL);

  /* Translators: a service's accessible name in the Merge Service list: its name, then its other names */
  label = *names != '\0' ? g_strdup_printf (C_("service row", "%s, also called %s"), service->name, names)
                         : g_strdup (service->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
merge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestMergeDialog *self = ATTEST_MERGE_DIALOG (widget);
  AttestMatrixService *other = chosen_service (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *survivor = NULL;
  g_autofree char *absorbed = NULL;

  if (other == NULL)
    return;
  if (gtk_check_button_get_active (self->keep_picked_check))
    {
      survivor = g_strdup (self->picked_id);
      absorbed = g_strdup (other->id);
    }
  else
    {
      survivor = g_strdup (other->id);
      absorbed = g_strdup (self->picked_id);
    }

  if (!attest_workspace_merge_services (self->workspace, survivor, absorbed, &error))
    {
      /* Nothing was stored: say why, and leave every choice as it was. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[MERGED], 0, survivor, absorbed);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * attest_merge_dialog_new:
 * @matrix: the matrix as loaded (every service, not only those shown)
 * @service_id: the service the analyst picked
 *
 * Returns: (transfer none): the window, not yet shown; it destroys itself
 *   once the services are merged or when closed.
 */
AttestMergeDialog *
attest_merge_dialog_new (GtkWindow       *parent,
                         AttestWorkspace *workspace,
                         AttestMatrix    *matrix,
                         const char      *service_id)
{
  AttestMergeDialog *self;
  AttestMatrixService *picked;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *intro = NULL;
  g_autofree char *keep_picked = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (matrix != NULL && service_id != NULL, NULL);
  picked = attest_matrix_lookup_service (matrix, service_id);
  g_return_val_if_fail (picked != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->picked_id = g_strdup (picked->id);
  self->picked_name = g_strdup (picked->name);

  for (guint i = 0; i < matrix->services->len; i++)
    {
      AttestMatrixService *s = matrix->services->pdata[i];
      AttestMatrixService *copy;

      if (g_str_equal (s->id, picked->id))
        continue;
      copy = attest_matrix_add_service (self->services, s->id, s->name, s->untranslated);
      for (guint j = 0; j < s->aliases->len; j++)
        g_ptr_array_add (copy->aliases, g_strdup (s->aliases->pdata[j]));
      for (guint j = 0; j < s->translations->len; j++)
        {
          AttestMatrixTranslation *t = s->translations->pdata[j];
          AttestMatrixTranslation *tc = g_new0 (AttestMatrixTranslation, 1);

          tc->lang = g_strdup (t->lang);
          tc->name = g_strdup (t->name);
          g_ptr_array_add (copy->translations, tc);
        }
      g_ptr_array_add (ids, copy->id);
    }
  g_ptr_array_add (ids, NULL);
  gtk_string_list_splice (self->ids, 0, 0, (const char * const *)ids->pdata);

  /* Translators: the Merge Service dialog's first line; %s is the service the analyst picked */
  intro = g_strdup_printf (_("Choose the service that “%s” is the same as."), picked->name);
  gtk_label_set_text (self->intro_label, intro);
  /* Translators: a choice in the Merge Service dialog; %s is a service's name */
  keep_picked = g_strdup_printf (_("Keep the name “%s”"), picked->name);
  gtk_check_button_set_label (self->keep_picked_check, keep_picked);

  search_changed (self);
  update_choice (self);
  return self;
}

static void
attest_merge_dialog_dispose (GObject *object)
{
  AttestMergeDialog *self = ATTEST_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_MERGE_DIALOG);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->ids);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_merge_dialog_parent_class)->dispose (object);
}

static void
attest_merge_dialog_finalize (GObject *object)
{
  AttestMergeDialog *self = ATTEST_MERGE_DIALOG (object);

  g_clear_pointer (&self->services, attest_matrix_free);
  g_free (self->picked_id);
  g_free (self->picked_name);

  G_OBJECT_CLASS (attest_merge_dialog_parent_class)->finalize (object);
}

static void
attest_merge_dialog_class_init (AttestMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_merge_dialog_dispose;
  object_class->finalize = attest_merge_dialog_finalize;

  /**
   * AttestMergeDialog::merged:
   * @survivor_id: the service that kept its row, id and name
   * @absorbed_id: the service that became part of it
   *
   * The merge is stored (one history row). attest_workspace_unmerge_service()
   * on @absorbed_id undoes it.
   */
  signals[MERGED] =
    g_signal_new ("merged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, keep_other_check);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, keep_picked_check);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttestMergeDialog, merge_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);

  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_merge_dialog_init (AttestMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->services = attest_matrix_new ();
  self->ids = gtk_string_list_new (NULL);
  self->filter = gtk_custom_filter_new (filter_service, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->ids)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Typing anywhere in the window filters. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}
