-- ctg.import_workbook — `ctg import` of a workbook (.xlsx, .ods) through the streaming reader
-- (ctg.workbook, host/read/workbook.c): a sheet in ctg's long format (the CSV's header names,
-- French or international) imports as its CSV does, through the same judge; a workbook that
-- `ctg export observations --format xlsx` wrote imports whole (values, progress, meetings,
-- funding), so that export → import → export gives the same workbook.
--
-- Errors are located as spreadsheets name cells: `tableau.xlsx:Feuille1!C17` (the sheet's
-- name quoted when it has spaces or punctuation: `'Valeurs des indicateurs'!C17`).
local msg = require("ctg.msg")
local suggest = require("ctg.suggest")

local M = {}

--- A sheet's name as a reference: quoted ('Ma feuille') unless letters, digits and _ only.
function M.sheet_ref(name)
  if name:match("^[%w_]+$") then return name end
  return "'" .. name:gsub("'", "''") .. "'"
end

-- The reader's problems in the user's words (its codes and English details).
local NOT_WORKBOOK = {
  { "^a Word document", "import.workbook.docx" },
  { "^a PowerPoint presentation", "import.workbook.pptx" },
  { "^an OpenDocument file", "import.workbook.odf" },
  { "^a zip archive of (%d+) files %((.-)…%)", "import.workbook.zip", "n", "first" },
}

function M.words(code, detail)
  detail = tostring(detail or "")
  if code == "not-workbook" then
    for _, w in ipairs(NOT_WORKBOOK) do
      local a, b = detail:match(w[1])
      if a or detail:match(w[1]) then
        return msg.text("import.workbook.not-workbook", { what = msg.text(w[2], w[3] and { [w[3]] = a, [w[4]] = b } or nil) })
      end
    end
  end
  if code == "xml" then
    local row = detail:match("damaged after row (%d+)")
    if row then return msg.text("import.workbook.xml-row", { row = row }) end
    local part = detail:match("^([^:]+%.xml%a*):%d+:")
    if part then return msg.text("import.workbook.xml-part", { part = part }) end
  end
  if code == "open" then
    return msg.text("import.csv.open", { reason = detail:gsub("^cannot open: ", "") })
  end
  local key = "import.workbook." .. tostring(code)
  if msg.catalogues().fr[key] then return msg.text(key, { detail = detail }) end
  return detail
end

-- Header names of a values sheet that ctg's export writes beside the CSV's: the codes, and
-- the labels beside them (not read: the code is what identifies).
local CODE_COLUMNS = { ["code indicateur"] = "indicator", ["code territoire"] = "territory",
                       ["indicator code"] = "indicator", ["territory code"] = "territory" }
local LABEL_OF = { indicator = { "indicateur", "indicator" }, territory = { "territoire", "territory" } }

--- The row keys of a header row (cells of the reader): those of the CSV (csv_header), with
--- "Code indicateur"/"Code territoire" read as the codes and then "Indicateur"/"Territoire"
--- as their labels (false: a column not read). Returns keys, index_of or nil (reported).
function M.header(cells, row, where, csv_header)
  local names, codes = {}, {}
  for j = 1, cells.n do
    local v = cells[j]
    names[j] = v == nil and "" or tostring(v)
    local code = CODE_COLUMNS[names[j]:gsub("^%s+", ""):gsub("%s+$", ""):lower()]
    if code then codes[code] = j end
  end
  local labels = {}
  for key, j in pairs(codes) do
    names[j] = key
    for _, label in ipairs(LABEL_OF[key]) do labels[label] = key end
  end
  local dropped = {}
  for j, n in ipairs(names) do
    if labels[n:gsub("^%s+", ""):gsub("%s+$", ""):lower()] and not codes[n] then
      dropped[j] = true
      names[j] = "\0label" .. j -- a name no real column has: csv_header keeps it apart
    end
  end
  local keys, index_of = csv_header(names, row, where)
  if not keys then return nil end
  for j in pairs(dropped) do keys[j] = false end
  return keys, index_of
end

-- ---- choosing the sheet ------------------------------------------------------------------

--- The index of the sheet --sheet names (a name, or a number from 1), or nil and the message.
function M.choose_sheet(sheets, wanted)
  if wanted == nil then return 1 end
  for i, name in ipairs(sheets) do if name == wanted then return i end end
  -- case and accents aside, when that names one sheet only
  local found
  for i, name in ipairs(sheets) do
    if suggest.fold(name) == suggest.fold(wanted) then
      if found then found = false break end
      found = i
    end
  end
  if found then return found end
  local n = tonumber(wanted)
  if n and math.type(n) == "integer" or (n and n == math.floor(n)) then
    if n >= 1 and n <= #sheets then return math.tointeger(n) end
    return nil, msg.text("import.workbook.sheet-number", { n = wanted, count = #sheets,
      list = "« " .. table.concat(sheets, " », « ") .. " »" })
  end
  local hint = suggest.closest(tostring(wanted), sheets)
  return nil, msg.text("import.workbook.no-sheet", { sheet = wanted,
    hint = hint and msg.text("rows.hint", { hint = hint }) or "",
    list = "« " .. table.concat(sheets, " », « ") .. " »" })
end

-- ---- ctg's own export --------------------------------------------------------------------

-- A workbook ctg export wrote: its first sheet is the provenance, "Source" = "ctg export".
-- Returns the plan id it names, or nil.
function M.export_plan(wb, sheets)
  if sheets[1] ~= "Provenance" then return nil end
  assert(wb:select(1))
  local head = wb:row()
  if not head or head[1] ~= "Élément" then return nil end
  local plan, source
  for cells in wb.row, wb do
    if cells[1] == "Plan" and type(cells[2]) == "string" then plan = cells[2]:match("^(%S+) — ") or cells[2] end
    if cells[1] == "Source" then source = cells[2] end
  end
  if source ~= require("ctg.obs_export").SOURCE then return nil end
  return plan
end

-- The other sheets of an export: record kind and how a row of cells becomes a row table.
local function status_of(label)
  for _, s in ipairs(require("ctg.rows").STATUSES) do
    local cats = msg.catalogues()
    if label == s or label == cats.fr["step-status." .. s] or label == cats.en["step-status." .. s] then
      return s
    end
  end
  return label
end

local function text(v)
  if v == nil then return nil end
  return tostring(math.type(v) == "float" and v == math.floor(v) and math.tointeger(v) or v)
end

local EXPORT_SHEETS = {
  ["Avancement"] = { record = "progress", columns = { "Étape", "Code", "Période", "État" }, row = function(c)
    return { step = text(c[2]), period = text(c[3]), status = c[4] and status_of(text(c[4])) } end,
    fields = { step = 2, period = 3, status = 4 } },
  ["Réunions"] = { record = "meeting", columns = { "Instance", "Code", "Date" }, row = function(c)
    return { committee = text(c[2]), date = text(c[3]) } end, fields = { committee = 2, date = 3 } },
  ["Financements"] = { record = "funding", columns = { "Financeur", "Code", "Année", "Montant", "Action" },
    row = function(c)
      local year = text(c[3])
      return { funder = text(c[2]), year = year and (math.tointeger(tonumber(year)) or year), amount = c[4],
               action = c[5] } end,
    fields = { funder = 2, year = 3, amount = 4, action = 5 } },
}

M.EXPORT_SHEETS = EXPORT_SHEETS

return M
