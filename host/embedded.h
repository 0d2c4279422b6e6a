/* The stdlib compiled into the binary (see host/tools/embed.c) and its module searcher. */
#ifndef CTG_EMBEDDED_H
#define CTG_EMBEDDED_H

#include <stddef.h>
#include <lua.h>

struct ctg_embedded {
    const char *module; /* "ctg.fmt" */
    const char *path;   /* "stdlib/ctg/fmt.lua": the chunk name errors and tracebacks show */
    const char *source;
    size_t length;
    const char *bytecode; /* the source compiled at build time by the same Lua (debug info kept) */
    size_t bytecode_length;
};

/* NULL-terminated, generated at build time. */
extern const struct ctg_embedded ctg_embedded[];

/* Find an embedded module by name; NULL when absent. */
const struct ctg_embedded *ctg_embedded_find(const char *module);

/* Insert the stdlib searcher into package.searchers, right after the preload searcher.
 * With dev_path (CTG_PATH) set, modules are read from that source tree instead. */
void ctg_embedded_install(lua_State *L, const char *dev_path);

/* True when a chunk source ("@stdlib/ctg/x.lua") belongs to the stdlib, so that error
 * locations can point past it at the user's own file. */
int ctg_embedded_is_stdlib_source(const char *source);

#endif
