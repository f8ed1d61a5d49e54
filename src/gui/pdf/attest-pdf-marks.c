/* attest-pdf-marks.c: an evidence PDF's annotations: listed, made, edited, deleted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF view's "Marks" sidebar page: one row a mark (its page, kind and
 * colour by name, the first words of its text, the checklist items it
 * supports), filtered by words, colour and item; a row shows its mark,
 * flashing. It also makes the marks the toolbar's tools draw, edits and
 * deletes them (Undo in the toast), and saves an annotated copy. Every
 * change is one call of the store (one transaction, one history row);
 * then everything is read back, so the view and the list show what is
 * stored. A change refused says why in a toast and loses nothing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "attest-annotated-copy.h"
#include "attest-annotation-editor.h"
#include "attest-markdown.h"
#include "attest-markup.h"
#include "attest-pdf-annotations.h"
#include "attest-pdf-marks.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-toast.h"

#define FIRST_WORDS 80

typedef struct {
  gint64 id;
  char *cell;   /* "SOC 2 × Intune, item 5" */
  char *title;  /* the item's words */
} MarkItem;

struct _AttestPdfMarks
{
  GtkWidget parent_instance;

  AttestPdfView *view;   /* not owned: the page's */
  AttestWorkspace *workspace;
  char *sha256;
  char *display_name;
  AttestPdfCellNamer namer;
  gpointer namer_data;

  GPtrArray *annotations;  /* AttestAnnotation, as stored */
  GPtrArray *items;        /* MarkItem: the items of the cells the file serves */
  gint64 pending_show;     /* shown once the file is open */

  GtkListBox *list;
  GtkWidget *empty;
  GtkSearchEntry *filter_entry;
  GtkDropDown *color_filter;
  GtkDropDown *item_filter;
  GtkStringList *item_filter_labels;
  GArray *item_filter_ids;  /* gint64, beside the labels after "All items" */
  guint updating;

  AttestAnnotation *deleted;  /* what Undo brings back */
  AdwToast *undo_toast;
  GCancellable *saving;
};

G_DEFINE_FINAL_TYPE (AttestPdfMarks, attest_pdf_marks, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Read back, and said to whoever shows the marks elsewhere (the cell pane). */
static void
changed (AttestPdfMarks *self)
{
  attest_pdf_marks_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
mark_item_free (gpointer data)
{
  MarkItem *item = data;

  g_free (item->cell);
  g_free (item->title);
  g_free (item);
}

/* The palette is the annotation editor's: one palette, each colour named. */
guint
attest_pdf_mark_palette_size (void)
{
  return attest_annotation_palette_get_n_colors ();
}

const char *
attest_pdf_mark_palette_color (guint index)
{
  return attest_annotation_palette_get_color (index);
}

const char *
attest_pdf_mark_palette_name (guint index)
{
  return attest_annotation_palette_name (attest_annotation_palette_get_color (index));
}

static gint
palette_index (const char *color)
{
  for (guint i = 0; i < attest_annotation_palette_get_n_colors (); i++)
    if (color != NULL && g_ascii_strcasecmp (attest_annotation_palette_get_color (i), color) == 0)
      return (gint) i;
  return -1;
}

/**
 * attest_pdf_mark_color_name:
 *
 * Returns: (transfer full): the colour's name in the palette ("Yellow"),
 *   or its value for a colour not in it (made with the CLI)
 */
char *
attest_pdf_mark_color_name (const char *color)
{
  return attest_annotation_color_describe (color != NULL ? color : ATTEST_ANNOTATION_DEFAULT_COLOR);
}

static const char *
kind_name (AttestAnnotationKind kind)
{
  switch (kind)
    {
    /* Translators: a kind of annotation on a PDF: marked text */
    case ATTEST_ANNOTATION_HIGHLIGHT: return C_("kind of mark", "Highlight");
    /* Translators: a kind of annotation on a PDF: a drawn rectangle */
    case ATTEST_ANNOTATION_RECTANGLE: return C_("kind of mark", "Rectangle");
    /* Translators: a kind of annotation on a PDF: a note on a point */
    case ATTEST_ANNOTATION_NOTE:
    default: return C_("kind of mark", "Note");
    }
}

/* Said in the window's toast overlay (else logged). Each replaces the one
 * before: marking quickly never stacks up toasts (nor hides Undo behind
 * them). */
static AdwToast *
say (AttestPdfMarks *self,
     AdwToast       *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      /* Of high priority: the one said before goes (attest-toast.c). */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      attest_toast_show (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
      return NULL;
    }
  return toast;
}

static void
say_error (AttestPdfMarks *self,
           const char     *what,
           const GError   *error)
{
  /* Translators: what could not be done ("The mark was not added"), then why */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  say (self, attest_toast_new_plain (message));
}

static char *
page_name (AttestPdfMarks *self,
           guint           page)
{
  AttestPdfDocument *document = attest_pdf_view_get_document (self->view);
  const char *label = document != NULL ? attest_pdf_document_get_page_label (document, page) : NULL;

  if (label != NULL)
    /* Translators: where a mark is: a page's label ("iii" or "12") */
    return g_strdup_printf (_("Page %s"), label);
  /* Translators: where a mark is: a page number */
  return g_strdup_printf (_("Page %u"), page + 1);
}

static const MarkItem *
find_item (AttestPdfMarks *self,
           gint64          id)
{
  for (guint i = 0; i < self->items->len; i++)
    if (((MarkItem *) self->items->pdata[i])->id == id)
      return self->items->pdata[i];
  return NULL;
}

/* "SOC 2 × Intune, item 5", or the item's number when its cell is not
 * one this file serves. */
static char *
item_name (AttestPdfMarks *self,
           gint64          id)
{
  const MarkItem *item = find_item (self, id);
  g_autofree char *number = NULL;

  if (item != NULL)
    return g_strdup (item->cell);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: a checklist item known by its number alone */
  return g_strdup_printf (_("Checklist item %s"), number);
}

/* The first words of @text, on one line. */
static char *
first_words (const char *text)
{
  g_autofree char *flat = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  if (text == NULL || *text == '\0')
    return NULL;
  flat = attest_markdown_to_plain_text (text);
  if (*flat == '\0')
    return NULL;
  for (p = flat; *p != '\0' && n < FIRST_WORDS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_isspace (c) ? ' ' : c);
    }
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
linked_items (AttestPdfMarks         *self,
              const AttestAnnotation *a)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; a->item_ids != NULL && i < a->item_ids->len; i++)
    {
      g_autofree char *name = item_name (self, g_array_index (a->item_ids, gint64, i));

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const AttestAnnotation *
find_annotation (AttestPdfMarks *self,
                 gint64          id)
{
  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    if (((AttestAnnotation *) self->annotations->pdata[i])->id == id)
      return self->annotations->pdata[i];
  return NULL;
}

/* The items of every cell the file serves, to name and to link. */
static void
load_items (AttestPdfMarks *self)
{
  g_autoptr(AttestEvidence) evidence = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_ptr_array_set_size (self->items, 0);
  if (self->workspace == NULL || self->sha256 == NULL)
    return;
  evidence = attest_workspace_get_evidence (self->workspace, self->sha256, NULL);
  for (guint i = 0; evidence != NULL && evidence->cells != NULL && i < evidence->cells->len; i++)
    {
      const char *cell = evidence->cells->pdata[i];
      const char *colon = strchr (cell, ':');
      const char *hash = strrchr (cell, '#');
      g_autofree char *scope = NULL;
      g_autofree char *service = NULL;
      g_autofree char *cell_name = NULL;
      g_autoptr(GPtrArray) checklist = NULL;

      if (colon == NULL || hash == NULL || hash < colon)
        continue;
      scope = g_strndup (cell, colon - cell);
      service = g_strndup (colon + 1, hash - colon - 1);
      if (!g_hash_table_add (seen, g_strconcat (scope, ":", service, NULL)))
        continue;
      checklist = attest_workspace_get_checklist (self->workspace, scope, service, NULL);
      if (checklist == NULL)
        continue;
      if (self->namer != NULL)
        cell_name = self->namer (scope, service, self->namer_data);
      if (cell_name == NULL)
        /* Translators: a cell, "<scope> × <service>" */
        cell_name = g_strdup_printf (_("%s × %s"), scope, service);
      for (guint j = 0; j < checklist->len; j++)
        {
          const AttestChecklistItem *c = checklist->pdata[j];
          MarkItem *item = g_new0 (MarkItem, 1);

          item->id = c->id;
          /* Translators: a checklist item: its cell ("SOC 2 × Intune") and its number */
          item->cell = g_strdup_printf (_("%s, item %u"), cell_name, c->position);
          item->title = g_strdup (attest_checklist_title_display (c->title));
          g_ptr_array_add (self->items, item);
        }
    }
}

static gint64
row_id (GtkListBoxRow *row)
{
  return row != NULL ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "mark-id")) : 0;
}

static gboolean
row_filter (GtkListBoxRow *row,
            gpointer       user_data)
{
  AttestPdfMarks *self = user_data;
  const AttestAnnotation *a = find_annotation (self, row_id (row));
  const char *words = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  guint color = gtk_drop_down_get_selected (self->color_filter);
  guint item = gtk_drop_down_get_selected (self->item_filter);

  if (a == NULL)
    return FALSE;
  if (color > 0 && color != GTK_INVALID_LIST_POSITION &&
      palette_index (a->color) != (gint) color - 1)
    return FALSE;
  if (item > 0 && item != GTK_INVALID_LIST_POSITION && item - 1 < self->item_filter_ids->len &&
      !attest_annotation_has_item (a, g_array_index (self->item_filter_ids, gint64, item - 1)))
    return FALSE;
  if (words != NULL && *words != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (words, -1);
      g_autofree char *items = linked_items (self, a);
      g_autofree char *haystack = NULL;
      g_autofree char *folded = NULL;

      haystack = g_strjoin ("\n", a->text != NULL ? a->text : "", items, NULL);
      folded = g_utf8_casefold (haystack, -1);
      if (strstr (folded, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
refilter (AttestPdfMarks *self)
{
  guint shown;

  if (self->updating > 0)
    return;
  gtk_list_box_invalidate_filter (self->list);
  shown = attest_pdf_marks_get_n_shown (self);
  gtk_widget_set_visible (self->empty, shown == 0);
  gtk_label_set_text (GTK_LABEL (self->empty),
                      self->annotations != NULL && self->annotations->len > 0
                        ? _("No mark matches the filter")
                        : _("No marks yet. Select text and press Highlight, or draw a Rectangle or a Note."));
}

static void
edit_clicked (GtkButton      *button,
              AttestPdfMarks *self)
{
  attest_pdf_marks_edit (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "mark-id")));
}

static void
delete_clicked (GtkButton      *button,
                AttestPdfMarks *self)
{
  attest_pdf_marks_delete (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "mark-id")));
}

static GtkWidget *
make_row (AttestPdfMarks         *self,
          const AttestAnnotation *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *page = page_name (self, a->page);
  g_autofree char *color = attest_pdf_mark_color_name (a->color);
  g_autofree char *title = NULL;
  g_autofree char *words = first_words (a->text);
  g_autofree char *items = linked_items (self, a);
  g_autoptr(GString) subtitle = g_string_new (words != NULL ? words : _("No text"));
  GtkWidget *swatch = gtk_label_new ("●");
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *edit_name = NULL;
  g_autofree char *delete_name = NULL;
  gint index = palette_index (a->color);

  /* Translators: a mark in the list: its page, its kind, its colour ("Page 3 · Highlight · Yellow") */
  title = g_strdup_printf (_("%s · %s · %s"), page, kind_name (a->kind), color);
  if (*items != '\0')
    g_string_append_printf (subtitle, "\n%s", items);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "mark-id", GSIZE_TO_POINTER ((gsize) a->id));

  /* The colour shown beside its name (never alone). */
  gtk_widget_add_css_class (swatch, "mark-swatch");
  if (index >= 0)
    {
      g_autofree char *klass = g_strdup_printf ("mark-color-%d", index);
      gtk_widget_add_css_class (swatch, klass);
    }
  else if (attest_annotation_color_is_valid (a->color))
    {
      /* A colour from outside the palette (attest-cli's --color): its own. */
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", a->color);
      gtk_label_set_markup (GTK_LABEL (swatch), markup);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);

  /* Translators: a button's accessible name; %s is a mark, "Page 3 · Highlight · Yellow" */
  edit_name = g_strdup_printf (_("Edit %s"), title);
  /* Translators: a button's accessible name; %s is a mark, "Page 3 · Highlight · Yellow" */
  delete_name = g_strdup_printf (_("Delete %s"), title);
  gtk_widget_set_tooltip_text (edit, _("Edit the mark (F2)"));
  gtk_widget_set_tooltip_text (delete, _("Delete the mark (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name, -1);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (edit), "mark-id", GSIZE_TO_POINTER ((gsize) a->id));
  g_object_set_data (G_OBJECT (delete), "mark-id", GSIZE_TO_POINTER ((gsize) a->id));
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked), self);
  g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked), self);
  gtk_widget_set_sensitive (edit, !attest_workspace_is_read_only (self->workspace));
  gtk_widget_set_sensitive (delete, !attest_workspace_is_read_only (self->workspace));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
  return row;
}

/* The item filter: every item a mark supports. */
static void
load_item_filter (AttestPdfMarks *self)
{
  gint64 chosen = 0;
  guint selected = gtk_drop_down_get_selected (self->item_filter);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint select = 0;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected - 1 < self->item_filter_ids->len)
    chosen = g_array_index (self->item_filter_ids, gint64, selected - 1);
  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      const AttestAnnotation *a = self->annotations->pdata[i];

      for (guint j = 0; a->item_ids != NULL && j < a->item_ids->len; j++)
        {
          gint64 id = g_array_index (a->item_ids, gint64, j);
          gboolean known = FALSE;

          for (guint k = 0; k < ids->len && !known; k++)
            known = g_array_index (ids, gint64, k) == id;
          if (known)
            continue;
          g_array_append_val (ids, id);
          g_ptr_array_add (labels, item_name (self, id));
          if (id == chosen)
            select = ids->len;
        }
    }
  self->updating++;
  g_array_set_size (self->item_filter_ids, 0);
  g_array_append_vals (self->item_filter_ids, ids->data, ids->len);
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->item_filter_labels, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->item_filter_labels)) - 1,
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->item_filter, select);
  self->updating--;
}

/**
 * attest_pdf_marks_reload:
 *
 * Reads the file's annotations from the workspace again: the view draws
 * them, the list shows them.
 */
void
attest_pdf_marks_reload (AttestPdfMarks *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));

  if (self->workspace != NULL && self->sha256 != NULL)
    {
      annotations = attest_workspace_list_annotations (self->workspace, self->sha256, &error);
      if (annotations == NULL)
        g_warning ("The marks of %s cannot be read: %s", self->sha256, error->message);
    }
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  if (annotations != NULL)
    self->annotations = g_ptr_array_ref (annotations);
  /* No file open (the page let it go, maybe while it fades out): the rows
   * stay as they are, unseen, until the next file is open; changing them
   * now would leave the fading page without an allocation (GTK 4.8). */
  if (attest_pdf_view_get_document (self->view) == NULL)
    return;
  attest_pdf_view_set_annotations (self->view, self->annotations);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    gtk_list_box_append (self->list, make_row (self, self->annotations->pdata[i]));
  load_item_filter (self);
  refilter (self);

  if (self->pending_show != 0 && attest_pdf_view_get_document (self->view) != NULL)
    {
      gint64 id = self->pending_show;

      self->pending_show = 0;
      attest_pdf_marks_show (self, id);
    }
}

static void
document_changed (AttestPdfMarks *self)
{
  load_items (self);
  attest_pdf_marks_reload (self);
}

/**
 * attest_pdf_marks_set_source:
 * @workspace: (nullable): where the marks are kept; NULL for a PDF that is
 *   not evidence (no marks)
 * @namer: (nullable): names a cell of the window's matrix
 */
void
attest_pdf_marks_set_source (AttestPdfMarks    *self,
                             AttestWorkspace   *workspace,
                             const char        *sha256,
                             const char        *display_name,
                             AttestPdfCellNamer namer,
                             gpointer           namer_data)
{
  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));

  g_set_object (&self->workspace, workspace);
  g_free (self->sha256);
  self->sha256 = workspace != NULL ? g_strdup (sha256) : NULL;
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  self->namer = namer;
  self->namer_data = namer_data;
  self->pending_show = 0;
  g_clear_pointer (&self->deleted, attest_annotation_free);
  document_changed (self);
}

void
attest_pdf_marks_set_display_name (AttestPdfMarks *self,
                                   const char     *display_name)
{
  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
}

AttestWorkspace *
attest_pdf_marks_get_workspace (AttestPdfMarks *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), NULL);
  return self->workspace;
}

const char *
attest_pdf_marks_get_sha256 (AttestPdfMarks *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), NULL);
  return self->sha256;
}

/**
 * attest_pdf_marks_add:
 * @rects: (element-type AttestRect): a highlight's quads, a rectangle, or
 *   a note's point, in points on @page
 * @color: "#rrggbb"
 *
 * Stores a new mark (checked against the page first); says why not if not.
 *
 * Returns: its id, or 0
 */
gint64
attest_pdf_marks_add (AttestPdfMarks       *self,
                      AttestAnnotationKind  kind,
                      guint                 page,
                      GArray               *rects,
                      const char           *color)
{
  g_autoptr(AttestAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;
  AttestPdfDocument *document;
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  AdwToast *toast;

  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), 0);
  g_return_val_if_fail (rects != NULL, 0);

  document = attest_pdf_view_get_document (self->view);
  if (self->workspace == NULL || self->sha256 == NULL || document == NULL)
    {
      say (self, attest_toast_new_plain (_("Only evidence files kept in the workspace can be marked")));
      return 0;
    }
  a = attest_annotation_new (kind);
  a->sha256 = g_strdup (self->sha256);
  a->page = page;
  g_array_append_vals (a->rects, rects->data, rects->len);
  a->color = g_strdup (color);
  a->text = g_strdup ("");
  if (!attest_pdf_annotation_add (self->workspace, document, a, &error))
    {
      say_error (self, _("The mark was not added"), error);
      return 0;
    }
  changed (self);
  where = page_name (self, page);
  /* Translators: a toast; %s is a kind of mark ("Highlight"), then its page ("Page 3") */
  message = g_strdup_printf (_("%s added on %s"), kind_name (kind), where);
  toast = attest_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_Edit…"));
  g_object_set_data (G_OBJECT (toast), "mark-id", GSIZE_TO_POINTER ((gsize) a->id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (edit_clicked), self, 0);
  say (self, toast);
  return a->id;
}

/**
 * attest_pdf_marks_add_highlights:
 * @rects: (element-type GArray): a highlight's quads (#AttestRect, in
 *   points) on each page from @first_page on; %NULL or empty for a page
 *   without any
 * @color: "#rrggbb"
 *
 * A selection across pages highlighted: a highlight on each page it
 * touches, each checked against its page, stored together (one
 * transaction, one edit) or not at all; says why not if not.
 *
 * Returns: the first one's id, or 0
 */
gint64
attest_pdf_marks_add_highlights (AttestPdfMarks *self,
                                 guint           first_page,
                                 GPtrArray      *rects,
                                 const char     *color)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_annotation_free);
  g_autoptr(GError) error = NULL;
  AttestPdfDocument *document;
  const AttestAnnotation *first, *last;
  g_autofree char *message = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  AdwToast *toast;

  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), 0);
  g_return_val_if_fail (rects != NULL, 0);

  document = attest_pdf_view_get_document (self->view);
  if (self->workspace == NULL || self->sha256 == NULL || document == NULL)
    {
      say (self, attest_toast_new_plain (_("Only evidence files kept in the workspace can be marked")));
      return 0;
    }
  for (guint i = 0; i < rects->len; i++)
    {
      GArray *quads = rects->pdata[i];
      AttestAnnotation *a;

      if (quads == NULL || quads->len == 0)
        continue;
      a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
      g_ptr_array_add (marks, a);
      a->sha256 = g_strdup (self->sha256);
      a->page = first_page + i;
      g_array_append_vals (a->rects, quads->data, quads->len);
      a->color = g_strdup (color);
      a->text = g_strdup ("");
      if (!attest_pdf_annotation_check (document, a, &error))
        {
          say_error (self, _("The marks were not added"), error);
          return 0;
        }
    }
  if (marks->len == 0)
    return 0;
  if (marks->len == 1)
    {
      const AttestAnnotation *a = marks->pdata[0];

      return attest_pdf_marks_add (self, ATTEST_ANNOTATION_HIGHLIGHT, a->page, a->rects, color);
    }
  if (!attest_workspace_add_annotations (self->workspace, marks, &error))
    {
      say_error (self, _("The marks were not added"), error);
      return 0;
    }
  changed (self);
  first = marks->pdata[0];
  last = marks->pdata[marks->len - 1];
  from = page_name (self, first->page);
  to = page_name (self, last->page);
  /* Translators: a toast; a highlight was added on each page from the
   * first (%s, "Page 3") to the last (%s, "Page 5") */
  message = g_strdup_printf (_("Highlights added from %s to %s"), from, to);
  toast = attest_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_Edit…"));
  g_object_set_data (G_OBJECT (toast), "mark-id", GSIZE_TO_POINTER ((gsize) first->id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (edit_clicked), self, 0);
  say (self, toast);
  return first->id;
}

/**
 * attest_pdf_marks_show:
 *
 * Scrolls the view to the mark and flashes it; its row is selected.
 *
 * Returns: whether the file has that mark
 */
gboolean
attest_pdf_marks_show (AttestPdfMarks *self,
                       gint64          id)
{
  GtkWidget *child;

  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), FALSE);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_id (GTK_LIST_BOX_ROW (child)) == id)
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
  return attest_pdf_view_flash_annotation (self->view, id);
}

/**
 * attest_pdf_marks_show_when_loaded:
 *
 * attest_pdf_marks_show() once the file is open and its marks read.
 */
void
attest_pdf_marks_show_when_loaded (AttestPdfMarks *self,
                                   gint64          id)
{
  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));

  if (attest_pdf_view_get_document (self->view) != NULL && find_annotation (self, id) != NULL)
    attest_pdf_marks_show (self, id);
  else
    self->pending_show = id;
}

static void
row_activated (GtkListBox     *list,
               GtkListBoxRow  *row,
               AttestPdfMarks *self)
{
  attest_pdf_marks_show (self, row_id (row));
}

/* Edit: the shared annotation editor (colour, Markdown text, the items
 * it supports, any cell's); saved, everything is read back. */

static void
editor_saved (AttestAnnotationEditor *editor,
              gint64                  id,
              AttestPdfMarks         *self)
{
  changed (self);
}

/**
 * attest_pdf_marks_edit:
 *
 * Opens the mark in the annotation editor; Save stores its colour, text
 * and items in one change.
 *
 * Returns: (transfer none) (nullable): the editor, or NULL for no such mark
 */
AttestAnnotationEditor *
attest_pdf_marks_edit (AttestPdfMarks *self,
                       gint64          id)
{
  const AttestAnnotation *a;
  AttestAnnotationEditor *editor;
  GtkRoot *root;

  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), NULL);

  a = find_annotation (self, id);
  if (a == NULL || self->workspace == NULL)
    return NULL;
  if (attest_workspace_is_read_only (self->workspace))
    {
      say (self, attest_toast_new_plain (_("The workspace is read-only: Save a Copy to make changes")));
      return NULL;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = attest_annotation_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->workspace, a);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/* Delete, and Undo */

static void
undo_delete (AdwToast       *toast,
             AttestPdfMarks *self)
{
  g_autoptr(AttestAnnotation) a = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (self->undo_toast == toast)
    self->undo_toast = NULL;
  if (a == NULL || self->workspace == NULL)
    return;
  /* The same annotation again: its id, its marks, its text, its items. */
  a->item_id = 0;
  if (!attest_workspace_add_annotation (self->workspace, a, &error))
    {
      say_error (self, _("The mark was not brought back"), error);
      return;
    }
  changed (self);
}

static void
undo_toast_dismissed (AdwToast       *toast,
                      AttestPdfMarks *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/**
 * attest_pdf_marks_delete:
 *
 * Deletes the mark (one change); the toast's Undo brings it back.
 *
 * Returns: whether it was deleted
 */
gboolean
attest_pdf_marks_delete (AttestPdfMarks *self,
                         gint64          id)
{
  g_autoptr(AttestAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;
  a = attest_workspace_get_annotation (self->workspace, id, &error);
  if (a == NULL || !attest_workspace_delete_annotation (self->workspace, id, &error))
    {
      say_error (self, _("The mark was not deleted"), error);
      return FALSE;
    }
  changed (self);
  where = page_name (self, a->page);
  /* Translators: a toast; %s is a kind of mark ("Highlight"), then its page ("Page 3") */
  message = g_strdup_printf (_("%s on %s deleted"), kind_name (a->kind), where);
  g_clear_pointer (&self->deleted, attest_annotation_free);
  self->deleted = g_steal_pointer (&a);
  toast = attest_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed), self, 0);
  self->undo_toast = say (self, toast);
  return TRUE;
}

/**
 * attest_pdf_marks_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast whose Undo brings back
 *   the mark deleted last, while it is shown
 */
AdwToast *
attest_pdf_marks_get_undo_toast (AttestPdfMarks *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), NULL);
  return self->undo_toast;
}

GtkListBox *
attest_pdf_marks_get_list (AttestPdfMarks *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), NULL);
  return self->list;
}

/* The rows the filters let through. */
guint
attest_pdf_marks_get_n_shown (AttestPdfMarks *self)
{
  guint n = 0;

  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_filter (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}

/**
 * attest_pdf_marks_set_filter:
 * @text: (nullable): words the text or the items must hold
 * @color: (nullable): a palette colour, or NULL for any
 * @item_id: a checklist item the marks support, or 0 for any
 */
void
attest_pdf_marks_set_filter (AttestPdfMarks *self,
                             const char     *text,
                             const char     *color,
                             gint64          item_id)
{
  guint item = 0;

  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));

  for (guint i = 0; i < self->item_filter_ids->len; i++)
    if (g_array_index (self->item_filter_ids, gint64, i) == item_id)
      item = i + 1;
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text != NULL ? text : "");
  gtk_drop_down_set_selected (self->color_filter, color != NULL ? (guint) (palette_index (color) + 1) : 0);
  gtk_drop_down_set_selected (self->item_filter, item);
  self->updating--;
  refilter (self);
}

/* Save Annotated Copy… */

typedef struct {
  char *workspace_path;
  char *sha256;
  GFile *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->workspace_path);
  g_free (data->sha256);
  g_object_unref (data->file);
  g_free (data);
}

/* On a connection of its own; written beside the chosen name, then
 * renamed over it: a failure leaves nothing half written. */
static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(AttestWorkspace) workspace = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Choose a file on this computer"));
      return;
    }
  workspace = attest_workspace_open (data->workspace_path, &error);
  if (workspace != NULL)
    bytes = attest_annotated_copy_from_workspace (workspace, data->sha256, &error);
  if (bytes == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
saved (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  AttestPdfMarks *self = ATTEST_PDF_MARKS (source);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file's name */
      message = g_strdup_printf (_("The annotated copy “%s” was not saved"), name);
      say_error (self, message, error);
    }
  else
    {
      /* Translators: %s is a file's name */
      message = g_strdup_printf (_("Annotated copy saved as “%s”"), name);
      say (self, attest_toast_new_plain (message));
    }
  g_clear_object (&self->saving);
}

/**
 * attest_pdf_marks_save_copy_to:
 *
 * Writes a copy of the file with its marks as PDF annotations to @file,
 * in a thread; a toast says when it is done, or why not. The stored file
 * never changes.
 */
void
attest_pdf_marks_save_copy_to (AttestPdfMarks *self,
                               GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->workspace == NULL || self->sha256 == NULL)
    return;
  g_cancellable_cancel (self->saving);
  g_clear_object (&self->saving);
  self->saving = g_cancellable_new ();
  data = g_new0 (SaveData, 1);
  data->workspace_path = g_strdup (attest_workspace_get_path (self->workspace));
  data->sha256 = g_strdup (self->sha256);
  data->file = g_object_ref (file);
  task = g_task_new (self, self->saving, saved, NULL);
  g_task_set_source_tag (task, attest_pdf_marks_save_copy_to);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
attest_pdf_marks_get_saving (AttestPdfMarks *self)
{
  g_return_val_if_fail (ATTEST_IS_PDF_MARKS (self), FALSE);
  return self->saving != NULL;
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  AttestPdfMarks  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        attest_pdf_marks_save_copy_to (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/**
 * attest_pdf_marks_save_copy:
 *
 * Asks where, then attest_pdf_marks_save_copy_to().
 */
void
attest_pdf_marks_save_copy (AttestPdfMarks *self)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  char *dot;

  g_return_if_fail (ATTEST_IS_PDF_MARKS (self));

  if (self->workspace == NULL || self->sha256 == NULL)
    {
      say (self, attest_toast_new_plain (_("Only evidence files kept in the workspace can be marked")));
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Save Annotated Copy"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  stem = g_strdup (self->display_name != NULL ? self->display_name : "evidence.pdf");
  dot = strrchr (stem, '.');
  if (dot != NULL && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *dot = '\0';
  /* Translators: the name offered for an annotated copy; %s is the file's name without ".pdf" */
  name = g_strdup_printf (_("%s (annotated).pdf"), stem);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The widget */

static void
list_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestPdfMarks *self = ATTEST_PDF_MARKS (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  gint64 id;

  if (row == NULL)
    row = GTK_WIDGET (gtk_list_box_get_selected_row (self->list));
  id = row != NULL ? row_id (GTK_LIST_BOX_ROW (row)) : 0;
  if (id == 0)
    return;
  if (g_str_equal (action_name, "marks.edit"))
    attest_pdf_marks_edit (self, id);
  else
    attest_pdf_marks_delete (self, id);
}

static void
attest_pdf_marks_dispose (GObject *object)
{
  AttestPdfMarks *self = ATTEST_PDF_MARKS (object);
  GtkWidget *child;

  g_cancellable_cancel (self->saving);
  g_clear_object (&self->saving);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, attest_annotation_free);
  g_clear_pointer (&self->item_filter_ids, g_array_unref);
  g_clear_object (&self->item_filter_labels);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->display_name, g_free);
  self->undo_toast = NULL;
  G_OBJECT_CLASS (attest_pdf_marks_parent_class)->dispose (object);
}

/* The widest the list asks to be: a mark's words wrap rather than widen
 * the sidebar (which would squeeze the pages and the file's name). */
#define NATURAL_WIDTH 260

static void
attest_pdf_marks_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *box = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (box == NULL)
    return;
  gtk_widget_measure (box, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
attest_pdf_marks_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GtkWidget *box = gtk_widget_get_first_child (widget);

  if (box != NULL)
    gtk_widget_allocate (box, width, height, baseline, NULL);
}

static void
attest_pdf_marks_class_init (AttestPdfMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_pdf_marks_dispose;
  widget_class->measure = attest_pdf_marks_measure;
  widget_class->size_allocate = attest_pdf_marks_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "attest-pdf-marks");
  /**
   * AttestPdfMarks::changed:
   *
   * A mark was added, edited, deleted or brought back.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "marks.edit", NULL, list_key_action);
  gtk_widget_class_install_action (widget_class, "marks.delete", NULL, list_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "marks.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "marks.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "marks.delete", NULL);
}

static void
add_swatch_css (void)
{
  static gboolean added;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = g_string_new (NULL);

  if (added || gdk_display_get_default () == NULL)
    return;
  added = TRUE;
  for (guint i = 0; i < attest_annotation_palette_get_n_colors (); i++)
    g_string_append_printf (css, ".mark-swatch.mark-color-%u { color: %s; }\n", i,
                            attest_annotation_palette_get_color (i));
  g_string_append (css, ".mark-swatch { font-size: 1.4em; }\n");
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The drop-downs' items ellipsized: a long item name never widens the sidebar. */
static void
ellipsized_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static void
ellipsized_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

static void
set_ellipsized_factory (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (ellipsized_setup), GINT_TO_POINTER (1));
  g_signal_connect (factory, "bind", G_CALLBACK (ellipsized_bind), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (ellipsized_setup), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (ellipsized_bind), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
}

static void
attest_pdf_marks_init (AttestPdfMarks *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GtkStringList) colors = gtk_string_list_new (NULL);

  add_swatch_css ();
  self->items = g_ptr_array_new_with_free_func (mark_item_free);
  self->item_filter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->filter_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->filter_entry, "placeholder-text", _("Filter marks"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter marks by their words or items"), -1);
  g_signal_connect_swapped (self->filter_entry, "search-changed", G_CALLBACK (refilter), self);

  /* Translators: the colour filter of the marks list: every colour */
  gtk_string_list_append (colors, _("All colours"));
  for (guint i = 0; i < attest_annotation_palette_get_n_colors (); i++)
    gtk_string_list_append (colors, attest_pdf_mark_palette_name (i));
  self->color_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (colors)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->color_filter), _("Show the marks of one colour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colour filter"), -1);
  g_signal_connect_swapped (self->color_filter, "notify::selected", G_CALLBACK (refilter), self);

  /* Translators: the item filter of the marks list: marks whatever they support */
  self->item_filter_labels = gtk_string_list_new ((const char *[]) { _("All items"), NULL });
  self->item_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->item_filter_labels)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->item_filter), _("Show the marks supporting one checklist item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->item_filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checklist item filter"), -1);
  g_signal_connect_swapped (self->item_filter, "notify::selected", G_CALLBACK (refilter), self);
  set_ellipsized_factory (self->color_filter);
  set_ellipsized_factory (self->item_filter);

  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->filter_entry));
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->color_filter));
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->item_filter));
  gtk_widget_set_margin_start (filters, 6);
  gtk_widget_set_margin_end (filters, 6);
  gtk_widget_set_margin_top (filters, 6);
  gtk_widget_set_margin_bottom (filters, 6);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_filter_func (self->list, row_filter, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Marks"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->empty = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_margin_start (self->empty, 12);
  gtk_widget_set_margin_end (self->empty, 12);
  gtk_widget_set_valign (self->empty, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (box), filters);
  gtk_box_append (GTK_BOX (box), self->empty);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  refilter (self);
}

/**
 * attest_pdf_marks_new:
 * @view: the view the marks are drawn in (it outlives the list)
 */
GtkWidget *
attest_pdf_marks_new (AttestPdfView *view)
{
  AttestPdfMarks *self = g_object_new (ATTEST_TYPE_PDF_MARKS, NULL);

  self->view = view;
  g_signal_connect_object (view, "notify::document", G_CALLBACK (document_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
