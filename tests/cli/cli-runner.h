/* cli-runner.h: run attest-cli from a test and collect what it said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <grp.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs attest-cli ($ATTEST_CLI) with the NULL-terminated argument vector, in
 * @language ("en", "fr", "zh_TW"): @input (nullable) on its standard input,
 * else this process's; @child_setup (nullable) run in the child before
 * attest-cli starts. What it prints must be UTF-8. */
static inline void
run_cli_lang_full (Run                  *r,
                   const char           *language,
                   GBytes               *input,
                   GSpawnChildSetupFunc  child_setup,
                   const char * const   *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                       (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE :
                                                                                        G_SUBPROCESS_FLAGS_STDIN_INHERIT));
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  run_clear (r);
  g_ptr_array_add (argv, (gpointer)g_getenv ("ATTEST_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  r->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  r->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  g_assert_true (g_utf8_validate (g_bytes_get_data (out, NULL), g_bytes_get_size (out), NULL));
  g_assert_true (g_utf8_validate (g_bytes_get_data (err, NULL), g_bytes_get_size (err), NULL));
  r->status = g_subprocess_get_exit_status (proc);
}

/* Runs attest-cli in English, as run_cli_lang_full(). */
static inline void
run_cli_full (Run                  *r,
              GBytes               *input,
              GSpawnChildSetupFunc  child_setup,
              const char * const   *args)
{
  run_cli_lang_full (r, "en", input, child_setup, args);
}

/* Runs attest-cli with the NULL-terminated argument vector in @language. */
static inline void
run_cliv_in (Run                *r,
             const char         *language,
             const char * const *args)
{
  run_cli_lang_full (r, language, NULL, NULL, args);
}

/* Runs attest-cli with the NULL-terminated argument vector, in English. */
static inline void
run_cliv (Run               *r,
          const char * const *args)
{
  run_cliv_in (r, "en", args);
}

#define run_cli(r, ...) G_STMT_START {                                  \
    const char *_args[] = { __VA_ARGS__, NULL };                         \
    run_cliv ((r), _args);                                               \
  } G_STMT_END

#define run_cli_in(r, language, ...) G_STMT_START {                     \
    const char *_args[] = { __VA_ARGS__, NULL };                         \
    run_cliv_in ((r), (language), _args);                                \
  } G_STMT_END

/* Writes @text to @dir/@name, making @dir. */
static inline void
cli_write_page (const char *dir,
                const char *name,
                const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* @text, a JSON object (what a --format json command printed), parsed by
 * @parser, which keeps it. */
static inline JsonObject *
cli_parse_json (const char *text,
                JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* `matrix --format json` of the workspace @ws, parsed by @parser. */
static inline JsonObject *
cli_matrix_json (const char *ws,
                 JsonParser *parser)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", ws, "matrix", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  return cli_parse_json (r.out, parser);
}

/* @text without its white space: a PDF's text breaks lines anywhere. */
static inline char *
cli_squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A child setup for run_cli_full(): attest-cli runs as "nobody", whom file
 * modes stop (they do not stop root). */
static inline void
cli_become_nobody (gpointer data)
{
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (97);
}
