/* attest-link-opener.c: open a web address only after the reader has seen it and agreed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A link's text can say anything: the address is shown in full in an "Open
 * Link?" dialog, and only "Open" hands it to the desktop (gtk_show_uri_full);
 * Enter and Escape answer Cancel. Which addresses may be opened at all (web
 * and mail) is the core's rule, attest_link_may_open(): any other says so and
 * opens nothing. What goes wrong is said in the nearest toast overlay around
 * @from.
 */
#define G_LOG_DOMAIN "attest-link-opener"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-link.h"
#include "attest-link-opener.h"
#include "attest-markup.h"
#include "attest-toast.h"

typedef struct {
  GtkWidget *from;
  char *uri;
} LinkRequest;

static void
link_request_free (LinkRequest *request)
{
  g_object_unref (request->from);
  g_free (request->uri);
  g_free (request);
}

static void
say (GtkWidget  *from,
     const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    attest_toast_show (ADW_TOAST_OVERLAY (overlay), attest_toast_new_plain (message));
  else
    g_message ("%s", message);
}

static void
on_uri_shown (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LinkRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s is a web address, then the reason */
      g_autofree char *message = g_strdup_printf (_("Could not open %s: %s"), request->uri, error->message);
      say (request->from, message);
    }
  link_request_free (request);
}

static void
on_link_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LinkRequest      *request)
{
  GtkRoot *root = gtk_widget_get_root (request->from);

  if (g_str_equal (response, "open") && GTK_IS_WINDOW (root))
    {
      gtk_show_uri_full (GTK_WINDOW (root), request->uri, GDK_CURRENT_TIME, NULL, on_uri_shown, request);
      return;
    }
  link_request_free (request);
}

/**
 * attest_link_opener_ask:
 * @from: the widget the link was activated in
 * @uri: the address; one Attest does not open (attest_link_may_open()) is
 *   refused with a toast
 *
 * Shows @uri and opens it in the desktop's application if the reader agrees.
 */
void
attest_link_opener_ask (GtkWidget  *from,
                        const char *uri)
{
  GtkRoot *root;
  LinkRequest *request;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (uri != NULL);

  if (!attest_link_may_open (uri))
    {
      g_autofree char *message = NULL;

      if (g_uri_peek_scheme (uri) == NULL)
        /* Translators: %s is the target of a link, e.g. "#faq" or "report.pdf" */
        message = g_strdup_printf (_("“%s” is not a web address Attest can open"), uri);
      else
        /* Translators: %s is a link's address, e.g. "file:///etc/passwd"; keep http, https and mailto as they are */
        message = g_strdup_printf (_("Attest does not open “%s”: only web (http, https) and mail (mailto) links "
                                     "can be opened"), uri);
      say (from, message);
      return;
    }

  root = gtk_widget_get_root (from);
  request = g_new0 (LinkRequest, 1);
  request->from = g_object_ref (from);
  request->uri = g_strdup (uri);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Open Link?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), uri);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  /* Enter does not open what a page put there: the reader clicks Open. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_link_response), request);
  gtk_window_present (GTK_WINDOW (dialog));
}
