/* attest-front-matter.c: the YAML block at the top of an offering page
 *
 * The block is read with libyaml's event API.  Scalars are kept by key; a
 * sequence of scalars becomes one value joined with ", "; nested mappings are
 * skipped.  A block that does not close or does not parse, or is larger or
 * nested deeper than the limits, leaves the page without front matter and
 * produces one warning: a page is never refused for its metadata.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-front-matter"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <yaml.h>

#include "attest-front-matter.h"

struct _AttestFrontMatter
{
  GHashTable *values;  /* char * key → char * value */
  gboolean present;
};

AttestFrontMatter *
attest_front_matter_new (void)
{
  AttestFrontMatter *self = g_new0 (AttestFrontMatter, 1);

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
attest_front_matter_free (AttestFrontMatter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->values);
  g_free (self);
}

/* Length of the line at @p (without its end of line) and the offset of the next one. */
static gsize
line_end (const char *text,
          gsize       len,
          gsize       pos,
          gsize      *next)
{
  const char *nl = memchr (text + pos, '\n', len - pos);
  gsize end = nl != NULL ? (gsize) (nl - text) : len;

  *next = nl != NULL ? end + 1 : len;
  return end;
}

static gboolean
is_marker_line (const char *text,
                gsize       start,
                gsize       end,
                const char *marker)
{
  gsize mlen = strlen (marker);

  if (end - start < mlen || memcmp (text + start, marker, mlen) != 0)
    return FALSE;
  for (gsize i = start + mlen; i < end; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
      return FALSE;
  return TRUE;
}

static gsize
skip_bom (const char *text,
          gsize       len)
{
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    return 3;
  return 0;
}

/* Finds the block: TRUE when the text opens with "---"; then *yaml_start..*yaml_end
 * is the YAML and *body is where the page starts, or *body is 0 when the block
 * never closes. */
static gboolean
find_block (const char *text,
            gsize       len,
            gsize      *yaml_start,
            gsize      *yaml_end,
            gsize      *body)
{
  gsize pos = skip_bom (text, len);
  gsize next;
  gsize end = line_end (text, len, pos, &next);

  *body = 0;
  if (!is_marker_line (text, pos, end, "---"))
    return FALSE;
  *yaml_start = next;
  for (pos = next; pos < len; pos = next)
    {
      end = line_end (text, len, pos, &next);
      if (is_marker_line (text, pos, end, "---") || is_marker_line (text, pos, end, "..."))
        {
          *yaml_end = pos;
          *body = next;
          return TRUE;
        }
    }
  *yaml_end = len;
  return TRUE;
}

gsize
attest_front_matter_skip (const char *text,
                          gsize       len)
{
  gsize ys, ye, body;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (find_block (text, len, &ys, &ye, &body))
    return body;
  return 0;
}

/* Reads one mapping of scalars (and sequences of scalars) from the events.
 * Stops, with *too_deep set, at the first collection nested deeper than
 * ATTEST_FRONT_MATTER_MAX_DEPTH: the parser is then never asked for the
 * rest, which is where its time would go. */
static gboolean
read_mapping (yaml_parser_t  *parser,
              GHashTable     *values,
              char          **problem,
              gboolean       *too_deep)
{
  yaml_event_t event;
  g_autofree char *key = NULL;
  g_autoptr(GString) seq = NULL;
  guint depth = 0;        /* collections open */
  guint skip_depth = 0;   /* > 0 while inside a nested mapping or sequence we skip */
  gboolean in_seq = FALSE;
  gboolean top_seen = FALSE;
  gboolean done = FALSE;

  while (!done)
    {
      if (!yaml_parser_parse (parser, &event))
        {
          *problem = g_strdup_printf (_("%s at line %lu"),
                                      parser->problem != NULL ? parser->problem : _("invalid YAML"),
                                      (unsigned long) parser->problem_mark.line + 1);
          return FALSE;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          if (++depth > ATTEST_FRONT_MATTER_MAX_DEPTH)
            {
              *too_deep = TRUE;
              yaml_event_delete (&event);
              return FALSE;
            }
          if (!top_seen)
            {
              if (event.type != YAML_MAPPING_START_EVENT)
                {
                  *problem = g_strdup (_("not a mapping of keys to values"));
                  yaml_event_delete (&event);
                  return FALSE;
                }
              top_seen = TRUE;
            }
          else if (skip_depth > 0 || in_seq)
            skip_depth++;
          else if (key != NULL && event.type == YAML_SEQUENCE_START_EVENT)
            {
              in_seq = TRUE;
              seq = g_string_new (NULL);
            }
          else
            {
              /* A nested mapping (or a collection as a key): not kept. */
              g_clear_pointer (&key, g_free);
              skip_depth = 1;
            }
          break;

        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          depth--;
          if (skip_depth > 0)
            {
              if (--skip_depth == 0)
                g_clear_pointer (&key, g_free);
            }
          else if (in_seq)
            {
              in_seq = FALSE;
              if (key != NULL)
                g_hash_table_replace (values, g_steal_pointer (&key),
                                      g_string_free (g_steal_pointer (&seq), FALSE));
              if (seq != NULL)
                g_string_free (g_steal_pointer (&seq), TRUE);
            }
          break;

        case YAML_SCALAR_EVENT:
          {
            const char *value = (const char *) event.data.scalar.value;

            if (skip_depth > 0 || !top_seen)
              break;
            if (in_seq)
              {
                if (seq->len > 0)
                  g_string_append (seq, ", ");
                g_string_append (seq, value);
              }
            else if (key == NULL)
              key = g_strdup (value);
            else
              g_hash_table_replace (values, g_steal_pointer (&key), g_strdup (value));
          }
          break;

        case YAML_ALIAS_EVENT:
          /* Aliases are not expanded: the value is dropped. */
          if (skip_depth == 0 && !in_seq && key != NULL)
            g_clear_pointer (&key, g_free);
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }
      yaml_event_delete (&event);
    }
  return TRUE;
}

AttestFrontMatter *
attest_front_matter_parse (const char  *display_path,
                           const char  *text,
                           gsize        len,
                           gsize       *body_offset,
                           char       **warning)
{
  g_autoptr(AttestFrontMatter) self = attest_front_matter_new ();
  g_autofree char *problem = NULL;
  yaml_parser_t parser;
  gsize ys = 0, ye = 0, body = 0;
  gboolean too_deep = FALSE;
  gboolean ok;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (body_offset != NULL)
    *body_offset = 0;
  if (warning != NULL)
    *warning = NULL;
  if (display_path == NULL)
    display_path = "";

  if (!find_block (text, len, &ys, &ye, &body))
    return g_steal_pointer (&self);

  if (body == 0)
    {
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: the front matter does not end; it is ignored"),
                                    display_path);
      return g_steal_pointer (&self);
    }

  if (body_offset != NULL)
    *body_offset = body;

  if (ye - ys > ATTEST_FRONT_MATTER_MAX_BYTES)
    {
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: the front matter is larger than %d KiB; it is ignored"),
                                    display_path, ATTEST_FRONT_MATTER_MAX_BYTES / 1024);
      return g_steal_pointer (&self);
    }

  if (!yaml_parser_initialize (&parser))
    {
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: the front matter cannot be read"), display_path);
      return g_steal_pointer (&self);
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) text + ys, ye - ys);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
  ok = read_mapping (&parser, self->values, &problem, &too_deep);
  yaml_parser_delete (&parser);

  if (too_deep)
    {
      g_hash_table_remove_all (self->values);
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: the front matter nests deeper than %d levels; it is ignored"),
                                    display_path, ATTEST_FRONT_MATTER_MAX_DEPTH);
      return g_steal_pointer (&self);
    }
  if (!ok)
    {
      g_hash_table_remove_all (self->values);
      if (warning != NULL)
        *warning = g_strdup_printf (_("%s: the front matter is not valid YAML (%s); it is ignored"),
                                    display_path, problem);
      return g_steal_pointer (&self);
    }

  self->present = TRUE;
  return g_steal_pointer (&self);
}

gboolean
attest_front_matter_is_present (const AttestFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->present;
}

const char *
attest_front_matter_lookup (const AttestFrontMatter *self,
                            const char              *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->values, key);
}

/* The keys, sorted; free the list (not its strings) with g_list_free. */
GList *
attest_front_matter_get_keys (const AttestFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_list_sort (g_hash_table_get_keys (self->values), (GCompareFunc) strcmp);
}

const char *
attest_front_matter_get_title (const AttestFrontMatter *self)
{
  return attest_front_matter_lookup (self, "title");
}

const char *
attest_front_matter_get_description (const AttestFrontMatter *self)
{
  return attest_front_matter_lookup (self, "description");
}

const char *
attest_front_matter_get_locale (const AttestFrontMatter *self)
{
  return attest_front_matter_lookup (self, "ms.contentlocale");
}

const char *
attest_front_matter_get_translation_type (const AttestFrontMatter *self)
{
  return attest_front_matter_lookup (self, "ms.translationtype");
}

static gboolean
parse_number (const char **p,
              guint        max_digits,
              guint       *out)
{
  guint n = 0, digits = 0;

  while (g_ascii_isdigit (**p) && digits < max_digits)
    {
      n = n * 10 + (guint) (**p - '0');
      (*p)++;
      digits++;
    }
  *out = n;
  return digits > 0 && !g_ascii_isdigit (**p);
}

/* "02/01/2020" (month/day/year, as the publisher writes it) → "2020-02-01";
 * an ISO date passes through; anything else → NULL. */
char *
attest_front_matter_us_date_to_iso (const char *value)
{
  const char *p = value;
  guint a, b, c;
  guint year, month, day;

  if (value == NULL)
    return NULL;
  while (*p == ' ' || *p == '\t')
    p++;

  if (!parse_number (&p, 4, &a))
    return NULL;
  if (*p == '/')
    {
      p++;
      if (!parse_number (&p, 2, &b) || *p++ != '/' || !parse_number (&p, 4, &c))
        return NULL;
      month = a, day = b, year = c;
    }
  else if (*p == '-')
    {
      p++;
      if (!parse_number (&p, 2, &b) || *p++ != '-' || !parse_number (&p, 2, &c))
        return NULL;
      year = a, month = b, day = c;
    }
  else
    return NULL;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '\0' || year < 1000)
    return NULL;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

char *
attest_front_matter_dup_handoff (const AttestFrontMatter *self)
{
  return attest_front_matter_us_date_to_iso (attest_front_matter_lookup (self, "ms.lasthandoff"));
}

char *
attest_front_matter_dup_date (const AttestFrontMatter *self)
{
  char *date = attest_front_matter_us_date_to_iso (attest_front_matter_lookup (self, "ms.date"));
  const char *updated;

  if (date != NULL)
    return date;
  /* Other publishers' front matter: "updated_at: 2023-03-12" or a time. */
  updated = attest_front_matter_lookup (self, "updated_at");
  if (updated != NULL && strlen (updated) > 10 && updated[10] == 'T')
    {
      g_autofree char *day = g_strndup (updated, 10);
      return attest_front_matter_us_date_to_iso (day);
    }
  return attest_front_matter_us_date_to_iso (updated);
}
