-- ctg — the functions analysts use in scripts and in the REPL (the global `ctg`).
--   p = ctg.load("examples/clermont-ferrand/plan.lua")   -- raises on a plan with errors
--   p, findings = ctg.check("plan.lua")                   -- never raises on plan mistakes
local ctg = {}

-- A plan function takes a file name: anything else is the caller's mistake, said at their line.
local function want_path(name, path)
  if type(path) == "string" then return end
  local what = type(path) == "table" and getmetatable(path) and getmetatable(path).__name == "Plan" and
    "un plan déjà chargé" or ("une valeur de type " .. type(path))
  error(string.format("ctg.%s attend le chemin d'un fichier de plan, pas %s : ctg.%s(\"plan.lua\")",
    name, what, name), 3)
end

--- Load a plan file (.lua or .yaml); raise an error listing its errors if it has any.
function ctg.load(path) want_path("load", path); return require("ctg.load").plan(path) end

--- Load a plan and return plan, findings (errors and warnings), has_error.
function ctg.check(path) want_path("check", path); return require("ctg.load").check(path) end

-- A plan to compare: a plan object, a file (.lua, .yaml), or a stored version "ID@N",
-- "ID@DATE" of the database db (opened when first needed: --db, $CTG_DB, ./ctg.db).
local function plan_to_compare(x, get_db)
  if type(x) == "table" then return x end
  if type(x) ~= "string" then
    require("ctg.options").fail(require("ctg.msg").text("api.want-plan-or-path", { got = type(x) }))
  end
  if not require("ctg.sys").exists(x) and x:match("^.+@[^@]+$") then return (get_db():plan(x)) end
  return require("ctg.load").plan(x)
end

--- Changes between two plans: plan objects, files, or stored versions ("ID@1", "ID@2023-07-01");
--- a list of {change, kind, code, field, old, new, title} that prints as `ctg diff` does.
function ctg.diff(a, b)
  local d
  local function get_db() d = d or ctg.open(); return d end
  local diff = require("ctg.diff")
  local changes = diff.plans(plan_to_compare(a, get_db), plan_to_compare(b, get_db))
  return setmetatable(changes, { __name = "Changes", __tostring = diff.text })
end

--- The plan as YAML or JSON text.
function ctg.export(p, format)
  local export = require("ctg.export")
  if format ~= nil and format ~= "yaml" and format ~= "json" then
    local hint = require("ctg.suggest").closest(tostring(format), { "yaml", "json" })
    require("ctg.options").fail(require("ctg.msg").text("api.export-format", { got = tostring(format),
      hint = hint and require("ctg.msg").text("api.hint", { hint = hint }) or "" }))
  end
  return format == "json" and export.json(p) or export.yaml(p)
end

--- Open a database: ctg.open(path, opts) — path defaults to the command line's --db, then
--- $CTG_DB, then ./ctg.db. A missing file is an error naming it, unless opts.create (a script
--- that writes: db:put); opts.readonly opens it for reading only. Both in French too
--- (creer, lecture_seule). local db <close> = ctg.open("ctg.db") closes it at the end of
--- the block.
function ctg.open(path, opts) return require("ctg.db").open(path, opts) end

--- The options of ctg.evaluate (French names too: periode, territoire, au, connu_au).
ctg.EVALUATE_OPTIONS = { "period", "territory", "as_of", "known_at", "plan", "max_cells" }

--- Evaluate a plan on a database: ctg.evaluate(plan, db, {period = 2023, territory = …,
--- as_of = …, known_at = …}); plan may be nil: the version in force at the as-of date (as
--- for ctg eval; opts.plan picks a plan id). known_at makes db read the data as known that
--- day (see ctg help time): a day in the future, or before the database's first import, is an
--- error. Every option is checked (ctg.options): a misspelt key, a territory or a period the
--- plan does not have is an error at the script's line. See `ctg help eval`.
function ctg.evaluate(plan, db, opts)
  local options = require("ctg.options")
  if plan ~= nil and not (type(plan) == "table" and getmetatable(plan) and getmetatable(plan).__name == "Plan") then
    options.fail(require("ctg.msg").text("api.want-plan", { got = type(plan) }))
  end
  if type(db) ~= "table" or type(db.query) ~= "function" then
    options.fail(require("ctg.msg").text("api.want-db", { got = type(db) }))
  end
  opts = options.check(opts, ctg.EVALUATE_OPTIONS, "ctg.evaluate", { db = db })
  if opts.plan and db.plan_versions_of then db:plan_versions_of(opts.plan, "ctg.evaluate") end
  local territory = opts.territory
  opts.territory = nil
  local ev
  if not plan then
    local notes
    ev, notes = require("ctg.timeline").evaluate(db, opts)
    require("ctg.timeline").warn(notes)
  else
    if opts.known_at then db:known_at(opts.known_at) end
    ev = require("ctg.eval").new(plan, db, opts)
    ev.known_at = opts.known_at and require("ctg.date").parse(opts.known_at):iso()
  end
  -- checked against the plan evaluated (the version in force, when plan is nil)
  if territory ~= nil then ev.territory = options.territory(ev.plan, territory, "ctg.evaluate") end
  if opts.period ~= nil then options.period(ev.period, "ctg.evaluate", "period", ev:period_range()) end
  return ev
end

--- In the REPL: explain(v) shows how a value from ev:value(…) was computed.
function ctg.explain(ev, id, opts)
  return ev:explain(id, opts)
end

ctg.fmt = require("ctg.fmt")

--- Statistics over a list of numbers: ctg.stats.mean, median, quantile, weighted_mean, sum.
ctg.stats = require("ctg.stats")

--- CSV files for scripts: ctg.csv.read(path) -> a table; ctg.csv.write(path, rows, opts).
ctg.csv = require("ctg.csvfile")

--- A table (ctg.datatable: sort, filter, group, write, print) of a list of rows keyed by
--- column name; columns (their order) default to every key, sorted.
function ctg.table(rows, columns)
  return require("ctg.datatable").of_rows("ctg.table", rows, columns)
end

return ctg
