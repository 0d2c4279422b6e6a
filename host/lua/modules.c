/* The one table of ctg's native modules (see modules.h). */
#include "lua/modules.h"

#include "csv.h"
#include "ctg.h"
#include "repl.h"

const luaL_Reg ctg_native_modules[] = {
    {"ctg.model", luaopen_ctg_model},       /* the plan tree, the engine (model.engine) */
    {"ctg.yaml", luaopen_ctg_yaml},
    {"ctg.store", luaopen_ctg_store},       /* the database, the judge (store.fast_rows) */
    {"ctg.sys", luaopen_ctg_sys},
    {"ctg.csv", luaopen_ctg_csv},
    {"ctg.pretty", luaopen_ctg_pretty},
    {"ctg.xlsx", luaopen_ctg_xlsx},
    {"ctg.workbook", luaopen_ctg_workbook},
    {"ctg.limits", luaopen_ctg_limits},
    {"ctg.mapped", luaopen_ctg_mapped},
    {"ctg.sha256", luaopen_ctg_sha256},     /* the checksum a dump ends with */
    {"ctg.pg_schema", luaopen_ctg_pg_schema}, /* the PostgreSQL schema text */
    {NULL, NULL},
};

void ctg_preload_native_modules(lua_State *L)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (const luaL_Reg *m = ctg_native_modules; m->name; m++) {
        lua_pushcfunction(L, m->func);
        lua_setfield(L, -2, m->name);
    }
    lua_pop(L, 1);
}
