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
