/* attest-matrix-view.c: the framework × service grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkScrollable that lays out a fixed service column on the left, a fixed
 * two-level header on top (framework over its scopes) and the cells between.
 * Only the visible range has widgets: four small pools of GtkLabels are
 * rebound on every allocation, so the cost follows the viewport, not the
 * size of the matrix (STYLE.md §5).
 */
#define G_LOG_DOMAIN "attest-matrix-view"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-dates.h"
#include "attest-languages.h"
#include "attest-matrix-view.h"
#include "attest-count.h"

#define MIN_COLUMN_WIDTH      48
#define MAX_COLUMN_WIDTH     200
#define MIN_ROW_HEADER_WIDTH 120
#define MAX_ROW_HEADER_WIDTH 280
#define MAX_NATURAL_WIDTH    960
#define MAX_NATURAL_HEIGHT   720
#define MINE_MARK            "★ "
#define REQUIRED_MARK        "◆ "

typedef enum {
  POOL_CELL,
  POOL_SCOPE,
  POOL_FRAMEWORK,
  POOL_ROW,
  N_POOLS
} PoolKind;

typedef struct {
  GtkWidget *widget;
  int key;              /* what it shows, -1 when free */
  guint generation;     /* the content generation it was bound at */
} Slot;

typedef struct {
  AttestMatrixScope *scope;
  guint framework;
  gboolean merged;      /* the framework's only scope, named as it: one header */
  int x;                /* within the scrolled column area */
  int width;
} Column;

struct _AttestMatrixView
{
  GtkWidget parent_instance;

  AttestMatrix *matrix;
  GArray *columns;          /* Column */
  GArray *framework_first;  /* guint: each framework's first column, then the end */

  GArray *slots[N_POOLS];   /* Slot */
  GtkWidget *probes[N_POOLS];
  GtkWidget *corner;
  GtkWidget *header_fill;   /* the header strip's background, the full width */
  GMenuModel *row_menu;
  GtkWidget *row_popover;
  GMenuModel *column_menu;
  GtkWidget *column_popover;
  GHashTable *required;     /* scope ids the organisation requires (nullable) */

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  guint sizes_valid : 1;
  guint in_allocate : 1;

  PangoFontDescription *font;
  int row_header_width;
  int framework_height;
  int scope_height;
  int row_height;
  int columns_width;

  guint generation;
  int cursor_row;
  int cursor_column;
  int highlight;            /* framework index, or -1 */
  int pending_row;          /* scroll requested before the first allocation */
  int pending_column;
  int pending_framework;
  double wanted_x;          /* a scroll position to go back to (-1: none): */
  double wanted_y;          /* held while the width settles, until the analyst scrolls */
};

static void attest_matrix_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestMatrixView, attest_matrix_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, attest_matrix_view_scrollable_init))

enum {
  PROP_0,
  PROP_CURSOR_SCOPE,
  PROP_CURSOR_SERVICE,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  CELL_ACTIVATED,
  COLUMN_ACTIVATED,
  CURSOR_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const pool_classes[N_POOLS] = {
  "matrix-cell", "matrix-scope-header", "matrix-framework-header", "matrix-row-header",
};

static const struct {
  const char *rollup;
  const char *symbol;
} rollup_symbols[] = {
  { "not-started", "○" },
  { "in-progress", "◐" },
  { "satisfied", "✓" },
  { "exception", "!" },
  { "no-longer-in-scope", "⊘" },
};

static guint
n_rows (AttestMatrixView *self)
{
  return self->matrix != NULL ? self->matrix->services->len : 0;
}

static guint
n_columns (AttestMatrixView *self)
{
  return self->columns->len;
}

static Column *
column_at (AttestMatrixView *self,
           guint             i)
{
  return &g_array_index (self->columns, Column, i);
}

static AttestMatrixService *
service_at (AttestMatrixView *self,
            guint             row)
{
  return self->matrix->services->pdata[row];
}

static AttestMatrixCell *
cell_at (AttestMatrixView *self,
         guint             row,
         guint             col)
{
  return attest_matrix_lookup_cell (self->matrix, column_at (self, col)->scope->id, service_at (self, row)->id);
}

static AttestMatrixFramework *
framework_at (AttestMatrixView *self,
              guint             f)
{
  return self->matrix->frameworks->pdata[f];
}

static const char *
rollup_symbol (const char *rollup)
{
  for (guint i = 0; i < G_N_ELEMENTS (rollup_symbols); i++)
    if (g_strcmp0 (rollup, rollup_symbols[i].rollup) == 0)
      return rollup_symbols[i].symbol;
  return "?";
}

/* The roll-up in words, as the tooltip and the accessible label say it. */
static char *
rollup_phrase (const AttestMatrixCell *cell,
               gboolean                for_label)
{
  if (g_strcmp0 (cell->rollup, "no-longer-in-scope") == 0)
    return g_strdup (_("no longer in scope"));
  if (g_strcmp0 (cell->rollup, "exception") == 0)
    {
      if (cell->n_items == 0)
        return g_strdup (_("exception"));
      /* Translators: a cell with an exception: "exception, 3 of 6 satisfied"; the form follows the 3 */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "exception, %s of %s satisfied",
                                           "exception, %s of %s satisfied", cell->n_satisfied),
                              attest_count (cell->n_satisfied), attest_count (cell->n_items));
    }
  if (cell->n_items > 0)
    /* Translators: checklist items of a cell: "3 of 6 satisfied"; the form follows the 3 */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s satisfied", "%s of %s satisfied",
                                         cell->n_satisfied),
                            attest_count (cell->n_satisfied), attest_count (cell->n_items));
  if (g_strcmp0 (cell->rollup, "satisfied") == 0)
    return g_strdup (_("satisfied"));
  if (g_strcmp0 (cell->rollup, "in-progress") == 0)
    return g_strdup (_("in progress"));
  return g_strdup (for_label ? _("in scope, not started") : _("not started"));
}

/* What the cell's evidence dates say, when it matters: NULL otherwise. */
static const char *
expiry_phrase (const AttestMatrixCell *cell)
{
  switch (cell->evidence_expiry)
    {
    case ATTEST_EXPIRY_EXPIRED:
      return _("evidence expired");
    case ATTEST_EXPIRY_SOON:
      return _("evidence expires within 30 days");
    case ATTEST_EXPIRY_NONE:
    case ATTEST_EXPIRY_CURRENT:
    default:
      return NULL;
    }
}

static char *
cell_title (AttestMatrixView *self,
            guint             row,
            guint             col)
{
  /* Translators: a cell of the matrix: "<scope> × <service>", e.g. "SOC 2 × Intune" */
  return g_strdup_printf (_("%s × %s"), column_at (self, col)->scope->name, service_at (self, row)->name);
}

static char *
cell_label (AttestMatrixView *self,
            guint             row,
            guint             col)
{
  AttestMatrixCell *cell = cell_at (self, row, col);
  g_autofree char *title = cell_title (self, row, col);
  g_autofree char *phrase = cell != NULL ? rollup_phrase (cell, TRUE) : g_strdup (_("not in scope"));
  const char *expiry = cell != NULL ? expiry_phrase (cell) : NULL;

  if (expiry != NULL)
    /* Translators: the accessible name of a cell whose evidence expires:
     * "SOC 2 × Intune: 3 of 6 satisfied, evidence expired" */
    return g_strdup_printf (_("%s: %s, %s"), title, phrase, expiry);
  /* Translators: the accessible name of a cell: "SOC 2 × Intune: 3 of 6 satisfied" */
  return g_strdup_printf (_("%s: %s"), title, phrase);
}

static char *
cell_tooltip (AttestMatrixView *self,
              guint             row,
              guint             col)
{
  AttestMatrixCell *cell = cell_at (self, row, col);
  GString *text = g_string_new (NULL);
  g_autofree char *title = cell_title (self, row, col);

  g_string_append (text, title);
  if (cell == NULL)
    {
      g_string_append_printf (text, "\n%s", _("not in scope"));
      return g_string_free (text, FALSE);
    }
  {
    g_autofree char *phrase = rollup_phrase (cell, FALSE);
    const char *expiry = expiry_phrase (cell);

    g_string_append_printf (text, "\n%s", phrase);
    if (expiry != NULL)
      g_string_append_printf (text, "\n◷ %s", expiry);
  }
  /* The line that put the service in scope, as the page says it and in English. */
  g_string_append_c (text, '\n');
  if (cell->translated_line != NULL && *cell->translated_line != '\0' &&
      g_strcmp0 (cell->translated_line, cell->source_line) != 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: a line quoted from an offering page; use your language's
       * quotation marks */
      g_string_append_printf (text, _("“%s”"), cell->translated_line);
    }
  if (cell->source_line != NULL && *cell->source_line != '\0')
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("“%s”"), cell->source_line);
    }
  if (cell->qualifier != NULL && *cell->qualifier != '\0')
    /* Translators: the condition a page puts on a service's coverage */
    g_string_append_printf (text, "\n%s %s", _("Qualifier:"), cell->qualifier);
  if (cell->variant_date != NULL)
    {
      g_autofree char *date = attest_dates_format (cell->variant_date);

      g_string_append_c (text, '\n');
      /* Translators: which page put the cell in scope: its language ("French (France)"), then a date */
      g_string_append_printf (text, _("From the %s page of %s"), attest_languages_name (cell->variant_locale), date);
    }
  return g_string_free (text, FALSE);
}

static int
find_row (AttestMatrixView *self,
          const char       *service_id)
{
  if (service_id == NULL)
    return -1;
  for (guint i = 0; i < n_rows (self); i++)
    if (g_str_equal (service_at (self, i)->id, service_id))
      return i;
  return -1;
}

static int
find_column (AttestMatrixView *self,
             const char       *scope_id)
{
  if (scope_id == NULL)
    return -1;
  for (guint i = 0; i < n_columns (self); i++)
    if (g_str_equal (column_at (self, i)->scope->id, scope_id))
      return i;
  return -1;
}

/* Sizes: real text measurement with each pool's CSS, so CJK and large fonts fit. */

static GtkWidget *
new_pool_widget (AttestMatrixView *self,
                 PoolKind          kind)
{
  static const GtkAccessibleRole roles[N_POOLS] = {
    GTK_ACCESSIBLE_ROLE_GRID_CELL,
    GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
    GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
    GTK_ACCESSIBLE_ROLE_ROW_HEADER,
  };
  GtkWidget *label;

  label = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", roles[kind],
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "single-line-mode", TRUE,
                        "xalign", kind == POOL_ROW ? 0.0f : 0.5f,
                        NULL);
  gtk_widget_add_css_class (label, pool_classes[kind]);
  if (kind == POOL_FRAMEWORK)
    gtk_widget_add_css_class (label, "heading");
  if (kind == POOL_SCOPE)
    gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

typedef struct {
  GtkWidget *probe;
  int chrome_width;
  int chrome_height;
} Measure;

static void
measure_init (Measure   *m,
              GtkWidget *probe)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (probe, "");
  int nat_w, nat_h, text_h;

  /* The probe shows no text: what it measures beyond an empty line is CSS. */
  m->probe = probe;
  gtk_widget_measure (probe, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_w, NULL, NULL);
  gtk_widget_measure (probe, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat_h, NULL, NULL);
  pango_layout_get_pixel_size (layout, NULL, &text_h);
  m->chrome_width = nat_w;
  m->chrome_height = MAX (0, nat_h - text_h);
}

static void
measure_text (Measure    *m,
              const char *text,
              int        *width,
              int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (m->probe, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = MAX (*width, w + m->chrome_width);
  if (height != NULL)
    *height = MAX (*height, h + m->chrome_height);
}

static void
ensure_sizes (AttestMatrixView *self)
{
  Measure m[N_POOLS], corner;
  int cell_width = 0, x = 0;

  if (self->sizes_valid)
    return;
  self->sizes_valid = TRUE;

  for (guint k = 0; k < N_POOLS; k++)
    measure_init (&m[k], self->probes[k]);
  measure_init (&corner, self->corner);

  self->row_height = 0;
  self->scope_height = 0;
  self->framework_height = 0;
  self->row_header_width = 0;

  /* Every symbol with the widest counts a cell shows. */
  measure_text (&m[POOL_CELL], "○ 88/88", &cell_width, &self->row_height);
  measure_text (&m[POOL_CELL], "◐ ✓ ! ⊘", NULL, &self->row_height);
  measure_text (&m[POOL_SCOPE], "", NULL, &self->scope_height);
  measure_text (&m[POOL_FRAMEWORK], "", NULL, &self->framework_height);
  measure_text (&corner, gtk_label_get_text (GTK_LABEL (self->corner)), &self->row_header_width, NULL);

  /* Measured with the "My services" mark, so marking a row never resizes the column. */
  for (guint r = 0; r < n_rows (self); r++)
    {
      g_autofree char *marked = g_strconcat (MINE_MARK, service_at (self, r)->name, NULL);
      measure_text (&m[POOL_ROW], marked, &self->row_header_width, &self->row_height);
    }
  self->row_header_width = CLAMP (self->row_header_width, MIN_ROW_HEADER_WIDTH, MAX_ROW_HEADER_WIDTH);

  for (guint c = 0; c < n_columns (self); c++)
    {
      Column *col = column_at (self, c);
      int width = cell_width;

      g_autofree char *marked = g_strconcat (REQUIRED_MARK, col->scope->name, NULL);

      /* Measured with the "required" mark, so marking a scope never resizes the column. */
      measure_text (&m[POOL_SCOPE], marked, &width, &self->scope_height);
      col->width = CLAMP (width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
    }

  /* A framework's name wider than its scopes widens them, evenly. */
  for (guint f = 0; self->matrix != NULL && f < self->matrix->frameworks->len; f++)
    {
      guint first = g_array_index (self->framework_first, guint, f);
      guint end = g_array_index (self->framework_first, guint, f + 1);
      int span = 0, need = 0;

      measure_text (&m[POOL_FRAMEWORK], framework_at (self, f)->short_name, &need, &self->framework_height);
      if (end == first)
        continue;
      need = MIN (need, (int)(end - first) * MAX_COLUMN_WIDTH);
      for (guint c = first; c < end; c++)
        span += column_at (self, c)->width;
      for (guint c = first; c < end && span < need; c++)
        {
          int add = (need - span) / (int)(end - c);

          column_at (self, c)->width += add;
          span += add;
        }
    }

  for (guint c = 0; c < n_columns (self); c++)
    {
      column_at (self, c)->x = x;
      x += column_at (self, c)->width;
    }
  self->columns_width = x;
}

static void
invalidate_sizes (AttestMatrixView *self)
{
  self->sizes_valid = FALSE;
  self->generation++;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static int
header_height (AttestMatrixView *self)
{
  return self->framework_height + self->scope_height;
}

/* Binding the pools to the visible range. */

static void
bind_label (GtkWidget  *widget,
            const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) != 0)
    gtk_label_set_text (GTK_LABEL (widget), text);
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
bind_cell (AttestMatrixView *self,
           GtkWidget        *widget,
           int               key)
{
  guint row = key / n_columns (self), col = key % n_columns (self);
  AttestMatrixCell *cell = cell_at (self, row, col);
  g_autofree char *text = NULL;
  g_autofree char *label = cell_label (self, row, col);
  gboolean cursor = (int)row == self->cursor_row && (int)col == self->cursor_column;

  if (cell == NULL)
    text = g_strdup ("");
  else if (cell->n_items > 0 && g_strcmp0 (cell->rollup, "no-longer-in-scope") != 0)
    text = g_strdup_printf ("%s %u/%u", rollup_symbol (cell->rollup), cell->n_satisfied, cell->n_items);
  else
    text = g_strdup (rollup_symbol (cell->rollup));
  /* Expiring evidence: a clock mark beside the roll-up (not colour alone). */
  if (cell != NULL && expiry_phrase (cell) != NULL)
    {
      char *marked = g_strconcat (text, " ◷", NULL);
      g_free (text);
      text = marked;
    }
  bind_label (widget, text);
  set_class (widget, "evidence-expired", cell != NULL && cell->evidence_expiry == ATTEST_EXPIRY_EXPIRED);
  set_class (widget, "evidence-expiring", cell != NULL && cell->evidence_expiry == ATTEST_EXPIRY_SOON);

  for (guint i = 0; i < G_N_ELEMENTS (rollup_symbols); i++)
    set_class (widget, rollup_symbols[i].rollup, cell != NULL && g_str_equal (cell->rollup, rollup_symbols[i].rollup));
  set_class (widget, "out-of-scope", cell == NULL);
  set_class (widget, "cursor", cursor);
  set_class (widget, "highlight", (int)column_at (self, col)->framework == self->highlight);
  set_class (widget, "framework-start",
             col == g_array_index (self->framework_first, guint, column_at (self, col)->framework));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_SELECTED, cursor,
                               -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_ROW_INDEX, (int)row + 1,
                                  GTK_ACCESSIBLE_RELATION_COL_INDEX, (int)col + 1,
                                  -1);
}

static gboolean
scope_required (AttestMatrixView  *self,
                AttestMatrixScope *scope)
{
  return self->required != NULL && g_hash_table_contains (self->required, scope->id);
}

static void
bind_scope (AttestMatrixView *self,
            GtkWidget        *widget,
            int               key)
{
  Column *col = column_at (self, key);
  gboolean required = scope_required (self, col->scope);
  g_autofree char *text = required ? g_strconcat (REQUIRED_MARK, col->scope->name, NULL) : NULL;

  bind_label (widget, text != NULL ? text : col->scope->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, col->scope->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  required ? _("Required by my organisation") : "",
                                  -1);
  set_class (widget, "cursor", key == self->cursor_column);
  set_class (widget, "highlight", (int)col->framework == self->highlight);
  set_class (widget, "framework-start", (guint)key == g_array_index (self->framework_first, guint, col->framework));
}

static void
bind_framework (AttestMatrixView *self,
                GtkWidget        *widget,
                int               key)
{
  AttestMatrixFramework *f = framework_at (self, key);
  guint first = g_array_index (self->framework_first, guint, key);
  /* A framework's only scope has no header of its own: the mark goes on the framework's. */
  gboolean required = first < n_columns (self) && column_at (self, first)->merged &&
                      scope_required (self, column_at (self, first)->scope);
  g_autofree char *text = required ? g_strconcat (REQUIRED_MARK, f->short_name, NULL) : NULL;
  g_autofree char *description = required ? g_strdup_printf ("%s. %s", f->title, _("Required by my organisation"))
                                           : NULL;

  bind_label (widget, text != NULL ? text : f->short_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, f->short_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : f->title,
                                  -1);
  set_class (widget, "highlight", key == self->highlight);
}

static void
bind_row (AttestMatrixView *self,
          GtkWidget        *widget,
          int               key)
{
  AttestMatrixService *service = service_at (self, key);
  g_autofree char *text = service->mine ? g_strconcat (MINE_MARK, service->name, NULL) : NULL;

  bind_label (widget, text != NULL ? text : service->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, service->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, service->mine ? _("In My Services") : "",
                                  -1);
  set_class (widget, "cursor", key == self->cursor_row);
  set_class (widget, "mine", service->mine);
}

typedef void (*BindFunc) (AttestMatrixView *self, GtkWidget *widget, int key);

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *)a - *(const int *)b;
}

/* Keeps the slots already showing a visible key, gives the others to the
 * keys that appeared, and hides what is left. @keys is sorted. */
static void
pool_bind (AttestMatrixView *self,
           PoolKind          kind,
           const int        *keys,
           guint             n_keys,
           BindFunc          bind)
{
  GArray *slots = self->slots[kind];
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (n_keys, 1));
  guint next_free = 0;

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      const int *found = slot->key < 0 ? NULL : bsearch (&slot->key, keys, n_keys, sizeof (int), compare_int);

      if (found == NULL || shown[found - keys])
        slot->key = -1;
      else
        shown[found - keys] = TRUE;
    }

  for (guint k = 0; k < n_keys; k++)
    {
      Slot *slot = NULL;

      if (shown[k])
        continue;
      while (next_free < slots->len && g_array_index (slots, Slot, next_free).key >= 0)
        next_free++;
      if (next_free == slots->len)
        {
          Slot fresh = { new_pool_widget (self, kind), -1, 0 };
          g_array_append_val (slots, fresh);
        }
      slot = &g_array_index (slots, Slot, next_free);
      slot->key = keys[k];
      slot->generation = self->generation - 1;
    }

  /* A window made smaller gives back what it no longer needs; a few spare
   * widgets stay for the next scroll. */
  {
    guint spare = slots->len - n_keys, keep = n_keys / 4 + 8;

    for (guint i = slots->len; i > 0 && spare > keep; i--)
      if (g_array_index (slots, Slot, i - 1).key < 0)
        {
          gtk_widget_unparent (g_array_index (slots, Slot, i - 1).widget);
          g_array_remove_index (slots, i - 1);
          spare--;
        }
  }

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);

      if (slot->key >= 0 && slot->generation != self->generation)
        {
          bind (self, slot->widget, slot->key);
          slot->generation = self->generation;
        }
      gtk_widget_set_child_visible (slot->widget, slot->key >= 0);
    }
}

/* Right-to-left locales: the service column on the right, the first scope
 * next to it. Layout is computed left to right and mirrored here. */
static gboolean
is_rtl (AttestMatrixView *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

static int
mirror_x (AttestMatrixView *self,
          int               x,
          int               width)
{
  return is_rtl (self) ? gtk_widget_get_width (GTK_WIDGET (self)) - x - width : x;
}

/* A point of the widget in the left-to-right layout. */
static double
logical_x (AttestMatrixView *self,
           double            x)
{
  return is_rtl (self) ? gtk_widget_get_width (GTK_WIDGET (self)) - x : x;
}

static void
push_clip (AttestMatrixView *self,
           GtkSnapshot      *snapshot,
           int               x,
           int               y,
           int               width,
           int               height)
{
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (mirror_x (self, x, width), y, width, height));
}

static void
allocate_child (AttestMatrixView *self,
                GtkWidget        *child,
                int               x,
                int               y,
                int               width,
                int               height)
{
  int min_width, min_height;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  width = MAX (width, min_width);
  x = mirror_x (self, x, width);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  height = MAX (height, min_height);
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static int
hvalue (AttestMatrixView *self)
{
  return (int)gtk_adjustment_get_value (self->hadjustment);
}

static int
vvalue (AttestMatrixView *self)
{
  return (int)gtk_adjustment_get_value (self->vadjustment);
}

/* The visible range: columns [*c0, *c1), rows [*r0, *r1). */
static void
visible_range (AttestMatrixView *self,
               guint            *c0,
               guint            *c1,
               guint            *r0,
               guint            *r1)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - self->row_header_width;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - header_height (self);
  int h = hvalue (self), v = vvalue (self);

  *c0 = *c1 = 0;
  *r0 = *r1 = 0;
  if (width <= 0 || height <= 0 || self->row_height <= 0 || n_rows (self) == 0)
    return;

  while (*c0 < n_columns (self) && column_at (self, *c0)->x + column_at (self, *c0)->width <= h)
    (*c0)++;
  *c1 = *c0;
  while (*c1 < n_columns (self) && column_at (self, *c1)->x < h + width)
    (*c1)++;

  *r0 = MIN ((guint)(MAX (v, 0) / self->row_height), n_rows (self));
  *r1 = MIN ((guint)((v + height + self->row_height - 1) / self->row_height), n_rows (self));
}

/* Scrolling */

static gboolean
scroll_to_cell (AttestMatrixView *self,
                int               row,
                int               col)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - self->row_header_width;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - header_height (self);

  if (!self->sizes_valid || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->pending_row = row;
      self->pending_column = col;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return FALSE;
    }

  if (col >= 0)
    {
      Column *c = column_at (self, col);
      int h = hvalue (self);

      if (c->x < h || c->width > width)
        gtk_adjustment_set_value (self->hadjustment, c->x);
      else if (c->x + c->width > h + width)
        gtk_adjustment_set_value (self->hadjustment, c->x + c->width - width);
    }
  if (row >= 0)
    {
      int y = row * self->row_height;
      int v = vvalue (self);

      if (y < v || self->row_height > height)
        gtk_adjustment_set_value (self->vadjustment, y);
      else if (y + self->row_height > v + height)
        gtk_adjustment_set_value (self->vadjustment, y + self->row_height - height);
    }
  return TRUE;
}

static void
scroll_to_framework_index (AttestMatrixView *self,
                           int               f)
{
  guint first = g_array_index (self->framework_first, guint, f);

  if (!self->sizes_valid || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      self->pending_framework = f;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return;
    }
  if (first < n_columns (self))
    gtk_adjustment_set_value (self->hadjustment, column_at (self, first)->x);
}

static void
adjustment_value_changed (AttestMatrixView *self)
{
  if (!self->in_allocate)
    {
      /* Scrolled (by the analyst, or to the cursor): that is where it stays. */
      self->wanted_x = self->wanted_y = -1;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

/* A position asked for by attest_matrix_view_restore_scroll(): as near as
 * this allocation allows, and again at the next one until it is reached (a
 * sidebar sliding back in narrows the view over a few frames). */
static void
apply_wanted (GtkAdjustment *adjustment,
              double        *wanted)
{
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (*wanted < 0)
    return;
  gtk_adjustment_set_value (adjustment, MIN (*wanted, MAX (max, 0)));
  if (*wanted <= max)
    *wanted = -1;
}

static void
set_adjustment (AttestMatrixView  *self,
                GtkAdjustment    **slot,
                GtkAdjustment     *adjustment,
                GParamSpec        *pspec)
{
  if (adjustment != NULL && *slot == adjustment)
    return;
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* The cursor */

static void
set_cursor (AttestMatrixView *self,
            int               row,
            int               col,
            gboolean          scroll)
{
  gboolean changed = row != self->cursor_row || col != self->cursor_column;

  if (changed)
    {
      gboolean scope_changed = col != self->cursor_column;
      gboolean service_changed = row != self->cursor_row;

      self->cursor_row = row;
      self->cursor_column = col;
      self->generation++;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.open-cell", row >= 0 && col >= 0);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      if (scope_changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_SCOPE]);
      if (service_changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_SERVICE]);
      g_signal_emit (self, signals[CURSOR_CHANGED], 0);
    }
  if (scroll && row >= 0 && col >= 0)
    scroll_to_cell (self, row, col);
}

static int
rows_per_page (AttestMatrixView *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - header_height (self);

  if (self->row_height <= 0)
    return 1;
  return MAX (1, height / self->row_height - 1);
}

/**
 * attest_matrix_view_move_cursor:
 * @step: %GTK_MOVEMENT_DISPLAY_LINES (rows), %GTK_MOVEMENT_VISUAL_POSITIONS
 *   (columns), %GTK_MOVEMENT_DISPLAY_LINE_ENDS (first/last column of the row),
 *   %GTK_MOVEMENT_BUFFER_ENDS (first/last cell) or %GTK_MOVEMENT_PAGES
 * @count: how far, negative for up or left
 *
 * Moves the cell cursor (to the first cell when there is none) and scrolls it
 * into view.
 *
 * Returns: %TRUE when the cursor moved
 */
gboolean
attest_matrix_view_move_cursor (AttestMatrixView *self,
                                GtkMovementStep   step,
                                int               count)
{
  int rows, cols, row, col;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), FALSE);

  rows = n_rows (self);
  cols = n_columns (self);
  if (rows == 0 || cols == 0)
    return FALSE;

  if (self->cursor_row < 0 || self->cursor_column < 0)
    {
      set_cursor (self, 0, 0, TRUE);
      return TRUE;
    }

  row = self->cursor_row;
  col = self->cursor_column;
  switch (step)
    {
    case GTK_MOVEMENT_DISPLAY_LINES:
      row += count;
      break;

    case GTK_MOVEMENT_VISUAL_POSITIONS:
      /* The arrow's direction on screen: columns run leftwards right to left. */
      col += is_rtl (self) ? -count : count;
      break;

    case GTK_MOVEMENT_LOGICAL_POSITIONS:
      col += count;
      break;

    case GTK_MOVEMENT_DISPLAY_LINE_ENDS:
    case GTK_MOVEMENT_PARAGRAPH_ENDS:
      col = count < 0 ? 0 : cols - 1;
      break;

    case GTK_MOVEMENT_BUFFER_ENDS:
      row = count < 0 ? 0 : rows - 1;
      col = count < 0 ? 0 : cols - 1;
      break;

    case GTK_MOVEMENT_PAGES:
      row += count * rows_per_page (self);
      break;

    case GTK_MOVEMENT_WORDS:
    case GTK_MOVEMENT_PARAGRAPHS:
    case GTK_MOVEMENT_HORIZONTAL_PAGES:
    default:
      return FALSE;
    }

  row = CLAMP (row, 0, rows - 1);
  col = CLAMP (col, 0, cols - 1);
  if (row == self->cursor_row && col == self->cursor_column)
    {
      scroll_to_cell (self, row, col);
      return FALSE;
    }
  set_cursor (self, row, col, TRUE);
  return TRUE;
}

static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  int step, count;

  g_variant_get (parameter, "(ii)", &step, &count);
  if (!attest_matrix_view_move_cursor (ATTEST_MATRIX_VIEW (widget), step, count))
    gtk_widget_error_bell (widget);
}

static void
open_cell_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);

  if (self->cursor_row < 0 || self->cursor_column < 0)
    return;
  g_signal_emit (self, signals[CELL_ACTIVATED], 0,
                 column_at (self, self->cursor_column)->scope->id,
                 service_at (self, self->cursor_row)->id);
}

/* The row menu ("My services"), at @rect in widget coordinates. */
static void
popup_row_menu (AttestMatrixView   *self,
                const GdkRectangle *rect)
{
  if (self->row_menu == NULL || self->cursor_row < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (self->row_popover == NULL)
    {
      self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
      gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), rect);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);
  GdkRectangle rect = { 0, 0, self->row_header_width, self->row_height };

  if (self->cursor_row < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* From the keyboard: under the cursor's row header, as a context menu key does. */
  scroll_to_cell (self, self->cursor_row, self->cursor_column);
  rect.y = header_height (self) + self->cursor_row * self->row_height - vvalue (self);
  rect.x = mirror_x (self, 0, rect.width);
  popup_row_menu (self, &rect);
}

/* Hit testing, in widget coordinates: FALSE outside the cells. */
static gboolean
column_at_x (AttestMatrixView *self,
             double            x,
             int              *col)
{
  int sx = (int)x - self->row_header_width + hvalue (self);

  if (x < self->row_header_width)
    return FALSE;
  for (guint c = 0; c < n_columns (self); c++)
    if (sx >= column_at (self, c)->x && sx < column_at (self, c)->x + column_at (self, c)->width)
      {
        *col = c;
        return TRUE;
      }
  return FALSE;
}

static gboolean
row_at_y (AttestMatrixView *self,
          double            y,
          int              *row)
{
  int sy = (int)y - header_height (self) + vvalue (self);

  if (y < header_height (self) || self->row_height <= 0 || sy / self->row_height >= (int)n_rows (self))
    return FALSE;
  *row = sy / self->row_height;
  return TRUE;
}

static void
click_pressed (GtkGestureClick  *gesture,
               int               n_press,
               double            x,
               double            y,
               AttestMatrixView *self)
{
  int row, col;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* A double click on a column's header: its framework's page. */
  if (y < header_height (self) && self->matrix != NULL && column_at_x (self, logical_x (self, x), &col))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (n_press == 2)
        g_signal_emit (self, signals[COLUMN_ACTIVATED], 0, column_at (self, col)->scope->id);
      return;
    }
  if (!row_at_y (self, y, &row) || !column_at_x (self, logical_x (self, x), &col))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_cursor (self, row, col, TRUE);
  if (n_press == 2)
    gtk_widget_activate_action (GTK_WIDGET (self), "matrix.open-cell", NULL);
}

/* Right click: a row's menu, on a cell or on the service's name. */
static void
secondary_pressed (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   AttestMatrixView *self)
{
  int row, col = self->cursor_column;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* On a column's header: the column menu (Required by My Organisation). */
  if (y < header_height (self) && self->matrix != NULL && self->column_menu != NULL &&
      column_at_x (self, logical_x (self, x), &col))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      set_cursor (self, self->cursor_row >= 0 ? self->cursor_row : (n_rows (self) > 0 ? 0 : -1), col, FALSE);
      if (self->column_popover == NULL)
        {
          self->column_popover = gtk_popover_menu_new_from_model (self->column_menu);
          gtk_widget_set_parent (self->column_popover, GTK_WIDGET (self));
          gtk_popover_set_has_arrow (GTK_POPOVER (self->column_popover), FALSE);
          gtk_widget_set_halign (self->column_popover, GTK_ALIGN_START);
        }
      gtk_popover_set_pointing_to (GTK_POPOVER (self->column_popover), &(GdkRectangle) { (int)x, (int)y, 1, 1 });
      gtk_popover_popup (GTK_POPOVER (self->column_popover));
      return;
    }
  col = self->cursor_column;
  if (!row_at_y (self, y, &row))
    return;
  if (!column_at_x (self, logical_x (self, x), &col) && col < 0)
    col = n_columns (self) > 0 ? 0 : -1;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_cursor (self, row, col, FALSE);
  popup_row_menu (self, &(GdkRectangle) { (int)x, (int)y, 1, 1 });
}

static gboolean
attest_matrix_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);
  g_autofree char *text = NULL;
  int row = -1, col = -1;

  if (self->matrix == NULL)
    return FALSE;
  x = (int)logical_x (self, x);

  if (keyboard_mode)
    {
      row = self->cursor_row;
      col = self->cursor_column;
    }
  else
    {
      gboolean in_row = row_at_y (self, y, &row);
      gboolean in_col = column_at_x (self, x, &col);

      if (!in_row)
        row = -1;
      if (!in_col)
        col = -1;
    }

  if (row >= 0 && col >= 0)
    text = cell_tooltip (self, row, col);
  else if (!keyboard_mode && row >= 0 && x < self->row_header_width)
    text = g_strdup (service_at (self, row)->name);
  else if (!keyboard_mode && col >= 0 && y < header_height (self) &&
           (y < self->framework_height || column_at (self, col)->merged))
    {
      AttestMatrixFramework *f = framework_at (self, column_at (self, col)->framework);
      /* Translators: a column header's tooltip: the framework's short name and title, then a hint */
      text = g_strdup_printf (_("%s\n%s\nDouble-click to read its offering page"), f->short_name, f->title);
    }
  else if (!keyboard_mode && col >= 0 && y < header_height (self))
    {
      AttestMatrixFramework *f = framework_at (self, column_at (self, col)->framework);
      /* Translators: a column header's tooltip: the scope's name and the framework's title, then a hint */
      text = g_strdup_printf (_("%s\n%s\nDouble-click to read its offering page"), column_at (self, col)->scope->name, f->title);
    }

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  if (row >= 0 && col >= 0)
    {
      GdkRectangle area = {
        mirror_x (self, self->row_header_width + column_at (self, col)->x - hvalue (self), column_at (self, col)->width),
        header_height (self) + row * self->row_height - vvalue (self),
        column_at (self, col)->width,
        self->row_height,
      };
      gtk_tooltip_set_tip_area (tooltip, &area);
    }
  return TRUE;
}

/* GtkWidget */

static void
attest_matrix_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);

  ensure_sizes (self);
  /* Modest: the scrolled window scrolls the rest. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->row_header_width;
      *natural = MIN (self->row_header_width + self->columns_width, MAX_NATURAL_WIDTH);
    }
  else
    {
      *minimum = header_height (self) + self->row_height;
      *natural = MIN (header_height (self) + (int)n_rows (self) * self->row_height, MAX_NATURAL_HEIGHT);
    }
  *natural = MAX (*natural, *minimum);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      int            upper,
                      int            page)
{
  double value = gtk_adjustment_get_value (adjustment);

  upper = MAX (upper, page);
  value = CLAMP (value, 0, upper - page);
  gtk_adjustment_configure (adjustment, value, 0, upper, page * 0.1, page * 0.9, page);
}

static void
attest_matrix_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);
  guint c0, c1, r0, r1, n = 0;
  int H, W, h, v;
  g_autofree int *keys = NULL;

  ensure_sizes (self);
  self->in_allocate = TRUE;

  W = self->row_header_width;
  H = header_height (self);
  configure_adjustment (self->hadjustment, W + self->columns_width, width);
  configure_adjustment (self->vadjustment, H + (int)n_rows (self) * self->row_height, height);
  if (self->pending_framework >= 0 || self->pending_row >= 0 || self->pending_column >= 0)
    self->wanted_x = self->wanted_y = -1;
  apply_wanted (self->hadjustment, &self->wanted_x);
  apply_wanted (self->vadjustment, &self->wanted_y);

  if (self->pending_framework >= 0)
    {
      scroll_to_framework_index (self, self->pending_framework);
      self->pending_framework = -1;
    }
  if (self->pending_row >= 0 || self->pending_column >= 0)
    {
      int row = self->pending_row, col = self->pending_column;

      self->pending_row = self->pending_column = -1;
      scroll_to_cell (self, row, col);
    }

  h = hvalue (self);
  v = vvalue (self);
  visible_range (self, &c0, &c1, &r0, &r1);
  keys = g_new (int, MAX ((c1 - c0) * (r1 - r0), 1) + MAX (c1 - c0, 1) + n_rows (self) + 1);

  /* Cells */
  n = 0;
  for (guint r = r0; r < r1; r++)
    for (guint c = c0; c < c1; c++)
      keys[n++] = r * n_columns (self) + c;
  pool_bind (self, POOL_CELL, keys, n, bind_cell);
  for (guint i = 0; i < self->slots[POOL_CELL]->len; i++)
    {
      Slot *slot = &g_array_index (self->slots[POOL_CELL], Slot, i);
      Column *col;
      int row;

      if (slot->key < 0)
        continue;
      row = slot->key / n_columns (self);
      col = column_at (self, slot->key % n_columns (self));
      allocate_child (self, slot->widget, W + col->x - h, H + row * self->row_height - v, col->width, self->row_height);
    }

  /* Scope headers */
  n = 0;
  for (guint c = c0; c < c1; c++)
    if (!column_at (self, c)->merged)
      keys[n++] = c;
  pool_bind (self, POOL_SCOPE, keys, n, bind_scope);
  for (guint i = 0; i < self->slots[POOL_SCOPE]->len; i++)
    {
      Slot *slot = &g_array_index (self->slots[POOL_SCOPE], Slot, i);
      Column *col;

      if (slot->key < 0)
        continue;
      col = column_at (self, slot->key);
      allocate_child (self, slot->widget, W + col->x - h, self->framework_height, col->width, self->scope_height);
    }

  /* Framework headers, kept in view while any of their columns is */
  n = 0;
  for (guint c = c0; c < c1; c++)
    if (n == 0 || keys[n - 1] != (int)column_at (self, c)->framework)
      keys[n++] = column_at (self, c)->framework;
  pool_bind (self, POOL_FRAMEWORK, keys, n, bind_framework);
  for (guint i = 0; i < self->slots[POOL_FRAMEWORK]->len; i++)
    {
      Slot *slot = &g_array_index (self->slots[POOL_FRAMEWORK], Slot, i);
      guint first, end;
      int x0, x1;

      if (slot->key < 0)
        continue;
      first = g_array_index (self->framework_first, guint, slot->key);
      end = g_array_index (self->framework_first, guint, slot->key + 1);
      x0 = W + column_at (self, first)->x - h;
      x1 = W + column_at (self, end - 1)->x + column_at (self, end - 1)->width - h;
      /* Sticky: the name stays readable while its group scrolls by. */
      x0 = MAX (x0, W);
      x1 = MAX (MIN (x1, width), x0);
      allocate_child (self, slot->widget, x0, 0, x1 - x0,
                      column_at (self, first)->merged ? H : self->framework_height);
    }

  /* Row headers */
  n = 0;
  for (guint r = r0; r < r1; r++)
    keys[n++] = r;
  pool_bind (self, POOL_ROW, keys, n, bind_row);
  for (guint i = 0; i < self->slots[POOL_ROW]->len; i++)
    {
      Slot *slot = &g_array_index (self->slots[POOL_ROW], Slot, i);

      if (slot->key < 0)
        continue;
      allocate_child (self, slot->widget, 0, H + slot->key * self->row_height - v, W, self->row_height);
    }

  allocate_child (self, self->corner, 0, 0, W, H);
  allocate_child (self, self->header_fill, 0, 0, width, H);
  if (self->row_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->row_popover));
  if (self->column_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->column_popover));

  self->in_allocate = FALSE;
}

static void
snapshot_pool (AttestMatrixView *self,
               GtkSnapshot      *snapshot,
               PoolKind          kind)
{
  for (guint i = 0; i < self->slots[kind]->len; i++)
    {
      Slot *slot = &g_array_index (self->slots[kind], Slot, i);

      if (slot->key >= 0)
        gtk_widget_snapshot_child (GTK_WIDGET (self), slot->widget, snapshot);
    }
}

static void
attest_matrix_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int W = self->row_header_width;
  int H = header_height (self);

  if (self->matrix == NULL)
    return;

  push_clip (self, snapshot, W, H, MAX (width - W, 0), MAX (height - H, 0));
  snapshot_pool (self, snapshot, POOL_CELL);
  gtk_snapshot_pop (snapshot);

  gtk_widget_snapshot_child (widget, self->header_fill, snapshot);
  push_clip (self, snapshot, W, 0, MAX (width - W, 0), H);
  snapshot_pool (self, snapshot, POOL_FRAMEWORK);
  snapshot_pool (self, snapshot, POOL_SCOPE);
  gtk_snapshot_pop (snapshot);

  push_clip (self, snapshot, 0, H, W, MAX (height - H, 0));
  snapshot_pool (self, snapshot, POOL_ROW);
  gtk_snapshot_pop (snapshot);

  gtk_widget_snapshot_child (widget, self->corner, snapshot);
}

static void
attest_matrix_view_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (attest_matrix_view_parent_class)->css_changed (widget, change);

  /* Only a new font changes the sizes; focus and hover changes do not. */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font == NULL || font == NULL || !pango_font_description_equal (self->font, font))
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = font != NULL ? pango_font_description_copy (font) : NULL;
      invalidate_sizes (self);
    }
}

static void
attest_matrix_view_system_setting_changed (GtkWidget        *widget,
                                           GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (attest_matrix_view_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_DPI ||
      setting == GTK_SYSTEM_SETTING_FONT_NAME ||
      setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    invalidate_sizes (ATTEST_MATRIX_VIEW (widget));
}

static gboolean
attest_matrix_view_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  /* One tab stop: the arrows move inside. */
  if (gtk_widget_is_focus (widget))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

static gboolean
attest_matrix_view_grab_focus (GtkWidget *widget)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (widget);

  if (!GTK_WIDGET_CLASS (attest_matrix_view_parent_class)->grab_focus (widget))
    return FALSE;
  /* Focus always lands on a cell, so there is something to read and move. */
  if ((self->cursor_row < 0 || self->cursor_column < 0) && n_rows (self) > 0 && n_columns (self) > 0)
    set_cursor (self, 0, 0, FALSE);
  return TRUE;
}

/* GObject */

static void
attest_matrix_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURSOR_SCOPE:
      g_value_set_string (value, attest_matrix_view_get_cursor_scope (self));
      break;

    case PROP_CURSOR_SERVICE:
      g_value_set_string (value, attest_matrix_view_get_cursor_service (self));
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_matrix_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), pspec);
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), pspec);
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint)g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint)g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_matrix_view_dispose (GObject *object)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (object);

  for (guint k = 0; k < N_POOLS; k++)
    {
      if (self->slots[k] != NULL)
        for (guint i = 0; i < self->slots[k]->len; i++)
          gtk_widget_unparent (g_array_index (self->slots[k], Slot, i).widget);
      g_clear_pointer (&self->slots[k], g_array_unref);
      g_clear_pointer (&self->probes[k], gtk_widget_unparent);
    }
  g_clear_pointer (&self->corner, gtk_widget_unparent);
  g_clear_pointer (&self->header_fill, gtk_widget_unparent);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  g_clear_object (&self->row_menu);
  g_clear_pointer (&self->column_popover, gtk_widget_unparent);
  g_clear_object (&self->column_menu);
  g_clear_pointer (&self->required, g_hash_table_unref);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->matrix, attest_matrix_free);

  G_OBJECT_CLASS (attest_matrix_view_parent_class)->dispose (object);
}

static void
attest_matrix_view_finalize (GObject *object)
{
  AttestMatrixView *self = ATTEST_MATRIX_VIEW (object);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->framework_first, g_array_unref);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (attest_matrix_view_parent_class)->finalize (object);
}

static void
attest_matrix_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
add_move_binding (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  modifiers,
                  GtkMovementStep  step,
                  int              count)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers,
                                       "matrix.move-cursor", "(ii)", step, count);
}

static void
attest_matrix_view_class_init (AttestMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    guint key, keypad;
    GdkModifierType modifiers;
    GtkMovementStep step;
    int count;
  } moves[] = {
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, GTK_MOVEMENT_DISPLAY_LINES, -1 },
    { GDK_KEY_Down, GDK_KEY_KP_Down, 0, GTK_MOVEMENT_DISPLAY_LINES, 1 },
    { GDK_KEY_Left, GDK_KEY_KP_Left, 0, GTK_MOVEMENT_VISUAL_POSITIONS, -1 },
    { GDK_KEY_Right, GDK_KEY_KP_Right, 0, GTK_MOVEMENT_VISUAL_POSITIONS, 1 },
    { GDK_KEY_Home, GDK_KEY_KP_Home, 0, GTK_MOVEMENT_DISPLAY_LINE_ENDS, -1 },
    { GDK_KEY_End, GDK_KEY_KP_End, 0, GTK_MOVEMENT_DISPLAY_LINE_ENDS, 1 },
    { GDK_KEY_Home, GDK_KEY_KP_Home, GDK_CONTROL_MASK, GTK_MOVEMENT_BUFFER_ENDS, -1 },
    { GDK_KEY_End, GDK_KEY_KP_End, GDK_CONTROL_MASK, GTK_MOVEMENT_BUFFER_ENDS, 1 },
    { GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, 0, GTK_MOVEMENT_PAGES, -1 },
    { GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, 0, GTK_MOVEMENT_PAGES, 1 },
  };

  object_class->dispose = attest_matrix_view_dispose;
  object_class->finalize = attest_matrix_view_finalize;
  object_class->get_property = attest_matrix_view_get_property;
  object_class->set_property = attest_matrix_view_set_property;

  widget_class->measure = attest_matrix_view_measure;
  widget_class->size_allocate = attest_matrix_view_size_allocate;
  widget_class->snapshot = attest_matrix_view_snapshot;
  widget_class->css_changed = attest_matrix_view_css_changed;
  widget_class->system_setting_changed = attest_matrix_view_system_setting_changed;
  widget_class->query_tooltip = attest_matrix_view_query_tooltip;
  widget_class->focus = attest_matrix_view_focus;
  widget_class->grab_focus = attest_matrix_view_grab_focus;

  /**
   * AttestMatrixView:cursor-scope:
   *
   * The scope id of the cell cursor's column, or %NULL.
   */
  properties[PROP_CURSOR_SCOPE] =
    g_param_spec_string ("cursor-scope", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * AttestMatrixView:cursor-service:
   *
   * The service id of the cell cursor's row, or %NULL.
   */
  properties[PROP_CURSOR_SERVICE] =
    g_param_spec_string ("cursor-service", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * AttestMatrixView::cell-activated:
   * @scope_id: the cell's scope
   * @service_id: the cell's service
   *
   * Enter or a double click on a cell (the `matrix.open-cell` action).
   */
  /**
   * AttestMatrixView::column-activated:
   * @scope_id: the column's scope
   *
   * A double click on a column's header.
   */
  signals[COLUMN_ACTIVATED] =
    g_signal_new ("column-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AttestMatrixView::cursor-changed:
   *
   * The cell cursor moved (see #AttestMatrixView:cursor-scope and
   * #AttestMatrixView:cursor-service).
   */
  signals[CURSOR_CHANGED] =
    g_signal_new ("cursor-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "matrix.open-cell", NULL, open_cell_action);
  gtk_widget_class_install_action (widget_class, "matrix.move-cursor", "(ii)", move_cursor_action);
  gtk_widget_class_install_action (widget_class, "matrix.show-row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "matrix.show-row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "matrix.show-row-menu", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      add_move_binding (widget_class, moves[i].key, moves[i].modifiers, moves[i].step, moves[i].count);
      add_move_binding (widget_class, moves[i].keypad, moves[i].modifiers, moves[i].step, moves[i].count);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "matrix.open-cell", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "matrix.open-cell", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "matrix.open-cell", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "matrix.open-cell", NULL);

  gtk_widget_class_set_css_name (widget_class, "matrixview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
attest_matrix_view_init (AttestMatrixView *self)
{
  GtkGesture *click;

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  self->framework_first = g_array_new (FALSE, TRUE, sizeof (guint));
  self->cursor_row = self->cursor_column = -1;
  self->highlight = -1;
  self->pending_row = self->pending_column = self->pending_framework = -1;
  self->wanted_x = self->wanted_y = -1;

  for (guint k = 0; k < N_POOLS; k++)
    {
      self->slots[k] = g_array_new (FALSE, TRUE, sizeof (Slot));
      /* Measures text in the pool's style; never shown. */
      self->probes[k] = new_pool_widget (self, k);
      gtk_widget_set_child_visible (self->probes[k], FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->probes[k]), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }

  self->corner = g_object_new (GTK_TYPE_LABEL,
                               "accessible-role", GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                               "label", _("Services"),
                               "ellipsize", PANGO_ELLIPSIZE_END,
                               "xalign", 0.0f,
                               "yalign", 1.0f,
                               NULL);
  gtk_widget_add_css_class (self->corner, "matrix-corner");
  gtk_widget_add_css_class (self->corner, "caption-heading");
  gtk_widget_set_parent (self->corner, GTK_WIDGET (self));

  self->header_fill = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->header_fill, "matrix-header-fill");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->header_fill), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_insert_after (self->header_fill, GTK_WIDGET (self), NULL);

  set_adjustment (self, &self->hadjustment, NULL, NULL);
  set_adjustment (self, &self->vadjustment, NULL, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.open-cell", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Framework × service matrix"),
                                  -1);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
attest_matrix_view_new (void)
{
  return g_object_new (ATTEST_TYPE_MATRIX_VIEW, NULL);
}

/**
 * attest_matrix_view_set_matrix:
 * @matrix: (transfer full) (nullable): the matrix to show
 *
 * Shows @matrix: services as rows, scopes as columns under their framework.
 * The cursor stays on the same cell when it is still there.
 */
void
attest_matrix_view_set_matrix (AttestMatrixView *self,
                               AttestMatrix     *matrix)
{
  g_autofree char *cursor_scope = NULL;
  g_autofree char *cursor_service = NULL;
  int row, col;

  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  if (matrix == self->matrix)
    return;

  cursor_scope = g_strdup (attest_matrix_view_get_cursor_scope (self));
  cursor_service = g_strdup (attest_matrix_view_get_cursor_service (self));

  g_clear_pointer (&self->matrix, attest_matrix_free);
  self->matrix = matrix;
  g_array_set_size (self->columns, 0);
  g_array_set_size (self->framework_first, 0);
  self->highlight = -1;

  for (guint f = 0; matrix != NULL && f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[f];
      guint first = self->columns->len;

      g_array_append_val (self->framework_first, first);
      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestMatrixScope *scope = framework->scopes->pdata[s];
          Column column = { scope, f, framework->scopes->len == 1 && g_strcmp0 (scope->name, framework->short_name) == 0,
                            0, 0 };
          g_array_append_val (self->columns, column);
        }
    }
  {
    guint end = self->columns->len;
    g_array_append_val (self->framework_first, end);
  }

  for (guint k = 0; k < N_POOLS; k++)
    for (guint i = 0; i < self->slots[k]->len; i++)
      g_array_index (self->slots[k], Slot, i).key = -1;

  /* Clear first (the old indices mean nothing now), then restore by id. */
  self->cursor_row = self->cursor_column = -1;
  row = find_row (self, cursor_service);
  col = find_column (self, cursor_scope);
  if (row >= 0 && col >= 0)
    {
      self->cursor_row = row;
      self->cursor_column = col;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.open-cell", row >= 0 && col >= 0);
  if (g_strcmp0 (cursor_scope, attest_matrix_view_get_cursor_scope (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_SCOPE]);
  if (g_strcmp0 (cursor_service, attest_matrix_view_get_cursor_service (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_SERVICE]);

  invalidate_sizes (self);
}

/**
 * attest_matrix_view_get_matrix:
 *
 * Returns: (transfer none) (nullable): the matrix shown
 */
AttestMatrix *
attest_matrix_view_get_matrix (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);
  return self->matrix;
}

/**
 * attest_matrix_view_get_n_columns:
 *
 * Returns: the number of scope columns
 */
guint
attest_matrix_view_get_n_columns (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), 0);
  return n_columns (self);
}

/**
 * attest_matrix_view_get_n_rows:
 *
 * Returns: the number of service rows
 */
guint
attest_matrix_view_get_n_rows (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), 0);
  return n_rows (self);
}

/* The row and column of a cell by its ids; FALSE for an unknown one. */
static gboolean
find_cell (AttestMatrixView *self,
           const char       *scope_id,
           const char       *service_id,
           int              *row,
           int              *col)
{
  *row = find_row (self, service_id);
  *col = find_column (self, scope_id);
  return *row >= 0 && *col >= 0;
}

/**
 * attest_matrix_view_get_cell_label:
 *
 * Returns: (transfer full) (nullable): the accessible label of the cell
 *   ("SOC 2 × Intune: 3 of 6 satisfied"), or %NULL for an unknown id
 */
char *
attest_matrix_view_get_cell_label (AttestMatrixView *self,
                                   const char       *scope_id,
                                   const char       *service_id)
{
  int row, col;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);

  return find_cell (self, scope_id, service_id, &row, &col) ? cell_label (self, row, col) : NULL;
}

/**
 * attest_matrix_view_get_cell_tooltip:
 *
 * Returns: (transfer full) (nullable): the tooltip of the cell (its title,
 *   roll-up, the line that put it in scope and the page it comes from), or
 *   %NULL for an unknown id
 */
char *
attest_matrix_view_get_cell_tooltip (AttestMatrixView *self,
                                     const char       *scope_id,
                                     const char       *service_id)
{
  int row, col;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);

  return find_cell (self, scope_id, service_id, &row, &col) ? cell_tooltip (self, row, col) : NULL;
}

const char *
attest_matrix_view_get_cursor_scope (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);
  return self->cursor_column >= 0 ? column_at (self, self->cursor_column)->scope->id : NULL;
}

const char *
attest_matrix_view_get_cursor_service (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);
  return self->cursor_row >= 0 ? service_at (self, self->cursor_row)->id : NULL;
}

/**
 * attest_matrix_view_select_cell:
 *
 * Moves the cursor to the cell and scrolls it into view.
 *
 * Returns: %FALSE when the matrix has no such scope or service
 */
gboolean
attest_matrix_view_select_cell (AttestMatrixView *self,
                                const char       *scope_id,
                                const char       *service_id)
{
  int row, col;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), FALSE);

  row = find_row (self, service_id);
  col = find_column (self, scope_id);
  if (row < 0 || col < 0)
    return FALSE;
  set_cursor (self, row, col, TRUE);
  return TRUE;
}

/**
 * attest_matrix_view_select_service:
 *
 * Moves the cursor to the service's row, in the cursor's column (the first
 * column when there is no cursor), and scrolls it into view.
 *
 * Returns: %FALSE when the matrix shows no such service
 */
gboolean
attest_matrix_view_select_service (AttestMatrixView *self,
                                   const char       *service_id)
{
  int row;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), FALSE);

  row = find_row (self, service_id);
  if (row < 0 || n_columns (self) == 0)
    return FALSE;
  set_cursor (self, row, MAX (self->cursor_column, 0), TRUE);
  return TRUE;
}

/**
 * attest_matrix_view_is_cell_visible:
 *
 * Returns: %TRUE when the whole cell is in the scrolled viewport, clear of
 *   the fixed header and service column
 */
gboolean
attest_matrix_view_is_cell_visible (AttestMatrixView *self,
                                    const char       *scope_id,
                                    const char       *service_id)
{
  int row, col, x, y;
  int width, height;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), FALSE);

  row = find_row (self, service_id);
  col = find_column (self, scope_id);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (row < 0 || col < 0 || !self->sizes_valid || width <= 0)
    return FALSE;

  x = self->row_header_width + column_at (self, col)->x - hvalue (self);
  y = header_height (self) + row * self->row_height - vvalue (self);
  return x >= self->row_header_width && x + column_at (self, col)->width <= width &&
         y >= header_height (self) && y + self->row_height <= height;
}

/**
 * attest_matrix_view_get_scroll:
 * @x: (out): how far the matrix is scrolled across, in pixels
 * @y: (out): …and down
 */
void
attest_matrix_view_get_scroll (AttestMatrixView *self,
                               double           *x,
                               double           *y)
{
  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  *x = gtk_adjustment_get_value (self->hadjustment);
  *y = gtk_adjustment_get_value (self->vadjustment);
}

/**
 * attest_matrix_view_restore_scroll:
 *
 * Scrolls back to a position attest_matrix_view_get_scroll() gave, once the
 * view has its width again (coming back from a page, the library slides
 * back in over a few frames: each would clamp the position further).
 */
void
attest_matrix_view_restore_scroll (AttestMatrixView *self,
                                   double            x,
                                   double            y)
{
  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  self->wanted_x = MAX (x, 0);
  self->wanted_y = MAX (y, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * attest_matrix_view_scroll_to_framework:
 *
 * Scrolls the framework's columns into view and highlights them.
 *
 * Returns: %FALSE when the matrix has no such framework
 */
gboolean
attest_matrix_view_scroll_to_framework (AttestMatrixView *self,
                                        const char       *framework_id)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  for (guint f = 0; self->matrix != NULL && f < self->matrix->frameworks->len; f++)
    if (g_str_equal (framework_at (self, f)->id, framework_id))
      {
        if (self->highlight != (int)f)
          {
            self->highlight = f;
            self->generation++;
            gtk_widget_queue_allocate (GTK_WIDGET (self));
          }
        scroll_to_framework_index (self, f);
        return TRUE;
      }
  return FALSE;
}

/**
 * attest_matrix_view_set_row_menu:
 * @menu: (nullable): the menu a right click on a row, Shift+F10 or the Menu
 *   key shows for the cursor's row
 */
void
attest_matrix_view_set_row_menu (AttestMatrixView *self,
                                 GMenuModel       *menu)
{
  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  if (!g_set_object (&self->row_menu, menu))
    return;
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
}

/**
 * attest_matrix_view_set_column_menu:
 * @menu: (nullable): the menu a right click on a scope's header pops up,
 *   once that column has the cursor
 */
void
attest_matrix_view_set_column_menu (AttestMatrixView *self,
                                    GMenuModel       *menu)
{
  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  if (!g_set_object (&self->column_menu, menu))
    return;
  g_clear_pointer (&self->column_popover, gtk_widget_unparent);
}

/**
 * attest_matrix_view_get_column_menu_popover:
 *
 * Returns: (transfer none) (nullable): the column menu's popover, once shown
 */
GtkWidget *
attest_matrix_view_get_column_menu_popover (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);

  return self->column_popover;
}

/**
 * attest_matrix_view_set_required_scopes:
 * @required: (nullable): scope ids (keys) the organisation requires
 *
 * Their headers carry the "required" mark, and say so to assistive
 * technology.
 */
void
attest_matrix_view_set_required_scopes (AttestMatrixView *self,
                                        GHashTable       *required)
{
  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  if (required != NULL)
    g_hash_table_ref (required);
  g_clear_pointer (&self->required, g_hash_table_unref);
  self->required = required;
  self->generation++;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * attest_matrix_view_get_row_menu_popover:
 *
 * Returns: (transfer none) (nullable): the row menu's popover, once shown
 */
GtkWidget *
attest_matrix_view_get_row_menu_popover (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), NULL);
  return self->row_popover;
}

/**
 * attest_matrix_view_get_n_cell_widgets:
 *
 * Returns: how many cell widgets the pool holds (bounded by the viewport)
 */
guint
attest_matrix_view_get_n_cell_widgets (AttestMatrixView *self)
{
  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), 0);
  return self->slots[POOL_CELL]->len;
}

/**
 * attest_matrix_view_refresh_cells:
 *
 * The shown matrix's cells changed in place (a roll-up, a count): draws
 * them again without a new layout.
 */
void
attest_matrix_view_refresh_cells (AttestMatrixView *self)
{
  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  self->generation++;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * attest_matrix_view_get_cell_at:
 * @x: (in): widget coordinate
 * @y: (in): widget coordinate
 * @scope_id: (out) (transfer none) (optional): the cell's scope
 * @service_id: (out) (transfer none) (optional): the cell's service
 *
 * Returns: %FALSE when (@x, @y) is not on a cell (headers, empty space)
 */
gboolean
attest_matrix_view_get_cell_at (AttestMatrixView  *self,
                                double             x,
                                double             y,
                                const char       **scope_id,
                                const char       **service_id)
{
  int row, col;

  g_return_val_if_fail (ATTEST_IS_MATRIX_VIEW (self), FALSE);

  if (self->matrix == NULL || !row_at_y (self, y, &row) || !column_at_x (self, logical_x (self, x), &col))
    return FALSE;
  if (scope_id != NULL)
    *scope_id = column_at (self, col)->scope->id;
  if (service_id != NULL)
    *service_id = service_at (self, row)->id;
  return TRUE;
}

/**
 * attest_matrix_view_refresh_cell:
 *
 * One cell of the shown matrix changed in place: draws it again (only its
 * widget is bound anew, when it is on screen).
 */
void
attest_matrix_view_refresh_cell (AttestMatrixView *self,
                                 const char       *scope_id,
                                 const char       *service_id)
{
  int row, col, key;

  g_return_if_fail (ATTEST_IS_MATRIX_VIEW (self));

  if (self->matrix == NULL || (row = find_row (self, service_id)) < 0 || (col = find_column (self, scope_id)) < 0)
    return;
  key = row * (int)n_columns (self) + col;
  for (guint i = 0; i < self->slots[POOL_CELL]->len; i++)
    {
      Slot *slot = &g_array_index (self->slots[POOL_CELL], Slot, i);

      if (slot->key == key)
        bind_cell (self, slot->widget, key);
    }
}
