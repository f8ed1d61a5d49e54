/* attest-unshown.c: what is not on screen is not read by a screen reader either
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 presents every page of a GtkStack to AT-SPI, and a closed AdwFlap's
 * flap too: a screen reader on the page view would meet the whole matrix
 * behind it, and one in a dialog the pages it is not showing. Marked hidden
 * (GTK_ACCESSIBLE_STATE_HIDDEN, which 4.8's AT-SPI backend leaves out of a
 * parent's children), a widget and all below it leave the accessible tree.
 * Every stack and flap of the window and its dialogs follows this rule.
 */
#define G_LOG_DOMAIN "attest-unshown"

#include "config.h"

#include "attest-unshown.h"

static void
set_accessible_hidden (GtkAccessible *accessible,
                       gboolean       hidden)
{
  if (hidden)
    gtk_accessible_update_state (accessible, GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  else
    gtk_accessible_reset_state (accessible, GTK_ACCESSIBLE_STATE_HIDDEN);
}

/* A stack's pages but the one shown. The GtkStackPage is the accessible
 * parent of its child, so both are marked. */
static void
stack_child_shown (GtkStack *stack)
{
  GtkWidget *shown = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (stack, child);

      if (page != NULL && GTK_IS_ACCESSIBLE (page))
        set_accessible_hidden (GTK_ACCESSIBLE (page), child != shown);
      set_accessible_hidden (GTK_ACCESSIBLE (child), child != shown);
    }
}

/* A flap's flap while it is closed or folded away. */
static void
flap_shown (AdwFlap *flap)
{
  GtkWidget *child = adw_flap_get_flap (flap);

  if (child != NULL)
    set_accessible_hidden (GTK_ACCESSIBLE (child), !adw_flap_get_reveal_flap (flap));
}

/**
 * attest_unshown_follow_stack:
 * @stack: a stack
 *
 * Hides from assistive technology every page of @stack but the one shown,
 * now and whenever the shown page changes. Call it once every page is added.
 */
void
attest_unshown_follow_stack (GtkStack *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (stack_child_shown), NULL);
  stack_child_shown (stack);
}

/**
 * attest_unshown_follow_flap:
 * @flap: a flap
 *
 * Hides @flap's flap from assistive technology while it is not revealed,
 * now and whenever that changes.
 */
void
attest_unshown_follow_flap (AdwFlap *flap)
{
  g_return_if_fail (ADW_IS_FLAP (flap));

  g_signal_connect (flap, "notify::reveal-flap", G_CALLBACK (flap_shown), NULL);
  g_signal_connect (flap, "notify::folded", G_CALLBACK (flap_shown), NULL);
  flap_shown (flap);
}
