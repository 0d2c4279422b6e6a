#!/bin/sh
# `make demo`: the main job on the example plan, as far as ctg does it today —
# check the Clermont-Ferrand plan, export it to YAML and JSON, and check the YAML again.
# (Import, evaluation and reports come with the storage, indicator and report work.)
set -e
CTG=${1:-./ctg}
PLAN=examples/clermont-ferrand/plan.lua
OUT=out/demo
mkdir -p "$OUT"

echo "== ctg check $PLAN"
"$CTG" check "$PLAN"

echo
echo "== ctg export $PLAN (YAML and JSON) -> $OUT/"
"$CTG" export "$PLAN" --format yaml -o "$OUT/plan.yaml"
"$CTG" export "$PLAN" --format json -o "$OUT/plan.json"
wc -c "$OUT/plan.yaml" "$OUT/plan.json"

echo
echo "== ctg check $OUT/plan.yaml (the exported plan reads back as the same plan)"
"$CTG" check "$OUT/plan.yaml" | head -2
