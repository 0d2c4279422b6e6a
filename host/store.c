/* ctg.store — the SQLite database of plans and observations.
 *
 * One file holds every plan version and every observation ever imported. Nothing is
 * overwritten: a correction is a new revision of the same key, and queries read the latest
 * revision (view current_observation). The schema is versioned with PRAGMA user_version and
 * upgraded by forward migrations, all of them in one transaction; a database written by a
 * newer ctg is refused rather than guessed at.
 *
 * SQL is never built from data: every value is a bound parameter. Every return code is
 * checked, and errors name the database file. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <sqlite3.h>

#include "ctg.h"
#include "store.h"

#define STORE_MT "ctg.Store"
#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* Migrations: entry i upgrades a database from user_version i to i + 1. Append only. */
static const char *const migrations[] = {
    /* 0 -> 1: plans, imports, observations */
    "CREATE TABLE plan_version (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan_id TEXT NOT NULL,\n"
    "  version INTEGER NOT NULL,\n"
    "  hash TEXT NOT NULL,\n"
    "  label TEXT,\n"
    "  date TEXT,\n"
    "  file TEXT,\n"
    "  content TEXT NOT NULL,\n"
    /* the plan file as written (Lua): custom rules are functions, which the YAML content
     * cannot hold; the plan is rebuilt from it, with its own file:line locations */
    "  source_text TEXT,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  imported_by TEXT NOT NULL,\n"
    "  UNIQUE (plan_id, version)\n"
    ");\n"
    "CREATE TABLE import (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan_version INTEGER NOT NULL REFERENCES plan_version(id),\n"
    "  file TEXT NOT NULL,\n"
    "  source TEXT,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  imported_by TEXT NOT NULL,\n"
    "  rows INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE TABLE observation (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan_id TEXT NOT NULL,\n"
    "  record TEXT NOT NULL CHECK (record IN ('value', 'progress', 'meeting', 'funding')),\n"
    "  subject TEXT NOT NULL,\n"
    "  period TEXT NOT NULL,\n"
    "  territory TEXT NOT NULL DEFAULT '',\n"
    "  dims TEXT NOT NULL DEFAULT '',\n"
    "  revision INTEGER NOT NULL CHECK (revision >= 1),\n"
    "  value REAL,\n"
    "  numerator REAL,\n"
    "  denominator REAL,\n"
    "  text TEXT,\n"
    "  missing TEXT,\n"
    "  status TEXT,\n"
    "  note TEXT,\n"
    "  source TEXT,\n"
    "  import_id INTEGER NOT NULL REFERENCES import(id),\n"
    "  line INTEGER NOT NULL,\n"
    /* 64-bit hash of the key columns: a small index instead of one over six texts, which
     * made a million-row import spend most of its time in index pages */
    "  key INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX observation_key ON observation(key, revision);\n"
    "CREATE INDEX observation_import ON observation(import_id);\n"
    /* the latest revision of each key: what every query reads */
    "CREATE VIEW current_observation AS\n"
    "  SELECT o.* FROM observation o\n"
    "  WHERE NOT EXISTS (SELECT 1 FROM observation n\n"
    "    WHERE n.key = o.key AND n.revision > o.revision AND n.plan_id = o.plan_id\n"
    "      AND n.record = o.record AND n.subject = o.subject AND n.period = o.period\n"
    "      AND n.territory = o.territory AND n.dims = o.dims);\n",
    /* 1 -> 2: a version applies from its effective date, not from its import order; an
     * avenant keeps its council vote and its signature apart, and names the version it
     * amends. Versions stored before have only `date`: it becomes their effective date,
     * else the day they were imported. */
    "ALTER TABLE plan_version ADD COLUMN effective TEXT;\n"
    "ALTER TABLE plan_version ADD COLUMN council_date TEXT;\n"
    "ALTER TABLE plan_version ADD COLUMN signed TEXT;\n"
    "ALTER TABLE plan_version ADD COLUMN amends INTEGER REFERENCES plan_version(id);\n"
    "UPDATE plan_version SET effective = coalesce(date, substr(imported_at, 1, 10));\n",
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))


/* Keys possibly present, during a bulk import: a key the filter has never seen needs no
 * lookup (it is revision 1), which spares a B-tree probe per row on new data. False
 * positives only cost the lookup; there are no false negatives. */
#define BLOOM_BITS (1u << 25)
#define BLOOM_HASHES 4

struct store {
    unsigned char *bloom;  /* BLOOM_BITS bits while a bulk import runs, else NULL */
    int readonly;          /* opened read-only: the authorizer refuses every change */
    int guarded;           /* > 0 while db:query prepares: the same refusal on a writer */
    sqlite3 *db;
    sqlite3_stmt *latest; /* latest revision of a key and the import that wrote it */
    sqlite3_stmt *insert;
    char *path;
};

static struct store *check_store(lua_State *L, int idx)
{
    struct store *s = luaL_checkudata(L, idx, STORE_MT);
    if (!s->db)
        luaL_error(L, "the database is closed");
    return s;
}

/* Raise a message about the database file itself: it names the file, so no Lua location is
 * prepended (that would point into ctg's own modules). */
static int fail_plain(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return lua_error(L);
}

/* Raise "DB: what: sqlite message", with a hint for the errors analysts meet. */
static int store_fail(lua_State *L, const struct store *s, const char *what)
{
    int code = s->db ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
    const char *msg = s->db ? sqlite3_errmsg(s->db) : "cannot open";
    const char *hint = "";
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        hint = " (another program is writing to it; try again when it has finished)";
        break;
    case SQLITE_READONLY:
        hint = " (the file or its directory is read-only: check their permissions)";
        break;
    case SQLITE_NOTADB:
        hint = " (this file is not a ctg database)";
        break;
    case SQLITE_CORRUPT:
        hint = " (the file is damaged)";
        break;
    case SQLITE_CANTOPEN:
        hint = " (check that the directory exists and is writable)";
        break;
    case SQLITE_FULL:
        hint = " (le disque est plein : libérez de la place ; rien n'a été enregistré)";
        break;
    case SQLITE_IOERR:
        hint = " (écriture impossible sur le disque : plein, quota atteint ou défaillant ; rien "
               "n'a été enregistré)";
        break;
    case SQLITE_NOMEM:
        hint = " (mémoire insuffisante ; rien n'a été enregistré)";
        break;
    case SQLITE_AUTH:
        hint = " (accès en lecture seule : seule la commande ctg import écrit la base ; "
               "ni écriture, ni ATTACH, ni PRAGMA modifiant la base, ni transaction)";
        break;
    default:
        break;
    }
    return fail_plain(L, "%s: %s: %s%s", s->path ? s->path : "database", what, msg, hint);
}

sqlite3 *ctg_store_handle(lua_State *L, int idx)
{
    return check_store(L, idx)->db;
}

int ctg_store_fail(lua_State *L, int idx, const char *what)
{
    return store_fail(L, check_store(L, idx), what);
}

static void exec_or_fail(lua_State *L, struct store *s, const char *sql, const char *what)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        store_fail(L, s, what);
}

static void bloom_add(unsigned char *bloom, sqlite3_int64 key)
{
    unsigned long long h1 = (unsigned long long)key, h2 = (h1 >> 32) | 1;
    for (unsigned i = 0; i < BLOOM_HASHES; i++) {
        unsigned long long bit = (h1 + i * h2) & (BLOOM_BITS - 1);
        bloom[bit >> 3] |= (unsigned char)(1u << (bit & 7));
    }
}

static int bloom_may_hold(const unsigned char *bloom, sqlite3_int64 key)
{
    unsigned long long h1 = (unsigned long long)key, h2 = (h1 >> 32) | 1;
    for (unsigned i = 0; i < BLOOM_HASHES; i++) {
        unsigned long long bit = (h1 + i * h2) & (BLOOM_BITS - 1);
        if (!(bloom[bit >> 3] & (1u << (bit & 7))))
            return 0;
    }
    return 1;
}

static void release(struct store *s)
{
    free(s->bloom);
    s->bloom = NULL;
    sqlite3_finalize(s->latest);
    sqlite3_finalize(s->insert);
    s->latest = s->insert = NULL;
    if (s->db)
        sqlite3_close_v2(s->db);
    s->db = NULL;
    free(s->path);
    s->path = NULL;
}

static int store_gc(lua_State *L)
{
    release(luaL_checkudata(L, 1, STORE_MT));
    return 0;
}

static int user_version(lua_State *L, struct store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        store_fail(L, s, "cannot read the schema version");
    int rc = sqlite3_step(st);
    int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        store_fail(L, s, "cannot read the schema version");
    return version;
}

/* The schema version, refusing a database written by a newer ctg rather than guessing. */
static int known_version(lua_State *L, struct store *s)
{
    int version = user_version(L, s);
    if (version > SCHEMA_VERSION)
        fail_plain(L,
                   "%s: written by a newer ctg (schema version %d, this ctg knows up to %d): "
                   "upgrade ctg to use it",
                   s->path, version, SCHEMA_VERSION);
    return version;
}

/* Bring the schema up to date in one transaction: all migrations or none. */
static void migrate(lua_State *L, struct store *s)
{
    int version = known_version(L, s);
    if (version == SCHEMA_VERSION)
        return;
    exec_or_fail(L, s, "BEGIN IMMEDIATE", "cannot start the schema upgrade");
    /* another process may have migrated while we waited for the lock */
    version = user_version(L, s);
    for (int v = version; v < SCHEMA_VERSION; v++) {
        char pragma[64];
        if (sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            lua_pushfstring(L, "cannot upgrade the schema to version %d", v + 1);
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            store_fail(L, s, lua_tostring(L, -1));
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            store_fail(L, s, "cannot record the schema version");
        }
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        store_fail(L, s, "cannot commit the schema upgrade");
    }
}

static void prepare(lua_State *L, struct store *s, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        store_fail(L, s, "cannot prepare a statement");
}

static void prepare_row_statements(lua_State *L, struct store *s)
{
    prepare(L, s,
            "SELECT revision, import_id, line FROM observation WHERE key = ?7 AND "
            "plan_id = ?1 AND record = ?2 AND subject = ?3 AND period = ?4 AND territory = ?5 "
            "AND dims = ?6 ORDER BY revision DESC LIMIT 1",
            &s->latest);
    prepare(L, s,
            "INSERT INTO observation (plan_id, record, subject, period, territory, dims, value, "
            "numerator, denominator, text, missing, status, note, source, import_id, line, "
            "revision, key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
            "?15, ?16, ?17, ?18)",
            &s->insert);
}

/* PRAGMAs a read-only handle may run: they only read (and only without an argument). */
static const char *const reading_pragmas[] = {
    "user_version", "schema_version", "data_version", "table_info", "table_xinfo",
    "index_list", "index_info", "index_xinfo", "foreign_key_list", "compile_options",
    "database_list", "collation_list", "function_list", "page_count", "page_size",
    "integrity_check", "quick_check", "freelist_count", "encoding", NULL,
};

static int is_reading_pragma(const char *name, const char *arg)
{
    for (const char *const *p = reading_pragmas; *p; p++)
        if (sqlite3_stricmp(name, *p) == 0)
            /* table_info(T) names a table; user_version = 5 would write */
            return arg == NULL || strncmp(*p, "table", 5) == 0 || strncmp(*p, "index", 5) == 0 ||
                   strcmp(*p, "foreign_key_list") == 0 || strstr(*p, "_check") != NULL;
    return 0;
}

/* The authorizer of read-only access (a read-only handle, and db:query on any handle):
 * SELECT and reading only. Writes, schema changes, ATTACH/DETACH, transactions and
 * savepoints (which would make a later write of ctg's own report success and store
 * nothing), and PRAGMAs other than the reading ones (PRAGMA optimize writes) are refused
 * when the statement is prepared. */
static int readonly_authorizer(void *ud, int action, const char *a3, const char *a4,
                               const char *db, const char *trigger)
{
    (void)trigger;
    const struct store *s = ud;
    if (!s->readonly && s->guarded <= 0)
        return SQLITE_OK;
    /* ctg's own statements on a read-only handle may keep temporary views and tables (the
     * --known-at view of the observations) and read in a transaction */
    if (s->guarded <= 0 && ((db && strcmp(db, "temp") == 0) || action == SQLITE_TRANSACTION ||
                            action == SQLITE_CREATE_TEMP_VIEW || action == SQLITE_DROP_TEMP_VIEW ||
                            action == SQLITE_CREATE_TEMP_TABLE || action == SQLITE_DROP_TEMP_TABLE))
        return SQLITE_OK;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_PRAGMA:
        return is_reading_pragma(a3, a4) ? SQLITE_OK : SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

/* A URI for path ("file:" + percent-escapes) with immutable=1: a read-only open that needs
 * neither -shm nor -wal, for a database in a directory the user cannot write. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32);
    if (!uri)
        return NULL;
    char *o = uri;
    o += sprintf(o, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
            o += sprintf(o, "%%%02X", *p);
        else
            *o++ = (char)*p;
    }
    strcpy(o, "?immutable=1");
    return uri;
}

/* Open read-only; in a directory without write access, where SQLite cannot create the WAL
 * index, fall back to an immutable open (nobody can be writing there either). */
static int open_readonly(struct store *s, const char *path)
{
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK) {
        /* the first read shows whether the WAL index could be opened */
        rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return SQLITE_OK;
    }
    int code = rc & 0xff;
    if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_BUSY)
        return rc;
    char *uri = immutable_uri(path);
    if (!uri)
        return SQLITE_NOMEM;
    sqlite3_close_v2(s->db);
    s->db = NULL;
    rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    return rc;
}

/* What every handle gets: the busy timeout, extended error codes, a first read (a file that
 * is not SQLite fails there, with a clear message), foreign keys, then the authorizer that
 * keeps a read-only handle (and db:query on any handle) from changing anything. */
static void configure_handle(lua_State *L, struct store *s, int busy, int readonly)
{
    sqlite3_busy_timeout(s->db, busy);
    sqlite3_extended_result_codes(s->db, 1);
    user_version(L, s);
    exec_or_fail(L, s, "PRAGMA foreign_keys = ON", "cannot enable foreign keys");
    s->readonly = readonly;
    sqlite3_set_authorizer(s->db, readonly_authorizer, s);
}

/* store.open(path [, {busy_timeout = ms, readonly = bool, raw = bool}]) -> store
 * raw: no migration and no schema check (to inspect a database as it is). */
static int store_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    int busy = DEFAULT_BUSY_TIMEOUT_MS, readonly = 0, raw = 0;
    if (lua_istable(L, 2)) {
        if (lua_getfield(L, 2, "busy_timeout") == LUA_TNUMBER)
            busy = (int)lua_tointeger(L, -1);
        lua_getfield(L, 2, "readonly");
        readonly = lua_toboolean(L, -1);
        lua_getfield(L, 2, "raw");
        raw = lua_toboolean(L, -1);
        lua_pop(L, 3);
    }
    struct store *s = lua_newuserdatauv(L, sizeof *s, 0);
    memset(s, 0, sizeof *s);
    luaL_setmetatable(L, STORE_MT);
    s->path = strdup(path);
    if (!s->path)
        return luaL_error(L, "out of memory");
    if (readonly) {
        /* reading never creates a database: a mistyped --db is an error, not an empty file */
        FILE *probe = fopen(path, "rb");
        if (!probe)
            return fail_plain(L,
                              "%s : base de données introuvable (vérifiez --db ou $CTG_DB ; "
                              "une base se crée par ctg import plan.lua --db %s)",
                              path, path);
        fclose(probe);
        if (open_readonly(s, path) != SQLITE_OK)
            store_fail(L, s, "cannot open the database");
    } else if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
               SQLITE_OK) {
        store_fail(L, s, "cannot open the database");
    }
    configure_handle(L, s, busy, readonly);
    if (raw)
        return 1;
    if (!readonly) {
        exec_or_fail(L, s, "PRAGMA journal_mode = WAL", "cannot switch to WAL");
        exec_or_fail(L, s, "PRAGMA synchronous = NORMAL", "cannot set synchronous mode");
        migrate(L, s);
    } else if (known_version(L, s) != SCHEMA_VERSION) {
        /* written by an older ctg: upgrade it in place once, then read it as asked */
        sqlite3_close_v2(s->db);
        s->db = NULL;
        if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
            store_fail(L, s, "cannot upgrade the schema (open it once read-write)");
        configure_handle(L, s, busy, 0);
        exec_or_fail(L, s, "PRAGMA journal_mode = WAL", "cannot switch to WAL");
        migrate(L, s);
        sqlite3_close_v2(s->db);
        s->db = NULL;
        if (open_readonly(s, path) != SQLITE_OK)
            store_fail(L, s, "cannot open the database");
        configure_handle(L, s, busy, 1);
    }
    if (!readonly)
        prepare_row_statements(L, s);
    return 1;
}

static void bind_value(lua_State *L, struct store *s, sqlite3_stmt *st, int param, int idx)
{
    int rc;
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
    case LUA_TNONE:
        rc = sqlite3_bind_null(st, param);
        break;
    case LUA_TBOOLEAN:
        rc = sqlite3_bind_int(st, param, lua_toboolean(L, idx));
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            rc = sqlite3_bind_int64(st, param, (sqlite3_int64)lua_tointeger(L, idx));
        else
            rc = sqlite3_bind_double(st, param, lua_tonumber(L, idx));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(L, idx, &len);
        rc = sqlite3_bind_text(st, param, text, (int)len, SQLITE_TRANSIENT);
        break;
    }
    default:
        luaL_error(L, "cannot store a %s (parameter %d)", luaL_typename(L, idx), param);
        return;
    }
    if (rc != SQLITE_OK)
        store_fail(L, s, "cannot bind a parameter");
}

static void push_column(lua_State *L, sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(st, col));
        break;
    case SQLITE_FLOAT:
        lua_pushnumber(L, sqlite3_column_double(st, col));
        break;
    case SQLITE_NULL:
        lua_pushnil(L);
        break;
    default:
        lua_pushlstring(L, (const char *)sqlite3_column_text(st, col),
                        (size_t)sqlite3_column_bytes(st, col));
        break;
    }
}

/* Prepare sql and bind the arguments from stack index first on. The statement is pushed as
 * a to-be-closed userdata so that an error never leaks it. */
struct stmt_box {
    sqlite3_stmt *st;
};

static int box_close(lua_State *L)
{
    struct stmt_box *b = luaL_checkudata(L, 1, "ctg.Statement");
    sqlite3_finalize(b->st);
    b->st = NULL;
    return 0;
}

static sqlite3_stmt *prepare_bound(lua_State *L, struct store *s, const char *sql, int first,
                                   int require_readonly)
{
    struct stmt_box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->st = NULL;
    luaL_setmetatable(L, "ctg.Statement");
    const char *tail;
    /* read-only statements: the authorizer refuses the rest while they are prepared */
    s->guarded += require_readonly;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &b->st, &tail);
    s->guarded -= require_readonly;
    if (rc != SQLITE_OK)
        store_fail(L, s, "invalid query");
    if (!b->st)
        luaL_error(L, "empty query");
    while (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' || *tail == '\r')
        tail++;
    if (*tail)
        luaL_error(L, "one statement at a time (extra text: '%s')", tail);
    if (require_readonly && !sqlite3_stmt_readonly(b->st))
        luaL_error(L, "db:query runs read-only statements; use db:put or an import to change data");
    int nparams = sqlite3_bind_parameter_count(b->st);
    int nargs = lua_gettop(L) - 1 - first + 1; /* the box sits on top */
    if (nargs != nparams)
        luaL_error(L, "the query has %d parameter%s, %d value%s given", nparams,
                   nparams == 1 ? "" : "s", nargs, nargs == 1 ? "" : "s");
    for (int i = 1; i <= nparams; i++)
        bind_value(L, s, b->st, i, first + i - 1);
    return b->st;
}

/* The result's metatable {columns = {name, ...}}: the columns in the statement's order,
 * which the rows (keyed by name) cannot keep; the REPL's grid shows them in that order. */
static void set_column_order(lua_State *L, sqlite3_stmt *st, int ncols)
{
    lua_createtable(L, 0, 1);
    lua_createtable(L, ncols, 0);
    for (int c = 0; c < ncols; c++) {
        lua_pushstring(L, sqlite3_column_name(st, c));
        lua_rawseti(L, -2, c + 1);
    }
    lua_setfield(L, -2, "columns");
    lua_setmetatable(L, -2);
}

/* Step a bound statement to the end, collecting rows as {column = value} tables. */
static int collect_rows(lua_State *L, struct store *s, sqlite3_stmt *st)
{
    lua_newtable(L);
    int ncols = sqlite3_column_count(st);
    set_column_order(L, st, ncols);
    lua_Integer n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        lua_createtable(L, 0, ncols);
        for (int c = 0; c < ncols; c++) {
            push_column(L, st, c);
            lua_setfield(L, -2, sqlite3_column_name(st, c));
        }
        lua_rawseti(L, -2, ++n);
    }
    if (rc != SQLITE_DONE)
        store_fail(L, s, "query failed");
    return 1;
}

/* db:query(sql, ...) -> array of rows; read-only statements only (for analysts). The
 * columns in their SQL order: getmetatable(rows).columns. */
static int store_query(lua_State *L)
{
    struct store *s = check_store(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    sqlite3_stmt *st = prepare_bound(L, s, sql, 3, 1);
    return collect_rows(L, s, st);
}

/* db:execute(sql, ...) -> rows, changes; any statement (used by ctg's own modules). */
static int store_execute(lua_State *L)
{
    struct store *s = check_store(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    sqlite3_stmt *st = prepare_bound(L, s, sql, 3, 0);
    collect_rows(L, s, st);
    lua_pushinteger(L, sqlite3_changes(s->db));
    return 2;
}

/* db:exec(sql) for statements without parameters (BEGIN, COMMIT, ...). */
static int store_exec(lua_State *L)
{
    struct store *s = check_store(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        store_fail(L, s, sql);
    return 0;
}

static int store_in_transaction(lua_State *L)
{
    struct store *s = check_store(L, 1);
    lua_pushboolean(L, !sqlite3_get_autocommit(s->db));
    return 1;
}

static int store_last_insert_id(lua_State *L)
{
    struct store *s = check_store(L, 1);
    lua_pushinteger(L, (lua_Integer)sqlite3_last_insert_rowid(s->db));
    return 1;
}

/* db:put_observation(plan_id, record, subject, period, territory, dims, value, numerator,
 *   denominator, text, missing, status, note, source, import_id, line)
 *   -> revision | nil, first_line
 * The hot path of an import: the latest revision of the key is looked up; if the current
 * import already wrote that key, the row is a duplicate within the import (nil and the line
 * of the first one); otherwise the row is inserted as the next revision. */
/* FNV-1a over the six key columns, each followed by a unit separator. */
static sqlite3_int64 key_hash(const struct ctg_row *row)
{
    unsigned long long h = 14695981039346656037ULL;
    for (int i = 0; i < 6; i++) {
        for (size_t k = 0; k < row->key_len[i]; k++) {
            h ^= (unsigned char)row->key[i][k];
            h *= 1099511628211ULL;
        }
        h ^= 0x1f;
        h *= 1099511628211ULL;
    }
    return (sqlite3_int64)h;
}

/* Bind text without copying (the caller keeps it alive), or NULL. */
static int bind_text(sqlite3_stmt *st, int param, const char *text, size_t len)
{
    if (!text)
        return sqlite3_bind_null(st, param);
    return sqlite3_bind_text(st, param, text, (int)len, SQLITE_STATIC);
}

static int bind_optional_text(sqlite3_stmt *st, int param, const char *text)
{
    return bind_text(st, param, text, text ? strlen(text) : 0);
}

lua_Integer ctg_store_put(lua_State *L, int idx, const struct ctg_row *row, lua_Integer *first_line)
{
    struct store *s = check_store(L, idx);
    if (s->readonly)
        return fail_plain(L, "%s : base ouverte en lecture seule (seule la commande ctg import "
                          "y écrit)", s->path);
    sqlite3_int64 key = key_hash(row);
    sqlite3_stmt *latest = s->latest, *insert = s->insert;
    lua_Integer revision = 1;
    int rc = SQLITE_OK;
    /* a key the filter has never seen is new: no lookup */
    if (!s->bloom || bloom_may_hold(s->bloom, key)) {
        sqlite3_reset(latest);
        for (int i = 0; i < 6 && rc == SQLITE_OK; i++)
            rc = bind_text(latest, i + 1, row->key[i], row->key_len[i]);
        if (rc != SQLITE_OK || sqlite3_bind_int64(latest, 7, key) != SQLITE_OK)
            return store_fail(L, s, "cannot bind a parameter");
        rc = sqlite3_step(latest);
        if (rc == SQLITE_ROW) {
            if (sqlite3_column_int64(latest, 1) == row->import_id) {
                *first_line = (lua_Integer)sqlite3_column_int64(latest, 2);
                sqlite3_reset(latest);
                return 0;
            }
            revision = (lua_Integer)sqlite3_column_int64(latest, 0) + 1;
        } else if (rc != SQLITE_DONE) {
            sqlite3_reset(latest);
            return store_fail(L, s, "cannot look up the observation");
        }
        sqlite3_reset(latest);
    }
    if (s->bloom)
        bloom_add(s->bloom, key);
    sqlite3_reset(insert);
    rc = SQLITE_OK;
    for (int i = 0; i < 6 && rc == SQLITE_OK; i++)
        rc = bind_text(insert, i + 1, row->key[i], row->key_len[i]);
    for (int i = 0; i < 3 && rc == SQLITE_OK; i++)
        rc = row->has_number[i] ? sqlite3_bind_double(insert, 7 + i, row->number[i])
                                : sqlite3_bind_null(insert, 7 + i);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(insert, 10, row->text);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(insert, 11, row->missing);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(insert, 12, row->status);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(insert, 13, row->note);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(insert, 14, row->source);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(insert, 15, row->import_id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(insert, 16, row->line);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(insert, 17, (sqlite3_int64)revision);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(insert, 18, key);
    if (rc != SQLITE_OK)
        return store_fail(L, s, "cannot bind a parameter");
    rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc != SQLITE_DONE)
        return store_fail(L, s, "cannot store the observation");
    return revision;
}

/* An optional text argument: NULL for nil, its text for a string or a number. */
static const char *optional_text(lua_State *L, int arg)
{
    if (lua_isnoneornil(L, arg))
        return NULL;
    return luaL_checkstring(L, arg);
}

/* db:put_observation(plan_id, record, subject, period, territory, dims, value, numerator,
 *   denominator, text, missing, status, note, source, import_id, line)
 *   -> revision | nil, first_line
 * The latest revision of the key is looked up; if the current import already wrote that
 * key, the row is a duplicate within the import (nil and the line of the first one);
 * otherwise the row is inserted as the next revision. */
static int store_put_observation(lua_State *L)
{
    struct ctg_row row;
    memset(&row, 0, sizeof row);
    for (int i = 0; i < 6; i++)
        row.key[i] = luaL_checklstring(L, i + 2, &row.key_len[i]);
    for (int i = 0; i < 3; i++) {
        row.has_number[i] = !lua_isnoneornil(L, i + 8);
        if (row.has_number[i])
            row.number[i] = luaL_checknumber(L, i + 8);
    }
    row.text = optional_text(L, 11);
    row.missing = optional_text(L, 12);
    row.status = optional_text(L, 13);
    row.note = optional_text(L, 14);
    row.source = optional_text(L, 15);
    row.import_id = (sqlite3_int64)luaL_checkinteger(L, 16);
    row.line = (sqlite3_int64)luaL_optinteger(L, 17, 0);
    lua_Integer first_line = 0;
    lua_Integer revision = ctg_store_put(L, 1, &row, &first_line);
    if (revision == 0) {
        lua_pushnil(L);
        lua_pushinteger(L, first_line);
        return 2;
    }
    lua_pushinteger(L, revision);
    return 1;
}

/* db:begin_bulk(): load the keys already stored into the filter, for the import that
 * follows (inside its transaction, so no other writer can add keys meanwhile). */
static int store_begin_bulk(lua_State *L)
{
    struct store *s = check_store(L, 1);
    if (sqlite3_get_autocommit(s->db))
        return luaL_error(L, "begin_bulk must run inside a transaction");
    free(s->bloom);
    s->bloom = calloc(BLOOM_BITS / 8, 1);
    if (!s->bloom)
        return luaL_error(L, "out of memory");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT key FROM observation", -1, &st, NULL) != SQLITE_OK)
        return store_fail(L, s, "cannot read the stored keys");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        bloom_add(s->bloom, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(L, s, "cannot read the stored keys");
    return 0;
}

static int store_end_bulk(lua_State *L)
{
    struct store *s = luaL_checkudata(L, 1, STORE_MT);
    free(s->bloom);
    s->bloom = NULL;
    return 0;
}

static int store_close(lua_State *L)
{
    struct store *s = luaL_checkudata(L, 1, STORE_MT);
    if (s->db && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    release(s);
    return 0;
}

static int store_path(lua_State *L)
{
    struct store *s = luaL_checkudata(L, 1, STORE_MT);
    lua_pushstring(L, s->path ? s->path : "");
    return 1;
}

static int store_tostring(lua_State *L)
{
    struct store *s = luaL_checkudata(L, 1, STORE_MT);
    if (s->db)
        lua_pushfstring(L, "ctg database %s", s->path);
    else
        lua_pushliteral(L, "ctg database (closed)");
    return 1;
}

static int store_schema_version(lua_State *L)
{
    lua_pushinteger(L, SCHEMA_VERSION);
    return 1;
}

static const luaL_Reg store_methods[] = {
    {"query", store_query},
    {"execute", store_execute},
    {"exec", store_exec},
    {"in_transaction", store_in_transaction},
    {"last_insert_id", store_last_insert_id},
    {"put_observation", store_put_observation},
    {"begin_bulk", store_begin_bulk},
    {"end_bulk", store_end_bulk},
    {"close", store_close},
    {"path", store_path},
    {NULL, NULL},
};

static const luaL_Reg store_meta[] = {
    {"__gc", store_gc},
    {"__close", store_close},
    {"__tostring", store_tostring},
    {NULL, NULL},
};

static const luaL_Reg store_functions[] = {
    {"open", store_open},
    {"schema_version", store_schema_version},
    {NULL, NULL},
};

int luaopen_ctg_store(lua_State *L)
{
    if (luaL_newmetatable(L, STORE_MT)) {
        luaL_setfuncs(L, store_meta, 0);
        luaL_newlib(L, store_methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, "ctg.Statement")) {
        lua_pushcfunction(L, box_close);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    luaL_newlib(L, store_functions);
    ctg_fastrow_register(L);
    lua_pushstring(L, sqlite3_libversion());
    lua_setfield(L, -2, "sqlite_version");
    return 1;
}
