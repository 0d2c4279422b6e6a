# Years around the plan (issue 22, point 6): observations of the diagnostic before the plan
# and of its renewal after it are stored and evaluated; only a year more than ten years from
# the plan's period is refused at import, located, saying why and which years are accepted.
# A plan of its own: 2024-2028, two communes.
export CTG_DB="$TMP/ctg.db"
cat > plan.lua <<'LUA'
plan "ctg-littoral-2024-2028" { titre = "CTG du Littoral", periode = {2024, 2028}, date_signature = "2024-02-01" }
stake(1, "Accès aux droits")
territoire("lit", "Communauté du Littoral") { niveau = "epci" }
territoire("p", "Port-Neuf") { niveau = "commune", parent = "lit" }
territoire("s", "Sables-d'Or") { niveau = "commune", parent = "lit" }
axe(1, "Droits") { action(1, "Permanences") { pilotes = {"CCAS"}, enjeux = {1} } }
indicateur "permanences" { libelle = "Permanences tenues", nature = "comptage", cumul = "somme", sens = "hausse",
  cibles = {annuel = {[2026] = 50}} }
LUA
printf 'indicateur;periode;territoire;valeur\npermanences;2019;p;12\npermanences;2019;s;8\npermanences;2025;p;30\n' > data.csv
cat > renouvellement.yaml <<'YAML'
plan: ctg-littoral-2024-2028
source: "Relevé des permanences"
observations:
  - {indicator: permanences, period: 2030, territory: p, value: 41}
  - {indicator: permanences, period: 2030, territory: s, value: 19}
YAML

t "a diagnostic year before the plan (CSV) and a renewal year after it (YAML) are stored"
run "$CTG" import plan.lua data.csv
expect_rc 0; expect_out "3 lignes importées"
run "$CTG" import renouvellement.yaml
expect_rc 0; expect_out "2 lignes importées"

t "eval --period evaluates the years before and after the plan, roll-ups included"
run "$CTG" eval --period 2019 --territory lit --format csv
expect_rc 0; expect_out "permanences;2019;lit;20;"
run "$CTG" eval --period 2030 --territory all --format csv
expect_rc 0; expect_out "permanences;2030;lit;60;"; expect_out "permanences;2030;s;19;"

t "eval --period all runs from the diagnostic to the renewal, none left out or 'not started'"
run "$CTG" eval --period all --territory p --format csv
expect_rc 0
expect_out "permanences;2019;p;12;"; expect_out "permanences;2030;p;41;"
expect_out "permanences;2029;p;;;;;non disponible;aucune donnée"; expect_no_out "non commencée"
# the count's target is the EPCI's total (a commune has none), shown on its n.d. year too
run "$CTG" eval --period all --territory lit --format csv
expect_rc 0; expect_out "permanences;2029;lit;;;;50;non disponible;aucune donnée"; expect_no_out "non commencée"

t "a year more than ten years before the plan (CSV): located, why, the accepted range, exit 3, nothing stored"
printf 'indicateur;periode;territoire;valeur\npermanences;2026;p;33\npermanences;2010;s;4\n' > faute.csv
run "$CTG" import faute.csv
expect_rc 3
expect_err "faute.csv:3:2: la période 2010 est à plus de 10 ans du plan (2024-2028) : probablement une faute de frappe ; une observation peut aller de 2014 à 2038"
run "$CTG" eval --period 2026 --territory p --format csv
expect_out "permanences;2026;p;;"

t "a year more than ten years after the plan (YAML): refused the same way, in English too"
printf 'plan: ctg-littoral-2024-2028\nsource: "Relevé"\nobservations:\n  - {indicator: permanences, period: 2045, territory: p, value: 5}\n' > faute.yaml
run "$CTG" import faute.yaml
expect_rc 3; expect_err "faute.yaml:4: la période 2045 est à plus de 10 ans du plan (2024-2028)"
CTG_LANG=en run "$CTG" import faute.yaml
expect_rc 3; expect_err "period 2045 is more than 10 years from the plan (2024-2028): probably a typo; an observation may fall from 2014 to 2038"

t "the edges: 2014 and 2038 are accepted"
printf 'indicateur;periode;territoire;valeur\npermanences;2014;p;1\npermanences;2038;p;2\n' > bords.csv
run "$CTG" import bords.csv
expect_rc 0; expect_out "2 lignes importées"

t "eval --period further than the years observations may have is an error, exit 1"
run "$CTG" eval --period 2045
expect_rc 1; expect_err "la période 2045 est hors du plan et de ses données (2013-2038)"

t "ctg help import states the rule"
run "$CTG" help import
expect_rc 0; expect_out "dix ans qui précèdent le plan (diagnostic, référence) ou qui le suivent"
