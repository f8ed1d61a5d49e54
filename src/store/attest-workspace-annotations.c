/* attest-workspace-annotations.c: highlights and comments on evidence PDFs and page sections
 *
 * Kept beside the file, never in it: the stored bytes stay as attached. An
 * annotation supports any number of checklist items (annotation_item), of
 * any cell. Every add, edit and delete is one transaction and one history
 * row, and its text is in the search index (kind "annotation").
 *
 * Whether a rectangle lies on its page needs the page's size, which only
 * poppler knows: src/render/attest-pdf-annotations.c checks that before it
 * calls attest_workspace_add_annotation(). The store checks the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-annotations"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-search.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist-private.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-private.h"

static const char * const kind_names[] = { "highlight", "rectangle", "note" };

const char *
attest_annotation_kind_to_string (AttestAnnotationKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), "highlight");
  return kind_names[kind];
}

gboolean
attest_annotation_kind_from_string (const char           *text,
                                    AttestAnnotationKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = (AttestAnnotationKind)i;
        return TRUE;
      }
  return FALSE;
}

/* "#rrggbb": six hexadecimal digits. */
gboolean
attest_annotation_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

AttestAnnotation *
attest_annotation_new (AttestAnnotationKind kind)
{
  AttestAnnotation *a = g_new0 (AttestAnnotation, 1);

  a->kind = kind;
  a->rects = g_array_new (FALSE, TRUE, sizeof (AttestRect));
  a->item_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  return a;
}

AttestAnnotation *
attest_annotation_copy (const AttestAnnotation *a)
{
  AttestAnnotation *copy;

  g_return_val_if_fail (a != NULL, NULL);

  copy = attest_annotation_new (a->kind);
  copy->id = a->id;
  copy->sha256 = g_strdup (a->sha256);
  copy->section = g_strdup (a->section);
  copy->page = a->page;
  if (a->rects != NULL)
    g_array_append_vals (copy->rects, a->rects->data, a->rects->len);
  copy->color = g_strdup (a->color);
  copy->text = g_strdup (a->text);
  copy->quote = g_strdup (a->quote);
  copy->item_id = a->item_id;
  if (a->item_ids != NULL)
    g_array_append_vals (copy->item_ids, a->item_ids->data, a->item_ids->len);
  return copy;
}

gboolean
attest_annotation_has_item (const AttestAnnotation *a,
                            gint64                  item_id)
{
  for (guint i = 0; a->item_ids != NULL && i < a->item_ids->len; i++)
    if (g_array_index (a->item_ids, gint64, i) == item_id)
      return TRUE;
  return FALSE;
}

/* Adds @item_id to the items @a supports, once. */
void
attest_annotation_add_item (AttestAnnotation *a,
                            gint64            item_id)
{
  g_return_if_fail (a != NULL);

  if (a->item_ids == NULL)
    a->item_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  if (!attest_annotation_has_item (a, item_id))
    g_array_append_val (a->item_ids, item_id);
}

void
attest_annotation_free (AttestAnnotation *a)
{
  if (a == NULL)
    return;
  g_free (a->sha256);
  g_free (a->section);
  g_clear_pointer (&a->rects, g_array_unref);
  g_free (a->color);
  g_free (a->text);
  g_free (a->quote);
  g_clear_pointer (&a->item_ids, g_array_unref);
  g_free (a);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static JsonNode *
rects_json (const AttestAnnotation *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; a->rects != NULL && i < a->rects->len; i++)
    {
      const AttestRect *r = &g_array_index (a->rects, AttestRect, i);
      json_builder_begin_array (b);
      json_builder_add_double_value (b, r->x1);
      json_builder_add_double_value (b, r->y1);
      json_builder_add_double_value (b, r->x2);
      json_builder_add_double_value (b, r->y2);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* What a history row records of @a (before or after a change). */
static JsonNode *
annotation_json (const AttestAnnotation *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  if (a->sha256 != NULL)
    {
      json_builder_set_member_name (b, "evidence");
      json_builder_add_string_value (b, a->sha256);
    }
  if (a->section != NULL)
    {
      json_builder_set_member_name (b, "section");
      json_builder_add_string_value (b, a->section);
      json_builder_set_member_name (b, "quote");
      json_builder_add_string_value (b, a->quote != NULL ? a->quote : "");
    }
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, attest_annotation_kind_to_string (a->kind));
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, a->page);
  json_builder_set_member_name (b, "rects");
  json_builder_add_value (b, rects_json (a));
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, a->color != NULL ? a->color : ATTEST_ANNOTATION_DEFAULT_COLOR);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, a->text != NULL ? a->text : "");
  /* "item": the first, as rows written before links were many say it. */
  json_builder_set_member_name (b, "item");
  if (a->item_ids != NULL && a->item_ids->len > 0)
    json_builder_add_int_value (b, g_array_index (a->item_ids, gint64, 0));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; a->item_ids != NULL && i < a->item_ids->len; i++)
    json_builder_add_int_value (b, g_array_index (a->item_ids, gint64, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
exists (AttestWorkspace *self,
        const char      *sql,
        const char      *text,
        gint64           number)
{
  g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_text (const AttestAnnotation  *a,
            GError                 **error)
{
  if (!attest_annotation_color_is_valid (a->color != NULL ? a->color : ATTEST_ANNOTATION_DEFAULT_COLOR))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a colour (use #rrggbb, six hexadecimal digits)"), a->color);
      return FALSE;
    }
  if ((a->text != NULL && !g_utf8_validate (a->text, -1, NULL)) ||
      (a->quote != NULL && !g_utf8_validate (a->quote, -1, NULL)))
    return invalid (error, _("An annotation's text must be UTF-8"));
  if ((a->text != NULL && strlen (a->text) > ATTEST_ANNOTATION_MAX_BYTES) ||
      (a->quote != NULL && strlen (a->quote) > ATTEST_ANNOTATION_MAX_BYTES))
    return invalid (error, _("An annotation is limited to 1 MiB of text"));
  return TRUE;
}

/* The shape of @a alone: what it is on, its rectangles for its kind. */
static gboolean
check_shape (const AttestAnnotation  *a,
             GError                 **error)
{
  guint n = a->rects != NULL ? a->rects->len : 0;

  if ((guint)a->kind >= G_N_ELEMENTS (kind_names))
    return invalid (error, _("Unknown kind of annotation"));
  if ((a->sha256 == NULL) == (a->section == NULL))
    return invalid (error, _("An annotation is on an evidence file or on a page section: name one"));
  if (a->section != NULL)
    {
      const char *hash = strchr (a->section, '#');
      if (!g_str_has_prefix (a->section, "framework:") || hash == NULL || hash[1] == '\0' ||
          hash == a->section + strlen ("framework:"))
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                       _("“%s” is not a page section (framework:ID#SECTION-KEY)"), a->section);
          return FALSE;
        }
      if (a->kind != ATTEST_ANNOTATION_HIGHLIGHT || a->quote == NULL || *a->quote == '\0')
        return invalid (error, _("An annotation on a page section highlights a passage: it needs the passage"));
      return TRUE;
    }

  if (!attest_evidence_sha256_is_valid (a->sha256))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a SHA-256 (64 hexadecimal digits)"), a->sha256);
      return FALSE;
    }
  if (n == 0)
    return invalid (error, _("An annotation needs a rectangle, a point or the quads of a highlight"));
  if (n > ATTEST_ANNOTATION_MAX_RECTS)
    return invalid (error, _("An annotation has too many rectangles"));
  if (a->kind != ATTEST_ANNOTATION_HIGHLIGHT && n != 1)
    return invalid (error, _("A rectangle or a note has exactly one rectangle or point"));
  for (guint i = 0; i < n; i++)
    {
      const AttestRect *r = &g_array_index (a->rects, AttestRect, i);

      if (!isfinite (r->x1) || !isfinite (r->y1) || !isfinite (r->x2) || !isfinite (r->y2))
        return invalid (error, _("An annotation's rectangle must have finite coordinates"));
      if (r->x1 < 0 || r->y1 < 0 || r->x2 < 0 || r->y2 < 0)
        return invalid (error, _("An annotation's rectangle lies outside the page (negative coordinates)"));
      if (a->kind == ATTEST_ANNOTATION_NOTE ? (r->x1 != r->x2 || r->y1 != r->y2)
                                            : (r->x2 <= r->x1 || r->y2 <= r->y1))
        return invalid (error, a->kind == ATTEST_ANNOTATION_NOTE
                                 ? _("A note is dropped on one point")
                                 : _("An annotation's rectangle needs a width and a height"));
    }
  return TRUE;
}

/* Inside the transaction: what @a is on and links to must be there. */
static gboolean
check_targets (AttestWorkspace         *self,
               const AttestAnnotation  *a,
               GError                 **error)
{
  if (a->sha256 != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (self, "SELECT page_count FROM evidence "
                                                                      "WHERE sha256 = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, a->sha256, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("No evidence file %s in this workspace (see attest-cli evidence list)"), a->sha256);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
          return FALSE;
        }
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL && sqlite3_column_int64 (stmt, 0) > 0 &&
          (gint64)a->page >= sqlite3_column_int64 (stmt, 0))
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                       _("Page %u is outside the document: it has %u pages"), a->page + 1,
                       (guint)CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXINT));
          return FALSE;
        }
    }
  else
    {
      g_autofree char *framework = g_strndup (a->section + strlen ("framework:"),
                                              strchr (a->section, '#') - a->section - strlen ("framework:"));
      if (!exists (self, "SELECT 1 FROM framework WHERE id = ?1", framework, 0))
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("No framework “%s” in this workspace"), framework);
          return FALSE;
        }
    }
  return TRUE;
}

/* Inside the transaction: stores the items of a cell never edited (negative
 * ids), checks the others are there, sorts them. */
static gboolean
settle_items (AttestWorkspace   *self,
              AttestAnnotation  *a,
              gboolean           with_item_id,
              GError           **error)
{
  if (with_item_id && a->item_id != 0)
    attest_annotation_add_item (a, a->item_id);
  if (a->item_ids == NULL)
    a->item_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (guint i = 0; i < a->item_ids->len; i++)
    {
      gint64 *item = &g_array_index (a->item_ids, gint64, i);

      if (*item < 0)
        {
          gint64 stored = _attest_workspace_store_item (self, *item, NULL, error);
          if (stored == 0)
            return FALSE;
          *item = stored;
        }
      else if (!exists (self, "SELECT 1 FROM checklist_item WHERE id = ?1", NULL, *item))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *item);
          /* Translators: %s is a checklist item's number */
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                       _("No checklist item %s in this workspace"), number);
          return FALSE;
        }
    }
  g_array_sort (a->item_ids, compare_ids);
  /* Two virtual ids of one item, or an id given twice. */
  for (guint i = 1; i < a->item_ids->len;)
    if (g_array_index (a->item_ids, gint64, i) == g_array_index (a->item_ids, gint64, i - 1))
      g_array_remove_index (a->item_ids, i);
    else
      i++;
  a->item_id = a->item_ids->len > 0 ? g_array_index (a->item_ids, gint64, 0) : 0;
  return TRUE;
}

static gboolean
write_items (AttestWorkspace         *self,
             const AttestAnnotation  *a,
             GError                 **error)
{
  g_autoptr(sqlite3_stmt) clear = _attest_workspace_prepare (self, "DELETE FROM annotation_item "
                                                                   "WHERE annotation_id = ?1", error);
  int rc;

  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, a->id);
  if ((rc = sqlite3_step (clear)) != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  for (guint i = 0; i < a->item_ids->len; i++)
    {
      g_autoptr(sqlite3_stmt) add = _attest_workspace_prepare (self, "INSERT INTO annotation_item "
                                                                     "(annotation_id, item_id) VALUES (?1, ?2)",
                                                               error);
      if (add == NULL)
        return FALSE;
      sqlite3_bind_int64 (add, 1, a->id);
      sqlite3_bind_int64 (add, 2, g_array_index (a->item_ids, gint64, i));
      if ((rc = sqlite3_step (add)) != SQLITE_DONE)
        {
          _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
index_text (AttestWorkspace         *self,
            const AttestAnnotation  *a,
            const char              *id_text,
            GError                 **error)
{
  if (a->text == NULL || *a->text == '\0')
    return _attest_search_remove (self, "annotation", id_text, error);
  return _attest_search_put (self, "annotation", id_text, a->sha256 != NULL ? a->sha256 : a->section,
                             a->text, error);
}

/* Adds @a, checked, inside the open transaction: FALSE, with @error, leaves
 * the rollback to the caller. */
static gboolean
add_annotation_in (AttestWorkspace   *self,
                   AttestAnnotation  *a,
                   GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) rects = NULL;
  g_autofree char *rects_text = NULL;
  g_autofree char *id_text = NULL;
  int rc;

  rects = rects_json (a);
  rects_text = json_to_string (rects, FALSE);

  if (!check_targets (self, a, error) || !settle_items (self, a, TRUE, error))
    return FALSE;
  if (a->id > 0 && exists (self, "SELECT 1 FROM annotation WHERE id = ?1", NULL, a->id))
    return invalid (error, _("That annotation is already in the workspace"));

  stmt = _attest_workspace_prepare (self, "INSERT INTO annotation (id, sha256, section, kind, page, rects, color, "
                                          "text, quote) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  if (a->id > 0)
    sqlite3_bind_int64 (stmt, 1, a->id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, a->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, a->section, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attest_annotation_kind_to_string (a->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, a->page);
  sqlite3_bind_text (stmt, 6, rects_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, a->color != NULL ? a->color : ATTEST_ANNOTATION_DEFAULT_COLOR, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, a->text != NULL ? a->text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, a->quote != NULL ? a->quote : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      return FALSE;
    }
  a->id = sqlite3_last_insert_rowid (_attest_workspace_get_db (self));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
  after = annotation_json (a);

  return write_items (self, a, error) &&
         _attest_history_append (self, "annotation", id_text, "create", NULL, after, error) &&
         index_text (self, a, id_text, error);
}

/**
 * attest_workspace_add_annotation:
 * @annotation: (inout): its id is set once committed; its item_ids are made
 *   the stored ones (a cell's template item is stored by this edit), sorted
 *
 * Adds an annotation: one transaction, one history row. An id set on
 * @annotation that no annotation holds is kept (Undo of a delete gives the
 * annotation back as it was); 0 takes a new one.
 */
gboolean
attest_workspace_add_annotation (AttestWorkspace   *self,
                                 AttestAnnotation  *a,
                                 GError           **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (a != NULL, FALSE);

  g_ptr_array_add (one, a);
  return attest_workspace_add_annotations (self, one, error);
}

/**
 * attest_workspace_add_annotations:
 * @annotations: (element-type AttestAnnotation) (inout): as
 *   attest_workspace_add_annotation() each
 *
 * Adds them all or none: one transaction (one edit: a highlight across
 * pages is a mark on each), a history row each. On failure their ids are
 * as they were.
 */
gboolean
attest_workspace_add_annotations (AttestWorkspace   *self,
                                  GPtrArray         *annotations,
                                  GError           **error)
{
  g_autofree gint64 *ids = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  ids = g_new0 (gint64, MAX (annotations->len, 1));
  for (guint i = 0; i < annotations->len; i++)
    {
      AttestAnnotation *a = annotations->pdata[i];

      g_return_val_if_fail (a != NULL, FALSE);
      if (!check_text (a, error) || !check_shape (a, error))
        return FALSE;
      if (a->id < 0)
        return invalid (error, _("An annotation's id is a positive number"));
      ids[i] = a->id;
    }
  if (!_attest_workspace_begin (self, error))
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    if (!add_annotation_in (self, annotations->pdata[i], error))
      goto fail;
  if (_attest_workspace_commit (self, error))
    return TRUE;
  for (guint i = 0; i < annotations->len; i++)
    ((AttestAnnotation *) annotations->pdata[i])->id = ids[i];
  return FALSE;

fail:
  _attest_workspace_rollback (self);
  for (guint i = 0; i < annotations->len; i++)
    ((AttestAnnotation *) annotations->pdata[i])->id = ids[i];
  return FALSE;
}

#define SELECT_ANNOTATION                                                                       \
  "SELECT a.id, a.sha256, a.section, a.kind, a.page, a.rects, a.color, a.text, a.quote, "       \
  "  (SELECT group_concat (item_id, ',') FROM (SELECT item_id FROM annotation_item ai "         \
  "                                            WHERE ai.annotation_id = a.id ORDER BY item_id)) " \
  "FROM annotation a "

static AttestAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  AttestAnnotation *a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  const char *stored = _attest_column_text (stmt, 5);
  const char *items = _attest_column_text (stmt, 9);
  /* Depth-bounded: the file is untrusted, and parsing recurses. */
  g_autoptr(JsonNode) rects = stored != NULL ? attest_history_parse_json (stored, NULL) : NULL;

  a->id = sqlite3_column_int64 (stmt, 0);
  a->sha256 = g_strdup (_attest_column_text (stmt, 1));
  a->section = g_strdup (_attest_column_text (stmt, 2));
  gboolean kind_known = attest_annotation_kind_from_string (_attest_column_text (stmt, 3), &a->kind);

  a->page = (guint)CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXINT);
  if (rects != NULL && JSON_NODE_HOLDS_ARRAY (rects))
    {
      JsonArray *arr = json_node_get_array (rects);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *node = json_array_get_element (arr, i);
          JsonArray *q = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
          AttestRect r = { 0 };
          double v[4];
          gboolean ok = q != NULL && json_array_get_length (q) == 4;

          for (guint k = 0; ok && k < 4; k++)
            {
              JsonNode *e = json_array_get_element (q, k);
              ok = JSON_NODE_HOLDS_VALUE (e) &&
                   (json_node_get_value_type (e) == G_TYPE_DOUBLE || json_node_get_value_type (e) == G_TYPE_INT64);
              v[k] = ok ? json_node_get_double (e) : 0;
            }
          if (!ok)
            continue;
          r.x1 = v[0];
          r.y1 = v[1];
          r.x2 = v[2];
          r.y2 = v[3];
          g_array_append_val (a->rects, r);
        }
    }
  /* A mark from before kinds: a single point is a note, the rest highlights. */
  if (!kind_known)
    {
      const AttestRect *r = a->rects->len == 1 ? &g_array_index (a->rects, AttestRect, 0) : NULL;

      a->kind = r != NULL && r->x1 == r->x2 && r->y1 == r->y2 ? ATTEST_ANNOTATION_NOTE : ATTEST_ANNOTATION_HIGHLIGHT;
    }
  a->color = g_strdup (_attest_column_text (stmt, 6));
  a->text = g_strdup (_attest_column_text (stmt, 7));
  a->quote = g_strdup (_attest_column_text (stmt, 8));
  if (a->color == NULL)
    a->color = g_strdup (ATTEST_ANNOTATION_DEFAULT_COLOR);
  if (a->text == NULL)
    a->text = g_strdup ("");
  if (a->quote == NULL)
    a->quote = g_strdup ("");
  if (items != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (items, ",", -1);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (ids[i], NULL, 10);
          g_array_append_val (a->item_ids, id);
        }
    }
  a->item_id = a->item_ids->len > 0 ? g_array_index (a->item_ids, gint64, 0) : 0;
  return a;
}

static GPtrArray *
list_where (AttestWorkspace  *self,
            const char       *where,
            const char       *text,
            gint64            number,
            GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_annotation_free);
  g_autofree char *sql = g_strconcat (SELECT_ANNOTATION, where,
                                      " ORDER BY a.sha256 IS NULL, a.sha256, a.section, a.page, a.id", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _attest_workspace_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, annotation_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * attest_workspace_list_annotations:
 * @sha256: (nullable): one evidence file's, or NULL for every annotation
 *   (the page sections' too)
 *
 * Returns: (transfer full) (element-type AttestAnnotation): by file, page,
 *   then in the order they were made; NULL with @error set on failure
 */
GPtrArray *
attest_workspace_list_annotations (AttestWorkspace  *self,
                                   const char       *sha256,
                                   GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  if (sha256 == NULL)
    return list_where (self, "WHERE ?1 = 0", NULL, 0, error);
  return list_where (self, "WHERE a.sha256 = ?1", sha256, 0, error);
}

/**
 * attest_workspace_list_section_annotations:
 * @section_key: (nullable): one section's, or NULL for the whole page's
 *
 * Returns: (transfer full) (element-type AttestAnnotation): the annotations
 *   on @framework_id's page sections
 */
GPtrArray *
attest_workspace_list_section_annotations (AttestWorkspace  *self,
                                           const char       *framework_id,
                                           const char       *section_key,
                                           GError          **error)
{
  g_autofree char *target = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (framework_id != NULL, NULL);

  if (section_key != NULL)
    {
      target = g_strdup_printf ("framework:%s#%s", framework_id, section_key);
      return list_where (self, "WHERE a.section = ?1", target, 0, error);
    }
  /* substr, not LIKE: an id may hold % or _. */
  pattern = g_strdup_printf ("framework:%s#", framework_id);
  return list_where (self, "WHERE substr (a.section, 1, length (?1)) = ?1", pattern, 0, error);
}

/**
 * attest_workspace_list_item_annotations:
 *
 * Returns: (transfer full) (element-type AttestAnnotation): the annotations
 *   that support checklist item @item_id
 */
GPtrArray *
attest_workspace_list_item_annotations (AttestWorkspace  *self,
                                        gint64            item_id,
                                        GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  return list_where (self, "WHERE a.id IN (SELECT annotation_id FROM annotation_item WHERE item_id = ?1)",
                     NULL, item_id, error);
}

/* Inside a transaction or not; NULL with @error set when there is no @id. */
AttestAnnotation *
attest_workspace_get_annotation (AttestWorkspace  *self,
                                 gint64            id,
                                 GError          **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  found = list_where (self, "WHERE a.id = ?1", NULL, id, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* Translators: %s is an annotation's number */
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("There is no annotation %s in this workspace (it may have been deleted)"), number);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/**
 * attest_workspace_update_annotation:
 * @annotation: (inout): the annotation @annotation->id as it should be: its
 *   text, colour and linked items (item_ids; item_id is not read) are
 *   stored; where it is (file or section, page, rectangles, kind) is not
 *   changed by an edit. Its item_ids are made the stored ones.
 *
 * One transaction, one history row ("update"); nothing when nothing changed.
 */
gboolean
attest_workspace_update_annotation (AttestWorkspace   *self,
                                    AttestAnnotation  *a,
                                    GError           **error)
{
  g_autoptr(AttestAnnotation) before = NULL;
  g_autoptr(AttestAnnotation) edited = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) before_json = NULL;
  g_autoptr(JsonNode) after_json = NULL;
  g_autofree char *id_text = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (a != NULL, FALSE);

  if (!check_text (a, error))
    return FALSE;

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  before = attest_workspace_get_annotation (self, a->id, error);
  if (before == NULL || !settle_items (self, a, FALSE, error))
    goto fail;

  edited = attest_annotation_copy (before);
  g_free (edited->color);
  edited->color = g_strdup (a->color != NULL ? a->color : before->color);
  g_free (edited->text);
  edited->text = g_strdup (a->text != NULL ? a->text : "");
  g_array_set_size (edited->item_ids, 0);
  g_array_append_vals (edited->item_ids, a->item_ids->data, a->item_ids->len);
  edited->item_id = a->item_id;

  before_json = annotation_json (before);
  after_json = annotation_json (edited);
  if (json_node_equal (before_json, after_json))
    {
      _attest_workspace_rollback (self);
      return TRUE;
    }

  stmt = _attest_workspace_prepare (self, "UPDATE annotation SET color = ?2, text = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, edited->id);
  sqlite3_bind_text (stmt, 2, edited->color, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, edited->text, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, edited->id);
  if (!write_items (self, edited, error) ||
      !_attest_history_append (self, "annotation", id_text, "update", before_json, after_json, error) ||
      !index_text (self, edited, id_text, error))
    goto fail;
  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

gboolean
attest_workspace_delete_annotation (AttestWorkspace  *self,
                                    gint64            id,
                                    GError          **error)
{
  g_autoptr(AttestAnnotation) found = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(sqlite3_stmt) links = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  found = attest_workspace_get_annotation (self, id, error);
  if (found == NULL)
    goto fail;
  before = annotation_json (found);

  links = _attest_workspace_prepare (self, "DELETE FROM annotation_item WHERE annotation_id = ?1", error);
  stmt = links != NULL ? _attest_workspace_prepare (self, "DELETE FROM annotation WHERE id = ?1", error) : NULL;
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (links, 1, id);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (links) != SQLITE_DONE || sqlite3_step (stmt) != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, sqlite3_errcode (_attest_workspace_get_db (self)),
                                   _("could not update the workspace"));
      goto fail;
    }
  if (!_attest_history_append (self, "annotation", id_text, "delete", before, NULL, error) ||
      !_attest_search_remove (self, "annotation", id_text, error))
    goto fail;
  return _attest_workspace_commit (self, error);

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

/* Schema 9 → 10, inside migrate()'s transaction: an annotation links to any
 * number of items (annotation_item, the old item_id moved there), and is on
 * an evidence file or on a page section (sha256 may be NULL, section names
 * the section), with a kind. SQLite cannot relax NOT NULL in place: the
 * table is made anew. Done only where annotation still has item_id (tests
 * fake an older schema on a current file). */
gboolean
_attest_annotations_migrate (AttestWorkspace  *self,
                             GError          **error)
{
  g_autofree char *old = _attest_workspace_query_text (self, "SELECT 1 FROM pragma_table_info ('annotation') "
                                                             "WHERE name = 'item_id'");
  static const char links[] =
    "CREATE TABLE IF NOT EXISTS annotation_item ("
    "  annotation_id INTEGER NOT NULL REFERENCES annotation (id),"
    "  item_id INTEGER NOT NULL REFERENCES checklist_item (id),"
    "  PRIMARY KEY (annotation_id, item_id)"
    ");"
    "CREATE INDEX IF NOT EXISTS annotation_item_item ON annotation_item (item_id);"
    "CREATE INDEX IF NOT EXISTS annotation_sha256 ON annotation (sha256);"
    "CREATE INDEX IF NOT EXISTS annotation_section ON annotation (section);";
  static const char rebuild[] =
    "CREATE TABLE annotation_v10 ("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT REFERENCES evidence (sha256),"
    "  section TEXT,"
    /* NULL for a mark from before: its rectangles say (a point is a note). */
    "  kind TEXT CHECK (kind IS NULL OR kind IN ('highlight', 'rectangle', 'note')),"
    "  page INTEGER NOT NULL DEFAULT 0 CHECK (page >= 0),"
    "  rects TEXT NOT NULL DEFAULT '[]',"
    "  color TEXT NOT NULL DEFAULT '#f6d32d',"
    "  text TEXT NOT NULL DEFAULT '',"
    "  quote TEXT NOT NULL DEFAULT '',"
    "  CHECK ((sha256 IS NULL) <> (section IS NULL))"
    ");"
    "INSERT INTO annotation_v10 (id, sha256, kind, page, rects, color, text) "
    "  SELECT id, sha256, NULL, "
    "         page, rects, color, text FROM annotation;"
    "CREATE TEMP TABLE annotation_v9_links AS SELECT id, item_id FROM annotation "
    "  WHERE item_id IN (SELECT id FROM checklist_item);"
    "DROP TABLE annotation;"
    "ALTER TABLE annotation_v10 RENAME TO annotation;";

  if (old != NULL && !_attest_workspace_exec (self, rebuild, error))
    return FALSE;
  if (!_attest_workspace_exec (self, links, error))
    return FALSE;
  if (old != NULL &&
      !_attest_workspace_exec (self, "INSERT OR IGNORE INTO annotation_item (annotation_id, item_id) "
                                     "  SELECT id, item_id FROM temp.annotation_v9_links;"
                                     "DROP TABLE temp.annotation_v9_links;", error))
    return FALSE;
  return TRUE;
}
