# A CAF's portfolio (issue 24, point 5): one database holds several plans. Every reading
# command takes --plan; without it a database of several plans is a usage error listing them;
# an unknown --plan suggests the closest; every machine-readable output names its plan; a plan
# id already used by another convention is refused at import; scripts/portefeuille.lua compares
# the plans through their indicators' national references.
cd "$TMP" || exit 1
EX=$ROOT/examples/clermont-ferrand
SA=$ROOT/tests/fixtures/sud-avesnois
CF_ID=ctg-clermont-2021-2025
SA_ID=ctg-sud-avesnois-2023-2027

# A third plan of its own shape: written in French, two root territories (two communes side
# by side, no EPCI), a coverage rate and a holiday-centre occupancy with national references.
cat > rives.lua <<'LUA'
plan "ctg-deux-rives-2022-2026" { titre = "CTG des Deux Rives", periode = {2022, 2026}, date_signature = "2022-04-12" }
territoire("rive-gauche", "Rive-Gauche") { niveau = "commune" }
territoire("rive-droite", "Rive-Droite") { niveau = "commune" }
territoire("bourg", "Le Bourg") { niveau = "quartier", parent = "rive-droite" }
indicateur "couverture" { libelle = "Places pour 100 enfants de moins de 3 ans", nature = "taux", echelle = 100,
  numerateur = "places", denominateur = "enfants de moins de 3 ans", cumul = "dernier", sens = "hausse",
  cibles = { [2024] = 30 }, ["référence_nationale"] = "cnaf:taux_couverture" }
indicateur "remplissage" { libelle = "Remplissage des accueils de loisirs", nature = "taux", echelle = 100,
  numerateur = "journées réalisées", denominateur = "journées ouvertes", cumul = "somme",
  reference_nationale = "cnaf:taux_remplissage_alsh" }
indicateur "fetes" { libelle = "Fêtes de quartier", nature = "comptage", cumul = "somme" }
LUA
cat > rives-2024.yaml <<'YAML'
plan: ctg-deux-rives-2022-2026
source: "Tableau de bord des Deux Rives 2024 (fictif)"
observations:
  - {indicator: couverture, period: 2024, territory: rive-gauche, numerator: 62, denominator: 200}
  - {indicator: couverture, period: 2024, territory: rive-droite, numerator: 18, denominator: 90}
  - {indicator: remplissage, period: 2024, territory: rive-gauche, numerator: 1300, denominator: 2000}
  - {indicator: remplissage, period: 2024, territory: rive-droite, numerator: 450, denominator: 900}
  - {indicator: fetes, period: 2024, territory: rive-gauche, value: 4}
YAML
RV_ID=ctg-deux-rives-2022-2026

"$CTG" --db all.db import "$EX/plan.lua" "$EX"/data/20*.yaml "$EX"/data/2023-petite-enfance.csv > /dev/null
"$CTG" --db all.db import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv > /dev/null
"$CTG" --db all.db import rives.lua rives-2024.yaml > /dev/null
"$CTG" --db cf.db import "$EX/plan.lua" "$EX"/data/20*.yaml "$EX"/data/2023-petite-enfance.csv > /dev/null
"$CTG" --db sa.db import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv > /dev/null
"$CTG" --db rv.db import rives.lua rives-2024.yaml > /dev/null
sum() { sha256sum "$1" | cut -d' ' -f1; }

t "three plans in one database: eval without --plan refuses (exit 2) and lists them"
run "$CTG" --db all.db eval
expect_rc 2
expect_err "eval : la base all.db contient 3 plans ($CF_ID, $RV_ID, $SA_ID) : précisez lequel avec --plan ID"
expect_out_eq ""

t "every reading command refuses a database of several plans without --plan, listing them"
for cmd in "rules" "history --indicator places_100" "export observations" "report $ROOT/scripts/bilan-annuel.lua -o b.html" \
           "eval --format json" "eval --explain places_100"; do
  # shellcheck disable=SC2086
  run "$CTG" --db all.db $cmd
  expect_rc 2
  expect_err "contient 3 plans ($CF_ID, $RV_ID, $SA_ID)"
done
[ ! -e b.html ] || _fail "a report was written"
# the report command names the comparing form too
run "$CTG" --db all.db report "$ROOT/scripts/tableau-de-bord.lua" -o b.html
expect_err "ou --plan all pour un rapport qui les compare"

t "with --plan each plan gives its own values, the same bytes as a database holding it alone"
for pair in "$CF_ID cf.db" "$SA_ID sa.db" "$RV_ID rv.db"; do
  set -- $pair
  "$CTG" --db all.db eval --plan "$1" --period all --territory all --format csv --as-of 2030-01-01 > several.csv
  "$CTG" --db "$2" eval --period all --territory all --format csv --as-of 2030-01-01 > alone.csv
  cmp -s several.csv alone.csv || _fail "$1: $(diff several.csv alone.csv | head -4)"
  [ "$(wc -l < alone.csv)" -gt 10 ] || _fail "$1: only $(wc -l < alone.csv) rows"
  "$CTG" --db all.db rules --plan "$1" --period 2024 > several.txt 2>&1
  "$CTG" --db "$2" rules --period 2024 > alone.txt 2>&1
  cmp -s several.txt alone.txt || _fail "$1 rules: $(diff several.txt alone.txt | head -4)"
done
run "$CTG" --db all.db eval --plan "$RV_ID" --period 2024 --territory rive-gauche
expect_rc 0
expect_out "couverture"
expect_out "31,0${NB}%"
expect_no_out "places_100"

t "--plan naming an unknown plan: a usage error with the closest id, on each command"
run "$CTG" --db all.db eval --plan ctg-clermont-2021-2052
expect_rc 2
expect_err "eval : --plan 'ctg-clermont-2021-2052' n'est pas un plan de la base (vouliez-vous dire '$CF_ID' ?) ; plans enregistrés : $CF_ID, $RV_ID, $SA_ID"
# a part of the id is enough for the hint
run "$CTG" --db all.db history --plan deux-rives --indicator couverture
expect_rc 2
expect_err "(vouliez-vous dire '$RV_ID' ?)"
for cmd in "rules" "plans" "export observations" "report $ROOT/scripts/bilan-annuel.lua -o b.html" "diff 1 1"; do
  # shellcheck disable=SC2086
  run "$CTG" --db all.db $cmd --plan ctg-sud-avesnois
  expect_rc 2
  expect_err "--plan 'ctg-sud-avesnois' n'est pas un plan de la base (vouliez-vous dire '$SA_ID' ?)"
done
run "$CTG" --db empty.db import "$EX/data/2020.yaml"
run "$CTG" --db cf.db eval --plan all
expect_rc 2
expect_err "eval : --plan all ne vaut que pour ctg report"

t "ctg plans lists every plan of the database; --plan only one"
run "$CTG" --db all.db plans
expect_rc 0
expect_out "$CF_ID v1"
expect_out "$SA_ID v1"
expect_out "$RV_ID v1"
run "$CTG" --db all.db plans --plan "$RV_ID" --format json
expect_rc 0
expect_out "\"plan_id\": \"$RV_ID\""
expect_no_out "$CF_ID"

t "every machine-readable output names its plan"
run "$CTG" --db all.db eval --plan "$SA_ID" --period 2024 --format json
expect_out "\"plan\": \"$SA_ID\""
run "$CTG" --db all.db eval --plan "$RV_ID" --period 2024 --territory all --format csv --csv-dialect intl
expect_out "Indicateur,Période,Territoire,Valeur,Numérateur,Dénominateur,Cible,Statut,Motif,Plan"
expect_out "couverture,2024,rive-gauche,31,62,200,30,atteint,,$RV_ID"
run "$CTG" --db all.db rules --plan "$RV_ID" --format json
expect_out "\"plan\": \"$RV_ID\""
run "$CTG" --db all.db history --plan "$RV_ID" --indicator couverture --format json
expect_out "\"plan_id\": \"$RV_ID\""
run "$CTG" --db all.db export observations --plan "$RV_ID" --format json
expect_out "\"plan\": \"$RV_ID\""
expect_out "\"indicator\": \"fetes\""
expect_no_out "places_100"
run "$CTG" check rives.lua --format json
expect_out "\"plan\": \"$RV_ID\","
run "$CTG" --db all.db diff --plan "$RV_ID" 1 @1 --format json
expect_rc 0
expect_out "\"old_plan\": \"$RV_ID\""
expect_out "\"new_plan\": \"$RV_ID\""

t "history and export with --plan read that plan's rows only"
# both plans have an indicator named like no other: the history of one is empty in the other
run "$CTG" --db all.db history --plan "$CF_ID" --indicator couverture
expect_rc 2
expect_err "--indicator 'couverture' n'est pas un indicateur du plan"
run "$CTG" --db all.db history --plan "$RV_ID" --indicator couverture --territory rive-droite
expect_rc 0
expect_out "18 / 90"

t "a CSV without plan: the plan imported with it, else --plan; several plans and neither is an error"
printf 'indicateur;periode;territoire;valeur\r\nfetes;2025;rive-droite;2\r\n' > fetes.csv
cp all.db before.db
run "$CTG" --db all.db import fetes.csv
expect_rc 3
expect_err "fetes.csv:1: la base all.db contient 3 plans"
cmp -s all.db before.db || _fail "the database changed"
run "$CTG" --db all.db import fetes.csv --plan "$RV_ID"
expect_rc 0
expect_out "1 ligne importée"
run "$CTG" --db all.db eval --plan "$RV_ID" --indicator fetes --period 2025 --territory rive-droite --format csv
expect_out "fetes;2025;rive-droite;2;"

t "the Lua API: a database of several plans and no plan named is an error listing them"
run "$CTG" -e 'local ok, err = pcall(ctg.evaluate, nil, ctg.open("all.db"), {period = 2024}); print(ok, err)'
expect_out "false"
expect_out "la base all.db contient 3 plans ($CF_ID, $RV_ID, $SA_ID) : dites lequel"

# ---- a plan id another convention already uses ------------------------------------------------

t "a plan whose id is stored but that covers other territories is refused, the database unchanged"
# the Deux Rives plan given the Sud-Avesnois id: another CTG, not a new version
sed "s/ctg-deux-rives-2022-2026/$SA_ID/" rives.lua > imposter.lua
cp all.db before.db
run "$CTG" --db all.db import imposter.lua
expect_rc 3
expect_err "imposter.lua:1: le plan « $SA_ID » de la base (version 1,"
expect_err "couvre Communauté de communes du Sud-Avesnois (ccsa) ; celui-ci couvre Rive-Gauche (rive-gauche), Rive-Droite (rive-droite)"
expect_err "importez-le avec --new-version"
cmp -s all.db before.db || _fail "the database changed"
run "$CTG" --db all.db plans --plan "$SA_ID"
expect_no_out "v2"

t "the same convention changed (same territories) is a new version; --new-version accepts another"
copy_with rives.lua rives-v2.lua 'titre = "CTG des Deux Rives"' 'titre = "CTG des Deux Rives (révisée)"'
run "$CTG" --db all.db import rives-v2.lua --effective 2024-01-01
expect_rc 0
expect_out "version 2"
run "$CTG" --db all.db import imposter.lua --new-version --effective 2026-01-01
expect_rc 0
expect_out "$SA_ID enregistré comme version 2"
run "$CTG" --db all.db import rives-2024.yaml --new-version
expect_rc 2
expect_err "import : l'option --new-version n'a pas d'effet sur un fichier d'observations (rives-2024.yaml)"

# ---- the portfolio report ----------------------------------------------------------------------

# copies of the example and the fixture whose coverage rate carries the national reference
copy_with "$EX/plan.lua" cf-ref.lua '    unit = "places pour 100 enfants",
    direction = "higher",' '    unit = "places pour 100 enfants",
    direction = "higher", national_reference = "cnaf:taux_couverture",'
copy_with "$SA/plan.lua" sa-ref.lua 'targets = {[2027] = 50},' 'targets = {[2027] = 50}, national_reference = "cnaf:taux_couverture",' \
  'numerator = "journées réalisées", denominator = "journées ouvertes", unit = "%"' \
  'numerator = "journées réalisées", denominator = "journées ouvertes", unit = "%", national_reference = "cnaf:taux_remplissage_alsh"'
"$CTG" --db pf.db import cf-ref.lua "$EX"/data/20*.yaml > /dev/null
"$CTG" --db pf.db import sa-ref.lua "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv > /dev/null
"$CTG" --db pf.db import rives.lua rives-2024.yaml > /dev/null

t "portefeuille: the shared references, per plan and root territory, one table and one chart"
run "$CTG" --db pf.db report "$ROOT/scripts/portefeuille.lua" --plan all --period 2024 -o pf.html
expect_rc 0
python3 "$ROOT/tests/cli/html_cells.py" pf.html > cells.txt 2>/dev/null || cp pf.html cells.txt
for want in "Portefeuille de CTG" "3 conventions territoriales globales comparées" "$CF_ID" "$SA_ID" "$RV_ID" \
            "2 références nationales partagées" "cnaf:taux_couverture" "cnaf:taux_remplissage_alsh" \
            "Rive-Gauche" "Rive-Droite" "Communauté de communes du Sud-Avesnois" "Clermont-Ferrand" \
            "Statut des indicateurs partagés, par plan" "<svg"; do
  grep -qF -- "$want" pf.html || _fail "pf.html lacks: $want"
done
# the Deux Rives coverage on each of its roots: value, target, status
grep -q "31,0.%" pf.html || _fail "Rive-Gauche's 31,0 % missing"
grep -q "20,0.%" pf.html || _fail "Rive-Droite's 20,0 % missing"
grep -qF "fetes" pf.html && _fail "an indicator without reference is listed"
# one chart, the provenance naming the three plans
[ "$(grep -o '<svg' pf.html | wc -l)" -eq 1 ] || _fail "not one chart: $(grep -o '<svg' pf.html | wc -l)"
grep -qF "$CF_ID v1, $RV_ID v1, $SA_ID v1" pf.html || _fail "the provenance does not name every plan"
# the same inputs, the same bytes
"$CTG" --db pf.db report "$ROOT/scripts/portefeuille.lua" --plan all --period 2024 -o pf2.html
cmp -s pf.html pf2.html || _fail "two runs differ"

t "portefeuille: CSV and PDF carry the same table"
run "$CTG" --db pf.db report "$ROOT/scripts/portefeuille.lua" --plan all --period 2024 -o pf.csv
expect_rc 0
grep -q "^cnaf:taux_couverture;$RV_ID;rive-gauche;couverture;31;30;achieved" pf-indicateurs-partages.csv \
  || _fail "csv: $(head -5 pf-indicateurs-partages.csv)"
if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then
  run "$CTG" --db pf.db report "$ROOT/scripts/portefeuille.lua" --plan all --period 2024 -o pf.pdf
  expect_rc 0
  pdftotext -layout pf.pdf pf.txt
  printf '%s\n' "Portefeuille de CTG" "Indicateurs partagés" "Rive-Droite" "Statut des indicateurs partagés, par plan" > want.txt
  missing=$(python3 "$ROOT/tests/cli/pdf_has.py" pf.txt want.txt) || _fail "the PDF lacks: $missing"
else
  _fail "chromium and pdftotext are needed (make deps)"
fi

t "portefeuille on a database of one plan, and without a shared reference, says so"
run "$CTG" --db rv.db report "$ROOT/scripts/portefeuille.lua" -o one.md
expect_rc 0
grep -qF "La base ne contient qu'une convention ($RV_ID) : il n'y a rien à comparer" one.md || _fail "$(cat one.md)"
run "$CTG" --db all.db report "$ROOT/scripts/portefeuille.lua" --plan all --period 2024 -o none.md
expect_rc 0
grep -qF "Aucune référence nationale n'est partagée par deux plans" none.md || _fail "$(grep -n Aucune none.md)"
grep -qF "cnaf:taux_couverture ($RV_ID)" none.md || _fail "the references present are not listed"

t "--plan all with a report on one plan: an error at the script's line saying what to do"
run "$CTG" --db pf.db report "$ROOT/scripts/tableau-de-bord.lua" --plan all -o tb.html
expect_rc 1
expect_err "tableau-de-bord.lua:9: ce rapport porte sur plusieurs plans (--plan all) : ctx.plan n'existe pas"
[ ! -e tb.html ] || _fail "a report was written"

t "portefeuille without --period: each plan at its own period, each named with its as-of date"
run "$CTG" --db pf.db report "$ROOT/scripts/portefeuille.lua" --plan all -o own.md
expect_rc 0
grep -qF "| Référence | Plan | Territoire | Indicateur | Période | Valeur | Cible | Statut |" own.md || _fail "no period column"
grep -qF "| cnaf:taux_couverture | $CF_ID | Clermont-Ferrand | Taux de places en établissements publics / 100 enfants | 2023 |" own.md \
  || _fail "Clermont-Ferrand not at 2023: $(grep "$CF_ID" own.md | head -3)"
grep -qF "$CF_ID 2023 (au 2023-12-31), $RV_ID 2024 (au 2024-12-31), $SA_ID 2024 (au 2024-12-31)" own.md \
  || _fail "provenance: $(grep -n Période own.md)"

t "the observations CSV names its plan on each row; ctg import takes it, and checks every row"
"$CTG" --db pf.db export observations --plan "$RV_ID" --format csv -o rv-obs.csv
head -1 rv-obs.csv | tr -d '\r' | grep -q ";source;plan$" || _fail "header: $(head -1 rv-obs.csv)"
grep -q "^couverture;2024;rive-gauche;;62;200;;;;Tableau de bord des Deux Rives 2024 (fictif);$RV_ID" rv-obs.csv \
  || _fail "row: $(sed -n 2p rv-obs.csv)"
cp pf.db pf-before.db
# a database of three plans: the file's plan column says which, no --plan needed
run "$CTG" --db pf.db import rv-obs.csv
expect_rc 0
expect_out "5 lignes importées"
run "$CTG" --db pf.db history --plan "$RV_ID" --indicator couverture --territory rive-gauche
expect_out "révision 2"
# a row of another plan: located at its row and the plan column, nothing imported
cp pf.db pf-before.db
python3 -c "
import sys
lines = open('rv-obs.csv', encoding='utf-8-sig', newline='').read().split('\r\n')
lines[3] = lines[3].replace('$RV_ID', '$SA_ID')
open('mixed.csv', 'w', encoding='utf-8', newline='').write('\r\n'.join(lines))"
run "$CTG" --db pf.db import mixed.csv
expect_rc 3
expect_err "mixed.csv:4:11: la ligne est du plan « $SA_ID », mais le fichier est importé dans le plan $RV_ID"
cmp -s pf.db pf-before.db || _fail "the database changed"
# --plan naming another plan than the file's rows: each row is refused
run "$CTG" --db pf.db import rv-obs.csv --plan "$SA_ID"
expect_rc 3
expect_err "rv-obs.csv:2:11: la ligne est du plan « $RV_ID », mais le fichier est importé dans le plan $SA_ID"
cmp -s pf.db pf-before.db || _fail "the database changed"
# the same check when the plan's versions judge rows differently (each row read as a table)
copy_with rives.lua rives-v3.lua 'indicateur "fetes" { libelle = "Fêtes de quartier", nature = "comptage", cumul = "somme" }' ''
"$CTG" --db pf.db import rives-v3.lua --effective 2026-01-01 > /dev/null 2>&1 || _fail "v3 not imported"
cp pf.db pf-before.db
run "$CTG" --db pf.db import mixed.csv
expect_rc 3
expect_err "mixed.csv:4:11: la ligne est du plan « $SA_ID », mais le fichier est importé dans le plan $RV_ID"
cmp -s pf.db pf-before.db || _fail "the database changed"

t "diff N M: versions of the only plan, or of --plan; several plans and no --plan: the list"
run "$CTG" --db all.db diff 1 2
expect_rc 2
expect_err "diff : la base all.db contient 3 plans ($CF_ID, $RV_ID, $SA_ID) : précisez lequel avec --plan ID"
run "$CTG" --db rv.db diff 1 @1
expect_rc 0
expect_out "0 ajout, 0 retrait, 0 modification"
run "$CTG" --db all.db diff --plan "$RV_ID" 1 2
expect_rc 0
expect_out "CTG des Deux Rives (révisée)"

t "national_reference: declared once, French or English, checked, in ctg help vocabulary"
run "$CTG" help vocabulary
expect_out "reference_nationale (national_reference)"
CTG_LANG=en run "$CTG" help vocabulary
expect_out "national_reference (reference_nationale)"
copy_with rives.lua bad-ref.lua '"cnaf:taux_remplissage_alsh"' '"CNAF taux remplissage"'
run "$CTG" check bad-ref.lua
expect_rc 3
expect_out "bad-ref.lua:10: le champ 'reference_nationale' de l'indicateur remplissage doit être un code national en texte : l'organisme en minuscules, deux-points, puis le code sans espace"
run "$CTG" export rives.lua --format json
expect_out '"national_reference": "cnaf:taux_couverture"'

t "portefeuille --known-at before any import: the note about the database said once, not once a plan; the target shows though the value is n.d."
run "$CTG" --db pf.db report "$ROOT/scripts/portefeuille.lua" --plan all --period 2024 --known-at 2000-01-01 -o known.md
expect_rc 0
[ "$(printf '%s\n' "$err" | grep -c "aucune donnée n'était importée au 1er janvier 2000")" = 1 ] || _fail "said $(printf '%s\n' "$err" | grep -c aucune) times"
grep -qF "| cnaf:taux_couverture | $RV_ID | Rive-Gauche | Places pour 100 enfants de moins de 3 ans | n.d. | 30 | aucune donnée |" known.md \
  || _fail "values known in 2000: $(grep "$RV_ID | Rive-Gauche" known.md)"
