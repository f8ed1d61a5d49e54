/* test-services.c: the analyst's merges and renames of services — rules, undo, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attest-history.h"
#include "attest-importer.h"
#include "attest-matrix-export.h"
#include "attest-search.h"
#include "attest-service-names.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-locate.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-private.h"
#include "attest-workspace-services.h"

typedef AttestTestFixture Fixture;

/* ---- what the analyst sees and what is stored, as text to compare ---- */

static void
append_strings (GString   *out,
                GPtrArray *strings)
{
  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", (char *)strings->pdata[i]);
}

/* Everything load_matrix() gives (more than the JSON export carries: My
 * services, roll-up counts, source lines), then `matrix --format json`. */
static char *
dump_matrix (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = attest_workspace_load_matrix (ws, &error);
  g_autofree char *json = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  for (guint i = 0; i < m->services->len; i++)
    {
      AttestMatrixService *s = m->services->pdata[i];

      g_string_append_printf (out, "service %s \"%s\" untranslated=%d mine=%d aliases=", s->id, s->name,
                              s->untranslated, s->mine);
      append_strings (out, s->aliases);
      g_string_append (out, " translations=");
      for (guint j = 0; j < s->translations->len; j++)
        {
          AttestMatrixTranslation *t = s->translations->pdata[j];
          g_string_append_printf (out, "%s%s:%s", j ? "|" : "", t->lang, t->name);
        }
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < m->cells->len; i++)
    {
      AttestMatrixCell *c = m->cells->pdata[i];

      g_string_append_printf (out, "cell %s × %s %s items=%u satisfied=%u exceptions=%u line=%s/%s q=%s v=%s@%s\n",
                              c->scope, c->service, c->rollup, c->n_items, c->n_satisfied, c->n_exceptions,
                              c->source_line, c->translated_line, c->qualifier, c->variant_locale, c->variant_date);
    }
  json = attest_matrix_export_json (m, ATTEST_MATRIX_JSON_ALL);
  g_string_append (out, json);
  return g_string_free (out, FALSE);
}

/* The stored analyst data and catalog rows a merge or rename could touch. */
static char *
dump_tables (AttestWorkspace *ws)
{
  static const char *queries[] = {
    "SELECT * FROM service ORDER BY id",
    "SELECT * FROM service_name ORDER BY key, lang",
    "SELECT scope_id, service_id, variant_id, name, in_scope FROM coverage ORDER BY scope_id, service_id",
    "SELECT * FROM checklist_item ORDER BY id",
    "SELECT * FROM item_evidence ORDER BY item_id, sha256",
    "SELECT id, target, text FROM note ORDER BY id",
    "SELECT * FROM my_service ORDER BY service_id",
    "SELECT absorbed_id, survivor_id FROM service_merge ORDER BY absorbed_id",
    "SELECT * FROM service_rename ORDER BY service_id, depth",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = _attest_workspace_prepare (ws, queries[q], NULL);

      g_assert_nonnull (stmt);
      g_string_append_printf (out, "%s\n", queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            g_string_append_printf (out, "%s%s", i ? "\t" : "", _attest_column_text (stmt, i));
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

static guint
count_history (AttestWorkspace *ws)
{
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (ws, NULL, NULL);

  g_assert_nonnull (rows);
  return rows->len;
}

/* The newest history row; its chain checks out. */
static AttestHistoryEntry *
last_history (AttestWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (ws, NULL, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_true (attest_workspace_verify_history (ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  return g_ptr_array_steal_index (rows, rows->len - 1);
}

static void
assert_json_member (const char *json,
                    const char *member,
                    const char *expected)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  g_assert_nonnull (json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (o, member));
  if (expected == NULL)
    g_assert_true (json_object_get_null_member (o, member));
  else
    g_assert_cmpstr (json_object_get_string_member (o, member), ==, expected);
}

static AttestMatrixService *
service (AttestMatrix *m,
         const char   *id)
{
  return attest_matrix_lookup_service (m, id);
}

static gboolean
has_string (GPtrArray  *strings,
            const char *s)
{
  return g_ptr_array_find_with_equal_func (strings, s, g_str_equal, NULL);
}

static char *
resolve (AttestWorkspace *ws,
         const char      *name)
{
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  g_assert_true (attest_workspace_resolve_service (ws, name, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Some work on a cell: its checklist, a status, an owner. Returns the first item's id. */
static gint64
work_on (AttestWorkspace *ws,
         const char      *scope,
         const char      *service_id,
         const char      *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = attest_test_stored_checklist (ws, scope, service_id, &error);
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 1);
  g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->service_id, ==, service_id);
  id = ((AttestChecklistItem *)items->pdata[0])->id;
  g_assert_true (attest_workspace_update_item (ws, id, status, "Kim", "2030-01-31", &error));
  g_assert_no_error (error);
  return id;
}

/* ---- renames ---- */

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_matrix (f->ws);
  g_autofree char *tables = dump_tables (f->ws);
  g_autoptr(AttestMatrix) m = NULL;
  g_autoptr(AttestHistoryEntry) row = NULL;
  g_autofree char *after = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *id = NULL;
  guint history = count_history (f->ws);
  guint rows;

  m = attest_workspace_load_matrix (f->ws, &error);
  rows = m->services->len;
  g_clear_pointer (&m, attest_matrix_free);

  g_assert_true (attest_workspace_rename_service (f->ws, "stream", "  Stream Video ", &error));
  g_assert_no_error (error);

  /* One history row, before and after. */
  g_assert_cmpuint (count_history (f->ws), ==, history + 1);
  row = last_history (f->ws);
  g_assert_cmpstr (row->entity, ==, "service");
  g_assert_cmpstr (row->entity_id, ==, "stream");
  g_assert_cmpstr (row->action, ==, "rename");
  g_assert_cmpstr (row->reviewer, ==, "Dana Reviewer");
  assert_json_member (row->before, "name", "Stream");
  assert_json_member (row->after, "name", "Stream Video");

  /* The same row, the same id and cells, the new name; the old one an alias. */
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpuint (m->services->len, ==, rows);
  g_assert_cmpstr (service (m, "stream")->name, ==, "Stream Video");
  g_assert_true (has_string (service (m, "stream")->aliases, "Stream"));
  g_assert_false (has_string (service (m, "stream")->aliases, "Stream Video"));
  g_assert_nonnull (attest_matrix_lookup_cell (m, "soc/soc-3", "stream"));
  after = attest_matrix_export_json (m, ATTEST_MATRIX_JSON_SERVICES);
  g_assert_nonnull (strstr (after, "\"name\" : \"Stream Video\""));
  g_clear_pointer (&after, g_free);
  after = attest_matrix_export_services_text (m);
  g_assert_nonnull (strstr (after, "stream\tStream Video\taliases: Stream"));
  g_clear_pointer (&after, g_free);

  /* Every name resolves: the new one, the old one, the French one, the id. */
  id = resolve (f->ws, "stream video");
  g_assert_cmpstr (id, ==, "stream");
  g_clear_pointer (&id, g_free);
  id = resolve (f->ws, "Stream");
  g_assert_cmpstr (id, ==, "stream");
  g_clear_pointer (&id, g_free);
  id = resolve (f->ws, "Flux");
  g_assert_cmpstr (id, ==, "stream");
  catalog = attest_workspace_get_service_catalog_name (f->ws, "stream", &error);
  g_assert_cmpstr (catalog, ==, "Stream");

  /* Undo: straight back to the name before. Nothing of the rename is left. */
  g_assert_true (attest_workspace_rename_service (f->ws, "stream", "Stream", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = dump_tables (f->ws);
  g_assert_cmpstr (after, ==, tables);
  g_assert_false (attest_workspace_resolve_service (f->ws, "Stream Video", &id, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&row, attest_history_entry_free);
  row = last_history (f->ws);
  g_assert_cmpstr (row->action, ==, "rename");
  assert_json_member (row->before, "name", "Stream Video");
  assert_json_member (row->after, "name", "Stream");
  g_assert_cmpuint (count_history (f->ws), ==, history + 2);

  /* The same name again changes nothing, and writes no history. */
  g_assert_true (attest_workspace_rename_service (f->ws, "stream", "Stream", &error));
  g_assert_true (attest_workspace_rename_service (f->ws, "stream", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f->ws), ==, history + 2);
}

static void
test_rename_chain_and_reset (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  g_autofree char *before = dump_matrix (f->ws);
  g_autofree char *after = NULL;
  g_autofree char *once = NULL;
  g_autofree char *id = NULL;

  /* Two renames, undone one by one: each undo gives the state before it. */
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Endpoint Manager", &error));
  once = dump_matrix (f->ws);
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Microsoft Endpoint Manager Intune", &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Endpoint Manager", &error));
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, once);
  g_clear_pointer (&after, g_free);
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Intune", &error));
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Only the case changed: a rename too. */
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "INTUNE", &error));
  g_assert_no_error (error);
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpstr (service (m, "intune")->name, ==, "INTUNE");
  g_clear_pointer (&m, attest_matrix_free);

  /* Renamed twice, then back to the catalog's name (NULL): the names given
   * meanwhile stay aliases, as --service finds them. */
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Endpoint Manager", &error));
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", NULL, &error));
  g_assert_no_error (error);
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpstr (service (m, "intune")->name, ==, "Intune");
  g_assert_true (has_string (service (m, "intune")->aliases, "Endpoint Manager"));
  id = resolve (f->ws, "endpoint manager");
  g_assert_cmpstr (id, ==, "intune");
  g_clear_pointer (&id, g_free);
  id = resolve (f->ws, "Intune");
  g_assert_cmpstr (id, ==, "intune");
  g_clear_pointer (&m, attest_matrix_free);

  /* Renames survive closing and opening the workspace. */
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Endpoint Manager", &error));
  g_clear_object (&f->ws);
  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpstr (service (m, "intune")->name, ==, "Endpoint Manager");
}

static void
test_rename_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_matrix (f->ws);
  g_autofree char *tables = dump_tables (f->ws);
  g_autofree char *after = NULL;
  guint history = count_history (f->ws);
  static const struct {
    const char *name;
    const char *message_has;
  } taken[] = {
    { "Intune", "Intune" },                      /* another service's name */
    { "microsoft intune", "Intune" },            /* the same, as keys compare */
    { "Microsoft Flow", "Power Automate" },      /* another service's alias */
    { "Sécurité de l’application cloud", "Microsoft Defender for Cloud Apps" }, /* a translation */
  };

  g_assert_true (attest_workspace_check_service_rename (f->ws, "stream", "Stream Video", &error));
  g_assert_true (attest_workspace_check_service_rename (f->ws, "stream", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (attest_workspace_check_service_rename (f->ws, "stream", "  ", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attest_workspace_rename_service (f->ws, "stream", "   \t ", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (attest_workspace_rename_service (f->ws, "stream", "Stream\nVideo", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attest_workspace_rename_service (f->ws, "stream", "...", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      /* The check a dialog makes as one types says the same, and stores nothing. */
      g_assert_false (attest_workspace_check_service_rename (f->ws, "stream", taken[i].name, &error));
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, taken[i].message_has));
      g_clear_error (&error);
      g_assert_false (attest_workspace_rename_service (f->ws, "stream", taken[i].name, &error));
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, taken[i].message_has));
      g_assert_nonnull (strstr (error->message, taken[i].name));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  g_assert_false (attest_workspace_rename_service (f->ws, "no-such-service", "Anything", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-service"));
  g_clear_error (&error);

  /* A service merged into another is renamed through that one. */
  g_assert_true (attest_workspace_merge_services (f->ws, "power-apps", "power-automate", &error));
  g_assert_false (attest_workspace_rename_service (f->ws, "power-automate", "Flow Classic", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Power Apps"));
  g_clear_error (&error);
  /* …and the survivor cannot take a name of the merged one (it would come back with it). */
  g_assert_false (attest_workspace_rename_service (f->ws, "power-apps", "Microsoft Flow", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (attest_workspace_unmerge_service (f->ws, "power-automate", &error));
  g_assert_no_error (error);
  history += 2;

  /* Nothing was stored by any refusal. */
  g_assert_cmpuint (count_history (f->ws), ==, history);
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = dump_tables (f->ws);
  g_assert_cmpstr (after, ==, tables);
}

/* The texts of the notes listed for @target, as "a|b". */
static void
assert_notes (AttestWorkspace *ws,
              const char      *target,
              const char      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = attest_workspace_list_notes (ws, target, &error);
  g_autoptr(GString) texts = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (texts, "%s%s", i ? "|" : "", ((AttestNote *)notes->pdata[i])->text);
  g_assert_cmpstr (texts->str, ==, expected);
  for (guint i = 0; i < notes->len; i++)
    g_assert_true (attest_workspace_note_is_on (ws, ((AttestNote *)notes->pdata[i])->id, target));
}

static void
assert_located (AttestWorkspace *ws,
                const char      *target,
                const char      *service_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestLocation) location = attest_workspace_locate_target (ws, target, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (location->service_id, ==, service_id);
}

/* Notes added on a merged row while it is merged: on the row's cell where the
 * absorbed service's cell is the one shown, they hang on that cell and leave
 * with it on unmerge; on the row's service, they stay with the survivor. */
static void
test_notes_during_merge (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestNote) note = NULL;
  gint64 cell_note = 0, service_note = 0;

  g_assert_true (attest_workspace_merge_services (f->ws, "stream", "microsoft-genomics", &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (f->ws, "cell:iso-20000-1/iso-20000-1:stream", "Row cell note",
                                            &cell_note, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (f->ws, "service:stream", "Row note", &service_note, &error));
  g_assert_no_error (error);
  note = attest_workspace_get_note (f->ws, cell_note, &error);
  g_assert_cmpstr (note->target, ==, "cell:iso-20000-1/iso-20000-1:microsoft-genomics");
  assert_notes (f->ws, "cell:iso-20000-1/iso-20000-1:stream", "Row cell note");
  assert_notes (f->ws, "service:stream", "Row note");
  g_assert_false (attest_workspace_note_is_on (f->ws, service_note, "service:microsoft-genomics"));

  g_assert_true (attest_workspace_unmerge_service (f->ws, "microsoft-genomics", &error));
  g_assert_no_error (error);
  assert_notes (f->ws, "cell:iso-20000-1/iso-20000-1:microsoft-genomics", "Row cell note");
  assert_notes (f->ws, "service:stream", "Row note");
  g_assert_false (attest_workspace_note_is_on (f->ws, cell_note, "cell:iso-20000-1/iso-20000-1:stream"));

  /* A cell no row has there is still nothing. */
  g_assert_false (attest_workspace_add_note (f->ws, "cell:iso-20000-1/iso-20000-1:stream", "Nowhere", NULL, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
}

/* ---- merges ---- */

static void
test_merge_and_unmerge (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  g_autoptr(AttestHistoryEntry) row = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) cell_services = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) merges = NULL;
  g_autoptr(GBytes) report = g_bytes_new_static ("SOC 2 report", 12);
  g_autofree char *before = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sha = NULL;
  AttestMatrixCell *c;
  AttestRollup rollup;
  gint64 genomics_iso20000, genomics_iso27001, stream_iso27001;
  guint rows, history;

  /* Genomics: ISO 20000-1 and ISO 27001. Stream: ISO 27001 and SOC 1–3.
   * Work on both, and on the cell they share, before the merge. */
  genomics_iso20000 = work_on (f->ws, "iso-20000-1/iso-20000-1", "microsoft-genomics", "satisfied");
  genomics_iso27001 = work_on (f->ws, "iso-27001/iso-27001", "microsoft-genomics", "exception");
  stream_iso27001 = work_on (f->ws, "iso-27001/iso-27001", "stream", "in-progress");
  g_assert_true (attest_workspace_attach_evidence (f->ws, genomics_iso20000, "report.pdf", report, "application/pdf",
                                                   "2024-01-01", NULL, -1, "", &sha, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (f->ws, "service:microsoft-genomics", "Genomics note", NULL, &error));
  g_assert_true (attest_workspace_add_note (f->ws, "cell:iso-20000-1/iso-20000-1:microsoft-genomics", "Cell note",
                                            NULL, &error));
  g_assert_true (attest_workspace_set_my_service (f->ws, "microsoft-genomics", TRUE, &error));
  g_assert_no_error (error);

  before = dump_matrix (f->ws);
  tables = dump_tables (f->ws);
  m = attest_workspace_load_matrix (f->ws, &error);
  rows = m->services->len;
  g_clear_pointer (&m, attest_matrix_free);
  history = count_history (f->ws);

  g_assert_true (attest_workspace_merge_services (f->ws, "stream", "microsoft-genomics", &error));
  g_assert_no_error (error);

  /* One history row naming both, and where both had a cell. */
  g_assert_cmpuint (count_history (f->ws), ==, history + 1);
  row = last_history (f->ws);
  g_assert_cmpstr (row->entity, ==, "service");
  g_assert_cmpstr (row->entity_id, ==, "microsoft-genomics");
  g_assert_cmpstr (row->action, ==, "merge");
  assert_json_member (row->before, "merged_into", NULL);
  assert_json_member (row->after, "merged_into", "stream");
  g_assert_nonnull (strstr (row->after, "iso-27001/iso-27001"));
  g_assert_null (strstr (row->after, "iso-20000-1"));

  /* One row: the survivor's id and name, both services' names. */
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpuint (m->services->len, ==, rows - 1);
  g_assert_null (service (m, "microsoft-genomics"));
  g_assert_cmpstr (service (m, "stream")->name, ==, "Stream");
  g_assert_true (has_string (service (m, "stream")->aliases, "Microsoft Genomics"));
  g_assert_cmpuint (service (m, "stream")->translations->len, ==, 1); /* fr: Flux */
  g_assert_true (service (m, "stream")->mine);

  /* Its cells: the union. Where only Genomics was, its cell, roll-up and all. */
  c = attest_matrix_lookup_cell (m, "iso-20000-1/iso-20000-1", "stream");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->rollup, ==, "in-progress");
  g_assert_cmpuint (c->n_satisfied, ==, 1);
  g_assert_nonnull (attest_matrix_lookup_cell (m, "soc/soc-1", "stream"));
  /* Where both were, the survivor's (in progress), not Genomics's exception. */
  c = attest_matrix_lookup_cell (m, "iso-27001/iso-27001", "stream");
  g_assert_cmpstr (c->rollup, ==, "in-progress");
  g_assert_cmpuint (c->n_exceptions, ==, 0);
  g_clear_pointer (&after, g_free);
  after = attest_matrix_export_csv (m);
  g_assert_null (strstr (after, "Microsoft Genomics"));
  g_clear_pointer (&m, attest_matrix_free);

  /* The row's checklist is the cell's the matrix shows; Genomics's own, kept
   * aside in the shared scope, is reachable by its id. */
  items = attest_test_stored_checklist (f->ws, "iso-20000-1/iso-20000-1", "stream", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AttestChecklistItem *)items->pdata[0])->id, ==, genomics_iso20000);
  g_assert_cmpuint (((AttestChecklistItem *)items->pdata[0])->evidence->len, ==, 1);
  /* They are the row's items now: the row's id, not the absorbed service's. */
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (((AttestChecklistItem *)items->pdata[i])->service_id, ==, "stream");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = attest_test_stored_checklist (f->ws, "iso-27001/iso-27001", "stream", &error);
  g_assert_cmpint (((AttestChecklistItem *)items->pdata[0])->id, ==, stream_iso27001);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = attest_test_stored_checklist (f->ws, "iso-27001/iso-27001", "microsoft-genomics", &error);
  g_assert_cmpint (((AttestChecklistItem *)items->pdata[0])->id, ==, genomics_iso27001);
  g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->status, ==, "exception");
  g_clear_pointer (&items, g_ptr_array_unref);
  cell_services = attest_workspace_list_cell_services (f->ws, "iso-27001/iso-27001", "stream", &error);
  g_assert_cmpuint (cell_services->len, ==, 2);
  g_assert_cmpstr (cell_services->pdata[0], ==, "stream");
  g_assert_cmpstr (cell_services->pdata[1], ==, "microsoft-genomics");
  g_clear_pointer (&cell_services, g_ptr_array_unref);
  cell_services = attest_workspace_list_cell_services (f->ws, "iso-20000-1/iso-20000-1", "microsoft-genomics", &error);
  g_assert_cmpuint (cell_services->len, ==, 1);
  g_assert_cmpstr (cell_services->pdata[0], ==, "microsoft-genomics");
  g_assert_true (attest_workspace_cell_rollup (f->ws, "iso-20000-1/iso-20000-1", "stream", &rollup, &error));
  g_assert_cmpuint (rollup.satisfied, ==, 1);

  /* --service finds the row by any name or id of either; cells resolve. */
  id = resolve (f->ws, "Genomics");
  g_assert_cmpstr (id, ==, "stream");
  g_clear_pointer (&id, g_free);
  id = resolve (f->ws, "microsoft-genomics");
  g_assert_cmpstr (id, ==, "stream");
  g_clear_pointer (&id, g_free);
  {
    g_autofree char *scope_id = NULL;
    g_assert_true (attest_workspace_resolve_cell (f->ws, "iso-20000-1", "iso-20000-1/iso-20000-1", "Stream", &scope_id, &id, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (id, ==, "stream");
    g_clear_pointer (&id, g_free);
  }
  mine = attest_workspace_list_my_services (f->ws, &error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (mine->pdata[0], ==, "stream");
  merges = attest_workspace_list_service_merges (f->ws, &error);
  g_assert_cmpuint (merges->len, ==, 1);
  g_assert_cmpstr (((AttestServiceMerge *)merges->pdata[0])->absorbed_name, ==, "Microsoft Genomics");
  g_assert_cmpstr (((AttestServiceMerge *)merges->pdata[0])->survivor_name, ==, "Stream");
  g_assert_cmpstr (((AttestServiceMerge *)merges->pdata[0])->root_id, ==, "stream");

  /* A search result or history row on the absorbed service leads to the row. */
  assert_located (f->ws, "service:microsoft-genomics", "stream");
  assert_located (f->ws, "cell:iso-20000-1/iso-20000-1:microsoft-genomics", "stream");
  {
    g_autofree char *item = g_strdup_printf ("item:%" G_GINT64_FORMAT, genomics_iso20000);
    assert_located (f->ws, item, "stream");
  }

  /* The notes follow the merge: the row's service and cell list them. */
  assert_notes (f->ws, "service:stream", "Genomics note");
  assert_notes (f->ws, "cell:iso-20000-1/iso-20000-1:stream", "Cell note");
  assert_notes (f->ws, "service:microsoft-genomics", "Genomics note");
  assert_notes (f->ws, "cell:iso-27001/iso-27001:stream", "");

  /* Unmerge: both back, exactly as they were. */
  g_assert_true (attest_workspace_unmerge_service (f->ws, "microsoft-genomics", &error));
  g_assert_no_error (error);
  assert_notes (f->ws, "service:stream", "");
  assert_notes (f->ws, "cell:iso-20000-1/iso-20000-1:stream", "");
  assert_notes (f->ws, "service:microsoft-genomics", "Genomics note");
  assert_notes (f->ws, "cell:iso-20000-1/iso-20000-1:microsoft-genomics", "Cell note");
  assert_located (f->ws, "service:microsoft-genomics", "microsoft-genomics");
  assert_located (f->ws, "cell:iso-20000-1/iso-20000-1:microsoft-genomics", "microsoft-genomics");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = attest_test_stored_checklist (f->ws, "iso-20000-1/iso-20000-1", "microsoft-genomics", &error);
  g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->service_id, ==, "microsoft-genomics");
  g_clear_pointer (&row, attest_history_entry_free);
  row = last_history (f->ws);
  g_assert_cmpstr (row->action, ==, "unmerge");
  g_assert_cmpstr (row->entity_id, ==, "microsoft-genomics");
  assert_json_member (row->before, "merged_into", "stream");
  assert_json_member (row->after, "merged_into", NULL);
  g_clear_pointer (&after, g_free);
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = dump_tables (f->ws);
  g_assert_cmpstr (after, ==, tables);
  g_assert_cmpuint (count_history (f->ws), ==, history + 2);
}

static void
test_merge_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint history;

  g_assert_true (attest_workspace_merge_services (f->ws, "power-apps", "power-automate", &error));
  g_assert_no_error (error);
  before = dump_tables (f->ws);
  history = count_history (f->ws);

  g_assert_false (attest_workspace_merge_services (f->ws, "stream", "stream", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "itself"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_merge_services (f->ws, "stream", "no-such-service", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-service"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_merge_services (f->ws, "no-such-service", "stream", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Already merged: not again, and not as a survivor either. */
  g_assert_false (attest_workspace_merge_services (f->ws, "stream", "power-automate", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Power Apps"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_merge_services (f->ws, "power-automate", "stream", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* The survivor into what was merged into it: a cycle, refused the same way. */
  g_assert_false (attest_workspace_merge_services (f->ws, "power-automate", "power-apps", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Unmerging what is not merged. */
  g_assert_false (attest_workspace_unmerge_service (f->ws, "stream", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Stream"));
  g_clear_error (&error);
  g_assert_false (attest_workspace_unmerge_service (f->ws, "no-such-service", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = dump_tables (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_history (f->ws), ==, history);
}

static void
test_chain (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  g_autoptr(GPtrArray) merges = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *one = NULL;
  g_autofree char *id = NULL;

  /* Genomics (ISO 20000-1, 27001) → OMS Service Map (ISO 27001) → Stream. */
  work_on (f->ws, "iso-20000-1/iso-20000-1", "microsoft-genomics", "exception");
  before = dump_matrix (f->ws);
  g_assert_true (attest_workspace_merge_services (f->ws, "oms-service-map", "microsoft-genomics", &error));
  g_assert_no_error (error);
  one = dump_matrix (f->ws);
  g_assert_true (attest_workspace_merge_services (f->ws, "stream", "oms-service-map", &error));
  g_assert_no_error (error);

  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_null (service (m, "microsoft-genomics"));
  g_assert_null (service (m, "oms-service-map"));
  g_assert_true (has_string (service (m, "stream")->aliases, "OMS Service Map"));
  g_assert_true (has_string (service (m, "stream")->aliases, "Microsoft Genomics"));
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "iso-20000-1/iso-20000-1", "stream")->rollup, ==, "exception");
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "iso-27001/iso-27001", "stream")->rollup, ==, "not-started");
  g_clear_pointer (&m, attest_matrix_free);
  id = resolve (f->ws, "Genomics");
  g_assert_cmpstr (id, ==, "stream");
  merges = attest_workspace_list_service_merges (f->ws, &error);
  g_assert_cmpuint (merges->len, ==, 2);
  for (guint i = 0; i < merges->len; i++)
    g_assert_cmpstr (((AttestServiceMerge *)merges->pdata[i])->root_id, ==, "stream");

  /* Unmerging the first restores it alone: OMS Service Map stays in Stream. */
  g_assert_true (attest_workspace_unmerge_service (f->ws, "microsoft-genomics", &error));
  g_assert_no_error (error);
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_nonnull (service (m, "microsoft-genomics"));
  g_assert_null (service (m, "oms-service-map"));
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "iso-20000-1/iso-20000-1", "microsoft-genomics")->rollup, ==,
                   "exception");
  g_assert_null (attest_matrix_lookup_cell (m, "iso-20000-1/iso-20000-1", "stream"));
  g_assert_false (has_string (service (m, "stream")->aliases, "Microsoft Genomics"));
  g_assert_true (has_string (service (m, "stream")->aliases, "OMS Service Map"));
  g_clear_pointer (&m, attest_matrix_free);

  g_assert_true (attest_workspace_unmerge_service (f->ws, "oms-service-map", &error));
  g_assert_no_error (error);
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Undone in the other order, each step gives back the state before it. */
  g_assert_true (attest_workspace_merge_services (f->ws, "oms-service-map", "microsoft-genomics", &error));
  g_assert_true (attest_workspace_merge_services (f->ws, "stream", "oms-service-map", &error));
  g_assert_true (attest_workspace_unmerge_service (f->ws, "oms-service-map", &error));
  g_assert_no_error (error);
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, one);
  g_clear_pointer (&after, g_free);
  g_assert_true (attest_workspace_unmerge_service (f->ws, "microsoft-genomics", &error));
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&merges, g_ptr_array_unref);
  merges = attest_workspace_list_service_merges (f->ws, &error);
  g_assert_cmpuint (merges->len, ==, 0);
  g_clear_pointer (&id, g_free);
  {
    g_autoptr(AttestHistoryEntry) row = last_history (f->ws);
    g_assert_cmpstr (row->action, ==, "unmerge");
  }
}

static void
test_my_services (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(AttestMatrix) m = NULL;

  g_assert_true (attest_workspace_set_my_service (f->ws, "power-automate", TRUE, &error));
  g_assert_true (attest_workspace_set_my_service (f->ws, "power-apps", TRUE, &error));
  g_assert_true (attest_workspace_merge_services (f->ws, "power-apps", "power-automate", &error));
  g_assert_no_error (error);
  mine = attest_workspace_list_my_services (f->ws, &error);
  g_assert_cmpuint (mine->len, ==, 1);

  /* Taking the row out of My services takes both services out. */
  g_assert_true (attest_workspace_set_my_service (f->ws, "power-apps", FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttestHistoryEntry) row = last_history (f->ws);
    g_assert_cmpstr (row->entity, ==, "my-services");
    g_assert_nonnull (strstr (row->before, "power-automate"));
  }
  g_clear_pointer (&mine, g_ptr_array_unref);
  mine = attest_workspace_list_my_services (f->ws, &error);
  g_assert_cmpuint (mine->len, ==, 0);
  g_assert_true (attest_workspace_unmerge_service (f->ws, "power-automate", &error));
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_false (service (m, "power-automate")->mine);
  g_assert_false (service (m, "power-apps")->mine);
}

/* ---- imports after a merge or rename ---- */

static AttestImportSummary *
import_page (Fixture    *f,
             const char *subdir,
             const char *file,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, subdir, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  const char *paths[] = { dir, NULL };
  AttestImportSummary *summary;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (summary->imported, ==, 1);
  return summary;
}

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMatrix) m = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  AttestImportOutcome *outcome;
  AttestScopeChange *change;
  g_autofree char *id = NULL;
  guint services;

  /* The first page names both; the analyst then merges Genomics into Stream. */
  summary = import_page (f, "v1", "offering-demo.md",
                         "# Demo offering\n\n## Microsoft in-scope cloud services\n\n- Stream\n- Microsoft Genomics\n");
  g_clear_pointer (&summary, attest_import_summary_free);
  g_assert_true (attest_workspace_merge_services (f->ws, "stream", "microsoft-genomics", &error));
  g_assert_no_error (error);
  m = attest_workspace_load_matrix (f->ws, &error);
  services = m->services->len;
  g_clear_pointer (&m, attest_matrix_free);

  /* A newer page drops Stream and names only Genomics (by its alias), and Intune:
   * the row stays in scope through Genomics, no service is added for it, and
   * the change report sees one row renamed, not one removed and one added. */
  summary = import_page (f, "v2", "offering-demo.md",
                         "---\nms.date: 05/01/2030\n---\n"
                         "# Demo offering\n\n## Microsoft in-scope cloud services\n\n- Genomics\n- Intune\n");
  outcome = summary->outcomes->pdata[0];
  g_assert_true (outcome->newer_variant);
  g_assert_cmpuint (outcome->changes->len, ==, 1);
  change = outcome->changes->pdata[0];
  g_assert_cmpstr (change->scope_id, ==, "demo/demo");
  g_assert_cmpuint (change->added->len, ==, 1);
  g_assert_cmpstr (change->added->pdata[0], ==, "Intune");
  g_assert_cmpuint (change->removed->len, ==, 0);
  g_assert_cmpuint (change->renamed->len, ==, 1);
  g_assert_cmpstr (change->renamed->pdata[0], ==, "Stream → Genomics");

  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpuint (m->services->len, ==, services);
  g_assert_null (service (m, "microsoft-genomics"));
  g_assert_null (service (m, "genomics"));
  /* Stream's own cell left the scope; the row's is in scope: Genomics's. */
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "demo/demo", "stream")->rollup, ==, "not-started");
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "demo/demo", "stream")->source_line, ==, "Genomics");
  g_clear_pointer (&m, attest_matrix_free);
  g_clear_pointer (&summary, attest_import_summary_free);

  /* A renamed service: a page naming it by the analyst's name finds it. */
  g_assert_true (attest_workspace_rename_service (f->ws, "intune", "Endpoint Manager", &error));
  summary = import_page (f, "v3", "offering-other.md",
                         "# Other offering\n\n## Microsoft in-scope cloud services\n\n"
                         "- Endpoint Manager\n- Microsoft Genomics\n");
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpuint (m->services->len, ==, services);
  g_assert_nonnull (attest_matrix_lookup_cell (m, "other/other", "intune"));
  g_assert_nonnull (attest_matrix_lookup_cell (m, "other/other", "stream"));
  g_assert_cmpstr (service (m, "intune")->name, ==, "Endpoint Manager");
  g_clear_pointer (&m, attest_matrix_free);

  /* Unmerged, Genomics has its own cells again, the later ones included. */
  g_assert_true (attest_workspace_unmerge_service (f->ws, "microsoft-genomics", &error));
  g_assert_no_error (error);
  m = attest_workspace_load_matrix (f->ws, &error);
  g_assert_cmpuint (m->services->len, ==, services + 1);
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "demo/demo", "stream")->rollup, ==, "no-longer-in-scope");
  g_assert_cmpstr (attest_matrix_lookup_cell (m, "demo/demo", "microsoft-genomics")->rollup, ==, "not-started");
  g_assert_nonnull (attest_matrix_lookup_cell (m, "other/other", "microsoft-genomics"));
  g_assert_null (attest_matrix_lookup_cell (m, "other/other", "stream"));
  id = resolve (f->ws, "Genomics");
  g_assert_cmpstr (id, ==, "microsoft-genomics");
  {
    g_autoptr(AttestHistoryEntry) row = last_history (f->ws);
    g_assert_cmpstr (row->action, ==, "unmerge");
  }
}

/* ---- the schema ---- */

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_attest_search_register (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migrates_v4 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  work_on (f->ws, "soc/soc-2", "stream", "exception");
  before = dump_matrix (f->ws);
  g_clear_object (&f->ws);

  /* A schema 4 workspace, as the release before merges and renames wrote it. */
  exec_sql (f->path, "DROP TABLE service_merge; DROP TABLE service_rename; PRAGMA user_version = 4;");

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attest_workspace_get_backup_path (f->ws));
  g_assert_true (g_str_has_suffix (attest_workspace_get_backup_path (f->ws), "w.attest.v4-backup"));
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);

  /* The backup is the schema 4 workspace, whole; the workspace is of this build's schema. */
  g_assert_cmpint (sqlite3_open (attest_workspace_get_backup_path (f->ws), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT count(*) FROM sqlite_schema WHERE name = 'service_merge'), "
                                           "(SELECT count(*) FROM checklist_item)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  version = _attest_workspace_query_text (f->ws, "SELECT user_version FROM pragma_user_version");
  g_assert_cmpint (atoi (version), ==, ATTEST_WORKSPACE_SCHEMA_VERSION);

  /* …and merges and renames work in it. */
  g_assert_true (attest_workspace_merge_services (f->ws, "stream", "intune", &error));
  g_assert_true (attest_workspace_rename_service (f->ws, "stream", "Stream and Intune", &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttestHistoryEntry) row = last_history (f->ws);
    g_assert_cmpstr (row->action, ==, "rename");
  }
}

/* A schema 5 workspace keyed each name before spacing and punctuation were
 * folded, so a page could make a second service of one spelt another way.
 * Opening it keys every name again: the ids stay, the name spelt first keeps
 * resolving to its service, and the next page finds that service. */
static void
test_migrates_v5_keys (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *count = NULL;
  g_autofree char *page = g_build_filename (f->dir, "offering-fold.md", NULL);
  const char *paths[] = { page, NULL };
  guint rows = 0;

  g_assert_true (_attest_workspace_exec (f->ws,
                                         "INSERT INTO service (id, name) VALUES "
                                         "('azure-dev-test-labs', 'Azure Dev Test Labs'), ('azure-devtest-labs', 'Azure DevTest Labs')",
                                         &error));
  g_assert_no_error (error);
  before = dump_matrix (f->ws);
  g_clear_object (&f->ws);

  /* Keys as the rule before made them: case-folded, spacing kept. */
  exec_sql (f->path,
            "UPDATE service_name SET key = lower (name) || ' (old)';"
            "INSERT INTO service_name (key, lang, service_id, name) VALUES "
            "('azure dev test labs', '', 'azure-dev-test-labs', 'Azure Dev Test Labs'), "
            "('azure devtest labs', '', 'azure-devtest-labs', 'Azure DevTest Labs');"
            "PRAGMA user_version = 5;");

  f->ws = attest_workspace_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (attest_workspace_get_backup_path (f->ws), "w.attest.v5-backup"));
  after = dump_matrix (f->ws);
  g_assert_cmpstr (after, ==, before);

  /* Every key is the key of its name now. */
  stmt = _attest_workspace_prepare (f->ws, "SELECT key, name FROM service_name", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = attest_service_names_key ((const char *)sqlite3_column_text (stmt, 1));
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, key);
      rows++;
    }
  g_assert_cmpuint (rows, >, 5);

  /* One key, one service: the one that had the name first. Both ids stay. */
  g_assert_true (attest_workspace_resolve_service (f->ws, "Azure DevTest Labs", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "azure-dev-test-labs");
  g_clear_pointer (&id, g_free);
  id = _attest_workspace_query_text (f->ws, "SELECT id FROM service WHERE id = 'azure-devtest-labs'");
  g_assert_cmpstr (id, ==, "azure-devtest-labs");
  g_clear_pointer (&id, g_free);
  g_assert_true (attest_workspace_resolve_service (f->ws, "Microsoft Intune", &id, &error));
  g_assert_cmpstr (id, ==, "intune");

  /* A page spelling it a third way adds coverage, not a service. */
  g_assert_true (g_file_set_contents (page,
                                      "---\ntitle: Fold\nms.lasthandoff: 01/02/2024\n---\n# Fold\n\n"
                                      "## Microsoft in-scope cloud services\n\n- AZURE devtest labs\n", -1, &error));
  count = _attest_workspace_query_text (f->ws, "SELECT count(*) FROM service");
  summary = attest_importer_run (f->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 1);
  g_clear_pointer (&id, g_free);
  id = _attest_workspace_query_text (f->ws, "SELECT count(*) FROM service");
  g_assert_cmpstr (id, ==, count);
  g_clear_pointer (&id, g_free);
  id = _attest_workspace_query_text (f->ws, "SELECT service_id FROM coverage WHERE scope_id = 'fold/fold'");
  g_assert_cmpstr (id, ==, "azure-dev-test-labs");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/services/" name, Fixture, NULL, attest_test_fixture_seeded, fn, attest_test_fixture_teardown)
  ADD ("rename", test_rename);
  ADD ("rename-chain-and-reset", test_rename_chain_and_reset);
  ADD ("rename-refusals", test_rename_refusals);
  ADD ("merge-and-unmerge", test_merge_and_unmerge);
  ADD ("notes-during-merge", test_notes_during_merge);
  ADD ("merge-refusals", test_merge_refusals);
  ADD ("chain", test_chain);
  ADD ("my-services", test_my_services);
  ADD ("reimport", test_reimport);
  ADD ("migrates-v4", test_migrates_v4);
  ADD ("migrates-v5-keys", test_migrates_v5_keys);
#undef ADD

  return g_test_run ();
}
