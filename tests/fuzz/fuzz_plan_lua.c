/* libFuzzer harness: loading a plan written in Lua, as `ctg check plan.lua` does: the file
 * runs in the sandbox of code from others (ctg.sandbox, ctg.limits: 2 s, 64 Mo), its
 * declarations are made plain data, then built and validated. A Lua error, a refusal or a
 * limit reached is an expected outcome; crashes, leaks and undefined behaviour are findings. */
#include "fuzz_lua.h"

const char fuzz_chunk[] =
    "require('ctg.limits').configure{timeout = 2, max_memory = 64}\n"
    "local dsl = require('ctg.dsl')\n"
    "return function(data)\n"
    "  local ctx = dsl.collect_lua('fuzz-plan.lua', data)\n"
    "  if ctx.aborted or ctx.amendment then return end\n"
    "  local p = dsl.build(ctx)\n"
    "  if p and p.id then p:counts() end\n"
    "end\n";
