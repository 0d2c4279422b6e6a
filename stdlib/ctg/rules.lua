-- ctg.rules — findings on an evaluation: the rules a plan declares (threshold, trend,
-- target, completeness, custom Lua functions) and the commitments the plan itself makes,
-- checked every time: committees meet as often as agreed, the CAF's funding stays at or
-- above its floor, planned steps start on time, indicators with targets are on track.
--
-- A finding: {rule, type, severity = "info" | "warning" | "critical" | "error", message,
-- evidence = {…the values, periods and territories that triggered it…}, file, line}.
-- severity "error" means the rule itself failed (a custom rule that raised): the other
-- rules still run.
local fmt = require("ctg.fmt")

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

-- A number as the committee reads it, for messages.
local function show(v, ind)
  if v == nil then return fmt.NA end
  if type(v) ~= "number" then return tostring(v) end
  if ind and ind.kind == "evolution" then return fmt.change(v - 1) end
  if ind and ind.kind == "ratio" and ind.unit == "%" then return fmt.points(v) end
  return fmt.number(v, math.type(v) == "integer" and 0 or (v == math.floor(v) and 0 or 1))
end

local function indicator_label(ind) return ind.id .. " (" .. ind.label .. ")" end

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
    if type(r.value) ~= "number" then
      out[#out + 1] = finding(ev, rule, "threshold", "info", string.format("%s : seuil non vérifiable en %s%s (%s)",
        indicator_label(ind), r.period, several and " (" .. r.territory .. ")" or "", r.reason or "non disponible"), evidence)
    elseif not OPS[rule.op](r.value, rule.value) then
      out[#out + 1] = finding(ev, rule, "threshold", rule.severity or "warning", rule.message and
        (several and rule.message .. " (" .. r.territory .. ")" or rule.message) or string.format(
        "%s vaut %s en %s (%s) : attendu %s %s", indicator_label(ind), show(r.value, ind), r.period, r.territory,
        rule.op, show(rule.value)), evidence)
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
    out[#out + 1] = finding(ev, rule, "trend", "info", string.format("%s : pas assez de données pour juger la tendance (%d période%s)",
      indicator_label(ind), #points, #points == 1 and "" or "s"), evidence)
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
    local words = { increase = "en hausse", decrease = "en baisse", stable = "stable" }
    local parts = {}
    for _, r in ipairs(points) do parts[#parts + 1] = r.period .. " : " .. show(r.value, ind) end
    out[#out + 1] = finding(ev, rule, "trend", rule.severity or "warning", rule.message or string.format(
      "%s n'est pas %s (%s)", indicator_label(ind), words[rule.expect], table.concat(parts, " ; ")), evidence)
  end
end

-- target: the indicator is behind its trajectory to the target.
local function check_target(ev, ind, rule, out)
  local r = ev:value(ind.id, { territory = rule and rule.territory })
  if r.target == nil then return end
  local evidence = { { indicator = ind.id, period = r.period, territory = r.territory, value = r.value, target = r.target,
                       target_period = r.target_period, progress = r.progress, baseline = r.baseline_value } }
  if r.status == "behind" then
    out[#out + 1] = finding(ev, rule, "target", rule and rule.severity or "warning", string.format(
      "%s : %s en %s, cible %s en %s — %s du chemin parcouru depuis la référence (%s attendus)",
      indicator_label(ind), show(r.value, ind), r.period, show(r.target, ind), r.target_period,
      fmt.percent(r.progress, 0), fmt.percent(r.expected_progress or 1, 0)), evidence)
  elseif r.status == "not available" then
    out[#out + 1] = finding(ev, rule, "target", "info", string.format("%s : progression vers la cible non mesurable en %s (%s)",
      indicator_label(ind), r.period, r.reason or "non disponible"), evidence)
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
      out[#out + 1] = finding(ev, rule, "completeness", rule.severity or "warning", string.format(
        "%s : %d donnée%s manquante%s sur %d attendues (%d-%d × %d territoires)", indicator_label(ind), #missing,
        #missing == 1 and "" or "s", #missing == 1 and "" or "s", expected, first, last, #territories), missing)
    end
  end
end

-- custom: rule.check(ctx) returns findings (a list, one table, or a string message).
function checks.custom(ev, rule, out)
  local ctx = rules.context(ev)
  -- within the time and memory limits; errors located at the rule's line
  local ok, result = xpcall(require("ctg.sandbox").run, function(e)
    local msg = tostring(e)
    return msg
  end, "la règle « " .. tostring(rule.name) .. " »", nil, rule.check, ctx)
  if not ok then
    local f = finding(ev, rule, "custom", "error", "la règle « " .. rule.name .. " » a échoué : " .. tostring(result))
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
      error("indicateur inconnu '" .. tostring(id) .. "'" .. (hint and " (vouliez-vous dire '" .. hint .. "' ?)" or ""), 3)
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
        local held = ev.db.store:query([[SELECT period FROM current_observation WHERE record = 'meeting'
          AND subject = ? AND substr(period, 1, 4) = ? ORDER BY period]], c.code, tostring(y))
        if #held < expected then
          local dates = {}
          for _, h in ipairs(held) do dates[#dates + 1] = h.period end
          out[#out + 1] = finding(ev, nil, "governance", "warning", string.format(
            "%s : %d réunion%s en %d pour %d prévue%s%s", c.title, #held, #held > 1 and "s" or "", y,
            expected, expected > 1 and "s" or "",
            #dates > 0 and " (" .. table.concat(dates, ", ") .. ")" or ""),
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
        local r = ev.db.store:query([[SELECT sum(value) AS total, count(*) AS n FROM current_observation
          WHERE record = 'funding' AND subject = ? AND period = ?]], f.code, tostring(y))[1]
        local evidence = { { funder = f.code, period = tostring(y), amount = r.total, floor = f.floor_per_year } }
        if r.n == 0 then
          out[#out + 1] = finding(ev, nil, "funding", "warning", string.format(
            "%s : aucun financement enregistré pour %d (plancher %s)", f.title, y, fmt.euros(f.floor_per_year)), evidence)
        elseif r.total < f.floor_per_year then
          out[#out + 1] = finding(ev, nil, "funding", "critical", string.format(
            "%s : %s reçus en %d, sous le plancher garanti de %s (écart %s)", f.title, fmt.euros(r.total), y,
            fmt.euros(f.floor_per_year), fmt.euros(f.floor_per_year - r.total)), evidence)
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
        local r = ev.db.store:query([[SELECT status, period FROM current_observation WHERE record = 'progress'
          AND subject = ? AND substr(period, 1, 4) <= ? AND status IN ('started', 'done') LIMIT 1]], s.code, tostring(first))
        if #r == 0 then
          out[#out + 1] = finding(ev, nil, "slippage", "warning", string.format(
            "%s %s (« %s ») prévue en %d : non commencée", require("ctg.present").level(ev.plan, "step"), s.code, s.title, first),
            { { step = s.code, planned = first } })
        end
      end
    end
  end
  if unknown > 0 then
    out[#out + 1] = finding(ev, nil, "slippage", "info", string.format(
      "Calendrier inconnu pour %d " .. require("ctg.present").level_lower(ev.plan, "step") .. "%s sur %d : le retard ne peut pas être vérifié pour elles", unknown,
      unknown > 1 and "s" or "", #ev.plan.steps), {})
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
  if not kind then
    return "la règle « " .. rule.name .. " » ne dit pas quoi vérifier (type, expect, op/value ou check)"
  elseif (kind == "threshold" or kind == "trend" or kind == "target") and not rule.indicator then
    return "la règle « " .. rule.name .. " » (" .. kind .. ") n'a pas d'indicateur"
  elseif kind == "threshold" and (not rule.op or rule.value == nil) then
    return "la règle « " .. rule.name .. " » (seuil) doit donner op et value"
  elseif kind == "custom" and not rule.check then
    return "la règle « " .. rule.name .. " » (custom) n'a pas de fonction check"
  elseif rule.territories and kind ~= "threshold" and kind ~= "completeness" then
    return "la règle « " .. rule.name .. " » (" .. kind .. ") ne prend pas territories (seuls threshold et completeness le prennent) : donnez territory"
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
        out[#out + 1] = finding(ev, rule, kind, "error", "la règle « " .. rule.name .. " » a échoué : " .. tostring(err))
      end
    end
  end
  governance(ev, out)
  funding_floor(ev, out)
  slippage(ev, out)
  targets(ev, out, declared_targets)
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
        message = "a rule file declares rules only (found " .. d.kind .. ")" }
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
        report("unknown-reference", "rule " .. tostring(node.name) .. " names indicator " .. node.indicator ..
          ", which is not declared" .. (hint and " (did you mean '" .. hint .. "'?)" or ""), "indicator")
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
