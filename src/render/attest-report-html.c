/* attest-report-html.c: the evidence report as one standalone, printable HTML file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same content as the report's sheets (attest-report-sheets.c): the
 * summary table, the gap report (per required scope a table whose caption
 * is the scope's summary line: each of My services, its state as a symbol
 * and a word, and the lines that say why), then per framework, scope and
 * service the checklist items
 * with their evidence, annotations and notes. What needs attention is bold,
 * with a symbol, a word and a heavy bar in the margin (legible in
 * greyscale). The CSS is inline, nothing is fetched, and every text from the
 * workspace is escaped.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attest-matrix-sheets.h"
#include "attest-report-html.h"
#include "attest-report-sheets.h"

static void
esc (GString    *out,
     const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);

  g_string_append (out, escaped);
}

static void
esc_printf (GString    *out,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
esc_printf (GString    *out,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  esc (out, text);
}

static const char *rollups[] = { "not-started", "in-progress", "satisfied", "exception", "no-longer-in-scope" };

static void
summary (GString      *out,
         AttestReport *report)
{
  g_string_append (out, "<h2>");
  esc (out, _("Summary"));
  g_string_append (out, "</h2>\n<table class=\"summary\">\n<thead><tr><th>");
  esc (out, _("Framework — scope"));
  g_string_append (out, "</th>");
  for (guint i = 0; i < G_N_ELEMENTS (rollups); i++)
    {
      g_string_append (out, "<th>");
      esc_printf (out, "%s %s", attest_matrix_sheets_rollup_symbol (rollups[i]),
                  attest_matrix_sheets_rollup_word (rollups[i]));
      g_string_append (out, "</th>");
    }
  g_string_append (out, "<th>");
  esc (out, _("Open exceptions"));
  g_string_append (out, "</th><th>");
  esc (out, _("Overdue items"));
  g_string_append (out, "</th><th>");
  esc (out, _("Expired evidence"));
  g_string_append (out, "</th></tr></thead>\n<tbody>\n");
  for (guint f = 0; f < report->frameworks->len; f++)
    {
      AttestReportFramework *framework = report->frameworks->pdata[f];

      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestReportScope *scope = framework->scopes->pdata[s];

          g_string_append (out, scope->exceptions > 0 || scope->overdue > 0 ? "<tr class=\"alert\"><td>" : "<tr><td>");
          esc_printf (out, "%s — %s", framework->short_name, scope->name);
          g_string_append (out, "</td>");
          for (guint i = 0; i < ATTEST_REPORT_N_ROLLUPS; i++)
            g_string_append_printf (out, "<td>%u</td>", scope->by_rollup[i]);
          g_string_append_printf (out, "<td>%s%u</td><td>%s%u</td><td>%s%u</td></tr>\n",
                                  scope->exceptions > 0 ? "! " : "", scope->exceptions,
                                  scope->overdue > 0 ? "&#9888; " : "", scope->overdue,
                                  scope->expired > 0 ? "&#10007; " : "", scope->expired);
        }
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

/* The gap report: per required scope, a table captioned by its summary. */
static void
gap_section (GString      *out,
             AttestReport *report)
{
  const AttestGapReport *gap = report->gap;
  const char *empty = attest_report_gap_empty (report);

  /* Alone, the page's title says it. */
  if (!report->gap_only)
    {
      g_string_append (out, "<h2>");
      esc (out, _("Gap report"));
      g_string_append (out, "</h2>\n");
    }
  g_string_append (out, "<p>");
  if (empty != NULL)
    {
      esc (out, empty);
      g_string_append (out, "</p>\n");
      return;
    }
  esc_printf (out, _("Expiry and due dates judged on %s"), gap->today);
  g_string_append (out, "</p>\n");
  for (guint s = 0; s < gap->scopes->len; s++)
    {
      AttestGapScope *scope = gap->scopes->pdata[s];
      g_autofree char *summary = attest_gap_scope_summary (scope);

      g_string_append (out, "<table class=\"gap\">\n<caption>");
      esc (out, summary);
      g_string_append (out, "</caption>\n<thead><tr><th>");
      /* Translators: a column of the gap report's tables: not certified, open, ready… */
      esc (out, C_("gap report column", "State"));
      g_string_append (out, "</th><th>");
      esc (out, _("Service"));
      g_string_append (out, "</th><th>");
      esc (out, _("Details"));
      g_string_append (out, "</th></tr></thead>\n<tbody>\n");
      for (guint r = 0; r < gap->rows->len; r++)
        {
          AttestGapRow *row = gap->rows->pdata[r];
          g_autoptr(GPtrArray) details = NULL;

          if (!g_str_equal (row->scope_id, scope->scope_id))
            continue;
          details = attest_gap_row_details (gap, row);
          g_string_append (out, "<tr><td>");
          esc_printf (out, "%s %s", attest_gap_state_symbol (row->state), attest_gap_state_label (row->state));
          g_string_append (out, "</td><td>");
          esc (out, row->service_name);
          g_string_append (out, "</td><td>");
          for (guint i = 0; i < details->len; i++)
            {
              if (i > 0)
                g_string_append (out, "<br>");
              esc (out, details->pdata[i]);
            }
          g_string_append (out, "</td></tr>\n");
        }
      g_string_append (out, "</tbody>\n</table>\n");
    }
}

static void
notes (GString   *out,
       GPtrArray *list)
{
  for (guint n = 0; n < list->len; n++)
    {
      g_string_append (out, "<p class=\"note\">");
      esc_printf (out, _("Note: %s"), (char *) list->pdata[n]);
      g_string_append (out, "</p>\n");
    }
}

static void
item (GString          *out,
      AttestReportItem *it)
{
  gboolean exception = g_strcmp0 (it->status, "exception") == 0;

  g_string_append (out, exception || it->overdue ? "<li class=\"item alert\"><p>" : "<li class=\"item\"><p>");
  esc_printf (out, "%u. %s %s — %s", it->position, attest_report_status_symbol (it->status),
              attest_report_status_word (it->status), it->title);
  g_string_append (out, "<br>");
  if (*it->owner != '\0')
    esc_printf (out, _("Owner: %s"), it->owner);
  else
    esc (out, _("No owner"));
  if (it->due != NULL && *it->due != '\0')
    {
      g_string_append (out, " &#183; ");
      esc_printf (out, _("Due: %s"), it->due);
    }
  if (it->overdue)
    esc_printf (out, " · ⚠ %s", _("Overdue"));
  if (exception)
    esc_printf (out, " · ! %s", _("open exception"));
  g_string_append (out, "</p>\n");
  for (guint e = 0; e < it->evidence->len; e++)
    {
      AttestReportEvidence *ev = it->evidence->pdata[e];

      g_string_append (out, ev->expiry == ATTEST_EXPIRY_EXPIRED ? "<div class=\"evidence alert\"><p>" : "<div class=\"evidence\"><p>");
      esc_printf (out, _("Evidence: %s"), ev->name);
      g_string_append (out, "<br><code>SHA-256 ");
      esc (out, ev->sha256);
      g_string_append (out, "</code><br>");
      esc_printf (out, _("Effective: %s"), ev->effective != NULL ? ev->effective : "—");
      g_string_append (out, " &#183; ");
      esc_printf (out, _("Expires: %s"), ev->expires != NULL ? ev->expires : "—");
      if (ev->expiry == ATTEST_EXPIRY_EXPIRED)
        esc_printf (out, " · ✗ %s", _("Expired"));
      g_string_append (out, "</p>\n");
      for (guint a = 0; a < ev->annotations->len; a++)
        {
          AttestReportAnnotation *an = ev->annotations->pdata[a];

          g_string_append (out, "<p class=\"annotation\">");
          esc_printf (out, _("Annotation, page %u (%s):"), an->page, an->kind);
          if (*an->quote != '\0')
            esc_printf (out, " “%s”", an->quote);
          if (*an->text != '\0')
            esc_printf (out, " %s", an->text);
          g_string_append (out, "</p>\n");
        }
      notes (out, ev->notes);
      g_string_append (out, "</div>\n");
    }
  notes (out, it->notes);
  g_string_append (out, "</li>\n");
}

char *
attest_report_export_html (AttestReport *report,
                           const char   *workspace_name,
                           const char   *reviewer,
                           const char   *date,
                           const char   *fingerprint)
{
  GString *out = g_string_new (NULL);
  g_autofree char *print = g_strdup_printf (_("Fingerprint: %s"), fingerprint != NULL ? fingerprint : "—");
  const char *title;

  g_return_val_if_fail (report != NULL && report->gap != NULL, NULL);

  title = report->gap_only ? _("Gap report") : _("Evidence report");
  g_string_append (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>");
  esc (out, title);
  g_string_append (out, "</title>\n<style>\n"
                   "body{font-family:sans-serif;font-size:9pt;color:#000;margin:1em}\n"
                   "h1{font-size:14pt}h2{font-size:12pt;border-bottom:0.5pt solid #000}\n"
                   "h3{font-size:11pt;border-bottom:0.5pt solid #000}h4{font-size:9.5pt}h5{font-size:8.5pt;margin:0.6em 0 0.2em 1em}\n"
                   "table{border-collapse:collapse}th,td{border:0.5pt solid #000;padding:2pt 3pt;vertical-align:top;overflow-wrap:anywhere}\n"
                   "thead th{background:#e6e6e6}thead{display:table-header-group}tr{page-break-inside:avoid}\n"
                   "td+td{text-align:center}tr.alert td{font-weight:bold;border-width:1.5pt}\n"
                   "table.gap{margin:0.6em 0;width:100%}table.gap td{text-align:left}\n"
                   "caption{text-align:left;font-weight:bold;font-size:9.5pt;padding:0.3em 0}\n"
                   "ul{list-style:none;margin:0;padding-left:2em}li.item{margin:0.3em 0;padding-left:4pt;page-break-inside:avoid}\n"
                   ".alert{border-left:3pt solid #000;font-weight:bold}li.alert{padding-left:4pt}\n"
                   "p{margin:0.15em 0}.evidence{margin-left:1.5em;padding-left:4pt}.annotation,.note{margin-left:1.5em}\n"
                   ".evidence.alert{font-weight:normal}code{font-size:8pt;overflow-wrap:anywhere}\n"
                   "p.untouched{margin-left:1em}footer{margin-top:1em;font-size:8pt}\n"
                   "@media print{body{margin:0}}\n"
                   "</style></head><body>\n<h1>");
  esc (out, title);
  g_string_append (out, "</h1>\n<p>");
  esc (out, date);
  if (workspace_name != NULL)
    {
      g_string_append (out, " &#183; ");
      esc_printf (out, _("Workspace: %s"), workspace_name);
    }
  g_string_append (out, " &#183; ");
  if (reviewer != NULL && *reviewer != '\0')
    esc_printf (out, _("Reviewer: %s"), reviewer);
  else
    esc (out, _("Reviewer: not set"));
  g_string_append (out, "</p>\n<p>");
  esc (out, print);
  g_string_append (out, "</p>\n");

  if (report->gap_only)
    {
      gap_section (out, report);
      g_string_append (out, "<footer><p>");
      esc (out, print);
      g_string_append (out, "</p></footer>\n</body></html>\n");
      return g_string_free (out, FALSE);
    }
  summary (out, report);
  gap_section (out, report);

  g_string_append (out, "<h2>");
  esc (out, _("Details"));
  g_string_append (out, "</h2>\n");
  if (report->frameworks->len == 0)
    {
      g_string_append (out, "<p>");
      esc (out, _("No framework or service matches the filters."));
      g_string_append (out, "</p>\n");
    }
  for (guint f = 0; f < report->frameworks->len; f++)
    {
      AttestReportFramework *framework = report->frameworks->pdata[f];

      g_string_append (out, "<h3>");
      esc_printf (out, "%s — %s", framework->short_name, framework->title);
      g_string_append (out, "</h3>\n");
      for (guint s = 0; s < framework->scopes->len; s++)
        {
          AttestReportScope *scope = framework->scopes->pdata[s];

          g_string_append (out, "<h4>");
          esc_printf (out, "%s — %s", framework->short_name, scope->name);
          g_string_append (out, "</h4>\n");
          for (guint c = 0; c < scope->cells->len; c++)
            {
              AttestReportCell *cell = scope->cells->pdata[c];

              g_string_append (out, "<h5>");
              esc_printf (out, "%s — %s %s", cell->service_name,
                          attest_matrix_sheets_rollup_symbol (cell->rollup),
                          attest_matrix_sheets_rollup_word (cell->rollup));
              g_string_append (out, "</h5>\n");
              notes (out, cell->notes);
              g_string_append (out, "<ul>\n");
              for (guint i = 0; i < cell->items->len; i++)
                item (out, cell->items->pdata[i]);
              g_string_append (out, "</ul>\n");
            }
          if (scope->untouched->len > 0)
            {
              g_autoptr(GString) names = g_string_new (NULL);

              for (guint i = 0; i < scope->untouched->len; i++)
                g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (char *) scope->untouched->pdata[i]);
              g_string_append (out, "<p class=\"untouched\">");
              esc_printf (out, _("Nothing recorded yet (%u): %s"), scope->untouched->len, names->str);
              g_string_append (out, "</p>\n");
            }
        }
    }
  g_string_append (out, "<footer><p>");
  {
    g_autofree char *legend = g_strdup_printf (_("Legend: %s open exception   %s overdue item   %s expired evidence   "
                                                 "bold with a bar in the margin: needs attention"), "!", "⚠", "✗");
    esc (out, legend);
  }
  g_string_append (out, "</p><p>");
  esc (out, print);
  g_string_append (out, "</p></footer>\n</body></html>\n");
  return g_string_free (out, FALSE);
}
