/* test-annotations.c: annotations on evidence and page sections, linked to items of any cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "attest-history.h"
#include "attest-search.h"
#include "attest-test-workspace.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-locate.h"
#include "attest-workspace-private.h"

typedef AttestTestFixture Fixture;

#define SECTION "framework:soc#soc-1-2-and-3-reports-overview"

/* Item @n (from 1) of a cell, as the window gets it: a cell never edited gives a template item. */
static gint64
item_of (Fixture    *f,
         const char *scope,
         const char *service,
         guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (f->ws, scope, service, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, n);
  return ((AttestChecklistItem *)items->pdata[n - 1])->id;
}

/* The stored id of item @n of a cell (stored now if need be). */
static gint64
stored_item (Fixture    *f,
             const char *scope,
             const char *service,
             guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_test_stored_checklist (f->ws, scope, service, &error);

  g_assert_no_error (error);
  return ((AttestChecklistItem *)items->pdata[n - 1])->id;
}

static char *
attach (Fixture *f,
        int      page_count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4 stand-in", 17);
  char *sha = NULL;

  g_assert_true (attest_workspace_attach_evidence (f->ws, item_of (f, "soc/soc-2", "intune", 1), "report.pdf", bytes,
                                                   "application/pdf", NULL, NULL, page_count, NULL, &sha, &error));
  g_assert_no_error (error);
  return sha;
}

static AttestAnnotation *
rectangle_on (const char *sha,
              guint       page)
{
  AttestAnnotation *a = attest_annotation_new (ATTEST_ANNOTATION_RECTANGLE);
  AttestRect r = { 72, 100, 300, 140 };

  a->sha256 = g_strdup (sha);
  a->page = page;
  g_array_append_val (a->rects, r);
  a->color = g_strdup ("#62a0ea");
  a->text = g_strdup ("Qualified opinion on logical access");
  return a;
}

static guint
history_rows (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, "annotation", &error);

  g_assert_no_error (error);
  return rows->len;
}

static guint
hits (Fixture    *f,
      const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = attest_workspace_search (f->ws, query, 50, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (((AttestSearchResult *)found->pdata[i])->kind, "annotation"))
      n++;
  return n;
}

static guint
problems (Fixture    *f,
          const char *text)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (attest_workspace_verify (f->ws, list, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      g_test_message ("problem: %s", (char *)list->pdata[i]);
      if (text == NULL || strstr (list->pdata[i], text) != NULL)
        n++;
    }
  return n;
}

/* One mark supports items of two cells; each item finds it. */
static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 12);
  g_autoptr(AttestAnnotation) a = rectangle_on (sha, 3);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(AttestAnnotation) got = NULL;
  guint rows = history_rows (f);
  gint64 soc2, soc1;

  attest_annotation_add_item (a, item_of (f, "soc/soc-2", "intune", 5));
  attest_annotation_add_item (a, item_of (f, "soc/soc-1", "intune", 2));
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->id, >, 0);
  g_assert_cmpuint (history_rows (f), ==, rows + 1);

  soc2 = stored_item (f, "soc/soc-2", "intune", 5);
  soc1 = stored_item (f, "soc/soc-1", "intune", 2);
  g_assert_cmpint (soc1, >, 0);
  g_assert_cmpint (soc2, >, 0);
  g_assert_cmpuint (a->item_ids->len, ==, 2);
  g_assert_true (attest_annotation_has_item (a, soc1));
  g_assert_true (attest_annotation_has_item (a, soc2));

  got = attest_workspace_get_annotation (f->ws, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->kind, ==, ATTEST_ANNOTATION_RECTANGLE);
  g_assert_cmpuint (got->page, ==, 3);
  g_assert_cmpuint (got->item_ids->len, ==, 2);
  g_assert_cmpint (got->item_id, ==, MIN (soc1, soc2));
  g_assert_cmpfloat (g_array_index (got->rects, AttestRect, 0).y2, ==, 140);

  first = attest_workspace_list_item_annotations (f->ws, soc1, &error);
  second = attest_workspace_list_item_annotations (f->ws, soc2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpint (((AttestAnnotation *)first->pdata[0])->id, ==, a->id);

  /* An item that is not there: refused, nothing written. */
  {
    g_autoptr(AttestAnnotation) bad = rectangle_on (sha, 0);
    attest_annotation_add_item (bad, 999999);
    g_assert_false (attest_workspace_add_annotation (f->ws, bad, &error));
    g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpuint (history_rows (f), ==, rows + 1);
  g_assert_cmpuint (problems (f, NULL), ==, 0);
}

/* Text, colour and links are edited, one history row each; nothing else moves. */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 12);
  g_autoptr(AttestAnnotation) a = rectangle_on (sha, 1);
  g_autoptr(AttestAnnotation) edit = NULL;
  g_autoptr(AttestAnnotation) got = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 item;
  guint before;

  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hits (f, "logical"), ==, 1);
  before = history_rows (f);

  edit = attest_workspace_get_annotation (f->ws, a->id, &error);
  g_free (edit->text);
  edit->text = g_strdup ("Exception in change management");
  g_free (edit->color);
  edit->color = g_strdup ("#e01b24");
  attest_annotation_add_item (edit, item_of (f, "soc/soc-2", "intune", 3));
  /* Where it is does not change with an edit. */
  edit->page = 7;
  g_assert_true (attest_workspace_update_annotation (f->ws, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (history_rows (f), ==, before + 1);

  item = stored_item (f, "soc/soc-2", "intune", 3);
  got = attest_workspace_get_annotation (f->ws, a->id, &error);
  g_assert_cmpstr (got->text, ==, "Exception in change management");
  g_assert_cmpstr (got->color, ==, "#e01b24");
  g_assert_cmpuint (got->page, ==, 1);
  g_assert_cmpuint (got->item_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (got->item_ids, gint64, 0), ==, item);
  g_assert_cmpuint (hits (f, "logical"), ==, 0);
  g_assert_cmpuint (hits (f, "change management"), ==, 1);

  /* The same again: no row. */
  g_assert_true (attest_workspace_update_annotation (f->ws, got, &error));
  g_assert_cmpuint (history_rows (f), ==, before + 1);

  /* Unlinked; a bad colour refused, nothing changed. */
  g_array_set_size (got->item_ids, 0);
  g_assert_true (attest_workspace_update_annotation (f->ws, got, &error));
  g_assert_cmpuint (history_rows (f), ==, before + 2);
  g_free (got->color);
  got->color = g_strdup ("#12345");
  g_assert_false (attest_workspace_update_annotation (f->ws, got, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (history_rows (f), ==, before + 2);

  rows = attest_workspace_list_history (f->ws, "annotation", &error);
  g_assert_cmpstr (((AttestHistoryEntry *)rows->pdata[rows->len - 1])->action, ==, "update");
  g_assert_cmpuint (problems (f, NULL), ==, 0);
}

/* Deleted, then given back as it was (the window's Undo): same id, same links. */
static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 12);
  g_autoptr(AttestAnnotation) a = rectangle_on (sha, 2);
  g_autoptr(AttestAnnotation) kept = NULL;
  g_autoptr(AttestAnnotation) back = NULL;
  guint before;

  attest_annotation_add_item (a, item_of (f, "soc/soc-2", "intune", 4));
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  kept = attest_workspace_get_annotation (f->ws, a->id, &error);
  g_assert_no_error (error);
  before = history_rows (f);

  g_assert_true (attest_workspace_delete_annotation (f->ws, a->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (history_rows (f), ==, before + 1);
  g_assert_null (attest_workspace_get_annotation (f->ws, a->id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (hits (f, "logical"), ==, 0);
  g_assert_false (attest_workspace_delete_annotation (f->ws, a->id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (attest_workspace_add_annotation (f->ws, kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kept->id, ==, a->id);
  back = attest_workspace_get_annotation (f->ws, a->id, &error);
  g_assert_cmpuint (back->item_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (back->item_ids, gint64, 0), ==, g_array_index (kept->item_ids, gint64, 0));
  g_assert_cmpuint (hits (f, "logical"), ==, 1);
  g_assert_cmpuint (history_rows (f), ==, before + 2);

  /* Its id is taken now. */
  g_assert_false (attest_workspace_add_annotation (f->ws, kept, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (problems (f, NULL), ==, 0);
}

/* A highlight on an offering page's section, stored the same way. */
static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestAnnotation) a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  g_autoptr(AttestAnnotation) bad = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) section = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AttestLocation) where = NULL;

  a->section = g_strdup (SECTION);
  a->quote = g_strdup ("an unqualified audit opinion");
  a->text = g_strdup ("Needed for the carve-out review");
  attest_annotation_add_item (a, item_of (f, "soc/soc-2", "intune", 2));
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);

  page = attest_workspace_list_section_annotations (f->ws, "soc", NULL, &error);
  section = attest_workspace_list_section_annotations (f->ws, "soc", "soc-1-2-and-3-reports-overview", &error);
  other = attest_workspace_list_section_annotations (f->ws, "iso-27001", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpuint (section->len, ==, 1);
  g_assert_cmpuint (other->len, ==, 0);
  g_assert_cmpstr (((AttestAnnotation *)section->pdata[0])->quote, ==, "an unqualified audit opinion");
  g_assert_null (((AttestAnnotation *)section->pdata[0])->sha256);

  /* Search finds it, and takes the reader to the section. */
  found = attest_workspace_search (f->ws, "carve-out", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpstr (((AttestSearchResult *)found->pdata[0])->kind, ==, "annotation");
  where = attest_workspace_locate_search_result (f->ws, "annotation", ((AttestSearchResult *)found->pdata[0])->ref,
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (where->kind, ==, ATTEST_LOCATION_PAGE_SECTION);
  g_assert_cmpstr (where->framework_id, ==, "soc");
  g_assert_cmpstr (where->section_key, ==, "soc-1-2-and-3-reports-overview");
  g_assert_cmpint (where->annotation_id, ==, a->id);

  /* No passage; no such framework; on a file and a section at once. */
  bad = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
  bad->section = g_strdup (SECTION);
  g_assert_false (attest_workspace_add_annotation (f->ws, bad, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad->quote = g_strdup ("x");
  g_free (bad->section);
  bad->section = g_strdup ("framework:no-such#overview");
  g_assert_false (attest_workspace_add_annotation (f->ws, bad, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bad->sha256 = g_strnfill (64, 'a');
  g_assert_false (attest_workspace_add_annotation (f->ws, bad, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (problems (f, NULL), ==, 0);
}

/* What the store refuses, each with its reason; nothing is written. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 4);
  guint rows = history_rows (f);
  struct {
    AttestAnnotationKind kind;
    AttestRect rect;
    guint page;
    const char *color;
    gboolean unknown_file;
    GQuark domain;
    int code;
    const char *says;
  } cases[] = {
    { ATTEST_ANNOTATION_RECTANGLE, { 10, 10, 20, 20 }, 4, NULL, FALSE, 0, ATTEST_STORE_ERROR_INVALID, "outside the document" },
    { ATTEST_ANNOTATION_RECTANGLE, { 10, 10, 20, 20 }, 0, NULL, TRUE, 0, ATTEST_STORE_ERROR_NOT_FOUND, "No evidence file" },
    { ATTEST_ANNOTATION_RECTANGLE, { 10, 10, 20, 20 }, 0, "#gggggg", FALSE, 0, ATTEST_STORE_ERROR_INVALID, "colour" },
    { ATTEST_ANNOTATION_RECTANGLE, { -5, 10, 20, 20 }, 0, NULL, FALSE, 0, ATTEST_STORE_ERROR_INVALID, "outside" },
    { ATTEST_ANNOTATION_RECTANGLE, { 30, 10, 20, 20 }, 0, NULL, FALSE, 0, ATTEST_STORE_ERROR_INVALID, "width" },
    { ATTEST_ANNOTATION_NOTE, { 10, 10, 20, 20 }, 0, NULL, FALSE, 0, ATTEST_STORE_ERROR_INVALID, "point" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttestAnnotation) a = attest_annotation_new (cases[i].kind);

      a->sha256 = cases[i].unknown_file ? g_strnfill (64, 'b') : g_strdup (sha);
      a->page = cases[i].page;
      g_array_append_val (a->rects, cases[i].rect);
      a->color = g_strdup (cases[i].color);
      g_assert_false (attest_workspace_add_annotation (f->ws, a, &error));
      g_assert_error (error, ATTEST_STORE_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_clear_error (&error);
    }
  /* No rectangle at all. */
  {
    g_autoptr(AttestAnnotation) a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
    a->sha256 = g_strdup (sha);
    g_assert_false (attest_workspace_add_annotation (f->ws, a, &error));
    g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpuint (history_rows (f), ==, rows);
}

/* The digests cover marks and their links: a change behind history's back is named. */
static void
test_verify_covers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 12);
  g_autoptr(AttestAnnotation) a = rectangle_on (sha, 0);
  g_autofree char *sql = NULL;

  attest_annotation_add_item (a, item_of (f, "soc/soc-2", "intune", 5));
  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems (f, NULL), ==, 0);

  sql = g_strdup_printf ("DELETE FROM annotation_item WHERE annotation_id = %" G_GINT64_FORMAT, a->id);
  g_assert_true (_attest_workspace_exec (f->ws, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems (f, "annotations"), >=, 1);
}

static void
test_verify_covers_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 12);
  g_autoptr(AttestAnnotation) a = rectangle_on (sha, 0);

  g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
  g_assert_cmpuint (problems (f, NULL), ==, 0);
  g_assert_true (_attest_workspace_exec (f->ws, "UPDATE annotation SET color = '#000000'", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems (f, "annotations"), >=, 1);
}

/* A schema 9 workspace: its annotations' one item moves to the links, a point becomes a note. */
static void
test_migrates (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = attach (f, 12);
  gint64 item = stored_item (f, "soc/soc-2", "intune", 5);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AttestAnnotation *note, *mark;
  sqlite3 *db = NULL;

  g_clear_object (&f->ws);
  sql = g_strdup_printf ("DROP TABLE annotation_item; DROP TABLE annotation;"
                         "CREATE TABLE annotation ("
                         "  id INTEGER PRIMARY KEY,"
                         "  sha256 TEXT NOT NULL REFERENCES evidence (sha256),"
                         "  page INTEGER NOT NULL CHECK (page >= 0),"
                         "  rects TEXT NOT NULL DEFAULT '[]',"
                         "  color TEXT NOT NULL DEFAULT '#f6d32d',"
                         "  text TEXT NOT NULL DEFAULT '',"
                         "  item_id INTEGER REFERENCES checklist_item (id));"
                         "INSERT INTO annotation VALUES (4, '%s', 2, '[[10,20,10,20]]', '#62a0ea', 'a note', %"
                         G_GINT64_FORMAT ");"
                         "INSERT INTO annotation VALUES (9, '%s', 0, '[[10,20,50,30],[10,32,40,44]]', '#f6d32d', "
                         "'a mark', NULL);"
                         /* A crafted row: kept, its rectangles unreadable. */
                         "INSERT INTO annotation VALUES (12, '%s', 0, '{', '#f6d32d', 'not JSON', 424242);"
                         "PRAGMA user_version = 9;", sha, item, sha, sha);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (f->ws));
  list = attest_workspace_list_annotations (f->ws, sha, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  mark = list->pdata[0];
  note = list->pdata[2];
  g_assert_cmpint (((AttestAnnotation *)list->pdata[1])->id, ==, 12);
  g_assert_cmpuint (((AttestAnnotation *)list->pdata[1])->rects->len, ==, 0);
  g_assert_cmpuint (((AttestAnnotation *)list->pdata[1])->item_ids->len, ==, 0);
  g_assert_cmpint (note->id, ==, 4);
  g_assert_cmpint (note->kind, ==, ATTEST_ANNOTATION_NOTE);
  g_assert_cmpuint (note->item_ids->len, ==, 1);
  g_assert_cmpint (note->item_id, ==, item);
  g_assert_cmpstr (note->color, ==, "#62a0ea");
  g_assert_cmpint (mark->id, ==, 9);
  g_assert_cmpint (mark->kind, ==, ATTEST_ANNOTATION_HIGHLIGHT);
  g_assert_cmpuint (mark->rects->len, ==, 2);
  g_assert_cmpuint (mark->item_ids->len, ==, 0);

  /* And it takes a page-section mark now. */
  {
    g_autoptr(AttestAnnotation) a = attest_annotation_new (ATTEST_ANNOTATION_HIGHLIGHT);
    a->section = g_strdup (SECTION);
    a->quote = g_strdup ("opinion");
    g_assert_true (attest_workspace_add_annotation (f->ws, a, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/annotations/" name, Fixture, NULL, attest_test_fixture_seeded, fn, \
                                  attest_test_fixture_teardown)
  ADD ("links", test_links);
  ADD ("edit", test_edit);
  ADD ("delete-and-undo", test_delete_and_undo);
  ADD ("section", test_section);
  ADD ("refused", test_refused);
  ADD ("verify-covers-links", test_verify_covers);
  ADD ("verify-covers-text", test_verify_covers_text);
  ADD ("migrates", test_migrates);
#undef ADD

  return g_test_run ();
}
