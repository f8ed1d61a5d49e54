/* attest-csv-writer.c: RFC 4180 rows for matrix exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "attest-csv-writer.h"

struct _AttestCsvWriter
{
  GString *out;
  gboolean row_started;
};

AttestCsvWriter *
attest_csv_writer_new (void)
{
  AttestCsvWriter *self = g_new0 (AttestCsvWriter, 1);

  self->out = g_string_new (NULL);
  return self;
}

void
attest_csv_writer_free (AttestCsvWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}

/* A field is quoted when it holds a comma, a quote, CR or LF; quotes are doubled. */
void
attest_csv_writer_field (AttestCsvWriter *self,
                         const char      *value)
{
  g_return_if_fail (self != NULL);

  if (value == NULL)
    value = "";
  if (self->row_started)
    g_string_append_c (self->out, ',');
  self->row_started = TRUE;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (self->out, value);
      return;
    }

  g_string_append_c (self->out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->out, '"');
      g_string_append_c (self->out, *p);
    }
  g_string_append_c (self->out, '"');
}

/* RFC 4180 ends every record, the last included, with CRLF. */
void
attest_csv_writer_end_row (AttestCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  g_string_append (self->out, "\r\n");
  self->row_started = FALSE;
}

const char *
attest_csv_writer_peek (AttestCsvWriter *self,
                        gsize           *len)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (len != NULL)
    *len = self->out->len;
  return self->out->str;
}

char *
attest_csv_writer_finish (AttestCsvWriter *self)
{
  char *ret;

  g_return_val_if_fail (self != NULL, NULL);

  ret = g_string_free (g_steal_pointer (&self->out), FALSE);
  g_free (self);
  return ret;
}
