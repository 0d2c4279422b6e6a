-- ctg.db — the database as analysts use it from scripts and the REPL:
--   local db <close> = ctg.open("ctg.db")
--   for row in db:observations{indicator = "places_100", period = 2022} do … end
--   db:put{indicator = "places_100", period = 2023, territory = "nord", numerator = 5, denominator = 40}
--   db:transaction(function() … end)             -- all or nothing
--   db:query("SELECT count(*) AS n FROM current_observation WHERE period = ?", "2022")
local store = require("ctg.store")
local rows = require("ctg.rows")

local db = {}

local DB = {}
DB.__index = DB
DB.__name = "Database"

--- The database path: an explicit one, else $CTG_DB, else ./ctg.db.
function db.resolve_path(path)
  return path or os.getenv("CTG_DB") or "ctg.db"
end

--- Open (creating and upgrading as needed) a database.
function db.open(path, opts)
  opts = opts or {}
  local busy = tonumber(os.getenv("CTG_BUSY_TIMEOUT_MS") or "")
  local s = store.open(db.resolve_path(path), { busy_timeout = opts.busy_timeout or busy, readonly = opts.readonly })
  return setmetatable({ store = s, path = db.resolve_path(path), by = opts.by }, DB)
end

function DB:close() self.store:close() end
DB.__close = DB.close
DB.__gc = DB.close

function DB.__tostring(d) return tostring(d.store) end

--- Read-only SQL with bound parameters; returns an array of rows.
function DB:query(sql, ...) return self.store:query(sql, ...) end

--- Run fn(db) in a transaction: committed when it returns, rolled back when it raises (the
--- error is raised again). Nested calls join the outer transaction.
function DB:transaction(fn)
  if self.store:in_transaction() then return fn(self) end
  self.store:exec("BEGIN IMMEDIATE")
  local results = table.pack(pcall(fn, self))
  if not results[1] then
    self.store:exec("ROLLBACK")
    error(results[2], 0)
  end
  self.store:exec("COMMIT")
  return table.unpack(results, 2, results.n)
end

-- ---- plan versions --------------------------------------------------------------------

local function fnv1a64(text)
  -- 64-bit FNV-1a over the bytes, as 16 hex digits: identifies a plan's content
  local h = 0xcbf29ce484222325
  for i = 1, #text do
    h = h ~ text:byte(i)
    h = h * 0x100000001b3
  end
  return string.format("%016x", h)
end
db.hash = fnv1a64

local function user()
  return os.getenv("USER") or os.getenv("LOGNAME") or require("ctg.sys").user() or "unknown"
end

--- Versions of the plans in the database, oldest first.
function DB:plans()
  return self.store:query([[SELECT plan_id, version, hash, label, date, file, imported_at, imported_by
    FROM plan_version ORDER BY plan_id, version]])
end

--- The latest plan version row ({id, plan_id, version, content…}) of plan_id, or of the
--- plan imported last when plan_id is nil.
function DB:plan_version(plan_id)
  local r
  if plan_id then
    r = self.store:query("SELECT * FROM plan_version WHERE plan_id = ? ORDER BY version DESC LIMIT 1", plan_id)
  else
    r = self.store:query("SELECT * FROM plan_version ORDER BY id DESC LIMIT 1")
  end
  return r[1]
end

local plan_cache = setmetatable({}, { __mode = "k" })

--- The current plan (a ctg.plan object built from the stored version).
function DB:plan(plan_id)
  local v = self:plan_version(plan_id)
  if not v then
    if plan_id then error("no plan '" .. plan_id .. "' in " .. self.path .. ": import it first (ctg import plan.lua)", 0) end
    error("no plan in " .. self.path .. ": import one first (ctg import plan.lua)", 0)
  end
  local cache = plan_cache[self] or {}
  plan_cache[self] = cache
  if cache[v.id] then return cache[v.id], v end
  local name = self.path .. " (plan " .. v.plan_id .. " v" .. v.version .. ")"
  local ctx
  if v.source_text then
    ctx = require("ctg.dsl").collect_lua(v.file or name, v.source_text)
  else
    ctx = require("ctg.plan_yaml").collect_text(name, v.content)
  end
  local p, findings, has_error = require("ctg.dsl").build(ctx)
  if has_error then
    error(name .. ": the stored plan does not load: " .. require("ctg.load").format_finding(findings[1]), 0)
  end
  cache[v.id] = p
  return p, v
end

--- Store plan p as a new version unless its content is unchanged. Returns the version row
--- and whether it is new.
-- The Lua source of a plan whose rules hold functions (nil otherwise): kept with the version
-- so that custom rules can run later, from the database alone.
local function lua_source(p)
  local has_function = false
  for _, r in ipairs(p.rules) do if r.check then has_function = true end end
  if not has_function or not p.source or not p.source:match("%.lua$") then return nil end
  local f = io.open(p.source, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

function DB:store_plan(p, opts)
  opts = opts or {}
  local content = require("ctg.export").yaml(p)
  local source_text = lua_source(p)
  -- the meaning of the plan: its exported content, plus the source of its custom rules
  local hash = fnv1a64(content .. (source_text or ""))
  local last = self:plan_version(p.id)
  if last and last.hash == hash then return last, false end
  local version = last and last.version + 1 or 1
  self.store:execute([[INSERT INTO plan_version (plan_id, version, hash, label, date, file, content, source_text,
    imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)]],
    p.id, version, hash, opts.label, opts.date, opts.file or p.source, content, source_text, opts.by or self.by or user())
  return self:plan_version(p.id), true
end

-- ---- observations ---------------------------------------------------------------------

--- Start an import (provenance of the rows that follow); returns its id.
function DB:begin_import(version_id, file, source, by)
  self.store:execute([[INSERT INTO import (plan_version, file, source, imported_at, imported_by)
    VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)]], version_id, file, source, by or self.by or user())
  return self.store:last_insert_id()
end

function DB:finish_import(import_id, count)
  self.store:execute("UPDATE import SET rows = ? WHERE id = ?", count, import_id)
end

--- Insert a checked row (from ctg.rows) as a new revision; nil, first_line for a key the
--- same import already wrote. A row stores a source of its own only when it gives one:
--- otherwise its source is its import's (one copy per file rather than one per row).
function DB:put_row(plan_id, row, import_id, line)
  return self.store:put_observation(plan_id, row.record, row.subject, row.period, row.territory or "",
    row.dims or "", row.value, row.numerator, row.denominator, row.text, row.missing, row.status,
    row.note, row.source, import_id, line or 0)
end

local FILTERS = { indicator = "subject", subject = "subject", period = "period", territory = "territory", record = "record" }

-- WHERE clause and parameters from a filter table (names from a fixed list: no SQL from data).
local function where(filter, base)
  local clauses, params = { base }, {}
  local keys = {}
  for k in pairs(filter or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local column = FILTERS[k]
    if not column then error("unknown filter '" .. tostring(k) .. "' (allowed: indicator, period, territory, record)", 3) end
    local v = filter[k]
    if k == "period" then v = rows.period_text(v) or tostring(v) end
    if k == "indicator" then clauses[#clauses + 1] = "record = 'value'" end
    clauses[#clauses + 1] = column .. " = ?"
    params[#params + 1] = v
  end
  return table.concat(clauses, " AND "), params
end

local ROW_COLUMNS = [[o.plan_id, o.record, o.subject, o.period, o.territory, o.dims, o.revision,
  o.value, o.numerator, o.denominator, o.text, o.missing, o.status, o.note,
  coalesce(o.source, i.source) AS source, o.line,
  i.file, i.source AS import_source, i.imported_at, i.imported_by]]

local function shape(r)
  r.dimensions = rows.decode_dims(r.dims)
  if r.record == "value" then r.indicator = r.subject end
  return r
end

-- Rows of `source` (a table or view) matching filter, with their import's provenance.
function DB:rows_of(source, filter, order)
  local clause, params = where(filter, "1 = 1")
  local result = self.store:query("SELECT " .. ROW_COLUMNS .. " FROM " .. source ..
    " o JOIN import i ON i.id = o.import_id WHERE " .. clause ..
    " ORDER BY o.record, o.subject, o.period, o.territory, o.dims" .. (order or ""), table.unpack(params))
  for _, r in ipairs(result) do shape(r) end
  return result
end

--- Current observations (latest revisions) matching filter, as an iterator of rows:
--- {indicator, period, territory, dimensions, value, numerator, denominator, text, missing,
---  revision, source, file, line, imported_at, imported_by}.
function DB:observations(filter)
  local result = self:rows_of("current_observation", filter)
  local i = 0
  return function()
    i = i + 1
    return result[i]
  end
end

--- Every revision (oldest first) of the observations matching filter, with provenance.
function DB:history(filter)
  return self:rows_of("observation", filter, ", o.revision")
end

--- Record one observation from a script: checked against the current plan like an imported
--- row, stored as a new revision with the script as provenance. Returns the revision.
function DB:put(row)
  local p, version = self:plan(row.plan)
  local checker = rows.checker(p)
  -- an indicator row (whose dimensions may include `step`), else progress, meeting, funding
  local record = row.indicator and "observation" or row.status and "progress" or
    row.committee and "meeting" or row.funder and "funding" or "observation"
  local fields = {}
  for k, v in pairs(row) do if k ~= "plan" then fields[k] = v end end
  local checked, errors = checker[record](checker, fields)
  if not checked then
    local msgs = {}
    for _, e in ipairs(errors) do msgs[#msgs + 1] = e.message end
    error(table.concat(msgs, "; "), 2)
  end
  local info = debug.getinfo(2, "Sl")
  local file = info and info.short_src or "(lua)"
  return self:transaction(function()
    local import_id = self:begin_import(version.id, file, row.source or "db:put", nil)
    local revision = self:put_row(p.id, checked, import_id, info and info.currentline or 0)
    self:finish_import(import_id, 1)
    return revision
  end)
end

return db
