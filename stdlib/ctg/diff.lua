-- ctg.diff — what an amendment changed between two plans, entity by entity and field by
-- field, computed on the exported data (so whatever is exported is compared).
local schema = require("ctg.schema")
local export = require("ctg.export")

local diff = {}

local function deep_equal(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do if not deep_equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

-- Every entity of the data as { key = "action 3", kind, code, fields, index }, in export order.
local function entities(data)
  local list, by_key = {}, {}
  local function add(kind, code, t)
    local key = kind .. " " .. tostring(code)
    local e = { key = key, kind = kind, code = code, fields = t, index = #list + 1 }
    list[#list + 1] = e
    by_key[key] = e
  end
  local function walk(kind, t, parent_code)
    local def = schema.kinds[kind]
    -- steps are identified by action and letter: a corrected code shows as a changed field
    local code = kind == "step" and (tostring(parent_code) .. "/" .. t.letter) or t[def.code]
    add(kind, code, t)
    for _, child_kind in ipairs(schema.nested(kind)) do
      for _, child in ipairs(t[schema.plural(child_kind)] or {}) do walk(child_kind, child, t[def.code]) end
    end
  end
  add("plan", "", data.plan)
  for _, kind in ipairs(schema.order) do
    local def = schema.kinds[kind]
    if kind ~= "plan" and data[def.plural] then
      for _, t in ipairs(data[def.plural]) do walk(kind, t) end
    end
  end
  return list, by_key
end

local function field_names(kind)
  local names = {}
  for _, f in ipairs(schema.kinds[kind].field_list) do
    if f.export then names[#names + 1] = f.name end
  end
  return names
end

local function label(e)
  if e.kind == "plan" then return "plan" end
  if e.kind == "step" then return "step " .. (e.fields.code or e.code) end
  return e.key
end

-- What names an entity to a person (a step by its code, others by theirs; nil for the plan).
local function ref(e)
  if e.kind == "plan" then return nil end
  if e.kind == "step" then return e.fields.code or e.code end
  return e.code
end

--- Changes from plan a to plan b: a list of { change = "added"|"removed"|"changed",
--- kind, code, label, ref, field?, old?, new?, title? } in the order of the plans (label:
--- "step 5-E", "indicator x"; ref: the code a person reads, nil for the plan).
function diff.plans(a, b)
  local la, ka = entities((export.data(a)))
  local lb, kb = entities((export.data(b)))
  local changes = {}
  for _, e in ipairs(la) do
    local other = kb[e.key]
    if not other then
      changes[#changes + 1] = { change = "removed", kind = e.kind, code = e.code, label = label(e), ref = ref(e),
                                title = e.fields.title or e.fields.label }
    else
      for _, name in ipairs(field_names(e.kind)) do
        if not deep_equal(e.fields[name], other.fields[name]) then
          changes[#changes + 1] = { change = "changed", kind = e.kind, code = e.code, label = label(other),
                                    ref = ref(other), field = name, old = e.fields[name], new = other.fields[name] }
        end
      end
    end
  end
  for _, e in ipairs(lb) do
    if not ka[e.key] then
      changes[#changes + 1] = { change = "added", kind = e.kind, code = e.code, label = label(e), ref = ref(e),
                                title = e.fields.title or e.fields.label }
    end
  end
  return changes
end

local function show(v)
  if v == nil then return require("ctg.msg").text("diff.none") end
  if type(v) == "table" then
    local parts = {}
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(x, y) return tostring(x) < tostring(y) end)
    local is_list = #v == #keys
    for _, k in ipairs(keys) do
      parts[#parts + 1] = (is_list and "" or tostring(k) .. " = ") .. show(v[k])
    end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  if type(v) == "string" then return string.format("%q", v):gsub("\\\n", "\\n") end
  return tostring(v)
end

--- "3 ajouts, 1 retrait, 0 modification": the counts of a list of changes.
function diff.changes_line(n)
  local msg = require("ctg.msg")
  return msg.text("cli.changes", { added = msg.count(n.added, "added"), removed = msg.count(n.removed, "removed"),
    changed = msg.count(n.changed, "changed") })
end

--- The text `ctg diff` prints: a line per change, then their counts.
function diff.text(changes)
  local lines = diff.format_text(changes)
  local counts = { added = 0, removed = 0, changed = 0 }
  for _, c in ipairs(changes) do counts[c.change] = counts[c.change] + 1 end
  lines[#lines + 1] = diff.changes_line(counts)
  return table.concat(lines, "\n")
end

--- Text lines in the messages' language, kinds and fields by the names a plan is written
--- with: "+ action 16 “…”", "- étape 3-D", "~ indicateur x : libelle : \"a\" -> \"b\"".
function diff.format_text(changes)
  local msg = require("ctg.msg")
  local french = msg.lang() == "fr"
  local out = {}
  for _, c in ipairs(changes) do
    local what = (french and msg.kind(c.kind) or c.kind) .. (c.ref and " " .. tostring(c.ref) or "")
    if c.change == "added" or c.change == "removed" then
      out[#out + 1] = (c.change == "added" and "+ " or "- ") .. what .. (c.title and " " .. show(c.title) or "")
    else
      local def = schema.kinds[c.kind] and schema.kinds[c.kind].fields[c.field]
      local field = french and def and def.french or c.field
      -- an enumerated value as the plan would write it in the messages' language ("somme")
      local old, new = schema.value_word(c.kind, c.field, c.old, msg.lang()), schema.value_word(c.kind, c.field, c.new, msg.lang())
      out[#out + 1] = msg.text("diff.changed", { what = what, field = field, old = show(old), new = show(new) })
    end
  end
  return out
end

return diff
