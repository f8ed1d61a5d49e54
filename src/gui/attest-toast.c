/* attest-toast.c: every toast of Attest, shown one at a time per overlay
 *
 * libadwaita 1.2's AdwToastOverlay frees a toast that is dismissed while it
 * is still being shown in (its hide animation ends before its show
 * animation, whose "done" then runs on freed memory: fixed upstream in 1.3),
 * and a high-priority toast dismissed while the one it put aside is still
 * hiding aborts on an assertion. Marking a PDF quickly, or removing two
 * files in a row, did both. So every toast goes through here:
 *
 * - an overlay gets one toast of ours at a time; the next waits here, and
 *   is handed over when the one shown is dismissed (its timeout, its close
 *   button, its Undo), so a toast is shown as it is handed over;
 * - one toast waits at most: a newer one replaces it (two quick changes
 *   leave the second's message, or Undo, not a queue of stale ones);
 * - a toast of high priority, and attest_toast_dismiss(), dismiss the
 *   toast shown, but never before SETTLE_USEC after it was handed over (its
 *   show animation is done by then), later by a timeout if need be;
 * - the overlay gets no toast of high priority.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-toast"

#include "config.h"

#include "attest-toast.h"

/* libadwaita 1.2 shows a toast in 300 ms, or 500 ms while another hides. */
#define SETTLE_USEC (550 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  AdwToastOverlay *overlay;  /* owns this */
  AdwToast *shown;           /* handed to the overlay, not dismissed yet */
  gulong dismissed_id;
  gint64 shown_at;
  AdwToast *waiting;         /* the next to hand over */
  guint dismiss_source;
  guint hand_over_source;
} Toasts;

/* The waiting toast goes, never shown. It says "dismissed" all the same:
 * whoever keeps a pointer to a toast until then (an Undo) lets go. */
static void
drop_waiting (Toasts *t)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&t->waiting);

  if (toast != NULL)
    g_signal_emit_by_name (toast, "dismissed");
}

static void
toasts_free (Toasts *t)
{
  g_clear_handle_id (&t->dismiss_source, g_source_remove);
  g_clear_handle_id (&t->hand_over_source, g_source_remove);
  if (t->shown != NULL)
    g_clear_signal_handler (&t->dismissed_id, t->shown);
  g_clear_object (&t->shown);
  drop_waiting (t);
  g_free (t);
}

static Toasts *
toasts_lookup (AdwToastOverlay *overlay)
{
  return g_object_get_data (G_OBJECT (overlay), "attest-toasts");
}

/* Gone with the overlay's dispose, before a pending dismissal could hand a
 * toast to an overlay being taken down. */
static void
overlay_destroyed (AdwToastOverlay *overlay)
{
  g_object_set_data (G_OBJECT (overlay), "attest-toasts", NULL);
}

static Toasts *
toasts_get (AdwToastOverlay *overlay)
{
  Toasts *t = toasts_lookup (overlay);

  if (t == NULL)
    {
      t = g_new0 (Toasts, 1);
      t->overlay = overlay;
      g_object_set_data_full (G_OBJECT (overlay), "attest-toasts", t, (GDestroyNotify)toasts_free);
      g_signal_connect (overlay, "destroy", G_CALLBACK (overlay_destroyed), NULL);
    }
  return t;
}

static void hand_over (Toasts *t);

static gboolean
hand_over_later (gpointer data)
{
  Toasts *t = data;

  t->hand_over_source = 0;
  if (t->shown == NULL && t->waiting != NULL)
    hand_over (t);
  return G_SOURCE_REMOVE;
}

static void dismiss_shown (Toasts *t);

/* Before the overlay's own handler. A toast dismissed while it is still
 * being shown in (its Undo clicked at once, another toast of high
 * priority) is not dismissed yet: the emission stops here, and the toast
 * is dismissed again once settled (dismiss_now()). The next toast is handed over from the
 * main loop, not from within "dismissed": the overlay also dismisses its
 * toasts as it is disposed, and must not get a new one then. */
static void
shown_dismissed (AdwToast *toast,
                 Toasts   *t)
{
  if (toast != t->shown)
    return;
  if (g_get_monotonic_time () - t->shown_at < SETTLE_USEC)
    {
      g_debug ("“%s” dismissed while shown in: again once settled", adw_toast_get_title (toast));
      g_signal_stop_emission_by_name (toast, "dismissed");
      dismiss_shown (t);
      return;
    }
  g_clear_signal_handler (&t->dismissed_id, t->shown);
  g_clear_object (&t->shown);
  g_clear_handle_id (&t->dismiss_source, g_source_remove);
  if (t->waiting != NULL && t->hand_over_source == 0)
    t->hand_over_source = g_idle_add (hand_over_later, t);
}

/* The waiting toast to the overlay, which shows it now (none of ours is
 * shown: at most one is hiding). */
static void
hand_over (Toasts *t)
{
  AdwToast *toast = g_steal_pointer (&t->waiting);

  g_debug ("“%s” to the overlay", adw_toast_get_title (toast));
  t->shown = toast;
  t->shown_at = g_get_monotonic_time ();
  t->dismissed_id = g_signal_connect (toast, "dismissed", G_CALLBACK (shown_dismissed), t);
  adw_toast_overlay_add_toast (t->overlay, g_object_ref (toast));
}

/* As adw_toast_dismiss(), which does nothing to a toast whose "dismissed"
 * was stopped (shown_dismissed()): the toast's own handler, run first, has
 * forgotten its overlay already. The overlay still shows it, and hides it
 * on this emission. */
static void
dismiss_now (AdwToast *toast)
{
  g_signal_emit_by_name (toast, "dismissed");
}

static gboolean
dismiss_settled (gpointer data)
{
  Toasts *t = data;

  t->dismiss_source = 0;
  if (t->shown != NULL)
    dismiss_now (t->shown);
  return G_SOURCE_REMOVE;
}

/* The shown toast dismissed, once its show animation is done. */
static void
dismiss_shown (Toasts *t)
{
  gint64 age;

  if (t->shown == NULL || t->dismiss_source != 0)
    return;
  age = g_get_monotonic_time () - t->shown_at;
  if (age >= SETTLE_USEC)
    dismiss_now (t->shown);
  else
    t->dismiss_source = g_timeout_add ((guint)((SETTLE_USEC - age) / G_TIME_SPAN_MILLISECOND) + 1,
                                       dismiss_settled, t);
}

/**
 * attest_toast_show:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in @overlay: now if no toast of ours is shown there, else
 * when that one is dismissed, in place of any toast waiting before it. A
 * toast of high priority (what answers the analyst's last action, such as
 * an Undo) does not wait for that: the toast shown goes at once (once its
 * own showing is done). Shown again, the toast shown restarts its timeout.
 */
void
attest_toast_show (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  gboolean now;
  Toasts *t;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  t = toasts_get (overlay);
  now = adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH;
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_NORMAL);
  if (toast == t->shown)
    {
      /* Its timeout restarted; unless it is on its way out. */
      if (t->dismiss_source == 0)
        adw_toast_overlay_add_toast (overlay, toast);
      else
        g_object_unref (toast);
      return;
    }
  if (toast != t->waiting)
    {
      drop_waiting (t);
      t->waiting = toast;
    }
  else
    g_object_unref (toast);
  if (t->shown == NULL && t->hand_over_source == 0)
    hand_over (t);
  else if (now)
    dismiss_shown (t);
}

/**
 * attest_toast_dismiss:
 *
 * Takes @toast away: shown, it goes once its showing is done; waiting, it
 * is never shown. Any other toast is left alone.
 */
void
attest_toast_dismiss (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  Toasts *t;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  t = toasts_lookup (overlay);
  if (t == NULL)
    return;
  if (toast == t->waiting)
    drop_waiting (t);
  else if (toast == t->shown)
    dismiss_shown (t);
}

/* TRUE while @toast is in @overlay, not dismissed. */
gboolean
attest_toast_is_shown (AdwToastOverlay *overlay,
                       AdwToast        *toast)
{
  Toasts *t;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), FALSE);

  t = toasts_lookup (overlay);
  return t != NULL && toast != NULL && t->shown == toast;
}

/* The toasts waiting for @overlay: 0 or 1. */
guint
attest_toast_get_n_waiting (AdwToastOverlay *overlay)
{
  Toasts *t;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), 0);

  t = toasts_lookup (overlay);
  return t != NULL && t->waiting != NULL ? 1 : 0;
}
