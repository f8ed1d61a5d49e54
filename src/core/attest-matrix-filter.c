/* attest-matrix-filter.c: which rows and columns of the matrix the analyst asked to see (no GTK)
 *
 * A filter keeps services by their names (any word of the query in the name,
 * an alias or a translated name, ignoring case and accents), by "My
 * services", and keeps columns by framework; "exceptions only" then narrows
 * both to the rows and columns that hold an exception. Applying a filter makes
 * a new matrix, so the view shows it as it shows any other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-matrix-filter"

#include "config.h"

#include <string.h>

#include "attest-matrix-filter.h"

#define FILTER_VERSION 1

AttestMatrixFilter *
attest_matrix_filter_new (void)
{
  AttestMatrixFilter *self = g_new0 (AttestMatrixFilter, 1);

  self->frameworks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

AttestMatrixFilter *
attest_matrix_filter_copy (const AttestMatrixFilter *self)
{
  AttestMatrixFilter *copy;

  if (self == NULL)
    return NULL;
  copy = attest_matrix_filter_new ();
  copy->text = g_strdup (self->text);
  if (self->frameworks != NULL)
    for (guint i = 0; i < self->frameworks->len; i++)
      g_ptr_array_add (copy->frameworks, g_strdup (self->frameworks->pdata[i]));
  copy->mine_only = self->mine_only;
  copy->exceptions_only = self->exceptions_only;
  copy->expiring_only = self->expiring_only;
  return copy;
}

void
attest_matrix_filter_free (AttestMatrixFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_clear_pointer (&self->frameworks, g_ptr_array_unref);
  g_free (self);
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return *text == '\0';
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static guint
n_frameworks (const AttestMatrixFilter *self)
{
  return self->frameworks != NULL ? self->frameworks->len : 0;
}

gboolean
attest_matrix_filter_is_active (const AttestMatrixFilter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return !text_is_blank (self->text) || n_frameworks (self) > 0 || self->mine_only || self->exceptions_only ||
         self->expiring_only;
}

gboolean
attest_matrix_filter_has_framework (const AttestMatrixFilter *self,
                                    const char               *framework_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (framework_id == NULL)
    return FALSE;
  for (guint i = 0; i < n_frameworks (self); i++)
    if (g_str_equal (self->frameworks->pdata[i], framework_id))
      return TRUE;
  return FALSE;
}

/* Adds @framework_id to the shown frameworks (once), or removes it. */
void
attest_matrix_filter_set_framework (AttestMatrixFilter *self,
                                    const char         *framework_id,
                                    gboolean            shown)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (framework_id != NULL);

  if (self->frameworks == NULL)
    self->frameworks = g_ptr_array_new_with_free_func (g_free);

  if (shown)
    {
      if (!attest_matrix_filter_has_framework (self, framework_id))
        g_ptr_array_add (self->frameworks, g_strdup (framework_id));
      return;
    }

  for (guint i = self->frameworks->len; i > 0; i--)
    if (g_str_equal (self->frameworks->pdata[i - 1], framework_id))
      g_ptr_array_remove_index (self->frameworks, i - 1);
}

/* Every id of @a is in @b. */
static gboolean
frameworks_within (const AttestMatrixFilter *a,
                   const AttestMatrixFilter *b)
{
  for (guint i = 0; i < n_frameworks (a); i++)
    if (!attest_matrix_filter_has_framework (b, a->frameworks->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Field by field; frameworks compare as sets, a NULL text equals "". */
gboolean
attest_matrix_filter_equal (const AttestMatrixFilter *a,
                            const AttestMatrixFilter *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->text != NULL ? a->text : "", b->text != NULL ? b->text : "") == 0 &&
         a->mine_only == b->mine_only &&
         a->exceptions_only == b->exceptions_only &&
         a->expiring_only == b->expiring_only &&
         frameworks_within (a, b) &&
         frameworks_within (b, a);
}

static const char *
valid_utf8 (const char  *text,
            char       **storage)
{
  if (text == NULL)
    return "";
  if (g_utf8_validate (text, -1, NULL))
    return text;
  *storage = g_utf8_make_valid (text, -1);
  return *storage;
}

/**
 * attest_matrix_filter_to_string:
 *
 * The filter as GVariant text, for the workspace's ui_state table; read it
 * back with attest_matrix_filter_new_from_string().
 */
char *
attest_matrix_filter_to_string (const AttestMatrixFilter *self)
{
  g_auto(GVariantBuilder) dict = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_auto(GVariantBuilder) ids = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_STRING_ARRAY);
  g_autoptr(GVariant) value = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < n_frameworks (self); i++)
    {
      g_autofree char *id = NULL;
      g_variant_builder_add (&ids, "s", valid_utf8 (self->frameworks->pdata[i], &id));
    }

  g_variant_builder_add (&dict, "{sv}", "v", g_variant_new_uint32 (FILTER_VERSION));
  g_variant_builder_add (&dict, "{sv}", "text", g_variant_new_string (valid_utf8 (self->text, &text)));
  g_variant_builder_add (&dict, "{sv}", "frameworks", g_variant_builder_end (&ids));
  g_variant_builder_add (&dict, "{sv}", "mine", g_variant_new_boolean (self->mine_only));
  g_variant_builder_add (&dict, "{sv}", "exceptions", g_variant_new_boolean (self->exceptions_only));
  g_variant_builder_add (&dict, "{sv}", "expiring", g_variant_new_boolean (self->expiring_only));
  value = g_variant_ref_sink (g_variant_builder_end (&dict));
  return g_variant_print (value, TRUE);
}

/**
 * attest_matrix_filter_new_from_string:
 *
 * Reads what attest_matrix_filter_to_string() wrote. Anything else — NULL,
 * garbage, values of the wrong type — gives the default for that part (an
 * inactive filter at worst); unknown keys are ignored.
 */
AttestMatrixFilter *
attest_matrix_filter_new_from_string (const char *text)
{
  AttestMatrixFilter *self = attest_matrix_filter_new ();
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) words = NULL;
  g_autoptr(GVariant) ids = NULL;
  gboolean flag;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return self;
  dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, NULL);
  if (dict == NULL)
    return self;

  words = g_variant_lookup_value (dict, "text", G_VARIANT_TYPE_STRING);
  if (words != NULL && *g_variant_get_string (words, NULL) != '\0')
    self->text = g_variant_dup_string (words, NULL);

  ids = g_variant_lookup_value (dict, "frameworks", G_VARIANT_TYPE_STRING_ARRAY);
  if (ids != NULL)
    {
      gsize n;
      g_autofree const char **strv = g_variant_get_strv (ids, &n);

      for (gsize i = 0; i < n; i++)
        if (*strv[i] != '\0')
          attest_matrix_filter_set_framework (self, strv[i], TRUE);
    }

  if (g_variant_lookup (dict, "mine", "b", &flag))
    self->mine_only = flag;
  if (g_variant_lookup (dict, "exceptions", "b", &flag))
    self->exceptions_only = flag;
  if (g_variant_lookup (dict, "expiring", "b", &flag))
    self->expiring_only = flag;

  return self;
}

/* Text in the form compared: compatibility-decomposed, combining marks
 * dropped ("Sécurité" → "securite"), typographic apostrophes made plain,
 * case-folded. */
static char *
fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  g_autoptr(GString) out = NULL;
  gboolean ascii = TRUE;

  if (text == NULL)
    return g_strdup ("");

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      {
        ascii = FALSE;
        break;
      }
  /* The common case, and the one to keep fast: nothing to decompose. */
  if (ascii)
    return g_ascii_strdown (text, -1);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normal == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x2018 || c == 0x2019 || c == 0x02BC)
        c = '\'';
      g_string_append_unichar (out, c);
    }
  return g_utf8_casefold (out->str, out->len);
}

/* The folded words of a query, NULL when it has none. */
static GPtrArray *
query_words (const char *text)
{
  g_autofree char *folded = NULL;
  GPtrArray *words = NULL;
  const char *start = NULL;

  if (text == NULL)
    return NULL;
  folded = fold (text);
  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (end && start != NULL)
        {
          if (words == NULL)
            words = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      else if (!end && start == NULL)
        start = p;
      if (*p == '\0')
        break;
    }
  return words;
}

/* A folded text without its spaces and punctuation: a service's names are
 * one name however they are spaced ("PowerApps" is "Power Apps"), so the
 * workspace keeps only one spelling of each. */
static char *
squash (const char *folded)
{
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Every word occurs in the name, an alias or a translated name, as written or
 * with spaces and punctuation left out of both. */
static gboolean
service_matches_words (const AttestMatrixService *service,
                       GPtrArray                 *words)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) squashed = NULL;

  if (words == NULL || words->len == 0)
    return TRUE;

  names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (names, fold (service->name));
  if (service->aliases != NULL)
    for (guint i = 0; i < service->aliases->len; i++)
      g_ptr_array_add (names, fold (service->aliases->pdata[i]));
  if (service->translations != NULL)
    for (guint i = 0; i < service->translations->len; i++)
      g_ptr_array_add (names, fold (((AttestMatrixTranslation *)service->translations->pdata[i])->name));

  for (guint w = 0; w < words->len; w++)
    {
      g_autofree char *word = NULL;
      gboolean found = FALSE;

      for (guint n = 0; n < names->len && !found; n++)
        found = strstr (names->pdata[n], words->pdata[w]) != NULL;
      if (!found)
        {
          word = squash (words->pdata[w]);
          if (*word == '\0')
            return FALSE;
          if (squashed == NULL)
            {
              squashed = g_ptr_array_new_full (names->len, g_free);
              for (guint n = 0; n < names->len; n++)
                g_ptr_array_add (squashed, squash (names->pdata[n]));
            }
          for (guint n = 0; n < squashed->len && !found; n++)
            found = strstr (squashed->pdata[n], word) != NULL;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/**
 * attest_matrix_service_matches:
 * @text: (nullable): words separated by white space
 *
 * Whether every word of @text occurs in the service's name, one of its
 * aliases or one of its translated names, ignoring case and accents. No
 * words match every service.
 */
gboolean
attest_matrix_service_matches (const AttestMatrixService *service,
                               const char                *text)
{
  g_autoptr(GPtrArray) words = NULL;

  g_return_val_if_fail (service != NULL, FALSE);

  words = query_words (text);
  return service_matches_words (service, words);
}

static gboolean
is_exception (const AttestMatrixCell *c)
{
  return c->n_exceptions > 0 || g_strcmp0 (c->rollup, "exception") == 0;
}

/* The cells "exceptions only" and "expiring evidence only" look for (both: both). */
static gboolean
cell_singled_out (const AttestMatrixFilter *self,
                  const AttestMatrixCell   *c)
{
  if (self->exceptions_only && !is_exception (c))
    return FALSE;
  if (self->expiring_only && c->evidence_expiry != ATTEST_EXPIRY_SOON &&
      c->evidence_expiry != ATTEST_EXPIRY_EXPIRED)
    return FALSE;
  return TRUE;
}

/* Whether the filter's frameworks name any framework of @matrix: ids the
 * matrix does not know are ignored, and if none is known, all are shown. */
static gboolean
filters_frameworks (const AttestMatrixFilter *self,
                    const AttestMatrix       *matrix)
{
  for (guint i = 0; i < matrix->frameworks->len; i++)
    if (attest_matrix_filter_has_framework (self, ((AttestMatrixFramework *)matrix->frameworks->pdata[i])->id))
      return TRUE;
  return FALSE;
}

static void
copy_framework (AttestMatrix                *to,
                const AttestMatrixFramework *f,
                GHashTable                  *scopes)
{
  AttestMatrixFramework *copy = attest_matrix_add_framework (to, f->id, f->title, f->short_name, f->category);

  for (guint i = 0; i < f->scopes->len; i++)
    {
      const AttestMatrixScope *s = f->scopes->pdata[i];

      if (s->id != NULL && g_hash_table_contains (scopes, s->id))
        attest_matrix_framework_add_scope (copy, s->id, s->name, s->parent_id)->environment =
          g_strdup (s->environment);
    }
  if (f->variants != NULL)
    for (guint i = 0; i < f->variants->len; i++)
      {
        attest_matrix_framework_copy_variant (copy, f->variants->pdata[i]);
      }
}

static void
copy_service (AttestMatrix              *to,
              const AttestMatrixService *s)
{
  AttestMatrixService *copy = attest_matrix_add_service (to, s->id, s->name, s->untranslated);

  copy->mine = s->mine;
  if (s->aliases != NULL)
    for (guint i = 0; i < s->aliases->len; i++)
      g_ptr_array_add (copy->aliases, g_strdup (s->aliases->pdata[i]));
  if (s->translations != NULL)
    for (guint i = 0; i < s->translations->len; i++)
      {
        const AttestMatrixTranslation *t = s->translations->pdata[i];
        AttestMatrixTranslation *tc = g_new0 (AttestMatrixTranslation, 1);

        tc->lang = g_strdup (t->lang);
        tc->name = g_strdup (t->name);
        g_ptr_array_add (copy->translations, tc);
      }
}

static void
copy_cell (AttestMatrix           *to,
           const AttestMatrixCell *c)
{
  AttestMatrixCell *copy = attest_matrix_add_cell (to, c->scope, c->service, c->rollup);

  copy->n_items = c->n_items;
  copy->n_satisfied = c->n_satisfied;
  copy->n_exceptions = c->n_exceptions;
  copy->source_line = g_strdup (c->source_line);
  copy->translated_line = g_strdup (c->translated_line);
  copy->qualifier = g_strdup (c->qualifier);
  copy->variant_locale = g_strdup (c->variant_locale);
  copy->variant_date = g_strdup (c->variant_date);
  copy->variant_id = c->variant_id;
  copy->evidence_expiry = c->evidence_expiry;
}

/**
 * attest_matrix_filter_apply:
 *
 * The part of @matrix the filter keeps, as a new matrix in the same order
 * (free it with attest_matrix_free()); @matrix is not changed. Without
 * "exceptions only" a shown framework keeps all its scopes; with it, only
 * the scopes and services with an exception cell between them stay, and a
 * framework left without scopes goes.
 */
AttestMatrix *
attest_matrix_filter_apply (const AttestMatrixFilter *self,
                            const AttestMatrix       *matrix)
{
  g_autoptr(GHashTable) scopes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) services = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) words = NULL;
  AttestMatrix *out;
  gboolean by_framework;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (matrix != NULL, NULL);

  by_framework = filters_frameworks (self, matrix);
  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      const AttestMatrixFramework *f = matrix->frameworks->pdata[i];

      if (by_framework && !attest_matrix_filter_has_framework (self, f->id))
        continue;
      for (guint j = 0; j < f->scopes->len; j++)
        {
          const AttestMatrixScope *scope = f->scopes->pdata[j];
          if (scope->id != NULL)
            g_hash_table_add (scopes, scope->id);
        }
    }

  words = query_words (self->text);
  for (guint i = 0; i < matrix->services->len; i++)
    {
      const AttestMatrixService *s = matrix->services->pdata[i];

      if (s->id == NULL || (self->mine_only && !s->mine))
        continue;
      if (service_matches_words (s, words))
        g_hash_table_add (services, s->id);
    }

  if (self->exceptions_only || self->expiring_only)
    {
      g_autoptr(GHashTable) exception_scopes = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) exception_services = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < matrix->cells->len; i++)
        {
          const AttestMatrixCell *c = matrix->cells->pdata[i];

          if (c->scope == NULL || c->service == NULL || !cell_singled_out (self, c))
            continue;
          if (!g_hash_table_contains (scopes, c->scope) || !g_hash_table_contains (services, c->service))
            continue;
          g_hash_table_add (exception_scopes, c->scope);
          g_hash_table_add (exception_services, c->service);
        }
      g_hash_table_unref (scopes);
      scopes = g_steal_pointer (&exception_scopes);
      g_hash_table_unref (services);
      services = g_steal_pointer (&exception_services);
    }

  out = attest_matrix_new ();
  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      const AttestMatrixFramework *f = matrix->frameworks->pdata[i];
      gboolean kept = FALSE;

      if (by_framework && !attest_matrix_filter_has_framework (self, f->id))
        continue;
      for (guint j = 0; j < f->scopes->len && !kept; j++)
        {
          const AttestMatrixScope *scope = f->scopes->pdata[j];
          kept = scope->id != NULL && g_hash_table_contains (scopes, scope->id);
        }
      if (kept || !(self->exceptions_only || self->expiring_only))
        copy_framework (out, f, scopes);
    }

  for (guint i = 0; i < matrix->services->len; i++)
    {
      const AttestMatrixService *s = matrix->services->pdata[i];

      if (s->id != NULL && g_hash_table_contains (services, s->id))
        copy_service (out, s);
    }

  for (guint i = 0; i < matrix->cells->len; i++)
    {
      const AttestMatrixCell *c = matrix->cells->pdata[i];

      if (c->scope != NULL && c->service != NULL &&
          g_hash_table_contains (scopes, c->scope) && g_hash_table_contains (services, c->service))
        copy_cell (out, c);
    }

  return out;
}
