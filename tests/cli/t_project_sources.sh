# ctg.yaml `sources:` (the project's mapping files) and ctg build over workbooks: each data
# file read through the mapping whose `files` pattern matches its name; a mapping's change
# makes the build read its files again; every bad case located in ctg.yaml, exit 3, the
# database as it was.
export GIT_CONFIG_NOSYSTEM=1
SUD="$ROOT/tests/fixtures/sud-avesnois"
WB="$ROOT/tests/fixtures/workbooks"
# project NAME: a project of the Sud-Avesnois plan (not the example's) with an empty donnees/
project() {
  rm -rf "$1"; mkdir -p "$1/donnees" "$1/sources"
  cp "$SUD/plan.lua" "$1/plan.lua"
  printf 'nom: Sud-Avesnois\nplan: plan.lua\ndonnees: [donnees]\n' > "$1/ctg.yaml"
}
obs() { "$CTG" --db "$1" export observations --format csv 2>&1 | cut -d';' -f1-6 | sort; }

t "workbooks of a data folder are imported by ctg build, as their CSV; Excel's lock file is not"
project wb
cp "$WB/long.xlsx" wb/donnees/long.xlsx
printf 'PK\003\004' > 'wb/donnees/~$long.xlsx'
run "$CTG" build wb
expect_rc 0; expect_out "1 fichier"; expect_out "1 nouveau fichier"
"$CTG" import --db "$TMP/csv.db" "$SUD/plan.lua" "$WB/long.csv" > /dev/null
[ "$(obs wb/ctg.db)" = "$(obs "$TMP/csv.db")" ] || _fail "the workbook does not give its CSV's observations"
[ -n "$(obs wb/ctg.db)" ] || _fail "no observation"

t "an .ods beside it is taken too, in name order"
cp "$WB/long.ods" wb/donnees/zz.ods
run "$CTG" build wb
expect_rc 0; expect_out "2 fichiers"; expect_out "1 nouveau fichier"

t "sources: a file that is not there, a number, a path out of the project: located, nothing built"
project bad
printf 'plan: plan.lua\nsources:\n  - sources/absent.lua\n  - 3\n  - ../dehors.lua\n' > bad/ctg.yaml
: > dehors.lua
run "$CTG" build bad
expect_rc 3
expect_err "ctg.yaml:3: le fichier de correspondances « sources/absent.lua » est introuvable"
expect_err "ctg.yaml:4: « sources » nomme les fichiers des correspondances (texte : sources/cnaf.lua), pas le nombre 3"
expect_err "ctg.yaml:5: « sources » : le chemin « ../dehors.lua » sort du projet par '..'"
[ -e bad/ctg.db ] && _fail "a database was written"

t "a misspelt key gets the suggestion"
project typo
printf 'plan: plan.lua\nsoruces: [a.lua]\n' > typo/ctg.yaml
run "$CTG" build typo
expect_rc 3; expect_err "ctg.yaml:2: clé inconnue « soruces » (vouliez-vous dire « sources » ?)"
