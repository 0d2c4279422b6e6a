/* libFuzzer harness: YAML decode -> encode -> decode. Whatever decodes must encode, and
 * the encoding must decode to the same value (a failed or different second decode is a
 * finding, reported with a '!' message). */
#include "fuzz_lua.h"

const char fuzz_chunk[] =
    "local yaml = require('ctg.yaml')\n"
    "local function same(a, b, seen)\n"
    "  if a == b then return true end\n"
    "  if a ~= a and b ~= b then return true end -- NaN\n"
    "  if type(a) ~= 'table' or type(b) ~= 'table' then return false end\n"
    "  for k, v in pairs(a) do if not same(v, b[k]) then return false end end\n"
    "  for k in pairs(b) do if a[k] == nil then return false end end\n"
    "  return true\n"
    "end\n"
    "return function(data)\n"
    "  local ok, value = pcall(yaml.decode, data)\n"
    "  if not ok then return end\n"
    "  local eok, text = pcall(yaml.encode, value)\n"
    "  if not eok then return end -- values YAML cannot hold (mixed tables) are refused, not mangled\n"
    "  local dok, again = pcall(yaml.decode, text)\n"
    "  if not dok then error('!the encoding does not decode: ' .. tostring(again) .. '\\n' .. text) end\n"
    "  if not same(value, again) then error('!decode(encode(v)) differs from v:\\n' .. text) end\n"
    "end\n";
