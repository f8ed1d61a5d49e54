/* attest-framework-table.c: page keys → frameworks, scopes, column headers, categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-framework-table"

#include "config.h"

#include <string.h>

#include "attest-framework-table.h"
#include "attest-paths.h"

struct _AttestFrameworkTable
{
  GHashTable *by_key;  /* key → AttestFrameworkEntry */
};

static void
entry_free (AttestFrameworkEntry *entry)
{
  g_free (entry->key);
  g_free (entry->framework);
  g_free (entry->scope);
  g_free (entry->scope_name);
  g_free (entry->short_name);
  g_free (entry->category);
  g_free (entry);
}

AttestFrameworkTable *
attest_framework_table_new (void)
{
  AttestFrameworkTable *self = g_new0 (AttestFrameworkTable, 1);

  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)entry_free);
  return self;
}

void
attest_framework_table_free (AttestFrameworkTable *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_key);
  g_free (self);
}

static char *
column (char **cols,
        guint  n,
        guint  i)
{
  if (i >= n)
    return NULL;
  g_strstrip (cols[i]);
  return cols[i][0] != '\0' ? g_strdup (cols[i]) : NULL;
}

gboolean
attest_framework_table_load_tsv (AttestFrameworkTable  *self,
                                 const char            *path,
                                 GError               **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      AttestFrameworkEntry *e;
      guint n;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      cols = g_strsplit (lines[i], "\t", -1);
      n = g_strv_length (cols);
      if (n < 2)
        continue;

      e = g_new0 (AttestFrameworkEntry, 1);
      e->key = column (cols, n, 0);
      e->framework = column (cols, n, 1);
      e->scope = column (cols, n, 2);
      e->short_name = column (cols, n, 3);
      e->category = column (cols, n, 4);
      e->scope_name = column (cols, n, 5);
      if (e->key == NULL || e->framework == NULL)
        {
          entry_free (e);
          continue;
        }
      g_hash_table_replace (self->by_key, e->key, e);
    }
  return TRUE;
}

gboolean
attest_framework_table_load_default (AttestFrameworkTable  *self,
                                     GError               **error)
{
  g_autofree char *path = g_build_filename (attest_paths_data_dir (), "frameworks.tsv", NULL);

  return attest_framework_table_load_tsv (self, path, error);
}

const AttestFrameworkEntry *
attest_framework_table_lookup (AttestFrameworkTable *self,
                               const char           *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->by_key, key);
}

/* A locale suffix: "fr-FR", "zh-TW", "en-us", "de". */
static gboolean
is_locale (const char *s)
{
  gsize n = strlen (s);

  if (n == 2)
    return g_ascii_isalpha (s[0]) && g_ascii_isalpha (s[1]);
  if (n == 5 || n == 7 || n == 10)  /* xx-YY, xx-Hant, zh-Hant-TW */
    return g_ascii_isalpha (s[0]) && g_ascii_isalpha (s[1]) && s[2] == '-';
  return FALSE;
}

/**
 * attest_framework_key_for_file:
 *
 * The framework key of a page file (DESIGN.md "Identity rules"): the file stem,
 * case-folded, without "offering-" and without a locale suffix.
 * "offering-SOC.md" and "offering-soc.fr-FR.md" → "soc".
 */
char *
attest_framework_key_for_file (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = NULL;
  char *dot;

  if (g_str_has_suffix (base, ".md"))
    base[strlen (base) - 3] = '\0';
  dot = strrchr (base, '.');
  if (dot != NULL && is_locale (dot + 1))
    *dot = '\0';
  lower = g_utf8_casefold (base, -1);
  if (g_str_has_prefix (lower, "offering-") && lower[strlen ("offering-")] != '\0')
    return g_strdup (lower + strlen ("offering-"));
  return g_steal_pointer (&lower);
}
