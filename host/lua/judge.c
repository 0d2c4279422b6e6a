/* The judge of indicator observation rows: every observation row, whichever way it arrives
 * (YAML read event by event in read/yaml.c, CSV in read/csv.c, a Lua table from db:put, the REPL or
 * a file read as tables), is checked here against the plan, normalised (period text,
 * territory code, dimension text) and stored through ctg_store_put. What is wrong comes
 * back as codes — which rule, which field, which values — that ctg.rows writes as
 * sentences through the message catalogue: one rule set, so that two checkers can never
 * disagree, and one place for the words.
 *
 *   local judge = store.judge(spec)     -- spec compiled by ctg.rows from the plan
 *   judge:bind(db.store, import_id)     -- where judge:put and the readers store rows
 *   judge:check(row) -> normalised row [, verdict] | nil, verdict
 *   judge:put(row, line [, column]) -> revision [, verdict] | nil, verdict
 *
 * spec = {plan_id, city, earliest, latest (the years of observations), first, last,
 *         indicators = {id = {kind = "count", rows = "value", whole = true, by = {"step", …}}},
 *         territories = {code = true}, steps = {code = true}, actions = {["7"] = true},
 *         territory = function(name) -> code | nil}  -- names that are not a code
 * verdict = {errors = {{code, field, value, value2, indicator, kind}}, warnings = {…},
 *            duplicate = {line, subject, period, territory, dims}}
 *
 * This file is the binding: the spec read from Lua into the judge of core/judge.c (the rules,
 * without Lua), a territory named otherwise than by its code (its title, folded case and
 * accents) resolved by spec.territory (the core remembers the answer), the normalised row
 * stored through ctg_store_put, verdicts pushed as Lua tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>

#include "ctg.h"
#include "judge.h"
#include "lua/error.h"
#include "store.h"

/* What the resolver of territory names needs: the state and the judge's stack slot during
 * the row being judged. */
struct resolver {
    lua_State *L;
    int judge_idx;
};

struct ctg_judge {
    struct ctg_judge_core *core;
    struct resolver resolver;
    int64_t import_id;
    lua_Integer duplicate_line; /* > 0 when the last row repeated a key */
    lua_Integer revision;       /* of the last row stored */
};

struct ctg_judge *ctg_judge_check(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, CTG_JUDGE_MT);
}

/* A name that is not a territory code: what spec.territory says of it (the answer stays on
 * the stack until judge_row resets it, so that its text lives while the core reads it). */
static int resolve_territory(void *ctx, const struct ctg_rval *v, const char **code, size_t *len)
{
    const struct resolver *r = ctx;
    lua_State *L = r->L;
    lua_getiuservalue(L, r->judge_idx, 2);
    lua_getfield(L, -1, "territory");
    lua_remove(L, -2);
    switch (v->type) {
    case CTG_R_STR: lua_pushlstring(L, v->s, v->n); break;
    case CTG_R_INT: lua_pushinteger(L, (lua_Integer)v->i); break;
    case CTG_R_FLOAT: lua_pushnumber(L, v->d); break;
    case CTG_R_BOOL: lua_pushboolean(L, (int)v->i); break;
    default: lua_newtable(L); break;
    }
    lua_call(L, 1, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
        return 0;
    *code = lua_tolstring(L, -1, len);
    return 1;
}

/* Judge raw with the judge at judge_idx: its verdict and normalised row in j->core. */
static void judge_row(lua_State *L, struct ctg_judge *j, int judge_idx, const struct ctg_raw *raw)
{
    int top = lua_gettop(L);
    j->resolver.L = L, j->resolver.judge_idx = lua_absindex(L, judge_idx);
    j->duplicate_line = 0;
    enum ctg_error e = ctg_judge_row(j->core, raw);
    lua_settop(L, top);
    ctg_lua_check(L, e, NULL);
}

/* ---------------------------------------------------------------- verdicts to Lua */

static void push_rval(lua_State *L, const struct ctg_rval *v)
{
    switch (v->type) {
    case CTG_R_STR: lua_pushlstring(L, v->s, v->n); break;
    case CTG_R_INT: lua_pushinteger(L, (lua_Integer)v->i); break;
    case CTG_R_FLOAT:
        /* a number beyond 2^53 is quoted as written, not as the double it rounds to */
        if (v->s)
            lua_pushlstring(L, v->s, v->n);
        else
            lua_pushnumber(L, v->d);
        break;
    case CTG_R_BOOL: lua_pushboolean(L, (int)v->i); break;
    case CTG_R_TABLE: lua_newtable(L); break;
    default: lua_pushnil(L); break;
    }
}

static void push_findings(lua_State *L, const struct ctg_verdict *v, const struct ctg_finding *list, int n)
{
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        const struct ctg_finding *e = &list[i];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, ctg_judge_code_name(e->code));
        lua_setfield(L, -2, "code");
        lua_pushstring(L, e->field);
        lua_setfield(L, -2, "field");
        push_rval(L, &e->value);
        lua_setfield(L, -2, "value");
        push_rval(L, &e->value2);
        lua_setfield(L, -2, "value2");
        if (v->indicator) {
            lua_pushstring(L, v->indicator);
            lua_setfield(L, -2, "indicator");
            lua_pushstring(L, v->kind);
            lua_setfield(L, -2, "kind");
        }
        lua_rawseti(L, -2, i + 1);
    }
}

void ctg_judge_push_verdict(lua_State *L, int judge_idx)
{
    const struct ctg_judge *j = ctg_judge_check(L, judge_idx);
    struct ctg_verdict v = ctg_judge_core_verdict(j->core);
    lua_createtable(L, 0, 3);
    push_findings(L, &v, v.errors, v.nerrors);
    lua_setfield(L, -2, "errors");
    push_findings(L, &v, v.warnings, v.nwarnings);
    lua_setfield(L, -2, "warnings");
    if (j->duplicate_line > 0) {
        const struct ctg_obs *out = ctg_judge_core_obs(j->core);
        const char *names[] = {"subject", "period", "territory", "dims"};
        lua_createtable(L, 0, 5);
        lua_pushinteger(L, j->duplicate_line);
        lua_setfield(L, -2, "line");
        for (int i = 0; i < 4; i++) {
            lua_pushlstring(L, out->key[2 + i], out->key_len[2 + i]);
            lua_setfield(L, -2, names[i]);
        }
        lua_setfield(L, -2, "duplicate");
    }
}

int ctg_judge_step(lua_State *L, int judge_idx, const struct ctg_raw *raw, lua_Integer line,
                   lua_Integer *stored, lua_Integer budget)
{
    judge_idx = lua_absindex(L, judge_idx);
    enum ctg_judged verdict = ctg_judge_put(L, judge_idx, raw, line);
    if (verdict == CTG_JUDGED_STORED) {
        if (++*stored < budget)
            return 0;
        lua_pushinteger(L, *stored);
        lua_pushliteral(L, "budget");
        return 2;
    }
    if (verdict == CTG_JUDGED_WARNED)
        ++*stored;
    lua_pushinteger(L, *stored);
    lua_pushliteral(L, "verdict");
    lua_pushinteger(L, line);
    ctg_judge_push_verdict(L, judge_idx);
    return 4;
}

/* ---------------------------------------------------------------- storing */

enum ctg_judged ctg_judge_put(lua_State *L, int judge_idx, const struct ctg_raw *raw,
                              lua_Integer line)
{
    return ctg_judge_put_at(L, judge_idx, raw, line, 0);
}

enum ctg_judged ctg_judge_put_at(lua_State *L, int judge_idx, const struct ctg_raw *raw,
                                 lua_Integer line, lua_Integer column)
{
    judge_idx = lua_absindex(L, judge_idx);
    struct ctg_judge *j = ctg_judge_check(L, judge_idx);
    if (lua_getiuservalue(L, judge_idx, 1) != LUA_TUSERDATA)
        luaL_error(L, "the judge is not bound to a database (judge:bind)");
    int store = lua_gettop(L);
    judge_row(L, j, judge_idx, raw);
    struct ctg_verdict v = ctg_judge_core_verdict(j->core);
    if (v.nerrors > 0) {
        lua_settop(L, store - 1);
        return CTG_JUDGED_REFUSED;
    }
    const struct ctg_obs *obs = ctg_judge_core_obs(j->core);
    struct ctg_row row;
    memset(&row, 0, sizeof row);
    memcpy(row.key, obs->key, sizeof row.key);
    memcpy(row.key_len, obs->key_len, sizeof row.key_len);
    memcpy(row.has_number, obs->has_number, sizeof row.has_number);
    memcpy(row.number, obs->number, sizeof row.number);
    row.text = obs->text, row.missing = obs->missing, row.note = obs->note, row.source = obs->source;
    row.import_id = j->import_id;
    row.line = (int64_t)line;
    row.column = column > 0 ? (int64_t)column : 0;
    lua_Integer first_line = 0;
    lua_Integer revision = ctg_store_put(L, store, &row, &first_line);
    lua_settop(L, store - 1);
    if (revision == 0) {
        j->duplicate_line = first_line > 0 ? first_line : 1;
        return CTG_JUDGED_DUPLICATE;
    }
    j->revision = revision;
    return v.nwarnings > 0 ? CTG_JUDGED_WARNED : CTG_JUDGED_STORED;
}

/* ---------------------------------------------------------------- rows as Lua tables */

void ctg_rval_from_lua(lua_State *L, int idx, struct ctg_rval *v)
{
    memset(v, 0, sizeof *v);
    switch (lua_type(L, idx)) {
    case LUA_TNIL: v->type = CTG_R_ABSENT; break;
    case LUA_TSTRING: v->type = CTG_R_STR; v->s = lua_tolstring(L, idx, &v->n); break;
    case LUA_TBOOLEAN: v->type = CTG_R_BOOL; v->i = lua_toboolean(L, idx); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            v->type = CTG_R_INT;
            v->i = (long long)lua_tointeger(L, idx);
        } else {
            v->type = CTG_R_FLOAT;
            v->d = (double)lua_tonumber(L, idx);
        }
        break;
    default: v->type = CTG_R_TABLE; break;
    }
}

/* Fill raw from the table at idx, whose keys are all strings (text_keys); the table keeps
 * the strings alive while raw is used. */
static void raw_from_table(lua_State *L, int idx, struct ctg_raw *raw)
{
    ctg_raw_clear(raw);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        size_t len;
        const char *name = lua_tolstring(L, -2, &len);
        enum ctg_field f = ctg_field_of(name, len);
        if (f < CTG_F_COUNT) {
            ctg_rval_from_lua(L, -1, &raw->f[f]);
        } else if (raw->ndims < CTG_RAW_MAX_DIMS) {
            raw->dims[raw->ndims].name = name;
            ctg_rval_from_lua(L, -1, &raw->dims[raw->ndims].v);
            raw->ndims++;
        } else if (!raw->extra_dim) {
            raw->extra_dim = name;
        }
        lua_pop(L, 1);
    }
}

/* Copy the table at idx into a new table with text keys only (numbers written as Lua
 * writes them), so that raw_from_table can iterate it without converting keys in place. */
static int text_keys(lua_State *L, int idx)
{
    int plain = 1;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            plain = 0;
    }
    if (plain)
        return idx;
    lua_newtable(L);
    int copy = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        luaL_tolstring(L, -2, NULL);
        lua_insert(L, -2);
        lua_rawset(L, copy);
    }
    return copy;
}

static void push_number_slot(lua_State *L, const struct ctg_raw *raw, const struct ctg_obs *out,
                             int slot, const char *name)
{
    if (!out->has_number[slot])
        return;
    const struct ctg_rval *v = &raw->f[CTG_F_VALUE + slot];
    if (v->type == CTG_R_INT || v->type == CTG_R_FLOAT)
        push_rval(L, v);
    else /* the denominator a score's respondents give */
        lua_pushinteger(L, (lua_Integer)out->number[slot]);
    lua_setfield(L, -2, name);
}

static void push_optional(lua_State *L, const char *s, const char *name)
{
    if (!s)
        return;
    lua_pushstring(L, s);
    lua_setfield(L, -2, name);
}

/* The normalised row, as ctg.rows returned it: {record, subject, period, territory, dims,
 * value, numerator, denominator, text, missing, note, source}. */
static void push_checked(lua_State *L, const struct ctg_judge *j, const struct ctg_raw *raw)
{
    const struct ctg_obs *out = ctg_judge_core_obs(j->core);
    lua_createtable(L, 0, 12);
    lua_pushlstring(L, out->key[1], out->key_len[1]); /* value, or a part: numerator, denominator */
    lua_setfield(L, -2, "record");
    const char *keys[] = {"subject", "period", "territory", "dims"};
    for (int i = 0; i < 4; i++) {
        lua_pushlstring(L, out->key[2 + i], out->key_len[2 + i]);
        lua_setfield(L, -2, keys[i]);
    }
    push_number_slot(L, raw, out, 0, "value");
    push_number_slot(L, raw, out, 1, "numerator");
    push_number_slot(L, raw, out, 2, "denominator");
    push_optional(L, out->text, "text");
    push_optional(L, out->missing, "missing");
    push_optional(L, out->note, "note");
    push_optional(L, out->source, "source");
}

/* judge:check(row) -> normalised row [, verdict with warnings] | nil, verdict */
static int judge_check_row(lua_State *L)
{
    struct ctg_judge *j = ctg_judge_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int row = text_keys(L, 2);
    struct ctg_raw raw;
    raw_from_table(L, row, &raw);
    judge_row(L, j, 1, &raw);
    struct ctg_verdict v = ctg_judge_core_verdict(j->core);
    if (v.nerrors > 0) {
        lua_pushnil(L);
        ctg_judge_push_verdict(L, 1);
        return 2;
    }
    push_checked(L, j, &raw);
    if (v.nwarnings == 0)
        return 1;
    ctg_judge_push_verdict(L, 1);
    return 2;
}

/* judge:put(row, line [, column]) -> revision [, verdict with warnings] | nil, verdict
 * (column: the spreadsheet column of the row's cell, 1 = A, kept as its provenance) */
static int judge_put_row(lua_State *L)
{
    ctg_judge_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer line = luaL_optinteger(L, 3, 0);
    lua_Integer column = luaL_optinteger(L, 4, 0);
    luaL_argcheck(L, column >= 0, 4, "column >= 1");
    lua_settop(L, 4);
    int row = text_keys(L, 2);
    struct ctg_raw raw;
    raw_from_table(L, row, &raw);
    enum ctg_judged r = ctg_judge_put_at(L, 1, &raw, line, column);
    if (r == CTG_JUDGED_REFUSED || r == CTG_JUDGED_DUPLICATE) {
        lua_pushnil(L);
        ctg_judge_push_verdict(L, 1);
        return 2;
    }
    lua_pushinteger(L, ctg_judge_check(L, 1)->revision);
    if (r == CTG_JUDGED_STORED)
        return 1;
    ctg_judge_push_verdict(L, 1);
    return 2;
}

/* judge:bind(store, import_id): where judge:put and the readers store rows */
static int judge_bind(lua_State *L)
{
    struct ctg_judge *j = ctg_judge_check(L, 1);
    ctg_store_engine(L, 2);
    j->import_id = (int64_t)luaL_checkinteger(L, 3);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, 1, 1);
    return 0;
}

static int judge_gc(lua_State *L)
{
    struct ctg_judge *j = luaL_checkudata(L, 1, CTG_JUDGE_MT);
    ctg_judge_core_free(j->core);
    j->core = NULL;
    return 0;
}

/* The keys of spec[name] (a set or a list of strings), each given to add. */
static void spec_names(lua_State *L, struct ctg_judge *j, int tbl, const char *name,
                       enum ctg_error (*add)(struct ctg_judge_core *, const char *, size_t), int at)
{
    if (lua_getfield(L, tbl, name) == LUA_TTABLE) {
        int t = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, t)) {
            int item = lua_type(L, -2) == LUA_TSTRING ? -2 : -1; /* a set's key, a list's value */
            if (lua_type(L, item) == LUA_TSTRING) {
                size_t len;
                const char *s = lua_tolstring(L, item, &len);
                ctg_lua_check(L, add ? add(j->core, s, len) : ctg_judge_core_dimension(j->core, at, s, len), name);
            }
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* spec[name], an integer; a spec that lacks it is ctg's own mistake (ctg.rows builds it). */
static int spec_integer(lua_State *L, int spec, const char *name)
{
    lua_getfield(L, spec, name);
    int isnum;
    lua_Integer v = lua_tointegerx(L, -1, &isnum);
    if (!isnum)
        ctg_lua_raise(L, CTG_ERR_SPEC, lua_pushfstring(L, "judge spec: %s must be an integer", name));
    lua_pop(L, 1);
    return (int)v;
}

/* store.judge(spec) -> judge */
static int judge_new(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    struct ctg_judge *j = lua_newuserdatauv(L, sizeof *j, 2);
    memset(j, 0, sizeof *j);
    luaL_setmetatable(L, CTG_JUDGE_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 2);
    int earliest = spec_integer(L, 1, "earliest");
    spec_integer(L, 1, "first");
    spec_integer(L, 1, "last");
    int latest = spec_integer(L, 1, "latest");
    lua_getfield(L, 1, "plan_id");
    if (!lua_isstring(L, -1))
        ctg_lua_raise(L, CTG_ERR_SPEC, "judge spec: plan_id must be a string");
    if (!(j->core = ctg_judge_core_new(lua_tostring(L, -1), earliest, latest)))
        ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    lua_pop(L, 1);
    ctg_judge_core_resolver(j->core, resolve_territory, &j->resolver);
    spec_names(L, j, 1, "territories", ctg_judge_core_territory, 0);
    spec_names(L, j, 1, "steps", ctg_judge_core_step, 0);
    spec_names(L, j, 1, "actions", ctg_judge_core_action, 0);
    if (lua_getfield(L, 1, "city") == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (ctg_judge_core_city(j->core, s, len) != CTG_OK)
            ctg_lua_raise(L, CTG_ERR_SPEC, lua_pushfstring(L, "judge spec: the city %s is not a territory", s));
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "territory") != LUA_TFUNCTION)
        ctg_lua_raise(L, CTG_ERR_SPEC, "judge spec: territory must be a function");
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "indicators") != LUA_TTABLE)
        ctg_lua_raise(L, CTG_ERR_SPEC, "judge spec: indicators must be a table");
    int inds = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, inds)) {
        size_t len;
        const char *id = luaL_checklstring(L, -2, &len);
        int spec = lua_gettop(L), at;
        static const char *const row_shapes[] = {"value", "ratio", "score", "text", NULL};
        lua_getfield(L, spec, "kind");
        const char *kind = luaL_optstring(L, -1, "");
        /* the row checks of its kind, from the kind's declaration (ctg.kinds) */
        lua_getfield(L, spec, "rows");
        int rows = luaL_checkoption(L, -1, NULL, row_shapes);
        lua_getfield(L, spec, "whole");
        int whole = lua_toboolean(L, -1);
        ctg_lua_check(L, ctg_judge_core_indicator(j->core, id, len, kind, (enum ctg_row_shape)rows, whole, &at), id);
        lua_pop(L, 3);
        spec_names(L, j, spec, "by", NULL, at);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 1;
}

void ctg_fastrow_register(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"check", judge_check_row},
        {"put", judge_put_row},
        {"bind", judge_bind},
        {NULL, NULL},
    };
    if (luaL_newmetatable(L, CTG_JUDGE_MT)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, judge_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, judge_new);
    lua_setfield(L, -2, "judge");
}
