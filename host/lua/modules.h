/* The native modules of ctg, listed once (as Lua's linit.c lists its standard libraries):
 * every module written in C that Lua code requires, by name, with its luaopen function.
 * The runtime preloads them all from this one table; adding a module is adding a line. */
#ifndef CTG_LUA_MODULES_H
#define CTG_LUA_MODULES_H

#include <lua.h>
#include <lauxlib.h>

/* {name, luaopen} of every native module, ended by {NULL, NULL}. */
extern const luaL_Reg ctg_native_modules[];

/* Put every native module into package.preload, so that require finds it (opened on first
 * require, not before: a script that needs none pays for none). */
void ctg_preload_native_modules(lua_State *L);

#endif
