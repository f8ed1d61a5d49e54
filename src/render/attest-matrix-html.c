/* attest-matrix-html.c: the matrix as one standalone, printable HTML file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same content as the printed sheets (attest-matrix-sheets.c): a header,
 * the two-level framework/scope header (repeated on every printed page by the
 * browser: <thead>), each cell's roll-up as symbol and word, a legend and the
 * fingerprint. The CSS is inline; nothing is fetched.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attest-matrix-html.h"
#include "attest-matrix-sheets.h"

static const char *rollup_names[] = { "not-started", "in-progress", "satisfied", "exception", "no-longer-in-scope" };

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

char *
attest_matrix_export_html (AttestMatrix *matrix,
                           const char   *workspace_name,
                           const char   *reviewer,
                           const char   *date,
                           const char   *fingerprint)
{
  GString *out = g_string_new (NULL);

  g_string_append (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>");
  append_escaped (out, _("Evidence matrix"));
  g_string_append (out, "</title>\n<style>\n"
                   "body{font-family:sans-serif;font-size:9pt;color:#000;margin:1em}\n"
                   "table{border-collapse:collapse}\n"
                   "th,td{border:0.5pt solid #000;padding:2pt 3pt;vertical-align:top;overflow-wrap:anywhere}\n"
                   "thead th{background:#e6e6e6}\n"
                   "td.cell{text-align:center;min-width:5em}\n"
                   "td.service{max-width:14em}\n"
                   ".not-started{background:#fff}.in-progress{background:#fcedbf}"
                   ".satisfied{background:#d1edd1}.exception{background:#fac7c7}"
                   ".no-longer-in-scope{background:#d9d9d9}\n"
                   "thead{display:table-header-group}tr{page-break-inside:avoid}\n"
                   "@media print{body{margin:0}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
                   "</style></head><body>\n<h1>");
  append_escaped (out, _("Evidence matrix"));
  g_string_append (out, "</h1>\n<p>");
  append_escaped (out, date);
  if (workspace_name != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Workspace: %s"), workspace_name);
      g_string_append (out, " &#183; ");
      append_escaped (out, text);
    }
  {
    g_autofree char *text = reviewer != NULL && *reviewer != '\0' ? g_strdup_printf (_("Reviewer: %s"), reviewer)
                                                                  : g_strdup (_("Reviewer: not set"));
    g_string_append (out, " &#183; ");
    append_escaped (out, text);
  }
  g_string_append (out, "</p>\n<table>\n<thead>\n<tr><th rowspan=\"2\">");
  append_escaped (out, _("Service"));
  g_string_append (out, "</th>");
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, f);

      if (framework->scopes->len == 0)
        continue;
      g_string_append_printf (out, "<th colspan=\"%u\" title=\"", framework->scopes->len);
      append_escaped (out, framework->title);
      g_string_append (out, "\">");
      append_escaped (out, framework->short_name);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr>\n<tr>");
  for (guint f = 0; f < matrix->frameworks->len; f++)
    {
      AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, f);

      for (guint s = 0; s < framework->scopes->len; s++)
        {
          g_string_append (out, "<th>");
          append_escaped (out, ((AttestMatrixScope *) g_ptr_array_index (framework->scopes, s))->name);
          g_string_append (out, "</th>");
        }
    }
  g_string_append (out, "</tr>\n</thead>\n<tbody>\n");
  for (guint r = 0; r < matrix->services->len; r++)
    {
      AttestMatrixService *service = g_ptr_array_index (matrix->services, r);

      g_string_append (out, "<tr><td class=\"service\">");
      append_escaped (out, service->name);
      g_string_append (out, "</td>");
      for (guint f = 0; f < matrix->frameworks->len; f++)
        {
          AttestMatrixFramework *framework = g_ptr_array_index (matrix->frameworks, f);

          for (guint s = 0; s < framework->scopes->len; s++)
            {
              AttestMatrixScope *scope = g_ptr_array_index (framework->scopes, s);
              AttestMatrixCell *cell = attest_matrix_lookup_cell (matrix, scope->id, service->id);

              if (cell == NULL)
                {
                  g_string_append (out, "<td class=\"cell\"></td>");
                  continue;
                }
              g_string_append (out, "<td class=\"cell ");
              append_escaped (out, cell->rollup);
              g_string_append (out, "\">");
              append_escaped (out, attest_matrix_sheets_rollup_symbol (cell->rollup));
              g_string_append (out, " ");
              append_escaped (out, attest_matrix_sheets_rollup_word (cell->rollup));
              g_string_append (out, "</td>");
            }
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n<p>");
  append_escaped (out, _("Legend:"));
  for (guint i = 0; i < G_N_ELEMENTS (rollup_names); i++)
    {
      g_string_append (out, " &#160; ");
      append_escaped (out, attest_matrix_sheets_rollup_symbol (rollup_names[i]));
      g_string_append (out, " ");
      append_escaped (out, attest_matrix_sheets_rollup_word (rollup_names[i]));
    }
  g_string_append (out, " &#160; &#9633; ");
  append_escaped (out, _("blank: out of scope"));
  g_string_append (out, "</p>\n<p>");
  {
    g_autofree char *text = g_strdup_printf (_("Fingerprint: %s"), fingerprint != NULL ? fingerprint : "—");
    append_escaped (out, text);
  }
  g_string_append (out, "</p>\n</body></html>\n");
  return g_string_free (out, FALSE);
}
