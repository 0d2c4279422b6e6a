-- luacheck for the project's own Lua (stdlib/, scripts/, tests/lua/), run by `make test`.
-- Unused variables, accidental globals and shadowing are fixed in the code, not silenced here.
std = "lua54"
-- lines are wrapped where they read best (long French messages, tables of fields); their
-- length is not a defect
max_line_length = false
-- the cache would be written into the source tree
cache = false

-- `ctg` is the global the host gives every script and the REPL
files["tests/lua"] = { read_globals = { "ctg" } }
files["scripts"] = { read_globals = { "ctg" } }
