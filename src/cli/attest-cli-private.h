/* attest-cli-private.h: what every attest-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "attest-matrix.h"
#include "attest-workspace.h"
#include "attest-workspace-checklist.h"

G_BEGIN_DECLS

typedef struct {
  char *workspace_path;
  char *reviewer;
  AttestWorkspace *workspace;
} AttestCliContext;

/* Exit codes of the command-line contract (DESIGN.md). */
enum {
  ATTEST_CLI_OK = 0,
  ATTEST_CLI_FAILED = 1,
  ATTEST_CLI_USAGE = 2,
};

gboolean _attest_cli_open_workspace (AttestCliContext  *ctx);
gboolean _attest_cli_parse          (const char        *usage,
                                     GOptionEntry      *entries,
                                     int               *argc,
                                     char            ***argv);
gboolean _attest_cli_check_format   (const char        *format,
                                     const char       **allowed);
void     _attest_cli_print_json     (JsonBuilder       *builder);
int      _attest_cli_store_error_status (const GError *error);
AttestMatrix *_attest_cli_load_matrix (AttestCliContext *ctx);
int      _attest_cli_prepare_listing (AttestCliContext  *ctx,
                                      const char        *usage,
                                      GOptionEntry      *entries,
                                      int               *argc,
                                      char            ***argv,
                                      char             **format,
                                      const char       **formats);

/* The TARGET options of the contract (DESIGN.md): an item, a cell, a
 * framework (section), a service or an evidence file. */
typedef struct {
  char *framework;
  char *section;
  char *scope;
  char *service;
  char *evidence;
  int item;
} AttestCliTarget;

void _attest_cli_target_clear (AttestCliTarget *t);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AttestCliTarget, _attest_cli_target_clear)

/* The options naming one checklist item. */
#define ATTEST_CLI_ITEM_ENTRIES(t)                                                \
  { "framework", 0, 0, G_OPTION_ARG_STRING, &(t).framework, NULL, NULL },         \
  { "scope", 0, 0, G_OPTION_ARG_STRING, &(t).scope, NULL, NULL },                 \
  { "service", 0, 0, G_OPTION_ARG_STRING, &(t).service, NULL, NULL },             \
  { "item", 0, 0, G_OPTION_ARG_INT, &(t).item, NULL, NULL }

/* All of TARGET. */
#define ATTEST_CLI_TARGET_ENTRIES(t)                                              \
  ATTEST_CLI_ITEM_ENTRIES (t),                                                    \
  { "section", 0, 0, G_OPTION_ARG_STRING, &(t).section, NULL, NULL },             \
  { "evidence", 0, 0, G_OPTION_ARG_STRING, &(t).evidence, NULL, NULL }

gboolean _attest_cli_target_names_item (const AttestCliTarget *t);
gboolean _attest_cli_find_item      (AttestCliContext       *ctx,
                                     const char             *scope_id,
                                     const char             *service_id,
                                     int                     n,
                                     AttestChecklistItem   **out,
                                     GError                **error);
gint64   _attest_cli_resolve_item   (AttestCliContext       *ctx,
                                     const AttestCliTarget  *t,
                                     GError                **error);
int      _attest_cli_report         (const GError           *error);

/* One subcommand of a command group. */
typedef struct {
  const char *name;
  int (*run) (AttestCliContext *ctx, int argc, char **argv);
} AttestCliCommand;

int      _attest_cli_dispatch       (AttestCliContext        *ctx,
                                     const char              *group,
                                     const AttestCliCommand  *commands,
                                     int                      argc,
                                     char                   **argv);

int _attest_cli_frameworks (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_services   (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_matrix     (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_import     (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_show       (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_search     (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_note       (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_checklist  (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_history    (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_verify     (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_evidence   (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_annotation (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_export     (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_link       (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_versions   (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_version    (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_mine       (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_required   (AttestCliContext *ctx, int argc, char **argv);
int _attest_cli_gap        (AttestCliContext *ctx, int argc, char **argv);

G_END_DECLS
