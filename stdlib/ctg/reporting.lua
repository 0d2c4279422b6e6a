-- ctg.reporting — running a report script: the context it receives, its errors located in
-- the script, and the provenance every report ends with (as-of and known-at dates, plan version
-- and hash, the amendments in force, a hash of the observations used, the script's hash and
-- arguments, ctg version), so that a report can be traced and rebuilt byte for byte.
--
-- A report script is a Lua chunk: `local ctx = ...` then returns a document built with
-- ctx.report.new{…}. ctx = {
--   db, plan, evaluation (ctg.eval at ctx.period), period ("2023"), date (or nil),
--   report (ctg.report), fmt (ctg.fmt), present (ctg.present: values and statuses in
--   French), svg (ctg.svg), args (extra command-line words),
--   plan_version (the stored version row), stock (ctx.stock("bilan-annuel") runs a report
--   script shipped with ctg on this context and returns its document) }
local reporting = {}

local timeline = require("ctg.timeline")

--- A hash of the observations a report reads (see ctg.timeline).
reporting.observations_hash = timeline.observations_hash

local WHAT = "un script de rapport"

local function fail(code, message)
  require("ctg.exit").fail(code, message)
end

--- Compile a report script (a project's own, or a stock one it calls through ctx.stock):
--- the one place that decides what a report script runs with. In the sandbox
--- (ctg.sandbox: allow-listed globals, private libraries, no process, file or bytecode)
--- unless trusted (ctg report --trust: full Lua for an analyst's own script).
function reporting.load_script(source, path, trusted)
  if trusted then return load(source, "@" .. path, "t") end
  return load(source, "@" .. path, "t", require("ctg.sandbox").environment(WHAT))
end

--- The text of a stock report script ("bilan-annuel": scripts/bilan-annuel.lua), as compiled
--- into this ctg (with CTG_PATH, read from the source tree beside it); nil when none.
function reporting.stock_source(name)
  if type(name) ~= "string" or not name:match("^[%w_-]+$") then return nil end
  local path = "scripts/" .. name .. ".lua"
  local dev = os.getenv("CTG_PATH")
  if dev and dev ~= "" then
    local f = io.open(dev:gsub("/+$", "") .. "/../" .. path, "rb")
    if f then
      local text = f:read("a")
      f:close()
      return text, path
    end
  end
  return require("ctg.sys").embedded(path), path
end

--- Run the stock report script name on ctx (a project's thin script calls it, so that the
--- project's reports improve with ctg); returns its document.
function reporting.stock(name, ctx, trusted)
  local source, path = reporting.stock_source(name)
  if not source then
    local names = {}
    for _, n in ipairs({ "bilan-annuel", "tableau-de-bord", "calendrier", "couverture-enjeux", "portefeuille" }) do names[#names + 1] = n end
    local hint = require("ctg.suggest").closest(tostring(name), names)
    error("ctx.stock : pas de rapport fourni nommé « " .. tostring(name) .. " »" ..
      (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or " (rapports fournis : " .. table.concat(names, ", ") .. ")"), 2)
  end
  local chunk = assert(reporting.load_script(source, path, trusted))
  return chunk(ctx)
end

--- Run script (its path and text) on database d; returns the document with its provenance.
--- opts: period, date, as_of, known_at, args, commit (the project's git commit, from ctg build),
--- plan (an id, "all" for every plan of the database, nil for its only plan); to rebuild a
--- delivery: known_import (the last import it read) and version.

--- ctx.read_csv(name): the rows of a CSV file in the script's folder (name relative to it),
--- as {header = {…}, rows = {{…}, …}} of texts. The one way a sandboxed script reads a file:
--- a regular file (not a FIFO nor a device), reached from the script's folder without an
--- absolute path, a ".." or a symbolic link (ctg.sys.read_inside), of at most READ_MAX bytes.
reporting.READ_MAX = 64 * 1024 * 1024

local function csv_reader(script_path)
  local dir = script_path:match("^(.*)/[^/]*$") or "."
  if dir == "" then dir = "/" end
  return function(name)
    local msg = require("ctg.msg")
    if type(name) ~= "string" then
      error(msg.text("contain.read.not-a-name", { got = type(name) }), 2)
    end
    local text, reason, detail = require("ctg.sys").read_inside(dir, name, reporting.READ_MAX)
    if not text then
      error(msg.text("contain.read." .. reason, { name = name, dir = dir, detail = detail,
        max = require("ctg.fmt").number(reporting.READ_MAX / (1024 * 1024)) }), 2)
    end
    local csv = require("ctg.csv")
    local ok, result = pcall(function()
      local header, rows = nil, {}
      for fields in csv.rows_text(name, text) do
        if header then rows[#rows + 1] = fields else header = fields end
      end
      return { header = header or {}, rows = rows }
    end)
    if not ok then error("ctx.read_csv : " .. tostring(result), 2) end
    return result
  end
end

-- The context a script receives: in the sandbox, modules as read-only views and the
-- database as a read-only view; with trust, ctg's own objects. evs: the evaluations of the
-- plans the report reads, one (ctx.plan, ctx.evaluation) or every plan (--plan all: a report
-- comparing them reads ctx.evaluations, and ctx.plan is an error saying so, not a nil).
local function context(d, evs, path, opts)
  local trusted = opts.trust
  local function module(m, name)
    return trusted and m or require("ctg.sandbox").readonly(m, name)
  end
  local ev = #evs == 1 and evs[1] or nil
  local period = evs[1] and evs[1].period
  for _, e in ipairs(evs) do if e.period ~= period then period = nil end end
  local ctx = { db = trusted and d or require("ctg.db").view(d), plan = ev and ev.plan, plan_version = ev and ev.version,
                evaluation = ev, evaluations = evs, period = period, date = opts.date,
                report = module(require("ctg.report"), "ctg.report"), fmt = module(require("ctg.fmt"), "ctg.fmt"), present = module(require("ctg.present"), "ctg.present"),
                args = opts.args or {}, read_csv = csv_reader(path) }
  return setmetatable(ctx, { __index = function(_, k)
    if k == "svg" then return module(require("ctg.svg"), "ctg.svg") end
    if k == "plan" or k == "evaluation" or k == "plan_version" or k == "period" then
      error(require("ctg.msg").text("portfolio.one-plan", { key = k }), 2)
    end
  end })
end

-- The evaluations a report reads: the plan opts.plan names, or every plan ("all").
local function evaluations(d, opts)
  local EXIT = require("ctg.exit").EXIT
  local ids = { opts.plan or false }
  if opts.plan == "all" then ids = require("ctg.db").plan_ids(d) end
  local evs, said = {}, {}
  for i, id in ipairs(ids) do
    local ok, ev, notes = pcall(timeline.evaluate, d, { plan = id or nil, period = opts.period, as_of = opts.as_of,
      known_at = opts.known_at, known_import = opts.known_import, version = opts.version,
      max_cells = require("ctg.eval").DOCUMENT_CELLS })
    if not ok then fail(EXIT.DATA, tostring(ev)) end
    -- a note about the database (nothing known at --known-at) is said once, not once a plan
    local new = {}
    for _, n in ipairs(notes) do
      if not said[n] then said[n] = true; new[#new + 1] = n end
    end
    timeline.warn(new)
    evs[i] = ev
  end
  return evs
end

-- The provenance of the plans a report read: one plan as "id vN", several joined in the
-- order of their ids (so a portfolio names every plan, version and data fingerprint).
local function plans_provenance(evs)
  local plans, hashes, data, amendments, periods, same = {}, {}, {}, {}, {}, true
  -- plans read at different dates (each at its data's last year): each its period and as-of
  local same_as_of = true
  for _, ev in ipairs(evs) do same_as_of = same_as_of and ev.as_of:iso() == evs[1].as_of:iso() end
  for i, ev in ipairs(evs) do
    periods[i] = (#evs > 1 and ev.version.plan_id .. " " or "") .. ev.period ..
      (same_as_of and "" or " (au " .. ev.as_of:iso() .. ")")
    same = same and ev.period == evs[1].period
    local prov = timeline.provenance(ev)
    plans[i] = ev.version.plan_id .. " v" .. ev.version.version
    hashes[i], data[i] = ev.version.hash, prov.observations_hash
    for _, a in ipairs(prov.amendments or {}) do
      amendments[#amendments + 1] = #evs > 1 and (ev.version.plan_id .. " : " .. a) or a
    end
  end
  local prov = timeline.provenance(evs[1])
  prov.plan, prov.plan_hash, prov.observations_hash = table.concat(plans, ", "), table.concat(hashes, ", "),
    table.concat(data, ", ")
  prov.period = same and same_as_of and evs[1].period or table.concat(periods, ", ")
  if not same_as_of then prov.as_of = nil end
  prov.amendments = #amendments > 0 and amendments or nil
  return prov
end

--- Run script (its path and text) on database d; returns the document with its provenance.
--- The script runs in the sandbox (ctg.sandbox) within the time and memory limits, unless
--- opts.trust (ctg report --trust: full Lua for an analyst's own script).
function reporting.run(d, path, source, opts)
  local EXIT = require("ctg.exit").EXIT
  local evs = evaluations(d, opts)
  local ctx = context(d, evs, path, opts)
  ctx.stock = function(name) return reporting.stock(name, ctx, opts.trust) end
  local chunk, err = reporting.load_script(source, path, opts.trust)
  if not chunk then fail(EXIT.SCRIPT, err) end
  -- the script's own errors carry its file and line; tracebacks are for --traceback
  local is_exit_error = require("ctg.exit").is_exit_error
  -- code from others runs in the sandbox (ctg.sandbox.active: no file written); the
  -- analyst's own script (--trust) only within the limits
  local run = opts.trust and require("ctg.limits").run or require("ctg.sandbox").run
  local done, doc = xpcall(run, function(e)
    -- ctg's own errors (a locked database…) keep their code; anything the script raised is
    -- a script error, read as text within the limits (ctg.limits.run)
    if is_exit_error(e) then return e end
    local msg = select(2, require("ctg.exit").error_parts(e))
    if not msg:find("^" .. path:gsub("%p", "%%%0") .. ":") then
      -- raised inside ctg's modules: name the script's innermost line as well
      for level = 2, 40 do
        local info = debug.getinfo(level, "Sl")
        if not info then break end
        if info.source == "@" .. path and info.currentline > 0 then
          msg = path .. ":" .. info.currentline .. ": " .. msg:gsub("^[^:]+:%d+: ", "")
          break
        end
      end
    end
    return msg
  end, "le script de rapport", nil, chunk, ctx)
  if not done then
    if is_exit_error(doc) then error(doc, 0) end
    fail(EXIT.SCRIPT, doc)
  end
  -- a document made by ctx.report.new and plain data, read raw: the renderers run no code
  -- of the script's
  local report = require("ctg.report")
  local is_doc, why = report.check_document(doc)
  if not is_doc then fail(EXIT.SCRIPT, path .. ": " .. why) end
  local prov = plans_provenance(evs)
  report.set_provenance(doc, {
    plan = prov.plan,
    plan_hash = prov.plan_hash,
    observations_hash = prov.observations_hash,
    -- the file name, not the path: the same script gives the same report on any machine
    script = path:match("[^/]+$") or path,
    script_hash = string.format("%016x", timeline.fnv1a64(source)),
    ctg_version = prov.ctg_version,
    period = prov.period,
    date = opts.date,
    as_of = prov.as_of,
    known_at = prov.known_at,
    arguments = opts.args or {},
    amendments = prov.amendments,
    commit = opts.commit,
  })
  return doc
end

return reporting
