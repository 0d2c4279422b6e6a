-- ctg.db.records: the named operations that read committee meetings, funding and the progress
-- of steps (the rules and the stock reports use them instead of SQL), on two plans of their
-- own that share a committee code, a funder code and a step code in one database.
local t = ...

local function plan_text(id, first, last)
  return table.concat({
    'plan "' .. id .. '" { title = "Plan ' .. id .. '", period = {' .. first .. ', ' .. last .. '}, signed = "' .. first .. '-02-01" }',
    'territory("cc", "Communauté") { level = "epci" }',
    'territory("bourg", "Bourg") { parent = "cc", level = "commune" }',
    'committee("cotech", "Comité technique") { meetings_per_year = 2 }',
    'funding("msa", "MSA") { floor_per_year = 20000 }',
    'axis(1, "Axe") { action(1, "Action") { step("A", "Étape A") { years = {' .. first .. '} },',
    '  step("B", "Étape B") { years = {' .. (first + 1) .. '} } } }',
  }, "\n")
end

-- A database holding plans "ccpm" (2024-2028) and "autre" (2019-2023), with their records.
local function fresh()
  local dir = t.tmpdir()
  local d = ctg.open(dir .. "/r.db", { create = true })
  for _, p in ipairs({ { "ccpm", 2024, 2028 }, { "autre", 2019, 2023 } }) do
    local path = dir .. "/" .. p[1] .. ".lua"
    local f = assert(io.open(path, "w"))
    f:write(plan_text(p[1], p[2], p[3]))
    f:close()
    d:store_plan(ctg.load(path), { file = path })
  end
  local function put(row, plan) row.plan = plan; d:put(row) end
  put({ committee = "cotech", date = "2024-03-12" }, "ccpm")
  put({ committee = "cotech", date = "2024-11-05" }, "ccpm")
  put({ committee = "cotech", date = "2025-06-30" }, "ccpm")
  put({ committee = "cotech", date = "2023-01-10" }, "autre")
  put({ funder = "msa", year = 2024, amount = 12000 }, "ccpm")
  put({ funder = "msa", year = 2025, amount = 25000 }, "ccpm")
  put({ funder = "msa", year = 2023, amount = 5000 }, "autre")
  put({ step = "1-B", period = 2025, status = "started" }, "ccpm")
  put({ step = "1-A", period = 2026, status = "done" }, "ccpm")
  put({ step = "1-A", period = 2020, status = "started" }, "autre")
  return d
end

t.test("meetings_held gives the dates of one plan's committee in one year, sorted", function()
  local d = fresh()
  t.eq(d:meetings_held("ccpm", "cotech", 2024), { "2024-03-12", "2024-11-05" })
  t.eq(d:meetings_held("ccpm", "cotech", "2025"), { "2025-06-30" })
  t.eq(d:meetings_held("ccpm", "cotech", 2023), {}) -- 2023 is the other plan's meeting
  t.eq(d:meetings_held("autre", "cotech", 2023), { "2023-01-10" })
  d:close()
end)

t.test("funding_received sums one plan's payments of a year, and says when there is none", function()
  local d = fresh()
  t.eq(d:funding_received("ccpm", "msa", 2024), { total = 12000.0, payments = 1 })
  t.eq(d:funding_received("autre", "msa", 2023), { total = 5000.0, payments = 1 })
  t.eq(d:funding_received("autre", "msa", 2024), { payments = 0 }) -- 2024 is the other plan's
  t.eq(d:funding_received("ccpm", "msa", 2027), { payments = 0 })
  d:close()
end)

t.test("step_started_by looks at the plan's own progress up to the year", function()
  local d = fresh()
  t.eq(d:step_started_by("ccpm", "1-B", 2025), true)
  t.eq(d:step_started_by("ccpm", "1-B", 2024), false)
  t.eq(d:step_started_by("ccpm", "1-A", 2025), false) -- done in 2026 only
  t.eq(d:step_started_by("autre", "1-A", 2021), true)
  d:close()
end)

t.test("the stock reports' operations: progress, funding totals and meetings per year", function()
  local d = fresh()
  t.eq(d:step_progress(), {
    { step = "1-A", period = "2020", status = "started" },
    { step = "1-B", period = "2025", status = "started" },
    { step = "1-A", period = "2026", status = "done" } })
  t.eq(d:step_progress { until_period = 2025, plan = "ccpm" }, { { step = "1-B", period = "2025", status = "started" } })
  -- French names, and a period given as a text of a school year: its first year counts
  t.eq(#d:step_progress { jusqu_a = "2025-2026" }, 2)
  local funding = d:funding_totals { plan = "ccpm" }
  table.sort(funding, function(a, b) return a.period < b.period end)
  t.eq(funding, { { funder = "msa", period = "2024", total = 12000.0 }, { funder = "msa", period = "2025", total = 25000.0 } })
  t.eq(#d:funding_totals(), 3)
  local meetings = d:meetings_per_year { plan = "ccpm" }
  table.sort(meetings, function(a, b) return a.year < b.year end)
  t.eq(meetings, { { committee = "cotech", year = "2024", held = 2 }, { committee = "cotech", year = "2025", held = 1 } })
  d:close()
end)

t.test("a report's read-only view of the database has the operations", function()
  local d = fresh()
  local view = require("ctg.db").view(d)
  t.eq(view:meetings_held("ccpm", "cotech", 2025), { "2025-06-30" })
  t.eq(#view:step_progress { plan = "autre" }, 1)
  t.eq(#view:meetings_per_year(), 3)
  d:close()
end)

t.test("bad options are refused at the script's line, in French, with a suggestion", function()
  local d = fresh()
  t.raises(function() d:step_progress { until_year = 2025 } end,
    "db:step_progress : option inconnue 'until_year'")
  t.raises(function() d:step_progress { jusqua = 2025 } end, "vouliez-vous dire 'jusqu_a'")
  t.raises(function() d:step_progress { until_period = "l'an dernier" } end, "db:step_progress")
  t.raises(function() d:funding_totals { plan = 3 } end, "db:funding_totals : l'option plan attend un texte")
  t.raises(function() d:meetings_per_year "ccpm" end, "db:meetings_per_year")
  d:close()
end)

t.test("ctg help store and the editor definitions document the operations, and db:query as the engine's SQL", function()
  local text = require("ctg.db.help_store").text()
  for _, op in ipairs({ "db:step_progress{jusqu_a", "db:funding_totals{plan", "db:meetings_per_year{plan",
                        "db:meetings_held(", "db:funding_received(", "db:step_started_by(" }) do
    t.ok(text:find(op, 1, true), "ctg help store lacks " .. op)
  end
  t.ok(text:find("le SQL du moteur (SQLite), pour qui en a", 1, true), "db:query is not described as the engine's SQL")
  local defs = require("ctg.luals").definitions()
  for _, op in ipairs({ "step_progress", "funding_totals", "meetings_per_year", "meetings_held", "funding_received",
                        "step_started_by" }) do
    t.ok(defs:find("function Database:" .. op .. "(", 1, true), "luals lacks Database:" .. op)
  end
end)

t.test("help(db.step_progress) in the console describes it from the catalogue", function()
  local text = require("ctg.repl").help_text(require("ctg.db").class.step_progress)
  t.ok(text:find("db:step_progress{jusqu_a = 2023, plan = …} : l'avancement des étapes", 1, true), text)
  text = require("ctg.repl").help_text(require("ctg.db").class.query)
  t.ok(text:find("le SQL du moteur (SQLite), pour qui en a besoin", 1, true), text)
end)

t.test("the per-plan questions refuse a missing plan, code or year rather than answer nothing", function()
  local d = fresh()
  t.raises(function() d:meetings_held(nil, "cotech", 2024) end, "db:meetings_held : l'option plan attend un texte")
  t.raises(function() d:funding_received("ccpm", { "msa" }, 2024) end, "db:funding_received : l'option funder attend un texte")
  t.raises(function() d:step_started_by("ccpm", "1-B", "2024-2025") end,
    "db:step_started_by : l'option year attend un nombre entier, pas 2024-2025")
  t.raises(function() d:meetings_held("ccpm", "cotech", 2024.5) end, "l'option year attend un nombre entier")
  d:close()
end)
