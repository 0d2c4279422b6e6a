-- What analysts call in scripts: ctg.stats, French collation (ctg.fmt.sort_key/compare),
-- tables of values (ev:table, ctg.table, db:query) and their methods, ctg.csv. Values are
-- computed by hand on the eval test plan (tests/fixtures/plans/eval.lua: a city "ville",
-- t1 with q1 and q2, t2).
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/tests/fixtures/plans/eval.lua"
local stats = require("ctg.stats")
local fmt = require("ctg.fmt")
local THIS = "analysis_spec.lua:"

local function near(a, b) return type(a) == "number" and math.abs(a - b) < 1e-9 end

-- ---- ctg.stats ----------------------------------------------------------------------------

t.test("stats: mean, median (odd and even counts), weighted mean, by hand", function()
  t.eq(stats.mean({ 12, 15, 9 }), 12.0)
  t.eq(stats.median({ 9, 30, 12 }), 12)
  t.eq(stats.median({ 12, 15, 9, 30 }), 13.5)
  t.eq(stats.weighted_mean({ 10, 20 }, { 1, 3 }), 17.5)
  t.eq(stats.sum({ 1, 2, 3.5 }), 6.5)
end)

t.test("stats: quantile interpolates between ranks (R type 7): 0, 1, 0.9, 0.25", function()
  local xs = { 5, 1, 4, 2, 3 }
  t.eq(stats.quantile(xs, 0), 1)
  t.eq(stats.quantile(xs, 1), 5)
  t.ok(near(stats.quantile(xs, 0.9), 4.6))
  t.eq(stats.quantile({ 10, 20, 30, 40 }, 0.25), 17.5)
  t.eq(xs, { 5, 1, 4, 2, 3 }, "the list is not sorted in place")
end)

t.test("stats: nothing to average is nil (not available), never 0", function()
  t.eq(stats.mean({}), nil)
  t.eq(stats.median({}), nil)
  t.eq(stats.quantile({}, 0.5), nil)
  t.eq(stats.weighted_mean({ 1, 2 }, { 0, 0 }), nil)
end)

t.test("stats: a quantile outside 0-1 is a French error at the caller's line", function()
  local ok, err = pcall(function() return stats.quantile({ 1, 2 }, 1.5) end)
  t.ok(not ok)
  t.ok(err:find(THIS, 1, true), err)
  t.ok(err:find("p doit être un nombre de 0 à 1", 1, true), err)
  t.ok(err:find("pas 1,5", 1, true), err)
  t.raises(function() stats.quantile({ 1 }, -0.01) end, "de 0 à 1")
  t.raises(function() stats.quantile({ 1 }, "0.5") end, "de 0 à 1")
end)

t.test("stats: a list with a text or a hole names the item; weights checked", function()
  t.raises(function() stats.mean({ 1, "2", 3 }) end, "l'élément 2 n'est pas un nombre")
  t.raises(function() stats.mean(nil) end, "ctg.stats.mean attend une liste de nombres")
  t.raises(function() stats.weighted_mean({ 1, 2 }, { 1 }) end, "2 valeurs mais 1 poids")
  t.raises(function() stats.weighted_mean({ 1, 2 }, { 1, -1 }) end, "le poids 2 est négatif")
end)

-- ---- French collation ---------------------------------------------------------------------

t.test("collation: accents and case folded first, then accents, then bytes", function()
  local names = { "Villeneuve", "Étigny", "etigny", "Zèbre", "épinal", "Abbeville", "Élan", "elan", "Œuvre", "Oeuf" }
  table.sort(names, fmt.compare)
  t.eq(names, { "Abbeville", "elan", "Élan", "épinal", "etigny", "Étigny", "Oeuf", "Œuvre", "Villeneuve", "Zèbre" })
end)

t.test("collation: numbers first by value, then texts, nil last; hyphens as spaces", function()
  t.ok(fmt.compare(2, 10))
  t.ok(fmt.compare(10, "a"))
  t.ok(fmt.compare("z", nil))
  t.ok(not fmt.compare(nil, "z"))
  t.ok(not fmt.compare("x", "x"))
  t.ok(fmt.sort_key("Saint-Amand") < fmt.sort_key("Saint Hilaire"))
  t.ok(fmt.sort_key("Saint Amand") < fmt.sort_key("Saint-Amand"), "a tie broken the same way every time")
  t.raises(function() fmt.sort_key(3) end, "fmt.sort_key")
end)

-- ---- tables without a plan ----------------------------------------------------------------

local function sample()
  return ctg.table({
    { commune = "Villeneuve", annee = 2023, taux = 12.5 },
    { commune = "Étigny", annee = 2023, taux = 30 },
    { commune = "avallon", annee = 2024, taux = 20 },
    { commune = "Étigny", annee = 2024 },
    { commune = "Villeneuve", annee = 2024, taux = 10 },
  }, { "commune", "annee", "taux" })
end

t.test("table: rows at t[i], columns in order, column() leaves missing values out and counts them", function()
  local tab = sample()
  t.eq(#tab, 5)
  t.eq(tab:columns(), { "commune", "annee", "taux" })
  local values, missing = tab:column("taux")
  t.eq(values, { 12.5, 30, 20, 10 })
  t.eq(missing, 1)
  t.eq(getmetatable(tab).columns, { "commune", "annee", "taux" })
end)

t.test("table: sort in French order, descending with '-', missing last, stable ties", function()
  local tab = sample()
  local names = {}
  for i, r in ipairs(tab:sort("commune")) do names[i] = r.commune .. r.annee end
  t.eq(names, { "avallon2024", "Étigny2023", "Étigny2024", "Villeneuve2023", "Villeneuve2024" })
  local by = tab:sort { by = "-taux" }
  t.eq({ by[1].taux, by[2].taux, by[3].taux, by[4].taux, by[5].taux }, { 30, 20, 12.5, 10, nil })
  local asc = tab:sort { by = "taux" }
  t.eq(asc[5].commune, "Étigny", "missing value last ascending too")
  local two = tab:sort { by = { "annee", "-taux" } }
  t.eq({ two[1].commune, two[2].commune, two[3].commune }, { "Étigny", "Villeneuve", "avallon" })
  t.eq(tab[1].commune, "Villeneuve", "the table sorted is left as it was")
end)

t.test("table: filter by function and by equalities (a year as number or text)", function()
  local tab = sample()
  t.eq(#tab:filter(function(r) return (r.taux or 0) > 15 end), 2)
  t.eq(#tab:filter { annee = "2024" }, 3)
  t.eq(#tab:filter { annee = 2024, commune = "Étigny" }, 1)
  t.eq(#tab:head(2), 2)
  t.eq(#tab:head(10), 5)
end)

t.test("table: group with count, sum, mean, median, quantile, min, max and missing counts", function()
  local g = sample():group { by = "annee", mean = "taux", sum = "taux", median = "taux", max = "taux", min = "taux",
                             quantile = { "taux", 0.5 } }
  t.eq(g:columns(), { "annee", "count", "sum_taux", "mean_taux", "median_taux", "min_taux", "max_taux", "p50_taux",
                      "missing_taux" })
  t.eq(#g, 2)
  t.eq({ g[1].annee, g[1].count, g[1].sum_taux, g[1].mean_taux, g[1].missing_taux }, { 2023, 2, 42.5, 21.25, nil })
  t.eq({ g[2].annee, g[2].count, g[2].sum_taux, g[2].mean_taux, g[2].missing_taux }, { 2024, 3, 30, 15.0, 1 })
  t.eq({ g[2].median_taux, g[2].p50_taux, g[2].min_taux, g[2].max_taux }, { 15.0, 15.0, 10, 20 })
  local all = sample():group { mean = "taux" }
  t.eq({ #all, all[1].count, all[1].mean_taux }, { 1, 5, 18.125 })
  local french = sample():group { par = "commune", moyenne = "taux" }
  t.eq({ french[1].commune, french[2].commune, french[3].commune }, { "avallon", "Étigny", "Villeneuve" })
end)

t.test("table: a column or an option that does not exist is an error at the caller's line with a suggestion", function()
  local tab = sample()
  local ok, err = pcall(function() return tab:sort("comune") end)
  t.ok(not ok)
  t.ok(err:find(THIS, 1, true), err)
  t.ok(err:find("t:sort : colonne inconnue 'comune' (vouliez-vous dire 'commune' ?)", 1, true), err)
  t.raises(function() tab:group { by = "anne", mean = "taux" } end, "colonne inconnue 'anne' (vouliez-vous dire 'annee' ?)")
  t.raises(function() tab:group { by = "annee", moyene = "taux" } end, "t:group : option inconnue 'moyene' (vouliez-vous dire 'moyenne' ?)")
  t.raises(function() tab:group { by = "annee", quantile = { "taux", 2 } } end, "p doit être un nombre de 0 à 1")
  t.raises(function() tab:sort { by = "taux", decending = true } end, "option inconnue 'decending'")
  t.raises(function() tab:filter { comune = "x" } end, "t:filter : colonne inconnue 'comune'")
  t.raises(function() tab:column("tau") end, "vouliez-vous dire 'taux'")
  t.raises(function() tab:columns("commune", "valeur") end, "colonne inconnue 'valeur'")
  t.raises(function() tab:write(t.tmpdir() .. "/x.csv", { dialet = "intl" }) end, "option inconnue 'dialet' (vouliez-vous dire 'dialect' ?)")
  t.raises(function() tab:write(t.tmpdir() .. "/x.ods") end, "format de fichier inconnu")
  t.raises(function() tab:head(-1) end, "t:head attend un nombre entier")
  t.raises(function() ctg.table({ { a = 1 }, 2 }) end, "ctg.table : la ligne 2 n'est pas une table")
  t.raises(function() ctg.table("x") end, "ctg.table attend une liste de lignes")
  t.raises(function() ctg.csv.write(t.tmpdir() .. "/x.csv", { "x" }) end, "ctg.csv.write : la ligne 1 n'est pas une table")
end)

t.test("table: print gives a grid with French numbers and the row count", function()
  local s = tostring(sample():sort("commune"))
  t.ok(s:find("commune     annee  taux", 1, true), s)
  t.ok(s:find("Villeneuve  2023   12,5", 1, true), s)
  t.ok(s:find("(5 lignes)", 1, true), s)
  t.ok(tostring(sample():filter { commune = "x" }):find("(aucune ligne)", 1, true))
end)

-- ---- write and read back ------------------------------------------------------------------

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

t.test("write: French CSV (BOM, ';', decimal comma), international CSV, JSON; read back equal", function()
  local dir = t.tmpdir()
  local tab = sample()
  tab:write(dir .. "/fr.csv")
  local fr = slurp(dir .. "/fr.csv")
  t.eq(fr:sub(1, #"\239\187\191commune;annee;taux\r\nVilleneuve;2023;12,5\r\n"), "\239\187\191commune;annee;taux\r\nVilleneuve;2023;12,5\r\n")
  tab:write(dir .. "/en.csv", { dialect = "intl" })
  local en = slurp(dir .. "/en.csv")
  t.eq(en:sub(1, #"commune,annee,taux\nVilleneuve,2023,12.5\n"), "commune,annee,taux\nVilleneuve,2023,12.5\n")
  tab:write(dir .. "/t.json")
  local json = slurp(dir .. "/t.json")
  t.ok(json:find('"commune": "Villeneuve",\n    "annee": 2023,\n    "taux": 12.5', 1, true), json)
  for _, name in ipairs({ "fr.csv", "en.csv" }) do
    local back = ctg.csv.read(dir .. "/" .. name)
    t.eq(back:columns(), { "commune", "annee", "taux" }, name)
    t.eq(#back, 5, name)
    t.eq(back[1], { commune = "Villeneuve", annee = 2023, taux = 12.5 }, name)
    t.eq(back[4], { commune = "Étigny", annee = 2024 }, name .. ": an empty cell is absent")
  end
end)

t.test("write: a path in a missing folder is an error at the caller's line, nothing written", function()
  local dir = t.tmpdir()
  local ok, err = pcall(function() return sample():write(dir .. "/absent/valeurs.csv") end)
  t.ok(not ok)
  t.ok(err:find(THIS, 1, true), err)
  t.ok(err:find("t:write : impossible d'écrire " .. dir .. "/absent/valeurs.csv : répertoire inexistant", 1, true), err)
  t.raises(function() sample():write(dir .. "/absent/v.xlsx") end, "répertoire inexistant")
  t.raises(function() ctg.csv.write(dir .. "/absent/v.csv", {}) end, "ctg.csv.write : impossible d'écrire")
end)

t.test("csv: read errors name the file and line in French; numbers = false keeps texts", function()
  local dir = t.tmpdir()
  local function file(name, text)
    local f = assert(io.open(dir .. "/" .. name, "wb"))
    f:write(text)
    f:close()
    return dir .. "/" .. name
  end
  t.raises(function() ctg.csv.read(file("w.csv", "a;b\n1;2;3\n")) end, "w.csv:2: 3 cellules, l'en-tête en a 2")
  t.raises(function() ctg.csv.read(file("h.csv", "a;a\n1;2\n")) end, "h.csv:1: la colonne « a » est deux fois")
  t.raises(function() ctg.csv.read(file("q.csv", "a;b\n1;\"x\n")) end, "q.csv:2:3: guillemet ouvert ici et jamais refermé")
  t.raises(function() ctg.csv.read(dir .. "/absent.csv") end, "impossible d'ouvrir le fichier")
  t.raises(function() ctg.csv.read(file("o.csv", "a\n1\n"), { nombre = false }) end, "option inconnue 'nombre' (vouliez-vous dire 'nombres' ?)")
  local texts = ctg.csv.read(file("n.csv", "code;n\n01;1 600,5\n"), { numbers = false })
  t.eq(texts[1], { code = "01", n = "1 600,5" })
  local numbers = ctg.csv.read(dir .. "/n.csv")
  t.eq(numbers[1].n, 1600.5)
end)

-- ---- ev:table on the eval plan ------------------------------------------------------------

local function evaluation(rows_list)
  local d = ctg.open(t.tmpdir() .. "/a.db", { create = true })
  d:store_plan(ctg.load(PLAN), {})
  d:transaction(function()
    for _, r in ipairs(rows_list) do d:put(r) end
  end)
  return require("ctg.eval").new(d:plan(), d, { period = 2024, as_of = "2024-12-31" }), d
end

local ROWS = {
  { indicator = "taux", period = 2023, territory = "q1", numerator = 1, denominator = 4 },
  { indicator = "taux", period = 2023, territory = "q2", numerator = 3, denominator = 4 },
  { indicator = "taux", period = 2024, territory = "q1", numerator = 2, denominator = 4 },
  { indicator = "taux", period = 2024, territory = "t2", numerator = 9, denominator = 10 },
  { indicator = "stock", period = 2024, territory = "t2", value = 7 },
}

t.test("ev:table: every territory and period in one pass, the same values as ev:value", function()
  local ev = evaluation(ROWS)
  local tab = ev:table { indicators = "taux", territories = "all", periods = "all" }
  local years = ev:first_year()
  t.eq(#tab, 5 * (2024 - years + 1), "5 places a year")
  for _, r in ipairs(tab) do
    local v = ev:value("taux", { period = r.period, territory = r.territory })
    t.eq(r.value, v.value, r.period .. " " .. r.territory)
    t.eq(r.status, v.status, r.period .. " " .. r.territory)
  end
  local city = tab:filter { territory = "ville", period = "2023" }[1]
  t.eq({ city.numerator, city.denominator, city.value }, { 4, 8, 50.0 })
  t.eq(city.territory_title, "Ville")
  t.eq(tab:columns(), { "indicator", "period", "territory", "value", "numerator", "denominator", "target", "status",
                        "reason", "note", "missing_territories" })
  -- 2024: q2 has nothing, so t1 = q1 alone and says what it lacks
  local t1 = tab:filter { territory = "t1", period = 2024 }[1]
  t.eq(t1.value, 50.0)
  t.eq(t1.missing_territories, { "q2" })
end)

t.test("ev:table: members, a list given by code or title, periods, a dimension", function()
  local ev = evaluation(ROWS)
  local members = ev:table { indicators = { "taux", "stock" }, territories = "members" }
  t.eq(#members, 4)
  t.eq({ members[1].territory, members[2].territory, members[3].indicator }, { "t1", "t2", "stock" })
  local some = ev:table { indicateurs = "taux", territoires = { "Territoire 2", "q1" }, periodes = { 2023, "2024" } }
  t.eq(#some, 4)
  t.eq({ some[1].territory, some[1].period, some[4].territory, some[4].period }, { "t2", "2023", "q1", "2024" })
  t.eq(some[4].value, 50.0)
end)

t.test("ev:table: top territories by rate, mean per year (an analyst's questions)", function()
  local ev = evaluation(ROWS)
  local tab = ev:table { indicators = "taux", territories = { "q1", "q2", "t2" }, periods = { 2023, 2024 } }
  local top = tab:filter { period = "2024" }:sort { by = "value", desc = true }:head(2)
  t.eq({ top[1].territory, top[2].territory }, { "t2", "q1" })
  local g = tab:group { by = "period", mean = "value" }
  t.eq({ g[1].period, g[1].mean_value, g[1].missing_value }, { "2023", 50.0, 1 })
  t.ok(near(g[2].mean_value, 70), tostring(g[2].mean_value))
end)

t.test("ev:table: unknown options, indicators, territories, periods and dimensions are errors here", function()
  local ev = evaluation(ROWS)
  local ok, err = pcall(function() return ev:table { teritories = "all" } end)
  t.ok(not ok)
  t.ok(err:find(THIS, 1, true), err)
  t.ok(err:find("ev:table : option inconnue 'teritories' (vouliez-vous dire 'territories' ?)", 1, true), err)
  t.raises(function() ev:table { indicators = "tau" } end, "ev:table : indicateur inconnu 'tau' (vouliez-vous dire 'taux' ?)")
  t.raises(function() ev:table { territories = { "t3" } } end, "ev:table : territoire inconnu 't3' (vouliez-vous dire 't1' ?)")
  t.raises(function() ev:table { periods = { "2023-13" } } end, "ev:table : période invalide")
  t.raises(function() ev:table { by = "stp" } end, "ev:table : dimension inconnue 'stp' (vouliez-vous dire 'step' ?)")
  t.raises(function() ev:table { by = "etape" } end, "ev:table : dimension inconnue 'etape' (possibles : step)")
  t.raises(function() ev:table { territories = 3 } end, "l'option 'territories' attend")
end)

t.test("ev:table: written as CSV in French with the statuses in words; db:query results are tables", function()
  local ev, d = evaluation(ROWS)
  local dir = t.tmpdir()
  ev:table { indicators = "taux", territories = { "t2" } }:write(dir .. "/v.csv")
  local text = slurp(dir .. "/v.csv")
  t.ok(text:find("Indicateur;Période;Territoire;Valeur;Numérateur;Dénominateur;Cible;Statut;Motif", 1, true), text)
  t.ok(text:find("taux;2024;t2;90;9;10;;", 1, true), text)
  local q = d:query("SELECT 2 AS b, 'x' AS a")
  t.eq(q:columns(), { "b", "a" })
  t.eq(q[1], { b = 2, a = "x" })
  t.ok(tostring(q):find("b  a\n─  ─\n2  x\n(1 ligne)", 1, true), tostring(q))
end)

t.test("ev:table: the CSV written straight from the engine is the CSV of the rows, byte for byte", function()
  local rows_list = table.move(ROWS, 1, #ROWS, 1, {})
  rows_list[#rows_list + 1] = { indicator = "bilan", period = 2024, territory = "ville", text = "=Bon; \"réel\" progrès" }
  rows_list[#rows_list + 1] = { indicator = "satisfaction", period = 2024, territory = "q1", value = 3.5 }
  rows_list[#rows_list + 1] = { indicator = "satisfaction", period = 2024, territory = "q2", value = 4.25 }
  rows_list[#rows_list + 1] = { indicator = "taux", period = 2024, territory = "t2", step = "1-A", numerator = 1, denominator = 3 }
  local ev = evaluation(rows_list)
  local dir = t.tmpdir()
  for _, dialect in ipairs({ "french", "intl" }) do
    for _, by in ipairs({ false, true }) do
      local spec = { territories = "all", periods = "all", by = by and "step" or nil }
      local streamed = ev:table(spec)
      streamed:write(dir .. "/s.csv", { dialect = dialect })
      local made = ev:table(spec)
      t.ok(#made > 0, "rows to compare")
      made:write(dir .. "/m.csv", { dialect = dialect })
      t.eq(slurp(dir .. "/s.csv"), slurp(dir .. "/m.csv"), dialect .. (by and " by step" or ""))
    end
  end
  ev:table { indicators = "satisfaction" }:write(dir .. "/i.csv", { dialect = "intl" })
  local text = slurp(dir .. "/i.csv")
  t.ok(text:find("satisfaction,2024,ville,3.875,", 1, true), text)
  local fr = ev:table { indicators = { "bilan", "taux" }, territories = { "ville", "t1" } }
  fr:write(dir .. "/f.csv")
  local csv = slurp(dir .. "/f.csv")
  t.ok(csv:find('bilan;2024;ville;"\'=Bon; ""réel"" progrès"', 1, true), csv)
  t.ok(csv:find("taux;2024;t1;50;2;4;;non disponible;", 1, true) or csv:find("taux;2024;t1;50;2;4;", 1, true), csv)
  t.ok(csv:find(";q2\r\n", 1, true), "the sub-territories without data: " .. csv)
end)

t.test("engine:csv_values: a column of another field of the values is read as engine:value gives it", function()
  local ev = evaluation(ROWS)
  local columns = { "indicator", "territory", "territory_title", "n", "progress", "value", "reason_code" }
  local ids, periods, places = { "taux", "stock" }, { "2023", "2024" }, { "ville", "t1", "q2" }
  local streamed = ev.engine:csv_values(columns, columns, ids, periods, places, nil, "intl")
  local rows = ev.engine:values(ids, periods, places)
  t.eq(#rows, 12)
  t.eq(streamed, require("ctg.model").csv_rows(columns, columns, rows, "intl"))
  t.ok(streamed:find("taux,ville,Ville,2,,50.0,\n", 1, true) or streamed:find("taux,ville,Ville,2,", 1, true), streamed)
  t.ok(streamed:find("stock,q2,Quartier 2,,,,no_observation", 1, true), streamed)
end)

t.test("write: refused to code from others (the sandbox), allowed otherwise", function()
  local dir = t.tmpdir()
  local ok, err = pcall(require("ctg.sandbox").run, "le script", nil, function()
    return sample():write(dir .. "/x.csv")
  end)
  t.ok(not ok)
  t.ok(tostring(err):find("un script partagé n'écrit pas de fichier", 1, true), tostring(err))
  t.ok(not require("ctg.sandbox").active(), "the sandbox left")
  t.eq(sample():write(dir .. "/x.csv"), dir .. "/x.csv")
end)
