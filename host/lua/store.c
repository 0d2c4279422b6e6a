/* ctg.store, the binding of the storage engines (store/engine.h): ctg.Store is a handle on
 * an open engine — whichever the path selected (store/engines.c) —, and its methods ask the
 * database through e->ops only; the engines' failures are raised by ctg_engine_raise, their
 * refusals at open (no database, a newer schema, another program's tables, a schema altered
 * by hand) worded here from the catalogue. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>

#include "ctg.h"
#include "msg.h"
#include "store.h"
#include "store/engines.h"

#define STORE_MT "ctg.Store"

/* A ctg.Store userdata: the open engine (NULL once closed), and whether every row's
 * references and numbers were checked (once a connection, before the first read through
 * the views that join the dictionaries). */
struct store_box {
    struct ctg_engine *e;
    int rows_checked;
    char *plan_checked; /* the plan whose rows were checked last (its fingerprint read), owned */
};

static struct store_box *check_box(lua_State *L, int idx)
{
    struct store_box *b = luaL_checkudata(L, idx, STORE_MT);
    if (!b->e) {
        ctg_msg_push(L, "store.closed", NULL, "store.closed");
        lua_error(L);
    }
    return b;
}

struct ctg_engine *ctg_store_engine(lua_State *L, int idx)
{
    return check_box(L, idx)->e;
}

struct ctg_engine *ctg_store_open_engine(lua_State *L, int idx)
{
    return ((struct store_box *)luaL_checkudata(L, idx, STORE_MT))->e;
}

int ctg_store_raise(lua_State *L, const char *key)
{
    ctg_msg_push(L, key, NULL, key);
    return lua_error(L);
}

/* Raise "path : sentence" for the sentence on top of the stack as ctg's own data error (exit
 * 3 whatever code it goes through: a report script, a rule, ctg.open in a script): a database
 * altered by hand is the data's fault, not the script's. */
static int raise_altered_text(lua_State *L, const char *path)
{
    lua_pushfstring(L, "%s : %s", path, lua_tostring(L, -1));
    lua_pushcfunction(L, ctg_runtime_exit_error);
    lua_pushinteger(L, CTG_EXIT_DATA);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 1);
    return lua_error(L);
}

/* Check the rows of plan_id (NULL: of the whole base); raise the engine's failure, or "path :
 * sentence" naming the first altered row as ctg's data error. */
static void check_rows_or_raise(lua_State *L, struct store_box *b, const char *plan_id)
{
    struct ctg_engine_error err;
    if (b->e->ops->check_rows(b->e, plan_id, &err) != CTG_ENGINE_OK) {
        if (err.status != CTG_ENGINE_ALTERED)
            ctg_engine_raise(L, b->e, &err);
        char row[32];
        snprintf(row, sizeof row, "%lld", (long long)err.row);
        const char *vars[] = {"table", err.table, "row", row, "column", err.column, "what", err.expected, NULL};
        ctg_msg_push(L, "contain.db.lie", vars, "obs_revision: a row breaks the store's invariants");
        raise_altered_text(L, b->e->path);
    }
}

struct ctg_engine *ctg_store_checked_engine(lua_State *L, int idx)
{
    struct store_box *b = check_box(L, idx);
    if (!b->rows_checked) {
        check_rows_or_raise(L, b, NULL);
        b->rows_checked = 1;
    }
    return b->e;
}

/* The fingerprint's read (db:observations_hash): a kept link vouches for every current row of
 * its plan, so those rows are checked — the plan's, not the file's (a base of tens of CTGs),
 * once per plan in a row, unless the whole base was checked already. */
struct ctg_engine *ctg_store_plan_checked_engine(lua_State *L, int idx, const char *plan_id)
{
    struct store_box *b = check_box(L, idx);
    if (!b->rows_checked && !(b->plan_checked && strcmp(b->plan_checked, plan_id) == 0)) {
        check_rows_or_raise(L, b, plan_id);
        char *copy = strdup(plan_id);
        if (!copy)
            ctg_store_raise(L, "store.nomem");
        free(b->plan_checked);
        b->plan_checked = copy;
    }
    return b->e;
}

/* Whether t (n bytes) has shape: 'd' a digit, any other character itself. */
static int has_shape(const char *t, size_t n, const char *shape)
{
    if (n != strlen(shape))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i])
            return 0;
    return 1;
}

/* db:known_at(moment[, last_import]): from now on, this connection sees the observations as
 * known at moment (YYYY-MM-DDTHH:MM:SSZ, UTC, included; or a day YYYY-MM-DD: its end), and
 * imported up to last_import (a delivery rebuilt, ctg livraisons: the imports up to the last
 * one it read, exactly). The moment is checked to be digits and separators: an engine may
 * write it into its views. */
static int store_known_at(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    size_t n;
    const char *arg = luaL_checklstring(L, 2, &n);
    /* read before the moment is pushed (it would sit at 3 when last_import is not given) */
    lua_Integer last = luaL_optinteger(L, 3, LUA_MAXINTEGER);
    if (has_shape(arg, n, "dddd-dd-dd"))
        lua_pushfstring(L, "%sT23:59:59Z", arg);
    else if (has_shape(arg, n, "dddd-dd-ddTdd:dd:ddZ"))
        lua_pushvalue(L, 2);
    else
        return luaL_argerror(L, 2, "YYYY-MM-DDTHH:MM:SSZ");
    struct ctg_engine_error err;
    if (e->ops->known_at(e, lua_tostring(L, -1), (int64_t)last, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    return 0;
}

/* db:observations_hash(plan_id[, recompute]) -> 16 hex digits: the engine's fingerprint of
 * the plan's current observations (as known at DB:known_at's moment when set), kept at
 * import; recompute: from every current row (ctg verifier). */
static int store_observations_hash(lua_State *L)
{
    const char *plan_id = luaL_checkstring(L, 2);
    int recompute = lua_toboolean(L, 3);
    /* recomputing reads every current row through the joins; the kept one, the plan's rows */
    struct ctg_engine *e = recompute ? ctg_store_checked_engine(L, 1) : ctg_store_plan_checked_engine(L, 1, plan_id);
    char hex[17];
    struct ctg_engine_error err;
    if (e->ops->fingerprint(e, plan_id, recompute, hex, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    lua_pushstring(L, hex);
    return 1;
}

/* ---- the engine's own SQL: db:query, db:rows, db:execute, db:exec ------------------- */

#define STATEMENT_MT "ctg.Statement"

/* A prepared statement in a to-be-closed userdata, so that an error never leaks it. */
struct stmt_box {
    const struct ctg_engine_ops *ops;
    struct ctg_cursor *c;
};

static int box_close(lua_State *L)
{
    struct stmt_box *b = luaL_checkudata(L, 1, STATEMENT_MT);
    if (b->c)
        b->ops->finalize(b->c);
    b->c = NULL;
    return 0;
}

static void bind_value(lua_State *L, struct ctg_engine *e, struct ctg_cursor *c, int param, int idx)
{
    struct ctg_value v;
    memset(&v, 0, sizeof v);
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
    case LUA_TNONE:
        v.type = CTG_VALUE_NULL;
        break;
    case LUA_TBOOLEAN:
        v.type = CTG_VALUE_INTEGER, v.integer = lua_toboolean(L, idx);
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            v.type = CTG_VALUE_INTEGER, v.integer = (int64_t)lua_tointeger(L, idx);
        else
            v.type = CTG_VALUE_REAL, v.real = lua_tonumber(L, idx);
        break;
    case LUA_TSTRING:
        v.type = CTG_VALUE_TEXT, v.text = lua_tolstring(L, idx, &v.len);
        break;
    default:
        lua_pushinteger(L, param);
        const char *vars[] = {"type", luaL_typename(L, idx), "param", lua_tostring(L, -1), NULL};
        ctg_msg_push(L, "store.bind-type", vars, "store.bind-type");
        lua_error(L);
        return;
    }
    struct ctg_engine_error err;
    if (e->ops->bind(e, c, param, &v, &err) != CTG_ENGINE_OK)
        ctg_engine_raise(L, e, &err);
}

static void push_column(lua_State *L, const struct ctg_engine_ops *ops, struct ctg_cursor *c, int col)
{
    struct ctg_value v;
    ops->column(c, col, &v);
    switch (v.type) {
    case CTG_VALUE_INTEGER: lua_pushinteger(L, (lua_Integer)v.integer); break;
    case CTG_VALUE_REAL: lua_pushnumber(L, v.real); break;
    case CTG_VALUE_NULL: lua_pushnil(L); break;
    default: lua_pushlstring(L, v.text, v.len); break;
    }
}

/* Raise the catalogue's sentence for key (vars: name/value pairs), without a location. */
static int raise_key(lua_State *L, const char *key, const char *const *vars)
{
    ctg_msg_push(L, key, vars, key);
    return lua_error(L);
}

/* Prepare sql on the store at 1 and bind the arguments from stack index first on. The
 * statement is pushed as a to-be-closed userdata so that an error never leaks it. */
static struct ctg_cursor *prepare_bound(lua_State *L, struct ctg_engine *e, const char *sql, int first,
                                        int require_readonly)
{
    struct stmt_box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->ops = e->ops, b->c = NULL;
    luaL_setmetatable(L, STATEMENT_MT);
    struct ctg_prepared p;
    struct ctg_engine_error err;
    if (e->ops->prepare(e, sql, require_readonly, &p, &err) != CTG_ENGINE_OK)
        ctg_engine_raise(L, e, &err);
    b->c = p.cursor;
    if (p.joined_read)
        ctg_store_checked_engine(L, 1);
    if (!b->c)
        raise_key(L, "store.query-empty", NULL);
    if (*p.tail) {
        const char *vars[] = {"extra", p.tail, NULL};
        raise_key(L, "store.query-one", vars);
    }
    if (require_readonly && !p.readonly)
        raise_key(L, "store.query-readonly", NULL);
    int nargs = lua_gettop(L) - 1 - first + 1; /* the box sits on top */
    if (nargs != p.nparams) {
        lua_pushinteger(L, p.nparams);
        lua_pushinteger(L, nargs);
        const char *vars[] = {"params", lua_tostring(L, -2), "values", lua_tostring(L, -1), NULL};
        raise_key(L, p.nparams == 1 ? "store.query-params.one" : "store.query-params", vars);
    }
    for (int i = 1; i <= p.nparams; i++)
        bind_value(L, e, b->c, i, first + i - 1);
    return b->c;
}

/* The result's metatable {columns = {name, ...}}: the columns in the statement's order,
 * which the rows (keyed by name) cannot keep; the REPL's grid shows them in that order. */
static void set_column_order(lua_State *L, const struct ctg_engine_ops *ops, struct ctg_cursor *c, int ncols)
{
    lua_createtable(L, 0, 1);
    lua_createtable(L, ncols, 0);
    for (int i = 0; i < ncols; i++) {
        lua_pushstring(L, ops->column_name(c, i));
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "columns");
    lua_setmetatable(L, -2);
}

/* The current row of c as a {column = value} table, pushed. */
static void push_row(lua_State *L, const struct ctg_engine_ops *ops, struct ctg_cursor *c, int ncols)
{
    lua_createtable(L, 0, ncols);
    for (int i = 0; i < ncols; i++) {
        push_column(L, ops, c, i);
        lua_setfield(L, -2, ops->column_name(c, i));
    }
}

/* Finalize the statement of the box at idx now that its rows are collected, rather than at
 * the box's garbage collection: a statement left alive keeps its connection open after
 * db:close() (SQLite closes a connection only with its last statement), so the WAL of a
 * writer closed last would not be checkpointed into the database file. */
static void finalize_box(lua_State *L, int idx)
{
    struct stmt_box *b = luaL_checkudata(L, idx, STATEMENT_MT);
    if (b->c)
        b->ops->finalize(b->c);
    b->c = NULL;
}

/* Step a bound statement to the end, collecting rows as {column = value} tables. */
static int collect_rows(lua_State *L, struct ctg_engine *e, struct ctg_cursor *c)
{
    lua_newtable(L);
    int ncols = e->ops->ncolumns(c);
    set_column_order(L, e->ops, c, ncols);
    lua_Integer n = 0;
    int row = 0, rc;
    struct ctg_engine_error err;
    while ((rc = e->ops->step(e, c, &row, &err)) == CTG_ENGINE_OK && row) {
        push_row(L, e->ops, c, ncols);
        lua_rawseti(L, -2, ++n);
    }
    if (rc != CTG_ENGINE_OK)
        ctg_engine_raise(L, e, &err);
    return 1;
}

static int collect_rows_call(lua_State *L)
{
    return collect_rows(L, lua_touserdata(L, 1), lua_touserdata(L, 2));
}

/* collect_rows in a protected call, so that the caller restores what it changed (the length
 * limit) whether the query fails or not; the rows (or the error) pushed, 1 when it worked. */
static int collect_rows_protected(lua_State *L, struct ctg_engine *e, struct ctg_cursor *c)
{
    lua_pushcfunction(L, collect_rows_call);
    lua_pushlightuserdata(L, e);
    lua_pushlightuserdata(L, c);
    return lua_pcall(L, 2, 1, 0) == LUA_OK;
}

/* During a limited run (code from others), the longest string or blob the engine may build
 * for it: its heap is not the Lua allocator's, so a query concatenating rows (group_concat
 * over a recursive CTE) could take gigabytes the memory limit never sees. A quarter of the
 * run's memory cap: the engine fails with "string or blob too big" beyond. Returns the
 * previous limit, to restore. */
static size_t bound_length(lua_State *L, struct ctg_engine *e)
{
    size_t previous = e->ops->limit_length(e, 0);
    size_t cap = ctg_limits_active_memory(L) / 4;
    if (cap > 0 && cap < previous)
        e->ops->limit_length(e, cap);
    return previous;
}

/* db:query(sql, ...) -> array of rows; read-only statements only (for analysts). The
 * columns in their SQL order: getmetatable(rows).columns. */
static int store_query(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    struct ctg_cursor *c = prepare_bound(L, e, sql, 3, 1);
    size_t length = bound_length(L, e);
    int ok = collect_rows_protected(L, e, c);
    e->ops->limit_length(e, length);
    finalize_box(L, -2);
    if (!ok)
        return lua_error(L);
    return 1;
}

/* The next row of a cursor (upvalues: the store, the statement box), nil at the end — when
 * the statement is finalized at once rather than at the loop's close. */
static int cursor_next(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, lua_upvalueindex(1)); /* closed meanwhile: an error */
    struct stmt_box *b = luaL_checkudata(L, lua_upvalueindex(2), STATEMENT_MT);
    if (!b->c)
        return 0;
    int row;
    struct ctg_engine_error err;
    if (e->ops->step(e, b->c, &row, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    if (!row) {
        finalize_box(L, lua_upvalueindex(2));
        return 0;
    }
    push_row(L, e->ops, b->c, e->ops->ncolumns(b->c));
    return 1;
}

/* for row in db:rows(sql, ...) do … end: the rows of a read-only statement one at a time, so
 * that a million of them are never all in memory; the loop's to-be-closed value finalizes
 * the statement when it ends early (break, error). */
static int store_rows(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    prepare_bound(L, e, sql, 3, 1); /* the box on top */
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, cursor_next, 2);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushvalue(L, -4); /* the box, closed by the generic for */
    return 4;
}

/* db:execute(sql, ...) -> rows, changes; any statement (used by ctg's own modules). */
static int store_execute(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    struct ctg_cursor *c = prepare_bound(L, e, sql, 3, 0);
    collect_rows(L, e, c);
    lua_pushinteger(L, (lua_Integer)e->ops->changes(e));
    finalize_box(L, -3);
    return 2;
}

/* db:exec(sql) for statements without parameters (BEGIN, COMMIT, ...). */
static int store_exec(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    struct ctg_engine_error err;
    if (e->ops->exec(e, sql, &err) != CTG_ENGINE_OK) {
        const char *vars[] = {"sql", sql, NULL};
        err.what = ctg_msg_push(L, "store.exec", vars, "store.exec");
        return ctg_engine_raise(L, e, &err);
    }
    return 0;
}

/* ---- transactions ------------------------------------------------------------------ */

/* db:begin([mode]): a transaction; mode "write" (the default: the write lock taken at once,
 * so that a second writer waits or fails here) or "read". */
static int store_begin(lua_State *L)
{
    static const char *const modes[] = {"write", "read", NULL};
    struct ctg_engine *e = ctg_store_engine(L, 1);
    int write = luaL_checkoption(L, 2, "write", modes) == 0;
    struct ctg_engine_error err;
    if (e->ops->begin(e, write, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    return 0;
}

/* db:commit(), db:rollback() */
static int store_commit(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    struct ctg_engine_error err;
    if (e->ops->commit(e, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    return 0;
}

static int store_rollback(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    struct ctg_engine_error err;
    if (e->ops->rollback(e, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    return 0;
}

static int store_in_transaction(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    lua_pushboolean(L, e->ops->in_transaction(e));
    return 1;
}

static int store_last_insert_id(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    lua_pushinteger(L, (lua_Integer)e->ops->last_insert_id(e));
    return 1;
}

/* ---- observations ------------------------------------------------------------------ */

lua_Integer ctg_store_put(lua_State *L, int idx, const struct ctg_row *row, lua_Integer *first_line)
{
    struct ctg_engine *e = ctg_store_engine(L, idx);
    int64_t revision = 0, line = 0;
    struct ctg_engine_error err;
    if (e->ops->put(e, row, &revision, &line, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    *first_line = (lua_Integer)line;
    return (lua_Integer)revision;
}

/* An optional text argument: NULL for nil, its text for a string or a number. */
static const char *optional_text(lua_State *L, int arg)
{
    if (lua_isnoneornil(L, arg))
        return NULL;
    return luaL_checkstring(L, arg);
}

/* db:put_observation(plan_id, record, subject, period, territory, dims, value, numerator,
 *   denominator, text, missing, status, note, source, import_id, line [, column])
 *   -> revision | nil, first_line
 * The latest revision of the key is looked up; if the current import already wrote that
 * key, the row is a duplicate within the import (nil and the line of the first one);
 * otherwise the row is stored as the next revision. */
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
    row.import_id = (int64_t)luaL_checkinteger(L, 16);
    row.line = (int64_t)luaL_optinteger(L, 17, 0);
    row.column = (int64_t)luaL_optinteger(L, 18, 0);
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

/* db:begin_bulk(): the import that follows lets the engine cache what it writes (inside its
 * transaction, so no other writer can add keys meanwhile). */
static int store_begin_bulk(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    struct ctg_engine_error err;
    if (e->ops->begin_bulk(e, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    return 0;
}

/* db:end_bulk(): drop the caches (before the transaction commits or rolls back); nothing to
 * drop on a closed store. */
static int store_end_bulk(lua_State *L)
{
    struct ctg_engine *e = ctg_store_open_engine(L, 1);
    if (e)
        e->ops->end_bulk(e);
    return 0;
}

/* ---- open and close ------------------------------------------------------------------ */

/* Where a check's findings go: the array at index list of L, one sentence each. */
struct findings {
    lua_State *L;
    int list;
};

/* A finding of the engine's schema check, worded from the catalogue: its {object} the
 * catalogue's name of the schema object ("la vue obs_current"). */
static int word_finding(void *ud, const struct ctg_schema_finding *f)
{
    struct findings *out = ud;
    lua_State *L = out->L;
    const char *vars[16];
    int n = 0;
    for (int i = 0; f->vars[i] && n < 12; i += 2) {
        vars[n++] = f->vars[i];
        vars[n++] = f->vars[i + 1];
    }
    int pushed = 0;
    if (f->object_type) {
        char key[48];
        snprintf(key, sizeof key, "contain.db.object.%s", f->object_type);
        const char *name_vars[] = {"name", f->object_name, NULL};
        vars[n++] = "object";
        vars[n++] = ctg_msg_push(L, key, name_vars, f->object_name);
        pushed = 1;
    }
    vars[n] = NULL;
    ctg_msg_push(L, f->key, vars, f->key);
    lua_rawseti(L, out->list, (lua_Integer)lua_rawlen(L, out->list) + 1);
    lua_pop(L, pushed);
    return 0;
}

/* Raise "path : sentence" for the catalogue's key (a refusal about the database itself: no
 * Lua location, which would point into ctg's own modules). */
static int raise_about(lua_State *L, const char *path, const char *key, const char *const *vars)
{
    ctg_msg_push(L, key, vars, key);
    lua_pushfstring(L, "%s : %s", path, lua_tostring(L, -1));
    return lua_error(L);
}

/* Raise what an engine's open refused (list: the index of the schema check's findings). */
static int raise_open(lua_State *L, const struct ctg_engine_ops *ops, const char *path, int list,
                      const struct ctg_engine_error *err)
{
    switch (err->status) {
    case CTG_ENGINE_NOT_FOUND: {
        const char *vars[] = {"path", path, NULL};
        /* a PostgreSQL base is filled by ctg restore (imports write into SQLite) */
        return raise_about(L, path, ctg_engine_is_postgres(path) ? "store.not-found-pg" : "store.not-found", vars);
    }
    case CTG_ENGINE_NEWER: {
        char found[16], known[16];
        snprintf(found, sizeof found, "%d", err->version);
        snprintf(known, sizeof known, "%d", err->known);
        const char *vars[] = {"version", found, "known", known, NULL};
        return raise_about(L, path, "store.newer", vars);
    }
    case CTG_ENGINE_FOREIGN: {
        char key[48];
        snprintf(key, sizeof key, "contain.db.object.%s", err->table);
        const char *name_vars[] = {"name", err->column, NULL};
        const char *object = ctg_msg_push(L, key, name_vars, err->column);
        const char *vars[] = {"path", path, "object", object, NULL};
        ctg_msg_push(L, "contain.db.not-ctg", vars, "contain.db.not-ctg");
        lua_pushcfunction(L, ctg_runtime_exit_error);
        lua_pushinteger(L, CTG_EXIT_DATA);
        lua_pushvalue(L, -3);
        lua_call(L, 2, 1);
        return lua_error(L);
    }
    case CTG_ENGINE_ALTERED:
        if (err->what && strcmp(err->what, "contain.db.altered") == 0) {
            /* the first difference named; ctg verifier lists them all */
            lua_rawgeti(L, list, 1);
            const char *vars[] = {"finding", lua_tostring(L, -1), "path", path, NULL};
            ctg_msg_push(L, "contain.db.altered", vars, "contain.db.altered");
            return raise_altered_text(L, path);
        }
        break;
    default:
        break;
    }
    struct ctg_engine named = {.ops = ops, .path = path};
    return ctg_engine_raise(L, &named, err);
}

/* store.open(path [, {busy_timeout = ms, readonly = bool, raw = bool}]) -> store
 * path selects the engine (store/engines.c); raw: no migration and no schema check (to
 * inspect a database as it is). A writer creates a missing database; reading never does. */
static int store_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct ctg_open_options o;
    memset(&o, 0, sizeof o);
    o.busy_timeout_ms = -1;
    if (lua_istable(L, 2)) {
        if (lua_getfield(L, 2, "busy_timeout") == LUA_TNUMBER)
            o.busy_timeout_ms = (int)lua_tointeger(L, -1);
        lua_getfield(L, 2, "readonly");
        o.readonly = lua_toboolean(L, -1);
        lua_getfield(L, 2, "raw");
        o.raw = lua_toboolean(L, -1);
        lua_pop(L, 3);
    }
    o.create = !o.readonly;
    const struct ctg_engine_ops *ops = ctg_engine_for(path);
    if (!ops) {
        const char *vars[] = {"path", path, NULL};
        return raise_about(L, path, "store.no-engine-postgres", vars);
    }
    struct store_box *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    luaL_setmetatable(L, STORE_MT);
    lua_newtable(L);
    struct findings found = {L, lua_gettop(L)};
    o.finding = word_finding;
    o.finding_ud = &found;
    struct ctg_engine_error err;
    if (ops->open(path, &o, &b->e, &err) != CTG_ENGINE_OK)
        return raise_open(L, ops, path, found.list, &err);
    lua_pop(L, 1); /* the findings: none */
    return 1;
}

static int store_close(lua_State *L)
{
    struct store_box *b = luaL_checkudata(L, 1, STORE_MT);
    if (b->e)
        b->e->ops->close(b->e);
    b->e = NULL;
    free(b->plan_checked);
    b->plan_checked = NULL;
    return 0;
}

static int store_path(lua_State *L)
{
    struct store_box *b = luaL_checkudata(L, 1, STORE_MT);
    lua_pushstring(L, b->e && b->e->path ? b->e->path : "");
    return 1;
}

static int store_tostring(lua_State *L)
{
    struct store_box *b = luaL_checkudata(L, 1, STORE_MT);
    if (b->e)
        lua_pushfstring(L, "ctg database %s", b->e->path);
    else
        lua_pushliteral(L, "ctg database (closed)");
    return 1;
}

/* store:schema_findings() -> {sentence, …}, version: what open would refuse, every difference
 * named (ctg verifier, on a raw handle: the database as it is). Versions outside
 * 1..schema_version give no sentence: the caller says what their number means. */
static int store_schema_findings(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    lua_newtable(L);
    struct findings found = {L, lua_gettop(L)};
    int version, count;
    struct ctg_engine_error err;
    if (e->ops->check_schema(e, word_finding, &found, &version, &count, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    lua_pushinteger(L, version);
    return 2;
}

/* store.is_url(path) -> whether path is an engine's address (postgresql://…) rather than a
 * file: what a file check (does it exist? is it inside the project?) must leave alone. */
static int store_is_url(lua_State *L)
{
    lua_pushboolean(L, ctg_engine_is_postgres(luaL_checkstring(L, 1)));
    return 1;
}

/* store:engine_name() -> "SQLite" or "PostgreSQL": where ctg.db's SQL takes the engine's
 * dialect. */
static int store_engine_name(lua_State *L)
{
    struct store_box *b = luaL_checkudata(L, 1, STORE_MT);
    lua_pushstring(L, b->e ? b->e->ops->name : "");
    return 1;
}

/* store.schema_version() -> the schema version this ctg writes. */
static int store_schema_version(lua_State *L)
{
    lua_pushinteger(L, ctg_engine_default()->schema_latest);
    return 1;
}

static const luaL_Reg store_methods[] = {
    {"schema_findings", store_schema_findings},
    {"close", store_close},
    {"path", store_path},
    {"engine_name", store_engine_name},
    {NULL, NULL},
};

static const luaL_Reg store_meta[] = {
    {"__gc", store_close},
    {"__close", store_close},
    {"__tostring", store_tostring},
    {NULL, NULL},
};

static const luaL_Reg store_functions[] = {
    {"open", store_open},
    {"schema_version", store_schema_version},
    {"is_url", store_is_url},
    {NULL, NULL},
};

static const luaL_Reg store_engine_methods[] = {
    {"query", store_query},
    {"rows", store_rows},
    {"execute", store_execute},
    {"exec", store_exec},
    {"put_observation", store_put_observation},
    {"begin_bulk", store_begin_bulk},
    {"end_bulk", store_end_bulk},
    {"begin", store_begin},
    {"commit", store_commit},
    {"rollback", store_rollback},
    {"in_transaction", store_in_transaction},
    {"last_insert_id", store_last_insert_id},
    {"known_at", store_known_at},
    {"observations_hash", store_observations_hash},
    {NULL, NULL},
};

int luaopen_ctg_store(lua_State *L)
{
    if (luaL_newmetatable(L, STORE_MT)) {
        luaL_setfuncs(L, store_meta, 0);
        luaL_newlib(L, store_methods);
        luaL_setfuncs(L, store_engine_methods, 0);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    ctg_new_class(L, STATEMENT_MT, NULL, box_close);
    luaL_newlib(L, store_functions);
    ctg_fastrow_register(L);
    lua_pushstring(L, ctg_sqlite_library_version());
    lua_setfield(L, -2, "sqlite_version");
    return 1;
}
