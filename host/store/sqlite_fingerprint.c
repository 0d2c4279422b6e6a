/* The data fingerprint kept at import: see sqlite_fingerprint.h.
 *
 * A row's hash is core/fingerprint.h's, the same on every engine: its key's six dictionary
 * entries (hashed once per entry) mixed with what it says. The sum of the rows' hashes needs
 * no order: no sort, and a link of the chain is the previous link plus the rows a
 * transaction made current minus those it superseded. */
#include <stdlib.h>
#include <string.h>

#include "core/fingerprint.h"
#include "store/sqlite_fingerprint.h"

#define NKEY 6
/* a dictionary larger than this is not one ctg wrote (ids are assigned one by one) */
#define MAX_DICT_ID (1 << 26)

/* A text column into h (NULL told apart from ""). */
static uint64_t fp_text(uint64_t h, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        return ctg_fp_text(h, NULL, 0);
    const char *t = (const char *)sqlite3_column_text(st, col);
    return ctg_fp_text(h, t, (size_t)sqlite3_column_bytes(st, col));
}

/* A number column into h, by its IEEE bits. */
static uint64_t fp_number(uint64_t h, sqlite3_stmt *st, int col)
{
    int is_null = sqlite3_column_type(st, col) == SQLITE_NULL;
    return ctg_fp_number(h, is_null, is_null ? 0 : sqlite3_column_double(st, col));
}

/* The hash of each entry of the six dictionaries of a key, by id. */
struct dicts {
    uint64_t *hash[NKEY];
    sqlite3_int64 size[NKEY];
};

static void dicts_free(struct dicts *d)
{
    for (int i = 0; i < NKEY; i++)
        free(d->hash[i]);
}

static int load_dict(sqlite3 *db, const char *sql, uint64_t **out, sqlite3_int64 *size)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_int64 cap = 0;
    uint64_t *h = NULL;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (id < 0 || id >= MAX_DICT_ID) {
            rc = SQLITE_CORRUPT;
            break;
        }
        if (id >= cap) {
            sqlite3_int64 grown_cap = cap ? cap : 64;
            while (grown_cap <= id)
                grown_cap *= 2;
            uint64_t *grown = realloc(h, (size_t)grown_cap * sizeof *grown);
            if (!grown) {
                rc = SQLITE_NOMEM;
                break;
            }
            memset(grown + cap, 0, (size_t)(grown_cap - cap) * sizeof *grown);
            h = grown, cap = grown_cap;
        }
        h[id] = fp_text(CTG_FP_START, st, 1);
        rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        free(h);
        return rc;
    }
    *out = h, *size = cap;
    return SQLITE_OK;
}

static int dicts_load(sqlite3 *db, struct dicts *d)
{
    static const char *const sql[NKEY] = {
        "SELECT id, plan_id FROM main.obs_plan",     "SELECT id, name FROM main.obs_record",
        "SELECT id, name FROM main.obs_subject",     "SELECT id, period FROM main.obs_period",
        "SELECT id, code FROM main.obs_territory",   "SELECT id, dims FROM main.obs_dims",
    };
    memset(d, 0, sizeof *d);
    for (int i = 0; i < NKEY; i++) {
        int rc = load_dict(db, sql[i], &d->hash[i], &d->size[i]);
        if (rc != SQLITE_OK) {
            dicts_free(d);
            return rc;
        }
    }
    return SQLITE_OK;
}

/* The hash of the row st is on; columns: the six key ids, then value, numerator,
 * denominator, text, missing, status, note (ROW_COLUMNS). An id no dictionary holds (a row
 * altered by hand, which ctg verifier names) hashes as an empty entry. */
#define ROW_COLUMNS \
    "plan, record, subject, period, territory, dims, value, numerator, denominator, text, missing, status, note"
static uint64_t row_hash(const struct dicts *d, sqlite3_stmt *st)
{
    uint64_t key[NKEY];
    for (int i = 0; i < NKEY; i++) {
        sqlite3_int64 id = sqlite3_column_int64(st, i);
        key[i] = id >= 0 && id < d->size[i] ? d->hash[i][id] : 0;
    }
    uint64_t content = CTG_FP_START;
    for (int c = 6; c < 9; c++)
        content = fp_number(content, st, c);
    for (int c = 9; c < 13; c++)
        content = fp_text(content, st, c);
    return ctg_fp_row(key, content);
}

/* Per plan sums, a few plans a transaction. */
struct sums {
    struct {
        sqlite3_int64 plan;
        uint64_t sum;
    } *item;
    size_t n, cap;
};

static uint64_t *sums_at(struct sums *s, sqlite3_int64 plan)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->item[i].plan == plan)
            return &s->item[i].sum;
    if (s->n == s->cap) {
        size_t grown_cap = s->cap ? s->cap * 2 : 8;
        void *grown = realloc(s->item, grown_cap * sizeof *s->item);
        if (!grown)
            return NULL;
        s->item = grown, s->cap = grown_cap;
    }
    s->item[s->n].plan = plan, s->item[s->n].sum = 0;
    return &s->item[s->n++].sum;
}

/* Prepare sql and bind its parameters ?1 and ?2, those it has, to a and b. */
static int prepare_ints(sqlite3 *db, const char *sql, sqlite3_int64 a, sqlite3_int64 b, sqlite3_stmt **st)
{
    *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, st, NULL);
    if (rc == SQLITE_OK && sqlite3_bind_parameter_count(*st) >= 1)
        rc = sqlite3_bind_int64(*st, 1, a);
    if (rc == SQLITE_OK && sqlite3_bind_parameter_count(*st) >= 2)
        rc = sqlite3_bind_int64(*st, 2, b);
    return rc;
}

/* Add (sign 1) or subtract (sign -1) the hash of every row sql selects (ROW_COLUMNS, ?1
 * bound to a when it has one) into its plan's sum. */
static int accumulate(sqlite3 *db, const struct dicts *d, const char *sql, sqlite3_int64 a, int sign,
                      struct sums *s)
{
    sqlite3_stmt *st;
    int rc = prepare_ints(db, sql, a, 0, &st);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        uint64_t *sum = sums_at(s, sqlite3_column_int64(st, 0));
        if (!sum) {
            rc = SQLITE_NOMEM;
            break;
        }
        uint64_t h = row_hash(d, st);
        *sum = sign > 0 ? *sum + h : *sum - h;
        rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(st);
    return rc;
}

static int single_int(sqlite3 *db, const char *sql, sqlite3_int64 *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

int ctg_fp_begin(sqlite3 *db, struct ctg_fp_track *t)
{
    t->active = 0;
    int rc = single_int(db, "SELECT coalesce(max(id), 0) + 1 FROM main.obs_revision", &t->first_row);
    if (rc == SQLITE_OK)
        rc = single_int(db, "SELECT coalesce(max(id), 0) + 1 FROM main.import", &t->first_import);
    /* temporary: in no schema storecheck compares, gone with the connection; a superseding
     * write costs one insert here, a new key nothing */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db,
                          "CREATE TEMP TABLE IF NOT EXISTS fp_cleared (id INTEGER PRIMARY KEY);\n"
                          "DELETE FROM temp.fp_cleared;\n"
                          "CREATE TEMP TRIGGER IF NOT EXISTS fp_clear AFTER UPDATE OF latest ON main.obs_revision\n"
                          "  WHEN old.latest = 1 AND new.latest = 0 AND old.withdrawn = 0\n"
                          "  BEGIN INSERT OR IGNORE INTO fp_cleared VALUES (old.id); END;",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        t->active = 1;
    return rc;
}

/* The latest link of plan: *found = 0 when it has none. */
static int last_link(sqlite3 *db, sqlite3_int64 plan, sqlite3_int64 known, uint64_t *out, int *found)
{
    sqlite3_stmt *st;
    *found = 0;
    int rc = prepare_ints(db,
                          "SELECT hash FROM main.obs_fingerprint WHERE plan = ?1 AND import_id <= ?2 "
                          "ORDER BY import_id DESC LIMIT 1",
                          plan, known, &st);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = (uint64_t)sqlite3_column_int64(st, 0);
            *found = 1;
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Write one link a plan of s: its sum (before + s's for seal, s's alone for seed), after the
 * imports first_import..last, and the rowid range first_row..last_row of obs_revision the
 * transaction wrote (the slice reads of store/sqlite_engine.c: every current row of a plan
 * lies in one of its links' ranges). A transaction that adds no import replaces the link of
 * the last one: its range grows to cover both, so that no row falls out of every range. */
static int put_links(sqlite3 *db, const struct sums *s, int add_before, sqlite3_int64 last,
                     sqlite3_int64 first_import, sqlite3_int64 first_row, sqlite3_int64 last_row)
{
    sqlite3_stmt *put = NULL;
    int rc = SQLITE_OK;
    if (s->n)
        rc = sqlite3_prepare_v2(db,
                                "INSERT INTO main.obs_fingerprint (plan, import_id, first_import, hash, first_row, last_row) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (plan, import_id) DO UPDATE SET "
                                "first_import = excluded.first_import, hash = excluded.hash, "
                                "first_row = min(first_row, excluded.first_row), last_row = max(last_row, excluded.last_row)",
                                -1, &put, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < s->n; i++) {
        uint64_t before = 0;
        int found;
        if (add_before && (rc = last_link(db, s->item[i].plan, INT64_MAX, &before, &found)) != SQLITE_OK)
            break;
        sqlite3_reset(put);
        rc = sqlite3_bind_int64(put, 1, s->item[i].plan);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(put, 2, last);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(put, 3, first_import <= last ? first_import : last);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(put, 4, (sqlite3_int64)(before + s->item[i].sum));
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(put, 5, first_row);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(put, 6, last_row);
        if (rc == SQLITE_OK && (rc = sqlite3_step(put)) == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(put);
    return rc;
}

int ctg_fp_seal(sqlite3 *db, struct ctg_fp_track *t)
{
    if (!t->active)
        return SQLITE_MISUSE;
    struct dicts d;
    struct sums s = {NULL, 0, 0};
    int rc = dicts_load(db, &d);
    if (rc != SQLITE_OK)
        return rc;
    /* the rows the transaction made current (a rowid range), then those it superseded that
     * were current before it (a row it wrote and superseded itself was never counted) */
    rc = accumulate(db, &d,
                    "SELECT " ROW_COLUMNS " FROM main.obs_revision WHERE id >= ?1 AND latest = 1 AND withdrawn = 0",
                    t->first_row, 1, &s);
    if (rc == SQLITE_OK)
        rc = accumulate(db, &d,
                        "SELECT " ROW_COLUMNS " FROM main.obs_revision WHERE id IN (SELECT id FROM temp.fp_cleared) "
                        "AND id < ?1 AND latest = 0 AND withdrawn = 0",
                        t->first_row, -1, &s);
    dicts_free(&d);
    sqlite3_int64 last = 0, last_row = 0;
    if (rc == SQLITE_OK)
        rc = single_int(db, "SELECT coalesce(max(id), 0) FROM main.import", &last);
    if (rc == SQLITE_OK)
        rc = single_int(db, "SELECT coalesce(max(id), 0) FROM main.obs_revision", &last_row);
    if (rc == SQLITE_OK)
        rc = put_links(db, &s, 1, last, t->first_import, t->first_row, last_row);
    free(s.item);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "DELETE FROM temp.fp_cleared", NULL, NULL, NULL);
    t->active = 0;
    return rc;
}

int ctg_fp_read(sqlite3 *db, sqlite3_int64 plan, sqlite3_int64 known, uint64_t *out, int *found)
{
    int rc = last_link(db, plan, known, out, found);
    if (rc != SQLITE_OK || !*found || known == INT64_MAX)
        return rc;
    /* known falls between the first and the last import of one transaction: its link is
     * the sum after them all, not after known */
    sqlite3_stmt *st;
    rc = prepare_ints(db,
                      "SELECT 1 FROM main.obs_fingerprint WHERE plan = ?1 AND first_import <= ?2 "
                      "AND import_id > ?2 LIMIT 1",
                      plan, known, &st);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *found = 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc;
}

int ctg_fp_recompute(sqlite3 *db, sqlite3_int64 plan, uint64_t *out)
{
    struct dicts d;
    struct sums s = {NULL, 0, 0};
    int rc = dicts_load(db, &d);
    if (rc != SQLITE_OK)
        return rc;
    rc = accumulate(db, &d, "SELECT " ROW_COLUMNS " FROM obs_current WHERE plan = ?1", plan, 1, &s);
    dicts_free(&d);
    *out = s.n ? s.item[0].sum : 0;
    free(s.item);
    return rc;
}

int ctg_fp_seed(sqlite3 *db)
{
    struct dicts d;
    struct sums s = {NULL, 0, 0};
    sqlite3_int64 last = 0;
    int rc = dicts_load(db, &d);
    if (rc != SQLITE_OK)
        return rc;
    rc = accumulate(db, &d,
                    "SELECT " ROW_COLUMNS " FROM main.obs_revision WHERE latest = 1 AND withdrawn = 0", 0, 1,
                    &s);
    dicts_free(&d);
    sqlite3_int64 last_row = 0;
    if (rc == SQLITE_OK)
        rc = single_int(db, "SELECT coalesce(max(id), 0) FROM main.import", &last);
    if (rc == SQLITE_OK)
        rc = single_int(db, "SELECT coalesce(max(id), 0) FROM main.obs_revision", &last_row);
    /* the rows stored before: one range over them all (plans interleaved in it are left out
     * by the scan's test on the plan) */
    if (rc == SQLITE_OK)
        rc = put_links(db, &s, 0, last, last, 1, last_row);
    free(s.item);
    return rc;
}
