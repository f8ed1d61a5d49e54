/* attest-cli-work.c: note, checklist, history, verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "attest-count.h"
#include "attest-cli-private.h"
#include "attest-history.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"
#include "attest-json.h"

static gboolean
has_target (const AttestCliTarget *t)
{
  return t->framework != NULL || t->service != NULL || t->evidence != NULL;
}

static char *
resolve_target (AttestCliContext  *ctx,
                const AttestCliTarget *t,
                GError           **error)
{
  if (t->evidence != NULL)
    return g_strdup_printf ("evidence:%s", t->evidence);

  if (t->framework != NULL && t->scope == NULL && t->service == NULL)
    return t->section != NULL ? g_strdup_printf ("framework:%s#%s", t->framework, t->section)
                              : g_strdup_printf ("framework:%s", t->framework);

  if (t->framework != NULL)
    {
      g_autofree char *scope_id = NULL;
      g_autofree char *service_id = NULL;
      g_autoptr(AttestChecklistItem) item = NULL;

      if (!attest_workspace_resolve_cell (ctx->workspace, t->framework, t->scope, t->service,
                                          &scope_id, &service_id, error))
        return NULL;
      if (t->item == 0)
        return g_strdup_printf ("cell:%s:%s", scope_id, service_id);
      if (!_attest_cli_find_item (ctx, scope_id, service_id, t->item, &item, error))
        return NULL;
      return g_strdup_printf ("item:%" G_GINT64_FORMAT, item->id);
    }

  if (t->service != NULL)
    {
      g_autofree char *service_id = NULL;
      if (!attest_workspace_resolve_service (ctx->workspace, t->service, &service_id, error))
        return NULL;
      return g_strdup_printf ("service:%s", service_id);
    }

  g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
               _("Name what the note is on: --framework ID [--section KEY], --framework ID --scope S "
                 "--service NAME [--item N], --service NAME or --evidence SHA256"));
  return NULL;
}

/* The text of a note from @path, or standard input for "-": at most a
 * note's worth (never more is read), UTF-8. Returns the exit code; on a bad
 * file, a message naming it and the reason. */
static int
read_note_file (const char  *path,
                char       **text)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  const char *end = NULL;
  FILE *in;
  gsize len = 0;
  int saved;

  if (g_str_equal (path, "-"))
    {
      name = g_strdup (_("standard input"));
      in = stdin;
    }
  else
    {
      name = g_filename_display_name (path);
      in = g_fopen (path, "rb");
      if (in == NULL)
        {
          saved = errno;
          g_printerr (_("attest-cli: could not read %s: %s\n"), name, g_strerror (saved));
          return ATTEST_CLI_FAILED;
        }
    }

  /* One byte more than a note may hold tells a file too large; never more
   * is read, whatever the file's size. */
  data = g_malloc (ATTEST_NOTE_MAX_BYTES + 2);
  len = fread (data, 1, ATTEST_NOTE_MAX_BYTES + 1, in);
  saved = ferror (in) ? errno : 0;
  if (in != stdin)
    fclose (in);
  if (saved != 0)
    {
      g_printerr (_("attest-cli: could not read %s: %s\n"), name, g_strerror (saved));
      return ATTEST_CLI_FAILED;
    }
  data[len] = '\0';
  if (len > ATTEST_NOTE_MAX_BYTES)
    {
      g_printerr (_("attest-cli: %s is larger than a note can be (1 MiB)\n"), name);
      return ATTEST_CLI_FAILED;
    }
  if (!g_utf8_validate (data, (gssize)len, &end))
    {
      g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize)(end - data));
      /* Translators: the second %s is a byte offset in the file */
      g_printerr (_("attest-cli: %s is not UTF-8 text (at byte %s)\n"), name, offset);
      return ATTEST_CLI_FAILED;
    }
  if (len == 0)
    {
      g_printerr (_("attest-cli: %s is empty: a note needs some text\n"), name);
      return ATTEST_CLI_FAILED;
    }
  *text = g_steal_pointer (&data);
  return ATTEST_CLI_OK;
}

int
_attest_cli_note (AttestCliContext  *ctx,
                  int                argc,
                  char             **argv)
{
  g_auto(AttestCliTarget) t = { 0 };
  g_autofree char *format = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  GOptionEntry entries[] = {
    ATTEST_CLI_TARGET_ENTRIES (t),
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, NULL, NULL },
    { NULL }
  };
  static const char *formats[] = { "text", "json", NULL };

  if (!_attest_cli_parse ("note add TARGET TEXT | note add TARGET --file FILE|- | note list [TARGET]", entries,
                          &argc, &argv))
    return ATTEST_CLI_USAGE;

  if (argc >= 2 && g_str_equal (argv[1], "add"))
    {
      g_autofree char *text = NULL;
      gint64 id = 0;
      int ret;

      if (!has_target (&t) || (file == NULL && argc != 3) || (file != NULL && argc != 2))
        {
          g_printerr (_("attest-cli: usage: note add TARGET TEXT | note add TARGET --file FILE|- "
                        "(TEXT is one argument; quote it)\n"));
          return ATTEST_CLI_USAGE;
        }
      /* Read before the workspace is opened: a bad file changes nothing. */
      if (file != NULL && (ret = read_note_file (file, &text)) != ATTEST_CLI_OK)
        return ret;
      if (!_attest_cli_open_workspace (ctx))
        return ATTEST_CLI_FAILED;
      target = resolve_target (ctx, &t, &error);
      if (target == NULL ||
          !attest_workspace_add_note (ctx->workspace, target, text != NULL ? text : argv[2], &id, &error))
        return _attest_cli_report (error);
      /* Printed only now: the note is committed. */
      g_print ("%" G_GINT64_FORMAT "\n", id);
      return ATTEST_CLI_OK;
    }

  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) notes = NULL;

      if (format == NULL)
        format = g_strdup ("text");
      if (!_attest_cli_check_format (format, formats))
        return ATTEST_CLI_USAGE;
      if (!_attest_cli_open_workspace (ctx))
        return ATTEST_CLI_FAILED;
      if (has_target (&t) && (target = resolve_target (ctx, &t, &error)) == NULL)
        return _attest_cli_report (error);
      notes = attest_workspace_list_notes (ctx->workspace, target, &error);
      if (notes == NULL)
        return _attest_cli_report (error);

      if (g_str_equal (format, "json"))
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "notes");
          json_builder_begin_array (b);
          for (guint i = 0; i < notes->len; i++)
            {
              AttestNote *n = notes->pdata[i];
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, n->id);
              json_builder_set_member_name (b, "target");
              json_builder_add_string_value (b, n->target);
              json_builder_set_member_name (b, "text");
              json_builder_add_string_value (b, n->text);
              json_builder_set_member_name (b, "created");
              json_builder_add_string_value (b, n->created_at);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
          _attest_cli_print_json (b);
        }
      else
        for (guint i = 0; i < notes->len; i++)
          {
            AttestNote *n = notes->pdata[i];
            g_print ("%" G_GINT64_FORMAT "\t%s\t%s\n%s\n\n", n->id, n->target, n->created_at, n->text);
          }
      return ATTEST_CLI_OK;
    }

  g_printerr (_("attest-cli: usage: note add TARGET TEXT | note add TARGET --file FILE|- | "
                "note list [TARGET] [--format text|json]\n"));
  return ATTEST_CLI_USAGE;
}

static void
print_checklist_json (const char   *scope_id,
                      const char   *service_id,
                      GPtrArray    *items,
                      AttestRollup *rollup)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scope");
  json_builder_add_string_value (b, scope_id);
  json_builder_set_member_name (b, "service");
  json_builder_add_string_value (b, service_id);
  json_builder_set_member_name (b, "rollup");
  json_builder_add_string_value (b, attest_rollup_word (rollup, TRUE));
  json_builder_set_member_name (b, "satisfied");
  json_builder_add_int_value (b, rollup->satisfied + rollup->not_applicable);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, rollup->total);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      AttestChecklistItem *it = items->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_int_value (b, it->position);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, it->title);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, it->status);
      json_builder_set_member_name (b, "owner");
      json_builder_add_string_value (b, it->owner);
      attest_json_add_string_or_null (b, "due", it->due);
      json_builder_set_member_name (b, "evidence");
      json_builder_begin_array (b);
      for (guint j = 0; j < it->evidence->len; j++)
        json_builder_add_string_value (b, it->evidence->pdata[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  _attest_cli_print_json (b);
}

int
_attest_cli_checklist (AttestCliContext  *ctx,
                       int                argc,
                       char             **argv)
{
  g_auto(AttestCliTarget) t = { 0 };
  g_autofree char *format = NULL;
  g_autofree char *status = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *due = NULL;
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean show, set;
  GOptionEntry entries[] = {
    ATTEST_CLI_TARGET_ENTRIES (t),
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, NULL, NULL },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, NULL, NULL },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, NULL, NULL },
    { NULL }
  };
  static const char *formats[] = { "text", "json", NULL };

  if (!_attest_cli_parse ("checklist show|set", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  show = argc == 2 && g_str_equal (argv[1], "show");
  set = argc == 2 && g_str_equal (argv[1], "set");
  if ((!show && !set) || t.framework == NULL || t.scope == NULL || t.service == NULL || (set && t.item == 0))
    {
      g_printerr (_("attest-cli: usage: checklist show --framework ID --scope S --service NAME [--format text|json]\n"
                    "       checklist set --framework ID --scope S --service NAME --item N [--status STATUS] "
                    "[--owner NAME] [--due YYYY-MM-DD]\n"));
      return ATTEST_CLI_USAGE;
    }
  if (format == NULL)
    format = g_strdup ("text");
  if (!_attest_cli_check_format (format, formats))
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  if (!attest_workspace_resolve_cell (ctx->workspace, t.framework, t.scope, t.service, &scope_id, &service_id, &error))
    return _attest_cli_report (error);

  if (set)
    {
      g_autoptr(AttestChecklistItem) item = NULL;

      if (status == NULL && owner == NULL && due == NULL)
        {
          g_printerr (_("attest-cli: checklist set needs --status, --owner or --due\n"));
          return ATTEST_CLI_USAGE;
        }
      if (!_attest_cli_find_item (ctx, scope_id, service_id, t.item, &item, &error) ||
          !attest_workspace_update_item (ctx->workspace, item->id, status, owner, due, &error))
        return _attest_cli_report (error);
      return ATTEST_CLI_OK;
    }

  {
    g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ctx->workspace, scope_id, service_id, &error);
    AttestRollup rollup;

    if (items == NULL || !attest_workspace_cell_rollup (ctx->workspace, scope_id, service_id, &rollup, &error))
      return _attest_cli_report (error);
    /* A cell never edited: its template's items, none started, none stored. */
    if (rollup.total == 0)
      rollup.total = items->len;

    if (g_str_equal (format, "json"))
      print_checklist_json (scope_id, service_id, items, &rollup);
    else
      {
        g_print ("%s × %s: %s (%u/%u)\n", scope_id, service_id, attest_rollup_word (&rollup, TRUE),
                 rollup.satisfied + rollup.not_applicable, rollup.total);
        for (guint i = 0; i < items->len; i++)
          {
            AttestChecklistItem *it = items->pdata[i];
            g_print ("%u. [%s] %s", it->position, it->status, attest_checklist_title_display (it->title));
            if (*it->owner != '\0')
              g_print (" — %s", it->owner);
            if (it->due != NULL)
              g_print (" — %s %s", _("due"), it->due);
            if (it->evidence->len > 0)
              {
                g_print (" — ");
                g_print (g_dngettext (GETTEXT_PACKAGE, "%s evidence file", "%s evidence files", it->evidence->len),
                         attest_count (it->evidence->len));
              }
            g_print ("\n");
          }
      }
  }
  return ATTEST_CLI_OK;
}

/* A history value as JSON: parsed when it is (depth-bounded: the file is
 * untrusted), else the stored text as a string. */
static JsonNode *
stored_value (const char *text)
{
  JsonNode *node;

  if (text == NULL)
    return json_node_new (JSON_NODE_NULL);
  node = attest_history_parse_json (text, NULL);
  if (node == NULL)
    node = json_node_init_string (json_node_alloc (), text);
  return node;
}

int
_attest_cli_history (AttestCliContext  *ctx,
                     int                argc,
                     char             **argv)
{
  int ret;
  g_autofree char *format = NULL;
  g_autofree char *entity = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity, NULL, NULL },
    { NULL }
  };
  static const char *formats[] = { "text", "json", NULL };

  if ((ret = _attest_cli_prepare_listing (ctx, "history", entries, &argc, &argv, &format, formats)) >= 0)
    return ret;

  rows = attest_workspace_list_history (ctx->workspace, entity, &error);
  if (rows == NULL)
    return _attest_cli_report (error);

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          AttestHistoryEntry *e = rows->pdata[i];
          const char *keys[] = { "at", "reviewer", "entity", "entity_id", "action", "hash", "prev_hash" };
          const char *values[] = { e->at, e->reviewer, e->entity, e->entity_id, e->action, e->hash, e->prev_hash };

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, e->id);
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              json_builder_set_member_name (b, keys[k]);
              json_builder_add_string_value (b, values[k]);
            }
          json_builder_set_member_name (b, "before");
          json_builder_add_value (b, stored_value (e->before));
          json_builder_set_member_name (b, "after");
          json_builder_add_value (b, stored_value (e->after));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      _attest_cli_print_json (b);
    }
  else
    {
      g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (ctx->workspace);

      for (guint i = 0; i < rows->len; i++)
        {
          AttestHistoryEntry *e = rows->pdata[i];
          /* The same words as the History window (attest_history_describe). */
          g_autoptr(AttestHistoryDescription) d = attest_history_describe (e, names);
          /* Translators: a history row: what was done, then to what (as the History window says it) */
          g_autofree char *summary = g_strdup_printf (_("%s: %s"), d->what, d->subject);

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s %s %s\n", e->id, e->at, e->reviewer, e->action, e->entity,
                   e->entity_id);
          g_print ("\t%s\n", summary);
          for (guint c = 0; c < d->changes->len; c++)
            g_print ("\t%s\n", (const char *)d->changes->pdata[c]);
        }
    }
  return ATTEST_CLI_OK;
}

int
_attest_cli_verify (AttestCliContext  *ctx,
                    int                argc,
                    char             **argv)
{
  gboolean fingerprint_only = FALSE;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  gint64 n_rows = 0;
  GOptionEntry entries[] = {
    { "fingerprint", 0, 0, G_OPTION_ARG_NONE, &fingerprint_only, NULL, NULL },
    { "expect", 0, 0, G_OPTION_ARG_STRING, &expected, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse ("verify", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc > 1)
    {
      g_printerr (_("attest-cli: unexpected argument “%s”\n"), argv[1]);
      return ATTEST_CLI_USAGE;
    }
  if (expected != NULL && !attest_history_is_fingerprint (expected))
    {
      g_printerr (_("attest-cli: --expect takes a fingerprint: 64 hexadecimal digits, as verify prints it\n"));
      return ATTEST_CLI_USAGE;
    }
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  if (!attest_workspace_verify_expecting (ctx->workspace, expected, problems, &fingerprint, &n_rows, &error))
    return _attest_cli_report (error);

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (char *)problems->pdata[i]);

  if (problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "attest-cli: %s problem found\n",
                               "attest-cli: %s problems found\n", problems->len), attest_count (problems->len));
      return ATTEST_CLI_FAILED;
    }
  if (fingerprint_only)
    g_print ("%s\n", fingerprint);
  else
    {
      g_print ("%s\n", _("Workspace verified: database, history chain and evidence files are intact."));
      /* The row count beside the fingerprint: a history cut short is a good
       * chain too, only shorter (--expect catches it). */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Fingerprint: %s (%s history row)", "Fingerprint: %s (%s history rows)",
                            (gulong)MAX (n_rows, 0)),
               fingerprint, attest_count ((guint64)MAX (n_rows, 0)));
      g_print ("\n");
    }
  return ATTEST_CLI_OK;
}
