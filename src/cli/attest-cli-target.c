/* attest-cli-target.c: what the commands name (an item, a cell, a note's
 * target) and how a command group picks its subcommand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-cli-private.h"
#include "attest-store-error.h"

void
_attest_cli_target_clear (AttestCliTarget *t)
{
  g_clear_pointer (&t->framework, g_free);
  g_clear_pointer (&t->section, g_free);
  g_clear_pointer (&t->scope, g_free);
  g_clear_pointer (&t->service, g_free);
  g_clear_pointer (&t->evidence, g_free);
}

/* Whether any of the item options (--framework, --scope, --service,
 * --item) was given. */
gboolean
_attest_cli_target_names_item (const AttestCliTarget *t)
{
  return t->framework != NULL || t->scope != NULL || t->service != NULL || t->item != 0;
}

/* The checklist item --item N of a cell (of its template when the cell was
 * never edited: the edit stores it). */
gboolean
_attest_cli_find_item (AttestCliContext     *ctx,
                       const char           *scope_id,
                       const char           *service_id,
                       int                   n,
                       AttestChecklistItem **out,
                       GError              **error)
{
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ctx->workspace, scope_id, service_id, error);

  if (items == NULL)
    return FALSE;
  if (n < 1 || (guint)n > items->len)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("--item must be between 1 and %u for this cell"), items->len);
      return FALSE;
    }
  *out = g_steal_pointer (&items->pdata[n - 1]);
  return TRUE;
}

/* The id of the item --framework ID --scope S --service NAME --item N: a
 * cell never edited gives its template item's (negative) id, which the edit
 * stores. 0 with @error set when there is none. */
gint64
_attest_cli_resolve_item (AttestCliContext       *ctx,
                          const AttestCliTarget  *t,
                          GError                **error)
{
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autoptr(AttestChecklistItem) item = NULL;

  if (t->framework == NULL || t->service == NULL || t->item == 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("Name the checklist item: --framework ID --scope S --service NAME --item N"));
      return 0;
    }
  if (!attest_workspace_resolve_cell (ctx->workspace, t->framework, t->scope, t->service,
                                      &scope_id, &service_id, error) ||
      !_attest_cli_find_item (ctx, scope_id, service_id, t->item, &item, error))
    return 0;
  return item->id;
}

/* Prints @error and returns the exit code: what the user named wrongly is a
 * usage error (2); anything else a failure (1). */
int
_attest_cli_report (const GError *error)
{
  g_printerr ("attest-cli: %s\n", error->message);
  return _attest_cli_store_error_status (error);
}

/* Runs the subcommand argv[1] of the command group @group ("evidence"),
 * one of @commands (ended by a NULL name), with argv from it on; a missing
 * or unknown one is a usage error naming the ones there are. */
int
_attest_cli_dispatch (AttestCliContext        *ctx,
                      const char              *group,
                      const AttestCliCommand  *commands,
                      int                      argc,
                      char                   **argv)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  g_autofree char *list = NULL;

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (argc >= 2 && g_str_equal (argv[1], commands[i].name))
        return commands[i].run (ctx, argc - 1, argv + 1);
      g_ptr_array_add (names, (gpointer)commands[i].name);
    }

  list = g_strjoinv (", ", (char **)names->pdata);
  if (argc >= 2)
    /* Translators: the first %s is a command (“evidence”), the last the
     * subcommands it has (“attach, list, export”). */
    g_printerr (_("attest-cli: unknown %s command “%s” (use one of: %s)\n"), group, argv[1], list);
  else
    g_printerr (_("attest-cli: %s needs a command, one of: %s\n"), group, list);
  return ATTEST_CLI_USAGE;
}
