/* test-window-a11y.c: a screen reader hears only what the window shows
 *
 * The accessible tree is read as a screen reader reads it: over AT-SPI, from
 * the accessibility bus, object by object (in a worker thread, so that the
 * window's main loop answers). In each state of the centre (the matrix, a
 * page) and of the flaps (the cell pane, the library) only what is on screen
 * may be there: GTK 4.8 presents a GtkStack's hidden pages and a closed
 * AdwFlap's flap unless they are marked hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "attest-application.h"
#include "attest-cell-pane.h"
#include "attest-matrix-view.h"
#include "attest-paths.h"
#include "attest-reading-mode.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-window.h"
#include "attest-test-workspace.h"
#include "attest-window.h"
#include "page/attest-page-view.h"

#define ATSPI_ROOT "/org/a11y/atspi/accessible/root"
#define ATSPI_ACCESSIBLE "org.a11y.atspi.Accessible"
/* Far more than the window holds; a tree past it is a loop. */
#define MAX_NODES 20000

/* One read of the tree: "role: name" per object, the role as GTK names it ("grid cell"). */
typedef struct {
  GPtrArray *lines;
  char *error;
} Tree;

static void
tree_free (Tree *tree)
{
  g_ptr_array_unref (tree->lines);
  g_free (tree->error);
  g_free (tree);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tree, tree_free)

static GDBusConnection *
open_a11y_bus (GError **error)
{
  const char *address = g_getenv ("AT_SPI_BUS_ADDRESS");
  g_autoptr(GDBusConnection) session = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *from_bus = NULL;

  if (address == NULL || *address == '\0')
    {
      session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
      if (session == NULL)
        return NULL;
      reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                           NULL, G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, error);
      if (reply == NULL)
        return NULL;
      g_variant_get (reply, "(s)", &from_bus);
      address = from_bus;
    }
  return g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, error);
}

static GVariant *
call (GDBusConnection *bus,
      const char      *name,
      const char      *path,
      const char      *interface,
      const char      *method,
      GVariant        *args,
      const char      *reply_type,
      GError         **error)
{
  return g_dbus_connection_call_sync (bus, name, path, interface, method, args, G_VARIANT_TYPE (reply_type),
                                      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, error);
}

/* As libatspi reads a tree without a cache (GTK 4.8 offers none): ChildCount,
 * then GetChildAtIndex for each (GTK 4.8's GetChildren leaves some out). */
static gboolean
walk (GDBusConnection *bus,
      const char      *name,
      const char      *path,
      GPtrArray       *lines,
      GError         **error)
{
  g_autoptr(GVariant) role = NULL;
  g_autoptr(GVariant) label = NULL;
  g_autoptr(GVariant) n_children = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) n_value = NULL;
  const char *role_name;

  if (lines->len >= MAX_NODES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "more than %d accessible objects", MAX_NODES);
      return FALSE;
    }
  role = call (bus, name, path, ATSPI_ACCESSIBLE, "GetRoleName", NULL, "(s)", error);
  if (role == NULL)
    return FALSE;
  label = call (bus, name, path, "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", ATSPI_ACCESSIBLE, "Name"), "(v)", error);
  if (label == NULL)
    return FALSE;
  g_variant_get (role, "(&s)", &role_name);
  g_variant_get (label, "(v)", &value);
  g_ptr_array_add (lines, g_strdup_printf ("%s: %s", role_name, g_variant_get_string (value, NULL)));
  n_children = call (bus, name, path, "org.freedesktop.DBus.Properties", "Get",
                     g_variant_new ("(ss)", ATSPI_ACCESSIBLE, "ChildCount"), "(v)", error);
  if (n_children == NULL)
    return FALSE;
  g_variant_get (n_children, "(v)", &n_value);
  for (int i = 0; i < g_variant_get_int32 (n_value); i++)
    {
      g_autoptr(GVariant) child = call (bus, name, path, ATSPI_ACCESSIBLE, "GetChildAtIndex",
                                        g_variant_new ("(i)", i), "((so))", error);
      const char *child_name, *child_path;

      if (child == NULL)
        return FALSE;
      g_variant_get (child, "((&s&o))", &child_name, &child_path);
      if (!walk (bus, child_name, child_path, lines, error))
        return FALSE;
    }
  return TRUE;
}

/* This process's application, as the registry lists it to a screen reader. */
static gboolean
find_application (GDBusConnection  *bus,
                  char            **app_name,
                  char            **app_path,
                  GError          **error)
{
  g_autoptr(GVariant) apps = NULL;
  g_autoptr(GVariant) list = NULL;
  GVariantIter iter;
  const char *name, *path;

  apps = call (bus, "org.a11y.atspi.Registry", ATSPI_ROOT, ATSPI_ACCESSIBLE, "GetChildren", NULL, "(a(so))", error);
  if (apps == NULL)
    return FALSE;
  g_variant_get (apps, "(@a(so))", &list);
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "(&s&o)", &name, &path))
    {
      g_autoptr(GVariant) pid = call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                      "GetConnectionUnixProcessID", g_variant_new ("(s)", name), "(u)", NULL);
      guint32 app_pid = 0;

      if (pid == NULL)
        continue;
      g_variant_get (pid, "(u)", &app_pid);
      if (app_pid == (guint32) getpid ())
        {
          *app_name = g_strdup (name);
          *app_path = g_strdup (path);
          return TRUE;
        }
    }
  return TRUE;
}

/* Reads the tree as a screen reader does: it listens for events (GTK
 * announces itself to the registry once someone listens), finds the
 * application in the registry, and walks down from it. */
static void
read_tree_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = open_a11y_bus (&error);
  g_autoptr(GVariant) registered = NULL;
  g_autofree char *app_name = NULL;
  g_autofree char *app_path = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  Tree *tree = g_new0 (Tree, 1);

  tree->lines = g_ptr_array_new_with_free_func (g_free);
  if (bus != NULL)
    registered = call (bus, "org.a11y.atspi.Registry", "/org/a11y/atspi/registry", "org.a11y.atspi.Registry",
                       "RegisterEvent", g_variant_new ("(s@ass)", "object:children-changed", g_variant_new_strv (NULL, 0), ""),
                       "()", &error);
  /* The registration is asynchronous: the first read may come before it. */
  while (registered != NULL && app_name == NULL && find_application (bus, &app_name, &app_path, &error) &&
         g_get_monotonic_time () < deadline)
    if (app_name == NULL)
      g_usleep (G_USEC_PER_SEC / 10);
  if (error == NULL && app_name == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "this process is not on the accessibility bus");
  if (error == NULL)
    walk (bus, app_name, app_path, tree->lines, &error);
  if (error != NULL)
    tree->error = g_strdup (error->message);
  g_task_return_pointer (task, tree, (GDestroyNotify) tree_free);
}

static void
tree_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Tree **out = user_data;

  *out = g_task_propagate_pointer (G_TASK (result), NULL);
}

/* The number of objects whose line starts with @role and whose name contains @text. */
static guint
count (Tree       *tree,
       const char *role,
       const char *text)
{
  guint n = 0;

  for (guint i = 0; i < tree->lines->len; i++)
    {
      const char *line = tree->lines->pdata[i];
      const char *label = strstr (line, ": ");

      if (role != NULL && !(g_str_has_prefix (line, role) && line[strlen (role)] == ':'))
        continue;
      if (text != NULL && (label == NULL || strstr (label + 2, text) == NULL))
        continue;
      n++;
    }
  return n;
}

/* Reads the tree while the main loop runs: the window answers AT-SPI on it.
 * The window settles first (a flap slides, the matrix lays out its cells for
 * the new width); a tree that still changed under the reader ("No child with
 * index 3") is read again, as a screen reader would. */
static Tree *
read_tree_now (void)
{
  for (guint attempt = 0; ; attempt++)
    {
      Tree *tree = NULL;
      g_autoptr(GTask) task = g_task_new (NULL, NULL, tree_read, &tree);
      gint64 started;

      attest_test_settle (400);
      started = g_get_monotonic_time ();
      g_task_run_in_thread (task, read_tree_thread);
      g_clear_object (&task);
      while (tree == NULL)
        g_main_context_iteration (NULL, TRUE);
      printf ("# %u accessible objects read in %.0f ms\n", tree->lines->len,
              (g_get_monotonic_time () - started) / 1000.0);
      if (tree->error == NULL)
        return tree;
      if (attempt == 4)
        g_error ("The accessible tree could not be read: %s", tree->error);
      printf ("# the tree changed while it was read (%s): reading again\n", tree->error);
      tree_free (tree);
    }
}

static void
dump (Tree *tree)
{
  for (guint i = 0; i < tree->lines->len; i++)
    printf ("# %s\n", (char *) tree->lines->pdata[i]);
}

/* What each state of the window must (and must not) hold. */
typedef struct {
  guint cells;          /* the matrix's cells ("SOC 2 × Intune: …") */
  guint page_title;     /* the page view's title */
  guint page_text;      /* the page's text */
  guint filters;        /* the filter bar above the matrix */
  guint empty;          /* the empty workspace's status page */
  guint loading;        /* the loading status page */
  guint pane;           /* the cell pane */
  guint library;        /* the library sidebar */
} Heard;

static Heard
hear (Tree       *tree,
      const char *page_title)
{
  Heard heard = {
    .cells = count (tree, "grid cell", " × "),
    .page_title = page_title != NULL ? count (tree, "label", page_title) : 0,
    .page_text = count (tree, NULL, "Text of the page"),
    .filters = count (tree, NULL, "Filter services by name"),
    .empty = count (tree, NULL, "No Offering Pages Yet"),
    .loading = count (tree, NULL, "Importing the Bundled Catalog"),
    .pane = count (tree, "button", "Close Cell Pane"),
    .library = count (tree, "list", "Library"),
  };
  return heard;
}

/* The step a check is at: each step has its own minute (a sanitizer build
 * on a busy machine is slow), and a window that never gets there fails. */
static int step;

static void
run_app (const char            *workspace,
         AttestTestWindowCheck  check)
{
  const char *argv[] = { "attest", "--workspace", workspace, NULL };

  attest_test_run_window (argv, check, &step, 60);
}

static gboolean
matrix_shown (AttestWindow *window)
{
  GtkWidget *view = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_MATRIX_VIEW);
  return view != NULL && gtk_widget_get_mapped (view);
}

static gboolean
library_state (AttestWindow *window)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-library");
  return g_variant_get_boolean (state);
}

static void
assert_matrix_heard (const Heard *heard)
{
  g_assert_cmpuint (heard->cells, >, 0);
  g_assert_cmpuint (heard->filters, ==, 1);
  g_assert_cmpuint (heard->page_text, ==, 0);
  g_assert_cmpuint (heard->empty, ==, 0);
  g_assert_cmpuint (heard->loading, ==, 0);
}

/* The matrix, a page, the matrix again, the cell pane, the library: read
 * over AT-SPI each time. */
static gboolean
check_centre (AttestApplication *app,
              AttestWindow      *window)
{
  static char *title = NULL;
  AttestPageView *view = attest_window_get_page_view (window);
  g_autoptr(Tree) tree = NULL;
  Heard heard;

  switch (step)
    {
    case 0:
      /* The matrix: its cells, no page (none read yet), no closed pane, no status pages. */
      if (!matrix_shown (window))
        return FALSE;
      tree = read_tree_now ();
      heard = hear (tree, NULL);
      if (heard.cells == 0)
        dump (tree);
      assert_matrix_heard (&heard);
      g_assert_cmpuint (heard.pane, ==, 0);
      g_assert_cmpuint (heard.library, ==, library_state (window) ? 1 : 0);
      /* attest --page iso-27001 --mode translated */
      g_assert_true (attest_window_show_page (window, "iso-27001", NULL, NULL, ATTEST_READING_TRANSLATED));
      step = 1;
      return FALSE;

    case 1:
      /* The page: its title and text, and nothing of the matrix behind it. */
      if (!attest_test_window_page_shown (window) || attest_page_view_get_page (view) == NULL)
        return FALSE;
      title = g_strdup (attest_page_view_get_title (view));
      g_assert_nonnull (title);
      tree = read_tree_now ();
      heard = hear (tree, title);
      if (heard.cells > 0 || heard.page_title == 0)
        dump (tree);
      g_assert_cmpuint (heard.cells, ==, 0);
      g_assert_cmpuint (count (tree, "grid", NULL), ==, 0);
      g_assert_cmpuint (heard.filters, ==, 0);
      g_assert_cmpuint (heard.page_title, >, 0);
      g_assert_cmpuint (heard.page_text, >, 0);
      g_assert_cmpuint (heard.empty, ==, 0);
      g_assert_cmpuint (heard.loading, ==, 0);
      g_assert_cmpuint (heard.pane, ==, 0);
      /* Inside the page view too: the other reading mode (side by side, an
       * empty pane) and the spinner are not there. One shown page of each
       * stack on the way to the text: the window's, the centre's and the
       * reading mode's. */
      g_assert_cmpuint (count (tree, NULL, "Loading the page"), ==, 0);
      g_assert_cmpuint (count (tree, "tab panel", "GtkStackPage"), ==, 3);
      g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
      step = 2;
      return FALSE;

    case 2:
      /* Back to the matrix: the page the view still holds is not heard. */
      if (attest_test_window_page_shown (window) || !matrix_shown (window))
        return FALSE;
      tree = read_tree_now ();
      heard = hear (tree, title);
      assert_matrix_heard (&heard);
      g_assert_cmpuint (heard.page_title, ==, 0);
      g_assert_cmpuint (heard.pane, ==, 0);
      /* The cell pane opens. */
      attest_window_show_cell (window, "soc/soc-2", "intune");
      step = 3;
      return FALSE;

    case 3:
      {
        GtkWidget *pane = attest_test_find_any (GTK_WIDGET (window), ATTEST_TYPE_CELL_PANE);
        AdwFlap *pane_flap = ADW_FLAP (gtk_widget_get_ancestor (pane, ADW_TYPE_FLAP));

        if (!adw_flap_get_reveal_flap (pane_flap))
          return FALSE;
        tree = read_tree_now ();
        heard = hear (tree, title);
        assert_matrix_heard (&heard);
        g_assert_cmpuint (heard.pane, ==, 1);
        /* The library may have made room for the pane: heard only when shown. */
        g_assert_cmpuint (heard.library, ==, library_state (window) ? 1 : 0);
        /* The pane closes: not heard any more. */
        adw_flap_set_reveal_flap (pane_flap, FALSE);
        g_clear_pointer (&tree, tree_free);
        tree = read_tree_now ();
        heard = hear (tree, title);
        g_assert_cmpuint (heard.pane, ==, 0);
        g_assert_cmpuint (heard.cells, >, 0);
      }
      /* The library, hidden (F9) and shown again. */
      g_action_group_change_action_state (G_ACTION_GROUP (window), "show-library", g_variant_new_boolean (FALSE));
      g_clear_pointer (&tree, tree_free);
      tree = read_tree_now ();
      g_assert_cmpuint (hear (tree, title).library, ==, 0);
      g_action_group_change_action_state (G_ACTION_GROUP (window), "show-library", g_variant_new_boolean (TRUE));
      g_clear_pointer (&tree, tree_free);
      tree = read_tree_now ();
      g_assert_cmpuint (hear (tree, title).library, ==, 1);
      g_assert_cmpuint (hear (tree, title).cells, >, 0);
      g_clear_pointer (&title, g_free);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_centre (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.attest", NULL);
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, NULL);

  g_assert_nonnull (ws);
  g_assert_cmpuint (attest_test_import_bundled (ws, NULL), >, 0);
  g_clear_object (&ws);
  run_app (path, check_centre);
}
ATTEST_TEST_ISOLATED (test_centre)

static GtkWidget *
find_mapped_status_page (GtkWidget *root)
{
  if (ADW_IS_STATUS_PAGE (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped_status_page (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An empty workspace: its status page, and no matrix, pane, library or loading page. */
static gboolean
check_empty (AttestApplication *app,
             AttestWindow      *window)
{
  GtkWidget *status = find_mapped_status_page (GTK_WIDGET (window));
  g_autoptr(Tree) tree = NULL;
  Heard heard;

  if (status == NULL)
    return FALSE;
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Offering Pages Yet");
  tree = read_tree_now ();
  heard = hear (tree, NULL);
  g_assert_cmpuint (heard.empty, >, 0);
  g_assert_cmpuint (count (tree, "button", "Import Pages"), ==, 1);
  g_assert_cmpuint (heard.cells, ==, 0);
  g_assert_cmpuint (heard.filters, ==, 0);
  g_assert_cmpuint (heard.page_text, ==, 0);
  g_assert_cmpuint (heard.loading, ==, 0);
  g_assert_cmpuint (heard.pane, ==, 0);
  g_assert_cmpuint (heard.library, ==, 0);
  return TRUE;
}

static void
test_empty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.attest", NULL);
  g_autoptr(AttestWorkspace) ws = attest_workspace_open (path, NULL);

  /* Created here, so the window opens it as it is: not seeded. */
  g_assert_nonnull (ws);
  g_clear_object (&ws);
  run_app (path, check_empty);
}
ATTEST_TEST_ISOLATED (test_empty)

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  /* One application per process: each case runs in its own subprocess. */
  g_test_add_func ("/window-a11y/centre", test_centre_isolated);
  g_test_add_func ("/window-a11y/empty", test_empty_isolated);

  return g_test_run ();
}
