/* attest-cli-evidence.c: evidence attach, list, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "attest-annotated-copy.h"
#include "attest-count.h"
#include "attest-cli-private.h"
#include "attest-evidence-file.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-json.h"

#define ATTACH_USAGE "evidence attach --framework ID --scope S --service NAME --item N FILE " \
                     "[--effective YYYY-MM-DD] [--expires YYYY-MM-DD]"

static gboolean
check_date_option (const char *option,
                   const char *value)
{
  if (value == NULL || attest_evidence_date_is_valid (value))
    return TRUE;
  g_printerr (_("attest-cli: %s “%s” is not a date (use YYYY-MM-DD)\n"), option, value);
  return FALSE;
}

static int
evidence_attach (AttestCliContext  *ctx,
                 int                argc,
                 char             **argv)
{
  g_autofree char *framework = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *service = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestEvidenceFile) prepared = NULL;
  g_autoptr(GError) error = NULL;
  AttestChecklistItem *item;
  int item_number = 0;
  GOptionEntry entries[] = {
    { "framework", 0, 0, G_OPTION_ARG_STRING, &framework, NULL, NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, NULL, NULL },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service, NULL, NULL },
    { "item", 0, 0, G_OPTION_ARG_INT, &item_number, NULL, NULL },
    { "effective", 0, 0, G_OPTION_ARG_STRING, &effective, NULL, NULL },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse (ATTACH_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (framework == NULL || scope == NULL || service == NULL || item_number == 0 || argc != 2)
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), ATTACH_USAGE);
      return ATTEST_CLI_USAGE;
    }
  if (item_number < 1)
    {
      g_printerr (_("attest-cli: --item counts checklist items from 1, not %d\n"), item_number);
      return ATTEST_CLI_USAGE;
    }
  if (!check_date_option ("--effective", effective) || !check_date_option ("--expires", expires))
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  if (!attest_workspace_resolve_cell (ctx->workspace, framework, scope, service, &scope_id, &service_id, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return _attest_cli_store_error_status (error);
    }

  items = attest_workspace_get_checklist (ctx->workspace, scope_id, service_id, &error);
  if (items == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  if ((guint)item_number > items->len)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "attest-cli: the checklist of %s:%s has %s item; there is no item %d\n",
                               "attest-cli: the checklist of %s:%s has %s items; there is no item %d\n",
                               items->len),
                  scope_id, service_id, attest_count (items->len), item_number);
      return ATTEST_CLI_USAGE;
    }
  item = items->pdata[item_number - 1];

  /* Nothing is stored unless the whole file could be read. */
  file = g_file_new_for_commandline_arg (argv[1]);
  prepared = attest_evidence_file_prepare (file, NULL, NULL, NULL, &error);
  if (prepared == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }

  if (!attest_evidence_file_attach (prepared, ctx->workspace, item->id, effective, expires, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return _attest_cli_store_error_status (error);
    }

  /* A PDF that cannot be read is evidence all the same: kept, without its text. */
  if (prepared->text_error != NULL)
    g_printerr (_("attest-cli: warning: %s: %s; attached without its text\n"), prepared->display_name,
                prepared->text_error->message);
  /* Only now, after the commit. */
  g_print ("%s\n", prepared->sha256);
  return ATTEST_CLI_OK;
}

static void
print_list_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      AttestEvidence *e = list->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, e->sha256);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, e->name);
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, e->size);
      json_builder_set_member_name (b, "mime");
      json_builder_add_string_value (b, e->mime);
      json_builder_set_member_name (b, "attached_at");
      json_builder_add_string_value (b, e->attached_at);
      attest_json_add_string_or_null (b, "effective", e->effective);
      attest_json_add_string_or_null (b, "expires", e->expires);
      json_builder_set_member_name (b, "page_count");
      if (e->page_count >= 0)
        json_builder_add_int_value (b, e->page_count);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint j = 0; j < e->cells->len; j++)
        json_builder_add_string_value (b, e->cells->pdata[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  _attest_cli_print_json (b);
}

static void
print_list_text (GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      AttestEvidence *e = list->pdata[i];
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%s  %s  %s, ", e->sha256, e->name, e->mime);
      g_string_append_printf (line,
                              g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes", (gulong)MIN (e->size, G_MAXLONG)),
                              attest_count (MAX (e->size, 0)));
      if (e->page_count >= 0)
        {
          g_string_append (line, ", ");
          g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages", (gulong)e->page_count),
                                  attest_count (e->page_count));
        }
      if (e->effective != NULL)
        g_string_append_printf (line, _(", effective %s"), e->effective);
      if (e->expires != NULL)
        g_string_append_printf (line, _(", expires %s"), e->expires);
      g_print ("%s\n", line->str);
      for (guint j = 0; j < e->cells->len; j++)
        g_print ("    %s\n", (char *)e->cells->pdata[j]);
    }
}

static int
evidence_list (AttestCliContext  *ctx,
               int                argc,
               char             **argv)
{
  int ret;
  static const char *formats[] = { "text", "json", NULL };
  g_autofree char *format = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };

  if ((ret = _attest_cli_prepare_listing (ctx, "evidence list [--format text|json]", entries, &argc, &argv,
                                          &format, formats)) >= 0)
    return ret;

  list = attest_workspace_list_evidence (ctx->workspace, &error);
  if (list == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  if (g_str_equal (format, "json"))
    print_list_json (list);
  else
    print_list_text (list);
  return ATTEST_CLI_OK;
}

#define EXPORT_USAGE "evidence export SHA256 OUT [--annotated] [--force]"

/* @path as "real directory/name": the same file's names compare equal, even
 * one that does not exist yet (a -wal file SQLite has not made). */
static char *
canonical_name (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real = realpath (dir, NULL);

  if (real == NULL)
    return g_canonicalize_filename (path, NULL);
  return g_build_filename (real, base, NULL);
}

static gboolean
same_inode (const GStatBuf *st,
            const char     *path)
{
  GStatBuf other;

  return g_stat (path, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/* Whether writing @out would write over the workspace at @workspace or one of
 * the files SQLite keeps beside it: by the file itself (a hard link, a
 * symlink to it), or by name for a -wal or -shm file not there yet. */
static gboolean
is_workspace_file (const char *workspace,
                   const char *out)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *real_workspace = realpath (workspace, NULL);
  const char *bases[] = { workspace, real_workspace };
  g_autofree char *out_name = canonical_name (out);
  g_autofree char *link_name = NULL;
  g_autofree char *link = g_file_read_link (out, NULL);
  GStatBuf st;
  gboolean exists = g_stat (out, &st) == 0;

  /* A symlink, maybe dangling, names what it points to. */
  if (link != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (out);
      g_autofree char *target = g_path_is_absolute (link) ? g_strdup (link) : g_build_filename (dir, link, NULL);
      link_name = canonical_name (target);
    }

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    for (guint i = 0; bases[b] != NULL && i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *candidate = g_strconcat (bases[b], suffixes[i], NULL);
        g_autofree char *candidate_name = canonical_name (candidate);

        if ((exists && same_inode (&st, candidate)) || g_str_equal (out_name, candidate_name) ||
            (link_name != NULL && g_str_equal (link_name, candidate_name)))
          return TRUE;
      }
  return FALSE;
}

/* A new file: created only if nothing has the name, removed again when it
 * could not be written whole. */
static gboolean
write_new_file (GFile         *out,
                const char    *data,
                gsize          len,
                GError       **error)
{
  g_autoptr(GFileOutputStream) stream = g_file_create (out, G_FILE_CREATE_NONE, NULL, error);

  if (stream == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, len, NULL, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_file_delete (out, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
evidence_export (AttestCliContext  *ctx,
                 int                argc,
                 char             **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *out_display = NULL;
  gboolean force = FALSE;
  gboolean annotated = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, NULL, NULL },
    { "annotated", 0, 0, G_OPTION_ARG_NONE, &annotated, NULL, NULL },
    { NULL }
  };
  GStatBuf st;
  gsize len;
  const char *data;

  if (!_attest_cli_parse (EXPORT_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 3)
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), EXPORT_USAGE);
      return ATTEST_CLI_USAGE;
    }
  if (!attest_evidence_sha256_is_valid (argv[1]))
    {
      g_printerr (_("attest-cli: “%s” is not a SHA-256 (64 hexadecimal digits; see attest-cli evidence list)\n"),
                  argv[1]);
      return ATTEST_CLI_USAGE;
    }

  out = g_file_new_for_commandline_arg (argv[2]);
  out_path = g_file_get_path (out);
  out_display = g_file_get_parse_name (out);
  /* The workspace (or its -wal, -shm) is never written over, --force or not:
   * that would lose everything in it. Checked before opening it, so the
   * answer does not depend on whether SQLite has made its files yet. */
  if (out_path != NULL && is_workspace_file (ctx->workspace_path, out_path))
    {
      g_printerr (_("attest-cli: %s is the workspace or one of its files; export to another file\n"), out_display);
      return ATTEST_CLI_USAGE;
    }

  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if (out_path != NULL && is_workspace_file (attest_workspace_get_path (ctx->workspace), out_path))
    {
      g_printerr (_("attest-cli: %s is the workspace or one of its files; export to another file\n"), out_display);
      return ATTEST_CLI_USAGE;
    }

  /* --annotated: a new PDF with the marks as PDF annotations; the stored bytes are only read. */
  if (annotated)
    bytes = attest_annotated_copy_from_workspace (ctx->workspace, argv[1], &error);
  else
    bytes = attest_workspace_get_evidence_bytes (ctx->workspace, argv[1], NULL, &error);
  if (bytes == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return annotated ? _attest_cli_store_error_status (error) : ATTEST_CLI_FAILED;
    }

  data = g_bytes_get_data (bytes, &len);
  if (out_path != NULL && g_lstat (out_path, &st) == 0)
    {
      if (!force)
        {
          g_printerr (_("attest-cli: %s already exists; add --force to replace it\n"), out_display);
          return ATTEST_CLI_FAILED;
        }
      /* Written beside OUT and renamed over it: never a half-written file. */
      if (!g_file_replace_contents (out, data, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        {
          g_printerr ("attest-cli: %s\n", error->message);
          return ATTEST_CLI_FAILED;
        }
      return ATTEST_CLI_OK;
    }

  if (!write_new_file (out, data, len, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  return ATTEST_CLI_OK;
}

int
_attest_cli_evidence (AttestCliContext  *ctx,
                      int                argc,
                      char             **argv)
{
  static const AttestCliCommand commands[] = {
    { "attach", evidence_attach },
    { "list", evidence_list },
    { "export", evidence_export },
    { NULL }
  };

  return _attest_cli_dispatch (ctx, "evidence", commands, argc, argv);
}
