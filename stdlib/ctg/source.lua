-- ctg.source — the `source "id" { … }` declaration: the shape of a file an analyst receives
-- (a CNAF open-data CSV, an INSEE table, a dashboard workbook), written once in Lua beside
-- the plan and replayed every year. A mapping file is run in the sandbox (ctg.sandbox, within
-- --timeout/--max-memory) and each declaration is checked against ctg.source_schema, with
-- file:line errors and "vouliez-vous dire …" suggestions. Applying a mapping to a file is
-- ctg.source_rows'.
--
--   local mappings = require("ctg.source").load("sources/cnaf.lua")   -- or raises, located
--   mappings[1].id, .title, .files (globs), .file, .line
--   source.matches(mappings[1], "txcouv_pe_epci_2023.csv")            -- glob on the base name
local schema = require("ctg.source_schema")
local sandbox = require("ctg.sandbox")
local suggest = require("ctg.suggest")
local msg = require("ctg.msg")

local source = {}

-- What names a mapping file in the sandbox's messages.
local WHAT = "un fichier de correspondance (source)"

-- ---- collecting the declarations ---------------------------------------------------------

-- "file.lua:12: message" -> line, message
local function split_location(text, path)
  text = tostring(text)
  local file, line, rest = text:match("^(.-):(%d+): (.*)$")
  if file and (file == path or path:sub(-#file) == file) then return tonumber(line), rest end
  return 0, text
end

-- Run the file (text: its content, when already read); returns the declarations {id,
-- fields, line} and the errors {line, message}.
local function collect(path, text)
  if not text then
    local f, err = io.open(path, "rb")
    if not f then return nil, { { line = 0, message = msg.text("source.cannot-read", { err = tostring(err) }) } } end
    text = f:read("a")
    f:close()
  end
  local decls, errors = {}, {}
  local function declare(id)
    local line = debug.getinfo(2, "l").currentline
    if type(id) ~= "string" or not id:find("%S") then
      error(msg.text("source.bad-id", { got = tostring(id) }), 2)
    end
    return function(fields)
      if type(fields) ~= "table" then error(msg.text("source.no-body", { id = id }), 2) end
      decls[#decls + 1] = { id = id, fields = fields, line = line }
    end
  end
  local env = sandbox.environment(WHAT, { source = declare })
  local chunk, lerr = load(text, "@" .. path, "t", env)
  if not chunk then
    local line, what = split_location(lerr, path)
    return nil, { { line = line, message = what } }, text
  end
  local ok, rerr = pcall(sandbox.run, msg.text("source.what", { file = path }), nil, function(c)
    c()
    -- the declarations as plain data (functions kept: they only ever run within the limits)
    for _, d in ipairs(decls) do d.fields = sandbox.plain(d.fields) end
  end, chunk)
  if not ok then
    local line, what = split_location(rerr, path)
    return nil, { { line = line, message = what } }, text
  end
  return decls, errors, text
end

-- ---- checking one declaration against the schema ----------------------------------------

-- The line of the file where a field of the declaration is written (the first line at or
-- after the declaration that assigns that name), else the declaration's line.
local function field_line(c, key, from)
  if type(key) ~= "string" then return from or c.line end
  local quoted = key:gsub("%p", "%%%0")
  for i = from or c.line, c.last do
    local l = c.lines[i] or ""
    if l:find("%f[%w_]" .. quoted .. "%f[^%w_]%s*=") or l:find("%[%s*[\"']" .. quoted .. "[\"']%s*%]%s*=") then return i end
  end
  return from or c.line
end

-- An error at the line of a field (key as written; from: the line of the enclosing field).
local function fail(c, key, text, from)
  c.errors[#c.errors + 1] = { line = field_line(c, key, from), message = text }
end

local function shown(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "table" then return msg.text("source.a-table") end
  return tostring(v)
end

local function hint(word, names)
  local h = suggest.closest(tostring(word), names)
  return h and msg.text("source.hint", { hint = h }) or msg.text("source.allowed", { list = table.concat(names, ", ") })
end

local function is_list_of_texts(v)
  if type(v) ~= "table" then return false end
  local n = 0
  for k, x in pairs(v) do
    if math.type(k) ~= "integer" or type(x) ~= "string" then return false end
    n = n + 1
  end
  return n > 0 and n == #v
end

-- Whether v takes one of the shapes of the field.
local SHAPE = {
  text = function(v) return type(v) == "string" end,
  integer = function(v) return math.type(v) == "integer" and v >= 1 end,
  ["function"] = function(v) return type(v) == "function" end,
  texts = function(v) return type(v) == "string" or is_list_of_texts(v) end,
  header = function(v)
    if math.type(v) == "integer" then return v >= 1 end
    if type(v) ~= "table" or #v < 1 or #v > 3 then return false end
    for i, x in pairs(v) do
      if math.type(i) ~= "integer" or math.type(x) ~= "integer" or x < 1 or i > #v then return false end
      if i > 1 and (math.type(v[i - 1]) ~= "integer" or x ~= v[i - 1] + 1) then return false end
    end
    return true
  end,
  table = function(v) return type(v) == "table" end,
  map = function(v) return type(v) == "table" end,
}

-- The French words of a field's shapes, for "… attend …".
local function wanted(f)
  local parts = {}
  for i, s in ipairs(f.shapes) do parts[i] = msg.text("source.shape." .. s) end
  return table.concat(parts, msg.text("source.or"))
end

local check_fields

-- One value of a field: normalised (English values, sub-fields by their English names), or
-- nil after an error. where: how the messages name the place ("dans territoire").
local function check_value(c, f, v, where, record, written, from)
  local ok = false
  for _, s in ipairs(f.shapes) do ok = ok or SHAPE[s](v) end
  if not ok then
    fail(c, written, msg.text("source.bad-shape", { field = f.fr, where = where, want = wanted(f), got = shown(v) }), from)
    return nil
  end
  local values = schema.values(f, record)
  if values and type(v) == "string" then
    local plain = suggest.unaccent(v)
    for _, pair in ipairs(values) do
      if plain == pair[1] or plain == pair[2] then return pair[1] end
    end
    local names = {}
    for _, pair in ipairs(values) do names[#names + 1] = pair[2] end
    fail(c, written, msg.text("source.bad-value", { field = f.fr, where = where, got = v, hint = hint(plain, names) }), from)
    return nil
  end
  local here = field_line(c, written, from)
  if f.fields and type(v) == "table" then return check_fields(c, f.fields, v, f.fr, record, here) end
  if f.each and type(v) == "table" then
    local out = {}
    for k, item in pairs(v) do
      if type(k) ~= "string" then
        fail(c, written, msg.text("source.map-key", { field = f.fr, got = shown(k) }), from)
      elseif f.each_text and type(item) == "string" then
        out[k] = { value = item }
      elseif type(item) ~= "table" then
        fail(c, k, msg.text("source.map-item", { field = f.fr, key = k, got = shown(item) }), here)
      else
        out[k] = check_fields(c, f.each, item, f.fr .. "." .. k, record, field_line(c, k, here))
      end
    end
    return out
  end
  if f.shapes[1] == "texts" and type(v) == "string" then return { v } end
  if f.shapes[1] == "header" and math.type(v) == "integer" then return { v } end
  return v
end

-- The fields of a table (the declaration, or a sub-table), by their English names; unknown
-- names and missing required ones are errors. where: the enclosing field's French name.
function check_fields(c, fields, t, where, record, from)
  local out = {}
  local names_fr, names_en = schema.names(fields, "fr"), schema.names(fields, "en")
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(keys) do
    local f = schema.field(fields, k)
    if not f then
      local plain = suggest.unaccent(tostring(k))
      local h = suggest.closest(plain, names_fr) or suggest.closest(plain, names_en)
      fail(c, k, msg.text(where and "source.unknown-subfield" or "source.unknown-field", { field = tostring(k),
        where = where or c.id, hint = h and msg.text("source.hint", { hint = h })
          or msg.text("source.allowed", { list = table.concat(names_fr, ", ") }) }), from)
    elseif out[f.key] ~= nil then
      fail(c, k, msg.text("source.twice", { field = f.fr, en = f.key }), from)
    else
      local v = check_value(c, f, t[k], where and msg.text("source.in", { field = where }) or "", record, k, from)
      if v ~= nil then out[f.key] = v end
    end
  end
  for _, f in ipairs(fields) do
    if f.required and t[f.key] == nil and t[f.fr] == nil then
      c.errors[#c.errors + 1] = { line = from or c.line, message = msg.text("source.required", { field = f.fr, en = f.key,
        where = where and msg.text("source.in", { field = where }) or "", id = c.id }) }
    end
  end
  return out
end

-- Checks that need several fields at once.
local function check_together(c, m)
  local obs = m.record == "observation"
  if obs and not m.territory then
    c.errors[#c.errors + 1] = { line = c.line, message = msg.text("source.no-territory", { id = c.id }) }
  end
  if obs and not m.period and not m.columns then
    c.errors[#c.errors + 1] = { line = c.line, message = msg.text("source.no-period", { id = c.id }) }
  end
  local roles = {}
  for _, pair in ipairs(schema.ROLES[m.record]) do roles[#roles + 1] = pair[1] end
  local count = 0
  for name, v in pairs(m.values or {}) do
    count = count + 1
    v.role = v.role or (obs and "value" or nil)
    if obs and not v.indicator then
      fail(c, name, msg.text("source.no-indicator", { name = name }))
    elseif not obs and v.indicator then
      fail(c, name, msg.text("source.indicator-not-observation", { name = name, record = m.record }))
    elseif not obs and not v.role then
      fail(c, name, msg.text("source.no-role", { name = name, list = table.concat(roles, ", ") }))
    end
  end
  -- (a pattern of the wrong type or missing was reported with its field)
  if m.columns and type(m.columns.pattern) == "string" then
    local okp = pcall(string.find, "", m.columns.pattern)
    if not okp then fail(c, "pattern", msg.text("source.bad-pattern", { pattern = m.columns.pattern })) end
  end
  if m.columns then
    if not m.columns.name and count ~= 1 then
      fail(c, "columns", msg.text("source.columns-no-name", { n = count }))
    end
  end
  if type(m.period) == "table" then
    local n = (m.period.column and 1 or 0) + (m.period.file and 1 or 0)
    if n ~= 1 then fail(c, "period", msg.text("source.period-one")) end
    if type(m.period.file) == "string" and not pcall(string.find, "", m.period.file) then
      fail(c, "file", msg.text("source.bad-pattern", { pattern = m.period.file }))
    end
  end
  if m.record ~= "observation" and m.columns then
    fail(c, "columns", msg.text("source.columns-observation"))
  end
end

-- A declaration checked and normalised into a mapping, or nil (c.errors has why).
local function mapping_of(c, decl, path)
  -- the record kind first: the roles allowed depend on it
  local rf = schema.field(schema.FIELDS, "record")
  local record = "observation"
  local given = decl.fields.record ~= nil and decl.fields.record or decl.fields.enregistrement
  if given ~= nil then
    record = check_value(c, rf, given, "", nil, decl.fields.record ~= nil and "record" or "enregistrement") or "observation"
  end
  local m = check_fields(c, schema.FIELDS, decl.fields, nil, record)
  m.record = record
  m.outside = m.outside or "skip"
  check_together(c, m)
  m.id, m.file, m.line = decl.id, path, decl.line
  m.title = m.title or decl.id
  m.header = m.header or { 1 }
  m.missing_set = {}
  for _, text in ipairs(m.missing or {}) do m.missing_set[text] = true end
  return m
end

--- Check a mapping file: returns the mappings (nil when the file could not be run) and the
--- errors ({file, line, message}). text: the file's content, when already read (the fuzzer).
function source.check(path, text)
  local decls, errors
  decls, errors, text = collect(path, text)
  local out = {}
  for _, e in ipairs(errors) do out[#out + 1] = { file = path, line = e.line, message = e.message } end
  if not decls then return nil, out end
  if #decls == 0 then
    out[#out + 1] = { file = path, line = 0, message = msg.text("source.none") }
    return nil, out
  end
  local lines = {}
  for l in ((text or "") .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = l end
  table.sort(decls, function(a, b) return a.line < b.line end)
  local mappings, seen = {}, {}
  for i, decl in ipairs(decls) do
    local c = { id = decl.id, line = decl.line, last = decls[i + 1] and decls[i + 1].line - 1 or #lines,
                lines = lines, errors = {} }
    if seen[decl.id] then
      c.errors[#c.errors + 1] = { line = decl.line, message = msg.text("source.same-id", { id = decl.id, line = seen[decl.id] }) }
    end
    seen[decl.id] = decl.line
    local m = mapping_of(c, decl, path)
    for _, e in ipairs(c.errors) do out[#out + 1] = { file = path, line = e.line, message = e.message } end
    mappings[#mappings + 1] = m
  end
  table.sort(out, function(a, b) return a.line < b.line end)
  return mappings, out
end

--- The mappings of a file, or raise its errors as "file:line: message" lines.
function source.load(path)
  local mappings, errors = source.check(path)
  if #errors > 0 then
    local lines = {}
    for i, e in ipairs(errors) do lines[i] = e.file .. (e.line > 0 and ":" .. e.line or "") .. ": " .. e.message end
    error(table.concat(lines, "\n"), 0)
  end
  return mappings
end

--- Whether a file is a mapping file: a .lua file whose first declaration is `source`.
function source.is_mapping_file(path)
  if not (path:lower()):match("%.lua$") then return false end
  local f = io.open(path, "rb")
  if not f then return false end
  local text = f:read(1 << 16) or ""
  f:close()
  -- comments out: a plan may mention a source in a comment
  text = text:gsub("%-%-%[(=*)%[.-%]%1%]", ""):gsub("%-%-[^\n]*", "")
  local first = text:match("^%s*([%a_][%w_]*)")
  return first == "source"
end

-- A glob (`*`, `?`) as an anchored Lua pattern.
local function glob_pattern(glob)
  local p = glob:gsub("[%^%$%(%)%%%.%[%]%+%-]", "%%%0"):gsub("%*", ".*"):gsub("%?", ".")
  return "^" .. p .. "$"
end

--- Whether one of the mapping's `files` globs matches the file's base name (case ignored:
--- "TXCOUV_PE_EPCI.csv" is the same file name for a person).
function source.matches(mapping, filename)
  local base = (filename:match("[^/\\]+$") or filename):lower()
  for _, glob in ipairs(mapping.files or {}) do
    if base:find(glob_pattern(glob:lower())) then return true end
  end
  return false
end

--- The one mapping of a list for a file: the mapping, or nil and why (none matches; two do).
function source.choose(mappings, filename)
  local found = {}
  for _, m in ipairs(mappings) do
    if source.matches(m, filename) then found[#found + 1] = m end
  end
  if #found == 1 then return found[1] end
  if #found > 1 then
    return nil, msg.text("source.two-match", { a = found[1].id, afile = found[1].file .. ":" .. found[1].line,
      b = found[2].id, bfile = found[2].file .. ":" .. found[2].line })
  end
  local globs = {}
  for _, m in ipairs(mappings) do
    for _, g in ipairs(m.files or {}) do globs[#globs + 1] = "« " .. g .. " » (" .. m.id .. ")" end
  end
  return nil, msg.text("source.no-match", { file = filename:match("[^/\\]+$") or filename, globs = table.concat(globs, ", ") })
end

return source
