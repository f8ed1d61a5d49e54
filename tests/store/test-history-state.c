/* test-history-state.c: the state digests a history row records, rehashed
 * only where a write touched, against the digests of every table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "attest-history.h"
#include "attest-history-state.h"
#include "attest-importer.h"
#include "attest-paths.h"
#include "attest-test-workspace.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-links.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-private.h"
#include "attest-workspace-services.h"

/* The state kept for the head is what reading every table gives, part by
 * part and in its root; returns how many rows were recorded from a kept state. */
static guint
assert_kept_is_tables (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) now = _attest_state_compute (ws, &error);
  guint incremental = 0;
  GHashTable *kept = _attest_state_kept (ws, &incremental);
  g_autofree char *kept_root = NULL;
  g_autofree char *now_root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  g_assert_nonnull (now);
  g_assert_nonnull (kept);
  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AttestStatePart *a = value;
      AttestStatePart *b = g_hash_table_lookup (kept, key);

      if (b == NULL)
        g_error ("part %s: in the tables, not kept", (const char *)key);
      if (a->rows != b->rows || g_strcmp0 (a->digest, b->digest) != 0)
        g_error ("part %s: %" G_GINT64_FORMAT " %s in the tables, %" G_GINT64_FORMAT " %s kept",
                 (const char *)key, a->rows, a->digest, b->rows, b->digest);
    }
  g_hash_table_iter_init (&iter, kept);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (now, key))
      g_error ("part %s: kept, gone from the tables", (const char *)key);
  kept_root = _attest_state_root (kept);
  now_root = _attest_state_root (now);
  g_assert_cmpstr (kept_root, ==, now_root);

  /* The root the head recorded, its buckets rehashed as writes went, is the
   * root of every table's parts computed anew. */
  g_clear_pointer (&now_root, g_free);
  now_root = _attest_state_root2 (now);
  g_assert_true (g_str_has_prefix (now_root, "2:"));
  g_assert_cmpstr (_attest_state_kept_root (ws), ==, now_root);
  {
    g_autofree char *record = _attest_workspace_query_text (ws, "SELECT state FROM history "
                                                                "ORDER BY id DESC LIMIT 1", NULL);
    g_autofree char *quoted = g_strdup_printf ("\"root\":\"%s\"", now_root);

    g_assert_nonnull (record);
    g_assert_nonnull (strstr (record, quoted));
  }
  return incremental;
}

static guint
count_problems (AttestWorkspace *ws,
                const char      *text)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (attest_workspace_verify (ws, problems, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      g_test_message ("problem: %s", (char *)problems->pdata[i]);
      if (text == NULL || strstr (problems->pdata[i], text) != NULL)
        n++;
    }
  return n;
}

typedef struct {
  guint done;
  sqlite3 *limit_db;
} Progress;

/* After the second page, the "disk" is full: the third page fails and its
 * savepoint (and the open batch) roll back. */
static void
fill_disk (guint       done,
           guint       total,
           const char *path,
           gpointer    user_data)
{
  Progress *p = user_data;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;

  if (done != 2)
    return;
  g_assert_cmpint (sqlite3_prepare_v2 (p->limit_db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup_printf ("PRAGMA max_page_count = %d", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (p->limit_db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
attest_test_count (AttestWorkspace *ws,
                   const char      *sql)
{
  g_autofree char *text = _attest_workspace_query_text (ws, sql, NULL);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static gint64
first_item (AttestWorkspace *ws,
            const char      *scope,
            const char      *service,
            guint            index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_workspace_get_checklist (ws, scope, service, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, index);
  return ((AttestChecklistItem *)items->pdata[index])->id;
}

static void
test_incremental (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  AttestWorkspace *ws = attest_test_workspace_new ("attest-state", "Dana", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autofree char *offerings = attest_paths_bundled_offerings ();
  const char *paths[] = { offerings, NULL };
  g_autoptr(AttestImportSummary) failed = NULL;
  g_autoptr(GBytes) report = g_bytes_new_static ("SOC 2 type 2 report", 19);
  g_autofree char *sha256 = NULL;
  g_autofree char *note_text = NULL;
  Progress p = { 0, _attest_workspace_get_db (ws) };
  guint incremental, before;
  gint64 item, other, note = 0;
  sqlite3 *outside = NULL;

  /* An import whose third page fails on a full disk, rolled back with its
   * batch; then the whole import again. */
  failed = attest_importer_run (ws, paths, fill_disk, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (failed->error);
  g_assert_cmpuint (failed->failed, ==, 1);
  g_assert_cmpint (sqlite3_exec (p.limit_db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (attest_test_import_bundled (ws, NULL), >, 0);
  incremental = assert_kept_is_tables (ws);
  /* The pages after the first each rehashed only what they touched. */
  g_assert_cmpuint (incremental, >, 1);

  /* Checklist edits (the first stores the cell's checklist). */
  item = first_item (ws, "soc/soc-2", "intune", 1);
  g_assert_true (attest_workspace_update_item (ws, item, "exception", "Sam", NULL, &error));
  g_assert_no_error (error);
  item = first_item (ws, "soc/soc-2", "intune", 1);
  other = first_item (ws, "soc/soc-2", "intune", 2);
  before = incremental;
  incremental = assert_kept_is_tables (ws);
  g_assert_cmpuint (incremental, >, before);
  g_assert_true (attest_workspace_update_item (ws, other, "satisfied", "Lee", "2026-05-01", &error));
  g_assert_no_error (error);
  incremental = assert_kept_is_tables (ws);

  /* Evidence attached, linked to a second item, unlinked. */
  g_assert_true (attest_workspace_attach_evidence (ws, item, "report.pdf", report, "application/pdf", NULL, NULL,
                                                   0, NULL, &sha256, &error));
  g_assert_no_error (error);
  incremental = assert_kept_is_tables (ws);
  g_assert_true (attest_workspace_link_evidence (ws, other, sha256, &error));
  g_assert_no_error (error);
  incremental = assert_kept_is_tables (ws);
  g_assert_true (attest_workspace_unlink_evidence (ws, item, sha256, &error));
  g_assert_no_error (error);
  incremental = assert_kept_is_tables (ws);

  /* A note added, edited, and another deleted. */
  g_assert_true (attest_workspace_add_note (ws, "service:intune", "First", &note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (note, ==, 1);
  assert_kept_is_tables (ws);
  g_assert_true (attest_workspace_update_note (ws, note, "First, edited", &error));
  g_assert_no_error (error);
  assert_kept_is_tables (ws);
  g_assert_true (attest_workspace_add_note (ws, "framework:soc", "Second", &note, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_delete_note (ws, note, &error));
  g_assert_no_error (error);
  assert_kept_is_tables (ws);

  /* A link's document downloaded (a new file), then replaced by a file
   * already stored, attached by hand: each rehashed where it wrote. */
  {
    g_autoptr(GBytes) backgrounder = g_bytes_new_static ("%PDF-1.4 backgrounder", 21);

    g_assert_true (attest_workspace_set_link_document (ws, "https://aka.ms/mars-e-backgrounder",
                                                       ATTEST_LINK_DOCUMENT_DOWNLOADED,
                                                       "https://download.example.com/mars-e.pdf", NULL, "mars-e.pdf",
                                                       backgrounder, "application/pdf", -1, NULL, NULL, &error));
    g_assert_no_error (error);
    before = incremental;
    incremental = assert_kept_is_tables (ws);
    g_assert_cmpuint (incremental, >, before);
    g_assert_true (attest_workspace_set_link_document (ws, "https://aka.ms/mars-e-backgrounder",
                                                       ATTEST_LINK_DOCUMENT_ATTACHED, NULL, NULL, "report.pdf",
                                                       report, "application/pdf", -1, NULL, NULL, &error));
    g_assert_no_error (error);
    before = incremental;
    incremental = assert_kept_is_tables (ws);
    g_assert_cmpuint (incremental, >, before);
    g_assert_cmpint (attest_test_count (ws, "SELECT count(*) FROM link_document"), ==, 1);
  }

  /* Two services merged, then taken apart. */
  g_assert_true (attest_workspace_merge_services (ws, "power-apps", "power-automate", &error));
  g_assert_no_error (error);
  assert_kept_is_tables (ws);
  g_assert_true (attest_workspace_unmerge_service (ws, "power-automate", &error));
  g_assert_no_error (error);
  before = incremental;
  incremental = assert_kept_is_tables (ws);
  g_assert_cmpuint (incremental, >, before);

  /* A savepoint rolled back after its row was written, then one without a
   * row: the next row starts from what the tables hold. */
  g_assert_true (_attest_workspace_begin (ws, &error));
  g_assert_true (_attest_workspace_exec (ws, "SAVEPOINT page; UPDATE note SET text = 'lost' WHERE id = 1", &error));
  g_assert_true (_attest_history_append (ws, "note", "1", "update", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_attest_workspace_exec (ws, "ROLLBACK TO page; RELEASE page;"
                                             "SAVEPOINT page; DELETE FROM item_evidence;"
                                             "ROLLBACK TO page; RELEASE page", &error));
  g_assert_true (_attest_workspace_exec (ws, "UPDATE checklist_item SET owner = 'Kim' WHERE id = 1", &error));
  g_assert_true (_attest_history_append (ws, "checklist-item", "x", "update", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_attest_workspace_commit (ws, &error));
  assert_kept_is_tables (ws);
  note_text = _attest_workspace_query_text (ws, "SELECT text FROM note WHERE id = 1", NULL);
  g_assert_cmpstr (note_text, ==, "First, edited");

  /* An orphan link (its item deleted) is its own part, and back. */
  g_assert_true (_attest_workspace_exec (ws, "PRAGMA foreign_keys = OFF", &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM checklist_item WHERE id = %" G_GINT64_FORMAT, other);

    g_assert_true (_attest_workspace_begin (ws, &error));
    g_assert_true (_attest_workspace_exec (ws, sql, &error));
    g_assert_true (_attest_history_append (ws, "checklist-item", "y", "delete", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (_attest_workspace_commit (ws, &error));
    incremental = assert_kept_is_tables (ws);

    /* A crafted item whose scope is a blob spelling the same cell: in that
     * cell's part, read again when another item of the cell changes. */
    g_assert_true (_attest_workspace_begin (ws, &error));
    g_assert_true (_attest_workspace_exec (ws, "INSERT INTO checklist_item (scope_id, service_id, position, title) "
                                               "VALUES (CAST ('soc/soc-2' AS BLOB), 'intune', 99, 'Crafted')", &error));
    g_assert_true (_attest_history_append (ws, "checklist-item", "z", "update", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (_attest_workspace_commit (ws, &error));
    assert_kept_is_tables (ws);
    g_assert_true (attest_workspace_update_item (ws, item, "not-applicable", "Sam", NULL, &error));
    g_assert_no_error (error);
    before = incremental;
    incremental = assert_kept_is_tables (ws);
    g_assert_cmpuint (incremental, >, before);
    g_assert_true (_attest_workspace_exec (ws, "PRAGMA foreign_keys = ON", &error));
    g_assert_cmpint (attest_test_count (ws, "SELECT count(*) FROM item_evidence WHERE item_id NOT IN "
                                            "(SELECT id FROM checklist_item)"), ==, 1);
  }

  /* Another connection's write: the next row reads every table. */
  g_assert_cmpint (sqlite3_open (path, &outside), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (outside, "UPDATE note SET text = 'outside' WHERE id = 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (outside);
  g_assert_true (attest_workspace_update_item (ws, item, "in-progress", "Sam", NULL, &error));
  g_assert_no_error (error);
  before = incremental;
  incremental = assert_kept_is_tables (ws);
  g_assert_cmpuint (incremental, ==, before);

  attest_test_workspace_delete (&ws, &dir, &path);
}

/* The last row's record made to state @root, its hash written anew (as a
 * row written so would have it). */
static void
set_last_root (AttestWorkspace *ws,
               const char      *path,
               const char      *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (ws, NULL, &error);
  AttestHistoryEntry *e;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *hash = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  e = rows->pdata[rows->len - 1];
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);

    g_free (e->state);
    e->state = _attest_workspace_query_text (ws, "SELECT state FROM history WHERE id = ?1", id);
  }
  g_assert_nonnull (e->state);
  g_assert_true (json_parser_load_from_data (parser, e->state, -1, NULL));
  json_object_set_string_member (json_node_get_object (json_parser_get_root (parser)), "root", root);
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_free (e->state);
  e->state = json_generator_to_data (gen, NULL);
  hash = attest_history_compute_hash (e, rows->len);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 3000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE history SET state = ?1, hash = ?2 WHERE id = ?3", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, e->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, e->id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The root is a function of the parts alone, in either form; a workspace
 * whose last row recorded the first form (Attest before the second) still
 * verifies, and a root that does not add up is named in both forms. */
static void
test_root_forms (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  AttestWorkspace *ws = attest_test_workspace_new ("attest-state", "Dana", &dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) now = NULL;
  g_autoptr(GHashTable) copy = _attest_state_new_table ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *root1 = NULL;
  g_autofree char *root2 = NULL;
  g_autofree char *again = NULL;
  g_autofree char *changed = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (attest_test_import_bundled (ws, NULL), >, 0);
  g_assert_true (attest_workspace_add_note (ws, "framework:soc", "A note", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_problems (ws, NULL), ==, 0);

  now = _attest_state_compute (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (now), >, 1);
  root1 = _attest_state_root (now);
  root2 = _attest_state_root2 (now);
  g_assert_cmpstr (root1, !=, root2);
  {
    g_autofree char *as1 = _attest_state_root_as (now, root1);
    g_autofree char *as2 = _attest_state_root_as (now, root2);

    g_assert_cmpstr (as1, ==, root1);
    g_assert_cmpstr (as2, ==, root2);
  }

  /* The same parts put in another order: the same root. */
  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_insert (names, 0, key);
  for (guint i = 0; i < names->len; i++)
    {
      AttestStatePart *from = g_hash_table_lookup (now, names->pdata[i]);
      AttestStatePart *part = g_new0 (AttestStatePart, 1);

      part->rows = from->rows;
      part->digest = g_strdup (from->digest);
      g_hash_table_insert (copy, g_strdup (names->pdata[i]), part);
    }
  again = _attest_state_root2 (copy);
  g_assert_cmpstr (again, ==, root2);
  /* One part's row count, or its removal, changes it. */
  ((AttestStatePart *)g_hash_table_lookup (copy, "note:1"))->rows++;
  changed = _attest_state_root2 (copy);
  g_assert_cmpstr (changed, !=, root2);
  g_hash_table_remove (copy, "note:1");
  g_free (changed);
  changed = _attest_state_root2 (copy);
  g_assert_cmpstr (changed, !=, root2);
  g_hash_table_iter_init (&iter, copy);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_nonnull (((AttestStatePart *)value)->digest);

  /* The last row in the first form: it verifies… */
  set_last_root (ws, path, root1);
  g_assert_cmpuint (count_problems (ws, NULL), ==, 0);
  /* …and a root in either form that is not the parts' is named. */
  set_last_root (ws, path, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_cmpuint (count_problems (ws, "does not add up with the rows before it"), ==, 1);
  set_last_root (ws, path, changed);
  g_assert_cmpuint (count_problems (ws, "does not add up with the rows before it"), ==, 1);
  set_last_root (ws, path, root2);
  g_assert_cmpuint (count_problems (ws, NULL), ==, 0);

  attest_test_workspace_delete (&ws, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history-state/incremental", test_incremental);
  g_test_add_func ("/history-state/root-forms", test_root_forms);
  return g_test_run ();
}
