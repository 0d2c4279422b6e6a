# A value judged against a cumulative target shows the running total beside the year's
# value, in ctg eval's table and in the annual report's tables (issue 23, point 2); a yearly
# target and JSON keep the bare value. Data of its own: places created 2022-2025.
VP="$ROOT/tests/fixtures/verdicts/plan.lua"
export CTG_DB="$TMP/ctg.db"
cp "$VP" plan.lua
cat > data.yaml <<'YAML'
plan: ctg-vallee-2022-2026
source: "Relevé des places"
observations:
  - {indicator: places, period: 2022, territory: vallee, value: 3}
  - {indicator: places, period: 2023, territory: vallee, value: 4}
  - {indicator: places, period: 2024, territory: vallee, value: 7}
  - {indicator: places_an, period: 2024, territory: vallee, value: 7}
YAML
"$CTG" import plan.lua data.yaml >/dev/null

t "eval: a value on a cumulative target reads « 7 (cumul 14) »"
run "$CTG" eval --period 2024 --indicator places --territory vallee
expect_rc 0
expect_out "7 (cumul 14)"
run "$CTG" eval --period 2023 --indicator places --territory vallee
expect_out "4 (cumul 7)"; expect_no_out "cumul 14"

t "eval: a yearly target, and JSON, keep the bare value"
run "$CTG" eval --period 2024 --indicator places_an --territory vallee
expect_rc 0; expect_no_out "(cumul"
run "$CTG" eval --period 2024 --indicator places --territory vallee --format json
expect_out '"value": 7'; expect_out '"cumulative_value": 14'; expect_no_out "(cumul"

t "eval in English words the total through the catalogue"
CTG_LANG=en run "$CTG" eval --period 2024 --indicator places --territory vallee
expect_out "7 (total 14)"

t "the annual report's tables show the running total too"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 -o bilan.md
expect_rc 0
grep -q "7 (cumul 14)" bilan.md || _fail "no running total in the report: $(grep -n places bilan.md | head -3)"
