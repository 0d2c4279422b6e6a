-- The indicator kinds declared once (ctg.kinds, issue 27 point 3): the schema's enumeration,
-- the editor definitions, the help and the judge's and engine's rules all list exactly the
-- registry's kinds, and a kind added there (max) is computed through its accumulator alone.
local t = ...
local kinds = require("ctg.kinds")
local schema = require("ctg.schema")
local msg = require("ctg.msg")
local eval = require("ctg.eval")

local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/tests/fixtures/val-de-brume/plan.lua"

-- What a ctg subcommand (a ctg.cli.* function) writes on stdout.
local function output_of(command, argv)
  local out, real = {}, io.stdout
  rawset(io, "stdout", { write = function(self, ...) for _, s in ipairs({ ... }) do out[#out + 1] = s end return self end })
  local ok, err = pcall(require(command), argv)
  rawset(io, "stdout", real)
  assert(ok, err)
  return table.concat(out)
end

local function sorted(list)
  local out = table.move(list, 1, #list, 1, {})
  table.sort(out)
  return out
end

t.test("the registry: every kind once, with its rows, combinations, accumulator and words", function()
  local seen = {}
  for _, k in ipairs(kinds.list) do
    t.ok(not seen[k.id], "twice: " .. k.id)
    seen[k.id] = true
    t.ok(({ value = true, ratio = true, score = true, text = true })[k.rows], k.id .. ": rows")
    t.ok(({ sum = true, last = true, mean = true, max = true })[k.time], k.id .. ": time")
    t.ok(type(k.accumulator) == "string", k.id .. ": accumulator")
    t.ok(({ number = true, rate = true, change = true, score = true, text = true })[k.figure], k.id .. ": figure")
    for _, lang in ipairs({ "fr", "en" }) do
      for _, key in ipairs({ "kind." .. k.id, "kind." .. k.id .. ".doc", "kind." .. k.id .. ".combines",
                             "explain.formula." .. k.id }) do
        t.ok(msg.catalogues()[lang][key], lang .. " lacks " .. key)
      end
      if k.territories ~= "none" then
        t.ok(msg.catalogues()[lang]["kind." .. k.id .. ".rollup"], lang .. " lacks kind." .. k.id .. ".rollup")
      end
    end
  end
  t.eq(kinds.ids, { "count", "ratio", "evolution", "score", "qualitative", "max" })
end)

t.test("the schema's enumeration and French names are the registry's", function()
  local f = schema.kinds.indicator.fields.kind
  t.eq(f.type.values, kinds.ids)
  t.eq(f.french_values, kinds.french_names())
  t.eq(kinds.french_names(), { comptage = "count", taux = "ratio", qualitatif = "qualitative", maximum = "max" })
  t.eq(schema.indicator_kinds, kinds.ids)
end)

t.test("the editor definitions list exactly the registry's kinds, English and French", function()
  local text = require("ctg.luals").definitions()
  local line = text:match("\n%-%-%-@field kind%? ([^ ]+) ")
  t.ok(line, "no kind field")
  local names = {}
  for name in line:gmatch('"([^"]+)"') do names[#names + 1] = name end
  local want = table.move(kinds.ids, 1, #kinds.ids, 1, {})
  for french in pairs(kinds.french_names()) do want[#want + 1] = french end
  t.eq(sorted(names), sorted(want))
end)

t.test("ctg help vocabulary and ctg help eval list exactly the registry's kinds", function()
  local vocab = output_of("ctg.cli.help", { "vocabulary" })
  local values = vocab:match("nature %(kind%) +une valeur parmi ([^,]+[^\n]-), obligatoire")
  t.ok(values, "no nature line")
  local listed = {}
  for w in values:gmatch("[^, ]+") do listed[#listed + 1] = w end
  local want = {}
  for i, k in ipairs(kinds.list) do want[i] = k.french or k.id end
  t.eq(listed, want)
  local help = output_of("ctg.cli.help", { "eval" })
  local block = help:match("Comment les valeurs se combinent :\n(.-)\n\n")
  t.ok(block, "no combination block")
  local heads = {}
  for word in block:gmatch("\n  (%S+) +") do heads[#heads + 1] = word end
  local first = block:match("^  (%S+)")
  table.insert(heads, 1, first)
  t.eq(heads, want)
end)

t.test("the judge checks each indicator's rows by its kind's declaration", function()
  local p = ctg.load(PLAN)
  local spec = require("ctg.rows").checker(require("ctg.rows").outline(p)):judge_spec()
  t.eq({ spec.indicators.plus_grande_creche.rows, spec.indicators.plus_grande_creche.whole }, { "value", false })
  t.eq({ spec.indicators.places.rows, spec.indicators.places.whole }, { "value", true })
  t.eq(kinds.row_rules("ratio"), { rows = "ratio", whole = false })
  t.eq(kinds.row_rules("qualitative"), { rows = "text", whole = false })
  t.eq(kinds.row_rules("nope"), nil)
end)

-- The val-de-brume plan with the given rows of plus_grande_creche and places.
local function ev_of(rows_list, period)
  local d = ctg.open(t.tmpdir() .. "/k.db", { create = true })
  d:store_plan(ctg.load(PLAN), {})
  d:transaction(function() for _, r in ipairs(rows_list) do d:put(r) end end)
  return eval.new(d:plan(), d, { period = period, as_of = period .. "-12-31" })
end

local function row(ind, period, territory, value)
  return { indicator = ind, period = period, territory = territory, value = value }
end

t.test("max: a group's value is its largest member's, never the sum; the count beside sums", function()
  local ev = ev_of({ row("plus_grande_creche", 2025, "lanterne", 48), row("plus_grande_creche", 2025, "brumont", 24.5),
                     row("plus_grande_creche", 2025, "saint-orel", 60), row("plus_grande_creche", 2025, "vaux-le-pre", 12),
                     row("places", 2025, "lanterne", 48), row("places", 2025, "brumont", 24),
                     row("places", 2025, "saint-orel", 60), row("places", 2025, "vaux-le-pre", 12) }, "2025")
  local r = ev:value("plus_grande_creche", { territory = "vdb" })
  t.eq({ r.value, math.type(r.value), r.partial }, { 60, "integer", false })
  t.eq(ev:value("plus_grande_creche", { territory = "bourgs" }).value, 48)
  t.eq(ev:value("places", { territory = "vdb" }).value, 144)
  t.eq(r.target, 70) -- on the plan's territory
  t.eq(require("ctg.present").value(r, ctg.load(PLAN):indicator("plus_grande_creche")), "60")
  t.eq(ev:value("plus_grande_creche", { territory = "saint-orel" }).target, nil)
end)

t.test("max: a decimal member can be the highest, and a missing member makes it partial", function()
  local ev = ev_of({ row("plus_grande_creche", 2026, "lanterne", 50), row("plus_grande_creche", 2026, "brumont", 55.5),
                     row("plus_grande_creche", 2026, "saint-orel", 30) }, "2026")
  local r = ev:value("plus_grande_creche", { territory = "vdb" })
  t.eq({ r.value, r.partial, r.members, r.with_data }, { 55.5, true, 4, 3 })
  t.eq(r.missing[1].territory, "vaux-le-pre")
end)

t.test("max over time: the last month by default, the highest with time = max", function()
  local ev = ev_of({ row("plus_grande_creche", "2027-03", "brumont", 64), row("plus_grande_creche", "2027-09", "brumont", 40) },
    "2027")
  t.eq(ev:value("plus_grande_creche", { territory = "brumont" }).value, 40)
  t.eq(kinds.time_of({ kind = "max" }), "last")
  t.eq(kinds.time_of({ kind = "max", time = "max" }), "max")
  t.eq(kinds.time_of({ kind = "count" }), "sum")
end)
