-- ctg.datatable — a table of rows with named columns, what an analyst's script works on:
-- ev:table{…} (the values of the plan), db:query(…) (SQL), ctg.csv.read(…) (a file) and
-- ctg.table(rows) all give one. Rows are plain Lua tables keyed by column name at t[1..#t]
-- (`for _, r in ipairs(t)`), the columns in order in getmetatable(t).columns. Methods:
--   t:columns()                        the column names, in order
--   t:columns("territory", "value")    a table of these columns only
--   t:column("value")                  the present values of a column, and how many lack one
--   t:sort{by = {"period", "-value"}}  French collation for text, missing values last
--   t:filter{period = "2023"}          or t:filter(function(r) return … end)
--   t:head(5)                          the first rows
--   t:group{by = "period", mean = "value", median = "value", quantile = {"value", 0.9}}
--   t:write("valeurs.csv")             .csv (French or international), .xlsx, .json
-- print(t) (and the console) shows it as a grid with French headers and numbers. Every
-- method returns a new table (t is left as it was). A misspelt option, column or calculation
-- is an error at the script's line with "vouliez-vous dire …".
local blame = require("ctg.blame")
local msg = require("ctg.msg")

local datatable = {}

local Methods = {}

local function text(key, vars) return msg.text("analysis." .. key, vars) end
local function raise(key, vars) blame.raise_user(text(key, vars)) end

local function describe(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "number" then return require("ctg.fmt").number(v) end
  if v == nil then return "nil" end
  return type(v)
end

-- " (vouliez-vous dire 'x' ?)" for the closest of names, else the list of names.
local function hint(name, names)
  local close = type(name) == "string" and require("ctg.suggest").closest(name, names)
  if close then return text("hint", { name = close }) end
  local sorted = table.move(names, 1, #names, 1, {})
  table.sort(sorted)
  return text("hint-list", { names = table.concat(sorted, ", ") })
end

--- Checks an options table against the names allowed (a set name -> true) and the French
--- aliases (alias -> name); returns a copy keyed by the English names. An unknown key is an
--- error at the script's line naming the closest allowed one. (The shape of the API's
--- shared option checker, which replaces this one once merged.)
function datatable.options(fn, opts, allowed, aliases)
  if opts == nil then return {} end
  if type(opts) ~= "table" then raise("options-type", { fn = fn, got = describe(opts) }) end
  local out = {}
  for k, v in pairs(opts) do
    local key = aliases and aliases[k] or k
    if type(key) ~= "string" or not allowed[key] then
      local names = {}
      for name in pairs(allowed) do names[#names + 1] = name end
      for alias in pairs(aliases or {}) do names[#names + 1] = alias end
      raise("option-unknown", { fn = fn, key = tostring(k), hint = hint(tostring(k), names) })
    end
    out[key] = v
  end
  return out
end

--- An option of the wrong kind: the error at the script's line; expected: the key of what
--- it takes in the catalogue (analysis.expect.NAME).
function datatable.bad_option(fn, key, expected, got)
  raise("option-bad", { fn = fn, key = key, expected = text("expect." .. expected), got = describe(got) })
end

--- An argument of the wrong kind (expected: as for bad_option).
function datatable.bad_argument(fn, expected, got)
  raise("argument-bad", { fn = fn, expected = text("expect." .. expected), got = describe(got) })
end

-- ---- construction -------------------------------------------------------------------------

--- A table of rows (a list of tables keyed by column name; kept, not copied) with its
--- columns in order (default: every key of the rows, sorted). opts.plan: the plan whose
--- indicators and places the values belong to (values then print with their units).
function datatable.new(rows, columns, opts)
  if not columns then
    local seen = {}
    columns = {}
    for _, r in ipairs(rows) do
      for k in pairs(r) do
        if type(k) == "string" and not seen[k] then seen[k] = true; columns[#columns + 1] = k end
      end
    end
    table.sort(columns)
  end
  local mt = { __index = Methods, __name = "Table", __tostring = datatable.render, columns = columns,
               plan = opts and opts.plan, datatable = true }
  return setmetatable(rows, mt)
end

--- A table of a script's own rows (ctg.table, ctg.csv.write): rows must be a list of tables
--- keyed by column name, columns nil or a list of names; else an error at the script's line.
--- The rows are copied into the new table (the list given stays as it is).
function datatable.of_rows(fn, rows, columns)
  if type(rows) ~= "table" then datatable.bad_argument(fn, "row-list", rows) end
  for i = 1, #rows do
    if type(rows[i]) ~= "table" then
      raise("row-bad", { fn = fn, i = i, got = describe(rows[i]) })
    end
  end
  if columns ~= nil then
    if type(columns) ~= "table" then datatable.bad_argument(fn, "column-or-list", columns) end
    for _, c in ipairs(columns) do
      if type(c) ~= "string" then datatable.bad_argument(fn, "column-or-list", c) end
    end
  end
  return datatable.new(table.move(rows, 1, #rows, 1, {}), columns and table.move(columns, 1, #columns, 1, {}))
end

--- Whether v is a table of this module.
function datatable.is(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "datatable") == true
end

-- The rows of a lazy table, made now if they are not yet (see datatable.lazy).
local function materialize(t)
  local mt = getmetatable(t)
  local make = mt.make
  if not make then return t end
  mt.make, mt.csv = nil, nil
  local rows = make()
  table.move(rows, 1, #rows, 1, t)
  mt.__index, mt.__len, mt.__pairs = Methods, nil, nil
  return t
end

--- A table whose rows are made by make() when first read (t[i], #t, ipairs, pairs, any
--- method); csv(header, dialect), when given, writes its CSV before that without making
--- them (the cells model.csv_rows would write): ev:table's every value of a département goes
--- to a file at the cost of ctg eval's CSV.
function datatable.lazy(columns, opts, make, csv)
  local t = datatable.new({}, columns, opts)
  local mt = getmetatable(t)
  mt.make, mt.csv = make, csv
  mt.__index = function(self, k)
    if math.type(k) == "integer" then return rawget(materialize(self), k) end
    return Methods[k]
  end
  mt.__len = function(self) return rawlen(materialize(self)) end
  mt.__pairs = function(self) return next, materialize(self), nil end
  return t
end

-- A new table of rows with the metatable data of t (its plan) and these columns.
local function derived(t, rows, columns)
  return datatable.new(rows, columns or getmetatable(t).columns, { plan = getmetatable(t).plan })
end

-- ---- columns ------------------------------------------------------------------------------

-- The names a column may be given by: the table's columns and any key of its rows (the
-- fields of a value beyond those shown: progress, note, baseline_value…).
local function known_columns(t)
  local mt = getmetatable(t)
  if mt.known then return mt.known end
  local known, list = {}, {}
  for _, c in ipairs(mt.columns) do
    if not known[c] then known[c] = true; list[#list + 1] = c end
  end
  for _, r in ipairs(t) do
    for k in pairs(r) do
      if type(k) == "string" and not known[k] then known[k] = true; list[#list + 1] = k end
    end
  end
  mt.known, mt.known_list = known, list
  return known
end

-- Checks a column name; returns it.
local function column_of(t, fn, name)
  if type(name) ~= "string" or not known_columns(t)[name] then
    raise("column-unknown", { fn = fn, name = tostring(name), hint = hint(tostring(name), getmetatable(t).known_list) })
  end
  return name
end

-- A column name or a list of them, checked: a list.
local function column_list(t, fn, spec, key)
  if type(spec) == "string" then return { column_of(t, fn, spec) } end
  if type(spec) ~= "table" or #spec == 0 then
    datatable.bad_option(fn, key, "column-or-list", spec)
  end
  local out = {}
  for i, c in ipairs(spec) do out[i] = column_of(t, fn, c) end
  return out
end

--- t:columns() -> the column names in order; t:columns(name, …) or t:columns{name, …} -> a
--- table of these columns only, in that order.
function Methods:columns(...)
  materialize(self)
  local names = select("#", ...) == 1 and type((...)) == "table" and (...) or { ... }
  if #names == 0 then return table.move(getmetatable(self).columns, 1, #getmetatable(self).columns, 1, {}) end
  local cols = column_list(self, "t:columns", names, "columns")
  return derived(self, table.move(self, 1, #self, 1, {}), cols)
end

--- t:column(name) -> the values of the column that are present (a list), and the number of
--- rows without one (a value "n.d." is not 0: it is left out and counted).
function Methods:column(name)
  materialize(self)
  column_of(self, "t:column", name)
  local out, missing = {}, 0
  for _, r in ipairs(self) do
    local v = r[name]
    if v == nil then missing = missing + 1 else out[#out + 1] = v end
  end
  return out, missing
end

-- ---- sort, filter, head -------------------------------------------------------------------

local SORT_OPTIONS = { by = true, desc = true }
local SORT_ALIASES = { par = "by", decroissant = "desc", ["décroissant"] = "desc" }

--- t:sort("column") or t:sort{by = "column" | {"col1", "-col2"}, desc = true}: rows in order
--- of the columns (a "-" before a name: that one descending; desc: all of them). Numbers by
--- value, texts in French order (ctg.fmt.sort_key: « Étigny » before « Villeneuve »),
--- missing values last whatever the direction; rows that tie keep their order.
function Methods:sort(spec)
  materialize(self)
  if type(spec) == "string" then spec = { by = spec } end
  local o = datatable.options("t:sort", spec, SORT_OPTIONS, SORT_ALIASES)
  if o.by == nil then datatable.bad_option("t:sort", "by", "column", nil) end
  if o.desc ~= nil and type(o.desc) ~= "boolean" then datatable.bad_option("t:sort", "desc", "boolean", o.desc) end
  local names = type(o.by) == "string" and { o.by } or o.by
  if type(names) ~= "table" or #names == 0 then
    datatable.bad_option("t:sort", "by", "column-list", o.by)
  end
  local keys = {}
  for i, name in ipairs(names) do
    local desc = o.desc == true
    if type(name) == "string" and name:sub(1, 1) == "-" and not known_columns(self)[name] then
      name, desc = name:sub(2), not desc
    end
    keys[i] = { column = column_of(self, "t:sort", name), desc = desc }
  end
  local fmt = require("ctg.fmt")
  -- texts compared through their sort keys, computed once a row
  local order = {}
  for i, r in ipairs(self) do
    local k = { index = i, row = r }
    for j, key in ipairs(keys) do
      local v = r[key.column]
      if type(v) == "table" then v = table.concat(v, ", ") end
      k[j] = type(v) == "string" and { fmt.sort_key(v) } or v
    end
    order[i] = k
  end
  local function before(a, b)
    for j, key in ipairs(keys) do
      local x, y = a[j], b[j]
      if x ~= nil or y ~= nil then
        if x == nil then return false end
        if y == nil then return true end
        local tx, ty = type(x), type(y)
        if tx == "table" then x = x[1] end
        if ty == "table" then y = y[1] end
        if tx ~= ty then
          -- numbers before texts, in either direction
          if (tx == "number") ~= (ty == "number") then return tx == "number" end
          x, y = tostring(x), tostring(y)
        end
        if x ~= y then
          if type(x) == "boolean" then x, y = x and 1 or 0, y and 1 or 0 end
          if key.desc then return x > y end
          return x < y
        end
      end
    end
    return a.index < b.index
  end
  table.sort(order, before)
  local rows = {}
  for i, k in ipairs(order) do rows[i] = k.row end
  return derived(self, rows)
end

--- t:filter(function(r) return … end) or t:filter{column = value, …}: the rows kept (a
--- table of conditions: every column equal to its value; a period or a year matches as text
--- or number alike).
function Methods:filter(cond)
  materialize(self)
  local keep
  if type(cond) == "function" then
    keep = cond
  elseif type(cond) == "table" then
    local checks = {}
    for k, v in pairs(cond) do checks[#checks + 1] = { column_of(self, "t:filter", k), v } end
    keep = function(r)
      for _, c in ipairs(checks) do
        local v = r[c[1]]
        if v ~= c[2] and not (v ~= nil and tostring(v) == tostring(c[2])) then return false end
      end
      return true
    end
  else
    datatable.bad_argument("t:filter", "filter", cond)
  end
  local rows = {}
  for _, r in ipairs(self) do
    if keep(r) then rows[#rows + 1] = r end
  end
  return derived(self, rows)
end

--- t:head(n): the first n rows (all when there are fewer).
function Methods:head(n)
  materialize(self)
  if math.type(n) ~= "integer" or n < 0 then
    datatable.bad_argument("t:head", "rows-count", n)
  end
  return derived(self, table.move(self, 1, math.min(n, #self), 1, {}))
end

-- ---- group --------------------------------------------------------------------------------

-- The calculations of t:group, in the order their columns come.
local AGGREGATES = { "sum", "mean", "median", "min", "max", "quantile" }
local GROUP_OPTIONS = { by = true, count = true }
for _, a in ipairs(AGGREGATES) do GROUP_OPTIONS[a] = true end
local GROUP_ALIASES = { par = "by", somme = "sum", moyenne = "mean", mediane = "median", ["médiane"] = "median",
                        quantile = "quantile", nombre = "count" }

-- The name of a quantile's column: p90_value for 0.9, p12.5_value for 0.125.
local function quantile_column(p, column)
  local pct = p * 100
  local s = math.tointeger(pct) and tostring(math.tointeger(pct)) or string.format("%.10g", pct)
  return "p" .. s .. "_" .. column
end

--- t:group{by = "period" | {"period", "indicator"}, sum = …, mean = …, median = …, min = …,
--- max = … (a column or a list), quantile = {"value", 0.9} (or {{"value", 0.1}, {"value",
--- 0.9}})}: one row per value of the by columns (every row in one group without by), in
--- French order, with `count` (its rows), a column per calculation (mean_value, p90_value…)
--- and, for a column some of whose values are missing, missing_<column> (how many rows of
--- the group lack it: they are left out of its calculations, never counted as 0). A mean
--- of rates is a mean of the territories' rates; the rate of their whole is ev:value's.
function Methods:group(spec)
  materialize(self)
  local fn = "t:group"
  local o = datatable.options(fn, spec, GROUP_OPTIONS, GROUP_ALIASES)
  local by = o.by and column_list(self, fn, o.by, "by") or {}
  local stats = require("ctg.stats")
  local calcs, used = {}, {}
  for _, agg in ipairs(AGGREGATES) do
    if o[agg] ~= nil then
      if agg == "quantile" then
        local list = type(o.quantile) == "table" and type(o.quantile[1]) == "table" and o.quantile or { o.quantile }
        for _, q in ipairs(list) do
          if type(q) ~= "table" or type(q[1]) ~= "string" then
            datatable.bad_option(fn, "quantile", "quantile", q)
          end
          local column = column_of(self, fn, q[1])
          stats.quantile({}, q[2]) -- p checked now, at the script's line, even for an empty table
          calcs[#calcs + 1] = { agg = agg, column = column, p = q[2], name = quantile_column(q[2], column) }
          used[column] = true
        end
      else
        for _, column in ipairs(column_list(self, fn, o[agg], agg)) do
          calcs[#calcs + 1] = { agg = agg, column = column, name = agg .. "_" .. column }
          used[column] = true
        end
      end
    end
  end
  if o.count ~= nil and type(o.count) ~= "boolean" then datatable.bad_option(fn, "count", "boolean", o.count) end
  -- the groups, keyed by their values' text, in order of first appearance
  local groups, list = {}, {}
  for _, r in ipairs(self) do
    local parts = {}
    for i, c in ipairs(by) do parts[i] = tostring(r[c]) .. "\0" .. type(r[c]) end
    local key = table.concat(parts, "\1")
    local g = groups[key]
    if not g then
      g = { rows = {}, first = r }
      groups[key] = g
      list[#list + 1] = g
    end
    g.rows[#g.rows + 1] = r
  end
  local out, missing_columns = {}, {}
  for i, g in ipairs(list) do
    local row = { count = #g.rows }
    for _, c in ipairs(by) do row[c] = g.first[c] end
    local values = {}
    for column in pairs(used) do
      local present, missing = {}, 0
      for _, r in ipairs(g.rows) do
        local v = r[column]
        if type(v) == "number" and v == v then present[#present + 1] = v else missing = missing + 1 end
      end
      values[column] = present
      if missing > 0 then
        row["missing_" .. column] = missing
        missing_columns[column] = true
      end
    end
    for _, c in ipairs(calcs) do
      local v = values[c.column]
      if c.agg == "sum" then row[c.name] = #v > 0 and stats.sum(v) or nil
      elseif c.agg == "mean" then row[c.name] = stats.mean(v)
      elseif c.agg == "median" then row[c.name] = stats.median(v)
      elseif c.agg == "quantile" then row[c.name] = stats.quantile(v, c.p)
      elseif c.agg == "min" or c.agg == "max" then
        local m
        for _, x in ipairs(v) do
          if m == nil or (c.agg == "min" and x < m) or (c.agg == "max" and x > m) then m = x end
        end
        row[c.name] = m
      end
    end
    out[i] = row
  end
  local columns = table.move(by, 1, #by, 1, {})
  if o.count ~= false then columns[#columns + 1] = "count" end
  for _, c in ipairs(calcs) do columns[#columns + 1] = c.name end
  local extra = {}
  for column in pairs(missing_columns) do extra[#extra + 1] = "missing_" .. column end
  table.sort(extra)
  table.move(extra, 1, #extra, #columns + 1, columns)
  local result = derived(self, out, columns)
  if #by > 0 then result = result:sort { by = by } end
  return result
end

-- ---- what a person reads: French headers and cells ---------------------------------------

-- The French header of a column: its label in the catalogue (analysis.col.NAME), a
-- calculation's own words (« moyenne (Valeur) »), else the name itself.
local LABELED = { indicator = true, period = true, territory = true, territory_title = true, value = true,
  numerator = true, denominator = true, target = true, status = true, reason = true, note = true,
  missing_territories = true, count = true, partial = true, missing = true }
function datatable.label(name)
  local all = msg.catalogues()
  local lang = msg.lang()
  local function of(key) return all[lang]["analysis.col." .. key] or all.fr["analysis.col." .. key] end
  if LABELED[name] and of(name) then return of(name) end
  local agg, column = name:match("^(%a+)_(.+)$")
  if agg and of("agg." .. agg) then return of("agg." .. agg) .. " (" .. datatable.label(column) .. ")" end
  local p, qcolumn = name:match("^p([%d.]+)_(.+)$")
  if p then return of("agg.quantile"):gsub("{p}", (p:gsub("%.", ","))) .. " (" .. datatable.label(qcolumn) .. ")" end
  return name
end

-- A number as a person reads it: French digits, at most 2 decimals, no trailing zeros.
local function number_text(x)
  local fmt = require("ctg.fmt")
  if x ~= x or x == math.huge or x == -math.huge then return fmt.NA end
  -- four digits stay whole (a year, a count: French typography groups from five)
  if (math.type(x) == "integer" or x == math.floor(x)) and math.abs(x) < 10000 then return string.format("%d", x) end
  if math.type(x) == "integer" or x == math.floor(x) then return fmt.number(x, 0) end
  local s = fmt.number(x, 2)
  return (s:gsub("0+$", ""):gsub(",$", ""))
end

-- The text of a cell for a person: numbers and statuses in French, a value in its
-- indicator's unit when the table knows the plan, lists joined.
local function cell_text(t, column, r)
  local v = r[column]
  if v == nil then return "" end
  local plan = getmetatable(t).plan
  if column == "value" and plan and r.indicator then
    local ind = plan:indicator(r.indicator)
    if ind then return require("ctg.present").value(r, ind, 40) end
  end
  if column == "status" and type(v) == "string" then return require("ctg.present").STATUS[v] or v end
  if column == "territory" and plan and type(v) == "string" then
    local place = plan:place(v)
    return place and place.title or v
  end
  if type(v) == "number" then return number_text(v) end
  if type(v) == "boolean" then return text(v and "yes" or "no") end
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = tostring(x) end
    return table.concat(parts, ", ")
  end
  return tostring(v)
end

--- The table as a grid (what print(t) and the console show): French headers, French
--- numbers, places by their names, every row, or the first `limit` ones and how many more
--- (the console's); the notes (reason, note, missing_territories) only when some row shown
--- has one. opts (the console's): width (the terminal's columns), cut (a long cell cut with
--- "…" on one line rather than wrapped).
local FIXED = { indicator = true, period = true, numerator = true, denominator = true, target = true, count = true }
-- Notes a grid leaves out when no row has one (every value complete: no empty column).
local QUIET = { reason = true, note = true, missing_territories = true, partial = true, missing = true }
function datatable.render(t, limit, opts)
  opts = opts or {}
  materialize(t)
  local all = t
  if limit and #t > limit then t = table.move(t, 1, limit, 1, {}) end
  local columns = {}
  for _, c in ipairs(getmetatable(all).columns) do
    local shown = not QUIET[c] or #t == 0
    for _, r in ipairs(t) do
      if shown then break end
      shown = r[c] ~= nil
    end
    if shown then columns[#columns + 1] = c end
  end
  local header, flexible = {}, {}
  -- codes and figures are never wrapped: the texts make room
  local short = { numerator = text("col-short.numerator"), denominator = text("col-short.denominator") }
  for j, c in ipairs(columns) do header[j], flexible[j] = short[c] or datatable.label(c), not FIXED[c] or nil end
  local lines = {}
  for i, r in ipairs(t) do
    local cells = {}
    for j, c in ipairs(columns) do cells[j] = cell_text(all, c, r) end
    lines[i] = cells
  end
  local grid = #columns > 0 and require("ctg.grid").render(header, lines, { flexible = flexible, width = opts.width,
    cut = opts.cut, min = opts.cut and 6 or nil }) .. "\n" or ""
  if #all > #t then
    local more = #all - #t
    return grid .. text("rows.more", { n = more, rows = msg.count_word("rows", more) })
  end
  return grid .. (#t == 0 and text("rows.none") or text("rows", { n = #t, rows = msg.count_word("rows", #t) }))
end

-- ---- write --------------------------------------------------------------------------------

local WRITE_OPTIONS = { dialect = true, sheet = true }
local WRITE_ALIASES = { dialecte = "dialect", feuille = "sheet" }

-- A cell as written to a file: the raw value (numbers as numbers), lists joined; in the
-- French dialect, statuses in French as ctg eval writes them.
local function file_cell(column, v, french)
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = tostring(x) end
    return table.concat(parts, ", ")
  end
  if french and column == "status" and type(v) == "string" then return require("ctg.present").STATUS[v] or v end
  return v
end

--- t:write(path [, {dialect = "french" | "intl", sheet = "Valeurs"}]): the table into a
--- file whose extension says the format — .csv (French by default: ";", decimal comma, BOM,
--- French headers and statuses; "intl": ",", ".", the column names and codes), .xlsx (numbers
--- as numbers, French headers), .json (a list of objects keyed by column name). Written
--- whole or not at all (an earlier file is never replaced by half a table); a CSV by pieces
--- (ev:table's straight from the engine), never held whole. Returns path.
function Methods:write(path, opts)
  local fn = "t:write"
  if require("ctg.sandbox").active() then raise("write-sandbox", { fn = fn }) end
  if type(path) ~= "string" or path == "" then
    datatable.bad_argument(fn, "write-path", path)
  end
  local o = datatable.options(fn, opts, WRITE_OPTIONS, WRITE_ALIASES)
  local format = path:match("%.(%w+)$")
  format = format and format:lower()
  if format ~= "csv" and format ~= "xlsx" and format ~= "json" then raise("write-format", { fn = fn, path = path }) end
  local dialect = o.dialect or "french"
  if dialect ~= "french" and dialect ~= "intl" then datatable.bad_option(fn, "dialect", "dialect", dialect) end
  if o.sheet ~= nil and type(o.sheet) ~= "string" then datatable.bad_option(fn, "sheet", "text", o.sheet) end
  local columns = getmetatable(self).columns
  local bytes
  local french = format == "xlsx" or dialect == "french"
  local header = {}
  for j, c in ipairs(columns) do header[j] = french and datatable.label(c) or c end
  if format == "csv" then
    -- by pieces into a temporary beside path, put in place whole at the end
    local out, why = require("ctg.sys").open_output(path)
    if not out then raise("write-failed", { fn = fn, why = tostring(why) }) end
    local function sink(piece) out:write(piece) end
    if getmetatable(self).csv then
      getmetatable(self).csv(header, dialect, sink)
    else
      materialize(self)
      require("ctg.model").csv_rows(header, columns, self, dialect,
        french and { status = require("ctg.present").STATUS } or nil, sink)
    end
    local done, err = out:commit()
    if not done then raise("write-failed", { fn = fn, why = tostring(err) }) end
    return path
  elseif format == "json" then
    materialize(self)
    local list = {}
    for i, r in ipairs(self) do
      local row = {}
      for _, c in ipairs(columns) do row[c] = file_cell(c, r[c], false) end
      list[i] = row
    end
    bytes = require("ctg.json").encode(list, { indent = 2, order = function(x)
      if x ~= list then return columns end
    end }) .. "\n"
  else -- xlsx
    materialize(self)
    local rows = {}
    for i, r in ipairs(self) do
      local cells = {}
      for j, c in ipairs(columns) do cells[j] = file_cell(c, r[c], french) end
      rows[i] = cells
    end
    local ok, err = pcall(require("ctg.xlsx_write").write, path,
      { { name = o.sheet or text("sheet"), columns = header, rows = rows } })
    if not ok then raise("write-failed", { fn = fn, why = tostring(err):gsub("^xlsx: ", "") }) end
    return path
  end
  local written, err = require("ctg.sys").write_file(path, bytes)
  if not written then raise("write-failed", { fn = fn, why = tostring(err) }) end
  return path
end

return datatable
