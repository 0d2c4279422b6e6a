-- Specs for ctg.workbook (host/read/workbook.c through host/lua/workbook.c) on workbooks that other
-- programs wrote (tests/fixtures/workbooks/make.py: openpyxl, LibreOffice).
-- Run: ctg tests/lua/run.lua tests/lua/workbook_spec.lua
local t = ...
local workbook = require("ctg.workbook")

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "tests/lua"
local fixtures = here .. "/../fixtures/workbooks/"

-- Every row of sheet i: { row, cells (with n), types }.
local function read(path, i)
  local wb = assert(workbook.open(fixtures .. path))
  assert(wb:select(i or 1))
  local out = {}
  for cells, row, types in wb.row, wb do out[#out + 1] = { row = row, cells = cells, types = types } end
  wb:close()
  return out
end

-- The dashboard: the same values whichever program wrote it.
for _, file in ipairs({ "tableau.xlsx", "tableau-openpyxl.xlsx", "tableau.ods" }) do
  t.test("dashboard " .. file .. ": title, merged two-row header, numbers, percents, dates, empty row", function()
    local wb = assert(workbook.open(fixtures .. file))
    t.eq(wb:sheets(), { "Tableau de bord", "Notes" })
    t.eq(wb:format(), file:match("%.(%w+)$"))
    wb:close()
    local rows = read(file)
    t.eq(#rows, 6)
    t.eq(rows[1].row, 1)
    t.eq(rows[1].cells[1], "Tableau de bord petite enfance — Sud-Avesnois")
    t.eq(rows[1].cells.n, 1) -- the merged cells beside it are empty
    -- the merged two-row header: values in the first cell of each merge, the rest empty
    t.eq(rows[2].cells[2], "Places"); t.eq(rows[2].cells[3], nil); t.eq(rows[2].cells[4], "Taux de couverture")
    t.eq(rows[3].cells[1], nil); t.eq(rows[3].cells[2], "2023"); t.eq(rows[3].types[2], "text")
    local anor = rows[4]
    t.eq(anor.row, 4)
    t.eq(anor.cells[1], "Anor"); t.eq(anor.cells[2], 40); t.eq(math.type(anor.cells[2]), "integer")
    -- a percent-styled cell is its stored value, not "31,6 %"
    t.eq(anor.cells[4], 0.316); t.eq(anor.types[4], "number")
    t.eq(anor.cells[6], "2024-03-15"); t.eq(anor.types[6], "date")
    t.eq(rows[5].cells[1], "Féron")
    t.eq(rows[5].cells[6], "2024-03-15T14:30:00")
    -- row 6 is empty: skipped, the next row keeps its number
    t.eq(rows[6].row, 7); t.eq(rows[6].cells[1], "Trélon"); t.eq(rows[6].cells[6], "2023-12-31")
    -- the formula's cached value; openpyxl computes none: an error cell naming the formula
    if file == "tableau-openpyxl.xlsx" then
      t.eq(anor.cells[7], "=B4+C4"); t.eq(anor.types[7], "error")
    else
      t.eq(anor.cells[7], 82); t.eq(anor.types[7], "number")
    end
  end)

  t.test("dashboard " .. file .. ": the second sheet (booleans, an error value, a text with a newline)", function()
    local rows = read(file, 2)
    t.eq(#rows, 5)
    t.eq(rows[1].cells[1], "Clé")
    if file == "tableau.ods" then
      -- LibreOffice stored TRUE() as the number 1 in the .ods it wrote: read as written
      t.eq(rows[2].cells[2], 1)
    else
      t.eq(rows[2].cells[2], true); t.eq(rows[2].types[2], "bool"); t.eq(rows[3].cells[2], false)
    end
    t.eq(rows[4].types[2], "error")
    t.eq(rows[4].cells[2], file == "tableau-openpyxl.xlsx" and "=1/0" or "#DIV/0!")
    t.eq(rows[5].cells[2], "ligne 1\nligne 2")
  end)
end

t.test("long format: .xlsx and .ods give the same rows; sheets by index", function()
  local x, o = read("long.xlsx"), read("long.ods")
  t.eq(#x, 6)
  t.eq(#o, 6)
  for i = 1, #x do
    t.eq(o[i].row, x[i].row)
    for j = 1, math.max(x[i].cells.n, o[i].cells.n) do t.eq(o[i].cells[j], x[i].cells[j]) end
  end
  t.eq(x[4].row, 5) -- after the empty row 4
  t.eq(x[5].cells[5], 21.5)
  t.eq(x[6].cells[2], "2025") -- a year typed as text stays text
  local other = read("long.xlsx", 2)
  t.eq(other[2].cells[1], "familles_allocataires")
  t.eq(other[2].cells[2], 2023)
end)

t.test("XlsxWriter's inline strings and a workbook counting dates from 1904", function()
  local rows = read("inline-1904.xlsx")
  t.eq(#rows, 3)
  t.eq(rows[1].cells[3], "territory"); t.eq(rows[1].types[3], "text")
  t.eq(rows[2].cells[3], "Wignehies")
  t.eq(rows[2].cells[4], 0.345)
  t.eq(rows[2].cells[5], "2024-03-15"); t.eq(rows[2].types[5], "date")
  t.eq(rows[3].cells[1], "  espaces  ") -- the reader keeps the text as typed; the import trims
  t.eq(rows[3].cells[4], true)
end)

t.test("open: what is not a readable workbook says why", function()
  local function refused(path, code, detail)
    local wb, c, d = workbook.open(path)
    t.eq(wb, nil)
    t.eq(c, code)
    if detail then t.ok(d:find(detail, 1, true), d) end
  end
  refused(fixtures .. "chiffre.xlsx", "encrypted", "save it without a password")
  refused(fixtures .. "long.csv", "not-zip")
  refused(fixtures .. "nope.xlsx", "open", "No such file")
  local dir = t.tmpdir()
  -- a truncated workbook: the archive's directory is at its end
  local function write(path, bytes)
    local f = assert(io.open(path, "wb"))
    f:write(bytes)
    f:close()
  end
  local f = assert(io.open(fixtures .. "long.xlsx", "rb"))
  local whole = f:read("a")
  f:close()
  local cut = dir .. "/cut.xlsx"
  write(cut, whole:sub(1, #whole - 200))
  refused(cut, "corrupt")
  -- an old .xls: a compound file without encryption
  local xls = dir .. "/old.xls"
  write(xls, "\208\207\17\224\161\177\26\225" .. string.rep("\0", 600))
  refused(xls, "xls")
  t.eq(workbook.column_name(1), "A"); t.eq(workbook.column_name(28), "AB"); t.eq(workbook.column_name(16384), "XFD")
end)

t.test("select: sheets out of range; rows before select", function()
  local wb = assert(workbook.open(fixtures .. "long.xlsx"))
  t.raises(function() wb:select(3) end, "no such sheet")
  local ok, err = pcall(wb.row, wb)
  t.eq(ok, false)
  t.eq(err.code, "no-sheet")
  t.eq(tostring(err), fixtures .. "long.xlsx: no sheet selected")
  wb:close()
  t.raises(function() wb:sheets() end, "closed")
end)
