/* test-window-read-only.c: the main window on a workspace it may not write, and Save a Copy over another
 *
 * A read-only workspace (a colleague's file, read-only media) opens for
 * reading: the matrix, a banner saying so with Save a Copy, and every editing
 * control disabled. The test makes a workspace this process cannot write:
 * mode 0444 in a folder of mode 0555, and, as root (whom modes do not stop:
 * CI runs as root), without CAP_DAC_OVERRIDE, dropped from this subprocess
 * for good. The X server, the D-Bus session and the private home still take
 * it: the account is the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attest-application.h"
#include "attest-cell-pane.h"
#include "attest-matrix-view.h"
#include "attest-note-editor.h"
#include "attest-paths.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-notes.h"

/* What the read-only case checks, and where the copy goes. */
static char *copy_path;
static int saved = -1;

static void
run_app (const char            *workspace,
         const char            *cell,
         AttestTestWindowCheck  check)
{
  const char *argv[] = { "attest", "--workspace", workspace, cell != NULL ? "--cell" : NULL, cell, NULL };

  attest_test_run_window (argv, check, NULL, ATTEST_TEST_PATIENCE_S);
}

static gboolean
enabled (AttestWindow *window,
         const char   *action)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), action);
}

/* As root, file modes stop nobody: this subprocess gives up overriding them. */
static void
drop_dac_override (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2] = { { 0 } };
  const int caps[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER };

  g_assert_cmpint (syscall (SYS_capget, &header, data), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      data[CAP_TO_INDEX (caps[i])].effective &= ~CAP_TO_MASK (caps[i]);
      data[CAP_TO_INDEX (caps[i])].permitted &= ~CAP_TO_MASK (caps[i]);
      data[CAP_TO_INDEX (caps[i])].inheritable &= ~CAP_TO_MASK (caps[i]);
    }
  g_assert_cmpint (syscall (SYS_capset, &header, data), ==, 0);
}

static GtkWidget *
find_banner (AttestWindow *window)
{
  g_autoptr(GPtrArray) boxes = g_ptr_array_new ();

  attest_test_collect_any (GTK_WIDGET (window), GTK_TYPE_BOX, boxes);
  for (guint i = 0; i < boxes->len; i++)
    if (gtk_widget_has_css_class (boxes->pdata[i], "read-only-banner"))
      return boxes->pdata[i];
  return NULL;
}

static void
assert_all_insensitive (GtkWidget *root,
                        GType      type,
                        guint      at_least)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  attest_test_collect_any (root, type, found);
  g_assert_cmpuint (found->len, >=, at_least);
  for (guint i = 0; i < found->len; i++)
    {
      g_assert_false (gtk_widget_is_sensitive (found->pdata[i]));
      g_assert_nonnull (gtk_widget_get_tooltip_text (found->pdata[i]));
    }
}

static gboolean
check_read_only (AttestApplication *app,
                 AttestWindow      *window)
{
  static int step = 0;
  AttestWorkspace *ws = attest_window_get_workspace (window);

  if (step == 0)
    {
      GtkWidget *banner, *revealer, *button = NULL;
      AttestCellPane *pane;
      g_autoptr(GPtrArray) editors = g_ptr_array_new ();
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      if (!attest_test_window_matrix_shown (window))
        return FALSE;
      g_assert_true (attest_workspace_is_read_only (ws));

      /* The banner: shown, read by its name, its button reachable from the keyboard. */
      banner = find_banner (window);
      g_assert_nonnull (banner);
      revealer = gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER);
      g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
      g_assert_true (gtk_widget_get_mapped (banner));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_ROLE_STATUS);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (banner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           "Opened read-only — Save a Copy to make changes");
      attest_test_collect_any (banner, GTK_TYPE_BUTTON, buttons);
      g_assert_cmpuint (buttons->len, ==, 1);
      button = buttons->pdata[0];
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.save-copy");
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_get_focusable (button));
      g_assert_true (gtk_widget_grab_focus (button));

      /* Every change disabled; reading, searching and copying are not. */
      g_assert_false (enabled (window, "import-pages"));
      g_assert_false (enabled (window, "undo-rename"));
      g_assert_false (enabled (window, "undo-merge"));
      g_assert_nonnull (attest_matrix_view_get_cursor_service (ATTEST_MATRIX_VIEW (
        attest_test_find_visible (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW))));
      g_assert_false (enabled (window, "rename-service"));
      g_assert_false (enabled (window, "merge-service"));
      g_assert_false (enabled (window, "add-my-service"));
      g_assert_false (enabled (window, "remove-my-service"));
      g_assert_true (enabled (window, "open-cell"));
      g_assert_true (enabled (window, "search"));
      g_assert_true (enabled (window, "show-history"));
      g_assert_true (enabled (window, "save-copy"));

      /* The cell's pane (--cell) shows its checklist, every control of it insensitive and saying why. */
      pane = ATTEST_CELL_PANE (attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE));
      g_assert_cmpstr (attest_cell_pane_get_service_id (pane), ==, "intune");
      assert_all_insensitive (GTK_WIDGET (pane), ADW_TYPE_ENTRY_ROW, 1);
      assert_all_insensitive (GTK_WIDGET (pane), ADW_TYPE_COMBO_ROW, 1);
      assert_all_insensitive (GTK_WIDGET (pane), GTK_TYPE_MENU_BUTTON, 1);

      /* Its notes show and take none. */
      attest_test_collect_any (GTK_WIDGET (window), ATTEST_TYPE_NOTE_EDITOR, editors);
      g_assert_cmpuint (editors->len, >=, 1);
      for (guint i = 0; i < editors->len; i++)
        {
          g_autoptr(GPtrArray) add = g_ptr_array_new ();

          attest_test_collect_any (editors->pdata[i], GTK_TYPE_BUTTON, add);
          for (guint j = 0; j < add->len; j++)
            if (g_strcmp0 (gtk_actionable_get_action_name (add->pdata[j]), "note-editor.add") == 0)
              g_assert_false (gtk_widget_is_sensitive (add->pdata[j]));
        }

      /* A filter still filters; it is not kept (and nothing is said about it). */
      g_action_group_change_action_state (G_ACTION_GROUP (window), "filter-mine", g_variant_new_boolean (TRUE));
      g_assert_true (enabled (window, "clear-filters"));
      {
        g_autofree char *state = attest_workspace_get_ui_state (ws, "matrix-filter");
        g_assert_null (state);
      }
      g_action_group_activate_action (G_ACTION_GROUP (window), "clear-filters", NULL);

      g_signal_connect (window, "copy-saved", G_CALLBACK (attest_test_window_copy_saved), &saved);
      attest_window_save_copy (window, copy_path);
      step = 1;
      return FALSE;
    }
  if (saved < 0)
    return FALSE;
  g_assert_cmpint (saved, ==, 1);

  /* The copy opens writable, with this workspace's data. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttestWorkspace) copy = attest_workspace_open (copy_path, &error);
    g_autoptr(GPtrArray) notes = NULL;

    g_assert_no_error (error);
    g_assert_false (attest_workspace_is_read_only (copy));
    g_assert_cmpint (attest_workspace_count_frameworks (copy, NULL), ==, 4);
    notes = attest_workspace_list_notes (copy, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (notes->len, ==, 1);
    g_assert_true (attest_workspace_add_note (copy, "framework:soc", "Mine now", NULL, &error));
    g_assert_no_error (error);
  }
  return TRUE;
}

static void
test_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copies = g_dir_make_tmp ("attest-gui-copy-XXXXXX", NULL);
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-gui-ro", "Dana", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  attest_test_import_bundled (ws, NULL);
  g_assert_true (attest_workspace_add_note (ws, "framework:soc", "Ask for the bridge letter", NULL, &error));
  g_assert_no_error (error);
  /* The cell the window opens was worked on: it has its checklist. */
  items = attest_workspace_get_checklist (ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  g_clear_object (&ws);
  copy_path = g_build_filename (copies, "mine.attest", NULL);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (geteuid () == 0)
    drop_dac_override ();
  /* Really unwritable, as it is for the auditor it was handed to. */
  g_assert_cmpint (access (path, W_OK), !=, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  run_app (path, "soc/soc-2:intune", check_read_only);

  /* Not a byte of it changed. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, before_len);
  g_assert_true (memcmp (before, after, before_len) == 0);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  attest_test_workspace_delete (&ws, &dir, &path);
  attest_test_remove_tree (copies);
  g_clear_pointer (&copy_path, g_free);
}

/* Save a Copy over an older workspace whose last change is still in its
 * -wal: the copy holds this workspace's data, none of the old file's. */

static gboolean
check_copy_over (AttestApplication *app,
                 AttestWindow      *window)
{
  static int step = 0;
  g_autofree char *wal = g_strconcat (copy_path, "-wal", NULL);

  if (step == 0)
    {
      if (!attest_test_window_matrix_shown (window))
        return FALSE;
      g_assert_false (attest_workspace_is_read_only (attest_window_get_workspace (window)));
      g_assert_false (gtk_widget_get_mapped (find_banner (window)));
      g_signal_connect (window, "copy-saved", G_CALLBACK (attest_test_window_copy_saved), &saved);
      attest_window_save_copy (window, copy_path);
      step = 1;
      return FALSE;
    }
  if (saved < 0)
    return FALSE;
  g_assert_cmpint (saved, ==, 1);
  /* The old -wal went with the old file: nothing of it can be replayed. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttestWorkspace) copy = attest_workspace_open (copy_path, &error);
    g_autoptr(GPtrArray) notes = NULL;
    g_autofree char *old = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (attest_workspace_count_frameworks (copy, NULL), ==, 4);
    notes = attest_workspace_list_notes (copy, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (notes->len, ==, 1);
    g_assert_cmpstr (((AttestNote *)notes->pdata[0])->text, ==, "This workspace’s note");
    old = attest_workspace_get_ui_state (copy, "old");
    g_assert_null (old);
    g_clear_pointer (&old, g_free);
    old = attest_workspace_get_ui_state (copy, "k");
    g_assert_null (old);
  }
  return TRUE;
}

static void
test_copy_over_existing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-gui-copy", "Dana", &dir, &path);
  g_autoptr(AttestWorkspace) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;
  pid_t pid;
  int status = 0;

  attest_test_import_bundled (ws, NULL);
  g_assert_true (attest_workspace_add_note (ws, "framework:soc", "This workspace’s note", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  /* An older workspace where the copy goes, with view state of its own… */
  copy_path = g_build_filename (dir, "older.attest", NULL);
  wal = g_strconcat (copy_path, "-wal", NULL);
  old = attest_workspace_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_ui_state (old, "k", "the old file’s", &error));
  g_assert_no_error (error);
  g_clear_object (&old);
  /* …and its last change still in its -wal: its program died there. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open (copy_path, &db) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                            "INSERT INTO ui_state (key, value) VALUES ('old', 'from the -wal')",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  run_app (path, NULL, check_copy_over);

  attest_test_workspace_delete (&ws, &dir, &path);
  g_clear_pointer (&copy_path, g_free);
}

ATTEST_TEST_ISOLATED (test_read_only)
ATTEST_TEST_ISOLATED (test_copy_over_existing)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  /* One application per process: each case runs in its own subprocess. */
  g_test_add_func ("/window/read-only", test_read_only_isolated);
  g_test_add_func ("/window/save-copy-over-existing", test_copy_over_existing_isolated);
  return g_test_run ();
}
