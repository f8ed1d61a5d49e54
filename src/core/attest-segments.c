/* attest-segments.c: bilingual segments of a localised offering page
 *
 * One linear pass over the body: text is copied to both outputs, span pairs
 * are replaced by their side, everything else that looks like a span tag is
 * dropped with a warning.  Every search stops at the next "<span", so many
 * unclosed spans cannot make the pass quadratic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-segments"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-segments.h"

#define MAX_WARNINGS 50
#define MAX_TAG_BYTES 4096

typedef struct {
  gsize start;
  gsize len;
  gboolean present;
} AttrValue;

typedef struct {
  gsize end;        /* offset just after '>' */
  AttrValue ttu;
  AttrValue stu;
  AttrValue klass;
} SpanTag;

typedef struct {
  const char *path;
  const char *text;
  gsize len;
  gsize base;       /* offset of text in the file, for warnings */
  GString *tr;
  GString *src;
  GString *scratch;
  GPtrArray *segments;
  GPtrArray *warnings;
  guint dropped_warnings;
  gsize reserved_removed;
  gboolean saw_pair;
  gboolean sentinels_exhausted;
} Extractor;

static void
segment_free (AttestSegment *seg)
{
  g_free (seg->id);
  g_free (seg->translated);
  g_free (seg->source);
  g_free (seg);
}

void
attest_segments_free (AttestSegments *self)
{
  if (self == NULL)
    return;
  if (self->source != self->translated)
    g_free (self->source);
  g_free (self->translated);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

const char *
attest_page_kind_to_string (AttestPageKind kind)
{
  switch (kind)
    {
    case ATTEST_PAGE_KIND_SOURCE_ONLY:
      return "source-only";
    case ATTEST_PAGE_KIND_TRANSLATION_ONLY:
      return "translation-only";
    case ATTEST_PAGE_KIND_BILINGUAL:
      return "bilingual";
    default:
      return "unknown";
    }
}

G_GNUC_PRINTF (2, 3)
static void
warn (Extractor  *ex,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (ex->warnings->len >= MAX_WARNINGS)
    {
      ex->dropped_warnings++;
      return;
    }
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ex->warnings, g_strdup_printf ("%s: %s", ex->path, msg));
}

/* Reserved code points: U+E000, U+2E31 and planes 15 and 16.  Returns the
 * length of the UTF-8 sequence at @p when it is one, else 0; *cp gets it. */
static inline gsize
reserved_at (const guchar *p,
             gsize         avail,
             gunichar     *cp)
{
  switch (p[0])
    {
    case 0xE2:
      if (avail >= 3 && p[1] == 0xB8 && p[2] == 0xB1)
        {
          *cp = ATTEST_SEGMENT_MARK;
          return 3;
        }
      return 0;
    case 0xEE:
      if (avail >= 3 && p[1] == 0x80 && p[2] == 0x80)
        {
          *cp = ATTEST_SEGMENT_CLOSE;
          return 3;
        }
      return 0;
    case 0xF3:
    case 0xF4:
      if (avail >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80)
        {
          gunichar c = ((gunichar) (p[0] & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12)
                       | ((gunichar) (p[2] & 0x3F) << 6) | (gunichar) (p[3] & 0x3F);
          if (c >= 0xF0000 && c <= 0x10FFFF)
            {
              *cp = c;
              return 4;
            }
        }
      return 0;
    default:
      return 0;
    }
}

gboolean
attest_segments_decode_open (gunichar  c,
                             guint    *index)
{
  if (c >= ATTEST_SEGMENT_OPEN_BASE && c <= 0xFFFFD)
    {
      *index = c - ATTEST_SEGMENT_OPEN_BASE;
      return TRUE;
    }
  if (c >= ATTEST_SEGMENT_OPEN_BASE2 && c <= 0x10FFFD)
    {
      *index = 65534 + (c - ATTEST_SEGMENT_OPEN_BASE2);
      return TRUE;
    }
  return FALSE;
}

gboolean
attest_segments_is_sentinel (gunichar c)
{
  return c == ATTEST_SEGMENT_MARK || c == ATTEST_SEGMENT_CLOSE || (c >= 0xF0000 && c <= 0x10FFFF);
}

/* The first reserved code point at or after byte @i: its offset, its length
 * in *n and the code point in *cp; @len when there is none. */
static inline gsize
find_reserved (const guchar *p,
               gsize         len,
               gsize         i,
               gunichar     *cp,
               gsize        *n)
{
  while (i < len)
    {
      guchar b;

      /* Most text is ASCII: skip it eight bytes at a time. */
      while (i + 8 <= len)
        {
          guint64 word;

          memcpy (&word, p + i, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          i += 8;
        }
      if (i >= len)
        break;
      b = p[i];
      if (G_LIKELY (b != 0xE2 && b != 0xEE && b != 0xF3 && b != 0xF4))
        {
          i++;
          continue;
        }
      *n = reserved_at (p + i, len - i, cp);
      if (*n != 0)
        return i;
      i++;
    }
  *n = 0;
  return len;
}

/**
 * attest_segments_find_reserved:
 * @text: UTF-8
 * @len: its length in bytes
 * @cp: (out): the reserved code point found
 * @cp_len: (out): its length in bytes; 0 when there is none
 *
 * Finds the next sentinel (or other reserved code point, see above), for a
 * walker that must know where each segment opens and closes.
 *
 * Returns: its byte offset in @text, or @len when there is none
 */
gsize
attest_segments_find_reserved (const char *text,
                               gsize       len,
                               gunichar   *cp,
                               gsize      *cp_len)
{
  gunichar c = 0;
  gsize n = 0;
  gsize at;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  at = find_reserved ((const guchar *) text, len, 0, &c, &n);
  if (cp != NULL)
    *cp = c;
  if (cp_len != NULL)
    *cp_len = n;
  return at;
}

/* Appends @text without reserved code points; open sentinels' indexes go to
 * @indexes (guint) when it is not NULL.  Returns how many were removed. */
static gsize
append_stripped (GString    *out,
                 const char *text,
                 gsize       len,
                 GArray     *indexes)
{
  const guchar *p = (const guchar *) text;
  gsize run = 0;
  gsize removed = 0;
  gsize i = 0;

  while (i < len)
    {
      gunichar cp = 0;
      gsize n;

      i = find_reserved (p, len, i, &cp, &n);
      if (i >= len)
        break;
      if (i > run)
        g_string_append_len (out, text + run, (gssize) (i - run));
      if (indexes != NULL)
        {
          guint index;

          if (attest_segments_decode_open (cp, &index))
            g_array_append_val (indexes, index);
        }
      removed++;
      i += n;
      run = i;
    }
  if (len > run)
    g_string_append_len (out, text + run, (gssize) (len - run));
  return removed;
}

void
attest_segments_append_stripped (GString    *out,
                                 const char *text,
                                 gsize       len,
                                 GArray     *indexes)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL || len == 0);

  append_stripped (out, text, len, indexes);
}

char *
attest_segments_strip (const char *text,
                       gssize      len)
{
  GString *out;

  g_return_val_if_fail (text != NULL || len <= 0, NULL);

  if (text == NULL)
    return g_strdup ("");
  if (len < 0)
    len = (gssize) strlen (text);
  out = g_string_sized_new ((gsize) len);
  append_stripped (out, text, (gsize) len, NULL);
  return g_string_free (out, FALSE);
}

static void
append_both (Extractor *ex,
             gsize      start,
             gsize      end)
{
  gsize before = ex->tr->len;

  if (end <= start)
    return;
  ex->reserved_removed += append_stripped (ex->tr, ex->text + start, end - start, NULL);
  g_string_append_len (ex->src, ex->tr->str + before, (gssize) (ex->tr->len - before));
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* "</span>" (any case, blanks before '>') at @pos: its end in *end. */
static gboolean
close_tag_at (Extractor *ex,
              gsize      pos,
              gsize     *end)
{
  const char *t = ex->text;
  gsize i;

  if (ex->len - pos < 7 || g_ascii_strncasecmp (t + pos, "</span", 6) != 0)
    return FALSE;
  for (i = pos + 6; i < ex->len && i - pos < 64 && is_space (t[i]); i++)
    ;
  if (i < ex->len && t[i] == '>')
    {
      *end = i + 1;
      return TRUE;
    }
  return FALSE;
}

static gboolean
open_tag_start_at (Extractor *ex,
                   gsize      pos)
{
  return ex->len - pos >= 5
         && g_ascii_strncasecmp (ex->text + pos, "<span", 5) == 0
         && (ex->len - pos == 5
             || is_space (ex->text[pos + 5]) || ex->text[pos + 5] == '>' || ex->text[pos + 5] == '/');
}

/* Parses "<span attr=… …>" at @pos.  Gives up at a '<' inside the tag, so a
 * failed parse never rescans text another tag will scan. */
static gboolean
parse_open_tag (Extractor *ex,
                gsize      pos,
                SpanTag   *tag)
{
  const char *t = ex->text;
  gsize len = MIN (ex->len, pos + MAX_TAG_BYTES);
  gsize i = pos + 5;

  memset (tag, 0, sizeof *tag);
  if (!open_tag_start_at (ex, pos))
    return FALSE;

  while (i < len)
    {
      gsize name_start, name_len;
      AttrValue value = { 0, 0, TRUE };

      while (i < len && (is_space (t[i]) || t[i] == '/'))
        i++;
      if (i >= len || t[i] == '<')
        return FALSE;
      if (t[i] == '>')
        {
          tag->end = i + 1;
          return TRUE;
        }
      name_start = i;
      while (i < len && !is_space (t[i]) && t[i] != '=' && t[i] != '>' && t[i] != '<' && t[i] != '/')
        i++;
      name_len = i - name_start;
      while (i < len && is_space (t[i]))
        i++;
      if (i < len && t[i] == '=')
        {
          i++;
          while (i < len && is_space (t[i]))
            i++;
          if (i < len && (t[i] == '"' || t[i] == '\''))
            {
              char q = t[i++];

              value.start = i;
              while (i < len && t[i] != q && t[i] != '<')
                i++;
              if (i >= len || t[i] != q)
                return FALSE;
              value.len = i - value.start;
              i++;
            }
          else
            {
              value.start = i;
              while (i < len && !is_space (t[i]) && t[i] != '>' && t[i] != '<')
                i++;
              value.len = i - value.start;
            }
        }

#define NAME_IS(s) (name_len == strlen (s) && g_ascii_strncasecmp (t + name_start, s, name_len) == 0)
      if (NAME_IS ("data-ttu-id"))
        tag->ttu = value;
      else if (NAME_IS ("data-stu-id"))
        tag->stu = value;
      else if (NAME_IS ("class"))
        tag->klass = value;
#undef NAME_IS
    }
  return FALSE;
}

static char *
value_dup (Extractor       *ex,
           const AttrValue *value)
{
  return g_strndup (ex->text + value->start, value->len);
}

static gboolean
value_contains (Extractor       *ex,
                const AttrValue *value,
                const char      *needle)
{
  return value->present
         && memmem (ex->text + value->start, value->len, needle, strlen (needle)) != NULL;
}

static gboolean
value_equal (Extractor       *ex,
             const AttrValue *a,
             const AttrValue *b)
{
  return a->len == b->len && memcmp (ex->text + a->start, ex->text + b->start, a->len) == 0;
}

static char *
clean_dup (Extractor *ex,
           gsize      start,
           gsize      end)
{
  g_string_truncate (ex->scratch, 0);
  ex->reserved_removed += append_stripped (ex->scratch, ex->text + start, end - start, NULL);
  return g_strndup (ex->scratch->str, ex->scratch->len);
}

static void
append_sentinel (GString  *out,
                 gunichar  first,
                 gunichar  second)
{
  g_string_append_unichar (out, first);
  g_string_append_unichar (out, second);
}

static void
emit_segment (Extractor  *ex,
              char       *id,
              char       *translated,
              char       *source)
{
  AttestSegment *seg = g_new0 (AttestSegment, 1);
  guint index = ex->segments->len;
  gunichar open = 0;

  seg->id = id;
  seg->translated = translated;
  seg->has_source = source != NULL;
  seg->source = source != NULL ? source : g_strdup (translated);
  g_ptr_array_add (ex->segments, seg);
  if (seg->has_source)
    ex->saw_pair = TRUE;

  if (index < 65534)
    open = ATTEST_SEGMENT_OPEN_BASE + index;
  else if (index < ATTEST_SEGMENTS_MAX_SENTINELS)
    open = ATTEST_SEGMENT_OPEN_BASE2 + (index - 65534);
  else if (!ex->sentinels_exhausted)
    {
      ex->sentinels_exhausted = TRUE;
      warn (ex, _("more than %u segments; the rest are not traced"),
            (guint) ATTEST_SEGMENTS_MAX_SENTINELS);
    }

  if (open != 0)
    append_sentinel (ex->tr, open, ATTEST_SEGMENT_MARK);
  g_string_append (ex->tr, seg->translated);
  if (open != 0)
    {
      append_sentinel (ex->tr, ATTEST_SEGMENT_MARK, ATTEST_SEGMENT_CLOSE);
      append_sentinel (ex->src, open, ATTEST_SEGMENT_MARK);
    }
  g_string_append (ex->src, seg->source);
  if (open != 0)
    append_sentinel (ex->src, ATTEST_SEGMENT_MARK, ATTEST_SEGMENT_CLOSE);
}

/* Content of a span from @start up to its "</span>", provided no "<span"
 * comes first.  FALSE when the span does not close cleanly.  A search stops
 * at the next "<span", where the main loop goes on, so no text is scanned
 * by more than one search. */
static gboolean
span_content (Extractor *ex,
              gsize      start,
              gsize     *end)
{
  gsize p = start;

  while (p < ex->len)
    {
      const char *lt = memchr (ex->text + p, '<', ex->len - p);
      gsize at;

      if (lt == NULL)
        return FALSE;
      at = (gsize) (lt - ex->text);
      if (ex->len - at >= 7 && memcmp (lt, "</span>", 7) == 0)
        {
          *end = at;
          return TRUE;
        }
      if (open_tag_start_at (ex, at))
        return FALSE;
      p = at + 1;
    }
  return FALSE;
}

/* A "<span data-ttu-id=…>" at @pos, parsed into @tag; returns where to go on. */
static gsize
handle_segment (Extractor     *ex,
                const SpanTag *tag)
{
  gsize t_start = tag->end, t_end;
  gsize after;
  SpanTag sxs, stu;
  gboolean have_source = FALSE;
  gsize s_start = 0, s_end = 0;
  char *id;

  if (!span_content (ex, t_start, &t_end))
    {
      warn (ex, _("a segment span does not close at byte %lu; its markup is dropped"),
            (unsigned long) (ex->base + t_start));
      return tag->end;
    }
  after = t_end + strlen ("</span>");

  /* Some pages close the translated span twice: skip the extra ends. */
  {
    gsize p = after, e;
    guint extra = 0;

    while (close_tag_at (ex, p, &e))
      {
        p = e;
        extra++;
      }
    if (extra > 0 && p < ex->len && open_tag_start_at (ex, p))
      {
        SpanTag probe;

        if (parse_open_tag (ex, p, &probe) && value_contains (ex, &probe.klass, "sxs-lookup"))
          {
            warn (ex, g_dngettext (GETTEXT_PACKAGE, "%u stray </span> before byte %lu is dropped",
                                   "%u stray </span> before byte %lu are dropped", extra), extra,
                  (unsigned long) (ex->base + p));
            after = p;
          }
      }
  }

  memset (&stu, 0, sizeof stu);
  if (after < ex->len && ex->text[after] == '<'
      && parse_open_tag (ex, after, &sxs) && value_contains (ex, &sxs.klass, "sxs-lookup"))
    {
      gsize p;

      if (parse_open_tag (ex, sxs.end, &stu) && stu.stu.present
          && span_content (ex, stu.end, &s_end))
        {
          s_start = stu.end;
          p = s_end + strlen ("</span>");
          if (close_tag_at (ex, p, &p))
            after = p;
          else
            {
              warn (ex, _("a source span does not close at byte %lu"), (unsigned long) (ex->base + p));
              after = s_end + strlen ("</span>");
            }
          have_source = TRUE;
        }
      else
        {
          warn (ex, _("a source span is broken at byte %lu; its markup is dropped"),
                (unsigned long) (ex->base + sxs.end));
          after = sxs.end;
        }
    }

  if (tag->ttu.len > 0)
    id = value_dup (ex, &tag->ttu);
  else if (have_source && stu.stu.len > 0)
    id = value_dup (ex, &stu.stu);
  else
    id = g_strdup_printf ("attest-%u", ex->segments->len);
  if (tag->ttu.len == 0)
    warn (ex, _("a segment has no id at byte %lu; it is called “%s”"),
          (unsigned long) (ex->base + t_start), id);
  else if (have_source && !value_equal (ex, &tag->ttu, &stu.stu))
    warn (ex, _("segment “%s” has a source with another id"), id);

  emit_segment (ex, id, clean_dup (ex, t_start, t_end),
                have_source ? clean_dup (ex, s_start, s_end) : NULL);
  return after;
}

AttestSegments *
attest_segments_extract (const char *display_path,
                         const char *text,
                         gsize       len,
                         gsize       base_offset)
{
  AttestSegments *self;
  Extractor ex = { 0 };
  gsize pos = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  ex.path = display_path != NULL ? display_path : "";
  ex.text = text != NULL ? text : "";
  ex.len = len;
  ex.base = base_offset;
  ex.tr = g_string_sized_new (len + 16);
  ex.src = g_string_sized_new (len + 16);
  ex.scratch = g_string_new (NULL);
  ex.segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  ex.warnings = g_ptr_array_new_with_free_func (g_free);

  while (pos < len)
    {
      const char *lt = memchr (ex.text + pos, '<', len - pos);
      gsize at, end;
      SpanTag tag;

      if (lt == NULL)
        {
          append_both (&ex, pos, len);
          break;
        }
      at = (gsize) (lt - ex.text);
      append_both (&ex, pos, at);
      pos = at;

      if (close_tag_at (&ex, pos, &end))
        {
          warn (&ex, _("a stray </span> at byte %lu is dropped"), (unsigned long) (ex.base + pos));
          pos = end;
        }
      else if (open_tag_start_at (&ex, pos))
        {
          if (!parse_open_tag (&ex, pos, &tag))
            {
              warn (&ex, _("a broken <span> tag at byte %lu is dropped"), (unsigned long) (ex.base + pos));
              pos += strlen ("<span");
            }
          else if (tag.ttu.present)
            pos = handle_segment (&ex, &tag);
          else
            {
              warn (&ex, _("a <span> without a segment id at byte %lu is dropped"),
                    (unsigned long) (ex.base + pos));
              pos = tag.end;
            }
        }
      else
        {
          g_string_append_c (ex.tr, '<');
          g_string_append_c (ex.src, '<');
          pos++;
        }
    }

  if (ex.reserved_removed > 0)
    warn (&ex, _("%lu reserved characters (U+E000, U+2E31, planes 15–16) were removed"),
          (unsigned long) ex.reserved_removed);
  if (ex.dropped_warnings > 0)
    g_ptr_array_add (ex.warnings,
                     g_strdup_printf (_("%s: %u more warnings"), ex.path, ex.dropped_warnings));

  self = g_new0 (AttestSegments, 1);
  self->segments = ex.segments;
  self->warnings = ex.warnings;
  if (ex.saw_pair)
    self->kind = ATTEST_PAGE_KIND_BILINGUAL;
  else if (ex.segments->len > 0)
    self->kind = ATTEST_PAGE_KIND_TRANSLATION_ONLY;
  else
    self->kind = ATTEST_PAGE_KIND_SOURCE_ONLY;

  self->translated_len = ex.tr->len;
  self->translated = g_string_free (ex.tr, FALSE);
  if (self->kind == ATTEST_PAGE_KIND_BILINGUAL)
    {
      self->source_len = ex.src->len;
      self->source = g_string_free (ex.src, FALSE);
    }
  else
    {
      g_string_free (ex.src, TRUE);
      self->source = self->translated;
      self->source_len = self->translated_len;
    }
  g_string_free (ex.scratch, TRUE);
  return self;
}
