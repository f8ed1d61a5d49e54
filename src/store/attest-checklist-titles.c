/* attest-checklist-titles.c: the checklist templates' lines, for translation
 *
 * Made from the templates in data/checklists/ by
 * `tests/data/check-po.py checklists SRCDIR --write`; do not edit it, edit a
 * template and run that (the data suite fails while the two differ). Items
 * store these English lines; attest_checklist_title_display() translates them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attest-workspace-checklist-private.h"

static const char * const titles[] = {
  /* Translators: an evidence checklist item (data/checklists/default.txt) */
  NC_("checklist item", "Current attestation or certificate obtained and covers the service"),
  /* Translators: an evidence checklist item (data/checklists/default.txt) */
  NC_("checklist item", "Report or certificate period is current (within the last 12 months)"),
  /* Translators: an evidence checklist item (data/checklists/default.txt) */
  NC_("checklist item", "Scope statement lists the service and the regions in use"),
  /* Translators: an evidence checklist item (data/checklists/default.txt) */
  NC_("checklist item", "Exceptions, nonconformities or qualifications reviewed"),
  /* Translators: an evidence checklist item (data/checklists/default.txt) */
  NC_("checklist item", "Customer responsibilities (shared responsibility) reviewed and assigned"),
  /* Translators: an evidence checklist item (data/checklists/iso-20000-1.txt) */
  NC_("checklist item", "ISO/IEC 20000-1 certificate obtained from an accredited certification body"),
  /* Translators: an evidence checklist item (data/checklists/iso-20000-1.txt) */
  NC_("checklist item", "Certificate is valid today (issue and expiry dates checked)"),
  /* Translators: an evidence checklist item (data/checklists/iso-20000-1.txt) */
  NC_("checklist item", "Certificate scope covers the service"),
  /* Translators: an evidence checklist item (data/checklists/iso-20000-1.txt) */
  NC_("checklist item", "Service management processes we depend on (incident, change, continuity) in scope"),
  /* Translators: an evidence checklist item (data/checklists/iso-20000-1.txt) */
  NC_("checklist item", "Latest surveillance audit findings reviewed"),
  /* Translators: an evidence checklist item (data/checklists/iso-27001.txt) */
  NC_("checklist item", "ISO/IEC 27001 certificate obtained from an accredited certification body"),
  /* Translators: an evidence checklist item (data/checklists/iso-27001.txt) */
  NC_("checklist item", "Certificate is valid today (issue and expiry dates checked)"),
  /* Translators: an evidence checklist item (data/checklists/iso-27001.txt) */
  NC_("checklist item", "Certificate scope covers the service and the regions in use"),
  /* Translators: an evidence checklist item (data/checklists/iso-27001.txt) */
  NC_("checklist item", "Statement of Applicability reviewed for controls we rely on"),
  /* Translators: an evidence checklist item (data/checklists/iso-27001.txt) */
  NC_("checklist item", "Latest surveillance audit report reviewed"),
  /* Translators: an evidence checklist item (data/checklists/iso-27001.txt) */
  NC_("checklist item", "Nonconformities and corrective actions reviewed"),
  /* Translators: an evidence checklist item (data/checklists/mars-e.txt) */
  NC_("checklist item", "FedRAMP authorization package (P-ATO or agency ATO) obtained for the service"),
  /* Translators: an evidence checklist item (data/checklists/mars-e.txt) */
  NC_("checklist item", "Control implementation summary mapped to MARS-E 2.0 controls"),
  /* Translators: an evidence checklist item (data/checklists/mars-e.txt) */
  NC_("checklist item", "Customer-responsible MARS-E controls identified and assigned"),
  /* Translators: an evidence checklist item (data/checklists/mars-e.txt) */
  NC_("checklist item", "Continuous monitoring deliverables (POA&M, scans) current"),
  /* Translators: an evidence checklist item (data/checklists/mars-e.txt) */
  NC_("checklist item", "Data location and FTI / PHI handling requirements confirmed"),
  /* Translators: an evidence checklist item (data/checklists/mars-e.txt) */
  NC_("checklist item", "Incident reporting obligations (to CMS) agreed"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "SOC 1 Type 2 report obtained and covers the service"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "Report period within the last 12 months"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "Bridge letter covers the gap to today"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "Control objectives relevant to our financial reporting identified"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "Complementary user entity controls (CUECs) reviewed and mapped to our controls"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "Exceptions and the auditor's opinion reviewed"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-1.txt) */
  NC_("checklist item", "Carved-out subservice organizations reviewed"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-2.txt) */
  NC_("checklist item", "Type 2 report obtained and covers the service"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-2.txt) */
  NC_("checklist item", "Report period within 12 months"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-2.txt) */
  NC_("checklist item", "Bridge letter covers the gap"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-2.txt) */
  NC_("checklist item", "Complementary user entity controls reviewed"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-2.txt) */
  NC_("checklist item", "Exceptions and opinion reviewed"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-2.txt) */
  NC_("checklist item", "Carved-out subservice organizations reviewed"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-3.txt) */
  NC_("checklist item", "SOC 3 report obtained and lists the service"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-3.txt) */
  NC_("checklist item", "Report period within the last 12 months"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-3.txt) */
  NC_("checklist item", "Auditor's opinion is unqualified"),
  /* Translators: an evidence checklist item (data/checklists/soc.soc-3.txt) */
  NC_("checklist item", "Trust services categories covered match our needs"),
  NULL
};

const char * const *
_attest_checklist_titles (void)
{
  return titles;
}
