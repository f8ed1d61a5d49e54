/* attest-test-generate.c: made-up workspaces for the benchmark and the scale tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "attest-workspace-catalog.h"

#include "attest-test-generate.h"

const char * const attest_test_service_names[] = {
  "Azure", "Intune", "Office 365", "Dynamics 365", "Power BI", "SharePoint", "Exchange Online",
  "Teams", "Defender for Endpoint", "Sentinel", "Key Vault", "Azure DevOps", "Power Automate",
  "Microsoft Graph", "Stream", "Azure Government", "Kubernetes Service", "Cosmos DB",
};
const guint attest_test_n_service_names = G_N_ELEMENTS (attest_test_service_names);

const char * const attest_test_framework_names[] = {
  "SOC 2", "ISO 27001", "FedRAMP", "HIPAA", "PCI DSS", "MARS-E", "GDPR", "NIST 800-53",
  "ISO 20000-1", "CSA STAR", "IRAP", "C5", "ENS", "HITRUST", "TISAX",
};
const guint attest_test_n_framework_names = G_N_ELEMENTS (attest_test_framework_names);

/**
 * attest_test_generate_matrix:
 *
 * Imports @n_frameworks generated offering pages of one scope each, every
 * framework covering a different half of @n_services services: 100 × 400
 * gives a grid of 40 000 cells of which about 20 000 are in scope.
 * Deterministic: the same arguments always make the same workspace.
 */
gboolean
attest_test_generate_matrix (AttestWorkspace  *ws,
                             guint             n_frameworks,
                             guint             n_services,
                             GError          **error)
{
  g_autoptr(AttestServiceTable) names = attest_service_table_new ();

  for (guint f = 0; f < n_frameworks; f++)
    {
      g_autoptr(AttestOffering) o = attest_offering_new ();
      AttestOfferingScope *scope = g_new0 (AttestOfferingScope, 1);
      g_autofree char *content = g_strdup_printf ("generated framework %u", f);

      o->file_name = g_strdup_printf ("offering-bench-%03u.md", f);
      o->key = g_strdup_printf ("bench-%03u", f);
      o->framework_id = g_strdup (o->key);
      o->short_name = g_strdup_printf ("Framework %03u", f);
      o->category = g_strdup (attest_test_framework_names[f % attest_test_n_framework_names]);
      o->source_title = g_strdup_printf ("Generated compliance framework number %u", f);
      o->title = g_strdup (o->source_title);
      o->locale = g_strdup ("");
      o->page_date = g_strdup_printf ("2023-%02u-%02u", 1 + f % 12, 1 + f % 28);
      o->content = g_bytes_new (content, strlen (content));
      o->content_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, o->content);
      scope->slug = g_strdup (o->key);
      scope->name = g_strdup (o->short_name);
      g_ptr_array_add (o->scopes, scope);

      for (guint s = 0; s < n_services; s++)
        {
          AttestOfferingMention *m;

          if ((s * 7 + f * 13) % 100 >= 50)
            continue;
          m = g_new0 (AttestOfferingMention, 1);
          m->scope_slug = g_strdup (o->key);
          m->name = g_strdup_printf ("%s Service %03u", attest_test_service_names[s % attest_test_n_service_names], s);
          m->source_line = g_strdup (m->name);
          g_ptr_array_add (o->mentions, m);
        }
      if (!attest_workspace_import_offering (ws, o, names, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
roman (guint n)
{
  static const char * const numerals[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x" };

  g_assert (n >= 1 && n <= G_N_ELEMENTS (numerals));
  return g_strdup (numerals[n - 1]);
}

/**
 * attest_test_generate_pdf:
 *
 * A PDF of @n_pages pages written with cairo's PDF surface, as
 * attest-test-generate.h describes (the same bytes for the same argument,
 * apart from the creation date cairo writes).
 *
 * Returns: (transfer full): the file
 */
GBytes *
attest_test_generate_pdf (guint n_pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert (n_pages > ATTEST_TEST_PDF_LANDSCAPE && n_pages > 40);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, out, 595, 842);
  cr = cairo_create (surface);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Generated backgrounder");

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *line = NULL;

      if (i < ATTEST_TEST_PDF_N_ROMAN)
        label = roman (i + 1);
      else
        label = g_strdup_printf ("%u", i + 1 - ATTEST_TEST_PDF_N_ROMAN);
      if (i == ATTEST_TEST_PDF_LANDSCAPE)
        cairo_pdf_surface_set_size (surface, 842, 595);
      else
        cairo_pdf_surface_set_size (surface, 595, 842);
      cairo_pdf_surface_set_page_label (surface, label);

      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 14);
      cairo_set_source_rgb (cr, 0, 0, 0);
      line = g_strdup_printf ("Page %s, sheet %u of %u", label, i + 1, n_pages);
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, line);

      if (i % 6 == 0)
        {
          cairo_move_to (cr, 72, 400);
          cairo_show_text (cr, i == 0 ? "A NEEDLE here" : "A " ATTEST_TEST_PDF_NEEDLE " here");
        }
      if (i == 0)
        {
          cairo_move_to (cr, 72, 300);
          cairo_show_text (cr, ATTEST_TEST_PDF_SELECTION);
        }
      if (i == 1)
        {
          /* A named destination, for the link from page 40 (cairo 1.16
           * writes no target for a link to a page not written yet). */
          cairo_tag_begin (cr, CAIRO_TAG_DEST, "name='sheet2' x=72 y=300");
          cairo_tag_end (cr, CAIRO_TAG_DEST);
          cairo_tag_begin (cr, CAIRO_TAG_LINK, "rect=[72 140 200 20] uri='" ATTEST_TEST_PDF_URI "'");
          cairo_move_to (cr, 72, 155);
          cairo_show_text (cr, "The backgrounder");
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
      if (i == 40)
        {
          cairo_tag_begin (cr, CAIRO_TAG_LINK, "rect=[72 100 200 20] page=2 pos=[72 300]");
          cairo_move_to (cr, 72, 115);
          cairo_show_text (cr, "Back to sheet 2");
          cairo_tag_end (cr, CAIRO_TAG_LINK);
          cairo_tag_begin (cr, CAIRO_TAG_LINK, "rect=[72 140 200 20] dest='sheet2'");
          cairo_move_to (cr, 72, 155);
          cairo_show_text (cr, "Sheet 2 by name");
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
      /* Some lines, so a page costs something to render. */
      cairo_set_font_size (cr, 10);
      for (guint l = 0; l < 30; l++)
        {
          cairo_move_to (cr, 72, 450 + l * 12);
          cairo_show_text (cr, "Controls are tested by an independent auditor over the period.");
        }
      cairo_show_page (cr);
    }

  {
    int chapter;

    cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Preface", "page=1", 0);
    chapter = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Chapter 1", "page=5",
                                             CAIRO_PDF_OUTLINE_FLAG_OPEN);
    cairo_pdf_surface_add_outline (surface, chapter, "Section 1.1", "page=6 pos=[72 200]", 0);
    cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Chapter 2", "page=31", 0);
  }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}
