# The Lua API an analyst scripts (issue 26): strict options (ctg.options), one database for
# the run (--db, CTG_DB), navigation in the plan. On a plan of its own: a valley EPCI with
# communes, a quarter, a group, INSEE codes and a baseline before the plan.
cd "$TMP" || exit 1

cat > vallee.lua <<'LUA'
plan "ctg-vallee-2022-2026" { title = "CTG de la Vallée", period = {2022, 2026}, signed = "2022-02-01" }
territory("cc-vallee", "Communauté de communes de la Vallée") { level = "epci", insee = "200012345" }
territory("bourg", "Le Bourg") { level = "commune", parent = "cc-vallee", insee = "38001" }
territory("val-haut", "Val-d'En-Haut") { level = "commune", parent = "cc-vallee", insee = "38002" }
territory("lac", "Saint-Étienne-du-Lac") { level = "commune", parent = "cc-vallee", insee = "38003" }
territory("bourg-gare", "Quartier de la gare") { level = "quartier", parent = "bourg" }
group("montagne", "Communes de montagne") { territories = {"val-haut", "lac"} }
axis(1, "Petite enfance") {
  objective("1-1", "Accueillir") {
    action(1, "Ouvrir des places") { step("A", "Étudier") },
  },
}
axis(2, "Jeunesse") {
  action(2, "Animer les espaces jeunes"),
}
sheet { actions = {1},
  indicator "taux_accueil" { label = "Taux d'accueil", kind = "ratio", scale = 100, numerator = "places",
                             denominator = "enfants", baseline = 2021 },
}
sheet { actions = {2},
  indicator "jeunes" { label = "Jeunes accueillis", kind = "count", time = "sum" },
}
LUA
cat > obs.yaml <<'YAML'
plan: ctg-vallee-2022-2026
source: "tests"
observations:
  - {indicator: taux_accueil, period: 2021, territory: bourg, numerator: 10, denominator: 100}
  - {indicator: taux_accueil, period: 2023, territory: bourg, numerator: 30, denominator: 100}
  - {indicator: taux_accueil, period: 2023, territory: val-haut, numerator: 5, denominator: 50}
  - {indicator: taux_accueil, period: 2024, territory: lac, numerator: 8, denominator: 40}
  - {indicator: jeunes, period: 2023, territory: lac, value: 12}
  - {indicator: jeunes, period: 2023, territory: bourg-gare, value: 7}
YAML
"$CTG" import vallee.lua obs.yaml --db vallee.db >/dev/null 2>&1 || echo "setup: import failed"

t "strict options: French keys, a territory by code, title (accents and case aside), INSEE code or object"
cat > fr.lua <<'LUA'
local db = ctg.open()
local ev = ctg.evaluate(nil, db, { periode = 2023, territoire = "Le Bourg" })
print(ev.territory, ev.period)
print(ev:value("taux_accueil").value)
print(ev:value("taux_accueil", { territoire = "saint etienne du lac", ["période"] = 2024 }).value)
print(ev:value("taux_accueil", { territory = "38002" }).territory)
print(ev:value("taux_accueil", { territory = ev.plan:root() }).value)
print(ev:value("taux_accueil", { territory = "montagne" }).value)
local old = ctg.evaluate(nil, db, { periode = 2023, au = "2023-06-30", connu_au = "2099-01-01" })
LUA
run "$CTG" --db vallee.db fr.lua
expect_out "bourg	2023"
expect_out "30.0"; expect_out "20.0"; expect_out "val-haut"
expect_out "23.3333"; expect_out "10.0"
# a known-at date after today is the last mistake of the script: at its line
expect_rc 1; expect_err "fr.lua:9: ctg.evaluate : option connu_au : le 1er janvier 2099 est dans le futur"

t "strict options: every mistake is an error at the script's line, in French, with a suggestion"
cat > bad.lua <<'LUA'
local db = ctg.open()
local ev = ctg.evaluate(nil, db, { period = 2023 })
local function report(ok, e) print(ok and "ACCEPTED" or e) end
report(pcall(ev.value, ev, "taux_accueil", { teritory = "bourg" }))
report(pcall(ev.value, ev, "taux_acceuil", {}))
report(pcall(ev.value, ev, "taux_accueil", { territory = "Le Bouorg" }))
report(pcall(ev.value, ev, "taux_accueil", { territory = 38001 }))
report(pcall(ev.value, ev, "taux_accueil", { period = 2041 }))
report(pcall(ev.value, ev, "taux_accueil", { period = "2023-14" }))
report(pcall(ev.value, ev, "taux_accueil", "bourg"))
report(pcall(ev.series, ev, "jeunes", { periode = 2023 }))
report(pcall(ev.explain, ev, "jeunes", { territoire = "lak" }))
report(pcall(ctg.evaluate, nil, db, { knownat = "2024-01-01" }))
report(pcall(ctg.evaluate, nil, db, { connu_au = "1999-12-31" }))
report(pcall(ctg.evaluate, nil, db, { as_of = "2023-02-30" }))
report(pcall(ctg.evaluate, nil, db, { period = 2023, periode = 2024 }))
report(pcall(db.observations, db, { indicateur = "jeunes", territoir = "lac" }))
report(pcall(db.history, db, { indicator = "jeune" }))
report(pcall(ctg.open, "vallee.db", { creat = true }))
report(pcall(ctg.open, "vallee.db", { create = "oui" }))
report(pcall(ev.periods_with_data, ev, "jeunes", { territory = "nulle-part" }))
report(pcall(ctg.evaluate, nil, db, { plan = "ctg-valee-2022-2026" }))
report(pcall(db.observations, db, { plan = "ctg-valee-2022-2026" }))
LUA
run "$CTG" --db vallee.db bad.lua
expect_rc 0
expect_out "bad.lua:4: ev:value : option inconnue 'teritory' (vouliez-vous dire 'territory' ?) ; options possibles : period/periode, territory/territoire"
expect_out "bad.lua:5: ev:value : indicateur inconnu 'taux_acceuil' (vouliez-vous dire 'taux_accueil' ?)"
expect_out "bad.lua:6: ev:value : territoire inconnu 'Le Bouorg' (vouliez-vous dire 'Le Bourg' ?)"
expect_out "bad.lua:7: ev:value : l'option territory attend un territoire (code, nom, code INSEE ou objet territoire), pas 38001"
expect_out "bad.lua:8: ev:value : option period : la période 2041 est hors du plan et de ses données (2011-2036)"
expect_out "bad.lua:9: ev:value : option period : période \"2023-14\" invalide"
expect_out "bad.lua:10: ev:value : les options sont une table"
expect_out "bad.lua:11: ev:series : option inconnue 'periode'"
expect_out "bad.lua:12: ev:explain : territoire inconnu 'lak' (vouliez-vous dire 'lac' ?)"
expect_out "bad.lua:13: ctg.evaluate : option inconnue 'knownat' (vouliez-vous dire 'known_at' ?)"
expect_out "bad.lua:14: ctg.evaluate : option connu_au : rien n'était encore importé le 31 décembre 1999 (première importation le "
expect_out "bad.lua:15: ctg.evaluate : option as_of : date \"2023-02-30\" : le 30 février 2023 n'existe pas"
expect_out "bad.lua:16: ctg.evaluate : l'option 'periode' est donnée deux fois (aussi sous le nom 'period')"
expect_out "bad.lua:17: db:observations : option inconnue 'territoir' (vouliez-vous dire 'territoire' ?)"
expect_out "bad.lua:18: db:history : indicateur inconnu 'jeune' (vouliez-vous dire 'jeunes' ?)"
expect_out "bad.lua:19: ctg.open : option inconnue 'creat' (vouliez-vous dire 'create' ?)"
expect_out "bad.lua:20: ctg.open : l'option create attend true ou false, pas \"oui\""
expect_out "bad.lua:21: ev:periods_with_data : territoire inconnu 'nulle-part'"
expect_out "bad.lua:22: ctg.evaluate : aucun plan « ctg-valee-2022-2026 » dans vallee.db (vouliez-vous dire 'ctg-vallee-2022-2026' ?)"
expect_out "bad.lua:23: db:observations : aucun plan « ctg-valee-2022-2026 » dans vallee.db (vouliez-vous dire 'ctg-vallee-2022-2026' ?)"
expect_no_out "ACCEPTED"; expect_no_out "stdlib/"

t "strict options: a misspelt key fails the script at its line, exit 1, English with CTG_LANG=en"
printf 'local ev = ctg.evaluate(nil, ctg.open(), {period = 2023})\n\nprint(ev:value("jeunes", {teritory = "lac"}).value)\n' > typo.lua
run "$CTG" --db vallee.db typo.lua
expect_rc 1; expect_err "typo.lua:3: ev:value : option inconnue 'teritory' (vouliez-vous dire 'territory' ?)"; expect_out_eq ""
CTG_LANG=en run "$CTG" --db vallee.db typo.lua
expect_rc 1; expect_err "typo.lua:3: ev:value: unknown option 'teritory' (did you mean 'territory'?)"

t "one database for the run: --db and CTG_DB reach ctg.open() in a script, -e and the console"
printf 'print(ctg.open().path, #ctg.open():plans())\n' > which.lua
run "$CTG" --db vallee.db which.lua
expect_rc 0; expect_out_eq "vallee.db	1"
run "$CTG" --db vallee.db -e 'print(ctg.open().path)'
expect_rc 0; expect_out_eq "vallee.db"
CTG_DB=vallee.db run "$CTG" which.lua
expect_rc 0; expect_out_eq "vallee.db	1"
run_in 'ctg.open().path
' "$CTG" --db vallee.db repl
expect_rc 0; expect_out_eq '"vallee.db"'
# --db wins over CTG_DB, as for the subcommands
CTG_DB=other.db run "$CTG" --db vallee.db which.lua
expect_rc 0; expect_out_eq "vallee.db	1"
[ ! -e ctg.db ] && [ ! -e other.db ] || _fail "a database file was created"

t "one database for the run: a reading script never creates a database; a missing one is named"
run "$CTG" --db missing.db which.lua
expect_rc 1
expect_err "which.lua:1: missing.db : base de données introuvable (vérifiez --db ou \$CTG_DB ; ctg.open(\"missing.db\", { create = true }) la crée"
[ ! -e missing.db ] || _fail "missing.db was created"
run "$CTG" -e 'ctg.evaluate(nil, ctg.open("absent.db"), {period = 2023})'
expect_rc 1; expect_err "(command line):1: absent.db : base de données introuvable"
[ ! -e absent.db ] || _fail "absent.db was created"
run "$CTG" --db made.db -e 'local d = ctg.open(nil, {creer = true}); print(#d:plans()); d:close()'
expect_rc 0; expect_out_eq "0"; [ -e made.db ] || _fail "create = true made no database"

t "one database for the run: a report script reads the --db of the command line"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --db vallee.db --period 2023 -o tdb.md
expect_rc 0; grep -q "CTG de la Vallée" tdb.md || _fail "the report did not read vallee.db"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --db nowhere.db --period 2023 -o tdb2.md
expect_rc 3; expect_err "nowhere.db : base de données introuvable"; [ ! -e nowhere.db ] || _fail "nowhere.db was created"

t "strict options in a sandboxed report script: territories as the plan's (read-only) objects, a mistake at the script's line"
cat > rapport.lua <<'LUA'
local ctx = ...
local plan, ev = ctx.plan, ctx.evaluation
local doc = ctx.report.new { title = "Essai", date = ctx.date, period = "2023" }
local s = doc:section("Valeurs")
local root = plan:root()
s:paragraph("racine " .. root.code .. " : " .. tostring(ev:value("taux_accueil", { territoire = root }).value))
s:paragraph("montagne : " .. tostring(ev:value("taux_accueil", { territory = plan:group("montagne") }).value))
s:paragraph("enfants de la racine : " .. #root:children())
if ctx.arguments and ctx.arguments.faute then ev:value("taux_accueil", { teritoire = "bourg" }) end
return doc
LUA
run "$CTG" report rapport.lua --db vallee.db --period 2023 -o rapport.md
expect_rc 0
grep -q "racine cc-vallee : 23.33" rapport.md || _fail "$(cat rapport.md)"
grep -q "montagne : 10.0" rapport.md || _fail "the group as an object"
grep -q "enfants de la racine : 3" rapport.md || _fail "root:children() in a report"
sed -i 's/^if ctx.arguments and ctx.arguments.faute then \(.*\) end$/\1/' rapport.lua
run "$CTG" report rapport.lua --db vallee.db --period 2023 -o rapport2.md
expect_rc 1; expect_err "rapport.lua:9: ev:value : option inconnue 'teritoire' (vouliez-vous dire 'territoire' ?)"
[ ! -e rapport2.md ] || _fail "a report was written despite the error"

t "navigation: the root territory object, children, a group's members, indicators of an axis and an objective, periods with data"
cat > nav.lua <<'LUA'
local db = ctg.open()
local p = db:plan()
local root = p:root()
print(root.code, root.title, getmetatable(root).__name)
local names = {}
for _, c in ipairs(root:children()) do names[#names + 1] = c.code end
print(table.concat(names, ","))
print(#p:territory("Le Bourg"):children(), p:territory("38003").code, p:territory("nowhere"))
names = {}
for _, m in ipairs(p:group("montagne"):members()) do names[#names + 1] = m.title end
print(table.concat(names, ","))
local function ids(list) local o = {} for i, x in ipairs(list) do o[i] = x.id end return table.concat(o, ",") end
print(ids(p:axis(1):indicators()), ids(p:objective("1-1"):indicators()), ids(p:axis(2):indicators()))
local ev = ctg.evaluate(p, db, { period = 2024 })
print(table.concat(db:periods_with_data("taux_accueil"), ","))
print(table.concat(ev:periods_with_data("taux_accueil", { territoire = "montagne" }), ","))
print(table.concat(ev:periods_with_data("jeunes", { territory = "bourg" }), ","))
print(ev:value("jeunes", { territory = p:territory("bourg"), period = 2023 }).value)
LUA
run "$CTG" --db vallee.db nav.lua
expect_rc 0
expect_out_eq "cc-vallee	Communauté de communes de la Vallée	territory
bourg,val-haut,lac
1	lac	nil
Val-d'En-Haut,Saint-Étienne-du-Lac
taux_accueil	taux_accueil	jeunes
2021,2023,2024
2023,2024
2023
7"

t "navigation and options are in ctg help eval"
run "$CTG" help eval
expect_rc 0
for w in "known_at" "as_of" "connu_au" "plan:root()" "territory:children()" "group:members()" "axis:indicators()" \
         "objective:indicators()" "ev:periods_with_data" "db:periods_with_data" "vouliez-vous dire"; do
  expect_out "$w"
done
