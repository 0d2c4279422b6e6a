-- ctg plans: the plan versions stored in the database, with their dates, and which one is in
-- force today and at the plan's end.
local args = require("ctg.cli.args")
local date = require("ctg.date")
local msg = require("ctg.msg")
local present = require("ctg.present")

local KEYS = { "plan_id", "version", "label", "effective", "council_date", "signed", "amends", "date", "hash", "file",
               "imported_at", "imported_by" }

-- For each plan id: the version in force today and on the last day of the plan's period.
local function in_force(d, list)
  local out, seen = {}, {}
  local today = date.today()
  for _, v in ipairs(list) do
    if not seen[v.plan_id] then
      seen[v.plan_id] = true
      local p = d:plan(v.plan_id)
      local plan_end = date.parse(p.period[2]):last()
      out[#out + 1] = { plan_id = v.plan_id, today = today:iso(), today_version = d:plan_version(v.plan_id, today).version,
                        plan_end = plan_end:iso(), plan_end_version = d:plan_version(v.plan_id, plan_end).version }
    end
  end
  return out
end

return function(argv, host)
  local opts = args.parse(argv, { command = "plans", usage = "ctg plans [--plan ID] [--format text|json]",
    options = { plan = { value = true }, format = { values = { "text", "json" }, default = "text" } }, max = 0 })
  local d = args.open_db(opts, host)
  -- every plan of the database (a portfolio lists them all), or the one --plan names
  local list = d:plans()
  if opts.plan then
    local id = args.plan_id("plans", opts, d)
    local only = {}
    for _, v in ipairs(list) do if v.plan_id == id then only[#only + 1] = v end end
    list = only
  end
  local ok, force = pcall(in_force, d, list)
  d:close()
  if not ok then args.fail(args.EXIT.DATA, tostring(force)) end
  if opts.format == "json" then
    local doc = { versions = list, in_force = force }
    io.stdout:write(require("ctg.json").encode(doc, { indent = 2, order = function(t)
      if t == doc then return { "versions", "in_force" } end
      if t.version then return KEYS end
      if t.today then return { "plan_id", "today", "today_version", "plan_end", "plan_end_version" } end
    end }), "\n")
    return args.EXIT.OK
  end
  if #list == 0 then
    print(msg.text("plans.none"))
    return args.EXIT.OK
  end
  for _, v in ipairs(list) do
    local dates = { msg.text("plans.effective", { date = present.date_after(v.effective, "le") }) }
    if v.council_date then dates[#dates + 1] = msg.text("plans.council", { date = present.date_after(v.council_date, "du") }) end
    if v.signed then dates[#dates + 1] = msg.text("plans.signed", { date = present.date_after(v.signed, "le") }) end
    if v.amends then dates[#dates + 1] = msg.text("plans.amends", { n = v.amends }) end
    local parts = { v.plan_id .. " v" .. v.version, v.hash }
    if v.label then parts[#parts + 1] = "« " .. v.label .. " »" end
    parts[#parts + 1] = "(" .. table.concat(dates, ", ") .. ")"
    if v.date then parts[#parts + 1] = v.date end
    parts[#parts + 1] = msg.text("plans.imported", { file = v.file or "", at = present.moment(v.imported_at), by = v.imported_by })
    print(table.concat(parts, "  "))
  end
  for _, f in ipairs(force) do
    print(msg.text("plans.in-force", { plan = f.plan_id, today = present.date(f.today), today_version = f.today_version,
      plan_end = present.date(f.plan_end), plan_end_version = f.plan_end_version }))
  end
  return args.EXIT.OK
end
