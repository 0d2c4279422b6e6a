-- ctg.timeline — the dates a result depends on, made explicit. An evaluation, a rule run or a
-- report is "as of" a date (--as-of, else the last day of the period asked for; --period all:
-- the end of the plan), reads the data as it was known at a date (--known-at: revisions
-- imported later are ignored), and uses the plan version in force at its as-of date. Nothing
-- here reads the clock, and the provenance of every output names all of it, so that a rerun
-- with the same inputs gives the same bytes.
local date = require("ctg.date")

local timeline = {}

local function fnv1a64(text, h)
  h = h or 0xcbf29ce484222325
  for i = 1, #text do
    h = h ~ text:byte(i)
    h = h * 0x100000001b3
  end
  return h
end
timeline.fnv1a64 = fnv1a64

--- A hash of the observations a result reads: every current row's key and revision, in key
--- order (as known at the known-at date when one is set), so any import or correction changes
--- it (ctg.store computes it, keys hashed from their texts: the same data, the same hash).
function timeline.observations_hash(d, plan_id)
  return d.store:observations_hash(plan_id)
end

--- Checks the --as-of, --known-at and --period options of a command: a bad one is a usage
--- error (exit 2) saying in French what is wrong. allow_all: --period all is accepted.
function timeline.check_options(opts, command, allow_all)
  local args = require("ctg.exit")
  for _, k in ipairs({ "as_of", "known_at" }) do
    if opts[k] then
      local ok, why = (k == "known_at" and date.moment or date.parse)(opts[k])
      if not ok then args.fail(args.EXIT.USAGE, command .. " : --" .. k:gsub("_", "-") .. " : " .. why) end
      -- no data is known past today: a later --known-at would be written into a provenance
      -- as a moment the data was never seen at (the API refuses it the same way)
      local today = date.today()
      if k == "known_at" and ok.day:first() > today then
        local msg, present = require("ctg.msg"), require("ctg.present")
        args.fail(args.EXIT.USAGE, msg.text("api.known-future", { fn = command, key = "--known-at",
          day = present.date(ok.day:first():iso()), today = present.date(today:iso()) }))
      end
    end
  end
  if opts.period and not (allow_all and opts.period == "all") then
    local ok, why = date.period(opts.period)
    if not ok then
      args.fail(args.EXIT.USAGE, command .. " : --period : " .. why .. (allow_all and " ; ou all pour toutes les années" or ""))
    end
  end
end

--- Sees the data of d as known at day (when given); returns the notes to show (French):
--- nothing was imported yet at that date.
function timeline.know(d, day, last_import)
  if not day then return {} end
  local n = d:known_at(day, last_import)
  if n > 0 then return {} end
  local first = d:first_import_day()
  local present, msg = require("ctg.present"), require("ctg.msg")
  local m = date.moment(day)
  return { msg.text("plans.known-none", { day = m.text:find("T") and date.french(m.text) or present.date(m.day:iso()),
    first = first and msg.text("plans.known-first", { date = present.date(first) }) or msg.text("plans.known-empty") }) }
end

--- The amendments (avenants) the plan version in force includes, as lines of French: the
--- `amendments` of its header (an avenant written as changes adds itself there, with its
--- label and dates; a plan copied whole lists them itself).
function timeline.amendments(p)
  local out = {}
  for i, a in ipairs(p.amendments or {}) do out[i] = a end
  return out
end

--- The same line in the messages' language, for a person (ctg check of an avenant).
function timeline.amendment_text(a)
  local present, msg = require("ctg.present"), require("ctg.msg")
  local parts = {}
  if a.council_date then parts[#parts + 1] = msg.text("plans.council", { date = present.date_after(a.council_date, "du") }) end
  if a.signed then parts[#parts + 1] = msg.text("plans.signed", { date = present.date_after(a.signed, "le") }) end
  if a.effective then parts[#parts + 1] = msg.text("plans.effective", { date = present.date_after(a.effective, "le") }) end
  return (a.label or (a.version and msg.text("plans.version", { n = a.version }) or msg.text("plans.avenant"))) ..
    (#parts > 0 and " (" .. table.concat(parts, ", ") .. ")" or "")
end

-- The indicator ids of a stored version (read from its YAML content).
local function indicator_ids(v)
  local ids = {}
  local ctx = require("ctg.plan_yaml").collect_text("version " .. v.version, v.content)
  for _, decl in ipairs(ctx.decls or {}) do
    if decl.kind == "indicator" and decl.fields.id then ids[tostring(decl.fields.id)] = true end
  end
  return ids
end

--- Indicators that earlier versions of the plan had, that the version in force no longer
--- has, and that have stored observations: {indicator, count, removed_in (version number)}.
function timeline.dropped_indicators(d, version, p, ev)
  local out = {}
  -- an evaluation has every stored indicator and its rows in its engine already
  local rows = ev and ev.engine:subjects() or d:indicator_counts(version.plan_id)
  local versions
  for _, r in ipairs(rows) do
    if not p:indicator(r.subject) then
      versions = versions or d:version_contents(version.plan_id)
      -- the version that removed it: the first one after a version that had it, without it
      local had, removed_in
      for _, v in ipairs(versions) do
        v.ids = v.ids or indicator_ids(v)
        local has = v.ids[r.subject]
        if has then had, removed_in = true, nil elseif had and not removed_in then removed_in = v.version end
      end
      out[#out + 1] = { indicator = r.subject, count = r.n, removed_in = removed_in }
    end
  end
  return out
end

--- The French warning for a dropped indicator.
function timeline.dropped_text(x, version)
  local msg = require("ctg.msg")
  return msg.plural("plans.dropped", x.count, { indicator = x.indicator, version = version.version,
    removed = x.removed_in and msg.text("plans.removed-in", { n = x.removed_in }) or "" })
end

--- The evaluation a command asks for. opts: period (a period, "all" or nil), as_of, known_at
--- (and known_import: the last import read, for a delivery rebuilt), version (a number),
--- plan (an id), territory, max_cells (as eval.new). Returns the evaluation (ev.version: the plan version row used),
--- and the notes to print (French: no data known at that date, indicators dropped).
function timeline.evaluate(d, opts)
  local eval = require("ctg.eval")
  local notes = timeline.know(d, opts.known_at, opts.known_import)
  local period = opts.period ~= "all" and opts.period or nil
  -- the date that picks the plan version: the as-of date, else the end of the period asked
  local at = opts.as_of or (period and select(2, date.period(period)):iso()) or nil
  -- opts.version: a version number given (a delivery rebuilt with the version it used)
  local p, version = d:plan(opts.plan, opts.version and { version = opts.version } or at)
  local as_of = opts.as_of or (opts.period == "all" and tostring(p.period[2])) or nil
  local ev = eval.new(p, d, { period = period, as_of = as_of, territory = opts.territory, max_cells = opts.max_cells })
  if opts.period == "all" and not opts.as_of and tonumber(tostring(ev.period):sub(1, 4)) > p.period[2] then
    -- a renewal's figures after the plan: every period up to theirs is judged at their year's end
    ev = eval.new(p, d, { period = ev.period, as_of = ev.period, territory = opts.territory, max_cells = opts.max_cells })
  end
  if not at and not opts.version then
    -- the default period depends on the data: take the version in force at its end
    local v = d:plan_version(p.id, ev.as_of)
    if v.id ~= version.id then
      p, version = d:plan(p.id, ev.as_of)
      ev = eval.new(p, d, { period = ev.period, as_of = ev.as_of:iso(), territory = opts.territory,
                            max_cells = opts.max_cells })
    end
  end
  ev.version = version
  ev.known_at = opts.known_at and date.moment(opts.known_at).text
  for _, x in ipairs(timeline.dropped_indicators(d, version, p, ev)) do notes[#notes + 1] = timeline.dropped_text(x, version) end
  return ev, notes
end

--- Prints notes on stderr as warnings.
function timeline.warn(notes)
  for _, n in ipairs(notes) do io.stderr:write("attention : ", n, "\n") end
end

--- What a rerun needs, as a table of text (JSON outputs and reports): as-of, known-at,
--- period, plan id and version, its effective date and hash, the data's fingerprint, the
--- amendments in force, ctg's version. Scripts add their own file, hash and arguments.
function timeline.provenance(ev)
  local v = ev.version
  local amendments = timeline.amendments(ev.plan)
  return { as_of = ev.as_of:iso(), known_at = ev.known_at, period = ev.period, plan = v.plan_id,
           plan_version = v.version, plan_effective = v.effective, plan_hash = v.hash,
           observations_hash = timeline.observations_hash(ev.db, v.plan_id), amendments = #amendments > 0 and amendments or nil,
           ctg_version = require("ctg.sys").version }
end

timeline.PROVENANCE_ORDER = { "as_of", "known_at", "period", "plan", "plan_version", "plan_effective", "plan_hash",
  "observations_hash", "amendments", "script", "script_hash", "arguments", "ctg_version" }

return timeline
