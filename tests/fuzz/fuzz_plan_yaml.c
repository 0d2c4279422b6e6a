/* libFuzzer harness: loading a plan from YAML (ctg.plan_yaml, then the builder and the
 * model's validation), as `ctg check plan.yaml` does. */
#include "fuzz_lua.h"

const char fuzz_chunk[] =
    "local plan_yaml = require('ctg.plan_yaml')\n"
    "local dsl = require('ctg.dsl')\n"
    "return function(data)\n"
    "  local ctx = plan_yaml.collect_text('fuzz.yaml', data)\n"
    "  local p, findings = dsl.build(ctx)\n"
    "  if p and p.id then p:counts() end\n"
    "end\n";
