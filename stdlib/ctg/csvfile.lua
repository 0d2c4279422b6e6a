-- ctg.csvfile — CSV files for scripts (the global ctg.csv): read with the import's reader
-- (host/read/csv.c: French or international dialect detected, UTF-8 with or without BOM, quoted
-- fields, errors as file:line:column in French) into a table (ctg.datatable), written with
-- the export's cells (ctg.csvw.safe_cell, done in C by model.csv_rows: French spreadsheet or
-- international dialect, formulas neutralised), whole or not at all.
--
--   local t = ctg.csv.read("partenaires.csv")           -- columns named by the header
--   ctg.csv.write("sortie.csv", t, {dialect = "intl"})  -- a table or a list of rows
local blame = require("ctg.blame")
local datatable = require("ctg.datatable")
local msg = require("ctg.msg")

local csvfile = {}

local READ_OPTIONS = { dialect = true, numbers = true }
local READ_ALIASES = { dialecte = "dialect", nombres = "numbers" }

local function fail(fn, why) blame.raise_user(msg.text("analysis.read-failed", { fn = fn, why = why })) end

-- The reader's error "FILE:LINE:COLUMN: problem" with the problem in the catalogue's words.
local function reader_error(err)
  local text = tostring(err)
  local at, problem = text:match("^(.-:%d+:%d+): (.*)$")
  if not at then at, problem = text:match("^(.-:%d+): (.*)$") end
  if not at then at, problem = text:match("^(.-): (cannot open: .*)$") end
  if not at then return text end
  return at .. ": " .. require("ctg.csv_words").translate(problem)
end

--- ctg.csv.read(path [, {dialect = "french" | "intl", numbers = true}]) -> a table whose
--- columns are the header's names, in order. A cell that is a number in the file's dialect
--- (detected, or the one given: "1 600,5" in French, "1600.5" in international) is a
--- number, unless numbers = false; an empty cell is absent (nil); the rest is text, trimmed.
--- A header with an empty or repeated name, or a row with more or fewer cells than the
--- header, is an error naming the file and line.
function csvfile.read(path, opts)
  local fn = "ctg.csv.read"
  if type(path) ~= "string" then
    datatable.bad_argument(fn, "csv-path", path)
  end
  local o = datatable.options(fn, opts, READ_OPTIONS, READ_ALIASES)
  if o.dialect ~= nil and o.dialect ~= "french" and o.dialect ~= "intl" then
    datatable.bad_option(fn, "dialect", "dialect", o.dialect)
  end
  if o.numbers ~= nil and type(o.numbers) ~= "boolean" then datatable.bad_option(fn, "numbers", "boolean", o.numbers) end
  local csv = require("ctg.csv")
  local header, rows = nil, {}
  local ok, err = pcall(function()
    local dialect = o.dialect or csv.dialect(path)
    for fields, line in csv.rows(path) do
      if not header then
        header = {}
        local seen = {}
        for i, name in ipairs(fields) do
          name = name:gsub("^%s+", ""):gsub("%s+$", "")
          if name == "" or seen[name] then
            error({ at = path .. ":" .. line, why = name == "" and msg.text("analysis.csv.header-empty", { i = i }) or
              msg.text("analysis.csv.header-twice", { name = name }) })
          end
          seen[name], header[i] = true, name
        end
      else
        if #fields ~= #header then
          error({ at = path .. ":" .. line, why = msg.text("analysis.csv.width", { n = #fields, m = #header }) })
        end
        local row = {}
        for i, cell in ipairs(fields) do
          cell = cell:gsub("^%s+", ""):gsub("%s+$", "")
          if cell ~= "" then
            row[header[i]] = (o.numbers ~= false and csv.number(cell, dialect)) or cell
          end
        end
        rows[#rows + 1] = row
      end
    end
  end)
  if not ok then
    if type(err) == "table" then fail(fn, err.at .. ": " .. err.why) end
    fail(fn, reader_error(err))
  end
  return datatable.new(rows, header or {})
end

local WRITE_OPTIONS = { dialect = true, columns = true }
local WRITE_ALIASES = { dialecte = "dialect", colonnes = "columns" }

--- ctg.csv.write(path, rows [, {dialect = "french" | "intl", columns = {…}}]): rows (a table,
--- or a list of rows keyed by column name) into a CSV file, the header being the column
--- names as they are (default: the table's columns; for a plain list, every key, sorted),
--- numbers as numbers in the dialect (French by default: ";", decimal comma, BOM, CRLF).
--- Returns path.
function csvfile.write(path, rows, opts)
  local fn = "ctg.csv.write"
  if require("ctg.sandbox").active() then blame.raise_user(msg.text("analysis.write-sandbox", { fn = fn })) end
  if type(path) ~= "string" or path == "" then
    datatable.bad_argument(fn, "out-path", path)
  end
  if type(rows) ~= "table" then
    datatable.bad_argument(fn, "rows", rows)
  end
  local o = datatable.options(fn, opts, WRITE_OPTIONS, WRITE_ALIASES)
  local dialect = o.dialect or "french"
  if dialect ~= "french" and dialect ~= "intl" then datatable.bad_option(fn, "dialect", "dialect", dialect) end
  local t = datatable.is(rows) and rows or datatable.of_rows(fn, rows)
  if o.columns ~= nil then t = t:columns(o.columns) end
  local columns = getmetatable(t).columns
  -- the export's cells (ctg.csvw.safe_cell), written in C: a list joined with ", "
  local written, err = require("ctg.sys").write_file(path, require("ctg.model").csv_rows(columns, columns, t, dialect))
  if not written then blame.raise_user(msg.text("analysis.write-failed", { fn = fn, why = tostring(err) })) end
  return path
end

return csvfile
