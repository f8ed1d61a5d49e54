/* test-export-oscal.c: attest-cli export oscal OUT.json, read back with json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace: the seeds, then (through the store) two required scopes
 * (SOC 2, ISO/IEC 27001), four of My services whose SOC 2 cells are each in
 * another gap state, evidence files and an annotation.
 *
 * `test-export-oscal --sample OUT.json` writes the same export and exits:
 * tests/data/validate-oscal.py validates it against NIST's schema.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "attest-expiry.h"
#include "attest-oscal.h"
#include "attest-test-workspace.h"
#include "attest-test-generate.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-catalog.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"
#include "attest-workspace-required.h"
#include "cli-runner.h"

#define ANNOTATION_TEXT "Qualified opinion on CC6.1"
#define NS "https://github.com/attest/attest/ns/oscal"

typedef struct {
  char *dir;
  char *ws;
  char *pdf_sha;       /* Intune × SOC 2, item 1; annotated */
  char *stream_sha;    /* Stream × SOC 2, item 1 */
  char *expiring_sha;  /* Dynamics 365 × SOC 2, item 1, expiring in 10 days */
  char *out;
} Fixture;

static GPtrArray *
checklist (AttestWorkspace *ws,
           const char      *scope_id,
           const char      *service_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = attest_workspace_get_checklist (ws, scope_id, service_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, >, 0);
  return items;
}

static char *
attach (AttestWorkspace *ws,
        gint64           item,
        const char      *name,
        GBytes          *bytes,
        const char      *mime,
        const char      *expires)
{
  g_autoptr(GError) error = NULL;
  char *sha = NULL;

  g_assert_true (attest_workspace_attach_evidence (ws, item, name, bytes, mime, "2019-07-01", expires,
                                                   -1, NULL, &sha, &error));
  g_assert_no_error (error);
  return sha;
}

static void
satisfy_all (AttestWorkspace *ws,
             const char      *scope_id,
             const char      *service_id)
{
  g_autoptr(GPtrArray) items = checklist (ws, scope_id, service_id);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      g_assert_true (attest_workspace_update_item (ws, ((AttestChecklistItem *) items->pdata[i])->id,
                                                   "satisfied", "", NULL, &error));
      g_assert_no_error (error);
    }
}

static void
require (AttestWorkspace *ws,
         const char      *scope_id)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  g_assert_true (attest_workspace_set_required_scope (ws, scope_id, TRUE, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
}

static void
mine (AttestWorkspace *ws,
      const char      *service_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_workspace_set_my_service (ws, service_id, TRUE, &error));
  g_assert_no_error (error);
}

/* The workspace in @dir/audit.attest. */
static void
make_workspace (Fixture *f)
{
  g_autofree char *seeds = g_build_filename (g_getenv ("ATTEST_DATADIR"), "offerings", NULL);
  g_autoptr(AttestWorkspace) ws = NULL;
  g_autoptr(GBytes) pdf = attest_test_generate_pdf (41);
  g_autoptr(GBytes) stream = g_bytes_new_static ("stream soc 2 report\n", 20);
  g_autoptr(GBytes) expiring = g_bytes_new_static ("dynamics bridge letter\n", 23);
  g_autoptr(AttestAnnotation) annotation = attest_annotation_new (ATTEST_ANNOTATION_RECTANGLE);
  g_autoptr(GPtrArray) intune = NULL;
  g_autoptr(GPtrArray) dynamics = NULL;
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 10);
  g_autofree char *soon_date = g_date_time_format (soon, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  AttestRect rect = { 72, 72, 300, 140 };
  g_auto(Run) r = { 0 };

  f->ws = g_build_filename (f->dir, "audit.attest", NULL);
  run_cli (&r, "--workspace", f->ws, "import", seeds);
  g_assert_cmpint (r.status, ==, 0);

  ws = attest_workspace_open (f->ws, &error);
  g_assert_no_error (error);
  require (ws, "soc/soc-2");
  require (ws, "iso-27001/iso-27001");
  mine (ws, "intune");
  mine (ws, "stream");
  mine (ws, "dynamics-365");
  mine (ws, "azure-health-bot");

  /* Intune × SOC 2: an exception, so open; the PDF and its annotation. */
  intune = checklist (ws, "soc/soc-2", "intune");
  f->pdf_sha = attach (ws, ((AttestChecklistItem *) intune->pdata[0])->id, "soc2-report.pdf", pdf,
                       "application/pdf", "2099-06-30");
  g_assert_true (attest_workspace_update_item (ws, ((AttestChecklistItem *) intune->pdata[0])->id,
                                               "exception", "Ana", NULL, &error));
  g_assert_no_error (error);
  annotation->sha256 = g_strdup (f->pdf_sha);
  annotation->page = 1;
  g_array_append_val (annotation->rects, rect);
  annotation->text = g_strdup (ANNOTATION_TEXT);
  attest_annotation_add_item (annotation, ((AttestChecklistItem *) intune->pdata[0])->id);
  g_assert_true (attest_workspace_add_annotation (ws, annotation, &error));
  g_assert_no_error (error);

  /* Stream × SOC 2: every item satisfied, evidence far from expiry: ready. */
  satisfy_all (ws, "soc/soc-2", "stream");
  streams = checklist (ws, "soc/soc-2", "stream");
  f->stream_sha = attach (ws, ((AttestChecklistItem *) streams->pdata[0])->id, "stream-soc2.txt", stream,
                          "text/plain", "2099-12-31");

  /* Dynamics 365 × SOC 2: satisfied, its evidence expires in 10 days. */
  satisfy_all (ws, "soc/soc-2", "dynamics-365");
  dynamics = checklist (ws, "soc/soc-2", "dynamics-365");
  f->expiring_sha = attach (ws, ((AttestChecklistItem *) dynamics->pdata[0])->id, "bridge-letter.txt", expiring,
                            "text/plain", soon_date);
  /* Azure Health Bot is not in SOC 2: not certified there. */
}

static void
export (Fixture *f)
{
  g_auto(Run) r = { 0 };

  g_free (f->out);
  f->out = g_build_filename (f->dir, "audit-oscal.json", NULL);
  run_cli (&r, "--workspace", f->ws, "--reviewer", "Test Reviewer", "export", "oscal", f->out);
  if (r.status != 0)
    g_printerr ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("attest-export-oscal-XXXXXX", NULL);
  make_workspace (f);
  export (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  attest_test_remove_tree (f->dir);
  g_free (f->ws);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->pdf_sha);
  g_free (f->stream_sha);
  g_free (f->expiring_sha);
}

/* The value of the prop @name (Attest's namespace) in @object's props, or NULL. */
static const char *
prop (JsonObject *object,
      const char *name)
{
  JsonArray *props;

  if (!json_object_has_member (object, "props"))
    return NULL;
  props = json_object_get_array_member (object, "props");
  for (guint i = 0; i < json_array_get_length (props); i++)
    {
      JsonObject *p = json_array_get_object_element (props, i);

      if (g_str_equal (json_object_get_string_member (p, "name"), name)
          && g_strcmp0 (json_object_get_string_member_with_default (p, "ns", NULL), NS) == 0)
        return json_object_get_string_member (p, "value");
    }
  return NULL;
}

static JsonObject *
by_prop (JsonArray  *array,
         const char *name,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (prop (o, name), value) == 0)
        return o;
    }
  return NULL;
}

static JsonObject *
by_member (JsonArray  *array,
           const char *member,
           const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, member, NULL), value) == 0)
        return o;
    }
  return NULL;
}

static JsonObject *
read_export (Fixture    *f,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, f->out, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "assessment-results"));
  return json_object_get_object_member (root, "assessment-results");
}

static void
assert_finding (JsonObject *result,
                const char *service,
                const char *state)
{
  JsonArray *findings = json_object_get_array_member (result, "findings");
  JsonObject *finding = by_prop (findings, "service-id", service);
  JsonObject *target;

  if (finding == NULL)
    g_error ("no finding for %s", service);
  g_assert_cmpstr (prop (finding, "gap-state"), ==, state);
  target = json_object_get_object_member (finding, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "type"), ==, "objective-id");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (target, "status"), "state"),
                   ==, g_str_equal (state, "ready") ? "satisfied" : "not-satisfied");
}

/* The findings of the related observations of @finding name @sha256 through
 * an evidence observation. */
static gboolean
finding_cites (JsonObject *result,
               JsonObject *finding,
               const char *sha256)
{
  JsonArray *observations = json_object_get_array_member (result, "observations");
  JsonArray *related;

  if (!json_object_has_member (finding, "related-observations"))
    return FALSE;
  related = json_object_get_array_member (finding, "related-observations");
  for (guint i = 0; i < json_array_get_length (related); i++)
    {
      const char *uuid = json_object_get_string_member (json_array_get_object_element (related, i), "observation-uuid");
      JsonObject *observation = by_member (observations, "uuid", uuid);

      g_assert_nonnull (observation);
      if (g_strcmp0 (prop (observation, "sha256"), sha256) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
fingerprint_of (Fixture *f)
{
  g_auto(Run) r = { 0 };

  run_cli (&r, "--workspace", f->ws, "verify", "--fingerprint");
  g_assert_cmpint (r.status, ==, 0);
  return g_strdup (g_strstrip (r.out));
}

/* One result per required scope, one finding per My service in each, with
 * the state the gap report gives. */
static void
test_results_and_findings (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *ar = read_export (f, parser);
  JsonArray *results = json_object_get_array_member (ar, "results");
  JsonObject *soc2 = by_prop (results, "scope-id", "soc/soc-2");
  JsonObject *iso = by_prop (results, "scope-id", "iso-27001/iso-27001");
  JsonArray *findings;

  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_nonnull (soc2);
  g_assert_nonnull (iso);
  g_assert_cmpstr (json_object_get_string_member (soc2, "title"), ==, "SOC 2");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (soc2, "findings")), ==, 4);
  assert_finding (soc2, "intune", "open");
  assert_finding (soc2, "stream", "ready");
  assert_finding (soc2, "dynamics-365", "evidence-expiring");
  assert_finding (soc2, "azure-health-bot", "not-certified");

  /* ISO/IEC 27001 covers all four; no checklist was opened there. */
  findings = json_object_get_array_member (iso, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 4);
  assert_finding (iso, "intune", "open");
  assert_finding (iso, "stream", "open");
  assert_finding (iso, "dynamics-365", "open");
  assert_finding (iso, "azure-health-bot", "open");
  /* No evidence serves an ISO cell. */
  g_assert_false (json_object_has_member (iso, "observations"));

  /* The finding names the scope and the service as a token target. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     by_prop (json_object_get_array_member (soc2, "findings"), "service-id", "intune"), "target"),
                     "target-id"), ==, "soc.soc-2.intune");
}

/* Every evidence file in the back-matter with its SHA-256 as an rlink hash;
 * the observations point at them; the annotation with its page and text;
 * the reviewer and the fingerprint in the metadata. */
static void
test_evidence_and_metadata (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *ar = read_export (f, parser);
  JsonObject *metadata = json_object_get_object_member (ar, "metadata");
  JsonArray *resources = json_object_get_array_member (json_object_get_object_member (ar, "back-matter"), "resources");
  JsonObject *soc2 = by_prop (json_object_get_array_member (ar, "results"), "scope-id", "soc/soc-2");
  JsonArray *findings = json_object_get_array_member (soc2, "findings");
  JsonArray *observations = json_object_get_array_member (soc2, "observations");
  g_autofree char *fingerprint = fingerprint_of (f);
  const char *shas[] = { f->pdf_sha, f->stream_sha, f->expiring_sha };
  const char *import_href;
  JsonObject *party, *annotation = NULL;

  g_assert_cmpstr (json_object_get_string_member (metadata, "oscal-version"), ==, "1.1.2");
  g_assert_cmpstr (prop (metadata, "workspace-fingerprint"), ==, fingerprint);
  g_assert_nonnull (strstr (json_object_get_string_member (metadata, "remarks"), fingerprint));
  party = json_array_get_object_element (json_object_get_array_member (metadata, "parties"), 0);
  g_assert_cmpstr (json_object_get_string_member (party, "name"), ==, "Test Reviewer");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_array_get_object_element (json_object_get_array_member (metadata, "responsible-parties"), 0),
                     "party-uuids"), 0), ==, json_object_get_string_member (party, "uuid"));

  /* import-ap: a local reference to a back-matter resource. */
  import_href = json_object_get_string_member (json_object_get_object_member (ar, "import-ap"), "href");
  g_assert_true (import_href[0] == '#');
  g_assert_nonnull (by_member (resources, "uuid", import_href + 1));

  for (guint i = 0; i < G_N_ELEMENTS (shas); i++)
    {
      JsonObject *observation = by_prop (observations, "sha256", shas[i]);
      JsonObject *evidence, *resource = NULL, *rlink, *hash;
      const char *href;

      g_assert_nonnull (observation);
      evidence = json_array_get_object_element (json_object_get_array_member (observation, "relevant-evidence"), 0);
      href = json_object_get_string_member (evidence, "href");
      g_assert_true (href[0] == '#');
      resource = by_member (resources, "uuid", href + 1);
      g_assert_nonnull (resource);
      rlink = json_array_get_object_element (json_object_get_array_member (resource, "rlinks"), 0);
      hash = json_array_get_object_element (json_object_get_array_member (rlink, "hashes"), 0);
      g_assert_cmpstr (json_object_get_string_member (hash, "algorithm"), ==, "SHA-256");
      g_assert_cmpstr (json_object_get_string_member (hash, "value"), ==, shas[i]);
    }
  g_assert_true (finding_cites (soc2, by_prop (findings, "service-id", "intune"), f->pdf_sha));
  g_assert_true (finding_cites (soc2, by_prop (findings, "service-id", "stream"), f->stream_sha));
  g_assert_false (finding_cites (soc2, by_prop (findings, "service-id", "stream"), f->pdf_sha));
  g_assert_true (finding_cites (soc2, by_prop (findings, "service-id", "dynamics-365"), f->expiring_sha));

  for (guint i = 0; i < json_array_get_length (observations); i++)
    if (prop (json_array_get_object_element (observations, i), "annotation-id") != NULL)
      annotation = json_array_get_object_element (observations, i);
  g_assert_nonnull (annotation);
  g_assert_cmpstr (json_object_get_string_member (annotation, "description"), ==, ANNOTATION_TEXT);
  /* Stored from 0, shown from 1. */
  g_assert_cmpstr (prop (annotation, "page"), ==, "2");
}

/* The same workspace exports the same UUIDs; and no required scope is a
 * clear failure that writes nothing. */
static void
test_stable_and_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *empty_ws = g_build_filename (f->dir, "empty.attest", NULL);
  g_autofree char *empty_out = g_build_filename (f->dir, "empty.json", NULL);
  g_autoptr(GRegex) time = g_regex_new ("\"(last-modified|start|collected)\" : \"[^\"]*\"", 0, 0, NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_auto(Run) r = { 0 };
  g_auto(Run) e = { 0 };

  g_assert_true (g_file_get_contents (f->out, &first, NULL, NULL));
  export (f);
  g_assert_true (g_file_get_contents (f->out, &second, NULL, NULL));
  a = g_regex_replace_literal (time, first, -1, 0, "TIME", 0, NULL);
  b = g_regex_replace_literal (time, second, -1, 0, "TIME", 0, NULL);
  g_assert_cmpstr (a, ==, b);

  run_cli (&r, "--workspace", empty_ws, "export", "oscal", empty_out);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "required"));
  g_assert_false (g_file_test (empty_out, G_FILE_TEST_EXISTS));

  run_cli (&e, "--workspace", f->ws, "export", "oscal", "out.xml");
  g_assert_cmpint (e.status, ==, 2);
}

/* OSCAL's UUID and token patterns (its schema's UUIDDatatype and
 * TokenDatatype), every UUID defined once, every "#UUID" reference defined. */
#define UUID_PATTERN "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$"
#define TOKEN_PATTERN "^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$"

typedef struct {
  GRegex *uuid;
  GRegex *token;
  GHashTable *defined;     /* uuid */
  GPtrArray *referenced;   /* uuid: hrefs "#…", *-uuid(s) members */
  guint n_tokens;
} Identifiers;

static void
walk (Identifiers *ids,
      const char  *member,
      JsonNode    *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      /* A prop's name is a token; a party's is not. */
      if (g_str_equal (member, "props"))
        {
          const char *name = json_object_get_string_member (object, "name");

          if (!g_regex_match (ids->token, name, 0, NULL))
            g_error ("prop name “%s” is not an OSCAL token", name);
          ids->n_tokens++;
        }
      for (GList *l = members; l != NULL; l = l->next)
        walk (ids, l->data, json_object_get_member (object, l->data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (ids, member, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *value = json_node_get_string (node);

      if (g_str_equal (member, "uuid"))
        {
          if (!g_regex_match (ids->uuid, value, 0, NULL))
            g_error ("uuid “%s” is not an OSCAL UUID", value);
          if (!g_hash_table_add (ids->defined, g_strdup (value)))
            g_error ("uuid %s is defined twice", value);
        }
      else if (g_str_has_suffix (member, "-uuid") || g_str_has_suffix (member, "-uuids"))
        {
          if (!g_regex_match (ids->uuid, value, 0, NULL))
            g_error ("%s “%s” is not an OSCAL UUID", member, value);
          g_ptr_array_add (ids->referenced, g_strdup (value));
        }
      else if (g_str_equal (member, "href") && value[0] == '#')
        g_ptr_array_add (ids->referenced, g_strdup (value + 1));
      else if (g_str_equal (member, "target-id") || g_str_equal (member, "control-id")
               || g_str_equal (member, "role-id"))
        {
          if (!g_regex_match (ids->token, value, 0, NULL))
            g_error ("%s “%s” is not an OSCAL token", member, value);
          ids->n_tokens++;
        }
    }
}

static void
test_identifiers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Identifiers ids = {
    g_regex_new (UUID_PATTERN, 0, 0, NULL),
    g_regex_new (TOKEN_PATTERN, 0, 0, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_ptr_array_new_with_free_func (g_free),
    0,
  };
  g_autofree char *token = NULL;

  read_export (f, parser);
  g_assert_nonnull (ids.uuid);
  g_assert_nonnull (ids.token);
  /* The patterns themselves: one good and one bad value each. */
  g_assert_true (g_regex_match (ids.uuid, "0fc8cf5e-e304-5364-a7f9-b3907ed5d627", 0, NULL));
  g_assert_false (g_regex_match (ids.uuid, "0fc8cf5e-e304-3364-a7f9-b3907ed5d627", 0, NULL));
  g_assert_true (g_regex_match (ids.token, "é.soc-2_x", 0, NULL));
  g_assert_false (g_regex_match (ids.token, "soc/soc-2", 0, NULL));

  walk (&ids, "", json_parser_get_root (parser));
  g_assert_cmpuint (g_hash_table_size (ids.defined), >, 10);
  g_assert_cmpuint (ids.referenced->len, >, 5);
  g_assert_cmpuint (ids.n_tokens, >, 10);
  for (guint i = 0; i < ids.referenced->len; i++)
    if (!g_hash_table_contains (ids.defined, ids.referenced->pdata[i]))
      g_error ("%s is referenced, never defined", (char *) ids.referenced->pdata[i]);

  /* Ids a token cannot hold as they are. */
  token = attest_oscal_token ("2023/soc:ÉTÉ x");
  g_assert_cmpstr (token, ==, "_2023.soc.ÉTÉ_x");
  g_assert_true (g_regex_match (ids.token, token, 0, NULL));

  g_regex_unref (ids.uuid);
  g_regex_unref (ids.token);
  g_hash_table_unref (ids.defined);
  g_ptr_array_unref (ids.referenced);
}

static int
write_sample (const char *out)
{
  Fixture f = { 0 };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  f.dir = g_dir_make_tmp ("attest-oscal-sample-XXXXXX", NULL);
  make_workspace (&f);
  export (&f);
  if (!g_file_get_contents (f.out, &text, NULL, &error) || !g_file_set_contents (out, text, -1, &error))
    g_error ("%s", error->message);
  fixture_tear_down (&f, NULL);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--sample"))
    return write_sample (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-oscal/results-and-findings", Fixture, NULL,
              fixture_set_up, test_results_and_findings, fixture_tear_down);
  g_test_add ("/export-oscal/evidence-and-metadata", Fixture, NULL,
              fixture_set_up, test_evidence_and_metadata, fixture_tear_down);
  g_test_add ("/export-oscal/identifiers", Fixture, NULL,
              fixture_set_up, test_identifiers, fixture_tear_down);
  g_test_add ("/export-oscal/stable-and-empty", Fixture, NULL,
              fixture_set_up, test_stable_and_empty, fixture_tear_down);
  return g_test_run ();
}
