# Verdicts a comité de pilotage can trust (issue 23): the status rule, cumulative targets,
# targets of n.d. values, partial roll-ups, a published figure beside the roll-up, and the
# plan's mistakes about targets, on the intercommunal plan tests/fixtures/verdicts/plan.lua.
VP="$ROOT/tests/fixtures/verdicts/plan.lua"
export CTG_DB="$TMP/ctg.db"
cp "$VP" plan.lua
cat > data.yaml <<'YAML'
plan: ctg-vallee-2022-2026
source: "Tableau de bord CAF"
observations:
  - {indicator: couverture, period: 2022, territory: a, numerator: 768, denominator: 1000}
  - {indicator: couverture, period: 2023, territory: a, numerator: 789, denominator: 1000}
  - {indicator: couverture, period: 2022, territory: b, numerator: 667, denominator: 1000}
  - {indicator: couverture, period: 2023, territory: b, numerator: 615, denominator: 1000}
  - {indicator: couverture, period: 2022, territory: c, numerator: 50, denominator: 100}
  - {indicator: couverture, period: 2023, territory: c, numerator: 54, denominator: 100}
  - {indicator: couverture, period: 2022, territory: d, numerator: 50, denominator: 100}
  - {indicator: couverture, period: 2023, territory: d, numerator: 52, denominator: 100}
  - {indicator: couverture, period: 2023, territory: e, numerator: 57, denominator: 100}
  - {indicator: couverture, period: 2023, territory: f, missing: "non communiqué"}
  - {indicator: attente, period: 2022, territory: a, value: 40}
  - {indicator: attente, period: 2023, territory: a, value: 45}
  - {indicator: places, period: 2022, territory: vallee, value: 0}
  - {indicator: places, period: 2023, territory: vallee, value: 12}
  - {indicator: places, period: 2024, territory: vallee, value: 10}
YAML
"$CTG" import plan.lua data.yaml >/dev/null

t "eval: every commune at or above its target is atteint, a receding one en recul, the EPCI says what it misses"
run "$CTG" eval --period 2023 --indicator couverture --territory all
expect_rc 0
expect_out "Aubières-sur-Vallée"; expect_out "78,9${NB}%"
line() { printf '%s\n' "$out" | grep "$1" | head -1; }
case "$(line Aubières)" in *atteint*) ;; *) _fail "a: $(line Aubières)";; esac
case "$(line Beaumont)" in *atteint*) ;; *) _fail "b: $(line Beaumont)";; esac
case "$(line Cébazat)" in *"en bonne voie"*) ;; *) _fail "c: $(line Cébazat)";; esac
case "$(line Durtol)" in *"en retard"*) ;; *) _fail "d: $(line Durtol)";; esac
case "$(line Enval)" in *"non atteint"*) ;; *) _fail "e: $(line Enval)";; esac
expect_out "atteint : partiel : 5 sur 6"; expect_out "Fontfreyde"
case "$(line Quartiers)" in *"en retard"*) ;; *) _fail "qpv: $(line Quartiers)";; esac
run "$CTG" eval --period 2023 --indicator attente --territory a
expect_rc 0; expect_out "en recul"

t "eval --format json carries the reasoning of each status and what a partial roll-up misses"
run "$CTG" eval --period 2023 --indicator couverture --territory qpv --format json
expect_rc 0
expect_out '"status": "behind"'; expect_out '"status_rule": "straight_path"'; expect_out '"target": 58'
expect_out '"target_period": "2024"'; expect_out '"target_kind": "yearly"'; expect_no_out '"target_source"'
expect_out '"baseline_value": 50'; expect_out '"baseline_period": "2022"'; expect_out '"expected_progress": 0.5'
expect_out '"progress": 0.375'; expect_out '"partial": false'; expect_out '"members": 2'; expect_no_out '"missing"'
run "$CTG" eval --period 2023 --indicator couverture --territory vallee --format json
expect_out '"status": "achieved"'; expect_out '"status_rule": "met"'
expect_out '"partial": true'; expect_out '"members": 6'; expect_out '"with_data": 5'
expect_out '"territory": "f"'; expect_out '"reason": "donnée manquante (non communiqué)"'
run "$CTG" eval --period 2022 --indicator couverture --territory vallee --format json
expect_out '"with_data": 4'; expect_out '"missing_territories": ['; expect_out '"reason": "aucune donnée"'

t "eval --explain says the rule applied, with the baseline and the share of time"
run "$CTG" eval --period 2023 --explain couverture --territory c
expect_rc 0
expect_out "cible : 58,0${NB}% en 2024, annuelle — en bonne voie"
expect_out "statut : en bonne voie : 50${NB}% du chemin de 50,0${NB}% (2022) à 58,0${NB}% (2024) parcouru pour 50${NB}% du temps écoulé"
run "$CTG" eval --period 2023 --explain couverture --territory vallee
expect_out "agrégat partiel : 5 sur 6 territoires ; manque Fontfreyde : donnée manquante (non communiqué)"

t "a cumulative target counts the running total; a target shows when its value is n.d."
run "$CTG" eval --period 2024 --explain places --territory vallee
expect_rc 0
expect_out "cible : 20 en 2024, cumulée — atteint"; expect_out "atteint : 22 cumulés depuis 2022 ≥ 20"
run "$CTG" eval --period 2022 --indicator couverture --territory e --format csv
expect_out "couverture;2022;e;;;;58;non disponible;aucune donnée"
run "$CTG" eval --period 2022 --indicator couverture --territory e
expect_out "n.d."; expect_out "58,0${NB}%"

t "rules: findings on a partial value say so"
printf 'regle "couverture epci" { indicateur = "couverture", operateur = ">=", valeur = 70, territoire = "vallee" }\n' > seuil.lua
run "$CTG" rules --period 2023 --as-of 2023-12-31 seuil.lua
expect_out "vaut 68,1${NB}% en 2023 (Communauté de communes de la Vallée) : attendu ≥ 70,0${NB}% — valeur partielle : 5 sur 6 territoires ; manque Fontfreyde"

t "rules: a receding value, a cumulative target behind and a value without baseline each say why"
printf 'regle "attente a" { type = "cible", indicateur = "attente", territoire = "a" }\nregle "couv e" { type = "cible", indicateur = "couverture", territoire = "e" }\nregle "places" { type = "cible", indicateur = "places", territoire = "vallee" }\n' > cibles.lua
run "$CTG" rules --period 2023 --as-of 2023-12-31 cibles.lua
expect_out "attention attente (Délai moyen d'attente (jours)) — en recul : 45,000 contre 40,000 en 2022, en s'éloignant de la cible de 30,000 en 2024 (plus bas vaut mieux)"
expect_out "places (Places créées) — en retard : 60${NB}% du chemin de 0 (2021) à 20 (2024) parcouru pour 67${NB}% du temps écoulé ; 12 cumulés depuis 2022 en 2023"
expect_out "info      couverture (Taux de couverture) — non atteint : 57,0${NB}% contre une cible de 58,0${NB}% en 2024"

t "a target without a due year: a located error, exit 3"
copy_with "$VP" bad1.lua "cibles = {[2024] = 58}," "cibles = {58},"
run "$CTG" check bad1.lua
expect_rc 3
expect_out "bad1.lua:26:"; expect_out "la cible 58 n'a pas d'année d'échéance (écrivez par ex. {[2026] = 58})"

t "a target year outside the plan and its renewal year: a located error, exit 3"
copy_with "$VP" bad2.lua "cibles = {[2024] = 58}," "cibles = {[2024] = 58, [2028] = 60},"
run "$CTG" check bad2.lua
expect_rc 3
expect_out "bad2.lua:26: l'indicateur couverture a une cible pour 2028, hors de la période du plan (2022-2026) et de son année de renouvellement (2027)"
copy_with "$VP" ok2.lua "cibles = {[2024] = 58}," "cibles = {[2024] = 58, [2027] = 60},"
run "$CTG" check ok2.lua
expect_rc 0

t "a cumulative target on an indicator that is not summed over time: a located error, exit 3"
copy_with "$VP" bad3.lua "cibles = {[2024] = 30} }" "cibles = {cumul = {[2024] = 30}} }"
run "$CTG" check bad3.lua
expect_rc 3
expect_out "bad3.lua:29: l'indicateur attente a une cible cumulée (cibles = {cumul = …}) mais ses valeurs ne s'additionnent pas d'une année sur l'autre (taux, dans le temps : dernier)"
copy_with "$VP" bad3b.lua "cibles = {cumul = {[2024] = 20}} }" "cibles = {cumulatif = {[2024] = 20}} }"
run "$CTG" check bad3b.lua
expect_rc 3; expect_out "bad3b.lua:31:"; expect_out "'cumulatif' n'est ni une période ni une sorte de cible (vouliez-vous dire 'cumul' ?)"

t "a flow's target that says neither yearly nor cumulative: a ctg check warning, exit 0"
copy_with "$VP" warn.lua "cibles = {annuel = {[2024] = 20}} }" "cibles = {[2024] = 20} }"
run "$CTG" check warn.lua
expect_rc 0
expect_out "warn.lua:32: l'indicateur places_an est un flux (additionné dans le temps) et sa cible de 20 en 2024 ne dit pas"
expect_out "[flow-target-unsaid]"

t "a target on an indicator without direction: a ctg check warning (higher is better is assumed, and said)"
copy_with "$VP" nodir.lua 'cumul = "dernier", sens = "baisse",' 'cumul = "dernier",'
run "$CTG" check nodir.lua
expect_rc 0
expect_out "nodir.lua:28: l'indicateur attente a une cible mais pas de sens : son statut le suppose « plus haut vaut mieux »"

t "rollup = complete: accepted on a count (n.d. when a member lacks figures); an error on a qualitative indicator or a misspelt value"
printf 'plan: ctg-vallee-2022-2026\nsource: "feuille de présence"\nobservations:\n  - {indicator: participants, period: 2023, territory: a, value: 4}\n' > part.yaml
"$CTG" import part.yaml >/dev/null
run "$CTG" eval --period 2023 --indicator participants --territory vallee
expect_rc 0; expect_out "n.d."; expect_out "agrégat incomplet, alors que"
printf '%s\nindicateur "bilan" { libelle = "Bilan", nature = "qualitatif", agregation = "complet" }\n' "$(cat "$VP")" > bad4.lua
run "$CTG" check bad4.lua
expect_rc 3; expect_out "bad4.lua:35: l'indicateur bilan est qualitatif : ses appréciations ne s'agrègent pas"
copy_with "$VP" bad5.lua 'agregation = "complet"' 'agregation = "totale"'
run "$CTG" check bad5.lua
expect_rc 3; expect_out "bad5.lua:34:"; expect_out "partiel, complet"

t "a figure published for the EPCI is shown beside the complete roll-up of its communes; a gap of more than a tenth is a finding naming both"
printf 'plan: ctg-vallee-2022-2026\nsource: "bilan communal"\nobservations:\n' > all.yaml
for c in b c d e f; do printf '  - {indicator: participants, period: 2023, territory: %s, value: 4}\n' "$c" >> all.yaml; done
printf 'plan: ctg-vallee-2022-2026\nsource: "CNAF, données 2023"\nobservations:\n  - {indicator: participants, period: 2023, territory: vallee, value: 30}\n' > cnaf.yaml
"$CTG" import all.yaml cnaf.yaml >/dev/null
run "$CTG" eval --period 2023 --indicator participants --territory vallee --format json
expect_rc 0; expect_out '"value": 24,'; expect_out '"partial": false'
expect_out '"published_value": 30'; expect_out '"published_source": "CNAF, données 2023"'
run "$CTG" eval --period 2023 --indicator participants --territory vallee
expect_out "publié : 30 (CNAF, données"
run "$CTG" rules --period 2023 --as-of 2023-12-31
expect_out "participants (Participants) en 2023 (Communauté de communes de la Vallée) : la somme de ses 6 membres donne 24, le chiffre publié pour ce territoire (CNAF, données 2023) 30"

t "plan and avenant targets for the same year: the avenant wins, ctg diff shows it, eval names it"
cat > avenant.lua <<'LUA'
avenant "ctg-vallee-2022-2026" { modifie = "plan.lua", libelle = "Avenant n°1", date_effet = "2024-01-01" }
indicateur "couverture" { cibles = {[2024] = 60, [2026] = 65} }
LUA
run "$CTG" diff plan.lua avenant.lua
expect_rc 0; expect_out "cibles : {2024 = 58} -> {2024 = 60, 2026 = 65}"
run "$CTG" import avenant.lua
expect_rc 0
run "$CTG" eval --period 2024 --indicator couverture --territory c --format json
expect_out '"target": 60'; expect_out '"target_source": "Avenant n°1"'
run "$CTG" eval --period 2023 --indicator couverture --territory c --format json
expect_out '"target": 58'; expect_no_out '"target_source"'
run "$CTG" eval --period 2024 --indicator couverture --territory e
expect_out "n.d."; expect_out "60,0${NB}%"; expect_out "aucune donnée — cible fixée par Avenant n°1"
run "$CTG" eval --period 2025 --indicator couverture --territory c --format json
expect_out '"target": 65'; expect_out '"target_period": "2026"'; expect_out '"target_source": "Avenant n°1"'

t "help eval gives the rule and its worked example; help vocabulary says which targets are which"
run "$CTG" help eval
expect_out "La règle des statuts"; expect_out "en recul"; expect_out "Exemple (un plan 2022-2026"
run "$CTG" help vocabulary
expect_out "cumul = {…} : le total depuis la première année du plan"; expect_out "agregation"

t "cumulative and yearly targets go to YAML and back unchanged"
run "$CTG" export "$VP" --format yaml -o v.yaml
expect_rc 0
grep -q "    cumulative:" v.yaml || _fail "no cumulative key in the YAML"
"$CTG" export "$VP" --format json -o v1.json; "$CTG" export v.yaml --format json -o v2.json
cmp -s v1.json v2.json || _fail "the YAML gives another plan: $(diff v1.json v2.json | head -5)"
