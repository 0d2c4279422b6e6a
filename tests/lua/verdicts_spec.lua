-- The verdicts of the engine (issue 23) on a plan of another shape than the fixtures': an
-- intercommunality of six communes and a QPV group (tests/fixtures/verdicts/plan.lua). Each
-- status computed by hand from the rule of `ctg help eval`, whose worked example is this data.
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/tests/fixtures/verdicts/plan.lua"
local eval = require("ctg.eval")

local function rate(territory, period, n, d)
  return { indicator = "couverture", period = period, territory = territory, numerator = n, denominator = d }
end
local ROWS = {
  rate("a", 2022, 768, 1000), rate("a", 2023, 789, 1000), rate("a", 2025, 790, 1000),
  rate("b", 2022, 667, 1000), rate("b", 2023, 615, 1000), rate("b", 2025, 550, 1000),
  rate("c", 2022, 50, 100), rate("c", 2023, 54, 100), rate("c", 2025, 56, 100),
  rate("d", 2022, 50, 100), rate("d", 2023, 52, 100),
  rate("e", 2023, 57, 100),
  { indicator = "couverture", period = 2023, territory = "f", missing = "non communiqué" },
  { indicator = "attente", period = 2022, territory = "a", value = 40 },
  { indicator = "attente", period = 2023, territory = "a", value = 45 },
  { indicator = "attente", period = 2022, territory = "b", value = 40 },
  { indicator = "attente", period = 2023, territory = "b", value = 25 },
  { indicator = "places", period = 2022, territory = "vallee", value = 0 },
  { indicator = "places", period = 2023, territory = "vallee", value = 12 },
  { indicator = "places", period = 2024, territory = "vallee", value = 10 },
  { indicator = "places_an", period = 2022, territory = "vallee", value = 0 },
  { indicator = "places_an", period = 2023, territory = "vallee", value = 12 },
  { indicator = "places_an", period = 2024, territory = "vallee", value = 10 },
  { indicator = "participants", period = 2023, territory = "vallee", value = 100 },
  { indicator = "places", period = 2022, territory = "b", value = 3 },
  { indicator = "places", period = 2024, territory = "b", value = 5 },
}
for i, c in ipairs({ "a", "b", "c", "d", "e", "f" }) do
  ROWS[#ROWS + 1] = { indicator = "participants", period = 2023, territory = c, value = 10 + i }
  if c ~= "f" then ROWS[#ROWS + 1] = { indicator = "participants", period = 2022, territory = c, value = 5 } end
end

local function ev_of(period)
  local d = ctg.open(t.tmpdir() .. "/v.db", { create = true })
  if not d:query("SELECT 1 FROM obs_revision LIMIT 1")[1] then
    d:store_plan(ctg.load(PLAN), {})
    d:transaction(function() for _, r in ipairs(ROWS) do d:put(r) end end)
  end
  return eval.new(d:plan(), d, { period = period, as_of = period .. "-12-31" })
end

local function near(a, b) return type(a) == "number" and math.abs(a - b) < 1e-9 end

t.test("a commune at or above its target is achieved whatever its baseline", function()
  local ev = ev_of(2023)
  local a = ev:value("couverture", { territory = "a" })
  t.eq(a.status, "achieved"); t.eq(a.status_rule, "met"); t.eq(a.target, 58); t.eq(a.target_period, "2024")
  t.eq(a.target_kind, "yearly"); t.ok(near(a.baseline_value, 76.8)); t.eq(a.baseline_period, "2022")
  t.eq(a.progress, nil) -- the baseline already met the target: no way to measure
  -- fell from 66,7 to 61,5: still above 58, achieved (not "on track")
  t.eq(ev:value("couverture", { territory = "b" }).status, "achieved")
end)

t.test("on track and behind by the straight path from the territory's own baseline", function()
  local ev = ev_of(2023)
  local c = ev:value("couverture", { territory = "c" })
  t.eq(c.status, "on track"); t.eq(c.status_rule, "straight_path")
  t.ok(near(c.progress, 0.5)); t.ok(near(c.expected_progress, 0.5))
  local d = ev:value("couverture", { territory = "d" })
  t.eq(d.status, "behind"); t.ok(near(d.progress, 0.25))
  -- the QPV group: (54 + 52) / 200 from (50 + 50) / 200
  local q = ev:value("couverture", { territory = "qpv" })
  t.ok(near(q.value, 53)); t.ok(near(q.baseline_value, 50)); t.eq(q.status, "behind"); t.eq(q.partial, false)
end)

t.test("no baseline: achieved or not achieved against the target alone", function()
  local ev = ev_of(2023)
  local e = ev:value("couverture", { territory = "e" })
  t.eq(e.status, "not achieved"); t.eq(e.status_rule, "no_baseline"); t.eq(e.baseline_value, nil)
end)

t.test("lower is better: the direction is the indicator's; moving away is receding", function()
  local ev = ev_of(2023)
  local a = ev:value("attente", { territory = "a" })
  t.eq(a.status, "receding"); t.eq(a.status_rule, "moved_away"); t.eq(a.baseline_value, 40)
  t.eq(ev:value("attente", { territory = "b" }).status, "achieved")
  -- below the baseline, a target above it is met at once: 25 <= 30
  -- a rate that fell below its target from above: receding (66,7 -> 55,0 against 58)
  t.eq(ev_of(2025):value("couverture", { territory = "b" }).status, "receding")
end)

t.test("after its due year the last target applies: behind until met", function()
  local ev = ev_of(2025)
  local c = ev:value("couverture", { territory = "c" })
  t.eq(c.target_period, "2024"); t.eq(c.status, "behind"); t.eq(c.status_rule, "due_passed")
  t.eq(c.expected_progress, 1)
  t.eq(ev:value("couverture", { territory = "a" }).status, "achieved")
end)

t.test("a cumulative target counts the running total since the plan's first year; a yearly one the year", function()
  local ev = ev_of(2024)
  local cum = ev:value("places", { territory = "vallee" })
  t.eq(cum.value, 10); t.eq(cum.cumulative_value, 22); t.eq(cum.target_kind, "cumulative")
  t.eq(cum.status, "achieved"); t.eq(cum.baseline_value, 0); t.eq(cum.baseline_period, "2021")
  local year = ev:value("places_an", { territory = "vallee" })
  t.eq(year.cumulative_value, nil); t.eq(year.target_kind, "yearly"); t.eq(year.status, "behind")
  local before = ev_of(2023):value("places", { territory = "vallee" })
  t.eq(before.cumulative_value, 12); t.eq(before.status, "behind")
  t.ok(near(before.progress, 0.6)); t.ok(near(before.expected_progress, 2 / 3))
end)

t.test("a running total with a year without data counts what it has and says what it lacks", function()
  -- the EPCI's own places: 3 in 2022, none known for 2023, 5 in 2024
  local d = ctg.open(t.tmpdir() .. "/gaps.db", { create = true })
  d:store_plan(ctg.load(PLAN), {})
  d:transaction(function()
    d:put({ indicator = "places", period = 2022, territory = "vallee", value = 3 })
    d:put({ indicator = "places", period = 2024, territory = "vallee", value = 5 })
  end)
  local ev = eval.new(d:plan(), d, { period = 2024, as_of = "2024-12-31" })
  local r = ev:value("places", { territory = "vallee" })
  t.eq(r.cumulative_value, 8); t.eq(r.cumulative_gaps, 1); t.eq(r.status, "behind")
  t.ok(require("ctg.present").verdict(r, ev.plan:indicator("places")):find("total fait sans une année qui n'a pas de donnée", 1, true))
end)

t.test("a count's target is the plan territory's total, not each member's; a rate's holds for each", function()
  local ev = ev_of(2024)
  local vallee, b = ev:value("places", { territory = "vallee" }), ev:value("places", { territory = "b" })
  t.eq(vallee.target, 20); t.eq(vallee.target_kind, "cumulative")
  t.eq(b.value, 5); t.eq(b.target, nil); t.eq(b.status, nil)
  t.eq(ev:value("places", { territory = "qpv" }).target, nil)
  t.eq(ev:value("couverture", { territory = "b" }).target, 58)
end)

t.test("a target shows when its value is not available", function()
  local ev = ev_of(2022)
  local e = ev:value("couverture", { territory = "e" })
  t.eq(e.value, nil); t.eq(e.status, "not available"); t.eq(e.target, 58); t.eq(e.target_period, "2024")
  t.eq(e.status_rule, "no_value"); t.eq(e.target_kind, "yearly")
end)

t.test("the EPCI with one commune missing is partial and says which, with the reason", function()
  local ev = ev_of(2023)
  local r = ev:value("couverture", { territory = "vallee" })
  t.ok(near(r.value, (789 + 615 + 54 + 52 + 57) / 2300 * 100)); t.eq(r.partial, true)
  t.eq({ r.members, r.with_data }, { 6, 5 })
  t.eq(r.missing, { { territory = "f", title = "Fontfreyde", reason_code = "missing",
                      reason = "donnée manquante (non communiqué)" } })
  t.eq(require("ctg.present").partial(r), "5 sur 6 territoires ; manque Fontfreyde : donnée manquante (non communiqué)")
end)

t.test("rollup = complete: n.d. when a member lacks figures; a published parent figure beside the complete roll-up", function()
  local r22 = ev_of(2022):value("participants", { territory = "vallee" })
  t.eq(r22.value, nil); t.eq(r22.reason_code, "incomplete_rollup"); t.eq({ r22.members, r22.with_data }, { 6, 5 })
  local ev = ev_of(2023)
  local r = ev:value("participants", { territory = "vallee" })
  t.eq(r.value, 11 + 12 + 13 + 14 + 15 + 16); t.eq(r.partial, false); t.eq(r.published_value, 100)
  t.eq(r.published_source, "db:put")
  local gap
  for _, f in ipairs(ev:findings()) do if f.type == "published" then gap = f end end
  t.ok(gap, "a finding for a gap of more than a tenth")
  t.ok(gap.message:find("la somme de ses 6 membres donne 81", 1, true), gap.message)
  t.ok(gap.message:find("(db:put) 100", 1, true), gap.message)
end)
