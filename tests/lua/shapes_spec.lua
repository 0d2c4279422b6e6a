-- Plans of every shape (issue 9): the types of the new fields, actions directly in an axis,
-- fiches inside actions, plan-wide indicators, labels, and the arithmetic of groups,
-- published rates and weighted scores, computed by hand.
local t = ...
local schema = require("ctg.schema")
local suggest = require("ctg.suggest")
local eval = require("ctg.eval")

local function write(path, text)
  local f = assert(io.open(path, "w")); f:write(text); f:close()
  return path
end

local function near(a, b) return type(a) == "number" and math.abs(a - b) < 1e-9 end

t.test("names fold for matching: case, accents, hyphens and apostrophes aside", function()
  t.eq(suggest.fold("Trélon"), "trelon")
  t.eq(suggest.fold("TRÉLON"), "trelon")
  t.eq(suggest.fold("  trelon "), "trelon")
  t.eq(suggest.fold("Saint-Hilaire-sur-Helpe"), "saint hilaire sur helpe")
  t.eq(suggest.fold("Cœur d’Avesnois"), "coeur d avesnois")
  t.eq(suggest.fold("ÉÈÊËÀÂÇÔÎÏÛÙ"), "eeeeaacoiiuu")
end)

t.test("place names fold with St/Ste read as Saint/Sainte, as whole words only", function()
  t.eq(suggest.place("St-Amand-les-Eaux"), suggest.place("Saint-Amand-les-Eaux"))
  t.eq(suggest.place("ST AMAND LES EAUX"), "saint amand les eaux")
  t.eq(suggest.place("Ste-Marie-aux-Mines"), "sainte marie aux mines")
  t.eq(suggest.place("Villers-St-Ste"), "villers saint sainte")
  t.eq(suggest.place("St St"), "saint saint")
  t.eq(suggest.place("Stenay"), "stenay")
  t.eq(suggest.place("Oust"), "oust")
  t.eq(suggest.place("Trélon"), "trelon")
end)

t.test("new field types: what they accept and how they normalise", function()
  local T = schema.types
  t.eq(T.date.check("2024"), "2024"); t.eq(T.date.check("2024-06"), "2024-06"); t.eq(T.date.check(2024), "2024")
  t.eq(T.date.check("2024-13"), nil); t.eq(T.date.check("2023-02-29"), nil); t.eq(T.date.check("24-06"), nil)
  t.eq(T.level.check("epci"), "epci"); t.eq(T.level.check("EPCI"), nil); t.eq(T.level.check("quartier prioritaire"), nil)
  t.eq(T.insee.check("59601"), "59601"); t.eq(T.insee.check("2A004"), "2A004"); t.eq(T.insee.check("245900758"), "245900758")
  t.eq(T.insee.check(59601), nil); t.eq(T.insee.check("5960"), nil)
  t.eq(T.meetings.check(2), 2)
  t.eq(T.meetings.check({ default = 1, [2027] = 3 }), { default = 1, [2027] = 3 })
  t.eq(T.meetings.check({ default = 1, ["2027"] = 3 }), { default = 1, [2027] = 3 }, "YAML keys are text")
  t.eq(T.meetings.check({ default = -1 }), nil); t.eq(T.meetings.check({}), nil); t.eq(T.meetings.check({ often = 2 }), nil)
  t.eq(schema.meetings_in({ default = 1, [2027] = 3 }, 2026), 1)
  t.eq(schema.meetings_in({ default = 1, [2027] = 3 }, 2027), 3)
  t.eq(schema.meetings_in({ [2027] = 3 }, 2026), nil)
  t.eq(T.signatory.check("CAF"), "CAF")
  t.eq(T.signatory.check({ name = "CCSA", role = "Président" }), { name = "CCSA", role = "Président" })
  t.eq(T.signatory.check({ role = "Président" }), nil); t.eq(T.signatory.check({ name = "x", titre = "y" }), nil)
  t.eq(T.labels.check({ axis = "Thématique" }), { axis = "Thématique" })
  local ok, want = T.labels.check({ fiche = "Fiche" })
  t.eq(ok, nil); t.ok(want:find("'fiche' n'est pas un niveau", 1, true), want)
  t.eq(T.labels.check({ axis = "" }), nil)
  t.eq(T.places.check("all"), "all"); t.eq(T.places.check({ "a", "b" }), { "a", "b" }); t.eq(T.places.check("a"), nil)
end)

local PLAN = [[
plan "shapes" { title = "Formes", period = {2023, 2027}, labels = {axis = "Thématique", action = "Fiche"} }
territory("epci", "EPCI") { level = "epci" }
territory("a", "Commune A") { level = "commune", parent = "epci" }
territory("b", "Commune B") { level = "commune", parent = "epci" }
territory("c", "Commune C") { level = "commune", parent = "epci" }
territory("a1", "Quartier A1") { level = "quartier", parent = "a" }
territory("a2", "Quartier A2") { level = "quartier", parent = "a" }
group("g", "A1 et B") { territories = {"a1", "b"} }
indicator "couverture" { label = "Couverture", kind = "ratio", scale = 100, numerator = "places", denominator = "enfants", time = "sum" }
axis(1, "Thématique") {
  action(1, "Fiche directe") {
    diagnostic = "d", followed_by = "Texte libre",
    indicator "satisfaction" { label = "Satisfaction", kind = "score", by = {"public"} },
  },
  action(2, "Fiche sans rien"),
}
axis(2, "Classique") {
  objective("2-1", "Objectif") { action(3, "Action") { step("A", "Étape") } },
}
]]

t.test("an action directly in an axis, its own fiche, a plan-wide indicator, the plan's labels", function()
  local p = ctg.load(write(t.tmpdir() .. "/shapes.lua", PLAN))
  t.eq(#p:axis(1).actions, 2); t.eq(#p:axis(1).objectives, 0); t.eq(#p:axis(2).objectives, 1)
  t.eq(p:action(1):objective(), nil); t.eq(p:action(1):axis().number, 1)
  t.eq(p:action(3):objective().code, "2-1"); t.eq(p:action(3):axis().number, 2)
  local s = p:sheet_of(1)
  t.eq(s.code, "1"); t.eq(s.diagnostic, "d"); t.eq(s.actions, { 1 }); t.eq(#s.indicators, 1)
  t.eq(p:action(1).diagnostic, nil, "the fiche's fields live on the fiche")
  t.eq(p:sheet_of(2), nil, "an action with no fiche field has no fiche")
  t.eq(p:indicator("satisfaction").sheet, "1")
  t.eq(p:indicator("couverture").sheet, nil); t.eq(#p:plan_indicators(), 1)
  t.eq(tostring(p:indicator("couverture")), "Indicateur couverture — Couverture (taux, tout le plan)")
  t.eq(p:levels(), { "axis", "objective", "action", "step" })
  t.eq(tostring(p:axis(1)), "Thématique 1 — Thématique (2 fiches)")
  t.eq(p:root().code, "epci"); t.eq(select(2, p:place("g")), "group"); t.eq(select(2, p:place("a1")), "territory")
  t.eq(p:place("zz"), nil)
  t.eq(p:counts().groups, 1)
end)

t.test("the YAML export of that shape reads back as the same plan", function()
  local dir = t.tmpdir()
  local p = ctg.load(write(dir .. "/shapes.lua", PLAN))
  local yaml = require("ctg.export").yaml(p)
  t.ok(not yaml:find("objectives: %[%]"), "no empty level written")
  local q = ctg.load(write(dir .. "/shapes.yaml", yaml))
  t.eq(require("ctg.export").yaml(q), yaml)
  t.eq(#require("ctg.diff").plans(p, q), 0)
  t.eq(q:sheet_of(1).diagnostic, "d"); t.eq(q:indicator("couverture").sheet, nil)
end)

-- A database with the shapes plan and rows put through the checker.
local function ev_of(rows_list)
  local dir = t.tmpdir()
  local d = ctg.open(dir .. "/s.db", { create = true })
  d:store_plan(ctg.load(write(dir .. "/shapes.lua", PLAN)), {})
  d:transaction(function() for _, r in ipairs(rows_list) do d:put(r) end end)
  return eval.new(d:plan(), d, { as_of = "2027-12-31" }), d
end

t.test("a group is Σnumerator / Σdenominator of its members, at any depth", function()
  local ev = ev_of {
    { indicator = "couverture", period = 2024, territory = "a1", numerator = 1, denominator = 4 },
    { indicator = "couverture", period = 2024, territory = "a2", numerator = 3, denominator = 4 },
    { indicator = "couverture", period = 2024, territory = "b", numerator = 9, denominator = 36 },
    { indicator = "couverture", period = 2024, territory = "c", numerator = 10, denominator = 10 },
  }
  local g = ev:value("couverture", { period = 2024, territory = "g" })
  t.eq({ g.numerator, g.denominator }, { 10, 40 }); t.ok(near(g.value, 25), tostring(g.value))
  local a = ev:value("couverture", { period = 2024, territory = "a" })
  t.eq({ a.numerator, a.denominator }, { 4, 8 })
  local e = ev:value("couverture", { period = 2024 })
  t.eq(e.territory, "epci"); t.eq({ e.numerator, e.denominator }, { 23, 54 })
end)

t.test("a published rate is shown for itself; every roll-up that includes it is partial and names it", function()
  local ev = ev_of {
    { indicator = "couverture", period = 2024, territory = "a1", value = 42.5 },
    { indicator = "couverture", period = 2024, territory = "a2", numerator = 3, denominator = 4 },
    { indicator = "couverture", period = 2024, territory = "b", numerator = 9, denominator = 36 },
    { indicator = "couverture", period = "2025-01", territory = "c", value = 10 },
    { indicator = "couverture", period = "2025-02", territory = "c", value = 12 },
  }
  local r = ev:value("couverture", { period = 2024, territory = "a1" })
  t.eq(r.value, 42.5); t.eq(r.published, true); t.eq(r.numerator, nil)
  local a = ev:value("couverture", { period = 2024, territory = "a" })
  t.eq(a.value, 75); t.eq(a.partial, true); t.eq(a.missing[1].territory, "a1")
  t.eq(a.missing[1].reason_code, "published_only")
  t.eq(ev:value("couverture", { period = 2024, territory = "b" }).value, 25)
  local m = ev:value("couverture", { period = 2025, territory = "c" })
  t.eq(m.value, nil)
  t.eq(m.reason, "non agrégeable : plusieurs taux publiés sans numérateur ni dénominateur pour Commune C en 2025")
end)

t.test("a score is weighted by its respondents across territories and dimension values", function()
  local ev = ev_of {
    { indicator = "satisfaction", period = 2024, territory = "a", public = "parents", value = 4, respondents = 30 },
    { indicator = "satisfaction", period = 2024, territory = "a", public = "enfants", value = 2, respondents = 10 },
    { indicator = "satisfaction", period = 2024, territory = "b", value = 3, numerator = 4, denominator = 20 },
    { indicator = "satisfaction", period = 2025, territory = "a", value = 4 },
    { indicator = "satisfaction", period = 2025, territory = "b", value = 2, respondents = 100 },
  }
  -- (4×30 + 2×10 + 3×20) / 60 = 200 / 60; the unweighted mean of means would be 3
  local r = ev:value("satisfaction", { period = 2024 })
  t.ok(near(r.value, 200 / 60), tostring(r.value)); t.eq(r.respondents, 60); t.eq(r.unweighted, nil)
  local a = ev:value("satisfaction", { period = 2024, territory = "a" })
  t.ok(near(a.value, 3.5), tostring(a.value))
  local by = ev:breakdown("satisfaction", "public", { period = 2024, territory = "a" })
  t.eq(by[1].dimensions, { public = "enfants" }); t.eq(by[1].value, 2)
  local u = ev:value("satisfaction", { period = 2025 })
  t.eq(u.value, 3); t.eq(u.unweighted, true)
  t.eq(u.note, "moyenne non pondérée de 2 moyennes (nombre de répondants inconnu)")
end)

t.test("rows name a territory by code or folded title; ambiguity and groups are refused", function()
  local dir = t.tmpdir()
  local p = ctg.load(write(dir .. "/p.lua", PLAN .. [[
territory("b-bourg", "Commune-B") { level = "quartier", parent = "b" }
]]))
  local c = require("ctg.rows").checker(require("ctg.rows").outline(p))
  t.eq(c:territory("a1"), "a1"); t.eq(c:territory("QUARTIER a1"), "a1"); t.eq(c:territory("commune a"), "a")
  local none, why = c:territory("commune b")
  t.eq(none, nil)
  t.eq(why, "territoire « commune b » ambigu : il désigne b (« Commune B »), b-bourg (« Commune-B ») ; écrivez le code du territoire voulu")
  local _, gwhy = c:territory("g")
  t.ok(gwhy:find("« g » est un groupe de territoires", 1, true), gwhy)
  local _, uwhy = c:territory("Comune Z")
  t.ok(uwhy:find("territoire inconnu 'Comune Z'", 1, true), uwhy)
end)

t.test("a row without territory is for the root, and is refused when the plan has several roots", function()
  local dir = t.tmpdir()
  local one = require("ctg.rows").checker(require("ctg.rows").outline(ctg.load(write(dir .. "/one.lua", PLAN))))
  local row = one:observation({ indicator = "couverture", period = 2024, numerator = 1, denominator = 2 })
  t.eq(row.territory, "epci")
  local two = ctg.load(write(dir .. "/two.lua", PLAN .. 'territory("autre", "Autre EPCI") { level = "epci" }\n'))
  t.eq(two:roots(), { "epci", "autre" }); t.eq(two:root().code, "epci")
  local none, errors = require("ctg.rows").checker(require("ctg.rows").outline(two)):observation({ indicator = "couverture", period = 2024, numerator = 1, denominator = 2 })
  t.eq(none, nil); t.eq(errors[1].message, "territoire absent : donnez territory (le plan a plusieurs territoires racines)")
end)

t.test("a partial date reads right after its preposition", function()
  local date = require("ctg.date")
  t.eq(date.french_after("2021-03-19", "le"), "le 19 mars 2021")
  t.eq(date.french_after("2023-06", "le"), "en juin 2023")
  t.eq(date.french_after("2023", "le"), "en 2023")
  t.eq(date.french_after("2023-06-12", "du"), "du 12 juin 2023")
  t.eq(date.french_after("2023-06", "du"), "de juin 2023")
  t.eq(date.french_after("2023-04", "du"), "d'avril 2023")
  t.eq(date.french_after("2023-08", "du"), "d'août 2023")
  t.eq(date.french_after("2023", "du"), "de 2023")
  t.eq(date.french_after("2021-03-05", "depuis le"), "depuis le 5 mars 2021")
  t.eq(date.french_after("2023-07", "depuis le"), "depuis juillet 2023")
  t.eq(date.french_after("2023-07-01", "le"), "le 1er juillet 2023")
  t.eq(select(2, date.french_after("2023-13", "le")), "date \"2023-13\" : le mois 13 n'existe pas (un mois va de 01 à 12)")
end)
