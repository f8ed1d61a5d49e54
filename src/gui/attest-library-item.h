/* attest-library-item.h: one row of the library sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  ATTEST_LIBRARY_ITEM_GROUP,
  ATTEST_LIBRARY_ITEM_FRAMEWORK,
  ATTEST_LIBRARY_ITEM_VARIANT,
  ATTEST_LIBRARY_ITEM_SERVICE,
  ATTEST_LIBRARY_ITEM_PLACEHOLDER,
} AttestLibraryItemKind;

#define ATTEST_TYPE_LIBRARY_ITEM_KIND (attest_library_item_kind_get_type ())
GType attest_library_item_kind_get_type (void);

#define ATTEST_TYPE_LIBRARY_ITEM (attest_library_item_get_type ())

G_DECLARE_FINAL_TYPE (AttestLibraryItem, attest_library_item, ATTEST, LIBRARY_ITEM, GObject)

AttestLibraryItem     *attest_library_item_new_group       (const char        *id,
                                                            const char        *title,
                                                            GListStore        *children);
AttestLibraryItem     *attest_library_item_new_framework   (const char        *id,
                                                            const char        *short_name,
                                                            const char        *title,
                                                            GListStore        *variants);
AttestLibraryItem     *attest_library_item_new_variant     (const char        *framework_id,
                                                            const char        *locale,
                                                            const char        *language,
                                                            const char        *date,
                                                            gboolean           machine_translated);
AttestLibraryItem     *attest_library_item_new_version     (const char        *framework_id,
                                                            gint64             variant_id,
                                                            const char        *locale,
                                                            const char        *title,
                                                            const char        *date,
                                                            const char        *dates,
                                                            gboolean           machine_translated,
                                                            gboolean           kept_older,
                                                            gboolean           dated_by_analyst);
AttestLibraryItem     *attest_library_item_new_service     (const char        *id,
                                                            const char        *name);
AttestLibraryItem     *attest_library_item_new_placeholder (const char        *text);

AttestLibraryItemKind  attest_library_item_get_kind               (AttestLibraryItem *self);
const char            *attest_library_item_get_id                 (AttestLibraryItem *self);
const char            *attest_library_item_get_framework_id       (AttestLibraryItem *self);
const char            *attest_library_item_get_locale             (AttestLibraryItem *self);
const char            *attest_library_item_get_title              (AttestLibraryItem *self);
const char            *attest_library_item_get_subtitle           (AttestLibraryItem *self);
gboolean               attest_library_item_get_machine_translated (AttestLibraryItem *self);
void                   attest_library_item_set_stacked            (AttestLibraryItem *self,
                                                                   gboolean           stacked);
gboolean               attest_library_item_get_stacked            (AttestLibraryItem *self);
gint64                 attest_library_item_get_variant_id         (AttestLibraryItem *self);
const char            *attest_library_item_get_dates              (AttestLibraryItem *self);
gboolean               attest_library_item_get_kept_older         (AttestLibraryItem *self);
gboolean               attest_library_item_get_dated_by_analyst   (AttestLibraryItem *self);
GListStore            *attest_library_item_get_children           (AttestLibraryItem *self);

G_END_DECLS
