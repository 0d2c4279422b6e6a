-- ctg.import_checks — what an import checks once all its rows are stored, from the rows the
-- import wrote in the database (so that it works alike for YAML, CSV, workbooks and source
-- mappings, whatever read them), inside the import's transaction:
--   * parts (issue 22): a numerator stored for an indicator that never had a denominator —
--     neither in this import nor in the database, as a part or in a complete row — is an
--     error at the first such row: that rate could never be computed, and the file of the
--     denominators was probably forgotten on the command line. A denominator alone is not:
--     children under 3 (INSEE) are often imported before the places that use them;
--   * plausibility: a percentage typed as a fraction (0,316 where the other territories are
--     above 5, or every territory below 1: a column of Excel % cells) and a figure stored for a territory that differs by more than a tenth from the
--     roll-up of its members are warnings, located at their rows; the import goes on.
-- The rows of the import are those after the last row stored before it (rowids grow): a
-- range of rowids, never a scan of the whole log.
local msg = require("ctg.msg")

local checks = {}

--- The figures of places with members an import compares with their members' roll-up at
--- most (an evaluation each): past them, a warning says how many were not (ctg rules does).
checks.MAX_GAPS = 1000

--- The rowid after which an import's rows come: the last row stored before it.
function checks.mark(d)
  return d:last_revision_id()
end

-- import id -> file of the observation files of the report
local function files_of(report)
  local files = {}
  for _, f in ipairs(report.files) do
    if f.import_id then files[f.import_id] = f.file end
  end
  return files
end

-- The file, line and column of stored row id (for a message located at it).
local function where_of(d, files, id)
  local import_id, line, column = d:revision_place(id)
  return files[import_id] or "?", line, column
end

-- ---- parts -------------------------------------------------------------------------------

--- Errors for the numerators of this import whose indicator never had a denominator.
function checks.parts(d, report, after)
  local files = files_of(report)
  -- the first numerator of each (plan, indicator) of the import, in import order
  for _, g in ipairs(d:lone_numerators_after(after)) do
    if not d:denominator_known(g.plan, g.subject) then
      local file, line, column = where_of(d, files, g.first)
      local name = d:subject_name(g.subject)
      report:error(file, line, column, msg.text("import.part-alone", { indicator = name }))
    end
  end
end

-- ---- plausibility ------------------------------------------------------------------------

-- Whether ind is a percentage: a rate for 100, or a unit that says so.
local function is_percentage(ind)
  return (require("ctg.kinds").figure_of(ind) == "rate" and ind.scale == 100) or ind.unit == "%"
end

-- A number as it was typed (up to 4 decimals, no trailing zero), in French: 0.316 -> "0,316".
local function as_typed(v)
  local decimals = #((string.format("%.4f", v):gsub("0+$", "")):match("%.(%d*)$") or "")
  return require("ctg.fmt").number(v, decimals)
end

-- The rate a current row gives: its value, else numerator / denominator × scale.
local function rate_of(r, ind)
  if r.value then return r.value end
  if r.numerator and r.denominator and r.denominator > 0 then return r.numerator / r.denominator * (ind.scale or 1) end
end

-- A rate below 1 among others all above 5: a fraction typed where a percentage was meant
-- (what an Excel % cell holds: 0,316 for 31,6 %). The suspects come from the import's rows;
-- the other territories' rates from one pass over the current rows of the suspects'
-- indicators (by integer ids: never a search a suspect).
local function fractions(d, report, after, files, p)
  local fmt = require("ctg.fmt")
  local plan = d:plan_key(p.id)
  if not plan then return end
  local suspects, subjects, seen = {}, {}, {}
  for _, r in ipairs(d:values_below_one_after(after, plan)) do
    local ind = p:indicator(r.indicator)
    if ind and is_percentage(ind) then
      r.ind = ind
      suspects[#suspects + 1] = r
      if not seen[r.subject] then seen[r.subject] = true; subjects[#subjects + 1] = r.subject end
    end
  end
  if #suspects == 0 then return end
  -- subject .. ":" .. period -> {territory id -> rate}
  local rates = {}
  for r in d:each_current_value(plan, subjects) do
    local key = r.subject .. ":" .. r.period
    rates[key] = rates[key] or {}
    rates[key][r.territory] = r
  end
  -- subject .. ":" .. period -> the first suspect whose every other territory is below 1 too
  -- (a whole column of Excel % cells read without nombres = { pourcentage = "fraction" }):
  -- no territory above 5 to compare with, the same misread, one warning for the lot
  local all_low, all_low_order = {}, {}
  for _, r in ipairs(suspects) do
    local low, high, n = math.huge, -math.huge, 0
    for territory, o in pairs(rates[r.subject .. ":" .. r.period] or {}) do
      local v = territory ~= r.territory and rate_of(o, r.ind)
      if v then low, high, n = math.min(low, v), math.max(high, v), n + 1 end
    end
    local period = n > 0 and d:period_name(r.period)
    if n > 0 and low > 5 then
      local file, line, column = where_of(d, files, r.id)
      report:warning(file, line, column, msg.text("import.plausible.fraction", { value = as_typed(r.value),
        percent = fmt.points(r.value * 100), indicator = r.ind.id, period = fmt.period(period),
        low = fmt.points(low), high = fmt.points(high), floor = fmt.points(5) }))
    elseif n > 0 and high < 1 then
      local key = r.subject .. ":" .. r.period
      if not all_low[key] then
        all_low[key] = { r = r, period = period, n = n + 1, low = math.min(low, r.value), high = math.max(high, r.value) }
        all_low_order[#all_low_order + 1] = key
      end
    end
  end
  for _, key in ipairs(all_low_order) do
    local g = all_low[key]
    local file, line, column = where_of(d, files, g.r.id)
    report:warning(file, line, column, msg.text("import.plausible.all-fractions", { n = g.n, indicator = g.r.ind.id,
      period = fmt.period(g.period), low = as_typed(g.low), high = as_typed(g.high),
      low_percent = fmt.points(g.low * 100), high_percent = fmt.points(g.high * 100) }))
  end
end

-- A figure stored for a place with members that differs from their roll-up by more than a
-- tenth: the evaluation's published_value beside the roll-up (ctg.rules.published_gap), for
-- the indicators and periods the import touched where such a figure is stored (one pass
-- over the current rows of those places, by integer ids).
local function published_gaps(d, report, after, files, p)
  local places = require("ctg.rules").places_with_members(p)
  local plan = d:plan_key(p.id)
  if #places == 0 or not plan then return end
  local place_ids, code_of = {}, {}
  for _, t in ipairs(d:territory_keys(places)) do
    place_ids[#place_ids + 1] = t.id
    code_of[t.id] = t.code
  end
  if #place_ids == 0 then return end
  -- the first row of the import of each (indicator, period) it touched
  local touched = {}
  for _, k in ipairs(d:touched_after(after, plan)) do
    touched[k.subject .. ":" .. k.period] = k.first
  end
  local own = {}
  for r in d:each_current_figure(plan, place_ids) do
    if touched[r.subject .. ":" .. r.period] then own[#own + 1] = r end
  end
  if #own == 0 then return end
  local subject, period = d:key_names()
  -- one pass over the observations for every indicator (rather than a window each), and
  -- the figures of one indicator one after the other
  local eval = require("ctg.eval")
  local ev = eval.new(p, d, { period = period[own[1].period], max_cells = eval.DOCUMENT_CELLS })
  table.sort(own, function(x, y)
    if x.subject ~= y.subject then return x.subject < y.subject end
    return x.id < y.id
  end)
  for i, r in ipairs(own) do
    if i > checks.MAX_GAPS then
      -- said, not skipped in silence: ctg rules checks them all
      local file, line, column = where_of(d, files, after + 1)
      report:warning(file, line, column, msg.text("import.plausible.gaps-bounded", { n = checks.MAX_GAPS, total = #own }))
      break
    end
    local ind = p:indicator(subject[r.subject])
    if ind and (require("ctg.kinds").get(ind.kind) or {}).territories ~= "none" then
      -- the engine's figures first (no search); the sentence, which names the published
      -- figure's source (a search of its history), only for a gap that will be listed
      local v = ev.engine:value(ind.id, period[r.period], code_of[r.territory], nil, nil, true)
      local rules = require("ctg.rules")
      if rules.far_apart(rules.gap_pair(v)) then
        -- at the place's own row when this import gave it, else at the import's first row of that value
        local file, line, column = where_of(d, files, r.id > after and r.id or touched[r.subject .. ":" .. r.period])
        v.period = period[r.period]
        report:warning(file, line, column, report:lists_warnings() and
          rules.published_gap_text(p, ind, code_of[r.territory], v, d:revision_source(r.id)) or "")
      end
    end
  end
end

--- Warnings for implausible values of this import (see the top of this file).
function checks.plausibility(d, report, after)
  local files = files_of(report)
  local plans = {}
  for _, f in ipairs(report.files) do
    if f.kind == "observations" and f.plan and not plans[f.plan] then
      plans[f.plan] = true
      local p = d:plan(f.plan)
      fractions(d, report, after, files, p)
      published_gaps(d, report, after, files, p)
    end
  end
end

--- Every check, on the rows stored after row `after` (checks.mark before the import).
function checks.run(d, report, after)
  -- a row of a workbook is named by its cell (tableau.xlsx:Suivi!C4): the sheets of the files
  -- read, which the readers forget once a file is done, for the time of the checks
  local saved = report.sheet_of
  report.sheet_of = {}
  for file, sheet in pairs(saved or {}) do report.sheet_of[file] = sheet end
  for _, f in ipairs(report.files) do
    if f.sheet then report.sheet_of[f.file] = f.sheet end
  end
  checks.parts(d, report, after)
  if report.error_count == 0 then checks.plausibility(d, report, after) end
  report.sheet_of = saved
end

return checks
