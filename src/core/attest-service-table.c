/* attest-service-table.c: canonical service names and their aliases
 *
 * Also the joined names: a line naming several services at once in a way no
 * rule can take apart ("Office and Microsoft 365" is Office 365 and
 * Microsoft 365). A joined name is never a service of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-service-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-paths.h"
#include "attest-service-names.h"
#include "attest-service-table.h"

struct _AttestServiceTable
{
  gatomicrefcount ref_count;
  GHashTable *canonical_by_key;   /* identity key → canonical name */
  GHashTable *aliases;            /* canonical name → GPtrArray of alias strings */
  GHashTable *joined_by_key;      /* identity key → GStrv of the names it stands for */
};

AttestServiceTable *
attest_service_table_new (void)
{
  AttestServiceTable *self = g_new0 (AttestServiceTable, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->canonical_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  self->joined_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
  return self;
}

AttestServiceTable *
attest_service_table_ref (AttestServiceTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_service_table_unref (AttestServiceTable *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->canonical_by_key);
      g_hash_table_unref (self->aliases);
      g_hash_table_unref (self->joined_by_key);
      g_free (self);
    }
}

/* @alias may be NULL to declare a canonical name alone. */
void
attest_service_table_add (AttestServiceTable *self,
                          const char         *canonical,
                          const char         *alias)
{
  GPtrArray *list;

  g_return_if_fail (self != NULL);
  g_return_if_fail (canonical != NULL);

  g_hash_table_replace (self->canonical_by_key, attest_service_names_key (canonical), g_strdup (canonical));
  list = g_hash_table_lookup (self->aliases, canonical);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->aliases, g_strdup (canonical), list);
    }
  if (alias != NULL && *alias != '\0')
    {
      g_hash_table_replace (self->canonical_by_key, attest_service_names_key (alias), g_strdup (canonical));
      g_ptr_array_add (list, g_strdup (alias));
    }
}

gboolean
attest_service_table_load_tsv (AttestServiceTable  *self,
                               const char          *path,
                               GError             **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      g_auto(GStrv) aliases = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      cols = g_strsplit (lines[i], "\t", 2);
      g_strstrip (cols[0]);
      /* "JOINED<TAB>= NAME | NAME …": a joined name and the services it names. */
      if (cols[1] != NULL && *g_strchug (cols[1]) == '=')
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) names = NULL;

          aliases = g_strsplit (cols[1] + 1, "|", -1);
          for (guint j = 0; aliases[j] != NULL; j++)
            if (*g_strstrip (aliases[j]) != '\0')
              g_strv_builder_add (builder, aliases[j]);
          names = g_strv_builder_end (builder);
          if (*cols[0] != '\0' && g_strv_length (names) >= 2)
            attest_service_table_add_joined (self, cols[0], (const char * const *)names);
          continue;
        }
      attest_service_table_add (self, cols[0], NULL);
      if (cols[1] == NULL)
        continue;
      aliases = g_strsplit (cols[1], "|", -1);
      for (guint j = 0; aliases[j] != NULL; j++)
        attest_service_table_add (self, cols[0], g_strstrip (aliases[j]));
    }
  return TRUE;
}

gboolean
attest_service_table_load_default (AttestServiceTable  *self,
                                   GError             **error)
{
  g_autofree char *path = g_build_filename (attest_paths_data_dir (), "services.tsv", NULL);

  return attest_service_table_load_tsv (self, path, error);
}

/* The canonical name @name is known under, or NULL. */
const char *
attest_service_table_canonical (AttestServiceTable *self,
                                const char         *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = attest_service_names_key (name);
  return g_hash_table_lookup (self->canonical_by_key, key);
}

/* The aliases recorded for @canonical (borrowed), or NULL. */
GPtrArray *
attest_service_table_aliases (AttestServiceTable *self,
                              const char         *canonical)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (canonical != NULL, NULL);

  return g_hash_table_lookup (self->aliases, canonical);
}

/**
 * attest_service_table_add_joined:
 * @joined: a name that stands for several services ("Office and Microsoft 365")
 * @names: (array zero-terminated=1): the services it names ("Office 365", "Microsoft 365")
 */
void
attest_service_table_add_joined (AttestServiceTable *self,
                                 const char         *joined,
                                 const char * const *names)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (joined != NULL);
  g_return_if_fail (names != NULL);

  g_hash_table_replace (self->joined_by_key, attest_service_names_key (joined),
                        g_strdupv ((char **)names));
}

/**
 * attest_service_table_joined:
 *
 * Returns: (transfer none) (nullable): the services the joined name @name
 *   stands for, or %NULL when it is not a joined name.
 */
const char * const *
attest_service_table_joined (AttestServiceTable *self,
                             const char         *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = attest_service_names_key (name);
  return g_hash_table_lookup (self->joined_by_key, key);
}
