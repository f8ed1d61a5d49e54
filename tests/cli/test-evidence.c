/* test-evidence.c: attest-cli evidence attach / list / export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cli-runner.h"
#include "attest-test-corpus.h"

typedef struct {
  char *dir;
  char *ws;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);

  f->dir = g_dir_make_tmp ("attest-cli-evidence-XXXXXX", NULL);
  f->ws = g_build_filename (f->dir, "w.attest", NULL);
  run_cli (&r, "--workspace", f->ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        g_rmdir (p);
      else
        g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->ws);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
}

static JsonArray *
list_json (Fixture    *f,
           JsonParser *parser)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  run_cli (&r, "--workspace", f->ws, "evidence", "list", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "evidence"));
  return json_object_get_array_member (root, "evidence");
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *s)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_array_get_string_element (array, i), s))
      return TRUE;
  return FALSE;
}

static guint
evidence_count (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_array_get_length (list_json (f, parser));
}

static void
test_attach_list_export (Fixture       *f,
                         gconstpointer  data)
{
  static const char content[] = "SOC 2 report\0with a NUL\xff\xfe and invalid UTF-8\n";
  g_autofree char *file = write_file (f, "soc2 report.bin", content, sizeof content);
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content,
                                                           sizeof content);
  g_autofree char *line = g_strdup_printf ("%s\n", expected);
  g_autofree char *out = g_build_filename (f->dir, "exported.bin", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  g_autofree char *back = NULL;
  gsize back_len = 0;
  JsonArray *list;
  JsonObject *e;

  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", file, "--effective", "2023-10-01", "--expires", "2024-09-30");
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, line);

  /* The same bytes on another cell: the same file. */
  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "soc/soc-1",
           "--service", "intune", "--item", "2", file);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, line);

  run_cli (&r, "--workspace", f->ws, "evidence", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, expected));
  g_assert_nonnull (strstr (r.out, "soc2 report.bin"));
  g_assert_nonnull (strstr (r.out, "soc/soc-2:intune#1"));
  g_assert_nonnull (strstr (r.out, "soc/soc-1:intune#2"));

  list = list_json (f, parser);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  e = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "sha256"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "soc2 report.bin");
  g_assert_cmpint (json_object_get_int_member (e, "size"), ==, sizeof content);
  g_assert_cmpstr (json_object_get_string_member (e, "effective"), ==, "2023-10-01");
  g_assert_cmpstr (json_object_get_string_member (e, "expires"), ==, "2024-09-30");
  g_assert_true (json_object_get_null_member (e, "page_count"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "cells")), ==, 2);
  g_assert_true (array_has_string (json_object_get_array_member (e, "cells"), "soc/soc-2:intune#1"));
  g_assert_true (array_has_string (json_object_get_array_member (e, "cells"), "soc/soc-1:intune#2"));

  /* Byte for byte. */
  run_cli (&r, "--workspace", f->ws, "evidence", "export", expected, out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &back, &back_len, NULL));
  g_assert_cmpmem (back, back_len, content, sizeof content);

  /* Malformed SHA-256: usage. Well-formed but not stored: a failure. */
  run_cli (&r, "--workspace", f->ws, "evidence", "export", "abc123", out);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", f->ws, "evidence", "export",
           "0000000000000000000000000000000000000000000000000000000000000000", out);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, !=, "");
  /* The earlier export is untouched by the failed one. */
  g_clear_pointer (&back, g_free);
  g_assert_true (g_file_get_contents (out, &back, &back_len, NULL));
  g_assert_cmpmem (back, back_len, content, sizeof content);
}

/* The bytes of @path, which must exist. */
static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* export never writes over the workspace or its -wal/-shm, by any name, and
 * replaces an existing file only with --force (whole, never half-written). */
static void
test_export_refuses (Fixture       *f,
                     gconstpointer  data)
{
  static const char content[] = "ISO 27001 certificate";
  g_autofree char *file = write_file (f, "cert.txt", content, sizeof content - 1);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content,
                                                      sizeof content - 1);
  g_autofree char *wal = g_strconcat (f->ws, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->ws, "-shm", NULL);
  g_autofree char *sym = g_build_filename (f->dir, "link.attest", NULL);
  g_autofree char *wal_link = g_build_filename (f->dir, "wal-link", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "hard.attest", NULL);
  g_autofree char *dotted = g_build_filename (f->dir, ".", "w.attest", NULL);
  g_autofree char *existing = write_file (f, "existing.txt", "keep me", 7);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.txt", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) got = NULL;
  g_auto(Run) r = { 0 };
  const char *refused[] = { f->ws, wal, shm, sym, wal_link, hard, dotted };

  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", file);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (symlink (f->ws, sym), ==, 0);
  g_assert_cmpint (symlink (wal, wal_link), ==, 0);
  g_assert_cmpint (link (f->ws, hard), ==, 0);

  before = read_bytes (f->ws);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      run_cli (&r, "--workspace", f->ws, "evidence", "export", sha, refused[i], "--force");
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "workspace"));
      g_assert_cmpstr (r.out, ==, "");
    }
  /* Another name of the workspace as --workspace, the real one as OUT. */
  run_cli (&r, "--workspace", sym, "evidence", "export", sha, f->ws);
  g_assert_cmpint (r.status, ==, 2);
  after = read_bytes (f->ws);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS) && g_file_test (wal, G_FILE_TEST_IS_SYMLINK));

  /* Still a workspace, with its evidence. */
  run_cli (&r, "--workspace", f->ws, "verify");
  g_assert_cmpint (r.status, ==, 0);

  /* An existing file: refused and left alone without --force, replaced with it. */
  run_cli (&r, "--workspace", f->ws, "evidence", "export", sha, existing);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "--force"));
  g_clear_pointer (&got, g_bytes_unref);
  got = read_bytes (existing);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), "keep me", 7);
  run_cli (&r, "--workspace", f->ws, "evidence", "export", "--force", sha, existing);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&got, g_bytes_unref);
  got = read_bytes (existing);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), content, sizeof content - 1);

  /* A new file needs no --force. */
  run_cli (&r, "--workspace", f->ws, "evidence", "export", sha, fresh);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&got, g_bytes_unref);
  got = read_bytes (fresh);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), content, sizeof content - 1);

  g_unlink (sym);
  g_unlink (wal_link);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Counts people read are grouped as their locale groups digits. The machine
 * has no such locale installed (only C): one is compiled for the test. */
static void
test_grouped_counts (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *locales = g_build_filename (f->dir, "locales", NULL);
  g_autofree char *en_us = g_build_filename (locales, "en_US.utf8", NULL);
  g_autofree char *file = NULL;
  g_autofree char *content = g_malloc (12345);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(Run) r = { 0 };
  int status = -1;

  if (localedef == NULL || !g_file_test ("/usr/share/i18n/locales/en_US", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("needs localedef and the en_US locale source (Debian: locales) to make a grouping locale");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (locales, 0700), ==, 0);
  {
    const char *argv[] = { localedef, "-i", "en_US", "-f", "UTF-8", en_us, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_test (en_us, G_FILE_TEST_IS_DIR));

  memset (content, 'x', 12345);
  file = write_file (f, "big.txt", content, 12345);
  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", file);
  g_assert_cmpint (r.status, ==, 0);

  /* C: as machines read it. */
  run_cli (&r, "--workspace", f->ws, "evidence", "list");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "12345 bytes"));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "LOCPATH", locales, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "en_US.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ATTEST_CLI"), "--workspace", f->ws, "evidence",
                                      "list", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_nonnull (strstr (out, "12,345 bytes"));
  remove_tree (locales);
}

static void
test_bad_inputs (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *file = write_file (f, "ok.txt", "fine", -1);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-report.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "a-folder", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.bin", NULL);
  g_auto(Run) r = { 0 };
  FILE *fp;

#define ATTACH(...) run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", __VA_ARGS__)

  /* Missing file, a folder, over the limit: exit 1, the file named, nothing stored. */
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", missing);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no-such-report.pdf"));
  g_assert_cmpstr (r.out, ==, "");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", folder);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "a-folder"));

  fp = g_fopen (huge, "wb");
  g_assert_nonnull (fp);
  g_assert_cmpint (ftruncate (fileno (fp), (off_t)512 * 1024 * 1024 + 1), ==, 0);
  fclose (fp);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", huge);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "huge.bin"));
  g_unlink (huge);

  g_assert_cmpuint (evidence_count (f), ==, 0);

  /* Item numbers count from 1, up to the checklist's length. */
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "99", file);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "99"));
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "0", file);
  g_assert_cmpint (r.status, ==, 2);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "-1", file);
  g_assert_cmpint (r.status, ==, 2);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", file);
  g_assert_cmpint (r.status, ==, 2);

  /* Names that resolve to nothing. */
  ATTACH ("--scope", "SOC 2", "--service", "No Such Service", "--item", "1", file);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No Such Service"));
  ATTACH ("--scope", "SOC 9", "--service", "Intune", "--item", "1", file);
  g_assert_cmpint (r.status, ==, 2);

  /* Dates. */
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", file, "--effective", "2024-02-30");
  g_assert_cmpint (r.status, ==, 2);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", file, "--expires", "31/12/2024");
  g_assert_cmpint (r.status, ==, 2);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", file,
          "--effective", "2024-06-01", "--expires", "2024-01-01");
  g_assert_cmpint (r.status, ==, 2);

  g_assert_cmpuint (evidence_count (f), ==, 0);

  /* Two files, no file. */
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1", file, file);
  g_assert_cmpint (r.status, ==, 2);
  ATTACH ("--scope", "SOC 2", "--service", "Intune", "--item", "1");
  g_assert_cmpint (r.status, ==, 2);
#undef ATTACH

  run_cli (&r, "--workspace", f->ws, "evidence", "list", "--format", "xml");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", f->ws, "evidence", "frobnicate");
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", f->ws, "evidence");
  g_assert_cmpint (r.status, ==, 2);
}

/* Two services answering to one name: the CLI names both and exits 2. */
static void
test_ambiguous_service (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = write_file (f, "ok.txt", "fine", -1);
  g_auto(Run) r = { 0 };
  sqlite3 *db = NULL;
  char *msg = NULL;

  /* A (made-up) French translation of Stream that reads "Intune". */
  g_assert_cmpint (sqlite3_open (f->ws, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "INSERT INTO service_name (key, lang, service_id, name, origin) "
                        "VALUES ('intune', 'fr', 'stream', 'Intune', 'analyst')", NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
  sqlite3_close (db);

  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", file);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "intune"));
  g_assert_nonnull (strstr (r.err, "stream"));
  g_assert_cmpuint (evidence_count (f), ==, 0);
}

static void
test_pdf_from_corpus (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autofree char *valid = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) r = { 0 };
  JsonArray *list;
  gboolean seen_valid = FALSE, seen_broken = FALSE;

  if (corpus == NULL)
    return;
  valid = g_build_filename (corpus, "pdf", "valid", "pypdf_pdflatex-4-pages.pdf", NULL);
  broken = g_build_filename (corpus, "pdf", "broken", "qpdf_bad1.pdf", NULL);

  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", valid);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");

  /* Broken: attached all the same, with a warning naming it. */
  run_cli (&r, "--workspace", f->ws, "evidence", "attach", "--framework", "soc", "--scope", "SOC 2",
           "--service", "Intune", "--item", "1", broken);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (strlen (r.out), ==, 65);
  g_assert_nonnull (strstr (r.err, "warning"));
  g_assert_nonnull (strstr (r.err, "qpdf_bad1.pdf"));

  list = list_json (f, parser);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *e = json_array_get_object_element (list, i);
      const char *name = json_object_get_string_member (e, "name");

      g_assert_cmpstr (json_object_get_string_member (e, "mime"), ==, "application/pdf");
      if (g_str_equal (name, "pypdf_pdflatex-4-pages.pdf"))
        {
          g_assert_cmpint (json_object_get_int_member (e, "page_count"), ==, 4);
          seen_valid = TRUE;
        }
      else if (g_str_equal (name, "qpdf_bad1.pdf"))
        {
          g_assert_true (json_object_get_null_member (e, "page_count"));
          seen_broken = TRUE;
        }
    }
  g_assert_true (seen_valid && seen_broken);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/cli/evidence/" name, Fixture, NULL, setup, fn, teardown)
  ADD ("attach-list-export", test_attach_list_export);
  ADD ("export-refuses", test_export_refuses);
  ADD ("grouped-counts", test_grouped_counts);
  ADD ("bad-inputs", test_bad_inputs);
  ADD ("ambiguous-service", test_ambiguous_service);
  ADD ("pdf-from-corpus", test_pdf_from_corpus);
#undef ADD

  return g_test_run ();
}
