-- ctg.source_rows — a mapping (ctg.source) applied to one file: the rows of a CSV
-- (ctg.csv.rows) or of a workbook's sheet (ctg.workbook) read one at a time, the declared
-- header rows joined, wide tables unpivoted, territories and periods resolved, numbers read
-- as the mapping says, missing markers turned into missing observations; each record goes to
-- the import's sink (Sink:row of ctg.import), judged as any CSV row. Nothing is dropped
-- without a count: rows skipped by the mapping's `skip`, rows outside the plan (with the
-- first names), missing values and empty cells go to the file's account.
local msg = require("ctg.msg")
local suggest = require("ctg.suggest")
local sandbox = require("ctg.sandbox")
local kinds = require("ctg.kinds")

local M = {}

-- names of territories or periods outside the plan listed in the account
M.LISTED_OUTSIDE = 5

local function trim(s) return (s:gsub("^[%s\xC2\xA0]+", ""):gsub("[%s\xC2\xA0]+$", "")) end

-- ---- row streams ----------------------------------------------------------------------

-- The separator of a CSV's header line (line n), counted as the CSV reader counts it on its
-- first line: a title line above the header would otherwise decide it.
local function separator_of_line(path, n)
  local i = 0
  for line in io.lines(path) do
    i = i + 1
    if i == n then
      local semi, comma, tab = select(2, line:gsub(";", "")), select(2, line:gsub(",", "")), select(2, line:gsub("\t", ""))
      if semi >= tab and semi >= comma then return ";" end
      return tab >= comma and "\t" or ","
    end
  end
end

-- A CSV's rows: next() -> cells (texts), line; and the decimal dialect.
local function csv_stream(m, path, sink)
  local csv = require("ctg.csv")
  local dialect = m.dialect or {}
  local encoding = dialect.encoding or "auto"
  local sep = dialect.separator or (m.header[1] > 1 and separator_of_line(path, m.header[1])) or nil
  local iter, _, _, reader = csv.rows(path, encoding, sep)
  local detected, enc = csv.dialect(path, encoding)
  if enc ~= "UTF-8" then sink.encoding = enc end
  local numbers = dialect.decimal and (dialect.decimal == "," and "french" or "intl")
    or (sep and (sep == ";" and "french" or "intl")) or detected
  return { next = iter, closing = reader, numbers = numbers }
end

-- A workbook sheet's rows: next() -> cells (values), row. Only those two: the reader's third
-- value (the cells' types) would be read by M.run as the skip verdict, every row skipped.
local function workbook_stream(m, path, report)
  local wbi = require("ctg.import_workbook")
  local wb, code, detail = require("ctg.workbook").open(path)
  if not wb then return nil, wbi.words(code, detail) end
  local sheets = wb:sheets()
  local index, why = wbi.choose_sheet(sheets, m.sheet and tostring(m.sheet))
  if not index then
    wb:close()
    return nil, why
  end
  local ok, scode, sdetail = wb:select(index)
  if not ok then
    wb:close()
    return nil, wbi.words(scode, sdetail)
  end
  report.sheet_of = report.sheet_of or {}
  report.sheet_of[path] = sheets[index]
  return { next = function()
    local cells, row = wb:row()
    return cells, row
  end, closing = wb, workbook = true }
end

-- A cell as text (the header's names, territory and period cells, dimension values).
local function cell_text(v)
  if v == nil then return "" end
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2 ^ 53 then return tostring(math.tointeger(v)) end
  if type(v) == "number" then return string.format("%.15g", v) end
  return trim(tostring(v))
end

-- ---- the header -------------------------------------------------------------------------

-- Read the header rows: the column names (two rows joined by a space, an upper cell's text
-- carried right over the empty cells a merged cell leaves) and the line of the last header
-- row; nil and the message when the file ends before it.
local function read_header(m, stream)
  local wanted = m.header
  local rows_of, last = {}, wanted[#wanted]
  local seen = 0
  while true do
    local cells, line = stream.next()
    if not cells then
      return nil, msg.text("source.header-beyond", { header = last, n = seen })
    end
    seen = line
    if line > last then
      -- the last header row was blank (a reader skips blank lines): this row is data, read
      -- again first
      local pending, next_row = { cells, line }, stream.next
      stream.next = function()
        if pending then
          local p = pending
          pending = nil
          return p[1], p[2]
        end
        return next_row()
      end
      break
    end
    for i, want in ipairs(wanted) do
      if line == want then rows_of[i] = cells end
    end
    if line == last then break end
  end
  local width = 0
  for i = 1, #wanted do
    local r = rows_of[i] or {}
    width = math.max(width, r.n or #r)
  end
  local names = {}
  for i = 1, #wanted do
    local r, carried = rows_of[i] or {}, ""
    for j = 1, width do
      local text = cell_text(r[j])
      -- a merged cell of an upper row: its text stands over each column it spans
      if i < #wanted then
        if text == "" then text = carried else carried = text end
      end
      if text ~= "" then names[j] = names[j] and (names[j] .. " " .. text) or text end
    end
  end
  for j = 1, width do names[j] = names[j] or "" end
  return names, last, width
end

-- ---- resolving the mapping against the header ----------------------------------------------

-- The index of a named column, or nil and the message listing the columns found.
local function column_index(names, index_of, name, what)
  local j = index_of[name] or index_of[suggest.fold(name)]
  if j then return j end
  local shown = {}
  for _, n in ipairs(names) do if n ~= "" then shown[#shown + 1] = "« " .. n .. " »" end end
  local h = suggest.closest(name, names)
  return nil, msg.text("source.no-column", { name = name, what = what, list = table.concat(shown, ", "),
    hint = h and msg.text("source.hint-column", { hint = h }) or "" })
end

-- The plan of the reading: value cells {column, indicator, role, period} and the columns of
-- the territory, period and dimensions; nil and the errors ({column, message}).
local function plan_columns(m, names)
  local index_of = {}
  for j, n in ipairs(names) do
    if n ~= "" then
      index_of[n] = index_of[n] or j
      index_of[suggest.fold(n)] = index_of[suggest.fold(n)] or j
    end
  end
  local errors, p = {}, { cells = {}, dims = {} }
  local function need(name, what)
    local j, why = column_index(names, index_of, name, what)
    if not j then errors[#errors + 1] = why end
    return j
  end
  if type(m.territory) == "table" then p.territory = need(m.territory.column, msg.text("source.what.territory")) end
  if type(m.period) == "table" and m.period.column then p.period = need(m.period.column, msg.text("source.what.period")) end
  for dim, spec in pairs(m.dimensions or {}) do
    if spec.column then p.dims[dim] = need(spec.column, msg.text("source.what.dimension", { name = dim })) end
  end
  if m.columns then
    -- a captured name matches a key of values as a column name does (case and accents
    -- ignored: « Places creees » for « Places créées »)
    local key_of, keys, captured = {}, {}, {}
    for k in pairs(m.values) do
      keys[#keys + 1] = k
      key_of[k] = k
      key_of[suggest.fold(k)] = key_of[suggest.fold(k)] or k
    end
    table.sort(keys)
    local found = {}
    for j, n in ipairs(names) do
      local caps = table.pack(n:match(m.columns.pattern))
      if caps[1] ~= nil then
        local period, name = caps[m.columns.period], m.columns.name and caps[m.columns.name]
        local key
        if m.columns.name then
          captured[#captured + 1] = name
          key = key_of[name] or key_of[suggest.fold(name)]
        else key = keys[1] end
        local v = key and m.values[key]
        if v and period then
          found[m.columns.name and key or true] = true
          p.cells[#p.cells + 1] = { column = j, indicator = v.indicator, role = v.role, period = period,
                                    dims = v.dimensions }
        end
      end
    end
    for _, name in ipairs(keys) do
      if not found[m.columns.name and name or true] then
        local shown = {}
        for _, n in ipairs(names) do if n ~= "" then shown[#shown + 1] = "« " .. n .. " »" end end
        local h = m.columns.name and suggest.closest(name, captured)
        errors[#errors + 1] = msg.text("source.no-wide-column", { name = name, pattern = m.columns.pattern,
          list = table.concat(shown, ", "), hint = h and msg.text("source.hint-column", { hint = h }) or "" })
      end
    end
  else
    local keys = {}
    for name in pairs(m.values) do keys[#keys + 1] = name end
    table.sort(keys)
    for _, name in ipairs(keys) do
      local v = m.values[name]
      local j = need(name, msg.text("source.what.value"))
      if j then p.cells[#p.cells + 1] = { column = j, indicator = v.indicator, role = v.role, dims = v.dimensions } end
    end
  end
  table.sort(p.cells, function(a, b) return a.column < b.column end)
  -- the key that groups a row's cells into observations: indicator, period, dimensions
  for _, c in ipairs(p.cells) do
    local parts = {}
    for dim, spec in pairs(c.dims or {}) do parts[#parts + 1] = dim .. "=" .. spec.value end
    table.sort(parts)
    c.dimkey = table.concat(parts, "\0")
  end
  p.names = names
  if #errors > 0 then return nil, errors end
  return p
end

-- ---- cells to values ------------------------------------------------------------------------

local PERCENT = "^(.-)[%s\xC2\xA0\xE2\x80\xAF]*%%$"

-- A value cell as a number (roles value, numerator, denominator, respondents), or nil and
-- the message. numbers.percent = "fraction": the value of a rate (rate: the indicator is a
-- ratio) written without % is a share, ×100 (0,345 → 34,5); a count is never scaled.
local function number_of(m, v, numbers, role, rate)
  local percent = m.numbers and m.numbers.percent
  local is_value = role == "value" and rate
  if type(v) == "number" then
    if percent == "fraction" and is_value then return tonumber(string.format("%.12g", v * 100)) end
    return v
  end
  local text = trim(tostring(v))
  local before = text:match(PERCENT)
  if before then
    if not percent then return nil, msg.text("source.percent", { text = text }) end
    text = trim(before)
  end
  local csv = require("ctg.csv")
  local n = csv.number(text, numbers or "french")
  if n == nil and not numbers then n = csv.number(text, "intl") end
  if n == nil then
    return nil, msg.text("source.not-number", { text = text, hint = msg.text("import.csv-number." .. (numbers or "french")) })
  end
  if percent == "fraction" and is_value and not before then n = tonumber(string.format("%.12g", n * 100)) end
  return math.tointeger(n) or n
end

-- ---- territories and periods ------------------------------------------------------------------

-- The function that turns a territory cell into a code, or nil and why (by: code, insee,
-- title, or nil for any of them).
local function territory_resolver(checker, by)
  if not by then return function(name) return checker:territory(name) end end
  local map = {}
  for _, t in ipairs(checker.plan.territories) do
    if by == "code" then map[t.code] = t.code
    elseif by == "insee" and t.insee then map[t.insee] = t.code
    elseif by == "title" then map[suggest.place(t.title)] = t.code end
  end
  return function(name)
    local code = map[by == "title" and suggest.place(name) or name]
    -- a spreadsheet drops the leading zero of a code it took for a number (01004 → 1004):
    -- an INSEE code has 5 digits, a SIREN 9
    if not code and by == "insee" and name:match("^%d+$") then
      code = map[string.rep("0", 5 - #name) .. name] or map[string.rep("0", 9 - #name) .. name]
    end
    if code then return code end
    return nil, msg.text("source.territory-" .. by, { name = name })
  end
end

-- ---- the account ------------------------------------------------------------------------------

-- A row outside the plan (a territory or period it lacks): counted, the first names kept.
-- (a row is counted once, however many of its cells are outside; only the first names are
-- kept: a national file names 35 000 communes)
local function outside(sink, name, line)
  if sink.outside_line ~= line then
    sink.outside_line = line
    sink.outside = (sink.outside or 0) + 1
  end
  sink.outside_names = sink.outside_names or {}
  sink.outside_seen = sink.outside_seen or {}
  if not sink.outside_seen[name] then
    if #sink.outside_names < M.LISTED_OUTSIDE then
      sink.outside_names[#sink.outside_names + 1] = name
      sink.outside_seen[name] = true
    else
      sink.outside_more = true -- the account ends its list with "…"
    end
  end
end

-- ---- reading -------------------------------------------------------------------------------

-- The row as `skip` sees it: column name -> cell (text or number), and column number -> cell.
local function row_for_skip(names, cells)
  local t = {}
  for j, n in ipairs(names) do
    local v = cells[j]
    if type(v) == "string" then v = trim(v) end
    if v == nil then v = "" end
    t[j] = v
    if n ~= "" and t[n] == nil then t[n] = v end
  end
  return t
end

-- rows read ahead and given to the skip function in one run of the sandbox (one run a row
-- would cost more than reading the row)
M.SKIP_BATCH = 256

-- The data rows with the verdict of the mapping's skip function: an iterator giving cells,
-- line, skipped. The function runs within the limits, over a batch of rows at a time; an
-- error or a limit reached raises a located message (the row it failed on).
local function judged_rows(m, names, stream)
  local batch, lines, verdicts, i, n = {}, {}, {}, 0, 0
  local what = msg.text("source.skip-what", { id = m.id })
  local function judge_batch()
    local at = 0
    local ok, err = pcall(sandbox.run, what, nil, function(skip)
      for k = 1, n do
        at = k
        local r = skip(row_for_skip(names, batch[k]))
        verdicts[k] = r ~= nil and r ~= false
      end
    end, m.skip)
    if not ok then
      error({ line = lines[at] or 0, message = msg.text("source.skip-failed", { id = m.id, where = m.file .. ":" .. m.line,
        err = tostring(err) }) }, 0)
    end
  end
  return function()
    if i >= n then
      n, i = 0, 0
      for k = #batch, 1, -1 do batch[k], lines[k] = nil, nil end
      while n < M.SKIP_BATCH do
        local cells, line = stream.next()
        if not cells then break end
        n = n + 1
        batch[n], lines[n] = cells, line
      end
      if n == 0 then return nil end
      judge_batch()
    end
    i = i + 1
    return batch[i], lines[i], verdicts[i]
  end
end

-- The period of a row: fixed, from the file's name, or from its column.
local function row_period(m, p, cells, file_period)
  if file_period then return file_period end
  if type(m.period) ~= "table" then return m.period end
  local v = cells[p.period]
  if math.type(v) == "float" and v == math.floor(v) then return math.tointeger(v) end
  if type(v) == "string" then
    local t = trim(v)
    return t:match("^%d%d%d%d$") and math.tointeger(tonumber(t)) or t
  end
  return v
end

-- A role in the messages' language (valeur, numerateur…).
local function role_word(role)
  if msg.lang() == "en" then return role end
  for _, pair in ipairs(require("ctg.source_schema").ROLES.observation) do
    if pair[1] == role then return pair[2] end
  end
  return role
end

-- The observations of one data row (grouped by indicator and period: a numerator and a
-- denominator in one row make one observation), each {row, cols}; errors {column, message}.
local function observations_of(m, p, cells, stream, sink, base, base_cols)
  local by_key, order, errors = {}, {}, {}
  -- (a missing cell is noted under cols.missing: a second missing cell of the observation
  -- is the same missing value, not a clash)
  for _, c in ipairs(p.cells) do
    local v = cells[c.column]
    local text = type(v) == "string" and trim(v) or v
    local period = c.period and (c.period:match("^%d%d%d%d$") and math.tointeger(tonumber(c.period)) or c.period) or base.period
    local key = c.indicator .. "\0" .. tostring(period) .. "\0" .. c.dimkey
    local o = by_key[key]
    local function get()
      if not o then
        o = { row = {}, cols = {} }
        for k, x in pairs(base) do o.row[k] = x end
        for k, x in pairs(base_cols) do o.cols[k] = x end
        o.row.indicator, o.row.period = c.indicator, period
        for dim, spec in pairs(c.dims or {}) do o.row[dim] = spec.value end
        if c.period then o.cols.period = c.column end
        o.column = c.column
        by_key[key] = o
        order[#order + 1] = o
      end
      return o
    end
    local twice = by_key[key] and by_key[key].cols[c.role]
    if twice and text ~= nil and text ~= "" then
      -- two columns for one part of one observation: neither may silently win
      errors[#errors + 1] = { column = c.column, message = msg.text("source.two-columns", { role = role_word(c.role),
        indicator = c.indicator, period = tostring(period), a = p.names[twice], b = p.names[c.column] }) }
    elseif text ~= nil and type(text) == "string" and m.missing_set[text] or (text == nil and m.missing_set[""]) then
      local obs = get()
      obs.row.missing = text ~= nil and text ~= "" and msg.text("source.missing-reason", { text = text })
        or msg.text("source.missing-empty")
      obs.cols.missing = c.column
      sink.missing = (sink.missing or 0) + 1
    elseif text == nil or text == "" then
      sink.empty = (sink.empty or 0) + 1
    elseif c.role == "text" then
      local obs = get()
      obs.row.text, obs.cols.text = cell_text(v), c.column
    elseif c.role == "missing" then
      local obs = get()
      obs.row.missing, obs.cols.missing = cell_text(v), c.column
      sink.missing = (sink.missing or 0) + 1
    else
      local ind = sink.checker.indicators[c.indicator]
      local n, why = number_of(m, v, stream.numbers, c.role, kinds.rows_of(ind) == "ratio")
      if n == nil then errors[#errors + 1] = { column = c.column, message = why }
      else
        local obs = get()
        obs.row[c.role], obs.cols[c.role] = n, c.column
      end
    end
  end
  -- a missing part makes the observation missing: a rate without its numerator is not
  -- known (the other part is not stored alone; the account counts the missing value)
  for _, o in ipairs(order) do
    if o.row.missing then
      for _, k in ipairs({ "value", "numerator", "denominator", "respondents", "text" }) do o.row[k] = nil end
    end
  end
  return order, errors
end

-- A step's state as a spreadsheet writes it: the English word, or its French label as ctg
-- prints it (« en cours », « Terminée »), case and accents folded; else the text as it is
-- (the checker says what is allowed).
local function status_of(text)
  local cats, key = msg.catalogues(), suggest.fold(text)
  for _, s in ipairs(require("ctg.rows").STATUSES) do
    if key == s or key == suggest.fold(cats.fr["step-status." .. s] or "") then return s end
  end
  return text
end

-- A meeting, funding or progress row: each value column gives its role's field.
local function record_of(m, p, cells, base)
  local row, cols = {}, {}
  for k, x in pairs(base) do row[k] = x end
  if m.record == "funding" and base.period then row.year, row.period = base.period, nil end
  if m.record ~= "progress" and m.record ~= "funding" then row.period = nil end
  row.territory = nil
  for _, c in ipairs(p.cells) do
    local v = cells[c.column]
    local text = cell_text(v)
    if text ~= "" then
      if c.role == "amount" then
        row.amount = number_of({ numbers = m.numbers }, v, nil, "amount") or text
      elseif c.role == "year" then
        row.year = math.tointeger(tonumber(text)) or text
      elseif c.role == "status" then
        row.status = status_of(text)
      elseif c.role == "date" then
        row.date = type(v) == "string" and require("ctg.date").from_french(text) or text
      else
        row[c.role] = text
      end
      cols[c.role] = c.column
    end
  end
  return row, cols
end

-- The checks of a mapping against the kind of file, and the period its name gives; nil
-- and the message when they fail.
local function file_checks(m, path, workbook)
  if workbook and m.dialect then return nil, msg.text("source.dialect-workbook", { id = m.id }) end
  if not workbook and m.sheet then return nil, msg.text("source.sheet-csv", { id = m.id }) end
  if type(m.period) == "table" and m.period.file then
    local base = path:match("[^/\\]+$") or path
    local cap = base:match(m.period.file)
    if not cap then
      return nil, msg.text("source.period-file", { id = m.id, pattern = m.period.file, file = base })
    end
    return { period = cap:match("^%d%d%d%d$") and math.tointeger(tonumber(cap)) or cap }
  end
  return {}
end

-- The reading of one file: the mapping, its columns (p), the stream after the header, the
-- sink and the report; r.current holds the columns of the record being judged (r.column_of
-- gives them to the sink's messages). nil after reporting why the file cannot be read.
local function open_reading(m, path, sink, opts, report)
  local workbook = (path:lower()):match("%.xlsx$") or (path:lower()):match("%.ods$")
  local checked, bad = file_checks(m, path, workbook)
  if not checked then
    report:error(path, 0, nil, bad)
    return nil
  end
  local stream, why
  if workbook then stream, why = workbook_stream(m, path, report)
  else stream = csv_stream(m, path, sink) end
  if not stream then
    report:error(path, 0, nil, why)
    return nil
  end
  local r = { m = m, path = path, sink = sink, report = report, stream = stream, file_period = checked.period,
              current = {} }
  r.column_of = function(field) return r.current[field] end
  local names, header_line, width = read_header(m, stream)
  if not names then
    report:error(path, 0, nil, header_line)
  elseif width == 0 then
    report:error(path, header_line, nil, msg.text("source.empty-header"))
  else
    local p, errors = plan_columns(m, names)
    for _, e in ipairs(errors or {}) do report:error(path, header_line, nil, e) end
    if p and sink:start(opts.plan or report.plan_id, opts.source or m.title) then
      r.p, r.names = p, names
      r.resolve = type(m.territory) == "table" and territory_resolver(sink.checker, m.territory.by)
      return r
    end
  end
  return nil, stream
end

-- What a data row says of every record it gives: its territory, period and dimensions
-- (base) and their columns (base_cols). Also the name that puts the row outside the plan,
-- or false after reporting a territory that is an error.
local function base_of(r, cells, line)
  local m, p = r.m, r.p
  local base, cols = {}, {}
  if type(m.territory) == "string" then base.territory = m.territory
  elseif p.territory then
    local name = cell_text(cells[p.territory])
    local code, why = r.resolve(name)
    cols.territory = p.territory
    if code then base.territory = code
    elseif name ~= "" and m.outside == "skip" then return nil, nil, name
    else
      r.sink.bad = r.sink.bad + 1
      r.report:error(r.path, line, p.territory, name == "" and msg.text("source.empty-territory") or why)
      return nil, nil, false
    end
  end
  base.period = row_period(m, p, cells, r.file_period)
  cols.period = p.period
  for dim, spec in pairs(m.dimensions or {}) do
    if spec.value then base[dim] = spec.value
    else
      base[dim] = cell_text(cells[p.dims[dim]])
      cols[dim] = p.dims[dim]
    end
  end
  return base, cols
end

-- Give one record to the sink, its columns noted for the messages (r.column_of reads
-- r.current while the sink judges the record).
local function give(r, record, row, line, cols, cell_column)
  r.current = cols
  r.sink:row(record, row, line, r.column_of, cell_column)
end

-- The records of one data row into the sink (observations, or a meeting/funding/progress row).
local function emit(r, cells, line, base, base_cols)
  local m, sink = r.m, r.sink
  if m.record ~= "observation" then
    local row, cols = record_of(m, r.p, cells, base)
    return give(r, m.record, row, line, cols)
  end
  local list, errors = observations_of(m, r.p, cells, r.stream, sink, base, base_cols)
  if #errors > 0 then
    sink.bad = sink.bad + 1
    for _, e in ipairs(errors) do r.report:error(r.path, line, e.column, e.message) end
    return
  end
  local rows = require("ctg.rows")
  for _, o in ipairs(list) do
    local period = o.row.period
    -- a period the plan lacks (more than ten years away): outside, when it is a period at all
    if m.outside == "skip" and period ~= nil and rows.period_text(period) and not sink.checker:period(period, true) then
      outside(sink, tostring(period), line)
    else
      give(r, "observation", o.row, line, o.cols, o.cols.value or o.cols.numerator or o.column)
    end
  end
end

-- ---- the compiled plan: the common row read without a table a cell ----------------------
-- A national file has hundreds of thousands of rows: read as above (tables and patterns for
-- every cell) it costs several times the judging and storing of its observations. A mapping
-- of observations whose value columns hold numbers is compiled once a file into groups (one
-- observation each: its indicator, period, dimensions and the columns of its parts), whose
-- row and column tables serve every row (the judge copies what it stores); a territory or
-- period cell is resolved once a distinct text (a national file repeats the same names).
-- A row the compiled plan cannot read exactly as the general reading does (a cell in error,
-- a missing marker, a percent, spaces around a cell, a territory in error) is given to the
-- general reading: the same records, messages and account either way.

local NUMERIC = { value = true, numerator = true, denominator = true, respondents = true }

-- the bytes trim() removes around a cell (%s and those of U+00A0): a cell starting or ending
-- with one is left to the general reading
local BLANK = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true, [32] = true,
                [0xC2] = true, [0xA0] = true }

-- distinct cells remembered a file (territories, periods, dimension texts): memory stays
-- bounded however many names a file holds; past it, a cell is resolved each time
M.MEMO_MAX = 50000

-- false: every row read the general way; NATIVE false: the compiled plan read in Lua, not
-- by ctg.mapped (the tests compare the three readings)
M.COMPILED = true
M.NATIVE = true

local function remember(f, t, key, value)
  if f.remembered < M.MEMO_MAX and key == key then -- (NaN is no key)
    t[key] = value
    f.remembered = f.remembered + 1
  end
end

-- The group of cells giving one observation, created on its first cell.
local function new_group(m, c, period)
  local g = { row = { indicator = c.indicator }, cols = {}, period = period, roles = {}, dimcols = {}, cells = {},
              stamp = 0 }
  for dim, spec in pairs(m.dimensions or {}) do
    if c.dims and c.dims[dim] then g.row[dim] = c.dims[dim].value
    elseif spec.value then g.row[dim] = spec.value
    else g.dimcols[#g.dimcols + 1] = dim end
  end
  for dim, spec in pairs(c.dims or {}) do g.row[dim] = spec.value end
  return g
end

-- The plan of f for ctg.mapped (reading and judging each row in C), or nil when the rows must
-- be judged in Lua: several versions of the plan (each row goes to the version in force), a
-- dimension from a column, a dimension value that is not a text.
local function native_plan(r, f)
  local sink = r.sink
  if sink.versions ~= 1 or #f.dims > 0 then return nil end
  local spec = { groups = {}, cells = {}, numbers = r.stream.numbers, missing = r.m.missing_set }
  for i, g in ipairs(f.groups) do
    local dims = {}
    for k, x in pairs(g.row) do
      if k ~= "indicator" then
        if type(x) ~= "string" then return nil end
        dims[#dims + 1] = { name = k, value = x }
      end
    end
    table.sort(dims, function(a, b) return a.name < b.name end)
    spec.groups[i] = { indicator = g.row.indicator, period = g.period, dims = dims }
  end
  for i, c in ipairs(f.cells) do
    spec.cells[i] = { column = c.column, role = c.role, group = c.group.index, scale = c.scale }
  end
  f.judge = sink:bound(sink.checker)
  return require("ctg.mapped").plan(spec)
end

-- The compiled plan of reading r (observations only), or nil when the mapping has cells the
-- general reading alone handles (texts, missing-value columns, two columns for one part).
local function compile(r)
  local m, p, checker = r.m, r.p, r.sink.checker
  if m.record ~= "observation" or #p.cells == 0 then return nil end
  local percent = m.numbers and m.numbers.percent
  local base_cols = { territory = p.territory, period = p.period }
  for dim, spec in pairs(m.dimensions or {}) do
    if not spec.value then base_cols[dim] = p.dims[dim] end
  end
  local f = { cells = {}, groups = {}, order = {}, values = {}, codes = {}, outside = {}, periods = {}, texts = {}, dims = {}, dim_text = {},
              period_out = {}, number = require("ctg.csv").number, remembered = 0, rows = 0, stamp = 0, missing = m.missing_set, missing_empty = m.missing_set[""] }
  local by_key, timed = {}, nil
  for _, c in ipairs(p.cells) do
    if not NUMERIC[c.role] then return nil end
    -- every cell has its period (columns by period) or none has (the row's): the groups
    -- are then the same for every row
    if timed == nil then timed = c.period ~= nil elseif timed ~= (c.period ~= nil) then return nil end
    local period = c.period and (c.period:match("^%d%d%d%d$") and math.tointeger(tonumber(c.period)) or c.period)
    local key = c.indicator .. "\0" .. tostring(period) .. "\0" .. c.dimkey
    local g = by_key[key]
    if not g then
      g = new_group(m, c, period)
      for k, x in pairs(base_cols) do g.cols[k] = x end
      if c.period then g.cols.period = c.column end
      by_key[key] = g
      f.groups[#f.groups + 1] = g
      g.index = #f.groups
    end
    if g.roles[c.role] then return nil end
    g.roles[c.role] = true
    local ind = checker.indicators[c.indicator]
    local cell = { column = c.column, role = c.role, group = g,
      scale = percent == "fraction" and c.role == "value" and kinds.rows_of(ind) == "ratio" }
    f.cells[#f.cells + 1] = cell
    g.cells[#g.cells + 1] = cell
  end
  for dim, spec in pairs(m.dimensions or {}) do
    if not spec.value then f.dims[#f.dims + 1] = { name = dim, column = p.dims[dim] } end
  end
  f.native = M.NATIVE and native_plan(r, f)
  return f
end

-- The territory code of a row (nil without a territory), or false after counting the row
-- outside the plan; nil, true when the general reading must read the row.
local function fast_territory(r, f, cells, line)
  local m, p = r.m, r.p
  if type(m.territory) == "string" then return m.territory end
  if not p.territory then return nil end
  local v = cells[p.territory]
  local code = f.codes[v]
  if code then return code end
  local out = f.outside[v]
  if out then
    outside(r.sink, out, line)
    return false
  end
  if v == nil then return nil, true end
  local name = cell_text(v)
  code = r.resolve(name)
  if code then
    remember(f, f.codes, v, code)
    return code
  end
  if name == "" or m.outside ~= "skip" then return nil, true end
  remember(f, f.outside, v, name)
  outside(r.sink, name, line)
  return false
end

-- The period of a row (its text resolved once).
local function fast_period(r, f, cells)
  local m, p = r.m, r.p
  local v = type(m.period) == "table" and not r.file_period and cells[p.period]
  if type(v) ~= "string" then return row_period(m, p, cells, r.file_period) end
  local period = f.periods[v]
  if period == nil then
    period = row_period(m, p, cells, r.file_period)
    remember(f, f.periods, v, period)
  end
  return period
end

-- A dimension cell's text (resolved once a distinct text).
local function fast_text(f, v)
  if type(v) ~= "string" then return cell_text(v) end
  local t = f.texts[v]
  if t == nil then
    t = cell_text(v)
    remember(f, f.texts, v, t)
  end
  return t
end

-- The number of a value cell as number_of reads it, nil for an empty cell; false when the
-- general reading must read the row (a missing marker, a percent, spaces, not a number).
local function fast_number(f, c, v, numbers)
  if type(v) == "number" then
    return c.scale and tonumber(string.format("%.12g", v * 100)) or v
  end
  if v == nil or v == "" then return not f.missing_empty and nil end
  if type(v) ~= "string" or f.missing[v] or BLANK[v:byte(1)] or BLANK[v:byte(-1)] then return false end
  local n = f.number(v, numbers or "french")
  if n == nil then return false end
  if c.scale then n = tonumber(string.format("%.12g", n * 100)) end
  return math.tointeger(n) or n
end

-- Whether a period puts an observation outside the plan (outside = "skip"), once a period.
local function fast_outside_period(r, f, period)
  local out = f.period_out[period]
  if out == nil then
    out = require("ctg.rows").period_text(period) and not r.sink.checker:period(period, true) or false
    if period == period then f.period_out[period] = out end
  end
  return out
end

-- Read one data row through the compiled plan f: true when done (its observations given to
-- the sink, or the row counted outside the plan), false when the general reading must read it.
local function fast_row(r, f, cells, line)
  local territory, general = fast_territory(r, f, cells, line)
  if territory == false then
    f.rows = f.rows + 1
    return true
  end
  if general then return false end
  local period = fast_period(r, f, cells)
  local values, fcells, numbers = f.values, f.cells, r.stream.numbers
  local empty = 0
  for i = 1, #fcells do
    local x = fast_number(f, fcells[i], cells[fcells[i].column], numbers)
    if x == false then return false end
    if x == nil then empty = empty + 1 end
    values[i] = x
  end
  -- the row is read: its observations, in the order of their first cell
  if empty > 0 then r.sink.empty = (r.sink.empty or 0) + empty end
  for _, d in ipairs(f.dims) do f.dim_text[d.name] = fast_text(f, cells[d.column]) end
  local stamp, order, n = f.stamp + 1, f.order, 0
  f.stamp = stamp
  for i = 1, #fcells do
    local c, x = fcells[i], values[i]
    local g = c.group
    if x ~= nil and g.stamp ~= stamp then
      g.stamp, g.first = stamp, c.column
      for role in pairs(g.roles) do g.row[role], g.cols[role] = nil, nil end
      n = n + 1
      order[n] = g
    end
    if x ~= nil then g.row[c.role], g.cols[c.role] = x, c.column end
  end
  local skip_outside = r.m.outside == "skip"
  for k = 1, n do
    local g = order[k]
    local row = g.row
    row.territory, row.period = territory, g.period or period
    for _, dim in ipairs(g.dimcols) do row[dim] = f.dim_text[dim] end
    if skip_outside and row.period ~= nil and fast_outside_period(r, f, row.period) then
      outside(r.sink, tostring(row.period), line)
    else
      give(r, "observation", row, line, g.cols, g.cols.value or g.cols.numerator or g.first)
    end
  end
  f.rows = f.rows + 1
  return true
end

-- The columns of group g's observation in this row (the sink's messages locate by them).
local function native_cols(g, cells)
  local cols = {}
  for k, x in pairs(g.cols) do cols[k] = x end
  for _, c in ipairs(g.cells) do
    local v = cells[c.column]
    cols[c.role] = v ~= nil and v ~= "" and c.column or nil
  end
  return cols
end

-- fast_row, the cells read and the observations judged by ctg.mapped (f.native).
local function native_row(r, f, cells, line)
  local territory, general = fast_territory(r, f, cells, line)
  if territory == false then
    f.rows = f.rows + 1
    return true
  end
  if general then return false end
  local plan, order = f.native, f.order
  local empty, n = plan:read(cells, order)
  if not empty then return false end
  local sink = r.sink
  if empty > 0 then sink.empty = (sink.empty or 0) + empty end
  local period = fast_period(r, f, cells)
  local skip_outside = r.m.outside == "skip"
  for k = 1, n do
    local g = f.groups[order[k]]
    local pd = g.period or period
    if skip_outside and pd ~= nil and fast_outside_period(r, f, pd) then
      outside(sink, tostring(pd), line)
    else
      local column, verdict = plan:put(g.index, f.judge, territory, pd, line)
      if verdict then
        r.current = native_cols(g, cells)
        sink:verdict(sink.checker, verdict, line, r.column_of)
      end
      if column then
        sink:stored()
        sink:note_cell(line, column)
      end
    end
  end
  f.rows = f.rows + 1
  return true
end

--- Read path through mapping m into the sink (ctg.import's Sink): errors go to report.
function M.run(m, path, sink, opts, report)
  local r, stream = open_reading(m, path, sink, opts, report)
  -- the reader is closed however the reading ends (an error raised by a row too)
  local _ <close> = (r and r.stream or stream or {}).closing
  if not r then return end
  local rows_of = m.skip and judged_rows(m, r.names, r.stream) or r.stream.next
  local fast = M.COMPILED and compile(r)
  local read = fast and (fast.native and native_row or fast_row)
  for cells, line, skip in rows_of do
    sink.read = (sink.read or 0) + 1
    if skip then sink.skipped = (sink.skipped or 0) + 1
    elseif not (read and read(r, fast, cells, line)) then
      local base, base_cols, outside_name = base_of(r, cells, line)
      if base then emit(r, cells, line, base, base_cols)
      elseif outside_name then outside(sink, outside_name, line) end
    end
  end
  -- (rows the compiled plan read, and whether natively: the tests check they are used)
  if fast then sink.compiled, sink.native = fast.rows, fast.native and true or false end
end

return M
