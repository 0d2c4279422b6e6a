/* The PostgreSQL engine (store/engine.h) over libpq, issue 28: a database restored from a
 * ctg dump is read as its SQLite original (the same rows, the same values, the same order).
 *
 * What it serves: open (the schema of store/postgres_schema.c written by its migrations under
 * an advisory lock; another program's database and a newer schema refused), the reads
 * (dictionaries, the scan by slice in single-row mode, known_at, the fingerprint read from
 * the chain a dump carries or recomputed with core/fingerprint.c's row hash), the cursor of
 * db:query (SQLite's ? and ?N turned into $N; integers, doubles, text and NULL as SQLite
 * gives them) and transactions (what ctg restore writes through). What it refuses by name:
 * put (an import writes into SQLite; ctg.db says so before anything is written).
 *
 * A read-only open reads one snapshot: a REPEATABLE READ transaction held from open to close
 * (and rolled back there: nothing a read-only handle did outlives it); BEGIN/COMMIT asked
 * meanwhile nest inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <math.h>
#include <libpq-fe.h>

#include "core/fingerprint.h"
#include "store/engines.h"
#include "store/postgres_schema.h"
#include "store/sqlite.h"

/* PostgreSQL's type oids (catalog/pg_type_d.h, stable across versions) */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_OID 26
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

struct pg {
    struct ctg_engine base;
    PGconn *conn;
    char *path, *moment;
    int snapshot;      /* a read-only open: the transaction held from open to close */
    int depth;         /* BEGIN asked inside the snapshot */
    int known_set;
    int64_t known_import;
    int64_t changes;
    int ncursors;      /* names of prepared statements */
    size_t limit;
};

struct ctg_cursor {
    struct pg *pg;
    char *sql;
    int nparams;
    char **values;
    Oid *types;
    PGresult *res;
    int executed, row, failed;
};

extern const struct ctg_engine_ops ctg_postgres_ops;

static struct pg *pg_of(struct ctg_engine *e) { return (struct pg *)e; }

static int fail_text(const char *what, const char *hint, const char *detail, struct ctg_engine_error *err)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_FAILED;
    err->what = what;
    err->hint = hint;
    snprintf(err->detail, sizeof err->detail, "%s", detail ? detail : "");
    /* libpq's words run on several lines (a hint after a tab): one line in our message */
    for (char *c = err->detail; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    size_t n = strlen(err->detail);
    while (n && err->detail[n - 1] == ' ')
        err->detail[--n] = 0;
    return err->status;
}

static int fail_conn(struct pg *p, const char *what, struct ctg_engine_error *err)
{
    return fail_text(what, NULL, PQerrorMessage(p->conn), err);
}

static int fail_res(struct pg *p, PGresult *r, const char *what, struct ctg_engine_error *err)
{
    const char *m = r ? PQresultErrorMessage(r) : NULL;
    fail_text(what, NULL, m && *m ? m : PQerrorMessage(p->conn), err);
    PQclear(r);
    return err->status;
}

static int nomem(struct ctg_engine_error *err)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_NOMEM;
    err->what = "store.nomem";
    return err->status;
}

/* Run sql (no parameters, several statements allowed) and expect no rows. */
static int run(struct pg *p, const char *sql, const char *what, struct ctg_engine_error *err)
{
    PGresult *r = PQexec(p->conn, sql);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        return fail_res(p, r, what, err);
    const char *n = PQcmdTuples(r);
    p->changes = n && *n ? strtoll(n, NULL, 10) : 0;
    PQclear(r);
    return CTG_ENGINE_OK;
}

/* Run sql with text parameters; the result (rows) into *out. */
static int query(struct pg *p, const char *sql, int n, const char *const *values, PGresult **out,
                 const char *what, struct ctg_engine_error *err)
{
    PGresult *r = PQexecParams(p->conn, sql, n, NULL, values, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        *out = NULL;
        return fail_res(p, r, what, err);
    }
    *out = r;
    return CTG_ENGINE_OK;
}

/* A single integer (NULL: 0) from sql. */
static int query_int(struct pg *p, const char *sql, int n, const char *const *values, int64_t *out,
                     const char *what, struct ctg_engine_error *err)
{
    PGresult *r;
    if (query(p, sql, n, values, &r, what, err) != CTG_ENGINE_OK)
        return err->status;
    *out = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    return CTG_ENGINE_OK;
}

/* ---- opening ------------------------------------------------------------------------------ */

static void quiet(void *arg, const char *message) { (void)arg, (void)message; }

/* The hint of a failed connection: a password refused, or a server out of reach. */
static const char *connect_hint(const char *message)
{
    if (strstr(message, "password") || strstr(message, "authentication"))
        return "store.hint.pg-auth";
    return "store.hint.pg-unreachable";
}

static int schema_version(struct pg *p, int *version, int *has_bookkeeping, struct ctg_engine_error *err)
{
    int64_t present = 0, v = 0;
    if (query_int(p, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public' AND tablename = 'ctg_schema'",
                  0, NULL, &present, "store.schema-read", err) != CTG_ENGINE_OK)
        return err->status;
    *has_bookkeeping = present > 0;
    if (present && query_int(p, "SELECT coalesce(max(version), 0) FROM public.ctg_schema", 0, NULL, &v,
                             "store.schema-read", err) != CTG_ENGINE_OK)
        return err->status;
    *version = (int)v;
    return CTG_ENGINE_OK;
}

/* Another program's database: tables in public but no ctg_schema. */
static int check_foreign(struct pg *p, struct ctg_engine_error *err)
{
    PGresult *r;
    if (query(p, "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename",
              0, NULL, &r, "store.schema-objects", err) != CTG_ENGINE_OK)
        return err->status;
    if (PQntuples(r) > 0) {
        static char name[128];
        snprintf(name, sizeof name, "%s", PQgetvalue(r, 0, 0));
        PQclear(r);
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_FOREIGN;
        err->table = "table";
        err->column = name;
        return err->status;
    }
    PQclear(r);
    return CTG_ENGINE_OK;
}

/* The migrations after version, in one transaction under the advisory lock (two ctg opening
 * a new database at once: the second waits, then finds the work done). */
static int migrate(struct pg *p, struct ctg_engine_error *err)
{
    char lock[96];
    snprintf(lock, sizeof lock, "BEGIN; SELECT pg_advisory_xact_lock(%d)", CTG_PG_LOCK_KEY);
    if (run(p, lock, "store.migrate", err) != CTG_ENGINE_OK ||
        run(p, ctg_pg_bookkeeping_sql, "store.migrate", err) != CTG_ENGINE_OK)
        goto failed;
    int64_t version = 0;
    if (query_int(p, "SELECT coalesce(max(version), 0) FROM public.ctg_schema", 0, NULL, &version,
                  "store.migrate", err) != CTG_ENGINE_OK)
        goto failed;
    for (int i = 0; i < ctg_pg_migration_count; i++) {
        if (ctg_pg_migrations[i].version <= version)
            continue;
        char mark[80];
        snprintf(mark, sizeof mark, "INSERT INTO public.ctg_schema (version) VALUES (%d)", ctg_pg_migrations[i].version);
        if (run(p, ctg_pg_migrations[i].sql, "store.migrate", err) != CTG_ENGINE_OK ||
            run(p, mark, "store.migrate", err) != CTG_ENGINE_OK)
            goto failed;
    }
    if (run(p, "COMMIT", "store.migrate", err) != CTG_ENGINE_OK)
        goto failed;
    return CTG_ENGINE_OK;
failed:
    PQclear(PQexec(p->conn, "ROLLBACK"));
    return err->status;
}

static int open_steps(struct pg *p, const struct ctg_open_options *o, struct ctg_engine_error *err)
{
    if (PQstatus(p->conn) != CONNECTION_OK) {
        const char *m = PQerrorMessage(p->conn);
        return fail_text("store.pg-connect", connect_hint(m), m, err);
    }
    PQsetNoticeProcessor(p->conn, quiet, NULL);
    /* doubles printed with every digit (strtod reads back the same bits), UTF-8 texts */
    if (PQsetClientEncoding(p->conn, "UTF8") != 0 ||
        run(p, "SET extra_float_digits = 3; SET client_min_messages = warning", "store.open", err) != CTG_ENGINE_OK)
        return err->status;
    if (o->raw)
        return CTG_ENGINE_OK;
    int version = 0, kept = 0;
    if (schema_version(p, &version, &kept, err) != CTG_ENGINE_OK)
        return err->status;
    if (!kept && check_foreign(p, err) != CTG_ENGINE_OK)
        return err->status;
    int latest = ctg_postgres_ops.schema_latest;
    if (version > latest) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_NEWER;
        err->version = version, err->known = latest;
        return err->status;
    }
    if (version < latest) {
        if (!o->create) {
            memset(err, 0, sizeof *err);
            if (version == 0) {
                err->status = CTG_ENGINE_NOT_FOUND;
                return err->status;
            }
            return fail_text("store.reopen", NULL, "", err);
        }
        if (migrate(p, err) != CTG_ENGINE_OK)
            return err->status;
    }
    if (o->readonly) {
        if (run(p, "BEGIN ISOLATION LEVEL REPEATABLE READ", "store.open", err) != CTG_ENGINE_OK)
            return err->status;
        p->snapshot = 1;
    }
    return CTG_ENGINE_OK;
}

static void pg_close(struct ctg_engine *e)
{
    if (!e)
        return;
    struct pg *p = pg_of(e);
    if (p->conn) {
        if (PQstatus(p->conn) == CONNECTION_OK && PQtransactionStatus(p->conn) != PQTRANS_IDLE)
            PQclear(PQexec(p->conn, "ROLLBACK"));
        PQfinish(p->conn);
    }
    free(p->path);
    free(p->moment);
    free(p);
}

static int pg_open(const char *path, const struct ctg_open_options *o, struct ctg_engine **out,
                   struct ctg_engine_error *err)
{
    *out = NULL;
    struct pg *p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(path))) {
        free(p);
        return nomem(err);
    }
    p->base.ops = &ctg_postgres_ops;
    p->base.path = p->path;
    p->conn = PQconnectdb(path);
    if (!p->conn) {
        pg_close(&p->base);
        return nomem(err);
    }
    if (open_steps(p, o, err) != CTG_ENGINE_OK) {
        pg_close(&p->base);
        return err->status;
    }
    *out = &p->base;
    return CTG_ENGINE_OK;
}

/* ---- the schema and the rows -------------------------------------------------------------- */

static int pg_schema_version(struct ctg_engine *e, int *version, struct ctg_engine_error *err)
{
    int kept = 0;
    return schema_version(pg_of(e), version, &kept, err);
}

/* No object-by-object comparison of a PostgreSQL schema yet: refused by name rather than
 * said clean (ctg verifier). */
static int pg_check_schema(struct ctg_engine *e, ctg_schema_finding_fn each, void *ud, int *version, int *count,
                           struct ctg_engine_error *err)
{
    (void)e, (void)each, (void)ud, (void)version, (void)count;
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_REFUSED;
    err->what = "store.pg-check";
    return err->status;
}

/* Every revision's key ids name an entry of their dictionary, and its import exists (the
 * types of the columns keep the numbers numbers): the first offending row in id order, then
 * column order, as SQLite's check (store/sqlite_check.c) names it. Asked for one plan
 * (plan_id), the whole base is checked: a superset, right if slower. */
static int pg_check_rows(struct ctg_engine *e, const char *plan_id, struct ctg_engine_error *err)
{
    (void)plan_id;
    static const char *const tables[] = {"obs_plan", "obs_record", "obs_subject", "obs_period",
                                         "obs_territory", "obs_dims", "import"};
    static const char *const columns[] = {"plan", "record", "subject", "period", "territory", "dims", "import_id"};
    struct pg *p = pg_of(e);
    int64_t first = 0;
    int which = -1;
    for (int i = 0; i < 7; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT min(r.id) FROM public.obs_revision r LEFT JOIN public.%s d ON d.id = r.%s WHERE d.id IS NULL",
                 tables[i], columns[i]);
        int64_t row;
        if (query_int(p, sql, 0, NULL, &row, "store.read", err) != CTG_ENGINE_OK)
            return err->status;
        if (row && (!first || row < first))
            first = row, which = i;
    }
    if (which < 0)
        return CTG_ENGINE_OK;
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_ALTERED;
    err->table = "obs_revision";
    err->column = columns[which];
    err->row = first;
    snprintf(err->var_value, sizeof err->var_value, "un identifiant de %s", tables[which]);
    err->expected = err->var_value;
    return err->status;
}

/* Imports write into SQLite (ctg.db refuses them first, by name): never half a write here. */
static int refuse_write(struct ctg_engine_error *err)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_REFUSED;
    err->what = "store.pg-import";
    return err->status;
}

static int pg_put(struct ctg_engine *e, const struct ctg_row *row, int64_t *revision, int64_t *first_line,
                  struct ctg_engine_error *err)
{
    (void)e, (void)row, (void)revision, (void)first_line;
    return refuse_write(err);
}

static int pg_begin_bulk(struct ctg_engine *e, struct ctg_engine_error *err)
{
    (void)e;
    return refuse_write(err);
}

static void pg_end_bulk(struct ctg_engine *e) { (void)e; }

/* ---- dictionaries, scan ------------------------------------------------------------------- */

static const char *const DICT_FIND[CTG_NDICTS] = {
    "SELECT id FROM obs_plan WHERE plan_id = $1", "SELECT id FROM obs_subject WHERE name = $1",
    "SELECT id FROM obs_period WHERE period = $1", "SELECT id FROM obs_territory WHERE code = $1",
    "SELECT id FROM obs_dims WHERE dims = $1",
};
static const char *const DICT_ALL[CTG_NDICTS] = {
    "SELECT id, plan_id FROM obs_plan ORDER BY id", "SELECT id, name FROM obs_subject ORDER BY id",
    "SELECT id, period FROM obs_period ORDER BY id", "SELECT id, code FROM obs_territory ORDER BY id",
    "SELECT id, dims FROM obs_dims ORDER BY id",
};

static int pg_dict_id(struct ctg_engine *e, enum ctg_dict d, const char *text, int64_t *id,
                      struct ctg_engine_error *err)
{
    const char *v[1] = {text};
    return query_int(pg_of(e), DICT_FIND[d], 1, v, id, "store.read", err);
}

static int pg_dict_each(struct ctg_engine *e, enum ctg_dict d, ctg_dict_fn each, void *ud,
                        struct ctg_engine_error *err)
{
    PGresult *r;
    if (query(pg_of(e), DICT_ALL[d], 0, NULL, &r, "store.read", err) != CTG_ENGINE_OK)
        return err->status;
    int stop = 0;
    for (int i = 0, n = PQntuples(r); i < n && !stop; i++)
        stop = each(ud, strtoll(PQgetvalue(r, i, 0), NULL, 10), PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1));
    PQclear(r);
    return stop;
}

static int in_set(const struct ctg_id_set *set, int64_t id)
{
    if (!set->ids)
        return 1;
    for (size_t i = 0; i < set->n; i++)
        if (set->ids[i] == id)
            return 1;
    return 0;
}

/* One row of a scan's result (columns as SQLite's scan: store/sqlite_engine.c's deliver). */
static void scan_row(PGresult *r, int i, int parts, struct ctg_scan_row *out)
{
    memset(out, 0, sizeof *out);
    for (int c = 0; c < 4; c++)
        out->ids[c] = strtoll(PQgetvalue(r, i, c), NULL, 10);
    out->ids_typed = 0xf; /* bigint columns: always integers */
    int first = parts ? 1 : 0;
    for (int k = first; k < 3; k++) {
        int col = 4 + k - first;
        out->type[k] = PQgetisnull(r, i, col) ? CTG_CELL_NULL : CTG_CELL_NUMBER;
        out->number[k] = out->type[k] == CTG_CELL_NUMBER ? strtod(PQgetvalue(r, i, col), NULL) : 0;
    }
    if (parts) {
        out->record = atoi(PQgetvalue(r, i, 6));
    } else {
        out->record = 1;
        out->missing = (uint8_t)(atoi(PQgetvalue(r, i, 7)) != 0);
        out->text = (uint8_t)(atoi(PQgetvalue(r, i, 8)) != 0);
    }
    out->id = strtoll(PQgetvalue(r, i, 9), NULL, 10);
}

/* Stream the rows of sql (single-row mode: one row in memory at a time) to each. */
static int stream(struct pg *p, const char *sql, int n, const char *const *values, int parts,
                  const struct ctg_slice *slice, ctg_scan_fn each, void *ud, struct ctg_engine_error *err)
{
    if (!PQsendQueryParams(p->conn, sql, n, NULL, values, NULL, NULL, 0) || !PQsetSingleRowMode(p->conn))
        return fail_conn(p, "store.read", err);
    int stop = 0, failed = 0;
    PGresult *r;
    while ((r = PQgetResult(p->conn)) != NULL) {
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_SINGLE_TUPLE && !stop && !failed) {
            struct ctg_scan_row row;
            scan_row(r, 0, parts, &row);
            if (in_set(&slice->subjects, row.ids[0]) && in_set(&slice->periods, row.ids[1]) &&
                in_set(&slice->territories, row.ids[2]))
                stop = each(ud, &row);
        } else if (s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK && !failed) {
            failed = 1;
            fail_text("store.read", NULL, PQresultErrorMessage(r), err);
        }
        PQclear(r); /* the rest of a stopped scan drained: the connection free for the next */
    }
    if (failed)
        return err->status;
    return stop;
}

static int pg_scan(struct ctg_engine *e, const struct ctg_slice *slice, ctg_scan_fn each, void *ud,
                   struct ctg_engine_error *err)
{
    int empty = 0;
    if (ctg_slice_admit(e, slice, &empty, err) != CTG_ENGINE_OK)
        return err->status;
    if (empty)
        return CTG_ENGINE_OK; /* an empty set: no row */
    char plan[24], subject[24];
    snprintf(plan, sizeof plan, "%lld", (long long)slice->plan);
    snprintf(subject, sizeof subject, "%lld",
             (long long)(slice->subjects.ids && slice->subjects.n == 1 ? slice->subjects.ids[0] : 0));
    const char *v[2] = {plan, subject};
    if (slice->records == CTG_RECORDS_PARTS)
        return stream(pg_of(e),
                      "SELECT subject, period, territory, dims, numerator, denominator, record, 0, 0, id "
                      "FROM obs_current WHERE plan = $1::bigint AND record IN (5, 6) "
                      "AND ($2::bigint = 0 OR subject = $2::bigint) ORDER BY id",
                      2, v, 1, slice, each, ud, err);
    return stream(pg_of(e),
                  "SELECT subject, period, territory, dims, value, numerator, denominator, "
                  "(missing IS NOT NULL)::int, (text IS NOT NULL)::int, id FROM obs_current "
                  "WHERE plan = $1::bigint AND record = 1 AND ($2::bigint = 0 OR subject = $2::bigint) ORDER BY id",
                  2, v, 0, slice, each, ud, err);
}

/* ---- known_at, fingerprint ---------------------------------------------------------------- */

#define OBS_COLUMNS                                                                              \
    "r.id, p.plan_id, k.name AS record, s.name AS subject, e.period, t.code AS territory, d.dims, " \
    "r.revision, r.value, r.numerator, r.denominator, r.text, r.missing, r.status, r.note, "     \
    "r.source, r.import_id, r.line, r.withdrawn, r.col AS column_number"
#define OBS_JOINS                                                                                \
    " r JOIN public.obs_plan p ON p.id = r.plan JOIN public.obs_record k ON k.id = r.record "    \
    "JOIN public.obs_subject s ON s.id = r.subject JOIN public.obs_period e ON e.id = r.period " \
    "JOIN public.obs_territory t ON t.id = r.territory JOIN public.obs_dims d ON d.id = r.dims"

/* As SQLite's (store/sqlite.c): temporary views obs_current, observation and
 * current_observation shadow the public ones (pg_temp comes first in the search path) with
 * the revisions known at moment: the latest revision of each key among the imports made up
 * to moment and to import last. */
static int pg_known_at(struct ctg_engine *e, const char *moment, int64_t last, struct ctg_engine_error *err)
{
    struct pg *p = pg_of(e);
#define KNOWN "(SELECT id FROM public.import WHERE imported_at <= %s AND id <= %lld)"
    static const char *const sql =
        "DROP VIEW IF EXISTS pg_temp.current_observation; DROP VIEW IF EXISTS pg_temp.observation;\n"
        "DROP VIEW IF EXISTS pg_temp.obs_current; DROP TABLE IF EXISTS pg_temp.known_revision;\n"
        "CREATE TEMP TABLE known_revision (id bigint PRIMARY KEY);\n"
        "INSERT INTO pg_temp.known_revision SELECT DISTINCT ON (plan, record, subject, period, territory, dims) id\n"
        "  FROM public.obs_revision WHERE import_id IN " KNOWN "\n"
        "  ORDER BY plan, record, subject, period, territory, dims, revision DESC;\n"
        "CREATE TEMP VIEW obs_current AS SELECT r.* FROM pg_temp.known_revision k\n"
        "  JOIN public.obs_revision r ON r.id = k.id WHERE r.withdrawn = 0;\n"
        "CREATE TEMP VIEW observation AS SELECT " OBS_COLUMNS " FROM public.obs_revision" OBS_JOINS
        " WHERE r.import_id IN " KNOWN ";\n"
        "CREATE TEMP VIEW current_observation AS SELECT " OBS_COLUMNS " FROM pg_temp.obs_current" OBS_JOINS ";\n";
#undef KNOWN
    char *literal = PQescapeLiteral(p->conn, moment, strlen(moment));
    if (!literal)
        return nomem(err);
    size_t size = strlen(sql) + 2 * (strlen(literal) + 24);
    char *text = malloc(size), *copy = strdup(moment);
    if (!text || !copy) {
        free(text), free(copy), PQfreemem(literal);
        return nomem(err);
    }
    snprintf(text, size, sql, literal, (long long)last, literal, (long long)last);
    PQfreemem(literal);
    int rc = run(p, text, "store.known-at", err);
    free(text);
    char last_text[24];
    snprintf(last_text, sizeof last_text, "%lld", (long long)last);
    const char *v[2] = {moment, last_text};
    if (rc == CTG_ENGINE_OK)
        rc = query_int(p, "SELECT coalesce(max(id), 0) FROM public.import WHERE imported_at <= $1 AND id <= $2::bigint",
                       2, v, &p->known_import, "store.known-at", err);
    if (rc != CTG_ENGINE_OK) {
        free(copy);
        free(p->moment);
        p->moment = NULL, e->known_at = NULL, p->known_set = 0;
        return rc;
    }
    p->known_set = 1;
    free(p->moment);
    p->moment = copy;
    e->known_at = copy;
    return CTG_ENGINE_OK;
}

/* The hashes of the entries of the six dictionaries of a key, by id (core/fingerprint.h). */
struct fp_dicts {
    uint64_t *hash[6];
    int64_t size[6];
};

static void fp_dicts_free(struct fp_dicts *d)
{
    for (int i = 0; i < 6; i++)
        free(d->hash[i]);
}

static int fp_dicts_load(struct pg *p, struct fp_dicts *d, struct ctg_engine_error *err)
{
    static const char *const sql[6] = {
        "SELECT id, plan_id FROM public.obs_plan",   "SELECT id, name FROM public.obs_record",
        "SELECT id, name FROM public.obs_subject",   "SELECT id, period FROM public.obs_period",
        "SELECT id, code FROM public.obs_territory", "SELECT id, dims FROM public.obs_dims",
    };
    memset(d, 0, sizeof *d);
    for (int k = 0; k < 6; k++) {
        PGresult *r;
        if (query(p, sql[k], 0, NULL, &r, "store.read", err) != CTG_ENGINE_OK) {
            fp_dicts_free(d);
            return err->status;
        }
        int64_t cap = 1;
        for (int i = 0, n = PQntuples(r); i < n; i++) {
            int64_t id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
            if (id >= cap)
                cap = id + 1;
        }
        /* ids are assigned one by one: a dictionary this sparse is not one ctg wrote */
        if (cap > (1 << 26) || !(d->hash[k] = calloc((size_t)cap, sizeof *d->hash[k]))) {
            PQclear(r);
            fp_dicts_free(d);
            return nomem(err);
        }
        d->size[k] = cap;
        for (int i = 0, n = PQntuples(r); i < n; i++) {
            int64_t id = strtoll(PQgetvalue(r, i, 0), NULL, 10);
            if (id >= 0)
                d->hash[k][id] = ctg_fp_entry(PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1));
        }
        PQclear(r);
    }
    return CTG_ENGINE_OK;
}

/* The sum of the row hashes of plan's current rows (obs_current: the moment's when set). */
static int fp_recompute(struct pg *p, const char *plan, uint64_t *out, struct ctg_engine_error *err)
{
    struct fp_dicts d;
    if (fp_dicts_load(p, &d, err) != CTG_ENGINE_OK)
        return err->status;
    const char *v[1] = {plan};
    if (!PQsendQueryParams(p->conn,
                           "SELECT plan, record, subject, period, territory, dims, value, numerator, denominator, "
                           "text, missing, status, note FROM obs_current WHERE plan = $1::bigint",
                           1, NULL, v, NULL, NULL, 0) ||
        !PQsetSingleRowMode(p->conn)) {
        fp_dicts_free(&d);
        return fail_conn(p, "store.read", err);
    }
    uint64_t sum = 0;
    int failed = 0;
    PGresult *r;
    while ((r = PQgetResult(p->conn)) != NULL) {
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_SINGLE_TUPLE && !failed) {
            uint64_t key[6];
            for (int i = 0; i < 6; i++) {
                int64_t id = strtoll(PQgetvalue(r, 0, i), NULL, 10);
                key[i] = id >= 0 && id < d.size[i] ? d.hash[i][id] : 0;
            }
            uint64_t content = CTG_FP_START;
            for (int c = 6; c < 9; c++) {
                int null = PQgetisnull(r, 0, c);
                content = ctg_fp_number(content, null, null ? 0 : strtod(PQgetvalue(r, 0, c), NULL));
            }
            for (int c = 9; c < 13; c++)
                content = PQgetisnull(r, 0, c) ? ctg_fp_text(content, NULL, 0)
                                               : ctg_fp_text(content, PQgetvalue(r, 0, c), (size_t)PQgetlength(r, 0, c));
            sum += ctg_fp_row(key, content);
        } else if (s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK && !failed) {
            failed = 1;
            fail_text("store.read", NULL, PQresultErrorMessage(r), err);
        }
        PQclear(r);
    }
    fp_dicts_free(&d);
    if (failed)
        return err->status;
    *out = sum;
    return CTG_ENGINE_OK;
}

/* As SQLite's (store/sqlite.c, ctg_fp_read): the chain's last link up to the known import,
 * unless that import falls inside a transaction of several; recomputed otherwise. */
static int pg_fingerprint(struct ctg_engine *e, const char *plan_id, int recompute, char out[17],
                          struct ctg_engine_error *err)
{
    struct pg *p = pg_of(e);
    int64_t plan;
    uint64_t h = 0;
    const char *v1[1] = {plan_id};
    if (query_int(p, "SELECT id FROM public.obs_plan WHERE plan_id = $1", 1, v1, &plan, "store.read", err) != CTG_ENGINE_OK)
        return err->status;
    if (plan) {
        char plan_text[24], known[24];
        snprintf(plan_text, sizeof plan_text, "%lld", (long long)plan);
        snprintf(known, sizeof known, "%lld", (long long)(p->known_set ? p->known_import : INT64_MAX));
        const char *v[2] = {plan_text, known};
        int found = 0;
        if (!recompute) {
            PGresult *r;
            if (query(p, "SELECT hash FROM public.obs_fingerprint WHERE plan = $1::bigint AND import_id <= $2::bigint "
                         "ORDER BY import_id DESC LIMIT 1", 2, v, &r, "store.read", err) != CTG_ENGINE_OK)
                return err->status;
            if (PQntuples(r) > 0) {
                h = (uint64_t)strtoll(PQgetvalue(r, 0, 0), NULL, 10);
                found = 1;
            }
            PQclear(r);
            int64_t inside = 0;
            if (found && p->known_set &&
                query_int(p, "SELECT count(*) FROM public.obs_fingerprint WHERE plan = $1::bigint "
                             "AND first_import <= $2::bigint AND import_id > $2::bigint", 2, v, &inside,
                          "store.read", err) != CTG_ENGINE_OK)
                return err->status;
            if (inside)
                found = 0;
        }
        if (!found && fp_recompute(p, plan_text, &h, err) != CTG_ENGINE_OK)
            return err->status;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return CTG_ENGINE_OK;
}

/* ---- the cursor of db:query --------------------------------------------------------------- */

/* The length of a quoted text, identifier or comment starting at s (0: none starts there). */
static size_t skip_quoted(const char *s)
{
    if (*s == '\'' || *s == '"') {
        const char *q = s + 1;
        for (;;) {
            if (!*q)
                return (size_t)(q - s);
            if (*q == *s) {
                if (q[1] == *s) { q += 2; continue; }
                return (size_t)(q + 1 - s);
            }
            q++;
        }
    }
    if (s[0] == '-' && s[1] == '-') {
        const char *q = strchr(s, '\n');
        return q ? (size_t)(q - s) : strlen(s);
    }
    if (s[0] == '/' && s[1] == '*') {
        const char *q = strstr(s + 2, "*/");
        return q ? (size_t)(q + 2 - s) : strlen(s);
    }
    return 0;
}

/* Whether s (inside sql) starts the schema name prefix (main., temp.) of a table. */
static int schema_prefix(const char *sql, const char *s, const char *prefix)
{
    if (strncasecmp(s, prefix, strlen(prefix)) != 0)
        return 0;
    return s == sql || (!isalnum((unsigned char)s[-1]) && s[-1] != '_' && s[-1] != '.');
}

/* SQLite's first statement of sql in PostgreSQL's form (schema names as above): ? numbered in order, ?N as $N; *end:
 * where the statement stops (its ; or the end), *nparams: the highest parameter. */
static char *translate(const char *sql, const char **end, int *nparams)
{
    size_t n = strlen(sql);
    char *out = malloc(n * 4 + 16), *o = out; /* ? -> $NNNNN, temp. -> pg_temp. */
    if (!out)
        return NULL;
    int next = 0, highest = 0;
    const char *s = sql;
    while (*s && *s != ';') {
        size_t q = skip_quoted(s);
        if (q) {
            memcpy(o, s, q), o += q, s += q;
        } else if (schema_prefix(sql, s, "main.")) {
            /* SQLite's schema names: main (the base's tables, past the moment's views) is
             * public, temp is pg_temp */
            o += sprintf(o, "public."), s += 5;
        } else if (schema_prefix(sql, s, "temp.")) {
            o += sprintf(o, "pg_temp."), s += 5;
        } else if (*s == '?') {
            s++;
            int number;
            if (isdigit((unsigned char)*s)) {
                number = (int)strtol(s, (char **)&s, 10);
            } else {
                number = ++next;
            }
            if (number > highest)
                highest = number;
            if (number > next)
                next = number;
            o += sprintf(o, "$%d", number);
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    *end = s;
    *nparams = highest;
    return out;
}

/* Whether a word of sql starts it (case-insensitive), after blanks. */
static int starts_with_word(const char *sql, const char *word)
{
    while (isspace((unsigned char)*sql) || *sql == '(')
        sql++;
    size_t n = strlen(word);
    return strncasecmp(sql, word, n) == 0 && !isalnum((unsigned char)sql[n]) && sql[n] != '_';
}

/* Whether sql names a view that joins the dictionaries (observation, current_observation). */
static int joins_dictionaries(const char *sql)
{
    for (const char *s = sql; (s = strstr(s, "observation")) != NULL; s++) {
        char after = s[11];
        if (!isalnum((unsigned char)after) && after != '_')
            return 1;
    }
    return 0;
}

static int pg_prepare(struct ctg_engine *e, const char *sql, int require_readonly, struct ctg_prepared *out,
                      struct ctg_engine_error *err)
{
    (void)require_readonly; /* the caller refuses a statement that is not readonly */
    memset(out, 0, sizeof *out);
    const char *end;
    int nparams;
    char *text = translate(sql, &end, &nparams);
    if (!text)
        return nomem(err);
    while (*end == ';' || isspace((unsigned char)*end))
        end++;
    out->tail = end;
    const char *t = text;
    while (isspace((unsigned char)*t))
        t++;
    if (!*t) {
        free(text);
        return CTG_ENGINE_OK;
    }
    struct ctg_cursor *c = calloc(1, sizeof *c);
    if (!c || (nparams && (!(c->values = calloc((size_t)nparams, sizeof *c->values)) ||
                           !(c->types = calloc((size_t)nparams, sizeof *c->types))))) {
        if (c)
            free(c->values);
        free(c), free(text);
        return nomem(err);
    }
    c->pg = pg_of(e);
    c->sql = text;
    c->nparams = nparams;
    out->cursor = c;
    out->nparams = nparams;
    out->readonly = starts_with_word(text, "SELECT") || starts_with_word(text, "WITH") ||
                    starts_with_word(text, "VALUES") || starts_with_word(text, "SHOW");
    out->joined_read = joins_dictionaries(text);
    return CTG_ENGINE_OK;
}

static int pg_bind(struct ctg_engine *e, struct ctg_cursor *c, int param, const struct ctg_value *v,
                   struct ctg_engine_error *err)
{
    (void)e;
    if (param < 1 || param > c->nparams)
        return fail_text("store.read", NULL, "parameter out of range", err);
    char buf[40], *text = NULL;
    Oid type = 0; /* unknown: the server infers it from the statement, as for a literal */
    switch (v->type) {
    case CTG_VALUE_NULL: break;
    case CTG_VALUE_INTEGER:
        snprintf(buf, sizeof buf, "%lld", (long long)v->integer);
        text = strdup(buf), type = OID_INT8;
        break;
    case CTG_VALUE_REAL:
        if (isnan(v->real))
            snprintf(buf, sizeof buf, "NaN");
        else if (isinf(v->real))
            snprintf(buf, sizeof buf, v->real > 0 ? "Infinity" : "-Infinity");
        else
            snprintf(buf, sizeof buf, "%.17g", v->real);
        text = strdup(buf), type = OID_FLOAT8;
        break;
    default:
        if ((text = malloc(v->len + 1)) != NULL) {
            memcpy(text, v->text, v->len);
            text[v->len] = 0;
        }
        break;
    }
    if (v->type != CTG_VALUE_NULL && !text)
        return nomem(err);
    free(c->values[param - 1]);
    c->values[param - 1] = text;
    c->types[param - 1] = type;
    return CTG_ENGINE_OK;
}

/* Run the statement with its parameters (once, at its first step or column read): the
 * whole result kept, so that a query run while another's rows are read (dump: a plan's
 * fingerprint inside the loop over plans) finds the connection free. */
static void execute(struct ctg_cursor *c)
{
    if (c->executed)
        return;
    c->executed = 1;
    c->res = PQexecParams(c->pg->conn, c->sql, c->nparams, c->types, (const char *const *)c->values, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(c->res);
    c->failed = s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK;
    if (!c->failed) {
        const char *n = PQcmdTuples(c->res);
        c->pg->changes = n && *n ? strtoll(n, NULL, 10) : 0;
    }
}

static int pg_step(struct ctg_engine *e, struct ctg_cursor *c, int *row, struct ctg_engine_error *err)
{
    (void)e;
    *row = 0;
    if (!c->executed) {
        execute(c);
        c->row = -1;
    }
    if (c->failed) {
        const char *m = c->res ? PQresultErrorMessage(c->res) : PQerrorMessage(c->pg->conn);
        return fail_text("store.query-failed", NULL, m, err);
    }
    if (PQresultStatus(c->res) != PGRES_TUPLES_OK)
        return CTG_ENGINE_OK;
    c->row++;
    *row = c->row < PQntuples(c->res);
    return CTG_ENGINE_OK;
}

static int pg_ncolumns(struct ctg_cursor *c)
{
    if (!c->executed) {
        execute(c);
        c->row = -1;
    }
    return c->failed ? 0 : PQnfields(c->res);
}

static const char *pg_column_name(struct ctg_cursor *c, int i) { return PQfname(c->res, i); }

/* A column as SQLite gives it: integers as integers (a numeric without a fraction too: a
 * sum of integers), doubles as doubles, booleans as 0/1, NULL, anything else text. */
static void pg_column(struct ctg_cursor *c, int i, struct ctg_value *out)
{
    memset(out, 0, sizeof *out);
    if (!c->res || c->row < 0 || c->row >= PQntuples(c->res) || PQgetisnull(c->res, c->row, i)) {
        out->type = CTG_VALUE_NULL;
        return;
    }
    const char *v = PQgetvalue(c->res, c->row, i);
    switch (PQftype(c->res, i)) {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
        out->type = CTG_VALUE_INTEGER;
        out->integer = strtoll(v, NULL, 10);
        return;
    case OID_BOOL:
        out->type = CTG_VALUE_INTEGER;
        out->integer = v[0] == 't';
        return;
    case OID_NUMERIC:
        if (!strpbrk(v, ".eEN")) {
            out->type = CTG_VALUE_INTEGER;
            out->integer = strtoll(v, NULL, 10);
            return;
        }
        /* fall through */
    case OID_FLOAT4:
    case OID_FLOAT8:
        out->type = CTG_VALUE_REAL;
        out->real = strtod(v, NULL);
        return;
    default:
        out->type = CTG_VALUE_TEXT;
        out->text = v;
        out->len = (size_t)PQgetlength(c->res, c->row, i);
        return;
    }
}

static void pg_finalize(struct ctg_cursor *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nparams; i++)
        free(c->values[i]);
    free(c->values);
    free(c->types);
    PQclear(c->res);
    free(c->sql);
    free(c);
}

/* ---- transactions ------------------------------------------------------------------------- */

static int pg_begin(struct ctg_engine *e, int write, struct ctg_engine_error *err)
{
    (void)write; /* the constraints, not a lock, keep two writers apart (postgres_schema.c) */
    struct pg *p = pg_of(e);
    if (p->snapshot) {
        p->depth++;
        return CTG_ENGINE_OK;
    }
    return run(p, "BEGIN", "store.begin", err);
}

static int pg_commit(struct ctg_engine *e, struct ctg_engine_error *err)
{
    struct pg *p = pg_of(e);
    if (p->snapshot) {
        if (p->depth > 0)
            p->depth--;
        return CTG_ENGINE_OK;
    }
    return run(p, "COMMIT", "store.commit", err);
}

static int pg_rollback(struct ctg_engine *e, struct ctg_engine_error *err)
{
    struct pg *p = pg_of(e);
    if (p->snapshot) {
        if (p->depth > 0)
            p->depth--;
        return CTG_ENGINE_OK;
    }
    return run(p, "ROLLBACK", "store.rollback", err);
}

static int pg_in_transaction(struct ctg_engine *e)
{
    struct pg *p = pg_of(e);
    if (p->snapshot)
        return p->depth > 0;
    return PQtransactionStatus(p->conn) != PQTRANS_IDLE;
}

static int64_t pg_last_insert_id(struct ctg_engine *e)
{
    int64_t id = 0;
    struct ctg_engine_error err;
    if (query_int(pg_of(e), "SELECT lastval()", 0, NULL, &id, "store.read", &err) != CTG_ENGINE_OK)
        return 0;
    return id;
}

static int64_t pg_changes(struct ctg_engine *e) { return pg_of(e)->changes; }

/* SQLite's transaction words (BEGIN IMMEDIATE, END…) are the engine's begin, commit and
 * rollback; anything else runs as it is. */
static int pg_exec(struct ctg_engine *e, const char *sql, struct ctg_engine_error *err)
{
    if (starts_with_word(sql, "BEGIN"))
        return pg_begin(e, 1, err);
    if (starts_with_word(sql, "COMMIT") || starts_with_word(sql, "END"))
        return pg_commit(e, err);
    if (starts_with_word(sql, "ROLLBACK") && !strstr(sql, " TO "))
        return pg_rollback(e, err);
    return run(pg_of(e), sql, "store.query-failed", err);
}

static size_t pg_limit_length(struct ctg_engine *e, size_t max)
{
    struct pg *p = pg_of(e);
    size_t previous = p->limit ? p->limit : (size_t)1 << 30; /* PostgreSQL's 1 GB a value */
    if (max)
        p->limit = max;
    return previous;
}

const struct ctg_engine_ops ctg_postgres_ops = {
    .name = "PostgreSQL",
    .schema_latest = CTG_SQLITE_SCHEMA_VERSION, /* a dump of schema N restores on either engine */
    .open = pg_open,
    .close = pg_close,
    .check_schema = pg_check_schema,
    .check_rows = pg_check_rows,
    .put = pg_put,
    .begin_bulk = pg_begin_bulk,
    .end_bulk = pg_end_bulk,
    .schema_version = pg_schema_version,
    .dict_id = pg_dict_id,
    .dict_each = pg_dict_each,
    .scan = pg_scan,
    .known_at = pg_known_at,
    .fingerprint = pg_fingerprint,
    .prepare = pg_prepare,
    .bind = pg_bind,
    .step = pg_step,
    .ncolumns = pg_ncolumns,
    .column_name = pg_column_name,
    .column = pg_column,
    .finalize = pg_finalize,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .in_transaction = pg_in_transaction,
    .last_insert_id = pg_last_insert_id,
    .changes = pg_changes,
    .exec = pg_exec,
    .limit_length = pg_limit_length,
};
