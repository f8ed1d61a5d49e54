/* test-matrix-scale.c: the 100 × 400 matrix, scrolled end to end with real key presses
 *
 * The real application opens a generated workspace of 100 frameworks and 400
 * services. Once the grid is on screen, key presses go through the X server
 * (XTEST), one per frame: Page Down to the last row, Page Up back to the
 * first, Right through every column and Left back. The cursor must follow the
 * keys, the pool of cell widgets must stay the size of the viewport and the
 * memory must stay put. Frame times are printed, never asserted: performance
 * goals belong to benchmarks, not to tests that would flake.
 *
 * Under AddressSanitizer, or with ATTEST_TEST_QUICK set, the arrows go ten
 * columns each way and End / Home do the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "attest-application.h"
#include "attest-matrix-view.h"
#include "attest-paths.h"
#include "attest-test-home.h"
#include "attest-test-widgets.h"
#include "attest-test-generate.h"
#include "attest-window.h"

#define N_FRAMEWORKS  100
#define N_SERVICES    400
#define WINDOW_WIDTH  1000
#define WINDOW_HEIGHT 700

/* Under AddressSanitizer every frame is several times slower: fewer keys
 * (GCC defines __SANITIZE_ADDRESS__; clang has __has_feature). */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED TRUE
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED TRUE
#endif
#endif
#ifndef SANITIZED
#define SANITIZED FALSE
#endif

typedef enum {
  STAGE_STARTING,   /* until the filled grid has been painted */
  STAGE_FOCUSING,   /* until the window has the X input focus */
  STAGE_SCROLLING,
  STAGE_DONE,
} Stage;

typedef enum {
  LEG_PAGE_DOWN,
  LEG_PAGE_UP,
  LEG_RIGHT,
  LEG_LEFT,
  N_LEGS
} Leg;

static const struct {
  const char *name;
  guint keysym;
  guint shortcut;        /* in quick runs, after a few presses */
  int drow, dcol;        /* the direction the cursor must go */
} legs[N_LEGS] = {
  { "Page_Down", XK_Page_Down, 0, 1, 0 },
  { "Page_Up", XK_Page_Up, 0, -1, 0 },
  { "Right", XK_Right, XK_End, 0, 1 },
  { "Left", XK_Left, XK_Home, 0, -1 },
};

typedef struct {
  AttestApplication *app;
  GtkWidget *window;
  AttestMatrixView *view;
  GdkFrameClock *clock;
  Stage stage;
  gboolean quick;
  gint64 started;
  gint64 visible_at;
  gint64 focus_asked;
  guint poll_id;

  /* Cursor positions by id, and the ids by position. */
  GHashTable *rows;      /* service id → row + 1 */
  GHashTable *columns;   /* scope id → column + 1 */
  GPtrArray *service_ids;
  GPtrArray *scope_ids;

  /* Keys */
  Display *xdisplay;
  Leg leg;
  guint keys[N_LEGS];
  guint keysym;
  int from_row, from_col;
  gboolean waiting;
  guint idle_id;
  gint64 last_progress;

  /* Frames */
  gint64 frame_start;
  gint64 layout_end;
  gint64 paint_end;
  gint64 last_frame_time;
  guint n_frames;
  gint64 longest_interval;
  GArray *work;          /* double ms, per frame of the scroll */
  GArray *layout;
  GArray *paint;

  /* The viewport at the start, and what it costs. */
  guint full_rows, full_columns;
  guint pool_before, pool_after;
  double rss_before, rss_after;
} Scale;

/* The case runs in a subprocess whose g_test_message() is quiet: TAP comments
 * on the shared stdout reach the test log. */
static void report (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("# %s\n", text);
  fflush (stdout);
}

static double
rss_mib (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  return g_ascii_strtod (fields[1], NULL) * sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static int
cursor_row (Scale *s)
{
  const char *id = attest_matrix_view_get_cursor_service (s->view);

  return id != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (s->rows, id)) - 1 : -1;
}

static int
cursor_column (Scale *s)
{
  const char *id = attest_matrix_view_get_cursor_scope (s->view);

  return id != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (s->columns, id)) - 1 : -1;
}

static gboolean
visible (Scale *s,
         guint  row,
         guint  col)
{
  return attest_matrix_view_is_cell_visible (s->view, s->scope_ids->pdata[col], s->service_ids->pdata[row]);
}

static void
index_matrix (Scale *s)
{
  AttestMatrix *matrix = attest_matrix_view_get_matrix (s->view);

  s->rows = g_hash_table_new (g_str_hash, g_str_equal);
  s->columns = g_hash_table_new (g_str_hash, g_str_equal);
  s->service_ids = g_ptr_array_new ();
  s->scope_ids = g_ptr_array_new ();
  for (guint r = 0; r < matrix->services->len; r++)
    {
      AttestMatrixService *service = matrix->services->pdata[r];

      g_ptr_array_add (s->service_ids, service->id);
      g_hash_table_insert (s->rows, service->id, GINT_TO_POINTER (r + 1));
    }
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[f];

      for (guint i = 0; i < framework->scopes->len; i++)
        {
          AttestMatrixScope *scope = framework->scopes->pdata[i];

          g_hash_table_insert (s->columns, scope->id, GINT_TO_POINTER (s->scope_ids->len + 1));
          g_ptr_array_add (s->scope_ids, scope->id);
        }
    }
}

/* The grid is there when it has all its rows and columns, a size and cells. */
static gboolean
matrix_filled (Scale *s)
{
  GtkWidget *view;

  if (!gtk_widget_get_mapped (s->window))
    return FALSE;
  view = attest_test_find_visible (s->window, ATTEST_TYPE_MATRIX_VIEW);
  if (view == NULL || !gtk_widget_get_mapped (view) || gtk_widget_get_width (view) == 0)
    return FALSE;
  if (attest_matrix_view_get_n_rows (ATTEST_MATRIX_VIEW (view)) != N_SERVICES ||
      attest_matrix_view_get_n_columns (ATTEST_MATRIX_VIEW (view)) != N_FRAMEWORKS ||
      attest_matrix_view_get_n_cell_widgets (ATTEST_MATRIX_VIEW (view)) == 0)
    return FALSE;
  s->view = ATTEST_MATRIX_VIEW (view);
  return TRUE;
}

static void
fake_key (Scale *s,
          guint  keysym)
{
  KeyCode code = XKeysymToKeycode (s->xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (s->xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (s->xdisplay, code, False, CurrentTime);
  XFlush (s->xdisplay);
}

static void finish (Scale *s);

/* One key, sent once the previous one has moved the cursor and been painted. */
static gboolean
send_next_key (gpointer user_data)
{
  Scale *s = user_data;
  int row = cursor_row (s), col = cursor_column (s);
  guint n_rows = s->service_ids->len, n_columns = s->scope_ids->len;

  s->idle_id = 0;
  for (;;)
    {
      gboolean arrived = FALSE;

      switch (s->leg)
        {
        case LEG_PAGE_DOWN:
          arrived = row == (int)n_rows - 1;
          break;
        case LEG_PAGE_UP:
          arrived = row == 0;
          break;
        case LEG_RIGHT:
          arrived = col == (int)n_columns - 1;
          break;
        case LEG_LEFT:
          arrived = col == 0;
          break;
        case N_LEGS:
        default:
          finish (s);
          return G_SOURCE_REMOVE;
        }
      if (!arrived)
        break;

      /* Each end really scrolled: the far end is at the adjustment's end. */
      if (s->leg == LEG_PAGE_DOWN || s->leg == LEG_PAGE_UP)
        {
          GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (s->view));
          double end = gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v);

          g_assert_cmpfloat (end, >, 0);
          g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (v), s->leg == LEG_PAGE_DOWN ? end : 0, 1.0);
        }
      else
        {
          GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (s->view));
          double end = gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h);

          g_assert_cmpfloat (end, >, 0);
          g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (h), s->leg == LEG_RIGHT ? end : 0, 1.0);
        }
      s->leg++;
    }

  s->keysym = legs[s->leg].keysym;
  /* A quick run presses the arrow ten times, then jumps with End or Home. */
  if (s->quick && legs[s->leg].shortcut != 0 && s->keys[s->leg] >= 10)
    s->keysym = legs[s->leg].shortcut;
  s->from_row = row;
  s->from_col = col;
  s->waiting = TRUE;
  s->keys[s->leg]++;
  fake_key (s, s->keysym);
  return G_SOURCE_REMOVE;
}

/* Frame clock phases, in order: before-paint, update, layout, paint, after-paint.
 * Not every frame has all of them: the first one seen starts the frame's work. */
static void
frame_begin (GdkFrameClock *clock,
             Scale         *s)
{
  if (s->frame_start == 0)
    s->frame_start = g_get_monotonic_time ();
}

static void
layout_done (GdkFrameClock *clock,
             Scale         *s)
{
  s->layout_end = g_get_monotonic_time ();
}

static void
paint_done (GdkFrameClock *clock,
            Scale         *s)
{
  s->paint_end = g_get_monotonic_time ();
}

static void
record_frame (Scale *s,
              gint64 now)
{
  gint64 frame_time = gdk_frame_clock_get_frame_time (s->clock);

  if (s->last_frame_time != 0)
    s->longest_interval = MAX (s->longest_interval, frame_time - s->last_frame_time);
  s->last_frame_time = frame_time;
  s->n_frames++;
  if (s->frame_start == 0)
    return;

  /* Layout: up to the end of the layout phase (our allocation), in the frames
   * that have one; paint: snapshot and render, after it. */
  {
    double work = (now - s->frame_start) / 1000.0;

    g_array_append_val (s->work, work);
  }
  if (s->layout_end != 0)
    {
      double layout = (s->layout_end - s->frame_start) / 1000.0;

      g_array_append_val (s->layout, layout);
    }
  if (s->paint_end != 0)
    {
      double paint = (s->paint_end - (s->layout_end != 0 ? s->layout_end : s->frame_start)) / 1000.0;

      g_array_append_val (s->paint, paint);
    }
}

static void
check_move (Scale *s)
{
  int row = cursor_row (s), col = cursor_column (s);
  int drow = legs[s->leg].drow, dcol = legs[s->leg].dcol;

  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (col, >=, 0);
  /* The key's direction, and no other: an arrow moves exactly one column,
   * a page more than one row unless it reaches the end. */
  if (drow != 0)
    g_assert_cmpint ((row - s->from_row) * drow, >, 0);
  else
    g_assert_cmpint (row, ==, s->from_row);
  if (dcol != 0)
    g_assert_cmpint ((col - s->from_col) * dcol, >, 0);
  else
    g_assert_cmpint (col, ==, s->from_col);
  if (s->keysym == XK_Right || s->keysym == XK_Left)
    g_assert_cmpint (col, ==, s->from_col + dcol);
  if (s->keysym == XK_Page_Down || s->keysym == XK_Page_Up)
    g_assert_true (ABS (row - s->from_row) > 1 || row == 0 || row == (int)s->service_ids->len - 1);
  g_assert_true (visible (s, row, col));
}

static void
after_paint (GdkFrameClock *clock,
             Scale         *s)
{
  gint64 now = g_get_monotonic_time ();

  if (s->stage == STAGE_STARTING && matrix_filled (s))
    {
      s->visible_at = now;
      s->stage = STAGE_FOCUSING;
      report ("matrix start: launch to the filled %u × %u matrix painted: %.1f ms",
              N_FRAMEWORKS, N_SERVICES, (s->visible_at - s->started) / 1000.0);
    }
  else if (s->stage == STAGE_SCROLLING)
    {
      record_frame (s, now);
      if (s->waiting && (cursor_row (s) != s->from_row || cursor_column (s) != s->from_col))
        {
          check_move (s);
          s->waiting = FALSE;
          s->last_progress = now;
          if (s->idle_id == 0)
            s->idle_id = g_idle_add (send_next_key, s);
        }
    }
  s->frame_start = s->layout_end = s->paint_end = 0;
}

static void
window_realized (GtkWidget *window,
                 Scale     *s)
{
  s->clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (s->clock, "before-paint", G_CALLBACK (frame_begin), s);
  g_signal_connect (s->clock, "update", G_CALLBACK (frame_begin), s);
  g_signal_connect (s->clock, "layout", G_CALLBACK (frame_begin), s);
  g_signal_connect_after (s->clock, "layout", G_CALLBACK (layout_done), s);
  g_signal_connect_after (s->clock, "paint", G_CALLBACK (paint_done), s);
  g_signal_connect (s->clock, "after-paint", G_CALLBACK (after_paint), s);
}

static void
window_added (GtkApplication *app,
              GtkWindow      *window,
              Scale          *s)
{
  if (!ATTEST_IS_WINDOW (window) || s->window != NULL)
    return;
  s->window = GTK_WIDGET (window);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realized), s);
}

static gboolean
has_x_focus (Scale *s)
{
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (s->window)));
  Window focus = None;
  int revert;

  XGetInputFocus (s->xdisplay, &focus, &revert);
  return focus == xid && gtk_window_is_active (GTK_WINDOW (s->window));
}

/* Xvfb has no window manager. GTK gives its window the X input focus when it
 * presents it, as it does without one; make sure of it anyway, since the keys
 * go wherever the focus is. */
static void
take_x_focus (Scale *s)
{
  GdkDisplay *display = gtk_widget_get_display (s->window);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (s->window)));
  int major, minor, event_base, error_base;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  s->xdisplay = gdk_x11_display_get_xdisplay (display);
  g_assert_true (XTestQueryExtension (s->xdisplay, &event_base, &error_base, &major, &minor));

  gdk_x11_display_error_trap_push (display);
  XRaiseWindow (s->xdisplay, xid);
  XSetInputFocus (s->xdisplay, xid, RevertToParent, CurrentTime);
  /* The pointer rests on the header bar: inside the window, away from the
   * cells and their tooltips. */
  XWarpPointer (s->xdisplay, None, xid, 0, 0, 0, 0, gtk_widget_get_width (s->window) / 2, 8);
  XSync (s->xdisplay, False);
  g_assert_cmpint (gdk_x11_display_error_trap_pop (display), ==, 0);
}

static void
start_scrolling (Scale *s)
{
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (s->view)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (s->view)));
  index_matrix (s);

  /* Focus puts the cursor on the first cell, in view. */
  g_assert_cmpint (cursor_row (s), ==, 0);
  g_assert_cmpint (cursor_column (s), ==, 0);
  while (s->full_columns < s->scope_ids->len && visible (s, 0, s->full_columns))
    s->full_columns++;
  while (s->full_rows < s->service_ids->len && visible (s, s->full_rows, 0))
    s->full_rows++;
  g_assert_cmpuint (s->full_columns, >, 1);
  g_assert_cmpuint (s->full_rows, >, 1);
  g_assert_cmpuint (s->full_columns, <, N_FRAMEWORKS);
  g_assert_cmpuint (s->full_rows, <, N_SERVICES);

  s->pool_before = attest_matrix_view_get_n_cell_widgets (s->view);
  s->rss_before = rss_mib ();
  s->stage = STAGE_SCROLLING;
  s->last_progress = g_get_monotonic_time ();
  s->idle_id = g_idle_add (send_next_key, s);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
finish (Scale *s)
{
  guint bound;
  double longest_work = 0, longest_layout = 0, longest_paint = 0;

  s->stage = STAGE_DONE;
  g_signal_handlers_disconnect_by_data (s->clock, s);
  s->pool_after = attest_matrix_view_get_n_cell_widgets (s->view);
  s->rss_after = rss_mib ();

  /* The first frame also restyles the newly focused grid: left out. */
  for (guint i = 1; i < s->work->len; i++)
    longest_work = MAX (longest_work, g_array_index (s->work, double, i));
  for (guint i = 1; i < s->layout->len; i++)
    longest_layout = MAX (longest_layout, g_array_index (s->layout, double, i));
  for (guint i = 1; i < s->paint->len; i++)
    longest_paint = MAX (longest_paint, g_array_index (s->paint, double, i));
  report ("matrix scroll: %u frames, longest frame interval %.1f ms, "
          "longest frame work %.1f ms (excluding the first), "
          "%u cell widgets before, %u after, RSS before %.1f MiB after %.1f MiB",
          s->n_frames, s->longest_interval / 1000.0, longest_work,
          s->pool_before, s->pool_after, s->rss_before, s->rss_after);
  g_array_sort (s->work, compare_double);
  g_array_sort (s->layout, compare_double);
  g_array_sort (s->paint, compare_double);
  report ("matrix scroll keys: %u Page_Down, %u Page_Up, %u Right, %u Left%s; "
          "frame work median %.2f ms; %u layouts, median %.2f ms, longest %.1f ms; "
          "%u paints, median %.2f ms, longest %.1f ms; grid %d × %d px, %u × %u cells fully in view",
          s->keys[LEG_PAGE_DOWN], s->keys[LEG_PAGE_UP], s->keys[LEG_RIGHT], s->keys[LEG_LEFT],
          s->quick ? " (quick run: End and Home after ten arrows)" : "",
          s->work->len > 0 ? g_array_index (s->work, double, s->work->len / 2) : 0,
          s->layout->len, s->layout->len > 0 ? g_array_index (s->layout, double, s->layout->len / 2) : 0,
          longest_layout,
          s->paint->len, s->paint->len > 0 ? g_array_index (s->paint, double, s->paint->len / 2) : 0,
          longest_paint,
          gtk_widget_get_width (GTK_WIDGET (s->view)), gtk_widget_get_height (GTK_WIDGET (s->view)),
          s->full_columns, s->full_rows);

  /* Every column was visited one key at a time (unless quick), rows a page at a time. */
  if (!s->quick)
    {
      g_assert_cmpuint (s->keys[LEG_RIGHT], ==, N_FRAMEWORKS - 1);
      g_assert_cmpuint (s->keys[LEG_LEFT], ==, N_FRAMEWORKS - 1);
    }
  g_assert_cmpuint (s->keys[LEG_PAGE_DOWN], >=, N_SERVICES / s->full_rows);
  g_assert_cmpuint (s->keys[LEG_PAGE_UP], >=, N_SERVICES / s->full_rows);
  g_assert_cmpuint (s->n_frames, >=, s->keys[0] + s->keys[1] + s->keys[2] + s->keys[3]);

  /* The pool follows the viewport: the cells it shows, partly shown ones
   * on each side, and the few spares it keeps (a quarter, plus eight). */
  bound = (s->full_columns + 2) * (s->full_rows + 2);
  bound += bound / 4 + 8;
  g_assert_cmpuint (s->pool_before, <=, bound);
  g_assert_cmpuint (s->pool_after, <=, bound);
  g_assert_cmpuint (s->pool_after, <=, s->pool_before + s->full_columns + s->full_rows + 8);
  g_assert_cmpuint (bound, <, N_FRAMEWORKS * N_SERVICES / 20);

  /* AddressSanitizer keeps freed memory in quarantine (256 MiB): there the
   * resident size says nothing about leaks. */
  if (!SANITIZED)
    g_assert_cmpfloat (s->rss_after - s->rss_before, <, 64.0);

  g_action_group_activate_action (G_ACTION_GROUP (s->app), "quit", NULL);
}

static gboolean
poll_window (gpointer user_data)
{
  Scale *s = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 patience = (s->quick ? 60 : 20) * G_USEC_PER_SEC;

  switch (s->stage)
    {
    case STAGE_STARTING:
      g_assert_cmpint (now - s->started, <, 2 * patience);
      return G_SOURCE_CONTINUE;

    case STAGE_FOCUSING:
      if (s->focus_asked == 0)
        {
          take_x_focus (s);
          s->focus_asked = now;
          return G_SOURCE_CONTINUE;
        }
      if (!has_x_focus (s))
        {
          if (now - s->focus_asked > patience)
            g_error ("the window did not get the X input focus");
          return G_SOURCE_CONTINUE;
        }
      start_scrolling (s);
      return G_SOURCE_CONTINUE;

    case STAGE_SCROLLING:
      /* Keys that never arrive leave the cursor where it is. */
      if (s->waiting && now - s->last_progress > patience)
        g_error ("%s pressed through XTEST %.1f s ago, and the cursor is still on row %d, column %d",
                 legs[s->leg].name, (now - s->last_progress) / 1e6, cursor_row (s), cursor_column (s));
      return G_SOURCE_CONTINUE;

    case STAGE_DONE:
    default:
      s->poll_id = 0;
      return G_SOURCE_REMOVE;
    }
}

static void
test_scroll (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scale.attest", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "attest", "--workspace", path, NULL };
  Scale s = { 0 };
  gint64 generated;
  int status;

  generated = g_get_monotonic_time ();
  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (attest_test_generate_matrix (ws, N_FRAMEWORKS, N_SERVICES, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);
  report ("matrix workspace: %u frameworks × %u services generated in %.1f ms",
          N_FRAMEWORKS, N_SERVICES, (g_get_monotonic_time () - generated) / 1000.0);

  /* The window opens at this size (GSettings is in memory, per process). */
  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "window-width", WINDOW_WIDTH);
  g_settings_set_int (settings, "window-height", WINDOW_HEIGHT);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  s.quick = SANITIZED || g_getenv ("ATTEST_TEST_QUICK") != NULL;
  s.work = g_array_new (FALSE, FALSE, sizeof (double));
  s.layout = g_array_new (FALSE, FALSE, sizeof (double));
  s.paint = g_array_new (FALSE, FALSE, sizeof (double));
  s.app = attest_application_new (APP_ID, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (s.app, "window-added", G_CALLBACK (window_added), &s);
  s.poll_id = g_timeout_add (20, poll_window, &s);
  s.started = g_get_monotonic_time ();

  status = g_application_run (G_APPLICATION (s.app), 3, (char **)argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (s.stage, ==, STAGE_DONE);
  g_clear_handle_id (&s.poll_id, g_source_remove);
  g_assert_finalize_object (s.app);

  g_clear_pointer (&s.rows, g_hash_table_unref);
  g_clear_pointer (&s.columns, g_hash_table_unref);
  g_clear_pointer (&s.service_ids, g_ptr_array_unref);
  g_clear_pointer (&s.scope_ids, g_ptr_array_unref);
  g_array_unref (s.work);
  g_array_unref (s.layout);
  g_array_unref (s.paint);

  /* To look at the same workspace: ATTEST_SCALE_KEEP=FILE keeps a copy. */
  if (g_getenv ("ATTEST_SCALE_KEEP") != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (g_getenv ("ATTEST_SCALE_KEEP"));
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
    }
  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
  g_rmdir (dir);
}

static void
test_scroll_isolated (void)
{
  if (g_test_subprocess ())
    {
      test_scroll ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  attest_test_use_private_home ();
  g_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();

  g_test_add_func ("/matrix-scale/keyboard-scroll", test_scroll_isolated);

  return g_test_run ();
}
