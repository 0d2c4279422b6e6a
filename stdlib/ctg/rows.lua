-- ctg.rows — checking one observation row against the plan, for every way rows arrive
-- (YAML, CSV, db:put). A checker is compiled once per plan so that a million rows cost
-- hash lookups, not scans; each problem comes back as {message, field} for the caller to
-- locate (file:line:column).
local schema = require("ctg.schema")
local suggest = require("ctg.suggest")

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
local RESERVED = {}
for _, k in ipairs(rows.RESERVED) do RESERVED[k] = true end

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
  return hint and " (did you mean '" .. hint .. "'?)" or ""
end

--- Compile a checker for plan p.
function rows.checker(p)
  local c = setmetatable({ plan = p, indicators = {}, territories = {}, steps = {}, actions = {},
                           committees = {}, funders = {}, names = {} }, Checker)
  local first, last = p.period[1], p.period[2]
  local earliest = first
  for _, i in ipairs(p.indicators) do
    local by = {}
    for _, d in ipairs(i.by or {}) do by[d] = true end
    c.indicators[i.id] = { node = i, kind = i.kind, by = by, by_list = i.by or {} }
    local y = i.baseline and first_year(tostring(i.baseline))
    if y and y < earliest then earliest = y end
  end
  c.first, c.last, c.earliest = first, last, earliest
  -- a territory is named by its code, or by its code or title folded (case, accents): the
  -- folded names that lead to more than one territory are ambiguous
  c.folded, c.groups = {}, {}
  for _, t in ipairs(p.territories) do
    c.territories[t.code] = t.code
    for _, name in ipairs({ t.code, t.title }) do
      local key = suggest.fold(name)
      local list = c.folded[key] or {}
      c.folded[key] = list
      if list[#list] ~= t then list[#list + 1] = t end
    end
  end
  for _, g in ipairs(p.groups) do c.groups[g.code] = g end
  -- a row without territory is for the root, when there is one root only
  local roots = p:roots()
  c.city = #roots == 1 and roots[1] or nil
  for _, s in ipairs(p.steps) do c.steps[s.code] = true end
  for _, a in ipairs(p.actions) do c.actions[tostring(a.number)] = a.number end
  for _, m in ipairs(p.committees) do c.committees[m.code] = true end
  for _, f in ipairs(p.funding) do c.funders[f.code] = true end
  local function list(t) local l = {} for k in pairs(t) do l[#l + 1] = k end table.sort(l) return l end
  c.names = { indicator = list(c.indicators), territory = list(c.territories), step = list(c.steps),
              committee = list(c.committees), funder = list(c.funders) }
  return c
end

--- What the native fast path of an import needs to accept plainly right rows on its own
--- (see host/fastrow.c): the same sets this checker uses.
--- The territory code a row's territory names, or nil and why.
function Checker:territory(name)
  local code = self.territories[name]
  if code then return code end
  local list = self.folded[suggest.fold(name)]
  if list and #list == 1 then return list[1].code end
  if list then
    local parts = {}
    for i, t in ipairs(list) do parts[i] = t.code .. " (« " .. t.title .. " »)" end
    return nil, "territoire « " .. tostring(name) .. " » ambigu : il désigne " .. table.concat(parts, ", ") ..
      " ; écrivez le code du territoire voulu"
  end
  if self.groups[tostring(name)] then
    return nil, "« " .. tostring(name) .. " » est un groupe de territoires : enregistrez les chiffres sur ses territoires (" ..
      table.concat(self.groups[tostring(name)].territories, ", ") .. "), sa valeur en découle"
  end
  return nil, "unknown territory '" .. tostring(name) .. "'" .. did_you_mean(name, self.names.territory)
end

function Checker:fast_spec(import_id, source)
  local indicators, actions = {}, {}
  for id, ind in pairs(self.indicators) do indicators[id] = { kind = ind.kind, by = ind.by } end
  for k in pairs(self.actions) do actions[k] = true end
  return { plan_id = self.plan.id, import_id = import_id, source = source, city = self.city,
           earliest = self.earliest, first = self.first, last = self.last, indicators = indicators,
           territories = self.territories, steps = self.steps, actions = actions }
end


-- Period: a valid form, inside the plan or its baselines (indicators) / the plan (the rest).
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
    result = { nil, "period must be a year (2022), a school year (\"2021-2022\") or a month (\"2022-09\"), got " .. schema.describe(value) }
  else
    local y = first_year(text)
    local low = allow_baselines and self.earliest or self.first
    if y < low or y > self.last then
      result = { nil, "period " .. text .. " is outside the plan (" .. self.first .. "-" .. self.last .. ")" ..
        (allow_baselines and self.earliest < self.first and " and its baselines (from " .. self.earliest .. ")" or "") }
    else
      result = { text }
    end
  end
  if type(value) ~= "table" then cache[value] = result end
  return result[1], result[2]
end

local function is_number(v) return type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge end
-- the largest integer a double (the database's REAL) holds exactly: 2^53
local EXACT = 9007199254740992

local NUMBER_KEYS = { "value", "numerator", "denominator" }

local function add(list, field, message) list[#list + 1] = { field = field, message = message } end

-- Dimensions of a row (every key that is not reserved), checked against the indicator.
local function check_dimensions(self, row, id, ind, errors)
  local dims, n = nil, 0
  for k, v in pairs(row) do
    if not RESERVED[k] then
      if ind and not ind.by[k] then
        local candidates = {}
        for _, r in ipairs(rows.RESERVED) do candidates[#candidates + 1] = r end
        for _, d in ipairs(ind.by_list) do candidates[#candidates + 1] = d end
        add(errors, k, "indicator " .. id .. " has no dimension '" .. tostring(k) .. "'" .. did_you_mean(k, candidates) ..
          (#ind.by_list > 0 and " (its dimensions: " .. table.concat(ind.by_list, ", ") .. ")" or " (it has no dimensions)"))
      elseif type(v) ~= "string" and type(v) ~= "number" then
        add(errors, k, "dimension '" .. tostring(k) .. "' must be a text or a number, got " .. schema.describe(v))
      elseif k == "step" and not self.steps[tostring(v)] then
        add(errors, k, "unknown step '" .. tostring(v) .. "'" .. did_you_mean(v, self.names.step))
      elseif k == "action" and not self.actions[tostring(v)] then
        add(errors, k, "unknown action " .. tostring(v))
      else
        dims = dims or {}
        dims[k] = tostring(v)
        n = n + 1
      end
    end
  end
  if n == 0 then return "" end
  if n == 1 then
    local k, v = next(dims)
    return escape(k) .. "=" .. escape(v)
  end
  return rows.encode_dims(dims)
end

-- What the row says must fit the indicator's kind: exactly one of value, numerator +
-- denominator, text, missing (a score may add numerator/denominator to its value).
local function check_content(row, id, kind, errors, warnings)
  local has_value, has_ratio = row.value ~= nil, row.numerator ~= nil or row.denominator ~= nil
  local has_text, has_missing = row.text ~= nil, row.missing ~= nil
  if has_missing then
    if has_value or has_ratio or has_text then add(errors, "missing", "a row marked missing must give no value, numerator, denominator or text") end
  elseif row.respondents ~= nil and kind ~= "score" then
    add(errors, "respondents", "respondents (nombre de répondants) ne vaut que pour un indicateur de type score ; " .. id .. " est de type " .. kind)
  elseif kind == "ratio" then
    if has_value and not has_ratio then
      -- a rate published without its figures (CNAF, INSEE): stored as it is, never rolled up
      if has_text then add(errors, "text", "indicator " .. id .. " is a ratio: give value (a published rate) or numerator and denominator, not text") end
    elseif row.numerator == nil or row.denominator == nil then
      add(errors, row.numerator == nil and "numerator" or "denominator", "indicator " .. id .. " is a ratio: give both numerator and denominator")
    elseif has_value or has_text then
      add(errors, has_value and "value" or "text", "indicator " .. id .. " is a ratio: give numerator and denominator, or value alone (a published rate)")
    elseif row.numerator > row.denominator and row.denominator > 0 then
      add(warnings, "numerator", "numerator " .. row.numerator .. " is above denominator " .. row.denominator ..
        " for indicator " .. id .. ": is it really a share?")
    end
  elseif kind == "qualitative" then
    if not has_text or has_value or has_ratio then
      add(errors, has_text and "value" or "text", "indicator " .. id .. " is qualitative: give text (an assessment)")
    end
  elseif kind == "score" then
    if not has_value then
      add(errors, "value", "indicator " .. id .. " is a score: give value (the mean score), optionally numerator (answers at or above the threshold) and denominator (answers)")
    elseif has_text then
      add(errors, "text", "indicator " .. id .. " is a score: text is not allowed")
    elseif row.numerator ~= nil and row.denominator == nil and row.respondents == nil then
      -- the denominator alone is the number of respondents (what respondents says)
      add(errors, "denominator", "indicator " .. id .. ": numerator (answers at or above the threshold) needs denominator (the answers, or respondents)")
    elseif row.respondents ~= nil and row.denominator ~= nil and row.respondents ~= row.denominator then
      add(errors, "respondents", "respondents (" .. tostring(row.respondents) .. ") et denominator (" .. tostring(row.denominator) ..
        ") disent tous deux le nombre de répondants : n'en donnez qu'un")
    end
  else -- count, evolution
    if has_ratio and not has_value then
      add(errors, "numerator", "indicator " .. id .. " is a " .. kind .. ": give value, not numerator and denominator")
    elseif not has_value then
      add(errors, "value", "indicator " .. id .. " is a " .. kind .. ": give value")
    elseif has_ratio or has_text then
      add(errors, has_text and "text" or "numerator", "indicator " .. id .. " is a " .. kind .. ": give only value")
    elseif kind == "count" and row.value ~= math.floor(row.value) then
      add(errors, "value", "indicator " .. id .. " counts: value must be a whole number, got " .. tostring(row.value))
    end
  end
end

--- Check an indicator row {indicator, period, territory, value…, dimension = value…}.
--- Returns the normalised row (or nil), a list of errors and a list of warnings; each is
--- {message = …, field = "territory"}.
function Checker:observation(row)
  local errors, warnings = {}, {}
  local out = { record = "value" }
  local id = row.indicator
  local ind = id ~= nil and self.indicators[id]
  if id == nil then
    add(errors, "indicator", "missing indicator")
  elseif not ind then
    add(errors, "indicator", "unknown indicator '" .. tostring(id) .. "'" .. did_you_mean(id, self.names.indicator))
  end
  out.subject = id
  if row.period == nil then
    add(errors, "period", "missing period")
  else
    local p, perr = self:period(row.period, true)
    if not p then add(errors, "period", perr) end
    out.period = p
  end
  local terr = row.territory
  if terr == nil then
    if self.city then out.territory = self.city else add(errors, "territory", "missing territory") end
  else
    local code, why = self:territory(terr)
    if not code then add(errors, "territory", why) end
    out.territory = code
  end
  out.dims = check_dimensions(self, row, id, ind, errors)
  for i = 1, 3 do
    local k = NUMBER_KEYS[i]
    local v = row[k]
    if v ~= nil then
      if type(v) == "number" and not is_number(v) then
        add(errors, k, k .. " doit être un nombre fini, reçu " .. (v ~= v and "NaN (.nan)" or v > 0 and "l'infini (.inf)" or "moins l'infini (-.inf)"))
      elseif not is_number(v) then
        add(errors, k, k .. " must be a number, got " .. schema.describe(v))
      elseif (v > EXACT or v < -EXACT) and (math.type(v) == "integer" or v == math.floor(v)) then
        -- stored as a double: beyond 2^53 an integer would silently become another one
        add(errors, k, k .. " est trop grand pour être gardé exactement (au plus 9 007 199 254 740 992), reçu " ..
          string.format(math.type(v) == "integer" and "%d" or "%.17g", v))
      elseif v < 0 then
        add(errors, k, k .. " must not be negative, got " .. tostring(v))
      else
        out[k] = v
      end
    end
  end
  if row.respondents ~= nil then
    local n = schema.types.count.check(row.respondents)
    if not n then
      add(errors, "respondents", "respondents (nombre de répondants) doit être un entier ≥ 0, reçu " .. schema.describe(row.respondents))
    elseif out.denominator == nil then
      out.denominator = n -- the answers a mean is taken over: what weights it in a roll-up
    end
  end
  local text, missing = row.text, row.missing
  if text ~= nil and type(text) ~= "string" then add(errors, "text", "text must be text, got " .. schema.describe(text)) else out.text = text end
  if missing ~= nil and (type(missing) ~= "string" or missing == "") then
    add(errors, "missing", "missing must give the reason the value is not available, as text")
  else
    out.missing = missing
  end
  if row.note ~= nil then out.note = tostring(row.note) end
  if row.source ~= nil then out.source = tostring(row.source) end
  if ind and #errors == 0 then check_content(row, id, ind.kind, errors, warnings) end
  if #errors > 0 then return nil, errors, warnings end
  return out, errors, warnings
end

local function require_known(errors, field, value, set, names, what)
  if value == nil then
    errors[#errors + 1] = { field = field, message = "missing " .. field }
  elseif not set[tostring(value)] then
    errors[#errors + 1] = { field = field, message = "unknown " .. what .. " '" .. tostring(value) .. "'" .. did_you_mean(value, names) }
  end
end

--- progress row {step, period, status, note}
function Checker:progress(row)
  local errors = {}
  require_known(errors, "step", row.step, self.steps, self.names.step, "step")
  local period, perr
  if row.period == nil then errors[#errors + 1] = { field = "period", message = "missing period" }
  else period, perr = self:period(row.period, false); if not period then errors[#errors + 1] = { field = "period", message = perr } end end
  if not STATUS[row.status] then
    errors[#errors + 1] = { field = "status", message = "status must be one of " .. table.concat(rows.STATUSES, ", ") ..
      ", got " .. schema.describe(row.status) .. did_you_mean(row.status, rows.STATUSES) }
  end
  for k in pairs(row) do
    if k ~= "step" and k ~= "period" and k ~= "status" and k ~= "note" and k ~= "source" then
      errors[#errors + 1] = { field = k, message = "unknown key '" .. tostring(k) .. "' in a progress row" .. did_you_mean(k, { "step", "period", "status", "note", "source" }) }
    end
  end
  if #errors > 0 then return nil, errors, {} end
  return { record = "progress", subject = tostring(row.step), period = period, territory = "", dims = "",
           status = row.status, note = row.note, source = row.source }, errors, {}
end

--- meeting row {committee, date, note}
function Checker:meeting(row)
  local errors = {}
  require_known(errors, "committee", row.committee, self.committees, self.names.committee, "committee")
  local date, why = schema.types.date.check(row.date)
  if not date then
    errors[#errors + 1] = { field = "date", message = row.date == nil and "missing date" or
      (select(2, require("ctg.date").parse(row.date)) or why) }
  elseif tonumber(date:sub(1, 4)) < self.first or tonumber(date:sub(1, 4)) > self.last then
    errors[#errors + 1] = { field = "date", message = "date " .. date .. " is outside the plan (" .. self.first .. "-" .. self.last .. ")" }
  end
  for k in pairs(row) do
    if k ~= "committee" and k ~= "date" and k ~= "note" and k ~= "source" then
      errors[#errors + 1] = { field = k, message = "unknown key '" .. tostring(k) .. "' in a meeting row" .. did_you_mean(k, { "committee", "date", "note", "source" }) }
    end
  end
  if #errors > 0 then return nil, errors, {} end
  return { record = "meeting", subject = row.committee, period = date, territory = "", dims = "",
           note = row.note, source = row.source }, errors, {}
end

--- funding row {funder, year, amount, action, note}
function Checker:funding(row)
  local errors = {}
  require_known(errors, "funder", row.funder, self.funders, self.names.funder, "funder")
  local year, yerr
  if row.year == nil then errors[#errors + 1] = { field = "year", message = "missing year" }
  else
    year, yerr = self:period(row.year, false)
    if not year or #year ~= 4 then errors[#errors + 1] = { field = "year", message = yerr or "year must be a year such as 2022" } end
  end
  if not is_number(row.amount) or row.amount < 0 then
    errors[#errors + 1] = { field = "amount", message = "amount must be a number of euros ≥ 0, got " .. schema.describe(row.amount) }
  end
  local dims = ""
  if row.action ~= nil then
    if not self.actions[tostring(row.action)] then
      errors[#errors + 1] = { field = "action", message = "unknown action " .. tostring(row.action) }
    else
      dims = rows.encode_dims({ action = tostring(row.action) })
    end
  end
  for k in pairs(row) do
    if k ~= "funder" and k ~= "year" and k ~= "amount" and k ~= "action" and k ~= "note" and k ~= "source" then
      errors[#errors + 1] = { field = k, message = "unknown key '" .. tostring(k) .. "' in a funding row" .. did_you_mean(k, { "funder", "year", "amount", "action", "note", "source" }) }
    end
  end
  if #errors > 0 then return nil, errors, {} end
  return { record = "funding", subject = row.funder, period = year, territory = "", dims = dims,
           value = row.amount, note = row.note, source = row.source }, errors, {}
end

--- The section of an observation file each kind of row comes under.
rows.SECTIONS = { observations = "observation", progress = "progress", meetings = "meeting", funding = "funding" }

return rows
