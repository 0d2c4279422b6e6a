-- The plan vocabulary: declarations build the model; every mistake is a located finding.
local t = ...
local dsl = require("ctg.dsl")

local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local MINI_PATH = root .. "/tests/fixtures/plans/mini.lua"
local f = assert(io.open(MINI_PATH))
local MINI = f:read("a")
f:close()

-- Build the mini plan with one textual edit; returns plan, findings, has_error.
local function build(text)
  local ctx = dsl.collect_lua("plan.lua", text)
  return dsl.build(ctx)
end

local function edited(old, new)
  local s, n = MINI:gsub(old:gsub("%p", "%%%0"), (new:gsub("%%", "%%%%")), 1)
  assert(n == 1, "fixture edit did not apply: " .. old)
  return s
end

local function line_of(text, needle)
  local pos = assert(text:find(needle, 1, true), needle)
  local _, n = text:sub(1, pos):gsub("\n", "")
  return n + 1
end

-- The single error finding of a build (fails if there is not exactly one).
local function only_error(text)
  local _, findings, has_error = build(text)
  t.ok(has_error, "expected an error")
  local errors = {}
  for _, x in ipairs(findings) do if x.severity == "error" then errors[#errors + 1] = x end end
  t.eq(#errors, 1, "number of errors: " .. require("ctg.json").encode(errors))
  return errors[1]
end

t.test("the mini plan builds without error", function()
  local p, findings, has_error = build(MINI)
  t.eq(has_error, false)
  t.eq(#findings, 0)
  t.eq(p:counts(), { axes = 1, objectives = 1, actions = 2, steps = 3, sheets = 1, indicators = 2,
                     stakes = 2, committees = 1, territories = 2, groups = 0 })
end)

t.test("lookups by code reach the declared nodes", function()
  local p = build(MINI)
  t.eq(p:action(1).title, "Première action")
  t.eq(p:action(2).steps[1].code, "2-A")
  t.eq(p:step("1-B").years, { 2022, 2023 })
  t.eq(p:indicator("taux").sheet, "1+2")
  t.eq(p:sheet("1+2").actions, { 1, 2 })
  t.eq(p:stake(2).title, "Deuxième enjeu")
  t.eq(p:get("funding", "caf").floor_per_year, 1600000)
  t.eq(p:action(99), nil)
  t.eq(p:action(1):sheet().code, "1+2")
  t.eq(#p:action(2):indicators(), 2)
  t.eq(p:step("1-A"):action().number, 1)
  t.eq(p.axes[1].objectives[1].actions[2].number, 2)
end)

t.test("summaries are French one-liners", function()
  local p = build(MINI)
  t.eq(tostring(p:action(1)), "Action 1 — Première action (2 étapes, fiche 1+2, 2 indicateurs)")
  t.eq(tostring(p:step("1-A")), "Étape 1-A — Étape A (calendrier inconnu)")
  t.eq(tostring(p:step("1-B")), "Étape 1-B — Étape B (2022, 2023)")
  t.ok(tostring(p):find("^Plan mini — Plan de test %(2021%-2025%): 1 axes"))
end)

t.test("a plan file runs in its own environment", function()
  local p = build(MINI .. "\nhelper_value = 42\n")
  t.ok(p)
  t.eq(rawget(_G, "helper_value"), nil)
  t.eq(rawget(_G, "action"), nil)
end)

t.test("unknown field with a suggestion, at the field's own line", function()
  local text = edited('pilots = {"Pilote A"},', 'pilote = {"Pilote A"},')
  local e = only_error(text)
  t.eq(e.message, "champ inconnu 'pilote' dans l'action 1 (vouliez-vous dire 'pilots' ?)")
  t.eq(e.file, "plan.lua")
  t.eq(e.line, line_of(text, 'pilote = {'))
end)

t.test("wrong type names the field and what it must be", function()
  local e = only_error(edited("period = {2021, 2025}", 'period = "2021"'))
  t.eq(e.message, "le champ 'period' du plan mini doit être une paire d'années {première, dernière}, pas le texte \"2021\"")
  t.eq(e.line, 4, "the field's line, not the plan's")
end)

t.test("duplicate action number", function()
  local text = edited('action(2, "Deuxième action")', 'action(1, "Deuxième action")')
  local _, findings = build(text)
  local e = findings[1]
  t.eq(e.severity, "error")
  t.eq(e.message, "l'action 1 est en double (première déclaration à plan.lua:" .. line_of(text, "action(1, \"Première") .. ")")
  t.eq(e.line, line_of(text, 'action(1, "Deuxième'))
end)

t.test("a step letter declared twice", function()
  local text = edited('step("B", "Étape B")', 'step("A", "Étape B")')
  local e = only_error(text)
  t.ok(e.message:find("l'étape 1-A est en double", 1, true), e.message)
  t.eq(e.line, line_of(text, 'step("A", "Étape B")'))
end)

t.test("a sheet naming an undeclared action", function()
  local e = only_error(edited("actions = {1, 2},", "actions = {1, 99},"))
  t.eq(e.message, "la fiche 1+99 nomme l'action 99 dans 'actions' : ce code n'est déclaré nulle part")
end)

t.test("unknown indicator kind lists the allowed ones", function()
  local e = only_error(edited('kind = "ratio"', 'kind = "rate"'))
  t.eq(e.message, "le champ 'kind' de l'indicateur taux doit être l'une des valeurs count, ratio, evolution, score, qualitative, max, " ..
    "pas le texte \"rate\"")
end)

t.test("empty title", function()
  local e = only_error(edited('action(2, "Deuxième action")', 'action(2, "")'))
  t.eq(e.message, "le champ 'title' de l'action 2 ne doit pas être vide")
end)

t.test("missing required field", function()
  local e = only_error(edited('territory("ville", "Ville") { level = "city" }', 'territory("ville", "Ville")'))
  t.eq(e.message, "champ obligatoire 'level' absent du territoire ville")
end)

t.test("syntax error is located, no traceback", function()
  local e = only_error(edited('stake(2, "Deuxième enjeu")', 'stake(2, "Deuxième enjeu"'))
  t.eq(e.file, "plan.lua")
  t.ok(e.message:find("expected", 1, true) or e.message:find("near", 1, true), e.message)
  t.ok(not e.message:find("stdlib", 1, true), e.message)
end)

t.test("a misspelt vocabulary word suggests the right one", function()
  local text = edited('step("A", "Étape A de 2")', 'stpe("A", "Étape A de 2")')
  local e = only_error(text)
  t.eq(e.message, "nom inconnu 'stpe' (vouliez-vous dire 'step' ?)")
  t.eq(e.line, line_of(text, "stpe("))
end)

t.test("a step code must belong to its action", function()
  local e = only_error(edited('step("A", "Étape A"),', 'step("A", "Étape A") { code = "7-A" },'))
  t.eq(e.message, "le code '7-A' de l'étape n'appartient pas à l'action 1 (il devrait commencer par '1-')")
end)

t.test("years outside the plan period", function()
  local e = only_error(edited("years = {2022, 2023}", "years = {2022, 2027}"))
  t.eq(e.message, "l'étape 1-B : l'année 2027 est hors de la période du plan 2021-2025")
end)

t.test("a baseline may precede the period, a target may not", function()
  local p, _, has_error = build(edited("targets = {[2023] = 50}", "targets = {[2023] = 50}, baseline = 2020"))
  t.eq(has_error, false)
  t.eq(p:indicator("taux").baseline, 2020)
  local e = only_error(edited("targets = {[2023] = 50}", "targets = {[2019] = 50}"))
  t.eq(e.message, "l'indicateur taux a une cible pour 2019, hors de la période du plan (2021-2025) et de son année " ..
    "de renouvellement (2026) : corrigez l'année, ou fixez cette cible dans la convention suivante")
  -- the renewal year (the year after the plan, when the next convention is prepared) is allowed
  local _, _, err = build(edited("targets = {[2023] = 50}", "targets = {[2026] = 50}"))
  t.eq(err, false)
  -- a cumulative target too; on a rate (not a summed count) it is a second error
  local _, findings = build(edited("targets = {[2023] = 50}", "targets = {cumul = {[2027] = 50}}"))
  local codes = {}
  for _, x in ipairs(findings) do if x.severity == "error" then codes[#codes + 1] = x.code .. ":" .. x.line end end
  t.eq(codes, { "target-outside-plan:36", "cumulative-target:36" }) -- the line of targets = …
end)

t.test("objective misplaced under an action", function()
  local e = only_error(edited('step("A", "Étape A de 2"),', 'objective("1-2", "Perdu"),'))
  t.eq(e.message, "l'objectif 1-2 ne peut pas se déclarer dans l'action 2 (seules des déclarations step ou indicator y vont)")
end)

t.test("an action outside any objective", function()
  local e = only_error(MINI .. '\naction(3, "Orpheline")\n')
  t.eq(e.message, "l'action 3 doit se déclarer dans un objectif ou un axe")
end)

t.test("an unknown rule indicator and territory parent", function()
  local _, findings = build(edited('indicator = "taux"', 'indicator = "tuax"'))
  t.eq(findings[1].message, "la règle taux en hausse nomme l'indicateur tuax dans 'indicateur' : ce code n'est déclaré nulle part")
end)

t.test("no plan declaration", function()
  local e = only_error('stake(1, "Seul")\n')
  t.ok(e.message:find("aucune déclaration plan", 1, true), e.message)
end)

t.test("every error of a file is listed in one run", function()
  local text = edited('kind = "ratio"', 'kind = "rate"')
  text = text:gsub('pilots = {"Pilote A"},', 'pilote = {"Pilote A"},')
  local _, findings = build(text)
  local n = 0
  for _, x in ipairs(findings) do if x.severity == "error" then n = n + 1 end end
  t.eq(n, 2)
end)
