-- ctg.eval — the value of every indicator for a period, a territory and dimension values.
-- The arithmetic is the native engine's (model.engine, host/core/engine.c), the only place that
-- computes a value: ev:value, ev:series, ev:breakdown, the rules, the reports and `ctg eval`
-- all read it. The rules of arithmetic an analyst relies on:
--   * a ratio is Σnumerator / Σdenominator × scale at every level of roll-up, never a mean
--     of rates (two territories at 1/1 and 0/99 make 1 %, not 50 %);
--   * over time, values combine by the indicator's `time` (sum for flows, last/mean/max for
--     stocks); a yearly figure, when given, takes precedence over monthly ones;
--   * a territory without its own figure is the sum of its sub-territories;
--   * missing data is "not available" with its reason — never 0, never inf or NaN.
-- This module gives the engine the plan (territory tree, groups, indicators and targets)
-- and the French words, and answers what needs the store or the calendar.
--
--   local ev = ctg.evaluate(plan, db, {period = 2023})
--   ev:value("places_100", {territory = "nord"}) -> {value, numerator, denominator, status, reason, …}
--   ev:series("places_100")                       -> one result per year
--   ev:findings()                                  -> the rules' findings (ctg.rules)
local model = require("ctg.model")
local rows = require("ctg.rows")
local options = require("ctg.options")

local eval = {}

local Ev = {}
Ev.__index = Ev
Ev.__name = "Evaluation"
eval.class = Ev -- the methods, for help(ev.value) in the console

--- Reasons a value is not available (shown to the committee: French).
eval.REASONS = {
  no_observation = "aucune donnée",
  missing = "donnée manquante",
  zero_denominator = "dénominateur nul",
  no_baseline = "valeur de référence manquante",
  zero_baseline = "valeur de référence nulle",
  not_started = "période non commencée",
  incomplete_ratio = "numérateur ou dénominateur manquant",
  -- a part of a ratio imported alone (places without the children, or the reverse)
  denominator_missing = "dénominateur manquant",
  numerator_missing = "numérateur manquant",
  not_defined = "indicateur sans formule (numérateur et dénominateur à définir)",
  unaggregable = "non agrégeable",
  published_only = "taux publié seul, sans numérateur ni dénominateur",
  incomplete_rollup = "agrégat incomplet, alors que l'indicateur exige tous ses territoires (agregation = \"complet\")",
}

local function year_of(period) return tonumber(tostring(period):sub(1, 4)) end
local function msg_version(n) return require("ctg.msg").text("plans.version", { n = n }) end

-- The French texts of the engine beside the reasons (%s: the places, the period, a count).
eval.TEXTS = {
  unaggregable = "non agrégeable : taux publié sans numérateur ni dénominateur pour %s",
  unaggregable_many = "non agrégeable : plusieurs taux publiés sans numérateur ni dénominateur pour %s en %s",
  published = "taux publié, sans numérateur ni dénominateur",
  unweighted = "moyenne non pondérée de %s moyennes (nombre de répondants inconnu)",
  no_progress_baseline = "pas de valeur de référence pour mesurer la progression",
  no_baseline_period = "l'indicateur n'a pas de période de référence",
  partial = "partiel : %s sur %s territoires",
}

-- What the engine needs of the plan: the places (a territory's members are its
-- sub-territories in plan order, a group's its territories), the indicators with their
-- targets (in the order pairs gives them: the earliest following year wins, the first one
-- of a year), the words.
local function engine_spec(p, max_cells)
  local children, groups = {}, {}
  for _, t in ipairs(p.territories) do
    if t.parent then
      children[t.parent] = children[t.parent] or {}
      table.insert(children[t.parent], t.code)
    end
  end
  for _, g in ipairs(p.groups) do groups[g.code] = g.territories end
  local places, seen = {}, {}
  local function add(code)
    if seen[code] then return end
    seen[code] = true
    local t = p:territory(code)
    places[#places + 1] = { code = code, title = t and t.title, members = children[code] or groups[code] }
  end
  for _, t in ipairs(p.territories) do add(t.code) end
  for _, g in ipairs(p.groups) do add(g.code) end
  local indicators = {}
  local schema, kinds = require("ctg.schema"), require("ctg.kinds")
  for i, ind in ipairs(p.indicators) do
    local list, kind = schema.target_list(ind.targets)
    local targets = {}
    for _, t in ipairs(list) do
      targets[#targets + 1] = { key = tostring(t.period), exact = type(t.period) == "string", value = t.value }
    end
    -- the kind's declaration (ctg.kinds): its accumulator in host/core/kinds.c, its default
    -- time, whose figure its target is judged on
    local k = kinds.get(ind.kind)
    indicators[i] = { id = ind.id, kind = ind.kind, accumulator = k.accumulator, time = kinds.time_of(ind),
      root_target = k.target == "plan", no_target = k.target == nil, scale = ind.scale, unit = ind.unit,
      defined = ind.numerator ~= nil and ind.denominator ~= nil, lower = ind.direction == "lower",
      baseline = ind.baseline and tostring(ind.baseline), targets = targets, cumulative = kind == "cumulative",
      complete = ind.rollup == "complete", start = ind.start or p.period[1] }
  end
  -- the plan's own territory: a count's targets are its totals (host/core/engine.c, assess)
  local root = p:root()
  return { first_year = p.period[1], plan_place = root and root.code, places = places, indicators = indicators,
           reasons = eval.REASONS,
           texts = eval.TEXTS, statuses = require("ctg.present").STATUS, max_cells = max_cells }
end

--- The cells the engine holds at most before it reads the observations by windows of
--- indicators (memory bounded whatever their number): $CTG_EVAL_CELLS when it is a
--- positive integer, else nil (the engine's own bound, 250 000).
function eval.max_cells()
  local n = math.tointeger(tonumber(os.getenv("CTG_EVAL_CELLS") or ""))
  return n and n > 0 and n or nil
end

--- The cells held by what goes through the indicators several times, a report's sections
--- or the rules (about 100 MB): a département's data read in one pass, windows past it.
eval.DOCUMENT_CELLS = 1000000

--- Evaluate plan p on database d. opts: period (default: the last year with data, else
--- the plan's last year), territory (default: the city), as_of (a date, any precision: a
--- period that starts after it, with nothing stored, is "not started"; default the last day
--- of the period), max_cells (the cells held at most, see eval.max_cells; math.maxinteger: all
--- of them, for a view that prints a row per cell). Nothing here reads the clock: the same
--- inputs give the same values.
function eval.new(p, d, opts)
  opts = opts or {}
  local ev = setmetatable({ plan = p, db = d, opts = opts }, Ev)
  local root = p:root()
  ev.city = root and root.code
  ev.territory = opts.territory or ev.city
  -- the cells of every indicator, in one pass over the observations, kept in C (by windows
  -- of indicators past max_cells: $CTG_EVAL_CELLS first, then the caller's, else the engine's)
  ev.engine = model.engine(d.store, p.id, engine_spec(p, eval.max_cells() or opts.max_cells), ev)
  local latest_year = ev.engine:last_year()
  -- by default the latest year with data, a renewal's year after the plan included (so that
  -- --period all reaches it), the plan's last year without data
  ev.period = opts.period and rows.period_text(opts.period) or tostring(latest_year or p.period[2])
  ev.as_of = eval.default_as_of(ev.period, opts.as_of)
  ev.as_of_year = ev.as_of.year
  return ev
end

--- The as-of date of an evaluation: the one given (any precision: its last day counts), else
--- the last day of the period asked for.
function eval.default_as_of(period, as_of)
  local date = require("ctg.date")
  if as_of then return date.check(as_of, "as_of"):last() end
  local _, last = date.period(period)
  return last or date.parse(year_of(period)):last()
end

-- Whether period starts after the as-of date (then, with nothing stored, it is not started).
function Ev:after_as_of(period)
  local first = require("ctg.date").period(period)
  return first and first > self.as_of
end

-- The reason of a missing row, and the text of a qualitative one: fetched by id (the kernel
-- says which row), so that evaluating many values costs no search.
-- (obs_revision by its id: the row the kernel read, as known at --known-at's day or not)
-- A part of a ratio alone (schema 6: record 5 a numerator, 6 a denominator) is missing for
-- want of the other part: the reason names it.
function Ev:missing_reason(row)
  if not row then return nil end
  local r = self.db:revision_state(row)
  if not r then return nil end
  if r.record == 5 then return eval.REASONS.denominator_missing end
  if r.record == 6 then return eval.REASONS.numerator_missing end
  return r.missing
end

function Ev:text_row(row)
  if not row then return nil end
  -- a row whose import was deleted by hand is refused, not shown without its origin (the
  -- kernel checked its period)
  local r = self.db:revision_text(row)
  if r and not r.import then
    error(require("ctg.sys").exit_error(3, self.db.path .. " : " .. require("ctg.msg").text("contain.db.lie", { table = "obs_revision",
      row = tostring(row), column = "import_id", what = "un identifiant de import" })), 0)
  end
  return r
end

--- The indicator of the plan with id (or the indicator itself), or an error at the
--- script's line naming the closest id of the plan (fname: the function called).
function Ev:indicator_or_fail(id, fname)
  return options.indicator(self.plan, id, fname or "ev:value")
end

--- The years a period of this evaluation may fall in: the years observations may have
--- (ctg.rows.observation_years: ten years around the plan, or an older baseline), and the
--- year before them (the "previous year" a dashboard shows beside the first one). Outside,
--- a period is a mistake.
function Ev:period_range()
  if not self.range then
    local first = self.plan.period[1]
    for _, ind in ipairs(self.plan.indicators) do
      local y = ind.baseline and year_of(ind.baseline)
      if y and y < first then first = y end
    end
    local low, high = require("ctg.rows").observation_years(self.plan.period[1], self.plan.period[2], first)
    self.range = { low - 1, high }
  end
  return self.range
end

-- The options of a call checked (ctg.options): keys, types, the territory resolved, a
-- period inside the range. nil opts, the usual call of the library, costs nothing.
function Ev:options(opts, keys, fname)
  if opts == nil then return {} end
  -- one context for the evaluation: the periods it has checked are remembered
  self.options_ctx = self.options_ctx or { plan = self.plan, range = self:period_range(), periods = {} }
  return options.check(opts, keys, fname, self.options_ctx)
end

-- The options each method takes (see ctg.options; French names accepted).
local VALUE_OPTIONS = { "period", "territory", "dim", "dim_value", "unassessed" }
local SERIES_OPTIONS = { "territory", "dim", "dim_value", "until_period" }
local PLACE_OPTIONS = { "period", "territory" }
local TERRITORY_OPTION = { "territory" }

--- The value of indicator id. opts: period, territory (code, title, INSEE code or object),
--- dim + dim_value (a breakdown), unassessed (no target judged); French names accepted
--- (periode, territoire…). Result: {indicator, kind, period, territory, dimensions,
--- value, numerator, denominator, change (evolution), share (score), text (qualitative),
--- status, reason, target, progress, sources (read when asked)}.
function Ev:value(id, opts)
  local ind = self:indicator_or_fail(id, "ev:value")
  id = ind.id
  opts = self:options(opts, VALUE_OPTIONS, "ev:value")
  local period = opts.period or self.period
  local territory = opts.territory or self.territory
  local result = self.engine:value(ind.id, period, territory, opts.dim, opts.dim and opts.dim_value, opts.unassessed)
  result.indicator, result.kind, result.unit, result.period, result.territory = id, ind.kind, ind.unit, period, territory
  result.dimensions = opts.dim and { [opts.dim] = opts.dim_value } or {}
  if result.target_period then result.target_source = self:target_source(ind.id, result.target_period) end
  if result.published_value ~= nil then result.published_source = self:published_source(ind.id, period, territory) end
  return setmetatable(result, self:result_metatable())
end

--- The plan version or avenant that set the target of indicator id due at period, as a
--- person names it ("Avenant n°1", "version 2"), when the evaluation's plan comes from the
--- database: the first of the versions in force up to the evaluation's, in effective order,
--- from which the target kept its present value. nil when the convention as first signed set
--- it (no amendment to name) or when unknown (a plan read from a file).
function Ev:target_source(id, period)
  if self.target_sources == nil then self.target_sources = self:read_target_sources() or false end
  local by = self.target_sources and self.target_sources[id]
  return by and by[tostring(period)]
end

function Ev:read_target_sources()
  local ok, current = pcall(function() return self.version or self.db:plan_version(self.plan.id, self.as_of:iso()) end)
  if not ok or not current or not current.effective then return nil end
  local dbm, schema = require("ctg.db"), require("ctg.schema")
  local versions = {}
  for _, v in ipairs(self.db:version_dates(self.plan.id)) do
    if v.id == current.id or not dbm.later_version(v, current) then versions[#versions + 1] = v end
  end
  table.sort(versions, function(a, b) return dbm.later_version(b, a) end)
  local out = {}
  for i, v in ipairs(versions) do
    local okp, p = pcall(self.db.plan, self.db, self.plan.id, { version = v.version })
    for _, ind in ipairs(okp and p.indicators or {}) do
      out[ind.id] = out[ind.id] or {}
      local seen = {}
      for _, t in ipairs((schema.target_list(ind.targets))) do
        local key, prev = tostring(t.period), out[ind.id][tostring(t.period)]
        seen[key] = true
        if not prev or prev.value ~= t.value then
          out[ind.id][key] = { value = t.value, source = i > 1 and (v.label or msg_version(v.version)) or nil }
        end
      end
      for key in pairs(out[ind.id]) do if not seen[key] then out[ind.id][key] = nil end end
    end
  end
  for _, by in pairs(out) do for key, t in pairs(by) do by[key] = t.source end end
  return out
end

--- Where the figure stored for a place itself comes from (its latest revision's source, else
--- its file), shown beside the roll-up of its members.
function Ev:published_source(id, period, territory)
  local last
  for _, h in ipairs(self.db:history({ indicator = id, period = period, territory = territory })) do
    if h.dims == "" or h.dims == nil then last = h end
  end
  return last and (last.source or last.import_source or last.file)
end

--- The yearly series of indicator id at a territory, from the earliest year with data (or
--- the baseline) to the evaluation period (or until_period). opts: territory, dim,
--- dim_value, until_period.
function Ev:series(id, opts)
  local ind = self:indicator_or_fail(id, "ev:series")
  id = ind.id
  opts = self:options(opts, SERIES_OPTIONS, "ev:series")
  local first = math.min(self.plan.period[1], self.engine:first_year(ind.id) or self.plan.period[1])
  if ind.baseline and year_of(ind.baseline) < first then first = year_of(ind.baseline) end
  local last = year_of(opts.until_period or self.period)
  local out = {}
  for y = first, last do
    out[#out + 1] = self:value(id, { period = y, territory = opts.territory, dim = opts.dim, dim_value = opts.dim_value })
  end
  return out
end

--- The first year of the periods an evaluation can show: the plan's, or an earlier one with
--- data (of indicator id when given).
function Ev:first_year(id)
  return math.min(self.plan.period[1], self.engine:first_year(id) or self.plan.period[1])
end

--- The periods in which indicator id has data (sorted texts), as this evaluation sees the
--- database (its known-at date); opts.territory: only the data of that place and of every
--- place under it (its sub-territories, a group's territories).
function Ev:periods_with_data(id, opts)
  local ind = self:indicator_or_fail(id, "ev:periods_with_data")
  opts = self:options(opts, TERRITORY_OPTION, "ev:periods_with_data")
  local codes
  if opts.territory then
    codes = {}
    local seen = {}
    local function walk(code)
      if seen[code] then return end
      seen[code] = true
      codes[#codes + 1] = code
      local node, kind = self.plan:place(code)
      local under = kind == "group" and node:members() or node:children()
      for _, t in ipairs(under) do walk(t.code) end
    end
    walk(opts.territory)
  end
  return self.db:periods_with_data(ind.id, { plan = self.plan.id, territories = codes })
end

--- Values of id broken down by a dimension (`step`, `categorie`…): one result per value.
function Ev:breakdown(id, dim, opts)
  local ind = self:indicator_or_fail(id, "ev:breakdown")
  id = ind.id
  opts = self:options(opts, PLACE_OPTIONS, "ev:breakdown")
  local out = {}
  for _, v in ipairs(self.engine:dim_values(ind.id, dim)) do
    out[#out + 1] = self:value(id, { period = opts.period, territory = opts.territory, dim = dim, dim_value = v })
  end
  return out
end

-- ---- ev:table: many values at once ---------------------------------------------------------

local TABLE_OPTIONS = { indicators = true, territories = true, periods = true, by = true }
local TABLE_ALIASES = { indicateurs = "indicators", territoires = "territories", periodes = "periods",
                        ["périodes"] = "periods", par = "by" }

-- The columns a table of values shows, in order: where, the value and its terms, the target
-- and status, then what the engine says of a partial or missing value (the note of a
-- published rate or an unweighted mean, the sub-territories a roll-up lacks). A row has every
-- field of ev:value besides (t:columns("indicator", "progress") shows another).
local TABLE_COLUMNS = { "indicator", "period", "territory", "value", "numerator", "denominator", "target",
                        "status", "reason", "note", "missing_territories" }

-- The indicators of ev:table: all (nil), one id or a list of ids, each known to the plan.
local function table_indicators(ev, spec)
  local datatable = require("ctg.datatable")
  if spec == nil then
    local ids = {}
    for i, ind in ipairs(ev.plan.indicators) do ids[i] = ind.id end
    return ids
  end
  local list = type(spec) == "string" and { spec } or spec
  if type(list) ~= "table" then datatable.bad_option("ev:table", "indicators", "indicators", spec) end
  local all = {}
  for i, ind in ipairs(ev.plan.indicators) do all[i] = ind.id end
  local ids = {}
  for i, id in ipairs(list) do
    if type(id) ~= "string" or not ev.plan:indicator(id) then
      local hint = type(id) == "string" and require("ctg.suggest").closest(id, all)
      require("ctg.blame").raise_user(require("ctg.msg").text("analysis.indicator-unknown", { fn = "ev:table",
        name = tostring(id), hint = hint and require("ctg.msg").text("analysis.hint", { name = hint }) or "" }))
    end
    ids[i] = id
  end
  return ids
end

-- The place of ev:table given by its code or its title (case and accents aside), or an error
-- at the script's line with the closest code.
local function table_place(ev, name)
  local p = ev.plan
  if type(name) == "string" and p:place(name) then return name end
  local suggest = require("ctg.suggest")
  local codes = {}
  for _, list in ipairs({ p.territories, p.groups }) do
    for _, t in ipairs(list) do
      if type(name) == "string" and (suggest.fold(t.title or "") == suggest.fold(name)) then return t.code end
      codes[#codes + 1] = t.code
    end
  end
  local hint = type(name) == "string" and suggest.closest(name, codes)
  require("ctg.blame").raise_user(require("ctg.msg").text("analysis.territory-unknown", { fn = "ev:table",
    name = tostring(name), hint = hint and require("ctg.msg").text("analysis.hint", { name = hint }) or "" }))
end

-- The territories of ev:table: the evaluation's (nil), "all" (every territory and group, as
-- ctg eval --territory all), "members" (the evaluation territory's sub-territories, or a
-- group's territories), a code or title, or a list of them.
local function table_territories(ev, spec)
  local p = ev.plan
  if spec == nil then return { ev.territory } end
  local out = {}
  if spec == "all" or spec == "tous" then
    for _, t in ipairs(p.territories) do out[#out + 1] = t.code end
    for _, g in ipairs(p.groups) do out[#out + 1] = g.code end
    return out
  end
  if spec == "members" or spec == "membres" then
    local place, kind = p:place(ev.territory)
    if kind == "group" then return table.move(place.territories, 1, #place.territories, 1, {}) end
    for _, t in ipairs(p.territories) do
      if t.parent == ev.territory then out[#out + 1] = t.code end
    end
    return out
  end
  local list = type(spec) == "string" and { spec } or spec
  if type(list) ~= "table" then
    require("ctg.datatable").bad_option("ev:table", "territories", "territories", spec)
  end
  for i, name in ipairs(list) do out[i] = table_place(ev, name) end
  return out
end

-- The periods of ev:table: the evaluation's (nil), "all" (every year from the first with
-- data to the evaluation's, as ctg eval --period all), a period or a list of them.
local function table_periods(ev, spec)
  if spec == nil then return { ev.period } end
  if spec == "all" or spec == "toutes" then
    local out = {}
    for y = ev:first_year(), year_of(ev.period) do out[#out + 1] = tostring(y) end
    return out
  end
  local list = (type(spec) == "string" or type(spec) == "number") and { spec } or spec
  if type(list) ~= "table" then
    require("ctg.datatable").bad_option("ev:table", "periods", "periods", spec)
  end
  local out = {}
  for i, period in ipairs(list) do
    out[i] = rows.period_text(period)
    if not out[i] then
      require("ctg.blame").raise_user(require("ctg.msg").text("analysis.period-bad", { fn = "ev:table",
        got = type(period) == "string" and string.format("%q", period) or tostring(period) }))
    end
  end
  return out
end

--- ev:table{indicators = id | {ids} (default: all), territories = "all" | "members" | code |
--- {codes} (default: the evaluation's), periods = "all" | period | {periods} (default: the
--- evaluation's), by = dimension}: the values as a table (ctg.datatable) in one pass of the
--- engine, a row per indicator, period and territory (and value of the dimension): the
--- fields of ev:value (value, numerator, denominator, target, status, reason, what a partial
--- roll-up lacks…) plus indicator, period, territory, territory_title and dimensions.
function Ev:table(opts)
  local datatable = require("ctg.datatable")
  local o = datatable.options("ev:table", opts, TABLE_OPTIONS, TABLE_ALIASES)
  local ids = table_indicators(self, o.indicators)
  local territories = table_territories(self, o.territories)
  local periods = table_periods(self, o.periods)
  local by = o.by
  if by ~= nil then
    -- only the indicators broken down by that dimension have rows (as ctg eval --by)
    local with, dims, seen = {}, {}, {}
    for _, id in ipairs(ids) do
      for _, dim in ipairs(self.plan:indicator(id).by or {}) do
        if not seen[dim] then seen[dim] = true; dims[#dims + 1] = dim end
        if dim == by then with[#with + 1] = id end
      end
    end
    if type(by) ~= "string" or not seen[by] then
      local hint = type(by) == "string" and require("ctg.suggest").closest(by, dims)
      local msg = require("ctg.msg")
      require("ctg.blame").raise_user(msg.text("analysis.dimension-unknown", { fn = "ev:table", name = tostring(by),
        hint = hint and msg.text("analysis.hint", { name = hint }) or
          (#dims > 0 and msg.text("analysis.hint-list", { names = table.concat(dims, ", ") }) or "") }))
    end
    ids = with
  end
  local columns = table.move(TABLE_COLUMNS, 1, #TABLE_COLUMNS, 1, {})
  if by then table.insert(columns, 4, by) end
  local engine = self.engine
  -- the rows are made when first read (a table a value); written as CSV untouched, the
  -- values go from the engine to the file without them, at the cost of ctg eval's CSV
  local function make()
    -- made in one go: the collector waits until they are all made (it would otherwise walk
    -- the growing list again and again)
    local running = collectgarbage("isrunning")
    collectgarbage("stop")
    local ok, list = pcall(engine.values, engine, ids, periods, territories, by)
    if running then collectgarbage("restart") end
    if not ok then error(list, 0) end
    return list
  end
  local function csv(header, dialect, sink)
    return engine:csv_values(header, columns, ids, periods, territories, by, dialect, sink)
  end
  return datatable.lazy(columns, { plan = self.plan }, make, csv)
end

-- Results carry a way back to their evaluation, so that explain(v) needs nothing else.
function Ev:result_metatable()
  if not self.result_mt then
    local ev = self
    local function explain(r)
      return ev:explain(r.indicator, { period = r.period, territory = r.territory,
        dim = next(r.dimensions), dim_value = select(2, next(r.dimensions)) })
    end
    -- what went into a value is only listed when read (an explanation, a script)
    self.result_mt = { __name = "Value", __index = function(r, k)
      if k == "explain" then return explain end
      if k == "sources" then
        local dim, dim_value = next(r.dimensions)
        local list = ev.engine:sources(r.indicator, r.period, r.territory, dim, dim_value, r.baseline ~= nil)
        rawset(r, "sources", list)
        return list
      end
    end }
  end
  return self.result_mt
end

local Explanation = { __name = "Explanation" }
Explanation.__index = Explanation
function Explanation.__tostring(e) return require("ctg.present").explanation(e, e.indicator) end

--- How an indicator's value is computed, in words of the messages' language: the formula of
--- its kind, with its time combination as a plan writes it ("dans le temps : somme").
function eval.formula(ind)
  local msg = require("ctg.msg")
  local schema = require("ctg.schema")
  local scale = (ind.scale or 1) ~= 1 and " × " .. ind.scale or ""
  return msg.text("explain.formula." .. ind.kind, {
    time = schema.value_word("indicator", "time", require("ctg.kinds").time_of(ind), msg.lang()), scale = scale,
    numerator = tostring(ind.numerator), denominator = tostring(ind.denominator),
    baseline = tostring(ind.baseline), base = ind.base and " (" .. ind.base .. ")" or "" })
end

--- What went into a value: the formula, and every observation with all its revisions and
--- their provenance (tostring gives the text `ctg eval --explain` prints).
function Ev:explain(id, opts)
  local ind = self:indicator_or_fail(id, "ev:explain")
  id = ind.id
  local result = self:value(id, self:options(opts, VALUE_OPTIONS, "ev:explain"))
  local formula = eval.formula(ind)
  local seen, contributions = {}, {}
  for _, s in ipairs(result.sources or {}) do
    local k = s.territory .. "\0" .. s.period
    if not seen[k] then
      seen[k] = true
      local revisions = self.db:rows_of("observation", { indicator = ind.id, period = s.period, territory = s.territory },
        ", o.revision")
      -- a value's rows first, then its parts: the numerator before the denominator
      local rank = { value = 1, numerator = 2, denominator = 3 }
      table.sort(revisions, function(a, b)
        if a.record ~= b.record then return rank[a.record] < rank[b.record] end
        if a.dims ~= b.dims then return a.dims < b.dims end
        return a.revision < b.revision
      end)
      contributions[#contributions + 1] = { territory = s.territory, period = s.period, revisions = revisions }
    end
  end
  table.sort(contributions, function(a, b)
    if a.period ~= b.period then return a.period < b.period end
    return a.territory < b.territory
  end)
  -- the plan names the places when the explanation is printed (ctg.present.explanation)
  return setmetatable({ result = result, formula = formula, contributions = contributions, indicator = ind,
    plan = self.plan }, Explanation)
end

--- explain(v): the explanation of a value returned by ev:value (the REPL's global explain).
function eval.explain(v)
  if type(v) ~= "table" or type(v.explain) ~= "function" then
    options.fail(require("ctg.msg").text("api.explain-value", { got = type(v) }))
  end
  return v:explain()
end

--- The rules' findings at the evaluation period (see ctg.rules).
function Ev:findings(extra_rules)
  return require("ctg.rules").run(self, extra_rules)
end

--- ctg.evaluate(plan, db, opts)
function eval.evaluate(p, d, opts) return eval.new(p, d, opts) end

return eval
