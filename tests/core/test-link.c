/* test-link.c: which link targets Attest may open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-link.h"

static void
test_web_and_mail (void)
{
  g_assert_true (attest_link_may_open ("https://example.com/soc-2.pdf"));
  g_assert_true (attest_link_may_open ("http://example.com"));
  g_assert_true (attest_link_may_open ("HTTPS://Example.com/a?b=c#d"));
  g_assert_true (attest_link_may_open ("mailto:audit@example.com"));
  g_assert_true (attest_link_may_open ("https://learn.microsoft.com/en-us/compliance/regulatory/offering-soc"));
}

static void
test_other_schemes (void)
{
  const char *refused[] = {
    "file:///etc/passwd",
    "smb://server/share/report.pdf",
    "ftp://example.com/file",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "ms-settings:privacy",
    "vscode://file/x",
    "ssh://host",
    "tel:+1555",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i]);
      g_assert_false (attest_link_may_open (refused[i]));
    }
}

static void
test_not_addresses (void)
{
  g_assert_false (attest_link_may_open (""));
  g_assert_false (attest_link_may_open ("#faq"));
  g_assert_false (attest_link_may_open ("report.pdf"));
  g_assert_false (attest_link_may_open ("/tmp/report.pdf"));
  g_assert_false (attest_link_may_open ("https://"));
  g_assert_false (attest_link_may_open ("https:///path"));
  g_assert_false (attest_link_may_open ("mailto:"));
  g_assert_false (attest_link_may_open ("https://example.com/a b"));
  g_assert_false (attest_link_may_open ("https://example.com/\n"));
  g_assert_false (attest_link_may_open ("https://exa\x7fmple.com"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/link/web-and-mail", test_web_and_mail);
  g_test_add_func ("/link/other-schemes", test_other_schemes);
  g_test_add_func ("/link/not-addresses", test_not_addresses);

  return g_test_run ();
}
