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
printf 'plan: plan.lua\nsources:\n  - sources/absent.lua\n  - 3\n  - ../dehors.lua\n  - tube.lua\n  - sources\n' > bad/ctg.yaml
: > dehors.lua
mkdir -p bad/sources; mkfifo bad/tube.lua
run "$CTG" build bad
expect_rc 3
expect_err "ctg.yaml:3: le fichier de correspondances « sources/absent.lua » est introuvable"
expect_err "ctg.yaml:6: le fichier de correspondances « tube.lua » est un tube, un périphérique ou un socket"
expect_err "ctg.yaml:7: le fichier de correspondances « sources » est un dossier, pas un fichier"
expect_err "ctg.yaml:4: « sources » nomme les fichiers des correspondances (texte : sources/cnaf.lua), pas le nombre 3"
expect_err "ctg.yaml:5: « sources » : le chemin « ../dehors.lua » sort du projet par '..'"
[ -e bad/ctg.db ] && _fail "a database was written"

t "sources: naming the plan (not a mapping file): said as such, nothing built"
project notmap
printf 'plan: plan.lua\nsources: [plan.lua]\ndonnees: [donnees]\n' > notmap/ctg.yaml
run "$CTG" build notmap
expect_rc 3
expect_err "ctg.yaml:2: « plan.lua » n'est pas un fichier de correspondances : sa première déclaration doit être source"
[ -e notmap/ctg.db ] && _fail "a database was written"

t "a misspelt key gets the suggestion"
project typo
printf 'plan: plan.lua\nsoruces: [a.lua]\n' > typo/ctg.yaml
run "$CTG" build typo
expect_rc 3; expect_err "ctg.yaml:2: clé inconnue « soruces » (vouliez-vous dire « sources » ?)"

# ---- mappings (sources:) on a plan of another shape than the example: the Sud-Avesnois -----
# sud NAME: a project with a CNAF-shaped places file and an INSEE-shaped children file for
# three of its communes (by INSEE code) and one commune of another EPCI, and their mappings
sud() {
  project "$1"
  printf 'annee;numcom;nomcom;numepci;nomepci;pl_am_ind_com;tot_offre_com\r\n%s\r\n%s\r\n%s\r\n%s\r\n' \
    "2024;59012;ANOR;245900758;CC DU SUD AVESNOIS;31;40" "2024;59249;FOURMIES;245900758;CC DU SUD AVESNOIS;70;95" \
    "2024;59601;TRELON;245900758;CC DU SUD AVESNOIS;12;15" "2024;59392;MAUBEUGE;200043396;CA MAUBEUGE VAL DE SAMBRE;150;300" \
    > "$1/donnees/places_com_2024.csv"
  printf 'CODGEO;P24_POP;P24_POP0002\n59012;3200;108.5\n59249;12000;402.25\n59601;3100;61.0\n59392;29000;1100\n' \
    > "$1/donnees/pop-2024.csv"
  cat > "$1/sources/caf.lua" <<'LUA'
source "places" {
  titre = "places par commune",
  fichiers = "places_com_*.csv",
  territoire = { colonne = "numcom", par = "insee" },
  periode = { colonne = "annee" },
  valeurs = {
    pl_am_ind_com = { indicateur = "assmat_actives" },
    tot_offre_com = { indicateur = "taux_couverture", role = "numerateur" },
  },
}
LUA
  cat > "$1/sources/insee.lua" <<'LUA'
source "enfants" {
  fichiers = "pop-*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = { fichier = "(%d%d%d%d)" },
  valeurs = { P24_POP0002 = { indicateur = "taux_couverture", role = "denominateur" } },
}
LUA
  printf 'nom: Sud-Avesnois\nplan: plan.lua\nsources: [sources/caf.lua, sources/insee.lua]\ndonnees: [donnees]\n' > "$1/ctg.yaml"
}
value() { "$CTG" --db "$1/ctg.db" eval --indicator "$2" --period 2024 --territory "$3" --format csv | sed -n 2p | cut -d';' -f4-6; }

t "ctg build reads each file through its mapping: the EPCI's rate is Σplaces/Σchildren of its communes"
sud s1
run "$CTG" build s1
expect_rc 0
expect_out "places_com_2024.csv : bilan (source « places ») : 4 lignes lues, 6 observations enregistrées"
expect_out "hors du plan : 1 (59392)"
expect_out "pop-2024.csv : bilan (source « enfants ») : 4 lignes lues, 3 observations enregistrées"
[ "$(value s1 assmat_actives fourmies)" = "70;;" ] || _fail "assmat_actives fourmies: $(value s1 assmat_actives fourmies)"
# (40 + 95 + 15) / (108,5 + 402,25 + 61) = 150 / 571,75 = 26,2 %
value s1 taux_couverture ccsa | grep -q "^26,2" || _fail "the EPCI's rate: $(value s1 taux_couverture ccsa)"
value s1 taux_couverture trelon | grep -q "^24,59" || _fail "Trélon's rate: $(value s1 taux_couverture trelon)"

t "a rebuild with nothing changed reads nothing"
run "$CTG" build s1
expect_rc 0; expect_out "à jour, rien à importer"

t "a mapping changed: the files it reads are read again, with the new reading"
sed -i "s/indicateur = \"assmat_actives\"/indicateur = \"familles_allocataires\"/" s1/sources/caf.lua
run "$CTG" build s1
expect_rc 0; expect_out "1 fichier modifié relu"
expect_out "places_com_2024.csv : bilan (source « places »)"; expect_no_out "pop-2024.csv : bilan"
[ "$(value s1 familles_allocataires fourmies)" = "70;;" ] || _fail "the new reading: $(value s1 familles_allocataires fourmies)"
"$CTG" --db s1/ctg.db eval --indicator assmat_actives --period 2024 --territory fourmies --format csv | sed -n 2p | grep -q "n.d." ||
  _fail "the old reading is still current: $("$CTG" --db s1/ctg.db eval --indicator assmat_actives --period 2024 --territory fourmies --format csv)"

t "a data file no mapping matches, in ctg's own shape, is read as it is"
cp "$SUD/data/2024-communes.csv" s1/donnees/
run "$CTG" build s1
expect_rc 0; expect_out "1 nouveau fichier"; expect_out "2024-communes.csv : bilan : "

t "a data file no mapping matches, in a shape ctg cannot read: the error names the mappings tried"
project s2; sud s2
printf 'commune;enfants\nAnor;12\n' > s2/donnees/autre.csv
run "$CTG" build s2
expect_rc 3
expect_err "donnees/autre.csv : aucune correspondance de « sources: » ne reconnaît ce fichier (places : places_com_*.csv ; enfants : pop-*.csv), et ctg ne le lit pas tel quel"
[ -e s2/ctg.db ] && _fail "a first build that failed left a database"

t "two mappings match one file: an error naming both, nothing read, the database as it was"
cp s1/ctg.db before.db
printf 'source "tout" { fichiers = "*_com_*.csv", territoire = { colonne = "numcom" }, periode = 2024,\n  valeurs = { tot_offre_com = { indicateur = "places_creees" } } }\n' > s1/sources/autre.lua
printf 'plan: plan.lua\nsources: [sources/caf.lua, sources/insee.lua, sources/autre.lua]\ndonnees: [donnees]\n' > s1/ctg.yaml
run "$CTG" build s1
expect_rc 3
expect_err "places_com_2024.csv : deux sources correspondent à ce fichier : « places » (sources/caf.lua:1) et « tout » (sources/autre.lua:1)"
cmp -s before.db s1/ctg.db || _fail "the database changed"

t "the same mapping id in two files: located in ctg.yaml, nothing built"
printf 'source "places" { fichiers = "rien-*.csv", territoire = { colonne = "numcom" }, periode = 2024,\n  valeurs = { x = { indicateur = "places_creees" } } }\n' > s1/sources/autre.lua
run "$CTG" build s1
expect_rc 3
expect_err "ctg.yaml:2: la correspondance « places » est déclarée deux fois (sources/caf.lua:1 et sources/autre.lua:1)"
cmp -s before.db s1/ctg.db || _fail "the database changed"

t "a mapping with an error (an unknown role): its file and line, nothing built; ctg build --check says the same"
printf 'source "autre" { fichiers = "rien-*.csv", territoire = { colonne = "numcom" }, periode = 2024,\n  valeurs = { x = { indicateur = "places_creees", role = "numerateru" } } }\n' > s1/sources/autre.lua
run "$CTG" build s1
expect_rc 3; expect_err "sources/autre.lua:2: "; expect_err "numerateru"; expect_err "numerateur"
cmp -s before.db s1/ctg.db || _fail "the database changed"
run "$CTG" build s1 --check
expect_rc 3; expect_err "sources/autre.lua:2: "

t "ctg build --check reads the files through their mappings too"
rm s1/sources/autre.lua
printf 'plan: plan.lua\nsources: [sources/caf.lua, sources/insee.lua]\ndonnees: [donnees]\n' > s1/ctg.yaml
run "$CTG" build s1 --check
expect_rc 0; expect_out "places_com_2024.csv : bilan (source « places »)"

t "ctg check alone, in a project (or a sub-folder): the plan, then each mapping file of sources:"
mkdir -p s1/donnees/sous && cd s1/donnees/sous
run "$CTG" check
cd ../../..
expect_rc 0
expect_out "plan.lua: ctg-sud-avesnois-2023-2027"
expect_out "sources/caf.lua:1: source « places » — places par commune (fichiers : places_com_*.csv"
expect_out "sources/insee.lua:1: source « enfants »"

t "ctg check alone: a mapping's error makes it fail, located; --format json names one file"
printf 'source "x" { fichiers = "a*.csv", territoire = { colonne = "c" }, periode = 2024,\n  valeurs = { v = { indicateur = "places_creees", role = "numerateru" } } }\n' > s1/sources/autre.lua
printf 'plan: plan.lua\nsources: [sources/caf.lua, sources/autre.lua]\ndonnees: [donnees]\n' > s1/ctg.yaml
cd s1 && run "$CTG" check && cd ..
expect_rc 3; expect_out "sources/autre.lua:2: "; expect_out "numerateru"
cd s1 && run "$CTG" check --format json && cd ..
expect_rc 2; expect_err "check : --format json vérifie un fichier ; nommez-le"

t "ctg build says what the import warned about, located, as ctg import does"
project warn
printf 'indicateur;periode;territoire;valeur;numerateur;denominateur\ntaux_remplissage_alsh;2024;anor;;50;10\n' > warn/donnees/a.csv
run "$CTG" build warn
expect_rc 0
expect_err "attention : donnees/a.csv:2:5: le numérateur 50 dépasse le dénominateur 10 pour l'indicateur taux_remplissage_alsh"
