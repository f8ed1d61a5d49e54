/* attest-checklist-row.c: one checklist item of a cell, editable inline
 *
 * An expander row: the title is the item, the subtitle its status, owner and
 * due date, with an "Overdue" badge; expanded, a status drop-down, an owner
 * entry, a due date with a calendar, and the evidence files. Each control
 * commits through the cell pane's actions ("pane.set-status" …), which store
 * the change and call attest_checklist_row_update() with what is stored, so
 * the row always shows the workspace, never an edit that failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-checklist-row"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "attest-checklist-row.h"
#include "attest-count.h"
#include "attest-note-editor.h"
#include "attest-evidence-row.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-evidence.h"

struct _AttestChecklistRow
{
  AdwExpanderRow parent_instance;

  /* Template widgets */
  GtkLabel *status_symbol;
  GtkLabel *overdue_badge;
  AdwComboRow *status_row;
  AdwEntryRow *owner_row;
  AdwActionRow *due_row;
  GtkMenuButton *due_button;
  GtkPopover *due_popover;
  GtkCalendar *due_calendar;
  AdwActionRow *evidence_header;
  GtkMenuButton *add_button;

  gint64 item_id;
  gint64 menu_item_id;       /* the item the add menu's actions name */
  char *status;
  char *owner;
  char *due;
  gboolean overdue;
  char *evidence_key;        /* what the evidence rows show, to rebuild them only when it changes */
  GPtrArray *evidence_rows;  /* GtkWidget *, not owned: children of the expander */
  char *marks_key;           /* what the mark rows show */
  GPtrArray *mark_rows;      /* GtkWidget *, not owned: the marks supporting the item */
  AttestWorkspace *workspace;
  GtkWidget *notes_row;      /* made when first expanded: the item's notes, last */
  AttestNoteEditor *notes;
  guint updating;
};

G_DEFINE_FINAL_TYPE (AttestChecklistRow, attest_checklist_row, ADW_TYPE_EXPANDER_ROW)

static const struct {
  const char *status;
  const char *label;
  const char *symbol;
} statuses[] = {
  /* Translators: the status of a checklist item */
  { "not-started", N_("Not started"), "○" },
  /* Translators: the status of a checklist item */
  { "in-progress", N_("In progress"), "◐" },
  /* Translators: the status of a checklist item */
  { "satisfied", N_("Satisfied"), "✓" },
  /* Translators: the status of a checklist item: it does not apply to this cell */
  { "not-applicable", N_("Not applicable"), "–" },
  /* Translators: the status of a checklist item: a control failed or was qualified */
  { "exception", N_("Exception"), "!" },
};

static int
status_index (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].status, status) == 0)
      return i;
  return 0;
}

/* The status in words, as the drop-down and the pane's summary say it. */
const char *
attest_checklist_status_label (const char *status)
{
  return _(statuses[status_index (status)].label);
}

GtkWidget *
attest_checklist_row_new (void)
{
  return g_object_new (ATTEST_TYPE_CHECKLIST_ROW, NULL);
}

gint64
attest_checklist_row_get_item_id (AttestChecklistRow *self)
{
  g_return_val_if_fail (ATTEST_IS_CHECKLIST_ROW (self), 0);
  return self->item_id;
}

/**
 * attest_checklist_row_get_anchor:
 *
 * Returns: (transfer none): what the pane keeps in place on screen while
 *   this row is edited: its controls when it is expanded (below the title
 *   and subtitle, which may wrap anew), the row otherwise
 */
GtkWidget *
attest_checklist_row_get_anchor (AttestChecklistRow *self)
{
  g_return_val_if_fail (ATTEST_IS_CHECKLIST_ROW (self), NULL);
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return GTK_WIDGET (self->status_row);
  return GTK_WIDGET (self);
}

gboolean
attest_checklist_row_get_overdue (AttestChecklistRow *self)
{
  g_return_val_if_fail (ATTEST_IS_CHECKLIST_ROW (self), FALSE);
  return self->overdue;
}

guint
attest_checklist_row_get_n_evidence (AttestChecklistRow *self)
{
  g_return_val_if_fail (ATTEST_IS_CHECKLIST_ROW (self), 0);
  return self->evidence_rows->len;
}

/* Files dragged over this item land on it. */
void
attest_checklist_row_set_drop_target (AttestChecklistRow *self,
                                      gboolean            highlight)
{
  g_return_if_fail (ATTEST_IS_CHECKLIST_ROW (self));

  if (highlight)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-target");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-target");
}

static char *
evidence_key (GPtrArray *evidence)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      AttestEvidence *e = evidence->pdata[i];
      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1f%s\x1e", e->sha256, e->name,
                              e->effective != NULL ? e->effective : "", e->expires != NULL ? e->expires : "");
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* The item's notes (DESIGN.md: notes on a checklist item), made when the row
 * is first expanded: a pane shows many items and most stay closed. */
static void
update_notes (AttestChecklistRow *self)
{
  g_autofree char *target = NULL;

  if (self->notes == NULL || self->item_id == 0)
    return;
  target = g_strdup_printf ("item:%" G_GINT64_FORMAT, self->item_id);
  if (g_strcmp0 (attest_note_editor_get_target (self->notes), target) != 0 ||
      self->workspace == NULL)
    attest_note_editor_set_target (self->notes, self->workspace, target, _("Notes on This Item"));
}

static void
expanded_changed (AttestChecklistRow *self)
{
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)) || self->notes_row != NULL ||
      self->workspace == NULL)
    return;
  self->notes = attest_note_editor_new ();
  attest_note_editor_set_scrollable (self->notes, FALSE);
  self->notes_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->notes_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->notes_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->notes_row), GTK_WIDGET (self->notes));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->notes_row);
  update_notes (self);
}

/**
 * attest_checklist_row_set_workspace:
 *
 * The workspace the item's notes are read from and written to.
 */
void
attest_checklist_row_set_workspace (AttestChecklistRow *self,
                                    AttestWorkspace    *workspace)
{
  g_return_if_fail (ATTEST_IS_CHECKLIST_ROW (self));

  if (g_set_object (&self->workspace, workspace))
    update_notes (self);
}

static void
update_evidence (AttestChecklistRow *self,
                 GPtrArray          *evidence,
                 const char         *today)
{
  g_autofree char *key = evidence_key (evidence);
  g_autofree char *key_today = g_strconcat (key, today, NULL);
  guint n = evidence != NULL ? evidence->len : 0;

  if (g_strcmp0 (key_today, self->evidence_key) == 0)
    return;
  g_free (self->evidence_key);
  self->evidence_key = g_steal_pointer (&key_today);

  for (guint i = 0; i < self->evidence_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->evidence_rows->pdata[i]);
  g_ptr_array_set_size (self->evidence_rows, 0);
  /* The marks come after the files: made again after them. */
  g_clear_pointer (&self->marks_key, g_free);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = attest_evidence_row_new (self->item_id, evidence->pdata[i], today);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->evidence_rows, row);
    }
  /* The notes stay below the evidence. */
  if (self->notes_row != NULL)
    {
      g_object_ref (self->notes_row);
      adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->notes_row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->notes_row);
      g_object_unref (self->notes_row);
    }

  if (n == 0)
    adw_action_row_set_subtitle (self->evidence_header, _("None yet: add files or drop them here"));
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s file", "%s files", n),
                                                attest_count (n));
      adw_action_row_set_subtitle (self->evidence_header, count);
    }
}

/* One row a mark: "Page 3 · Highlight: opinion…" over the file's name;
 * activated, the window shows it (win.show-annotation). */
static GtkWidget *
mark_row (AttestChecklistRow     *self,
          const AttestAnnotation *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  const char *words = a->text != NULL && *a->text != '\0' ? a->text : a->quote;

  if (a->sha256 != NULL)
    {
      g_autoptr(AttestEvidence) evidence = attest_workspace_get_evidence (self->workspace, a->sha256, NULL);

      /* Translators: a mark supporting a checklist item: its page number */
      g_string_printf (title, _("Page %u"), a->page + 1);
      subtitle = g_strdup (evidence != NULL ? evidence->name : a->sha256);
    }
  else
    {
      /* Translators: a mark on an offering page's section, supporting a checklist item */
      g_string_assign (title, _("Offering page"));
      subtitle = g_strdup (a->section);
    }
  if (words != NULL && *words != '\0')
    {
      g_autofree char *flat = g_strdup (words);
      glong n;

      g_strdelimit (flat, "\n\r\t", ' ');
      n = g_utf8_strlen (flat, -1);
      if (n > 60)
        {
          char *end = g_utf8_offset_to_pointer (flat, 60);

          *end = '\0';
        }
      /* Translators: after "Page 3": the first words of the mark's text */
      g_string_append_printf (title, _(": %s%s"), g_strstrip (flat), n > 60 ? "…" : "");
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("find-location-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-annotation");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (a->id));
  name = g_strdup_printf (_("Show the mark: %s"), title->str);
  gtk_widget_set_tooltip_text (row, _("Show this mark in its file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  g_object_set_data (G_OBJECT (row), "annotation-id", GSIZE_TO_POINTER ((gsize) a->id));
  return row;
}

/* The marks (annotations) that support the item, after its files. */
static void
update_marks (AttestChecklistRow *self)
{
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(GString) key = g_string_new (NULL);

  if (self->workspace != NULL && self->item_id > 0)
    marks = attest_workspace_list_item_annotations (self->workspace, self->item_id, NULL);
  for (guint i = 0; marks != NULL && i < marks->len; i++)
    {
      const AttestAnnotation *a = marks->pdata[i];

      g_string_append_printf (key, "%" G_GINT64_FORMAT "\x1f%u\x1f%s\x1f%s\x1e", a->id, a->page,
                              a->text != NULL ? a->text : "", a->sha256 != NULL ? a->sha256 : "");
    }
  if (g_strcmp0 (key->str, self->marks_key) == 0)
    return;
  g_free (self->marks_key);
  self->marks_key = g_strdup (key->str);
  for (guint i = 0; i < self->mark_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->mark_rows->pdata[i]);
  g_ptr_array_set_size (self->mark_rows, 0);
  for (guint i = 0; marks != NULL && i < marks->len; i++)
    {
      GtkWidget *row = mark_row (self, marks->pdata[i]);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->mark_rows, row);
    }
  /* The notes stay last. */
  if (self->notes_row != NULL)
    {
      g_object_ref (self->notes_row);
      adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->notes_row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->notes_row);
      g_object_unref (self->notes_row);
    }
}

/**
 * attest_checklist_row_get_mark_rows:
 *
 * Returns: (transfer none) (element-type GtkWidget): the rows of the marks
 *   supporting the item
 */
GPtrArray *
attest_checklist_row_get_mark_rows (AttestChecklistRow *self)
{
  g_return_val_if_fail (ATTEST_IS_CHECKLIST_ROW (self), NULL);
  return self->mark_rows;
}

/**
 * attest_checklist_row_update:
 * @item: the item as stored
 * @evidence: (element-type AttestEvidence): the files linked to it
 * @today: YYYY-MM-DD, for overdue items and expiring files
 *
 * Shows @item; the row's controls take the stored values, even while the user
 * is editing them (an edit that failed is undone on screen too).
 */
void
attest_checklist_row_update (AttestChecklistRow        *self,
                             const AttestChecklistItem *item,
                             GPtrArray                 *evidence,
                             const char                *today)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  int index;

  g_return_if_fail (ATTEST_IS_CHECKLIST_ROW (self));
  g_return_if_fail (item != NULL);
  g_return_if_fail (today != NULL);

  self->updating++;

  self->item_id = item->id;
  update_notes (self);
  g_free (self->status);
  self->status = g_strdup (item->status);
  g_free (self->owner);
  self->owner = g_strdup (item->owner != NULL ? item->owner : "");
  g_free (self->due);
  self->due = g_strdup (item->due);
  self->overdue = attest_checklist_item_is_overdue (item, today);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), attest_checklist_title_display (item->title));
  index = status_index (item->status);

  gtk_label_set_text (self->status_symbol, statuses[index].symbol);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_symbol), statuses[i].status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_symbol), statuses[index].status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_symbol), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(statuses[index].label), -1);

  if (adw_combo_row_get_selected (self->status_row) != (guint)index)
    adw_combo_row_set_selected (self->status_row, index);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->owner_row)), self->owner) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->owner_row), self->owner);

  if (item->due != NULL)
    adw_action_row_set_subtitle (self->due_row, item->due);
  else
    adw_action_row_set_subtitle (self->due_row, _("None"));

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_badge), self->overdue);
  if (self->overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "overdue");

  /* "In progress · Dana · due 2024-06-30"; a screen reader hears "overdue" too. */
  g_string_append (subtitle, _(statuses[index].label));
  if (*self->owner != '\0')
    g_string_append_printf (subtitle, " · %s", self->owner);
  if (item->due != NULL)
    {
      g_string_append (subtitle, " · ");
      /* Translators: in a checklist item's summary line; %s is a date, YYYY-MM-DD */
      g_string_append_printf (subtitle, _("due %s"), item->due);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);

  g_string_append (description, subtitle->str);
  if (self->overdue)
    g_string_append_printf (description, ", %s", gtk_label_get_text (self->overdue_badge));
  /* The row is named by its item, as a screen reader lists the checklist. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, attest_checklist_title_display (item->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);

  if (gtk_menu_button_get_menu_model (self->add_button) == NULL || item->id != self->menu_item_id)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) attach = g_menu_item_new (_("_Attach Files…"), NULL);
      g_autoptr(GMenuItem) link = g_menu_item_new (_("_Link Existing Evidence…"), NULL);

      g_menu_item_set_action_and_target_value (attach, "pane.attach-files", g_variant_new_int64 (item->id));
      g_menu_item_set_action_and_target_value (link, "pane.link-existing", g_variant_new_int64 (item->id));
      g_menu_append_item (menu, attach);
      g_menu_append_item (menu, link);
      gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
      self->menu_item_id = item->id;
    }

  update_evidence (self, evidence, today);
  update_marks (self);

  self->updating--;
}

static void
status_selected (AttestChecklistRow *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->updating > 0 || self->item_id == 0 || selected >= G_N_ELEMENTS (statuses) ||
      g_strcmp0 (statuses[selected].status, self->status) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "pane.set-status", "(xs)", self->item_id,
                              statuses[selected].status);
}

static void
owner_apply (AttestChecklistRow *self)
{
  g_autofree char *owner = NULL;

  if (self->updating > 0 || self->item_id == 0)
    return;
  owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->owner_row))));
  if (g_strcmp0 (owner, self->owner) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "pane.set-owner", "(xs)", self->item_id, owner);
}

/**
 * attest_checklist_row_commit:
 *
 * Stores what is typed and not yet applied (the owner), as leaving the entry
 * would: called before the row goes away, while its actions still reach the pane.
 */
void
attest_checklist_row_commit (AttestChecklistRow *self)
{
  g_return_if_fail (ATTEST_IS_CHECKLIST_ROW (self));

  owner_apply (self);
}

/* The calendar opens on the due date, or today. */
static void
due_popover_shown (AttestChecklistRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (self->due != NULL && sscanf (self->due, "%4d-%2d-%2d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  self->updating++;
  gtk_calendar_select_day (self->due_calendar, date);
  self->updating--;
  gtk_widget_grab_focus (GTK_WIDGET (self->due_calendar));
}

static void
due_set (AttestChecklistRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->due_calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_popover_popdown (self->due_popover);
  if (self->item_id == 0 || g_strcmp0 (text, self->due) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "pane.set-due", "(xs)", self->item_id, text);
}

static void
due_clear (AttestChecklistRow *self)
{
  gtk_popover_popdown (self->due_popover);
  if (self->item_id == 0 || self->due == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "pane.set-due", "(xs)", self->item_id, "");
}

static void
attest_checklist_row_dispose (GObject *object)
{
  AttestChecklistRow *self = ATTEST_CHECKLIST_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_CHECKLIST_ROW);
  g_clear_object (&self->workspace);
  g_ptr_array_set_size (self->evidence_rows, 0);
  g_ptr_array_set_size (self->mark_rows, 0);

  G_OBJECT_CLASS (attest_checklist_row_parent_class)->dispose (object);
}

static void
attest_checklist_row_finalize (GObject *object)
{
  AttestChecklistRow *self = ATTEST_CHECKLIST_ROW (object);

  g_free (self->status);
  g_free (self->owner);
  g_free (self->due);
  g_free (self->evidence_key);
  g_ptr_array_unref (self->evidence_rows);
  g_free (self->marks_key);
  g_ptr_array_unref (self->mark_rows);

  G_OBJECT_CLASS (attest_checklist_row_parent_class)->finalize (object);
}

static void
attest_checklist_row_class_init (AttestChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_checklist_row_dispose;
  object_class->finalize = attest_checklist_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-checklist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, status_symbol);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, status_row);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, due_row);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, due_button);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, due_popover);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, due_calendar);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, evidence_header);
  gtk_widget_class_bind_template_child (widget_class, AttestChecklistRow, add_button);
  gtk_widget_class_bind_template_callback (widget_class, status_selected);
  gtk_widget_class_bind_template_callback (widget_class, owner_apply);
  gtk_widget_class_bind_template_callback (widget_class, due_popover_shown);
  gtk_widget_class_bind_template_callback (widget_class, due_set);
  gtk_widget_class_bind_template_callback (widget_class, due_clear);
}

static void
attest_checklist_row_init (AttestChecklistRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->evidence_rows = g_ptr_array_new ();
  self->mark_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "checklist-row");
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_changed), NULL);

  /* Titles come from templates and owners from people: "&" and "<" are text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->owner_row), FALSE);

  self->updating++;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_string_list_append (labels, _(statuses[i].label));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (labels));
  self->updating--;
}
