/* test-import-dialog.c: Import Pages… — progress, Cancel, the summary and its
 * scope-change report, a busy workspace, closing while it runs (English)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With ATTEST_IMPORT_SCREENSHOT_DIR=DIR the dialog is also saved as PNGs
 * (running, summaries), to look at it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "attest-history.h"
#include "attest-import-dialog.h"
#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-test-corpus.h"
#include "attest-test-widgets.h"
#include "attest-workspace-catalog.h"

#define TIMEOUT_S ATTEST_TEST_PATIENCE_S

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  GtkWindow *parent;
  AttestImportDialog *dialog;
  guint n_signals;
  guint n_imported;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attest-import-gui-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "audit.attest", NULL);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  attest_workspace_set_reviewer (f->ws, "Dana Reviewer");

  f->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->parent, 900, 700);
  gtk_window_present (f->parent);
}

static void
fixture_tear_down (Fixture *f)
{
  g_assert_null (f->dialog);
  gtk_window_destroy (f->parent);
  g_clear_object (&f->ws);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (Fixture *f);

/* Runs the main loop until @done holds, at most TIMEOUT_S seconds. */
static void
wait_for (Fixture   *f,
          Condition  done)
{
  gint64 start = g_get_monotonic_time ();
  guint wake = g_timeout_add (10, keep_waking, NULL);

  while (!done (f))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, TIMEOUT_S * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  /* Let the summary lay out and map. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
finished (Fixture *f)
{
  return !attest_import_dialog_is_running (f->dialog);
}

static void
on_imported (AttestImportDialog *dialog,
             guint               n,
             Fixture            *f)
{
  f->n_signals++;
  f->n_imported = n;
}

static void
start_import (Fixture            *f,
              const char * const *paths)
{
  f->n_signals = 0;
  f->n_imported = 0;
  f->dialog = attest_import_dialog_new (f->parent, f->ws, paths);
  g_assert_nonnull (f->dialog);
  /* The test holds its own reference: the dialog may be destroyed under it. */
  g_object_ref (f->dialog);
  g_signal_connect (f->dialog, "imported", G_CALLBACK (on_imported), f);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->dialog)) == f->parent);
}

/* Destroys the dialog and checks nothing else holds it (the worker's task
 * let go of it). */
static void
close_dialog (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_finalize_object (g_steal_pointer (&f->dialog));
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_label (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, out);
}

/* Everything the dialog shows, one label a line. */
static char *
shown_text (Fixture *f)
{
  GString *out = g_string_new (NULL);

  collect_texts (GTK_WIDGET (f->dialog), out);
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_numeric (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric"))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_numeric (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The count the summary shows on the row titled @title; -1 when not shown. */
static int
shown_count (Fixture    *f,
             const char *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (f->dialog), ADW_TYPE_ACTION_ROW, title);
  GtkWidget *label;

  if (row == NULL || !gtk_widget_get_mapped (row))
    return -1;
  label = find_numeric (row);
  g_assert_nonnull (label);
  return atoi (gtk_label_get_label (GTK_LABEL (label)));
}

static guint
count_variants (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) matrix = attest_workspace_load_matrix (ws, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < matrix->frameworks->len; i++)
    n += ((AttestMatrixFramework *)matrix->frameworks->pdata[i])->variants->len;
  return n;
}

static void
assert_verifies (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (attest_workspace_check_integrity (ws, problems, &error));
  g_assert_true (attest_workspace_verify_history (ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
maybe_screenshot (Fixture    *f,
                  const char *name)
{
  const char *dir = g_getenv ("ATTEST_IMPORT_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (f->dialog);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  /* Past the stack's crossfade. */
  {
    gint64 until = g_get_monotonic_time () + 1500 * 1000;
    guint wake = g_timeout_add (10, keep_waking, NULL);
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (wake);
  }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  printf ("# screenshot: %s\n", path);
}

static char *
offerings_dir (void)
{
  return g_build_filename (attest_paths_data_dir (), "offerings", NULL);
}

static void
import_directly (AttestWorkspace *ws,
                 const char      *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestImportSummary) summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);
}

/* The bundled pages into an empty workspace: five imported, "imported" says
 * so once, the window's own connection sees the frameworks, each import is a
 * history row naming the window's reviewer. */
static void
test_seeds (void)
{
  Fixture f = { 0 };
  g_autofree char *offerings = offerings_dir ();
  const char *paths[] = { offerings, NULL };
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary *summary;
  GtkProgressBar *bar;

  fixture_set_up (&f);
  g_assert_cmpint (attest_workspace_count_frameworks (f.ws, NULL), ==, 0);

  start_import (&f, paths);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Importing Pages");
  wait_for (&f, finished);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Import Finished");
  summary = attest_import_dialog_get_summary (f.dialog);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->imported, ==, 5);
  g_assert_cmpint (shown_count (&f, "Imported"), ==, 5);
  /* Counts of nothing are left out. */
  g_assert_cmpint (shown_count (&f, "Unchanged"), ==, -1);
  g_assert_cmpint (shown_count (&f, "Skipped"), ==, -1);
  g_assert_cmpint (shown_count (&f, "Failed"), ==, -1);
  g_assert_cmpint (shown_count (&f, "Not Read"), ==, -1);
  g_assert_cmpuint (f.n_signals, ==, 1);
  g_assert_cmpuint (f.n_imported, ==, 5);

  /* The progress bar ended full, saying so. */
  bar = GTK_PROGRESS_BAR (attest_test_find_any (GTK_WIDGET (f.dialog), GTK_TYPE_PROGRESS_BAR));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 1.0);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "5 of 5 pages");

  text = shown_text (&f);
  g_assert_nonnull (strstr (text, "The 5 new pages are now part of the matrix."));
  g_assert_null (strstr (text, "Scope Changes"));
  g_assert_null (strstr (text, "Failed Files"));

  g_assert_cmpint (attest_workspace_count_frameworks (f.ws, NULL), ==, 4);
  history = attest_workspace_list_history (f.ws, "framework", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 5);
  for (guint i = 0; i < history->len; i++)
    {
      AttestHistoryEntry *e = history->pdata[i];
      g_assert_cmpstr (e->action, ==, "import");
      g_assert_cmpstr (e->reviewer, ==, "Dana Reviewer");
    }
  assert_verifies (f.ws);
  maybe_screenshot (&f, "import-finished.png");

  /* Close: the dialog goes and is freed (no reference left behind by the worker). */
  gtk_widget_activate_action (GTK_WIDGET (f.dialog), "window.close", NULL);
  g_assert_finalize_object (g_steal_pointer (&f.dialog));

  /* The same folder again: nothing new, no "imported". */
  start_import (&f, paths);
  wait_for (&f, finished);
  g_assert_cmpint (shown_count (&f, "Imported"), ==, 0);
  g_assert_cmpint (shown_count (&f, "Unchanged"), ==, 5);
  g_assert_cmpuint (f.n_signals, ==, 0);
  text = (g_free (text), shown_text (&f));
  g_assert_nonnull (strstr (text, "Every page was already in the workspace."));
  close_dialog (&f);

  fixture_tear_down (&f);
}

static void
clipboard_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* What Copy Report puts on the clipboard. */
static char *
copy_report (Fixture *f)
{
  char *text = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.copy-report", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->dialog)), NULL, clipboard_read, &text);
  while (text == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, TIMEOUT_S * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, TRUE);
    }
  return text;
}

/* A file that is not an offering page is skipped, a broken one fails, named
 * with its reason; nothing recorded, so no "imported". */
static void
test_bad_files (void)
{
  Fixture f = { 0 };
  g_autofree char *offerings = offerings_dir ();
  g_autofree char *bad = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *text = NULL;
  const char *paths[2] = { NULL, NULL };

  fixture_set_up (&f);
  import_directly (f.ws, offerings);

  bad = g_build_filename (f.dir, "bad", NULL);
  readme = g_build_filename (bad, "README.md", NULL);
  broken = g_build_filename (bad, "offering-broken.md", NULL);
  g_assert_cmpint (g_mkdir_with_parents (bad, 0700), ==, 0);
  g_assert_true (g_file_set_contents (readme, "# Notes\n\nNot an offering page.\n", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "# Caf\xe9\n\n## Microsoft in-scope cloud services\n\n- Intune\n", -1, NULL));
  paths[0] = bad;

  start_import (&f, paths);
  wait_for (&f, finished);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Import Finished");
  g_assert_cmpint (shown_count (&f, "Imported"), ==, 0);
  g_assert_cmpint (shown_count (&f, "Skipped"), ==, 1);
  g_assert_cmpint (shown_count (&f, "Failed"), ==, 1);
  g_assert_cmpuint (f.n_signals, ==, 0);

  text = shown_text (&f);
  g_assert_nonnull (strstr (text, "1 file could not be imported."));
  g_assert_nonnull (strstr (text, "Failed Files"));
  g_assert_nonnull (strstr (text, "\noffering-broken.md\n"));
  g_assert_nonnull (strstr (text, "\nThe page is not UTF-8 text (invalid byte at offset 5).\n"));

  /* File and reason can be selected, to copy them, or copied all at once. */
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (find_label (GTK_WIDGET (f.dialog), "offering-broken.md"))));
  {
    g_autofree char *report = copy_report (&f);
    g_autofree char *line = g_strdup_printf ("Failed: %s: the page is not UTF-8 text", broken);
    g_assert_true (g_str_has_prefix (report, "Imported 0, unchanged 0, skipped 1 (not offering pages), failed 1\n"));
    g_assert_nonnull (strstr (report, line));
  }
  g_assert_cmpint (count_variants (f.ws), ==, 5);
  maybe_screenshot (&f, "import-bad-files.png");
  close_dialog (&f);
  fixture_tear_down (&f);
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (new, parts);
}

/* A newer MARS-E page: the scope-change section names the scope and the
 * services added and no longer in scope. */
static void
test_scope_changes (void)
{
  Fixture f = { 0 };
  g_autofree char *offerings = offerings_dir ();
  g_autofree char *seed = g_build_filename (offerings, "offering-mars-e.fr-FR.md", NULL);
  g_autofree char *newer_dir = NULL;
  g_autofree char *newer_page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *shown = NULL;
  const char *paths[2] = { NULL, NULL };
  GtkWidget *scope_row;
  GtkWidget *stream_row;
  GtkWidget *intune_row;

  fixture_set_up (&f);
  import_directly (f.ws, offerings);

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  newer = replace (text, "ms.lasthandoff: 11/04/2019", "ms.lasthandoff: 11/04/2021");
  swapped = replace (newer, ">Intune</span><span class=\"sxs-lookup\"><span data-stu-id=\"21eec-120\">Intune<",
                     ">Flux</span><span class=\"sxs-lookup\"><span data-stu-id=\"21eec-120\">Stream<");
  newer_dir = g_build_filename (f.dir, "newer", NULL);
  newer_page = g_build_filename (newer_dir, "offering-mars-e.fr-FR.md", NULL);
  g_assert_cmpint (g_mkdir_with_parents (newer_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (newer_page, swapped, -1, NULL));
  paths[0] = newer_page;

  start_import (&f, paths);
  wait_for (&f, finished);
  /* Screenshots in every language, before the English strings are looked for. */
  if (!g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en", "en"))
    {
      maybe_screenshot (&f, "import-scope-changes.png");
      close_dialog (&f);
      fixture_tear_down (&f);
      return;
    }
  g_assert_cmpint (shown_count (&f, "Imported"), ==, 1);
  g_assert_cmpuint (f.n_imported, ==, 1);

  shown = shown_text (&f);
  g_assert_nonnull (strstr (shown, "\nScope Changes\n"));
  /* By the framework's short name and the scope's name, not by id. */
  scope_row = find_row (GTK_WIDGET (f.dialog), ADW_TYPE_EXPANDER_ROW, "MARS-E 2.0");
  g_assert_nonnull (scope_row);
  g_assert_true (gtk_widget_get_mapped (scope_row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (scope_row)));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (scope_row)), ==, "1 added, 1 no longer in scope");
  g_assert_null (strstr (shown, "mars-e/mars-e"));

  stream_row = find_row (scope_row, ADW_TYPE_ACTION_ROW, "Stream");
  intune_row = find_row (scope_row, ADW_TYPE_ACTION_ROW, "Intune");
  g_assert_nonnull (stream_row);
  g_assert_nonnull (intune_row);
  g_assert_true (gtk_widget_get_mapped (stream_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (stream_row)), ==, "Added");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (intune_row)), "No longer in scope"));
  maybe_screenshot (&f, "import-scope-changes.png");

  /* The window's connection sees the flagged cell. */
  {
    g_autoptr(AttestMatrix) matrix = attest_workspace_load_matrix (f.ws, NULL);
    AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, "mars-e/mars-e", "intune");
    g_assert_nonnull (cell);
    g_assert_cmpstr (cell->rollup, ==, "no-longer-in-scope");
  }
  close_dialog (&f);
  fixture_tear_down (&f);
}

/* Many pages: the corpus beside the checkout, else 400 made-up ones. */
static char *
many_pages (Fixture *f)
{
  g_autofree char *corpus = attest_test_find_corpus ();
  char *made;

  if (corpus != NULL)
    {
      char *pages = g_build_filename (corpus, "pages", NULL);
      if (g_file_test (pages, G_FILE_TEST_IS_DIR))
        return pages;
      g_free (pages);
    }

  made = g_build_filename (f->dir, "made", NULL);
  g_assert_cmpint (g_mkdir_with_parents (made, 0700), ==, 0);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("offering-made-%03u.md", i);
      g_autofree char *path = g_build_filename (made, name, NULL);
      GString *page = g_string_new (NULL);

      g_string_append_printf (page, "# Made-up Standard %u (MADE-%u)\n\n", i, i);
      for (guint p = 0; p < 40; p++)
        g_string_append (page, "A paragraph of text about what the standard requires, and how it is audited.\n\n");
      g_string_append (page, "## Microsoft in-scope cloud services\n\n");
      for (guint s = 0; s < 30; s++)
        g_string_append_printf (page, "- Service %u\n", (i + s) % 60);
      g_assert_true (g_file_set_contents (path, page->str, page->len, NULL));
      g_string_free (page, TRUE);
    }
  return made;
}

static gboolean
first_tick (Fixture *f)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (attest_test_find_any (GTK_WIDGET (f->dialog), GTK_TYPE_PROGRESS_BAR));

  return gtk_progress_bar_get_fraction (bar) > 0.0 || !attest_import_dialog_is_running (f->dialog);
}

/* Cancel after the first progress tick: "Import Cancelled", and the
 * workspace holds exactly the pages counted as imported. */
static void
test_cancel (void)
{
  Fixture f = { 0 };
  g_autofree char *pages = NULL;
  const char *paths[] = { NULL, NULL };
  g_autofree char *text = NULL;
  AttestImportSummary *summary;
  GtkWidget *cancel_button;

  fixture_set_up (&f);
  pages = many_pages (&f);
  paths[0] = pages;

  start_import (&f, paths);
  wait_for (&f, first_tick);
  g_assert_true (attest_import_dialog_is_running (f.dialog));
  text = shown_text (&f);
  g_assert_nonnull (strstr (text, "Importing Pages"));
  g_assert_nonnull (strstr (text, ".md\n"));  /* the page read last */
  maybe_screenshot (&f, "import-running.png");

  cancel_button = find_label (GTK_WIDGET (f.dialog), "_Cancel");
  g_assert_nonnull (cancel_button);
  g_assert_true (gtk_widget_is_sensitive (cancel_button));
  attest_import_dialog_cancel (f.dialog);
  /* Cancelling takes the current page's time: the dialog says so meanwhile. */
  g_assert_false (gtk_widget_is_sensitive (cancel_button));
  g_free (text);
  text = shown_text (&f);
  g_assert_nonnull (strstr (text, "Cancelling…"));
  wait_for (&f, finished);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Import Cancelled");
  summary = attest_import_dialog_get_summary (f.dialog);
  printf ("# cancelled after %u of %u pages, %u imported\n", summary->done, summary->total, summary->imported);
  g_assert_true (summary->cancelled);
  g_assert_cmpuint (summary->imported, >, 0);
  g_assert_cmpuint (summary->done, <, summary->total);
  g_assert_cmpint (shown_count (&f, "Imported"), ==, (int)summary->imported);
  g_assert_cmpint (shown_count (&f, "Not Read"), ==, (int)(summary->total - summary->done));
  g_assert_cmpuint (f.n_signals, ==, 1);
  g_assert_cmpuint (f.n_imported, ==, summary->imported);

  /* Exactly those pages, each whole, and a workspace that verifies. */
  g_assert_cmpuint (count_variants (f.ws), ==, summary->imported);
  assert_verifies (f.ws);
  maybe_screenshot (&f, "import-cancelled.png");
  close_dialog (&f);
  fixture_tear_down (&f);
}

/* Closing the dialog while it runs cancels; "imported" still reaches the
 * window for the pages recorded, then the dialog is freed. */
static void
test_close_while_running (void)
{
  Fixture f = { 0 };
  g_autofree char *pages = NULL;
  const char *paths[] = { NULL, NULL };

  fixture_set_up (&f);
  pages = many_pages (&f);
  paths[0] = pages;

  start_import (&f, paths);
  wait_for (&f, first_tick);
  g_assert_true (attest_import_dialog_is_running (f.dialog));
  gtk_window_close (GTK_WINDOW (f.dialog));
  /* Gone from the screen at once, while the worker finishes its page. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f.dialog)));
  wait_for (&f, finished);

  g_assert_cmpuint (f.n_signals, ==, 1);
  g_assert_true (attest_import_dialog_get_summary (f.dialog)->cancelled);
  g_assert_cmpuint (count_variants (f.ws), ==, f.n_imported);
  assert_verifies (f.ws);

  /* Destroyed by itself once done: only the test's reference is left. */
  g_assert_finalize_object (g_steal_pointer (&f.dialog));
  fixture_tear_down (&f);
}

typedef struct {
  Fixture *f;
  char *pages;
  gboolean checked;
} AppRun;

static void
app_activate (GApplication *app,
              AppRun       *run)
{
  const char *paths[] = { run->pages, NULL };
  Fixture *f = run->f;

  gtk_application_add_window (GTK_APPLICATION (app), f->parent);
  start_import (f, paths);
  wait_for (f, first_tick);
  g_assert_true (attest_import_dialog_is_running (f->dialog));
  /* The window goes (something else still holding it, as a pending task
   * may), and the dialog with it; the application stays until the worker
   * is done. */
  gtk_window_destroy (f->parent);
  g_assert_false (gtk_widget_get_realized (GTK_WIDGET (f->dialog)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  g_assert_true (attest_import_dialog_is_running (f->dialog));
  run->checked = TRUE;
}

/* Closing the window while an import runs: the application waits for the
 * worker, which stops after its page; the workspace verifies. */
static void
test_close_window_while_running (void)
{
  Fixture f = { 0 };
  AppRun run = { &f, NULL, FALSE };
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.attest.AttestImportTest", G_APPLICATION_NON_UNIQUE);
  AttestImportSummary *summary;

  fixture_set_up (&f);
  run.pages = many_pages (&f);
  g_object_ref (f.parent);  /* destroyed by the test, freed below */
  g_signal_connect (app, "activate", G_CALLBACK (app_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_true (run.checked);

  /* g_application_run returned only once the import was over. */
  g_assert_false (attest_import_dialog_is_running (f.dialog));
  summary = attest_import_dialog_get_summary (f.dialog);
  g_assert_nonnull (summary);
  g_assert_true (summary->cancelled);
  /* The dialog was destroyed with the window: its handlers with it. */
  g_assert_cmpuint (count_variants (f.ws), ==, summary->imported);
  assert_verifies (f.ws);

  g_assert_finalize_object (g_steal_pointer (&f.dialog));
  g_object_unref (f.parent);
  f.parent = GTK_WINDOW (adw_window_new ());
  fixture_tear_down (&f);
  g_free (run.pages);
}

/* Keys through the X server (XTEST), to where the X input focus is: Xvfb has
 * no window manager, so the test gives the dialog the focus itself. */
static void
press_key (GtkWidget *window,
           guint      keysym)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  Display *xdisplay;
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  int major, minor, event_base, error_base;
  KeyCode code;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  g_assert_true (XTestQueryExtension (xdisplay, &event_base, &error_base, &major, &minor));
  gdk_x11_display_error_trap_push (display);
  XRaiseWindow (xdisplay, xid);
  XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  g_assert_cmpint (gdk_x11_display_error_trap_pop (display), ==, 0);

  code = XKeysymToKeycode (xdisplay, keysym);
  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  XFlush (xdisplay);
}

static gboolean
dialog_active (Fixture *f)
{
  return gtk_window_is_active (GTK_WINDOW (f->dialog));
}

static gboolean
summary_hidden (Fixture *f)
{
  return !gtk_widget_get_visible (GTK_WIDGET (f->dialog));
}

/* Escape cancels the running import; on the summary, Escape closes. */
static void
test_escape (void)
{
  Fixture f = { 0 };
  g_autofree char *pages = NULL;
  const char *paths[] = { NULL, NULL };

  fixture_set_up (&f);
  pages = many_pages (&f);
  paths[0] = pages;

  start_import (&f, paths);
  wait_for (&f, first_tick);
  g_assert_true (attest_import_dialog_is_running (f.dialog));
  press_key (GTK_WIDGET (f.dialog), XK_Escape);
  wait_for (&f, finished);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Import Cancelled");
  g_assert_true (attest_import_dialog_get_summary (f.dialog)->cancelled);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f.dialog)));

  wait_for (&f, dialog_active);
  press_key (GTK_WIDGET (f.dialog), XK_Escape);
  wait_for (&f, summary_hidden);
  g_assert_finalize_object (g_steal_pointer (&f.dialog));
  fixture_tear_down (&f);
}

/* A second Attest holds the workspace longer than the busy timeout: "Import
 * Failed" saying so, nothing lost, and the window's workspace still works. */
static void
test_busy (void)
{
  Fixture f = { 0 };
  g_autofree char *offerings = offerings_dir ();
  const char *paths[] = { offerings, NULL };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;
  gint64 t0;

  fixture_set_up (&f);
  g_assert_cmpint (sqlite3_open_v2 (f.path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  t0 = g_get_monotonic_time ();
  start_import (&f, paths);
  wait_for (&f, finished);
  printf ("# busy workspace reported after %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Import Failed");
  text = shown_text (&f);
  g_assert_nonnull (strstr (text, "The workspace is busy: another program is writing to it; try again in a moment.\n"));
  g_assert_nonnull (strstr (text, "Nothing in the workspace was changed."));
  g_assert_nonnull (strstr (text, "offering-iso-20000-1.fr-FR.md"));
  g_assert_cmpint (shown_count (&f, "Failed"), ==, 1);
  g_assert_cmpint (shown_count (&f, "Not Read"), ==, 4);
  g_assert_cmpuint (f.n_signals, ==, 0);
  maybe_screenshot (&f, "import-failed.png");
  close_dialog (&f);

  /* The window's workspace is fine, and writable again. */
  g_assert_cmpint (attest_workspace_count_frameworks (f.ws, NULL), ==, 0);
  g_assert_true (attest_workspace_set_ui_state (f.ws, "probe", "1", &error));
  g_assert_no_error (error);
  fixture_tear_down (&f);
}

/* A workspace the worker cannot open: "Import Failed" with the reason. */
static void
test_cannot_open (void)
{
  Fixture f = { 0 };
  g_autofree char *offerings = offerings_dir ();
  const char *paths[] = { offerings, NULL };
  g_autofree char *text = NULL;

  fixture_set_up (&f);
  /* The file replaced by something else after the window opened it. */
  g_assert_cmpint (g_unlink (f.path), ==, 0);
  g_assert_true (g_file_set_contents (f.path, "this is not a database, not even close to one: junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk junk", -1, NULL));

  start_import (&f, paths);
  wait_for (&f, finished);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.dialog)), ==, "Import Failed");
  g_assert_null (attest_import_dialog_get_summary (f.dialog));
  text = shown_text (&f);
  g_assert_nonnull (strstr (text, "is not an Attest workspace"));
  g_assert_cmpint (shown_count (&f, "Imported"), ==, -1);
  close_dialog (&f);
  fixture_tear_down (&f);
}

/* The include root (issue 19): "Read includes from the documentation set's
 * folder", ticked by default in Import Pages…, lets the pages include
 * ../includes/ beside the folder chosen; unticked, they stay in that folder. */
static void
test_docset_includes (void)
{
  Fixture f = { 0 };
  g_autofree char *set = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *inc = NULL;
  const char *paths[2] = { NULL, NULL };
  GtkWidget *message = NULL;
  GtkWidget *check;
  AttestImportSummary *summary;

  fixture_set_up (&f);
  set = g_build_filename (f.dir, "docs", NULL);
  pages = g_build_filename (set, "regulatory", NULL);
  inc = g_build_filename (set, "includes", NULL);
  g_assert_cmpint (g_mkdir_with_parents (pages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (inc, 0700), ==, 0);
  {
    g_autofree char *git = g_build_filename (f.dir, ".git", NULL);
    g_autofree char *page = g_build_filename (pages, "offering-docset.md", NULL);
    g_autofree char *intro = g_build_filename (inc, "intro.md", NULL);

    g_assert_cmpint (g_mkdir_with_parents (git, 0700), ==, 0);
    g_assert_true (g_file_set_contents (page, "# Docset\n\n[!INCLUDE [intro](../includes/intro.md)]\n\n"
                                              "## Microsoft in-scope cloud services\n\n- Azure\n", -1, NULL));
    g_assert_true (g_file_set_contents (intro, "Shared introduction.\n", -1, NULL));
  }
  paths[0] = pages;

  /* The checkbox, ticked, in the first question of Import Pages…. */
  attest_import_dialog_choose (f.parent, f.ws, NULL);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && message == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (w))
          message = GTK_WIDGET (w);
      }
  }
  g_assert_nonnull (message);
  check = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (message));
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_get_mapped (check));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==,
                   "Read _includes from the documentation set’s folder");
  gtk_window_destroy (GTK_WINDOW (message));

  /* Ticked: the include is read. */
  f.dialog = attest_import_dialog_new_full (f.parent, f.ws, paths, TRUE);
  g_object_ref (f.dialog);
  wait_for (&f, finished);
  summary = attest_import_dialog_get_summary (f.dialog);
  g_assert_cmpuint (summary->imported, ==, 1);
  g_assert_cmpuint (summary->warnings->len, ==, 0);
  close_dialog (&f);

  /* Unticked: the folder chosen is the root; the include is left out, said. */
  {
    g_autofree char *page = g_build_filename (pages, "offering-docset.md", NULL);
    g_assert_true (g_file_set_contents (page, "# Docset\n\n[!INCLUDE [intro](../includes/intro.md)]\n\n"
                                              "## Microsoft in-scope cloud services\n\n- Azure\n- Intune\n", -1, NULL));
  }
  f.dialog = attest_import_dialog_new_full (f.parent, f.ws, paths, FALSE);
  g_object_ref (f.dialog);
  wait_for (&f, finished);
  summary = attest_import_dialog_get_summary (f.dialog);
  g_assert_cmpuint (summary->imported, ==, 1);
  g_assert_cmpuint (summary->warnings->len, ==, 1);
  g_assert_nonnull (strstr (summary->warnings->pdata[0], "outside the import root"));
  close_dialog (&f);
  fixture_tear_down (&f);
}

ATTEST_TEST_ISOLATED (test_seeds)
ATTEST_TEST_ISOLATED (test_docset_includes)
ATTEST_TEST_ISOLATED (test_bad_files)
ATTEST_TEST_ISOLATED (test_scope_changes)
ATTEST_TEST_ISOLATED (test_cancel)
ATTEST_TEST_ISOLATED (test_close_while_running)
ATTEST_TEST_ISOLATED (test_close_window_while_running)
ATTEST_TEST_ISOLATED (test_escape)
ATTEST_TEST_ISOLATED (test_busy)
ATTEST_TEST_ISOLATED (test_cannot_open)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);
  attest_test_use_app_style ();

  g_test_add_func ("/import-dialog/seeds", test_seeds_isolated);
  g_test_add_func ("/import-dialog/bad-files", test_bad_files_isolated);
  g_test_add_func ("/import-dialog/scope-changes", test_scope_changes_isolated);
  g_test_add_func ("/import-dialog/cancel", test_cancel_isolated);
  g_test_add_func ("/import-dialog/close-while-running", test_close_while_running_isolated);
  g_test_add_func ("/import-dialog/close-window-while-running", test_close_window_while_running_isolated);
  g_test_add_func ("/import-dialog/escape", test_escape_isolated);
  g_test_add_func ("/import-dialog/busy", test_busy_isolated);
  g_test_add_func ("/import-dialog/cannot-open", test_cannot_open_isolated);
  g_test_add_func ("/import-dialog/docset-includes", test_docset_includes_isolated);

  return g_test_run ();
}
