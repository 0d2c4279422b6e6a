#!/bin/sh
# `make bench`: each row of issue 14's table, measured in one run against references measured
# in the same run, printed side by side with the goal, in French formats.
#   tests/bench/run.sh CTG FLOOR [SHARED_BENCH]
# CTG the binary; FLOOR the shared reference floor compiled (build/limit_import: libyaml events
# straight into one SQLite table without index, one transaction); SHARED_BENCH the folder of
# limit_import.c and gen_from_plan.py (default ../shared/bench beside the repository).
# Environment: BENCH_ROWS (default "200000 1000000": the first size gets every row of the
# table, the next ones the import and the all-territories evaluation), BENCH_REPEAT (runs of
# each measure, the median is printed; default 3), BENCH_RUNS (start-up runs, default 300),
# BENCH_SLICE_ROWS (issue 27's sizes, default "200000 2000000": the default view on the second
# against the first), BENCH_ONLY (the parts to run, default all of them: any of startup, scale,
# slices, reports; e.g. BENCH_ONLY=slices for issue 27's rows alone).
# Never used by tests (no timing assertions anywhere); run it under `nice` on a shared machine.
CTG=${1:-./ctg}
FLOOR=${2:-build/limit_import}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${3:-$ROOT/../shared/bench}
ROWS=${BENCH_ROWS:-200000 1000000}
REPEAT=${BENCH_REPEAT:-3}
N=${BENCH_RUNS:-300}
SLICE_ROWS=${BENCH_SLICE_ROWS:-200000 2000000}
ONLY=${BENCH_ONLY:-startup scale slices reports}
# wanted PART: whether BENCH_ONLY names PART
wanted() { case " $ONLY " in *" $1 "*) return 0;; *) return 1;; esac; }
for part in $ONLY; do
  case $part in startup|scale|slices|reports) ;; *)
    echo "bench : partie inconnue « $part » dans BENCH_ONLY (possibles : startup scale slices reports)" >&2; exit 2;; esac
done
PLAN=examples/clermont-ferrand/plan.lua
GOLDEN=tests/fixtures/eval-golden

for f in "$CTG" "$FLOOR" "$SHARED/gen_from_plan.py" /usr/bin/time; do
  [ -e "$f" ] || { echo "bench : $f introuvable (make bench le construit ; ../shared/bench doit être à côté du dépôt)" >&2; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "bench : python3 sans PyYAML (paquet python3-yaml, make deps)" >&2; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

# ---- French numbers ---------------------------------------------------------------------
# fr X DEC: X with DEC decimals, a decimal comma and U+202F between thousands (1 600 000; 13,5)
fr() {
  awk -v x="$1" -v d="$2" 'BEGIN {
    s = sprintf("%." d "f", x); neg = (substr(s, 1, 1) == "-"); if (neg) s = substr(s, 2)
    i = index(s, "."); ip = i ? substr(s, 1, i - 1) : s; dp = i ? "," substr(s, i + 1) : ""
    out = ""; while (length(ip) > 3) { out = "\342\200\257" substr(ip, length(ip) - 2) out; ip = substr(ip, 1, length(ip) - 3) }
    printf "%s%s%s%s", neg ? "-" : "", ip, out, dp }'
}
per() { fr "$(awk -v ms="$1" -v n="$2" 'BEGIN { print ms / n }')" 1; }     # ms for N runs -> "29,6" each
secs() { fr "$(awk -v ms="$1" 'BEGIN { print ms / 1000 }')" 2; }          # ms -> "2,61"
mib() { fr "$(awk -v kb="$1" 'BEGIN { print kb / 1024 }')" 1; }           # KiB -> "45,8"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 1; printf "%.2f", a / b }'; }
# met VALUE OP GOAL: "oui" when VALUE OP GOAL holds (OP is <= or <), else "non"
met() { awk -v v="$1" -v op="$2" -v g="$3" 'BEGIN { ok = (op == "<=") ? v <= g : v < g; print ok ? "oui" : "non" }'; }

# ---- measures ---------------------------------------------------------------------------
# measure PREP CMD…: runs PREP (untimed, a shell string) then CMD, REPEAT times; sets ms and kb
# to the medians of the wall time (milliseconds) and of the peak resident memory (KiB).
# CMD's stdout goes to $DIR/out (kept from the last run).
measure() {
  prep=$1; shift
  : > "$DIR/times"; : > "$DIR/mems"; : > "$DIR/sums"
  r=0
  while [ $r -lt "$REPEAT" ]; do
    eval "$prep"
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$DIR/mem" "$@" > "$DIR/out" 2> "$DIR/err" || {
      echo "bench : échec de $*" >&2; cat "$DIR/err" >&2; exit 1; }
    echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$DIR/times"
    tail -1 "$DIR/mem" >> "$DIR/mems"
    sha256sum < "$DIR/out" >> "$DIR/sums"
    r=$((r + 1))
  done
  ms=$(sort -n "$DIR/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  kb=$(sort -n "$DIR/mems" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  [ "$(sort -u "$DIR/sums" | wc -l)" = 1 ] || echo "  ATTENTION : la sortie de $1 diffère d'un passage à l'autre"
}

# pad WIDTH TEXT: TEXT padded with spaces to WIDTH characters (UTF-8 continuation bytes,
# 0x80-0xBF, are not characters: printf's widths count bytes)
pad() {
  chars=$(printf '%s' "$2" | LC_ALL=C tr -d '\200-\277' | wc -c)
  printf '%s%*s' "$2" $(($1 > chars ? $1 - chars : 0)) ""
}
# line WORK CTG REF RATIO GOAL MET: one line of the table, columns aligned
line() { echo "$(pad 52 "$1") $(pad 16 "$2") $(pad 26 "$3") $(pad 9 "$4") $(pad 10 "$5") $6" | sed 's/ *$//'; }
header() { line "travail" "ctg" "référence" "rapport" "objectif" "tenu"; }
# row WORK CTG REF RATIO [OP GOAL]: a timing against its reference, with the goal when given
row() {
  if [ -n "$5" ]; then
    line "$1" "$2" "$3" "$(fr "$4" 2) ×" "$5 $(fr "$6" 1) ×" "$(met "$4" "$5" "$6")"
  else
    line "$1" "$2" "$3" "$(fr "$4" 2) ×"
  fi
}
# mem_row WORK CTG_KB REF_NAME REF_KB: peak memory, goal < 64 Mo
mem_row() { line "$1" "$(mib "$2") Mo" "$3 $(mib "$4") Mo" "" "< 64 Mo" "$(met "$2" "<" 65536)"; }

passes() { if [ "$REPEAT" -gt 1 ]; then echo "médianes de $REPEAT passages"; else echo "un passage"; fi; }

# elapsed_ms N CMD…: wall time of N runs of CMD, in milliseconds
elapsed_ms() {
  n=$1; shift
  start=$(date +%s%N)
  i=0
  while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}

# ---- start-up and check -----------------------------------------------------------------
M=$((N / 10))
base_ms=0
if wanted startup; then
echo "== démarrage : ctg -e '' face à lua5.4 -e '' ($(fr "$N" 0) lancements chacun)"
header
lua_ms=$(elapsed_ms "$N" lua5.4 -e '')
ctg_ms=$(elapsed_ms "$N" "$CTG" -e '')
row "démarrage (ctg -e ''), par lancement" "$(per "$ctg_ms" "$N") ms" "lua5.4 $(per "$lua_ms" "$N") ms" "$(ratio "$ctg_ms" "$lua_ms")" "≤" 2
base_ms=$(elapsed_ms "$M" "$CTG" -e '')
check_ms=$(elapsed_ms "$M" "$CTG" check "$PLAN")
row "ctg check du plan de l'exemple, par lancement" "$(per "$check_ms" "$M") ms" "ctg -e '' $(per "$base_ms" "$M") ms" \
  "$(ratio "$check_ms" "$base_ms")"
fi

# ---- scale: the shared generator's observations, for each size ---------------------------
"$CTG" export "$PLAN" --format yaml > "$DIR/plan.yaml"
first=1
wanted scale || ROWS=""
for n in $ROWS; do
  python3 "$SHARED/gen_from_plan.py" "$DIR/plan.yaml" "$n" "$DIR/bench-plan.yaml" "$DIR/obs.yaml" > /dev/null
  # the plan alone, imported once: each import run starts from a copy of this database
  rm -f "$DIR/plan.db"
  "$CTG" --db "$DIR/plan.db" import "$DIR/bench-plan.yaml" > /dev/null
  measure 'rm -f "$DIR/floor.db"' "$FLOOR" "$DIR/obs.yaml" "$DIR/floor.db"
  floor_ms=$ms floor_kb=$kb
  measure 'cp "$DIR/plan.db" "$DIR/ctg.db"' "$CTG" --db "$DIR/ctg.db" import "$DIR/obs.yaml"
  imp_ms=$ms imp_kb=$kb
  terr=$(sqlite3 "$DIR/floor.db" "SELECT count(DISTINCT territory) FROM observation")
  echo
  echo "== $(fr "$n" 0) observations générées par gen_from_plan.py ($(fr "$terr" 0) territoires sous la ville ; $(passes))"
  header
  row "ctg import des observations" "$(secs "$imp_ms") s" "plancher $(secs "$floor_ms") s" "$(ratio "$imp_ms" "$floor_ms")" "≤" 1.3
  mem_row "  mémoire maximale de l'import" "$imp_kb" "plancher" "$floor_kb"
  ctg_size=$(wc -c < "$DIR/ctg.db"); floor_size=$(wc -c < "$DIR/floor.db")
  line "  taille du fichier SQLite" "$(mib "$((ctg_size / 1024))") Mo" "plancher $(mib "$((floor_size / 1024))") Mo" \
    "$(fr "$(ratio "$ctg_size" "$floor_size")" 2) ×"
  measure '' sqlite3 "$DIR/floor.db" "SELECT indicator, period, territory, sum(value), sum(numerator), sum(denominator), count(*)
    FROM observation GROUP BY indicator, period, territory"
  sql_ms=$ms sql_kb=$kb groups=$(wc -l < "$DIR/out")
  measure '' "$CTG" --db "$DIR/ctg.db" eval
  if [ $first = 1 ]; then
    row "ctg eval (vue par défaut : la ville, dernière année)" "$(secs "$ms") s" "sqlite3 GROUP BY $(secs "$sql_ms") s" \
      "$(ratio "$ms" "$sql_ms")" "≤" 0.5
    mem_row "  mémoire maximale" "$kb" "sqlite3" "$sql_kb"
  else
    row "ctg eval (vue par défaut)" "$(secs "$ms") s" "sqlite3 GROUP BY $(secs "$sql_ms") s" "$(ratio "$ms" "$sql_ms")"
  fi
  # past 250 000 cells the engine reads by windows of indicators: what the default view holds
  # beyond the plan (its territories, the same database without observations) stays bounded
  default_kb=$kb
  measure '' "$CTG" --db "$DIR/plan.db" eval
  line "  mémoire au-delà du plan (sans observation)" "$(mib "$((default_kb - kb))") Mo" "plan seul $(mib "$kb") Mo" \
    "" "bornée"
  measure '' "$CTG" --db "$DIR/ctg.db" eval --period all --territory all --format csv
  all_ms=$ms
  cp "$DIR/out" "$DIR/eval.csv"
  row "ctg eval --period all --territory all --format csv" "$(secs "$ms") s" "sqlite3 GROUP BY $(secs "$sql_ms") s" \
    "$(ratio "$ms" "$sql_ms")" "≤" 1
  if [ $first = 1 ]; then
    mem_row "  mémoire maximale" "$kb" "sqlite3" "$sql_kb"
  else # a row written per cell: every cell held, the memory grows with the rows written
    line "  mémoire maximale" "$(mib "$kb") Mo" "sqlite3 $(mib "$sql_kb") Mo" "" "croît avec" "les lignes écrites"
  fi
  # the values themselves, against the checksum recorded for this size (results identical
  # before and after a change of the store or of the evaluation); the file names the inputs
  # too (generated plan and observations): a change of the example plan or of the generator
  # makes the sums incomparable, not the values wrong
  inputs=$(cat "$DIR/bench-plan.yaml" "$DIR/obs.yaml" | sha256sum | cut -d' ' -f1)
  values=$(sha256sum < "$DIR/out" | cut -d' ' -f1)
  echo "  $(fr "$(($(wc -l < "$DIR/out") - 1))" 0) valeurs (agrégats compris), $(fr "$groups" 0) groupes pour sqlite3"
  sums="$GOLDEN/bench-$n.sha256"
  if [ ! -f "$sums" ]; then
    echo "  sha256 : données $inputs, valeurs $values (à enregistrer dans $sums)"
  elif [ "$(sed -n 's/^inputs //p' "$sums")" != "$inputs" ]; then
    echo "  données générées différentes de celles de $sums (plan de l'exemple ou générateur changé) : valeurs non comparées"
  elif [ "$(sed -n 's/^values //p' "$sums")" = "$values" ]; then
    echo "  valeurs identiques à celles enregistrées dans $sums"
  else
    echo "  VALEURS DIFFÉRENTES de celles enregistrées dans $sums (sha256 $values)"
  fi
  # the same values from a script: ev:table of every territory and period, written as CSV
  # (issue 26: no more than the command line's view), its figures compared with ctg eval's
  printf '%s\n' 'local ev = ctg.evaluate(nil, ctg.open(arg[1]), {})' \
    'ev:table { territories = "all", periods = "all" }:write(arg[2])' > "$DIR/table.lua"
  measure '' "$CTG" "$DIR/table.lua" "$DIR/ctg.db" "$DIR/table.csv"
  row "script : ev:table{territories = \"all\", periods = \"all\"}:write" "$(secs "$ms") s" \
    "ctg eval ci-dessus $(secs "$all_ms") s" "$(ratio "$ms" "$all_ms")" "≤" 1
  line "  mémoire maximale" "$(mib "$kb") Mo" "" "" "" ""
  cut -d';' -f1-8 "$DIR/eval.csv" > "$DIR/eval.cut"; cut -d';' -f1-8 "$DIR/table.csv" > "$DIR/table.cut"
  if cmp -s "$DIR/eval.cut" "$DIR/table.cut"; then
    echo "  mêmes valeurs que ctg eval --format csv"
  else
    echo "  VALEURS DIFFÉRENTES de celles de ctg eval --format csv"
  fi
  # the exchange between analysts: every current observation out, a row at a time, against
  # sqlite3 writing the floor's table as CSV
  measure '' sqlite3 -csv "$DIR/floor.db" "SELECT * FROM observation"
  csv_ms=$ms csv_kb=$kb
  measure '' "$CTG" --db "$DIR/ctg.db" export observations --format csv
  row "ctg export observations --format csv" "$(secs "$ms") s" "sqlite3 -csv $(secs "$csv_ms") s" "$(ratio "$ms" "$csv_ms")"
  line "  mémoire maximale" "$(mib "$kb") Mo" "sqlite3 $(mib "$csv_kb") Mo" "" "bornée"
  if [ $first = 1 ]; then
    # the same current observations as a workbook (ctg's own export, read back through the
    # streaming reader) against the same rows as CSV: each imported into the plan alone
    "$CTG" --db "$DIR/ctg.db" export observations --format csv -o "$DIR/same.csv"
    "$CTG" --db "$DIR/ctg.db" export observations --format xlsx -o "$DIR/same.xlsx"
    measure 'cp "$DIR/plan.db" "$DIR/csv.db"' "$CTG" --db "$DIR/csv.db" import "$DIR/same.csv"
    same_ms=$ms same_kb=$kb
    measure 'cp "$DIR/plan.db" "$DIR/wb.db"' "$CTG" --db "$DIR/wb.db" import "$DIR/same.xlsx"
    rows_in=$(($(wc -l < "$DIR/same.csv") - 1))
    row "ctg import du classeur .xlsx ($(fr "$rows_in" 0) lignes, $(mib "$(($(wc -c < "$DIR/same.xlsx") / 1024))") Mo)" \
      "$(secs "$ms") s" "même CSV $(secs "$same_ms") s" "$(ratio "$ms" "$same_ms")" "≤" 2
    mem_row "  mémoire maximale" "$kb" "CSV" "$same_kb"
    # a workbook of the shape analysts receive (a territory, a year, a column per measure),
    # read through a mapping (issue 22), against the same rows as CSV through the same mapping
    python3 "$ROOT/tests/bench/gen_wide.py" "$DIR/plan.yaml" "$n" "$DIR/wide-plan.yaml" "$DIR/wide.csv" > "$DIR/wide.ids"
    read -r count ratio < "$DIR/wide.ids"
    "$CTG" "$ROOT/tests/bench/csv_to_xlsx.lua" "$DIR/wide.csv" "$DIR/wide.xlsx"
    cat > "$DIR/wide.lua" <<EOF
source "bench-wide" {
  title = "bench : un territoire et une année par ligne, une colonne par mesure",
  files = { "wide.csv", "wide.xlsx" },
  territory = { column = "territoire", by = "code" },
  period = { column = "annee" },
  values = {
    $count = { indicator = "$count", role = "value" },
    numerateur = { indicator = "$ratio", role = "numerator" },
    denominateur = { indicator = "$ratio", role = "denominator" },
  },
}
EOF
    rm -f "$DIR/wideplan.db"
    "$CTG" --db "$DIR/wideplan.db" import "$DIR/wide-plan.yaml" > /dev/null
    measure 'cp "$DIR/wideplan.db" "$DIR/wcsv.db"' "$CTG" --db "$DIR/wcsv.db" import --using "$DIR/wide.lua" "$DIR/wide.csv"
    wcsv_ms=$ms wcsv_kb=$kb
    # the same observations as a long CSV (ctg's export), read natively: the mapping's cost
    "$CTG" --db "$DIR/wcsv.db" export observations --format csv -o "$DIR/wide-long.csv"
    measure 'cp "$DIR/wideplan.db" "$DIR/wlong.db"' "$CTG" --db "$DIR/wlong.db" import "$DIR/wide-long.csv"
    row "import --using d'un CSV ($(fr "$n" 0) lignes, $(fr "$(($(wc -l < "$DIR/wide-long.csv") - 1))" 0) observations)" \
      "$(secs "$wcsv_ms") s" "CSV long $(secs "$ms") s" "$(ratio "$wcsv_ms" "$ms")" "≤" 2
    mem_row "  mémoire maximale" "$wcsv_kb" "CSV long" "$kb"
    measure 'cp "$DIR/wideplan.db" "$DIR/wxlsx.db"' "$CTG" --db "$DIR/wxlsx.db" import --using "$DIR/wide.lua" "$DIR/wide.xlsx"
    row "import --using d'un .xlsx ($(fr "$n" 0) lignes, $(mib "$(($(wc -c < "$DIR/wide.xlsx") / 1024))") Mo)" \
      "$(secs "$ms") s" "même CSV $(secs "$wcsv_ms") s" "$(ratio "$ms" "$wcsv_ms")" "≤" 2
    mem_row "  mémoire maximale" "$kb" "CSV" "$wcsv_kb"
    a=$("$CTG" --db "$DIR/wcsv.db" export observations --format csv | cut -d';' -f1-6 | sort | sha256sum)
    b=$("$CTG" --db "$DIR/wxlsx.db" export observations --format csv | cut -d';' -f1-6 | sort | sha256sum)
    if [ "$a" = "$b" ]; then echo "  mêmes observations que par le CSV"; else echo "  OBSERVATIONS DIFFÉRENTES de celles du CSV"; fi
  fi
  first=0
done

# ---- issue 27: evaluation that costs what it prints -----------------------------------------
# What the goals mean, as measured here:
# - the default view (the city, the last year) of the same plan in a larger database: a CAF's
#   base holds tens of CTGs, so the large base is the small one (the plan and its first size of
#   observations) with the other sizes' worth of observations of other plans around it (the
#   same plan exported under other ids, each with its own generated observations, imported
#   before and after it). Not one plan with ten times the territories: its root's roll-up must
#   read ten times the rows, and its default view costs what it prints, ten times more.
# - its JSON (the provenance's data fingerprint, kept at import) against sqlite3's GROUP BY
#   over the floor's table of the first size;
# - the all-territories view on the largest size, one generated plan, against that GROUP BY,
#   with its peak memory;
# - the import of each size against the floor.
if wanted slices; then
  echo
  echo "== issue 27 : l'évaluation coûte ce qu'elle imprime ($(passes))"
  header
  small="" default_small=0
  ID=$(sed -n 's/^  id: //p; s/^id: //p' "$DIR/plan.yaml" | head -1)
  for n in $SLICE_ROWS; do
    python3 "$SHARED/gen_from_plan.py" "$DIR/plan.yaml" "$n" "$DIR/s-plan.yaml" "$DIR/s-obs.yaml" > /dev/null
    rm -f "$DIR/s-plan.db" "$DIR/s-floor.db"
    "$CTG" --db "$DIR/s-plan.db" import "$DIR/s-plan.yaml" > /dev/null
    measure 'rm -f "$DIR/s-floor.db"' "$FLOOR" "$DIR/s-obs.yaml" "$DIR/s-floor.db"
    floor_ms=$ms
    measure 'cp "$DIR/s-plan.db" "$DIR/s-ctg.db"' "$CTG" --db "$DIR/s-ctg.db" import "$DIR/s-obs.yaml"
    row "ctg import ($(fr "$n" 0) observations)" "$(secs "$ms") s" "plancher $(secs "$floor_ms") s" \
      "$(ratio "$ms" "$floor_ms")" "≤" 1.3
    measure '' sqlite3 "$DIR/s-floor.db" "SELECT indicator, period, territory, sum(value), sum(numerator), sum(denominator), count(*)
      FROM observation GROUP BY indicator, period, territory"
    sql_ms=$ms
    if [ -z "$small" ]; then
      small=$n
      cp "$DIR/s-ctg.db" "$DIR/s-small.db"
      cp "$DIR/s-plan.yaml" "$DIR/s-small-plan.yaml"; cp "$DIR/s-obs.yaml" "$DIR/s-small-obs.yaml"
      measure '' "$CTG" --db "$DIR/s-small.db" eval --plan "$ID"
      default_small=$ms
      line "ctg eval (vue par défaut), $(fr "$n" 0) observations" "$(secs "$ms") s" "" "" "" ""
      measure '' "$CTG" --db "$DIR/s-small.db" eval --plan "$ID" --format json
      row "ctg eval --format json (vue par défaut), $(fr "$n" 0)" "$(secs "$ms") s" "sqlite3 GROUP BY $(secs "$sql_ms") s" \
        "$(ratio "$ms" "$sql_ms")" "≤" 0.5
      small_out=$(sha256sum < "$DIR/out")
      continue
    fi
    # the small base among other plans up to n observations: half of them imported before it,
    # half after (the plan's own rows in the middle of the file)
    others=$(( (n - small) / small ))
    rm -f "$DIR/s-many.db"
    k=1
    while [ $k -le "$others" ]; do
      [ $k = $(( others / 2 + 1 )) ] && "$CTG" --db "$DIR/s-many.db" import "$DIR/s-small-plan.yaml" "$DIR/s-small-obs.yaml" > /dev/null
      sed "s/^\(  \)\{0,1\}id: $ID\$/\1id: $ID-autre-$k/" "$DIR/plan.yaml" > "$DIR/o-plan.yaml"
      python3 "$SHARED/gen_from_plan.py" "$DIR/o-plan.yaml" "$small" "$DIR/o-bench.yaml" "$DIR/o-obs.yaml" > /dev/null
      "$CTG" --db "$DIR/s-many.db" import "$DIR/o-bench.yaml" "$DIR/o-obs.yaml" > /dev/null
      k=$((k + 1))
    done
    total=$(sqlite3 "$DIR/s-many.db" "SELECT count(*) FROM obs_revision")
    measure '' "$CTG" --db "$DIR/s-many.db" eval --plan "$ID"
    row "ctg eval (vue par défaut), $(fr "$total" 0) / $(fr "$small" 0) ($(fr "$((others + 1))" 0) plans)" "$(secs "$ms") s" \
      "$(fr "$small" 0) : $(secs "$default_small") s" "$(ratio "$ms" "$default_small")" "≤" 1.5
    measure '' "$CTG" --db "$DIR/s-many.db" eval --plan "$ID" --format json
    [ "$(sha256sum < "$DIR/out")" = "$small_out" ] && echo "  mêmes valeurs et même empreinte que dans la base du seul plan" \
      || echo "  SORTIE JSON DIFFÉRENTE de celle de la base du seul plan"
    measure '' "$CTG" --db "$DIR/s-ctg.db" eval --period all --territory all --format csv
    row "ctg eval --period all --territory all, $(fr "$n" 0) (un plan)" "$(secs "$ms") s" "sqlite3 GROUP BY $(secs "$sql_ms") s" \
      "$(ratio "$ms" "$sql_ms")" "≤" 1
    line "  mémoire maximale" "$(mib "$kb") Mo" "" "" "< 128 Mo" "$(met "$kb" "<" 131072)"
  done
fi

# ---- reports: the annual evaluation of the example -----------------------------------------
wanted reports || exit 0
[ "$base_ms" -gt 0 ] || base_ms=$(elapsed_ms "$M" "$CTG" -e '')
echo
echo "== bilan-annuel sur l'exemple (objectif : moins de 0,5 s)"
EX=examples/clermont-ferrand
"$CTG" --db "$DIR/example.db" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv >/dev/null
measure '' "$CTG" --db "$DIR/example.db" report scripts/bilan-annuel.lua --period 2023 --date 2024-03-15 -o "$DIR/bilan.html"
echo "ctg -e '' : $(per "$base_ms" "$M") ms par lancement   bilan-annuel.html : $(secs "$ms") s ($(fr "$(wc -c < "$DIR/bilan.html")" 0) octets)   tenu : $(met "$ms" "<" 500)"
