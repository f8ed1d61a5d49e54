/* attest-cli-catalog.c: frameworks, services, matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-cli-private.h"
#include "attest-store-error.h"
#include "attest-matrix-export.h"
#include "attest-workspace-catalog.h"

gboolean
_attest_cli_open_workspace (AttestCliContext *ctx)
{
  g_autoptr(GError) error = NULL;

  if (ctx->workspace != NULL)
    return TRUE;
  ctx->workspace = attest_workspace_open (ctx->workspace_path, &error);
  if (ctx->workspace == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return FALSE;
    }
  attest_workspace_set_reviewer (ctx->workspace, ctx->reviewer);
  return TRUE;
}

/* Parses the command's options; FALSE (usage error, already reported) on failure. */
gboolean
_attest_cli_parse (const char    *usage,
                   GOptionEntry  *entries,
                   int           *argc,
                   char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_attest_cli_check_format (const char  *format,
                          const char **allowed)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_str_equal (format, allowed[i]))
      return TRUE;
  {
    g_autofree char *list = g_strjoinv ("|", (char **)allowed);
    g_printerr (_("attest-cli: unknown format “%s” (use %s)\n"), format, list);
  }
  return FALSE;
}

/* Prints what @builder built as indented JSON, one document a line at the end. */
/* A store error is the user's doing (exit 2) when it is about what they
 * named (an unknown link, item or file); anything else is a failure (1). */
int
_attest_cli_store_error_status (const GError *error)
{
  if (g_error_matches (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID))
    return ATTEST_CLI_USAGE;
  return ATTEST_CLI_FAILED;
}

void
_attest_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *out = json_to_string (root, TRUE);

  g_print ("%s\n", out);
}

/**
 * _attest_cli_prepare_listing:
 *
 * What every listing command does first: parse its options, refuse extra
 * arguments, default --format to text and check it, open the workspace.
 *
 * Returns: -1 to go on, else the exit code to return.
 */
int
_attest_cli_prepare_listing (AttestCliContext   *ctx,
                             const char         *usage,
                             GOptionEntry       *entries,
                             int                *argc,
                             char             ***argv,
                             char              **format,
                             const char        **formats)
{
  if (!_attest_cli_parse (usage, entries, argc, argv))
    return ATTEST_CLI_USAGE;
  if (*argc > 1)
    {
      g_printerr (_("attest-cli: unexpected argument “%s”\n"), (*argv)[1]);
      return ATTEST_CLI_USAGE;
    }
  if (*format == NULL)
    *format = g_strdup ("text");
  if (!_attest_cli_check_format (*format, formats))
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  return -1;
}

/**
 * _attest_cli_load_matrix:
 *
 * The workspace's matrix, or NULL after saying why on stderr.
 */
AttestMatrix *
_attest_cli_load_matrix (AttestCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  AttestMatrix *matrix = attest_workspace_load_matrix (ctx->workspace, &error);

  if (matrix == NULL)
    g_printerr ("attest-cli: %s\n", error->message);
  return matrix;
}

static int
print_matrix (AttestCliContext *ctx,
              const char       *usage,
              int               argc,
              char            **argv,
              const char      **formats,
              char *(*text) (AttestMatrix *),
              AttestMatrixJsonParts parts)
{
  int ret;
  g_autofree char *format = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };

  if ((ret = _attest_cli_prepare_listing (ctx, usage, entries, &argc, &argv, &format, formats)) >= 0)
    return ret;

  matrix = _attest_cli_load_matrix (ctx);
  if (matrix == NULL)
    return ATTEST_CLI_FAILED;

  if (g_str_equal (format, "json"))
    out = attest_matrix_export_json (matrix, parts);
  else if (g_str_equal (format, "csv"))
    out = attest_matrix_export_csv (matrix);
  else
    out = text (matrix);

  fputs (out, stdout);
  if (g_str_equal (format, "json"))
    fputc ('\n', stdout);
  return ATTEST_CLI_OK;
}

int
_attest_cli_frameworks (AttestCliContext  *ctx,
                        int                argc,
                        char             **argv)
{
  static const char *formats[] = { "text", "json", NULL };

  return print_matrix (ctx, "frameworks [--format text|json]", argc, argv, formats,
                       attest_matrix_export_frameworks_text, ATTEST_MATRIX_JSON_FRAMEWORKS);
}

int
_attest_cli_services (AttestCliContext  *ctx,
                      int                argc,
                      char             **argv)
{
  static const char *formats[] = { "text", "json", NULL };

  return print_matrix (ctx, "services [--format text|json]", argc, argv, formats,
                       attest_matrix_export_services_text, ATTEST_MATRIX_JSON_SERVICES);
}

int
_attest_cli_matrix (AttestCliContext  *ctx,
                    int                argc,
                    char             **argv)
{
  static const char *formats[] = { "text", "csv", "json", NULL };

  return print_matrix (ctx, "matrix [--format text|csv|json]", argc, argv, formats,
                       attest_matrix_export_text, ATTEST_MATRIX_JSON_ALL);
}
