/* attest-library-sidebar.c: frameworks by category, their variants, My Services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListView over a GtkTreeListModel (STYLE.md §5): the root items are
 * groups — one per framework category, then "My Services" — whose children
 * are frameworks (with their page variants below them) or services. Every
 * row is an AttestLibraryItem copied from the matrix, so the sidebar keeps
 * no pointer into it. The rows are built once per matrix, each store with one
 * g_list_store_splice, and a new matrix replaces only the rows that differ.
 */
#define G_LOG_DOMAIN "attest-library-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "attest-date-dialog.h"
#include "attest-languages.h"
#include "attest-library-item.h"
#include "attest-library-sidebar.h"
#include "attest-matrix.h"

#define MY_SERVICES_ID "\x1fmy-services"
#define OTHER_ID       ""
#define OLD_OTHER_ID   "Other"
#define MAX_LABEL_CHARS 26

struct _AttestLibrarySidebar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled_window;
  GtkListView *list_view;

  GListStore *groups;             /* AttestLibraryItem, the tree's roots */
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;

  AttestLibraryItem *selected;    /* the item last seen selected */
  guint updating;                 /* selection changed by the code, not the user */
  AttestLibraryItem *menu_item;   /* the version a row menu or date dialog is about */
  GtkWidget *row_menu;

  GHashTable *framework_scopes;   /* framework id → GPtrArray of its scopes' ids and names, in turn */
  GHashTable *required;           /* scope ids the organisation requires (nullable) */
  GSimpleActionGroup *required_actions; /* "libreq": a framework row menu's check boxes */
};

G_DEFINE_FINAL_TYPE (AttestLibrarySidebar, attest_library_sidebar, GTK_TYPE_WIDGET)

enum {
  FRAMEWORK_ACTIVATED,
  SERVICE_ACTIVATED,
  VARIANT_ACTIVATED,
  VARIANT_DATE_REQUESTED,
  SCOPE_REQUIRED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The categories of the bundled catalog. */
static const struct {
  const char *category;
  const char *name;
} categories[] = {
  /* Translators: a category of compliance frameworks, a heading of the library sidebar */
  { "Global", N_("Global") },
  /* Translators: a category of compliance frameworks, a heading of the library sidebar */
  { "Industry", N_("Industry") },
  /* Translators: a category of compliance frameworks, a heading of the library sidebar */
  { "Regional — Americas", N_("Regional — Americas") },
  /* Translators: a category of compliance frameworks, a heading of the library sidebar */
  { "Regional — Asia Pacific", N_("Regional — Asia Pacific") },
  /* Translators: a category of compliance frameworks (Europe, Middle East and Africa) */
  { "Regional — EMEA", N_("Regional — EMEA") },
  /* Translators: a category of compliance frameworks, a heading of the library sidebar */
  { "US government", N_("US government") },
};

static const char *
category_name (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (categories[i].category, category))
      return _(categories[i].name);
  return category;
}

typedef struct {
  char *key;                /* collation key */
  gpointer data;
} Sortable;

static void
sortable_clear (Sortable *s)
{
  g_free (s->key);
}

static int
compare_sortables (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const Sortable *)a)->key, ((const Sortable *)b)->key);
}

/* Case-folded collation, as the matrix sorts names. */
static void
sortable_init (Sortable   *s,
               const char *text,
               gpointer    data)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  s->key = g_utf8_collate_key (folded, -1);
  s->data = data;
}

static GArray *
sortable_array_new (guint reserved)
{
  GArray *array = g_array_sized_new (FALSE, TRUE, sizeof (Sortable), reserved);

  g_array_set_clear_func (array, (GDestroyNotify)sortable_clear);
  return array;
}

/* Appends the items to @store in one splice; takes the array. */
static void
splice_all (GListStore *store,
            GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
  g_ptr_array_unref (items);
}

static AttestLibraryItem *
framework_item (AttestMatrixFramework *framework)
{
  g_autoptr(GListStore) variants = NULL;

  if (framework->variants != NULL && framework->variants->len > 0)
    {
      GPtrArray *items = g_ptr_array_new_full (framework->variants->len, g_object_unref);

      variants = g_list_store_new (ATTEST_TYPE_LIBRARY_ITEM);
      for (guint i = 0; i < framework->variants->len; i++)
        {
          AttestMatrixVariant *v = framework->variants->pdata[i];
          const char *locale = v->locale != NULL ? v->locale : "";
          g_autofree char *covers = attest_matrix_variant_covers (framework, v);
          g_autofree char *title = NULL;
          g_autofree char *date = attest_matrix_variant_when (v);
          g_autofree char *dates = attest_matrix_variant_dates (v);
          AttestLibraryItem *item;

          /* What it covers, when that tells it from the framework's other pages:
           * "SOC 2" then "English · 12 March 2023" (the narrow sidebar keeps both). */
          if (covers != NULL)
            {
              g_autofree char *when = g_steal_pointer (&date);

              title = g_strdup (covers);
              /* Translators: a page version in the library, after what it covers: its language, its date */
              date = g_strdup_printf (C_("variant row", "%s · %s"), attest_languages_name (locale), when);
            }
          else
            title = g_strdup (attest_languages_name (locale));
          item = attest_library_item_new_version (framework->id, v->id, locale, title, date, dates,
                                                  v->machine_translated, v->kept_older, v->date_set != NULL);
          attest_library_item_set_stacked (item, covers != NULL);
          g_ptr_array_add (items, item);
        }
      splice_all (variants, items);
    }
  return attest_library_item_new_framework (framework->id, framework->short_name, framework->title,
                                            variants);
}

/* One group per category, sorted by translated name, "Other" last. */
static void
add_framework_groups (GPtrArray    *groups,
                      AttestMatrix *matrix)
{
  g_autoptr(GHashTable) by_category = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify)g_array_unref);
  g_autoptr(GArray) sorted = sortable_array_new (8);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < matrix->frameworks->len; i++)
    {
      AttestMatrixFramework *framework = matrix->frameworks->pdata[i];
      const char *category = framework->category != NULL ? framework->category : OTHER_ID;

      /* A workspace imported before stores "Other" for a page the catalog does
       * not list: the same group, named in the reader's language. */
      if (g_str_equal (category, OLD_OTHER_ID))
        category = OTHER_ID;
      GArray *members = g_hash_table_lookup (by_category, category);
      Sortable s;

      if (members == NULL)
        {
          members = sortable_array_new (16);
          g_hash_table_insert (by_category, (gpointer)category, members);
        }
      sortable_init (&s, framework->short_name, framework);
      g_array_append_val (members, s);
    }

  g_hash_table_iter_init (&iter, by_category);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *category = key;
      Sortable s;

      if (*category == '\0')
        continue;
      sortable_init (&s, category_name (category), (gpointer)category);
      g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_sortables);
  if (g_hash_table_contains (by_category, OTHER_ID))
    {
      Sortable s = { NULL, (gpointer)OTHER_ID };

      g_array_append_val (sorted, s);
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      const char *category = g_array_index (sorted, Sortable, i).data;
      GArray *members = g_hash_table_lookup (by_category, category);
      g_autoptr(GListStore) children = g_list_store_new (ATTEST_TYPE_LIBRARY_ITEM);
      GPtrArray *items = g_ptr_array_new_full (members->len, g_object_unref);
      /* Translators: the group of the library sidebar for frameworks without a category */
      const char *title = *category != '\0' ? category_name (category) : _("Other");

      g_array_sort (members, compare_sortables);
      for (guint j = 0; j < members->len; j++)
        g_ptr_array_add (items, framework_item (g_array_index (members, Sortable, j).data));
      splice_all (children, items);
      g_ptr_array_add (groups, attest_library_item_new_group (category, title, children));
    }
}

static AttestLibraryItem *
my_services_group (AttestMatrix *matrix)
{
  g_autoptr(GListStore) children = g_list_store_new (ATTEST_TYPE_LIBRARY_ITEM);
  g_autoptr(GArray) mine = sortable_array_new (16);
  GPtrArray *items;

  for (guint i = 0; matrix != NULL && i < matrix->services->len; i++)
    {
      AttestMatrixService *service = matrix->services->pdata[i];
      Sortable s;

      if (!service->mine)
        continue;
      sortable_init (&s, service->name, service);
      g_array_append_val (mine, s);
    }
  g_array_sort (mine, compare_sortables);

  items = g_ptr_array_new_full (MAX (mine->len, 1), g_object_unref);
  for (guint i = 0; i < mine->len; i++)
    {
      AttestMatrixService *service = g_array_index (mine, Sortable, i).data;
      g_ptr_array_add (items, attest_library_item_new_service (service->id, service->name));
    }
  if (items->len == 0)
    /* Translators: shown in the empty "My Services" group of the library sidebar */
    g_ptr_array_add (items, attest_library_item_new_placeholder (_("Right-click a service in the matrix to add it")));
  splice_all (children, items);

  /* Translators: the group of the library sidebar listing the analyst's own services */
  return attest_library_item_new_group (MY_SERVICES_ID, _("My Services"), children);
}

/* Whether @old can stay in place of @fresh: the same row, its children aside. */
static gboolean
same_row (AttestLibraryItem *old,
          AttestLibraryItem *fresh)
{
  return attest_library_item_get_kind (old) == attest_library_item_get_kind (fresh)
         && g_strcmp0 (attest_library_item_get_id (old), attest_library_item_get_id (fresh)) == 0
         && g_strcmp0 (attest_library_item_get_framework_id (old), attest_library_item_get_framework_id (fresh)) == 0
         && g_strcmp0 (attest_library_item_get_locale (old), attest_library_item_get_locale (fresh)) == 0
         && g_strcmp0 (attest_library_item_get_title (old), attest_library_item_get_title (fresh)) == 0
         && g_strcmp0 (attest_library_item_get_subtitle (old), attest_library_item_get_subtitle (fresh)) == 0
         && attest_library_item_get_machine_translated (old) == attest_library_item_get_machine_translated (fresh)
         && g_strcmp0 (attest_library_item_get_dates (old), attest_library_item_get_dates (fresh)) == 0
         && attest_library_item_get_kept_older (old) == attest_library_item_get_kept_older (fresh)
         && attest_library_item_get_stacked (old) == attest_library_item_get_stacked (fresh)
         && attest_library_item_get_dated_by_analyst (old) == attest_library_item_get_dated_by_analyst (fresh)
         && (attest_library_item_get_children (old) == NULL) == (attest_library_item_get_children (fresh) == NULL);
}

static void sync_store (GListStore *store,
                        GListModel *fresh);

/* Keeps the item at @position of @store if it shows the same row as @fresh,
 * bringing its children up to date. */
static gboolean
keep_item (GListStore        *store,
           guint              position,
           AttestLibraryItem *fresh)
{
  g_autoptr(AttestLibraryItem) old = g_list_model_get_item (G_LIST_MODEL (store), position);
  GListStore *children;

  if (!same_row (old, fresh))
    return FALSE;
  children = attest_library_item_get_children (old);
  if (children != NULL)
    sync_store (children, G_LIST_MODEL (attest_library_item_get_children (fresh)));
  return TRUE;
}

/* Makes @store show the items of @fresh. Unchanged items at both ends stay, and
 * with them their tree rows, row widgets, expanded state and selection: GTK 4.8's
 * list view destroys the widgets of removed rows and builds new ones (two hundred
 * of them at a time), so a new matrix replaces only the rows that changed. */
static void
sync_store (GListStore *store,
            GListModel *fresh)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = g_list_model_get_n_items (fresh);
  guint head = 0, tail = 0;
  g_autoptr(GPtrArray) added = NULL;

  while (head < n_old && head < n_new)
    {
      g_autoptr(AttestLibraryItem) item = g_list_model_get_item (fresh, head);

      if (!keep_item (store, head, item))
        break;
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(AttestLibraryItem) item = g_list_model_get_item (fresh, n_new - 1 - tail);

      if (!keep_item (store, n_old - 1 - tail, item))
        break;
      tail++;
    }
  if (head + tail == n_old && head + tail == n_new)
    return;

  added = g_ptr_array_new_full (n_new - head - tail, g_object_unref);
  for (guint i = head; i < n_new - tail; i++)
    g_ptr_array_add (added, g_list_model_get_item (fresh, i));
  g_list_store_splice (store, head, n_old - head - tail, added->pdata, added->len);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  GListStore *children = attest_library_item_get_children (item);

  if (children == NULL || g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;
  return g_object_ref (G_LIST_MODEL (children));
}

static AttestLibraryItem *
row_item (GtkTreeListRow *row)
{
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* (transfer full) (nullable) */
static AttestLibraryItem *
get_selected_item (AttestLibrarySidebar *self)
{
  return row_item (gtk_single_selection_get_selected_item (self->selection));
}

static void
emit_for_item (AttestLibrarySidebar *self,
               AttestLibraryItem    *item)
{
  /* A handler may replace the matrix, and with it the item: keep it alive. */
  g_autoptr(AttestLibraryItem) hold = g_object_ref (item);

  switch (attest_library_item_get_kind (item))
    {
    case ATTEST_LIBRARY_ITEM_VARIANT:
      /* That version, not the newest of its locale. */
      if (attest_library_item_get_variant_id (item) != 0)
        {
          g_signal_emit (self, signals[VARIANT_ACTIVATED], 0,
                         attest_library_item_get_framework_id (item),
                         attest_library_item_get_variant_id (item));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case ATTEST_LIBRARY_ITEM_FRAMEWORK:
      g_signal_emit (self, signals[FRAMEWORK_ACTIVATED], 0,
                     attest_library_item_get_framework_id (item),
                     attest_library_item_get_locale (item));
      break;
    case ATTEST_LIBRARY_ITEM_SERVICE:
      g_signal_emit (self, signals[SERVICE_ACTIVATED], 0, attest_library_item_get_id (item));
      break;
    case ATTEST_LIBRARY_ITEM_GROUP:
    case ATTEST_LIBRARY_ITEM_PLACEHOLDER:
    default:
      break;
    }
}

static void
selection_changed (AttestLibrarySidebar *self)
{
  g_autoptr(AttestLibraryItem) item = get_selected_item (self);

  /* Rows move when a group above opens or closes; only a new item is news. */
  if (item == self->selected)
    return;
  g_set_object (&self->selected, item);
  if (self->updating == 0 && item != NULL)
    emit_for_item (self, item);
}

/* Enter or a double click: the selected row again, so the matrix can return to it. */
static void
row_activated (AttestLibrarySidebar *self,
               guint                 position,
               GtkListView          *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(AttestLibraryItem) item = row_item (row);

  if (item != NULL)
    emit_for_item (self, item);
}

/* Row widgets: expander → box → (text box → title, subtitle), badge. */
static GtkWidget *
row_box (GtkWidget *expander)
{
  return gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
}

static GtkLabel *
row_title (GtkWidget *expander)
{
  return GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_first_child (row_box (expander))));
}

static GtkLabel *
row_subtitle (GtkWidget *expander)
{
  return GTK_LABEL (gtk_widget_get_last_child (gtk_widget_get_first_child (row_box (expander))));
}

static GtkLabel *
row_badge (GtkWidget *expander)
{
  return GTK_LABEL (gtk_widget_get_last_child (row_box (expander)));
}

/* The whole text of a label the sidebar's width cut short. */
static gboolean
query_label_tooltip (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  GtkLabel *label = GTK_LABEL (widget);

  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static GtkWidget *
new_row_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Long titles must not widen the sidebar: they ellipsize, the tooltip has them. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_LABEL_CHARS);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_label_tooltip), NULL);
  return label;
}

/* ---- A version's date: the row menu and its dialog ---------------------- */

static void
date_dialog_done (GObject            *owner,
                  AdwMessageDialog   *dialog,
                  const char * const *days)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (owner);
  gint64 variant_id = self->menu_item != NULL ? attest_library_item_get_variant_id (self->menu_item) : 0;

  /* Empty: the date set is taken back. */
  if (variant_id != 0)
    g_signal_emit (self, signals[VARIANT_DATE_REQUESTED], 0, variant_id, days[0], FALSE);
}

static void
set_date_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);
  const char *titles[] = { _("_Date"), NULL };
  g_autofree char *body = NULL;
  const char *dates;

  if (self->menu_item == NULL)
    return;
  dates = attest_library_item_get_dates (self->menu_item);
  /* Translators: %s is a page version ("SOC 2 · English"), then its dates in words */
  body = g_strdup_printf (_("%s: %s.\n\nThe date ranks this version among the framework's others: the newest "
                            "version of a scope gives its coverage. Use YYYY-MM-DD; leave it empty to take "
                            "back the date set."),
                          attest_library_item_get_title (self->menu_item), dates != NULL ? dates : "");
  attest_date_dialog_new (widget, _("Version Date"), body, "set", _("_Set Date"), titles, NULL,
                          date_dialog_done, G_OBJECT (self));
}

static void
make_current_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);

  if (self->menu_item != NULL)
    g_signal_emit (self, signals[VARIANT_DATE_REQUESTED], 0,
                   attest_library_item_get_variant_id (self->menu_item), NULL, TRUE);
}

static void
clear_date_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);

  if (self->menu_item != NULL)
    g_signal_emit (self, signals[VARIANT_DATE_REQUESTED], 0,
                   attest_library_item_get_variant_id (self->menu_item), NULL, FALSE);
}

static void
required_state_changed (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (user_data);
  g_autofree char *scope_id = g_strdup (g_object_get_data (G_OBJECT (action), "scope-id"));

  /* The window stores it and sets the scopes required again, which sets this state. */
  g_signal_emit (self, signals[SCOPE_REQUIRED_CHANGED], 0, scope_id, g_variant_get_boolean (state));
}

/* A framework's row menu: a check box per scope, "Required by My Organisation". */
static GMenuModel *
framework_menu (AttestLibrarySidebar *self,
                AttestLibraryItem    *item)
{
  GPtrArray *scopes = self->framework_scopes != NULL
                      ? g_hash_table_lookup (self->framework_scopes, attest_library_item_get_id (item)) : NULL;
  GMenu *menu;

  if (scopes == NULL || scopes->len == 0)
    return NULL;
  g_clear_object (&self->required_actions);
  self->required_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "libreq", G_ACTION_GROUP (self->required_actions));
  menu = g_menu_new ();
  for (guint i = 0; i + 1 < scopes->len; i += 2)
    {
      const char *id = scopes->pdata[i];
      const char *name = scopes->pdata[i + 1];
      g_autofree char *action_name = g_strdup_printf ("scope-%u", i / 2);
      g_autofree char *detailed = g_strconcat ("libreq.", action_name, NULL);
      g_autofree char *label = NULL;
      gboolean required = self->required != NULL && g_hash_table_contains (self->required, id);
      GSimpleAction *action = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (required));

      g_object_set_data_full (G_OBJECT (action), "scope-id", g_strdup (id), g_free);
      g_signal_connect_object (action, "change-state", G_CALLBACK (required_state_changed), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->required_actions), G_ACTION (action));
      g_object_unref (action);
      if (scopes->len == 2)
        label = g_strdup (_("_Required by My Organisation"));
      else
        /* Translators: a check box in a framework's menu; %s is a scope ("SOC 2") */
        label = g_strdup_printf (_("%s Required by My Organisation"), name);
      g_menu_append (menu, label, detailed);
    }
  return G_MENU_MODEL (menu);
}

/**
 * attest_library_sidebar_set_required_scopes:
 * @required: (nullable): scope ids (keys) the organisation requires
 *
 * What a framework's row menu ticks, and its row says.
 */
void
attest_library_sidebar_set_required_scopes (AttestLibrarySidebar *self,
                                            GHashTable           *required)
{
  g_return_if_fail (ATTEST_IS_LIBRARY_SIDEBAR (self));

  if (required != NULL)
    g_hash_table_ref (required);
  g_clear_pointer (&self->required, g_hash_table_unref);
  self->required = required;
  /* A menu already shown ticks what is now required. */
  if (self->required_actions != NULL)
    {
      g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->required_actions));

      for (guint i = 0; names[i] != NULL; i++)
        {
          GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->required_actions), names[i]);
          const char *id = g_object_get_data (G_OBJECT (action), "scope-id");

          g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                     g_variant_new_boolean (required != NULL && g_hash_table_contains (required, id)));
        }
    }
}

/**
 * attest_library_sidebar_row_menu:
 * @item: a row's item
 *
 * The row menu of a version, for @item from now on: Set Date…, Make Current
 * (an undated version kept as older), Clear Date (a date the analyst set).
 *
 * Returns: (transfer full) (nullable): the menu; %NULL when @item is not a version
 */
GMenuModel *
attest_library_sidebar_row_menu (AttestLibrarySidebar *self,
                                 AttestLibraryItem    *item)
{
  GMenu *menu;

  g_return_val_if_fail (ATTEST_IS_LIBRARY_SIDEBAR (self), NULL);

  if (item != NULL && attest_library_item_get_kind (item) == ATTEST_LIBRARY_ITEM_FRAMEWORK)
    return framework_menu (self, item);
  if (item == NULL || attest_library_item_get_kind (item) != ATTEST_LIBRARY_ITEM_VARIANT ||
      attest_library_item_get_variant_id (item) == 0)
    return NULL;
  g_set_object (&self->menu_item, item);
  menu = g_menu_new ();
  g_menu_append (menu, _("Set _Date…"), "library.set-date");
  if (attest_library_item_get_kept_older (item))
    g_menu_append (menu, _("_Make Current"), "library.make-current");
  if (attest_library_item_get_dated_by_analyst (item))
    g_menu_append (menu, _("_Clear Date"), "library.clear-date");
  return G_MENU_MODEL (menu);
}

/**
 * attest_library_sidebar_popup_row_menu:
 * @item: a version's row item
 * @widget: (nullable): where to point, with @x and @y in its coordinates
 *
 * Pops up attest_library_sidebar_row_menu() for @item.
 *
 * Returns: FALSE when @item is not a version
 */
gboolean
attest_library_sidebar_popup_row_menu (AttestLibrarySidebar *self,
                                       AttestLibraryItem    *item,
                                       GtkWidget            *widget,
                                       double                x,
                                       double                y)
{
  g_autoptr(GMenuModel) menu = NULL;
  GdkRectangle rect = { 0, 0, 1, 1 };

  g_return_val_if_fail (ATTEST_IS_LIBRARY_SIDEBAR (self), FALSE);

  menu = attest_library_sidebar_row_menu (self, item);
  if (menu == NULL)
    return FALSE;
  if (self->row_menu == NULL)
    {
      self->row_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), menu);
  if (widget != NULL)
    {
      double sx = 0, sy = 0;

      if (gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &sx, &sy))
        rect.x = (int) sx, rect.y = (int) sy;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
  return TRUE;
}

static void
row_pressed (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             GtkListItem     *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *sidebar = gtk_widget_get_ancestor (widget, ATTEST_TYPE_LIBRARY_SIDEBAR);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(AttestLibraryItem) item = row != NULL ? row_item (row) : NULL;

  if (sidebar != NULL && item != NULL &&
      attest_library_sidebar_popup_row_menu (ATTEST_LIBRARY_SIDEBAR (sidebar), item, widget, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Shift+F10 or the Menu key: the selected row's menu. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (self->selected != NULL)
    attest_library_sidebar_popup_row_menu (self, self->selected,
                                           focus != NULL && gtk_widget_is_ancestor (focus, widget) ? focus : NULL,
                                           0, 0);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           AttestLibrarySidebar     *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *badge = gtk_label_new (C_("machine translation badge", "MT"));

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), new_row_label ());
  gtk_box_append (GTK_BOX (text), new_row_label ());
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "mt-badge");
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_set_tooltip_text (badge, _("Machine translation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Machine translation"),
                                  -1);
  gtk_box_append (GTK_BOX (box), badge);

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);

  {
    /* A right click on a version: its row menu (its date). */
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (row_pressed), list_item);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));
  }
}

/* Every class a label has, so a recycled one keeps none of its last row's. */
static void
set_classes (GtkLabel   *label,
             const char *first,
             const char *second,
             const char *third)
{
  const char *classes[] = { first, second, third, NULL };

  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AttestLibrarySidebar     *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(AttestLibraryItem) item = row_item (row);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = row_box (expander);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkLabel *title = row_title (expander);
  GtkLabel *subtitle = row_subtitle (expander);
  GtkLabel *badge = row_badge (expander);
  const char *title_text = attest_library_item_get_title (item);
  const char *subtitle_text = attest_library_item_get_subtitle (item);
  AttestLibraryItemKind kind = attest_library_item_get_kind (item);
  gboolean interactive = kind != ATTEST_LIBRARY_ITEM_GROUP && kind != ATTEST_LIBRARY_ITEM_PLACEHOLDER;
  g_autofree char *label = NULL;
  g_autofree char *dated = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  /* Variants line up with their framework's name, not one step further: the
   * sidebar is narrow and "Chinese (Taiwan) · 15/01/2023 MT" is long. */
  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), kind != ATTEST_LIBRARY_ITEM_VARIANT);
  gtk_list_item_set_selectable (list_item, interactive);
  gtk_list_item_set_activatable (list_item, interactive);
  gtk_widget_set_sensitive (expander, kind != ATTEST_LIBRARY_ITEM_PLACEHOLDER);

  gtk_label_set_text (title, title_text);
  gtk_label_set_wrap (title, kind == ATTEST_LIBRARY_ITEM_PLACEHOLDER);
  gtk_label_set_ellipsize (title, kind == ATTEST_LIBRARY_ITEM_PLACEHOLDER ? PANGO_ELLIPSIZE_NONE
                                                                          : PANGO_ELLIPSIZE_END);
  /* A variant's date is short: the language gives way first. */
  gtk_label_set_ellipsize (subtitle, kind == ATTEST_LIBRARY_ITEM_VARIANT ? PANGO_ELLIPSIZE_NONE
                                                                        : PANGO_ELLIPSIZE_END);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (text), kind == ATTEST_LIBRARY_ITEM_VARIANT &&
                                                         !attest_library_item_get_stacked (item)
                                                         ? GTK_ORIENTATION_HORIZONTAL
                                                         : GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (text), kind == ATTEST_LIBRARY_ITEM_VARIANT &&
                                       !attest_library_item_get_stacked (item) ? 6 : 0);
  gtk_widget_set_visible (GTK_WIDGET (badge), attest_library_item_get_machine_translated (item));
  gtk_widget_set_tooltip_text (box, kind == ATTEST_LIBRARY_ITEM_VARIANT ? attest_library_item_get_dates (item) : NULL);

  switch (kind)
    {
    case ATTEST_LIBRARY_ITEM_GROUP:
      set_classes (title, "caption-heading", "dim-label", "library-group");
      gtk_widget_set_visible (GTK_WIDGET (subtitle), FALSE);
      label = g_strdup (title_text);
      break;

    case ATTEST_LIBRARY_ITEM_FRAMEWORK:
      set_classes (title, "heading", NULL, NULL);
      set_classes (subtitle, "caption", "dim-label", NULL);
      gtk_widget_set_visible (GTK_WIDGET (subtitle), subtitle_text != NULL && *subtitle_text != '\0');
      gtk_label_set_text (subtitle, subtitle_text);
      if (subtitle_text != NULL && *subtitle_text != '\0' && g_strcmp0 (subtitle_text, title_text) != 0)
        {
          gtk_widget_set_tooltip_text (box, subtitle_text);
          /* Translators: a framework's accessible name: short name — title */
          label = g_strdup_printf (C_("framework row", "%s — %s"), title_text, subtitle_text);
        }
      else
        label = g_strdup (title_text);
      break;

    case ATTEST_LIBRARY_ITEM_VARIANT:
      set_classes (title, NULL, NULL, NULL);
      set_classes (subtitle, "dim-label", attest_library_item_get_stacked (item) ? "caption" : NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (subtitle), subtitle_text != NULL);
      if (subtitle_text != NULL && attest_library_item_get_stacked (item))
        gtk_label_set_text (subtitle, subtitle_text);
      else if (subtitle_text != NULL)
        {
          dated = g_strconcat ("· ", subtitle_text, NULL);
          gtk_label_set_text (subtitle, dated);
        }
      if (attest_library_item_get_machine_translated (item))
        /* Translators: a page variant's accessible name: language, date, and that it
         * was machine translated */
        label = subtitle_text != NULL
                ? g_strdup_printf (C_("variant row", "%s, %s, machine translation"), title_text, subtitle_text)
                : g_strdup_printf (C_("variant row", "%s, machine translation"), title_text);
      else
        /* Translators: a page variant's accessible name: language, date */
        label = subtitle_text != NULL ? g_strdup_printf (C_("variant row", "%s, %s"), title_text, subtitle_text)
                                      : g_strdup (title_text);
      break;

    case ATTEST_LIBRARY_ITEM_PLACEHOLDER:
      set_classes (title, "dim-label", "library-placeholder", NULL);
      gtk_widget_set_visible (GTK_WIDGET (subtitle), FALSE);
      label = g_strdup (title_text);
      break;

    case ATTEST_LIBRARY_ITEM_SERVICE:
    default:
      set_classes (title, NULL, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (subtitle), FALSE);
      label = g_strdup (title_text);
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            AttestLibrarySidebar     *self)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

GtkWidget *
attest_library_sidebar_new (void)
{
  return g_object_new (ATTEST_TYPE_LIBRARY_SIDEBAR, NULL);
}

/* The tree row of the framework @framework_id, its group opened; (transfer full). */
static GtkTreeListRow *
find_framework_row (AttestLibrarySidebar *self,
                    const char           *framework_id)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(AttestLibraryItem) group = g_list_model_get_item (G_LIST_MODEL (self->groups), g);
      GListModel *children = G_LIST_MODEL (attest_library_item_get_children (group));
      guint n = g_list_model_get_n_items (children);

      if (g_str_equal (attest_library_item_get_id (group), MY_SERVICES_ID))
        continue;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AttestLibraryItem) item = g_list_model_get_item (children, i);
          g_autoptr(GtkTreeListRow) group_row = NULL;

          if (!g_str_equal (attest_library_item_get_id (item), framework_id))
            continue;
          group_row = gtk_tree_list_model_get_child_row (self->tree, g);
          gtk_tree_list_row_set_expanded (group_row, TRUE);
          return gtk_tree_list_row_get_child_row (group_row, i);
        }
    }
  return NULL;
}

/* (transfer full) */
static GtkTreeListRow *
find_child_row (GtkTreeListRow *parent,
                const char     *id)
{
  GListModel *children = gtk_tree_list_row_get_children (parent);
  guint n = children != NULL ? g_list_model_get_n_items (children) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_row_get_child_row (parent, i);
      g_autoptr(AttestLibraryItem) item = row_item (row);

      if (g_str_equal (attest_library_item_get_id (item), id))
        return g_steal_pointer (&row);
    }
  return NULL;
}

static void
select_row (AttestLibrarySidebar *self,
            GtkTreeListRow       *row)
{
  guint position = gtk_tree_list_row_get_position (row);

  self->updating++;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating--;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/**
 * attest_library_sidebar_select_framework:
 *
 * Selects the framework's row and scrolls to it, without emitting
 * #AttestLibrarySidebar::framework-activated.
 *
 * Returns: %FALSE when the framework is not in the sidebar
 */
gboolean
attest_library_sidebar_select_framework (AttestLibrarySidebar *self,
                                         const char           *framework_id)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (ATTEST_IS_LIBRARY_SIDEBAR (self), FALSE);
  g_return_val_if_fail (framework_id != NULL, FALSE);

  row = find_framework_row (self, framework_id);
  if (row == NULL)
    return FALSE;
  select_row (self, row);
  return TRUE;
}

/**
 * attest_library_sidebar_get_selected_framework:
 *
 * Returns: (nullable): the framework of the selected framework or variant row
 */
const char *
attest_library_sidebar_get_selected_framework (AttestLibrarySidebar *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_SIDEBAR (self), NULL);

  if (self->selected == NULL)
    return NULL;
  return attest_library_item_get_framework_id (self->selected);
}

/* What was selected and which rows were closed, by id, across a new matrix. */
typedef struct {
  AttestLibraryItemKind kind;
  char *id;                 /* framework or service */
  char *locale;             /* of a variant */
  GHashTable *collapsed;    /* group ids and "\x1f" framework ids */
} SidebarState;

static void
save_state (AttestLibrarySidebar *self,
            SidebarState         *state)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

  state->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->selected != NULL)
    {
      state->kind = attest_library_item_get_kind (self->selected);
      state->id = g_strdup (attest_library_item_get_framework_id (self->selected));
      if (state->id == NULL)
        state->id = g_strdup (attest_library_item_get_id (self->selected));
      /* A variant row by its id: its version (several can share a locale). */
      if (state->kind == ATTEST_LIBRARY_ITEM_VARIANT)
        state->locale = g_strdup (attest_library_item_get_id (self->selected));
    }

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(GtkTreeListRow) group_row = gtk_tree_list_model_get_child_row (self->tree, g);
      g_autoptr(AttestLibraryItem) group = row_item (group_row);
      GListModel *children = gtk_tree_list_row_get_children (group_row);
      guint n = children != NULL ? g_list_model_get_n_items (children) : 0;

      if (!gtk_tree_list_row_get_expanded (group_row))
        {
          g_hash_table_add (state->collapsed, g_strdup (attest_library_item_get_id (group)));
          continue;
        }
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_row_get_child_row (group_row, i);
          g_autoptr(AttestLibraryItem) item = row_item (row);

          if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
            g_hash_table_add (state->collapsed, g_strconcat ("\x1f", attest_library_item_get_id (item), NULL));
        }
    }
}

static void
restore_state (AttestLibrarySidebar *self,
               SidebarState         *state)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autoptr(GtkTreeListRow) row = NULL;

  /* Frameworks before their groups: closing a group forgets its children's state. */
  for (guint g = 0; g < n_groups && g_hash_table_size (state->collapsed) > 0; g++)
    {
      g_autoptr(GtkTreeListRow) group_row = gtk_tree_list_model_get_child_row (self->tree, g);
      GListModel *children = gtk_tree_list_row_get_children (group_row);
      guint n = children != NULL ? g_list_model_get_n_items (children) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) child = gtk_tree_list_row_get_child_row (group_row, i);
          g_autoptr(AttestLibraryItem) item = row_item (child);
          g_autofree char *key = g_strconcat ("\x1f", attest_library_item_get_id (item), NULL);

          if (g_hash_table_contains (state->collapsed, key))
            gtk_tree_list_row_set_expanded (child, FALSE);
        }
    }
  for (guint g = 0; g < n_groups && g_hash_table_size (state->collapsed) > 0; g++)
    {
      g_autoptr(GtkTreeListRow) group_row = gtk_tree_list_model_get_child_row (self->tree, g);
      g_autoptr(AttestLibraryItem) group = row_item (group_row);

      if (g_hash_table_contains (state->collapsed, attest_library_item_get_id (group)))
        gtk_tree_list_row_set_expanded (group_row, FALSE);
    }

  /* Still there, untouched by the new matrix. */
  if (self->selected != NULL)
    return;

  switch (state->kind)
    {
    case ATTEST_LIBRARY_ITEM_FRAMEWORK:
    case ATTEST_LIBRARY_ITEM_VARIANT:
      if (state->id == NULL)
        break;
      row = find_framework_row (self, state->id);
      if (row != NULL && state->kind == ATTEST_LIBRARY_ITEM_VARIANT)
        {
          g_autoptr(GtkTreeListRow) variant = NULL;

          gtk_tree_list_row_set_expanded (row, TRUE);
          variant = find_child_row (row, state->locale);
          /* The variant has gone: its framework is still the context. */
          if (variant != NULL)
            g_set_object (&row, variant);
        }
      break;

    case ATTEST_LIBRARY_ITEM_SERVICE:
      {
        g_autoptr(GtkTreeListRow) group_row = gtk_tree_list_model_get_child_row (self->tree, n_groups - 1);

        gtk_tree_list_row_set_expanded (group_row, TRUE);
        row = find_child_row (group_row, state->id);
      }
      break;

    case ATTEST_LIBRARY_ITEM_GROUP:
    case ATTEST_LIBRARY_ITEM_PLACEHOLDER:
    default:
      break;
    }
  if (row != NULL)
    select_row (self, row);
}

static void
clear_state (SidebarState *state)
{
  g_free (state->id);
  g_free (state->locale);
  g_clear_pointer (&state->collapsed, g_hash_table_unref);
}

/**
 * attest_library_sidebar_set_matrix:
 * @matrix: (transfer none) (nullable): the matrix to show
 *
 * Copies the frameworks, their variants and the analyst's services into the
 * sidebar's rows; keeps no pointer into @matrix. The selected framework,
 * variant or service stays selected, and closed rows closed, when they are
 * still there. Emits nothing.
 */
void
attest_library_sidebar_set_matrix (AttestLibrarySidebar *self,
                                   AttestMatrix         *matrix)
{
  SidebarState state = { 0 };

  g_return_if_fail (ATTEST_IS_LIBRARY_SIDEBAR (self));

  self->updating++;
  save_state (self, &state);

  g_clear_pointer (&self->framework_scopes, g_hash_table_unref);
  if (matrix != NULL)
    {
      self->framework_scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < matrix->frameworks->len; i++)
        {
          AttestMatrixFramework *framework = matrix->frameworks->pdata[i];
          GPtrArray *scopes = g_ptr_array_new_with_free_func (g_free);

          for (guint j = 0; framework->scopes != NULL && j < framework->scopes->len; j++)
            {
              AttestMatrixScope *scope = framework->scopes->pdata[j];

              g_ptr_array_add (scopes, g_strdup (scope->id));
              g_ptr_array_add (scopes, g_strdup (scope->name));
            }
          g_hash_table_insert (self->framework_scopes, g_strdup (framework->id), scopes);
        }
    }

  if (matrix != NULL)
    {
      g_autoptr(GListStore) fresh = g_list_store_new (ATTEST_TYPE_LIBRARY_ITEM);
      GPtrArray *groups = g_ptr_array_new_with_free_func (g_object_unref);

      add_framework_groups (groups, matrix);
      g_ptr_array_add (groups, my_services_group (matrix));
      splice_all (fresh, groups);
      sync_store (self->groups, G_LIST_MODEL (fresh));
      restore_state (self, &state);
    }
  else
    g_list_store_remove_all (self->groups);

  clear_state (&state);
  self->updating--;
}

static void
attest_library_sidebar_dispose (GObject *object)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_LIBRARY_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->groups);
  g_clear_object (&self->selected);
  g_clear_object (&self->menu_item);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  g_clear_pointer (&self->framework_scopes, g_hash_table_unref);
  g_clear_pointer (&self->required, g_hash_table_unref);
  g_clear_object (&self->required_actions);

  G_OBJECT_CLASS (attest_library_sidebar_parent_class)->dispose (object);
}

/* Laid out by hand rather than by a GtkBinLayout: a widget that parents a
 * popover must present it on every allocation (as GtkMenuButton does), or the
 * row menu may be drawn before it is laid out ("Trying to snapshot … without a
 * current allocation"); a layout manager keeps size_allocate from running. */
static void
attest_library_sidebar_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);

  gtk_widget_measure (GTK_WIDGET (self->scrolled_window), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
attest_library_sidebar_get_request_mode (GtkWidget *widget)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);

  return gtk_widget_get_request_mode (GTK_WIDGET (self->scrolled_window));
}

static void
attest_library_sidebar_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  AttestLibrarySidebar *self = ATTEST_LIBRARY_SIDEBAR (widget);

  gtk_widget_allocate (GTK_WIDGET (self->scrolled_window), width, height, baseline, NULL);
  if (self->row_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->row_menu));
}

static void
attest_library_sidebar_class_init (AttestLibrarySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_library_sidebar_dispose;
  widget_class->get_request_mode = attest_library_sidebar_get_request_mode;
  widget_class->measure = attest_library_sidebar_measure;
  widget_class->size_allocate = attest_library_sidebar_size_allocate;

  /**
   * AttestLibrarySidebar::framework-activated:
   * @framework_id: the framework
   * @locale: (nullable): the variant's locale ("" for the English source page),
   *   or %NULL for the framework's own row
   *
   * The user selected a framework or variant row (click or keyboard), or
   * activated it again (Enter, double click).
   */
  signals[FRAMEWORK_ACTIVATED] =
    g_signal_new ("framework-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AttestLibrarySidebar::service-activated:
   * @service_id: the service
   *
   * The user selected (or activated again) a row of My Services.
   */
  signals[SERVICE_ACTIVATED] =
    g_signal_new ("service-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AttestLibrarySidebar::variant-activated:
   * @framework_id: the framework
   * @variant_id: the version of its page (AttestMatrixVariant.id)
   *
   * The user selected or activated a version's row: that version, not the
   * newest of its locale.
   */
  signals[VARIANT_ACTIVATED] =
    g_signal_new ("variant-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_INT64);

  /**
   * AttestLibrarySidebar::variant-date-requested:
   * @variant_id: the version
   * @date: (nullable): the date the analyst typed (YYYY-MM-DD, unchecked), or
   *   %NULL to take back the date set
   * @make_current: an undated version kept as older is to rank by its import time
   *
   * The analyst set, cleared or made current a version's date from its row menu.
   */
  signals[VARIANT_DATE_REQUESTED] =
    g_signal_new ("variant-date-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_INT64,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BOOLEAN);

  /**
   * AttestLibrarySidebar::scope-required-changed:
   * @scope_id: the scope
   * @required: whether the analyst ticked it
   *
   * The analyst ticked or unticked "Required by My Organisation" for a scope
   * in a framework's row menu.
   */
  signals[SCOPE_REQUIRED_CHANGED] =
    g_signal_new ("scope-required-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING,
                  G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "library.set-date", NULL, set_date_action);
  gtk_widget_class_install_action (widget_class, "library.make-current", NULL, make_current_action);
  gtk_widget_class_install_action (widget_class, "library.clear-date", NULL, clear_date_action);
  gtk_widget_class_install_action (widget_class, "library.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "library.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "library.row-menu", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/attest/Attest/attest-library-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestLibrarySidebar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AttestLibrarySidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);

  gtk_widget_class_set_css_name (widget_class, "librarysidebar");
}

static void
attest_library_sidebar_init (AttestLibrarySidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The GtkTreeExpander of each row takes the focus and brings its keys: Shift+Left and
   * Shift+Right, - and + close and open a row. */
  self->groups = g_list_store_new (ATTEST_TYPE_LIBRARY_ITEM);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->groups)),
                                        FALSE, TRUE, create_child_model, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
