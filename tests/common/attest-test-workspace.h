/* attest-test-workspace.h: a workspace of its own for each test, seeded with the bundled offerings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attest-workspace.h"

G_BEGIN_DECLS

AttestWorkspace *attest_test_workspace_new    (const char       *prefix,
                                               const char       *reviewer,
                                               char            **dir,
                                               char            **path);
guint            attest_test_import_bundled   (AttestWorkspace  *ws,
                                               const char       *page);
void             attest_test_workspace_delete (AttestWorkspace **ws,
                                               char            **dir,
                                               char            **path);
void             attest_test_remove_tree      (const char       *path);
void             attest_test_workspace_copy   (const char       *from,
                                               const char       *to);

/* Makes a workspace at @path (which does not exist yet); asserts what it does. */
typedef void (*AttestTestBuildFunc) (const char *path,
                                     gpointer    user_data);

void             attest_test_workspace_from_template (const char          *name,
                                                      AttestTestBuildFunc  build,
                                                      gpointer             user_data,
                                                      const char          *path);
GPtrArray       *attest_test_stored_checklist (AttestWorkspace  *ws,
                                               const char       *scope_id,
                                               const char       *service_id,
                                               GError          **error);

void             attest_test_assert_search_index (AttestWorkspace *ws);

/* A test's own workspace, for g_test_add (): a setup below, then
 * attest_test_fixture_teardown(). */
typedef struct {
  char *dir;
  char *path;
  AttestWorkspace *ws;
} AttestTestFixture;

void             attest_test_fixture_empty    (AttestTestFixture *f,
                                               gconstpointer      data);
void             attest_test_fixture_seeded   (AttestTestFixture *f,
                                               gconstpointer      data);
void             attest_test_fixture_teardown (AttestTestFixture *f,
                                               gconstpointer      data);

G_END_DECLS
