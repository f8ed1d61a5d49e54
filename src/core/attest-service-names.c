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

/* Marks that decorate a name ("Teams®") without naming anything. */
static gboolean
is_trade_mark (gunichar c)
{
  return c == 0x00AE || c == 0x00A9 || c == 0x2122 || c == 0x2120;
}

/* What a name's identity is made of: letters, digits and marks of any
 * script, and symbols ("C++" is not "C"). White space and punctuation are
 * how a name is spelt, not which service it is. */
static gboolean
is_identity_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
      return TRUE;
    default:
      return g_unichar_isalnum (c) || g_unichar_ismark (c);
    }
}

/**
 * attest_service_names_key:
 *
 * The identity of a source-language name: case-folded (NFKC), "Microsoft " in
 * front dropped (as often as it is written), then white space and punctuation
 * dropped. "Microsoft Graph" and "graph", "Azure Dev Ops" and "Azure DevOps",
 * "Microsoft To- Do for Web" and "To-Do for Web" have the same key; "Office
 * 365 U.S. Government" and "Office 365" do not. Empty for a name made of
 * punctuation only, which names nothing.
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
  if (g_str_is_ascii (squeezed))
    {
      /* Most names are ASCII, where NFKC changes nothing, folding is
       * lowering and there is no trade mark sign: the same key at a
       * fraction of the cost (an import keys every name it meets). */
      folded = g_ascii_strdown (squeezed, -1);
    }
  else
    {
      g_autoptr(GString) kept = g_string_new (NULL);

      /* Before NFKC, which would spell "™" as "TM". */
      for (p = squeezed; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (!is_trade_mark (c))
            g_string_append_unichar (kept, c);
        }
      normal = g_utf8_normalize (kept->str, -1, G_NORMALIZE_NFKC);
      folded = g_utf8_casefold (normal != NULL ? normal : kept->str, -1);
    }

  out = g_string_new (NULL);
  p = folded;
  while (g_str_has_prefix (p, "microsoft ") && p[strlen ("microsoft ")] != '\0')
    p += strlen ("microsoft ");
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_identity_char (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The environments of a cloud (DESIGN.md: Commercial, GCC, GCC High, DoD) and
 * the words pages use for them, as keys. A name that is only one of these is
 * not a service: it is where a service runs. */
static const char * const environment_keys[] = {
  "commercial",
  "gcc", "gccmoderate", "gcchigh", "dod", "defense", "departmentofdefense",
  "government", "usgovernment", "usgov",
  "governmentcommunitycloud", "usgovernmentcommunitycloud",
  "governmentcommunitycloudhigh", "usgovernmentcommunitycloudhigh",
  "governmenthigh", "usgovernmenthigh", "usgovernmentdefense",
};

static gboolean
is_environment_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (environment_keys); i++)
    if (g_str_equal (key, environment_keys[i]))
      return TRUE;
  return FALSE;
}

/* @name without a final "(…)": "Government Community Cloud (GCC)". */
static char *
without_parenthesis (const char *name)
{
  const char *open = strrchr (name, '(');
  char *out;

  if (open == NULL || !g_str_has_suffix (name, ")") || open == name)
    return g_strdup (name);
  out = g_strndup (name, open - name);
  return g_strchomp (out);
}

/**
 * attest_service_names_is_environment:
 *
 * Whether @name is only the name of a cloud environment ("DoD", "GCC High",
 * "Government", "U.S. Government Community Cloud (GCC)", "Commercial"): such a
 * name is the environment of a scope or of the service beside it, never a
 * service. "Office 365 U.S. Government" and "Azure Government" are services.
 */
gboolean
attest_service_names_is_environment (const char *name)
{
  g_autofree char *bare = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  bare = without_parenthesis (name);
  key = attest_service_names_key (bare);
  return is_environment_key (key);
}

/* Where the environment that ends @name starts ("Office 365 |GCC High"), the
 * longest one, with a product before it; NULL when @name ends in none. */
static const char *
environment_suffix (const char *name)
{
  for (const char *p = strchr (name, ' '); p != NULL; p = strchr (p + 1, ' '))
    {
      g_autofree char *key = attest_service_names_key (p + 1);
      if (is_environment_key (key))
        return p + 1;
    }
  return NULL;
}

/* The product @name is an environment of: "Office 365 GCC High" → "Office 365";
 * @name itself when it ends in no environment. */
static char *
product_of (const char *name)
{
  g_autofree char *bare = without_parenthesis (name);
  const char *env = environment_suffix (bare);
  char *out;

  if (env == NULL)
    return g_steal_pointer (&bare);
  out = g_strndup (bare, env - bare);
  /* "Office 365 U.S. Government - High": the dash goes with the environment. */
  for (;;)
    {
      static const char * const dashes[] = { "-", ",", ":", "\xe2\x80\x93", "\xe2\x80\x94" };
      gboolean cut = FALSE;

      g_strchomp (out);
      for (guint i = 0; i < G_N_ELEMENTS (dashes) && !cut; i++)
        if (g_str_has_suffix (out, dashes[i]))
          {
            out[strlen (out) - strlen (dashes[i])] = '\0';
            cut = TRUE;
          }
      if (!cut)
        return out;
    }
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

/* Whether @p starts a word of lower-case letters only ("whether", "including"),
 * which no service name starts with ("eDiscovery", "iOS" do not count). */
static gboolean
starts_lower_word (const char *p)
{
  gboolean any = FALSE;

  for (; *p != '\0' && *p != ' '; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c) || g_unichar_isdigit (c) || g_unichar_istitle (c))
        return FALSE;
      any = any || g_unichar_islower (c);
    }
  return any;
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
                                          " as included", " for the following", " offered as ",
                                          " complies with " };
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
      /* A clause after a comma: "Microsoft Power BI, whether enrolled standalone
       * or …" (but a list goes on: ", and Azure Germany"). */
      if (p[0] == ',' && p[1] == ' ' && starts_lower_word (p + 2) &&
          !ascii_prefix_ci (p + 2, "and ") && !ascii_prefix_ci (p + 2, "or "))
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

static gboolean
is_known (AttestServiceTable *table,
          const char         *name)
{
  return table != NULL && attest_service_table_canonical (table, name) != NULL;
}

static gboolean
is_known_or_joined (AttestServiceTable *table,
                    const char         *name)
{
  return table != NULL && (attest_service_table_canonical (table, name) != NULL ||
                           attest_service_table_joined (table, name) != NULL);
}

/* Cuts @text at each @separator outside parentheses, squeezing each piece. */
static GPtrArray *
cut_at (const char *text,
        const char *separator)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  gsize skip = strlen (separator);
  const char *start = text;
  int depth = 0;

  for (const char *p = text; ; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      if (*p == '\0' || (depth == 0 && strncmp (p, separator, skip) == 0))
        {
          g_autofree char *piece = squeeze (start, p - start);

          if (*piece != '\0')
            g_ptr_array_add (pieces, g_steal_pointer (&piece));
          if (*p == '\0')
            break;
          p += skip - 1;
          start = p + 1;
        }
    }
  return pieces;
}

/* Two names joined by "and" or "&" without a comma are two services only when
 * that is clear: both known, or both starting with the same word ("Azure and
 * Azure Government", "Azure & Azure DevOps"). "Support and Professional
 * Services" and "Office 365 Security & Compliance Center" stay one. */
static gboolean
clearly_two (AttestServiceTable *table,
             const char         *a,
             const char         *b)
{
  g_autofree char *wa = first_word (a);
  g_autofree char *wb = first_word (b);
  g_autofree char *na = without_parenthesis (a);
  g_autofree char *nb = without_parenthesis (b);

  /* The parenthesis qualifies the name it follows: "OneDrive for Business and
   * SharePoint Online (United States only)" is two known names. */
  return (is_known (table, na) && is_known (table, nb)) || g_str_equal (wa, wb);
}

/* Splits "A, B, and C" / "A and B" / "A & B" outside parentheses. A piece
 * the table knows as a whole (a name or a joined name) is never cut. */
static GPtrArray *
split_list (const char         *text,
            AttestServiceTable *table)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = cut_at (text, ",");
  gboolean had_comma = items->len > 1;

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = items->pdata[i];
      g_autoptr(GPtrArray) ands = NULL;

      if (g_str_has_prefix (item, "and "))
        item += strlen ("and ");
      if (*item == '\0')
        continue;
      if (is_known_or_joined (table, item))
        {
          g_ptr_array_add (parts, g_strdup (item));
          continue;
        }

      ands = cut_at (item, " and ");
      if (!had_comma && ands->len == 2 && !clearly_two (table, ands->pdata[0], ands->pdata[1]))
        {
          g_ptr_array_set_size (ands, 0);
          g_ptr_array_add (ands, g_strdup (item));
        }
      else if (!had_comma && ands->len == 2)
        {
          /* "A and B (United States only)": the parenthesis says it of both. */
          const char *b = ands->pdata[1];
          const char *open = strrchr (b, '(');

          if (open != NULL && open != b && g_str_has_suffix (b, ")") &&
              !g_str_has_suffix (ands->pdata[0], ")"))
            {
              char *a = g_strconcat (ands->pdata[0], " ", open, NULL);

              g_free (ands->pdata[0]);
              ands->pdata[0] = a;
            }
        }

      for (guint j = 0; j < ands->len; j++)
        {
          const char *piece = ands->pdata[j];
          g_autoptr(GPtrArray) amps = is_known_or_joined (table, piece) ? NULL : cut_at (piece, " & ");

          if (amps != NULL && amps->len == 2 && clearly_two (table, amps->pdata[0], amps->pdata[1]))
            {
              g_ptr_array_add (parts, g_strdup (amps->pdata[0]));
              g_ptr_array_add (parts, g_strdup (amps->pdata[1]));
            }
          else
            g_ptr_array_add (parts, g_strdup (piece));
        }
    }
  return g_steal_pointer (&parts);
}

/* "Microsoft Defender for Office 365 Microsoft Teams" (a comma lost): two
 * names the table knows, one after the other. @name itself is not known. */
static gboolean
split_adjacent (AttestServiceTable *table,
                const char         *name,
                GPtrArray          *out)
{
  int depth = 0;

  if (table == NULL)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      if (depth == 0 && *p == ' ' && !g_unichar_islower (g_utf8_get_char (p + 1)))
        {
          g_autofree char *left = g_strndup (name, p - name);

          if (is_known (table, left) && is_known (table, p + 1))
            {
              g_ptr_array_add (out, g_steal_pointer (&left));
              g_ptr_array_add (out, g_strdup (p + 1));
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* The service names one piece of a list stands for (none, one or several):
 * a joined name the table lists is its services; a name that is only an
 * environment ("DoD" in "Office 365 GCC High, and DoD") is that environment of
 * the product before it ("Office 365 DoD"), and names nothing without one; the
 * Commercial environment of a product is the product itself ("Azure
 * Commercial" is Azure); two known names run together are both. */
static void
names_of_piece (AttestServiceTable *table,
                const char         *name,
                const char         *previous,
                GPtrArray          *out)
{
  const char * const *joined = table != NULL ? attest_service_table_joined (table, name) : NULL;
  const char *env;

  if (joined != NULL)
    {
      for (guint i = 0; joined[i] != NULL; i++)
        g_ptr_array_add (out, g_strdup (joined[i]));
      return;
    }
  if (is_known (table, name))
    {
      g_ptr_array_add (out, g_strdup (name));
      return;
    }

  if (attest_service_names_is_environment (name))
    {
      g_autofree char *product = previous != NULL ? product_of (previous) : NULL;
      g_autofree char *key = product != NULL ? attest_service_names_key (product) : NULL;
      g_autofree char *env_key = attest_service_names_key (name);

      if (key == NULL || *key == '\0' || is_environment_key (key))
        return;
      if (g_str_equal (env_key, "commercial"))
        g_ptr_array_add (out, g_steal_pointer (&product));
      else
        g_ptr_array_add (out, g_strdup_printf ("%s %s", product, name));
      return;
    }

  env = environment_suffix (name);
  if (env != NULL)
    {
      g_autofree char *env_key = attest_service_names_key (env);

      if (g_str_equal (env_key, "commercial"))
        {
          g_ptr_array_add (out, product_of (name));
          return;
        }
    }

  if (!split_adjacent (table, name, out))
    g_ptr_array_add (out, g_strdup (name));
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
 * @table: (nullable): known names and joined names, to tell "A and B" lists
 *   from one name and to take apart names run together
 *
 * Returns: (element-type AttestServiceMention): the services @text names, in order,
 *   without duplicates (by key); empty when it names none (a sentence such as
 *   "See …", an environment alone such as "DoD").
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
  g_autofree char *previous = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  const char *qstart = NULL;
  const char *cut;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  clean = squeeze (text, -1);
  len = strlen (clean);
  while (len > 0 && (clean[len - 1] == '.' || clean[len - 1] == ';' || clean[len - 1] == ','))
    clean[--len] = '\0';
  if (len == 0 || g_str_has_prefix (clean, "See ") || starts_lower_word (clean))
    return g_steal_pointer (&mentions);

  /* A whole line the table knows is one name, parentheses and all, or the
   * services a joined name stands for. */
  if (is_known_or_joined (table, clean))
    {
      parts = g_ptr_array_new_with_free_func (g_free);
      names_of_piece (table, clean, NULL, parts);
      for (guint i = 0; i < parts->len; i++)
        if (g_hash_table_add (seen, attest_service_names_key (parts->pdata[i])))
          {
            AttestServiceMention *m = g_new0 (AttestServiceMention, 1);
            m->name = g_strdup (parts->pdata[i]);
            g_ptr_array_add (mentions, m);
          }
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
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      char *open;

      /* "Name (formerly Old)" and "Name (United States only)". */
      open = strrchr (name, '(');
      if (open != NULL && g_str_has_suffix (name, ")"))
        {
          g_autofree char *inside = g_strndup (open + 1, strlen (open + 1) - 1);
          gboolean is_former = ascii_prefix_ci (inside, "formerly ");

          /* A parenthesis the table knows as part of a name stays ("… (GCC)"). */
          if (is_former || !is_known_or_joined (table, name))
            {
              if (is_former)
                former = g_strdup (g_strstrip (inside + strlen ("formerly ")));
              else
                paren = g_strdup (g_strstrip (inside));
              *open = '\0';
              g_strchomp (name);
            }
        }

      /* No name starts so: "and other Microsoft online services". */
      if (*name == '\0' || starts_lower_word (name))
        continue;

      /* "Office 365 services" (ISMAP), "Dynamics 365 online services (…)"
       * (MTCS): the service the list item names. A name of its own ending so
       * ("Bing Services") is kept. */
      if (table != NULL && !is_known_or_joined (table, name))
        {
          static const char * const tails[] = { " online services", " cloud services", " services" };

          for (guint k = 0; k < G_N_ELEMENTS (tails); k++)
            {
              gsize n = strlen (name), t = strlen (tails[k]);
              g_autofree char *product = NULL;

              if (n <= t || g_ascii_strcasecmp (name + n - t, tails[k]) != 0)
                continue;
              product = g_strndup (name, n - t);
              if (is_known (table, product))
                {
                  g_free (name);
                  name = g_steal_pointer (&product);
                }
              break;
            }
        }

      names_of_piece (table, name, previous, found);
      g_free (previous);
      previous = g_strdup (name);

      for (guint j = 0; j < found->len; j++)
        {
          g_autofree char *key = attest_service_names_key (found->pdata[j]);
          AttestServiceMention *m;

          /* Punctuation alone names nothing; a name said twice is one service. */
          if (*key == '\0' || !g_hash_table_add (seen, g_steal_pointer (&key)))
            continue;

          m = g_new0 (AttestServiceMention, 1);
          m->name = g_strdup (found->pdata[j]);
          m->qualifier = join_qualifiers (paren, qualifier);
          m->former = g_strdup (former);
          g_ptr_array_add (mentions, m);
        }
    }

  return g_steal_pointer (&mentions);
}
