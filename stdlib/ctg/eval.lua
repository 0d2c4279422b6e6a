-- ctg.eval — the value of every indicator for a period, a territory and dimension values,
-- computed from the cells of the native kernel (model.cells: latest revisions summed by
-- indicator, period, territory). The rules of arithmetic an analyst relies on:
--   * a ratio is Σnumerator / Σdenominator × scale at every level of roll-up, never a mean
--     of rates (two territories at 1/1 and 0/99 make 1 %, not 50 %);
--   * over time, values combine by the indicator's `time` (sum for flows, last/mean/max for
--     stocks); a yearly figure, when given, takes precedence over monthly ones;
--   * a territory without its own figure is the sum of its sub-territories;
--   * missing data is "not available" with its reason — never 0, never inf or NaN.
--
--   local ev = ctg.evaluate(plan, db, {period = 2023})
--   ev:value("places_100", {territory = "nord"}) -> {value, numerator, denominator, status, reason, …}
--   ev:series("places_100")                       -> one result per year
--   ev:findings()                                  -> the rules' findings (ctg.rules)
local model = require("ctg.model")
local rows = require("ctg.rows")

local eval = {}

local Ev = {}
Ev.__index = Ev
Ev.__name = "Evaluation"

--- How values of one indicator combine over time when the kind says nothing more.
local DEFAULT_TIME = { count = "sum", ratio = "sum", evolution = "last", score = "mean", qualitative = "last" }

--- Reasons a value is not available (shown to the committee: French).
eval.REASONS = {
  no_observation = "aucune donnée",
  missing = "donnée manquante",
  zero_denominator = "dénominateur nul",
  no_baseline = "valeur de référence manquante",
  zero_baseline = "valeur de référence nulle",
  not_started = "période non commencée",
  incomplete_ratio = "numérateur ou dénominateur manquant",
  not_defined = "indicateur sans formule (numérateur et dénominateur à définir)",
  unaggregable = "non agrégeable",
}

local function year_of(period) return tonumber(tostring(period):sub(1, 4)) end

--- Evaluate plan p on database d. opts: period (default: the last year with data, else
--- the plan's last year), territory (default: the city), as_of (a date, any precision: a
--- period that starts after it, with nothing stored, is "not started"; default the last day
--- of the period). Nothing here reads the clock: the same inputs give the same values.
function eval.new(p, d, opts)
  opts = opts or {}
  local ev = setmetatable({ plan = p, db = d, opts = opts, indexes = {}, by_dim_indexes = {} }, Ev)
  -- territory hierarchy (any depth; the root is the territory without parent) and groups,
  -- whose value is the roll-up of their members
  ev.children = {}
  for _, t in ipairs(p.territories) do
    if t.parent then
      ev.children[t.parent] = ev.children[t.parent] or {}
      table.insert(ev.children[t.parent], t.code)
    end
  end
  ev.groups = {}
  for _, g in ipairs(p.groups) do ev.groups[g.code] = g.territories end
  ev.city = p:root()
  ev.territory = opts.territory or ev.city
  -- every cell of every indicator, in one pass over the observations
  local by_indicator = {}
  local latest_year
  for _, c in ipairs(model.cells(d.store, p.id)) do
    by_indicator[c.indicator] = by_indicator[c.indicator] or {}
    table.insert(by_indicator[c.indicator], c)
    local y = year_of(c.period)
    if y and (not latest_year or y > latest_year) then latest_year = y end
  end
  ev.cells = by_indicator
  ev.period = opts.period and rows.period_text(opts.period) or tostring(math.min(latest_year or p.period[2], p.period[2]))
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

-- index[territory][period] = cell, for a list of cells; index[territory].months[year] =
-- that year's monthly cells in order (built once: values are asked for year after year).
local function index_cells(list)
  local index = {}
  for _, c in ipairs(list or {}) do
    local by_period = index[c.territory]
    if not by_period then
      by_period = { months = {} }
      index[c.territory] = by_period
    end
    by_period[c.period] = c
    local year = c.period:match("^(%d%d%d%d)%-%d%d$")
    if year then
      by_period.months[year] = by_period.months[year] or {}
      table.insert(by_period.months[year], c)
    end
  end
  for _, by_period in pairs(index) do
    for _, months in pairs(by_period.months) do
      table.sort(months, function(a, b) return a.period < b.period end)
    end
  end
  return index
end

function Ev:index(id)
  local ix = self.indexes[id]
  if not ix then
    ix = index_cells(self.cells[id])
    self.indexes[id] = ix
  end
  return ix
end

-- Cells broken down by one dimension: index[dim value][territory][period] (other dimensions
-- summed, as every roll-up does).
function Ev:dimension_index(id, dim)
  local key = id .. "\0" .. dim
  if self.by_dim_indexes[key] then return self.by_dim_indexes[key] end
  local merged = {}
  for _, c in ipairs(model.cells(self.db.store, self.plan.id, { indicator = id, by_dims = true })) do
    local v = rows.decode_dims(c.dims)[dim]
    if v then
      merged[v] = merged[v] or {}
      local k = c.territory .. "\0" .. c.period
      local m = merged[v][k]
      if not m then
        m = { indicator = id, territory = c.territory, period = c.period, n = 0, missing = 0, texts = 0, values = 0, ratios = 0 }
        merged[v][k] = m
      end
      m.n, m.missing, m.texts = m.n + c.n, m.missing + c.missing, m.texts + c.texts
      m.values, m.ratios = m.values + c.values, m.ratios + c.ratios
      m.weighted_values = (m.weighted_values or 0) + (c.weighted_values or 0)
      if c.weighted then m.weighted = (m.weighted or 0) + c.weighted end
      if c.value then
        m.max = m.max and math.max(m.max, c.max) or c.max
        m.min = m.min and math.min(m.min, c.min) or c.min
        m.value = (m.value or 0) + c.value
      end
      if c.numerator then m.numerator = (m.numerator or 0) + c.numerator end
      if c.denominator then m.denominator = (m.denominator or 0) + c.denominator end
    end
  end
  local ix = {}
  for v, cells in pairs(merged) do
    local list = {}
    for _, c in pairs(cells) do list[#list + 1] = c end
    ix[v] = index_cells(list)
  end
  self.by_dim_indexes[key] = ix
  return ix
end

-- The cells of one territory that fall in a period: the period itself, or for a year its
-- months ("2022-01"…); a yearly figure takes precedence over monthly ones.
local function cells_in(by_period, period)
  if not by_period then return nil end
  if by_period[period] then return { by_period[period] } end
  return by_period.months[period]
end

-- An accumulator: what a roll-up adds together.
local function new_acc()
  return { n = 0, missing = 0, values = 0, texts = 0, weighted_values = 0, sources = {}, missing_territories = {} }
end

local function add_sum(acc, key, v)
  if v then acc[key] = (acc[key] or 0) + v end
end

local function add_cell(acc, c)
  if c.text_row and (not acc.text_row or c.text_row > acc.text_row) then acc.text_row = c.text_row end
  if c.missing_row and (not acc.missing_row or c.missing_row > acc.missing_row) then acc.missing_row = c.missing_row end
  acc.n = acc.n + c.n
  acc.missing = acc.missing + c.missing
  acc.texts = acc.texts + (c.texts or 0)
  acc.values = acc.values + (c.values or 0)
  acc.weighted_values = acc.weighted_values + (c.weighted_values or 0)
  add_sum(acc, "value", c.value)
  add_sum(acc, "numerator", c.numerator)
  add_sum(acc, "denominator", c.denominator)
  add_sum(acc, "weighted", c.weighted)
  acc.sources[#acc.sources + 1] = { territory = c.territory, period = c.period }
end

-- Combine one territory's cells over time according to `time`.
local function over_time(cells, time)
  local acc = new_acc()
  if #cells == 1 or time == "sum" then
    for _, c in ipairs(cells) do add_cell(acc, c) end
  elseif time == "last" then
    add_cell(acc, cells[#cells])
  elseif time == "max" then
    local best
    for _, c in ipairs(cells) do if c.value and (not best or c.max > best.max) then best = c end end
    add_cell(acc, best or cells[#cells])
  else -- mean: the mean of each period's figures
    local n = 0
    for _, c in ipairs(cells) do
      add_cell(acc, c)
      if c.value then n = n + 1 end
    end
    if n > 0 and acc.value then acc.value = acc.value / n end
    if #cells > 0 then
      if acc.numerator then acc.numerator = acc.numerator / #cells end
      if acc.denominator then acc.denominator = acc.denominator / #cells end
      if acc.weighted then acc.weighted = acc.weighted / #cells end
    end
  end
  return acc
end

-- Add a sub-territory's roll-up into acc. A ratio given as a published rate alone cannot
-- be summed: the places it comes from are kept (acc.unaggregable) for the value to say so.
local function merge_acc(acc, sub, child)
  acc.n, acc.missing, acc.values, acc.texts = acc.n + sub.n, acc.missing + sub.missing, acc.values + sub.values, acc.texts + sub.texts
  acc.weighted_values = acc.weighted_values + sub.weighted_values
  add_sum(acc, "value", sub.value)
  add_sum(acc, "numerator", sub.numerator)
  add_sum(acc, "denominator", sub.denominator)
  add_sum(acc, "weighted", sub.weighted)
  if sub.text_row and (not acc.text_row or sub.text_row > acc.text_row) then acc.text_row = sub.text_row end
  if sub.missing_row and (not acc.missing_row or sub.missing_row > acc.missing_row) then acc.missing_row = sub.missing_row end
  for _, s in ipairs(sub.sources) do acc.sources[#acc.sources + 1] = s end
  if sub.published or sub.unaggregable then
    acc.unaggregable = acc.unaggregable or {}
    if sub.published then acc.unaggregable[#acc.unaggregable + 1] = child end
    for _, c in ipairs(sub.unaggregable or {}) do acc.unaggregable[#acc.unaggregable + 1] = c end
  end
end

-- Roll up territory t for period: its own cells, else the sum of its sub-territories (a
-- group: of its members).
function Ev:accumulate(index, ind, period, t)
  local own = cells_in(index[t], period)
  if own then
    local acc = over_time(own, ind.time or DEFAULT_TIME[ind.kind])
    -- a ratio's value without its figures: a rate as published (CNAF, INSEE)
    if ind.kind == "ratio" and acc.values > 0 then acc.published = true end
    return acc
  end
  local members = self.children[t] or self.groups[t]
  local acc
  for _, child in ipairs(members or {}) do
    local sub = self:accumulate(index, ind, period, child)
    if sub and sub.n > 0 then
      acc = acc or new_acc()
      merge_acc(acc, sub, child)
    end
  end
  if acc then
    for _, child in ipairs(members) do
      local sub = self:accumulate(index, ind, period, child)
      if not sub or sub.n == 0 then acc.missing_territories[#acc.missing_territories + 1] = child end
    end
  end
  return acc
end

-- "Moustier-en-Fagne, Wallers-en-Fagne": territories by their titles, for messages.
function Ev:titles(codes)
  local out = {}
  for i, code in ipairs(codes) do
    local t = self.plan:territory(code)
    out[i] = t and t.title or code
  end
  return table.concat(out, ", ")
end

-- The reason of a missing row, and the text of a qualitative one: fetched by id (the kernel
-- says which row), so that evaluating many values costs no search.
function Ev:missing_reason(row)
  if not row then return nil end
  local r = self.db.store:query("SELECT missing FROM observation WHERE id = ?", row)
  return r[1] and r[1].missing
end

function Ev:text_row(row)
  if not row then return nil end
  local r = self.db.store:query([[SELECT o.text, o.period, coalesce(o.source, i.source) AS source, i.imported_at, i.file, o.line
    FROM observation o JOIN import i ON i.id = o.import_id WHERE o.id = ?]], row)
  return r[1]
end

local function not_available(result, reason, detail, text)
  result.value = nil
  result.status = "not available"
  result.reason = text or eval.REASONS[reason] .. (detail and " (" .. detail .. ")" or "")
  result.reason_code = reason
  return result
end

-- The raw figure of an indicator at (period, territory): the accumulator, or nil.
function Ev:raw(ind, period, territory, dim, dim_value)
  local index = dim and (self:dimension_index(ind.id, dim)[dim_value] or {}) or self:index(ind.id)
  return self:accumulate(index, ind, period, territory)
end

--- The indicator id of the plan, or an error `level` calls up (the user's line) naming the
--- closest id of the plan.
function Ev:indicator_or_fail(id, level)
  local ind = self.plan:indicator(id)
  if ind then return ind end
  local ids = {}
  for _, i in ipairs(self.plan.indicators) do ids[#ids + 1] = i.id end
  local hint = type(id) == "string" and require("ctg.suggest").closest(id, ids)
  error("indicateur inconnu '" .. tostring(id) .. "'" .. (hint and " (vouliez-vous dire '" .. hint .. "' ?)" or
    " (ev.plan.indicators les liste)"), level + 1)
end

--- The value of indicator id. opts: period, territory, dim + dim_value (a breakdown).
--- Result: {indicator, kind, period, territory, dimensions, value, numerator, denominator,
--- change (evolution), share (score), text (qualitative), status, reason, target,
--- progress, sources}.
function Ev:value(id, opts)
  opts = opts or {}
  local ind = self:indicator_or_fail(id, 2)
  local period = opts.period and rows.period_text(opts.period) or self.period
  local territory = opts.territory or self.territory
  local result = setmetatable({ indicator = id, kind = ind.kind, unit = ind.unit, period = period, territory = territory,
                   dimensions = opts.dim and { [opts.dim] = opts.dim_value } or {} }, self:result_metatable())
  if ind.kind == "ratio" and not (ind.numerator and ind.denominator) then
    -- the plan itself gives no formula: say so rather than compute anything
    local acc = self:raw(ind, period, territory, opts.dim, opts.dim_value)
    if not acc or (acc.numerator == nil and acc.denominator == nil and not acc.published and not acc.unaggregable) then
      return not_available(result, "not_defined")
    end
  end
  local acc = self:raw(ind, period, territory, opts.dim, opts.dim_value)
  result.sources = acc and acc.sources or {}
  if acc and #acc.missing_territories > 0 then result.missing_territories = acc.missing_territories end
  -- a stored value is shown whatever the date: "not started" only says why nothing is there
  if not acc or acc.n == 0 then return not_available(result, self:after_as_of(period) and "not_started" or "no_observation") end
  if acc.n == acc.missing then
    return not_available(result, "missing", self:missing_reason(acc.missing_row))
  end
  result.n = acc.n
  if ind.kind == "qualitative" then
    local t = self:text_row(acc.text_row)
    if not t then return not_available(result, "no_observation") end
    result.text, result.value = t.text, t.text
    result.text_source, result.text_date = t.source, t.imported_at
  elseif ind.kind == "ratio" then
    result.numerator, result.denominator = acc.numerator, acc.denominator
    if acc.unaggregable then
      result.numerator, result.denominator = nil, nil -- sums that leave a published rate out
      return not_available(result, "unaggregable", nil,
        "non agrégeable : taux publié sans numérateur ni dénominateur pour " .. self:titles(acc.unaggregable))
    end
    if acc.published then
      -- shown for its own territory as published; several can only be summed as figures
      if acc.values ~= 1 or acc.numerator or acc.denominator then
        return not_available(result, "unaggregable", nil, "non agrégeable : plusieurs taux publiés sans numérateur ni dénominateur pour " ..
          self:titles({ territory }) .. " en " .. period)
      end
      result.value, result.published = acc.value, true
      result.note = "taux publié, sans numérateur ni dénominateur"
      if not opts.unassessed then self:assess(ind, result) end
      return result
    end
    if acc.numerator == nil or acc.denominator == nil then return not_available(result, "incomplete_ratio") end
    if acc.denominator == 0 then return not_available(result, "zero_denominator") end
    result.value = acc.numerator / acc.denominator * (ind.scale or 1)
  elseif ind.kind == "evolution" then
    if acc.value == nil then return not_available(result, "no_observation") end
    result.numerator = acc.value
    local base_period = ind.baseline and tostring(ind.baseline)
    if not base_period then return not_available(result, "no_baseline", "l'indicateur n'a pas de période de référence") end
    local base = self:raw(ind, base_period, territory, opts.dim, opts.dim_value)
    if not base or base.value == nil then return not_available(result, "no_baseline", base_period) end
    if base.value == 0 then return not_available(result, "zero_baseline", base_period) end
    result.denominator = base.value
    result.baseline = base_period
    for _, s in ipairs(base.sources) do result.sources[#result.sources + 1] = s end
    result.value = acc.value / base.value
    result.change = result.value - 1
  elseif ind.kind == "score" then
    if acc.value == nil or acc.values == 0 then return not_available(result, "no_observation") end
    -- a mean over several answers' means is weighted by their respondents; without counts
    -- for every one, the plain mean of means, and the value says so
    if acc.weighted_values == acc.values and acc.denominator and acc.denominator > 0 then
      result.value, result.respondents = acc.weighted / acc.denominator, acc.denominator
    else
      result.value = acc.value / acc.values
      if acc.values > 1 then
        result.unweighted = true
        result.note = "moyenne non pondérée de " .. acc.values .. " moyennes (nombre de répondants inconnu)"
      end
    end
    result.numerator, result.denominator = acc.numerator, acc.denominator
    if acc.numerator and acc.denominator and acc.denominator > 0 then result.share = acc.numerator / acc.denominator end
  else
    if acc.value == nil then return not_available(result, "no_observation") end
    result.value = acc.value
  end
  if not opts.unassessed then self:assess(ind, result) end
  return result
end

-- The target to judge period against: the period's own, else the next one.
local function target_for(ind, period)
  if not ind.targets then return nil end
  if ind.targets[period] ~= nil then return ind.targets[period], period end
  local y = year_of(period)
  local best_p, best_v
  for p, v in pairs(ind.targets) do
    local py = year_of(p)
    if py >= y and (not best_p or py < year_of(best_p)) then best_p, best_v = p, v end
  end
  return best_v, best_p and tostring(best_p)
end

--- Status against the target: achieved | on track | behind | not available (no baseline to
--- measure progress from); nil without target. Progress is measured from the baseline, so it
--- is right when lower is better and when the target is below the baseline.
function Ev:assess(ind, result)
  if ind.kind == "qualitative" or type(result.value) ~= "number" then return end
  local target, target_period = target_for(ind, result.period)
  if target == nil then return end
  result.target, result.target_period = target, target_period
  local lower_better = ind.direction == "lower"
  -- the baseline: the indicator's, else the earliest year with a value up to the plan's start
  local base_period = ind.baseline and tostring(ind.baseline)
  local base_value
  if ind.kind == "evolution" then
    base_value = 1
  elseif base_period then
    base_value = self:value(ind.id, { period = base_period, territory = result.territory, unassessed = true }).value
  end
  if base_value == nil then
    -- the figure closest to the plan's start: the year before it, else its first years
    for y = self.plan.period[1] - 1, year_of(result.period) - 1 do
      local b = self:value(ind.id, { period = y, territory = result.territory, unassessed = true })
      if type(b.value) == "number" then
        base_value, base_period = b.value, tostring(y)
        break
      end
    end
  end
  local v = result.value
  local met = lower_better and v <= target or (not lower_better and v >= target)
  if base_value == nil or base_value == target then
    result.status = met and "achieved" or (base_value == nil and "not available" or "behind")
    if base_value == nil and not met then result.reason = "pas de valeur de référence pour mesurer la progression" end
    return
  end
  local progress = (v - base_value) / (target - base_value)
  result.progress, result.baseline_value, result.baseline_period = progress, base_value, base_period
  if progress >= 1 then
    result.status = "achieved"
    return
  end
  local span = year_of(target_period) - year_of(base_period)
  local expected = span > 0 and (year_of(result.period) - year_of(base_period)) / span or 1
  expected = math.max(0, math.min(1, expected))
  result.expected_progress = expected
  result.status = progress >= expected and "on track" or "behind"
end

--- The yearly series of indicator id at a territory, from the earliest year with data (or
--- the baseline) to the evaluation period.
function Ev:series(id, opts)
  opts = opts or {}
  local ind = self:indicator_or_fail(id, 2)
  local first = self.plan.period[1]
  for _, c in ipairs(self.cells[id] or {}) do
    local y = year_of(c.period)
    if y and y < first then first = y end
  end
  if ind.baseline and year_of(ind.baseline) < first then first = year_of(ind.baseline) end
  local last = year_of(opts.until_period or self.period)
  local out = {}
  for y = first, last do
    out[#out + 1] = self:value(id, { period = y, territory = opts.territory, dim = opts.dim, dim_value = opts.dim_value })
  end
  return out
end

--- Values of id broken down by a dimension (`step`, `categorie`…): one result per value.
function Ev:breakdown(id, dim, opts)
  opts = opts or {}
  local ix = self:dimension_index(id, dim)
  local values = {}
  for v in pairs(ix) do values[#values + 1] = v end
  table.sort(values)
  local out = {}
  for _, v in ipairs(values) do
    out[#out + 1] = self:value(id, { period = opts.period, territory = opts.territory, dim = dim, dim_value = v })
  end
  return out
end

-- Results carry a way back to their evaluation, so that explain(v) needs nothing else.
function Ev:result_metatable()
  if not self.result_mt then
    local ev = self
    self.result_mt = { __name = "Value", __index = {
      explain = function(r)
        return ev:explain(r.indicator, { period = r.period, territory = r.territory,
          dim = next(r.dimensions), dim_value = select(2, next(r.dimensions)) })
      end } }
  end
  return self.result_mt
end

local Explanation = { __name = "Explanation" }
Explanation.__index = Explanation
function Explanation.__tostring(e) return require("ctg.present").explanation(e, e.indicator) end

--- What went into a value: the formula, and every observation with all its revisions and
--- their provenance (tostring gives the text `ctg eval --explain` prints).
function Ev:explain(id, opts)
  local result = self:value(id, opts)
  local ind = self.plan:indicator(id)
  local formulas = {
    count = "somme des valeurs sur les territoires et les dimensions ; dans le temps : " .. (ind.time or DEFAULT_TIME.count),
    ratio = "Σ numérateur / Σ dénominateur" .. ((ind.scale or 1) ~= 1 and " × " .. ind.scale or "") ..
      " (numérateur : " .. tostring(ind.numerator) .. " ; dénominateur : " .. tostring(ind.denominator) .. ")",
    evolution = "valeur de la période / valeur de la période de référence " .. tostring(ind.baseline) ..
      (ind.base and " (" .. ind.base .. ")" or ""),
    score = "moyenne des scores déclarés ; part des réponses au-dessus du seuil = Σ satisfaits / Σ réponses",
    qualitative = "dernière appréciation enregistrée",
  }
  local seen, contributions = {}, {}
  for _, s in ipairs(result.sources or {}) do
    local k = s.territory .. "\0" .. s.period
    if not seen[k] then
      seen[k] = true
      contributions[#contributions + 1] = { territory = s.territory, period = s.period,
        revisions = self.db:history({ indicator = id, period = s.period, territory = s.territory }) }
    end
  end
  table.sort(contributions, function(a, b)
    if a.period ~= b.period then return a.period < b.period end
    return a.territory < b.territory
  end)
  return setmetatable({ result = result, formula = formulas[ind.kind], contributions = contributions, indicator = ind },
    Explanation)
end

--- explain(v): the explanation of a value returned by ev:value (the REPL's global explain).
function eval.explain(v)
  if type(v) ~= "table" or type(v.explain) ~= "function" then
    error("explain(v) takes a value from ev:value(…), got " .. type(v), 2)
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
