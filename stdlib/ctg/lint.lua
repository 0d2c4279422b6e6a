-- ctg.lint — warnings on a plan that loads but looks wrong: the irregularities an analyst
-- must see before the committee does. Each check is one function returning findings.
local lint = {}
local msg = require("ctg.msg")
local kinds = require("ctg.kinds")

-- The text of finding fcode (its key in ctg.msg is "lint." .. fcode).
local function text(fcode, vars) return msg.text("lint." .. fcode, vars) end

local function warn(list, p, kind, code, fcode, message, severity)
  local file, line = p:location(kind, code)
  list[#list + 1] = { severity = severity or "warning", code = fcode, message = message,
                      file = file or p.source, line = line or 0 }
end

local checks = {}

-- A step whose code disagrees with its letter (the reference plan codes 5-D as 5-E).
function checks.step_code_letter(p, out)
  for _, s in ipairs(p.steps) do
    local letter = s.code:match("%-(.+)$")
    if letter and letter ~= s.letter then
      local a = s:action()
      warn(out, p, "step", s.code, "step-code-letter", text("step-code-letter",
        { letter = s.letter, action = a.number, code = s.code, code_letter = letter }))
    end
  end
end

function checks.action_indicator_pilot(p, out)
  for _, a in ipairs(p.actions) do
    local sheet = p:sheet_of(a.number)
    if not sheet then
      warn(out, p, "action", a.number, "action-no-sheet", text("action-no-sheet", { action = a.number }))
    elseif #sheet.indicators == 0 then
      warn(out, p, "action", a.number, "action-no-indicator",
        text("action-no-indicator", { action = a.number, sheet = sheet.code }))
    end
    local pilots = a.pilots or (sheet and sheet.pilots)
    if not pilots or #pilots == 0 then
      warn(out, p, "action", a.number, "action-no-pilot", text("action-no-pilot", { action = a.number }))
    end
  end
end

function checks.sheets(p, out)
  local seen = {}
  for _, s in ipairs(p.sheets) do
    local objectives, first = {}, nil
    for _, n in ipairs(s.actions) do
      if seen[n] then
        warn(out, p, "sheet", s.code, "action-two-sheets",
          text("action-two-sheets", { action = n, first = seen[n], second = s.code }))
      end
      seen[n] = s.code
      local a = p:action(n)
      local o = a and a:objective()
      if o then
        first = first or o.code
        objectives[o.code] = true
      end
    end
    local list = {}
    for code in pairs(objectives) do list[#list + 1] = code end
    table.sort(list)
    if #list > 1 then
      warn(out, p, "sheet", s.code, "sheet-mixed-objectives",
        text("sheet-mixed-objectives", { sheet = s.code, objectives = table.concat(list, ", ") }))
    end
  end
end

function checks.indicators(p, out)
  for _, i in ipairs(p.indicators) do
    -- what the kind needs (ctg.kinds): a ratio its numerator and denominator, an evolution
    -- its baseline; lint.ratio-missing.* names which of two, "both" when both are missing
    local need = (kinds.get(i.kind) or {}).needs
    local missing = {}
    for _, f in ipairs(need and need.fields or {}) do
      if not i[f] then missing[#missing + 1] = f end
    end
    if #missing > 0 then
      local which = #need.fields > 1 and (#missing == #need.fields and "both" or missing[1])
      warn(out, p, "indicator", i.id, need.warning, text(need.warning, { id = i.id,
        missing = which and msg.text("lint.ratio-missing." .. which) }))
    end
    local foreign = false
    for _, f in ipairs(kinds.foreign_fields(i.kind)) do foreign = foreign or i[f] ~= nil end
    if foreign then
      warn(out, p, "indicator", i.id, "fields-for-kind", text("fields-for-kind", { id = i.id,
        kind = require("ctg.schema").value_word("indicator", "kind", i.kind, msg.lang()) }))
    end
  end
end

-- Stakes numbered up to N with holes (5, 11, 13 in the reference), and stakes no sheet serves.
function checks.stakes(p, out)
  local declared, max = {}, 0
  for _, s in ipairs(p.stakes) do
    declared[s.number] = true
    if s.number > max then max = s.number end
  end
  local missing = {}
  for n = 1, max do if not declared[n] then missing[#missing + 1] = n end end
  if #missing > 0 then
    out[#out + 1] = { severity = "warning", code = "stake-unnamed", file = p.source, line = 0,
      message = text("stake-unnamed", { numbers = table.concat(missing, ", "), max = max }) }
  end
  local used = {}
  for _, s in ipairs(p.sheets) do for _, n in ipairs(s.stakes or {}) do used[n] = true end end
  for _, s in ipairs(p.stakes) do
    if not used[s.number] then
      warn(out, p, "stake", s.number, "stake-unreferenced", text("stake-unreferenced", { number = s.number }))
    end
  end
end

function checks.calendar(p, out)
  local unknown = 0
  for _, s in ipairs(p.steps) do if not s.years or #s.years == 0 then unknown = unknown + 1 end end
  if unknown > 0 then
    out[#out + 1] = { severity = "info", code = "calendar-unknown", file = p.source, line = 0,
      message = text("calendar-unknown", { unknown = unknown, total = #p.steps }) }
  end
end

-- A flow's target (a count summed over time) is read as the year's value unless the plan says
-- yearly or cumulative: "20 places in 2024" is often meant over the convention.
function checks.flow_targets(p, out)
  local schema, time_of = require("ctg.schema"), require("ctg.crosscheck").time_of
  for _, i in ipairs(p.indicators) do
    local list, kind = schema.target_list(i.targets)
    if #list > 0 and not kind and (require("ctg.kinds").get(i.kind) or {}).flow and time_of(i) == "sum" then
      local first = list[1]
      warn(out, p, "indicator", i.id, "flow-target-unsaid", text("flow-target-unsaid", { id = i.id,
        period = tostring(first.period), value = tostring(first.value) }))
    end
  end
end

-- A target is judged in the indicator's direction: without one, "higher is better" is assumed,
-- which a committee should not learn from a wrong status.
function checks.target_direction(p, out)
  local schema = require("ctg.schema")
  for _, i in ipairs(p.indicators) do
    if #schema.target_list(i.targets) > 0 and not i.direction and (require("ctg.kinds").get(i.kind) or {}).target then
      warn(out, p, "indicator", i.id, "target-no-direction", text("target-no-direction", { id = i.id }))
    end
  end
end

-- Control characters in the plan's texts (ESC sequences, C0/C1 controls, bidirectional
-- overrides): shown escaped on a terminal, but a plan has no use for them and they can hide
-- or reverse what a committee reads. One warning a field, at the declaration's line.
function checks.control_characters(p, out)
  local schema = require("ctg.schema")
  local sys = require("ctg.sys")
  local function first_unsafe(v, seen)
    if type(v) == "string" then return sys.terminal_unsafe(v) and v or nil end
    if type(v) ~= "table" or seen[v] then return nil end
    seen[v] = true
    for _, x in next, v do
      -- nested declarations (an action's steps) are checked as their own kind
      if not (type(x) == "table" and rawget(x, "title") ~= nil and getmetatable(x)) then
        local found = first_unsafe(x, seen)
        if found then return found end
      end
    end
    return nil
  end
  local function check_node(kind, node, code)
    local names = {}
    for field in next, node do
      if type(field) == "string" then names[#names + 1] = field end
    end
    table.sort(names)
    for _, field in ipairs(names) do
      local found = first_unsafe(node[field], {})
      if found then
        local file, line
        if kind ~= "plan" then file, line = p:location(kind, code) else line = require("ctg.dsl").header_line(p) end
        out[#out + 1] = { severity = "warning", code = "control-characters", file = file or p.source, line = line or 0,
          message = text("control-characters", { of = require("ctg.dsl").named("of", kind, node), field = field,
            text = sys.terminal_text(found) }) }
      end
    end
  end
  for _, kind in ipairs(schema.order) do
    local def = schema.kinds[kind]
    if kind == "plan" then
      check_node(kind, p, p.id)
    else
      for _, node in ipairs(p[def.plural] or {}) do check_node(kind, node, node[def.code]) end
    end
  end
end

local ORDER = { "step_code_letter", "action_indicator_pilot", "sheets", "indicators", "flow_targets", "target_direction",
                "stakes", "calendar", "control_characters" }

--- All warnings and notes on a plan, in a stable order.
function lint.run(p)
  local out = {}
  for _, name in ipairs(ORDER) do checks[name](p, out) end
  return out
end

return lint
