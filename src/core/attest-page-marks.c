/* attest-page-marks.c: where a page names the services in scope
 *
 * The rules:
 *
 * 1. Services: the matrix cells of the framework's scopes, except those
 *    flagged "no-longer-in-scope".  A cell's source_line (translated_line)
 *    is the page line that put its service in scope, exactly as the catalog
 *    wrote it: an in-scope list item's text, stripped; an applicability
 *    table row as "LABEL: SERVICES" (line breaks as spaces).
 * 2. Lines, source side: a top-level item of the in-scope list (the section
 *    of attest_page_find_in_scope_section(), as the catalog reads it) whose
 *    stripped text equals a cell's source_line carries that cell's service;
 *    several cells with one line ("Azure, Azure Government, and Azure
 *    Germany") carry several.  A row of an applicability table (wherever it
 *    stands) carries the services whose source_line is that row; its marks
 *    go in its services cell (cell 1).  Only lines the matrix holds are
 *    marked: a cell keeps the newest variant's line, so a line an older
 *    variant wrote otherwise carries nothing.
 * 3. Where, source side: the longest occurrence of the service's name or one
 *    of its aliases, each also without a leading "Microsoft " (not part of a
 *    service's identity: "Graph" is Microsoft Graph); case-insensitive,
 *    blanks of any kind and number alike ("Power  BI"), ’ as ', whole words
 *    (next to a CJK character no word boundary is needed).  With several services on a line, longer
 *    matches are placed first and each takes its first occurrence no other
 *    mark covers ("Azure" in "Azure, Azure Government, …" is the first word,
 *    not a part of "Azure Government").  A service none of whose names occur
 *    marks the whole text, except in a table cell (it lists many).
 * 4. Translated side (bilingual pages): the translated blocks that share a
 *    segment with a carrying source block (the same row of a table; a block
 *    without segments: the block at the same index, if of the same kind),
 *    and the in-scope items whose text equals a cell's translated_line.
 *    Where: an occurrence of the service's translation for the page's
 *    language, else of its name or an alias (machine translations keep
 *    English names), else, only when the line carries exactly one service
 *    and is not a table cell, the whole text.
 * 5. A page that is not bilingual has one block list (source_blocks ==
 *    translated_blocks): it is marked once, with source = TRUE.  A
 *    translation-only page's text is the translation: its lines match a
 *    cell's source_line (the page itself put the service in scope) or
 *    translated_line (a bilingual variant did), and rule 4's "where" applies.
 * 6. Order: source marks, then translated ones, each by block, row, cell and
 *    start.  Offsets count characters (not bytes) of the block's runs' text
 *    concatenated, or of the table cell's runs.
 *
 * Cost: one hash look-up per in-scope line; only lines that carry services
 * are searched, for those services' names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-page-marks"

#include "config.h"

#include <string.h>

#include "attest-page-marks.h"
#include "attest-page-private.h"

#define FLAGGED "no-longer-in-scope"

typedef struct {
  gunichar *chars;        /* folded */
  glong len;
} Needle;

typedef struct {
  GPtrArray *names;         /* Needle: name, aliases; longest first */
  GPtrArray *translations;  /* Needle: translations for the page's language; longest first */
} ServiceNeedles;

/* The services one line carries: in one block, or in one row of a table. */
typedef struct {
  int row;                /* -1 for a list item */
  GPtrArray *services;    /* AttestMatrixService, not owned, each once */
} Hit;

typedef struct {
  AttestPage *page;
  AttestMatrix *matrix;
  const char *lang;
  /* Stripped line → 1 + index of its first LineEntry.  Keys are the cells'
   * own strings (the matrix outlives the call) or, for the rare line with
   * blanks around it, stripped copies kept in owned_keys: a call allocates
   * little, whatever the size of the matrix. */
  GHashTable *by_source;
  GHashTable *by_translated;
  GArray *entries;            /* LineEntry */
  GPtrArray *owned_keys;
  GHashTable *needles;        /* AttestMatrixService → ServiceNeedles */
  GPtrArray *marks;
} Marker;

typedef struct {
  const AttestMatrixService *service;
  guint next;                 /* 1 + index of the line's next entry; 0 at the end */
} LineEntry;

typedef struct {
  glong start;
  glong end;
} Span;

void
attest_service_mark_free (AttestServiceMark *mark)
{
  if (mark == NULL)
    return;
  g_free (mark->service_id);
  g_free (mark);
}

static void
needle_free (Needle *n)
{
  g_free (n->chars);
  g_free (n);
}

static void
service_needles_free (ServiceNeedles *sn)
{
  g_ptr_array_unref (sn->names);
  g_ptr_array_unref (sn->translations);
  g_free (sn);
}

static void
hit_free (Hit *hit)
{
  g_ptr_array_unref (hit->services);
  g_free (hit);
}

/* One character for one: offsets stay those of the text. */
static inline gunichar
fold (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isspace (c) ? ' ' : (gunichar) g_ascii_tolower ((char) c);
  if (g_unichar_isspace (c))
    return ' ';
  if (c == 0x2018 || c == 0x2019)
    return '\'';
  return g_unichar_tolower (c);
}

static gunichar *
fold_text (const char *text,
           glong      *len)
{
  gunichar *chars = g_utf8_to_ucs4_fast (text, -1, len);

  for (glong i = 0; i < *len; i++)
    chars[i] = fold (chars[i]);
  return chars;
}

/* A letter or digit that words are made of; CJK characters stand alone. */
static inline gboolean
is_word (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  return g_unichar_isalnum (c) && !g_unichar_iswide (c);
}

/* Whether @needle matches @hay at @at, a blank in it matching one or more
 * ("Power  BI" is Power BI); *end gets where the match ends. */
static inline gboolean
match_at (const gunichar *hay,
          glong           len,
          glong           at,
          const Needle   *needle,
          glong          *end)
{
  glong h = at;

  for (glong k = 0; k < needle->len; k++)
    {
      if (h >= len || hay[h] != needle->chars[k])
        return FALSE;
      h++;
      if (needle->chars[k] == ' ')
        while (h < len && hay[h] == ' ')
          h++;
    }
  *end = h;
  return TRUE;
}

/* The first whole-word occurrence of @needle in @hay at or after @from, or
 * -1; *end gets its end. */
static glong
find_needle (const gunichar *hay,
             glong           len,
             const Needle   *needle,
             glong           from,
             glong          *end)
{
  const gunichar *n = needle->chars;
  glong nlen = needle->len;

  if (nlen == 0)
    return -1;
  for (glong i = from; i + nlen <= len; i++)
    {
      if (hay[i] != n[0] || !match_at (hay, len, i, needle, end))
        continue;
      if (i > 0 && is_word (hay[i - 1]) && is_word (n[0]))
        continue;
      if (*end < len && is_word (hay[*end]) && is_word (n[nlen - 1]))
        continue;
      return i;
    }
  return -1;
}

static int
compare_needles (gconstpointer a,
                 gconstpointer b)
{
  const Needle *na = *(Needle **) a;
  const Needle *nb = *(Needle **) b;

  return na->len < nb->len ? 1 : na->len > nb->len ? -1 : 0;
}

static void
add_needle (GPtrArray  *needles,
            const char *text)
{
  Needle *n;
  glong len;
  gunichar *chars;
  glong start = 0, end;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;
  chars = fold_text (text, &len);
  /* Blanks collapsed: one in a needle matches any run of them. */
  {
    glong out = 0;

    for (glong i = 0; i < len; i++)
      if (chars[i] != ' ' || (out > 0 && chars[out - 1] != ' '))
        chars[out++] = chars[i];
    len = out;
  }
  end = len;
  while (start < end && chars[start] == ' ')
    start++;
  while (end > start && chars[end - 1] == ' ')
    end--;
  for (guint i = 0; i < needles->len; i++)
    {
      Needle *other = g_ptr_array_index (needles, i);

      if (other->len == end - start
          && memcmp (other->chars, chars + start, (gsize) (end - start) * sizeof (gunichar)) == 0)
        end = start;   /* already there */
    }
  if (end == start)
    {
      g_free (chars);
      return;
    }
  n = g_new0 (Needle, 1);
  n->len = end - start;
  n->chars = g_new (gunichar, n->len);
  memcpy (n->chars, chars + start, (gsize) n->len * sizeof (gunichar));
  g_free (chars);
  g_ptr_array_add (needles, n);
}

/* A name, and the same without "Microsoft " in front. */
static void
add_name (GPtrArray  *needles,
          const char *name)
{
  static const char prefix[] = "Microsoft ";

  if (name == NULL)
    return;
  add_needle (needles, name);
  if (g_ascii_strncasecmp (name, prefix, strlen (prefix)) == 0)
    add_needle (needles, name + strlen (prefix));
}

static ServiceNeedles *
needles_for (Marker                    *m,
             const AttestMatrixService *service)
{
  ServiceNeedles *sn = g_hash_table_lookup (m->needles, service);

  if (sn != NULL)
    return sn;
  sn = g_new0 (ServiceNeedles, 1);
  sn->names = g_ptr_array_new_with_free_func ((GDestroyNotify) needle_free);
  sn->translations = g_ptr_array_new_with_free_func ((GDestroyNotify) needle_free);
  add_name (sn->names, service->name);
  for (guint i = 0; service->aliases != NULL && i < service->aliases->len; i++)
    add_name (sn->names, g_ptr_array_index (service->aliases, i));
  for (guint i = 0; m->lang != NULL && service->translations != NULL && i < service->translations->len; i++)
    {
      AttestMatrixTranslation *t = g_ptr_array_index (service->translations, i);

      if (t->lang != NULL && g_ascii_strcasecmp (t->lang, m->lang) == 0)
        add_needle (sn->translations, t->name);
    }
  g_ptr_array_sort (sn->names, compare_needles);
  g_ptr_array_sort (sn->translations, compare_needles);
  g_hash_table_insert (m->needles, (gpointer) service, sn);
  return sn;
}

/* Length of the longest needle that occurs, 0 if none does. */
static glong
longest_occurring (const gunichar *hay,
                   glong           len,
                   GPtrArray      *needles)
{
  for (guint i = 0; i < needles->len; i++)
    {
      Needle *n = g_ptr_array_index (needles, i);
      glong end;

      if (find_needle (hay, len, n, 0, &end) >= 0)
        return n->len;
    }
  return 0;
}

static gboolean
overlaps (GArray *spans,
          glong   start,
          glong   end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);

      if (start < s->end && s->start < end)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  const AttestMatrixService *service;
  GPtrArray *needles;     /* the list its occurrence is taken from */
  glong best;             /* longest occurring needle, 0 if none */
} Choice;

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *ca = a;
  const Choice *cb = b;

  return ca->best < cb->best ? 1 : ca->best > cb->best ? -1 : 0;
}

static void
add_mark (Marker                    *m,
          gboolean                   source,
          guint                      block,
          int                        row,
          int                        cell,
          glong                      start,
          glong                      end,
          const AttestMatrixService *service)
{
  AttestServiceMark *mark = g_new0 (AttestServiceMark, 1);

  mark->source = source;
  mark->block = block;
  mark->row = row;
  mark->cell = cell;
  mark->start = (guint) start;
  mark->end = (guint) end;
  mark->service_id = g_strdup (service->id);
  g_ptr_array_add (m->marks, mark);
}

/* Rules 3 and 4 on one line's text. */
static void
mark_text (Marker     *m,
           const char *text,
           GPtrArray  *services,
           gboolean    translated,
           gboolean    source,
           guint       block,
           int         row,
           int         cell)
{
  /* A table cell lists many services: never marked whole. */
  gboolean whole = row < 0 && (!translated || services->len == 1);
  g_autofree gunichar *hay = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) choices = NULL;
  glong len = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;
  hay = fold_text (text, &len);
  if (len == 0)
    return;
  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  choices = g_array_sized_new (FALSE, TRUE, sizeof (Choice), services->len);

  for (guint i = 0; i < services->len; i++)
    {
      Choice c = { g_ptr_array_index (services, i), NULL, 0 };
      ServiceNeedles *sn = needles_for (m, c.service);

      if (translated && (c.best = longest_occurring (hay, len, sn->translations)) > 0)
        c.needles = sn->translations;
      else if ((c.best = longest_occurring (hay, len, sn->names)) > 0)
        c.needles = sn->names;
      g_array_append_val (choices, c);
    }
  /* Longer matches first (GLib's sort is stable: ties keep line order). */
  g_array_sort (choices, compare_choices);

  for (guint i = 0; i < choices->len; i++)
    {
      Choice *c = &g_array_index (choices, Choice, i);
      Span span = { -1, -1 };

      if (c->best == 0)
        {
          if (whole)
            add_mark (m, source, block, row, cell, 0, len, c->service);
          continue;
        }
      for (guint k = 0; k < c->needles->len && span.start < 0; k++)
        {
          Needle *n = g_ptr_array_index (c->needles, k);
          glong end = 0;

          for (glong at = find_needle (hay, len, n, 0, &end); at >= 0;
               at = find_needle (hay, len, n, at + 1, &end))
            if (!overlaps (spans, at, end))
              {
                span.start = at;
                span.end = end;
                break;
              }
        }
      /* Covered everywhere by longer names: the longest match all the same. */
      for (guint k = 0; k < c->needles->len && span.start < 0; k++)
        {
          Needle *n = g_ptr_array_index (c->needles, k);
          glong end = 0;
          glong at = find_needle (hay, len, n, 0, &end);

          if (at >= 0)
            {
              span.start = at;
              span.end = end;
            }
        }
      g_assert (span.start >= 0);
      g_array_append_val (spans, span);
      add_mark (m, source, block, row, cell, span.start, span.end, c->service);
    }
}

/* ---- which lines carry which services ------------------------------ */

static void
add_service_once (GPtrArray                 *services,
                  const AttestMatrixService *service)
{
  for (guint i = 0; i < services->len; i++)
    if (g_ptr_array_index (services, i) == service)
      return;
  g_ptr_array_add (services, (gpointer) service);
}

static void
index_line (Marker                    *m,
            GHashTable                *index,
            const char                *line,
            const AttestMatrixService *service)
{
  const char *key = line;
  gsize len;
  LineEntry entry = { service, 0 };
  guint head;

  if (line == NULL || *line == '\0')
    return;
  len = strlen (line);
  if (g_ascii_isspace (line[0]) || g_ascii_isspace (line[len - 1]))
    {
      char *copy = g_strstrip (g_strdup (line));

      if (*copy == '\0')
        {
          g_free (copy);
          return;
        }
      g_ptr_array_add (m->owned_keys, copy);
      key = copy;
    }
  /* Each service once per line. */
  head = GPOINTER_TO_UINT (g_hash_table_lookup (index, key));
  for (guint e = head; e != 0; e = g_array_index (m->entries, LineEntry, e - 1).next)
    if (g_array_index (m->entries, LineEntry, e - 1).service == service)
      return;
  entry.next = head;
  g_array_append_val (m->entries, entry);
  g_hash_table_insert (index, (gpointer) key, GUINT_TO_POINTER (m->entries->len));
}

/* Adds the services of @key's line to @into, in the matrix's order. */
static void
collect_line (Marker     *m,
              GHashTable *index,
              const char *key,
              GPtrArray  *into)
{
  guint first = into->len;

  for (guint e = GPOINTER_TO_UINT (g_hash_table_lookup (index, key)); e != 0;
       e = g_array_index (m->entries, LineEntry, e - 1).next)
    {
      const AttestMatrixService *service = g_array_index (m->entries, LineEntry, e - 1).service;
      gboolean seen = FALSE;

      for (guint i = 0; i < into->len && !seen; i++)
        seen = g_ptr_array_index (into, i) == service;
      if (!seen)
        g_ptr_array_insert (into, (gint) first, (gpointer) service);
    }
}

static void
index_cells (Marker                *m,
             AttestMatrixFramework *framework)
{
  g_autoptr(GHashTable) scopes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < framework->scopes->len; i++)
    {
      AttestMatrixScope *scope = g_ptr_array_index (framework->scopes, i);

      if (scope->id != NULL)
        g_hash_table_add (scopes, scope->id);
    }
  for (guint i = 0; i < m->matrix->cells->len; i++)
    {
      AttestMatrixCell *cell = g_ptr_array_index (m->matrix->cells, i);
      AttestMatrixService *service;

      if (cell->scope == NULL || !g_hash_table_contains (scopes, cell->scope)
          || g_strcmp0 (cell->rollup, FLAGGED) == 0)
        continue;
      service = attest_matrix_lookup_service (m->matrix, cell->service);
      if (service == NULL)
        continue;
      index_line (m, m->by_source, cell->source_line, service);
      index_line (m, m->by_translated, cell->translated_line, service);
    }
}

static char *
dup_stripped (GPtrArray *runs)
{
  return g_strstrip (attest_runs_dup_text (runs));
}

static Hit *
hit_new (int row)
{
  Hit *hit = g_new0 (Hit, 1);

  hit->row = row;
  hit->services = g_ptr_array_new ();
  return hit;
}

/* Adds @services to @hits' hit for @row. */
static void
merge_hit (GPtrArray *hits,
           int        row,
           GPtrArray *services)
{
  Hit *hit = NULL;

  for (guint i = 0; i < hits->len && hit == NULL; i++)
    if (((Hit *) g_ptr_array_index (hits, i))->row == row)
      hit = g_ptr_array_index (hits, i);
  if (hit == NULL)
    {
      hit = hit_new (row);
      g_ptr_array_add (hits, hit);
    }
  for (guint i = 0; i < services->len; i++)
    add_service_once (hit->services, g_ptr_array_index (services, i));
}

static GPtrArray *
hits_at (GPtrArray *all,
         guint      block)
{
  GPtrArray *hits = g_ptr_array_index (all, block);

  if (hits == NULL)
    {
      hits = g_ptr_array_new_with_free_func ((GDestroyNotify) hit_free);
      g_ptr_array_index (all, block) = hits;
    }
  return hits;
}

static void
hits_free (gpointer hits)
{
  if (hits != NULL)
    g_ptr_array_unref (hits);
}

/* One slot per block: NULL, or the block's Hits. */
static GPtrArray *
hits_array_new (guint n)
{
  GPtrArray *all = g_ptr_array_new_full (n, hits_free);

  g_ptr_array_set_size (all, n);
  return all;
}

/* Rule 2 (and 5): the lines of one block list and the services they carry. */
static GPtrArray *
find_source_hits (Marker *m,
                  int     in_scope)
{
  AttestPage *page = m->page;
  gboolean translation_only = page->kind == ATTEST_PAGE_KIND_TRANSLATION_ONLY;
  GPtrArray *all = hits_array_new (page->source_blocks->len);

  for (guint b = 0; b < page->source_blocks->len; b++)
    {
      AttestBlock *block = g_ptr_array_index (page->source_blocks, b);

      if (_attest_page_is_in_scope_item (page, block, in_scope))
        {
          g_autofree char *key = dup_stripped (block->runs);
          g_autoptr(GPtrArray) services = g_ptr_array_new ();

          collect_line (m, m->by_source, key, services);
          if (translation_only)
            collect_line (m, m->by_translated, key, services);
          if (services->len > 0)
            merge_hit (hits_at (all, b), -1, services);
        }
      else if (_attest_page_is_applicability_table (block))
        {
          for (guint r = 0; r < block->rows->len; r++)
            {
              AttestTableRow *row = g_ptr_array_index (block->rows, r);
              g_autofree char *key = NULL;
              g_autoptr(GPtrArray) services = NULL;

              if (row->header || row->cells->len < 2)
                continue;
              key = g_strstrip (_attest_page_applicability_row_line (row));
              services = g_ptr_array_new ();
              collect_line (m, m->by_source, key, services);
              if (services->len > 0)
                merge_hit (hits_at (all, b), (int) r, services);
            }
        }
    }
  return all;
}

/* Rule 4: the translated blocks the carrying source blocks pair with, and
 * the translated in-scope items a cell names by their own text. */
static GPtrArray *
find_translated_hits (Marker    *m,
                      GPtrArray *source_hits,
                      int        in_scope)
{
  AttestPage *page = m->page;
  GPtrArray *tr = page->translated_blocks;
  GPtrArray *all = hits_array_new (tr->len);
  g_autofree int *seg_block = g_new (int, page->segments->len + 1);

  for (guint k = 0; k < page->segments->len; k++)
    seg_block[k] = -1;
  for (guint t = 0; t < tr->len; t++)
    {
      AttestBlock *block = g_ptr_array_index (tr, t);

      for (guint k = 0; k < block->segments->len; k++)
        {
          guint seg = g_array_index (block->segments, guint, k);

          if (seg < page->segments->len && seg_block[seg] < 0)
            seg_block[seg] = (int) t;
        }
    }

  for (guint b = 0; b < source_hits->len; b++)
    {
      GPtrArray *hits = g_ptr_array_index (source_hits, b);
      AttestBlock *block = g_ptr_array_index (page->source_blocks, b);
      g_autoptr(GArray) targets = NULL;

      if (hits == NULL)
        continue;
      targets = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; k < block->segments->len; k++)
        {
          guint seg = g_array_index (block->segments, guint, k);
          gboolean seen = FALSE;
          guint t;

          if (seg >= page->segments->len || seg_block[seg] < 0)
            continue;
          t = (guint) seg_block[seg];
          for (guint j = 0; j < targets->len && !seen; j++)
            seen = g_array_index (targets, guint, j) == t;
          if (!seen)
            g_array_append_val (targets, t);
        }
      if (block->segments->len == 0 && b < tr->len)
        g_array_append_val (targets, b);

      for (guint j = 0; j < targets->len; j++)
        {
          guint t = g_array_index (targets, guint, j);
          AttestBlock *target = g_ptr_array_index (tr, t);

          if (target->kind != block->kind)
            continue;
          for (guint h = 0; h < hits->len; h++)
            {
              Hit *hit = g_ptr_array_index (hits, h);

              merge_hit (hits_at (all, t), hit->row, hit->services);
            }
        }
    }

  for (guint t = 0; t < tr->len; t++)
    {
      AttestBlock *block = g_ptr_array_index (tr, t);
      g_autofree char *key = NULL;
      g_autoptr(GPtrArray) services = NULL;

      if (!_attest_page_is_in_scope_item (page, block, in_scope))
        continue;
      key = dup_stripped (block->runs);
      services = g_ptr_array_new ();
      collect_line (m, m->by_translated, key, services);
      if (services->len > 0)
        merge_hit (hits_at (all, t), -1, services);
    }
  return all;
}

static void
mark_hits (Marker    *m,
           GPtrArray *blocks,
           GPtrArray *all,
           gboolean   source,
           gboolean   translated)
{
  for (guint b = 0; b < all->len; b++)
    {
      GPtrArray *hits = g_ptr_array_index (all, b);
      AttestBlock *block = g_ptr_array_index (blocks, b);

      for (guint h = 0; hits != NULL && h < hits->len; h++)
        {
          Hit *hit = g_ptr_array_index (hits, h);
          g_autofree char *text = NULL;

          if (hit->row < 0)
            {
              text = attest_runs_dup_text (block->runs);
              mark_text (m, text, hit->services, translated, source, b, -1, -1);
            }
          else if (block->rows != NULL && (guint) hit->row < block->rows->len)
            {
              AttestTableRow *row = g_ptr_array_index (block->rows, hit->row);

              if (row->cells->len < 2)
                continue;
              text = attest_table_cell_dup_text (g_ptr_array_index (row->cells, 1));
              mark_text (m, text, hit->services, translated, source, b, hit->row, 1);
            }
        }
    }
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const AttestServiceMark *ma = *(AttestServiceMark **) a;
  const AttestServiceMark *mb = *(AttestServiceMark **) b;

#define CMP(x, y) if ((x) != (y)) return (x) < (y) ? -1 : 1
  CMP (!ma->source, !mb->source);
  CMP (ma->block, mb->block);
  CMP (ma->row, mb->row);
  CMP (ma->cell, mb->cell);
  CMP (ma->start, mb->start);
  CMP (ma->end, mb->end);
#undef CMP
  return g_strcmp0 (ma->service_id, mb->service_id);
}

/**
 * attest_page_mark_services:
 * @page: the parsed page
 * @matrix: the matrix its framework is a column group of
 * @framework_id: the framework the page belongs to
 * @lang: (nullable): the page's translation language ("fr", "zh-TW")
 *
 * Where the page names the services in scope of the framework's scopes, by
 * the rules at the top of this file.
 *
 * Returns: (transfer full) (element-type AttestServiceMark): the marks, in
 *   page order, source side first; empty when the framework is unknown
 */
GPtrArray *
attest_page_mark_services (AttestPage   *page,
                           AttestMatrix *matrix,
                           const char   *framework_id,
                           const char   *lang)
{
  AttestMatrixFramework *framework;
  g_autoptr(GPtrArray) source_hits = NULL;
  Marker m = { 0 };
  int in_scope;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (framework_id != NULL, NULL);

  m.marks = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_service_mark_free);
  framework = attest_matrix_lookup_framework (matrix, framework_id);
  if (framework == NULL)
    return m.marks;

  m.page = page;
  m.matrix = matrix;
  m.lang = lang != NULL && *lang != '\0' ? lang : NULL;
  m.by_source = g_hash_table_new (g_str_hash, g_str_equal);
  m.by_translated = g_hash_table_new (g_str_hash, g_str_equal);
  m.entries = g_array_new (FALSE, FALSE, sizeof (LineEntry));
  m.owned_keys = g_ptr_array_new_with_free_func (g_free);
  m.needles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) service_needles_free);
  index_cells (&m, framework);

  if (g_hash_table_size (m.by_source) > 0 || g_hash_table_size (m.by_translated) > 0)
    {
      in_scope = attest_page_find_in_scope_section (page);
      source_hits = find_source_hits (&m, in_scope);
      mark_hits (&m, page->source_blocks, source_hits, TRUE,
                 page->kind == ATTEST_PAGE_KIND_TRANSLATION_ONLY);
      if (page->kind == ATTEST_PAGE_KIND_BILINGUAL && page->translated_blocks != page->source_blocks)
        {
          g_autoptr(GPtrArray) tr_hits = find_translated_hits (&m, source_hits, in_scope);

          mark_hits (&m, page->translated_blocks, tr_hits, FALSE, TRUE);
        }
      g_ptr_array_sort (m.marks, compare_marks);
    }

  g_hash_table_unref (m.by_source);
  g_hash_table_unref (m.by_translated);
  g_array_unref (m.entries);
  g_ptr_array_unref (m.owned_keys);
  g_hash_table_unref (m.needles);
  return m.marks;
}
