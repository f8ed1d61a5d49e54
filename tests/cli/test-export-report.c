/* test-export-report.c: attest-cli export report OUT.{pdf,html} and export
 * package DIR [--zip], read back (poppler, sha256sum, libarchive)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace: the seeds, then (through the store, as the window would)
 * checklist work, evidence files (one named ../../x.pdf, two named
 * report.pdf, one with a control character), notes with markup in them and
 * an annotation on a PDF. The gap report's cases add a required scope
 * (SOC 2) and two of My services (Intune, open there; Azure Health Bot, not
 * certified) to their copy.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-evidence-package.h"
#include "attest-history.h"
#include "attest-report-html.h"
#include "attest-report-sheets.h"
#include "attest-test-workspace.h"
#include "attest-test-generate.h"
#include "attest-test-pdf.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-notes.h"
#include "attest-workspace-required.h"
#include "cli-runner.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)

/* Markdown, as typed: the report shows the words (NOTE_PLAIN). */
#define NOTE_TEXT "**Bridge letter** \\<script\\>alert(1)\\</script\\> & “due” soon"
#define NOTE_PLAIN "Bridge letter <script>alert(1)</script> & “due” soon"
#define ANNOTATION_TEXT "Qualified opinion on CC6.1"

typedef struct {
  char *dir;
  char *ws;
  char *pdf_sha;
} Fixture;

static gint64
item_id (AttestWorkspace *ws,
         const char      *framework,
         const char      *scope,
         const char      *service,
         guint            n)
{
  g_autofree char *scope_id = NULL;
  g_autofree char *service_id = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_resolve_cell (ws, framework, scope, service, &scope_id, &service_id, &error));
  g_assert_no_error (error);
  items = attest_workspace_get_checklist (ws, scope_id, service_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, n);
  return ((AttestChecklistItem *) items->pdata[n - 1])->id;
}

static char *
attach (AttestWorkspace *ws,
        gint64           item,
        const char      *name,
        GBytes          *bytes,
        const char      *mime,
        const char      *expires)
{
  g_autoptr(GError) error = NULL;
  char *sha = NULL;

  attest_workspace_attach_evidence (ws, item, name, bytes, mime, "2019-07-01", expires, -1, NULL, &sha, &error);
  g_assert_no_error (error);
  return sha;
}

/* The workspace every case starts from (see the top), made once for the
 * program: the seeds' import through attest-cli is the long part, under the
 * sanitizers above all. @user_data: where the stored PDF's SHA-256 goes. */
static void
build_workspace (const char *path,
                 gpointer    user_data)
{
  char **pdf_sha = user_data;
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GBytes) pdf = attest_test_generate_pdf (41);
  g_autoptr(GBytes) one = g_bytes_new_static ("first report\n", 13);
  g_autoptr(GBytes) two = g_bytes_new_static ("second report\n", 14);
  g_autoptr(GBytes) outside = g_bytes_new_static ("%PDF-1.4 not really\n", 20);
  g_autoptr(GBytes) control = g_bytes_new_static ("control\n", 8);
  g_autoptr(AttestAnnotation) annotation = attest_annotation_new (ATTEST_ANNOTATION_RECTANGLE);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha1 = NULL, *sha2 = NULL, *sha3 = NULL, *sha4 = NULL;
  AttestRect rect = { 72, 72, 300, 140 };
  gint64 item1, item2;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", path, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);

  ws = attest_workspace_open (path, &error);
  g_assert_no_error (error);
  attest_workspace_set_reviewer (ws, "Test Reviewer");
  item1 = item_id (ws, "soc", "SOC 2", "Intune", 1);
  item2 = item_id (ws, "soc", "SOC 2", "Intune", 2);
  *pdf_sha = attach (ws, item1, "soc2-report.pdf", pdf, "application/pdf", "2020-06-30");
  sha1 = attach (ws, item1, "report.pdf", one, "application/pdf", NULL);
  sha2 = attach (ws, item2, "report.pdf", two, "application/pdf", NULL);
  sha3 = attach (ws, item2, "../../x.pdf", outside, "application/pdf", NULL);
  sha4 = attach (ws, item2, "bad\nname\x01.txt", control, "text/plain", NULL);
  g_assert_true (attest_workspace_update_item (ws, item1, "exception", "Ana <Owner> & Co", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_update_item (ws, item2, "in-progress", "", "2020-01-31", &error));
  g_assert_no_error (error);
  g_assert_true (attest_workspace_add_note (ws, "cell:soc/soc-2:intune", NOTE_TEXT, NULL, &error));
  g_assert_no_error (error);

  annotation->sha256 = g_strdup (*pdf_sha);
  annotation->page = 1;
  g_array_append_val (annotation->rects, rect);
  annotation->text = g_strdup (ANNOTATION_TEXT);
  attest_annotation_add_item (annotation, item1);
  g_assert_true (attest_workspace_add_annotation (ws, annotation, &error));
  g_assert_no_error (error);
}

/* Each case: a copy of that workspace of its own, audit.attest in a new
 * folder. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static char *pdf_sha;

  f->dir = g_dir_make_tmp ("attest-export-report-XXXXXX", NULL);
  f->ws = g_build_filename (f->dir, "audit.attest", NULL);
  attest_test_workspace_from_template ("audit", build_workspace, &pdf_sha, f->ws);
  g_assert_nonnull (pdf_sha);
  f->pdf_sha = g_strdup (pdf_sha);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  attest_test_remove_tree (f->dir);
  g_free (f->ws);
  g_free (f->dir);
  g_free (f->pdf_sha);
}

static char *
fingerprint_of (Fixture *f)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (strlen (g_strstrip (r.out)), ==, 64);
  return g_strdup (r.out);
}

#define SOC2 "soc/soc-2"

static void assert_html_well_formed (const char *html);

/* SOC 2 required, Intune and Azure Health Bot among My services. */
static void
make_gap (Fixture *f)
{
  const char *mine[] = { "Intune", "Azure Health Bot" };
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;

  ws = attest_workspace_open (f->ws, &error);
  g_assert_no_error (error);
  g_assert_true (attest_workspace_set_required_scope (ws, SOC2, TRUE, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (mine); i++)
    {
      g_autofree char *id = NULL;

      g_assert_true (attest_workspace_resolve_service (ws, mine[i], &id, &error));
      g_assert_no_error (error);
      g_assert_true (attest_workspace_set_my_service (ws, id, TRUE, &error));
      g_assert_no_error (error);
    }
}

static AttestGapReport *
gap_of (Fixture *f)
{
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  AttestGapReport *gap;

  ws = attest_workspace_open (f->ws, &error);
  g_assert_no_error (error);
  gap = attest_workspace_gap_report (ws, NULL, &error);
  g_assert_no_error (error);
  return gap;
}

/* The gap section in @text (squeezed; @escaped as HTML escapes): the
 * store's report, every scope's summary line and every row's state
 * (symbol and word), service and detail line. */
static void
assert_gap_shown (const AttestGapReport *gap,
                  const char            *text,
                  gboolean               escaped)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (gap->scopes->len, ==, 1);
  g_assert_cmpuint (gap->rows->len, ==, 2);
  g_ptr_array_add (wanted, attest_gap_scope_summary (gap->scopes->pdata[0]));
  for (guint i = 0; i < gap->rows->len; i++)
    {
      AttestGapRow *row = gap->rows->pdata[i];
      g_autoptr(GPtrArray) details = attest_gap_row_details (gap, row);

      g_ptr_array_add (wanted, g_strdup (row->service_name));
      g_ptr_array_add (wanted, g_strdup_printf ("%s %s", attest_gap_state_symbol (row->state),
                                                attest_gap_state_label (row->state)));
      g_assert_cmpuint (details->len, >=, 1);
      for (guint j = 0; j < details->len; j++)
        g_ptr_array_add (wanted, g_strdup (details->pdata[j]));
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      g_autofree char *line = escaped ? g_markup_escape_text (wanted->pdata[i], -1) : g_strdup (wanted->pdata[i]);
      g_autofree char *squeezed = cli_squeeze (line);

      if (strstr (text, squeezed) == NULL)
        g_error ("“%s” is not in the gap report", (char *) wanted->pdata[i]);
    }
}

/* The PDF's text without white space (cli_squeeze()): poppler breaks lines
 * where the sheets wrapped them. */
static char *
pdf_squeezed (const char *pdf,
              int        *n_pages)
{
  g_autofree char *text = attest_test_pdf_text (pdf, n_pages);

  return cli_squeeze (text);
}

/* export report OUT.pdf and OUT.html with a gap report: its section after
 * the summary, before the details; the gap report alone (what the Gap
 * Report window prints and exports) through the same sheets and HTML. */
static void
test_report_gap (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *html_path = g_build_filename (f->dir, "report.html", NULL);
  g_autofree char *alone = g_build_filename (f->dir, "gap.pdf", NULL);
  g_autoptr(AttestGapReport) gap = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *caption = NULL;
  const char *section, *summary, *details;
  int n;
  g_auto(Run) r = { 0 };

  make_gap (f);
  gap = gap_of (f);
  /* Intune open (its exception, its overdue item), Azure Health Bot not certified. */
  g_assert_cmpint (((AttestGapRow *) gap->rows->pdata[0])->state, !=, ((AttestGapRow *) gap->rows->pdata[1])->state);

  run_cli (&r, "--workspace", f->ws, "export", "report", pdf);
  g_assert_cmpint (r.status, ==, 0);
  text = pdf_squeezed (pdf, &n);
  section = strstr (text, "Gapreport");
  summary = strstr (text, "Summary");
  details = strstr (text, "Details");
  g_assert_nonnull (section);
  g_assert_true (summary != NULL && summary < section);
  g_assert_true (details != NULL && section < details);
  assert_gap_shown (gap, section, FALSE);
  g_assert_nonnull (strstr (section, "SOC2:0of2ofyourservicesready,1notcertified,1open"));
  g_assert_nonnull (strstr (section, "◐open—Intune"));
  g_assert_nonnull (strstr (section, "Exception:1."));
  g_assert_nonnull (strstr (section, "(due2020-01-31)"));

  run_cli (&r, "--workspace", f->ws, "export", "report", html_path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, &error));
  g_assert_no_error (error);
  assert_html_well_formed (html);
  caption = g_strdup_printf ("<table class=\"gap\">\n<caption>%s</caption>", "SOC 2: 0 of 2 of your services ready, "
                             "1 not certified, 1 open");
  g_assert_nonnull (strstr (html, caption));
  squeezed = cli_squeeze (html);
  assert_gap_shown (gap, squeezed, TRUE);
  g_assert_true (strstr (html, "<caption>") < strstr (html, "<h2>Details</h2>"));

  /* The gap report alone. */
  {
    g_autoptr(AttestWorkspace) ws = attest_workspace_open (f->ws, &error);
    g_autoptr(AttestReport) report = NULL;
    g_autoptr(AttestReportSheets) sheets = NULL;
    g_autofree char *alone_text = NULL;
    g_autofree char *alone_html = NULL;

    g_assert_no_error (error);
    report = attest_report_gather_gap (ws, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (report->gap_only);
    sheets = attest_report_sheets_new (report, "audit.attest", "Test Reviewer", "2026-01-02", "f00d");
    g_assert_true (attest_report_sheets_is_gap_only (sheets));
    g_assert_true (attest_report_sheets_export_pdf (sheets, alone, 595.276, 841.890, &error));
    g_assert_no_error (error);
    alone_text = pdf_squeezed (alone, &n);
    g_assert_true (g_str_has_prefix (alone_text, "Gapreport"));
    g_assert_null (strstr (alone_text, "Summary"));
    g_assert_null (strstr (alone_text, "Details"));
    g_assert_nonnull (strstr (alone_text, "Fingerprint:f00d"));
    assert_gap_shown (gap, alone_text, FALSE);

    alone_html = attest_report_export_html (report, "audit.attest", "Test Reviewer", "2026-01-02", "f00d");
    assert_html_well_formed (alone_html);
    g_assert_nonnull (strstr (alone_html, "<title>Gap report</title>"));
    g_assert_nonnull (strstr (alone_html, caption));
    /* Its title alone names it: no summary, no details, no second heading. */
    g_assert_null (strstr (alone_html, "<h2>"));
    g_free (squeezed);
    squeezed = cli_squeeze (alone_html);
    assert_gap_shown (gap, squeezed, TRUE);
  }
}

/* Every framework's short name, scope and service name of the seeds in @text
 * (squeezed); @escaped: as HTML escapes them. */
static void
assert_all_names (Fixture    *f,
                  const char *text,
                  gboolean    escaped)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = cli_matrix_json (f->ws, parser);
  JsonArray *frameworks = json_object_get_array_member (root, "frameworks");
  JsonArray *services = json_object_get_array_member (root, "services");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (json_array_get_length (frameworks), >, 0);
  g_assert_cmpuint (json_array_get_length (services), >, 0);
  for (guint i = 0; i < json_array_get_length (frameworks); i++)
    {
      JsonObject *fw = json_array_get_object_element (frameworks, i);
      JsonArray *scopes = json_object_get_array_member (fw, "scopes");

      g_ptr_array_add (names, g_strdup (json_object_get_string_member (fw, "short_name")));
      for (guint s = 0; s < json_array_get_length (scopes); s++)
        g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (scopes, s), "name")));
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (services, i), "name")));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = escaped ? g_markup_escape_text (names->pdata[i], -1) : g_strdup (names->pdata[i]);
      g_autofree char *squeezed = cli_squeeze (name);

      if (strstr (text, squeezed) == NULL)
        g_error ("“%s” is not in the report", (char *) names->pdata[i]);
    }
}

/* The PDF: every name, the fingerprint and "Page X of Y" on every page, the
 * evidence, annotation and note, every font embedded. */
static void
test_report_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
  g_autofree char *fingerprint = fingerprint_of (f);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerFontInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note = cli_squeeze (NOTE_PLAIN);
  g_autofree char *annotation = cli_squeeze (ANNOTATION_TEXT);
  PopplerFontsIter *iter = NULL;
  GString *all = g_string_new (NULL);
  guint n_fonts = 0;
  int n;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "--reviewer", "Dana Reviewer", "export", "report", out);
  g_assert_cmpint (r.status, ==, 0);
  /* (A sanitizer build adds its own lines.) */
  g_assert_null (strstr (r.err, "attest-cli"));

  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, >=, 2);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      g_autofree char *squeezed = cli_squeeze (page_text);
      g_autofree char *page_of = g_strdup_printf ("Page%dof%d", i + 1, n);

      g_assert_nonnull (strstr (squeezed, fingerprint));
      g_assert_nonnull (strstr (squeezed, page_of));
      g_assert_true (g_str_has_prefix (squeezed, "Evidencereport"));
      g_assert_nonnull (strstr (squeezed, "Reviewer:DanaReviewer"));
      g_string_append (all, squeezed);
    }
  text = g_string_free (all, FALSE);
  assert_all_names (f, text, FALSE);
  /* The summary first, its exception and overdue item marked. */
  g_assert_nonnull (strstr (text, "Summary"));
  g_assert_true (strstr (text, "Summary") < strstr (text, "Details"));
  g_assert_nonnull (strstr (text, "SOC—SOC2"));
  g_assert_nonnull (strstr (text, "!1⚠1✗1"));
  /* The gap report after it, saying in one line that no scope is required. */
  g_assert_nonnull (strstr (text, "GapreportNoRequiredScopes"));
  g_assert_true (strstr (text, "Summary") < strstr (text, "Gapreport"));
  /* The items, their owner, due date, evidence, annotation and note. */
  g_assert_nonnull (strstr (text, "!Exception—"));
  g_assert_nonnull (strstr (text, "Owner:Ana<Owner>&Co"));
  g_assert_nonnull (strstr (text, "Due:2020-01-31·⚠Overdue"));
  g_assert_nonnull (strstr (text, "Evidence:soc2-report.pdf"));
  g_assert_nonnull (strstr (text, f->pdf_sha));
  g_assert_nonnull (strstr (text, "Effective:2019-07-01·Expires:2020-06-30·✗Expired"));
  g_assert_nonnull (strstr (text, "Evidence:../../x.pdf"));
  g_assert_nonnull (strstr (text, "Annotation,page2(rectangle):"));
  g_assert_nonnull (strstr (text, annotation));
  g_assert_nonnull (strstr (text, note));
  g_assert_null (strstr (text, "**"));

  info = poppler_font_info_new (doc);
  while (poppler_font_info_scan (info, n, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static const char *void_tags[] = { "meta", "br", NULL };
static const char *known_tags[] = { "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "h5",
                                    "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "div", "br",
                                    "code", "footer", "caption", NULL };

/* Well-formed enough: every '<' opens a known tag or closes the one open,
 * every tag is closed, no '>' or '&' outside a tag or an entity. */
static void
assert_html_well_formed (const char *html)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  const char *p = html;

  g_assert_true (g_str_has_prefix (p, "<!DOCTYPE html>\n"));
  p += strlen ("<!DOCTYPE html>\n");
  g_assert_true (g_utf8_validate (html, -1, NULL));
  while (*p != '\0')
    {
      if (*p == '<')
        {
          gboolean closing = p[1] == '/';
          const char *name = p + (closing ? 2 : 1);
          const char *end = name;
          g_autofree char *tag = NULL;

          while (g_ascii_isalnum (*end))
            end++;
          tag = g_strndup (name, end - name);
          g_assert_true (g_strv_contains (known_tags, tag));
          p = strchr (end, '>');
          g_assert_nonnull (p);
          /* Attributes: quoted, nothing unescaped in them. */
          for (const char *q = end; q < p; q++)
            g_assert_true (*q != '<');
          p++;
          if (closing)
            {
              g_assert_cmpuint (stack->len, >, 0);
              g_assert_cmpstr (stack->pdata[stack->len - 1], ==, tag);
              g_ptr_array_remove_index (stack, stack->len - 1);
            }
          else if (!g_strv_contains (void_tags, tag))
            {
              /* The CSS holds '>': skip to its end. */
              if (g_str_equal (tag, "style"))
                {
                  p = strstr (p, "</style>");
                  g_assert_nonnull (p);
                }
              g_ptr_array_add (stack, g_steal_pointer (&tag));
            }
          continue;
        }
      if (*p == '&')
        {
          const char *semi = strchr (p, ';');
          g_assert_nonnull (semi);
          g_assert_cmpint (semi - p, <, 10);
        }
      g_assert_cmpint (*p, !=, '>');
      p++;
    }
  g_assert_cmpuint (stack->len, ==, 0);
}

static void
test_report_html (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "report.html", NULL);
  g_autofree char *fingerprint = fingerprint_of (f);
  g_autofree char *html = NULL;
  g_autofree char *squeezed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "export", "report", out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &html, NULL, &error));
  g_assert_no_error (error);
  assert_html_well_formed (html);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<Owner>"));
  g_assert_nonnull (strstr (html, "Bridge letter &lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
  g_assert_null (strstr (html, "**"));
  g_assert_nonnull (strstr (html, "Ana &lt;Owner&gt; &amp; Co"));
  g_assert_nonnull (strstr (html, fingerprint));
  g_assert_nonnull (strstr (html, "<li class=\"item alert\">"));
  g_assert_null (strstr (html, "http:"));
  squeezed = cli_squeeze (html);
  assert_all_names (f, squeezed, TRUE);
}

/* Lists the files under @root, relative to it, sorted. */
static void
list_files (const char *root,
            const char *rel,
            GPtrArray  *out)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child_rel = *rel != '\0' ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_files (root, child_rel, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&child_rel));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static int
sha256sum_check (const char *bag)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sha256sum", "--strict", "-c", "manifest-sha256.txt", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (bag, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_package (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *bag = g_build_filename (f->dir, "bag", NULL);
  g_autofree char *fingerprint = NULL;
  g_autofree char *bag_info = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *escaped = g_build_filename (f->dir, "..", "x.pdf", NULL);
  g_autofree char *payload = NULL;
  g_autofree char *oxum = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint64 octets = 0;
  guint n_payload = 0;
  gsize length;
  g_auto(Run) r = { 0 };

  make_gap (f);
  fingerprint = fingerprint_of (f);
  run_cli (&r, "--workspace", f->ws, "--reviewer", "Dana Reviewer", "export", "package", bag);
  g_assert_cmpint (r.status, ==, 0);
  /* (A sanitizer build adds its own lines.) */
  g_assert_null (strstr (r.err, "attest-cli"));

  list_files (bag, "", files);
  g_ptr_array_sort (files, compare_strings);
  for (guint i = 0; i < files->len; i++)
    g_test_message ("%s", (char *) files->pdata[i]);
  {
    const char *expected[] = {
      "bag-info.txt", "bagit.txt",
      "data/annotated/soc2-report.pdf",
      "data/evidence/bad_name_.txt", "data/evidence/report (2).pdf", "data/evidence/report.pdf",
      "data/evidence/soc2-report.pdf", "data/evidence/x.pdf",
      "data/gap.csv", "data/matrix.csv", "data/matrix.pdf", "data/notes.md", "data/report.html", "data/report.pdf",
      "manifest-sha256.txt", "tagmanifest-sha256.txt", NULL,
    };
    g_assert_cmpuint (files->len, ==, g_strv_length ((char **) expected));
    for (guint i = 0; expected[i] != NULL; i++)
      g_assert_cmpstr (files->pdata[i], ==, expected[i]);
  }
  /* ../../x.pdf stayed inside: nothing beside the test's folder or the bag. */
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  list_files (f->dir, "", parent);
  for (guint i = 0; i < parent->len; i++)
    g_assert_true (g_str_has_prefix (parent->pdata[i], "bag/") || g_str_has_prefix (parent->pdata[i], "audit.attest"));

  {
    g_autofree char *path = g_build_filename (bag, "bagit.txt", NULL);
    g_autofree char *info = g_build_filename (bag, "bag-info.txt", NULL);

    g_assert_true (g_file_get_contents (path, &payload, NULL, &error));
    g_assert_cmpstr (payload, ==, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    g_assert_true (g_file_get_contents (info, &bag_info, NULL, &error));
  }
  g_assert_no_error (error);
  g_assert_nonnull (strstr (bag_info, fingerprint));
  g_assert_nonnull (strstr (bag_info, "Attest-Reviewer: Dana Reviewer\n"));
  g_assert_nonnull (strstr (bag_info, "\nBagging-Date: "));
  for (guint i = 0; i < files->len; i++)
    if (g_str_has_prefix (files->pdata[i], "data/"))
      {
        g_autofree char *path = g_build_filename (bag, files->pdata[i], NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        octets += length;
        n_payload++;
      }
  oxum = g_strdup_printf ("Payload-Oxum: %" G_GUINT64_FORMAT ".%u\n", octets, n_payload);
  g_assert_nonnull (strstr (bag_info, oxum));
  {
    g_autofree char *path = g_build_filename (bag, "manifest-sha256.txt", NULL);
    g_assert_true (g_file_get_contents (path, &manifest, NULL, &error));
  }
  g_assert_nonnull (strstr (manifest, "  data/evidence/x.pdf\n"));
  /* data/gap.csv: what `attest-cli gap --format csv` prints, a row for each
   * of My services × SOC 2, and its line in the manifest. */
  {
    g_autofree char *path = g_build_filename (bag, "data", "gap.csv", NULL);
    g_autofree char *csv = NULL;
    g_autofree char *sum = NULL;
    g_autofree char *line = NULL;
    g_auto(GStrv) rows = NULL;
    g_auto(Run) gap = { 0 };

    g_assert_true (g_file_get_contents (path, &csv, &length, &error));
    g_assert_no_error (error);
    run_cli (&gap, "--workspace", f->ws, "gap", "--format", "csv");
    g_assert_cmpint (gap.status, ==, 0);
    g_assert_cmpstr (csv, ==, gap.out);
    rows = g_strsplit (csv, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (rows), ==, 4);
    g_assert_true (g_str_has_prefix (rows[0], "Scope,Scope name,Service,Service name,State,"));
    g_assert_true (g_str_has_prefix (rows[1], SOC2 ",SOC 2,"));
    g_assert_true (g_str_has_prefix (rows[2], SOC2 ",SOC 2,"));
    g_assert_nonnull (strstr (csv, ",Intune,open,"));
    g_assert_nonnull (strstr (csv, ",Azure Health Bot,not-certified,"));
    g_assert_cmpstr (rows[3], ==, "");
    sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) csv, length);
    line = g_strdup_printf ("%s  data/gap.csv\n", sum);
    g_assert_nonnull (strstr (manifest, line));
  }
  g_assert_nonnull (strstr (manifest, "  data/evidence/report (2).pdf\n"));

  /* The manifest verifies, and fails once a byte of a payload file changes. */
  g_assert_cmpint (sha256sum_check (bag), ==, 0);
  {
    g_autofree char *path = g_build_filename (bag, "data", "evidence", "x.pdf", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    contents[0] ^= 1;
    g_assert_true (g_file_set_contents (path, contents, length, &error));
  }
  g_assert_cmpint (sha256sum_check (bag), !=, 0);

  /* The same name again: the bag exists and is not empty. */
  run_cli (&r, "--workspace", f->ws, "export", "package", bag);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, bag));

  /* --zip: the same files, under one folder named after the bag. */
  {
    g_autofree char *zipped = g_build_filename (f->dir, "zipped", NULL);
    g_autofree char *zip = g_build_filename (f->dir, "zipped.zip", NULL);
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
    struct archive *a = archive_read_new ();
    struct archive_entry *entry;

    run_cli (&r, "--workspace", f->ws, "export", "package", zipped, "--zip");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_false (g_file_test (zipped, G_FILE_TEST_EXISTS));
    archive_read_support_format_zip (a);
    g_assert_cmpint (archive_read_open_filename (a, zip, 65536), ==, ARCHIVE_OK);
    while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
      {
        const char *name = archive_entry_pathname_utf8 (entry);

        g_assert_true (g_str_has_prefix (name, "zipped/"));
        g_ptr_array_add (entries, g_strdup (name + strlen ("zipped/")));
        archive_read_data_skip (a);
      }
    archive_read_free (a);
    g_ptr_array_sort (entries, compare_strings);
    g_assert_cmpuint (entries->len, ==, files->len);
    for (guint i = 0; i < files->len; i++)
      g_assert_cmpstr (entries->pdata[i], ==, files->pdata[i]);
  }
}

/* Bad input exits 2 naming it, and leaves nothing behind. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *full = g_build_filename (f->dir, "full", NULL);
  g_autofree char *inside = g_build_filename (full, "something", NULL);
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "bag", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);
  g_autofree char *report = g_build_filename (f->dir, "r.pdf", NULL);
  g_autofree char *odd = g_build_filename (f->dir, "r.docx", NULL);
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) r = { 0 };

  g_assert_cmpint (g_mkdir (full, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);

  run_cli (&r, "--workspace", f->ws, "export", "package", full);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, full));
  g_assert_nonnull (strstr (r.err, "not an empty folder"));
  run_cli (&r, "--workspace", f->ws, "export", "package", file);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, file));
  run_cli (&r, "--workspace", f->ws, "export", "package", under_file);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, file));
  g_assert_nonnull (strstr (r.err, "not a writable folder"));
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
      g_autofree char *bag = g_build_filename (locked, "bag", NULL);

      g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
      run_cli (&r, "--workspace", f->ws, "export", "package", bag);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, locked));
      g_rmdir (locked);
    }
  else
    g_test_message ("root writes anywhere: the read-only folder case is covered by a file as the parent");
  run_cli (&r, "--workspace", f->ws, "export", "report", report, "--framework", "no-such-framework");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-framework"));
  run_cli (&r, "--workspace", f->ws, "export", "report", odd);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, odd));
  run_cli (&r, "--workspace", f->ws, "export", "report", under_file);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "--workspace", f->ws, "export", "frobnicate");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "frobnicate"));

  /* An empty folder is taken (and filled). */
  run_cli (&r, "--workspace", f->ws, "export", "package", empty);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (sha256sum_check (empty), ==, 0);

  /* Nothing else was written: no report, no hidden half-written folder. */
  list_files (f->dir, "", left);
  for (guint i = 0; i < left->len; i++)
    {
      const char *name = left->pdata[i];
      g_assert_true (g_str_has_prefix (name, "audit.attest") || g_str_has_prefix (name, "full/")
                     || g_str_has_prefix (name, "empty/") || g_str_equal (name, "plain-file"));
    }
}

typedef struct {
  guint calls;
  guint last_done;
  guint total;
  GCancellable *cancel_at_evidence;
} Progress;

static void
on_progress (const char *what,
             guint       done,
             guint       total,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_nonnull (what);
  g_assert_cmpuint (done, ==, p->last_done + 1);
  g_assert_cmpuint (done, <=, total);
  p->calls++;
  p->last_done = done;
  p->total = total;
  /* Cancelled after the report and the matrix, in the middle of the files. */
  if (p->cancel_at_evidence != NULL && done == 4)
    g_cancellable_cancel (p->cancel_at_evidence);
}

/* Through the API, as the window's GTask runs it: progress counts every
 * step; cancelled half way, nothing is left under the name or beside it. */
static void
test_package_api (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *bag = g_build_filename (f->dir, "api-bag", NULL);
  g_autofree char *cancelled = g_build_filename (f->dir, "cancelled", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  AttestPackageInfo info = { 0 };
  Progress progress = { 0 };

  ws = attest_workspace_open (f->ws, &error);
  g_assert_no_error (error);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  fingerprint = attest_workspace_get_fingerprint (ws, &error);
  g_assert_no_error (error);
  info.matrix = matrix;
  info.workspace_name = "audit.attest";
  info.date = "2026-01-02";
  info.fingerprint = fingerprint;

  g_assert_true (attest_evidence_package_write (ws, &info, bag, FALSE, on_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  /* The report (PDF, HTML), the gap CSV, the matrix, 5 files, the notes, the manifest. */
  g_assert_cmpuint (progress.calls, ==, 4 + 5 + 1 + 1);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_cmpint (sha256sum_check (bag), ==, 0);

  memset (&progress, 0, sizeof progress);
  progress.cancel_at_evidence = cancellable;
  g_assert_false (attest_evidence_package_write (ws, &info, cancelled, TRUE, on_progress, &progress,
                                                 cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.last_done, ==, 4);

  list_files (f->dir, "", left);
  for (guint i = 0; i < left->len; i++)
    {
      const char *name = left->pdata[i];
      g_assert_true (g_str_has_prefix (name, "audit.attest") || g_str_has_prefix (name, "api-bag/"));
    }
}

/* Names that would leave the folder, or that other systems refuse. */
static void
test_safe_names (void)
{
  static const struct {
    const char *name;
    const char *safe;
  } cases[] = {
    { "report.pdf", "report.pdf" },
    { "../../x.pdf", "x.pdf" },
    { "/etc/passwd", "passwd" },
    { "C:\\Users\\a\\b.pdf", "b.pdf" },
    { "..", "evidence" },
    { ".", "evidence" },
    { "", "evidence" },
    { "dir/", "evidence" },
    { ".hidden", "hidden" },
    { "a\nb\rc\td\x7f.pdf", "a_b_c_d_.pdf" },
    { "50% <done>?.txt", "50_ _done__.txt" },
    { "trailing. . ", "trailing" },
    { "報告.pdf", "報告.pdf" },
  };
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *longest = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *other_case = NULL, *no_ext = NULL, *no_ext2 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = attest_package_safe_name (cases[i].name);
      g_assert_cmpstr (got, ==, cases[i].safe);
    }
  safe = attest_package_safe_name (NULL);
  g_assert_cmpstr (safe, ==, "evidence");
  /* Long names are cut at a character's boundary, the extension kept. */
  {
    GString *name = g_string_new (NULL);
    for (guint i = 0; i < 150; i++)
      g_string_append (name, "é");
    g_string_append (name, ".pdf");
    longest = attest_package_safe_name (name->str);
    g_string_free (name, TRUE);
    g_assert_cmpuint (strlen (longest), <=, 200);
    g_assert_true (g_str_has_suffix (longest, "é.pdf"));
    g_assert_true (g_utf8_validate (longest, -1, NULL));
  }
  first = attest_package_unique_name (taken, "report.pdf");
  second = attest_package_unique_name (taken, "report.pdf");
  third = attest_package_unique_name (taken, "report.pdf");
  other_case = attest_package_unique_name (taken, "REPORT.PDF");
  no_ext = attest_package_unique_name (taken, "README");
  no_ext2 = attest_package_unique_name (taken, "README");
  g_assert_cmpstr (first, ==, "report.pdf");
  g_assert_cmpstr (second, ==, "report (2).pdf");
  g_assert_cmpstr (third, ==, "report (3).pdf");
  g_assert_cmpstr (other_case, ==, "REPORT (4).PDF");
  g_assert_cmpstr (no_ext, ==, "README");
  g_assert_cmpstr (no_ext2, ==, "README (2)");
}

/* A summary longer than a sheet: its head repeats on every sheet it runs
 * onto, and every sheet has its page number and the fingerprint. */
static void
test_long_summary (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(AttestWorkspace) ws = attest_test_workspace_new ("attest-report-long", "Test Reviewer", &dir, &path);
  g_autoptr(AttestMatrix) matrix = NULL;
  g_autoptr(AttestReport) report = NULL;
  g_autoptr(AttestReportSheets) sheets = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_summary = TRUE;
  guint summary_pages = 0;
  int n;

  g_assert_true (attest_test_generate_matrix (ws, 60, 2, &error));
  g_assert_no_error (error);
  matrix = attest_workspace_load_matrix (ws, &error);
  g_assert_no_error (error);
  report = attest_report_gather (ws, matrix, "2026-01-02", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->frameworks->len, ==, 60);
  sheets = attest_report_sheets_new (report, "long.attest", "Test Reviewer", "2026-01-02", "f00d");
  pdf = g_build_filename (dir, "long.pdf", NULL);
  g_assert_true (attest_report_sheets_export_pdf (sheets, pdf, 595.276, 841.890, &error));
  g_assert_no_error (error);

  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, ==, (int) attest_report_sheets_get_n_pages (sheets));
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = cli_squeeze (text);
      g_autofree char *page_of = g_strdup_printf ("Page%dof%d", i + 1, n);

      g_assert_nonnull (strstr (squeezed, page_of));
      g_assert_nonnull (strstr (squeezed, "Fingerprint:f00d"));
      if (in_summary)
        {
          g_assert_nonnull (strstr (squeezed, "Framework—scope"));
          g_assert_nonnull (strstr (squeezed, "Openexceptions"));
          summary_pages++;
        }
      if (strstr (squeezed, "Details") != NULL)
        in_summary = FALSE;
    }
  /* 60 rows do not fit on one A4 sheet (they take two). */
  g_assert_cmpuint (summary_pages, >=, 2);
  g_assert_false (in_summary);
  g_unlink (pdf);
  attest_test_workspace_delete (&ws, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-report/safe-names", test_safe_names);
  g_test_add_func ("/export-report/long-summary", test_long_summary);
  g_test_add ("/export-report/pdf", Fixture, NULL, fixture_set_up, test_report_pdf, fixture_tear_down);
  g_test_add ("/export-report/html", Fixture, NULL, fixture_set_up, test_report_html, fixture_tear_down);
  g_test_add ("/export-report/gap", Fixture, NULL, fixture_set_up, test_report_gap, fixture_tear_down);
  g_test_add ("/export-report/package", Fixture, NULL, fixture_set_up, test_package, fixture_tear_down);
  g_test_add ("/export-report/package-api", Fixture, NULL, fixture_set_up, test_package_api, fixture_tear_down);
  g_test_add ("/export-report/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  return g_test_run ();
}
