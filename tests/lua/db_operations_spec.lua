-- The named operations of ctg.db that replaced SQL written elsewhere (issue 27 point 2):
-- versions (ctg.db.versions), an import's rows (ctg.db.observations, ctg.db.revisions), the
-- write transaction, the probe of a project's base. On a plan of their own (a département
-- and two cantons, 2022-2026) and an avenant-like second version.
local t = ...

local PLAN = [[
plan "dept-ops" { title = "Plan départemental", period = {2022, 2026}, signed = "2022-05-02" }
territory("dep", "Département") { level = "departement" }
territory("nord", "Canton nord") { parent = "dep", level = "canton" }
territory("sud", "Canton sud") { parent = "dep", level = "canton" }
axis(1, "Axe") { action(1, "Action") }
sheet { actions = {1},
  indicator "familles" { label = "Familles suivies", kind = "count" },
  indicator "taux_acces" { label = "Taux d'accès", kind = "ratio", scale = 100, numerator = "a", denominator = "b" } }
]]

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

-- A database with two versions of the plan (the second drops taux_acces, from 2024) and
-- a few observations: returns it, its folder and the plan path.
local function fresh()
  local dir = t.tmpdir()
  local d = ctg.open(dir .. "/o.db", { create = true })
  write(dir .. "/plan.lua", PLAN)
  d:store_plan(ctg.load(dir .. "/plan.lua"), { file = dir .. "/plan.lua" })
  d:put { plan = "dept-ops", indicator = "familles", period = 2022, territory = "nord", value = 40 }
  d:put { plan = "dept-ops", indicator = "familles", period = 2022, territory = "sud", value = 25 }
  d:put { plan = "dept-ops", indicator = "taux_acces", period = 2022, territory = "nord", numerator = 3, denominator = 8 }
  d:put { plan = "dept-ops", indicator = "familles", period = 2022, territory = "nord", value = 41 } -- a correction
  write(dir .. "/v2.lua", (PLAN:gsub(",\n  indicator \"taux_acces\".-}\n", "}\n"):gsub('signed = "2022%-05%-02"',
    'signed = "2022-05-02", effective = "2024-01-01"')))
  d:store_plan(ctg.load(dir .. "/v2.lua"), { file = dir .. "/v2.lua" })
  return d, dir
end

t.test("the versions of a plan: count, numbers, dates, contents, the one with a content", function()
  local d = fresh()
  t.eq(d:version_count("dept-ops"), 2)
  t.eq(d:version_count("absent"), 0)
  t.eq(d:version_numbers("dept-ops"), { 1, 2 })
  t.eq(d:version_numbers("absent"), {})
  local dates = d:version_dates("dept-ops")
  t.eq({ dates[1].version, dates[1].effective, dates[2].version, dates[2].effective },
    { 1, "2022-05-02", 2, "2024-01-01" })
  local contents = d:version_contents("dept-ops")
  t.ok(contents[1].content:find("taux_acces", 1, true), "version 1 declares taux_acces")
  t.ok(not contents[2].content:find("taux_acces", 1, true), "version 2 dropped it")
  t.eq(d:version_with_content("dept-ops", contents[2].content), contents[2].id)
  t.eq(d:version_with_content("dept-ops", "plan: autre"), nil)
  d:close()
end)

t.test("an indicator's stored rows: counts of the current ones, presence in the history", function()
  local d = fresh()
  t.eq(d:indicator_counts("dept-ops"), { { subject = "familles", n = 2 }, { subject = "taux_acces", n = 1 } })
  t.eq(d:indicator_counts("absent"), {})
  t.eq(d:has_indicator_rows("dept-ops", "taux_acces"), true)
  t.eq(d:has_indicator_rows("dept-ops", "places"), false)
  t.eq(d:has_indicator_rows("autre-plan", "familles"), false)
  d:close()
end)

t.test("an import's preview and counts read its own rows only", function()
  local d = fresh()
  local mark = d:last_revision_id()
  t.eq(mark, 4)
  local import_id = d:transaction(function()
    local v = d:plan_version("dept-ops", { version = 2 })
    local id = d:begin_import(v.id, "saisie.csv", "saisie", nil)
    d:put_row(v.plan_id, { record = "value", subject = "familles", period = "2023", territory = "sud", value = 30 }, id, 2)
    d:put_row(v.plan_id, { record = "value", subject = "familles", period = "2023", territory = "nord", value = 44 }, id, 3)
    d:finish_import(id, 2)
    return id
  end)
  local first = d:import_preview(import_id, 1)
  t.eq({ #first, first[1].territory, first[1].value, first[1].line }, { 1, "sud", 30.0, 2 })
  t.eq(d:import_counts(import_id), { { subject = "familles", n = 2 } })
  t.eq(d:last_revision_id(), mark + 2)
  local import, line = d:revision_place(mark + 2)
  t.eq({ import, line }, { import_id, 3 })
  t.eq(d:revision_source(mark + 2), "saisie")
  t.eq(d:revision_text(mark + 2).period, "2023")
  t.eq(d:revision_state(mark + 2), { record = 1 })
  t.eq(d:revision_state(9999), nil)
  local plan = d:plan_key("dept-ops")
  t.eq(d:plan_key("absent"), nil)
  local touched = d:touched_after(mark, plan)
  t.eq(#touched, 1)
  t.eq(d:period_name(touched[1].period), "2023")
  t.eq(d:subject_name(touched[1].subject), "familles")
  local keys = d:territory_keys({ "sud", "inconnu" })
  t.eq({ #keys, keys[1].code }, { 1, "sud" })
  t.eq(d:territory_keys({}), {})
  local figures = {}
  for r in d:each_current_figure(plan, { keys[1].id }) do figures[#figures + 1] = r.id end
  t.eq(#figures, 2) -- sud 2022 and 2023
  d:close()
end)

t.test("begin_write, commit and rollback: all or nothing, and a rollback without a transaction is no error", function()
  local d = fresh()
  local before = d:last_revision_id()
  d:begin_write()
  local v = d:plan_version("dept-ops")
  local id = d:begin_import(v.id, "x.csv", nil, nil)
  d:put_row(v.plan_id, { record = "value", subject = "familles", period = "2025", territory = "nord", value = 1 }, id, 1)
  d:rollback()
  t.eq(d:last_revision_id(), before)
  d:rollback() -- nothing open: nothing raised
  d:begin_write()
  id = d:begin_import(v.id, "x.csv", nil, nil)
  d:put_row(v.plan_id, { record = "value", subject = "familles", period = "2025", territory = "nord", value = 1 }, id, 1)
  d:commit()
  t.eq(d:last_revision_id(), before + 1)
  t.raises(function() d:commit() end, "no transaction")
  d:close()
end)

t.test("holds_ctg_tables tells a ctg base from another SQLite file and from a missing one", function()
  local d, dir = fresh()
  d:close()
  local db = require("ctg.db")
  t.eq(db.holds_ctg_tables(dir .. "/o.db"), true)
  t.eq(db.holds_ctg_tables(dir .. "/absent.db"), false)
  write(dir .. "/texte.db", "pas une base")
  t.eq(db.holds_ctg_tables(dir .. "/texte.db"), false)
end)
