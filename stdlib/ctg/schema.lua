-- ctg.schema — every declaration of the plan vocabulary and every field it takes, declared
-- once. Checking (ctg.dsl), the YAML/JSON mapping (ctg.export) and `ctg help vocabulary`
-- are all derived from these declarations, so a field added here is checked, exported and
-- documented everywhere at once.
local schema = {}

--- Kinds in the order a plan is exported and documented.
schema.order = {}
--- kind name -> declaration
schema.kinds = {}

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
field("plan", "effective", types.date, { doc = "date from which this version applies (default: signed, else council_date, else the day it is imported; see ctg help time)" })
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
      if out[name] ~= nil then return nil, "'" .. tostring(name) .. "' given twice" end
      out[name] = x
    end
    return out
  end
  return setmetatable({ doc = t.doc, check = function(v)
    if values then v = translate_value(v) end
    if keys then
      if t.list_of and type(v) == "table" then
        local out = {}
        for k, item in pairs(v) do
          local x, dup = translate_keys(item)
          if x == nil then return nil, t.doc .. " (" .. dup .. ")" end
          out[k] = x
        end
        v = out
      else
        local x, dup = translate_keys(v)
        if x == nil then return nil, t.doc .. " (" .. dup .. ")" end
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
  kind = { "nature", values = { comptage = "count", taux = "ratio", qualitatif = "qualitative" } },
  unit = "unite", numerator = "numerateur", denominator = "denominateur", scale = "echelle", base = "base",
  baseline = "reference", scale_min = "echelle_min", scale_max = "echelle_max", threshold = "seuil",
  time = { "cumul", values = { somme = "sum", dernier = "last", moyenne = "mean" } },
  direction = { "sens", values = { hausse = "higher", baisse = "lower" } },
  by = "par", targets = "cibles", note = "note" } })
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
function schema.field_named(kind_name, key)
  local k = schema.kinds[kind_name]
  if type(key) ~= "string" then return nil end
  if k.fields[key] then return key end
  local alias_of = k.alias_of or {}
  return alias_of[key] or alias_of[require("ctg.suggest").unaccent(key)]
end

--- The names of a kind's fields in one language ("fr" or "en"), in declared order.
function schema.field_names(kind_name, lang)
  local out = {}
  for _, f in ipairs(schema.kinds[kind_name].field_list) do
    out[#out + 1] = lang == "fr" and f.french or f.name
  end
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
