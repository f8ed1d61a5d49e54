/* attest-offering.c: what one offering page contributes to the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "attest-offering"

#include "config.h"

#include "attest-offering.h"

const char *
attest_link_kind_to_string (AttestLinkKind kind)
{
  switch (kind)
    {
    case ATTEST_LINK_BACKGROUNDER:
      return "backgrounder";
    case ATTEST_LINK_AUDIT_REPORT:
      return "audit-report";
    case ATTEST_LINK_CERTIFICATE:
      return "certificate";
    case ATTEST_LINK_RESOURCE:
    default:
      return "resource";
    }
}

static void
scope_free (AttestOfferingScope *s)
{
  g_free (s->slug);
  g_free (s->name);
  g_free (s->parent_slug);
  g_free (s->environment);
  g_free (s);
}

static void
mention_free (AttestOfferingMention *m)
{
  g_free (m->scope_slug);
  g_free (m->name);
  g_free (m->qualifier);
  g_free (m->former);
  g_free (m->translated_name);
  g_free (m->source_line);
  g_free (m->translated_line);
  g_free (m);
}

static void
link_free (AttestOfferingLink *l)
{
  g_free (l->url);
  g_free (l->title);
  g_free (l->section_key);
  g_free (l);
}

AttestOffering *
attest_offering_new (void)
{
  AttestOffering *self = g_new0 (AttestOffering, 1);

  self->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify)scope_free);
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)mention_free);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify)link_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
attest_offering_free (AttestOffering *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self->key);
  g_free (self->framework_id);
  g_free (self->short_name);
  g_free (self->category);
  g_free (self->source_title);
  g_free (self->title);
  g_free (self->description);
  g_free (self->locale);
  g_free (self->lang);
  g_free (self->handoff);
  g_free (self->page_date);
  g_free (self->translation_type);
  g_free (self->content_hash);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_ptr_array_unref (self->scopes);
  g_ptr_array_unref (self->mentions);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}
