/* test-locate.c: search results and note targets located in the window's terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>


#include "attest-test-workspace.h"
#include "attest-search.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-locate.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-private.h"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  gint64 note_id;          /* on the cell SOC 2 × Intune */
  gint64 item2_id;         /* SOC 2 × Intune, item 2: its status changed */
  gint64 item3_id;         /* SOC 2 × Intune, item 3: the evidence file */
  char *sha256;
  gint64 annotation_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GBytes) letter = NULL;
  g_autoptr(AttestAnnotation) annotation = g_new0 (AttestAnnotation, 1);
  g_autoptr(GError) error = NULL;
  AttestRect rect = { 10, 20, 200, 40 };

  f->ws = attest_test_workspace_new ("attest-locate", NULL, &f->dir, &f->path);

  /* The bundled catalog: SOC, ISO 20000-1, ISO 27001 (fr-FR), MARS-E (fr-FR and zh-TW). */
  g_assert_cmpuint (attest_test_import_bundled (f->ws, NULL), ==, 5);

  g_assert_true (attest_workspace_add_note (f->ws, "cell:soc/soc-2:intune", "Ask Contoso about the Flux retention window",
                                            &f->note_id, &error));
  g_assert_no_error (error);

  items = attest_test_stored_checklist (f->ws, "soc/soc-2", "intune", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 3);
  f->item2_id = ((AttestChecklistItem *)items->pdata[1])->id;
  f->item3_id = ((AttestChecklistItem *)items->pdata[2])->id;
  g_assert_true (attest_workspace_update_item (f->ws, f->item2_id, "satisfied", "Sam", NULL, &error));
  g_assert_no_error (error);

  letter = g_bytes_new_static ("Bridge letter", 13);
  g_assert_true (attest_workspace_attach_evidence (f->ws, f->item3_id, "bridge-letter.pdf", letter, "application/pdf",
                                                   NULL, NULL, 1, "Quarterly bridgeletter from the auditor", &f->sha256,
                                                   &error));
  g_assert_no_error (error);

  annotation->sha256 = g_strdup (f->sha256);
  annotation->page = 0;
  annotation->rects = g_array_new (FALSE, FALSE, sizeof (AttestRect));
  g_array_append_val (annotation->rects, rect);
  annotation->text = g_strdup ("Covers the gap until December");
  g_assert_true (attest_workspace_add_annotation (f->ws, annotation, &error));
  g_assert_no_error (error);
  f->annotation_id = annotation->id;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
  g_free (f->sha256);
}

/* The result of @kind whose ref starts with @ref_prefix, located. */
static AttestLocation *
locate_hit (Fixture    *f,
            const char *query,
            const char *kind,
            const char *ref_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = attest_workspace_search (f->ws, query, 100, &error);
  AttestLocation *location;

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      AttestSearchResult *r = results->pdata[i];

      if (!g_str_equal (r->kind, kind) || !g_str_has_prefix (r->ref, ref_prefix))
        continue;
      location = attest_workspace_locate_search_result (f->ws, r->kind, r->ref, &error);
      g_assert_no_error (error);
      g_assert_nonnull (location);
      return location;
    }
  g_error ("no %s result %s… for “%s”", kind, ref_prefix, query);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AttestLocation) french = NULL;
  g_autoptr(AttestLocation) chinese = NULL;
  g_autoptr(AttestLocation) copy = NULL;

  /* "Flux" is how the French SOC page calls Stream. */
  french = locate_hit (f, "Flux", "page", "soc#");
  g_assert_cmpint (french->kind, ==, ATTEST_LOCATION_PAGE_SECTION);
  g_assert_cmpstr (french->framework_id, ==, "soc");
  g_assert_cmpstr (french->locale, ==, "fr-FR");
  g_assert_true (g_str_has_prefix (french->section_key, "covered-services-for-soc"));
  g_assert_null (french->scope_id);
  g_assert_null (french->service_id);
  g_assert_cmpint (french->note_id, ==, 0);
  /* The page version it is in (the ref's "/VERSION"). */
  g_assert_cmpint (french->variant_id, >, 0);

  chinese = locate_hit (f, "雲端", "page", "mars-e#");
  g_assert_cmpint (chinese->kind, ==, ATTEST_LOCATION_PAGE_SECTION);
  g_assert_cmpstr (chinese->framework_id, ==, "mars-e");
  g_assert_cmpstr (chinese->locale, ==, "zh-TW");
  g_assert_nonnull (chinese->section_key);
  g_assert_null (strchr (chinese->section_key, '@'));

  /* The boxed type copies deeply. */
  copy = g_boxed_copy (ATTEST_TYPE_LOCATION, chinese);
  g_assert_true (copy->section_key != chinese->section_key);
  g_assert_cmpstr (copy->section_key, ==, chinese->section_key);
  g_assert_cmpstr (copy->locale, ==, "zh-TW");
  g_assert_cmpint (copy->evidence_page, ==, -1);
}

static void
test_work (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *note_ref = g_strdup_printf ("%" G_GINT64_FORMAT, f->note_id);
  g_autofree char *item_ref = g_strdup_printf ("%" G_GINT64_FORMAT, f->item2_id);
  g_autoptr(AttestLocation) note = NULL;
  g_autoptr(AttestLocation) evidence = NULL;
  g_autoptr(AttestLocation) annotation = NULL;
  g_autoptr(AttestLocation) item = NULL;
  g_autoptr(GError) error = NULL;

  /* A note is found where it is: on its cell. */
  note = locate_hit (f, "retention", "note", note_ref);
  g_assert_cmpint (note->kind, ==, ATTEST_LOCATION_NOTE);
  g_assert_cmpint (note->note_id, ==, f->note_id);
  g_assert_cmpstr (note->note_target, ==, "cell:soc/soc-2:intune");
  g_assert_cmpstr (note->framework_id, ==, "soc");
  g_assert_cmpstr (note->scope_id, ==, "soc/soc-2");
  g_assert_cmpstr (note->service_id, ==, "intune");
  g_assert_cmpint (note->item_id, ==, 0);

  /* An evidence file by its extracted text: the item it serves. */
  evidence = locate_hit (f, "bridgeletter", "evidence", f->sha256);
  g_assert_cmpint (evidence->kind, ==, ATTEST_LOCATION_EVIDENCE);
  g_assert_cmpstr (evidence->evidence_sha256, ==, f->sha256);
  g_assert_cmpstr (evidence->framework_id, ==, "soc");
  g_assert_cmpstr (evidence->scope_id, ==, "soc/soc-2");
  g_assert_cmpstr (evidence->service_id, ==, "intune");
  g_assert_cmpint (evidence->item_id, ==, f->item3_id);
  g_assert_cmpuint (evidence->item_position, ==, 3);
  g_assert_cmpint (evidence->annotation_id, ==, 0);

  /* An annotation: its file and page. */
  annotation = locate_hit (f, "December", "annotation", "");
  g_assert_cmpint (annotation->kind, ==, ATTEST_LOCATION_EVIDENCE);
  g_assert_cmpint (annotation->annotation_id, ==, f->annotation_id);
  g_assert_cmpint (annotation->evidence_page, ==, 0);
  g_assert_cmpstr (annotation->evidence_sha256, ==, f->sha256);
  g_assert_cmpuint (annotation->item_position, ==, 3);

  /* A checklist item result (what an index of item text would give). */
  item = attest_workspace_locate_search_result (f->ws, "item", item_ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->kind, ==, ATTEST_LOCATION_CELL);
  g_assert_cmpstr (item->scope_id, ==, "soc/soc-2");
  g_assert_cmpstr (item->service_id, ==, "intune");
  g_assert_cmpint (item->item_id, ==, f->item2_id);
  g_assert_cmpuint (item->item_position, ==, 2);
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *item_target = g_strdup_printf ("item:%" G_GINT64_FORMAT, f->item3_id);
  g_autofree char *evidence_target = g_strdup_printf ("evidence:%s", f->sha256);
  static const struct {
    const char *target;
    AttestLocationKind kind;
    const char *framework, *section, *scope, *service;
  } cases[] = {
    { "framework:soc", ATTEST_LOCATION_FRAMEWORK, "soc", NULL, NULL, NULL },
    { "framework:soc#audit-cycle", ATTEST_LOCATION_PAGE_SECTION, "soc", "audit-cycle", NULL, NULL },
    { "scope:soc/soc-3", ATTEST_LOCATION_FRAMEWORK, "soc", NULL, "soc/soc-3", NULL },
    { "service:stream", ATTEST_LOCATION_SERVICE, NULL, NULL, NULL, "stream" },
    { "cell:mars-e/mars-e:azure", ATTEST_LOCATION_CELL, "mars-e", NULL, "mars-e/mars-e", "azure" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttestLocation) l = attest_workspace_locate_target (f->ws, cases[i].target, &error);

      g_assert_no_error (error);
      g_assert_cmpint (l->kind, ==, cases[i].kind);
      g_assert_cmpstr (l->framework_id, ==, cases[i].framework);
      g_assert_cmpstr (l->section_key, ==, cases[i].section);
      g_assert_cmpstr (l->scope_id, ==, cases[i].scope);
      g_assert_cmpstr (l->service_id, ==, cases[i].service);
      g_assert_null (l->locale);
    }

  {
    g_autoptr(AttestLocation) l = attest_workspace_locate_target (f->ws, item_target, &error);
    g_assert_no_error (error);
    g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_CELL);
    g_assert_cmpstr (l->scope_id, ==, "soc/soc-2");
    g_assert_cmpuint (l->item_position, ==, 3);
  }
  {
    g_autoptr(AttestLocation) l = attest_workspace_locate_target (f->ws, evidence_target, &error);
    g_assert_no_error (error);
    g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_EVIDENCE);
    g_assert_cmpint (l->item_id, ==, f->item3_id);
  }

  /* A note on a page section, found through search, is located on that section. */
  {
    gint64 id = 0;
    g_autofree char *ref = NULL;
    g_autoptr(AttestLocation) l = NULL;

    g_assert_true (attest_workspace_add_note (f->ws, "framework:soc#audit-cycle", "Cycle is yearly, zyzzyva", &id,
                                              &error));
    g_assert_no_error (error);
    ref = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    l = locate_hit (f, "zyzzyva", "note", ref);
    g_assert_cmpint (l->kind, ==, ATTEST_LOCATION_NOTE);
    g_assert_cmpstr (l->framework_id, ==, "soc");
    g_assert_cmpstr (l->section_key, ==, "audit-cycle");
    g_assert_null (l->scope_id);
  }

  /* Targets of no known form, and things not there. */
  {
    static const char *invalid[] = { "", "cell", "cell:", "cell:soc/soc-2", "bogus:1", "item:x", "framework:soc#" };
    static const char *missing[] = { "framework:nope", "service:nope", "scope:soc/soc-9", "cell:soc/soc-2:nope",
                                     "item:999999", "evidence:0000" };

    for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
      {
        g_autoptr(AttestLocation) l = attest_workspace_locate_target (f->ws, invalid[i], &error);
        g_assert_null (l);
        g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
        g_clear_error (&error);
      }
    for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
      {
        g_autoptr(AttestLocation) l = attest_workspace_locate_target (f->ws, missing[i], &error);
        g_assert_null (l);
        g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
        g_clear_error (&error);
      }
  }
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
  sqlite3_close (db);
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM note WHERE id = %" G_GINT64_FORMAT, f->note_id);
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, f->note_id);
  AttestLocation *l;

  /* A result shown before the note went: locating it says what happened. */
  results = attest_workspace_search (f->ws, "retention", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, >=, 1);
  exec_sql (f->path, sql);

  l = attest_workspace_locate_search_result (f->ws, "note", ref, &error);
  g_assert_null (l);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_assert_nonnull (strstr (error->message, ref));
  g_clear_error (&error);

  /* A page section a newer page dropped, a file, an annotation, an item. */
  l = attest_workspace_locate_search_result (f->ws, "page", "soc#no-such-section@fr-FR/1", &error);
  g_assert_null (l);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  l = attest_workspace_locate_search_result (f->ws, "evidence", "ab12", &error);
  g_assert_null (l);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  l = attest_workspace_locate_search_result (f->ws, "annotation", "999999", &error);
  g_assert_null (l);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  l = attest_workspace_locate_search_result (f->ws, "item", "999999", &error);
  g_assert_null (l);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Refs of no known form. */
  {
    static const struct { const char *kind, *ref; } invalid[] = {
      { "page", "soc" }, { "page", "soc@fr-FR" }, { "page", "#key@fr-FR" }, { "page", "soc#@fr-FR" }, { "page", "soc#key@fr-FR" }, { "page", "soc#key@fr-FR/x" },
      { "note", "x" }, { "note", "-1" }, { "note", "" }, { "item", "12a" }, { "widget", "1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
      {
        l = attest_workspace_locate_search_result (f->ws, invalid[i].kind, invalid[i].ref, &error);
        g_assert_null (l);
        g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/locate/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("pages", test_pages);
  ADD ("work", test_work);
  ADD ("targets", test_targets);
  ADD ("stale", test_stale);
#undef ADD

  return g_test_run ();
}
