# Territories, committees and funders as sources name them (issue 22, point 4): a territory
# by its code, title, declared INSEE code, "St"/"Ste" for "Saint"/"Sainte"; a committee or a
# funder by its code or title, case and accents folded. On a plan of its own, derived from
# tests/fixtures/sud-avesnois: two communes renamed "Saint-Hilaire-sur-Helpe" (INSEE 59536)
# and "Sainte-Aldegonde", so that no test leans on the fixture's names.
export CTG_DB="$TMP/ctg.db"
cd "$TMP" || exit 1
sed -e 's/territory("wignehies", "Wignehies")  /territory("sthil", "Saint-Hilaire-sur-Helpe")/' \
    -e 's/"59660"/"59536"/' -e 's/territory("ohain", "Ohain")/territory("ste-al", "Sainte-Aldegonde")/' \
    -e 's/"wignehies"/"sthil"/g; s/"ohain"/"ste-al"/g' "$ROOT/tests/fixtures/sud-avesnois/plan.lua" > plan.lua
# snapshot: every stored row, whatever its record
snapshot() { sqlite3 "$CTG_DB" "SELECT record, subject, period, territory, dims, value FROM current_observation ORDER BY 1, 2, 3, 4, 5"; }

t "the plan of this test imports"
run "$CTG" import plan.lua
expect_rc 0

t "a territory is named by its INSEE code, its SIREN, or St/Ste for Saint/Sainte"
printf 'indicateur;période;territoire;valeur;numérateur;dénominateur\n%s\n%s\n%s\n%s\n%s\n' \
  'taux_couverture;2024;St-Hilaire-sur-Helpe;;40;108' 'taux_couverture;2024;ste aldegonde;;2;9' \
  'taux_couverture;2024;59601;;3;13' 'taux_couverture;2024;245900758;;30;130' \
  'taux_couverture;2023;ST HILAIRE SUR HELPE;;41;108' > names.csv
run "$CTG" import names.csv
expect_rc 0; expect_out "5 lignes importées"
run snapshot
expect_out "value|taux_couverture|2023|sthil"; expect_out "value|taux_couverture|2024|sthil"
expect_out "value|taux_couverture|2024|ste-al"; expect_out "value|taux_couverture|2024|trelon"
expect_out "value|taux_couverture|2024|ccsa"

t "YAML rows name territories the same way"
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: "test"\nobservations:\n  - {indicator: familles_allocataires, period: 2024, territory: "Ste-Aldegonde", value: 12}\n  - {indicator: familles_allocataires, period: 2024, territory: "59536", value: 30}\n' > names.yaml
run "$CTG" import names.yaml
expect_rc 0; expect_out "2 lignes importées"

t "a near miss is located in French with a suggestion, and nothing is imported"
before=$(snapshot)
printf 'indicateur;période;territoire;valeur;numérateur;dénominateur\n%s\n%s\n' \
  'taux_couverture;2025;St-Hilair-sur-Helpe;;40;108' 'taux_couverture;2025;59537;;1;2' > near.csv
run "$CTG" import near.csv
expect_rc 3
expect_err "near.csv:2:3: territoire inconnu 'St-Hilair-sur-Helpe' (vouliez-vous dire 'Saint-Hilaire-sur-Helpe'"
expect_err "near.csv:3:3: territoire inconnu '59537'"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "St does not stand for Saint inside a word, nor Ste for Sainte"
printf 'indicateur;période;territoire;valeur;numérateur;dénominateur\n%s\n' 'taux_couverture;2025;Sthilaire-sur-Helpe;;40;108' > inword.csv
run "$CTG" import inword.csv
expect_rc 3; expect_err "territoire inconnu 'Sthilaire-sur-Helpe'"

t "a committee and a funder are named by code or title, case and accents folded"
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: "test"\nmeetings:\n  - {committee: "comite de pilotage ctg", date: 2024-10-02}\n  - {committee: COTECH, date: 2024-03-14}\nfunding:\n  - {funder: "Conseil Departemental du Nord", year: 2024, amount: 61000}\n  - {funder: CAF, year: 2024, amount: 470000}\n' > named.yaml
run "$CTG" import named.yaml
expect_rc 0; expect_out "4 lignes importées"
run snapshot
expect_out "meeting|copil|2024-10-02"; expect_out "meeting|cotech|2024-03-14"
expect_out "funding|departement|2024|||61000"; expect_out "funding|caf|2024|||470000"

t "an unknown committee or funder is refused with a suggestion, nothing imported"
before=$(snapshot)
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: "test"\nmeetings:\n  - {committee: "Comite de pilotag CTG", date: 2024-11-02}\nfunding:\n  - {funder: "CAF du Nor", year: 2025, amount: 1}\n' > badnamed.yaml
run "$CTG" import badnamed.yaml
expect_rc 3; expect_err "badnamed.yaml:4"; expect_err "badnamed.yaml:6"
expect_err "Comité de pilotage CTG"; expect_err "CAF du Nord"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "meetings import from a plain French CSV: committee by title, French dates, a note"
printf 'Instance;Date;Commentaire\nComité technique;15/06/2025;bilan de mi-parcours\ngt jeunesse;5/9/2025;\ncopil;2025-11;\n' > reunions.csv
run "$CTG" import reunions.csv
expect_rc 0; expect_out "reunions.csv : 3 lignes importées"
run sqlite3 "$CTG_DB" "SELECT subject, period, note FROM current_observation WHERE record = 'meeting' AND period LIKE '2025%' ORDER BY 2"
expect_out_eq "cotech|2025-06-15|bilan de mi-parcours
gt-jeunesse|2025-09-05|
copil|2025-11|"

t "funding imports from a plain CSV, French amounts with the euro sign, English headers too"
printf 'financeur;année;montant;action\nCAF du Nord;2025;1 300 000 €;\nConseil départemental du Nord;2025;1 300 000,50 €;1\n' > financements.csv
run "$CTG" import financements.csv
expect_rc 0; expect_out "2 lignes importées"
printf 'funder,year,amount\nccsa,2026,"250,000"\nccsa,2027,250000.25\n' > funding.csv
run "$CTG" import funding.csv
expect_rc 3; expect_err "funding.csv:2:3: amount doit être un nombre (point décimal : 13.5), reçu '250,000'"
printf 'funder,year,amount\nccsa,2026,250000\nccsa,2027,250000.25\n' > funding.csv
run "$CTG" import funding.csv
expect_rc 0; expect_out "2 lignes importées"
run sqlite3 "$CTG_DB" "SELECT subject, period, value, dims FROM current_observation WHERE record = 'funding' AND period >= '2025' ORDER BY 1, 2"
expect_out_eq "caf|2025|1300000.0|
ccsa|2026|250000.0|
ccsa|2027|250000.25|
departement|2025|1300000.5|action=1"

t "bad meetings CSV: each cell located, in French, the original date named; nothing imported"
before=$(snapshot)
printf 'instance;date\ncopil;31/02/2025\ncopl;01/03/2025\ncopil;2025-13\ncopil\ncopil;15/06/2031\n' > bad.csv
run "$CTG" import bad.csv
expect_rc 3
expect_err 'bad.csv:2:2: date "31/02/2025" : le 31 février 2025 n'"'"'existe pas'
expect_err "bad.csv:3:1: instance inconnue 'copl' (vouliez-vous dire 'copil' ?)"
expect_err "bad.csv:4:2: date \"2025-13\" : le mois 13 n'existe pas"
expect_err "bad.csv:5: la ligne a 1 champ, l'en-tête en a 2"
expect_err "bad.csv:6:2:"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "bad funding CSV: amount, year and funder located; nothing imported"
before=$(snapshot)
printf 'financeur;annee;montant\ncaf;2025;12 $\ncaf;deux;5\n;2025;5\nCAF du Nor;2025;5\n' > bad.csv
run "$CTG" import bad.csv
expect_rc 3
expect_err "bad.csv:2:3: montant doit être un nombre (virgule décimale : 13,5), reçu '12 \$'"
expect_err "bad.csv:3:2: la période doit être une année"
expect_err "bad.csv:4:1:"
expect_err "bad.csv:5:1: financeur inconnu 'CAF du Nor' (vouliez-vous dire 'CAF du Nord' ?)"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "bad headers: an unknown column with a suggestion, a missing column, --territory refused"
printf 'instance;date;lieux\ncopil;2025-02-01;x\n' > h1.csv
run "$CTG" import h1.csv
expect_rc 3; expect_err "h1.csv:1:3: colonne 'lieux' inconnue dans un CSV de réunions (possibles :"
printf 'financeur;montant\ncaf;5\n' > h2.csv
run "$CTG" import h2.csv
expect_rc 3; expect_err "h2.csv:1: l'en-tête n'a pas de colonne 'year' (un CSV de financements a les colonnes financeur;annee;montant"
printf 'instance;date;date\ncopil;2025-02-01;2025-02-02\n' > h3.csv
run "$CTG" import h3.csv
expect_rc 3; expect_err "h3.csv:1:3: la colonne 'date' apparaît deux fois (aussi en colonne 2)"
run "$CTG" import reunions.csv --territory anor
expect_rc 3; expect_err "--territory ne vaut que pour les valeurs d'indicateurs"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "ctg help observations documents the names, the dates, the amounts and the CSV of meetings and funding"
run "$CTG" help observations
expect_rc 0
expect_out "code insee"; expect_out '"St"/"Ste" valent "Saint"/"Sainte"'; expect_out "1 300 000,50 €"
expect_out "instance;date;note;source"; expect_out "financeur;annee;montant;action;note;source"; expect_out "15/06/2023"

t "a workbook names territories by INSEE code and St/Ste as the CSV does"
/usr/bin/python3 - <<'PY' || _fail "openpyxl could not write the workbook"
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Données"
ws.append(["indicateur", "période", "territoire", "valeur"])
ws.append(["familles_allocataires", 2026, "St-Hilaire-sur-Helpe", 31])
ws.append(["familles_allocataires", 2026, "59601", 12])
ws.append(["familles_allocataires", 2026, "Ste Aldegonde", 7])
wb.save("noms.xlsx")
PY
run "$CTG" import noms.xlsx
expect_rc 0; expect_out "3 lignes importées"
run sqlite3 "$CTG_DB" "SELECT territory, value FROM current_observation WHERE subject = 'familles_allocataires' AND period = '2026' ORDER BY 1"
expect_out_eq "ste-al|7.0
sthil|31.0
trelon|12.0"
