# A place's own figure kept beside the partial aggregate of its members: the members without
# figures are named (JSON members_missing, --explain, the annual report's note), as a partial
# roll-up names them — a published EPCI total must not hide which commune is missing.
cat > plan.lua <<'LUA'
plan "ctg-revermont-2024" { title = "Convention du Revermont", period = {2024, 2027} }
territory("rev", "CC du Revermont") { level = "epci" }
territory("coligny", "Coligny") { level = "commune", parent = "rev" }
territory("treffort", "Treffort") { level = "commune", parent = "rev" }
territory("verjon", "Verjon") { level = "commune", parent = "rev" }
axis(1, "Accueil") {
  action(1, "Des enfants accueillis") {
    indicator "enfants" { label = "Enfants accueillis", kind = "count", time = "sum" },
  },
}
LUA
cat > data.csv <<'CSV'
indicator;period;territory;value
enfants;2025;rev;300
enfants;2025;coligny;120
enfants;2025;treffort;90
CSV
"$CTG" --db m.db import plan.lua data.csv >/dev/null 2>&1 || _fail "setup: import"

t "the EPCI's own total is kept, its members' partial aggregate names Verjon as without figures"
run "$CTG" --db m.db eval --explain enfants --territory rev --period 2025
expect_rc 0
expect_out "agrégat partiel des membres qui ont des chiffres (2 sur 3 territoires) : 210"
expect_out "sans chiffre : Verjon — "
run "$CTG" --db m.db eval --territory rev --period 2025 --format json
expect_out '"members_value": 210'
expect_out '"members_missing"'
expect_out '"territory": "verjon"'
run env CTG_LANG=en "$CTG" --db m.db eval --explain enfants --territory rev --period 2025
expect_out "without figures: Verjon"

t "the annual report's note names the commune without figures"
run "$CTG" --db m.db report bilan-annuel --period 2025 -o bilan.md
expect_rc 0
grep -q "agrégat partiel de ses membres : 210 (2 sur 3 territoires) ; manque Verjon" bilan.md ||
  _fail "the note does not name Verjon: $(grep -n 'agrégat partiel' bilan.md)"
