/* attest-date-dialog.c: a message dialog asking for dates (YYYY-MM-DD)
 *
 * One entry row a date, each checked as it is typed with the rule the store
 * and the CLI use (attest_dates_parse_day()): a row that is not a real day
 * in that form is marked and said under the rows, and the dialog's response
 * waits until every row is a day or empty. The library's Set Date… and the cell pane's evidence
 * dates both ask through it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-date-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-date-dialog.h"
#include "attest-dates.h"

typedef struct {
  GPtrArray *rows;           /* AdwEntryRow, one a date */
  GtkLabel *problem;         /* why the response waits, under the rows */
  char *response;            /* the response that takes the dates */
  AttestDateDialogDone done;
  GWeakRef owner;            /* the caller: no callback once it is gone */
} DateDialog;

static void
date_dialog_free (DateDialog *d)
{
  g_ptr_array_unref (d->rows);
  g_free (d->response);
  g_weak_ref_clear (&d->owner);
  g_free (d);
}

/* The day @row holds: TRUE with *day NULL when it is empty, FALSE when it
 * is not a day. */
static gboolean
row_day (GtkEditable  *row,
         char        **day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  *day = NULL;
  if (*text == '\0')
    return TRUE;
  *day = attest_dates_parse_day (text);
  return *day != NULL;
}

static void
row_changed (GtkEditable      *row,
             AdwMessageDialog *dialog)
{
  DateDialog *d = g_object_get_data (G_OBJECT (dialog), "attest-date-dialog");
  g_autofree char *problem = NULL;

  for (guint i = 0; i < d->rows->len; i++)
    {
      g_autofree char *day = NULL;

      if (row_day (d->rows->pdata[i], &day))
        gtk_widget_remove_css_class (d->rows->pdata[i], "error");
      else
        {
          gtk_widget_add_css_class (d->rows->pdata[i], "error");
          if (problem == NULL)
            {
              g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (d->rows->pdata[i])));
              /* Translators: %s is what the analyst typed */
              problem = g_strdup_printf (_("“%s” is not a date: write it YYYY-MM-DD"), text);
            }
        }
    }
  gtk_label_set_text (d->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (d->problem), problem != NULL);
  adw_message_dialog_set_response_enabled (dialog, d->response, problem == NULL);
}

static void
dialog_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  DateDialog *d = g_object_get_data (G_OBJECT (dialog), "attest-date-dialog");
  g_autoptr(GObject) owner = g_weak_ref_get (&d->owner);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);

  if (!g_str_equal (response, d->response) || owner == NULL)
    return;
  for (guint i = 0; i < d->rows->len; i++)
    {
      char *day = NULL;

      /* Not a day (the response was disabled): nothing is done. */
      if (!row_day (d->rows->pdata[i], &day))
        return;
      g_ptr_array_add (days, day);
    }
  d->done (owner, dialog, (const char * const *) days->pdata);
}

/**
 * attest_date_dialog_new:
 * @parent: (nullable): a widget of the window it belongs to
 * @response: the id of the response that takes the dates ("save")
 * @response_label: its label ("_Save")
 * @titles: the rows' titles, with mnemonics, NULL-terminated
 * @values: (nullable) (array zero-terminated=0): each row's date to start
 *   with, as many as @titles (an entry may be NULL)
 * @done: called with the days when the analyst answers with @response and
 *   @owner still lives
 * @owner: the object @done works on (the caller's widget), not kept alive
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
attest_date_dialog_new (GtkWidget            *parent,
                        const char           *heading,
                        const char           *body,
                        const char           *response,
                        const char           *response_label,
                        const char * const   *titles,
                        const char * const   *values,
                        AttestDateDialogDone  done,
                        GObject              *owner)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  DateDialog *d = g_new0 (DateDialog, 1);
  GtkWidget *dialog, *list, *box;

  g_return_val_if_fail (response != NULL && titles != NULL && done != NULL, NULL);

  d->rows = g_ptr_array_new ();
  d->response = g_strdup (response);
  d->done = done;
  g_weak_ref_init (&d->owner, owner);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  g_object_set_data_full (G_OBJECT (dialog), "attest-date-dialog", d, (GDestroyNotify) date_dialog_free);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; titles[i] != NULL; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      if (values != NULL && values[i] != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), values[i]);
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed), dialog, 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (d->rows, row);
    }
  d->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (d->problem), "date-problem");
  gtk_label_set_wrap (d->problem, TRUE);
  gtk_label_set_xalign (d->problem, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (d->problem), "error");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, response_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response), NULL);
  row_changed (NULL, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}
