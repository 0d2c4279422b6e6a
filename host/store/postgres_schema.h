/* ctg's schema written for PostgreSQL (issue 28): the tables, indexes and views of the SQLite
 * schema (host/store.c migrations[]) with PostgreSQL's types, the migrations' bookkeeping
 * (ctg_schema, under an advisory lock) and the roles. One place, read by the PostgreSQL engine
 * to come, by `ctg help store` and by the tests (ctg.pg_schema). No Lua, no libpq here. */
#ifndef CTG_STORE_POSTGRES_SCHEMA_H
#define CTG_STORE_POSTGRES_SCHEMA_H

/* One step: the SQL that brings a database from the previous version to `version`. The
 * versions are SQLite's (user_version): a dump of schema N restores on either engine. */
struct ctg_pg_migration {
    int version;
    const char *sql;
};

extern const struct ctg_pg_migration ctg_pg_migrations[];
extern const int ctg_pg_migration_count;

/* The key of pg_advisory_xact_lock that serializes the migrations of every ctg client of one
 * database: "ctg" in ASCII. */
#define CTG_PG_LOCK_KEY 6517863

/* Before any migration, under the lock: the table of applied versions. */
extern const char ctg_pg_bookkeeping_sql[];

/* The roles: a reader that can read everything and write nothing, an analyst that can import
 * (INSERT, and reset the latest flag of a superseded revision) but neither UPDATE a value nor
 * DELETE. Run by the owner of the tables after the migrations. */
extern const char ctg_pg_reader_sql[];
extern const char ctg_pg_analyst_sql[];

#endif
