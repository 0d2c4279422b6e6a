/* The one way an engine's error (store/engine.h) reaches Lua: a catalogue sentence naming the
 * database, what failed, a hint, and the engine's own words at the end — they are what a
 * search or a bug report needs (and "database is locked" is how the command line tells a busy
 * database apart). */
#include <stdio.h>
#include <string.h>
#include <lauxlib.h>

#include "msg.h"
#include "store.h"

/* "path : what : hint (Engine : detail)"; what is a catalogue key (store.*, with its one
 * placeholder err->var) or, from other modules, a sentence; a refusal without the engine's
 * words is "path : what". */
static int raise_failed(lua_State *L, const struct ctg_engine *e, const struct ctg_engine_error *err)
{
    luaL_Buffer b;
    int top = lua_gettop(L);
    /* the path and the engine's words copied first: the messages below allocate, and a
     * collection may close the store (its wrapper dropped) and free them */
    const char *path = lua_pushstring(L, e && e->path ? e->path : "base");
    const char *name = lua_pushstring(L, e && e->ops ? e->ops->name : "base");
    const char *what = err->what ? err->what : "store.read";
    if (strncmp(what, "store.", 6) == 0) {
        const char *vars[] = {err->var, err->var_value, NULL};
        what = ctg_msg_push(L, what, err->var ? vars : NULL, what);
    }
    const char *hint = err->hint ? ctg_msg_push(L, err->hint, NULL, err->hint) : NULL;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, path);
    luaL_addstring(&b, " : ");
    luaL_addstring(&b, what);
    if (hint) {
        luaL_addstring(&b, " : ");
        luaL_addstring(&b, hint);
    }
    /* a refusal of ctg's own (read-only, too many entries…) has no engine's words */
    if (err->status != CTG_ENGINE_REFUSED || err->detail[0]) {
        luaL_addstring(&b, " (");
        luaL_addstring(&b, name);
        luaL_addstring(&b, " : ");
        luaL_addstring(&b, err->detail);
        luaL_addstring(&b, ")");
    }
    luaL_pushresult(&b);
    lua_insert(L, top + 1);
    lua_settop(L, top + 1);
    return lua_error(L);
}

/* A row that breaks the store's invariants: the table, the row, the column and what it
 * should hold. */
static int raise_altered(lua_State *L, const struct ctg_engine_error *err)
{
    char row[32];
    snprintf(row, sizeof row, "%lld", (long long)err->row);
    const char *vars[] = {"table", err->table, "row", row, "column", err->column, "what", err->expected, NULL};
    ctg_msg_push(L, "contain.db.lie", vars, "obs_revision: a row breaks the store's invariants");
    return lua_error(L);
}

int ctg_engine_raise(lua_State *L, const struct ctg_engine *e, const struct ctg_engine_error *err)
{
    switch (err->status) {
    case CTG_ENGINE_NOMEM: return ctg_store_raise(L, "store.nomem");
    case CTG_ENGINE_ALTERED: return raise_altered(L, err);
    default: return raise_failed(L, e, err);
    }
}
