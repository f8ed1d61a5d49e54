/* attest-test-home.c: a private home for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-test-home.h"

/**
 * attest_test_use_private_home:
 *
 * Points HOME and the XDG data, config and cache dirs at a new temporary
 * directory, once per test run ($ATTEST_TEST_HOME tells subprocesses it is
 * done). Not G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS, and with it
 * the MIME database GTK needs to load SVG icons.
 */
#ifdef __SANITIZE_ADDRESS__
#include <link.h>

/* The sanitizer's allocator interface (its header is not installed here). */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);

/* GLib keeps the strings of its quarks in a table of 2048; when a process
 * interns its 2049th, GLib copies the table to a bigger block and leaves
 * the first unreferenced, on purpose, so readers need no lock (gquark.c:
 * "This leaks the old quarks array"). A GTK test passes 2048 soon, and
 * LeakSanitizer then reports a 16 KiB block that no suppression can name
 * (GLib has no frame pointers: the stack stops at g_malloc). The first
 * table is found here, while it is the table, and kept: GLib's leak, not
 * ours, is all this hides. */
static gpointer glib_first_quark_table;

static int
find_quark_table (struct dl_phdr_info *info,
                  size_t               size,
                  void                *data)
{
  const char * const *first = data;

  if (strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;
  for (int i = 0; i < info->dlpi_phnum && glib_first_quark_table == NULL; i++)
    {
      const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
      gpointer *words = (gpointer *) (info->dlpi_addr + ph->p_vaddr);

      if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
        continue;
      for (gsize k = 0; k < ph->p_memsz / sizeof (gpointer); k++)
        {
          const char * const *table = words[k];

          /* Only a live block of the allocator is read, and only the table's size. */
          if (table == NULL || !__sanitizer_get_ownership (table) ||
              __sanitizer_get_allocated_size (table) < 3 * sizeof (gpointer))
            continue;
          if (table[1] == first[0] && table[2] == first[1])
            {
              glib_first_quark_table = (gpointer) table;
              break;
            }
        }
    }
  return glib_first_quark_table != NULL;
}

static void
keep_glib_quark_table (void)
{
  const char *first[2];

  if (glib_first_quark_table != NULL)
    return;
  /* Quarks 1 and 2 exist in any process past GLib's start. */
  first[0] = g_quark_to_string (1);
  first[1] = g_quark_to_string (2);
  if (first[0] != NULL && first[1] != NULL)
    dl_iterate_phdr (find_quark_table, first);
}
#endif

void
attest_test_use_private_home (void)
{
  g_autofree char *home = NULL;

#ifdef __SANITIZE_ADDRESS__
  keep_glib_quark_table ();
#endif

  if (g_getenv ("ATTEST_TEST_HOME") != NULL)
    return;
  home = g_dir_make_tmp ("attest-gui-home-XXXXXX", NULL);
  g_setenv ("ATTEST_TEST_HOME", home, TRUE);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);
      g_setenv (vars[i], dir, TRUE);
    }
}
