/* The SQLite engine's scan by slice (store/sqlite_engine.c) on a database in memory holding
 * the tables it reads: the sets of a slice (indicators, periods, territories) keep their rows
 * only, in the order they were stored; a moment other than the handle's is refused, never
 * read as the latest; a missing view is the engine's failure, with SQLite's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "store/sqlite.h"

static const char *const SCHEMA =
    "CREATE TABLE obs_plan (id INTEGER PRIMARY KEY, plan_id TEXT);"
    "CREATE TABLE obs_subject (id INTEGER PRIMARY KEY, name TEXT);"
    "CREATE TABLE obs_period (id INTEGER PRIMARY KEY, period TEXT);"
    "CREATE TABLE obs_territory (id INTEGER PRIMARY KEY, code TEXT);"
    "CREATE TABLE obs_dims (id INTEGER PRIMARY KEY, dims TEXT);"
    "CREATE TABLE obs_revision (id INTEGER PRIMARY KEY, plan, record, subject, period, territory, dims,"
    "  value, numerator, denominator, missing, text, latest, withdrawn, status, note);"
    "CREATE TABLE obs_record (id INTEGER PRIMARY KEY, name TEXT);"
    "CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE latest = 1 AND withdrawn = 0;"
    /* what a write transaction reads to keep the data fingerprint (schema 7) */
    "CREATE TABLE import (id INTEGER PRIMARY KEY);"
    "CREATE TABLE obs_fingerprint (plan INTEGER NOT NULL, import_id INTEGER NOT NULL,"
    "  first_import INTEGER NOT NULL, hash INTEGER NOT NULL, first_row INTEGER NOT NULL,"
    "  last_row INTEGER NOT NULL, PRIMARY KEY (plan, import_id)) WITHOUT ROWID;"
    /* the rowid ranges each write wrote: plan 1 in two of them around plan 2's row 6; row 8
     * of plan 1 in none, before plan 2's last range (what only a hand could do); row 10 past
     * every range (a write under way, or a hand's: read, for the kernel to judge) */
    "INSERT INTO obs_fingerprint VALUES (1, 1, 1, 0, 1, 5), (2, 2, 2, 0, 6, 6), (1, 3, 3, 0, 7, 7),"
    "  (2, 4, 4, 0, 9, 9);"
    "INSERT INTO obs_plan VALUES (1, 'ctg-littoral'), (2, 'ctg-autre');"
    "INSERT INTO obs_subject VALUES (1, 'ludotheques'), (2, 'taux_emploi'), (3, 'permanences');"
    "INSERT INTO obs_period VALUES (1, '2022'), (2, '2023');"
    "INSERT INTO obs_territory VALUES (1, 'port'), (2, 'marais'), (3, 'ile');"
    "INSERT INTO obs_dims VALUES (1, '');"
    /* id, plan, record, subject, period, territory, dims, value, num, den, missing, text, latest, withdrawn */
    "INSERT INTO obs_revision (id, plan, record, subject, period, territory, dims, value, numerator,"
    "  denominator, missing, text, latest, withdrawn) VALUES"
    "  (1, 1, 1, 1, 1, 1, 1, 3, NULL, NULL, NULL, NULL, 1, 0),"
    "  (2, 1, 1, 2, 1, 2, 1, NULL, 4, 9, NULL, NULL, 1, 0),"
    "  (3, 1, 1, 3, 2, 3, 1, NULL, NULL, NULL, 'non transmis', NULL, 1, 0),"
    "  (4, 1, 1, 1, 2, 2, 1, 'x', NULL, NULL, NULL, NULL, 1, 0),"
    "  (5, 1, 1, 1, 2, 1, 1, 6, NULL, NULL, NULL, NULL, 0, 0),"
    "  (6, 2, 1, 1, 1, 1, 1, 8, NULL, NULL, NULL, NULL, 1, 0),"
    "  (7, 1, 5, 2, 2, 1, 1, NULL, 12, NULL, NULL, NULL, 1, 0),"
    "  (8, 1, 1, 2, 2, 3, 1, 5, NULL, NULL, NULL, NULL, 1, 0),"
    "  (9, 2, 1, 2, 1, 1, 1, 2, NULL, NULL, NULL, NULL, 1, 0),"
    "  (10, 1, 1, 2, 1, 3, 1, 7, NULL, NULL, NULL, NULL, 1, 0);";

struct seen {
    int64_t ids[16];
    struct ctg_scan_row rows[16];
    int n;
};

static int collect(void *ud, const struct ctg_scan_row *r)
{
    struct seen *s = ud;
    s->rows[s->n] = *r;
    s->ids[s->n++] = r->id;
    return 0;
}

static struct ctg_sqlite engine;
static char path[64];

static int setup(void **state)
{
    (void)state;
    memset(&engine, 0, sizeof engine);
    engine.base.ops = &ctg_sqlite_ops;
    /* a file: the scan reads it through SQLite's cache rather than its memory map (a file
     * control that a database in memory does not have) */
    snprintf(path, sizeof path, "/tmp/ctg-test-sqlite-engine-%ld.db", (long)getpid());
    remove(path);
    engine.base.path = path;
    if (sqlite3_open(path, &engine.db) != SQLITE_OK ||
        sqlite3_exec(engine.db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(engine.db);
    remove(path);
    return 0;
}

static struct ctg_slice values_of(int64_t plan)
{
    struct ctg_slice s = {plan, CTG_RECORDS_VALUES, {NULL, 0}, {NULL, 0}, {NULL, 0}, NULL};
    return s;
}

static void whole_plan_in_stored_order(void **state)
{
    (void)state;
    struct seen seen = {{0}, {{0}}, 0};
    struct ctg_engine_error err;
    struct ctg_slice slice = values_of(1);
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    /* not the superseded row 5, not the other plan's, not the part, not row 8 outside the
     * plan's ranges; row 10 past them all */
    assert_int_equal(seen.n, 5);
    assert_int_equal(seen.ids[0], 1);
    assert_int_equal(seen.ids[3], 4);
    assert_int_equal(seen.ids[4], 10);
    assert_int_equal(seen.rows[0].type[0], CTG_CELL_NUMBER);
    assert_true(seen.rows[0].number[0] == 3);
    assert_int_equal(seen.rows[1].type[0], CTG_CELL_NULL);
    assert_true(seen.rows[1].number[1] == 4 && seen.rows[1].number[2] == 9);
    assert_int_equal(seen.rows[2].missing, 1);
    assert_int_equal(seen.rows[3].type[0], CTG_CELL_OTHER); /* text where a value is */
    assert_int_equal(seen.rows[0].ids_typed, 0xf);
}

static void sets_keep_their_rows(void **state)
{
    (void)state;
    struct ctg_engine_error err;
    int64_t two_subjects[] = {1, 3}, one_period[] = {2}, territories[] = {2, 3}, none[] = {0};
    struct seen seen = {{0}, {{0}}, 0};
    struct ctg_slice slice = values_of(1);
    slice.subjects = (struct ctg_id_set){two_subjects, 2};
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    assert_int_equal(seen.n, 3);
    assert_int_equal(seen.ids[0], 1);
    assert_int_equal(seen.ids[1], 3);
    assert_int_equal(seen.ids[2], 4);
    memset(&seen, 0, sizeof seen);
    slice.periods = (struct ctg_id_set){one_period, 1};
    slice.territories = (struct ctg_id_set){territories, 2};
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.ids[0], 3);
    assert_int_equal(seen.ids[1], 4);
    /* an empty set: no row */
    memset(&seen, 0, sizeof seen);
    slice.territories = (struct ctg_id_set){none, 0};
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    assert_int_equal(seen.n, 0);
    /* one indicator (bound into the statement) */
    int64_t one[] = {2};
    memset(&seen, 0, sizeof seen);
    slice = values_of(1);
    slice.subjects = (struct ctg_id_set){one, 1};
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.ids[0], 2);
    assert_int_equal(seen.ids[1], 10);
    /* the parts of ratios */
    memset(&seen, 0, sizeof seen);
    slice = values_of(1);
    slice.records = CTG_RECORDS_PARTS;
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    assert_int_equal(seen.n, 1);
    assert_int_equal(seen.rows[0].record, 5);
    assert_true(seen.rows[0].number[1] == 12);
}

static void another_moment_is_refused(void **state)
{
    (void)state;
    struct seen seen = {{0}, {{0}}, 0};
    struct ctg_engine_error err;
    struct ctg_slice slice = values_of(1);
    slice.known_at = "2023-06-30T23:59:59Z";
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_REFUSED);
    assert_int_equal(seen.n, 0);
    assert_non_null(strstr(err.detail, "2023-06-30T23:59:59Z"));
    /* the handle's own moment is read: its obs_current whole, not by ranges (row 8 too) */
    engine.base.known_at = "2023-06-30T23:59:59Z";
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_OK);
    assert_int_equal(seen.n, 6);
    assert_int_equal(seen.ids[4], 8);
    assert_int_equal(seen.ids[5], 10);
    engine.base.known_at = NULL;
}

static void a_missing_view_is_the_engines_failure(void **state)
{
    (void)state;
    struct seen seen = {{0}, {{0}}, 0};
    struct ctg_engine_error err;
    assert_int_equal(sqlite3_exec(engine.db, "DROP TABLE obs_fingerprint", NULL, NULL, NULL), SQLITE_OK);
    struct ctg_slice slice = values_of(1);
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_FAILED);
    assert_string_equal(err.what, "store.read");
    assert_non_null(strstr(err.detail, "no such table: main.obs_fingerprint"));
    /* as known at a moment, obs_current is read */
    assert_int_equal(sqlite3_exec(engine.db, "DROP VIEW obs_current", NULL, NULL, NULL), SQLITE_OK);
    engine.base.known_at = "2023-06-30T23:59:59Z";
    slice.known_at = engine.base.known_at;
    assert_int_equal(engine.base.ops->scan(&engine.base, &slice, collect, &seen, &err), CTG_ENGINE_FAILED);
    engine.base.known_at = NULL;
    assert_non_null(strstr(err.detail, "no such table: obs_current"));
    int64_t id = -1;
    assert_int_equal(engine.base.ops->dict_id(&engine.base, CTG_DICT_TERRITORY, "marais", &id, &err), CTG_ENGINE_OK);
    assert_int_equal(id, 2);
    assert_int_equal(engine.base.ops->dict_id(&engine.base, CTG_DICT_TERRITORY, "absent", &id, &err), CTG_ENGINE_OK);
    assert_int_equal(id, 0);
    assert_int_equal(sqlite3_exec(engine.db, "DROP TABLE obs_dims", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(engine.base.ops->dict_id(&engine.base, CTG_DICT_DIMS, "", &id, &err), CTG_ENGINE_FAILED);
    assert_non_null(strstr(err.detail, "no such table: obs_dims"));
}

/* A known-at that fails leaves no moment claimed: the views it replaces may be gone. */
static void a_failed_known_at_claims_no_moment(void **state)
{
    (void)state;
    struct ctg_engine_error err;
    engine.moment = strdup("2023-01-01T23:59:59Z");
    engine.base.known_at = engine.moment;
    /* without the table import the views cannot be built */
    assert_int_equal(sqlite3_exec(engine.db, "DROP TABLE import", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(engine.base.ops->known_at(&engine.base, "2024-06-30T23:59:59Z", INT64_MAX, &err),
                     CTG_ENGINE_FAILED);
    assert_string_equal(err.what, "store.known-at");
    assert_non_null(strstr(err.detail, "no such table"));
    assert_null(engine.base.known_at);
    assert_null(engine.moment);
}

/* The schema's version, and a file that is not a database: the engine's failure with its hint. */
static void schema_version_and_a_file_that_is_not_a_database(void **state)
{
    (void)state;
    struct ctg_engine_error err;
    int version = -1;
    assert_int_equal(engine.base.ops->schema_version(&engine.base, &version, &err), CTG_ENGINE_OK);
    assert_int_equal(version, 0);
    assert_int_equal(sqlite3_exec(engine.db, "PRAGMA user_version = 6", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(engine.base.ops->schema_version(&engine.base, &version, &err), CTG_ENGINE_OK);
    assert_int_equal(version, 6);
    sqlite3_close(engine.db);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 64; i++)
        fputs("indicateur;periode;territoire;valeur\n", f);
    fclose(f);
    assert_int_equal(sqlite3_open(path, &engine.db), SQLITE_OK);
    assert_int_equal(engine.base.ops->schema_version(&engine.base, &version, &err), CTG_ENGINE_FAILED);
    assert_string_equal(err.what, "store.schema-read");
    assert_string_equal(err.hint, "store.hint.notadb");
    assert_non_null(strstr(err.detail, "not a database"));
}

/* Transactions on the bare engine: what a rollback undoes, a commit keeps; a second writer
 * fails at begin with the busy hint. */
static void transactions(void **state)
{
    (void)state;
    const struct ctg_engine_ops *ops = engine.base.ops;
    struct ctg_engine_error err;
    assert_false(ops->in_transaction(&engine.base));
    assert_int_equal(ops->begin(&engine.base, 1, &err), CTG_ENGINE_OK);
    assert_true(ops->in_transaction(&engine.base));
    assert_int_equal(ops->exec(&engine.base, "INSERT INTO obs_territory (code) VALUES ('lande')", &err), CTG_ENGINE_OK);
    assert_int_equal(ops->last_insert_id(&engine.base), 4);
    assert_int_equal(ops->changes(&engine.base), 1);
    assert_int_equal(ops->begin(&engine.base, 1, &err), CTG_ENGINE_FAILED);
    assert_string_equal(err.what, "store.begin");
    /* another connection cannot take the write lock meanwhile */
    struct ctg_sqlite other;
    memset(&other, 0, sizeof other);
    other.base.ops = ops;
    assert_int_equal(sqlite3_open(path, &other.db), SQLITE_OK);
    assert_int_equal(ops->begin(&other.base, 1, &err), CTG_ENGINE_FAILED);
    assert_string_equal(err.hint, "store.hint.busy");
    assert_int_equal(ops->rollback(&engine.base, &err), CTG_ENGINE_OK);
    assert_int_equal(ops->begin(&other.base, 1, &err), CTG_ENGINE_OK);
    assert_int_equal(ops->exec(&other.base, "INSERT INTO obs_territory (code) VALUES ('bocage')", &err), CTG_ENGINE_OK);
    assert_int_equal(ops->commit(&other.base, &err), CTG_ENGINE_OK);
    sqlite3_close(other.db);
    int64_t id = 0;
    assert_int_equal(ops->dict_id(&engine.base, CTG_DICT_TERRITORY, "lande", &id, &err), CTG_ENGINE_OK);
    assert_int_equal(id, 0);
    assert_int_equal(ops->dict_id(&engine.base, CTG_DICT_TERRITORY, "bocage", &id, &err), CTG_ENGINE_OK);
    assert_int_equal(id, 4);
    assert_int_equal(ops->commit(&engine.base, &err), CTG_ENGINE_FAILED);
    assert_string_equal(err.what, "store.commit");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(whole_plan_in_stored_order, setup, teardown),
        cmocka_unit_test_setup_teardown(sets_keep_their_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(another_moment_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_missing_view_is_the_engines_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_known_at_claims_no_moment, setup, teardown),
        cmocka_unit_test_setup_teardown(schema_version_and_a_file_that_is_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(transactions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
