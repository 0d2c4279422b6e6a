/* The data fingerprint of a plan's current observations, kept at import (schema 7).
 *
 * The fingerprint is the sum, modulo 2^64, of one hash per current row (its key's six texts
 * and what it says: value, numerator, denominator, text, missing, status, note). A sum is
 * commutative, so the same current data gives the same fingerprint whatever the database and
 * the order of the imports that led to it, and a write changes it by adding the hash of each
 * new current row and subtracting the hash of each row it superseded (withdrawals too).
 * Each write transaction that changes a plan's current rows appends one link to the chain
 * (table obs_fingerprint: the plan, the last import of the transaction, its first, the sum),
 * so that reading the fingerprint, as of now or as known at a past import, is one probe.
 * Lua-free: SQLite return codes only, the caller words the errors. */
#ifndef CTG_STORE_SQLITE_FINGERPRINT_H
#define CTG_STORE_SQLITE_FINGERPRINT_H

#include <stdint.h>
#include <sqlite3.h>

/* What a write transaction needs to tell what it changed: the first row id and the first
 * import id it may create. */
struct ctg_fp_track {
    sqlite3_int64 first_row, first_import;
    int active;
};

/* Right after BEGIN: remember where the transaction starts and record, in temp.fp_cleared,
 * every current row whose latest flag the transaction clears (a temporary trigger). */
int ctg_fp_begin(sqlite3 *db, struct ctg_fp_track *t);

/* Right before COMMIT: one link per plan whose current rows changed. */
int ctg_fp_seal(sqlite3 *db, struct ctg_fp_track *t);

/* The stored fingerprint of plan as known at import `known` (every import when
 * known is INT64_MAX): *found = 0 when the chain cannot say (no link up to known, or known
 * inside a transaction of several imports): the caller recomputes. */
int ctg_fp_read(sqlite3 *db, sqlite3_int64 plan, sqlite3_int64 known, uint64_t *out, int *found);

/* The fingerprint of plan recomputed from every row of obs_current (the connection's: the
 * known-at view when set). */
int ctg_fp_recompute(sqlite3 *db, sqlite3_int64 plan, uint64_t *out);

/* The first link of every plan holding observations (the 6 -> 7 migration, inside its
 * transaction): the sum of its current rows at the last import. */
int ctg_fp_seed(sqlite3 *db);

#endif
