-- ctg rules: the findings of the plan's rules and commitments; exit 4 when a critical one fires.
local args = require("ctg.cli.args")
local msg = require("ctg.msg")

local LABEL = require("ctg.present").SEVERITY

return function(argv, host)
  local opts, pos = args.parse(argv, { command = "rules",
    usage = "ctg rules [--plan ID] [--period P] [--as-of DATE] [--known-at DATE] [--format text|json] [RÈGLES.lua…]",
    options = { plan = { value = true }, period = { value = true }, as_of = { value = true }, known_at = { value = true },
                format = { values = { "text", "json" }, default = "text" } } })
  local timeline = require("ctg.timeline")
  timeline.check_options(opts, "rules")
  local d = args.open_db(opts, host)
  local plan_id = args.plan_id("rules", opts, d)
  local ok, ev, notes = pcall(timeline.evaluate, d, { plan = plan_id, period = opts.period, as_of = opts.as_of, known_at = opts.known_at,
                                                       max_cells = require("ctg.eval").DOCUMENT_CELLS })
  if not ok then d:close(); args.fail(args.EXIT.DATA, tostring(ev)) end
  local p = ev.plan
  timeline.warn(notes)
  local rules = require("ctg.rules")
  local extra = {}
  for _, path in ipairs(pos) do
    local list, errors = rules.load_file(p, path)
    if not list then
      args.print_errors(errors)
      d:close()
      args.fail(args.EXIT.DATA, require("ctg.msg").text("cli.rules.has-errors", { path = path }))
    end
    for _, r in ipairs(list) do extra[#extra + 1] = r end
  end
  local findings = rules.run(ev, extra)
  local provenance = opts.format == "json" and timeline.provenance(ev)
  if provenance and #pos > 0 then
    -- the rules files are the script of this run: their names and one fingerprint of their texts
    local names, h = {}, nil
    for i, path in ipairs(pos) do
      names[i] = path:match("[^/]+$") or path
      local f = io.open(path, "rb")
      h = timeline.fnv1a64((f and f:read("a") or "") .. "\0", h)
      if f then f:close() end
    end
    provenance.script, provenance.script_hash = table.concat(names, " "), string.format("%016x", h)
  end
  d:close()
  local critical, failed = false, false
  for _, f in ipairs(findings) do
    if f.severity == "critical" then critical = true end
    if f.severity == "error" then failed = true end
  end
  if opts.format == "json" then
    local doc = { provenance = provenance, period = ev.period, findings = findings }
    io.stdout:write(require("ctg.json").encode(doc, { indent = 2, order = function(t)
      if t == doc then return { "provenance", "period", "findings" } end
      if t == provenance then return timeline.PROVENANCE_ORDER end
      if t.severity then return { "severity", "rule", "type", "message", "evidence", "file", "line" } end
    end }), "\n")
  else
    local n = #p.rules + #extra
    print(msg.plural("rules.cli.header", n, { period = require("ctg.present").date(ev.period) }))
    for _, f in ipairs(findings) do
      local where = f.file and ("  [" .. f.file .. (f.line and f.line > 0 and ":" .. f.line or "") .. "]") or ""
      print(string.format("%-9s %s%s", LABEL[f.severity] or f.severity, f.message, where))
    end
    local counts = { critical = 0, warning = 0, info = 0, error = 0 }
    for _, f in ipairs(findings) do counts[f.severity] = counts[f.severity] + 1 end
    print(msg.text("rules.cli.counts", { critical = msg.plural("rules.cli.critical", counts.critical),
      warning = msg.plural("rules.cli.warning", counts.warning), info = msg.plural("rules.cli.info", counts.info),
      failed = counts.error > 0 and msg.plural("rules.cli.failed", counts.error) or "" }))
  end
  if critical then return args.EXIT.RULES end
  if failed then return args.EXIT.SCRIPT end
  return args.EXIT.OK
end
