-- Specs for ctg.source_rows' compiled plan: rows read through it give exactly what the
-- general reading gives (observations, account, messages), and rows it cannot read exactly
-- (missing markers, percents, blanks around a cell, errors) go to the general reading.
-- On a plan of its own (a mountain valley, 2019-2023) and files of its own shapes.
-- Run: ctg tests/lua/run.lua tests/lua/source_rows_spec.lua
local t = ...
local source_rows = require("ctg.source_rows")

local dir = t.tmpdir()

local function write(name, text)
  local path = dir .. "/" .. name
  local f = assert(io.open(path, "wb"))
  assert(f:write(text))
  assert(f:close())
  return path
end

local PLAN = write("plan.lua", [[
plan "ctg-haute-vallee-2019-2023" { title = "CTG de la Haute-Vallée (test du plan compilé)", period = {2019, 2023} }
territory("cc-hv", "Communauté de communes de la Haute-Vallée") { level = "epci", insee = "200099999" }
territory("arvieux", "Arvieux") { level = "commune", parent = "cc-hv", insee = "05007" }
territory("ceillac", "Ceillac") { level = "commune", parent = "cc-hv", insee = "05026" }
territory("molines", "Molines-en-Queyras") { level = "commune", parent = "cc-hv", insee = "05077" }
indicator "inscrits" { label = "Enfants inscrits", kind = "count", by = {"sexe"} }
indicator "taux_acces" { label = "Taux d'accès", kind = "ratio", scale = 100, by = {"sexe"},
  numerator = "accès", denominator = "demandes" }
indicator "part_publiee" { label = "Part publiée", kind = "ratio", scale = 100,
  numerator = "a", denominator = "b" }
indicator "places" { label = "Places", kind = "count" }
axis(1, "Enfance") { action(1, "Accueillir") { pilots = {"CC"}, step("A", "Ouvrir") { years = {2021} } } }
]])

-- Import files through the mapping file, read the general way (compiled false), by the
-- compiled plan in Lua (compiled "lua") or by ctg.mapped (compiled true); the stored
-- observations (sorted) and the report.
local function import(name, mapping, files, compiled, dry_run)
  local db = dir .. "/" .. name .. "-" .. tostring(compiled) .. ".db"
  os.remove(db)
  local d = ctg.open(db, { create = true })
  require("ctg.import").run(d, { PLAN }, {})
  source_rows.COMPILED, source_rows.NATIVE = compiled ~= false, compiled == true
  local ok, report = pcall(require("ctg.import").run, d, files, { using = require("ctg.source").load(mapping),
    dry_run = dry_run })
  source_rows.COMPILED, source_rows.NATIVE = true, true
  assert(ok, report)
  local rows = {}
  for _, r in ipairs(d.store:query("SELECT record, subject, period, territory, dims, value, numerator, denominator, " ..
      "missing, line FROM current_observation ORDER BY 2, 3, 4, 5, 1")) do
    rows[#rows + 1] = table.concat({ r.record, r.subject, r.period, r.territory, r.dims, tostring(r.value),
      tostring(r.numerator), tostring(r.denominator), tostring(r.missing), tostring(r.line) }, "|")
  end
  d:close()
  return rows, report
end

-- The account of each file, without what differs by design (the count of compiled rows).
local function accounts(report)
  local out = {}
  for i, f in ipairs(report.files) do
    out[i] = { f.rows, f.read, f.skipped, f.outside, f.outside_names, f.outside_more, f.missing, f.empty, f.bad, f.cells }
  end
  return out
end

local MAPPING = write("acces.lua", [[
source "acces" {
  title = "Accès par commune et par sexe",
  files = { "acces_*.csv" },
  territory = { column = "COM", by = "insee" },
  period = { column = "ANNEE" },
  dimensions = { sexe = { column = "SEXE" } },
  values = {
    INSCRITS = { indicator = "inscrits" },
    ACCES = { indicator = "taux_acces", role = "numerator" },
    DEMANDES = { indicator = "taux_acces", role = "denominator" },
  },
  missing = { "s", "nd" },
  numbers = { percent = "strip" },
}
]])

t.test("compiled plan: the same observations, account and cells as the general reading", function()
  -- rows of every kind: plain ones (compiled), an INSEE code Excel shortened, other communes
  -- (outside, repeated), a year more than ten years away, empty cells, missing markers, blanks
  -- around cells, a percent stripped, French decimals, a numerator without its denominator
  local csv = write("acces_2021.csv", table.concat({
    "COM;ANNEE;SEXE;INSCRITS;ACCES;DEMANDES",
    "05007;2021;F;12;30;40",
    "05007;2021;M;9;30;40",
    "5026;2021;F;4;;",
    "75056;2021;F;900;1;2",
    "75056;2022;M;901;1;2",
    "05026;2040;F;3;1;2",
    "05077;2022;F;s;5;8",
    "05077;2022;M; 7 ;nd;8",
    "05077;2023;F;7 %;2,5;10",
    "05007;2019;F;1 200;;9",
    "13055;2019;F;1;1;1",
    "05007;2020; F ;5;6;7",
    "", -- a blank line
    "05026;2023;M;8;3;4",
  }, "\n") .. "\n")
  local general, grep = import("acces", MAPPING, { csv }, false)
  local compiled, crep = import("acces", MAPPING, { csv }, true)
  t.eq(crep.files[1].native, false) -- (a dimension from a column: the compiled plan in Lua)
  t.eq(crep.errors, {})
  t.eq(grep.errors, crep.errors)
  t.eq(compiled, general)
  t.eq(accounts(crep), accounts(grep))
  -- what the rows give, for both readings: read 13, outside 4 (3 communes, 1 year)
  local f = crep.files[1]
  t.eq({ f.read, f.outside, f.outside_names, f.missing, f.empty }, { 13, 4, { "75056", "2040", "13055" }, 2, 3 })
  t.eq(compiled[1], "value|inscrits|2019|arvieux|sexe=F|1200.0|nil|nil|nil|11")
  -- the compiled plan read lines 2-7, 11-13 and 15 (the missing markers, blanks around a
  -- value and the percent of lines 8-10 went the general way)
  t.eq(grep.files[1].compiled, nil)
  t.eq(crep.files[1].compiled, 10)
end)

t.test("compiled plan: a wide table by year, shares as fractions, fixed dimensions, rows in error", function()
  local mapping = write("parts.lua", [[
source "parts" {
  title = "Parts publiées, une colonne par année",
  files = { "parts*.csv" },
  territory = { column = "Commune", by = "title" },
  columns = { pattern = "^(%d%d%d%d) (.+)$", period = 1, name = 2 },
  values = {
    part = { indicator = "part_publiee" },
    places = { indicator = "places" },
    filles = { indicator = "inscrits", dimensions = { sexe = "F" } },
  },
  numbers = { percent = "fraction" },
  outside = "error",
}
]])
  local ok_csv = write("parts-ok.csv", table.concat({
    "Commune,2020 part,2021 part,2020 places,2021 places,2021 filles",
    "Arvieux,0.25,0.5,10,12,3",
    "Ceillac,0.125,,4,,2",
    "molines-en-queyras,1,0.75,1,2,",
    "Communauté de communes de la Haute-Vallée ,0.1,0.2,1,2,1",
  }, "\n") .. "\n")
  local general, grep = import("parts", mapping, { ok_csv }, false)
  local lua, lrep = import("parts", mapping, { ok_csv }, "lua")
  local compiled, crep = import("parts", mapping, { ok_csv }, true)
  t.eq(crep.errors, {})
  t.eq(compiled, general); t.eq(lua, general)
  t.eq(accounts(crep), accounts(grep)); t.eq(accounts(lrep), accounts(grep))
  t.eq({ lrep.files[1].native, crep.files[1].native }, { false, true })
  -- the share of a ratio ×100, a count never; the year from the column's name
  t.eq(compiled[1], "value|inscrits|2021|arvieux|sexe=F|3.0|nil|nil|nil|2")
  t.eq(compiled[4], "value|part_publiee|2020|arvieux||25.0|nil|nil|nil|2")
  t.eq(crep.files[1].compiled, 4)
  -- rows in error: a commune the plan lacks (outside = "error"), a text in a number column,
  -- an empty territory; the same messages, located, both ways, and nothing stored
  local bad_csv = write("parts-bad.csv", table.concat({
    "Commune,2020 part,2021 part,2020 places,2021 places,2021 filles",
    "Arvieux,0.25,0.5,10,12,3",
    "Gap,0.5,0.5,1,1,1",
    "Ceillac,0.125,beaucoup,4,,2",
    ",1,1,1,1,1",
  }, "\n") .. "\n")
  local g2, grep2 = import("parts-bad", mapping, { bad_csv }, false)
  local c2, crep2 = import("parts-bad", mapping, { bad_csv }, true)
  local _, lrep2 = import("parts-bad", mapping, { bad_csv }, "lua")
  t.eq(#crep2.errors, 3)
  t.eq(crep2.errors, grep2.errors); t.eq(lrep2.errors, grep2.errors)
  t.eq(c2, {}); t.eq(g2, {})
  t.eq(crep2.errors[2]:match("parts%-bad%.csv:4:3: "), "parts-bad.csv:4:3: ")
  t.eq(crep2.files[1].compiled, 1)
end)

t.test("compiled plan in C: what the judge says (duplicates, errors, warnings) located as the general reading does", function()
  -- girls only (a fixed dimension), the SEXE column not read: the boys' rows repeat the
  -- girls' keys; a count that is no whole number; a numerator above its denominator
  local mapping = write("filles.lua", [[
source "filles" {
  title = "Accès des filles",
  files = { "filles*.csv" },
  territory = { column = "COM", by = "insee" },
  period = { column = "ANNEE" },
  values = {
    INSCRITS = { indicator = "inscrits", dimensions = { sexe = "F" } },
    ACCES = { indicator = "taux_acces", role = "numerator", dimensions = { sexe = "F" } },
    DEMANDES = { indicator = "taux_acces", role = "denominator", dimensions = { sexe = "F" } },
  },
  missing = { "s" },
}
]])
  local csv = write("filles-2022.csv", table.concat({
    "COM;ANNEE;SEXE;INSCRITS;ACCES;DEMANDES",
    "05007;2022;F;12;30;40",
    "05007;2022;M;9;31;40",
    "05026;2022;F;4,5;;",
    "05077;2022;F;s;50;8",
    "05077;2021;F;3;50;8",
    "200099999;2022;F;40;1;1",
  }, "\n") .. "\n")
  local _, grep = import("filles", mapping, { csv }, false)
  local _, lrep = import("filles", mapping, { csv }, "lua")
  local _, crep = import("filles", mapping, { csv }, true)
  t.eq(crep.files[1].native, true)
  t.eq(crep.errors, grep.errors); t.eq(lrep.errors, grep.errors)
  t.eq(crep.warnings, grep.warnings)
  t.eq(accounts(crep), accounts(grep))
  t.eq(crep.error_count, grep.error_count)
  -- the duplicates of line 3, the count of line 4 at its cell (D); the numerators above
  -- their denominators (line 5 read the general way, its missing marker; line 6 in C) at
  -- the numerator's cell (E)
  t.eq(#crep.errors, 3)
  t.eq(crep.errors[1]:match("filles%-2022%.csv:3: la même observation que la ligne 2") ~= nil, true)
  t.eq(crep.errors[3]:match("filles%-2022%.csv:4:4: ") ~= nil, true)
  t.eq(#crep.warnings, 2)
  t.eq(crep.warnings[2]:match("filles%-2022%.csv:6:5: ") ~= nil, true)
end)

t.test("ctg.mapped: cells read as the general reading would, or left to it; a wrong plan refused", function()
  local mapped = require("ctg.mapped")
  local spec = { groups = { { indicator = "places", dims = {} }, { indicator = "taux", period = 2022,
    dims = { { name = "sexe", value = "F" } } } },
    cells = { { column = 2, role = "value", group = 1 }, { column = 3, role = "numerator", group = 2 },
              { column = 4, role = "value", group = 2, scale = true } },
    numbers = "french", missing = { nd = true } }
  local plan = mapped.plan(spec)
  local order = {}
  -- French numbers, whole ones as integers; the groups in the order of their first cell
  t.eq({ plan:read({ "x", "1 250", "3,0", "" }, order) }, { 1, 2 }); t.eq(order, { 1, 2 })
  t.eq({ plan:read({ "x", "", "", 0.345 }, order) }, { 2, 1 }); t.eq(order[1], 2)
  -- left to the general reading: a missing marker, blanks around a cell, a percent, a text,
  -- an international decimal in a French file, a number of 2^53 or more, a boolean
  for _, cell in ipairs({ "nd", " 12", "12\xC2\xA0", "12 %", "beaucoup", "1.250", "9007199254740993", true }) do
    t.eq(plan:read({ "x", cell, "", "" }, order), nil)
  end
  -- a share given as a number: ×100 (tonumber of %.12g, as the general reading); an integer
  -- too large to multiply without wrapping around is the general reading's
  t.eq({ plan:read({ "x", "", "", 0.345 }, order) }, { 2, 1 })
  t.eq(plan:read({ "x", "", "", math.mininteger }, order), nil)
  t.eq(plan:read({ "x", "", "", math.tointeger(2 ^ 53) }, order), nil)
  -- an empty cell is a missing value when the mapping says so: the general reading's
  spec.missing = { [""] = true }
  t.eq(mapped.plan(spec):read({ "x", "1", "", "2" }, order), nil)
  -- a wrong plan or call: refused with the argument at fault
  local function fails(f, pattern)
    local ok, err = pcall(f)
    t.eq(ok, false); t.eq(tostring(err):find(pattern, 1, true) ~= nil and pattern or tostring(err), pattern)
  end
  fails(function() mapped.plan({ groups = {}, cells = { { column = 1, role = "value", group = 1 } }, missing = {} }) end,
    "group out of range")
  fails(function() mapped.plan({ groups = { { indicator = "a", dims = {} } }, cells = { { column = 1, role = "texte", group = 1 } },
    missing = {} }) end, "invalid option 'texte'")
  fails(function() mapped.plan({ groups = { { dims = {} } }, cells = {}, missing = {} }) end, "string expected")
  fails(function() plan:put(3, nil, "a", 2022, 1) end, "no such group in this row")
  plan:read({ "x", "1", "", "" }, order)
  fails(function() plan:put(1, {}, "a", 2022, 1) end, "ctg.Judge expected")
end)
