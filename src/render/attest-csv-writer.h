/* attest-csv-writer.h: RFC 4180 rows for matrix exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttestCsvWriter AttestCsvWriter;

AttestCsvWriter *attest_csv_writer_new      (void);
void             attest_csv_writer_free     (AttestCsvWriter *self);
void             attest_csv_writer_field    (AttestCsvWriter *self,
                                             const char      *value);
void             attest_csv_writer_end_row  (AttestCsvWriter *self);
const char      *attest_csv_writer_peek     (AttestCsvWriter *self,
                                             gsize           *len);
char            *attest_csv_writer_finish   (AttestCsvWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvWriter, attest_csv_writer_free)

G_END_DECLS
