/* The evaluation kernel as Lua-facing C reads it (lua/kernel.c): a kernel owned by a
 * userdata on the stack, scans that raise the catalogue's message on failure. */
#ifndef CTG_LUA_KERNEL_H
#define CTG_LUA_KERNEL_H

#include <lua.h>

#include "core/kernel.h"

/* A new kernel, pushed on the stack as a userdata that frees everything on __close/__gc;
 * raises when out of memory. */
struct kernel *ctg_kernel_new(lua_State *L);

/* ctg_kernel_scan and ctg_kernel_scan_window (core/kernel.h), raising on failure. */
void ctg_kernel_read(lua_State *L, struct kernel *k, struct ctg_engine *e, const char *plan_id,
                     const char *indicator, int by_dims);
void ctg_kernel_read_window(lua_State *L, struct kernel *k, struct ctg_engine *e, const char *plan_id,
                            const struct ctg_window *w);

#endif
