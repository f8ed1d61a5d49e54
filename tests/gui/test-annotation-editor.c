/* test-annotation-editor.c: an annotation's colour, text and links edited in AttestAnnotationEditor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Through the window's own controls (swatches, text, the item picker, the
 * remove buttons, Save and Cancel), with the workspace read back after
 * each: Save stores everything in one history row, Cancel nothing, a
 * refused save keeps the window and what was typed.
 *
 * With ATTEST_ANNOTATION_EDITOR_SCREENSHOT=file.png the editor, a passage,
 * a text and a link filled in, is also saved as a PNG, to look at it.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-annotation-editor.h"
#include "attest-history.h"
#include "attest-paths.h"
#include "attest-resources.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-annotations.h"

#define SECTION "framework:soc#overview"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  AttestAnnotationEditor *editor;
  gint64 saved_id;
  guint n_saved;
} Fixture;

static void
on_saved (AttestAnnotationEditor *editor,
          gint64                  id,
          Fixture                *f)
{
  f->saved_id = id;
  f->n_saved++;
}

static guint
n_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, NULL, &error);

  g_assert_no_error (error);
  return rows->len;
}

static void
fixture_set_up (Fixture *f)
{
  attest_paths_init_i18n ();
  attest_register_resource ();
  adw_init ();
  attest_test_use_app_style ();

  f->ws = attest_test_workspace_new ("attest-gui-annotation-XXXXXX", "Dana", &f->dir, &f->path);
  g_assert_cmpuint (attest_test_import_bundled (f->ws, "offering-soc.fr-FR.md"), ==, 1);
}

static void
fixture_tear_down (Fixture *f)
{
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
}

/* Opens the editor on @a and waits until it shows. */
static void
open_editor (Fixture                *f,
             const AttestAnnotation *a)
{
  f->editor = attest_annotation_editor_new (NULL, f->ws, a);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *)&f->editor);
  g_signal_connect (f->editor, "saved", G_CALLBACK (on_saved), f);
  gtk_window_present (GTK_WINDOW (f->editor));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->editor)))
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_button (Fixture    *f,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_visible (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0 ||
        g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  g_error ("no button “%s” in the editor", label);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  attest_test_settle (20);
}

static void
type_text (Fixture    *f,
           const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (attest_test_find_visible (GTK_WIDGET (f->editor), GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
}

/* The list boxes of the editor: the linked items first, then the results. */
static GtkListBox *
list_box (Fixture *f,
          guint    index)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (f->editor), GTK_TYPE_LIST_BOX, lists);
  g_assert_cmpuint (lists->len, ==, 2);
  return lists->pdata[index];
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  if (!gtk_widget_get_visible (GTK_WIDGET (list)))
    return 0;
  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* Types @query in the picker and waits for its results. */
static guint
search (Fixture    *f,
        const char *query)
{
  GtkWidget *entry = attest_test_find_visible (GTK_WIDGET (f->editor), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  /* search-changed comes after the entry's delay: at once here, whatever
   * the machine's load (the entry's own, later, finds the same). */
  g_signal_emit_by_name (entry, "search-changed");
  attest_test_settle (50);
  return n_rows (list_box (f, 1));
}

static const char *
row_label (GtkListBoxRow *row)
{
  GtkWidget *child = gtk_list_box_row_get_child (row);

  if (ADW_IS_PREFERENCES_ROW (row))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  return gtk_label_get_text (GTK_LABEL (child));
}

static AttestAnnotation *
stored (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  AttestAnnotation *a = attest_workspace_get_annotation (f->ws, id, &error);

  g_assert_no_error (error);
  return a;
}

static gint64
add_section_annotation (Fixture *f)
{
  g_autoptr(AttestAnnotation) a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  g_autoptr(GError) error = NULL;

  a->section = g_strdup (SECTION);
  a->quote = g_strdup ("the opinion of the service auditor");
  a->text = g_strdup ("Read this first.");
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);
  return a->id;
}

/* The palette: five named colours, the store's default first; a colour
 * outside it described by its value. */
static void
test_palette (void)
{
  attest_paths_init_i18n ();
  g_assert_cmpuint (attest_annotation_palette_get_n_colors (), ==, 5);
  g_assert_cmpstr (attest_annotation_palette_get_color (0), ==, ATTEST_ANNOTATION_DEFAULT_COLOR);
  g_assert_cmpstr (attest_annotation_palette_name ("#F6D32D"), ==, "Yellow");
  g_assert_cmpstr (attest_annotation_palette_name ("#8ff0a4"), ==, "Green");
  g_assert_cmpstr (attest_annotation_palette_name ("#99c1f1"), ==, "Blue");
  g_assert_cmpstr (attest_annotation_palette_name ("#f66151"), ==, "Red");
  g_assert_cmpstr (attest_annotation_palette_name ("#dc8add"), ==, "Purple");
  g_assert_null (attest_annotation_palette_name ("#123456"));
  g_assert_null (attest_annotation_palette_name (NULL));
  {
    g_autofree char *other = attest_annotation_color_describe ("#123456");
    g_autofree char *green = attest_annotation_color_describe ("#8ff0a4");

    g_assert_cmpstr (other, ==, "Colour #123456");
    g_assert_cmpstr (green, ==, "Green");
  }
  for (guint i = 0; i < attest_annotation_palette_get_n_colors (); i++)
    g_assert_true (attest_annotation_color_is_valid (attest_annotation_palette_get_color (i)));
}

/* A stored annotation: colour, text and a link changed, saved as one row. */
static void
test_edit_and_save (void)
{
  Fixture f = { 0 };
  g_autoptr(AttestAnnotation) before = NULL;
  g_autoptr(AttestAnnotation) after = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gint64 id;
  guint rows_before;
  guint found;
  char *linked_label;

  fixture_set_up (&f);
  id = add_section_annotation (&f);
  before = stored (&f, id);
  rows_before = n_history (&f);

  open_editor (&f, before);
  /* The passage is shown, the text as stored, Yellow chosen and said. */
  attest_test_collect_visible (GTK_WIDGET (f.editor), GTK_TYPE_LABEL, labels);
  {
    gboolean quote = FALSE, yellow = FALSE;

    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (labels->pdata[i]);

        quote |= strstr (text, "the opinion of the service auditor") != NULL;
        yellow |= g_str_equal (text, "Yellow");
      }
    g_assert_true (quote);
    g_assert_true (yellow);
  }
  g_assert_cmpuint (n_rows (list_box (&f, 0)), ==, 0);

  /* Every swatch is named (tooltip and accessible label alike). */
  for (guint i = 0; i < attest_annotation_palette_get_n_colors (); i++)
    find_button (&f, attest_annotation_palette_name (attest_annotation_palette_get_color (i)));

  click (find_button (&f, "Green"));
  g_assert_cmpstr (attest_annotation_editor_get_color (f.editor), ==, "#8ff0a4");
  type_text (&f, "The **opinion** is unqualified.\n\nSee page 4.");

  /* The picker: words of the framework, the service and the item narrow
   * the items; nothing found for words no item has. */
  g_assert_cmpuint (search (&f, "no such words anywhere"), ==, 0);
  found = search (&f, "soc");
  g_assert_cmpuint (found, >, 0);
  linked_label = g_strdup (row_label (gtk_list_box_get_row_at_index (list_box (&f, 1), 0)));
  g_assert_nonnull (strstr (linked_label, ", item "));
  g_assert_nonnull (strstr (linked_label, ": "));
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box (&f, 1), 0)));
  attest_test_settle (20);
  g_assert_cmpuint (n_rows (list_box (&f, 0)), ==, 1);
  g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (&f, 0), 0)), ==, linked_label);
  /* A linked item is no longer offered. */
  g_assert_cmpuint (n_rows (list_box (&f, 1)), <=, found);
  for (guint i = 0; i < n_rows (list_box (&f, 1)); i++)
    g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (&f, 1), i)), !=, linked_label);

  if (g_getenv ("ATTEST_ANNOTATION_EDITOR_SCREENSHOT") != NULL)
    {
      attest_test_settle (200);
      attest_test_save_png (GTK_WIDGET (f.editor), g_getenv ("ATTEST_ANNOTATION_EDITOR_SCREENSHOT"));
    }

  click (find_button (&f, "_Save"));
  g_assert_null (f.editor);
  g_assert_cmpuint (f.n_saved, ==, 1);
  g_assert_cmpint (f.saved_id, ==, id);
  g_assert_cmpuint (n_history (&f), ==, rows_before + 1);

  after = stored (&f, id);
  g_assert_cmpstr (after->color, ==, "#8ff0a4");
  g_assert_cmpstr (after->text, ==, "The **opinion** is unqualified.\n\nSee page 4.");
  g_assert_cmpstr (after->quote, ==, "the opinion of the service auditor");
  g_assert_cmpstr (after->section, ==, SECTION);
  g_assert_cmpuint (after->item_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (after->item_ids, gint64, 0), >, 0);

  /* Again: the link is listed by its name and removed with its button. */
  open_editor (&f, after);
  g_assert_cmpuint (n_rows (list_box (&f, 0)), ==, 1);
  g_assert_cmpstr (row_label (gtk_list_box_get_row_at_index (list_box (&f, 0), 0)), ==, linked_label);
  {
    g_autofree char *remove = g_strdup_printf ("Remove the link to %s", linked_label);

    click (find_button (&f, remove));
  }
  g_assert_cmpuint (n_rows (list_box (&f, 0)), ==, 0);
  click (find_button (&f, "_Save"));
  g_assert_null (f.editor);
  g_assert_cmpuint (n_history (&f), ==, rows_before + 2);
  {
    g_autoptr(AttestAnnotation) unlinked = stored (&f, id);

    g_assert_cmpuint (unlinked->item_ids->len, ==, 0);
    g_assert_cmpstr (unlinked->color, ==, "#8ff0a4");
  }

  g_free (linked_label);
  fixture_tear_down (&f);
}

/* Cancel stores nothing, whatever was changed. */
static void
test_cancel (void)
{
  Fixture f = { 0 };
  g_autoptr(AttestAnnotation) before = NULL;
  g_autoptr(AttestAnnotation) after = NULL;
  gint64 id;
  guint rows_before;

  fixture_set_up (&f);
  id = add_section_annotation (&f);
  before = stored (&f, id);
  rows_before = n_history (&f);

  open_editor (&f, before);
  click (find_button (&f, "Red"));
  type_text (&f, "changed");
  g_assert_cmpuint (search (&f, "soc"), >, 0);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box (&f, 1), 0)));
  attest_test_settle (20);
  click (find_button (&f, "_Cancel"));
  g_assert_null (f.editor);
  g_assert_cmpuint (f.n_saved, ==, 0);
  g_assert_cmpuint (n_history (&f), ==, rows_before);
  after = stored (&f, id);
  g_assert_cmpstr (after->color, ==, before->color);
  g_assert_cmpstr (after->text, ==, "Read this first.");
  g_assert_cmpuint (after->item_ids->len, ==, 0);

  fixture_tear_down (&f);
}

/* A new annotation is added by Save, with its links, in one row; a refused
 * save (text over the limit) keeps the window and stores nothing. */
static void
test_new_and_refused (void)
{
  Fixture f = { 0 };
  g_autoptr(AttestAnnotation) fresh = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = NULL;
  guint rows_before;

  fixture_set_up (&f);
  fresh->section = g_strdup (SECTION);
  fresh->quote = g_strdup ("complementary user entity controls");
  rows_before = n_history (&f);

  open_editor (&f, fresh);
  click (find_button (&f, "Purple"));
  huge = g_strnfill (ATTEST_ANNOTATION_MAX_BYTES + 1, 'x');
  type_text (&f, huge);
  click (find_button (&f, "_Save"));
  /* Refused: still open, the reason shown, nothing stored. */
  g_assert_nonnull (f.editor);
  g_assert_cmpuint (f.n_saved, ==, 0);
  g_assert_cmpuint (n_history (&f), ==, rows_before);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean said = FALSE;

    attest_test_collect_visible (GTK_WIDGET (f.editor), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      said |= g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "Not saved: ");
    g_assert_true (said);
  }

  type_text (&f, "CUECs: check each.");
  g_assert_cmpuint (search (&f, "soc"), >, 1);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box (&f, 1), 0)));
  attest_test_settle (20);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box (&f, 1), 0)));
  attest_test_settle (20);
  g_assert_cmpuint (n_rows (list_box (&f, 0)), ==, 2);
  click (find_button (&f, "_Save"));
  g_assert_null (f.editor);
  g_assert_cmpuint (f.n_saved, ==, 1);
  g_assert_cmpint (f.saved_id, >, 0);
  g_assert_cmpuint (n_history (&f), ==, rows_before + 1);

  listed = attest_workspace_list_section_annotations (f.ws, "soc", "overview", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  {
    AttestAnnotation *a = listed->pdata[0];

    g_assert_cmpint (a->id, ==, f.saved_id);
    g_assert_cmpstr (a->color, ==, "#dc8add");
    g_assert_cmpstr (a->text, ==, "CUECs: check each.");
    g_assert_cmpstr (a->quote, ==, "complementary user entity controls");
    g_assert_cmpuint (a->item_ids->len, ==, 2);
  }

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/annotation-editor/palette", test_palette);
  g_test_add_func ("/annotation-editor/edit-and-save", test_edit_and_save);
  g_test_add_func ("/annotation-editor/cancel", test_cancel);
  g_test_add_func ("/annotation-editor/new-and-refused", test_new_and_refused);

  return g_test_run ();
}
