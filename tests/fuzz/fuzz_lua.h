/* Shared by the libFuzzer harnesses that go through Lua: one ctg runtime (the embedded
 * stdlib and native modules, as the ctg binary has them) for the whole run, and a Lua
 * function defined by each harness, called on every input in protected mode. A Lua error is
 * an expected outcome (bad input); only crashes, leaks and undefined behaviour are
 * findings. */
#ifndef CTG_FUZZ_LUA_H
#define CTG_FUZZ_LUA_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <lauxlib.h>

#include "ctg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harness: a Lua chunk returning function(data) … end. */
extern const char fuzz_chunk[];

static lua_State *fuzz_state(void)
{
    static lua_State *L;
    if (L)
        return L;
    L = ctg_runtime_new(NULL);
    if (!L || luaL_loadstring(L, fuzz_chunk) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
        fprintf(stderr, "fuzz: cannot set up the harness: %s\n",
                L ? lua_tostring(L, -1) : "no Lua state");
        abort();
    }
    lua_setfield(L, LUA_REGISTRYINDEX, "fuzz.harness");
    return L;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lua_State *L = fuzz_state();
    lua_getfield(L, LUA_REGISTRYINDEX, "fuzz.harness");
    lua_pushlstring(L, (const char *)data, size);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        /* a harness's own assertion (a round trip that changed the data) is a finding */
        const char *msg = lua_tostring(L, -1);
        if (msg && msg[0] == '!') {
            fprintf(stderr, "fuzz: %s\n", msg);
            abort();
        }
        lua_pop(L, 1);
    }
    lua_settop(L, 0);
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}

#endif
