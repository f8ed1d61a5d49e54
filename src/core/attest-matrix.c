/* attest-matrix.c: the framework × service matrix as the core decides it (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-matrix"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-dates.h"
#include "attest-languages.h"
#include "attest-matrix.h"

/* The public struct plus what only this file keeps consistent: the index of
 * services by id. Every AttestMatrix comes from attest_matrix_new(). */
typedef struct {
  AttestMatrix public;
  GHashTable *service_index; /* service id → AttestMatrixService (not owned) */
} AttestMatrixReal;

#define MATRIX_REAL(m) ((AttestMatrixReal *)(m))

static void
scope_free (AttestMatrixScope *s)
{
  g_free (s->id);
  g_free (s->name);
  g_free (s->parent_id);
  g_free (s->environment);
  g_free (s);
}

static void
variant_free (AttestMatrixVariant *v)
{
  g_free (v->locale);
  g_free (v->date);
  g_free (v->file_name);
  g_free (v->page_date);
  g_free (v->date_set);
  g_free (v->imported_at);
  g_ptr_array_unref (v->scopes);
  g_free (v);
}

static void
framework_free (AttestMatrixFramework *f)
{
  g_free (f->id);
  g_free (f->title);
  g_free (f->short_name);
  g_free (f->category);
  g_ptr_array_unref (f->scopes);
  g_ptr_array_unref (f->variants);
  g_free (f);
}

static void
translation_free (AttestMatrixTranslation *t)
{
  g_free (t->lang);
  g_free (t->name);
  g_free (t);
}

static void
service_free (AttestMatrixService *s)
{
  g_free (s->id);
  g_free (s->name);
  g_ptr_array_unref (s->aliases);
  g_ptr_array_unref (s->translations);
  g_free (s);
}

static void
cell_free (AttestMatrixCell *c)
{
  g_free (c->scope);
  g_free (c->service);
  g_free (c->rollup);
  g_free (c->source_line);
  g_free (c->translated_line);
  g_free (c->qualifier);
  g_free (c->variant_locale);
  g_free (c->variant_date);
  g_free (c);
}

AttestMatrix *
attest_matrix_new (void)
{
  AttestMatrixReal *real = g_new0 (AttestMatrixReal, 1);
  AttestMatrix *self = &real->public;

  self->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify)framework_free);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify)service_free);
  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify)cell_free);
  self->cell_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Keys are the services' own ids, which live as long as the services. */
  real->service_index = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
attest_matrix_free (AttestMatrix *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (MATRIX_REAL (self)->service_index);
  g_hash_table_unref (self->cell_index);
  g_ptr_array_unref (self->cells);
  g_ptr_array_unref (self->services);
  g_ptr_array_unref (self->frameworks);
  g_free (self);
}

AttestMatrixFramework *
attest_matrix_add_framework (AttestMatrix *self,
                             const char   *id,
                             const char   *title,
                             const char   *short_name,
                             const char   *category)
{
  AttestMatrixFramework *f = g_new0 (AttestMatrixFramework, 1);

  f->id = g_strdup (id);
  f->title = g_strdup (title);
  f->short_name = g_strdup (short_name);
  f->category = g_strdup (category);
  f->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify)scope_free);
  f->variants = g_ptr_array_new_with_free_func ((GDestroyNotify)variant_free);
  g_ptr_array_add (self->frameworks, f);
  return f;
}

AttestMatrixScope *
attest_matrix_framework_add_scope (AttestMatrixFramework *framework,
                                   const char            *id,
                                   const char            *name,
                                   const char            *parent_id)
{
  AttestMatrixScope *s = g_new0 (AttestMatrixScope, 1);

  s->id = g_strdup (id);
  s->name = g_strdup (name);
  s->parent_id = g_strdup (parent_id);
  g_ptr_array_add (framework->scopes, s);
  return s;
}

/**
 * attest_matrix_framework_add_variant:
 *
 * Appends a page variant; the caller adds them newest first.
 */
AttestMatrixVariant *
attest_matrix_framework_add_variant (AttestMatrixFramework *framework,
                                     const char            *locale,
                                     const char            *date,
                                     const char            *file_name,
                                     gboolean               machine_translated)
{
  AttestMatrixVariant *v = g_new0 (AttestMatrixVariant, 1);

  v->locale = g_strdup (locale);
  v->date = g_strdup (date);
  v->file_name = g_strdup (file_name);
  v->machine_translated = machine_translated;
  v->scopes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (framework->variants, v);
  return v;
}

/**
 * attest_matrix_framework_copy_variant:
 *
 * Appends a copy of @variant (of another matrix) with everything it says.
 */
AttestMatrixVariant *
attest_matrix_framework_copy_variant (AttestMatrixFramework     *framework,
                                      const AttestMatrixVariant *variant)
{
  AttestMatrixVariant *v;

  g_return_val_if_fail (framework != NULL, NULL);
  g_return_val_if_fail (variant != NULL, NULL);

  v = attest_matrix_framework_add_variant (framework, variant->locale, variant->date,
                                           variant->file_name, variant->machine_translated);
  v->id = variant->id;
  v->page_date = g_strdup (variant->page_date);
  v->date_set = g_strdup (variant->date_set);
  v->imported_at = g_strdup (variant->imported_at);
  v->kept_older = variant->kept_older;
  for (guint i = 0; variant->scopes != NULL && i < variant->scopes->len; i++)
    g_ptr_array_add (v->scopes, g_strdup (variant->scopes->pdata[i]));
  return v;
}

/**
 * attest_matrix_framework_lookup_variant:
 *
 * Returns: (nullable): the variant with the workspace id @id
 */
AttestMatrixVariant *
attest_matrix_framework_lookup_variant (AttestMatrixFramework *framework,
                                        gint64                 id)
{
  g_return_val_if_fail (framework != NULL, NULL);

  for (guint i = 0; i < framework->variants->len; i++)
    {
      AttestMatrixVariant *v = framework->variants->pdata[i];
      if (v->id == id)
        return v;
    }
  return NULL;
}

gboolean
attest_matrix_variant_defines (const AttestMatrixVariant *variant,
                               const char                *scope_id)
{
  g_return_val_if_fail (variant != NULL, FALSE);

  for (guint i = 0; scope_id != NULL && variant->scopes != NULL && i < variant->scopes->len; i++)
    if (g_str_equal (variant->scopes->pdata[i], scope_id))
      return TRUE;
  return FALSE;
}

/**
 * attest_matrix_framework_variant_for_scope:
 * @scope_id: a scope of @framework
 * @locale: (nullable): the locale wanted ("" English), or NULL for any
 *
 * The page a cell of @scope_id opens: the newest variant that defines that
 * scope (with the 2023 split pages, SOC 2 opens offering-soc-2, never the SOC
 * 3 page), in @locale when one of that locale does.
 *
 * Returns: (nullable): the variant; NULL when none defines the scope
 */
AttestMatrixVariant *
attest_matrix_framework_variant_for_scope (AttestMatrixFramework *framework,
                                           const char            *scope_id,
                                           const char            *locale)
{
  AttestMatrixVariant *any = NULL;

  g_return_val_if_fail (framework != NULL, NULL);

  for (guint i = 0; i < framework->variants->len; i++)
    {
      AttestMatrixVariant *v = framework->variants->pdata[i];

      if (!attest_matrix_variant_defines (v, scope_id))
        continue;
      if (locale == NULL || g_str_equal (v->locale, locale))
        return v;
      if (any == NULL)
        any = v;
    }
  return any;
}

/**
 * attest_matrix_variant_covers:
 *
 * Returns: (transfer full) (nullable): what @variant covers when that tells it
 *   from the framework's other pages: the names of the scopes it defines
 *   ("SOC 2"), environment scopes left out; NULL when it defines every scope
 *   of the framework's (or none)
 */
char *
attest_matrix_variant_covers (AttestMatrixFramework     *framework,
                              const AttestMatrixVariant *variant)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint roots = 0, defined = 0;

  g_return_val_if_fail (framework != NULL, NULL);
  g_return_val_if_fail (variant != NULL, NULL);

  for (guint i = 0; i < framework->scopes->len; i++)
    {
      AttestMatrixScope *s = framework->scopes->pdata[i];

      if (s->parent_id != NULL)
        continue;
      roots++;
      if (!attest_matrix_variant_defines (variant, s->id))
        continue;
      defined++;
      if (names->len > 0)
        /* Translators: between the names of the scopes a page covers: "SOC 1, SOC 2" */
        g_string_append (names, _(", "));
      g_string_append (names, s->name);
    }
  if (defined == 0 || defined == roots)
    return NULL;
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * attest_matrix_variant_dates:
 *
 * Returns: (transfer full): the dates of @variant in words: "page of 12
 *   March 2023, imported 4 December 2026", "dated 1 May 2020 by the analyst,
 *   imported …", "no date on the page, imported …"
 */
char *
attest_matrix_variant_dates (const AttestMatrixVariant *variant)
{
  g_autofree char *imported = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (variant != NULL, NULL);

  imported = attest_dates_format (variant->imported_at);
  if (variant->date_set != NULL)
    {
      day = attest_dates_format (variant->date_set);
      if (variant->imported_at == NULL)
        /* Translators: %s is a date */
        return g_strdup_printf (_("dated %s by the analyst"), day);
      /* Translators: both are dates */
      return g_strdup_printf (_("dated %s by the analyst, imported %s"), day, imported);
    }
  if (variant->page_date != NULL || variant->imported_at == NULL)
    {
      day = attest_dates_format (variant->page_date != NULL ? variant->page_date : variant->date);
      if (variant->imported_at == NULL)
        /* Translators: %s is a date */
        return g_strdup_printf (_("page of %s"), day);
      /* Translators: the page's own date, then the day it was imported */
      return g_strdup_printf (_("page of %s, imported %s"), day, imported);
    }
  if (variant->kept_older)
    /* Translators: %s is a date */
    return g_strdup_printf (_("no date on the page, imported %s, kept as an older version"), imported);
  /* Translators: %s is a date */
  return g_strdup_printf (_("no date on the page, imported %s"), imported);
}

/**
 * attest_matrix_variant_when:
 *
 * Returns: (transfer full): the date part of a version's label: the date it
 *   is ranked by, as people read it ("12 March 2023"), or "imported 4
 *   December 2026" for a page without a date of its own
 */
char *
attest_matrix_variant_when (const AttestMatrixVariant *variant)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (variant != NULL, NULL);

  if (variant->date_set != NULL || variant->page_date != NULL || variant->imported_at == NULL)
    return attest_dates_format (variant->date_set != NULL ? variant->date_set
                                : variant->page_date != NULL ? variant->page_date : variant->date);
  day = attest_dates_format (variant->imported_at);
  /* Translators: a page version without a date of its own: %s is the day it was imported */
  return g_strdup_printf (_("imported %s"), day);
}

/**
 * attest_matrix_variant_label:
 *
 * Returns: (transfer full): how the library and the page view name a
 *   version: what it covers, its language and its date ("SOC 2 · English ·
 *   12 March 2023", "French (France) · 11 May 2023"; "English · imported 4
 *   December 2026" for a page without a date of its own)
 */
char *
attest_matrix_variant_label (AttestMatrixFramework     *framework,
                             const AttestMatrixVariant *variant)
{
  g_autofree char *covers = NULL;
  g_autofree char *when = NULL;
  const char *language;

  g_return_val_if_fail (framework != NULL, NULL);
  g_return_val_if_fail (variant != NULL, NULL);

  covers = attest_matrix_variant_covers (framework, variant);
  /* The language named for people ("French (France)"), never its code. */
  language = attest_languages_name (variant->locale);
  when = attest_matrix_variant_when (variant);
  if (covers != NULL)
    /* Translators: a page version: what it covers ("SOC 2"), its language, its date */
    return g_strdup_printf (_("%s · %s · %s"), covers, language, when);
  /* Translators: a page version: its language ("French (France)" or "English"), its date */
  return g_strdup_printf (_("%s · %s"), language, when);
}

/* "fr-FR" or "fr_FR.UTF-8@euro": language and region (NULL without one). */
static void
split_locale (const char  *locale,
              char       **lang,
              char       **region)
{
  gsize n = strcspn (locale, "-_.@");

  *lang = g_ascii_strdown (locale, (gssize) n);
  *region = NULL;
  if (locale[n] == '-' || locale[n] == '_')
    {
      const char *r = locale + n + 1;
      *region = g_ascii_strdown (r, (gssize) strcspn (r, ".@"));
    }
}

/* "fr-FR" is "fr", "fr_FR.UTF-8" and "fr-FR"; "zh-TW" is not "zh_CN". */
static gboolean
locale_matches_language (const char *locale,
                         const char *language)
{
  g_autofree char *l1 = NULL, *r1 = NULL, *l2 = NULL, *r2 = NULL;

  split_locale (locale, &l1, &r1);
  split_locale (language, &l2, &r2);
  return g_str_equal (l1, l2) && (r1 == NULL || r2 == NULL || g_str_equal (r1, r2));
}

/**
 * attest_matrix_framework_pick_variant:
 * @locale: (nullable): the reader's content language ("fr-FR"), or NULL/"" to
 *   follow @languages
 * @languages: (nullable): the desktop's languages, best first, as
 *   g_get_language_names() gives them
 *
 * The variant a page opens in: the newest in @locale; else the newest in the
 * first of @languages that has one ("C" means English); else the newest.
 *
 * Returns: (nullable): the variant, or NULL when the framework has none
 */
AttestMatrixVariant *
attest_matrix_framework_pick_variant (AttestMatrixFramework *framework,
                                      const char            *locale,
                                      const char * const    *languages)
{
  g_return_val_if_fail (framework != NULL, NULL);

  if (framework->variants->len == 0)
    return NULL;
  if (locale != NULL && *locale != '\0')
    for (guint i = 0; i < framework->variants->len; i++)
      {
        AttestMatrixVariant *v = g_ptr_array_index (framework->variants, i);
        if (*v->locale == '\0' ? g_ascii_strncasecmp (locale, "en", 2) == 0
                                : locale_matches_language (v->locale, locale))
          return v;
      }
  for (guint l = 0; languages != NULL && languages[l] != NULL; l++)
    {
      const char *lang = languages[l];

      for (guint i = 0; i < framework->variants->len; i++)
        {
          AttestMatrixVariant *v = g_ptr_array_index (framework->variants, i);

          if (*v->locale == '\0'
              ? (g_str_equal (lang, "C") || g_ascii_strncasecmp (lang, "en", 2) == 0)
              : locale_matches_language (v->locale, lang))
            return v;
        }
    }
  return g_ptr_array_index (framework->variants, 0);
}

AttestMatrixService *
attest_matrix_add_service (AttestMatrix *self,
                           const char   *id,
                           const char   *name,
                           gboolean      untranslated)
{
  AttestMatrixService *s = g_new0 (AttestMatrixService, 1);

  s->id = g_strdup (id);
  s->name = g_strdup (name);
  s->untranslated = untranslated;
  s->aliases = g_ptr_array_new_with_free_func (g_free);
  s->translations = g_ptr_array_new_with_free_func ((GDestroyNotify)translation_free);
  g_ptr_array_add (self->services, s);
  /* Like cell_index: a second service with the same id wins the lookup. */
  if (s->id != NULL)
    g_hash_table_replace (MATRIX_REAL (self)->service_index, s->id, s);
  return s;
}

/**
 * attest_matrix_lookup_service:
 *
 * The service with @id, or NULL. Sorting does not change the answer.
 */
AttestMatrixService *
attest_matrix_lookup_service (AttestMatrix *self,
                              const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (MATRIX_REAL (self)->service_index, id);
}

/**
 * attest_matrix_lookup_framework:
 *
 * Returns: (transfer none) (nullable): the framework with @id
 */
AttestMatrixFramework *
attest_matrix_lookup_framework (AttestMatrix *self,
                                const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint f = 0; id != NULL && f < self->frameworks->len; f++)
    if (g_strcmp0 (((AttestMatrixFramework *)self->frameworks->pdata[f])->id, id) == 0)
      return self->frameworks->pdata[f];
  return NULL;
}

/**
 * attest_matrix_lookup_scope:
 * @framework: (out) (optional) (transfer none): the scope's framework
 *
 * Returns: (transfer none) (nullable): the scope with @scope_id
 */
AttestMatrixScope *
attest_matrix_lookup_scope (AttestMatrix           *self,
                            const char             *scope_id,
                            AttestMatrixFramework **framework)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint f = 0; scope_id != NULL && f < self->frameworks->len; f++)
    {
      AttestMatrixFramework *fw = self->frameworks->pdata[f];

      for (guint s = 0; s < fw->scopes->len; s++)
        if (g_strcmp0 (((AttestMatrixScope *)fw->scopes->pdata[s])->id, scope_id) == 0)
          {
            if (framework != NULL)
              *framework = fw;
            return fw->scopes->pdata[s];
          }
    }
  if (framework != NULL)
    *framework = NULL;
  return NULL;
}

static char *
cell_key (const char *scope,
          const char *service)
{
  return g_strconcat (scope, "\x1f", service, NULL);
}

AttestMatrixCell *
attest_matrix_add_cell (AttestMatrix *self,
                        const char   *scope,
                        const char   *service,
                        const char   *rollup)
{
  AttestMatrixCell *c = g_new0 (AttestMatrixCell, 1);

  c->scope = g_strdup (scope);
  c->service = g_strdup (service);
  c->rollup = g_strdup (rollup);
  g_ptr_array_add (self->cells, c);
  g_hash_table_replace (self->cell_index, cell_key (scope, service), c);
  return c;
}

AttestMatrixCell *
attest_matrix_lookup_cell (AttestMatrix *self,
                           const char   *scope,
                           const char   *service)
{
  g_autofree char *key = cell_key (scope, service);

  return g_hash_table_lookup (self->cell_index, key);
}

static int
compare_casefold (const char *a,
                  const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  int r = g_utf8_collate (fa, fb);

  return r != 0 ? r : g_strcmp0 (a, b);
}

static int
compare_frameworks (gconstpointer a,
                    gconstpointer b)
{
  const AttestMatrixFramework *fa = *(AttestMatrixFramework **)a;
  const AttestMatrixFramework *fb = *(AttestMatrixFramework **)b;
  int r = compare_casefold (fa->short_name, fb->short_name);

  return r != 0 ? r : g_strcmp0 (fa->id, fb->id);
}

static int
compare_services (gconstpointer a,
                  gconstpointer b)
{
  const AttestMatrixService *sa = *(AttestMatrixService **)a;
  const AttestMatrixService *sb = *(AttestMatrixService **)b;
  int r = compare_casefold (sa->name, sb->name);

  return r != 0 ? r : g_strcmp0 (sa->id, sb->id);
}

/* The cloud environments in the order the pages' applicability tables list
 * them most often; others come after, by name. */
static const char * const environments[] = { "Commercial", "GCC", "GCC High", "DoD" };

typedef struct {
  AttestMatrixScope *scope;
  guint rank;          /* of the scope, or of its parent for an environment scope */
  guint env_rank;      /* 0 for the scope itself, 1 + its environment's place */
  char *key;           /* its name's collation key, numbers as numbers */
} ScopePlace;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const ScopePlace *pa = a, *pb = b;
  int r;

  if (pa->rank != pb->rank)
    return pa->rank < pb->rank ? -1 : 1;
  if (pa->env_rank != pb->env_rank)
    return pa->env_rank < pb->env_rank ? -1 : 1;
  r = strcmp (pa->key, pb->key);
  return r != 0 ? r : g_strcmp0 (pa->scope->id, pb->scope->id);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const ScopePlace *pa = *(ScopePlace **)a, *pb = *(ScopePlace **)b;
  int r = strcmp (pa->key, pb->key);

  return r != 0 ? r : g_strcmp0 (pa->scope->id, pb->scope->id);
}

static guint
environment_rank (const char *environment)
{
  for (guint i = 0; environment != NULL && i < G_N_ELEMENTS (environments); i++)
    if (g_str_equal (environments[i], environment))
      return 1 + i;
  return 1 + G_N_ELEMENTS (environments);
}

/* A framework's scopes in the order an analyst reads them, whatever order
 * its pages were imported in (the matrix's columns):
 * - the scopes in the order the framework's newest page that lists several
 *   lists them, then those only older such pages list, in their order;
 * - the rest (a framework split into one page per scope: SOC 1, SOC 2,
 *   SOC 3) by name, numbers as numbers;
 * - each scope's environment scopes right after it: Commercial, GCC, GCC
 *   High, DoD, then others by name.
 * Variants are newest first (as the workspace ranks them: by date), their
 * scopes in page order. */
static void
sort_scopes (AttestMatrixFramework *f)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) unranked = g_ptr_array_new ();
  g_autofree ScopePlace *places = NULL;
  guint n = f->scopes->len, next_rank = 0;

  if (n < 2)
    return;
  places = g_new0 (ScopePlace, n);
  for (guint i = 0; i < n; i++)
    {
      AttestMatrixScope *s = f->scopes->pdata[i];
      g_autofree char *folded = g_utf8_casefold (s->name != NULL ? s->name : "", -1);

      places[i].scope = s;
      places[i].rank = G_MAXUINT;
      places[i].key = g_utf8_collate_key_for_filename (folded, -1);
      g_hash_table_insert (by_id, s->id, &places[i]);
    }

  /* Scopes of their own (not an environment of a scope this framework has). */
#define IS_ROOT(p) ((p)->scope->parent_id == NULL || !g_hash_table_contains (by_id, (p)->scope->parent_id))
  for (guint v = 0; f->variants != NULL && v < f->variants->len; v++)
    {
      AttestMatrixVariant *variant = f->variants->pdata[v];
      guint roots = 0;

      for (guint i = 0; variant->scopes != NULL && i < variant->scopes->len; i++)
        {
          ScopePlace *p = g_hash_table_lookup (by_id, variant->scopes->pdata[i]);
          if (p != NULL && IS_ROOT (p))
            roots++;
        }
      if (roots < 2)
        continue;
      for (guint i = 0; i < variant->scopes->len; i++)
        {
          ScopePlace *p = g_hash_table_lookup (by_id, variant->scopes->pdata[i]);
          if (p != NULL && IS_ROOT (p) && p->rank == G_MAXUINT)
            p->rank = next_rank++;
        }
    }
  for (guint i = 0; i < n; i++)
    if (IS_ROOT (&places[i]) && places[i].rank == G_MAXUINT)
      g_ptr_array_add (unranked, &places[i]);
  g_ptr_array_sort (unranked, compare_names);
  for (guint i = 0; i < unranked->len; i++)
    ((ScopePlace *)unranked->pdata[i])->rank = next_rank++;

  /* Environment scopes after theirs. */
  for (guint i = 0; i < n; i++)
    if (!IS_ROOT (&places[i]))
      {
        ScopePlace *parent = g_hash_table_lookup (by_id, places[i].scope->parent_id);

        places[i].rank = parent->rank;
        places[i].env_rank = environment_rank (places[i].scope->environment);
      }
#undef IS_ROOT

  qsort (places, n, sizeof (ScopePlace), compare_places);
  /* The array owns the scopes: put them back in order without freeing them. */
  for (guint i = 0; i < n; i++)
    {
      f->scopes->pdata[i] = places[i].scope;
      g_free (places[i].key);
    }
}

/* The contract's order: frameworks by short name, each one's scopes as
 * sort_scopes() puts them, services by case-folded name. */
void
attest_matrix_sort (AttestMatrix *self)
{
  g_ptr_array_sort (self->frameworks, compare_frameworks);
  g_ptr_array_sort (self->services, compare_services);
  for (guint i = 0; i < self->frameworks->len; i++)
    sort_scopes (self->frameworks->pdata[i]);
}

guint
attest_matrix_count_scopes (AttestMatrix *self)
{
  guint n = 0;

  for (guint i = 0; i < self->frameworks->len; i++)
    n += ((AttestMatrixFramework *)self->frameworks->pdata[i])->scopes->len;
  return n;
}

/* In-scope cells: every cell except those flagged "no-longer-in-scope". */
guint
attest_matrix_count_in_scope (AttestMatrix *self)
{
  guint n = 0;

  for (guint i = 0; i < self->cells->len; i++)
    if (g_strcmp0 (((AttestMatrixCell *)self->cells->pdata[i])->rollup, "no-longer-in-scope") != 0)
      n++;
  return n;
}
