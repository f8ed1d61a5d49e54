/* test-service-dialogs.c: the Rename Service and Merge Service dialogs on a seeded workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With ATTEST_DIALOGS_SCREENSHOTS=DIR the dialogs are also saved there as
 * PNG files, to look at them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "attest-history.h"
#include "attest-matrix-export.h"
#include "attest-merge-dialog.h"
#include "attest-rename-dialog.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-services.h"

/* The bundled catalog, imported as on first run, with a little work on it. */
static AttestWorkspace *
open_seeded_workspace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  AttestWorkspace *ws = attest_workspace_open (path, &error);

  g_assert_no_error (error);
  attest_workspace_set_reviewer (ws, "Dana Reviewer");
  attest_test_import_bundled (ws, NULL);
  /* An exception where only Genomics is in scope, to see its cell move rows. */
  items = attest_workspace_get_checklist (ws, "iso-20000-1/iso-20000-1", "microsoft-genomics", &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_update_item (ws, ((AttestChecklistItem *)items->pdata[0])->id,
                                               "exception", NULL, NULL, &error));
  g_assert_no_error (error);
  return ws;
}

/* What the matrix shows: names, aliases, My services, every cell's word, and the JSON. */
static char *
dump_matrix (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = attest_workspace_load_matrix (ws, &error);
  g_autofree char *json = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < m->services->len; i++)
    {
      AttestMatrixService *s = m->services->pdata[i];
      g_string_append_printf (out, "%s %s mine=%d aliases=%u translations=%u\n", s->id, s->name, s->mine,
                              s->aliases->len, s->translations->len);
    }
  for (guint i = 0; i < m->cells->len; i++)
    {
      AttestMatrixCell *c = m->cells->pdata[i];
      g_string_append_printf (out, "%s × %s %s %u/%u\n", c->scope, c->service, c->rollup, c->n_satisfied, c->n_items);
    }
  json = attest_matrix_export_json (m, ATTEST_MATRIX_JSON_ALL);
  g_string_append (out, json);
  return g_string_free (out, FALSE);
}

static AttestHistoryEntry *
last_history (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (ws, NULL, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_true (attest_workspace_verify_history (ws, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  return g_ptr_array_steal_index (rows, rows->len - 1);
}

static GtkWindow *
new_parent (void)
{
  GtkWindow *parent = GTK_WINDOW (adw_window_new ());

  gtk_window_set_title (parent, "Attest");
  gtk_window_set_default_size (parent, 800, 600);
  gtk_window_present (parent);
  return parent;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @cond holds; fails after 10 s. */
static void
wait_for (Condition cond,
          gpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  while (!cond (data))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The first widget of @type under @root whose label (button or label) starts with @prefix. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *prefix)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_CHECK_BUTTON (root))
        text = gtk_check_button_get_label (GTK_CHECK_BUTTON (root));
      else if (GTK_IS_LABEL (root))
        text = gtk_label_get_label (GTK_LABEL (root));
      if (prefix == NULL || (text != NULL && g_str_has_prefix (text, prefix)))
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The one mapped widget of @type whose label starts with @prefix (AdwMessageDialog
 * builds each response button twice, for its wide and narrow layouts). */
static GtkWidget *
find_mapped (GtkWidget  *root,
             GType       type,
             const char *prefix)
{
  if (gtk_widget_get_mapped (root) && G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = GTK_IS_BUTTON (root) ? gtk_button_get_label (GTK_BUTTON (root)) : NULL;
      if (prefix == NULL || (text != NULL && g_str_has_prefix (text, prefix)))
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped (c, type, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
settled (gpointer data)
{
  gint64 *until = data;

  return g_get_monotonic_time () > *until;
}

static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("ATTEST_DIALOGS_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 until = g_get_monotonic_time () + 300 * 1000;
  int width, height;

  if (dir == NULL)
    return;
  wait_for (settled, &until);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  printf ("# screenshot: %s\n", path);
}

/* As a pointer click does; gtk_widget_activate() clicks 250 ms later. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The label with the "error" class: where a dialog says why not. */
static GtkWidget *
find_error (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_error (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkLabel *
error_label (GtkWidget *dialog)
{
  GtkWidget *found = find_error (dialog);

  g_assert_nonnull (found);
  return GTK_LABEL (found);
}

static void
record_renamed (AttestRenameDialog *dialog,
                const char         *service_id,
                const char         *old_name,
                const char         *new_name,
                char              **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s|%s|%s", service_id, old_name, new_name);
}

static AttestRenameDialog *
show_rename_dialog (GtkWindow       *parent,
                    AttestWorkspace *ws,
                    const char      *current,
                    const char      *catalog,
                    char           **renamed)
{
  AttestRenameDialog *dialog = attest_rename_dialog_new (parent, ws, "stream", current, catalog);

  g_object_ref (dialog);
  g_signal_connect (dialog, "renamed", G_CALLBACK (record_renamed), renamed);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for (is_mapped, dialog);
  return dialog;
}

static void
set_entry (AttestRenameDialog *dialog,
           const char         *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static const char *
entry_text (AttestRenameDialog *dialog)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL)));
}

static gboolean
can_rename (AttestRenameDialog *dialog)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename");
}

static void
test_rename (void)
{
  g_autoptr(AttestWorkspace) ws = open_seeded_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  g_autoptr(AttestHistoryEntry) row = NULL;
  g_autofree char *before = dump_matrix (ws);
  g_autofree char *after = NULL;
  g_autofree char *renamed = NULL;
  GtkWindow *parent = new_parent ();
  AttestRenameDialog *dialog;
  GtkWidget *reset;
  GtkLabel *message;
  guint rows;

  m = attest_workspace_load_matrix (ws, &error);
  rows = m->services->len;
  g_clear_pointer (&m, attest_matrix_free);

  dialog = show_rename_dialog (parent, ws, "Stream", "Stream", &renamed);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Rename Service");
  g_assert_cmpstr (entry_text (dialog), ==, "Stream");
  message = error_label (GTK_WIDGET (dialog));
  reset = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Use the Catalog Name");
  g_assert_nonnull (reset);
  g_assert_false (gtk_widget_get_visible (reset));

  /* Unchanged, empty, taken: no Rename; a taken name says whose it is. */
  g_assert_false (can_rename (dialog));
  set_entry (dialog, "   ");
  g_assert_false (can_rename (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  set_entry (dialog, "Intune");
  g_assert_false (can_rename (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "Intune"));
  printf ("# refused inline: %s\n", gtk_label_get_text (message));
  maybe_screenshot (GTK_WIDGET (dialog), "rename-refused.png");
  set_entry (dialog, "  Stream Video ");
  g_assert_true (can_rename (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));

  /* Rename, as the button answers: stored, said, closed. */
  click (find_mapped (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Rename"));
  g_assert_cmpstr (renamed, ==, "stream|Stream|Stream Video");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);

  m = attest_workspace_load_matrix (ws, &error);
  g_assert_cmpuint (m->services->len, ==, rows);
  g_assert_cmpstr (attest_matrix_lookup_service (m, "stream")->name, ==, "Stream Video");
  g_assert_nonnull (attest_matrix_lookup_cell (m, "soc/soc-3", "stream"));
  g_clear_pointer (&m, attest_matrix_free);
  row = last_history (ws);
  g_assert_cmpstr (row->entity, ==, "service");
  g_assert_cmpstr (row->action, ==, "rename");
  g_assert_cmpstr (row->entity_id, ==, "stream");
  g_assert_nonnull (strstr (row->after, "Stream Video"));

  /* Back to the catalog's name with the dialog's own button: exactly as before. */
  g_clear_pointer (&renamed, g_free);
  dialog = show_rename_dialog (parent, ws, "Stream Video", "Stream", &renamed);
  reset = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Use the Catalog Name");
  g_assert_true (gtk_widget_get_visible (reset));
  maybe_screenshot (GTK_WIDGET (dialog), "rename-reset.png");
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (reset)), "“Stream”"));
  click (reset);
  g_assert_cmpstr (entry_text (dialog), ==, "Stream");
  g_assert_true (can_rename (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_assert_cmpstr (renamed, ==, "stream|Stream Video|Stream");
  g_assert_finalize_object (dialog);
  after = dump_matrix (ws);
  g_assert_cmpstr (after, ==, before);

  /* Cancel stores nothing. */
  g_clear_pointer (&renamed, g_free);
  dialog = show_rename_dialog (parent, ws, "Stream", "Stream", &renamed);
  set_entry (dialog, "Something Else");
  click (find_mapped (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Cancel"));
  g_assert_null (renamed);
  g_assert_finalize_object (dialog);
  g_clear_pointer (&after, g_free);
  after = dump_matrix (ws);
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (parent);
}

/* A failure to store keeps the dialog open, text and all, with the reason. */
static void
test_rename_busy (void)
{
  g_autoptr(AttestWorkspace) ws = open_seeded_workspace ();
  g_autofree char *renamed = NULL;
  g_autofree char *before = dump_matrix (ws);
  g_autofree char *after = NULL;
  GtkWindow *parent = new_parent ();
  AttestRenameDialog *dialog;
  GtkLabel *message;
  sqlite3 *other = NULL;
  gint64 start;

  dialog = show_rename_dialog (parent, ws, "Stream", "Stream", &renamed);
  message = error_label (GTK_WIDGET (dialog));
  set_entry (dialog, "Stream Video");
  g_assert_true (can_rename (dialog));

  /* Another program holds the write lock past the store's 3 s wait. */
  g_assert_cmpint (sqlite3_open (attest_workspace_get_path (ws), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  start = g_get_monotonic_time ();
  click (find_mapped (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Rename"));
  printf ("# busy workspace answered in %.1f s\n", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  g_assert_null (renamed);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "busy"));
  g_assert_cmpstr (entry_text (dialog), ==, "Stream Video");
  after = dump_matrix (ws);
  g_assert_cmpstr (after, ==, before);

  /* Free again: the same button stores it. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  wait_for (is_mapped, dialog);
  click (find_mapped (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Rename"));
  g_assert_cmpstr (renamed, ==, "stream|Stream|Stream Video");
  g_assert_finalize_object (dialog);
  gtk_window_destroy (parent);
}

typedef struct {
  AttestMergeDialog *dialog;
  GtkSingleSelection *selection;
  GtkWidget *merge;
  GtkWidget *search;
  guint expected;
} MergeUi;

static void
record_merged (AttestMergeDialog *dialog,
               const char        *survivor,
               const char        *absorbed,
               char             **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s|%s", survivor, absorbed);
}

static MergeUi
show_merge_dialog (GtkWindow       *parent,
                   AttestWorkspace *ws,
                   const char      *service_id,
                   char           **merged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = attest_workspace_load_matrix (ws, &error);
  MergeUi ui = { 0 };
  GtkWidget *list;

  g_assert_no_error (error);
  ui.dialog = attest_merge_dialog_new (parent, ws, m, service_id);
  g_clear_pointer (&m, attest_matrix_free); /* the dialog keeps its own copy */
  g_object_ref (ui.dialog);
  g_signal_connect (ui.dialog, "merged", G_CALLBACK (record_merged), merged);
  gtk_window_present (GTK_WINDOW (ui.dialog));
  wait_for (is_mapped, ui.dialog);

  list = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_LIST_VIEW, NULL);
  ui.selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  ui.merge = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_BUTTON, "_Merge");
  ui.search = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (ui.merge);
  g_assert_nonnull (ui.search);
  return ui;
}

static gboolean
has_n_items (gpointer data)
{
  MergeUi *ui = data;

  return g_list_model_get_n_items (G_LIST_MODEL (ui->selection)) == ui->expected;
}

/* Types @text in the filter and waits for @n services to be listed. */
static void
filter (MergeUi    *ui,
        const char *text,
        guint       n)
{
  gtk_editable_set_text (GTK_EDITABLE (ui->search), text);
  ui->expected = n;
  wait_for (has_n_items, ui);
}

static const char *
item_id (MergeUi *ui,
         guint    position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (ui->selection), position);

  return g_intern_string (gtk_string_object_get_string (item));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* The scopes where either service has a cell, sorted, comma-joined. */
static char *
scopes_of (AttestMatrix *m,
           const char   *a,
           const char   *b)
{
  g_autoptr(GPtrArray) scopes = g_ptr_array_new ();

  for (guint i = 0; i < m->cells->len; i++)
    {
      AttestMatrixCell *c = m->cells->pdata[i];
      if ((g_str_equal (c->service, a) || g_strcmp0 (c->service, b) == 0) &&
          !g_ptr_array_find_with_equal_func (scopes, c->scope, g_str_equal, NULL))
        g_ptr_array_add (scopes, c->scope);
    }
  g_ptr_array_sort (scopes, compare_strings);
  g_ptr_array_add (scopes, NULL);
  return g_strjoinv (",", (char **)scopes->pdata);
}

static void
test_merge (void)
{
  g_autoptr(AttestWorkspace) ws = open_seeded_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  g_autoptr(AttestHistoryEntry) row = NULL;
  g_autofree char *before = dump_matrix (ws);
  g_autofree char *after = NULL;
  g_autofree char *merged = NULL;
  GtkWindow *parent = new_parent ();
  GtkWidget *keep_other, *keep_picked, *outcome;
  g_autofree char *union_scopes = NULL;
  g_autofree char *merged_scopes = NULL;
  MergeUi ui;
  guint rows;

  m = attest_workspace_load_matrix (ws, &error);
  rows = m->services->len;
  union_scopes = scopes_of (m, "stream", "microsoft-genomics");
  g_clear_pointer (&m, attest_matrix_free);

  /* Genomics picked: every other service listed, none chosen, no Merge yet. */
  ui = show_merge_dialog (parent, ws, "microsoft-genomics", &merged);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ui.selection)), ==, rows - 1);
  g_assert_false (gtk_widget_get_sensitive (ui.merge));
  keep_picked = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_CHECK_BUTTON, "Keep the name “Microsoft Genomics”");
  g_assert_nonnull (keep_picked);

  /* The filter matches as the matrix's does: case, accents, translations. */
  filter (&ui, "SECURITE", 1);
  g_assert_cmpstr (item_id (&ui, 0), ==, "microsoft-defender-for-cloud-apps");
  filter (&ui, "nothing like this", 0);
  filter (&ui, "flux", 1);
  g_assert_cmpstr (item_id (&ui, 0), ==, "stream");

  /* Chosen: the name choice names it; Merge is on. */
  gtk_single_selection_set_selected (ui.selection, 0);
  g_assert_true (gtk_widget_get_sensitive (ui.merge));
  keep_other = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_CHECK_BUTTON, "Keep the name “Stream”");
  g_assert_nonnull (keep_other);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (keep_other)));
  outcome = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_LABEL, "One row, “Stream”");
  g_assert_nonnull (outcome);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (outcome)), "“Microsoft Genomics” becomes one of its names"));
  maybe_screenshot (GTK_WIDGET (ui.dialog), "merge.png");

  click (ui.merge);
  g_assert_cmpstr (merged, ==, "stream|microsoft-genomics");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ui.dialog)));
  g_assert_finalize_object (ui.dialog);

  /* One row fewer; Stream's row has Genomics's cells, exception and all. */
  m = attest_workspace_load_matrix (ws, &error);
  g_assert_cmpuint (m->services->len, ==, rows - 1);
  g_assert_null (attest_matrix_lookup_service (m, "microsoft-genomics"));
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "iso-20000-1/iso-20000-1", "stream")->rollup, ==, "exception");
  merged_scopes = scopes_of (m, "stream", NULL);
  g_assert_cmpstr (merged_scopes, ==, union_scopes);
  printf ("# merged row's scopes: %s\n", merged_scopes);
  g_clear_pointer (&m, attest_matrix_free);
  row = last_history (ws);
  g_assert_cmpstr (row->action, ==, "merge");
  g_assert_cmpstr (row->entity_id, ==, "microsoft-genomics");

  /* Undo (the window's toast): both back, the same cells as before. */
  g_assert_true (attest_workspace_unmerge_service (ws, "microsoft-genomics", &error));
  g_assert_no_error (error);
  after = dump_matrix (ws);
  g_assert_cmpstr (after, ==, before);

  /* Keeping the picked service's name keeps that service. */
  g_clear_pointer (&merged, g_free);
  ui = show_merge_dialog (parent, ws, "power-automate", &merged);
  filter (&ui, "powerapps", 1);
  gtk_single_selection_set_selected (ui.selection, 0);
  keep_picked = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_CHECK_BUTTON, "Keep the name “Power Automate”");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep_picked), TRUE);
  outcome = find_widget (GTK_WIDGET (ui.dialog), GTK_TYPE_LABEL, "One row, “Power Automate”");
  g_assert_nonnull (outcome);
  click (ui.merge);
  g_assert_cmpstr (merged, ==, "power-automate|power-apps");
  g_assert_finalize_object (ui.dialog);
  m = attest_workspace_load_matrix (ws, &error);
  g_assert_nonnull (attest_matrix_lookup_service (m, "power-automate"));
  g_assert_null (attest_matrix_lookup_service (m, "power-apps"));
  g_clear_pointer (&m, attest_matrix_free);
  g_assert_true (attest_workspace_unmerge_service (ws, "power-apps", &error));
  g_clear_pointer (&after, g_free);
  after = dump_matrix (ws);
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (parent);
}

/* A merge the workspace refuses (here: merged elsewhere meanwhile) is said in
 * the dialog, which stays open with its choices. */
static void
test_merge_refused (void)
{
  g_autoptr(AttestWorkspace) ws = open_seeded_workspace ();
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWindow *parent = new_parent ();
  GtkLabel *message;
  MergeUi ui;

  ui = show_merge_dialog (parent, ws, "oms-service-map", &merged);
  filter (&ui, "stream", 1);
  gtk_single_selection_set_selected (ui.selection, 0);
  g_assert_true (attest_workspace_merge_services (ws, "intune", "oms-service-map", &error));
  g_assert_no_error (error);
  before = dump_matrix (ws);

  message = error_label (GTK_WIDGET (ui.dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  click (ui.merge);
  g_assert_null (merged);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui.dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "Intune"));
  printf ("# refused inline: %s\n", gtk_label_get_text (message));
  g_assert_cmpuint (gtk_single_selection_get_selected (ui.selection), ==, 0);
  after = dump_matrix (ws);
  g_assert_cmpstr (after, ==, before);

  /* Escape closes it, storing nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.dialog), "window.close", NULL));
  g_assert_null (merged);
  g_assert_finalize_object (ui.dialog);
  gtk_window_destroy (parent);
}

ATTEST_TEST_ISOLATED (test_rename)
ATTEST_TEST_ISOLATED (test_rename_busy)
ATTEST_TEST_ISOLATED (test_merge)
ATTEST_TEST_ISOLATED (test_merge_refused)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/service-dialogs/rename", test_rename_isolated);
  g_test_add_func ("/service-dialogs/rename-busy", test_rename_busy_isolated);
  g_test_add_func ("/service-dialogs/merge", test_merge_isolated);
  g_test_add_func ("/service-dialogs/merge-refused", test_merge_refused_isolated);

  return g_test_run ();
}
