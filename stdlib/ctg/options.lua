-- ctg.options — the one checker of the options tables of the Lua API (ctg.open, ctg.evaluate,
-- ev:value, ev:series, ev:breakdown, ev:explain, ev:periods_with_data, db:observations,
-- db:history…): a script that misspells a key, gives a wrong type, names a territory or
-- an indicator the plan does not have, or a date that cannot be, is told so at its own line
-- (the first frame outside ctg's library), in French, with "vouliez-vous dire …", rather
-- than getting the city's value or today's data in silence.
--
--   local o = options.check(opts, {"period", "territory"}, "ev:value", {plan = p})
--   -- o: the same options under their English names, the territory as its code, the
--   -- period as stored ("2023")
--
-- Keys are accepted in English or in French (accented or not: `territoire`, `période`,
-- `connu_au`), the French names of the plan vocabulary (ctg.schema) where a field of the
-- same meaning exists, else those of options.FRENCH.
local msg = require("ctg.msg")
local suggest = require("ctg.suggest")

local options = {}

--- What each option key holds, the same wherever it is accepted.
options.KINDS = {
  period = "period", until_period = "period", territory = "territory", indicator = "indicator",
  as_of = "date", known_at = "known_at", plan = "string", dim = "string", dim_value = "scalar",
  unassessed = "boolean", max_cells = "integer", create = "boolean", readonly = "boolean",
  busy_timeout = "integer", by = "string", record = "string", subject = "string", territories = "list",
}

--- The French names of the options the plan vocabulary has no field for.
options.FRENCH = {
  as_of = "au", known_at = "connu_au", until_period = "jusqu_a", dim = "dimension",
  dim_value = "valeur_dimension", unassessed = "sans_cible", max_cells = "cellules_max",
  create = "creer", readonly = "lecture_seule", busy_timeout = "attente_ms", by = "auteur",
  record = "enregistrement", subject = "sujet",
}

-- The French name of an option: options.FRENCH's, else the schema's name of a field spelt
-- the same in English (territory → territoire, period → periode, indicator → indicateur).
local french_cache = {}
function options.french(key)
  if french_cache[key] ~= nil then return french_cache[key] or nil end
  local schema = require("ctg.schema")
  local found = options.FRENCH[key]
  for _, kind in ipairs(found and {} or schema.order) do
    local f = schema.kinds[kind].fields[key]
    if f and f.french and f.french ~= key then found = f.french break end
  end
  french_cache[key] = found or false
  return found
end

-- ---- where an error is the caller's -------------------------------------------------------

--- "file:line: " of the innermost frame outside ctg's library (the script's or the
--- console's line), "" when there is none (a tail call from the console: the REPL then
--- names the input line itself).
function options.where()
  local sys = require("ctg.sys")
  for level = 2, 80 do
    local info = debug.getinfo(level, "Sl")
    if not info then break end
    if info.what ~= "C" and info.currentline and info.currentline > 0 and not sys.is_stdlib_source(info.source) then
      return info.short_src .. ":" .. info.currentline .. ": "
    end
  end
  return ""
end

--- Raise text at the caller's line (see options.where).
function options.fail(text)
  error(options.where() .. text, 0)
end

local function hint_text(hint)
  return hint and msg.text("api.hint", { hint = hint }) or ""
end

local function describe(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "table" then
    local mt = getmetatable(v)
    local name = type(mt) == "table" and rawget(mt, "__name")
    return name and msg.text("api.got-table", { kind = tostring(name) }) or msg.text("api.got-plain-table")
  end
  return msg.text("api.got-value", { type = type(v), value = tostring(v) })
end

-- ---- places, indicators, periods, dates ---------------------------------------------------

-- The text field key of an object (a plan element, or the read-only view of one a report
-- script holds, whose fields are read through __index), or nil.
local function text_field(v, key)
  if type(v) ~= "table" then return nil end
  local ok, x = pcall(function() return v[key] end)
  return ok and type(x) == "string" and x or nil
end

--- The code of the territory or group of plan p that v names: a node (what p:root() or
--- p:territory() return), a code, a title or an INSEE code (case and accents aside, as
--- imports read them). Anything else fails at the caller's line with the closest name.
function options.territory(p, v, fname)
  local code = text_field(v, "code")
  if code then
    if p:place(code) then return code end
    v = code
  end
  if type(v) ~= "string" then
    options.fail(msg.text("api.bad-type", { fn = fname, key = "territory", want = msg.text("api.want.territory"),
      got = describe(v) }))
  end
  if p:place(v) then return v end
  local key = suggest.fold(v)
  local found, candidates = {}, {}
  local function consider(node)
    candidates[#candidates + 1] = node.code
    if suggest.fold(node.code) == key or suggest.fold(node.title or "") == key or (node.insee and node.insee == v) then
      found[#found + 1] = node
    end
  end
  for _, t in ipairs(p.territories) do consider(t) end
  for _, g in ipairs(p.groups) do consider(g) end
  if #found == 1 then return found[1].code end
  if #found > 1 then
    local parts = {}
    for i, t in ipairs(found) do parts[i] = msg.text("rows.territory-named", { code = t.code, title = t.title }) end
    options.fail(msg.text("api.territory-ambiguous", { fn = fname, name = v, list = table.concat(parts, ", ") }))
  end
  -- the closest of the codes and titles, as the script may have meant either
  for _, t in ipairs(p.territories) do candidates[#candidates + 1] = t.title end
  for _, g in ipairs(p.groups) do candidates[#candidates + 1] = g.title end
  local hint = suggest.closest(v, candidates)
  options.fail(msg.text("api.unknown-territory", { fn = fname, name = v, hint = hint_text(hint) }))
end

--- The indicator of plan p with id v, or a failure at the caller's line naming the closest.
function options.indicator(p, v, fname)
  v = text_field(v, "id") or v
  if type(v) ~= "string" then
    options.fail(msg.text("api.bad-type", { fn = fname, key = "indicator", want = msg.text("api.want.indicator"),
      got = describe(v) }))
  end
  local ind = p:indicator(v)
  if ind then return ind end
  local ids = {}
  for _, i in ipairs(p.indicators) do ids[#ids + 1] = i.id end
  local hint = suggest.closest(v, ids)
  options.fail(msg.text("api.unknown-indicator", { fn = fname, id = v,
    hint = hint and hint_text(hint) or msg.text("api.indicators-listed") }))
end

--- A period as stored ("2023", "2021-2022", "2022-09"), inside range {first, last} years
--- when given; else a failure at the caller's line.
function options.period(v, fname, key, range)
  local text = require("ctg.rows").period_text(v)
  if not text or not require("ctg.date").period(text) then
    local _, why = require("ctg.date").period(v)
    options.fail(msg.text("api.bad-period", { fn = fname, key = key, why = why or describe(v) }))
  end
  local year = tonumber(text:sub(1, 4))
  if range and (year < range[1] or year > range[2]) then
    options.fail(msg.text("api.period-outside", { fn = fname, key = key, period = text, first = range[1], last = range[2] }))
  end
  return text
end

--- A date (Date or text "YYYY[-MM[-DD]]"), checked; a failure at the caller's line.
function options.date(v, fname, key)
  local d, why = require("ctg.date").parse(v)
  if not d then options.fail(msg.text("api.bad-date", { fn = fname, key = key, why = why })) end
  return d
end

--- A known-at date: a date, not in the future (no data is known past today), and, with a
--- database, not before its first import (nothing was known then).
function options.known_at(v, fname, key, d)
  local day = options.date(v, fname, key)
  local date, present = require("ctg.date"), require("ctg.present")
  local today = date.today()
  if day:first() > today then
    options.fail(msg.text("api.known-future", { fn = fname, key = key, day = present.date(day:first():iso()),
      today = present.date(today:iso()) }))
  end
  if d then
    local first = d:first_import_day()
    if not first then
      options.fail(msg.text("api.known-empty", { fn = fname, key = key, path = tostring(d.path) }))
    end
    if day:last():iso() < first then
      options.fail(msg.text("api.known-before", { fn = fname, key = key, day = present.date(day:last():iso()),
        first = present.date(first) }))
    end
  end
  return v
end

-- ---- the checker ---------------------------------------------------------------------------

local TYPES = {
  string = function(v) return type(v) == "string" end,
  boolean = function(v) return type(v) == "boolean" end,
  integer = function(v) return math.type(v) == "integer" end,
  scalar = function(v) return type(v) == "string" or type(v) == "number" end,
  list = function(v) return type(v) == "table" and getmetatable(v) == nil end,
}

-- The English key a key of the caller stands for among the accepted ones, or nil.
local function english_key(k, accepted)
  if type(k) ~= "string" then return nil end
  if accepted[k] then return k end
  local plain = suggest.unaccent(k)
  for name in pairs(accepted) do
    local fr = options.french(name)
    if fr and (fr == k or fr == plain) then return name end
  end
end

--- Check opts (nil: none) against the keys accepted (a list of option names, see
--- options.KINDS) by function fname ("ev:value"); ctx: plan (territories and indicators
--- resolved, periods checked against range), range ({first, last} years), db (known-at
--- dates checked against its imports). Returns a new table: English keys, a territory as
--- its code, an indicator as its id, a period as stored. Every mistake is raised at the
--- caller's line. One helper for every entry point (ev:table of issue 26b calls it too).
-- The set of a list of keys, kept per list (the callers' lists are constants): ev:value is
-- called for every cell of a table, and its check must cost little beside the value.
local sets = setmetatable({}, { __mode = "k" })
local function set_of(keys)
  local set = sets[keys]
  if not set then
    set = {}
    for _, k in ipairs(keys) do set[k] = true end
    sets[keys] = set
  end
  return set
end

function options.check(opts, keys, fname, ctx)
  ctx = ctx or {}
  if opts == nil then return {} end
  -- a table of the script (or a read-only view of one), not one of ctg's objects
  local mt = type(opts) == "table" and getmetatable(opts)
  if type(opts) ~= "table" or (type(mt) == "table" and rawget(mt, "__name")) then
    options.fail(msg.text("api.not-table", { fn = fname, got = describe(opts) }))
  end
  local accepted = set_of(keys)
  local out, from = {}, {}
  -- the usual call: English keys only, taken as they are
  local plain = true
  for k, v in pairs(opts) do
    if accepted[k] then out[k], from[k] = v, k else plain = false break end
  end
  if not plain then out, from = options.rename(opts, keys, accepted, fname) end
  for _, name in ipairs(keys) do
    local v = out[name]
    if v ~= nil then out[name] = options.value(name, v, fname, ctx, from[name]) end
  end
  return out
end

-- The options under their English names (French ones translated), or a failure at the
-- caller's line for a key that is neither, or one given twice. Keys are looked at in sorted
-- order: with two mistakes, the same one is reported every run.
function options.rename(opts, keys, accepted, fname)
  local out, from = {}, {}
  local given = {}
  for k in pairs(opts) do given[#given + 1] = k end
  table.sort(given, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(given) do
    local name = english_key(k, accepted)
    if not name then
      local candidates = {}
      for _, a in ipairs(keys) do
        candidates[#candidates + 1] = a
        candidates[#candidates + 1] = options.french(a)
      end
      local hint = type(k) == "string" and (suggest.closest(k, candidates) or suggest.closest(suggest.unaccent(k), candidates))
      local names = {}
      for _, a in ipairs(keys) do names[#names + 1] = options.french(a) and (a .. "/" .. options.french(a)) or a end
      options.fail(msg.text("api.unknown-option", { fn = fname, key = tostring(k), hint = hint_text(hint),
        names = table.concat(names, ", ") }))
    end
    if from[name] then
      options.fail(msg.text("api.twice", { fn = fname, key = tostring(k), other = tostring(from[name]) }))
    end
    from[name] = k
    out[name] = opts[k]
  end
  return out, from
end

--- One option's value checked (and resolved: a territory's code, a period as stored);
--- written: the key as the caller wrote it (its French name), for the messages.
function options.value(name, v, fname, ctx, written)
  local kind = options.KINDS[name] or "scalar"
  written = tostring(written or name)
  if kind == "period" then
    -- a period checked once per context (an evaluation checks the same few thousands of times)
    local cache = ctx.periods
    local hit = cache and cache[v]
    if hit then return hit end
    local text = options.period(v, fname, written, ctx.range)
    if cache then cache[v] = text end
    return text
  end
  if kind == "date" then options.date(v, fname, written) return v end
  if kind == "known_at" then return options.known_at(v, fname, written, ctx.db) end
  if kind == "territory" then
    if ctx.plan and type(v) == "string" and ctx.plan.model:get("territory", v) then return v end
    if ctx.plan then return options.territory(ctx.plan, v, fname) end
    v = text_field(v, "code") or v
    kind = "string"
  end
  if kind == "indicator" then
    if ctx.plan then return options.indicator(ctx.plan, v, fname).id end
    v = text_field(v, "id") or v
    kind = "string"
  end
  if not TYPES[kind](v) then
    options.fail(msg.text("api.bad-type", { fn = fname, key = written, want = msg.text("api.want." .. kind), got = describe(v) }))
  end
  return v
end

return options
