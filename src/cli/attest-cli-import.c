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
  gboolean outside_root = FALSE;
  GOptionEntry entries[] = {
    { "include-root", 0, 0, G_OPTION_ARG_FILENAME, &include_root, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse ("import [--include-root DIR] PATH…", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
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
                                      NULL, NULL, NULL, &error);
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
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, NULL, NULL },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, NULL, NULL },
    { NULL }
  };
  gsize len;
  const char *data;

  if (!_attest_cli_parse ("show FRAMEWORK", entries, &argc, &argv))
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

  text = attest_page_text_render (page, mode);
  fputs (text, stdout);
  return ATTEST_CLI_OK;
}
