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
--- A date as precise as it is known: "2024", "2024-06" or "2024-06-15" (ctg.date decides);
--- kept as written, so that reports print "juin 2024" and never an invented day.
types.date = { doc = "date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"", check = function(v)
  if type(v) ~= "string" and math.type(v) ~= "integer" then return nil, "a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"" end
  local d, why = require("ctg.date").parse(v)
  if not d then return nil, "a valid date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" (" .. why .. ")" end
  return d:iso()
end }
--- A level of the territory tree: a free lowercase word (epci, commune, quartier…).
types.level = { doc = "lowercase word (epci, commune, quartier, …)", check = function(v)
  if type(v) ~= "string" or not v:match("^%l[%l%d_-]*$") then
    return nil, "a lowercase word without spaces or accents, such as epci, commune, quartier"
  end
  return v
end }
--- An INSEE code: a commune's (5 characters, Corsica 2A/2B) or an EPCI's SIREN (9 digits).
types.insee = { doc = "INSEE code: commune \"59601\" / \"2A004\", or EPCI SIREN \"245900758\"", check = function(v)
  if type(v) ~= "string" or not (v:match("^%d[%dAB]%d%d%d$") or v:match("^%d%d%d%d%d%d%d%d%d$")) then
    return nil, "an INSEE code as text: a commune's 5 characters (\"59601\", \"2A004\") or an EPCI's 9-digit SIREN"
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

--- Meetings a year: a count, or per year with an optional default {default = 1, [2030] = 3}.
types.meetings = { doc = "integer ≥ 0, or {default = n, [year] = n}", check = function(v)
  local n = types.count.check(v)
  if n then return n end
  local want = "an integer ≥ 0, or a table {default = n, [year] = n} of integers ≥ 0"
  if type(v) ~= "table" then return nil, want end
  local out = {}
  for k, x in pairs(v) do
    local c = types.count.check(x)
    if not c then return nil, want .. " (" .. tostring(k) .. " gives " .. describe(x) .. ")" end
    if k == "default" then
      out.default = c
    else
      local y = types.year.check(type(k) == "string" and k:match("^%d+$") and tonumber(k) or k)
      if not y then return nil, want .. " (unknown key " .. describe(k) .. ")" end
      out[y] = c
    end
  end
  if next(out) == nil then return nil, want .. " (the table is empty)" end
  return out
end }
--- The meetings expected in year y by a meetings_per_year value (nil: none said).
function schema.meetings_in(m, y)
  if type(m) ~= "table" then return m end
  if m[y] ~= nil then return m[y] end
  return m.default
end
--- A signatory: its name as text, or {name = "…", role = "…"}.
types.signatory = { doc = "text or {name, role}", check = function(v)
  if type(v) == "string" and v:find("%S") then return v end
  local want = "text, or {name = \"…\", role = \"…\"}"
  if type(v) ~= "table" or type(v.name) ~= "string" or not v.name:find("%S") then return nil, want end
  for k, x in pairs(v) do
    if (k ~= "name" and k ~= "role") or type(x) ~= "string" then return nil, want .. " (unexpected " .. describe(k) .. ")" end
  end
  return { name = v.name, role = v.role }
end }
--- The levels a plan may rename, in order, and what they are called by default.
schema.LEVELS = { "axis", "objective", "action", "step" }
schema.DEFAULT_LABELS = { axis = "Axe", objective = "Objectif", action = "Action", step = "Étape" }
types.labels = { doc = "{axis = \"…\", objective = \"…\", action = \"…\", step = \"…\"}", check = function(v)
  local want = "a table naming levels among " .. table.concat(schema.LEVELS, ", ")
  if type(v) ~= "table" then return nil, want end
  local out = {}
  for k, x in pairs(v) do
    if schema.DEFAULT_LABELS[k] == nil then
      local hint = require("ctg.suggest").closest(tostring(k), schema.LEVELS)
      return nil, want .. " ('" .. tostring(k) .. "' is not a level" .. (hint and ", did you mean '" .. hint .. "'?" or "") .. ")"
    end
    if type(x) ~= "string" or not x:find("%S") then return nil, want .. " (the label of " .. k .. " must be a non-empty text)" end
    out[k] = x
  end
  return out
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
--- A list of territory (or group) codes, or "all".
types.places = { doc = "list of territory or group codes, or \"all\"", check = function(v)
  if v == "all" then return v end
  local l, want = list(types.string).check(v)
  if not l then return nil, "\"all\" or " .. want end
  return l
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
field("plan", "council_date", types.date, { doc = "date of the council's deliberation" })
field("plan", "signed", types.date, { doc = "signature date of the convention" })
field("plan", "certified", types.date, { doc = "date the deliberation was certified (ampliation certifiée conforme)" })
field("plan", "signatories", list(types.signatory), { doc = "signing parties: text, or {name = \"…\", role = \"…\"}" })
field("plan", "labels", types.labels, { doc = "how the plan names its levels: {axis = \"Thématique\", objective = \"Orientation\", action = \"Fiche\", step = \"Sous-action\"} (defaults Axe, Objectif, Action, Étape)" })
field("plan", "vision", types.text, { doc = "\"Vision/Finalité\" statement" })
field("plan", "challenge", types.text, { doc = "the plan's overall \"Enjeu\"" })
field("plan", "edition", types.date, { doc = "edition date of the action plan document" })
field("plan", "amendments", list(types.string), { doc = "amendments (avenants) this version includes" })
field("plan", "note", types.text, { doc = "free note" })

kind("stake", { plural = "stakes", code = "number", title = "title", doc = "A numbered \"enjeu de progrès\"." })
field("stake", "number", types.integer, { required = true, doc = "its number in the document" })
field("stake", "title", types.text, { required = true, nonempty = true, doc = "its wording" })
field("stake", "note", types.text, { doc = "free note" })

kind("territory", { plural = "territories", code = "code", title = "title", doc = "A place the plan is evaluated on, in a tree of any depth (epci > commune > quartier …); the territory without parent is the root." })
field("territory", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"nord\"" })
field("territory", "title", types.string, { required = true, nonempty = true, doc = "name as the document writes it" })
field("territory", "level", types.level, { required = true, doc = "level in the hierarchy, a free lowercase word: region, departement, epci, commune, quartier, iris, city, territory, neighbourhood…" })
field("territory", "parent", types.string, { ref = "territory", doc = "code of the enclosing territory (none: the root)" })
field("territory", "insee", types.insee, { doc = "code officiel géographique: commune (5 characters, \"59601\", \"2A004\") or EPCI (SIREN, 9 digits)" })
field("territory", "qpv", types.boolean, { doc = "quartier prioritaire de la politique de la ville (absent: unknown)" })
field("territory", "rep_plus", types.boolean, { doc = "in a REP+ education network (absent: unknown)" })
field("territory", "note", types.text, { doc = "free note, e.g. the source of a flag" })

kind("group", { plural = "groups", code = "code", title = "title", doc = "A set of territories that is not a level of the tree (QPV, REP+, rural villages): its code may be given wherever a territory code is; a ratio over it is Σnumerator / Σdenominator of its members." })
field("group", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"villages\" (distinct from every territory code)" })
field("group", "title", types.string, { required = true, nonempty = true, doc = "its name" })
field("group", "territories", list(types.string), { required = true, nonempty = true, ref = "territory", doc = "codes of its member territories" })
field("group", "note", types.text, { doc = "free note" })

kind("committee", { plural = "committees", code = "code", title = "title", doc = "A governance body and how often it meets." })
field("committee", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"copil\"" })
field("committee", "title", types.string, { required = true, nonempty = true, doc = "its name" })
field("committee", "members", list(types.string), { doc = "who sits on it" })
field("committee", "meetings_per_year", types.meetings, { doc = "meetings the plan expects each year: 2, or per year {default = 1, [2030] = 3}" })
field("committee", "note", types.text, { doc = "free note" })

kind("funding", { plural = "funding", code = "code", title = "title", doc = "A funder's commitment: a guaranteed floor and planned amounts." })
field("funding", "code", types.string, { required = true, nonempty = true, doc = "short code, e.g. \"caf\"" })
field("funding", "title", types.string, { required = true, nonempty = true, doc = "the funder" })
field("funding", "floor_per_year", types.amount, { doc = "guaranteed minimum per year, in euros" })
field("funding", "years", types.year_range, { doc = "years the commitment covers" })
field("funding", "amounts", types.targets, { doc = "planned amount per year, in euros" })
field("funding", "note", types.text, { doc = "free note (the document's wording)" })

kind("axis", { plural = "axes", code = "number", title = "title", children = { "objective", "action" }, doc = "A strategic axis (or thématique, enjeu…: see labels); holds objectives, or actions directly." })
field("axis", "number", types.integer, { required = true, doc = "axis number" })
field("axis", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("axis", "note", types.text, { doc = "free note" })

kind("objective", { plural = "objectives", code = "code", title = "title", parent = { "axis" }, children = { "action" }, doc = "An operational objective, coded \"<axis>-<n>\" (optional level)." })
field("objective", "code", types.string, { required = true, nonempty = true, doc = "code such as \"1-1\"" })
field("objective", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("objective", "note", types.text, { doc = "free note" })

kind("action", { plural = "actions", code = "number", title = "title", parent = { "objective", "axis" }, children = { "step", "indicator" }, doc = "An action (or fiche: see labels), numbered across the plan, inside an objective or directly inside an axis. The fields of a sheet and indicator declarations may be given in it: they make its own fiche (sheet \"<number>\")." })
field("action", "number", types.integer, { required = true, doc = "action number (1…15 in the reference plan)" })
field("action", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("action", "merges", list(types.string), { doc = "earlier programme actions this action takes over" })
field("action", "pilots", list(types.string), { doc = "pilots of this action (else the sheet's)" })
field("action", "note", types.text, { doc = "free note" })

kind("step", { plural = "steps", code = "letter", title = "title", parent = { "action" }, doc = "A sub-action (\"1-A\"), with the years it is planned for." })
field("step", "letter", types.string, { required = true, nonempty = true, doc = "letter in the action's list (A, B, …)" })
field("step", "code", types.string, { doc = "code as printed, default \"<action>-<letter>\"" })
field("step", "title", types.string, { required = true, nonempty = true, doc = "title as printed" })
field("step", "years", list(types.year), { doc = "years planned (absent: calendar unknown)" })
field("step", "note", types.text, { doc = "free note" })

kind("sheet", { plural = "sheets", code = "code", children = { "indicator" }, doc = "A \"fiche action\": one diagnostic and one set of indicators for one or more actions." })
field("sheet", "code", types.string, { doc = "derived from its actions (\"1+2\"); checked if given" })
field("sheet", "actions", list(types.integer), { required = true, ref = "action", doc = "the actions it covers" })
field("sheet", "stakes", list(types.integer), { ref = "stake", doc = "the enjeux de progrès it serves" })
field("sheet", "diagnostic", types.text, { doc = "initial diagnostic" })
field("sheet", "public", types.text, { doc = "target public" })
field("sheet", "pilots", list(types.string), { doc = "pilots (when not given per action)" })
field("sheet", "followed_by", types.string, { doc = "follow-up body (instance de suivi): a committee code (checked) or free text" })
field("sheet", "partners", list(types.string), { doc = "other partners and collaborators" })
field("sheet", "human_means", types.text, { doc = "human means" })
field("sheet", "financial_means", types.text, { doc = "financial means" })
field("sheet", "expected_results", list(types.string), { doc = "expected results" })
field("sheet", "note", types.text, { doc = "free note" })

-- The fields of a sheet an action may carry itself: they make the action's own fiche.
schema.ACTION_SHEET_FIELDS = { "stakes", "diagnostic", "public", "followed_by", "partners", "human_means",
                               "financial_means", "expected_results" }
for _, name in ipairs(schema.ACTION_SHEET_FIELDS) do
  local f = schema.kinds.sheet.fields[name]
  field("action", name, f.type, { ref = f.ref, doc = f.doc .. " (makes the action's own fiche)" })
  schema.kinds.action.fields[name].on_sheet = true
end

local KINDS = { "count", "ratio", "evolution", "score", "qualitative" }
schema.indicator_kinds = KINDS
kind("indicator", { plural = "indicators", code = "id", title = "label", parent = { "sheet", "action" }, top_level = true, doc = "An evaluation indicator of a sheet or an action, or of the whole plan when declared at the top level (e.g. a taux de couverture followed on every commune)." })
field("indicator", "id", types.string, { required = true, nonempty = true, doc = "identifier, e.g. \"places_100\"" })
field("indicator", "label", types.string, { required = true, nonempty = true, doc = "label as printed" })
field("indicator", "sheet", types.string, { ref = "sheet", doc = "its sheet (implicit when declared inside a sheet or an action; none: a plan-wide indicator)" })
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
field("rule", "territory", types.string, { doc = "territory or group it looks at (default: the root territory)" })
field("rule", "territories", types.places, { doc = "threshold: territories or groups each checked (one finding per one that fails), or \"all\"; completeness: territories expected to report (default: all but the root)" })
field("rule", "from", types.year, { doc = "completeness: first year expected (default: the plan's first)" })
field("rule", "expect", enum { "increase", "decrease", "stable" }, { doc = "trend expected" })
field("rule", "op", enum { "<", "<=", ">", ">=", "==", "~=" }, { doc = "threshold: what must hold, e.g. op = \">=\", value = 15 (fires when it does not)" })
field("rule", "value", types.number, { doc = "threshold value" })
field("rule", "periods", types.count, { doc = "trend: number of recent year-on-year changes considered (default 2)" })
field("rule", "severity", SEVERITY, { doc = "info, warning (default) or critical" })
field("rule", "message", types.string, { doc = "text shown when it fires" })
field("rule", "check", types["function"], { export = false, doc = "custom rule: function(ctx) returning findings" })
field("rule", "note", types.text, { doc = "free note" })

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
end

return schema
