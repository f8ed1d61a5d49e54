/* attest-cli-annotations.c: annotation add, list, edit, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-cli-private.h"
#include "attest-pdf-annotations.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"

#define ADD_USAGE "annotation add --evidence SHA256 --page N (--rect X,Y,W,H | --point X,Y | " \
                  "--quads X1,Y1,X2,Y2[;…]) [--color #RRGGBB] [--text TEXT] " \
                  "[--framework ID --scope S --service NAME --item N]"
#define EDIT_USAGE "annotation edit ID [--text TEXT] [--color #RRGGBB] " \
                   "[--link|--unlink --framework ID --scope S --service NAME --item N]"
#define USAGE "annotation add|list|edit|delete …"

/* @count numbers, comma-separated, finite. */
static gboolean
parse_numbers (const char *text,
               guint       count,
               double     *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != count)
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      char *end = NULL;
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      errno = 0;
      out[i] = g_ascii_strtod (part, &end);
      if (*part == '\0' || end == NULL || *end != '\0' || errno != 0 || !isfinite (out[i]))
        return FALSE;
    }
  return TRUE;
}

/* The rectangles of --rect, --point or --quads (exactly one given). */
static gboolean
parse_geometry (const char        *rect,
                const char        *point,
                const char        *quads,
                AttestAnnotation  *a)
{
  double v[4];

  if ((rect != NULL) + (point != NULL) + (quads != NULL) != 1)
    {
      g_printerr (_("attest-cli: give one of --rect X,Y,W,H, --point X,Y or --quads X1,Y1,X2,Y2[;…]\n"));
      return FALSE;
    }
  if (rect != NULL)
    {
      AttestRect r;

      if (!parse_numbers (rect, 4, v) || v[2] <= 0 || v[3] <= 0)
        {
          g_printerr (_("attest-cli: --rect “%s” is not X,Y,W,H in points with a positive width and height\n"), rect);
          return FALSE;
        }
      a->kind = ATTEST_ANNOTATION_RECTANGLE;
      r = (AttestRect) { v[0], v[1], v[0] + v[2], v[1] + v[3] };
      g_array_append_val (a->rects, r);
      return TRUE;
    }
  if (point != NULL)
    {
      AttestRect r;

      if (!parse_numbers (point, 2, v))
        {
          g_printerr (_("attest-cli: --point “%s” is not X,Y in points\n"), point);
          return FALSE;
        }
      a->kind = ATTEST_ANNOTATION_NOTE;
      r = (AttestRect) { v[0], v[1], v[0], v[1] };
      g_array_append_val (a->rects, r);
      return TRUE;
    }

  a->kind = ATTEST_ANNOTATION_HIGHLIGHT;
  {
    g_auto(GStrv) each = g_strsplit (quads, ";", -1);

    for (guint i = 0; each[i] != NULL; i++)
      {
        AttestRect r;

        if (!parse_numbers (each[i], 4, v) || i >= ATTEST_ANNOTATION_MAX_RECTS)
          {
            g_printerr (_("attest-cli: --quads “%s” is not rectangles X1,Y1,X2,Y2 separated by “;”\n"), quads);
            return FALSE;
          }
        r = (AttestRect) { v[0], v[1], v[2], v[3] };
        g_array_append_val (a->rects, r);
      }
  }
  return TRUE;
}

static int
annotation_add (AttestCliContext  *ctx,
                int                argc,
                char             **argv)
{
  g_auto(AttestCliTarget) t = { 0 };
  g_autofree char *evidence = NULL;
  g_autofree char *rect = NULL;
  g_autofree char *point = NULL;
  g_autofree char *quads = NULL;
  g_autofree char *color = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AttestAnnotation) a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  g_autoptr(GError) error = NULL;
  gint64 page = G_MININT64;  /* not given */
  GOptionEntry entries[] = {
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, NULL, NULL },
    { "page", 0, 0, G_OPTION_ARG_INT64, &page, NULL, NULL },
    { "rect", 0, 0, G_OPTION_ARG_STRING, &rect, NULL, NULL },
    { "point", 0, 0, G_OPTION_ARG_STRING, &point, NULL, NULL },
    { "quads", 0, 0, G_OPTION_ARG_STRING, &quads, NULL, NULL },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, NULL, NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, NULL, NULL },
    ATTEST_CLI_ITEM_ENTRIES (t),
    { NULL }
  };

  if (!_attest_cli_parse (ADD_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 1 || evidence == NULL || page == G_MININT64)
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), ADD_USAGE);
      return ATTEST_CLI_USAGE;
    }
  if (!attest_evidence_sha256_is_valid (evidence))
    {
      g_printerr (_("attest-cli: “%s” is not a SHA-256 (64 hexadecimal digits; see attest-cli evidence list)\n"),
                  evidence);
      return ATTEST_CLI_USAGE;
    }
  if (page < 1 || page > G_MAXINT)
    {
      g_printerr (_("attest-cli: --page counts from 1\n"));
      return ATTEST_CLI_USAGE;
    }
  if (color != NULL && !attest_annotation_color_is_valid (color))
    {
      g_printerr (_("attest-cli: --color “%s” is not a colour (use #RRGGBB, six hexadecimal digits)\n"), color);
      return ATTEST_CLI_USAGE;
    }
  if (!parse_geometry (rect, point, quads, a))
    return ATTEST_CLI_USAGE;

  a->sha256 = g_ascii_strdown (evidence, -1);
  a->page = (guint)(page - 1);
  a->color = g_steal_pointer (&color);
  a->text = g_steal_pointer (&text);

  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if (_attest_cli_target_names_item (&t) && (a->item_id = _attest_cli_resolve_item (ctx, &t, &error)) == 0)
    return _attest_cli_report (error);
  if (!attest_pdf_annotation_add (ctx->workspace, NULL, a, &error))
    return _attest_cli_report (error);
  /* Printed only now: the annotation is committed. */
  g_print ("%" G_GINT64_FORMAT "\n", a->id);
  return ATTEST_CLI_OK;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;

  errno = 0;
  *id = g_ascii_strtoll (text, &end, 10);
  if (*text == '\0' || end == NULL || *end != '\0' || errno != 0 || *id <= 0)
    {
      g_printerr (_("attest-cli: “%s” is not an annotation's id (see attest-cli annotation list)\n"), text);
      return FALSE;
    }
  return TRUE;
}

static int
annotation_edit (AttestCliContext  *ctx,
                 int                argc,
                 char             **argv)
{
  g_auto(AttestCliTarget) t = { 0 };
  g_autofree char *color = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AttestAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;
  gboolean link = FALSE, unlink = FALSE;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, NULL, NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, NULL, NULL },
    { "link", 0, 0, G_OPTION_ARG_NONE, &link, NULL, NULL },
    { "unlink", 0, 0, G_OPTION_ARG_NONE, &unlink, NULL, NULL },
    ATTEST_CLI_ITEM_ENTRIES (t),
    { NULL }
  };

  if (!_attest_cli_parse (EDIT_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2 || (link && unlink) || (link || unlink) != _attest_cli_target_names_item (&t) ||
      (color == NULL && text == NULL && !link && !unlink))
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), EDIT_USAGE);
      return ATTEST_CLI_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return ATTEST_CLI_USAGE;
  if (color != NULL && !attest_annotation_color_is_valid (color))
    {
      g_printerr (_("attest-cli: --color “%s” is not a colour (use #RRGGBB, six hexadecimal digits)\n"), color);
      return ATTEST_CLI_USAGE;
    }

  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  a = attest_workspace_get_annotation (ctx->workspace, id, &error);
  if (a == NULL)
    return _attest_cli_report (error);
  if (color != NULL)
    {
      g_free (a->color);
      a->color = g_steal_pointer (&color);
    }
  if (text != NULL)
    {
      g_free (a->text);
      a->text = g_steal_pointer (&text);
    }
  if (link || unlink)
    {
      gint64 item = _attest_cli_resolve_item (ctx, &t, &error);

      if (item == 0)
        return _attest_cli_report (error);
      if (link)
        attest_annotation_add_item (a, item);
      else
        for (guint i = 0; i < a->item_ids->len; i++)
          if (g_array_index (a->item_ids, gint64, i) == item)
            g_array_remove_index (a->item_ids, i--);
    }
  if (!attest_workspace_update_annotation (ctx->workspace, a, &error))
    return _attest_cli_report (error);
  return ATTEST_CLI_OK;
}

static int
annotation_delete (AttestCliContext  *ctx,
                   int                argc,
                   char             **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  gint64 id = 0;

  if (!_attest_cli_parse ("annotation delete ID", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr (_("attest-cli: usage: attest-cli %s\n"), "annotation delete ID");
      return ATTEST_CLI_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return ATTEST_CLI_USAGE;
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if (!attest_workspace_delete_annotation (ctx->workspace, id, &error))
    return _attest_cli_report (error);
  return ATTEST_CLI_OK;
}

static void
print_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "annotations");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      AttestAnnotation *a = list->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, a->id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, attest_annotation_kind_to_string (a->kind));
      if (a->sha256 != NULL)
        {
          json_builder_set_member_name (b, "evidence");
          json_builder_add_string_value (b, a->sha256);
          /* From 1, as --page takes it. */
          json_builder_set_member_name (b, "page");
          json_builder_add_int_value (b, (gint64)a->page + 1);
        }
      else
        {
          json_builder_set_member_name (b, "section");
          json_builder_add_string_value (b, a->section);
          json_builder_set_member_name (b, "quote");
          json_builder_add_string_value (b, a->quote);
        }
      json_builder_set_member_name (b, "rects");
      json_builder_begin_array (b);
      for (guint r = 0; r < a->rects->len; r++)
        {
          const AttestRect *rect = &g_array_index (a->rects, AttestRect, r);
          json_builder_begin_array (b);
          json_builder_add_double_value (b, rect->x1);
          json_builder_add_double_value (b, rect->y1);
          json_builder_add_double_value (b, rect->x2);
          json_builder_add_double_value (b, rect->y2);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, a->color);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, a->text);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint k = 0; k < a->item_ids->len; k++)
        json_builder_add_int_value (b, g_array_index (a->item_ids, gint64, k));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  _attest_cli_print_json (b);
}

static void
print_text (GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      AttestAnnotation *a = list->pdata[i];
      g_autoptr(GString) items = g_string_new (NULL);
      g_autofree char *where = NULL;
      g_autofree char *first = g_strdup (a->text);
      char *newline = strchr (first, '\n');

      if (newline != NULL)
        *newline = '\0';
      for (guint k = 0; k < a->item_ids->len; k++)
        g_string_append_printf (items, "%sitem:%" G_GINT64_FORMAT, k > 0 ? "," : "",
                                g_array_index (a->item_ids, gint64, k));
      if (a->sha256 != NULL)
        /* Translators: where an annotation is: "SHA256 page 3" */
        where = g_strdup_printf (_("%s page %u"), a->sha256, a->page + 1);
      else
        where = g_strdup (a->section);
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", a->id, where,
               attest_annotation_kind_to_string (a->kind), a->color, items->str, first);
    }
}

static int
annotation_list (AttestCliContext  *ctx,
                 int                argc,
                 char             **argv)
{
  g_autofree char *evidence = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };
  static const char *formats[] = { "text", "json", NULL };
  int status;

  status = _attest_cli_prepare_listing (ctx, "annotation list [--evidence SHA256] [--format text|json]", entries,
                                        &argc, &argv, &format, formats);
  if (status != -1)
    return status;
  if (evidence != NULL && !attest_evidence_sha256_is_valid (evidence))
    {
      g_printerr (_("attest-cli: “%s” is not a SHA-256 (64 hexadecimal digits; see attest-cli evidence list)\n"),
                  evidence);
      return ATTEST_CLI_USAGE;
    }
  if (evidence != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (evidence, -1);
      g_autoptr(AttestEvidence) found = attest_workspace_get_evidence (ctx->workspace, lower, &error);

      if (found == NULL)
        return _attest_cli_report (error);
      list = attest_workspace_list_annotations (ctx->workspace, lower, &error);
    }
  else
    list = attest_workspace_list_annotations (ctx->workspace, NULL, &error);
  if (list == NULL)
    return _attest_cli_report (error);
  if (g_str_equal (format, "json"))
    print_json (list);
  else
    print_text (list);
  return ATTEST_CLI_OK;
}

int
_attest_cli_annotation (AttestCliContext  *ctx,
                        int                argc,
                        char             **argv)
{
  static const AttestCliCommand commands[] = {
    { "add", annotation_add },
    { "list", annotation_list },
    { "edit", annotation_edit },
    { "delete", annotation_delete },
    { NULL }
  };

  return _attest_cli_dispatch (ctx, "annotation", commands, argc, argv);
}
