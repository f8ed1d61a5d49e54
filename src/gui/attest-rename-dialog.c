/* attest-rename-dialog.c: the analyst's own name for a service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwMessageDialog with an entry. The name is checked as it is typed
 * (attest_workspace_check_service_rename): "Rename" stays off while the name
 * is empty, unchanged or refused, and the reason shows under the entry. The
 * dialog stores the name itself on "Rename" and says so with ::renamed, so
 * the window can offer Undo (rename back to the old name). AdwMessageDialog
 * closes before it emits its response; this one hides instead, so that a
 * failure to store (a busy workspace, a full disk) brings it back as it was,
 * text kept and the reason shown.
 */
#define G_LOG_DOMAIN "attest-rename-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-rename-dialog.h"
#include "attest-workspace-services.h"

struct _AttestRenameDialog
{
  AdwMessageDialog parent_instance;

  AttestWorkspace *workspace;
  char *service_id;
  char *current_name;
  char *catalog_name;

  GtkEntry *entry;
  GtkLabel *error_label;
  GtkButton *reset_button;
};

G_DEFINE_FINAL_TYPE (AttestRenameDialog, attest_rename_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  RENAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The name as it will be stored: the entry's text without spaces around it. */
static char *
wanted_name (AttestRenameDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

static void
show_error (AttestRenameDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* "Rename" only for a name the workspace would take; why not, under the entry. */
static void
update_state (AttestRenameDialog *self)
{
  g_autofree char *name = wanted_name (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (self->workspace == NULL)
    return;

  if (*name == '\0' || g_str_equal (name, self->current_name))
    show_error (self, NULL);
  else if (!attest_workspace_check_service_rename (self->workspace, self->service_id, name, &error))
    show_error (self, error->message);
  else
    {
      show_error (self, NULL);
      ok = TRUE;
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "rename", ok);
}

static void
reset_clicked (AttestRenameDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), self->catalog_name);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static void
attest_rename_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  AttestRenameDialog *self = ATTEST_RENAME_DIALOG (dialog);

  if (g_strcmp0 (response, "rename") == 0)
    {
      g_autofree char *name = wanted_name (self);
      g_autoptr(GError) error = NULL;

      if (!adw_message_dialog_get_response_enabled (dialog, "rename"))
        {
          gtk_window_present (GTK_WINDOW (self));
          return;
        }
      if (!attest_workspace_rename_service (self->workspace, self->service_id, name, &error))
        {
          /* Back as it was, with the reason: nothing was stored. */
          show_error (self, error->message);
          gtk_window_present (GTK_WINDOW (self));
          gtk_widget_grab_focus (GTK_WIDGET (self->entry));
          return;
        }
      g_signal_emit (self, signals[RENAMED], 0, self->service_id, self->current_name, name);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * attest_rename_dialog_new:
 * @current_name: the name the matrix shows now
 * @catalog_name: the catalog's name, offered back when they differ
 *
 * Returns: (transfer none): the dialog, not yet shown; it destroys itself
 *   when answered.
 */
AttestRenameDialog *
attest_rename_dialog_new (GtkWindow       *parent,
                          AttestWorkspace *workspace,
                          const char      *service_id,
                          const char      *current_name,
                          const char      *catalog_name)
{
  AttestRenameDialog *self;
  g_autofree char *body = NULL;
  g_autofree char *reset = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (service_id != NULL && current_name != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_RENAME_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Rename Service"),
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->service_id = g_strdup (service_id);
  self->current_name = g_strdup (current_name);
  self->catalog_name = g_strdup (catalog_name != NULL ? catalog_name : current_name);

  /* Translators: the body of the Rename Service dialog; %s is the service's name */
  body = g_strdup_printf (_("“%s” will be shown under the new name everywhere. Pages and searches "
                            "that use its former names still find it."), current_name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), current_name);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);

  /* Offered only when the service was renamed. */
  /* Translators: a button that puts the name from the offering pages back; %s is that name */
  reset = g_strdup_printf (_("_Use the Catalog Name “%s”"), self->catalog_name);
  gtk_button_set_label (self->reset_button, reset);
  gtk_widget_set_visible (GTK_WIDGET (self->reset_button), g_strcmp0 (self->catalog_name, current_name) != 0);

  update_state (self);
  return self;
}

static void
attest_rename_dialog_dispose (GObject *object)
{
  AttestRenameDialog *self = ATTEST_RENAME_DIALOG (object);

  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_rename_dialog_parent_class)->dispose (object);
}

static void
attest_rename_dialog_finalize (GObject *object)
{
  AttestRenameDialog *self = ATTEST_RENAME_DIALOG (object);

  g_free (self->service_id);
  g_free (self->current_name);
  g_free (self->catalog_name);

  G_OBJECT_CLASS (attest_rename_dialog_parent_class)->finalize (object);
}

static void
attest_rename_dialog_class_init (AttestRenameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = attest_rename_dialog_dispose;
  object_class->finalize = attest_rename_dialog_finalize;
  dialog_class->response = attest_rename_dialog_response;

  /**
   * AttestRenameDialog::renamed:
   * @service_id: the service's id, which did not change
   * @old_name: the name shown before
   * @new_name: the name shown now
   *
   * The new name is stored (one history row). Renaming to @old_name undoes it.
   */
  signals[RENAMED] =
    g_signal_new ("renamed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
attest_rename_dialog_init (AttestRenameDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* Hidden, not destroyed, when a button answers: see the top of the file. */
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    /* Translators: the button that stores the new name */
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Service name"),
                                  -1);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (update_state), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  /* A screen reader reads why the name is refused with the entry. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);

  self->reset_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->reset_button, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->reset_button), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->reset_button), "flat");
  gtk_widget_set_visible (GTK_WIDGET (self->reset_button), FALSE);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (reset_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reset_button));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
}
