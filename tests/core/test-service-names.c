/* test-service-names.c: lists, qualifiers, former names, identity and aliases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-service-names.h"
#include "attest-service-table.h"

static AttestServiceTable *
default_table (void)
{
  g_autoptr(GError) error = NULL;
  AttestServiceTable *table = attest_service_table_new ();

  g_assert_true (attest_service_table_load_default (table, &error));
  g_assert_no_error (error);
  return table;
}

/* Asserts @text splits into exactly the "name|qualifier|former" triples given. */
static void
assert_split (AttestServiceTable *table,
              const char         *text,
              ...)
{
  g_autoptr(GPtrArray) got = attest_service_names_split (text, table);
  const char *want;
  guint i = 0;
  va_list ap;

  va_start (ap, text);
  while ((want = va_arg (ap, const char *)) != NULL)
    {
      g_auto(GStrv) w = g_strsplit (want, "|", 3);
      AttestServiceMention *m;

      g_assert_cmpuint (i, <, got->len);
      m = got->pdata[i++];
      g_assert_cmpstr (m->name, ==, w[0]);
      g_assert_cmpstr (m->qualifier, ==, w[1] && *w[1] ? w[1] : NULL);
      g_assert_cmpstr (m->former, ==, w[1] && w[2] && *w[2] ? w[2] : NULL);
    }
  va_end (ap);
  g_assert_cmpuint (i, ==, got->len);
}

static void
test_lists (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();

  assert_split (t, "Azure, Azure Government, and Azure Germany",
                "Azure", "Azure Government", "Azure Germany", NULL);
  assert_split (t, "Azure and Azure Government", "Azure", "Azure Government", NULL);
  assert_split (t, "Dynamics 365 and Dynamics 365 U.S. Government",
                "Dynamics 365", "Dynamics 365 U.S. Government", NULL);
  assert_split (t, "Office 365, Office 365 U.S. Government, and Office 365 U.S. Government Defense",
                "Office 365", "Office 365 U.S. Government", "Office 365 U.S. Government Defense", NULL);
  assert_split (t, "Dynamics 365, Dynamics 365, and Dynamics 365 Germany",
                "Dynamics 365", "Dynamics 365 Germany", NULL);
  assert_split (t, "Intune", "Intune", NULL);
  assert_split (t, "Office 365, Office 365 U.S. Government, Office 365 U.S. Government - High, Office 365 U.S. Government Defense",
                "Office 365", "Office 365 U.S. Government", "Office 365 U.S. Government - High",
                "Office 365 U.S. Government Defense", NULL);
  assert_split (t, "Azure (for detailed insight, see Microsoft Azure Compliance Offerings or Azure SOC 2 Type 2 attestation report)",
                "Azure|for detailed insight, see Microsoft Azure Compliance Offerings or Azure SOC 2 Type 2 attestation report",
                NULL);
  /* Not two names: */
  assert_split (t, "Support and Professional Services", "Support and Professional Services", NULL);
  assert_split (t, "See a detailed list of covered services in Office 365", NULL);
  assert_split (t, "", NULL);
}

static void
test_qualifiers (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();

  assert_split (t, "Power BI cloud service either as a standalone service or as included in an Office 365 branded plan or suite",
                "Power BI|cloud service either as a standalone service or as included in an Office 365 branded plan or suite",
                NULL);
  assert_split (t, "Windows Defender ATP — Endpoint Detection & Response, Automatic Investigation & Remediation, Secure Score",
                "Windows Defender ATP|Endpoint Detection & Response, Automatic Investigation & Remediation, Secure Score",
                NULL);
  assert_split (t, "Intune: cloud service portion of Microsoft Intune",
                "Intune|cloud service portion of Microsoft Intune", NULL);
  assert_split (t, "Power Automate (formerly Microsoft Flow) cloud service either as a standalone service",
                "Power Automate|cloud service either as a standalone service|Microsoft Flow", NULL);
  assert_split (t, "Power BI, PowerApps, and Power Automate (formerly Microsoft Flow) either as a standalone service",
                "Power BI|either as a standalone service",
                "PowerApps|either as a standalone service",
                "Power Automate|either as a standalone service|Microsoft Flow", NULL);
  assert_split (t, "Azure. The HDS certificate applies to Azure services listed as compliant",
                "Azure|The HDS certificate applies to Azure services listed as compliant", NULL);
  assert_split (t, "Office 365 U.S. Government", "Office 365 U.S. Government", NULL);
  /* Commas inside parentheses never split. */
  assert_split (t, "Office 365 Microservices (including Kaizala, Sway, and Forms)",
                "Office 365 Microservices|including Kaizala, Sway, and Forms", NULL);
  /* Two known names joined: two services, the parenthesis said of both
   * (en-US-2020 PCI DSS page). */
  assert_split (t, "OneDrive for Business and SharePoint Online (United States only)",
                "OneDrive for Business|United States only", "SharePoint Online|United States only", NULL);
}

static void
test_identity (void)
{
  g_autofree char *k1 = attest_service_names_key ("Microsoft Graph");
  g_autofree char *k2 = attest_service_names_key ("graph");
  g_autofree char *k3 = attest_service_names_key ("Microsoft");
  g_autofree char *s1 = attest_service_names_slug ("Office 365 U.S. Government");
  g_autofree char *s2 = attest_service_names_slug ("Office 365 operated by 21Vianet");
  g_autofree char *s3 = attest_service_names_slug ("Sécurité de l’application cloud");
  g_autofree char *s4 = attest_service_names_slug ("雲端 應用程式");

  g_assert_cmpstr (k1, ==, k2);
  g_assert_cmpstr (k3, ==, "microsoft");
  g_assert_cmpstr (s1, ==, "office-365-us-government");
  g_assert_cmpstr (s2, ==, "office-365-operated-by-21vianet");
  g_assert_cmpstr (s3, ==, "sécurité-de-lapplication-cloud");
  g_assert_cmpstr (s4, ==, "雲端-應用程式");
}

static void
test_aliases (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();

  g_assert_cmpstr (attest_service_table_canonical (t, "Microsoft Flow"), ==, "Power Automate");
  g_assert_cmpstr (attest_service_table_canonical (t, "PowerApps"), ==, "Power Apps");
  g_assert_cmpstr (attest_service_table_canonical (t, "Cloud App Security"), ==, "Microsoft Defender for Cloud Apps");
  g_assert_cmpstr (attest_service_table_canonical (t, "Microsoft Cloud App Security"), ==, "Microsoft Defender for Cloud Apps");
  g_assert_cmpstr (attest_service_table_canonical (t, "Graph"), ==, "Microsoft Graph");
  g_assert_cmpstr (attest_service_table_canonical (t, "microsoft graph"), ==, "Microsoft Graph");
  g_assert_cmpstr (attest_service_table_canonical (t, "Microsoft Intune"), ==, "Intune");
  /* Sovereign clouds are services of their own. */
  g_assert_cmpstr (attest_service_table_canonical (t, "Office 365 operated by 21Vianet"), ==, "Office 365 operated by 21Vianet");
  g_assert_cmpstr (attest_service_table_canonical (t, "Office 365"), ==, "Office 365");
  g_assert_null (attest_service_table_canonical (t, "Flux"));
  /* Issue 19: the near duplicates a whole corpus import still had. */
  g_assert_cmpstr (attest_service_table_canonical (t, "Office Service Infrastructure"), ==, "Office Services Infrastructure");
  g_assert_cmpstr (attest_service_table_canonical (t, "Microsoft Booking"), ==, "Bookings");
  g_assert_cmpstr (attest_service_table_canonical (t, "Microsoft Bookings"), ==, "Bookings");
  g_assert_cmpstr (attest_service_table_canonical (t, "Office Pro Plus"), ==, "Office 365 ProPlus");
  g_assert_cmpstr (attest_service_table_canonical (t, "Office Delve"), ==, "Delve");
  g_assert_cmpstr (attest_service_table_canonical (t, "harePoint Online"), ==, "SharePoint Online");
}

/* The examples: the same service spelt twice. */
static void
test_folding (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();
  static const char * const same[][2] = {
    { "Azure Dev Ops", "Azure DevOps" },
    { "Microsoft To- Do for Web", "Microsoft To-Do for Web" },
    { "Microsoft To-Do for Web", "To Do for web" },
    { "AZURE  devops", "Azure DevOps" },
    { "Microsoft Microsoft Healthcare Bot Service", "Healthcare Bot Service" },
    { "Microsoft Teams\u00ae", "Teams" },
    { "Office 365 U.S. Government", "Office 365 US Government" },
    { "PowerApps", "Power Apps" },
  };
  static const char * const apart[][2] = {
    { "Office 365 U.S. Government", "Office 365" },
    { "Azure Government", "Azure" },
    { "Office 365 Germany", "Office 365" },
    { "C++", "C" },
    { "Office 365 Security & Compliance Center", "Office 365 Security and Compliance Center" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = attest_service_names_key (same[i][0]);
      g_autofree char *b = attest_service_names_key (same[i][1]);
      g_assert_cmpstr (a, ==, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (apart); i++)
    {
      g_autofree char *a = attest_service_names_key (apart[i][0]);
      g_autofree char *b = attest_service_names_key (apart[i][1]);
      g_assert_cmpstr (a, !=, b);
    }
  {
    g_autofree char *k = attest_service_names_key (" - . ");
    g_assert_cmpstr (k, ==, "");
  }

  /* The spelling of the table wins, whichever a page uses. */
  g_assert_cmpstr (attest_service_table_canonical (t, "Azure Dev Ops"), ==, "Azure DevOps Services");
  g_assert_cmpstr (attest_service_table_canonical (t, "Azure DevOps"), ==, "Azure DevOps Services");
  g_assert_cmpstr (attest_service_table_canonical (t, "Microsoft To- Do for Web"), ==, "Microsoft To-Do for Web");
  /* Each spelling is one mention of one service. */
  assert_split (t, "Azure Dev Ops, Azure DevOps", "Azure Dev Ops", NULL);
  assert_split (t, "Microsoft To- Do for Web, Microsoft To-Do for Web", "Microsoft To- Do for Web", NULL);
  assert_split (t, "-", NULL);
}

static void
test_joined (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();

  assert_split (t, "Azure & Azure DevOps", "Azure", "Azure DevOps", NULL);
  assert_split (t, "Microsoft Defender for Office 365 Microsoft Teams",
                "Microsoft Defender for Office 365", "Microsoft Teams", NULL);
  assert_split (t, "Azure Active Directory, Forms, Microsoft Defender for Office 365 Microsoft Teams, MyAnalytics",
                "Azure Active Directory", "Forms", "Microsoft Defender for Office 365", "Microsoft Teams",
                "MyAnalytics", NULL);
  /* The alias table says so. */
  assert_split (t, "Office and Microsoft 365", "Office 365", "Microsoft 365", NULL);
  assert_split (t, "Dynamics 365 MT & GCC", "Dynamics 365", "Dynamics 365 U.S. Government", NULL);
  assert_split (t, "Azure and Dynamics", "Azure", "Dynamics 365", NULL);
  /* Real single products. */
  assert_split (t, "Office 365 Security & Compliance Center", "Office 365 Security & Compliance Center", NULL);
  assert_split (t, "Office 365 Groups, Office 365 Security & Compliance Center, Office Online",
                "Office 365 Groups", "Office 365 Security & Compliance Center", "Office Online", NULL);
  assert_split (t, "Office 365 Cloud App Security", "Office 365 Cloud App Security", NULL);
  assert_split (t, "Exchange Online Protection", "Exchange Online Protection", NULL);
  assert_split (t, "Power BI Embedded", "Power BI Embedded", NULL);
  assert_split (t, "Windows Defender ATP — Endpoint Detection & Response, Automatic Investigation & Remediation",
                "Windows Defender ATP|Endpoint Detection & Response, Automatic Investigation & Remediation", NULL);
  assert_split (t, "Azure, Azure Government, and Azure Germany",
                "Azure", "Azure Government", "Azure Germany", NULL);
  /* Halves not both known and not alike: one name. */
  assert_split (t, "Security & Compliance", "Security & Compliance", NULL);
  /* Without the table nothing is known to run together. */
  assert_split (NULL, "Microsoft Defender for Office 365 Microsoft Teams",
                "Microsoft Defender for Office 365 Microsoft Teams", NULL);
  assert_split (NULL, "Azure & Azure DevOps", "Azure", "Azure DevOps", NULL);
}

static void
test_environments (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();
  static const char * const environments[] = {
    "DoD", "GCC", "GCC High", "GCC-High", "gcc high", "Government", "Commercial",
    "U.S. Government", "U.S. Government Community Cloud (GCC)", "Microsoft Government",
  };
  static const char * const services[] = {
    "Office 365 U.S. Government", "Azure Government", "Office 365 GCC High", "Azure Germany",
    "Office 365 operated by 21Vianet", "Dynamics 365 U.S. Government", "Azure Government for DoD",
  };

  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    g_assert_true (attest_service_names_is_environment (environments[i]));
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    g_assert_false (attest_service_names_is_environment (services[i]));

  /* Alone, an environment names no service. */
  assert_split (t, "DoD", NULL);
  assert_split (t, "Government", NULL);
  assert_split (t, "GCC High, DoD", NULL);
  /* Beside a product it is that product's environment: a service of its own
   * (DESIGN.md: government clouds are distinct services), as the table knows it. */
  assert_split (t, "Office 365 U.S. Government Community Cloud (GCC), Office 365 GCC High, and DoD",
                "Office 365 U.S. Government Community Cloud (GCC)", "Office 365 GCC High", "Office 365 DoD", NULL);
  g_assert_cmpstr (attest_service_table_canonical (t, "Office 365 DoD"), ==, "Office 365 U.S. Government Defense");
  assert_split (t, "Office 365 U.S. Government - High, DoD",
                "Office 365 U.S. Government - High", "Office 365 DoD", NULL);
  /* The Commercial environment of a product is the product. */
  assert_split (t, "Azure Commercial, Azure Government", "Azure", "Azure Government", NULL);
  assert_split (NULL, "Office 365 Commercial, Government, and Education",
                "Office 365", "Office 365 Government", "Education", NULL);
  g_assert_cmpstr (attest_service_table_canonical (t, "Office 365 Government"), ==, "Office 365 U.S. Government");
  /* … and the table says what Education is. */
  assert_split (t, "Office 365 Commercial, Government, and Education",
                "Office 365", "Office 365 U.S. Government", NULL);
}

static void
test_clauses (void)
{
  g_autoptr(AttestServiceTable) t = default_table ();

  assert_split (t, "Microsoft Power BI, whether enrolled standalone or included in an Office 365 or Microsoft Dynamics 365 branded plan or suite",
                "Microsoft Power BI|whether enrolled standalone or included in an Office 365 or Microsoft Dynamics 365 branded plan or suite",
                NULL);
  assert_split (t, "Azure complies with MPAA best-practices guidelines",
                "Azure|complies with MPAA best-practices guidelines", NULL);
  assert_split (t, "Azure, Azure DevOps, Dynamics 365, and other Microsoft online services",
                "Azure", "Azure DevOps", "Dynamics 365", NULL);
  /* "X services" of a known X is X; a name of its own ending so stays. */
  assert_split (t, "Office 365 services", "Office 365", NULL);
  assert_split (t, "Dynamics 365 online services (Business Central, Commerce)",
                "Dynamics 365|Business Central, Commerce", NULL);
  assert_split (t, "Bing Services", "Bing Services", NULL);
  /* A name may start in lower case when the word does not stay so. */
  assert_split (t, "Exchange Online, eDiscovery, iOS Outlook",
                "Exchange Online", "eDiscovery", "iOS Outlook", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/service-names/lists", test_lists);
  g_test_add_func ("/service-names/qualifiers", test_qualifiers);
  g_test_add_func ("/service-names/identity", test_identity);
  g_test_add_func ("/service-names/aliases", test_aliases);
  g_test_add_func ("/service-names/folding", test_folding);
  g_test_add_func ("/service-names/joined", test_joined);
  g_test_add_func ("/service-names/environments", test_environments);
  g_test_add_func ("/service-names/clauses", test_clauses);

  return g_test_run ();
}
