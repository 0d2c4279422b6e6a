/* ctg.store's invariants: what a database ctg wrote always satisfies, checked where it is
 * read, so that a database altered by hand (sqlite3, another program) is refused with a
 * French message naming what was changed, never read into a wrong sum. */
#ifndef CTG_STORECHECK_H
#define CTG_STORECHECK_H

#include <sqlite3.h>

#include "store/engine.h"

/* Compare the schema objects of db's main database (tables, views, indexes, triggers, with
 * their SQL text) with those of expected (an in-memory database that ctg's migrations up to
 * the same version built). Reports each difference to each (a catalogue key and its
 * placeholders, worded by the binding) and returns their count; -1 on an SQLite error of db
 * (the caller reports it). version is named in the findings. */
int ctg_schema_diff(sqlite3 *db, sqlite3 *expected, int version, ctg_schema_finding_fn each, void *ud);

/* Compare obs_record (the fixed dictionary of record kinds) with the rows the migrations
 * wrote into expected (value, progress, meeting, funding…). Reports findings as
 * ctg_schema_diff does; -1 on an SQLite error. */
int ctg_records_diff(sqlite3 *db, sqlite3 *expected, ctg_schema_finding_fn each, void *ud);

/* One pass over every row of main.obs_revision (plan 0), or over the rows of one plan's
 * writes (its obs_fingerprint ranges: what its fingerprint vouches for): each dictionary id
 * resolves in its
 * dictionary (obs_plan, obs_record, obs_subject, obs_period, obs_territory, obs_dims), its
 * import_id in import, and
 * value, numerator, denominator are numbers or NULL. Returns 0 when all hold; 1 with err
 * naming the first offending row (CTG_ENGINE_ALTERED); -1 with err filled on an SQLite error
 * or out of memory. */
int ctg_rows_check(sqlite3 *db, sqlite3_int64 plan, struct ctg_engine_error *err);

#endif
