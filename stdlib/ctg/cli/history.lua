-- ctg history --indicator X [--period P] [--territory T]: every revision, with provenance.
local args = require("ctg.cli.args")
local msg = require("ctg.msg")

local function show_value(r)
  if r.missing then return require("ctg.fmt").NA .. " (" .. r.missing .. ")" end
  if r.text then return string.format("%q", r.text) end
  if r.status then return require("ctg.present").STEP_STATUS[r.status] or r.status end
  local part = require("ctg.present").part(r)
  if part then return part end
  local fmt = require("ctg.fmt")
  local function n(x) return x == nil and "" or fmt.number(x, math.type(x) == "integer" and 0 or nil) end
  if r.numerator or r.denominator then
    return n(r.numerator) .. " / " .. n(r.denominator) .. (r.value and " (valeur " .. n(r.value) .. ")" or "")
  end
  return n(r.value)
end

return function(argv, host)
  local opts = args.parse(argv, { command = "history",
    usage = "ctg history --indicator ID [--plan ID] [--period P] [--territory T] [--format text|json]",
    options = { plan = { value = true }, indicator = { value = true }, period = { value = true }, territory = { value = true },
                format = { values = { "text", "json" }, default = "text" } }, max = 0 })
  if not opts.indicator then args.fail(args.EXIT.USAGE, msg.text("portfolio.history-indicator")) end
  local d = args.open_db(opts, host)
  local plan_id = args.plan_id("history", opts, d)
  -- an unknown indicator is a mistake, not "no observation"
  local ok, p = pcall(d.plan, d, plan_id)
  if ok and not args.known_indicator(d, p, opts.indicator) then
    d:close()
    args.choose("history", "--indicator", opts.indicator, args.indicator_ids(p), "cli.what.indicator")
  end
  if ok and opts.territory then args.check_territory("history", p, opts.territory) end
  local list = d:rows_of("observation", { plan = plan_id, indicator = opts.indicator, period = opts.period,
    territory = opts.territory }, ", o.revision")
  d:close()
  if opts.format == "json" then
    for _, r in ipairs(list) do r.dims = nil; r.subject = nil end
    io.stdout:write(require("ctg.json").encode(list, { indent = 2, empty_object = true }), "\n")
    return args.EXIT.OK
  end
  if #list == 0 then
    print(msg.text("history.none", { indicator = opts.indicator,
      period = opts.period and msg.text("history.none.period", { period = opts.period }) or "",
      territory = opts.territory and msg.text("history.none.territory", { territory = opts.territory }) or "" }))
    return args.EXIT.OK
  end
  -- places by their titles and dates in words (the JSON keeps codes and ISO dates)
  local present = require("ctg.present")
  local plan = ok and p or nil
  local last_key
  for _, r in ipairs(list) do
    local key = present.date(r.period) .. "  " .. present.place(plan, r.territory) .. (r.dims ~= "" and "  " .. r.dims or "")
    if key ~= last_key then print(r.indicator .. "  " .. key) end
    last_key = key
    print("  " .. present.revision(r, show_value(r)))
  end
  return args.EXIT.OK
end
