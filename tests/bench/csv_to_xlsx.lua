-- tests/bench/csv_to_xlsx.lua CSV XLSX: the rows of a `;` CSV of plain cells (no quotes: the
-- bench's generated rows) as a workbook written by ctg's own writer (ctg.render.xlsx), numbers
-- as numbers, on one sheet "Données": the same rows for the bench's workbook-through-a-mapping
-- row. The creation date is fixed (the epoch): the same bytes every run.
local rows = {}
local header
for line in io.lines(arg[1]) do
  local cells = {}
  for c in (line .. ";"):gmatch("([^;]*);") do cells[#cells + 1] = tonumber(c) or c end
  if header then rows[#rows + 1] = cells else header = cells end
end
require("ctg.render.xlsx").write(arg[2], { { name = "Données", columns = header, rows = rows } }, 0)
