#!/bin/sh
# `make scale` (issue 14, point 4): 1 000 000 generated observations imported and evaluated
# with the address space capped at 256 Mo (ulimit -v 262144). Not timed: it asserts that
# both fit and that the values are right (row count, a roll-up of the city checked against
# the sum of the generated file), and that the default view's memory does not grow with the
# observations (a fifth of them on the same plan: the same peak). Run by .ci/run after make test; about a minute.
#   tests/scale/run.sh CTG [SHARED_BENCH] [ROWS]
# The observations come from ../shared/bench/gen_from_plan.py, as for make bench (the
# example plan with its territories cloned under the city).
CTG=${1:-./ctg}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${2:-$ROOT/../shared/bench}
ROWS=${3:-1000000}
LIMIT_KB=${SCALE_LIMIT_KB:-262144}  # the cap, in KiB (256 Mo)
PLAN=$ROOT/examples/clermont-ferrand/plan.lua

# ASan reserves terabytes of shadow address space and valgrind runs the program in its own:
# a cap on the address space measures them, not ctg
if [ -n "$CTG_UNDER_VALGRIND" ] || ldd "$CTG" 2>/dev/null | grep -q libasan; then
  echo "scale : ignoré sous ASan ou valgrind (ulimit -v plafonne aussi leur mémoire fantôme) ; lancer make scale avec ./ctg"
  echo "scale: 0 passed, 0 failed"
  exit 0
fi
for f in "$CTG" "$SHARED/gen_from_plan.py"; do
  [ -e "$f" ] || { echo "scale : $f introuvable (../shared/bench doit être à côté du dépôt)" >&2; exit 1; }
done
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $1"; }
ko() { failed=$((failed + 1)); echo "FAIL  $1"; [ -s "$DIR/err" ] && sed 's/^/      /' "$DIR/err" | tail -5; : > "$DIR/err"; }
# capped CMD…: CMD under the address-space cap, its peak resident memory into $DIR/mem
capped() { (ulimit -v $LIMIT_KB && /usr/bin/time -f %M -o "$DIR/mem" "$@") 2> "$DIR/err"; }
peak() { awk '{ printf "%.0f Mo", $1 / 1024 }' "$DIR/mem" 2>/dev/null; }

"$CTG" export "$PLAN" --format yaml > "$DIR/plan.yaml"
python3 "$SHARED/gen_from_plan.py" "$DIR/plan.yaml" "$ROWS" "$DIR/bench-plan.yaml" "$DIR/obs.yaml" > /dev/null
"$CTG" --db "$DIR/ctg.db" import "$DIR/bench-plan.yaml" > /dev/null

# the summary says how many rows (in French digits: 1 000 000)
if capped "$CTG" --db "$DIR/ctg.db" import "$DIR/obs.yaml" > "$DIR/out" &&
   [ "$(sed -n 's/.* : \(.*\) lignes importées.*/\1/p' "$DIR/out" | tr -cd 0-9)" = "$ROWS" ]; then
  ok "import de $ROWS observations sous ulimit -v $LIMIT_KB (pic $(peak))"
else
  ko "import de $ROWS observations sous ulimit -v $LIMIT_KB : $(tail -1 "$DIR/out")"
fi
stored=$(CTG_DB="$DIR/ctg.db" "$CTG" -e 'print(ctg.open():query("SELECT count(*) AS n FROM current_observation")[1].n)')
[ "$stored" = "$ROWS" ] && ok "$ROWS observations courantes en base" || ko "$stored observations courantes en base, $ROWS attendues"

if capped "$CTG" --db "$DIR/ctg.db" eval --period all --territory all --format csv > "$DIR/all.csv"; then
  ok "eval --period all --territory all --format csv sous ulimit -v $LIMIT_KB (pic $(peak))"
else
  ko "eval --period all --territory all --format csv sous ulimit -v $LIMIT_KB"
fi
# every indicator × year × place, once: the plan's counts
expected=$(CTG_DB="$DIR/ctg.db" "$CTG" -e '
  local d = ctg.open()
  local p = d:plan()
  print(#p.indicators * (p.period[2] - p.period[1] + 1) * (#p.territories + #p.groups) + 1)')
rows=$(wc -l < "$DIR/all.csv")
[ "$rows" = "$expected" ] && ok "$rows lignes (indicateurs × années × territoires, en-tête compris)" ||
  ko "$rows lignes, $expected attendues"
# the city rolls up every generated territory: its 2025 total of a count is the file's sum
sum=$(awk '/indicator: outils_crees, period: 2025,/ { sub(/.*value: /, ""); sub(/}.*/, ""); s += $0 } END { print s }' "$DIR/obs.yaml")
if grep -qa "^outils_crees;2025;clermont-ferrand;$sum;" "$DIR/all.csv"; then
  ok "outils_crees 2025 à la ville : $sum, la somme du fichier généré"
else
  ko "outils_crees 2025 à la ville : $(grep -a '^outils_crees;2025;clermont-ferrand;' "$DIR/all.csv"), $sum attendu"
fi
if capped "$CTG" --db "$DIR/ctg.db" eval > "$DIR/out" && grep -q "Indicateurs, période 2025" "$DIR/out"; then
  ok "eval (vue par défaut) sous ulimit -v $LIMIT_KB (pic $(peak))"
else
  ko "eval (vue par défaut) sous ulimit -v $LIMIT_KB"
fi
# The default view's memory is the plan's and the engine's bound (250 000 cells, read by
# windows of indicators past it), not the observations': on the same plan, a fifth of them
# and all of them take the same peak (within a quarter: the allocator's and SQLite's slack)
full_kb=$(cat "$DIR/mem" 2>/dev/null || echo 0)
head -n $((3 + ROWS / 5)) "$DIR/obs.yaml" > "$DIR/fifth.yaml"
"$CTG" --db "$DIR/fifth.db" import "$DIR/bench-plan.yaml" "$DIR/fifth.yaml" > /dev/null
if capped "$CTG" --db "$DIR/fifth.db" eval > /dev/null; then
  fifth_kb=$(cat "$DIR/mem")
  if [ "$full_kb" -gt 0 ] && [ $((full_kb * 4)) -le $((fifth_kb * 5)) ]; then
    ok "eval (vue par défaut) : pic $((full_kb / 1024)) Mo pour $ROWS observations, $((fifth_kb / 1024)) Mo pour $((ROWS / 5)) sur le même plan"
  else
    ko "eval (vue par défaut) : pic $((full_kb / 1024)) Mo pour $ROWS observations, $((fifth_kb / 1024)) Mo pour $((ROWS / 5)) : la mémoire croît avec les observations"
  fi
else
  ko "eval (vue par défaut) sur $((ROWS / 5)) observations sous ulimit -v $LIMIT_KB"
fi
# the exchange between analysts (export, then import elsewhere): written a row at a time
if capped "$CTG" --db "$DIR/ctg.db" export observations --format csv -o "$DIR/obs.csv" &&
   [ "$(wc -l < "$DIR/obs.csv")" = $((ROWS + 1)) ]; then
  ok "export observations --format csv de $ROWS lignes sous ulimit -v $LIMIT_KB (pic $(peak))"
else
  ko "export observations --format csv sous ulimit -v $LIMIT_KB : $(wc -l < "$DIR/obs.csv" 2>/dev/null) lignes"
fi
rm -f "$DIR/obs.csv"

echo "scale: $passed passed, $failed failed"
[ "$failed" = 0 ]
