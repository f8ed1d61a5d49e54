/* attest-cell-pane.c: the selected matrix cell — source quote, checklist, evidence
 *
 * The pane on the right of the main window (DESIGN.md "The window"). It shows
 * the line of the offering page that put the service in scope, the cell's
 * checklist with each item editable inline, and each item's evidence files;
 * then the framework's backgrounder, audit reports and certificates, each an
 * AttestLinkRow saying whether the workspace holds its document.
 *
 * Every edit is one store call (one transaction, one history row); the pane
 * then reads the cell back from the workspace, so what it shows is what is
 * stored — an edit the store refused is undone on screen and explained in
 * words. Attaching files runs in a worker on its own workspace connection
 * (AttestEvidenceAttacher), with progress and Cancel; opening a file writes a
 * read-only copy in a worker too (AttestEvidenceOpener). Every callback that
 * comes back from a thread first checks that the pane still wants it.
 *
 * The rows (AttestChecklistRow, AttestEvidenceRow) activate this pane's
 * actions, "pane.*", and hold no pointer to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cell-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attest-count.h"
#include "attest-cell-pane.h"
#include "attest-date-dialog.h"
#include "attest-dates.h"
#include "attest-cell-pane-private.h"
#include "attest-checklist-row.h"
#include "attest-evidence-attacher.h"
#include "attest-evidence-opener.h"
#include "attest-evidence-row.h"
#include "attest-languages.h"
#include "attest-link-row.h"
#include "attest-markup.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-links.h"
#include "attest-unshown.h"
#include "attest-toast.h"

#define PROGRESS_INTERVAL_MS 100

struct _AttestCellPane
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkLabel *scope_label;
  GtkButton *read_page_button;
  GtkLabel *service_label;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkStack *stack;
  GtkBox *failure_box;
  GtkLabel *failure_label;
  GtkLabel *banner_label;
  AdwPreferencesGroup *source_group;
  GtkLabel *translated_caption;
  GtkLabel *translated_label;
  GtkLabel *source_caption;
  GtkLabel *source_label;
  GtkLabel *qualifier_label;
  GtkLabel *variant_label;
  AdwPreferencesGroup *checklist_group;
  GtkBox *notes_box;
  AdwPreferencesGroup *links_group;  /* the framework's PDF links (AttestLinkRow), after the checklist */

  AttestWorkspace *workspace;
  char *scope_id;
  char *service_id;
  char *cell_name;             /* "SOC 2 × Intune", for messages */
  gboolean in_scope;           /* a cell of the matrix, flagged ones included */
  gboolean flagged;            /* no longer in scope */

  GPtrArray *rows;             /* AttestChecklistRow *, children of checklist_group */
  guint reloading;             /* rows being rebuilt: an edit committed now (focus left an entry) waits */
  AttestChecklistRow *hover_row;  /* under the pointer; one of rows, or NULL */
  AttestChecklistRow *drop_row;   /* highlighted while files are dragged over it */

  AttestEvidenceAttacher *attacher;  /* the running attach, or NULL */
  GCancellable *attach_cancellable;  /* its Cancel */
  GQueue pending;              /* AttachRequest *, waiting for it */
  guint progress_source;
  GCancellable *open_cancellable;
  GtkNativeDialog *chooser;
  AdwToast *last_toast;

  GPtrArray *link_rows;        /* AttestLinkRow *, children of links_group */
  AttestWorkspace *links_workspace;  /* what they show (compared, never used) */
  char *links_framework;

  GtkWidget *anchor;           /* the row being edited (weak): it stays where it was on screen… */
  double anchor_y;             /* …at this height in the scrolled window */
  GdkFrameClock *anchor_clock; /* whose "layout" puts it back, for a few frames */
  gulong anchor_handler;
  guint anchor_frames;
};

G_DEFINE_FINAL_TYPE (AttestCellPane, attest_cell_pane, GTK_TYPE_WIDGET)

enum {
  CELL_CHANGED,
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (AttestCellPane *self);
static void start_next_attach (AttestCellPane *self);

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Takes @toast (libadwaita 1.2's add_toast is transfer full). */
static void
show_toast (AttestCellPane *self,
            AdwToast       *toast)
{
  g_set_object (&self->last_toast, toast);
  attest_toast_show (self->toast_overlay, toast);
}

/* Problems stay on screen, in full, until dismissed: a toast would cut a long
 * message (a file's path, the workspace's name) to the pane's width. */
static void
show_failure (AttestCellPane *self,
              const char     *message)
{
  if (self->failure_label == NULL)  /* disposed */
    return;
  gtk_label_set_text (self->failure_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->failure_box), TRUE);
}

static void
dismiss_failures (AttestCellPane *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->failure_box), FALSE);
  gtk_label_set_text (self->failure_label, "");
}

static void
emit_cell_changed (AttestCellPane *self,
                   const char     *scope_id,
                   const char     *service_id)
{
  g_autofree char *scope = g_strdup (scope_id);
  g_autofree char *service = g_strdup (service_id);

  /* Copies: a handler may well change the cell this pane shows. */
  g_signal_emit (self, signals[CELL_CHANGED], 0, scope, service);
}

/* After a store call: the outcome in words, the stored state on screen, the
 * window told. An owner typed and left by moving to another cell commits
 * while the rows are being replaced: that edit is stored and told, and the
 * reload under way shows it. */
static void
edit_done (AttestCellPane *self,
           gboolean        ok,
           const GError   *error)
{
  if (!ok)
    show_failure (self, error->message);
  if (self->reloading == 0)
    reload (self);
  if (ok && self->scope_id != NULL)
    emit_cell_changed (self, self->scope_id, self->service_id);
}

/* The row being edited holds still on screen: an edit can make the text
 * above it longer (the summary gains "1 overdue", a title wraps beside the
 * Overdue badge, a subtitle gains "due …"), which would push the row and the
 * controls under the pointer down, so that the next click lands on another
 * one. After each layout of the next few frames, the pane scrolls by as
 * much as the row moved. */
#define ANCHOR_FRAMES 4

static GtkWidget *
pane_scrolled_window (AttestCellPane *self)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (self->checklist_group), GTK_TYPE_SCROLLED_WINDOW);
}

static gboolean
anchor_position (AttestCellPane *self,
                 double         *y)
{
  GtkWidget *scrolled = pane_scrolled_window (self);
  graphene_point_t point;

  if (self->anchor == NULL || scrolled == NULL || !gtk_widget_get_mapped (self->anchor) ||
      !gtk_widget_compute_point (self->anchor, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;
  *y = point.y;
  return TRUE;
}

static void
clear_anchor (AttestCellPane *self)
{
  if (self->anchor_handler != 0 && g_signal_handler_is_connected (self->anchor_clock, self->anchor_handler))
    g_signal_handler_disconnect (self->anchor_clock, self->anchor_handler);
  self->anchor_handler = 0;
  g_clear_object (&self->anchor_clock);
  g_clear_weak_pointer (&self->anchor);
}

static void
anchor_layout (GdkFrameClock  *clock,
               AttestCellPane *self)
{
  GtkWidget *scrolled = pane_scrolled_window (self);
  double y;

  if (scrolled != NULL && anchor_position (self, &y) && y != self->anchor_y)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* Scrolling queues another layout: GDK runs it in this same frame, before drawing. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - self->anchor_y);
    }
  if (--self->anchor_frames == 0)
    clear_anchor (self);
}

static void
hold_still (AttestCellPane *self,
            GtkWidget      *row)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  clear_anchor (self);
  if (row == NULL || clock == NULL)
    return;
  g_set_weak_pointer (&self->anchor, row);
  if (!anchor_position (self, &self->anchor_y))
    {
      g_clear_weak_pointer (&self->anchor);
      return;
    }
  self->anchor_clock = g_object_ref (clock);
  self->anchor_frames = ANCHOR_FRAMES;
  self->anchor_handler = g_signal_connect_after (clock, "layout", G_CALLBACK (anchor_layout), self);
}

/* The rows */

static AttestChecklistRow *
row_for_item (AttestCellPane *self,
              gint64          item_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (attest_checklist_row_get_item_id (self->rows->pdata[i]) == item_id)
      return self->rows->pdata[i];
  return NULL;
}

static void
set_drop_row (AttestCellPane     *self,
              AttestChecklistRow *row)
{
  if (self->drop_row == row)
    return;
  if (self->drop_row != NULL)
    attest_checklist_row_set_drop_target (self->drop_row, FALSE);
  self->drop_row = row;
  if (row != NULL)
    attest_checklist_row_set_drop_target (row, TRUE);
}

static void
clear_rows (AttestCellPane *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  /* An owner typed and not applied is stored before its row goes. */
  if (self->reloading == 0 && self->workspace != NULL)
    for (guint i = 0; i < self->rows->len; i++)
      attest_checklist_row_commit (self->rows->pdata[i]);

  rows = g_ptr_array_copy (self->rows, NULL, NULL);
  set_drop_row (self, NULL);
  self->hover_row = NULL;
  g_ptr_array_set_size (self->rows, 0);
  self->reloading++;
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (self->checklist_group, rows->pdata[i]);
  self->reloading--;
}

static const char *
rollup_label (const char *word)
{
  static const struct { const char *word, *label; } words[] = {
    /* Translators: the roll-up of a cell's checklist */
    { "not-started", N_("Not started") },
    /* Translators: the roll-up of a cell's checklist */
    { "in-progress", N_("In progress") },
    /* Translators: the roll-up of a cell's checklist: every item satisfied or not applicable */
    { "satisfied", N_("Satisfied") },
    /* Translators: the roll-up of a cell's checklist: an item is an exception */
    { "exception", N_("Exception") },
    /* Translators: the roll-up of a cell whose service left the framework's scope */
    { "no-longer-in-scope", N_("No longer in scope") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (words[i].word, word))
      return _(words[i].label);
  return word;
}

/* "In progress — 3 of 6 satisfied, 1 exception, 2 overdue" */
static void
update_summary (AttestCellPane *self,
                GPtrArray      *items,
                const char     *today)
{
  AttestRollup rollup = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  guint overdue = 0;

  for (guint i = 0; i < items->len; i++)
    {
      AttestChecklistItem *item = items->pdata[i];

      rollup.total++;
      if (g_str_equal (item->status, "satisfied"))
        rollup.satisfied++;
      else if (g_str_equal (item->status, "not-applicable"))
        rollup.not_applicable++;
      else if (g_str_equal (item->status, "in-progress"))
        rollup.in_progress++;
      else if (g_str_equal (item->status, "exception"))
        rollup.exceptions++;
      if (!g_str_equal (item->status, "not-started"))
        rollup.started++;
      if (attest_checklist_item_is_overdue (item, today))
        overdue++;
    }

  g_string_append (text, rollup_label (attest_rollup_word (&rollup, !self->flagged)));
  g_string_append (text, " — ");
  /* Translators: checklist items of a cell: "3 of 6 satisfied" (or not applicable); the form follows the 3 */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s of %s satisfied", "%s of %s satisfied",
                                             rollup.satisfied + rollup.not_applicable),
                          attest_count (rollup.satisfied + rollup.not_applicable), attest_count (rollup.total));
  if (rollup.exceptions > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s exception", "%s exceptions",
                                                 rollup.exceptions),
                              attest_count (rollup.exceptions));
    }
  if (overdue > 0)
    {
      g_string_append (text, ", ");
      /* Translators: checklist items whose due date has passed */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s overdue", "%s overdue", overdue),
                              attest_count (overdue));
    }
  attest_preferences_group_set_plain_description (self->checklist_group, text->str);
}

/* Reads the cell's checklist and evidence from the workspace and shows them,
 * keeping the rows (and their focus, their expanded state) when the items are
 * the same ones. */
/* A read-only workspace (another account's file, read-only media): the pane
 * shows the cell and takes no change. The edits' actions are disabled and
 * every control of a row that would change it is insensitive, saying why. */
#define READ_ONLY_ACTIONS "pane.set-status", "pane.set-owner", "pane.set-due", "pane.attach-files", \
                          "pane.link-existing", "pane.link-evidence", "pane.remove-evidence", "pane.undo-remove"

static gboolean
is_read_only (AttestCellPane *self)
{
  return self->workspace != NULL && attest_workspace_is_read_only (self->workspace);
}

static void
lock_editing_controls (GtkWidget  *widget,
                       const char *why)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_COMBO_ROW (child) || ADW_IS_ENTRY_ROW (child) || GTK_IS_MENU_BUTTON (child))
        {
          gtk_widget_set_sensitive (child, FALSE);
          gtk_widget_set_tooltip_text (child, why);
          continue;
        }
      lock_editing_controls (child, why);
    }
}

static void
apply_read_only (AttestCellPane *self)
{
  const char *actions[] = { READ_ONLY_ACTIONS };
  gboolean read_only = is_read_only (self);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !read_only);
  if (!read_only)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    lock_editing_controls (self->rows->pdata[i], _("The workspace is read-only: Save a Copy to make changes"));
}

static void
reload (AttestCellPane *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  gboolean same;

  apply_read_only (self);
  if (self->workspace == NULL || !self->in_scope)
    {
      clear_rows (self);
      return;
    }

  items = attest_workspace_get_checklist (self->workspace, self->scope_id, self->service_id, &error);
  if (items == NULL && g_error_matches (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_READ_ONLY))
    {
      /* A cell never opened has no checklist, and this workspace cannot make one. */
      clear_rows (self);
      gtk_label_set_text (self->banner_label, _("No checklist yet: this cell was never opened, and a read-only "
                                                "workspace cannot start one. Save a Copy to work on it."));
      gtk_widget_set_visible (GTK_WIDGET (self->banner_label), TRUE);
      return;
    }
  if (items == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The checklist could not be read: %s"), error->message);
      show_failure (self, message);
      return;
    }

  /* The same items, or the template's just stored by their first edit. */
  same = items->len == self->rows->len;
  for (guint i = 0; same && i < items->len; i++)
    {
      gint64 shown = attest_checklist_row_get_item_id (self->rows->pdata[i]);
      same = shown == ((AttestChecklistItem *)items->pdata[i])->id || shown < 0;
    }
  if (!same)
    {
      clear_rows (self);
      for (guint i = 0; i < items->len; i++)
        {
          GtkWidget *row = attest_checklist_row_new ();

          attest_checklist_row_set_workspace (ATTEST_CHECKLIST_ROW (row), self->workspace);
          adw_preferences_group_add (self->checklist_group, row);
          g_ptr_array_add (self->rows, row);
        }
    }

  today = today_string ();
  self->reloading++;
  for (guint i = 0; i < items->len && i < self->rows->len; i++)
    {
      AttestChecklistItem *item = items->pdata[i];
      g_autoptr(GPtrArray) evidence = attest_workspace_list_item_evidence (self->workspace, item->id, &error);

      if (evidence == NULL)
        {
          show_failure (self, error->message);
          g_clear_error (&error);
        }
      attest_checklist_row_update (self->rows->pdata[i], item, evidence, today);
    }
  self->reloading--;
  update_summary (self, items, today);
  apply_read_only (self);
}

/* The cell */

static void
set_quote (GtkLabel   *label,
           const char *text)
{
  g_autofree char *quoted = NULL;

  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  if (text == NULL || *text == '\0')
    {
      gtk_label_set_text (label, "");
      return;
    }
  /* Translators: a line quoted from an offering page; use your language's quotation marks */
  quoted = g_strdup_printf (_("“%s”"), text);
  gtk_label_set_text (label, quoted);
}

static void
show_source (AttestCellPane        *self,
             AttestMatrixFramework *framework,
             AttestMatrixCell      *cell)
{
  gboolean english = cell->variant_locale == NULL || *cell->variant_locale == '\0';
  gboolean translated = !english && cell->translated_line != NULL && *cell->translated_line != '\0' &&
                        g_strcmp0 (cell->translated_line, cell->source_line) != 0;
  g_autofree char *caption = NULL;
  g_autofree char *variant = NULL;
  AttestMatrixVariant *version;

  if (translated)
    {
      /* Translators: above the line of a translated page; %s is its language, e.g. "French (France)" */
      caption = g_strdup_printf (_("Page text · %s"), attest_languages_name (cell->variant_locale));
      gtk_label_set_text (self->translated_caption, caption);
      set_quote (self->translated_label, cell->translated_line);
    }
  else
    set_quote (self->translated_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->translated_caption), translated);

  /* Translators: above the English line of an offering page, the source of every translation */
  gtk_label_set_text (self->source_caption, english ? _("English page") : _("English source"));
  set_quote (self->source_label, cell->source_line);
  gtk_widget_set_visible (GTK_WIDGET (self->source_caption), cell->source_line != NULL && *cell->source_line != '\0');

  if (cell->qualifier != NULL && *cell->qualifier != '\0')
    {
      g_autofree char *text = g_strdup_printf ("%s %s", _("Qualifier:"), cell->qualifier);
      gtk_label_set_text (self->qualifier_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->qualifier_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->qualifier_label), FALSE);

  version = framework != NULL && cell->variant_id != 0
            ? attest_matrix_framework_lookup_variant (framework, cell->variant_id) : NULL;
  if (version != NULL)
    {
      /* The page's own date apart from the day it was imported, as people write dates. */
      g_autofree char *covers = attest_matrix_variant_covers (framework, version);
      g_autofree char *dates = attest_matrix_variant_dates (version);
      g_autofree char *name = NULL;
      const char *locale = attest_languages_name (version->locale);

      /* What the page covers when the framework has a page per scope ("SOC 2 · English"). */
      name = covers != NULL ? g_strdup_printf (_("%s · %s"), covers, locale) : g_strdup (locale);
      /* Translators: which page put the cell in scope: what it covers and its language ("SOC 2 · English"
       * or "French (France)"), then its dates in words ("page of 12 March 2023, imported 4 December 2026") */
      variant = g_strdup_printf (_("From the %s page (%s)"), name, dates);
    }
  else if (english && cell->variant_date != NULL)
    {
      g_autofree char *date = attest_dates_format (cell->variant_date);
      /* Translators: which page put the cell in scope; %s is a date, YYYY-MM-DD */
      variant = g_strdup_printf (_("From the English source page of %s"), date);
    }
  else if (english)
    variant = g_strdup (_("From the English source page"));
  else if (cell->variant_date != NULL)
    {
      g_autofree char *date = attest_dates_format (cell->variant_date);
      /* Translators: which page put the cell in scope: its language ("French (France)"), then a date */
      variant = g_strdup_printf (_("From the %s page of %s"), attest_languages_name (cell->variant_locale), date);
    }
  else
    /* Translators: which page put the cell in scope; %s is its language, e.g. "French (France)" */
    variant = g_strdup_printf (_("From the %s page"), attest_languages_name (cell->variant_locale));
  gtk_label_set_text (self->variant_label, variant);
}

/* The framework's backgrounder, audit reports and certificates (issue 20) */

static void
clear_links (AttestCellPane *self)
{
  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (self->links_group, self->link_rows->pdata[i]);
  g_ptr_array_set_size (self->link_rows, 0);
  self->links_workspace = NULL;
  g_clear_pointer (&self->links_framework, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), FALSE);
}

static void
show_links (AttestCellPane *self,
            const char     *framework_id)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  /* The same framework again: the rows stay (a download under way too). */
  if (framework_id != NULL && self->links_workspace == (gpointer) self->workspace &&
      g_strcmp0 (framework_id, self->links_framework) == 0)
    {
      for (guint i = 0; i < self->link_rows->len; i++)
        if (!attest_link_row_get_busy (self->link_rows->pdata[i]))
          attest_link_row_refresh (self->link_rows->pdata[i]);
      gtk_widget_set_visible (GTK_WIDGET (self->links_group), self->link_rows->len > 0);
      return;
    }
  clear_links (self);
  if (framework_id == NULL || self->workspace == NULL)
    return;
  links = attest_workspace_list_links (self->workspace, framework_id, &error);
  if (links == NULL)
    {
      /* Translators: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("The framework's documents could not be read: %s"),
                                                  error->message);
      show_failure (self, message);
      return;
    }
  self->links_workspace = self->workspace;
  self->links_framework = g_strdup (framework_id);
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *link = links->pdata[i];
      GtkWidget *row;

      if (!attest_link_row_shows_kind (link->kind))
        continue;
      row = attest_link_row_new (self->workspace, link);
      adw_preferences_group_add (self->links_group, row);
      g_ptr_array_add (self->link_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), self->link_rows->len > 0);
}

static void
forget_cell (AttestCellPane *self)
{
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->scope_id, g_free);
  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->cell_name, g_free);
  self->in_scope = FALSE;
  self->flagged = FALSE;
}

static void
clear_cell (AttestCellPane *self)
{
  clear_rows (self);
  clear_links (self);
  dismiss_failures (self);
  forget_cell (self);
}

/**
 * attest_cell_pane_set_cell:
 * @workspace: (nullable): the window's workspace; %NULL clears the pane
 * @matrix: the window's whole matrix, read now and not kept
 *
 * Shows one cell. A cell the matrix does not have is out of scope: the pane
 * says so and shows no checklist. A cell never edited shows its template's
 * items, stored by their first edit: showing a cell writes nothing.
 */
void
attest_cell_pane_set_cell (AttestCellPane  *self,
                           AttestWorkspace *workspace,
                           AttestMatrix    *matrix,
                           const char      *scope_id_arg,
                           const char      *service_id_arg)
{
  /* Copies: the caller may pass this pane's own ids, freed below. */
  g_autofree char *scope_id = g_strdup (scope_id_arg);
  g_autofree char *service_id = g_strdup (service_id_arg);
  AttestMatrixFramework *framework = NULL;
  AttestMatrixScope *scope = NULL;
  AttestMatrixService *service;
  AttestMatrixCell *cell;
  g_autofree char *header = NULL;

  g_return_if_fail (ATTEST_IS_CELL_PANE (self));
  g_return_if_fail (workspace == NULL || ATTEST_IS_WORKSPACE (workspace));

  /* The same cell again (the window reloaded its matrix): the rows stay, with
   * their focus and what is expanded; another cell starts afresh. */
  if (workspace == NULL || workspace != self->workspace || g_strcmp0 (scope_id, self->scope_id) != 0 ||
      g_strcmp0 (service_id, self->service_id) != 0)
    clear_cell (self);
  else
    forget_cell (self);
  if (workspace == NULL || matrix == NULL || scope_id == NULL || service_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->scope_label, "");
      gtk_label_set_text (self->service_label, "");
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->scope_label)), FALSE);
      return;
    }

  self->workspace = g_object_ref (workspace);
  self->scope_id = g_strdup (scope_id);
  self->service_id = g_strdup (service_id);

  scope = attest_matrix_lookup_scope (matrix, scope_id, &framework);
  service = attest_matrix_lookup_service (matrix, service_id);
  cell = attest_matrix_lookup_cell (matrix, scope_id, service_id);

  /* "SOC · SOC 2" over "Intune"; one name when the scope is named after its framework. */
  if (framework != NULL && !g_str_equal (framework->short_name, scope->name))
    header = g_strdup_printf ("%s · %s", framework->short_name, scope->name);
  else
    header = g_strdup (scope != NULL ? scope->name : scope_id);
  gtk_label_set_text (self->scope_label, header);
  /* The page that put the service in scope: the newest that defines the cell's scope. */
  if (framework != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->read_page_button), "s",
                                      scope != NULL ? scope->id : framework->id);
  gtk_label_set_text (self->service_label, service != NULL ? service->name : service_id);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->scope_label)), TRUE);
  /* Translators: the cell a pane shows: "<scope> × <service>", e.g. "SOC 2 × Intune" */
  self->cell_name = g_strdup_printf (_("%s × %s"), scope != NULL ? scope->name : scope_id,
                                     service != NULL ? service->name : service_id);
  {
    /* Translators: the cell pane's accessible name; %s is a cell, "SOC 2 × Intune" */
    g_autofree char *name = g_strdup_printf (_("Cell %s"), self->cell_name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }

  self->in_scope = cell != NULL;
  self->flagged = cell != NULL && g_strcmp0 (cell->rollup, "no-longer-in-scope") == 0;
  gtk_widget_remove_css_class (GTK_WIDGET (self->banner_label), "no-longer-in-scope");
  if (cell == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not in scope: no offering page lists %s under %s, "
                                                 "so this cell has no checklist."),
                                               service != NULL ? service->name : service_id,
                                               scope != NULL ? scope->name : scope_id);
      gtk_label_set_text (self->banner_label, text);
    }
  else if (self->flagged)
    {
      g_autofree char *text = g_strdup_printf (_("No longer in scope: the newest page of %s no longer lists %s. "
                                                 "Its checklist and evidence are kept."),
                                               framework != NULL ? framework->short_name : scope_id,
                                               service != NULL ? service->name : service_id);
      gtk_label_set_text (self->banner_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->banner_label), "no-longer-in-scope");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->banner_label), cell == NULL || self->flagged);
  gtk_widget_set_visible (GTK_WIDGET (self->source_group), cell != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->checklist_group), cell != NULL);
  /* A cell never edited shows its template's items: nothing is stored until
   * the first edit, so showing it changes nothing. */
  if (cell != NULL)
    show_source (self, framework, cell);
  show_links (self, cell != NULL && framework != NULL ? framework->id : NULL);
  gtk_stack_set_visible_child_name (self->stack, "cell");

  reload (self);
}

const char *
attest_cell_pane_get_scope_id (AttestCellPane *self)
{
  g_return_val_if_fail (ATTEST_IS_CELL_PANE (self), NULL);
  return self->scope_id;
}

const char *
attest_cell_pane_get_service_id (AttestCellPane *self)
{
  g_return_val_if_fail (ATTEST_IS_CELL_PANE (self), NULL);
  return self->service_id;
}

/**
 * attest_cell_pane_reload:
 *
 * Reads the cell again (its items' marks changed in the PDF view).
 */
void
attest_cell_pane_reload (AttestCellPane *self)
{
  g_return_if_fail (ATTEST_IS_CELL_PANE (self));

  if (self->workspace != NULL && self->scope_id != NULL)
    reload (self);
}

GtkBox *
attest_cell_pane_get_notes_box (AttestCellPane *self)
{
  g_return_val_if_fail (ATTEST_IS_CELL_PANE (self), NULL);
  return self->notes_box;
}

/* Checklist edits */

static gboolean
check_workspace (AttestCellPane *self)
{
  if (self->workspace != NULL)
    return TRUE;
  show_failure (self, _("No workspace is open."));
  return FALSE;
}

static void
update_item (AttestCellPane *self,
             gint64          item_id,
             const char     *status,
             const char     *owner,
             const char     *due)
{
  g_autoptr(GError) error = NULL;
  AttestChecklistRow *row;
  gboolean ok;

  if (!check_workspace (self))
    return;
  row = row_for_item (self, item_id);
  hold_still (self, row != NULL ? attest_checklist_row_get_anchor (row) : NULL);
  ok = attest_workspace_update_item (self->workspace, item_id, status, owner, due, &error);
  edit_done (self, ok, error);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gint64 item_id;
  const char *status;

  g_variant_get (parameter, "(x&s)", &item_id, &status);
  update_item (ATTEST_CELL_PANE (widget), item_id, status, NULL, NULL);
}

static void
set_owner_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gint64 item_id;
  const char *owner;

  g_variant_get (parameter, "(x&s)", &item_id, &owner);
  update_item (ATTEST_CELL_PANE (widget), item_id, NULL, owner, NULL);
}

static void
set_due_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gint64 item_id;
  const char *due;

  g_variant_get (parameter, "(x&s)", &item_id, &due);
  update_item (ATTEST_CELL_PANE (widget), item_id, NULL, NULL, due);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

/* Attaching files: an AttestEvidenceAttacher, one at a time */

typedef struct {
  gint64 item_id;
  char *scope_id;            /* the item's cell */
  char *service_id;
  GPtrArray *files;          /* GFile */
} AttachRequest;

static void
attach_request_free (AttachRequest *request)
{
  g_free (request->scope_id);
  g_free (request->service_id);
  g_ptr_array_unref (request->files);
  g_free (request);
}

/* What the pane waits for: it goes with the attach that it came from. */
typedef struct {
  GWeakRef pane;
  char *scope_id;
  char *service_id;
  GCancellable *cancellable;
} AttachWait;

static void
attach_wait_free (AttachWait *wait)
{
  g_weak_ref_clear (&wait->pane);
  g_free (wait->scope_id);
  g_free (wait->service_id);
  g_object_unref (wait->cancellable);
  g_free (wait);
}

static gboolean
has_evidence (GPtrArray  *evidence,
              const char *sha256)
{
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    if (g_str_equal (((AttestEvidence *)evidence->pdata[i])->sha256, sha256))
      return TRUE;
  return FALSE;
}

static gboolean
update_progress (gpointer user_data)
{
  AttestCellPane *self = user_data;
  GPtrArray *files;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint64 done, total;
  guint current;

  if (self->attacher == NULL)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }
  files = attest_evidence_attacher_get_files (self->attacher);
  attest_evidence_attacher_get_progress (self->attacher, &done, &total, &current);

  name = g_file_get_basename (files->pdata[MIN (current, files->len - 1)]);
  if (g_cancellable_is_cancelled (self->attach_cancellable))
    /* Translators: after Cancel, until the file being stored is done */
    text = g_strdup (_("Cancelling…"));
  else if (files->len == 1)
    /* Translators: %s is a file's name */
    text = g_strdup_printf (_("Attaching “%s”…"), name);
  else
    /* Translators: %s is a file's name, then which file of how many */
    text = g_strdup_printf (_("Attaching “%s” (%u of %u)…"), name, current + 1, files->len);
  gtk_label_set_text (self->progress_label, text);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double)done / (double)total));
  else
    gtk_progress_bar_set_fraction (self->progress_bar, (double)current / files->len);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (AttestCellPane *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
report_attach (AttestCellPane *self,
               GPtrArray      *outcomes,
               guint           n_files,
               gboolean        cancelled)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *attached_name = NULL;
  const char *already_name = NULL;
  guint attached = 0, already = 0, failed = 0;

  for (guint i = 0; i < outcomes->len; i++)
    {
      AttestAttachOutcome *o = outcomes->pdata[i];

      if (o->attached)
        {
          attached++;
          attached_name = o->name;
        }
      if (o->already)
        {
          already++;
          already_name = o->name;
        }
      if (o->error != NULL)
        failed++;
    }

  if (failed > 0)
    {
      g_string_append_printf (problems, g_dngettext (GETTEXT_PACKAGE, "%s file could not be attached:",
                                                     "%s files could not be attached:", failed),
                              attest_count (failed));
      for (guint i = 0; i < outcomes->len; i++)
        {
          AttestAttachOutcome *o = outcomes->pdata[i];
          if (o->error != NULL)
            g_string_append_printf (problems, "\n• %s", o->error);
        }
    }
  for (guint i = 0; i < outcomes->len; i++)
    {
      AttestAttachOutcome *o = outcomes->pdata[i];
      if (o->warning != NULL)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n• " : "", o->warning);
    }
  if (problems->len > 0)
    show_failure (self, problems->str);

  if (cancelled)
    /* Translators: "Cancelled: 3 of 6 files attached"; the form follows the 6 */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cancelled: %s of %s file attached",
                                          "Cancelled: %s of %s files attached", n_files),
                             attest_count (attached), attest_count (n_files));
  else if (attached == 1 && already == 0)
    /* Translators: %s is a file's name */
    title = g_strdup_printf (_("Attached “%s”"), attached_name);
  else if (attached > 0 && already == 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attached %s file", "Attached %s files", attached),
                             attest_count (attached));
  else if (attached > 0)
    /* Translators: some files were attached, some were attached already */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attached %s file; %s already attached",
                                          "Attached %s files; %s already attached", attached),
                             attest_count (attached), attest_count (already));
  else if (already == 1)
    /* Translators: %s is a file's name; not an error: the item has that file */
    title = g_strdup_printf (_("“%s” is already attached to this item"), already_name);
  else if (already > 1)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s file is already attached to this item",
                                          "%s files are already attached to this item", already),
                             attest_count (already));
  if (title != NULL)
    show_toast (self, attest_toast_new_plain (title));
}

static void
attach_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttestEvidenceAttacher *attacher = ATTEST_EVIDENCE_ATTACHER (source);
  AttachWait *wait = user_data;
  g_autoptr(AttestCellPane) self = g_weak_ref_get (&wait->pane);
  g_autoptr(GPtrArray) outcomes = attest_evidence_attacher_attach_finish (attacher, result, NULL);
  gboolean cancelled = g_cancellable_is_cancelled (wait->cancellable);
  gboolean any = FALSE;

  /* Gone, or no longer waiting for this one (disposed, another workspace). */
  if (self == NULL || self->attacher != attacher)
    {
      attach_wait_free (wait);
      return;
    }

  g_clear_object (&self->attacher);
  g_clear_object (&self->attach_cancellable);
  stop_progress (self);
  report_attach (self, outcomes, attest_evidence_attacher_get_files (attacher)->len, cancelled);

  for (guint i = 0; i < outcomes->len; i++)
    any = any || ((AttestAttachOutcome *)outcomes->pdata[i])->attached;
  if (self->workspace != NULL &&
      g_strcmp0 (attest_workspace_get_path (self->workspace), attest_evidence_attacher_get_workspace_path (attacher)) == 0)
    {
      reload (self);
      if (any)
        emit_cell_changed (self, wait->scope_id, wait->service_id);
    }
  attach_wait_free (wait);
  start_next_attach (self);
}

static void
start_attach (AttestCellPane *self,
              AttachRequest  *request)
{
  AttestChecklistRow *row = row_for_item (self, request->item_id);
  AttachWait *wait;

  g_assert (self->attacher == NULL);

  self->attacher = attest_evidence_attacher_new (attest_workspace_get_path (self->workspace),
                                                 attest_workspace_get_reviewer (self->workspace),
                                                 request->item_id, request->files);
  self->attach_cancellable = g_cancellable_new ();
  wait = g_new0 (AttachWait, 1);
  g_weak_ref_init (&wait->pane, self);
  wait->scope_id = g_strdup (request->scope_id);
  wait->service_id = g_strdup (request->service_id);
  wait->cancellable = g_object_ref (self->attach_cancellable);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_progress (self);
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, update_progress, self);
  if (row != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  attest_evidence_attacher_attach_async (self->attacher, self->attach_cancellable, attach_done, wait);
}

static void
start_next_attach (AttestCellPane *self)
{
  AttachRequest *request;

  if (self->attacher != NULL || (request = g_queue_pop_head (&self->pending)) == NULL)
    return;
  if (self->workspace != NULL)
    start_attach (self, request);
  attach_request_free (request);
}

static void
attach_to_item (AttestCellPane *self,
                gint64          item_id,
                GSList         *files)
{
  AttachRequest *request;

  if (files == NULL || !check_workspace (self))
    return;
  if (is_read_only (self))
    {
      show_failure (self, _("Files cannot be attached: the workspace is read-only. Save a Copy to make changes."));
      return;
    }
  if (item_id == 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s is not in scope: there is no checklist item to "
                                                    "attach files to."),
                                                  self->cell_name != NULL ? self->cell_name : "");
      show_failure (self, message);
      return;
    }

  request = g_new0 (AttachRequest, 1);
  request->item_id = item_id;
  request->scope_id = g_strdup (self->scope_id);
  request->service_id = g_strdup (self->service_id);
  request->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (request->files, g_object_ref (l->data));
  g_queue_push_tail (&self->pending, request);
  start_next_attach (self);
}

/* The item files go to when none is named: the one under the pointer, else
 * the one holding the focus, else the first. */
static gint64
default_item (AttestCellPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (self->hover_row != NULL)
    return attest_checklist_row_get_item_id (self->hover_row);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
      (row = gtk_widget_get_ancestor (focus, ATTEST_TYPE_CHECKLIST_ROW)) != NULL)
    return attest_checklist_row_get_item_id (ATTEST_CHECKLIST_ROW (row));
  if (self->rows->len > 0)
    return attest_checklist_row_get_item_id (self->rows->pdata[0]);
  return 0;
}

/**
 * attest_cell_pane_attach_files:
 * @files: (element-type GFile): the files to attach
 *
 * Attaches @files to the item under the pointer, else the focused item, else
 * the first item of the cell, in a worker; the pane shows the progress and
 * then what was attached and what could not be (naming each file).
 */
void
attest_cell_pane_attach_files (AttestCellPane *self,
                               GSList         *files)
{
  g_return_if_fail (ATTEST_IS_CELL_PANE (self));

  attach_to_item (self, default_item (self), files);
}

/**
 * attest_cell_pane_cancel:
 *
 * Cancels the running attach and those waiting for it. Files already stored
 * stay; nothing half-stored remains (each file is one transaction).
 */
void
attest_cell_pane_cancel (AttestCellPane *self)
{
  g_return_if_fail (ATTEST_IS_CELL_PANE (self));

  g_queue_clear_full (&self->pending, (GDestroyNotify)attach_request_free);
  g_cancellable_cancel (self->attach_cancellable);
}

static void
cancel_attach_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  attest_cell_pane_cancel (ATTEST_CELL_PANE (widget));
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  AttestCellPane  *self)
{
  gint64 *item_id = g_object_get_data (G_OBJECT (dialog), "attest-item-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *files = NULL;

      for (guint i = g_list_model_get_n_items (model); i > 0; i--)
        files = g_slist_prepend (files, g_list_model_get_item (model, i - 1));
      attach_to_item (self, item_id != NULL ? *item_id : 0, files);
      g_slist_free_full (files, g_object_unref);
    }
  if (self->chooser == dialog)
    g_clear_object (&self->chooser);
}

static void
attach_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  gint64 *item_id;

  if (!check_workspace (self))
    return;
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
    }
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (_("Attach Evidence Files"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  item_id = g_new (gint64, 1);
  *item_id = g_variant_get_int64 (parameter);
  g_object_set_data_full (G_OBJECT (chooser), "attest-item-id", item_id, g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* Linking, unlinking, undo */

static void
link_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  const char *sha256;
  gboolean ok;

  g_variant_get (parameter, "(x&s)", &item_id, &sha256);
  if (!check_workspace (self))
    return;
  ok = attest_workspace_link_evidence (self->workspace, item_id, sha256, &error);
  edit_done (self, ok, error);
}

static void
remove_evidence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestEvidence) evidence = NULL;
  AdwToast *toast;
  g_autofree char *title = NULL;
  gint64 item_id;
  const char *sha256;

  g_variant_get (parameter, "(x&s)", &item_id, &sha256);
  if (!check_workspace (self))
    return;

  evidence = attest_workspace_get_evidence (self->workspace, sha256, &error);
  if (evidence == NULL || !attest_workspace_unlink_evidence (self->workspace, item_id, sha256, &error))
    {
      edit_done (self, FALSE, error);
      return;
    }
  edit_done (self, TRUE, NULL);

  /* The bytes stay in the workspace: Undo links them again. */
  /* Translators: a toast after removing a file from a checklist item; %s is its name */
  title = g_strdup_printf (_("Removed “%s”"), evidence->name);
  toast = attest_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "pane.undo-remove");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sxsss)", attest_workspace_get_path (self->workspace),
                                                           item_id, evidence->sha256,
                                                           self->scope_id, self->service_id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  show_toast (self, toast);
}

/* The toast may outlive the cell it was about: it names the cell it changes,
 * and the workspace: as the window's Undo of a rename or a merge, it only
 * undoes in its own workspace (an item id means another item in another). */
static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  const char *path, *sha256, *scope_id, *service_id;

  g_variant_get (parameter, "(&sx&s&s&s)", &path, &item_id, &sha256, &scope_id, &service_id);
  if (self->workspace == NULL || g_strcmp0 (path, attest_workspace_get_path (self->workspace)) != 0)
    return;
  if (!attest_workspace_link_evidence (self->workspace, item_id, sha256, &error))
    {
      edit_done (self, FALSE, error);
      return;
    }
  reload (self);
  emit_cell_changed (self, scope_id, service_id);
}

/* "Link Existing Evidence…": one stored report serving many cells */

static void
link_dialog_filter_changed (GtkSearchEntry *entry,
                            GtkListBox     *list)
{
  gtk_list_box_invalidate_filter (list);
}

static gboolean
link_dialog_filter (GtkListBoxRow *row,
                    gpointer       user_data)
{
  GtkEditable *entry = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "attest-key");
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (entry), -1);

  return key == NULL || strstr (key, g_strstrip (needle)) != NULL;
}

static void
link_dialog_row_activated (AdwActionRow *row,
                           GtkWindow    *dialog)
{
  AttestCellPane *self = g_object_get_data (G_OBJECT (dialog), "attest-pane");
  gint64 item_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "attest-item-id");
  const char *sha256 = g_object_get_data (G_OBJECT (row), "attest-sha256");

  gtk_widget_activate_action (GTK_WIDGET (self), "pane.link-evidence", "(xs)", item_id, sha256);
  gtk_window_destroy (dialog);
}

static void
link_existing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *box, *header, *title, *entry, *scrolled, *list, *placeholder;
  GtkEventController *shortcuts;
  gint64 *item_id;
  AttestChecklistRow *row;

  if (!check_workspace (self))
    return;
  item_id = g_new (gint64, 1);
  *item_id = g_variant_get_int64 (parameter);
  all = attest_workspace_list_evidence (self->workspace, &error);
  if (all != NULL)
    linked = attest_workspace_list_item_evidence (self->workspace, *item_id, &error);
  if (all == NULL || linked == NULL)
    {
      g_free (item_id);
      show_failure (self, error->message);
      return;
    }
  row = row_for_item (self, *item_id);

  dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Link Existing Evidence"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, 520);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "attest-pane", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "attest-item-id", item_id, g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Link Existing Evidence"),
                                row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  entry = gtk_search_entry_new ();
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (entry), dialog);
  g_object_set (entry, "placeholder-text", _("Filter by name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter evidence files by name"), -1);
  gtk_widget_set_margin_top (entry, 12);
  gtk_widget_set_margin_start (entry, 12);
  gtk_widget_set_margin_end (entry, 12);
  gtk_box_append (GTK_BOX (box), entry);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Evidence files in this workspace"), -1);
  placeholder = gtk_label_new (all->len == 0 ? _("No evidence files in this workspace yet")
                                             : _("No file matches"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);

  for (guint i = 0; i < all->len; i++)
    {
      AttestEvidence *e = all->pdata[i];
      GtkWidget *erow = adw_action_row_new ();
      g_autofree char *size = g_format_size ((guint64)MAX (e->size, 0));
      g_autofree char *subtitle = NULL;
      gboolean is_linked = has_evidence (linked, e->sha256);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (erow), e->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (erow), FALSE);
      if (is_linked)
        /* Translators: in the list of stored evidence files */
        subtitle = g_strdup_printf ("%s · %s", size, _("already attached to this item"));
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · serves %s item", "%s · serves %s items",
                                                 e->cells->len),
                                    size, attest_count (e->cells->len));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (erow), subtitle);
      gtk_widget_set_sensitive (erow, !is_linked);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (erow), !is_linked);
      g_object_set_data_full (G_OBJECT (erow), "attest-sha256", g_strdup (e->sha256), g_free);
      g_object_set_data_full (G_OBJECT (erow), "attest-key", g_utf8_casefold (e->name, -1), g_free);
      g_signal_connect (erow, "activated", G_CALLBACK (link_dialog_row_activated), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), erow);
    }
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), link_dialog_filter, entry, NULL);
  g_signal_connect (entry, "search-changed", G_CALLBACK (link_dialog_filter_changed), list);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  /* Escape closes it, as any dialog. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, shortcuts);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Effective and expiry dates */

static void
dates_dialog_done (GObject            *owner,
                   AdwMessageDialog   *dialog,
                   const char * const *days)
{
  AttestCellPane *self = ATTEST_CELL_PANE (owner);
  const char *sha256 = g_object_get_data (G_OBJECT (dialog), "attest-sha256");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->workspace == NULL)
    return;
  /* An empty date clears it. */
  ok = attest_workspace_update_evidence_dates (self->workspace, sha256,
                                               days[0] != NULL ? days[0] : "", days[1] != NULL ? days[1] : "",
                                               &error);
  edit_done (self, ok, error);
}

static void
edit_dates_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  g_autoptr(AttestEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *titles[] = { _("_Effective Date"), _("E_xpiry Date"), NULL };
  const char *values[2];
  AdwMessageDialog *dialog;

  if (!check_workspace (self))
    return;
  evidence = attest_workspace_get_evidence (self->workspace, g_variant_get_string (parameter, NULL), &error);
  if (evidence == NULL)
    {
      show_failure (self, error->message);
      return;
    }

  /* Translators: %s is an evidence file's name */
  body = g_strdup_printf (_("The dates of “%s” hold wherever it is attached. Use YYYY-MM-DD; leave a date "
                            "empty to clear it."),
                          evidence->name);
  values[0] = evidence->effective;
  values[1] = evidence->expires;
  dialog = attest_date_dialog_new (widget, _("Evidence Dates"), body, "save", _("_Save"), titles, values,
                                   dates_dialog_done, G_OBJECT (self));
  g_object_set_data_full (G_OBJECT (dialog), "attest-sha256", g_strdup (evidence->sha256), g_free);
}

/* Opening a file: an AttestEvidenceOpener */

static void
open_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *pane = user_data;
  g_autoptr(AttestCellPane) self = g_weak_ref_get (pane);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (pane);
  g_free (pane);
  if (!attest_evidence_opener_open_finish (ATTEST_EVIDENCE_OPENER (source), result, &error) && self != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (self, error->message);   /* it names the file */
}

/* "pane.open-evidence": a PDF read in the window's centre (win.read-pdf),
 * anything else in the desktop's application, as
 * "pane.open-evidence-with" opens any file. */
static void
open_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttestCellPane *self = ATTEST_CELL_PANE (widget);
  g_autoptr(AttestEvidenceOpener) opener = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  GWeakRef *pane;

  if (!check_workspace (self))
    return;
  if (g_str_equal (action_name, "pane.open-evidence"))
    {
      g_autoptr(AttestEvidence) evidence = attest_workspace_get_evidence (self->workspace,
                                                                          g_variant_get_string (parameter, NULL),
                                                                          NULL);

      if (evidence != NULL && g_strcmp0 (evidence->mime, "application/pdf") == 0 &&
          gtk_widget_activate_action_variant (widget, "win.read-pdf", parameter))
        return;
    }
  opener = attest_evidence_opener_new (attest_workspace_get_path (self->workspace),
                                       g_variant_get_string (parameter, NULL));
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  pane = g_new0 (GWeakRef, 1);
  g_weak_ref_init (pane, self);
  attest_evidence_opener_open_async (opener, context, self->open_cancellable, open_done, pane);
}

/* Dropping files, and where the pointer is */

static AttestChecklistRow *
row_at (AttestCellPane *self,
        double          x,
        double          y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, ATTEST_TYPE_CHECKLIST_ROW) : NULL;

  return row != NULL ? ATTEST_CHECKLIST_ROW (row) : NULL;
}

static void
pointer_motion (GtkEventControllerMotion *controller,
                double                    x,
                double                    y,
                AttestCellPane           *self)
{
  self->hover_row = row_at (self, x, y);
}

static void
pointer_leave (GtkEventControllerMotion *controller,
               AttestCellPane           *self)
{
  self->hover_row = NULL;
}

static GdkDragAction
drop_motion (GtkDropTarget  *target,
             double          x,
             double          y,
             AttestCellPane *self)
{
  AttestChecklistRow *row;

  if (self->workspace == NULL || !self->in_scope || self->rows->len == 0 || is_read_only (self))
    return 0;
  row = row_at (self, x, y);
  set_drop_row (self, row != NULL ? row : (self->hover_row != NULL ? self->hover_row : self->rows->pdata[0]));
  return GDK_ACTION_COPY;
}

static void
drop_leave (GtkDropTarget  *target,
            AttestCellPane *self)
{
  set_drop_row (self, NULL);
}

static gboolean
drop_files (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            AttestCellPane *self)
{
  AttestChecklistRow *row = row_at (self, x, y);
  GSList *files;

  set_drop_row (self, NULL);
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->workspace == NULL || !self->in_scope ||
      is_read_only (self))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  attach_to_item (self, row != NULL ? attest_checklist_row_get_item_id (row) : default_item (self), files);
  g_slist_free (files);
  return TRUE;
}

/* For the tests */

gboolean
_attest_cell_pane_is_attaching (AttestCellPane *self)
{
  return self->attacher != NULL || !g_queue_is_empty (&self->pending);
}

/* The running attach: a test waits for its worker, which outlives the pane. */
AttestEvidenceAttacher *
_attest_cell_pane_get_attacher (AttestCellPane *self)
{
  return self->attacher;
}

AdwToast *
_attest_cell_pane_get_last_toast (AttestCellPane *self)
{
  return self->last_toast;
}

const char *
_attest_cell_pane_get_quote_text (AttestCellPane *self)
{
  return gtk_label_get_text (self->source_label);
}

const char *
_attest_cell_pane_get_translated_quote_text (AttestCellPane *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->translated_label)) ? gtk_label_get_text (self->translated_label)
                                                                       : NULL;
}

/* The caption above the translated line ("Page text · French (France)"), or NULL when hidden. */
const char *
_attest_cell_pane_get_translated_caption_text (AttestCellPane *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->translated_caption)) ? gtk_label_get_text (self->translated_caption)
                                                                         : NULL;
}

const char *
_attest_cell_pane_get_variant_text (AttestCellPane *self)
{
  return gtk_label_get_text (self->variant_label);
}

const char *
_attest_cell_pane_get_banner_text (AttestCellPane *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->banner_label)) ? gtk_label_get_text (self->banner_label) : NULL;
}

const char *
_attest_cell_pane_get_summary_text (AttestCellPane *self)
{
  return adw_preferences_group_get_description (self->checklist_group);
}

const char *
_attest_cell_pane_get_failure_text (AttestCellPane *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->failure_box)) ? gtk_label_get_text (self->failure_label) : NULL;
}

GtkWidget *
_attest_cell_pane_get_item_row (AttestCellPane *self,
                                guint           index)
{
  return index < self->rows->len ? self->rows->pdata[index] : NULL;
}

GtkWidget *
_attest_cell_pane_get_link_row (AttestCellPane *self,
                                guint           index)
{
  return index < self->link_rows->len ? self->link_rows->pdata[index] : NULL;
}

/* The object */

AttestCellPane *
attest_cell_pane_new (void)
{
  return g_object_new (ATTEST_TYPE_CELL_PANE, NULL);
}

static void
attest_cell_pane_dispose (GObject *object)
{
  AttestCellPane *self = ATTEST_CELL_PANE (object);

  /* Nothing that comes back from a thread touches the pane after this. */
  attest_cell_pane_cancel (self);
  clear_anchor (self);
  g_clear_object (&self->attacher);
  g_clear_object (&self->attach_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_cancellable_cancel (self->open_cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
    }
  g_clear_object (&self->chooser);
  g_clear_object (&self->last_toast);

  clear_cell (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_CELL_PANE);

  G_OBJECT_CLASS (attest_cell_pane_parent_class)->dispose (object);
}

static void
attest_cell_pane_finalize (GObject *object)
{
  AttestCellPane *self = ATTEST_CELL_PANE (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->link_rows);
  g_clear_object (&self->open_cancellable);

  G_OBJECT_CLASS (attest_cell_pane_parent_class)->finalize (object);
}

static void
attest_cell_pane_class_init (AttestCellPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_cell_pane_dispose;
  object_class->finalize = attest_cell_pane_finalize;

  /**
   * AttestCellPane::cell-changed:
   * @scope_id: the cell's scope
   * @service_id: the cell's service
   *
   * A stored edit may have changed the cell's roll-up or evidence: the window
   * refreshes that cell of the matrix.
   */
  signals[CELL_CHANGED] =
    g_signal_new ("cell-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AttestCellPane::close-requested:
   *
   * The close button or Escape: the window hides the pane.
   */
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "pane.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "pane.set-status", "(xs)", set_status_action);
  gtk_widget_class_install_action (widget_class, "pane.set-owner", "(xs)", set_owner_action);
  gtk_widget_class_install_action (widget_class, "pane.set-due", "(xs)", set_due_action);
  gtk_widget_class_install_action (widget_class, "pane.attach-files", "x", attach_files_action);
  gtk_widget_class_install_action (widget_class, "pane.cancel-attach", NULL, cancel_attach_action);
  gtk_widget_class_install_action (widget_class, "pane.link-existing", "x", link_existing_action);
  gtk_widget_class_install_action (widget_class, "pane.link-evidence", "(xs)", link_evidence_action);
  gtk_widget_class_install_action (widget_class, "pane.remove-evidence", "(xs)", remove_evidence_action);
  gtk_widget_class_install_action (widget_class, "pane.undo-remove", "(sxsss)", undo_remove_action);
  gtk_widget_class_install_action (widget_class, "pane.open-evidence", "s", open_evidence_action);
  gtk_widget_class_install_action (widget_class, "pane.open-evidence-with", "s", open_evidence_action);
  gtk_widget_class_install_action (widget_class, "pane.edit-dates", "s", edit_dates_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pane.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-cell-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, scope_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, read_page_button);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, service_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, failure_box);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, failure_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, source_group);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, translated_caption);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, translated_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, source_caption);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, source_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, qualifier_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, variant_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, AttestCellPane, notes_box);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_failures);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cellpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The pane's styles, once per process (style.css is the window's). */
static void
load_style (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL)
        {
          g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

          gtk_css_provider_load_from_resource (provider, "/io/github/attest/Attest/attest-cell-pane.css");
          gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }
      g_once_init_leave (&loaded, 1);
    }
}

static void
attest_cell_pane_init (AttestCellPane *self)
{
  GtkEventController *motion;
  GtkDropTarget *drop;

  g_type_ensure (ATTEST_TYPE_CHECKLIST_ROW);
  load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  attest_unshown_follow_stack (self->stack);

  self->rows = g_ptr_array_new ();
  self->link_rows = g_ptr_array_new ();
  g_queue_init (&self->pending);
  self->open_cancellable = g_cancellable_new ();

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (pointer_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "enter", G_CALLBACK (drop_motion), self);
  g_signal_connect (drop, "motion", G_CALLBACK (drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_files), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* After the checklist: the framework's PDFs, with whether the workspace holds each. */
  self->links_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->links_group, _("Documents"));
  attest_preferences_group_set_plain_description (self->links_group,
                                                  _("The framework's backgrounder, audit reports and certificates"));
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->checklist_group))),
                              GTK_WIDGET (self->links_group), GTK_WIDGET (self->checklist_group));

  attest_cell_pane_set_cell (self, NULL, NULL, NULL, NULL);
}
