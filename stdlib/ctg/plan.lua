-- ctg.plan — the plan as analysts see it in scripts and the REPL: header fields, the lists
-- of every kind (p.axes, p.actions, …), lookups by code (p:action(7), p:step("5-E"),
-- p:indicator("places_100")) backed by the native index of ctg.model, and readable
-- one-line summaries of every node.
local schema = require("ctg.schema")

local plan = {}

local Plan = {}
Plan.__name = "Plan"

local function count_words(n, one, many)
  return n .. " " .. (n == 1 and one or many)
end

-- How plan p calls a level ("Thématique" for its axes), the default without a plan.
local function label(p, level)
  return p and p:label(level) or schema.DEFAULT_LABELS[level]
end

-- Summaries printed by the REPL (through __tostring) and used in messages.
local summarize = {}
function summarize.stake(n) return "Enjeu " .. n.number .. " — " .. n.title end
function summarize.territory(n)
  local flags = {}
  if n.insee then flags[#flags + 1] = "INSEE " .. n.insee end
  if n.qpv then flags[#flags + 1] = "QPV" end
  if n.rep_plus then flags[#flags + 1] = "REP+" end
  return "Territoire " .. n.code .. " — " .. n.title .. " (" .. n.level ..
    (#flags > 0 and ", " .. table.concat(flags, ", ") or "") .. ")"
end
function summarize.group(n)
  return "Groupe " .. n.code .. " — " .. n.title .. " (" .. count_words(#n.territories, "territoire", "territoires") .. ")"
end
-- "2 réunions par an", or "1 réunion par an, 3 en 2030"
local function meetings_text(m)
  if type(m) ~= "table" then return count_words(m, "réunion", "réunions") .. " par an" end
  local years = {}
  for y in pairs(m) do if y ~= "default" then years[#years + 1] = y end end
  table.sort(years)
  local parts = {}
  if m.default then parts[1] = count_words(m.default, "réunion", "réunions") .. " par an" end
  for _, y in ipairs(years) do
    parts[#parts + 1] = (#parts == 0 and count_words(m[y], "réunion", "réunions") or tostring(m[y])) .. " en " .. y
  end
  return table.concat(parts, ", ")
end
function summarize.committee(n)
  return "Instance " .. n.code .. " — " .. n.title ..
    (n.meetings_per_year and " (" .. meetings_text(n.meetings_per_year) .. ")" or "")
end
plan.meetings_text = meetings_text
function summarize.funding(n)
  local fmt = require("ctg.fmt")
  return "Financement " .. n.code .. " — " .. n.title ..
    (n.floor_per_year and " (plancher " .. fmt.euros(n.floor_per_year) .. " par an)" or "")
end
-- "3 objectifs", "2 fiches": the count of a level under the plan's own name for it.
local function count_level(p, n, level)
  local present = require("ctg.present")
  local name = p and present.level_lower(p, level) or present.level_lower({}, level)
  return n .. " " .. name .. (n == 1 and "" or "s")
end
function summarize.axis(n, p)
  local parts = {}
  if #n.objectives > 0 then parts[#parts + 1] = count_level(p, #n.objectives, "objective") end
  if #(n.actions or {}) > 0 then parts[#parts + 1] = count_level(p, #n.actions, "action") end
  return label(p, "axis") .. " " .. n.number .. " — " .. n.title .. (#parts > 0 and " (" .. table.concat(parts, ", ") .. ")" or "")
end
function summarize.objective(n, p)
  return label(p, "objective") .. " " .. n.code .. " — " .. n.title .. " (" .. count_level(p, #n.actions, "action") .. ")"
end
function summarize.action(n, p)
  local sheet = p and p:sheet_of(n.number)
  local parts = {}
  if #n.steps > 0 then parts[#parts + 1] = count_level(p, #n.steps, "step") end
  if sheet then
    parts[#parts + 1] = "fiche " .. sheet.code
    parts[#parts + 1] = count_words(#sheet.indicators, "indicateur", "indicateurs")
  end
  return label(p, "action") .. " " .. n.number .. " — " .. n.title .. (#parts > 0 and " (" .. table.concat(parts, ", ") .. ")" or "")
end
function summarize.step(n, p)
  local years = n.years and #n.years > 0 and table.concat(n.years, ", ") or "calendrier inconnu"
  return label(p, "step") .. " " .. n.code .. " — " .. n.title .. " (" .. years .. ")"
end
function summarize.sheet(n)
  return "Fiche " .. n.code .. " — actions " .. table.concat(n.actions, ", ") .. " (" ..
    count_words(#n.indicators, "indicateur", "indicateurs") .. ")"
end
function summarize.indicator(n)
  -- the kind as a French plan writes it ("taux", "comptage"), like the rest of the summary
  return "Indicateur " .. n.id .. " — " .. n.label .. " (" .. schema.value_word("indicator", "kind", n.kind, "fr") .. ", " ..
    (n.sheet and "fiche " .. n.sheet or "tout le plan") .. ")"
end
function summarize.rule(n)
  return "Règle " .. n.name .. (n.indicator and " — " .. n.indicator or "")
end
plan.summarize = summarize

-- One metatable per kind and plan: tostring gives the summary, methods reach the plan.
local function node_metatables(p)
  local mts = {}
  for _, kind in ipairs(schema.order) do
    if kind ~= "plan" then
      local methods = {}
      mts[kind] = { __name = kind, __index = methods, __tostring = function(n) return summarize[kind](n, p) end }
    end
  end
  local action_methods = mts.action.__index
  function action_methods.sheet(a) return p:sheet_of(a.number) end
  function action_methods.indicators(a)
    local s = p:sheet_of(a.number)
    return s and s.indicators or {}
  end
  -- an action's objective, if the plan has that level; its axis either way
  function action_methods.objective(a)
    local parent = p.model:parent("action", a.number)
    return parent and getmetatable(parent) == mts.objective and parent or nil
  end
  function action_methods.axis(a)
    local parent = p.model:parent("action", a.number)
    if parent and getmetatable(parent) == mts.objective then return p.model:parent("objective", parent.code) end
    return parent
  end
  mts.step.__index.action = function(s) return p.model:parent("step", s.code) end
  mts.objective.__index.axis = function(o) return p.model:parent("objective", o.code) end
  -- navigation: the places under a place, the indicators under a level of the plan
  local territory_methods, group_methods = mts.territory.__index, mts.group.__index
  --- territory:children(): the territories whose parent it is, in plan order
  function territory_methods.children(t)
    local out = {}
    for _, c in ipairs(p.territories) do if c.parent == t.code then out[#out + 1] = c end end
    return out
  end
  --- territory:members(): what its value rolls up from (its children); group:members():
  --- its territories, as objects
  territory_methods.members = territory_methods.children
  function territory_methods.parent_territory(t) return t.parent and p:territory(t.parent) or nil end
  --- territory:groups(): the groups it belongs to
  function territory_methods.groups(t)
    local out = {}
    for _, g in ipairs(p.groups) do
      for _, code in ipairs(g.territories or {}) do if code == t.code then out[#out + 1] = g break end end
    end
    return out
  end
  function group_methods.members(g)
    local out = {}
    for _, code in ipairs(g.territories or {}) do out[#out + 1] = p:territory(code) end
    return out
  end
  group_methods.children = group_methods.members
  mts.objective.__index.indicators = function(o) return plan.indicators_of_actions(p, o.actions) end
  mts.axis.__index.indicators = function(a)
    local actions = {}
    for _, o in ipairs(a.objectives or {}) do
      for _, x in ipairs(o.actions or {}) do actions[#actions + 1] = x end
    end
    for _, x in ipairs(a.actions or {}) do actions[#actions + 1] = x end
    return plan.indicators_of_actions(p, actions)
  end
  mts.indicator.__index.sheet_node = function(i) return i.sheet and p:sheet(i.sheet) end
  return mts
end

--- The indicators of the sheets of a list of actions, each once, in plan order.
function plan.indicators_of_actions(p, actions)
  local wanted = {}
  for _, a in ipairs(actions or {}) do
    local sheet = p:sheet_of(a.number)
    for _, i in ipairs(sheet and sheet.indicators or {}) do wanted[i.id] = true end
  end
  local out = {}
  for _, i in ipairs(p.indicators) do if wanted[i.id] then out[#out + 1] = i end end
  return out
end

local function attach_metatables(p)
  local mts = node_metatables(p)
  for _, kind in ipairs(schema.order) do
    if kind ~= "plan" then
      for _, node in ipairs(p.model:list(kind)) do setmetatable(node, mts[kind]) end
    end
  end
end

--- Wrap a built model with its header into the plan object.
function plan.wrap(header, model, source)
  local p = { model = model, source = source }
  for k, v in pairs(header) do p[k] = v end
  for _, kind in ipairs(schema.order) do
    if kind ~= "plan" then p[schema.plural(kind)] = model:list(kind) end
  end
  -- action number -> its sheet (a sheet may cover several actions)
  local sheet_of = {}
  for _, s in ipairs(p.sheets) do
    for _, a in ipairs(s.actions or {}) do
      if sheet_of[a] == nil then sheet_of[a] = s end
    end
  end
  p.sheet_of_action = sheet_of
  setmetatable(p, Plan)
  attach_metatables(p)
  return p
end

local methods = {}
Plan.__index = methods
plan.methods = methods -- for help(p.indicator) in the console

--- Lookups by code, constant time through the native index.
for _, kind in ipairs(schema.order) do
  if kind ~= "plan" then
    methods[kind] = function(self, code) return self.model:get(kind, code) end
  end
end

--- p:territory(name): the territory with this code, else the one whose title or INSEE code
--- it is (case and accents aside, as imports read them); nil when none or several.
function methods:territory(name)
  local t = self.model:get("territory", name)
  if t or type(name) ~= "string" then return t end
  local suggest = require("ctg.suggest")
  local key, found = suggest.fold(name), nil
  for _, x in ipairs(self.territories) do
    if suggest.fold(x.code) == key or suggest.fold(x.title) == key or x.insee == name then
      if found then return nil end
      found = x
    end
  end
  return found
end

--- Any node by kind and code: p:get("funding", "caf") (p.funding is the list).
function methods:get(kind, code) return self.model:get(kind, code) end

function methods:sheet_of(action_number) return self.sheet_of_action[action_number] end

--- How the plan calls a level: p:label("axis") -> "Thématique" (default "Axe"; levels:
--- axis, objective, action, step).
function methods:label(level)
  local default = schema.DEFAULT_LABELS[level]
  if not default then
    error("unknown level '" .. tostring(level) .. "' (levels: " .. table.concat(schema.LEVELS, ", ") .. ")", 2)
  end
  return self.labels and self.labels[level] or default
end

--- The levels the plan has, in order: {"axis", "action"} for thématiques holding fiches
--- directly; "objective" and "step" only when declared. A report prints no other level.
function methods:levels()
  local out = {}
  if #self.axes > 0 then out[#out + 1] = "axis" end
  if #self.objectives > 0 then out[#out + 1] = "objective" end
  out[#out + 1] = "action"
  if #self.steps > 0 then out[#out + 1] = "step" end
  return out
end

function methods:has_level(level)
  for _, l in ipairs(self:levels()) do if l == level then return true end end
  return false
end

--- The codes of the territories without a parent, in declaration order.
function methods:roots()
  local out = {}
  for _, t in ipairs(self.territories) do
    if not t.parent then out[#out + 1] = t.code end
  end
  return out
end

--- The root territory (the first without a parent), as an object (root.code, root.title,
--- root:children()), nil when none is declared: what evaluations look at by default.
function methods:root()
  local code = self:roots()[1]
  return code and self.model:get("territory", code) or nil
end

--- The territory or group with this code: node, "territory" | "group"; nil when neither.
function methods:place(code)
  local t = self.model:get("territory", code)
  if t then return t, "territory" end
  local g = self.model:get("group", code)
  if g then return g, "group" end
end

--- The signatories' names as text (an item may be {name = …, role = …}).
function methods:signatory_names()
  local out = {}
  for i, s in ipairs(self.signatories or {}) do out[i] = type(s) == "table" and s.name or s end
  return out
end

--- Meetings committee c is expected to hold in year y (its year's figure, else its default).
function methods.meetings_expected(_, c, y)
  return schema.meetings_in(c.meetings_per_year, y)
end

--- Meetings per year as a short text for a table: "2", or "1 ; 3 en 2026".
function methods.meetings_short(_, c)
  local m = c.meetings_per_year
  if type(m) ~= "table" then return m and tostring(m) or "" end
  local years = {}
  for y in pairs(m) do if y ~= "default" then years[#years + 1] = y end end
  table.sort(years)
  local parts = { m.default and tostring(m.default) or nil }
  for _, y in ipairs(years) do parts[#parts + 1] = m[y] .. " en " .. y end
  return table.concat(parts, " ; ")
end

--- Plan-wide indicators: those that belong to no sheet.
function methods:plan_indicators()
  local out = {}
  for _, i in ipairs(self.indicators) do if not i.sheet then out[#out + 1] = i end end
  return out
end

--- Counts under the names `ctg check --format json` reports.
function methods:counts()
  local c = self.model:counts()
  return { axes = c.axis, objectives = c.objective, actions = c.action, steps = c.step,
           sheets = c.sheet, indicators = c.indicator, stakes = c.stake,
           committees = c.committee, territories = c.territory, groups = c.group }
end

--- Where a node was declared: file, line.
function methods:location(kind, code) return self.model:location(kind, code) end

function Plan.__tostring(p)
  local c = p:counts()
  return string.format("Plan %s — %s (%d-%d): %d axes, %d objectifs, %d actions, %d étapes, %d fiches, %d indicateurs, %d enjeux, %d instances, %d territoires",
    p.id, p.title, p.period[1], p.period[2], c.axes, c.objectives, c.actions, c.steps, c.sheets,
    c.indicators, c.stakes, c.committees, c.territories)
end

return plan
