-- The evaluation engine (host/core/engine.c, its binding host/lua/engine.c) on what the example data does not reach: three
-- levels of roll-up, groups, time = max and mean, published rates, weighted scores,
-- missing territories, and sources read only when asked. Values computed by hand.
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/tests/fixtures/plans/rollup.lua"
local eval = require("ctg.eval")

local function ev_of(rows_list)
  local d = ctg.open(t.tmpdir() .. "/r.db", { create = true })
  d:store_plan(ctg.load(PLAN), {})
  d:transaction(function()
    for _, r in ipairs(rows_list) do d:put(r) end
  end)
  return eval.new(d:plan(), d, { as_of = "2024-12-31" }), d
end

local function near(a, b) return type(a) == "number" and math.abs(a - b) < 1e-9 end

t.test("three levels and a group: each sums its members, in plan order", function()
  local ev = ev_of {
    { indicator = "flux", period = 2023, territory = "a1", value = 1 },
    { indicator = "flux", period = 2023, territory = "a2", value = 2 },
    { indicator = "flux", period = 2023, territory = "b", value = 4 },
  }
  t.eq(ev:value("flux", { period = 2023, territory = "a" }).value, 3)
  t.eq(ev:value("flux", { period = 2023, territory = "ville" }).value, 7)
  t.eq(ev:value("flux", { period = 2023, territory = "qpv" }).value, 5)
  t.eq(math.type(ev:value("flux", { period = 2023 }).value), "integer")
end)

t.test("missing territories: the members of a roll-up without any data", function()
  local ev = ev_of { { indicator = "flux", period = 2023, territory = "a1", value = 1 } }
  t.eq(ev:value("flux", { period = 2023, territory = "a" }).missing_territories, { "a2" })
  t.eq(ev:value("flux", { period = 2023, territory = "ville" }).missing_territories, { "b" })
  t.eq(ev:value("flux", { period = 2023, territory = "a1" }).missing_territories, nil)
end)

t.test("time = max keeps the highest month, time = mean averages the months", function()
  local ev = ev_of {
    { indicator = "pic", period = "2023-01", territory = "a1", value = 5 },
    { indicator = "pic", period = "2023-02", territory = "a1", value = 9 },
    { indicator = "pic", period = "2023-03", territory = "a1", value = 9 },
    { indicator = "pic", period = "2023-04", territory = "a1", value = 2 },
    { indicator = "moyenne", period = "2023-01", territory = "a1", value = 10 },
    { indicator = "moyenne", period = "2023-02", territory = "a1", value = 15 },
    { indicator = "moyenne", period = "2023-01", territory = "a2", value = 4 },
  }
  t.eq(ev:value("pic", { period = 2023, territory = "a1" }).value, 9)
  local m = ev:value("moyenne", { period = 2023, territory = "a1" })
  t.eq(m.value, 12.5)
  -- a mean is a float even when it falls on an integer; summed up with a2's single month
  t.eq(math.type(ev:value("moyenne", { period = 2023, territory = "a" }).value), "float")
  t.ok(near(ev:value("moyenne", { period = 2023, territory = "a" }).value, 16.5))
end)

t.test("sources: the cells a value reads, listed only when asked", function()
  local ev = ev_of {
    { indicator = "pic", period = "2023-01", territory = "a1", value = 5 },
    { indicator = "pic", period = "2023-02", territory = "a1", value = 9 },
    { indicator = "flux", period = "2023-01", territory = "a1", value = 1 },
    { indicator = "flux", period = "2023-02", territory = "a1", value = 1 },
    { indicator = "flux", period = 2023, territory = "b", value = 4 },
  }
  local r = ev:value("flux", { period = 2023 })
  t.eq(rawget(r, "sources"), nil)
  t.eq(r.sources, { { territory = "a1", period = "2023-01" }, { territory = "a1", period = "2023-02" },
                    { territory = "b", period = "2023" } })
  t.eq(ev:value("pic", { period = 2023, territory = "a1" }).sources, { { territory = "a1", period = "2023-02" } })
end)

t.test("a published rate: shown at its place, left out of the roll-up above it, which says it is partial", function()
  local ev = ev_of {
    { indicator = "taux", period = 2023, territory = "a1", value = 40 },
    { indicator = "taux", period = 2023, territory = "a2", numerator = 1, denominator = 4 },
  }
  local own = ev:value("taux", { period = 2023, territory = "a1" })
  t.eq(own.value, 40); t.eq(own.published, true); t.eq(own.note, "taux publié, sans numérateur ni dénominateur")
  local sector = ev:value("taux", { period = 2023, territory = "a" })
  t.ok(near(sector.value, 25)); t.eq({ sector.numerator, sector.denominator }, { 1, 4 })
  t.eq(sector.partial, true); t.eq({ sector.members, sector.with_data }, { 2, 1 })
  t.eq(sector.missing, { { territory = "a1", title = "Quartier A1", reason_code = "published_only",
                           reason = "taux publié seul, sans numérateur ni dénominateur" } })
  -- the city: sector a (partial, with figures) and b (nothing)
  local up = ev:value("taux", { period = 2023, territory = "ville" })
  t.ok(near(up.value, 25)); t.eq({ up.members, up.with_data }, { 2, 1 })
  t.eq(up.missing[1].territory, "b"); t.eq(up.missing[1].reason, "aucune donnée")
  -- nothing but a published rate below: not aggregable, and it says for which place
  local only = ev_of { { indicator = "taux", period = 2023, territory = "a1", value = 40 } }
  local r = only:value("taux", { period = 2023, territory = "a" })
  t.eq(r.value, nil); t.eq(r.reason_code, "unaggregable"); t.eq(r.numerator, nil)
  t.eq(r.reason, "non agrégeable : taux publié sans numérateur ni dénominateur pour Quartier A1")
end)

t.test("a score: weighted by its respondents, else the plain mean of means said so", function()
  local ev = ev_of {
    { indicator = "note", period = 2023, territory = "a1", value = 4, respondents = 30 },
    { indicator = "note", period = 2023, territory = "a2", value = 2, respondents = 10 },
    { indicator = "note", period = 2022, territory = "a1", value = 4 },
    { indicator = "note", period = 2022, territory = "a2", value = 3, respondents = 10 },
  }
  local w = ev:value("note", { period = 2023, territory = "a" })
  t.ok(near(w.value, 3.5)); t.eq(w.respondents, 40); t.eq(w.unweighted, nil)
  local u = ev:value("note", { period = 2022, territory = "a" })
  t.ok(near(u.value, 3.5)); t.eq(u.unweighted, true)
  t.eq(u.note, "moyenne non pondérée de 2 moyennes (nombre de répondants inconnu)")
end)

t.test("a breakdown by a dimension: one value per dimension value, sorted, summed over territories", function()
  local ev = ev_of {
    { indicator = "taux", period = 2023, territory = "a1", public = "parents", numerator = 1, denominator = 2 },
    { indicator = "taux", period = 2023, territory = "a2", public = "parents", numerator = 1, denominator = 2 },
    { indicator = "taux", period = 2023, territory = "b", public = "enfants", numerator = 3, denominator = 4 },
  }
  local by = ev:breakdown("taux", "public", { period = 2023 })
  t.eq(#by, 2)
  t.eq(by[1].dimensions, { public = "enfants" }); t.ok(near(by[1].value, 75))
  t.eq(by[2].dimensions, { public = "parents" }); t.ok(near(by[2].value, 50))
  t.eq({ by[2].numerator, by[2].denominator }, { 2, 4 })
  t.eq(ev:value("taux", { period = 2023, dim = "public", dim_value = "inconnu" }).reason, "aucune donnée")
end)

t.test("a target with no earlier figure: judged on the value alone, atteint or non atteint", function()
  local ev = ev_of { { indicator = "flux", period = 2023, territory = "a1", value = 30 } }
  local r = ev:value("flux", { period = 2023 })
  t.eq(r.target, 100); t.eq(r.target_period, "2025")
  t.eq(r.status, "not achieved"); t.eq(r.status_rule, "no_baseline"); t.eq(r.baseline_value, nil)
  local met = ev_of { { indicator = "flux", period = 2023, territory = "a1", value = 130 } }
  t.eq(met:value("flux", { period = 2023 }).status, "achieved")
end)

t.test("a dimension without a value, or an unknown one: not available, never an error", function()
  local ev = ev_of { { indicator = "taux", period = 2023, territory = "a1", public = "parents", numerator = 1, denominator = 2 } }
  local r = ev:value("taux", { period = 2023, dim = "public" })
  t.eq(r.value, nil); t.eq(r.reason, "aucune donnée"); t.eq(r.dimensions, {})
  t.eq(ev:value("taux", { period = 2023, dim = "inconnue", dim_value = "x" }).reason, "aucune donnée")
  t.eq(ev:breakdown("taux", "inconnue", { period = 2023 }), {})
end)

t.test("a place's own figure beside the complete roll-up of its members; an own row that is only missing gives way", function()
  local ev = ev_of {
    { indicator = "flux", period = 2023, territory = "a", value = 10 },
    { indicator = "flux", period = 2023, territory = "a1", value = 1 },
    { indicator = "flux", period = 2023, territory = "a2", value = 2 },
    { indicator = "flux", period = 2024, territory = "a", missing = "non transmis" },
    { indicator = "flux", period = 2024, territory = "a1", value = 4 },
    { indicator = "flux", period = 2024, territory = "a2", value = 5 },
    { indicator = "flux", period = 2022, territory = "a", value = 7 },
    { indicator = "flux", period = 2022, territory = "a1", value = 4 },
  }
  local r = ev:value("flux", { period = 2023, territory = "a" })
  t.eq(r.value, 3); t.eq(r.published_value, 10); t.eq(r.partial, false); t.eq({ r.members, r.with_data }, { 2, 2 })
  local m = ev:value("flux", { period = 2024, territory = "a" })
  t.eq(m.value, 9); t.eq(m.published_value, nil)
  -- a2 has nothing in 2022: the roll-up would leave it out, the place's own figure is the value
  local own = ev:value("flux", { period = 2022, territory = "a" })
  t.eq(own.value, 7); t.eq(own.published_value, nil); t.eq(own.partial, nil)
end)

-- The engine's core asks ev what it cannot know (the as-of date, a missing row's reason):
-- an error there comes back to the caller as it was raised (the same value, a table with
-- its exit code too), and the engine goes on answering afterwards.
t.test("an error in ev's answers reaches the caller unchanged, the engine still usable", function()
  local ev = ev_of {
    { indicator = "flux", period = 2023, territory = "a1", value = 1 },
    { indicator = "flux", period = 2023, territory = "a2", missing = "fermeture estivale" },
  }
  local raised = { message = "horloge indisponible", exit = 4 }
  ev.after_as_of = function() error(raised, 0) end
  local ok, err = pcall(ev.value, ev, "flux", { period = 2030, territory = "a1" })
  t.eq(ok, false)
  t.eq(rawequal(err, raised), true)
  ev.after_as_of = nil -- the method again
  t.eq(ev:value("flux", { period = 2031, territory = "a1" }).reason_code, "not_started")
  ev.missing_reason = function() error("registre illisible") end
  t.raises(function() ev:value("flux", { period = 2023, territory = "a2" }) end, "registre illisible")
  ev.missing_reason = nil
  local v = ev:value("flux", { period = 2023, territory = "a2" })
  t.eq(v.reason_code, "missing")
  t.eq(v.reason:find("fermeture estivale", 1, true) ~= nil, true)
  t.eq(ev:value("flux", { period = 2023, territory = "a" }).value, 1)
end)

-- ctg eval's CSV, written by the engine row by row: a reason composed while a value is
-- computed (the places of published rates) never leaks into the row being written.
t.test("the CSV rows of a roll-up that is not aggregable: each row whole, its reason in its column", function()
  local only = ev_of { { indicator = "taux", period = 2023, territory = "a1", value = 40 } }
  local path = t.tmpdir() .. "/valeurs.csv"
  local f = assert(io.open(path, "w"))
  only.engine:write_csv(f, { "indicator", "period", "territory", "value", "numerator", "denominator", "target",
    "status", "note" }, { "taux" }, { "2023" }, { "a", "a1", "ville" }, nil, "intl")
  f:close()
  local lines = {}
  for line in io.lines(path) do lines[#lines + 1] = line end
  t.eq(lines, {
    "indicator,period,territory,value,numerator,denominator,target,status,note",
    "taux,2023,a,,,,,non disponible,non agrégeable : taux publié sans numérateur ni dénominateur pour Quartier A1",
    "taux,2023,a1,40,,,,,\"taux publié, sans numérateur ni dénominateur\"",
    "taux,2023,ville,,,,,non disponible,non agrégeable : taux publié sans numérateur ni dénominateur pour Quartier A1",
  })
end)
