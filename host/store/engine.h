/* The storage engine interface: what ctg asks of a database, whatever the engine.
 *
 * A storage engine is a table of operations (struct ctg_engine_ops) and a handle that starts
 * with a pointer to it (struct ctg_engine), as Tarantool's engine.h has it: SQLite is the first
 * implementation (store/sqlite_engine.c: the table and the scan; store/sqlite.c: the
 * operations beside the schema they read), PostgreSQL (libpq) the second. Nothing here includes
 * a Lua or an engine header: the evaluation kernel (core/kernel.c) reads through it, and the
 * binding (lua/) turns its errors into catalogue messages.
 *
 * Reading works by slices (struct ctg_slice): the current observations of one plan, of some
 * indicators, periods and territories, as known at a moment. The rows come to a callback in
 * the order they were stored, which an engine can stream (SQLite: one statement stepped;
 * libpq: single-row mode or a cursor) without holding the slice in memory.
 *
 * Errors are values: an operation returns CTG_ENGINE_OK or a status and fills a struct
 * ctg_engine_error (the engine's code and words, the catalogue key of what failed and of the
 * hint), never raising. */
#ifndef CTG_STORE_ENGINE_H
#define CTG_STORE_ENGINE_H

#include <stddef.h>
#include <stdint.h>

enum ctg_engine_status {
    CTG_ENGINE_OK = 0,
    CTG_ENGINE_FAILED,   /* the engine refused or failed: code and detail say how */
    CTG_ENGINE_NOMEM,    /* out of memory (ours or the engine's) */
    CTG_ENGINE_ALTERED,  /* a stored row breaks what ctg keeps true: row, column, expected */
    CTG_ENGINE_REFUSED,  /* a request the engine does not serve (detail says which) */
    CTG_ENGINE_NOT_FOUND, /* open, read-only or without create: no database at that path */
    CTG_ENGINE_NEWER,    /* open: a schema newer than this ctg's (version, known) */
    CTG_ENGINE_FOREIGN,  /* open: another program's database (table: the object's kind,
                          * column: its name), where ctg's tables must not be written */
};

struct ctg_engine_error {
    int status;               /* enum ctg_engine_status */
    int code;                 /* the engine's own code (SQLite's extended code) */
    const char *what;         /* catalogue key of what failed ("store.read") */
    const char *hint;         /* catalogue key of a hint for the code, or NULL */
    const char *table, *column, *expected; /* CTG_ENGINE_ALTERED: where, and what it should hold */
    int64_t row;              /* CTG_ENGINE_ALTERED: the offending row's id */
    int version, known;       /* CTG_ENGINE_NEWER: the database's schema, this ctg's */
    const char *var;          /* a placeholder of what's sentence ({record}), or NULL, */
    char var_value[256];      /* and its value */
    char detail[1024];         /* the engine's own words, as a search or a bug report needs them */
};

/* The dictionaries of an observation's key: each text stored once, named by a small id. */
enum ctg_dict { CTG_DICT_PLAN, CTG_DICT_SUBJECT, CTG_DICT_PERIOD, CTG_DICT_TERRITORY, CTG_DICT_DIMS,
                CTG_NDICTS };

/* A set of dictionary ids; ids NULL: every id (n is then ignored), n 0 with ids: none. */
struct ctg_id_set {
    const int64_t *ids;
    size_t n;
};

/* Which records of a slice: the values (record "value"), or the parts of ratios (records
 * "numerator" and "denominator", schema 6). */
enum ctg_records { CTG_RECORDS_VALUES, CTG_RECORDS_PARTS };

/* What a scan reads: the current rows of plan (a dictionary id) among the given subjects,
 * periods and territories. known_at: NULL reads the engine as it stands (its known_at
 * operation, when one was set); a moment must be the one that operation set — an engine that
 * cannot read another moment in the same session refuses it (CTG_ENGINE_REFUSED), never
 * reads the latest instead. */
struct ctg_slice {
    int64_t plan;
    enum ctg_records records;
    struct ctg_id_set subjects, periods, territories;
    const char *known_at;
};

/* The kinds of a stored column, as a scan reports them (a database altered by hand can
 * hold text where ctg writes numbers: the kernel names the row rather than summing it). */
enum ctg_cell_type { CTG_CELL_NULL, CTG_CELL_NUMBER, CTG_CELL_OTHER };

/* One current row of a slice. ids: subject, period, territory, dims (dictionary ids; ids_typed
 * has bit i set when id i is stored as an integer). number[]: value, numerator, denominator,
 * meaningful when type[] is CTG_CELL_NUMBER. record: the obs_record id (1 value, 5 numerator,
 * 6 denominator). */
struct ctg_scan_row {
    int64_t id;
    int64_t ids[4];
    unsigned ids_typed;
    int record;
    uint8_t type[3];
    double number[3];
    uint8_t missing, text;   /* a missing reason, a text: present or not */
};

/* The callback of a scan: 0 to go on, anything else stops the scan, which returns it. */
typedef int (*ctg_scan_fn)(void *ud, const struct ctg_scan_row *row);
/* The callback of a dictionary read: one (id, text) pair; non-zero stops. */
typedef int (*ctg_dict_fn)(void *ud, int64_t id, const char *text, size_t len);

/* One observation row to store; text fields NULL when absent. */
struct ctg_row {
    const char *key[6];   /* plan_id, record, subject, period, territory, dims */
    size_t key_len[6];
    int has_number[3];    /* value, numerator, denominator */
    double number[3];
    const char *text, *missing, *status, *note, *source;
    int64_t import_id, line;
    int64_t column; /* the spreadsheet column of the cell (1 = A), 0: none (NULL) */
};

struct ctg_engine;

/* A finding of a check of the stored schema: the catalogue key of its sentence and its
 * placeholders (name/value pairs, NULL-terminated); object_type, object_name: when set, the
 * placeholder {object} is the catalogue's name of that schema object (contain.db.object.TYPE
 * with {name}). The binding words it; the strings live during the call only. Return 0. */
struct ctg_schema_finding {
    const char *key;
    const char *vars[11];
    const char *object_type, *object_name;
};
typedef int (*ctg_schema_finding_fn)(void *ud, const struct ctg_schema_finding *f);

/* How to open a database. readonly: reading only (a missing database is CTG_ENGINE_NOT_FOUND,
 * never created); create: a missing one is created (else CTG_ENGINE_NOT_FOUND); raw: neither
 * migrations nor schema check (ctg verifier: the database as it is). busy_timeout_ms: how long
 * to wait for another writer's lock. */
struct ctg_open_options {
    int readonly, create, raw;
    int busy_timeout_ms;           /* negative: the engine's default; 0: no wait */
    ctg_schema_finding_fn finding;        /* each difference of the schema check (NULL: none said) */
    void *finding_ud;
};


/* A statement prepared by an engine, stepped row by row (SQLite: a statement; libpq: a
 * portal read in single-row mode). */
struct ctg_cursor;

/* A value bound to a parameter or read from a column. text (len bytes) lives until the
 * cursor's next step. */
enum ctg_value_type { CTG_VALUE_NULL, CTG_VALUE_INTEGER, CTG_VALUE_REAL, CTG_VALUE_TEXT };
struct ctg_value {
    int type;
    int64_t integer;
    double real;
    const char *text;
    size_t len;
};

/* What preparing a statement tells of it. */
struct ctg_prepared {
    struct ctg_cursor *cursor; /* NULL: the text holds no statement */
    const char *tail;          /* what follows the first statement (blanks and ; skipped) */
    int readonly;              /* the statement changes nothing */
    int nparams;
    int joined_read;           /* it reads through the views that join the dictionaries: the
                                * caller checks every row's references first */
};

struct ctg_engine_ops {
    const char *name;   /* the engine's name in messages: "SQLite" */
    int schema_latest;  /* the schema version this ctg writes */
    /* Open the database at path (a file, or the engine's URL): the handle into *out, which
     * close frees. Unless options->raw, what the database holds is checked before anything
     * is written into it (a newer schema: CTG_ENGINE_NEWER; another program's tables:
     * CTG_ENGINE_FOREIGN; a schema object not as ctg's migrations wrote it: CTG_ENGINE_ALTERED
     * with the first finding's sentence key in err->what — check_schema says them all),
     * then the migrations run, all in one transaction. On failure *out is NULL and the database as
     * it was. */
    int (*open)(const char *path, const struct ctg_open_options *options, struct ctg_engine **out,
                struct ctg_engine_error *err);
    /* Roll back what is open and free the handle (NULL: nothing). */
    void (*close)(struct ctg_engine *e);
    /* Every difference between the stored schema and the one ctg's migrations write at the
     * database's version, to each; *version: that version (outside 1..schema_latest no
     * finding: the caller says what the number means); *count: the findings. */
    int (*check_schema)(struct ctg_engine *e, ctg_schema_finding_fn each, void *ud, int *version, int *count,
                        struct ctg_engine_error *err);
    /* Every stored row's references and numbers (what a read through the views that join the
     * dictionaries needs) — of plan_id's rows only when given (what its evaluation and its
     * kept fingerprint read), of the whole base when NULL: CTG_ENGINE_OK, or
     * CTG_ENGINE_ALTERED naming the first offending row, or a failure. */
    int (*check_rows)(struct ctg_engine *e, const char *plan_id, struct ctg_engine_error *err);
    /* Store row as the next revision of its key: *revision (>= 1), or 0 with *first_line
     * when the same import already wrote the key (its line). The strings of row are used
     * during the call only. key[1] must be one of value, progress, meeting, funding,
     * numerator, denominator (CTG_ENGINE_REFUSED otherwise); the five other parts are looked
     * up in (and added to) their dictionaries. Between begin_bulk (inside a transaction)
     * and end_bulk the engine may cache the dictionaries and the keys of each plan written
     * (SQLite: C hash maps loaded once, so that a new key costs no B-tree probe). */
    int (*put)(struct ctg_engine *e, const struct ctg_row *row, int64_t *revision, int64_t *first_line,
               struct ctg_engine_error *err);
    int (*begin_bulk)(struct ctg_engine *e, struct ctg_engine_error *err);
    void (*end_bulk)(struct ctg_engine *e);
    /* The version of the database's schema (0: a new, empty database). */
    int (*schema_version)(struct ctg_engine *e, int *version, struct ctg_engine_error *err);
    /* The id of text in dictionary d (*id = 0 when absent). */
    int (*dict_id)(struct ctg_engine *e, enum ctg_dict d, const char *text, int64_t *id,
                   struct ctg_engine_error *err);
    /* Every (id, text) of dictionary d, to each. */
    int (*dict_each)(struct ctg_engine *e, enum ctg_dict d, ctg_dict_fn each, void *ud,
                     struct ctg_engine_error *err);
    /* The current rows of slice, in the order they were stored, to each: CTG_ENGINE_OK, a
     * status (err filled), or what each returned to stop. */
    int (*scan)(struct ctg_engine *e, const struct ctg_slice *slice, ctg_scan_fn each, void *ud,
                struct ctg_engine_error *err);
    /* From now on, read the observations as known at moment (YYYY-MM-DDTHH:MM:SSZ, UTC,
     * included; the caller checks its shape) and imported up to import last (INT64_MAX: all):
     * the latest revision of each key among them is the current one. Sets e->known_at. */
    int (*known_at)(struct ctg_engine *e, const char *moment, int64_t last, struct ctg_engine_error *err);
    /* The fingerprint of the current observations of plan_id (as known at e->known_at):
     * 16 hex digits into out, the same for the same data whatever its history or engine. An
     * engine keeps it up to date at import (each write transaction) and reads it here;
     * recompute: from every current row instead (ctg verifier: a stored one that lies). */
    int (*fingerprint)(struct ctg_engine *e, const char *plan_id, int recompute, char out[17],
                       struct ctg_engine_error *err);
    /* The engine's own SQL, for db:query and ctg.db: prepare one statement (with
     * require_readonly, anything but reading is refused while it is prepared); bind its
     * parameters (1-based); step it (*row 1: a row to read, 0: the end); read its columns;
     * finalize it. */
    int (*prepare)(struct ctg_engine *e, const char *sql, int require_readonly, struct ctg_prepared *out,
                   struct ctg_engine_error *err);
    int (*bind)(struct ctg_engine *e, struct ctg_cursor *c, int param, const struct ctg_value *v,
                struct ctg_engine_error *err);
    int (*step)(struct ctg_engine *e, struct ctg_cursor *c, int *row, struct ctg_engine_error *err);
    int (*ncolumns)(struct ctg_cursor *c);
    const char *(*column_name)(struct ctg_cursor *c, int i);
    void (*column)(struct ctg_cursor *c, int i, struct ctg_value *out);
    void (*finalize)(struct ctg_cursor *c);
    /* Transactions: begin one (write: taking the write lock at once, so that a second
     * writer waits or fails here rather than at its first write), commit, roll back; whether
     * one is open; the id of the last row inserted. */
    int (*begin)(struct ctg_engine *e, int write, struct ctg_engine_error *err);
    int (*commit)(struct ctg_engine *e, struct ctg_engine_error *err);
    int (*rollback)(struct ctg_engine *e, struct ctg_engine_error *err);
    int (*in_transaction)(struct ctg_engine *e);
    int64_t (*last_insert_id)(struct ctg_engine *e);
    /* The rows the last statement changed; a statement without parameters run at once
     * (BEGIN, COMMIT…). */
    int64_t (*changes)(struct ctg_engine *e);
    int (*exec)(struct ctg_engine *e, const char *sql, struct ctg_engine_error *err);
    /* The longest string or blob the engine may build for a statement: set to max (0: left
     * as it is); returns the previous bound. */
    size_t (*limit_length)(struct ctg_engine *e, size_t max);
};

/* An open database: engines embed it first in their own handle. path names it in messages;
 * known_at: the moment the engine's reads are narrowed to (NULL: the latest). */
struct ctg_engine {
    const struct ctg_engine_ops *ops;
    const char *path;
    const char *known_at;
};

/* For engines (store/slice.c): CTG_ENGINE_OK, *empty set when one of slice's sets is empty
 * (no row to read); CTG_ENGINE_REFUSED with err filled when slice asks for a moment other
 * than the handle's (never read as the latest instead). */
int ctg_slice_admit(const struct ctg_engine *e, const struct ctg_slice *slice, int *empty,
                    struct ctg_engine_error *err);

#endif
