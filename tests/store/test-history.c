/* test-history.c: attest_workspace_verify, and history rows put in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "attest-history.h"
#include "attest-test-workspace.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-names.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-private.h"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  char *sha256;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) report = g_bytes_new_static ("SOC 2 type 2 report", 19);
  g_autoptr(GError) error = NULL;

  f->ws = attest_test_workspace_new ("attest-history", "Dana", &f->dir, &f->path);

  attest_test_import_bundled (f->ws, NULL);
  items = attest_workspace_get_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[1])->id, "exception",
                                               "Sam", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (f->ws, "cell:soc/soc-2:intune", "Ask about\nthe bridge letter", NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_attach_evidence (f->ws, ((AttestChecklistItem *)items->pdata[2])->id, "type2.pdf",
                                                   report, "application/pdf", "2026-01-01", NULL, -1, NULL,
                                                   &f->sha256, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
  g_free (f->sha256);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 3000);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *head = attest_workspace_get_fingerprint (f->ws, NULL);
  g_autofree char *sql = NULL;

  /* Intact: no problem, the fingerprint is the history's head. */
  g_assert_true (attest_workspace_verify (f->ws, problems, &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (fingerprint, ==, head);
  g_assert_cmpuint (strlen (fingerprint), ==, 64);
  g_clear_pointer (&fingerprint, g_free);

  /* Other problems already listed are kept; new ones are added after them. */
  g_ptr_array_add (problems, g_strdup ("earlier"));

  /* A history row and an evidence file changed behind Attest's back: both named. */
  exec_sql (f->path, "UPDATE history SET reviewer = 'Mallory' WHERE id = 3");
  sql = g_strdup_printf ("UPDATE evidence SET data = X'00' WHERE sha256 = '%s'", f->sha256);
  exec_sql (f->path, sql);
  g_assert_true (attest_workspace_verify (f->ws, problems, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (problems->pdata[0], ==, "earlier");
  g_assert_true (g_str_has_prefix (problems->pdata[1], "history row 3 "));
  g_assert_nonnull (strstr (problems->pdata[2], "type2.pdf"));
}

static void
test_verify_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  char *fingerprint = NULL;

  /* The cancellable of the calling thread is honoured: nothing reported. */
  g_cancellable_cancel (cancellable);
  g_cancellable_push_current (cancellable);
  g_assert_false (attest_workspace_verify (f->ws, problems, &fingerprint, &error));
  g_cancellable_pop_current (cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (fingerprint);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_error (&error);

  /* Not cancelled: as without one, and the progress handler is gone after. */
  g_cancellable_reset (cancellable);
  g_cancellable_push_current (cancellable);
  g_assert_true (attest_workspace_verify (f->ws, problems, &fingerprint, &error));
  g_cancellable_pop_current (cancellable);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (fingerprint);
  g_free (fingerprint);
}

/* The description of the last row of @entity. */
static AttestHistoryDescription *
describe_last (Fixture    *f,
               const char *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, entity, &error);
  g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (f->ws);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  return attest_history_describe (rows->pdata[rows->len - 1], names);
}

static char *
joined (AttestHistoryDescription *d)
{
  /* Borrowed strings: the array frees none of them. */
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  for (guint i = 0; i < d->changes->len; i++)
    g_ptr_array_add (lines, d->changes->pdata[i]);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **)lines->pdata);
}

static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AttestHistoryDescription) item = describe_last (f, "checklist-item");
  g_autoptr(AttestHistoryDescription) import = describe_last (f, "framework");
  g_autoptr(AttestHistoryDescription) note = describe_last (f, "note");
  g_autoptr(AttestHistoryDescription) evidence = describe_last (f, "evidence");
  g_autofree char *item_text = joined (item);
  g_autofree char *import_text = joined (import);
  g_autofree char *evidence_text = joined (evidence);
  g_autofree char *whole = attest_history_description_to_string (item);

  /* Only the fields that changed, before → after, status in words. */
  g_assert_cmpstr (item->what, ==, "Checklist item updated");
  g_assert_cmpstr (item->subject, ==, "SOC 2 × Intune, item 2");
  /* The cell's first edit: it stored the checklist, and says what it stored. */
  g_assert_cmpstr (item_text, ==, "status: not started → exception\nowner: — → Sam\n"
                                  "6 items from the template\n1. Type 2 report obtained and covers the service\n"
                                  "2. Report period within 12 months\n3. Bridge letter covers the gap\n"
                                  "4. Complementary user entity controls reviewed\n5. Exceptions and opinion reviewed\n"
                                  "6. Carved-out subservice organizations reviewed");
  g_assert_true (g_str_has_prefix (whole, "Checklist item updated: SOC 2 × Intune, item 2\n"
                                          "status: not started → exception\nowner: — → Sam\n6 items"));

  /* Opening the cell wrote nothing: its first edit stored its checklist. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) created = attest_workspace_list_history (f->ws, "checklist", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (created->len, ==, 0);
  }

  /* The last page imported is SOC's (byte order of paths): its three scopes. */
  g_assert_cmpstr (import->what, ==, "Page imported");
  g_assert_cmpstr (import->subject, ==, "SOC");
  /* The page's language named, not its code (issue 19). */
  g_assert_cmpstr (import->changes->pdata[0], ==, "offering-soc.fr-FR.md · French (France)");
  g_assert_nonnull (strstr (import_text, "\nSOC 2: added Azure, "));
  g_assert_nonnull (strstr (import_text, "\nSOC 3: added "));

  /* A note on its target, on one line. */
  g_assert_cmpstr (note->what, ==, "Note added");
  g_assert_cmpstr (note->subject, ==, "SOC 2 × Intune");
  g_assert_cmpuint (note->changes->len, ==, 1);
  g_assert_cmpstr (note->changes->pdata[0], ==, "text: “Ask about the bridge letter”");

  g_assert_cmpstr (evidence->what, ==, "Evidence attached");
  g_assert_cmpstr (evidence->subject, ==, "type2.pdf");
  g_assert_cmpstr (evidence_text, ==, "to SOC 2 × Intune, item 3\n19 bytes\neffective: 2026-01-01");
}

static void
test_describe_unknown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (f->ws);
  AttestHistoryEntry entry = { 0 };
  g_autoptr(AttestHistoryDescription) d = NULL;
  g_autoptr(AttestHistoryDescription) broken = NULL;
  g_autoptr(AttestHistoryDescription) odd = NULL;
  g_autofree char *text = NULL;
  g_autofree char *odd_text = NULL;

  /* A pair this build does not know (a newer Attest wrote it): shown as it is. */
  entry.entity = (char *)"widget";
  entry.entity_id = (char *)"w-1";
  entry.action = (char *)"polish";
  entry.before = (char *)"{\"shine\":1,\"tags\":[\"a\",\"b\"],\"gone\":true}";
  entry.after = (char *)"{\"shine\":2,\"tags\":[\"a\",\"b\"],\"new\":null}";
  d = attest_history_describe (&entry, names);
  g_assert_cmpstr (d->what, ==, "widget polish");
  g_assert_cmpstr (d->subject, ==, "w-1");
  text = joined (d);
  g_assert_cmpstr (text, ==, "shine: 1 → 2\nnew: — → —\ngone: yes → —");

  /* Not JSON at all (a row tampered with): the raw text. */
  entry.entity = (char *)"checklist-item";
  entry.entity_id = (char *)"soc/soc-9:nobody#4";
  entry.action = (char *)"update";
  entry.before = NULL;
  entry.after = (char *)"{not json";
  broken = attest_history_describe (&entry, names);
  g_assert_cmpstr (broken->subject, ==, "soc/soc-9 × nobody, item 4");
  g_assert_cmpuint (broken->changes->len, ==, 1);
  g_assert_cmpstr (broken->changes->pdata[0], ==, "{not json");

  /* A checklist whose lines are not all text: those lines are blank. */
  entry.entity = (char *)"checklist";
  entry.entity_id = (char *)"soc/soc-2:intune";
  entry.action = (char *)"create";
  entry.after = (char *)"[\"Bridge letter covers the gap\",{\"x\":1},[2],7,null,\"Our own line\"]";
  odd = attest_history_describe (&entry, names);
  odd_text = joined (odd);
  g_assert_cmpstr (odd_text, ==, "6 items from the template\n1. Bridge letter covers the gap\n2. \n3. \n4. \n5. \n"
                                 "6. Our own line");
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AttestWorkspaceNames) names = attest_workspace_names_new (f->ws);
  g_autofree char *evidence = g_strdup_printf ("evidence:%s", f->sha256);
  static const struct { const char *target, *name; } cases[] = {
    { "framework:mars-e", "MARS-E 2.0" },
    { "framework:soc#audit-cycle", "SOC — " },
    { "scope:soc/soc-3", "SOC 3" },
    { "service:power-bi", "Power BI" },
    { "cell:soc/soc-2:intune", "SOC 2 × Intune" },
    { "cell:nope", "cell:nope" },
    { "service:nope", "nope" },
    { "item:99999", "item 99999" },
    { "nothing", "nothing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = attest_workspace_names_target (names, cases[i].target);
      g_assert_true (g_str_has_prefix (name, cases[i].name));
    }
  {
    /* The section's heading as the page has it. */
    g_autofree char *section = attest_workspace_names_target (names, "framework:soc#audit-cycle");
    g_assert_cmpstr (section, !=, "SOC — audit-cycle");
  }
  {
    g_autofree char *name = attest_workspace_names_target (names, evidence);
    g_assert_cmpstr (name, ==, "type2.pdf");
  }
  g_assert_cmpstr (attest_workspace_names_evidence (names, "00112233445566778899"), ==, "001122334455…");
}

/* Runs @sql with one text parameter of @len bytes (NULs included). */
static void
exec_with_bytes (const char *path,
                 const char *sql,
                 const char *bytes,
                 gsize       len)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 3000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, bytes, (int)len, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), >=, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static guint
count_problems (Fixture     *f,
                const char  *expected,
                gint64      *n_rows,
                char       **fingerprint)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_verify_expecting (f->ws, expected, problems, fingerprint, n_rows, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)problems->pdata[i]);
  return problems->len;
}

/* Whether verify names a problem holding @text. */
static gboolean
has_problem (Fixture    *f,
             const char *text)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_verify_expecting (f->ws, NULL, problems, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)problems->pdata[i]);
  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *shorter = NULL;
  g_autofree char *older = NULL;
  gint64 n_rows = 0, n_after = 0;
  guint n_problems;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_problems (f, NULL, &n_rows, &fingerprint), ==, 0);
  g_assert_cmpint (n_rows, >, 2);

  /* The history only grows: a fingerprint taken before is still in it. */
  older = g_strdup (fingerprint);
  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "later", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&fingerprint, g_free);
  g_assert_cmpuint (count_problems (f, older, &n_after, &fingerprint), ==, 0);
  g_assert_cmpint (n_after, ==, n_rows + 1);
  /* Upper case as a user may type it, and the empty history's. */
  {
    g_autofree char *upper = g_ascii_strup (older, -1);
    g_assert_cmpuint (count_problems (f, upper, NULL, NULL), ==, 0);
    g_assert_cmpuint (count_problems (f, ATTEST_HISTORY_GENESIS, NULL, NULL), ==, 0);
  }

  /* The newest rows deleted: what is left is a good chain, only shorter,
   * but the tables still hold what the deleted rows recorded: the note
   * added last is named, with what else they changed… */
  exec_sql (f->path, "DELETE FROM history WHERE id = (SELECT max (id) FROM history)");
  exec_sql (f->path, "DELETE FROM history WHERE id = (SELECT max (id) FROM history)");
  n_problems = count_problems (f, NULL, &n_after, &shorter);
  g_assert_cmpuint (n_problems, >, 0);
  g_assert_true (has_problem (f, "on SOC: in the tables, not in the history (added outside Attest)"));
  g_assert_cmpint (n_after, ==, n_rows - 1);
  g_assert_cmpstr (shorter, !=, fingerprint);
  /* …and the fingerprint taken before tells the rows are gone. */
  g_assert_cmpuint (count_problems (f, fingerprint, NULL, NULL), ==, n_problems + 1);
  g_assert_cmpuint (count_problems (f, older, NULL, NULL), ==, n_problems + 1);
  g_assert_cmpuint (count_problems (f, shorter, NULL, NULL), ==, n_problems);
}

static void
test_nul_byte (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, "note", &error);
  AttestHistoryEntry *note;
  g_autofree char *with_nul = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_cmpuint (count_problems (f, NULL, NULL, NULL), ==, 0);

  /* A NUL byte after a hashed field: C strings would hash it unchanged. */
  note = rows->pdata[0];
  len = strlen (note->after) + 1;
  with_nul = g_malloc0 (len);
  memcpy (with_nul, note->after, len - 1);
  exec_with_bytes (f->path, "UPDATE history SET after = ?1 WHERE entity = 'note'", with_nul, len);

  g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "changed after it was written"));
}

/* Scheme 1, as rows were hashed before scheme 2: C strings, no position. */
static char *
hash_scheme_1 (const char * const *fields)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < 8; i++)
    {
      const char *v = fields[i] != NULL ? fields[i] : "";
      g_autofree char *len = g_strdup_printf ("%c%zu:", fields[i] != NULL ? 's' : 'n', strlen (v));
      g_checksum_update (sum, (const guchar *)len, -1);
      g_checksum_update (sum, (const guchar *)v, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_scheme_1 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, NULL, &error);
  g_autofree char *prev = g_strdup (ATTEST_HISTORY_GENESIS);
  g_autofree char *fingerprint = NULL;
  g_autofree char *with_nul = NULL;
  gint64 n_rows = 0;
  gsize len;

  g_assert_no_error (error);
  /* The history as a workspace written before scheme 2 holds it. */
  for (guint i = 0; i < rows->len; i++)
    {
      AttestHistoryEntry *e = rows->pdata[i];
      const char *fields[] = { prev, e->at, e->reviewer, e->entity, e->entity_id, e->action, e->before, e->after };
      g_autofree char *hash = hash_scheme_1 (fields);
      g_autofree char *sql = g_strdup_printf ("UPDATE history SET prev_hash = '%s', hash = '%s', state = NULL "
                                              "WHERE id = %" G_GINT64_FORMAT, prev, hash, e->id);
      exec_sql (f->path, sql);
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }

  /* Its chain checks out, and its fingerprint stays what it was. */
  g_assert_cmpuint (count_problems (f, NULL, &n_rows, &fingerprint), ==, 0);
  g_assert_cmpstr (fingerprint, ==, prev);
  g_assert_cmpint (n_rows, ==, rows->len);

  /* New rows follow in scheme 2; the old fingerprint is still in the chain. */
  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "after the upgrade", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_problems (f, prev, NULL, NULL), ==, 0);

  /* A scheme-1 row with a NUL byte added is no longer taken as intact. */
  len = strlen (((AttestHistoryEntry *)rows->pdata[0])->at) + 1;
  with_nul = g_malloc0 (len);
  memcpy (with_nul, ((AttestHistoryEntry *)rows->pdata[0])->at, len - 1);
  exec_with_bytes (f->path, "UPDATE history SET at = ?1 WHERE id = (SELECT min (id) FROM history)", with_nul, len);
  g_assert_cmpuint (count_problems (f, NULL, NULL, NULL), ==, 1);
}

/* A workspace written before rows recorded the state: its rows (scheme 2,
 * no record) still verify, and the state is covered from the first row
 * that records it on. */
static void
test_state_starts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, NULL, &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *prev = g_strdup (ATTEST_HISTORY_GENESIS);
  g_autofree char *fingerprint = NULL;
  g_autofree char *old_fingerprint = NULL;
  const char *tamper = "UPDATE checklist_item SET status = 'satisfied' "
                       "WHERE scope_id = 'soc/soc-2' AND service_id = 'intune' AND position = 1";

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      AttestHistoryEntry *e = rows->pdata[i];
      g_autofree char *hash = NULL;
      g_autofree char *sql = NULL;

      g_free (e->prev_hash);
      e->prev_hash = g_strdup (prev);
      g_clear_pointer (&e->state, g_free);
      hash = attest_history_compute_hash (e, i + 1);
      sql = g_strdup_printf ("UPDATE history SET prev_hash = '%s', hash = '%s', state = NULL "
                             "WHERE id = %" G_GINT64_FORMAT, prev, hash, e->id);
      exec_sql (f->path, sql);
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }
  /* As schema 6 had it, without the column: opening migrates it. */
  g_clear_object (&f->ws);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE history DROP COLUMN state; PRAGMA user_version = 6;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ATTEST_WORKSPACE_SCHEMA_VERSION, >=, 7);
  g_assert_cmpuint (count_problems (f, NULL, NULL, &old_fingerprint), ==, 0);
  g_assert_cmpstr (old_fingerprint, ==, prev);

  /* No row records the state yet: an edit outside Attest cannot be told. */
  exec_sql (f->path, tamper);
  g_assert_cmpuint (count_problems (f, NULL, NULL, NULL), ==, 0);

  /* The next change records it all… */
  items = attest_workspace_get_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[3])->id, NULL, "Kim",
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_problems (f, old_fingerprint, NULL, &fingerprint), ==, 0);
  g_assert_cmpstr (fingerprint, !=, old_fingerprint);

  /* …and from then on an edit outside Attest is named (its cell: the values
   * the older rows hold are not what the record took). */
  exec_sql (f->path, "UPDATE checklist_item SET status = 'in-progress' "
                     "WHERE scope_id = 'soc/soc-2' AND service_id = 'intune' AND position = 1");
  g_assert_true (has_problem (f, "checklist of SOC 2 × Intune: changed outside Attest since the history recorded "
                                 "it (row 9, Checklist item updated: SOC 2 × Intune, item 4"));
  /* Its record cannot be taken off the rows that have one. */
  exec_sql (f->path, "UPDATE history SET state = NULL WHERE id = (SELECT max (id) FROM history)");
  g_assert_true (has_problem (f, "its content was changed after it was written"));
}

/* Opening a cell writes nothing; its first edit stores its checklist, in
 * one transaction with one history row, whichever edit it is. */
static void
test_open_writes_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = attest_workspace_get_fingerprint (f->ws, &error);
  g_autofree char *after = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  gint64 n_rows = 0, n_after = 0;

  g_assert_cmpuint (count_problems (f, NULL, &n_rows, NULL), ==, 0);
  items = attest_workspace_get_checklist (f->ws, "soc/soc-1", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 4);
  g_assert_cmpint (((AttestChecklistItem *)items->pdata[0])->id, <, 0);
  g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->status, ==, "not-started");
  /* Opened again: the same provisional ids, and still nothing written. */
  again = attest_workspace_get_checklist (f->ws, "soc/soc-1", "intune", &error);
  g_assert_cmpint (((AttestChecklistItem *)again->pdata[2])->id, ==, ((AttestChecklistItem *)items->pdata[2])->id);
  after = attest_workspace_get_fingerprint (f->ws, &error);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *count = _attest_workspace_query_text (f->ws, "SELECT count (*) FROM checklist_item "
                                                                  "WHERE scope_id = 'soc/soc-1'");
    g_assert_cmpstr (count, ==, "0");
  }

  /* A note on an item not stored yet: one row, the note and the checklist. */
  target = g_strdup_printf ("item:%" G_GINT64_FORMAT, ((AttestChecklistItem *)items->pdata[2])->id);
  g_assert_true (attest_workspace_add_note (f->ws, target, "Ask for the bridge letter", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_problems (f, NULL, &n_after, NULL), ==, 0);
  g_assert_cmpint (n_after, ==, n_rows + 1);
  stored = attest_workspace_get_checklist (f->ws, "soc/soc-1", "intune", &error);
  g_assert_cmpuint (stored->len, ==, items->len);
  g_assert_cmpint (((AttestChecklistItem *)stored->pdata[2])->id, >, 0);
  history = attest_workspace_list_history (f->ws, "note", &error);
  {
    g_autofree char *stored_target = g_strdup_printf ("\"item:%" G_GINT64_FORMAT "\"",
                                                      ((AttestChecklistItem *)stored->pdata[2])->id);
    g_assert_nonnull (strstr (((AttestHistoryEntry *)history->pdata[history->len - 1])->after, stored_target));
  }
  /* The provisional id still names the item: a window opened before edits it. */
  g_assert_true (attest_workspace_update_item (f->ws, ((AttestChecklistItem *)items->pdata[2])->id, "satisfied",
                                               NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = attest_workspace_get_checklist (f->ws, "soc/soc-1", "intune", &error);
  g_assert_cmpstr (((AttestChecklistItem *)stored->pdata[2])->status, ==, "satisfied");
  g_assert_cmpuint (count_problems (f, NULL, &n_after, NULL), ==, 0);
  g_assert_cmpint (n_after, ==, n_rows + 2);
  /* No "Checklist created" row. */
  g_clear_pointer (&history, g_ptr_array_unref);
  history = attest_workspace_list_history (f->ws, "checklist", &error);
  g_assert_cmpuint (history->len, ==, 0);

  /* A cell never edited, its first status edited outside Attest after its
   * items were stored by evidence: named field by field. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = attest_workspace_get_checklist (f->ws, "soc/soc-3", "intune", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("%PDF-1.4 x", 10);
    g_assert_true (attest_workspace_attach_evidence (f->ws, ((AttestChecklistItem *)items->pdata[0])->id, "r.pdf",
                                                     bytes, "application/pdf", NULL, NULL, -1, NULL, NULL,
                                                     &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_problems (f, NULL, NULL, NULL), ==, 0);
  exec_sql (f->path, "UPDATE checklist_item SET owner = 'Mallory' WHERE scope_id = 'soc/soc-3' AND position = 4");
  g_assert_true (has_problem (f, "SOC 3 × Intune, item 4: owner is “Mallory” in the table, none by the history"));
}

static void
test_deep_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(AttestHistoryDescription) d = NULL;
  g_autofree char *open_brackets = NULL;
  g_autofree char *close_brackets = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *over = NULL;

  /* At the limit it parses; one deeper (brackets in strings do not count) is refused. */
  open_brackets = g_strnfill (ATTEST_HISTORY_JSON_MAX_DEPTH, '[');
  close_brackets = g_strnfill (ATTEST_HISTORY_JSON_MAX_DEPTH, ']');
  limit = g_strconcat (open_brackets, "\"[[{\"", close_brackets, NULL);
  node = attest_history_parse_json (limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  over = g_strconcat ("[", limit, "]", NULL);
  g_assert_null (attest_history_parse_json (over, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* 300 000 levels in a stored row: described (shown as text), no crash. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, ']');
  exec_with_bytes (f->path, "UPDATE history SET after = ?1 WHERE entity = 'note'", deep->str, deep->len);
  d = describe_last (f, "note");
  g_assert_nonnull (d);
  g_assert_cmpstr (d->what, ==, "Note added");
  g_assert_cmpuint (d->changes->len, ==, 1);
  g_assert_cmpuint (strlen (d->changes->pdata[0]), <=, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/history/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("verify", test_verify);
  ADD ("verify-cancelled", test_verify_cancelled);
  ADD ("describe", test_describe);
  ADD ("describe-unknown", test_describe_unknown);
  ADD ("names", test_names);
  ADD ("truncated", test_truncated);
  ADD ("nul-byte", test_nul_byte);
  ADD ("scheme-1", test_scheme_1);
  ADD ("state-starts", test_state_starts);
  ADD ("open-writes-nothing", test_open_writes_nothing);
  ADD ("deep-json", test_deep_json);
#undef ADD

  return g_test_run ();
}
