/* The SQLite engine: its handle as the store (store/sqlite.c) keeps it, and what the program
 * asks of the SQLite library itself. Included by SQLite files only (sqlite in their path). */
#ifndef CTG_STORE_SQLITE_H
#define CTG_STORE_SQLITE_H

#include <sqlite3.h>

#include "store/sqlite_fingerprint.h"

#include "store/engine.h"

/* An open SQLite database as an engine: base first, so that a struct ctg_engine * of it
 * is a struct ctg_sqlite *. db belongs to its owner (the store), which keeps it here. */
struct ctg_sqlite {
    struct ctg_engine base;
    sqlite3 *db;
    char *moment;   /* known_at's moment (base.known_at), owned */
    struct ctg_fp_track fp;     /* the write transaction begun, tracked for the fingerprint */
    sqlite3_int64 known_import; /* known_at's last import known (0: none), when known_set */
    int known_set;
};

/* The schema version of the last migration (store/sqlite.c checks it against them). */
#define CTG_SQLITE_SCHEMA_VERSION 7

/* The SQLite engine's operations. */
extern const struct ctg_engine_ops ctg_sqlite_ops;

/* The operations written in store/sqlite.c, beside the schema they read (store/engine.h). */
int ctg_sqlite_open(const char *path, const struct ctg_open_options *options, struct ctg_engine **out,
                    struct ctg_engine_error *err);
void ctg_sqlite_close(struct ctg_engine *e);
int ctg_sqlite_check_schema(struct ctg_engine *e, ctg_schema_finding_fn each, void *ud, int *version, int *count,
                            struct ctg_engine_error *err);
int ctg_sqlite_check_rows(struct ctg_engine *e, const char *plan_id, struct ctg_engine_error *err);
int ctg_sqlite_put(struct ctg_engine *e, const struct ctg_row *row, int64_t *revision_out,
                   int64_t *first_line, struct ctg_engine_error *err);
int ctg_sqlite_begin_bulk(struct ctg_engine *e, struct ctg_engine_error *err);
void ctg_sqlite_end_bulk(struct ctg_engine *e);
int ctg_sqlite_schema_version(struct ctg_engine *e, int *version, struct ctg_engine_error *err);
int ctg_sqlite_known_at(struct ctg_engine *e, const char *moment, int64_t last, struct ctg_engine_error *err);
int ctg_sqlite_fingerprint(struct ctg_engine *e, const char *plan_id, int recompute, char out[17],
                           struct ctg_engine_error *err);

int ctg_sqlite_prepare(struct ctg_engine *e, const char *sql, int require_readonly,
                       struct ctg_prepared *out, struct ctg_engine_error *err);
int ctg_sqlite_bind(struct ctg_engine *e, struct ctg_cursor *c, int param, const struct ctg_value *v,
                    struct ctg_engine_error *err);
int ctg_sqlite_step(struct ctg_engine *e, struct ctg_cursor *c, int *row, struct ctg_engine_error *err);
int ctg_sqlite_ncolumns(struct ctg_cursor *c);
const char *ctg_sqlite_column_name(struct ctg_cursor *c, int i);
void ctg_sqlite_column(struct ctg_cursor *c, int i, struct ctg_value *out);
void ctg_sqlite_finalize(struct ctg_cursor *c);
int64_t ctg_sqlite_changes(struct ctg_engine *e);
int ctg_sqlite_begin(struct ctg_engine *e, int write, struct ctg_engine_error *err);
int ctg_sqlite_commit(struct ctg_engine *e, struct ctg_engine_error *err);
int ctg_sqlite_rollback(struct ctg_engine *e, struct ctg_engine_error *err);
int ctg_sqlite_in_transaction(struct ctg_engine *e);
int64_t ctg_sqlite_last_insert_id(struct ctg_engine *e);
int ctg_sqlite_exec(struct ctg_engine *e, const char *sql, struct ctg_engine_error *err);
size_t ctg_sqlite_limit_length(struct ctg_engine *e, size_t max);

/* Fill err for SQLite's current error on db about what (a catalogue key), with its hint. */
int ctg_sqlite_error(sqlite3 *db, const char *what, struct ctg_engine_error *err);

/* Fill err for code and msg (an error read before a ROLLBACK replaced it). */
int ctg_sqlite_error_code(int code, const char *msg, const char *what, struct ctg_engine_error *err);

/* Whether db reads through its memory map (the default of a store's handle: the plan's
 * large texts come without a copy) or page by page through SQLite's small cache (a scan of
 * every observation: each page read once, the process's memory bounded whatever the size
 * of the file). Returns the SQLite code. */
int ctg_sqlite_map_reads(sqlite3 *db, int mapped);

#endif
