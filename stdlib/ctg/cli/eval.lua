-- ctg eval: the values table of the indicators, or how one value was computed (--explain).
local args = require("ctg.cli.args")
local msg = require("ctg.msg")

local present = require("ctg.present")
local STATUS_FR = present.STATUS
-- a value judged on a cumulative target shows the running total it is judged by
local function show_value(r, ind) return present.value_total(r, ind, 40) end
local show_number = present.number

-- The values table for a person: the period and territory, when every row shares them, go
-- into a title line; territories by their names; status and reason in one column; the whole
-- fits a 100-column terminal (ctg.grid wraps the long cells; --format json has them in full).
-- each(fn) gives the values in turn: each is kept only as the text of its cells (the grid
-- needs every row to size its columns).
local function print_table(p, each, by)
  local function place(code)
    local t = p:place(code)
    return t and t.title or code
  end
  local lines, periods, territories = {}, {}, {}
  local period, territory, n = nil, nil, 0
  local same_period, same_territory = true, true
  each(function(r)
    local ind = p:indicator(r.indicator)
    n = n + 1
    if n == 1 then period, territory = r.period, r.territory end
    same_period = same_period and r.period == period
    same_territory = same_territory and r.territory == territory
    -- an unavailable value already reads "n.d.": its reason says the rest
    local status = r.status and r.status ~= "not available" and STATUS_FR[r.status] or nil
    local why = r.reason or (r.partial and r.value ~= nil and present.partial_label(r)) or r.note
    if r.published_value ~= nil then why = (why and why .. " ; " or "") .. present.published_label(r, ind) end
    if r.members_value ~= nil then why = (why and why .. " ; " or "") .. present.members_label(r, ind) end
    -- a value not available: its target is all the row says, with who set it
    if r.value == nil and r.target_source then
      why = (why and why or "") .. require("ctg.msg").text("present.verdict.source", { source = r.target_source })
    end
    local cells = { r.indicator }
    if by then cells[#cells + 1] = r.dimensions[by] end
    for _, c in ipairs({ show_value(r, ind), show_number(r.numerator), show_number(r.denominator),
                         r.target and present.figure(r.target, ind) or "", -- as the values: 60,0 %
                         status and why and (status .. " : " .. why) or status or why or "" }) do
      cells[#cells + 1] = c
    end
    lines[n], periods[n], territories[n] = cells, r.period, r.territory
  end)
  if not (n > 0 and same_period) then period = nil end
  if not (n > 0 and same_territory) then territory = nil end
  local header, flexible = { "Indicateur" }, {}
  if not period then header[#header + 1] = "Période" end
  if not territory then header[#header + 1] = "Territoire"; flexible[#header] = true end
  if by then header[#header + 1] = by; flexible[#header] = true end
  header[#header + 1] = "Valeur"; flexible[#header] = true
  for _, h in ipairs({ "Num.", "Dénom.", "Cible" }) do header[#header + 1] = h end
  header[#header + 1] = "Statut"; flexible[#header] = true
  -- the period and territory columns, when they differ from row to row
  local titles = {}
  for i, cells in ipairs(lines) do
    if not territory then
      titles[territories[i]] = titles[territories[i]] or place(territories[i])
      table.insert(cells, 2, titles[territories[i]])
    end
    if not period then table.insert(cells, 2, periods[i]) end
  end
  if period or territory then
    io.stdout:write("Indicateurs", period and (", période " .. period) or "",
                    territory and (" : " .. place(territory)) or "", "\n\n")
  end
  io.stdout:write(require("ctg.grid").render(header, lines, { flexible = flexible }), "\n")
end

local function periods_of(ev, spec)
  if spec ~= "all" then return { spec or ev.period } end
  local list = {}
  for y = ev:first_year(), tonumber(tostring(ev.period):sub(1, 4)) do list[#list + 1] = tostring(y) end
  return list
end

-- The values as JSON, written value by value: the document of ctg.json (2 spaces, the keys
-- in this order), each value encoded on its own as it is computed, so that only one value
-- is held at a time.
local VALUE_KEYS = { "indicator", "period", "territory", "dimensions", "value", "numerator", "denominator", "status",
                     "status_rule", "reason", "target", "target_period", "target_kind", "target_source",
                     "baseline_value", "baseline_period", "progress", "expected_progress", "cumulative_value",
                     "change", "share", "note", "published", "partial", "members", "with_data", "missing",
                     "missing_territories", "published_value", "published_source", "members_value",
                     "members_missing" }
local MISSING_KEYS = { "territory", "title", "reason", "reason_code" }
local function write_json(ev, each, timeline)
  local json = require("ctg.json")
  local provenance = timeline.provenance(ev)
  local head = json.encode({ provenance = provenance }, { indent = 2, order = function(t)
    if t == provenance then return timeline.PROVENANCE_ORDER end
  end })
  -- the provenance object as the document's first member, then the array opened
  io.stdout:write(head:sub(1, -3), ",\n  \"values\": [")
  local n = 0
  each(function(r)
    local v = {}
    for _, k in ipairs(VALUE_KEYS) do v[k] = r[k] end
    if v.missing and #v.missing == 0 then v.missing = nil end -- a complete roll-up: nothing missing
    if v.members_missing and #v.members_missing == 0 then v.members_missing = nil end
    local text = json.encode(v, { indent = 2, empty_object = true, order = function(t)
      if t == v then return VALUE_KEYS end
      if t.reason_code and t.territory then return MISSING_KEYS end
    end })
    n = n + 1
    io.stdout:write(n > 1 and "," or "", "\n    ", (text:gsub("\n", "\n    ")))
  end)
  io.stdout:write(n > 0 and "\n  ]\n}\n" or "]\n}\n")
end

local function explain(ev, opts)
  local ind = ev.plan:indicator(opts.explain)
  if not ind then args.fail(args.EXIT.USAGE, "eval : indicateur inconnu '" .. opts.explain .. "'") end
  io.stdout:write(tostring(ev:explain(ind.id, { period = opts.period, territory = opts.territory })), "\n")
end

return function(argv, host)
  local opts, _, given = args.parse(argv, { command = "eval",
    usage = "ctg eval [--plan ID] [--period P|all] [--indicator ID] [--territory T|all] [--by DIM] [--format table|csv|json] [--explain ID] [--as-of DATE] [--known-at DATE]",
    options = { plan = { value = true }, period = { value = true }, indicator = { value = true }, territory = { value = true },
                by = { value = true }, format = { values = { "table", "csv", "json" }, default = "table" },
                explain = { value = true }, as_of = { value = true }, known_at = { value = true },
                csv_dialect = { values = { "french", "intl" }, default = "french" } }, max = 0 })
  -- options the context makes useless are refused, never accepted and ignored
  if opts.explain then
    for _, k in ipairs({ "indicator", "by", "format", "csv_dialect" }) do
      args.no_effect("eval", given, k, msg.text("portfolio.ctx.explain"))
    end
    -- one value is explained: "all" periods or territories would explain another one
    for _, k in ipairs({ "period", "territory" }) do
      if opts[k] == "all" then
        args.fail(args.EXIT.USAGE, msg.text("portfolio.explain-all", { option = k }))
      end
    end
  elseif opts.format ~= "csv" then
    args.no_effect("eval", given, "csv_dialect", msg.text("portfolio.ctx.format", { format = opts.format }))
  end
  local timeline = require("ctg.timeline")
  timeline.check_options(opts, "eval", true)
  local d = args.open_db(opts, host)
  local plan_id = args.plan_id("eval", opts, d)
  -- every period of every territory: a row printed for each cell, so every cell is held (one
  -- pass); any other view reads the observations by windows of indicators past the
  -- engine's bound, its memory the same whatever their number
  local hold_all = opts.period == "all" and opts.territory == "all" and math.maxinteger or nil
  local ok, ev, notes = pcall(timeline.evaluate, d, { plan = plan_id, period = opts.period, as_of = opts.as_of, known_at = opts.known_at,
                                                      max_cells = hold_all })
  if not ok then d:close(); args.fail(args.EXIT.DATA, tostring(ev)) end
  local p = ev.plan
  if opts.territory and opts.territory ~= "all" and not p:place(opts.territory) then
    local names = {}
    for _, t in ipairs(p.territories) do names[#names + 1] = t.code end
    for _, g in ipairs(p.groups) do names[#names + 1] = g.code end
    local hint = require("ctg.suggest").closest(opts.territory, names)
    d:close(); args.fail(args.EXIT.USAGE, "eval : territoire inconnu '" .. opts.territory .. "'" ..
      (hint and " (vouliez-vous dire '" .. hint .. "' ?)" or " (ni un territoire ni un groupe du plan)"))
  end
  timeline.warn(notes)
  if opts.explain then
    explain(ev, opts)
    d:close()
    return args.EXIT.OK
  end
  local indicators = p.indicators
  if opts.indicator then
    local ind = p:indicator(opts.indicator)
    if not ind then
      local hint = require("ctg.suggest").closest(opts.indicator, (function() local n = {} for _, i in ipairs(p.indicators) do n[#n + 1] = i.id end return n end)())
      d:close()
      args.fail(args.EXIT.USAGE, "eval : indicateur inconnu '" .. opts.indicator .. "'" .. (hint and " (vouliez-vous dire '" .. hint .. "' ?)" or ""))
    end
    indicators = { ind }
  end
  if opts.by then
    -- a dimension no selected indicator has would print an empty table
    local dims, seen = {}, {}
    for _, ind in ipairs(indicators) do
      for _, dim in ipairs(ind.by or {}) do
        if not seen[dim] then seen[dim] = true dims[#dims + 1] = dim end
      end
    end
    table.sort(dims)
    if not seen[opts.by] then
      d:close()
      args.choose("eval", "--by", opts.by, dims, "une dimension " .. (opts.indicator and "de " .. opts.indicator or "d'un indicateur"))
    end
  end
  local territories = { opts.territory or ev.territory }
  if opts.territory == "all" then
    territories = {}
    for _, t in ipairs(p.territories) do territories[#territories + 1] = t.code end
    for _, g in ipairs(p.groups) do territories[#territories + 1] = g.code end
  end
  -- with --by, only the indicators broken down by that dimension have rows
  if opts.by then
    local with = {}
    for _, ind in ipairs(indicators) do
      for _, dim in ipairs(ind.by or {}) do if dim == opts.by then with[#with + 1] = ind break end end
    end
    indicators = with
  end
  local periods = periods_of(ev, opts.period)
  if opts.format == "csv" then
    -- written by the engine row by row, as computed: nothing kept per value
    -- the plan's id last (a database holds several plans), so that the columns before it
    -- keep their places for the tools that read them by position
    local header = { "Indicateur", "Période", "Territoire", "Valeur", "Numérateur", "Dénominateur", "Cible", "Statut", "Motif",
                     "Plan" }
    if opts.by then table.insert(header, 4, opts.by) end
    local ids = {}
    for i, ind in ipairs(indicators) do ids[i] = ind.id end
    ev.engine:write_csv(io.stdout, header, ids, periods, territories, opts.by, opts.csv_dialect, p.id)
    d:close()
    return args.EXIT.OK
  end
  -- every value in turn (a breakdown: one per value of the dimension)
  local function each(fn)
    for _, ind in ipairs(indicators) do
      for _, period in ipairs(periods) do
        for _, t in ipairs(territories) do
          if opts.by then
            for _, r in ipairs(ev:breakdown(ind.id, opts.by, { period = period, territory = t })) do fn(r) end
          else
            fn(ev:value(ind.id, { period = period, territory = t }))
          end
        end
      end
    end
  end
  if opts.format == "json" then
    write_json(ev, each, timeline)
    d:close()
    return args.EXIT.OK
  end
  print_table(p, each, opts.by)
  d:close()
  return args.EXIT.OK
end
