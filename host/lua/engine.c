/* ctg.model's evaluation engine for Lua: the binding over the Lua-free core (core/engine.c).
 *
 *   model.engine(store, plan_id, spec, ev) -> engine
 *   engine:value(indicator, period, territory [, dim, dim_value [, unassessed]]) -> result
 *   engine:values(indicators, periods, territories [, dim]) -> results
 *   engine:write_csv(file, header, indicators, periods, territories, dim, dialect, plan)
 *   engine:csv_values(header, columns, indicators, periods, territories, dim, dialect [, sink])
 *   engine:sources(indicator, period, territory, dim, dim_value, with_base) -> {{territory, period}…}
 *   engine:first_year([indicator]) / engine:last_year() -> year of the cells, or nil
 *   engine:subjects() -> {{subject, n}…}
 *   engine:dim_values(indicator, dim) -> sorted values of one dimension
 *   engine:windows() -> how many windows of indicators were read (0: one pass held all)
 *   model.csv_rows(header, columns, rows, dialect [, words [, sink]]) -> text
 *
 * What is here: the userdata, the spec read into the core's structs, the callbacks the core
 * calls (each runs its Lua protected: a Lua error is kept in the userdata and the core gets
 * CTG_ERR_CALLBACK, then the error is raised again once the core has returned; a store's
 * failure likewise, raised through ctg_engine_raise), and the results built as Lua tables. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <lualib.h>

#include "core/engine.h"
#include "core/kinds.h"
#include "ctg.h"
#include "lua/error.h"
#include "model.h"
#include "store.h"

#define ENGINE "ctg.Engine"
#define NONE CTG_ENG_NONE

/* the userdata's user values */
enum { UV_EV = 1, UV_STORE, UV_PLAN, UV_ERROR, UV_COUNT = UV_ERROR };

/* The userdata: the core's engine, and what its callbacks need while a method runs. */
struct box {
    struct ctg_eng *E;
    lua_State *L;
    int self;                      /* the userdata's stack index during a call */
    int pending;                   /* a callback failed: PENDING_LUA (in UV_ERROR) or PENDING_STORE */
    struct ctg_engine *store;      /* the store read by the callback that failed */
    struct ctg_engine_error store_error;
};
enum { PENDING_NONE, PENDING_LUA, PENDING_STORE };

static int engine_gc(lua_State *L)
{
    struct box *B = luaL_checkudata(L, 1, ENGINE);
    ctg_eng_destroy(B->E);
    B->E = NULL;
    return 0;
}

/* Raises what a core function's code says, unless CTG_OK: a callback's kept error as it
 * was, else the core's fault through the catalogue. */
static void check(struct box *B, enum ctg_error code)
{
    if (code == CTG_OK) return;
    lua_State *L = B->L;
    int pending = B->pending;
    B->pending = PENDING_NONE;
    if (code == CTG_ERR_CALLBACK && pending == PENDING_LUA) {
        lua_getiuservalue(L, B->self, UV_ERROR);
        lua_pushnil(L);
        lua_setiuservalue(L, B->self, UV_ERROR);
        lua_error(L);
    }
    if (code == CTG_ERR_CALLBACK && pending == PENDING_STORE) ctg_engine_raise(L, B->store, &B->store_error);
    const struct ctg_fault *fault = ctg_eng_fault(B->E);
    if (fault->code == code) ctg_lua_raise_fault(L, fault);
    ctg_lua_raise(L, code, NULL); /* a code returned without a fault (out of memory while building) */
}

/* ---- the callbacks: Lua run protected ------------------------------------------------------ */

/* Runs f with n arguments (pushed after it) protected, leaving nres results; on an error
 * keeps it in the userdata and returns CTG_ERR_CALLBACK. */
static enum ctg_error protected_call(struct box *B, int n, int nres)
{
    lua_State *L = B->L;
    if (lua_pcall(L, n, nres, 0) == LUA_OK) return CTG_OK;
    lua_setiuservalue(L, B->self, UV_ERROR);
    B->pending = PENDING_LUA;
    return CTG_ERR_CALLBACK;
}

/* the store's engine of the store at 1, as a light userdata (raises when it is closed) */
static int get_store(lua_State *L)
{
    lua_pushlightuserdata(L, ctg_store_engine(L, 1));
    return 1;
}

/* The store and plan id of the engine (its user values), or a kept error. */
static enum ctg_error store_of(struct box *B, struct ctg_engine **store, const char **plan_id)
{
    lua_State *L = B->L;
    lua_pushcfunction(L, get_store);
    lua_getiuservalue(L, B->self, UV_STORE);
    enum ctg_error code = protected_call(B, 1, 1);
    if (code != CTG_OK) return code;
    *store = lua_touserdata(L, -1);
    lua_getiuservalue(L, B->self, UV_PLAN);
    *plan_id = lua_tostring(L, -1); /* lives on as the user value */
    lua_pop(L, 2);
    return CTG_OK;
}

static enum ctg_error store_failed(struct box *B, struct ctg_engine *store)
{
    B->store = store;
    B->pending = PENDING_STORE;
    return CTG_ERR_CALLBACK;
}

/* The window/slice request: which of the plan's cells the kernel reads, here in one place. */
static enum ctg_error read_window(void *ud, struct kernel *k, const struct ctg_window *w)
{
    struct box *B = ud;
    struct ctg_engine *store;
    const char *plan_id;
    enum ctg_error code = store_of(B, &store, &plan_id);
    if (code != CTG_OK) return code;
    if (ctg_kernel_scan_window(k, store, plan_id, w, &B->store_error) != CTG_ENGINE_OK)
        return store_failed(B, store);
    return CTG_OK;
}

static enum ctg_error read_dims(void *ud, struct kernel *k, const char *indicator)
{
    struct box *B = ud;
    struct ctg_engine *store;
    const char *plan_id;
    enum ctg_error code = store_of(B, &store, &plan_id);
    if (code != CTG_OK) return code;
    if (ctg_kernel_scan(k, store, plan_id, indicator, 1, &B->store_error) != CTG_ENGINE_OK)
        return store_failed(B, store);
    return CTG_OK;
}

/* ev:after_as_of(period) (fields read protected: ev is a Lua object) */
static int call_after_as_of(lua_State *L)
{
    lua_getfield(L, 1, "after_as_of");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 1);
    return 1;
}

static enum ctg_error after_as_of(void *ud, const char *period, int *after)
{
    struct box *B = ud;
    lua_State *L = B->L;
    lua_pushcfunction(L, call_after_as_of);
    lua_getiuservalue(L, B->self, UV_EV);
    lua_pushstring(L, period);
    enum ctg_error code = protected_call(B, 2, 1);
    if (code != CTG_OK) return code;
    *after = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return CTG_OK;
}

/* ev:METHOD(row) -> its result (the reason of a missing row, the text row of a qualitative
 * one: the store knows how to read them) */
static int call_ev_row(lua_State *L)
{
    lua_getfield(L, 1, lua_tostring(L, 2));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 3);
    lua_call(L, 2, 1);
    return 1;
}

static enum ctg_error call_row(struct box *B, const char *method, int64_t row)
{
    lua_State *L = B->L;
    lua_pushcfunction(L, call_ev_row);
    lua_getiuservalue(L, B->self, UV_EV);
    lua_pushstring(L, method);
    if (row) lua_pushinteger(L, (lua_Integer)row); else lua_pushnil(L);
    return protected_call(B, 3, 1);
}

static enum ctg_error missing_reason(void *ud, int64_t row, struct ctg_buf *why)
{
    struct box *B = ud;
    enum ctg_error code = call_row(B, "missing_reason", row);
    if (code != CTG_OK) return code;
    size_t n;
    const char *s = lua_tolstring(B->L, -1, &n);
    ctg_buf_reset(why);
    if (s && (code = ctg_buf_add(why, s, n)) == CTG_OK) why->set = 1;
    lua_pop(B->L, 1);
    return code;
}

/* field of the table at 1 into the buffer (light userdata at 2), as a text; nil: not set */
static int copy_field(lua_State *L)
{
    struct ctg_buf *b = lua_touserdata(L, 2);
    const char *field = lua_tostring(L, 3);
    ctg_buf_reset(b);
    if (lua_getfield(L, 1, field) == LUA_TNIL) return 0;
    size_t n;
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : luaL_tolstring(L, -1, &n);
    ctg_lua_check(L, ctg_buf_add(b, s, n), NULL);
    b->set = 1;
    return 0;
}

static enum ctg_error text_row(void *ud, int64_t row, int *found, struct ctg_buf *text, struct ctg_buf *source,
                               struct ctg_buf *date)
{
    struct box *B = ud;
    lua_State *L = B->L;
    enum ctg_error code = call_row(B, "text_row", row);
    if (code != CTG_OK) return code;
    *found = lua_istable(L, -1);
    struct { const char *field; struct ctg_buf *b; } fields[] = {
        {"text", text}, {"source", source}, {"imported_at", date}};
    for (int i = 0; *found && i < 3; i++) {
        lua_pushcfunction(L, copy_field);
        lua_pushvalue(L, -2);
        lua_pushlightuserdata(L, fields[i].b);
        lua_pushstring(L, fields[i].field);
        if ((code = protected_call(B, 3, 0)) != CTG_OK) break;
    }
    lua_pop(L, 1);
    return code;
}

/* ---- results as Lua tables -------------------------------------------------------------- */

static void push_num(lua_State *L, double v, int is_int)
{
    if (is_int) lua_pushinteger(L, (lua_Integer)v); else lua_pushnumber(L, v);
}

static void set_num(lua_State *L, const char *field, int has, double v, int is_int)
{
    if (!has) return;
    push_num(L, v, is_int);
    lua_setfield(L, -2, field);
}

static void set_text(lua_State *L, const char *field, const struct ctg_buf *b)
{
    if (!b->set) return;
    lua_pushlstring(L, b->s, b->len);
    lua_setfield(L, -2, field);
}

static void set_str(lua_State *L, const char *field, const char *s)
{
    lua_pushstring(L, s);
    lua_setfield(L, -2, field);
}

static void set_int(lua_State *L, const char *field, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, field);
}

static void set_bool(lua_State *L, const char *field, int v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, field);
}

static const char *text_of(struct box *B, uint32_t id) { return ctg_eng_text(B->E, id); }

/* The sub-territories of a roll-up without any data, as the list missing_territories. */
static void push_missing_territories(struct box *B, const struct ctg_eng_indicator *ind, uint32_t period,
                                     uint32_t territory, uint32_t slice)
{
    const uint32_t *list;
    uint32_t n;
    check(B, ctg_eng_without_data(B->E, ind, period, territory, slice, &list, &n));
    if (n == 0) return;
    lua_State *L = B->L;
    lua_createtable(L, (int)n, 0);
    for (uint32_t i = 0; i < n; i++) {
        lua_pushstring(L, text_of(B, list[i]));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "missing_territories");
}

/* The members of a roll-up that give it no figure, with why: {{territory, title, reason,
 * reason_code}…} into field (missing; members_missing beside a place's own figure). */
static void push_missing(struct box *B, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                         uint32_t slice, const char *field)
{
    lua_State *L = B->L;
    const struct ctg_eng_gap *gaps;
    uint32_t n;
    check(B, ctg_eng_gaps(B->E, ind, period, territory, slice, &gaps, &n));
    lua_createtable(L, (int)n, 0);
    for (uint32_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        set_str(L, "territory", text_of(B, gaps[i].member));
        set_str(L, "title", text_of(B, ctg_eng_title(B->E, gaps[i].member)));
        set_str(L, "reason_code", CTG_ENG_REASONS[gaps[i].why]);
        const char *reason = B->E->reasons[gaps[i].why];
        if (gaps[i].detail) lua_pushfstring(L, "%s (%s)", reason, gaps[i].detail);
        else lua_pushstring(L, reason);
        lua_setfield(L, -2, "reason");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, field);
}

/* The note of r into the engine's scratch; 0 when none. */
static int note_of(struct box *B, const struct ctg_eng_result *r)
{
    int has;
    check(B, ctg_eng_note(B->E, r, &B->E->scratch, &has));
    return has;
}

static void push_result(struct box *B, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                        uint32_t slice, const struct ctg_eng_result *r)
{
    lua_State *L = B->L;
    lua_createtable(L, 0, 16);
    if (r->acc.present && !r->acc.own) push_missing_territories(B, ind, period, territory, slice);
    if (r->n) set_int(L, "n", r->n);
    if (r->value_is_text) {
        set_text(L, "value", &r->text);
        set_text(L, "text", &r->text);
        set_text(L, "text_source", &r->text_source);
        set_text(L, "text_date", &r->text_date);
    }
    set_num(L, "value", r->has_value, r->value, r->value_int);
    set_num(L, "numerator", r->has_num, r->numerator, r->num_int);
    set_num(L, "denominator", r->has_den, r->denominator, r->den_int);
    if (r->status) set_str(L, "status", CTG_ENG_STATUSES[r->status]);
    if (r->rule) set_str(L, "status_rule", CTG_ENG_RULES[r->rule]);
    if (r->reason_text.set) set_text(L, "reason", &r->reason_text);
    if (r->reason) set_str(L, "reason_code", CTG_ENG_REASONS[r->reason]);
    if (r->baseline != NONE) set_str(L, "baseline", text_of(B, r->baseline));
    set_num(L, "change", r->has_change, r->change, 0);
    set_num(L, "share", r->has_share, r->share, 0);
    set_num(L, "respondents", r->has_respondents, r->respondents, r->respondents_int);
    if (r->unweighted) set_bool(L, "unweighted", 1);
    if (r->published) set_bool(L, "published", 1);
    if (note_of(B, r)) set_text(L, "note", &B->E->scratch);
    set_num(L, "target", r->has_target, r->target, r->target_int);
    if (r->target_period != NONE) set_str(L, "target_period", text_of(B, r->target_period));
    set_num(L, "progress", r->has_progress, r->progress, 0);
    set_num(L, "baseline_value", r->has_base_value, r->base_value, r->base_value_int);
    if (r->has_base_value && r->base_period != NONE) set_str(L, "baseline_period", text_of(B, r->base_period));
    set_num(L, "expected_progress", r->has_expected, r->expected, 0);
    if (r->has_target) set_str(L, "target_kind", r->target_cumulative ? "cumulative" : "yearly");
    set_num(L, "cumulative_value", r->has_cumulative, r->cumulative, r->cumulative_int);
    if (r->has_cumulative) set_int(L, "cumulative_gaps", (lua_Integer)r->cumulative_gaps);
    if (r->rollup) {
        set_bool(L, "partial", r->partial);
        set_int(L, "members", (lua_Integer)r->members);
        set_int(L, "with_data", (lua_Integer)r->with_data);
        push_missing(B, ind, period, territory, slice, "missing");
    }
    set_num(L, "published_value", r->has_own, r->own, r->own_int);
    if (r->has_members_value) {
        set_num(L, "members_value", 1, r->members_value, r->members_value_int);
        set_int(L, "members", (lua_Integer)r->members);
        set_int(L, "with_data", (lua_Integer)r->with_data);
        /* the members that give the partial aggregate no figure, named as a roll-up's are:
         * a place's own figure kept beside it must not hide who is missing */
        if (!r->rollup) push_missing(B, ind, period, territory, slice, "members_missing");
    }
}

/* ---- CSV cells, raising on failure --------------------------------------------------------- */

static void buf_add(lua_State *L, struct ctg_buf *b, const char *s) { ctg_lua_check(L, ctg_buf_add(b, s, strlen(s)), NULL); }

static void csv_text(lua_State *L, struct ctg_eng_csv *c, const char *s, size_t n)
{
    ctg_lua_check(L, ctg_eng_csv_text(c, s, n), NULL);
}

static void csv_number(lua_State *L, struct ctg_eng_csv *c, double v, int is_int)
{
    ctg_lua_check(L, ctg_eng_csv_number(c, v, is_int), NULL);
}

static void csv_sep(lua_State *L, struct ctg_eng_csv *c) { ctg_lua_check(L, ctg_eng_csv_sep(c), NULL); }

static void csv_name(struct box *B, struct ctg_eng_csv *c, uint32_t id)
{
    const char *s = text_of(B, id);
    csv_text(B->L, c, s, strlen(s));
}


/* ---- the methods ------------------------------------------------------------------------- */

static struct box *enter(lua_State *L)
{
    struct box *B = luaL_checkudata(L, 1, ENGINE);
    if (!B->E) luaL_error(L, "engine closed");
    B->L = L, B->self = 1, B->pending = PENDING_NONE;
    return B;
}

static uint32_t name_of(struct box *B, const char *s, size_t n)
{
    uint32_t id = ctg_eng_intern(B->E, s, n);
    if (id == NONE) ctg_lua_raise(B->L, CTG_ERR_NOMEM, NULL);
    return id;
}

static uint32_t name_at(struct box *B, int idx)
{
    size_t n;
    const char *s = luaL_checklstring(B->L, idx, &n);
    return name_of(B, s, n);
}

static const struct ctg_eng_indicator *indicator_at(struct box *B, int idx)
{
    size_t n;
    const char *s = luaL_checklstring(B->L, idx, &n);
    const struct ctg_eng_indicator *ind = ctg_eng_indicator(B->E, name_of(B, s, n));
    if (!ind) luaL_error(B->L, "indicateur inconnu '%s'", s);
    return ind;
}

/* The slice of the optional (dim, dim_value) at idx, idx + 1: 0 (every value) without a
 * dimension, NONE (nothing) for a dimension without a value. */
static uint32_t slice_arg(struct box *B, const struct ctg_eng_indicator *ind, int idx)
{
    lua_State *L = B->L;
    const char *dim = lua_isnoneornil(L, idx) ? NULL : luaL_checkstring(L, idx);
    const char *v = !dim || lua_isnoneornil(L, idx + 1) ? NULL : luaL_checkstring(L, idx + 1);
    uint32_t slice;
    check(B, ctg_eng_slice(B->E, ind, dim, v, &slice));
    return slice;
}

/* engine:value(indicator, period, territory [, dim, dim_value [, unassessed]]) -> fields */
static int engine_value(lua_State *L)
{
    struct box *B = enter(L);
    const struct ctg_eng_indicator *ind = indicator_at(B, 2);
    uint32_t period = name_at(B, 3), territory = name_at(B, 4);
    uint32_t slice = slice_arg(B, ind, 5);
    check(B, ctg_eng_value(B->E, ind, period, territory, slice, lua_toboolean(L, 7), &B->E->res));
    push_result(B, ind, period, territory, slice, &B->E->res);
    return 1;
}

/* engine:sources(indicator, period, territory, dim, dim_value, with_base): the (territory,
 * period) of every cell the value reads (its baseline's too for an evolution). */
static int engine_sources(lua_State *L)
{
    struct box *B = enter(L);
    const struct ctg_eng_indicator *ind = indicator_at(B, 2);
    uint32_t period = name_at(B, 3), territory = name_at(B, 4);
    uint32_t slice = slice_arg(B, ind, 5);
    const uint32_t *pairs;
    uint32_t n;
    check(B, ctg_eng_sources(B->E, ind, period, territory, slice, lua_toboolean(L, 7), &pairs, &n));
    lua_createtable(L, (int)n, 0);
    for (uint32_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        set_str(L, "territory", text_of(B, pairs[2 * i]));
        set_str(L, "period", text_of(B, pairs[2 * i + 1]));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* engine:first_year([indicator]) -> the earliest year of the rows (of one indicator), nil:
 * from the kernel's count by subject, whatever cells it holds */
static int engine_first_year(lua_State *L)
{
    struct box *B = enter(L);
    uint32_t ind = lua_isnoneornil(L, 2) ? NONE : indicator_at(B, 2)->name;
    int32_t best = INT32_MAX;
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(B->E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(B->E->k, i);
        if (sub.rows && (ind == NONE || sub.name == ind) && sub.first_year < best) best = sub.first_year;
    }
    if (best == INT32_MAX) lua_pushnil(L); else lua_pushinteger(L, best);
    return 1;
}

static int engine_last_year(lua_State *L)
{
    struct box *B = enter(L);
    int32_t best = INT32_MIN;
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(B->E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(B->E->k, i);
        if (sub.rows && sub.last_year > best) best = sub.last_year;
    }
    if (best == INT32_MIN) lua_pushnil(L); else lua_pushinteger(L, best);
    return 1;
}

/* engine:subjects() -> {{subject, n}…}: every indicator id stored for the plan (in the plan
 * or not) with its number of current rows, sorted by id */
static int engine_subjects(lua_State *L)
{
    struct box *B = enter(L);
    /* pairs (subject id, rows) in the engine's found buffer, sorted by text as dim_values are */
    struct ctg_buf *ids = &B->E->found;
    ctg_buf_reset(ids);
    uint32_t count = 0;
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(B->E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(B->E->k, i);
        if (!sub.rows) continue;
        uint32_t pair[2] = {sub.name, sub.rows};
        ctg_lua_check(L, ctg_buf_add(ids, (const char *)pair, sizeof pair), NULL);
        count++;
    }
    uint32_t *pairs = (uint32_t *)(void *)ids->s;
    ctg_eng_sort_by_text(B->E, pairs, count);
    lua_createtable(L, (int)count, 0);
    for (uint32_t i = 0; i < count; i++) {
        lua_createtable(L, 0, 2);
        set_str(L, "subject", text_of(B, pairs[2 * i]));
        set_int(L, "n", (lua_Integer)pairs[2 * i + 1]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* engine:windows() -> how many times the kernel read a window of indicators (0: it holds
 * every cell), for tests and `ctg help store` */
static int engine_windows(lua_State *L)
{
    struct box *B = enter(L);
    lua_pushinteger(L, (lua_Integer)B->E->windows);
    return 1;
}

/* engine:dim_values(indicator, dim) -> the values of dim, sorted */
static int engine_dim_values(lua_State *L)
{
    struct box *B = enter(L);
    const struct ctg_eng_indicator *ind = indicator_at(B, 2);
    const struct ctg_eng_dimset *ds;
    check(B, ctg_eng_dimset(B->E, ind, luaL_checkstring(L, 3), &ds));
    lua_createtable(L, (int)ds->count, 0);
    for (uint32_t j = 0; j < ds->count; j++) {
        lua_pushstring(L, text_of(B, B->E->dim_values[2 * (ds->first + j)]));
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    return 1;
}

/* ---- grids of values ---------------------------------------------------------------------- */

/* The grid of the indicators (list at ii), periods (pi) and territories (ti) as name ids, in
 * a userdata left on the stack (freed with it); an unknown indicator raises. */
static void grid_at(struct box *B, int ii, int pi, int ti, const char *dim, struct ctg_eng_grid *g)
{
    lua_State *L = B->L;
    lua_Integer ni = luaL_len(L, ii), np = luaL_len(L, pi), nt = luaL_len(L, ti);
    uint32_t *ids = lua_newuserdatauv(L, (size_t)(ni + np + nt + 1) * sizeof *ids, 0);
    for (lua_Integer i = 0; i < ni; i++) {
        lua_rawgeti(L, ii, i + 1);
        ids[i] = indicator_at(B, -1)->name;
        lua_pop(L, 1);
    }
    for (lua_Integer i = 0; i < np; i++) {
        lua_rawgeti(L, pi, i + 1);
        ids[ni + i] = name_at(B, -1);
        lua_pop(L, 1);
    }
    for (lua_Integer i = 0; i < nt; i++) {
        lua_rawgeti(L, ti, i + 1);
        ids[ni + np + i] = name_at(B, -1);
        lua_pop(L, 1);
    }
    memset(g, 0, sizeof *g);
    g->inds = ids, g->periods = ids + ni, g->territories = ids + ni + np;
    g->ni = (uint32_t)ni, g->np = (uint32_t)np, g->nt = (uint32_t)nt, g->dim = dim;
}

/* The next value of the grid into E->res; 0 when done. */
static int grid_next(struct box *B, struct ctg_eng_grid *g)
{
    int more;
    check(B, ctg_eng_grid_next(B->E, g, &more));
    return more;
}

/* engine:write_csv(file, header, indicators, periods, territories, dim, dialect, plan): the
 * values table as `ctg eval --format csv` writes it, each row written as it is computed. With
 * dim, one row per value of the dimension (the indicators given all have it). With plan, its
 * id ends every row (the header names that column): a database holds several plans. */
static int engine_write_csv(lua_State *L)
{
    struct box *B = enter(L);
    luaL_Stream *out = luaL_checkudata(L, 2, LUA_FILEHANDLE);
    if (!out->closef) return luaL_error(L, "attempt to use a closed file");
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    luaL_checktype(L, 5, LUA_TTABLE);
    luaL_checktype(L, 6, LUA_TTABLE);
    const char *dim = luaL_optstring(L, 7, NULL);
    const char *dialect = luaL_optstring(L, 8, "french");
    size_t plan_len = 0;
    const char *plan = luaL_optlstring(L, 9, NULL, &plan_len);
    struct ctg_eng_grid g;
    grid_at(B, 4, 5, 6, dim, &g);
    struct ctg_eng_csv c;
    struct ctg_buf *line = &B->E->line; /* the row being written */
    ctg_buf_reset(line);
    ctg_lua_check(L, ctg_eng_csv_start(&c, out->f, dialect, line), NULL);
    c.plan = plan, c.plan_len = plan_len;
    lua_Integer nh = luaL_len(L, 3);
    for (lua_Integer i = 1; i <= nh; i++) {
        lua_rawgeti(L, 3, i);
        size_t n;
        const char *h = luaL_checklstring(L, -1, &n);
        if (i > 1) ctg_lua_check(L, ctg_eng_csv_sep(&c), NULL);
        ctg_lua_check(L, ctg_eng_csv_text(&c, h, n), NULL);
        lua_pop(L, 1);
    }
    struct ctg_fault fault = {CTG_OK, NULL, 0};
    if (ctg_eng_csv_end(&c, &fault) != CTG_OK) ctg_lua_raise_fault(L, &fault);
    check(B, ctg_eng_write_csv(B->E, &c, &g));
    return 0;
}

/* engine:values(indicators, periods, territories [, dim]) -> list of results
 * Every value of the grid in one pass, in the order of `ctg eval --format csv` (indicator,
 * then period, then territory; with dim, one row per value of the dimension): the fields of
 * engine:value plus indicator, period, territory, territory_title, dimensions ({} or
 * {dim = value}) and, with dim, the dimension's value under its name too. What ev:table
 * reads, at the cost of the CSV view plus a table a row. */
static int engine_values(lua_State *L)
{
    struct box *B = enter(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    const char *dim = luaL_optstring(L, 5, NULL);
    lua_Integer np = luaL_len(L, 3), nt = luaL_len(L, 4), ni = luaL_len(L, 2);
    struct ctg_eng_grid g;
    grid_at(B, 2, 3, 4, dim, &g);
    lua_createtable(L, (int)(ni * np * nt < INT_MAX ? ni * np * nt : 0), 0);
    lua_Integer n = 0;
    while (grid_next(B, &g)) {
        push_result(B, g.ind, g.period, g.territory, g.slice, &B->E->res);
        set_str(L, "indicator", text_of(B, g.ind->name));
        set_str(L, "period", text_of(B, g.period));
        set_str(L, "territory", text_of(B, g.territory));
        set_str(L, "territory_title", text_of(B, ctg_eng_title(B->E, g.territory)));
        lua_createtable(L, 0, dim ? 1 : 0);
        if (dim) set_str(L, dim, text_of(B, g.dim_value));
        lua_setfield(L, -2, "dimensions");
        if (dim) set_str(L, dim, text_of(B, g.dim_value));
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ---- any table's rows as CSV text ----------------------------------------------------------- */

#define CSVBUF "ctg.csvbuf"

/* the text being built, freed with its userdata whatever happens (an error, a full memory) */
static int csvbuf_gc(lua_State *L)
{
    struct ctg_buf *b = luaL_checkudata(L, 1, CSVBUF);
    free(b->s);
    b->s = NULL;
    return 0;
}

/* A CSV written into a text buffer pushed on the stack (a userdata freed with it whatever
 * happens), in dialect ("french": ';', CRLF and a BOM; else ',' and LF), with no plan column. */
static struct ctg_eng_csv csv_buffer(lua_State *L, const char *dialect)
{
    struct ctg_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    if (luaL_newmetatable(L, CSVBUF)) {
        lua_pushcfunction(L, csvbuf_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    struct ctg_eng_csv c;
    ctg_lua_check(L, ctg_eng_csv_start(&c, NULL, dialect, b), NULL);
    return c;
}

/* Hands the text built in b to the function at index sink (0: none, the text is kept whole)
 * once it holds at least min bytes, then empties b: a large table goes to its file by
 * pieces of a megabyte. */
static void csv_drain(lua_State *L, struct ctg_buf *b, int sink, size_t min)
{
    if (!sink || b->len < min || b->len == 0) return;
    lua_pushvalue(L, sink);
    lua_pushlstring(L, b->s, b->len);
    lua_call(L, 1, 0);
    b->len = 0;
}

#define CSV_PIECE ((size_t)1 << 20)

/* The value at the top of the stack as one cell, as ctg.csvw.safe_cell writes it after
 * ctg.datatable's file_cell: numbers in the dialect (nothing for NaN and ±inf), a list joined
 * with ", ", a text translated by `words` (the column's table at index words, or none). */
static void csv_cell(lua_State *L, struct ctg_eng_csv *c, int words)
{
    int t = lua_type(L, -1);
    if (t == LUA_TNIL) return;
    if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, -1)) {
            char s[32];
            snprintf(s, sizeof s, "%lld", (long long)lua_tointeger(L, -1));
            buf_add(L, c->line, s);
        } else {
            double v = lua_tonumber(L, -1);
            if (isfinite(v)) csv_number(L, c, v, 0);
        }
        return;
    }
    if (t == LUA_TTABLE) {
        luaL_Buffer b;
        lua_Integer n = luaL_len(L, -1);
        int list = lua_gettop(L);
        luaL_buffinit(L, &b);
        for (lua_Integer i = 1; i <= n; i++) {
            if (i > 1) luaL_addstring(&b, ", ");
            lua_rawgeti(L, list, i);
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(&b);
        }
        luaL_pushresult(&b);
        size_t len;
        const char *joined = lua_tolstring(L, -1, &len);
        csv_text(L, c, joined, len);
        lua_pop(L, 1);
        return;
    }
    if (t == LUA_TSTRING && words && lua_type(L, words) == LUA_TTABLE) {
        lua_pushvalue(L, -1);
        if (lua_rawget(L, words) == LUA_TSTRING) {
            size_t len;
            const char *w = lua_tolstring(L, -1, &len);
            csv_text(L, c, w, len);
            lua_pop(L, 1);
            return;
        }
        lua_pop(L, 1);
    }
    size_t len;
    if (t == LUA_TSTRING) {
        const char *text = lua_tolstring(L, -1, &len);
        csv_text(L, c, text, len);
        return;
    }
    const char *text = luaL_tolstring(L, -1, &len);
    csv_text(L, c, text, len);
    lua_pop(L, 1);
}

/* model.csv_rows(header, columns, rows, dialect [, words [, sink]]) -> text (or nothing, the
 * text handed to sink(piece) by pieces)
 * The CSV document of rows (tables keyed by the names in columns), under header, in the
 * dialect ("french": BOM, ";", decimal comma, CRLF; "intl": ",", ".", LF), cells as
 * ctg.csvw.safe_cell writes them (formulas neutralised); words[column] translates that
 * column's texts (statuses in French). What ctg.datatable's t:write runs for a .csv: a
 * table of 400 000 values in a few tenths of a second. */
static int model_csv_rows(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    const char *dialect = luaL_checkstring(L, 4);
    int has_words = lua_type(L, 5) == LUA_TTABLE;
    int sink = lua_isfunction(L, 6) ? 6 : 0;
    struct ctg_eng_csv c = csv_buffer(L, dialect);
    struct ctg_buf *b = c.line;
    int buf = lua_gettop(L);
    lua_Integer nh = luaL_len(L, 1), nc = luaL_len(L, 2), nr = luaL_len(L, 3);
    for (lua_Integer i = 1; i <= nh; i++) {
        if (i > 1) csv_sep(L, &c);
        lua_rawgeti(L, 1, i);
        csv_cell(L, &c, 0);
        lua_pop(L, 1);
    }
    buf_add(L, b, c.eol);
    /* the columns' names and their words once, on the stack above buf */
    luaL_checkstack(L, 2 * (int)nc + 8, "csv_rows");
    int names = buf + 1;
    for (lua_Integer j = 1; j <= nc; j++) {
        lua_rawgeti(L, 2, j);
        if (has_words) {
            lua_pushvalue(L, -1);
            lua_gettable(L, 5);
        } else {
            lua_pushnil(L);
        }
    }
    for (lua_Integer r = 1; r <= nr; r++) {
        if (lua_rawgeti(L, 3, r) != LUA_TTABLE) luaL_error(L, "row %d is not a table", (int)r);
        int row = lua_gettop(L);
        for (lua_Integer j = 0; j < nc; j++) {
            if (j > 0) csv_sep(L, &c);
            lua_pushvalue(L, names + 2 * (int)j);
            lua_gettable(L, row);
            csv_cell(L, &c, names + 2 * (int)j + 1);
            lua_pop(L, 1);
        }
        buf_add(L, b, c.eol);
        lua_pop(L, 1);
        csv_drain(L, b, sink, CSV_PIECE);
    }
    if (sink) {
        csv_drain(L, b, sink, 0);
        return 0;
    }
    lua_pushlstring(L, b->s ? b->s : "", b->len);
    return 1;
}

/* ---- a table of values as CSV, straight from the engine ------------------------------------ */

enum vcol { V_INDICATOR, V_PERIOD, V_TERRITORY, V_TITLE, V_DIM, V_VALUE, V_NUMERATOR, V_DENOMINATOR, V_TARGET,
            V_STATUS, V_REASON, V_NOTE, V_MISSING, V_OTHER };
static const char *const VCOL_NAMES[] = {"indicator", "period", "territory", "territory_title", "", "value",
    "numerator", "denominator", "target", "status", "reason", "note", "missing_territories", NULL};

/* The sub-territories of a roll-up without any data, joined with ", " into b (as
 * push_missing_territories lists them); 0 when none. */
static int missing_text(struct box *B, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                        uint32_t slice, const struct ctg_eng_result *r, struct ctg_buf *b)
{
    ctg_buf_reset(b);
    if (!(r->acc.present && !r->acc.own)) return 0;
    const uint32_t *list;
    uint32_t n;
    check(B, ctg_eng_without_data(B->E, ind, period, territory, slice, &list, &n));
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0) buf_add(B->L, b, ", ");
        buf_add(B->L, b, text_of(B, list[i]));
    }
    return n > 0;
}

/* One row of engine:csv_values: the cells of the columns kinds[0 .. nc) of the value in E->res
 * (V_OTHER: the field of that name of the result as engine:value gives it). */
struct columns_ctx {
    struct ctg_eng_csv *c;
    const enum vcol *kinds;
    int names, nc; /* the stack index of the first column's name, the number of columns */
    int sink;      /* the stack index of the function the text goes to, or 0 */
};

static void csv_value_row(struct box *B, const struct columns_ctx *cc, const struct ctg_eng_grid *g)
{
    lua_State *L = B->L;
    struct ctg_eng_csv *c = cc->c;
    const enum vcol *kinds = cc->kinds;
    int names = cc->names, nc = cc->nc;
    const struct ctg_eng_result *r = &B->E->res;
    struct ctg_buf *scratch = &B->E->scratch;
    int pushed = 0; /* the result as a table, made only for a column of another name */
    for (int j = 0; j < nc; j++) {
        if (j > 0) csv_sep(L, c);
        switch (kinds[j]) {
        case V_INDICATOR: csv_name(B, c, g->ind->name); break;
        case V_PERIOD: csv_name(B, c, g->period); break;
        case V_TERRITORY: csv_name(B, c, g->territory); break;
        case V_TITLE: csv_name(B, c, ctg_eng_title(B->E, g->territory)); break;
        case V_DIM: if (g->dim_value != NONE) csv_name(B, c, g->dim_value); break;
        case V_VALUE:
            if (r->value_is_text) csv_text(L, c, r->text.s, r->text.len);
            else if (r->has_value) csv_number(L, c, r->value, r->value_int);
            break;
        case V_NUMERATOR: if (r->has_num) csv_number(L, c, r->numerator, r->num_int); break;
        case V_DENOMINATOR: if (r->has_den) csv_number(L, c, r->denominator, r->den_int); break;
        case V_TARGET: if (r->has_target) csv_number(L, c, r->target, r->target_int); break;
        case V_STATUS:
            if (r->status) {
                const char *w = c->french ? B->E->statuses[r->status] : CTG_ENG_STATUSES[r->status];
                csv_text(L, c, w, strlen(w));
            }
            break;
        case V_REASON: if (r->reason_text.set) csv_text(L, c, r->reason_text.s, r->reason_text.len); break;
        case V_NOTE: if (note_of(B, r)) csv_text(L, c, scratch->s, scratch->len); break;
        case V_MISSING:
            if (missing_text(B, g->ind, g->period, g->territory, g->slice, r, scratch))
                csv_text(L, c, scratch->s, scratch->len);
            break;
        case V_OTHER:
            if (!pushed) {
                push_result(B, g->ind, g->period, g->territory, g->slice, r);
                pushed = lua_gettop(L);
            }
            lua_pushvalue(L, names + j);
            lua_rawget(L, pushed);
            csv_cell(L, c, 0);
            lua_pop(L, 1);
            break;
        }
    }
    if (pushed) lua_pop(L, 1);
    buf_add(L, c->line, c->eol);
    csv_drain(L, c->line, cc->sink, CSV_PIECE);
}

/* engine:csv_values(header, columns, indicators, periods, territories, dim, dialect [, sink])
 *   -> text (or nothing, the text handed to sink(piece) by pieces)
 * The CSV document of the table ev:table{…} would hold (the same values, columns and cells as
 * its t:write after model.csv_rows), each value computed and written in turn, no table a
 * row: what makes writing every value of every territory and period cost what ctg eval's
 * CSV costs. Statuses in French in the French dialect, codes in the international one. */
static int engine_csv_values(lua_State *L)
{
    struct box *B = enter(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    luaL_checktype(L, 5, LUA_TTABLE);
    luaL_checktype(L, 6, LUA_TTABLE);
    const char *dim = luaL_optstring(L, 7, NULL);
    const char *dialect = luaL_checkstring(L, 8);
    int sink = lua_isfunction(L, 9) ? 9 : 0;
    lua_Integer nh = luaL_len(L, 2), nc = luaL_len(L, 3);
    if (nc > 1000) return luaL_error(L, "too many columns");
    struct ctg_eng_grid g;
    grid_at(B, 4, 5, 6, dim, &g);
    enum vcol *kinds = lua_newuserdatauv(L, (size_t)(nc + 1) * sizeof *kinds, 0);
    struct ctg_eng_csv c = csv_buffer(L, dialect);
    struct ctg_buf *b = c.line;
    for (lua_Integer i = 1; i <= nh; i++) {
        if (i > 1) csv_sep(L, &c);
        lua_rawgeti(L, 2, i);
        csv_cell(L, &c, 0);
        lua_pop(L, 1);
    }
    buf_add(L, b, c.eol);
    /* the columns' names on the stack (for V_OTHER) and their kinds */
    luaL_checkstack(L, (int)nc + 8, "csv_values");
    int names = lua_gettop(L) + 1;
    for (lua_Integer j = 0; j < nc; j++) {
        lua_rawgeti(L, 3, j + 1);
        const char *name = luaL_checkstring(L, -1);
        kinds[j] = V_OTHER;
        if (dim && strcmp(name, dim) == 0) kinds[j] = V_DIM;
        for (int k = 0; kinds[j] == V_OTHER && VCOL_NAMES[k]; k++)
            if (VCOL_NAMES[k][0] && strcmp(name, VCOL_NAMES[k]) == 0) kinds[j] = (enum vcol)k;
    }
    struct columns_ctx ctx = {&c, kinds, names, (int)nc, sink};
    while (grid_next(B, &g)) csv_value_row(B, &ctx, &g);
    if (sink) {
        csv_drain(L, b, sink, 0);
        return 0;
    }
    lua_pushlstring(L, b->s ? b->s : "", b->len);
    return 1;
}

/* ---- building the engine from the plan --------------------------------------------------- */

/* The id of the field of the table at idx as a text (CTG_ENG_NONE when nil). */
static uint32_t opt_name(struct box *B, int idx, const char *field)
{
    lua_State *L = B->L;
    uint32_t id = NONE;
    if (lua_getfield(L, idx, field) != LUA_TNIL) {
        size_t n;
        const char *s = luaL_tolstring(L, -1, &n);
        id = name_of(B, s, n);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return id;
}

/* The time combination the spec gives (the indicator's, else its kind's: ctg.kinds). */
static enum ctg_eng_time time_of(lua_State *L, const char *s)
{
    if (!s) luaL_error(L, "indicator without time in the engine's spec");
    for (int i = 0; i < T_COUNT; i++)
        if (strcmp(s, CTG_ENG_TIMES[i]) == 0) return (enum ctg_eng_time)i;
    return T_MEAN; /* any other: the mean, as the former Lua did */
}

static int field_bool(lua_State *L, int t, const char *field)
{
    lua_getfield(L, t, field);
    int v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* The targets of the indicator at t, in a userdata left on the stack (freed with it). */
static struct ctg_eng_target *read_targets(struct box *B, int t, uint32_t *n)
{
    lua_State *L = B->L;
    lua_getfield(L, t, "targets");
    lua_Integer nt = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
    struct ctg_eng_target *targets = lua_newuserdatauv(L, (size_t)(nt + 1) * sizeof *targets, 0);
    lua_insert(L, -2);
    for (lua_Integer j = 1; j <= nt; j++) {
        lua_rawgeti(L, -1, j);
        struct ctg_eng_target *tg = &targets[j - 1];
        memset(tg, 0, sizeof *tg);
        tg->key = opt_name(B, lua_gettop(L), "key");
        lua_getfield(L, -1, "exact");
        tg->exact = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, -2, "value");
        tg->value = lua_tonumber(L, -1);
        tg->is_int = (uint8_t)lua_isinteger(L, -1);
        lua_pop(L, 3);
    }
    lua_pop(L, 1);
    *n = (uint32_t)nt;
    return targets;
}

static void read_indicators(struct box *B, int spec, int32_t first_year)
{
    lua_State *L = B->L;
    lua_getfield(L, spec, "indicators");
    int list = lua_gettop(L);
    lua_Integer ninds = luaL_len(L, list);
    for (lua_Integer i = 1; i <= ninds; i++) {
        lua_rawgeti(L, list, i);
        int t = lua_gettop(L);
        struct ctg_eng_indicator ind;
        memset(&ind, 0, sizeof ind);
        ind.name = opt_name(B, t, "id");
        ind.unit = opt_name(B, t, "unit");
        /* the kind's accumulator, by the name its declaration gives (ctg.kinds) */
        lua_getfield(L, t, "accumulator");
        size_t an;
        const char *acc = lua_tolstring(L, -1, &an);
        if (!(ind.ops = ctg_kind_find(acc, an)))
            luaL_error(L, "indicator %s: unknown accumulator '%s'", text_of(B, ind.name), acc ? acc : "nil");
        lua_pop(L, 1);
        lua_getfield(L, t, "time");
        ind.time = time_of(L, lua_tostring(L, -1));
        lua_pop(L, 1);
        ind.root_target = (uint8_t)field_bool(L, t, "root_target");
        ind.no_target = (uint8_t)field_bool(L, t, "no_target");
        lua_getfield(L, t, "scale");
        ind.scale = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 1;
        lua_pop(L, 1);
        ind.defined = (uint8_t)field_bool(L, t, "defined");
        ind.lower = (uint8_t)field_bool(L, t, "lower");
        ind.cumulative = (uint8_t)field_bool(L, t, "cumulative");
        ind.complete = (uint8_t)field_bool(L, t, "complete");
        lua_getfield(L, t, "start");
        ind.start = lua_isinteger(L, -1) ? (int32_t)lua_tointeger(L, -1) : first_year;
        lua_pop(L, 1);
        ind.baseline = opt_name(B, t, "baseline");
        uint32_t ntargets;
        const struct ctg_eng_target *targets = read_targets(B, t, &ntargets);
        check(B, ctg_eng_add_indicator(B->E, &ind, targets, ntargets));
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

static void read_places(struct box *B, int spec)
{
    lua_State *L = B->L;
    lua_getfield(L, spec, "places");
    int list = lua_gettop(L);
    lua_Integer nplaces = luaL_len(L, list);
    for (lua_Integer i = 1; i <= nplaces; i++) {
        lua_rawgeti(L, list, i);
        int t = lua_gettop(L);
        uint32_t name = opt_name(B, t, "code"), title = opt_name(B, t, "title");
        lua_getfield(L, t, "members");
        lua_Integer n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
        uint32_t *members = lua_newuserdatauv(L, (size_t)(n + 1) * sizeof *members, 0);
        for (lua_Integer j = 1; j <= n; j++) {
            lua_rawgeti(L, -2, j);
            members[j - 1] = name_at(B, -1);
            lua_pop(L, 1);
        }
        check(B, ctg_eng_add_place(B->E, name, title, members, (uint32_t)n));
        lua_pop(L, 3);
    }
    lua_pop(L, 1);
}

/* The words of table field of the spec, by names[from..n) ("" below from), as the core copies them. */
static void read_words(lua_State *L, int spec, const char *field, const char *const *names, int n, int from,
                       const char **out)
{
    luaL_checkstack(L, n + 2, "spec words");
    lua_getfield(L, spec, field);
    luaL_checktype(L, -1, LUA_TTABLE);
    int t = lua_gettop(L);
    for (int i = 0; i < n; i++) {
        out[i] = "";
        if (i < from) continue;
        lua_getfield(L, t, names[i]);
        const char *s = lua_tostring(L, -1);
        out[i] = s ? s : ""; /* the value stays on the stack (alive) until the core has copied it */
    }
}

static void read_texts(struct box *B, int spec)
{
    lua_State *L = B->L;
    int top = lua_gettop(L);
    const char *reasons[R_COUNT], *texts[X_COUNT], *statuses[S_COUNT];
    read_words(L, spec, "reasons", CTG_ENG_REASONS, R_COUNT, 1, reasons);
    read_words(L, spec, "texts", CTG_ENG_TEXTS, X_COUNT, 0, texts);
    read_words(L, spec, "statuses", CTG_ENG_STATUSES, S_COUNT, 1, statuses);
    check(B, ctg_eng_set_words(B->E, reasons, texts, statuses));
    lua_settop(L, top);
}

/* model.engine(store, plan_id, spec, ev): spec = {first_year, places = {{code, title,
 * members}…} (territories and groups: a territory's members are its sub-territories, a
 * group's its territories), indicators = {{id, kind, accumulator, time, root_target, no_target,
 * scale, defined, lower, baseline, unit, cumulative, complete, start, targets = {{key, exact,
 * value}…}}…} (accumulator, time and the target's scope from the kind's declaration,
 * ctg.kinds: the accumulator is found in core/kinds.c by that name), reasons, texts,
 * statuses}; ev answers
 * after_as_of(period), missing_reason(row) and text_row(row). */
static int model_engine(lua_State *L)
{
    ctg_store_engine(L, 1); /* a store, open */
    luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    struct box *B = lua_newuserdatauv(L, sizeof *B, UV_COUNT);
    memset(B, 0, sizeof *B);
    luaL_setmetatable(L, ENGINE);
    B->L = L, B->self = lua_gettop(L);
    lua_pushvalue(L, 4);
    lua_setiuservalue(L, B->self, UV_EV);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, B->self, UV_STORE);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, B->self, UV_PLAN);
    lua_getfield(L, 3, "max_cells");
    lua_Integer max_cells = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    uint32_t max = max_cells <= 0 ? 0 : max_cells < (lua_Integer)UINT32_MAX ? (uint32_t)max_cells : UINT32_MAX - 1;
    struct ctg_engine_env env = {B, read_window, read_dims, after_as_of, missing_reason, text_row};
    if (!(B->E = ctg_eng_create(&env, max))) ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    lua_getfield(L, 3, "first_year");
    int32_t first_year = (int32_t)luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    uint32_t plan_place = opt_name(B, 3, "plan_place");
    read_texts(B, 3);
    read_indicators(B, 3, first_year);
    read_places(B, 3);
    check(B, ctg_eng_load(B->E, first_year, plan_place));
    return 1;
}

void ctg_engine_register(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"value", engine_value},         {"sources", engine_sources},       {"write_csv", engine_write_csv},
        {"first_year", engine_first_year}, {"last_year", engine_last_year}, {"dim_values", engine_dim_values},
        {"subjects", engine_subjects},   {"windows", engine_windows},   {"values", engine_values},
        {"csv_values", engine_csv_values},
        {NULL, NULL}};
    if (luaL_newmetatable(L, ENGINE)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, engine_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, model_engine);
    lua_setfield(L, -2, "engine");
    lua_pushcfunction(L, model_csv_rows);
    lua_setfield(L, -2, "csv_rows");
}
