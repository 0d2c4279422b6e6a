-- ctg.rows — checking rows against the plan, for every way rows arrive (YAML, CSV, db:put).
-- A checker is compiled once per plan. Indicator observation rows are judged by one native
-- judge (host/lua/judge.c), the same for every reader: it returns codes, worded here through
-- the message catalogue (rows.* messages of ctg.msg.import). Progress, meeting and funding
-- rows, few, are checked here. Each problem comes back as {message, field} for the caller to
-- locate (file:line:column).
local schema = require("ctg.schema")
local suggest = require("ctg.suggest")
local msg = require("ctg.msg")
local kinds = require("ctg.kinds")

local rows = {}

--- Keys of an indicator row that are not dimensions.
rows.RESERVED = { "indicator", "period", "territory", "value", "numerator", "denominator",
                  "respondents", "text", "missing", "note", "source" }

--- French names of those keys as CSV column headers (ASCII, as the import template spells
--- them): what a French-dialect export writes, and what import reads back.
rows.FRENCH_COLUMNS = { indicator = "indicateur", period = "periode", territory = "territoire",
                        value = "valeur", numerator = "numerateur", denominator = "denominateur",
                        respondents = "repondants", text = "texte", missing = "manquant",
                        note = "note", source = "source" }

rows.STATUSES = { "planned", "started", "done", "dropped" }
local STATUS = {}
for _, s in ipairs(rows.STATUSES) do STATUS[s] = true end

--- Dimensions as one canonical text, sorted by name: "categorie=accueil;step=4-A". '%', ';'
--- and '=' inside names or values are percent-encoded so the text splits back unambiguously.
local function escape(s) return (tostring(s):gsub("[%%;=]", function(c) return string.format("%%%02X", c:byte()) end)) end
local function unescape(s) return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)) end

function rows.encode_dims(dims)
  local names = {}
  for k in pairs(dims) do names[#names + 1] = k end
  table.sort(names)
  local parts = {}
  for i, k in ipairs(names) do parts[i] = escape(k) .. "=" .. escape(dims[k]) end
  return table.concat(parts, ";")
end

function rows.decode_dims(text)
  local dims = {}
  if text == nil or text == "" then return dims end
  for part in text:gmatch("[^;]+") do
    local k, v = part:match("^(.-)=(.*)$")
    dims[unescape(k)] = unescape(v)
  end
  return dims
end

--- A period as stored: "2022", "2021-2022", "2022-09" (text, so that all three sort and compare).
function rows.period_text(p)
  local checked = schema.types.period.check(p)
  if checked == nil then return nil end
  return tostring(checked)
end

local function first_year(period_text)
  return tonumber(period_text:sub(1, 4))
end

local Checker = {}
Checker.__index = Checker

local function did_you_mean(word, candidates)
  local hint = suggest.closest(tostring(word), candidates)
  return hint and msg.text("rows.hint", { hint = hint }) or ""
end

--- A value as the messages show it: le texte "douze", le nombre -5, une table.
function rows.describe(v)
  if type(v) == "string" then return msg.text("rows.got.string", { text = string.format("%q", v) }) end
  if type(v) == "table" then return msg.text("rows.got.table") end
  if type(v) == "number" then return msg.text("rows.got.number", { number = tostring(v) }) end
  return msg.text("rows.got.other", { type = type(v), value = tostring(v) })
end
local describe = rows.describe

--- What checking rows needs of a plan version, as plain data: its outline. It is stored with
--- each version (plan_version.outline, with the version's hash), so that importing
--- observations never rebuilds the plan from its megabyte of source: {format, id, period =
--- {first, last}, indicators = {{id, kind, by?, baseline?}…}, territories = {{code, title}…} in plan order, roots (codes
--- of the territories without a parent), groups = {{code, territories}…}, steps, committees,
--- funding (codes), actions (numbers)}.
--- A change of what a checker reads of the plan changes this format number: an outline of
--- another format is ignored and the plan rebuilt.
rows.OUTLINE_FORMAT = 2

function rows.outline(p)
  local o = { format = rows.OUTLINE_FORMAT, id = p.id, period = { p.period[1], p.period[2] }, indicators = {},
              territories = {}, roots = p:roots(), groups = {}, steps = {}, actions = {}, committees = {}, funding = {},
              committee_titles = {}, funder_titles = {} }
  for i, ind in ipairs(p.indicators) do
    local by = {}
    for j, d in ipairs(ind.by or {}) do by[j] = d end
    o.indicators[i] = { id = ind.id, kind = ind.kind, by = by, baseline = ind.baseline }
  end
  for i, t in ipairs(p.territories) do o.territories[i] = { code = t.code, title = t.title, insee = t.insee } end
  for i, g in ipairs(p.groups) do
    local members = {}
    for j, code in ipairs(g.territories) do members[j] = code end
    o.groups[i] = { code = g.code, territories = members }
  end
  for i, x in ipairs(p.steps) do o.steps[i] = x.code end
  for i, x in ipairs(p.actions) do o.actions[i] = x.number end
  for i, x in ipairs(p.committees) do o.committees[i], o.committee_titles[i] = x.code, x.title or x.code end
  for i, x in ipairs(p.funding) do o.funding[i], o.funder_titles[i] = x.code, x.title or x.code end
  return o
end

-- Whether t is a list of values of which is_item holds.
local function list_of(t, is_item)
  if type(t) ~= "table" then return false end
  for _, v in ipairs(t) do if not is_item(v) then return false end end
  return true
end
local function is_string(v) return type(v) == "string" end
local function is_code(v) return type(v) == "string" or math.type(v) == "integer" end

--- Whether o (read back from a database, which anyone may have written) has the shape of an
--- outline of the current format: a checker built from it cannot fail on a type.
function rows.is_outline(o)
  return type(o) == "table" and o.format == rows.OUTLINE_FORMAT and is_string(o.id) and
    list_of(o.period, function(y) return math.type(y) == "integer" end) and #o.period == 2 and
    list_of(o.indicators, function(i)
      return type(i) == "table" and is_string(i.id) and is_string(i.kind) and list_of(i.by or {}, is_string) and
        (i.baseline == nil or is_code(i.baseline))
    end) and
    list_of(o.territories, function(t)
      return type(t) == "table" and is_string(t.code) and is_string(t.title) and (t.insee == nil or is_string(t.insee))
    end) and
    list_of(o.roots, is_string) and
    list_of(o.groups, function(g) return type(g) == "table" and is_string(g.code) and list_of(g.territories, is_string) end) and
    list_of(o.steps, is_string) and list_of(o.actions, is_code) and list_of(o.committees, is_string) and
    list_of(o.funding, is_string) and list_of(o.committee_titles, is_string) and #o.committee_titles == #o.committees and
    list_of(o.funder_titles, is_string) and #o.funder_titles == #o.funding
end

--- How many years before and after the plan's period an observation may fall: the diagnostic
--- and the baseline come before the plan, the renewal's figures after it; a year further
--- away is a probable typo (2042 for 2024). The one rule the import's judges (this checker,
--- host/lua/judge.c through judge_spec) and the evaluation's period range (ctg.eval) follow.
rows.YEARS_AROUND = 10

--- The years observations of a plan of period {first, last} may have: from ten years before
--- the plan (or an indicator's older baseline, earliest) to ten years after it.
function rows.observation_years(first, last, earliest)
  return math.min(first - rows.YEARS_AROUND, earliest or first), last + rows.YEARS_AROUND
end

--- Compile a checker for the plan of outline o (rows.outline).
--- Codes by their folded names (code or title, suggest.place): {key = code}; a key two
--- entries share names neither (false), so that a source can't pick one by chance.
function rows.by_folded_name(codes, titles)
  local map = {}
  for i, code in ipairs(codes) do
    for _, name in ipairs({ code, titles[i] }) do
      local key = suggest.place(name)
      if map[key] == nil or map[key] == code then map[key] = code else map[key] = false end
    end
  end
  return map
end

-- The code a committee or funder is named by: as it is when it is a code (or nil, or not
-- a known name: require_known then says why), else the code its folded name leads to.
local function named(value, set, folded)
  if value == nil or set[tostring(value)] then return value end
  return folded[suggest.place(value)] or value
end

function rows.checker(o)
  local c = setmetatable({ plan = o, indicators = {}, territories = {}, steps = {}, actions = {},
                           committees = {}, funders = {}, names = {} }, Checker)
  local first, last = o.period[1], o.period[2]
  local earliest = first
  for _, i in ipairs(o.indicators) do
    local by = {}
    for _, d in ipairs(i.by or {}) do by[d] = true end
    c.indicators[i.id] = { kind = i.kind, by = by, by_list = i.by or {} }
    local y = i.baseline and first_year(tostring(i.baseline))
    if y and y < earliest then earliest = y end
  end
  c.first, c.last = first, last
  c.earliest, c.latest = rows.observation_years(first, last, earliest)
  c.groups = {}
  for _, t in ipairs(o.territories) do c.territories[t.code] = t.code end
  for _, g in ipairs(o.groups) do c.groups[g.code] = g end
  -- a row without territory is for the root, when there is one root only
  c.city = #o.roots == 1 and o.roots[1] or nil
  for _, code in ipairs(o.steps) do c.steps[code] = true end
  for _, n in ipairs(o.actions) do c.actions[tostring(n)] = n end
  for _, code in ipairs(o.committees) do c.committees[code] = true end
  for _, code in ipairs(o.funding) do c.funders[code] = true end
  -- committees and funders as sources name them: their code or title, folded
  c.folded_committees = rows.by_folded_name(o.committees, o.committee_titles)
  c.folded_funders = rows.by_folded_name(o.funding, o.funder_titles)
  local function list(t) local l = {} for k in pairs(t) do l[#l + 1] = k end table.sort(l) return l end
  c.names = { indicator = list(c.indicators), territory = list(c.territories), step = list(c.steps),
              committee = list(c.committees), funder = list(c.funders) }
  -- a near miss of a committee or funder is compared with titles too
  for _, t in ipairs(o.committee_titles) do c.names.committee[#c.names.committee + 1] = t end
  for _, t in ipairs(o.funder_titles) do c.names.funder[#c.names.funder + 1] = t end
  return c
end

--- The territories by their names folded (case, accents, "St"/"Ste" for "Saint"/"Sainte",
--- see suggest.place): a territory is named by its code, or by its code, title or declared
--- INSEE code folded; a folded name that leads to more than one
--- territory is ambiguous. Built on first use: rows name territories by their codes, and
--- folding 2 000 titles is most of what opening a checker would cost.
function Checker:folded()
  if self.folded_names then return self.folded_names end
  local folded = {}
  for _, t in ipairs(self.plan.territories) do
    for _, name in ipairs({ t.code, t.title, t.insee }) do
      local key = suggest.place(name)
      local list = folded[key] or {}
      folded[key] = list
      if list[#list] ~= t then list[#list + 1] = t end
    end
  end
  self.folded_names = folded
  return folded
end

--- The territory code a row's territory names (its code, or its code, title or INSEE code
--- folded), or
--- nil and why.
function Checker:territory(name)
  local code = self.territories[name]
  if code then return code end
  local list = self:folded()[suggest.place(name)]
  if list and #list == 1 then return list[1].code end
  if list then
    local parts = {}
    for i, t in ipairs(list) do parts[i] = msg.text("rows.territory-named", { code = t.code, title = t.title }) end
    return nil, msg.text("rows.territory-ambiguous", { name = tostring(name), list = table.concat(parts, ", ") })
  end
  if self.groups[tostring(name)] then
    return nil, msg.text("rows.territory-group", { name = tostring(name),
      list = table.concat(self.groups[tostring(name)].territories, ", ") })
  end
  return nil, msg.text("rows.unknown-territory", { name = tostring(name), hint = self:territory_hint(name) })
end

--- " (vouliez-vous dire …)" for a territory name that is none: the code or title whose
--- folded name (suggest.place) is closest to the name folded, so that "St-Hilair-sur-Helpe"
--- finds "Saint-Hilaire-sur-Helpe". The folded names are built on first use.
function Checker:territory_hint(name)
  if not self.place_names then
    local keys, by_key = {}, {}
    for _, t in ipairs(self.plan.territories) do
      for _, n in ipairs({ t.code, t.title }) do
        local key = suggest.place(n)
        if not by_key[key] then keys[#keys + 1] = key; by_key[key] = n end
      end
    end
    self.place_names = { keys = keys, by_key = by_key }
  end
  local hint = suggest.closest(suggest.place(name), self.place_names.keys)
  return hint and msg.text("rows.hint", { hint = self.place_names.by_key[hint] }) or ""
end

--- What the native judge needs: the sets this checker compiled, and the territory resolver
--- for names that are not codes.
function Checker:judge_spec()
  local indicators, actions = {}, {}
  -- each indicator's row checks, from its kind's declaration (ctg.kinds): the judge knows
  -- shapes of figures, not kinds
  for id, ind in pairs(self.indicators) do
    local rules = kinds.row_rules(ind.kind) or {}
    indicators[id] = { kind = ind.kind, rows = rules.rows, whole = rules.whole, by = ind.by_list }
  end
  for k in pairs(self.actions) do actions[k] = true end
  return { plan_id = self.plan.id, city = self.city, earliest = self.earliest, latest = self.latest, first = self.first, last = self.last,
           indicators = indicators, territories = self.territories, steps = self.steps, actions = actions,
           territory = function(name) return (self:territory(name)) end }
end

--- The native judge of this plan's observation rows (compiled once).
function Checker:judge()
  if not self.native then self.native = require("ctg.store").judge(self:judge_spec()) end
  return self.native
end

-- Period: a valid form, inside the years around the plan (observations of indicators,
-- rows.observation_years) / the plan (the rest).
-- Results are cached per value: a file repeats the same few periods a million times.
function Checker:period(value, allow_baselines)
  local cache = allow_baselines and self.period_cache_wide or self.period_cache
  if not cache then
    cache = {}
    if allow_baselines then self.period_cache_wide = cache else self.period_cache = cache end
  end
  local hit = cache[value]
  if hit then return hit[1], hit[2] end
  local text = rows.period_text(value)
  local result
  if not text then
    result = { nil, msg.text("rows.bad-period", { got = describe(value) }) }
  else
    local y = first_year(text)
    local low = allow_baselines and self.earliest or self.first
    local high = allow_baselines and self.latest or self.last
    if y < low or y > high then
      result = { nil, self:outside(text, allow_baselines) }
    else
      result = { text }
    end
  end
  if type(value) ~= "table" then cache[value] = result end
  return result[1], result[2]
end

--- "period 2019 is outside the plan (2021-2025)", in French; for an observation, the years
--- accepted around the plan and why a year further away is refused.
function Checker:outside(text, allow_baselines)
  if allow_baselines then
    return msg.text("rows.period-far", { period = text, first = self.first, last = self.last,
      earliest = self.earliest, latest = self.latest, around = rows.YEARS_AROUND })
  end
  return msg.text("rows.period-outside", { period = text, first = self.first, last = self.last })
end

local function is_number(v) return type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge end

--- Beyond 2^53 a double no longer holds every integer: an amount (stored as REAL) would
--- silently become another number. The judge (host/lua/judge.c) refuses such values; funding rows
--- are checked here. A float of exactly 2^53 passes: from a decoded float, its text is gone.
rows.EXACT = 2 ^ 53

--- The rows.too-big sentence about v in field, v as written when the text is known.
function rows.too_big(field, v, text)
  return msg.text("rows.too-big", { field = field,
    got = text or string.format(math.type(v) == "integer" and "%d" or "%.17g", v) })
end

-- The words of one finding of the judge (its code: message rows.CODE).
function Checker:message(e)
  local vars = { field = e.field, got = describe(e.value), indicator = e.indicator,
                 kind = kinds.word(e.kind) }
  local code = e.code
  if code == "unknown-indicator" then
    vars.id, vars.hint = tostring(e.value), did_you_mean(e.value, self.names.indicator)
  elseif code == "period-outside" then
    return self:outside(e.value, true)
  elseif code == "territory" then
    return select(2, self:territory(e.value))
  elseif code == "no-dimension" then
    local ind = self.indicators[e.indicator]
    local candidates = {}
    for _, r in ipairs(rows.RESERVED) do candidates[#candidates + 1] = r end
    for _, d in ipairs(ind.by_list) do candidates[#candidates + 1] = d end
    vars.hint = did_you_mean(e.field, candidates)
    vars.dims = #ind.by_list > 0 and msg.text("rows.no-dimension.list", { list = table.concat(ind.by_list, ", ") })
      or msg.text("rows.no-dimension.none")
  elseif code == "unknown-step" then
    vars.value, vars.hint = tostring(e.value), did_you_mean(e.value, self.names.step)
  elseif code == "unknown-action" then
    vars.action = tostring(e.value)
  elseif code == "not-finite" then
    local v = e.value
    vars.got = msg.text(v ~= v and "rows.got.nan" or v > 0 and "rows.got.inf" or "rows.got.neg-inf")
  elseif code == "too-big" then
    -- (a number beyond 2^53 comes as its text: the double it rounds to would hide why)
    vars.got = type(e.value) == "string" and e.value or string.format(math.type(e.value) == "integer" and "%d" or "%.17g", e.value)
  elseif code == "negative" or code == "count-whole" then
    vars.got = tostring(e.value)
  elseif code == "score-respondents" then
    vars.respondents, vars.denominator = tostring(e.value), tostring(e.value2)
  elseif code == "share" then
    vars.numerator, vars.denominator = tostring(e.value), tostring(e.value2)
  elseif code == "note-type" or code == "source-type" then
    code = "field-text"
  end
  return msg.text("rows." .. code, vars)
end

-- The judge's findings as {field, message}.
function Checker:worded(list)
  local out = {}
  for i, e in ipairs(list or {}) do out[i] = { field = e.field, message = self:message(e), code = e.code } end
  return out
end

--- Check an indicator row {indicator, period, territory, value…, dimension = value…}.
--- Returns the normalised row (or nil), a list of errors and a list of warnings; each is
--- {message = …, field = "territory"}. The native judge decides (host/lua/judge.c).
function Checker:observation(row)
  local out, verdict = self:judge():check(row)
  local errors = self:worded(verdict and verdict.errors)
  local warnings = self:worded(verdict and verdict.warnings)
  if not out then return nil, errors, warnings end
  return out, errors, warnings
end

-- "unknown key 'x' in a progress row (did you mean …)", in French.
local function unknown_key(k, record, allowed)
  return msg.text("rows.unknown-key", { key = tostring(k), record = msg.text("rows.record." .. record),
    hint = did_you_mean(k, allowed) })
end

local function require_known(errors, field, value, set, names, what)
  if value == nil then
    errors[#errors + 1] = { field = field, message = msg.text("rows.missing-field", { field = field }) }
  elseif not set[tostring(value)] then
    errors[#errors + 1] = { field = field, message = msg.text("rows.unknown-" .. what, { value = tostring(value),
      hint = did_you_mean(value, names) }) }
  end
end

--- progress row {step, period, status, note}
function Checker:progress(row)
  local errors = {}
  require_known(errors, "step", row.step, self.steps, self.names.step, "step")
  local period, perr
  if row.period == nil then errors[#errors + 1] = { field = "period", message = msg.text("rows.missing-field", { field = "period" }) }
  else period, perr = self:period(row.period, false); if not period then errors[#errors + 1] = { field = "period", message = perr } end end
  if not STATUS[row.status] then
    errors[#errors + 1] = { field = "status", message = msg.text("rows.status", { list = table.concat(rows.STATUSES, ", "),
      got = describe(row.status), hint = did_you_mean(row.status, rows.STATUSES) }) }
  end
  for k in pairs(row) do
    if k ~= "step" and k ~= "period" and k ~= "status" and k ~= "note" and k ~= "source" then
      errors[#errors + 1] = { field = k, message = unknown_key(k, "progress", { "step", "period", "status", "note", "source" }) }
    end
  end
  if #errors > 0 then return nil, errors, {} end
  return { record = "progress", subject = tostring(row.step), period = period, territory = "", dims = "",
           status = row.status, note = row.note, source = row.source }, errors, {}
end

--- meeting row {committee, date, note}
function Checker:meeting(row)
  local errors = {}
  local committee = named(row.committee, self.committees, self.folded_committees)
  require_known(errors, "committee", committee, self.committees, self.names.committee, "committee")
  local date, why = schema.types.date.check(row.date)
  if not date then
    errors[#errors + 1] = { field = "date", message = row.date == nil and msg.text("rows.missing-field", { field = "date" }) or
      (select(2, require("ctg.date").parse(row.date)) or why) }
  elseif tonumber(date:sub(1, 4)) < self.first or tonumber(date:sub(1, 4)) > self.last then
    errors[#errors + 1] = { field = "date", message = msg.text("rows.date-outside", { date = date, first = self.first, last = self.last }) }
  end
  for k in pairs(row) do
    if k ~= "committee" and k ~= "date" and k ~= "note" and k ~= "source" then
      errors[#errors + 1] = { field = k, message = unknown_key(k, "meeting", { "committee", "date", "note", "source" }) }
    end
  end
  if #errors > 0 then return nil, errors, {} end
  return { record = "meeting", subject = committee, period = date, territory = "", dims = "",
           note = row.note, source = row.source }, errors, {}
end

--- funding row {funder, year, amount, action, note}
function Checker:funding(row)
  local errors = {}
  local funder = named(row.funder, self.funders, self.folded_funders)
  require_known(errors, "funder", funder, self.funders, self.names.funder, "funder")
  local year, yerr
  if row.year == nil then errors[#errors + 1] = { field = "year", message = msg.text("rows.missing-field", { field = "year" }) }
  else
    year, yerr = self:period(row.year, false)
    if not year or #year ~= 4 then errors[#errors + 1] = { field = "year", message = yerr or msg.text("rows.bad-year") } end
  end
  if not is_number(row.amount) or row.amount < 0 then
    errors[#errors + 1] = { field = "amount", message = msg.text("rows.amount", { got = describe(row.amount) }) }
  elseif math.abs(row.amount) > rows.EXACT then
    errors[#errors + 1] = { field = "amount", message = rows.too_big("amount", row.amount) }
  end
  local dims = ""
  if row.action ~= nil then
    if not self.actions[tostring(row.action)] then
      errors[#errors + 1] = { field = "action", message = msg.text("rows.unknown-action", { action = tostring(row.action) }) }
    else
      dims = rows.encode_dims({ action = tostring(row.action) })
    end
  end
  for k in pairs(row) do
    if k ~= "funder" and k ~= "year" and k ~= "amount" and k ~= "action" and k ~= "note" and k ~= "source" then
      errors[#errors + 1] = { field = k, message = unknown_key(k, "funding", { "funder", "year", "amount", "action", "note", "source" }) }
    end
  end
  if #errors > 0 then return nil, errors, {} end
  return { record = "funding", subject = funder, period = year, territory = "", dims = dims,
           value = row.amount, note = row.note, source = row.source }, errors, {}
end

--- The section of an observation file each kind of row comes under.
rows.SECTIONS = { observations = "observation", progress = "progress", meetings = "meeting", funding = "funding" }

return rows
