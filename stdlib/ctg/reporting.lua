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
--   plan_version (the stored version row) }
local reporting = {}

local timeline = require("ctg.timeline")

--- A hash of the observations a report reads (see ctg.timeline).
reporting.observations_hash = timeline.observations_hash

local function fail(code, message)
  require("ctg.cli.args").fail(code, message)
end

--- Run script (its path and text) on database d; returns the document with its provenance.
function reporting.run(d, path, source, opts)
  local EXIT = require("ctg.cli.args").EXIT
  local ok, ev, notes = pcall(timeline.evaluate, d, { period = opts.period, as_of = opts.as_of, known_at = opts.known_at })
  if not ok then fail(EXIT.DATA, tostring(ev)) end
  timeline.warn(notes)
  local p, version = ev.plan, ev.version
  local ctx = { db = d, plan = p, plan_version = version, evaluation = ev, period = ev.period, date = opts.date,
                report = require("ctg.report"), fmt = require("ctg.fmt"), present = require("ctg.present"),
                args = opts.args or {} }
  setmetatable(ctx, { __index = function(_, k) if k == "svg" then return require("ctg.svg") end end })
  local chunk, err = load(source, "@" .. path, "t")
  if not chunk then fail(EXIT.SCRIPT, err) end
  -- the script's own errors carry its file and line; tracebacks are for --traceback
  local done, doc = xpcall(chunk, function(e)
    if type(e) == "table" and e.exit then return e end
    local msg = tostring(e)
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
  end, ctx)
  if not done then
    if type(doc) == "table" and doc.exit then error(doc, 0) end
    fail(EXIT.SCRIPT, doc)
  end
  if type(doc) ~= "table" or doc.blocks == nil then
    fail(EXIT.SCRIPT, path .. ": the script must return a document (return ctx.report.new{…} with its sections)")
  end
  local prov = timeline.provenance(ev)
  doc:provenance {
    plan = version.plan_id .. " v" .. version.version,
    plan_hash = version.hash,
    observations_hash = prov.observations_hash,
    -- the file name, not the path: the same script gives the same report on any machine
    script = path:match("[^/]+$") or path,
    script_hash = string.format("%016x", timeline.fnv1a64(source)),
    ctg_version = prov.ctg_version,
    period = ev.period,
    date = opts.date,
    as_of = prov.as_of,
    known_at = prov.known_at,
    arguments = opts.args or {},
    amendments = prov.amendments,
  }
  return doc
end

return reporting
