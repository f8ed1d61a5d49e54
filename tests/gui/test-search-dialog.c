/* test-search-dialog.c: the search dialog (Ctrl+K) over a seeded workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are sent through the X server (XTEST), as a user's would be. With
 * ATTEST_SEARCH_SCREENSHOT=DIR the dialog is also saved as PNGs in DIR.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <sqlite3.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "attest-importer.h"
#include "attest-page-view.h"
#include "attest-search-dialog.h"
#include "attest-workspace-catalog.h"
#include "attest-search-item.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-notes.h"

typedef struct {
  char *path;
  AttestWorkspace *ws;
  gint64 note_id;
  GtkWindow *parent;
  AttestSearchDialog *dialog;
  GPtrArray *activated;      /* AttestLocation */
} Fixture;

static GtkStack *
result_stack (Fixture *f)
{
  GtkStack *stack = GTK_STACK (attest_test_find_any (GTK_WIDGET (f->dialog), GTK_TYPE_STACK));

  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "results"));
  return stack;
}

static GtkWidget *
entry_of (Fixture *f)
{
  return attest_test_find_any (GTK_WIDGET (f->dialog), GTK_TYPE_SEARCH_ENTRY);
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("ATTEST_SEARCH_SCREENSHOT");
  GtkWidget *widget = GTK_WIDGET (f->dialog);
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (dir == NULL)
    return;
  /* Transitions (stack cross-fades, revealers) over. */
  for (guint i = 0; i < 8; i++)
    attest_test_settle (60);
  path = g_build_filename (dir, name, NULL);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_to_node (snapshot);
  /* Not drawn yet since the last change: another frame. */
  for (guint i = 0; node == NULL && i < 20; i++)
    {
      attest_test_settle (60);
      g_clear_object (&snapshot);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget));
      node = gtk_snapshot_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  printf ("# screenshot: %s\n", path);
}

static void
on_location (AttestSearchDialog *dialog,
             AttestLocation     *location,
             Fixture            *f)
{
  g_ptr_array_add (f->activated, attest_location_copy (location));
}

static void
open_dialog (Fixture *f)
{
  f->dialog = attest_search_dialog_new (f->parent, f->ws);
  g_signal_connect (f->dialog, "location-activated", G_CALLBACK (on_location), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->dialog)))
    g_main_context_iteration (NULL, TRUE);
  attest_test_settle (60);
}

static void
fixture_set_up (Fixture *f)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;

  f->activated = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_location_free);
  f->path = g_build_filename (dir, "audit.attest", NULL);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_test_import_bundled (f->ws, NULL), ==, 5);
  g_assert_true (attest_workspace_add_note (f->ws, "cell:soc/soc-2:intune",
                                            "Ask Contoso about the Flux retention window <before> Q3 & after",
                                            &f->note_id, &error));
  g_assert_no_error (error);

  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->parent, 900, 700);
  gtk_window_present (f->parent);
  open_dialog (f);
}

static void
fixture_tear_down (Fixture *f)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  gtk_window_destroy (f->parent);
  g_clear_object (&f->ws);
  g_free (f->path);
  g_ptr_array_unref (f->activated);
}

typedef struct {
  const char *query;
  gboolean searched;
} Typed;

/* Replacing the text empties it first, and an empty entry reports at once:
 * only the search for the whole query counts. */
static void
on_searched (GtkSearchEntry *entry,
             Typed          *typed)
{
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), typed->query))
    typed->searched = TRUE;
}

/* Types @query and waits for the dialog to have searched (the entry waits a
 * moment after typing; the dialog's handler runs before this one). */
static GListModel *
search_for (Fixture    *f,
            const char *query)
{
  GtkWidget *entry = entry_of (f);
  Typed typed = { query, FALSE };
  gulong id = g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_searched), &typed);
  gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  while (!typed.searched)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_signal_handler_disconnect (entry, id);
  return attest_search_dialog_get_results (f->dialog);
}

static AttestSearchItem *
item_at (GListModel *results,
         guint       i)
{
  AttestSearchItem *item = g_list_model_get_item (results, i);

  g_object_unref (item);
  return item;
}

/* The row widget the list made for @item, once shown. */
static GtkWidget *
row_widget (Fixture          *f,
            AttestSearchItem *item)
{
  GtkWidget *list = attest_test_find_any (GTK_WIDGET (f->dialog), GTK_TYPE_LIST_VIEW);

  attest_test_settle (60);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = gtk_widget_get_first_child (c);
      GtkWidget *top;

      if (row == NULL || !GTK_IS_BOX (row) || !gtk_widget_get_child_visible (c))
        continue;
      top = gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_first_child (row)));
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (top))),
                     attest_search_item_get_title (item)) == 0)
        return row;
    }
  g_error ("no row shows “%s”", attest_search_item_get_title (item));
}

static void
test_results (void)
{
  Fixture fx = { 0 }, *f = &fx;
  GListModel *results;
  AttestSearchItem *french = NULL, *note = NULL;
  GtkWidget *row;
  g_autofree char *label = NULL;
  gint64 started;

  fixture_set_up (f);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Search");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->dialog)) == f->parent);
  /* The entry has the focus; an empty query shows the hint. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->dialog)), entry_of (f)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (result_stack (f)), ==, "hint");
  save_screenshot (f, "search-hint.png");

  /* "Flux" is how the French pages call Stream; the note says it too. */
  started = g_get_monotonic_time ();
  results = search_for (f, "Flux");
  printf ("# “Flux”: %u results shown %.1f ms after the first typing (with the entry's delay)\n",
          g_list_model_get_n_items (results), (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (result_stack (f)), ==, "results");
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      AttestSearchItem *item = item_at (results, i);

      if (g_str_equal (attest_search_item_get_kind (item), "page") && french == NULL &&
          g_str_has_prefix (attest_search_item_get_ref (item), "soc#"))
        french = item;
      if (g_str_equal (attest_search_item_get_kind (item), "note"))
        note = item;
    }
  g_assert_nonnull (french);
  g_assert_cmpstr (attest_search_item_get_kind_label (french), ==, "Page");
  /* The page's language as people name it, not its code (issue 19). */
  g_assert_cmpstr (attest_search_item_get_detail (french), ==, "French (France)");
  g_assert_true (g_str_has_prefix (attest_search_item_get_title (french), "SOC — "));
  g_assert_nonnull (strstr (attest_search_item_get_snippet_markup (french), "<b>Flux</b>"));
  g_assert_null (strstr (attest_search_item_get_snippet (french), ATTEST_SEARCH_MATCH_START));
  g_assert_null (strstr (attest_search_item_get_snippet (french), ATTEST_SEARCH_MATCH_END));
  g_assert_nonnull (strstr (attest_search_item_get_snippet (french), "Flux"));

  /* A note is titled by what it is on; its text is escaped for markup. */
  g_assert_nonnull (note);
  g_assert_cmpstr (attest_search_item_get_title (note), ==, "SOC 2 × Intune");
  g_assert_cmpstr (attest_search_item_get_kind_label (note), ==, "Note");
  g_assert_nonnull (strstr (attest_search_item_get_snippet_markup (note), "&lt;before&gt; Q3 &amp; after"));

  /* Each row says what it is. */
  row = row_widget (f, item_at (results, 0));
  label = attest_search_item_dup_accessible_label (item_at (results, 0));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  gtk_test_accessible_assert_property (gtk_widget_get_parent (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_clear_pointer (&label, g_free);
  label = attest_search_item_dup_accessible_label (french);
  g_assert_true (g_str_has_prefix (label, "Page: SOC — "));
  g_assert_nonnull (strstr (label, ", French (France), "));
  g_assert_nonnull (strstr (label, "Flux"));
  save_screenshot (f, "search-results.png");

  /* 雲端 finds the Chinese MARS-E page, only it. */
  started = g_get_monotonic_time ();
  results = search_for (f, "雲端");
  printf ("# “雲端”: %u results shown %.1f ms after typing (with the entry's 120 ms delay)\n",
          g_list_model_get_n_items (results), (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      AttestSearchItem *item = item_at (results, i);

      g_assert_cmpstr (attest_search_item_get_kind (item), ==, "page");
      g_assert_true (g_str_has_prefix (attest_search_item_get_ref (item), "mars-e#"));
      g_assert_cmpstr (attest_search_item_get_detail (item), ==, "Chinese (Taiwan)");
      g_assert_true (g_str_has_prefix (attest_search_item_get_title (item), "MARS-E 2.0 — "));
      g_assert_nonnull (strstr (attest_search_item_get_snippet_markup (item), "<b>"));
    }

  /* Nothing found: a status page. */
  results = search_for (f, "qwertyzzz");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (result_stack (f)), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_stack_get_visible_child (result_stack (f)))), ==,
                   "No Results");
  save_screenshot (f, "search-empty.png");

  /* Back to nothing typed: the hint. */
  results = search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (result_stack (f)), ==, "hint");
  g_assert_cmpuint (f->activated->len, ==, 0);
  fixture_tear_down (f);
}

static void
test_activate (void)
{
  Fixture fx = { 0 }, *f = &fx;
  GListModel *results;
  GWeakRef weak;
  AttestLocation *l;
  g_autofree char *sql = NULL;
  g_autofree char *first_ref = NULL;
  guint note_at = G_MAXUINT;
  GtkWidget *dialog;

  fixture_set_up (f);

  /* A page in Chinese: Enter opens the first result. */
  results = search_for (f, "雲端");
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 0);
  first_ref = g_strdup (attest_search_item_get_ref (item_at (results, 0)));
  g_weak_ref_init (&weak, f->dialog);
  g_signal_emit_by_name (entry_of (f), "activate");
  g_assert_cmpuint (f->activated->len, ==, 1);
  l = f->activated->pdata[0];
  g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_PAGE_SECTION);
  g_assert_cmpstr (l->framework_id, ==, "mars-e");
  g_assert_cmpstr (l->locale, ==, "zh-TW");
  g_assert_true (g_str_has_prefix (first_ref, "mars-e#"));
  g_assert_true (g_str_has_prefix (first_ref + strlen ("mars-e#"), l->section_key));
  /* …and the dialog closed. */
  attest_test_settle (60);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  f->dialog = NULL;

  /* A note: found where it is, on its cell. Chosen with the move action (Down). */
  open_dialog (f);
  results = search_for (f, "retention");
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    if (g_str_equal (attest_search_item_get_kind (item_at (results, i)), "note"))
      note_at = i;
  g_assert_cmpuint (note_at, !=, G_MAXUINT);
  for (guint i = 0; i < note_at; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "search.move", "i", 1));
  g_signal_emit_by_name (entry_of (f), "activate");
  g_assert_cmpuint (f->activated->len, ==, 2);
  l = f->activated->pdata[1];
  g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_NOTE);
  g_assert_cmpint (l->note_id, ==, f->note_id);
  g_assert_cmpstr (l->scope_id, ==, "soc/soc-2");
  g_assert_cmpstr (l->service_id, ==, "intune");
  g_assert_cmpstr (l->note_target, ==, "cell:soc/soc-2:intune");
  f->dialog = NULL;
  attest_test_settle (60);

  /* The same note deleted behind the dialog's back: it says so and stays. */
  open_dialog (f);
  results = search_for (f, "retention");
  sql = g_strdup_printf ("DELETE FROM note WHERE id = %" G_GINT64_FORMAT, f->note_id);
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 3000);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  for (guint i = 0; i < note_at; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "search.move", "i", 1));
  dialog = GTK_WIDGET (f->dialog);
  g_signal_emit_by_name (entry_of (f), "activate");
  attest_test_settle (60);
  g_assert_cmpuint (f->activated->len, ==, 2);
  g_assert_true (gtk_widget_get_visible (dialog));
  {
    GtkLabel *status = NULL;

    for (GtkWidget *w = attest_test_find_any (dialog, GTK_TYPE_SEPARATOR); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BOX (w))
        status = GTK_LABEL (gtk_widget_get_first_child (w));
    g_assert_nonnull (status);
    g_assert_nonnull (strstr (gtk_label_get_text (status), "deleted"));
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  }
  fixture_tear_down (f);
}

/* The 2023 split pages (one per scope, all framework "soc"): a hit on SOC 2
 * text opens the SOC 2 page, not the newest of the framework (SOC 3). */
static void
test_split_page (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *dir = g_dir_make_tmp ("attest-split-XXXXXX", NULL);
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *paths[] = { dir, NULL };
  GListModel *results;
  AttestLocation *l;
  AttestPageView *view;
  GtkWindow *window;
  GPtrArray *views;

  for (guint i = 1; i <= 3; i++)
    {
      static const char *words[] = { NULL, "sarbanesword", "fairnessword", "publiclyword" };
      g_autofree char *name = g_strdup_printf ("offering-soc-%u.md", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *page = g_strdup_printf ("---\nms.date: 03/0%u/2023\n---\n# SOC %u\n\n"
                                               "## SOC %u overview\n\nThe SOC %u report, %s.\n\n"
                                               "## Microsoft in-scope cloud platforms & services\n\n- Intune\n",
                                               i, i, i, i, words[i]);

      g_assert_true (g_file_set_contents (path, page, -1, NULL));
    }
  fixture_set_up (f);
  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 3);

  results = search_for (f, "fairnessword");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_signal_emit_by_name (entry_of (f), "activate");
  g_assert_cmpuint (f->activated->len, ==, 1);
  l = f->activated->pdata[0];
  f->dialog = NULL;
  g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_PAGE_SECTION);
  g_assert_cmpstr (l->framework_id, ==, "soc");
  g_assert_cmpstr (l->section_key, ==, "soc-2-overview");
  g_assert_cmpstr (l->locale, ==, "");
  bytes = attest_workspace_get_variant_page_by_id (f->ws, "soc", l->variant_id, &file_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file_name, ==, "offering-soc-2.md");

  /* What the window does with it (attest_window_show_location()): that version in the page view. */
  matrix = attest_workspace_load_matrix (f->ws, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  view = ATTEST_PAGE_VIEW (attest_page_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  g_assert_true (attest_page_view_load_version (view, f->ws, matrix, l->framework_id, l->locale, NULL,
                                                l->variant_id, &error));
  g_assert_no_error (error);
  while (attest_page_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
  views = attest_page_view_get_text_views (view);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[i]);
      GtkTextIter start, end;
      g_autofree char *t = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      t = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append (text, t);
    }
  g_assert_nonnull (strstr (text->str, "fairnessword"));
  g_assert_null (strstr (text->str, "publiclyword"));
  gtk_window_destroy (window);
  attest_test_settle (60);
  fixture_tear_down (f);
  attest_test_remove_tree (dir);
}

/* ---- Real keys through the X server --------------------------------------- */

static Display *
take_x_focus (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  Display *xdisplay;
  int major, minor, event_base, error_base;
  gint64 until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  g_assert_true (XTestQueryExtension (xdisplay, &event_base, &error_base, &major, &minor));
  gdk_x11_display_error_trap_push (display);
  XRaiseWindow (xdisplay, xid);
  XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  g_assert_cmpint (gdk_x11_display_error_trap_pop (display), ==, 0);
  while (!gtk_window_is_active (GTK_WINDOW (window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return xdisplay;
}

static void
press (Display *xdisplay,
       guint    keysym)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  XFlush (xdisplay);
  attest_test_settle (60);
}

static GtkSingleSelection *
selection_of (Fixture *f)
{
  GtkListView *list = GTK_LIST_VIEW (attest_test_find_any (GTK_WIDGET (f->dialog), GTK_TYPE_LIST_VIEW));

  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
}

static void
test_keys (void)
{
  Fixture fx = { 0 }, *f = &fx;
  GListModel *results = NULL;
  Display *xdisplay;
  GWeakRef weak;
  gint64 until;
  AttestSearchItem *second;
  AttestLocation *l;

  fixture_set_up (f);
  xdisplay = take_x_focus (GTK_WIDGET (f->dialog));

  /* Typed: "flux", searched as it is typed. */
  press (xdisplay, XK_f);
  press (xdisplay, XK_l);
  press (xdisplay, XK_u);
  press (xdisplay, XK_x);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_of (f))), ==, "flux");
  until = g_get_monotonic_time () + ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC;
  results = attest_search_dialog_get_results (f->dialog);
  while (g_list_model_get_n_items (results) < 3)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (f)), ==, 0);

  /* Down and Up from the entry move the choice, the focus stays in the entry. */
  press (xdisplay, XK_Down);
  press (xdisplay, XK_Down);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (f)), ==, 2);
  press (xdisplay, XK_Up);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (f)), ==, 1);
  press (xdisplay, XK_Up);
  press (xdisplay, XK_Up);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (f)), ==, 0);
  press (xdisplay, XK_Down);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->dialog)), entry_of (f)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_of (f))), ==, "flux");
  second = g_object_ref (item_at (results, 1));

  /* Enter opens the second result, located as the store locates it; the dialog goes. */
  g_weak_ref_init (&weak, f->dialog);
  press (xdisplay, XK_Return);
  g_assert_cmpuint (f->activated->len, ==, 1);
  l = f->activated->pdata[0];
  {
    g_autoptr(AttestLocation) expected =
      attest_workspace_locate_search_result (f->ws, attest_search_item_get_kind (second),
                                             attest_search_item_get_ref (second), NULL);
    g_assert_nonnull (expected);
    g_assert_cmpint (l->kind, ==, expected->kind);
    g_assert_cmpstr (l->framework_id, ==, expected->framework_id);
    g_assert_cmpstr (l->section_key, ==, expected->section_key);
    g_assert_cmpstr (l->scope_id, ==, expected->scope_id);
    g_assert_cmpint (l->note_id, ==, expected->note_id);
  }
  g_object_unref (second);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  f->dialog = NULL;

  /* Escape closes, opening nothing. */
  open_dialog (f);
  xdisplay = take_x_focus (GTK_WIDGET (f->dialog));
  g_weak_ref_init (&weak, f->dialog);
  press (xdisplay, XK_Escape);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  f->dialog = NULL;
  g_assert_cmpuint (f->activated->len, ==, 1);
  fixture_tear_down (f);
}

/* French quotes are the text's: kept and escaped, only the marked match bold. */
static void
test_snippet_markup (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *markup = attest_search_snippet_to_markup ("la « lettre " ATTEST_SEARCH_MATCH_START "passerelle"
                                                             ATTEST_SEARCH_MATCH_END " » & <b>", &plain);

  g_assert_cmpstr (markup, ==, "la « lettre <b>passerelle</b> » &amp; &lt;b&gt;");
  g_assert_cmpstr (plain, ==, "la « lettre passerelle » & <b>");
}

/* An annotation on an offering page's section is named by that section, as a
 * note on it is; one on a PDF by the file. */
static void
test_annotation (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(AttestAnnotation) a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  g_autoptr(GError) error = NULL;
  GListModel *results;
  AttestSearchItem *item;

  fixture_set_up (f);
  a->section = g_strdup ("framework:soc#soc-1-2-and-3-reports-overview");
  a->quote = g_strdup ("SOC");
  a->text = g_strdup ("Zanzibar carve-out to review");
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);

  results = search_for (f, "Zanzibar");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  item = item_at (results, 0);
  g_assert_cmpstr (attest_search_item_get_kind (item), ==, "annotation");
  g_assert_cmpstr (attest_search_item_get_kind_label (item), ==, "Annotation");
  g_assert_true (g_str_has_prefix (attest_search_item_get_title (item), "SOC — "));
  g_assert_null (strstr (attest_search_item_get_title (item), "framework:"));
  g_assert_null (strstr (attest_search_item_get_title (item), "#"));
  fixture_tear_down (f);
}

ATTEST_TEST_ISOLATED (test_results)
ATTEST_TEST_ISOLATED (test_activate)
ATTEST_TEST_ISOLATED (test_keys)
ATTEST_TEST_ISOLATED (test_split_page)
ATTEST_TEST_ISOLATED (test_annotation)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);
  attest_test_use_app_style ();

  g_test_add_func ("/search-dialog/snippet-markup", test_snippet_markup);
  g_test_add_func ("/search-dialog/results", test_results_isolated);
  g_test_add_func ("/search-dialog/activate", test_activate_isolated);
  g_test_add_func ("/search-dialog/keys", test_keys_isolated);
  g_test_add_func ("/search-dialog/split-page", test_split_page_isolated);
  g_test_add_func ("/search-dialog/annotation", test_annotation_isolated);

  return g_test_run ();
}
