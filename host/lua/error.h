/* The one way the core's errors reach Lua (see core/error.h): a code and its detail turned
 * into the catalogue's sentence (core.* in stdlib/ctg/msg/core.lua, French or English), raised
 * as a Lua error. Like Tarantool's lbox_error: the core never builds a message, the binding
 * never writes one by hand. */
#ifndef CTG_LUA_ERROR_H
#define CTG_LUA_ERROR_H

#include <lua.h>

#include "core/error.h"

/* Raise the sentence of code with detail (NULL: none); does not return. */
int ctg_lua_raise(lua_State *L, enum ctg_error code, const char *detail);

/* The same for a fault (its detail, or its number as the errno text for CTG_ERR_WRITE). */
int ctg_lua_raise_fault(lua_State *L, const struct ctg_fault *fault);

/* Raise when code is not CTG_OK; returns otherwise. */
static inline void ctg_lua_check(lua_State *L, enum ctg_error code, const char *detail)
{
    if (code != CTG_OK)
        ctg_lua_raise(L, code, detail);
}

#endif
