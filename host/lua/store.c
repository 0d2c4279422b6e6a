/* The methods of ctg.Store written over the storage engine's operations (store/engine.h):
 * what they ask of the database goes through e->ops, whatever the engine; their failures
 * are raised by ctg_engine_raise. luaopen_ctg_store (store/sqlite.c) adds them to the
 * store's methods. */
#include <stdint.h>
#include <string.h>
#include <lauxlib.h>

#include "store.h"

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

/* db:observations_hash(plan_id) -> 16 hex digits: the engine's fingerprint of the plan's
 * current observations (as known at DB:known_at's moment when set). */
static int store_observations_hash(lua_State *L)
{
    struct ctg_engine *e = ctg_store_checked_engine(L, 1);
    const char *plan_id = luaL_checkstring(L, 2);
    char hex[17];
    struct ctg_engine_error err;
    if (e->ops->fingerprint(e, plan_id, hex, &err) != CTG_ENGINE_OK)
        return ctg_engine_raise(L, e, &err);
    lua_pushstring(L, hex);
    return 1;
}

const luaL_Reg ctg_store_engine_methods[] = {
    {"known_at", store_known_at},
    {"observations_hash", store_observations_hash},
    {NULL, NULL},
};
