/* attest-history-item.c: one row of the History window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable copy of what a row shows: the row's time in local time, who,
 * and attest_history_describe()'s words for it (the same `attest-cli history`
 * prints).
 */
#define G_LOG_DOMAIN "attest-history-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-history-item.h"

struct _AttestHistoryItem
{
  GObject parent_instance;

  gint64 id;
  char *entity;
  char *time;
  char *reviewer;
  char *what;
  char *subject;
  char *changes;      /* one change a line; "" when none */
  char *haystack;     /* all of it, case-folded, for the search entry */
};

G_DEFINE_FINAL_TYPE (AttestHistoryItem, attest_history_item, G_TYPE_OBJECT)

/* "2026-11-23T12:12:11.150409Z" → "2026-11-23 14:12" in the local time zone. */
static char *
local_time (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at != NULL ? at : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

AttestHistoryItem *
attest_history_item_new (const AttestHistoryEntry       *entry,
                         const AttestHistoryDescription *description)
{
  AttestHistoryItem *self;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree char *all = NULL;

  g_return_val_if_fail (entry != NULL && description != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_HISTORY_ITEM, NULL);
  self->id = entry->id;
  self->entity = g_strdup (entry->entity != NULL ? entry->entity : "");
  self->time = local_time (entry->at);
  self->reviewer = g_strdup (entry->reviewer != NULL ? entry->reviewer : "");
  self->what = g_strdup (description->what);
  self->subject = g_strdup (description->subject);
  for (guint i = 0; i < description->changes->len; i++)
    g_ptr_array_add (lines, description->changes->pdata[i]);
  g_ptr_array_add (lines, NULL);
  self->changes = g_strjoinv ("\n", (char **)lines->pdata);

  /* The ids too: an analyst may paste a SHA-256 or a scope id. */
  all = g_strjoin ("\n", self->what, self->subject, self->changes, self->reviewer, self->time, self->entity,
                   entry->entity_id != NULL ? entry->entity_id : "", NULL);
  self->haystack = g_utf8_casefold (all, -1);
  return self;
}

static void
attest_history_item_finalize (GObject *object)
{
  AttestHistoryItem *self = ATTEST_HISTORY_ITEM (object);

  g_free (self->entity);
  g_free (self->time);
  g_free (self->reviewer);
  g_free (self->what);
  g_free (self->subject);
  g_free (self->changes);
  g_free (self->haystack);

  G_OBJECT_CLASS (attest_history_item_parent_class)->finalize (object);
}

static void
attest_history_item_class_init (AttestHistoryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_history_item_finalize;
}

static void
attest_history_item_init (AttestHistoryItem *self)
{
}

gint64
attest_history_item_get_id (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), 0);
  return self->id;
}

const char *
attest_history_item_get_entity (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);
  return self->entity;
}

const char *
attest_history_item_get_time (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);
  return self->time;
}

const char *
attest_history_item_get_reviewer (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);
  return self->reviewer;
}

const char *
attest_history_item_get_what (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);
  return self->what;
}

const char *
attest_history_item_get_subject (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);
  return self->subject;
}

const char *
attest_history_item_get_changes (AttestHistoryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);
  return self->changes;
}

/* A symbol for each kind of change, so the eye finds imports among edits. */
const char *
attest_history_item_get_icon_name (AttestHistoryItem *self)
{
  static const struct { const char *entity, *icon; } icons[] = {
    { "framework", "folder-download-symbolic" },
    { "checklist", "view-list-symbolic" },
    { "checklist-item", "checkbox-checked-symbolic" },
    { "note", "document-edit-symbolic" },
    { "evidence", "mail-attachment-symbolic" },
    { "annotation", "format-text-underline-symbolic" },
    { "my-services", "starred-symbolic" },
    { "service", "system-switch-user-symbolic" },
  };

  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (icons[i].entity, self->entity))
      return icons[i].icon;
  return "document-open-recent-symbolic";
}

/* What a screen reader says for the row: everything the eye sees, in order. */
char *
attest_history_item_dup_accessible_label (AttestHistoryItem *self)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *changes = NULL;

  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), NULL);

  if (*self->changes == '\0')
    /* Translators: a history row read aloud: what, subject, reviewer, time */
    return g_strdup_printf (_("%s: %s, by %s, %s"), self->what, self->subject, self->reviewer, self->time);
  lines = g_strsplit (self->changes, "\n", -1);
  changes = g_strjoinv ("; ", lines);
  /* Translators: a history row read aloud: what, subject, reviewer, time, then the changes */
  return g_strdup_printf (_("%s: %s, by %s, %s. %s"), self->what, self->subject, self->reviewer, self->time,
                          changes);
}

/**
 * attest_history_item_matches:
 * @folded_words: case-folded words separated by spaces; every one must occur
 */
gboolean
attest_history_item_matches (AttestHistoryItem *self,
                             const char        *folded_words)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (ATTEST_IS_HISTORY_ITEM (self), FALSE);

  if (folded_words == NULL || *folded_words == '\0')
    return TRUE;
  words = g_strsplit (folded_words, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (self->haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}
