/* test-library-sidebar.c: the library sidebar over a hand-built matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With ATTEST_SIDEBAR_SCREENSHOT=file.png the window is also saved as a PNG,
 * to look at it.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-library-item.h"
#include "attest-library-sidebar.h"
#include "attest-paths.h"
#include "attest-resources.h"
#include "attest-test-widgets.h"

typedef struct {
  GtkWindow *window;
  AttestLibrarySidebar *sidebar;
  GtkListView *list_view;
  GtkSingleSelection *selection;
  GtkTreeListModel *tree;
  GPtrArray *events;        /* char *: "framework:soc:fr-FR", "service:intune" */
} Fixture;

static gboolean
in_english (void)
{
  const char *lang = g_getenv ("LANGUAGE");

  return lang == NULL || g_str_has_prefix (lang, "en");
}

static AttestMatrix *
build_matrix (gboolean with_pci,
              gboolean with_mine)
{
  AttestMatrix *matrix = attest_matrix_new ();
  AttestMatrixFramework *f;
  AttestMatrixService *s;

  /* Added out of order: the sidebar sorts. */
  f = attest_matrix_add_framework (matrix, "soc", "Service Organization Controls", "SOC", "Global");
  attest_matrix_framework_add_scope (f, "soc/soc-2", "SOC 2", NULL);
  attest_matrix_framework_add_variant (f, "fr-FR", "2023-05-11", "soc.fr-fr.md", TRUE);
  attest_matrix_framework_add_variant (f, "", "2023-04-02", "soc.md", FALSE);

  f = attest_matrix_add_framework (matrix, "hipaa", "Health Insurance Portability and Accountability Act",
                                   "HIPAA", "Industry");
  attest_matrix_framework_add_scope (f, "hipaa/hipaa", "HIPAA", NULL);
  attest_matrix_framework_add_variant (f, "zh-TW", "2023-01-15", "hipaa.zh-tw.md", FALSE);
  attest_matrix_framework_add_variant (f, "", "2022-11-30", "hipaa.md", FALSE);

  f = attest_matrix_add_framework (matrix, "iso-27001", "Information security management systems",
                                   "iso/IEC 27001", "Global");
  attest_matrix_framework_add_scope (f, "iso-27001/iso-27001", "ISO/IEC 27001", NULL);
  attest_matrix_framework_add_variant (f, "", "2023-06-01", "iso-27001.md", FALSE);

  f = attest_matrix_add_framework (matrix, "fedramp", "Federal Risk and Authorization Management Program",
                                   "FedRAMP", "US government");
  attest_matrix_framework_add_scope (f, "fedramp/moderate", "Moderate", NULL);
  attest_matrix_framework_add_variant (f, "", "2023-02-02", "fedramp.md", FALSE);

  /* No category: the "Other" group; a date that is not one is shown as it is. */
  f = attest_matrix_add_framework (matrix, "c5", "Cloud Computing Compliance Criteria Catalogue", "C5", "");
  attest_matrix_framework_add_variant (f, "xx-YY", "2023-13-45", "c5.xx-yy.md", FALSE);

  if (with_pci)
    {
      f = attest_matrix_add_framework (matrix, "pci-dss", "Payment Card Industry Data Security Standard",
                                       "PCI DSS", "Industry");
      attest_matrix_framework_add_variant (f, "", "2023-03-03", "pci-dss.md", FALSE);
      f = attest_matrix_add_framework (matrix, "ccpa", "California Consumer Privacy Act", "CCPA", "Global");
      attest_matrix_framework_add_variant (f, "", "2023-03-03", "ccpa.md", FALSE);
    }

  s = attest_matrix_add_service (matrix, "stream", "Stream", FALSE);
  s = attest_matrix_add_service (matrix, "intune", "Intune", FALSE);
  s->mine = with_mine;
  attest_matrix_sort (matrix);
  return matrix;
}

static void
on_framework_activated (AttestLibrarySidebar *sidebar,
                        const char           *framework_id,
                        const char           *locale,
                        Fixture              *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("framework:%s:%s", framework_id,
                                                     locale != NULL ? locale : "(null)"));
}

static void
on_service_activated (AttestLibrarySidebar *sidebar,
                      const char           *service_id,
                      Fixture              *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("service:%s", service_id));
}

static AttestLibraryItem *
item_at (Fixture *fixture,
         guint    position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->tree), position);

  g_assert_nonnull (row);
  return gtk_tree_list_row_get_item (row);
}

/* The tree as "kind id" lines, one per row. */
static char *
dump_tree (Fixture *fixture)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->tree));
  GEnumClass *kinds = g_type_class_ref (ATTEST_TYPE_LIBRARY_ITEM_KIND);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestLibraryItem) item = item_at (fixture, i);
      GEnumValue *kind = g_enum_get_value (kinds, attest_library_item_get_kind (item));

      g_string_append_printf (out, "%s %s\n", kind->value_nick, attest_library_item_get_id (item));
    }
  g_type_class_unref (kinds);
  return g_string_free (out, FALSE);
}

static guint
position_of (Fixture    *fixture,
             const char *framework_id,
             const char *locale)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestLibraryItem) item = item_at (fixture, i);

      if (g_strcmp0 (attest_library_item_get_framework_id (item), framework_id) == 0
          && g_strcmp0 (attest_library_item_get_locale (item), locale) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* The row widget's expander showing @position, once the list has made it. */
static GtkWidget *
row_expander (Fixture *fixture,
              guint    position)
{
  g_autoptr(AttestLibraryItem) wanted = item_at (fixture, position);

  gtk_widget_activate_action (GTK_WIDGET (fixture->list_view), "list.scroll-to-item", "u", position);
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      attest_test_settle (60);
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (fixture->list_view)); row;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *expander = gtk_widget_get_first_child (row);

          if (GTK_IS_TREE_EXPANDER (expander) && gtk_widget_get_child_visible (row)
              && gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander)) == (gpointer)wanted)
            return expander;
        }
    }
  g_assert_not_reached ();
}

static void
save_screenshot (Fixture    *fixture,
                 const char *path)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->events = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 300, 760);
  fixture->sidebar = ATTEST_LIBRARY_SIDEBAR (attest_library_sidebar_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  g_signal_connect (fixture->sidebar, "framework-activated", G_CALLBACK (on_framework_activated), fixture);
  g_signal_connect (fixture->sidebar, "service-activated", G_CALLBACK (on_service_activated), fixture);

  fixture->list_view = GTK_LIST_VIEW (attest_test_find_any (GTK_WIDGET (fixture->sidebar), GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (fixture->list_view);
  fixture->selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (fixture->list_view));
  fixture->tree = GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (fixture->selection));

  gtk_window_present (fixture->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->sidebar)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestLibrarySidebar) sidebar = g_object_ref (fixture->sidebar);

  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (g_steal_pointer (&sidebar));
  g_ptr_array_unref (fixture->events);
}

static const char expected_tree[] =
  "group Global\n"
  "framework iso-27001\n"
  "variant \n"
  "framework soc\n"
  "variant fr-FR\n"
  "variant \n"
  "group Industry\n"
  "framework hipaa\n"
  "variant zh-TW\n"
  "variant \n"
  "group US government\n"
  "framework fedramp\n"
  "variant \n"
  "group \n"
  "framework c5\n"
  "variant xx-YY\n"
  "group \x1fmy-services\n"
  "service intune\n";

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AttestMatrix) matrix = build_matrix (FALSE, TRUE);
  g_autofree char *tree = NULL;
  g_autofree char *may_date = NULL;
  g_autoptr(GDateTime) may = g_date_time_new_utc (2023, 5, 11, 0, 0, 0);
  g_autoptr(AttestLibraryItem) french = NULL;
  g_autoptr(AttestLibraryItem) odd = NULL;
  g_autoptr(AttestLibraryItem) soc = NULL;
  const char *previous = NULL;

  attest_library_sidebar_set_matrix (fixture->sidebar, matrix);
  /* The sidebar copied what it shows. */
  g_clear_pointer (&matrix, attest_matrix_free);
  attest_test_settle (60);

  /* Groups, their frameworks by short name (case-folded), variants in the matrix's order,
   * "Other", then My Services. In English the groups are in the category table's order. */
  tree = dump_tree (fixture);
  if (in_english ())
    g_assert_cmpstr (tree, ==, expected_tree);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)), ==, 18);

  /* Whatever the language: the category groups sorted by their shown name. */
  for (guint i = 0; i < 13; i++)
    {
      g_autoptr(AttestLibraryItem) item = item_at (fixture, i);
      const char *title = attest_library_item_get_title (item);

      if (attest_library_item_get_kind (item) != ATTEST_LIBRARY_ITEM_GROUP)
        continue;
      if (previous != NULL)
        {
          g_autofree char *a = g_utf8_casefold (previous, -1);
          g_autofree char *b = g_utf8_casefold (title, -1);
          g_assert_cmpint (g_utf8_collate (a, b), <, 0);
        }
      previous = title;
    }

  french = item_at (fixture, position_of (fixture, "soc", "fr-FR"));
  /* The date as people write it in the window's language: no ISO, no time. */
  may_date = g_date_time_format (may, "%Y-%m-%d");
  g_assert_cmpstr (attest_library_item_get_subtitle (french), !=, may_date);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "fr") == 0)
    g_assert_cmpstr (attest_library_item_get_subtitle (french), ==, "11 mai 2023");
  else if (g_strcmp0 (g_getenv ("LANGUAGE"), "zh_TW") == 0)
    g_assert_cmpstr (attest_library_item_get_subtitle (french), ==, "2023年5月11日");
  else
    g_assert_cmpstr (attest_library_item_get_subtitle (french), ==, "11 May 2023");
  g_assert_true (attest_library_item_get_machine_translated (french));
  g_assert_cmpstr (attest_library_item_get_title (french), ==, g_dgettext (GETTEXT_PACKAGE, "French (France)"));
  odd = item_at (fixture, position_of (fixture, "c5", "xx-YY"));
  g_assert_cmpstr (attest_library_item_get_title (odd), ==, "xx-YY");
  g_assert_cmpstr (attest_library_item_get_subtitle (odd), ==, "2023-13-45");
  soc = item_at (fixture, position_of (fixture, "soc", NULL));
  g_assert_cmpstr (attest_library_item_get_title (soc), ==, "SOC");
  g_assert_cmpstr (attest_library_item_get_subtitle (soc), ==, "Service Organization Controls");

  if (in_english ())
    {
      g_autoptr(AttestLibraryItem) english = item_at (fixture, 2);
      g_autoptr(AttestLibraryItem) other = item_at (fixture, 13);
      g_autoptr(AttestLibraryItem) mine = item_at (fixture, 16);

      g_assert_cmpstr (attest_library_item_get_title (english), ==, "English");
      g_assert_cmpstr (attest_library_item_get_title (french), ==, "French (France)");
      g_assert_cmpstr (attest_library_item_get_title (other), ==, "Other");
      g_assert_cmpstr (attest_library_item_get_title (mine), ==, "My Services");
    }

  /* The list's own name, and each row's. */
  gtk_test_accessible_assert_property (fixture->list_view, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       g_dgettext (GETTEXT_PACKAGE, "Library"));
  if (in_english ())
    {
      const char *french_label = "French (France), 11 May 2023, machine translation";
      GtkWidget *expander;
      GtkWidget *badge;

      expander = row_expander (fixture, position_of (fixture, "soc", NULL));
      gtk_test_accessible_assert_property (expander, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           "SOC — Service Organization Controls");
      expander = row_expander (fixture, 0);
      gtk_test_accessible_assert_property (expander, GTK_ACCESSIBLE_PROPERTY_LABEL, "Global");
      expander = row_expander (fixture, 17);
      gtk_test_accessible_assert_property (expander, GTK_ACCESSIBLE_PROPERTY_LABEL, "Intune");

      /* The MT badge: shown, explained to the eye and to screen readers. */
      expander = row_expander (fixture, position_of (fixture, "soc", "fr-FR"));
      gtk_test_accessible_assert_property (expander, GTK_ACCESSIBLE_PROPERTY_LABEL, french_label);
      badge = gtk_widget_get_last_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
      g_assert_true (GTK_IS_LABEL (badge));
      g_assert_true (gtk_widget_has_css_class (badge, "mt-badge"));
      g_assert_true (gtk_widget_get_visible (badge));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "MT");
      g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, "Machine translation");
      gtk_test_accessible_assert_property (badge, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Machine translation");

      /* …and only there. */
      expander = row_expander (fixture, position_of (fixture, "soc", ""));
      badge = gtk_widget_get_last_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
      g_assert_false (gtk_widget_get_visible (badge));
    }

  g_assert_cmpuint (fixture->events->len, ==, 0);
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AttestMatrix) matrix = build_matrix (FALSE, TRUE);
  guint hipaa, soc_fr, iso_en, soc;

  attest_library_sidebar_set_matrix (fixture->sidebar, matrix);
  attest_test_settle (60);
  hipaa = position_of (fixture, "hipaa", NULL);
  soc_fr = position_of (fixture, "soc", "fr-FR");
  iso_en = position_of (fixture, "iso-27001", "");
  soc = position_of (fixture, "soc", NULL);
  g_assert_null (attest_library_sidebar_get_selected_framework (fixture->sidebar));

  /* The API selects and scrolls, and says nothing. */
  g_assert_true (attest_library_sidebar_select_framework (fixture->sidebar, "hipaa"));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, hipaa);
  g_assert_cmpstr (attest_library_sidebar_get_selected_framework (fixture->sidebar), ==, "hipaa");
  g_assert_false (attest_library_sidebar_select_framework (fixture->sidebar, "no-such-framework"));
  g_assert_cmpstr (attest_library_sidebar_get_selected_framework (fixture->sidebar), ==, "hipaa");
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* The user's selection (the same as a click or an arrow key does) says which. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->selection), soc_fr, TRUE);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpstr (fixture->events->pdata[0], ==, "framework:soc:fr-FR");
  g_assert_cmpstr (attest_library_sidebar_get_selected_framework (fixture->sidebar), ==, "soc");

  gtk_single_selection_set_selected (fixture->selection, iso_en);
  g_assert_cmpuint (fixture->events->len, ==, 2);
  g_assert_cmpstr (fixture->events->pdata[1], ==, "framework:iso-27001:");

  gtk_single_selection_set_selected (fixture->selection, soc);
  g_assert_cmpuint (fixture->events->len, ==, 3);
  g_assert_cmpstr (fixture->events->pdata[2], ==, "framework:soc:(null)");

  /* A group row: nothing. */
  gtk_single_selection_set_selected (fixture->selection, 0);
  g_assert_cmpuint (fixture->events->len, ==, 3);
  g_assert_null (attest_library_sidebar_get_selected_framework (fixture->sidebar));

  /* My Services. */
  gtk_single_selection_set_selected (fixture->selection, 17);
  g_assert_cmpuint (fixture->events->len, ==, 4);
  g_assert_cmpstr (fixture->events->pdata[3], ==, "service:intune");
  g_assert_null (attest_library_sidebar_get_selected_framework (fixture->sidebar));

  /* Enter or a double click on the selected row says it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list_view), "list.activate-item", "u", 17));
  g_assert_cmpuint (fixture->events->len, ==, 5);
  g_assert_cmpstr (fixture->events->pdata[4], ==, "service:intune");

  /* Closing the group above moves the row, not the selection: no news. */
  gtk_single_selection_set_selected (fixture->selection, hipaa);
  g_assert_cmpuint (fixture->events->len, ==, 6);
  {
    g_autoptr(GtkTreeListRow) global = gtk_tree_list_model_get_child_row (fixture->tree, 0);

    gtk_tree_list_row_set_expanded (global, FALSE);
    g_assert_cmpstr (attest_library_sidebar_get_selected_framework (fixture->sidebar), ==, "hipaa");
    gtk_tree_list_row_set_expanded (global, TRUE);
  }
  g_assert_cmpuint (fixture->events->len, ==, 6);
  attest_test_settle (60);
}

static void
test_new_matrix (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttestMatrix) first = build_matrix (FALSE, TRUE);
  g_autoptr(AttestMatrix) second = build_matrix (TRUE, TRUE);
  g_autoptr(AttestMatrix) third = build_matrix (TRUE, FALSE);
  g_autoptr(GtkTreeListRow) group = NULL;
  g_autoptr(AttestLibraryItem) last = NULL;
  guint before, n_items;

  attest_library_sidebar_set_matrix (fixture->sidebar, first);
  before = position_of (fixture, "soc", "fr-FR");
  gtk_single_selection_set_selected (fixture->selection, before);
  g_assert_cmpuint (fixture->events->len, ==, 1);

  if (g_getenv ("ATTEST_SIDEBAR_SCREENSHOT") != NULL)
    {
      attest_test_settle (60);
      save_screenshot (fixture, g_getenv ("ATTEST_SIDEBAR_SCREENSHOT"));
    }

  /* "US government" closed by the analyst. */
  for (guint i = 0; group == NULL; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (fixture->tree, i);
      g_autoptr(AttestLibraryItem) item = gtk_tree_list_row_get_item (row);

      if (g_str_equal (attest_library_item_get_id (item), "US government"))
        group = g_steal_pointer (&row);
    }
  gtk_tree_list_row_set_expanded (group, FALSE);
  g_clear_object (&group);

  /* A new matrix with more frameworks (above it in English; group order follows
   * the translated names): the same variant stays selected;
   * the closed group stays closed; nothing is emitted. */
  attest_library_sidebar_set_matrix (fixture->sidebar, second);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==,
                    position_of (fixture, "soc", "fr-FR"));
  g_assert_cmpstr (attest_library_sidebar_get_selected_framework (fixture->sidebar), ==, "soc");
  g_assert_cmpuint (fixture->events->len, ==, 1);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (fixture->tree));
  /* Two frameworks of one variant more; the closed group hides two rows. */
  g_assert_cmpuint (n_items, ==, 18 + 2 * 2 - 2);
  attest_test_settle (60);

  /* Rows that changed are new rows: the re-dated variant is selected again by its
   * framework and locale, the renamed framework the analyst closed stays closed. */
  {
    g_autoptr(AttestMatrix) redated = build_matrix (TRUE, TRUE);
    g_autoptr(GtkTreeListRow) hipaa = g_list_model_get_item (G_LIST_MODEL (fixture->tree),
                                                             position_of (fixture, "hipaa", NULL));
    g_autoptr(GtkTreeListRow) hipaa_after = NULL;
    g_autoptr(AttestLibraryItem) selected = NULL;
    g_autoptr(GDateTime) date = g_date_time_new_utc (2023, 9, 30, 0, 0, 0);
    g_autofree char *september = g_date_time_format (date, "%Y-%m-%d");

    for (guint i = 0; i < redated->frameworks->len; i++)
      {
        AttestMatrixFramework *f = redated->frameworks->pdata[i];

        if (g_str_equal (f->id, "soc"))
          {
            AttestMatrixVariant *v = f->variants->pdata[0];

            g_assert_cmpstr (v->locale, ==, "fr-FR");
            g_free (v->date);
            v->date = g_strdup ("2023-09-30");
          }
        if (g_str_equal (f->id, "hipaa"))
          {
            g_free (f->title);
            f->title = g_strdup ("HIPAA and HITECH");
          }
      }
    gtk_tree_list_row_set_expanded (hipaa, FALSE);
    attest_library_sidebar_set_matrix (fixture->sidebar, redated);

    selected = item_at (fixture, gtk_single_selection_get_selected (fixture->selection));
    g_assert_cmpstr (attest_library_item_get_framework_id (selected), ==, "soc");
    g_assert_cmpstr (attest_library_item_get_locale (selected), ==, "fr-FR");
    /* The new date, as people write it. */
    g_assert_cmpstr (attest_library_item_get_subtitle (selected), !=, september);
    g_assert_nonnull (strstr (attest_library_item_get_subtitle (selected), "30"));
    hipaa_after = g_list_model_get_item (G_LIST_MODEL (fixture->tree), position_of (fixture, "hipaa", NULL));
    g_assert_true (hipaa_after != hipaa);
    g_assert_false (gtk_tree_list_row_get_expanded (hipaa_after));
    g_assert_cmpuint (fixture->events->len, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)), ==, n_items - 2);

    /* Back to the first dates; HIPAA open again. */
    gtk_tree_list_row_set_expanded (hipaa_after, TRUE);
    attest_library_sidebar_set_matrix (fixture->sidebar, second);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)), ==, n_items);
    attest_test_settle (60);
  }

  /* A service stays selected while it is mine… */
  gtk_single_selection_set_selected (fixture->selection, n_items - 1);
  g_assert_cmpuint (fixture->events->len, ==, 2);
  g_assert_cmpstr (fixture->events->pdata[1], ==, "service:intune");
  attest_library_sidebar_set_matrix (fixture->sidebar, second);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, n_items - 1);

  /* …and when it no longer is, My Services says how to add one. */
  attest_library_sidebar_set_matrix (fixture->sidebar, third);
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (attest_library_sidebar_get_selected_framework (fixture->sidebar));
  last = item_at (fixture, g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)) - 1);
  g_assert_cmpint (attest_library_item_get_kind (last), ==, ATTEST_LIBRARY_ITEM_PLACEHOLDER);
  g_assert_cmpstr (attest_library_item_get_title (last), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Right-click a service in the matrix to add it"));
  {
    GtkWidget *expander = row_expander (fixture, g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)) - 1);

    g_assert_false (gtk_widget_is_sensitive (expander));
  }
  g_assert_cmpuint (fixture->events->len, ==, 2);

  /* No matrix: an empty list. */
  attest_library_sidebar_select_framework (fixture->sidebar, "soc");
  attest_library_sidebar_set_matrix (fixture->sidebar, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)), ==, 0);
  g_assert_null (attest_library_sidebar_get_selected_framework (fixture->sidebar));
  g_assert_false (attest_library_sidebar_select_framework (fixture->sidebar, "soc"));
  g_assert_cmpuint (fixture->events->len, ==, 2);
  attest_test_settle (60);
}

/* 100 frameworks of two variants and 400 services, 100 of them mine: at once. */
static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  static const char * const cats[] = { "Global", "Industry", "Regional — Americas",
                                       "Regional — Asia Pacific", "Regional — EMEA", "US government" };
  gint64 start;
  double first, again, scroll;

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("fw-%03u", i);
      g_autofree char *name = g_strdup_printf ("Framework %03u", i);
      AttestMatrixFramework *f = attest_matrix_add_framework (matrix, id, name, name, cats[i % G_N_ELEMENTS (cats)]);

      attest_matrix_framework_add_variant (f, "fr-FR", "2023-05-11", "x.fr-fr.md", i % 3 == 0);
      attest_matrix_framework_add_variant (f, "", "2023-04-11", "x.md", FALSE);
    }
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *id = g_strdup_printf ("svc-%03u", i);
      g_autofree char *name = g_strdup_printf ("Service %03u", i);

      attest_matrix_add_service (matrix, id, name, FALSE)->mine = i % 4 == 0;
    }

  /* The first fill makes the list's row widgets (GTK 4.8 keeps two hundred); the same
   * matrix again changes no row; scrolling rebinds rows. */
  start = g_get_monotonic_time ();
  attest_library_sidebar_set_matrix (fixture->sidebar, matrix);
  first = (g_get_monotonic_time () - start) / 1000.0;
  attest_test_settle (60);
  start = g_get_monotonic_time ();
  attest_library_sidebar_set_matrix (fixture->sidebar, matrix);
  again = (g_get_monotonic_time () - start) / 1000.0;
  start = g_get_monotonic_time ();
  g_assert_true (attest_library_sidebar_select_framework (fixture->sidebar, "fw-099"));
  attest_test_settle (60);
  g_assert_true (attest_library_sidebar_select_framework (fixture->sidebar, "fw-000"));
  attest_test_settle (60);
  scroll = (g_get_monotonic_time () - start) / 1000.0 - 120;
  g_test_message ("100 frameworks, 400 services: first %.1f ms, again %.1f ms, two scrolls %.1f ms",
                  first, again, scroll);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->tree)), ==, 6 + 100 * 3 + 1 + 100);
  g_assert_cmpstr (attest_library_sidebar_get_selected_framework (fixture->sidebar), ==, "fw-000");
  /* The times are figures (above), not assertions: a loaded CI machine takes
   * seconds for what an idle one does at once. What must hold is that the
   * same matrix again changes no row. */
  g_assert_cmpuint (fixture->events->len, ==, 0);
}

/* Every category of the bundled catalog (data/frameworks.tsv), once each. */
static GPtrArray *
catalog_categories (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATTEST_DATADIR"), "frameworks.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *categories = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);

      if (lines[i][0] == '#' || g_strv_length (cols) < 5 || *cols[4] == '\0')
        continue;
      if (!g_ptr_array_find_with_equal_func (categories, cols[4], g_str_equal, NULL))
        g_ptr_array_add (categories, g_strdup (cols[4]));
    }
  g_assert_cmpuint (categories->len, >=, 6);
  return categories;
}

/* Each category of the catalog is a heading in the reader's language, and a
 * framework without one (stored "" now, "Other" by workspaces imported before)
 * is in the one "Other" group, translated too, last before My Services (issue 19). */
static void
test_categories (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttestMatrix) matrix = attest_matrix_new ();
  g_autoptr(GPtrArray) categories = catalog_categories ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *lang = g_getenv ("LANGUAGE");
  const char *other = lang != NULL && g_str_has_prefix (lang, "fr") ? "Autres"
                      : lang != NULL && g_str_has_prefix (lang, "zh_TW") ? "其他" : "Other";
  guint n, groups = 0;
  gboolean other_seen = FALSE;

  for (guint i = 0; i < categories->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("fw-%u", i);
      AttestMatrixFramework *f = attest_matrix_add_framework (matrix, id, id, id, categories->pdata[i]);

      attest_matrix_framework_add_variant (f, "", "2023-01-01", "x.md", FALSE);
    }
  attest_matrix_framework_add_variant (attest_matrix_add_framework (matrix, "old", "Old", "Old", "Other"),
                                       "", "2023-01-01", "old.md", FALSE);
  attest_matrix_framework_add_variant (attest_matrix_add_framework (matrix, "new", "New", "New", ""),
                                       "", "2023-01-01", "new.md", FALSE);
  attest_matrix_sort (matrix);
  attest_library_sidebar_set_matrix (fixture->sidebar, matrix);
  attest_test_settle (60);

  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestLibraryItem) item = item_at (fixture, i);
      const char *id = attest_library_item_get_id (item);
      const char *title = attest_library_item_get_title (item);

      if (attest_library_item_get_kind (item) != ATTEST_LIBRARY_ITEM_GROUP || g_str_equal (id, "\x1fmy-services"))
        continue;
      groups++;
      g_test_message ("group “%s”: “%s”", id, title);
      if (*id == '\0' || g_str_equal (id, "Other"))
        {
          /* One "Other" group, after the categories, with both frameworks. */
          g_assert_false (other_seen);
          other_seen = TRUE;
          g_assert_cmpstr (title, ==, other);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (attest_library_item_get_children (item))), ==, 2);
          continue;
        }
      g_assert_false (other_seen);
      g_assert_true (g_ptr_array_find_with_equal_func (categories, id, g_str_equal, NULL));
      /* Translated: every category name differs from its English in French and Chinese. */
      if (lang == NULL || g_str_has_prefix (lang, "en"))
        g_assert_cmpstr (title, ==, id);
      else
        g_assert_cmpstr (title, !=, id);
      g_assert_false (g_hash_table_contains (seen, title));
      g_hash_table_add (seen, (gpointer)g_intern_string (title));
    }
  g_assert_true (other_seen);
  g_assert_cmpuint (groups, ==, categories->len + 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  attest_paths_init_i18n ();
  attest_register_resource ();
  adw_init ();
  /* As AttestApplication does: the sidebar looks as it does in the window. */
  attest_test_use_app_style ();

  g_test_add ("/library-sidebar/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/library-sidebar/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/library-sidebar/new-matrix", Fixture, NULL, fixture_set_up, test_new_matrix, fixture_tear_down);
  g_test_add ("/library-sidebar/large", Fixture, NULL, fixture_set_up, test_large, fixture_tear_down);
  g_test_add ("/library-sidebar/categories", Fixture, NULL, fixture_set_up, test_categories, fixture_tear_down);

  return g_test_run ();
}
