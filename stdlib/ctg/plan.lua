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

-- Summaries printed by the REPL (through __tostring) and used in messages.
local summarize = {}
function summarize.stake(n) return "Enjeu " .. n.number .. " — " .. n.title end
function summarize.territory(n)
  local flags = {}
  if n.qpv then flags[#flags + 1] = "QPV" end
  if n.rep_plus then flags[#flags + 1] = "REP+" end
  return "Territoire " .. n.code .. " — " .. n.title .. " (" .. n.level ..
    (#flags > 0 and ", " .. table.concat(flags, ", ") or "") .. ")"
end
function summarize.committee(n)
  return "Instance " .. n.code .. " — " .. n.title ..
    (n.meetings_per_year and " (" .. count_words(n.meetings_per_year, "réunion", "réunions") .. " par an)" or "")
end
function summarize.funding(n)
  local fmt = require("ctg.fmt")
  return "Financement " .. n.code .. " — " .. n.title ..
    (n.floor_per_year and " (plancher " .. fmt.euros(n.floor_per_year) .. " par an)" or "")
end
function summarize.axis(n)
  return "Axe " .. n.number .. " — " .. n.title .. " (" .. count_words(#n.objectives, "objectif", "objectifs") .. ")"
end
function summarize.objective(n)
  return "Objectif " .. n.code .. " — " .. n.title .. " (" .. count_words(#n.actions, "action", "actions") .. ")"
end
function summarize.action(n, p)
  local sheet = p and p:sheet_of(n.number)
  return "Action " .. n.number .. " — " .. n.title .. " (" .. count_words(#n.steps, "étape", "étapes") ..
    (sheet and ", fiche " .. sheet.code .. ", " .. count_words(#sheet.indicators, "indicateur", "indicateurs") or "") .. ")"
end
function summarize.step(n)
  local years = n.years and #n.years > 0 and table.concat(n.years, ", ") or "calendrier inconnu"
  return "Étape " .. n.code .. " — " .. n.title .. " (" .. years .. ")"
end
function summarize.sheet(n)
  return "Fiche " .. n.code .. " — actions " .. table.concat(n.actions, ", ") .. " (" ..
    count_words(#n.indicators, "indicateur", "indicateurs") .. ")"
end
function summarize.indicator(n)
  return "Indicateur " .. n.id .. " — " .. n.label .. " (" .. n.kind .. ", fiche " .. n.sheet .. ")"
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
  function action_methods.objective(a) return p.model:parent("action", a.number) end
  mts.step.__index.action = function(s) return p.model:parent("step", s.code) end
  mts.objective.__index.axis = function(o) return p.model:parent("objective", o.code) end
  mts.indicator.__index.sheet_node = function(i) return p:sheet(i.sheet) end
  return mts
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

--- Lookups by code, constant time through the native index.
for _, kind in ipairs(schema.order) do
  if kind ~= "plan" then
    methods[kind] = function(self, code) return self.model:get(kind, code) end
  end
end

--- Any node by kind and code: p:get("funding", "caf") (p.funding is the list).
function methods:get(kind, code) return self.model:get(kind, code) end

function methods:sheet_of(action_number) return self.sheet_of_action[action_number] end

--- Counts under the names `ctg check --format json` reports.
function methods:counts()
  local c = self.model:counts()
  return { axes = c.axis, objectives = c.objective, actions = c.action, steps = c.step,
           sheets = c.sheet, indicators = c.indicator, stakes = c.stake,
           committees = c.committee, territories = c.territory }
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
