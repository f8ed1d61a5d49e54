/* attest-cli-versions.c: the stored page versions and their dates
 *
 *   versions [FRAMEWORK] [--format text|json]
 *   version set-date ID YYYY-MM-DD | version clear-date ID | version make-current ID
 *
 * The same edits as the library's row menu (Set Date…, Clear Date, Make
 * Current), through the same store function: one history row each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-cli-private.h"
#include "attest-dates.h"
#include "attest-front-matter.h"
#include "attest-json.h"
#include "attest-languages.h"
#include "attest-store-error.h"
#include "attest-workspace-catalog.h"

#define VERSIONS_USAGE "versions [FRAMEWORK] [--format text|json]"
#define VERSION_USAGE "version set-date ID YYYY-MM-DD | version clear-date ID | version make-current ID"

/* Where a version's date comes from: "analyst", "ms.lasthandoff", "ms.date",
 * "updated_at", "title" (the page's own, read again from the stored page) or
 * "import" (none: its import time ranks it). */
static const char *
date_source (AttestWorkspace       *ws,
             AttestMatrixFramework *framework,
             AttestMatrixVariant   *v)
{
  g_autoptr(GBytes) page = NULL;
  g_autoptr(AttestFrontMatter) fm = NULL;
  gsize len = 0;
  const char *text;

  if (v->date_set != NULL)
    return "analyst";
  if (v->page_date == NULL)
    return "import";
  page = attest_workspace_get_variant_page_by_id (ws, framework->id, v->id, NULL, NULL);
  text = page != NULL ? g_bytes_get_data (page, &len) : NULL;
  if (text != NULL)
    fm = attest_front_matter_parse (v->file_name, text, len, NULL, NULL);
  return attest_dates_page_date_source (fm, v->page_date);
}

static const char *
source_words (const char *source)
{
  if (g_str_equal (source, "analyst"))
    /* Translators: where a page version's date comes from */
    return _("set by the analyst");
  if (g_str_equal (source, "title"))
    /* Translators: where a page version's date comes from: the page's title ("Updated March 2023") */
    return _("the page's title");
  if (g_str_equal (source, "import"))
    /* Translators: where a page version's date comes from: the page has none */
    return _("no date: the import time");
  return source;   /* a front matter field: ms.lasthandoff, ms.date, updated_at */
}

/* The scopes whose coverage comes from @v (it is the newest version that
 * defines them); for a version defining none, @v alone when it is the
 * framework's newest. */
static GPtrArray *
current_scopes (AttestMatrixFramework *framework,
                AttestMatrixVariant   *v,
                gboolean              *newest)
{
  GPtrArray *scopes = g_ptr_array_new ();

  *newest = framework->variants->len > 0 && framework->variants->pdata[0] == v;
  for (guint i = 0; v->scopes != NULL && i < v->scopes->len; i++)
    if (attest_matrix_framework_variant_for_scope (framework, v->scopes->pdata[i], NULL) == v)
      g_ptr_array_add (scopes, v->scopes->pdata[i]);
  return scopes;
}

int
_attest_cli_versions (AttestCliContext  *ctx,
                      int                argc,
                      char             **argv)
{
  int ret;
  g_autofree char *format = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *framework_id = NULL;
  gboolean found = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };
  static const char *formats[] = { "text", "json", NULL };

  /* An optional FRAMEWORK: taken out before the listing's checks. */
  if (!_attest_cli_parse (VERSIONS_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc > 1)
    framework_id = argv[1];
  if (argc > 2)
    {
      g_printerr (_("attest-cli: unexpected argument “%s”\n"), argv[2]);
      return ATTEST_CLI_USAGE;
    }
  argc = 1;
  if ((ret = _attest_cli_prepare_listing (ctx, VERSIONS_USAGE, entries, &argc, &argv, &format, formats)) >= 0)
    return ret;

  matrix = _attest_cli_load_matrix (ctx);
  if (matrix == NULL)
    return ATTEST_CLI_FAILED;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "versions");
  json_builder_begin_array (b);
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[f];

      if (framework_id != NULL && !g_str_equal (framework->id, framework_id))
        continue;
      found = TRUE;
      for (guint i = 0; i < framework->variants->len; i++)
        {
          AttestMatrixVariant *v = framework->variants->pdata[i];
          g_autofree char *label = attest_matrix_variant_label (framework, v);
          g_autofree char *dates = attest_matrix_variant_dates (v);
          const char *source = date_source (ctx->workspace, framework, v);
          gboolean newest = FALSE;
          g_autoptr(GPtrArray) scopes = current_scopes (framework, v, &newest);
          gboolean all = v->scopes != NULL && v->scopes->len > 0 ? scopes->len == v->scopes->len : newest;
          gboolean current = v->scopes != NULL && v->scopes->len > 0 ? scopes->len > 0 : newest;

          if (g_str_equal (format, "json"))
            {
              const char *keys[] = { "framework", "file", "locale", "label", "date", "page_date", "date_set",
                                     "imported_at", "date_source" };
              const char *values[] = { framework->id, v->file_name, v->locale, label, v->date, v->page_date,
                                       v->date_set, v->imported_at, source };

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, v->id);
              for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
                attest_json_add_string_or_null (b, keys[k], values[k]);
              json_builder_set_member_name (b, "current");
              json_builder_add_boolean_value (b, current);
              json_builder_set_member_name (b, "current_scopes");
              json_builder_begin_array (b);
              for (guint s = 0; s < scopes->len; s++)
                json_builder_add_string_value (b, scopes->pdata[s]);
              json_builder_end_array (b);
              json_builder_set_member_name (b, "kept_older");
              json_builder_add_boolean_value (b, v->kept_older);
              json_builder_set_member_name (b, "scopes");
              json_builder_begin_array (b);
              for (guint s = 0; v->scopes != NULL && s < v->scopes->len; s++)
                json_builder_add_string_value (b, v->scopes->pdata[s]);
              json_builder_end_array (b);
              json_builder_end_object (b);
            }
          else
            {
              /* Translators: a page version gives the coverage of every scope it defines */
              const char *state = all ? _("current")
                                  /* Translators: a page version gives the coverage of some of the scopes it
                                   * defines (a newer version gives the others) */
                                  : current ? _("current for some scopes")
                                  /* Translators: an undated page version kept below the stored ones */
                                  : v->kept_older ? _("kept as older")
                                  /* Translators: a page version a newer one supersedes */
                                  : _("older");

              /* ID, framework, file, language, the date it is ranked by, where that
               * comes from, current or not, then the label and the dates in words. */
              g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n", v->id, framework->id, v->file_name,
                       attest_languages_name (v->locale), v->date != NULL ? v->date : "", source_words (source),
                       state);
              g_print ("\t%s\n", label);
              g_print ("\t%s\n", dates);
            }
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (framework_id != NULL && !found)
    {
      g_printerr (_("attest-cli: no framework “%s” (attest-cli frameworks lists them)\n"), framework_id);
      return ATTEST_CLI_USAGE;
    }
  if (g_str_equal (format, "json"))
    _attest_cli_print_json (b);
  return ATTEST_CLI_OK;
}

/* The version @id of @matrix, and its framework. */
static AttestMatrixVariant *
find_version (AttestMatrix           *matrix,
              gint64                  id,
              AttestMatrixFramework **framework)
{
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixVariant *v = attest_matrix_framework_lookup_variant (matrix->frameworks->pdata[f], id);

      if (v != NULL)
        {
          *framework = matrix->frameworks->pdata[f];
          return v;
        }
    }
  return NULL;
}

int
_attest_cli_version (AttestCliContext  *ctx,
                     int                argc,
                     char             **argv)
{
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  AttestMatrixFramework *framework = NULL;
  AttestMatrixVariant *v;
  const char *action;
  const char *date = NULL;
  gboolean make_current = FALSE;
  gint64 id = 0;
  guint64 parsed = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!_attest_cli_parse (VERSION_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  action = argc > 1 ? argv[1] : NULL;
  if (action == NULL ||
      !(g_str_equal (action, "set-date") ? argc == 4 :
        (g_str_equal (action, "clear-date") || g_str_equal (action, "make-current")) ? argc == 3 : FALSE))
    {
      g_printerr (_("attest-cli: version needs set-date ID YYYY-MM-DD, clear-date ID or make-current ID\n"));
      return ATTEST_CLI_USAGE;
    }
  if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &parsed, NULL))
    {
      /* Translators: %s is what was given for a page version's id */
      g_printerr (_("attest-cli: “%s” is not a version id (attest-cli versions lists them)\n"), argv[2]);
      return ATTEST_CLI_USAGE;
    }
  id = (gint64) parsed;
  if (g_str_equal (action, "set-date"))
    {
      g_autofree char *day = attest_dates_parse_day (argv[3]);

      if (day == NULL)
        {
          g_printerr (_("attest-cli: %s “%s” is not a date (use YYYY-MM-DD)\n"), "version set-date", argv[3]);
          return ATTEST_CLI_USAGE;
        }
      date = argv[3];
    }
  make_current = g_str_equal (action, "make-current");

  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  matrix = _attest_cli_load_matrix (ctx);
  if (matrix == NULL)
    return ATTEST_CLI_FAILED;
  v = find_version (matrix, id, &framework);
  if (v == NULL)
    {
      g_printerr (_("attest-cli: no page version %s in this workspace (attest-cli versions lists them)\n"), argv[2]);
      return ATTEST_CLI_USAGE;
    }

  /* What the row menu would not offer: nothing to do, nothing written. */
  if (make_current && !v->kept_older)
    {
      g_autofree char *label = attest_matrix_variant_label (framework, v);
      /* Translators: %s is a page version's label */
      g_printerr (_("attest-cli: %s is not kept as an older version: nothing to do\n"), label);
      return ATTEST_CLI_OK;
    }
  if (!make_current && date == NULL && v->date_set == NULL)
    {
      g_autofree char *label = attest_matrix_variant_label (framework, v);
      /* Translators: %s is a page version's label */
      g_printerr (_("attest-cli: %s has no date set by the analyst: nothing to do\n"), label);
      return ATTEST_CLI_OK;
    }

  if (!attest_workspace_set_variant_date (ctx->workspace, id, date, make_current, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return error->domain == ATTEST_STORE_ERROR && error->code == ATTEST_STORE_ERROR_INVALID ? ATTEST_CLI_USAGE
                                                                                               : ATTEST_CLI_FAILED;
    }

  /* What it is now, as the library says it. */
  g_clear_pointer (&matrix, attest_matrix_free);
  matrix = attest_workspace_load_matrix (ctx->workspace, &error);
  if (matrix != NULL && (v = find_version (matrix, id, &framework)) != NULL)
    {
      g_autofree char *label = attest_matrix_variant_label (framework, v);
      g_autofree char *dates = attest_matrix_variant_dates (v);

      g_autofree char *line = g_strdup_printf (_("%s: %s"), label, dates);

      g_print ("%s\n", line);
    }
  return ATTEST_CLI_OK;
}
