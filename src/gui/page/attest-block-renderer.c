/* attest-block-renderer.c: a block list into a GtkTextBuffer, with tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core decides what a note or a page says (a block list, DESIGN.md
 * "Parsed page"); this draws it in a GtkTextBuffer (STYLE.md §10): named
 * tags for the look, one tag per link target, and a GtkTextChildAnchor for
 * each table and thematic break whose widget the view adds (the
 * "child-anchored" signal). Every block is one paragraph of the buffer: hard
 * line breaks are U+2028, so a block's background and spacing stay whole.
 * A table's text follows its anchor, hidden, so Find and Copy reach it.
 *
 * Colours come from the widget's style (update_colors), so dark and
 * high-contrast styles work; everything else is relative (scale, weight).
 */
#define G_LOG_DOMAIN "attest-block-renderer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-block-renderer.h"

#define LINK_TARGET_KEY  "attest-link-target"
#define ANCHOR_CHILD_KEY "attest-anchor-child"
#define CHILD_INDENT_KEY "attest-child-indent"
#define BOX_KEY          "attest-block-box"
#define SEGMENT_KEY      "attest-segment"

/* Pixels, at the 11 pt body size of the GNOME style. */
#define QUOTE_INDENT  18
#define BOX_PADDING   ATTEST_BLOCK_BOX_PADDING
#define LIST_INDENT   22
#define LIST_HANG     16
#define LIST_MARGIN   4

struct _AttestBlockRenderer
{
  GObject parent_instance;

  GtkTextTagTable *tags;
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA success;
  GdkRGBA warning;
  GdkRGBA error;
};

G_DEFINE_FINAL_TYPE (AttestBlockRenderer, attest_block_renderer, G_TYPE_OBJECT)

enum {
  CHILD_ANCHORED,
  BOXES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The tags of the note kinds (AttestNoteKind order). */
static const char *const note_tags[ATTEST_N_NOTE_KINDS] = {
  "note-note", "note-tip", "note-important", "note-warning", "note-caution",
};

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static GtkTextTag *
tag (AttestBlockRenderer *self,
     const char          *name)
{
  GtkTextTag *t = gtk_text_tag_table_lookup (self->tags, name);

  g_assert (t != NULL);
  return t;
}

static GtkTextTag *
add_tag (AttestBlockRenderer *self,
         const char          *name,
         const char          *first_property,
         ...)
{
  GtkTextTag *t = gtk_text_tag_new (name);
  va_list args;

  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (t), first_property, args);
  va_end (args);
  gtk_text_tag_table_add (self->tags, t);
  g_object_unref (t);
  return t;
}

static void
set_box (GtkTextTag    *t,
         const GdkRGBA *background,
         const GdkRGBA *bar)
{
  AttestBlockBox *box = g_new0 (AttestBlockBox, 1);

  box->background = *background;
  box->bar = *bar;
  g_object_set_data_full (G_OBJECT (t), BOX_KEY, box, g_free);
}

/* The tags whose look depends on the style's colours. */
static void
apply_colors (AttestBlockRenderer *self)
{
  const GdkRGBA *note_colors[] = { &self->accent, &self->success, &self->accent, &self->warning, &self->error };
  GdkRGBA code_bg = with_alpha (&self->fg, 0.08f);
  GdkRGBA block_bg = with_alpha (&self->fg, 0.05f);
  GdkRGBA quote_bar = with_alpha (&self->fg, 0.2f);
  GdkRGBA quote_fg = with_alpha (&self->fg, 0.75f);
  GdkRGBA dim = with_alpha (&self->fg, 0.7f);
  GdkRGBA none = { 0, 0, 0, 0 };

  GdkRGBA match_bg = with_alpha (&self->warning, 0.3f);
  GdkRGBA current_bg = with_alpha (&self->warning, 0.7f);
  GdkRGBA twin_bg = with_alpha (&self->accent, 0.18f);
  GdkRGBA service_bg = with_alpha (&self->accent, 0.12f);

  g_object_set (tag (self, ATTEST_BLOCK_TAG_LINK), "foreground-rgba", &self->accent, NULL);
  g_object_set (tag (self, ATTEST_BLOCK_TAG_SERVICE), "background-rgba", &service_bg, NULL);
  g_object_set (tag (self, ATTEST_BLOCK_TAG_FIND_MATCH), "background-rgba", &match_bg, NULL);
  g_object_set (tag (self, ATTEST_BLOCK_TAG_FIND_CURRENT), "background-rgba", &current_bg, NULL);
  g_object_set (tag (self, ATTEST_BLOCK_TAG_TWIN), "background-rgba", &twin_bg, NULL);
  {
    GdkRGBA flash_bg = with_alpha (&self->accent, 0.45f);

    g_object_set (tag (self, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH), "background-rgba", &flash_bg, NULL);
  }
  g_object_set (tag (self, ATTEST_BLOCK_TAG_CODE), "background-rgba", &code_bg, NULL);
  g_object_set (tag (self, ATTEST_BLOCK_TAG_QUOTE), "foreground-rgba", &quote_fg, NULL);
  g_object_set (tag (self, "h6"), "foreground-rgba", &dim, NULL);
  g_object_set (tag (self, ATTEST_BLOCK_TAG_LIST_MARKER), "foreground-rgba", &dim, NULL);
  set_box (tag (self, ATTEST_BLOCK_TAG_CODE_BLOCK), &block_bg, &none);
  set_box (tag (self, ATTEST_BLOCK_TAG_QUOTE), &none, &quote_bar);
  for (guint i = 0; i < G_N_ELEMENTS (note_tags); i++)
    {
      g_autofree char *label_tag = g_strconcat (note_tags[i], "-label", NULL);
      GdkRGBA bg = with_alpha (note_colors[i], 0.1f);

      set_box (tag (self, note_tags[i]), &bg, note_colors[i]);
      g_object_set (tag (self, label_tag), "foreground-rgba", note_colors[i], NULL);
    }
  g_signal_emit (self, signals[BOXES_CHANGED], 0);
}

static void
create_tags (AttestBlockRenderer *self)
{
  /* GNOME's type scale over an 11 pt body: title-1 20 pt/800, title-2 15 pt/800,
   * title-3 15 pt/700, title-4 13 pt/700, heading 11 pt/700. */
  static const struct { double scale; int weight; } headings[] = {
    { 20.0 / 11.0, 800 }, { 15.0 / 11.0, 800 }, { 15.0 / 11.0, 700 },
    { 13.0 / 11.0, 700 }, { 1.0, 700 }, { 1.0, 700 },
  };

  /* Inline styles first: a block tag made later wins where both set a property. */
  add_tag (self, ATTEST_BLOCK_TAG_BOLD, "weight", PANGO_WEIGHT_BOLD, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_ITALIC, "style", PANGO_STYLE_ITALIC, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_CODE, "family", "monospace", "fallback", TRUE, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_STRIKE, "strikethrough", TRUE, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_SUPERSCRIPT,
           "rise", 4 * PANGO_SCALE,
           "scale", PANGO_SCALE_SMALL,
           NULL);
  add_tag (self, ATTEST_BLOCK_TAG_LINK, "underline", PANGO_UNDERLINE_SINGLE, NULL);

  add_tag (self, ATTEST_BLOCK_TAG_PARAGRAPH, "pixels-inside-wrap", 2, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_LIST_ITEM, "pixels-inside-wrap", 2, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_LIST_MARKER, "family", "sans", NULL);
  add_tag (self, ATTEST_BLOCK_TAG_QUOTE, "pixels-inside-wrap", 2, "right-margin", BOX_PADDING,
               "accumulative-margin", TRUE, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_CODE_BLOCK,
           "family", "monospace",
           "wrap-mode", GTK_WRAP_CHAR,
           "right-margin", BOX_PADDING,
           "accumulative-margin", TRUE,
           "pixels-inside-wrap", 0,
           NULL);
  add_tag (self, ATTEST_BLOCK_TAG_TABLE, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_TABLE_TEXT, "invisible", TRUE, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_RULE, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_BOX_CONTINUES, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_NOTE_LABEL, "weight", PANGO_WEIGHT_BOLD, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (note_tags); i++)
    {
      g_autofree char *label_tag = g_strconcat (note_tags[i], "-label", NULL);

      add_tag (self, note_tags[i], "pixels-inside-wrap", 2, "right-margin", BOX_PADDING,
               "accumulative-margin", TRUE, NULL);
      add_tag (self, label_tag, NULL);
    }

  /* A tint, not an underline: links have that. */
  add_tag (self, ATTEST_BLOCK_TAG_SERVICE, NULL);
  /* Highlights last: they sit above every look. */
  add_tag (self, ATTEST_BLOCK_TAG_TWIN, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_FIND_MATCH, NULL);
  add_tag (self, ATTEST_BLOCK_TAG_FIND_CURRENT, NULL);
  /* An annotation shown on request: above everything, an outline would be
   * lost in the text, so a strong tint and an underline. */
  add_tag (self, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH, "underline", PANGO_UNDERLINE_DOUBLE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", i + 1);

      add_tag (self, name,
               "scale", headings[i].scale,
               "weight", headings[i].weight,
               "pixels-inside-wrap", 0,
               NULL);
    }
}

static void
attest_block_renderer_finalize (GObject *object)
{
  AttestBlockRenderer *self = ATTEST_BLOCK_RENDERER (object);

  g_clear_object (&self->tags);

  G_OBJECT_CLASS (attest_block_renderer_parent_class)->finalize (object);
}

static void
attest_block_renderer_class_init (AttestBlockRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_block_renderer_finalize;

  /**
   * AttestBlockRenderer::child-anchored:
   * @buffer: the buffer appended to
   * @anchor: where the widget goes
   * @child: a table (GtkGrid of GtkLabel) or a thematic break (GtkSeparator)
   *
   * A widget waits at @anchor: a view showing @buffer adds it with
   * gtk_text_view_add_child_at_anchor() and gives it the text width, as GTK 4.8
   * gives an anchored widget only its own size request. The anchor keeps a
   * reference to @child (attest_block_renderer_get_anchor_child()). Links in a
   * table are its labels' own ("activate-link" of GtkLabel).
   */
  signals[CHILD_ANCHORED] =
    g_signal_new ("child-anchored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  GTK_TYPE_TEXT_BUFFER, GTK_TYPE_TEXT_CHILD_ANCHOR, GTK_TYPE_WIDGET);

  /**
   * AttestBlockRenderer::boxes-changed:
   *
   * The colours of the boxes (attest_block_renderer_get_tag_box()) changed:
   * a view drawing them draws again.
   */
  signals[BOXES_CHANGED] =
    g_signal_new ("boxes-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
attest_block_renderer_init (AttestBlockRenderer *self)
{
  self->tags = gtk_text_tag_table_new ();
  /* The light Adwaita palette until a widget's style says otherwise. */
  gdk_rgba_parse (&self->fg, "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&self->accent, "#1c71d8");
  gdk_rgba_parse (&self->success, "#1b8553");
  gdk_rgba_parse (&self->warning, "#9c6e03");
  gdk_rgba_parse (&self->error, "#c01c28");
  create_tags (self);
  apply_colors (self);
}

AttestBlockRenderer *
attest_block_renderer_new (void)
{
  return g_object_new (ATTEST_TYPE_BLOCK_RENDERER, NULL);
}

/**
 * attest_block_renderer_get_tag_table:
 *
 * Returns: (transfer none): the table every buffer this renderer fills must use
 */
GtkTextTagTable *
attest_block_renderer_get_tag_table (AttestBlockRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_BLOCK_RENDERER (self), NULL);
  return self->tags;
}

/**
 * attest_block_renderer_new_buffer:
 *
 * Returns: (transfer full): an empty buffer on the renderer's tag table
 */
GtkTextBuffer *
attest_block_renderer_new_buffer (AttestBlockRenderer *self)
{
  g_return_val_if_fail (ATTEST_IS_BLOCK_RENDERER (self), NULL);
  return gtk_text_buffer_new (self->tags);
}

/**
 * attest_block_renderer_update_colors:
 * @widget: the view, whose style (light, dark, high contrast) gives the colours
 *
 * Call again when the style changes; the tags change in place.
 */
void
attest_block_renderer_update_colors (AttestBlockRenderer *self,
                                     GtkWidget           *widget)
{
  GtkStyleContext *context;
  static const char *names[] = { "accent_color", "success_color", "warning_color", "error_color" };
  GdkRGBA *slots[] = { &self->accent, &self->success, &self->warning, &self->error };
  GdkRGBA fg;
  gboolean changed = FALSE;

  g_return_if_fail (ATTEST_IS_BLOCK_RENDERER (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK 4.8 has no gtk_widget_get_color() yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &fg);
  if (!gdk_rgba_equal (&fg, &self->fg))
    {
      self->fg = fg;
      changed = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GdkRGBA color;

      /* A theme without libadwaita's names keeps the defaults. */
      if (gtk_style_context_lookup_color (context, names[i], &color) && !gdk_rgba_equal (&color, slots[i]))
        {
          *slots[i] = color;
          changed = TRUE;
        }
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* A tag change lays the whole buffer out again: only when a colour changed. */
  if (changed)
    apply_colors (self);
}

/* ---- appending ---------------------------------------------------- */

/* A tag made on demand, found by name the next time. */
static GtkTextTag *
indent_tag (AttestBlockRenderer *self,
            int                  left,
            int                  hang)
{
  g_autofree char *name = g_strdup_printf ("indent-%d-%d", left, hang);
  GtkTextTag *t = gtk_text_tag_table_lookup (self->tags, name);

  if (t == NULL)
    {
      /* Accumulative: added to the view's own margin, whatever it is. */
      t = add_tag (self, name, "left-margin", left, "indent", -hang, "accumulative-margin", TRUE, NULL);
      if (hang > 0)
        {
          /* The marker, a tab, the text: the tab stop is where wrapped lines start. */
          g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, hang);
          g_object_set (t, "tabs", tabs, NULL);
        }
      /* Below every tag made so far: block tags set no margin, so order is moot. */
      gtk_text_tag_set_priority (t, 0);
    }
  return t;
}

static GtkTextTag *
gap_tag (AttestBlockRenderer *self,
         int                  pixels)
{
  g_autofree char *name = g_strdup_printf ("gap-%d", pixels);
  GtkTextTag *t = gtk_text_tag_table_lookup (self->tags, name);

  if (t == NULL)
    {
      t = add_tag (self, name, "pixels-above-lines", pixels, NULL);
      gtk_text_tag_set_priority (t, 0);
    }
  return t;
}

static GtkTextTag *
link_tag (AttestBlockRenderer *self,
          const char          *target)
{
  g_autofree char *name = g_strconcat ("link-target ", target, NULL);
  GtkTextTag *t = gtk_text_tag_table_lookup (self->tags, name);

  if (t == NULL)
    {
      t = add_tag (self, name, NULL, NULL);
      g_object_set_data_full (G_OBJECT (t), LINK_TARGET_KEY, g_strdup (target), g_free);
    }
  return t;
}

/* The tag of one bilingual segment: hovering it finds its twin. */
static GtkTextTag *
segment_tag (AttestBlockRenderer *self,
             guint                segment,
             gboolean             create)
{
  char name[32];
  GtkTextTag *t;

  g_snprintf (name, sizeof name, "segment %u", segment);
  t = gtk_text_tag_table_lookup (self->tags, name);
  if (t == NULL && create)
    {
      t = add_tag (self, name, NULL, NULL);
      gtk_text_tag_set_priority (t, 0);
      g_object_set_data (G_OBJECT (t), SEGMENT_KEY, GUINT_TO_POINTER (segment + 1));
    }
  return t;
}

/* Appends @text at the end of @buffer with @tags (NULL-terminated);
 * "\n" becomes a line separator. */
static void
append_text (GtkTextBuffer *buffer,
             const char    *text,
             gssize         len,
             GtkTextTag   **tags)
{
  g_autoptr(GString) s = g_string_new_len (text, len);
  GtkTextIter start, end;
  int offset;

  g_string_replace (s, "\n", ATTEST_BLOCK_LINE_BREAK, 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (buffer, &end, s->str, (int) s->len);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_get_end_iter (buffer, &end);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    gtk_text_buffer_apply_tag (buffer, tags[i], &start, &end);
}

static void
append_runs (AttestBlockRenderer *self,
             GtkTextBuffer       *buffer,
             GPtrArray           *runs,
             gboolean             code_block)
{
  for (guint i = 0; i < runs->len; i++)
    {
      AttestRun *run = g_ptr_array_index (runs, i);
      GtkTextTag *tags[8];
      guint n = 0;

      if (run->flags & ATTEST_RUN_BOLD)
        tags[n++] = tag (self, ATTEST_BLOCK_TAG_BOLD);
      if (run->flags & ATTEST_RUN_ITALIC)
        tags[n++] = tag (self, ATTEST_BLOCK_TAG_ITALIC);
      if ((run->flags & ATTEST_RUN_CODE) && !code_block)
        tags[n++] = tag (self, ATTEST_BLOCK_TAG_CODE);
      if (run->flags & ATTEST_RUN_STRIKE)
        tags[n++] = tag (self, ATTEST_BLOCK_TAG_STRIKE);
      if (run->flags & ATTEST_RUN_SUPERSCRIPT)
        tags[n++] = tag (self, ATTEST_BLOCK_TAG_SUPERSCRIPT);
      if (run->link != NULL)
        {
          tags[n++] = tag (self, ATTEST_BLOCK_TAG_LINK);
          tags[n++] = link_tag (self, run->link);
        }
      if (run->segment >= 0)
        tags[n++] = segment_tag (self, (guint) run->segment, TRUE);
      tags[n] = NULL;
      append_text (buffer, run->text, -1, tags);
    }
}

/* One run's text (or a piece of it) as Pango markup, linked to @link. */
static void
append_run_markup (GString         *out,
                   const AttestRun *run,
                   const char      *text,
                   gssize           len,
                   const char      *link)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  if (link != NULL)
    {
      g_autofree char *href = g_markup_escape_text (link, -1);
      g_string_append_printf (out, "<a href=\"%s\">", href);
    }
  if (run->flags & ATTEST_RUN_BOLD)
    g_string_append (out, "<b>");
  if (run->flags & ATTEST_RUN_ITALIC)
    g_string_append (out, "<i>");
  if (run->flags & ATTEST_RUN_CODE)
    g_string_append (out, "<tt>");
  if (run->flags & ATTEST_RUN_STRIKE)
    g_string_append (out, "<s>");
  if (run->flags & ATTEST_RUN_SUPERSCRIPT)
    g_string_append (out, "<sup>");
  g_string_append (out, escaped);
  if (run->flags & ATTEST_RUN_SUPERSCRIPT)
    g_string_append (out, "</sup>");
  if (run->flags & ATTEST_RUN_STRIKE)
    g_string_append (out, "</s>");
  if (run->flags & ATTEST_RUN_CODE)
    g_string_append (out, "</tt>");
  if (run->flags & ATTEST_RUN_ITALIC)
    g_string_append (out, "</i>");
  if (run->flags & ATTEST_RUN_BOLD)
    g_string_append (out, "</b>");
  if (link != NULL)
    g_string_append (out, "</a>");
}

/* Pango markup of a table cell's runs; @spans (may be NULL) link stretches
 * of it, by character offsets, where the text has no link of its own. */
static char *
runs_markup_with_links (GPtrArray                 *runs,
                        const AttestBlockLinkSpan *spans,
                        guint                      n_spans)
{
  GString *out = g_string_new (NULL);
  int pos = 0;

  for (guint r = 0; r < runs->len; r++)
    {
      AttestRun *run = g_ptr_array_index (runs, r);
      int len = (int) g_utf8_strlen (run->text, -1);
      int i = 0;

      while (i < len)
        {
          const char *target = NULL;
          int next = len;
          const char *from, *to;

          for (guint k = 0; run->link == NULL && k < n_spans; k++)
            {
              if (spans[k].start <= pos + i && pos + i < spans[k].end)
                {
                  target = spans[k].target;
                  next = MIN (next, spans[k].end - pos);
                }
              else if (spans[k].start > pos + i)
                next = MIN (next, spans[k].start - pos);
            }
          from = g_utf8_offset_to_pointer (run->text, i);
          to = g_utf8_offset_to_pointer (run->text, next);
          append_run_markup (out, run, from, to - from, run->link != NULL ? run->link : target);
          i = next;
        }
      pos += len;
    }
  return g_string_free (out, FALSE);
}

static char *
runs_markup (GPtrArray *runs)
{
  return runs_markup_with_links (runs, NULL, 0);
}

/**
 * attest_block_renderer_link_table_cell:
 * @table: a table's widget (the "child-anchored" child of a TABLE block)
 * @block: that block
 * @spans: (array length=n_spans): stretches of the cell's text to link
 *
 * Links stretches of one cell's text, as attest_block_renderer_apply_link()
 * does in the text: the view reports their targets on a click or Enter.
 */
void
attest_block_renderer_link_table_cell (GtkWidget                 *table,
                                       const AttestBlock         *block,
                                       guint                      row,
                                       guint                      column,
                                       const AttestBlockLinkSpan *spans,
                                       guint                      n_spans)
{
  AttestTableRow *r;
  GtkWidget *label;
  g_autofree char *markup = NULL;

  g_return_if_fail (GTK_IS_GRID (table));
  g_return_if_fail (block != NULL && block->kind == ATTEST_BLOCK_TABLE);

  if (row >= block->rows->len)
    return;
  r = g_ptr_array_index (block->rows, row);
  if (column >= r->cells->len)
    return;
  label = gtk_grid_get_child_at (GTK_GRID (table), (int) column, (int) row);
  if (!GTK_IS_LABEL (label))
    return;
  markup = runs_markup_with_links (((AttestTableCell *) g_ptr_array_index (r->cells, column))->runs, spans, n_spans);
  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static GtkWidget *
table_widget (const AttestBlock *block)
{
  GtkWidget *grid = g_object_new (GTK_TYPE_GRID,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_TABLE,
                                  "halign", GTK_ALIGN_START,
                                  NULL);
  guint n_columns = 0;

  gtk_widget_add_css_class (grid, "block-table");
  for (guint r = 0; r < block->rows->len; r++)
    {
      AttestTableRow *row = g_ptr_array_index (block->rows, r);

      n_columns = MAX (n_columns, row->cells->len);
      for (guint c = 0; c < row->cells->len; c++)
        {
          AttestTableCell *cell = g_ptr_array_index (row->cells, c);
          g_autofree char *markup = runs_markup (cell->runs);
          GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                           "accessible-role", row->header ? GTK_ACCESSIBLE_ROLE_COLUMN_HEADER
                                                                          : GTK_ACCESSIBLE_ROLE_CELL,
                                           "use-markup", TRUE,
                                           "label", markup,
                                           "wrap", TRUE,
                                           "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                           "xalign", 0.0f,
                                           "yalign", 0.0f,
                                           "hexpand", TRUE,
                                           "valign", GTK_ALIGN_FILL,
                                           NULL);

          gtk_widget_add_css_class (label, row->header ? "header" : "cell");
          if (r % 2 == 0 && !row->header)
            gtk_widget_add_css_class (label, "even");
          if (c == 0)
            gtk_widget_add_css_class (label, "first-column");
          if (r + 1 == block->rows->len)
            gtk_widget_add_css_class (label, "last-row");
          gtk_grid_attach (GTK_GRID (grid), label, (int) c, (int) r, 1, 1);
        }
    }
  g_object_set_data (G_OBJECT (grid), "attest-table-columns", GUINT_TO_POINTER (n_columns));
  return grid;
}

/* The text of a table, hidden after its anchor: a line per row, cells
 * separated by tabs, all on the anchor's buffer line. */
static char *
table_text (const AttestBlock *block)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < block->rows->len; r++)
    {
      AttestTableRow *row = g_ptr_array_index (block->rows, r);

      if (r > 0)
        g_string_append (s, ATTEST_BLOCK_LINE_BREAK);
      for (guint c = 0; c < row->cells->len; c++)
        {
          g_autofree char *cell = attest_table_cell_dup_text (g_ptr_array_index (row->cells, c));

          if (c > 0)
            g_string_append_c (s, '\t');
          g_strdelimit (cell, "\n", ' ');
          g_string_append (s, cell);
        }
    }
  return g_string_free (s, FALSE);
}

static void
append_child (AttestBlockRenderer *self,
              GtkTextBuffer       *buffer,
              GtkWidget           *child,
              int                  indent)
{
  GtkTextIter end;
  GtkTextChildAnchor *anchor;

  gtk_text_buffer_get_end_iter (buffer, &end);
  anchor = gtk_text_buffer_create_child_anchor (buffer, &end);
  g_object_set_data_full (G_OBJECT (anchor), ANCHOR_CHILD_KEY, g_object_ref_sink (child), g_object_unref);
  g_object_set_data (G_OBJECT (child), CHILD_INDENT_KEY, GINT_TO_POINTER (indent));
  g_signal_emit (self, signals[CHILD_ANCHORED], 0, buffer, anchor, child);
}

/* Space above a block, from what came before it. */
static int
gap_before (const AttestBlock *prev,
            const AttestBlock *block)
{
  if (prev == NULL)
    return 0;
  if (block->kind == ATTEST_BLOCK_HEADING)
    return block->level <= 2 ? 24 : 18;
  if (attest_block_continues_box (prev, block))
    return 8;
  /* A box's padding stands out of its text: room for it. */
  if (attest_block_has_box (prev) || attest_block_has_box (block))
    return 12 + ATTEST_BLOCK_BOX_PADDING_Y + (prev->kind == ATTEST_BLOCK_HEADING ? 0 : 4);
  if (prev->kind == ATTEST_BLOCK_HEADING)
    return 6;
  if (prev->kind == ATTEST_BLOCK_LIST_ITEM && block->kind == ATTEST_BLOCK_LIST_ITEM)
    return 4;
  return 12;
}

static const char *
list_marker (const AttestBlock *block,
             char               number[16])
{
  static const char *bullets[] = { "•", "◦", "▪" };

  if (block->ordered)
    {
      g_snprintf (number, 16, "%d.", block->number);
      return number;
    }
  return bullets[(MAX (block->depth, 1) - 1) % G_N_ELEMENTS (bullets)];
}

static void
append_block (AttestBlockRenderer *self,
              GtkTextBuffer       *buffer,
              const AttestBlock   *prev,
              const AttestBlock   *block,
              AttestBlockOffsets  *where)
{
  GtkTextIter start, end;
  int offset;
  int left = (int) block->quote_depth * QUOTE_INDENT;
  int hang = 0;
  GtkTextTag *block_tag = NULL;
  char number[16];

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (prev != NULL)
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
  offset = gtk_text_iter_get_offset (&end);
  where->start = offset;
  where->text = offset;

  switch (block->kind)
    {
    case ATTEST_BLOCK_HEADING:
      {
        char name[4];

        g_snprintf (name, sizeof name, "h%u", CLAMP (block->level, 1, 6));
        block_tag = tag (self, name);
        append_runs (self, buffer, block->runs, FALSE);
      }
      break;

    case ATTEST_BLOCK_LIST_ITEM:
      {
        GtkTextTag *marker_tags[] = { tag (self, ATTEST_BLOCK_TAG_LIST_MARKER), NULL };

        block_tag = tag (self, ATTEST_BLOCK_TAG_LIST_ITEM);
        /* A hanging indent: the first line starts at the margin with the marker,
         * wrapped lines at the tab stop. */
        left += LIST_MARGIN + (int) (MAX (block->depth, 1) - 1) * LIST_INDENT;
        hang = block->ordered ? 10 + 8 * (int) strlen (list_marker (block, number)) : LIST_HANG;
        append_text (buffer, list_marker (block, number), -1, marker_tags);
        append_text (buffer, "\t", 1, NULL);
        where->text = gtk_text_buffer_get_char_count (buffer);
        append_runs (self, buffer, block->runs, FALSE);
      }
      break;

    case ATTEST_BLOCK_QUOTE:
      block_tag = tag (self, ATTEST_BLOCK_TAG_QUOTE);
      left = (int) (MAX (block->depth, 1) - 1) * QUOTE_INDENT + BOX_PADDING;
      append_runs (self, buffer, block->runs, FALSE);
      break;

    case ATTEST_BLOCK_NOTE:
      {
        guint k = attest_block_get_note_kind (block);
        g_autofree char *label_tag = g_strconcat (note_tags[k], "-label", NULL);
        GtkTextTag *label_tags[] = { tag (self, ATTEST_BLOCK_TAG_NOTE_LABEL), tag (self, label_tag), NULL };

        block_tag = tag (self, note_tags[k]);
        left = (int) (MAX (block->depth, 1) - 1) * QUOTE_INDENT + BOX_PADDING;
        /* The label once, above the note's first paragraph. */
        if (!attest_block_continues_box (prev, block))
          {
            append_text (buffer, attest_note_kind_get_title (k), -1, label_tags);
            if (block->runs->len > 0)
              append_text (buffer, "\n", 1, NULL);
          }
        where->text = gtk_text_buffer_get_char_count (buffer);
        append_runs (self, buffer, block->runs, FALSE);
      }
      break;

    case ATTEST_BLOCK_CODE:
      block_tag = tag (self, ATTEST_BLOCK_TAG_CODE_BLOCK);
      /* The box starts where the text would; the code keeps off its edge. */
      left += BOX_PADDING;
      append_runs (self, buffer, block->runs, TRUE);
      break;

    case ATTEST_BLOCK_TABLE:
      {
        g_autofree char *text = table_text (block);
        GtkTextTag *hidden[] = { tag (self, ATTEST_BLOCK_TAG_TABLE_TEXT), NULL };

        block_tag = tag (self, ATTEST_BLOCK_TAG_TABLE);
        where->text = -1;
        append_child (self, buffer, table_widget (block), left);
        append_text (buffer, text, -1, hidden);
      }
      break;

    case ATTEST_BLOCK_THEMATIC_BREAK:
      {
        GtkWidget *rule = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

        gtk_widget_add_css_class (rule, "block-rule");
        block_tag = tag (self, ATTEST_BLOCK_TAG_RULE);
        where->text = -1;
        append_child (self, buffer, rule, left);
      }
      break;

    case ATTEST_BLOCK_PARAGRAPH:
    default:
      block_tag = tag (self, ATTEST_BLOCK_TAG_PARAGRAPH);
      append_runs (self, buffer, block->runs, FALSE);
      break;
    }

  /* Block tags cover the whole paragraph, so its first character carries them. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_iter_equal (&start, &end))
    return;
  gtk_text_buffer_apply_tag (buffer, block_tag, &start, &end);
  gtk_text_buffer_apply_tag (buffer, gap_tag (self, gap_before (prev, block)), &start, &end);
  if (left > 0 || hang > 0)
    gtk_text_buffer_apply_tag (buffer, indent_tag (self, left, hang), &start, &end);
  if (attest_block_continues_box (prev, block))
    gtk_text_buffer_apply_tag (buffer, tag (self, ATTEST_BLOCK_TAG_BOX_CONTINUES), &start, &end);
}

/**
 * attest_block_renderer_append:
 * @buffer: a buffer on the renderer's tag table
 * @blocks: (element-type AttestBlock): what to draw
 *
 * Appends @blocks at the end of @buffer, each block one paragraph with its
 * tags. Tables and thematic breaks become child anchors: see the
 * "child-anchored" signal.
 */
void
attest_block_renderer_append (AttestBlockRenderer *self,
                              GtkTextBuffer       *buffer,
                              GPtrArray           *blocks)
{
  attest_block_renderer_append_with_offsets (self, buffer, blocks, NULL);
}

/**
 * attest_block_renderer_append_with_offsets:
 * @offsets: (nullable) (element-type AttestBlockOffsets): where each block went,
 *   one entry per block appended
 *
 * As attest_block_renderer_append(), and says where each block went.
 */
void
attest_block_renderer_append_with_offsets (AttestBlockRenderer *self,
                                           GtkTextBuffer       *buffer,
                                           GPtrArray           *blocks,
                                           GArray              *offsets)
{
  const AttestBlock *prev = NULL;

  g_return_if_fail (ATTEST_IS_BLOCK_RENDERER (self));
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (gtk_text_buffer_get_tag_table (buffer) == self->tags);
  g_return_if_fail (blocks != NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      const AttestBlock *block = g_ptr_array_index (blocks, i);
      AttestBlockOffsets where;

      /* A buffer with text already: the new blocks follow as if after a paragraph. */
      if (prev == NULL && gtk_text_buffer_get_char_count (buffer) > 0)
        {
          static const AttestBlock before = { .kind = ATTEST_BLOCK_PARAGRAPH };
          prev = &before;
        }
      append_block (self, buffer, prev, block, &where);
      if (offsets != NULL)
        g_array_append_val (offsets, where);
      prev = block;
    }
}

/**
 * attest_block_renderer_append_range:
 * @first: the first block of @blocks to append
 * @n: how many
 * @offsets: (nullable) (element-type AttestBlockOffsets): where each block went,
 *   one entry per block appended
 *
 * Appends blocks @first … @first + @n - 1 of @blocks to a buffer that holds
 * blocks 0 … @first - 1 already (a page built a slice at a time): the same
 * text and tags as one attest_block_renderer_append_with_offsets() of them all.
 */
void
attest_block_renderer_append_range (AttestBlockRenderer *self,
                                    GtkTextBuffer       *buffer,
                                    GPtrArray           *blocks,
                                    guint                first,
                                    guint                n,
                                    GArray              *offsets)
{
  const AttestBlock *prev;

  g_return_if_fail (ATTEST_IS_BLOCK_RENDERER (self));
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (gtk_text_buffer_get_tag_table (buffer) == self->tags);
  g_return_if_fail (blocks != NULL);
  g_return_if_fail (first <= blocks->len && n <= blocks->len - first);

  prev = first > 0 ? g_ptr_array_index (blocks, first - 1) : NULL;
  for (guint i = first; i < first + n; i++)
    {
      const AttestBlock *block = g_ptr_array_index (blocks, i);
      AttestBlockOffsets where;

      append_block (self, buffer, prev, block, &where);
      if (offsets != NULL)
        g_array_append_val (offsets, where);
      prev = block;
    }
}

/**
 * attest_block_renderer_apply_link:
 * @target: what activating the range means (a URL, or the caller's own scheme)
 * @look: (nullable): the tag that gives the range its look; NULL for a link's
 *
 * Makes a range of text a link: the view shows a hand over it and reports
 * @target on a click or Enter, as for the links of the blocks.
 */
void
attest_block_renderer_apply_link (AttestBlockRenderer *self,
                                  GtkTextBuffer       *buffer,
                                  const GtkTextIter   *start,
                                  const GtkTextIter   *end,
                                  const char          *target,
                                  const char          *look)
{
  g_return_if_fail (ATTEST_IS_BLOCK_RENDERER (self));
  g_return_if_fail (target != NULL);

  gtk_text_buffer_apply_tag (buffer, tag (self, look != NULL ? look : ATTEST_BLOCK_TAG_LINK), start, end);
  gtk_text_buffer_apply_tag (buffer, link_tag (self, target), start, end);
}

/**
 * attest_block_renderer_lookup_segment_tag:
 *
 * Returns: (transfer none) (nullable): the tag on the text of bilingual
 *   segment @segment, if any buffer of this renderer holds some
 */
GtkTextTag *
attest_block_renderer_lookup_segment_tag (AttestBlockRenderer *self,
                                          guint                segment)
{
  g_return_val_if_fail (ATTEST_IS_BLOCK_RENDERER (self), NULL);
  return segment_tag (self, segment, FALSE);
}

/* The bilingual segment the text at @iter is in, or -1. */
int
attest_block_renderer_get_segment_at_iter (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = NULL;

  g_return_val_if_fail (iter != NULL, -1);

  tags = gtk_text_iter_get_tags (iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      guint plus_one = GPOINTER_TO_UINT (g_object_get_data (l->data, SEGMENT_KEY));

      if (plus_one > 0)
        return (int) plus_one - 1;
    }
  return -1;
}

/* ---- reading back ------------------------------------------------- */

/**
 * attest_block_renderer_get_link_at_iter:
 *
 * Returns: (nullable): the target of the link at @iter, owned by the buffer's tag table
 */
const char *
attest_block_renderer_get_link_at_iter (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = NULL;

  g_return_val_if_fail (iter != NULL, NULL);

  tags = gtk_text_iter_get_tags (iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *target = g_object_get_data (l->data, LINK_TARGET_KEY);

      if (target != NULL)
        return target;
    }
  return NULL;
}

/**
 * attest_block_renderer_get_link_range:
 * @start: (out): where the link at @iter starts
 * @end: (out): where it ends
 *
 * Returns: %TRUE when @iter is in a link
 */
gboolean
attest_block_renderer_get_link_range (const GtkTextIter *iter,
                                      GtkTextIter       *start,
                                      GtkTextIter       *end)
{
  g_autoptr(GSList) tags = NULL;

  g_return_val_if_fail (iter != NULL && start != NULL && end != NULL, FALSE);

  tags = gtk_text_iter_get_tags (iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, LINK_TARGET_KEY) != NULL)
      {
        *start = *iter;
        *end = *iter;
        if (!gtk_text_iter_starts_tag (start, l->data))
          gtk_text_iter_backward_to_tag_toggle (start, l->data);
        gtk_text_iter_forward_to_tag_toggle (end, l->data);
        return TRUE;
      }
  return FALSE;
}

/**
 * attest_block_renderer_get_anchor_child:
 *
 * Returns: (transfer none) (nullable): the table or rule the renderer put at @anchor
 */
GtkWidget *
attest_block_renderer_get_anchor_child (GtkTextChildAnchor *anchor)
{
  g_return_val_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor), NULL);
  return g_object_get_data (G_OBJECT (anchor), ANCHOR_CHILD_KEY);
}

/**
 * attest_block_renderer_dup_text:
 *
 * The text between @start and @end as a reader copies it: tables as
 * tab-separated lines, line breaks as "\n".
 *
 * Returns: (transfer full): UTF-8 text
 */
char *
attest_block_renderer_dup_text (const GtkTextIter *start,
                                const GtkTextIter *end)
{
  GtkTextBuffer *buffer;
  g_autoptr(GString) text = NULL;
  g_autofree char *raw = NULL;

  g_return_val_if_fail (start != NULL && end != NULL, NULL);

  buffer = gtk_text_iter_get_buffer (start);
  /* Hidden text is a table's; anchors themselves have no text. */
  raw = gtk_text_buffer_get_text (buffer, start, end, TRUE);
  text = g_string_new (raw);
  g_string_replace (text, ATTEST_BLOCK_LINE_BREAK, "\n", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * attest_block_renderer_get_child_indent:
 * @child: a widget of the "child-anchored" signal
 *
 * Returns: how far, in pixels, @child's line is indented from the text's
 *   left margin (a table in a quote is)
 */
int
attest_block_renderer_get_child_indent (GtkWidget *child)
{
  g_return_val_if_fail (GTK_IS_WIDGET (child), 0);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), CHILD_INDENT_KEY));
}

/**
 * attest_block_renderer_get_tag_box:
 *
 * Returns: (nullable): the box a view draws behind the lines that start
 *   with @tag (quotes, notes, code blocks), from the text's left edge minus
 *   ATTEST_BLOCK_BOX_PADDING to the right edge of the text area
 */
const AttestBlockBox *
attest_block_renderer_get_tag_box (GtkTextTag *tag)
{
  g_return_val_if_fail (GTK_IS_TEXT_TAG (tag), NULL);
  return g_object_get_data (G_OBJECT (tag), BOX_KEY);
}

/**
 * attest_block_renderer_get_highlight_tag:
 * @color: an annotation's colour, "#rrggbb"
 *
 * The tag that draws section annotations of @color, made on first use
 * (named "highlight-#rrggbb"); the lowest priority, so Find's marks and the
 * flash of a highlight shown draw over it.
 *
 * Returns: (transfer none): the tag, or %NULL for a colour that is not one
 */
GtkTextTag *
attest_block_renderer_get_highlight_tag (AttestBlockRenderer *self,
                                         const char          *color)
{
  g_autofree char *name = NULL;
  GtkTextTag *t;
  GdkRGBA rgba;

  g_return_val_if_fail (ATTEST_IS_BLOCK_RENDERER (self), NULL);

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return NULL;
  name = g_strdup_printf ("%s%s", ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX, color);
  t = gtk_text_tag_table_lookup (self->tags, name);
  if (t != NULL)
    return t;
  /* Light colours: dark text stays readable on them, in a dark style too. */
  rgba.alpha = 0.55f;
  t = gtk_text_tag_new (name);
  g_object_set (t, "background-rgba", &rgba, NULL);
  gtk_text_tag_table_add (self->tags, t);
  gtk_text_tag_set_priority (t, 0);
  g_object_unref (t);
  return t;
}
