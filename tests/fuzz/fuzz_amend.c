/* libFuzzer harness: loading an avenant (an amendment written as its changes, ctg.amend),
 * as `ctg check avenant.lua` does: the text runs in the plan sandbox, then the plan it
 * amends is loaded (a file, named relative to tests/fixtures/amend/ as the fixtures do; the
 * harness runs in build/fuzz) and the changes applied: the chain of avenants, removals and
 * merges. Errors are expected outcomes; crashes, leaks and undefined behaviour are findings. */
#include "fuzz_lua.h"

const char fuzz_chunk[] =
    "require('ctg.limits').configure{timeout = 2, max_memory = 64}\n"
    "local dsl = require('ctg.dsl')\n"
    "local amend = require('ctg.amend')\n"
    "return function(data)\n"
    "  local ctx = dsl.collect_lua('../../tests/fixtures/amend/fuzz-avenant.lua', data)\n"
    "  if ctx.aborted or not ctx.amendment then return end\n"
    "  local merged, info = amend.apply(ctx, {}, require('ctg.load').collect)\n"
    "  if info then\n"
    "    local p = dsl.build(merged)\n"
    "    if p and p.id then p:counts() end\n"
    "  end\n"
    "end\n";
