# Avenants written as their changes, plan versions by effective date, ctg diff of stored
# versions, and nothing disappearing silently.
EX="$ROOT/examples/clermont-ferrand"
AM="$ROOT/tests/fixtures/amend"
export CTG_DB="$TMP/ctg.db"

t "ctg check of an avenant checks the resulting plan and prints what it changes"
run "$CTG" check "$AM/avenant-1.lua"
expect_rc 0
expect_out "0 erreur,"
expect_out "avenant : Avenant n°1 (délibération du 12 juin 2023, signé le 3 juillet 2023, en vigueur le 1er juillet 2023)"
expect_out "+ étape 7-F \"Ouvrir un lieu d'accueil enfants-parents itinérant\""
expect_out "+ indicateur places_creees_avenant"
expect_out "- indicateur evolution_projets_structure"
expect_out "~ objectif 2-1 : titre :"
expect_out "2 ajouts, 1 retrait, 2 modifications"
[ -e "$CTG_DB" ] && _fail "ctg check created a database"

"$CTG" import "$EX/plan.lua" "$EX"/data/2022.yaml "$EX"/data/2023.yaml >/dev/null

t "ctg import of the avenant stores the resulting plan as a new version with the avenant's dates and label"
run "$CTG" import "$AM/avenant-1.lua"
expect_rc 0; expect_out "enregistré comme version 2 (en vigueur le 1er juillet 2023)"
expect_err "l'indicateur evolution_projets_structure a 1 observation mais n'est plus dans la version 2 du plan en vigueur (retiré par la version 2)"
run "$CTG" plans
expect_out "v2"; expect_out "« Avenant n°1 »  (en vigueur le 1er juillet 2023, délibération du 12 juin 2023, signé le 3 juillet 2023, avenant à la version 1)"
expect_out "à la fin du plan (31 décembre 2025) : version 2"
run "$CTG" import "$AM/avenant-1.lua"
expect_rc 0; expect_out "inchangé (version 2)"

t "re-importing the original convention does not remove the avenant's indicator"
run "$CTG" import "$EX/plan.lua"
expect_rc 0; expect_out "inchangé (version 1)"
run "$CTG" eval --period 2023 --indicator places_creees_avenant --format json
expect_rc 0; expect_out '"plan_version": 2'; expect_out '"indicator": "places_creees_avenant"'
expect_out '"amendments": ['; expect_out 'Avenant n°1 (délibération du 12 juin 2023'

t "the avenant takes effect from its date: earlier periods use the convention"
run "$CTG" eval --period 2022 --indicator evolution_projets_structure --format json
expect_rc 0; expect_out '"plan_version": 1'
run "$CTG" eval --period 2023 --as-of 2023-06-30 --indicator evolution_projets_structure --format json
expect_rc 0; expect_out '"plan_version": 1'
run "$CTG" eval --period 2023 --as-of 2023-07-01 --indicator places_creees_avenant --format json
expect_rc 0; expect_out '"plan_version": 2'

t "observations are checked against the version in force during their period"
cat > new.yaml <<'EOF'
plan: ctg-clermont-2021-2025
source: test
observations:
  - {indicator: places_creees_avenant, period: 2023, territory: clermont-ferrand, value: 12}
EOF
run "$CTG" import new.yaml
expect_rc 0; expect_out "1 ligne importée"
cat > early.yaml <<'EOF'
plan: ctg-clermont-2021-2025
source: test
observations:
  - {indicator: places_creees_avenant, period: 2022, territory: clermont-ferrand, value: 3}
  - {indicator: evolution_projets_structure, period: 2024, territory: clermont-ferrand, text: "bien"}
  - {indicator: evolution_projets_structure, period: 2021, territory: clermont-ferrand, text: "engagé"}
EOF
run "$CTG" import early.yaml
expect_rc 3
expect_err "early.yaml:4: l'indicateur places_creees_avenant n'est pas dans la version 1 du plan, en vigueur pour la période 2022 (depuis le 5 mars 2021) : seule la version 2 l'a"
expect_err "early.yaml:5: l'indicateur evolution_projets_structure n'est pas dans la version 2 du plan, en vigueur pour la période 2024"
expect_no_err "early.yaml:6"
run "$CTG" eval --period 2023 --indicator places_creees_avenant --format csv
expect_out "places_creees_avenant;2023;clermont-ferrand;12;"

t "a dropped indicator's observations: eval and rules warn, history and export still show them"
run "$CTG" eval --period 2023 --indicator places_100 --format csv
expect_rc 0; expect_err "attention : l'indicateur evolution_projets_structure a 1 observation mais n'est plus dans la version 2"
run "$CTG" rules --period 2023
expect_err "l'indicateur evolution_projets_structure a 1 observation"; expect_err "(retiré par la version 2)"
run "$CTG" history --indicator evolution_projets_structure --period 2022
expect_rc 0; expect_out "révision 1"
run "$CTG" export observations --indicator evolution_projets_structure --format csv
expect_rc 0; expect_out "evolution_projets_structure"

t "ctg diff of stored versions: PLAN@1 PLAN@2 shows what the avenant added; PLAN@DATE is the version in force then"
run "$CTG" diff ctg-clermont-2021-2025@1 ctg-clermont-2021-2025@2
expect_rc 0
expect_out "+ indicateur places_creees_avenant"; expect_out "+ étape 7-F"; expect_out "- indicateur evolution_projets_structure"
expect_out "2 ajouts, 1 retrait, 2 modifications"
run "$CTG" diff ctg-clermont-2021-2025@2023-06-30 ctg-clermont-2021-2025@2023-07
expect_rc 0; expect_out "+ indicateur places_creees_avenant"
run "$CTG" diff "$EX/plan.lua" ctg-clermont-2021-2025@2
expect_rc 0; expect_out "+ indicateur places_creees_avenant"
run "$CTG" diff ctg-clermont-2021-2025@2 ctg-clermont-2021-2025@2
expect_rc 0; expect_out "0 ajout, 0 retrait, 0 modification"

t "the YAML export of a stored version, or of an avenant file, is the whole resulting plan"
run "$CTG" export ctg-clermont-2021-2025@2
expect_rc 0; expect_out "id: places_creees_avenant"; expect_out "id: places_100"; expect_out "amendments:"
expect_no_out "id: evolution_projets_structure"
run "$CTG" export "$AM/avenant-1.lua" -o avenant.yaml
expect_rc 0
run "$CTG" export ctg-clermont-2021-2025@2 -o stored.yaml
cmp -s avenant.yaml stored.yaml || _fail "the export of the avenant file differs from the stored version"

t "the report shows the amendments in force in its header"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o bilan.md
expect_rc 0
grep -q "Avenant en vigueur.*Avenant n°1 (délibération du 12 juin 2023, signé le 3 juillet 2023, en vigueur le 1er juillet 2023)" bilan.md ||
  _fail "the Markdown header does not show the avenant"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o bilan.html
grep -q 'Avenant en vigueur.*:</dt> <dd>Avenant n°1' bilan.html || _fail "the HTML header does not show the avenant"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2022 -o bilan22.md
grep -q "Avenant en vigueur" bilan22.md && _fail "the 2022 report shows an avenant not yet in force"

t "an avenant without amends file applies to the version in the database"
run "$CTG" check "$AM/avenant-2.lua"
expect_rc 0; expect_out "modifie la version 2 enregistrée"
expect_out "~ indicateur places_creees_avenant : libelle :"
run "$CTG" import "$AM/avenant-2.lua"
expect_rc 0; expect_out "enregistré comme version 3 (en vigueur le 16 septembre 2024)"
run "$CTG" export ctg-clermont-2021-2025@3
expect_out "Avenant n°1 (délibération"; expect_out "Avenant n°2 (signé le 16 septembre 2024"
run "$CTG" --db "$TMP/absent.db" check "$AM/avenant-2.lua"
expect_rc 3; expect_out "donnez la base (--db) ou le fichier du plan"
[ -e "$TMP/absent.db" ] && _fail "ctg check created a database"

t "bad input: an amendment naming an unknown plan id, a missing amends file"
run "$CTG" check "$AM/avenant-unknown-plan.lua"
expect_rc 3; expect_out "avenant-unknown-plan.lua:1: aucun plan « ctg-clermont-2021-2052 » dans la base (vouliez-vous dire « ctg-clermont-2021-2025 » ?)"
run "$CTG" import "$AM/avenant-unknown-plan.lua"
expect_rc 3; expect_err "aucun plan « ctg-clermont-2021-2052 »"
run "$CTG" import "$AM/avenant-missing-file.lua"
expect_rc 3; expect_err "avenant-missing-file.lua:1: amends : le fichier convention-introuvable.lua est introuvable"

t "bad input: an amendment removing an action whose indicators a rule still uses"
run "$CTG" check "$AM/avenant-bad-rule.lua"
expect_rc 3
expect_out "avenant-bad-rule.lua:2: remove : action 7 retire l'indicateur places_100, encore utilisé par la règle « places en hausse »"
run "$CTG" import "$AM/avenant-bad-rule.lua"
expect_rc 3
run "$CTG" plans
expect_no_out "v4"

t "bad input: bad dates and fields in amendment, unknown kinds and codes in remove, remove outside an avenant"
run "$CTG" check "$AM/avenant-bad.lua"
expect_rc 3; expect_out "effective : date \"2023-02-30\" : le 30 février 2023 n'existe pas"
expect_out "champ inconnu « lable » dans amendment (vouliez-vous dire « label » ?)"
run "$CTG" check "$AM/avenant-remove-bad.lua"
expect_rc 3; expect_out "avenant-remove-bad.lua:2: remove : « indicatr » n'est pas un genre de déclaration (vouliez-vous dire « indicator » ?)"
expect_out "avenant-remove-bad.lua:3: remove : indicator n_existe_pas n'existe pas dans le plan modifié"
run "$CTG" check "$AM/plan-with-remove.lua"
expect_rc 3; expect_out "plan-with-remove.lua:2: remove { … } ne s'emploie que dans un avenant"

t "bad input: two versions with the same effective date (the later import wins, with a warning)"
sed 's/meetings_per_year = 1,/meetings_per_year = 2,/' "$EX/plan.lua" > copie.lua
run "$CTG" import copie.lua --effective 2024-09-16
expect_rc 0; expect_out "enregistré comme version 4"
expect_err "la version 4 a la même date d'effet (16 septembre 2024) que la version 3 : la version 4, importée plus tard, s'applique à partir de cette date"
run "$CTG" eval --period 2024 --indicator places_100 --format json
expect_out '"plan_version": 4'

t "bad input: ctg diff PLAN@9 when there is no version 9"
run "$CTG" diff ctg-clermont-2021-2025@9 ctg-clermont-2021-2025@2
expect_rc 3; expect_err "diff : le plan ctg-clermont-2021-2025 n'a pas de version 9 (versions enregistrées : 1, 2, 3, 4)"
run "$CTG" diff inconnu@1 ctg-clermont-2021-2025@2
expect_rc 3; expect_err "diff : aucun plan « inconnu » dans la base (plans enregistrés : ctg-clermont-2021-2025)"
run "$CTG" diff ctg-clermont-2021-2025@2024-02-30 ctg-clermont-2021-2025@2
expect_rc 2; expect_err "le 30 février 2024 n'existe pas"
run "$CTG" export ctg-clermont-2021-2025@9
expect_rc 3; expect_err "export : le plan ctg-clermont-2021-2025 n'a pas de version 9"
