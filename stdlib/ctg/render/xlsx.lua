-- ctg.render.xlsx — workbooks for the analysts who redo a computation in a spreadsheet: a
-- first sheet with the provenance, then one sheet per table, numbers stored as numbers with
-- French display formats (1 620 000 €, 13,5 %: the codes are written in Excel's neutral
-- syntax, "#,##0" and "0.0 %", which French Excel shows with its own separators), labels
-- rather than codes, the header row frozen, column widths set, long texts wrapped and whole.
--
--   require("ctg.render.xlsx").report(doc, "bilan.xlsx")          -- a report's tables
--   require("ctg.render.xlsx").write("obs.xlsx", sheets, created)  -- any list of sheets
--
-- A sheet is { name, caption?, columns = { "…" }, rows = { { cell, … } }, notes? } where a
-- cell is a string, a number, nil, or { value = number, format = "#,##0" }. The file is
-- written next to its target under a temporary name and renamed, so that a failure never
-- leaves half a workbook under the target's name.
local report = require("ctg.report")

local xlsx = {}

local MAX_WIDTH, MIN_WIDTH = 60, 6
local HEADER_FILL = 0xE4EAF3

--- The Excel number format of a cell shown as `display` with the shape report.displayed_number found.
function xlsx.number_format(shown)
  local d = shown.decimals or 0
  if shown.percent then d = math.max(d - 2, 0) end
  local base = "#,##0" .. (d > 0 and ("." .. string.rep("0", d)) or "")
  if shown.percent then return base .. "\\ %" end        -- a ratio: Excel multiplies by 100
  if shown.suffix == "%" then return base .. '" %"' end  -- already in percent (points)
  if shown.suffix == "€" then return base .. '" €"' end
  return base
end

--- A sheet name Excel accepts: at most 31 characters (cut on a character, never inside
--- one), none of []:*?/\, unique in the workbook (" (2)", " (3)"… on repeats).
function xlsx.sheet_name(title, used)
  local clean = title:gsub("[%[%]:%*%?/\\]", " "):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if clean == "" or clean:lower() == "history" then clean = "Tableau" end
  local function cut(s, n)
    if utf8.len(s) <= n then return s end
    return s:sub(1, utf8.offset(s, n + 1) - 1)
  end
  local name, k = cut(clean, 31), 1
  while used[name:lower()] do
    k = k + 1
    local suffix = " (" .. k .. ")"
    name = cut(clean, 31 - #suffix) .. suffix
  end
  used[name:lower()] = true
  return name
end

local function text_length(v)
  if type(v) == "table" then v = v.value end
  if v == nil then return 0 end
  local s = type(v) == "number" and string.format("%.2f", v) or tostring(v)
  return utf8.len(s) or #s
end

--- Writes sheets to path; created (seconds since the epoch, optional) fixes the date the
--- file records. Raises "xlsx: …" on failure, leaving nothing at path.
function xlsx.write(path, sheets, created)
  -- libxlsxwriter writes into a private temporary file (os.tmpname: created exclusively,
  -- never a planted link); the result reaches path the all-or-nothing way of every output
  local tmp = os.tmpname()
  local wb = require("ctg.xlsx").workbook(tmp, { created = created })
  local ok, err = pcall(function()
    local formats = {}
    local function format_of(code, wrap)
      local key = (code or "") .. (wrap and "|wrap" or "")
      if not formats[key] then formats[key] = wb:format { num = code, wrap = wrap, top = true } end
      return formats[key]
    end
    local header = wb:format { bold = true, wrap = true, fill = HEADER_FILL, top = true }
    local title = wb:format { bold = true }
    local used = {}
    for _, s in ipairs(sheets) do
      local ws = wb:sheet(xlsx.sheet_name(s.name, used))
      local row = 0
      if s.caption then
        ws:write(0, 0, s.caption, title)
        row = 1
      end
      local widths = {}
      for j, c in ipairs(s.columns) do
        ws:write(row, j - 1, c, header)
        widths[j] = math.max(MIN_WIDTH, math.min(text_length(c), 24))
      end
      ws:freeze(row + 1, 1)
      for _, r in ipairs(s.rows) do
        for j = 1, #s.columns do widths[j] = math.max(widths[j], text_length(r[j])) end
      end
      for i, r in ipairs(s.rows) do
        for j = 1, #s.columns do
          local v = r[j]
          if type(v) == "table" then
            ws:write(row + i, j - 1, v.value, format_of(v.format))
          elseif type(v) == "number" then
            ws:write(row + i, j - 1, v, format_of(math.type(v) == "integer" and "#,##0" or "#,##0.00"))
          elseif v ~= nil then
            ws:write(row + i, j - 1, v, format_of(nil, widths[j] > MAX_WIDTH))
          end
        end
      end
      for j, w in ipairs(widths) do ws:column(j - 1, math.min(w, MAX_WIDTH) + 2) end
      if s.notes then
        local at = row + #s.rows + 2
        ws:write(at, 0, "Notes", title)
        for i, n in ipairs(s.notes) do ws:write(at + i, 0, i .. ". " .. n) end
      end
    end
  end)
  if not ok then
    wb = nil
    collectgarbage()
    os.remove(tmp)
    error(err, 0)
  end
  local closed, why = wb:close()
  if not closed then
    os.remove(tmp)
    error("xlsx: cannot write " .. path .. ": " .. tostring(why), 0)
  end
  local f = io.open(tmp, "rb")
  local bytes = f and f:read("a")
  if f then f:close() end
  os.remove(tmp)
  local written, werr = require("ctg.sys").write_file(path, bytes or "")
  if not bytes or not written then
    error("xlsx: " .. (werr or ("cannot write " .. path)), 0)
  end
end

--- Seconds since the epoch of a "YYYY-MM-DD" (or "YYYY-MM", "YYYY") date, at noon UTC; nil otherwise.
function xlsx.epoch(date)
  local y, m, d = tostring(date or ""):match("^(%d%d%d%d)%-?(%d*)%-?(%d*)$")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m) or 1, tonumber(d) or 1
  -- days from civil (Howard Hinnant), so that the result does not depend on the local time zone
  y = m <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return (era * 146097 + doe - 719468) * 86400 + 12 * 3600
end

--- The provenance sheet of a report: its title, header lines and provenance, label and value.
local function provenance_sheet(doc)
  local m, p = doc.meta, report.provenance_of(doc) or {}
  local rows = { { "Titre", m.title } }
  if m.subtitle then rows[#rows + 1] = { "Sous-titre", m.subtitle } end
  if m.organisation then rows[#rows + 1] = { "Signataires", m.organisation } end
  for _, l in ipairs(report.header_lines(m, p)) do rows[#rows + 1] = { l.label, l.text } end
  for _, item in ipairs({ { "Plan", p.plan }, { "Empreinte du plan", p.plan_hash },
                          { "Empreinte des observations", p.observations_hash }, { "Script", p.script },
                          { "Empreinte du script", p.script_hash }, { "Version de ctg", p.ctg_version } }) do
    if item[2] then rows[#rows + 1] = item end
  end
  if p.arguments and #p.arguments > 0 then rows[#rows + 1] = { "Arguments du script", table.concat(p.arguments, " ") } end
  rows[#rows + 1] = { "Reproduction", "Les mêmes plan, observations, script et version de ctg redonnent ce classeur." }
  return { name = "Provenance", columns = { "Élément", "Valeur" }, rows = rows }
end

--- One sheet of a table block: the visible columns; a number of the raw data with the
--- display format of its cell, else the text shown; qualitative texts in full.
local function table_sheet(b, n)
  local cols = report.visible_columns(b)
  local columns, rows = {}, {}
  for k, j in ipairs(cols) do columns[k] = b.columns[j] end
  for i, r in ipairs(b.rows) do
    local row = {}
    for k, j in ipairs(cols) do
      local raw = b.raw and b.raw[i][j]
      if type(raw) == "number" then
        local value, shown = report.displayed_number(r[j], raw)
        row[k] = { value = value, format = xlsx.number_format(shown) }
      elseif type(raw) == "string" and raw ~= "" then
        row[k] = raw
      else
        row[k] = r[j] ~= "" and r[j] or nil
      end
    end
    rows[i] = row
  end
  return { name = b.caption, caption = b.caption, columns = columns, rows = rows, notes = b.notes, rank = n }
end

--- Writes the tables of a report document as a workbook at path.
function xlsx.report(doc, path)
  local sheets, n = { provenance_sheet(doc) }, 0
  report.walk(doc, function(b)
    if b.type ~= "table" then return end
    n = n + 1
    sheets[#sheets + 1] = table_sheet(b, n)
  end)
  xlsx.write(path, sheets, xlsx.epoch(doc.meta.date or (report.provenance_of(doc) or {}).as_of))
end

return xlsx
