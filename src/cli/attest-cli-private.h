/* attest-cli-private.h: what every attest-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "attest-matrix.h"
#include "attest-workspace.h"

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

G_END_DECLS
