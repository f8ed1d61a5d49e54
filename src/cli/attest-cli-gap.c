/* attest-cli-gap.c: mine, required, gap
 *
 * "My services" and the required scopes are analyst data (one history row
 * per change); the gap report sets them against each other. The store
 * decides every row (attest-gap.c); this file prints it as text, JSON or
 * CSV (the CSV writer is the evidence package's, attest-gap-csv.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-cli-private.h"
#include "attest-gap-csv.h"
#include "attest-store-error.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-required.h"

#define MINE_USAGE "mine add|remove SERVICE | mine list [--format text|json]"
#define REQUIRED_USAGE "required add|remove S [--framework ID] | required list [--format text|json]"
#define GAP_USAGE "gap [--format text|json|csv] [--as-of YYYY-MM-DD]"

/* The one argument of an add or remove: argv[1] after the options. */
static const char *
one_argument (const char  *usage,
              int          argc,
              char       **argv,
              const char  *what)
{
  if (argc < 2)
    {
      /* Translators: %s is what is missing (SERVICE, S), then the usage line */
      g_printerr (_("attest-cli: %s is missing (usage: %s)\n"), what, usage);
      return NULL;
    }
  if (argc > 2)
    {
      g_printerr (_("attest-cli: unexpected argument “%s”\n"), argv[2]);
      return NULL;
    }
  return argv[1];
}

/* mine ---------------------------------------------------------------- */

static int
mine_set (AttestCliContext  *ctx,
          int                argc,
          char             **argv,
          gboolean           mine)
{
  g_autofree char *service_id = NULL;
  g_autoptr(GError) error = NULL;
  const char *service;
  GOptionEntry entries[] = { { NULL } };

  if (!_attest_cli_parse (MINE_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  service = one_argument (MINE_USAGE, argc, argv, "SERVICE");
  if (service == NULL)
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if (!attest_workspace_resolve_service (ctx->workspace, service, &service_id, &error) ||
      !attest_workspace_set_my_service (ctx->workspace, service_id, mine, &error))
    return _attest_cli_report (error);
  return ATTEST_CLI_OK;
}

static int
mine_add (AttestCliContext  *ctx,
          int                argc,
          char             **argv)
{
  return mine_set (ctx, argc, argv, TRUE);
}

static int
mine_remove (AttestCliContext  *ctx,
             int                argc,
             char             **argv)
{
  return mine_set (ctx, argc, argv, FALSE);
}

static int
mine_list (AttestCliContext  *ctx,
           int                argc,
           char             **argv)
{
  static const char *formats[] = { "text", "json", NULL };
  g_autofree char *format = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };
  int ret;

  if ((ret = _attest_cli_prepare_listing (ctx, "mine list [--format text|json]", entries, &argc, &argv,
                                          &format, formats)) >= 0)
    return ret;
  /* The matrix's rows: a merged service shows as the one it was merged into. */
  matrix = _attest_cli_load_matrix (ctx);
  if (matrix == NULL)
    return ATTEST_CLI_FAILED;

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "services");
      json_builder_begin_array (b);
      for (guint i = 0; i < matrix->services->len; i++)
        {
          AttestMatrixService *s = matrix->services->pdata[i];

          if (!s->mine)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, s->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, s->name);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      _attest_cli_print_json (b);
    }
  else
    for (guint i = 0; i < matrix->services->len; i++)
      {
        AttestMatrixService *s = matrix->services->pdata[i];

        if (s->mine)
          g_print ("%s\t%s\n", s->id, s->name);
      }
  return ATTEST_CLI_OK;
}

int
_attest_cli_mine (AttestCliContext  *ctx,
                  int                argc,
                  char             **argv)
{
  static const AttestCliCommand commands[] = {
    { "add", mine_add },
    { "remove", mine_remove },
    { "list", mine_list },
    { NULL }
  };

  return _attest_cli_dispatch (ctx, "mine", commands, argc, argv);
}

/* required ------------------------------------------------------------ */

static int
required_set (AttestCliContext  *ctx,
              int                argc,
              char             **argv,
              gboolean           required)
{
  g_autofree char *framework = NULL;
  g_autofree char *scope_id = NULL;
  g_autoptr(GError) error = NULL;
  const char *scope;
  GOptionEntry entries[] = {
    { "framework", 0, 0, G_OPTION_ARG_STRING, &framework, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse (REQUIRED_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  scope = one_argument (REQUIRED_USAGE, argc, argv, "S");
  if (scope == NULL)
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if (!attest_workspace_resolve_scope (ctx->workspace, framework, scope, &scope_id, &error) ||
      !attest_workspace_set_required_scope (ctx->workspace, scope_id, required, NULL, &error))
    return _attest_cli_report (error);
  return ATTEST_CLI_OK;
}

static int
required_add (AttestCliContext  *ctx,
              int                argc,
              char             **argv)
{
  return required_set (ctx, argc, argv, TRUE);
}

static int
required_remove (AttestCliContext  *ctx,
                 int                argc,
                 char             **argv)
{
  return required_set (ctx, argc, argv, FALSE);
}

static int
required_list (AttestCliContext  *ctx,
               int                argc,
               char             **argv)
{
  static const char *formats[] = { "text", "json", NULL };
  g_autofree char *format = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) required = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };
  gboolean json;
  int ret;

  if ((ret = _attest_cli_prepare_listing (ctx, "required list [--format text|json]", entries, &argc, &argv,
                                          &format, formats)) >= 0)
    return ret;
  ids = attest_workspace_list_required_scopes (ctx->workspace, &error);
  if (ids == NULL)
    return _attest_cli_report (error);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (required, ids->pdata[i]);
  matrix = _attest_cli_load_matrix (ctx);
  if (matrix == NULL)
    return ATTEST_CLI_FAILED;

  /* In the matrix's column order, with their frameworks' names. */
  json = g_str_equal (format, "json");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scopes");
  json_builder_begin_array (b);
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *fw = matrix->frameworks->pdata[f];

      for (guint s = 0; s < fw->scopes->len; s++)
        {
          AttestMatrixScope *scope = fw->scopes->pdata[s];

          if (!g_hash_table_contains (required, scope->id))
            continue;
          if (!json)
            {
              g_print ("%s\t%s — %s\n", scope->id, fw->short_name, scope->name);
              continue;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, scope->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, scope->name);
          json_builder_set_member_name (b, "framework");
          json_builder_add_string_value (b, fw->id);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    _attest_cli_print_json (b);
  return ATTEST_CLI_OK;
}

int
_attest_cli_required (AttestCliContext  *ctx,
                      int                argc,
                      char             **argv)
{
  static const AttestCliCommand commands[] = {
    { "add", required_add },
    { "remove", required_remove },
    { "list", required_list },
    { NULL }
  };

  return _attest_cli_dispatch (ctx, "required", commands, argc, argv);
}

/* gap ----------------------------------------------------------------- */

/* The other required scopes' names, for "covered by". */
static char *
covered_text (const AttestGapReport *report,
              const AttestGapRow    *row)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < row->covered_by->len; i++)
    {
      const char *id = row->covered_by->pdata[i];
      const char *name = id;

      for (guint j = 0; j < report->scopes->len; j++)
        if (g_str_equal (((AttestGapScope *)report->scopes->pdata[j])->scope_id, id))
          name = ((AttestGapScope *)report->scopes->pdata[j])->scope_name;
      g_string_append_printf (s, "%s%s (%s)", i > 0 ? ", " : "", name, id);
    }
  return g_string_free (s, FALSE);
}

static void
print_gap_text (const AttestGapReport *report)
{
  const char *last_scope = NULL;

  if (report->scopes->len == 0)
    {
      g_print ("%s\n", _("No scope is required yet: mark the ones your organisation must meet with "
                         "“attest-cli required add S”."));
      return;
    }
  for (guint i = 0; i < report->scopes->len; i++)
    {
      g_autofree char *line = attest_gap_scope_summary (report->scopes->pdata[i]);
      g_print ("%s\n", line);
    }
  if (report->rows->len == 0)
    {
      g_print ("\n%s\n", _("None of the services is one of My services yet: add them with "
                           "“attest-cli mine add SERVICE”."));
      return;
    }

  for (guint i = 0; i < report->rows->len; i++)
    {
      AttestGapRow *row = report->rows->pdata[i];
      GString *details = g_string_new (NULL);
      g_autofree char *text = NULL;

      if (g_strcmp0 (row->scope_id, last_scope) != 0)
        {
          g_print ("\n%s (%s)\n", row->scope_name, row->scope_id);
          last_scope = row->scope_id;
        }
      switch (row->state)
        {
        case ATTEST_GAP_NOT_CERTIFIED:
        case ATTEST_GAP_NO_LONGER_CERTIFIED:
          if (row->page_label != NULL)
            /* Translators: the page version the state is read from */
            g_string_append_printf (details, _("newest page: %s"), row->page_label);
          if (row->covered_by->len > 0)
            {
              g_autofree char *covered = covered_text (report, row);

              if (details->len > 0)
                g_string_append (details, "; ");
              /* Translators: the other required scopes that cover the service */
              g_string_append_printf (details, _("covered by %s"), covered);
            }
          break;
        case ATTEST_GAP_OPEN:
          if (row->missing->len > 0)
            {
              g_autofree char *items = attest_gap_items_text (row->missing, FALSE);
              g_string_append_printf (details, _("missing: %s"), items);
            }
          if (row->exceptions->len > 0)
            {
              g_autofree char *items = attest_gap_items_text (row->exceptions, FALSE);
              if (details->len > 0)
                g_string_append (details, "; ");
              g_string_append_printf (details, _("exceptions: %s"), items);
            }
          if (row->overdue->len > 0)
            {
              g_autofree char *items = attest_gap_items_text (row->overdue, TRUE);
              if (details->len > 0)
                g_string_append (details, "; ");
              g_string_append_printf (details, _("overdue: %s"), items);
            }
          break;
        case ATTEST_GAP_EVIDENCE_EXPIRING:
          {
            g_autofree char *files = attest_gap_evidence_text (row->evidence);
            g_string_append (details, files);
          }
          break;
        case ATTEST_GAP_READY:
        default:
          break;
        }
      text = g_string_free (details, FALSE);
      g_print ("  %s (%s): %s%s%s\n", row->service_name, row->service_id, attest_gap_state_label (row->state),
               *text != '\0' ? " — " : "", text);
    }
}

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_items (JsonBuilder *b,
           const char  *name,
           GPtrArray   *items)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      AttestGapItem *item = items->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_int_value (b, item->position);
      add_string_member (b, "title", attest_checklist_title_display (item->title));
      add_string_member (b, "status", item->status);
      add_string_member (b, "due", item->due);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_gap_json (const AttestGapReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string_member (b, "today", report->today);
  json_builder_set_member_name (b, "scopes");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->scopes->len; i++)
    {
      AttestGapScope *s = report->scopes->pdata[i];
      g_autofree char *summary = attest_gap_scope_summary (s);

      json_builder_begin_object (b);
      add_string_member (b, "id", s->scope_id);
      add_string_member (b, "name", s->scope_name);
      add_string_member (b, "framework", s->framework_id);
      json_builder_set_member_name (b, "services");
      json_builder_add_int_value (b, s->n_services);
      json_builder_set_member_name (b, "states");
      json_builder_begin_object (b);
      for (guint st = 0; st <= ATTEST_GAP_READY; st++)
        {
          json_builder_set_member_name (b, attest_gap_state_word (st));
          json_builder_add_int_value (b, s->n_state[st]);
        }
      json_builder_end_object (b);
      add_string_member (b, "summary", summary);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->rows->len; i++)
    {
      AttestGapRow *row = report->rows->pdata[i];

      json_builder_begin_object (b);
      add_string_member (b, "scope", row->scope_id);
      add_string_member (b, "scope_name", row->scope_name);
      add_string_member (b, "service", row->service_id);
      add_string_member (b, "service_name", row->service_name);
      add_string_member (b, "state", attest_gap_state_word (row->state));
      json_builder_set_member_name (b, "page");
      if (row->variant_id != 0)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "variant");
          json_builder_add_int_value (b, row->variant_id);
          add_string_member (b, "file", row->page_file);
          add_string_member (b, "label", row->page_label);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "covered_by");
      json_builder_begin_array (b);
      for (guint j = 0; j < row->covered_by->len; j++)
        json_builder_add_string_value (b, row->covered_by->pdata[j]);
      json_builder_end_array (b);
      add_items (b, "missing", row->missing);
      add_items (b, "exceptions", row->exceptions);
      add_items (b, "overdue", row->overdue);
      json_builder_set_member_name (b, "evidence");
      json_builder_begin_array (b);
      for (guint j = 0; j < row->evidence->len; j++)
        {
          AttestGapEvidence *e = row->evidence->pdata[j];

          json_builder_begin_object (b);
          add_string_member (b, "sha256", e->sha256);
          add_string_member (b, "name", e->name);
          add_string_member (b, "expires", e->expires);
          add_string_member (b, "expiry", e->state == ATTEST_EXPIRY_EXPIRED ? "expired" : "expiring");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  _attest_cli_print_json (b);
}

/* The same CSV as the evidence package's data/gap.csv (attest-gap-csv.c). */
static void
print_gap_csv (const AttestGapReport *report)
{
  g_autofree char *out = attest_gap_export_csv (report);

  fputs (out, stdout);
}

int
_attest_cli_gap (AttestCliContext  *ctx,
                 int                argc,
                 char             **argv)
{
  static const char *formats[] = { "text", "json", "csv", NULL };
  g_autofree char *format = NULL;
  g_autofree char *as_of = NULL;
  g_autoptr(AttestGapReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse (GAP_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (as_of != NULL && !attest_evidence_date_is_valid (as_of))
    {
      g_printerr (_("attest-cli: --as-of needs a date as YYYY-MM-DD, not “%s”\n"), as_of);
      return ATTEST_CLI_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("attest-cli: unexpected argument “%s”\n"), argv[1]);
      return ATTEST_CLI_USAGE;
    }
  if (format == NULL)
    format = g_strdup ("text");
  if (!_attest_cli_check_format (format, formats))
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  report = attest_workspace_gap_report (ctx->workspace, as_of, &error);
  if (report == NULL)
    return _attest_cli_report (error);
  if (g_str_equal (format, "json"))
    print_gap_json (report);
  else if (g_str_equal (format, "csv"))
    print_gap_csv (report);
  else
    print_gap_text (report);
  return ATTEST_CLI_OK;
}
