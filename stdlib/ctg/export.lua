-- ctg.export — the plan as plain data (the one structure behind YAML, JSON and diff), with
-- its keys in the schema's declared order.
local schema = require("ctg.schema")

local export = {}

local ROOT_ORDER = { "plan" }
for _, kind in ipairs(schema.order) do
  if kind ~= "plan" then ROOT_ORDER[#ROOT_ORDER + 1] = schema.plural(kind) end
end

local function copy(v)
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = copy(x) end
  return t
end

--- Plan -> data, and the order function the encoders take.
function export.data(p)
  local kind_of = setmetatable({}, { __mode = "k" })
  local function node_data(kind, node)
    local def = schema.kinds[kind]
    local t = {}
    for _, f in ipairs(def.field_list) do
      if f.export and node[f.name] ~= nil then t[f.name] = copy(node[f.name]) end
    end
    -- a level the plan does not use (no objective in an axis of actions) is not written
    for _, child_kind in ipairs(schema.nested(kind)) do
      local plural = schema.plural(child_kind)
      local list = {}
      for i, child in ipairs(node[plural] or {}) do list[i] = node_data(child_kind, child) end
      if #list > 0 then t[plural] = list end
    end
    kind_of[t] = kind
    return t
  end
  local root = { plan = node_data("plan", p) }
  for _, kind in ipairs(schema.order) do
    if kind ~= "plan" then
      local def = schema.kinds[kind]
      local list = {}
      -- nested kinds are exported inside their parents (axes > objectives > actions > steps)
      if not def.parent or def.top_level then
        for _, node in ipairs(p[def.plural]) do list[#list + 1] = node_data(kind, node) end
        root[def.plural] = list
      end
    end
  end
  local function order(t)
    if t == root then return ROOT_ORDER end
    local kind = kind_of[t]
    if not kind then return nil end
    local def = schema.kinds[kind]
    local keys = {}
    for _, f in ipairs(def.field_list) do keys[#keys + 1] = f.name end
    for _, child_kind in ipairs(schema.nested(kind)) do keys[#keys + 1] = schema.plural(child_kind) end
    return keys
  end
  return root, order
end

function export.yaml(p)
  local data, order = export.data(p)
  return require("ctg.yaml").encode(data, { order = order })
end

function export.json(p)
  local data, order = export.data(p)
  return require("ctg.json").encode(data, { order = order, indent = 2 }) .. "\n"
end

return export
