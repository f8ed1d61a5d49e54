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
#include "attest-workspace-catalog.h"
#include "attest-workspace-locate.h"

/* Enough for a terminal or a script; the GUI pages through its own. */
#define SEARCH_LIMIT 50

/* Which page version a page hit is of: its file name and version id, so
 * that soc-2 text says it is in offering-soc-2.md. NULL for other kinds, or
 * when the version is gone. */
typedef struct {
  gint64 id;
  char *file_name;
} PageOf;

static void
page_of_free (PageOf *page)
{
  g_free (page->file_name);
  g_free (page);
}

static const PageOf *
page_of (AttestWorkspace    *ws,
         AttestSearchResult *r,
         GHashTable         *cache)
{
  g_autoptr(AttestLocation) location = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PageOf *page;

  if (!g_str_equal (r->kind, "page"))
    return NULL;
  location = attest_workspace_locate_search_result (ws, r->kind, r->ref, NULL);
  if (location == NULL || location->variant_id == 0)
    return NULL;
  page = g_hash_table_lookup (cache, &location->variant_id);
  if (page != NULL)
    return page;
  page = g_new0 (PageOf, 1);
  page->id = location->variant_id;
  bytes = attest_workspace_get_variant_page_by_id (ws, location->framework_id, page->id, &page->file_name, NULL);
  if (bytes == NULL)
    {
      page_of_free (page);
      return NULL;
    }
  g_hash_table_insert (cache, &page->id, page);
  return page;
}

static GHashTable *
page_cache_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) page_of_free);
}

static void
print_json (AttestWorkspace *ws,
            GPtrArray       *results)
{
  g_autoptr(GHashTable) cache = page_cache_new ();
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
        const PageOf *page = page_of (ws, r, cache);

        /* The page version a page hit opens. */
        if (page != NULL)
          {
            json_builder_set_member_name (b, "version");
            json_builder_add_int_value (b, page->id);
            json_builder_set_member_name (b, "file");
            json_builder_add_string_value (b, page->file_name);
          }
      }
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
print_text (AttestWorkspace *ws,
            GPtrArray       *results)
{
  g_autoptr(GHashTable) cache = page_cache_new ();
  gboolean bold = isatty (STDOUT_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;

  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];
      const PageOf *page = page_of (ws, r, cache);

      if (i > 0)
        printf ("\n");
      printf ("%s %s\n", r->kind, r->ref);
      if (page != NULL)
        {
          g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, page->id);
          /* Translators: the page a search hit is in: its file name, then its version number */
          g_autofree char *line = g_strdup_printf (_("in %s (version %s)"), page->file_name, version);

          printf ("  %s\n", line);
        }
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
    print_json (ctx->workspace, results);
  else if (results->len > 0)
    print_text (ctx->workspace, results);
  else
    g_printerr (_("No results for “%s”\n"), query);
  return ATTEST_CLI_OK;
}
