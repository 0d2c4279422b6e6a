#!/bin/sh
# `make bench`: timings printed as ratios against a baseline measured in the same run.
# Never used by tests (no timing assertions anywhere).
CTG=${1:-./ctg}
N=${BENCH_RUNS:-300}

# elapsed_ms N CMD...: wall time of N runs of CMD, in milliseconds
elapsed_ms() {
  n=$1; shift
  start=$(date +%s%N)
  i=0
  while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }

echo "== start-up: ctg -e '' against lua5.4 -e '' ($N runs each; target: ratio ≤ 2)"
lua_ms=$(elapsed_ms "$N" lua5.4 -e '')
ctg_ms=$(elapsed_ms "$N" "$CTG" -e '')
echo "lua5.4: ${lua_ms} ms   ctg: ${ctg_ms} ms   ratio: $(ratio "$ctg_ms" "$lua_ms")"

M=$((N / 10))
echo "== ctg check on the example plan against start-up alone ($M runs each)"
base_ms=$(elapsed_ms "$M" "$CTG" -e '')
check_ms=$(elapsed_ms "$M" "$CTG" check examples/clermont-ferrand/plan.lua)
echo "ctg -e '': ${base_ms} ms   ctg check: ${check_ms} ms   per check: $(awk -v a="$check_ms" -v m="$M" 'BEGIN { printf "%.1f", a / m }') ms   ratio: $(ratio "$check_ms" "$base_ms")"

# ---- import: ctg against the floor (libyaml straight into one prepared INSERT) ----------
FLOOR=${2:-build/floor}
ROWS=${BENCH_ROWS:-1000000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
PLAN=examples/clermont-ferrand/plan.lua
echo "== import of $ROWS generated observations: ctg import against the floor (target: ratio ≤ 1.3, peak memory < 64 MB)"
"$CTG" tests/bench/gen_observations.lua "$PLAN" "$ROWS" "$DIR/obs.yaml"
"$CTG" --db "$DIR/floor.db" import "$PLAN" >/dev/null
# the floor writes its rows under import 1, as ctg would
DB="$DIR/floor.db" "$CTG" -e 'local d = ctg.open(os.getenv("DB")) local v = d:plan_version() d.store:execute("INSERT INTO import (id, plan_version, file, imported_at, imported_by) VALUES (1, ?, ?, ?, ?)", v.id, "floor", "now", "bench") d:close()'
"$CTG" --db "$DIR/ctg.db" import "$PLAN" >/dev/null
start=$(date +%s%N)
"$FLOOR" "$DIR/floor.db" "$DIR/obs.yaml" >/dev/null
floor_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$DIR/mem" "$CTG" --db "$DIR/ctg.db" import "$DIR/obs.yaml" >/dev/null
ctg_ms=$(( ($(date +%s%N) - start) / 1000000 ))
peak_mb=$(awk '{ printf "%.1f", $1 / 1024 }' "$DIR/mem")
echo "floor: ${floor_ms} ms   ctg import: ${ctg_ms} ms   ratio: $(ratio "$ctg_ms" "$floor_ms")   $(awk -v n="$ROWS" -v ms="$ctg_ms" 'BEGIN { printf "%d", n / (ms / 1000) }') observations/s   peak memory: ${peak_mb} MB"

# ---- evaluation: ctg eval against the sqlite3 CLI's GROUP BY on the same database ---------
echo "== evaluation of every indicator × period × territory over those observations, against the sqlite3 CLI's GROUP BY (target: ratio ≤ 0.5, peak memory < 128 MB)"
start=$(date +%s%N)
sqlite3 "$DIR/ctg.db" "SELECT subject, substr(period, 1, 4) AS year, territory, sum(value), sum(numerator), sum(denominator), count(*)
  FROM current_observation WHERE record = 'value' GROUP BY subject, year, territory" > "$DIR/sqlite.txt"
sqlite_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$DIR/mem" "$CTG" --db "$DIR/ctg.db" eval --period all --territory all --format csv --as-of 2030-01-01 > "$DIR/eval.csv"
eval_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "sqlite3: ${sqlite_ms} ms ($(wc -l < "$DIR/sqlite.txt") groups)   ctg eval: ${eval_ms} ms ($(($(wc -l < "$DIR/eval.csv") - 1)) values, roll-ups included)   ratio: $(ratio "$eval_ms" "$sqlite_ms")   peak memory: $(awk '{ printf "%.1f", $1 / 1024 }' "$DIR/mem") MB"

# ---- reports: the annual evaluation of the example, against start-up alone ------------------
echo "== bilan-annuel on the example (target: under 0.5 s)"
EX=examples/clermont-ferrand
"$CTG" --db "$DIR/example.db" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv >/dev/null
start=$(date +%s%N)
"$CTG" --db "$DIR/example.db" report scripts/bilan-annuel.lua --period 2023 --date 2024-03-15 -o "$DIR/bilan.html"
report_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "ctg -e '': $((base_ms / M)) ms per run   bilan-annuel.html: ${report_ms} ms ($(wc -c < "$DIR/bilan.html") bytes)"
