/* attest-search-item.c: one result of the search dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable copy of what a result row shows: its kind in words, a title
 * an analyst reads ("SOC — Audit cycle", "SOC 2 × Intune") rather than the
 * store's ref, and the snippet with the matches in bold.
 */
#define G_LOG_DOMAIN "attest-search-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-languages.h"
#include "attest-search-item.h"

struct _AttestSearchItem
{
  GObject parent_instance;

  char *kind;
  char *ref;
  const char *kind_label;
  const char *icon_name;
  char *title;
  char *detail;
  char *snippet;          /* plain, without the match marks */
  char *snippet_markup;
};

G_DEFINE_FINAL_TYPE (AttestSearchItem, attest_search_item, G_TYPE_OBJECT)

static const struct {
  const char *kind;
  const char *label;
  const char *icon;
} kinds[] = {
  /* Translators: kinds of search results */
  { "page", N_("Page"), "text-x-generic-symbolic" },
  { "note", N_("Note"), "document-edit-symbolic" },
  { "item", N_("Checklist Item"), "checkbox-checked-symbolic" },
  { "annotation", N_("Annotation"), "format-text-underline-symbolic" },
  { "evidence", N_("Evidence"), "mail-attachment-symbolic" },
};

/**
 * attest_search_snippet_to_markup:
 * @snippet: the store's snippet, the matches between ATTEST_SEARCH_MATCH_START
 *   and ATTEST_SEARCH_MATCH_END
 * @plain: (out) (optional): the text without the marks
 *
 * Returns: Pango markup, every character of the text escaped and kept (« and »
 *   of French text too), the matches bold
 */
char *
attest_search_snippet_to_markup (const char  *snippet,
                                 char       **plain)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GArray) matches = NULL;
  g_autofree char *text = attest_search_snippet_split (snippet, &matches);
  gsize at = 0;

  for (guint i = 0; i <= matches->len; i++)
    {
      const AttestSearchMatch *m = i < matches->len ? &g_array_index (matches, AttestSearchMatch, i) : NULL;
      gsize end = m != NULL ? m->start : strlen (text);
      g_autofree char *before = g_markup_escape_text (text + at, (gssize)(end - at));

      g_string_append (markup, before);
      if (m != NULL)
        {
          g_autofree char *match = g_markup_escape_text (text + m->start, (gssize)(m->end - m->start));

          g_string_append_printf (markup, "<b>%s</b>", match);
          at = m->end;
        }
    }

  if (plain != NULL)
    *plain = g_steal_pointer (&text);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

AttestSearchItem *
attest_search_item_new (const AttestSearchResult *result,
                        AttestWorkspaceNames     *names)
{
  AttestSearchItem *self;

  g_return_val_if_fail (result != NULL && names != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_SEARCH_ITEM, NULL);
  self->kind = g_strdup (result->kind);
  self->ref = g_strdup (result->ref);
  self->kind_label = result->kind;
  self->icon_name = "edit-find-symbolic";
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, result->kind) == 0)
      {
        self->kind_label = _(kinds[i].label);
        self->icon_name = kinds[i].icon;
      }

  if (g_strcmp0 (result->kind, "page") == 0)
    {
      const char *hash = strchr (result->ref, '#');
      const char *at = strrchr (result->ref, '@');
      g_autofree char *framework = hash != NULL ? g_strndup (result->ref, hash - result->ref) : g_strdup (result->ref);

      /* Translators: a page section found: "<framework> — <section heading>" */
      self->title = g_strdup_printf (_("%s — %s"), attest_workspace_names_framework (names, framework),
                                     result->title != NULL ? result->title : "");
      /* "FRAMEWORK#KEY@LOCALE" (or "…@LOCALE/VERSION"): the locale says
       * which language, named for people ("French (France)"). */
      if (at != NULL)
        {
          g_autofree char *locale = g_strndup (at + 1, strcspn (at + 1, "/"));

          self->detail = g_strdup (*locale != '\0' ? attest_languages_name (locale) : _("English"));
        }
    }
  else if (g_strcmp0 (result->kind, "note") == 0 && result->title != NULL)
    /* A note's title is what it is on. */
    self->title = attest_workspace_names_target (names, result->title);
  else if (g_strcmp0 (result->kind, "annotation") == 0 && result->title != NULL)
    {
      /* On a PDF: its SHA-256; on a page's section: "framework:ID#KEY", as a note's target. */
      if (g_str_has_prefix (result->title, "framework:"))
        self->title = attest_workspace_names_target (names, result->title);
      else
        self->title = g_strdup (attest_workspace_names_evidence (names, result->title));
    }
  else if (g_strcmp0 (result->kind, "item") == 0 && (result->title == NULL || *result->title == '\0'))
    {
      g_autofree char *target = g_strconcat ("item:", result->ref, NULL);
      self->title = attest_workspace_names_target (names, target);
    }
  else
    self->title = g_strdup (result->title != NULL ? result->title : result->ref);

  self->snippet_markup = attest_search_snippet_to_markup (result->snippet, &self->snippet);
  return self;
}

static void
attest_search_item_finalize (GObject *object)
{
  AttestSearchItem *self = ATTEST_SEARCH_ITEM (object);

  g_free (self->kind);
  g_free (self->ref);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->snippet);
  g_free (self->snippet_markup);

  G_OBJECT_CLASS (attest_search_item_parent_class)->finalize (object);
}

static void
attest_search_item_class_init (AttestSearchItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_search_item_finalize;
}

static void
attest_search_item_init (AttestSearchItem *self)
{
}

const char *
attest_search_item_get_kind (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->kind;
}

const char *
attest_search_item_get_ref (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->ref;
}

const char *
attest_search_item_get_kind_label (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->kind_label;
}

const char *
attest_search_item_get_icon_name (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->icon_name;
}

const char *
attest_search_item_get_title (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->title;
}

/* The page's language ("French (France)"), or NULL. */
const char *
attest_search_item_get_detail (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->detail;
}

const char *
attest_search_item_get_snippet (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->snippet;
}

const char *
attest_search_item_get_snippet_markup (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);
  return self->snippet_markup;
}

/* "Page: SOC — Audit cycle, French (France), …the snippet…" */
char *
attest_search_item_dup_accessible_label (AttestSearchItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SEARCH_ITEM (self), NULL);

  if (self->detail != NULL)
    /* Translators: a search result read aloud: kind, title, language, snippet */
    return g_strdup_printf (_("%s: %s, %s, %s"), self->kind_label, self->title, self->detail, self->snippet);
  /* Translators: a search result read aloud: kind, title, snippet */
  return g_strdup_printf (_("%s: %s, %s"), self->kind_label, self->title, self->snippet);
}
