-- ctg.rules — findings on an evaluation: the rules a plan declares (threshold, trend,
-- target, completeness, custom Lua functions) and the commitments the plan itself makes,
-- checked every time: committees meet as often as agreed, the CAF's funding stays at or
-- above its floor, planned steps start on time, indicators with targets are on track.
--
-- A finding: {rule, type, severity = "info" | "warning" | "critical" | "error", message,
-- evidence = {…the values, periods and territories that triggered it…}, file, line}.
-- severity "error" means the rule itself failed (a custom rule that raised): the other
-- rules still run.
-- Messages come from the catalogue (ctg.msg.rules): places by their titles, dates in words;
-- the evidence keeps codes and ISO dates for the JSON.
local fmt = require("ctg.fmt")
local msg = require("ctg.msg")
local present = require("ctg.present")

local rules = {}

local function year_of(period) return tonumber(tostring(period):sub(1, 4)) end

local function location(ev, rule)
  local file, line = ev.plan:location("rule", rule.name)
  return rule.file or file, rule.line or line
end

local function finding(ev, rule, type_, severity, message, evidence)
  local f = { rule = rule and rule.name or type_, type = type_, severity = severity, message = message,
              evidence = evidence or {} }
  if rule and rule.name then f.file, f.line = location(ev, rule) end
  return f
end

-- A number as the committee reads it, for messages: with its indicator's decimals and
-- unit, as in the tables (present.figure: "54,5 %", a ratio of scale 1 "0,457").
local function show(v, ind)
  if v == nil then return fmt.NA end
  if type(v) ~= "number" then return tostring(v) end
  if require("ctg.kinds").figure_of(ind) == "change" then return fmt.change(v - 1) end
  return present.figure(v, ind)
end

-- A comparison as printed in a finding: "≥ 20,0 %", never the plan's ">=".
local OP_SIGN = { ["<"] = "<", ["<="] = "≤", [">"] = ">", [">="] = "≥", ["=="] = "=", ["~="] = "≠" }

local function indicator_label(ind) return ind.id .. " (" .. ind.label .. ")" end

-- What a finding on a partial roll-up adds: " — valeur partielle : 11 sur 12 territoires ;
-- manque …" (empty for any other value): a partial value is never read as a complete one.
local function partial_suffix(r)
  local p = present.partial(r)
  return p and msg.text("rules.partial", { partial = p }) or ""
end

local OPS = {
  ["<"] = function(a, b) return a < b end, ["<="] = function(a, b) return a <= b end,
  [">"] = function(a, b) return a > b end, [">="] = function(a, b) return a >= b end,
  ["=="] = function(a, b) return a == b end, ["~="] = function(a, b) return a ~= b end,
}

local checks = {}

-- The places a rule looks at: its `territories` (codes of territories or groups, or "all"
-- for every territory of the plan), else its one `territory` (nil: the evaluation's).
local function places_of(ev, rule)
  if rule.territories == "all" then
    local list = {}
    for _, t in ipairs(ev.plan.territories) do list[#list + 1] = t.code end
    return list
  end
  if type(rule.territories) == "table" then return rule.territories end
  return { rule.territory or ev.territory }
end

-- threshold: `indicator op value` must hold at the evaluation period, on each place it
-- looks at (one finding per place that fails).
function checks.threshold(ev, rule, out)
  local ind = ev.plan:indicator(rule.indicator)
  local several = type(rule.territories) == "table" or rule.territories == "all"
  for _, place in ipairs(places_of(ev, rule)) do
    local r = ev:value(rule.indicator, { territory = place })
    local evidence = { { indicator = rule.indicator, period = r.period, territory = r.territory, value = r.value } }
    local title = present.place(ev.plan, r.territory)
    if type(r.value) ~= "number" then
      out[#out + 1] = finding(ev, rule, "threshold", "info", msg.text("rules.threshold.unverifiable", {
        indicator = indicator_label(ind), period = present.date(r.period), place = several and " (" .. title .. ")" or "",
        reason = r.reason or present.STATUS["not available"] }), evidence)
    elseif not OPS[rule.op](r.value, rule.value) then
      local message = rule.message and (several and msg.text("rules.message.place", { message = rule.message, place = title })
        or rule.message)
      out[#out + 1] = finding(ev, rule, "threshold", rule.severity or "warning", (message or msg.text("rules.threshold.failed", {
        indicator = indicator_label(ind), value = show(r.value, ind), period = present.date(r.period), place = title,
        op = OP_SIGN[rule.op], expected = show(rule.value, ind) })) .. partial_suffix(r), evidence)
    elseif r.partial then
      -- met, but by the members with figures only: said, so that nobody reads it as complete
      evidence[1].partial, evidence[1].missing = true, r.missing
      out[#out + 1] = finding(ev, rule, "threshold", "info", msg.text("rules.threshold.partial", {
        indicator = indicator_label(ind), value = show(r.value, ind), period = present.date(r.period), place = title,
        op = OP_SIGN[rule.op], expected = show(rule.value, ind), partial = present.partial(r) }), evidence)
    end
  end
end

-- trend: the last `periods` year-on-year changes go the expected way.
function checks.trend(ev, rule, out)
  local ind = ev.plan:indicator(rule.indicator)
  local n = rule.periods or 2
  local points = {}
  for _, r in ipairs(ev:series(rule.indicator, { territory = rule.territory })) do
    if type(r.value) == "number" then points[#points + 1] = r end
  end
  while #points > n + 1 do table.remove(points, 1) end
  local evidence = {}
  for _, r in ipairs(points) do evidence[#evidence + 1] = { indicator = ind.id, period = r.period, territory = r.territory, value = r.value } end
  if #points < 2 then
    out[#out + 1] = finding(ev, rule, "trend", "info", msg.plural("rules.trend.few", #points,
      { indicator = indicator_label(ind) }), evidence)
    return
  end
  local ok = true
  for i = 2, #points do
    local a, b = points[i - 1].value, points[i].value
    if rule.expect == "increase" and b <= a then ok = false end
    if rule.expect == "decrease" and b >= a then ok = false end
    if rule.expect == "stable" and math.abs(b - a) > math.abs(a) * 0.05 then ok = false end
  end
  if not ok then
    local parts = {}
    for _, r in ipairs(points) do
      parts[#parts + 1] = msg.text("rules.trend.point", { period = present.date(r.period), value = show(r.value, ind) })
    end
    out[#out + 1] = finding(ev, rule, "trend", rule.severity or "warning", rule.message or msg.text("rules.trend.failed", {
      indicator = indicator_label(ind), expected = msg.text("rules.trend." .. rule.expect), points = table.concat(parts, " ; ") }),
      evidence)
  end
end

-- target: the indicator is behind its trajectory to the target, receding, or not achieved;
-- the finding says why (present.verdict: the rule of ctg help eval) and whether it is partial.
local function check_target(ev, ind, rule, out)
  local r = ev:value(ind.id, { territory = rule and rule.territory })
  if r.target == nil then return end
  local evidence = { { indicator = ind.id, period = r.period, territory = r.territory, value = r.value, target = r.target,
                       target_period = r.target_period, target_kind = r.target_kind, progress = r.progress,
                       baseline = r.baseline_value, baseline_period = r.baseline_period, status = r.status,
                       status_rule = r.status_rule, partial = r.partial } }
  if r.status == "behind" and r.status_rule == "straight_path" and r.target_kind ~= "cumulative" then
    out[#out + 1] = finding(ev, rule, "target", rule and rule.severity or "warning", msg.text("rules.target.behind", {
      indicator = indicator_label(ind), value = show(r.value, ind),
      period = present.date(r.period),
      target = show(r.target, ind), target_period = present.date(r.target_period),
      progress = fmt.percent(r.progress, 0), expected = fmt.percent(r.expected_progress or 1, 0) }) .. partial_suffix(r),
      evidence)
  elseif r.status == "behind" or r.status == "receding" or r.status == "not achieved" then
    local severity = r.status == "not achieved" and "info" or rule and rule.severity or "warning"
    out[#out + 1] = finding(ev, rule, "target", severity, msg.text("rules.target.verdict", {
      indicator = indicator_label(ind), verdict = present.verdict(r, ind) }) .. partial_suffix(r), evidence)
  elseif r.status == "not available" then
    out[#out + 1] = finding(ev, rule, "target", "info", msg.text("rules.target.unmeasurable", {
      indicator = indicator_label(ind), period = present.date(r.period), reason = r.reason or present.STATUS[r.status] }),
      evidence)
  end
end

function checks.target(ev, rule, out)
  check_target(ev, ev.plan:indicator(rule.indicator), rule, out)
end

-- completeness: data expected for every year × territory; what is missing is listed.
function checks.completeness(ev, rule, out)
  local inds = rule.indicator and { ev.plan:indicator(rule.indicator) } or ev.plan.indicators
  local territories = rule.territories
  if not territories then
    territories = {}
    for _, t in ipairs(ev.plan.territories) do if t.parent then territories[#territories + 1] = t.code end end
  elseif territories == "all" then
    territories = places_of(ev, rule)
  end
  local first, last = rule.from or ev.plan.period[1], year_of(ev.period)
  for _, ind in ipairs(inds) do
    local missing = {}
    for y = first, last do
      for _, t in ipairs(territories) do
        local r = ev:value(ind.id, { period = y, territory = t, unassessed = true })
        if r.value == nil then missing[#missing + 1] = { indicator = ind.id, period = tostring(y), territory = t, reason = r.reason } end
      end
    end
    if #missing > 0 then
      local expected = (last - first + 1) * #territories
      out[#out + 1] = finding(ev, rule, "completeness", rule.severity or "warning", msg.plural("rules.completeness", #missing, {
        indicator = indicator_label(ind), expected = expected, first = first, last = last,
        places = msg.count(#territories, "territories") }), missing)
    end
  end
end

-- custom: rule.check(ctx) returns findings (a list, one table, or a string message).
function checks.custom(ev, rule, out)
  local ctx = rules.context(ev)
  -- within the time and memory limits; errors located at the rule's line; what it returns is
  -- copied as plain data within the limits, so that reading it runs none of its code
  local ok, result = xpcall(require("ctg.sandbox").run_plain, tostring,
    msg.text("rules.sandbox-name", { rule = tostring(rule.name) }), nil, rule.check, ctx)
  if not ok then
    local f = finding(ev, rule, "custom", "error", msg.text("rules.failed", { rule = rule.name, error = tostring(result) }))
    f.failed = true
    out[#out + 1] = f
    return
  end
  if result == nil or result == true or result == false then return end
  if type(result) == "string" then result = { { message = result } } end
  if result.message then result = { result } end
  for _, r in ipairs(result) do
    out[#out + 1] = finding(ev, rule, "custom", r.severity or rule.severity or "warning",
      r.message or rule.message or rule.name, r.evidence)
  end
end

--- The evaluation context a custom rule receives.
function rules.context(ev)
  -- errors name the rule's own line (level 2: the caller of ctx:value), not the stdlib's
  local function known(id)
    if not ev.plan:indicator(id) then
      local names = {}
      for _, i in ipairs(ev.plan.indicators) do names[#names + 1] = i.id end
      local hint = require("ctg.suggest").closest(tostring(id), names)
      error(msg.text("rules.unknown-indicator", { id = tostring(id),
        hint = hint and msg.text("rules.hint", { hint = hint }) or "" }), 3)
    end
  end
  -- a rule stored with a plan runs for every later user: it reads read-only views (the plan,
  -- its values, the database, ctg.fmt) and cannot change what the other rules or ctg see
  local sandbox = require("ctg.sandbox")
  local frozen = sandbox.frozen({ plan = ev.plan }, "le plan et les valeurs")
  local function view(f) return function(...) return sandbox.frozen(f(...), "les valeurs") end end
  return {
    value = function(_, id, opts) known(id) return view(ev.value)(ev, id, opts) end,
    series = function(_, id, opts) known(id) return view(ev.series)(ev, id, opts) end,
    plan = function() return frozen.plan end,
    db = function() return require("ctg.db").view(ev.db) end,
    period = function() return ev.period end,
    fmt = sandbox.readonly(fmt, "ctx.fmt"),
  }
end

-- ---- the plan's own commitments ---------------------------------------------------------

local function years_to_check(ev)
  local last = math.min(year_of(ev.period), ev.as_of_year)
  local list = {}
  for y = ev.plan.period[1], last do list[#list + 1] = y end
  return list
end

-- Committees meet at least as often as the plan says.
local function governance(ev, out)
  local meetings_in = require("ctg.schema").meetings_in
  for _, c in ipairs(ev.plan.committees) do
    for _, y in ipairs(c.meetings_per_year and years_to_check(ev) or {}) do
      -- the year's own figure ({default = 1, [2030] = 3}), else the plan's default
      local expected = meetings_in(c.meetings_per_year, y)
      if expected and expected > 0 then
        -- this plan's rows only: a database holds several plans, and committee codes repeat
        local held = ev.db:meetings_held(ev.plan.id, c.code, y)
        if #held < expected then
          local dates, words = {}, {}
          for _, day in ipairs(held) do dates[#dates + 1] = day; words[#words + 1] = present.date(day) end
          out[#out + 1] = finding(ev, nil, "governance", "warning", msg.plural("rules.governance", #held, {
            committee = c.title, year = y, expected = msg.plural("rules.governance.expected", expected),
            dates = #words > 0 and " (" .. table.concat(words, ", ") .. ")" or "" }),
            { { committee = c.code, period = tostring(y), held = #held, expected = expected, dates = dates } })
        end
      end
    end
  end
end

-- A funder's payments each year reach its guaranteed floor.
local function funding_floor(ev, out)
  for _, f in ipairs(ev.plan.funding) do
    if f.floor_per_year then
      for _, y in ipairs(years_to_check(ev)) do
        -- a payment that is not a number (a database altered by hand: SQLite would sum the
        -- text '1 200' as 1) is refused, naming its row, rather than a wrong total
        local r = ev.db:funding_received(ev.plan.id, f.code, y)
        if r.lying then
          error(require("ctg.sys").exit_error(3, msg.text("contain.db.lie", { table = "obs_revision",
            row = tostring(r.lying), column = "value", what = "un nombre" })), 0)
        end
        local evidence = { { funder = f.code, period = tostring(y), amount = r.total, floor = f.floor_per_year } }
        if r.payments == 0 then
          out[#out + 1] = finding(ev, nil, "funding", "warning", msg.text("rules.funding.none", {
            funder = f.title, year = y, floor = fmt.euros(f.floor_per_year) }), evidence)
        elseif r.total < f.floor_per_year then
          out[#out + 1] = finding(ev, nil, "funding", "critical", msg.text("rules.funding.below", {
            funder = f.title, amount = fmt.euros(r.total), year = y, floor = fmt.euros(f.floor_per_year),
            gap = fmt.euros(f.floor_per_year - r.total) }), evidence)
        end
      end
    end
  end
end

-- A step planned for a year has started by the end of that year.
local function slippage(ev, out)
  local unknown = 0
  for _, s in ipairs(ev.plan.steps) do
    if not s.years or #s.years == 0 then
      unknown = unknown + 1
    else
      local first = math.huge
      for _, y in ipairs(s.years) do first = math.min(first, y) end
      if first <= year_of(ev.period) and first <= ev.as_of_year then
        if not ev.db:step_started_by(ev.plan.id, s.code, first) then
          out[#out + 1] = finding(ev, nil, "slippage", "warning", msg.text("rules.slippage", {
            level = present.level(ev.plan, "step"), code = s.code, title = s.title, year = first }),
            { { step = s.code, planned = first } })
        end
      end
    end
  end
  if unknown > 0 then
    out[#out + 1] = finding(ev, nil, "slippage", "info", msg.text("rules.slippage.unknown", {
      unknown = unknown, level = present.level_lower(ev.plan, "step") .. (unknown > 1 and "s" or ""),
      total = #ev.plan.steps }), {})
  end
end

--- Whether roll-up a and published figure b are both numbers more than a tenth of b apart.
function rules.far_apart(a, b)
  return type(a) == "number" and type(b) == "number" and math.abs(a - b) > 0.1 * math.abs(b)
end

--- A figure stored for a place with members (the CNAF's EPCI rate) and the roll-up of its
--- members, for ind in period (nil: the evaluation's), when they differ by more than a tenth of
--- the published figure: both named in a sentence, for someone to find which one is wrong, and
--- the value (ev:value's); nil when they agree or one is missing. Also what ctg import warns.
function rules.published_gap(ev, ind, place, period)
  local r = ev:value(ind.id, { territory = place, period = period, unassessed = true })
  local rollup, published = rules.gap_pair(r)
  if rules.far_apart(rollup, published) then
    -- a partial roll-up keeps the published figure as the value: its source is looked up here
    local source = r.published_source or ev:published_source(ind.id, r.period, place)
    return rules.published_gap_text(ev.plan, ind, place, r, source), r
  end
end

--- The two figures of a place compared, from a value r of ev:value (or the engine's): the
--- roll-up of its members, its own published figure, the members counted and, for a partial
--- roll-up, all its members. Complete: r.value is the roll-up beside r.published_value.
--- Partial (a member without figures): the published figure is kept as r.value and the
--- members' partial roll-up is r.members_value beside it; it is compared too, else a
--- secret-statistique commune would hide any gap. nil when there is no pair.
function rules.gap_pair(r)
  if r.published_value then return r.value, r.published_value, r.members end
  if r.published and r.members_value then return r.members_value, r.value, r.with_data, r.members end
end

--- The sentence of a gap between the roll-up of place's members and its own figure (from
--- source), for plan p; r as rules.gap_pair takes it.
function rules.published_gap_text(p, ind, place, r, source)
  local rollup, published, counted, all = rules.gap_pair(r)
  return msg.text(all and "rules.published-gap-partial" or "rules.published-gap", {
    indicator = indicator_label(ind), place = present.place(p, place), period = present.date(r.period),
    rollup_of = msg.text("kind." .. ind.kind .. ".rollup"),
    rollup = present.figure(rollup, ind), members = counted, all = all, published = present.figure(published, ind),
    source = source or "?" })
end

--- The places of plan p whose own figure may differ from their members' roll-up: the
--- territories with sub-territories, then the groups.
function rules.places_with_members(p)
  local parents, places = {}, {}
  for _, t in ipairs(p.territories) do if t.parent then parents[t.parent] = true end end
  for _, t in ipairs(p.territories) do if parents[t.code] then places[#places + 1] = t.code end end
  for _, g in ipairs(p.groups) do places[#places + 1] = g.code end
  return places
end

local function published_gaps(ev, out)
  local places = rules.places_with_members(ev.plan)
  for _, ind in ipairs(ev.plan.indicators) do
    if (require("ctg.kinds").get(ind.kind) or {}).territories ~= "none" then
      for _, place in ipairs(places) do
        local text, r = rules.published_gap(ev, ind, place)
        if text then
          local rollup, published = rules.gap_pair(r)
          out[#out + 1] = finding(ev, nil, "published", "warning", text,
            { { indicator = ind.id, period = r.period, territory = place, value = rollup, published_value = published,
                published_source = r.published_source, members = r.members } })
        end
      end
    end
  end
end

-- Every indicator with targets is on its trajectory.
local function targets(ev, out, declared)
  for _, ind in ipairs(ev.plan.indicators) do
    if ind.targets and not declared[ind.id] then check_target(ev, ind, nil, out) end
  end
end

local function rule_type(rule)
  if rule.type then return rule.type end
  if rule.check then return "custom" end
  if rule.expect then return "trend" end
  if rule.op then return "threshold" end
  return nil
end

--- What makes a rule unable to run (French), or nil: checked when a rules file loads and
--- again when rules run.
function rules.problem(rule)
  local kind = rule_type(rule)
  -- the rule's type as a plan writes it in the messages' language ("tendance")
  local vars = { rule = tostring(rule.name), type = require("ctg.schema").value_word("rule", "type", kind, msg.lang()) }
  if not kind then
    return msg.text("rules.problem.what", vars)
  elseif (kind == "threshold" or kind == "trend" or kind == "target") and not rule.indicator then
    return msg.text("rules.problem.indicator", vars)
  elseif kind == "threshold" and (not rule.op or rule.value == nil) then
    return msg.text("rules.problem.threshold", vars)
  elseif kind == "custom" and not rule.check then
    return msg.text("rules.problem.check", vars)
  elseif rule.territories and kind ~= "threshold" and kind ~= "completeness" then
    return msg.text("rules.problem.territories", vars)
  end
end

local SEVERITY_ORDER = { error = 0, critical = 1, warning = 2, info = 3 }

--- All findings, declared rules first (in declaration order), then the plan's commitments;
--- extra_rules are rule nodes from separate rule files.
function rules.run(ev, extra_rules)
  local out = {}
  local declared_targets = {}
  local list = {}
  for _, r in ipairs(ev.plan.rules) do list[#list + 1] = r end
  for _, r in ipairs(extra_rules or {}) do list[#list + 1] = r end
  for _, rule in ipairs(list) do
    local kind = rule_type(rule)
    if kind == "target" then declared_targets[rule.indicator] = true end
    local problem = rules.problem(rule)
    if problem then
      out[#out + 1] = finding(ev, rule, kind or "invalid", "error", problem)
    else
      local ok, err = pcall(checks[kind], ev, rule, out)
      if not ok then
        out[#out + 1] = finding(ev, rule, kind, "error", msg.text("rules.failed", { rule = rule.name, error = tostring(err) }))
      end
    end
  end
  governance(ev, out)
  funding_floor(ev, out)
  slippage(ev, out)
  targets(ev, out, declared_targets)
  published_gaps(ev, out)
  for i, f in ipairs(out) do f.order = i end
  table.sort(out, function(a, b)
    if SEVERITY_ORDER[a.severity] ~= SEVERITY_ORDER[b.severity] then return SEVERITY_ORDER[a.severity] < SEVERITY_ORDER[b.severity] end
    return a.order < b.order
  end)
  for _, f in ipairs(out) do f.order = nil end
  return out
end

--- Load rule declarations from a separate file (rule "…" { … } only), checked against
--- plan p by the same schema as rules in a plan file. Returns the rules, or nil and findings.
function rules.load_file(p, path)
  local dsl = require("ctg.dsl")
  local ctx = dsl.collect_lua(path)
  if ctx.aborted then return nil, ctx.findings end
  local list = {}
  for _, d in ipairs(ctx.decls) do
    if d.kind ~= "rule" then
      ctx.findings[#ctx.findings + 1] = { severity = "error", code = "misplaced", file = d.file, line = d.line,
        message = msg.text("rules.file.misplaced", { kind = msg.kind(d.kind) }) }
    else
      local before = #ctx.findings
      local node = dsl.check_fields(ctx, d)
      local function report(code, message, field)
        ctx.findings[#ctx.findings + 1] = { severity = "error", code = code, file = d.file,
                                            line = dsl.field_line(ctx, d, field), message = message }
      end
      if node.indicator and not p:indicator(node.indicator) then
        local names = {}
        for _, i in ipairs(p.indicators) do names[#names + 1] = i.id end
        local hint = require("ctg.suggest").closest(node.indicator, names)
        report("unknown-reference", msg.text("rules.file.unknown-indicator", { rule = tostring(node.name),
          indicator = node.indicator, hint = hint and msg.text("rules.hint", { hint = hint }) or "" }), "indicator")
      end
      require("ctg.crosscheck").rule_places(p, node, function(field, message) report("unknown-territory", message, field) end)
      if node.name and #ctx.findings == before then
        local problem = rules.problem(node)
        if problem then report("invalid-rule", problem) end
      end
      node.file, node.line = d.file, d.line
      list[#list + 1] = node
    end
  end
  if #ctx.findings > 0 then return nil, ctx.findings end
  return list
end

return rules
