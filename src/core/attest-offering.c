/* attest-offering.c: what one offering page contributes to the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-offering"

#include "config.h"

#include <string.h>

#include "attest-dates.h"
#include "attest-offering.h"
#include "attest-page-files.h"
#include "attest-page-private.h"
#include "attest-service-names.h"

/* g_set_str () is GLib 2.76; Debian 12 has 2.74. */
static void
g_set_str_compat (char       **ptr,
                  const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*ptr);
  *ptr = copy;
}

const char *
attest_link_kind_to_string (AttestLinkKind kind)
{
  switch (kind)
    {
    case ATTEST_LINK_BACKGROUNDER:
      return "backgrounder";
    case ATTEST_LINK_AUDIT_REPORT:
      return "audit-report";
    case ATTEST_LINK_CERTIFICATE:
      return "certificate";
    case ATTEST_LINK_RESOURCE:
    default:
      return "resource";
    }
}

static void
scope_free (AttestOfferingScope *s)
{
  g_free (s->slug);
  g_free (s->name);
  g_free (s->parent_slug);
  g_free (s->environment);
  g_free (s);
}

static void
mention_free (AttestOfferingMention *m)
{
  g_free (m->scope_slug);
  g_free (m->name);
  g_free (m->qualifier);
  g_free (m->former);
  g_free (m->translated_name);
  g_free (m->source_line);
  g_free (m->translated_line);
  g_free (m);
}

static void
link_free (AttestOfferingLink *l)
{
  g_free (l->url);
  g_free (l->title);
  g_free (l->section_key);
  g_free (l);
}

static void
section_free (AttestOfferingSection *s)
{
  g_free (s->key);
  g_free (s->title);
  g_free (s->text);
  g_free (s->source_title);
  g_free (s->source_text);
  g_free (s);
}

AttestOffering *
attest_offering_new (void)
{
  AttestOffering *self = g_new0 (AttestOffering, 1);

  self->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify)scope_free);
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)mention_free);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify)link_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)section_free);
  return self;
}

void
attest_offering_free (AttestOffering *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self->key);
  g_free (self->framework_id);
  g_free (self->short_name);
  g_free (self->category);
  g_free (self->source_title);
  g_free (self->title);
  g_free (self->description);
  g_free (self->locale);
  g_free (self->lang);
  g_free (self->handoff);
  g_free (self->page_date);
  g_free (self->title_date);
  g_free (self->date_set);
  g_free (self->translation_type);
  g_free (self->content_hash);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_ptr_array_unref (self->scopes);
  g_ptr_array_unref (self->mentions);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->warnings);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

/* Names learned from a page are filed under its language: "fr" for fr-FR, but
 * Chinese keeps its script region ("zh-TW", "zh-CN"). English teaches nothing. */
char *
attest_offering_lang_for_locale (const char *locale)
{
  g_autofree char *lang = NULL;
  const char *dash;

  if (locale == NULL || *locale == '\0')
    return NULL;
  dash = strchr (locale, '-');
  lang = dash ? g_ascii_strdown (locale, dash - locale) : g_ascii_strdown (locale, -1);
  if (g_str_equal (lang, "en"))
    return NULL;
  if (g_str_equal (lang, "zh") && dash != NULL)
    {
      g_autofree char *region = g_ascii_strup (dash + 1, -1);
      return g_strdup_printf ("zh-%s", region);
    }
  return g_steal_pointer (&lang);
}

static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack != NULL ? haystack : "", -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

/* "DoD Impact Level 5" → "IL5": the name the scope goes by. */
static char *
scope_display_name (const char *name)
{
  const char *il = strstr (name, "Impact Level ");

  if (il != NULL && g_ascii_isdigit (il[strlen ("Impact Level ")]))
    return g_strdup_printf ("IL%s", il + strlen ("Impact Level "));
  return g_strstrip (g_strdup (name));
}

static AttestOfferingScope *
add_scope (AttestOffering *self,
           const char     *slug,
           const char     *name,
           const char     *parent_slug,
           const char     *environment)
{
  AttestOfferingScope *s;

  for (guint i = 0; i < self->scopes->len; i++)
    {
      s = self->scopes->pdata[i];
      if (g_str_equal (s->slug, slug))
        return s;
    }
  s = g_new0 (AttestOfferingScope, 1);
  s->slug = g_strdup (slug);
  s->name = g_strdup (name);
  s->parent_slug = g_strdup (parent_slug);
  s->environment = g_strdup (environment);
  g_ptr_array_add (self->scopes, s);
  return s;
}

/* "Covered services for SOC 1 and SOC 2" → scopes SOC 1 and SOC 2. */
static GPtrArray *
scopes_from_heading (const char *source_title)
{
  g_autofree char *lower = g_ascii_strdown (source_title, -1);
  const char *for_ = strstr (lower, " for ");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  g_autofree char *list = NULL;

  if (for_ == NULL)
    return names;
  list = g_strdup (source_title + (for_ - lower) + strlen (" for "));
  /* "SOC 1, SOC 2, and SOC 3" / "SOC 1 and SOC 2" */
  {
    GString *norm = g_string_new (NULL);
    for (const char *p = list; *p; p++)
      {
        if (g_str_has_prefix (p, ", and "))
          {
            g_string_append_c (norm, '\x1f');
            p += strlen (", and ") - 1;
          }
        else if (g_str_has_prefix (p, " and "))
          {
            g_string_append_c (norm, '\x1f');
            p += strlen (" and ") - 1;
          }
        else if (*p == ',')
          g_string_append_c (norm, '\x1f');
        else
          g_string_append_c (norm, *p);
      }
    parts = g_strsplit (norm->str, "\x1f", -1);
    g_string_free (norm, TRUE);
  }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = scope_display_name (parts[i]);
      gsize n = strlen (name);
      while (n > 0 && (name[n - 1] == ':' || name[n - 1] == '.'))
        name[--n] = '\0';
      if (*name != '\0')
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  return names;
}

static void
add_mentions (AttestOffering     *self,
              AttestServiceTable *names,
              const char         *scope_slug,
              const char         *source_text,
              const char         *translated_text,
              const char         *single_translation)
{
  g_autoptr(GPtrArray) found = attest_service_names_split (source_text, names);

  for (guint i = 0; i < found->len; i++)
    {
      AttestServiceMention *sm = found->pdata[i];
      AttestOfferingMention *m = g_new0 (AttestOfferingMention, 1);

      m->scope_slug = g_strdup (scope_slug);
      m->name = g_strdup (sm->name);
      m->qualifier = g_strdup (sm->qualifier);
      m->former = g_strdup (sm->former);
      m->source_line = g_strdup (source_text);
      m->translated_line = g_strdup (translated_text);
      /* A translation is learned only from a segment that is exactly one name. */
      if (single_translation != NULL && found->len == 1 && sm->qualifier == NULL &&
          g_strcmp0 (sm->name, source_text) == 0)
        {
          g_autofree char *a = attest_service_names_key (single_translation);
          g_autofree char *b = attest_service_names_key (sm->name);
          /* A name the translator left as it was teaches nothing. */
          if (!g_str_equal (a, b))
            m->translated_name = g_strdup (single_translation);
        }
      g_ptr_array_add (self->mentions, m);
    }
}

static const char *
block_translation (AttestPage        *page,
                   guint              index,
                   const AttestBlock *source,
                   char             **owned)
{
  const AttestBlock *translated;

  *owned = NULL;
  if (page->kind != ATTEST_PAGE_KIND_BILINGUAL || index >= page->translated_blocks->len)
    return NULL;
  translated = page->translated_blocks->pdata[index];
  if (translated->kind != source->kind)
    return NULL;
  *owned = attest_page_dup_block_text (page, translated);
  return *owned;
}

/* Environments named by an applicability row label; none named means Commercial. */
static GPtrArray *
environments_of (const char *label)
{
  g_autofree char *rest = g_strdup (label);
  GPtrArray *envs = g_ptr_array_new ();
  char *p;

  if ((p = strstr (rest, "GCC High")) != NULL || (p = strstr (rest, "GCC-High")) != NULL)
    {
      g_ptr_array_add (envs, (gpointer)"GCC High");
      memset (p, ' ', strlen ("GCC High"));
    }
  if (strstr (rest, "GCC") != NULL)
    g_ptr_array_add (envs, (gpointer)"GCC");
  if (strstr (rest, "DoD") != NULL)
    g_ptr_array_add (envs, (gpointer)"DoD");
  if (strstr (rest, "Commercial") != NULL || envs->len == 0)
    g_ptr_array_insert (envs, 0, (gpointer)"Commercial");
  return envs;
}

static gboolean
cell_is_links_only (const AttestTableCell *cell)
{
  for (guint i = 0; i < cell->runs->len; i++)
    {
      const AttestRun *run = cell->runs->pdata[i];
      g_autofree char *t = g_strstrip (g_strdup (run->text));
      if (run->link == NULL && *t != '\0' && !g_str_equal (t, ",") && !g_str_equal (t, "\n"))
        return FALSE;
    }
  return TRUE;
}

static void
add_applicability (AttestOffering     *self,
                   AttestServiceTable *names,
                   const AttestBlock  *table,
                   AttestOfferingScope *parent)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      AttestTableRow *row = table->rows->pdata[r];
      g_autofree char *label = NULL;
      g_autofree char *cell = NULL;
      g_autoptr(GPtrArray) envs = NULL;

      if (row->header || row->cells->len < 2)
        continue;
      if (cell_is_links_only (row->cells->pdata[1]))
        continue;
      label = attest_table_cell_dup_text (row->cells->pdata[0]);
      cell = attest_table_cell_dup_text (row->cells->pdata[1]);
      g_strdelimit (cell, "\n", ' ');
      envs = environments_of (label);
      for (guint e = 0; e < envs->len; e++)
        {
          const char *env = envs->pdata[e];
          g_autofree char *env_slug = attest_service_names_slug (env);
          g_autofree char *slug = g_strdup_printf ("%s-%s", parent->slug, env_slug);
          g_autofree char *name = g_strdup_printf ("%s · %s", parent->name, env);
          g_autofree char *line = _attest_page_applicability_row_line (row);

          add_scope (self, slug, name, parent->slug, env);
          add_mentions (self, names, slug, cell, NULL, NULL);
          /* The whole row is the line that put each service there. */
          for (guint m = 0; m < self->mentions->len; m++)
            {
              AttestOfferingMention *mention = self->mentions->pdata[m];
              if (g_str_equal (mention->scope_slug, slug) && g_str_equal (mention->source_line, cell))
                g_set_str_compat (&mention->source_line, line);
            }
        }
    }
}

static AttestLinkKind
classify_link (const AttestPageLink *link)
{
  if (contains_ci (link->section_key, "backgrounder") || contains_ci (link->text, "backgrounder") ||
      contains_ci (link->url, "backgrounder"))
    return ATTEST_LINK_BACKGROUNDER;
  if (contains_ci (link->text, "certificate") || contains_ci (link->text, "certification"))
    return ATTEST_LINK_CERTIFICATE;
  if (contains_ci (link->section_key, "audit") &&
      (contains_ci (link->text, "report") || contains_ci (link->text, "attestation") ||
       contains_ci (link->text, "assessment")))
    return ATTEST_LINK_AUDIT_REPORT;
  if (contains_ci (link->text, "audit report") || contains_ci (link->text, "soc 1 report") ||
      contains_ci (link->text, "soc 2 report") || contains_ci (link->text, "soc 3 report"))
    return ATTEST_LINK_AUDIT_REPORT;
  return ATTEST_LINK_RESOURCE;
}

/* An acronym in parentheses names a framework well: "… (SOC)" → "SOC". */
static char *
short_name_from_title (const char *title)
{
  const char *open = strrchr (title, '(');
  const char *close = open ? strchr (open, ')') : NULL;

  if (open != NULL && close != NULL && close - open > 1 && close - open < 24)
    return g_strndup (open + 1, close - open - 1);
  return g_strdup (title);
}

static void
string_free (gpointer s)
{
  if (s != NULL)
    g_string_free (s, TRUE);
}

/* The text of each section's own blocks, headings left out (they are its title). */
static GPtrArray *
section_texts (AttestPage *page,
               GPtrArray  *blocks)
{
  GPtrArray *texts = g_ptr_array_new_full (page->sections->len, string_free);

  for (guint i = 0; i < page->sections->len; i++)
    g_ptr_array_add (texts, NULL);
  for (guint b = 0; b < blocks->len; b++)
    {
      const AttestBlock *block = blocks->pdata[b];
      g_autofree char *text = NULL;
      GString *out;

      if (block->section < 0 || (guint)block->section >= page->sections->len ||
          block->kind == ATTEST_BLOCK_HEADING || block->kind == ATTEST_BLOCK_THEMATIC_BREAK)
        continue;
      text = attest_page_dup_block_text (page, block);
      if (*text == '\0')
        continue;
      out = texts->pdata[block->section];
      if (out == NULL)
        out = texts->pdata[block->section] = g_string_new (NULL);
      else
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }
  return texts;
}

static char *
steal_text (GPtrArray *texts,
            guint      i)
{
  GString *s = texts->pdata[i];

  texts->pdata[i] = NULL;
  return s != NULL ? g_string_free (s, FALSE) : g_strdup ("");
}

static void
add_sections (AttestOffering *self,
              AttestPage     *page)
{
  gboolean bilingual = page->kind == ATTEST_PAGE_KIND_BILINGUAL;
  g_autoptr(GPtrArray) texts = section_texts (page, page->translated_blocks);
  g_autoptr(GPtrArray) sources = bilingual ? section_texts (page, page->source_blocks) : NULL;

  for (guint i = 0; i < page->sections->len; i++)
    {
      const AttestSection *s = page->sections->pdata[i];
      AttestOfferingSection *os = g_new0 (AttestOfferingSection, 1);

      os->key = g_strdup (s->key);
      os->title = g_strdup (s->title);
      os->text = steal_text (texts, i);
      if (bilingual)
        {
          os->source_title = g_strdup (s->source_title);
          os->source_text = steal_text (sources, i);
        }
      g_ptr_array_add (self->sections, os);
    }
}

/**
 * attest_offering_new_from_page:
 * @page: the parsed page
 * @path: the file it came from (its name gives the framework key)
 * @content: the page as parsed (includes spliced in), kept in the workspace and hashed
 *
 * Applies the catalog rules of DESIGN.md to one page.
 */
AttestOffering *
attest_offering_new_from_page (AttestPage           *page,
                               const char           *path,
                               GBytes               *content,
                               AttestFrameworkTable *frameworks,
                               AttestServiceTable   *names)
{
  g_autoptr(AttestOffering) self = attest_offering_new ();
  const AttestFrameworkEntry *entry;
  const char *locale;
  int in_scope;
  g_autoptr(GPtrArray) section_scope = NULL;  /* section index → AttestOfferingScope* */
  AttestOfferingScope *page_scope = NULL;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  /* Names are text the workspace stores and exports: a file name that is not
   * UTF-8, or has a newline or an escape code in it, is escaped first. */
  {
    g_autofree char *base = g_path_get_basename (path);

    self->file_name = attest_page_files_display_name (base);
  }
  self->key = attest_framework_key_for_file (self->file_name);
  entry = frameworks != NULL ? attest_framework_table_lookup (frameworks, self->key) : NULL;
  self->source_title = attest_page_dup_source_title (page);
  if (self->source_title == NULL || *self->source_title == '\0')
    g_set_str_compat (&self->source_title, self->key);
  self->title = g_strdup (attest_page_get_title (page));
  self->framework_id = g_strdup (entry != NULL ? entry->framework : self->key);
  self->short_name = entry != NULL && entry->short_name != NULL ? g_strdup (entry->short_name)
                                                                : short_name_from_title (self->source_title);
  /* No category: "", which the library names in the reader's language ("Other"). */
  self->category = g_strdup (entry != NULL && entry->category != NULL ? entry->category : "");
  self->description = g_strdup (attest_front_matter_get_description (page->front_matter));

  locale = attest_front_matter_get_locale (page->front_matter);
  if (locale == NULL)
    {
      /* offering-soc.fr-FR.md */
      g_autofree char *stem = g_strdup (self->file_name);
      char *dot;
      if (g_str_has_suffix (stem, ".md"))
        stem[strlen (stem) - 3] = '\0';
      dot = strrchr (stem, '.');
      if (dot != NULL && strchr (dot, '-') != NULL)
        locale = g_intern_string (dot + 1);
    }
  self->locale = g_strdup (locale != NULL ? locale : "");
  self->lang = attest_offering_lang_for_locale (self->locale);
  self->handoff = attest_front_matter_dup_handoff (page->front_matter);
  self->page_date = attest_front_matter_dup_date (page->front_matter);
  /* A dated title ("Updated March 2023"): its front matter title, else its
   * first heading as translated, else as in the source. */
  self->title_date = attest_dates_from_title (attest_front_matter_get_title (page->front_matter));
  if (self->title_date == NULL && page->sections->len > 0)
    {
      AttestSection *first = page->sections->pdata[0];

      self->title_date = attest_dates_from_title (first->title);
      if (self->title_date == NULL)
        self->title_date = attest_dates_from_title (first->source_title);
    }
  self->translation_type = g_strdup (attest_front_matter_get_translation_type (page->front_matter));
  self->translation_only = page->kind == ATTEST_PAGE_KIND_TRANSLATION_ONLY && self->lang != NULL;
  self->content = g_bytes_ref (content);
  self->content_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  for (guint i = 0; i < page->warnings->len; i++)
    g_ptr_array_add (self->warnings, g_strdup (page->warnings->pdata[i]));

  /* Scopes: a split page defines one (frameworks.tsv); else the in-scope
   * section's "Covered services for X and Y" sub-headings; else one scope named
   * after the framework. */
  in_scope = attest_page_find_in_scope_section (page);
  section_scope = g_ptr_array_new ();
  g_ptr_array_set_size (section_scope, page->sections->len);

  if (entry != NULL && entry->scope != NULL)
    page_scope = add_scope (self, entry->scope, entry->scope_name ? entry->scope_name : entry->scope, NULL, NULL);
  else if (in_scope >= 0)
    {
      for (guint i = 0; i < page->sections->len; i++)
        {
          AttestSection *s = page->sections->pdata[i];
          g_autoptr(GPtrArray) scope_names = NULL;

          if (s->parent != in_scope || !contains_ci (s->source_title, "covered services"))
            continue;
          scope_names = scopes_from_heading (s->source_title);
          for (guint j = 0; j < scope_names->len; j++)
            {
              g_autofree char *slug = attest_service_names_slug (scope_names->pdata[j]);
              AttestOfferingScope *scope = add_scope (self, slug, scope_names->pdata[j], NULL, NULL);
              if (j == 0)
                section_scope->pdata[i] = scope;
            }
        }
    }
  if (self->scopes->len == 0)
    page_scope = add_scope (self, self->framework_id, self->short_name, NULL, NULL);

  /* Mentions: the top-level items of the in-scope lists. */
  for (guint b = 0; in_scope >= 0 && b < page->source_blocks->len; b++)
    {
      const AttestBlock *block = page->source_blocks->pdata[b];
      g_autofree char *text = NULL;
      g_autofree char *translated_owned = NULL;
      const char *translated;
      const char *single = NULL;
      int sec;

      if (!_attest_page_is_in_scope_item (page, block, in_scope))
        continue;

      text = attest_page_dup_block_text (page, block);
      g_strstrip (text);
      translated = block_translation (page, b, block, &translated_owned);
      if (translated != NULL && block->segments != NULL && block->segments->len == 1)
        single = translated;

      /* Under a "Covered services for SOC 1 and SOC 2" heading: each scope it names. */
      for (sec = block->section; sec >= 0 && sec != in_scope; sec = ((AttestSection *)page->sections->pdata[sec])->parent)
        if (section_scope->pdata[sec] != NULL)
          break;

      if (sec >= 0 && sec != in_scope && section_scope->pdata[sec] != NULL)
        {
          AttestSection *s = page->sections->pdata[sec];
          g_autoptr(GPtrArray) scope_names = scopes_from_heading (s->source_title);
          for (guint j = 0; j < scope_names->len; j++)
            {
              g_autofree char *slug = attest_service_names_slug (scope_names->pdata[j]);
              add_mentions (self, names, slug, text, translated, single);
            }
        }
      else
        {
          /* Directly under the in-scope heading: the page's scope, or every scope. */
          for (guint j = 0; j < self->scopes->len; j++)
            {
              AttestOfferingScope *scope = self->scopes->pdata[j];
              if (page_scope != NULL && scope != page_scope)
                continue;
              if (scope->parent_slug == NULL)
                add_mentions (self, names, scope->slug, text, translated, single);
            }
        }
    }

  /* Applicability tables, wherever they stand: environment scopes of the page's scope. */
  for (guint b = 0; b < page->source_blocks->len; b++)
    {
      const AttestBlock *block = page->source_blocks->pdata[b];
      AttestOfferingScope *parent = page_scope != NULL ? page_scope : self->scopes->pdata[0];

      if (!_attest_page_is_applicability_table (block))
        continue;
      for (int sec = block->section; sec >= 0; sec = ((AttestSection *)page->sections->pdata[sec])->parent)
        if (section_scope->pdata[sec] != NULL)
          {
            parent = section_scope->pdata[sec];
            break;
          }
      add_applicability (self, names, block, parent);
    }

  for (guint i = 0; i < page->links->len; i++)
    {
      const AttestPageLink *pl = page->links->pdata[i];
      AttestOfferingLink *l = g_new0 (AttestOfferingLink, 1);

      l->kind = classify_link (pl);
      l->url = g_strdup (pl->url);
      l->title = g_strdup (pl->text);
      l->section_key = g_strdup (pl->section_key);
      g_ptr_array_add (self->links, l);
    }

  add_sections (self, page);

  return g_steal_pointer (&self);
}
