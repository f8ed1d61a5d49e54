/* attest-page-view.c: an offering page, read translated, in its source, or side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core parses the page into block lists (DESIGN.md "Parsed page"); this
 * shows them (STYLE.md §10):
 * - Translated and Source: one AttestBlockView, one buffer, so selection,
 *   Copy and Find run across the whole page;
 * - Side by side: the core's block pairs (attest_page_pair_blocks), one grid
 *   row per aligned row, each side an AttestBlockView. The rows are the
 *   alignment: the columns cannot drift apart. Hovering a sentence lights it
 *   and its twin in the other column (the runs' segment tags).
 * Every view of a page draws with one renderer (one tag table).
 *
 * The toolbar: the table of contents, the page's title and version, the
 * "Machine Translation" badge, the version picker, the three modes (the
 * one chosen is remembered in GSettings "reading-mode"), Find, the notes on
 * the page and on the section being read, and a menu (zoom, print).
 * Links: "#anchor" scrolls to its section; a service named in scope selects
 * its row ("select-service"); a backgrounder, audit report or certificate
 * shows whether the workspace holds its document, in a small window where it
 * can be opened, downloaded or attached (AttestLinkRow); anything else opens
 * in the browser once the reader has seen the address and agreed.
 */
#define G_LOG_DOMAIN "attest-page-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-unshown.h"
#include "attest-annotation-editor.h"
#include "attest-annotation-list.h"
#include "attest-count.h"
#include "attest-block-renderer.h"
#include "attest-block-view.h"
#include "attest-link-opener.h"
#include "attest-languages.h"
#include "attest-link-row.h"
#include "attest-note-editor.h"
#include "attest-offering.h"
#include "attest-page-marks.h"
#include "attest-page-pairs.h"
#include "attest-page-view.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-links.h"
#include "attest-workspace-notes.h"
#include "attest-markup.h"
#include "attest-toast.h"

#define SERVICE_SCHEME "attest-service:"
#define VIEW_INFO_KEY  "attest-page-view-info"
#define MAX_MATCHES    10000

/* Zoom steps; index ZOOM_DEFAULT is 100 %. */
static const int zoom_steps[] = { 70, 80, 90, 100, 110, 120, 140, 160, 200 };
#define ZOOM_DEFAULT 3

/* What one text view shows: which side, which blocks, where they went. */
typedef struct {
  gboolean source;              /* the source side's blocks; else the translated side's */
  GArray *blocks;               /* guint: block indexes on that side */
  GArray *offsets;              /* AttestBlockOffsets, one per block */
  int row;                      /* side by side: the row; -1 in a single view */
  AttestBlockView *twin;        /* side by side: the other column of the row */
} ViewInfo;

typedef struct {
  AttestBlockView *view;
  int start;                    /* character offsets in the view's buffer */
  int end;
} Match;

typedef struct {
  gint64 id;
  char *locale;
  char *date;
  gboolean machine_translated;
  char *label;                  /* what it covers, locale, date: "SOC 2 · English · 12 March 2023" */
  char *dates;                  /* its dates in words: "page of …, imported …" */
} Variant;

struct _AttestPageView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkLabel *mt_badge;
  GtkDropDown *variant_dropdown;
  GtkBox *mode_box;
  GtkSearchBar *search_bar;
  GtkSearchEntry *find_entry;
  GtkLabel *find_count_label;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkButton *banner_button;
  AdwFlap *notes_flap;
  AttestNoteEditor *section_notes;
  AttestNoteEditor *page_notes;
  AdwFlap *toc_flap;
  GtkListView *toc_list;        /* the contents: a row for each section of level 1 to 3 */
  GtkStringList *toc_names;     /*   what a screen reader says of each row */
  GtkSingleSelection *toc_selection;
  GArray *toc_sections;         /*   guint: each row's section */
  GArray *toc_notes;            /*   guint: how many notes each row's section has */
  GArray *toc_rows;             /* int: each section's row, or -1 */
  gboolean toc_selecting;       /* the view selects a row itself: not the reader's pick */
  GtkStack *content_stack;
  GtkScrolledWindow *single_scroll;
  GtkScrolledWindow *side_scroll;
  GtkWidget *documents_button;  /* the page's PDF links, in a popover (hidden when it has none) */
  GtkListBox *documents_list;   /*   their AttestLinkRows */

  GSimpleActionGroup *actions;
  GSettings *settings;
  AttestWorkspace *workspace;
  char *framework_id;
  char *framework_title;
  GArray *variants;             /* Variant, newest first */
  guint variant;
  gboolean has_english;         /* the framework has an English variant */
  gint64 english_id;
  AttestPage *page;
  AttestMatrix *matrix;         /* the window's, borrowed: see attest_page_view_set_matrix() */
  GPtrArray *marks;             /* AttestServiceMark: services in scope, marked */

  AttestReadingMode mode;       /* the reader's choice */
  AttestReadingMode shown;      /* what the page can show of it */
  AttestBlockRenderer *renderer;
  GPtrArray *views;             /* AttestBlockView, in page order (side by side: row by row, translated first) */
  GtkWidget *side_grid;
  int section;                  /* the section being read, or -1 */
  guint scroll_tick;
  guint fit_source;
  gpointer page_notes_workspace;    /* the workspaces the note editors read from */
  gpointer section_notes_workspace; /*   (compared, never used) */
  int pending_section;
  guint section_notes_stale : 1;  /* the page was read anew: so may its notes be */
  guint loading_variants : 1;

  struct _Load *load;           /* the page being parsed on a worker, or NULL */
  guint build_source;           /* the views being built on idle (build_slice()), or 0 */
  guint build_next;             /* the next block (single) or pair (side by side) to build */
  gboolean build_paused;        /* the build waits for the view to show again */
  GArray *build_pairs;          /* side by side, while built: the core's pairs */
  int build_row;                /* side by side, while built: the next grid row */
  char *pending_key;            /* a section asked for while it parses: shown on it */
  guint spinner_source;         /* shows the spinner if the parse takes a while */
  GtkWidget *spinner;

  GArray *matches;              /* Match */
  int current_match;
  char *find_text;

  int zoom;                     /* index into zoom_steps */
  guint keep_scroll_source;     /* Find closed: the place held a moment (keep_scroll()) */
  double keep_scroll_value;

  int twin_segment;             /* the segment lit by hovering, or -1 */
  AttestBlockView *twin_views[2];

  AttestAnnotationList *annotation_list; /* the section's highlights, in the notes pane */
  GPtrArray *annotations;       /* AttestAnnotation: the page's section annotations */
  GMenu *text_menu;             /* Highlight, in the text's context menu */
  guint flash_source;           /* the highlight shown on request: its flash ends */
  AttestBlockView *flash_view;  /*   where it is (weak) */
};

G_DEFINE_FINAL_TYPE (AttestPageView, attest_page_view, GTK_TYPE_WIDGET)

enum {
  SELECT_SERVICE,
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void render (AttestPageView *self);
static void rebuild_toc (AttestPageView *self);
static void stop_build (AttestPageView *self);
static void update_notes (AttestPageView *self);
static void refind (AttestPageView *self);
static void end_flash (AttestPageView *self);
static void reload_annotations (AttestPageView *self);
static void fit_annotation_list (AttestPageView *self);

static void
view_info_free (ViewInfo *info)
{
  g_array_unref (info->blocks);
  g_array_unref (info->offsets);
  g_free (info);
}

static ViewInfo *
view_info (AttestBlockView *view)
{
  return g_object_get_data (G_OBJECT (view), VIEW_INFO_KEY);
}

static void
variant_clear (Variant *v)
{
  g_free (v->locale);
  g_free (v->date);
  g_free (v->label);
  g_free (v->dates);
}

static GPtrArray *
side_blocks (AttestPageView *self,
             gboolean        source)
{
  return source ? self->page->source_blocks : self->page->translated_blocks;
}

static gboolean
is_bilingual (AttestPageView *self)
{
  return self->page != NULL && self->page->kind == ATTEST_PAGE_KIND_BILINGUAL;
}

/* What the page can show of @mode: a page without a source shows its text. */
static AttestReadingMode
shown_mode (AttestPageView    *self,
            AttestReadingMode  mode)
{
  return is_bilingual (self) ? mode : ATTEST_READING_TRANSLATED;
}

/* ---- scrolling -------------------------------------------------------- */

/* Where @iter of @view is, in the coordinates of the scrolled content. */
static gboolean
iter_y (AttestPageView    *self,
        AttestBlockView   *view,
        const GtkTextIter *iter,
        GtkWidget         *content,
        double            *y)
{
  GdkRectangle rect;
  int wx, wy;
  graphene_point_t p;

  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &wx, &wy);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), content, &GRAPHENE_POINT_INIT (wx, wy), &p))
    return FALSE;
  *y = p.y;
  return TRUE;
}

/* Scrolls so @iter of @view shows a little below the top (@at: 0 top … 1 bottom). */
static void
scroll_to_iter (AttestPageView    *self,
                AttestBlockView   *view,
                const GtkTextIter *iter,
                double             at)
{
  /* The caret goes there too: the keys go on from where the reader is. */
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), iter);
  if (self->shown != ATTEST_READING_SIDE_BY_SIDE)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "attest-scroll");

      if (mark == NULL)
        mark = gtk_text_buffer_create_mark (buffer, "attest-scroll", iter, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, mark, iter);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (view), mark, 0.0, TRUE, 0.0, at);
    }
  else
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->side_scroll);
      double y;

      if (iter_y (self, view, iter, self->side_grid, &y))
        gtk_adjustment_set_value (adj, y - gtk_adjustment_get_page_size (adj) * at);
    }
}

/* The view and the buffer offset where block @block of a side starts. */
static AttestBlockView *
find_block (AttestPageView *self,
            gboolean        source,
            guint           block,
            int            *offset,
            int            *text)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      AttestBlockView *view = g_ptr_array_index (self->views, i);
      ViewInfo *info = view_info (view);

      /* A page that is not bilingual has one side: both names reach it. */
      if (is_bilingual (self) && info->source != source)
        continue;
      /* Only the blocks built so far (a big page is built a slice at a time). */
      for (guint b = 0; b < info->offsets->len; b++)
        if (g_array_index (info->blocks, guint, b) == block)
          {
            AttestBlockOffsets *o = &g_array_index (info->offsets, AttestBlockOffsets, b);

            if (offset != NULL)
              *offset = o->start;
            if (text != NULL)
              *text = o->text;
            return view;
          }
    }
  return NULL;
}

/* A section's heading, in the side being read. */
static AttestBlockView *
find_section (AttestPageView *self,
              int             section,
              int            *offset)
{
  AttestSection *s = g_ptr_array_index (self->page->sections, section);
  gboolean source = self->shown == ATTEST_READING_SOURCE;
  int block = source ? (int) s->source_block : s->translated_block;

  /* A heading without its translation: the section's first translated block. */
  for (guint i = 0; block < 0 && i < self->page->translated_blocks->len; i++)
    if (((AttestBlock *) g_ptr_array_index (self->page->translated_blocks, i))->section == section)
      block = (int) i;
  if (block < 0)
    {
      source = TRUE;
      block = (int) s->source_block;
    }
  return find_block (self, source && is_bilingual (self), (guint) block, offset, NULL);
}

static gboolean
scroll_to_section_now (AttestPageView *self)
{
  AttestBlockView *view;
  int offset = 0;
  GtkTextIter iter;

  view = find_section (self, self->pending_section, &offset);
  if (view == NULL)
    return TRUE;
  if (self->shown == ATTEST_READING_SIDE_BY_SIDE && gtk_widget_get_height (GTK_WIDGET (view)) <= 1)
    return FALSE;   /* not laid out yet */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter, offset);
  scroll_to_iter (self, view, &iter, 0.0);
  return TRUE;
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  AttestPageView *self = ATTEST_PAGE_VIEW (widget);

  if (self->pending_section < 0 || self->page == NULL ||
      (guint) self->pending_section >= self->page->sections->len || scroll_to_section_now (self))
    {
      self->pending_section = -1;
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
set_section (AttestPageView *self,
             int             section)
{
  if (self->section == section)
    return;
  self->section = section;
  update_notes (self);
  /* The contents follow without taking the focus. */
  self->toc_selecting = TRUE;
  gtk_single_selection_set_selected (self->toc_selection,
                                     section >= 0 && (guint) section < self->toc_rows->len
                                     && g_array_index (self->toc_rows, int, section) >= 0
                                     ? (guint) g_array_index (self->toc_rows, int, section)
                                     : GTK_INVALID_LIST_POSITION);
  self->toc_selecting = FALSE;
}

static void
scroll_to_section (AttestPageView *self,
                   int             section)
{
  if (self->page == NULL || section < 0 || (guint) section >= self->page->sections->len)
    return;
  set_section (self, section);
  self->pending_section = section;
  /* Still being built: there once built (finish_build()). */
  if (self->build_source != 0 || self->build_paused)
    return;
  if (scroll_to_section_now (self))
    {
      self->pending_section = -1;
      return;
    }
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick, NULL, NULL);
}

/* ---- links and services ---------------------------------------------- */

/* The page's backgrounder, audit reports and certificates: the links of the
 * version shown, each with whether the workspace holds its document. */
static void
update_documents (AttestPageView *self)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) on_page = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list))) != NULL)
    gtk_list_box_remove (self->documents_list, child);
  gtk_widget_set_visible (self->documents_button, FALSE);
  if (self->workspace == NULL || self->framework_id == NULL || self->page == NULL)
    return;
  for (guint i = 0; i < self->page->links->len; i++)
    g_hash_table_add (on_page, ((AttestPageLink *) self->page->links->pdata[i])->url);
  links = attest_workspace_list_links (self->workspace, self->framework_id, &error);
  if (links == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *link = links->pdata[i];

      if (!attest_link_row_shows_kind (link->kind) || !g_hash_table_contains (on_page, link->url))
        continue;
      gtk_list_box_append (self->documents_list, attest_link_row_new (self->workspace, link));
      n++;
    }
  gtk_widget_set_visible (self->documents_button, n > 0);
}

/* Opened: what another view stored since shows. */
static void
on_documents_shown (GtkWidget      *popover,
                    AttestPageView *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ATTEST_IS_LINK_ROW (row) && !attest_link_row_get_busy (ATTEST_LINK_ROW (row)))
      attest_link_row_refresh (ATTEST_LINK_ROW (row));
}

/* The framework's link with @uri, when it is a backgrounder, an audit
 * report or a certificate: shown in a small window with its document. */
static gboolean
show_link_document (AttestPageView *self,
                    const char     *uri)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->workspace == NULL || self->framework_id == NULL)
    return FALSE;
  links = attest_workspace_list_links (self->workspace, self->framework_id, &error);
  if (links == NULL)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < links->len; i++)
    {
      AttestLink *link = links->pdata[i];

      if (!g_str_equal (link->url, uri) || !attest_link_row_shows_kind (link->kind))
        continue;
      dialog = attest_link_dialog_new (GTK_WIDGET (self), self->workspace, link);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  return FALSE;
}

static void
on_activate_link (AttestBlockView *view,
                  const char      *uri,
                  AttestPageView  *self)
{
  if (g_str_has_prefix (uri, SERVICE_SCHEME))
    {
      g_signal_emit (self, signals[SELECT_SERVICE], 0, uri + strlen (SERVICE_SCHEME));
      return;
    }
  if (uri[0] == '#')
    {
      int section = attest_page_find_section (self->page, uri + 1);

      if (section >= 0)
        {
          scroll_to_section (self, section);
          return;
        }
    }
  /* A PDF link: its document, held or to get (the browser is a button there). */
  if (show_link_document (self, uri))
    return;
  /* Everything else leaves Attest, once the reader has seen where to. */
  attest_link_opener_ask (GTK_WIDGET (self), uri);
}

/* The services in scope, marked where the page names them: a click selects
 * the service's row. The core decides what is marked (attest-page-marks.h). */
static void
compute_marks (AttestPageView *self)
{
  Variant *v;
  g_autofree char *lang = NULL;

  g_clear_pointer (&self->marks, g_ptr_array_unref);
  if (self->page == NULL || self->matrix == NULL)
    return;
  v = &g_array_index (self->variants, Variant, self->variant);
  lang = attest_offering_lang_for_locale (v->locale);
  self->marks = attest_page_mark_services (self->page, self->matrix, self->framework_id, lang);
  g_debug ("%s: %u services marked", self->page->path, self->marks->len);
}

/* Marks in one cell of a table (they come together, in order): its label's links. */
static guint
apply_table_marks (AttestPageView *self,
                   guint           first)
{
  AttestServiceMark *mark = g_ptr_array_index (self->marks, first);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (AttestBlockLinkSpan));
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  AttestBlockView *view;
  int offset = -1;
  guint i;

  for (i = first; i < self->marks->len; i++)
    {
      AttestServiceMark *m = g_ptr_array_index (self->marks, i);
      AttestBlockLinkSpan span;

      if (m->source != mark->source || m->block != mark->block || m->row != mark->row || m->cell != mark->cell)
        break;
      g_ptr_array_add (targets, g_strconcat (SERVICE_SCHEME, m->service_id, NULL));
      span.start = (int) m->start;
      span.end = (int) m->end;
      span.target = g_ptr_array_index (targets, targets->len - 1);
      g_array_append_val (spans, span);
    }

  view = find_block (self, mark->source, mark->block, &offset, NULL);
  if (view != NULL)
    {
      GtkTextIter iter;
      GtkTextChildAnchor *anchor;
      GtkWidget *table;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter, offset);
      anchor = gtk_text_iter_get_child_anchor (&iter);
      table = anchor != NULL ? attest_block_renderer_get_anchor_child (anchor) : NULL;
      if (GTK_IS_GRID (table))
        attest_block_renderer_link_table_cell (table, g_ptr_array_index (side_blocks (self, mark->source), mark->block),
                                               (guint) mark->row, (guint) mark->cell,
                                               (AttestBlockLinkSpan *) spans->data, spans->len);
    }
  return i;
}

static void
apply_marks (AttestPageView *self)
{
  for (guint i = 0; self->marks != NULL && i < self->marks->len; i++)
    {
      AttestServiceMark *mark = g_ptr_array_index (self->marks, i);
      g_autofree char *target = NULL;
      AttestBlockView *view;
      GtkTextBuffer *buffer;
      GtkTextIter start, end;
      int text = -1;

      if (mark->row >= 0)
        {
          i = apply_table_marks (self, i) - 1;
          continue;
        }
      view = find_block (self, mark->source, mark->block, NULL, &text);
      if (view == NULL || text < 0)
        continue;
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      gtk_text_buffer_get_iter_at_offset (buffer, &start, text + (int) mark->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, text + (int) mark->end);
      target = g_strconcat (SERVICE_SCHEME, mark->service_id, NULL);
      attest_block_renderer_apply_link (self->renderer, buffer, &start, &end, target, ATTEST_BLOCK_TAG_SERVICE);
    }
}

/* ---- hovering a sentence ----------------------------------------------- */

static void
clear_twins (AttestPageView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->twin_views); i++)
    if (self->twin_views[i] != NULL)
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->twin_views[i]));
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        gtk_text_buffer_remove_tag_by_name (buffer, ATTEST_BLOCK_TAG_TWIN, &start, &end);
        g_clear_weak_pointer (&self->twin_views[i]);
      }
  self->twin_segment = -1;
}

/* Lights every stretch of @tag in @view. */
static void
light_segment (AttestBlockView *view,
               GtkTextTag      *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter, end;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    if (gtk_text_iter_starts_tag (&iter, tag))
      {
        end = iter;
        gtk_text_iter_forward_to_tag_toggle (&end, tag);
        gtk_text_buffer_apply_tag_by_name (buffer, ATTEST_BLOCK_TAG_TWIN, &iter, &end);
        iter = end;
      }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
}

static void
on_view_motion (GtkEventControllerMotion *controller,
                double                    x,
                double                    y,
                AttestPageView           *self)
{
  AttestBlockView *view = ATTEST_BLOCK_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  ViewInfo *info = view_info (view);
  GtkTextIter iter;
  int bx, by;
  int segment = -1;
  GtkTextTag *tag;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (view), &iter, bx, by))
    segment = attest_block_renderer_get_segment_at_iter (&iter);
  if (segment == self->twin_segment && self->twin_views[0] == view)
    return;
  clear_twins (self);
  if (segment < 0 || info->twin == NULL)
    return;
  tag = attest_block_renderer_lookup_segment_tag (self->renderer, (guint) segment);
  if (tag == NULL)
    return;
  self->twin_segment = segment;
  g_set_weak_pointer (&self->twin_views[0], view);
  g_set_weak_pointer (&self->twin_views[1], info->twin);
  light_segment (view, tag);
  light_segment (info->twin, tag);
}

static void
on_view_leave (GtkEventControllerMotion *controller,
               AttestPageView           *self)
{
  clear_twins (self);
}

/* A click in the text makes its section the one the notes are about. */
static void
on_view_released (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  AttestPageView  *self)
{
  AttestBlockView *view = ATTEST_BLOCK_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  ViewInfo *info = view_info (view);
  GtkTextIter iter;
  int bx, by, offset;
  GPtrArray *blocks = side_blocks (self, info->source);

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (view), &iter, bx, by);
  /* A link's click says where to go itself (an anchor sets the section). */
  if (attest_block_renderer_get_link_at_iter (&iter) != NULL)
    return;
  offset = gtk_text_iter_get_offset (&iter);
  for (guint b = info->offsets->len; b > 0; b--)
    if (g_array_index (info->offsets, AttestBlockOffsets, b - 1).start <= offset)
      {
        const AttestBlock *block = g_ptr_array_index (blocks, g_array_index (info->blocks, guint, b - 1));

        set_section (self, block->section);
        return;
      }
}

/* ---- building the views ---------------------------------------------- */

static AttestBlockView *
new_view (AttestPageView *self,
          gboolean        source,
          GPtrArray      *blocks,
          GArray         *indexes,
          int             row)
{
  AttestBlockView *view = ATTEST_BLOCK_VIEW (attest_block_view_new ());
  ViewInfo *info = g_new0 (ViewInfo, 1);
  GtkEventController *controller;

  attest_block_view_set_renderer (view, self->renderer);
  info->source = source;
  info->blocks = g_array_ref (indexes);
  info->offsets = g_array_new (FALSE, FALSE, sizeof (AttestBlockOffsets));
  info->row = row;
  g_object_set_data_full (G_OBJECT (view), VIEW_INFO_KEY, info, (GDestroyNotify) view_info_free);
  /* No blocks: the caller appends them, a slice at a time. */
  if (blocks != NULL)
    attest_block_renderer_append_with_offsets (self->renderer, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                               blocks, info->offsets);
  g_signal_connect_object (view, "activate-link", G_CALLBACK (on_activate_link), self, 0);
  gtk_widget_add_css_class (GTK_WIDGET (view), "page-text");
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (view), G_MENU_MODEL (self->text_menu));

  if (row >= 0)
    {
      controller = gtk_event_controller_motion_new ();
      g_signal_connect_object (controller, "motion", G_CALLBACK (on_view_motion), self, 0);
      g_signal_connect_object (controller, "leave", G_CALLBACK (on_view_leave), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (view), controller);
    }
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect_object (controller, "released", G_CALLBACK (on_view_released), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);

  g_ptr_array_add (self->views, g_object_ref_sink (view));
  return view;
}

static void
clear_views (AttestPageView *self)
{
  clear_twins (self);
  end_flash (self);
  self->pending_section = -1;
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
  stop_build (self);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
  g_ptr_array_set_size (self->views, 0);
  gtk_scrolled_window_set_child (self->single_scroll, NULL);
  gtk_scrolled_window_set_child (self->side_scroll, NULL);
  self->side_grid = NULL;
}

/* A comfortable reading column: at most this wide, centred. */
#define READING_WIDTH 820

static gboolean
fit_column (gpointer user_data)
{
  AttestPageView *self = user_data;
  AttestBlockView *view;
  int margin;

  self->fit_source = 0;
  if (self->shown == ATTEST_READING_SIDE_BY_SIDE || self->views->len != 1)
    return G_SOURCE_REMOVE;
  view = g_ptr_array_index (self->views, 0);
  margin = MAX (48, (gtk_widget_get_width (GTK_WIDGET (self->single_scroll)) - READING_WIDTH) / 2);
  if (gtk_text_view_get_left_margin (GTK_TEXT_VIEW (view)) != margin)
    {
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), margin);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), margin);
    }
  return G_SOURCE_REMOVE;
}

/* The width changed: the margins follow, after this layout (never inside it). */
static void
on_single_width (GtkAdjustment  *adjustment,
                 AttestPageView *self)
{
  if (self->fit_source == 0)
    self->fit_source = g_idle_add (fit_column, self);
}

/* A big page is built a slice at a time, on idle, so the window keeps
 * answering (issues 18 and 19: 20 000 sections froze it for seconds, a page
 * at the size limit for minutes): each slice takes about BUILD_SLICE_US,
 * then the main loop runs (a redraw, a key, Back, Ctrl+Q) before the next.
 * A page asked for since, another mode, Back or closing the window stops it
 * (clear_views()). The page shows from its top as it comes; marks, Find and
 * the section asked for come once it is all there (finish_build()). */
#define BUILD_SLICE_US 8000
#define BUILD_STEP     64     /* blocks between two looks at the clock */
#define BUILD_ROW_STEP 4      /* side by side: rows (two text views each) between two looks */
#define BUILD_AT_ONCE  2000   /* blocks: a page this small is built at once (every real page) */
/* After the redraw and the text views' own layout (GTK_TEXT_VIEW_PRIORITY_VALIDATE),
 * before plain idle: the build neither starves nor is starved. */
#define BUILD_PRIORITY (GDK_PRIORITY_REDRAW + 10)

static void finish_build (AttestPageView *self);

static void
stop_build (AttestPageView *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  self->build_paused = FALSE;
  g_clear_pointer (&self->build_pairs, g_array_unref);
  self->build_next = 0;
}

/* Appends one row of side by side (the pairs from self->build_next on of one row). */
static void
build_side_row (AttestPageView *self)
{
  GArray *pairs = self->build_pairs;
  guint i = self->build_next;
  guint r = g_array_index (pairs, AttestBlockPair, i).row;
  g_autoptr(GPtrArray) tblocks = g_ptr_array_new ();
  g_autoptr(GPtrArray) sblocks = g_ptr_array_new ();
  g_autoptr(GArray) tindexes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sindexes = g_array_new (FALSE, FALSE, sizeof (guint));
  AttestBlockView *tview, *sview;
  g_autofree char *tlabel = NULL, *slabel = NULL;
  int row = self->build_row;

  for (; i < pairs->len && g_array_index (pairs, AttestBlockPair, i).row == r; i++)
    {
      AttestBlockPair *p = &g_array_index (pairs, AttestBlockPair, i);
      guint t = (guint) p->translated, s = (guint) p->source;

      /* A block paired twice in a row (several twins) is drawn once. */
      if (p->translated >= 0 && (tindexes->len == 0 || g_array_index (tindexes, guint, tindexes->len - 1) != t))
        {
          g_array_append_val (tindexes, t);
          g_ptr_array_add (tblocks, g_ptr_array_index (self->page->translated_blocks, t));
        }
      if (p->source >= 0 && (sindexes->len == 0 || g_array_index (sindexes, guint, sindexes->len - 1) != s))
        {
          g_array_append_val (sindexes, s);
          g_ptr_array_add (sblocks, g_ptr_array_index (self->page->source_blocks, s));
        }
    }
  self->build_next = i;
  tview = new_view (self, FALSE, tblocks, tindexes, row);
  sview = new_view (self, TRUE, sblocks, sindexes, row);
  view_info (tview)->twin = sview;
  view_info (sview)->twin = tview;
  /* Translators: how a screen reader names a cell of side by side; %u is its row */
  tlabel = g_strdup_printf (_("Translation, row %u"), (guint) row);
  /* Translators: how a screen reader names a cell of side by side; %u is its row */
  slabel = g_strdup_printf (_("English source, row %u"), (guint) row);
  attest_block_view_set_accessible_label (tview, tlabel);
  attest_block_view_set_accessible_label (sview, slabel);
  gtk_widget_add_css_class (GTK_WIDGET (tview), "side-cell");
  gtk_widget_add_css_class (GTK_WIDGET (sview), "side-cell");
  gtk_grid_attach (GTK_GRID (self->side_grid), GTK_WIDGET (tview), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->side_grid), GTK_WIDGET (sview), 1, row, 1, 1);
  self->build_row++;
}

/* One slice of the build; TRUE when the page is all there. */
static gboolean
build_slice (AttestPageView *self,
             gint64          until)
{
  if (self->shown == ATTEST_READING_SIDE_BY_SIDE)
    {
      while (self->build_next < self->build_pairs->len)
        {
          for (guint n = 0; n < BUILD_ROW_STEP && self->build_next < self->build_pairs->len; n++)
            build_side_row (self);
          if (g_get_monotonic_time () >= until)
            break;
        }
      return self->build_next >= self->build_pairs->len;
    }
  else
    {
      AttestBlockView *view = g_ptr_array_index (self->views, 0);
      ViewInfo *info = view_info (view);
      GPtrArray *blocks = side_blocks (self, info->source);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      while (self->build_next < blocks->len)
        {
          guint n = MIN (BUILD_STEP, blocks->len - self->build_next);

          attest_block_renderer_append_range (self->renderer, buffer, blocks, self->build_next, n, info->offsets);
          self->build_next += n;
          if (g_get_monotonic_time () >= until)
            break;
        }
      return self->build_next >= blocks->len;
    }
}

static gboolean
build_idle (gpointer user_data)
{
  AttestPageView *self = user_data;

  /* Back to the matrix meanwhile: the rest waits until the page shows again (on_map()). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->build_source = 0;
      self->build_paused = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return G_SOURCE_REMOVE;
    }
  if (!build_slice (self, g_get_monotonic_time () + BUILD_SLICE_US))
    return G_SOURCE_CONTINUE;
  self->build_source = 0;
  finish_build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

static void
build_single (AttestPageView *self,
              gboolean        source)
{
  GPtrArray *blocks = side_blocks (self, source);
  g_autoptr(GArray) indexes = g_array_sized_new (FALSE, FALSE, sizeof (guint), blocks->len);
  AttestBlockView *view;

  for (guint i = 0; i < blocks->len; i++)
    g_array_append_val (indexes, i);
  view = new_view (self, source, NULL, indexes, -1);
  {
    /* The column's margins from the width there is now: not laid out twice. */
    int margin = MAX (48, (gtk_widget_get_width (GTK_WIDGET (self->content_stack)) - READING_WIDTH) / 2);

    gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), margin);
    gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), margin);
  }
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 24);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 48);
  attest_block_view_set_accessible_label (view, source ? _("English source of the page")
                                                       : _("Text of the page"));
  gtk_scrolled_window_set_child (self->single_scroll, GTK_WIDGET (view));
  gtk_stack_set_visible_child_name (self->content_stack, "single");
}

static void
build_side (AttestPageView *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *header;
  int row = 0;

  self->build_pairs = attest_page_pair_blocks (self->page);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_widget_set_margin_start (grid, 24);
  gtk_widget_set_margin_end (grid, 24);
  gtk_widget_set_margin_bottom (grid, 48);
  gtk_widget_add_css_class (grid, "side-by-side");
  self->side_grid = grid;

  /* Column headings: what each side is. */
  {
    Variant *v = &g_array_index (self->variants, Variant, self->variant);
    /* Translators: the heading over the translated column in side by side; %s is its language,
     * e.g. "French (France)" */
    g_autofree char *text = g_strdup_printf (_("Translation · %s"), attest_languages_name (v->locale));

    header = gtk_label_new (text);
  }
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "side-header");
  gtk_grid_attach (GTK_GRID (grid), header, 0, row, 1, 1);
  header = gtk_label_new (_("English Source"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "side-header");
  gtk_grid_attach (GTK_GRID (grid), header, 1, row, 1, 1);
  self->build_row = row + 1;
  gtk_scrolled_window_set_child (self->side_scroll, grid);
  gtk_stack_set_visible_child_name (self->content_stack, "side");
}

/* Back to the matrix: the rest of the build waits until the page shows again. */
static void
on_unmap (GtkWidget *widget)
{
  AttestPageView *self = ATTEST_PAGE_VIEW (widget);

  if (self->build_source != 0)
    {
      g_clear_handle_id (&self->build_source, g_source_remove);
      self->build_paused = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* The view shows again: a build paused while hidden goes on. */
static void
on_map (GtkWidget *widget)
{
  AttestPageView *self = ATTEST_PAGE_VIEW (widget);

  if (self->build_paused && self->build_source == 0)
    {
      self->build_paused = FALSE;
      self->build_source = g_idle_add_full (BUILD_PRIORITY, build_idle, self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

/* The page is all there: what needs all of it. */
static void
finish_build (AttestPageView *self)
{
  int section = self->pending_section;

  g_clear_pointer (&self->build_pairs, g_array_unref);
  self->pending_section = -1;
  apply_marks (self);
  reload_annotations (self);
  if (self->find_text != NULL && *self->find_text != '\0')
    refind (self);
  if (section >= 0)
    scroll_to_section (self, section);
}

static void
render (AttestPageView *self)
{
  int section = self->section;

  clear_views (self);
  if (self->page == NULL)
    return;
  self->shown = shown_mode (self, self->mode);
  if (self->shown == ATTEST_READING_SIDE_BY_SIDE)
    build_side (self);
  else
    build_single (self, self->shown == ATTEST_READING_SOURCE);
  rebuild_toc (self);
  self->pending_section = section;
  /* A small page at once (no flicker); a big one its first slice now, the rest on idle. */
  if (build_slice (self, self->page->source_blocks->len + self->page->translated_blocks->len <= BUILD_AT_ONCE
                         ? G_MAXINT64 : g_get_monotonic_time () + BUILD_SLICE_US))
    {
      finish_build (self);
      return;
    }
  self->build_source = g_idle_add_full (BUILD_PRIORITY, build_idle, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* ---- contents ---------------------------------------------------------- */

/* The contents: a GtkListView over a model of the sections (a page of
 * 20 000 sections made as many rows of widgets, and asked the store for the
 * notes of each section one by one: issue 18). Their notes counted from one
 * query for the page. */
static void
rebuild_toc (AttestPageView *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->toc_names));

  g_array_set_size (self->toc_sections, 0);
  g_array_set_size (self->toc_notes, 0);
  g_array_set_size (self->toc_rows, 0);

  /* How many notes each section has, to say so beside it. */
  if (self->page != NULL && self->workspace != NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("framework:%s#", self->framework_id);
      gsize prefix_len = strlen (prefix);

      notes = attest_workspace_list_notes (self->workspace, NULL, NULL);
      for (guint i = 0; notes != NULL && i < notes->len; i++)
        {
          AttestNote *note = g_ptr_array_index (notes, i);

          if (g_str_has_prefix (note->target, prefix))
            {
              const char *key = note->target + prefix_len;

              g_hash_table_insert (counts, (gpointer) key,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
            }
        }
    }

  for (guint i = 0; self->page != NULL && i < self->page->sections->len; i++)
    {
      AttestSection *s = g_ptr_array_index (self->page->sections, i);
      const char *title = self->shown == ATTEST_READING_SOURCE ? s->source_title : s->title;
      guint n_notes;
      int row = s->level > 3 ? -1 : (int) self->toc_sections->len;

      g_array_append_val (self->toc_rows, row);
      if (row < 0)
        continue;
      n_notes = GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->key));
      g_array_append_val (self->toc_sections, i);
      g_array_append_val (self->toc_notes, n_notes);
      if (n_notes > 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s note", "%s notes", n_notes),
                                                   attest_count (n_notes));

          g_ptr_array_add (names, g_strdup_printf ("%s, %s", title, text));
        }
      else
        g_ptr_array_add (names, g_strdup (title));
    }
  g_ptr_array_add (names, NULL);
  self->toc_selecting = TRUE;
  gtk_string_list_splice (self->toc_names, 0, old, (const char * const *) names->pdata);
  gtk_single_selection_set_selected (self->toc_selection,
                                     self->section >= 0 && (guint) self->section < self->toc_rows->len
                                     && g_array_index (self->toc_rows, int, self->section) >= 0
                                     ? (guint) g_array_index (self->toc_rows, int, self->section)
                                     : GTK_INVALID_LIST_POSITION);
  self->toc_selecting = FALSE;
}

static void
toc_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AttestPageView           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_add_css_class (badge, "dim-label");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (item, box);
}

static void
toc_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AttestPageView           *self)
{
  guint row = gtk_list_item_get_position (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *badge = gtk_widget_get_next_sibling (label);
  AttestSection *s;
  guint n_notes;

  if (self->page == NULL || row >= self->toc_sections->len)
    return;
  s = g_ptr_array_index (self->page->sections, g_array_index (self->toc_sections, guint, row));
  n_notes = g_array_index (self->toc_notes, guint, row);
  gtk_label_set_text (GTK_LABEL (label), self->shown == ATTEST_READING_SOURCE ? s->source_title : s->title);
  gtk_widget_set_margin_start (box, 12 * (int) (MAX (s->level, 1) - 1));
  if (s->level == 1)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
  if (n_notes > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s note", "%s notes", n_notes), attest_count (n_notes));

      gtk_label_set_text (GTK_LABEL (badge), text);
    }
  gtk_widget_set_visible (badge, n_notes > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_string_list_get_string (self->toc_names, row), -1);
}

static void
toc_go (AttestPageView *self,
        guint           row)
{
  if (self->page == NULL || row >= self->toc_sections->len)
    return;
  scroll_to_section (self, (int) g_array_index (self->toc_sections, guint, row));
}

/* A row picked (a click, the arrow keys): its section shows. */
static void
on_toc_selection_changed (GtkSelectionModel *model,
                          guint              position,
                          guint              n_items,
                          AttestPageView    *self)
{
  guint row = gtk_single_selection_get_selected (self->toc_selection);

  if (self->toc_selecting || row == GTK_INVALID_LIST_POSITION)
    return;
  toc_go (self, row);
}

/* Enter or a double click: there, and the contents out of the way when folded. */
static void
on_toc_activate (GtkListView    *list,
                 guint           row,
                 AttestPageView *self)
{
  toc_go (self, row);
  if (adw_flap_get_folded (self->toc_flap))
    adw_flap_set_reveal_flap (self->toc_flap, FALSE);
}

/* ---- section annotations ------------------------------------------------ */

/* How long a highlight shown on request flashes. */
#define FLASH_MS 1600

static int
section_by_key (AttestPageView *self,
                const char     *key)
{
  for (guint i = 0; self->page != NULL && key != NULL && i < self->page->sections->len; i++)
    if (g_strcmp0 (((AttestSection *) g_ptr_array_index (self->page->sections, i))->key, key) == 0)
      return (int) i;
  return -1;
}

/* The section of the block at @offset of @view, or -1. */
static int
section_at_offset (AttestPageView  *self,
                   AttestBlockView *view,
                   int              offset)
{
  ViewInfo *info = view_info (view);
  GPtrArray *blocks = side_blocks (self, info->source);

  for (guint b = info->offsets->len; b > 0; b--)
    if (g_array_index (info->offsets, AttestBlockOffsets, b - 1).start <= offset)
      return ((const AttestBlock *) g_ptr_array_index (blocks, g_array_index (info->blocks, guint, b - 1)))->section;
  return -1;
}

/* The stretches of @view's buffer that show @section: pairs of offsets
 * [start, end), the blocks that follow each other joined. */
static GArray *
section_ranges (AttestPageView  *self,
                AttestBlockView *view,
                int              section)
{
  ViewInfo *info = view_info (view);
  GPtrArray *blocks = side_blocks (self, info->source);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (int));
  int n_chars = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));

  for (guint b = 0; b < info->offsets->len; b++)
    {
      const AttestBlock *block = g_ptr_array_index (blocks, g_array_index (info->blocks, guint, b));
      int start = g_array_index (info->offsets, AttestBlockOffsets, b).start;
      int end = b + 1 < info->offsets->len ? g_array_index (info->offsets, AttestBlockOffsets, b + 1).start : n_chars;

      if (block->section != section)
        continue;
      if (ranges->len > 0 && g_array_index (ranges, int, ranges->len - 1) == start)
        g_array_index (ranges, int, ranges->len - 1) = end;
      else
        {
          g_array_append_val (ranges, start);
          g_array_append_val (ranges, end);
        }
    }
  return ranges;
}

/* Where @a's passage is in @view: its quote's first match in its section,
 * as written, else in another case. */
static gboolean
find_passage (AttestPageView         *self,
              AttestBlockView        *view,
              const AttestAnnotation *a,
              int                     section,
              GtkTextIter            *match_start,
              GtkTextIter            *match_end)
{
  static const GtkTextSearchFlags passes[] = {
    GTK_TEXT_SEARCH_TEXT_ONLY | GTK_TEXT_SEARCH_VISIBLE_ONLY,
    GTK_TEXT_SEARCH_TEXT_ONLY | GTK_TEXT_SEARCH_VISIBLE_ONLY | GTK_TEXT_SEARCH_CASE_INSENSITIVE,
  };
  g_autoptr(GArray) ranges = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  if (a->quote == NULL || *a->quote == '\0' || section < 0)
    return FALSE;
  ranges = section_ranges (self, view, section);
  for (guint p = 0; p < G_N_ELEMENTS (passes); p++)
    for (guint r = 0; r + 1 < ranges->len; r += 2)
      {
        GtkTextIter start, end;

        gtk_text_buffer_get_iter_at_offset (buffer, &start, g_array_index (ranges, int, r));
        gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (ranges, int, r + 1));
        if (gtk_text_iter_forward_search (&start, a->quote, passes[p], match_start, match_end, &end))
          return TRUE;
      }
  return FALSE;
}

/* The section key of a section annotation of this page, or NULL. */
static const char *
annotation_key (AttestPageView         *self,
                const AttestAnnotation *a)
{
  const char *hash = a->section != NULL ? strrchr (a->section, '#') : NULL;

  return hash != NULL ? hash + 1 : NULL;
}

static void
collect_highlight_tag (GtkTextTag *tag,
                       gpointer    data)
{
  g_autofree char *name = NULL;

  g_object_get (tag, "name", &name, NULL);
  if (name != NULL && g_str_has_prefix (name, ATTEST_BLOCK_TAG_HIGHLIGHT_PREFIX) &&
      !g_str_equal (name, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH))
    g_ptr_array_add (data, tag);
}

/* Draws the page's highlights, each in its colour, in every view that shows its passage. */
static void
apply_annotations (AttestPageView *self)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  gtk_text_tag_table_foreach (attest_block_renderer_get_tag_table (self->renderer), collect_highlight_tag, tags);
  for (guint i = 0; i < self->views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (g_ptr_array_index (self->views, i)));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      for (guint t = 0; t < tags->len; t++)
        gtk_text_buffer_remove_tag (buffer, tags->pdata[t], &start, &end);
    }
  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      const AttestAnnotation *a = g_ptr_array_index (self->annotations, i);
      int section = section_by_key (self, annotation_key (self, a));
      GtkTextTag *tag = attest_block_renderer_get_highlight_tag (self->renderer, a->color);

      if (section < 0 || tag == NULL)
        continue;
      for (guint v = 0; v < self->views->len; v++)
        {
          AttestBlockView *view = g_ptr_array_index (self->views, v);
          GtkTextIter start, end;

          if (find_passage (self, view, a, section, &start, &end))
            gtk_text_buffer_apply_tag (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), tag, &start, &end);
        }
    }
}

/* The page's section annotations, read anew and drawn. */
static void
reload_annotations (AttestPageView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  if (self->workspace != NULL && self->framework_id != NULL && self->page != NULL)
    {
      self->annotations = attest_workspace_list_section_annotations (self->workspace, self->framework_id, NULL,
                                                                     &error);
      if (self->annotations == NULL)
        g_warning ("Could not read the page's highlights: %s", error->message);
    }
  apply_annotations (self);
}

static void
end_flash (AttestPageView *self)
{
  if (self->flash_view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->flash_view));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH, &start, &end);
      g_clear_weak_pointer (&self->flash_view);
    }
  g_clear_handle_id (&self->flash_source, g_source_remove);
}

static gboolean
flash_done (gpointer user_data)
{
  AttestPageView *self = user_data;

  self->flash_source = 0;
  end_flash (self);
  return G_SOURCE_REMOVE;
}

/* Scrolls to annotation @id's passage and flashes it; says so when the
 * reading mode shown does not hold it. */
static void
on_activate_annotation (AttestAnnotationList *list,
                        gint64                id,
                        AttestPageView       *self)
{
  const AttestAnnotation *a = NULL;
  int section;

  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    if (((AttestAnnotation *) g_ptr_array_index (self->annotations, i))->id == id)
      a = g_ptr_array_index (self->annotations, i);
  if (a == NULL)
    return;
  section = section_by_key (self, annotation_key (self, a));
  end_flash (self);
  for (guint v = 0; v < self->views->len; v++)
    {
      AttestBlockView *view = g_ptr_array_index (self->views, v);
      GtkTextIter start, end;

      if (!find_passage (self, view, a, section, &start, &end))
        continue;
      scroll_to_iter (self, view, &start, 0.3);
      gtk_text_buffer_apply_tag_by_name (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                         ATTEST_BLOCK_TAG_HIGHLIGHT_FLASH, &start, &end);
      g_set_weak_pointer (&self->flash_view, view);
      self->flash_source = g_timeout_add (FLASH_MS, flash_done, self);
      return;
    }
  attest_annotation_list_show_toast (self->annotation_list,
                                     _("The highlighted passage is not in the text shown: "
                                       "it may be in the other language"));
  scroll_to_section (self, section);
}

/* The notes pane shares its height between the section's notes, its
 * highlights and the page's notes: the highlights keep the height they
 * need, up to a point, however full the notes are. */
static void
fit_annotation_list (AttestPageView *self)
{
  GtkWidget *scroll = gtk_widget_get_ancestor (GTK_WIDGET (self->annotation_list), GTK_TYPE_SCROLLED_WINDOW);

  gboolean some = attest_annotation_list_get_n_annotations (self->annotation_list) > 0;

  /* Not measured: the text views in it lay out their text later. With
   * highlights, it shares the pane's spare height with the notes. */
  if (scroll != NULL)
    {
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), some ? 240 : -1);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), some ? 100000 : 360);
      gtk_widget_set_vexpand (scroll, some);
    }
}

static void
on_annotations_changed (AttestAnnotationList *list,
                        AttestPageView       *self)
{
  reload_annotations (self);
  fit_annotation_list (self);
}

/* The view whose selection Highlight takes: the focused one, else the first with one. */
static AttestBlockView *
selected_view (AttestPageView *self,
               GtkTextIter    *start,
               GtkTextIter    *end)
{
  AttestBlockView *found = NULL;

  for (guint i = 0; i < self->views->len; i++)
    {
      AttestBlockView *view = g_ptr_array_index (self->views, i);

      if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), start, end))
        continue;
      if (gtk_widget_has_focus (GTK_WIDGET (view)))
        return view;
      if (found == NULL)
        found = view;
    }
  if (found != NULL)
    gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (found)), start, end);
  return found;
}

/* Highlight: the selected passage becomes a section annotation, in the
 * editor until saved (Cancel stores nothing). */
static void
highlight_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AttestPageView *self = user_data;
  g_autoptr(AttestAnnotation) a = NULL;
  g_autofree char *quote = NULL;
  AttestBlockView *view;
  AttestSection *s;
  GtkTextIter start, end;
  int section;

  if (self->page == NULL || self->workspace == NULL)
    return;
  view = selected_view (self, &start, &end);
  if (view == NULL)
    {
      /* The pane says how, and lists the highlights there are. */
      adw_flap_set_reveal_flap (self->notes_flap, TRUE);
      attest_annotation_list_show_toast (self->annotation_list, _("Select a passage of the page, then Highlight"));
      return;
    }
  section = section_at_offset (self, view, gtk_text_iter_get_offset (&start));
  quote = g_strstrip (gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end, FALSE));
  if (section < 0 || *quote == '\0')
    {
      attest_annotation_list_show_toast (self->annotation_list, _("Select some text inside a section to highlight it"));
      return;
    }
  if (strlen (quote) > ATTEST_ANNOTATION_MAX_BYTES)
    {
      attest_annotation_list_show_toast (self->annotation_list, _("The passage is too long to highlight"));
      return;
    }
  s = g_ptr_array_index (self->page->sections, section);
  a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  a->section = g_strdup_printf ("framework:%s#%s", self->framework_id, s->key);
  a->quote = g_steal_pointer (&quote);
  a->color = g_strdup (ATTEST_ANNOTATION_DEFAULT_COLOR);
  set_section (self, section);
  if (!adw_flap_get_reveal_flap (self->notes_flap))
    {
      adw_flap_set_reveal_flap (self->notes_flap, TRUE);
      /* The pane narrows the text: the passage stays in sight (after the
       * new layout: a mark's scroll waits for it). The selection stays. */
      if (self->shown != ATTEST_READING_SIDE_BY_SIDE)
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
          GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "attest-scroll");

          if (mark == NULL)
            mark = gtk_text_buffer_create_mark (buffer, "attest-scroll", &start, TRUE);
          else
            gtk_text_buffer_move_mark (buffer, mark, &start);
          gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (view), mark, 0.0, TRUE, 0.0, 0.3);
        }
    }
  attest_annotation_list_edit (self->annotation_list, a);
}

/* ---- notes --------------------------------------------------------------- */

static void
update_notes (AttestPageView *self)
{
  g_autofree char *page_target = NULL;

  if (self->page == NULL || self->workspace == NULL)
    return;
  page_target = g_strdup_printf ("framework:%s", self->framework_id);
  if (self->page_notes_workspace != (gpointer) self->workspace ||
      g_strcmp0 (attest_note_editor_get_target (self->page_notes), page_target) != 0)
    {
      self->page_notes_workspace = self->workspace;
      /* Translators: the heading over the notes on a whole offering page */
      attest_note_editor_set_target (self->page_notes, self->workspace, page_target, _("Notes on the Page"));
    }
  if (self->section >= 0)
    {
      AttestSection *s = g_ptr_array_index (self->page->sections, self->section);
      g_autofree char *target = g_strdup_printf ("framework:%s#%s", self->framework_id, s->key);
      /* Translators: the heading over the notes on one section of a page; %s is its title */
      g_autofree char *title = g_strdup_printf (_("Notes on “%s”"),
                                                self->shown == ATTEST_READING_SOURCE ? s->source_title : s->title);

      gtk_widget_set_visible (GTK_WIDGET (self->section_notes), TRUE);
      if (self->section_notes_workspace != (gpointer) self->workspace ||
          g_strcmp0 (attest_note_editor_get_target (self->section_notes), target) != 0)
        {
          self->section_notes_workspace = self->workspace;
          attest_note_editor_set_target (self->section_notes, self->workspace, target, title);
        }
      else if (self->section_notes_stale)
        attest_note_editor_reload (self->section_notes);
      self->section_notes_stale = FALSE;
      attest_annotation_list_set_section (self->annotation_list, self->workspace, self->framework_id, s->key,
                                          self->shown == ATTEST_READING_SOURCE ? s->source_title : s->title);
      gtk_widget_set_visible (GTK_WIDGET (self->annotation_list), TRUE);
      fit_annotation_list (self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->section_notes), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->annotation_list), FALSE);
    }
}

static void
on_notes_changed (AttestNoteEditor *editor,
                  AttestPageView   *self)
{
  rebuild_toc (self);
}

/* ---- find ------------------------------------------------------------------ */

static void
show_match_count (AttestPageView *self)
{
  g_autofree char *text = NULL;

  if (self->find_text == NULL || *self->find_text == '\0')
    text = g_strdup ("");
  else if (self->matches->len == 0)
    text = g_strdup (_("No matches"));
  else
    /* Translators: Find in page: the match shown, of how many, e.g. "3 of 12" */
    text = g_strdup_printf (_("%d of %u"), self->current_match + 1, self->matches->len);
  gtk_label_set_text (self->find_count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->find_count_label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "find-next")),
                               self->matches->len > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "find-previous")),
                               self->matches->len > 0);
}

static void
match_iters (Match       *m,
             GtkTextIter *start,
             GtkTextIter *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (m->view));

  gtk_text_buffer_get_iter_at_offset (buffer, start, m->start);
  gtk_text_buffer_get_iter_at_offset (buffer, end, m->end);
}

static void
select_match (AttestPageView *self,
              int             index)
{
  GtkTextIter start, end;
  Match *m;

  if (self->current_match >= 0 && (guint) self->current_match < self->matches->len)
    {
      m = &g_array_index (self->matches, Match, self->current_match);
      match_iters (m, &start, &end);
      gtk_text_buffer_remove_tag_by_name (gtk_text_view_get_buffer (GTK_TEXT_VIEW (m->view)),
                                          ATTEST_BLOCK_TAG_FIND_CURRENT, &start, &end);
    }
  self->current_match = index;
  if (index >= 0 && (guint) index < self->matches->len)
    {
      m = &g_array_index (self->matches, Match, index);
      match_iters (m, &start, &end);
      gtk_text_buffer_apply_tag_by_name (gtk_text_view_get_buffer (GTK_TEXT_VIEW (m->view)),
                                         ATTEST_BLOCK_TAG_FIND_CURRENT, &start, &end);
      scroll_to_iter (self, m->view, &start, 0.3);
    }
  show_match_count (self);
}

static void
refind (AttestPageView *self)
{
  const char *text = self->find_text;

  for (guint i = 0; i < self->views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (g_ptr_array_index (self->views, i)));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, ATTEST_BLOCK_TAG_FIND_MATCH, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, ATTEST_BLOCK_TAG_FIND_CURRENT, &start, &end);
    }
  g_array_set_size (self->matches, 0);
  self->current_match = -1;

  for (guint i = 0; text != NULL && *text != '\0' && i < self->views->len; i++)
    {
      AttestBlockView *view = g_ptr_array_index (self->views, i);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkTextIter iter, ms, me;

      gtk_text_buffer_get_start_iter (buffer, &iter);
      while (self->matches->len < MAX_MATCHES &&
             gtk_text_iter_forward_search (&iter, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &ms, &me, NULL))
        {
          Match m = { view, gtk_text_iter_get_offset (&ms), gtk_text_iter_get_offset (&me) };

          gtk_text_buffer_apply_tag_by_name (buffer, ATTEST_BLOCK_TAG_FIND_MATCH, &ms, &me);
          g_array_append_val (self->matches, m);
          iter = me;
        }
    }
  select_match (self, self->matches->len > 0 ? 0 : -1);
}

static void
on_find_changed (GtkSearchEntry *entry,
                 AttestPageView *self)
{
  g_free (self->find_text);
  self->find_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  refind (self);
}

static void
find_step (AttestPageView *self,
           int             step)
{
  int n = (int) self->matches->len;

  if (n == 0)
    return;
  select_match (self, ((self->current_match + step) % n + n) % n);
}

/* Enter or Ctrl+G in the entry. */
static void
on_find_next_match (GtkSearchEntry *entry,
                    AttestPageView *self)
{
  find_step (self, 1);
}

static void
on_find_previous_match (GtkSearchEntry *entry,
                        AttestPageView *self)
{
  find_step (self, -1);
}

static void
on_find_stop (GtkSearchEntry *entry,
              AttestPageView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* How long after Find closes the page holds its place against a view keeping its caret in sight. */
#define KEEP_SCROLL_MS 200

static gboolean
keep_scroll (gpointer user_data)
{
  AttestPageView *self = user_data;
  GtkScrolledWindow *scroll = self->shown == ATTEST_READING_SIDE_BY_SIDE ? self->side_scroll : self->single_scroll;

  self->keep_scroll_source = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroll), self->keep_scroll_value);
  return G_SOURCE_REMOVE;
}

static void
on_search_mode (GObject        *bar,
                GParamSpec     *pspec,
                AttestPageView *self)
{
  GtkScrolledWindow *scroll;
  GtkAdjustment *adj;
  GtkWidget *viewport;
  GtkWidget *focus = NULL;
  double value;

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  /* The page stays where the reader is (issue 19: Escape went back to the
   * top): the keys go to the text shown, the match Find was on or else the
   * first view on screen, and nothing scrolls for it. */
  scroll = self->shown == ATTEST_READING_SIDE_BY_SIDE ? self->side_scroll : self->single_scroll;
  adj = gtk_scrolled_window_get_vadjustment (scroll);
  value = gtk_adjustment_get_value (adj);
  if (self->current_match >= 0 && (guint) self->current_match < self->matches->len)
    focus = GTK_WIDGET (g_array_index (self->matches, Match, self->current_match).view);
  for (guint i = 0; focus == NULL && i < self->views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (self->views, i);
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (view, GTK_WIDGET (scroll), &bounds)
          && bounds.origin.y + bounds.size.height > 0)
        focus = view;
    }
  /* Closing Find takes its highlights away. */
  gtk_editable_set_text (GTK_EDITABLE (self->find_entry), "");
  if (focus == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (scroll);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
  gtk_widget_grab_focus (focus);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_adjustment_set_value (adj, value);
  /* The view may keep its caret in sight once laid out anew: back to where it was then too. */
  g_clear_handle_id (&self->keep_scroll_source, g_source_remove);
  self->keep_scroll_value = value;
  self->keep_scroll_source = g_timeout_add (KEEP_SCROLL_MS, keep_scroll, self);
}

/* ---- zoom --------------------------------------------------------------- */

static void
set_zoom (AttestPageView *self,
          int             zoom)
{
  char name[16];

  zoom = CLAMP (zoom, 0, (int) G_N_ELEMENTS (zoom_steps) - 1);
  g_snprintf (name, sizeof name, "zoom-%d", zoom_steps[self->zoom]);
  gtk_widget_remove_css_class (GTK_WIDGET (self->content_stack), name);
  self->zoom = zoom;
  g_snprintf (name, sizeof name, "zoom-%d", zoom_steps[self->zoom]);
  gtk_widget_add_css_class (GTK_WIDGET (self->content_stack), name);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "zoom-in")),
                               zoom < (int) G_N_ELEMENTS (zoom_steps) - 1);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "zoom-out")),
                               zoom > 0);
}

/* ---- actions ------------------------------------------------------------ */

static void
mode_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AttestPageView *self = user_data;
  AttestReadingMode mode;

  if (!attest_reading_mode_from_string (g_variant_get_string (parameter, NULL), &mode))
    return;
  attest_page_view_set_mode (self, mode);
  /* The reader's choice is the next page's too. */
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "reading-mode", attest_reading_mode_to_string (mode));
}

static void
find_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AttestPageView *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
}

static void
find_next_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  find_step (user_data, 1);
}

static void
find_previous_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  find_step (user_data, -1);
}

static void
zoom_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AttestPageView *self = user_data;

  set_zoom (self, self->zoom + 1);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AttestPageView *self = user_data;

  set_zoom (self, self->zoom - 1);
}

static void
zoom_reset_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  set_zoom (user_data, ZOOM_DEFAULT);
}

static void
toc_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AttestPageView *self = user_data;

  adw_flap_set_reveal_flap (self->toc_flap, !adw_flap_get_reveal_flap (self->toc_flap));
}

static void
notes_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AttestPageView *self = user_data;

  adw_flap_set_reveal_flap (self->notes_flap, !adw_flap_get_reveal_flap (self->notes_flap));
}

static void
print_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AttestPageView *self = user_data;

  if (self->page != NULL)
    g_signal_emit (self, signals[PRINT], 0);
}

static void
load_variant (AttestPageView *self,
              guint           index);

static void
english_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AttestPageView *self = user_data;

  for (guint i = 0; i < self->variants->len; i++)
    if (g_array_index (self->variants, Variant, i).id == self->english_id)
      {
        gtk_drop_down_set_selected (self->variant_dropdown, i);
        return;
      }
}

static const GActionEntry page_actions[] = {
  { "mode", mode_activated, "s", "'translated'", NULL },
  { "find", find_activated },
  { "find-next", find_next_activated },
  { "find-previous", find_previous_activated },
  { "zoom-in", zoom_in_activated },
  { "zoom-out", zoom_out_activated },
  { "zoom-reset", zoom_reset_activated },
  { "toc", toc_activated },
  { "notes", notes_activated },
  { "print", print_activated },
  { "english", english_activated },
  { "highlight", highlight_activated },
};

/* ---- loading ------------------------------------------------------------ */

static void
update_header (AttestPageView *self)
{
  Variant *v = &g_array_index (self->variants, Variant, self->variant);
  g_autofree char *subtitle = NULL;
  gboolean bilingual = is_bilingual (self);
  const char *title = attest_page_get_title (self->page);

  gtk_label_set_text (self->title_label, title != NULL && *title != '\0' ? title : self->framework_title);
  /* What the version covers, its locale and date; its dates in words beside. */
  gtk_label_set_text (self->subtitle_label, v->label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), v->dates);
  gtk_widget_set_visible (GTK_WIDGET (self->mt_badge), v->machine_translated);

  gtk_widget_set_visible (GTK_WIDGET (self->mode_box), *v->locale != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_box), bilingual);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_box),
                               bilingual ? NULL : _("This page has no English source to show"));

  /* The greyed reading modes say why in words: GTK shows no tooltip on an
   * insensitive widget. */
  if (self->page->kind == ATTEST_PAGE_KIND_TRANSLATION_ONLY || (*v->locale != '\0' && !bilingual))
    {
      const char *why = self->page->kind != ATTEST_PAGE_KIND_TRANSLATION_ONLY
                        ? _("This page has no English source to show.")
                        : self->has_english
                        ? _("This page has only the translation, without its English source. The English page is in the workspace.")
                        : _("This page has only the translation, without its English source. Import the English page to compare.");
      g_autofree char *text = NULL;

      /* Translators: the banner of a page without its English source: the
       * reason, then what it means for the reading modes */
      text = g_strdup_printf (_("%s Source and Side by Side need it."), why);
      gtk_label_set_text (self->banner_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), self->has_english);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else if (*v->locale == '\0' && self->mode == ATTEST_READING_SIDE_BY_SIDE)
    {
      /* Side by side asked for, and the framework has no translated page: say why, not nothing. */
      gtk_label_set_text (self->banner_label,
                          _("This page is in English only: there is no translation to show beside it, "
                            "so it is shown alone."));
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), FALSE);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* ---- parsing on a worker ---------------------------------------------------- *
 *
 * A big page takes long to parse (20 000 headings: a noticeable while): the
 * stored bytes are read here, on the main thread (the workspace's SQLite
 * connection never leaves it), and parsed on a worker; the page is shown
 * back on the main loop. The view waits for one Load at a time: another page
 * asked for, the view cleared or disposed, and the Load waited for before is
 * cancelled and let go (its self set to NULL): what it parses is dropped. */

/* A page asked for, waiting for its parse. Main thread only. */
typedef struct _Load {
  AttestPageView *self;         /* NULL once the view waits for it no more */
  GCancellable *cancellable;
  guint index;                  /* the version: in variants below, or in the view's */
  gboolean framework;           /* a framework's page (attest_page_view_load); else another version */
  AttestWorkspace *workspace;   /* the framework's, as attest_page_view_load() sets them */
  AttestMatrix *matrix;         /*   (borrowed: attest_page_view_set_matrix() follows it) */
  char *framework_id;
  char *framework_title;
  GArray *variants;             /* Variant */
  gboolean has_english;
  gint64 english_id;
} Load;

/* What the worker reads: nothing of the view's. */
typedef struct {
  char *file_name;
  GBytes *bytes;
} ParseJob;

#define SPINNER_DELAY_MS 250

static void
load_release (Load *load)
{
  g_clear_object (&load->workspace);
  load->matrix = NULL;
  g_clear_pointer (&load->framework_id, g_free);
  g_clear_pointer (&load->framework_title, g_free);
  g_clear_pointer (&load->variants, g_array_unref);
}

static void
load_free (Load *load)
{
  load_release (load);
  g_clear_object (&load->cancellable);
  g_free (load);
}

static void
parse_job_free (ParseJob *job)
{
  g_free (job->file_name);
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  AttestPage *page;
  const char *data;
  gsize len;

  /* Asked for, then another page asked for before this one started: nothing to do. */
  if (g_task_return_error_if_cancelled (task))
    return;
  data = g_bytes_get_data (job->bytes, &len);
  page = attest_page_parse (job->file_name, data, (gssize) len, &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) attest_page_unref);
}

/* The content the page shows, or would show (the spinner put away). */
static void
show_content (AttestPageView *self)
{
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->page != NULL && self->shown == ATTEST_READING_SIDE_BY_SIDE
                                    ? "side" : "single");
}

/* The parse takes a while: the spinner says so (not before: no flicker for a small page). */
static gboolean
show_spinner (gpointer user_data)
{
  AttestPageView *self = user_data;

  self->spinner_source = 0;
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_stack_set_visible_child (self->content_stack, self->spinner);
  return G_SOURCE_REMOVE;
}

/* The view waits for no page any more. */
static void
abandon_load (AttestPageView *self)
{
  Load *load = self->load;

  g_clear_pointer (&self->pending_key, g_free);
  if (load == NULL)
    return;
  self->load = NULL;
  load->self = NULL;
  g_cancellable_cancel (load->cancellable);
  load_release (load);
  if (self->spinner_source != 0 || gtk_stack_get_visible_child (self->content_stack) == self->spinner)
    {
      g_clear_handle_id (&self->spinner_source, g_source_remove);
      show_content (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A page that could not be parsed: said as the window says a page it cannot read. */
static void
report_load_error (AttestPageView *self,
                   const GError   *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    attest_toast_show (ADW_TOAST_OVERLAY (overlay), attest_toast_new_plain (error->message));
  g_message ("%s", error->message);
}

static void show_page_version (AttestPageView *self, guint index, AttestPage *page);

/* Where the keys were when the page came: the old page's text (or nowhere, or
 * somewhere hidden since) gives them to the new page's text. */
static gboolean
focus_follows_page (AttestPageView *self,
                    Load           *load)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (root == NULL)
    return FALSE;
  if (focus == NULL || !gtk_widget_get_mapped (focus) || focus == GTK_WIDGET (self->content_stack)
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->content_stack)))
    return TRUE;
  /* The first page shown: the keys are the page's (the window gave them to the view). */
  return load->framework && self->page == NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

static void
parse_done (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Load *load = user_data;
  AttestPageView *self = load->self;
  g_autoptr(GError) error = NULL;
  AttestPage *page = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *key = NULL;
  gboolean refocus;

  if (self == NULL)
    {
      /* Another page was asked for since, or the view is gone: dropped. */
      g_clear_pointer (&page, attest_page_unref);
      load_free (load);
      return;
    }
  g_assert (self->load == load);
  self->load = NULL;
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  key = g_steal_pointer (&self->pending_key);

  if (page == NULL)
    {
      /* The view stays as it was. */
      report_load_error (self, error);
      show_content (self);
      if (!load->framework)
        {
          /* The picker says what is shown. */
          self->loading_variants = TRUE;
          gtk_drop_down_set_selected (self->variant_dropdown, self->variant);
          self->loading_variants = FALSE;
        }
      else if (self->page == NULL)
        /* Nothing to read here: back where the reader was (the window's Back). */
        gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
      load_free (load);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  for (guint i = 0; i < page->warnings->len; i++)
    g_debug ("%s", (const char *) g_ptr_array_index (page->warnings, i));
  refocus = focus_follows_page (self, load);
  if (load->framework)
    {
      GtkStringList *model = gtk_string_list_new (NULL);

      g_set_object (&self->workspace, load->workspace);
      self->matrix = load->matrix;
      g_free (self->framework_id);
      self->framework_id = g_steal_pointer (&load->framework_id);
      g_free (self->framework_title);
      self->framework_title = g_steal_pointer (&load->framework_title);
      self->has_english = load->has_english;
      self->english_id = load->english_id;

      self->loading_variants = TRUE;
      g_array_unref (self->variants);
      self->variants = g_steal_pointer (&load->variants);
      for (guint i = 0; i < self->variants->len; i++)
        {
          Variant *v = &g_array_index (self->variants, Variant, i);
          gtk_string_list_append (model, v->label);
        }
      gtk_drop_down_set_model (self->variant_dropdown, G_LIST_MODEL (model));
      g_object_unref (model);
      gtk_drop_down_set_selected (self->variant_dropdown, load->index);
      gtk_widget_set_visible (GTK_WIDGET (self->variant_dropdown), self->variants->len > 1);
      self->loading_variants = FALSE;
    }
  show_page_version (self, load->index, page);
  show_content (self);
  load_free (load);

  /* The section asked for while the page was parsed: on this page only. */
  if (key != NULL)
    {
      int section = attest_page_find_section (self->page, key);

      if (section >= 0)
        scroll_to_section (self, section);
      else
        {
          GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
          /* Translators: %s is a section's key, e.g. "audit-cycle" */
          g_autofree char *message = g_strdup_printf (_("This page has no section “%s”"), key);

          if (overlay != NULL)
            attest_toast_show (ADW_TOAST_OVERLAY (overlay), attest_toast_new_plain (message));
          g_message ("%s", message);
        }
    }
  if (refocus && self->views->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->views, 0));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Reads version @variant_id of a framework's page from the store; parses it
 * on a worker, then shows it (@load). FALSE, and @load freed, when the store
 * cannot give it: nothing changes. */
static gboolean
start_load (AttestPageView  *self,
            Load            *load,
            AttestWorkspace *workspace,
            const char      *framework_id,
            gint64           variant_id,
            GError         **error)
{
  g_autoptr(GTask) task = NULL;
  ParseJob *job;
  g_autofree char *file_name = NULL;
  GBytes *bytes;

  bytes = attest_workspace_get_variant_page_by_id (workspace, framework_id, variant_id, &file_name, error);
  if (bytes == NULL)
    {
      load_free (load);
      return FALSE;
    }
  abandon_load (self);
  load->self = self;
  load->cancellable = g_cancellable_new ();
  self->load = load;

  job = g_new0 (ParseJob, 1);
  job->file_name = g_steal_pointer (&file_name);
  job->bytes = bytes;
  task = g_task_new (NULL, load->cancellable, parse_done, load);
  g_task_set_source_tag (task, start_load);
  g_task_set_name (task, "[attest] parse page");
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (task, parse_thread);

  if (self->spinner_source == 0)
    self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return TRUE;
}

/* Shows @page, version @index of the framework. */
static void
show_page_version (AttestPageView *self,
                   guint           index,
                   AttestPage     *page)
{
  g_clear_pointer (&self->page, attest_page_unref);
  self->page = page;
  self->variant = index;
  self->section = -1;
  compute_marks (self);
  update_header (self);
  update_notes (self);
  /* Notes written elsewhere since (the cell pane, another window) show. */
  attest_note_editor_reload (self->page_notes);
  self->section_notes_stale = TRUE;
  update_documents (self);
  render (self);
}

static void
load_variant (AttestPageView *self,
              guint           index)
{
  g_autoptr(GError) error = NULL;
  Load *load = g_new0 (Load, 1);

  load->index = index;
  if (!start_load (self, load, self->workspace, self->framework_id,
                   g_array_index (self->variants, Variant, index).id, &error))
    {
      report_load_error (self, error);
      /* The picker says what is shown. */
      self->loading_variants = TRUE;
      gtk_drop_down_set_selected (self->variant_dropdown, self->variant);
      self->loading_variants = FALSE;
    }
}

static void
on_variant_selected (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     AttestPageView *self)
{
  guint index = gtk_drop_down_get_selected (dropdown);

  if (self->loading_variants || index == GTK_INVALID_LIST_POSITION)
    return;
  if (index == self->variant)
    {
      /* Back to the version shown while another one was parsed: that one is not. */
      if (self->load != NULL && !self->load->framework)
        abandon_load (self);
      return;
    }
  load_variant (self, index);
}

/* ---- GObject -------------------------------------------------------------- */

static void
attest_page_view_dispose (GObject *object)
{
  AttestPageView *self = ATTEST_PAGE_VIEW (object);

  /* A page still parsed is dropped when it comes. */
  if (self->load != NULL)
    {
      self->load->self = NULL;
      g_cancellable_cancel (self->load->cancellable);
      load_release (self->load);
      self->load = NULL;
    }
  g_clear_pointer (&self->pending_key, g_free);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  self->spinner = NULL;
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
  clear_twins (self);
  end_flash (self);
  g_clear_handle_id (&self->fit_source, g_source_remove);
  g_clear_handle_id (&self->keep_scroll_source, g_source_remove);
  stop_build (self);
  if (self->views != NULL)
    g_ptr_array_set_size (self->views, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_PAGE_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_handle_id (&self->fit_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (attest_page_view_parent_class)->dispose (object);
}

static void
attest_page_view_finalize (GObject *object)
{
  AttestPageView *self = ATTEST_PAGE_VIEW (object);

  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->toc_sections, g_array_unref);
  g_clear_pointer (&self->toc_notes, g_array_unref);
  g_clear_pointer (&self->toc_rows, g_array_unref);
  g_clear_pointer (&self->variants, g_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_object (&self->text_menu);
  g_clear_pointer (&self->page, attest_page_unref);
  g_clear_object (&self->renderer);
  g_clear_object (&self->actions);
  g_free (self->framework_id);
  g_free (self->framework_title);
  g_free (self->find_text);

  G_OBJECT_CLASS (attest_page_view_parent_class)->finalize (object);
}

static void
attest_page_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttestPageView *self = ATTEST_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->load != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_page_view_class_init (AttestPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_page_view_dispose;
  object_class->finalize = attest_page_view_finalize;
  object_class->get_property = attest_page_view_get_property;

  /* A page asked for is parsed: it shows when this turns FALSE. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttestPageView::select-service:
   * @service_id: a service the page names in scope
   *
   * The reader clicked a service: the window selects its row.
   */
  signals[SELECT_SERVICE] =
    g_signal_new ("select-service", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AttestPageView::print:
   *
   * The reader asked to print the page as it is shown.
   */
  signals[PRINT] =
    g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ATTEST_TYPE_NOTE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-page-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, mt_badge);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, variant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, mode_box);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, find_count_label);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, banner_button);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, notes_flap);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, section_notes);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, page_notes);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, toc_flap);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, toc_list);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, single_scroll);
  gtk_widget_class_bind_template_child (widget_class, AttestPageView, side_scroll);
  gtk_widget_class_bind_template_callback (widget_class, on_toc_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_variant_selected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "page.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "page.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "page.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "page.toc", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "page.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "page.highlight", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The version drop-down: its button shows the label ellipsized (a version's
 * label names its language and what it covers, "MARS-E 2.0 · Chinese
 * (Taiwan) · 12 December 2019": a long one must not widen the window); its
 * list (@dropdown given) shows each label whole, the chosen one ticked, as
 * GtkDropDown's own rows do. */
static void
variant_item_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GtkDropDown              *dropdown)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (dropdown != NULL)
    {
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  gtk_list_item_set_child (item, box);
}

static void
variant_item_update_check (GtkDropDown *dropdown,
                           GParamSpec  *pspec,
                           GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_drop_down_get_selected (dropdown) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
variant_item_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GtkDropDown              *dropdown)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), gtk_string_object_get_string (string));
  if (dropdown != NULL)
    {
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (variant_item_update_check), item);
      variant_item_update_check (dropdown, NULL, item);
    }
}

static void
variant_item_unbind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GtkDropDown              *dropdown)
{
  if (dropdown != NULL)
    g_signal_handlers_disconnect_by_func (dropdown, variant_item_update_check, item);
}

static void
set_up_variant_dropdown (GtkDropDown *dropdown)
{
  for (guint i = 0; i < 2; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkDropDown *list = i == 1 ? dropdown : NULL;

      /* The drop-down owns its factories: it outlives their handlers. */
      g_signal_connect (factory, "setup", G_CALLBACK (variant_item_setup), list);
      g_signal_connect (factory, "bind", G_CALLBACK (variant_item_bind), list);
      g_signal_connect (factory, "unbind", G_CALLBACK (variant_item_unbind), list);
      if (list != NULL)
        gtk_drop_down_set_list_factory (dropdown, factory);
      else
        gtk_drop_down_set_factory (dropdown, factory);
      g_object_unref (factory);
    }
}

static void
attest_page_view_init (AttestPageView *self)
{
  GtkStringList *model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_ptr_array_new_with_free_func (g_object_unref);
  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
  self->toc_sections = g_array_new (FALSE, FALSE, sizeof (guint));
  self->toc_notes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->toc_rows = g_array_new (FALSE, FALSE, sizeof (int));
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    self->toc_names = gtk_string_list_new (NULL);
    /* The selection holds the model (and the list view the selection). */
    self->toc_selection = gtk_single_selection_new (G_LIST_MODEL (self->toc_names));
    gtk_single_selection_set_autoselect (self->toc_selection, FALSE);
    gtk_single_selection_set_can_unselect (self->toc_selection, TRUE);
    g_signal_connect (self->toc_selection, "selection-changed", G_CALLBACK (on_toc_selection_changed), self);
    g_signal_connect (factory, "setup", G_CALLBACK (toc_setup), self);
    g_signal_connect (factory, "bind", G_CALLBACK (toc_bind), self);
    gtk_list_view_set_model (self->toc_list, GTK_SELECTION_MODEL (self->toc_selection));
    gtk_list_view_set_factory (self->toc_list, factory);
    g_object_unref (factory);
    g_object_unref (self->toc_selection);
  }
  set_up_variant_dropdown (self->variant_dropdown);
  self->variants = g_array_new (FALSE, TRUE, sizeof (Variant));
  g_array_set_clear_func (self->variants, (GDestroyNotify) variant_clear);
  self->renderer = attest_block_renderer_new ();
  self->section = -1;
  self->pending_section = -1;
  self->current_match = -1;
  self->twin_segment = -1;
  self->zoom = ZOOM_DEFAULT;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions, G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "page", G_ACTION_GROUP (self->actions));
  set_zoom (self, ZOOM_DEFAULT);

  /* The page's documents: a button after the reading modes, a list in its popover. */
  {
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *scroll = gtk_scrolled_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *heading = gtk_label_new (_("This Page's Documents"));

    self->documents_button = gtk_menu_button_new ();
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->documents_button), "folder-documents-symbolic");
    gtk_widget_set_tooltip_text (self->documents_button, _("This Page's Documents"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->documents_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("This Page's Documents"), -1);
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_add_css_class (heading, "heading");
    self->documents_list = GTK_LIST_BOX (gtk_list_box_new ());
    gtk_list_box_set_selection_mode (self->documents_list, GTK_SELECTION_NONE);
    gtk_widget_add_css_class (GTK_WIDGET (self->documents_list), "boxed-list");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->documents_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("This Page's Documents"), -1);
    gtk_box_append (GTK_BOX (box), heading);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->documents_list));
    gtk_widget_set_margin_start (box, 6);
    gtk_widget_set_margin_end (box, 6);
    gtk_widget_set_margin_top (box, 6);
    gtk_widget_set_margin_bottom (box, 6);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 520);
    gtk_widget_set_size_request (scroll, 400, -1);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), box);
    gtk_popover_set_child (GTK_POPOVER (popover), scroll);
    g_signal_connect (popover, "show", G_CALLBACK (on_documents_shown), self);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->documents_button), popover);
    gtk_widget_set_visible (self->documents_button, FALSE);
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->mode_box))),
                                self->documents_button, GTK_WIDGET (self->mode_box));
  }

  model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->variant_dropdown, G_LIST_MODEL (model));
  g_object_unref (model);

  /* A big page's parse: what the content shows meanwhile (after a moment). */
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading the page"), -1);
  gtk_stack_add_named (self->content_stack, self->spinner, "loading");

  /* Only what is shown is read: the other reading mode, the spinner and
   * closed panes are hidden from screen readers too. */
  attest_unshown_follow_stack (self->content_stack);
  attest_unshown_follow_flap (self->notes_flap);
  attest_unshown_follow_flap (self->toc_flap);

  g_signal_connect_object (self->find_entry, "search-changed", G_CALLBACK (on_find_changed), self, 0);
  g_signal_connect_object (self->find_entry, "activate", G_CALLBACK (on_find_next_match), self, 0);
  g_signal_connect_object (self->find_entry, "next-match", G_CALLBACK (on_find_next_match), self, 0);
  g_signal_connect_object (self->find_entry, "previous-match", G_CALLBACK (on_find_previous_match), self, 0);
  g_signal_connect_object (self->find_entry, "stop-search", G_CALLBACK (on_find_stop), self, 0);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode), self, 0);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect_object (self->page_notes, "changed", G_CALLBACK (on_notes_changed), self, 0);
  g_signal_connect_object (self->section_notes, "changed", G_CALLBACK (on_notes_changed), self, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->section_notes), FALSE);

  /* Highlights: in the text's menu and on Ctrl+Shift+H; the section's, in
   * the notes pane under its notes. */
  self->text_menu = g_menu_new ();
  /* Translators: in the page text's context menu: the selection becomes a highlight */
  g_menu_append (self->text_menu, _("_Highlight…"), "page.highlight");
  self->annotation_list = attest_annotation_list_new ();
  {
    GtkWidget *scroll = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 360);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->annotation_list));
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->section_notes))), scroll,
                                GTK_WIDGET (self->section_notes));
    g_object_bind_property (self->annotation_list, "visible", scroll, "visible", G_BINDING_SYNC_CREATE);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->annotation_list), FALSE);
  g_signal_connect_object (self->annotation_list, "changed", G_CALLBACK (on_annotations_changed), self, 0);
  g_signal_connect_object (self->annotation_list, "activate-annotation", G_CALLBACK (on_activate_annotation), self, 0);
  /* The reading column follows the width (one handler for every single view). */
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->single_scroll), "changed",
                           G_CALLBACK (on_single_width), self, 0);
  show_match_count (self);
}

/* ---- public ------------------------------------------------------------------ */

GtkWidget *
attest_page_view_new (void)
{
  return g_object_new (ATTEST_TYPE_PAGE_VIEW, NULL);
}

/* Where the reading mode is remembered, and the content language read. */
void
attest_page_view_set_settings (AttestPageView *self,
                               GSettings      *settings)
{
  g_return_if_fail (ATTEST_IS_PAGE_VIEW (self));

  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_autofree char *mode = g_settings_get_string (settings, "reading-mode");
      AttestReadingMode m;

      if (attest_reading_mode_from_string (mode, &m))
        attest_page_view_set_mode (self, m);
    }
}

/**
 * attest_page_view_load:
 * @matrix: the workspace's matrix: the framework's versions come from it
 * @locale: (nullable): the version to show; NULL for the reader's language
 *
 * Shows @framework_id's page in the current mode. The page is read from
 * the store now and parsed on a worker: it shows once parsed
 * (#AttestPageView:loading turns FALSE); until then the view shows what it
 * showed (a spinner if the parse takes a while), and a page asked for since
 * replaces this one. A page that cannot be parsed leaves the view as it
 * was, with a toast saying why.
 *
 * Returns: FALSE, with @error, when the page cannot be read: the view is as it was
 */
gboolean
attest_page_view_load (AttestPageView   *self,
                       AttestWorkspace  *workspace,
                       AttestMatrix     *matrix,
                       const char       *framework_id,
                       const char       *locale,
                       GError          **error)
{
  return attest_page_view_load_version (self, workspace, matrix, framework_id, locale, NULL, 0, error);
}

/* Among the variants that define @scope_id (newest first), the one in @like's
 * locale, else the newest of them. */
static AttestMatrixVariant *
pick_for_scope (AttestMatrixFramework *framework,
                const char            *scope_id,
                AttestMatrixVariant   *like)
{
  AttestMatrixVariant *v = attest_matrix_framework_variant_for_scope (framework, scope_id,
                                                                      like != NULL ? like->locale : NULL);
  return v != NULL ? v : like;
}

/**
 * attest_page_view_load_version:
 * @scope_id: (nullable): open the newest version that defines this scope
 *   (a cell's page: SOC 2 opens offering-soc-2, never the SOC 3 page)
 * @variant_id: a version (AttestMatrixVariant.id) to open exactly, or 0
 *
 * As attest_page_view_load(). Side by side asked for without a locale opens
 * the newest version that can show it (a translated page) rather than an
 * English one.
 */
gboolean
attest_page_view_load_version (AttestPageView   *self,
                               AttestWorkspace  *workspace,
                               AttestMatrix     *matrix,
                               const char       *framework_id,
                               const char       *locale,
                               const char       *scope_id,
                               gint64            variant_id,
                               GError          **error)
{
  AttestMatrixFramework *framework;
  AttestMatrixVariant *pick;
  g_autofree char *language = NULL;
  Load *load;

  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), FALSE);
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (matrix != NULL, FALSE);

  framework = attest_matrix_lookup_framework (matrix, framework_id);
  if (framework == NULL || framework->variants->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a framework id, e.g. "soc" */
                   _("No page of framework “%s” in this workspace"), framework_id);
      return FALSE;
    }
  if (locale == NULL && self->settings != NULL)
    language = g_settings_get_string (self->settings, "content-language");
  pick = NULL;
  /* A version asked for by its locale ("" is the English page): that one. */
  for (guint i = 0; locale != NULL && pick == NULL && i < framework->variants->len; i++)
    if (g_str_equal (((AttestMatrixVariant *) g_ptr_array_index (framework->variants, i))->locale, locale))
      pick = g_ptr_array_index (framework->variants, i);
  if (variant_id != 0)
    pick = attest_matrix_framework_lookup_variant (framework, variant_id);
  if (pick == NULL)
    pick = attest_matrix_framework_pick_variant (framework, locale != NULL ? locale : language,
                                                 (const char * const *) g_get_language_names ());
  /* Side by side needs a translated page: the newest one, when the pick is English. */
  if (variant_id == 0 && locale == NULL && self->mode == ATTEST_READING_SIDE_BY_SIDE && *pick->locale == '\0')
    for (guint i = 0; i < framework->variants->len; i++)
      {
        AttestMatrixVariant *v = g_ptr_array_index (framework->variants, i);

        if (*v->locale != '\0' && (scope_id == NULL || attest_matrix_variant_defines (v, scope_id)))
          {
            pick = v;
            break;
          }
      }
  if (variant_id == 0 && scope_id != NULL && !attest_matrix_variant_defines (pick, scope_id))
    pick = pick_for_scope (framework, scope_id, pick);

  /* What the view shows once the page is parsed: nothing changes before. */
  load = g_new0 (Load, 1);
  load->framework = TRUE;
  load->workspace = g_object_ref (workspace);
  load->matrix = matrix;
  load->framework_id = g_strdup (framework->id);
  load->framework_title = g_strdup (framework->title);
  load->variants = g_array_new (FALSE, TRUE, sizeof (Variant));
  g_array_set_clear_func (load->variants, (GDestroyNotify) variant_clear);
  for (guint i = 0; i < framework->variants->len; i++)
    {
      AttestMatrixVariant *mv = g_ptr_array_index (framework->variants, i);
      Variant v = { mv->id, g_strdup (mv->locale), g_strdup (mv->date), mv->machine_translated,
                    attest_matrix_variant_label (framework, mv), attest_matrix_variant_dates (mv) };

      if (*mv->locale == '\0' && !load->has_english)
        {
          load->has_english = TRUE;
          load->english_id = mv->id;
        }
      g_array_append_val (load->variants, v);
      if (mv == pick)
        load->index = i;
    }
  /* Read before anything changes: a page that cannot be read leaves the view as it was. */
  return start_load (self, load, workspace, framework->id, pick->id, error);
}

/* TRUE while a page asked for is parsed, or built on screen (#AttestPageView:loading);
 * a build waiting while the view is hidden is not loading. */
gboolean
attest_page_view_get_loading (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), FALSE);
  return self->load != NULL || self->build_source != 0;
}

void
attest_page_view_set_mode (AttestPageView    *self,
                           AttestReadingMode  mode)
{
  g_return_if_fail (ATTEST_IS_PAGE_VIEW (self));

  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "mode",
                                      g_variant_new_string (attest_reading_mode_to_string (mode)));
  if (self->mode == mode && self->page != NULL && self->shown == shown_mode (self, mode))
    return;
  self->mode = mode;
  render (self);
  /* What the header says of the mode (side by side on an English page) follows it. */
  if (self->page != NULL && self->variants->len > 0)
    update_header (self);
}

/* What is on screen: a page without its source shows its text whatever the mode. */
AttestReadingMode
attest_page_view_get_shown_mode (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), ATTEST_READING_TRANSLATED);
  return self->shown;
}

/* Scrolls to the section with anchor or key @key; FALSE when the page has
 * none. While a page is parsed, its section: shown once it is (a toast then
 * if it has none). */
gboolean
attest_page_view_show_section (AttestPageView *self,
                               const char     *key)
{
  int section;

  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), FALSE);

  if (key == NULL)
    return FALSE;
  if (self->load != NULL)
    {
      g_free (self->pending_key);
      self->pending_key = g_strdup (key);
      return TRUE;
    }
  if (self->page == NULL)
    return FALSE;
  section = attest_page_find_section (self->page, key);
  if (section < 0)
    return FALSE;
  scroll_to_section (self, section);
  return TRUE;
}

const char *
attest_page_view_get_framework_id (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), NULL);
  return self->framework_id;
}

/**
 * attest_page_view_get_page:
 *
 * Returns: (transfer none) (nullable): the page shown
 */
AttestPage *
attest_page_view_get_page (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), NULL);
  return self->page;
}

/* The page's title, as the toolbar shows it. */
const char *
attest_page_view_get_title (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

/* The version shown, as the toolbar says it: "French (France) · 1 February 2020". */
const char *
attest_page_view_get_subtitle (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), NULL);
  return gtk_label_get_text (self->subtitle_label);
}

/* The section being read (the notes are about it), or -1. */
int
attest_page_view_get_section (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), -1);
  return self->section;
}

/* Find in page, as typing @text in the Find bar does. */
void
attest_page_view_find (AttestPageView *self,
                       const char     *text)
{
  g_return_if_fail (ATTEST_IS_PAGE_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->find_entry), text);
  /* The entry reports changes after a pause; Find answers now. */
  g_free (self->find_text);
  self->find_text = g_strdup (text);
  refind (self);
}

guint
attest_page_view_get_n_matches (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), 0);
  return self->matches->len;
}

int
attest_page_view_get_current_match (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), -1);
  return self->current_match;
}

/* The zoom, 1.0 for the original size. */
double
attest_page_view_get_zoom (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), 1.0);
  return zoom_steps[self->zoom] / 100.0;
}

/**
 * attest_page_view_get_text_views:
 *
 * Returns: (transfer none) (element-type AttestBlockView): the text views,
 *   in page order; side by side, row by row, the translation first
 */
GPtrArray *
attest_page_view_get_text_views (AttestPageView *self)
{
  g_return_val_if_fail (ATTEST_IS_PAGE_VIEW (self), NULL);
  return self->views;
}

/**
 * attest_page_view_set_matrix:
 * @matrix: (nullable): the workspace's matrix read anew, or NULL before the
 *   old one is freed
 *
 * The view borrows the window's matrix for the services it marks: the
 * window says when it replaces it. The marks follow renames and merges.
 */
void
attest_page_view_set_matrix (AttestPageView *self,
                             AttestMatrix   *matrix)
{
  g_return_if_fail (ATTEST_IS_PAGE_VIEW (self));

  if (self->load != NULL && self->load->framework)
    self->load->matrix = matrix;
  self->matrix = matrix;
  if (matrix == NULL || self->page == NULL)
    return;
  compute_marks (self);
  render (self);
}

/* Forgets the page (another workspace was opened). */
void
attest_page_view_clear (AttestPageView *self)
{
  g_return_if_fail (ATTEST_IS_PAGE_VIEW (self));

  abandon_load (self);
  clear_views (self);
  g_clear_pointer (&self->page, attest_page_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  self->matrix = NULL;
  attest_note_editor_set_target (self->page_notes, NULL, NULL, NULL);
  attest_note_editor_set_target (self->section_notes, NULL, NULL, NULL);
  self->page_notes_workspace = NULL;
  self->section_notes_workspace = NULL;
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->framework_id, g_free);
  update_documents (self);
  rebuild_toc (self);
}
