/* test-service-corpus.c: the service list a whole real folder gives
 *
 * Each folder of the shared corpus, and all of them together, imported into a
 * workspace of its own: no two services in scope may differ only in spacing,
 * punctuation, case or a leading "Microsoft", and none may be only the name of
 * a cloud environment. The fold and the environment words are written out
 * here, apart from the rules they check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-importer.h"
#include "attest-test-corpus.h"
#include "attest-test-workspace.h"
#include "attest-workspace-catalog.h"

/* Case, spacing, punctuation and "Microsoft " in front folded away. */
static char *
fold (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (normal, -1);
  GString *out = g_string_new (NULL);
  const char *p = folded;

  for (;;)
    {
      while (*p == ' ')
        p++;
      if (!g_str_has_prefix (p, "microsoft ") || p[strlen ("microsoft ")] == '\0')
        break;
      p += strlen ("microsoft ");
    }
  for (; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static gboolean
only_environment (const char *name)
{
  static const char * const words[] = {
    "Commercial", "GCC", "GCC High", "GCC Moderate", "DoD", "Defense", "Government",
    "U.S. Government", "Government Community Cloud", "U.S. Government Community Cloud",
  };
  g_autofree char *f = fold (name);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *w = fold (words[i]);
      if (g_str_equal (f, w))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
  AttestMatrix *matrix;
  GHashTable *in_scope;   /* service id → its name, for the services in scope */
} Imported;

static void
imported_free (Imported *im)
{
  g_clear_pointer (&im->matrix, attest_matrix_free);
  g_clear_pointer (&im->in_scope, g_hash_table_unref);
  attest_test_workspace_delete (&im->ws, &im->dir, &im->path);
  g_free (im);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Imported, imported_free)

/* @folder of the corpus's pages ("" for all of them) in a new workspace. */
static Imported *
import_folder (const char *corpus,
               const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestImportSummary) summary = NULL;
  g_autofree char *pages = g_build_filename (corpus, "pages", folder, NULL);
  const char *paths[] = { pages, NULL };
  Imported *im = g_new0 (Imported, 1);

  im->ws = attest_test_workspace_new ("attest-service-corpus", NULL, &im->dir, &im->path);
  summary = attest_importer_run (im->ws, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_null (summary->error);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (summary->imported, >, 50);

  im->matrix = attest_workspace_load_matrix (im->ws, &error);
  g_assert_no_error (error);
  im->in_scope = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < im->matrix->cells->len; i++)
    {
      AttestMatrixCell *c = im->matrix->cells->pdata[i];
      if (!g_str_equal (c->rollup, "no-longer-in-scope"))
        g_hash_table_add (im->in_scope, c->service);
    }
  for (guint i = 0; i < im->matrix->services->len; i++)
    {
      AttestMatrixService *s = im->matrix->services->pdata[i];
      if (g_hash_table_contains (im->in_scope, s->id))
        g_hash_table_insert (im->in_scope, s->id, s->name);
    }
  g_test_message ("%s: %u services, %u in scope", *folder ? folder : "all folders",
                  im->matrix->services->len, g_hash_table_size (im->in_scope));
  return im;
}

static void
assert_clean_service_list (Imported *im)
{
  g_autoptr(GHashTable) by_fold = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer id, name;

  /* Enough services that the checks below say something. */
  g_assert_cmpuint (g_hash_table_size (im->in_scope), >=, 40);

  g_hash_table_iter_init (&iter, im->in_scope);
  while (g_hash_table_iter_next (&iter, &id, &name))
    {
      g_autofree char *f = fold (name);
      const char *other = g_hash_table_lookup (by_fold, f);

      if (other != NULL)
        g_error ("two services in scope differ only in spacing, punctuation or case: “%s” and “%s”",
                 other, (const char *)name);
      if (only_environment (name))
        g_error ("“%s” (%s) is an environment, not a service", (const char *)name, (const char *)id);
      g_hash_table_insert (by_fold, g_steal_pointer (&f), name);
    }
}

static gboolean
has_service_named (Imported   *im,
                   const char *name)
{
  for (guint i = 0; i < im->matrix->services->len; i++)
    if (g_str_equal (((AttestMatrixService *)im->matrix->services->pdata[i])->name, name))
      return TRUE;
  return FALSE;
}

static void
test_folder (gconstpointer data)
{
  const char *folder = data;
  g_autofree char *corpus = attest_test_corpus_dir ();
  g_autoptr(Imported) im = NULL;

  if (corpus == NULL)
    {
      g_test_skip ("the shared corpus (../shared/corpus) is not there");
      return;
    }
  im = import_folder (corpus, folder);
  assert_clean_service_list (im);

  /* The names the issue saw are gone, and what they named is there. */
  if (g_str_equal (folder, "en-US-2023"))
    {
      static const char * const gone[] = {
        "Azure Dev Ops", "Microsoft To- Do for Web", "DoD", "Government",
        "Azure & Azure DevOps", "Microsoft Defender for Office 365 Microsoft Teams",
        "Office and Microsoft 365", "Azure Commercial",
      };
      static const char * const there[] = {
        "Azure DevOps Services", "Microsoft To-Do for Web", "Azure", "Microsoft Teams",
        "Microsoft Defender for Office 365", "Office 365", "Microsoft 365",
        "Office 365 GCC High", "Office 365 U.S. Government Defense",
        "Office 365 Security & Compliance Center", "Office 365 Cloud App Security",
      };

      for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
        if (has_service_named (im, gone[i]))
          g_error ("“%s” is still a service", gone[i]);
      for (guint i = 0; i < G_N_ELEMENTS (there); i++)
        if (!has_service_named (im, there[i]))
          g_error ("no service “%s”", there[i]);
      /* The GLBA GCC row ran two names together: both are in that scope. */
      g_assert_nonnull (g_hash_table_lookup (im->matrix->cell_index, "glba/glba-gcc\x1fmicrosoft-teams"));
      g_assert_nonnull (g_hash_table_lookup (im->matrix->cell_index,
                                             "glba/glba-gcc\x1fmicrosoft-defender-for-office-365"));
    }

  /* Issue 19: the near duplicates left after issue 18, with every folder in. */
  if (*folder == '\0')
    {
      static const char * const gone[] = {
        "Office Service Infrastructure", "Microsoft Booking", "Office Pro Plus", "Office Delve",
        "harePoint Online", "OneDrive for Business and SharePoint Online",
      };
      static const char * const there[] = {
        "Office Services Infrastructure", "Bookings", "Office 365 ProPlus", "Delve",
        "SharePoint Online", "OneDrive for Business",
      };

      for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
        if (has_service_named (im, gone[i]))
          g_error ("“%s” is still a service", gone[i]);
      for (guint i = 0; i < G_N_ELEMENTS (there); i++)
        if (!has_service_named (im, there[i]))
          g_error ("no service “%s”", there[i]);
      /* The FERPA GCC row's "harePoint Online" (the page's typo) is SharePoint
       * Online; the PCI DSS page's "OneDrive for Business and SharePoint Online"
       * is both. */
      g_assert_nonnull (g_hash_table_lookup (im->matrix->cell_index, "ferpa/ferpa-gcc\x1fsharepoint-online"));
      g_assert_nonnull (g_hash_table_lookup (im->matrix->cell_index, "pci-dss/pci-dss\x1fonedrive-for-business"));
      g_assert_nonnull (g_hash_table_lookup (im->matrix->cell_index, "pci-dss/pci-dss\x1fsharepoint-online"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/service-corpus/en-US-2020", "en-US-2020", test_folder);
  g_test_add_data_func ("/service-corpus/en-US-2023", "en-US-2023", test_folder);
  g_test_add_data_func ("/service-corpus/fr-FR", "fr-FR", test_folder);
  g_test_add_data_func ("/service-corpus/zh-TW", "zh-TW", test_folder);
  g_test_add_data_func ("/service-corpus/all", "", test_folder);

  return g_test_run ();
}
