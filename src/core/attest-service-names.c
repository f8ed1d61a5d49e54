/* attest-service-names.c: from a line of an in-scope list to service names
 *
 * The publisher writes in-scope services as free text: lists ("Azure, Azure
 * Government, and Azure Germany"), qualifiers ("Power BI cloud service either
 * as a standalone service or …", "Windows Defender ATP — Endpoint Detection &
 * Response, …", "Intune: cloud service portion of …") and former names
 * ("Power Automate (formerly Microsoft Flow)"). These rules turn one such line
 * into the services it names, in the source language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-service-names"

#include "config.h"

#include <string.h>

#include "attest-service-names.h"

void
attest_service_mention_free (AttestServiceMention *mention)
{
  if (mention == NULL)
    return;
  g_free (mention->name);
  g_free (mention->qualifier);
  g_free (mention->former);
  g_free (mention);
}

/* Collapses white space (including no-break spaces) to single spaces and trims. */
static char *
squeeze (const char *text,
         gssize      len)
{
  GString *out = g_string_new (NULL);
  const char *end = len < 0 ? text + strlen (text) : text + len;
  gboolean space = FALSE;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * attest_service_names_key:
 *
 * The identity of a source-language name: case-folded, white space squeezed,
 * typographic apostrophes made plain, "Microsoft " in front and a final period
 * dropped. "Microsoft Graph" and "graph" have the same key.
 */
char *
attest_service_names_key (const char *name)
{
  g_autofree char *squeezed = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  squeezed = squeeze (name, -1);
  normal = g_utf8_normalize (squeezed, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    normal = g_strdup (squeezed);
  folded = g_utf8_casefold (normal, -1);

  out = g_string_new (NULL);
  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      g_string_append_unichar (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);
  while (g_str_has_prefix (out->str, "microsoft ") && out->len > strlen ("microsoft "))
    g_string_erase (out, 0, strlen ("microsoft "));
  return g_string_free (out, FALSE);
}

/**
 * attest_service_names_slug:
 *
 * A service id: lower case, letters and digits of any script kept, periods and
 * apostrophes dropped, every other run of characters one hyphen.
 * "Office 365 U.S. Government" → "office-365-us-government".
 */
char *
attest_service_names_slug (const char *name)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean hyphen = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_utf8_strdown (name, -1);
  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.' || c == '\'' || c == 0x2019)
        continue;
      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        {
          if (hyphen && out->len > 0)
            g_string_append_c (out, '-');
          hyphen = FALSE;
          g_string_append_unichar (out, c);
        }
      else
        hyphen = TRUE;
    }
  return g_string_free (out, FALSE);
}

static gboolean
ascii_prefix_ci (const char *p,
                 const char *prefix)
{
  return g_ascii_strncasecmp (p, prefix, strlen (prefix)) == 0;
}

/* Where the qualifier starts (outside parentheses), or NULL. */
static const char *
find_qualifier (const char  *text,
                const char **qualifier_start)
{
  /* Not a plain " - ": "Office 365 U.S. Government - High" is a name. */
  static const char * const separators[] = { ": ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
                                             "\xe2\x80\x94 ", " \xe2\x80\x94" };
  static const char * const phrases[] = { " cloud service", " either as ", " as a standalone",
                                          " as included", " for the following", " offered as " };
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      if (depth > 0)
        continue;

      /* A sentence after the name: "Azure. The HDS certificate applies to …"
       * (but not the periods of "U.S. Government"). */
      if (p[0] == '.' && p[1] == ' ' && g_ascii_isupper (p[2]) && p - text >= 2 &&
          g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[-2]))
        {
          *qualifier_start = p + 2;
          return p;
        }
      for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
        if (g_str_has_prefix (p, separators[i]))
          {
            *qualifier_start = p + strlen (separators[i]);
            return p;
          }
      for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
        if (ascii_prefix_ci (p, phrases[i]))
          {
            const char *after = p + strlen (phrases[i]);
            /* " cloud service" must end a word: not "cloud services for …" lists. */
            if (i == 0 && *after != '\0' && *after != ' ' && *after != ':' && *after != ',')
              continue;
            *qualifier_start = p + 1;
            return p;
          }
    }
  return NULL;
}

static char *
first_word (const char *s)
{
  const char *sp = strchr (s, ' ');
  return sp ? g_strndup (s, sp - s) : g_strdup (s);
}

/* Splits "A, B, and C" / "A and B" outside parentheses. */
static GPtrArray *
split_list (const char         *text,
            AttestServiceTable *table)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean had_comma = FALSE;
  const char *start = text;
  int depth = 0;

  for (const char *p = text; ; p++)
    {
      gsize skip = 0;

      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0 && *p == ',')
        {
          skip = 1;
          had_comma = TRUE;
        }
      else if (depth == 0 && g_str_has_prefix (p, " and "))
        skip = 5;

      if (*p == '\0' || skip > 0)
        {
          g_autofree char *part = squeeze (start, p - start);
          char *q = part;

          if (g_str_has_prefix (q, "and "))
            q += 4;
          if (*q != '\0')
            g_ptr_array_add (parts, g_strdup (q));
          if (*p == '\0')
            break;
          p += skip - 1;
          start = p + 1;
        }
    }

  /* "A and B" without a comma splits only when it is clearly two names:
   * both known, or both starting with the same word ("Azure and Azure Government").
   * "Support and Professional Services" stays one. */
  if (!had_comma && parts->len == 2)
    {
      const char *a = parts->pdata[0], *b = parts->pdata[1];
      g_autofree char *wa = first_word (a);
      g_autofree char *wb = first_word (b);
      gboolean known = table != NULL &&
                       attest_service_table_canonical (table, a) != NULL &&
                       attest_service_table_canonical (table, b) != NULL;

      if (!known && g_strcmp0 (wa, wb) != 0)
        {
          g_ptr_array_set_size (parts, 0);
          g_ptr_array_add (parts, squeeze (text, -1));
        }
    }
  return g_steal_pointer (&parts);
}

static char *
join_qualifiers (const char *a,
                 const char *b)
{
  if (a == NULL || *a == '\0')
    return b != NULL && *b != '\0' ? g_strdup (b) : NULL;
  if (b == NULL || *b == '\0')
    return g_strdup (a);
  return g_strdup_printf ("%s; %s", a, b);
}

/**
 * attest_service_names_split:
 * @text: the plain text of a list item or table cell, in the source language
 * @table: (nullable): known names, to tell "A and B" lists from one name
 *
 * Returns: (element-type AttestServiceMention): the services @text names, in order,
 *   without duplicates; empty when it names none (a sentence such as "See …").
 */
GPtrArray *
attest_service_names_split (const char         *text,
                            AttestServiceTable *table)
{
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_service_mention_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *clean = NULL;
  g_autofree char *names = NULL;
  g_autofree char *qualifier = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  const char *qstart = NULL;
  const char *cut;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  clean = squeeze (text, -1);
  len = strlen (clean);
  while (len > 0 && (clean[len - 1] == '.' || clean[len - 1] == ';' || clean[len - 1] == ','))
    clean[--len] = '\0';
  if (len == 0 || g_str_has_prefix (clean, "See ") || g_unichar_islower (g_utf8_get_char (clean)))
    return g_steal_pointer (&mentions);

  /* A whole line the table knows is one name, parentheses and all. */
  if (table != NULL && attest_service_table_canonical (table, clean) != NULL)
    {
      AttestServiceMention *m = g_new0 (AttestServiceMention, 1);
      m->name = g_strdup (clean);
      g_ptr_array_add (mentions, m);
      return g_steal_pointer (&mentions);
    }

  cut = find_qualifier (clean, &qstart);
  if (cut != NULL)
    {
      names = squeeze (clean, cut - clean);
      qualifier = squeeze (qstart, -1);
    }
  else
    names = g_strdup (clean);

  parts = split_list (names, table);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = parts->pdata[i];
      g_autofree char *name = g_strdup (part);
      g_autofree char *former = NULL;
      g_autofree char *paren = NULL;
      AttestServiceMention *m;
      char *open;

      /* "Name (formerly Old)" and "Name (United States only)". */
      open = strrchr (name, '(');
      if (open != NULL && g_str_has_suffix (name, ")"))
        {
          g_autofree char *inside = g_strndup (open + 1, strlen (open + 1) - 1);
          gboolean is_former = ascii_prefix_ci (inside, "formerly ");

          /* A parenthesis the table knows as part of a name stays ("… (GCC)"). */
          if (is_former || table == NULL || attest_service_table_canonical (table, name) == NULL)
            {
              if (is_former)
                former = g_strdup (g_strstrip (inside + strlen ("formerly ")));
              else
                paren = g_strdup (g_strstrip (inside));
              *open = '\0';
              g_strchomp (name);
            }
        }

      if (*name == '\0')
        continue;
      if (!g_hash_table_add (seen, attest_service_names_key (name)))
        continue;

      m = g_new0 (AttestServiceMention, 1);
      m->name = g_steal_pointer (&name);
      m->qualifier = join_qualifiers (paren, qualifier);
      m->former = g_steal_pointer (&former);
      g_ptr_array_add (mentions, m);
    }

  return g_steal_pointer (&mentions);
}
