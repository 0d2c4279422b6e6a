-- ctg dump FICHIER [--db BASE]: the whole database in one portable file (ctg.db.dump: the
-- format), written whole or not at all; "-" writes it to the standard output (a pipe to gzip,
-- a backup job). The database is read in one snapshot, never changed.
local args = require("ctg.cli.args")
local msg = require("ctg.msg")

local USAGE = "ctg dump FICHIER [--db BASE]"

return function(argv, host)
  local opts, pos = args.parse(argv, { command = "dump", usage = USAGE, min = 1, max = 1, options = {} })
  local d = args.open_db(opts, host)
  local dump = require("ctg.db.dump")
  local out, why = require("ctg.sys").open_output(pos[1])
  if not out then args.fail(args.EXIT.OUTPUT, why) end
  local ok, counts, total, names = pcall(dump.write, d.store, out, args.version())
  d:close()
  if not ok then
    args.fail(dump.error_text(counts) and args.EXIT.DATA or args.db_exit(counts), dump.error_text(counts) or tostring(counts))
  end
  local written, werr = out:commit()
  if not written then args.fail(args.EXIT.OUTPUT, werr) end
  -- the account goes to stderr when the dump itself is on stdout
  local parts = {}
  for _, name in ipairs(names) do
    if counts[name] > 0 then parts[#parts + 1] = name .. " " .. require("ctg.fmt").number(counts[name]) end
  end
  local line = msg.text("dump.written", { path = pos[1] == "-" and msg.text("dump.stdout") or pos[1],
    total = require("ctg.fmt").number(total), tables = table.concat(parts, ", ") })
  if pos[1] == "-" then io.stderr:write(line, "\n") else print(line) end
  return args.EXIT.OK
end
