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

--- Changes between two plans (see ctg.diff).
function ctg.diff(a, b) return require("ctg.diff").plans(a, b) end

--- The plan as YAML or JSON text.
function ctg.export(p, format)
  local export = require("ctg.export")
  return format == "json" and export.json(p) or export.yaml(p)
end

--- Open (or create) a database: ctg.open(path) — path defaults to $CTG_DB, then ./ctg.db.
--- local db <close> = ctg.open("ctg.db") closes it at the end of the block.
function ctg.open(path, opts) return require("ctg.db").open(path, opts) end

--- Evaluate a plan on a database: ctg.evaluate(plan, db, {period = 2023, as_of = …,
--- known_at = …}); plan may be nil: the version in force at the as-of date (as for ctg eval).
--- known_at makes db read the data as known that day (see ctg help time). See `ctg help eval`.
function ctg.evaluate(plan, db, opts)
  opts = opts or {}
  if not plan then
    local ev, notes = require("ctg.timeline").evaluate(db, opts)
    require("ctg.timeline").warn(notes)
    return ev
  end
  if opts.known_at then db:known_at(opts.known_at) end
  return require("ctg.eval").new(plan, db, opts)
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
