-- ctg.render.csv — the tables of a report as CSV files, one per table block, for the analysts
-- who redo a computation in a spreadsheet.
--
--   local files, names = require("ctg.render.csv").render(doc, { dialect = "french" })
--   for _, name in ipairs(names) do write(name .. ".csv", files[name]) end
--
-- A table is named by its `name`, else "table-N" (N: its rank among the document's tables).
-- Cells come from `raw` when the table has one (numbers written as numbers in the dialect:
-- 14,6 in French, 14.6 in intl, rounded to the decimals their cell shows), else from the
-- formatted `rows`. Every text cell, header
-- included, is neutralised against formula injection (ctg.csvw.safe_cell); numbers written
-- here are not, so a raw -2 stays a number. Dialects: "french" (default: ";", decimal comma,
-- UTF-8 BOM, CRLF) or "intl" (",", ".", LF).
local csvw = require("ctg.csvw")
local report = require("ctg.report")

local csv = {}

--- The raw rows of a table with each number rounded as its cell displays it (64,3 % and
--- not 64,285714285714292): what the analyst reads in the report is what the file holds.
function csv.rounded(b)
  local out = {}
  for i, r in ipairs(b.raw) do
    local row = {}
    for j = 1, #b.columns do
      local v = r[j]
      if type(v) == "number" then v = report.displayed_number(b.rows[i][j], v) end
      row[j] = v
    end
    out[i] = row
  end
  return out
end

--- Renders every table block; returns (files: name -> CSV text, names: the names in document order).
function csv.render(doc, opts)
  opts = opts or {}
  local dialect = csvw.dialect(opts.dialect)
  local files, names, n = {}, {}, 0
  report.walk(doc, function(b)
    if b.type ~= "table" then return end
    n = n + 1
    local name = b.name or ("table-" .. n)
    if files[name] then
      error(string.format("render.csv: two tables are named %q (give each table a distinct name)", name), 0)
    end
    -- A raw cell left nil is empty: the raw rows are the data, not the display.
    files[name] = csvw.safe_document(b.columns, b.raw and csv.rounded(b) or b.rows, dialect)
    names[#names + 1] = name
  end)
  return files, names
end

return csv
