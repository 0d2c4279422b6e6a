-- ctg restore FICHIER [--db BASE]: a dump (ctg dump) loaded into an empty database, created
-- when absent. The whole file is checked first (header, structure, the rows of each table
-- and the SHA-256 of its trailer), then loaded in one transaction: a dump truncated,
-- altered, of another schema, or a database that already holds data leave everything as it
-- was (a database the restore created is removed).
local args = require("ctg.cli.args")
local msg = require("ctg.msg")

local USAGE = "ctg restore FICHIER [--db BASE]"

return function(argv, host)
  local opts, pos = args.parse(argv, { command = "restore", usage = USAGE, min = 1, max = 1, options = {} })
  local dump = require("ctg.db.dump")
  local sys = require("ctg.sys")
  local file = pos[1]
  local kind = sys.kind(file)
  if kind == nil then args.fail(args.EXIT.DATA, msg.text("dump.missing", { path = file })) end
  if kind ~= "file" then args.fail(args.EXIT.DATA, msg.text("dump.not-file", { path = file })) end
  local path = args.db_path(opts, host)
  local function refused(e)
    local text = dump.error_text(e)
    if text then args.fail(args.EXIT.DATA, file .. " : " .. text) end
    args.fail(args.db_exit(e), tostring(e))
  end
  -- the file first: nothing is created for a dump that would be refused
  local ok, info = pcall(dump.check, file, require("ctg.store").schema_version())
  if not ok then refused(info) end
  local created = not require("ctg.store").is_url(path) and not sys.exists(path)
  local opened, d = pcall(require("ctg.db").open, path, { create = true })
  if not opened then args.fail(args.db_exit(d), tostring(d)) end
  local empty, holder, n = dump.is_empty(d.store)
  if not empty then
    d:close()
    args.fail(args.EXIT.DATA, msg.text("dump.not-empty", { path = path, table = holder,
      n = require("ctg.fmt").number(n) }))
  end
  local loaded, counts = pcall(dump.load, d.store, file, info)
  d:close()
  if not loaded then
    if created then
      for _, suffix in ipairs({ "", "-wal", "-shm", "-journal" }) do os.remove(path .. suffix) end
    end
    refused(counts)
  end
  local parts = {}
  for _, t in ipairs(info.tables) do
    if counts[t.name] > 0 then parts[#parts + 1] = t.name .. " " .. require("ctg.fmt").number(counts[t.name]) end
  end
  print(msg.text("dump.restored", { path = path, file = file, total = require("ctg.fmt").number(info.total),
    tables = table.concat(parts, ", ") }))
  return args.EXIT.OK
end
