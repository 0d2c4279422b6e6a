-- ctg plans: the plan versions stored in the database.
local args = require("ctg.cli.args")

return function(argv, host)
  local opts = args.parse(argv, { command = "plans", usage = "ctg plans [--format text|json]",
    options = { format = { values = { "text", "json" }, default = "text" } }, max = 0 })
  local d = args.open_db(opts, host)
  local list = d:plans()
  d:close()
  if opts.format == "json" then
    io.stdout:write(require("ctg.json").encode(list, { indent = 2, order = function(t)
      if t.plan_id then return { "plan_id", "version", "label", "date", "hash", "file", "imported_at", "imported_by" } end
    end }), "\n")
    return args.EXIT.OK
  end
  if #list == 0 then
    print("no plan in the database: import one (ctg import plan.lua)")
    return args.EXIT.OK
  end
  for _, v in ipairs(list) do
    print(string.format("%s v%d  %s  %s  %s  by %s%s%s", v.plan_id, v.version, v.hash, v.imported_at,
      v.file or "", v.imported_by, v.label and ("  « " .. v.label .. " »") or "", v.date and ("  " .. v.date) or ""))
  end
  return args.EXIT.OK
end
