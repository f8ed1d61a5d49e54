/* attest-workspace-annotations.c: highlights and comments on evidence PDFs
 *
 * Kept beside the file, never in it: the stored bytes stay as attached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-annotations"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "attest-history.h"
#include "attest-search.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist-private.h"
#include "attest-workspace-private.h"

void
attest_annotation_free (AttestAnnotation *a)
{
  if (a == NULL)
    return;
  g_free (a->sha256);
  g_clear_pointer (&a->rects, g_array_unref);
  g_free (a->color);
  g_free (a->text);
  g_free (a);
}

static JsonNode *
annotation_json (const AttestAnnotation *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "evidence");
  json_builder_add_string_value (b, a->sha256);
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, a->page);
  json_builder_set_member_name (b, "rects");
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
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, a->color != NULL ? a->color : "#f6d32d");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, a->text != NULL ? a->text : "");
  json_builder_set_member_name (b, "item");
  if (a->item_id > 0)
    json_builder_add_int_value (b, a->item_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
valid_color (const char *color)
{
  if (color == NULL)
    return TRUE;
  if (strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/**
 * attest_workspace_add_annotation:
 * @annotation: (inout): its id is set once committed
 */
gboolean
attest_workspace_add_annotation (AttestWorkspace   *self,
                                 AttestAnnotation  *a,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) rects = NULL;
  g_autofree char *rects_json = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (a != NULL && a->sha256 != NULL, FALSE);

  if (!valid_color (a->color))
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("“%s” is not a colour (use #rrggbb)"), a->color);
      return FALSE;
    }
  for (guint i = 0; a->rects != NULL && i < a->rects->len; i++)
    {
      const AttestRect *r = &g_array_index (a->rects, AttestRect, i);
      if (!isfinite (r->x1) || !isfinite (r->y1) || !isfinite (r->x2) || !isfinite (r->y2))
        {
          g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                       _("An annotation's rectangle must have finite coordinates"));
          return FALSE;
        }
    }

  after = annotation_json (a);
  rects = json_object_dup_member (json_node_get_object (after), "rects");
  rects_json = json_to_string (rects, FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;

  /* An item of a cell never edited: this edit stores its checklist. */
  if (a->item_id < 0)
    {
      gint64 stored = _attest_workspace_store_item (self, a->item_id, NULL, error);

      if (stored == 0)
        goto fail;
      a->item_id = stored;
      g_clear_pointer (&after, json_node_unref);
      after = annotation_json (a);
    }

  stmt = _attest_workspace_prepare (self, "INSERT INTO annotation (sha256, page, rects, color, text, item_id) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, a->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int)a->page);
  sqlite3_bind_text (stmt, 3, rects_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, a->color != NULL ? a->color : "#f6d32d", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, a->text != NULL ? a->text : "", -1, SQLITE_TRANSIENT);
  if (a->item_id > 0)
    sqlite3_bind_int64 (stmt, 6, a->item_id);
  else
    sqlite3_bind_null (stmt, 6);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      /* A missing evidence file or item is a foreign key failure: say so plainly. */
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                     _("No such evidence file or checklist item for this annotation"));
      else
        _attest_workspace_set_error (self, error, rc, _("could not update the workspace"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (_attest_workspace_get_db (self));
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (!_attest_history_append (self, "annotation", id_text, "create", NULL, after, error) ||
      (a->text != NULL && *a->text != '\0' &&
       !_attest_search_put (self, "annotation", id_text, a->sha256, a->text, error)))
    goto fail;

  if (!_attest_workspace_commit (self, error))
    return FALSE;
  a->id = id;
  return TRUE;

fail:
  _attest_workspace_rollback (self);
  return FALSE;
}

GPtrArray *
attest_workspace_list_annotations (AttestWorkspace  *self,
                                   const char       *sha256,
                                   GError          **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)attest_annotation_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), NULL);

  stmt = _attest_workspace_prepare (self, "SELECT id, sha256, page, rects, color, text, item_id FROM annotation "
                                          "WHERE ?1 IS NULL OR sha256 = ?1 ORDER BY sha256, page, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttestAnnotation *a = g_new0 (AttestAnnotation, 1);
      const char *stored = _attest_column_text (stmt, 3);
      /* Depth-bounded: the file is untrusted, and parsing recurses. */
      g_autoptr(JsonNode) rects = stored != NULL ? attest_history_parse_json (stored, NULL) : NULL;

      a->id = sqlite3_column_int64 (stmt, 0);
      a->sha256 = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      a->page = (int)CLAMP (sqlite3_column_int64 (stmt, 2), 0, G_MAXINT);
      a->rects = g_array_new (FALSE, TRUE, sizeof (AttestRect));
      if (rects != NULL && JSON_NODE_HOLDS_ARRAY (rects))
        {
          JsonArray *arr = json_node_get_array (rects);
          for (guint i = 0; i < json_array_get_length (arr); i++)
            {
              JsonArray *q = json_array_get_array_element (arr, i);
              AttestRect r = { 0 };
              if (q == NULL || json_array_get_length (q) != 4)
                continue;
              r.x1 = json_array_get_double_element (q, 0);
              r.y1 = json_array_get_double_element (q, 1);
              r.x2 = json_array_get_double_element (q, 2);
              r.y2 = json_array_get_double_element (q, 3);
              g_array_append_val (a->rects, r);
            }
        }
      a->color = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      a->text = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      a->item_id = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, a);
    }
  if (rc != SQLITE_DONE)
    {
      _attest_workspace_set_error (self, error, rc, _("could not read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
attest_workspace_delete_annotation (AttestWorkspace  *self,
                                    gint64            id,
                                    GError          **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  AttestAnnotation *found = NULL;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (self), FALSE);

  if (!_attest_workspace_begin (self, error))
    return FALSE;
  all = attest_workspace_list_annotations (self, NULL, error);
  if (all == NULL)
    goto fail;
  for (guint i = 0; i < all->len; i++)
    if (((AttestAnnotation *)all->pdata[i])->id == id)
      found = all->pdata[i];
  if (found == NULL)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND,
                   _("No annotation %s"), id_text);
      goto fail;
    }
  before = annotation_json (found);

  stmt = _attest_workspace_prepare (self, "DELETE FROM annotation WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
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
