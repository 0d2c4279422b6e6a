-- ctg.schema — every declaration of the plan vocabulary and every field it takes, declared
-- once. Checking (ctg.dsl), the YAML/JSON mapping (ctg.export) and `ctg help vocabulary`
-- are all derived from these declarations, so a field added here is checked, exported and
-- documented everywhere at once.
local schema = {}

--- Kinds in the order a plan is exported and documented.
schema.order = {}
--- kind name -> declaration
schema.kinds = {}

local MONTH_DAYS = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function is_leap(y) return y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) end

local function describe(v)
  if type(v) == "string" then return string.format("string %q", v) end
  if type(v) == "table" then return "a table" end
  return type(v) .. " " .. tostring(v)
end
schema.describe = describe

local function integral(v)
  if math.type(v) == "integer" then return v end
  if type(v) == "number" and v == math.floor(v) and v == v and math.abs(v) < 2^53 then
    return math.tointeger(v)
  end
end

-- Types: each checks a value and returns the normalised value, or nil and what was expected.
local types = {}
schema.types = types

types.string = { doc = "text", check = function(v)
  if type(v) ~= "string" then return nil, "text" end
  return v
end }
types.text = { doc = "text (may span paragraphs: use [[ ]])", check = types.string.check }
types.integer = { doc = "integer", check = function(v)
  local i = integral(v)
  if not i then return nil, "an integer" end
  return i
end }
types.count = { doc = "integer ≥ 0", check = function(v)
  local i = integral(v)
  if not i or i < 0 then return nil, "an integer ≥ 0" end
  return i
end }
types.amount = { doc = "number ≥ 0 (euros)", check = function(v)
  if type(v) ~= "number" or v ~= v or v < 0 or v == math.huge then return nil, "a number ≥ 0" end
  return integral(v) or v
end }
types.number = { doc = "number", check = function(v)
  if type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge then
    return nil, "a finite number"
  end
  return integral(v) or v
end }
types.boolean = { doc = "true or false", check = function(v)
  if type(v) ~= "boolean" then return nil, "true or false" end
  return v
end }
types.code = { doc = "code (text or integer)", check = function(v)
  local i = integral(v)
  if i then return i end
  if type(v) == "string" and v ~= "" then return v end
  return nil, "a code (text or integer)"
end }
types.year = { doc = "year (e.g. 2022)", check = function(v)
  local i = integral(v)
  if not i or i < 1900 or i > 2200 then return nil, "a year such as 2022" end
  return i
end }
types.date = { doc = "date \"YYYY-MM-DD\"", check = function(v)
  if type(v) ~= "string" then return nil, "a date \"YYYY-MM-DD\"" end
  local y, m, d = v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not y or m < 1 or m > 12 or d < 1 or d > MONTH_DAYS[m] or (m == 2 and d == 29 and not is_leap(y)) then
    return nil, "a valid date \"YYYY-MM-DD\""
  end
  return v
end }
--- A period: a year (2022), a school year ("2021-2022") or a month ("2022-09").
types.period = { doc = "period: 2022, \"2021-2022\" (school year) or \"2022-09\" (month)", check = function(v)
  local i = integral(v)
  if i and i >= 1900 and i <= 2200 then return i end
  if type(v) == "string" then
    if v:match("^%d%d%d%d$") then return math.tointeger(tonumber(v)) end
    local a, b = v:match("^(%d%d%d%d)%-(%d%d%d%d)$")
    if a and tonumber(b) == tonumber(a) + 1 then return v end
    local y, m = v:match("^(%d%d%d%d)%-(%d%d)$")
    if y and tonumber(m) >= 1 and tonumber(m) <= 12 then return v end
  end
  return nil, "a period: 2022, \"2021-2022\" or \"2022-09\""
end }
types.year_range = { doc = "{first year, last year}", check = function(v)
  if type(v) ~= "table" or #v ~= 2 then return nil, "a pair of years {first, last}" end
  local a, b = types.year.check(v[1]), types.year.check(v[2])
  if not a or not b then return nil, "a pair of years {first, last}" end
  if a > b then return nil, "a pair of years {first, last} with first ≤ last" end
  return { a, b }
end }

--- list(t): a list of values of type t (a single value is not accepted: write {x}).
local function list(t)
  return { doc = "list of " .. t.doc, list_of = t, check = function(v)
    if type(v) ~= "table" then return nil, "a list of " .. t.doc end
    local out = {}
    local n = 0
    for k in pairs(v) do
      n = n + 1
      if math.type(k) ~= "integer" or k < 1 then return nil, "a list of " .. t.doc end
    end
    if n ~= #v then return nil, "a list of " .. t.doc .. " (without holes)" end
    for i, item in ipairs(v) do
      local c, want = t.check(item)
      if c == nil then return nil, "a list of " .. t.doc .. " (item " .. i .. " is not " .. want .. ")" end
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
  return { doc = "one of " .. allowed, values = values, check = function(v)
    for _, ok in ipairs(values) do if v == ok then return v end end
    return nil, "one of " .. allowed
  end }
end
schema.enum = enum

--- targets: period -> number.
types.targets = { doc = "table period -> number, e.g. {[2023] = 25, [2025] = 30}", check = function(v)
  if type(v) ~= "table" then return nil, "a table period -> number" end
  local out = {}
  for k, x in pairs(v) do
    local p = types.period.check(k)
    local n = types.number.check(x)
    if p == nil or n == nil then return nil, "a table period -> number" end
    out[p] = n
  end
  return out
end }
types["function"] = { doc = "Lua function", check = function(v)
  if type(v) ~= "function" then return nil, "a Lua function" end
  return v
end }

--- Declare a kind. def: plural (export key), code (name of the field that identifies it),
--- title (field filled by the second positional argument), parent (kind it nests in),
--- children (kind declared inside it), doc.
local function kind(name, def)
  def.name = name
  def.fields = {}
  def.field_list = {}
  schema.kinds[name] = def
  schema.order[#schema.order + 1] = name
  return def
end

--- Declare a field of a kind: name, type, {required, doc, default, ref}.
local function field(kind_name, name, ftype, opts)
  local k = assert(schema.kinds[kind_name], kind_name)
  opts = opts or {}
  local f = { name = name, type = ftype, required = opts.required, doc = opts.doc,
              nonempty = opts.nonempty, ref = opts.ref, export = opts.export ~= false }
  k.fields[name] = f
  k.field_list[#k.field_list + 1] = f
end

local SEVERITY = enum { "info", "warning", "critical" }

kind("plan", { plural = "plan", code = "id", title = "title", doc = "The convention: its identity, period and signatories (one per file)." })
field("plan", "id", types.string, { required = true, nonempty = true, doc = "identifier, e.g. \"ctg-clermont-2021-2025\"" })
field("plan", "title", types.string, { required = true, nonempty = true, doc = "full title of the convention" })
field("plan", "period", types.year_range, { required = true, doc = "first and last year covered" })
field("plan", "council_date", types.date, { doc = "date of the municipal council's deliberation" })
field("plan", "signed", types.date, { doc = "signature date" })
field("plan", "signatories", list(types.string), { doc = "signing parties" })
field("plan", "vision", types.text, { doc = "\"Vision/Finalité\" statement" })
field("plan", "challenge", types.text, { doc = "the plan's overall \"Enjeu\"" })
field("plan", "edition", types.date, { doc = "edition date of the action plan document" })
field("plan", "amendments", list(types.string), { doc = "amendments (avenants) this version includes" })
field("plan", "note", types.text, { doc = "free note" })

kind("stake", { plural = "stakes", code = "number", title = "title", doc = "A numbered \"enjeu de progrès\"." })
field("stake", "number", types.integer, { required = true, doc = "its number in the document" })
field("stake", "title", types.text, { required = true, nonempty = true, doc = "its wording" })
field("stake", "note", types.text, { doc = "free note" })

kind("territory", { plural = "territories", code = "code", title = "title", doc = "A place the plan is evaluated on: city, territory, neighbourhood." })
field("territory", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"nord\"" })
field("territory", "title", types.string, { required = true, nonempty = true, doc = "name as the document writes it" })
field("territory", "level", enum { "city", "territory", "neighbourhood" }, { required = true, doc = "level in the hierarchy" })
field("territory", "parent", types.string, { ref = "territory", doc = "code of the enclosing territory" })
field("territory", "qpv", types.boolean, { doc = "quartier prioritaire de la politique de la ville (absent: unknown)" })
field("territory", "rep_plus", types.boolean, { doc = "in a REP+ education network (absent: unknown)" })
field("territory", "note", types.text, { doc = "free note, e.g. the source of a flag" })

kind("committee", { plural = "committees", code = "code", title = "title", doc = "A governance body and how often it meets." })
field("committee", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"copil\"" })
field("committee", "title", types.string, { required = true, nonempty = true, doc = "its name" })
field("committee", "members", list(types.string), { doc = "who sits on it" })
field("committee", "meetings_per_year", types.count, { doc = "meetings the plan expects each year" })
field("committee", "note", types.text, { doc = "free note" })

kind("funding", { plural = "funding", code = "code", title = "title", doc = "A funder's commitment: a guaranteed floor and planned amounts." })
field("funding", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"caf\"" })
field("funding", "title", types.string, { required = true, nonempty = true, doc = "the funder" })
field("funding", "floor_per_year", types.amount, { doc = "guaranteed minimum per year, in euros" })
field("funding", "years", types.year_range, { doc = "years the commitment covers" })
field("funding", "amounts", types.targets, { doc = "planned amount per year, in euros" })
field("funding", "note", types.text, { doc = "free note (the document's wording)" })

kind("axis", { plural = "axes", code = "number", title = "title", children = "objective", doc = "A strategic axis." })
field("axis", "number", types.integer, { required = true, doc = "axis number" })
field("axis", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("axis", "note", types.text, { doc = "free note" })

kind("objective", { plural = "objectives", code = "code", title = "title", parent = "axis", children = "action", doc = "An operational objective, coded \"<axis>-<n>\"." })
field("objective", "code", types.string, { required = true, nonempty = true, doc = "code such as \"1-1\"" })
field("objective", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("objective", "note", types.text, { doc = "free note" })

kind("action", { plural = "actions", code = "number", title = "title", parent = "objective", children = "step", doc = "An action, numbered across the plan." })
field("action", "number", types.integer, { required = true, doc = "action number (1…15 in the reference plan)" })
field("action", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("action", "merges", list(types.string), { doc = "earlier programme actions this action takes over" })
field("action", "pilots", list(types.string), { doc = "pilots of this action (else the sheet's)" })
field("action", "note", types.text, { doc = "free note" })

kind("step", { plural = "steps", code = "letter", title = "title", parent = "action", doc = "A sub-action (\"1-A\"), with the years it is planned for." })
field("step", "letter", types.string, { required = true, nonempty = true, doc = "letter in the action's list (A, B, …)" })
field("step", "code", types.string, { doc = "code as printed, default \"<action>-<letter>\"" })
field("step", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("step", "years", list(types.year), { doc = "years planned (absent: calendar unknown)" })
field("step", "note", types.text, { doc = "free note" })

kind("sheet", { plural = "sheets", code = "code", children = "indicator", doc = "A \"fiche action\": one diagnostic and one set of indicators for one or more actions." })
field("sheet", "code", types.string, { doc = "derived from its actions (\"1+2\"); checked if given" })
field("sheet", "actions", list(types.integer), { required = true, ref = "action", doc = "the actions it covers" })
field("sheet", "stakes", list(types.integer), { ref = "stake", doc = "the enjeux de progrès it serves" })
field("sheet", "diagnostic", types.text, { doc = "initial diagnostic" })
field("sheet", "public", types.text, { doc = "target public" })
field("sheet", "pilots", list(types.string), { doc = "pilots (when not given per action)" })
field("sheet", "followed_by", types.string, { doc = "follow-up body (instance de suivi)" })
field("sheet", "partners", list(types.string), { doc = "other partners and collaborators" })
field("sheet", "human_means", types.text, { doc = "human means" })
field("sheet", "financial_means", types.text, { doc = "financial means" })
field("sheet", "expected_results", list(types.string), { doc = "expected results" })
field("sheet", "note", types.text, { doc = "free note" })

local KINDS = { "count", "ratio", "evolution", "score", "qualitative" }
schema.indicator_kinds = KINDS
kind("indicator", { plural = "indicators", code = "id", title = "label", parent = "sheet", doc = "An evaluation indicator of a sheet." })
field("indicator", "id", types.string, { required = true, nonempty = true, doc = "identifier, e.g. \"places_100\"" })
field("indicator", "label", types.string, { required = true, nonempty = true, doc = "label as printed" })
field("indicator", "sheet", types.string, { ref = "sheet", doc = "its sheet (implicit when declared inside one)" })
field("indicator", "kind", enum(KINDS), { required = true, doc = "count, ratio (numerator/denominator), evolution (against a baseline), score (survey), qualitative (text)" })
field("indicator", "unit", types.string, { doc = "unit of the value" })
field("indicator", "numerator", types.string, { doc = "ratio: what is counted above the line" })
field("indicator", "denominator", types.string, { doc = "ratio: what is counted below the line" })
field("indicator", "scale", enum { 1, 100 }, { doc = "ratio: 1 (share) or 100 (per cent, per 100)" })
field("indicator", "base", types.string, { doc = "evolution: the quantity followed" })
field("indicator", "baseline", types.period, { doc = "evolution: the reference period (may precede the plan)" })
field("indicator", "scale_min", types.number, { doc = "score: lowest possible answer" })
field("indicator", "scale_max", types.number, { doc = "score: highest possible answer" })
field("indicator", "threshold", types.number, { doc = "score: answers at or above count as satisfied" })
field("indicator", "time", enum { "sum", "last", "mean", "max" }, { doc = "how values combine over time: sum (flows), last/mean/max (stocks)" })
field("indicator", "direction", enum { "higher", "lower" }, { doc = "which way is better" })
field("indicator", "by", list(types.string), { doc = "dimensions it is broken down by (step, categorie, …)" })
field("indicator", "targets", types.targets, { doc = "target value per period" })
field("indicator", "note", types.text, { doc = "free note (how the formula was read)" })

kind("rule", { plural = "rules", code = "name", doc = "A rule the evaluation checks (see `ctg help eval`)." })
field("rule", "name", types.string, { required = true, nonempty = true, doc = "its name" })
field("rule", "type", enum { "threshold", "trend", "target", "completeness", "custom" },
  { doc = "what it checks (default: custom with check, trend with expect, threshold with op)" })
field("rule", "indicator", types.string, { ref = "indicator", doc = "indicator it watches" })
field("rule", "territory", types.string, { ref = "territory", doc = "territory it looks at (default: the city)" })
field("rule", "territories", list(types.string), { doc = "completeness: territories expected to report (default: all but the city)" })
field("rule", "from", types.year, { doc = "completeness: first year expected (default: the plan's first)" })
field("rule", "expect", enum { "increase", "decrease", "stable" }, { doc = "trend expected" })
field("rule", "op", enum { "<", "<=", ">", ">=", "==", "~=" }, { doc = "threshold: what must hold, e.g. op = \">=\", value = 15 (fires when it does not)" })
field("rule", "value", types.number, { doc = "threshold value" })
field("rule", "periods", types.count, { doc = "trend: number of recent year-on-year changes considered (default 2)" })
field("rule", "severity", SEVERITY, { doc = "info, warning (default) or critical" })
field("rule", "message", types.string, { doc = "text shown when it fires" })
field("rule", "check", types["function"], { export = false, doc = "custom rule: function(ctx) returning findings" })
field("rule", "note", types.text, { doc = "free note" })

--- The plural (export key) of a kind, and back.
function schema.plural(kind_name) return schema.kinds[kind_name].plural end
function schema.kind_of_plural(plural)
  for _, name in ipairs(schema.order) do
    if schema.kinds[name].plural == plural then return name end
  end
end

return schema
