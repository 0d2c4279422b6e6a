# The words a person reads (issue 23, point 7): enumerated values in French wherever they
# are printed, comparison operators as signs, a rate with its indicator's decimals in
# findings as in tables, ctg check's summary counting by the plan's own names and
# explaining a name ctg also uses for something else, the coverage report saying what it
# measures. On Sud-Avesnois (actions named « Fiche ») and a generated plan whose axes are
# named « Enjeu ».
SA="$ROOT/tests/fixtures/sud-avesnois"
cd "$TMP" || exit 1
mkdir -p g && "$CTG" "$ROOT/tests/fixtures/intercommunal/generate.lua" g 12
"$CTG" import g/plan.lua g/observations.csv --db g.db >/dev/null || _fail "the generated plan does not import"

t "ctg check counts the levels by the plan's names and explains « Fiche » beside the sheets"
run "$CTG" check "$SA/plan.lua"
expect_rc 0
expect_out "  5 thématiques, 0 objectif, 8 fiches, 2 sous-actions, 8 fiches descriptives, 11 indicateurs, 3 enjeux,"
expect_out "« Fiche » : le nom que ce plan donne à ses actions (8) ; les fiches descriptives (8) sont autre chose"
expect_no_out "5 axes"

t "axes named « Enjeu »: the plan's stakes are counted as « enjeux de progrès », and why"
run "$CTG" check g/plan.lua
expect_out "  1 enjeu, 0 objectif, 1 action, 0 étape, 1 fiche, 2 indicateurs, 2 enjeux de progrès,"
expect_out "« Enjeu » : le nom que ce plan donne à ses axes (1) ; les enjeux de progrès (2) sont autre chose"
run env CTG_LANG=en "$CTG" check g/plan.lua
expect_out "1 enjeu, 0 objectives, 1 action"
expect_no_out "enjeux de progrès"

t "a plan that names its levels as ctg does: the summary as before, no explanation"
run "$CTG" check "$ROOT/examples/clermont-ferrand/plan.lua"
expect_out "  3 axes, 8 objectifs, 15 actions, 63 étapes, 12 fiches, 53 indicateurs, 18 enjeux, 3 instances"
expect_no_out "le nom que ce plan donne"

t "the coverage report says what it measures, and that these enjeux are not the plan's axes"
run "$CTG" report "$ROOT/scripts/couverture-enjeux.lua" --db g.db --date 2025-01-01 -o cov.md
expect_rc 0
grep -q "^Ce rapport mesure la couverture des enjeux de progrès du plan" cov.md || _fail "the report does not say what it measures"
grep -qF "Ce plan appelle « Enjeu » ses axes : les enjeux de ce rapport sont ses enjeux de progrès" cov.md \
  || _fail "no word on the plan's « Enjeu »"
grep -qF "Nombre d'actions par enjeu)" cov.md || _fail "« Nombre d'actions » not elided"
"$CTG" report "$ROOT/scripts/couverture-enjeux.lua" --db g.db --date 2025-01-01 -o sa-cov.md >/dev/null
run "$CTG" import "$SA/plan.lua" --db sa.db
"$CTG" report "$ROOT/scripts/couverture-enjeux.lua" --db sa.db --date 2025-01-01 -o sa-cov.md >/dev/null
grep -qF "les fiches qui le servent (l'enjeu est cité dans leur déclaration ou leur fiche descriptive)" sa-cov.md \
  || _fail "the plan's « fiches » not named as it names them"
grep -q "Ce plan appelle" sa-cov.md && _fail "a plan without a level named « Enjeu » is warned about one"
grep -qF "| Enjeu de progrès |" sa-cov.md || _fail "the matrix column does not say « Enjeu de progrès »"

t "enumerated values in French: ctg diff, ctg eval --explain, the REPL's summaries"
copy_with "$SA/plan.lua" sa2.lua 'kind = "count", time = "sum", direction = "higher", targets = {cumulative = {[2027] = 12}}' \
  'kind = "count", time = "last", direction = "lower", targets = {[2027] = 12}'
run "$CTG" diff "$SA/plan.lua" sa2.lua
expect_out '~ indicateur places_creees : cumul : "somme" -> "dernier"'
expect_out '~ indicateur places_creees : sens : "hausse" -> "baisse"'
expect_no_out '"sum"'
run env CTG_LANG=en "$CTG" diff "$SA/plan.lua" sa2.lua
expect_out '"sum" -> "last"'
"$CTG" import "$SA/data/2023.yaml" "$SA/data/2024.yaml" --db sa.db >/dev/null
run "$CTG" eval --db sa.db --period 2024 --explain places_creees
expect_out "formule : somme des valeurs sur les territoires et les dimensions ; dans le temps : somme"
run env CTG_LANG=en "$CTG" eval --db sa.db --period 2024 --explain places_creees
expect_out "over time: sum"
run "$CTG" -e "local p = ctg.load('$SA/plan.lua'); print(p:indicator('taux_couverture')); print(p:indicator('places_creees'))"
expect_out "Indicateur taux_couverture — Taux de couverture de l'accueil du jeune enfant (taux, tout le plan)"
expect_out "(comptage, fiche 1)"

t "findings: the operator as a sign, the threshold and the value with the rate's decimals"
cat > seuil.lua <<'RULES'
rule "accueil" { indicator = "taux_accueil", op = ">", value = 60, territory = "c02" }
rule "plafond" { indicator = "taux_accueil", op = "<=", value = 10, territory = "c01" }
RULES
run "$CTG" rules --db g.db --period 2024 seuil.lua
first=$(sed -n 's/^territoire("c02", "\([^"]*\)").*/\1/p' g/plan.lua)
expect_out "en 2024 ($first) : attendu > 60,0${NB}%"
expect_out ": attendu ≤ 10,0${NB}%"
expect_no_out "<="

t "ctg eval prints a target as its values, with the rate's decimals and unit"
run "$CTG" eval --db g.db --period 2024 --indicator taux_accueil
expect_rc 0
expect_out "60,0${NB}%"
expect_no_out " 60 "

t "ctg check names an indicator's kind in French in its findings"
copy_with "$SA/plan.lua" nature.lua 'indicator "familles_allocataires" { label = "Familles allocataires", kind = "count", time = "last" }' \
  'indicator "familles_allocataires" { label = "Familles allocataires", kind = "count", time = "last", scale = 100 }'
run "$CTG" check nature.lua
expect_out "l'indicateur familles_allocataires est de nature comptage mais donne des champs de taux"
expect_no_out "nature count"
