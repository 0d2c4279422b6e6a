/* ctg.store's invariants (see store/sqlite_check.h).
 *
 * What is checked where, and what it costs (the bench's 200 000 observations):
 *   - on every open, the schema: each ctg table, view, index and trigger exists with the SQL
 *     text ctg's migrations wrote, and nothing else does. A view obs_current redefined by hand
 *     (to hide rows, to return other values) is the cheapest lie a database can tell: every
 *     evaluation reads through it. The expected text is not kept here: store.c builds it by
 *     running the migrations on an in-memory database, so a migration added later is checked
 *     without anyone writing its text twice. Microseconds: the schema has about 20 rows.
 *   - on every open, obs_record (four fixed rows: the kinds of records).
 *   - before the first read through the views that join the dictionaries (observation,
 *     current_observation: meetings, funding, progress, history, exports, report scripts), a
 *     pass over obs_revision: an inner JOIN silently drops a row whose dictionary id does not
 *     resolve, and a text in value would be read as 0 by sum(). One pass in C over integer
 *     columns, the dictionaries as sorted arrays of ids (they are small). The evaluation's own
 *     scan (eval.c) checks the latest rows as it reads them.
 * The full check on demand (ctg verifier) adds what needs a sort or a join of every row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/sqlite_check.h"

/* ---- the schema ------------------------------------------------------------------------- */

/* Every object of the main schema but SQLite's statistics (ANALYZE's tables change how a
 * query runs, never what it returns), in name order. */
static const char SCHEMA_SQL[] =
    "SELECT type, name, tbl_name, sql FROM main.sqlite_master "
    "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name";

static const char *column_text(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? t : "";
}

/* Report the sentence key about object (type, name): its placeholder {object} is the
 * catalogue's name of the object, which the binding words. */
static int add_schema_finding(ctg_schema_finding_fn each, void *ud, const char *key, const char *type,
                              const char *name, const char *version)
{
    struct ctg_schema_finding f = {.key = key, .vars = {"version", version, NULL}};
    if (strcmp(type, "table") == 0 || strcmp(type, "view") == 0 || strcmp(type, "index") == 0 ||
        strcmp(type, "trigger") == 0)
        f.object_type = type;
    else
        f.object_type = "other";
    f.object_name = name;
    return each(ud, &f);
}

/* Whether the definitions of the current rows of a and b differ (kind, table, SQL text). */
static int definition_differs(sqlite3_stmt *a, sqlite3_stmt *b)
{
    for (int c = 0; c < 4; c++) {
        if (c == 1)
            continue; /* the names are equal */
        const char *x = (const char *)sqlite3_column_text(a, c);
        const char *y = (const char *)sqlite3_column_text(b, c);
        if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
            return 1;
    }
    return 0;
}

int ctg_schema_diff(sqlite3 *db, sqlite3 *expected, int version, ctg_schema_finding_fn each, void *ud)
{
    sqlite3_stmt *a = NULL, *b = NULL;
    if (sqlite3_prepare_v2(db, SCHEMA_SQL, -1, &a, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(expected, SCHEMA_SQL, -1, &b, NULL) != SQLITE_OK) {
        sqlite3_finalize(a);
        return -1;
    }
    char v[16];
    snprintf(v, sizeof v, "%d", version);
    int n = 0;
    int ra = sqlite3_step(a), rb = sqlite3_step(b);
    /* a merge of the two name-ordered lists */
    while (ra == SQLITE_ROW || rb == SQLITE_ROW) {
        int cmp = ra != SQLITE_ROW ? 1 : rb != SQLITE_ROW ? -1
                                       : strcmp(column_text(a, 1), column_text(b, 1));
        if (cmp < 0) {
            n++, add_schema_finding(each, ud, "contain.db.schema.extra", column_text(a, 0), column_text(a, 1), v);
            ra = sqlite3_step(a);
        } else if (cmp > 0) {
            n++, add_schema_finding(each, ud, "contain.db.schema.missing", column_text(b, 0), column_text(b, 1), v);
            rb = sqlite3_step(b);
        } else {
            if (definition_differs(a, b))
                n++, add_schema_finding(each, ud, "contain.db.schema.changed", column_text(a, 0), column_text(a, 1), v);
            ra = sqlite3_step(a);
            rb = sqlite3_step(b);
        }
    }
    int failed = ra != SQLITE_DONE;
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    return failed ? -1 : n;
}

/* ---- the fixed dictionary of record kinds ----------------------------------------------- */

/* Report the sentence key about row id of table (what: the name ctg writes there). */
static int add_fixed_finding(ctg_schema_finding_fn each, void *ud, const char *key, const char *table,
                             sqlite3_int64 id, const char *what)
{
    char row[32];
    snprintf(row, sizeof row, "%lld", (long long)id);
    struct ctg_schema_finding f = {.key = key, .vars = {"table", table, "row", row, "column", "name", "what", what, NULL}};
    return each(ud, &f);
}

int ctg_records_diff(sqlite3 *db, sqlite3 *expected, ctg_schema_finding_fn each, void *ud)
{
    /* the rows the migrations wrote, as expected holds them: a migration that adds a kind
     * of record adds it here too */
    static const char sql[] = "SELECT id, name FROM main.obs_record ORDER BY id";
    sqlite3_stmt *a = NULL, *b = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &a, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(expected, sql, -1, &b, NULL) != SQLITE_OK) {
        sqlite3_finalize(a);
        return -1;
    }
    int n = 0;
    int ra = sqlite3_step(a), rb = sqlite3_step(b);
    /* a merge of the two id-ordered lists */
    while (ra == SQLITE_ROW || rb == SQLITE_ROW) {
        sqlite3_int64 ia = ra == SQLITE_ROW ? sqlite3_column_int64(a, 0) : 0;
        sqlite3_int64 ib = rb == SQLITE_ROW ? sqlite3_column_int64(b, 0) : 0;
        if (rb != SQLITE_ROW || (ra == SQLITE_ROW && ia < ib)) {
            n++, add_fixed_finding(each, ud, "contain.db.row-extra", "obs_record", ia, "");
            ra = sqlite3_step(a);
        } else if (ra != SQLITE_ROW || ib < ia) {
            n++, add_fixed_finding(each, ud, "contain.db.row-missing", "obs_record", ib, column_text(b, 1));
            rb = sqlite3_step(b);
        } else {
            if (sqlite3_column_type(a, 1) != SQLITE_TEXT || strcmp(column_text(a, 1), column_text(b, 1)) != 0)
                n++, add_fixed_finding(each, ud, "contain.db.row", "obs_record", ia, column_text(b, 1));
            ra = sqlite3_step(a);
            rb = sqlite3_step(b);
        }
    }
    int failed = ra != SQLITE_DONE || rb != SQLITE_DONE;
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    return failed ? -1 : n;
}

/* ---- every row's references and numbers ------------------------------------------------- */

/* The ids of one dictionary, ascending (rowid order), for a binary search. */
struct ids {
    sqlite3_int64 *id;
    size_t n;
};

static int load_ids(sqlite3 *db, const char *table, struct ids *out)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT id FROM main.%s ORDER BY id", table);
    sqlite3_stmt *st;
    out->id = NULL;
    out->n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? 2 * cap : 64;
            sqlite3_int64 *grown = realloc(out->id, cap * sizeof *grown);
            if (!grown) {
                sqlite3_finalize(st);
                return -2;
            }
            out->id = grown;
        }
        out->id[out->n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int has_id(const struct ids *d, sqlite3_int64 id)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n && d->id[lo] == id;
}

/* The table each id column of obs_revision names, in the scan's column order (1..7): the
 * dictionaries, and the import that wrote the row (its file and date: a row's provenance). */
static const char *const REF_TABLES[] = {"obs_plan", "obs_record", "obs_subject", "obs_period",
                                         "obs_territory", "obs_dims", "import"};
static const char *const REF_COLUMNS[] = {"plan", "record", "subject", "period", "territory", "dims",
                                          "import_id"};
#define NREFS 7
static const char *const NUMBER_COLUMNS[] = {"value", "numerator", "denominator"};

/* Fill err for a row that breaks the store's invariants: its column and what it should hold
 * (contain.db.lie, worded by the binding). */
static void set_lie(struct ctg_engine_error *err, sqlite3_int64 row, const char *column, const char *what)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_ALTERED;
    err->table = "obs_revision";
    err->row = row;
    err->column = column;
    snprintf(err->var_value, sizeof err->var_value, "%s", what);
    err->expected = err->var_value;
}

int ctg_rows_check(sqlite3 *db, sqlite3_int64 plan, struct ctg_engine_error *err)
{
    struct ids dict[NREFS];
    int result = 0;
    memset(dict, 0, sizeof dict);
    for (int i = 0; i < NREFS && result == 0; i++) {
        int rc = load_ids(db, REF_TABLES[i], &dict[i]);
        if (rc == -2) {
            result = -2;
        } else if (rc != 0) {
            result = -1;
        }
    }
    sqlite3_stmt *st = NULL;
    /* one plan: the rows of its writes' ranges and those past every range, as the
     * evaluation reads them (store/sqlite_engine.c), not the file's */
#define CHECKED "r.id, r.plan, r.record, r.subject, r.period, r.territory, r.dims, r.import_id, r.value, " \
                "r.numerator, r.denominator"
    if (result == 0 &&
        (sqlite3_prepare_v2(db,
                            plan ? "SELECT " CHECKED " FROM main.obs_fingerprint f CROSS JOIN main.obs_revision r "
                                   "ON r.id BETWEEN f.first_row AND f.last_row WHERE f.plan = ?1 AND r.plan = ?1 "
                                   "UNION ALL SELECT " CHECKED " FROM main.obs_revision r WHERE r.id > "
                                   "(SELECT coalesce(max(last_row), 0) FROM main.obs_fingerprint) AND r.plan = ?1"
                                 : "SELECT id, plan, record, subject, period, territory, dims, import_id, value, "
                                   "numerator, denominator FROM main.obs_revision",
                            -1, &st, NULL) != SQLITE_OK ||
         (plan && sqlite3_bind_int64(st, 1, plan) != SQLITE_OK)))
        result = -1;
#undef CHECKED
    int rc = SQLITE_DONE;
    while (result == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 row = sqlite3_column_int64(st, 0);
        for (int i = 0; i < NREFS && result == 0; i++) {
            int col = 1 + i;
            if (sqlite3_column_type(st, col) != SQLITE_INTEGER || !has_id(&dict[i], sqlite3_column_int64(st, col))) {
                char what[64];
                snprintf(what, sizeof what, "un identifiant de %s", REF_TABLES[i]);
                set_lie(err, row, REF_COLUMNS[i], what);
                result = 1;
            }
        }
        for (int i = 0; i < 3 && result == 0; i++) {
            int type = sqlite3_column_type(st, 1 + NREFS + i);
            if (type != SQLITE_NULL && type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
                set_lie(err, row, NUMBER_COLUMNS[i], "un nombre");
                result = 1;
            }
        }
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = -1;
    sqlite3_finalize(st);
    for (int i = 0; i < NREFS; i++)
        free(dict[i].id);
    if (result == -2) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_NOMEM;
        return -1;
    }
    if (result == -1)
        ctg_sqlite_error(db, "store.read", err);
    return result;
}
