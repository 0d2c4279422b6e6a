# Import mappings (issue 22, points 1 and 7): `source "id" { … }` declarations checked by
# `ctg check`, applied by `ctg import --using`, an account per file and a --dry-run preview;
# every bad input located, in French, exit 3 and the database unchanged. On a plan of its own
# (an intercommunality of the Loire valley, 2022-2026), with files of its own shapes.
export CTG_DB="$TMP/ctg.db"
cd "$TMP" || exit 1
cat > plan.lua <<'EOF'
plan "ctg-vallee-2022-2026" { title = "CTG de la Vallée (test des sources)", period = {2022, 2026} }
territory("cc-vallee", "Communauté de communes de la Vallée") { level = "epci", insee = "200012345" }
territory("saint-amand", "Saint-Amand-sur-Loire") { level = "commune", parent = "cc-vallee", insee = "41201" }
territory("bourg", "Bourg-le-Comte") { level = "commune", parent = "cc-vallee", insee = "41035" }
territory("lavau", "Lavau-Écluse") { level = "commune", parent = "cc-vallee", insee = "41110" }
committee("copil", "Comité de pilotage") { meetings_per_year = 2 }
funding("caf", "CAF de Loir-et-Cher") { floor_per_year = 100000 }
indicator "taux_couverture" { label = "Taux de couverture", kind = "ratio", scale = 100,
  numerator = "places", denominator = "enfants de moins de 3 ans" }
indicator "places" { label = "Places d'accueil", kind = "count" }
indicator "enfants" { label = "Enfants de moins de 3 ans", kind = "count", by = {"age"} }
axis(1, "Petite enfance") {
  action(1, "Accueillir les jeunes enfants") { pilots = {"CC"}, step("A", "Ouvrir une crèche") { years = {2024} } },
}
EOF
# every stored row, whatever its record
snapshot() { sqlite3 "$CTG_DB" "SELECT record, subject, period, territory, dims, value, numerator, denominator, missing FROM current_observation ORDER BY 1, 2, 3, 4, 5"; }
# indicator;period;territory;value;numerator;denominator of the values stored
values() { sqlite3 -separator ';' "$CTG_DB" "SELECT subject, period, territory, value, numerator, denominator FROM current_observation WHERE record = 'value' ORDER BY 1, 2, 3"; }

t "the plan of this test imports"
run "$CTG" import plan.lua
expect_rc 0

# ---- a CNAF-like commune file: INSEE codes, a year column, other communes, other years
cat > cnaf.lua <<'EOF'
-- taux de couverture par commune, publié chaque année
source "cnaf-communes" {
  titre = "CNAF, accueil du jeune enfant par commune",
  fichiers = "accueil_com_*.csv",
  territoire = { colonne = "CODGEO", par = "insee" },
  periode = { colonne = "an" },
  valeurs = {
    NB_PLACES = { indicateur = "taux_couverture", role = "numerateur" },
    NB_ENF = { indicateur = "taux_couverture", role = "denominateur" },
  },
  manquant = { "s", "nd" },
}
EOF
printf '%s\n' 'CODGEO;LIBGEO;an;NB_PLACES;NB_ENF' '41201;St-Amand;2023;45;150' '13055;Marseille;2023;9000;30000' \
  '41035;Bourg;2023;s;60' '69123;Lyon;2023;8000;25000' '41110;Lavau;2023;12;48' '41110;Lavau;1990;3;40' \
  '75056;Paris;2023;20000;60000' '2A004;Ajaccio;2023;500;2000' '33063;Bordeaux;2023;4000;9000' \
  '31555;Toulouse;2023;5000;12000' '41201;St-Amand;2024;50;152' > accueil_com_2023.csv

t "ctg check reads a mapping file: each source, its files, no error"
run "$CTG" check cnaf.lua
expect_rc 0
expect_out "cnaf.lua:2: source « cnaf-communes » — CNAF, accueil du jeune enfant par commune (fichiers : accueil_com_*.csv ; enregistrement : observation)"
expect_out "0 erreur"

t "a CNAF-like file: one observation a row (numerator and denominator), rows outside the plan skipped and counted"
run "$CTG" import --using cnaf.lua accueil_com_2023.csv
expect_rc 0
expect_out "accueil_com_2023.csv : 4 lignes importées"
expect_out "bilan (source « cnaf-communes ») : 11 lignes lues, 4 observations enregistrées, ignorées (règle ignorer) : 0, hors du plan : 7 (13055, 69123, 1990, 75056, 2A004, …), valeurs manquantes : 1"
run values
expect_out "taux_couverture;2023;saint-amand;;45.0;150.0"
expect_out "taux_couverture;2024;saint-amand;;50.0;152.0"
expect_out "taux_couverture;2023;lavau;;12.0;48.0"
run snapshot
expect_out "value|taux_couverture|2023|bourg|||||manquant dans la source : « s »"
expect_no_out "lavau||||3|40"

t "outside = \"erreur\": a commune the plan lacks is an error, located, with nothing stored"
before=$(snapshot)
copy_with cnaf.lua strict.lua 'manquant = { "s", "nd" },' 'manquant = { "s", "nd" }, hors_plan = "erreur",'
sed 's/2023/2025/' accueil_com_2023.csv > accueil_com_2025.csv
run "$CTG" import --using strict.lua accueil_com_2025.csv
expect_rc 3
expect_err "accueil_com_2025.csv:3:1: aucun territoire du plan n'a le code INSEE « 13055 »"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

# ---- a file whose year is only in its name
cat > places.lua <<'EOF'
source "places-annuelles" {
  title = "Places par commune (fichier annuel)",
  files = { "places-*.csv", "PLACES-*.CSV" },
  territory = { column = "Commune", by = "title" },
  period = { file = "(%d%d%d%d)" },
  values = { ["Places"] = { indicator = "places" } },
}
EOF
printf 'Commune,Places\nSaint-Amand-sur-Loire,38\nLAVAU ECLUSE,9\nBourg le Comte,1200\n' > places-2022.csv

t "a file whose year is only in its name, territories by title (case, accents, hyphens folded)"
run "$CTG" import --using places.lua places-2022.csv
expect_rc 0
expect_out "places-2022.csv : 3 lignes importées"
run values
expect_out "places;2022;saint-amand;38.0;"; expect_out "places;2022;lavau;9.0;"
expect_out "places;2022;bourg;1200.0;"

# ---- a Windows-1252 CSV with ';' and decimal commas, declared
cat > cp.lua <<'EOF'
source "effectifs" {
  fichiers = "effectifs*.csv",
  dialecte = { separateur = ";", decimal = ",", encodage = "windows-1252" },
  territoire = { colonne = "Libellé", par = "titre" },
  periode = 2024,
  valeurs = { ["Enfants < 3 ans"] = { indicateur = "enfants" } },
  dimensions = { age = "0-2 ans" },
}
EOF
printf 'Libell\xe9;Enfants < 3 ans\nLavau-\xc9cluse;1 250\nBourg-le-Comte;64\n' > effectifs.csv

t "a Windows-1252 ';' CSV declared so: accented titles, thousands, a fixed dimension"
run "$CTG" import --using cp.lua effectifs.csv
expect_rc 0
expect_out "effectifs.csv : 2 lignes importées (converti depuis Windows-1252)"
run snapshot
expect_out "value|enfants|2024|lavau|age=0-2 ans|1250.0"
expect_out "value|enfants|2024|bourg|age=0-2 ans|64.0"

t "a Windows-1252 file declared UTF-8: located French error, nothing stored"
before=$(snapshot)
copy_with cp.lua cp8.lua 'encodage = "windows-1252"' 'encodage = "utf-8"'
run "$CTG" import --using cp8.lua effectifs.csv
expect_rc 3
expect_err "effectifs.csv:1:7: "; expect_err "Windows-1252"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

# ---- a wide dashboard as CSV: a title line, a two-row header, "34,5 %" cells, a total row
cat > tableau.lua <<'EOF'
source "tableau-de-bord" {
  titre = "Tableau de bord petite enfance de la CC",
  fichiers = "tableau*.csv",
  entete = { 2, 3 },
  territoire = { colonne = "Commune" },
  colonnes = { motif = "^(%d%d%d%d) (.+)$", periode = 1, nom = 2 },
  valeurs = { ["Places"] = { indicateur = "places" }, ["Couverture"] = { indicateur = "taux_couverture" } },
  nombres = { pourcentage = "retirer" },
  manquant = { "n.d." },
  ignorer = function(ligne) return ligne["Commune"]:match("^Total") ~= nil end,
}
EOF
printf '%s\n' 'Suivi annuel — CC de la Vallée;;;;' 'Commune;2025;;2026;' ';Places;Couverture;Places;Couverture' \
  'St-Amand-sur-Loire;52;"34,5 %";55;"36,25 %"' 'Lavau-Écluse;14;n.d.;;29 %' 'Total CC;66;;55;' > tableau-2026.csv

t "a wide dashboard: title line, merged two-row header, one column per year, % cells, the total row skipped"
run "$CTG" import --using tableau.lua tableau-2026.csv
expect_rc 0
expect_out "tableau-2026.csv : 7 lignes importées"
expect_out "3 lignes lues, 7 observations enregistrées, ignorées (règle ignorer) : 1, hors du plan : 0, valeurs manquantes : 1, cellules vides : 1"
run values
expect_out "taux_couverture;2025;saint-amand;34.5;"; expect_out "taux_couverture;2026;saint-amand;36.25;"
expect_out "taux_couverture;2026;lavau;29.0;"; expect_out "places;2025;lavau;14.0;"; expect_out "places;2026;saint-amand;55.0;"
expect_no_out "places;2026;lavau"

t "--dry-run previews the observations with their cells and counts per indicator, and stores nothing"
before=$(snapshot)
sed 's/2025/2023/; s/2026/2024/' tableau-2026.csv > tableau-2024.csv
run "$CTG" import --using tableau.lua tableau-2024.csv --dry-run
expect_rc 0
expect_out "les 7 premières observations"
expect_out "places · 2023 · saint-amand · 52  ← tableau-2024.csv:4:2"
expect_out "taux_couverture · 2023 · saint-amand · 34,5  ← tableau-2024.csv:4:3"
expect_out "taux_couverture · 2023 · lavau · n.d. (manquant dans la source : « n.d. »)  ← tableau-2024.csv:5:3"
expect_out "taux_couverture · 2024 · lavau · 29  ← tableau-2024.csv:5:5"
expect_out "taux_couverture · 2024 · saint-amand · 36,25  ← tableau-2024.csv:4:5"
expect_out "observations par indicateur :"; expect_out "    places : 3"; expect_out "    taux_couverture : 4"
expect_out "essai (--dry-run) : rien n'a été enregistré"
[ "$(snapshot)" = "$before" ] || _fail "a dry run changed the database"

t "--dry-run of a plain CSV previews it too, with the value's column"
printf 'indicateur;periode;territoire;valeur\nplaces;2026;bourg;7\n' > plain.csv
run "$CTG" import plain.csv --dry-run
expect_rc 0
expect_out "bilan : 1 ligne lue, 1 observation vérifiée"
expect_out "places · 2026 · bourg · 7  ← plain.csv:2:4"

t "a '%' cell without numbers.percent is an error that says what to declare"
copy_with tableau.lua nopct.lua 'nombres = { pourcentage = "retirer" },' ''
run "$CTG" import --using nopct.lua tableau-2026.csv
expect_rc 3
expect_err "tableau-2026.csv:4:3: « 34,5 % » est un pourcentage : déclarez nombres = { pourcentage = \"retirer\" }"

# ---- a dashboard workbook (tests/fixtures/sources/make.sh: LibreOffice's .xlsx): a merged
# title line, a merged two-row header, "%"-formatted cells holding fractions, "s", a total row
cp "$ROOT/tests/fixtures/sources/tableau-vallee.xlsx" .
cat > classeur.lua <<'EOF'
source "tableau-classeur" {
  title = "Tableau de bord (classeur)",
  files = "tableau-*.xlsx",
  sheet = "Suivi",
  header = { 2, 3 },
  territory = { column = "Commune", by = "title" },
  columns = { pattern = "^(.+) (%d%d%d%d)$", name = 1, period = 2 },
  values = { ["Places"] = { indicator = "places" }, ["Taux de couverture"] = { indicator = "taux_couverture" } },
  numbers = { percent = "fraction" },
  missing = { "s" },
  skip = function(row) return row.Commune:find("^Total") ~= nil end,
}
EOF

t "a dashboard .xlsx: merged header cells spread over their years, % cells as fractions (counts untouched), cells located"
run "$CTG" import --using classeur.lua tableau-vallee.xlsx --dry-run
expect_rc 0
expect_out "4 lignes lues, 12 observations vérifiées, ignorées (règle ignorer) : 1, hors du plan : 0, valeurs manquantes : 1"
expect_out "taux_couverture · 2024 · saint-amand · 31,6  ← tableau-vallee.xlsx:Suivi!D4"
expect_out "places · 2025 · bourg · 13  ← tableau-vallee.xlsx:Suivi!C5"
run "$CTG" import --using classeur.lua tableau-vallee.xlsx
expect_rc 0
run values
expect_out "taux_couverture;2024;saint-amand;31.6;"; expect_out "taux_couverture;2025;saint-amand;34.25;"
expect_out "taux_couverture;2025;bourg;21.5;"; expect_out "taux_couverture;2025;lavau;10.0;"
expect_out "places;2024;saint-amand;48.0;"; expect_out "places;2025;lavau;8.0;"
run snapshot
expect_out "value|taux_couverture|2024|lavau|||||manquant dans la source : « s »"

t "a workbook read through a mapping without a skip function: every row read (the total row outside the plan)"
copy_with classeur.lua noskip.lua '  skip = function(row) return row.Commune:find("^Total") ~= nil end,' ''
run "$CTG" import --using noskip.lua tableau-vallee.xlsx --dry-run
expect_rc 0
expect_out "4 lignes lues, 12 observations vérifiées, ignorées (règle ignorer) : 0, hors du plan : 1 (Total CC), valeurs manquantes : 1"

t "a sheet that does not exist: the sheets of the workbook and the nearest"
before=$(snapshot)
copy_with classeur.lua nosheet.lua 'sheet = "Suivi"' 'sheet = "Suvi"'
run "$CTG" import --using nosheet.lua tableau-vallee.xlsx
expect_rc 3
expect_err "tableau-vallee.xlsx: la feuille « Suvi » n'existe pas (vouliez-vous dire 'Suivi' ?) ; feuilles du classeur : « Suivi », « Notes »"
copy_with classeur.lua dia.lua 'sheet = "Suivi"' 'dialect = { separator = ";" }'
run "$CTG" import --using dia.lua tableau-vallee.xlsx
expect_rc 3
expect_err "la source « tableau-classeur » déclare un dialecte (CSV) mais ce fichier est un classeur"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

# ---- meetings from a spreadsheet of their own shape
cat > reunions.lua <<'EOF'
source "reunions" {
  fichiers = "reunions*.csv",
  enregistrement = "reunion",
  valeurs = { ["Instance"] = { role = "instance" }, ["Tenue le"] = { role = "date" }, ["Objet"] = { role = "note" } },
}
EOF
printf 'Instance;Tenue le;Objet\nComité de pilotage;14/03/2024;bilan 2023\nCOPIL;02/10/2024;\n' > reunions-2024.csv

t "a meetings spreadsheet through a mapping: committee by title or code, French dates"
run "$CTG" import --using reunions.lua reunions-2024.csv
expect_rc 0
expect_out "reunions-2024.csv : 2 lignes importées"
run snapshot
expect_out "meeting|copil|2024-03-14|"; expect_out "meeting|copil|2024-10-02|"

# ---- bad inputs: each located, French, exit 3, database unchanged
t "a column the file lacks: the columns found and the nearest one"
before=$(snapshot)
copy_with cnaf.lua nocol.lua 'colonne = "CODGEO"' 'colonne = "CODEGEO"'
run "$CTG" import --using nocol.lua accueil_com_2023.csv
expect_rc 3
expect_err "accueil_com_2023.csv:1: colonne du territoire « CODEGEO » absente de l'en-tête (vouliez-vous dire « CODGEO » ?) ; colonnes trouvées : « CODGEO », « LIBGEO », « an », « NB_PLACES », « NB_ENF »"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a header beyond the file's end"
copy_with tableau.lua far.lua 'entete = { 2, 3 }' 'entete = 12'
run "$CTG" import --using far.lua tableau-2026.csv
expect_rc 3
expect_err "tableau-2026.csv: l'en-tête est déclaré à la ligne 12 mais le fichier s'arrête à la ligne 6"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a skip function that fails: the row, the source and the function's own line"
copy_with tableau.lua boom.lua 'return ligne["Commune"]:match("^Total") ~= nil' 'return ligne.Comune:match("x")'
run "$CTG" import --using boom.lua tableau-2026.csv
expect_rc 3
expect_err "tableau-2026.csv:4: la fonction ignorer de la source « tableau-de-bord » (boom.lua:1) a échoué sur cette ligne : boom.lua:10:"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a skip function that loops is stopped by --timeout, located"
copy_with tableau.lua loop.lua 'return ligne["Commune"]:match("^Total") ~= nil' 'while true do end'
run "$CTG" import --timeout 1 --using loop.lua tableau-2026.csv
expect_rc 3
expect_err "tableau-2026.csv:4: la fonction ignorer de la source « tableau-de-bord » (loop.lua:1) a échoué sur cette ligne"
expect_err "dépasse la limite de temps de 1 s"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a skip function cannot reach files: the sandbox refuses io, at its line"
copy_with tableau.lua io.lua 'return ligne["Commune"]:match("^Total") ~= nil' 'return io.open("plan.lua")'
run "$CTG" import --using io.lua tableau-2026.csv
expect_rc 3
expect_err "io.lua:10: io n'est pas permis"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "an unknown role and an unknown field: file:line and a suggestion, from check and from import"
copy_with cnaf.lua badrole.lua 'role = "denominateur"' 'role = "denominatuer"' 'manquant = {' 'manquants = {'
run "$CTG" check badrole.lua
expect_rc 3
expect_out "erreur : badrole.lua:9: role dans valeurs.NB_ENF : valeur inconnue « denominatuer » (vouliez-vous dire « denominateur » ?)"
expect_out "erreur : badrole.lua:11: champ inconnu « manquants » dans la source « cnaf-communes » (vouliez-vous dire « manquant » ?)"
run "$CTG" import --using badrole.lua accueil_com_2023.csv
expect_rc 3
expect_err "badrole.lua:9: role dans valeurs.NB_ENF"
expect_err "le fichier de correspondance badrole.lua a des erreurs ; rien n'a été importé"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a mapping file that is not Lua, or whose code fails, is located"
printf 'source "x" {\n  fichiers = "a.csv",\n  valeurs = { a = { indicateur = "places" } ,\n}\n' > syntax.lua
run "$CTG" check syntax.lua
expect_rc 3; expect_out "erreur : syntax.lua:"
printf 'source "x" { fichiers = "a.csv", periode = os.time(), valeurs = {} }\nos.execute("true")\n' > exec.lua
run "$CTG" check exec.lua
expect_rc 3; expect_out "exec.lua:2: os.execute n'est pas permis"

t "a mapping file imported as a plan, a plan given to --using, a --using file that is not there"
run "$CTG" import cnaf.lua
expect_rc 3; expect_err "cnaf.lua: c'est un fichier de correspondance (source \"…\" { … }), pas un plan : donnez-le à --using"
run "$CTG" import --using plan.lua accueil_com_2023.csv
expect_rc 3; expect_err "import : --using plan.lua : ce n'est pas un fichier de correspondance"
run "$CTG" import --using absent.lua accueil_com_2023.csv
expect_rc 3; expect_err "import : --using absent.lua : "
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "two mappings matching one file: an error naming both"
cat > two.lua <<'EOF'
source "a" { fichiers = "accueil_*.csv", territoire = "bourg", periode = 2024, valeurs = { NB_ENF = { indicateur = "places" } } }
source "b" { fichiers = "*_com_2023.csv", territoire = "bourg", periode = 2024, valeurs = { NB_ENF = { indicateur = "places" } } }
EOF
run "$CTG" import --using two.lua accueil_com_2023.csv
expect_rc 3
expect_err "accueil_com_2023.csv: deux sources correspondent à ce fichier : « a » (two.lua:1) et « b » (two.lua:2)"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a files glob that matches no file given: both the file and the mapping say so"
run "$CTG" import --using places.lua accueil_com_2023.csv
expect_rc 3
expect_err "places.lua:1: aucun des fichiers donnés ne correspond aux motifs « places-*.csv », « PLACES-*.CSV » de ce fichier de correspondance"
expect_err "accueil_com_2023.csv: aucune source donnée par --using ne correspond au nom « accueil_com_2023.csv »"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "--using with --sheet, --encoding or --territory is refused (the mapping says them)"
run "$CTG" import --using cnaf.lua --encoding utf-8 accueil_com_2023.csv
expect_rc 2; expect_err "l'option --encoding n'a pas d'effet avec --using"

t "a sheet declared for a CSV, a period pattern that misses the file's name"
copy_with places.lua sheet.lua 'title =' 'sheet = "Feuille1", title ='
run "$CTG" import --using sheet.lua places-2022.csv
expect_rc 3; expect_err "places-2022.csv: la source « places-annuelles » déclare une feuille (classeur) mais ce fichier est un CSV"
copy_with places.lua pat.lua '(%d%d%d%d)' '_(%d%d%d%d)'
run "$CTG" import --using pat.lua places-2022.csv
expect_rc 3; expect_err "prend la période dans le nom du fichier (motif « _(%d%d%d%d) ») mais « places-2022.csv » ne lui correspond pas"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "rows are streamed: a million rows through a mapping in flat memory"
# (under valgrind or the sanitizers, fewer rows and no memory bound: their own memory is the
# sanitizer's, not ctg's)
case "$CTG" in *valgrind*|*/asan/*) big=20000; bound=no;; *) big=1000000; bound=yes;; esac
awk -v n="$big" 'BEGIN { print "CODGEO;an;NB_PLACES;NB_ENF"; print "41201;2022;40;140";
  for (i = 0; i < n; i++) printf "%d;2023;%d;%d\n", 100000 + i, i % 50, i % 90 + 10 }' > accueil_com_big.csv
/usr/bin/time -f "%M" -o mem.txt "$CTG" import --using cnaf.lua accueil_com_big.csv > big.out 2> big.err
shown=$("$CTG" -e "print(ctg.fmt.number($big + 1))"); outside=$("$CTG" -e "print(ctg.fmt.number($big))")
grep -q "$shown lignes lues, 1 observation enregistrée" big.out || _fail "account: $(cat big.out big.err)"
grep -q "hors du plan : $outside (100000, 100001, 100002, 100003, 100004, …)" big.out || _fail "outside: $(cat big.out)"
# a reader that kept the rows (a table each) would hold hundreds of MB
[ "$bound" = no ] || [ "$(tail -1 mem.txt)" -lt 60000 ] || _fail "peak memory $(tail -1 mem.txt) KB for a million rows"

t "every example of ctg help sources is a mapping that ctg check accepts"
"$CTG" help sources | awk '/^  source "/ { on = 1 } on { print } on && /^  }$/ { on = 0 }' | sed 's/^  //' > examples.lua
[ "$(grep -c '^source "' examples.lua)" -ge 7 ] || _fail "the help has fewer than 7 examples: $(cat examples.lua)"
run "$CTG" check examples.lua
expect_rc 0; expect_out "0 erreur"
expect_out "source « cnaf-txcouv-com »"; expect_out "source « reunions »"; expect_out "enregistrement : réunion"

# ---- a partners' table: one column per structure, each a value of a dimension
cat > partenaires.lua <<'EOF2'
source "partenaires" {
  fichiers = "partenaires-*.csv",
  territoire = "cc-vallee",
  periode = { colonne = "Année" },
  valeurs = {
    ["Crèche des Bords"] = { indicateur = "enfants", dimensions = { age = "0-2" } },
    ["Halte du Bourg"] = { indicateur = "enfants", dimensions = { age = "3-5" } },
  },
}
EOF2
printf 'Année;Crèche des Bords;Halte du Bourg\n2022;31;17\n2023;33;\n' > partenaires-2023.csv

t "a partners' table, one column per structure: each column a value of the indicator's dimension"
run "$CTG" import --using partenaires.lua partenaires-2023.csv
expect_rc 0
expect_out "2 lignes lues, 3 observations enregistrées"; expect_out "cellules vides : 1"
run snapshot
expect_out "value|enfants|2022|cc-vallee|age=0-2|31.0"; expect_out "value|enfants|2022|cc-vallee|age=3-5|17.0"
expect_out "value|enfants|2023|cc-vallee|age=0-2|33.0"

t "two columns that would give the same observation: an error naming both, nothing stored"
before=$(snapshot)
copy_with partenaires.lua twice.lua 'dimensions = { age = "3-5" }' 'dimensions = { age = "0-2" }'
sed 's/2022/2024/; s/2023/2025/' partenaires-2023.csv > partenaires-2025.csv
run "$CTG" import --using twice.lua partenaires-2025.csv
expect_rc 3
expect_err "partenaires-2025.csv:2:3: les colonnes « Crèche des Bords » et « Halte du Bourg » donnent la même observation (enfants, 2024, rôle valeur)"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "funding and step progress through mappings: funders by title, French amounts, French states"
before=$(snapshot)
cat > suivi.lua <<'EOF2'
source "financements" {
  fichiers = "versements*.csv",
  enregistrement = "financement",
  valeurs = { Financeur = { role = "financeur" }, Exercice = { role = "annee" }, ["Montant versé"] = { role = "montant" } },
}
source "avancement" {
  fichiers = "etapes*.csv",
  enregistrement = "avancement",
  periode = 2024,
  valeurs = { ["Étape"] = { role = "etape" }, ["État"] = { role = "etat" } },
}
EOF2
printf 'Financeur;Exercice;Montant versé\nCAF de Loir-et-Cher;2023;1 300 000 €\ncaf;2024;120 000,50\n' > versements.csv
printf 'Étape;État\n1-A;En cours\n' > etapes.csv
run "$CTG" import --using suivi.lua versements.csv etapes.csv
expect_rc 0
expect_out "versements.csv : 2 lignes importées"; expect_out "etapes.csv : 1 ligne importée"
run snapshot
expect_out "funding|caf|2023|||1300000.0"; expect_out "funding|caf|2024|||120000.5"
expect_out "progress|1-A|2024|"
[ "$(sqlite3 "$CTG_DB" "SELECT status FROM current_observation WHERE record = 'progress'")" = "started" ] || _fail "state"

t "an INSEE code a spreadsheet took for a number (its leading zero dropped) still names its commune"
cat > zero.lua <<'EOF2'
source "zero" { fichiers = "zero.csv", territoire = { colonne = "code", par = "insee" }, periode = 2026,
  valeurs = { n = { indicateur = "places" } } }
EOF2
copy_with plan.lua plan0.lua '{ level = "commune", parent = "cc-vallee", insee = "41035" }' '{ level = "commune", parent = "cc-vallee", insee = "01035" }'
"$CTG" import --db zero.db plan0.lua > /dev/null
printf 'code;n\n1035;4\n' > zero.csv
run "$CTG" import --db zero.db --using zero.lua zero.csv
expect_rc 0; expect_out "1 observation enregistrée"
[ "$(sqlite3 zero.db "SELECT territory FROM current_observation")" = "bourg" ] || _fail "not bourg"

t "an empty header row is an error"
printf 'titre\n\nx;y\n' > vide.csv
printf 'source "v" { fichiers = "vide.csv", entete = 2, territoire = "bourg", periode = 2026, valeurs = { x = { indicateur = "places" } } }\n' > vide.lua
run "$CTG" import --using vide.lua vide.csv
expect_rc 3; expect_err "vide.csv:2: la ligne d'en-tête est vide"

t "a blank lower header row: the row after it is data, read as such"
printf 'x

5
' > blank.csv
printf 'source "b" { fichiers = "blank.csv", entete = {1, 2}, territoire = "bourg", periode = 2026, valeurs = { x = { indicateur = "places" } } }
' > blank.lua
run "$CTG" import --using blank.lua blank.csv --dry-run
expect_rc 0; expect_out "1 ligne lue, 1 observation vérifiée"; expect_out "places · 2026 · bourg · 5  ← blank.csv:3:1"

t "a skip function that eats memory is stopped by --max-memory, located"
before=$(snapshot)
copy_with tableau.lua greedy.lua 'return ligne["Commune"]:match("^Total") ~= nil' 'local t = {} while true do t[#t + 1] = string.rep("x", 1000) .. #t end'
run "$CTG" import --max-memory 64 --using greedy.lua tableau-2026.csv
expect_rc 3
expect_err "tableau-2026.csv:4: la fonction ignorer de la source « tableau-de-bord » (greedy.lua:1) a échoué sur cette ligne"
expect_err "limite de mémoire"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "ctg check --format json of a mapping file: its sources and findings"
run "$CTG" check cnaf.lua --format json
expect_rc 0; expect_out '"id": "cnaf-communes"'; expect_out '"files": ['; expect_out '"findings": []'
run "$CTG" check badrole.lua --format json
expect_rc 3; expect_out '"line": 9'; expect_out '"severity": "error"'
