/* attest-matrix-export.c: the matrix as CSV, JSON and plain text
 *
 * One layout for `attest-cli matrix --format csv` and `export matrix OUT.csv`
 * (DESIGN.md): a header row "Service,<Framework> — <Scope>,…", one row per
 * service sorted by case-folded name, each cell empty (out of scope) or the
 * roll-up word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-matrix-export"

#include "config.h"

#include <json-glib/json-glib.h>

#include "attest-csv-writer.h"
#include "attest-matrix-export.h"

char *
attest_matrix_export_csv (AttestMatrix *matrix)
{
  g_autoptr(AttestCsvWriter) csv = attest_csv_writer_new ();

  g_return_val_if_fail (matrix != NULL, NULL);

  attest_csv_writer_field (csv, "Service");
  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *f = matrix->frameworks->pdata[i];
      for (guint j = 0; j < f->scopes->len; j++)
        {
          AttestMatrixScope *s = f->scopes->pdata[j];
          g_autofree char *header = g_strdup_printf ("%s — %s", f->short_name, s->name);
          attest_csv_writer_field (csv, header);
        }
    }
  attest_csv_writer_end_row (csv);

  for (guint k = 0; k < matrix->services->len; k++)
    {
      AttestMatrixService *svc = matrix->services->pdata[k];

      attest_csv_writer_field (csv, svc->name);
      for (guint i = 0; i < matrix->frameworks->len; i++)
        {
          AttestMatrixFramework *f = matrix->frameworks->pdata[i];
          for (guint j = 0; j < f->scopes->len; j++)
            {
              AttestMatrixScope *s = f->scopes->pdata[j];
              AttestMatrixCell *c = attest_matrix_lookup_cell (matrix, s->id, svc->id);
              attest_csv_writer_field (csv, c != NULL ? c->rollup : "");
            }
        }
      attest_csv_writer_end_row (csv);
    }

  return attest_csv_writer_finish (g_steal_pointer (&csv));
}

static void
add_frameworks (JsonBuilder  *b,
                AttestMatrix *matrix)
{
  json_builder_set_member_name (b, "frameworks");
  json_builder_begin_array (b);
  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *f = matrix->frameworks->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, f->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, f->title);
      json_builder_set_member_name (b, "short_name");
      json_builder_add_string_value (b, f->short_name);
      json_builder_set_member_name (b, "category");
      json_builder_add_string_value (b, f->category);
      json_builder_set_member_name (b, "scopes");
      json_builder_begin_array (b);
      for (guint j = 0; j < f->scopes->len; j++)
        {
          AttestMatrixScope *s = f->scopes->pdata[j];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, s->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, s->name);
          if (s->parent_id != NULL)
            {
              json_builder_set_member_name (b, "parent");
              json_builder_add_string_value (b, s->parent_id);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_services (JsonBuilder  *b,
              AttestMatrix *matrix)
{
  json_builder_set_member_name (b, "services");
  json_builder_begin_array (b);
  for (guint i = 0; i < matrix->services->len; i++)
    {
      AttestMatrixService *s = matrix->services->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "aliases");
      json_builder_begin_array (b);
      for (guint j = 0; j < s->aliases->len; j++)
        json_builder_add_string_value (b, s->aliases->pdata[j]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "translations");
      json_builder_begin_array (b);
      for (guint j = 0; j < s->translations->len; j++)
        {
          AttestMatrixTranslation *t = s->translations->pdata[j];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "lang");
          json_builder_add_string_value (b, t->lang);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, t->name);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "untranslated");
      json_builder_add_boolean_value (b, s->untranslated);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_coverage (JsonBuilder  *b,
              AttestMatrix *matrix)
{
  json_builder_set_member_name (b, "coverage");
  json_builder_begin_array (b);
  for (guint i = 0; i < matrix->cells->len; i++)
    {
      AttestMatrixCell *c = matrix->cells->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "scope");
      json_builder_add_string_value (b, c->scope);
      json_builder_set_member_name (b, "service");
      json_builder_add_string_value (b, c->service);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, c->rollup);
      if (c->qualifier != NULL)
        {
          json_builder_set_member_name (b, "qualifier");
          json_builder_add_string_value (b, c->qualifier);
        }
      json_builder_set_member_name (b, "source_line");
      json_builder_add_string_value (b, c->source_line != NULL ? c->source_line : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
attest_matrix_export_json (AttestMatrix          *matrix,
                           AttestMatrixJsonParts  parts)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (matrix != NULL, NULL);

  json_builder_begin_object (b);
  if (parts & ATTEST_MATRIX_JSON_FRAMEWORKS)
    add_frameworks (b, matrix);
  if (parts & ATTEST_MATRIX_JSON_SERVICES)
    add_services (b, matrix);
  if (parts & ATTEST_MATRIX_JSON_COVERAGE)
    add_coverage (b, matrix);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

char *
attest_matrix_export_frameworks_text (AttestMatrix *matrix)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *f = matrix->frameworks->pdata[i];

      g_string_append_printf (out, "%s\t%s\t%s\n", f->id, f->short_name, f->title);
      for (guint j = 0; j < f->scopes->len; j++)
        {
          AttestMatrixScope *s = f->scopes->pdata[j];
          g_string_append_printf (out, "  %s\t%s\n", s->id, s->name);
        }
    }
  return g_string_free (out, FALSE);
}

char *
attest_matrix_export_services_text (AttestMatrix *matrix)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < matrix->services->len; i++)
    {
      AttestMatrixService *s = matrix->services->pdata[i];

      g_string_append_printf (out, "%s\t%s", s->id, s->name);
      if (s->aliases->len > 0)
        {
          g_string_append (out, "\taliases: ");
          for (guint j = 0; j < s->aliases->len; j++)
            g_string_append_printf (out, "%s%s", j ? "; " : "", (char *)s->aliases->pdata[j]);
        }
      if (s->translations->len > 0)
        {
          g_string_append (out, "\ttranslations: ");
          for (guint j = 0; j < s->translations->len; j++)
            {
              AttestMatrixTranslation *t = s->translations->pdata[j];
              g_string_append_printf (out, "%s%s: %s", j ? "; " : "", t->lang, t->name);
            }
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Per scope, the services in it: readable in a terminal at any matrix size. */
char *
attest_matrix_export_text (AttestMatrix *matrix)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < matrix->services->len; i++)
    {
      AttestMatrixService *s = matrix->services->pdata[i];
      g_hash_table_insert (names, s->id, s->name);
    }

  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *f = matrix->frameworks->pdata[i];

      for (guint j = 0; j < f->scopes->len; j++)
        {
          AttestMatrixScope *scope = f->scopes->pdata[j];
          guint n = 0;

          g_string_append_printf (out, "%s — %s (%s)\n", f->short_name, scope->name, scope->id);
          for (guint k = 0; k < matrix->services->len; k++)
            {
              AttestMatrixService *svc = matrix->services->pdata[k];
              AttestMatrixCell *c = attest_matrix_lookup_cell (matrix, scope->id, svc->id);
              if (c == NULL)
                continue;
              g_string_append_printf (out, "  %-48s %s\n", svc->name, c->rollup);
              n++;
            }
          if (n == 0)
            g_string_append (out, "  -\n");
        }
    }
  return g_string_free (out, FALSE);
}
