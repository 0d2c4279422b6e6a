-- Plan versions by effective date, and the data as known at a date (ctg.db, ctg.timeline).
-- Run: ctg tests/lua/run.lua tests/lua/time_spec.lua
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local MINI = root .. "/tests/fixtures/plans/mini.lua"

local function fresh()
  local d = ctg.open(t.tmpdir() .. "/t.db", { create = true })
  return d, ctg.load(MINI)
end

t.test("the version in force is the latest effective on or before the date, not the last imported", function()
  local d, p = fresh()
  local v1 = d:store_plan(p, { effective = "2021-03-19" })
  p.title = "Plan de test, avenant"
  local v2 = d:store_plan(p, { effective = "2023-07" })
  p.title = "Plan de test, version antidatée"
  local v3 = d:store_plan(p, { effective = "2022" }) -- imported last, effective in between
  t.eq({ v1.version, v2.version, v3.version }, { 1, 2, 3 })
  t.eq(d:plan_version("mini", "2021-12-31").version, 1)
  t.eq(d:plan_version("mini", "2022-01-01").version, 3)
  t.eq(d:plan_version("mini", "2023-06-30").version, 3)
  t.eq(d:plan_version("mini", "2023-07-01").version, 2)
  t.eq(d:plan_version("mini", "2023-07").version, 2, "a month counts from its last day")
  t.eq(d:plan_version("mini").version, 2, "without a date: the version that applies last")
  t.eq(d:plan_version("mini", "2020").version, 1, "before any: the earliest to take effect")
  t.eq(d:plan_version("mini", { version = 3 }).effective, "2022")
  t.raises(function() d:plan_version("mini", "2023-02-30") end, "le 30 février 2023 n'existe pas")
  d:close()
end)

t.test("the same content again is unchanged; the same effective date twice: the later import wins", function()
  local d, p = fresh()
  d:store_plan(p)
  local again, is_new = d:store_plan(p)
  t.eq({ again.version, is_new }, { 1, false })
  p.title = "Autre"
  local v2, new2, clash = d:store_plan(p, { effective = "2021-03-19" })
  t.eq({ v2.version, new2, clash and clash.version }, { 2, true, 1 })
  t.eq(d:plan_version("mini", "2024").version, 2)
  d:close()
end)

t.test("known_at: revisions imported after the day are ignored by every query", function()
  local d = fresh()
  d:store_plan(ctg.load(MINI))
  d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 12 }
  d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 14 }
  -- date the two imports apart
  d.store:exec("UPDATE import SET imported_at = '2024-01-10T09:00:00Z' WHERE id = 1")
  d.store:exec("UPDATE import SET imported_at = '2024-05-02T09:00:00Z' WHERE id = 2")
  t.eq(d:query("SELECT value FROM current_observation")[1].value, 14)
  t.eq(d:known_at("2024-03-15"), 1)
  t.eq(d:query("SELECT value FROM current_observation")[1].value, 12)
  t.eq(#d:history { indicator = "participants" }, 1)
  local cells = require("ctg.model").cells(d.store, "mini")
  t.eq(cells[1].value, 12, "the evaluation kernel reads the same")
  t.eq(d:known_at("2024-05"), 2)
  t.eq(d:query("SELECT value FROM current_observation")[1].value, 14)
  t.eq(d:known_at("2023"), 0)
  t.eq(#d:query("SELECT * FROM observation"), 0)
  t.eq(d:first_import_day(), "2024-01-10")
  d:close()
end)

t.test("evaluation: as-of defaults to the end of the period, stored values shown whatever it is", function()
  local d = fresh()
  local p = ctg.load(MINI)
  d:store_plan(p)
  d:put { indicator = "participants", period = 2024, territory = "nord", step = "1-A", value = 5 }
  local ev = ctg.evaluate(p, d, { period = 2024 })
  t.eq(ev.as_of:iso(), "2024-12-31")
  t.eq(ev:value("participants").value, 5)
  ev = ctg.evaluate(p, d, { period = 2024, as_of = "2022-06" })
  t.eq(ev.as_of:iso(), "2022-06-30")
  t.eq(ev:value("participants").value, 5, "stored: shown even after the as-of date")
  t.eq(ev:value("participants", { period = 2025 }).reason_code, "not_started")
  t.eq(ctg.evaluate(p, d, { period = "2021-2022" }).as_of:iso(), "2022-08-31")
  d:close()
end)

t.test("ctg.evaluate without a plan takes the version in force at the as-of date", function()
  local d, p = fresh()
  d:store_plan(p, { effective = "2021-03-19" })
  p.title = "Avenant"
  d:store_plan(p, { effective = "2023-07-01" })
  t.eq(ctg.evaluate(nil, d, { period = 2022 }).version.version, 1)
  t.eq(ctg.evaluate(nil, d, { period = 2023 }).version.version, 2)
  t.eq(ctg.evaluate(nil, d, { period = 2023, as_of = "2023-06-30" }).version.version, 1)
  d:close()
end)
