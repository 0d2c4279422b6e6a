-- ctg.db — the database as analysts use it from scripts and the REPL:
--   local db <close> = ctg.open("ctg.db")
--   for row in db:observations{indicator = "places_100", period = 2022} do … end
--   db:put{indicator = "places_100", period = 2023, territory = "nord", numerator = 5, denominator = 40}
--   db:transaction(function() … end)             -- all or nothing
--   db:query("SELECT count(*) AS n FROM current_observation WHERE period = ?", "2022")
local store = require("ctg.store")
local rows = require("ctg.rows")
local msg = require("ctg.msg")

local db = {}

local DB = {}
DB.__index = DB
DB.__name = "Database"
db.class = DB -- the methods, for help(db.plan) in the console

-- The --db of the command line (`ctg --db FILE script.lua`, -e, the console): the host's
-- options, nil outside the ctg binary.
local function host_db()
  local ok, host = pcall(require, "ctg.host")
  return ok and type(host) == "table" and host.db or nil
end

--- The database path: an explicit one, else the command line's --db, else $CTG_DB, else
--- ./ctg.db.
function db.resolve_path(path)
  return path or host_db() or os.getenv("CTG_DB") or "ctg.db"
end

--- Open (upgrading as needed) a database. opts: readonly, create (a missing file is
--- created: only for a script that writes; otherwise a missing file is an error naming
--- it, so that a mistyped --db never leaves an empty database behind), busy_timeout, by.
--- Errors are at the caller's line (ctg.options).
db.OPEN_OPTIONS = { "create", "readonly", "busy_timeout", "by" }

function db.open(path, opts)
  local options = require("ctg.options")
  opts = options.check(opts, db.OPEN_OPTIONS, "ctg.open")
  local file = db.resolve_path(path)
  if type(file) ~= "string" then options.fail(msg.text("store.bad-path", { got = type(file) })) end
  -- (an engine's address, postgresql://…, is no file: its engine says whether it is there)
  if not opts.create and not opts.readonly and file ~= ":memory:" and not store.is_url(file)
      and not require("ctg.sys").exists(file) then
    options.fail(file .. " : " .. msg.text("store.not-found-lua", { path = file }))
  end
  local busy = tonumber(os.getenv("CTG_BUSY_TIMEOUT_MS") or "")
  local ok, s = pcall(store.open, file, { busy_timeout = opts.busy_timeout or busy, readonly = opts.readonly })
  -- the store's message (a missing file read-only, a locked or newer database) at the
  -- script's line
  -- a database altered by hand stays ctg's own data error (exit 3), not the script's
  if not ok and require("ctg.sys").is_exit_error(s) then error(s, 0) end
  if not ok then options.fail(tostring(s)) end
  return setmetatable({ store = s, path = file, by = opts.by }, DB)
end

function DB:close() self.store:close() end
DB.__close = DB.close
DB.__gc = DB.close

function DB.__tostring(d) return tostring(d.store) end

local VIEW_METHODS = { "query", "observations", "history", "plans", "plan_version", "plan",
                       "meetings_held", "funding_received", "step_started_by", "step_progress", "funding_totals",
                       "meetings_per_year" }

--- A read-only view of d for code from others (custom rules, report scripts): the reading
--- methods only, no store handle; its query is read-only like every db:query.
function db.view(d)
  local v = { path = d.path }
  for _, name in ipairs(VIEW_METHODS) do
    local method = DB[name]
    v[name] = function(_, ...) return method(d, ...) end
  end
  return setmetatable(v, {
    __index = function(_, key)
      error(msg.text("store.view-method", { method = tostring(key), methods = table.concat(VIEW_METHODS, ", ") }), 2)
    end,
    __newindex = function() error(msg.text("store.view-write"), 2) end,
    __metatable = false,
  })
end

--- Read-only SQL with bound parameters; returns its rows as a table (ctg.datatable: rows
--- keyed by column, the columns in the statement's order, print(rows) a grid, methods sort,
--- filter, group, write…).
function DB:query(sql, ...)
  local result = self.store:query(sql, ...)
  return require("ctg.datatable").new(result, getmetatable(result).columns)
end

--- Start a write transaction, taking the database's write lock now (a second writer waits
--- for the busy timeout, then fails before it has read anything it would write from).
function DB:begin_write()
  -- imports write into SQLite only in this version (ctg dump / ctg restore carry them to
  -- PostgreSQL): refused before anything is written
  if self.store:engine_name() == "PostgreSQL" then error(msg.text("store.pg-import"), 2) end
  self.store:begin("write")
end

--- Commit the transaction begun by begin_write (raises when the commit fails: disk full).
function DB:commit()
  -- the engine's commit keeps the data fingerprint of the plans written (obs_fingerprint)
  self.store:commit()
end

--- Undo the transaction if one is still open. After a full disk or an out-of-memory error
--- SQLite has rolled back already, and « no transaction is active » must never replace the
--- real cause: nothing is raised.
function DB:rollback()
  if self.store:in_transaction() then pcall(self.store.exec, self.store, "ROLLBACK") end
end

--- Run fn(db) in a transaction: committed when it returns, rolled back when it raises (the
--- error is raised again). Nested calls join the outer transaction.
function DB:transaction(fn)
  if self.store:in_transaction() then return fn(self) end
  self:begin_write()
  local results = table.pack(pcall(fn, self))
  if not results[1] then
    self:rollback()
    error(results[2], 0)
  end
  local committed, err = pcall(self.commit, self)
  if not committed then
    self:rollback()
    error(err, 0)
  end
  return table.unpack(results, 2, results.n)
end

-- ---- the data as it was known at a date ---------------------------------------------------

--- See the observations as they were known at a date: from now on, on this connection, every
--- query (the evaluation kernel, rules, report scripts, history, exports) reads only the
--- revisions imported on or before that day (UTC), and the latest of them is the current one.
--- This is the one place the known-at filter lives: temporary views named `obs_current` (what
--- the kernel reads), `observation` and `current_observation` shadow the stored ones (SQLite
--- resolves unqualified names in the temp schema first); ctg.store writes them. A connection
--- seeing past data is for reading only. Returns the number of imports known at that date.
--- A moment with its time ("2024-03-15T10:30", UTC) reads the imports up to that minute, so
--- that two imports of one day can be told apart.
--- last_import (a delivery rebuilt): the imports up to that id only, however close in time.
function DB:known_at(day, last_import)
  local m, why = require("ctg.date").moment(day)
  if not m then error("known_at : " .. why, 2) end
  last_import = last_import or math.maxinteger
  self.store:known_at(m.bound, last_import)
  self.known_day = m.day:iso()
  local r = self.store:query("SELECT count(*) AS n FROM main.import WHERE imported_at <= ? AND id <= ?", m.bound, last_import)
  return r[1].n
end

--- Does the SQLite file at path hold ctg's tables (its plan versions, its revisions and its
--- imports) and a schema version? Read through SQLite, so that pages still in the write-ahead
--- log count. False for anything that cannot be opened or read.
function db.holds_ctg_tables(path)
  local ok, n, version = pcall(function()
    local s <close> = store.open(path, { readonly = true })
    return #s:query([[SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('plan_version', 'obs_revision', 'import')]]),
      s:query("PRAGMA user_version")[1].user_version
  end)
  return ok and n == 3 and (tonumber(version) or 0) > 0
end

--- The day (UTC) of the first import, or nil in an empty database.
function DB:first_import_day()
  local r = self.store:query("SELECT min(substr(imported_at, 1, 10)) AS day FROM main.import")
  return r[1] and r[1].day
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
  return self.store:query([[SELECT plan_id, version, hash, label, date, effective, council_date, signed,
    (SELECT a.version FROM plan_version a WHERE a.id = v.amends) AS amends, file, imported_at, imported_by
    FROM plan_version v ORDER BY plan_id, version]])
end

--- The ids of the plans stored in d (a database or its read-only view), sorted: what
--- --plan may name (ctg.cli.args.plan_id) and what a report over every plan reads.
function db.plan_ids(d)
  local ids = {}
  for _, r in ipairs(d:query("SELECT DISTINCT plan_id FROM plan_version ORDER BY plan_id")) do ids[#ids + 1] = r.plan_id end
  return ids
end

-- Whether version row a takes precedence over b at any date both are in force: the later
-- effective date, then (same date) the later import.
local function later(a, b)
  local date = require("ctg.date")
  local c = date.compare(a.effective, b.effective)
  if c ~= 0 then return c > 0 end
  return a.id > b.id
end
db.later_version = later

--- The version row ({id, plan_id, version, effective, content…}) of plan_id in force at a
--- date: the latest effective on or before it (on the same effective date, the later import).
--- Before the first effective date, the earliest version. Without a date: the version that
--- applies last (the plan in force at its end). plan_id nil: the database's only plan (a
--- database holding several is an error listing them: never the last one imported silently).
--- `at` may also be {version = N}: that version.
function DB:plan_version(plan_id, at)
  if not plan_id then
    local r = self.store:query("SELECT DISTINCT plan_id FROM plan_version ORDER BY plan_id")
    if not r[1] then return nil end
    if r[2] then
      local ids = {}
      for i, x in ipairs(r) do ids[i] = x.plan_id end
      error(msg.text("portfolio.store-several", { path = self.path, n = #ids, ids = table.concat(ids, ", ") }), 0)
    end
    plan_id = r[1].plan_id
  end
  if type(at) == "table" and at.version then
    local r = self.store:query("SELECT id FROM plan_version WHERE plan_id = ? AND version = ?", plan_id, at.version)[1]
    return r and self:version_row(r.id)
  end
  -- the choice reads the dates alone, then the chosen row whole: a version's texts (its
  -- content and source, a megabyte each for a plan of 2 000 territories) are read once, not
  -- every version's, and never through a sorter
  local list = self.store:query("SELECT id, effective FROM plan_version WHERE plan_id = ?", plan_id)
  local date = require("ctg.date")
  local day = at and date.check(at, "date"):last()
  local best, earliest
  for _, v in ipairs(list) do
    if not earliest or later(earliest, v) then earliest = v end
    if (not day or date.parse(v.effective):first() <= day) and (not best or later(v, best)) then best = v end
  end
  local chosen = best or earliest
  return chosen and self:version_row(chosen.id)
end

-- The texts of a version, megabytes for a plan of 2 000 territories: read when asked for.
local VERSION_TEXTS = { content = true, source_text = true, outline = true }
local VERSION_COLUMNS = [[id, plan_id, version, hash, label, date, file, imported_at, imported_by,
  effective, council_date, signed, amends]]

--- The version row of id: its columns, the texts (content, source_text, outline) read from
--- the database on first access.
function DB:version_row(id)
  local row = self.store:query("SELECT " .. VERSION_COLUMNS .. " FROM plan_version WHERE id = ?", id)[1]
  if not row then return nil end
  local handle = self.store
  return setmetatable(row, { __index = function(t, key)
    if not VERSION_TEXTS[key] then return nil end
    local texts = handle:query("SELECT content, source_text, outline FROM plan_version WHERE id = ?", id)[1] or {}
    -- all three at once, kept (false for NULL: fetched once)
    for name in pairs(VERSION_TEXTS) do rawset(t, name, texts[name] or false) end
    return rawget(t, key) or nil
  end, __metatable = false }) -- code from others (a report's db view) cannot reach the handle
end

local plan_cache = setmetatable({}, { __mode = "k" })

--- The declarations of a stored version (to build it, or to amend it): from its source
--- text when it has one, else from its exported content.
function DB:version_declarations(v)
  local name = self.path .. " (plan " .. v.plan_id .. " v" .. v.version .. ")"
  if v.source_text and v.file and v.file:lower():match("%.ya?ml$") then
    return require("ctg.plan_yaml").collect_text(v.file, v.source_text)
  elseif v.source_text then
    return require("ctg.dsl").collect_lua(v.file or name, v.source_text)
  end
  return require("ctg.plan_yaml").collect_text(name, v.content)
end

--- The version numbers stored for plan id (rows {version}); a plan id the database does not
--- have fails at the script's line with the closest stored id (fname: the function called,
--- suffix: appended to the suggestion, "@1").
function DB:plan_versions_of(id, fname, suffix)
  local versions = self.store:query("SELECT version FROM plan_version WHERE plan_id = ? ORDER BY version", id)
  if #versions > 0 then return versions end
  local ids = {}
  for _, r in ipairs(self.store:query("SELECT DISTINCT plan_id FROM plan_version ORDER BY plan_id")) do ids[#ids + 1] = r.plan_id end
  local hint = require("ctg.suggest").closest(id, ids)
  require("ctg.options").fail(msg.text("api.no-plan", { fn = fname, id = tostring(id), path = self.path,
    known = hint and msg.text("api.hint", { hint = hint .. (suffix or "") }) or
      (#ids > 0 and msg.text("api.no-plan.known", { ids = table.concat(ids, ", ") }) or "") }))
end

-- "ID@3" -> "ID", {version = 3}; "ID@2023-07-01" -> "ID", "2023-07-01" (the version in
-- force that day): a stored version as `ctg diff` names it. A plan id or version the
-- database does not have is an error at the script's line naming those it has.
function DB:versioned(spec)
  local options = require("ctg.options")
  local id, at = spec:match("^(.+)@([^@]+)$")
  local versions = self:plan_versions_of(id, "db:plan", "@" .. at)
  if at:match("^%d+$") and #at < 4 then
    local n = math.tointeger(tonumber(at))
    for _, r in ipairs(versions) do if r.version == n then return id, { version = n } end end
    local list = {}
    for i, r in ipairs(versions) do list[i] = tostring(r.version) end
    options.fail(msg.text("api.no-version", { id = id, at = at, versions = table.concat(list, ", ") }))
  end
  options.date(at, "db:plan", "@")
  return id, at
end

--- The plan (a ctg.plan object built from the stored version) in force at a date (see
--- plan_version; default: the version that applies last), and its version row. plan_id may
--- name a version: db:plan("ID@1") (version 1), db:plan("ID@2023-07-01") (in force that day).
function DB:plan(plan_id, at)
  if type(plan_id) == "string" and at == nil and plan_id:find("@", 1, true) then
    plan_id, at = self:versioned(plan_id)
  end
  local v = self:plan_version(plan_id, at)
  if not v then
    if plan_id then error(msg.text("store.no-plan", { plan = plan_id, path = self.path }), 0) end
    error(msg.text("store.no-plan-any", { path = self.path }), 0)
  end
  local cache = plan_cache[self] or {}
  plan_cache[self] = cache
  if cache[v.id] then return cache[v.id], v end
  local name = self.path .. " (plan " .. v.plan_id .. " v" .. v.version .. ")"
  local ctx = self:version_declarations(v)
  local p, findings, has_error = require("ctg.dsl").build(ctx)
  if has_error then
    error(msg.text("store.plan-broken", { name = name, finding = require("ctg.load").format_finding(findings[1]) }), 0)
  end
  cache[v.id] = p
  return p, v
end

--- The outline (ctg.rows.outline) of the plan in force at a date (see plan_version), and
--- its version row: read from the version when it has one of the current format, else
--- computed from the plan (versions stored by an older ctg, or an outline that does not
--- have the expected shape).
function DB:plan_outline(plan_id, at)
  local v = self:plan_version(plan_id, at)
  if not v then
    local _, err = pcall(self.plan, self, plan_id, at) -- the same message as DB:plan
    error(err, 0)
  end
  local cache = plan_cache[self] or {}
  plan_cache[self] = cache
  local key = "outline " .. v.id
  if cache[key] then return cache[key], v end
  local o
  if v.outline then
    local ok, doc = pcall(require("ctg.yaml").decode, v.outline, "outline")
    -- an outline of another version (copied, or a version whose content was edited) has
    -- another hash: it is not this version's
    if ok and rows.is_outline(doc) and doc.id == v.plan_id and doc.hash == v.hash then o = doc end
  end
  o = o or rows.outline((self:plan(v.plan_id, { version = v.version })))
  cache[key] = o
  return o, v
end

--- An outline as stored with its version (YAML text), with the version's hash.
local function outline_text(o, hash)
  local copy = {}
  for k, x in pairs(o) do copy[k] = x end
  copy.hash = hash
  return require("ctg.yaml").encode(copy)
end

--- Store the outline of each version of plan_id that has none (versions stored by a ctg
--- older than schema 4), inside the caller's transaction (an import): the next import
--- reads them rather than rebuilding the plans.
function DB:keep_outlines(plan_id)
  for _, r in ipairs(self.store:query("SELECT id, version FROM plan_version WHERE plan_id = ? AND outline IS NULL", plan_id)) do
    local o, v = self:plan_outline(plan_id, { version = r.version })
    self.store:execute("UPDATE plan_version SET outline = ? WHERE id = ?", outline_text(o, v.hash), r.id)
  end
end


--- Store plan p as a new version unless its content is unchanged. Returns the version row
--- and whether it is new.
-- The source text of a plan file (.lua, .yaml): kept with the version so that custom rules
-- can run later from the database alone, and so that findings name the user's own file and
-- line rather than the stored export.
local function lua_source(p)
  if not p.source or not p.source:lower():match("%.lua$") and not p.source:lower():match("%.ya?ml$") then return nil end
  local f = io.open(p.source, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

--- The effective date of a version: the one given, else the signature, else the council's
--- vote, else the day it is imported.
local function effective_of(p, opts)
  local e = opts.effective or opts.signed or opts.council_date or p.effective or p.signed or p.council_date
  if e then return require("ctg.date").check(e, "effective"):iso() end
  return require("ctg.date").today():iso()
end

--- Store plan p as a new version unless a version with the same content and dates is
--- already stored (importing an older file again then changes nothing). opts: label, date,
--- file, by, effective, council_date, signed, amends (the id of the version it amends), in_force
--- (ctg build: unchanged only when it is the version in force from its date).
--- Returns the version row, whether it is new, and the version row it shares its effective
--- date with, if any (the new one wins from that date).
function DB:store_plan(p, opts)
  opts = opts or {}
  local content = require("ctg.export").yaml(p)
  -- an avenant written as changes is not a plan on its own: its version is the whole
  -- resulting plan, its exported content
  local source_text = not opts.amendment and lua_source(p) or nil
  -- the meaning of the plan: its exported content, plus its source (its custom rules, and
  -- the lines its findings point at)
  local hash = fnv1a64(content .. (source_text or ""))
  local effective = effective_of(p, opts)
  -- an avenant has its own dates: the convention's are not its own
  local council_date = opts.council_date or (not opts.amendment and p.council_date or nil)
  local signed = opts.signed or (not opts.amendment and p.signed or nil)
  local same = self.store:query("SELECT * FROM plan_version WHERE plan_id = ? AND hash = ? ORDER BY id DESC", p.id, hash)
  if opts.in_force then
    -- ctg build: the files are the truth, so a file is unchanged only when it is the version
    -- that would be in force from its date (the last stored with that date); a file brought
    -- back to an older content becomes a new version, which wins from that date again
    local last = self.store:query("SELECT * FROM plan_version WHERE plan_id = ? AND effective = ? ORDER BY id DESC LIMIT 1",
      p.id, effective)[1]
    -- its content is what it declares (the export): a comment or a blank line edited is no
    -- new version, unless the plan has rules written in Lua (their code is only in the source)
    local lua_rules = false
    for _, r in ipairs(p.rules or {}) do if r.check then lua_rules = true end end
    same = last and (last.hash == hash or (not lua_rules and last.content == content)) and { last } or {}
  end
  -- the same content again (an older file imported anew): unchanged, unless it is given
  -- another effective date explicitly
  for _, v in ipairs(same) do
    if v.effective == effective or not opts.effective then return v, false end
  end
  local clash = self.store:query("SELECT * FROM plan_version WHERE plan_id = ? AND effective = ? ORDER BY id DESC LIMIT 1",
    p.id, effective)[1]
  local last = self.store:query("SELECT max(version) AS v FROM plan_version WHERE plan_id = ?", p.id)[1].v
  local version = (last or 0) + 1
  self.store:execute([[INSERT INTO plan_version (plan_id, version, hash, label, date, file, content, source_text,
    imported_at, imported_by, effective, council_date, signed, amends, outline)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?, ?, ?)]],
    p.id, version, hash, opts.label, opts.date, opts.file or p.source, content, source_text, opts.by or self.by or user(),
    effective, council_date, signed, opts.amends, outline_text(rows.outline(p), hash))
  return self:plan_version(p.id, { version = version }), true, clash
end

-- ---- observations ---------------------------------------------------------------------

--- Start an import (provenance of the rows that follow); returns its id. hash and commit
--- (ctg build): the fingerprint of the file's bytes and the project's git commit.
function DB:begin_import(version_id, file, source, by, hash, commit)
  self.store:execute([[INSERT INTO import (plan_version, file, source, imported_at, imported_by, hash, git_commit)
    VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?)]], version_id, file, source, by or self.by or user(),
    hash, commit)
  return self.store:last_insert_id()
end

-- ---- a project's builds (ctg build, ctg livraisons) -----------------------------------------

--- The fingerprint of file's last read by ctg build (nil: never read). The fingerprint
--- import.GONE says the file left the project.
function DB:build_hash(file)
  local r = self.store:query("SELECT hash FROM import WHERE file = ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1", file)[1]
  return r and r.hash
end

--- Every file ctg build read, by name, with its last fingerprint and whether it made a plan
--- version (plan or avenant) rather than observations: {file, hash, is_plan = bool}.
function DB:build_files()
  local out = self.store:query([[SELECT i.file, i.hash, EXISTS (SELECT 1 FROM plan_version v WHERE v.id = i.plan_version
      AND v.file = i.file) AS is_plan FROM import i WHERE i.imported_by = 'ctg build' AND i.hash IS NOT NULL
      AND i.id = (SELECT max(j.id) FROM import j WHERE j.file = i.file AND j.hash IS NOT NULL) ORDER BY i.file]])
  for _, r in ipairs(out) do r.is_plan = r.is_plan == 1 end
  return out
end

--- The plan versions that no build of the project of plan plan_id stored nor adopted (an
--- avenant imported by hand, another plan), oldest first.
function DB:foreign_versions(plan_id)
  return self.store:query([[SELECT v.id, v.plan_id, v.version, v.file, v.imported_at, v.imported_by FROM plan_version v
    WHERE NOT (v.plan_id = ? AND (v.imported_by = 'ctg build' OR EXISTS (SELECT 1 FROM import i
      WHERE i.plan_version = v.id AND i.imported_by = 'ctg build --adopt'))) ORDER BY v.id]], plan_id)
end

--- Record that the project keeps version row v (ctg build --adopt): an import of no row from
--- it, by "ctg build --adopt", with the commit.
function DB:adopt_version(v, commit)
  self:finish_import(self:begin_import(v.id, v.file or "", nil, "ctg build --adopt", nil, commit), 0)
end

--- The version of the last import of file (a file leaving the project is withdrawn from it).
function DB:last_import_version(file)
  local r = self.store:query("SELECT plan_version FROM import WHERE file = ? ORDER BY id DESC LIMIT 1", file)[1]
  return r and r.plan_version
end

local DELIVERY = { "path", "format", "script", "script_hash", "period", "arguments", "file_hash", "content_hash",
                   "as_of", "plan_version", "git_commit" }

--- Record a report ctg build wrote (d: the columns of DELIVERY, see ctg help store), as
--- known now (the moment and the last import), unless the last delivery at its path has the
--- same bytes (a build with nothing new delivers nothing new). Returns whether it was recorded.
function DB:record_delivery(d)
  local before = self.store:query("SELECT file_hash FROM delivery WHERE path = ? ORDER BY id DESC LIMIT 1", d.path)[1]
  if before and before.file_hash == d.file_hash then return false end
  local values = {}
  for i, k in ipairs(DELIVERY) do values[i] = d[k] end
  self.store:execute("INSERT INTO delivery (" .. table.concat(DELIVERY, ", ") .. [[, known_at, known_import, delivered_at)
    VALUES (]] .. string.rep("?, ", #DELIVERY) .. [[strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    (SELECT coalesce(max(id), 0) FROM import), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))]], table.unpack(values, 1, #DELIVERY))
  return true
end

--- Every delivery, oldest first, with its plan id and version number.
function DB:deliveries()
  return self.store:query([[SELECT x.*, v.plan_id, v.version FROM delivery x JOIN plan_version v ON v.id = x.plan_version
    ORDER BY x.id]])
end

local KEY = { "plan", "record", "subject", "period", "territory", "dims" }
local VALUES = { "value", "numerator", "denominator", "text", "missing", "status", "note", "source" }

-- "a.plan = b.plan AND …" over the key columns (fixed names: no SQL from data).
local function same_key(a, b)
  local out = {}
  for i, k in ipairs(KEY) do out[i] = a .. "." .. k .. " = " .. b .. "." .. k end
  return table.concat(out, " AND ")
end

--- After import_id read file anew (ctg build, a data file whose bytes changed), inside the
--- import's transaction and after its bulk cache is dropped: a row whose values are those of
--- the revision it superseded, from the same file, is no revision (dropped: it was never committed; the previous
--- one stays the latest, with its own provenance), and a key whose latest revision came from
--- an earlier import of the same file, and that the file no longer gives, is withdrawn: a
--- revision with withdrawn = 1 and no value, the key's latest, so that it has no observation
--- any more while its history stays. Returns the numbers of unchanged rows and withdrawals.
function DB:settle_file(import_id, file)
  local st = self.store
  st:exec("DROP TABLE IF EXISTS temp.settle_new; DROP TABLE IF EXISTS temp.settle_same; DROP TABLE IF EXISTS temp.settle_gone")
  st:execute("CREATE TEMP TABLE settle_new AS SELECT * FROM main.obs_revision WHERE import_id = ?", import_id)
  st:exec("CREATE INDEX temp.settle_new_key ON settle_new(" .. table.concat(KEY, ", ") .. ")")
  local equal = {}
  for i, v in ipairs(VALUES) do equal[i] = "o." .. v .. " IS n." .. v end
  -- a later file of the same build may have superseded the row already: only a latest one
  -- (the same value from another file is a revision: that file gives it now)
  st:execute("CREATE TEMP TABLE settle_same AS SELECT n.id AS new_id, o.id AS old_id FROM temp.settle_new n " ..
    "JOIN main.obs_revision o ON " .. same_key("o", "n") .. " AND o.revision = n.revision - 1 " ..
    "WHERE n.latest = 1 AND o.withdrawn = 0 AND " .. table.concat(equal, " AND ") ..
    " AND o.import_id IN (SELECT id FROM main.import WHERE file = ?)", file)
  st:exec("DELETE FROM main.obs_revision WHERE id IN (SELECT new_id FROM temp.settle_same)")
  st:exec("UPDATE main.obs_revision SET latest = 1 WHERE id IN (SELECT old_id FROM temp.settle_same)")
  st:execute("CREATE TEMP TABLE settle_gone AS SELECT o.* FROM main.obs_revision o WHERE o.latest = 1 AND o.withdrawn = 0 " ..
    "AND o.import_id IN (SELECT id FROM main.import WHERE file = ? AND id <> ?) " ..
    "AND NOT EXISTS (SELECT 1 FROM temp.settle_new n WHERE " .. same_key("n", "o") .. ")", file, import_id)
  st:exec("UPDATE main.obs_revision SET latest = 0 WHERE id IN (SELECT id FROM temp.settle_gone)")
  st:execute("INSERT INTO main.obs_revision (" .. table.concat(KEY, ", ") .. ", latest, revision, import_id, line, withdrawn) " ..
    "SELECT " .. table.concat(KEY, ", ") .. ", 1, revision + 1, ?, 0, 1 FROM temp.settle_gone ORDER BY id", import_id)
  local same = st:query("SELECT count(*) AS n FROM temp.settle_same")[1].n
  local gone = st:query("SELECT count(*) AS n FROM temp.settle_gone")[1].n
  st:exec("DROP TABLE temp.settle_new; DROP TABLE temp.settle_same; DROP TABLE temp.settle_gone")
  return same, gone
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

-- The records of an indicator's observations (its values and the parts of a ratio), as a
-- SQL condition: ctg.db's own, no module outside it builds SQL with it.
local INDICATOR_RECORDS = require("ctg.db.observations").INDICATOR_RECORDS
db.PART_RECORDS = { numerator = true, denominator = true }

local FILTERS = { indicator = "subject", subject = "subject", period = "period", territory = "territory", record = "record",
                  plan = "plan_id" }

-- WHERE clause and parameters from a filter table (names from a fixed list: no SQL from data).
local function where(filter, base)
  local clauses, params = { base }, {}
  local keys = {}
  for k in pairs(filter or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local column = FILTERS[k]
    if not column then
      error(msg.text("store.unknown-filter", { filter = tostring(k), allowed = "indicator, period, territory, record, plan" }), 3)
    end
    local v = filter[k]
    if k == "period" then v = rows.period_text(v) or tostring(v) end
    if k == "indicator" then clauses[#clauses + 1] = INDICATOR_RECORDS end
    if k == "record" and type(v) == "table" then
      -- several kinds of record (an indicator's values and its parts): one mark each
      local marks = {}
      for i, r in ipairs(v) do marks[i] = "?"; params[#params + 1] = r end
      clauses[#clauses + 1] = column .. " IN (" .. table.concat(marks, ", ") .. ")"
    else
      clauses[#clauses + 1] = column .. " = ?"
      params[#params + 1] = v
    end
  end
  return table.concat(clauses, " AND "), params
end

local ROW_COLUMNS = [[o.plan_id, o.record, o.subject, o.period, o.territory, o.dims, o.revision,
  o.value, o.numerator, o.denominator, o.text, o.missing, o.status, o.note,
  coalesce(o.source, i.source) AS source, o.line, o.column_number, o.withdrawn,
  i.file, i.source AS import_source, i.imported_at, i.imported_by, i.git_commit]]

local function shape(r)
  r.dimensions = rows.decode_dims(r.dims)
  -- a withdrawal (schema 5: the row removed from its file, ctg build) says so; others say nothing
  r.withdrawn = r.withdrawn == 1 or nil
  if r.record == "value" or db.PART_RECORDS[r.record] then r.indicator = r.subject end
  return r
end

-- The query of the rows of `source` (a table or view) matching filter, with their import's
-- provenance, in key order: its SQL and parameters.
local function rows_query(source, filter, order)
  local clause, params = where(filter, "1 = 1")
  return "SELECT " .. ROW_COLUMNS .. " FROM " .. source .. " o JOIN import i ON i.id = o.import_id WHERE " ..
    clause .. " ORDER BY o.record, o.subject, o.period, o.territory, o.dims" .. (order or ""), params
end

-- Rows of `source` (a table or view) matching filter, with their import's provenance.
function DB:rows_of(source, filter, order)
  local sql, params = rows_query(source, filter, order)
  local result = self.store:query(sql, table.unpack(params))
  for _, r in ipairs(result) do shape(r) end
  return result
end

--- The current observations matching filter one at a time, as DB:observations gives them
--- (for r in d:each_observation(filter) do … end): never all in memory, for a million rows.
function DB:each_observation(filter)
  local sql, params = rows_query("current_observation", filter)
  local next_row, _, _, cursor = self.store:rows(sql, table.unpack(params))
  return function()
    local r = next_row()
    return r and shape(r)
  end, nil, nil, cursor
end

--- The names of the dimensions of the current observations matching filter, sorted.
function DB:observation_dimensions(filter)
  local clause, params = where(filter, "1 = 1")
  local names, seen = {}, {}
  for r in self.store:rows("SELECT DISTINCT o.dims FROM current_observation o WHERE " .. clause, table.unpack(params)) do
    for k in pairs(rows.decode_dims(r.dims)) do
      if not seen[k] then seen[k] = true; names[#names + 1] = k end
    end
  end
  table.sort(names)
  return names
end

--- The keys of a filter of db:observations and db:history.
db.FILTER_OPTIONS = { "indicator", "period", "territory", "record", "plan", "subject" }

--- A filter of a script checked (ctg.options): its keys, in English or French; a territory
--- by code, title, INSEE code or object, and an indicator, checked against the plan in
--- force when the database has one (an indicator a later version dropped is still found by
--- its stored rows). Mistakes are raised at the script's line.
function DB:checked_filter(filter, fname)
  local options = require("ctg.options")
  local o = options.check(filter, db.FILTER_OPTIONS, fname)
  if o.plan then self:plan_versions_of(o.plan, fname) end
  local ok, p = pcall(self.plan, self, o.plan)
  if not ok then return o end
  if o.territory then o.territory = options.territory(p, o.territory, fname) end
  if o.indicator and not p:indicator(o.indicator) and
      not self.store:query("SELECT 1 AS x FROM current_observation WHERE subject = ? LIMIT 1", o.indicator)[1] then
    options.indicator(p, o.indicator, fname)
  end
  return o
end

--- Current observations (latest revisions) matching filter, as an iterator of rows:
--- {indicator, period, territory, dimensions, value, numerator, denominator, text, missing,
---  revision, source, file, line, imported_at, imported_by, git_commit (ctg build's)}. filter:
--- indicator, period, territory, record, plan (French names too: indicateur, periode, territoire…).
function DB:observations(filter)
  local result = self:rows_of("current_observation", self:checked_filter(filter, "db:observations"))
  local i = 0
  return function()
    i = i + 1
    return result[i]
  end
end

--- The periods (sorted texts: "2020", "2021-2022", "2023-09") in which indicator id has a
--- current observation (as known at the known-at date, when one is set); opts: plan (an
--- id), territories (a list of codes: any of them). What `plan:periods_with_data` would be:
--- a plan knows no database, so it is asked of the database or of an evaluation
--- (ev:periods_with_data, which also takes a territory and its members).
function DB:periods_with_data(id, opts)
  local options = require("ctg.options")
  if type(id) == "table" then id = options.check({ indicator = id }, { "indicator" }, "db:periods_with_data").indicator end
  if type(id) ~= "string" then
    options.fail(msg.text("api.bad-type", { fn = "db:periods_with_data", key = "indicator",
      want = msg.text("api.want.indicator"), got = type(id) }))
  end
  opts = options.check(opts, { "plan", "territories" }, "db:periods_with_data")
  local sql, params = { "SELECT DISTINCT period FROM current_observation WHERE " .. INDICATOR_RECORDS .. " AND subject = ?" }, { id }
  if opts.plan then sql[#sql + 1] = "AND plan_id = ?"; params[#params + 1] = opts.plan end
  if opts.territories then
    local marks = {}
    for i, code in ipairs(opts.territories) do marks[i] = "?"; params[#params + 1] = code end
    sql[#sql + 1] = "AND territory IN (" .. table.concat(marks, ", ") .. ")"
  end
  local out = {}
  for i, r in ipairs(self.store:query(table.concat(sql, " ") .. " ORDER BY period", table.unpack(params))) do out[i] = r.period end
  return out
end

--- Every revision (oldest first) of the observations matching filter, with provenance; a
--- withdrawal (the row removed from its data file, ctg build) has withdrawn = true and no value.
function DB:history(filter)
  return self:rows_of("observation", self:checked_filter(filter, "db:history"), ", o.revision")
end

--- Record one observation from a script: checked against the current plan like an imported
--- row, stored as a new revision with the script as provenance. Returns the revision.
function DB:put(row)
  local outline, version = self:plan_outline(row.plan)
  local checker = rows.checker(outline)
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
    local revision = self:put_row(outline.id, checked, import_id, info and info.currentline or 0)
    self:finish_import(import_id, 1)
    return revision
  end)
end

-- ---- the operations of the db/ folder ----------------------------------------------------

-- Each file of stdlib/ctg/db/ answers one kind of question; its functions become methods of
-- every database (a name taken twice is a mistake, caught when ctg.db loads).
local function install(methods)
  for name, fn in pairs(methods) do
    if type(fn) == "function" then
      assert(DB[name] == nil, "ctg.db: method " .. name .. " declared twice")
      DB[name] = fn
    end
  end
end
install(require("ctg.db.records"))
install(require("ctg.db.revisions"))
install(require("ctg.db.versions"))
install(require("ctg.db.observations"))

return db
