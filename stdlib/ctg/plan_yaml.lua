-- ctg.plan_yaml — read a plan exported as YAML (ctg export) back into declarations, so it
-- goes through the same checks as a Lua plan file; locations are the YAML lines.
local schema = require("ctg.schema")
local suggest = require("ctg.suggest")
local msg = require("ctg.msg")

local plan_yaml = {}

local ROOT_KEYS = { "plan" }
for _, kind in ipairs(schema.order) do
  if kind ~= "plan" then ROOT_KEYS[#ROOT_KEYS + 1] = schema.plural(kind) end
end
-- the French plurals (enjeux, territoires, …) are accepted too, and suggested
local ROOT_NAMES = {}
for i, key in ipairs(ROOT_KEYS) do ROOT_NAMES[i] = key end
for french in pairs(schema.plural_aliases) do ROOT_NAMES[#ROOT_NAMES + 1] = french end

-- The top-level keys as messages list them: French plurals in French (plan, enjeux, …).
local function root_keys()
  if msg.lang() ~= "fr" then return table.concat(ROOT_KEYS, ", ") end
  local out = { "plan" }
  for _, kind in ipairs(schema.order) do
    if kind ~= "plan" then out[#out + 1] = schema.kinds[kind].french_plural or schema.plural(kind) end
  end
  return table.concat(out, ", ")
end

local function problem(ctx, line, message)
  ctx.findings[#ctx.findings + 1] = { severity = "error", code = "yaml", file = ctx.path, line = line or 0, message = message }
end

-- The kinds nested under a kind, by the names of their lists (English and French plurals):
-- objectives and actions of an axis, steps (and indicators) of an action. Once per kind.
local child_kinds_cache = {}
local function child_kinds_of(kind)
  local child_kinds = child_kinds_cache[kind]
  if child_kinds then return child_kinds end
  child_kinds = {}
  if kind ~= "sheet" then
    for _, c in ipairs(schema.kinds[kind].children or {}) do
      child_kinds[schema.plural(c)] = c
      child_kinds[schema.kinds[c].french_plural or schema.plural(c)] = c
    end
  end
  child_kinds_cache[kind] = child_kinds
  return child_kinds
end

local function make_decl(ctx, lines, kind, tbl, parent)
  local where = lines[tbl] or {}
  local d = { kind = kind, fields = {}, children = {}, file = ctx.path, line = where[0] or 0,
              field_lines = {}, parent = parent }
  ctx.decls[#ctx.decls + 1] = d
  local child_kinds = child_kinds_of(kind)
  local nests = next(child_kinds) ~= nil -- most declarations (territories) have no lists
  local set_field = require("ctg.dsl").set_field
  for k, v in pairs(tbl) do
    local child_kind = nests and (child_kinds[k] or (type(k) == "string" and child_kinds[suggest.unaccent(k)]))
    if child_kind and schema.field_named(kind, k) then child_kind = nil end
    if child_kind then
      if type(v) ~= "table" then
        problem(ctx, where[k], msg.text("schema.yaml.list", { key = k }))
      else
        for i, child in ipairs(v) do
          if type(child) ~= "table" then
            problem(ctx, (lines[v] or {})[i], msg.text("schema.yaml.item", { key = k }))
          else
            d.children[#d.children + 1] = make_decl(ctx, lines, child_kind, child, d)
          end
        end
      end
    else
      set_field(ctx, d, k, v, where[k])
    end
  end
  return d
end

function plan_yaml.collect(path)
  local f, err = io.open(path, "rb")
  if not f then
    local ctx = { decls = {}, findings = {}, path = path }
    problem(ctx, 0, msg.text("schema.cannot-read", { err = tostring(err) }))
    return ctx
  end
  local text = f:read("a")
  f:close()
  return plan_yaml.collect_text(path, text)
end

--- Declarations of a plan given as YAML text; path names it in messages.
function plan_yaml.collect_text(path, text)
  local ctx = { decls = {}, findings = {}, path = path }
  local ok, doc, lines = pcall(require("ctg.yaml").decode, text, path)
  if not ok then
    -- "path:LINE:COLUMN: problem" from ctg.yaml: keep libyaml's position
    local text_err = tostring(doc)
    local line, column, rest = text_err:sub(#path + 2):match("^(%d+):(%d+): (.*)$")
    problem(ctx, tonumber(line), rest or text_err)
    ctx.findings[#ctx.findings].column = tonumber(column)
    return ctx
  end
  if type(doc) ~= "table" or doc[1] ~= nil then
    problem(ctx, 1, msg.text("schema.yaml.root", { keys = root_keys() }))
    return ctx
  end
  local root = lines[doc] or {}
  local keys = {}
  for k in pairs(doc) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for _, key in ipairs(keys) do
    local v = doc[key]
    if key == "plan" then
      if type(v) ~= "table" then
        problem(ctx, root[key], msg.text("schema.yaml.mapping", { key = key }))
      else
        make_decl(ctx, lines, "plan", v)
      end
    else
      local kind = schema.kind_of_plural(key)
      if not kind then
        local hint = suggest.closest(key, ROOT_NAMES)
        problem(ctx, root[key], msg.text("schema.yaml.unknown-key", { key = key,
          hint = hint and msg.text("schema.hint", { hint = hint }) or msg.text("schema.yaml.keys", { keys = root_keys() }) }))
      elseif type(v) ~= "table" then
        problem(ctx, root[key], msg.text("schema.yaml.list", { key = key }))
      else
        for i, item in ipairs(v) do
          if type(item) ~= "table" then
            problem(ctx, (lines[v] or {})[i], msg.text("schema.yaml.item", { key = key }))
          else
            make_decl(ctx, lines, kind, item)
          end
        end
      end
    end
  end
  -- declarations in document order (the plan first), so the model sees sheets before their
  -- indicators: each is given one integer key (plan or not, line, then the order collected,
  -- for declarations sharing a line), and the keys are sorted without a Lua comparison —
  -- thousands of territories sort in a few milliseconds
  local decls, n, lines_after = ctx.decls, #ctx.decls, 1
  for _, d in ipairs(decls) do if d.line >= lines_after then lines_after = d.line + 1 end end
  local order, by_key = {}, {}
  for i, d in ipairs(decls) do
    local key = ((d.kind == "plan" and 0 or 1) * lines_after + d.line) * n + i
    order[i], by_key[key] = key, d
  end
  table.sort(order)
  for i, key in ipairs(order) do decls[i] = by_key[key] end
  return ctx
end

return plan_yaml
