# ctg export (YAML, JSON, -o) and ctg diff on an amended copy of the example plan.
PLAN="$ROOT/examples/clermont-ferrand/plan.lua"

t "export YAML to a file, check it: same counts as the Lua plan"
run "$CTG" export "$PLAN" -o plan.yaml
expect_rc 0; expect_out_eq ""
run "$CTG" check plan.yaml --format json
expect_rc 0
expect_out '"axes": 3,'; expect_out '"actions": 15,'; expect_out '"steps": 63,'; expect_out '"sheets": 12,'
expect_out '"indicators": 53,'; expect_out '"stakes": 18,'; expect_out '"committees": 3,'
expect_out "l'étape D de l'action 5 est codée « 5-E »"

t "export is deterministic, and YAML -> export gives the same YAML"
run "$CTG" export "$PLAN"
first="$out"
run "$CTG" export plan.yaml
[ "$out" = "$first" ] || _fail "re-export of the YAML differs"
[ "$(cat plan.yaml)" = "$first" ] || _fail "stdout export differs from -o export"

t "export JSON has the documented structure"
run "$CTG" export "$PLAN" --format json
expect_rc 0
expect_out '"axes": ['; expect_out '"objectives": ['; expect_out '"steps": ['
expect_out '"code": "5-E",'; expect_out '"id": "places_100",'; expect_out '"kind": "ratio",'
expect_out '"territories": ['; expect_out '"committees": ['; expect_out '"sheets": ['

t "export of a plan with errors writes nothing and exits 3"
printf 'plan "x" { title = "T", period = {2021, 2025} }\naxis(1, "A") { bogus = 1 }\n' > bad.lua
run "$CTG" export bad.lua -o bad.yaml
expect_rc 3; expect_err "bad.lua:2: champ inconnu 'bogus' dans l'axe 1"; expect_err "rien n'est exporté"
[ ! -e bad.yaml ] || _fail "bad.yaml was written"

t "export to a missing directory is a clear error"
run "$CTG" export "$PLAN" -o missing/dir/plan.yaml
expect_rc 5; expect_err "impossible d'écrire missing/dir/plan.yaml : répertoire inexistant"

t "export --format xml is a usage error"
run "$CTG" export "$PLAN" --format xml
expect_rc 2; expect_err "l'option '--format' prend l'une des valeurs yaml, json, csv, xlsx (reçu 'xml')"

t "diff of a plan with itself: no change"
run "$CTG" diff "$PLAN" plan.yaml
expect_rc 0; expect_out_eq "0 ajout, 0 retrait, 0 modification"

t "diff of an amendment (avenant): added, removed and changed, field by field"
copy_with "$PLAN" avenant.lua \
  'step("E", "Poursuivre le développement qualitatif de l'"'"'offre d'"'"'accueil (EAJE, ACM)"),' \
  'step("E", "Poursuivre le développement qualitatif de l'"'"'offre d'"'"'accueil (EAJE, ACM)"), step("F", "Ouvrir une crèche à Saint-Jacques"),' \
  'meetings_per_year = 1,' 'meetings_per_year = 2,' \
  '    direction = "higher",
    note = "taux de couverture' '    direction = "higher",
    targets = {[2025] = 15},
    note = "taux de couverture' \
  '  indicator "projets_jeunes_sante" {
    label = "Nombre de projets initiés par des jeunes et menés à terme",
    kind = "count",
    unit = "projets",
    time = "sum",
    direction = "higher",
  },' '' \
  'stake(4, "Maintenir' 'stake(5, "Favoriser l'"'"'inclusion numérique des familles")
stake(4, "Maintenir' >/dev/null
run "$CTG" diff "$PLAN" avenant.lua
expect_rc 0
expect_out '+ étape 7-F "Ouvrir une crèche à Saint-Jacques"'
expect_out '- indicateur projets_jeunes_sante "Nombre de projets initiés par des jeunes et menés à terme"'
expect_out '~ instance copil : reunions_par_an : 1 -> 2'
expect_out '~ indicateur places_100 : cibles : (aucun) -> {2025 = 15}'
expect_out '+ enjeu 5 "Favoriser l'"'"'inclusion numérique des familles"'
expect_out "2 ajouts, 1 retrait, 2 modifications"

t "diff --format json lists each change"
run "$CTG" diff "$PLAN" avenant.lua --format json
expect_rc 0
expect_out '"change": "added",'; expect_out '"kind": "step",'; expect_out '"code": "7/F",'
expect_out '"change": "changed",'; expect_out '"field": "meetings_per_year",'; expect_out '"old": 1,'; expect_out '"new": 2'

t "a corrected step code shows as a changed field"
copy_with "$PLAN" fixed.lua '{ code = "5-E" }' '' '{ code = "5-D" }' '' >/dev/null
run "$CTG" diff "$PLAN" fixed.lua
expect_out '~ étape 5-D : code : "5-E" -> "5-D"'; expect_out '~ étape 5-E : code : "5-D" -> "5-E"'
expect_out "0 ajout, 0 retrait, 2 modifications"

t "diff with a broken plan exits 3 and names it"
run "$CTG" diff "$PLAN" bad.lua
expect_rc 3; expect_err "bad.lua comporte des erreurs"

t "diff needs two plans"
run "$CTG" diff "$PLAN"
expect_rc 2; expect_err "diff : argument manquant"
