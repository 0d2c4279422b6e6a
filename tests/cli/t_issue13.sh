# Issue 13's "Done when", on the real binary: ctg check on the example, ctg history, an
# unknown-field error, rules and explanations in French (places by their titles, dates in
# words, JSON keeping codes and ISO dates); a plan written with the issue's French names
# exports the JSON of its English twin; help(), an evaluation summary and a suggestion for a
# mistyped indicator in the piped REPL. CTG_LANG=en gives the same texts in English, unmixed.
# (ctg --help, ctg help import and ctg help vocabulary: tests/cli/t_french.sh; every plan
# and YAML of the repository in French against its twin: tests/lua/vocabulary_spec.lua.)
EX="$ROOT/examples/clermont-ferrand"
# faketime -f: a stopped clock (the seconds are asserted); it preloads its library: an ASan build (make check) must accept not coming first
ft() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" TZ=UTC faketime "$@"; }
export CTG_DB="$TMP/ex.db"
ft -f '2024-03-01 10:00:00' "$CTG" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml >/dev/null || echo "FAIL: the example's import failed"
ft -f '2024-04-02 08:05:00' "$CTG" import "$EX"/data/corrections-2022.yaml >/dev/null || echo "FAIL: the corrections' import failed"

t "ctg check on the example is French: findings, severities, counts"
run "$CTG" check "$EX/plan.lua"
expect_rc 0
expect_out "attention : $EX/plan.lua:214: l'étape D de l'action 5 est codée « 5-E »"
expect_out "l'indicateur taux_mixite_sociale (taux) n'a ni numérateur ni dénominateur"
expect_out "3 axes, 8 objectifs, 15 actions, 63 étapes"
expect_out "0 erreur, 4 avertissements, 1 note"
expect_no_out "warning"; expect_no_out "step "; expect_no_out "error"

t "ctg history is French: places by their titles, import times in words (UTC); JSON keeps codes and ISO"
run "$CTG" history --indicator places_100 --period 2022
expect_rc 0
expect_out "places_100  2022  Clermont-Ferrand"
expect_out "révision 1 : 768 / 5${NB}450 — "
expect_out "2022.yaml:61, importé le 1er mars 2024 à 10 h 00 UTC par "
expect_no_out "2024-03-01T"; expect_no_out "2022  clermont-ferrand"
run "$CTG" history --indicator places_100 --period 2022 --format json
expect_rc 0; expect_out '"imported_at": "2024-03-01T10:00:00Z"'; expect_out '"territory": "clermont-ferrand"'
CTG_LANG=en run "$CTG" history --indicator places_100 --period 2022
expect_rc 0; expect_out "revision 1: 768 / 5${NB}450 — "; expect_out "imported on 2024-03-01 at 10:00 UTC by "
expect_no_out "révision"; expect_no_out "importé"

t "a corrected value's explanation: both revisions with their dates in words, places by their titles"
run "$CTG" eval --period 2022 --territory nord --explain habitants_partenaires_actifs
expect_rc 0
expect_out "période 2022, territoire Territoire Nord"
expect_out "2022 Territoire Nord révision 1 : 71 — "
expect_out "2022.yaml:34, importé le 1er mars 2024 à 10 h 00 UTC par "
expect_out "2022 Territoire Nord révision 2 : 66 — Correction du tableau de bord 2022 (fictif), "
expect_out "corrections-2022.yaml:11, importé le 2 avril 2024 à 8 h 05 UTC par "
expect_no_out "T10:00:00Z"; expect_no_out " nord "
run "$CTG" eval --period 2023-05 --territory nord --explain habitants_partenaires_actifs
expect_rc 0; expect_out "période mai 2023, territoire Territoire Nord"
CTG_LANG=en run "$CTG" eval --period 2022 --territory nord --explain habitants_partenaires_actifs
expect_rc 0
expect_out "period 2022, territory Territoire Nord"; expect_out "observations:"
expect_out "2022 Territoire Nord revision 2: 66 — "; expect_out "imported on 2024-04-02 at 08:05 UTC"
expect_no_out "période"; expect_no_out "importé"; expect_no_out "révision"

t "rules: meeting dates in words, the JSON keeps ISO dates; English with CTG_LANG=en"
run "$CTG" rules --as-of 2024-06-01
expect_rc 4
expect_out "attention Comité technique : 1 réunion en 2023 pour 2 prévues (25 mai 2023)"
expect_out "1 critique, 2 attention, 1 info"
run "$CTG" rules --as-of 2024-06-01 --format json
expect_rc 4; expect_out '"2023-05-25"'; expect_out '"committee": "cotech"'
CTG_LANG=en run "$CTG" rules --as-of 2024-06-01
expect_rc 4
expect_out "warning   Comité technique: 1 meeting in 2023 against 2 planned (2023-05-25)"
expect_out "Rules checked for 2023: 3 declared"; expect_out "1 critical, 2 warnings, 1 info"
expect_no_out "réunion"; expect_no_out "reçus"; expect_no_out "Règles"

t "rules over places name them by their titles; the JSON keeps their codes"
cat > seuil.lua <<'RULES'
rule "places partout" { indicator = "places_100", op = ">=", value = 50, territories = "all" }
RULES
run "$CTG" rules --period 2022 --as-of 2024-06-01 seuil.lua
expect_out "places_100 (Taux de places en établissements publics / 100 enfants) vaut 14,1 en 2022 (Clermont-Ferrand) : attendu ≥ 50,0  [seuil.lua:1]"
expect_out "seuil non vérifiable en 2022 (Territoire Nord) (aucune donnée)"
expect_no_out "(nord)"; expect_no_out "(clermont-ferrand)"
run "$CTG" rules --period 2022 --as-of 2024-06-01 --format json seuil.lua
expect_out '"territory": "nord"'

t "an unknown field is a French error at its line, with the suggestion; English with CTG_LANG=en"
printf 'plan "p" { title = "P", period = {2023, 2025} }\nterritory("v", "V") { level = "commune" }\nindicator "x" {\n  label = "X", kindd = "count" }\n' > unknown.lua
run "$CTG" check unknown.lua
expect_rc 3
expect_out "erreur : unknown.lua:4: champ inconnu 'kindd' dans l'indicateur x (vouliez-vous dire 'kind' ?) [unknown-field]"
CTG_LANG=en run "$CTG" check unknown.lua
expect_rc 3; expect_out "error: unknown.lua:4: unknown field 'kindd' in indicator x (did you mean 'kind'?) [unknown-field]"

t "labels naming an unknown level: the French names first, the English accepted, suggestions among both"
printf 'plan "p" { title = "P", period = {2023, 2025}, labels = {etap = "Phase"} }\nterritory("v", "V") { level = "commune" }\n' > labels.lua
run "$CTG" check labels.lua
expect_rc 3
expect_out "des niveaux parmi axe, objectif, action, etape (ou en anglais axis, objective, action, step) ('etap' n'est pas un niveau ; vouliez-vous dire 'etape' ?)"
CTG_LANG=en run "$CTG" check labels.lua
expect_rc 3
expect_out "levels among axis, objective, action, step (or in French axe, objectif, action, etape) ('etap' is not a level, did you mean 'etape'?)"
printf 'plan "p" { title = "P", period = {2023, 2025}, libelles = {step = "Phase", axe = "Thème"} }\nterritory("v", "V") { level = "commune" }\n' > labels-ok.lua
run "$CTG" check labels-ok.lua
expect_rc 0; expect_out "0 erreur"

# The issue's table, every name: an English plan and its French twin (ASCII names, one
# accented key), checked by the binary and exported to the same JSON.
cat > en.lua <<'PLAN'
plan "twin" { title = "Plan jumeau", period = {2023, 2025}, signatories = {"CAF", "Ville"} }
stake(1, "Accueil")
territory("ville", "La Ville") { level = "commune" }
territory("nord", "Quartier Nord") { level = "quartier", parent = "ville" }
committee("copil", "Comité de pilotage") { members = {"CAF", "Ville"}, meetings_per_year = 2 }
funding("caf", "CAF") { floor_per_year = 1000, years = {2023, 2025} }
axis(1, "Petite enfance") {
  objective("1-1", "Accueillir") {
    action(1, "Ouvrir des places") { pilots = {"Ville"}, step("A", "Étudier") { years = {2023} } },
  },
}
sheet {
  actions = {1}, stakes = {1}, followed_by = "copil", public = "Familles",
  indicator "places" { label = "Places", kind = "count", direction = "higher", time = "sum", targets = {cumulative = {[2025] = 10}}, by = {"age"} },
  indicator "taux" { label = "Taux", kind = "ratio", numerator = "a", denominator = "b", scale = 100 },
  indicator "evol" { label = "Évolution", kind = "evolution", baseline = 2023, direction = "lower", time = "last" },
  indicator "note" { label = "Note", kind = "score", time = "mean" },
  indicator "pic" { label = "Pic", kind = "count", time = "max" },
  indicator "avis" { label = "Avis", kind = "qualitative" },
}
rule "places en hausse" { indicator = "places", expect = "increase", severity = "critical" }
rule "taux stable" { indicator = "taux", expect = "stable", severity = "info" }
rule "note" { indicator = "note", expect = "decrease", severity = "warning" }
PLAN
cat > fr.lua <<'PLAN'
plan "twin" { titre = "Plan jumeau", periode = {2023, 2025}, signataires = {"CAF", "Ville"} }
enjeu(1, "Accueil")
territoire("ville", "La Ville") { niveau = "commune" }
territoire("nord", "Quartier Nord") { niveau = "quartier", parent = "ville" }
instance("copil", "Comité de pilotage") { membres = {"CAF", "Ville"}, reunions_par_an = 2 }
financement("caf", "CAF") { plancher_par_an = 1000, annees = {2023, 2025} }
axe(1, "Petite enfance") {
  objectif("1-1", "Accueillir") {
    action(1, "Ouvrir des places") { pilotes = {"Ville"}, etape("A", "Étudier") { annees = {2023} } },
  },
}
fiche {
  actions = {1}, enjeux = {1}, instance_de_suivi = "copil", public = "Familles",
  indicateur "places" { libelle = "Places", nature = "comptage", sens = "hausse", cumul = "somme", cibles = {cumul = {[2025] = 10}}, par = {"age"} },
  indicateur "taux" { libelle = "Taux", nature = "taux", numerateur = "a", denominateur = "b", echelle = 100 },
  indicateur "evol" { ["libellé"] = "Évolution", nature = "evolution", reference = 2023, sens = "baisse", cumul = "dernier" },
  indicateur "note" { libelle = "Note", nature = "score", cumul = "moyenne" },
  indicateur "pic" { libelle = "Pic", nature = "comptage", cumul = "max" },
  indicateur "avis" { libelle = "Avis", nature = "qualitatif" },
}
regle "places en hausse" { indicateur = "places", attendu = "hausse", gravite = "critique" }
regle "taux stable" { indicateur = "taux", attendu = "stable", gravite = "info" }
regle "note" { indicateur = "note", attendu = "baisse", gravite = "attention" }
PLAN

t "a plan written with the issue's French names exports the JSON of its English twin"
run "$CTG" check fr.lua
expect_rc 0; expect_out "1 axe, 1 objectif, 1 action, 1 étape, 1 fiche, 6 indicateurs, 1 enjeu, 1 instance"
expect_out "0 erreur, 0 avertissement"
"$CTG" export en.lua --format json > en.json || _fail "export en.lua failed"
"$CTG" export fr.lua --format json > fr.json || _fail "export fr.lua failed"
cmp -s en.json fr.json || _fail "the French plan's JSON differs from its English twin's: $(diff en.json fr.json | head -5)"
# the JSON is the canonical (English) spelling, and holds what the French names said
grep -q '"kind": "evolution"' fr.json && grep -q '"baseline": 2023' fr.json && grep -q '"severity": "critical"' fr.json &&
  grep -q '"expect": "decrease"' fr.json && grep -q '"time": "max"' fr.json && grep -q '"followed_by": "copil"' fr.json ||
  _fail "the export lacks a field the French plan gave"
grep -q '"nature"\|"comptage"\|"gravite"' fr.json && _fail "the export is not in the canonical spelling"
# a French name mistyped is suggested in French
copy_with fr.lua fr-typo.lua 'cumul = "moyenne"' 'cumull = "moyenne"'
run "$CTG" check fr-typo.lua
expect_rc 3; expect_out "champ inconnu 'cumull' dans l'indicateur note (vouliez-vous dire 'cumul' ?)"

t "the piped REPL: help(), an evaluation summary of at most 30 lines, a suggestion for a mistyped indicator at the user's line"
run_in 'help()
ev = ctg.evaluate(nil, ctg.open(), {period = 2023})
ev
x = 1
ev:value("places_10")
function f()
  local e = ev:explain("places_101")
  return e
end
f()
' "$CTG" repl
expect_rc 1
expect_out "ctg — l'aide de la console"; expect_out "charger un plan"; expect_out "quitter"
expect_out "<Evaluation> ctg-clermont-2021-2025, période 2023, territoire Clermont-Ferrand : 53 indicateurs"
summary=$(printf '%s\n' "$out" | sed -n '/^<Evaluation>/,$p' | wc -l)
[ "$summary" -le 30 ] || _fail "the evaluation printed $summary lines"
expect_err "erreur : [saisie]:5: ev:value : indicateur inconnu 'places_10' (vouliez-vous dire 'places_100' ?)"
expect_err "erreur : [saisie]:7: ev:explain : indicateur inconnu 'places_101' (vouliez-vous dire 'places_100' ?)"
expect_no_err "stdlib"; expect_no_err "ctg/eval.lua"; expect_no_err "stdin"

t "ctg plans and --known-at notes: dates in words, import times too; English with CTG_LANG=en"
run "$CTG" plans
expect_rc 0
expect_out "(en vigueur le 5 mars 2021, délibération du 5 mars 2021)"
expect_out "plan.lua  importé le 1er mars 2024 à 10 h 00 UTC par "
run "$CTG" eval --known-at 2020-01-01
expect_err "aucune donnée n'était importée au 1er janvier 2020 (première importation le 1er mars 2024) : les résultats sont calculés sans observation"
CTG_LANG=en run "$CTG" plans
expect_rc 0
expect_out "(effective 2021-03-05, council decision 2021-03-05)"; expect_out "plan.lua  imported on 2024-03-01 at 10:00 UTC by "
expect_no_out "vigueur"; expect_no_out "importé"
CTG_LANG=en run "$CTG" eval --known-at 2020-01-01
expect_err "no data had been imported by 2020-01-01 (first import on 2024-03-01): the results are computed without observations"

t "the REPL's guide, summaries and errors in English with CTG_LANG=en, unmixed"
run_in 'help()
help(ctg.open)
help({1, 2})
ev = ctg.evaluate(nil, ctg.open(), {period = 2023})
ev
ev:value("places_10")
' env CTG_LANG=en "$CTG" repl
expect_rc 1
expect_out "ctg — the console's help"; expect_out "load a plan (.lua or .yaml)"; expect_out "leave"
expect_out "ctg.open([path], {create = true}): opens a database"; expect_out "a table of 2 items"
expect_out "<Evaluation> ctg-clermont-2021-2025, period 2023, territory Clermont-Ferrand: 53 indicators"
expect_err "error: [input]:6: "
expect_no_out "charger"; expect_no_out "période"; expect_no_out "une table"; expect_no_err "erreur"

t "ctg init and ctg build speak French, English with CTG_LANG=en"
run "$CTG" init proj --nom "Val de Test" --debut 2025
expect_rc 0; expect_out "Projet « Val de Test » créé dans proj/ (intercommunalité, 2025-2029) :"
expect_out "Ensuite : cd proj && ctg check plan.lua && ctg build"
(cd proj && "$CTG" build --check > ../build-fr.txt 2>&1)
grep -q "^Vérification du projet « Val de Test »" build-fr.txt && grep -q "^  données  1 fichier importé dans une base temporaire, " build-fr.txt &&
  grep -q "^  règles   2025 : 0 critique, " build-fr.txt && grep -q "rapports vérifiés, rien n'a été écrit$" build-fr.txt ||
  _fail "build --check is not French: $(cat build-fr.txt)"
(cd proj && CTG_LANG=en "$CTG" build > ../build-en.txt 2>&1)
grep -q "^Building project « Val de Test »" build-en.txt && grep -q "^  data     1 file; database .* appended: new plan version v1, 1 new file; 3 rows read, 3 revisions, 0 withdrawals" build-en.txt &&
  grep -q "^  rules    2025: 0 critical, " build-en.txt && grep -q "^  reports  [0-9]* files in sortie/$" build-en.txt ||
  _fail "build under CTG_LANG=en is not English: $(cat build-en.txt)"
grep -q "données\|règles\|fichier\|rapports\|construction\|é" build-en.txt && _fail "build under CTG_LANG=en mixes French: $(cat build-en.txt)"

t "ctg diff and an avenant's changes in French, English with CTG_LANG=en; the plan's own record of its avenants never changes with the language"
AV="$ROOT/tests/fixtures/amend/avenant-1.lua"
run "$CTG" check "$AV"
expect_rc 0
expect_out "avenant : Avenant n°1 (délibération du 12 juin 2023, signé le 3 juillet 2023, en vigueur le 1er juillet 2023), modifie le plan "
expect_out "  ~ objectif 2-1 : titre : \"Renforcer les lieux de socialisation et les parcours d'accompagnement\" -> "
expect_out "  + étape 7-F \"Ouvrir un lieu d'accueil enfants-parents itinérant\""
expect_out "  ~ plan : avenants : (aucun) -> "
CTG_LANG=en run "$CTG" check "$AV"
expect_rc 0
expect_out "amendment: Avenant n°1 (council decision 2023-06-12, signed 2023-07-03, effective 2023-07-01), changes the plan "
expect_out "  ~ objective 2-1: title: "; expect_out "  + step 7-F "; expect_out "  ~ plan: amendments: (none) -> "
expect_no_out "étape 7-F"; expect_no_out "modifie"
# the plan data records the avenant in French in both languages: same export, same hash
"$CTG" export "$AV" --format json > av-fr.json && CTG_LANG=en "$CTG" export "$AV" --format json > av-en.json ||
  _fail "export of the avenant failed"
cmp -s av-fr.json av-en.json || _fail "the avenant's export depends on CTG_LANG: $(diff av-fr.json av-en.json | head -4)"
grep -q '"Avenant n°1 (délibération du 12 juin 2023, signé le 3 juillet 2023, en vigueur le 1er juillet 2023)"' av-en.json ||
  _fail "the plan's record of its avenant changed"
