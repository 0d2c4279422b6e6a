# The vocabulary on a plan of another shape than the example (tests/fixtures/sud-avesnois:
# an EPCI and its communes, thématiques holding fiches, groups, plan-wide indicators, partial
# dates, a published rate, scores with respondents): every command, and every bad input of
# the shapes it allows.
FIX="$ROOT/tests/fixtures/sud-avesnois"
SA="$FIX/plan.lua"
export CTG_DB="$TMP/ctg.db"

# nothing stored: no plan version and no observation in the database
nothing_stored() {
  [ ! -f "$1" ] || [ -z "$(CTG_DB="$1" "$CTG" export observations 2>/dev/null | grep indicator)" ] || _fail "observations were stored"
  [ ! -f "$1" ] || CTG_DB="$1" "$CTG" plans 2>&1 | grep -q "aucun plan" || _fail "a plan was stored"
}

t "the intercommunal plan checks with no error; groups are counted apart"
run "$CTG" check "$SA" --format json
expect_rc 0
expect_out '"axes": 5,'; expect_out '"objectives": 0,'; expect_out '"actions": 8,'; expect_out '"steps": 2,'
expect_out '"sheets": 8,'; expect_out '"indicators": 11,'; expect_out '"committees": 5,'
expect_out '"territories": 14,'; expect_out '"groups": 2'
expect_no_out '"severity"'

t "levels and labels: the plan's own words, only the levels it has"
run env SA="$SA" "$CTG" -e '
  local p = require("ctg.load").plan(os.getenv("SA"))
  print(p:label("axis"), p:label("objective"), p:label("action"), p:label("step"))
  print(table.concat(p:levels(), ","))
  print(tostring(p:axis(2)))
  print(tostring(p:action(3)))
  print(p:action(3):objective() == nil, p:action(3):axis().number)
  print(#p:plan_indicators(), p:indicator("taux_couverture").sheet == nil, p:indicator("enfants_alsh").sheet)
  print(p:sheet("1").followed_by, p:sheet("1").diagnostic ~= nil, p:action(1).diagnostic == nil)
  print(p:root().code, p:meetings_expected(p:committee("copil"), 2026), p:meetings_expected(p:committee("copil"), 2027))
  print(tostring(p:committee("copil")))
  print(table.concat(p:signatory_names(), " | "), p.signed, p.council_date)
  print(tostring(p:group("villages")))
  print(pcall(p.label, p, "objectif"))'
expect_rc 0
expect_out "Thématique	Objectif	Fiche	Sous-action"
expect_out "axis,action,step"
expect_out "Thématique 2 — Enfance et jeunesse (2 fiches)"
expect_out "Fiche 3 — Structurer l'offre d'accueils de loisirs (fiche 3, 2 indicateurs)"
expect_out "true	2"
expect_out "2	true	3"
expect_out "gt-petite-enfance	true	true"
expect_out "ccsa	1	3"
expect_out "Instance copil — Comité de pilotage CTG (1 réunion par an, 3 en 2027)"
expect_out "Communauté de communes du Sud-Avesnois | Caisse d'Allocations Familiales du Nord | Conseil départemental du Nord	2023-09	2023-06"
expect_out "Groupe villages — Villages de la Fagne (7 territoires)"
expect_out "unknown level 'objectif' (levels: axis, objective, action, step)"

t "partial dates are printed as written, with the right preposition"
run "$CTG" --db dates.db import "$SA"
expect_rc 0; expect_out "enregistré comme version 1 (en vigueur en septembre 2023)"
run "$CTG" --db dates.db plans
expect_rc 0; expect_out "(en vigueur en septembre 2023, délibération de juin 2023, signé en septembre 2023)"

t "export -> YAML -> import is exact for every new field"
run "$CTG" export "$SA" -o sa.yaml
expect_rc 0
run "$CTG" export sa.yaml
expect_rc 0
[ "$out" = "$(cat sa.yaml)" ] || _fail "the YAML does not export back to itself"
grep -q 'level: epci' sa.yaml || _fail "free level lost"
grep -q 'insee: "59601"' sa.yaml || _fail "insee lost"
grep -q '^groups:' sa.yaml || _fail "groups lost"
grep -q 'default: 1' sa.yaml || _fail "meetings_per_year table lost"
grep -q 'role: Président' sa.yaml || _fail "signatory role lost"
grep -q 'axis: Thématique' sa.yaml || _fail "labels lost"
grep -q 'signed: "2023-09"' sa.yaml || _fail "partial date lost"
grep -q '^  objectives:' sa.yaml && _fail "an empty objective level is written"
run "$CTG" diff "$SA" sa.yaml
expect_rc 0; expect_out "0 ajout, 0 retrait, 0 modification"
run "$CTG" check sa.yaml --format json
expect_rc 0; expect_out '"groups": 2'; expect_out '"indicators": 11,'

t "import: YAML and a French CSV naming communes by title (case and accents aside), a published rate alone"
run "$CTG" import "$SA" "$FIX/data/2023.yaml" "$FIX/data/2024.yaml" "$FIX/data/2024-communes.csv" --source "Tableau CNAF 2024 (fictif)"
expect_rc 0
expect_out "2024-communes.csv : 14 lignes importées"
run "$CTG" history --indicator taux_couverture --period 2024 --territory feron
expect_rc 0; expect_out "révision 1 : 4 / 17"; expect_out "2024-communes.csv:5"
run "$CTG" history --indicator taux_couverture --period 2024 --territory trelon
expect_rc 0; expect_out "révision 1 : 31 / 92"
run "$CTG" history --indicator taux_couverture --territory moustier-en-fagne --period 2024
expect_rc 0; expect_out "révision 1 : 18,2"

t "eval: Σnumerator/Σdenominator on the EPCI and on a group"
run "$CTG" eval --period 2023 --indicator taux_couverture --format json
expect_rc 0; expect_out '"territory": "ccsa"'; expect_out '"numerator": 340,'; expect_out '"denominator": 963,'
run "$CTG" eval --period 2023 --indicator taux_couverture --territory villages --format json
expect_rc 0; expect_out '"numerator": 20,'; expect_out '"denominator": 98,'
run "$CTG" eval --period 2024 --indicator taux_couverture --territory pole-urbain
expect_rc 0; expect_out "Indicateurs, période 2024 : Pôle urbain"; expect_out "taux_couverture  39,6${NB}%  335   846"
run "$CTG" eval --period 2024 --indicator taux_couverture --territory all
expect_rc 0; expect_out "Villages de la Fagne"; expect_out "Pôle urbain"
run "$CTG" eval --period 2024 --territory villges
expect_rc 2; expect_err "territoire inconnu 'villges' (vouliez-vous dire 'villages' ?)"

t "a published rate is shown for its commune; a roll-up including it leaves it out and says so (partial)"
run "$CTG" eval --period 2024 --indicator taux_couverture --territory moustier-en-fagne
expect_rc 0; expect_out "18,2${NB}%"; expect_out "en retard : taux publié, sans numérateur ni"
run "$CTG" eval --period 2024 --indicator taux_couverture --format json
expect_rc 0
expect_out '"numerator": 354'; expect_out '"partial": true'; expect_out '"members": 12'; expect_out '"with_data": 11'
expect_out '"territory": "moustier-en-fagne"'; expect_out '"reason_code": "published_only"'
expect_no_out "non agrégeable"
run "$CTG" eval --period 2024 --indicator taux_couverture --territory villages --format csv
expect_out "taux_couverture;2024;villages;22,61904761904762;19;84;50;en retard;partiel : 6 sur 7 territoires"
run "$CTG" eval --period 2024 --indicator taux_couverture --territory villages
expect_out "manque"; expect_out "Moustier-en-Fagne"

t "a score is weighted by its respondents; without counts, the mean of means says so"
run "$CTG" eval --period 2024 --indicator satisfaction_laep --format json
expect_rc 0; expect_out '"value": 4.246808510638298,'; expect_out '"denominator": 47'
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: "enquête sans effectifs"\nobservations:\n  - {indicator: satisfaction_laep, period: 2025, territory: anor, value: 4}\n  - {indicator: satisfaction_laep, period: 2025, territory: ohain, value: 3}\n  - {indicator: satisfaction_laep, period: 2026, territory: anor, value: 5, respondents: 0.5}\n  - {indicator: taux_couverture, period: 2025, territory: anor, value: 30, respondents: 4}\n' > scores.yaml
run "$CTG" import scores.yaml
expect_rc 3
expect_err "scores.yaml:6: respondents (nombre de répondants) doit être un entier ≥ 0, reçu le nombre 0.5"
expect_err "scores.yaml:7: respondents (nombre de répondants) ne vaut que pour un indicateur de nature score ; taux_couverture est de nature taux"
head -5 scores.yaml > scores-ok.yaml
run "$CTG" import scores-ok.yaml
expect_rc 0
run "$CTG" eval --period 2025 --indicator satisfaction_laep --as-of 2025-12-31 --format json
expect_rc 0; expect_out '"value": 3.5,'; expect_out '"note": "moyenne non pondérée de 2 moyennes (nombre de répondants inconnu)"'

t "rules: a threshold over groups gives one finding per group, located in the user's plan file"
run "$CTG" rules --period 2024 --as-of 2025-01-31
expect_out "taux_couverture (Taux de couverture de l'accueil du jeune enfant) vaut 22,6${NB}% en 2024 (Villages de la Fagne), ≥ 20,0${NB}% comme attendu, mais sur un agrégat partiel : 6 sur 7 territoires ; manque Moustier-en-Fagne"; expect_no_out "(villages)"
expect_out "[$SA:162]"; expect_out "[$SA:166]"
expect_no_out "(plan ctg-sud-avesnois"
expect_no_out "seuil non vérifiable en 2024 (pole-urbain)"
printf 'rule "tous" { indicator = "taux_couverture", op = ">=", value = 30, territories = "all" }\n' > all.lua
run "$CTG" rules --period 2024 --as-of 2025-01-31 all.lua
# the operator as a sign, the threshold with the rate's decimals and unit, as in the tables
expect_out "vaut 18,2${NB}% en 2024 (Moustier-en-Fagne) : attendu ≥ 30,0${NB}%  [all.lua:1]"
expect_out "vaut 16,7${NB}% en 2024 (Wattignies-la-Victoire) : attendu ≥ 30,0${NB}%  [all.lua:1]"
expect_no_out ">="
expect_no_out "(fourmies) : attendu"

t "meetings: the year's own figure ({default = 1, [2027] = 3}), partial meeting dates count in their year"
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: "comptes rendus"\nmeetings:\n  - {committee: copil, date: 2025}\n  - {committee: copil, date: 2026-03}\n  - {committee: copil, date: 2027-02-10}\n' > copil.yaml
run "$CTG" import copil.yaml
expect_rc 0
run "$CTG" rules --period 2027 --as-of 2027-12-31
expect_out "Comité de pilotage CTG : 1 réunion en 2027 pour 3 prévues (10 février 2027)"
expect_no_out "Comité de pilotage CTG : 1 réunion en 2026"
expect_no_out "Comité de pilotage CTG : 1 réunion en 2025"
expect_no_out "Comité de pilotage CTG : 1 réunion en 2024"

t "findings and reports use the plan's labels and print no level it lacks"
run "$CTG" rules --period 2025 --as-of 2025-12-31
expect_out "Sous-action 1-B (« Ouvrir la micro-crèche ») prévue en 2025 : non commencée"
expect_no_out "Étape"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 -o sa.md
expect_rc 0
grep -q "Thématique 1" sa.md || _fail "the annual report does not print Thématique 1"
grep -q "Fiche 3" sa.md || _fail "the annual report does not print Fiche 3"
grep -q "Objectif" sa.md && _fail "the annual report prints an objective level the plan does not have"

t "a rules file is checked like a plan: unknown territory, field, indicator at its line, nothing checked"
printf 'rule "ok" { indicator = "taux_couverture", op = ">=", value = 30, territories = "all" }\n\nrule "lieux" { indicator = "taux_couverture", op = ">=", value = 30,\n  territories = {"villages", "trelon", "fagne"} }\nrule "champ" { indicator = "projets_jeunes", expect = "increase", severty = "info" }\nrule "ind" { indicator = "taux_couvertur", op = "<", value = 3 }\nrule "seuil" { indicator = "taux_couverture", op = "<" }\nrule "tendance" { indicator = "projets_jeunes", expect = "increase", territories = {"villages"} }\n' > bad-rules.lua
run "$CTG" rules bad-rules.lua
expect_rc 3
expect_err "bad-rules.lua:4: la règle lieux nomme le territoire « fagne », qui n'est ni un territoire ni un groupe du plan"
expect_err "bad-rules.lua:5: champ inconnu 'severty' dans la règle champ (vouliez-vous dire 'severity' ?)"
expect_err "bad-rules.lua:6: la règle ind nomme l'indicateur taux_couvertur, qui n'est pas déclaré (vouliez-vous dire 'taux_couverture' ?)"
expect_err "bad-rules.lua:7: la règle « seuil » (seuil) doit donner op et value"
expect_err "bad-rules.lua:8: la règle « tendance » (tendance) ne prend pas territories (seules les règles de type seuil et completude le prennent)"
expect_err "aucune règle n'a été vérifiée"
expect_no_out "attendu ≥ 30"

# ---- bad input: each located, non-zero exit, nothing stored -------------------------------

t "a territory whose parent is one of its descendants (cycle)"
copy_with "$SA" cycle.lua 'territory("ccsa", "Communauté de communes du Sud-Avesnois") { level = "epci",' 'territory("ccsa", "Communauté de communes du Sud-Avesnois") { level = "epci", parent = "fourmies-centre",'
run "$CTG" --db bad.db import cycle.lua
expect_rc 3
expect_err "cycle.lua:36: le territoire ccsa a pour parent fourmies-centre, qui est l'un de ses descendants (boucle ccsa > fourmies-centre > fourmies > ccsa)"
nothing_stored bad.db
copy_with "$SA" self.lua '{ level = "quartier", parent = "fourmies" }' '{ level = "quartier", parent = "fourmies-centre" }'
run "$CTG" check self.lua
expect_rc 3; expect_out "self.lua:49: le territoire fourmies-centre a pour parent fourmies-centre, qui est lui-même"

t "a group naming an unknown territory; a group code that is a territory's"
copy_with "$SA" group.lua '"ohain", "wallers-en-fagne"' '"ohain", "walers-en-fagne"' 'group("pole-urbain", "Pôle urbain")' 'group("fourmies", "Pôle urbain")'
run "$CTG" --db bad.db import group.lua
expect_rc 3
expect_err "group.lua:51: le groupe villages nomme le territoire walers-en-fagne dans 'territoires' : ce code n'est déclaré nulle part"
nothing_stored bad.db
copy_with "$SA" group2.lua 'group("pole-urbain", "Pôle urbain")' 'group("fourmies", "Pôle urbain")'
run "$CTG" check group2.lua
expect_rc 3; expect_out "group2.lua:55: le groupe fourmies porte le code d'un territoire"
expect_out "group2.lua:162: la règle couverture des villages nomme le territoire « pole-urbain », qui n'est ni un territoire ni un groupe du plan"

t "an ambiguous title in a CSV lists the candidates; nothing is stored"
copy_with "$SA" twins.lua 'territory("fourmies-centre", "Fourmies centre")' 'territory("trelon-bourg", "TRÉLON") { level = "quartier", parent = "trelon" }
territory("fourmies-centre", "Fourmies centre")'
"$CTG" --db amb.db import twins.lua >/dev/null
printf 'indicateur;période;territoire;valeur;numérateur;dénominateur\ntaux_couverture;2024;Anor;;40;108\ntaux_couverture;2024;Trelon;;31;92\n' > amb.csv
run "$CTG" --db amb.db import amb.csv --source "x"
expect_rc 3
expect_err "amb.csv:3:3: territoire « Trelon » ambigu : il désigne trelon (« Trélon »), trelon-bourg (« TRÉLON ») ; écrivez le code du territoire voulu"
[ -z "$(CTG_DB=amb.db "$CTG" export observations | grep indicator)" ] || _fail "rows were stored"
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: x\nobservations:\n  - {indicator: taux_couverture, period: 2024, territory: villages, numerator: 1, denominator: 2}\n' > grp.yaml
run "$CTG" --db amb.db import grp.yaml
expect_rc 3; expect_err "grp.yaml:4: « villages » est un groupe de territoires : enregistrez les chiffres sur ses territoires"

t "labels naming an unknown level"
copy_with "$SA" labels.lua 'labels       = {axis = "Thématique",' 'labels       = {theme = "Thématique",'
run "$CTG" --db bad.db import labels.lua
expect_rc 3
expect_err "labels.lua:24: le champ 'labels' du plan ctg-sud-avesnois-2023-2027 doit être une table qui nomme des niveaux parmi axe, objectif, action, etape (ou en anglais axis, objective, action, step) ('theme' n'est pas un niveau), pas une table"
nothing_stored bad.db

t "meetings_per_year = {default = -1}"
copy_with "$SA" meet.lua 'meetings_per_year = {default = 1, [2027] = 3}' 'meetings_per_year = {default = -1, [2027] = 3}'
run "$CTG" --db bad.db import meet.lua
expect_rc 3
expect_err "meet.lua:62: le champ 'meetings_per_year' de l'instance copil doit être un entier ≥ 0, ou une table {defaut = n, [année] = n} d'entiers ≥ 0 (default donne le nombre -1)"
nothing_stored bad.db

t "a date 2024-13, in the plan and in an observation file"
copy_with "$SA" date.lua 'signed       = "2023-09",' 'signed       = "2024-13",'
run "$CTG" --db bad.db import date.lua
expect_rc 3
expect_err "date.lua:17: le champ 'signed' du plan ctg-sud-avesnois-2023-2027 doit être une date valide \"AAAA\", \"AAAA-MM\" ou \"AAAA-MM-JJ\" (date \"2024-13\" : le mois 13 n'existe pas (un mois va de 01 à 12))"
nothing_stored bad.db
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: x\nmeetings:\n  - {committee: copil, date: 2024-13}\n' > d.yaml
run "$CTG" import d.yaml
expect_rc 3; expect_err "d.yaml:4: date \"2024-13\" : le mois 13 n'existe pas"

t "a followed_by that looks like a committee code but is not one; free text stays allowed"
copy_with "$SA" follow.lua 'followed_by = "gt-jeunesse",' 'followed_by = "gt-jeunese",'
run "$CTG" --db bad.db import follow.lua
expect_rc 3
expect_err "follow.lua:114: fiche 3 : followed_by = \"gt-jeunese\" a la forme d'un code d'instance mais aucune instance ne porte ce code (vouliez-vous dire « gt-jeunesse » ?)"
nothing_stored bad.db
grep -q 'followed_by = "Groupe jeunes du conseil communautaire"' "$SA" || _fail "the fixture lost its free-text followed_by"

t "a territory level is a lowercase word; insee is a commune or EPCI code"
copy_with "$SA" level.lua '{ level = "epci", insee = "245900758" }' '{ level = "EPCI", insee = "2459" }'
run "$CTG" check level.lua
expect_rc 3
expect_out "level.lua:36: le champ 'insee' du territoire ccsa doit être un code INSEE en texte"
expect_out "level.lua:36: le champ 'level' du territoire ccsa doit être un mot en minuscules sans espaces ni accents"

t "ctg help vocabulary: the worked intercommunal example checks, and its CSV imports"
run "$CTG" help vocabulary
expect_rc 0
expect_out "Toutes les formes de convention"; expect_out "groupe"; expect_out "libelles (labels)"
printf '%s\n' "$out" | sed -n '/^  plan "ctg-sud-avesnois-2023-2027" {/,/ou territories = "all"/p' | sed 's/^  //' > help-plan.lua
printf '%s\n' "$out" | sed -n '/^  indicateur;période;territoire/,/^  taux_couverture;2024;Moustier/p' | sed 's/^  //' > help.csv
run "$CTG" check help-plan.lua
expect_rc 0; expect_out "0 erreur"; expect_out "1 groupe"
run "$CTG" --db help.db import help-plan.lua help.csv --source "aide"
expect_rc 0; expect_out "help.csv : 2 lignes importées"
run "$CTG" --db help.db eval --period 2024 --indicator taux_couverture --territory all --format csv
expect_out "non agrégeable : taux publié sans numérateur ni dénominateur pour Moustier-en-Fagne"
run "$CTG" --db help.db eval --period 2024 --indicator taux_couverture --territory all
expect_out "33,7${NB}%"
run "$CTG" help shapes
expect_rc 0; expect_out "Exemple : une communauté de communes"
