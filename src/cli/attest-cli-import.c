/* attest-cli-import.c: import, show
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
#include "attest-importer.h"
#include "attest-page-files.h"
#include "attest-page-text.h"
#include "attest-workspace-catalog.h"

int
_attest_cli_import (AttestCliContext  *ctx,
                    int                argc,
                    char             **argv)
{
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *include_root = NULL;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;
  gboolean outside_root = FALSE;
  GOptionEntry entries[] = {
    { "include-root", 0, 0, G_OPTION_ARG_FILENAME, &include_root, NULL, NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse ("import [--include-root DIR] [--date YYYY-MM-DD] PATH…", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  /* The date of every page imported, as the analyst knows it. */
  if (date != NULL && (day = attest_dates_parse_day (date)) == NULL)
    {
      g_printerr (_("attest-cli: import: --date “%s” is not a date: write it YYYY-MM-DD\n"), date);
      return ATTEST_CLI_USAGE;
    }
  if (include_root != NULL && !g_file_test (include_root, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = attest_page_files_display_name (include_root);
      g_printerr (_("attest-cli: --include-root %s: not a folder\n"), shown);
      return ATTEST_CLI_USAGE;
    }
  if (argc < 2)
    {
      g_printerr (_("attest-cli: import needs at least one file or folder\n"));
      return ATTEST_CLI_USAGE;
    }
  /* "" would otherwise be the current folder. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '\0')
      {
        g_printerr ("attest-cli: import: %s\n", _("an empty name is not a file or folder"));
        return ATTEST_CLI_USAGE;
      }
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  summary = attest_importer_run_full (ctx->workspace, (const char * const *)argv + 1, include_root, TRUE,
                                      day, NULL, NULL, NULL, &error);
  if (summary == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }

  /* Each failure on its own line, naming the file and the reason; no
   * newline or escape code of a file name reaches the terminal raw. */
  for (guint i = 0; i < summary->failures->len; i++)
    {
      g_autofree char *line = attest_page_files_display_name (summary->failures->pdata[i]);
      g_printerr ("attest-cli: %s\n", line);
    }
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      g_autofree char *line = attest_page_files_display_name (summary->warnings->pdata[i]);
      g_printerr (_("attest-cli: warning: %s\n"), line);
      outside_root = outside_root || strstr (line, _("outside the import root")) != NULL;
    }
  /* The rule stays (no include escapes what the analyst allowed); say how to allow more. */
  if (outside_root)
    g_printerr (_("attest-cli: includes outside the folders imported are left out: "
                  "allow a folder that holds them with --include-root DIR\n"));

  report = attest_import_summary_report (summary);
  fputs (report, stdout);

  return summary->failed > 0 ? ATTEST_CLI_FAILED : ATTEST_CLI_OK;
}

int
_attest_cli_show (AttestCliContext  *ctx,
                  int                argc,
                  char             **argv)
{
  g_autofree char *lang = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttestPage) page = NULL;
  g_autoptr(GError) error = NULL;
  AttestPageTextMode mode = ATTEST_PAGE_TEXT_TRANSLATED;
  static const char *langs[] = { "translated", "source", "both", NULL };
  g_autofree char *scope = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  AttestMatrixFramework *framework;
  AttestMatrixVariant *variant = NULL;
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, NULL, NULL },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, NULL, NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, NULL, NULL },
    { NULL }
  };
  gsize len;
  const char *data;

  if (!_attest_cli_parse ("show FRAMEWORK [--scope S] [--locale L]", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("attest-cli: show needs one framework id (see attest-cli frameworks)\n"));
      return ATTEST_CLI_USAGE;
    }
  if (lang != NULL)
    {
      if (!_attest_cli_check_format (lang, langs))
        return ATTEST_CLI_USAGE;
      mode = g_str_equal (lang, "source") ? ATTEST_PAGE_TEXT_SOURCE
           : g_str_equal (lang, "both") ? ATTEST_PAGE_TEXT_BOTH
           : ATTEST_PAGE_TEXT_TRANSLATED;
    }
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  /* Which page: the newest (of --locale), or the newest that defines --scope. */
  matrix = attest_workspace_load_matrix (ctx->workspace, &error);
  if (matrix == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  framework = attest_matrix_lookup_framework (matrix, argv[1]);
  if (framework != NULL && scope != NULL)
    {
      const char *scope_id = NULL;

      for (guint i = 0; scope_id == NULL && i < framework->scopes->len; i++)
        {
          AttestMatrixScope *s = framework->scopes->pdata[i];
          g_autofree char *a = g_utf8_casefold (s->name, -1);
          g_autofree char *b = g_utf8_casefold (scope, -1);

          if (g_str_equal (s->id, scope) || g_str_equal (a, b))
            scope_id = s->id;
        }
      if (scope_id == NULL)
        {
          g_printerr (_("attest-cli: show: framework “%s” has no scope “%s” (see attest-cli frameworks)\n"),
                      argv[1], scope);
          return ATTEST_CLI_USAGE;
        }
      variant = attest_matrix_framework_variant_for_scope (framework, scope_id, locale);
      if (variant == NULL || (locale != NULL && !g_str_equal (variant->locale, locale)))
        {
          g_printerr (_("attest-cli: show: no page of framework “%s” in locale %s defines scope “%s”\n"),
                      argv[1], locale != NULL ? locale : "", scope);
          return ATTEST_CLI_USAGE;
        }
      bytes = attest_workspace_get_variant_page_by_id (ctx->workspace, argv[1], variant->id, &file_name, &error);
    }
  else
    bytes = attest_workspace_get_variant_page (ctx->workspace, argv[1], locale, &file_name, &error);
  if (bytes == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return g_error_matches (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND)
             ? ATTEST_CLI_USAGE : ATTEST_CLI_FAILED;
    }

  data = g_bytes_get_data (bytes, &len);
  page = attest_page_parse (file_name, data, len, &error);
  if (page == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }

  /* Which page this is, and the framework's other pages (on stderr: the
   * page's text alone goes to stdout). */
  if (framework != NULL)
    {
      if (variant == NULL)
        for (guint i = 0; variant == NULL && i < framework->variants->len; i++)
          {
            AttestMatrixVariant *v = framework->variants->pdata[i];
            if (g_strcmp0 (v->file_name, file_name) == 0 && (locale == NULL || g_str_equal (v->locale, locale)))
              variant = v;
          }
      if (variant != NULL)
        {
          g_autofree char *label = attest_matrix_variant_label (framework, variant);
          g_autofree char *dates = attest_matrix_variant_dates (variant);

          /* Translators: the page show prints: its file name, its label ("SOC 3 · English · 12 March 2023"), its dates in words */
          g_printerr (_("attest-cli: showing %s (%s; %s)\n"), variant->file_name, label, dates);
          for (guint i = 0; i < framework->variants->len; i++)
            {
              AttestMatrixVariant *v = framework->variants->pdata[i];
              g_autofree char *covers = attest_matrix_variant_covers (framework, v);
              g_autofree char *other = NULL;
              AttestMatrixScope *first = NULL;

              /* The newest page of each scope it does not cover, in its locale. */
              for (guint k = 0; covers != NULL && first == NULL && k < framework->scopes->len; k++)
                {
                  AttestMatrixScope *s = framework->scopes->pdata[k];
                  if (s->parent_id == NULL && attest_matrix_variant_defines (v, s->id))
                    first = s;
                }
              if (first == NULL || v == variant || g_strcmp0 (v->locale, variant->locale) != 0 ||
                  attest_matrix_variant_defines (variant, first->id) ||
                  attest_matrix_framework_variant_for_scope (framework, first->id, v->locale) != v)
                continue;
              other = attest_matrix_variant_label (framework, v);
              /* Translators: another page of the framework: its label, the show command that prints it */
              g_printerr (_("attest-cli: also %s: attest-cli show %s --scope \"%s\"\n"), other, argv[1],
                          first->name);
            }
        }
    }

  text = attest_page_text_render (page, mode);
  fputs (text, stdout);
  return ATTEST_CLI_OK;
}
