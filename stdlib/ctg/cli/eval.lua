-- ctg eval: the values table of the indicators, or how one value was computed (--explain).
local args = require("ctg.cli.args")

local present = require("ctg.present")
local STATUS_FR = present.STATUS
local function show_value(r, ind) return present.value(r, ind, 40) end
local show_number = present.number

-- The values table for a person: the period and territory, when every row shares them, go
-- into a title line; territories by their names; status and reason in one column; the whole
-- fits a 100-column terminal (ctg.grid wraps the long cells; --format json has them in full).
local function print_table(p, results, by)
  local function place(code)
    local t = p:place(code)
    return t and t.title or code
  end
  local function shared(key)
    local v = results[1] and results[1][key]
    for _, r in ipairs(results) do if r[key] ~= v then return nil end end
    return v
  end
  local period, territory = shared("period"), shared("territory")
  local header, flexible = { "Indicateur" }, {}
  if not period then header[#header + 1] = "Période" end
  if not territory then header[#header + 1] = "Territoire"; flexible[#header] = true end
  if by then header[#header + 1] = by; flexible[#header] = true end
  header[#header + 1] = "Valeur"; flexible[#header] = true
  for _, h in ipairs({ "Num.", "Dénom.", "Cible" }) do header[#header + 1] = h end
  header[#header + 1] = "Statut"; flexible[#header] = true
  local lines = {}
  for _, r in ipairs(results) do
    local ind = p:indicator(r.indicator)
    -- an unavailable value already reads "n.d.": its reason says the rest
    local status = r.status and r.status ~= "not available" and STATUS_FR[r.status] or nil
    local why = r.reason or r.note
    local cells = { r.indicator }
    if not period then cells[#cells + 1] = r.period end
    if not territory then cells[#cells + 1] = place(r.territory) end
    if by then cells[#cells + 1] = r.dimensions[by] end
    for _, c in ipairs({ show_value(r, ind), show_number(r.numerator), show_number(r.denominator),
                         r.target and show_number(r.target) or "",
                         status and why and (status .. " : " .. why) or status or why or "" }) do
      cells[#cells + 1] = c
    end
    lines[#lines + 1] = cells
  end
  if period or territory then
    io.stdout:write("Indicateurs", period and (", période " .. period) or "",
                    territory and (" : " .. place(territory)) or "", "\n\n")
  end
  io.stdout:write(require("ctg.grid").render(header, lines, { flexible = flexible }), "\n")
end

local function periods_of(ev, spec)
  if spec ~= "all" then return { spec or ev.period } end
  local first = ev.plan.period[1]
  for _, cells in pairs(ev.cells) do
    for _, c in ipairs(cells) do
      local y = tonumber(c.period:sub(1, 4))
      if y and y < first then first = y end
    end
  end
  local list = {}
  for y = first, tonumber(tostring(ev.period):sub(1, 4)) do list[#list + 1] = tostring(y) end
  return list
end

local function explain(ev, opts)
  local ind = ev.plan:indicator(opts.explain)
  if not ind then args.fail(args.EXIT.USAGE, "eval : indicateur inconnu '" .. opts.explain .. "'") end
  io.stdout:write(tostring(ev:explain(ind.id, { period = opts.period, territory = opts.territory })), "\n")
end

return function(argv, host)
  local opts = args.parse(argv, { command = "eval",
    usage = "ctg eval [--period P|all] [--indicator ID] [--territory T|all] [--by DIM] [--format table|csv|json] [--explain ID] [--as-of DATE] [--known-at DATE]",
    options = { period = { value = true }, indicator = { value = true }, territory = { value = true },
                by = { value = true }, format = { values = { "table", "csv", "json" }, default = "table" },
                explain = { value = true }, as_of = { value = true }, known_at = { value = true },
                csv_dialect = { values = { "french", "intl" }, default = "french" } }, max = 0 })
  local timeline = require("ctg.timeline")
  timeline.check_options(opts, "eval", true)
  local d = args.open_db(opts, host)
  local ok, ev, notes = pcall(timeline.evaluate, d, { period = opts.period, as_of = opts.as_of, known_at = opts.known_at })
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
  local results = {}
  for _, ind in ipairs(indicators) do
    for _, period in ipairs(periods_of(ev, opts.period)) do
      for _, t in ipairs(territories) do
        if opts.by then
          local has = false
          for _, dim in ipairs(ind.by or {}) do if dim == opts.by then has = true end end
          if has then
            for _, r in ipairs(ev:breakdown(ind.id, opts.by, { period = period, territory = t })) do results[#results + 1] = r end
          end
        else
          results[#results + 1] = ev:value(ind.id, { period = period, territory = t })
        end
      end
    end
  end
  local provenance = opts.format == "json" and timeline.provenance(ev)
  d:close()
  if opts.format == "json" then
    local list = {}
    for i, r in ipairs(results) do
      list[i] = { indicator = r.indicator, period = r.period, territory = r.territory, dimensions = r.dimensions,
                  value = r.value, numerator = r.numerator, denominator = r.denominator, status = r.status,
                  reason = r.reason, target = r.target, change = r.change, share = r.share, note = r.note,
                  published = r.published }
    end
    local doc = { provenance = provenance, values = list }
    io.stdout:write(require("ctg.json").encode(doc, { indent = 2, empty_object = true, order = function(t)
      if t == doc then return { "provenance", "values" } end
      if t == provenance then return timeline.PROVENANCE_ORDER end
      if t.indicator then return { "indicator", "period", "territory", "dimensions", "value", "numerator", "denominator", "status", "reason", "target", "change", "share", "note", "published" } end
    end }), "\n")
    return args.EXIT.OK
  end
  if opts.format ~= "csv" then
    print_table(p, results, opts.by)
    return args.EXIT.OK
  end
  local header = { "Indicateur", "Période", "Territoire", "Valeur", "Numérateur", "Dénominateur", "Cible", "Statut", "Motif" }
  if opts.by then table.insert(header, 4, opts.by) end
  local lines = {}
  for _, r in ipairs(results) do
    local cells = { r.indicator, r.period, r.territory, type(r.value) == "number" and r.value or (r.value or nil), r.numerator,
                    r.denominator, r.target, r.status and STATUS_FR[r.status] or nil, r.reason or r.note }
    if opts.by then table.insert(cells, 4, r.dimensions[opts.by]) end
    lines[#lines + 1] = cells
  end
  io.stdout:write(require("ctg.csvw").document(header, lines, opts.csv_dialect))
  return args.EXIT.OK
end
