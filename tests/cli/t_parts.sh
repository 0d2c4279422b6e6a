# A rate from two files (issue 22, point 5): places from one file, children under 3 from
# another, imported in two commands, paired by the evaluation; and the plausibility
# warnings of an import (point 8). ILLUSTRATIVE: the communauté, its communes and every
# figure are invented (another shape than the fixtures: three communes, 2025-2029, English
# keywords of the plan, YAML children and CSV places).
cat > plan.lua <<'EOF'
plan "ctg-haut-allier-2025-2029" {
  title = "Convention Territoriale Globale du Haut-Allier 2025-2029",
  period = {2025, 2029}, signed = "2025-04-02",
  signatories = {"Communauté de communes des Rives du Haut-Allier", "CAF de la Haute-Loire"},
}
territory("rha", "Rives du Haut-Allier") { level = "epci" }
territory("langeac", "Langeac") { level = "commune", parent = "rha" }
territory("chanteuges", "Chanteuges") { level = "commune", parent = "rha" }
territory("pinols", "Pinols") { level = "commune", parent = "rha" }
indicator "taux_accueil" {
  label = "Places d'accueil pour 100 enfants de moins de 3 ans", kind = "ratio", scale = 100, unit = "%",
  numerator = "places d'accueil", denominator = "enfants de moins de 3 ans", time = "last",
}
indicator "part_bilingue" { label = "Part des accueils bilingues (de 0 à 1)", kind = "ratio" }
indicator "ludotheque" { label = "Visites de la ludothèque", kind = "count" }
axis(1, "Petite enfance") { action(1, "Ouvrir des places") { } }
EOF
cat > enfants.yaml <<'EOF'
plan: ctg-haut-allier-2025-2029
source: "INSEE, recensement, enfants de moins de 3 ans"
observations:
  - {indicator: taux_accueil, period: 2026, territory: langeac, denominator: 40}
  - {indicator: taux_accueil, period: 2026, territory: chanteuges, denominator: 20}
EOF
cat > places.csv <<'EOF'
indicateur;période;territoire;numérateur;source
taux_accueil;2026;langeac;12;CAF, places agréées
taux_accueil;2026;chanteuges;3;CAF, places agréées
taux_accueil;2026;pinols;2;CAF, places agréées
EOF
dump() { sqlite3 "$1" .dump; }
"$CTG" import plan.lua > /dev/null || _fail "the plan"

t "a numerator for an indicator that never had a denominator: located error with the hint, database unchanged"
dump ctg.db > before.txt
run "$CTG" import places.csv
expect_rc 3
expect_err "places.csv:2: taux_accueil : un numérateur seul, et aucun dénominateur de cet indicateur n'a jamais été importé"
expect_err "importez aussi le fichier des dénominateurs dans la même commande"
expect_err "rien n'a été importé"
dump ctg.db > after.txt
cmp -s before.txt after.txt || _fail "the database changed"
# the same numerators with their denominators in the same command: no error (then undone by --dry-run)
run "$CTG" import --dry-run places.csv enfants.yaml
expect_rc 0; expect_no_err "numérateur seul"

t "a part beside a value, a part of a count: refused as before, located"
printf 'indicateur;période;territoire;valeur;numérateur\ntaux_accueil;2026;langeac;30;12\nludotheque;2026;langeac;;4\n' > mixed.csv
run "$CTG" import mixed.csv
expect_rc 3
expect_err "mixed.csv:2:4: l'indicateur taux_accueil est un taux : donnez numerator et denominator, value seule (un taux publié), ou une seule part"
expect_err "mixed.csv:3:5: l'indicateur ludotheque est de nature comptage : donnez value, pas numerator et denominator"
# one part of a key given twice in one file is a duplicate, as any row
printf 'indicateur;période;territoire;dénominateur\ntaux_accueil;2026;pinols;7\ntaux_accueil;2026;pinols;8\n' > twice.csv
run "$CTG" import twice.csv
expect_rc 3
expect_err "twice.csv:3: la même observation que la ligne 2 (taux_accueil, 2026, pinols)"
dump ctg.db > after.txt
cmp -s before.txt after.txt || _fail "the database changed"

t "children from a YAML file, places from a CSV in a second command: each commune's rate, the EPCI's Σ/Σ, a part alone n.d."
run "$CTG" import enfants.yaml
expect_rc 0
hash1=$("$CTG" -e 'print(ctg.open().store:observations_hash("ctg-haut-allier-2025-2029"))')
run "$CTG" import places.csv
expect_rc 0
hash2=$("$CTG" -e 'print(ctg.open().store:observations_hash("ctg-haut-allier-2025-2029"))')
[ "$hash1" != "$hash2" ] || _fail "the fingerprint did not see the parts"
[ "$(sqlite3 ctg.db "SELECT group_concat(record || ':' || territory, ' ') FROM current_observation ORDER BY id")" \
  = "denominator:langeac denominator:chanteuges numerator:langeac numerator:chanteuges numerator:pinols" ] \
  || _fail "records: $(sqlite3 ctg.db 'SELECT record, territory FROM current_observation')"
run "$CTG" eval --period 2026 --indicator taux_accueil --territory all --format csv
expect_rc 0
expect_out "taux_accueil;2026;langeac;30;12;40;"
expect_out "taux_accueil;2026;chanteuges;15;3;20;"
# Σplaces / Σchildren = 15 / 60, not the mean of the rates (22,5) nor with Pinols's places (17/60)
expect_out "taux_accueil;2026;rha;25;15;60;"
expect_out "taux_accueil;2026;pinols;;;;;non disponible;donnée manquante (dénominateur manquant);"
run "$CTG" eval --period 2026 --indicator taux_accueil
expect_rc 0
expect_out "partiel : 2 sur 3"; expect_out "manque Pinols : donnée"; expect_out "(dénominateur manquant)"
run "$CTG" eval --period 2026 --indicator taux_accueil --format json
expect_rc 0
expect_out '"partial": true'; expect_out '"with_data": 2'; expect_out '"territory": "pinols"'
expect_out '"reason": "donnée manquante (dénominateur manquant)"'

t "--explain lists both parts of a value with their sources, files, lines and imports"
run "$CTG" eval --explain taux_accueil --period 2026 --territory langeac
expect_rc 0
expect_out "%   numérateur 12   dénominateur 40"
expect_out "2026 Langeac révision 1 : numérateur : 12 — CAF, places agréées, places.csv:2, importé"
expect_out "2026 Langeac révision 1 : dénominateur : 40 — INSEE, recensement, enfants de moins de 3 ans, enfants.yaml:4, importé"
run "$CTG" eval --explain taux_accueil --period 2026 --territory pinols
expect_rc 0
expect_out "n.d."; expect_out "dénominateur manquant"; expect_out "Pinols révision 1 : numérateur : 2 — CAF, places agréées, places.csv:4"

t "a later revision of one part changes the value; history and the fingerprint see it"
printf 'indicateur;période;territoire;numérateur\ntaux_accueil;2026;langeac;16\n' > places-rev.csv
run "$CTG" import places-rev.csv
expect_rc 0
hash3=$("$CTG" -e 'print(ctg.open().store:observations_hash("ctg-haut-allier-2025-2029"))')
[ "$hash3" != "$hash2" ] || _fail "the fingerprint did not see the revision of a part"
run "$CTG" eval --period 2026 --indicator taux_accueil --territory all --format csv
expect_out "taux_accueil;2026;langeac;40;16;40;"; expect_out "taux_accueil;2026;rha;31,666666666666664;19;60;"
run "$CTG" history --indicator taux_accueil --territory langeac
expect_rc 0
expect_out "révision 1 : numérateur : 12 — CAF, places agréées, places.csv:2"
expect_out "révision 2 : numérateur : 16 — places-rev.csv, places-rev.csv:2"
expect_out "révision 1 : dénominateur : 40 — INSEE"
run "$CTG" history --indicator taux_accueil --territory langeac --format json
expect_out '"record": "numerator"'; expect_out '"record": "denominator"'

t "a complete row of a key takes precedence over its parts"
printf 'indicateur;période;territoire;numérateur;dénominateur\ntaux_accueil;2026;chanteuges;5;20\n' > complet.csv
run "$CTG" import complet.csv
expect_rc 0
run "$CTG" eval --period 2026 --indicator taux_accueil --territory all --format csv
expect_out "taux_accueil;2026;chanteuges;25;5;20;"
# Σ over the keys: Langeac's parts 16/40 and Chanteuges's row 5/20, never its parts 3/20 too
expect_out "taux_accueil;2026;rha;35;21;60;"

t "export -> import into a fresh database -> export: the same text, parts written as one figure"
run "$CTG" export observations -o export.yaml
expect_rc 0
grep -q "numerator: 16" export.yaml || _fail "the part is not exported"
"$CTG" --db fresh.db import plan.lua > /dev/null
run "$CTG" --db fresh.db import export.yaml
expect_rc 0
run "$CTG" --db fresh.db export observations -o export2.yaml
cmp -s export.yaml export2.yaml || _fail "the round trip changed: $(diff export.yaml export2.yaml | head -5)"
run "$CTG" export observations --format csv -o export.csv
"$CTG" --db fresh-csv.db import plan.lua > /dev/null
run "$CTG" --db fresh-csv.db import export.csv
expect_rc 0
run "$CTG" --db fresh-csv.db eval --period 2026 --indicator taux_accueil --territory all --format csv
expect_out "taux_accueil;2026;rha;35;21;60;"; expect_out "taux_accueil;2026;pinols;;;;;non disponible;donnée manquante (dénominateur manquant);"

t "a file read anew (ctg build) withdraws a part it no longer gives, like any record"
"$CTG" --db build.db import plan.lua enfants.yaml > /dev/null
cp places.csv places-build.csv
settle='local d = ctg.open("build.db")
local r = require("ctg.import").run(d, { "places-build.csv" }, { settle = true })
print(r.stored, r.files[1].withdrawn or 0)'
run "$CTG" -e "$settle"
expect_rc 0; expect_out_eq "$(printf 'true\t0')"
grep -v pinols places.csv > places-build.csv
run "$CTG" -e "$settle"
expect_rc 0; expect_out_eq "$(printf 'true\t1')"
[ "$(sqlite3 build.db "SELECT record || ':' || withdrawn FROM observation WHERE territory = 'pinols' ORDER BY id")" = "$(printf 'numerator:0\nnumerator:1')" ] \
  || _fail "withdrawal: $(sqlite3 build.db "SELECT * FROM observation WHERE territory = 'pinols'")"
run "$CTG" --db build.db eval --period 2026 --indicator taux_accueil --territory all --format csv
expect_out "taux_accueil;2026;pinols;;;;;non disponible;aucune donnée;"; expect_out "taux_accueil;2026;rha;25;15;60;"

t "plausibility: a percentage typed as a fraction among rates above 5 warns at its row; the import goes on"
"$CTG" --db plaus.db import plan.lua > /dev/null
printf 'indicateur;période;territoire;valeur\ntaux_accueil;2027;langeac;42,5\ntaux_accueil;2027;chanteuges;0,316\ntaux_accueil;2027;pinols;27\npart_bilingue;2027;langeac;0,4\npart_bilingue;2027;pinols;0,2\n' > taux2027.csv
run "$CTG" --db plaus.db import taux2027.csv
expect_rc 0
expect_err "taux2027.csv:3: 0,316 ressemble à une fraction : 31,6${NB}% ? (les autres territoires sont tous au-dessus de 5${NB}% pour taux_accueil en 2027, de 27${NB}% à 42,5${NB}%"
# a ratio for 1 (not a percentage) is not suspected
expect_no_err "0,4 ressemble"; expect_no_err "0,2 ressemble"
[ "$(sqlite3 plaus.db "SELECT value FROM current_observation WHERE territory = 'chanteuges' AND period = '2027'")" = 0.316 ] \
  || _fail "the value was not stored as given"
# among others that are not all above 5, a small rate is plausible
printf 'indicateur;période;territoire;valeur\ntaux_accueil;2028;langeac;4\ntaux_accueil;2028;chanteuges;0,5\ntaux_accueil;2028;pinols;27\n' > taux2028.csv
run "$CTG" --db plaus.db import taux2028.csv
expect_rc 0; expect_no_err "ressemble"

t "plausibility: a figure stored for the EPCI far from the roll-up of its communes warns at import; eval and --explain show both"
cat > communes2029.csv <<'EOF'
indicateur;période;territoire;numérateur;dénominateur
taux_accueil;2029;langeac;10;40
taux_accueil;2029;chanteuges;5;20
taux_accueil;2029;pinols;5;40
EOF
printf 'indicateur;période;territoire;valeur;source\ntaux_accueil;2029;rha;28;CNAF txcouv_pe_epci 2029\n' > epci2029.csv
run "$CTG" --db plaus.db import communes2029.csv epci2029.csv
expect_rc 0
expect_err "epci2029.csv:2: taux_accueil (Places d'accueil pour 100 enfants de moins de 3 ans) en 2029 (Rives du Haut-Allier) : la somme de ses 3 membres donne 20,0${NB}%, le chiffre publié pour ce territoire (CNAF txcouv_pe_epci 2029) 28,0${NB}% — un écart de plus d'un dixième"
[ "$(sqlite3 plaus.db "SELECT count(*) FROM current_observation WHERE period = '2029'")" = 4 ] || _fail "the rows were not stored"
run "$CTG" --db plaus.db eval --period 2029 --indicator taux_accueil --format csv
expect_rc 0; expect_out "taux_accueil;2029;rha;20;20;100;"
run "$CTG" --db plaus.db eval --period 2029 --indicator taux_accueil
expect_out "20,0${NB}%"; expect_out "publié : 28,0${NB}% (CNAF"
run "$CTG" --db plaus.db eval --explain taux_accueil --period 2029
expect_rc 0
expect_out "chiffre publié pour ce territoire : 28,0${NB}% (CNAF txcouv_pe_epci 2029), affiché à côté de l'agrégat de ses membres (20,0${NB}%)"
# within a tenth: nothing to say; a correction of a commune that moves the roll-up away warns at its row
printf 'indicateur;période;territoire;numérateur;dénominateur\ntaux_accueil;2029;pinols;13;40\n' > pinols2029.csv
run "$CTG" --db plaus.db import pinols2029.csv
expect_rc 0; expect_no_err "écart"
printf 'indicateur;période;territoire;numérateur;dénominateur\ntaux_accueil;2029;pinols;1;40\n' > pinols2029b.csv
run "$CTG" --db plaus.db import pinols2029b.csv
expect_rc 0
expect_err "pinols2029b.csv:2: taux_accueil (Places d'accueil pour 100 enfants de moins de 3 ans) en 2029 (Rives du Haut-Allier) : la somme de ses 3 membres donne 16,0${NB}%, le chiffre publié pour ce territoire (CNAF txcouv_pe_epci 2029) 28,0${NB}%"

t "a published EPCI figure while a commune lacks figures: the value, with the partial roll-up of the others beside it"
printf 'indicateur;période;territoire;numérateur;dénominateur\ntaux_accueil;2028;langeac;8;40\ntaux_accueil;2028;chanteuges;2;10\n' > partiel2028.csv
printf 'indicateur;période;territoire;valeur;source\nludotheque;2028;rha;900;bilan ludothèque\nludotheque;2028;langeac;500;\n' > ludo2028.csv
"$CTG" --db partial.db import plan.lua > /dev/null
printf 'indicateur;période;territoire;valeur;source\ntaux_accueil;2028;rha;30;CNAF 2028\n' > epci2028.csv
run "$CTG" --db partial.db import partiel2028.csv epci2028.csv ludo2028.csv
expect_rc 0
run "$CTG" --db partial.db eval --period 2028 --indicator taux_accueil --territory rha --format json
expect_rc 0
expect_out '"value": 30'; expect_out '"members_value": 20'; expect_out '"members": 3'; expect_out '"with_data": 2'
run "$CTG" --db partial.db eval --period 2028 --indicator ludotheque --territory rha --format json
expect_out '"value": 900'; expect_out '"members_value": 500'; expect_out '"with_data": 1'
run "$CTG" --db partial.db eval --period 2028 --indicator ludotheque --territory rha
expect_out "agrégat partiel de ses membres"; expect_out "(1 sur 3"
run "$CTG" --db partial.db eval --explain taux_accueil --period 2028
expect_rc 0
expect_out "valeur : 30,0${NB}%"
expect_out "agrégat partiel des membres qui ont des chiffres (2 sur 3 territoires) : 20,0${NB}%, affiché à côté de la valeur retenue"
