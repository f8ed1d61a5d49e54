/* test-evidence.c: evidence files — dedup, exact bytes, verify, history, dates, PDF text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attest-evidence-file.h"
#include "attest-history.h"
#include "attest-pdf-text.h"
#include "attest-search.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-test-workspace.h"
#include "attest-test-corpus.h"

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  gint64 soc2_item1;   /* soc/soc-2:intune#1 */
  gint64 soc2_item2;   /* soc/soc-2:intune#2 */
  gint64 soc1_item1;   /* soc/soc-1:intune#1 */
} Fixture;

static gint64
item_id (AttestWorkspace *ws,
         const char      *scope,
         guint            position)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autoptr(GPtrArray) items = NULL;
  AttestChecklistItem *item;

  g_assert_true (attest_workspace_resolve_cell (ws, "soc", scope, "Intune", &scope_id, &service_id, &error));
  g_assert_no_error (error);
  items = attest_test_stored_checklist (ws, scope_id, service_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, >=, position);
  item = items->pdata[position - 1];
  g_assert_cmpuint (item->position, ==, position);
  return item->id;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->ws = attest_test_workspace_new ("attest-evidence", "Test Reviewer", &f->dir, &f->path);
  g_assert_cmpuint (attest_test_import_bundled (f->ws, NULL), >, 0);

  f->soc2_item1 = item_id (f->ws, "SOC 2", 1);
  f->soc2_item2 = item_id (f->ws, "SOC 2", 2);
  f->soc1_item1 = item_id (f->ws, "SOC 1", 1);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  attest_test_workspace_delete (&f->ws, &f->dir, &f->path);
}

static GBytes *
bytes_of (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static char *
attach (Fixture    *f,
        gint64      item,
        const char *name,
        GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *sha = NULL;

  g_assert_true (attest_workspace_attach_evidence (f->ws, item, name, bytes, "application/octet-stream",
                                                   NULL, NULL, -1, NULL, &sha, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sha);
  return sha;
}

static GPtrArray *
list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *l = attest_workspace_list_evidence (f->ws, &error);

  g_assert_no_error (error);
  g_assert_nonnull (l);
  return l;
}

static guint
count_history (Fixture    *f,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = attest_workspace_list_history (f->ws, "evidence", &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (action == NULL || g_str_equal (((AttestHistoryEntry *)rows->pdata[i])->action, action))
      n++;
  return n;
}

static gboolean
strv_has (GPtrArray  *array,
          const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (array->pdata[i], s))
      return TRUE;
  return FALSE;
}

static void
test_dedup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) report = bytes_of ("SOC 2 Type II report, 2023");
  g_autoptr(GBytes) other = bytes_of ("ISO certificate");
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, report);
  g_autofree char *a = attach (f, f->soc2_item1, "soc2-report.pdf", report);
  g_autofree char *b = attach (f, f->soc1_item1, "copy-of-report.pdf", report);
  g_autofree char *again = attach (f, f->soc2_item1, "soc2-report.pdf", report);
  g_autofree char *c = NULL;
  g_autoptr(GPtrArray) l = NULL;
  AttestEvidence *e;

  /* Content-addressed: one row, the first name, linked to both cells. */
  g_assert_cmpstr (a, ==, expected);
  g_assert_cmpstr (b, ==, expected);
  g_assert_cmpstr (again, ==, expected);
  l = list (f);
  g_assert_cmpuint (l->len, ==, 1);
  e = l->pdata[0];
  g_assert_cmpstr (e->sha256, ==, expected);
  g_assert_cmpstr (e->name, ==, "soc2-report.pdf");
  g_assert_cmpint (e->size, ==, (gint64)g_bytes_get_size (report));
  g_assert_cmpstr (e->mime, ==, "application/octet-stream");
  g_assert_cmpint (e->page_count, ==, -1);
  g_assert_null (e->effective);
  g_assert_nonnull (e->attached_at);
  g_assert_cmpuint (e->cells->len, ==, 2);
  g_assert_true (strv_has (e->cells, "soc/soc-2:intune#1"));
  g_assert_true (strv_has (e->cells, "soc/soc-1:intune#1"));

  /* The re-attach to the same item changed nothing: no third history row. */
  g_assert_cmpuint (count_history (f, "attach"), ==, 2);

  /* The checklist sees it too. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) items = attest_test_stored_checklist (f->ws, "soc/soc-2", "intune", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (((AttestChecklistItem *)items->pdata[0])->evidence->len, ==, 1);
    g_assert_cmpstr (((AttestChecklistItem *)items->pdata[0])->evidence->pdata[0], ==, expected);
    g_assert_cmpuint (((AttestChecklistItem *)items->pdata[1])->evidence->len, ==, 0);
  }

  c = attach (f, f->soc2_item1, "iso.pdf", other);
  g_assert_cmpstr (c, !=, expected);
  g_clear_pointer (&l, g_ptr_array_unref);
  l = list (f);
  g_assert_cmpuint (l->len, ==, 2);
}

static void
test_export_exact (Fixture       *f,
                   gconstpointer  data)
{
  guchar raw[4096];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GBytes) back_empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *sha_empty = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *name = NULL;

  /* Every byte value, NULs and invalid UTF-8 included. */
  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = (guchar)((i * 7 + i / 256) & 0xff);
  bytes = g_bytes_new (raw, sizeof raw);
  sha = attach (f, f->soc2_item2, "binary.bin", bytes);
  sha_empty = attach (f, f->soc2_item2, "empty.txt", empty);
  g_assert_cmpstr (sha_empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  back = attest_workspace_get_evidence_bytes (f->ws, sha, &name, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));
  g_assert_cmpstr (name, ==, "binary.bin");

  back_empty = attest_workspace_get_evidence_bytes (f->ws, sha_empty, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (back_empty), ==, 0);

  /* Upper-case hex names the same file. */
  g_clear_pointer (&back, g_bytes_unref);
  upper = g_ascii_strup (sha, -1);
  back = attest_workspace_get_evidence_bytes (f->ws, upper, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));

  g_clear_pointer (&back, g_bytes_unref);
  back = attest_workspace_get_evidence_bytes (f->ws, "0000000000000000000000000000000000000000000000000000000000000000",
                                              NULL, &error);
  g_assert_null (back);
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
}

static void
tamper (Fixture    *f,
        const char *sha,
        const char *sql_value)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE evidence SET data = %s WHERE sha256 = '%s'", sql_value, sha);
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 3000);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static void
test_verify_tampered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) report = bytes_of ("the auditor's report");
  g_autoptr(GBytes) cert = bytes_of ("the certificate");
  g_autofree char *sha_report = attach (f, f->soc2_item1, "audit-report-2023.pdf", report);
  g_autofree char *sha_cert = attach (f, f->soc1_item1, "certificate.pdf", cert);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *line;

  g_assert_true (attest_workspace_verify_evidence (f->ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Same length, one byte changed behind Attest's back. */
  tamper (f, sha_report, "CAST ('The auditor''s report' AS BLOB)");
  g_assert_true (attest_workspace_verify_evidence (f->ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  line = problems->pdata[0];
  g_test_message ("problem: %s", line);
  g_assert_nonnull (strstr (line, "audit-report-2023.pdf"));
  g_assert_nonnull (strstr (line, "soc/soc-2:intune#1"));
  g_assert_null (strstr (line, "certificate.pdf"));

  /* Emptied: a second line, for the other file and its cell. */
  tamper (f, sha_cert, "X''");
  g_ptr_array_set_size (problems, 0);
  g_assert_true (attest_workspace_verify_evidence (f->ws, problems, &error));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (problems->pdata[1], "certificate.pdf"));
  g_assert_nonnull (strstr (problems->pdata[1], "soc/soc-1:intune#1"));
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) report = bytes_of ("history report");
  g_autofree char *sha = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  AttestHistoryEntry *row;
  JsonObject *after, *item;

  g_assert_cmpuint (count_history (f, NULL), ==, 0);
  g_assert_true (attest_workspace_attach_evidence (f->ws, f->soc2_item2, "history.pdf", report, "application/pdf",
                                                   "2023-01-01", "2024-12-31", 3, "some text", &sha, &error));
  g_assert_no_error (error);

  rows = attest_workspace_list_history (f->ws, "evidence", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->entity_id, ==, sha);
  g_assert_cmpstr (row->action, ==, "attach");
  g_assert_cmpstr (row->reviewer, ==, "Test Reviewer");
  g_assert_null (row->before);
  g_assert_true (json_parser_load_from_data (parser, row->after, -1, &error));
  g_assert_no_error (error);
  after = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "history.pdf");
  g_assert_cmpint (json_object_get_int_member (after, "size"), ==, (gint64)g_bytes_get_size (report));
  item = json_object_get_object_member (after, "item");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "cell"), ==, "soc/soc-2:intune#2");
  g_assert_cmpint (json_object_get_int_member (item, "position"), ==, 2);

  /* Dates: an update is a history row with before and after. */
  g_assert_true (attest_workspace_update_evidence_dates (f->ws, sha, NULL, "2025-06-30", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f, "update"), ==, 1);
  /* Nothing changes: no row. */
  g_assert_true (attest_workspace_update_evidence_dates (f->ws, sha, "2023-01-01", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f, "update"), ==, 1);
  {
    g_autoptr(GPtrArray) l = list (f);
    AttestEvidence *e = l->pdata[0];
    g_assert_cmpstr (e->effective, ==, "2023-01-01");
    g_assert_cmpstr (e->expires, ==, "2025-06-30");
    g_assert_cmpint (e->page_count, ==, 3);
    g_assert_cmpstr (e->mime, ==, "application/pdf");
  }
  /* "" clears. */
  g_assert_true (attest_workspace_update_evidence_dates (f->ws, sha, "", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) l = list (f);
    g_assert_null (((AttestEvidence *)l->pdata[0])->effective);
  }

  /* The chain holds across all of it. */
  g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_bad_dates (Fixture       *f,
                gconstpointer  data)
{
  const char *bad[] = { "2024-13-01", "2024-02-30", "24-01-01", "2024-1-1", "2024-01-01x", "2024/01/01",
                        "tomorrow", "+024-01-01", " 2024-01-01" };
  g_autoptr(GBytes) report = bytes_of ("dated report");
  g_autofree char *sha = NULL;
  g_autoptr(GPtrArray) l = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (attest_evidence_date_is_valid (bad[i]));
      g_assert_false (attest_workspace_attach_evidence (f->ws, f->soc2_item1, "r.pdf", report, NULL,
                                                        bad[i], NULL, -1, NULL, NULL, &error));
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (attest_workspace_attach_evidence (f->ws, f->soc2_item1, "r.pdf", report, NULL,
                                                        NULL, bad[i], -1, NULL, NULL, &error));
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
    }
  g_assert_true (attest_evidence_date_is_valid ("2024-02-29"));
  g_assert_false (attest_evidence_date_is_valid ("2023-02-29"));

  /* Expiry before the effective date. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (attest_workspace_attach_evidence (f->ws, f->soc2_item1, "r.pdf", report, NULL,
                                                      "2024-06-01", "2024-05-31", -1, NULL, NULL, &error));
    g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
  }

  /* A missing item. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (attest_workspace_attach_evidence (f->ws, 999999, "r.pdf", report, NULL,
                                                      NULL, NULL, -1, NULL, NULL, &error));
    g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  }

  /* Nothing was stored by any of those. */
  l = list (f);
  g_assert_cmpuint (l->len, ==, 0);
  g_assert_cmpuint (count_history (f, NULL), ==, 0);

  sha = attach (f, f->soc2_item1, "r.pdf", report);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (attest_workspace_update_evidence_dates (f->ws, sha, bad[i], NULL, &error));
      g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (attest_workspace_update_evidence_dates (f->ws, sha, "2024-06-01", NULL, &error));
    g_assert_no_error (error);
    g_assert_false (attest_workspace_update_evidence_dates (f->ws, sha, NULL, "2024-01-01", &error));
    g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (attest_workspace_update_evidence_dates (f->ws, "ab", "2024-06-01", NULL, &error));
    g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  }
  g_assert_cmpuint (count_history (f, "update"), ==, 1);
}

static void
test_read_file (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.txt", NULL);
  g_autofree char *big_path = g_build_filename (f->dir, "huge.bin", NULL);
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *contents = g_strnfill (3 * 1024 * 1024 + 17, 'x');
  FILE *fp;

  /* More than one read chunk. */
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  bytes = attest_evidence_read_file (file, &sha, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen (contents));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, strlen (contents));
  {
    g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
    g_assert_cmpstr (sha, ==, expected);
  }

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = attest_evidence_read_file (missing, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.pdf"));
  g_clear_error (&error);

  bytes = attest_evidence_read_file (dir, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* One byte over the limit, sparse: refused before anything is read. */
  fp = g_fopen (big_path, "wb");
  g_assert_nonnull (fp);
  g_assert_cmpint (ftruncate (fileno (fp), ATTEST_EVIDENCE_MAX_BYTES + 1), ==, 0);
  fclose (fp);
  bytes = attest_evidence_read_file (big, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.bin"));
  g_unlink (big_path);
}

/* A two-page PDF made here, so the core path needs no corpus. */
static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, out, 300, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 20, 50);
  cairo_show_text (cr, "Bridge letter alpha");
  cairo_show_page (cr);
  cairo_move_to (cr, 20, 50);
  cairo_show_text (cr, "Assessment bravo");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
test_pdf_made_here (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GBytes) junk = bytes_of ("%PDF-1.4\nthis is not really a PDF\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GPtrArray) l = NULL;
  guint pages = 0;
  const char *ff;

  g_assert_true (attest_pdf_text_extract (pdf, &pages, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 2);
  ff = strchr (text, '\f');
  g_assert_nonnull (ff);
  g_assert_nonnull (strstr (text, "alpha"));
  g_assert_nonnull (strstr (ff, "bravo"));
  g_assert_true (strstr (text, "alpha") < ff);

  /* Junk: an error, not a crash, and no output. */
  g_clear_pointer (&text, g_free);
  pages = 99;
  g_assert_false (attest_pdf_text_extract (junk, &pages, &text, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (text);
  g_assert_cmpuint (pages, ==, 99);
  g_clear_error (&error);

  /* Stored with its page count. */
  {
    g_autofree char *t = NULL;
    g_assert_true (attest_pdf_text_extract (pdf, &pages, &t, NULL));
    g_assert_true (attest_workspace_attach_evidence (f->ws, f->soc2_item1, "made.pdf", pdf, "application/pdf",
                                                     NULL, NULL, (gint)pages, t, &sha, &error));
    g_assert_no_error (error);
  }
  l = list (f);
  g_assert_cmpuint (l->len, ==, 1);
  g_assert_cmpint (((AttestEvidence *)l->pdata[0])->page_count, ==, 2);

  /* Its text is searchable. */
  {
    g_autoptr(GPtrArray) results = attest_workspace_search (f->ws, "bravo", 10, &error);
    AttestSearchResult *hit = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < results->len; i++)
      if (g_str_equal (((AttestSearchResult *)results->pdata[i])->kind, "evidence"))
        hit = results->pdata[i];
    g_assert_nonnull (hit);
    g_assert_cmpstr (hit->ref, ==, sha);
  }
}

static GBytes *
corpus_file (const char *corpus,
             const char *sub,
             const char *name)
{
  g_autofree char *path = g_build_filename (corpus, "pdf", sub, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
test_pdf_corpus (void)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *broken_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint broken = 0, failed = 0;

  if (corpus == NULL)
    return;

  /* A 4-page LaTeX document. */
  {
    g_autoptr(GBytes) pdf = corpus_file (corpus, "valid", "pypdf_pdflatex-4-pages.pdf");
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    guint pages = 0;

    g_assert_true (attest_pdf_text_extract (pdf, &pages, &text, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pages, ==, 4);
    g_assert_cmpuint (strlen (text), >, 100);
  }

  /* Needs a password: a clear error. */
  {
    g_autoptr(GBytes) pdf = corpus_file (corpus, "valid", "poppler_PasswordEncrypted.pdf");
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    guint pages = 0;

    g_assert_false (attest_pdf_text_extract (pdf, &pages, &text, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
    g_assert_nonnull (strstr (error->message, "encrypted"));
  }

  /* Every broken file: either read or refused with an error — never a crash. */
  broken_dir = g_build_filename (corpus, "pdf", "broken", NULL);
  dir = g_dir_open (broken_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GBytes) pdf = corpus_file (corpus, "broken", name);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      guint pages = 0;
      gboolean ok = attest_pdf_text_extract (pdf, &pages, &text, &error);

      g_assert_true (ok == (error == NULL));
      g_assert_true (ok == (text != NULL));
      if (!ok)
        {
          g_assert_true (error->domain == G_IO_ERROR);
          g_assert_cmpstr (error->message, !=, "");
          failed++;
        }
      broken++;
    }
  g_assert_cmpuint (broken, >, 0);
  /* qpdf_bad1.pdf is five bytes: that one at least cannot be read. */
  g_assert_cmpuint (failed, >, 0);
}


static void
test_link_unlink (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) report = bytes_of ("one SOC 2 report for many cells");
  g_autofree char *sha = attach (f, f->soc2_item1, "soc2.pdf", report);
  g_autofree char *upper = g_ascii_strup (sha, -1);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  AttestHistoryEntry *row;
  JsonObject *obj;

  /* Link the stored bytes to a second cell: one history row, no copy. */
  g_assert_true (attest_workspace_link_evidence (f->ws, f->soc1_item1, upper, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f, "link"), ==, 1);
  {
    g_autoptr(GPtrArray) l = list (f);
    g_assert_cmpuint (l->len, ==, 1);
    g_assert_cmpuint (((AttestEvidence *)l->pdata[0])->cells->len, ==, 2);
  }
  /* Again: nothing changes, no row. */
  g_assert_true (attest_workspace_link_evidence (f->ws, f->soc1_item1, sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f, "link"), ==, 1);

  /* Unlink from the first: its row names the item; the bytes stay. */
  g_assert_true (attest_workspace_unlink_evidence (f->ws, f->soc2_item1, sha, &error));
  g_assert_no_error (error);
  rows = attest_workspace_list_history (f->ws, "evidence", &error);
  g_assert_no_error (error);
  row = rows->pdata[rows->len - 1];
  g_assert_cmpstr (row->action, ==, "unlink");
  g_assert_cmpstr (row->entity_id, ==, sha);
  g_assert_null (row->after);
  g_assert_true (json_parser_load_from_data (parser, row->before, -1, &error));
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "soc2.pdf");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "item"), "cell"), ==,
                   "soc/soc-2:intune#1");
  {
    g_autoptr(GPtrArray) l = list (f);
    g_autoptr(GBytes) back = attest_workspace_get_evidence_bytes (f->ws, sha, NULL, &error);
    g_assert_cmpuint (l->len, ==, 1);
    g_assert_cmpuint (((AttestEvidence *)l->pdata[0])->cells->len, ==, 1);
    g_assert_true (g_bytes_equal (back, report));
  }
  {
    g_autoptr(GPtrArray) items = attest_test_stored_checklist (f->ws, "soc/soc-2", "intune", &error);
    g_assert_cmpuint (((AttestChecklistItem *)items->pdata[0])->evidence->len, ==, 0);
  }

  /* Unlinking what is not linked: an error, and no row. */
  g_assert_false (attest_workspace_unlink_evidence (f->ws, f->soc2_item1, sha, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "soc2.pdf"));
  g_clear_error (&error);
  g_assert_cmpuint (count_history (f, "unlink"), ==, 1);

  /* Missing file, missing item. */
  g_assert_false (attest_workspace_link_evidence (f->ws, f->soc2_item1, "00", &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attest_workspace_link_evidence (f->ws, 999999, sha, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (attest_workspace_unlink_evidence (f->ws, 999999, sha, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo is linking back. */
  g_assert_true (attest_workspace_link_evidence (f->ws, f->soc2_item1, sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_history (f, "link"), ==, 2);

  g_assert_true (attest_workspace_verify_history (f->ws, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A second connection holds the write lock: the edit fails in words and changes nothing. */
static void
test_unlink_busy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) report = bytes_of ("busy report");
  g_autofree char *sha = attach (f, f->soc2_item1, "busy.pdf", report);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (attest_workspace_unlink_evidence (f->ws, f->soc2_item1, sha, &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_BUSY);
  g_clear_error (&error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  {
    g_autoptr(GPtrArray) linked = attest_workspace_list_item_evidence (f->ws, f->soc2_item1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (linked->len, ==, 1);
  }
  g_assert_cmpuint (count_history (f, "unlink"), ==, 0);
}

static void
test_get_and_item_list (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) b1 = bytes_of ("zeta file");
  g_autoptr(GBytes) b2 = bytes_of ("alpha file");
  g_autofree char *s1 = attach (f, f->soc2_item1, "Zeta.pdf", b1);
  g_autofree char *s2 = attach (f, f->soc2_item1, "alpha.pdf", b2);
  g_autofree char *s3 = attach (f, f->soc1_item1, "Zeta.pdf", b1);
  g_autofree char *upper = g_ascii_strup (s2, -1);
  g_autoptr(GPtrArray) l1 = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(AttestEvidence) one = NULL;
  g_autoptr(GError) error = NULL;

  /* The files of one item, by name (case-folded), with their cells. */
  l1 = attest_workspace_list_item_evidence (f->ws, f->soc2_item1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (l1->len, ==, 2);
  g_assert_cmpstr (((AttestEvidence *)l1->pdata[0])->name, ==, "alpha.pdf");
  g_assert_cmpstr (((AttestEvidence *)l1->pdata[1])->name, ==, "Zeta.pdf");
  g_assert_cmpuint (((AttestEvidence *)l1->pdata[1])->cells->len, ==, 2);
  none = attest_workspace_list_item_evidence (f->ws, f->soc2_item2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* One record, either case. */
  one = attest_workspace_get_evidence (f->ws, upper, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->sha256, ==, s2);
  g_assert_cmpstr (one->name, ==, "alpha.pdf");
  g_assert_cmpint (one->size, ==, (gint64)g_bytes_get_size (b2));
  g_assert_cmpuint (one->cells->len, ==, 1);
  g_assert_cmpstr (one->cells->pdata[0], ==, "soc/soc-2:intune#1");
  g_assert_cmpstr (s1, ==, s3);

  g_assert_null (attest_workspace_get_evidence (f->ws, "0000000000000000000000000000000000000000000000000000000000000000",
                                                &error));
  g_assert_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_NOT_FOUND);
}

static void
test_expiry_state (void)
{
  static const struct {
    const char *expires, *today;
    AttestExpiryState state;
  } cases[] = {
    { NULL, "2024-06-15", ATTEST_EXPIRY_NONE },
    { "", "2024-06-15", ATTEST_EXPIRY_NONE },
    { "someday", "2024-06-15", ATTEST_EXPIRY_NONE },
    { "2024-02-30", "2024-01-01", ATTEST_EXPIRY_NONE },
    /* The day before today: expired; today itself: still valid, soon. */
    { "2024-06-14", "2024-06-15", ATTEST_EXPIRY_EXPIRED },
    { "2024-06-15", "2024-06-15", ATTEST_EXPIRY_SOON },
    /* 30 days ahead is soon, 31 is not. */
    { "2024-07-15", "2024-06-15", ATTEST_EXPIRY_SOON },
    { "2024-07-16", "2024-06-15", ATTEST_EXPIRY_CURRENT },
    /* Across a month end and a year end. */
    { "2024-03-01", "2024-01-31", ATTEST_EXPIRY_SOON },      /* 30 days in a leap year */
    { "2023-03-03", "2023-01-31", ATTEST_EXPIRY_CURRENT },   /* 31 days, no leap day */
    { "2023-03-02", "2023-01-31", ATTEST_EXPIRY_SOON },      /* 30 days */
    { "2025-01-30", "2024-12-31", ATTEST_EXPIRY_SOON },
    { "2025-01-31", "2024-12-31", ATTEST_EXPIRY_CURRENT },
    { "2024-12-31", "2025-01-01", ATTEST_EXPIRY_EXPIRED },
    /* The leap day itself. */
    { "2024-02-29", "2024-02-29", ATTEST_EXPIRY_SOON },
    { "2024-02-29", "2024-03-01", ATTEST_EXPIRY_EXPIRED },
    { "2024-03-30", "2024-02-29", ATTEST_EXPIRY_SOON },
    { "2024-03-31", "2024-02-29", ATTEST_EXPIRY_CURRENT },
    { "2028-01-01", "2024-06-15", ATTEST_EXPIRY_CURRENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AttestExpiryState got = attest_expiry_state (cases[i].expires, cases[i].today);

      if (got != cases[i].state)
        g_error ("expires %s, today %s: state %d, not %d", cases[i].expires, cases[i].today, got, cases[i].state);
    }
}

static void
test_overdue (void)
{
  AttestChecklistItem item = { 0 };
  static const char *open_statuses[] = { "not-started", "in-progress", "exception" };

  item.due = (char *)"2024-06-14";
  for (guint i = 0; i < G_N_ELEMENTS (open_statuses); i++)
    {
      item.status = (char *)open_statuses[i];
      g_assert_true (attest_checklist_item_is_overdue (&item, "2024-06-15"));
      /* Due today is not overdue yet. */
      g_assert_false (attest_checklist_item_is_overdue (&item, "2024-06-14"));
    }
  item.status = (char *)"satisfied";
  g_assert_false (attest_checklist_item_is_overdue (&item, "2024-06-15"));
  item.status = (char *)"not-applicable";
  g_assert_false (attest_checklist_item_is_overdue (&item, "2024-06-15"));
  item.status = (char *)"in-progress";
  item.due = NULL;
  g_assert_false (attest_checklist_item_is_overdue (&item, "2024-06-15"));
}

static void
count_progress (guint64  bytes_read,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (bytes_read, >=, *last);
  *last = bytes_read;
}

/* The shared prepare step: bytes, hash, MIME type, PDF pages and text, progress. */
static void
test_prepare_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf_path = g_build_filename (f->dir, "made.pdf", NULL);
  g_autofree char *txt_path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *junk_path = g_build_filename (f->dir, "broken.pdf", NULL);
  g_autofree char *missing_path = g_build_filename (f->dir, "nowhere.pdf", NULL);
  g_autoptr(GBytes) pdf = make_pdf ();
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) txt_file = g_file_new_for_path (txt_path);
  g_autoptr(GFile) junk_file = g_file_new_for_path (junk_path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing_path);
  g_autoptr(AttestEvidenceFile) p = NULL;
  g_autoptr(AttestEvidenceFile) t = NULL;
  g_autoptr(AttestEvidenceFile) j = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  guint64 last = 0;

  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_true (g_file_set_contents (txt_path, "plain notes", -1, NULL));
  g_assert_true (g_file_set_contents (junk_path, "%PDF-1.4\nnot really\n", -1, NULL));

  p = attest_evidence_file_prepare (pdf_file, count_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "made.pdf");
  g_assert_cmpstr (p->sha256, ==, expected);
  g_assert_cmpstr (p->mime, ==, "application/pdf");
  g_assert_cmpint (p->page_count, ==, 2);
  g_assert_nonnull (strstr (p->text, "bravo"));
  g_assert_null (p->text_error);
  g_assert_true (g_bytes_equal (p->bytes, pdf));
  g_assert_cmpuint (last, ==, g_bytes_get_size (pdf));

  g_assert_true (attest_evidence_file_attach (p, f->ws, f->soc2_item1, "2024-01-01", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AttestEvidence) e = attest_workspace_get_evidence (f->ws, expected, &error);
    g_assert_no_error (error);
    g_assert_cmpint (e->page_count, ==, 2);
    g_assert_cmpstr (e->mime, ==, "application/pdf");
    g_assert_cmpstr (e->effective, ==, "2024-01-01");
  }

  t = attest_evidence_file_prepare (txt_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* text/plain with a MIME database; this test hides the system's. */
  g_assert_cmpstr (t->mime, !=, "application/pdf");
  g_assert_cmpint (t->page_count, ==, -1);
  g_assert_null (t->text);

  /* A PDF that cannot be read is evidence all the same, without its text. */
  j = attest_evidence_file_prepare (junk_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (j->mime, ==, "application/pdf");
  g_assert_cmpint (j->page_count, ==, -1);
  g_assert_nonnull (j->text_error);

  g_assert_null (attest_evidence_file_prepare (missing_file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.pdf"));
  g_clear_error (&error);

  /* Cancelled before it starts: nothing read. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_null (attest_evidence_file_prepare (pdf_file, NULL, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/evidence/" name, Fixture, NULL, setup, fn, teardown)
  ADD ("dedup", test_dedup);
  ADD ("export-exact", test_export_exact);
  ADD ("verify-tampered", test_verify_tampered);
  ADD ("history", test_history);
  ADD ("bad-dates", test_bad_dates);
  ADD ("read-file", test_read_file);
  ADD ("pdf-made-here", test_pdf_made_here);
  ADD ("link-unlink", test_link_unlink);
  ADD ("unlink-busy", test_unlink_busy);
  ADD ("get-and-item-list", test_get_and_item_list);
  ADD ("prepare-file", test_prepare_file);
#undef ADD
  g_test_add_func ("/evidence/expiry-state", test_expiry_state);
  g_test_add_func ("/evidence/overdue", test_overdue);
  g_test_add_func ("/evidence/pdf-corpus", test_pdf_corpus);

  return g_test_run ();
}
