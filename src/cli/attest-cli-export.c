/* attest-cli-export.c: export matrix OUT.{pdf,csv,html,json,xlsx}, export report
 * OUT.{pdf,html}, export package DIR [--zip], export oscal OUT.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is written beside its target and renamed over it, so a failure
 * leaves nothing half-written under the chosen name.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attest-cli-private.h"
#include "attest-evidence-package.h"
#include "attest-export-file.h"
#include "attest-history.h"
#include "attest-matrix-export.h"
#include "attest-matrix-filter.h"
#include "attest-matrix-html.h"
#include "attest-matrix-sheets.h"
#include "attest-matrix-xlsx.h"
#include "attest-oscal.h"
#include "attest-report-html.h"
#include "attest-report-sheets.h"
#include "attest-sheet-heading.h"

#define EXPORT_MATRIX_USAGE "export matrix OUT.{pdf,csv,html,json,xlsx} [--framework ID…] [--mine] [--exceptions] [--paper a4|letter] [--landscape]"
#define EXPORT_REPORT_USAGE "export report OUT.{pdf,html} [--framework ID…] [--mine] [--paper a4|letter] [--landscape]"
#define EXPORT_PACKAGE_USAGE "export package DIR [--zip] [--paper a4|letter]"
#define EXPORT_OSCAL_USAGE "export oscal OUT.json"

/* The formats, by the name's extension (attest_export_file_extension()). */
static const char * const oscal_formats[] = { ".json", NULL };

/* Each export is written beside OUT and renamed onto it (attest-export-file.h,
 * as the window does): a failure leaves nothing under the name, nor beside it. */
typedef gboolean (*ExportPdfFunc) (gpointer     sheets,
                                   const char  *path,
                                   double       width,
                                   double       height,
                                   GError     **error);

typedef struct {
  gpointer sheets;
  ExportPdfFunc export_pdf;
  double width;
  double height;
} PdfJob;

static gboolean
pdf_job_write (const char    *path,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  PdfJob *job = data;

  return job->export_pdf (job->sheets, path, job->width, job->height, error);
}

static gboolean
write_pdf (gpointer       sheets,
           ExportPdfFunc  export_pdf,
           const char    *out,
           double         width,
           double         height,
           GError       **error)
{
  PdfJob job = { sheets, export_pdf, width, height };

  return attest_export_file_write (out, pdf_job_write, &job, NULL, error);
}

typedef struct {
  AttestMatrix *matrix;
  GPtrArray *evidence;
  AttestGapReport *gap;
  const AttestSheetHeading *heading;
} XlsxJob;

static gboolean
xlsx_job_write (const char    *path,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  XlsxJob *job = data;

  /* attest_export_file_write() names the file in the message. */
  return attest_matrix_export_xlsx (job->matrix, job->evidence, job->gap, job->heading, path, error);
}

/* What the report and the package show: the workspace opened, the matrix
 * filtered, the header's texts. */
typedef struct {
  AttestMatrix *full;
  AttestMatrix *matrix;
  AttestSheetHeading heading;
} Source;

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->matrix, attest_matrix_free);
  g_clear_pointer (&source->full, attest_matrix_free);
  attest_sheet_heading_clear (&source->heading);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Source, source_clear)

static int
load_source (AttestCliContext  *ctx,
             char             **frameworks,
             gboolean           mine,
             gboolean           exceptions,
             Source            *source)
{
  g_autoptr(AttestMatrixFilter) filter = attest_matrix_filter_new ();
  g_autoptr(GError) error = NULL;

  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  source->full = _attest_cli_load_matrix (ctx);
  if (source->full == NULL)
    return ATTEST_CLI_FAILED;
  for (guint i = 0; frameworks != NULL && frameworks[i] != NULL; i++)
    {
      if (attest_matrix_lookup_framework (source->full, frameworks[i]) == NULL)
        {
          g_printerr (_("attest-cli: no framework “%s” (attest-cli frameworks lists them)\n"), frameworks[i]);
          return ATTEST_CLI_USAGE;
        }
      attest_matrix_filter_set_framework (filter, frameworks[i], TRUE);
    }
  filter->mine_only = mine;
  filter->exceptions_only = exceptions;
  source->matrix = attest_matrix_filter_apply (filter, source->full);
  if (!attest_sheet_heading_init (&source->heading, ctx->workspace, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  return ATTEST_CLI_OK;
}

static int
export_matrix (AttestCliContext *ctx,
               int               argc,
               char            **argv)
{
  g_auto(GStrv) frameworks = NULL;
  gboolean mine = FALSE, exceptions = FALSE, landscape = FALSE;
  g_autofree char *paper = NULL;
  GOptionEntry entries[] = {
    { "framework", 0, 0, G_OPTION_ARG_STRING_ARRAY, &frameworks, NULL, NULL },
    { "mine", 0, 0, G_OPTION_ARG_NONE, &mine, NULL, NULL },
    { "exceptions", 0, 0, G_OPTION_ARG_NONE, &exceptions, NULL, NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, NULL, NULL },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, NULL, NULL },
    { NULL }
  };
  g_auto(Source) source = { 0 };
  const AttestSheetHeading *heading;
  AttestMatrix *matrix;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const char *out, *ext;
  int status;
  double width = ATTEST_PAPER_A4_WIDTH, height = ATTEST_PAPER_A4_HEIGHT;

  if (!_attest_cli_parse (EXPORT_MATRIX_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s: attest-cli %s\n", _("Usage"), EXPORT_MATRIX_USAGE);
      return ATTEST_CLI_USAGE;
    }
  out = argv[1];
  ext = attest_export_file_extension (out, attest_matrix_export_formats);
  if (ext == NULL)
    {
      /* Translators: %s: the output file named on the command line */
      g_printerr (_("attest-cli: %s: unknown format (the name must end in .pdf, .csv, .html, .json or .xlsx)\n"), out);
      return ATTEST_CLI_USAGE;
    }
  if (paper != NULL && g_ascii_strcasecmp (paper, "letter") == 0)
    {
      width = ATTEST_PAPER_LETTER_WIDTH;
      height = ATTEST_PAPER_LETTER_HEIGHT;
    }
  else if (paper != NULL && g_ascii_strcasecmp (paper, "a4") != 0)
    {
      g_printerr (_("attest-cli: unknown paper size “%s” (use a4 or letter)\n"), paper);
      return ATTEST_CLI_USAGE;
    }
  if (landscape)
    {
      double w = width;
      width = height;
      height = w;
    }
  dir = g_path_get_dirname (out);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_access (dir, W_OK) != 0)
    {
      /* Translators: the first %s is the file to write, the second its folder */
      g_printerr (_("attest-cli: cannot write %s: %s is not a writable folder\n"), out, dir);
      return ATTEST_CLI_USAGE;
    }

  status = load_source (ctx, frameworks, mine, exceptions, &source);
  if (status != ATTEST_CLI_OK)
    return status;
  matrix = source.matrix;
  heading = &source.heading;

  if (g_ascii_strcasecmp (ext, ".pdf") == 0)
    {
      g_autoptr(AttestMatrixSheets) sheets =
        attest_matrix_sheets_new (matrix, heading->workspace_name, heading->reviewer,
                                  heading->date, heading->fingerprint);

      if (!write_pdf (sheets, (ExportPdfFunc) attest_matrix_sheets_export_pdf, out, width, height, &error))
        {
          g_printerr ("attest-cli: %s\n", error->message);
          return ATTEST_CLI_FAILED;
        }
    }
  else if (g_ascii_strcasecmp (ext, ".xlsx") == 0)
    {
      g_autoptr(GPtrArray) evidence = attest_matrix_xlsx_gather_evidence (ctx->workspace, matrix, &error);
      /* The gap report's sheet: My services × required scopes, whatever
       * the filters, as of the heading's date. */
      g_autoptr(AttestGapReport) gap =
        evidence != NULL ? attest_workspace_gap_report (ctx->workspace, heading->date, &error) : NULL;
      XlsxJob job = { matrix, evidence, gap, heading };

      if (evidence == NULL || gap == NULL || !attest_export_file_write (out, xlsx_job_write, &job, NULL, &error))
        {
          g_printerr ("attest-cli: %s\n", error->message);
          return ATTEST_CLI_FAILED;
        }
    }
  else
    {
      g_autofree char *text = NULL;

      if (g_ascii_strcasecmp (ext, ".csv") == 0)
        text = attest_matrix_export_csv (matrix);
      else if (g_ascii_strcasecmp (ext, ".json") == 0)
        {
          g_autofree char *json = attest_matrix_export_json (matrix, ATTEST_MATRIX_JSON_ALL);
          text = g_strconcat (json, "\n", NULL);
        }
      else
        text = attest_matrix_export_html (matrix, heading->workspace_name, heading->reviewer,
                                          heading->date, heading->fingerprint);
      /* g_file_set_contents() writes beside the target and renames it. */
      if (!g_file_set_contents (out, text, -1, &error))
        {
          g_printerr ("attest-cli: %s\n", error->message);
          return ATTEST_CLI_FAILED;
        }
    }
  return ATTEST_CLI_OK;
}

static gboolean
parse_paper (const char *paper,
             gboolean    landscape,
             double     *width,
             double     *height)
{
  *width = ATTEST_PAPER_A4_WIDTH;
  *height = ATTEST_PAPER_A4_HEIGHT;
  if (paper != NULL && g_ascii_strcasecmp (paper, "letter") == 0)
    {
      *width = ATTEST_PAPER_LETTER_WIDTH;
      *height = ATTEST_PAPER_LETTER_HEIGHT;
    }
  else if (paper != NULL && g_ascii_strcasecmp (paper, "a4") != 0)
    {
      g_printerr (_("attest-cli: unknown paper size “%s” (use a4 or letter)\n"), paper);
      return FALSE;
    }
  if (landscape)
    {
      double w = *width;
      *width = *height;
      *height = w;
    }
  return TRUE;
}

static int
export_report (AttestCliContext *ctx,
               int               argc,
               char            **argv)
{
  g_auto(GStrv) frameworks = NULL;
  gboolean mine = FALSE, landscape = FALSE;
  g_autofree char *paper = NULL;
  GOptionEntry entries[] = {
    { "framework", 0, 0, G_OPTION_ARG_STRING_ARRAY, &frameworks, NULL, NULL },
    { "mine", 0, 0, G_OPTION_ARG_NONE, &mine, NULL, NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, NULL, NULL },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, NULL, NULL },
    { NULL }
  };
  g_auto(Source) source = { 0 };
  g_autoptr(AttestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const char *out, *ext, *reviewer;
  double width, height;
  int status;

  if (!_attest_cli_parse (EXPORT_REPORT_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s: attest-cli %s\n", _("Usage"), EXPORT_REPORT_USAGE);
      return ATTEST_CLI_USAGE;
    }
  out = argv[1];
  ext = attest_export_file_extension (out, attest_report_export_formats);
  if (ext == NULL)
    {
      /* Translators: %s: the output file named on the command line */
      g_printerr (_("attest-cli: %s: unknown format (the name must end in .pdf or .html)\n"), out);
      return ATTEST_CLI_USAGE;
    }
  if (!parse_paper (paper, landscape, &width, &height))
    return ATTEST_CLI_USAGE;
  dir = g_path_get_dirname (out);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_access (dir, W_OK) != 0)
    {
      g_printerr (_("attest-cli: cannot write in %s: not a writable folder\n"), dir);
      return ATTEST_CLI_USAGE;
    }
  status = load_source (ctx, frameworks, mine, FALSE, &source);
  if (status != ATTEST_CLI_OK)
    return status;
  reviewer = source.heading.reviewer;

  report = attest_report_gather (ctx->workspace, source.matrix, NULL, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  if (g_ascii_strcasecmp (ext, ".pdf") == 0)
    {
      g_autoptr(AttestReportSheets) sheets =
        attest_report_sheets_new (report, source.heading.workspace_name, reviewer, source.heading.date, source.heading.fingerprint);

      if (!write_pdf (sheets, (ExportPdfFunc) attest_report_sheets_export_pdf, out, width, height, &error))
        {
          g_printerr ("attest-cli: %s\n", error->message);
          return ATTEST_CLI_FAILED;
        }
    }
  else
    {
      g_autofree char *html = attest_report_export_html (report, source.heading.workspace_name, reviewer,
                                                         source.heading.date, source.heading.fingerprint);

      if (!g_file_set_contents (out, html, -1, &error))
        {
          g_printerr ("attest-cli: %s\n", error->message);
          return ATTEST_CLI_FAILED;
        }
    }
  return ATTEST_CLI_OK;
}

static int
export_package (AttestCliContext *ctx,
                int               argc,
                char            **argv)
{
  gboolean zip = FALSE;
  g_autofree char *paper = NULL;
  GOptionEntry entries[] = {
    { "zip", 0, 0, G_OPTION_ARG_NONE, &zip, NULL, NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, NULL, NULL },
    { NULL }
  };
  g_auto(Source) source = { 0 };
  g_autoptr(GError) error = NULL;
  AttestPackageInfo info = { 0 };
  int status;

  if (!_attest_cli_parse (EXPORT_PACKAGE_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s: attest-cli %s\n", _("Usage"), EXPORT_PACKAGE_USAGE);
      return ATTEST_CLI_USAGE;
    }
  if (!parse_paper (paper, FALSE, &info.paper_width, &info.paper_height))
    return ATTEST_CLI_USAGE;
  if (!attest_evidence_package_check_target (argv[1], zip, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_USAGE;
    }
  status = load_source (ctx, NULL, FALSE, FALSE, &source);
  if (status != ATTEST_CLI_OK)
    return status;
  info.matrix = source.matrix;
  info.workspace_name = source.heading.workspace_name;
  info.reviewer = source.heading.reviewer;
  info.date = source.heading.date;
  info.fingerprint = source.heading.fingerprint;
  if (!attest_evidence_package_write (ctx->workspace, &info, argv[1], zip, NULL, NULL, NULL, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  return ATTEST_CLI_OK;
}

/* The gap report as OSCAL 1.1 assessment-results (src/render/attest-oscal.c). */
static int
export_oscal (AttestCliContext *ctx,
              int               argc,
              char            **argv)
{
  GOptionEntry entries[] = {
    { NULL }
  };
  g_auto(AttestSheetHeading) heading = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  AttestOscalInfo info = { 0 };
  const char *out, *ext;

  if (!_attest_cli_parse (EXPORT_OSCAL_USAGE, entries, &argc, &argv))
    return ATTEST_CLI_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s: attest-cli %s\n", _("Usage"), EXPORT_OSCAL_USAGE);
      return ATTEST_CLI_USAGE;
    }
  out = argv[1];
  ext = attest_export_file_extension (out, oscal_formats);
  if (ext == NULL)
    {
      /* Translators: %s: the output file named on the command line */
      g_printerr (_("attest-cli: %s: unknown format (the name must end in .json)\n"), out);
      return ATTEST_CLI_USAGE;
    }
  dir = g_path_get_dirname (out);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_access (dir, W_OK) != 0)
    {
      g_printerr (_("attest-cli: cannot write in %s: not a writable folder\n"), dir);
      return ATTEST_CLI_USAGE;
    }
  if (!_attest_cli_open_workspace (ctx))
    return ATTEST_CLI_FAILED;
  if (!attest_sheet_heading_init (&heading, ctx->workspace, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  info.workspace_name = heading.workspace_name;
  info.reviewer = heading.reviewer;
  info.fingerprint = heading.fingerprint;
  info.now = now;
  json = attest_oscal_export_assessment_results (ctx->workspace, &info, &error);
  /* g_file_set_contents() writes beside the target and renames it. */
  if (json == NULL || !g_file_set_contents (out, json, -1, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return ATTEST_CLI_FAILED;
    }
  return ATTEST_CLI_OK;
}

int
_attest_cli_export (AttestCliContext  *ctx,
                    int                argc,
                    char             **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "matrix"))
    return export_matrix (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "report"))
    return export_report (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "package"))
    return export_package (ctx, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "oscal"))
    return export_oscal (ctx, argc - 1, argv + 1);
  if (argc >= 2)
    /* Translators: %s: what was asked to be exported */
    g_printerr (_("attest-cli: cannot export “%s” (this version exports: matrix, report, package, oscal)\n"), argv[1]);
  g_printerr ("%s: attest-cli %s\n", _("Usage"), EXPORT_MATRIX_USAGE);
  g_printerr ("       attest-cli %s\n", EXPORT_REPORT_USAGE);
  g_printerr ("       attest-cli %s\n", EXPORT_PACKAGE_USAGE);
  g_printerr ("       attest-cli %s\n", EXPORT_OSCAL_USAGE);
  return ATTEST_CLI_USAGE;
}
