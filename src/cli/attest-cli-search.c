/* attest-cli-search.c: search QUERY… [--format text|json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-cli-private.h"
#include "attest-search.h"

/* Enough for a terminal or a script; the GUI pages through its own. */
#define SEARCH_LIMIT 50

static void
print_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, r->kind);
      json_builder_set_member_name (b, "ref");
      json_builder_add_string_value (b, r->ref);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, r->title);
      {
        g_autoptr(GArray) matches = NULL;
        g_autofree char *text = attest_search_snippet_split (r->snippet, &matches);

        /* The text as it is, and where the matches are in it: [start, end)
         * in characters (code points). */
        json_builder_set_member_name (b, "snippet");
        json_builder_add_string_value (b, text);
        json_builder_set_member_name (b, "matches");
        json_builder_begin_array (b);
        for (guint j = 0; j < matches->len; j++)
          {
            const AttestSearchMatch *m = &g_array_index (matches, AttestSearchMatch, j);

            json_builder_begin_array (b);
            json_builder_add_int_value (b, g_utf8_pointer_to_offset (text, text + m->start));
            json_builder_add_int_value (b, g_utf8_pointer_to_offset (text, text + m->end));
            json_builder_end_array (b);
          }
        json_builder_end_array (b);
      }
      json_builder_set_member_name (b, "rank");
      json_builder_add_double_value (b, r->rank);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  out = json_generator_to_data (gen, NULL);
  printf ("%s\n", out);
}

/* The snippet's text, the matches in bold on a terminal (never a character
 * that could be the text's own, as « » are on French pages). */
static char *
snippet_text (const char *snippet,
              gboolean    bold)
{
  g_autoptr(GArray) matches = NULL;
  g_autofree char *text = attest_search_snippet_split (snippet, &matches);
  GString *out;
  gsize at = 0;

  if (!bold)
    return g_steal_pointer (&text);
  out = g_string_new (NULL);
  for (guint i = 0; i < matches->len; i++)
    {
      const AttestSearchMatch *m = &g_array_index (matches, AttestSearchMatch, i);

      g_string_append_len (out, text + at, (gssize)(m->start - at));
      g_string_append (out, "\033[1m");
      g_string_append_len (out, text + m->start, (gssize)(m->end - m->start));
      g_string_append (out, "\033[22m");
      at = m->end;
    }
  g_string_append (out, text + at);
  return g_string_free (out, FALSE);
}

/* One block per result: kind and ref, then the title and the snippet indented. */
static void
print_text (GPtrArray *results)
{
  gboolean bold = isatty (STDOUT_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;

  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];

      if (i > 0)
        printf ("\n");
      printf ("%s %s\n", r->kind, r->ref);
      if (*r->title != '\0')
        printf ("  %s\n", r->title);
      if (*r->snippet != '\0')
        {
          g_autofree char *text = snippet_text (r->snippet, bold);
          printf ("  %s\n", text);
        }
    }
}

int
_attest_cli_search (AttestCliContext  *ctx,
                    int                argc,
                    char             **argv)
{
  static const char *formats[] = { "text", "json", NULL };
  g_autofree char *format = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { NULL }
  };

  if (!_attest_cli_parse ("search QUERY… [--format text|json]", entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (format == NULL)
    format = g_strdup ("text");
  if (!_attest_cli_check_format (format, formats))
    return ATTEST_CLI_USAGE;

  /* "search cloud services" and "search 'cloud services'" are the same search. */
  {
    g_autoptr(GString) words = g_string_new (NULL);
    /* A leading "--" lets a query start with "-". */
    int first = argc > 1 && g_str_equal (argv[1], "--") ? 2 : 1;

    for (int i = first; i < argc; i++)
      {
        if (i > first)
          g_string_append_c (words, ' ');
        g_string_append (words, argv[i]);
      }
    query = g_string_free (g_steal_pointer (&words), FALSE);
  }
  if (*g_strstrip (query) == '\0')
    {
      g_printerr (_("attest-cli: search needs at least one word\n"));
      return ATTEST_CLI_USAGE;
    }

  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;

  results = attest_workspace_search (ctx->workspace, query, SEARCH_LIMIT, &error);
  if (results == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return g_error_matches (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID)
             ? ATTEST_CLI_USAGE : ATTEST_CLI_FAILED;
    }

  if (g_str_equal (format, "json"))
    print_json (results);
  else if (results->len > 0)
    print_text (results);
  else
    g_printerr (_("No results for “%s”\n"), query);
  return ATTEST_CLI_OK;
}
