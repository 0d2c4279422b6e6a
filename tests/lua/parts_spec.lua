-- The parts of a ratio (schema 6): a numerator alone and a denominator alone, stored as
-- records of their own and paired by the evaluation kernel (host/core/kernel.c) by key — indicator,
-- period, territory and dimension values — before any roll-up. Values computed by hand on the
-- roll-up fixture (three levels, a dimension `public` on the rate).
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/tests/fixtures/plans/rollup.lua"
local eval = require("ctg.eval")

local function ev_of(rows_list)
  local d = ctg.open(t.tmpdir() .. "/p.db", { create = true })
  d:store_plan(ctg.load(PLAN), {})
  d:transaction(function()
    for _, r in ipairs(rows_list) do d:put(r) end
  end)
  return eval.new(d:plan(), d, { as_of = "2024-12-31" }), d
end

local function near(a, b) return type(a) == "number" and math.abs(a - b) < 1e-9 end

t.test("parts pair by key, dimension values included; a part alone is n.d. with its reason", function()
  local ev, d = ev_of {
    { indicator = "taux", period = 2023, territory = "a1", public = "enfants", numerator = 3 },
    { indicator = "taux", period = 2023, territory = "a1", public = "enfants", denominator = 10 },
    { indicator = "taux", period = 2023, territory = "a1", public = "adultes", numerator = 1 },
    { indicator = "taux", period = 2023, territory = "a2", public = "enfants", denominator = 5 },
    { indicator = "taux", period = 2023, territory = "a2", public = "enfants", numerator = 2 },
  }
  local stored = {}
  for _, r in ipairs(d:query("SELECT record FROM current_observation ORDER BY id")) do stored[#stored + 1] = r.record end
  t.eq(stored, { "numerator", "denominator", "numerator", "denominator", "numerator" })
  -- a1: 3/10 (the adults' numerator has no denominator: left out, not summed)
  local a1 = ev:value("taux", { period = 2023, territory = "a1" })
  t.ok(near(a1.value, 30), tostring(a1.value))
  t.eq({ a1.numerator, a1.denominator }, { 3, 10 })
  -- (a dimension's slice says "donnée manquante" without the row's own reason, as for any
  -- missing row; the territory's value and a roll-up's missing list give it)
  local adults = ev:value("taux", { period = 2023, territory = "a1", dim = "public", dim_value = "adultes" })
  t.eq({ adults.value, adults.reason_code }, { nil, "missing" })
  -- a: Σ over the keys with both parts, 5/15; never a mean of rates (35 %)
  local a = ev:value("taux", { period = 2023, territory = "a" })
  t.eq({ a.numerator, a.denominator }, { 5, 15 })
  t.ok(near(a.value, 100 / 3), tostring(a.value))
end)

t.test("a value row of a key takes precedence over its parts; parts of other keys still count", function()
  local ev = ev_of {
    { indicator = "taux", period = 2023, territory = "a2", public = "enfants", numerator = 9 },
    { indicator = "taux", period = 2023, territory = "a2", public = "enfants", denominator = 9 },
    { indicator = "taux", period = 2023, territory = "a2", public = "enfants", numerator = 2, denominator = 4 },
    { indicator = "taux", period = 2023, territory = "a1", public = "enfants", numerator = 1 },
    { indicator = "taux", period = 2023, territory = "a1", public = "enfants", denominator = 4 },
  }
  t.eq({ ev:value("taux", { period = 2023, territory = "a2" }).numerator,
         ev:value("taux", { period = 2023, territory = "a2" }).denominator }, { 2, 4 })
  local a = ev:value("taux", { period = 2023, territory = "a" })
  t.eq({ a.numerator, a.denominator }, { 3, 8 })
end)

t.test("a numerator alone is n.d. « dénominateur manquant » for its territory", function()
  local ev = ev_of { { indicator = "taux", period = 2023, territory = "b", public = "enfants", numerator = 4 } }
  local b = ev:value("taux", { period = 2023, territory = "b" })
  t.eq({ b.value, b.reason }, { nil, "donnée manquante (dénominateur manquant)" })
end)

t.test("a denominator alone: the roll-up is partial and names the member, with the reason", function()
  local ev = ev_of {
    { indicator = "taux", period = 2023, territory = "a1", public = "enfants", numerator = 4, denominator = 8 },
    { indicator = "taux", period = 2023, territory = "a2", public = "enfants", denominator = 6 },
  }
  local a = ev:value("taux", { period = 2023, territory = "a" })
  t.eq({ a.value, a.partial, a.members, a.with_data }, { 50, true, 2, 1 })
  t.eq(a.missing[1].territory, "a2")
  t.eq(a.missing[1].reason, "donnée manquante (numérateur manquant)")
end)

t.test("the kernel's cells: parts paired into one cell, a plan without parts asks one probe of a partial index", function()
  local _, d = ev_of {
    { indicator = "taux", period = 2023, territory = "b", public = "enfants", numerator = 1 },
    { indicator = "taux", period = 2023, territory = "b", public = "enfants", denominator = 2 },
  }
  local cells = require("ctg.model").cells(d.store, d:plan().id, { indicator = "taux", by_dims = true })
  t.eq(#cells, 1)
  t.eq({ cells[1].territory, cells[1].dims, cells[1].numerator, cells[1].denominator, cells[1].missing },
       { "b", "public=enfants", 1, 2, 0 })
  local plan = d.store:query("EXPLAIN QUERY PLAN SELECT 1 FROM main.obs_revision WHERE plan = 1 AND record >= 5 LIMIT 1")
  t.ok(plan[1].detail:find("obs_revision_part", 1, true), plan[1].detail)
end)
