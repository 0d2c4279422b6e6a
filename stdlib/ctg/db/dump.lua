-- ctg.db.dump — the whole database in one portable text file, and back (issue 28, point 4):
-- every plan version, every revision with its provenance, the imports, the deliveries, every
-- table, row for row with its ids, so that a restored database gives the same exports,
-- histories, evaluations and reports, as known at any date. The file says nothing of the
-- engine (the rows as JSON values), so that it moves a database between engines.
--
-- The format, version 1 (`ctg help dump`), UTF-8 text, one record a line ending in "\n":
--   ctg-dump 1 schema 7 ctg 0.8.0                 format, its version, the schema, the writer
--   table plan_version ["id","plan_id",…]         a table and its columns, in the table's order
--   [1,"ctg-clermont-2021-2025",…]                a row: a JSON array, one value a column
--   …                                             (null, integers, floats with a "." or an
--                                                 exponent, strings; rows in id order)
--   end {"delivery":0,"import":3,…} sha256 HEX    the rows of each table, then the SHA-256 of
--                                                 every byte before this line (sha256sum's)
-- Tables come in an order that keeps references backwards (plan versions, imports, the
-- dictionaries, revisions, deliveries), then any other table by name; nothing is written
-- from the clock: the same database gives the same bytes.
local msg = require("ctg.msg")
local json = require("ctg.json")

local dump = {}

dump.FORMAT = "ctg-dump"
dump.VERSION = 1

-- the tables in the order a restore inserts them: each one refers only to those before it
local ORDER = { "plan_version", "import", "obs_plan", "obs_record", "obs_subject", "obs_period",
  "obs_territory", "obs_dims", "obs_revision", "delivery" }

-- A dump error: its message key and fields; restore and the commands turn it into their
-- French message and exit code. Raised as a table so that the command tells it from a bug.
local function refuse(key, fields)
  error({ dump_error = key, fields = fields or {} }, 0)
end

--- Is e an error of this module (a dump refused)? Returns its text.
function dump.error_text(e)
  if type(e) == "table" and rawget(e, "dump_error") then
    return msg.text("dump." .. e.dump_error, e.fields)
  end
end

-- ---- the tables of a database --------------------------------------------------------------

-- each engine's catalogue of ctg's tables: SQLite's own ones (sqlite_*) and PostgreSQL's
-- bookkeeping of the migrations (ctg_schema, which PRAGMA user_version is on SQLite) left out,
-- so that both engines dump the same tables
dump.TABLES_SQL = {
  SQLite = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
  PostgreSQL = "SELECT tablename AS name FROM pg_catalog.pg_tables WHERE schemaname = 'public' " ..
    "AND tablename <> 'ctg_schema' ORDER BY tablename",
}

-- each engine's schema version
local SCHEMA_SQL = {
  SQLite = "PRAGMA user_version",
  PostgreSQL = "SELECT coalesce(max(version), 0) AS user_version FROM ctg_schema",
}

--- The tables of store s, in the order of a dump.
function dump.tables(s)
  local present = {}
  for _, r in ipairs(s:query(dump.TABLES_SQL[s:engine_name()])) do
    present[r.name] = true
  end
  local out = {}
  for _, name in ipairs(ORDER) do
    if present[name] then out[#out + 1] = name; present[name] = nil end
  end
  local rest = {}
  for name in pairs(present) do rest[#rest + 1] = name end
  table.sort(rest)
  for _, name in ipairs(rest) do out[#out + 1] = name end
  return out
end

-- table names come from the database's own catalogue or a dump already checked against it,
-- never from a user: still quoted as identifiers
local function ident(name) return '"' .. name:gsub('"', '""') .. '"' end

--- The columns of a table, in its order.
function dump.columns(s, name)
  return getmetatable(s:query("SELECT * FROM " .. ident(name) .. " LIMIT 0")).columns
end

--- The schema version of the database of store s.
function dump.schema_of(s)
  return s:query(SCHEMA_SQL[s:engine_name()])[1].user_version
end

-- The order of a table's rows in a dump: by id, or by every column for a table keyed
-- otherwise (a composite key, no id): the same rows always in the same order.
local function order_of(columns)
  if columns[1] == "id" then return "id" end
  local all = {}
  for i, c in ipairs(columns) do all[i] = ident(c) end
  return table.concat(all, ", ")
end

-- ---- values as JSON ------------------------------------------------------------------------

-- a float keeps its kind: 4.0 is written "4.0", never "4" (which reads back as an integer);
-- the shortest of 15, 16 or 17 digits that reads back the same double. (Written for speed:
-- a dump writes every value of every row.)
local sformat, mtype = string.format, math.type
local function encode_value(v)
  if v == nil then return "null" end
  local kind = mtype(v)
  if kind == "integer" then return sformat("%d", v) end
  if kind == "float" then
    if v ~= v then refuse("not-finite") end
    if v == math.huge then return "1e999" elseif v == -math.huge then return "-1e999" end
    local text = sformat("%.15g", v)
    if tonumber(text) ~= v then
      text = sformat("%.16g", v)
      if tonumber(text) ~= v then text = sformat("%.17g", v) end
    end
    if not text:find("[.e]") then text = text .. ".0" end
    return text
  end
  if type(v) == "string" and not v:find('[%c"\\]') then return '"' .. v .. '"' end
  return json.encode(v)
end

local ESCAPED = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

-- a JSON string starting at line[at] == '"': its value and the position after it
local function decode_string(line, at)
  local parts, i = {}, at + 1
  while true do
    local s, e, c = line:find('(["\\])', i)
    if not s then return nil end
    parts[#parts + 1] = line:sub(i, s - 1)
    if c == '"' then return table.concat(parts), e + 1 end
    local x = line:sub(e + 1, e + 1)
    if ESCAPED[x] then
      parts[#parts + 1] = ESCAPED[x]
      i = e + 2
    elseif x == "u" then
      local hex = line:match("^%x%x%x%x", e + 2)
      if not hex then return nil end
      local code = tonumber(hex, 16)
      i = e + 6
      if code >= 0xD800 and code <= 0xDBFF then -- a surrogate pair
        local low = line:match("^\\u(%x%x%x%x)", i)
        if not low then return nil end
        code = 0x10000 + (code - 0xD800) * 0x400 + (tonumber(low, 16) - 0xDC00)
        i = i + 6
      end
      parts[#parts + 1] = utf8.char(code)
    else
      return nil
    end
  end
end

--- A row line "[v1,v2,…]" (without its newline) -> array of values (nil for null) and their
--- count, or nil when the line is not such an array (of exactly ncols values, when given).
function dump.decode_row(line, ncols)
  if line:sub(1, 1) ~= "[" then return nil end
  local row, n, i = {}, 0, 2
  if line == "[]" then
    if ncols and ncols ~= 0 then return nil end
    return row, 0
  end
  local len = #line
  while true do
    local v, stop
    if line:byte(i) == 34 then -- '"'
      v, i = decode_string(line, i)
      if not v then return nil end
      stop = i
    else
      -- null or a number, up to the next "," or "]"
      stop = line:find("[,%]]", i)
      if not stop then return nil end
      local token = line:sub(i, stop - 1)
      if token ~= "null" then
        if not token:find("^-?%d+%.?%d*[eE]?[-+]?%d*$") then return nil end
        v = tonumber(token)
        if v == nil then return nil end
      end
    end
    n = n + 1
    row[n] = v
    local c = line:byte(stop)
    i = stop + 1
    if c == 93 then break end -- "]"
    if c ~= 44 then return nil end -- ","
  end
  if i <= len or (ncols and n ~= ncols) then return nil end
  return row, n
end

local function counts_json(names, counts)
  local parts = {}
  for i, name in ipairs(names) do parts[i] = json.encode(name) .. ":" .. string.format("%d", counts[name]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

-- ---- writing -------------------------------------------------------------------------------

--- Write the whole database of store s to out (sys.open_output: out:write), in one read
--- transaction so that an import running meanwhile is either whole in the dump or absent.
--- Returns the rows written per table and their total.
function dump.write(s, out, ctg_version)
  local sha = require("ctg.sha256").new()
  local function emit(line)
    sha:update(line)
    out:write(line)
  end
  s:exec("BEGIN")
  local ok, counts, names = pcall(function()
    -- a figure changed by hand keeps the fingerprint kept at import: recomputed here from
    -- every row (the dump reads them all anyway), it must be the stored one, else the dump
    -- would carry the change on as clean data
    for r in s:rows("SELECT plan_id FROM obs_plan ORDER BY id") do
      if s:observations_hash(r.plan_id) ~= s:observations_hash(r.plan_id, true) then
        refuse("altered-base", { plan = r.plan_id })
      end
    end
    local tables = dump.tables(s)
    local rows = {}
    emit(string.format("%s %d schema %d ctg %s\n", dump.FORMAT, dump.VERSION, dump.schema_of(s), ctg_version))
    for _, name in ipairs(tables) do
      local columns = dump.columns(s, name)
      local header = {}
      for i, c in ipairs(columns) do header[i] = json.encode(c) end
      emit("table " .. name .. " [" .. table.concat(header, ",") .. "]\n")
      local n, ncols, parts = 0, #columns, {}
      for r in s:rows("SELECT * FROM " .. ident(name) .. " ORDER BY " .. order_of(columns)) do
        for i = 1, ncols do parts[i] = encode_value(r[columns[i]]) end
        emit("[" .. table.concat(parts, ",", 1, ncols) .. "]\n")
        n = n + 1
      end
      rows[name] = n
    end
    return rows, tables
  end)
  pcall(s.exec, s, "COMMIT")
  if not ok then error(counts, 0) end
  out:write("end " .. counts_json(names, counts) .. " sha256 " .. sha:hex() .. "\n")
  local total = 0
  for _, name in ipairs(names) do total = total + counts[name] end
  return counts, total, names
end

-- ---- reading -------------------------------------------------------------------------------

-- The header line -> format version, schema version, or a refusal.
local function read_header(line, known_schema)
  local format, version, schema = (line or ""):match("^(%S+) (%d+) schema (%d+) ctg %S+\n$")
  -- a dump whose line ends were turned into Windows' (a mail, a copy through Windows): said
  -- as such, for its first line is then a dump's but for its \r
  if not format and (line or ""):sub(1, #dump.FORMAT + 1) == dump.FORMAT .. " " and line:match("\r\n$") then
    refuse("crlf")
  end
  if format ~= dump.FORMAT then refuse("not-dump") end
  version, schema = tonumber(version), tonumber(schema)
  if version > dump.VERSION then refuse("newer-format", { version = version, known = dump.VERSION }) end
  if schema > known_schema then refuse("newer-schema", { schema = schema, known = known_schema }) end
  if schema < known_schema then refuse("older-schema", { schema = schema, known = known_schema }) end
  return version, schema
end

--- Check a dump file whole before anything is loaded: its header (a ctg dump, of a format
--- and a schema this ctg reads), its structure, its trailer (the rows of each table, the
--- SHA-256 of everything before it). Returns {schema, tables = {{name, columns, rows}…},
--- total}; refuses (dump.error_text) a file that is not a dump, truncated or altered.
function dump.check(path, known_schema)
  local f = io.open(path, "rb")
  if not f then refuse("unreadable", { path = path }) end
  local sha = require("ctg.sha256").new()
  local info = { tables = {}, total = 0 }
  local ok, err = pcall(function()
    local first = f:read("L")
    info.format, info.schema = read_header(first, known_schema)
    sha:update(first)
    local current, last, lineno = nil, nil, 1
    for line in f:lines("L") do
      lineno = lineno + 1
      if last then refuse("after-end", { line = lineno }) end
      if line:sub(-1) ~= "\n" then refuse("truncated") end
      if line:sub(1, 4) == "end " then
        last = line
      else
        sha:update(line)
        if line:sub(1, 6) == "table " then
          local name, cols = line:match("^table ([%w_]+) (%[.*%])\n$")
          local columns, n = nil, 0
          if cols then columns, n = dump.decode_row(cols) end
          for i = 1, n do if type(columns[i]) ~= "string" then columns = nil end end
          if not columns or n == 0 then refuse("bad-line", { line = lineno }) end
          current = { name = name, columns = columns, rows = 0 }
          info.tables[#info.tables + 1] = current
        elseif line:sub(1, 1) == "[" and current then
          current.rows = current.rows + 1
          info.total = info.total + 1
        else
          refuse("bad-line", { line = lineno })
        end
      end
    end
    if not last then refuse("truncated") end
    local counts, hex = last:match("^end (%b{}) sha256 (%x+)\n$")
    if not counts then refuse("altered") end
    if sha:hex() ~= hex then refuse("altered") end
    -- the counts: every table of the file, with its rows, and nothing else
    local listed = 0
    for name, n in counts:gmatch('"([%w_]+)":(%d+)') do
      listed = listed + 1
      local found
      for _, t in ipairs(info.tables) do if t.name == name then found = t end end
      if not found or found.rows ~= tonumber(n) then refuse("altered") end
    end
    if listed ~= #info.tables then refuse("altered") end
  end)
  f:close()
  if not ok then error(err, 0) end
  return info
end

--- Is the database of store s empty: no row in any table but the fixed ones the schema
--- writes itself (obs_record's kinds)? Returns true, or false and the first table holding
--- rows with their count.
function dump.is_empty(s)
  for _, name in ipairs(dump.tables(s)) do
    if name ~= "obs_record" then
      local n = s:query("SELECT count(*) AS n FROM " .. ident(name))[1].n
      if n > 0 then return false, name, n end
    end
  end
  return true
end

local function same_values(a, b, n)
  for i = 1, n do if a[i] ~= b[i] then return false end end
  return true
end

-- a table the schema filled itself must hold the dump's rows, all of them
local function check_fixed_done(fixed, name)
  if fixed and fixed.next <= #fixed then refuse("fixed-missing", { table = name }) end
end

--- Load the dump at path (checked by dump.check: info) into store s, which must be empty,
--- in a transaction of its own: every row or none. The rows are written as they were
--- stored, the kept fingerprints included, never recomputed: a plain BEGIN IMMEDIATE, not
--- ctg.db's import transaction. Each table of the dump must be a table of the database with
--- the same columns in the same order; a table the schema fills itself (obs_record) must
--- hold exactly the dump's rows. Returns the rows loaded per table.
function dump.load(s, path, info)
  s:exec("BEGIN IMMEDIATE")
  local ok, counts = pcall(dump.load_rows, s, path, info)
  if not ok then
    if s:in_transaction() then pcall(s.exec, s, "ROLLBACK") end
    error(counts, 0)
  end
  local committed, err = pcall(s.exec, s, "COMMIT")
  if not committed then
    if s:in_transaction() then pcall(s.exec, s, "ROLLBACK") end
    error(err, 0)
  end
  return counts
end

--- After rows written with their ids: PostgreSQL's identity sequences moved past the
--- largest id of each table, so that a row the server numbers later does not take an id a
--- restored row holds (SQLite numbers from the largest rowid: nothing to do).
function dump.after_ids(s, info)
  if s:engine_name() ~= "PostgreSQL" then return end
  for _, t in ipairs(info.tables) do
    if t.columns[1] == "id" and t.rows > 0 then
      s:execute("SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT max(id) FROM " .. ident(t.name) .. "))",
        t.name)
    end
  end
end

--- dump.load's work, inside its transaction.
function dump.load_rows(s, path, info)
  local known, given = {}, {}
  for _, name in ipairs(dump.tables(s)) do known[name] = true end
  for _, t in ipairs(info.tables) do given[t.name] = true end
  -- every table of the schema is in a dump of that schema, even empty: one missing was cut out
  for _, name in ipairs(dump.tables(s)) do
    if not given[name] then refuse("missing-table", { table = name }) end
  end
  for _, t in ipairs(info.tables) do
    if not known[t.name] then refuse("unknown-table", { table = t.name }) end
    local cols = dump.columns(s, t.name)
    if table.concat(cols, ",") ~= table.concat(t.columns, ",") then
      refuse("columns", { table = t.name, expected = table.concat(cols, ", "), got = table.concat(t.columns, ", ") })
    end
  end
  local f = io.open(path, "rb")
  if not f then refuse("unreadable", { path = path }) end
  local ok, err = pcall(function()
    f:read("L")
    local lineno, current, fixed, insert, ncols = 1, nil, nil, nil, 0
    for line in f:lines("l") do
      lineno = lineno + 1
      if line:sub(1, 4) == "end " then break end
      if line:sub(1, 6) == "table " then
        check_fixed_done(fixed, current and current.name)
        local name = line:match("^table ([%w_]+) ")
        for _, t in ipairs(info.tables) do if t.name == name then current = t end end
        ncols = #current.columns
        local quoted = {}
        for i, c in ipairs(current.columns) do quoted[i] = ident(c) end
        local marks = string.rep("?", ncols, ", ")
        insert = "INSERT INTO " .. ident(name) .. " (" .. table.concat(quoted, ", ") .. ") VALUES (" .. marks .. ")"
        -- rows the schema wrote itself: compared, not inserted
        fixed = nil
        if s:query("SELECT count(*) AS n FROM " .. ident(name))[1].n > 0 then
          fixed = s:query("SELECT * FROM " .. ident(name) .. " ORDER BY " .. order_of(current.columns))
          fixed.next = 1
        end
      else
        local row = dump.decode_row(line, ncols)
        if not row then refuse("bad-row", { line = lineno, table = current.name }) end
        if fixed then
          local want = fixed[fixed.next]
          local values = {}
          for i, c in ipairs(current.columns) do values[i] = want and want[c] end
          if not want or not same_values(values, row, ncols) then
            refuse("fixed-rows", { table = current.name, line = lineno })
          end
          fixed.next = fixed.next + 1
        else
          s:execute(insert, table.unpack(row, 1, ncols))
        end
      end
    end
    check_fixed_done(fixed, current and current.name)
    dump.after_ids(s, info)
  end)
  f:close()
  if not ok then error(err, 0) end
  local counts = {}
  for _, t in ipairs(info.tables) do counts[t.name] = t.rows end
  return counts
end

return dump
