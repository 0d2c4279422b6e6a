/* The SQLite engine's operations (store/engine.h) over the schema the store's migrations
 * write (store/sqlite.c): dictionaries by id, and the scan of current observations by slice
 * that the evaluation kernel (core/kernel.c) reads.
 *
 * The latest revisions are read from view obs_current (kept by the store at import time: no
 * revision is resolved here; DB:known_at shadows it with the revisions known at a moment), by
 * integer ids in rowid order. A slice's plan and single indicator are bound into the
 * statement; sets of several indicators, periods or territories are kept by a test on each
 * row read (the rows outside them are not delivered).
 *
 * A plan's slice is read as rowid ranges: each link of obs_fingerprint names the range of
 * obs_revision its write transaction wrote, and every current row of a plan lies in one of
 * its links' ranges (store/sqlite_fingerprint.c). So a database holding tens of CTGs reads
 * the rows of the plan asked for, not those of the others: what a view costs follows its
 * plan's rows, whatever the file holds. The ranges come in import order and ascend, so rows
 * still arrive in rowid order (the order the kernel sums them in). As known at a moment, the
 * temporary obs_current is read whole (its revisions may be older than a range's rows). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "store/engines.h"
#include "store/sqlite.h"

/* The catalogue key of the hint for an error analysts meet, or NULL. */
static const char *hint_of(int code)
{
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "store.hint.busy";
    case SQLITE_READONLY: return "store.hint.readonly";
    case SQLITE_NOTADB: return "store.hint.notadb";
    case SQLITE_CORRUPT: return "store.hint.corrupt";
    case SQLITE_CANTOPEN: return "store.hint.cantopen";
    case SQLITE_FULL: return "store.hint.full";
    case SQLITE_IOERR: return "store.hint.ioerr";
    case SQLITE_NOMEM: return "store.hint.nomem";
    case SQLITE_AUTH: return "store.hint.auth";
    case SQLITE_TOOBIG: return "store.hint.toobig";
    default: return NULL;
    }
}

int ctg_sqlite_error_code(int code, const char *msg, const char *what, struct ctg_engine_error *err)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_FAILED;
    err->code = code;
    err->what = what;
    err->hint = hint_of(code);
    snprintf(err->detail, sizeof err->detail, "%s", msg ? msg : "");
    return err->status;
}

int ctg_sqlite_error(sqlite3 *db, const char *what, struct ctg_engine_error *err)
{
    return ctg_sqlite_error_code(db ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN,
                                 db ? sqlite3_errmsg(db) : "cannot open", what, err);
}

int ctg_sqlite_map_reads(sqlite3 *db, int mapped)
{
    /* a file control rather than PRAGMA mmap_size: the read-only authorizer refuses every
     * PRAGMA with an argument */
    sqlite3_int64 bytes = mapped ? 1073741824 : 0;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_MMAP_SIZE, &bytes);
}

static sqlite3 *handle(struct ctg_engine *e) { return ((struct ctg_sqlite *)e)->db; }

/* the dictionaries' tables: (SELECT id … WHERE … = ?1, SELECT id, text) */
static const char *const DICT_FIND[CTG_NDICTS] = {
    "SELECT id FROM obs_plan WHERE plan_id = ?1", "SELECT id FROM obs_subject WHERE name = ?1",
    "SELECT id FROM obs_period WHERE period = ?1", "SELECT id FROM obs_territory WHERE code = ?1",
    "SELECT id FROM obs_dims WHERE dims = ?1",
};
static const char *const DICT_ALL[CTG_NDICTS] = {
    "SELECT id, plan_id FROM obs_plan", "SELECT id, name FROM obs_subject",
    "SELECT id, period FROM obs_period", "SELECT id, code FROM obs_territory",
    "SELECT id, dims FROM obs_dims",
};

static int read_failed(sqlite3 *db, sqlite3_stmt *st, struct ctg_engine_error *err)
{
    ctg_sqlite_error(db, "store.read", err);
    sqlite3_finalize(st);
    return err->status;
}

/* The end of a read stepped to rc: st finalized; what the callback returned to stop, the
 * engine's failure, or CTG_ENGINE_OK. */
static int finish(sqlite3 *db, sqlite3_stmt *st, int rc, int stop, struct ctg_engine_error *err)
{
    if (stop) {
        sqlite3_finalize(st);
        return stop;
    }
    if (rc != SQLITE_DONE)
        return read_failed(db, st, err);
    sqlite3_finalize(st);
    return CTG_ENGINE_OK;
}

static int sqlite_dict_id(struct ctg_engine *e, enum ctg_dict d, const char *text, int64_t *id,
                          struct ctg_engine_error *err)
{
    sqlite3 *db = handle(e);
    sqlite3_stmt *st = NULL;
    *id = 0;
    if (sqlite3_prepare_v2(db, DICT_FIND[d], -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC) != SQLITE_OK)
        return read_failed(db, st, err);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        return read_failed(db, st, err);
    sqlite3_finalize(st);
    return CTG_ENGINE_OK;
}

static int sqlite_dict_each(struct ctg_engine *e, enum ctg_dict d, ctg_dict_fn each, void *ud,
                            struct ctg_engine_error *err)
{
    sqlite3 *db = handle(e);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, DICT_ALL[d], -1, &st, NULL) != SQLITE_OK)
        return read_failed(db, st, err);
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 1);
        stop = each(ud, sqlite3_column_int64(st, 0), text ? text : "", (size_t)sqlite3_column_bytes(st, 1));
        if (stop)
            break;
    }
    return finish(db, st, rc, stop, err);
}

/* Whether id is in set (ids NULL: every id). Sets are small (what a view names). */
static int in_set(const struct ctg_id_set *set, int64_t id)
{
    if (!set->ids)
        return 1;
    for (size_t i = 0; i < set->n; i++)
        if (set->ids[i] == id)
            return 1;
    return 0;
}

static uint8_t cell_type(sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL: return CTG_CELL_NULL;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: return CTG_CELL_NUMBER;
    default: return CTG_CELL_OTHER;
    }
}

/* Step st and give each row of the slice to each. The statements keep the kernel's column
 * order: subject, period, territory, dims, then for values (parts 0) value, numerator,
 * denominator, missing?, text?, id; for parts (parts 1) numerator, denominator, record, 0, 0,
 * id. */
static int deliver(sqlite3 *db, sqlite3_stmt *st, int parts, const struct ctg_slice *slice,
                   ctg_scan_fn each, void *ud, struct ctg_engine_error *err)
{
    int rc, stop = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct ctg_scan_row r;
        memset(&r, 0, sizeof r);
        for (int i = 0; i < 4; i++) {
            r.ids[i] = sqlite3_column_int64(st, i);
            if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
                r.ids_typed |= 1u << i;
        }
        if (!in_set(&slice->subjects, r.ids[0]) || !in_set(&slice->periods, r.ids[1]) ||
            !in_set(&slice->territories, r.ids[2]))
            continue;
        int first = parts ? 1 : 0; /* parts: no value column */
        for (int i = first; i < 3; i++) {
            int col = 4 + i - first;
            r.type[i] = cell_type(st, col);
            r.number[i] = r.type[i] == CTG_CELL_NUMBER ? sqlite3_column_double(st, col) : 0;
        }
        if (parts) {
            r.record = sqlite3_column_int(st, 6);
        } else {
            r.record = 1;
            r.missing = (uint8_t)(sqlite3_column_int(st, 7) != 0);
            r.text = (uint8_t)(sqlite3_column_int(st, 8) != 0);
        }
        r.id = sqlite3_column_int64(st, 9);
        stop = each(ud, &r);
        if (stop)
            break;
    }
    return finish(db, st, rc, stop, err);
}

/* Where a slice's rows are read: RANGED, the rows of view obs_current in the plan's ranges
 * (CROSS JOIN: the links first, each range then read by rowid, no sort), then TAIL, those
 * past every link's range — the rows of the write under way (an import's checks read what
 * it has written before its commit seals a link) and rows written outside ctg, which the
 * kernel must see to refuse them; WHOLE, every row of obs_current (as known at a moment:
 * DB:known_at's). ?1 the plan, ?2 the indicator (0: all). */
#define RANGED                                                                                     \
    " FROM main.obs_fingerprint f CROSS JOIN obs_current r ON r.id BETWEEN f.first_row AND f.last_row " \
    "WHERE f.plan = ?1 AND r.plan = ?1 AND (?2 = 0 OR r.subject = ?2) AND "
#define RANGED_ORDER " ORDER BY f.import_id, r.id"
#define TAIL                                                                                       \
    " FROM obs_current r WHERE r.id > (SELECT coalesce(max(last_row), 0) FROM main.obs_fingerprint) " \
    "AND r.plan = ?1 AND (?2 = 0 OR r.subject = ?2) AND "
#define TAIL_ORDER " ORDER BY r.id"
#define WHOLE " FROM obs_current r WHERE r.plan = ?1 AND (?2 = 0 OR r.subject = ?2) AND "
#define WHOLE_ORDER " ORDER BY r.id"
#define PARTS_SQL(FROM)                                                                            \
    "SELECT r.subject, r.period, r.territory, r.dims, r.numerator, r.denominator, r.record, 0, 0, r.id" FROM \
    "r.record IN (5, 6)" FROM##_ORDER
#define VALUES_SQL(FROM)                                                                           \
    "SELECT r.subject, r.period, r.territory, r.dims, r.value, r.numerator, r.denominator, "        \
    "r.missing IS NOT NULL, r.text IS NOT NULL, r.id" FROM "r.record = 1" FROM##_ORDER

/* Prepare sql, bind the plan and the indicator, and deliver its rows. */
static int read_rows(sqlite3 *db, const char *sql, int parts, const struct ctg_slice *slice, sqlite3_int64 subject,
                     ctg_scan_fn each, void *ud, struct ctg_engine_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_int64(st, 1, slice->plan) != SQLITE_OK || sqlite3_bind_int64(st, 2, subject) != SQLITE_OK)
        return read_failed(db, st, err);
    return deliver(db, st, parts, slice, each, ud, err);
}

/* The parts of ratios: first one probe of the partial index obs_revision_part, so that a plan
 * without parts costs that probe and nothing else. */
static int scan_parts(sqlite3 *db, int ranged, const struct ctg_slice *slice, sqlite3_int64 subject,
                      ctg_scan_fn each, void *ud, struct ctg_engine_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM main.obs_revision WHERE plan = ?1 AND record >= 5 LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_int64(st, 1, slice->plan) != SQLITE_OK)
        return read_failed(db, st, err);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return read_failed(db, st, err);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return CTG_ENGINE_OK;
    if (!ranged)
        return read_rows(db, PARTS_SQL(WHOLE), 1, slice, subject, each, ud, err);
    rc = read_rows(db, PARTS_SQL(RANGED), 1, slice, subject, each, ud, err);
    return rc == CTG_ENGINE_OK ? read_rows(db, PARTS_SQL(TAIL), 1, slice, subject, each, ud, err) : rc;
}

/* The values. Every page read once: through SQLite's cache rather than mapped, so that the
 * memory of the process does not grow with the file (the map is back for what follows). */
static int scan_values(sqlite3 *db, int ranged, const struct ctg_slice *slice, sqlite3_int64 subject,
                       ctg_scan_fn each, void *ud, struct ctg_engine_error *err)
{
    if (ctg_sqlite_map_reads(db, 0) != SQLITE_OK)
        return read_failed(db, NULL, err);
    /* rowid order: the order the revisions were stored (obs_current may be DB:known_at's view) */
    int rc = read_rows(db, ranged ? VALUES_SQL(RANGED) : VALUES_SQL(WHOLE), 0, slice, subject, each, ud, err);
    if (rc == CTG_ENGINE_OK && ranged)
        rc = read_rows(db, VALUES_SQL(TAIL), 0, slice, subject, each, ud, err);
    if (ctg_sqlite_map_reads(db, 1) != SQLITE_OK && rc == CTG_ENGINE_OK)
        return ctg_sqlite_error(db, "store.read", err);
    return rc;
}

static int sqlite_scan(struct ctg_engine *e, const struct ctg_slice *slice, ctg_scan_fn each, void *ud,
                       struct ctg_engine_error *err)
{
    int empty = 0;
    if (ctg_slice_admit(e, slice, &empty, err) != CTG_ENGINE_OK)
        return err->status;
    if (empty)
        return CTG_ENGINE_OK; /* an empty set: no row */
    /* one indicator is bound into the statement; several are tested on each row */
    sqlite3_int64 subject = slice->subjects.ids && slice->subjects.n == 1 ? slice->subjects.ids[0] : 0;
    int ranged = e->known_at == NULL;
    if (slice->records == CTG_RECORDS_PARTS)
        return scan_parts(handle(e), ranged, slice, subject, each, ud, err);
    return scan_values(handle(e), ranged, slice, subject, each, ud, err);
}

const struct ctg_engine_ops ctg_sqlite_ops = {
    .name = "SQLite",
    .schema_latest = CTG_SQLITE_SCHEMA_VERSION,
    .open = ctg_sqlite_open,
    .close = ctg_sqlite_close,
    .check_schema = ctg_sqlite_check_schema,
    .check_rows = ctg_sqlite_check_rows,
    .put = ctg_sqlite_put,
    .begin_bulk = ctg_sqlite_begin_bulk,
    .end_bulk = ctg_sqlite_end_bulk,
    .schema_version = ctg_sqlite_schema_version,
    .dict_id = sqlite_dict_id,
    .dict_each = sqlite_dict_each,
    .scan = sqlite_scan,
    .known_at = ctg_sqlite_known_at,
    .fingerprint = ctg_sqlite_fingerprint,
    .prepare = ctg_sqlite_prepare,
    .bind = ctg_sqlite_bind,
    .step = ctg_sqlite_step,
    .ncolumns = ctg_sqlite_ncolumns,
    .column_name = ctg_sqlite_column_name,
    .column = ctg_sqlite_column,
    .finalize = ctg_sqlite_finalize,
    .begin = ctg_sqlite_begin,
    .commit = ctg_sqlite_commit,
    .rollback = ctg_sqlite_rollback,
    .in_transaction = ctg_sqlite_in_transaction,
    .last_insert_id = ctg_sqlite_last_insert_id,
    .changes = ctg_sqlite_changes,
    .exec = ctg_sqlite_exec,
    .limit_length = ctg_sqlite_limit_length,
};

const char *ctg_sqlite_library_version(void) { return sqlite3_libversion(); }

void ctg_sqlite_setup(void)
{
    /* ctg runs one thread: SQLite's mutexes and its memory statistics (a lock around every
     * allocation) cost an import of 200 000 rows some 3 % for nothing */
    sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
