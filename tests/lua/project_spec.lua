-- ctg.luals (editor definitions generated from the schema), ctg.project (the avenants of a
-- project) and what a build imports (a data file read again: revisions and withdrawals).
local t = ...
local schema = require("ctg.schema")
local luals = require("ctg.luals")
local project = require("ctg.project")

local function has(text, needle) return text:find(needle, 1, true) ~= nil end

t.test("the LuaLS definitions are Lua meta definitions that compile", function()
  local text = luals.definitions()
  t.eq(text:match("^[^\n]*"), "---@meta")
  local chunk, err = load(text, "=defs", "t")
  t.ok(chunk, err)
end)

t.test("the definitions name every declaration and field of the schema, in English and French", function()
  local text = luals.definitions()
  local missing = {}
  for _, kind in ipairs(schema.order) do
    local k = schema.kinds[kind]
    local cls = luals.class_of(kind)
    local start = text:find("---@class " .. cls .. "\n", 1, true)
    if not start then missing[#missing + 1] = "class " .. cls end
    local block = start and text:sub(start, (text:find("\n\n", start, true) or #text)) or ""
    for _, f in ipairs(k.field_list) do
      if not has(block, "---@field " .. f.name .. "? ") then missing[#missing + 1] = kind .. "." .. f.name end
      if not has(block, "---@field " .. f.french .. "? ") then missing[#missing + 1] = kind .. "." .. f.french end
    end
    local code = k.code
    if not has(text, "\nfunction " .. kind .. "(") then missing[#missing + 1] = "function " .. kind end
    if not has(text, "\nfunction " .. k.french .. "(") then missing[#missing + 1] = "function " .. k.french end
    if kind ~= "sheet" and not has(text, "---@param " .. code .. " ") then missing[#missing + 1] = "param " .. code end
  end
  for _, word in ipairs({ "amendment", "avenant", "remove", "retirer" }) do
    if not has(text, "\nfunction " .. word .. "(") then missing[#missing + 1] = "function " .. word end
  end
  t.eq(missing, {})
end)

t.test("field types: enums in both languages, lists, the doc on one line", function()
  local text = luals.definitions()
  t.ok(has(text, '---@field kind? "count"|"ratio"|"evolution"|"score"|"qualitative"|"max"|"comptage"|"maximum"|"qualitatif"|"taux" '), "kind")
  t.ok(has(text, '---@field gravite? "info"|"warning"|"critical"|"attention"|"critique" '), "severity")
  t.ok(has(text, "---@field actions? integer[] les actions qu'elle couvre (obligatoire)"), "list of integers")
  t.ok(has(text, "---@field scale? 1|100 "), "numeric enum")
  t.ok(has(text, "---@return fun(fields: ctg.vocabulary.Action): ctg.Declaration\nfunction action(number, title) end"), "action(…) { … }")
  t.ok(has(text, "---@param fields ctg.vocabulary.Sheet\n---@return ctg.Declaration\nfunction fiche(fields) end"), "fiche { … }")
end)

t.test("the definitions describe the report and evaluation API", function()
  local text = luals.definitions()
  for _, needle in ipairs({ "---@class ctg.ReportContext", "---@field evaluation ctg.Evaluation", "function ReportContext.stock(name) end",
                            "function Evaluation:value(id, opts) end", "function Evaluation:findings(extra_rules) end",
                            "function ctg.open(path, opts) end", "function Database:observations(filter) end",
                            "function report.new(meta) end", "function Document:table(spec) end" }) do
    t.ok(has(text, needle), needle)
  end
end)

local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local MINI = root .. "/tests/fixtures/plans/mini.lua"

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

-- Import file into d as ctg build does (settle: read anew, replacing its earlier rows).
local function build_import(d, file)
  local report = require("ctg.import").run(d, { file }, { settle = true, by = "ctg build", hashes = { [file] = "h" } })
  t.eq(report.error_count, 0, table.concat(report.errors, "\n"))
  return report.files[1]
end

local function history(d, period)
  local out = {}
  for _, r in ipairs(d:history({ indicator = "taux", period = period, territory = "nord" })) do
    out[#out + 1] = r.withdrawn and ("r" .. r.revision .. " retirée") or ("r" .. r.revision .. " " .. string.format("%g", r.numerator))
  end
  return table.concat(out, ", ")
end

t.test("a data file read again: changed rows are revisions, unchanged ones none, removed ones withdrawals", function()
  local dir = t.tmpdir()
  local d = ctg.open(dir .. "/t.db", { create = true })
  d:store_plan(ctg.load(MINI), { file = MINI })
  local csv = dir .. "/suivi.csv"
  local header = "indicateur;periode;territoire;numerateur;denominateur\n"
  write(csv, header .. "taux;2022;nord;3;4\ntaux;2023;nord;5;8\ntaux;2024;nord;1;2\n")
  local f = build_import(d, csv)
  t.eq({ f.rows, f.changed, f.withdrawn }, { 3, 3, 0 })
  -- 2022 unchanged, 2023 edited, 2024 removed
  write(csv, header .. "taux;2022;nord;3;4\ntaux;2023;nord;6;8\n")
  f = build_import(d, csv)
  t.eq({ f.rows, f.changed, f.unchanged, f.withdrawn }, { 2, 1, 1, 1 })
  t.eq(history(d, 2022), "r1 3")
  t.eq(history(d, 2023), "r1 5, r2 6")
  t.eq(history(d, 2024), "r1 1, r2 retirée")
  -- the withdrawn key has no observation; the others one each, the latest
  local current = {}
  for r in d:observations({ indicator = "taux" }) do current[#current + 1] = r.period .. "=" .. string.format("%g", r.numerator) end
  t.eq(current, { "2022=3", "2023=6" })
  -- one latest revision a key, whatever happened to it
  t.eq(d:query("SELECT count(*) AS n FROM (SELECT 1 FROM obs_revision WHERE latest = 1 GROUP BY plan, record, subject, period, territory, dims HAVING count(*) > 1)")[1].n, 0)
  -- the row back: its next revision, a value again
  write(csv, header .. "taux;2022;nord;3;4\ntaux;2023;nord;6;8\ntaux;2024;nord;2;2\n")
  f = build_import(d, csv)
  t.eq({ f.changed, f.withdrawn }, { 1, 0 })
  t.eq(history(d, 2024), "r1 1, r2 retirée, r3 2")
  -- a row moved to another file stays: the other file gives it now
  local other = dir .. "/autre.csv"
  write(other, header .. "taux;2022;nord;3;4\n")
  build_import(d, other)
  write(csv, header .. "taux;2023;nord;6;8\ntaux;2024;nord;2;2\n")
  f = build_import(d, csv)
  t.eq(f.withdrawn, 0)
  t.eq(history(d, 2022), "r1 3, r2 3")
  d:close()
end)

t.test("the avenants of a project: each names the file it amends, listed before it, and takes effect after it", function()
  local dir = t.tmpdir()
  local plan = dir .. "/plan.lua"
  write(plan, 'plan "p" { title = "P", period = {2024, 2028}, signed = "2024-03-01" }\n' ..
    'territory("v", "V") { level = "commune" }\nindicator "a" { label = "A", kind = "count" }\n')
  local function avenant(name, amends, effective)
    write(dir .. "/" .. name, 'amendment "p" { amends = "' .. amends .. '", label = "' .. name .. '", effective = "' ..
      effective .. '" }\nindicator "b" { label = "B", kind = "count" }\n')
  end
  avenant("a1.lua", "plan.lua", "2025-07-01")
  avenant("a2.lua", "a1.lua", "2026-01-01")
  local built = ctg.load(plan)
  local function p(list)
    local out = { plan = plan, amendments = {} }
    for i, name in ipairs(list) do out.amendments[i] = { path = dir .. "/" .. name, line = 10 + i } end
    return out
  end
  local ok, errors = project.check_amendments(p({ "a1.lua", "a2.lua" }), built)
  t.ok(ok, errors and errors[1])
  t.eq({ ok[1].effective, ok[2].effective }, { "2025-07-01", "2026-01-01" })
  ok, errors = project.check_amendments(p({ "a2.lua", "a1.lua" }), built)
  t.eq(ok, nil)
  t.ok(has(errors[1], "ctg.yaml:11: l'avenant « " .. dir .. "/a2.lua » modifie « a1.lua », listé après lui"), errors[1])
  avenant("a0.lua", "plan.lua", "2023-12-31")
  ok, errors = project.check_amendments(p({ "a0.lua" }), built)
  t.eq(ok, nil)
  t.ok(has(errors[1], "prend effet le 31 décembre 2023, avant ce qu'il modifie (« plan.lua », en vigueur le 1er mars 2024)"), errors[1])
  write(dir .. "/x.lua", 'amendment "p" { label = "X", effective = "2025-01-01" }\n')
  ok, errors = project.check_amendments(p({ "x.lua" }), built)
  t.eq(ok, nil)
  t.ok(has(errors[1], "doit nommer le fichier qu'il modifie"), errors[1])
end)

t.test("skeleton names: a slug without accents", function()
  local skeleton = require("ctg.skeleton")
  t.eq(skeleton.slug("CC du Pays de Trélon"), "cc-du-pays-de-trelon")
  t.eq(skeleton.slug("Ville d'Anor"), "ville-d-anor")
  t.eq(skeleton.slug("  ***  "), "projet")
end)

t.test("ctx.stock runs a stock report compiled into ctg; a misspelt name is suggested", function()
  local reporting = require("ctg.reporting")
  t.ok(reporting.stock_source("calendrier"):find("local ctx = ...", 1, true), "the calendar's source")
  t.eq(reporting.stock_source("../etc/passwd"), nil)
  local ok, err = pcall(reporting.stock, "bilan-anuel", {})
  t.eq(ok, false)
  t.ok(tostring(err):find("pas de rapport fourni nommé « bilan-anuel » (vouliez-vous dire « bilan-annuel » ?)", 1, true), err)
end)

t.test("the mappings of a project: each data file's by its name, none, or two (an error naming both)", function()
  local dir = t.tmpdir()
  write(dir .. "/caf.lua", 'source "places" { fichiers = "places_*.csv", territoire = { colonne = "c" }, periode = 2024,\n' ..
    '  valeurs = { n = { indicateur = "a" } } }\nsource "taux" { fichiers = {"taux_*.csv", "taux_*.xlsx"},\n' ..
    '  territoire = { colonne = "c" }, periode = 2024, valeurs = { t = { indicateur = "a" } } }\n')
  write(dir .. "/autre.lua", 'source "tout" { fichiers = "*_2024.xlsx", territoire = { colonne = "c" }, periode = 2024,\n' ..
    '  valeurs = { n = { indicateur = "a" } } }\n')
  local mappings, errors = project.load_mappings({ sources = { { path = dir .. "/caf.lua", line = 3 },
                                                               { path = dir .. "/autre.lua", line = 4 } } })
  t.ok(mappings, errors and errors[1])
  t.eq(#mappings, 3)
  t.eq(project.mapping_for(mappings, "donnees/places_com.csv").mapping.id, "places")
  t.eq(project.mapping_for(mappings, "donnees/TAUX_epci.CSV").mapping.id, "taux")     -- case is no difference
  t.eq(project.mapping_for(mappings, "donnees/observations.csv"), false)
  local none, why = project.mapping_for(mappings, "donnees/taux_2024.xlsx")
  t.eq(none, nil)
  t.ok(has(why, "donnees/taux_2024.xlsx : deux sources correspondent à ce fichier : « taux »") and has(why, "« tout »"), why)
  t.eq(project.mapping_for({}, "donnees/places_com.csv"), false)
end)

t.test("a mapping's fingerprint is part of its files': edit the mapping, the file's changes", function()
  local dir = t.tmpdir()
  write(dir .. "/m.lua", 'source "m" { fichiers = "*.csv", territoire = { colonne = "c" }, periode = 2024, valeurs = { n = { indicateur = "a" } } }\n')
  write(dir .. "/d.csv", "c;n\nv;1\n")
  local p = { sources = { { path = dir .. "/m.lua", line = 1 } } }
  local m = project.mapping_for(project.load_mappings(p), dir .. "/d.csv")
  local before = project.fingerprint_with(dir .. "/d.csv", m)
  t.eq(project.fingerprint_with(dir .. "/d.csv", false), project.fingerprint(dir .. "/d.csv"))
  t.ok(before ~= project.fingerprint(dir .. "/d.csv"), "the mapping is not in the fingerprint")
  write(dir .. "/m.lua", 'source "m" { fichiers = "*.csv", territoire = { colonne = "c" }, periode = 2025, valeurs = { n = { indicateur = "a" } } }\n')
  m = project.mapping_for(project.load_mappings(p), dir .. "/d.csv")
  t.ok(project.fingerprint_with(dir .. "/d.csv", m) ~= before, "an edited mapping leaves the fingerprint as it was")
end)

t.test("a mapping file with errors, or an id two files declare: the errors, located", function()
  local dir = t.tmpdir()
  write(dir .. "/a.lua", 'source "x" { fichiers = "a*.csv", territoire = { colonne = "c" }, periode = 2024, valeurs = { n = { indicateur = "a" } } }\n')
  write(dir .. "/b.lua", 'source "x" { fichiers = "b*.csv", territoire = { colonne = "c" }, periode = 2024, valeurs = { n = { indicateur = "a" } } }\n')
  write(dir .. "/c.lua", 'source "y" {\n  fichers = "c*.csv" }\n')
  local ok, errors = project.load_mappings({ sources = { { path = dir .. "/a.lua", line = 2 }, { path = dir .. "/b.lua", line = 3 } } })
  t.eq(ok, nil)
  t.eq(errors, { "ctg.yaml:3: la correspondance « x » est déclarée deux fois (" .. dir .. "/a.lua:1 et " .. dir ..
    "/b.lua:1) : donnez-leur des noms distincts" })
  ok, errors = project.load_mappings({ sources = { { path = dir .. "/c.lua", line = 2 } } })
  t.eq(ok, nil)
  local found = false
  for _, e in ipairs(errors) do
    if has(e, dir .. "/c.lua:2: ") and has(e, "fichers") and has(e, "fichiers") then found = true end
  end
  t.ok(found, table.concat(errors, "\n"))
end)
