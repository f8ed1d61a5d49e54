/* test-cell-pane.c: the cell pane on real cells of the bundled catalog
 *
 * Source quote and variant, inline checklist edits (stored, one history row
 * each, "cell-changed"), a busy workspace, attaching files in the worker
 * (shared storage, duplicates, missing and oversized files, cancel, a pane
 * destroyed mid-attach), removing a link and its Undo, evidence dates and
 * expiry badges, linking stored evidence, the read-only copy for opening;
 * the framework's PDF links and their documents (downloaded from a loopback
 * server, cancelled, refused, attached from a file or a drop).
 *
 * Set ATTEST_TEST_SCREENSHOT_DIR to save a PNG of the pane after some cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attest-cell-pane.h"
#include "attest-cell-pane-private.h"
#include "attest-checklist-row.h"
#include "attest-evidence-opener.h"
#include "attest-evidence-row.h"
#include "attest-history.h"
#include "attest-link-row.h"
#include "attest-test-server.h"
#include "attest-test-widgets.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-links.h"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  AttestMatrix *matrix;
  GtkWindow *window;
  AttestCellPane *pane;
  guint changed;
  char *changed_cell;       /* the last "cell-changed": "scope:service" */
  guint closed;
} Fixture;

static void
cell_changed (AttestCellPane *pane,
              const char     *scope_id,
              const char     *service_id,
              Fixture        *f)
{
  f->changed++;
  g_free (f->changed_cell);
  f->changed_cell = g_strdup_printf ("%s:%s", scope_id, service_id);
}

static void
close_requested (AttestCellPane *pane,
                 Fixture        *f)
{
  f->closed++;
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  f->dir = g_dir_make_tmp ("attest-pane-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "audit.attest", NULL);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  attest_workspace_set_reviewer (f->ws, "Pane Tester");
  attest_test_import_bundled (f->ws, NULL);
  f->matrix = attest_workspace_load_matrix (f->ws, &error);
  g_assert_no_error (error);

  f->pane = attest_cell_pane_new ();
  g_signal_connect (f->pane, "cell-changed", G_CALLBACK (cell_changed), f);
  g_signal_connect (f->pane, "close-requested", G_CALLBACK (close_requested), f);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 900);
  gtk_window_set_child (f->window, GTK_WIDGET (f->pane));
  gtk_window_present (f->window);

  start = g_get_monotonic_time ();
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->pane)))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
    }
}

static void
fixture_tear_down (Fixture *f)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  iterate (50);
  attest_matrix_free (f->matrix);
  g_clear_object (&f->ws);
  g_free (f->changed_cell);
  g_free (f->path);
  g_free (f->dir);
}

/* A PNG of the window, for looking at the pane (not asserted). */
static void
maybe_screenshot (Fixture    *f,
                  const char *name)
{
  const char *dir = g_getenv ("ATTEST_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  iterate (1200);
  path = g_build_filename (dir, name, NULL);
  attest_test_save_png (GTK_WIDGET (f->window), path);
  printf ("# screenshot: %s\n", path);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  attest_test_collect_any (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static void
show_cell (Fixture    *f,
           const char *scope_id,
           const char *service_id)
{
  attest_cell_pane_set_cell (f->pane, f->ws, f->matrix, scope_id, service_id);
  g_assert_cmpstr (attest_cell_pane_get_scope_id (f->pane), ==, scope_id);
  g_assert_cmpstr (attest_cell_pane_get_service_id (f->pane), ==, service_id);
}

static AttestChecklistRow *
item_row (Fixture *f,
          guint    index)
{
  GtkWidget *row = _attest_cell_pane_get_item_row (f->pane, index);

  g_assert_nonnull (row);
  return ATTEST_CHECKLIST_ROW (row);
}

static AttestChecklistItem *
stored_item (Fixture    *f,
             const char *scope_id,
             const char *service_id,
             guint       index)
{
  g_autoptr(GError) error = NULL;
  /* Stored (by an edit of their own if need be): ids the items keep. */
  g_autoptr(GPtrArray) items = attest_test_stored_checklist (f->ws, scope_id, service_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, index);
  return g_ptr_array_steal_index (items, index);
}

static guint
count_history (Fixture    *f,
               const char *entity,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, entity, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (action == NULL || g_str_equal (((AttestHistoryEntry *)rows->pdata[i])->action, action))
      n++;
  return n;
}

static GPtrArray *
item_evidence (Fixture *f,
               gint64   item_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = attest_workspace_list_item_evidence (f->ws, item_id, &error);

  g_assert_no_error (error);
  return list;
}

static char *
today_plus (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The source quote, the variant, and the cells that are not (or no longer) in scope. */
static void
test_source (void)
{
  Fixture fx = { 0 }, *f = &fx;
  AttestMatrixCell *cell;
  g_autofree char *quote = NULL;
  g_autofree char *translated = NULL;
  g_autofree char *variant = NULL;

  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint_after = NULL;
  guint n_history;

  fixture_set_up (f);

  cell = attest_matrix_lookup_cell (f->matrix, "soc/soc-2", "intune");
  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->variant_locale, ==, "fr-FR");
  g_assert_nonnull (cell->variant_date);
  fingerprint = attest_workspace_get_fingerprint (f->ws, NULL);
  n_history = count_history (f, NULL, NULL);
  show_cell (f, "soc/soc-2", "intune");

  quote = g_strdup_printf ("“%s”", cell->source_line);
  g_assert_cmpstr (_attest_cell_pane_get_quote_text (f->pane), ==, quote);
  if (g_strcmp0 (cell->translated_line, cell->source_line) != 0)
    {
      translated = g_strdup_printf ("“%s”", cell->translated_line);
      g_assert_cmpstr (_attest_cell_pane_get_translated_quote_text (f->pane), ==, translated);
    }
  /* The page's own date apart from the day it was imported, as people write dates. */
  g_assert_cmpstr (cell->variant_date, ==, "2020-02-01");
  variant = g_strdup ("From the French (France) page (page of 1 February 2020, imported ");
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_variant_text (f->pane), variant));
  g_assert_null (strstr (_attest_cell_pane_get_variant_text (f->pane), "Z)"));
  g_assert_null (_attest_cell_pane_get_banner_text (f->pane));
  printf ("# quote: %s | %s\n", _attest_cell_pane_get_quote_text (f->pane),
          _attest_cell_pane_get_variant_text (f->pane));

  /* The first look shows the template's items and writes nothing: no
   * history row, the same fingerprint, nothing for the window to hear of. */
  g_assert_nonnull (_attest_cell_pane_get_item_row (f->pane, 0));
  g_assert_cmpuint (f->changed, ==, 0);
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_summary_text (f->pane), "Not started — 0 of 6 satisfied"));
  fingerprint_after = attest_workspace_get_fingerprint (f->ws, NULL);
  g_assert_cmpstr (fingerprint_after, ==, fingerprint);
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, n_history);
  g_assert_cmpuint (count_history (f, "checklist", NULL), ==, 0);
  /* Shown again (the window reloaded its matrix): nothing made, nothing said,
   * the same rows kept. */
  {
    GtkWidget *before = _attest_cell_pane_get_item_row (f->pane, 0);

    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (before), TRUE);
    /* Its own ids, as a window refreshing the pane would pass them. */
    attest_cell_pane_set_cell (f->pane, f->ws, f->matrix, attest_cell_pane_get_scope_id (f->pane),
                               attest_cell_pane_get_service_id (f->pane));
    g_assert_cmpstr (attest_cell_pane_get_scope_id (f->pane), ==, "soc/soc-2");
    g_assert_true (_attest_cell_pane_get_item_row (f->pane, 0) == before);
    g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (before)));
  }
  g_assert_cmpuint (f->changed, ==, 0);
  g_clear_pointer (&fingerprint_after, g_free);
  fingerprint_after = attest_workspace_get_fingerprint (f->ws, NULL);
  g_assert_cmpstr (fingerprint_after, ==, fingerprint);
  maybe_screenshot (f, "pane-source.png");

  /* A line the page translated: both, the page's first. */
  cell = attest_matrix_lookup_cell (f->matrix, "iso-20000-1/iso-20000-1", "azure");
  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->translated_line, !=, cell->source_line);
  show_cell (f, "iso-20000-1/iso-20000-1", "azure");
  g_clear_pointer (&quote, g_free);
  g_clear_pointer (&translated, g_free);
  quote = g_strdup_printf ("“%s”", cell->source_line);
  translated = g_strdup_printf ("“%s”", cell->translated_line);
  g_assert_cmpstr (_attest_cell_pane_get_quote_text (f->pane), ==, quote);
  g_assert_cmpstr (_attest_cell_pane_get_translated_quote_text (f->pane), ==, translated);
  g_assert_cmpstr (_attest_cell_pane_get_quote_text (f->pane), ==, "“Azure and Azure Government”");
  g_assert_cmpstr (_attest_cell_pane_get_translated_quote_text (f->pane), ==, "“Azure et Azure Government”");
  /* The translated line's caption names its language, never its code (issue 19). */
  g_assert_cmpstr (_attest_cell_pane_get_translated_caption_text (f->pane), ==, "Page text · French (France)");
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_variant_text (f->pane), "From the French (France) page (page of 4 November 2019, imported "));
  maybe_screenshot (f, "pane-translated.png");

  /* Out of scope: said so, no checklist, nothing to attach to. */
  g_assert_null (attest_matrix_lookup_cell (f->matrix, "mars-e/mars-e", "power-bi"));
  show_cell (f, "mars-e/mars-e", "power-bi");
  g_assert_nonnull (_attest_cell_pane_get_banner_text (f->pane));
  g_assert_nonnull (strstr (_attest_cell_pane_get_banner_text (f->pane), "Not in scope"));
  g_assert_null (_attest_cell_pane_get_item_row (f->pane, 0));
  {
    g_autoptr(GFile) file = g_file_new_for_path (f->path);
    GSList files = { file, NULL };

    attest_cell_pane_attach_files (f->pane, &files);
    g_assert_false (_attest_cell_pane_is_attaching (f->pane));
    g_assert_nonnull (strstr (_attest_cell_pane_get_failure_text (f->pane), "not in scope"));
  }
  g_assert_cmpuint (f->changed, ==, 0);

  /* No longer in scope: said so, the checklist kept. */
  cell = attest_matrix_lookup_cell (f->matrix, "soc/soc-3", "stream");
  g_assert_nonnull (cell);
  g_free (cell->rollup);
  cell->rollup = g_strdup ("no-longer-in-scope");
  show_cell (f, "soc/soc-3", "stream");
  g_assert_nonnull (strstr (_attest_cell_pane_get_banner_text (f->pane), "No longer in scope"));
  g_assert_nonnull (_attest_cell_pane_get_item_row (f->pane, 0));
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_summary_text (f->pane), "No longer in scope"));

  /* Cleared. */
  attest_cell_pane_set_cell (f->pane, NULL, NULL, NULL, NULL);
  g_assert_null (attest_cell_pane_get_scope_id (f->pane));
  g_assert_null (_attest_cell_pane_get_item_row (f->pane, 0));

  /* Close button and Escape share an action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), "pane.close", NULL));
  g_assert_cmpuint (f->closed, ==, 1);
  g_assert_true (GTK_IS_BOX (attest_cell_pane_get_notes_box (f->pane)));

  fixture_tear_down (f);
}

/* Status, owner and due edited through the row's controls. */
static void
test_checklist (void)
{
  Fixture fx = { 0 }, *f = &fx;
  AttestChecklistRow *row;
  AdwComboRow *status;
  AdwEntryRow *owner;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) past = g_date_time_new_local (2000, 1, 15, 12, 0, 0);
  g_autoptr(AttestChecklistItem) item = NULL;
  guint history;

  fixture_set_up (f);
  show_cell (f, "soc/soc-2", "intune");
  f->changed = 0;
  history = count_history (f, "checklist-item", "update");

  /* Status: satisfied, stored, one history row, the window told, the roll-up at once. */
  row = item_row (f, 0);
  status = ADW_COMBO_ROW (attest_test_find_any (GTK_WIDGET (row), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (status), ==, 0);
  adw_combo_row_set_selected (status, 2);
  item = stored_item (f, "soc/soc-2", "intune", 0);
  g_assert_cmpstr (item->status, ==, "satisfied");
  /* The first edit stored the cell's items: the row now names the stored one. */
  g_assert_cmpint (item->id, >, 0);
  g_assert_cmpint (attest_checklist_row_get_item_id (row), ==, item->id);
  g_assert_cmpuint (count_history (f, "checklist-item", "update"), ==, history + 1);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (f->changed_cell, ==, "soc/soc-2:intune");
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_summary_text (f->pane), "In progress — 1 of 6 satisfied"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Satisfied"));

  /* Owner: committed on apply; the same text again stores nothing. */
  owner = ADW_ENTRY_ROW (attest_test_find_any (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW));
  gtk_editable_set_text (GTK_EDITABLE (owner), "Dana Owner ");
  g_signal_emit_by_name (owner, "apply");
  g_clear_pointer (&item, attest_checklist_item_free);
  item = stored_item (f, "soc/soc-2", "intune", 0);
  g_assert_cmpstr (item->owner, ==, "Dana Owner");
  g_assert_cmpuint (count_history (f, "checklist-item", "update"), ==, history + 2);
  g_signal_emit_by_name (owner, "apply");
  g_assert_cmpuint (count_history (f, "checklist-item", "update"), ==, history + 2);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Dana Owner"));

  /* Due, in the past, on a second item not started: overdue, and said so. */
  row = item_row (f, 1);
  g_assert_false (attest_checklist_row_get_overdue (row));
  calendar = GTK_CALENDAR (attest_test_find_any (GTK_WIDGET (row), GTK_TYPE_CALENDAR));
  gtk_calendar_select_day (calendar, past);
  g_signal_emit_by_name (find_button (GTK_WIDGET (row), "_Set Date"), "clicked");
  g_clear_pointer (&item, attest_checklist_item_free);
  item = stored_item (f, "soc/soc-2", "intune", 1);
  g_assert_cmpstr (item->due, ==, "2000-01-15");
  g_assert_true (attest_checklist_row_get_overdue (row));
  g_assert_nonnull (strstr (_attest_cell_pane_get_summary_text (f->pane), "1 overdue"));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean badge = FALSE;

    attest_test_collect_any (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (g_str_equal (gtk_label_get_text (labels->pdata[i]), "Overdue") && gtk_widget_get_visible (labels->pdata[i]))
        badge = TRUE;
    g_assert_true (badge);
  }
  maybe_screenshot (f, "pane-checklist.png");

  /* Clear the date: no longer overdue. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (row), "C_lear"), "clicked");
  g_clear_pointer (&item, attest_checklist_item_free);
  item = stored_item (f, "soc/soc-2", "intune", 1);
  g_assert_null (item->due);
  g_assert_false (attest_checklist_row_get_overdue (row));
  g_assert_cmpuint (f->changed, ==, 4);

  /* A busy workspace: the edit is refused in words, the control shows what is stored. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    status = ADW_COMBO_ROW (attest_test_find_any (GTK_WIDGET (row), ADW_TYPE_COMBO_ROW));
    adw_combo_row_set_selected (status, 4);
    g_assert_nonnull (_attest_cell_pane_get_failure_text (f->pane));
    g_assert_nonnull (strstr (_attest_cell_pane_get_failure_text (f->pane), "busy"));
    g_assert_cmpuint (adw_combo_row_get_selected (status), ==, 0);
    g_assert_cmpuint (f->changed, ==, 4);
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close (db);
  }
  g_clear_pointer (&item, attest_checklist_item_free);
  item = stored_item (f, "soc/soc-2", "intune", 1);
  g_assert_cmpstr (item->status, ==, "not-started");
  /* …and the pane keeps working. */
  adw_combo_row_set_selected (status, 4);
  g_clear_pointer (&item, attest_checklist_item_free);
  item = stored_item (f, "soc/soc-2", "intune", 1);
  g_assert_cmpstr (item->status, ==, "exception");
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_summary_text (f->pane), "Exception — 1 of 6 satisfied, 1 exception"));

  /* An owner typed and left by going to another cell is kept: focus-out commits. */
  row = item_row (f, 2);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  iterate (300);
  owner = ADW_ENTRY_ROW (attest_test_find_any (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (owner)));
  gtk_editable_set_text (GTK_EDITABLE (owner), "Sam Left");
  f->changed = 0;
  show_cell (f, "soc/soc-1", "intune");
  g_clear_pointer (&item, attest_checklist_item_free);
  item = stored_item (f, "soc/soc-2", "intune", 2);
  g_assert_cmpstr (item->owner, ==, "Sam Left");
  g_assert_cmpuint (f->changed, >=, 1);
  g_assert_nonnull (_attest_cell_pane_get_item_row (f->pane, 0));

  fixture_tear_down (f);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
attach_paths (Fixture    *f,
              const char *first,
              ...)
{
  GSList *files = NULL;
  va_list args;
  gint64 start = g_get_monotonic_time ();

  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    files = g_slist_append (files, g_file_new_for_path (p));
  va_end (args);

  attest_cell_pane_attach_files (f->pane, files);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (_attest_cell_pane_is_attaching (f->pane));
  while (_attest_cell_pane_is_attaching (f->pane))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
    }
}

static const char *
toast_title (Fixture *f)
{
  AdwToast *toast = _attest_cell_pane_get_last_toast (f->pane);

  g_assert_nonnull (toast);
  return adw_toast_get_title (toast);
}

static AttestEvidence *
find_evidence (GPtrArray  *list,
               const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((AttestEvidence *)list->pdata[i])->name, name))
      return list->pdata[i];
  return NULL;
}

static AttestEvidenceRow *
evidence_row (AttestChecklistRow *row,
              const char         *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (row), ATTEST_TYPE_EVIDENCE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (attest_evidence_row_get_name (rows->pdata[i]), name))
      return rows->pdata[i];
  return NULL;
}

/* Files attached in the worker, shared between cells, removed and put back. */
static void
test_attach (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *big = NULL;
  g_autoptr(AttestChecklistItem) soc2_1 = NULL;
  g_autoptr(AttestChecklistItem) soc2_2 = NULL;
  g_autoptr(AttestChecklistItem) soc1_1 = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  AttestEvidence *e;
  AttestChecklistRow *row;
  AdwToast *toast;
  FILE *fp;

  fixture_set_up (f);
  a = write_file (f, "report-a.txt", "SOC 2 Type II report, period 2023");
  b = write_file (f, "report-b.txt", "Bridge letter, Q1 2024");
  c = write_file (f, "report-c.txt", "ISO certificate");
  missing = g_build_filename (f->dir, "missing.pdf", NULL);

  show_cell (f, "soc/soc-2", "intune");
  soc2_1 = stored_item (f, "soc/soc-2", "intune", 0);
  soc2_2 = stored_item (f, "soc/soc-2", "intune", 1);
  f->changed = 0;

  /* Nothing under the pointer or focused: the first item. */
  gtk_window_set_focus (f->window, NULL);
  attach_paths (f, a, b, NULL);
  linked = item_evidence (f, soc2_1->id);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_cmpstr (toast_title (f), ==, "Attached 2 files");
  g_assert_null (_attest_cell_pane_get_failure_text (f->pane));
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpstr (f->changed_cell, ==, "soc/soc-2:intune");
  g_assert_cmpuint (attest_checklist_row_get_n_evidence (item_row (f, 0)), ==, 2);
  g_assert_cmpuint (count_history (f, "evidence", "attach"), ==, 2);
  {
    g_autoptr(GPtrArray) history = attest_workspace_list_history (f->ws, "evidence", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((AttestHistoryEntry *)history->pdata[0])->reviewer, ==, "Pane Tester");
  }

  /* The focused item takes the files. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (item_row (f, 1)), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (item_row (f, 1))));
  attach_paths (f, c, NULL);
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = item_evidence (f, soc2_2->id);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (toast_title (f), ==, "Attached “report-c.txt”");
  gtk_window_set_focus (f->window, NULL);

  /* The same file again on the same item: said, not an error. */
  attach_paths (f, a, NULL);
  g_assert_cmpstr (toast_title (f), ==, "“report-a.txt” is already attached to this item");
  g_assert_null (_attest_cell_pane_get_failure_text (f->pane));
  g_assert_cmpuint (count_history (f, "evidence", "attach"), ==, 3);

  /* One report serving a second cell: stored once, linked twice. */
  show_cell (f, "soc/soc-1", "intune");
  soc1_1 = stored_item (f, "soc/soc-1", "intune", 0);
  attach_paths (f, a, NULL);
  all = attest_workspace_list_evidence (f->ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  e = find_evidence (all, "report-a.txt");
  g_assert_nonnull (e);
  g_assert_cmpuint (e->cells->len, ==, 2);
  g_assert_cmpstr (f->changed_cell, ==, "soc/soc-1:intune");

  /* Remove a link: gone from the item, the bytes stay, a toast offers Undo. */
  show_cell (f, "soc/soc-2", "intune");
  row = item_row (f, 0);
  g_assert_nonnull (evidence_row (row, "report-b.txt"));
  f->changed = 0;
  {
    g_autoptr(GPtrArray) l = attest_workspace_list_evidence (f->ws, NULL);
    const char *sha_b = find_evidence (l, "report-b.txt")->sha256;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (evidence_row (row, "report-b.txt")),
                                               "pane.remove-evidence", "(xs)", soc2_1->id, sha_b));
  }
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = item_evidence (f, soc2_1->id);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_null (evidence_row (row, "report-b.txt"));
  g_assert_cmpuint (count_history (f, "evidence", "unlink"), ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);
  toast = _attest_cell_pane_get_last_toast (f->pane);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Removed “report-b.txt”");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_clear_pointer (&all, g_ptr_array_unref);
  all = attest_workspace_list_evidence (f->ws, NULL);
  g_assert_cmpuint (all->len, ==, 3);

  /* Undo: the toast's own action and target. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->pane), adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = item_evidence (f, soc2_1->id);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_nonnull (evidence_row (row, "report-b.txt"));
  g_assert_cmpuint (count_history (f, "evidence", "link"), ==, 1);
  g_assert_cmpuint (f->changed, ==, 2);
  maybe_screenshot (f, "pane-evidence.png");

  /* A missing file among good ones: named with its reason, the others attached. */
  {
    g_autofree char *d = write_file (f, "report-d.txt", "Pen test summary");

    attach_paths (f, missing, d, NULL);
    g_assert_nonnull (_attest_cell_pane_get_failure_text (f->pane));
    g_assert_nonnull (strstr (_attest_cell_pane_get_failure_text (f->pane), "missing.pdf"));
    g_assert_nonnull (strstr (_attest_cell_pane_get_failure_text (f->pane), "no such file"));
    g_assert_cmpstr (toast_title (f), ==, "Attached “report-d.txt”");
    g_clear_pointer (&linked, g_ptr_array_unref);
    linked = item_evidence (f, soc2_1->id);
    g_assert_cmpuint (linked->len, ==, 3);
    maybe_screenshot (f, "pane-failure.png");
  }

  /* Over the size limit (sparse): refused, named, nothing stored. */
  big = g_build_filename (f->dir, "huge-scan.bin", NULL);
  fp = g_fopen (big, "wb");
  g_assert_nonnull (fp);
  g_assert_cmpint (ftruncate (fileno (fp), ATTEST_EVIDENCE_MAX_BYTES + 1), ==, 0);
  fclose (fp);
  attach_paths (f, big, NULL);
  g_assert_nonnull (strstr (_attest_cell_pane_get_failure_text (f->pane), "huge-scan.bin"));
  g_assert_nonnull (strstr (_attest_cell_pane_get_failure_text (f->pane), "larger than"));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = attest_workspace_list_evidence (f->ws, NULL);
  g_assert_cmpuint (all->len, ==, 4);
  g_unlink (big);

  /* Cancelled at once: said so, and the pane takes the next attach. */
  {
    g_autofree char *e1 = write_file (f, "report-e.txt", "Cancelled attach");
    g_autoptr(GFile) file = g_file_new_for_path (e1);
    GSList files = { file, NULL };
    gint64 start = g_get_monotonic_time ();

    attest_cell_pane_attach_files (f->pane, &files);
    attest_cell_pane_cancel (f->pane);
    while (_attest_cell_pane_is_attaching (f->pane))
      {
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
    /* The worker may have stored the file before it saw the cancel: whatever
     * the toast says is what the workspace holds. */
    g_assert_true (g_str_has_prefix (toast_title (f), "Cancelled: "));
    {
      g_autoptr(GPtrArray) now = item_evidence (f, soc2_1->id);
      gboolean stored = find_evidence (now, "report-e.txt") != NULL;

      g_assert_cmpstr (toast_title (f), ==, stored ? "Cancelled: 1 of 1 file attached"
                                                   : "Cancelled: 0 of 1 file attached");
      printf ("# cancelled attach: %s\n", toast_title (f));
    }
    g_assert_false (_attest_cell_pane_is_attaching (f->pane));
  }
  {
    g_autofree char *f1 = write_file (f, "report-f.txt", "After the cancel");

    attach_paths (f, f1, NULL);
    g_assert_cmpstr (toast_title (f), ==, "Attached “report-f.txt”");
  }

  /* Destroyed in the middle of an attach: the worker's answer finds no pane.
   * The test waits for the worker to return, as the application does. */
  {
    g_autofree char *g = write_file (f, "report-g.txt", "Late answer");
    g_autoptr(GFile) file = g_file_new_for_path (g);
    GSList files = { file, NULL };
    AttestEvidenceAttacher *attacher;
    gint64 start = g_get_monotonic_time ();

    attest_cell_pane_attach_files (f->pane, &files);
    g_assert_true (_attest_cell_pane_is_attaching (f->pane));
    attacher = _attest_cell_pane_get_attacher (f->pane);
    g_object_add_weak_pointer (G_OBJECT (attacher), (gpointer *)&attacher);
    gtk_window_destroy (f->window);
    f->window = NULL;
    while (attacher != NULL)
      {
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
  }

  fixture_tear_down (f);
}

static GtkWindow *
find_window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (gtk_widget_get_visible (GTK_WIDGET (w)) && g_strcmp0 (gtk_window_get_title (GTK_WINDOW (w)), title) == 0)
        return GTK_WINDOW (w);
    }
  return NULL;
}

/* Dates through their dialog, the badges they give, and linking stored evidence. */
static void
test_dates_and_link (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *a = NULL;
  g_autofree char *soon = today_plus (10);
  g_autofree char *later = today_plus (31);
  g_autoptr(AttestChecklistItem) first = NULL;
  g_autoptr(AttestChecklistItem) second = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *chooser;
  AttestEvidenceRow *erow;
  g_autofree char *sha = NULL;

  fixture_set_up (f);
  a = write_file (f, "soc2-report.pdf.txt", "SOC 2 report");
  show_cell (f, "soc/soc-2", "intune");
  first = stored_item (f, "soc/soc-2", "intune", 0);
  second = stored_item (f, "soc/soc-2", "intune", 1);
  gtk_window_set_focus (f->window, NULL);
  attach_paths (f, a, NULL);
  linked = item_evidence (f, first->id);
  sha = g_strdup (((AttestEvidence *)linked->pdata[0])->sha256);
  erow = evidence_row (item_row (f, 0), "soc2-report.pdf.txt");
  g_assert_cmpint (attest_evidence_row_get_expiry_state (erow), ==, ATTEST_EXPIRY_NONE);

  /* The dialog: an expiry date in the past. */
  f->changed = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (erow), "pane.edit-dates", "s", sha));
  dialog = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    attest_test_collect_any (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
    g_assert_cmpuint (entries->len, ==, 2);
    gtk_editable_set_text (entries->pdata[0], "2023-01-01");
    gtk_editable_set_text (entries->pdata[1], "2023-12-31");
  }
  adw_message_dialog_response (dialog, "save");
  iterate (50);
  {
    g_autoptr(AttestEvidence) e = attest_workspace_get_evidence (f->ws, sha, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (e->effective, ==, "2023-01-01");
    g_assert_cmpstr (e->expires, ==, "2023-12-31");
  }
  g_assert_cmpuint (f->changed, ==, 1);
  erow = evidence_row (item_row (f, 0), "soc2-report.pdf.txt");
  g_assert_cmpint (attest_evidence_row_get_expiry_state (erow), ==, ATTEST_EXPIRY_EXPIRED);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean badge = FALSE;

    attest_test_collect_any (GTK_WIDGET (erow), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      badge = badge || g_str_equal (gtk_label_get_text (labels->pdata[i]), "Expired");
    g_assert_true (badge);
  }

  /* A bad date: refused in words as it is typed (Save waits), the stored dates kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (erow), "pane.edit-dates", "s", sha));
  dialog = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    const char *said = NULL;

    attest_test_collect_any (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
    g_assert_cmpstr (gtk_editable_get_text (entries->pdata[1]), ==, "2023-12-31");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
    gtk_editable_set_text (entries->pdata[1], "next year");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
    g_assert_true (gtk_widget_has_css_class (entries->pdata[1], "error"));
    g_assert_false (gtk_widget_has_css_class (entries->pdata[0], "error"));
    attest_test_collect_any (GTK_WIDGET (dialog), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (g_strcmp0 (gtk_widget_get_name (labels->pdata[i]), "date-problem") == 0 &&
          gtk_widget_get_visible (labels->pdata[i]))
        said = gtk_label_get_text (labels->pdata[i]);
    g_assert_cmpstr (said, ==, "“next year” is not a date: write it YYYY-MM-DD");
  }
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate (50);
  g_assert_cmpuint (f->changed, ==, 1);
  {
    g_autoptr(AttestEvidence) e = attest_workspace_get_evidence (f->ws, sha, NULL);
    g_assert_cmpstr (e->expires, ==, "2023-12-31");
  }

  /* Expiring within 30 days, and beyond. */
  g_assert_true (attest_workspace_update_evidence_dates (f->ws, sha, "", soon, &error));
  show_cell (f, "soc/soc-2", "intune");
  erow = evidence_row (item_row (f, 0), "soc2-report.pdf.txt");
  g_assert_cmpint (attest_evidence_row_get_expiry_state (erow), ==, ATTEST_EXPIRY_SOON);
  if (g_getenv ("ATTEST_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GtkAdjustment) adj = NULL;

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item_row (f, 0)), TRUE);
      adw_combo_row_set_selected (ADW_COMBO_ROW (attest_test_find_any (GTK_WIDGET (item_row (f, 0)), ADW_TYPE_COMBO_ROW)), 1);
      maybe_screenshot (f, "pane-expiring.png");
      adj = g_object_ref (gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (attest_test_find_any (GTK_WIDGET (f->pane), GTK_TYPE_SCROLLED_WINDOW))));
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      maybe_screenshot (f, "pane-expiring-bottom.png");
    }
  g_assert_true (attest_workspace_update_evidence_dates (f->ws, sha, NULL, later, &error));
  show_cell (f, "soc/soc-2", "intune");
  erow = evidence_row (item_row (f, 0), "soc2-report.pdf.txt");
  g_assert_cmpint (attest_evidence_row_get_expiry_state (erow), ==, ATTEST_EXPIRY_CURRENT);

  /* Link Existing Evidence…: the stored file chosen for the second item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (item_row (f, 1)), "pane.link-existing", "x", second->id));
  chooser = find_window_titled ("Link Existing Evidence");
  g_assert_nonnull (chooser);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    attest_test_collect_any (GTK_WIDGET (chooser), ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "soc2-report.pdf.txt");
    g_signal_emit_by_name (rows->pdata[0], "activated");
  }
  iterate (50);
  g_assert_null (find_window_titled ("Link Existing Evidence"));
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = item_evidence (f, second->id);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpstr (((AttestEvidence *)linked->pdata[0])->sha256, ==, sha);
  g_assert_nonnull (evidence_row (item_row (f, 1), "soc2-report.pdf.txt"));
  g_assert_cmpuint (count_history (f, "evidence", "link"), ==, 1);

  /* Offered again for that item: shown as attached already, not offered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (item_row (f, 1)), "pane.link-existing", "x", second->id));
  chooser = find_window_titled ("Link Existing Evidence");
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    attest_test_collect_any (GTK_WIDGET (chooser), ADW_TYPE_ACTION_ROW, rows);
    g_assert_false (gtk_widget_get_sensitive (rows->pdata[0]));
  }
  gtk_window_destroy (chooser);

  fixture_tear_down (f);
}

/* Names with "&" and "<" reach the toasts as they are (toast titles are
 * markup): no empty toast, no warning (fatal here). */
static void
test_markup_names (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *rd = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AttestChecklistItem) item = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  fixture_set_up (f);
  rd = write_file (f, "R&D <draft>.txt", "Research & development, <confidential>");
  show_cell (f, "soc/soc-2", "intune");
  item = stored_item (f, "soc/soc-2", "intune", 0);
  gtk_window_set_focus (f->window, NULL);

  attach_paths (f, rd, NULL);
  g_assert_true (pango_parse_markup (toast_title (f), -1, 0, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Attached “R&D <draft>.txt”");
  iterate (300);   /* the toast is shown: a markup error would be a fatal warning */

  linked = item_evidence (f, item->id);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), "pane.remove-evidence", "(xs)", item->id,
                                             ((AttestEvidence *)linked->pdata[0])->sha256));
  toast = _attest_cell_pane_get_last_toast (f->pane);
  g_clear_pointer (&text, g_free);
  g_assert_true (pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &text, NULL, &error));
  g_assert_cmpstr (text, ==, "Removed “R&D <draft>.txt”");
  iterate (300);

  fixture_tear_down (f);
}

/* An Undo toast outlives a change of workspace: it only undoes in its own
 * (item ids of two workspaces made from one catalog are the same numbers). */
static void
test_undo_in_its_workspace (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *a = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(AttestWorkspace) other = NULL;
  g_autoptr(AttestMatrix) other_matrix = NULL;
  g_autoptr(AttestChecklistItem) item = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) other_items = NULL;
  g_autoptr(GPtrArray) other_linked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *action = NULL;
  AdwToast *toast;
  gint64 other_item_id;

  fixture_set_up (f);
  a = write_file (f, "report-a.txt", "SOC 2 Type II report, period 2023");
  show_cell (f, "soc/soc-2", "intune");
  item = stored_item (f, "soc/soc-2", "intune", 0);
  gtk_window_set_focus (f->window, NULL);
  attach_paths (f, a, NULL);
  linked = item_evidence (f, item->id);
  g_assert_cmpuint (linked->len, ==, 1);
  sha = g_strdup (((AttestEvidence *)linked->pdata[0])->sha256);

  /* Removed here: the toast offers Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), "pane.remove-evidence", "(xs)", item->id, sha));
  toast = _attest_cell_pane_get_last_toast (f->pane);
  action = g_strdup (adw_toast_get_action_name (toast));
  target = g_variant_ref (adw_toast_get_action_target_value (toast));

  /* Another workspace from the same catalog, holding the same file on another item. */
  other_path = g_build_filename (f->dir, "other.attest", NULL);
  other = attest_workspace_open (other_path, &error);
  g_assert_no_error (error);
  attest_test_import_bundled (other, NULL);
  other_matrix = attest_workspace_load_matrix (other, &error);
  g_assert_no_error (error);
  attest_cell_pane_set_cell (f->pane, other, other_matrix, "soc/soc-2", "intune");
  other_items = attest_test_stored_checklist (other, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AttestChecklistItem *)other_items->pdata[0])->id, ==, item->id);
  other_item_id = ((AttestChecklistItem *)other_items->pdata[1])->id;
  {
    g_autoptr(GFile) file = g_file_new_for_path (a);
    GSList files = { file, NULL };
    gint64 start = g_get_monotonic_time ();

    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (item_row (f, 1)), GTK_DIR_TAB_FORWARD));
    attest_cell_pane_attach_files (f->pane, &files);
    while (_attest_cell_pane_is_attaching (f->pane))
      {
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
    gtk_window_set_focus (f->window, NULL);
  }
  other_linked = attest_workspace_list_item_evidence (other, other_item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_linked->len, ==, 1);

  /* The first workspace's Undo, while the other is shown: nothing changes in either. */
  f->changed = 0;
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->pane), action, target));
  g_clear_pointer (&other_linked, g_ptr_array_unref);
  other_linked = attest_workspace_list_item_evidence (other, item->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_linked->len, ==, 0);
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = item_evidence (f, item->id);
  g_assert_cmpuint (linked->len, ==, 0);
  g_assert_null (_attest_cell_pane_get_failure_text (f->pane));
  g_assert_cmpuint (f->changed, ==, 0);

  /* Back in its own workspace, the same Undo links the file again. */
  show_cell (f, "soc/soc-2", "intune");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->pane), action, target));
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = item_evidence (f, item->id);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);

  attest_cell_pane_set_cell (f->pane, NULL, NULL, NULL, NULL);
  fixture_tear_down (f);
}

/* Opening a file the workspace does not hold: the opener's worker says so,
 * in the pane, and nothing is launched. */
static void
test_open_missing (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "never stored", -1);
  gint64 start;

  fixture_set_up (f);
  show_cell (f, "soc/soc-2", "intune");
  g_assert_null (_attest_cell_pane_get_failure_text (f->pane));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->pane), "pane.open-evidence", "s", sha));
  start = g_get_monotonic_time ();
  while (_attest_cell_pane_get_failure_text (f->pane) == NULL)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
    }
  g_assert_true (g_str_has_prefix (_attest_cell_pane_get_failure_text (f->pane), "Could not open “”: "));
  printf ("# %s\n", _attest_cell_pane_get_failure_text (f->pane));
  fixture_tear_down (f);
}

/* The copy a viewer opens: the stored bytes, read-only, inside the cache. */
static void
test_open_copy (void)
{
  const char *text = "the stored bytes, unchanged";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *odd = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected_dir = NULL;
  GStatBuf st;

  path = _attest_evidence_opener_write_copy (bytes, sha, "report.pdf", &error);
  g_assert_no_error (error);
  expected_dir = g_build_filename (g_get_user_cache_dir (), "attest", "open", sha, NULL);
  g_assert_true (g_str_has_prefix (path, expected_dir));
  g_assert_true (g_str_has_suffix (path, "/report.pdf"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);

  again = _attest_evidence_opener_write_copy (bytes, sha, "report.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, path);

  /* A stored name cannot lead outside the folder. */
  odd = _attest_evidence_opener_write_copy (bytes, sha, "../../etc/passwd", &error);
  g_assert_no_error (error);
  {
    g_autofree char *parent = g_path_get_dirname (odd);
    g_autofree char *base = g_path_get_basename (odd);

    g_assert_cmpstr (parent, ==, expected_dir);
    g_assert_cmpstr (base, ==, ".._.._etc_passwd");
  }
}

/* Issue 20: a PDF link's document */

static void
wait_link_idle (AttestLinkRow *row)
{
  gint64 start = g_get_monotonic_time ();

  while (attest_link_row_get_busy (row))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
    }
}

static guint
count_evidence (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = attest_workspace_list_evidence (f->ws, &error);

  g_assert_no_error (error);
  return all->len;
}

static gboolean
evidence_listed (Fixture    *f,
                 const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = attest_workspace_list_evidence (f->ws, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((AttestEvidence *)all->pdata[i])->sha256, sha256))
      return TRUE;
  return FALSE;
}

static void
count_changed (AttestLinkRow *row,
               const char    *url,
               guint         *n)
{
  (*n)++;
}

/* A click on a visible, sensitive button (GtkButton's "activate" waits a moment). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A drop on the row, as GTK hands it over. */
static gboolean
drop_on (GtkWidget *row,
         GFile     *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  gboolean taken = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        {
          g_signal_emit_by_name (c, "drop", &value, 1.0, 1.0, &taken);
          return taken;
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

static GtkWidget *
server_row (Fixture          *f,
            GtkListBox       *list,
            AttestTestServer *server,
            const char       *path,
            const char       *title)
{
  g_autofree char *url = attest_test_server_url (server, path);
  AttestLink link = { .kind = (char *) "audit-report", .title = (char *) title, .url = url };
  GtkWidget *row = attest_link_row_new (f->ws, &link);

  gtk_list_box_append (list, row);
  return row;
}

static void
test_link_documents (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(AttestTestServer) server = attest_test_server_new ();
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = attest_test_pdf_bytes ();
  g_autofree char *pdf_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *pdf_path = NULL;
  g_autofree char *text_path = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(GFile) text_file = NULL;
  g_autoptr(AttestLinkDocument) document = NULL;
  GtkWindow *window;
  GtkListBox *list;
  AttestLinkRow *row;
  GtkWidget *twin;
  guint n_pdf_links = 0, n_rows = 0, history, evidence, changed = 0;
  gint64 start;

  fixture_set_up (f);
  pdf_path = g_build_filename (f->dir, "Report 2026.pdf", NULL);
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  text_path = g_build_filename (f->dir, "notes.pdf", NULL);
  g_assert_true (g_file_set_contents (text_path, "Meeting notes, not a PDF\n", -1, NULL));
  pdf_file = g_file_new_for_path (pdf_path);
  text_file = g_file_new_for_path (text_path);

  /* The pane shows SOC's backgrounder, audit reports and certificates, none held. */
  show_cell (f, "soc/soc-2", "intune");
  links = attest_workspace_list_links (f->ws, "soc", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    n_pdf_links += attest_link_row_shows_kind (((AttestLink *)links->pdata[i])->kind);
  g_assert_cmpuint (n_pdf_links, >, 1);
  while (_attest_cell_pane_get_link_row (f->pane, n_rows) != NULL)
    {
      row = ATTEST_LINK_ROW (_attest_cell_pane_get_link_row (f->pane, n_rows++));
      g_assert_false (attest_link_row_get_stored (row));
      g_assert_true (g_str_has_suffix (_attest_link_row_get_status (row), " · Not downloaded"));
      g_assert_true (gtk_widget_get_visible (_attest_link_row_get_button (row, "download")));
      g_assert_true (gtk_widget_get_visible (_attest_link_row_get_button (row, "attach")));
      g_assert_false (gtk_widget_get_visible (_attest_link_row_get_button (row, "open")));
    }
  g_assert_cmpuint (n_rows, ==, n_pdf_links);
  row = ATTEST_LINK_ROW (_attest_cell_pane_get_link_row (f->pane, 0));
  g_assert_cmpstr (_attest_link_row_get_status (row), ==, "Backgrounder · Not downloaded");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_signal_connect (row, "document-changed", G_CALLBACK (count_changed), &changed);

  /* Attach Local File… with a file that is not a PDF: refused, said, nothing stored. */
  history = count_history (f, NULL, NULL);
  evidence = count_evidence (f);
  attest_link_row_attach_file (row, text_file);
  wait_link_idle (row);
  g_assert_nonnull (_attest_link_row_get_error (row));
  g_assert_true (g_str_has_prefix (_attest_link_row_get_error (row), "Could not attach a file to “"));
  g_assert_nonnull (strstr (_attest_link_row_get_error (row), "notes.pdf: the file is not a PDF"));
  printf ("# %s\n", _attest_link_row_get_error (row));
  g_assert_false (attest_link_row_get_stored (row));
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, history);
  g_assert_cmpuint (count_evidence (f), ==, evidence);
  g_assert_cmpuint (changed, ==, 0);

  /* A PDF dropped on the row: stored, one history row, the row updated, and
   * another view's row of the same link too. */
  {
    AttestLink same = { .kind = (char *) "backgrounder", .url = (char *) attest_link_row_get_url (row) };

    twin = g_object_ref_sink (attest_link_row_new (f->ws, &same));
  }
  g_assert_false (attest_link_row_get_stored (ATTEST_LINK_ROW (twin)));
  g_assert_true (drop_on (GTK_WIDGET (row), pdf_file));
  g_assert_true (attest_link_row_get_busy (row));
  wait_link_idle (row);
  g_assert_null (_attest_link_row_get_error (row));
  g_assert_true (attest_link_row_get_stored (row));
  g_assert_true (g_str_has_prefix (_attest_link_row_get_status (row), "Backgrounder · Attached "));
  g_assert_true (gtk_widget_get_visible (_attest_link_row_get_button (row, "open")));
  g_assert_false (gtk_widget_get_visible (_attest_link_row_get_button (row, "download")));
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, history + 1);
  g_assert_cmpuint (count_history (f, "link", NULL), ==, 1);
  g_assert_true (evidence_listed (f, pdf_sha));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (attest_link_row_get_stored (ATTEST_LINK_ROW (twin)));
  g_assert_true (g_str_has_prefix (_attest_link_row_get_status (ATTEST_LINK_ROW (twin)), "Backgrounder · Attached "));
  g_clear_object (&twin);
  document = attest_workspace_get_link_document (f->ws, attest_link_row_get_url (row), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->sha256, ==, pdf_sha);
  g_assert_cmpint (document->origin, ==, ATTEST_LINK_DOCUMENT_ATTACHED);
  g_clear_pointer (&document, attest_link_document_free);
  /* The same cell again (the window reloads its matrix): the row stays, stored. */
  show_cell (f, "soc/soc-2", "intune");
  g_assert_true (ATTEST_LINK_ROW (_attest_cell_pane_get_link_row (f->pane, 0)) == row);
  g_assert_true (attest_link_row_get_stored (row));

  /* Rows of the loopback server's links, in a list of their own. */
  window = GTK_WINDOW (gtk_window_new ());
  list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_window_set_child (window, GTK_WIDGET (list));
  gtk_window_set_default_size (window, 420, 400);

  /* Download: stored as downloaded, the row updated, listed, one history row. */
  row = ATTEST_LINK_ROW (server_row (f, list, server, "/r/1", "Loopback SOC 2 report"));
  gtk_window_present (window);
  history = count_history (f, NULL, NULL);
  changed = 0;
  g_signal_connect (row, "document-changed", G_CALLBACK (count_changed), &changed);
  click (_attest_link_row_get_button (row, "download"));
  g_assert_true (attest_link_row_get_busy (row));
  g_assert_true (g_str_has_suffix (_attest_link_row_get_status (row), " · Downloading…"));
  wait_link_idle (row);
  g_assert_null (_attest_link_row_get_error (row));
  g_assert_true (attest_link_row_get_stored (row));
  g_assert_true (g_str_has_prefix (_attest_link_row_get_status (row), "Audit Report · Downloaded "));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, history + 1);
  document = attest_workspace_get_link_document (f->ws, attest_link_row_get_url (row), &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->origin, ==, ATTEST_LINK_DOCUMENT_DOWNLOADED);
  g_assert_true (g_str_has_suffix (document->final_url, "/doc.pdf"));
  g_assert_true (evidence_listed (f, document->sha256));
  g_clear_pointer (&document, attest_link_document_free);

  /* Cancel mid-download (the server sends 4 KiB of 100 KB, then waits):
   * the row is free at once, nothing is stored, nothing said. */
  row = ATTEST_LINK_ROW (server_row (f, list, server, "/stall.pdf", "Stalled report"));
  history = count_history (f, NULL, NULL);
  evidence = count_evidence (f);
  click (_attest_link_row_get_button (row, "download"));
  start = g_get_monotonic_time ();
  while (attest_test_server_hits (server, "/stall.pdf") == 0 ||
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (attest_test_find_any (GTK_WIDGET (row),
                                                                               GTK_TYPE_PROGRESS_BAR))) <= 0.0)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, ATTEST_TEST_PATIENCE_S * G_USEC_PER_SEC);
    }
  g_assert_true (attest_link_row_get_busy (row));
  {
    Fixture shot = { .window = window };

    maybe_screenshot (&shot, "links-downloading.png");
  }
  click (_attest_link_row_get_button (row, "cancel"));
  g_assert_false (attest_link_row_get_busy (row));
  iterate (300);
  g_assert_null (_attest_link_row_get_error (row));
  g_assert_false (attest_link_row_get_stored (row));
  g_assert_true (g_str_has_suffix (_attest_link_row_get_status (row), " · Not downloaded"));
  g_assert_null (attest_workspace_get_link_document (f->ws, attest_link_row_get_url (row), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, history);
  g_assert_cmpuint (count_evidence (f), ==, evidence);

  /* A sign-in page where the PDF should be: refused in the downloader's words. */
  row = ATTEST_LINK_ROW (server_row (f, list, server, "/sign-in.pdf", "Sign-in report"));
  click (_attest_link_row_get_button (row, "download"));
  wait_link_idle (row);
  g_assert_nonnull (_attest_link_row_get_error (row));
  printf ("# %s\n", _attest_link_row_get_error (row));
  g_assert_true (g_str_has_prefix (_attest_link_row_get_error (row), "Could not download “Sign-in report”: "));
  g_assert_nonnull (strstr (_attest_link_row_get_error (row), "the server sent a web page (text/html"));
  g_assert_false (attest_link_row_get_stored (row));
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, history);
  g_assert_cmpuint (count_evidence (f), ==, evidence);
  maybe_screenshot (f, "pane-links.png");
  {
    Fixture shot = { .window = window };

    maybe_screenshot (&shot, "links-refused.png");
  }

  /* Attach Local File… then works on the same row: the PDF is stored for it. */
  attest_link_row_attach_file (row, pdf_file);
  wait_link_idle (row);
  g_assert_null (_attest_link_row_get_error (row));
  g_assert_true (attest_link_row_get_stored (row));
  g_assert_cmpuint (count_history (f, NULL, NULL), ==, history + 1);
  /* The same bytes as the backgrounder's: stored once. */
  g_assert_cmpuint (count_evidence (f), ==, evidence);

  gtk_window_destroy (window);
  fixture_tear_down (f);
}

ATTEST_TEST_ISOLATED (test_source)
ATTEST_TEST_ISOLATED (test_checklist)
ATTEST_TEST_ISOLATED (test_attach)
ATTEST_TEST_ISOLATED (test_dates_and_link)
ATTEST_TEST_ISOLATED (test_open_copy)
ATTEST_TEST_ISOLATED (test_markup_names)
ATTEST_TEST_ISOLATED (test_open_missing)
ATTEST_TEST_ISOLATED (test_undo_in_its_workspace)
ATTEST_TEST_ISOLATED (test_link_documents)

int
main (int   argc,
      char *argv[])
{
  attest_test_init_gui (&argc, &argv);

  g_test_add_func ("/cell-pane/source", test_source_isolated);
  g_test_add_func ("/cell-pane/checklist", test_checklist_isolated);
  g_test_add_func ("/cell-pane/attach", test_attach_isolated);
  g_test_add_func ("/cell-pane/dates-and-link", test_dates_and_link_isolated);
  g_test_add_func ("/cell-pane/open-copy", test_open_copy_isolated);
  g_test_add_func ("/cell-pane/markup-names", test_markup_names_isolated);
  g_test_add_func ("/cell-pane/open-missing", test_open_missing_isolated);
  g_test_add_func ("/cell-pane/undo-in-its-workspace", test_undo_in_its_workspace_isolated);
  g_test_add_func ("/cell-pane/link-documents", test_link_documents_isolated);

  return g_test_run ();
}
