/* test-notes.c: adding, changing and deleting notes; their history and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>


#include "attest-history.h"
#include "attest-test-workspace.h"
#include "attest-search.h"
#include "attest-workspace-notes.h"

typedef AttestTestFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->ws = attest_test_workspace_new ("attest-notes", "Dana Reviewer", &f->dir, &f->path);
  /* Notes hang on things that exist: one page gives a framework and services. */
  g_assert_cmpuint (attest_test_import_bundled (f->ws, "offering-soc.fr-FR.md"), ==, 1);
}

/* An id as the store writes it; interned, so asserts can compare it. */
static const char *
note_id_str (gint64 id)
{
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_intern_string (s);
}

/* The note ids a search finds, as "1,3". */
static char *
search_notes (AttestWorkspace *ws,
              const char      *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = attest_workspace_search (ws, query, 50, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];

      if (!g_str_equal (r->kind, "note"))
        continue;
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, r->ref);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static GPtrArray *
note_history (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = attest_workspace_list_history (ws, "note", &error);

  g_assert_no_error (error);
  return rows;
}

static void
assert_chain_valid (AttestWorkspace *ws)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_verify_history (ws, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestNote) note = NULL;
  g_autoptr(AttestNote) again = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *found = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint2 = NULL;
  AttestHistoryEntry *row;
  gint64 id = 0, other = 0;

  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "Ask for the **bridge** letter", &id, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "Second note", &other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (other, !=, id);

  note = attest_workspace_get_note (f->ws, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (note->id, ==, id);
  g_assert_cmpstr (note->target, ==, "service:intune");
  g_assert_cmpstr (note->text, ==, "Ask for the **bridge** letter");
  g_assert_cmpstr (note->created_at, ==, note->updated_at);
  found = search_notes (f->ws, "bridge");
  g_assert_cmpstr (found, ==, note_id_str (id));
  g_clear_pointer (&found, g_free);

  /* Later than created, so updated_at moves. */
  g_usleep (2000);
  g_assert_true (attest_workspace_update_note (f->ws, id, "Ask for the **SOC 2 Type II** report", &error));
  g_assert_no_error (error);
  again = attest_workspace_get_note (f->ws, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->text, ==, "Ask for the **SOC 2 Type II** report");
  g_assert_cmpstr (again->target, ==, "service:intune");
  g_assert_cmpstr (again->created_at, ==, note->created_at);
  {
    g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (note->updated_at, NULL);
    g_autoptr(GDateTime) updated = g_date_time_new_from_iso8601 (again->updated_at, NULL);

    g_assert_cmpint (g_date_time_compare (updated, created), >, 0);
  }

  /* The index follows the text: the old word is gone, the new one found. */
  found = search_notes (f->ws, "bridge");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search_notes (f->ws, "Type II");
  g_assert_cmpstr (found, ==, note_id_str (id));
  g_clear_pointer (&found, g_free);

  /* One history row with before and after. */
  history = note_history (f->ws);
  g_assert_cmpuint (history->len, ==, 3);
  row = history->pdata[2];
  g_assert_cmpstr (row->entity, ==, "note");
  g_assert_cmpstr (row->entity_id, ==, note_id_str (id));
  g_assert_cmpstr (row->action, ==, "update");
  g_assert_cmpstr (row->reviewer, ==, "Dana Reviewer");
  g_assert_nonnull (strstr (row->before, "\"text\":\"Ask for the **bridge** letter\""));
  g_assert_nonnull (strstr (row->before, "\"target\":\"service:intune\""));
  g_assert_nonnull (strstr (row->after, "\"text\":\"Ask for the **SOC 2 Type II** report\""));
  assert_chain_valid (f->ws);

  /* The same text again: nothing changes, no history row. */
  fingerprint = attest_workspace_get_fingerprint (f->ws, &error);
  g_assert_true (attest_workspace_update_note (f->ws, id, "Ask for the **SOC 2 Type II** report", &error));
  g_assert_no_error (error);
  fingerprint2 = attest_workspace_get_fingerprint (f->ws, &error);
  g_assert_cmpstr (fingerprint, ==, fingerprint2);

  /* The other note was not touched. */
  notes = attest_workspace_list_notes (f->ws, "framework:soc", &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((AttestNote *) notes->pdata[0])->text, ==, "Second note");
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(AttestNote) gone = NULL;
  g_autofree char *found = NULL;
  AttestHistoryEntry *row;
  gint64 id = 0, kept = 0;

  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "Penguin audit pending", &id, &error));
  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "Penguin report received", &kept, &error));
  g_assert_no_error (error);
  found = search_notes (f->ws, "penguin");
  g_assert_cmpuint (strlen (found), ==, strlen (note_id_str (id)) + 1 + strlen (note_id_str (kept)));
  g_clear_pointer (&found, g_free);

  g_assert_true (attest_workspace_delete_note (f->ws, id, &error));
  g_assert_no_error (error);

  gone = attest_workspace_get_note (f->ws, id, &error);
  g_assert_null (gone);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  notes = attest_workspace_list_notes (f->ws, "service:intune", &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpint (((AttestNote *) notes->pdata[0])->id, ==, kept);

  found = search_notes (f->ws, "penguin");
  g_assert_cmpstr (found, ==, note_id_str (kept));
  g_clear_pointer (&found, g_free);
  found = search_notes (f->ws, "pending");
  g_assert_cmpstr (found, ==, "");

  history = note_history (f->ws);
  g_assert_cmpuint (history->len, ==, 3);
  row = history->pdata[2];
  g_assert_cmpstr (row->action, ==, "delete");
  g_assert_cmpstr (row->entity_id, ==, note_id_str (id));
  g_assert_nonnull (strstr (row->before, "Penguin audit pending"));
  g_assert_null (row->after);
  assert_chain_valid (f->ws);

  /* Deleting it again is an error, and writes nothing. */
  g_assert_false (attest_workspace_delete_note (f->ws, id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = note_history (f->ws);
  g_assert_cmpuint (history->len, ==, 3);
}

/* Undoing a delete restores the same note: id, target, text, dates; the
 * history says deleted then restored, the index finds it under its id. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestNote) before = NULL;
  g_autoptr(AttestNote) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *found = NULL;
  AttestHistoryEntry *row;
  gint64 id = 0, other = 0;

  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "Walrus letter requested", &id, &error));
  g_assert_true (attest_workspace_add_note (f->ws, "framework:soc", "Another note", &other, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (attest_workspace_update_note (f->ws, id, "Walrus letter received", &error));
  before = attest_workspace_get_note (f->ws, id, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_delete_note (f->ws, id, &error));
  g_assert_no_error (error);

  g_assert_true (attest_workspace_restore_note (f->ws, before, &error));
  g_assert_no_error (error);
  after = attest_workspace_get_note (f->ws, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->id, ==, id);
  g_assert_cmpstr (after->target, ==, before->target);
  g_assert_cmpstr (after->text, ==, "Walrus letter received");
  g_assert_cmpstr (after->created_at, ==, before->created_at);
  g_assert_cmpstr (after->updated_at, ==, before->updated_at);
  g_assert_cmpstr (after->created_at, !=, after->updated_at);

  found = search_notes (f->ws, "walrus");
  g_assert_cmpstr (found, ==, note_id_str (id));

  /* add, add, update, delete, restore: no second "create" for it. */
  history = note_history (f->ws);
  g_assert_cmpuint (history->len, ==, 5);
  row = history->pdata[3];
  g_assert_cmpstr (row->action, ==, "delete");
  g_assert_cmpstr (row->entity_id, ==, note_id_str (id));
  row = history->pdata[4];
  g_assert_cmpstr (row->action, ==, "restore");
  g_assert_cmpstr (row->entity_id, ==, note_id_str (id));
  g_assert_null (row->before);
  g_assert_nonnull (strstr (row->after, "Walrus letter received"));
  {
    guint creates = 0;

    for (guint i = 0; i < history->len; i++)
      if (g_str_equal (((AttestHistoryEntry *)history->pdata[i])->action, "create"))
        creates++;
    g_assert_cmpuint (creates, ==, 2);
  }
  assert_chain_valid (f->ws);

  /* Restoring what is there: refused, nothing written. */
  g_assert_false (attest_workspace_restore_note (f->ws, before, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = note_history (f->ws);
  g_assert_cmpuint (history->len, ==, 5);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(AttestNote) note = NULL;
  g_autofree char *big = NULL;
  gint64 id = 0;

  g_assert_true (attest_workspace_add_note (f->ws, "service:intune", "keep me", &id, &error));
  g_assert_no_error (error);

  /* Unknown ids are named. */
  g_assert_false (attest_workspace_update_note (f->ws, id + 100, "text", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, note_id_str (id + 100)));
  g_clear_error (&error);
  g_assert_null (attest_workspace_get_note (f->ws, -1, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Empty, too large or not UTF-8: refused, the stored text kept. */
  g_assert_false (attest_workspace_update_note (f->ws, id, "", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attest_workspace_update_note (f->ws, id, "bad \xff", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  big = g_malloc (1024 * 1024 + 2);
  memset (big, 'x', 1024 * 1024 + 1);
  big[1024 * 1024 + 1] = '\0';
  g_assert_false (attest_workspace_update_note (f->ws, id, big, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);

  note = attest_workspace_get_note (f->ws, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note->text, ==, "keep me");
  history = note_history (f->ws);
  g_assert_cmpuint (history->len, ==, 1);
  assert_chain_valid (f->ws);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/notes/update", Fixture, NULL, setup, test_update, attest_test_fixture_teardown);
  g_test_add ("/notes/delete", Fixture, NULL, setup, test_delete, attest_test_fixture_teardown);
  g_test_add ("/notes/restore", Fixture, NULL, setup, test_restore, attest_test_fixture_teardown);
  g_test_add ("/notes/errors", Fixture, NULL, setup, test_errors, attest_test_fixture_teardown);

  return g_test_run ();
}
