/* attest-test-generate.c: made-up workspaces for the benchmark and the scale tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
