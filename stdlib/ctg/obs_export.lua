-- ctg.obs_export — current observations out of the database, as YAML (re-importable: export
-- -> import into a fresh database -> export gives the same text), CSV (indicator values,
-- French or international dialect) or JSON.
local rows = require("ctg.rows")

local obs_export = {}

--- The fixed file-level source of an export (each row keeps its own source).
obs_export.SOURCE = "ctg export"

local function number(v)
  if v == nil then return nil end
  return math.tointeger(v) or v
end

local function period_value(text)
  return text:match("^%d%d%d%d$") and math.tointeger(tonumber(text)) or text
end

-- One exported row per stored row, keys as an import reads them.
local function row_of(r)
  local out
  if r.record == "value" then
    out = { indicator = r.subject, period = period_value(r.period), territory = r.territory }
    for k, v in pairs(rows.decode_dims(r.dims)) do out[k] = v end
    out.value, out.numerator, out.denominator = number(r.value), number(r.numerator), number(r.denominator)
    out.text, out.missing = r.text, r.missing
  elseif r.record == "progress" then
    out = { step = r.subject, period = period_value(r.period), status = r.status }
  elseif r.record == "meeting" then
    out = { committee = r.subject, date = r.period }
  else
    out = { funder = r.subject, year = period_value(r.period), amount = number(r.value) }
    local dims = rows.decode_dims(r.dims)
    if dims.action then out.action = math.tointeger(tonumber(dims.action)) or dims.action end
  end
  out.note, out.source = r.note, r.source
  return out
end

local KEY_ORDER = { "indicator", "step", "committee", "funder", "period", "year", "date", "territory" }
local TAIL_ORDER = { "value", "numerator", "denominator", "text", "missing", "status", "amount", "action", "note", "source" }
local KNOWN = {}
for _, k in ipairs(KEY_ORDER) do KNOWN[k] = true end
for _, k in ipairs(TAIL_ORDER) do KNOWN[k] = true end

-- Key order of a row: identity, then dimensions (sorted), then what it says.
local function row_order(t)
  local keys = {}
  for _, k in ipairs(KEY_ORDER) do if t[k] ~= nil then keys[#keys + 1] = k end end
  local dims = {}
  for k in pairs(t) do if not KNOWN[k] then dims[#dims + 1] = k end end
  table.sort(dims)
  for _, k in ipairs(dims) do keys[#keys + 1] = k end
  for _, k in ipairs(TAIL_ORDER) do if t[k] ~= nil then keys[#keys + 1] = k end end
  return keys
end

--- Current rows of plan_id matching filter, grouped by section, in a stable order.
function obs_export.collect(d, plan_id, filter)
  local sections = { observations = {}, progress = {}, meetings = {}, funding = {} }
  local section_of = { value = "observations", progress = "progress", meeting = "meetings", funding = "funding" }
  local by_indicator = filter and (filter.indicator or filter.territory) -- indicator filters keep values only
  for r in d:observations(filter) do
    if r.plan_id == plan_id and (r.record == "value" or not by_indicator) then
      local list = sections[section_of[r.record]]
      list[#list + 1] = row_of(r)
    end
  end
  return sections
end

function obs_export.yaml(plan_id, sections)
  local doc = { plan = plan_id, source = obs_export.SOURCE }
  local order = { "plan", "source" }
  for _, name in ipairs({ "observations", "progress", "meetings", "funding" }) do
    if #sections[name] > 0 then doc[name] = sections[name]; order[#order + 1] = name end
  end
  return require("ctg.yaml").encode(doc, { order = function(t)
    if t == doc then return order end
    if t.source ~= nil or t.indicator or t.step or t.committee or t.funder then return row_order(t) end
  end })
end

function obs_export.json(plan_id, sections)
  local doc = { plan = plan_id, source = obs_export.SOURCE, observations = sections.observations,
                progress = sections.progress, meetings = sections.meetings, funding = sections.funding }
  return require("ctg.json").encode(doc, { indent = 2, order = function(t)
    if t == doc then return { "plan", "source", "observations", "progress", "meetings", "funding" } end
    if t.indicator or t.step or t.committee or t.funder then return row_order(t) end
  end }) .. "\n"
end

--- Indicator values as CSV: French (French headers, ";", decimal comma, UTF-8 BOM, CRLF — what
--- Excel FR opens) or international (English headers, ",", ".", LF).
function obs_export.csv(sections, dialect)
  local list = sections.observations
  local reserved = {}
  for _, k in ipairs(rows.RESERVED) do reserved[k] = true end
  local dims, seen = {}, {}
  for _, r in ipairs(list) do
    for k in pairs(r) do
      if not reserved[k] and not seen[k] then seen[k] = true; dims[#dims + 1] = k end
    end
  end
  table.sort(dims)
  local columns = { "indicator", "period", "territory" }
  for _, k in ipairs(dims) do columns[#columns + 1] = k end
  for _, k in ipairs({ "value", "numerator", "denominator", "text", "missing", "note", "source" }) do columns[#columns + 1] = k end
  local lines = {}
  for i, r in ipairs(list) do
    local cells = {}
    for j, k in ipairs(columns) do cells[j] = r[k] end
    lines[i] = cells
  end
  -- the French dialect names its columns as the French import template does (dimensions keep
  -- the plan's names); both read back through import
  local header = columns
  if dialect == "french" then
    header = {}
    for j, k in ipairs(columns) do header[j] = rows.FRENCH_COLUMNS[k] or k end
  end
  return require("ctg.csvw").document(header, lines, dialect)
end

--- The observations as workbook sheets (ctg.render.xlsx): a provenance sheet, then one
--- sheet per kind of record, each row named by labels (indicator, territory, step,
--- committee, funder titles) next to its codes, numbers as numbers.
function obs_export.sheets(p, sections, filters)
  local function title_of(kind, code)
    local node = code ~= nil and p:get(kind, code) or nil
    return node and (node.label or node.title) or nil
  end
  local prov = { { "Plan", p.id .. " — " .. p.title }, { "Version de ctg", require("ctg.cli.args").version() },
                 { "Source", obs_export.SOURCE } }
  for _, f in ipairs({ { "known_at", "Données connues au" }, { "indicator", "Indicateur" }, { "period", "Période" },
                       { "territory", "Territoire" } }) do
    if filters[f[1]] then prov[#prov + 1] = { f[2], filters[f[1]] } end
  end
  local sheets = { { name = "Provenance", columns = { "Élément", "Valeur" }, rows = prov } }
  -- indicator values: the dimensions found, sorted, between identity and value
  local reserved = {}
  for _, k in ipairs(rows.RESERVED) do reserved[k] = true end
  local dims, seen = {}, {}
  for _, r in ipairs(sections.observations) do
    for k in pairs(r) do if not reserved[k] and not seen[k] then seen[k] = true; dims[#dims + 1] = k end end
  end
  table.sort(dims)
  local columns = { "Indicateur", "Code indicateur", "Période", "Territoire", "Code territoire" }
  for _, k in ipairs(dims) do columns[#columns + 1] = k end
  for _, c in ipairs({ "Valeur", "Numérateur", "Dénominateur", "Texte", "Manquant", "Note", "Source" }) do
    columns[#columns + 1] = c
  end
  local out = {}
  for i, r in ipairs(sections.observations) do
    local row = { title_of("indicator", r.indicator) or r.indicator, r.indicator, tostring(r.period),
                  (p:place(r.territory) or {}).title or r.territory, r.territory }
    -- by position: an empty field must not shift the next ones
    for j, k in ipairs(dims) do row[5 + j] = r[k] end
    for j, k in ipairs({ "value", "numerator", "denominator", "text", "missing", "note", "source" }) do
      row[5 + #dims + j] = r[k]
    end
    out[i] = row
  end
  sheets[#sheets + 1] = { name = "Valeurs des indicateurs", columns = columns, rows = out }
  local function add(name, cols, list, build)
    if #list == 0 then return end
    local r = {}
    for i, x in ipairs(list) do r[i] = build(x) end
    sheets[#sheets + 1] = { name = name, columns = cols, rows = r }
  end
  local STATUS = require("ctg.present").STEP_STATUS
  add("Avancement", { "Étape", "Code", "Période", "État" }, sections.progress, function(x)
    return { title_of("step", x.step) or x.step, x.step, tostring(x.period), STATUS[x.status] or x.status }
  end)
  add("Réunions", { "Instance", "Code", "Date" }, sections.meetings, function(x)
    return { title_of("committee", x.committee) or x.committee, x.committee, tostring(x.date) }
  end)
  add("Financements", { "Financeur", "Code", "Année", "Montant", "Action" }, sections.funding, function(x)
    return { title_of("funding", x.funder) or x.funder, x.funder, tostring(x.year),
             x.amount and { value = x.amount, format = '#,##0" €"' } or nil, x.action }
  end)
  return sheets
end

return obs_export
