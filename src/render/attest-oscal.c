/* attest-oscal.c: the gap report as NIST OSCAL 1.1 assessment-results JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What goes where (OSCAL 1.1.2, tests/data/oscal/README.md):
 * - metadata: title, last-modified, version (the fingerprint), oscal-version,
 *   the reviewer as a party in the "assessor" role, the workspace and its
 *   fingerprint (the head of the history chain) as props and in remarks;
 * - import-ap: the schema requires one; Attest has no separate assessment
 *   plan (the required scopes are the plan), so it points at a back-matter
 *   resource, "#UUID", that says so;
 * - one result per required scope, with one finding per My service: the
 *   target's status satisfied (ready) or not-satisfied (any other state),
 *   the exact gap state as the prop "gap-state";
 * - observations in a result: each evidence file serving one of its cells,
 *   each annotation on those files, each annotation on the scope's
 *   framework's pages; relevant-evidence points at the file's back-matter
 *   resource, whose rlink carries the SHA-256 as a hash (OSCAL keeps hashes
 *   on rlinks, not on links);
 * - back-matter: every evidence file of the workspace, href "nih:sha-256;HEX"
 *   (RFC 6920: the file named by its hash, as `attest-cli evidence export`
 *   finds it).
 * UUIDs are version 5, from stable ids (scope, service, SHA-256, annotation
 * id): the same workspace state exports the same UUIDs. The document's own
 * UUID comes from the fingerprint, so each state of the workspace is its own
 * document.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "attest-gap.h"
#include "attest-oscal.h"
#include "attest-store-error.h"
#include "attest-workspace-annotations.h"
#include "attest-workspace-checklist.h"
#include "attest-workspace-evidence.h"

/* The namespace of Attest's version 5 UUIDs (a random version 4 UUID, fixed). */
static const guint8 attest_oscal_namespace[16] = {
  0x3b, 0x8e, 0x41, 0x0c, 0x5f, 0x2a, 0x4d, 0x71,
  0x9c, 0x06, 0xe2, 0x58, 0x1d, 0xa7, 0x93, 0xf4,
};

#define ROLE_ASSESSOR "assessor"

/**
 * attest_oscal_uuid_v5:
 * @name: a stable id
 *
 * Returns: (transfer full): the version 5 UUID of @name in Attest's
 *   namespace (RFC 9562), lower case
 */
char *
attest_oscal_uuid_v5 (const char *name)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (sha1, attest_oscal_namespace, sizeof attest_oscal_namespace);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static gboolean
token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return c == '.' || c == '-' || c == '_';
    }
}

/**
 * attest_oscal_token:
 * @text: an id ("soc/soc-2", "soc/soc-2:intune")
 *
 * OSCAL's token is a letter or "_", then letters, digits, ".", "-" and "_".
 *
 * Returns: (transfer full): @text as a token: "/" and ":" become ".", any
 *   other character a token cannot hold "_", and "_" goes in front when it
 *   does not start with a letter
 */
char *
attest_oscal_token (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '/' || c == ':')
        g_string_append_c (s, '.');
      else if (token_char (c))
        g_string_append_unichar (s, c);
      else
        g_string_append_c (s, '_');
    }
  if (s->len == 0 || !g_unichar_isalpha (g_utf8_get_char (s->str)))
    g_string_prepend_c (s, '_');
  return g_string_free (s, FALSE);
}

/* OSCAL's string (names, prop values): no leading, trailing or line-breaking
 * white space. Returns NULL when nothing is left. */
static char *
one_line (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x85 || c == 0x2028 || c == 0x2029)
        space = s->len > 0;
      else
        {
          if (space)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_unichar (s, c);
        }
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* A date-time as OSCAL takes it: UTC, seconds, "Z". */
static char *
utc_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* @iso (the store's attached_at), else @fallback. */
static char *
utc_time_of (const char *iso,
             GDateTime  *fallback)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return utc_time (time != NULL ? time : fallback);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

/* One prop of Attest's namespace; nothing when @value is empty. */
static void
add_prop (JsonBuilder *b,
          const char  *name,
          const char  *value)
{
  g_autofree char *line = one_line (value);

  if (line == NULL)
    return;
  json_builder_begin_object (b);
  add_string (b, "name", name);
  add_string (b, "ns", ATTEST_OSCAL_NS);
  add_string (b, "value", line);
  json_builder_end_object (b);
}

typedef struct {
  AttestOscalInfo info;
  char *now;
  char *party_uuid;        /* or NULL: no reviewer */
  AttestGapReport *report;
  GPtrArray *evidence;     /* AttestEvidence */
  GPtrArray *annotations;  /* AttestAnnotation */
  GHashTable *by_sha;      /* sha256 → AttestEvidence */
} Export;

static void
export_clear (Export *e)
{
  g_clear_pointer (&e->now, g_free);
  g_clear_pointer (&e->party_uuid, g_free);
  g_clear_pointer (&e->report, attest_gap_report_free);
  g_clear_pointer (&e->evidence, g_ptr_array_unref);
  g_clear_pointer (&e->annotations, g_ptr_array_unref);
  g_clear_pointer (&e->by_sha, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static char *
resource_uuid (const char *sha256)
{
  g_autofree char *name = g_strconcat ("resource:evidence:", sha256, NULL);

  return attest_oscal_uuid_v5 (name);
}

static char *
evidence_observation_uuid (const char *scope_id,
                           const char *sha256)
{
  g_autofree char *name = g_strconcat ("observation:evidence:", scope_id, ":", sha256, NULL);

  return attest_oscal_uuid_v5 (name);
}

static char *
annotation_observation_uuid (const char *scope_id,
                             gint64      id)
{
  g_autofree char *name = g_strdup_printf ("observation:annotation:%s:%" G_GINT64_FORMAT, scope_id, id);

  return attest_oscal_uuid_v5 (name);
}

/* Whether @evidence serves a checklist item of the cell @scope_id × @service_id
 * (its cells are "scope:service#N"). */
static gboolean
evidence_serves (const AttestEvidence *evidence,
                 const char           *scope_id,
                 const char           *service_id)
{
  g_autofree char *prefix = g_strconcat (scope_id, ":", service_id, "#", NULL);

  for (guint i = 0; evidence->cells != NULL && i < evidence->cells->len; i++)
    if (g_str_has_prefix (evidence->cells->pdata[i], prefix))
      return TRUE;
  return FALSE;
}

/* "soc" from "framework:soc#section-key", or NULL. */
static char *
section_framework (const char *section)
{
  const char *end;

  if (section == NULL || !g_str_has_prefix (section, "framework:"))
    return NULL;
  section += strlen ("framework:");
  end = strchr (section, '#');
  return end != NULL ? g_strndup (section, end - section) : g_strdup (section);
}

static void
add_origins (Export      *e,
             JsonBuilder *b)
{
  if (e->party_uuid == NULL)
    return;
  json_builder_set_member_name (b, "origins");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "actors");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "type", "party");
  add_string (b, "actor-uuid", e->party_uuid);
  add_string (b, "role-id", ROLE_ASSESSOR);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

static void
add_relevant_evidence (JsonBuilder          *b,
                       const AttestEvidence *evidence,
                       const char           *description)
{
  g_autofree char *resource = resource_uuid (evidence->sha256);
  g_autofree char *href = g_strconcat ("#", resource, NULL);

  json_builder_set_member_name (b, "relevant-evidence");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "href", href);
  add_string (b, "description", description);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

static void
add_evidence_observation (Export               *e,
                          JsonBuilder          *b,
                          const char           *scope_id,
                          const AttestEvidence *evidence)
{
  g_autofree char *uuid = evidence_observation_uuid (scope_id, evidence->sha256);
  g_autofree char *collected = utc_time_of (evidence->attached_at, e->info.now);
  /* Translators: an OSCAL observation: %s the file's name, %s its SHA-256 */
  g_autofree char *description = g_strdup_printf (_("Evidence file %s, SHA-256 %s"),
                                                  evidence->name, evidence->sha256);

  json_builder_begin_object (b);
  add_string (b, "uuid", uuid);
  add_string (b, "title", evidence->name);
  add_string (b, "description", description);
  json_builder_set_member_name (b, "props");
  json_builder_begin_array (b);
  add_prop (b, "sha256", evidence->sha256);
  add_prop (b, "effective", evidence->effective);
  add_prop (b, "expires", evidence->expires);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "methods");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "EXAMINE");
  json_builder_end_array (b);
  add_origins (e, b);
  add_relevant_evidence (b, evidence, description);
  add_string (b, "collected", collected);
  json_builder_end_object (b);
}

static void
add_annotation_observation (Export                 *e,
                            JsonBuilder            *b,
                            const char             *scope_id,
                            const AttestAnnotation *annotation)
{
  g_autofree char *uuid = annotation_observation_uuid (scope_id, annotation->id);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, annotation->id);
  const AttestEvidence *evidence = annotation->sha256 != NULL
    ? g_hash_table_lookup (e->by_sha, annotation->sha256) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *page = NULL;
  const char *text;

  if (evidence != NULL)
    {
      page = g_strdup_printf ("%u", annotation->page + 1);
      /* Translators: an OSCAL observation's title: %u a page number, %s an evidence file's name */
      title = g_strdup_printf (_("Annotation on page %u of %s"), annotation->page + 1, evidence->name);
    }
  else
    /* Translators: an OSCAL observation's title: %s "framework:ID#SECTION-KEY" */
    title = g_strdup_printf (_("Annotation on %s"), annotation->section != NULL ? annotation->section : "");
  text = annotation->text != NULL && annotation->text[0] != '\0' ? annotation->text : title;

  json_builder_begin_object (b);
  add_string (b, "uuid", uuid);
  add_string (b, "title", title);
  add_string (b, "description", text);
  json_builder_set_member_name (b, "props");
  json_builder_begin_array (b);
  add_prop (b, "annotation-id", id);
  add_prop (b, "annotation-kind", attest_annotation_kind_to_string (annotation->kind));
  add_prop (b, "page", page);
  add_prop (b, "section", annotation->section);
  add_prop (b, "quote", annotation->quote);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "methods");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "EXAMINE");
  json_builder_end_array (b);
  add_origins (e, b);
  if (evidence != NULL)
    add_relevant_evidence (b, evidence, title);
  add_string (b, "collected", e->now);
  json_builder_end_object (b);
}

static void
append_items (GString    *s,
              const char *label,
              GPtrArray  *items)
{
  if (items == NULL || items->len == 0)
    return;
  g_string_append_printf (s, "\n\n%s", label);
  for (guint i = 0; i < items->len; i++)
    {
      AttestGapItem *item = items->pdata[i];

      g_string_append_printf (s, "\n- %u. %s (%s", item->position,
                              attest_checklist_title_display (item->title), item->status);
      if (item->due != NULL)
        /* Translators: after a checklist item's status: its due date */
        g_string_append_printf (s, _(", due %s"), item->due);
      g_string_append_c (s, ')');
    }
}

static char *
finding_description (const AttestGapRow *row)
{
  GString *s = g_string_new (NULL);

  /* Translators: an OSCAL finding: %s the service, %s the scope, %s the gap state ("not certified") */
  g_string_append_printf (s, _("%s in %s: %s."), row->service_name, row->scope_name,
                          attest_gap_state_label (row->state));
  if (row->page_label != NULL)
    g_string_append_printf (s, "\n\n%s", row->page_label);
  if (row->covered_by != NULL && row->covered_by->len > 0)
    {
      g_string_append (s, "\n\n");
      /* Translators: before a list of scope ids */
      g_string_append (s, _("Covered by the required scopes:"));
      for (guint i = 0; i < row->covered_by->len; i++)
        g_string_append_printf (s, "%s%s", i == 0 ? " " : ", ", (char *) row->covered_by->pdata[i]);
    }
  append_items (s, _("Missing items:"), row->missing);
  append_items (s, _("Exceptions:"), row->exceptions);
  append_items (s, _("Overdue items:"), row->overdue);
  if (row->evidence != NULL && row->evidence->len > 0)
    {
      g_string_append_printf (s, "\n\n%s", _("Evidence expiring or expired:"));
      for (guint i = 0; i < row->evidence->len; i++)
        {
          AttestGapEvidence *ev = row->evidence->pdata[i];

          g_string_append (s, "\n- ");
          /* Translators: an evidence file's name and its expiry date */
          g_string_append_printf (s, _("%s (expires %s)"), ev->name, ev->expires);
        }
    }
  return g_string_free (s, FALSE);
}

static void
add_finding (Export             *e,
             JsonBuilder        *b,
             const AttestGapRow *row,
             GPtrArray          *related)
{
  g_autofree char *cell = g_strconcat (row->scope_id, ":", row->service_id, NULL);
  g_autofree char *uuid_name = g_strconcat ("finding:", cell, NULL);
  g_autofree char *uuid = attest_oscal_uuid_v5 (uuid_name);
  g_autofree char *target = attest_oscal_token (cell);
  g_autofree char *description = finding_description (row);
  /* Translators: an OSCAL finding's title: %s the service, %s the scope */
  g_autofree char *title = g_strdup_printf (_("%s in %s"), row->service_name, row->scope_name);
  const char *word = attest_gap_state_word (row->state);
  gboolean ready = row->state == ATTEST_GAP_READY;

  json_builder_begin_object (b);
  add_string (b, "uuid", uuid);
  add_string (b, "title", title);
  add_string (b, "description", description);
  json_builder_set_member_name (b, "props");
  json_builder_begin_array (b);
  add_prop (b, "gap-state", word);
  add_prop (b, "scope-id", row->scope_id);
  add_prop (b, "service-id", row->service_id);
  add_prop (b, "page", row->page_file);
  json_builder_end_array (b);
  add_origins (e, b);
  json_builder_set_member_name (b, "target");
  json_builder_begin_object (b);
  add_string (b, "type", "objective-id");
  add_string (b, "target-id", target);
  add_string (b, "title", title);
  json_builder_set_member_name (b, "props");
  json_builder_begin_array (b);
  add_prop (b, "gap-state", word);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "status");
  json_builder_begin_object (b);
  add_string (b, "state", ready ? "satisfied" : "not-satisfied");
  add_string (b, "reason", ready ? "pass" : "fail");
  json_builder_end_object (b);
  json_builder_end_object (b);
  if (related->len > 0)
    {
      json_builder_set_member_name (b, "related-observations");
      json_builder_begin_array (b);
      for (guint i = 0; i < related->len; i++)
        {
          json_builder_begin_object (b);
          add_string (b, "observation-uuid", related->pdata[i]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_result (Export               *e,
            JsonBuilder          *b,
            const AttestGapScope *scope)
{
  g_autofree char *uuid_name = g_strconcat ("result:", scope->scope_id, NULL);
  g_autofree char *uuid = attest_oscal_uuid_v5 (uuid_name);
  g_autofree char *control = attest_oscal_token (scope->scope_id);
  g_autofree char *summary = attest_gap_scope_summary (scope);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();          /* AttestGapRow of this scope */
  g_autoptr(GPtrArray) files = g_ptr_array_new ();         /* AttestEvidence serving them */
  g_autoptr(GPtrArray) marks = g_ptr_array_new ();         /* AttestAnnotation */
  g_autoptr(GHashTable) in_files = g_hash_table_new (g_str_hash, g_str_equal);
  /* Translators: in OSCAL, what was reviewed: %s a scope ("SOC 2") */
  g_autofree char *selection = g_strdup_printf (_("Certification under %s, for My services"), scope->scope_name);

  for (guint i = 0; i < e->report->rows->len; i++)
    {
      AttestGapRow *row = e->report->rows->pdata[i];

      if (g_str_equal (row->scope_id, scope->scope_id))
        g_ptr_array_add (rows, row);
    }
  for (guint i = 0; i < e->evidence->len; i++)
    {
      AttestEvidence *evidence = e->evidence->pdata[i];

      for (guint r = 0; r < rows->len; r++)
        if (evidence_serves (evidence, scope->scope_id, ((AttestGapRow *) rows->pdata[r])->service_id))
          {
            g_ptr_array_add (files, evidence);
            g_hash_table_add (in_files, evidence->sha256);
            break;
          }
    }
  for (guint i = 0; i < e->annotations->len; i++)
    {
      AttestAnnotation *annotation = e->annotations->pdata[i];
      g_autofree char *framework = section_framework (annotation->section);

      if ((annotation->sha256 != NULL && g_hash_table_contains (in_files, annotation->sha256))
          || (framework != NULL && g_str_equal (framework, scope->framework_id)))
        g_ptr_array_add (marks, annotation);
    }

  json_builder_begin_object (b);
  add_string (b, "uuid", uuid);
  add_string (b, "title", scope->scope_name);
  add_string (b, "description", summary);
  add_string (b, "start", e->now);
  json_builder_set_member_name (b, "props");
  json_builder_begin_array (b);
  add_prop (b, "scope-id", scope->scope_id);
  add_prop (b, "framework-id", scope->framework_id);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "reviewed-controls");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "control-selections");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "description", selection);
  json_builder_set_member_name (b, "include-controls");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "control-id", control);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (files->len + marks->len > 0)
    {
      json_builder_set_member_name (b, "observations");
      json_builder_begin_array (b);
      for (guint i = 0; i < files->len; i++)
        add_evidence_observation (e, b, scope->scope_id, files->pdata[i]);
      for (guint i = 0; i < marks->len; i++)
        add_annotation_observation (e, b, scope->scope_id, marks->pdata[i]);
      json_builder_end_array (b);
    }
  if (rows->len > 0)
    {
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (guint r = 0; r < rows->len; r++)
        {
          AttestGapRow *row = rows->pdata[r];
          g_autoptr(GPtrArray) related = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GHashTable) cell_files = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint i = 0; i < files->len; i++)
            {
              AttestEvidence *evidence = files->pdata[i];

              if (evidence_serves (evidence, row->scope_id, row->service_id))
                {
                  g_ptr_array_add (related, evidence_observation_uuid (scope->scope_id, evidence->sha256));
                  g_hash_table_add (cell_files, evidence->sha256);
                }
            }
          for (guint i = 0; i < marks->len; i++)
            {
              AttestAnnotation *annotation = marks->pdata[i];

              if (annotation->sha256 != NULL && g_hash_table_contains (cell_files, annotation->sha256))
                g_ptr_array_add (related, annotation_observation_uuid (scope->scope_id, annotation->id));
            }
          add_finding (e, b, row, related);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_metadata (Export      *e,
              JsonBuilder *b)
{
  g_autofree char *reviewer = one_line (e->info.reviewer);
  /* Translators: the OSCAL document's title: %s the workspace file's name */
  g_autofree char *title = g_strdup_printf (_("Gap report of %s"), e->info.workspace_name);
  /* Translators: %s the workspace fingerprint, 64 hexadecimal digits */
  g_autofree char *remarks = g_strdup_printf (_("Workspace fingerprint (the head of its history chain, as attest-cli verify --fingerprint prints it): %s"),
                                              e->info.fingerprint);

  json_builder_set_member_name (b, "metadata");
  json_builder_begin_object (b);
  add_string (b, "title", title);
  add_string (b, "last-modified", e->now);
  add_string (b, "version", e->info.fingerprint);
  add_string (b, "oscal-version", ATTEST_OSCAL_VERSION);
  json_builder_set_member_name (b, "props");
  json_builder_begin_array (b);
  add_prop (b, "workspace", e->info.workspace_name);
  add_prop (b, "workspace-fingerprint", e->info.fingerprint);
  add_prop (b, "today", e->report->today);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "id", ROLE_ASSESSOR);
  add_string (b, "title", _("Assessor"));
  json_builder_end_object (b);
  json_builder_end_array (b);
  if (reviewer != NULL)
    {
      g_autofree char *name = g_strconcat ("party:", reviewer, NULL);

      e->party_uuid = attest_oscal_uuid_v5 (name);
      json_builder_set_member_name (b, "parties");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "uuid", e->party_uuid);
      add_string (b, "type", "person");
      add_string (b, "name", reviewer);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "responsible-parties");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "role-id", ROLE_ASSESSOR);
      json_builder_set_member_name (b, "party-uuids");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, e->party_uuid);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  add_string (b, "remarks", remarks);
  json_builder_end_object (b);
}

static void
add_back_matter (Export      *e,
                 JsonBuilder *b,
                 const char  *plan_uuid)
{
  json_builder_set_member_name (b, "back-matter");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "resources");
  json_builder_begin_array (b);

  json_builder_begin_object (b);
  add_string (b, "uuid", plan_uuid);
  add_string (b, "title", _("Assessment plan"));
  add_string (b, "description",
              _("Attest keeps no separate assessment plan: the scopes the organisation requires and its services "
                "(My services) in the workspace are the plan."));
  json_builder_end_object (b);

  for (guint i = 0; i < e->evidence->len; i++)
    {
      AttestEvidence *evidence = e->evidence->pdata[i];
      g_autofree char *uuid = resource_uuid (evidence->sha256);
      g_autofree char *href = g_strconcat ("nih:sha-256;", evidence->sha256, NULL);
      g_autofree char *mime = one_line (evidence->mime);
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, evidence->size);

      json_builder_begin_object (b);
      add_string (b, "uuid", uuid);
      add_string (b, "title", evidence->name);
      json_builder_set_member_name (b, "props");
      json_builder_begin_array (b);
      add_prop (b, "size", size);
      add_prop (b, "attached", evidence->attached_at);
      add_prop (b, "effective", evidence->effective);
      add_prop (b, "expires", evidence->expires);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "rlinks");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "href", href);
      if (mime != NULL)
        add_string (b, "media-type", mime);
      json_builder_set_member_name (b, "hashes");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "algorithm", "SHA-256");
      add_string (b, "value", evidence->sha256);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * attest_oscal_export_assessment_results:
 * @workspace: the workspace
 * @info: its name, reviewer and fingerprint, and the time of the export
 * @error: where a store error goes, or %ATTEST_STORE_ERROR_INVALID when no
 *   scope is required (OSCAL wants at least one result)
 *
 * Returns: (transfer full): the gap report as an OSCAL 1.1 assessment-results
 *   document, JSON, ending in a new line; or %NULL with @error set
 */
char *
attest_oscal_export_assessment_results (AttestWorkspace        *workspace,
                                        const AttestOscalInfo  *info,
                                        GError                **error)
{
  g_auto(Export) e = { 0 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today = NULL;
  g_autofree char *doc_name = NULL;
  g_autofree char *doc_uuid = NULL;
  g_autofree char *plan_uuid = attest_oscal_uuid_v5 ("resource:assessment-plan");
  g_autofree char *plan_href = g_strconcat ("#", plan_uuid, NULL);
  char *text;

  g_return_val_if_fail (ATTEST_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (info != NULL && info->now != NULL && info->fingerprint != NULL, NULL);

  e.info = *info;
  e.now = utc_time (info->now);
  local = g_date_time_to_local (info->now);
  today = g_date_time_format (local, "%Y-%m-%d");
  e.report = attest_workspace_gap_report (workspace, today, error);
  if (e.report == NULL)
    return NULL;
  if (e.report->scopes->len == 0)
    {
      g_set_error (error, ATTEST_STORE_ERROR, ATTEST_STORE_ERROR_INVALID,
                   _("No scope is required: OSCAL assessment results need at least one (attest-cli required add SCOPE)"));
      return NULL;
    }
  e.evidence = attest_workspace_list_evidence (workspace, error);
  if (e.evidence == NULL)
    return NULL;
  e.annotations = attest_workspace_list_annotations (workspace, NULL, error);
  if (e.annotations == NULL)
    return NULL;
  e.by_sha = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < e.evidence->len; i++)
    g_hash_table_insert (e.by_sha, ((AttestEvidence *) e.evidence->pdata[i])->sha256, e.evidence->pdata[i]);

  doc_name = g_strconcat ("assessment-results:", info->fingerprint, NULL);
  doc_uuid = attest_oscal_uuid_v5 (doc_name);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "assessment-results");
  json_builder_begin_object (b);
  add_string (b, "uuid", doc_uuid);
  add_metadata (&e, b);
  json_builder_set_member_name (b, "import-ap");
  json_builder_begin_object (b);
  add_string (b, "href", plan_href);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < e.report->scopes->len; i++)
    add_result (&e, b, e.report->scopes->pdata[i]);
  json_builder_end_array (b);
  add_back_matter (&e, b, plan_uuid);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  {
    char *with_newline = g_strconcat (text, "\n", NULL);

    g_free (text);
    return with_newline;
  }
}
