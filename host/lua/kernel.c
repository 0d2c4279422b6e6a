/* The evaluation kernel (core/kernel.c) for Lua: the kernel in a userdata, its failures
 * raised as catalogue messages, and model.cells.
 *
 *   model.cells(store, plan_id [, {indicator = id, by_dims = bool}]) -> array of cells
 *   cell = {indicator, period, territory, dims?, n, value?, numerator?, denominator?,
 *           max?, missing, texts, text_row?, missing_row?, weighted?, weighted_values}
 * (weighted: Σ value × denominator over the rows that give both, weighted_values their
 * number — a score's mean weighted by its respondents)
 * (text_row and missing_row: the id of the latest observation with a text, with a missing
 * reason, so that the few texts are fetched by primary key rather than searched for) */
#include <lauxlib.h>

#include "ctg.h"
#include "lua/kernel.h"
#include "model.h"
#include "store.h"

#define KERNEL_MT "ctg.EvalKernel"

/* The userdata holds a pointer: the kernel itself is the core's, allocated by it. */
struct kernel_box {
    struct kernel *k;
};

static int kernel_close(lua_State *L)
{
    struct kernel_box *box = luaL_checkudata(L, 1, KERNEL_MT);
    ctg_kernel_destroy(box->k);
    box->k = NULL;
    return 0;
}

struct kernel *ctg_kernel_new(lua_State *L)
{
    struct kernel_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->k = NULL;
    luaL_setmetatable(L, KERNEL_MT);
    if (!(box->k = ctg_kernel_create()))
        ctg_store_raise(L, "store.nomem");
    return box->k;
}

void ctg_kernel_read(lua_State *L, struct kernel *k, struct ctg_engine *e, const char *plan_id,
                     const char *indicator, int by_dims)
{
    struct ctg_engine_error err;
    if (ctg_kernel_scan(k, e, plan_id, indicator, by_dims, &err) != CTG_ENGINE_OK)
        ctg_engine_raise(L, e, &err);
}

void ctg_kernel_read_window(lua_State *L, struct kernel *k, struct ctg_engine *e, const char *plan_id,
                            const struct ctg_window *w)
{
    struct ctg_engine_error err;
    if (ctg_kernel_scan_window(k, e, plan_id, w, &err) != CTG_ENGINE_OK)
        ctg_engine_raise(L, e, &err);
}

static void set_string(lua_State *L, const char *field, const char *value)
{
    lua_pushstring(L, value);
    lua_setfield(L, -2, field);
}

static void set_number(lua_State *L, const char *field, double value)
{
    lua_Integer i;
    if (lua_numbertointeger(value, &i) && (double)i == value)
        lua_pushinteger(L, i);
    else
        lua_pushnumber(L, value);
    lua_setfield(L, -2, field);
}

static void set_count(lua_State *L, const char *field, uint32_t n)
{
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -2, field);
}

static void push_cells(lua_State *L, const struct kernel *k, int by_dims)
{
    uint32_t n = ctg_kernel_ncells(k);
    lua_createtable(L, (int)n, 0);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t key[4];
        struct ctg_sums s;
        ctg_kernel_cell(k, i, key, &s);
        lua_createtable(L, 0, 14);
        set_string(L, "indicator", ctg_kernel_string(k, key[0]));
        set_string(L, "period", ctg_kernel_string(k, key[1]));
        set_string(L, "territory", ctg_kernel_string(k, key[2]));
        if (by_dims)
            set_string(L, "dims", ctg_kernel_string(k, key[3]));
        set_count(L, "n", s.n);
        set_count(L, "missing", s.missing);
        set_count(L, "texts", s.texts);
        set_count(L, "values", s.values);
        set_count(L, "ratios", s.ratios);
        set_count(L, "weighted_values", s.weighted_values);
        if (s.weighted_values)
            set_number(L, "weighted", s.weighted);
        if (s.text_row) {
            lua_pushinteger(L, (lua_Integer)s.text_row);
            lua_setfield(L, -2, "text_row");
        }
        if (s.missing_row) {
            lua_pushinteger(L, (lua_Integer)s.missing_row);
            lua_setfield(L, -2, "missing_row");
        }
        if (s.values) {
            set_number(L, "value", s.value);
            set_number(L, "max", s.max);
        }
        if (s.has_numerator)
            set_number(L, "numerator", s.numerator);
        if (s.has_denominator)
            set_number(L, "denominator", s.denominator);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* model.cells(store, plan_id [, {indicator = id, by_dims = bool}]) -> cells */
static int model_cells(lua_State *L)
{
    struct ctg_engine *e = ctg_store_engine(L, 1);
    const char *plan_id = luaL_checkstring(L, 2);
    const char *indicator = NULL;
    int by_dims = 0;
    if (lua_istable(L, 3)) {
        if (lua_getfield(L, 3, "indicator") == LUA_TSTRING)
            indicator = lua_tostring(L, -1);
        lua_getfield(L, 3, "by_dims");
        by_dims = lua_toboolean(L, -1);
        lua_pop(L, 1); /* the indicator string stays on the stack, alive */
    }
    struct kernel *k = ctg_kernel_new(L);
    lua_toclose(L, -1);
    ctg_kernel_read(L, k, e, plan_id, indicator, by_dims);
    push_cells(L, k, by_dims);
    return 1;
}

void ctg_eval_register(lua_State *L)
{
    ctg_new_class(L, KERNEL_MT, NULL, kernel_close);
    lua_pushcfunction(L, model_cells);
    lua_setfield(L, -2, "cells");
}
