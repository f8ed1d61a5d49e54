/* attest-annotation-editor.c: one annotation's colour, text and linked checklist items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal window, the PDF view's and the page view's alike: the
 * passage (a section annotation's quote), a colour from a named palette,
 * the Markdown text, and the checklist items the annotation supports, with
 * a picker that finds any item of any in-scope cell as the analyst types
 * ("soc intune except"). Nothing is stored until Save, and then everything
 * at once: one transaction, one history row (attest_workspace_add_annotation
 * for a new annotation, attest_workspace_update_annotation for one stored).
 * Cancel and Escape leave the workspace as it was. A store error keeps the
 * window open, everything typed still there, the reason under it.
 */
#define G_LOG_DOMAIN "attest-annotation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-annotation-editor.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-names.h"

/* The most picker results shown at once: more words narrow them. */
#define MAX_RESULTS 50
#define ITEM_ID_KEY "attest-annotation-item-id"

typedef struct {
  const char *color;
  const char *name;   /* N_() */
} PaletteColor;

/* Light enough that text stays readable on them (GNOME palette). The first
 * is the store's default (ATTEST_ANNOTATION_DEFAULT_COLOR). */
static const PaletteColor palette[] = {
  /* Translators: an annotation colour, said by screen readers and shown in lists */
  { "#f6d32d", N_("Yellow") },
  /* Translators: an annotation colour */
  { "#8ff0a4", N_("Green") },
  /* Translators: an annotation colour */
  { "#99c1f1", N_("Blue") },
  /* Translators: an annotation colour */
  { "#f66151", N_("Red") },
  /* Translators: an annotation colour */
  { "#dc8add", N_("Purple") },
};

guint
attest_annotation_palette_get_n_colors (void)
{
  return G_N_ELEMENTS (palette);
}

/* The palette's colour @index, "#rrggbb". */
const char *
attest_annotation_palette_get_color (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (palette), NULL);
  return palette[index].color;
}

/**
 * attest_annotation_palette_name:
 * @color: "#rrggbb", any case
 *
 * Returns: the colour's translated name ("Yellow"), or %NULL for a colour
 *   not in the palette (one set from the CLI)
 */
const char *
attest_annotation_palette_name (const char *color)
{
  for (guint i = 0; color != NULL && i < G_N_ELEMENTS (palette); i++)
    if (g_ascii_strcasecmp (color, palette[i].color) == 0)
      return _(palette[i].name);
  return NULL;
}

/* What to call @color: its palette name, else "Colour #123456". */
char *
attest_annotation_color_describe (const char *color)
{
  const char *name = attest_annotation_palette_name (color);

  if (name != NULL)
    return g_strdup (name);
  /* Translators: an annotation colour not in the palette (set from the command line); %s is "#rrggbb" */
  return g_strdup_printf (_("Colour %s"), color != NULL ? color : ATTEST_ANNOTATION_DEFAULT_COLOR);
}

/* One checklist item the picker offers. */
typedef struct {
  gint64 id;
  char *label;      /* "SOC 2 × Intune, item 5: Exceptions reviewed" */
  char *folded;     /* what a search matches: the label and the framework, case-folded */
} PickerItem;

static void
picker_item_free (PickerItem *item)
{
  g_free (item->label);
  g_free (item->folded);
  g_free (item);
}

struct _AttestAnnotationEditor
{
  AdwWindow parent_instance;

  AttestWorkspace *workspace;
  AttestAnnotation *annotation;   /* as stored (or to be added) */
  char *color;                    /* the colour chosen */
  GArray *item_ids;               /* gint64: the items linked, in the order linked */
  GPtrArray *catalog;             /* PickerItem, every item of every in-scope cell */
  GHashTable *by_id;              /* gint64 * → PickerItem, borrowed from catalog */

  GtkButton *save_button;
  GtkLabel *quote_label;
  GtkWidget *quote_heading;
  GtkToggleButton *swatches[G_N_ELEMENTS (palette)];
  GtkLabel *color_label;
  GtkTextView *text_view;
  GtkListBox *linked_list;
  GtkLabel *linked_empty;
  GtkSearchEntry *search_entry;
  GtkListBox *results_list;
  GtkLabel *results_label;
  GtkLabel *error_label;
  gboolean setting_color;
};

G_DEFINE_FINAL_TYPE (AttestAnnotationEditor, attest_annotation_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_results (AttestAnnotationEditor *self);

static gboolean
is_linked (AttestAnnotationEditor *self,
           gint64                  id)
{
  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_array_index (self->item_ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Every item of every in-scope cell, named as history and notes name them;
 * a cell never edited offers its template's items (provisional ids, which
 * Save stores). */
static void
load_catalog (AttestAnnotationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (self->workspace);
  g_autoptr(GHashTable) frameworks = g_hash_table_new (g_str_hash, g_str_equal);
  AttestMatrix *matrix = attest_workspace_load_matrix (self->workspace, &error);

  if (matrix == NULL)
    {
      g_warning ("Could not list the checklist items: %s", error->message);
      return;
    }
  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[i];

      for (guint j = 0; j < framework->scopes->len; j++)
        g_hash_table_insert (frameworks, ((AttestMatrixScope *)framework->scopes->pdata[j])->id, framework);
    }
  for (guint i = 0; i < matrix->cells->len; i++)
    {
      AttestMatrixCell *cell = matrix->cells->pdata[i];
      AttestMatrixFramework *framework;
      g_autoptr(GPtrArray) items = NULL;

      if (g_strcmp0 (cell->rollup, "no-longer-in-scope") == 0)
        continue;
      items = attest_workspace_get_checklist (self->workspace, cell->scope, cell->service, NULL);
      framework = g_hash_table_lookup (frameworks, cell->scope);
      for (guint j = 0; items != NULL && j < items->len; j++)
        {
          AttestChecklistItem *item = items->pdata[j];
          PickerItem *p = g_new0 (PickerItem, 1);
          g_autofree char *name = attest_workspace_names_cell (names, cell->scope, cell->service, item->position);
          g_autofree char *haystack = NULL;

          p->id = item->id;
          /* Translators: a checklist item in a list: its cell and number ("SOC 2 × Intune, item 5"), its title */
          p->label = g_strdup_printf (_("%s: %s"), name, attest_checklist_title_display (item->title));
          haystack = g_strdup_printf ("%s %s %s %s", p->label, item->title,
                                      framework != NULL ? framework->short_name : "",
                                      framework != NULL ? framework->title : "");
          p->folded = g_utf8_casefold (haystack, -1);
          g_ptr_array_add (self->catalog, p);
          g_hash_table_insert (self->by_id, &p->id, p);
        }
    }
  attest_matrix_free (matrix);
}

/* What a linked item is called: the picker's name, else the history's
 * ("SOC 2 × Intune, item 5": a cell no longer in scope). */
static char *
item_label (AttestAnnotationEditor *self,
            gint64                  id)
{
  PickerItem *p = g_hash_table_lookup (self->by_id, &id);
  g_autoptr(AttestWorkspaceNames) names = NULL;

  if (p != NULL)
    return g_strdup (p->label);
  names = attest_workspace_names_new (self->workspace);
  return attest_workspace_names_item_title (names, id);
}

static void unlink_clicked (GtkButton              *button,
                            AttestAnnotationEditor *self);

static void
update_linked (AttestAnnotationEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->linked_list))) != NULL)
    gtk_list_box_remove (self->linked_list, child);
  for (guint i = 0; i < self->item_ids->len; i++)
    {
      gint64 id = g_array_index (self->item_ids, gint64, i);
      g_autofree char *label = item_label (self, id);
      g_autofree char *remove = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      /* Translators: a button beside a linked checklist item; %s is the item */
      remove = g_strdup_printf (_("Remove the link to %s"), label);
      gtk_widget_set_tooltip_text (button, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), ITEM_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (unlink_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->linked_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->linked_list), self->item_ids->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->linked_empty), self->item_ids->len == 0);
}

static void
unlink_clicked (GtkButton              *button,
                AttestAnnotationEditor *self)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (button), ITEM_ID_KEY);

  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_array_index (self->item_ids, gint64, i) == id)
      {
        g_array_remove_index (self->item_ids, i);
        break;
      }
  update_linked (self);
  update_results (self);
  /* The row and its button are gone: the focus goes somewhere near. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
link_item (AttestAnnotationEditor *self,
           gint64                  id)
{
  if (!is_linked (self, id))
    g_array_append_val (self->item_ids, id);
  update_linked (self);
  update_results (self);
}

static void
on_result_activated (GtkListBox             *list,
                     GtkListBoxRow          *row,
                     AttestAnnotationEditor *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), ITEM_ID_KEY);

  if (id == NULL)
    return;
  link_item (self, *id);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Enter in the search links the first item found. */
static void
on_search_activate (GtkSearchEntry         *entry,
                    AttestAnnotationEditor *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (row != NULL)
    on_result_activated (self->results_list, row, self);
}

/* The items whose name holds every word typed, not linked yet. */
static void
update_results (AttestAnnotationEditor *self)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  GtkWidget *child;
  guint found = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (words[0] == NULL || *words[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->results_label), FALSE);
      return;
    }
  for (guint i = 0; i < self->catalog->len; i++)
    {
      PickerItem *p = self->catalog->pdata[i];
      gboolean match = !is_linked (self, p->id);

      for (guint w = 0; match && words[w] != NULL; w++)
        if (*words[w] != '\0' && strstr (p->folded, words[w]) == NULL)
          match = FALSE;
      if (!match)
        continue;
      if (found < MAX_RESULTS)
        {
          GtkWidget *row = gtk_list_box_row_new ();
          GtkWidget *label = gtk_label_new (p->label);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_widget_set_margin_top (label, 8);
          gtk_widget_set_margin_bottom (label, 8);
          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
          g_object_set_data_full (G_OBJECT (row), ITEM_ID_KEY, g_memdup2 (&p->id, sizeof p->id), g_free);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, p->label, -1);
          gtk_list_box_append (self->results_list, row);
        }
      found++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), found > 0);
  if (found == 0)
    gtk_label_set_text (self->results_label, _("No checklist item has all these words"));
  else if (found > MAX_RESULTS)
    {
      g_autofree char *text = NULL;

      /* Translators: under the first items found; %u is how many were found in all */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item found: type more words to narrow them",
                                           "%u items found: type more words to narrow them", found), found);
      gtk_label_set_text (self->results_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), found == 0 || found > MAX_RESULTS);
}

static void
show_color (AttestAnnotationEditor *self)
{
  g_autofree char *name = attest_annotation_color_describe (self->color);

  self->setting_color = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    gtk_toggle_button_set_active (self->swatches[i], g_ascii_strcasecmp (self->color, palette[i].color) == 0);
  self->setting_color = FALSE;
  gtk_label_set_text (self->color_label, name);
}

static void
on_swatch_toggled (GtkToggleButton        *button,
                   AttestAnnotationEditor *self)
{
  if (self->setting_color || !gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (self->swatches[i] == button)
      {
        g_free (self->color);
        self->color = g_strdup (palette[i].color);
      }
  show_color (self);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const char *color = data;
  GdkRGBA rgba;
  double r = MIN (width, height) / 2.0 - 1;

  if (!gdk_rgba_parse (&rgba, color))
    return;
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static char *
typed_text (AttestAnnotationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * attest_annotation_editor_save:
 *
 * Stores what the window shows: the colour, the text and the linked items,
 * one transaction and one history row; emits ::saved. On a failure nothing
 * is stored and the window keeps everything.
 */
gboolean
attest_annotation_editor_save (AttestAnnotationEditor  *self,
                               GError                 **error)
{
  g_autoptr(AttestAnnotation) edited = NULL;
  gboolean ok;

  g_return_val_if_fail (ATTEST_IS_ANNOTATION_EDITOR (self), FALSE);

  edited = attest_annotation_copy (self->annotation);
  g_free (edited->color);
  edited->color = g_strdup (self->color);
  g_free (edited->text);
  edited->text = typed_text (self);
  g_array_set_size (edited->item_ids, 0);
  g_array_append_vals (edited->item_ids, self->item_ids->data, self->item_ids->len);
  /* The links are item_ids alone: a removed first item stays removed. */
  edited->item_id = 0;
  if (edited->id == 0)
    ok = attest_workspace_add_annotation (self->workspace, edited, error);
  else
    ok = attest_workspace_update_annotation (self->workspace, edited, error);
  if (!ok)
    return FALSE;
  attest_annotation_free (self->annotation);
  self->annotation = g_steal_pointer (&edited);
  /* Items stored by this edit have their ids now. */
  g_array_set_size (self->item_ids, 0);
  g_array_append_vals (self->item_ids, self->annotation->item_ids->data, self->annotation->item_ids->len);
  g_signal_emit (self, signals[SAVED], 0, self->annotation->id);
  return TRUE;
}

static void
save_clicked (AttestAnnotationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!attest_annotation_editor_save (self, &error))
    {
      /* Translators: the annotation could not be stored; %s says why */
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked (AttestAnnotationEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  save_clicked (ATTEST_ANNOTATION_EDITOR (widget));
  return TRUE;
}

static gboolean
cancel_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   data)
{
  cancel_clicked (ATTEST_ANNOTATION_EDITOR (widget));
  return TRUE;
}

/* A heading over a part of the window, the mnemonic of @target. */
static GtkWidget *
heading (const char *text,
         GtkWidget  *target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  if (target != NULL)
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  return label;
}

static void
attest_annotation_editor_dispose (GObject *object)
{
  AttestAnnotationEditor *self = ATTEST_ANNOTATION_EDITOR (object);

  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_annotation_editor_parent_class)->dispose (object);
}

static void
attest_annotation_editor_finalize (GObject *object)
{
  AttestAnnotationEditor *self = ATTEST_ANNOTATION_EDITOR (object);

  g_clear_pointer (&self->annotation, attest_annotation_free);
  g_free (self->color);
  g_array_unref (self->item_ids);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->catalog);

  G_OBJECT_CLASS (attest_annotation_editor_parent_class)->finalize (object);
}

static void
attest_annotation_editor_class_init (AttestAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_annotation_editor_dispose;
  object_class->finalize = attest_annotation_editor_finalize;

  /**
   * AttestAnnotationEditor::saved:
   * @id: the annotation's id (new on an add)
   *
   * The annotation is stored as the window showed it (one history row).
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, cancel_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, save_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
}

static void
attest_annotation_editor_init (AttestAnnotationEditor *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *swatch_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text_scroll = gtk_scrolled_window_new ();
  GtkWidget *label;

  self->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->catalog = g_ptr_array_new_with_free_func ((GDestroyNotify)picker_item_free);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->color = g_strdup (ATTEST_ANNOTATION_DEFAULT_COLOR);

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  /* Translators: the button that stores the annotation */
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), _("Save (Ctrl+Enter)"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  /* The passage, for a section annotation: filled in by _new(). */
  /* Translators: a heading in the annotation editor, over the passage highlighted */
  self->quote_heading = heading (_("Passage"), NULL);
  gtk_widget_set_visible (self->quote_heading, FALSE);
  gtk_box_append (GTK_BOX (box), self->quote_heading);
  label = gtk_label_new (NULL);
  self->quote_label = GTK_LABEL (label);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_lines (GTK_LABEL (label), 6);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  /* Colour: one toggle a colour, named; the name of the one chosen beside. */
  /* Translators: a heading in the annotation editor */
  gtk_box_append (GTK_BOX (box), heading (_("Colour"), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, (gpointer)palette[i].color, NULL);
      gtk_button_set_child (GTK_BUTTON (button), area);
      gtk_widget_set_tooltip_text (button, _(palette[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(palette[i].name), -1);
      gtk_widget_add_css_class (button, "flat");
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->swatches[0]);
      g_signal_connect (button, "toggled", G_CALLBACK (on_swatch_toggled), self);
      self->swatches[i] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (swatch_box), button);
    }
  self->color_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_margin_start (GTK_WIDGET (self->color_label), 6);
  gtk_box_append (GTK_BOX (swatch_box), GTK_WIDGET (self->color_label));
  gtk_widget_set_margin_bottom (swatch_box, 12);
  gtk_box_append (GTK_BOX (box), swatch_box);

  /* The text, Markdown. */
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 8);
  gtk_text_view_set_right_margin (self->text_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Annotation text (Markdown)"),
                                  -1);
  /* Translators: a heading in the annotation editor; the underlined letter focuses the text */
  gtk_box_append (GTK_BOX (box), heading (_("_Text (Markdown)"), GTK_WIDGET (self->text_view)));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (text_scroll), GTK_WIDGET (self->text_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (text_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (text_scroll), 120);
  gtk_widget_add_css_class (text_scroll, "card");
  gtk_widget_set_margin_bottom (text_scroll, 12);
  gtk_box_append (GTK_BOX (box), text_scroll);

  /* The items linked. */
  /* Translators: a heading in the annotation editor */
  gtk_box_append (GTK_BOX (box), heading (_("Linked Checklist Items"), NULL));
  self->linked_empty = GTK_LABEL (gtk_label_new (_("Not linked to any checklist item yet")));
  gtk_label_set_xalign (self->linked_empty, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->linked_empty), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->linked_empty));
  self->linked_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->linked_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->linked_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->linked_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Linked checklist items"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->linked_list));

  /* The picker. */
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  /* Translators: the placeholder of the search for a checklist item to link */
  g_object_set (self->search_entry, "placeholder-text", _("Framework, service or item words"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find a checklist item to link"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (update_results), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  label = heading (_("_Link an Item"), GTK_WIDGET (self->search_entry));
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  self->results_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->results_list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->results_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checklist items found"), -1);
  g_signal_connect (self->results_list, "row-activated", G_CALLBACK (on_result_activated), self);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results_list));
  self->results_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->results_label, 0);
  gtk_label_set_wrap (self->results_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results_label));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL, -1);
}

/**
 * attest_annotation_editor_new:
 * @annotation: the annotation to edit: one stored (its id), or one to add
 *   (id 0: its target, quote and shape set)
 *
 * Returns: (transfer none): the window, not yet shown; it destroys itself
 *   on Save or Cancel.
 */
AttestAnnotationEditor *
attest_annotation_editor_new (GtkWindow              *parent,
                              AttestWorkspace        *workspace,
                              const AttestAnnotation *annotation)
{
  AttestAnnotationEditor *self;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (annotation != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_ANNOTATION_EDITOR,
                       "transient-for", parent,
                       "title", annotation->id == 0 ? _("New Annotation") : _("Edit Annotation"),
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->annotation = attest_annotation_copy (annotation);
  if (annotation->color != NULL && attest_annotation_color_is_valid (annotation->color))
    {
      g_free (self->color);
      self->color = g_ascii_strdown (annotation->color, -1);
    }
  if (annotation->item_ids != NULL)
    for (guint i = 0; i < annotation->item_ids->len; i++)
      if (!is_linked (self, g_array_index (annotation->item_ids, gint64, i)))
        g_array_append_val (self->item_ids, g_array_index (annotation->item_ids, gint64, i));
  if (annotation->item_id != 0 && !is_linked (self, annotation->item_id))
    g_array_append_val (self->item_ids, annotation->item_id);

  if (annotation->quote != NULL && *annotation->quote != '\0')
    {
      /* Translators: above the passage a section annotation highlights; %s is the passage */
      g_autofree char *text = g_strdup_printf (_("“%s”"), annotation->quote);

      gtk_label_set_text (self->quote_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->quote_label), TRUE);
      gtk_widget_set_visible (self->quote_heading, TRUE);
    }

  load_catalog (self);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_text (buffer, annotation->text != NULL ? annotation->text : "", -1);
  show_color (self);
  update_linked (self);
  update_results (self);
  return self;
}

/* The annotation as stored by the last Save (or as given, before one). */
const AttestAnnotation *
attest_annotation_editor_get_annotation (AttestAnnotationEditor *self)
{
  g_return_val_if_fail (ATTEST_IS_ANNOTATION_EDITOR (self), NULL);
  return self->annotation;
}

/* The colour chosen, "#rrggbb". */
const char *
attest_annotation_editor_get_color (AttestAnnotationEditor *self)
{
  g_return_val_if_fail (ATTEST_IS_ANNOTATION_EDITOR (self), NULL);
  return self->color;
}

/* The items linked in the window, in the order linked (gint64, transfer none). */
GArray *
attest_annotation_editor_get_item_ids (AttestAnnotationEditor *self)
{
  g_return_val_if_fail (ATTEST_IS_ANNOTATION_EDITOR (self), NULL);
  return self->item_ids;
}
