#!/bin/sh
# `make demo`: the main job on the example plan, as far as ctg does it today —
# check the Clermont-Ferrand plan, export it, import it with the illustrative data into a
# fresh database, correct a figure and show its history, evaluate the indicators and print
# the findings of the rules, and write the reports for the comité de pilotage.
set -e
CTG=${1:-./ctg}
EX=examples/clermont-ferrand
OUT=out/demo
DB=$OUT/ctg.db
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm"

echo "== ctg check $EX/plan.lua"
"$CTG" check "$EX/plan.lua"

echo
echo "== ctg export: the plan as YAML and JSON in $OUT/ (the YAML reads back as the same plan)"
"$CTG" export "$EX/plan.lua" --format yaml -o "$OUT/plan.yaml"
"$CTG" export "$EX/plan.lua" --format json -o "$OUT/plan.json"
"$CTG" check "$OUT/plan.yaml" | sed -n 2p

echo
echo "== ctg import: the plan and the illustrative data 2020-2023 into a fresh $DB"
"$CTG" --db "$DB" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml \
  "$EX"/data/2022.yaml "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv \
  --source "Tableau de bord Petite Enfance 2023 (fictif)"

echo
echo "== a correction of 2022 figures: a second revision, nothing overwritten"
"$CTG" --db "$DB" import "$EX"/data/corrections-2022.yaml
"$CTG" --db "$DB" history --indicator agents_formes --period 2022 --territory clermont-ferrand | head -3

echo
echo "== ctg plans"
"$CTG" --db "$DB" plans

echo
echo "== ctg export observations -> $OUT/observations.csv (French spreadsheet CSV)"
"$CTG" --db "$DB" export observations --format csv -o "$OUT/observations.csv"
wc -l "$OUT/observations.csv"

echo
echo "== ctg eval: the indicators in 2023 (first rows), then how one value was computed"
"$CTG" --db "$DB" eval --period 2023 | head -12
"$CTG" --db "$DB" eval --explain places_100 --period 2023

echo
echo "== ctg rules: findings on the example (exit code 4 when a critical one fires)"
rc=0
"$CTG" --db "$DB" rules --period 2023 || rc=$?
echo "(ctg rules exited with $rc)"

echo
echo "== ctg report: the annual evaluation for the comité de pilotage"
"$CTG" --db "$DB" report scripts/bilan-annuel.lua --period 2023 -o "$OUT/bilan-annuel-2023.html"
"$CTG" --db "$DB" report scripts/bilan-annuel.lua --period 2023 -o "$OUT/bilan-annuel-2023.md"
"$CTG" --db "$DB" report scripts/tableau-de-bord.lua --period 2023 -o "$OUT/tableau-de-bord-2023.html"
"$CTG" --db "$DB" report scripts/calendrier.lua --period 2023 -o "$OUT/calendrier.html"
"$CTG" --db "$DB" report scripts/couverture-enjeux.lua -o "$OUT/couverture-enjeux.html"
echo "Bilan annuel : $OUT/bilan-annuel-2023.html (and .md); also tableau-de-bord-2023.html, calendrier.html, couverture-enjeux.html"
