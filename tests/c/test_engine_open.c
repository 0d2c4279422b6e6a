/* The engine interface's open and close (store/engine.h), through the registry
 * (store/engines.c), on files of a temporary folder: a new database gets the schema of the
 * last migration; reading a missing file is CTG_ENGINE_NOT_FOUND and creates nothing; a newer
 * schema and another program's tables are refused with what they hold, the file untouched; a
 * view redefined by hand is CTG_ENGINE_ALTERED, its finding named through the callback; raw
 * opens any of them as it is; a postgresql:// address selects the PostgreSQL engine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "store/engines.h"

static char dir[] = "/tmp/ctg-test-open-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

/* Run sql on the file at path with the sqlite3 library directly (another program). */
static void write_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

struct findings {
    int n;
    char first_key[64], first_object[64];
};

static int collect(void *ud, const struct ctg_schema_finding *f)
{
    struct findings *out = ud;
    if (out->n++ == 0) {
        snprintf(out->first_key, sizeof out->first_key, "%s", f->key);
        snprintf(out->first_object, sizeof out->first_object, "%s", f->object_name ? f->object_name : "");
    }
    return 0;
}

static void new_database_is_migrated(void **state)
{
    (void)state;
    char path[256];
    path_of(path, sizeof path, "neuve.db");
    const struct ctg_engine_ops *ops = ctg_engine_for(path);
    assert_non_null(ops);
    assert_string_equal(ops->name, "SQLite");
    struct ctg_open_options o = {.create = 1};
    struct ctg_engine *e = NULL;
    struct ctg_engine_error err;
    assert_int_equal(ops->open(path, &o, &e, &err), CTG_ENGINE_OK);
    assert_non_null(e);
    assert_string_equal(e->path, path);
    int version = -1;
    assert_int_equal(e->ops->schema_version(e, &version, &err), CTG_ENGINE_OK);
    assert_int_equal(version, ops->schema_latest);
    assert_true(version >= 7);
    struct findings f = {0};
    int count = -1;
    assert_int_equal(e->ops->check_schema(e, collect, &f, &version, &count, &err), CTG_ENGINE_OK);
    assert_int_equal(count, 0);
    assert_int_equal(e->ops->check_rows(e, NULL, &err), CTG_ENGINE_OK);
    ops->close(e);
    ops->close(NULL);
}

static void missing_read_is_not_found(void **state)
{
    (void)state;
    char path[256];
    path_of(path, sizeof path, "absente.db");
    const struct ctg_engine_ops *ops = ctg_engine_for(path);
    struct ctg_engine *e = (struct ctg_engine *)&e;
    struct ctg_engine_error err;
    struct ctg_open_options readonly = {.readonly = 1};
    assert_int_equal(ops->open(path, &readonly, &e, &err), CTG_ENGINE_NOT_FOUND);
    assert_null(e);
    struct ctg_open_options writer = {.create = 0};
    assert_int_equal(ops->open(path, &writer, &e, &err), CTG_ENGINE_NOT_FOUND);
    assert_false(file_exists(path));
}

static void newer_schema_refused(void **state)
{
    (void)state;
    char path[256];
    path_of(path, sizeof path, "future.db");
    write_sql(path, "CREATE TABLE t (x); PRAGMA user_version = 41;");
    const struct ctg_engine_ops *ops = ctg_engine_for(path);
    struct ctg_engine *e = NULL;
    struct ctg_engine_error err;
    struct ctg_open_options o = {.create = 1};
    assert_int_equal(ops->open(path, &o, &e, &err), CTG_ENGINE_NEWER);
    assert_null(e);
    assert_int_equal(err.version, 41);
    assert_int_equal(err.known, ops->schema_latest);
    /* raw: opened as it is, nothing migrated */
    struct ctg_open_options raw = {.raw = 1};
    assert_int_equal(ops->open(path, &raw, &e, &err), CTG_ENGINE_OK);
    int version = 0;
    assert_int_equal(e->ops->schema_version(e, &version, &err), CTG_ENGINE_OK);
    assert_int_equal(version, 41);
    ops->close(e);
}

static void foreign_database_refused(void **state)
{
    (void)state;
    char path[256];
    path_of(path, sizeof path, "compta.db");
    write_sql(path, "CREATE TABLE factures (id INTEGER PRIMARY KEY, montant REAL);");
    const struct ctg_engine_ops *ops = ctg_engine_for(path);
    struct ctg_engine *e = NULL;
    struct ctg_engine_error err;
    struct ctg_open_options o = {.create = 1};
    assert_int_equal(ops->open(path, &o, &e, &err), CTG_ENGINE_FOREIGN);
    assert_null(e);
    assert_string_equal(err.table, "table");
    assert_string_equal(err.column, "factures");
    /* nothing of ctg's written among its tables */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void altered_view_named(void **state)
{
    (void)state;
    char path[256];
    path_of(path, sizeof path, "vue.db");
    const struct ctg_engine_ops *ops = ctg_engine_for(path);
    struct ctg_engine *e = NULL;
    struct ctg_engine_error err;
    struct ctg_open_options o = {.create = 1};
    assert_int_equal(ops->open(path, &o, &e, &err), CTG_ENGINE_OK);
    ops->close(e);
    write_sql(path, "DROP VIEW obs_current; CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE value < 10;");
    struct findings f = {0};
    o.finding = collect;
    o.finding_ud = &f;
    assert_int_equal(ops->open(path, &o, &e, &err), CTG_ENGINE_ALTERED);
    assert_null(e);
    assert_string_equal(err.what, "contain.db.altered");
    assert_int_equal(f.n, 1);
    assert_string_equal(f.first_key, "contain.db.schema.changed");
    assert_string_equal(f.first_object, "obs_current");
    /* without a callback the refusal stands, its findings unsaid */
    o.finding = NULL;
    assert_int_equal(ops->open(path, &o, &e, &err), CTG_ENGINE_ALTERED);
}

static void postgres_url_selects_postgres(void **state)
{
    (void)state;
    assert_string_equal(ctg_engine_for("postgresql://ctg@localhost/ctg")->name, "PostgreSQL");
    assert_string_equal(ctg_engine_for("postgres://h/d")->name, "PostgreSQL");
    assert_ptr_not_equal(ctg_engine_for("postgres://h/d"), ctg_engine_default());
    assert_true(ctg_engine_is_postgres("postgres://h/d"));
    assert_false(ctg_engine_is_postgres("./postgresql://h/d"));
    assert_false(ctg_engine_is_postgres("postgresql.db"));
    assert_ptr_equal(ctg_engine_for("postgresql.db"), ctg_engine_default());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_database_is_migrated),
        cmocka_unit_test(missing_read_is_not_found),
        cmocka_unit_test(newer_schema_refused),
        cmocka_unit_test(foreign_database_refused),
        cmocka_unit_test(altered_view_named),
        cmocka_unit_test(postgres_url_selects_postgres),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
