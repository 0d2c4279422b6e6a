-- ctg.obs_export — current observations out of the database, as YAML (re-importable: export
-- -> import into a fresh database -> export gives the same text), CSV (indicator values,
-- French or international dialect) or JSON, written a row at a time.
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
  if r.record == "value" or r.record == "numerator" or r.record == "denominator" then
    -- a part (a numerator alone, a denominator alone) is written as it came: one figure,
    -- which an import stores as a part again
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

-- ---- streamed: a row at a time, for a département's million observations ----------------

-- the indicator values and the parts of ratios (schema 6) in one section
local VALUES = { "value", "numerator", "denominator" }
local SECTIONS = { { "observations", VALUES }, { "progress", "progress" }, { "meetings", "meeting" },
                   { "funding", "funding" } }

-- The exported rows of one section (record kind) in the order of collect, one at a time.
local function each_row(d, plan_id, filter, record)
  local f = { plan = plan_id, record = record }
  for k, v in pairs(filter or {}) do f[k] = v end
  -- an indicator or territory filter keeps the indicator values only: no query for the rest
  if filter and (filter.indicator or filter.territory) and record ~= VALUES then
    return function() return nil end
  end
  local next_row, _, _, cursor = d:each_observation(f)
  return function()
    local r = next_row()
    return r and row_of(r)
  end, nil, nil, cursor
end

-- Pieces of text gathered and written in chunks of some 64 kB.
local function chunked(out)
  local pieces, size = {}, 0
  local w = {}
  function w.add(s)
    pieces[#pieces + 1] = s
    size = size + #s
    if size >= 65536 then w.flush() end
  end
  function w.flush()
    if #pieces > 0 then out:write(table.concat(pieces)) end
    pieces, size = {}, 0
  end
  return w
end

local function stream_yaml(d, plan_id, filter, w)
  local yaml = require("ctg.yaml")
  local head = { plan = plan_id, source = obs_export.SOURCE }
  w.add(yaml.encode(head, { order = function(t) if t == head then return { "plan", "source" } end end }))
  local opts = { order = function(t)
    if t.source ~= nil or t.indicator or t.step or t.committee or t.funder then return row_order(t) end
  end }
  for _, section in ipairs(SECTIONS) do
    local first = true
    for row in each_row(d, plan_id, filter, section[2]) do
      if first then w.add(section[1] .. ":\n"); first = false end
      w.add(yaml.encode({ row }, opts))
    end
  end
end

local function stream_json(d, plan_id, filter, w)
  local json = require("ctg.json")
  w.add('{\n  "plan": ' .. json.encode(plan_id) .. ',\n  "source": ' .. json.encode(obs_export.SOURCE))
  local opts = { indent = 2, order = function(t)
    if t.indicator or t.step or t.committee or t.funder then return row_order(t) end
  end }
  for _, section in ipairs(SECTIONS) do
    w.add(',\n  "' .. section[1] .. '": ')
    local n = 0
    for row in each_row(d, plan_id, filter, section[2]) do
      n = n + 1
      w.add((n > 1 and ",\n    " or "[\n    ") .. json.encode(row, opts):gsub("\n", "\n    "))
    end
    w.add(n > 0 and "\n  ]" or "[]")
  end
  w.add("\n}\n")
end

-- The columns of the values' CSV: identity, the dimensions found (sorted), what a row says.
local function csv_columns(dims)
  local reserved = {}
  for _, k in ipairs(rows.RESERVED) do reserved[k] = true end
  local columns = { "indicator", "period", "territory" }
  for _, k in ipairs(dims) do if not reserved[k] then columns[#columns + 1] = k end end
  for _, k in ipairs({ "value", "numerator", "denominator", "text", "missing", "note", "source" }) do columns[#columns + 1] = k end
  -- the plan last (a database holds several plans): ctg import checks it and takes it
  columns[#columns + 1] = "plan"
  return columns
end

-- The header of the values' CSV: the French dialect names its columns as the French import
-- template does (dimensions keep the plan's names); both read back through import.
local function csv_header(columns, dialect)
  if dialect ~= "french" then return columns end
  local header = {}
  for j, k in ipairs(columns) do header[j] = rows.FRENCH_COLUMNS[k] or k end
  return header
end

local function stream_csv(d, plan_id, filter, dialect, w)
  local csvw = require("ctg.csvw")
  local f = { plan = plan_id, record = VALUES }
  for k, v in pairs(filter or {}) do f[k] = v end
  local columns = csv_columns(d:observation_dimensions(f))
  local sep, eol = dialect == "french" and ";" or ",", dialect == "french" and "\r\n" or "\n"
  local cells = {}
  local function line(values)
    for j = 1, #columns do cells[j] = csvw.cell(values[j], dialect) end
    return table.concat(cells, sep) .. eol
  end
  w.add((dialect == "french" and "\239\187\191" or "") .. line(csv_header(columns, dialect)))
  local values = {}
  for row in each_row(d, plan_id, filter, VALUES) do
    for j, k in ipairs(columns) do values[j] = row[k] end
    values[#columns] = plan_id
    w.add(line(values))
  end
end

--- Writes the current rows of plan_id matching filter to out (sys.open_output: out:write) as
--- format ("yaml", "json" or "csv" in dialect), a row at a time: the same text as
--- obs_export.yaml/json/csv of collect, in memory that does not grow with the rows.
function obs_export.write(d, plan_id, filter, format, dialect, out)
  local w = chunked(out)
  if format == "csv" then stream_csv(d, plan_id, filter, dialect, w)
  elseif format == "json" then stream_json(d, plan_id, filter, w)
  else stream_yaml(d, plan_id, filter, w) end
  w.flush()
end

--- Current rows of plan_id matching filter, grouped by section, in the order write gives
--- them (for a workbook, which holds its sheets whole anyway).
function obs_export.collect(d, plan_id, filter)
  local sections = {}
  for _, section in ipairs(SECTIONS) do
    local list = {}
    for row in each_row(d, plan_id, filter, section[2]) do list[#list + 1] = row end
    sections[section[1]] = list
  end
  return sections
end

--- The observations as workbook sheets (ctg.render.xlsx): a provenance sheet, then one
--- sheet per kind of record, each row named by labels (indicator, territory, step,
--- committee, funder titles) next to its codes, numbers as numbers.
function obs_export.sheets(p, sections, filters)
  local function title_of(kind, code)
    local node = code ~= nil and p:get(kind, code) or nil
    return node and (node.label or node.title) or nil
  end
  local prov = { { "Plan", p.id .. " — " .. p.title }, { "Version de ctg", require("ctg.sys").version },
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
