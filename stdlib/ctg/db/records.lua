-- ctg.db.records — the plan's follow-up records as the rules and the stock reports read
-- them: committee meetings held, funding received, the progress of steps. Methods of a
-- ctg.db database (installed by ctg.db), over the current observations (as known at the
-- known-at date, when one is set). Each answers one question and returns plain Lua values.
local options = require("ctg.options")
local msg = require("ctg.msg")

local records = {}

-- plan_id given: " AND plan_id = ?" and its parameter appended; nil: every plan (a stock
-- report over a database of one plan reads it whole).
local function plan_clause(sql, params, plan_id)
  if plan_id == nil then return sql end
  params[#params + 1] = plan_id
  return sql .. " AND plan_id = ?"
end

-- The arguments of a question about one plan's committee, funder or step in one year,
-- checked at the caller's line (a nil or a table would silently match nothing): plan_id and
-- code texts, year an integer or its four digits. Returns the year as text.
local function checked(fname, plan_id, code_name, code, year)
  options.value("plan", plan_id, fname)
  options.value("subject", code, fname, {}, code_name)
  if math.type(year) == "integer" or (type(year) == "string" and year:match("^%d%d%d%d$")) then return tostring(year) end
  options.fail(msg.text("api.bad-type", { fn = fname, key = "year", want = msg.text("api.want.integer"),
    got = msg.text("api.got-value", { value = tostring(year), type = type(year) }) }))
end

--- The dates (period texts, sorted) of the meetings of committee held in year by plan_id.
---@param plan_id string
---@param committee string the committee's code
---@param year integer|string
---@return string[]
function records:meetings_held(plan_id, committee, year)
  year = checked("db:meetings_held", plan_id, "committee", committee, year)
  local out = {}
  for i, r in ipairs(self.store:query([[SELECT period FROM current_observation WHERE record = 'meeting'
      AND plan_id = ? AND subject = ? AND substr(period, 1, 4) = ? ORDER BY period]], plan_id, committee, year)) do
    out[i] = r.period
  end
  return out
end

-- the first payment stored as something else than a number, per engine: SQLite's columns
-- take any value; PostgreSQL's value column is double precision, where no text can be
local LYING = {
  SQLite = "min(CASE WHEN typeof(value) NOT IN ('integer', 'real', 'null') THEN id END) AS lying",
  PostgreSQL = "CAST(NULL AS bigint) AS lying",
}

--- What funder paid plan_id in year: {total (nil without payment), payments (their count),
--- lying (the id of the first stored payment that is not a number — a database altered by
--- hand, where SQLite would sum the text '1 200' as 1 — or nil)}.
---@param plan_id string
---@param funder string the funder's code
---@param year integer|string
---@return {total: number?, payments: integer, lying: integer?}
function records:funding_received(plan_id, funder, year)
  year = checked("db:funding_received", plan_id, "funder", funder, year)
  local r = self.store:query([[SELECT sum(value) AS total, count(*) AS n, ]] .. LYING[self.store:engine_name()] .. [[
    FROM current_observation WHERE record = 'funding' AND plan_id = ? AND subject = ? AND period = ?]],
    plan_id, funder, year)[1]
  return { total = r.total, payments = r.n, lying = r.lying }
end

--- Whether step of plan_id was recorded started or done in a period of year or before.
---@param plan_id string
---@param step string the step's code
---@param year integer|string
---@return boolean
function records:step_started_by(plan_id, step, year)
  year = checked("db:step_started_by", plan_id, "step", step, year)
  return self.store:query([[SELECT 1 AS x FROM current_observation WHERE record = 'progress'
    AND plan_id = ? AND subject = ? AND substr(period, 1, 4) <= ? AND status IN ('started', 'done') LIMIT 1]],
    plan_id, step, year)[1] ~= nil
end

--- The progress recorded for the steps, oldest period first: a list of {step, period,
--- status}. opts (checked at the script's line, French names too): until_period (jusqu_a:
--- the periods of its year or before only), plan (a plan id; default every plan of the
--- database).
---@param opts? {until_period?: integer|string, plan?: string}
---@return {step: string, period: string, status: string}[]
function records:step_progress(opts)
  opts = options.check(opts, { "until_period", "plan" }, "db:step_progress")
  local sql, params = "SELECT subject, period, status FROM current_observation WHERE record = 'progress'", {}
  if opts.until_period then
    sql = sql .. " AND substr(period, 1, 4) <= ?"
    params[#params + 1] = opts.until_period:sub(1, 4)
  end
  sql = plan_clause(sql, params, opts.plan)
  local out = {}
  for i, r in ipairs(self.store:query(sql .. " ORDER BY period", table.unpack(params))) do
    out[i] = { step = r.subject, period = r.period, status = r.status }
  end
  return out
end

-- The rows of `select` (a statement over one kind of record, without its grouping) for the
-- plan of opts (checked as fname's: plan only), grouped by `group`, each made by shape(r).
local function per_plan(self, opts, fname, select, group, shape)
  opts = options.check(opts, { "plan" }, fname)
  local params = {}
  local sql = plan_clause(select, params, opts.plan)
  local out = {}
  for i, r in ipairs(self.store:query(sql .. " GROUP BY " .. group, table.unpack(params))) do out[i] = shape(r) end
  return out
end

--- The funding received per funder and period (payments summed): a list of {funder,
--- period, total}. opts (checked at the script's line): plan (a plan id; default every plan of the database).
---@param opts? {plan?: string}
---@return {funder: string, period: string, total: number}[]
function records:funding_totals(opts)
  return per_plan(self, opts, "db:funding_totals",
    "SELECT subject, period, sum(value) AS total FROM current_observation WHERE record = 'funding'", "subject, period",
    function(r) return { funder = r.subject, period = r.period, total = r.total } end)
end

--- The meetings held per committee and year: a list of {committee, year (a text, "2023"),
--- held}. opts (checked at the script's line): plan (a plan id; default every plan of the database).
---@param opts? {plan?: string}
---@return {committee: string, year: string, held: integer}[]
function records:meetings_per_year(opts)
  return per_plan(self, opts, "db:meetings_per_year",
    "SELECT subject, substr(period, 1, 4) AS year, count(*) AS n FROM current_observation WHERE record = 'meeting'",
    "subject, year", function(r) return { committee = r.subject, year = r.year, held = r.n } end)
end

return records
