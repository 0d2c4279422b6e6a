# The stock reports read the database through named operations (db:step_progress,
# db:funding_totals, db:meetings_per_year), filtered by the report's plan: in a database that
# holds two plans sharing step, committee and funder codes over the same years, each report
# shows its own plan's progress, funding and meetings only.
SA="$ROOT/tests/fixtures/sud-avesnois"
export CTG_DB="$TMP/deux.db"
cat > voisin.lua <<'FIN'
plan "ctg-voisin-2024-2026" { title = "CTG voisine", period = {2024, 2026}, signed = "2024-01-15" }
territory("voisin", "Commune voisine") { level = "commune" }
committee("copil", "Comité de pilotage voisin") { meetings_per_year = 1 }
funding("caf", "CAF voisine") { floor_per_year = 100000 }
axis(1, "Axe") { action(1, "Action") { step("A", "Étape A"), step("B", "Étape B") { years = {2024} } } }
FIN
cat > voisin-2024.yaml <<'FIN'
plan: ctg-voisin-2024-2026
source: "Saisie de la CTG voisine (fictive)"
progress:
  - {step: 1-B, period: 2024, status: started}
  - {step: 1-A, period: 2024, status: dropped}
meetings:
  - {committee: copil, date: 2024-02-01}
  - {committee: copil, date: 2024-05-01}
  - {committee: copil, date: 2024-09-01}
funding:
  - {funder: caf, year: 2024, amount: 999999}
FIN
"$CTG" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv >/dev/null
run "$CTG" import voisin.lua voisin-2024.yaml
[ "$rc" = 0 ] || { echo "import of the neighbour failed: $err" >&2; exit 1; }

t "bilan-annuel of one plan in a database of two: its own steps, funding and meetings"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --plan ctg-sud-avesnois-2023-2027 --period 2024 --date 2025-01-10 -o bilan.md
expect_rc 0
grep -q '^| 1-B | Ouvrir la micro-crèche | 2025 | non renseigné |$' bilan.md || _fail "step 1-B shows the other plan's progress"
grep -q '^| 2024 | 440[^|0-9]*000[^|0-9]*€ | 450[^|0-9]*000[^|0-9]*€ | sous le plancher' bilan.md || _fail "the CAF funding of 2024 adds the other plan's"
grep -q '^| Comité de pilotage CTG | 1 sur 1 | 1 sur 1 |$' bilan.md || _fail "the copil meetings of 2024 add the other plan's"
grep -q 'Sous-actions en cours et terminées : \*\*1 en cours, 1 terminée\*\*' bilan.md && _fail "the key figures count the other plan's step"

t "calendrier of one plan in a database of two: its own steps only"
run "$CTG" report "$ROOT/scripts/calendrier.lua" --plan ctg-sud-avesnois-2023-2027 --period 2024 --date 2025-01-10 -o cal.md
expect_rc 0
grep -q '^| 1-A Étudier l.implantation d.une micro-crèche | 2023, 2024 | commencée | terminée | | | |$' cal.md || _fail "1-A: not its own statuses"
grep -q '^| 1-B Ouvrir la micro-crèche | 2025 | | | | | |$' cal.md || _fail "1-B shows the other plan's progress"

t "the other plan's reports see their own rows"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --plan ctg-voisin-2024-2026 --period 2024 --date 2025-01-10 -o voisin.md
expect_rc 0
grep -q '^| 1-B | Étape B | 2024 | en cours (2024) |$' voisin.md || _fail "the neighbour's 1-B is not its own"
grep -q '| Comité de pilotage voisin | 3 sur 1 |' voisin.md || _fail "the neighbour's meetings are not its own"

t "a report script's mistyped option of a named operation is refused at its line, in French, the database unchanged"
cat > mine.lua <<'FIN'
local ctx = ...
local doc = ctx.report.new { title = "Étapes", date = ctx.date }
local rows = ctx.db:step_progress{ plan = ctx.plan.id, jusqua = ctx.period }
doc:section("Étapes"):paragraph(#rows .. " relevés")
return doc
FIN
before=$(cksum < "$CTG_DB")
run "$CTG" report mine.lua --plan ctg-sud-avesnois-2023-2027 --period 2024 --date 2025-01-10 -o mine.md
expect_rc 1
expect_err "mine.lua:3: db:step_progress : option inconnue 'jusqua' (vouliez-vous dire 'jusqu_a' ?)"
[ -e mine.md ] && _fail "a report was written"
[ "$(cksum < "$CTG_DB")" = "$before" ] || _fail "the database changed"
sed -i 's/jusqua/jusqu_a/' mine.lua
run "$CTG" report mine.lua --plan ctg-sud-avesnois-2023-2027 --period 2024 --date 2025-01-10 -o mine.md
expect_rc 0
grep -q '^2 relevés$' mine.md || _fail "the script's own plan has 2 progress rows up to 2024"
