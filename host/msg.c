/* ctg_msg_push: the catalogue's sentence for a key, from C (see msg.h). */
#include "msg.h"

/* msg.text(key, vars) under protection: stack: text function, key, vars table. */
static int call_text(lua_State *L)
{
    lua_call(L, 2, 1);
    return 1;
}

const char *ctg_msg_push(lua_State *L, const char *key, const char *const *vars, const char *fallback)
{
    int top = lua_gettop(L);
    lua_pushcfunction(L, call_text);
    if (lua_getglobal(L, "require") == LUA_TFUNCTION) {
        lua_pushliteral(L, "ctg.msg");
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TTABLE &&
            lua_getfield(L, -1, "text") == LUA_TFUNCTION) {
            lua_remove(L, -2); /* the module */
            lua_pushstring(L, key);
            lua_newtable(L);
            for (const char *const *v = vars; v && v[0] && v[1]; v += 2) {
                lua_pushstring(L, v[1]);
                lua_setfield(L, -2, v[0]);
            }
            /* call_text, text, key, vars: an unknown key raises; the fallback says it then */
            if (lua_pcall(L, 3, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING)
                return lua_tostring(L, -1); /* in call_text's slot: top + 1 */
        }
    }
    lua_settop(L, top);
    return lua_pushstring(L, fallback);
}
