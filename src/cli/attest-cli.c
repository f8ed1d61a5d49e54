/* attest-cli.c: Attest from scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "attest-cli-private.h"
#include "attest-paths.h"


typedef struct {
  const char *name;
  const char *usage;
  const char *summary;
  int (*run) (AttestCliContext *ctx, int argc, char **argv);
} Command;

static const Command commands[] = {
  { "import", "import [--include-root DIR] PATH…", N_("import offering pages from files or folders"), _attest_cli_import },
  { "frameworks", "frameworks [--format text|json]", N_("list the frameworks and their scopes"), _attest_cli_frameworks },
  { "services", "services [--format text|json]", N_("list the services with their aliases and translations"), _attest_cli_services },
  { "matrix", "matrix [--format text|csv|json]", N_("print the framework × service matrix"), _attest_cli_matrix },
  { "show", "show FRAMEWORK [--lang translated|source|both] [--locale L]", N_("print a framework's newest page as plain text"), _attest_cli_show },
  { "note", "note add TARGET TEXT|--file F | note list [TARGET]", N_("add a Markdown note, or list notes"), _attest_cli_note },
  { "checklist", "checklist show|set --framework ID --scope S --service NAME …", N_("show or edit a cell's evidence checklist"), _attest_cli_checklist },
  { "history", "history [--format text|json]", N_("print the history of every change and import"), _attest_cli_history },
  { "verify", "verify [--fingerprint] [--expect FINGERPRINT]", N_("check the database, the history chain and every evidence file"), _attest_cli_verify },
  { "evidence", "evidence attach|list|export …", N_("attach evidence files to checklist items, list or export them"), _attest_cli_evidence },
  { "annotation", "annotation add|list|edit|delete …", N_("mark evidence PDFs: add, list, edit or delete annotations"), _attest_cli_annotation },
  { "export", "export matrix OUT.{pdf,csv,html,json,xlsx} [--framework ID…] [--mine] [--exceptions]", N_("export the matrix as PDF, CSV, HTML, JSON or XLSX (with a sheet of the evidence), with the matrix filters"), _attest_cli_export },
  { "export", "export report OUT.{pdf,html} [--framework ID…] [--mine]", N_("export the evidence report (summary, checklist items, evidence, notes, annotations) as PDF or HTML"), _attest_cli_export },
  { "export", "export package DIR [--zip]", N_("write the evidence package: a BagIt folder (or DIR.zip) with the report, the matrix, every evidence file and the notes"), _attest_cli_export },
  { "mine", "mine add|remove SERVICE | mine list", N_("add a service to My services, remove it, or list them"), _attest_cli_mine },
  { "required", "required add|remove S | required list", N_("mark a scope your organisation requires, unmark it, or list them"), _attest_cli_required },
  { "gap", "gap [--format text|json|csv] [--as-of YYYY-MM-DD]", N_("the gap report: each of My services against each required scope"), _attest_cli_gap },
  { "export", "export oscal OUT.json", N_("write the gap report as OSCAL 1.1 assessment-results JSON"), _attest_cli_export },
  { "search", "search QUERY… [--format text|json]", N_("search page text, notes, checklists and evidence"), _attest_cli_search },
  { "link", "link list|get|attach …", N_("list the pages' links, download or attach a link's document"), _attest_cli_link },
  { "versions", "versions [FRAMEWORK] [--format …]", N_("list the stored page versions, their dates and which is current"), _attest_cli_versions },
  { "version", "version ACTION ID [YYYY-MM-DD]", N_("set-date, clear-date or make-current: a page version's date"), _attest_cli_version },
  { NULL, NULL, NULL, NULL },
};

/* The Preferences value, when the schema is installed (it need not be: the CLI
 * runs uninstalled and on machines without the GUI). */
static char *
preferences_reviewer (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *name = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  name = g_settings_get_string (settings, "reviewer-name");
  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: attest-cli [--workspace FILE] [--reviewer NAME] COMMAND [ARGS…]"));
  fprintf (out, "\n%s\n", _("Review cloud compliance coverage and keep the audit evidence, from scripts."));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --workspace FILE  %s\n", _("the workspace file (default: the default workspace)"));
  fprintf (out, "  --reviewer NAME   %s\n", _("the name recorded in the history for changes"));
  fprintf (out, "  --version         %s\n", _("print the version and exit"));
  fprintf (out, "  --help            %s\n", _("print this help and exit"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (const Command *c = commands; c->name != NULL; c++)
    fprintf (out, "  %-34s %s\n", c->usage, _(c->summary));
  fprintf (out, "\n%s\n", _("Exit status: 0 on success, 1 when some inputs failed, 2 on usage errors."));
}

/* Global options may stand anywhere on the line: take them out first. */
static gboolean
take_global_options (int               *argc,
                     char             **argv,
                     AttestCliContext  *ctx,
                     gboolean          *want_help,
                     gboolean          *want_version)
{
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = argv[i];
      char **target = NULL;
      const char *opt = NULL;

      if (g_str_equal (arg, "--"))
        {
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          *want_help = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--version"))
        {
          *want_version = TRUE;
          continue;
        }

      if (g_str_has_prefix (arg, "--workspace"))
        target = &ctx->workspace_path, opt = "--workspace";
      else if (g_str_has_prefix (arg, "--reviewer"))
        target = &ctx->reviewer, opt = "--reviewer";

      if (target != NULL && arg[strlen (opt)] == '=')
        {
          g_free (*target);
          *target = g_strdup (arg + strlen (opt) + 1);
          continue;
        }
      if (target != NULL && arg[strlen (opt)] == '\0')
        {
          if (i + 1 >= *argc)
            {
              g_printerr (_("attest-cli: %s needs a value\n"), opt);
              return FALSE;
            }
          g_free (*target);
          *target = g_strdup (argv[++i]);
          continue;
        }
      argv[out++] = argv[i];
    }
  *argc = out;
  argv[out] = NULL;
  return TRUE;
}

/* The data files a command reads (the catalog rules, checklist templates):
 * missing when attest-cli runs from a build folder without `meson devenv`.
 * Said before any workspace is opened, so no file is made for nothing. */
static gboolean
check_data_files (const char *command)
{
  static const char * const needs_data[] = { "import", "checklist", "evidence", "annotation", NULL };
  const char *dir = attest_paths_data_dir ();
  g_autofree char *path = g_build_filename (dir, "frameworks.tsv", NULL);
  g_autofree char *shown = NULL;

  if (!g_strv_contains (needs_data, command) || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  shown = g_filename_display_name (path);
  g_printerr (_("attest-cli: the data files of Attest are missing (%s is not there).\n"
                "Run attest-cli installed (meson install -C build), or uninstalled with "
                "“meson devenv -C build --workdir \"$PWD\" build/src/cli/attest-cli …”, "
                "or set ATTEST_DATADIR to the source tree's data folder.\n"), shown);
  return FALSE;
}

/* A command that failed leaves no workspace file it created (and nothing in). */
static void
forget_created_workspace (AttestCliContext *ctx)
{
  g_autofree char *path = NULL;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (ctx->workspace == NULL || !attest_workspace_was_created (ctx->workspace) ||
      attest_workspace_count_frameworks (ctx->workspace, NULL) != 0)
    return;
  path = g_canonicalize_filename (ctx->workspace_path, NULL);
  g_clear_object (&ctx->workspace);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      (void) g_unlink (file);
    }
}

static void
context_clear (AttestCliContext *ctx)
{
  g_clear_object (&ctx->workspace);
  g_clear_pointer (&ctx->workspace_path, g_free);
  g_clear_pointer (&ctx->reviewer, g_free);
}

/* Everything but the cleanup: main() frees the context on every way out, so
 * no early return (a usage error, --help) leaks what the options gave. */
static int
run (AttestCliContext  *ctx,
     int                argc,
     char             **argv)
{
  gboolean want_help = FALSE, want_version = FALSE;
  const Command *command = NULL;
  int ret;

  if (!take_global_options (&argc, argv, ctx, &want_help, &want_version))
    return ATTEST_CLI_USAGE;

  if (want_version)
    {
      g_print ("attest-cli %s\n", PACKAGE_VERSION);
      return ATTEST_CLI_OK;
    }

  if (argc < 2)
    {
      print_help (want_help ? stdout : stderr);
      return want_help ? ATTEST_CLI_OK : ATTEST_CLI_USAGE;
    }

  for (const Command *c = commands; c->name != NULL && command == NULL; c++)
    if (g_str_equal (c->name, argv[1]))
      command = c;

  if (command == NULL)
    {
      g_printerr (_("attest-cli: unknown command “%s”; see attest-cli --help\n"), argv[1]);
      return ATTEST_CLI_USAGE;
    }

  if (want_help)
    {
      /* A command may have several forms (export matrix|report|package). */
      for (const Command *c = command; c->name != NULL && g_str_equal (c->name, command->name); c++)
        g_print ("%s: attest-cli %s\n%s\n", _("Usage"), c->usage, _(c->summary));
      return ATTEST_CLI_OK;
    }

  if (ctx->workspace_path == NULL)
    ctx->workspace_path = attest_paths_default_workspace ();
  /* The reviewer: --reviewer, else $ATTEST_REVIEWER, else Preferences, else the
   * account's real name (the workspace's own default). */
  if (ctx->reviewer == NULL && g_getenv ("ATTEST_REVIEWER") != NULL && *g_getenv ("ATTEST_REVIEWER") != '\0')
    ctx->reviewer = g_strdup (g_getenv ("ATTEST_REVIEWER"));
  if (ctx->reviewer == NULL)
    ctx->reviewer = preferences_reviewer ();

  if (!check_data_files (command->name))
    return ATTEST_CLI_FAILED;

  ret = command->run (ctx, argc - 1, argv + 1);
  if (ret != ATTEST_CLI_OK)
    forget_created_workspace (ctx);
  return ret;
}

int
main (int   argc,
      char *argv[])
{
  AttestCliContext ctx = { 0 };
  int ret;

  attest_paths_init_i18n ();
  ret = run (&ctx, argc, argv);
  context_clear (&ctx);
  return ret;
}
