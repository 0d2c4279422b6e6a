-- Specs for ctg.source, the import mapping loader (the API other modules build on: load,
-- matches, choose). Run: ctg tests/lua/run.lua tests/lua/source_spec.lua
local t = ...
local source = require("ctg.source")

local function write(dir, name, text)
  local path = dir .. "/" .. name
  local f = assert(io.open(path, "wb"))
  assert(f:write(text))
  assert(f:close())
  return path
end

local dir = t.tmpdir()

t.test("load: French and English names give the same mapping, by English keys", function()
  local fr = write(dir, "fr.lua", [[
source "insee" {
  titre = "INSEE, population",
  fichiers = "base-cc-*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = 2021,
  valeurs = { P21_POP0002 = { indicateur = "enfants", role = "valeur" } },
  hors_plan = "erreur",
  nombres = { pourcentage = "retirer" },
  enregistrement = "observation",
}
]])
  local en = write(dir, "en.lua", [[
source "insee" {
  title = "INSEE, population",
  files = { "base-cc-*.csv" },
  territory = { column = "CODGEO", by = "insee" },
  period = 2021,
  values = { P21_POP0002 = { indicator = "enfants" } },
  outside = "error",
  numbers = { percent = "strip" },
}
]])
  local a, b = source.load(fr)[1], source.load(en)[1]
  for _, m in ipairs({ a, b }) do
    t.eq(m.id, "insee"); t.eq(m.title, "INSEE, population"); t.eq(m.files, { "base-cc-*.csv" })
    t.eq(m.territory, { column = "CODGEO", by = "insee" }); t.eq(m.period, 2021)
    t.eq(m.values.P21_POP0002, { indicator = "enfants", role = "value" })
    t.eq(m.outside, "error"); t.eq(m.numbers, { percent = "strip" }); t.eq(m.record, "observation")
    t.eq(m.header, { 1 }); t.eq(m.line, 1)
  end
  t.eq(a.file, fr)
end)

t.test("load: defaults (outside = skip, header 1, title = id) and several sources, each at its line", function()
  local path = write(dir, "two.lua", [[
-- two sources
source "a" { fichiers = "a*.csv", territoire = "x", periode = 2024, valeurs = { v = { indicateur = "i" } } }

source "b" { fichiers = "b*.csv", enregistrement = "reunion", valeurs = { I = { role = "instance" }, D = { role = "date" } } }
]])
  local list = source.load(path)
  t.eq(#list, 2)
  t.eq({ list[1].id, list[1].line, list[1].outside, list[1].title }, { "a", 2, "skip", "a" })
  t.eq({ list[2].id, list[2].line, list[2].record }, { "b", 4, "meeting" })
  t.eq(list[2].values.I.role, "committee")
end)

t.test("load raises every error of the file, located, with suggestions", function()
  local path = write(dir, "bad.lua", [[
source "x" {
  fichiers = "x.csv",
  territoire = { colonne = "c", par = "inse" },
  periode = { colonne = "an" },
  valeurs = { v = { indicateur = "i", role = "numerator" }, w = { indicateur = "j", rol = "valeur" } },
  entete = { 3, 2 },
}
]])
  local text = t.raises(function() source.load(path) end, "bad.lua:3: par dans territoire : valeur inconnue « inse » (vouliez-vous dire « insee » ?)")
  t.ok(text:find("bad.lua:5: champ inconnu « rol » dans valeurs.w (vouliez-vous dire « role » ?)", 1, true), text)
  t.ok(text:find("bad.lua:6: entete attend un numéro de ligne ou une liste de numéros qui se suivent", 1, true), text)
  -- English names of values are accepted as well as French ones
  t.ok(not text:find("numerator", 1, true), text)
end)

t.test("a mapping without territory or period, or an observation value without indicator, is refused", function()
  local path = write(dir, "missing.lua", 'source "m" { fichiers = "m.csv", valeurs = { v = { role = "valeur" } } }\n')
  local _, errors = source.check(path)
  local all = {}
  for _, e in ipairs(errors) do all[#all + 1] = e.message end
  all = table.concat(all, "\n")
  t.ok(all:find("ne dit pas le territoire", 1, true), all)
  t.ok(all:find("ne dit pas la période", 1, true), all)
  t.ok(all:find("valeurs[\"v\"] ne dit pas son indicateur", 1, true), all)
end)

t.test("the file runs in the sandbox: no io, no os.execute", function()
  local path = write(dir, "io.lua", 'local f = io.open("/etc/passwd")\nsource "x" { fichiers = "x" }\n')
  t.raises(function() source.load(path) end, "io.lua:1: io n'est pas permis")
end)

t.test("matches: globs on the base name, * and ?, case ignored, magic characters literal", function()
  local m = { files = { "txcouv_pe_com*.csv", "nbpla_??.csv", "a+b(1).csv" } }
  t.ok(source.matches(m, "txcouv_pe_com_2024.csv"))
  t.ok(source.matches(m, "/data/2024/TXCOUV_PE_COM.CSV"))
  t.ok(source.matches(m, "nbpla_23.csv"))
  t.ok(not source.matches(m, "nbpla_2023.csv"))
  t.ok(source.matches(m, "a+b(1).csv"))
  t.ok(not source.matches(m, "aab(1).csv"))
  t.ok(not source.matches(m, "txcouv_pe_com_2024.csv.bak"))
  t.ok(not source.matches(m, "txcouv_pe_com_2024.csv/other.txt"))
end)

t.test("choose: one mapping, none (the patterns listed), or two (both named)", function()
  local a = { id = "a", files = { "x*.csv" }, file = "m.lua", line = 1 }
  local b = { id = "b", files = { "*y.csv" }, file = "m.lua", line = 5 }
  t.eq(source.choose({ a, b }, "x1.csv"), a)
  local none, why = source.choose({ a, b }, "z.csv")
  t.eq(none, nil); t.ok(why:find("« x*.csv » (a), « *y.csv » (b)", 1, true), why)
  local two, why2 = source.choose({ a, b }, "xy.csv")
  t.eq(two, nil); t.ok(why2:find("« a » (m.lua:1) et « b » (m.lua:5)", 1, true), why2)
end)

t.test("is_mapping_file: a .lua file whose first declaration is source, comments aside", function()
  t.ok(source.is_mapping_file(write(dir, "s.lua", '-- sources de la CNAF\n--[[ plan "x" ]]\nsource "a" {}\n')))
  t.ok(not source.is_mapping_file(write(dir, "p.lua", '-- a source "x" in a comment\nplan "x" { }\n')))
  t.ok(not source.is_mapping_file(write(dir, "s.yaml", 'source "a" {}\n')))
end)
