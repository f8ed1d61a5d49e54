/* attest-library-item.c: one row of the library sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable copy of what a sidebar row shows: a group (a framework
 * category, or "My Services"), a framework, one of its page variants, a
 * service, or the placeholder of an empty group. Groups and frameworks hold
 * their children in a GListStore for the GtkTreeListModel.
 */
#define G_LOG_DOMAIN "attest-library-item"

#include "config.h"

#include "attest-library-item.h"

struct _AttestLibraryItem
{
  GObject parent_instance;

  AttestLibraryItemKind kind;
  char *id;
  char *framework_id;
  char *locale;
  char *title;
  char *subtitle;
  gboolean machine_translated;
  GListStore *children;
  gint64 variant_id;          /* a variant row's version */
  gboolean kept_older;        /* undated, kept below the versions it would have superseded */
  gboolean dated_by_analyst;
  char *dates;                /* a variant's dates in words */
  gboolean stacked;           /* a variant row with its subtitle under its title */
};

G_DEFINE_FINAL_TYPE (AttestLibraryItem, attest_library_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (AttestLibraryItemKind, attest_library_item_kind,
  G_DEFINE_ENUM_VALUE (ATTEST_LIBRARY_ITEM_GROUP, "group"),
  G_DEFINE_ENUM_VALUE (ATTEST_LIBRARY_ITEM_FRAMEWORK, "framework"),
  G_DEFINE_ENUM_VALUE (ATTEST_LIBRARY_ITEM_VARIANT, "variant"),
  G_DEFINE_ENUM_VALUE (ATTEST_LIBRARY_ITEM_SERVICE, "service"),
  G_DEFINE_ENUM_VALUE (ATTEST_LIBRARY_ITEM_PLACEHOLDER, "placeholder"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_FRAMEWORK_ID,
  PROP_LOCALE,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_MACHINE_TRANSLATED,
  PROP_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows are built by the hundred: set the fields directly, not through g_object_new's
 * property machinery. */
static AttestLibraryItem *
item_new (AttestLibraryItemKind  kind,
          const char            *id,
          const char            *title,
          const char            *subtitle)
{
  AttestLibraryItem *self = g_object_new (ATTEST_TYPE_LIBRARY_ITEM, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

/**
 * attest_library_item_new_group:
 * @children: (transfer none): the group's rows
 */
AttestLibraryItem *
attest_library_item_new_group (const char *id,
                               const char *title,
                               GListStore *children)
{
  AttestLibraryItem *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (children), NULL);

  self = item_new (ATTEST_LIBRARY_ITEM_GROUP, id, title, NULL);
  self->children = g_object_ref (children);
  return self;
}

/**
 * attest_library_item_new_framework:
 * @variants: (transfer none) (nullable): the page variants' rows
 */
AttestLibraryItem *
attest_library_item_new_framework (const char *id,
                                   const char *short_name,
                                   const char *title,
                                   GListStore *variants)
{
  AttestLibraryItem *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (variants == NULL || G_IS_LIST_STORE (variants), NULL);

  self = item_new (ATTEST_LIBRARY_ITEM_FRAMEWORK, id, short_name, title);
  self->framework_id = g_strdup (id);
  if (variants != NULL)
    self->children = g_object_ref (variants);
  return self;
}

/**
 * attest_library_item_new_variant:
 * @locale: "" for the English source page
 * @language: the locale as shown
 * @date: (nullable): the date as shown
 *
 * The id of a variant row is its version's id, as a number: a framework
 * can have several versions in one locale.
 */
AttestLibraryItem *
attest_library_item_new_variant (const char *framework_id,
                                 const char *locale,
                                 const char *language,
                                 const char *date,
                                 gboolean    machine_translated)
{
  return attest_library_item_new_version (framework_id, 0, locale, language, date, NULL, machine_translated,
                                          FALSE, FALSE);
}

/**
 * attest_library_item_new_version:
 * @variant_id: the version (AttestMatrixVariant.id)
 * @title: what it covers and its language, as shown
 * @date: (nullable): its date as shown
 * @dates: (nullable): its dates in words (the tooltip)
 */
AttestLibraryItem *
attest_library_item_new_version (const char *framework_id,
                                 gint64      variant_id,
                                 const char *locale,
                                 const char *title,
                                 const char *date,
                                 const char *dates,
                                 gboolean    machine_translated,
                                 gboolean    kept_older,
                                 gboolean    dated_by_analyst)
{
  AttestLibraryItem *self;
  g_autofree char *id = NULL;

  g_return_val_if_fail (framework_id != NULL, NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  id = variant_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, variant_id) : g_strdup (locale);
  self = item_new (ATTEST_LIBRARY_ITEM_VARIANT, id, title, date);
  self->framework_id = g_strdup (framework_id);
  self->locale = g_strdup (locale);
  self->machine_translated = !!machine_translated;
  self->variant_id = variant_id;
  self->dates = g_strdup (dates);
  self->kept_older = !!kept_older;
  self->dated_by_analyst = !!dated_by_analyst;
  return self;
}

/* A version row named by what it covers: language and date go under it. */
void
attest_library_item_set_stacked (AttestLibraryItem *self,
                                 gboolean           stacked)
{
  g_return_if_fail (ATTEST_IS_LIBRARY_ITEM (self));
  self->stacked = !!stacked;
}

gboolean
attest_library_item_get_stacked (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), FALSE);
  return self->stacked;
}

gint64
attest_library_item_get_variant_id (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), 0);
  return self->variant_id;
}

const char *
attest_library_item_get_dates (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->dates;
}

gboolean
attest_library_item_get_kept_older (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), FALSE);
  return self->kept_older;
}

gboolean
attest_library_item_get_dated_by_analyst (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), FALSE);
  return self->dated_by_analyst;
}

AttestLibraryItem *
attest_library_item_new_service (const char *id,
                                 const char *name)
{
  g_return_val_if_fail (id != NULL, NULL);

  return item_new (ATTEST_LIBRARY_ITEM_SERVICE, id, name, NULL);
}

AttestLibraryItem *
attest_library_item_new_placeholder (const char *text)
{
  return item_new (ATTEST_LIBRARY_ITEM_PLACEHOLDER, "", text, NULL);
}

AttestLibraryItemKind
attest_library_item_get_kind (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), ATTEST_LIBRARY_ITEM_PLACEHOLDER);
  return self->kind;
}

const char *
attest_library_item_get_id (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->id;
}

/* The framework of a framework or variant row, else NULL. */
const char *
attest_library_item_get_framework_id (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->framework_id;
}

/* The locale of a variant row, else NULL. */
const char *
attest_library_item_get_locale (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->locale;
}

const char *
attest_library_item_get_title (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->title;
}

const char *
attest_library_item_get_subtitle (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->subtitle;
}

gboolean
attest_library_item_get_machine_translated (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), FALSE);
  return self->machine_translated;
}

/**
 * attest_library_item_get_children:
 *
 * Returns: (transfer none) (nullable): the rows below this one
 */
GListStore *
attest_library_item_get_children (AttestLibraryItem *self)
{
  g_return_val_if_fail (ATTEST_IS_LIBRARY_ITEM (self), NULL);
  return self->children;
}

static void
attest_library_item_dispose (GObject *object)
{
  AttestLibraryItem *self = ATTEST_LIBRARY_ITEM (object);

  g_clear_object (&self->children);

  G_OBJECT_CLASS (attest_library_item_parent_class)->dispose (object);
}

static void
attest_library_item_finalize (GObject *object)
{
  AttestLibraryItem *self = ATTEST_LIBRARY_ITEM (object);

  g_free (self->id);
  g_free (self->framework_id);
  g_free (self->locale);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->dates);

  G_OBJECT_CLASS (attest_library_item_parent_class)->finalize (object);
}

static void
attest_library_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttestLibraryItem *self = ATTEST_LIBRARY_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FRAMEWORK_ID:
      g_value_set_string (value, self->framework_id);
      break;
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_MACHINE_TRANSLATED:
      g_value_set_boolean (value, self->machine_translated);
      break;
    case PROP_CHILDREN:
      g_value_set_object (value, self->children);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_library_item_class_init (AttestLibraryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_library_item_dispose;
  object_class->finalize = attest_library_item_finalize;
  object_class->get_property = attest_library_item_get_property;

  /* Read-only: an item is a snapshot, replaced as a whole when the matrix changes. */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ATTEST_TYPE_LIBRARY_ITEM_KIND, ATTEST_LIBRARY_ITEM_GROUP,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAMEWORK_ID] =
    g_param_spec_string ("framework-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MACHINE_TRANSLATED] =
    g_param_spec_boolean ("machine-translated", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILDREN] =
    g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_library_item_init (AttestLibraryItem *self)
{
}
