/* libFuzzer harness: the streaming YAML reader (yaml.stream, what imports read
 * observation files with) over any bytes written to a file, read to the end. */
#include "fuzz_lua.h"

const char fuzz_chunk[] =
    "local yaml = require('ctg.yaml')\n"
    "local path = os.tmpname()\n"
    "return function(data)\n"
    "  local f = assert(io.open(path, 'wb')) f:write(data) f:close()\n"
    "  local ok, err = pcall(function()\n"
    "    for key, value, line, index in yaml.stream(path, 'fuzz.yaml') do end\n"
    "  end)\n"
    "  if not ok and type(err) ~= 'string' then error('!stream raised a ' .. type(err)) end\n"
    "end\n";
