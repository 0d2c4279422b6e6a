-- ctg.options: the one checker of the API's options tables (issue 26). On a plan of its own:
-- two communes whose quarters share a title, a group, INSEE codes.
local t = ...
local options = require("ctg.options")

local function plan_file()
  local path = t.tmpdir() .. "/deux.lua"
  local f = assert(io.open(path, "w"))
  f:write([[
plan "deux-rives" { title = "Deux rives", period = {2024, 2028} }
territoire("agglo", "Agglomération des Deux Rives") { niveau = "epci" }
territoire("rive-g", "Rive gauche") { niveau = "commune", parent = "agglo", insee = "33063" }
territoire("rive-d", "Rive droite") { niveau = "commune", parent = "agglo", insee = "33064" }
territoire("centre-g", "Centre") { niveau = "quartier", parent = "rive-g" }
territoire("centre-d", "Centre") { niveau = "quartier", parent = "rive-d" }
groupe("centres", "Les centres") { territoires = {"centre-g", "centre-d"} }
axe(1, "Enfance") { action(1, "Accueillir") }
fiche { actions = {1}, indicateur "accueils" { libelle = "Accueils", nature = "comptage" } }
]])
  f:close()
  return ctg.load(path)
end

t.test("keys: English or French, accented or not, as the caller wrote them; a new table of English keys", function()
  local opts = { territoire = "rive-g", ["période"] = 2025, connu_au = "2024-01-01" }
  local o = options.check(opts, { "territory", "period", "known_at" }, "f")
  t.eq(o, { territory = "rive-g", period = "2025", known_at = "2024-01-01" })
  t.eq(opts.territoire, "rive-g", "the caller's table is left as it is")
  t.eq(options.check(nil, { "period" }, "f"), {})
end)

t.test("keys: an unknown one, one given twice, options that are not a table", function()
  t.raises(function() options.check({ teritoire = 1 }, { "territory", "period" }, "f") end,
    "f : option inconnue 'teritoire' (vouliez-vous dire 'territoire' ?) ; options possibles : territory/territoire, period/periode")
  t.raises(function() options.check({ xyz = 1 }, { "period" }, "f") end, "f : option inconnue 'xyz' ; options possibles : period/periode")
  t.raises(function() options.check({ periode = 1, ["période"] = 2 }, { "period" }, "f") end, "est donnée deux fois")
  t.raises(function() options.check({ [1] = 2023 }, { "period" }, "f") end, "f : option inconnue '1'")
  t.raises(function() options.check("2023", { "period" }, "f") end, "f : les options sont une table ({ période = 2023, … }), pas \"2023\"")
  t.raises(function() options.check(setmetatable({}, { __name = "Plan" }), { "period" }, "f") end, "pas une table (Plan)")
end)

t.test("errors name the caller's line, never the library's", function()
  local line = debug.getinfo(1, "l").currentline + 1
  local ok, err = pcall(options.check, { bad = 1 }, { "period" }, "f")
  t.ok(not ok)
  t.ok(err:find("options_spec.lua:" .. line .. ": f : option inconnue 'bad'", 1, true), err)
end)

t.test("territories: code, title or INSEE code (case and accents aside), object; unknown and ambiguous ones", function()
  local p = plan_file()
  local function at(v) return options.check({ territory = v }, { "territory" }, "f", { plan = p }).territory end
  t.eq(at("rive-g"), "rive-g")
  t.eq(at("RIVE DROITE"), "rive-d")
  t.eq(at("33063"), "rive-g")
  t.eq(at(p:root()), "agglo")
  t.eq(at(p:group("centres")), "centres")
  t.eq(at("Les Centres"), "centres")
  t.raises(function() at("Centre") end,
    "f : le nom 'Centre' désigne plusieurs territoires : centre-g (« Centre »), centre-d (« Centre ») ; donnez le code")
  t.raises(function() at("rive-dd") end, "f : territoire inconnu 'rive-dd' (vouliez-vous dire 'rive-d' ?)")
  t.raises(function() at("rive-gauch") end, "f : territoire inconnu 'rive-gauch' (vouliez-vous dire 'Rive gauche' ?)")
  t.raises(function() at("Saint-Tropez") end, "f : territoire inconnu 'Saint-Tropez'")
  t.raises(function() at(true) end, "f : l'option territory attend un territoire (code, nom, code INSEE ou objet territoire), pas true")
end)

t.test("indicators, periods, dates and types", function()
  local p = plan_file()
  local ctx = { plan = p, range = { 2023, 2028 } }
  t.eq(options.check({ indicateur = "accueils" }, { "indicator" }, "f", ctx).indicator, "accueils")
  t.raises(function() options.check({ indicator = "acueils" }, { "indicator" }, "f", ctx) end,
    "f : indicateur inconnu 'acueils' (vouliez-vous dire 'accueils' ?)")
  t.raises(function() options.check({ indicator = "zzz" }, { "indicator" }, "f", ctx) end, "(plan.indicators les liste)")
  t.eq(options.check({ period = "2024-2025" }, { "period" }, "f", ctx).period, "2024-2025")
  t.raises(function() options.check({ period = 2022 }, { "period" }, "f", ctx) end,
    "f : option period : la période 2022 est hors du plan et de ses données (2023-2028)")
  t.raises(function() options.check({ periode = "2024-2026" }, { "period" }, "f", ctx) end, "f : option periode : période \"2024-2026\" invalide")
  t.raises(function() options.check({ au = "31/12/2024" }, { "as_of" }, "f") end, "f : option au : date \"31/12/2024\" illisible")
  t.raises(function() options.check({ unassessed = 1 }, { "unassessed" }, "f") end, "f : l'option unassessed attend true ou false, pas 1")
  t.raises(function() options.check({ max_cells = 1.5 }, { "max_cells" }, "f") end, "attend un nombre entier")
  t.raises(function() options.check({ dim_value = {} }, { "dim_value" }, "f") end, "attend un texte ou un nombre, pas une table")
end)

t.test("known-at: not in the future, not before the database's first import, not on a database without imports", function()
  local d = ctg.open(t.tmpdir() .. "/k.db", { create = true })
  t.raises(function() options.check({ known_at = "2024-05-01" }, { "known_at" }, "f", { db = d }) end,
    "f : option known_at : la base " .. d.path .. " n'a reçu aucune importation")
  t.raises(function() options.check({ connu_au = "9999-12-31" }, { "known_at" }, "f") end,
    "f : option connu_au : le 31 décembre 9999 est dans le futur")
  d:store_plan(plan_file())
  d:put({ indicator = "accueils", period = 2024, territory = "rive-g", value = 3 })
  local today = require("ctg.date").today():iso()
  t.eq(options.check({ known_at = today }, { "known_at" }, "f", { db = d }).known_at, today)
  t.raises(function() options.check({ known_at = "2001" }, { "known_at" }, "f", { db = d }) end,
    "f : option known_at : rien n'était encore importé le 31 décembre 2001 (première importation le ")
  d:close()
end)

t.test("the API's entry points use it: ctg.open, ctg.evaluate, ev:value, db:observations", function()
  local path = t.tmpdir() .. "/api.db"
  t.raises(function() ctg.open(path) end, path .. " : base de données introuvable")
  t.raises(function() ctg.export(plan_file(), "yml") end, "ctg.export : format inconnu 'yml' (vouliez-vous dire 'yaml' ?)")
  t.raises(function() require("ctg.eval").explain(3) end, "explain(v) attend une valeur rendue par ev:value(…), pas une valeur de type number")
  t.raises(function() ctg.open(3) end, "ctg.open attend le chemin d'un fichier de base, pas une valeur de type number")
  local line = debug.getinfo(1, "l").currentline + 1
  local ok, err = pcall(ctg.open, path, { lecture_seule = true })
  t.ok(not ok and err:find("options_spec.lua:" .. line .. ": " .. path .. " : base de données introuvable", 1, true), err)
  local d = ctg.open(path, { creer = true })
  local p = plan_file()
  d:store_plan(p)
  d:put({ indicator = "accueils", period = 2025, territory = "centre-g", value = 4 })
  d:put({ indicator = "accueils", period = 2026, territory = "centre-d", value = 6 })
  t.raises(function() ctg.evaluate("plan.lua", d) end, "ctg.evaluate attend un plan (ctg.load(…), db:plan()) ou nil, pas une valeur de type string")
  t.raises(function() ctg.evaluate(p, "ctg.db") end, "ctg.evaluate attend une base (ctg.open()), pas une valeur de type string")
  local ev = ctg.evaluate(p, d, { periode = 2026, territoire = "Rive droite" })
  t.eq(ev.territory, "rive-d")
  t.eq(ev:value("accueils").value, 6)
  t.eq(ev:value("accueils", { territory = "centres", period = 2025 }).value, 4)
  t.eq(ev:periods_with_data("accueils", { territory = "centres" }), { "2025", "2026" })
  t.eq(ev:periods_with_data("accueils", { territory = "rive-g" }), { "2025" })
  t.raises(function() ev:value("accueils", { territory = "Centre" }) end, "ev:value : le nom 'Centre' désigne plusieurs territoires")
  t.raises(function() d:observations({ territoire = "Centre" }) end, "db:observations : le nom 'Centre' désigne plusieurs territoires")
  local n = 0
  for r in d:observations({ territoire = "centre-d", indicateur = "accueils" }) do n = n + r.value end
  t.eq(n, 6)
  d:close()
end)
