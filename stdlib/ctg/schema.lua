-- ctg.schema — every declaration of the plan vocabulary and every field it takes, declared
-- once. Checking (ctg.dsl), the YAML/JSON mapping (ctg.export) and `ctg help vocabulary`
-- are all derived from these declarations, so a field added here is checked, exported and
-- documented everywhere at once.
--
-- The words are not here but in the message catalogue (ctg.msg), so that a person reads
-- them in one language, French by default, English with CTG_LANG=en: what a field means
-- (stdlib/ctg/msg/vocabulary.lua, key vocabulary.KIND.FIELD), what a type is and what a
-- wrong value was expected to be (stdlib/ctg/msg/schema.lua, schema.type.NAME and
-- schema.want.NAME). Every doc here is therefore a function, read in the language of the
-- run: f.doc(), k.doc(), t.doc().
local msg = require("ctg.msg")

local schema = {}

--- Kinds in the order a plan is exported and documented.
schema.order = {}
--- kind name -> declaration
schema.kinds = {}

local function say(key, vars) return msg.text("schema." .. key, vars) end

--- A value as English messages have always shown it (string "x", number 5, a table): kept
--- for the messages not yet in the catalogue.
local function describe(v)
  if type(v) == "string" then return string.format("string %q", v) end
  if type(v) == "table" then return "a table" end
  return type(v) .. " " .. tostring(v)
end
schema.describe = describe

--- A value as the messages show it, in their language (le texte "x", le nombre 5, une table).
function schema.shown(v)
  local t = type(v)
  if t == "string" then return say("value.string", { text = string.format("%q", v) }) end
  if t == "number" then return say("value.number", { value = tostring(v) }) end
  if t == "boolean" then return say("value.boolean", { value = tostring(v) }) end
  if t == "table" then return say("value.table") end
  if t == "nil" then return say("value.nil") end
  return say("value.other", { type = t })
end

local function integral(v)
  if math.type(v) == "integer" then return v end
  if type(v) == "number" and v == math.floor(v) and v == v and math.abs(v) < 2^53 then
    return math.tointeger(v)
  end
end

-- Types: each checks a value and returns the normalised value, or nil and what was expected
-- (schema.want.NAME, in the messages' language); doc() says what it is (schema.type.NAME).
local types = {}
schema.types = types

--- named(name, check): a type, its words in the catalogue under its name.
local function named(name, check)
  return { name = name, check = check, doc = function() return say("type." .. name) end }
end
local function want(name, vars) return say("want." .. name, vars) end

types.string = named("string", function(v)
  if type(v) ~= "string" then return nil, want("string") end
  return v
end)
types.text = named("text", types.string.check)
types.integer = named("integer", function(v)
  local i = integral(v)
  if not i then return nil, want("integer") end
  return i
end)
types.count = named("count", function(v)
  local i = integral(v)
  if not i or i < 0 then return nil, want("count") end
  return i
end)
types.amount = named("amount", function(v)
  if type(v) ~= "number" or v ~= v or v < 0 or v == math.huge then return nil, want("amount") end
  return integral(v) or v
end)
types.number = named("number", function(v)
  if type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge then
    return nil, want("number")
  end
  return integral(v) or v
end)
types.boolean = named("boolean", function(v)
  if type(v) ~= "boolean" then return nil, want("boolean") end
  return v
end)
types.code = named("code", function(v)
  local i = integral(v)
  if i then return i end
  if type(v) == "string" and v ~= "" then return v end
  return nil, want("code")
end)
types.year = named("year", function(v)
  local i = integral(v)
  if not i or i < 1900 or i > 2200 then return nil, want("year") end
  return i
end)
--- A date as precise as it is known: "2024", "2024-06" or "2024-06-15" (ctg.date decides);
--- kept as written, so that reports print "juin 2024" and never an invented day.
types.date = named("date", function(v)
  if type(v) ~= "string" and math.type(v) ~= "integer" then return nil, want("date") end
  local d, why = require("ctg.date").parse(v)
  if not d then return nil, want("date-valid", { why = why }) end
  return d:iso()
end)
--- A level of the territory tree: a free lowercase word (epci, commune, quartier…).
types.level = named("level", function(v)
  if type(v) ~= "string" or not v:match("^%l[%l%d_-]*$") then return nil, want("level") end
  return v
end)
--- An INSEE code: a commune's (5 characters, Corsica 2A/2B) or an EPCI's SIREN (9 digits).
types.insee = named("insee", function(v)
  if type(v) ~= "string" or not (v:match("^%d[%dAB]%d%d%d$") or v:match("^%d%d%d%d%d%d%d%d%d$")) then
    return nil, want("insee")
  end
  return v
end)
--- A national reference code shared by the plans that follow the same measure, the body
--- that defines it then its code ("cnaf:taux_couverture"): ctg's portfolio report compares
--- the plans of a database through it.
types.reference = named("reference", function(v)
  if type(v) ~= "string" or not v:match("^%l[%l%d_-]*:[%w_.-]+$") then return nil, want("reference") end
  return v
end)
--- A period: a year (2022), a school year ("2021-2022") or a month ("2022-09").
types.period = named("period", function(v)
  local i = integral(v)
  if i and i >= 1900 and i <= 2200 then return i end
  if type(v) == "string" then
    if v:match("^%d%d%d%d$") then return math.tointeger(tonumber(v)) end
    local a, b = v:match("^(%d%d%d%d)%-(%d%d%d%d)$")
    if a and tonumber(b) == tonumber(a) + 1 then return v end
    local y, m = v:match("^(%d%d%d%d)%-(%d%d)$")
    if y and tonumber(m) >= 1 and tonumber(m) <= 12 then return v end
  end
  return nil, want("period")
end)
types.year_range = named("year_range", function(v)
  if type(v) ~= "table" or #v ~= 2 then return nil, want("year_range") end
  local a, b = types.year.check(v[1]), types.year.check(v[2])
  if not a or not b then return nil, want("year_range") end
  if a > b then return nil, want("year_range-order") end
  return { a, b }
end)

--- Meetings a year: a count, or per year with an optional default {default = 1, [2030] = 3}.
types.meetings = named("meetings", function(v)
  local n = types.count.check(v)
  if n then return n end
  local expected = want("meetings")
  if type(v) ~= "table" then return nil, expected end
  local out = {}
  for k, x in pairs(v) do
    local c = types.count.check(x)
    if not c then return nil, want("meetings-gives", { want = expected, key = tostring(k), got = schema.shown(x) }) end
    if k == "default" then
      out.default = c
    else
      local y = types.year.check(type(k) == "string" and k:match("^%d+$") and tonumber(k) or k)
      if not y then return nil, want("meetings-key", { want = expected, key = schema.shown(k) }) end
      out[y] = c
    end
  end
  if next(out) == nil then return nil, want("meetings-empty", { want = expected }) end
  return out
end)
--- The meetings expected in year y by a meetings_per_year value (nil: none said).
function schema.meetings_in(m, y)
  if type(m) ~= "table" then return m end
  if m[y] ~= nil then return m[y] end
  return m.default
end
--- A signatory: its name as text, or {name = "…", role = "…"}.
types.signatory = named("signatory", function(v)
  if type(v) == "string" and v:find("%S") then return v end
  local expected = want("signatory")
  if type(v) ~= "table" or type(v.name) ~= "string" or not v.name:find("%S") then return nil, expected end
  for k, x in pairs(v) do
    if (k ~= "name" and k ~= "role") or type(x) ~= "string" then
      return nil, want("signatory-key", { want = expected, key = schema.shown(k) })
    end
  end
  return { name = v.name, role = v.role }
end)
--- The levels a plan may rename, in order, and what they are called by default.
schema.LEVELS = { "axis", "objective", "action", "step" }
schema.DEFAULT_LABELS = { axis = "Axe", objective = "Objectif", action = "Action", step = "Étape" }
-- The levels' names a person may write as keys of plan.labels: the French keys (libelles =
-- {axe = …}, declared with the French names below) and the English ones, the messages'
-- language first; a suggestion looks among both.
local function level_names()
  local f = schema.kinds.plan.fields.labels
  local fr = {}
  for french, english in pairs(f.french_keys or {}) do fr[english] = french end
  local french, english = {}, {}
  for i, l in ipairs(schema.LEVELS) do french[i], english[i] = fr[l] or l, l end
  local first, second = french, english
  if msg.lang() ~= "fr" then first, second = english, french end
  local all = {}
  for _, n in ipairs(first) do all[#all + 1] = n end
  for _, n in ipairs(second) do all[#all + 1] = n end
  return all, msg.text("check.levels", { french = table.concat(french, ", "), english = table.concat(english, ", ") })
end
types.labels = named("labels", function(v)
  local names, levels = level_names()
  local expected = want("labels", { levels = levels })
  if type(v) ~= "table" then return nil, expected end
  local out = {}
  for k, x in pairs(v) do
    if schema.DEFAULT_LABELS[k] == nil then
      local hint = require("ctg.suggest").closest(tostring(k), names)
      return nil, want("labels-level", { want = expected, key = tostring(k),
        hint = hint and want("labels-hint", { hint = hint }) or "" })
    end
    if type(x) ~= "string" or not x:find("%S") then return nil, want("labels-empty", { want = expected, key = k }) end
    out[k] = x
  end
  return out
end)

--- list(t): a list of values of type t (a single value is not accepted: write {x}). The
--- catalogue names the items of a list of t (schema.items.NAME: « liste de textes »).
local function list(t)
  local function items() return say("items." .. t.name) end
  return { doc = function() return say("type.list", { items = items() }) end, list_of = t, check = function(v)
    if type(v) ~= "table" then return nil, want("list", { items = items() }) end
    local out = {}
    local n = 0
    for k in pairs(v) do
      n = n + 1
      if math.type(k) ~= "integer" or k < 1 then return nil, want("list", { items = items() }) end
    end
    if n ~= #v then return nil, want("list-holes", { items = items() }) end
    for i, item in ipairs(v) do
      local c, why = t.check(item)
      if c == nil then return nil, want("list-item", { items = items(), i = i, want = why }) end
      out[i] = c
    end
    return out
  end }
end
schema.list = list

--- enum(values): one of the given strings (or numbers).
local function enum(values)
  local names = {}
  for i, v in ipairs(values) do names[i] = tostring(v) end
  local allowed = table.concat(names, ", ")
  return { doc = function() return say("type.enum", { values = allowed }) end, values = values, check = function(v)
    for _, ok in ipairs(values) do if v == ok then return v end end
    return nil, want("enum", { values = allowed })
  end }
end
schema.enum = enum

--- targets: period -> number.
types.targets = named("targets", function(v)
  if type(v) ~= "table" then return nil, want("targets") end
  local out = {}
  for k, x in pairs(v) do
    local p = types.period.check(k)
    local n = types.number.check(x)
    if p == nil or n == nil then return nil, want("targets") end
    out[p] = n
  end
  return out
end)
--- An indicator's targets: period -> number (its kind unsaid), or one kind of targets named,
--- {yearly = {[2024] = 58}} or {cumulative = {[2026] = 40}} (French annuel, cumul): a
--- cumulative target is a running total of a flow since the plan's first year (or the
--- indicator's start). Each target needs its due period.
schema.TARGET_KINDS = { yearly = "yearly", cumulative = "cumulative", annuel = "yearly", cumul = "cumulative" }
local function target_map(v)
  if type(v) ~= "table" then return nil, want("targets") end
  local out = {}
  for k, x in pairs(v) do
    local p = types.period.check(k)
    if p == nil then
      if math.type(k) == "integer" and k >= 1 and k <= #v then
        return nil, want("target-no-year", { value = tostring(x) })
      end
      return nil, want("target-period", { key = tostring(k) })
    end
    local n = types.number.check(x)
    if n == nil then return nil, want("target-number", { period = tostring(k) }) end
    out[p] = n
  end
  return out
end
types.indicator_targets = named("indicator_targets", function(v)
  if type(v) ~= "table" then return nil, want("targets") end
  local kinds, periods = {}, false
  for k in pairs(v) do
    local plain = type(k) == "string" and require("ctg.suggest").unaccent(k)
    if plain and schema.TARGET_KINDS[plain] then kinds[#kinds + 1] = k
    elseif type(k) == "string" and not k:match("^%d") then
      -- the French words first (a plan in French is the common case), the English ones after
      local closest = require("ctg.suggest").closest
      local hint = closest(k, { "cumul", "annuel" }) or (k:match("^cumul") and "cumul") or (k:match("^annu") and "annuel")
        or closest(k, { "cumulative", "yearly" }) or "cumul"
      return nil, want("target-key", { key = k, hint = hint })
    else periods = true end
  end
  if #kinds == 0 then return target_map(v) end
  if #kinds > 1 or periods then return nil, want("target-mixed") end
  local map, why = target_map(v[kinds[1]])
  if not map then return nil, why end
  return { [schema.TARGET_KINDS[require("ctg.suggest").unaccent(kinds[1])]] = map }
end)

--- The targets of an indicator (its normalised `targets`) as a list {period, value} in
--- period order, and their kind: "yearly", "cumulative", or nil when the plan did not say.
function schema.target_list(targets)
  local map, kind = targets or {}, nil
  if type(map.cumulative) == "table" then map, kind = map.cumulative, "cumulative"
  elseif type(map.yearly) == "table" then map, kind = map.yearly, "yearly" end
  local out = {}
  for period, value in pairs(map) do out[#out + 1] = { period = period, value = value } end
  table.sort(out, function(a, b) return tostring(a.period) < tostring(b.period) end)
  return out, kind
end

--- A list of territory (or group) codes, or "all".
types.places = named("places", function(v)
  if v == "all" then return v end
  local l, why = list(types.string).check(v)
  if not l then return nil, want("places", { want = why }) end
  return l
end)
types["function"] = named("function", function(v)
  if type(v) ~= "function" then return nil, want("function") end
  return v
end)

--- Declare a kind. def: plural (export key), code (name of the field that identifies it),
--- title (field filled by the second positional argument), parent (kind it nests in),
--- children (kind declared inside it). Its doc() is vocabulary.NAME of the catalogue.
local function kind(name, def)
  def.name = name
  def.doc_key = "vocabulary." .. name
  def.doc = function() return msg.text(def.doc_key) end
  def.fields = {}
  def.field_list = {}
  schema.kinds[name] = def
  schema.order[#schema.order + 1] = name
  return def
end

--- Declare a field of a kind: name, type, {required, nonempty, ref, export, doc}. Its doc()
--- is vocabulary.KIND.NAME of the catalogue, or vocabulary.<opts.doc> for the words several
--- fields share (common.note: « note libre »).
local function field(kind_name, name, ftype, opts)
  local k = assert(schema.kinds[kind_name], kind_name)
  opts = opts or {}
  local key = "vocabulary." .. (opts.doc or kind_name .. "." .. name)
  local f = { name = name, type = ftype, required = opts.required, nonempty = opts.nonempty, ref = opts.ref,
              export = opts.export ~= false, doc_key = not opts.doc_of and key or nil,
              doc = opts.doc_of or function() return msg.text(key) end }
  k.fields[name] = f
  k.field_list[#k.field_list + 1] = f
end

local SEVERITY = enum { "info", "warning", "critical" }

kind("plan", { plural = "plan", code = "id", title = "title" })
field("plan", "id", types.string, { required = true, nonempty = true })
field("plan", "title", types.string, { required = true, nonempty = true })
field("plan", "period", types.year_range, { required = true })
field("plan", "council_date", types.date)
field("plan", "signed", types.date)
field("plan", "effective", types.date)
field("plan", "certified", types.date)
field("plan", "signatories", list(types.signatory))
field("plan", "labels", types.labels)
field("plan", "vision", types.text)
field("plan", "challenge", types.text)
field("plan", "edition", types.date)
field("plan", "amendments", list(types.string))
field("plan", "note", types.text, { doc = "common.note" })

kind("stake", { plural = "stakes", code = "number", title = "title" })
field("stake", "number", types.integer, { required = true })
field("stake", "title", types.text, { required = true, nonempty = true })
field("stake", "note", types.text, { doc = "common.note" })

kind("territory", { plural = "territories", code = "code", title = "title" })
field("territory", "code", types.string, { required = true, nonempty = true })
field("territory", "title", types.string, { required = true, nonempty = true })
field("territory", "level", types.level, { required = true })
field("territory", "parent", types.string, { ref = "territory" })
field("territory", "insee", types.insee)
field("territory", "qpv", types.boolean)
field("territory", "rep_plus", types.boolean)
field("territory", "note", types.text)

kind("group", { plural = "groups", code = "code", title = "title" })
field("group", "code", types.string, { required = true, nonempty = true })
field("group", "title", types.string, { required = true, nonempty = true, doc = "common.name" })
field("group", "territories", list(types.string), { required = true, nonempty = true, ref = "territory" })
field("group", "note", types.text, { doc = "common.note" })

kind("committee", { plural = "committees", code = "code", title = "title" })
field("committee", "code", types.string, { required = true, nonempty = true })
field("committee", "title", types.string, { required = true, nonempty = true, doc = "common.name" })
field("committee", "members", list(types.string))
field("committee", "meetings_per_year", types.meetings)
field("committee", "note", types.text, { doc = "common.note" })

kind("funding", { plural = "funding", code = "code", title = "title" })
field("funding", "code", types.string, { required = true, nonempty = true })
field("funding", "title", types.string, { required = true, nonempty = true })
field("funding", "floor_per_year", types.amount)
field("funding", "years", types.year_range)
field("funding", "amounts", types.targets)
field("funding", "note", types.text)

kind("axis", { plural = "axes", code = "number", title = "title", children = { "objective", "action" } })
field("axis", "number", types.integer, { required = true })
field("axis", "title", types.string, { required = true, nonempty = true, doc = "common.printed" })
field("axis", "note", types.text, { doc = "common.note" })

kind("objective", { plural = "objectives", code = "code", title = "title", parent = { "axis" }, children = { "action" } })
field("objective", "code", types.string, { required = true, nonempty = true })
field("objective", "title", types.string, { required = true, nonempty = true, doc = "common.printed" })
field("objective", "note", types.text, { doc = "common.note" })

kind("action", { plural = "actions", code = "number", title = "title", parent = { "objective", "axis" }, children = { "step", "indicator" } })
field("action", "number", types.integer, { required = true })
field("action", "title", types.string, { required = true, nonempty = true, doc = "common.printed" })
field("action", "merges", list(types.string))
field("action", "pilots", list(types.string))
field("action", "note", types.text, { doc = "common.note" })

kind("step", { plural = "steps", code = "letter", title = "title", parent = { "action" } })
field("step", "letter", types.string, { required = true, nonempty = true })
field("step", "code", types.string)
field("step", "title", types.string, { required = true, nonempty = true, doc = "common.printed" })
field("step", "years", list(types.year))
field("step", "note", types.text, { doc = "common.note" })

kind("sheet", { plural = "sheets", code = "code", children = { "indicator" } })
field("sheet", "code", types.string)
field("sheet", "actions", list(types.integer), { required = true, ref = "action" })
field("sheet", "stakes", list(types.integer), { ref = "stake" })
field("sheet", "diagnostic", types.text)
field("sheet", "public", types.text)
field("sheet", "pilots", list(types.string))
field("sheet", "followed_by", types.string)
field("sheet", "partners", list(types.string))
field("sheet", "human_means", types.text)
field("sheet", "financial_means", types.text)
field("sheet", "expected_results", list(types.string))
field("sheet", "note", types.text, { doc = "common.note" })

-- The fields of a sheet an action may carry itself: they make the action's own fiche.
schema.ACTION_SHEET_FIELDS = { "stakes", "diagnostic", "public", "followed_by", "partners", "human_means",
                               "financial_means", "expected_results" }
for _, name in ipairs(schema.ACTION_SHEET_FIELDS) do
  local f = schema.kinds.sheet.fields[name]
  field("action", name, f.type, { ref = f.ref,
    doc_of = function() return msg.text("vocabulary.own-sheet", { doc = f.doc() }) end })
  schema.kinds.action.fields[name].on_sheet = true
end

-- the indicator kinds come from their registry (ctg.kinds), their French names too
local kinds = require("ctg.kinds")
local KINDS = kinds.ids
schema.indicator_kinds = KINDS
kind("indicator", { plural = "indicators", code = "id", title = "label", parent = { "sheet", "action" }, top_level = true })
field("indicator", "id", types.string, { required = true, nonempty = true })
field("indicator", "label", types.string, { required = true, nonempty = true })
field("indicator", "sheet", types.string, { ref = "sheet" })
field("indicator", "kind", enum(KINDS), { required = true, doc_of = function()
  local out = {}
  for i, id in ipairs(KINDS) do out[i] = msg.text("kind." .. id .. ".doc") end
  return table.concat(out, ", ")
end })
field("indicator", "unit", types.string)
field("indicator", "numerator", types.string)
field("indicator", "denominator", types.string)
field("indicator", "scale", enum { 1, 100 })
field("indicator", "base", types.string)
field("indicator", "baseline", types.period)
field("indicator", "scale_min", types.number)
field("indicator", "scale_max", types.number)
field("indicator", "threshold", types.number)
field("indicator", "time", enum { "sum", "last", "mean", "max" })
field("indicator", "direction", enum { "higher", "lower" })
field("indicator", "by", list(types.string))
field("indicator", "targets", types.indicator_targets)
field("indicator", "national_reference", types.reference)
field("indicator", "start", types.year)
field("indicator", "rollup", enum { "partial", "complete" })
field("indicator", "note", types.text)

kind("rule", { plural = "rules", code = "name" })
field("rule", "name", types.string, { required = true, nonempty = true, doc = "common.name" })
field("rule", "type", enum { "threshold", "trend", "target", "completeness", "custom" },
  {})
field("rule", "indicator", types.string, { ref = "indicator" })
field("rule", "territory", types.string)
field("rule", "territories", types.places)
field("rule", "from", types.year)
field("rule", "expect", enum { "increase", "decrease", "stable" })
field("rule", "op", enum { "<", "<=", ">", ">=", "==", "~=" })
field("rule", "value", types.number)
field("rule", "periods", types.count)
field("rule", "severity", SEVERITY)
field("rule", "message", types.string)
field("rule", "check", types["function"], { export = false })
field("rule", "note", types.text, { doc = "common.note" })

-- ---- French names ----------------------------------------------------------------------
-- Every declaration, field and enumerated value has a French name (Premake's `aliases`),
-- declared here once: plan files (Lua and YAML) may use either spelling, accented or not
-- ("période" as a string key), and the plan keeps the English one, so that exports, diffs and
-- fingerprints do not depend on the language a plan was written in. `ctg help vocabulary`,
-- the editor definitions and "did you mean" are derived from the same declarations.

--- French name -> kind name (only names that differ from the English one).
schema.kind_aliases = {}
--- French plural (YAML key) -> kind name.
schema.plural_aliases = {}

-- A type that first translates French spellings: enumerated values (values: French -> English)
-- and the keys of a table value or of each table of a list value (keys: French -> English).
local function translated(t, values, keys)
  local function translate_value(v)
    if type(v) ~= "string" then return v end
    if values[v] then return values[v] end
    local plain = require("ctg.suggest").unaccent(v)
    if values[plain] then return values[plain] end
    for _, ok in ipairs(t.values) do if ok == plain then return plain end end
    return v
  end
  local function translate_keys(v)
    if type(v) ~= "table" then return v end
    local out = {}
    for k, x in pairs(v) do
      local name = k
      if type(k) == "string" then name = keys[k] or keys[require("ctg.suggest").unaccent(k)] or k end
      if out[name] ~= nil then return nil, tostring(name) end
      out[name] = x
    end
    return out
  end
  -- in French, an enumeration lists its French values (« une valeur parmi comptage, taux, … »)
  local function doc()
    if not values or msg.lang() ~= "fr" then return t.doc() end
    local fr = {}
    for french, english in pairs(values) do fr[english] = french end
    local names = {}
    for i, v in ipairs(t.values) do names[i] = fr[v] or tostring(v) end
    return say("type.enum", { values = table.concat(names, ", ") })
  end
  return setmetatable({ doc = doc, check = function(v)
    if values then v = translate_value(v) end
    if keys then
      if t.list_of and type(v) == "table" then
        local out = {}
        for k, item in pairs(v) do
          local x, dup = translate_keys(item)
          if x == nil then return nil, want("twice", { want = t.doc(), key = dup }) end
          out[k] = x
        end
        v = out
      else
        local x, dup = translate_keys(v)
        if x == nil then return nil, want("twice", { want = t.doc(), key = dup }) end
        v = x
      end
    end
    return t.check(v)
  end }, { __index = t })
end

--- aliases(kind, french, {plural = "…", fields = {field = "nom" or {"nom", values = {…}, keys = {…}}}}):
--- the French names of a kind, its YAML plural and its fields. Every field must be named
--- (the same word when French and English agree), so that a field added without its French
--- name fails the spec that checks the vocabulary is complete.
local function aliases(kind_name, french, def)
  local k = assert(schema.kinds[kind_name], kind_name)
  k.french, k.french_plural, k.alias_of = french, def.plural or k.plural, {}
  if french ~= kind_name then
    assert(not schema.kinds[french] and not schema.kind_aliases[french], "French name clash: " .. french)
    schema.kind_aliases[french] = kind_name
  end
  if k.french_plural ~= k.plural then schema.plural_aliases[k.french_plural] = kind_name end
  for fname, spec in pairs(def.fields) do
    local f = assert(k.fields[fname], "no field " .. kind_name .. "." .. fname)
    if type(spec) == "string" then spec = { spec } end
    f.french = spec[1]
    if f.french ~= fname then
      assert(not k.fields[f.french] and not k.alias_of[f.french], "French name clash: " .. kind_name .. "." .. f.french)
      k.alias_of[f.french] = fname
    end
    if spec.values or spec.keys then
      assert(not spec.values or f.type.values, "values of a non-enum field " .. fname)
      f.type = translated(f.type, spec.values, spec.keys)
      f.french_values, f.french_keys = spec.values, spec.keys
    end
  end
end
schema.aliases = aliases

local TITRE = "titre"
aliases("plan", "plan", { fields = {
  id = "identifiant", title = TITRE, period = "periode", council_date = "date_deliberation",
  signed = "date_signature", effective = "date_effet", certified = "date_certification",
  signatories = { "signataires", keys = { nom = "name" } },
  labels = { "libelles", keys = { axe = "axis", objectif = "objective", etape = "step" } },
  vision = "vision", challenge = "enjeu_general", edition = "edition", amendments = "avenants", note = "note" } })
aliases("stake", "enjeu", { plural = "enjeux", fields = { number = "numero", title = TITRE, note = "note" } })
aliases("territory", "territoire", { plural = "territoires", fields = {
  code = "code", title = TITRE, level = "niveau", parent = "parent", insee = "insee", qpv = "qpv",
  rep_plus = "rep_plus", note = "note" } })
aliases("group", "groupe", { plural = "groupes", fields = {
  code = "code", title = TITRE, territories = "territoires", note = "note" } })
aliases("committee", "instance", { plural = "instances", fields = {
  code = "code", title = TITRE, members = "membres",
  meetings_per_year = { "reunions_par_an", keys = { defaut = "default" } }, note = "note" } })
aliases("funding", "financement", { plural = "financements", fields = {
  code = "code", title = TITRE, floor_per_year = "plancher_par_an", years = "annees", amounts = "montants",
  note = "note" } })
aliases("axis", "axe", { plural = "axes", fields = { number = "numero", title = TITRE, note = "note" } })
aliases("objective", "objectif", { plural = "objectifs", fields = { code = "code", title = TITRE, note = "note" } })
local SHEET_FR = { stakes = "enjeux", diagnostic = "diagnostic", public = "public", pilots = "pilotes",
  followed_by = "instance_de_suivi", partners = "partenaires", human_means = "moyens_humains",
  financial_means = "moyens_financiers", expected_results = "resultats_attendus", note = "note" }
local action_fr = { number = "numero", title = TITRE, merges = "reprend" }
for name, fr in pairs(SHEET_FR) do
  if schema.kinds.action.fields[name] then action_fr[name] = fr end
end
aliases("action", "action", { plural = "actions", fields = action_fr })
aliases("step", "etape", { plural = "etapes", fields = {
  letter = "lettre", code = "code", title = TITRE, years = "annees", note = "note" } })
local sheet_fr = { code = "code", actions = "actions" }
for name, fr in pairs(SHEET_FR) do sheet_fr[name] = fr end
aliases("sheet", "fiche", { plural = "fiches", fields = sheet_fr })
aliases("indicator", "indicateur", { plural = "indicateurs", fields = {
  id = "identifiant", label = "libelle", sheet = "fiche",
  kind = { "nature", values = kinds.french_names() },
  unit = "unite", numerator = "numerateur", denominator = "denominateur", scale = "echelle", base = "base",
  baseline = "reference", scale_min = "echelle_min", scale_max = "echelle_max", threshold = "seuil",
  time = { "cumul", values = { somme = "sum", dernier = "last", moyenne = "mean" } },
  direction = { "sens", values = { hausse = "higher", baisse = "lower" } },
  by = "par", targets = "cibles", national_reference = "reference_nationale", start = "debut",
  rollup = { "agregation", values = { partiel = "partial", complet = "complete" } }, note = "note" } })
aliases("rule", "regle", { plural = "regles", fields = {
  name = "nom",
  type = { "type", values = { seuil = "threshold", tendance = "trend", cible = "target", completude = "completeness",
                              personnalisee = "custom" } },
  indicator = "indicateur", territory = "territoire", territories = "territoires", from = "depuis",
  expect = { "attendu", values = { hausse = "increase", baisse = "decrease" } },
  op = "operateur", value = "valeur", periods = "periodes",
  severity = { "gravite", values = { attention = "warning", critique = "critical" } },
  message = "message", check = "verification", note = "note" } })

--- The two words of an avenant file (ctg.amend), not declarations of a plan: their French
--- names and those of the amendment's header fields (French -> English). remove { … } takes
--- kind names, French or English.
schema.AMENDMENT = { amendment = "avenant", remove = "retirer", fields = {
  modifie = "amends", libelle = "label", date_deliberation = "council_date", date_signature = "signed",
  date_effet = "effective", periode = "period" } }

--- The keys of a table of an avenant file in English: the header of amendment "ID" { … }
--- (schema.AMENDMENT.fields) or the kinds of remove { … } (French kind names). A key given
--- in both languages is kept as written, for ctg.amend to report.
function schema.amendment_keys(t, what)
  if type(t) ~= "table" then return t end
  local unaccent = require("ctg.suggest").unaccent
  local out = {}
  for k, v in pairs(t) do
    local name = k
    if type(k) == "string" then
      if what == "remove" then name = schema.kind_named(k) or k
      else name = schema.AMENDMENT.fields[k] or schema.AMENDMENT.fields[unaccent(k)] or k end
    end
    if out[name] ~= nil then name = k end
    out[name] = v
  end
  return out
end

--- The kind a declaration name stands for: English, French, or French with its accents
--- ("étape"); nil when it is none.
function schema.kind_named(name)
  if type(name) ~= "string" then return nil end
  if schema.kinds[name] then return name end
  return schema.kind_aliases[name] or schema.kind_aliases[require("ctg.suggest").unaccent(name)]
end

--- The field of a kind a key stands for (English, French, accented French), or nil.
-- (memoised per kind: asked for every key of every declaration, thousands for a plan of
-- 2 000 territories, and the vocabulary is fixed once this module is loaded)
local field_of_key = setmetatable({}, { __mode = "k" })
function schema.field_named(kind_name, key)
  if type(key) ~= "string" then return nil end
  local k = schema.kinds[kind_name]
  local known = field_of_key[k]
  if not known then
    known = {}
    field_of_key[k] = known
  end
  local name = known[key]
  if name == nil then
    local alias_of = k.alias_of or {}
    name = k.fields[key] and key or alias_of[key] or alias_of[require("ctg.suggest").unaccent(key)] or false
    known[key] = name
  end
  return name or nil
end

--- The names of a kind's fields in one language ("fr" or "en"), in declared order.
--- (one list a kind and language, kept: it is asked for every declaration; do not change it)
local field_names_of = {}
function schema.field_names(kind_name, lang)
  local key = kind_name .. "\0" .. tostring(lang == "fr")
  local out = field_names_of[key]
  if out then return out end
  out = {}
  for _, f in ipairs(schema.kinds[kind_name].field_list) do
    out[#out + 1] = lang == "fr" and f.french or f.name
  end
  field_names_of[key] = out
  return out
end

--- The values an enumerated field takes, in one language ("fr" or "en").
function schema.field_values(f, lang)
  local fr = {}
  for french, english in pairs(f.french_values or {}) do fr[english] = french end
  local out = {}
  for i, v in ipairs(f.type.values or {}) do out[i] = lang == "fr" and fr[v] or v end
  return out
end

--- An enumerated value as a person reads it in one language: in French the word a French
--- plan writes (indicator.time "sum" -> "somme", indicator.kind "ratio" -> "taux"), in
--- English the value itself; a value with no French word, or of a field that is no
--- enumeration, as it is.
function schema.value_word(kind_name, field_name, v, lang)
  local k = schema.kinds[kind_name]
  local f = k and k.fields[field_name]
  if lang ~= "fr" or not f or not f.french_values or type(v) ~= "string" then return v end
  for french, english in pairs(f.french_values) do
    if english == v then return french end
  end
  return v
end

--- The kinds exported nested inside a node of this kind (axes > objectives/actions >
--- steps); indicators are exported at the top level, naming their sheet.
function schema.nested(kind_name)
  local out = {}
  for _, c in ipairs(schema.kinds[kind_name].children or {}) do
    if c ~= "indicator" then out[#out + 1] = c end
  end
  return out
end

--- The plural (export key) of a kind, and back.
function schema.plural(kind_name) return schema.kinds[kind_name].plural end
function schema.kind_of_plural(plural)
  for _, name in ipairs(schema.order) do
    if schema.kinds[name].plural == plural then return name end
  end
  if type(plural) ~= "string" then return nil end
  return schema.plural_aliases[plural] or schema.plural_aliases[require("ctg.suggest").unaccent(plural)]
end

return schema
