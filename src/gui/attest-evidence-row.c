/* attest-evidence-row.c: one evidence file linked to a checklist item
 *
 * Name, size, pages and dates, an "Expired" or "Expires within 30 days"
 * badge, and buttons to open the file and for its menu (open, edit dates,
 * remove). The row activates the cell pane's actions ("pane.*"), so it holds
 * no pointer to the pane or the workspace. Activating the row opens the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-evidence-row"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-count.h"
#include "attest-evidence-row.h"

struct _AttestEvidenceRow
{
  GtkListBoxRow parent_instance;

  char *sha256;
  char *name;
  AttestExpiryState expiry;
};

G_DEFINE_FINAL_TYPE (AttestEvidenceRow, attest_evidence_row, GTK_TYPE_LIST_BOX_ROW)

/* "2.1 MB · 12 pages" and the dates, as the row shows them and a screen reader reads them. */
char *
attest_evidence_row_describe (const AttestEvidence *e)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *size = g_format_size ((guint64)MAX (e->size, 0));

  g_string_append (text, size);
  if (e->page_count >= 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages", (gulong)e->page_count),
                              attest_count ((guint64)e->page_count));
    }
  if (e->effective != NULL || e->expires != NULL)
    g_string_append_c (text, '\n');
  if (e->effective != NULL)
    /* Translators: the date from which an evidence file (a report, a certificate) is valid */
    g_string_append_printf (text, _("Effective %s"), e->effective);
  if (e->effective != NULL && e->expires != NULL)
    g_string_append (text, " · ");
  if (e->expires != NULL)
    /* Translators: the date an evidence file (a report, a certificate) stops being valid */
    g_string_append_printf (text, _("Expires %s"), e->expires);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GMenuModel *
make_menu (gint64      item_id,
           const char *sha256,
           gboolean    is_pdf)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
  g_autoptr(GMenuItem) open_with = g_menu_item_new (_("Open With _Other Application"), NULL);
  g_autoptr(GMenuItem) dates = g_menu_item_new (_("Edit _Dates…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove From Item"), NULL);
  g_autoptr(GMenu) last = g_menu_new ();

  g_menu_item_set_action_and_target_value (open, "pane.open-evidence", g_variant_new_string (sha256));
  g_menu_item_set_action_and_target_value (dates, "pane.edit-dates", g_variant_new_string (sha256));
  g_menu_item_set_action_and_target_value (remove, "pane.remove-evidence",
                                           g_variant_new ("(xs)", item_id, sha256));
  g_menu_append_item (menu, open);
  /* A PDF opens in Attest: the desktop's application is a choice too. */
  if (is_pdf)
    {
      g_menu_item_set_action_and_target_value (open_with, "pane.open-evidence-with", g_variant_new_string (sha256));
      g_menu_append_item (menu, open_with);
    }
  g_menu_append_item (menu, dates);
  g_menu_append_item (last, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));
  return G_MENU_MODEL (menu);
}

GtkWidget *
attest_evidence_row_new (gint64                item_id,
                         const AttestEvidence *evidence,
                         const char           *today)
{
  AttestEvidenceRow *self;
  GtkWidget *box, *text, *label, *image, *button, *menu_button;
  g_autoptr(GIcon) icon = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *content_type = NULL;
  gboolean is_pdf;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *menu_label = NULL;
  const char *badge = NULL;
  const char *badge_class = NULL;

  g_return_val_if_fail (evidence != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_EVIDENCE_ROW, NULL);
  self->sha256 = g_strdup (evidence->sha256);
  is_pdf = g_strcmp0 (evidence->mime, "application/pdf") == 0;
  self->name = g_strdup (evidence->name);
  self->expiry = attest_expiry_state (evidence->expires, today);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "evidence-row-box");

  content_type = g_content_type_from_mime_type (evidence->mime != NULL ? evidence->mime : "application/octet-stream");
  icon = g_content_type_get_symbolic_icon (content_type != NULL ? content_type : "application/octet-stream");
  image = gtk_image_new_from_gicon (icon);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_widget_set_margin_top (image, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, evidence->mime, -1);
  gtk_box_append (GTK_BOX (box), image);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  label = gtk_label_new (evidence->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (label, evidence->name);
  gtk_widget_add_css_class (label, "evidence-name");
  gtk_box_append (GTK_BOX (text), label);

  details = attest_evidence_row_describe (evidence);
  label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (text), label);

  if (self->expiry == ATTEST_EXPIRY_EXPIRED)
    {
      /* Translators: a badge on an evidence file whose expiry date has passed */
      badge = _("Expired");
      badge_class = "expired";
    }
  else if (self->expiry == ATTEST_EXPIRY_SOON)
    {
      /* Translators: a badge on an evidence file; keep it short */
      badge = _("Expires within 30 days");
      badge_class = "expires-soon";
    }
  if (badge != NULL)
    {
      label = gtk_label_new (badge);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_set_margin_top (label, 2);
      gtk_widget_add_css_class (label, "badge");
      gtk_widget_add_css_class (label, badge_class);
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_box_append (GTK_BOX (box), text);

  /* Translators: a button's accessible name; %s is an evidence file's name */
  open_label = g_strdup_printf (_("Open “%s”"), evidence->name);
  button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, is_pdf ? _("Read in Attest") : _("Open With the Default App"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (evidence->sha256));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "pane.open-evidence");
  gtk_box_append (GTK_BOX (box), button);

  /* Translators: a menu button's accessible name; %s is an evidence file's name */
  menu_label = g_strdup_printf (_("More for “%s”"), evidence->name);
  menu = make_menu (item_id, evidence->sha256, is_pdf);
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  gtk_box_append (GTK_BOX (box), menu_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), g_variant_new_string (evidence->sha256));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), "pane.open-evidence");

  /* One name for the whole row: what it is, how big, and whether it is still valid. */
  {
    g_autoptr(GString) a11y = g_string_new (evidence->name);
    g_autofree char *flat = g_strdup (details);

    g_strdelimit (flat, "\n", ',');
    g_string_append_printf (a11y, ", %s", flat);
    if (badge != NULL)
      g_string_append_printf (a11y, ", %s", badge);
    accessible = g_string_free (g_steal_pointer (&a11y), FALSE);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  return GTK_WIDGET (self);
}

const char *
attest_evidence_row_get_sha256 (AttestEvidenceRow *self)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_ROW (self), NULL);
  return self->sha256;
}

const char *
attest_evidence_row_get_name (AttestEvidenceRow *self)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_ROW (self), NULL);
  return self->name;
}

AttestExpiryState
attest_evidence_row_get_expiry_state (AttestEvidenceRow *self)
{
  g_return_val_if_fail (ATTEST_IS_EVIDENCE_ROW (self), ATTEST_EXPIRY_NONE);
  return self->expiry;
}

static void
attest_evidence_row_finalize (GObject *object)
{
  AttestEvidenceRow *self = ATTEST_EVIDENCE_ROW (object);

  g_free (self->sha256);
  g_free (self->name);

  G_OBJECT_CLASS (attest_evidence_row_parent_class)->finalize (object);
}

static void
attest_evidence_row_class_init (AttestEvidenceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_evidence_row_finalize;
}

static void
attest_evidence_row_init (AttestEvidenceRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "evidence-row");
}
