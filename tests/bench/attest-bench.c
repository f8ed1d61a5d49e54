/* attest-bench.c: the figures each issue asks for, one line per form
 *
 *   attest-bench import DIR   import: N pages, B bytes, parse T ms, store S ms
 *
 * Built, not installed. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "attest-importer.h"
#include "attest-paths.h"

static void
remove_workspace (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
}

static int
bench_import (const char *dir)
{
  g_autofree char *tmp = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.attest", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };

  ws = attest_workspace_open (path, &error);
  if (ws == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      return 1;
    }
  summary = attest_importer_run (ws, paths, NULL, NULL, NULL, &error);
  if (summary == NULL)
    {
      g_printerr ("attest-bench: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < summary->failures->len; i++)
    g_printerr ("attest-bench: %s\n", (char *)summary->failures->pdata[i]);

  printf ("import: %u pages, %" G_GUINT64_FORMAT " bytes, parse %.1f ms, store %.1f ms\n",
          summary->imported + summary->unchanged + summary->failed, summary->bytes,
          summary->parse_usec / 1000.0, summary->store_usec / 1000.0);

  g_clear_object (&ws);
  remove_workspace (path);
  g_rmdir (tmp);
  return summary->failed > 0 ? 1 : 0;
}

static void
usage (void)
{
  g_printerr ("usage: attest-bench import DIR\n");
}

int
main (int   argc,
      char *argv[])
{
  attest_paths_init_i18n ();

  if (argc == 3 && g_str_equal (argv[1], "import"))
    return bench_import (argv[2]);

  usage ();
  return 2;
}
