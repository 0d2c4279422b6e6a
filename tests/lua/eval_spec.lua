-- The evaluation engine and the rules, on small data whose results are computed by hand.
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/tests/fixtures/plans/eval.lua"
local eval = require("ctg.eval")

-- A database with the eval plan and the given rows (db:put rows).
local function with(rows_list)
  local d = ctg.open(t.tmpdir() .. "/e.db", { create = true })
  local p = ctg.load(PLAN)
  d:store_plan(p, {})
  d:transaction(function()
    for _, r in ipairs(rows_list) do d:put(r) end
  end)
  return d, d:plan()
end

local function ev_of(rows_list, opts)
  local d, p = with(rows_list)
  opts = opts or {}
  opts.as_of = opts.as_of or "2024-12-31"
  return eval.new(p, d, opts), d
end

local function near(a, b) return type(a) == "number" and math.abs(a - b) < 1e-9 end

t.test("ratio: Σnumerator / Σdenominator across territories, never the mean of rates", function()
  local ev = ev_of {
    { indicator = "taux", period = 2023, territory = "t1", numerator = 1, denominator = 1 },
    { indicator = "taux", period = 2023, territory = "t2", numerator = 0, denominator = 99 },
  }
  local r = ev:value("taux", { period = 2023 })
  t.ok(near(r.value, 1), "1/100 × 100 = 1 %, got " .. tostring(r.value))
  t.eq({ r.numerator, r.denominator }, { 1, 100 })
  t.ok(near(ev:value("taux", { period = 2023, territory = "t1" }).value, 100))
end)

t.test("ratio: the same trap across dimension values", function()
  local ev = ev_of {
    { indicator = "taux", period = 2023, territory = "t2", step = "1-A", numerator = 1, denominator = 1 },
    { indicator = "taux", period = 2023, territory = "t2", step = "1-B", numerator = 0, denominator = 99 },
  }
  t.ok(near(ev:value("taux", { period = 2023, territory = "t2" }).value, 1))
  local by = ev:breakdown("taux", "step", { period = 2023, territory = "t2" })
  t.eq(#by, 2)
  t.ok(near(by[1].value, 100)); t.ok(near(by[2].value, 0))
  t.eq(by[1].dimensions, { step = "1-A" })
end)

t.test("a zero denominator is not available, never inf or NaN", function()
  local ev = ev_of { { indicator = "taux", period = 2023, territory = "t1", numerator = 0, denominator = 0 } }
  local r = ev:value("taux", { period = 2023, territory = "t1" })
  t.eq(r.value, nil)
  t.eq(r.status, "not available")
  t.eq(r.reason, "dénominateur nul")
end)

t.test("over time: a flow sums its months, a stock keeps the last", function()
  local ev = ev_of {
    { indicator = "flux", period = "2023-01", territory = "t1", value = 10 },
    { indicator = "flux", period = "2023-02", territory = "t1", value = 20 },
    { indicator = "stock", period = "2023-01", territory = "t1", value = 100 },
    { indicator = "stock", period = "2023-02", territory = "t1", value = 120 },
  }
  t.eq(ev:value("flux", { period = 2023, territory = "t1" }).value, 30)
  t.eq(ev:value("stock", { period = 2023, territory = "t1" }).value, 120)
  -- rolled up to the city: last per territory, then summed
  t.eq(ev:value("stock", { period = 2023 }).value, 120)
end)

t.test("a yearly figure takes precedence over monthly ones", function()
  local ev = ev_of {
    { indicator = "flux", period = 2023, territory = "t1", value = 7 },
    { indicator = "flux", period = "2023-01", territory = "t1", value = 10 },
  }
  t.eq(ev:value("flux", { period = 2023, territory = "t1" }).value, 7)
end)

t.test("roll-up: a territory without its own figure sums its sub-territories", function()
  local ev = ev_of {
    { indicator = "flux", period = 2023, territory = "q1", value = 3 },
    { indicator = "flux", period = 2023, territory = "q2", value = 4 },
    { indicator = "flux", period = 2023, territory = "t2", value = 10 },
  }
  t.eq(ev:value("flux", { period = 2023, territory = "t1" }).value, 7)
  t.eq(ev:value("flux", { period = 2023 }).value, 17)
end)

t.test("evolution against a baseline before the plan; missing baseline is not available", function()
  local ev = ev_of {
    { indicator = "capacite", period = 2020, territory = "t1", value = 80 },
    { indicator = "capacite", period = 2023, territory = "t1", value = 90 },
    { indicator = "capacite", period = 2023, territory = "t2", value = 50 },
  }
  local r = ev:value("capacite", { period = 2023, territory = "t1" })
  t.ok(near(r.value, 1.125)); t.ok(near(r.change, 0.125))
  t.eq(require("ctg.fmt").change(r.change), "+12,5\u{202F}%")
  local m = ev:value("capacite", { period = 2023, territory = "t2" })
  t.eq(m.value, nil)
  t.eq(m.reason, "valeur de référence manquante (2020)")
end)

t.test("score: mean score and share of satisfied answers", function()
  local ev = ev_of {
    { indicator = "satisfaction", period = 2023, territory = "t1", value = 4, numerator = 30, denominator = 40 },
    { indicator = "satisfaction", period = 2023, territory = "t2", value = 3, numerator = 10, denominator = 40 },
  }
  local r = ev:value("satisfaction", { period = 2023 })
  t.ok(near(r.value, 3.5)); t.ok(near(r.share, 0.5))
end)

t.test("qualitative: the latest text, with its source", function()
  local d, p = with { { indicator = "bilan", period = 2023, text = "Première appréciation", source = "Comité 1" } }
  d:put { indicator = "bilan", period = 2023, text = "Appréciation révisée", source = "Comité 2" }
  local r = eval.new(p, d, { as_of = "2024-01-01" }):value("bilan", { period = 2023 })
  t.eq(r.text, "Appréciation révisée")
  t.eq(r.text_source, "Comité 2")
end)

t.test("missing data keeps its reason; no data and a period not started are said so", function()
  local ev = ev_of({ { indicator = "flux", period = 2023, territory = "t1", missing = "enquête non réalisée" } }, { as_of = "2024-03-01" })
  t.eq(ev:value("flux", { period = 2023, territory = "t1" }).reason, "donnée manquante (enquête non réalisée)")
  t.eq(ev:value("flux", { period = 2022, territory = "t1" }).reason, "aucune donnée")
  t.eq(ev:value("flux", { period = 2025, territory = "t1" }).reason, "période non commencée")
end)

t.test("a descending target below the baseline: on track, behind, achieved", function()
  local function status(v2023)
    local ev = ev_of {
      { indicator = "gaspillage", period = 2020, value = 100 },
      { indicator = "gaspillage", period = 2023, value = v2023 },
    }
    local r = ev:value("gaspillage", { period = 2023 })
    return r.status, r.progress
  end
  local s, progress = status(70)           -- (70-100)/(50-100) = 0.6; expected (2023-2020)/(2025-2020) = 0.6
  t.eq(s, "on track"); t.ok(near(progress, 0.6))
  t.eq((status(80)), "behind")             -- 0.4 < 0.6
  t.eq((status(45)), "achieved")           -- below the target
end)

t.test("an ascending target: behind, then achieved", function()
  local ev = ev_of {
    { indicator = "inscrits", period = 2020, value = 10 },
    { indicator = "inscrits", period = 2023, value = 12 },
  }
  local r = ev:value("inscrits", { period = 2023 })
  t.eq(r.status, "behind"); t.ok(near(r.progress, 0.2)); t.eq(r.target, 20)
  local ev2 = ev_of { { indicator = "inscrits", period = 2020, value = 10 }, { indicator = "inscrits", period = 2023, value = 21 } }
  t.eq(ev2:value("inscrits", { period = 2023 }).status, "achieved")
end)

t.test("series from the baseline year to the evaluation period", function()
  local ev = ev_of({ { indicator = "flux", period = 2020, value = 1 }, { indicator = "flux", period = 2022, value = 3 } }, { period = 2023 })
  local s = ev:series("flux")
  local got = {}
  for i, r in ipairs(s) do got[i] = r.period .. "=" .. tostring(r.value) end
  t.eq(got, { "2020=1", "2021=nil", "2022=3", "2023=nil" })
end)

-- Findings of the given type and rule name.
local function findings_of(ev, type_)
  local out = {}
  for _, f in ipairs(ev:findings()) do if f.type == type_ then out[#out + 1] = f end end
  return out
end

t.test("threshold fires when the expectation does not hold, with evidence", function()
  local ev = ev_of({ { indicator = "taux", period = 2023, numerator = 5, denominator = 100 },
                     { indicator = "flux", period = 2023, value = 10 } }, { period = 2023 })
  local f = findings_of(ev, "threshold")
  t.eq(#f, 1)
  t.eq(f[1].rule, "taux au moins 10")
  t.eq(f[1].severity, "critical")
  t.eq(f[1].evidence[1].value, 5.0)
  t.ok(f[1].file:find("eval.lua", 1, true) and f[1].line > 0, "located at the rule")
  local ok_ev = ev_of({ { indicator = "taux", period = 2023, numerator = 50, denominator = 100 },
                        { indicator = "flux", period = 2023, value = 10 } }, { period = 2023 })
  t.eq(#findings_of(ok_ev, "threshold"), 0)
end)

t.test("trend fires on a fall over the last periods, not on a rise", function()
  local ev = ev_of({ { indicator = "stock", period = 2021, value = 10 }, { indicator = "stock", period = 2022, value = 12 },
                     { indicator = "stock", period = 2023, value = 11 },
                     { indicator = "flux", period = 2022, value = 1 }, { indicator = "flux", period = 2023, value = 2 } }, { period = 2023 })
  local f = findings_of(ev, "trend")
  t.eq(#f, 1)
  t.eq(f[1].rule, "stock en hausse")
  t.eq(#f[1].evidence, 3)
end)

t.test("completeness lists what is missing", function()
  local ev = ev_of({ { indicator = "stock", period = 2022, territory = "t2", value = 1 },
                     { indicator = "stock", period = 2023, territory = "t2", value = 1 },
                     { indicator = "stock", period = 2022, territory = "q1", value = 1 } }, { period = 2023 })
  local f = findings_of(ev, "completeness")
  t.eq(#f, 1)
  local missing = {}
  for _, m in ipairs(f[1].evidence) do missing[#missing + 1] = m.period .. "/" .. m.territory end
  t.eq(missing, { "2022/q2", "2023/q1", "2023/q2" })
end)

t.test("a custom rule fires; a custom rule that raises is reported at its line and the rest still run", function()
  local ev = ev_of({ { indicator = "flux", period = 2023, value = 42 } }, { period = 2023 })
  local all = ev:findings()
  local custom, failed = {}, {}
  for _, f in ipairs(all) do
    if f.rule == "règle sur mesure" then custom[#custom + 1] = f end
    if f.severity == "error" then failed[#failed + 1] = f end
  end
  t.eq(#custom, 1); t.eq(custom[1].message, "flux élevé : 42")
  t.eq(#failed, 1)
  t.eq(failed[1].rule, "règle qui échoue")
  t.ok(failed[1].message:find("eval.lua:%d+: attempt to index a nil value"), failed[1].message)
  t.ok(#findings_of(ev, "governance") > 0, "the other rules still ran")
end)

t.test("governance: fewer meetings than planned fires; enough does not", function()
  local ev = ev_of({ { committee = "copil", date = "2021-03-01" }, { committee = "copil", date = "2021-10-01" },
                     { committee = "copil", date = "2022-05-01" } }, { period = 2022 })
  local f = findings_of(ev, "governance")
  t.eq(#f, 1)
  t.eq(f[1].evidence[1].period, "2022")
  t.eq(f[1].message, "Comité de pilotage : 1 réunion en 2022 pour 2 prévues (1er mai 2022)")
end)

t.test("funding floor: below is critical, at the floor is fine", function()
  local ev = ev_of({ { funder = "caf", year = 2021, amount = 1000 }, { funder = "caf", year = 2022, amount = 600 },
                     { funder = "caf", year = 2022, amount = 300, action = 1 } }, { period = 2022 })
  local f = findings_of(ev, "funding")
  t.eq(#f, 1)
  t.eq(f[1].severity, "critical")
  t.eq(f[1].evidence[1].amount, 900.0)
  t.eq(f[1].message, "CAF : 900\u{202F}€ reçus en 2022, sous le plancher garanti de 1\u{202F}000\u{202F}€ (écart 100\u{202F}€)")
end)

t.test("calendar slippage: a planned step not started fires; a started one does not", function()
  local ev = ev_of({ { step = "1-B", period = 2022, status = "started" } }, { period = 2023 })
  local f = findings_of(ev, "slippage")
  local steps = {}
  for _, x in ipairs(f) do if x.evidence[1] then steps[#steps + 1] = x.evidence[1].step end end
  t.eq(steps, { "1-A" })
  t.eq(f[#f].severity, "info") -- the step without calendar is said to be unknown
end)
