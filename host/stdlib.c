/* The embedded stdlib: a package searcher over the modules compiled into the binary, or,
 * with CTG_PATH set, over a source tree (so stdlib edits need no rebuild while developing). */
#include <stdio.h>
#include <string.h>
#include <lauxlib.h>

#include "embedded.h"

/* The source-tree prefix in use ("@/path/to/stdlib/"), or empty. Kept so that error
 * reporting can recognise stdlib frames whichever way the modules were loaded. */
static char dev_source_prefix[1024];

const struct ctg_embedded *ctg_embedded_find(const char *module)
{
    for (const struct ctg_embedded *e = ctg_embedded; e->module; e++)
        if (strcmp(e->module, module) == 0)
            return e;
    return NULL;
}

int ctg_embedded_is_stdlib_source(const char *source)
{
    if (!source)
        return 0;
    if (strncmp(source, "@stdlib/", 8) == 0)
        return 1;
    return dev_source_prefix[0] &&
           strncmp(source, dev_source_prefix, strlen(dev_source_prefix)) == 0;
}

static int search_embedded(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    const struct ctg_embedded *e = ctg_embedded_find(name);
    if (!e) {
        lua_pushfstring(L, "no embedded module '%s'", name);
        return 1;
    }
    lua_pushfstring(L, "@%s", e->path);
    /* the binary's own bytecode, compiled with it: the only binary chunks ctg ever loads */
    if (luaL_loadbufferx(L, e->bytecode, e->bytecode_length, lua_tostring(L, -1), "b") != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, e->path);
    return 2;
}

/* CTG_PATH searcher: package.searchpath over "<dir>/?.lua;<dir>/?/init.lua". */
static int search_dev_tree(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    const char *dir = lua_tostring(L, lua_upvalueindex(1));
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchpath");
    lua_pushstring(L, name);
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua", dir, dir);
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2))
        return 1; /* the "no file" message */
    const char *file = lua_tostring(L, -2);
    if (luaL_loadfilex(L, file, "t") != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, file);
    return 2;
}

void ctg_embedded_install(lua_State *L, const char *dev_path)
{
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    /* shift searchers[2..n] up by one, then put ours at 2 (after package.preload) */
    lua_Integer n = (lua_Integer)luaL_len(L, -1);
    for (lua_Integer i = n; i >= 2; i--) {
        lua_rawgeti(L, -1, i);
        lua_rawseti(L, -2, i + 1);
    }
    if (dev_path && *dev_path) {
        size_t len = strlen(dev_path);
        while (len > 1 && dev_path[len - 1] == '/')
            len--;
        lua_pushlstring(L, dev_path, len);
        snprintf(dev_source_prefix, sizeof dev_source_prefix, "@%.*s/", (int)len, dev_path);
        lua_pushcclosure(L, search_dev_tree, 1);
    } else {
        dev_source_prefix[0] = '\0';
        lua_pushcfunction(L, search_embedded);
    }
    lua_rawseti(L, -2, 2);
    lua_pop(L, 2);
}
