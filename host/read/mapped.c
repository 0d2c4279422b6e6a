/* ctg.mapped: the rows of a file read through a mapping (ctg.source_rows), their value cells
 * turned into observations and given to the judge without a Lua table a row or a cell.
 *
 * ctg.source_rows compiles a mapping once a file into groups (one observation each: its
 * indicator, its period when the column gives it, its fixed dimensions) and value cells
 * (column, role, group, whether a share is scaled ×100); mapped.plan(spec) keeps them here.
 * For each data row, plan:read(cells, order) reads every value cell as source_rows' general
 * reading would (numbers in the file's dialect, integers when whole) and says which groups
 * have a value, in the order of their first cell; it gives nil, before anything is counted or
 * stored, when a cell needs the general reading (a missing marker, blanks around a cell, a
 * text that is no number in the dialect, a number of 2^53 or more). plan:put(k, judge,
 * territory, period, line) then judges and stores group k as judge:put would a row table
 * {indicator, period, territory, value, numerator, denominator, respondents, dims…}. */
#include "ctg.h"
#include "csv.h"
#include "judge.h"
#include "lua/error.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAPPED_MT "ctg.MappedPlan"

struct mdim {
    char *name, *value;
};

struct mgroup {
    char *indicator;
    struct ctg_rval period; /* CTG_R_ABSENT: the row's period */
    char *period_text;
    int ndims;
    struct mdim *dims;
    lua_Integer first; /* this row: the column of its first value cell */
};

struct mcell {
    lua_Integer column;
    enum ctg_field field; /* CTG_F_VALUE … CTG_F_RESPONDENTS */
    int group;            /* 0-based */
    int scale;            /* a share of a ratio's value: ×100 */
    struct ctg_rval value; /* this row's number, CTG_R_ABSENT for an empty cell */
};

struct mplan {
    int ngroups, ncells;
    struct mgroup *groups;
    struct mcell *cells;
    int dialect;       /* CTG_CSV_FRENCH / CTG_CSV_INTL; -1: none declared nor detected */
    int missing_empty; /* an empty cell is a missing value (the general reading says so) */
};

static struct mplan *check_plan(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, MAPPED_MT);
}

static char *dup_field(lua_State *L, int tbl, const char *name)
{
    lua_getfield(L, tbl, name);
    size_t n;
    const char *s = luaL_checklstring(L, -1, &n);
    char *copy = malloc(n + 1);
    if (!copy)
        ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    memcpy(copy, s, n + 1);
    lua_pop(L, 1);
    return copy;
}

static int plan_gc(lua_State *L)
{
    struct mplan *p = check_plan(L, 1);
    for (int g = 0; g < p->ngroups && p->groups; g++) {
        free(p->groups[g].indicator);
        free(p->groups[g].period_text);
        for (int d = 0; d < p->groups[g].ndims; d++) {
            free(p->groups[g].dims[d].name);
            free(p->groups[g].dims[d].value);
        }
        free(p->groups[g].dims);
    }
    free(p->groups);
    free(p->cells);
    p->groups = NULL;
    p->cells = NULL;
    p->ngroups = p->ncells = 0;
    return 0;
}

static const char *const ROLES[] = {"value", "numerator", "denominator", "respondents", NULL};

/* One group of the spec at the top of the stack: {indicator =, period = (text|integer)?,
 * dims = {{name, value}…}}. */
static void read_group(lua_State *L, struct mgroup *g)
{
    int t = lua_gettop(L);
    g->indicator = dup_field(L, t, "indicator");
    switch (lua_getfield(L, t, "period")) {
    case LUA_TNIL: break;
    case LUA_TNUMBER:
        g->period.type = CTG_R_INT;
        g->period.i = (long long)luaL_checkinteger(L, -1);
        break;
    default:
        lua_pop(L, 1);
        g->period_text = dup_field(L, t, "period");
        g->period.type = CTG_R_STR;
        g->period.s = g->period_text;
        g->period.n = strlen(g->period_text);
        lua_pushnil(L);
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "dims");
    luaL_checktype(L, -1, LUA_TTABLE);
    int n = (int)luaL_len(L, -1);
    luaL_argcheck(L, n <= CTG_RAW_MAX_DIMS, 1, "too many dimensions");
    g->dims = calloc((size_t)n + 1, sizeof *g->dims);
    if (!g->dims)
        ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    for (int d = 1; d <= n; d++) {
        lua_rawgeti(L, -1, d);
        int dt = lua_gettop(L);
        g->dims[d - 1].name = dup_field(L, dt, "name");
        g->ndims = d;
        g->dims[d - 1].value = dup_field(L, dt, "value");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* mapped.plan{groups = {…}, cells = {{column =, role =, group =, scale =}…},
 * numbers = "french"|"intl"|nil, missing = {text = true…}} -> plan
 * (the missing set is kept as the plan's user value: a cell it names needs the general reading) */
static int l_plan(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    struct mplan *p = lua_newuserdatauv(L, sizeof *p, 1);
    memset(p, 0, sizeof *p);
    luaL_setmetatable(L, MAPPED_MT);
    int ud = lua_gettop(L);
    lua_getfield(L, 1, "groups");
    luaL_checktype(L, -1, LUA_TTABLE);
    int ng = (int)luaL_len(L, -1);
    p->groups = calloc((size_t)ng + 1, sizeof *p->groups);
    if (!p->groups)
        ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    for (int g = 0; g < ng; g++) {
        lua_rawgeti(L, -1, g + 1);
        luaL_checktype(L, -1, LUA_TTABLE);
        p->ngroups = g + 1;
        read_group(L, &p->groups[g]);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "cells");
    luaL_checktype(L, -1, LUA_TTABLE);
    int nc = (int)luaL_len(L, -1);
    p->cells = calloc((size_t)nc + 1, sizeof *p->cells);
    if (!p->cells)
        ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    for (int c = 0; c < nc; c++) {
        lua_rawgeti(L, -1, c + 1);
        int t = lua_gettop(L);
        struct mcell *cell = &p->cells[c];
        lua_getfield(L, t, "column");
        cell->column = luaL_checkinteger(L, -1);
        lua_getfield(L, t, "role");
        cell->field = (enum ctg_field)(CTG_F_VALUE + luaL_checkoption(L, -1, NULL, ROLES));
        lua_getfield(L, t, "group");
        lua_Integer g = luaL_checkinteger(L, -1);
        luaL_argcheck(L, g >= 1 && g <= ng, 1, "group out of range");
        cell->group = (int)g - 1;
        lua_getfield(L, t, "scale");
        cell->scale = lua_toboolean(L, -1);
        lua_settop(L, t - 1);
        p->ncells = c + 1;
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "numbers");
    p->dialect = lua_isnil(L, -1) ? -1
               : luaL_checkoption(L, -1, NULL, (const char *const[]){"french", "intl", NULL}) == 0
                   ? CTG_CSV_FRENCH
                   : CTG_CSV_INTL;
    lua_pop(L, 1);
    lua_getfield(L, 1, "missing");
    luaL_checktype(L, -1, LUA_TTABLE);
    lua_getfield(L, -1, "");
    p->missing_empty = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_setiuservalue(L, ud, 1);
    lua_settop(L, ud);
    return 1;
}

/* The bytes trim() removes around a cell: %s, and those of U+00A0 (0xC2, 0xA0). */
static int blank(unsigned char c)
{
    return c == ' ' || (c >= 9 && c <= 13) || c == 0xC2 || c == 0xA0;
}

/* tonumber(string.format("%.12g", x)): a share written as a fraction, ×100; 0 when Lua
 * would give nil (then the general reading reads the row). */
static int scaled(lua_State *L, double x, struct ctg_rval *out)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.12g", x);
    if (lua_stringtonumber(L, buf) == 0)
        return 0;
    if (lua_isinteger(L, -1)) {
        out->type = CTG_R_INT;
        out->i = (long long)lua_tointeger(L, -1);
    } else {
        out->type = CTG_R_FLOAT;
        out->d = (double)lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    return 1;
}

/* math.tointeger(x) or x */
static void whole_or_float(double x, struct ctg_rval *out)
{
    if (x == floor(x) && x >= -9223372036854775808.0 && x < 9223372036854775808.0) {
        out->type = CTG_R_INT;
        out->i = (long long)x;
    } else {
        out->type = CTG_R_FLOAT;
        out->d = x;
    }
}

/* The value of one cell (at the top of the stack), as source_rows' number_of reads it; 0
 * when the general reading must read the row. */
static int read_cell(lua_State *L, const struct mplan *p, struct mcell *c, int missing)
{
    memset(&c->value, 0, sizeof c->value);
    switch (lua_type(L, -1)) {
    case LUA_TNIL: return !p->missing_empty;
    case LUA_TNUMBER:
        /* (an integer ×100 in Lua wraps around past 2^63: such a cell is the general reading's) */
        if (c->scale && lua_isinteger(L, -1) &&
            (lua_tointeger(L, -1) >= 9007199254740992LL || lua_tointeger(L, -1) <= -9007199254740992LL))
            return 0;
        if (c->scale)
            return scaled(L, (double)lua_tonumber(L, -1) * 100, &c->value);
        if (lua_isinteger(L, -1)) {
            c->value.type = CTG_R_INT;
            c->value.i = (long long)lua_tointeger(L, -1);
        } else {
            c->value.type = CTG_R_FLOAT;
            c->value.d = (double)lua_tonumber(L, -1);
        }
        return 1;
    case LUA_TSTRING: break;
    default: return 0;
    }
    size_t n;
    const unsigned char *s = (const unsigned char *)lua_tolstring(L, -1, &n);
    if (n == 0)
        return !p->missing_empty;
    if (blank(s[0]) || blank(s[n - 1]))
        return 0;
    lua_pushvalue(L, -1);
    int marked = lua_rawget(L, missing) != LUA_TNIL;
    lua_pop(L, 1);
    double x;
    enum ctg_csv_dialect d = p->dialect < 0 ? CTG_CSV_FRENCH : (enum ctg_csv_dialect)p->dialect;
    if (marked || !ctg_csv_parse_number(d, (const char *)s, &x) || !(fabs(x) < 9007199254740992.0))
        return 0;
    if (c->scale) {
        if (!scaled(L, x * 100, &c->value))
            return 0;
        if (c->value.type == CTG_R_FLOAT)
            whole_or_float(c->value.d, &c->value);
        return 1;
    }
    whole_or_float(x, &c->value);
    return 1;
}

/* plan:read(cells, order) -> empty cells, groups | nil: order[1..groups] = the groups (1 = the
 * first) with a value, in the order of their first cell. */
static int l_read(lua_State *L)
{
    struct mplan *p = check_plan(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_settop(L, 3);
    lua_getiuservalue(L, 1, 1);
    int missing = lua_gettop(L);
    lua_Integer empty = 0, n = 0;
    for (int g = 0; g < p->ngroups; g++)
        p->groups[g].first = 0;
    for (int i = 0; i < p->ncells; i++) {
        struct mcell *c = &p->cells[i];
        lua_rawgeti(L, 2, c->column);
        if (!read_cell(L, p, c, missing)) {
            lua_pushnil(L);
            return 1;
        }
        lua_pop(L, 1);
        if (c->value.type == CTG_R_ABSENT) {
            empty++;
        } else if (p->groups[c->group].first == 0) {
            p->groups[c->group].first = c->column;
            lua_pushinteger(L, c->group + 1);
            lua_rawseti(L, 3, ++n);
        }
    }
    lua_pushinteger(L, empty);
    lua_pushinteger(L, n);
    return 2;
}

/* plan:put(k, judge, territory, period, line) -> column [, verdict with warnings] | nil,
 * verdict: group k of the row last read, judged and stored (column: the cell of its value,
 * else of its numerator, else its first, as the row's provenance). */
static int l_put(lua_State *L)
{
    struct mplan *p = check_plan(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2);
    luaL_argcheck(L, k >= 1 && k <= p->ngroups && p->groups[k - 1].first > 0, 2, "no such group in this row");
    ctg_judge_check(L, 3);
    lua_Integer line = luaL_checkinteger(L, 6);
    lua_settop(L, 6);
    const struct mgroup *g = &p->groups[k - 1];
    struct ctg_raw raw;
    ctg_raw_clear(&raw);
    raw.f[CTG_F_INDICATOR].type = CTG_R_STR;
    raw.f[CTG_F_INDICATOR].s = g->indicator;
    raw.f[CTG_F_INDICATOR].n = strlen(g->indicator);
    if (g->period.type != CTG_R_ABSENT)
        raw.f[CTG_F_PERIOD] = g->period;
    else
        ctg_rval_from_lua(L, 5, &raw.f[CTG_F_PERIOD]);
    ctg_rval_from_lua(L, 4, &raw.f[CTG_F_TERRITORY]);
    lua_Integer value_col = 0, numerator_col = 0;
    for (int i = 0; i < p->ncells; i++) {
        const struct mcell *c = &p->cells[i];
        if (c->group != k - 1 || c->value.type == CTG_R_ABSENT)
            continue;
        raw.f[c->field] = c->value;
        if (c->field == CTG_F_VALUE)
            value_col = c->column;
        else if (c->field == CTG_F_NUMERATOR)
            numerator_col = c->column;
    }
    for (int d = 0; d < g->ndims; d++) {
        raw.dims[d].name = g->dims[d].name;
        raw.dims[d].v.type = CTG_R_STR;
        raw.dims[d].v.s = g->dims[d].value;
        raw.dims[d].v.n = strlen(g->dims[d].value);
    }
    raw.ndims = g->ndims;
    lua_Integer column = value_col ? value_col : numerator_col ? numerator_col : g->first;
    enum ctg_judged r = ctg_judge_put_at(L, 3, &raw, line, column);
    if (r == CTG_JUDGED_REFUSED || r == CTG_JUDGED_DUPLICATE) {
        lua_pushnil(L);
        ctg_judge_push_verdict(L, 3);
        return 2;
    }
    lua_pushinteger(L, column);
    if (r == CTG_JUDGED_STORED)
        return 1;
    ctg_judge_push_verdict(L, 3);
    return 2;
}

int luaopen_ctg_mapped(lua_State *L)
{
    static const luaL_Reg methods[] = {{"read", l_read}, {"put", l_put}, {NULL, NULL}};
    if (luaL_newmetatable(L, MAPPED_MT)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, plan_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    static const luaL_Reg funcs[] = {{"plan", l_plan}, {NULL, NULL}};
    luaL_newlib(L, funcs);
    return 1;
}
