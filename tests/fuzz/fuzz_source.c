/* libFuzzer harness: loading an import mapping file (`source "id" { … }`), as `ctg check
 * sources.lua` and `ctg import --using` do: the file runs in the sandbox of code from others
 * (ctg.sandbox, ctg.limits: 2 s, 64 Mo), its declarations are made plain data and checked
 * against ctg.source_schema, then each mapping's file globs are matched against a name. A
 * Lua error, a refusal or a limit reached is an expected outcome; crashes, leaks and
 * undefined behaviour are findings, and so is a checker that raises instead of reporting
 * (an error that does not come back as a located message). */
#include "fuzz_lua.h"

const char fuzz_chunk[] =
    "require('ctg.limits').configure{timeout = 2, max_memory = 64}\n"
    "local source = require('ctg.source')\n"
    "return function(data)\n"
    "  local ok, mappings, errors = pcall(source.check, 'fuzz-source.lua', data)\n"
    "  if not ok then\n"
    "    -- the limits end a run by raising through the checker: expected\n"
    "    if tostring(mappings):find('limite', 1, true) then return end\n"
    "    error('!source.check raised: ' .. tostring(mappings), 0)\n"
    "  end\n"
    "  for _, e in ipairs(errors) do assert(type(e.message) == 'string' and type(e.line) == 'number') end\n"
    "  for _, m in ipairs(mappings or {}) do\n"
    "    source.matches(m, 'txcouv_pe_com_2024.csv')\n"
    "    source.choose(mappings, 'tableau-2024.xlsx')\n"
    "  end\n"
    "end\n";
