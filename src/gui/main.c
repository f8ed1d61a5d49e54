/* main.c: the attest window program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "attest-application.h"
#include "attest-paths.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) app = NULL;
  g_autofree char *problem = NULL;

  attest_paths_init_i18n ();

  /* Without its schema GSettings would abort (a trap): say how to run instead. */
  problem = attest_application_check_settings_schema ();
  if (problem != NULL)
    {
      g_printerr ("%s\n", problem);
      return 1;
    }

  app = attest_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
