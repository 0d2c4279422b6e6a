# Options that act or are refused (issue 24, point 4): an option that would have no effect in
# the context given is a usage error (exit 2, French, naming the option and why), never
# accepted and ignored; nothing is written or imported.
cd "$TMP" || exit 1
SA=$ROOT/tests/fixtures/sud-avesnois
export CTG_DB=$TMP/sa.db
"$CTG" import "$SA/plan.lua" "$SA"/data/2023.yaml > /dev/null
sum() { sha256sum "$CTG_DB" | cut -d' ' -f1; }
before=$(sum)

t "import --date on an observation file: refused, naming the option and the file; nothing imported"
run "$CTG" import "$SA/data/2024.yaml" --date 2024-05-01
expect_rc 2
expect_err "import : l'option --date n'a pas d'effet sur un fichier d'observations ($SA/data/2024.yaml) : elle date une version de plan ; retirez-la"
[ "$(sum)" = "$before" ] || _fail "the database changed"

t "import: every plan-version option on observation files only is refused"
for opt in "--label Bilan" "--effective 2024-01-01" "--council-date 2024-01-01" "--signed 2024-01-01" "--new-version"; do
  # shellcheck disable=SC2086
  run "$CTG" import "$SA/data/2024-communes.csv" --plan ctg-sud-avesnois-2023-2027 $opt
  expect_rc 2
  expect_err "l'option ${opt%% *} n'a pas d'effet sur un fichier d'observations ($SA/data/2024-communes.csv)"
done
[ "$(sum)" = "$before" ] || _fail "the database changed"

t "import: CSV-only options without a CSV file are refused"
for opt in "--territory ccsa" "--plan ctg-sud-avesnois-2023-2027" "--source Tableau"; do
  # shellcheck disable=SC2086
  run "$CTG" import "$SA/data/2024.yaml" $opt
  expect_rc 2
  expect_err "l'option ${opt%% *} n'a pas d'effet sans fichier CSV ni classeur à importer"
done
[ "$(sum)" = "$before" ] || _fail "the database changed"

t "import: the same options act where they apply (a plan file, a CSV file)"
run "$CTG" import "$SA/data/2024-communes.csv" --source "Tableau des communes" --dry-run
expect_rc 0
copy_with "$SA/plan.lua" v2.lua '  edition      = "2023",' '  edition      = "2023", vision = "Une vision",'
run "$CTG" import v2.lua "$SA/data/2024.yaml" --label "Avenant 1" --effective 2025-01-01 --dry-run
expect_rc 0
expect_out "version 2"

t "eval --explain: --indicator, --by, --format and --csv-dialect would be ignored, so refused"
for opt in "--indicator taux_couverture" "--by commune" "--format json" "--csv-dialect intl"; do
  # shellcheck disable=SC2086
  run "$CTG" eval --explain familles_allocataires --period 2023 $opt
  expect_rc 2
  expect_err "eval : l'option ${opt%% *} n'a pas d'effet avec --explain (qui explique un seul indicateur, en texte) ; retirez-la"
  expect_out_eq ""
done

t "eval --explain with --period all or --territory all: one value is explained, refused"
run "$CTG" eval --explain familles_allocataires --territory all
expect_rc 2
expect_err "eval : --explain explique une seule valeur : --territory all n'a pas de sens avec lui"
run "$CTG" eval --explain familles_allocataires --period all
expect_rc 2
expect_err "--period all n'a pas de sens avec lui"

t "--csv-dialect outside a CSV output: refused on eval, report and export"
run "$CTG" eval --period 2023 --format json --csv-dialect intl
expect_rc 2
expect_err "eval : l'option --csv-dialect n'a pas d'effet avec --format json (elle règle le CSV seulement)"
run "$CTG" eval --period 2023 --csv-dialect french
expect_rc 2
expect_err "avec --format table"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --period 2023 -o tb.html --csv-dialect intl
expect_rc 2
expect_err "report : l'option --csv-dialect n'a pas d'effet pour une sortie html (elle règle les fichiers CSV seulement)"
[ ! -e tb.html ] || _fail "a report was written"
run "$CTG" export observations --format json --csv-dialect intl -o obs.json
expect_rc 2
expect_err "export : l'option --csv-dialect n'a pas d'effet avec --format json"
[ ! -e obs.json ] || _fail "an export was written"
run "$CTG" export "$SA/plan.lua" --csv-dialect intl
expect_rc 2
expect_err "export : l'option --csv-dialect n'a pas d'effet sur l'export d'un plan"
# where it acts, it is accepted
run "$CTG" eval --period 2023 --format csv --csv-dialect intl
expect_rc 0
expect_out "Indicateur,Période,Territoire"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --period 2023 -o tb.csv --csv-dialect intl
expect_rc 0

t "--plan where it picks nothing: a plan file exported, two plan files compared"
run "$CTG" export "$SA/plan.lua" --plan ctg-sud-avesnois-2023-2027
expect_rc 2
expect_err "export : l'option --plan n'a pas d'effet sur un fichier de plan ($SA/plan.lua)"
run "$CTG" diff "$SA/plan.lua" v2.lua --plan ctg-sud-avesnois-2023-2027
expect_rc 2
expect_err "diff : l'option --plan n'a pas d'effet quand les deux plans comparés sont des fichiers"
# with a version number it names that plan's stored version
run "$CTG" diff --plan ctg-sud-avesnois-2023-2027 1 v2.lua
expect_rc 0
expect_out "vision"

t "-o and --output both given: two outputs for one option, refused"
run "$CTG" export observations -o a.csv --output b.csv
expect_rc 2
expect_err "export : -o a.csv et --output b.csv nomment deux sorties"
[ ! -e a.csv ] && [ ! -e b.csv ] || _fail "a file was written"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o a.html --output b.html
expect_rc 2
expect_err "report : -o a.html et --output b.html nomment deux sorties"

t "init --debut and --start with two years: refused"
run "$CTG" init projet --debut 2025 --start 2026
expect_rc 2
expect_err "init : --debut et --start donnent deux années"
[ ! -e projet ] || _fail "the project was written"

t "CTG_LANG=en: the refusal in English"
CTG_LANG=en run "$CTG" import "$SA/data/2024.yaml" --date 2024-05-01
expect_rc 2
expect_err "import: option --date has no effect on an observation file ($SA/data/2024.yaml): it dates a plan version; remove it"
