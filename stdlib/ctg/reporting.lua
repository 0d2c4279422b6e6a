-- ctg.reporting — running a report script: the context it receives, its errors located in
-- the script, and the provenance every report ends with (plan version and hash, a hash of the
-- observations used, the script's hash, ctg version), so that a report can be traced and
-- rebuilt byte for byte.
--
-- A report script is a Lua chunk: `local ctx = ...` then returns a document built with
-- ctx.report.new{…}. ctx = {
--   db, plan, evaluation (ctg.eval at ctx.period), period ("2023"), date (or nil),
--   report (ctg.report), fmt (ctg.fmt), present (ctg.present: values and statuses in
--   French), svg (ctg.svg), args (extra command-line words),
--   plan_version (the stored version row) }
local reporting = {}

local function fnv1a64(text, h)
  h = h or 0xcbf29ce484222325
  for i = 1, #text do
    h = h ~ text:byte(i)
    h = h * 0x100000001b3
  end
  return h
end

--- A hash of the observations a report reads: every current row's key and revision, in
--- key order, so any import or correction changes it.
function reporting.observations_hash(d, plan_id)
  local h = 0xcbf29ce484222325
  for _, r in ipairs(d:query([[SELECT key, revision FROM current_observation WHERE plan_id = ?
      ORDER BY key, revision]], plan_id)) do
    h = fnv1a64(r.key .. ":" .. r.revision .. ";", h)
  end
  return string.format("%016x", h)
end

local function fail(code, message)
  require("ctg.cli.args").fail(code, message)
end

--- Run script (its path and text) on database d; returns the document with its provenance.
function reporting.run(d, path, source, opts)
  local EXIT = require("ctg.cli.args").EXIT
  local ok, p, version = pcall(d.plan, d)
  if not ok then fail(EXIT.DATA, tostring(p)) end
  local ev = require("ctg.eval").new(p, d, { period = opts.period, as_of = opts.as_of })
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
  doc:provenance {
    plan = version.plan_id .. " v" .. version.version,
    plan_hash = version.hash,
    observations_hash = reporting.observations_hash(d, p.id),
    -- the file name, not the path: the same script gives the same report on any machine
    script = path:match("[^/]+$") or path,
    script_hash = string.format("%016x", fnv1a64(source)),
    ctg_version = require("ctg.cli.args").version(),
    period = ev.period,
    date = opts.date,
  }
  return doc
end

return reporting
