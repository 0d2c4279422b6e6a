-- ctg.render.xlsx — workbooks for the analysts who redo a computation in a spreadsheet: a
-- first sheet with the provenance, then one sheet per table, numbers stored as numbers with
-- French display formats (1 620 000 €, 13,5 %: the codes are written in Excel's neutral
-- syntax, "#,##0" and "0.0 %", which French Excel shows with its own separators), labels
-- rather than codes, the header row frozen, column widths set, long texts wrapped and whole.
--
--   require("ctg.render.xlsx").report(doc, "bilan.xlsx")          -- a report's tables
--   require("ctg.render.xlsx").write("obs.xlsx", sheets, created)  -- any list of sheets
--
-- A sheet and how the file is written (all or nothing): see ctg.xlsx_write.
local report = require("ctg.report")

local xlsx = {}

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

-- Sheets to a workbook file (any list of sheets: a datatable's too) are ctg.xlsx_write's job.
local xlsx_write = require("ctg.xlsx_write")
xlsx.sheet_name = xlsx_write.sheet_name
xlsx.write = xlsx_write.write

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
